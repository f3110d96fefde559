#include "closeloop/lifecycle/register.hpp"

#include "lookup.hpp"
#include "measured.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>
#include <utility>

#include "closeloop/core/error.hpp"
#include "closeloop/lifecycle/quality.hpp"

namespace closeloop::lifecycle {

namespace {

// Stores `item` (evidence or a check) under its id and lists it under its
// action; if storing fails the index is put back, so nothing changes.
template <class Items, class Index, class Item>
void insert_indexed(Items& items, Index& index_by_action, Item item) {
  const auto key = item.id;
  auto& index = index_by_action[item.action];
  index.push_back(key);
  try {
    items.emplace(key, std::move(item));
  } catch (...) {
    index.pop_back();
    throw;
  }
}

using detail::find_or_throw;
using detail::q;

// The shortest text that reads back as `value` (0.8, not 0.800000).
std::string number_text(double value) {
  std::array<char, 32> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return {buffer.data(), result.ptr};
}

[[noreturn]] void refuse_id(const std::string& message) { throw RuleError("id.malformed", message); }

// The one check of an id's text, wherever an id enters (a Register call, a
// CSV row, Python, the command): stored lists join ids with ';', so an id
// may not contain it, nor control characters, nor leading or trailing
// spaces (which a reader would not see).
template <class Tag>
void require_id(const Id<Tag>& id, const char* what) {
  const std::string& text = id.str();
  if (text.empty()) throw InputError(std::string(what) + " id is empty");
  const auto malformed = [&](const std::string& problem) {
    refuse_id(std::string(what) + " id " + q(text) + " " + problem);
  };
  if (text.find(';') != std::string::npos) {
    malformed("contains ';', which separates ids in stored lists");
  }
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20U || byte == 0x7FU) {
      malformed("contains a control character (code " + std::to_string(byte) + ")");
    }
  }
  if (text.front() == ' ' || text.back() == ' ') malformed("has leading or trailing spaces");
}

// Refuses a reference (a service, plan, action ...) that names nothing:
// "<owner>: <kind> "<id>" does not exist".
template <class Map, class Key>
void require_reference(const Map& map, const Key& reference, const std::string& owner,
                       const char* kind) {
  if (map.count(reference) == 0) {
    throw NotFoundError(owner + ": " + kind + " " + q(reference) + " does not exist");
  }
}

template <class Map, class Key>
void require_new(const Map& map, const Key& key, const char* what) {
  if (map.count(key) != 0) throw DuplicateError(std::string(what) + " " + q(key) + " already exists");
}

[[noreturn]] void refuse(const std::string& rule, const std::string& message) {
  throw RuleError(rule, message);
}

template <class T>
bool has_duplicates(std::vector<T> values) {
  std::sort(values.begin(), values.end());
  return std::adjacent_find(values.begin(), values.end()) != values.end();
}

}  // namespace

Date duty_of_candour_due(Date aware, const HolidayCalendar& holidays) {
  return holidays.add_working_days(aware, 10);
}

Date duty_of_candour_due(Date aware) {
  static const HolidayCalendar england_and_wales = HolidayCalendar::england_and_wales();
  return duty_of_candour_due(aware, england_and_wales);
}

// ---- Action ----------------------------------------------------------------

ActionState Action::state() const noexcept {
  return events_.empty() ? ActionState::proposed : events_.back().to;
}

const ActionEvent* Action::last(Transition transition) const noexcept {
  for (auto it = events_.rbegin(); it != events_.rend(); ++it) {
    if (it->transition == transition) return &*it;
  }
  return nullptr;
}

std::optional<Instant> Action::last_at(Transition transition) const noexcept {
  if (const ActionEvent* e = last(transition)) return e->at;
  return std::nullopt;
}

std::optional<Verdict> Action::verdict() const noexcept {
  if (const ActionEvent* e = last(Transition::evaluate)) return e->verdict;
  return std::nullopt;
}

std::optional<Decision> Action::decision() const noexcept {
  if (const ActionEvent* e = last(Transition::close)) return e->decision;
  return std::nullopt;
}

