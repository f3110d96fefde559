// The seed's three operational examples walked from incident to evaluated
// improvement with real dates, including the refusals a real user would hit.
#include <gtest/gtest.h>

#include "closeloop/lifecycle/quality.hpp"
#include "closeloop/lifecycle/register.hpp"
#include "closeloop/lifecycle/signals.hpp"
#include "closeloop/sample/records.hpp"
#include "fixtures.hpp"

namespace closeloop::lifecycle {
namespace {

using testing::at;
using testing::d;

namespace records = closeloop::sample::records;
using records::monitoring;

// The scenario's records from text dates; each builds on the record builders.
Measure measure(MeasureKind kind, const char* what, const char* how, const char* level,
                const char* by, const char* who) {
  return records::measure(kind, what, how, level, d(by), who);
}

// An incident reported two hours after it occurred, about resident R-<id>.
Incident incident(const char* id, const char* service, const char* when, const char* category,
                  Harm harm, const char* description) {
  const Instant occurred = at(when);
  return records::incident(id, service, occurred, occurred + boost::posix_time::hours(2), category,
                           harm, std::string("R-") + id, description);
}

Check check(const char* id, const char* action, const char* date, MonitoringKind kind, bool passed,
            double score, double out_of, const char* by) {
  return records::check(id, action, d(date), kind, passed, score, out_of, by);
}

Evidence evidence(const char* id, const char* action, EvidenceKind kind, const char* date,
                  const char* reference, const char* summary) {
  return {EvidenceId(id), ActionId(action), kind, d(date), reference, summary};
}

// Example 1: a supported living provider, incorrect dosage documentation.
TEST(SeedExamples, MedicationDocumentationInSupportedLiving) {
  Register reg;
  reg.add_service({ServiceId("SL-ELM"), "Elm Court", "supported_living", 8, "North"});
  reg.add_incident(incident("MED-101", "SL-ELM", "2026-01-14T08:40", "medication_error", Harm::low,
                            "Evening dose of lorazepam recorded as given twice on the MAR"));
  reg.add_investigation({InvestigationId("AAR-7"),
                         {IncidentId("MED-101")},
                         InvestigationMethod::after_action_review,
                         "Priya Shah",
                         d("2026-01-15"),
                         d("2026-01-29"),
                         "Unclear documentation procedure; inconsistent understanding of the MAR",
                         {ContributingFactor::documentation, ContributingFactor::staff_knowledge}});
  reg.add_plan(records::plan("PLAN-MED", "AAR-7", ServiceId("SL-ELM"), d("2026-01-30")));
  reg.approve_plan(PlanId("PLAN-MED"), "Jo Bell", d("2026-02-02"));

  Action guidance = records::action(
      "MED-A1", "PLAN-MED", "Publish MAR documentation guidance v3 with worked examples",
      d("2026-01-30"), {ContributingFactor::documentation}, "Jo Bell", d("2026-02-27"),
      InterventionType::policy_procedure);
  guidance.measures = {measure(MeasureKind::process, "MAR charts completed to guidance v3",
                               "monthly audit of 20 MAR charts", "at least 95% fully correct",
                               "2026-05-31", "Deputy manager")};
  guidance.monitoring = {monitoring(MonitoringKind::audit, Recurrence::monthly_last_day(),
                                    "Deputy manager")};
  reg.add_action(guidance);

  Action training = guidance;
  training.id = ActionId("MED-A2");
  training.title = "Provide refresher training";
  training.intervention = InterventionType::training;
  training.measures.clear();
  training.monitoring = {monitoring(MonitoringKind::competency_observation,
                                    Recurrence::monthly_on_day(15), "Senior support worker Ana Ruiz")};
  reg.add_action(training);

  // Two weaker actions only: the plan is flagged, and the training is vague.
  auto findings = lint_plan(reg, PlanId("PLAN-MED"));
  std::vector<std::string> rules;
  for (const auto& f : findings) rules.push_back(f.rule);
  EXPECT_EQ(rules, (std::vector<std::string>{"agree.requires_measure", "quality.vague_wording",
                                             "quality.plan_all_weaker"}));

  // Refusal 1: agreeing the training without a measure.
  const Register before = reg;
  try {
    reg.agree(ActionId("MED-A2"), at("2026-02-03T10:00"), "Jo Bell");
    FAIL() << "agreed an action without a measure";
  } catch (const TransitionError& error) {
    EXPECT_EQ(error.rule(), "agree.requires_measure");
    EXPECT_STREQ(error.what(), "action \"MED-A2\": no measure of success");
  }
  EXPECT_TRUE(reg == before);

  training.title = "Refresher MAR training for all 14 staff by 27 February";
  training.measures = {measure(MeasureKind::process, "Staff passing the MAR competency observation",
                               "monthly competency observation of each staff member",
                               "14 of 14 staff pass", "2026-04-30", "Senior support worker Ana Ruiz")};
  reg.update_action(training, at("2026-02-03T09:30"), "Jo Bell", "measure added");
  Action observations = guidance;
  observations.id = ActionId("MED-A3");
  observations.title = "Monthly competency observation with the MAR round checklist";
  observations.intervention = InterventionType::checklist;
  observations.due = d("2026-03-15");
  observations.monitoring = {monitoring(MonitoringKind::spot_check, Recurrence::weekly(Weekday::thursday),
                                        "Shift leader")};
  reg.add_action(observations);
  findings = lint_plan(reg, PlanId("PLAN-MED"));
  EXPECT_TRUE(findings.empty());

  for (const char* id : {"MED-A1", "MED-A2", "MED-A3"}) {
    reg.agree(ActionId(id), at("2026-02-03T10:00"), "Jo Bell", "agreed at governance");
    reg.start(ActionId(id), at("2026-02-04T09:00"), "Jo Bell");
  }
  reg.add_evidence(evidence("EV-1", "MED-A1", EvidenceKind::policy_version, "2026-02-20",
                            "MED-07 v3", "Guidance v3 issued to all staff"));
  reg.implement(ActionId("MED-A1"), at("2026-02-20T16:00"), "Jo Bell");

  // Refusal 2: verifying without a follow-up check.
  try {
    reg.verify(ActionId("MED-A1"), at("2026-02-21T10:00"), "Jo Bell");
    FAIL() << "verified without a follow-up check";
  } catch (const TransitionError& error) {
    EXPECT_EQ(error.rule(), "verify.requires_follow_up_check");
  }
  reg.add_check(check("AUD-1", "MED-A1", "2026-02-28", MonitoringKind::audit, false, 16, 20,
                      "Deputy manager"));
  reg.add_check(check("AUD-2", "MED-A1", "2026-03-31", MonitoringKind::audit, true, 19, 20,
                      "Deputy manager"));
  reg.verify(ActionId("MED-A1"), at("2026-04-01T10:00"), "Jo Bell", "March audit 95%");

  // Refusal 3: evaluating too early (implemented 20 February; 90 days is 21 May).
  try {
    reg.evaluate(ActionId("MED-A1"), at("2026-04-30T10:00"), "Jo Bell", Verdict::effective,
                 "audits improved", {CheckId("AUD-2")});
    FAIL() << "evaluated too early";
  } catch (const TransitionError& error) {
    EXPECT_EQ(error.rule(), "evaluate.too_early");
    EXPECT_NE(std::string(error.what()).find("not before 2026-05-21"), std::string::npos);
  }
  reg.add_check(check("AUD-3", "MED-A1", "2026-04-30", MonitoringKind::audit, true, 20, 20,
                      "Deputy manager"));
  reg.add_check(check("AUD-4", "MED-A1", "2026-05-29", MonitoringKind::audit, true, 19, 20,
                      "Deputy manager"));
  // "Within three months, audit results showed improved documentation accuracy".
  reg.evaluate(ActionId("MED-A1"), at("2026-05-29T15:00"), "Jo Bell", Verdict::effective,
               "MAR audit 80% in February, 95-100% March to May",
               {CheckId("AUD-1"), CheckId("AUD-2"), CheckId("AUD-3"), CheckId("AUD-4")});
  reg.add_review({ReviewId("QA-2026-06"), Forum::quality_assurance, d("2026-06-04"),
                  {PlanId("PLAN-MED")}, {}, "MED-A1 adopted across supported living"});
  reg.close(ActionId("MED-A1"), at("2026-06-04T12:00"), "Jo Bell", Decision::adopt,
            ReviewId("QA-2026-06"));
  EXPECT_EQ(reg.action(ActionId("MED-A1")).state(), ActionState::closed);

  // Sustainment: the three-month audit falls due on 4 September.
  const auto sustainment = sustainment_checks(reg, ActionId("MED-A1"), d("2026-09-18"));
  ASSERT_EQ(sustainment.size(), 2U);
  EXPECT_EQ(sustainment[0].due, d("2026-09-04"));
  EXPECT_TRUE(faded_after_closure(reg, d("2026-09-18")).empty());
  EXPECT_EQ(faded_after_closure(reg, d("2026-09-19")).size(), 1U);
  reg.add_check(check("AUD-9", "MED-A1", "2026-09-03", MonitoringKind::audit, true, 20, 20,
                      "Deputy manager"));
  EXPECT_TRUE(faded_after_closure(reg, d("2026-09-19")).empty());
}

// Example 2: a residential home after several falls.
TEST(SeedExamples, FallsPreventionInAResidentialHome) {
  Register reg;
  reg.add_service({ServiceId("RH-OAK"), "Oak House", "residential", 40, "South"});
  reg.add_incident(incident("F-1", "RH-OAK", "2026-01-03T02:10", "fall", Harm::low,
                            "Unwitnessed fall in corridor at night"));
  reg.add_incident(incident("F-2", "RH-OAK", "2026-01-09T06:30", "fall", Harm::moderate,
                            "Fall from bed; wrist fracture"));
  reg.add_incident(incident("F-3", "RH-OAK", "2026-01-17T22:45", "fall", Harm::none,
                            "Slipped in bathroom"));
  reg.add_investigation({InvestigationId("TR-1"),
                         {IncidentId("F-1"), IncidentId("F-2"), IncidentId("F-3")},
                         InvestigationMethod::thematic_review,
                         "Sam Okafor",
                         d("2026-01-19"),
                         d("2026-02-02"),
                         "Environmental risks at night; mobility assessments out of date",
                         {ContributingFactor::environment, ContributingFactor::assessment,
                          ContributingFactor::training}});
  ActionPlan plan = records::plan("PLAN-FALLS", "TR-1", ServiceId("RH-OAK"), d("2026-02-03"));
  plan.review_interval_days = 7;  // weekly clinical governance meetings
  reg.add_plan(plan);
  reg.approve_plan(PlanId("PLAN-FALLS"), "Dr Helen Moss", d("2026-02-04"));

  Action assess = records::action(
      "FALL-A1", "PLAN-FALLS", "Re-assess mobility of all 38 residents with the updated falls risk tool",
      d("2026-02-03"), {ContributingFactor::assessment}, "Clinical lead Sam Okafor", d("2026-03-06"),
      InterventionType::checklist);
  Measure falls = records::of_rate(
      measure(MeasureKind::outcome, "Falls per 1,000 occupied bed days",
              "incident trend monitoring, u-chart rebased at implementation",
              "a sustained fall below the 2025 baseline", "2026-08-31", "Quality analyst"),
      "fall", "RH-OAK", "occupied_bed_days");
  falls.direction = Direction::decrease;
  assess.measures = {falls};
  assess.monitoring = {monitoring(MonitoringKind::governance_meeting,
                                  Recurrence::weekly(Weekday::wednesday), "Home manager")};
  reg.add_action(assess);

  // Owned by a committee: refused until a person owns it.
  Action environment = assess;
  environment.id = ActionId("FALL-A2");
  environment.title = "Night lighting and sensor mats in corridors and 12 bedrooms";
  environment.factors = {ContributingFactor::environment};
  environment.owner = "Health and safety committee";
  environment.intervention = InterventionType::physical_change;
  reg.add_action(environment);
  const Register before = reg;
  try {
    reg.agree(ActionId("FALL-A2"), at("2026-02-04T14:00"), "Dr Helen Moss");
    FAIL() << "agreed an action owned by a committee";
  } catch (const TransitionError& error) {
    EXPECT_EQ(error.rule(), "agree.owner_is_person");
  }
  EXPECT_TRUE(reg == before);
  environment.owner = "Maintenance lead Chris Dale";
  reg.update_action(environment, at("2026-02-04T13:00"), "Dr Helen Moss", "named owner");

  Action physio = assess;
  physio.id = ActionId("FALL-A3");
  physio.title = "Weekly physiotherapy sessions for the 9 residents at high risk";
  physio.intervention = InterventionType::staffing_change;
  reg.add_action(physio);
  EXPECT_EQ(strength_profile(reg, PlanId("PLAN-FALLS")), (StrengthProfile{1, 2, 0}));

  for (const char* id : {"FALL-A1", "FALL-A2", "FALL-A3"}) {
    reg.agree(ActionId(id), at("2026-02-04T14:00"), "Dr Helen Moss");
    reg.start(ActionId(id), at("2026-02-05T09:00"), "Home manager Ruth Lane");
  }
  reg.add_evidence(evidence("EV-F1", "FALL-A2", EvidenceKind::document, "2026-02-27",
                            "Works order 4471", "Lighting and sensor mats fitted"));
  reg.implement(ActionId("FALL-A2"), at("2026-02-27T17:00"), "Maintenance lead Chris Dale");

  // Weekly governance meetings: one missed week shows up after the tolerance.
  reg.add_check(check("CG-1", "FALL-A2", "2026-02-11", MonitoringKind::governance_meeting, true, 1,
                      1, "Home manager"));
  reg.add_check(check("CG-3", "FALL-A2", "2026-02-25", MonitoringKind::governance_meeting, true, 1,
                      1, "Home manager"));
  const auto missed = missed_monitoring(reg, d("2026-02-22"));
  // Wednesdays from the agreement on Wednesday 4 February: 4, 11 and 18
  // February have closed their 3-day windows by the 22nd. FALL-A1 and FALL-A3
  // have no record of any (3 each); FALL-A2 lacks 4 and 18 February.
  ASSERT_EQ(missed.size(), 8U);
  EXPECT_EQ(missed[3], (MissedMonitoring{ActionId("FALL-A2"), MonitoringKind::governance_meeting,
                                         d("2026-02-04"), 3}));
  EXPECT_EQ(missed[4], (MissedMonitoring{ActionId("FALL-A2"), MonitoringKind::governance_meeting,
                                         d("2026-02-18"), 3}));

  // Refusal: verification needs the follow-up environmental check after 27 February.
  reg.add_check(check("ENV-0", "FALL-A2", "2026-02-27", MonitoringKind::spot_check, true, 12, 12,
                      "Maintenance lead Chris Dale"));
  EXPECT_THROW(reg.verify(ActionId("FALL-A2"), at("2026-03-02T10:00"), "Dr Helen Moss"),
               TransitionError);
  reg.add_check(check("ENV-1", "FALL-A2", "2026-03-13", MonitoringKind::spot_check, true, 12, 12,
                      "Night senior carer Lee Park"));
  reg.verify(ActionId("FALL-A2"), at("2026-03-13T18:00"), "Dr Helen Moss");

  // A fall at Oak House after implementation is a recurrence.
  reg.add_incident(incident("F-4", "RH-OAK", "2026-03-20T03:00", "fall", Harm::none,
                            "Found on floor beside bed"));
  const auto recurred = recurrences(reg, d("2026-03-20"));
  ASSERT_EQ(recurred.size(), 1U);
  EXPECT_EQ(recurred[0].actions, std::vector<ActionId>{ActionId("FALL-A2")});
  EXPECT_EQ(recurred[0].incident, IncidentId("F-4"));
  EXPECT_TRUE(recurrences(reg, d("2026-03-19")).empty());

  // Evaluated after the 90-day window (27 February + 90 days = 28 May).
  EXPECT_THROW(reg.evaluate(ActionId("FALL-A2"), at("2026-05-27T10:00"), "Dr Helen Moss",
                            Verdict::effective, "falls rate fell"),
               TransitionError);
  reg.evaluate(ActionId("FALL-A2"), at("2026-05-28T10:00"), "Dr Helen Moss", Verdict::effective,
               "falls per 1,000 OBD: 3 in January, 1 from March to May");
  reg.add_review({ReviewId("CG-2026-06-03"), Forum::clinical_governance, d("2026-06-03"), {},
                  {ActionId("FALL-A2")}, "Adopt; share with the other two homes"});
  reg.close(ActionId("FALL-A2"), at("2026-06-03T16:00"), "Dr Helen Moss", Decision::adopt,
            ReviewId("CG-2026-06-03"));
  EXPECT_EQ(reg.action(ActionId("FALL-A2")).state(), ActionState::closed);
}

// Example 3: domiciliary care, escalation delays found by a safeguarding enquiry.
TEST(SeedExamples, EscalationDelaysInDomiciliaryCare) {
  Register reg;
  reg.add_service({ServiceId("DOM-RIV"), "Riverside Home Care", "domiciliary", 0, "East"});
  reg.add_service({ServiceId("DOM-HIL"), "Hillside Home Care", "domiciliary", 0, "East"});
  Incident concern = incident("SG-12", "DOM-RIV", "2026-02-09T11:00", "safeguarding",
                              Harm::none, "Bruising seen on a visit; supervisor told two days later");
  concern.psychological_harm = PsychologicalHarm::moderate;
  concern.notifiable = true;
  concern.notification_due = duty_of_candour_due(d("2026-02-11"));
  reg.add_incident(concern);
  EXPECT_EQ(reg.incident(IncidentId("SG-12")).worst_harm(), WorstHarm::psychological_moderate);
  EXPECT_EQ(reg.incident(IncidentId("SG-12")).notification_due, d("2026-02-25"));
  reg.add_investigation({InvestigationId("SE-3"),
                         {IncidentId("SG-12")},
                         InvestigationMethod::safeguarding_enquiry,
                         "Nadia Hussain",
                         d("2026-02-12"),
                         d("2026-03-02"),
                         "Care workers unsure how to escalate urgent concerns out of hours",
                         {ContributingFactor::escalation, ContributingFactor::communication}});
  reg.add_plan(records::plan("PLAN-ESC", "SE-3", std::nullopt, d("2026-03-03")));  // organisation-wide
  reg.approve_plan(PlanId("PLAN-ESC"), "Nominated individual Mark Evans", d("2026-03-04"));
  reg.add_escalation_path({EscalationPathId("EP-STD"),
                           "standard",
                           {{EscalationKind::remind, -7, 3, -1, "owner"},
                            {EscalationKind::escalate, 1, 0, std::nullopt, "registered_manager"},
                            {EscalationKind::escalate, 14, 0, std::nullopt,
                             "nominated_individual"}}});
  reg.set_default_escalation_path(EscalationPathId("EP-STD"));

  Action pathway = records::action(
      "ESC-A1", "PLAN-ESC", "Urgent-concern button in the care app paging the on-call supervisor",
      d("2026-03-03"), {ContributingFactor::escalation, ContributingFactor::communication},
      "Nadia Hussain", d("2026-04-10"), InterventionType::software_enhancement);
  pathway.measures = {measure(MeasureKind::process, "Urgent concerns escalated within 1 hour",
                              "monthly review of call logs against incident reports",
                              "at least 90% within 1 hour", "2026-07-31", "Quality lead"),
                      measure(MeasureKind::balancing, "Non-urgent calls to the on-call supervisor",
                              "on-call log count per month", "no more than 20% above February",
                              "2026-07-31", "Quality lead")};
  pathway.monitoring = {
      monitoring(MonitoringKind::call_log_review, Recurrence::monthly_last_day(), "Quality lead", 5),
      monitoring(MonitoringKind::supervision, Recurrence::every_n_weeks(4, d("2026-03-16")),
                 "Field supervisor Kay Doyle", 7)};
  reg.add_action(pathway);
  reg.agree(ActionId("ESC-A1"), at("2026-03-04T10:00"), "Mark Evans");
  reg.start(ActionId("ESC-A1"), at("2026-03-05T09:00"), "Nadia Hussain");

  // Reminders before the due date, and escalation once it is missed.
  EXPECT_EQ(escalations_due(reg, d("2026-04-03")).size(), 1U);
  EXPECT_EQ(escalations_due(reg, d("2026-04-03"))[0].recipient, "owner");
  EXPECT_TRUE(escalations_due(reg, d("2026-04-04")).empty());
  EXPECT_EQ(escalations_due(reg, d("2026-04-11"))[0].recipient, "registered_manager");
  EXPECT_EQ(overdue_actions(reg, d("2026-04-11")).size(), 1U);

  reg.add_evidence(evidence("EV-E1", "ESC-A1", EvidenceKind::document, "2026-04-14",
                            "App release 5.2", "Urgent-concern button live for all care workers"));
  reg.implement(ActionId("ESC-A1"), at("2026-04-14T12:00"), "Nadia Hussain");
  EXPECT_TRUE(escalations_due(reg, d("2026-04-24")).empty());  // implemented: no more
  reg.add_check(check("CL-04", "ESC-A1", "2026-04-30", MonitoringKind::call_log_review, true, 9,
                      10, "Quality lead"));
  reg.verify(ActionId("ESC-A1"), at("2026-05-01T10:00"), "Mark Evans");

  // Refusal: evaluating too early (14 April + 90 days = 13 July).
  const Register before = reg;
  try {
    reg.evaluate(ActionId("ESC-A1"), at("2026-06-30T10:00"), "Mark Evans", Verdict::effective,
                 "", {CheckId("CL-04")});
    FAIL() << "evaluated too early";
  } catch (const TransitionError& error) {
    EXPECT_EQ(error.rule(), "evaluate.too_early");
    EXPECT_STREQ(error.what(),
                 "action \"ESC-A1\": evaluated 77 days after implementation on 2026-04-14; plan "
                 "\"PLAN-ESC\" needs at least 90 days (not before 2026-07-13)");
  }
  EXPECT_TRUE(reg == before);
  reg.add_check(check("CL-05", "ESC-A1", "2026-05-29", MonitoringKind::call_log_review, true, 11,
                      12, "Quality lead"));
  reg.add_check(check("CL-06", "ESC-A1", "2026-06-30", MonitoringKind::call_log_review, true, 14,
                      15, "Quality lead"));
  reg.evaluate(ActionId("ESC-A1"), at("2026-07-13T10:00"), "Mark Evans", Verdict::effective,
               "", {CheckId("CL-04"), CheckId("CL-05"), CheckId("CL-06")});

  // Share the learning with the other branch.
  reg.add_share({ShareId("SH-ESC"), PlanId("PLAN-ESC"), Channel::leadership_update,
                 d("2026-07-15"), {{ServiceId("DOM-HIL"), std::nullopt, std::nullopt, std::nullopt}},
                 "Urgent-concern button and pathway"});
  EXPECT_EQ(learning_not_spread(reg, d("2026-07-30")).size(), 1U);
  reg.record_adoption(ShareId("SH-ESC"), ServiceId("DOM-HIL"), true, d("2026-07-28"));
  EXPECT_TRUE(learning_not_spread(reg, d("2026-07-30")).empty());

  reg.add_review({ReviewId("QA-2026-07"), Forum::quality_assurance, d("2026-07-20"),
                  {PlanId("PLAN-ESC")}, {}, "Adopt organisation-wide"});
  reg.close(ActionId("ESC-A1"), at("2026-07-20T15:00"), "Mark Evans", Decision::adopt,
            ReviewId("QA-2026-07"));
  EXPECT_EQ(reg.action(ActionId("ESC-A1")).state(), ActionState::closed);
  EXPECT_FALSE(reg.plan_is_open(PlanId("PLAN-ESC")));
}

}  // namespace
}  // namespace closeloop::lifecycle
