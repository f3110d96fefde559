#pragma once
/// \file
/// Statistical process control charts over spans of numbers: XmR (individuals),
/// run chart, c, u, p, Laney u' and p', t, g, plus qicharts2's mr and i'
/// charts. Each chart has per point a value, centre, limits, phase and one flag
/// per rule, per phase the Anhoej run statistics, and the Making Data Count
/// verdicts. Formulas, defaults and the peers they follow: docs/spc.md.
///
/// Missing values are NaN: a missing point keeps its phase and (where they do
/// not depend on the point) its centre and limits, is left out of every
/// centre, limit and moving range, carries no flag, and rules see the present
/// points as consecutive (qicharts2's runs analysis does the same).

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "closeloop/core/enum_words.hpp"
#include "closeloop/metrics/rules.hpp"
#include "closeloop/metrics/verdict.hpp"

namespace closeloop::metrics {

/// The kinds of chart.
enum class ChartKind : std::uint8_t {
  xmr,   ///< individuals chart, limits from the mean moving range
  run,   ///< run chart about the median, Anhoej rules, no limits
  c,     ///< counts of events with constant opportunity (Poisson)
  u,     ///< rates: counts over exposures (Poisson); Laney u' with `laney`
  p,     ///< proportions: numerators over denominators (binomial); Laney p' with `laney`
  t,     ///< time between events: an I chart on y^(1/3.6), back-transformed
  g,     ///< opportunities between events (geometric), median centre
  mr,    ///< moving ranges of individuals (qicharts2's "mr")
  ip,    ///< I' chart: individuals with unequal subgroup sizes (qicharts2's "ip")
  xbar,  ///< subgroup means, limits from the (pooled) subgroup standard deviation
  s,     ///< subgroup standard deviations
};

/// "xmr", "run", "c", "u", "p", "t", "g", "mr", "ip", "xbar", "s".
[[nodiscard]] std::string_view to_string(ChartKind kind) noexcept;
/// Parses one of the words of to_string(ChartKind); InputError otherwise.
[[nodiscard]] ChartKind parse_chart_kind(std::string_view text);

/// NHSRplotthedots' XmR limit factor: limits are mean +/- 2.66 x mean moving range.
inline constexpr double mdc_mr_constant = 2.66;
/// qicharts2's I and t chart factor: 3 sigma with sigma = mean moving range / 1.128.
inline constexpr double qic_mr_constant = 3.0 / 1.128;
/// Moving ranges at or above this multiple of their mean are screened out once.
inline constexpr double mr_screen_factor = 3.267;

/// Options shared by every chart. Defaults follow docs/spc.md.
struct ChartOptions {
  /// 0-based index of the first point of each new phase, strictly increasing,
  /// each in [1, n). Each phase has its own centre, limits and rules.
  std::vector<std::size_t> phases;
  /// Number of leading points of each phase from which centre and limits are
  /// computed, then extended over the phase; 0 means every point. Otherwise >= 2.
  std::size_t baseline = 0;
  /// The rules evaluated (the run chart always uses long_run and few_crossings).
  RuleSet rules = RuleSet::mdc();
  /// The direction of improvement, for the verdicts.
  Improvement improvement = Improvement::neutral;
  /// The target for the assurance verdict.
  std::optional<double> target;
  /// Screen moving ranges >= 3.267 x their mean out once (XmR, t, Laney, i').
  bool screen_mr = true;
  /// Limit factor on the mean moving range for XmR and t charts; unset means
  /// 2.66 for XmR and 3/1.128 for t.
  std::optional<double> mr_constant;
  /// Multiplier of u-chart values, centre and limits (1000 for "per 1,000").
  double per = 1.0;
  /// Laney's adjustment for u and p charts (u', p').
  bool laney = false;
  /// 0-based indices of points left out of centre, limits and run rules
  /// (qicharts2's `exclude`), strictly increasing. They keep outside_limits.
  std::vector<std::size_t> exclude;
};

/// Anhoej run statistics and the limits of one phase (qicharts2's summary).
struct PhaseSummary {
  std::size_t start = 0;            ///< index of the phase's first point
  std::size_t size = 0;             ///< number of points in the phase
  double centre = 0.0;              ///< the phase's centre line (NaN if none)
  std::size_t n_obs = 0;            ///< points not excluded (missing ones included)
  std::size_t n_useful = 0;         ///< present points not on the centre
  std::size_t longest_run = 0;      ///< longest run on one side of the centre
  std::size_t longest_run_max = 0;  ///< round(log2(n_useful)) + 3
  std::size_t crossings = 0;        ///< number of times the centre is crossed
  std::size_t crossings_min = 0;    ///< qbinom(0.05, n_useful - 1, 0.5)
  bool runs_signal = false;         ///< longest_run > max or crossings < min
};

/// The two verdicts of a chart.
struct ChartVerdict {
  /// The per-point type of the last present point.
  PointType last_point = PointType::common_cause;
  /// The Making Data Count variation icon from the last present point.
  Variation variation = Variation::insufficient_data;
  /// The assurance icon against the target (none without one).
  Assurance assurance = Assurance::none;
};

/// Caller-provided output columns, each with exactly one element per point.
struct ChartColumns {
  std::span<double> value;         ///< the plotted value (rates multiplied by `per`)
  std::span<double> centre;        ///< centre line
  std::span<double> lcl;           ///< lower 3-sigma limit (NaN where none)
  std::span<double> ucl;           ///< upper 3-sigma limit (NaN where none)
  std::span<double> lcl_2sigma;    ///< lower 2-sigma line (NaN where none)
  std::span<double> ucl_2sigma;    ///< upper 2-sigma line (NaN where none)
  std::span<std::uint32_t> phase;  ///< 0-based phase of each point
  std::array<std::span<std::uint8_t>, rule_count> flags;  ///< 0/1 per rule (indexed by Rule)
  std::span<PointType> point_type;                        ///< MDC type of each point
  /// Why each point is special cause; may be left empty (then not written).
  std::span<SpecialCause> special_cause;
};

/// A computed chart: columns of one element per point, phases, verdicts.
struct Chart {
  ChartKind kind = ChartKind::xmr;   ///< which chart
  std::vector<double> value;         ///< the plotted value
  std::vector<double> centre;        ///< centre line
  std::vector<double> lcl;           ///< lower 3-sigma limit (NaN where none)
  std::vector<double> ucl;           ///< upper 3-sigma limit (NaN where none)
  std::vector<double> lcl_2sigma;    ///< lower 2-sigma line (NaN where none)
  std::vector<double> ucl_2sigma;    ///< upper 2-sigma line (NaN where none)
  std::vector<std::uint32_t> phase;  ///< 0-based phase of each point
  std::array<std::vector<std::uint8_t>, rule_count> flags;  ///< 0/1 per rule and point
  std::vector<PointType> point_type;                        ///< MDC type of each point
  std::vector<SpecialCause> special_cause;                  ///< why each point is special cause
  std::vector<PhaseSummary> phases;                         ///< one per phase
  RuleSet rules;                                            ///< the rules that were evaluated
  Improvement improvement = Improvement::neutral;           ///< direction used for verdicts
  std::optional<double> target;                             ///< the target, if any
  ChartVerdict verdict;                                     ///< variation and assurance

