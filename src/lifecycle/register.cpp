#include "closeloop/lifecycle/register.hpp"

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

std::string q(const std::string& text) { return "\"" + text + "\""; }

// The shortest text that reads back as `value` (0.8, not 0.800000).
std::string number_text(double value) {
  std::array<char, 32> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return {buffer.data(), result.ptr};
}

[[noreturn]] void refuse_id(const std::string& message) { throw RuleError("id.malformed", message); }

template <class Tag>
std::string q(const Id<Tag>& id) {
  return q(id.str());
}

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

template <class Map, class Key>
const typename Map::mapped_type& find_or_throw(const Map& map, const Key& key, const char* what) {
  const auto it = map.find(key);
  if (it == map.end()) throw NotFoundError(std::string(what) + " " + q(key) + " does not exist");
  return it->second;
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

[[noreturn]] void refuse_transition(const std::string& rule, const std::string& message) {
  throw TransitionError(rule, message);
}

// The state a transition leads to from `from`, or nothing if not allowed.
std::optional<ActionState> target_of(Transition transition, ActionState from) {
  using S = ActionState;
  switch (transition) {
    case Transition::agree:
      if (from == S::proposed) return S::agreed;
      break;
    case Transition::start:
      if (from == S::agreed || from == S::reopened) return S::in_progress;
      break;
    case Transition::implement:
      if (from == S::in_progress) return S::implemented;
      break;
    case Transition::verify:
      if (from == S::implemented) return S::verified;
      break;
    case Transition::evaluate:
      if (from == S::verified) return S::evaluated;
      break;
    case Transition::close:
      if (from == S::evaluated) return S::closed;
      break;
    case Transition::reopen:
      if (from == S::evaluated || from == S::closed) return S::reopened;
      break;
    case Transition::cancel:
      if (is_open(from)) return S::cancelled;
      break;
    case Transition::edit:
      if (is_open(from)) return from;
      break;
  }
  return std::nullopt;
}

const char* needs_of(Transition transition) {
  switch (transition) {
    case Transition::agree: return "proposed";
    case Transition::start: return "agreed or reopened";
    case Transition::implement: return "in_progress";
    case Transition::verify: return "implemented";
    case Transition::evaluate: return "verified";
    case Transition::close: return "evaluated";
    case Transition::reopen: return "evaluated or closed";
    case Transition::cancel:
    case Transition::edit: return "an open state";
  }
  return "?";
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

void Register::approve_plan(const PlanId& id, const std::string& approver, Date date) {
  const ActionPlan& current = find_or_throw(plans_, id, "plan");
  if (current.approval != Approval::pending) {
    refuse("plan.already_decided", "plan " + q(id) + " is already " +
                                       std::string(to_string(current.approval)));
  }
  if (approver.empty()) refuse("plan.requires_approver", "plan " + q(id) + ": no approver named");
  if (date < current.created_on) {
    refuse("plan.decided_before_created",
           "plan " + q(id) + ": approval " + to_iso(date) + " is before the plan was created " +
               to_iso(current.created_on));
  }
  ActionPlan updated = current;
  updated.approval = Approval::approved;
  updated.approver = approver;
  updated.decided_on = date;
  plans_.at(id) = std::move(updated);
}

void Register::refuse_plan(const PlanId& id, const std::string& approver, Date date,
                           const std::string& reason) {
  const ActionPlan& current = find_or_throw(plans_, id, "plan");
  if (current.approval != Approval::pending) {
    refuse("plan.already_decided", "plan " + q(id) + " is already " +
                                       std::string(to_string(current.approval)));
  }
  if (approver.empty()) refuse("plan.requires_approver", "plan " + q(id) + ": no approver named");
  if (reason.empty()) refuse("plan.refusal_requires_reason", "plan " + q(id) + ": refusal without a reason");
  if (date < current.created_on) {
    refuse("plan.decided_before_created",
           "plan " + q(id) + ": refusal " + to_iso(date) + " is before the plan was created " +
               to_iso(current.created_on));
  }
  ActionPlan updated = current;
  updated.approval = Approval::refused;
  updated.approver = approver;
  updated.decided_on = date;
  updated.refusal_reason = reason;
  plans_.at(id) = std::move(updated);
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
  actions_.emplace(key, std::move(action));
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

void Register::check_event(const Action& action, const ActionEvent& event) const {
  const std::string who = "action " + q(action.id);
  const std::string verb(to_string(event.transition));
  const ActionState from = action.state();
  const auto target = target_of(event.transition, from);
  if (!target) {
    refuse_transition(verb + ".from_state", who + ": cannot " + verb + " from state " +
                                                std::string(to_string(from)) + " (" + verb +
                                                " needs " + needs_of(event.transition) + ")");
  }
  if (event.from != from || event.to != *target) {
    refuse_transition("event.breaks_history",
                      who + ": event " + verb + " " + std::string(to_string(event.from)) +
                          " -> " + std::string(to_string(event.to)) +
                          " does not continue the history (state " +
                          std::string(to_string(from)) + ", " + verb + " leads to " +
                          std::string(to_string(*target)) + ")");
  }
  if (event.at.is_special()) refuse_transition("event.requires_instant", who + ": event has no instant");
  if (event.actor.empty()) {
    refuse_transition("event.requires_actor", who + ": " + verb + " needs the actor's name");
  }
  if (!action.events_.empty() && event.at < action.events_.back().at) {
    refuse_transition("event.out_of_order",
                      who + ": " + verb + " at " + to_iso(event.at) + " is before the last event at " +
                          to_iso(action.events_.back().at));
  }
  if (event.at.date() < action.proposed_on) {
    refuse_transition("event.before_proposed", who + ": " + verb + " at " + to_iso(event.at) +
                                                   " is before the action was proposed on " +
                                                   to_iso(action.proposed_on));
  }
  const Date day = event.at.date();
  const ActionPlan& plan = plans_.at(action.plan);
  switch (event.transition) {
    case Transition::agree: {
      if (plan.approval == Approval::refused) {
        refuse_transition("agree.plan_refused",
                          who + ": its plan " + q(plan.id) + " was refused: " + plan.refusal_reason);
      }
      const auto errors = lint_errors(action, day);
      if (!errors.empty()) {
        std::string message = errors.front().message;
        for (std::size_t i = 1; i < errors.size(); ++i) {
          message += "; " + errors[i].rule + ": " + errors[i].message;
        }
        refuse_transition(errors.front().rule, message);
      }
      break;
    }
    case Transition::start:
      break;
    case Transition::implement: {
      bool has_evidence = false;
      if (const auto it = evidence_by_action_.find(action.id); it != evidence_by_action_.end()) {
        has_evidence = std::any_of(it->second.begin(), it->second.end(), [&](const EvidenceId& e) {
          return evidence_.at(e).date <= day;
        });
      }
      if (!has_evidence) {
        refuse_transition("implement.requires_evidence",
                          who + ": no evidence dated on or before " + to_iso(day) +
                              " shows it was implemented");
      }
      break;
    }
    case Transition::verify: {
      const Date implemented = action.last_at(Transition::implement)->date();
      bool has_check = false;
      if (const auto it = checks_by_action_.find(action.id); it != checks_by_action_.end()) {
        has_check = std::any_of(it->second.begin(), it->second.end(), [&](const CheckId& id) {
          const Check& c = checks_.at(id);
          return c.passed && c.date > implemented && c.date <= day;
        });
      }
      if (!has_check) {
        refuse_transition("verify.requires_follow_up_check",
                          who + ": no passing check dated after implementation on " +
                              to_iso(implemented) + " and on or before " + to_iso(day));
      }
      break;
    }
    case Transition::evaluate: {
      if (!event.verdict) refuse_transition("evaluate.requires_verdict", who + ": no verdict given");
      const Date implemented = action.last_at(Transition::implement)->date();
      const long days = (day - implemented).days();
      if (days < plan.min_observation_days) {
        refuse_transition(
            "evaluate.too_early",
            who + ": evaluated " + std::to_string(days) + " days after implementation on " +
                to_iso(implemented) + "; plan " + q(plan.id) + " needs at least " +
                std::to_string(plan.min_observation_days) + " days (not before " +
                to_iso(implemented + boost::gregorian::days(plan.min_observation_days)) + ")");
      }
      if (event.basis.empty() && event.checks.empty()) {
        refuse_transition("evaluate.requires_basis",
                          who + ": the verdict must rest on a comparison or on checks");
      }
      for (const CheckId& check_id : event.checks) {
        const auto it = checks_.find(check_id);
        if (it == checks_.end()) {
          refuse_transition("evaluate.unknown_check",
                            who + ": check " + q(check_id) + " does not exist");
        }
        if (it->second.action != action.id || it->second.date > day) {
          refuse_transition("evaluate.check_not_of_action",
                            who + ": check " + q(check_id) + " is not a check of this action dated on or before " +
                                to_iso(day));
        }
      }
      break;
    }
    case Transition::close: {
      if (!event.decision) {
        refuse_transition("close.requires_decision",
                          who + ": closing needs an adopt, adapt or abandon decision");
      }
      if (!event.review) {
        refuse_transition("close.requires_review",
                          who + ": closing needs sign-off at a governance review");
      }
      const auto it = reviews_.find(*event.review);
      if (it == reviews_.end()) {
        refuse_transition("close.unknown_review",
                          who + ": governance review " + q(*event.review) + " does not exist");
      }
      const GovernanceReview& review = it->second;
      const bool covers =
          std::find(review.actions.begin(), review.actions.end(), action.id) !=
              review.actions.end() ||
          std::find(review.plans.begin(), review.plans.end(), action.plan) != review.plans.end();
      if (!covers) {
        refuse_transition("close.review_does_not_cover",
                          who + ": governance review " + q(review.id) +
                              " covers neither the action nor its plan " + q(action.plan));
      }
      const Date evaluated = action.last_at(Transition::evaluate)->date();
      if (review.date < evaluated || review.date > day) {
        refuse_transition("close.review_date",
                          who + ": governance review " + q(review.id) + " on " +
                              to_iso(review.date) + " is not between the evaluation on " +
                              to_iso(evaluated) + " and the closing on " + to_iso(day));
      }
      break;
    }
    case Transition::reopen:
      if (event.note.empty()) refuse_transition("reopen.requires_reason", who + ": reopening needs a reason");
      if (from == ActionState::evaluated && action.verdict() != Verdict::not_effective) {
        refuse_transition("reopen.requires_not_effective",
                          who + ": an evaluated action reopens only when judged not_effective "
                                "(verdict " +
                              std::string(to_string(*action.verdict())) + ")");
      }
      break;
    case Transition::cancel:
      if (event.note.empty()) refuse_transition("cancel.requires_reason", who + ": cancelling needs a reason");
      break;
    case Transition::edit:
      break;
  }
}

void Register::append_event(ActionEvent event) {
  const auto it = actions_.find(event.action);
  if (it == actions_.end()) throw NotFoundError("action " + q(event.action) + " does not exist");
  Action& action = it->second;
  const auto target = target_of(event.transition, action.state());
  event.from = action.state();
  if (target) event.to = *target;
  check_event(action, event);
  action.events_.push_back(std::move(event));
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

void Register::apply_event(const ActionEvent& event) {
  const auto it = actions_.find(event.action);
  if (it == actions_.end()) throw NotFoundError("action " + q(event.action) + " does not exist");
  Action& action = it->second;
  check_event(action, event);
  action.events_.push_back(event);
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

void Register::acknowledge_share(const ShareId& id, const ServiceId& service, Date date) {
  const LearningShare& current = find_or_throw(shares_, id, "learning share");
  const auto it = std::find_if(current.targets.begin(), current.targets.end(),
                               [&](const ShareTarget& t) { return t.service == service; });
  if (it == current.targets.end()) {
    throw NotFoundError("learning share " + q(id) + ": service " + q(service) +
                        " is not a target");
  }
  if (it->acknowledged_on) {
    refuse("share.already_acknowledged", "learning share " + q(id) + ": service " + q(service) +
                                             " acknowledged it on " +
                                             to_iso(*it->acknowledged_on));
  }
  if (date < current.date) {
    refuse("share.response_before_share", "learning share " + q(id) + ": service " + q(service) +
                                              " cannot acknowledge on " + to_iso(date) +
                                              ", before the share on " + to_iso(current.date));
  }
  LearningShare updated = current;
  updated.targets[static_cast<std::size_t>(it - current.targets.begin())].acknowledged_on = date;
  shares_.at(id) = std::move(updated);
}

void Register::record_adoption(const ShareId& id, const ServiceId& service, bool adopted,
                               Date date) {
  const LearningShare& current = find_or_throw(shares_, id, "learning share");
  const auto it = std::find_if(current.targets.begin(), current.targets.end(),
                               [&](const ShareTarget& t) { return t.service == service; });
  if (it == current.targets.end()) {
    throw NotFoundError("learning share " + q(id) + ": service " + q(service) +
                        " is not a target");
  }
  if (it->adopted) {
    refuse("share.already_decided", "learning share " + q(id) + ": service " + q(service) +
                                        " already decided on " + to_iso(*it->decided_on));
  }
  if (date < current.date || (it->acknowledged_on && date < *it->acknowledged_on)) {
    refuse("share.response_before_share", "learning share " + q(id) + ": service " + q(service) +
                                              " cannot decide on " + to_iso(date) +
                                              ", before the share or its acknowledgement");
  }
  LearningShare updated = current;
  ShareTarget& target = updated.targets[static_cast<std::size_t>(it - current.targets.begin())];
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

// ---- queries -----------------------------------------------------------------------

const std::vector<StaffBriefing>& Register::briefings_of(const ShareId& share,
                                                         const ServiceId& service) const {
  static const std::vector<StaffBriefing> none;
  (void)find_or_throw(shares_, share, "learning share");
  const auto it = briefings_.find(std::make_pair(share, service));
  return it == briefings_.end() ? none : it->second;
}

const Service& Register::service(const ServiceId& id) const {
  return find_or_throw(services_, id, "service");
}
const Incident& Register::incident(const IncidentId& id) const {
  return find_or_throw(incidents_, id, "incident");
}
const Investigation& Register::investigation(const InvestigationId& id) const {
  return find_or_throw(investigations_, id, "investigation");
}
const ActionPlan& Register::plan(const PlanId& id) const {
  return find_or_throw(plans_, id, "plan");
}
const Action& Register::action(const ActionId& id) const {
  return find_or_throw(actions_, id, "action");
}
const Evidence& Register::evidence(const EvidenceId& id) const {
  return find_or_throw(evidence_, id, "evidence");
}
const Check& Register::check(const CheckId& id) const { return find_or_throw(checks_, id, "check"); }
const GovernanceReview& Register::review(const ReviewId& id) const {
  return find_or_throw(reviews_, id, "governance review");
}
const LearningShare& Register::share(const ShareId& id) const {
  return find_or_throw(shares_, id, "learning share");
}
const EscalationPath& Register::escalation_path(const EscalationPathId& id) const {
  return find_or_throw(paths_, id, "escalation path");
}

std::vector<const Action*> Register::actions_of(const PlanId& plan) const {
  std::vector<const Action*> out;
  for (const auto& [id, action] : actions_) {
    if (action.plan == plan) out.push_back(&action);
  }
  return out;
}

namespace {

// The items an index lists under `key` (evidence or checks of one action),
// ordered by date, then id.
template <class Index, class Items, class Key>
std::vector<const typename Items::mapped_type*> dated_items_of(const Index& index,
                                                               const Items& items, const Key& key) {
  using Item = typename Items::mapped_type;
  std::vector<const Item*> out;
  if (const auto it = index.find(key); it != index.end()) {
    for (const auto& id : it->second) out.push_back(&items.at(id));
  }
  std::sort(out.begin(), out.end(), [](const Item* a, const Item* b) {
    return a->date != b->date ? a->date < b->date : a->id < b->id;
  });
  return out;
}

}  // namespace

std::vector<const Action*> Register::actions_in(ActionState state) const {
  std::vector<const Action*> out;
  for (const auto& [id, action] : actions_) {
    if (action.state() == state) out.push_back(&action);
  }
  return out;
}

std::vector<const Evidence*> Register::evidence_for(const ActionId& action) const {
  return dated_items_of(evidence_by_action_, evidence_, action);
}

std::vector<const Check*> Register::checks_for(const ActionId& action) const {
  return dated_items_of(checks_by_action_, checks_, action);
}

std::vector<const Incident*> Register::incidents_at(const ServiceId& service) const {
  std::vector<const Incident*> out;
  for (const auto& [id, incident] : incidents_) {
    if (incident.service == service) out.push_back(&incident);
  }
  std::stable_sort(out.begin(), out.end(), [](const Incident* a, const Incident* b) {
    return a->occurred_at < b->occurred_at;
  });
  return out;
}

std::vector<const Investigation*> Register::investigations_of(const IncidentId& incident) const {
  std::vector<const Investigation*> out;
  for (const auto& [id, inv] : investigations_) {
    if (std::find(inv.incidents.begin(), inv.incidents.end(), incident) != inv.incidents.end()) {
      out.push_back(&inv);
    }
  }
  return out;
}

std::vector<const ActionPlan*> Register::plans_of(const InvestigationId& investigation) const {
  std::vector<const ActionPlan*> out;
  for (const auto& [id, p] : plans_) {
    if (p.investigation == investigation) out.push_back(&p);
  }
  return out;
}

std::vector<const GovernanceReview*> Register::reviews_of(const PlanId& plan) const {
  std::vector<const GovernanceReview*> out;
  for (const auto& [id, r] : reviews_) {
    bool covers = std::find(r.plans.begin(), r.plans.end(), plan) != r.plans.end();
    for (const ActionId& a : r.actions) {
      const auto it = actions_.find(a);
      if (it != actions_.end() && it->second.plan == plan) covers = true;
    }
    if (covers) out.push_back(&r);
  }
  std::stable_sort(out.begin(), out.end(), [](const GovernanceReview* a, const GovernanceReview* b) {
    return a->date < b->date;
  });
  return out;
}

std::vector<const GovernanceReview*> Register::reviews_of(const ActionId& action) const {
  const Action& a = this->action(action);
  std::vector<const GovernanceReview*> out;
  for (const auto& [id, r] : reviews_) {
    if (std::find(r.actions.begin(), r.actions.end(), action) != r.actions.end() ||
        std::find(r.plans.begin(), r.plans.end(), a.plan) != r.plans.end()) {
      out.push_back(&r);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const GovernanceReview* x, const GovernanceReview* y) {
    return x->date < y->date;
  });
  return out;
}

std::vector<const LearningShare*> Register::shares_of(const PlanId& plan) const {
  std::vector<const LearningShare*> out;
  for (const auto& [id, s] : shares_) {
    if (s.plan == plan) out.push_back(&s);
  }
  return out;
}

const EscalationPath* Register::escalation_path_for(const PlanId& plan) const {
  const ActionPlan& p = this->plan(plan);
  if (p.escalation_path) return &paths_.at(*p.escalation_path);
  if (default_path_) return &paths_.at(*default_path_);
  return nullptr;
}

bool Register::plan_is_open(const PlanId& plan) const {
  const ActionPlan& p = this->plan(plan);
  if (p.approval == Approval::refused) return false;
  const auto actions = actions_of(plan);
  if (actions.empty()) return true;
  return std::any_of(actions.begin(), actions.end(),
                     [](const Action* a) { return is_open(a->state()); });
}

bool Register::operator==(const Register& other) const {
  return categories_.all() == other.categories_.all() && services_ == other.services_ &&
         incidents_ == other.incidents_ && investigations_ == other.investigations_ &&
         plans_ == other.plans_ && actions_ == other.actions_ && evidence_ == other.evidence_ &&
         checks_ == other.checks_ && reviews_ == other.reviews_ && shares_ == other.shares_ &&
         briefings_ == other.briefings_ && paths_ == other.paths_ && default_path_ == other.default_path_;
}

}  // namespace closeloop::lifecycle
