// Hand-worked SPC examples: every expected number below was computed on paper
// (the arithmetic is in the comments), not by closeloop.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "closeloop/core/error.hpp"
#include "closeloop/metrics/spc.hpp"

namespace cm = closeloop::metrics;
using cm::Rule;

namespace {

constexpr double tol = 1e-9;

std::vector<std::size_t> flagged(const cm::Chart& chart, Rule rule) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < chart.size(); ++i) {
    if (chart.flagged(rule, i)) out.push_back(i);
  }
  return out;
}

using Idx = std::vector<std::size_t>;

// Baseline of 8 alternating points: centre 1.5, every moving range 1, so
// amr = 1; limits 1.5 -/+ 2.66 = -1.16 / 4.16; 2 sigma = 1.5 -/+ 2 (2.66/3)
// = 1.5 -/+ 1.77333... = -0.27333 / 3.27333.
cm::Chart mdc_after_baseline(std::vector<double> tail) {
  std::vector<double> values{2, 1, 2, 1, 2, 1, 2, 1};
  values.insert(values.end(), tail.begin(), tail.end());
  cm::ChartOptions options;
  options.baseline = 8;
  return cm::xmr(values, options);
}

}  // namespace

TEST(SpcUChart, TenPointsByHand) {
  // counts    2    3    1    2    4    5    1    0    1    1   (sum 20)
  // exposure 100  200   50  100  200   50  100   50   50  100   (sum 1000)
  // centre = 20 / 1000 = 0.02, x per 1000 = 20.
  // sigma_i = sqrt(0.02 / n_i):
  //   n = 100: sqrt(0.0002) = 0.0141421356  -> 3 sigma = 42.4264069 per 1000
  //   n = 200: sqrt(0.0001) = 0.01          -> 3 sigma = 30 per 1000
  //   n =  50: sqrt(0.0004) = 0.02          -> 3 sigma = 60 per 1000
  // ucl = 20 + 3 sigma: 62.4264069 / 50 / 80; lcl = 20 - 3 sigma < 0 -> 0.
  // 2-sigma upper: 20 + 28.2842712 / 20 + 20 / 20 + 40 = 48.2842712 / 40 / 60.
  // values per 1000: 20 15 20 20 20 100 10 0 20 10; only 100 > 80 is outside.
  const std::vector<double> counts{2, 3, 1, 2, 4, 5, 1, 0, 1, 1};
  const std::vector<double> exposures{100, 200, 50, 100, 200, 50, 100, 50, 50, 100};
  cm::ChartOptions options;
  options.per = 1000;
  const cm::Chart chart = cm::u_chart(counts, exposures, options);
  const std::vector<double> values{20, 15, 20, 20, 20, 100, 10, 0, 20, 10};
  const std::vector<double> ucl{62.42640687119285, 50, 80, 62.42640687119285, 50, 80,
                                62.42640687119285, 80, 80, 62.42640687119285};
  const std::vector<double> ucl2{48.28427124746190, 40, 60, 48.28427124746190, 40, 60,
                                 48.28427124746190, 60, 60, 48.28427124746190};
  ASSERT_EQ(chart.size(), 10u);
  for (std::size_t i = 0; i < 10; ++i) {
    EXPECT_NEAR(chart.value[i], values[i], tol) << i;
    EXPECT_NEAR(chart.centre[i], 20.0, tol) << i;
    EXPECT_NEAR(chart.ucl[i], ucl[i], tol) << i;
    EXPECT_EQ(chart.lcl[i], 0.0) << i;
    EXPECT_NEAR(chart.ucl_2sigma[i], ucl2[i], tol) << i;
  }
  EXPECT_EQ(flagged(chart, Rule::outside_limits), Idx{5});
  // No 7-run (20s sit on the centre), no 7-trend, no two-of-three.
  EXPECT_TRUE(flagged(chart, Rule::shift).empty());
  EXPECT_TRUE(flagged(chart, Rule::trend).empty());
  EXPECT_TRUE(flagged(chart, Rule::two_of_three).empty());
  // Last point 10 < 20, common cause.
  EXPECT_EQ(chart.verdict.variation, cm::Variation::common_cause);
}

