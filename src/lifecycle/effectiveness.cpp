#include "closeloop/lifecycle/effectiveness.hpp"

#include <cmath>
#include <cstdio>
#include <optional>

#include "closeloop/core/error.hpp"
#include "closeloop/lifecycle/register.hpp"
#include "closeloop/lifecycle/signals.hpp"
#include "closeloop/lifecycle/tables.hpp"

namespace closeloop::lifecycle {

namespace {

std::string fixed(double value, int decimals = 2) {
  if (std::isinf(value)) return "infinity";
  if (std::isnan(value)) return "n/a";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string p_text(double p) { return p < 0.001 ? "p < 0.001" : "p = " + fixed(p, 3); }

std::string q(const std::string& text) { return "\"" + text + "\""; }

// The day of the action's last implementation on or before `as_of`.
std::optional<Date> implemented_by(const Action& action, Date as_of) {
  std::optional<Date> implemented;
  for (const ActionEvent& e : action.events()) {
    if (e.at.date() > as_of) break;
    if (e.transition == Transition::implement) implemented = e.at.date();
  }
  return implemented;
}

}  // namespace

std::string Effectiveness::summary() const {
  std::string out = category + " at " + service.str() + " per " + fixed(comparison.per, 0) + " " +
                    denominator + ": ";
  if (comparison.before_exposure > 0 && comparison.after_exposure > 0) {
    out += fixed(comparison.before_rate) + " before (" + std::to_string(comparison.before_count) +
           " events), " + fixed(comparison.after_rate) + " after (" +
           std::to_string(comparison.after_count) + " events), rate ratio " +
           fixed(comparison.rate_ratio) + " (" + fixed(comparison.confidence * 100, 0) +
           "% CI " + fixed(comparison.ci_lower) + " to " + fixed(comparison.ci_upper) + ", " +
           p_text(comparison.p_value) + ")";
  } else {
    out += "no comparison";
  }
  out += "; SPC: ";
  out += spc_improvement ? (spc_concern ? "improvement and concern" : "special-cause improvement")
                         : (spc_concern ? "special-cause concern" : "common cause");
  out += "; " + std::string(to_string(verdict)) + ": " + reason;
  return out;
}

Effectiveness evaluate_effectiveness(const Register& reg, const ActionId& action_id,
                                     const metrics::ExposureTable& exposure, Date as_of,
                                     const EffectivenessOptions& options) {
  return evaluate_effectiveness(reg, incident_table(reg), action_id, exposure, as_of, options);
}

Effectiveness evaluate_effectiveness(const Register& reg, const metrics::IncidentTable& incidents,
                                     const ActionId& action_id,
                                     const metrics::ExposureTable& exposure, Date as_of,
                                     const EffectivenessOptions& options) {
  const Action& action = reg.action(action_id);
  const std::string who = "action " + q(action_id.str());
  std::size_t seen = 0;
  const Measure* measure = nullptr;
  for (const Measure& m : action.measures) {
    if (m.kind != MeasureKind::outcome) continue;
    if (seen++ == options.outcome_index) {
      measure = &m;
      break;
    }
  }
  if (measure == nullptr) {
    throw RuleError("effectiveness.requires_outcome_measure",
                    who + " has no outcome measure number " +
                        std::to_string(options.outcome_index + 1));
  }
  const ActionPlan& plan = reg.plan(action.plan);
  const std::optional<ServiceId> service = measure->service ? measure->service : plan.scope;
  if (!service || measure->category.empty() || measure->denominator.empty()) {
    throw RuleError("effectiveness.measure_incomplete",
                    who + ": the outcome measure needs a category, a service (or a plan scoped "
                          "to one) and an exposure denominator");
  }
  const std::optional<Date> implemented_at = implemented_by(action, as_of);
  if (!implemented_at) {
    throw RuleError("effectiveness.not_implemented",
                    who + " was not implemented by " + to_iso(as_of));
  }
  const Date implemented = *implemented_at;
  if (!(options.per > 0) || !(options.confidence > 0 && options.confidence < 1) ||
      options.min_before_months < 1 || options.min_after_months < 1) {
    throw InputError(who + ": effectiveness options out of range");
  }

  metrics::RateSpec spec;
  spec.category = measure->category;
  spec.scope.services = {service->str()};
  spec.measures = {metrics::parse_measure(measure->denominator)};
  spec.per = options.per;
  metrics::SeriesOptions series_options;
  series_options.last = to_day_number(as_of);
  const metrics::MeasureSeries all = metrics::rate_series(incidents, exposure, spec, series_options);
  const metrics::Split split = metrics::split_series(all, to_day_number(implemented), to_day_number(as_of));

  Effectiveness out;
  out.action = action_id;
  out.service = *service;
  out.category = measure->category;
  out.denominator = measure->denominator;
  out.direction = measure->direction;
  out.implemented_on = implemented;
  out.comparison.per = options.per;
  out.comparison.confidence = options.confidence;
  std::vector<std::size_t> kept = split.before;
  kept.insert(kept.end(), split.after.begin(), split.after.end());
  const metrics::MeasureSeries used = metrics::select_periods(all, kept);
  std::int64_t before_count = 0;
  std::int64_t after_count = 0;
  double before_exposure = 0;
  double after_exposure = 0;
  for (std::size_t i = 0; i < used.size(); ++i) {
    const auto count = static_cast<std::int64_t>(used.numerator[i]);
    out.series.push_back({from_day_number(used.period_start[i]), count, used.denominator[i],
                          used.value[i]});
    if (i < split.before.size()) {
      before_count += count;
      before_exposure += used.denominator[i];
    } else {
      after_count += count;
      after_exposure += used.denominator[i];
    }
  }
  out.first_after = split.before.size();
  const std::size_t n_before = split.before.size();
  const std::size_t n_after = split.after.size();
  out.comparison.before_count = before_count;
  out.comparison.after_count = after_count;
  out.comparison.before_exposure = before_exposure;
  out.comparison.after_exposure = after_exposure;

  if (n_before < static_cast<std::size_t>(options.min_before_months)) {
    out.reason = "only " + std::to_string(n_before) + " month(s) of data before implementation (" +
                 std::to_string(options.min_before_months) + " needed)";
  } else if (n_after < static_cast<std::size_t>(options.min_after_months)) {
    out.reason = "only " + std::to_string(n_after) +
                 " complete month(s) after implementation (" +
                 std::to_string(options.min_after_months) + " needed)";
  } else if (before_count + after_count < options.min_events) {
    out.reason = "only " + std::to_string(before_count + after_count) + " event(s) in all (" +
                 std::to_string(options.min_events) + " needed)";
  }
  if (n_before == 0 || n_after == 0) return out;

  out.comparison = metrics::compare_rates(before_count, before_exposure, after_count,
                                          after_exposure, options.confidence, options.per);
  metrics::ChartOptions chart;
  chart.improvement = measure->direction == Direction::decrease ? metrics::Improvement::decrease
                                                                : metrics::Improvement::increase;
  chart.target = measure->target;
  if (n_before >= 2) {
    chart.baseline = n_before;
    out.baseline_chart = metrics::measure_chart(used, chart);
    for (std::size_t i = n_before; i < used.size(); ++i) {
      const auto type = out.baseline_chart.point_type[i];
      if (type == metrics::PointType::improvement) out.spc_improvement = true;
      if (type == metrics::PointType::concern) out.spc_concern = true;
    }
  }
  chart.baseline = 0;
  out.rebased_chart = metrics::rebased_chart(
      used, metrics::split_before_after(used.period, used.period_start, to_day_number(implemented)),
      chart);
  out.before_centre = out.rebased_chart.centre.front();
  out.after_centre = out.rebased_chart.centre.back();

  if (!out.reason.empty()) return out;  // inconclusive, with the figures so far
  const auto& c = out.comparison;
  const bool decrease = measure->direction == Direction::decrease;
  const bool ci_improves = decrease ? c.ci_upper < 1.0 : c.ci_lower > 1.0;
  const std::string ratio = "rate ratio " + fixed(c.rate_ratio) + " (" +
                            fixed(c.confidence * 100, 0) + "% CI " + fixed(c.ci_lower) + " to " +
                            fixed(c.ci_upper) + ")";
  if (ci_improves) {
    out.verdict = Verdict::effective;
    out.reason = ratio + " lies wholly " + (decrease ? "below" : "above") + " 1";
  } else if (out.spc_improvement && !out.spc_concern) {
    out.verdict = Verdict::effective;
    out.reason = "special-cause improvement against the limits from before implementation; " +
                 ratio;
  } else {
    out.verdict = Verdict::not_effective;
    out.reason = ratio + (out.spc_concern ? " with special-cause concern after implementation"
                                          : " and no special-cause improvement");
  }
  return out;
}

}  // namespace closeloop::lifecycle
