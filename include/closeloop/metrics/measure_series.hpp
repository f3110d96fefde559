#pragma once
/// \file
/// The measure series: the one primitive between the areas. For one measure
/// and one scope (a service, a set of services or the whole organisation) it
/// gives per period (month by default; week and quarter too) the numerator,
/// the denominator or n, and the value, for four kinds of measure:
///
/// - **rate**: incidents of a category per unit of exposure (x per);
/// - **proportion**: successes of trials (audits, checks);
/// - **duration**: per-item intervals (e.g. days from occurred to reported),
///   summarised per period by n, mean, median and standard deviation;
/// - **count**: incidents of a category.
///
/// It owns the one definition of the before/after split around a date
/// (split_before_after) and picks the chart for each kind (chart_kind_for,
/// measure_chart). Effectiveness, the trend job and the report builder all
/// take their periods, splits and charts from here. Definitions:
/// docs/metrics.md ("Measure series").

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "closeloop/core/date.hpp"
#include "closeloop/core/enum_text.hpp"
#include "closeloop/core/enum_words.hpp"
#include "closeloop/metrics/calendar.hpp"
#include "closeloop/metrics/spc.hpp"
#include "closeloop/metrics/tables.hpp"

namespace closeloop::metrics {

/// The kind of a measure series.
enum class SeriesKind : std::uint8_t {
  rate,        ///< events per unit of exposure (u chart)
  proportion,  ///< successes of trials (p chart)
  duration,    ///< per-item intervals (XmR on the period means; xbar/s on the items)
  count,       ///< events (c chart)
};

/// The words of SeriesKind: "rate", "proportion", "duration", "count".
inline constexpr EnumText<SeriesKind, 4> kSeriesKindText{
    "measure kind",
    {{{SeriesKind::rate, "rate"},
      {SeriesKind::proportion, "proportion"},
      {SeriesKind::duration, "duration"},
      {SeriesKind::count, "count"}}}};

/// The word of a series kind.
std::string_view to_string(SeriesKind kind) noexcept;
/// Parses a series kind word; InputError listing the words otherwise.
SeriesKind parse_series_kind(std::string_view text);

/// Which services a series covers: one, several, or (empty) the whole organisation.
struct Scope {
  /// Service ids; empty means every service.
  std::vector<std::string> services;
  /// Whether `service` is in the scope.
  [[nodiscard]] bool contains(std::string_view service) const noexcept;
  /// "RH-OAK", "RH-OAK + RH-ELM" or "organisation".
  [[nodiscard]] std::string label() const;
};

/// The periods of a series.
struct SeriesOptions {
  /// month (default), week or quarter; InputError for day or financial_year.
  PeriodKind period = PeriodKind::month;
  /// First day of the range (default: the data's first).
  std::optional<DayNumber> first;
  /// Last day of the range (default: the data's last); items after it are left out.
  std::optional<DayNumber> last;
};

/// One measure of one scope per period. `numerator`, `denominator` and
/// `value` have one element per period:
///
/// | kind | numerator | denominator | value |
/// | --- | --- | --- | --- |
/// | rate | incidents | exposure | numerator / denominator x per (NaN without exposure) |
/// | proportion | successes | trials | numerator / denominator (NaN without trials) |
/// | duration | sum of the items | n items | mean of the items (NaN without items) |
/// | count | incidents | 1 | numerator |
struct MeasureSeries {
  /// What is measured, for labels and error messages ("fall per 1,000 occupied_bed_days").
  std::string name;
  /// The kind.
  SeriesKind kind = SeriesKind::rate;
  /// The period length.
  PeriodKind period = PeriodKind::month;
  /// The scope.
  Scope scope;
  /// The rate multiplier (1 for other kinds).
  double per = 1.0;
  /// The unit of `value` ("per 1,000 occupied_bed_days", "proportion", "days", "count").
  std::string unit;
  /// First day of each period, ascending and contiguous.
  std::vector<DayNumber> period_start;
  /// Per period: incidents, successes or the sum of the durations.
  std::vector<double> numerator;
  /// Per period: exposure, trials or the number of items (1 for counts).
  std::vector<double> denominator;
  /// Per period: the charted value (NaN where the period has no data).
  std::vector<double> value;
  /// Durations: per period the median of the items (NaN without items); empty otherwise.
  std::vector<double> median;
  /// Durations: per period the sample standard deviation (NaN with fewer than 2 items).
  std::vector<double> sd;
  /// Durations: every item's value, in period order.
  std::vector<double> item_value;
  /// Durations: the period index of each item.
  std::vector<std::uint32_t> item_period;

