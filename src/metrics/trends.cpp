#include "closeloop/metrics/trends.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <span>
#include <string>

#include "closeloop/core/error.hpp"
#include "closeloop/metrics/measure_series.hpp"

namespace closeloop::metrics {

std::string TrendResult::label(std::size_t series_index) const {
  if (series_keys.empty()) return "all";
  std::string out;
  for (std::size_t k = 0; k < series_keys.size(); ++k) {
    if (k > 0) out += " / ";
    out += series_keys[k][series_index];
  }
  return out;
}

namespace {

// The chart kinds the trend job draws, and what a u chart needs.
void check_chart(const TrendOptions& options) {
  const ChartKind kind = options.chart;
  if (kind != ChartKind::u && kind != ChartKind::c && kind != ChartKind::xmr &&
      kind != ChartKind::run) {
    throw InputError("the trend job draws u, c, xmr or run charts, not " +
                     std::string(to_string(kind)));
  }
  if (kind == ChartKind::u && options.measures.empty()) {
    throw InputError("a u chart needs an exposure measure");
  }
}

}  // namespace

TrendResult trends(const IncidentTable& incidents, const ExposureTable& exposure,
                   const TrendOptions& options, const ServiceTable* services) {
  check_chart(options);
  GridOptions grid_options;
  grid_options.by = options.by;
  grid_options.period = options.period;
  grid_options.measures = options.measures;
  grid_options.first = options.first;
  grid_options.last = options.last;
  grid_options.categories = options.categories;
  grid_options.per = options.per;
  return trends(count_grid(incidents, grid_options, &exposure, services), options);
}

TrendResult trends(const Grid& grid, const TrendOptions& options) {
  check_chart(options);
  const ChartKind kind = options.chart;
  const std::size_t n_series = grid.groups();
  const std::size_t n_periods = grid.periods();
  const std::size_t n = n_series * n_periods;

  ChartOptions chart_options;
  chart_options.rules = options.rules;
  chart_options.improvement = options.improvement;
  chart_options.baseline = options.baseline;
  chart_options.per = kind == ChartKind::u ? grid.per : 1.0;
  for (DayNumber date : options.rebase) {
    // The measure series' split: the first period starting on or after the date.
    const std::size_t index = split_before_after(grid.period, grid.period_starts, date).first_after;
    if (index == 0 || index >= n_periods) {
      throw InputError("rebase date " + to_iso(from_day_number(date)) +
                       " leaves no point before or after it in the trend's range");
    }
    if (chart_options.phases.empty() || chart_options.phases.back() < index) {
      chart_options.phases.push_back(index);
    }
  }

  TrendResult out;
  out.chart = kind;
  out.rules = rules_for(kind, options.rules);
  out.period = grid.period;
  out.by = grid.by;
  out.per = grid.per;
  out.period_starts = grid.period_starts;
  out.series_keys = grid.keys;
  out.series_measure = grid.measure;
  out.variation.assign(n_series, Variation::insufficient_data);
  out.assurance.assign(n_series, Assurance::none);
  out.series.resize(n);
  out.period_start.resize(n);
  out.count = grid.counts;
  out.exposure = grid.exposure;
  out.rate = grid.rates();
  out.value.resize(n);
  out.centre.resize(n);
  out.lcl.resize(n);
  out.ucl.resize(n);
  out.phase.resize(n);
  out.point_type.resize(n);
  out.special_cause.resize(n);
  for (auto& flag : out.flags) flag.assign(n, 0);
  if (n == 0) return out;

  // Inputs of one series at a time, in reused buffers; outputs straight into
  // the result's columns.
  std::vector<double> values(n_periods);
  std::vector<double> exposures(n_periods);
  std::vector<double> lcl_2sigma(n_periods);
  std::vector<double> ucl_2sigma(n_periods);
  const bool with_exposure = !options.measures.empty();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t s = 0; s < n_series; ++s) {
    const std::size_t begin = s * n_periods;
    for (std::size_t p = 0; p < n_periods; ++p) {
      const std::size_t row = begin + p;
      out.series[row] = static_cast<std::uint32_t>(s);
      out.period_start[row] = grid.period_starts[p];
      const auto count = static_cast<double>(grid.counts[row]);
      const double e = grid.exposure[row];
      switch (kind) {
        case ChartKind::u:
          // A period without exposure is a missing point.
          values[p] = e > 0 ? count : nan;
          exposures[p] = e > 0 ? e : 1.0;
          break;
        case ChartKind::c:
          values[p] = count;
          break;
        default:
          values[p] = with_exposure ? out.rate[row] : count;
          break;
      }
    }
    const std::span<const double> denominators =
        kind == ChartKind::u ? std::span<const double>(exposures) : std::span<const double>();
    ChartColumns columns;
    columns.value = std::span<double>(out.value).subspan(begin, n_periods);
    columns.centre = std::span<double>(out.centre).subspan(begin, n_periods);
    columns.lcl = std::span<double>(out.lcl).subspan(begin, n_periods);
    columns.ucl = std::span<double>(out.ucl).subspan(begin, n_periods);
    columns.lcl_2sigma = lcl_2sigma;
    columns.ucl_2sigma = ucl_2sigma;
    columns.phase = std::span<std::uint32_t>(out.phase).subspan(begin, n_periods);
    for (std::size_t r = 0; r < rule_count; ++r) {
      columns.flags[r] = std::span<std::uint8_t>(out.flags[r]).subspan(begin, n_periods);
    }
    columns.point_type = std::span<PointType>(out.point_type).subspan(begin, n_periods);
    columns.special_cause = std::span<SpecialCause>(out.special_cause).subspan(begin, n_periods);
    const ChartVerdict verdict =
        compute_chart_into(kind, values, denominators, chart_options, columns);
    out.variation[s] = verdict.variation;
    out.assurance[s] = verdict.assurance;
  }
  return out;
}

}  // namespace closeloop::metrics
