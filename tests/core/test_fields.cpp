#include <gtest/gtest.h>

#include <string>

#include "closeloop/core/error.hpp"
#include "closeloop/core/fields.hpp"

namespace closeloop {
namespace {

// Expects `parse` to refuse with exactly `expected` as its InputError's text.
template <class F>
void expect_refused(F parse, const std::string& expected) {
  bool refused = false;
  try {
    parse();
  } catch (const InputError& error) {
    refused = true;
    EXPECT_EQ(std::string(error.what()), expected);
  }
  EXPECT_TRUE(refused) << expected;
}

TEST(Fields, OccurredAtReadsDatesAndTimes) {
  DayNumber day = 0;
  int minute = 0;
  parse_occurred_at("2026-03-02", day, minute);
  EXPECT_EQ(day, days_from_civil(2026, 3, 2));
  EXPECT_EQ(minute, -1);
  parse_occurred_at("2026-03-02T10:15", day, minute);
  EXPECT_EQ(minute, 10 * 60 + 15);
  expect_refused([&] { parse_occurred_at("2026-02-30", day, minute); },
                 "invalid date \"2026-02-30\": expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]");
}

TEST(Fields, ReportedAtSharesTheDateMessage) {
  expect_refused([] { (void)check_reported_at("soon", "2026-03-02", 0); },
                 invalid_date_message("soon") + " or empty (not recorded)");
}

TEST(Fields, MonthField) {
  EXPECT_EQ(parse_month_field("2026-03"), days_from_civil(2026, 3, 1));
  expect_refused([] { (void)parse_month_field("2026-13"); },
                 "invalid month \"2026-13\": expected YYYY-MM");
}

TEST(Fields, ExposureValue) {
  EXPECT_EQ(parse_exposure_value("12.5"), 12.5);
  EXPECT_EQ(parse_exposure_value("0"), 0.0);
  for (const char* bad : {"", "-1", "nan", "inf", "3x", " 3"}) {
    expect_refused([&] { (void)parse_exposure_value(bad); },
                   "invalid value \"" + std::string(bad) + "\": expected a non-negative number");
  }
}

// One capacity rule for the metrics reader and a store import; each keeps
// its own marker for "unknown" (-1 in a ServiceTable, 0 on a Service).
TEST(Fields, CapacityIsAWholeNumberOfPlacesOrEmpty) {
  EXPECT_EQ(parse_capacity("40"), 40);
  EXPECT_EQ(parse_capacity("0"), 0);
  EXPECT_EQ(parse_capacity("1000000"), 1000000);
  EXPECT_EQ(parse_capacity(""), std::nullopt);
  for (const char* bad : {"forty", "-1", "12.5", "1000001", " 4", "99999999999"}) {
    expect_refused([&] { (void)parse_capacity(bad); },
                   "invalid capacity \"" + std::string(bad) +
                       "\": expected a whole number of places, or empty");
  }
}

TEST(Fields, RequiredIdNamesWhatIsMissing) {
  EXPECT_EQ(require_id("S1", "service id"), "S1");
  expect_refused([] { (void)require_id("", "incident id"); }, "empty incident id");
}

}  // namespace
}  // namespace closeloop
