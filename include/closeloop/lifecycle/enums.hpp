#pragma once
/// \file
/// The lifecycle area's enums and their text forms. Every enum has a
/// `to_string` giving its word and a `parse_*` function that reads the word
/// back (an InputError listing the allowed words otherwise), so a store can
/// save each value as a word and read it back unchanged.

#include <cstdint>
#include <string_view>

#include "closeloop/core/enum_words.hpp"
#include "closeloop/core/enums.hpp"

namespace closeloop::lifecycle {

/// Contributing factors an investigation finds (the taxonomy of DESIGN.md).
enum class ContributingFactor : std::uint8_t {
  documentation,
  procedure,
  staff_knowledge,
  training,
  assessment,
  environment,
  equipment,
  communication,
  escalation,
  staffing,
  supervision,
  other,
};

/// How a learning response was carried out.
enum class InvestigationMethod : std::uint8_t {
  after_action_review,
  swarm_huddle,
  thematic_review,
  root_cause_analysis,
  safeguarding_enquiry,
  other,
};

/// The kind of change an action makes, from the hierarchy of intervention
/// effectiveness (see docs/action-quality.md for the strength of each).
enum class InterventionType : std::uint8_t {
  // stronger
  physical_change,         ///< physical or architectural change to the environment
  forcing_function,        ///< a design that makes the error impossible
  simplification,          ///< removing steps from a process
  standardised_equipment,  ///< one model of equipment or one layout everywhere
  // intermediate
  checklist,               ///< checklists and cognitive aids (including assessment tools)
  redundancy,              ///< an independent second route or person
  staffing_change,         ///< changes to staffing levels, skill mix or specialist input
  software_enhancement,    ///< changes to care-record or eMAR software
  remove_look_alikes,      ///< separating look-alike, sound-alike items
  // weaker
  training,                ///< training and education
  policy_procedure,        ///< a new or revised policy, procedure or guidance
  warning,                 ///< warnings, signs and reminders
  double_check,            ///< a double check by another person
};

/// The strength of an action, from its intervention type.
enum class ActionStrength : std::uint8_t { stronger, intermediate, weaker };

/// What a measure tells: an outcome rate to move, a process check to pass, or
/// a balancing measure that must not get worse.
enum class MeasureKind : std::uint8_t { outcome, process, balancing };

/// Which way an outcome measure should move.
enum class Direction : std::uint8_t { decrease, increase };

/// How an action is monitored.
enum class MonitoringKind : std::uint8_t {
  spot_check,
  audit,
  competency_observation,
  supervision,
  governance_meeting,
  call_log_review,
};

/// Kinds of evidence that an action was implemented.
enum class EvidenceKind : std::uint8_t {
  audit_result,
  training_record,
  policy_version,
  minutes,
  observation,
  document,
  peoples_experience,  ///< what people using the service and their families said
  staff_feedback,      ///< feedback from staff and leaders (debriefs, surveys)
  partner_feedback,    ///< feedback from partners (GPs, commissioners, advocates)
};

/// Governance forums that review plans and sign actions off.
enum class Forum : std::uint8_t { clinical_governance, quality_assurance, board, contract_monitoring };

/// Channels through which learning is shared across services.
enum class Channel : std::uint8_t { governance_forum, staff_briefing, leadership_update };

/// The verdict of an evaluation.
enum class Verdict : std::uint8_t { effective, not_effective, inconclusive };

/// The decision recorded when an action closes.
enum class Decision : std::uint8_t { adopt, adapt, abandon };

/// Where an action plan stands with its approver.
enum class Approval : std::uint8_t { pending, approved, refused };

/// The transitions of the action lifecycle (the verbs of its events).
/// `edit` records a change to the action's fields; it leaves the state alone.
enum class Transition : std::uint8_t {
  agree,
  start,
  implement,
  verify,
  evaluate,
  close,
  reopen,
  cancel,
  edit,
};

/// An incident's worst harm on one scale: psychological harm ranks one step
/// milder than the same physical word, so the order is none <
/// psychological_low < physical_low < psychological_moderate <
/// physical_moderate < psychological_severe < physical_severe < fatal.
enum class WorstHarm : std::uint8_t {
  none,
  psychological_low,
  physical_low,
  psychological_moderate,
  physical_moderate,
  psychological_severe,
  physical_severe,
  fatal,
};

/// ISO weekdays, Monday first.
enum class Weekday : std::uint8_t { monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday };

/// The kinds of monitoring recurrence.
enum class RecurrenceKind : std::uint8_t {
  none,              ///< no recurrence (a one-off or unscheduled monitoring)
  weekly,            ///< every week on a weekday
  every_n_weeks,     ///< every N weeks from an anchor date
  monthly_day,       ///< every month on day N (clamped to the month's last day)
  monthly_last_day,  ///< every month on its last day
  quarterly,         ///< every three months from an anchor date (day clamped)
};

/// Whether a lint finding blocks agreement.
enum class Severity : std::uint8_t { error, warning };

/// What an escalation step does when it falls due.
enum class EscalationKind : std::uint8_t { remind, escalate };

/// Why an incident counts as a recurrence.
enum class RecurrenceReason : std::uint8_t { same_category_and_service, same_contributing_factor };

/// Why a learning share target is flagged: it has not acknowledged the
/// share, not decided on adoption, or not briefed enough of its staff (its
/// reach is below the plan's threshold, or no briefing is recorded).
enum class SpreadGap : std::uint8_t { not_acknowledged, adoption_undecided, reach_below_threshold };

/// Why a closed action is flagged as faded.
enum class FadeReason : std::uint8_t { check_failed, check_missed };

/// Word of each value ("staff_knowledge", "root_cause_analysis", ...).
std::string_view to_string(ContributingFactor value) noexcept;
std::string_view to_string(InvestigationMethod value) noexcept;
std::string_view to_string(InterventionType value) noexcept;
std::string_view to_string(ActionStrength value) noexcept;
std::string_view to_string(MeasureKind value) noexcept;
std::string_view to_string(Direction value) noexcept;
std::string_view to_string(MonitoringKind value) noexcept;
std::string_view to_string(EvidenceKind value) noexcept;
std::string_view to_string(Forum value) noexcept;
std::string_view to_string(Channel value) noexcept;
std::string_view to_string(Verdict value) noexcept;
std::string_view to_string(Decision value) noexcept;
std::string_view to_string(Approval value) noexcept;
std::string_view to_string(Transition value) noexcept;
std::string_view to_string(WorstHarm value) noexcept;
std::string_view to_string(Weekday value) noexcept;
std::string_view to_string(RecurrenceKind value) noexcept;
std::string_view to_string(Severity value) noexcept;
std::string_view to_string(EscalationKind value) noexcept;
std::string_view to_string(RecurrenceReason value) noexcept;
std::string_view to_string(SpreadGap value) noexcept;
std::string_view to_string(FadeReason value) noexcept;

/// Parses the word of each enum; InputError listing the allowed words otherwise.
ContributingFactor parse_contributing_factor(std::string_view text);
InvestigationMethod parse_investigation_method(std::string_view text);
InterventionType parse_intervention_type(std::string_view text);
ActionStrength parse_action_strength(std::string_view text);
MeasureKind parse_measure_kind(std::string_view text);
Direction parse_direction(std::string_view text);
MonitoringKind parse_monitoring_kind(std::string_view text);
EvidenceKind parse_evidence_kind(std::string_view text);
Forum parse_forum(std::string_view text);
Channel parse_channel(std::string_view text);
Verdict parse_verdict(std::string_view text);
Decision parse_decision(std::string_view text);
Approval parse_approval(std::string_view text);
Transition parse_transition(std::string_view text);
WorstHarm parse_worst_harm(std::string_view text);
Weekday parse_weekday(std::string_view text);
RecurrenceKind parse_recurrence_kind(std::string_view text);
Severity parse_severity(std::string_view text);
EscalationKind parse_escalation_kind(std::string_view text);
RecurrenceReason parse_recurrence_reason(std::string_view text);
SpreadGap parse_spread_gap(std::string_view text);
FadeReason parse_fade_reason(std::string_view text);

/// The strength of an intervention type (stronger, intermediate or weaker).
ActionStrength strength_of(InterventionType type) noexcept;

/// The worst harm of an incident, combining physical and psychological harm
/// on the single scale of WorstHarm.
WorstHarm worst_harm(Harm physical, PsychologicalHarm psychological) noexcept;

}  // namespace closeloop::lifecycle

