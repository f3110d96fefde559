#pragma once
/// \file
/// The lifecycle's domain types: service, incident, investigation, action plan,
/// action (with its measures, monitoring and event history), evidence, check,
/// governance review, learning share and escalation path. They are plain
/// values: every field is public (an action's event history is readable but
/// only the Register appends to it), every type compares with ==, and every
/// piece of state is what a store would save.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "closeloop/core/date.hpp"
#include "closeloop/core/enums.hpp"
#include "closeloop/core/ids.hpp"
#include "closeloop/lifecycle/enums.hpp"
#include "closeloop/lifecycle/holidays.hpp"
#include "closeloop/lifecycle/schedule.hpp"
#include "closeloop/metrics/measure_series.hpp"

namespace closeloop::lifecycle {

class Register;

/// A care service: a home, a supported-living scheme, a domiciliary branch.
struct Service {
  ServiceId id;
  std::string name;
  /// `residential`, `nursing`, `supported_living`, `domiciliary`,
  /// `day_service`, or another word a provider uses.
  std::string type;
  /// Beds or people supported; 0 when not applicable.
  std::int32_t capacity = 0;
  std::string region;

  bool operator==(const Service&) const = default;
};

/// An incident at a service.
struct Incident {
  IncidentId id;
  ServiceId service;
  /// When it happened (midnight when only the date is known).
  Instant occurred_at;
  /// When it was reported: not on a day before occurred_at's day
  /// (check_reported_at); not_a_date_time (the default) when not recorded.
  Instant reported_at;
  /// A category of the register's CategorySet ("fall", "medication_error", ...).
  std::string category;
  Harm harm = Harm::none;
  PsychologicalHarm psychological_harm = PsychologicalHarm::none;
  /// A pseudonymous reference to the person affected.
  std::string person_ref;
  std::string description;
  /// A notifiable safety incident under the Duty of Candour (regulation 20).
  bool notifiable = false;
  /// The date notification to the person falls due; required when notifiable
  /// (see duty_of_candour_due for the default).
  std::optional<Date> notification_due;
  /// The date the person (or their representative) was notified, in person.
  std::optional<Date> notified_on;
  /// The date the written follow-up of that notification was given.
  std::optional<Date> written_notice_on;

  /// The worst of physical and psychological harm on one scale.
  [[nodiscard]] WorstHarm worst_harm() const noexcept {
    return lifecycle::worst_harm(harm, psychological_harm);
  }

  bool operator==(const Incident&) const = default;
};

/// The default date a Duty of Candour notification falls due: ten working
/// days after the provider became aware, as CQC's guidance on regulation 20
/// expects, skipping weekends and England and Wales bank holidays.
Date duty_of_candour_due(Date aware);
/// The same with a provider's own holidays (Scotland, Northern Ireland, ...).
Date duty_of_candour_due(Date aware, const HolidayCalendar& holidays);

/// A learning response covering one or several incidents.
struct Investigation {
  InvestigationId id;
  /// The incidents it covers (at least one).
  std::vector<IncidentId> incidents;
  InvestigationMethod method = InvestigationMethod::after_action_review;
  /// The person who led it.
  std::string lead;
  Date opened;
  std::optional<Date> concluded;
  std::string findings;
  /// The contributing factors found (no repeats).
  std::vector<ContributingFactor> factors;

  bool operator==(const Investigation&) const = default;
};

/// An action plan arising from an investigation.
struct ActionPlan {
  PlanId id;
  InvestigationId investigation;
  /// The service the plan covers; empty for the whole organisation.
  std::optional<ServiceId> scope;
  /// The date the plan was drawn up (the start of its review clock).
  Date created_on;
  /// Who approves (or refused) it.
  std::string approver;
  Approval approval = Approval::pending;
  /// The date of approval or refusal.
  std::optional<Date> decided_on;
  /// Why it was refused (required when refused).
  std::string refusal_reason;
  /// Days between governance reviews of the plan (default 30).
  std::int32_t review_interval_days = 30;
  /// Minimum days between implementing an action and evaluating it (default 90).
  std::int32_t min_observation_days = 90;
  /// Months after closing when sustainment checks fall due (default 3 and 12).
  std::vector<std::int32_t> sustainment_months{3, 12};
  /// Days either side of a sustainment due date within which a check counts.
  std::int32_t sustainment_tolerance_days = 14;
  /// The escalation path for its actions; the register's default otherwise.
  std::optional<EscalationPathId> escalation_path;
  /// The fraction of a target service's staff in scope who must have been
  /// briefed on this plan's learning shares (read and signed) by the reach
  /// deadline (SignalOptions::share_reach_days after the share): 0.8 by
  /// default; 0 switches the reach check off. Between 0 and 1.
  double reach_threshold = 0.8;

