// The seed document's three operational examples taken one step further with
// closeloop's C++ API: medication documentation in supported living, falls
// prevention in a residential home, and escalation delays in domiciliary care.
// The scenarios themselves (services, incidents, investigations, plans and
// actions) are told once, in closeloop::sample (closeloop/sample/seed.hpp);
// this program loads each into a Register and shows what a user does next: a
// refusal a real user would hit, then the evidence, check or figures that let
// the action through, and the evaluation that judges it.
//
// Build with the project (target closeloop_example_seed_scenarios) and run it;
// ctest runs it too.
#include <closeloop/core/error.hpp>
#include <closeloop/lifecycle/effectiveness.hpp>
#include <closeloop/lifecycle/register.hpp>
#include <closeloop/metrics/tables.hpp>
#include <closeloop/sample/seed.hpp>
#include <functional>
#include <iostream>
#include <stdexcept>
#include <string>
#include <vector>

namespace cl = closeloop;
namespace lc = closeloop::lifecycle;
namespace metrics = closeloop::metrics;

namespace {

cl::Instant at(const char* text) { return cl::parse_instant(text); }
cl::Date day(const char* text) { return cl::parse_date(text); }

// Runs a call the register must refuse and prints the rule that refused it.
void expect_refusal(const std::string& what, const std::function<void()>& call) {
  try {
    call();
  } catch (const cl::RuleError& error) {
    std::cout << "  refused (" << what << "): " << error.rule() << ": " << error.what() << "\n";
    return;
  }
  throw std::logic_error("the register accepted: " + what);
}

// The actions of a plan and where each stands.
void print_plan(const lc::Register& reg, const char* plan) {
  std::cout << "  plan " << plan << ":";
  for (const lc::Action* action : reg.actions_of(cl::PlanId(plan))) {
    std::cout << " " << action->id << " " << cl::to_string(action->state()) << ";";
  }
  std::cout << "\n";
}

// Adds `counts[i]` incidents in the i-th month after `first`, one every two days.
void add_monthly_incidents(lc::Register& reg, const std::string& service, const std::string& category,
                           cl::Date first, const std::vector<int>& counts, const std::string& prefix) {
  int serial = 0;
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const cl::Date month = lc::add_months_clamped(first, static_cast<int>(i));
    for (int k = 0; k < counts[i]; ++k) {
      lc::Incident incident;
      incident.id = cl::IncidentId(prefix + "-" + std::to_string(++serial));
      incident.service = cl::ServiceId(service);
      incident.occurred_at = cl::start_of(month + boost::gregorian::days(2 * k + 1));
      incident.reported_at = incident.occurred_at;
      incident.category = category;
      incident.harm = cl::Harm::low;
      reg.add_incident(incident);
    }
  }
}

// `months` months of one exposure measure at one service, from `first`.
metrics::ExposureTable monthly(const std::string& service, const std::string& measure, cl::Date first,
                               int months, double value) {
  std::vector<std::int32_t> services(static_cast<std::size_t>(months), 0);
  std::vector<cl::DayNumber> month;
  for (int i = 0; i < months; ++i) month.push_back(cl::to_day_number(lc::add_months_clamped(first, i)));
  const std::vector<std::uint8_t> measures(static_cast<std::size_t>(months),
                                           static_cast<std::uint8_t>(metrics::parse_measure(measure)));
  const std::vector<double> values(static_cast<std::size_t>(months), value);
  return metrics::ExposureTable::from_columns({service}, services, month, measures, values);
}

// A check of an action on a date, passed or not, by the deputy manager.
lc::Check check(const std::string& id, const char* action, cl::Date date, lc::MonitoringKind kind, bool passed) {
  lc::Check c;
  c.id = cl::CheckId(id);
  c.action = cl::ActionId(action);
  c.date = date;
  c.kind = kind;
  c.passed = passed;
  c.by = "Deputy manager Lee Green";
  return c;
}

