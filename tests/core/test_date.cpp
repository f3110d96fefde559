#include <gtest/gtest.h>

#include "closeloop/core/date.hpp"
#include "closeloop/core/error.hpp"

namespace closeloop {
namespace {

std::string message_of_bad_date(const std::string& text) {
  try {
    (void)parse_date(text);
  } catch (const InputError& error) {
    return error.what();
  }
  return "accepted";
}

TEST(ParseDate, AcceptsRealDates) {
  EXPECT_EQ(parse_date("2026-02-28"), Date(2026, 2, 28));
  EXPECT_EQ(parse_date("2024-02-29"), Date(2024, 2, 29));
  EXPECT_EQ(parse_date("2000-02-29"), Date(2000, 2, 29));
  EXPECT_EQ(to_iso(parse_date("2026-12-31")), "2026-12-31");
}

TEST(ParseDate, RejectsImpossibleAndMalformedDatesQuotingTheInput) {
  for (const char* bad : {"2026-02-30", "2026-13-01", "2026-1-5", "2026-01-05x", "2026-01-05 ",
                          "1900-02-29", "2026-00-10", "2026/01/05", "", "20260105"}) {
    const std::string message = message_of_bad_date(bad);
    EXPECT_NE(message, "accepted") << bad;
    EXPECT_NE(message.find(std::string("\"") + bad + "\""), std::string::npos) << message;
  }
}

TEST(ParseInstant, AcceptsTheThreeFormsAndZulu) {
  EXPECT_EQ(to_iso(parse_instant("2026-03-01")), "2026-03-01T00:00:00");
  EXPECT_EQ(to_iso(parse_instant("2026-03-01T14:05")), "2026-03-01T14:05:00");
  EXPECT_EQ(to_iso(parse_instant("2026-03-01T14:05:09")), "2026-03-01T14:05:09");
  EXPECT_EQ(to_iso(parse_instant("2026-03-01T14:05:09Z")), "2026-03-01T14:05:09");
  EXPECT_EQ(to_iso(parse_instant("2026-03-01 14:05")), "2026-03-01T14:05:00");
}

TEST(ParseInstant, RejectsBadTimes) {
  for (const char* bad : {"2026-03-01T24:00", "2026-03-01T12:60", "2026-03-01T1:00",
                          "2026-03-01T12:00:00+01:00", "2026-03-01T", "2026-02-30T10:00"}) {
    EXPECT_THROW((void)parse_instant(bad), InputError) << bad;
  }
}

TEST(ParseMonth, FirstDayOfMonth) {
  EXPECT_EQ(parse_month("2026-04"), Date(2026, 4, 1));
  EXPECT_THROW((void)parse_month("2026-4"), InputError);
  EXPECT_THROW((void)parse_month("2026-13"), InputError);
  EXPECT_THROW((void)parse_month("2026-04-01"), InputError);
}

TEST(MakeDate, RefusesWithInputErrorNotOutOfRange) {
  EXPECT_THROW((void)make_date(2026, 2, 29), InputError);
  EXPECT_THROW((void)make_date(2026, 0, 1), InputError);
  EXPECT_THROW((void)make_date(10000, 1, 1), InputError);
  EXPECT_EQ(make_date(2028, 2, 29), Date(2028, 2, 29));
}

TEST(DayNumber, MatchesBoostAndRoundTrips) {
  // 1970-01-01 is day 0; 2000-03-01 is 11017 days later (30 years of 365 plus 7 leap days,
  // plus Jan and Feb 2000: 10957 + 31 + 29 = 11017).
  EXPECT_EQ(to_day_number(Date(1970, 1, 1)), 0);
  EXPECT_EQ(to_day_number(Date(2000, 3, 1)), 11017);
  EXPECT_EQ(to_day_number(Date(1969, 12, 31)), -1);
  for (int day = -40000; day < 40000; day += 37) {
    EXPECT_EQ(to_day_number(from_day_number(day)), day);
  }
  DayNumber parsed = 0;
  ASSERT_TRUE(try_parse_day("2000-03-01", parsed));
  EXPECT_EQ(parsed, 11017);
  EXPECT_FALSE(try_parse_day("2000-02-30", parsed));
  int minute = 0;
  ASSERT_TRUE(try_parse_day_minute("2000-03-01T01:30", parsed, minute));
  EXPECT_EQ(minute, 90);
  ASSERT_TRUE(try_parse_day_minute("2000-03-01", parsed, minute));
  EXPECT_EQ(minute, -1);
}

}  // namespace
}  // namespace closeloop
