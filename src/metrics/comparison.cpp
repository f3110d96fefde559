#include "closeloop/metrics/comparison.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "closeloop/core/error.hpp"
#include "closeloop/metrics/distributions.hpp"

namespace closeloop::metrics {

namespace {

// 2^53: the largest count a double (and so every formula below) holds
// exactly; the sum of two counts near 2^62 would also overflow int64.
constexpr std::int64_t kLargestCount = std::int64_t{1} << 53;

// A confidence level strictly between 0 and 1.
void require_confidence(double confidence) {
  if (!(confidence > 0 && confidence < 1)) {
    throw InputError("confidence must be between 0 and 1, got " + std::to_string(confidence));
  }
}

void require_exact_count(std::int64_t count, const char* name) {
  if (count > kLargestCount) {
    throw InputError(std::string(name) + " = " + std::to_string(count) + " exceeds 2^53 = " +
                     std::to_string(kLargestCount) + ", the largest count computed exactly");
  }
}

void require_finite_rate(double rate, const char* name, std::int64_t count, double exposure) {
  if (!std::isfinite(rate)) {
    throw InputError(std::string(name) + " rate is not finite (count " + std::to_string(count) +
                     " over exposure " + std::to_string(exposure) +
                     "): the exposure is too small for this multiplier");
  }
}

}  // namespace

RateComparison compare_rates(std::int64_t before_count, double before_exposure,
                             std::int64_t after_count, double after_exposure, double confidence,
                             double per) {
  if (before_count < 0 || after_count < 0) {
    throw InputError("event counts must be >= 0, got " + std::to_string(before_count) + " and " +
                     std::to_string(after_count));
  }
  if (!(before_exposure > 0) || !(after_exposure > 0) || !std::isfinite(before_exposure) ||
      !std::isfinite(after_exposure)) {
    throw InputError("exposures must be positive and finite, got " +
                     std::to_string(before_exposure) + " and " + std::to_string(after_exposure));
  }
  require_exact_count(before_count, "before_count");
  require_exact_count(after_count, "after_count");
  require_confidence(confidence);
  if (!(per > 0) || !std::isfinite(per)) {
    throw InputError("rate multiplier must be positive, got " + std::to_string(per));
  }
  RateComparison out;
  out.before_count = before_count;
  out.before_exposure = before_exposure;
  out.after_count = after_count;
  out.after_exposure = after_exposure;
  out.per = per;
  out.confidence = confidence;
  const auto k1 = static_cast<double>(before_count);
  const auto k2 = static_cast<double>(after_count);
  out.before_rate = k1 / before_exposure * per;
  out.after_rate = k2 / after_exposure * per;
  require_finite_rate(out.before_rate, "before", before_count, before_exposure);
  require_finite_rate(out.after_rate, "after", after_count, after_exposure);
  const double exposure_ratio = before_exposure / after_exposure;  // E1 / E2
  if (!std::isfinite(exposure_ratio) || exposure_ratio == 0) {
    throw InputError("exposures " + std::to_string(before_exposure) + " and " +
                     std::to_string(after_exposure) + " differ by more than a double can hold");
  }
  const std::int64_t total = before_count + after_count;
  const double infinity = std::numeric_limits<double>::infinity();
  if (total == 0) {
    // No events: the data say nothing about the ratio.
    out.rate_ratio = std::numeric_limits<double>::quiet_NaN();
    out.ci_lower = 0.0;
    out.ci_upper = infinity;
    out.p_value = 1.0;
    return out;
  }
  out.rate_ratio = before_count == 0 ? infinity : k2 / k1 * exposure_ratio;
  const Interval split = clopper_pearson(after_count, total, confidence);
  auto to_ratio = [&](double p) {
    return p >= 1.0 ? infinity : p / (1.0 - p) * exposure_ratio;
  };
  out.ci_lower = to_ratio(split.lower);
  out.ci_upper = to_ratio(split.upper);
  out.p_value = binomial_test_two_sided(after_count, total,
                                        after_exposure / (before_exposure + after_exposure));
  return out;
}

RateComparison compare_before_after(const Grid& grid, std::size_t group, DayNumber change,
                                    double confidence) {
  if (group >= grid.groups()) {
    throw InputError("group " + std::to_string(group) + " is not in the grid of " +
                     std::to_string(grid.groups()) + " groups");
  }
  std::int64_t counts[2] = {0, 0};
  double exposure[2] = {0, 0};
  const std::size_t n = grid.periods();
  for (std::size_t p = 0; p < n; ++p) {
    const DayNumber start = grid.period_starts[p];
    const DayNumber end = next_period_start(grid.period, start);
    int side = -1;
    if (end <= change) side = 0;
    else if (start >= change) side = 1;
    if (side < 0) continue;  // the transition period
    counts[side] += grid.counts[group * n + p];
    exposure[side] += grid.exposure[group * n + p];
  }
  if (!(exposure[0] > 0) || !(exposure[1] > 0)) {
    throw InputError("group " + grid.label(group) + " has no exposure " +
                     (exposure[0] > 0 ? "after " : "before ") + to_iso(from_day_number(change)));
  }
  return compare_rates(counts[0], exposure[0], counts[1], exposure[1], confidence, grid.per);
}

ProportionComparison compare_proportions(std::int64_t before_successes,
                                         std::int64_t before_trials,
                                         std::int64_t after_successes,
                                         std::int64_t after_trials, double confidence) {
  auto check = [](std::int64_t x, std::int64_t n, const char* side) {
    if (n <= 0 || x < 0 || x > n) {
      throw InputError(std::string(side) + ": need 0 <= successes <= trials and trials > 0, got " +
                       std::to_string(x) + " of " + std::to_string(n));
    }
  };
  check(before_successes, before_trials, "before");
  check(after_successes, after_trials, "after");
  require_exact_count(before_trials, "before_trials");
  require_exact_count(after_trials, "after_trials");
  require_confidence(confidence);
  ProportionComparison out;
  out.before_successes = before_successes;
  out.before_trials = before_trials;
  out.after_successes = after_successes;
  out.after_trials = after_trials;
  out.confidence = confidence;
  const double p1 = static_cast<double>(before_successes) / static_cast<double>(before_trials);
  const double p2 = static_cast<double>(after_successes) / static_cast<double>(after_trials);
  out.before_proportion = p1;
  out.after_proportion = p2;
  out.difference = p2 - p1;
  const Interval w1 = wilson(before_successes, before_trials, confidence);
  const Interval w2 = wilson(after_successes, after_trials, confidence);
  // Newcombe (1998) method 10 for theta = p2 - p1.
  out.ci_lower = out.difference - std::sqrt((p2 - w2.lower) * (p2 - w2.lower) +
                                            (w1.upper - p1) * (w1.upper - p1));
  out.ci_upper = out.difference + std::sqrt((w2.upper - p2) * (w2.upper - p2) +
                                            (p1 - w1.lower) * (p1 - w1.lower));
  return out;
}

namespace {

double median_of(std::vector<double> xs) {
  std::sort(xs.begin(), xs.end());
  const std::size_t half = xs.size() / 2;
  return xs.size() % 2 == 1 ? xs[half] : (xs[half - 1] + xs[half]) / 2;
}

double mean_of(std::span<const double> xs) {
  double sum = 0;
  for (double x : xs) sum += x;
  return sum / static_cast<double>(xs.size());
}

}  // namespace

DurationComparison compare_durations(std::span<const double> before, std::span<const double> after,
                                     double confidence, const std::string& name) {
  auto check = [&](std::span<const double> xs, const char* side) {
    if (xs.empty()) throw InputError(name + ": no durations " + side);
    for (std::size_t i = 0; i < xs.size(); ++i) {
      if (!std::isfinite(xs[i]) || xs[i] < 0) {
        throw InputError(name + ": duration " + std::to_string(i) + " " + side + " is " +
                         std::to_string(xs[i]) + "; durations are finite and at least 0");
      }
    }
  };
  check(before, "before");
  check(after, "after");
  require_confidence(confidence);
  DurationComparison out;
  out.confidence = confidence;
  out.before_n = before.size();
  out.after_n = after.size();
  out.before_median = median_of({before.begin(), before.end()});
  out.after_median = median_of({after.begin(), after.end()});
  out.before_mean = mean_of(before);
  out.after_mean = mean_of(after);
  out.median_difference = out.after_median - out.before_median;
  out.mean_difference = out.after_mean - out.before_mean;

  const auto n1 = static_cast<double>(before.size());
  const auto n2 = static_cast<double>(after.size());
  std::vector<double> differences;
  differences.reserve(before.size() * after.size());
  for (double a : after) {
    for (double b : before) differences.push_back(a - b);
  }
  std::sort(differences.begin(), differences.end());
  out.shift = median_of(differences);
  const double z = normal_quantile(1 - (1 - confidence) / 2);
  const double k = std::floor(n1 * n2 / 2 - z * std::sqrt(n1 * n2 * (n1 + n2 + 1) / 12));
  const double infinity = std::numeric_limits<double>::infinity();
  if (k < 1) {
    out.ci_lower = -infinity;
    out.ci_upper = infinity;
  } else {
    const auto index = static_cast<std::size_t>(k) - 1;
    out.ci_lower = differences[index];
    out.ci_upper = differences[differences.size() - 1 - index];
  }

  // Mann–Whitney U of `after` from mid-ranks of the pooled sample.
  std::vector<std::pair<double, int>> pooled;
  for (double a : after) pooled.emplace_back(a, 1);
  for (double b : before) pooled.emplace_back(b, 0);
  std::sort(pooled.begin(), pooled.end());
  double rank_sum = 0;
  double tie_term = 0;
  for (std::size_t i = 0; i < pooled.size();) {
    std::size_t j = i;
    while (j < pooled.size() && pooled[j].first == pooled[i].first) ++j;
    const double mid_rank = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;
    const auto t = static_cast<double>(j - i);
    tie_term += t * t * t - t;
    for (std::size_t m = i; m < j; ++m) {
      if (pooled[m].second == 1) rank_sum += mid_rank;
    }
    i = j;
  }
  const double n = n1 + n2;
  out.u_statistic = rank_sum - n2 * (n2 + 1) / 2;
  const double mu = n1 * n2 / 2;
  const double sigma = std::sqrt(n1 * n2 / 12 * ((n + 1) - tie_term / (n * (n - 1))));
  const double u = std::max(out.u_statistic, n1 * n2 - out.u_statistic);
  if (sigma > 0) {
    const double z_u = (u - mu - 0.5) / sigma;
    out.p_value = std::min(1.0, std::erfc(z_u / std::sqrt(2.0)));  // 2 x normal sf
  } else {
    out.p_value = 1.0;  // every value tied: no evidence of a shift
  }
  return out;
}

}  // namespace closeloop::metrics
