// One measure series behind every figure: the same incidents and exposure of
// the sample provider pushed through the measure series, the trend job,
// lifecycle effectiveness and the report builder give the same counts,
// exposures, rates, before/after split, centres and limits, figure for figure.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "closeloop/lifecycle/effectiveness.hpp"
#include "closeloop/metrics/measure_series.hpp"
#include "closeloop/metrics/trends.hpp"
#include "closeloop/report/build.hpp"
#include "closeloop/sample/provider.hpp"
#include "../lifecycle/fixtures.hpp"

namespace closeloop::report {
namespace {

namespace mx = closeloop::metrics;

const closeloop::sample::SampleProvider& sample() {
  static const closeloop::sample::SampleProvider provider = closeloop::sample::generate_sample_provider();
  return provider;
}

ReportOptions options() {
  ReportOptions o;
  o.period_start = Date(2025, 12, 1);
  o.period_end = Date(2026, 11, 30);
  o.as_of = sample().as_of;  // 2026-11-26
  o.generator = "closeloop test";
  // Four months follow A-FALL-1's implementation: allow a phase that short
  // so that the rebased chart can be compared with the other paths.
  o.min_phase_points = 4;
  return o;
}

// NaN equals NaN; otherwise equal to 1e-12 relative.
void expect_same(double a, double b, const std::string& what) {
  if (std::isnan(a) || std::isnan(b)) {
    EXPECT_TRUE(std::isnan(a) && std::isnan(b)) << what << ": " << a << " vs " << b;
    return;
  }
  EXPECT_NEAR(a, b, 1e-12 * std::max(1.0, std::abs(b))) << what;
}

TEST(OneSeries, MeasureSeriesTrendJobEffectivenessAndReportAgree) {
  const auto& s = sample();
  const GovernanceReport report = build_report(s.reg, s.incidents, s.exposures, s.services, options());
  const MetricSeries* oak = nullptr;
  for (const auto& series : report.trends) {
    if (series.id == "fall-oak-house") oak = &series;
  }
  ASSERT_NE(oak, nullptr);
  ASSERT_EQ(oak->phase_breaks.size(), 1U);
  const Date implemented = oak->phase_breaks.front().date;  // A-FALL-1, 24 Jun 2026
  const Date first = oak->points.front().period_start;
  const Date last = oak->points.back().period_start.end_of_month();

  // 1. The primitive.
  mx::RateSpec spec;
  spec.category = "fall";
  spec.scope.services = {"oak-house"};
  spec.measures = {mx::Measure::occupied_bed_days};
  spec.per = 1000;
  mx::SeriesOptions range;
  range.first = to_day_number(first);
  range.last = to_day_number(last);
  const mx::MeasureSeries series = mx::rate_series(s.incidents, s.exposures, spec, range);
  const mx::Split split = mx::split_series(series, to_day_number(implemented),
                                           to_day_number(std::min(options().period_end, options().as_of)));
  mx::ChartOptions chart_options;
  chart_options.improvement = mx::Improvement::decrease;
  const mx::Chart chart = mx::rebased_chart(series, split, chart_options);
  ASSERT_EQ(series.size(), oak->points.size());
  EXPECT_EQ(split.first_after, oak->phase_breaks.front().index);

  // 2. The trend job, rebased at the same date.
  mx::TrendOptions trend;
  trend.by = {mx::GroupKey::service_id, mx::GroupKey::category};
  trend.categories = {"fall"};
  trend.measures = {mx::Measure::occupied_bed_days};
  trend.per = 1000;
  trend.improvement = mx::Improvement::decrease;
  trend.first = to_day_number(first);
  trend.last = to_day_number(last);
  trend.rebase = {to_day_number(implemented)};
  const mx::TrendResult trends = mx::trends(s.incidents, s.exposures, trend, &s.services);
  std::size_t row = trends.size();
  for (std::size_t r = 0; r < trends.size(); ++r) {
    if (trends.label(trends.series[r]) == "oak-house / fall") {
      row = r;
      break;
    }
  }
  ASSERT_LT(row, trends.size());

  for (std::size_t i = 0; i < series.size(); ++i) {
    const SeriesPoint& p = oak->points[i];
    const std::string at = "period " + to_iso(p.period_start);
    EXPECT_EQ(from_day_number(series.period_start[i]), p.period_start) << at;
    EXPECT_EQ(trends.period_start[row + i], series.period_start[i]) << at;
    // Counts and exposures.
    expect_same(series.numerator[i], p.count, at + " count (report)");
    expect_same(series.denominator[i], p.exposure, at + " exposure (report)");
    expect_same(static_cast<double>(trends.count[row + i]), series.numerator[i], at + " count (trends)");
    expect_same(trends.exposure[row + i], series.denominator[i], at + " exposure (trends)");
    // Rates, centres and limits.
    expect_same(series.value[i], p.value, at + " rate (report)");
    expect_same(trends.value[row + i], series.value[i], at + " rate (trends)");
    expect_same(chart.centre[i], p.centre, at + " centre (report)");
    expect_same(chart.lcl[i], p.lcl, at + " lcl (report)");
    expect_same(chart.ucl[i], p.ucl, at + " ucl (report)");
    expect_same(trends.centre[row + i], chart.centre[i], at + " centre (trends)");
    expect_same(trends.lcl[row + i], chart.lcl[i], at + " lcl (trends)");
    expect_same(trends.ucl[row + i], chart.ucl[i], at + " ucl (trends)");
  }

  // 3. Effectiveness: every month it uses is a month of the same series with
  // the same figures, and its before/after sums are the split's.
  const lifecycle::Effectiveness e = lifecycle::evaluate_effectiveness(
      s.reg, s.incidents, ActionId("A-FALL-1"), s.exposures,
      std::min(options().period_end, options().as_of));
  EXPECT_EQ(e.implemented_on, implemented);
  double k[2] = {0, 0};
  double x[2] = {0, 0};
  std::size_t matched = 0;
  for (std::size_t j = 0; j < e.series.size(); ++j) {
    const int side = j < e.first_after ? 0 : 1;
    k[side] += static_cast<double>(e.series[j].count);
    x[side] += e.series[j].exposure;
    for (std::size_t i = 0; i < series.size(); ++i) {
      if (from_day_number(series.period_start[i]) != e.series[j].month) continue;
      ++matched;
      const std::string at = "effectiveness month " + to_iso(e.series[j].month);
      expect_same(static_cast<double>(e.series[j].count), series.numerator[i], at + " count");
      expect_same(e.series[j].exposure, series.denominator[i], at + " exposure");
      expect_same(e.series[j].rate, series.value[i], at + " rate");
      EXPECT_EQ(split.side[i], side == 0 ? mx::Side::before : mx::Side::after) << at;
    }
  }
  EXPECT_GT(matched, 0U);
  EXPECT_EQ(static_cast<double>(e.comparison.before_count), k[0]);
  EXPECT_EQ(static_cast<double>(e.comparison.after_count), k[1]);
  expect_same(e.comparison.before_exposure, x[0], "before exposure");
  expect_same(e.comparison.after_exposure, x[1], "after exposure");
  // Within the chart window the report's after side is the effectiveness after side.
  double report_after = 0;
  for (std::size_t i : split.after) report_after += series.numerator[i];
  EXPECT_EQ(report_after, k[1]);
}

TEST(OneSeries, TheReportQuotesTheVerdictOfAMeasureRecordedByChecks) {
  using lifecycle::testing::at;
  using lifecycle::testing::d;
  lifecycle::Register reg = lifecycle::testing::audit_register();
  const ActionId id = lifecycle::testing::kMed;
  lifecycle::testing::add_audits(reg, {15, 16, 14, 15, 17, 16, 17, 19, 20, 19, 20, 20, 19});
  reg.verify(id, at("2026-03-25T10:00"), "Jo Bell");
  lifecycle::EffectivenessOptions measured;
  measured.measure_index = 0;
  const lifecycle::Effectiveness e =
      lifecycle::evaluate_effectiveness(reg, id, mx::ExposureTable(), d("2026-08-31"), measured);
  reg.evaluate(id, at("2026-09-01T10:00"), "Jo Bell", e.verdict, e.summary());
  ReportOptions o;
  o.period_start = Date(2026, 3, 1);
  o.period_end = Date(2026, 8, 31);
  o.as_of = Date(2026, 9, 2);
  o.generator = "closeloop test";
  const GovernanceReport report = build_report(reg, mx::ExposureTable(), o);
  const EffectivenessClaim* claim = nullptr;
  for (const auto& c : report.effectiveness) {
    if (c.action_id == "MED-A1") claim = &c;
  }
  ASSERT_NE(claim, nullptr);
  EXPECT_EQ(claim->measure, "MAR documentation accuracy");
  EXPECT_EQ(claim->assessed_verdict, "effective");
  EXPECT_EQ(claim->assessed_reason, e.reason);
}

}  // namespace
}  // namespace closeloop::report
