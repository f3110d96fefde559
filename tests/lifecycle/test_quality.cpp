// Action quality: every lint rule fires on the example it describes and not
// on its near miss, and the plan-level strength rule.
#include <gtest/gtest.h>

#include "closeloop/lifecycle/quality.hpp"
#include "closeloop/lifecycle/register.hpp"
#include "fixtures.hpp"

namespace closeloop::lifecycle {
namespace {

using testing::at;
using testing::d;
using testing::good_action;
using testing::small_register;

std::vector<std::string> rules_of(const std::vector<LintFinding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f.rule);
  return out;
}

TEST(Quality, AWellFormedActionIsClean) {
  EXPECT_TRUE(lint(good_action("A-1")).empty());
}

TEST(Quality, ErrorsNameTheRuleTheActionAndTheMeasure) {
  Action a = good_action("A-1");
  a.owner.clear();
  a.due.reset();
  a.measures[0].how.clear();
  a.measures[0].by.reset();
  a.monitoring.clear();
  const auto findings = lint(a);
  EXPECT_EQ(rules_of(findings),
            (std::vector<std::string>{"agree.requires_owner", "agree.requires_due_date",
                                      "agree.measure_complete", "agree.requires_monitoring"}));
  EXPECT_EQ(findings[2].message, "action \"A-1\": measure 1 (process) does not say how, date");
  EXPECT_EQ(findings[2].measure, 0U);
  EXPECT_EQ(findings[2].severity, Severity::error);
  EXPECT_EQ(findings[0].action, ActionId("A-1"));
}

TEST(Quality, AMeasureNeedsWhatHowLevelAndDate) {
  Action a = good_action("A-1");
  a.measures[0].level.clear();
  EXPECT_EQ(rules_of(lint(a)), std::vector<std::string>{"agree.measure_complete"});
  a.measures[0].target = 0.95;  // a numeric target is an expected level
  EXPECT_TRUE(lint(a).empty());
  a.measures.clear();
  EXPECT_EQ(rules_of(lint(a)), std::vector<std::string>{"agree.requires_measure"});
}

TEST(Quality, OwnersMustBePeople) {
  for (const char* group : {"Care team", "Clinical governance committee", "All staff",
                            "Night staff", "Senior carers", "Management", "Falls group"}) {
    EXPECT_TRUE(is_group_owner(group)) << group;
  }
  for (const char* person : {"Jo Bell", "Registered manager", "Team leader Amira Khan",
                             "Staff nurse Tom Reid", "Deputy manager", "Committee chair"}) {
    EXPECT_FALSE(is_group_owner(person)) << person;
  }
  Action a = good_action("A-1");
  a.owner = "Care team";
  const auto findings = lint(a);
  ASSERT_EQ(rules_of(findings), std::vector<std::string>{"agree.owner_is_person"});
  EXPECT_EQ(findings[0].message,
            "action \"A-1\": owner \"Care team\" is a team or committee: name one person");
}

TEST(Quality, VagueWordingWithoutATarget) {
  Action a = good_action("A-1");
  for (const auto& [title, phrase] :
       std::vector<std::pair<std::string, std::string>>{
           {"Provide training on MAR charts", "provide training"},
           {"Review procedures for night medication rounds", "review procedures"},
           {"Remind staff to sign the MAR chart", "remind staff"},
           {"Raise awareness of falls risk", "raise awareness"},
           {"Consider a falls sensor for the ground-floor bedroom", "consider"},
           {"Ensure staff escalate concerns promptly", "ensure"}}) {
    a.title = title;
    const auto findings = lint(a);
    ASSERT_EQ(rules_of(findings), std::vector<std::string>{"quality.vague_wording"}) << title;
    EXPECT_EQ(findings[0].severity, Severity::warning);
    EXPECT_NE(findings[0].message.find("\"" + phrase + "\""), std::string::npos) << title;
  }
  a.title = "Provide training on MAR charts to 100% of night staff by 31 March";
  EXPECT_TRUE(lint(a).empty());
  a.title = "Reconsider nothing";  // "consider" only as a whole word
  EXPECT_TRUE(lint(a).empty());
}

TEST(Quality, DueMoreThanAYearAway) {
  Action a = good_action("A-1");  // proposed 2026-01-05
  a.due = d("2027-01-05");
  EXPECT_TRUE(lint(a).empty());
  a.due = d("2027-01-06");
  EXPECT_EQ(rules_of(lint(a)), std::vector<std::string>{"quality.due_beyond_a_year"});
  // Judged from the agreement date when one is given.
  EXPECT_TRUE(lint(a, d("2026-02-01")).empty());
  // A due date before the agreement date is an error.
  EXPECT_EQ(rules_of(lint(a, d("2027-01-07"))), std::vector<std::string>{"agree.due_before_agreement"});
}

TEST(Quality, MonitoringWithoutRecurrence) {
  Action a = good_action("A-1");
  a.monitoring[0].recurrence = Recurrence::none();
  const auto findings = lint(a);
  ASSERT_EQ(rules_of(findings), std::vector<std::string>{"quality.monitoring_without_recurrence"});
  EXPECT_EQ(findings[0].message, "action \"A-1\": spot_check monitoring has no recurrence");
  EXPECT_TRUE(lint_errors(a).empty());
}

TEST(Quality, APlanOfOnlyWeakerActionsIsFlagged) {
  Register reg = small_register();
  Action training = good_action("A-1");
  training.title = "Refresher MAR training for 100% of staff by March";
  training.intervention = InterventionType::training;
  Action guidance = good_action("A-2");
  guidance.title = "Publish MAR documentation guidance version 3";
  guidance.intervention = InterventionType::policy_procedure;
  reg.add_action(training);
  reg.add_action(guidance);
  auto findings = lint_plan(reg, PlanId("P-1"));
  ASSERT_EQ(rules_of(findings), std::vector<std::string>{"quality.plan_all_weaker"});
  EXPECT_EQ(findings[0].message.substr(0, 46), "plan \"P-1\": all 2 action(s) are weaker (traini");
  EXPECT_EQ(strength_profile(reg, PlanId("P-1")), (StrengthProfile{0, 0, 2}));

  Action checklist = good_action("A-3");
  reg.add_action(checklist);
  EXPECT_TRUE(lint_plan(reg, PlanId("P-1")).empty());
  EXPECT_TRUE(strength_profile(reg, PlanId("P-1")).has_stronger_or_intermediate());
  // A cancelled checklist no longer counts.
  reg.cancel(ActionId("A-3"), at("2026-01-20T10:00"), "Jo Bell", "eMAR supplier change");
  EXPECT_EQ(rules_of(lint_plan(reg, PlanId("P-1"))),
            std::vector<std::string>{"quality.plan_all_weaker"});
}

}  // namespace
}  // namespace closeloop::lifecycle
