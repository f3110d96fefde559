// Bindings of the lifecycle area: its enums (str() is the closeloop word),
// the domain types (keyword constructors, readable reprs, ==), the Register
// with its state machine and queries, schedules, signals and action quality.
// Ids are plain str; dates accept datetime.date, ISO strings and
// numpy.datetime64; instants accept datetime.datetime and ISO strings.
#include "closeloop_python.hpp"

#include <string>
#include <vector>

#include <memory>

#include "closeloop/lifecycle/effectiveness.hpp"
#include "closeloop/lifecycle/enums.hpp"
#include "closeloop/lifecycle/holidays.hpp"
#include "closeloop/lifecycle/quality.hpp"
#include "closeloop/lifecycle/register.hpp"
#include "closeloop/lifecycle/schedule.hpp"
#include "closeloop/lifecycle/signals.hpp"
#include "closeloop/lifecycle/types.hpp"
#include "closeloop/metrics/measure_series.hpp"

namespace closeloop::python {

namespace {

namespace lc = closeloop::lifecycle;

// What a field takes, in words: "one of none, low, ..." for an enum (its
// current value says which), else the type in the setter's signature.
std::string expected_of(const py::handle& type, const py::object& object, const std::string& key) {
  const py::object current = object.attr(key.c_str());
  const py::object current_type = py::type::of(current);
  if (py::hasattr(current_type, "__members__")) {
    std::string words;
    for (const auto& member : current_type.attr("__members__").cast<py::dict>()) {
      words += (words.empty() ? "" : ", ") + py::cast<std::string>(member.first);
    }
    return "one of " + words;
  }
  // pybind11's setter doc: "(self: T, arg0: Optional[datetime.date]) -> None".
  const std::string doc = py::str(type.attr(key.c_str()).attr("fset").attr("__doc__"));
  const auto start = doc.find("arg0: ");
  const auto end = doc.find(") -> None", start);
  if (start == std::string::npos || end == std::string::npos) return "another type";
  return doc.substr(start + 6, end - start - 6);
}

// A keyword-only constructor: Service(id="S-1", name="Elm Court", ...).
// Every keyword must name a field; unknown ones raise TypeError, and a value
// of the wrong type raises TypeError naming the field and what it takes.
template <class T, class Class>
void keyword_init(Class& cls) {
  cls.def(py::init([](const py::kwargs& kwargs) {
            py::object object = py::cast(T{});
            const py::handle type = py::type::of(object);
            for (const auto& item : kwargs) {
              const auto key = py::cast<std::string>(item.first);
              if (key.empty() || key[0] == '_' || !py::hasattr(type, key.c_str())) {
                throw py::type_error(py::cast<std::string>(type.attr("__name__")) +
                                     "() got an unexpected keyword argument '" + key + "'");
              }
              try {
                object.attr(item.first) = item.second;
              } catch (const py::error_already_set& error) {
                // A malformed value of the right kind ("2026-02-30") is
                // closeloop's InputError; a value of the wrong kind TypeError.
                if (error.matches(PyExc_ValueError)) {
                  throw InputError(key + ": " + py::cast<std::string>(py::str(error.value())));
                }
                if (!error.matches(PyExc_TypeError)) throw;
                throw py::type_error(key + ": expected " + expected_of(type, object, key) +
                                     ", got " + py::cast<std::string>(py::repr(item.second)));
              }
            }
            return object.cast<T>();
          }),
          "Keyword arguments set the fields of the same names.");
}

// The text of one field in a repr: Python's repr for plain values and
// containers; dates, instants, enums and recurrences as their quoted ISO text
// or word ('2026-01-05', 'in_progress').
std::string value_text(const py::object& value) {
  if (value.is_none() || py::isinstance<py::str>(value) || py::isinstance<py::bool_>(value) ||
      py::isinstance<py::int_>(value) || py::isinstance<py::float_>(value) ||
      py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value)) {
    return py::cast<std::string>(py::repr(value));
  }
  return "'" + py::cast<std::string>(py::str(value)) + "'";
}

// "Name(field=value, ...)" from the object's own attributes.
template <class Class>
void add_repr(Class& cls, const char* name, std::initializer_list<const char*> fields) {
  const std::vector<const char*> list(fields);
  cls.def("__repr__", [name, list](const py::object& self) {
    std::string out = std::string(name) + "(";
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i > 0) out += ", ";
      out += std::string(list[i]) + "=" + value_text(self.attr(list[i]));
    }
    return out + ")";
  });
}

