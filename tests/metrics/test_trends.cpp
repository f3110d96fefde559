#include <gtest/gtest.h>

#include <array>
#include <cmath>
#include <map>
#include <memory>
#include <tuple>
#include <cstdio>
#include <string>
#include <utility>
#include <vector>

#include "closeloop/core/error.hpp"
#include "closeloop/metrics/trends.hpp"

namespace closeloop::metrics {
namespace {

// One service, 2026-01 onwards, `counts[m]` falls in month m and `exposure[m]`
// occupied bed days (no row when negative).
struct Series {
  IncidentTable incidents;
  ExposureTable exposure;
};

Series one_service(const std::vector<int>& counts, const std::vector<double>& exposure) {
  std::string incidents =
      "incident_id,service_id,occurred_at,category,harm\n";
  int id = 0;
  for (std::size_t m = 0; m < counts.size(); ++m) {
    const std::string date =
        to_iso(from_day_number(days_from_civil(2026 + static_cast<int>(m / 12),
                                               static_cast<unsigned>(m % 12) + 1, 15)));
    for (int k = 0; k < counts[m]; ++k) {
      incidents += "I" + std::to_string(id++) + ",S1," + date + ",fall,none\n";
    }
  }
  std::string exposure_text = "service_id,period,measure,value\n";
  for (std::size_t m = 0; m < exposure.size(); ++m) {
    if (exposure[m] < 0) continue;
    const std::string period =
        to_iso(from_day_number(days_from_civil(2026 + static_cast<int>(m / 12),
                                               static_cast<unsigned>(m % 12) + 1, 1)))
            .substr(0, 7);
    exposure_text += "S1," + period + ",occupied_bed_days," +
                     std::to_string(exposure[m]) + "\n";
  }
  return {IncidentTable::read_csv(CsvReader::from_string(incidents)),
          ExposureTable::read_csv(CsvReader::from_string(exposure_text))};
}

TrendOptions falls_u_chart() {
  TrendOptions options;
  options.by = {GroupKey::service_id};
  options.measures = {Measure::occupied_bed_days};
  options.categories = {"fall"};
  return options;
}

TEST(Trends, UChartByHand) {
  const Series s = one_service({2, 4, 6, 8}, {1000, 1000, 1000, 1000});
  const TrendResult r = trends(s.incidents, s.exposure, falls_u_chart());
  ASSERT_EQ(r.size(), 4U);
  ASSERT_EQ(r.series_count(), 1U);
  EXPECT_EQ(r.label(0), "S1");
  EXPECT_EQ(r.period_start[1], days_from_civil(2026, 2, 1));
  EXPECT_EQ(r.count[3], 8);
  EXPECT_DOUBLE_EQ(r.rate[3], 8.0);
  EXPECT_DOUBLE_EQ(r.value[3], 8.0);
  // u-bar = 20 / 4000 = 0.005 a day: centre 5 per 1,000; sigma per point
  // sqrt(0.005 / 1000) x 1000 = 2.2360680; limits 5 +/- 6.7082039, lower floored at 0.
  for (std::size_t i = 0; i < 4; ++i) {
    EXPECT_NEAR(r.centre[i], 5.0, 1e-12);
    EXPECT_NEAR(r.ucl[i], 5.0 + 3 * std::sqrt(0.005 / 1000) * 1000, 1e-12);
    EXPECT_EQ(r.lcl[i], 0.0);
  }
  EXPECT_EQ(r.series_measure[0], "occupied_bed_days");
  EXPECT_EQ(r.variation[0], Variation::common_cause);
}

TEST(Trends, PeriodWithoutExposureIsAMissingPoint) {
  // March has no bed days: its rate is NaN and it is left out of the centre.
  const Series s = one_service({2, 4, 1, 8}, {1000, 1000, -1, 1000});
  const TrendResult r = trends(s.incidents, s.exposure, falls_u_chart());
  ASSERT_EQ(r.size(), 4U);
  EXPECT_EQ(r.count[2], 1);
  EXPECT_EQ(r.exposure[2], 0.0);
  EXPECT_TRUE(std::isnan(r.rate[2]));
  EXPECT_TRUE(std::isnan(r.value[2]));
  // Centre from the other three months: 14 / 3000 x 1000.
  EXPECT_NEAR(r.centre[0], 14.0 / 3, 1e-12);
  for (std::size_t rule = 0; rule < rule_count; ++rule) EXPECT_EQ(r.flags[rule][2], 0);
}

TEST(Trends, ShiftsAreFlaggedAndGiveTheVerdict) {
  // Eight months at 2 per 1,000 then seven at 9: u-bar = 79 / 15000.
  std::vector<int> counts(8, 2);
  counts.insert(counts.end(), 7, 9);
  const Series s = one_service(counts, std::vector<double>(15, 1000));
  TrendOptions options = falls_u_chart();
  options.improvement = Improvement::decrease;
  const TrendResult r = trends(s.incidents, s.exposure, options);
  ASSERT_EQ(r.size(), 15U);
  const double centre = 79.0 / 15000 * 1000;
  EXPECT_NEAR(r.centre[0], centre, 1e-12);
  // Upper limit centre + 3 sqrt(centre / 1000 / 1000) x 1000 = 12.15: nothing outside.
  EXPECT_NEAR(r.ucl[0], centre + 3 * std::sqrt(centre / 1e6) * 1000, 1e-12);
  const auto& shift = r.flags[static_cast<std::size_t>(Rule::shift)];
  const auto& outside = r.flags[static_cast<std::size_t>(Rule::outside_limits)];
  for (std::size_t i = 0; i < 15; ++i) {
    EXPECT_EQ(shift[i], 1) << i;  // a run of 8 below, then 7 above
    EXPECT_EQ(outside[i], 0) << i;
  }
  // The last point is in an upward shift and lower is better: concern.
  EXPECT_EQ(r.variation[0], Variation::concern_high);
  EXPECT_EQ(r.point_type[14], PointType::concern);
  EXPECT_EQ(r.point_type[0], PointType::improvement);
  // 9 per 1,000 is below the upper 2-sigma line (centre + 2 x 2.295 = 9.86):
  // the shift, not two-of-three, is why the late points are special.
  EXPECT_EQ(r.special_cause[14], SpecialCause::shift_above);
  EXPECT_EQ(r.special_cause[0], SpecialCause::shift_below);
}

TEST(Trends, MatchesOneChartPerSeries) {
  // Two services with different patterns, charted together and one by one.
  const std::string incidents =
      "incident_id,service_id,occurred_at,category,harm\n"
      "a,S1,2026-01-03,fall,none\nb,S1,2026-01-09,fall,none\nc,S1,2026-02-03,fall,low\n"
      "d,S2,2026-01-03,fall,none\ne,S2,2026-03-09,fall,none\nf,S2,2026-03-10,fall,none\n"
      "g,S2,2026-03-11,medication_error,none\nh,S1,2026-04-30,fall,none\n";
  const std::string exposure =
      "service_id,period,measure,value\n"
      "S1,2026-01,occupied_bed_days,600\nS1,2026-02,occupied_bed_days,560\n"
      "S1,2026-03,occupied_bed_days,610\nS1,2026-04,occupied_bed_days,590\n"
      "S2,2026-01,occupied_bed_days,300\nS2,2026-02,occupied_bed_days,280\n"
      "S2,2026-03,occupied_bed_days,310\nS2,2026-04,occupied_bed_days,300\n";
  const auto inc = IncidentTable::read_csv(CsvReader::from_string(incidents));
  const auto exp = ExposureTable::read_csv(CsvReader::from_string(exposure));
  TrendOptions options = falls_u_chart();
  options.by = {GroupKey::service_id, GroupKey::category};
  const TrendResult r = trends(inc, exp, options);
  ASSERT_EQ(r.series_count(), 2U);
  ASSERT_EQ(r.size(), 8U);
  EXPECT_EQ(r.series_keys[1], (std::vector<std::string>{"fall", "fall"}));
  const std::vector<std::vector<double>> counts{{2, 1, 0, 1}, {1, 0, 2, 0}};
  const std::vector<std::vector<double>> exposures{{600, 560, 610, 590}, {300, 280, 310, 300}};
  for (std::size_t s = 0; s < 2; ++s) {
    ChartOptions chart_options;
    chart_options.per = 1000;
    const Chart chart = u_chart(counts[s], exposures[s], chart_options);
    for (std::size_t p = 0; p < 4; ++p) {
      const std::size_t row = s * 4 + p;
      EXPECT_EQ(r.series[row], s);
      EXPECT_DOUBLE_EQ(r.value[row], chart.value[p]);
      EXPECT_DOUBLE_EQ(r.centre[row], chart.centre[p]);
      EXPECT_DOUBLE_EQ(r.ucl[row], chart.ucl[p]);
      EXPECT_DOUBLE_EQ(r.lcl[row], chart.lcl[p]);
    }
  }
}

TEST(Trends, CChartRebaseAndErrors) {
  const Series s = one_service({5, 6, 4, 5, 1, 0, 2, 1}, std::vector<double>(8, 1000));
  TrendOptions options = falls_u_chart();
  options.chart = ChartKind::c;
  options.measures = {};
  options.rebase = {days_from_civil(2026, 5, 1)};
  const TrendResult r = trends(s.incidents, s.exposure, options);
  // Phase 1: mean 5; phase 2 (from May): mean 1; c chart limits c +/- 3 sqrt(c).
  EXPECT_EQ(r.phase[3], 0U);
  EXPECT_EQ(r.phase[4], 1U);
  EXPECT_DOUBLE_EQ(r.centre[0], 5.0);
  EXPECT_DOUBLE_EQ(r.centre[7], 1.0);
  EXPECT_NEAR(r.ucl[0], 5 + 3 * std::sqrt(5.0), 1e-12);
  EXPECT_NEAR(r.ucl[7], 4.0, 1e-12);
  EXPECT_TRUE(std::isnan(r.rate[0]));  // no measure asked for: no rate

  options.rebase = {days_from_civil(2030, 1, 1)};
  EXPECT_THROW((void)trends(s.incidents, s.exposure, options), InputError);
  options.rebase = {};
  options.chart = ChartKind::p;
  EXPECT_THROW((void)trends(s.incidents, s.exposure, options), InputError);
  options.chart = ChartKind::u;
  EXPECT_THROW((void)trends(s.incidents, s.exposure, options), InputError);  // no measure
}

}  // namespace
}  // namespace closeloop::metrics

