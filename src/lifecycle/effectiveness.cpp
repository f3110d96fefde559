#include "closeloop/lifecycle/effectiveness.hpp"

#include <cmath>
#include <cstdio>
#include <optional>

#include "closeloop/core/error.hpp"
#include "closeloop/lifecycle/register.hpp"
#include "closeloop/lifecycle/signals.hpp"
#include "closeloop/lifecycle/tables.hpp"
#include "measured.hpp"

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

// The rate or count part of Effectiveness::summary().
std::string rate_text(const Effectiveness& e) {
  const metrics::RateComparison& c = e.comparison;
  std::string out = e.category + " at " + e.service.str() + " per " +
                    (e.value_kind == metrics::SeriesKind::count
                         ? std::string("month")
                         : fixed(c.per, 0) + " " + e.denominator) +
                    ": ";
  if (c.before_exposure > 0 && c.after_exposure > 0) {
    out += fixed(c.before_rate) + " before (" + std::to_string(c.before_count) + " events), " +
           fixed(c.after_rate) + " after (" + std::to_string(c.after_count) +
           " events), rate ratio " + fixed(c.rate_ratio) + " (" + fixed(c.confidence * 100, 0) +
           "% CI " + fixed(c.ci_lower) + " to " + fixed(c.ci_upper) + ", " + p_text(c.p_value) +
           ")";
  } else {
    out += "no comparison";
  }
  return out;
}

}  // namespace