namespace {

// The Duty of Candour dates of an incident: only for a notifiable incident,
// not before it occurred, and the written follow-up after the notification.
void check_candour(const Incident& incident, const std::optional<Date>& notified,
                   const std::optional<Date>& written) {
  if ((notified || written) && !incident.notifiable) {
    refuse("candour.not_notifiable",
           "incident " + q(incident.id) + " is not a notifiable safety incident");
  }
  if (notified && *notified < incident.occurred_at.date()) {
    refuse("candour.before_incident", "incident " + q(incident.id) + ": notified " +
                                          to_iso(*notified) + " before it occurred");
  }
  if (written && (!notified || *written < *notified)) {
    refuse("candour.written_before_notification",
           "incident " + q(incident.id) + ": a written follow-up on " + to_iso(*written) +
               " needs the notification recorded on or before it");
  }
}

}  // namespace

// ---- reference data ----------------------------------------------------------

void Register::add_category(const std::string& category) { categories_.add(category); }

void Register::add_service(Service service) {
  require_id(service.id, "service");
  require_new(services_, service.id, "service");
  if (service.capacity < 0) {
    throw InputError("service " + q(service.id) + ": capacity " +
                     std::to_string(service.capacity) + " is negative");
  }
  const ServiceId key = service.id;
  services_.emplace(key, std::move(service));
}

void Register::add_incident(Incident incident) {
  require_id(incident.id, "incident");
  require_new(incidents_, incident.id, "incident");
  require_reference(services_, incident.service, "incident " + q(incident.id), "service");
  try {
    categories_.require(incident.category);
  } catch (const InputError& error) {
    throw InputError("incident " + q(incident.id) + ": " + error.what());
  }
  if (incident.occurred_at.is_special()) {
    throw InputError("incident " + q(incident.id) + ": occurred_at is required");
  }
  if (incident.reported_at.is_special() && !incident.reported_at.is_not_a_date_time()) {
    throw InputError("incident " + q(incident.id) +
                     ": reported_at must be a date-time, or not_a_date_time when not recorded");
  }
  // The rule of check_reported_at: compared by day (a date covers its day).
  if (!incident.reported_at.is_special() &&
      incident.reported_at.date() < incident.occurred_at.date()) {
    refuse("incident.reported_before_occurred",
           "incident " + q(incident.id) + ": " +
               reported_before_occurred(to_iso(incident.reported_at),
                                        to_iso(incident.occurred_at)));
  }
  if (incident.notifiable && !incident.notification_due) {
    refuse("incident.notifiable_requires_due_date",
           "incident " + q(incident.id) +
               ": a notifiable safety incident needs the date its Duty of Candour "
               "notification falls due");
  }
  if (incident.notification_due && *incident.notification_due < incident.occurred_at.date()) {
    refuse("incident.notification_before_occurrence",
           "incident " + q(incident.id) + ": notification due " +
               to_iso(*incident.notification_due) + " is before the incident occurred");
  }
  check_candour(incident, incident.notified_on, incident.written_notice_on);
  const IncidentId key = incident.id;
  incidents_.emplace(key, std::move(incident));
}

void Register::record_notification(const IncidentId& id, Date date) {
  const Incident& current = find_or_throw(incidents_, id, "incident");
  if (current.notified_on) {
    refuse("candour.already_notified", "incident " + q(id) + ": notification already recorded on " +
                                           to_iso(*current.notified_on));
  }
  check_candour(current, date, current.written_notice_on);
  incidents_.at(id).notified_on = date;
}

void Register::record_written_notice(const IncidentId& id, Date date) {
  const Incident& current = find_or_throw(incidents_, id, "incident");
  if (current.written_notice_on) {
    refuse("candour.already_written", "incident " + q(id) + ": written follow-up already recorded on " +
                                          to_iso(*current.written_notice_on));
  }
  check_candour(current, current.notified_on, date);
  incidents_.at(id).written_notice_on = date;
}

