#include <gtest/gtest.h>

#include <string>

#include "closeloop/core/error.hpp"
#include "closeloop/core/fields.hpp"

namespace closeloop {
namespace {

template <class F>
std::string message_of(F parse) {
  try {
    parse();
  } catch (const InputError& error) {
    return error.what();
  }
  return "(no error)";
}

TEST(Fields, OccurredAtReadsDatesAndTimes) {
  DayNumber day = 0;
  int minute = 0;
  parse_occurred_at("2026-03-02", day, minute);
  EXPECT_EQ(day, days_from_civil(2026, 3, 2));
  EXPECT_EQ(minute, -1);
  parse_occurred_at("2026-03-02T10:15", day, minute);
  EXPECT_EQ(minute, 10 * 60 + 15);
  EXPECT_EQ(message_of([&] { parse_occurred_at("2026-02-30", day, minute); }),
            "invalid date \"2026-02-30\": expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]");
}

TEST(Fields, ReportedAtSharesTheDateMessage) {
  EXPECT_EQ(message_of([] { (void)check_reported_at("soon", "2026-03-02", 0); }),
            invalid_date_message("soon") + " or empty (not recorded)");
}

TEST(Fields, MonthField) {
  EXPECT_EQ(parse_month_field("2026-03"), days_from_civil(2026, 3, 1));
  EXPECT_EQ(message_of([] { (void)parse_month_field("2026-13"); }),
            "invalid month \"2026-13\": expected YYYY-MM");
}

TEST(Fields, ExposureValue) {
  EXPECT_EQ(parse_exposure_value("12.5"), 12.5);
  EXPECT_EQ(parse_exposure_value("0"), 0.0);
  for (const char* bad : {"", "-1", "nan", "inf", "3x", " 3"}) {
    EXPECT_EQ(message_of([&] { (void)parse_exposure_value(bad); }),
              "invalid value \"" + std::string(bad) + "\": expected a non-negative number")
        << bad;
  }
}

TEST(Fields, RequiredIdNamesWhatIsMissing) {
  EXPECT_EQ(require_id("S1", "service id"), "S1");
  EXPECT_EQ(message_of([] { (void)require_id("", "incident id"); }), "empty incident id");
}

}  // namespace
}  // namespace closeloop