template <class T, class Class>
void add_eq(Class& cls) {
  cls.def("__eq__", [](const T& a, const T& b) { return a == b; }, py::is_operator());
  cls.def("__ne__", [](const T& a, const T& b) { return !(a == b); }, py::is_operator());
  cls.attr("__hash__") = py::none();
  cls.def("__copy__", [](const T& a) { return a; });
  cls.def("__deepcopy__", [](const T& a, const py::dict&) { return a; }, py::arg("memo"));
}

template <class T>
std::vector<T> copies(const std::vector<const T*>& pointers) {
  std::vector<T> out;
  out.reserve(pointers.size());
  for (const T* p : pointers) out.push_back(*p);
  return out;
}

template <class Map>
std::vector<typename Map::mapped_type> values_of(const Map& map) {
  std::vector<typename Map::mapped_type> out;
  out.reserve(map.size());
  for (const auto& item : map) out.push_back(item.second);
  return out;
}

void bind_enums(py::module_& m) {
  using namespace lc;
  bind_word_enum<ContributingFactor>(
      m, "ContributingFactor", "Contributing factors from the taxonomy.",
      {ContributingFactor::documentation, ContributingFactor::procedure,
       ContributingFactor::staff_knowledge, ContributingFactor::training,
       ContributingFactor::assessment, ContributingFactor::environment,
       ContributingFactor::equipment, ContributingFactor::communication,
       ContributingFactor::escalation, ContributingFactor::staffing,
       ContributingFactor::supervision, ContributingFactor::other},
      parse_contributing_factor);
  bind_word_enum<InvestigationMethod>(
      m, "InvestigationMethod", "How a learning response was carried out.",
      {InvestigationMethod::after_action_review, InvestigationMethod::swarm_huddle,
       InvestigationMethod::thematic_review, InvestigationMethod::root_cause_analysis,
       InvestigationMethod::safeguarding_enquiry, InvestigationMethod::other},
      parse_investigation_method);
  bind_word_enum<InterventionType>(
      m, "InterventionType", "The kind of change an action makes (sets its strength).",
      {InterventionType::physical_change, InterventionType::forcing_function,
       InterventionType::simplification, InterventionType::standardised_equipment,
       InterventionType::checklist, InterventionType::redundancy,
       InterventionType::staffing_change, InterventionType::software_enhancement,
       InterventionType::remove_look_alikes, InterventionType::training,
       InterventionType::policy_procedure, InterventionType::warning,
       InterventionType::double_check},
      parse_intervention_type);
  bind_word_enum<ActionStrength>(m, "ActionStrength", "stronger, intermediate or weaker.",
                            {ActionStrength::stronger, ActionStrength::intermediate,
                             ActionStrength::weaker},
                            parse_action_strength);
  bind_word_enum<MeasureKind>(m, "MeasureKind", "outcome, process or balancing.",
                         {MeasureKind::outcome, MeasureKind::process, MeasureKind::balancing},
                         parse_measure_kind);
  bind_word_enum<Direction>(m, "Direction", "Which way an outcome rate should move.",
                       {Direction::decrease, Direction::increase}, parse_direction);
  bind_word_enum<MonitoringKind>(
      m, "MonitoringKind", "How an action is monitored.",
      {MonitoringKind::spot_check, MonitoringKind::audit, MonitoringKind::competency_observation,
       MonitoringKind::supervision, MonitoringKind::governance_meeting,
       MonitoringKind::call_log_review},
      parse_monitoring_kind);
  bind_word_enum<EvidenceKind>(m, "EvidenceKind", "Kinds of evidence of implementation.",
                          {EvidenceKind::audit_result, EvidenceKind::training_record,
                           EvidenceKind::policy_version, EvidenceKind::minutes,
                           EvidenceKind::observation, EvidenceKind::document,
                           EvidenceKind::peoples_experience, EvidenceKind::staff_feedback,
                           EvidenceKind::partner_feedback},
                          parse_evidence_kind);
  bind_word_enum<Forum>(m, "Forum", "Governance forums.",
                   {Forum::clinical_governance, Forum::quality_assurance, Forum::board,
                    Forum::contract_monitoring},
                   parse_forum);
  bind_word_enum<Channel>(m, "Channel", "Channels for sharing learning.",
                     {Channel::governance_forum, Channel::staff_briefing,
                      Channel::leadership_update},
                     parse_channel);
  bind_word_enum<Verdict>(m, "Verdict", "effective, not_effective or inconclusive.",
                     {Verdict::effective, Verdict::not_effective, Verdict::inconclusive},
                     parse_verdict);
  bind_word_enum<Decision>(m, "Decision", "adopt, adapt or abandon.",
                      {Decision::adopt, Decision::adapt, Decision::abandon}, parse_decision);
  bind_word_enum<Approval>(m, "Approval", "pending, approved or refused.",
                      {Approval::pending, Approval::approved, Approval::refused}, parse_approval);
  bind_word_enum<Transition>(m, "Transition", "The verbs of an action's events.",
                        {Transition::agree, Transition::start, Transition::implement,
                         Transition::verify, Transition::evaluate, Transition::close,
                         Transition::reopen, Transition::cancel, Transition::edit},
                        parse_transition);
  bind_word_enum<WorstHarm>(
      m, "WorstHarm", "Worst harm on one scale (psychological one step milder).",
      {WorstHarm::none, WorstHarm::psychological_low, WorstHarm::physical_low,
       WorstHarm::psychological_moderate, WorstHarm::physical_moderate,
       WorstHarm::psychological_severe, WorstHarm::physical_severe, WorstHarm::fatal},
      parse_worst_harm);
  bind_word_enum<Weekday>(m, "Weekday", "ISO weekdays.",
                     {Weekday::monday, Weekday::tuesday, Weekday::wednesday, Weekday::thursday,
                      Weekday::friday, Weekday::saturday, Weekday::sunday},
                     parse_weekday);
  bind_word_enum<RecurrenceKind>(
      m, "RecurrenceKind", "Kinds of monitoring recurrence.",
      {RecurrenceKind::none, RecurrenceKind::weekly, RecurrenceKind::every_n_weeks,
       RecurrenceKind::monthly_day, RecurrenceKind::monthly_last_day, RecurrenceKind::quarterly},
      parse_recurrence_kind);
  bind_word_enum<Severity>(m, "Severity", "error (blocks agree) or warning.",
                      {Severity::error, Severity::warning}, parse_severity);
  bind_word_enum<EscalationKind>(m, "EscalationKind", "remind or escalate.",
                            {EscalationKind::remind, EscalationKind::escalate},
                            parse_escalation_kind);
  bind_word_enum<RecurrenceReason>(m, "RecurrenceReason", "Why an incident counts as a recurrence.",
                              {RecurrenceReason::same_category_and_service,
                               RecurrenceReason::same_contributing_factor},
                              parse_recurrence_reason);
  bind_word_enum<SpreadGap>(m, "SpreadGap", "Why a share target is flagged.",
                       {SpreadGap::not_acknowledged, SpreadGap::adoption_undecided,
                        SpreadGap::reach_below_threshold},
                       parse_spread_gap);
  bind_word_enum<FadeReason>(m, "FadeReason", "Why a closed action is flagged as faded.",
                        {FadeReason::check_failed, FadeReason::check_missed}, parse_fade_reason);

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
  change.def_readonly("added", &lc::HolidayChange::added)
      .def_readonly("removed", &lc::HolidayChange::removed)
      .def_readonly("reason", &lc::HolidayChange::reason);
  add_repr(change, "HolidayChange", {"added", "removed", "reason"});
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

void bind_quality(py::module_& m) {
  using namespace lc;
  py::class_<LintFinding> finding(m, "LintFinding", "One finding of the action linter.");
  finding.def_readonly("severity", &LintFinding::severity)
      .def_readonly("rule", &LintFinding::rule)
      .def_readonly("message", &LintFinding::message)
      .def_readonly("action", &LintFinding::action)
      .def_readonly("measure", &LintFinding::measure);
  add_repr(finding, "LintFinding", {"severity", "rule", "message"});
  add_eq<LintFinding>(finding);

  py::class_<StrengthProfile> profile(m, "StrengthProfile", "A plan's actions by strength.");
  profile.def_readonly("stronger", &StrengthProfile::stronger)
      .def_readonly("intermediate", &StrengthProfile::intermediate)
      .def_readonly("weaker", &StrengthProfile::weaker)
      .def("has_stronger_or_intermediate", &StrengthProfile::has_stronger_or_intermediate);
  add_repr(profile, "StrengthProfile", {"stronger", "intermediate", "weaker"});
  add_eq<StrengthProfile>(profile);

  m.def("lint", &lint, py::arg("action"), py::arg("as_of") = std::nullopt,
        "Lint findings of an action (errors block agree).");
  m.def("lint_errors", &lint_errors, py::arg("action"), py::arg("as_of") = std::nullopt);
  m.def("lint_plan", &lint_plan, py::arg("register"), py::arg("plan"));
  m.def("strength_profile", &strength_profile, py::arg("register"), py::arg("plan"));
  m.def("is_group_owner", &is_group_owner, py::arg("owner"));
  m.def("vague_phrase_without_target", &vague_phrase_without_target, py::arg("text"));
  m.def("vague_phrases", &vague_phrases);
}

void bind_signals(py::module_& m) {
  using namespace lc;
  py::class_<SignalOptions> options(m, "SignalOptions", "Thresholds of the signals.");
  keyword_init<SignalOptions>(options);
  options.def_readwrite("stale_days", &SignalOptions::stale_days)
      .def_readwrite("share_acknowledge_days", &SignalOptions::share_acknowledge_days)
      .def_readwrite("share_adoption_days", &SignalOptions::share_adoption_days)
      .def_readwrite("share_reach_days", &SignalOptions::share_reach_days);
  add_repr(options, "SignalOptions",
           {"stale_days", "share_acknowledge_days", "share_adoption_days", "share_reach_days"});
  add_eq<SignalOptions>(options);

  py::class_<OverdueAction> overdue(m, "OverdueAction", "An action past its due date.");
  overdue.def_readonly("action", &OverdueAction::action)
      .def_readonly("plan", &OverdueAction::plan)
      .def_readonly("owner", &OverdueAction::owner)
      .def_readonly("due", &OverdueAction::due)
      .def_readonly("days_overdue", &OverdueAction::days_overdue)
      .def_readonly("state", &OverdueAction::state);
  add_repr(overdue, "OverdueAction", {"action", "owner", "due", "days_overdue", "state"});
  add_eq<OverdueAction>(overdue);

  py::class_<StaleAction> stale(m, "StaleAction", "An open action with no recent activity.");
  stale.def_readonly("action", &StaleAction::action)
      .def_readonly("plan", &StaleAction::plan)
      .def_readonly("last_activity", &StaleAction::last_activity)
      .def_readonly("days_inactive", &StaleAction::days_inactive)
      .def_readonly("state", &StaleAction::state);
  add_repr(stale, "StaleAction", {"action", "last_activity", "days_inactive", "state"});
  add_eq<StaleAction>(stale);

  py::class_<UnreviewedPlan> unreviewed(m, "UnreviewedPlan", "A plan overdue for review.");
  unreviewed.def_readonly("plan", &UnreviewedPlan::plan)
      .def_readonly("last_review", &UnreviewedPlan::last_review)
      .def_readonly("review_due", &UnreviewedPlan::review_due)
      .def_readonly("days_overdue", &UnreviewedPlan::days_overdue);
  add_repr(unreviewed, "UnreviewedPlan", {"plan", "last_review", "review_due", "days_overdue"});
  add_eq<UnreviewedPlan>(unreviewed);

  py::class_<MissedMonitoring> missed(m, "MissedMonitoring", "A monitoring occurrence missed.");
  missed.def_readonly("action", &MissedMonitoring::action)
      .def_readonly("kind", &MissedMonitoring::kind)
      .def_readonly("scheduled", &MissedMonitoring::scheduled)
      .def_readonly("tolerance_days", &MissedMonitoring::tolerance_days);
  add_repr(missed, "MissedMonitoring", {"action", "kind", "scheduled", "tolerance_days"});
  add_eq<MissedMonitoring>(missed);

  py::class_<RecurrenceSignal> recurrence(m, "RecurrenceSignal",
                                          "An incident after implementation.");
  recurrence.def_readonly("plan", &RecurrenceSignal::plan)
      .def_readonly("actions", &RecurrenceSignal::actions)
      .def_readonly("incident", &RecurrenceSignal::incident)
      .def_readonly("service", &RecurrenceSignal::service)
      .def_readonly("category", &RecurrenceSignal::category)
      .def_readonly("implemented_on", &RecurrenceSignal::implemented_on)
      .def_readonly("occurred_on", &RecurrenceSignal::occurred_on)
      .def_readonly("reason", &RecurrenceSignal::reason)
      .def_readonly("factor", &RecurrenceSignal::factor);
  add_repr(recurrence, "RecurrenceSignal",
           {"actions", "incident", "occurred_on", "reason", "factor"});
  add_eq<RecurrenceSignal>(recurrence);

  py::class_<Reach> reach(m, "Reach", "A target's reach: its latest briefing record on or before a date.");
  reach.def_readonly("date", &Reach::date)
      .def_readonly("briefed", &Reach::briefed)
      .def_readonly("in_scope", &Reach::in_scope)
      .def_property_readonly("fraction", &Reach::fraction, "briefed / in_scope.");
  add_repr(reach, "Reach", {"date", "briefed", "in_scope"});
  add_eq<Reach>(reach);

  py::class_<TargetReach> target_reach(m, "TargetReach", "A share target and its reach as of a date.");
  target_reach.def_readonly("service", &TargetReach::service)
      .def_readonly("reach", &TargetReach::reach)
      .def_readonly("threshold", &TargetReach::threshold)
      .def_readonly("meets_threshold", &TargetReach::meets_threshold);
  add_repr(target_reach, "TargetReach", {"service", "reach", "threshold", "meets_threshold"});
  add_eq<TargetReach>(target_reach);

  py::class_<SpreadSignal> spread(
      m, "SpreadSignal",
      "A share target that has not acknowledged, not decided, or not briefed enough staff.");
  spread.def_readonly("share", &SpreadSignal::share)
      .def_readonly("plan", &SpreadSignal::plan)
      .def_readonly("service", &SpreadSignal::service)
      .def_readonly("gap", &SpreadSignal::gap)
      .def_readonly("due", &SpreadSignal::due)
      .def_readonly("reach", &SpreadSignal::reach)
      .def_readonly("threshold", &SpreadSignal::threshold);
  add_repr(spread, "SpreadSignal", {"share", "service", "gap", "due", "reach"});
  add_eq<SpreadSignal>(spread);

  py::class_<FadeSignal> fade(m, "FadeSignal", "A closed action whose improvement faded.");
  fade.def_readonly("action", &FadeSignal::action)
      .def_readonly("closed_on", &FadeSignal::closed_on)
      .def_readonly("check_due", &FadeSignal::check_due)
      .def_readonly("reason", &FadeSignal::reason)
      .def_readonly("check", &FadeSignal::check);
  add_repr(fade, "FadeSignal", {"action", "closed_on", "check_due", "reason", "check"});
  add_eq<FadeSignal>(fade);

  py::class_<CandourOverdue> candour(m, "CandourOverdue",
                                     "A notifiable incident whose notification is overdue.");
  candour.def_readonly("incident", &CandourOverdue::incident)
      .def_readonly("service", &CandourOverdue::service)
      .def_readonly("due", &CandourOverdue::due)
      .def_readonly("days_overdue", &CandourOverdue::days_overdue);
  add_repr(candour, "CandourOverdue", {"incident", "service", "due", "days_overdue"});
  add_eq<CandourOverdue>(candour);

  py::class_<EscalationDue> escalation(m, "EscalationDue", "A reminder or escalation due today.");
  escalation.def_readonly("action", &EscalationDue::action)
      .def_readonly("plan", &EscalationDue::plan)
      .def_readonly("path", &EscalationDue::path)
      .def_readonly("step", &EscalationDue::step)
      .def_readonly("kind", &EscalationDue::kind)
      .def_readonly("recipient", &EscalationDue::recipient)
      .def_readonly("owner", &EscalationDue::owner)
      .def_readonly("due", &EscalationDue::due)
      .def_readonly("days_from_due", &EscalationDue::days_from_due);
  add_repr(escalation, "EscalationDue",
           {"action", "kind", "recipient", "owner", "due", "days_from_due"});
  add_eq<EscalationDue>(escalation);

  py::class_<SustainmentCheck> sustainment(m, "SustainmentCheck",
                                           "A sustainment check of a closed action.");
  sustainment.def_readonly("months", &SustainmentCheck::months)
      .def_readonly("due", &SustainmentCheck::due)
      .def_readonly("check", &SustainmentCheck::check)
      .def_readonly("passed", &SustainmentCheck::passed)
      .def_readonly("missed", &SustainmentCheck::missed);
  add_repr(sustainment, "SustainmentCheck", {"months", "due", "check", "passed", "missed"});
  add_eq<SustainmentCheck>(sustainment);

  py::class_<Signals> all(m, "Signals", "Every signal as of a date.");
  all.def_readonly("as_of", &Signals::as_of)
      .def_readonly("overdue", &Signals::overdue)
      .def_readonly("stale", &Signals::stale)
      .def_readonly("unreviewed", &Signals::unreviewed)
      .def_readonly("missed_monitoring", &Signals::missed_monitoring)
      .def_readonly("recurrence", &Signals::recurrence)
      .def_readonly("not_spread", &Signals::not_spread)
      .def_readonly("faded", &Signals::faded)
      .def_readonly("escalations", &Signals::escalations)
      .def_readonly("candour_overdue", &Signals::candour_overdue)
      .def("empty", &Signals::empty)
      .def("__repr__", [](const Signals& s) {
        return "Signals(as_of='" + to_iso(s.as_of) + "', overdue=" +
               std::to_string(s.overdue.size()) + ", stale=" + std::to_string(s.stale.size()) +
               ", unreviewed=" + std::to_string(s.unreviewed.size()) +
               ", missed_monitoring=" + std::to_string(s.missed_monitoring.size()) +
               ", recurrence=" + std::to_string(s.recurrence.size()) +
               ", not_spread=" + std::to_string(s.not_spread.size()) +
               ", faded=" + std::to_string(s.faded.size()) +
               ", escalations=" + std::to_string(s.escalations.size()) +
               ", candour_overdue=" + std::to_string(s.candour_overdue.size()) + ")";
      });
  add_eq<Signals>(all);

  m.def("state_as_of", &state_as_of, py::arg("action"), py::arg("as_of"));
  m.def("overdue_actions", &overdue_actions, py::arg("register"), py::arg("as_of"));
  m.def("stale_actions", &stale_actions, py::arg("register"), py::arg("as_of"),
        py::arg("days") = 30);
  m.def("unreviewed_plans", &unreviewed_plans, py::arg("register"), py::arg("as_of"));
  m.def("monitoring_schedule", &monitoring_schedule, py::arg("register"), py::arg("action"),
        py::arg("monitoring_index"), py::arg("as_of"));
  m.def("missed_monitoring", &missed_monitoring, py::arg("register"), py::arg("as_of"));
  m.def("recurrences", &recurrences, py::arg("register"), py::arg("as_of"));
  m.def("learning_not_spread", &learning_not_spread, py::arg("register"), py::arg("as_of"),
        py::arg("acknowledge_days") = 14, py::arg("adoption_days") = 28,
        py::arg("reach_days") = 28);
  m.def("reach_as_of", &reach_as_of, py::arg("register"), py::arg("share"), py::arg("service"),
        py::arg("as_of"), "A target's latest briefing record on or before as_of, or None.");
  m.def("share_reach", &share_reach, py::arg("register"), py::arg("share"), py::arg("as_of"),
        "Each target of a share with its reach as of a date.");
  m.def("sustainment_checks", &sustainment_checks, py::arg("register"), py::arg("action"),
        py::arg("as_of"));
  m.def("faded_after_closure", &faded_after_closure, py::arg("register"), py::arg("as_of"));
  m.def("escalations_due", &escalations_due, py::arg("register"), py::arg("as_of"));
  m.def("candour_overdue", &candour_overdue, py::arg("register"), py::arg("as_of"));
  m.def("signals", &signals, py::arg("register"), py::arg("as_of"),
        py::arg("options") = SignalOptions{});
}

void bind_effectiveness(py::module_& m) {
  using namespace lc;
  py::class_<EffectivenessOptions> options(m, "EffectivenessOptions",
                                           "Thresholds of the effectiveness rule.");
  keyword_init<EffectivenessOptions>(options);
  options.def_readwrite("min_before_months", &EffectivenessOptions::min_before_months)
      .def_readwrite("min_after_months", &EffectivenessOptions::min_after_months)
      .def_readwrite("min_events", &EffectivenessOptions::min_events)
      .def_readwrite("confidence", &EffectivenessOptions::confidence)
      .def_readwrite("per", &EffectivenessOptions::per)
      .def_readwrite("outcome_index", &EffectivenessOptions::outcome_index)
      .def_readwrite("measure_index", &EffectivenessOptions::measure_index)
      .def_property(
          "period",
          [](const EffectivenessOptions& self) {
            return std::string(metrics::to_string(self.period));
          },
          [](EffectivenessOptions& self, const std::string& word) {
            self.period = metrics::parse_period_kind(word);
          },
          "The period of proportion and duration series: month, week or quarter.");
  add_repr(options, "EffectivenessOptions",
           {"min_before_months", "min_after_months", "min_events", "confidence", "per"});
  add_eq<EffectivenessOptions>(options);

  py::class_<MonthPoint> point(m, "MonthPoint", "One month of an outcome series.");
  point.def_readonly("month", &MonthPoint::month)
      .def_readonly("count", &MonthPoint::count)
      .def_readonly("exposure", &MonthPoint::exposure)
      .def_readonly("rate", &MonthPoint::rate);
  add_repr(point, "MonthPoint", {"month", "count", "exposure", "rate"});
  add_eq<MonthPoint>(point);

  py::class_<BalancingResult> balancing(m, "BalancingResult",
                                        "Whether a balancing measure moved the wrong way.");
  balancing.def_readonly("measure_index", &BalancingResult::measure_index)
      .def_readonly("what", &BalancingResult::what)
      .def_readonly("verdict", &BalancingResult::verdict)
      .def_readonly("moved_wrong_way", &BalancingResult::moved_wrong_way)
      .def_readonly("reason", &BalancingResult::reason);
  add_repr(balancing, "BalancingResult", {"what", "verdict", "moved_wrong_way"});

  py::class_<Effectiveness> result(m, "Effectiveness",
                                   "The verdict on an action's outcome measure, with its figures.");
  result.def_readonly("action", &Effectiveness::action)
      .def_readonly("service", &Effectiveness::service)
      .def_readonly("category", &Effectiveness::category)
      .def_readonly("denominator", &Effectiveness::denominator)
      .def_readonly("direction", &Effectiveness::direction)
      .def_readonly("implemented_on", &Effectiveness::implemented_on)
      .def_readonly("series", &Effectiveness::series)
      .def_readonly("first_after", &Effectiveness::first_after)
      .def_readonly("measure_index", &Effectiveness::measure_index)
      .def_readonly("measure_id", &Effectiveness::measure_id)
      .def_readonly("role", &Effectiveness::role)
      .def_property_readonly(
          "value_kind",
          [](const Effectiveness& e) { return std::string(metrics::to_string(e.value_kind)); })
      .def_readonly("measured", &Effectiveness::measured,
                    "The MeasureSeries of the before and after periods used.")
      .def_readonly("proportion", &Effectiveness::proportion)
      .def_readonly("duration", &Effectiveness::duration)
      .def_readonly("balancing", &Effectiveness::balancing)
      .def_property_readonly(
          "comparison", [](const Effectiveness& e) { return e.comparison; },
          "The before/after RateComparison.")
      // Charts are shared objects in closeloop.spc; hand out copies.
      .def_property_readonly("baseline_chart",
                             [](const Effectiveness& e) {
                               return std::make_shared<metrics::Chart>(e.baseline_chart);
                             })
      .def_property_readonly("rebased_chart",
                             [](const Effectiveness& e) {
                               return std::make_shared<metrics::Chart>(e.rebased_chart);
                             })
      .def_readonly("before_centre", &Effectiveness::before_centre)
      .def_readonly("after_centre", &Effectiveness::after_centre)
      .def_readonly("spc_improvement", &Effectiveness::spc_improvement)
      .def_readonly("spc_concern", &Effectiveness::spc_concern)
      .def_readonly("verdict", &Effectiveness::verdict)
      .def_readonly("reason", &Effectiveness::reason)
      .def("summary", &Effectiveness::summary, "The basis to record with Register.evaluate.");
  add_repr(result, "Effectiveness", {"action", "service", "category", "verdict", "reason"});

  m.def(
      "_evaluate_effectiveness",
      [](const Register& reg, const ActionId& action, const metrics::ExposureTable& exposure,
         Date as_of, const EffectivenessOptions& options) {
        return evaluate_effectiveness(reg, action, exposure, as_of, options);
      },
      py::arg("register"), py::arg("action"), py::arg("exposure"), py::arg("as_of"),
        py::arg("options") = EffectivenessOptions{},
        "Evaluates an action's outcome measure around its implementation date.");
}

}  // namespace

void register_lifecycle(py::module_& module) {
  bind_enums(module);
  bind_holidays(module);
  bind_schedule(module);
  bind_types(module);
  bind_register(module);
  bind_quality(module);
  bind_signals(module);
  bind_effectiveness(module);
}

}  // namespace closeloop::python