void medication_documentation() {
  std::cout << "1. Medication documentation in supported living\n";
  lc::Register reg;
  cl::sample::add_medication_documentation(reg);
  print_plan(reg, "P-MED");

  // The competency observations need proof they happen before they count as in place.
  const cl::ActionId observations("A-MED-3");
  expect_refusal("implement without evidence",
                 [&] { reg.implement(observations, at("2026-03-31T17:00"), "Jo Bell"); });
  reg.add_evidence({cl::EvidenceId("E-MED-3"), observations, lc::EvidenceKind::observation, day("2026-03-31"),
                    "Observation log", "Every medication round observed once in March"});
  reg.implement(observations, at("2026-03-31T17:00"), "Jo Bell");

  // The refresher training is in place; verifying it needs a follow-up check.
  const cl::ActionId training("A-MED-2");
  expect_refusal("verify without a follow-up check",
                 [&] { reg.verify(training, at("2026-04-02T10:00"), "Lee Green"); });
  reg.add_check(check("C-MED-3", "A-MED-2", day("2026-04-01"), lc::MonitoringKind::spot_check, true));
  reg.verify(training, at("2026-04-02T10:00"), "Lee Green");

  // The guidance is judged by audit accuracy: at least 95% of 20 MAR charts
  // fully correct. A check that says "passed" must agree with the target.
  const cl::ActionId guidance("A-MED-1");
  lc::Check misleading = check("C-MED-X", "A-MED-1", day("2026-06-01"), lc::MonitoringKind::audit, true);
  misleading.measure = "A-MED-1/accuracy";
  misleading.score = 10;
  misleading.denominator = 22;
  expect_refusal("record \"10 of 22, passed\" against at least 95%", [&] { reg.add_check(misleading); });

  // The audits before the guidance and since; with the scenario's two
  // audits after it, they let the figures judge the change.
  const std::vector<int> correct{15, 16, 14, 15, 17, 16, 20, 19, 20, 20};
  for (std::size_t m = 0; m < correct.size(); ++m) {
    const cl::Date date = m < 6 ? lc::add_months_clamped(day("2025-08-20"), static_cast<int>(m))
                                : lc::add_months_clamped(day("2026-06-20"), static_cast<int>(m - 6));
    lc::Check audit = check("AUD-" + std::to_string(m + 1), "A-MED-1", date, lc::MonitoringKind::audit,
                            correct[m] >= 19);  // 19 of 20 is 95%
    audit.measure = "A-MED-1/accuracy";
    audit.score = correct[m];
    audit.denominator = 20;
    reg.add_check(audit);
  }
  lc::EffectivenessOptions by_audit;
  by_audit.measure_index = 0;
  const lc::Effectiveness audits =
      lc::evaluate_effectiveness(reg, guidance, metrics::ExposureTable(), day("2026-09-30"), by_audit);
  std::cout << "  audit accuracy: " << audits.summary() << "\n";
  print_plan(reg, "P-MED");
}

void falls_prevention() {
  std::cout << "2. Falls prevention in a residential home\n";
  lc::Register reg;
  cl::sample::add_falls_prevention(reg);
  print_plan(reg, "P-FALLS");

  // The mobility assessments: started, shown to be in place, checked at the
  // weekly governance meeting.
  const cl::ActionId assessments("A-FALLS-1");
  reg.start(assessments, at("2026-02-09T09:00"), "Jo Bell");
  reg.add_evidence({cl::EvidenceId("E-FALLS-2"), assessments, lc::EvidenceKind::document, day("2026-03-05"),
                    "Care plans", "Updated mobility risk assessment in every resident's care plan"});
  reg.implement(assessments, at("2026-03-06T17:00"), "Jo Bell");
  expect_refusal("verify without a follow-up check",
                 [&] { reg.verify(assessments, at("2026-03-09T10:00"), "Kim Lee"); });
  reg.add_check(check("C-FALLS-2", "A-FALLS-1", day("2026-03-10"), lc::MonitoringKind::governance_meeting, true));
  reg.verify(assessments, at("2026-03-10T18:00"), "Kim Lee");
  expect_refusal("evaluate before the observation window", [&] {
    reg.evaluate(assessments, at("2026-04-01T10:00"), "Ana Costa", lc::Verdict::effective, "early");
  });

  // Falls by month at Oak House (40 beds, about 1,200 occupied bed days a
  // month), a year before the assessments and the months since; January 2026
  // adds one to the scenario's four.
  const cl::Date first = day("2025-02-01");
  add_monthly_incidents(reg, "RH-1", "fall", first, {5, 4, 6, 5, 7, 4, 5, 6, 5, 4, 6, 1, 5, 2, 1, 2, 1, 2, 1, 1},
                        "F");
  lc::EffectivenessOptions outcome;
  outcome.measure_index = 1;  // falls per 1,000 occupied bed days
  const lc::Effectiveness effect = lc::evaluate_effectiveness(
      reg, assessments, monthly("RH-1", "occupied_bed_days", first, 20, 1200.0), day("2026-10-01"), outcome);
  reg.evaluate(assessments, at("2026-10-01T10:00"), "Ana Costa", effect.verdict, effect.summary());
  std::cout << "  Oak House: " << effect.summary() << "\n";
  print_plan(reg, "P-FALLS");
}

