// Signals as of a date: each one on a dated scenario whose answer flips
// between one day and the next.
#include <gtest/gtest.h>

#include "closeloop/lifecycle/register.hpp"
#include "closeloop/lifecycle/signals.hpp"
#include "fixtures.hpp"

namespace closeloop::lifecycle {
namespace {

using testing::add_check;
using testing::add_evidence;
using testing::at;
using testing::at_state;
using testing::d;
using testing::good_action;
using testing::kA;
using testing::small_register;

TEST(Signals, OverdueFromTheDayAfterTheDueDate) {
  const Register reg = at_state(ActionState::in_progress);  // due 2026-03-31
  EXPECT_TRUE(overdue_actions(reg, d("2026-03-31")).empty());
  const auto overdue = overdue_actions(reg, d("2026-04-01"));
  ASSERT_EQ(overdue.size(), 1U);
  EXPECT_EQ(overdue[0], (OverdueAction{kA, PlanId("P-1"), "Amira Khan", d("2026-03-31"), 1,
                                       ActionState::in_progress}));
  // Implemented actions are not overdue; a proposed one is not yet committed.
  EXPECT_TRUE(overdue_actions(at_state(ActionState::implemented), d("2026-04-01")).empty());
  EXPECT_TRUE(overdue_actions(at_state(ActionState::proposed), d("2026-04-01")).empty());
  // As of a past date, the state then counts: in progress on 31 January.
  Register late = at_state(ActionState::implemented);
  EXPECT_TRUE(overdue_actions(late, d("2026-01-31")).empty());
}

TEST(Signals, StaleAfterThirtyDaysWithoutActivity) {
  Register reg = at_state(ActionState::agreed);  // last event 10 January
  EXPECT_TRUE(stale_actions(reg, d("2026-02-09")).empty());
  const auto stale = stale_actions(reg, d("2026-02-10"));
  ASSERT_EQ(stale.size(), 1U);
  EXPECT_EQ(stale[0], (StaleAction{kA, PlanId("P-1"), d("2026-01-10"), 31, ActionState::agreed}));
  // Evidence counts as activity, but only once it is dated.
  add_evidence(reg, "E-1", "2026-02-05");
  EXPECT_TRUE(stale_actions(reg, d("2026-02-10")).empty());
  EXPECT_EQ(stale_actions(reg, d("2026-02-04")).size(), 0U);  // 25 days since 10 January
  EXPECT_EQ(stale_actions(reg, d("2026-03-08")).size(), 1U);  // 31 days since 5 February
  EXPECT_EQ(stale_actions(reg, d("2026-03-08"), 31).size(), 0U);
  // Closed actions are never stale.
  EXPECT_TRUE(stale_actions(at_state(ActionState::closed), d("2027-01-01")).empty());
}

TEST(Signals, UnreviewedPlanAfterItsInterval) {
  Register reg = at_state(ActionState::agreed);  // plan created 5 January, interval 30 days
  EXPECT_TRUE(unreviewed_plans(reg, d("2026-02-04")).empty());
  auto unreviewed = unreviewed_plans(reg, d("2026-02-05"));
  ASSERT_EQ(unreviewed.size(), 1U);
  EXPECT_EQ(unreviewed[0], (UnreviewedPlan{PlanId("P-1"), std::nullopt, d("2026-02-04"), 1}));
  testing::add_review(reg, "R-1", "2026-02-01");
  EXPECT_TRUE(unreviewed_plans(reg, d("2026-03-03")).empty());
  unreviewed = unreviewed_plans(reg, d("2026-03-04"));
  ASSERT_EQ(unreviewed.size(), 1U);
  EXPECT_EQ(unreviewed[0].last_review, d("2026-02-01"));
  // A plan whose actions are all closed is no longer open.
  EXPECT_TRUE(unreviewed_plans(at_state(ActionState::closed), d("2026-12-01")).empty());
}

TEST(Signals, MissedMonitoringAfterTheTolerance) {
  // Agreed 10 January; spot checks monthly on the 1st, tolerance 3 days.
  Register reg = at_state(ActionState::agreed);
  EXPECT_EQ(monitoring_schedule(reg, kA, 0, d("2026-03-15")),
            (std::vector<Date>{d("2026-02-01"), d("2026-03-01")}));
  EXPECT_TRUE(missed_monitoring(reg, d("2026-02-04")).empty());
  const auto missed = missed_monitoring(reg, d("2026-02-05"));
  ASSERT_EQ(missed.size(), 1U);
  EXPECT_EQ(missed[0], (MissedMonitoring{kA, MonitoringKind::spot_check, d("2026-02-01"), 3}));
  // A spot check two days early covers it; an audit does not.
  add_check(reg, "C-1", "2026-01-29", true, MonitoringKind::audit);
  EXPECT_EQ(missed_monitoring(reg, d("2026-02-05")).size(), 1U);
  add_check(reg, "C-2", "2026-01-30", true);
  EXPECT_TRUE(missed_monitoring(reg, d("2026-02-05")).empty());
  EXPECT_EQ(missed_monitoring(reg, d("2026-03-05")).size(), 1U);
}

TEST(Signals, RecurrenceAfterImplementation) {
  Register reg = at_state(ActionState::implemented);  // implemented 1 February at S-1
  Incident same = reg.incident(IncidentId("I-1"));
  same.id = IncidentId("I-2");
  same.occurred_at = at("2026-02-02T07:45");
  same.reported_at = at("2026-02-02T09:00");
  reg.add_incident(same);
  Incident same_day = same;
  same_day.id = IncidentId("I-3");
  same_day.occurred_at = at("2026-02-01T20:00");
  same_day.reported_at = at("2026-02-01T21:00");
  reg.add_incident(same_day);
  EXPECT_TRUE(recurrences(reg, d("2026-02-01")).empty());
  auto found = recurrences(reg, d("2026-02-02"));
  ASSERT_EQ(found.size(), 1U);
  EXPECT_EQ(found[0], (RecurrenceSignal{PlanId("P-1"), {kA}, IncidentId("I-2"), ServiceId("S-1"),
                                        "medication_error", d("2026-02-01"), d("2026-02-02"),
                                        RecurrenceReason::same_category_and_service,
                                        std::nullopt}));

  // A fall at S-1 whose investigation found the same documentation factor.
  Incident fall = testing::records::incident("I-4", "S-1", at("2026-02-10T14:00"),
                                             at("2026-02-10T14:30"), "fall", Harm::none);
  reg.add_incident(fall);
  Incident elsewhere = fall;  // the same at S-2, outside the plan's scope
  elsewhere.id = IncidentId("I-5");
  elsewhere.service = ServiceId("S-2");
  reg.add_incident(elsewhere);
  Investigation inv;
  inv.id = InvestigationId("INV-2");
  inv.incidents = {IncidentId("I-4"), IncidentId("I-5")};
  inv.opened = d("2026-02-11");
  inv.factors = {ContributingFactor::documentation, ContributingFactor::environment};
  reg.add_investigation(inv);
  EXPECT_EQ(recurrences(reg, d("2026-02-10")).size(), 1U);  // INV-2 not opened yet
  found = recurrences(reg, d("2026-02-11"));
  ASSERT_EQ(found.size(), 2U);
  EXPECT_EQ(found[1].incident, IncidentId("I-4"));
  EXPECT_EQ(found[1].reason, RecurrenceReason::same_contributing_factor);
  EXPECT_EQ(found[1].factor, ContributingFactor::documentation);
}

TEST(Signals, LearningNotSpread) {
  Register reg = small_register();
  LearningShare share;
  share.id = ShareId("SH-1");
  share.plan = PlanId("P-1");
  share.date = d("2026-04-01");
  share.targets = {{ServiceId("S-2"), std::nullopt, std::nullopt, std::nullopt}};
  reg.add_share(share);
  EXPECT_TRUE(learning_not_spread(reg, d("2026-04-15")).empty());
  auto gaps = learning_not_spread(reg, d("2026-04-16"));
  ASSERT_EQ(gaps.size(), 1U);
  EXPECT_EQ(gaps[0], (SpreadSignal{ShareId("SH-1"), PlanId("P-1"), ServiceId("S-2"),
                                   SpreadGap::not_acknowledged, d("2026-04-15"), std::nullopt, 0.0}));
  reg.acknowledge_share(ShareId("SH-1"), ServiceId("S-2"), d("2026-04-10"));
  EXPECT_TRUE(learning_not_spread(reg, d("2026-04-29")).empty());
  gaps = learning_not_spread(reg, d("2026-04-30"));
  ASSERT_EQ(gaps.size(), 1U);
  EXPECT_EQ(gaps[0].gap, SpreadGap::adoption_undecided);
  EXPECT_EQ(gaps[0].due, d("2026-04-29"));
  reg.record_adoption(ShareId("SH-1"), ServiceId("S-2"), false, d("2026-04-30"));
  EXPECT_TRUE(learning_not_spread(reg, d("2026-04-30")).empty());
  EXPECT_EQ(learning_not_spread(reg, d("2026-04-30"), 14, 27).size(), 0U);
}

TEST(Signals, FadedAfterClosure) {
  // Closed 12 May 2026: sustainment checks due 12 August 2026 and 12 May 2027,
  // each counted within 14 days either side.
  Register reg = at_state(ActionState::closed);
  auto checks = sustainment_checks(reg, kA, d("2026-08-26"));
  ASSERT_EQ(checks.size(), 2U);
  EXPECT_EQ(checks[0].due, d("2026-08-12"));
  EXPECT_EQ(checks[1].due, d("2027-05-12"));
  EXPECT_TRUE(faded_after_closure(reg, d("2026-08-26")).empty());
  auto faded = faded_after_closure(reg, d("2026-08-27"));
  ASSERT_EQ(faded.size(), 1U);
  EXPECT_EQ(faded[0], (FadeSignal{kA, d("2026-05-12"), d("2026-08-12"), FadeReason::check_missed,
                                  std::nullopt}));

  Register failing = at_state(ActionState::closed);
  add_check(failing, "C-9", "2026-08-10", false);
  EXPECT_TRUE(faded_after_closure(failing, d("2026-08-09")).empty());
  faded = faded_after_closure(failing, d("2026-08-10"));
  ASSERT_EQ(faded.size(), 1U);
  EXPECT_EQ(faded[0].reason, FadeReason::check_failed);
  EXPECT_EQ(faded[0].check, CheckId("C-9"));

  Register passing = at_state(ActionState::closed);
  add_check(passing, "C-9", "2026-07-30", true);
  EXPECT_TRUE(faded_after_closure(passing, d("2027-05-26")).empty());
  EXPECT_EQ(faded_after_closure(passing, d("2027-05-27")).size(), 1U);
}

TEST(Signals, RemindersAndEscalationsFromThePath) {
  Register reg = at_state(ActionState::in_progress);  // due 31 March 2026
  reg.add_escalation_path(
      {EscalationPathId("EP-1"),
       "standard",
       {{EscalationKind::remind, -7, 3, -1, "owner"},
        {EscalationKind::escalate, 1, 0, std::nullopt, "registered_manager"},
        {EscalationKind::escalate, 14, 0, std::nullopt, "nominated_individual"}}});
  reg.set_default_escalation_path(EscalationPathId("EP-1"));
  const auto on = [&](const char* day) {
    std::vector<std::string> out;
    for (const auto& e : escalations_due(reg, d(day))) {
      out.push_back(std::string(to_string(e.kind)) + " " + e.recipient + " " +
                    std::to_string(e.days_from_due));
    }
    return out;
  };
  EXPECT_TRUE(on("2026-03-23").empty());
  EXPECT_EQ(on("2026-03-24"), std::vector<std::string>{"remind owner -7"});
  EXPECT_TRUE(on("2026-03-25").empty());
  EXPECT_EQ(on("2026-03-27"), std::vector<std::string>{"remind owner -4"});
  EXPECT_EQ(on("2026-03-30"), std::vector<std::string>{"remind owner -1"});
  EXPECT_TRUE(on("2026-03-31").empty());
  EXPECT_EQ(on("2026-04-01"), std::vector<std::string>{"escalate registered_manager 1"});
  EXPECT_TRUE(on("2026-04-02").empty());  // the reminders stopped at -1
  EXPECT_EQ(on("2026-04-14"), std::vector<std::string>{"escalate nominated_individual 14"});
  const auto due = escalations_due(reg, d("2026-04-01"));
  EXPECT_EQ(due[0].owner, "Amira Khan");
  EXPECT_EQ(due[0].path, EscalationPathId("EP-1"));
  EXPECT_EQ(due[0].step, 1U);
}

TEST(Signals, AllTogether) {
  const Register reg = at_state(ActionState::in_progress);
  const Signals s = signals(reg, d("2026-04-01"));
  EXPECT_EQ(s.as_of, d("2026-04-01"));
  EXPECT_EQ(s.overdue.size(), 1U);
  EXPECT_EQ(s.stale.size(), 1U);       // nothing since 12 January
  EXPECT_EQ(s.unreviewed.size(), 1U);  // never reviewed
  EXPECT_EQ(s.missed_monitoring.size(), 2U);  // 1 February and 1 March; 1 April is still open
  EXPECT_FALSE(s.empty());
  SignalOptions relaxed;
  relaxed.stale_days = 365;
  EXPECT_TRUE(signals(reg, d("2026-04-01"), relaxed).stale.empty());
  EXPECT_TRUE(signals(small_register(), d("2026-01-06")).empty());
}

}  // namespace
}  // namespace closeloop::lifecycle
