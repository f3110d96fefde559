#pragma once
/// \file
/// Before/after comparisons around a date (when an action was implemented):
/// the ratio of two Poisson rates with an exact conditional-binomial
/// confidence interval and p-value, and the difference of two proportions
/// (audit results) with Newcombe's hybrid score interval. Definitions and
/// worked examples: docs/metrics.md.

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "closeloop/core/date.hpp"
#include "closeloop/metrics/grid.hpp"

namespace closeloop::metrics {

/// Two rates and their ratio (after / before).
struct RateComparison {
  std::int64_t before_count = 0;   ///< events before
  double before_exposure = 0;      ///< exposure before
  std::int64_t after_count = 0;    ///< events after
  double after_exposure = 0;       ///< exposure after
  double per = 1000;               ///< the rate multiplier
  double before_rate = 0;          ///< before_count / before_exposure x per
  double after_rate = 0;           ///< after_count / after_exposure x per
  double rate_ratio = 0;           ///< after_rate / before_rate (NaN when no events at all)
  double ci_lower = 0;             ///< exact lower confidence limit of the ratio
  double ci_upper = 0;             ///< exact upper confidence limit (infinite when before_count is 0)
  double p_value = 1;              ///< exact two-sided p-value of rate ratio = 1
  double confidence = 0.95;        ///< the confidence level
};

/// Compares two Poisson rates. Given k = k1 + k2 events, k2 ~ Binomial(k, p)
/// with p = E2 RR / (E1 + E2 RR): the interval is Clopper–Pearson's on p,
/// mapped to RR = p E1 / ((1 - p) E2); the p-value is the exact two-sided
/// binomial test of p = E2 / (E1 + E2). InputError for negative counts,
/// exposures that are not positive and finite, or a confidence outside (0, 1).
RateComparison compare_rates(std::int64_t before_count, double before_exposure,
                             std::int64_t after_count, double after_exposure,
                             double confidence = 0.95, double per = 1000.0);

/// Compares one group of a grid before and after `change`: periods that end
/// before `change` are "before", periods that start on or after it are
/// "after", and the period containing `change` (if it starts before it) is
/// left out as a transition. InputError if either side has no exposure.
RateComparison compare_before_after(const Grid& grid, std::size_t group, DayNumber change,
                                    double confidence = 0.95);

/// Two proportions (e.g. audits passed / audited) and their difference.
struct ProportionComparison {
  std::int64_t before_successes = 0;  ///< successes before
  std::int64_t before_trials = 0;     ///< trials before
  std::int64_t after_successes = 0;   ///< successes after
  std::int64_t after_trials = 0;      ///< trials after
  double before_proportion = 0;       ///< before_successes / before_trials
  double after_proportion = 0;        ///< after_successes / after_trials
  double difference = 0;              ///< after_proportion - before_proportion
  double ci_lower = 0;                ///< Newcombe (method 10) lower limit
  double ci_upper = 0;                ///< Newcombe (method 10) upper limit
  double confidence = 0.95;           ///< the confidence level
};

/// The difference after - before of two proportions with Newcombe's interval
/// from Wilson score intervals without continuity correction (method 10).
/// InputError unless 0 <= successes <= trials and trials > 0.
ProportionComparison compare_proportions(std::int64_t before_successes,
                                         std::int64_t before_trials,
                                         std::int64_t after_successes,
                                         std::int64_t after_trials, double confidence = 0.95);

/// Two samples of durations (e.g. hours to escalate) before and after.
struct DurationComparison {
  std::size_t before_n = 0;       ///< items before
  std::size_t after_n = 0;        ///< items after
  double before_median = 0;       ///< median before
  double after_median = 0;        ///< median after
  double before_mean = 0;         ///< mean before
  double after_mean = 0;          ///< mean after
  double median_difference = 0;   ///< after_median - before_median
  double mean_difference = 0;     ///< after_mean - before_mean
  /// Hodges–Lehmann estimate of the shift after - before: the median of all
  /// n1 x n2 differences after_j - before_i.
  double shift = 0;
  double ci_lower = 0;            ///< lower limit of the shift (distribution-free, Moses)
  double ci_upper = 0;            ///< upper limit of the shift
  double u_statistic = 0;         ///< Mann–Whitney U of the after sample
  double p_value = 1;             ///< two-sided Mann–Whitney p (normal, ties and continuity corrected)
  double confidence = 0.95;       ///< the confidence level
};

/// Compares two samples of durations: difference in medians and in means,
/// the Hodges–Lehmann shift with its distribution-free confidence interval
/// (the k-th smallest and k-th largest pairwise difference, k =
/// floor(n1 n2 / 2 - z sqrt(n1 n2 (n1 + n2 + 1) / 12)); infinite limits when
/// k < 1), and the two-sided Mann–Whitney test by the normal approximation
/// with tie and continuity corrections (scipy.stats.mannwhitneyu,
/// method="asymptotic"). InputError naming `name` when a sample is empty or
/// holds a negative or non-finite duration.
DurationComparison compare_durations(std::span<const double> before, std::span<const double> after,
                                     double confidence = 0.95,
                                     const std::string& name = "durations");

}  // namespace closeloop::metrics