void Register::add_investigation(Investigation investigation) {
  const auto& inv = investigation;
  require_id(inv.id, "investigation");
  require_new(investigations_, inv.id, "investigation");
  if (inv.incidents.empty()) {
    refuse("investigation.requires_incident",
           "investigation " + q(inv.id) + " covers no incident");
  }
  for (const IncidentId& incident : inv.incidents) {
    require_reference(incidents_, incident, "investigation " + q(inv.id), "incident");
  }
  if (has_duplicates(inv.incidents)) {
    refuse("investigation.duplicate_incident",
           "investigation " + q(inv.id) + " lists an incident twice");
  }
  if (has_duplicates(inv.factors)) {
    refuse("investigation.duplicate_factor",
           "investigation " + q(inv.id) + " lists a contributing factor twice");
  }
  if (inv.opened.is_special()) throw InputError("investigation " + q(inv.id) + ": no opened date");
  for (const IncidentId& incident : inv.incidents) {
    const Date occurred = incidents_.at(incident).occurred_at.date();
    if (inv.opened < occurred) {
      refuse("investigation.opened_before_incident",
             "investigation " + q(inv.id) + ": opened " + to_iso(inv.opened) +
                 " before incident " + q(incident) + " occurred on " + to_iso(occurred));
    }
  }
  if (inv.concluded && *inv.concluded < inv.opened) {
    refuse("investigation.concluded_before_opened",
           "investigation " + q(inv.id) + ": concluded " + to_iso(*inv.concluded) +
               " before it opened " + to_iso(inv.opened));
  }
  const InvestigationId key = inv.id;
  investigations_.emplace(key, std::move(investigation));
}

void Register::conclude_investigation(const InvestigationId& id, Date date, std::string findings,
                                      std::vector<ContributingFactor> factors) {
  const Investigation& current = find_or_throw(investigations_, id, "investigation");
  if (date < current.opened) {
    refuse("investigation.concluded_before_opened",
           "investigation " + q(id) + ": concluded " + to_iso(date) + " before it opened " +
               to_iso(current.opened));
  }
  if (has_duplicates(factors)) {
    refuse("investigation.duplicate_factor",
           "investigation " + q(id) + " lists a contributing factor twice");
  }
  Investigation updated = current;
  updated.concluded = date;
  updated.findings = std::move(findings);
  updated.factors = std::move(factors);
  investigations_.at(id) = std::move(updated);
}

void Register::add_escalation_path(EscalationPath path) {
  require_id(path.id, "escalation path");
  require_new(paths_, path.id, "escalation path");
  for (std::size_t i = 0; i < path.steps.size(); ++i) {
    const EscalationStep& step = path.steps[i];
    const std::string where =
        "escalation path " + q(path.id) + " step " + std::to_string(i + 1) + ": ";
    if (step.repeat_days < 0) throw InputError(where + "repeat_days is negative");
    if (step.until_offset_days && *step.until_offset_days < step.offset_days) {
      throw InputError(where + "until_offset_days is before offset_days");
    }
    if (step.recipient.empty()) throw InputError(where + "no recipient");
  }
  const EscalationPathId key = path.id;
  paths_.emplace(key, std::move(path));
}

void Register::set_default_escalation_path(const EscalationPathId& id) {
  (void)find_or_throw(paths_, id, "escalation path");
  default_path_ = id;
}

// ---- plans ---------------------------------------------------------------------

void Register::add_plan(ActionPlan plan) {
  require_id(plan.id, "plan");
  require_new(plans_, plan.id, "plan");
  require_reference(investigations_, plan.investigation, "plan " + q(plan.id), "investigation");
  if (plan.scope && services_.count(*plan.scope) == 0) {
    throw NotFoundError("plan " + q(plan.id) + ": scope service " + q(*plan.scope) +
                        " does not exist");
  }
  if (plan.escalation_path && paths_.count(*plan.escalation_path) == 0) {
    throw NotFoundError("plan " + q(plan.id) + ": escalation path " + q(*plan.escalation_path) +
                        " does not exist");
  }
  if (plan.created_on.is_special()) throw InputError("plan " + q(plan.id) + ": no created_on date");
  if (plan.review_interval_days < 1 || plan.min_observation_days < 0 ||
      plan.sustainment_tolerance_days < 0) {
    throw InputError("plan " + q(plan.id) +
                     ": review interval must be at least 1 day and the observation window and "
                     "sustainment tolerance not negative");
  }
  for (auto months : plan.sustainment_months) {
    if (months < 1) {
      throw InputError("plan " + q(plan.id) + ": sustainment check months must be at least 1");
    }
  }
  // Written as a negation so that NaN is refused too.
  if (!(plan.reach_threshold >= 0.0 && plan.reach_threshold <= 1.0)) {
    refuse("plan.reach_threshold_range",
           "plan " + q(plan.id) + ": reach threshold " + number_text(plan.reach_threshold) +
               " is not a fraction between 0 and 1 (0.8 for 80%; 0 switches the check off)");
  }
  if (plan.approval != Approval::pending && (!plan.decided_on || plan.approver.empty())) {
    refuse("plan.decision_requires_date_and_approver",
           "plan " + q(plan.id) + " is " + std::string(to_string(plan.approval)) +
               " but does not say when or by whom");
  }
  if (plan.approval == Approval::refused && plan.refusal_reason.empty()) {
    refuse("plan.refusal_requires_reason", "plan " + q(plan.id) + " is refused without a reason");
  }
  const PlanId key = plan.id;
  plans_.emplace(key, std::move(plan));
}

