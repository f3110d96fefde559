#include <gtest/gtest.h>

#include "closeloop/core/error.hpp"
#include "closeloop/report/model.hpp"
#include "report_fixture.hpp"

namespace closeloop::report {
namespace {

TEST(Model, WordsRoundTrip) {
  for (auto a : {Audience::board, Audience::commissioner, Audience::inspector}) {
    EXPECT_EQ(parse_audience(to_string(a)), a);
  }
  for (int i = 0; i <= static_cast<int>(FindingKind::not_effective); ++i) {
    const auto kind = static_cast<FindingKind>(i);
    EXPECT_EQ(parse_finding_kind(to_string(kind)), kind);
    EXPECT_NE(title_of(kind), "?");
  }
  for (int i = 0; i <= static_cast<int>(EvidenceCategory::feedback_from_partners); ++i) {
    const auto category = static_cast<EvidenceCategory>(i);
    EXPECT_EQ(parse_evidence_category(to_string(category)), category);
  }
  EXPECT_EQ(parse_quality_statement("safe_systems_pathways_transitions"),
            QualityStatement::safe_systems_pathways_transitions);
  EXPECT_EQ(title_of(QualityStatement::governance_management_sustainability),
            "Governance, management and sustainability");
  EXPECT_EQ(title_of(EvidenceCategory::peoples_experience), "People's experience");
  EXPECT_THROW((void)parse_audience("public"), InputError);
}

TEST(Model, AnchorsAreValidAndDistinct) {
  EXPECT_EQ(anchor_of(LinkKind::action, "A-12"), "action-A-12");
  EXPECT_EQ(anchor_of(LinkKind::chart, "falls oak"), "chart-falls_20oak");
  EXPECT_EQ(anchor_of(LinkKind::plan, "a_b"), "plan-a_5fb");
  EXPECT_NE(anchor_of(LinkKind::plan, "a_20b"), anchor_of(LinkKind::plan, "a b"));
  EXPECT_EQ(anchor_of(LinkKind::action, "\"><"), "action-_22_3e_3c");
}

TEST(Model, StandardMappingCoversEverySectionAndStatement) {
  const auto mapping = standard_cqc_mapping();
  // Every section but the meeting pack (inside audiences only), in order.
  ASSERT_EQ(mapping.size(), 9U);
  bool seen[3] = {false, false, false};
  for (std::size_t i = 0; i < mapping.size(); ++i) {
    EXPECT_EQ(static_cast<std::size_t>(mapping[i].section), i + 1);
    EXPECT_FALSE(mapping[i].quality_statements.empty());
    EXPECT_FALSE(mapping[i].evidence_categories.empty());
    for (auto q : mapping[i].quality_statements) seen[static_cast<int>(q)] = true;
  }
  EXPECT_TRUE(seen[0] && seen[1] && seen[2]);
  EXPECT_EQ(mapping[static_cast<std::size_t>(SectionKey::learning) - 1].quality_statements.front(),
            QualityStatement::learning_culture);
}

TEST(Model, EvidenceCategories) {
  EXPECT_EQ(evidence_category_of("audit_result"), EvidenceCategory::processes);
  EXPECT_EQ(evidence_category_of("competency_observation"), EvidenceCategory::observation);
  EXPECT_EQ(evidence_category_of("observation"), EvidenceCategory::observation);
  EXPECT_EQ(evidence_category_of("minutes"), EvidenceCategory::feedback_from_staff_and_leaders);
  EXPECT_EQ(evidence_category_of("supervision"), EvidenceCategory::feedback_from_staff_and_leaders);
  EXPECT_EQ(evidence_category_of("something_new"), EvidenceCategory::processes);
}

TEST(Model, NewEvidenceKindsFillThePeopleAndPartnerCategories) {
  EXPECT_EQ(evidence_category_of("peoples_experience"), EvidenceCategory::peoples_experience);
  EXPECT_EQ(evidence_category_of("staff_feedback"), EvidenceCategory::feedback_from_staff_and_leaders);
  EXPECT_EQ(evidence_category_of("partner_feedback"), EvidenceCategory::feedback_from_partners);
}

}  // namespace
}  // namespace closeloop::report
