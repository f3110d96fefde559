// The Register's reference data: unique ids, references, the rules on
// incidents, plans and shares, and the queries. Every refused call is
// checked to leave the whole register as it was.
#include <gtest/gtest.h>

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

TEST(Register, HoldsWhatWasAdded) {
  Register reg = small_register();
  EXPECT_EQ(reg.services().size(), 2U);
  EXPECT_EQ(reg.service(ServiceId("S-1")).name, "Elm Court");
  EXPECT_EQ(reg.incident(IncidentId("I-1")).category, "medication_error");
  EXPECT_EQ(reg.plan(PlanId("P-1")).approval, Approval::approved);
  EXPECT_EQ(reg.plan(PlanId("P-1")).decided_on, d("2026-01-08"));
  EXPECT_EQ(reg.plan(PlanId("P-1")).review_interval_days, 30);
  EXPECT_EQ(reg.plan(PlanId("P-1")).min_observation_days, 90);
  EXPECT_EQ(reg.plan(PlanId("P-1")).sustainment_months, (std::vector<std::int32_t>{3, 12}));
  reg.add_action(good_action("A-1"));
  EXPECT_EQ(reg.action(ActionId("A-1")).state(), ActionState::proposed);
  EXPECT_TRUE(reg.action(ActionId("A-1")).events().empty());
}

TEST(Register, DuplicateIdsAreRefused) {
  Register reg = small_register();
  expect_refused<DuplicateError>(
      reg, [](Register& r) { r.add_service({ServiceId("S-1"), "Other", "residential", 5, "South"}); },
      "", "service \"S-1\" already exists");
  reg.add_action(good_action("A-1"));
  expect_refused<DuplicateError>(
      reg, [](Register& r) { r.add_action(good_action("A-1")); }, "",
      "action \"A-1\" already exists");
  expect_refused<InputError>(
      reg, [](Register& r) { r.add_service({ServiceId(""), "Nameless", "residential", 5, ""}); },
      "", "service id is empty");
}

TEST(Register, ReferencesMustExist) {
  Register reg = small_register();
  Incident inc = reg.incident(IncidentId("I-1"));
  inc.id = IncidentId("I-2");
  inc.service = ServiceId("S-9");
  expect_refused<NotFoundError>(
      reg, [&](Register& r) { r.add_incident(inc); }, "",
      "incident \"I-2\": service \"S-9\" does not exist");

  Investigation inv;
  inv.id = InvestigationId("INV-2");
  inv.incidents = {IncidentId("I-1"), IncidentId("I-7")};
  inv.opened = d("2026-01-02");
  expect_refused<NotFoundError>(
      reg, [&](Register& r) { r.add_investigation(inv); }, "",
      "investigation \"INV-2\": incident \"I-7\" does not exist");

  ActionPlan plan;
  plan.id = PlanId("P-2");
  plan.investigation = InvestigationId("INV-9");
  plan.created_on = d("2026-01-05");
  expect_refused<NotFoundError>(
      reg, [&](Register& r) { r.add_plan(plan); }, "",
      "plan \"P-2\": investigation \"INV-9\" does not exist");

  expect_refused<NotFoundError>(
      reg, [](Register& r) { r.add_action(good_action("A-2", "P-9")); }, "",
      "action \"A-2\": plan \"P-9\" does not exist");

  Evidence ev;
  ev.id = EvidenceId("E-1");
  ev.action = ActionId("A-9");
  ev.date = d("2026-02-01");
  expect_refused<NotFoundError>(
      reg, [&](Register& r) { r.add_evidence(ev); }, "",
      "evidence \"E-1\": action \"A-9\" does not exist");

  GovernanceReview review;
  review.id = ReviewId("R-1");
  review.date = d("2026-02-01");
  review.plans = {PlanId("P-1"), PlanId("P-4")};
  expect_refused<NotFoundError>(
      reg, [&](Register& r) { r.add_review(review); }, "",
      "governance review \"R-1\": plan \"P-4\" does not exist");

  EXPECT_THROW((void)reg.action(ActionId("nope")), NotFoundError);
}

