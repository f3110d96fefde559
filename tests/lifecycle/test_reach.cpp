// Learning reach: staff briefing records of a share's target services (how
// many briefed of how many in scope, over time), their rules, reach as of a
// date, and the reach_below_threshold gap of learning_not_spread. Expected
// figures are worked out by hand in the comments.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "closeloop/core/error.hpp"
#include "closeloop/lifecycle/register.hpp"
#include "closeloop/lifecycle/signals.hpp"
#include "fixtures.hpp"

namespace closeloop::lifecycle {
namespace {

using testing::d;
using testing::expect_refused;
using testing::small_register;

const ShareId kShare("SH-1");
const ServiceId kOak("S-2");
const ServiceId kAsh("S-3");

// small_register (plan P-1 at S-1, threshold 0.8 by default) with a third
// service and share SH-1 of 1 April 2026 to Oak House (S-2) and Ash Grove
// (S-3), both of which acknowledge on 3 April and adopt on 10 April, so only
// reach can flag them. The reach deadline is 1 April + 28 = 29 April: the
// gap shows from 30 April.
Register shared_register() {
  Register reg = small_register();
  reg.add_service({kAsh, "Ash Grove", "residential", 24, "North"});
  reg.add_share({kShare, PlanId("P-1"), Channel::staff_briefing, d("2026-04-01"),
                 {{kOak, std::nullopt, std::nullopt, std::nullopt},
                  {kAsh, std::nullopt, std::nullopt, std::nullopt}},
                 "Second signature on MAR changes"});
  for (const ServiceId& s : {kOak, kAsh}) {
    reg.acknowledge_share(kShare, s, d("2026-04-03"));
    reg.record_adoption(kShare, s, true, d("2026-04-10"));
  }
  return reg;
}

StaffBriefing briefing(const ServiceId& service, const char* date, std::int32_t briefed,
                       std::int32_t in_scope) {
  return {kShare, service, d(date), briefed, in_scope, "Deputy manager Sam Reid", ""};
}

TEST(Reach, EveryBriefingRuleRefusesAndChangesNothing) {
  Register reg = shared_register();
  reg.record_briefing(briefing(kOak, "2026-04-10", 6, 20));
  expect_refused<NotFoundError>(
      reg, [](Register& r) { r.record_briefing({ShareId("SH-9"), kOak, d("2026-04-11"), 1, 2, "", ""}); },
      "", "learning share \"SH-9\" does not exist");
  expect_refused<NotFoundError>(
      reg, [](Register& r) { r.record_briefing(briefing(ServiceId("S-9"), "2026-04-11", 1, 2)); },
      "", "service \"S-9\" does not exist");
  // Elm Court (S-1) exists but is the plan's own service, not a target.
  expect_refused<RuleError>(
      reg, [](Register& r) { r.record_briefing(briefing(ServiceId("S-1"), "2026-04-11", 1, 2)); },
      "briefing.not_a_target", "service \"S-1\": the service is not a target of the share");
  expect_refused<InputError>(
      reg, [](Register& r) { r.record_briefing({kShare, kOak, Date(), 1, 2, "", ""}); }, "",
      "no date");
  expect_refused<RuleError>(
      reg, [](Register& r) { r.record_briefing(briefing(kAsh, "2026-03-31", 1, 2)); },
      "briefing.before_share", "dated 2026-03-31, before the share on 2026-04-01");
  expect_refused<RuleError>(
      reg, [](Register& r) { r.record_briefing(briefing(kOak, "2026-04-11", -1, 20)); },
      "briefing.briefed_negative", "staff briefed -1 is negative");
  expect_refused<RuleError>(
      reg, [](Register& r) { r.record_briefing(briefing(kOak, "2026-04-11", 0, 0)); },
      "briefing.in_scope_not_positive", "staff in scope 0 must be at least 1");
  expect_refused<RuleError>(
      reg, [](Register& r) { r.record_briefing(briefing(kOak, "2026-04-11", 21, 20)); },
      "briefing.briefed_exceeds_in_scope", "21 staff briefed of 20 in scope");
  // Oak House's latest record is 10 April: an earlier date is out of order.
  expect_refused<RuleError>(
      reg, [](Register& r) { r.record_briefing(briefing(kOak, "2026-04-09", 7, 20)); },
      "briefing.out_of_order", "dated 2026-04-09, before its latest record on 2026-04-10");
  // Another target has its own history: 9 April is fine for Ash Grove.
  reg.record_briefing(briefing(kAsh, "2026-04-09", 3, 24));
  // The same day again (a correction), and a fall in the number briefed
  // (briefed staff left), are accepted.
  reg.record_briefing(briefing(kOak, "2026-04-10", 5, 20));
  reg.record_briefing(briefing(kOak, "2026-04-12", 4, 18));
  ASSERT_EQ(reg.briefings_of(kShare, kOak).size(), 3U);
  EXPECT_EQ(reg.briefings_of(kShare, kOak)[2], briefing(kOak, "2026-04-12", 4, 18));
  EXPECT_EQ(reg.briefings_of(kShare, kAsh).size(), 1U);
  EXPECT_EQ(reg.briefings().size(), 2U);  // two targets with records
  EXPECT_THROW((void)reg.briefings_of(ShareId("SH-9"), kOak), NotFoundError);
  // Registers differ by their briefings.
  EXPECT_FALSE(reg == shared_register());
}

TEST(Reach, PlanThresholdIsAFractionBetweenZeroAndOne) {
  Register reg = small_register();
  ActionPlan plan;
  plan.investigation = InvestigationId("INV-1");
  plan.created_on = d("2026-01-05");
  EXPECT_DOUBLE_EQ(plan.reach_threshold, 0.8);
  for (double bad : {1.5, -0.1, std::numeric_limits<double>::quiet_NaN()}) {
    plan.id = PlanId("P-BAD");
    plan.reach_threshold = bad;
    expect_refused<RuleError>(reg, [&](Register& r) { r.add_plan(plan); },
                              "plan.reach_threshold_range", "is not a fraction between 0 and 1");
  }
  plan.id = PlanId("P-0");
  plan.reach_threshold = 0.0;
  reg.add_plan(plan);
  plan.id = PlanId("P-100");
  plan.reach_threshold = 1.0;
  reg.add_plan(plan);
  EXPECT_DOUBLE_EQ(reg.plan(PlanId("P-100")).reach_threshold, 1.0);
}

TEST(Reach, ReachAsOfIsTheLatestRecordOnOrBeforeTheDate) {
  Register reg = shared_register();
  reg.record_briefing(briefing(kOak, "2026-04-10", 3, 10));
  reg.record_briefing(briefing(kOak, "2026-04-20", 7, 10));
  reg.record_briefing(briefing(kOak, "2026-05-05", 9, 12));
  EXPECT_EQ(reach_as_of(reg, kShare, kOak, d("2026-04-09")), std::nullopt);
  EXPECT_EQ(reach_as_of(reg, kShare, kOak, d("2026-04-10")), (Reach{d("2026-04-10"), 3, 10}));
  EXPECT_EQ(reach_as_of(reg, kShare, kOak, d("2026-04-19")), (Reach{d("2026-04-10"), 3, 10}));
  const auto april = reach_as_of(reg, kShare, kOak, d("2026-04-20"));
  ASSERT_TRUE(april);
  EXPECT_EQ(*april, (Reach{d("2026-04-20"), 7, 10}));
  EXPECT_DOUBLE_EQ(april->fraction(), 0.7);  // 7 / 10
  const auto may = reach_as_of(reg, kShare, kOak, d("2026-05-31"));
  ASSERT_TRUE(may);
  EXPECT_DOUBLE_EQ(may->fraction(), 0.75);  // 9 / 12
  EXPECT_EQ(reach_as_of(reg, kShare, kAsh, d("2026-05-31")), std::nullopt);
  EXPECT_THROW((void)reach_as_of(reg, ShareId("SH-9"), kOak, d("2026-05-31")), NotFoundError);
  // Per target, for a report: 9/12 = 75% is below 80%; Ash Grove has none.
  const auto targets = share_reach(reg, kShare, d("2026-05-31"));
  ASSERT_EQ(targets.size(), 2U);
  EXPECT_EQ(targets[0], (TargetReach{kOak, Reach{d("2026-05-05"), 9, 12}, 0.8, false}));
  EXPECT_EQ(targets[1], (TargetReach{kAsh, std::nullopt, 0.8, false}));
  reg.record_briefing(briefing(kOak, "2026-06-01", 10, 12));  // 83.3%
  EXPECT_TRUE(share_reach(reg, kShare, d("2026-06-01"))[0].meets_threshold);
}

TEST(Reach, SignalFlipsTheDayAfterTheDeadlineAt79PercentNotAt80) {
  Register low = shared_register();
  low.record_briefing(briefing(kOak, "2026-04-28", 79, 100));
  low.record_briefing(briefing(kAsh, "2026-04-28", 80, 100));
  // 29 April is the deadline day itself: nothing yet.
  EXPECT_TRUE(learning_not_spread(low, d("2026-04-29")).empty());
  // 30 April: Oak House at 79% is below 80%; Ash Grove at exactly 80% is not.
  const auto gaps = learning_not_spread(low, d("2026-04-30"));
  ASSERT_EQ(gaps.size(), 1U);
  EXPECT_EQ(gaps[0], (SpreadSignal{kShare, PlanId("P-1"), kOak, SpreadGap::reach_below_threshold,
                                   d("2026-04-29"), Reach{d("2026-04-28"), 79, 100}, 0.8}));
  EXPECT_EQ(to_string(gaps[0].gap), "reach_below_threshold");
  // The same through signals() and its options: a 35-day deadline moves the
  // flip to 7 May.
  EXPECT_EQ(signals(low, d("2026-04-30")).not_spread, gaps);
  SignalOptions later;
  later.share_reach_days = 35;
  EXPECT_TRUE(signals(low, d("2026-05-06"), later).not_spread.empty());
  EXPECT_EQ(signals(low, d("2026-05-07"), later).not_spread.size(), 1U);
  EXPECT_EQ(learning_not_spread(low, d("2026-05-07"), 14, 28, 35)[0].due, d("2026-05-06"));
  // A later record clears it from its own date; as of earlier dates the
  // signal stands (records dated after as_of are ignored).
  low.record_briefing(briefing(kOak, "2026-05-02", 80, 100));
  EXPECT_EQ(learning_not_spread(low, d("2026-05-01")).size(), 1U);
  EXPECT_TRUE(learning_not_spread(low, d("2026-05-02")).empty());
  // Reach can fall again: 78 of 100 on 10 May (leavers) flags from that day.
  low.record_briefing(briefing(kOak, "2026-05-10", 78, 100));
  EXPECT_TRUE(learning_not_spread(low, d("2026-05-09")).empty());
  ASSERT_EQ(learning_not_spread(low, d("2026-05-10")).size(), 1U);
  EXPECT_EQ(learning_not_spread(low, d("2026-05-10"))[0].reach, (Reach{d("2026-05-10"), 78, 100}));
}

TEST(Reach, NoRecordFlagsButDeclinedTargetsAndThresholdZeroDoNot) {
  Register reg = shared_register();
  // Neither target has a record: both flagged on 30 April, reach empty.
  auto gaps = learning_not_spread(reg, d("2026-04-30"));
  ASSERT_EQ(gaps.size(), 2U);
  EXPECT_EQ(gaps[1], (SpreadSignal{kShare, PlanId("P-1"), kAsh, SpreadGap::reach_below_threshold,
                                   d("2026-04-29"), std::nullopt, 0.8}));

  // A target that declined the change is not judged on reach.
  Register declined = small_register();
  declined.add_service({kAsh, "Ash Grove", "residential", 24, "North"});
  declined.add_share({kShare, PlanId("P-1"), Channel::staff_briefing, d("2026-04-01"),
                      {{kOak, std::nullopt, std::nullopt, std::nullopt}}, ""});
  declined.record_adoption(kShare, kOak, false, d("2026-04-10"));
  EXPECT_TRUE(learning_not_spread(declined, d("2026-04-30")).empty());

  // A plan whose threshold is 0 has the reach check off; 0.9 raises the bar
  // so that 85 of 100 is below it.
  for (const auto& [threshold, flagged] : {std::pair{0.0, false}, std::pair{0.9, true}}) {
    Register r = small_register();
    ActionPlan plan;
    plan.id = PlanId("P-2");
    plan.investigation = InvestigationId("INV-1");
    plan.created_on = d("2026-01-05");
    plan.reach_threshold = threshold;
    r.add_plan(plan);
    r.add_share({kShare, PlanId("P-2"), Channel::staff_briefing, d("2026-04-01"),
                 {{kOak, d("2026-04-02"), true, d("2026-04-02")}}, ""});
    r.record_briefing(briefing(kOak, "2026-04-20", 85, 100));
    const auto found = learning_not_spread(r, d("2026-04-30"));
    EXPECT_EQ(found.size(), flagged ? 1U : 0U) << threshold;
    if (flagged) {
      EXPECT_DOUBLE_EQ(found[0].threshold, 0.9);
    }
  }
}

TEST(Reach, EarlierGapsComeFirstOneSignalPerTarget) {
  // Not acknowledged by 16 April, undecided by 30 April: those gaps, not reach.
  Register reg = small_register();
  reg.add_share({kShare, PlanId("P-1"), Channel::staff_briefing, d("2026-04-01"),
                 {{kOak, std::nullopt, std::nullopt, std::nullopt}}, ""});
  auto gaps = learning_not_spread(reg, d("2026-04-30"));
  ASSERT_EQ(gaps.size(), 1U);
  EXPECT_EQ(gaps[0].gap, SpreadGap::not_acknowledged);
  reg.acknowledge_share(kShare, kOak, d("2026-04-05"));
  gaps = learning_not_spread(reg, d("2026-04-30"));
  ASSERT_EQ(gaps.size(), 1U);
  EXPECT_EQ(gaps[0].gap, SpreadGap::adoption_undecided);
  EXPECT_EQ(gaps[0].reach, std::nullopt);
  reg.record_adoption(kShare, kOak, true, d("2026-04-30"));
  gaps = learning_not_spread(reg, d("2026-04-30"));
  ASSERT_EQ(gaps.size(), 1U);
  EXPECT_EQ(gaps[0].gap, SpreadGap::reach_below_threshold);
}

}  // namespace
}  // namespace closeloop::lifecycle