void escalation_delays() {
  std::cout << "3. Escalation delays in domiciliary care\n";
  lc::Register reg;
  cl::sample::add_escalation_delays(reg);
  print_plan(reg, "P-SG");

  // The organisation-wide plan was refused: nothing under it can be agreed.
  lc::Action elsewhere = reg.action(cl::ActionId("A-SG-1"));
  elsewhere.id = cl::ActionId("A-SG-ORG");
  elsewhere.plan = cl::PlanId("P-SG-ORG");
  elsewhere.measures.front().id = "A-SG-ORG/hours";
  reg.add_action(elsewhere);
  expect_refusal("agree under a refused plan",
                 [&] { reg.agree(elsewhere.id, at("2026-02-21T10:00"), "Omar Haddad"); });

  // The pathway itself: approved, agreed, put in place.
  const cl::ActionId pathway("A-SG-1");
  reg.approve_plan(cl::PlanId("P-SG"), "Nominated individual Ruth Adams", day("2026-02-20"));
  reg.agree(pathway, at("2026-02-21T10:00"), "Ruth Adams");
  reg.start(pathway, at("2026-02-23T09:00"), "Jo Bell");
  reg.add_evidence({cl::EvidenceId("E-SG-1"), pathway, lc::EvidenceKind::policy_version, day("2026-03-16"),
                    "SG-04 v2", "Escalation pathway with a single on-call number issued"});
  reg.implement(pathway, at("2026-03-16T17:00"), "Jo Bell");

  // Weekly median hours from a care worker's concern to a supervisor hearing
  // of it, from call-log reviews: twelve weeks before the pathway, twelve after.
  const std::vector<double> hours{6.5, 8.0, 5.5, 7.0, 9.5, 6.0, 7.5, 8.5, 6.5, 7.0, 5.0, 8.0,
                                  2.0, 1.5, 1.0, 1.2, 0.8, 1.1, 0.9, 0.7, 1.0, 0.8, 0.6, 0.9};
  std::vector<cl::CheckId> passing;
  for (std::size_t week = 0; week < hours.size(); ++week) {
    const cl::Date date = week < 12 ? day("2025-12-08") + boost::gregorian::weeks(static_cast<long>(week))
                                    : day("2026-03-23") + boost::gregorian::weeks(static_cast<long>(week - 12));
    lc::Check review = check("LOG-" + std::to_string(week + 1), "A-SG-1", date,
                             lc::MonitoringKind::call_log_review, hours[week] <= 1.5);  // the target decides
    review.measure = "A-SG-1/hours";
    review.value = hours[week];
    review.unit = "hours";
    reg.add_check(review);
    if (review.passed) passing.push_back(review.id);
  }
  reg.verify(pathway, at("2026-03-31T17:00"), "Ruth Adams");  // the first review within 1.5 hours
  expect_refusal("evaluate before the observation window", [&] {
    reg.evaluate(pathway, at("2026-04-01T10:00"), "Ruth Adams", lc::Verdict::effective, "early", passing);
  });

  // Evaluated from the reviews: Hodges-Lehmann shift and Mann-Whitney test,
  // XmR of the weekly means with limits from the twelve weeks before.
  lc::EffectivenessOptions weekly;
  weekly.measure_index = 0;
  weekly.period = metrics::PeriodKind::week;
  const lc::Effectiveness effect =
      lc::evaluate_effectiveness(reg, pathway, metrics::ExposureTable(), day("2026-06-15"), weekly);
  reg.evaluate(pathway, at("2026-06-15T10:00"), "Ruth Adams", effect.verdict, effect.summary(), passing);
  std::cout << "  Home Care East: " << effect.summary() << "\n  action A-SG-1 is now "
            << cl::to_string(reg.action(pathway).state()) << "\n";
}

}  // namespace

int main() {
  try {
    medication_documentation();
    falls_prevention();
    escalation_delays();
  } catch (const std::exception& error) {
    std::cerr << "seed scenarios: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