namespace {

// Approves or refuses (with a reason) a pending plan.
void decide_plan(std::map<PlanId, ActionPlan>& plans, const PlanId& id, const std::string& approver,
                 Date date, Approval decision, const std::string& reason) {
  const ActionPlan& current = find_or_throw(plans, id, "plan");
  const bool refusal = decision == Approval::refused;
  if (current.approval != Approval::pending) {
    refuse("plan.already_decided", "plan " + q(id) + " is already " +
                                       std::string(to_string(current.approval)));
  }
  if (approver.empty()) refuse("plan.requires_approver", "plan " + q(id) + ": no approver named");
  if (refusal && reason.empty()) {
    refuse("plan.refusal_requires_reason", "plan " + q(id) + ": refusal without a reason");
  }
  if (date < current.created_on) {
    refuse("plan.decided_before_created",
           "plan " + q(id) + ": " + (refusal ? "refusal " : "approval ") + to_iso(date) +
               " is before the plan was created " + to_iso(current.created_on));
  }
  ActionPlan updated = current;
  updated.approval = decision;
  updated.approver = approver;
  updated.decided_on = date;
  if (refusal) updated.refusal_reason = reason;
  plans.at(id) = std::move(updated);
}

}  // namespace

void Register::approve_plan(const PlanId& id, const std::string& approver, Date date) {
  decide_plan(plans_, id, approver, date, Approval::approved, {});
}

void Register::refuse_plan(const PlanId& id, const std::string& approver, Date date,
                           const std::string& reason) {
  decide_plan(plans_, id, approver, date, Approval::refused, reason);
}

// ---- actions -----------------------------------------------------------------------

void Register::add_action(Action action) {
  require_id(action.id, "action");
  require_new(actions_, action.id, "action");
  require_reference(plans_, action.plan, "action " + q(action.id), "plan");
  if (!action.events_.empty()) {
    refuse("action.new_has_no_history",
           "action " + q(action.id) + " is new: its history is built by transitions");
  }
  if (action.proposed_on.is_special()) {
    throw InputError("action " + q(action.id) + ": no proposed_on date");
  }
  for (const Monitoring& m : action.monitoring) m.recurrence.validate();
  for (const Measure& m : action.measures) {
    if (m.service && services_.count(*m.service) == 0) {
      throw NotFoundError("action " + q(action.id) + ": measure service " + q(*m.service) +
                          " does not exist");
    }
  }
  detail::check_measure_ids(*this, action);
  const ActionId key = action.id;
  const PlanId plan = action.plan;
  actions_.emplace(key, std::move(action));
  actions_by_plan_[plan].insert(key);
}