TEST(SpcUChart, IntoCallerColumnsMatchesChart) {
  const std::vector<double> counts{2, 3, 1, 2, 4, 5, 1, 0, 1, 1};
  const std::vector<double> exposures{100, 200, 50, 100, 200, 50, 100, 50, 50, 100};
  cm::ChartOptions options;
  options.per = 1000;
  cm::Chart reference = cm::u_chart(counts, exposures, options);
  cm::Chart reused;
  reused.value.reserve(64);
  cm::u_chart(counts, exposures, options, reused);
  EXPECT_EQ(reused.ucl, reference.ucl);
  cm::Chart target;
  target.value.resize(10);
  target.centre.resize(10);
  target.lcl.resize(10);
  target.ucl.resize(10);
  target.lcl_2sigma.resize(10);
  target.ucl_2sigma.resize(10);
  target.phase.resize(10);
  for (auto& f : target.flags) f.resize(10);
  target.point_type.resize(10);
  const cm::ChartVerdict verdict =
      cm::compute_chart_into(cm::ChartKind::u, counts, exposures, options, target.columns());
  EXPECT_EQ(target.ucl, reference.ucl);
  EXPECT_EQ(target.flags, reference.flags);
  EXPECT_EQ(verdict.variation, reference.verdict.variation);
  target.ucl.resize(9);
  EXPECT_THROW(
      cm::compute_chart_into(cm::ChartKind::u, counts, exposures, options, target.columns()),
      closeloop::InputError);
}

TEST(SpcXmr, ShortSeriesByHand) {
  // values 5 7 6 8 4: mean 30/5 = 6; moving ranges 2 1 2 4, mean 9/4 = 2.25;
  // screen limit 3.267 x 2.25 = 7.35 removes none.
  // limits 6 -/+ 2.66 x 2.25 = 6 -/+ 5.985 -> 0.015 / 11.985;
  // 2 sigma 6 -/+ 2 (2.66/3) 2.25 = 6 -/+ 3.99 -> 2.01 / 9.99.
  const cm::Chart chart = cm::xmr(std::vector<double>{5, 7, 6, 8, 4});
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_NEAR(chart.centre[i], 6.0, tol);
    EXPECT_NEAR(chart.lcl[i], 0.015, tol);
    EXPECT_NEAR(chart.ucl[i], 11.985, tol);
    EXPECT_NEAR(chart.lcl_2sigma[i], 2.01, tol);
    EXPECT_NEAR(chart.ucl_2sigma[i], 9.99, tol);
  }
  // qicharts2's constant: 6 -/+ 3 x 2.25 / 1.128 = 6 -/+ 5.98404255319149.
  cm::ChartOptions qic;
  qic.mr_constant = cm::qic_mr_constant;
  const cm::Chart i_chart = cm::xmr(std::vector<double>{5, 7, 6, 8, 4}, qic);
  EXPECT_NEAR(i_chart.ucl[0], 11.98404255319149, tol);
}

TEST(SpcXmr, MovingRangeScreening) {
  // values 10 11 10 11 10 50 10 11: mean 123/8 = 15.375.
  // moving ranges 1 1 1 1 40 40 1: mean 85/7 = 12.142857...; 3.267 x that =
  // 39.67 screens both 40s, leaving 1 1 1 1 1: mean 1 -> limits 15.375 -/+ 2.66.
  const std::vector<double> values{10, 11, 10, 11, 10, 50, 10, 11};
  const cm::Chart screened = cm::xmr(values);
  EXPECT_NEAR(screened.lcl[0], 12.715, tol);
  EXPECT_NEAR(screened.ucl[0], 18.035, tol);
  // Unscreened: 15.375 -/+ 2.66 x 12.142857142857 = 15.375 -/+ 32.3 -> -16.925 / 47.675.
  cm::ChartOptions options;
  options.screen_mr = false;
  const cm::Chart raw = cm::xmr(values, options);
  EXPECT_NEAR(raw.lcl[0], -16.925, tol);
  EXPECT_NEAR(raw.ucl[0], 47.675, tol);
  EXPECT_EQ(flagged(screened, Rule::outside_limits), (Idx{0, 1, 2, 3, 4, 5, 6, 7}));
  EXPECT_EQ(flagged(raw, Rule::outside_limits), Idx{5});
}

