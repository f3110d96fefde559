// Hostile inputs to the metrics area (issue 14): out-of-range day numbers,
// overflowing charts, empty series, fractional counts, huge counts. Each
// test failed before its fix (a crash, a hang or a silent wrong answer).
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "closeloop/core/error.hpp"
#include "closeloop/metrics/comparison.hpp"
#include "closeloop/metrics/distributions.hpp"
#include "closeloop/metrics/spc.hpp"
#include "closeloop/metrics/tables.hpp"

namespace closeloop::metrics {
namespace {

template <class F>
std::string message_of(F call) {
  try {
    call();
  } catch (const InputError& error) {
    return error.what();
  }
  return "(no InputError)";
}

IncidentTable one_incident_on(DayNumber day, DayNumber reported = kMissingDay) {
  static const std::vector<std::int32_t> zero{0};
  static const std::vector<std::uint8_t> harm{0};
  static std::vector<DayNumber> days(1);
  static std::vector<DayNumber> reported_days(1);
  days[0] = day;
  reported_days[0] = reported;
  IncidentColumns columns;
  columns.service = zero;
  columns.category = zero;
  columns.harm = harm;
  columns.day = days;
  if (reported != kMissingDay) columns.reported_day = reported_days;
  return IncidentTable::from_columns(columns, {"S1"}, {"fall"}, {}, nullptr);
}

TEST(HardeningDates, FromColumnsRefusesDaysOutsideTheOneRange) {
  // -2^31 crashed count_grid, 2^31-1 grew to gigabytes, 1.7e9 (epoch seconds
  // taken for days) gave the year 5,881,578: all now refused on entry.
  EXPECT_EQ(message_of([] { (void)one_incident_on(std::numeric_limits<std::int32_t>::min() + 1); }),
            "row 0: day number -2147483647 is outside the supported dates 1400-01-01 to "
            "9999-12-31");
  EXPECT_EQ(message_of([] { (void)one_incident_on(std::numeric_limits<std::int32_t>::max()); }),
            "row 0: day number 2147483647 is outside the supported dates 1400-01-01 to "
            "9999-12-31");
  EXPECT_EQ(message_of([] { (void)one_incident_on(1'700'000'000); }),
            "row 0: day number 1700000000 is outside the supported dates 1400-01-01 to "
            "9999-12-31");
  EXPECT_EQ(message_of([] { (void)one_incident_on(20000, 3'000'000); }),
            "row 0: reported day number 3000000 is outside the supported dates 1400-01-01 to "
            "9999-12-31");
  // The ends of the range are accepted.
  EXPECT_EQ(one_incident_on(kFirstDay).day()[0], kFirstDay);
  EXPECT_EQ(one_incident_on(kLastDay).day()[0], kLastDay);
  EXPECT_EQ(kFirstDay, days_from_civil(1400, 1, 1));
  EXPECT_EQ(kLastDay, 2932896);
}

TEST(HardeningDates, ExposureColumnsAndTextUseTheSameRange) {
  const std::vector<std::int32_t> service{0};
  const std::vector<DayNumber> month{kFirstDay - 31};
  const std::vector<std::uint8_t> measure{0};
  const std::vector<double> value{1};
  EXPECT_EQ(message_of([&] { (void)ExposureTable::from_columns({"S1"}, service, month, measure, value); }),
            "exposure row 0: month day number -208219 is outside the supported dates 1400-01-01 "
            "to 9999-12-31");
  EXPECT_EQ(message_of([] { (void)parse_date("0999-12-31"); }),
            "date \"0999-12-31\" is outside the supported dates 1400-01-01 to 9999-12-31");
  EXPECT_EQ(message_of([] { (void)make_date(1399, 12, 31); }),
            "year 1399 is outside the supported dates 1400-01-01 to 9999-12-31");
  // exposure.csv took "0000-01" as a period before: the same range now.
  EXPECT_THROW((void)ExposureTable::read_csv(CsvReader::from_string(
                   "service_id,period,measure,value\nS1,0000-01,occupied_bed_days,1\n", "e.csv")),
               ParseError);
}

TEST(HardeningSpc, OverflowingLimitsAreRefusedNamingTheInput) {
  const std::vector<double> huge{1e308, -1e308, 1e308};
  EXPECT_EQ(message_of([&] { (void)xmr(huge); }),
            "xmr: lcl[0] is not finite (values[0] = 1e+308): the inputs are too large or too "
            "small to chart");
  const std::vector<double> near_max{1.5e308, 1.6e308, 1.5e308};
  EXPECT_EQ(message_of([&] { (void)xmr(near_max); }),
            "xmr: ucl[0] is not finite (values[0] = 1.5e+308): the inputs are too large or too "
            "small to chart");
  const std::vector<double> intervals{1e308, 1.0, 1e308};
  EXPECT_EQ(message_of([&] { (void)t_chart(intervals); }),
            "t_chart: ucl[0] is not finite (intervals[0] = 1e+308): the inputs are too large or "
            "too small to chart");
  const std::vector<double> counts{1, 2};
  const std::vector<double> exposures{5e-324, 10};
  EXPECT_EQ(message_of([&] { (void)u_chart(counts, exposures); }),
            "u_chart: value[0] is not finite (counts[0] = 1, exposures[0] = 4.940656458e-324): "
            "the inputs are too large or too small to chart");
}

TEST(HardeningSpc, EmptyOrAllMissingSeriesHaveNoVerdict) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(xmr(std::vector<double>{}).verdict.variation, Variation::insufficient_data);
  EXPECT_EQ(xmr(std::vector<double>{nan, nan}).verdict.variation, Variation::insufficient_data);
  EXPECT_EQ(c_chart(std::vector<double>{nan}).verdict.variation, Variation::insufficient_data);
  EXPECT_EQ(to_string(Variation::insufficient_data), "insufficient_data");
  // One observed point is still judged.
  EXPECT_EQ(xmr(std::vector<double>{nan, 3.0}).verdict.variation, Variation::common_cause);
}

TEST(HardeningSpc, CountChartsRefuseFractionalCounts) {
  EXPECT_EQ(message_of([] { (void)c_chart(std::vector<double>{1, 2.5, 3}); }),
            "c_chart: counts[1] = 2.5 is not a whole number");
  EXPECT_EQ(message_of([] { (void)g_chart(std::vector<double>{4, 0.25}); }),
            "g_chart: counts_between[1] = 0.25 is not a whole number");
  EXPECT_EQ(c_chart(std::vector<double>{1, 2, 3}).centre[0], 2.0);
}

TEST(HardeningComparison, CountsNear2To62AreRefusedNotOverflowed) {
  const std::int64_t huge = std::int64_t{1} << 62;
  EXPECT_EQ(message_of([&] { (void)compare_rates(huge, 1.0, huge, 1.0); }),
            "before_count = 4611686018427387904 exceeds 2^53 = 9007199254740992, the largest "
            "count computed exactly");
  EXPECT_EQ(message_of([] { (void)compare_rates(1, 5e-324, 1, 1.0); }),
            "before rate is not finite (count 1 over exposure 0.000000): the exposure is too "
            "small for this multiplier");
}

TEST(HardeningComparison, LargeCountsFinishQuickly) {
  // Summing the binomial tails term by term took O(n) steps: a hang at 2^40.
  const std::int64_t big = std::int64_t{1} << 40;
  const RateComparison result = compare_rates(big, 1e6, big + (big >> 10), 1e6);
  EXPECT_NEAR(result.rate_ratio, 1.0 + 1.0 / 1024, 1e-12);
  EXPECT_LT(result.p_value, 1e-300);
  // Equal rates: the observed split is the most likely one.
  EXPECT_EQ(binomial_test_two_sided(big, 2 * big, 0.5), 1.0);
}

}  // namespace
}  // namespace closeloop::metrics