  /// The number of periods.
  [[nodiscard]] std::size_t size() const noexcept { return period_start.size(); }
  /// Whether period `i` has data (a value that is not NaN).
  [[nodiscard]] bool present(std::size_t i) const noexcept;
};

/// Where a period falls around a change date.
enum class Side : std::uint8_t {
  before,      ///< ends on or before the change (complete by construction)
  transition,  ///< contains the change: left out of both sides
  after,       ///< starts on or after the change and is over by as_of
  incomplete,  ///< not yet over by as_of: left out
};

/// The before/after split of a run of periods around a change date.
struct Split {
  /// The change date (e.g. when an action was implemented).
  DayNumber change = 0;
  /// Per period: its side.
  std::vector<Side> side;
  /// Index of the first period starting on or after the change (size() if
  /// none): where a chart is rebased.
  std::size_t first_after = 0;
  /// The indices of the before periods.
  std::vector<std::size_t> before;
  /// The indices of the after periods.
  std::vector<std::size_t> after;
};

/// THE definition of before and after, used by every part of closeloop: a
/// period is *before* when it ends on or before `change` (its last day is
/// before the change day), *after* when it starts on or after `change` and,
/// when `as_of` is given, is over by then (its last day is on or before
/// `as_of`: the data are complete through `as_of`);
/// the period containing the change is a *transition* and a period not over
/// by `as_of` is *incomplete*, both left out. `starts` are the period starts
/// of `kind`, ascending.
Split split_before_after(PeriodKind kind, std::span<const DayNumber> starts, DayNumber change,
                         std::optional<DayNumber> as_of = std::nullopt);

/// split_before_after over a series' periods, keeping only periods with data
/// in `before` and `after`.
Split split_series(const MeasureSeries& series, DayNumber change,
                   std::optional<DayNumber> as_of = std::nullopt);

/// The periods `indices` (ascending) of a series, with their items: how a
/// caller keeps only the before and after periods of a split.
/// InputError naming the measure for an index out of range or out of order.
MeasureSeries select_periods(const MeasureSeries& series, std::span<const std::size_t> indices);

/// What a rate series counts.
struct RateSpec {
  /// Incident category counted (empty: every category).
  std::string category;
  /// Services covered.
  Scope scope;
  /// Exposure measures in order of preference: each service uses the first
  /// it has any row for (as count_grid). At least one.
  std::vector<Measure> measures;
  /// The rate multiplier (1000 for "per 1,000").
  double per = 1000.0;
};

/// Incidents per exposure of one scope per period. Exposure is monthly: a
/// quarter sums its months, a week takes the month's value spread evenly over
/// its days (as count_grid). InputError naming the measure when no measure
/// is given, `per` is not positive, the period is not month, week or
/// quarter, or the category is not in the incidents' dictionary.
MeasureSeries rate_series(const IncidentTable& incidents, const ExposureTable& exposure,
                          const RateSpec& spec, const SeriesOptions& options = {});

/// Incidents of one category (empty: all) in one scope per period.
MeasureSeries count_series(const IncidentTable& incidents, const std::string& category,
                           const Scope& scope, const SeriesOptions& options = {});

/// Successes of trials per period from dated results (audits, checks): a
/// period sums its results. `name` names the measure in errors. InputError
/// naming the measure and the index when the columns differ in length, a
/// trial count is not positive (a proportion with a denominator of zero), or
/// successes are negative or exceed the trials.
MeasureSeries proportion_series(std::string name, std::span<const DayNumber> day,
                                std::span<const double> successes, std::span<const double> trials,
                                const SeriesOptions& options = {});

/// Per-item durations (e.g. hours to escalate) dated by `day`, summarised per
/// period by n, sum, mean, median and sd. InputError naming the measure and
/// the index for a negative or non-finite duration (an end before its start)
/// or columns of different lengths.
MeasureSeries duration_series(std::string name, std::string unit, std::span<const DayNumber> day,
                              std::span<const double> durations,
                              const SeriesOptions& options = {});

/// Reporting delay: days from occurrence to report of each incident of
/// `category` (empty: all) in `scope`, dated by occurrence. Incidents without
/// a report day are left out; none is negative (an IncidentTable refuses a
/// report before the occurrence).
MeasureSeries reporting_delay_series(const IncidentTable& incidents, const std::string& category,
                                     const Scope& scope, const SeriesOptions& options = {});

/// The chart for a kind: u for rates, p for proportions, xmr for durations
/// (on the period means; xbar with `subgroups`), c for counts.
ChartKind chart_kind_for(SeriesKind kind, bool subgroups = false) noexcept;

/// The chart of a series (chart_kind_for(series.kind)): periods without data
/// are missing points. `options.per` is taken from the series.
Chart measure_chart(const MeasureSeries& series, ChartOptions options = {});

/// The chart of a series rebased at the split: a new phase starts at
/// split.first_after when there is a point with data on each side of it
/// (otherwise one phase).
Chart rebased_chart(const MeasureSeries& series, const Split& split, ChartOptions options = {});

}  // namespace closeloop::metrics

CLOSELOOP_ENUM_WORDS_INLINE(closeloop::metrics::SeriesKind, closeloop::metrics::kSeriesKindText);