void Register::update_action(const Action& updated, Instant at, const std::string& actor,
                             const std::string& note) {
  const Action& current = find_or_throw(actions_, updated.id, "action");
  if (updated.plan != current.plan) {
    refuse("edit.plan_is_fixed", "action " + q(updated.id) + ": cannot move from plan " +
                                     q(current.plan) + " to " + q(updated.plan));
  }
  for (const Monitoring& m : updated.monitoring) m.recurrence.validate();
  for (const Measure& m : updated.measures) {
    if (m.service && services_.count(*m.service) == 0) {
      throw NotFoundError("action " + q(updated.id) + ": measure service " + q(*m.service) +
                          " does not exist");
    }
  }
  detail::check_measure_ids(*this, updated);
  if (current.state() != ActionState::proposed && is_open(current.state())) {
    const auto agreed_at = current.last_at(Transition::agree);
    const auto errors = lint_errors(updated, agreed_at ? std::optional<Date>(agreed_at->date())
                                                       : std::nullopt);
    if (!errors.empty()) {
      refuse("edit.breaks_agreement", "action " + q(updated.id) +
                                          " is agreed; the change would break rule " +
                                          errors.front().rule + ": " + errors.front().message);
    }
  }
  std::vector<std::string> changed;
  if (updated.title != current.title) changed.emplace_back("title");
  if (updated.description != current.description) changed.emplace_back("description");
  if (updated.proposed_on != current.proposed_on) changed.emplace_back("proposed_on");
  if (updated.factors != current.factors) changed.emplace_back("factors");
  if (updated.owner != current.owner) changed.emplace_back("owner");
  if (updated.due != current.due) {
    changed.emplace_back("due " + (current.due ? to_iso(*current.due) : std::string("none")) +
                         " -> " + (updated.due ? to_iso(*updated.due) : std::string("none")));
  }
  if (updated.intervention != current.intervention) changed.emplace_back("intervention");
  if (updated.measures != current.measures) changed.emplace_back("measures");
  if (updated.monitoring != current.monitoring) changed.emplace_back("monitoring");
  if (updated.evidence_required != current.evidence_required) {
    changed.emplace_back("evidence_required");
  }
  std::string text = note;
  if (!changed.empty()) {
    text += text.empty() ? "changed: " : " (changed: ";
    for (std::size_t i = 0; i < changed.size(); ++i) text += (i > 0 ? ", " : "") + changed[i];
    if (!note.empty()) text += ")";
  }
  ActionEvent event;
  event.action = updated.id;
  event.at = at;
  event.actor = actor;
  event.transition = Transition::edit;
  event.from = current.state();
  event.to = current.state();
  event.note = std::move(text);
  check_event(current, event);
  Action replacement = updated;
  replacement.events_ = current.events_;
  replacement.events_.push_back(std::move(event));
  actions_.at(updated.id) = std::move(replacement);
}

namespace {
ActionEvent make_event(const ActionId& id, Instant at, const std::string& actor,
                       Transition transition, const std::string& note) {
  ActionEvent event;
  event.action = id;
  event.at = at;
  event.actor = actor;
  event.transition = transition;
  event.note = note;
  return event;
}
}  // namespace

void Register::agree(const ActionId& id, Instant at, const std::string& actor,
                     const std::string& note) {
  append_event(make_event(id, at, actor, Transition::agree, note));
}

void Register::start(const ActionId& id, Instant at, const std::string& actor,
                     const std::string& note) {
  append_event(make_event(id, at, actor, Transition::start, note));
}

void Register::implement(const ActionId& id, Instant at, const std::string& actor,
                         const std::string& note) {
  append_event(make_event(id, at, actor, Transition::implement, note));
}

void Register::verify(const ActionId& id, Instant at, const std::string& actor,
                      const std::string& note) {
  append_event(make_event(id, at, actor, Transition::verify, note));
}

void Register::evaluate(const ActionId& id, Instant at, const std::string& actor, Verdict verdict,
                        const std::string& basis, const std::vector<CheckId>& checks,
                        const std::string& note) {
  ActionEvent event = make_event(id, at, actor, Transition::evaluate, note);
  event.verdict = verdict;
  event.basis = basis;
  event.checks = checks;
  append_event(std::move(event));
}

void Register::close(const ActionId& id, Instant at, const std::string& actor,
                     std::optional<Decision> decision, const std::optional<ReviewId>& review,
                     const std::string& note) {
  ActionEvent event = make_event(id, at, actor, Transition::close, note);
  event.decision = decision;
  event.review = review;
  append_event(std::move(event));
}

void Register::reopen(const ActionId& id, Instant at, const std::string& actor,
                      const std::string& reason) {
  append_event(make_event(id, at, actor, Transition::reopen, reason));
}

void Register::cancel(const ActionId& id, Instant at, const std::string& actor,
                      const std::string& reason) {
  append_event(make_event(id, at, actor, Transition::cancel, reason));
}

// ---- evidence, checks, reviews, shares -----------------------------------------------

