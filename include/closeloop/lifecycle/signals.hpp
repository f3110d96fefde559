#pragma once
/// \file
/// Signals as of a date: the questions a governance lead asks each week.
/// Overdue, stale, unreviewed plan, missed monitoring, recurrence after
/// implementation, learning not spread, faded after closure, and the
/// reminders and escalations due. Each looks only at what was known on
/// `as_of`: events, evidence and checks dated later are ignored, so a report
/// can be re-run for any past date.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "closeloop/core/date.hpp"
#include "closeloop/core/enums.hpp"
#include "closeloop/core/ids.hpp"
#include "closeloop/lifecycle/enums.hpp"
#include "closeloop/lifecycle/types.hpp"

namespace closeloop::lifecycle {

class Register;

/// Thresholds of the signals.
struct SignalOptions {
  /// An open action with no event, evidence or check for more than this many days is stale.
  std::int32_t stale_days = 30;
  /// A target service must acknowledge a learning share within this many days.
  std::int32_t share_acknowledge_days = 14;
  /// A target service must decide whether to adopt within this many days.
  std::int32_t share_adoption_days = 28;
  /// A target service's reach (staff briefed of staff in scope) must meet
  /// its plan's reach_threshold this many days after the share.
  std::int32_t share_reach_days = 28;
  bool operator==(const SignalOptions&) const = default;
};

/// The state of an action as of the end of `as_of`: the fold of its events
/// dated on or before that day.
ActionState state_as_of(const Action& action, Date as_of) noexcept;

/// An action that is agreed, in progress or reopened and past its due date.
struct OverdueAction {
  ActionId action;
  PlanId plan;
  std::string owner;
  Date due;
  /// as_of minus the due date (1 on the day after the due date).
  std::int32_t days_overdue = 0;
  ActionState state = ActionState::agreed;
  bool operator==(const OverdueAction&) const = default;
};

/// An open action with no activity for more than the stale threshold.
struct StaleAction {
  ActionId action;
  PlanId plan;
  /// The latest of: proposed_on, its last event, evidence or check.
  Date last_activity;
  std::int32_t days_inactive = 0;
  ActionState state = ActionState::proposed;
  bool operator==(const StaleAction&) const = default;
};

/// An open plan not reviewed at governance within its review interval.
struct UnreviewedPlan {
  PlanId plan;
  /// The last review covering it, if any (else the clock runs from created_on).
  std::optional<Date> last_review;
  /// When the next review fell due.
  Date review_due;
  /// as_of minus review_due.
  std::int32_t days_overdue = 0;
  bool operator==(const UnreviewedPlan&) const = default;
};

/// A scheduled monitoring occurrence with no check within its tolerance.
struct MissedMonitoring {
  ActionId action;
  MonitoringKind kind = MonitoringKind::spot_check;
  Date scheduled;
  std::int32_t tolerance_days = 0;
  bool operator==(const MissedMonitoring&) const = default;
};

/// An incident after an action was implemented that suggests the risk recurred.
struct RecurrenceSignal {
  PlanId plan;
  /// The plan's implemented actions the incident came after (sorted).
  std::vector<ActionId> actions;
  IncidentId incident;
  ServiceId service;
  std::string category;
  /// The earliest (latest-by-action) implementation date among `actions`.
  Date implemented_on;
  Date occurred_on;
  RecurrenceReason reason = RecurrenceReason::same_category_and_service;
  /// For same_contributing_factor: the factor shared.
  std::optional<ContributingFactor> factor;
  bool operator==(const RecurrenceSignal&) const = default;
};

/// A target service's reach on a date: its latest staff briefing record on
/// or before that date.
struct Reach {
  /// The date of the record.
  Date date;
  std::int32_t briefed = 0;
  std::int32_t in_scope = 0;
  /// briefed / in_scope.
  [[nodiscard]] double fraction() const noexcept {
    return in_scope > 0 ? static_cast<double>(briefed) / static_cast<double>(in_scope) : 0.0;
  }
  bool operator==(const Reach&) const = default;
};

/// A target service that has not acknowledged, not decided on, or not
/// briefed enough of its staff on a share.
struct SpreadSignal {
  ShareId share;
  PlanId plan;
  ServiceId service;
  SpreadGap gap = SpreadGap::not_acknowledged;
  /// When the acknowledgement, decision or reach fell due.
  Date due;
  /// reach_below_threshold: the reach as of the date; empty when no
  /// briefing is recorded by then.
  std::optional<Reach> reach;
  /// reach_below_threshold: the plan's reach threshold; 0 otherwise.
  double threshold = 0.0;
  bool operator==(const SpreadSignal&) const = default;
};

/// One target of a share and its reach as of a date (for reports).
struct TargetReach {
  ServiceId service;
  /// The latest briefing record on or before the date, if any.
  std::optional<Reach> reach;
  /// The plan's reach threshold.
  double threshold = 0.0;
  /// True when the threshold is 0 or the reach is at least the threshold.
  bool meets_threshold = false;
  bool operator==(const TargetReach&) const = default;
};

/// A closed action whose sustainment check failed or was not done.
struct FadeSignal {
  ActionId action;
  Date closed_on;
  /// The sustainment check's due date.
  Date check_due;
  FadeReason reason = FadeReason::check_missed;
  /// For check_failed: the failing check.
  std::optional<CheckId> check;
  bool operator==(const FadeSignal&) const = default;
};

/// A reminder or escalation that falls due on the day.
struct EscalationDue {
  ActionId action;
  PlanId plan;
  EscalationPathId path;
  /// The step's index within the path.
  std::size_t step = 0;
  EscalationKind kind = EscalationKind::remind;
  std::string recipient;
  /// The action's owner, for the message.
  std::string owner;
  Date due;
  /// as_of minus the due date (negative before it).
  std::int32_t days_from_due = 0;
  bool operator==(const EscalationDue&) const = default;
};

/// One sustainment check of a closed action and where it stands.
struct SustainmentCheck {
  /// Months after closing.
  std::int32_t months = 0;
  Date due;
  /// The latest check within the tolerance window (dated on or before as_of).
  std::optional<CheckId> check;
  /// Whether that check passed.
  std::optional<bool> passed;
  /// True when the window closed with no check.
  bool missed = false;
  bool operator==(const SustainmentCheck&) const = default;
};

/// A notifiable incident whose Duty of Candour notification is overdue:
/// not recorded by the end of its due date.
struct CandourOverdue {
  IncidentId incident;
  ServiceId service;
  Date due;
  /// Days past the due date (1 on the day after).
  std::int32_t days_overdue = 0;
  bool operator==(const CandourOverdue&) const = default;
};

/// Every signal as of a date.
struct Signals {
  Date as_of;
  std::vector<OverdueAction> overdue;
  std::vector<StaleAction> stale;
  std::vector<UnreviewedPlan> unreviewed;
  std::vector<MissedMonitoring> missed_monitoring;
  std::vector<RecurrenceSignal> recurrence;
  std::vector<SpreadSignal> not_spread;
  std::vector<FadeSignal> faded;
  std::vector<EscalationDue> escalations;
  std::vector<CandourOverdue> candour_overdue;
  /// True when nothing needs attention.
  [[nodiscard]] bool empty() const noexcept;
  bool operator==(const Signals&) const = default;
};

/// Actions agreed, in progress or reopened whose due date is before as_of.
std::vector<OverdueAction> overdue_actions(const Register& reg, Date as_of);
/// Open actions with no event, evidence or check for more than `days` days.
std::vector<StaleAction> stale_actions(const Register& reg, Date as_of, std::int32_t days = 30);
/// Open plans whose last governance review (or creation) is more than their
/// review interval before as_of.
std::vector<UnreviewedPlan> unreviewed_plans(const Register& reg, Date as_of);
/// The monitoring dates of an action from its start (monitoring.starts, else
/// the agreement date) to as_of or the day it closed or was cancelled.
std::vector<Date> monitoring_schedule(const Register& reg, const ActionId& action,
                                      std::size_t monitoring_index, Date as_of);
/// Scheduled monitoring occurrences with no check of the same kind within
/// their tolerance, once the tolerance has passed.
std::vector<MissedMonitoring> missed_monitoring(const Register& reg, Date as_of);
/// Incidents after an action's implementation at the same service and in the
/// same category as an incident the investigation covered, or (within the
/// plan's scope) covered by an investigation that found a contributing factor
/// the action addresses. One signal per incident and plan, listing every
/// action of the plan it came after; ordered by plan, then incident.
std::vector<RecurrenceSignal> recurrences(const Register& reg, Date as_of);
/// A target service's reach as of a date: its latest staff briefing record
/// dated on or before `as_of`; empty when there is none. NotFoundError for an
/// unknown share.
std::optional<Reach> reach_as_of(const Register& reg, const ShareId& share,
                                 const ServiceId& service, Date as_of);
/// Each target of a share (in the share's order) with its reach as of a date.
std::vector<TargetReach> share_reach(const Register& reg, const ShareId& share, Date as_of);
/// Share targets that have not acknowledged within `acknowledge_days` of the
/// share, or not decided on adoption within `adoption_days`, or (unless they
/// declined to adopt) whose reach `reach_days` after the share is below the
/// plan's reach_threshold or not recorded. One signal per target: the first
/// gap in that order.
std::vector<SpreadSignal> learning_not_spread(const Register& reg, Date as_of,
                                              std::int32_t acknowledge_days = 14,
                                              std::int32_t adoption_days = 28,
                                              std::int32_t reach_days = 28);
/// The sustainment checks of a closed action as of a date (empty unless closed).
std::vector<SustainmentCheck> sustainment_checks(const Register& reg, const ActionId& action,
                                                 Date as_of);
/// Closed actions whose sustainment check failed, or whose window closed
/// without a check.
std::vector<FadeSignal> faded_after_closure(const Register& reg, Date as_of);
/// Reminders and escalations falling due on as_of for actions agreed, in
/// progress or reopened.
std::vector<EscalationDue> escalations_due(const Register& reg, Date as_of);
/// Notifiable incidents whose notification is not recorded (or recorded
/// only after as_of) on a day after their notification due date.
std::vector<CandourOverdue> candour_overdue(const Register& reg, Date as_of);
/// All of the above.
Signals signals(const Register& reg, Date as_of, const SignalOptions& options = {});

}  // namespace closeloop::lifecycle