  /// Number of points.
  [[nodiscard]] std::size_t size() const noexcept { return value.size(); }
  /// Whether `rule` flagged point `i`.
  [[nodiscard]] bool flagged(Rule rule, std::size_t i) const {
    return flags[static_cast<std::size_t>(rule)].at(i) != 0;
  }
  /// Whether any enabled rule flagged point `i`.
  [[nodiscard]] bool any_signal(std::size_t i) const;
  /// Spans over this chart's columns.
  [[nodiscard]] ChartColumns columns() noexcept;
};

/// The rules a chart of `kind` evaluates: the run chart always the Anhoej
/// rules about its median (long_run, few_crossings, default lengths), every
/// other chart `requested`.
[[nodiscard]] RuleSet rules_for(ChartKind kind, const RuleSet& requested) noexcept;

/// Sets the options callers name in words (the command's --rules and
/// --improvement, the Python bindings' rules= and improvement=): `rules` as
/// RuleSet::parse reads it, `improvement` as parse_improvement. A word not
/// given keeps the default (mdc, neutral).
void set_chart_words(ChartOptions& options, const std::optional<std::string>& rules,
                     const std::optional<std::string>& improvement);

/// Computes a chart of `kind` into `out`, reusing its buffers (no allocation
/// once they are large enough). `denominators` are exposures for u, the
/// denominators for p and i', subgroup sizes for s, and must be empty for the
/// other kinds (xbar needs xbar_chart). Throws
/// InputError naming the argument and index; `out` is unchanged then.
void compute_chart(ChartKind kind, std::span<const double> values,
                   std::span<const double> denominators, const ChartOptions& options, Chart& out);

/// Computes a chart of `kind` into caller-provided columns (each of the
/// input's length) and returns its verdicts; allocation-free for inputs
/// without phases beyond scratch space reused per thread. Throws InputError
/// before writing anything.
ChartVerdict compute_chart_into(ChartKind kind, std::span<const double> values,
                                std::span<const double> denominators, const ChartOptions& options,
                                const ChartColumns& out);

/// Computes a chart of `kind` and returns it.
[[nodiscard]] Chart compute_chart(ChartKind kind, std::span<const double> values,
                                  std::span<const double> denominators,
                                  const ChartOptions& options = {});

/// XmR (individuals) chart: centre = mean, limits = mean +/- mr_constant x mean MR.
[[nodiscard]] Chart xmr(std::span<const double> values, const ChartOptions& options = {});
/// Run chart: centre = median, no limits, Anhoej rules.
[[nodiscard]] Chart run_chart(std::span<const double> values, const ChartOptions& options = {});
/// c chart of non-negative counts: centre = mean, limits = centre +/- 3 sqrt(centre).
[[nodiscard]] Chart c_chart(std::span<const double> counts, const ChartOptions& options = {});
/// u chart of counts per exposure (x options.per); Laney u' with options.laney.
[[nodiscard]] Chart u_chart(std::span<const double> counts, std::span<const double> exposures,
                            const ChartOptions& options = {});
/// u chart into `out`, reusing its buffers: the per-series call of the trend job.
void u_chart(std::span<const double> counts, std::span<const double> exposures,
             const ChartOptions& options, Chart& out);
/// p chart of numerators over denominators; Laney p' with options.laney.
[[nodiscard]] Chart p_chart(std::span<const double> numerators,
                            std::span<const double> denominators, const ChartOptions& options = {});
/// t chart of positive times between events.
[[nodiscard]] Chart t_chart(std::span<const double> intervals, const ChartOptions& options = {});
/// g chart of non-negative opportunities between events.
[[nodiscard]] Chart g_chart(std::span<const double> counts_between,
                            const ChartOptions& options = {});

/// Xbar chart of subgroup means, given each subgroup's standard deviation and
/// size (qicharts2's "xbar"): centre = size-weighted mean, sigma = pooled
/// standard deviation (mean of the sds when all sizes are equal), limits
/// centre +/- A3(n) sigma.
[[nodiscard]] Chart xbar_chart(std::span<const double> means, std::span<const double> sds,
                               std::span<const double> sizes, const ChartOptions& options = {});
/// S chart of subgroup standard deviations with their sizes (qicharts2's "s"):
/// limits B3(n) and B4(n) times the centre.
[[nodiscard]] Chart s_chart(std::span<const double> sds, std::span<const double> sizes,
                            const ChartOptions& options = {});

}  // namespace closeloop::metrics

CLOSELOOP_ENUM_WORDS(closeloop::metrics::ChartKind, 11);
