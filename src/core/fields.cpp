#include "closeloop/core/fields.hpp"

#include <charconv>
#include <cmath>
#include <system_error>

#include "closeloop/core/error.hpp"

namespace closeloop {

namespace {

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

// The fast path of parse_month_field: no allocation, no exception.
bool try_parse_month(std::string_view text, DayNumber& first_day) noexcept {
  if (text.size() != 7 || text[4] != '-') return false;
  int year = 0;
  int month = 0;
  for (std::size_t i = 0; i < 4; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    year = year * 10 + (text[i] - '0');
  }
  for (std::size_t i = 5; i < 7; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    month = month * 10 + (text[i] - '0');
  }
  if (year < kFirstYear || month < 1 || month > 12) return false;
  first_day = days_from_civil(year, static_cast<unsigned>(month), 1);
  return true;
}

}  // namespace

std::string invalid_date_message(std::string_view text) {
  return "invalid date " + quoted(text) + ": expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]";
}

void parse_occurred_at(std::string_view text, DayNumber& day, int& minute_of_day) {
  if (!try_parse_day_minute(text, day, minute_of_day)) throw InputError(invalid_date_message(text));
}

DayNumber parse_month_field(std::string_view text) {
  DayNumber first_day = 0;
  if (try_parse_month(text, first_day)) return first_day;
  return to_day_number(parse_month(text));  // throws the one month message
}

double parse_exposure_value(std::string_view text) {
  if (!text.empty()) {
    double value = 0;
    const char* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec == std::errc() && ptr == end && std::isfinite(value) && value >= 0) return value;
  }
  throw InputError("invalid value " + quoted(text) + ": expected a non-negative number");
}

std::optional<std::int32_t> parse_capacity(std::string_view text) {
  if (text.empty()) return std::nullopt;
  constexpr std::int32_t kMostPlaces = 1000000;
  std::int32_t value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec == std::errc() && ptr == end && value >= 0 && value <= kMostPlaces) return value;
  throw InputError("invalid capacity " + quoted(text) +
                   ": expected a whole number of places, or empty");
}

std::string_view require_id(std::string_view text, std::string_view what) {
  if (text.empty()) throw InputError("empty " + std::string(what));
  return text;
}

}  // namespace closeloop
