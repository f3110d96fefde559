#pragma once
/// \file
/// The trend job: incidents and exposure in, one SPC chart per group out,
/// computed column-wise over all series at once. A series is one group of a
/// count grid (service, category, ... combination); its points are the
/// grid's periods. The result has one row per series point with the group,
/// period start, count, exposure, rate, centre, limits and each rule's flag.

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "closeloop/metrics/grid.hpp"
#include "closeloop/metrics/rules.hpp"
#include "closeloop/metrics/spc.hpp"
#include "closeloop/metrics/verdict.hpp"

namespace closeloop::metrics {

/// What the trend job groups, counts and charts.
struct TrendOptions {
  /// Group keys: one series per combination (default: one per service).
  std::vector<GroupKey> by{GroupKey::service_id};
  /// The period length of the points.
  PeriodKind period = PeriodKind::month;
  /// Exposure measures in order of preference (each service uses the first
  /// it has). Required for u charts; optional otherwise.
  std::vector<Measure> measures;
  /// The rate multiplier (1000 for "per 1,000").
  double per = 1000.0;
  /// The chart: u (rates), c (counts), xmr or run (of the rates when
  /// measures are given, of the counts otherwise).
  ChartKind chart = ChartKind::u;
  /// The special-cause rules.
  RuleSet rules = RuleSet::mdc();
  /// The direction of improvement, for the variation verdicts.
  Improvement improvement = Improvement::neutral;
  /// First day of the range (default: the data's).
  std::optional<DayNumber> first;
  /// Last day of the range (default: the data's).
  std::optional<DayNumber> last;
  /// Count only these categories (empty: all).
  std::vector<std::string> categories;
  /// Dates from which limits are recomputed (a new phase starts at the first
  /// period starting on or after each date), e.g. an action's implementation.
  std::vector<DayNumber> rebase;
  /// Centre and limits from the first `baseline` points of each phase (0: all).
  std::size_t baseline = 0;
};

/// The trend job's result: series-major rows, one per series point.
struct TrendResult {
  /// The chart kind.
  ChartKind chart = ChartKind::u;
  /// The rules evaluated.
  RuleSet rules;
  /// The period length.
  PeriodKind period = PeriodKind::month;
  /// The group keys.
  std::vector<GroupKey> by;
  /// The rate multiplier.
  double per = 1000.0;
  /// The period starts (the same for every series).
  std::vector<DayNumber> period_starts;

  /// series_keys[k][s]: the text of key by[k] for series s.
  std::vector<std::vector<std::string>> series_keys;
  /// Per series: the measure its services used ("", "mixed" or a measure).
  std::vector<std::string> series_measure;
  /// Per series: the variation verdict from its last point.
  std::vector<Variation> variation;
  /// Per series: the assurance verdict (none: no target is set by the trend job).
  std::vector<Assurance> assurance;
  /// The options every series was charted with (rules, direction, baseline,
  /// phase starts, multiplier).
  ChartOptions chart_options;
  /// Whether the counts had exposure (the xmr and run charts then chart rates).
  bool with_exposure = false;

  /// Per row: the series index.
  std::vector<std::uint32_t> series;
  /// Per row: the period start.
  std::vector<DayNumber> period_start;
  /// Per row: the incident count.
  std::vector<std::int64_t> count;
  /// Per row: the exposure (0 when none).
  std::vector<double> exposure;
  /// Per row: count / exposure x per (NaN when the exposure is 0).
  std::vector<double> rate;
  /// Per row: the charted value (the rate for u, the count for c, ...; NaN when missing).
  std::vector<double> value;
  /// Per row: the centre line.
  std::vector<double> centre;
  /// Per row: the lower 3-sigma limit (NaN where none).
  std::vector<double> lcl;
  /// Per row: the upper 3-sigma limit (NaN where none).
  std::vector<double> ucl;
  /// Per row: the phase (0-based).
  std::vector<std::uint32_t> phase;
  /// Per row: the Making Data Count point type.
  std::vector<PointType> point_type;
  /// Per row: why the point is special cause (NHSRplotthedots' special_cause_type).
  std::vector<SpecialCause> special_cause;
  /// flags[rule][row]: 1 where the rule flags the point (0 throughout for a
  /// rule not in `rules`).
  std::array<std::vector<std::uint8_t>, rule_count> flags;

  /// The number of rows.
  [[nodiscard]] std::size_t size() const noexcept { return series.size(); }
  /// The number of series.
  [[nodiscard]] std::size_t series_count() const noexcept { return series_measure.size(); }
  /// The series' key texts joined with " / ".
  [[nodiscard]] std::string label(std::size_t series_index) const;
  /// The index of the series with these key texts (one per key of `by`), if any.
  [[nodiscard]] std::optional<std::size_t> find(std::span<const std::string> keys) const;
  /// One series as a whole Chart (2-sigma lines and phase summaries too), by
  /// the SPC engine from the series' counts and exposures with the options
  /// the trend job used: the same points, limits and flags as its rows.
  /// InputError for an index outside the series.
  [[nodiscard]] Chart chart_of(std::size_t series_index) const;
};

/// set_chart_words for the trend job, with its chart kind (parse_chart_kind;
/// not given: u).
void set_chart_words(TrendOptions& options, const std::optional<std::string>& chart,
                     const std::optional<std::string>& rules,
                     const std::optional<std::string>& improvement);

/// Runs the trend job: a count grid of `incidents` (with `exposure` and, for
/// service_type or region, `services`), then one chart per group, all into
/// shared columns. Periods with no exposure have a NaN rate and are missing
/// points for u, xmr and run charts: left out of centre and limits and
/// unflagged. InputError for a u chart without measures, a chart kind that
/// does not apply to counts (p, t, g, mr, ip) or options the grid refuses.
TrendResult trends(const IncidentTable& incidents, const ExposureTable& exposure,
                   const TrendOptions& options, const ServiceTable* services = nullptr);

/// The charting half of the trend job: one chart per group of `grid` (from
/// count_grid, or combine_partitions for data counted in partitions). The
/// grouping, period, range, category filter and multiplier are the grid's;
/// `options.measures` says only whether the grid's counts have exposure.
/// trends(incidents, exposure, options) is this on count_grid's grid.
/// InputError as trends.
TrendResult trends(const Grid& grid, const TrendOptions& options);

/// trends(grid, options) taking the grid's counts and exposure into the
/// result instead of copying them.
TrendResult trends(Grid&& grid, const TrendOptions& options);

}  // namespace closeloop::metrics
