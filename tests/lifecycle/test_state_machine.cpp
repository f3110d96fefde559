// The action state machine of DESIGN.md: every guard both allowed and
// refused (with its rule and message), append-only history, the fold, and
// replay of stored events through apply_event.
#include <gtest/gtest.h>

#include <type_traits>

#include "closeloop/core/error.hpp"
#include "closeloop/lifecycle/register.hpp"
#include "fixtures.hpp"

namespace closeloop::lifecycle {
namespace {

using testing::at;
using testing::d;
using testing::expect_refused;
using testing::good_action;
using testing::small_register;
using testing::without_events;
using testing::add_check;
using testing::add_evidence;
using testing::add_review;
using testing::at_state;
using testing::kA;

// History is read-only through the public API: events() is a const
// reference, and the register only hands out const actions.
static_assert(std::is_same_v<decltype(std::declval<const Action&>().events()),
                             const std::vector<ActionEvent>&>);
static_assert(std::is_same_v<decltype(std::declval<Action&>().events()),
                             const std::vector<ActionEvent>&>);
static_assert(std::is_same_v<decltype(std::declval<Register&>().action(kA)), const Action&>);
static_assert(std::is_same_v<decltype(std::declval<Register&>().actions()),
                             const std::map<ActionId, Action>&>);
template <class T>
concept CanAppendToHistory = requires(T& a, ActionEvent e) { a.events().push_back(e); };
static_assert(!CanAppendToHistory<Action>);
template <class T>
concept CanClearHistory = requires(T& a) { a.events().clear(); };
static_assert(!CanClearHistory<Action>);

TEST(StateMachine, TheWholeLifecycleIsTheFoldOfItsEvents) {
  const Register reg = at_state(ActionState::closed);
  const Action& a = reg.action(kA);
  EXPECT_EQ(a.state(), ActionState::closed);
  ASSERT_EQ(a.events().size(), 6U);
  const std::vector<std::pair<ActionState, ActionState>> steps{
      {ActionState::proposed, ActionState::agreed},
      {ActionState::agreed, ActionState::in_progress},
      {ActionState::in_progress, ActionState::implemented},
      {ActionState::implemented, ActionState::verified},
      {ActionState::verified, ActionState::evaluated},
      {ActionState::evaluated, ActionState::closed}};
  for (std::size_t i = 0; i < steps.size(); ++i) {
    EXPECT_EQ(a.events()[i].from, steps[i].first) << i;
    EXPECT_EQ(a.events()[i].to, steps[i].second) << i;
    if (i > 0) {
      EXPECT_EQ(a.events()[i].from, a.events()[i - 1].to);
    }
  }
  EXPECT_EQ(a.events()[0].actor, "Jo Bell");
  EXPECT_EQ(a.events()[0].at, at("2026-01-10T09:00"));
  EXPECT_EQ(a.events()[0].note, "agreed at the review meeting");
  EXPECT_EQ(a.verdict(), Verdict::effective);
  EXPECT_EQ(a.decision(), Decision::adopt);
  EXPECT_EQ(a.events()[5].review, ReviewId("R-1"));
  EXPECT_EQ(a.last_at(Transition::implement), at("2026-02-01T17:00"));
}

TEST(StateMachine, TransitionsFromTheWrongStateAreRefused) {
  Register reg = at_state(ActionState::proposed);
  expect_refused<TransitionError>(
      reg, [](Register& r) { r.start(kA, at("2026-01-10T09:00"), "Jo Bell"); }, "start.from_state",
      "action \"A-1\": cannot start from state proposed (start needs agreed or reopened)");
  expect_refused<TransitionError>(
      reg, [](Register& r) { r.implement(kA, at("2026-01-10T09:00"), "Jo Bell"); },
      "implement.from_state", "cannot implement from state proposed");
  reg = at_state(ActionState::agreed);
  expect_refused<TransitionError>(
      reg, [](Register& r) { r.agree(kA, at("2026-01-11T09:00"), "Jo Bell"); }, "agree.from_state",
      "cannot agree from state agreed");
  // The diagram has no shortcut from agreed to implemented.
  add_evidence(reg, "E-1", "2026-01-10");
  expect_refused<TransitionError>(
      reg, [](Register& r) { r.implement(kA, at("2026-01-11T09:00"), "Jo Bell"); },
      "implement.from_state", "implement needs in_progress");
}

TEST(StateMachine, AgreeNeedsOwnerDueDateMeasureAndMonitoring) {
  Register reg = small_register();
  Action a = good_action("A-1");
  a.owner.clear();
  a.due.reset();
  a.measures.clear();
  a.monitoring.clear();
  reg.add_action(a);
  expect_refused<TransitionError>(
      reg, [](Register& r) { r.agree(kA, at("2026-01-10T09:00"), "Jo Bell"); },
      "agree.requires_owner",
      "action \"A-1\": no owner: name one person who is accountable; agree.requires_due_date: "
      "action \"A-1\": no due date; agree.requires_measure: action \"A-1\": no measure of "
      "success; agree.requires_monitoring");

  a.owner = "Amira Khan";
  reg.update_action(a, at("2026-01-09T09:00"), "Jo Bell", "owner named");
  expect_refused<TransitionError>(
      reg, [](Register& r) { r.agree(kA, at("2026-01-10T09:00"), "Jo Bell"); },
      "agree.requires_due_date", "action \"A-1\": no due date");

  a.due = d("2026-01-09");
  reg.update_action(a, at("2026-01-09T09:05"), "Jo Bell", "");
  expect_refused<TransitionError>(
      reg, [](Register& r) { r.agree(kA, at("2026-01-10T09:00"), "Jo Bell"); },
      "agree.due_before_agreement", "due date 2026-01-09 is before 2026-01-10");

  a.due = d("2026-03-31");
  reg.update_action(a, at("2026-01-09T09:10"), "Jo Bell", "");
  expect_refused<TransitionError>(
      reg, [](Register& r) { r.agree(kA, at("2026-01-10T09:00"), "Jo Bell"); },
      "agree.requires_measure", "no measure of success");

  Measure vague;
  vague.kind = MeasureKind::process;
  vague.what = "Documentation";
  a.measures = {vague};
  reg.update_action(a, at("2026-01-09T09:15"), "Jo Bell", "");
  expect_refused<TransitionError>(
      reg, [](Register& r) { r.agree(kA, at("2026-01-10T09:00"), "Jo Bell"); },
      "agree.measure_complete", "measure 1 (process) does not say how, expected level, date");

  a.measures = {testing::process_measure()};
  reg.update_action(a, at("2026-01-09T09:20"), "Jo Bell", "");
  expect_refused<TransitionError>(
      reg, [](Register& r) { r.agree(kA, at("2026-01-10T09:00"), "Jo Bell"); },
      "agree.requires_monitoring", "no monitoring");

  a.monitoring = {testing::monthly_spot_checks()};
  a.owner = "Night care team";
  reg.update_action(a, at("2026-01-09T09:25"), "Jo Bell", "");
  expect_refused<TransitionError>(
      reg, [](Register& r) { r.agree(kA, at("2026-01-10T09:00"), "Jo Bell"); },
      "agree.owner_is_person", "owner \"Night care team\" is a team or committee: name one person");

  a.owner = "Amira Khan";
  reg.update_action(a, at("2026-01-09T09:30"), "Jo Bell", "");
  reg.agree(kA, at("2026-01-10T09:00"), "Jo Bell");
  EXPECT_EQ(reg.action(kA).state(), ActionState::agreed);
  // Seven edits and the agreement.
  EXPECT_EQ(reg.action(kA).events().size(), 8U);
  EXPECT_EQ(reg.action(kA).events()[1].note, "changed: due none -> 2026-01-09");
}

TEST(StateMachine, AgreeIsRefusedOnARefusedPlan) {
  Register reg = small_register();
  reg.add_plan(testing::records::plan("P-2", "INV-1", std::nullopt, d("2026-01-05")));
  reg.add_action(good_action("A-2", "P-2"));
  reg.refuse_plan(PlanId("P-2"), "Jo Bell", d("2026-01-08"), "no stronger action");
  expect_refused<TransitionError>(
      reg, [](Register& r) { r.agree(ActionId("A-2"), at("2026-01-10T09:00"), "Jo Bell"); },
      "agree.plan_refused", "action \"A-2\": its plan \"P-2\" was refused: no stronger action");
}

TEST(StateMachine, ImplementNeedsEvidenceDatedByThen) {
  Register reg = at_state(ActionState::in_progress);
  expect_refused<TransitionError>(
      reg, [](Register& r) { r.implement(kA, at("2026-02-01T17:00"), "Amira Khan"); },
      "implement.requires_evidence",
      "action \"A-1\": no evidence dated on or before 2026-02-01 shows it was implemented");
  add_evidence(reg, "E-1", "2026-02-02");  // dated after: still refused
  expect_refused<TransitionError>(
      reg, [](Register& r) { r.implement(kA, at("2026-02-01T17:00"), "Amira Khan"); },
      "implement.requires_evidence", "no evidence dated on or before 2026-02-01");
  reg.implement(kA, at("2026-02-02T08:00"), "Amira Khan");
  EXPECT_EQ(reg.action(kA).state(), ActionState::implemented);
}

TEST(StateMachine, VerifyNeedsAPassingCheckAfterImplementation) {
  Register reg = at_state(ActionState::implemented);
  const std::string message =
      "action \"A-1\": no passing check dated after implementation on 2026-02-01 and on or "
      "before 2026-02-03";
  expect_refused<TransitionError>(
      reg, [](Register& r) { r.verify(kA, at("2026-02-03T10:00"), "Jo Bell"); },
      "verify.requires_follow_up_check", message);
  add_check(reg, "C-0", "2026-02-01", true);  // the day of implementation is not after it
  add_check(reg, "C-1", "2026-02-02", false);  // a failing follow-up
  add_check(reg, "C-2", "2026-02-04", true);   // after the verification date
  expect_refused<TransitionError>(
      reg, [](Register& r) { r.verify(kA, at("2026-02-03T10:00"), "Jo Bell"); },
      "verify.requires_follow_up_check", message);
  reg.verify(kA, at("2026-02-04T10:00"), "Jo Bell");
  EXPECT_EQ(reg.action(kA).state(), ActionState::verified);
}

TEST(StateMachine, EvaluateWaitsForTheObservationWindow) {
  Register reg = at_state(ActionState::verified);
  // Implemented 1 February 2026; 90 days later is 2 May (27 + 31 + 30 + 2).
  expect_refused<TransitionError>(
      reg,
      [](Register& r) {
        r.evaluate(kA, at("2026-05-01T23:59"), "Jo Bell", Verdict::effective, "rate fell");
      },
      "evaluate.too_early",
      "action \"A-1\": evaluated 89 days after implementation on 2026-02-01; plan \"P-1\" needs "
      "at least 90 days (not before 2026-05-02)");
  expect_refused<TransitionError>(
      reg,
      [](Register& r) { r.evaluate(kA, at("2026-05-02T10:00"), "Jo Bell", Verdict::effective, ""); },
      "evaluate.requires_basis", "the verdict must rest on a comparison or on checks");
  expect_refused<TransitionError>(
      reg,
      [](Register& r) {
        r.evaluate(kA, at("2026-05-02T10:00"), "Jo Bell", Verdict::effective, "", {CheckId("C-9")});
      },
      "evaluate.unknown_check", "check \"C-9\" does not exist");
  reg.add_action(good_action("A-2"));
  add_check(reg, "C-7", "2026-03-01", true, MonitoringKind::audit, "A-2");
  expect_refused<TransitionError>(
      reg,
      [](Register& r) {
        r.evaluate(kA, at("2026-05-02T10:00"), "Jo Bell", Verdict::effective, "", {CheckId("C-7")});
      },
      "evaluate.check_not_of_action", "check \"C-7\" is not a check of this action");
  reg.evaluate(kA, at("2026-05-02T10:00"), "Jo Bell", Verdict::inconclusive, "",
               {CheckId("C-1")});
  EXPECT_EQ(reg.action(kA).verdict(), Verdict::inconclusive);
  EXPECT_EQ(reg.action(kA).events().back().checks, std::vector<CheckId>{CheckId("C-1")});
}

TEST(StateMachine, ThePlanSetsTheObservationWindow) {
  Register reg = small_register();
  ActionPlan plan = testing::records::plan("P-2", "INV-1", std::nullopt, d("2026-01-05"));
  plan.min_observation_days = 28;
  reg.add_plan(plan);
  Action a = good_action("A-1", "P-2");
  reg.add_action(a);
  reg.agree(kA, at("2026-01-10T09:00"), "Jo Bell");
  reg.start(kA, at("2026-01-10T09:30"), "Amira Khan");
  add_evidence(reg, "E-1", "2026-01-10");
  reg.implement(kA, at("2026-01-10T10:00"), "Amira Khan");
  add_check(reg, "C-1", "2026-01-11", true);
  reg.verify(kA, at("2026-01-11T10:00"), "Jo Bell");
  expect_refused<TransitionError>(
      reg,
      [](Register& r) { r.evaluate(kA, at("2026-02-06T10:00"), "Jo Bell", Verdict::effective, "x"); },
      "evaluate.too_early", "needs at least 28 days (not before 2026-02-07)");
  reg.evaluate(kA, at("2026-02-07T10:00"), "Jo Bell", Verdict::effective, "x");
  EXPECT_EQ(reg.action(kA).state(), ActionState::evaluated);
}

TEST(StateMachine, CloseNeedsADecisionAndAGovernanceSignOff) {
  Register reg = at_state(ActionState::evaluated);
  expect_refused<TransitionError>(
      reg,
      [](Register& r) {
        r.close(kA, at("2026-05-12T10:00"), "Jo Bell", std::nullopt, ReviewId("R-1"));
      },
      "close.requires_decision", "closing needs an adopt, adapt or abandon decision");
  expect_refused<TransitionError>(
      reg,
      [](Register& r) { r.close(kA, at("2026-05-12T10:00"), "Jo Bell", Decision::adopt, std::nullopt); },
      "close.requires_review", "closing needs sign-off at a governance review");
  expect_refused<TransitionError>(
      reg,
      [](Register& r) {
        r.close(kA, at("2026-05-12T10:00"), "Jo Bell", Decision::adopt, ReviewId("R-1"));
      },
      "close.unknown_review", "governance review \"R-1\" does not exist");
  // A review of another plan does not sign this action off.
  ActionPlan other;
  other.id = PlanId("P-2");
  other.investigation = InvestigationId("INV-1");
  other.created_on = d("2026-01-05");
  reg.add_plan(other);
  GovernanceReview unrelated;
  unrelated.id = ReviewId("R-0");
  unrelated.date = d("2026-05-10");
  unrelated.plans = {PlanId("P-2")};
  reg.add_review(unrelated);
  expect_refused<TransitionError>(
      reg,
      [](Register& r) {
        r.close(kA, at("2026-05-12T10:00"), "Jo Bell", Decision::adopt, ReviewId("R-0"));
      },
      "close.review_does_not_cover",
      "governance review \"R-0\" covers neither the action nor its plan \"P-1\"");
  add_review(reg, "R-1", "2026-04-20");  // before the evaluation on 2 May
  expect_refused<TransitionError>(
      reg,
      [](Register& r) {
        r.close(kA, at("2026-05-12T10:00"), "Jo Bell", Decision::adopt, ReviewId("R-1"));
      },
      "close.review_date",
      "governance review \"R-1\" on 2026-04-20 is not between the evaluation on 2026-05-02 and "
      "the closing on 2026-05-12");
  add_review(reg, "R-2", "2026-05-10");
  reg.close(kA, at("2026-05-12T10:00"), "Jo Bell", Decision::adapt, ReviewId("R-2"));
  EXPECT_EQ(reg.action(kA).decision(), Decision::adapt);
}

TEST(StateMachine, ReopenFromNotEffectiveOrClosedWithAReason) {
  Register reg = at_state(ActionState::evaluated);  // verdict effective
  expect_refused<TransitionError>(
      reg, [](Register& r) { r.reopen(kA, at("2026-05-03T10:00"), "Jo Bell", "more falls"); },
      "reopen.requires_not_effective",
      "an evaluated action reopens only when judged not_effective (verdict effective)");

  Register not_effective = at_state(ActionState::verified);
  not_effective.evaluate(kA, at("2026-05-02T10:00"), "Jo Bell", Verdict::not_effective,
                         "no change in the error rate");
  expect_refused<TransitionError>(
      not_effective, [](Register& r) { r.reopen(kA, at("2026-05-03T10:00"), "Jo Bell", ""); },
      "reopen.requires_reason", "reopening needs a reason");
  not_effective.reopen(kA, at("2026-05-03T10:00"), "Jo Bell", "no change; try a checklist");
  EXPECT_EQ(not_effective.action(kA).state(), ActionState::reopened);
  not_effective.start(kA, at("2026-05-04T10:00"), "Amira Khan");
  EXPECT_EQ(not_effective.action(kA).state(), ActionState::in_progress);

  Register closed = at_state(ActionState::closed);
  closed.reopen(kA, at("2026-07-01T10:00"), "Jo Bell", "two more errors in June");
  EXPECT_EQ(closed.action(kA).state(), ActionState::reopened);
  EXPECT_EQ(closed.action(kA).events().back().note, "two more errors in June");
}

TEST(StateMachine, CancelFromAnyOpenStateWithAReason) {
  for (ActionState state : {ActionState::proposed, ActionState::agreed, ActionState::in_progress,
                            ActionState::implemented, ActionState::verified,
                            ActionState::evaluated}) {
    Register reg = at_state(state);
    expect_refused<TransitionError>(
        reg, [](Register& r) { r.cancel(kA, at("2026-06-01T10:00"), "Jo Bell", ""); },
        "cancel.requires_reason", "cancelling needs a reason");
    reg.cancel(kA, at("2026-06-01T10:00"), "Jo Bell", "superseded by plan P-2");
    EXPECT_EQ(reg.action(kA).state(), ActionState::cancelled) << to_string(state);
  }
  Register closed = at_state(ActionState::closed);
  expect_refused<TransitionError>(
      closed, [](Register& r) { r.cancel(kA, at("2026-06-01T10:00"), "Jo Bell", "late"); },
      "cancel.from_state", "cannot cancel from state closed");
}

TEST(StateMachine, EventsNeedAnActorAndGoForwardInTime) {
  Register reg = at_state(ActionState::agreed);
  expect_refused<TransitionError>(
      reg, [](Register& r) { r.start(kA, at("2026-01-12T09:00"), ""); }, "event.requires_actor",
      "action \"A-1\": start needs the actor's name");
  expect_refused<TransitionError>(
      reg, [](Register& r) { r.start(kA, at("2026-01-09T09:00"), "Amira Khan"); },
      "event.out_of_order",
      "start at 2026-01-09T09:00:00 is before the last event at 2026-01-10T09:00:00");
  expect_refused<NotFoundError>(
      reg, [](Register& r) { r.start(ActionId("A-9"), at("2026-01-12T09:00"), "Amira Khan"); },
      "", "action \"A-9\" does not exist");
}

TEST(StateMachine, EventsNeedAnInstantNotBeforeTheProposal) {
  Register reg = at_state(ActionState::proposed);  // proposed 5 January
  expect_refused<TransitionError>(
      reg, [](Register& r) { r.agree(kA, at("2026-01-04T09:00"), "Jo Bell"); },
      "event.before_proposed",
      "agree at 2026-01-04T09:00:00 is before the action was proposed on 2026-01-05");
  expect_refused<TransitionError>(
      reg, [](Register& r) { r.agree(kA, Instant(boost::posix_time::not_a_date_time), "Jo Bell"); },
      "event.requires_instant", "action \"A-1\": event has no instant");
  reg.agree(kA, at("2026-01-05T00:00"), "Jo Bell");
  EXPECT_EQ(reg.action(kA).state(), ActionState::agreed);
}

TEST(StateMachine, ReplayedEvaluationsNeedAVerdict) {
  const Register original = at_state(ActionState::evaluated);
  Register reg = at_state(ActionState::verified);
  ActionEvent event = original.action(kA).events().back();
  ActionEvent without = event;
  without.verdict.reset();
  expect_refused<TransitionError>(
      reg, [&](Register& r) { r.apply_event(without); }, "evaluate.requires_verdict",
      "action \"A-1\": no verdict given");
  reg.apply_event(event);
  EXPECT_TRUE(reg == original);
}

TEST(StateMachine, ClosedActionsAreNotEdited) {
  Register reg = at_state(ActionState::closed);
  Action changed = reg.action(kA);
  changed.title = "Renamed after closing";
  expect_refused<TransitionError>(
      reg,
      [&](Register& r) { r.update_action(changed, at("2026-06-01T09:00"), "Jo Bell", ""); },
      "edit.from_state", "cannot edit from state closed (edit needs an open state)");
}

TEST(StateMachine, EditsAfterAgreementMayNotBreakIt) {
  Register reg = at_state(ActionState::agreed);
  Action changed = reg.action(kA);
  changed.owner = "";
  expect_refused<RuleError>(
      reg,
      [&](Register& r) { r.update_action(changed, at("2026-01-11T09:00"), "Jo Bell", "owner left"); },
      "edit.breaks_agreement", "action \"A-1\" is agreed; the change would break rule agree.requires_owner");
  changed.owner = "Tom Reid";
  changed.due = d("2026-04-30");
  reg.update_action(changed, at("2026-01-11T09:00"), "Jo Bell", "Amira on leave");
  EXPECT_EQ(reg.action(kA).owner, "Tom Reid");
  EXPECT_EQ(reg.action(kA).state(), ActionState::agreed);
  const ActionEvent& edit = reg.action(kA).events().back();
  EXPECT_EQ(edit.transition, Transition::edit);
  EXPECT_EQ(edit.note, "Amira on leave (changed: owner, due 2026-03-31 -> 2026-04-30)");
  // The caller's copy cannot smuggle history in: update keeps the register's.
  Action copy = reg.action(kA);
  EXPECT_EQ(copy.events().size(), 2U);
  changed.plan = PlanId("P-2");
  expect_refused<RuleError>(
      reg, [&](Register& r) { r.update_action(changed, at("2026-01-12T09:00"), "Jo Bell", ""); },
      "edit.plan_is_fixed", "action \"A-1\": cannot move from plan \"P-1\" to \"P-2\"");
}

TEST(StateMachine, ReplayRebuildsTheRegisterAndRechecksGuards) {
  const Register original = at_state(ActionState::closed);
  Register rebuilt = without_events(original);
  EXPECT_FALSE(rebuilt == original);
  for (const ActionEvent& event : original.action(kA).events()) rebuilt.apply_event(event);
  EXPECT_TRUE(rebuilt == original);

  // An imported event that skips a state, or breaks a guard, is refused.
  Register partial = without_events(original);
  const auto& events = original.action(kA).events();
  expect_refused<TransitionError>(
      partial, [&](Register& r) { r.apply_event(events[1]); }, "start.from_state",
      "cannot start from state proposed");
  partial.apply_event(events[0]);
  partial.apply_event(events[1]);
  ActionEvent forged = events[2];
  forged.to = ActionState::verified;
  expect_refused<TransitionError>(
      partial, [&](Register& r) { r.apply_event(forged); }, "event.breaks_history",
      "event implement in_progress -> verified does not continue the history");
  ActionEvent early = events[2];
  early.at = at("2026-01-31T09:00");  // before the evidence of 1 February
  expect_refused<TransitionError>(
      partial, [&](Register& r) { r.apply_event(early); }, "implement.requires_evidence",
      "no evidence dated on or before 2026-01-31");
  ActionEvent other = events[2];
  other.action = ActionId("A-9");
  expect_refused<NotFoundError>(partial, [&](Register& r) { r.apply_event(other); }, "",
                                "action \"A-9\" does not exist");
}

TEST(StateMachine, NewActionsCannotCarryHistory) {
  Register reg = at_state(ActionState::agreed);
  Action with_history = reg.action(kA);
  with_history.id = ActionId("A-2");
  expect_refused<RuleError>(
      reg, [&](Register& r) { r.add_action(with_history); }, "action.new_has_no_history",
      "action \"A-2\" is new: its history is built by transitions");
}

}  // namespace
}  // namespace closeloop::lifecycle
