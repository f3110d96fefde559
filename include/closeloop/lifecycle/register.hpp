#pragma once
/// \file
/// The Register: holds a provider's services, incidents, investigations,
/// plans, actions, evidence, checks, reviews, learning shares and escalation
/// paths; enforces unique ids and references; runs the action state machine;
/// answers queries. Every mutation that fails throws a closeloop::Error
/// subclass naming the rule and the ids, and leaves the register exactly as
/// it was.

#include <map>
#include <set>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "closeloop/core/enums.hpp"
#include "closeloop/core/ids.hpp"
#include "closeloop/lifecycle/types.hpp"

namespace closeloop::lifecycle {

/// The lifecycle register of one provider.
///
/// Adding order for a store rebuilding a register: categories, services,
/// incidents, investigations, escalation paths, plans, actions, evidence,
/// checks, reviews, shares, staff briefings (each target's in date order);
/// then each action's events through apply_event, oldest first, which
/// re-checks every guard.
class Register {
 public:
  Register() = default;

  // ---- mutations: reference data ------------------------------------------

  /// Registers a provider incident category (see CategorySet::add).
  void add_category(const std::string& category);
  /// Adds a service. DuplicateError if the id is taken; InputError if empty.
  /// Every id entering the register is refused (RuleError "id.malformed")
  /// when it contains ';', a control character, or leading or trailing
  /// spaces: stored lists join ids with ';'.
  void add_service(Service service);
  /// Adds an incident. Its service must exist and its category be known;
  /// reported_at may not fall on a day before occurred_at (check_reported_at;
  /// not_a_date_time means not recorded); a notifiable incident needs its
  /// notification due date, not before it occurred.
  void add_incident(Incident incident);
  /// Records the date a notifiable incident's person was notified (Duty of
  /// Candour): not before the incident occurred, and only once.
  void record_notification(const IncidentId& id, Date date);
  /// Records the date of the written follow-up of the notification: after
  /// the notification is recorded and not before it, and only once.
  void record_written_notice(const IncidentId& id, Date date);
  /// Adds an investigation covering one or more existing incidents. It may
  /// not open before the earliest of them occurred.
  void add_investigation(Investigation investigation);
  /// Records that an investigation concluded on `date` with its findings and
  /// contributing factors (replacing the earlier ones).
  void conclude_investigation(const InvestigationId& id, Date date, std::string findings,
                              std::vector<ContributingFactor> factors);
  /// Adds an escalation path.
  void add_escalation_path(EscalationPath path);
  /// The escalation path used by plans that name none (must exist).
  void set_default_escalation_path(const EscalationPathId& id);

  // ---- mutations: plans ----------------------------------------------------

  /// Adds an action plan: its investigation, scope service and escalation
  /// path must exist; an approved or refused plan must say when and by whom
  /// (and a refused one why); intervals must be positive.
  void add_plan(ActionPlan plan);
  /// Approves a pending plan.
  void approve_plan(const PlanId& id, const std::string& approver, Date date);
  /// Refuses a pending plan, with the reason.
  void refuse_plan(const PlanId& id, const std::string& approver, Date date,
                   const std::string& reason);

  // ---- mutations: actions ---------------------------------------------------

  /// Adds a new action (state proposed, no history) to an existing plan.
  /// Quality errors do not block adding; they block agree (see lint()).
  void add_action(Action action);
  /// Replaces an action's fields (not its plan, id or history) and records an
  /// `edit` event. Once agreed, the change may not introduce a quality error.
  void update_action(const Action& updated, Instant at, const std::string& actor,
                     const std::string& note);