TEST(Register, IncidentRules) {
  Register reg = small_register();
  Incident inc = reg.incident(IncidentId("I-1"));
  inc.id = IncidentId("I-2");
  inc.category = "dehydration";
  expect_refused<InputError>(
      reg, [&](Register& r) { r.add_incident(inc); }, "",
      "incident \"I-2\": unknown category \"dehydration\"");
  reg.add_category("dehydration");
  inc.reported_at = at("2025-11-30T09:00");
  expect_refused<RuleError>(
      reg, [&](Register& r) { r.add_incident(inc); }, "incident.reported_before_occurred",
      "incident \"I-2\": reported_at \"2025-11-30T09:00:00\" is on a day before occurred_at "
      "\"2025-12-01T08:30:00\"");
  inc.reported_at = at("2025-12-01T09:00");
  inc.harm = Harm::severe;
  inc.notifiable = true;
  expect_refused<RuleError>(reg, [&](Register& r) { r.add_incident(inc); },
                            "incident.notifiable_requires_due_date", "incident \"I-2\"");
  inc.notification_due = duty_of_candour_due(inc.reported_at.date());
  reg.add_incident(inc);
  EXPECT_EQ(reg.incident(IncidentId("I-2")).notification_due, d("2025-12-15"));
  EXPECT_EQ(reg.incident(IncidentId("I-2")).worst_harm(), WorstHarm::physical_severe);
}

TEST(Register, PlanApprovalAndRefusal) {
  Register reg = small_register();
  expect_refused<RuleError>(
      reg, [](Register& r) { r.approve_plan(PlanId("P-1"), "Jo Bell", d("2026-01-09")); },
      "plan.already_decided", "plan \"P-1\" is already approved");
  ActionPlan plan;
  plan.id = PlanId("P-2");
  plan.investigation = InvestigationId("INV-1");
  plan.created_on = d("2026-01-05");
  reg.add_plan(plan);
  expect_refused<RuleError>(
      reg, [](Register& r) { r.refuse_plan(PlanId("P-2"), "Jo Bell", d("2026-01-09"), ""); },
      "plan.refusal_requires_reason", "plan \"P-2\"");
  expect_refused<RuleError>(
      reg,
      [](Register& r) { r.refuse_plan(PlanId("P-2"), "Jo Bell", d("2026-01-01"), "too vague"); },
      "plan.decided_before_created", "plan \"P-2\"");
  reg.refuse_plan(PlanId("P-2"), "Jo Bell", d("2026-01-09"), "actions are all training");
  EXPECT_EQ(reg.plan(PlanId("P-2")).approval, Approval::refused);
  EXPECT_EQ(reg.plan(PlanId("P-2")).refusal_reason, "actions are all training");
  EXPECT_FALSE(reg.plan_is_open(PlanId("P-2")));
  EXPECT_TRUE(reg.plan_is_open(PlanId("P-1")));

  ActionPlan refused_without_reason;
  refused_without_reason.id = PlanId("P-3");
  refused_without_reason.investigation = InvestigationId("INV-1");
  refused_without_reason.created_on = d("2026-01-05");
  refused_without_reason.approval = Approval::refused;
  refused_without_reason.approver = "Jo Bell";
  refused_without_reason.decided_on = d("2026-01-06");
  expect_refused<RuleError>(reg, [&](Register& r) { r.add_plan(refused_without_reason); },
                            "plan.refusal_requires_reason", "plan \"P-3\"");
}

TEST(Register, InvestigationCoversSeveralIncidentsAndConcludes) {
  Register reg = small_register();
  Incident second = reg.incident(IncidentId("I-1"));
  second.id = IncidentId("I-2");
  second.occurred_at = at("2025-12-05T20:00");
  second.reported_at = at("2025-12-05T21:00");
  reg.add_incident(second);
  Investigation thematic = testing::records::investigation(
      "INV-2", {IncidentId("I-1"), IncidentId("I-2")}, InvestigationMethod::thematic_review,
      "Priya Shah", d("2025-12-10"));
  reg.add_investigation(thematic);
  EXPECT_EQ(reg.investigations_of(IncidentId("I-1")).size(), 2U);
  expect_refused<RuleError>(
      reg,
      [](Register& r) {
        r.conclude_investigation(InvestigationId("INV-2"), d("2025-12-01"), "x", {});
      },
      "investigation.concluded_before_opened", "investigation \"INV-2\"");
  reg.conclude_investigation(InvestigationId("INV-2"), d("2025-12-30"), "Two rounds rushed",
                             {ContributingFactor::staffing});
  EXPECT_EQ(reg.investigation(InvestigationId("INV-2")).concluded, d("2025-12-30"));
  EXPECT_EQ(reg.investigation(InvestigationId("INV-2")).factors,
            std::vector<ContributingFactor>{ContributingFactor::staffing});
  thematic.id = InvestigationId("INV-3");
  thematic.incidents = {IncidentId("I-1"), IncidentId("I-1")};
  expect_refused<RuleError>(reg, [&](Register& r) { r.add_investigation(thematic); },
                            "investigation.duplicate_incident", "investigation \"INV-3\"");
}

