#include "closeloop/lifecycle/enums.hpp"

#include "closeloop/core/enum_text.hpp"

namespace closeloop::lifecycle {

namespace {

constexpr EnumText<ContributingFactor, 12> kContributingFactor{"contributing factor", {{
    {ContributingFactor::documentation, "documentation"},
    {ContributingFactor::procedure, "procedure"},
    {ContributingFactor::staff_knowledge, "staff_knowledge"},
    {ContributingFactor::training, "training"},
    {ContributingFactor::assessment, "assessment"},
    {ContributingFactor::environment, "environment"},
    {ContributingFactor::equipment, "equipment"},
    {ContributingFactor::communication, "communication"},
    {ContributingFactor::escalation, "escalation"},
    {ContributingFactor::staffing, "staffing"},
    {ContributingFactor::supervision, "supervision"},
    {ContributingFactor::other, "other"}}}};

constexpr EnumText<InvestigationMethod, 6> kInvestigationMethod{"investigation method", {{
    {InvestigationMethod::after_action_review, "after_action_review"},
    {InvestigationMethod::swarm_huddle, "swarm_huddle"},
    {InvestigationMethod::thematic_review, "thematic_review"},
    {InvestigationMethod::root_cause_analysis, "root_cause_analysis"},
    {InvestigationMethod::safeguarding_enquiry, "safeguarding_enquiry"},
    {InvestigationMethod::other, "other"}}}};

constexpr EnumText<InterventionType, 13> kInterventionType{"intervention type", {{
    {InterventionType::physical_change, "physical_change"},
    {InterventionType::forcing_function, "forcing_function"},
    {InterventionType::simplification, "simplification"},
    {InterventionType::standardised_equipment, "standardised_equipment"},
    {InterventionType::checklist, "checklist"},
    {InterventionType::redundancy, "redundancy"},
    {InterventionType::staffing_change, "staffing_change"},
    {InterventionType::software_enhancement, "software_enhancement"},
    {InterventionType::remove_look_alikes, "remove_look_alikes"},
    {InterventionType::training, "training"},
    {InterventionType::policy_procedure, "policy_procedure"},
    {InterventionType::warning, "warning"},
    {InterventionType::double_check, "double_check"}}}};

constexpr EnumText<ActionStrength, 3> kActionStrength{"action strength", {{
    {ActionStrength::stronger, "stronger"},
    {ActionStrength::intermediate, "intermediate"},
    {ActionStrength::weaker, "weaker"}}}};

constexpr EnumText<MeasureKind, 3> kMeasureKind{"measure kind", {{
    {MeasureKind::outcome, "outcome"},
    {MeasureKind::process, "process"},
    {MeasureKind::balancing, "balancing"}}}};

constexpr EnumText<Direction, 2> kDirection{"direction", {{
    {Direction::decrease, "decrease"},
    {Direction::increase, "increase"}}}};

constexpr EnumText<MonitoringKind, 6> kMonitoringKind{"monitoring kind", {{
    {MonitoringKind::spot_check, "spot_check"},
    {MonitoringKind::audit, "audit"},
    {MonitoringKind::competency_observation, "competency_observation"},
    {MonitoringKind::supervision, "supervision"},
    {MonitoringKind::governance_meeting, "governance_meeting"},
    {MonitoringKind::call_log_review, "call_log_review"}}}};

constexpr EnumText<EvidenceKind, 9> kEvidenceKind{"evidence kind", {{
    {EvidenceKind::audit_result, "audit_result"},
    {EvidenceKind::training_record, "training_record"},
    {EvidenceKind::policy_version, "policy_version"},
    {EvidenceKind::minutes, "minutes"},
    {EvidenceKind::observation, "observation"},
    {EvidenceKind::document, "document"},
    {EvidenceKind::peoples_experience, "peoples_experience"},
    {EvidenceKind::staff_feedback, "staff_feedback"},
    {EvidenceKind::partner_feedback, "partner_feedback"}}}};

constexpr EnumText<Forum, 4> kForum{"forum", {{
    {Forum::clinical_governance, "clinical_governance"},
    {Forum::quality_assurance, "quality_assurance"},
    {Forum::board, "board"},
    {Forum::contract_monitoring, "contract_monitoring"}}}};

constexpr EnumText<Channel, 3> kChannel{"channel", {{
    {Channel::governance_forum, "governance_forum"},
    {Channel::staff_briefing, "staff_briefing"},
    {Channel::leadership_update, "leadership_update"}}}};

constexpr EnumText<Verdict, 3> kVerdict{"verdict", {{
    {Verdict::effective, "effective"},
    {Verdict::not_effective, "not_effective"},
    {Verdict::inconclusive, "inconclusive"}}}};

constexpr EnumText<Decision, 3> kDecision{"decision", {{
    {Decision::adopt, "adopt"},
    {Decision::adapt, "adapt"},
    {Decision::abandon, "abandon"}}}};

constexpr EnumText<Approval, 3> kApproval{"approval", {{
    {Approval::pending, "pending"},
    {Approval::approved, "approved"},
    {Approval::refused, "refused"}}}};

constexpr EnumText<Transition, 9> kTransition{"transition", {{
    {Transition::agree, "agree"},
    {Transition::start, "start"},
    {Transition::implement, "implement"},
    {Transition::verify, "verify"},
    {Transition::evaluate, "evaluate"},
    {Transition::close, "close"},
    {Transition::reopen, "reopen"},
    {Transition::cancel, "cancel"},
    {Transition::edit, "edit"}}}};

constexpr EnumText<WorstHarm, 8> kWorstHarm{"worst harm", {{
    {WorstHarm::none, "none"},
    {WorstHarm::psychological_low, "psychological_low"},
    {WorstHarm::physical_low, "physical_low"},
    {WorstHarm::psychological_moderate, "psychological_moderate"},
    {WorstHarm::physical_moderate, "physical_moderate"},
    {WorstHarm::psychological_severe, "psychological_severe"},
    {WorstHarm::physical_severe, "physical_severe"},
    {WorstHarm::fatal, "fatal"}}}};

constexpr EnumText<Weekday, 7> kWeekday{"weekday", {{
    {Weekday::monday, "monday"},
    {Weekday::tuesday, "tuesday"},
    {Weekday::wednesday, "wednesday"},
    {Weekday::thursday, "thursday"},
    {Weekday::friday, "friday"},
    {Weekday::saturday, "saturday"},
    {Weekday::sunday, "sunday"}}}};

constexpr EnumText<RecurrenceKind, 6> kRecurrenceKind{"recurrence kind", {{
    {RecurrenceKind::none, "none"},
    {RecurrenceKind::weekly, "weekly"},
    {RecurrenceKind::every_n_weeks, "every_n_weeks"},
    {RecurrenceKind::monthly_day, "monthly_day"},
    {RecurrenceKind::monthly_last_day, "monthly_last_day"},
    {RecurrenceKind::quarterly, "quarterly"}}}};

constexpr EnumText<Severity, 2> kSeverity{"severity", {{
    {Severity::error, "error"},
    {Severity::warning, "warning"}}}};

constexpr EnumText<EscalationKind, 2> kEscalationKind{"escalation kind", {{
    {EscalationKind::remind, "remind"},
    {EscalationKind::escalate, "escalate"}}}};

constexpr EnumText<RecurrenceReason, 2> kRecurrenceReason{"recurrence reason", {{
    {RecurrenceReason::same_category_and_service, "same_category_and_service"},
    {RecurrenceReason::same_contributing_factor, "same_contributing_factor"}}}};

constexpr EnumText<SpreadGap, 3> kSpreadGap{"spread gap", {{
    {SpreadGap::not_acknowledged, "not_acknowledged"},
    {SpreadGap::adoption_undecided, "adoption_undecided"},
    {SpreadGap::reach_below_threshold, "reach_below_threshold"}}}};

constexpr EnumText<FadeReason, 2> kFadeReason{"fade reason", {{
    {FadeReason::check_failed, "check_failed"},
    {FadeReason::check_missed, "check_missed"}}}};

}  // namespace

std::string_view to_string(ContributingFactor value) noexcept { return kContributingFactor.name(value); }
ContributingFactor parse_contributing_factor(std::string_view text) { return kContributingFactor.parse(text); }
std::string_view to_string(InvestigationMethod value) noexcept { return kInvestigationMethod.name(value); }
InvestigationMethod parse_investigation_method(std::string_view text) { return kInvestigationMethod.parse(text); }
std::string_view to_string(InterventionType value) noexcept { return kInterventionType.name(value); }
InterventionType parse_intervention_type(std::string_view text) { return kInterventionType.parse(text); }
std::string_view to_string(ActionStrength value) noexcept { return kActionStrength.name(value); }
ActionStrength parse_action_strength(std::string_view text) { return kActionStrength.parse(text); }
std::string_view to_string(MeasureKind value) noexcept { return kMeasureKind.name(value); }
MeasureKind parse_measure_kind(std::string_view text) { return kMeasureKind.parse(text); }
std::string_view to_string(Direction value) noexcept { return kDirection.name(value); }
Direction parse_direction(std::string_view text) { return kDirection.parse(text); }
std::string_view to_string(MonitoringKind value) noexcept { return kMonitoringKind.name(value); }
MonitoringKind parse_monitoring_kind(std::string_view text) { return kMonitoringKind.parse(text); }
std::string_view to_string(EvidenceKind value) noexcept { return kEvidenceKind.name(value); }
EvidenceKind parse_evidence_kind(std::string_view text) { return kEvidenceKind.parse(text); }
std::string_view to_string(Forum value) noexcept { return kForum.name(value); }
Forum parse_forum(std::string_view text) { return kForum.parse(text); }
std::string_view to_string(Channel value) noexcept { return kChannel.name(value); }
Channel parse_channel(std::string_view text) { return kChannel.parse(text); }
std::string_view to_string(Verdict value) noexcept { return kVerdict.name(value); }
Verdict parse_verdict(std::string_view text) { return kVerdict.parse(text); }
std::string_view to_string(Decision value) noexcept { return kDecision.name(value); }
Decision parse_decision(std::string_view text) { return kDecision.parse(text); }
std::string_view to_string(Approval value) noexcept { return kApproval.name(value); }
Approval parse_approval(std::string_view text) { return kApproval.parse(text); }
std::string_view to_string(Transition value) noexcept { return kTransition.name(value); }
Transition parse_transition(std::string_view text) { return kTransition.parse(text); }
std::string_view to_string(WorstHarm value) noexcept { return kWorstHarm.name(value); }
WorstHarm parse_worst_harm(std::string_view text) { return kWorstHarm.parse(text); }
std::string_view to_string(Weekday value) noexcept { return kWeekday.name(value); }
Weekday parse_weekday(std::string_view text) { return kWeekday.parse(text); }
std::string_view to_string(RecurrenceKind value) noexcept { return kRecurrenceKind.name(value); }
RecurrenceKind parse_recurrence_kind(std::string_view text) { return kRecurrenceKind.parse(text); }
std::string_view to_string(Severity value) noexcept { return kSeverity.name(value); }
Severity parse_severity(std::string_view text) { return kSeverity.parse(text); }
std::string_view to_string(EscalationKind value) noexcept { return kEscalationKind.name(value); }
EscalationKind parse_escalation_kind(std::string_view text) { return kEscalationKind.parse(text); }
std::string_view to_string(RecurrenceReason value) noexcept { return kRecurrenceReason.name(value); }
RecurrenceReason parse_recurrence_reason(std::string_view text) { return kRecurrenceReason.parse(text); }
std::string_view to_string(SpreadGap value) noexcept { return kSpreadGap.name(value); }
SpreadGap parse_spread_gap(std::string_view text) { return kSpreadGap.parse(text); }
std::string_view to_string(FadeReason value) noexcept { return kFadeReason.name(value); }
FadeReason parse_fade_reason(std::string_view text) { return kFadeReason.parse(text); }

ActionStrength strength_of(InterventionType type) noexcept {
  switch (type) {
    case InterventionType::physical_change:
    case InterventionType::forcing_function:
    case InterventionType::simplification:
    case InterventionType::standardised_equipment:
      return ActionStrength::stronger;
    case InterventionType::checklist:
    case InterventionType::redundancy:
    case InterventionType::staffing_change:
    case InterventionType::software_enhancement:
    case InterventionType::remove_look_alikes:
      return ActionStrength::intermediate;
    case InterventionType::training:
    case InterventionType::policy_procedure:
    case InterventionType::warning:
    case InterventionType::double_check:
      break;
  }
  return ActionStrength::weaker;
}

WorstHarm worst_harm(Harm physical, PsychologicalHarm psychological) noexcept {
  // Physical words sit on the even ranks 0, 2, 4, 6, 7(fatal); a psychological
  // word sits one rank below the same physical word.
  int physical_rank = 0;
  switch (physical) {
    case Harm::none: physical_rank = 0; break;
    case Harm::low: physical_rank = 2; break;
    case Harm::moderate: physical_rank = 4; break;
    case Harm::severe: physical_rank = 6; break;
    case Harm::fatal: physical_rank = 7; break;
  }
  int psychological_rank = 0;
  switch (psychological) {
    case PsychologicalHarm::none: psychological_rank = 0; break;
    case PsychologicalHarm::low: psychological_rank = 1; break;
    case PsychologicalHarm::moderate: psychological_rank = 3; break;
    case PsychologicalHarm::severe: psychological_rank = 5; break;
  }
  const int rank = physical_rank > psychological_rank ? physical_rank : psychological_rank;
  return static_cast<WorstHarm>(rank);
}

}  // namespace closeloop::lifecycle

CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::lifecycle::ContributingFactor, closeloop::lifecycle::kContributingFactor)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::lifecycle::InvestigationMethod, closeloop::lifecycle::kInvestigationMethod)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::lifecycle::InterventionType, closeloop::lifecycle::kInterventionType)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::lifecycle::ActionStrength, closeloop::lifecycle::kActionStrength)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::lifecycle::MeasureKind, closeloop::lifecycle::kMeasureKind)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::lifecycle::Direction, closeloop::lifecycle::kDirection)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::lifecycle::MonitoringKind, closeloop::lifecycle::kMonitoringKind)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::lifecycle::EvidenceKind, closeloop::lifecycle::kEvidenceKind)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::lifecycle::Forum, closeloop::lifecycle::kForum)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::lifecycle::Channel, closeloop::lifecycle::kChannel)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::lifecycle::Verdict, closeloop::lifecycle::kVerdict)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::lifecycle::Decision, closeloop::lifecycle::kDecision)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::lifecycle::Approval, closeloop::lifecycle::kApproval)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::lifecycle::Transition, closeloop::lifecycle::kTransition)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::lifecycle::WorstHarm, closeloop::lifecycle::kWorstHarm)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::lifecycle::Weekday, closeloop::lifecycle::kWeekday)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::lifecycle::RecurrenceKind, closeloop::lifecycle::kRecurrenceKind)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::lifecycle::Severity, closeloop::lifecycle::kSeverity)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::lifecycle::EscalationKind, closeloop::lifecycle::kEscalationKind)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::lifecycle::RecurrenceReason, closeloop::lifecycle::kRecurrenceReason)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::lifecycle::SpreadGap, closeloop::lifecycle::kSpreadGap)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::lifecycle::FadeReason, closeloop::lifecycle::kFadeReason)
