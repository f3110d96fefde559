#pragma once
/// \file
/// The seed document's three operational examples, told once with fixed
/// dates: medication documentation in supported living (carried through to
/// closure, with a share to a second service), falls prevention in a
/// residential home (an environmental action found not effective and
/// reopened) and escalation delays in domiciliary care (an escalation path, a
/// plan awaiting approval and a refused one). Each is a template over anything
/// with the Register's mutation API, so the same calls fill a
/// `lifecycle::Register` or drive a `store::Store`; the three use distinct ids
/// and can share one register. The store's tests and the seed example program
/// build on them. The sample provider (provider.hpp) tells the same three
/// stories again inside a generated provider, dated from its as_of.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "closeloop/core/date.hpp"
#include "closeloop/lifecycle/register.hpp"
#include "closeloop/sample/records.hpp"

namespace closeloop::sample {

/// Small builders shared by the scenarios (and by tests that add records in
/// the same style).
namespace seed_detail {

namespace lc = closeloop::lifecycle;
using namespace records;  // NOLINT(google-build-using-namespace): the record builders

/// A measure in the scenarios' house style (monthly audit, at least 95%).
inline lc::Measure house_measure(lc::MeasureKind kind, std::string what, Date by) {
  return measure(kind, std::move(what), "monthly audit", "at least 95%", by,
                 "Quality lead Sam Ortiz");
}

/// Monitoring by the deputy manager on a recurrence.
inline lc::Monitoring house_monitoring(lc::MonitoringKind kind, lc::Recurrence recurrence) {
  return monitoring(kind, std::move(recurrence), "Deputy manager Lee Green");
}

/// An action with an owner, a process measure and monthly spot checks.
inline lc::Action action(const std::string& id, const std::string& plan, std::string title,
                         lc::InterventionType type, Date proposed, Date due) {
  auto a = records::action(id, plan, std::move(title), proposed,
                           {lc::ContributingFactor::documentation}, "Registered manager Jo Bell",
                           due, type);
  a.description = "from the learning response";
  a.measures = {house_measure(lc::MeasureKind::process, "documentation accuracy", due)};
  a.monitoring = {house_monitoring(lc::MonitoringKind::spot_check, lc::Recurrence::monthly_on_day(1))};
  a.evidence_required = "audit result";
  return a;
}

}  // namespace seed_detail

/// Example 1: medication documentation in supported living, carried through
/// to closure, with a share to a second service.
template <class R>
void add_medication_documentation(R& r) {
  using namespace seed_detail;  // NOLINT(google-build-using-namespace)
  r.add_service({ServiceId("SL-1"), "Riverside Supported Living", "supported_living", 12, "North"});
  r.add_service({ServiceId("SL-2"), "Hillview Supported Living", "supported_living", 9, "North"});
  auto inc = incident("MED-1", "SL-1", when("2026-01-06T08:10"), when("2026-01-06T09:30"),
                      "medication_error", Harm::low, "P-0193",
                      "Incorrect dosage documented on the MAR chart, \"5ml\" for 2.5ml");
  inc.psychological_harm = PsychologicalHarm::low;
  r.add_incident(inc);
  r.add_investigation(investigation("INV-MED", {IncidentId("MED-1")},
                                    lc::InvestigationMethod::root_cause_analysis, "Priya Shah",
                                    day("2026-01-07")));
  r.conclude_investigation(InvestigationId("INV-MED"), day("2026-01-20"),
                           "Unclear documentation procedure; inconsistent understanding of the MAR",
                           {lc::ContributingFactor::documentation,
                            lc::ContributingFactor::staff_knowledge});
  auto medication = plan("P-MED", "INV-MED", ServiceId("SL-1"), day("2026-01-21"));
  medication.reach_threshold = 0.75;  // three in four staff must have read and signed
  r.add_plan(medication);
  r.approve_plan(PlanId("P-MED"), "Nominated individual Ruth Adams", day("2026-01-23"));
  auto guidance = action("A-MED-1", "P-MED", "Update the medication documentation guidance",
                         lc::InterventionType::policy_procedure, day("2026-01-21"),
                         day("2026-02-28"));
  // Audit accuracy, a proportion with a target: the audits below record it.
  guidance.measures.front().id = "A-MED-1/accuracy";
  guidance.measures.front().kind_of_value = metrics::SeriesKind::proportion;
  guidance.measures.front().direction = lc::Direction::increase;
  guidance.measures.front().target = 0.95;
  r.add_action(guidance);
  auto training = action("A-MED-2", "P-MED", "Refresher training on MAR recording for all staff",
                         lc::InterventionType::training, day("2026-01-21"), day("2026-03-15"));
  training.factors = {lc::ContributingFactor::staff_knowledge};
  r.add_action(training);
  auto observations = action("A-MED-3", "P-MED", "Monthly competency observations of medication rounds",
                             lc::InterventionType::checklist, day("2026-01-21"), day("2026-03-31"));
  observations.monitoring = {house_monitoring(lc::MonitoringKind::competency_observation,
                                        lc::Recurrence::monthly_last_day())};
  r.add_action(observations);
  r.agree(ActionId("A-MED-1"), when("2026-01-24T11:00"), "Jo Bell");
  r.start(ActionId("A-MED-1"), when("2026-01-26T09:00"), "Jo Bell", "drafting");
  r.add_evidence({EvidenceId("E-MED-1"), ActionId("A-MED-1"), lc::EvidenceKind::policy_version,
                  day("2026-02-10"), "MED-POL-07 v3", "Guidance v3 issued"});
  r.implement(ActionId("A-MED-1"), when("2026-02-11T10:00"), "Jo Bell");
  auto audit = check("C-MED-1", "A-MED-1", day("2026-03-02"), lc::MonitoringKind::audit, true, 19,
                     20, "Deputy manager Lee Green", "19 of 20 MAR charts fully correct");
  audit.measure = "A-MED-1/accuracy";
  r.add_check(audit);
  r.verify(ActionId("A-MED-1"), when("2026-03-03T10:00"), "Lee Green");
  lc::Check later = audit;
  later.id = CheckId("C-MED-2");
  later.date = day("2026-05-04");
  later.score = 20;
  later.note = "20 of 20";
  r.add_check(later);
  r.evaluate(ActionId("A-MED-1"), when("2026-05-15T14:00"), "Sam Ortiz", lc::Verdict::effective,
             "errors fell from 6 to 1 per quarter", {CheckId("C-MED-1"), CheckId("C-MED-2")});
  lc::GovernanceReview review;
  review.id = ReviewId("R-MED-1");
  review.forum = lc::Forum::clinical_governance;
  review.date = day("2026-05-20");
  review.plans = {PlanId("P-MED")};
  review.actions = {ActionId("A-MED-1")};
  review.decisions = "Adopt the guidance across supported living";
  r.add_review(review);
  r.close(ActionId("A-MED-1"), when("2026-05-21T09:00"), "Ruth Adams", lc::Decision::adopt,
          ReviewId("R-MED-1"), "signed off");
  r.agree(ActionId("A-MED-2"), when("2026-01-24T11:30"), "Jo Bell");
  r.start(ActionId("A-MED-2"), when("2026-02-01T09:00"), "Jo Bell");
  r.add_evidence({EvidenceId("E-MED-2"), ActionId("A-MED-2"), lc::EvidenceKind::training_record,
                  day("2026-03-10"), "TR-2026-031", "11 of 12 staff trained"});
  r.implement(ActionId("A-MED-2"), when("2026-03-12T16:00"), "Jo Bell");
  r.agree(ActionId("A-MED-3"), when("2026-01-25T10:00"), "Jo Bell");
  r.start(ActionId("A-MED-3"), when("2026-02-01T10:00"), "Jo Bell");
  lc::LearningShare share;
  share.id = ShareId("SH-MED-1");
  share.plan = PlanId("P-MED");
  share.channel = lc::Channel::leadership_update;
  share.date = day("2026-05-22");
  share.targets = {{ServiceId("SL-2"), std::nullopt, std::nullopt, std::nullopt}};
  share.summary = "MAR guidance v3 and the competency observation checklist";
  r.add_share(share);
  r.acknowledge_share(ShareId("SH-MED-1"), ServiceId("SL-2"), day("2026-05-25"));
  r.record_adoption(ShareId("SH-MED-1"), ServiceId("SL-2"), true, day("2026-06-05"));
  // Hillview's reach over time: 4 of 9 staff, then 8 of 9, then 7 of 8 after a leaver.
  r.record_briefing({ShareId("SH-MED-1"), ServiceId("SL-2"), day("2026-06-01"), 4, 9,
                     "Hillview manager Dev Patel", "day team"});
  r.record_briefing({ShareId("SH-MED-1"), ServiceId("SL-2"), day("2026-06-15"), 8, 9,
                     "Hillview manager Dev Patel", "night team, \"read and signed\""});
  r.record_briefing({ShareId("SH-MED-1"), ServiceId("SL-2"), day("2026-07-01"), 7, 8,
                     "Hillview manager Dev Patel", ""});
}

/// Example 2: falls prevention in a residential home after several falls; an
/// environmental action found not effective and reopened, an edit recorded.
template <class R>
void add_falls_prevention(R& r) {
  using namespace seed_detail;  // NOLINT(google-build-using-namespace)
  r.add_service({ServiceId("RH-1"), "Oak House", "residential", 40, "South"});
  std::vector<IncidentId> falls;
  const char* times[] = {"2026-01-03T22:15", "2026-01-11T06:40", "2026-01-19", "2026-01-27T14:05"};
  for (int i = 0; i < 4; ++i) {
    const Instant occurred = when(times[i]);
    auto inc = incident("FALL-" + std::to_string(i + 1), "RH-1", occurred,
                        occurred + boost::posix_time::hours(2), "fall",
                        i == 2 ? Harm::moderate : Harm::low, "P-02" + std::to_string(i % 2),
                        "Found on floor in bedroom");
    if (i == 2) {
      inc.notifiable = true;
      inc.notification_due = day("2026-02-02");
    }
    r.add_incident(inc);
    falls.push_back(inc.id);
  }
  r.add_investigation(concluded(
      investigation("INV-FALLS", falls, lc::InvestigationMethod::thematic_review,
                    "Clinical lead Ana Costa", day("2026-01-28")),
      day("2026-02-06"), "Environmental risks; gaps in mobility assessments",
      {lc::ContributingFactor::environment, lc::ContributingFactor::assessment,
       lc::ContributingFactor::training}));
  auto plan = records::plan("P-FALLS", "INV-FALLS", ServiceId("RH-1"), day("2026-02-06"));
  plan.approver = "Registered manager Kim Lee";
  plan.approval = lc::Approval::approved;
  plan.decided_on = day("2026-02-07");
  plan.review_interval_days = 7;
  plan.min_observation_days = 60;
  plan.sustainment_months = {3, 6, 12};
  r.add_plan(plan);
  auto assessments = action("A-FALLS-1", "P-FALLS", "Updated mobility risk assessment for every resident",
                            lc::InterventionType::checklist, day("2026-02-06"), day("2026-03-06"));
  assessments.factors = {lc::ContributingFactor::assessment};
  assessments.monitoring = {house_monitoring(lc::MonitoringKind::governance_meeting,
                                       lc::Recurrence::weekly(lc::Weekday::tuesday))};
  auto outcome = of_rate(measure(lc::MeasureKind::outcome, "falls per 1,000 occupied bed days",
                                 "incident trend monitoring, u chart", "down by a third",
                                 day("2026-09-30"), "Ana Costa"),
                         "fall", "RH-1", "occupied_bed_days");
  outcome.direction = lc::Direction::decrease;
  outcome.target = 4.5;
  assessments.measures.push_back(outcome);
  r.add_action(assessments);
  auto environment = action("A-FALLS-2", "P-FALLS", "Environmental safety checks and bedroom sensor mats",
                            lc::InterventionType::physical_change, day("2026-02-06"), day("2026-03-20"));
  environment.factors = {lc::ContributingFactor::environment};
  r.add_action(environment);
  auto physio = action("A-FALLS-3", "P-FALLS", "Physiotherapy for residents at high risk",
                       lc::InterventionType::staffing_change, day("2026-02-06"), day("2026-04-30"));
  r.add_action(physio);
  r.agree(ActionId("A-FALLS-2"), when("2026-02-08T10:00"), "Kim Lee");
  r.start(ActionId("A-FALLS-2"), when("2026-02-09T10:00"), "Kim Lee");
  r.add_evidence({EvidenceId("E-FALLS-1"), ActionId("A-FALLS-2"), lc::EvidenceKind::observation,
                  day("2026-03-01"), "walkround 2026-03-01", "mats fitted in 12 rooms"});
  r.implement(ActionId("A-FALLS-2"), when("2026-03-02T10:00"), "Kim Lee");
  r.add_check(check("C-FALLS-1", "A-FALLS-2", day("2026-03-09"), lc::MonitoringKind::spot_check,
                     true, std::nullopt, std::nullopt, "Night lead"));
  r.verify(ActionId("A-FALLS-2"), when("2026-03-10T10:00"), "Kim Lee");
  r.evaluate(ActionId("A-FALLS-2"), when("2026-05-12T10:00"), "Ana Costa", lc::Verdict::not_effective,
             "falls rate unchanged: 5.1 vs 5.3 per 1,000 OBD");
  r.reopen(ActionId("A-FALLS-2"), when("2026-05-13T10:00"), "Ana Costa", "not effective: redesign");
  auto changed = environment;
  changed.title = "Environmental safety checks, sensor mats and night lighting";
  changed.due = day("2026-07-31");
  r.update_action(changed, when("2026-05-14T09:00"), "Kim Lee", "extended after evaluation");
  r.agree(ActionId("A-FALLS-1"), when("2026-02-08T11:00"), "Kim Lee");
  r.cancel(ActionId("A-FALLS-3"), when("2026-02-20T09:00"), "Kim Lee",
           "physiotherapy commissioned by the ICB instead");
  lc::GovernanceReview weekly;
  weekly.id = ReviewId("R-FALLS-1");
  weekly.forum = lc::Forum::clinical_governance;
  weekly.date = day("2026-02-17");
  weekly.plans = {PlanId("P-FALLS")};
  weekly.decisions = "progress noted";
  r.add_review(weekly);
}

/// Example 3: escalation delays in domiciliary care; an escalation path, a
/// plan awaiting approval and a refused one.
template <class R>
void add_escalation_delays(R& r) {
  using namespace seed_detail;  // NOLINT(google-build-using-namespace)
  r.add_category("late_call");
  r.add_service({ServiceId("DOM-1"), "Home Care East", "domiciliary", 0, "East"});
  auto inc = incident("SG-1", "DOM-1", when("2026-02-02T17:45"), when("2026-02-04T09:00"),
                      "safeguarding", Harm::none, "P-0777",
                      "Care worker's concern about a client reached the supervisor two days late");
  inc.psychological_harm = PsychologicalHarm::moderate;
  r.add_incident(inc);
  lc::Incident late = inc;
  late.id = IncidentId("LC-1");
  late.category = "late_call";
  late.psychological_harm = PsychologicalHarm::none;
  late.description = "Teatime call 90 minutes late";
  r.add_incident(late);
  lc::EscalationPath path;
  path.id = EscalationPathId("ESC-STD");
  path.name = "Standard reminders";
  path.steps = {{lc::EscalationKind::remind, -7, 3, -1, "owner"},
                {lc::EscalationKind::escalate, 1, 0, std::nullopt, "registered_manager"},
                {lc::EscalationKind::escalate, 14, 0, std::nullopt, "nominated_individual"}};
  r.add_escalation_path(path);
  r.set_default_escalation_path(EscalationPathId("ESC-STD"));
  auto inv = investigation("INV-SG", {IncidentId("SG-1"), IncidentId("LC-1")},
                           lc::InvestigationMethod::safeguarding_enquiry,
                           "Safeguarding lead Omar Haddad", day("2026-02-05"));
  inv.factors = {lc::ContributingFactor::communication, lc::ContributingFactor::escalation};
  r.add_investigation(inv);
  auto plan = records::plan("P-SG", "INV-SG", std::nullopt, day("2026-02-12"));
  plan.escalation_path = EscalationPathId("ESC-STD");
  r.add_plan(plan);
  auto pathway = action("A-SG-1", "P-SG", "Revised escalation pathway with a single on-call number",
                        lc::InterventionType::simplification, day("2026-02-12"), day("2026-03-31"));
  pathway.factors = {lc::ContributingFactor::escalation, lc::ContributingFactor::communication};
  pathway.monitoring = {house_monitoring(lc::MonitoringKind::call_log_review,
                                   lc::Recurrence::every_n_weeks(2, day("2026-03-02"))),
                        house_monitoring(lc::MonitoringKind::supervision,
                                   lc::Recurrence::quarterly(day("2026-03-15")))};
  pathway.monitoring[0].starts = day("2026-03-02");
  pathway.monitoring[0].tolerance_days = 5;
  // Time to escalate, a duration in hours with a target of at most 1.5.
  pathway.measures.front().id = "A-SG-1/hours";
  pathway.measures.front().kind_of_value = metrics::SeriesKind::duration;
  pathway.measures.front().unit = "hours";
  pathway.measures.front().target = 1.5;
  r.add_action(pathway);
  auto log = check("C-SG-1", "A-SG-1", day("2026-03-04"), lc::MonitoringKind::call_log_review, false,
                   std::nullopt, std::nullopt, "", "median of the fortnight's urgent calls");
  log.measure = "A-SG-1/hours";
  log.value = 2.25;
  log.unit = "hours";
  r.add_check(log);
  lc::ActionPlan org = plan;
  org.id = PlanId("P-SG-ORG");
  org.escalation_path.reset();
  r.add_plan(org);
  r.refuse_plan(PlanId("P-SG-ORG"), "Board", day("2026-02-20"), "covered by P-SG");
}

/// All three examples in one register or store.
template <class R>
void add_seed_scenarios(R& r) {
  add_medication_documentation(r);
  add_falls_prevention(r);
  add_escalation_delays(r);
}

}  // namespace closeloop::sample
