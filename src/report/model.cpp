#include "closeloop/report/model.hpp"

#include <algorithm>
#include <array>

#include "closeloop/core/enum_text.hpp"

namespace closeloop::report {

namespace {

constexpr EnumText<Audience, 4> kAudience{"report audience",
                                          {{{Audience::board, "board"},
                                            {Audience::commissioner, "commissioner"},
                                            {Audience::inspector, "inspector"},
                                            {Audience::governance, "governance"}}}};

constexpr EnumText<Severity, 3> kSeverity{
    "finding severity",
    {{{Severity::high, "high"}, {Severity::medium, "medium"}, {Severity::low, "low"}}}};

constexpr EnumText<FindingKind, 11> kFindingKind{
    "finding kind",
    {{{FindingKind::overdue, "overdue"},
      {FindingKind::stale, "stale"},
      {FindingKind::unreviewed_plan, "unreviewed_plan"},
      {FindingKind::missed_monitoring, "missed_monitoring"},
      {FindingKind::faded_after_closure, "faded_after_closure"},
      {FindingKind::recurrence, "recurrence"},
      {FindingKind::special_cause_concern, "special_cause_concern"},
      {FindingKind::learning_not_spread, "learning_not_spread"},
      {FindingKind::weaker_actions_only, "weaker_actions_only"},
      {FindingKind::escalation_due, "escalation_due"},
      {FindingKind::not_effective, "not_effective"}}}};

constexpr std::array<std::string_view, 11> kFindingTitles{
    "Overdue action",           "Stale action (fading from focus)",
    "Plan not reviewed",        "Missed monitoring",
    "Faded after closure",      "Recurrence after implementation",
    "Special-cause concern",    "Learning not spread",
    "Only weaker actions",      "Escalation due",
    "Action not effective"};

constexpr EnumText<LinkKind, 8> kLinkKind{"link kind",
                                          {{{LinkKind::action, "action"},
                                            {LinkKind::plan, "plan"},
                                            {LinkKind::chart, "chart"},
                                            {LinkKind::funnel, "funnel"},
                                            {LinkKind::service, "service"},
                                            {LinkKind::share, "share"},
                                            {LinkKind::review, "review"},
                                            {LinkKind::investigation, "investigation"}}}};

constexpr EnumText<PointClass, 4> kPointClass{"point class",
                                              {{{PointClass::common_cause, "common_cause"},
                                                {PointClass::concern, "concern"},
                                                {PointClass::improvement, "improvement"},
                                                {PointClass::neutral, "neutral"}}}};

constexpr EnumText<QualityStatement, 3> kQualityStatement{
    "CQC quality statement",
    {{{QualityStatement::learning_culture, "learning_culture"},
      {QualityStatement::safe_systems_pathways_transitions, "safe_systems_pathways_transitions"},
      {QualityStatement::governance_management_sustainability,
       "governance_management_sustainability"}}}};

constexpr std::array<std::string_view, 3> kQualityStatementTitles{
    "Learning culture", "Safe systems, pathways and transitions",
    "Governance, management and sustainability"};

constexpr EnumText<EvidenceCategory, 6> kEvidenceCategory{
    "CQC evidence category",
    {{{EvidenceCategory::processes, "processes"},
      {EvidenceCategory::outcomes, "outcomes"},
      {EvidenceCategory::observation, "observation"},
      {EvidenceCategory::feedback_from_staff_and_leaders, "feedback_from_staff_and_leaders"},
      {EvidenceCategory::peoples_experience, "peoples_experience"},
      {EvidenceCategory::feedback_from_partners, "feedback_from_partners"}}}};

constexpr std::array<std::string_view, 6> kEvidenceCategoryTitles{
    "Processes",
    "Outcomes",
    "Observation",
    "Feedback from staff and leaders",
    "People's experience",
    "Feedback from partners"};

constexpr EnumText<SectionKey, 10> kSectionKey{"report section",
                                               {{{SectionKey::meeting_pack, "meeting_pack"},
                                                 {SectionKey::needs_attention, "needs_attention"},
                                                 {SectionKey::trends, "trends"},
                                                 {SectionKey::harm_profile, "harm_profile"},
                                                 {SectionKey::action_plans, "action_plans"},
                                                 {SectionKey::evidence, "evidence"},
                                                 {SectionKey::effectiveness, "effectiveness"},
                                                 {SectionKey::governance_trail, "governance_trail"},
                                                 {SectionKey::learning, "learning"},
                                                 {SectionKey::action_strength, "action_strength"}}}};

constexpr std::array<std::string_view, 10> kSectionTitles{
    "Governance meeting pack",
    "Needs attention",
    "Incident trends",
    "Harm profile",
    "Action plans",
    "Evidence of implementation and verification",
    "Effectiveness",
    "Governance trail",
    "Learning shared and adopted",
    "Action strength"};

template <class E, std::size_t N>
std::string_view title_in(const std::array<std::string_view, N>& titles, E value) noexcept {
  const auto index = static_cast<std::size_t>(value);
  return index < N ? titles[index] : std::string_view("?");
}

}  // namespace

std::string_view to_string(Audience value) noexcept { return kAudience.name(value); }
std::string_view to_string(Severity value) noexcept { return kSeverity.name(value); }
std::string_view to_string(FindingKind value) noexcept { return kFindingKind.name(value); }
std::string_view to_string(LinkKind value) noexcept { return kLinkKind.name(value); }
std::string_view to_string(PointClass value) noexcept { return kPointClass.name(value); }
std::string_view to_string(QualityStatement value) noexcept {
  return kQualityStatement.name(value);
}
std::string_view to_string(EvidenceCategory value) noexcept {
  return kEvidenceCategory.name(value);
}
std::string_view to_string(SectionKey value) noexcept { return kSectionKey.name(value); }

Audience parse_audience(std::string_view text) { return kAudience.parse(text); }
Severity parse_severity(std::string_view text) { return kSeverity.parse(text); }
FindingKind parse_finding_kind(std::string_view text) { return kFindingKind.parse(text); }
LinkKind parse_link_kind(std::string_view text) { return kLinkKind.parse(text); }
PointClass parse_point_class(std::string_view text) { return kPointClass.parse(text); }
QualityStatement parse_quality_statement(std::string_view text) {
  return kQualityStatement.parse(text);
}
EvidenceCategory parse_evidence_category(std::string_view text) {
  return kEvidenceCategory.parse(text);
}
SectionKey parse_section_key(std::string_view text) { return kSectionKey.parse(text); }

std::string_view title_of(QualityStatement value) noexcept {
  return title_in(kQualityStatementTitles, value);
}
std::string_view title_of(EvidenceCategory value) noexcept {
  return title_in(kEvidenceCategoryTitles, value);
}
std::string_view title_of(SectionKey value) noexcept { return title_in(kSectionTitles, value); }
std::string_view title_of(FindingKind value) noexcept { return title_in(kFindingTitles, value); }

std::string anchor_of(LinkKind kind, std::string_view id) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(to_string(kind));
  out += '-';
  for (char c : id) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                       (c >= '0' && c <= '9') || c == '-';
    if (plain) {
      out += c;
    } else {
      // '_' is the escape character, so it is escaped too: ids stay distinct.
      const auto byte = static_cast<unsigned char>(c);
      out += '_';
      out += kHex[byte >> 4U];
      out += kHex[byte & 0x0FU];
    }
  }
  return out;
}

