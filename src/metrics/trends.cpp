#include "closeloop/metrics/trends.hpp"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <functional>
#include <limits>
#include <span>
#include <string>

#include "closeloop/core/error.hpp"
#include "closeloop/core/memory.hpp"
#include "closeloop/core/parallel.hpp"
#include "closeloop/metrics/measure_series.hpp"

namespace closeloop::metrics {

std::optional<std::size_t> TrendResult::find(std::span<const std::string> keys) const {
  if (keys.size() != series_keys.size()) return std::nullopt;
  for (std::size_t s = 0; s < series_count(); ++s) {
    bool same = true;
    for (std::size_t k = 0; k < keys.size() && same; ++k) same = series_keys[k][s] == keys[k];
    if (same) return s;
  }
  return std::nullopt;
}

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

// Points of charting per core before a trend job is shared out: below it one
// thread finishes sooner than two start.
constexpr std::size_t kRowsPerShare = std::size_t{1} << 16;

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

TrendResult chart_grid(const Grid& grid, std::vector<std::int64_t> counts,
                       std::vector<double> exposure_of_grid, const TrendOptions& options);

// The SPC engine's inputs for one series of `n_periods` rows from `first`:
// a u chart charts counts over exposures (a period without exposure is a
// missing point), a c chart counts, xmr and run the rates when there is
// exposure and the counts otherwise.
void series_inputs(const TrendResult& result, std::size_t first, std::size_t n_periods,
                   std::vector<double>& values, std::vector<double>& exposures) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  values.resize(n_periods);
  exposures.resize(result.chart == ChartKind::u ? n_periods : 0);
  for (std::size_t p = 0; p < n_periods; ++p) {
    const auto count = static_cast<double>(result.count[first + p]);
    const double e = result.exposure[first + p];
    switch (result.chart) {
      case ChartKind::u:
        values[p] = e > 0 ? count : nan;
        exposures[p] = e > 0 ? e : 1.0;
        break;
      case ChartKind::c:
        values[p] = count;
        break;
      default:
        values[p] = result.with_exposure ? result.rate[first + p] : count;
        break;
    }
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
  return chart_grid(grid, grid.counts, grid.exposure, options);
}

TrendResult trends(Grid&& grid, const TrendOptions& options) {
  std::vector<std::int64_t> counts = std::move(grid.counts);
  std::vector<double> exposure = std::move(grid.exposure);
  return chart_grid(grid, std::move(counts), std::move(exposure), options);
}

namespace {

// The charting of trends(grid): `counts` and `exposure` are the grid's (copied
// or moved in by the caller); the grid's own columns are not read.
TrendResult chart_grid(const Grid& grid, std::vector<std::int64_t> counts,
                       std::vector<double> exposure_of_grid, const TrendOptions& options) {
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
  out.chart_options = chart_options;
  out.with_exposure = !options.measures.empty();
  // Large columns are sized once (with huge pages), then filled series by
  // series; a large job shares its series among the cores, each in its own
  // reused buffers, each writing only its series' rows.
  out.count = std::move(counts);
  out.exposure = std::move(exposure_of_grid);
  const std::size_t shares = share_count(n, kRowsPerShare);
  {
    // Sizing zeroes a column and maps its pages (most of a large job's
    // time in a virtual machine), so the columns are sized in parallel too.
    const auto size_large = [n](auto& column) {
      return [n, &column] {
        reserve_large(column, n);
        column.resize(n);
      };
    };
    std::vector<std::function<void()>> sizing{size_large(out.rate),   size_large(out.series),
                                              size_large(out.value),  size_large(out.phase),
                                              size_large(out.centre), size_large(out.point_type),
                                              size_large(out.lcl),    size_large(out.special_cause),
                                              size_large(out.ucl),    size_large(out.period_start)};
    for (auto& flag : out.flags) sizing.push_back(size_large(flag));
    const std::size_t sizing_shares = std::min(shares, sizing.size());
    in_parallel(sizing_shares, [&](std::size_t k) {
      const auto [first, last] = share_of(sizing.size(), sizing_shares, k);
      for (std::size_t i = first; i < last; ++i) sizing[i]();
    });
  }
  if (n == 0) return out;

  const auto chart_series = [&](std::size_t first_series, std::size_t last_series) {
    Chart chart;
    std::vector<double> values(n_periods);
    std::vector<double> exposures(n_periods);
    // compute_chart sizes every column of the chart to its input, which
    // series_inputs made n_periods long.
    const auto place = [n_periods](const auto& part, auto& column, std::size_t begin) {
      assert(part.size() == n_periods);
      std::copy_n(part.begin(), n_periods, column.begin() + static_cast<std::ptrdiff_t>(begin));
    };
    for (std::size_t s = first_series; s < last_series; ++s) {
      const std::size_t begin = s * n_periods;
      for (std::size_t p = 0; p < n_periods; ++p) {
        const std::size_t row = begin + p;
        out.series[row] = static_cast<std::uint32_t>(s);
        out.period_start[row] = grid.period_starts[p];
        out.rate[row] = rate_of(out.count[row], out.exposure[row], grid.per);
      }
      series_inputs(out, begin, n_periods, values, exposures);
      compute_chart(kind, values, exposures, chart_options, chart);
      out.variation[s] = chart.verdict.variation;
      out.assurance[s] = chart.verdict.assurance;
      place(chart.value, out.value, begin);
      place(chart.centre, out.centre, begin);
      place(chart.lcl, out.lcl, begin);
      place(chart.ucl, out.ucl, begin);
      place(chart.phase, out.phase, begin);
      place(chart.point_type, out.point_type, begin);
      place(chart.special_cause, out.special_cause, begin);
      for (std::size_t r = 0; r < rule_count; ++r) place(chart.flags[r], out.flags[r], begin);
    }
  };
  in_parallel(shares, [&](std::size_t k) {
    const auto [first, last] = share_of(n_series, shares, k);
    chart_series(first, last);
  });
  return out;
}

}  // namespace

Chart TrendResult::chart_of(std::size_t series_index) const {
  if (series_index >= series_count()) {
    throw InputError("series " + std::to_string(series_index) + " is outside the " +
                     std::to_string(series_count()) + " series of the trend result");
  }
  const std::size_t n_periods = period_starts.size();
  std::vector<double> values;
  std::vector<double> exposures;
  series_inputs(*this, series_index * n_periods, n_periods, values, exposures);
  return compute_chart(chart, values, exposures, chart_options);
}

}  // namespace closeloop::metrics