TEST(SpcMdcRules, OutsideLimits) {
  EXPECT_EQ(flagged(mdc_after_baseline({4.5}), Rule::outside_limits), Idx{8});  // 4.5 > 4.16
  EXPECT_TRUE(flagged(mdc_after_baseline({4.1}), Rule::outside_limits).empty());
  EXPECT_EQ(flagged(mdc_after_baseline({-1.2}), Rule::outside_limits), Idx{8});  // < -1.16
}

TEST(SpcMdcRules, ShiftOfSevenFlagsEveryPoint) {
  // Baseline ends below the centre (1); then seven 2s above 1.5.
  const cm::Chart fires = mdc_after_baseline({2, 2, 2, 2, 2, 2, 2});
  EXPECT_EQ(flagged(fires, Rule::shift), (Idx{8, 9, 10, 11, 12, 13, 14}));
  EXPECT_TRUE(flagged(fires, Rule::trend).empty());  // ties break trends
  // Six above, then below: no shift.
  EXPECT_TRUE(flagged(mdc_after_baseline({2, 2, 2, 2, 2, 2, 1}), Rule::shift).empty());
  // A point exactly on the centre breaks the run: 3 + 4.
  EXPECT_TRUE(flagged(mdc_after_baseline({2, 2, 2, 1.5, 2, 2, 2, 2}), Rule::shift).empty());
  // An eighth point extends the shift.
  EXPECT_EQ(flagged(mdc_after_baseline({2, 2, 2, 2, 2, 2, 2, 2}), Rule::shift),
            (Idx{8, 9, 10, 11, 12, 13, 14, 15}));
}

TEST(SpcMdcRules, TrendOfSevenFlagsEveryPoint) {
  // 1 (baseline end) > 0.5, then 0.5 0.8 1.1 1.4 1.7 2.0 2.3 strictly increasing.
  const cm::Chart fires = mdc_after_baseline({0.5, 0.8, 1.1, 1.4, 1.7, 2.0, 2.3});
  EXPECT_EQ(flagged(fires, Rule::trend), (Idx{8, 9, 10, 11, 12, 13, 14}));
  EXPECT_TRUE(flagged(fires, Rule::shift).empty());  // 5 below, 3 above
  // Last point increasing: special cause, neutral direction -> neutral_high.
  EXPECT_EQ(fires.verdict.variation, cm::Variation::neutral_high);
  // A tie breaks the trend: six rising then equal.
  EXPECT_TRUE(
      flagged(mdc_after_baseline({0.5, 0.8, 1.1, 1.4, 1.7, 2.0, 2.0}), Rule::trend).empty());
  // Falling trend of seven: 2.3 ... 0.5 (the baseline's last 1 < 2.3 starts it fresh).
  const cm::Chart falling = mdc_after_baseline({2.3, 2.0, 1.7, 1.4, 1.1, 0.8, 0.5});
  EXPECT_EQ(flagged(falling, Rule::trend), (Idx{8, 9, 10, 11, 12, 13, 14}));
  EXPECT_EQ(falling.verdict.variation, cm::Variation::neutral_low);
}