TEST(Register, ChecksAndShares) {
  Register reg = small_register();
  reg.add_action(good_action("A-1"));
  Check c;
  c.id = CheckId("C-1");
  c.action = ActionId("A-1");
  c.date = d("2026-02-01");
  c.score = 21;
  c.denominator = 20;
  expect_refused<InputError>(reg, [&](Register& r) { r.add_check(c); }, "",
                             "check \"C-1\": the score must lie between 0 and a positive denominator");
  c.score = 19;
  c.passed = true;
  reg.add_check(c);
  EXPECT_EQ(reg.checks_for(ActionId("A-1")).size(), 1U);

  LearningShare share;
  share.id = ShareId("SH-1");
  share.plan = PlanId("P-1");
  share.date = d("2026-04-01");
  share.channel = Channel::governance_forum;
  share.targets = {{ServiceId("S-2"), std::nullopt, std::nullopt, std::nullopt},
                   {ServiceId("S-2"), std::nullopt, std::nullopt, std::nullopt}};
  expect_refused<RuleError>(reg, [&](Register& r) { r.add_share(share); },
                            "share.duplicate_target", "learning share \"SH-1\"");
  share.targets.pop_back();
  reg.add_share(share);
  expect_refused<RuleError>(
      reg,
      [](Register& r) { r.acknowledge_share(ShareId("SH-1"), ServiceId("S-2"), d("2026-03-31")); },
      "share.response_before_share", "service \"S-2\" cannot acknowledge on 2026-03-31");
  expect_refused<NotFoundError>(
      reg,
      [](Register& r) { r.acknowledge_share(ShareId("SH-1"), ServiceId("S-1"), d("2026-04-02")); },
      "", "service \"S-1\" is not a target");
  reg.acknowledge_share(ShareId("SH-1"), ServiceId("S-2"), d("2026-04-03"));
  expect_refused<RuleError>(
      reg,
      [](Register& r) { r.acknowledge_share(ShareId("SH-1"), ServiceId("S-2"), d("2026-04-04")); },
      "share.already_acknowledged", "acknowledged it on 2026-04-03");
  reg.record_adoption(ShareId("SH-1"), ServiceId("S-2"), true, d("2026-04-20"));
  const ShareTarget& target = reg.share(ShareId("SH-1")).targets.front();
  EXPECT_EQ(target.acknowledged_on, d("2026-04-03"));
  EXPECT_EQ(target.adopted, true);
  EXPECT_EQ(target.decided_on, d("2026-04-20"));
}

TEST(Register, Queries) {
  Register reg = small_register();
  reg.add_action(good_action("A-2"));
  reg.add_action(good_action("A-1"));
  const auto actions = reg.actions_of(PlanId("P-1"));
  ASSERT_EQ(actions.size(), 2U);
  EXPECT_EQ(actions[0]->id, ActionId("A-1"));
  EXPECT_EQ(reg.actions_in(ActionState::proposed).size(), 2U);
  EXPECT_EQ(reg.incidents_at(ServiceId("S-1")).size(), 1U);
  EXPECT_TRUE(reg.incidents_at(ServiceId("S-2")).empty());
  EXPECT_EQ(reg.plans_of(InvestigationId("INV-1")).size(), 1U);
  GovernanceReview review;
  review.id = ReviewId("R-1");
  review.date = d("2026-02-01");
  review.actions = {ActionId("A-2")};
  reg.add_review(review);
  EXPECT_EQ(reg.reviews_of(PlanId("P-1")).size(), 1U);
  EXPECT_EQ(reg.reviews_of(ActionId("A-2")).size(), 1U);
  EXPECT_TRUE(reg.reviews_of(ActionId("A-1")).empty());
  EXPECT_EQ(reg.escalation_path_for(PlanId("P-1")), nullptr);
  reg.add_escalation_path({EscalationPathId("EP-1"), "standard",
                           {{EscalationKind::remind, -7, 3, -1, "owner"}}});
  reg.set_default_escalation_path(EscalationPathId("EP-1"));
  ASSERT_NE(reg.escalation_path_for(PlanId("P-1")), nullptr);
  EXPECT_EQ(reg.escalation_path_for(PlanId("P-1"))->id, EscalationPathId("EP-1"));
}

TEST(Register, CopiesCompareEqualAndDifferencesShow) {
  const Register a = small_register();
  Register b = small_register();
  EXPECT_TRUE(a == b);
  b.add_category("dehydration");
  EXPECT_FALSE(a == b);
}

}  // namespace
}  // namespace closeloop::lifecycle
