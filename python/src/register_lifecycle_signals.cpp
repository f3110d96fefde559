// Bindings of the lifecycle area's judgements of a register: action
// quality (the linter, strength profiles), the signals and effectiveness.
// register_lifecycle.cpp binds the types they take first, then calls these.
#include "closeloop_python.hpp"
#include "lifecycle_bindings.hpp"

#include <memory>
#include <string>
#include <vector>

#include "closeloop/lifecycle/effectiveness.hpp"
#include "closeloop/lifecycle/quality.hpp"
#include "closeloop/lifecycle/register.hpp"
#include "closeloop/lifecycle/signals.hpp"
#include "closeloop/lifecycle/types.hpp"
#include "closeloop/metrics/measure_series.hpp"

namespace closeloop::python::lifecycle_bindings {

namespace lc = closeloop::lifecycle;

void bind_quality(py::module_& m) {
  using namespace lc;
  py::class_<LintFinding> finding(m, "LintFinding", "One finding of the action linter.");
  bind_fields(finding, "LintFinding", field("severity", &LintFinding::severity),
              field("rule", &LintFinding::rule), field("message", &LintFinding::message),
              unlisted("action", &LintFinding::action), unlisted("measure", &LintFinding::measure));
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
  bind_fields(overdue, "OverdueAction", field("action", &OverdueAction::action),
              unlisted("plan", &OverdueAction::plan), field("owner", &OverdueAction::owner),
              field("due", &OverdueAction::due),
              field("days_overdue", &OverdueAction::days_overdue),
              field("state", &OverdueAction::state));
  add_eq<OverdueAction>(overdue);

  py::class_<StaleAction> stale(m, "StaleAction", "An open action with no recent activity.");
  bind_fields(stale, "StaleAction", field("action", &StaleAction::action),
              unlisted("plan", &StaleAction::plan),
              field("last_activity", &StaleAction::last_activity),
              field("days_inactive", &StaleAction::days_inactive),
              field("state", &StaleAction::state));
  add_eq<StaleAction>(stale);

  py::class_<UnreviewedPlan> unreviewed(m, "UnreviewedPlan", "A plan overdue for review.");
  bind_fields(unreviewed, "UnreviewedPlan", field("plan", &UnreviewedPlan::plan),
              field("last_review", &UnreviewedPlan::last_review),
              field("review_due", &UnreviewedPlan::review_due),
              field("days_overdue", &UnreviewedPlan::days_overdue));
  add_eq<UnreviewedPlan>(unreviewed);

  py::class_<MissedMonitoring> missed(m, "MissedMonitoring", "A monitoring occurrence missed.");
  bind_fields(missed, "MissedMonitoring", field("action", &MissedMonitoring::action),
              field("kind", &MissedMonitoring::kind),
              field("scheduled", &MissedMonitoring::scheduled),
              field("tolerance_days", &MissedMonitoring::tolerance_days));
  add_eq<MissedMonitoring>(missed);

  py::class_<RecurrenceSignal> recurrence(m, "RecurrenceSignal",
                                          "An incident after implementation.");
  bind_fields(recurrence, "RecurrenceSignal", unlisted("plan", &RecurrenceSignal::plan),
              field("actions", &RecurrenceSignal::actions),
              field("incident", &RecurrenceSignal::incident),
              unlisted("service", &RecurrenceSignal::service),
              unlisted("category", &RecurrenceSignal::category),
              unlisted("implemented_on", &RecurrenceSignal::implemented_on),
              field("occurred_on", &RecurrenceSignal::occurred_on),
              field("reason", &RecurrenceSignal::reason),
              field("factor", &RecurrenceSignal::factor));
  add_eq<RecurrenceSignal>(recurrence);

  py::class_<Reach> reach(m, "Reach", "A target's reach: its latest briefing record on or before a date.");
  reach.def_readonly("date", &Reach::date)
      .def_readonly("briefed", &Reach::briefed)
      .def_readonly("in_scope", &Reach::in_scope)
      .def_property_readonly("fraction", &Reach::fraction, "briefed / in_scope.");
  add_repr(reach, "Reach", {"date", "briefed", "in_scope"});
  add_eq<Reach>(reach);

  py::class_<TargetReach> target_reach(m, "TargetReach", "A share target and its reach as of a date.");
  bind_fields(target_reach, "TargetReach", field("service", &TargetReach::service),
              field("reach", &TargetReach::reach), field("threshold", &TargetReach::threshold),
              field("meets_threshold", &TargetReach::meets_threshold));
  add_eq<TargetReach>(target_reach);

  py::class_<SpreadSignal> spread(
      m, "SpreadSignal",
      "A share target that has not acknowledged, not decided, or not briefed enough staff.");
  bind_fields(spread, "SpreadSignal", field("share", &SpreadSignal::share),
              unlisted("plan", &SpreadSignal::plan), field("service", &SpreadSignal::service),
              field("gap", &SpreadSignal::gap), field("due", &SpreadSignal::due),
              field("reach", &SpreadSignal::reach),
              unlisted("threshold", &SpreadSignal::threshold));
  add_eq<SpreadSignal>(spread);

  py::class_<FadeSignal> fade(m, "FadeSignal", "A closed action whose improvement faded.");
  bind_fields(fade, "FadeSignal", field("action", &FadeSignal::action),
              field("closed_on", &FadeSignal::closed_on),
              field("check_due", &FadeSignal::check_due), field("reason", &FadeSignal::reason),
              field("check", &FadeSignal::check));
  add_eq<FadeSignal>(fade);

  py::class_<CandourOverdue> candour(m, "CandourOverdue",
                                     "A notifiable incident whose notification is overdue.");
  bind_fields(candour, "CandourOverdue", field("incident", &CandourOverdue::incident),
              field("service", &CandourOverdue::service), field("due", &CandourOverdue::due),
              field("days_overdue", &CandourOverdue::days_overdue));
  add_eq<CandourOverdue>(candour);

  py::class_<EscalationDue> escalation(m, "EscalationDue", "A reminder or escalation due today.");
  bind_fields(escalation, "EscalationDue", field("action", &EscalationDue::action),
              unlisted("plan", &EscalationDue::plan), unlisted("path", &EscalationDue::path),
              unlisted("step", &EscalationDue::step), field("kind", &EscalationDue::kind),
              field("recipient", &EscalationDue::recipient), field("owner", &EscalationDue::owner),
              field("due", &EscalationDue::due),
              field("days_from_due", &EscalationDue::days_from_due));
  add_eq<EscalationDue>(escalation);

  py::class_<SustainmentCheck> sustainment(m, "SustainmentCheck",
                                           "A sustainment check of a closed action.");
  bind_fields(sustainment, "SustainmentCheck", field("months", &SustainmentCheck::months),
              field("due", &SustainmentCheck::due), field("check", &SustainmentCheck::check),
              field("passed", &SustainmentCheck::passed),
              field("missed", &SustainmentCheck::missed));
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
  bind_fields(point, "MonthPoint", field("month", &MonthPoint::month),
              field("count", &MonthPoint::count), field("exposure", &MonthPoint::exposure),
              field("rate", &MonthPoint::rate));
  add_eq<MonthPoint>(point);

  py::class_<BalancingResult> balancing(m, "BalancingResult",
                                        "Whether a balancing measure moved the wrong way.");
  bind_fields(balancing, "BalancingResult",
              unlisted("measure_index", &BalancingResult::measure_index),
              field("what", &BalancingResult::what), field("verdict", &BalancingResult::verdict),
              field("moved_wrong_way", &BalancingResult::moved_wrong_way),
              unlisted("reason", &BalancingResult::reason));

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

}  // namespace closeloop::python::lifecycle_bindings
