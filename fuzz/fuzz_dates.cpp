// The ISO date, instant and month parsers, and reported_at: whatever they
// accept is in the supported range and prints back to an equivalent text.
#include <cstdint>
#include <string>

#include "closeloop/core/date.hpp"
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using closeloop::fuzz::require;
  const std::string text = closeloop::fuzz::text_of(data, size);
  closeloop::fuzz::refuse_only_with_error([&] {
    const closeloop::Date date = closeloop::parse_date(text);
    require(closeloop::to_iso(date) == text, "parse_date round trip");
  });
  closeloop::fuzz::refuse_only_with_error([&] {
    const closeloop::Instant instant = closeloop::parse_instant(text);
    require(closeloop::is_supported_day(closeloop::to_day_number(instant.date())),
            "instant in range");
    require(closeloop::parse_instant(closeloop::to_iso(instant)) == instant,
            "parse_instant round trip");
  });
  closeloop::fuzz::refuse_only_with_error([&] { (void)closeloop::parse_month(text); });
  closeloop::DayNumber day = 0;
  int minute = -1;
  if (closeloop::try_parse_day_minute(text, day, minute)) {
    require(closeloop::is_supported_day(day), "try_parse_day_minute in range");
    require(minute >= -1 && minute < 1440, "minute of day in range");
    closeloop::fuzz::refuse_only_with_error(
        [&] { require(closeloop::check_reported_at(text, text, day) == day, "reported_at same day"); });
  }
  return 0;
}
