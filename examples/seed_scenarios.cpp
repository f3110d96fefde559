// The seed document's three operational examples, each walked from incident to
// evaluated improvement with closeloop's C++ API: medication documentation in
// supported living, falls prevention in a residential home, and escalation
// delays in domiciliary care. Each shows a refusal a real user would hit, then
// the evidence, check and figures that let the action through.
//
// Build with the project (target closeloop_example_seed_scenarios) and run it;
// ctest runs it too.
#include <closeloop/core/error.hpp>
#include <closeloop/lifecycle/effectiveness.hpp>
#include <closeloop/lifecycle/register.hpp>
#include <closeloop/metrics/spc.hpp>
#include <closeloop/metrics/tables.hpp>
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
metrics::ExposureTable monthly(const std::string& service, const std::string& measure,
                               cl::Date first, int months, double value) {
  std::vector<std::int32_t> services(static_cast<std::size_t>(months), 0);
  std::vector<cl::DayNumber> month;
  for (int i = 0; i < months; ++i) month.push_back(cl::to_day_number(lc::add_months_clamped(first, i)));
  const std::vector<std::uint8_t> measures(static_cast<std::size_t>(months),
                                           static_cast<std::uint8_t>(metrics::parse_measure(measure)));
  const std::vector<double> values(static_cast<std::size_t>(months), value);
  return metrics::ExposureTable::from_columns({service}, services, month, measures, values);
}

lc::Action outcome_action(const char* id, const char* plan, const char* title, const char* owner,
                          const char* category, const char* denominator, lc::InterventionType type) {
  lc::Action action;
  action.id = cl::ActionId(id);
  action.plan = cl::PlanId(plan);
  action.title = title;
  action.owner = owner;
  action.intervention = type;
  lc::Measure measure;
  measure.kind = lc::MeasureKind::outcome;
  measure.what = std::string(category) + " per 1,000 " + denominator;
  measure.how = "monthly u-chart";
  measure.level = "below the 2025 rate";
  measure.by = day("2026-09-30");
  measure.measured_by = "Deputy manager";
  measure.category = category;
  measure.denominator = denominator;
  measure.direction = lc::Direction::decrease;
  action.measures = {measure};
  lc::Monitoring monitoring;
  monitoring.kind = lc::MonitoringKind::spot_check;
  monitoring.recurrence = lc::Recurrence::monthly_on_day(1);
  monitoring.by = "Shift leader";
  action.monitoring = {monitoring};
  return action;
}

// The shared path of the two outcome scenarios: plan, action, refusals,
// implementation, follow-up check, and the evaluated verdict.
void walk_outcome_scenario(lc::Register& reg, lc::Action action, const char* service,
                           const metrics::ExposureTable& exposure) {
  const cl::ActionId id = action.id;
  action.proposed_on = day("2026-02-03");
  action.due = day("2026-03-06");
  reg.add_action(action);
  reg.agree(id, at("2026-02-04T14:00"), "Registered manager");
  reg.start(id, at("2026-02-05T09:00"), action.owner);
  expect_refusal("implement without evidence",
                 [&] { reg.implement(id, at("2026-02-27T17:00"), action.owner); });
  reg.add_evidence({cl::EvidenceId(id.str() + "-EV"), id, lc::EvidenceKind::document, day("2026-02-27"),
                    "Change record", "Change in place"});
  reg.implement(id, at("2026-02-27T17:00"), action.owner);
  expect_refusal("verify without a follow-up check",
                 [&] { reg.verify(id, at("2026-03-02T10:00"), "Registered manager"); });
  lc::Check check;
  check.id = cl::CheckId(id.str() + "-CHK");
  check.action = id;
  check.date = day("2026-03-13");
  check.passed = true;
  check.by = "Deputy manager";
  reg.add_check(check);
  reg.verify(id, at("2026-03-13T18:00"), "Registered manager");
  expect_refusal("evaluate before the observation window", [&] {
    reg.evaluate(id, at("2026-04-01T10:00"), "Registered manager", lc::Verdict::effective, "early");
  });
  const lc::Effectiveness effect = lc::evaluate_effectiveness(reg, id, exposure, day("2026-10-01"));
  reg.evaluate(id, at("2026-10-01T10:00"), "Registered manager", effect.verdict, effect.summary());
  std::cout << "  " << service << ": " << effect.summary() << "\n  action " << id << " is now "
            << cl::to_string(reg.action(id).state()) << "\n";
}