TEST(SpcMdcRules, TwoOfThreeFlagsOnlyPointsBeyondTwoSigma) {
  // 3.5 and 3.6 lie between 3.2733 (2 sigma) and 4.16 (3 sigma); 2 is above
  // the centre 1.5: all three on one side -> 3.5 and 3.6 flagged, not 2.
  const cm::Chart fires = mdc_after_baseline({3.5, 2, 3.6});
  EXPECT_EQ(flagged(fires, Rule::two_of_three), (Idx{8, 10}));
  // The middle point below the centre: not all on one side.
  EXPECT_TRUE(flagged(mdc_after_baseline({3.5, 1, 3.6}), Rule::two_of_three).empty());
  // A point beyond 3 sigma is not "close to the limits" (NHSRplotthedots): one close point only.
  EXPECT_TRUE(flagged(mdc_after_baseline({3.5, 5, 2}), Rule::two_of_three).empty());
}

TEST(SpcMdcRules, VerdictsFollowImprovementDirection) {
  std::vector<double> values{2, 1, 2, 1, 2, 1, 2, 1, 4.5};
  cm::ChartOptions options;
  options.baseline = 8;
  options.improvement = cm::Improvement::decrease;
  options.target = 5.0;  // above ucl 4.16 and lower is better: consistent pass
  cm::Chart chart = cm::xmr(values, options);
  EXPECT_EQ(chart.point_type[8], cm::PointType::concern);
  EXPECT_EQ(chart.verdict.variation, cm::Variation::concern_high);
  EXPECT_EQ(chart.verdict.assurance, cm::Assurance::consistent_pass);
  options.improvement = cm::Improvement::increase;
  chart = cm::xmr(values, options);
  EXPECT_EQ(chart.verdict.variation, cm::Variation::improvement_high);
  EXPECT_EQ(chart.verdict.assurance, cm::Assurance::consistent_fail);
  options.target = 1.0;  // within -1.16 .. 4.16
  EXPECT_EQ(cm::xmr(values, options).verdict.assurance, cm::Assurance::inconsistent);
  options.target = -2.0;  // below lcl, higher is better: pass
  EXPECT_EQ(cm::xmr(values, options).verdict.assurance, cm::Assurance::consistent_pass);
  options.improvement = cm::Improvement::neutral;
  EXPECT_EQ(cm::xmr(values, options).verdict.assurance, cm::Assurance::none);
}

TEST(SpcPhases, EachPhaseHasItsOwnLimitsAndRuns) {
  // Phase 0: 1 2 1 2 -> centre 1.5, amr 1; phase 1: 11 12 11 12 -> centre 11.5.
  cm::ChartOptions options;
  options.phases = {4};
  const cm::Chart chart = cm::xmr(std::vector<double>{1, 2, 1, 2, 11, 12, 11, 12}, options);
  const std::vector<std::uint32_t> phase{0, 0, 0, 0, 1, 1, 1, 1};
  EXPECT_EQ(chart.phase, phase);
  EXPECT_NEAR(chart.centre[0], 1.5, tol);
  EXPECT_NEAR(chart.ucl[3], 4.16, tol);
  EXPECT_NEAR(chart.centre[4], 11.5, tol);
  EXPECT_NEAR(chart.lcl[7], 8.84, tol);
  ASSERT_EQ(chart.phases.size(), 2u);
  EXPECT_EQ(chart.phases[1].start, 4u);
  EXPECT_EQ(chart.phases[1].size, 4u);
  EXPECT_TRUE(flagged(chart, Rule::outside_limits).empty());
  // Without the phase: centre 6.5, moving ranges 1 1 1 9 1 1 1 (mean 15/7,
  // screen at 7.0 removes the 9) -> amr 1, limits 6.5 -/+ 2.66: all 8 outside.
  const cm::Chart single = cm::xmr(std::vector<double>{1, 2, 1, 2, 11, 12, 11, 12});
  EXPECT_NEAR(single.ucl[0], 9.16, tol);
  EXPECT_EQ(flagged(single, Rule::outside_limits).size(), 8u);
}