void Register::add_evidence(Evidence evidence) {
  require_id(evidence.id, "evidence");
  require_new(evidence_, evidence.id, "evidence");
  require_reference(actions_, evidence.action, "evidence " + q(evidence.id), "action");
  if (evidence.date.is_special()) throw InputError("evidence " + q(evidence.id) + ": no date");
  insert_indexed(evidence_, evidence_by_action_, std::move(evidence));
}

void Register::add_check(Check check) {
  require_id(check.id, "check");
  require_new(checks_, check.id, "check");
  require_reference(actions_, check.action, "check " + q(check.id), "action");
  if (check.date.is_special()) throw InputError("check " + q(check.id) + ": no date");
  if (check.score.has_value() != check.denominator.has_value()) {
    throw InputError("check " + q(check.id) + ": a score needs its denominator and vice versa");
  }
  if (check.denominator && (!(*check.denominator > 0.0) || *check.score < 0.0 ||
                            *check.score > *check.denominator)) {
    throw InputError("check " + q(check.id) +
                     ": the score must lie between 0 and a positive denominator");
  }
  detail::check_measured_value(*this, check);
  insert_indexed(checks_, checks_by_action_, std::move(check));
}

void Register::add_review(GovernanceReview review) {
  require_id(review.id, "governance review");
  require_new(reviews_, review.id, "governance review");
  for (const PlanId& p : review.plans) {
    require_reference(plans_, p, "governance review " + q(review.id), "plan");
  }
  for (const ActionId& a : review.actions) {
    require_reference(actions_, a, "governance review " + q(review.id), "action");
  }
  if (review.date.is_special()) throw InputError("governance review " + q(review.id) + ": no date");
  const ReviewId key = review.id;
  reviews_.emplace(key, std::move(review));
}

void Register::add_share(LearningShare share) {
  require_id(share.id, "learning share");
  require_new(shares_, share.id, "learning share");
  require_reference(plans_, share.plan, "learning share " + q(share.id), "plan");
  const ActionPlan& plan = plans_.at(share.plan);
  if (share.date.is_special()) throw InputError("learning share " + q(share.id) + ": no date");
  if (share.targets.empty()) {
    refuse("share.requires_target", "learning share " + q(share.id) + " names no target service");
  }
  std::vector<ServiceId> seen;
  for (const ShareTarget& t : share.targets) {
    require_reference(services_, t.service, "learning share " + q(share.id), "service");
    if (plan.scope && *plan.scope == t.service) {
      refuse("share.to_own_service",
             "learning share " + q(share.id) + ": service " + q(t.service) +
                 " is plan " + q(plan.id) + "'s own service; learning is shared with other services");
    }
    seen.push_back(t.service);
    if ((t.acknowledged_on && *t.acknowledged_on < share.date) ||
        (t.decided_on && *t.decided_on < share.date)) {
      refuse("share.response_before_share",
             "learning share " + q(share.id) + ": service " + q(t.service) +
                 " responded before the share on " + to_iso(share.date));
    }
    if (t.adopted.has_value() != t.decided_on.has_value()) {
      throw InputError("learning share " + q(share.id) + ": service " + q(t.service) +
                       ": an adoption decision needs its date and vice versa");
    }
  }
  if (has_duplicates(seen)) {
    refuse("share.duplicate_target", "learning share " + q(share.id) + " names a service twice");
  }
  const ShareId key = share.id;
  shares_.emplace(key, std::move(share));
}

namespace {

// A learning share and the index of one of its target services; a service
// that is not a target is not found.
std::pair<const LearningShare&, std::size_t> share_target(
    const std::map<ShareId, LearningShare>& shares, const ShareId& id, const ServiceId& service) {
  const LearningShare& share = find_or_throw(shares, id, "learning share");
  const auto it = std::find_if(share.targets.begin(), share.targets.end(),
                               [&](const ShareTarget& t) { return t.service == service; });
  if (it == share.targets.end()) {
    throw NotFoundError("learning share " + q(id) + ": service " + q(service) +
                        " is not a target");
  }
  return {share, static_cast<std::size_t>(it - share.targets.begin())};
}

}  // namespace

