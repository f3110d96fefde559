// England and Wales bank holidays, 2020 to 2030, checked against the dates
// published on GOV.UK (written out below by hand, including the one-off
// changes of 2020, 2022 and 2023), and a provider's own calendar.
#include <gtest/gtest.h>

#include <map>
#include <vector>

#include "closeloop/lifecycle/holidays.hpp"
#include "closeloop/lifecycle/types.hpp"
#include "fixtures.hpp"

namespace closeloop::lifecycle {
namespace {

using testing::d;

const std::map<int, std::vector<const char*>> published{
    {2020, {"2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31",
            "2020-12-25", "2020-12-28"}},
    {2021, {"2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30",
            "2021-12-27", "2021-12-28"}},
    {2022, {"2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03",
            "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27"}},
    {2023, {"2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29",
            "2023-08-28", "2023-12-25", "2023-12-26"}},
    {2024, {"2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26",
            "2024-12-25", "2024-12-26"}},
    {2025, {"2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25",
            "2025-12-25", "2025-12-26"}},
    {2026, {"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31",
            "2026-12-25", "2026-12-28"}},
    {2027, {"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30",
            "2027-12-27", "2027-12-28"}},
    {2028, {"2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28",
            "2028-12-25", "2028-12-26"}},
    {2029, {"2029-01-01", "2029-03-30", "2029-04-02", "2029-05-07", "2029-05-28", "2029-08-27",
            "2029-12-25", "2029-12-26"}},
    {2030, {"2030-01-01", "2030-04-19", "2030-04-22", "2030-05-06", "2030-05-27", "2030-08-26",
            "2030-12-25", "2030-12-26"}},
};

TEST(Holidays, EnglandAndWalesMatchThePublishedDates2020To2030) {
  const HolidayCalendar calendar = HolidayCalendar::england_and_wales();
  for (const auto& [year, days] : published) {
    std::vector<Date> expected;
    for (const char* day : days) expected.push_back(d(day));
    EXPECT_EQ(calendar.holidays_in(year), expected) << year;
  }
}

TEST(Holidays, StandingRulesAloneMissTheOneOffs) {
  // 2020: the early May holiday stays on Monday 4 May without the VE Day move.
  const auto rules = england_and_wales_standing_holidays(2020);
  EXPECT_EQ(rules[3], d("2020-05-04"));
  EXPECT_EQ(england_and_wales_changes().size(), 5U);
  EXPECT_EQ(easter_sunday(2024), d("2024-03-31"));
  EXPECT_EQ(easter_sunday(2038), d("2038-04-25"));
}

TEST(Holidays, AProviderAddsAndReplacesDays) {
  // Scotland: 2 January and St Andrew's Day; no Easter Monday.
  HolidayCalendar scotland = HolidayCalendar::england_and_wales();
  scotland.add(d("2026-01-02"));
  scotland.add(d("2026-11-30"));
  scotland.remove(d("2026-04-06"));
  EXPECT_TRUE(scotland.is_holiday(d("2026-01-02")));
  EXPECT_FALSE(scotland.is_holiday(d("2026-04-06")));
  EXPECT_TRUE(scotland.is_working_day(d("2026-04-06")));
  EXPECT_FALSE(scotland.is_working_day(d("2026-11-28")));  // a Saturday
  EXPECT_EQ(scotland.holidays_in(2026).size(), 9U);
  EXPECT_TRUE(HolidayCalendar().holidays_in(2026).empty());
}

TEST(Holidays, DutyOfCandourCountsWorkingDays) {
  // Aware Thursday 17 December 2026: 18, 21, 22, 23, 24, 29, 30, 31 December
  // (25 and 28 are bank holidays), then 4 and 5 January 2027 (1 January is).
  EXPECT_EQ(duty_of_candour_due(d("2026-12-17")), d("2027-01-05"));
  // Weekends only: 18, 21-24, 25, 28-31 December.
  EXPECT_EQ(duty_of_candour_due(d("2026-12-17"), HolidayCalendar()), d("2026-12-31"));
}

}  // namespace
}  // namespace closeloop::lifecycle