TEST(SpcPhases, NoRunCrossesAPhaseBoundary) {
  // Baseline 8 of 1 0 1 0 ... -> centre 0.5; then seven 2s above it: a shift.
  const std::vector<double> values{1, 0, 1, 0, 1, 0, 1, 0, 2, 2, 2, 2, 2, 2, 2};
  cm::ChartOptions options;
  options.baseline = 8;
  const cm::Chart whole = cm::xmr(values, options);
  EXPECT_EQ(flagged(whole, Rule::shift), (Idx{8, 9, 10, 11, 12, 13, 14}));
  // A phase from index 12 splits the seven 2s into 4 + 3: phase 0 keeps centre
  // 0.5 (a run of 4), phase 1's centre is 2 (all three on it): no shift.
  options.phases = {12};
  const cm::Chart split = cm::xmr(values, options);
  EXPECT_TRUE(flagged(split, Rule::shift).empty());
  EXPECT_NEAR(split.centre[12], 2.0, tol);
}

TEST(SpcBaseline, LimitsFromLeadingPointsExtended) {
  // Baseline 4 of 1 2 1 2 -> centre 1.5, amr 1, ucl 4.16: the later 5s are outside.
  cm::ChartOptions options;
  options.baseline = 4;
  const cm::Chart chart = cm::xmr(std::vector<double>{1, 2, 1, 2, 5, 5, 5}, options);
  EXPECT_NEAR(chart.centre[6], 1.5, tol);
  EXPECT_NEAR(chart.ucl[6], 4.16, tol);
  EXPECT_EQ(flagged(chart, Rule::outside_limits), (Idx{4, 5, 6}));
  // Baseline per phase: phase 1 (from index 3) uses 2 5 only -> centre 3.5.
  options.baseline = 2;
  options.phases = {3};
  const cm::Chart phased = cm::xmr(std::vector<double>{1, 2, 1, 2, 5, 5, 5}, options);
  EXPECT_NEAR(phased.centre[0], 1.5, tol);
  EXPECT_NEAR(phased.centre[3], 3.5, tol);
  EXPECT_NEAR(phased.ucl[3], 3.5 + 2.66 * 3, tol);
}

TEST(SpcAnhoej, RunChartStatistics) {
  // 10 alternating points about the median 1.5: 10 useful, 9 crossings,
  // longest run 1. max run = round(log2 10) + 3 = round(3.32) + 3 = 6.
  // min crossings = qbinom(0.05, 9, 0.5): P(X <= 1) = 10/512 = 0.0195,
  // P(X <= 2) = 46/512 = 0.0898 >= 0.05 -> 2.
  const cm::Chart chart = cm::run_chart(std::vector<double>{1, 2, 1, 2, 1, 2, 1, 2, 1, 2});
  ASSERT_EQ(chart.phases.size(), 1u);
  const cm::PhaseSummary& s = chart.phases[0];
  EXPECT_EQ(s.n_useful, 10u);
  EXPECT_EQ(s.crossings, 9u);
  EXPECT_EQ(s.longest_run, 1u);
  EXPECT_EQ(s.longest_run_max, 6u);
  EXPECT_EQ(s.crossings_min, 2u);
  EXPECT_FALSE(s.runs_signal);
  EXPECT_TRUE(std::isnan(chart.ucl[0]));
  // 1 1 1 1 1 1 1 2 2 2 2 2 2 2 ... median 1.5, a run of 7 in 14 points:
  // max run = round(log2 14) + 3 = 4 + 3 = 7, not exceeded; 1 crossing < qbinom(0.05, 13, .5) = 4.
  const cm::Chart few =
      cm::run_chart(std::vector<double>{1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2});
  EXPECT_EQ(few.phases[0].longest_run, 7u);
  EXPECT_EQ(few.phases[0].longest_run_max, 7u);
  EXPECT_EQ(few.phases[0].crossings_min, 4u);
  EXPECT_EQ(flagged(few, Rule::long_run).size(), 0u);
  EXPECT_EQ(flagged(few, Rule::few_crossings).size(), 14u);
  EXPECT_EQ(cm::min_crossings(0), 0u);
  EXPECT_EQ(cm::max_run_length(1), 3u);
}

