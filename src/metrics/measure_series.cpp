// The measure series: periods, before/after split and chart choice for rates,
// proportions, durations and counts (docs/metrics.md, "Measure series").
#include "closeloop/metrics/measure_series.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

#include "closeloop/core/error.hpp"
#include "closeloop/metrics/grid.hpp"

namespace closeloop::metrics {

namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

std::string q(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string number_text(double value) {
  std::ostringstream text;
  text.precision(10);
  text << value;
  return text.str();
}

void check_period(const std::string& name, PeriodKind kind) {
  if (kind != PeriodKind::month && kind != PeriodKind::week && kind != PeriodKind::quarter) {
    throw InputError("measure " + q(name) + ": period " + q(to_string(kind)) +
                     " is not month, week or quarter");
  }
}

MeasureSeries empty_series(std::string name, SeriesKind kind, const SeriesOptions& options) {
  check_period(name, options.period);
  MeasureSeries out;
  out.name = std::move(name);
  out.kind = kind;
  out.period = options.period;
  return out;
}

// The periods of `options` around dated items: given bounds, else the items' span.
Calendar calendar_for(const SeriesOptions& options, std::span<const DayNumber> day) {
  DayNumber first = std::numeric_limits<DayNumber>::max();
  DayNumber last = std::numeric_limits<DayNumber>::min();
  for (DayNumber d : day) {
    first = std::min(first, d);
    last = std::max(last, d);
  }
  if (options.first) first = *options.first;
  if (options.last) last = *options.last;
  if (first > last) {
    if (options.first && options.last) {
      throw InputError("range ends on " + to_iso(from_day_number(last)) + " before it starts on " +
                       to_iso(from_day_number(first)));
    }
    if (options.first) last = first;
    else if (options.last) first = last;
    else return Calendar();  // no items, no bounds: no periods
  }
  return Calendar(options.period, first, last);
}

void check_lengths(const std::string& name, std::size_t day, std::size_t other,
                   const char* what) {
  if (day != other) {
    throw InputError("measure " + q(name) + ": " + std::to_string(day) + " dates but " +
                     std::to_string(other) + " " + what);
  }
}

std::string per_text(double per) {
  if (per == 1000.0) return "1,000";
  if (per == 10000.0) return "10,000";
  if (per == 100000.0) return "100,000";
  return number_text(per);
}

// R's median of a small vector (sorted copy).
double median_of(std::vector<double> xs) {
  if (xs.empty()) return nan;
  std::sort(xs.begin(), xs.end());
  const std::size_t half = xs.size() / 2;
  return xs.size() % 2 == 1 ? xs[half] : (xs[half - 1] + xs[half]) / 2;
}

}  // namespace

std::string_view to_string(SeriesKind kind) noexcept { return kSeriesKindText.name(kind); }

SeriesKind parse_series_kind(std::string_view text) { return kSeriesKindText.parse(text); }

bool Scope::contains(std::string_view service) const noexcept {
  return services.empty() ||
         std::find(services.begin(), services.end(), service) != services.end();
}

std::string Scope::label() const {
  if (services.empty()) return "organisation";
  std::string out;
  for (const auto& s : services) out += (out.empty() ? "" : " + ") + s;
  return out;
}

bool MeasureSeries::present(std::size_t i) const noexcept {
  return i < value.size() && !std::isnan(value[i]);
}

Split split_before_after(PeriodKind kind, std::span<const DayNumber> starts, DayNumber change,
                         std::optional<DayNumber> as_of) {
  Split split;
  split.change = change;
  split.side.reserve(starts.size());
  split.first_after = starts.size();
  for (std::size_t i = 0; i < starts.size(); ++i) {
    const DayNumber start = starts[i];
    const DayNumber end = next_period_start(kind, start);  // exclusive
    Side side = Side::transition;
    if (as_of && end > *as_of + 1) side = Side::incomplete;  // its last day is after as_of
    else if (end <= change) side = Side::before;
    else if (start >= change) side = Side::after;
    if (start >= change && split.first_after == starts.size()) split.first_after = i;
    split.side.push_back(side);
    if (side == Side::before) split.before.push_back(i);
    if (side == Side::after) split.after.push_back(i);
  }
  return split;
}

Split split_series(const MeasureSeries& series, DayNumber change, std::optional<DayNumber> as_of) {
  Split split = split_before_after(series.period, series.period_start, change, as_of);
  std::erase_if(split.before, [&](std::size_t i) { return !series.present(i); });
  std::erase_if(split.after, [&](std::size_t i) { return !series.present(i); });
  return split;
}

MeasureSeries select_periods(const MeasureSeries& series, std::span<const std::size_t> indices) {
  MeasureSeries out = series;
  out.period_start.clear();
  out.numerator.clear();
  out.denominator.clear();
  out.value.clear();
  out.median.clear();
  out.sd.clear();
  out.item_value.clear();
  out.item_period.clear();
  std::vector<std::int64_t> new_index(series.size(), -1);
  for (std::size_t j = 0; j < indices.size(); ++j) {
    const std::size_t i = indices[j];
    if (i >= series.size() || (j > 0 && i <= indices[j - 1])) {
      throw InputError("measure " + q(series.name) + ": period index " + std::to_string(i) +
                       " is out of range or out of order");
    }
    new_index[i] = static_cast<std::int64_t>(j);
    out.period_start.push_back(series.period_start[i]);
    out.numerator.push_back(series.numerator[i]);
    out.denominator.push_back(series.denominator[i]);
    out.value.push_back(series.value[i]);
    if (!series.median.empty()) out.median.push_back(series.median[i]);
    if (!series.sd.empty()) out.sd.push_back(series.sd[i]);
  }
  for (std::size_t k = 0; k < series.item_value.size(); ++k) {
    const std::int64_t j = new_index[series.item_period[k]];
    if (j < 0) continue;
    out.item_value.push_back(series.item_value[k]);
    out.item_period.push_back(static_cast<std::uint32_t>(j));
  }
  return out;
}

MeasureSeries rate_series(const IncidentTable& incidents, const ExposureTable& exposure,
                          const RateSpec& spec, const SeriesOptions& options) {
  std::string measures;
  for (std::size_t m = 0; m < spec.measures.size(); ++m) {
    measures += (m == 0 ? "" : " or ") + std::string(to_string(spec.measures[m]));
  }
  const std::string unit = "per " + per_text(spec.per) + " " + measures;
  const std::string name =
      (spec.category.empty() ? std::string("incidents") : spec.category) + " " + unit;
  if (spec.measures.empty()) {
    throw InputError("measure " +
                     q((spec.category.empty() ? std::string("incident") : spec.category) +
                       " rate") +
                     " at " + spec.scope.label() +
                     ": a rate needs an exposure measure (its denominator)");
  }
  MeasureSeries out = empty_series(name, SeriesKind::rate, options);
  if (!(spec.per > 0) || !std::isfinite(spec.per)) {
    throw InputError("measure " + q(out.name) + ": rate multiplier " + number_text(spec.per) +
                     " must be positive");
  }
  GridOptions grid_options;
  grid_options.by = {GroupKey::service_id};
  grid_options.period = options.period;
  grid_options.first = options.first;
  grid_options.last = options.last;
  grid_options.measures = spec.measures;
  if (!spec.category.empty()) grid_options.categories = {spec.category};
  grid_options.per = spec.per;
  const Grid grid = count_grid(incidents, grid_options, &exposure);
  out.scope = spec.scope;
  out.per = spec.per;
  out.unit = unit;
  out.period_start = grid.period_starts;
  const std::size_t n = grid.periods();
  out.numerator.assign(n, 0.0);
  out.denominator.assign(n, 0.0);
  for (std::size_t g = 0; g < grid.groups(); ++g) {
    if (!spec.scope.contains(grid.keys[0][g])) continue;
    for (std::size_t p = 0; p < n; ++p) {
      out.numerator[p] += static_cast<double>(grid.counts[g * n + p]);
      out.denominator[p] += grid.exposure[g * n + p];
    }
  }
  out.value.resize(n);
  for (std::size_t p = 0; p < n; ++p) {
    out.value[p] = out.denominator[p] > 0 ? out.numerator[p] / out.denominator[p] * spec.per : nan;
  }
  return out;
}

MeasureSeries count_series(const IncidentTable& incidents, const std::string& category,
                           const Scope& scope, const SeriesOptions& options) {
  MeasureSeries out = empty_series(category.empty() ? "incidents" : category, SeriesKind::count,
                                   options);
  GridOptions grid_options;
  grid_options.by = {GroupKey::service_id};
  grid_options.period = options.period;
  grid_options.first = options.first;
  grid_options.last = options.last;
  if (!category.empty()) grid_options.categories = {category};
  const Grid grid = count_grid(incidents, grid_options);
  out.scope = scope;
  out.unit = "count";
  out.period_start = grid.period_starts;
  const std::size_t n = grid.periods();
  out.numerator.assign(n, 0.0);
  out.denominator.assign(n, 1.0);
  for (std::size_t g = 0; g < grid.groups(); ++g) {
    if (!scope.contains(grid.keys[0][g])) continue;
    for (std::size_t p = 0; p < n; ++p) {
      out.numerator[p] += static_cast<double>(grid.counts[g * n + p]);
    }
  }
  out.value = out.numerator;
  return out;
}

MeasureSeries proportion_series(std::string name, std::span<const DayNumber> day,
                                std::span<const double> successes, std::span<const double> trials,
                                const SeriesOptions& options) {
  MeasureSeries out = empty_series(std::move(name), SeriesKind::proportion, options);
  check_lengths(out.name, day.size(), successes.size(), "successes");
  check_lengths(out.name, day.size(), trials.size(), "trials");
  for (std::size_t i = 0; i < day.size(); ++i) {
    const std::string where = "measure " + q(out.name) + ", result " + std::to_string(i) + " (" +
                              to_iso(from_day_number(day[i])) + ")";
    if (!std::isfinite(trials[i]) || !(trials[i] > 0)) {
      throw InputError(where + ": the denominator is " + number_text(trials[i]) +
                       "; a proportion needs at least one trial");
    }
    if (!std::isfinite(successes[i]) || successes[i] < 0 || successes[i] > trials[i]) {
      throw InputError(where + ": " + number_text(successes[i]) + " successes of " +
                       number_text(trials[i]) + " trials is not a proportion");
    }
  }
  const Calendar calendar = calendar_for(options, day);
  out.unit = "proportion";
  out.period_start = calendar.starts();
  const std::size_t n = calendar.size();
  out.numerator.assign(n, 0.0);
  out.denominator.assign(n, 0.0);
  for (std::size_t i = 0; i < day.size(); ++i) {
    const std::int32_t p = calendar.index_of(day[i]);
    if (p < 0) continue;
    out.numerator[static_cast<std::size_t>(p)] += successes[i];
    out.denominator[static_cast<std::size_t>(p)] += trials[i];
  }
  out.value.resize(n);
  for (std::size_t p = 0; p < n; ++p) {
    out.value[p] = out.denominator[p] > 0 ? out.numerator[p] / out.denominator[p] : nan;
  }
  return out;
}

MeasureSeries duration_series(std::string name, std::string unit, std::span<const DayNumber> day,
                              std::span<const double> durations, const SeriesOptions& options) {
  MeasureSeries out = empty_series(std::move(name), SeriesKind::duration, options);
  check_lengths(out.name, day.size(), durations.size(), "durations");
  for (std::size_t i = 0; i < day.size(); ++i) {
    if (!std::isfinite(durations[i]) || durations[i] < 0) {
      throw InputError("measure " + q(out.name) + ", item " + std::to_string(i) + " (" +
                       to_iso(from_day_number(day[i])) + "): duration " +
                       number_text(durations[i]) + " " + unit +
                       (durations[i] < 0 ? " (an end before its start)" : "") +
                       " must be a finite number of at least 0");
    }
  }
  const Calendar calendar = calendar_for(options, day);
  out.unit = std::move(unit);
  out.period_start = calendar.starts();
  const std::size_t n = calendar.size();
  std::vector<std::vector<double>> items(n);
  for (std::size_t i = 0; i < day.size(); ++i) {
    const std::int32_t p = calendar.index_of(day[i]);
    if (p >= 0) items[static_cast<std::size_t>(p)].push_back(durations[i]);
  }
  out.numerator.assign(n, 0.0);
  out.denominator.assign(n, 0.0);
  out.value.assign(n, nan);
  out.median.assign(n, nan);
  out.sd.assign(n, nan);
  for (std::size_t p = 0; p < n; ++p) {
    const auto& xs = items[p];
    for (double x : xs) {
      out.numerator[p] += x;
      out.item_value.push_back(x);
      out.item_period.push_back(static_cast<std::uint32_t>(p));
    }
    out.denominator[p] = static_cast<double>(xs.size());
    if (xs.empty()) continue;
    const double mean = out.numerator[p] / out.denominator[p];
    out.value[p] = mean;
    out.median[p] = median_of(xs);
    if (xs.size() >= 2) {
      double ss = 0;
      for (double x : xs) ss += (x - mean) * (x - mean);
      out.sd[p] = std::sqrt(ss / static_cast<double>(xs.size() - 1));
    }
  }
  return out;
}

MeasureSeries reporting_delay_series(const IncidentTable& incidents, const std::string& category,
                                     const Scope& scope, const SeriesOptions& options) {
  const std::string name =
      "reporting delay" + (category.empty() ? std::string() : " of " + category);
  for (const auto column :
       {IncidentColumn::service_id, IncidentColumn::category, IncidentColumn::reported_at}) {
    incidents.require(column, "measure " + q(name));
  }
  std::optional<std::int32_t> code;
  if (!category.empty()) {
    code = incidents.categories().find(category);
    if (!code) {
      throw InputError("measure " + q(name) + ": category " + q(category) +
                       " is not among the incidents' categories");
    }
  }
  std::vector<DayNumber> day;
  std::vector<double> delay;
  const auto reported = incidents.reported_day();
  for (std::size_t i = 0; i < incidents.size() && !reported.empty(); ++i) {
    if (code && incidents.category()[i] != *code) continue;
    if (!scope.contains(incidents.services()[incidents.service()[i]])) continue;
    if (reported[i] == kMissingDay) continue;
    // Never negative: every IncidentTable refuses a report before the occurrence.
    const DayNumber occurred = incidents.day()[i];
    day.push_back(occurred);
    delay.push_back(static_cast<double>(reported[i] - occurred));
  }
  MeasureSeries out = duration_series(name, "days", day, delay, options);
  out.scope = scope;
  return out;
}

ChartKind chart_kind_for(SeriesKind kind, bool subgroups) noexcept {
  switch (kind) {
    case SeriesKind::rate:
      return ChartKind::u;
    case SeriesKind::proportion:
      return ChartKind::p;
    case SeriesKind::duration:
      return subgroups ? ChartKind::xbar : ChartKind::xmr;
    case SeriesKind::count:
      return ChartKind::c;
  }
  return ChartKind::xmr;
}

Chart measure_chart(const MeasureSeries& series, ChartOptions options) {
  const std::size_t n = series.size();
  std::vector<double> values(n);
  std::vector<double> denominators;
  const ChartKind kind = chart_kind_for(series.kind);
  options.per = series.kind == SeriesKind::rate ? series.per : 1.0;
  for (std::size_t i = 0; i < n; ++i) {
    const bool present = series.present(i);
    switch (series.kind) {
      case SeriesKind::rate:
      case SeriesKind::proportion:
        values[i] = present ? series.numerator[i] : nan;
        denominators.push_back(present ? series.denominator[i] : nan);
        break;
      case SeriesKind::duration:
        values[i] = series.value[i];
        break;
      case SeriesKind::count:
        values[i] = series.numerator[i];
        break;
    }
  }
  return compute_chart(kind, values, denominators, options);
}

Chart rebased_chart(const MeasureSeries& series, const Split& split, ChartOptions options) {
  std::size_t before = 0;
  std::size_t after = 0;
  for (std::size_t i = 0; i < series.size(); ++i) {
    if (!series.present(i)) continue;
    (i < split.first_after ? before : after) += 1;
  }
  options.phases.clear();
  if (before >= 1 && after >= 1) options.phases.push_back(split.first_after);
  return measure_chart(series, std::move(options));
}

}  // namespace closeloop::metrics
