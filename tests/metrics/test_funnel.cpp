#include <gtest/gtest.h>

#include <cmath>

#include "closeloop/core/error.hpp"
#include "closeloop/metrics/funnel.hpp"

namespace closeloop::metrics {
namespace {

TEST(Funnel, PooledTargetExactPoissonLimitsAndFlags) {
  const std::vector<std::int64_t> counts{10, 30, 0, 15};
  const std::vector<double> exposure{1000, 5000, 0, 200};
  const Funnel f = funnel({"A", "B", "C", "D"}, counts, exposure);
  // Pooled over units with exposure: (10 + 30 + 15) / 6200 x 1000.
  EXPECT_NEAR(f.target, 55.0 / 6200 * 1000, 1e-12);
  // Unit A: expected m = target x 1 (1000 days). Limits are
  // gamma.ppf(0.025, m) and gamma.ppf(0.975, m + 1) over the exposure, per 1000.
  EXPECT_NEAR(f.rate[0], 10.0, 1e-12);
  EXPECT_TRUE(std::isnan(f.rate[2]));
  EXPECT_TRUE(std::isnan(f.upper_95[2]));
  EXPECT_EQ(f.flag_95[2], 0);
  // Unit A (rate 10) sits inside scipy's gamma.ppf(0.025, m) = 4.0289 and
  // gamma.ppf(0.975, m + 1) = 16.9152 for m = 8.871 expected events.
  EXPECT_NEAR(f.lower_95[0], 4.028908925898574, 1e-9);
  EXPECT_NEAR(f.upper_95[0], 16.915227742690618, 1e-9);
  EXPECT_EQ(f.flag_95[0], 0);
  // Unit D: 15 events in 200 days, rate 75 against upper limits of
  // 34.32 (95%) and 53.98 (99.8%) per 1000 for m = 1.774 expected events.
  EXPECT_NEAR(f.upper_95[3], 34.316780291677155, 1e-9);
  EXPECT_NEAR(f.upper_998[3], 53.97854641835151, 1e-9);
  EXPECT_EQ(f.flag_95[3], 1);
  EXPECT_EQ(f.flag_998[3], 1);
  EXPECT_EQ(f.labels[3], "D");
}

TEST(Funnel, LimitsAgainstScipy) {
  // Target 20/3 per 1000, exposure 1000: m = 20/3. scipy.stats.gamma.ppf 1.10.1.
  const Interval l95 = funnel_limits(20.0 / 3, 1000, 0.95);
  EXPECT_NEAR(l95.lower, 2.6069123763305027, 1e-11);
  EXPECT_NEAR(l95.upper, 13.971018425423683, 1e-11);
  const Interval l998 = funnel_limits(20.0 / 3, 1000, 0.998);
  EXPECT_NEAR(l998.lower, 1.378098534588408, 1e-11);
  EXPECT_NEAR(l998.upper, 19.108832180952295, 1e-11);
  // Exposure 5000: m = 100/3; the event limits over 5 (thousand days).
  const Interval wide = funnel_limits(20.0 / 3, 5000, 0.95);
  EXPECT_NEAR(wide.lower, 22.992167272227608 / 5, 1e-10);
  EXPECT_NEAR(wide.upper, 46.73364859388415 / 5, 1e-10);
  // A zero target: lower 0, upper -log(0.025) events.
  const Interval zero = funnel_limits(0, 500, 0.95);
  EXPECT_EQ(zero.lower, 0.0);
  EXPECT_NEAR(zero.upper, -std::log(0.025) / 500 * 1000, 1e-12);
}

TEST(Funnel, FromGridAndErrors) {
  Grid grid;
  grid.period_starts = {0, 31};
  grid.by = {GroupKey::service_id};
  grid.keys = {{"S1", "S2"}};
  grid.measure = {"occupied_bed_days", "occupied_bed_days"};
  grid.counts = {1, 2, 3, 4};
  grid.exposure = {100, 100, 200, 200};
  grid.per = 1000;
  const Funnel f = funnel(grid);
  EXPECT_EQ(f.counts, (std::vector<std::int64_t>{3, 7}));
  EXPECT_EQ(f.exposure, (std::vector<double>{200, 400}));
  EXPECT_NEAR(f.target, 10.0 / 600 * 1000, 1e-12);
  const Funnel fixed = funnel(grid, 5.0);
  EXPECT_EQ(fixed.target, 5.0);
  const std::vector<std::int64_t> counts{1};
  const std::vector<double> none{0};
  EXPECT_THROW((void)funnel({"A"}, counts, none), InputError);
  const std::vector<double> two{1, 2};
  EXPECT_THROW((void)funnel({"A"}, counts, two), InputError);
}

}  // namespace
}  // namespace closeloop::metrics