std::string Effectiveness::summary() const {
  std::string out;
  if (value_kind == metrics::SeriesKind::proportion) {
    const auto& p = proportion;
    out = measure_id + ": ";
    out += p.before_trials > 0 && p.after_trials > 0
               ? std::to_string(p.before_successes) + " of " + std::to_string(p.before_trials) +
                     " before (" + fixed(p.before_proportion * 100, 1) + "%), " +
                     std::to_string(p.after_successes) + " of " + std::to_string(p.after_trials) +
                     " after (" + fixed(p.after_proportion * 100, 1) + "%), difference " +
                     fixed(p.difference * 100, 1) + " points (" + fixed(p.confidence * 100, 0) +
                     "% CI " + fixed(p.ci_lower * 100, 1) + " to " + fixed(p.ci_upper * 100, 1) +
                     ")"
               : std::string("no comparison");
  } else if (value_kind == metrics::SeriesKind::duration) {
    const auto& d = duration;
    out = measure_id + ": ";
    out += d.before_n > 0 && d.after_n > 0
               ? "median " + fixed(d.before_median) + " before (" + std::to_string(d.before_n) +
                     " items), " + fixed(d.after_median) + " after (" + std::to_string(d.after_n) +
                     " items), shift " + fixed(d.shift) + " (" + fixed(d.confidence * 100, 0) +
                     "% CI " + fixed(d.ci_lower) + " to " + fixed(d.ci_upper) + ", Mann-Whitney " +
                     p_text(d.p_value) + ")"
               : std::string("no comparison");
  }
  if (out.empty()) out = rate_text(*this);
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

namespace {

// The measure the options pick: measure_index, else the outcome_index-th outcome measure.
std::size_t pick_measure(const Action& action, const EffectivenessOptions& options,
                         const std::string& who) {
  if (options.measure_index) {
    if (*options.measure_index >= action.measures.size()) {
      throw RuleError("effectiveness.no_such_measure",
                      who + " has no measure number " + std::to_string(*options.measure_index + 1));
    }
    return *options.measure_index;
  }
  std::size_t seen = 0;
  for (std::size_t i = 0; i < action.measures.size(); ++i) {
    if (action.measures[i].kind != MeasureKind::outcome) continue;
    if (seen++ == options.outcome_index) return i;
  }
  throw RuleError("effectiveness.requires_outcome_measure",
                  who + " has no outcome measure number " + std::to_string(options.outcome_index + 1));
}

// The checks of the action that record `measure`, dated no later than as_of.
std::vector<const Check*> measured_checks(const Register& reg, const Action& action,
                                          const Measure& measure, Date as_of) {
  std::vector<const Check*> out;
  if (measure.id.empty()) return out;
  for (const Check* c : reg.checks_for(action.id)) {
    if (c->measure == measure.id && c->date <= as_of) out.push_back(c);
  }
  return out;
}

std::string interval_text(double lower, double upper, double confidence, int decimals = 2) {
  return "(" + fixed(confidence * 100, 0) + "% CI " + fixed(lower, decimals) + " to " +
         fixed(upper, decimals) + ")";
}

}  // namespace

Effectiveness evaluate_effectiveness(const Register& reg, const metrics::IncidentTable& incidents,
                                     const ActionId& action_id,
                                     const metrics::ExposureTable& exposure, Date as_of,
                                     const EffectivenessOptions& options) {
  const Action& action = reg.action(action_id);
  const std::string who = "action " + q(action_id.str());
  const std::size_t index = pick_measure(action, options, who);
  const Measure* measure = &action.measures[index];
  const auto kind = measure->value_kind();
  const ActionPlan& plan = reg.plan(action.plan);
  const std::optional<ServiceId> service = measure->service ? measure->service : plan.scope;
  if (!kind) {
    throw RuleError("effectiveness.measure_incomplete",
                    who + ": the outcome measure needs a category, a service (or a plan scoped "
                          "to one) and an exposure denominator");
  }
  const bool from_incidents = *kind == metrics::SeriesKind::rate || *kind == metrics::SeriesKind::count;
  if (from_incidents && (!service || measure->category.empty() ||
                         (*kind == metrics::SeriesKind::rate && measure->denominator.empty()))) {
    throw RuleError("effectiveness.measure_incomplete",
                    who + ": the outcome measure needs a category, a service (or a plan scoped "
                          "to one) and an exposure denominator");
  }
  if (!from_incidents && measure->id.empty()) {
    throw RuleError("effectiveness.measure_incomplete",
                    who + ": the " + std::string(metrics::to_string(*kind)) + " measure " +
                        q(measure->what) + " needs an id for checks to record its values");
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

  // The measure series of the whole range up to as_of.
  metrics::SeriesOptions series_options;
  series_options.last = to_day_number(as_of);
  metrics::MeasureSeries all;
  if (*kind == metrics::SeriesKind::rate) {
    metrics::RateSpec spec;
    spec.category = measure->category;
    spec.scope.services = {service->str()};
    spec.measures = {metrics::parse_measure(measure->denominator)};
    spec.per = options.per;
    all = metrics::rate_series(incidents, exposure, spec, series_options);
  } else if (*kind == metrics::SeriesKind::count) {
    all = metrics::count_series(incidents, measure->category, metrics::Scope{{service->str()}},
                                series_options);
  } else {
    series_options.period = options.period;
    std::vector<DayNumber> days;
    std::vector<double> numerators;
    std::vector<double> denominators;
    for (const Check* c : measured_checks(reg, action, *measure, as_of)) {
      days.push_back(to_day_number(c->date));
      if (*kind == metrics::SeriesKind::proportion) {
        numerators.push_back(*c->score);
        denominators.push_back(*c->denominator);
      } else {
        numerators.push_back(*c->value);
      }
    }
    all = *kind == metrics::SeriesKind::proportion
              ? metrics::proportion_series(measure->id, days, numerators, denominators,
                                           series_options)
              : metrics::duration_series(measure->id, measure->unit, days, numerators,
                                         series_options);
  }
  const metrics::Split split =
      metrics::split_series(all, to_day_number(implemented), to_day_number(as_of));

  Effectiveness out;
  out.action = action_id;
  out.measure_index = index;
  out.measure_id = measure->id;
  out.role = measure->kind;
  out.value_kind = *kind;
  out.service = service.value_or(ServiceId());
  out.category = measure->category;
  out.denominator = measure->denominator;
  out.direction = measure->direction;
  out.implemented_on = implemented;
  out.comparison.per = options.per;
  out.comparison.confidence = options.confidence;
  std::vector<std::size_t> kept = split.before;
  kept.insert(kept.end(), split.after.begin(), split.after.end());
  out.measured = metrics::select_periods(all, kept);
  const metrics::MeasureSeries& used = out.measured;
  const std::size_t n_before = split.before.size();
  const std::size_t n_after = split.after.size();
  out.first_after = n_before;
  double sums[2][2] = {{0, 0}, {0, 0}};  // [side][numerator, denominator]
  std::vector<double> items[2];
  for (std::size_t i = 0; i < used.size(); ++i) {
    const int side = i < n_before ? 0 : 1;
    sums[side][0] += used.numerator[i];
    sums[side][1] += used.denominator[i];
    if (from_incidents) {
      out.series.push_back({from_day_number(used.period_start[i]),
                            static_cast<std::int64_t>(used.numerator[i]), used.denominator[i],
                            used.value[i]});
    }
  }
  for (std::size_t k = 0; k < used.item_value.size(); ++k) {
    items[used.item_period[k] < n_before ? 0 : 1].push_back(used.item_value[k]);
  }
  if (from_incidents) {
    out.comparison.before_count = static_cast<std::int64_t>(sums[0][0]);
    out.comparison.after_count = static_cast<std::int64_t>(sums[1][0]);
    out.comparison.before_exposure = sums[0][1];
    out.comparison.after_exposure = sums[1][1];
  }
  // Events for rates and counts, trials for proportions, items for durations.
  const double amount = *kind == metrics::SeriesKind::duration
                            ? static_cast<double>(items[0].size() + items[1].size())
                        : *kind == metrics::SeriesKind::proportion ? sums[0][1] + sums[1][1]
                                                                    : sums[0][0] + sums[1][0];
  const char* amount_word = *kind == metrics::SeriesKind::duration     ? " item(s)"
                            : *kind == metrics::SeriesKind::proportion ? " trial(s)"
                                                                       : " event(s)";
  const std::string period_word = from_incidents || options.period == metrics::PeriodKind::month
                                      ? "month"
                                      : std::string(metrics::to_string(options.period));
  if (n_before < static_cast<std::size_t>(options.min_before_months)) {
    out.reason = "only " + std::to_string(n_before) + " " + period_word +
                 "(s) of data before implementation (" +
                 std::to_string(options.min_before_months) + " needed)";
  } else if (n_after < static_cast<std::size_t>(options.min_after_months)) {
    out.reason = "only " + std::to_string(n_after) + " complete " + period_word +
                 "(s) after implementation (" + std::to_string(options.min_after_months) +
                 " needed)";
  } else if (amount < static_cast<double>(options.min_events)) {
    out.reason = "only " + fixed(amount, 0) + amount_word + " in all (" +
                 std::to_string(options.min_events) + " needed)";
  }
  if (n_before == 0 || n_after == 0) return out;

  // The comparison of the kind; improving / worsening intervals.
  const bool decrease = measure->direction == Direction::decrease;
  bool ci_improves = false;
  bool ci_worsens = false;
  std::string figures;
  double after_level = 0;
  switch (*kind) {
    case metrics::SeriesKind::rate:
    case metrics::SeriesKind::count: {
      const bool rate = *kind == metrics::SeriesKind::rate;
      // Counts: a Poisson rate per period (exposure = the number of periods).
      out.comparison = metrics::compare_rates(
          static_cast<std::int64_t>(sums[0][0]), rate ? sums[0][1] : static_cast<double>(n_before),
          static_cast<std::int64_t>(sums[1][0]), rate ? sums[1][1] : static_cast<double>(n_after),
          options.confidence, rate ? options.per : 1.0);
      const auto& c = out.comparison;
      ci_improves = decrease ? c.ci_upper < 1.0 : c.ci_lower > 1.0;
      ci_worsens = decrease ? c.ci_lower > 1.0 : c.ci_upper < 1.0;
      figures = "rate ratio " + fixed(c.rate_ratio) + " " +
                interval_text(c.ci_lower, c.ci_upper, c.confidence);
      after_level = c.after_rate;
      break;
    }
    case metrics::SeriesKind::proportion: {
      out.proportion = metrics::compare_proportions(
          static_cast<std::int64_t>(sums[0][0]), static_cast<std::int64_t>(sums[0][1]),
          static_cast<std::int64_t>(sums[1][0]), static_cast<std::int64_t>(sums[1][1]),
          options.confidence);
      const auto& p = out.proportion;
      ci_improves = decrease ? p.ci_upper < 0.0 : p.ci_lower > 0.0;
      ci_worsens = decrease ? p.ci_lower > 0.0 : p.ci_upper < 0.0;
      figures = "proportion " + fixed(p.before_proportion * 100, 1) + "% before, " +
                fixed(p.after_proportion * 100, 1) + "% after, difference " +
                fixed(p.difference * 100, 1) + " points " +
                interval_text(p.ci_lower * 100, p.ci_upper * 100, p.confidence, 1);
      after_level = p.after_proportion;
      break;
    }
    case metrics::SeriesKind::duration: {
      out.duration = metrics::compare_durations(items[0], items[1], options.confidence,
                                                "measure " + q(measure->id));
      const auto& d = out.duration;
      ci_improves = decrease ? d.ci_upper < 0.0 : d.ci_lower > 0.0;
      ci_worsens = decrease ? d.ci_lower > 0.0 : d.ci_upper < 0.0;
      figures = "median " + fixed(d.before_median) + " before, " + fixed(d.after_median) +
                " after" + (measure->unit.empty() ? "" : " " + measure->unit) +
                ", Hodges-Lehmann shift " + fixed(d.shift) + " " +
                interval_text(d.ci_lower, d.ci_upper, d.confidence) + ", Mann-Whitney " +
                p_text(d.p_value);
      after_level = d.after_median;
      break;
    }
  }

  // Charts: limits from the before periods extended (detection), and rebased.
  metrics::ChartOptions chart;
  chart.improvement = decrease ? metrics::Improvement::decrease : metrics::Improvement::increase;
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
  if (measure->kind == MeasureKind::balancing) {
    if (ci_worsens || out.spc_concern) {
      out.verdict = Verdict::not_effective;
      out.reason = "balancing measure moved the wrong way: " + figures +
                   (out.spc_concern ? " with special-cause concern after implementation" : "");
    } else {
      out.verdict = Verdict::effective;
      out.reason = "balancing measure held: " + figures + " and no special-cause concern";
    }
  } else if (ci_improves) {
    out.verdict = Verdict::effective;
    out.reason = figures + " lies wholly on the improving side";
    if (*kind == metrics::SeriesKind::rate) {
      out.reason = figures + " lies wholly " + (decrease ? "below" : "above") + " 1";
    }
  } else if (out.spc_improvement && !out.spc_concern) {
    out.verdict = Verdict::effective;
    out.reason = "special-cause improvement against the limits from before implementation; " +
                 figures;
  } else {
    out.verdict = Verdict::not_effective;
    out.reason = figures + (out.spc_concern ? " with special-cause concern after implementation"
                                            : " and no special-cause improvement");
  }
  // A target (proportions, durations, counts): the after level must meet it.
  if (out.verdict == Verdict::effective && measure->kind != MeasureKind::balancing &&
      *kind != metrics::SeriesKind::rate && !meets_target(*measure, after_level)) {
    out.verdict = Verdict::not_effective;
    out.reason = "improved but the level after (" + fixed(after_level, 3) + ") misses the target " +
                 fixed(*measure->target, 3) + ": " + out.reason;
  }

  // The action's balancing measures, alongside an outcome or process measure.
  if (measure->kind != MeasureKind::balancing) {
    for (std::size_t i = 0; i < action.measures.size(); ++i) {
      const Measure& b = action.measures[i];
      if (b.kind != MeasureKind::balancing) continue;
      BalancingResult result;
      result.measure_index = i;
      result.what = b.what;
      try {
        EffectivenessOptions balancing_options = options;
        balancing_options.measure_index = i;
        const Effectiveness e =
            evaluate_effectiveness(reg, incidents, action_id, exposure, as_of, balancing_options);
        result.verdict = e.verdict;
        result.moved_wrong_way = e.verdict == Verdict::not_effective;
        result.reason = e.reason;
      } catch (const RuleError& error) {
        result.reason = std::string("not evaluated: ") + error.what();
      }
      if (result.moved_wrong_way) {
        out.reason += "; balancing measure " + q(b.what) + " moved the wrong way";
      }
      out.balancing.push_back(std::move(result));
    }
  }
  return out;
}

}  // namespace closeloop::lifecycle