  bool operator==(const ActionPlan&) const = default;
};

/// How an action's success is measured.
struct Measure {
  MeasureKind kind = MeasureKind::process;
  /// What is measured ("MAR documentation accuracy").
  std::string what;
  /// How it is measured ("monthly audit of 20 MAR charts").
  std::string how;
  /// The expected level in words ("at least 95%", "falls per 1,000 OBD down by a third").
  std::string level;
  /// The date by which the level should be reached.
  std::optional<Date> by;
  /// Who measures it.
  std::string measured_by;
  // Outcome measures: the rate to move.
  /// Incident category counted (outcome measures).
  std::string category;
  /// Service whose rate is measured; the plan's scope when empty.
  std::optional<ServiceId> service;
  /// Exposure measure of the denominator ("occupied_bed_days", "doses_administered", ...).
  std::string denominator;
  /// Which way the rate should move.
  Direction direction = Direction::decrease;
  /// A numeric target for the rate or score, if any. A proportion's target
  /// is a fraction (0.95 for "at least 95%"); a duration's is in `unit`.
  /// Checks of the measure pass when their value meets it (`direction`:
  /// at least the target for increase, at most for decrease).
  std::optional<double> target;
  /// The measure's id, by which checks record values of it ("MED-A1/accuracy");
  /// unique among the register's measures; empty when checks do not name it.
  std::string id;
  /// The kind of value that measures it: rate, proportion, duration or count.
  /// Unset: a rate when it names a category and a denominator (value_kind()).
  std::optional<metrics::SeriesKind> kind_of_value;
  /// The unit of a duration or level ("hours", "days").
  std::string unit;

  /// The kind of value: kind_of_value, else rate for a measure with a category
  /// and a denominator, else none.
  [[nodiscard]] std::optional<metrics::SeriesKind> value_kind() const noexcept {
    if (kind_of_value) return kind_of_value;
    if (!category.empty() && !denominator.empty()) return metrics::SeriesKind::rate;
    return std::nullopt;
  }

  /// True when the measure states what, how, an expected level (words or a
  /// target) and a date.
  [[nodiscard]] bool complete() const noexcept {
    return !what.empty() && !how.empty() && (!level.empty() || target.has_value()) &&
           by.has_value();
  }

  bool operator==(const Measure&) const = default;
};

/// How an action is monitored.
struct Monitoring {
  MonitoringKind kind = MonitoringKind::spot_check;
  Recurrence recurrence;
  /// Who carries it out.
  std::string by;
  /// The first day the schedule applies; the day the action was agreed when empty.
  std::optional<Date> starts;
  /// Days either side of an occurrence within which a check counts (default 3).
  std::int32_t tolerance_days = 3;

  bool operator==(const Monitoring&) const = default;
};

/// One entry of an action's append-only history.
struct ActionEvent {
  ActionId action;
  Instant at;
  /// Who made the change.
  std::string actor;
  Transition transition = Transition::edit;
  ActionState from = ActionState::proposed;
  ActionState to = ActionState::proposed;
  /// The note, or for reopen and cancel the reason.
  std::string note;
  /// evaluate: the verdict.
  std::optional<Verdict> verdict;
  /// evaluate: the comparison the verdict rests on, in words.
  std::string basis;
  /// evaluate: the checks the verdict rests on.
  std::vector<CheckId> checks;
  /// close: adopt, adapt or abandon.
  std::optional<Decision> decision;
  /// close: the governance review that signed the action off.
  std::optional<ReviewId> review;

  bool operator==(const ActionEvent&) const = default;
};

/// An action within a plan. Its state is the fold of its events: the fields
/// are public, the history is readable and only the Register appends to it.
class Action {
 public:
  ActionId id;
  PlanId plan;
  std::string title;
  std::string description;
  /// The date it was proposed (the start of its stale clock).
  Date proposed_on;
  /// The contributing factors it addresses.
  std::vector<ContributingFactor> factors;
  /// One named person (never a team or committee).
  std::string owner;
  std::optional<Date> due;
  InterventionType intervention = InterventionType::policy_procedure;
  std::vector<Measure> measures;
  std::vector<Monitoring> monitoring;
  /// The evidence of implementation expected, in words.
  std::string evidence_required;

  /// The events so far, oldest first. Read-only: history is never rewritten.
  [[nodiscard]] const std::vector<ActionEvent>& events() const noexcept { return events_; }
  /// The current state: the `to` of the last event, proposed when there is none.
  [[nodiscard]] ActionState state() const noexcept;
  /// The strength of its intervention type.
  [[nodiscard]] ActionStrength strength() const noexcept { return strength_of(intervention); }
  /// The last event with this transition, if any.
  [[nodiscard]] const ActionEvent* last(Transition transition) const noexcept;
  /// The instant of the last event with this transition, if any.
  [[nodiscard]] std::optional<Instant> last_at(Transition transition) const noexcept;
  /// The verdict of the last evaluation, if any.
  [[nodiscard]] std::optional<Verdict> verdict() const noexcept;
  /// The decision of the last closing, if any.
  [[nodiscard]] std::optional<Decision> decision() const noexcept;

