#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "closeloop/core/error.hpp"
#include "closeloop/metrics/comparison.hpp"

namespace closeloop::metrics {
namespace {

TEST(Comparison, RateRatioWithExactInterval) {
  // 20 falls in 3,000 bed days before, 30 in 2,000 after.
  const RateComparison r = compare_rates(20, 3000, 30, 2000);
  EXPECT_DOUBLE_EQ(r.before_rate, 20.0 / 3000 * 1000);
  EXPECT_DOUBLE_EQ(r.after_rate, 15.0);
  EXPECT_NEAR(r.rate_ratio, 2.25, 1e-14);
  // Clopper-Pearson for 30 of 50 (scipy binomtest(30, 50).proportion_ci):
  // 0.4517940284791804 .. 0.7359216049054262, mapped by p / (1 - p) x E1 / E2.
  const double low = 0.4517940284791804;
  const double high = 0.7359216049054262;
  EXPECT_NEAR(r.ci_lower, low / (1 - low) * 1.5, 1e-11);
  EXPECT_NEAR(r.ci_upper, high / (1 - high) * 1.5, 1e-11);
  // scipy.stats.binomtest(30, 50, 0.4).pvalue.
  EXPECT_NEAR(r.p_value, 0.005557527020269432, 1e-12);
}

TEST(Comparison, ZeroEventsAfter) {
  // 10 before, none after, equal exposure: RR 0, lower 0, upper from
  // p_U = 1 - 0.025^(1/10) = 0.30849710781876, RR_U = p_U / (1 - p_U).
  const RateComparison r = compare_rates(10, 1000, 0, 1000);
  EXPECT_EQ(r.rate_ratio, 0.0);
  EXPECT_EQ(r.ci_lower, 0.0);
  const double p_upper = 1 - std::pow(0.025, 0.1);
  EXPECT_NEAR(r.ci_upper, p_upper / (1 - p_upper), 1e-12);
  EXPECT_NEAR(r.ci_upper, 0.44612, 1e-5);
  // Both extreme splits (0 or 10 after) have probability 1/1024.
  EXPECT_NEAR(r.p_value, 2.0 / 1024, 1e-15);
}

TEST(Comparison, ZeroEventsBeforeAndNone) {
  const RateComparison r = compare_rates(0, 1000, 4, 1000);
  EXPECT_TRUE(std::isinf(r.rate_ratio));
  EXPECT_TRUE(std::isinf(r.ci_upper));
  const double p_lower = std::pow(0.025, 0.25);  // Clopper-Pearson lower at 4 of 4
  EXPECT_NEAR(r.ci_lower, p_lower / (1 - p_lower), 1e-10);
  const RateComparison none = compare_rates(0, 1000, 0, 500);
  EXPECT_TRUE(std::isnan(none.rate_ratio));
  EXPECT_EQ(none.p_value, 1.0);
  EXPECT_EQ(none.ci_lower, 0.0);
  EXPECT_THROW((void)compare_rates(1, 0, 1, 10), InputError);
  EXPECT_THROW((void)compare_rates(-1, 10, 1, 10), InputError);
  EXPECT_THROW((void)compare_rates(1, 10, 1, 10, 1.0), InputError);
}

TEST(Comparison, NewcombeMethodTenMatchesPublishedExamples) {
  // Newcombe (1998), Statistics in Medicine 17:873-890, Table II, method 10.
  // Published to 4 decimals. Ours is after - before, so "after" is the first sample.
  struct Case {
    int x1, n1, x2, n2;
    double lower, upper;
  };
  for (const Case c : {Case{56, 70, 48, 80, 0.0524, 0.3339}, Case{9, 10, 3, 10, 0.1705, 0.8090},
                       Case{5, 56, 0, 29, -0.0381, 0.1926}}) {
    const ProportionComparison r = compare_proportions(c.x2, c.n2, c.x1, c.n1);
    EXPECT_NEAR(r.difference, double(c.x1) / c.n1 - double(c.x2) / c.n2, 1e-15);
    EXPECT_NEAR(r.ci_lower, c.lower, 5e-5) << c.x1 << "/" << c.n1;
    EXPECT_NEAR(r.ci_upper, c.upper, 5e-5) << c.x1 << "/" << c.n1;
  }
  EXPECT_THROW((void)compare_proportions(5, 4, 1, 2), InputError);
  EXPECT_THROW((void)compare_proportions(0, 0, 1, 2), InputError);
}

TEST(Comparison, BeforeAfterOnAGridLeavesOutTheTransitionPeriod) {
  Grid grid;
  grid.period = PeriodKind::month;
  for (unsigned m = 1; m <= 4; ++m) grid.period_starts.push_back(days_from_civil(2026, m, 1));
  grid.keys = {};
  grid.measure = {"occupied_bed_days"};
  grid.counts = {6, 4, 9, 1};
  grid.exposure = {1000, 1000, 1000, 1000};
  // Change on 15 February: January before, February left out, March-April after.
  const RateComparison r = compare_before_after(grid, 0, days_from_civil(2026, 2, 15));
  EXPECT_EQ(r.before_count, 6);
  EXPECT_EQ(r.after_count, 10);
  EXPECT_EQ(r.before_exposure, 1000);
  EXPECT_EQ(r.after_exposure, 2000);
  // Change on 1 March: January-February before.
  const RateComparison s = compare_before_after(grid, 0, days_from_civil(2026, 3, 1));
  EXPECT_EQ(s.before_count, 10);
  EXPECT_EQ(s.after_count, 10);
  EXPECT_NEAR(s.rate_ratio, 1.0, 1e-15);
  EXPECT_EQ(s.p_value, 1.0);
  EXPECT_THROW((void)compare_before_after(grid, 0, days_from_civil(2027, 1, 1)), InputError);
  EXPECT_THROW((void)compare_before_after(grid, 1, days_from_civil(2026, 3, 1)), InputError);
}

TEST(Comparison, DurationsHodgesLehmannAndMannWhitney) {
  // Hours to escalate, with ties. Expected values from scipy 1.10.1:
  //   r = scipy.stats.mannwhitneyu(after, before, alternative="two-sided",
  //                                method="asymptotic", use_continuity=True)
  //   r.statistic = 9.5, r.pvalue = 0.033071845342898074
  // and numpy: d = sorted(a - b for a in after for b in before);
  //   np.median(d) = -2.0; k = floor(56/2 - 1.959964 sqrt(56 x 16 / 12)) = 11;
  //   d[k-1] = -3.0, d[56-k] = 0.0.
  const std::vector<double> before{3, 5, 4, 6, 5, 7, 4};
  const std::vector<double> after{2, 4, 3, 5, 3, 4, 2, 3};
  const DurationComparison c = compare_durations(before, after);
  EXPECT_EQ(c.before_n, 7U);
  EXPECT_EQ(c.after_n, 8U);
  EXPECT_DOUBLE_EQ(c.before_median, 5.0);
  EXPECT_DOUBLE_EQ(c.after_median, 3.0);
  EXPECT_DOUBLE_EQ(c.median_difference, -2.0);
  EXPECT_NEAR(c.mean_difference, -1.6071428571428568, 1e-14);
  EXPECT_DOUBLE_EQ(c.shift, -2.0);
  EXPECT_DOUBLE_EQ(c.ci_lower, -3.0);
  EXPECT_DOUBLE_EQ(c.ci_upper, 0.0);
  EXPECT_DOUBLE_EQ(c.u_statistic, 9.5);
  EXPECT_NEAR(c.p_value, 0.033071845342898074, 1e-12);
}

TEST(Comparison, DurationsWhollySeparated) {
  // The escalation scenario's weekly median hours. scipy 1.10.1 as above:
  // statistic 0.0, pvalue 3.5735899810122086e-05; numpy: HL shift -6.0,
  // k = 38, limits -7.0 and -5.1; medians differ by -6.05, means by -6.041666666666666.
  const std::vector<double> before{6.5, 8.0, 5.5, 7.0, 9.5, 6.0, 7.5, 8.5, 6.5, 7.0, 5.0, 8.0};
  const std::vector<double> after{2.0, 1.5, 1.0, 1.2, 0.8, 1.1, 0.9, 0.7, 1.0, 0.8, 0.6, 0.9};
  const DurationComparison c = compare_durations(before, after);
  EXPECT_DOUBLE_EQ(c.u_statistic, 0.0);
  EXPECT_NEAR(c.p_value, 3.5735899810122086e-05, 1e-15);
  EXPECT_NEAR(c.shift, -6.0, 1e-12);
  EXPECT_NEAR(c.ci_lower, -7.0, 1e-12);
  EXPECT_NEAR(c.ci_upper, -5.1, 1e-12);
  EXPECT_NEAR(c.median_difference, -6.05, 1e-12);
  EXPECT_NEAR(c.mean_difference, -6.041666666666666, 1e-12);
}

TEST(Comparison, DurationsRefuseEmptyOrNegative) {
  const std::vector<double> some{1, 2};
  const std::vector<double> none;
  const std::vector<double> negative{1, -3};
  try {
    (void)compare_durations(some, none, 0.95, "time to escalate");
    FAIL() << "compared with nothing";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(), "time to escalate: no durations after");
  }
  EXPECT_THROW((void)compare_durations(negative, some), InputError);
}

}  // namespace
}  // namespace closeloop::metrics