void medication_documentation() {
  std::cout << "1. Medication documentation in supported living\n";
  lc::Register reg;
  const cl::Date first = day("2025-02-01");
  reg.add_service({cl::ServiceId("SL-ELM"), "Elm Court", "supported_living", 8, "North"});
  add_monthly_incidents(reg, "SL-ELM", "medication_error", first,
                        {4, 5, 3, 4, 6, 4, 5, 4, 3, 5, 4, 5, 3, 1, 2, 1, 1, 0, 1, 1}, "MED");
  lc::Investigation inv{cl::InvestigationId("AAR-7"), {cl::IncidentId("MED-49")},
                        lc::InvestigationMethod::after_action_review, "Priya Shah", day("2026-01-15"),
                        day("2026-01-29"), "Unclear MAR documentation procedure",
                        {lc::ContributingFactor::documentation, lc::ContributingFactor::staff_knowledge}};
  reg.add_investigation(inv);
  lc::ActionPlan plan;
  plan.id = cl::PlanId("PLAN-MED");
  plan.investigation = inv.id;
  plan.scope = cl::ServiceId("SL-ELM");
  plan.created_on = day("2026-01-30");
  reg.add_plan(plan);
  reg.approve_plan(plan.id, "Jo Bell", day("2026-02-02"));

  lc::Action training = outcome_action("MED-A2", "PLAN-MED", "Provide refresher training", "Jo Bell",
                                       "medication_error", "doses_administered",
                                       lc::InterventionType::training);
  training.proposed_on = day("2026-01-30");
  training.due = day("2026-02-27");
  training.measures.clear();
  reg.add_action(training);
  expect_refusal("agree an action without a measure",
                 [&] { reg.agree(training.id, at("2026-02-03T10:00"), "Jo Bell"); });

  lc::Action checklist = outcome_action("MED-A1", "PLAN-MED", "MAR checklist at every medication round",
                                        "Jo Bell", "medication_error", "doses_administered",
                                        lc::InterventionType::checklist);
  // The seed judges this one by audit accuracy: a monthly audit of 20 MAR
  // charts, at least 95% fully correct. Checks record each audit's result.
  lc::Measure accuracy;
  accuracy.kind = lc::MeasureKind::process;
  accuracy.id = "MED-A1/accuracy";
  accuracy.what = "MAR documentation accuracy";
  accuracy.how = "monthly audit of 20 MAR charts";
  accuracy.level = "at least 95% of charts fully correct";
  accuracy.by = day("2026-09-30");
  accuracy.measured_by = "Deputy manager";
  accuracy.kind_of_value = metrics::SeriesKind::proportion;
  accuracy.direction = lc::Direction::increase;
  accuracy.target = 0.95;
  checklist.measures.push_back(accuracy);
  walk_outcome_scenario(reg, checklist, "Elm Court",
                        monthly("SL-ELM", "doses_administered", first, 20, 2400.0));

  // Audits from August 2025 to September 2026 (February 2026, the month of
  // the change, is left out of the comparison as a transition).
  const std::vector<int> correct{15, 16, 14, 15, 17, 16, 17, 19, 20, 19, 20, 20, 19, 20};
  for (std::size_t m = 0; m < correct.size(); ++m) {
    lc::Check audit;
    audit.id = cl::CheckId("AUD-" + std::to_string(m + 1));
    audit.action = checklist.id;
    audit.date = lc::add_months_clamped(day("2025-08-20"), static_cast<int>(m));
    audit.kind = lc::MonitoringKind::audit;
    audit.measure = accuracy.id;
    audit.score = correct[m];
    audit.denominator = 20;
    audit.passed = correct[m] >= 19;  // 19 of 20 is 95%
    audit.by = "Deputy manager";
    reg.add_check(audit);
  }
  lc::Check misleading;
  misleading.id = cl::CheckId("AUD-X");
  misleading.action = checklist.id;
  misleading.date = day("2026-09-28");
  misleading.kind = lc::MonitoringKind::audit;
  misleading.measure = accuracy.id;
  misleading.score = 10;
  misleading.denominator = 22;
  misleading.passed = true;
  expect_refusal("record \"10 of 22, passed\" against at least 95%",
                 [&] { reg.add_check(misleading); });
  lc::EffectivenessOptions by_audit;
  by_audit.measure_index = 1;
  const lc::Effectiveness audits =
      lc::evaluate_effectiveness(reg, checklist.id, metrics::ExposureTable(), day("2026-09-30"),
                                 by_audit);
  if (audits.verdict != lc::Verdict::effective) {
    throw std::logic_error("audit accuracy was expected to be effective: " + audits.reason);
  }
  std::cout << "  Elm Court audits: " << audits.summary() << "\n";
}