std::vector<SectionMapping> standard_cqc_mapping() {
  using Q = QualityStatement;
  using C = EvidenceCategory;
  return {
      {SectionKey::needs_attention,
       {Q::governance_management_sustainability, Q::safe_systems_pathways_transitions},
       {C::processes}},
      {SectionKey::trends, {Q::safe_systems_pathways_transitions, Q::learning_culture},
       {C::outcomes}},
      {SectionKey::harm_profile, {Q::safe_systems_pathways_transitions}, {C::outcomes}},
      {SectionKey::action_plans, {Q::governance_management_sustainability, Q::learning_culture},
       {C::processes}},
      {SectionKey::evidence,
       {Q::governance_management_sustainability, Q::safe_systems_pathways_transitions},
       {C::processes, C::observation, C::feedback_from_staff_and_leaders, C::peoples_experience,
        C::feedback_from_partners}},
      {SectionKey::effectiveness, {Q::learning_culture, Q::safe_systems_pathways_transitions},
       {C::outcomes}},
      {SectionKey::governance_trail, {Q::governance_management_sustainability},
       {C::processes, C::feedback_from_staff_and_leaders}},
      {SectionKey::learning, {Q::learning_culture, Q::governance_management_sustainability},
       {C::processes, C::feedback_from_staff_and_leaders}},
      {SectionKey::action_strength, {Q::learning_culture, Q::safe_systems_pathways_transitions},
       {C::processes}},
  };
}

EvidenceCategory evidence_category_of(std::string_view kind) noexcept {
  using C = EvidenceCategory;
  if (kind == "audit_result" || kind == "audit" || kind == "training_record" ||
      kind == "policy_version" || kind == "document" || kind == "spot_check" ||
      kind == "call_log_review") {
    return C::processes;
  }
  if (kind == "observation" || kind == "competency_observation") return C::observation;
  if (kind == "minutes" || kind == "supervision" || kind == "governance_meeting" ||
      kind == "staff_feedback") {
    return C::feedback_from_staff_and_leaders;
  }
  if (kind == "outcome" || kind == "rate") return C::outcomes;
  if (kind == "feedback" || kind == "survey" || kind == "peoples_experience") {
    return C::peoples_experience;
  }
  if (kind == "partner_feedback") return C::feedback_from_partners;
  return C::processes;
}

}  // namespace closeloop::report

CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::report::Audience, closeloop::report::kAudience)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::report::Severity, closeloop::report::kSeverity)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::report::FindingKind, closeloop::report::kFindingKind)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::report::LinkKind, closeloop::report::kLinkKind)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::report::PointClass, closeloop::report::kPointClass)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::report::QualityStatement, closeloop::report::kQualityStatement)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::report::EvidenceCategory, closeloop::report::kEvidenceCategory)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::report::SectionKey, closeloop::report::kSectionKey)