  /// proposed -> agreed. Guards: the plan is not refused; owner (a person,
  /// not a team), due date not before the agreement date, at least one
  /// complete measure and a monitoring method.
  void agree(const ActionId& id, Instant at, const std::string& actor,
             const std::string& note = {});
  /// agreed or reopened -> in_progress.
  void start(const ActionId& id, Instant at, const std::string& actor,
             const std::string& note = {});
  /// in_progress -> implemented. Guard: evidence dated on or before `at`.
  void implement(const ActionId& id, Instant at, const std::string& actor,
                 const std::string& note = {});
  /// implemented -> verified. Guard: a passing check dated after the
  /// implementation date and not after `at`.
  void verify(const ActionId& id, Instant at, const std::string& actor,
              const std::string& note = {});
  /// verified -> evaluated. Guards: the plan's minimum observation window has
  /// passed since implementation; the verdict rests on a stated comparison
  /// or on checks of this action dated no later than `at`.
  void evaluate(const ActionId& id, Instant at, const std::string& actor, Verdict verdict,
                const std::string& basis, const std::vector<CheckId>& checks = {},
                const std::string& note = {});
  /// evaluated -> closed. Guards: a decision and a governance review that
  /// covers the action (or its plan), held between the evaluation and `at`.
  void close(const ActionId& id, Instant at, const std::string& actor,
             std::optional<Decision> decision, const std::optional<ReviewId>& review,
             const std::string& note = {});
  /// evaluated (not_effective) or closed -> reopened, with a reason.
  void reopen(const ActionId& id, Instant at, const std::string& actor,
              const std::string& reason);
  /// Any open state -> cancelled, with a reason.
  void cancel(const ActionId& id, Instant at, const std::string& actor,
              const std::string& reason);
  /// Replays a stored event: checks that it continues the action's history
  /// (same `from`, the transition's `to`, not earlier than the last event)
  /// and re-checks the transition's guards, then appends it. `edit` events
  /// are appended as they are (their field changes are in the action row).
  void apply_event(const ActionEvent& event);

  // ---- mutations: evidence, checks, reviews, shares -------------------------

  /// Adds evidence for an existing action.
  void add_evidence(Evidence evidence);
  /// Adds a monitoring check for an existing action; a score needs a positive
  /// denominator and may not exceed it.
  void add_check(Check check);
  /// Adds a governance review; its plans and actions must exist.
  void add_review(GovernanceReview review);
  /// Adds a learning share of an existing plan to existing services (no
  /// service twice, and not the plan's own scope service).
  void add_share(LearningShare share);
  /// A target service acknowledges a share, on or after the share's date.
  void acknowledge_share(const ShareId& id, const ServiceId& service, Date date);
  /// A target service decides whether it adopts the change (and acknowledges
  /// the share on that date if it had not).
  void record_adoption(const ShareId& id, const ServiceId& service, bool adopted, Date date);
  /// Appends a staff briefing record to a share target's reach history.
  /// NotFoundError when the share or the service does not exist; RuleError
  /// `briefing.not_a_target` (the service is not one of the share's targets),
  /// `briefing.before_share` (dated before the share), `briefing.out_of_order`
  /// (dated before the target's latest record), `briefing.briefed_negative`,
  /// `briefing.in_scope_not_positive`, `briefing.briefed_exceeds_in_scope`;
  /// InputError when it has no date. A fall in `briefed` is allowed (staff
  /// who were briefed leave). Records of one target on the same day are kept
  /// in order; the last of them is the reach of that day.
  void record_briefing(StaffBriefing briefing);

  // ---- queries -------------------------------------------------------------

  /// The incident categories in use.
  [[nodiscard]] const CategorySet& categories() const noexcept { return categories_; }

  /// One entity by id; NotFoundError naming the id otherwise.
  [[nodiscard]] const Service& service(const ServiceId& id) const;
  [[nodiscard]] const Incident& incident(const IncidentId& id) const;
  [[nodiscard]] const Investigation& investigation(const InvestigationId& id) const;
  [[nodiscard]] const ActionPlan& plan(const PlanId& id) const;
  [[nodiscard]] const Action& action(const ActionId& id) const;
  [[nodiscard]] const Evidence& evidence(const EvidenceId& id) const;
  [[nodiscard]] const Check& check(const CheckId& id) const;
  [[nodiscard]] const GovernanceReview& review(const ReviewId& id) const;
  [[nodiscard]] const LearningShare& share(const ShareId& id) const;
  [[nodiscard]] const EscalationPath& escalation_path(const EscalationPathId& id) const;

  /// All entities of a kind, ordered by id.
  [[nodiscard]] const std::map<ServiceId, Service>& services() const noexcept { return services_; }
  [[nodiscard]] const std::map<IncidentId, Incident>& incidents() const noexcept { return incidents_; }
  [[nodiscard]] const std::map<InvestigationId, Investigation>& investigations() const noexcept {
    return investigations_;
  }
  [[nodiscard]] const std::map<PlanId, ActionPlan>& plans() const noexcept { return plans_; }
  [[nodiscard]] const std::map<ActionId, Action>& actions() const noexcept { return actions_; }
  [[nodiscard]] const std::map<EvidenceId, Evidence>& evidence_items() const noexcept {
    return evidence_;
  }
  [[nodiscard]] const std::map<CheckId, Check>& checks() const noexcept { return checks_; }
  [[nodiscard]] const std::map<ReviewId, GovernanceReview>& reviews() const noexcept {
    return reviews_;
  }
  [[nodiscard]] const std::map<ShareId, LearningShare>& shares() const noexcept { return shares_; }
  [[nodiscard]] const std::map<EscalationPathId, EscalationPath>& escalation_paths() const noexcept {
    return paths_;
  }
  /// The organisation's default escalation path, if set.
  [[nodiscard]] const std::optional<EscalationPathId>& default_escalation_path() const noexcept {
    return default_path_;
  }