void Register::acknowledge_share(const ShareId& id, const ServiceId& service, Date date) {
  const auto [current, index] = share_target(shares_, id, service);
  const ShareTarget& target = current.targets[index];
  const std::string what = "learning share " + q(id) + ": service " + q(service);
  if (target.acknowledged_on) {
    refuse("share.already_acknowledged",
           what + " acknowledged it on " + to_iso(*target.acknowledged_on));
  }
  if (date < current.date) {
    refuse("share.response_before_share", what + " cannot acknowledge on " + to_iso(date) +
                                              ", before the share on " + to_iso(current.date));
  }
  LearningShare updated = current;
  updated.targets[index].acknowledged_on = date;
  shares_.at(id) = std::move(updated);
}

void Register::record_adoption(const ShareId& id, const ServiceId& service, bool adopted,
                               Date date) {
  const auto [current, index] = share_target(shares_, id, service);
  const ShareTarget& existing = current.targets[index];
  const std::string what = "learning share " + q(id) + ": service " + q(service);
  if (existing.adopted) {
    refuse("share.already_decided", what + " already decided on " + to_iso(*existing.decided_on));
  }
  if (date < current.date || (existing.acknowledged_on && date < *existing.acknowledged_on)) {
    refuse("share.response_before_share", what + " cannot decide on " + to_iso(date) +
                                              ", before the share or its acknowledgement");
  }
  LearningShare updated = current;
  ShareTarget& target = updated.targets[index];
  target.adopted = adopted;
  target.decided_on = date;
  if (!target.acknowledged_on) target.acknowledged_on = date;
  shares_.at(id) = std::move(updated);
}

void Register::record_briefing(StaffBriefing briefing) {
  const LearningShare& share = find_or_throw(shares_, briefing.share, "learning share");
  const std::string what = "staff briefing of learning share " + q(briefing.share) + " at service " +
                           q(briefing.service);
  require_reference(services_, briefing.service, "staff briefing of learning share " + q(share.id),
                    "service");
  if (std::none_of(share.targets.begin(), share.targets.end(),
                   [&](const ShareTarget& t) { return t.service == briefing.service; })) {
    refuse("briefing.not_a_target", what + ": the service is not a target of the share");
  }
  if (briefing.date.is_special()) throw InputError(what + ": no date");
  if (briefing.date < share.date) {
    refuse("briefing.before_share", what + ": dated " + to_iso(briefing.date) +
                                        ", before the share on " + to_iso(share.date));
  }
  if (briefing.briefed < 0) {
    refuse("briefing.briefed_negative",
           what + ": staff briefed " + std::to_string(briefing.briefed) + " is negative");
  }
  if (briefing.in_scope <= 0) {
    refuse("briefing.in_scope_not_positive",
           what + ": staff in scope " + std::to_string(briefing.in_scope) +
               " must be at least 1");
  }
  if (briefing.briefed > briefing.in_scope) {
    refuse("briefing.briefed_exceeds_in_scope",
           what + ": " + std::to_string(briefing.briefed) + " staff briefed of " +
               std::to_string(briefing.in_scope) + " in scope");
  }
  const auto key = std::make_pair(briefing.share, briefing.service);
  const auto existing = briefings_.find(key);
  if (existing != briefings_.end() && !existing->second.empty() &&
      briefing.date < existing->second.back().date) {
    refuse("briefing.out_of_order", what + ": dated " + to_iso(briefing.date) +
                                        ", before its latest record on " +
                                        to_iso(existing->second.back().date));
  }
  // Nothing changes if appending fails: a new, still empty entry is removed.
  const auto [it, inserted] = briefings_.try_emplace(key);
  try {
    it->second.push_back(std::move(briefing));
  } catch (...) {
    if (inserted) briefings_.erase(it);
    throw;
  }
}

bool Register::operator==(const Register& other) const {
  return categories_.all() == other.categories_.all() && services_ == other.services_ &&
         incidents_ == other.incidents_ && investigations_ == other.investigations_ &&
         plans_ == other.plans_ && actions_ == other.actions_ && evidence_ == other.evidence_ &&
         checks_ == other.checks_ && reviews_ == other.reviews_ && shares_ == other.shares_ &&
         briefings_ == other.briefings_ && paths_ == other.paths_ && default_path_ == other.default_path_;
}

}  // namespace closeloop::lifecycle
