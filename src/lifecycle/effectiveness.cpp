#include "closeloop/lifecycle/effectiveness.hpp"

#include <cmath>
#include <cstdio>
#include <map>

#include "closeloop/core/error.hpp"
#include "closeloop/lifecycle/register.hpp"
#include "closeloop/lifecycle/signals.hpp"

namespace closeloop::lifecycle {

namespace {

Date first_of_month(Date date) { return {date.year(), date.month(), 1}; }

Date last_of_month(Date date) { return date.end_of_month(); }

std::string fixed(double value, int decimals = 2) {
  if (std::isinf(value)) return "infinity";
  if (std::isnan(value)) return "n/a";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
  return buffer;
}

std::string p_text(double p) { return p < 0.001 ? "p < 0.001" : "p = " + fixed(p, 3); }

std::string q(const std::string& text) { return "\"" + text + "\""; }

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
                                     const std::vector<MonthlyExposure>& exposures, Date as_of,
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
  Date implemented;
  bool found = false;
  for (const ActionEvent& e : action.events()) {
    if (e.at.date() > as_of) break;
    if (e.transition == Transition::implement) {
      implemented = e.at.date();
      found = true;
    }
  }
  if (!found) {
    throw RuleError("effectiveness.not_implemented",
                    who + " was not implemented by " + to_iso(as_of));
  }
  if (!(options.per > 0) || !(options.confidence > 0 && options.confidence < 1) ||
      options.min_before_months < 1 || options.min_after_months < 1) {
    throw InputError(who + ": effectiveness options out of range");
  }

  // Exposure per month for this service and measure.
  std::map<Date, double> exposure;
  for (const MonthlyExposure& e : exposures) {
    if (e.service != *service || e.measure != measure->denominator) continue;
    if (!std::isfinite(e.value) || e.value < 0) {
      throw InputError("exposure of " + q(e.service.str()) + " in " + to_iso(e.month) +
                       " is not a non-negative number");
    }
    const Date month = first_of_month(e.month);
    if (exposure.count(month) != 0) {
      throw DuplicateError("exposure " + q(e.measure) + " of " + q(e.service.str()) + " for " +
                           to_iso(month).substr(0, 7) + " is given twice");
    }
    exposure[month] = e.value;
  }
  std::map<Date, std::int64_t> counts;
  for (const Incident* incident : reg.incidents_at(*service)) {
    const Date day = incident->occurred_at.date();
    if (incident->category == measure->category && day <= as_of) ++counts[first_of_month(day)];
  }

  Effectiveness out;
  out.action = action_id;
  out.service = *service;
  out.category = measure->category;
  out.denominator = measure->denominator;
  out.direction = measure->direction;
  out.implemented_on = implemented;
  out.comparison.per = options.per;
  out.comparison.confidence = options.confidence;
  const Date transition = first_of_month(implemented);
  std::int64_t before_count = 0;
  std::int64_t after_count = 0;
  double before_exposure = 0;
  double after_exposure = 0;
  for (const auto& [month, value] : exposure) {
    if (month == transition || !(value > 0)) continue;
    if (month > transition && !(last_of_month(month) < as_of)) continue;  // incomplete month
    const auto it = counts.find(month);
    const std::int64_t count = it == counts.end() ? 0 : it->second;
    out.series.push_back({month, count, value, static_cast<double>(count) / value * options.per});
    if (month < transition) {
      before_count += count;
      before_exposure += value;
      ++out.first_after;
    } else {
      after_count += count;
      after_exposure += value;
    }
  }
  const std::size_t n_before = out.first_after;
  const std::size_t n_after = out.series.size() - n_before;
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
  std::vector<double> count_values;
  std::vector<double> exposure_values;
  for (const MonthPoint& p : out.series) {
    count_values.push_back(static_cast<double>(p.count));
    exposure_values.push_back(p.exposure);
  }
  metrics::ChartOptions chart;
  chart.per = options.per;
  chart.improvement = measure->direction == Direction::decrease ? metrics::Improvement::decrease
                                                                : metrics::Improvement::increase;
  chart.target = measure->target;
  if (n_before >= 2) {
    chart.baseline = n_before;
    out.baseline_chart = metrics::u_chart(count_values, exposure_values, chart);
    for (std::size_t i = n_before; i < out.series.size(); ++i) {
      const auto type = out.baseline_chart.point_type[i];
      if (type == metrics::PointType::improvement) out.spc_improvement = true;
      if (type == metrics::PointType::concern) out.spc_concern = true;
    }
  }
  chart.baseline = 0;
  chart.phases = {n_before};
  out.rebased_chart = metrics::u_chart(count_values, exposure_values, chart);
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