void falls_prevention() {
  std::cout << "2. Falls prevention in a residential home\n";
  lc::Register reg;
  const cl::Date first = day("2025-02-01");
  reg.add_service({cl::ServiceId("RH-OAK"), "Oak House", "residential", 40, "North"});
  add_monthly_incidents(reg, "RH-OAK", "fall", first,
                        {5, 4, 6, 5, 7, 4, 5, 6, 5, 4, 6, 5, 3, 2, 1, 2, 1, 2, 1, 1}, "F");
  reg.add_investigation({cl::InvestigationId("TR-1"),
                         {cl::IncidentId("F-58"), cl::IncidentId("F-59"), cl::IncidentId("F-60")},
                         lc::InvestigationMethod::thematic_review, "Ruth Lane", day("2026-01-19"),
                         day("2026-01-30"), "Poor night lighting; mobility assessments out of date",
                         {lc::ContributingFactor::environment, lc::ContributingFactor::assessment}});
  lc::ActionPlan plan;
  plan.id = cl::PlanId("PLAN-FALLS");
  plan.investigation = cl::InvestigationId("TR-1");
  plan.scope = cl::ServiceId("RH-OAK");
  plan.created_on = day("2026-02-03");
  reg.add_plan(plan);
  reg.approve_plan(plan.id, "Dr Helen Moss", day("2026-02-04"));
  walk_outcome_scenario(reg,
                        outcome_action("FALL-A2", "PLAN-FALLS", "Night lighting and sensor mats",
                                       "Chris Dale", "fall", "occupied_bed_days",
                                       lc::InterventionType::physical_change),
                        "Oak House", monthly("RH-OAK", "occupied_bed_days", first, 20, 1200.0));
}