CLOSELOOP_ENUM_WORDS(closeloop::lifecycle::ContributingFactor, 12);
CLOSELOOP_ENUM_WORDS(closeloop::lifecycle::InvestigationMethod, 6);
CLOSELOOP_ENUM_WORDS(closeloop::lifecycle::InterventionType, 13);
CLOSELOOP_ENUM_WORDS(closeloop::lifecycle::ActionStrength, 3);
CLOSELOOP_ENUM_WORDS(closeloop::lifecycle::MeasureKind, 3);
CLOSELOOP_ENUM_WORDS(closeloop::lifecycle::Direction, 2);
CLOSELOOP_ENUM_WORDS(closeloop::lifecycle::MonitoringKind, 6);
CLOSELOOP_ENUM_WORDS(closeloop::lifecycle::EvidenceKind, 9);
CLOSELOOP_ENUM_WORDS(closeloop::lifecycle::Forum, 4);
CLOSELOOP_ENUM_WORDS(closeloop::lifecycle::Channel, 3);
CLOSELOOP_ENUM_WORDS(closeloop::lifecycle::Verdict, 3);
CLOSELOOP_ENUM_WORDS(closeloop::lifecycle::Decision, 3);
CLOSELOOP_ENUM_WORDS(closeloop::lifecycle::Approval, 3);
CLOSELOOP_ENUM_WORDS(closeloop::lifecycle::Transition, 9);
CLOSELOOP_ENUM_WORDS(closeloop::lifecycle::WorstHarm, 8);
CLOSELOOP_ENUM_WORDS(closeloop::lifecycle::Weekday, 7);
CLOSELOOP_ENUM_WORDS(closeloop::lifecycle::RecurrenceKind, 6);
CLOSELOOP_ENUM_WORDS(closeloop::lifecycle::Severity, 2);
CLOSELOOP_ENUM_WORDS(closeloop::lifecycle::EscalationKind, 2);
CLOSELOOP_ENUM_WORDS(closeloop::lifecycle::RecurrenceReason, 2);
CLOSELOOP_ENUM_WORDS(closeloop::lifecycle::SpreadGap, 3);
CLOSELOOP_ENUM_WORDS(closeloop::lifecycle::FadeReason, 2);