namespace closeloop::metrics {
namespace {

TEST(Trends, ChartOfASeriesIsItsRowsWithTheJobsOptions) {
  // A shift after eight months, a rebase at month 9 and a missing month: the
  // series' chart must carry the same phases, missing point and flags.
  std::vector<int> counts(8, 2);
  counts.insert(counts.end(), 8, 9);
  std::vector<double> exposure(16, 1000);
  exposure[4] = -1;
  const Series s = one_service(counts, exposure);
  TrendOptions options = falls_u_chart();
  options.improvement = Improvement::decrease;
  options.rebase = {days_from_civil(2026, 9, 1)};
  const TrendResult r = trends(s.incidents, s.exposure, options);
  const Chart chart = r.chart_of(0);
  ASSERT_EQ(chart.size(), r.size());
  for (std::size_t i = 0; i < r.size(); ++i) {
    EXPECT_EQ(std::isnan(chart.value[i]), std::isnan(r.value[i])) << i;
    if (!std::isnan(r.value[i])) {
      EXPECT_EQ(chart.value[i], r.value[i]) << i;
    }
    EXPECT_EQ(chart.centre[i], r.centre[i]) << i;
    EXPECT_EQ(chart.phase[i], r.phase[i]) << i;
    for (std::size_t rule = 0; rule < rule_count; ++rule) EXPECT_EQ(chart.flags[rule][i], r.flags[rule][i]);
    EXPECT_EQ(chart.point_type[i], r.point_type[i]) << i;
  }
  EXPECT_EQ(r.phase.back(), 1U);
  EXPECT_EQ(chart.verdict.variation, r.variation[0]);
  const std::vector<std::string> key{"S1"};
  EXPECT_EQ(r.find(key), std::optional<std::size_t>(0));
  EXPECT_EQ(r.find(std::vector<std::string>{"S2"}), std::nullopt);
  EXPECT_THROW((void)r.chart_of(1), InputError);
}

// A job large enough to be shared among the cores (2.4 million incidents,
// 1,200 services x 2 categories x 120 months = 288,000 points): every count
// is what a plain loop over the rows gives, and every series' rows are its
// chart computed alone. Incident i: service i % 1200, category (i / 1200) % 2,
// day (i * 7) % 3652 from 2016-01-01, so the expected counts follow by hand.
TEST(Trends, ALargeJobSharedAmongCoresIsTheSumOfItsParts) {
  constexpr std::int32_t kServices = 1200;
  constexpr std::size_t kRows = 2'400'000;
  const DayNumber first_day = days_from_civil(2016, 1, 1);
  const DayNumber last_day = first_day + 3651;  // 2025-12-31
  std::vector<std::string> services;
  for (std::int32_t s = 0; s < kServices; ++s) services.push_back("S" + std::to_string(s));
  auto service = std::make_shared<std::vector<std::int32_t>>(kRows);
  auto category = std::make_shared<std::vector<std::int32_t>>(kRows);
  auto harm = std::make_shared<std::vector<std::uint8_t>>(kRows, 0);
  auto day = std::make_shared<std::vector<DayNumber>>(kRows);
  for (std::size_t i = 0; i < kRows; ++i) {
    (*service)[i] = static_cast<std::int32_t>(i % kServices);
    (*category)[i] = static_cast<std::int32_t>((i / kServices) % 2);
    (*day)[i] = first_day + static_cast<DayNumber>((i * 7) % 3652);
  }
  IncidentColumns columns;
  columns.service = *service;
  columns.category = *category;
  columns.harm = *harm;
  columns.day = *day;
  auto keeper = std::make_shared<std::tuple<decltype(service), decltype(category), decltype(harm),
                                            decltype(day)>>(service, category, harm, day);
  const IncidentTable incidents = IncidentTable::from_columns(
      columns, services, {"fall", "medication_error"}, StringColumn(), keeper);
  std::vector<std::int32_t> exposure_service;
  std::vector<DayNumber> exposure_month;
  std::vector<double> exposure_value;
  for (std::int32_t s = 0; s < kServices; ++s) {
    for (int m = 0; m < 120; ++m) {
      exposure_service.push_back(s);
      exposure_month.push_back(days_from_civil(2016 + m / 12, static_cast<unsigned>(m % 12) + 1, 1));
      exposure_value.push_back(900.0 + s % 50);
    }
  }
  const std::vector<std::uint8_t> measure(exposure_value.size(),
                                          static_cast<std::uint8_t>(Measure::occupied_bed_days));
  const ExposureTable exposure = ExposureTable::from_columns(
      services, exposure_service, exposure_month, measure, exposure_value);

  TrendOptions options;
  options.by = {GroupKey::service_id, GroupKey::category};
  options.measures = {Measure::occupied_bed_days};
  options.improvement = Improvement::decrease;
  const TrendResult r = trends(incidents, exposure, options);
  ASSERT_EQ(r.period_starts.size(), 120U);
  ASSERT_EQ(r.series_count(), 2400U);
  ASSERT_EQ(r.size(), 288'000U);
  EXPECT_EQ(r.period_starts.front(), first_day);
  EXPECT_EQ(from_day_number(r.period_starts.back()), parse_date("2025-12-01"));

  // The counts by hand: month index of each incident's day, series in key order.
  std::map<std::pair<std::string, std::string>, std::vector<std::int64_t>> expected;
  const std::array<std::string, 2> words{"fall", "medication_error"};
  for (std::size_t i = 0; i < kRows; ++i) {
    const auto ymd = from_day_number((*day)[i]).year_month_day();
    const auto month = static_cast<std::size_t>((static_cast<int>(ymd.year) - 2016) * 12 +
                                                static_cast<int>(ymd.month) - 1);
    auto& row = expected[{services[static_cast<std::size_t>((*service)[i])],
                          words[static_cast<std::size_t>((*category)[i])]}];
    row.resize(120, 0);
    ++row[month];
  }
  ASSERT_LE((*day)[kRows - 1], last_day);
  std::int64_t total = 0;
  for (std::size_t s = 0; s < r.series_count(); ++s) {
    const auto& want = expected.at({r.series_keys[0][s], r.series_keys[1][s]});
    for (std::size_t p = 0; p < 120; ++p) {
      ASSERT_EQ(r.count[s * 120 + p], want[p]) << r.label(s) << " period " << p;
      ASSERT_EQ(r.series[s * 120 + p], s);
      ASSERT_EQ(r.period_start[s * 120 + p], r.period_starts[p]);
      total += r.count[s * 120 + p];
    }
  }
  EXPECT_EQ(total, static_cast<std::int64_t>(kRows));

  // Every series' rows are its chart alone (every 97th series and the last).
  std::vector<std::size_t> checked;
  for (std::size_t s = 0; s < r.series_count(); s += 97) checked.push_back(s);
  checked.push_back(r.series_count() - 1);
  for (const std::size_t s : checked) {
    const Chart chart = r.chart_of(s);
    for (std::size_t p = 0; p < 120; ++p) {
      const std::size_t row = s * 120 + p;
      ASSERT_EQ(chart.value[p], r.value[row]) << r.label(s) << " " << p;
      ASSERT_EQ(chart.centre[p], r.centre[row]);
      ASSERT_EQ(chart.lcl[p], r.lcl[row]);
      ASSERT_EQ(chart.ucl[p], r.ucl[row]);
      ASSERT_EQ(chart.point_type[p], r.point_type[row]);
      for (std::size_t rule = 0; rule < rule_count; ++rule) {
        ASSERT_EQ(chart.flags[rule][p], r.flags[rule][row]);
      }
    }
    EXPECT_EQ(chart.verdict.variation, r.variation[s]);
    EXPECT_EQ(chart.verdict.assurance, r.assurance[s]);
  }
}

}  // namespace
}  // namespace closeloop::metrics