void escalation_delays() {
  std::cout << "3. Escalation delays in domiciliary care\n";
  lc::Register reg;
  reg.add_service({cl::ServiceId("DOM-EAST"), "East Branch", "domiciliary", 0, "East"});
  lc::Incident concern;
  concern.id = cl::IncidentId("SG-12");
  concern.service = cl::ServiceId("DOM-EAST");
  concern.occurred_at = at("2026-01-06T07:50");
  concern.reported_at = at("2026-01-07T16:20");
  concern.category = "safeguarding";
  concern.harm = cl::Harm::moderate;
  reg.add_incident(concern);
  reg.add_investigation({cl::InvestigationId("SGE-3"), {concern.id},
                         lc::InvestigationMethod::safeguarding_enquiry, "Sam Okafor", day("2026-01-08"),
                         day("2026-01-23"), "No clear route for urgent concerns out of hours",
                         {lc::ContributingFactor::escalation, lc::ContributingFactor::communication}});
  lc::ActionPlan plan;
  plan.id = cl::PlanId("PLAN-ESC");
  plan.investigation = cl::InvestigationId("SGE-3");
  plan.scope = concern.service;
  plan.created_on = day("2026-01-26");
  reg.add_plan(plan);
  reg.approve_plan(plan.id, "Asha Patel", day("2026-01-27"));

  lc::Action pathway;
  pathway.id = cl::ActionId("ESC-A1");
  pathway.plan = plan.id;
  pathway.title = "On-call escalation line with a 1-hour call-back standard";
  pathway.proposed_on = day("2026-01-26");
  pathway.owner = "Lee Grant";
  pathway.due = day("2026-02-20");
  pathway.intervention = lc::InterventionType::simplification;
  lc::Measure measure;
  measure.kind = lc::MeasureKind::process;
  measure.id = "ESC-A1/hours";
  measure.what = "Hours from concern to supervisor";
  measure.how = "weekly call-log review";
  measure.level = "median under 1.5 hours";
  measure.by = day("2026-06-30");
  measure.measured_by = "Care coordinator";
  measure.kind_of_value = metrics::SeriesKind::duration;
  measure.unit = "hours";
  measure.direction = lc::Direction::decrease;
  measure.target = 1.5;
  pathway.measures = {measure};
  lc::Monitoring review;
  review.kind = lc::MonitoringKind::call_log_review;
  review.recurrence = lc::Recurrence::weekly(lc::Weekday::monday);
  review.by = "Care coordinator";
  pathway.monitoring = {review};
  reg.add_action(pathway);
  reg.agree(pathway.id, at("2026-01-27T11:00"), "Asha Patel");
  reg.start(pathway.id, at("2026-01-28T09:00"), "Lee Grant");
  reg.add_evidence({cl::EvidenceId("EV-E1"), pathway.id, lc::EvidenceKind::policy_version,
                    day("2026-02-16"), "SG-04 v2", "Escalation pathway issued"});
  reg.implement(pathway.id, at("2026-02-16T17:00"), "Lee Grant");

  // Weekly median hours from a care worker's concern to a supervisor hearing of
  // it, from call-log reviews: twelve weeks before the new pathway, twelve after.
  const std::vector<double> hours{6.5, 8.0, 5.5, 7.0, 9.5, 6.0, 7.5, 8.5, 6.5, 7.0, 5.0, 8.0,
                                  2.0, 1.5, 1.0, 1.2, 0.8, 1.1, 0.9, 0.7, 1.0, 0.8, 0.6, 0.9};
  std::vector<cl::CheckId> passing;
  for (std::size_t week = 0; week < hours.size(); ++week) {
    lc::Check check;
    check.id = cl::CheckId("LOG-" + std::to_string(week + 1));
    check.action = pathway.id;
    check.date = week < 12 ? day("2025-11-26") + boost::gregorian::weeks(static_cast<long>(week))
                           : day("2026-02-23") + boost::gregorian::weeks(static_cast<long>(week - 12));
    check.kind = lc::MonitoringKind::call_log_review;
    check.measure = measure.id;
    check.value = hours[week];
    check.unit = "hours";
    check.passed = hours[week] <= 1.5;  // the target decides, not the reviewer
    check.by = "Care coordinator";
    reg.add_check(check);
    if (check.passed) passing.push_back(check.id);
  }
  reg.verify(pathway.id, at("2026-03-09T17:00"), "Asha Patel");
  expect_refusal("evaluate before the observation window", [&] {
    reg.evaluate(pathway.id, at("2026-04-01T10:00"), "Asha Patel", lc::Verdict::effective, "early",
                 passing);
  });

  // Evaluated from the reviews: Hodges-Lehmann shift and Mann-Whitney test,
  // XmR of the weekly means with limits from the twelve weeks before.
  lc::EffectivenessOptions weekly;
  weekly.measure_index = 0;
  weekly.period = metrics::PeriodKind::week;
  const lc::Effectiveness effect = lc::evaluate_effectiveness(
      reg, pathway.id, metrics::ExposureTable(), day("2026-05-18"), weekly);
  reg.evaluate(pathway.id, at("2026-05-18T10:00"), "Asha Patel", effect.verdict, effect.summary(),
               passing);
  std::cout << "  East Branch: " << effect.summary() << "\n  action ESC-A1 is now "
            << cl::to_string(reg.action(pathway.id).state()) << "\n";
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