  bool operator==(const Action&) const = default;

 private:
  friend class Register;
  std::vector<ActionEvent> events_;
};

/// Evidence that an action was carried out.
struct Evidence {
  EvidenceId id;
  ActionId action;
  EvidenceKind kind = EvidenceKind::document;
  Date date;
  /// Where it is kept (a document number, a file name, a link).
  std::string reference;
  std::string summary;
  /// Whether the reference and summary may reach commissioners and inspectors
  /// (staff-written free text; default not: docs/data-protection.md).
  bool shareable = false;

  bool operator==(const Evidence&) const = default;
};

/// A monitoring occurrence: a spot check, an audit, an observation...
struct Check {
  CheckId id;
  ActionId action;
  Date date;
  MonitoringKind kind = MonitoringKind::spot_check;
  bool passed = false;
  /// The score (e.g. 19 correct charts) and what it is out of (20), if scored:
  /// the numerator and denominator of a proportion measure.
  std::optional<double> score;
  std::optional<double> denominator;
  /// Who carried it out.
  std::string by;
  std::string note;
  /// The id of the measure (of this check's action) the check measures; empty: none.
  std::string measure;
  /// A measured number in `unit` (a duration such as hours to escalate, or a level).
  std::optional<double> value;
  /// The unit of `value`.
  std::string unit;
  /// Whether the note may reach commissioners and inspectors (default not).
  bool shareable = false;

  bool operator==(const Check&) const = default;
};

/// A governance meeting that reviewed plans and actions.
struct GovernanceReview {
  ReviewId id;
  Forum forum = Forum::clinical_governance;
  Date date;
  std::vector<PlanId> plans;
  std::vector<ActionId> actions;
  /// The decisions minuted.
  std::string decisions;
  /// Whether the decisions may reach commissioners and inspectors (default not).
  bool shareable = false;

  bool operator==(const GovernanceReview&) const = default;
};

/// One service a learning share is sent to, and what it did.
struct ShareTarget {
  ServiceId service;
  std::optional<Date> acknowledged_on;
  /// Whether the service adopted the change; empty until it decides.
  std::optional<bool> adopted;
  std::optional<Date> decided_on;

  bool operator==(const ShareTarget&) const = default;
};

/// Learning from a plan shared with other services.
struct LearningShare {
  ShareId id;
  PlanId plan;
  Channel channel = Channel::governance_forum;
  Date date;
  std::vector<ShareTarget> targets;
  std::string summary;

  bool operator==(const LearningShare&) const = default;
};

/// How many of a target service's staff had been briefed on a learning share
/// (read it and signed), of how many in scope, on a date. A target's records
/// form its reach over time; the latest on or before a date is its reach then.
struct StaffBriefing {
  ShareId share;
  /// The target service whose staff were briefed.
  ServiceId service;
  /// The day the figures describe (not before the share).
  Date date;
  /// Staff in scope who have read and signed the briefing (0 to in_scope).
  std::int32_t briefed = 0;
  /// Staff the learning applies to at the service on that day (at least 1).
  std::int32_t in_scope = 0;
  /// Who recorded the figures.
  std::string recorded_by;
  std::string note;

  /// briefed / in_scope (0 when in_scope is not positive).
  [[nodiscard]] double reach() const noexcept {
    return in_scope > 0 ? static_cast<double>(briefed) / static_cast<double>(in_scope) : 0.0;
  }

  bool operator==(const StaffBriefing&) const = default;
};

/// One step of an escalation path, relative to an action's due date.
struct EscalationStep {
  EscalationKind kind = EscalationKind::remind;
  /// Days from the due date of the first occurrence (negative = before).
  std::int32_t offset_days = 0;
  /// Repeat every this many days after the first; 0 for once.
  std::int32_t repeat_days = 0;
  /// With repeats: the last offset at which it may repeat; without, no limit.
  std::optional<std::int32_t> until_offset_days;
  /// Who receives it: "owner", "registered_manager", "nominated_individual", ...
  std::string recipient;

  bool operator==(const EscalationStep&) const = default;
};

/// Reminders and escalations for actions not yet implemented.
struct EscalationPath {
  EscalationPathId id;
  std::string name;
  std::vector<EscalationStep> steps;

  bool operator==(const EscalationPath&) const = default;
};

}  // namespace closeloop::lifecycle
