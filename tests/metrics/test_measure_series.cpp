// The measure series: periods, values and the one before/after split for
// rates, proportions, durations and counts. Expected values are worked by hand
// in the comments.
#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "closeloop/core/error.hpp"
#include "closeloop/metrics/measure_series.hpp"

namespace closeloop::metrics {
namespace {

DayNumber day(const char* iso) { return to_day_number(parse_date(iso)); }

// Two homes: A has falls in January (2), February (1) and March (3) 2026, and
// a medication error in February; B has one fall in February. Occupied bed
// days: A 1000 a month, B 500 a month, January to March.
struct Homes {
  std::vector<std::int32_t> service{0, 0, 0, 0, 0, 0, 0, 1};
  std::vector<std::int32_t> category{0, 0, 0, 1, 0, 0, 0, 0};
  std::vector<std::uint8_t> harm = std::vector<std::uint8_t>(8, 0);
  std::vector<DayNumber> when{day("2026-01-05"), day("2026-01-20"), day("2026-02-10"),
                              day("2026-02-11"), day("2026-03-01"), day("2026-03-15"),
                              day("2026-03-31"), day("2026-02-02")};
  std::vector<DayNumber> reported{day("2026-01-05"), day("2026-01-23"), day("2026-02-10"),
                                  day("2026-02-12"), day("2026-03-02"), day("2026-03-15"),
                                  day("2026-04-04"), day("2026-02-02")};
  IncidentTable incidents() const {
    IncidentColumns c;
    c.service = service;
    c.category = category;
    c.harm = harm;
    c.day = when;
    c.reported_day = reported;
    StringColumn ids;
    for (int i = 1; i <= 8; ++i) ids.push_back("I-" + std::to_string(i));
    return IncidentTable::from_columns(c, {"A", "B"}, {"fall", "medication_error"}, ids, nullptr);
  }
  static ExposureTable exposure() {
    const std::vector<std::int32_t> s{0, 0, 0, 1, 1, 1};
    const std::vector<DayNumber> m{day("2026-01-01"), day("2026-02-01"), day("2026-03-01"),
                                   day("2026-01-01"), day("2026-02-01"), day("2026-03-01")};
    const std::vector<std::uint8_t> k(6, static_cast<std::uint8_t>(Measure::occupied_bed_days));
    const std::vector<double> v{1000, 1000, 1000, 500, 500, 500};
    return ExposureTable::from_columns({"A", "B"}, s, m, k, v);
  }
};

TEST(MeasureSeries, RateOfOneServiceAndOfTheOrganisation) {
  const Homes homes;
  const IncidentTable incidents = homes.incidents();
  const ExposureTable exposure = Homes::exposure();
  RateSpec spec;
  spec.category = "fall";
  spec.scope.services = {"A"};
  spec.measures = {Measure::occupied_bed_days};
  const MeasureSeries a = rate_series(incidents, exposure, spec);
  EXPECT_EQ(a.kind, SeriesKind::rate);
  EXPECT_EQ(a.name, "fall per 1,000 occupied_bed_days");
  EXPECT_EQ(a.unit, "per 1,000 occupied_bed_days");
  ASSERT_EQ(a.size(), 3U);
  EXPECT_EQ(a.period_start[0], day("2026-01-01"));
  EXPECT_EQ(a.numerator, (std::vector<double>{2, 1, 3}));
  EXPECT_EQ(a.denominator, (std::vector<double>{1000, 1000, 1000}));
  EXPECT_EQ(a.value, (std::vector<double>{2, 1, 3}));  // per 1,000
  // The whole organisation: A and B together, 1500 bed days a month.
  spec.scope = {};
  const MeasureSeries all = rate_series(incidents, exposure, spec);
  EXPECT_EQ(all.numerator, (std::vector<double>{2, 2, 3}));
  EXPECT_EQ(all.denominator, (std::vector<double>{1500, 1500, 1500}));
  EXPECT_DOUBLE_EQ(all.value[1], 2.0 / 1500 * 1000);
  // A quarter sums its months.
  SeriesOptions quarter;
  quarter.period = PeriodKind::quarter;
  const MeasureSeries q = rate_series(incidents, exposure, spec, quarter);
  ASSERT_EQ(q.size(), 1U);
  EXPECT_EQ(q.numerator[0], 7);
  EXPECT_EQ(q.denominator[0], 4500);
}

TEST(MeasureSeries, CountsAndTheirChart) {
  const Homes homes;
  const MeasureSeries c = count_series(homes.incidents(), "fall", Scope{{"A", "B"}});
  EXPECT_EQ(c.value, (std::vector<double>{2, 2, 3}));
  EXPECT_EQ(chart_kind_for(c.kind), ChartKind::c);
  const Chart chart = measure_chart(c);
  EXPECT_EQ(chart.kind, ChartKind::c);
  EXPECT_DOUBLE_EQ(chart.centre[0], 7.0 / 3);  // mean count
}

TEST(MeasureSeries, ProportionsFromAudits) {
  // Audits: 18/20 and 17/20 in January, 10/22 in February, none in March, 21/22 in April.
  const std::vector<DayNumber> when{day("2026-01-10"), day("2026-01-24"), day("2026-02-07"),
                                    day("2026-04-04")};
  const std::vector<double> passed{18, 17, 10, 21};
  const std::vector<double> audited{20, 20, 22, 22};
  const MeasureSeries p = proportion_series("MAR accuracy", when, passed, audited);
  ASSERT_EQ(p.size(), 4U);
  EXPECT_EQ(p.numerator, (std::vector<double>{35, 10, 0, 21}));
  EXPECT_EQ(p.denominator, (std::vector<double>{40, 22, 0, 22}));
  EXPECT_DOUBLE_EQ(p.value[0], 35.0 / 40);
  EXPECT_TRUE(std::isnan(p.value[2]));  // no audit in March: a missing point
  const Chart chart = measure_chart(p);
  EXPECT_EQ(chart.kind, ChartKind::p);
  EXPECT_DOUBLE_EQ(chart.centre[0], 66.0 / 84);  // pooled over the present months
  EXPECT_TRUE(std::isnan(chart.value[2]));
}

TEST(MeasureSeries, DurationsPerPeriod) {
  // Hours to escalate: 6, 8 and 10 in the week of 2 March 2026; 1 and 2 the week after.
  const std::vector<DayNumber> when{day("2026-03-02"), day("2026-03-04"), day("2026-03-08"),
                                    day("2026-03-09"), day("2026-03-13")};
  const std::vector<double> hours{6, 8, 10, 1, 2};
  SeriesOptions weeks;
  weeks.period = PeriodKind::week;
  const MeasureSeries d = duration_series("time to escalate", "hours", when, hours, weeks);
  ASSERT_EQ(d.size(), 2U);
  EXPECT_EQ(d.period_start[0], day("2026-03-02"));  // a Monday
  EXPECT_EQ(d.denominator, (std::vector<double>{3, 2}));
  EXPECT_EQ(d.numerator, (std::vector<double>{24, 3}));
  EXPECT_EQ(d.value, (std::vector<double>{8, 1.5}));
  EXPECT_EQ(d.median, (std::vector<double>{8, 1.5}));
  EXPECT_DOUBLE_EQ(d.sd[0], 2.0);                  // sqrt(((-2)^2 + 0 + 2^2) / 2)
  EXPECT_DOUBLE_EQ(d.sd[1], std::sqrt(0.5));       // sqrt((0.25 + 0.25) / 1)
  EXPECT_EQ(d.item_period, (std::vector<std::uint32_t>{0, 0, 0, 1, 1}));
  EXPECT_EQ(chart_kind_for(SeriesKind::duration), ChartKind::xmr);
  EXPECT_EQ(chart_kind_for(SeriesKind::duration, true), ChartKind::xbar);
}

TEST(MeasureSeries, ReportingDelayFromIncidents) {
  const Homes homes;
  // Falls at A: delays 0 and 3 days (January), 0 (February), 1, 0 and 4 (March).
  const MeasureSeries d = reporting_delay_series(homes.incidents(), "fall", Scope{{"A"}});
  EXPECT_EQ(d.name, "reporting delay of fall");
  EXPECT_EQ(d.unit, "days");
  EXPECT_EQ(d.denominator, (std::vector<double>{2, 1, 3}));
  EXPECT_EQ(d.value, (std::vector<double>{1.5, 0, 5.0 / 3}));
  EXPECT_EQ(d.median, (std::vector<double>{1.5, 0, 1}));
}

TEST(MeasureSeries, TheOneSplit) {
  // Months January to June 2026, change on 10 March, data as of 31 May.
  const std::vector<DayNumber> starts{day("2026-01-01"), day("2026-02-01"), day("2026-03-01"),
                                      day("2026-04-01"), day("2026-05-01"), day("2026-06-01")};
  const Split s = split_before_after(PeriodKind::month, starts, day("2026-03-10"), day("2026-05-31"));
  EXPECT_EQ(s.side, (std::vector<Side>{Side::before, Side::before, Side::transition, Side::after,
                                       Side::after, Side::incomplete}));
  EXPECT_EQ(s.first_after, 3U);
  EXPECT_EQ(s.before, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(s.after, (std::vector<std::size_t>{3, 4}));
  // As of 30 May, May is not over; a change on the first of a month has no transition.
  const Split t = split_before_after(PeriodKind::month, starts, day("2026-03-01"), day("2026-05-30"));
  EXPECT_EQ(t.side, (std::vector<Side>{Side::before, Side::before, Side::after, Side::after,
                                       Side::incomplete, Side::incomplete}));
  EXPECT_EQ(t.first_after, 2U);
}

TEST(MeasureSeries, SplitSkipsPeriodsWithoutDataAndRebases) {
  const std::vector<DayNumber> when{day("2026-01-10"), day("2026-02-10"), day("2026-04-10"),
                                    day("2026-05-10"), day("2026-06-10")};
  const std::vector<double> passed{10, 12, 18, 19, 20};
  const std::vector<double> audited{20, 20, 20, 20, 20};
  const MeasureSeries p = proportion_series("MAR accuracy", when, passed, audited);
  const Split s = split_series(p, day("2026-03-15"), day("2026-06-30"));
  EXPECT_EQ(s.before, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(s.after, (std::vector<std::size_t>{3, 4, 5}));  // March: transition and empty
  const Chart chart = rebased_chart(p, s);
  ASSERT_EQ(chart.phases.size(), 2U);
  EXPECT_EQ(chart.phases[1].start, 3U);
  EXPECT_DOUBLE_EQ(chart.centre[0], 22.0 / 40);
  EXPECT_DOUBLE_EQ(chart.centre[5], 57.0 / 60);
  const MeasureSeries kept = select_periods(p, s.after);
  EXPECT_EQ(kept.numerator, (std::vector<double>{18, 19, 20}));
}

TEST(MeasureSeries, BadInputNamesTheMeasureAndChangesNothing) {
  const std::vector<DayNumber> when{day("2026-01-10")};
  const std::vector<double> none{0};
  const std::vector<double> some{3};
  try {
    (void)proportion_series("MAR accuracy", when, some, none);
    FAIL() << "a proportion of zero trials";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(),
                 "measure \"MAR accuracy\", result 0 (2026-01-10): the denominator is 0; a "
                 "proportion needs at least one trial");
  }
  const std::vector<double> negative{-2};
  try {
    (void)duration_series("time to escalate", "hours", when, negative);
    FAIL() << "a negative duration";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(),
                 "measure \"time to escalate\", item 0 (2026-01-10): duration -2 hours (an end "
                 "before its start) must be a finite number of at least 0");
  }
  SeriesOptions days;
  days.period = PeriodKind::day;
  EXPECT_THROW((void)duration_series("x", "hours", when, some, days), InputError);
  const Homes homes;
  RateSpec spec;
  spec.category = "fall";
  try {
    (void)rate_series(homes.incidents(), Homes::exposure(), spec);
    FAIL() << "a rate without a denominator";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(),
                 "measure \"fall rate\" at organisation: a rate needs an exposure measure "
                 "(its denominator)");
  }
  Homes late = homes;
  late.reported[2] = day("2026-02-01");  // before it occurred on 10 February
  try {
    (void)reporting_delay_series(late.incidents(), "", Scope{});
    FAIL() << "reported before it occurred";
  } catch (const InputError& error) {
    // The table itself refuses it, so no delay is ever negative.
    EXPECT_STREQ(error.what(), "row 2: reported day is before the day it occurred");
  }
}

}  // namespace
}  // namespace closeloop::metrics