TEST(SpcMissing, NanPointsAreSkipped) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // 5 7 NaN 6 8 4: mean 30/5 = 6; ranges 2 (5,7), 2 (6,8), 4 (8,4) -> the two
  // touching NaN dropped; amr 8/3; ucl = 6 + 2.66 x 8/3 = 13.09333...
  const cm::Chart chart = cm::xmr(std::vector<double>{5, 7, nan, 6, 8, 4});
  EXPECT_NEAR(chart.centre[2], 6.0, tol);
  EXPECT_NEAR(chart.ucl[0], 6 + 2.66 * 8 / 3, tol);
  for (const auto& f : chart.flags) EXPECT_EQ(f[2], 0);
}

TEST(SpcInput, RefusedWithArgumentAndIndex) {
  const std::vector<double> counts{1, 2, -1};
  const std::vector<double> exposures{10, 0, 10};
  auto message = [](auto&& call) {
    try {
      call();
    } catch (const closeloop::InputError& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(message([&] { (void)cm::c_chart(counts); }), "c_chart: counts[2] = -1 is negative");
  EXPECT_EQ(message([&] {
              (void)cm::u_chart(std::vector<double>{1, 2, 3}, exposures);
            }),
            "u_chart: exposures[1] = 0 must be greater than 0");
  EXPECT_EQ(message([&] {
              (void)cm::u_chart(counts, std::vector<double>{1, 2});
            }),
            "u_chart: counts has 3 values but exposures has 2");
  EXPECT_EQ(message([&] { (void)cm::p_chart(std::vector<double>{3}, std::vector<double>{2}); }),
            "p_chart: numerators[0] = 3 exceeds denominators[0] = 2");
  EXPECT_EQ(message([&] {
              (void)cm::t_chart(std::vector<double>{1, 0});
            }),
            "t_chart: intervals[1] = 0 must be greater than 0");
  cm::ChartOptions options;
  options.phases = {3, 2};
  EXPECT_EQ(message([&] {
              (void)cm::xmr(std::vector<double>{1, 2, 3, 4, 5}, options);
            }),
            "xmr: phases[1] = 2 is not after phases[0] = 3");
  options.phases = {5};
  EXPECT_EQ(message([&] {
              (void)cm::xmr(std::vector<double>{1, 2, 3, 4, 5}, options);
            }),
            "xmr: phases[0] = 5 is outside [1, 5)");
  options.phases = {};
  options.baseline = 1;
  EXPECT_EQ(message([&] {
              (void)cm::xmr(std::vector<double>{1, 2, 3}, options);
            }),
            "xmr: baseline = 1: must be 0 (every point) or at least 2");
  // A refused call leaves the output chart unchanged.
  cm::Chart out = cm::xmr(std::vector<double>{1, 2, 3});
  EXPECT_THROW(cm::u_chart(counts, exposures, cm::ChartOptions{}, out), closeloop::InputError);
  EXPECT_EQ(out.size(), 3u);
  EXPECT_EQ(out.kind, cm::ChartKind::xmr);
}

TEST(SpcLaney, EqualExposuresReduceToAnIChart) {
  // counts 1 4 2 over 10 each: rates 0.1 0.4 0.2, centre 7/30 = 0.233333.
  // sigma_i = sqrt(0.233333/10) = 0.152753 for every point, so z-score moving
  // ranges are |dy| / sigma_i = 0.3/s, 0.2/s: sigma_z = (0.25/s)/1.128 and
  // sigma_i x sigma_z = 0.25/1.128 = 0.221631 -> ucl = 0.233333 + 0.664894 = 0.898227,
  // lcl = 0.233333 - 0.664894 < 0 -> 0.
  cm::ChartOptions options;
  options.laney = true;
  const cm::Chart chart =
      cm::u_chart(std::vector<double>{1, 4, 2}, std::vector<double>{10, 10, 10}, options);
  EXPECT_NEAR(chart.ucl[1], 7.0 / 30 + 3 * 0.25 / 1.128, tol);
  EXPECT_NEAR(chart.ucl[1], 0.8982269503546, tol);
  EXPECT_EQ(chart.lcl[1], 0.0);
}

TEST(SpcSubgroups, XbarAndSWithEqualAndUnequalSizes) {
  // c4(3) = sqrt(2/2) Gamma(1.5)/Gamma(1) = sqrt(pi)/2 = 0.886227;
  // A3(3) = 3 / (0.886227 sqrt 3) = 1.954410.
  // means 10 12 11, sds 1 2 1.5, sizes 3: centre 11, sigma = mean sd = 1.5,
  // limits 11 -/+ 2.931615 -> 8.068385 / 13.931615.
  const std::vector<double> means{10, 12, 11};
  const std::vector<double> sds{1, 2, 1.5};
  const std::vector<double> sizes{3, 3, 3};
  const cm::Chart xbar = cm::xbar_chart(means, sds, sizes);
  EXPECT_NEAR(xbar.centre[0], 11.0, tol);
  EXPECT_NEAR(xbar.ucl[0], 13.93161507, 1e-8);
  EXPECT_NEAR(xbar.lcl[0], 8.06838493, 1e-8);
  // S chart: centre 1.5; c5 = sqrt(1 - pi/4) = 0.463251; B4 = 1 + 3 c5/c4 =
  // 2.568170 -> ucl 3.852255; B3 = 1 - 1.568170 < 0 -> 0.
  const cm::Chart s = cm::s_chart(sds, sizes);
  EXPECT_NEAR(s.centre[0], 1.5, tol);
  EXPECT_NEAR(s.ucl[0], 3.8522550, 1e-6);
  EXPECT_EQ(s.lcl[0], 0.0);
  // Unequal sizes 2 and 4, sds 1 and 2: pooled sqrt((1 x 1 + 3 x 4) / (1 + 3)) = sqrt(13/4).
  const cm::Chart pooled = cm::s_chart(std::vector<double>{1, 2}, std::vector<double>{2, 4});
  EXPECT_NEAR(pooled.centre[0], std::sqrt(13.0 / 4.0), tol);
  EXPECT_THROW((void)cm::compute_chart(cm::ChartKind::xbar, means, sizes), closeloop::InputError);
}

TEST(SpcMdcRules, SpecialCauseAndPointTypeFollowThePriority) {
  using cm::SpecialCause;
  // Shift above, neutral direction.
  const cm::Chart shift = mdc_after_baseline({2, 2, 2, 2, 2, 2, 2});
  EXPECT_EQ(shift.special_cause[8], SpecialCause::shift_above);
  EXPECT_EQ(shift.point_type[8], cm::PointType::neutral_high);
  EXPECT_EQ(shift.special_cause[7], SpecialCause::none);
  // Two of three below: -0.5 and -0.6 lie between -1.16 and -0.2733.
  const cm::Chart two = mdc_after_baseline({-0.5, 1, -0.6});
  EXPECT_EQ(two.special_cause[8], SpecialCause::two_of_three_below);
  EXPECT_EQ(two.special_cause[9], SpecialCause::none);
  // Outside beats trend: a rising trend of seven ending above the ucl (4.16).
  const cm::Chart rising = mdc_after_baseline({0.5, 0.8, 1.1, 1.4, 1.7, 2.0, 4.5});
  EXPECT_EQ(rising.special_cause[14], SpecialCause::above_ucl);
  EXPECT_EQ(rising.special_cause[13], SpecialCause::trend_increasing);
  // A peak shared by a rising and a falling trend takes the one to its right:
  // 0.0 0.3 ... 1.8 (7 rising) then 1.5 ... -0.0 (falling from the peak 1.8).
  const cm::Chart peak =
      mdc_after_baseline({0.0, 0.3, 0.6, 0.9, 1.2, 1.5, 1.8, 1.5, 1.2, 0.9, 0.6, 0.3, 0.0});
  EXPECT_EQ(peak.special_cause[13], SpecialCause::trend_increasing);
  EXPECT_EQ(peak.special_cause[14], SpecialCause::trend_decreasing);  // the peak
  EXPECT_EQ(peak.special_cause[20], SpecialCause::trend_decreasing);
  // With a direction the same causes become improvement or concern.
  std::vector<double> values{2, 1, 2, 1, 2, 1, 2, 1, 2, 2, 2, 2, 2, 2, 2};
  cm::ChartOptions options;
  options.baseline = 8;
  options.improvement = cm::Improvement::decrease;
  const cm::Chart concern = cm::xmr(values, options);
  EXPECT_EQ(concern.point_type[14], cm::PointType::concern);
  EXPECT_EQ(concern.verdict.variation, cm::Variation::concern_high);
}

// The rule-set words: one parse for the command and the bindings, and the
// words it writes back.
TEST(RuleSetWords, ParseReadsNamedSetsAndRuleLists) {
  EXPECT_EQ(cm::RuleSet::parse("mdc").enabled, cm::RuleSet::mdc().enabled);
  EXPECT_EQ(cm::RuleSet::parse("anhoej").enabled, cm::RuleSet::anhoej().enabled);
  const cm::RuleSet two = cm::RuleSet::parse("outside_limits,shift");
  EXPECT_TRUE(two.contains(Rule::outside_limits));
  EXPECT_TRUE(two.contains(Rule::shift));
  EXPECT_FALSE(two.contains(Rule::trend));
  EXPECT_EQ(cm::RuleSet::parse("").enabled, cm::RuleSet{}.enabled);
  for (const char* words : {"mdc", "anhoej", "outside_limits,shift", "long_run", ""}) {
    EXPECT_EQ(cm::to_string(cm::RuleSet::parse(words)), words);
  }
  // mdc's rules written one by one are still mdc.
  EXPECT_EQ(cm::to_string(cm::RuleSet::parse("outside_limits,shift,trend,two_of_three")), "mdc");
}

TEST(RuleSetWords, ParseRefusesWithOneMessage) {
  const std::string expected =
      "\": expected one of mdc, anhoej or rule names joined by commas (outside_limits, shift, "
      "trend, two_of_three, long_run, few_crossings)";
  for (const char* words : {"nhs", "shift,", ",shift", "shift,,trend", "shift,wiggle"}) {
    try {
      (void)cm::RuleSet::parse(words);
      ADD_FAILURE() << words << " was accepted";
    } catch (const closeloop::InputError& error) {
      EXPECT_EQ(error.what(), "unknown rule set \"" + std::string(words) + expected);
    }
  }
  EXPECT_THROW((void)cm::RuleSet::named("shift"), closeloop::InputError);
}

TEST(RuleSetWords, RunChartAlwaysUsesTheAnhoejRules) {
  const cm::RuleSet run = cm::rules_for(cm::ChartKind::run, cm::RuleSet::mdc());
  EXPECT_EQ(cm::to_string(run), "long_run,few_crossings");
  EXPECT_EQ(cm::to_string(cm::rules_for(cm::ChartKind::xmr, cm::RuleSet::mdc())), "mdc");
  const std::vector<double> values{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  EXPECT_EQ(cm::to_string(cm::run_chart(values).rules), "long_run,few_crossings");
}

TEST(RuleSetWords, ChartWordsKeepDefaultsWhenNotGiven) {
  cm::ChartOptions options;
  cm::set_chart_words(options, std::nullopt, std::nullopt);
  EXPECT_EQ(cm::to_string(options.rules), "mdc");
  EXPECT_EQ(options.improvement, cm::Improvement::neutral);
  cm::set_chart_words(options, std::string("anhoej"), std::string("decrease"));
  EXPECT_EQ(cm::to_string(options.rules), "anhoej");
  EXPECT_EQ(options.improvement, cm::Improvement::decrease);
}
