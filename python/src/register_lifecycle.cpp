// Bindings of the lifecycle area: its enums (str() is the closeloop word),
// the domain types (keyword constructors, readable reprs, ==), the Register
// with its state machine and queries, schedules (action quality, signals and
// effectiveness: register_lifecycle_signals.cpp, called from here).
// Ids are plain str; dates accept datetime.date, ISO strings and
// numpy.datetime64; instants accept datetime.datetime and ISO strings.
#include "closeloop_python.hpp"
#include "lifecycle_bindings.hpp"

#include <string>
#include <vector>

#include <memory>

#include "closeloop/lifecycle/enums.hpp"
#include "closeloop/lifecycle/holidays.hpp"
#include "closeloop/lifecycle/quality.hpp"
#include "closeloop/lifecycle/register.hpp"
#include "closeloop/lifecycle/schedule.hpp"
#include "closeloop/lifecycle/types.hpp"
#include "closeloop/metrics/measure_series.hpp"

namespace closeloop::python {

namespace {

namespace lc = closeloop::lifecycle;
using namespace lifecycle_bindings;

void bind_enums(py::module_& m) {
  using namespace lc;
  // Each enum's Python name (its C++ name) and doc, in the order of the types.
  bind_word_enums<ContributingFactor, InvestigationMethod, InterventionType, ActionStrength,
                  MeasureKind, Direction, MonitoringKind, EvidenceKind, Forum, Channel, Verdict,
                  Decision, Approval, Transition, WorstHarm, Weekday, RecurrenceKind, Severity,
                  EscalationKind, RecurrenceReason, SpreadGap, FadeReason>(
      m, {{
             {"ContributingFactor", "Contributing factors from the taxonomy."},
             {"InvestigationMethod", "How a learning response was carried out."},
             {"InterventionType", "The kind of change an action makes (sets its strength)."},
             {"ActionStrength", "stronger, intermediate or weaker."},
             {"MeasureKind", "outcome, process or balancing."},
             {"Direction", "Which way an outcome rate should move."},
             {"MonitoringKind", "How an action is monitored."},
             {"EvidenceKind", "Kinds of evidence of implementation."},
             {"Forum", "Governance forums."},
             {"Channel", "Channels for sharing learning."},
             {"Verdict", "effective, not_effective or inconclusive."},
             {"Decision", "adopt, adapt or abandon."},
             {"Approval", "pending, approved or refused."},
             {"Transition", "The verbs of an action's events."},
             {"WorstHarm", "Worst harm on one scale (psychological one step milder)."},
             {"Weekday", "ISO weekdays."},
             {"RecurrenceKind", "Kinds of monitoring recurrence."},
             {"Severity", "error (blocks agree) or warning."},
             {"EscalationKind", "remind or escalate."},
             {"RecurrenceReason", "Why an incident counts as a recurrence."},
             {"SpreadGap", "Why a share target is flagged."},
             {"FadeReason", "Why a closed action is flagged as faded."},
         }});

  m.def("strength_of", &strength_of, py::arg("intervention"),
        "The strength of an intervention type.");
  m.def("worst_harm", &lc::worst_harm, py::arg("physical"), py::arg("psychological"),
        "The worst of physical and psychological harm on one scale.");
  m.def("duty_of_candour_due", py::overload_cast<Date>(&duty_of_candour_due), py::arg("aware"),
        "Ten working days after the provider became aware (England and Wales bank holidays "
        "skipped).");
  m.def("duty_of_candour_due", py::overload_cast<Date, const HolidayCalendar&>(&duty_of_candour_due),
        py::arg("aware"), py::arg("holidays"),
        "Ten working days after the provider became aware, skipping the calendar's holidays.");
}

void bind_holidays(py::module_& m) {
  using lc::HolidayCalendar;
  py::class_<lc::HolidayChange> change(m, "HolidayChange",
                                       "A one-off change to the standing bank holidays.");
  bind_fields(change, "HolidayChange", field("added", &lc::HolidayChange::added),
              field("removed", &lc::HolidayChange::removed),
              field("reason", &lc::HolidayChange::reason));
  add_eq<lc::HolidayChange>(change);
  py::class_<HolidayCalendar> calendar(
      m, "HolidayCalendar",
      "Non-working days besides weekends. HolidayCalendar() has none; "
      "HolidayCalendar.england_and_wales() has the standing rules and the announced one-offs.");
  calendar.def(py::init<>())
      .def_static("england_and_wales", &HolidayCalendar::england_and_wales)
      .def("add", &HolidayCalendar::add, py::arg("day"), "Makes a day a holiday.")
      .def("remove", &HolidayCalendar::remove, py::arg("day"), "Makes a day a working day again.")
      .def("is_holiday", &HolidayCalendar::is_holiday, py::arg("day"))
      .def("is_working_day", &HolidayCalendar::is_working_day, py::arg("day"))
      .def("holidays_in", &HolidayCalendar::holidays_in, py::arg("year"))
      .def("add_working_days", &HolidayCalendar::add_working_days, py::arg("start"),
           py::arg("days"), "The day `days` working days after start.");
  add_eq<HolidayCalendar>(calendar);
  m.def("england_and_wales_changes", &lc::england_and_wales_changes,
        "The announced one-off changes to England and Wales bank holidays.");
  m.def("easter_sunday", &lc::easter_sunday, py::arg("year"));
}

void bind_schedule(py::module_& m) {
  using lc::Recurrence;
  py::class_<Recurrence> cls(m, "Recurrence",
                             "How often monitoring recurs. Build with the static methods.");
  keyword_init<Recurrence>(cls);
  cls.def_readwrite("kind", &Recurrence::kind)
      .def_readwrite("weekday", &Recurrence::weekday)
      .def_readwrite("interval_weeks", &Recurrence::interval_weeks)
      .def_readwrite("day_of_month", &Recurrence::day_of_month)
      .def_readwrite("anchor", &Recurrence::anchor)
      .def_static("none", &Recurrence::none, "No recurrence.")
      .def_static("weekly", &Recurrence::weekly, py::arg("weekday"), "Every week on a weekday.")
      .def_static("every_n_weeks", &Recurrence::every_n_weeks, py::arg("weeks"),
                  py::arg("first"), "Every N weeks from the first date.")
      .def_static("monthly_on_day", &Recurrence::monthly_on_day, py::arg("day"),
                  "Monthly on day N (clamped in short months).")
      .def_static("monthly_last_day", &Recurrence::monthly_last_day,
                  "Monthly on the last day.")
      .def_static("quarterly", &Recurrence::quarterly, py::arg("first"),
                  "Every three months from the first date.")
      .def_static("parse", &lc::parse_recurrence, py::arg("text"),
                  "Reads the compact text form ('weekly:monday', 'monthly_day:31', ...).")
      .def("recurs", &Recurrence::recurs)
      .def("occurrences", &Recurrence::occurrences, py::arg("start"), py::arg("end"),
           "The occurrences in [start, end].")
      .def("next_on_or_after", &Recurrence::next_on_or_after, py::arg("start"))
      .def("describe", &Recurrence::describe, "Plain English.")
      .def("__str__", [](const Recurrence& r) { return lc::to_string(r); })
      .def("__repr__",
           [](const Recurrence& r) { return "Recurrence('" + lc::to_string(r) + "')"; });
  add_eq<Recurrence>(cls);
  m.def("add_months_clamped", &lc::add_months_clamped, py::arg("date"), py::arg("months"));
  m.def("weekday_of", &lc::weekday_of, py::arg("date"));
  m.def("missed_occurrences", &lc::missed_occurrences, py::arg("scheduled"), py::arg("done"),
        py::arg("tolerance_days"), py::arg("as_of"));
}

void bind_types(py::module_& m) {
  using namespace lc;

  py::class_<Service> service(m, "Service", "A care service.");
  keyword_init<Service>(service);
  service.def_readwrite("id", &Service::id)
      .def_readwrite("name", &Service::name)
      .def_readwrite("type", &Service::type)
      .def_readwrite("capacity", &Service::capacity)
      .def_readwrite("region", &Service::region);
  add_repr(service, "Service", {"id", "name", "type", "capacity", "region"});
  add_eq<Service>(service);

  py::class_<Incident> incident(m, "Incident", "An incident at a service.");
  keyword_init<Incident>(incident);
  incident.def_readwrite("id", &Incident::id)
      .def_readwrite("service", &Incident::service)
      .def_readwrite("occurred_at", &Incident::occurred_at)
      .def_readwrite("reported_at", &Incident::reported_at)
      .def_readwrite("category", &Incident::category)
      .def_readwrite("harm", &Incident::harm)
      .def_readwrite("psychological_harm", &Incident::psychological_harm)
      .def_readwrite("person_ref", &Incident::person_ref)
      .def_readwrite("description", &Incident::description)
      .def_readwrite("notifiable", &Incident::notifiable)
      .def_readwrite("notification_due", &Incident::notification_due)
      .def_readwrite("notified_on", &Incident::notified_on)
      .def_readwrite("written_notice_on", &Incident::written_notice_on)
      .def_property_readonly("worst_harm", &Incident::worst_harm);
  add_repr(incident, "Incident",
           {"id", "service", "occurred_at", "category", "harm", "psychological_harm",
            "notifiable"});
  add_eq<Incident>(incident);

  py::class_<Investigation> investigation(m, "Investigation",
                                          "A learning response covering one or more incidents.");
  keyword_init<Investigation>(investigation);
  investigation.def_readwrite("id", &Investigation::id)
      .def_readwrite("incidents", &Investigation::incidents)
      .def_readwrite("method", &Investigation::method)
      .def_readwrite("lead", &Investigation::lead)
      .def_readwrite("opened", &Investigation::opened)
      .def_readwrite("concluded", &Investigation::concluded)
      .def_readwrite("findings", &Investigation::findings)
      .def_readwrite("factors", &Investigation::factors);
  add_repr(investigation, "Investigation", {"id", "incidents", "method", "opened", "concluded"});
  add_eq<Investigation>(investigation);

  py::class_<ActionPlan> plan(m, "ActionPlan", "An action plan arising from an investigation.");
  keyword_init<ActionPlan>(plan);
  plan.def_readwrite("id", &ActionPlan::id)
      .def_readwrite("investigation", &ActionPlan::investigation)
      .def_readwrite("scope", &ActionPlan::scope)
      .def_readwrite("created_on", &ActionPlan::created_on)
      .def_readwrite("approver", &ActionPlan::approver)
      .def_readwrite("approval", &ActionPlan::approval)
      .def_readwrite("decided_on", &ActionPlan::decided_on)
      .def_readwrite("refusal_reason", &ActionPlan::refusal_reason)
      .def_readwrite("review_interval_days", &ActionPlan::review_interval_days)
      .def_readwrite("min_observation_days", &ActionPlan::min_observation_days)
      .def_readwrite("sustainment_months", &ActionPlan::sustainment_months)
      .def_readwrite("sustainment_tolerance_days", &ActionPlan::sustainment_tolerance_days)
      .def_readwrite("escalation_path", &ActionPlan::escalation_path)
      .def_readwrite("reach_threshold", &ActionPlan::reach_threshold);
  add_repr(plan, "ActionPlan", {"id", "investigation", "scope", "approval", "created_on"});
  add_eq<ActionPlan>(plan);

  py::class_<Measure> measure(m, "Measure", "How an action's success is measured.");
  keyword_init<Measure>(measure);
  measure.def_readwrite("kind", &Measure::kind)
      .def_readwrite("what", &Measure::what)
      .def_readwrite("how", &Measure::how)
      .def_readwrite("level", &Measure::level)
      .def_readwrite("by", &Measure::by)
      .def_readwrite("measured_by", &Measure::measured_by)
      .def_readwrite("category", &Measure::category)
      .def_readwrite("service", &Measure::service)
      .def_readwrite("denominator", &Measure::denominator)
      .def_readwrite("direction", &Measure::direction)
      .def_readwrite("target", &Measure::target)
      .def_readwrite("id", &Measure::id)
      .def_property(
          "kind_of_value",
          [](const Measure& self) -> std::optional<std::string> {
            if (!self.kind_of_value) return std::nullopt;
            return std::string(metrics::to_string(*self.kind_of_value));
          },
          [](Measure& self, const std::optional<std::string>& word) {
            self.kind_of_value = word ? std::optional(metrics::parse_series_kind(*word))
                                      : std::nullopt;
          },
          "rate, proportion, duration, count, or None (a rate when it names a category and a "
          "denominator).")
      .def_readwrite("unit", &Measure::unit)
      .def(
          "value_kind",
          [](const Measure& self) -> std::optional<std::string> {
            const auto kind = self.value_kind();
            if (!kind) return std::nullopt;
            return std::string(metrics::to_string(*kind));
          },
          "kind_of_value, or rate for a measure with a category and a denominator, or None.")
      .def("complete", &Measure::complete, "What, how, level and date all stated.");
  add_repr(measure, "Measure", {"kind", "what", "level", "by"});
  add_eq<Measure>(measure);

  py::class_<Monitoring> monitoring(m, "Monitoring", "How an action is monitored.");
  keyword_init<Monitoring>(monitoring);
  monitoring.def_readwrite("kind", &Monitoring::kind)
      .def_readwrite("recurrence", &Monitoring::recurrence)
      .def_readwrite("by", &Monitoring::by)
      .def_readwrite("starts", &Monitoring::starts)
      .def_readwrite("tolerance_days", &Monitoring::tolerance_days);
  add_repr(monitoring, "Monitoring", {"kind", "recurrence", "by", "tolerance_days"});
  add_eq<Monitoring>(monitoring);

  py::class_<ActionEvent> event(m, "ActionEvent", "One entry of an action's history.");
  keyword_init<ActionEvent>(event);
  event.def_readwrite("action", &ActionEvent::action)
      .def_readwrite("at", &ActionEvent::at)
      .def_readwrite("actor", &ActionEvent::actor)
      .def_readwrite("transition", &ActionEvent::transition)
      .def_readwrite("from_state", &ActionEvent::from)
      .def_readwrite("to_state", &ActionEvent::to)
      .def_readwrite("note", &ActionEvent::note)
      .def_readwrite("verdict", &ActionEvent::verdict)
      .def_readwrite("basis", &ActionEvent::basis)
      .def_readwrite("checks", &ActionEvent::checks)
      .def_readwrite("decision", &ActionEvent::decision)
      .def_readwrite("review", &ActionEvent::review);
  add_repr(event, "ActionEvent", {"action", "at", "actor", "transition", "from_state", "to_state"});
  add_eq<ActionEvent>(event);

  py::class_<Action> action(m, "Action",
                            "An action. Its state is the fold of its events, which are "
                            "read-only here: only Register transitions append to them.");
  keyword_init<Action>(action);
  action.def_readwrite("id", &Action::id)
      .def_readwrite("plan", &Action::plan)
      .def_readwrite("title", &Action::title)
      .def_readwrite("description", &Action::description)
      .def_readwrite("proposed_on", &Action::proposed_on)
      .def_readwrite("factors", &Action::factors)
      .def_readwrite("owner", &Action::owner)
      .def_readwrite("due", &Action::due)
      .def_readwrite("intervention", &Action::intervention)
      .def_readwrite("measures", &Action::measures)
      .def_readwrite("monitoring", &Action::monitoring)
      .def_readwrite("evidence_required", &Action::evidence_required)
      .def_property_readonly(
          "events", [](const Action& a) { return py::tuple(py::cast(a.events())); },
          "The history, oldest first, as a tuple (read-only).")
      .def_property_readonly("state", &Action::state)
      .def_property_readonly("strength", &Action::strength)
      .def_property_readonly("verdict", &Action::verdict)
      .def_property_readonly("decision", &Action::decision);
  add_repr(action, "Action", {"id", "plan", "title", "owner", "due", "state"});
  add_eq<Action>(action);

  py::class_<Evidence> evidence(m, "Evidence", "Evidence that an action was carried out.");
  keyword_init<Evidence>(evidence);
  evidence.def_readwrite("id", &Evidence::id)
      .def_readwrite("action", &Evidence::action)
      .def_readwrite("kind", &Evidence::kind)
      .def_readwrite("date", &Evidence::date)
      .def_readwrite("reference", &Evidence::reference)
      .def_readwrite("summary", &Evidence::summary)
      .def_readwrite("shareable", &Evidence::shareable);
  add_repr(evidence, "Evidence", {"id", "action", "kind", "date", "reference"});
  add_eq<Evidence>(evidence);

  py::class_<Check> check(m, "Check", "A monitoring occurrence.");
  keyword_init<Check>(check);
  check.def_readwrite("id", &Check::id)
      .def_readwrite("action", &Check::action)
      .def_readwrite("date", &Check::date)
      .def_readwrite("kind", &Check::kind)
      .def_readwrite("passed", &Check::passed)
      .def_readwrite("score", &Check::score)
      .def_readwrite("denominator", &Check::denominator)
      .def_readwrite("measure", &Check::measure)
      .def_readwrite("value", &Check::value)
      .def_readwrite("unit", &Check::unit)
      .def_readwrite("by", &Check::by)
      .def_readwrite("note", &Check::note)
      .def_readwrite("shareable", &Check::shareable);
  add_repr(check, "Check", {"id", "action", "date", "kind", "passed", "score", "denominator"});
  add_eq<Check>(check);

  py::class_<GovernanceReview> review(m, "GovernanceReview", "A governance meeting.");
  keyword_init<GovernanceReview>(review);
  review.def_readwrite("id", &GovernanceReview::id)
      .def_readwrite("forum", &GovernanceReview::forum)
      .def_readwrite("date", &GovernanceReview::date)
      .def_readwrite("plans", &GovernanceReview::plans)
      .def_readwrite("actions", &GovernanceReview::actions)
      .def_readwrite("decisions", &GovernanceReview::decisions)
      .def_readwrite("shareable", &GovernanceReview::shareable);
  add_repr(review, "GovernanceReview", {"id", "forum", "date", "plans", "actions"});
  add_eq<GovernanceReview>(review);

  py::class_<ShareTarget> target(m, "ShareTarget", "A service a learning share went to.");
  keyword_init<ShareTarget>(target);
  target.def_readwrite("service", &ShareTarget::service)
      .def_readwrite("acknowledged_on", &ShareTarget::acknowledged_on)
      .def_readwrite("adopted", &ShareTarget::adopted)
      .def_readwrite("decided_on", &ShareTarget::decided_on);
  add_repr(target, "ShareTarget", {"service", "acknowledged_on", "adopted", "decided_on"});
  add_eq<ShareTarget>(target);

  py::class_<LearningShare> share(m, "LearningShare", "Learning shared across services.");
  keyword_init<LearningShare>(share);
  share.def_readwrite("id", &LearningShare::id)
      .def_readwrite("plan", &LearningShare::plan)
      .def_readwrite("channel", &LearningShare::channel)
      .def_readwrite("date", &LearningShare::date)
      .def_readwrite("targets", &LearningShare::targets)
      .def_readwrite("summary", &LearningShare::summary);
  add_repr(share, "LearningShare", {"id", "plan", "channel", "date", "targets"});
  add_eq<LearningShare>(share);

  py::class_<StaffBriefing> briefing(
      m, "StaffBriefing",
      "How many of a target service's staff had been briefed on a share (read and signed), of "
      "how many in scope, on a date.");
  keyword_init<StaffBriefing>(briefing);
  briefing.def_readwrite("share", &StaffBriefing::share)
      .def_readwrite("service", &StaffBriefing::service)
      .def_readwrite("date", &StaffBriefing::date)
      .def_readwrite("briefed", &StaffBriefing::briefed)
      .def_readwrite("in_scope", &StaffBriefing::in_scope)
      .def_readwrite("recorded_by", &StaffBriefing::recorded_by)
      .def_readwrite("note", &StaffBriefing::note)
      .def_property_readonly("reach", &StaffBriefing::reach, "briefed / in_scope.");
  add_repr(briefing, "StaffBriefing", {"share", "service", "date", "briefed", "in_scope"});
  add_eq<StaffBriefing>(briefing);

  py::class_<EscalationStep> step(m, "EscalationStep",
                                  "A step relative to the due date (negative = before).");
  keyword_init<EscalationStep>(step);
  step.def_readwrite("kind", &EscalationStep::kind)
      .def_readwrite("offset_days", &EscalationStep::offset_days)
      .def_readwrite("repeat_days", &EscalationStep::repeat_days)
      .def_readwrite("until_offset_days", &EscalationStep::until_offset_days)
      .def_readwrite("recipient", &EscalationStep::recipient);
  add_repr(step, "EscalationStep",
           {"kind", "offset_days", "repeat_days", "until_offset_days", "recipient"});
  add_eq<EscalationStep>(step);

  py::class_<EscalationPath> path(m, "EscalationPath", "Reminders and escalations.");
  keyword_init<EscalationPath>(path);
  path.def_readwrite("id", &EscalationPath::id)
      .def_readwrite("name", &EscalationPath::name)
      .def_readwrite("steps", &EscalationPath::steps);
  add_repr(path, "EscalationPath", {"id", "name", "steps"});
  add_eq<EscalationPath>(path);
}

void bind_register(py::module_& m) {
  using namespace lc;
  py::class_<Register> reg(m, "Register",
                           "A provider's lifecycle register. Refused calls raise a closeloop "
                           "error naming the rule and ids and change nothing.");
  reg.def(py::init<>())
      .def("add_category", &Register::add_category, py::arg("category"))
      .def("add_service", &Register::add_service, py::arg("service"))
      .def("add_incident", &Register::add_incident, py::arg("incident"))
      .def("record_notification", &Register::record_notification, py::arg("id"), py::arg("date"),
           "Records the date a notifiable incident's person was notified (Duty of Candour).")
      .def("record_written_notice", &Register::record_written_notice, py::arg("id"),
           py::arg("date"), "Records the date of the written follow-up of the notification.")
      .def("add_investigation", &Register::add_investigation, py::arg("investigation"))
      .def("conclude_investigation", &Register::conclude_investigation, py::arg("id"),
           py::arg("date"), py::arg("findings"), py::arg("factors"))
      .def("add_escalation_path", &Register::add_escalation_path, py::arg("path"))
      .def("set_default_escalation_path", &Register::set_default_escalation_path, py::arg("id"))
      .def("add_plan", &Register::add_plan, py::arg("plan"))
      .def("approve_plan", &Register::approve_plan, py::arg("id"), py::arg("approver"),
           py::arg("date"))
      .def("refuse_plan", &Register::refuse_plan, py::arg("id"), py::arg("approver"),
           py::arg("date"), py::arg("reason"))
      .def("add_action", &Register::add_action, py::arg("action"))
      .def("update_action", &Register::update_action, py::arg("action"), py::arg("at"),
           py::arg("actor"), py::arg("note") = "")
      .def("agree", &Register::agree, py::arg("id"), py::arg("at"), py::arg("actor"),
           py::arg("note") = "", "proposed -> agreed.")
      .def("start", &Register::start, py::arg("id"), py::arg("at"), py::arg("actor"),
           py::arg("note") = "", "agreed or reopened -> in_progress.")
      .def("implement", &Register::implement, py::arg("id"), py::arg("at"), py::arg("actor"),
           py::arg("note") = "", "in_progress -> implemented (needs evidence).")
      .def("verify", &Register::verify, py::arg("id"), py::arg("at"), py::arg("actor"),
           py::arg("note") = "", "implemented -> verified (needs a passing follow-up check).")
      .def("evaluate", &Register::evaluate, py::arg("id"), py::arg("at"), py::arg("actor"),
           py::arg("verdict"), py::arg("basis") = "", py::arg("checks") = std::vector<CheckId>{},
           py::arg("note") = "", "verified -> evaluated, after the observation window.")
      .def("close", &Register::close, py::arg("id"), py::arg("at"), py::arg("actor"),
           py::arg("decision"), py::arg("review"), py::arg("note") = "",
           "evaluated -> closed, with a decision and a governance review.")
      .def("reopen", &Register::reopen, py::arg("id"), py::arg("at"), py::arg("actor"),
           py::arg("reason"))
      .def("cancel", &Register::cancel, py::arg("id"), py::arg("at"), py::arg("actor"),
           py::arg("reason"))
      .def("apply_event", &Register::apply_event, py::arg("event"),
           "Replays a stored event, re-checking its guards.")
      .def("add_evidence", &Register::add_evidence, py::arg("evidence"))
      .def("add_check", &Register::add_check, py::arg("check"))
      .def("add_review", &Register::add_review, py::arg("review"))
      .def("add_share", &Register::add_share, py::arg("share"))
      .def("acknowledge_share", &Register::acknowledge_share, py::arg("id"), py::arg("service"),
           py::arg("date"))
      .def("record_adoption", &Register::record_adoption, py::arg("id"), py::arg("service"),
           py::arg("adopted"), py::arg("date"))
      .def("record_briefing", &Register::record_briefing, py::arg("briefing"),
           "Appends a staff briefing record to a share target's reach history.")
      // Queries return copies: a Python object never aliases the register.
      .def("categories", [](const Register& r) { return r.categories().all(); })
      .def("service", [](const Register& r, const ServiceId& id) { return r.service(id); },
           py::arg("id"))
      .def("incident", [](const Register& r, const IncidentId& id) { return r.incident(id); },
           py::arg("id"))
      .def("investigation",
           [](const Register& r, const InvestigationId& id) { return r.investigation(id); },
           py::arg("id"))
      .def("plan", [](const Register& r, const PlanId& id) { return r.plan(id); }, py::arg("id"))
      .def("action", [](const Register& r, const ActionId& id) { return r.action(id); },
           py::arg("id"))
      .def("evidence", [](const Register& r, const EvidenceId& id) { return r.evidence(id); },
           py::arg("id"))
      .def("check", [](const Register& r, const CheckId& id) { return r.check(id); },
           py::arg("id"))
      .def("review", [](const Register& r, const ReviewId& id) { return r.review(id); },
           py::arg("id"))
      .def("share", [](const Register& r, const ShareId& id) { return r.share(id); },
           py::arg("id"))
      .def("escalation_path",
           [](const Register& r, const EscalationPathId& id) { return r.escalation_path(id); },
           py::arg("id"))
      .def("services", [](const Register& r) { return values_of(r.services()); })
      .def("incidents", [](const Register& r) { return values_of(r.incidents()); })
      .def("investigations", [](const Register& r) { return values_of(r.investigations()); })
      .def("plans", [](const Register& r) { return values_of(r.plans()); })
      .def("actions", [](const Register& r) { return values_of(r.actions()); })
      .def("evidence_items", [](const Register& r) { return values_of(r.evidence_items()); })
      .def("checks", [](const Register& r) { return values_of(r.checks()); })
      .def("reviews", [](const Register& r) { return values_of(r.reviews()); })
      .def("shares", [](const Register& r) { return values_of(r.shares()); })
      .def(
          "briefings",
          [](const Register& r) {
            std::vector<StaffBriefing> out;
            for (const auto& [target, records] : r.briefings()) {
              out.insert(out.end(), records.begin(), records.end());
            }
            return out;
          },
          "Every staff briefing record, by share and service, each target's in date order.")
      .def("briefings_of",
           [](const Register& r, const ShareId& share, const ServiceId& service) {
             return r.briefings_of(share, service);
           },
           py::arg("share"), py::arg("service"), "One target's briefing records in date order.")
      .def("escalation_paths", [](const Register& r) { return values_of(r.escalation_paths()); })
      .def_property_readonly("default_escalation_path", &Register::default_escalation_path)
      .def("actions_of", [](const Register& r, const PlanId& p) { return copies(r.actions_of(p)); },
           py::arg("plan"))
      .def("actions_in",
           [](const Register& r, ActionState s) { return copies(r.actions_in(s)); },
           py::arg("state"))
      .def("evidence_for",
           [](const Register& r, const ActionId& a) { return copies(r.evidence_for(a)); },
           py::arg("action"))
      .def("checks_for",
           [](const Register& r, const ActionId& a) { return copies(r.checks_for(a)); },
           py::arg("action"))
      .def("incidents_at",
           [](const Register& r, const ServiceId& s) { return copies(r.incidents_at(s)); },
           py::arg("service"))
      .def("investigations_of",
           [](const Register& r, const IncidentId& i) { return copies(r.investigations_of(i)); },
           py::arg("incident"))
      .def("plans_of",
           [](const Register& r, const InvestigationId& i) { return copies(r.plans_of(i)); },
           py::arg("investigation"))
      .def("reviews_of_plan",
           [](const Register& r, const PlanId& p) { return copies(r.reviews_of(p)); },
           py::arg("plan"))
      .def("reviews_of_action",
           [](const Register& r, const ActionId& a) { return copies(r.reviews_of(a)); },
           py::arg("action"))
      .def("shares_of", [](const Register& r, const PlanId& p) { return copies(r.shares_of(p)); },
           py::arg("plan"))
      .def(
          "escalation_path_for",
          [](const Register& r, const PlanId& p) -> std::optional<EscalationPath> {
            const EscalationPath* path = r.escalation_path_for(p);
            if (path == nullptr) return std::nullopt;
            return *path;
          },
          py::arg("plan"))
      .def("plan_is_open", &Register::plan_is_open, py::arg("plan"))
      .def("copy", [](const Register& r) { return r; }, "An independent copy.")
      .def("__repr__", [](const Register& r) {
        return "Register(services=" + std::to_string(r.services().size()) +
               ", incidents=" + std::to_string(r.incidents().size()) +
               ", plans=" + std::to_string(r.plans().size()) +
               ", actions=" + std::to_string(r.actions().size()) + ")";
      });
  add_eq<Register>(reg);
}

}  // namespace

void register_lifecycle(py::module_& module) {
  bind_enums(module);
  bind_holidays(module);
  bind_schedule(module);
  bind_types(module);
  bind_register(module);
  lifecycle_bindings::bind_quality(module);
  lifecycle_bindings::bind_signals(module);
  lifecycle_bindings::bind_effectiveness(module);
}

}  // namespace closeloop::python