  /// The actions of a plan, ordered by id.
  [[nodiscard]] std::vector<const Action*> actions_of(const PlanId& plan) const;
  /// The actions in a state, ordered by id.
  [[nodiscard]] std::vector<const Action*> actions_in(ActionState state) const;
  /// The evidence for an action, ordered by date then id.
  [[nodiscard]] std::vector<const Evidence*> evidence_for(const ActionId& action) const;
  /// The checks of an action, ordered by date then id.
  [[nodiscard]] std::vector<const Check*> checks_for(const ActionId& action) const;
  /// The incidents at a service, ordered by when they occurred then id.
  [[nodiscard]] std::vector<const Incident*> incidents_at(const ServiceId& service) const;
  /// The investigations covering an incident, ordered by id.
  [[nodiscard]] std::vector<const Investigation*> investigations_of(const IncidentId& incident) const;
  /// The plans arising from an investigation, ordered by id.
  [[nodiscard]] std::vector<const ActionPlan*> plans_of(const InvestigationId& investigation) const;
  /// The reviews that covered a plan (directly or through one of its
  /// actions), ordered by date then id.
  [[nodiscard]] std::vector<const GovernanceReview*> reviews_of(const PlanId& plan) const;
  /// The reviews that covered an action (directly or through its plan).
  [[nodiscard]] std::vector<const GovernanceReview*> reviews_of(const ActionId& action) const;
  /// The learning shares of a plan, ordered by id.
  [[nodiscard]] std::vector<const LearningShare*> shares_of(const PlanId& plan) const;
  /// Every staff briefing record by (share, target service), each target's
  /// records in the order recorded (which is date order).
  [[nodiscard]] const std::map<std::pair<ShareId, ServiceId>, std::vector<StaffBriefing>>&
  briefings() const noexcept {
    return briefings_;
  }
  /// One target's briefing records in date order (empty when none).
  /// NotFoundError for an unknown share.
  [[nodiscard]] const std::vector<StaffBriefing>& briefings_of(const ShareId& share,
                                                               const ServiceId& service) const;
  /// The escalation path that applies to a plan's actions: the plan's own,
  /// else the default, else none.
  [[nodiscard]] const EscalationPath* escalation_path_for(const PlanId& plan) const;
  /// A plan is open unless refused, or all of its (one or more) actions are
  /// closed or cancelled.
  [[nodiscard]] bool plan_is_open(const PlanId& plan) const;

  /// Two registers are equal when every entity, every history and the
  /// categories are equal.
  bool operator==(const Register& other) const;

 private:
  void append_event(ActionEvent event);
  void check_event(const Action& action, const ActionEvent& event) const;

  CategorySet categories_;
  std::map<ServiceId, Service> services_;
  std::map<IncidentId, Incident> incidents_;
  std::map<InvestigationId, Investigation> investigations_;
  std::map<PlanId, ActionPlan> plans_;
  std::map<ActionId, Action> actions_;
  std::map<EvidenceId, Evidence> evidence_;
  std::map<CheckId, Check> checks_;
  std::map<ReviewId, GovernanceReview> reviews_;
  std::map<ShareId, LearningShare> shares_;
  std::map<std::pair<ShareId, ServiceId>, std::vector<StaffBriefing>> briefings_;
  std::map<EscalationPathId, EscalationPath> paths_;
  std::optional<EscalationPathId> default_path_;
  // Derived indexes for the guards and queries (ids, so copies stay valid);
  // not part of ==, since they follow from the maps above.
  std::map<PlanId, std::set<ActionId>> actions_by_plan_;  // derived from actions_
  std::map<ActionId, std::vector<EvidenceId>> evidence_by_action_;
  std::map<ActionId, std::vector<CheckId>> checks_by_action_;
};

}  // namespace closeloop::lifecycle
