#include "closeloop/core/date.hpp"

#include <array>
#include <cstdio>

#include "closeloop/core/error.hpp"
#include "closeloop/core/fields.hpp"

namespace closeloop {

namespace {

constexpr std::array<unsigned, 12> kDaysInMonth{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

bool is_leap(int year) noexcept { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

unsigned days_in_month(int year, unsigned month) noexcept {
  return month == 2 && is_leap(year) ? 29U : kDaysInMonth[month - 1];
}

bool digits(std::string_view text, std::size_t from, std::size_t count, int& value) noexcept {
  value = 0;
  for (std::size_t i = from; i < from + count; ++i) {
    const char c = text[i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  return true;
}

// Boost.Date_Time represents years kFirstYear..kLastYear (four digits).
bool fields_of_date(std::string_view text, int& year, int& month, int& day) noexcept {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return false;
  if (!digits(text, 0, 4, year) || !digits(text, 5, 2, month) || !digits(text, 8, 2, day)) {
    return false;
  }
  return year >= kFirstYear && month >= 1 && month <= 12 && day >= 1 &&
         static_cast<unsigned>(day) <= days_in_month(year, static_cast<unsigned>(month));
}

// Parses the optional time part after a date; minute_of_day is -1 when absent.
bool time_part(std::string_view rest, int& minute_of_day, int& second) noexcept {
  minute_of_day = -1;
  second = 0;
  if (rest.empty()) return true;
  if (rest[0] != 'T' && rest[0] != ' ') return false;
  rest.remove_prefix(1);
  if (!rest.empty() && rest.back() == 'Z') rest.remove_suffix(1);
  int hour = 0;
  int minute = 0;
  if (rest.size() != 5 && rest.size() != 8) return false;
  if (rest[2] != ':' || !digits(rest, 0, 2, hour) || !digits(rest, 3, 2, minute)) return false;
  if (rest.size() == 8 && (rest[5] != ':' || !digits(rest, 6, 2, second))) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  minute_of_day = hour * 60 + minute;
  return true;
}

std::string quoted(std::string_view text) {
  std::string out = "\"";
  out.append(text.substr(0, 64));
  if (text.size() > 64) out += "...";
  out += '"';
  return out;
}

// A well-formed YYYY... whose year is before kFirstYear gets the range
// message rather than the syntax one.
void refuse_early_year(std::string_view text) {
  int year = 0;
  if (text.size() >= 4 && digits(text, 0, 4, year) && year < kFirstYear) {
    throw InputError(date_out_of_range("date " + quoted(text)));
  }
}

}  // namespace

std::string date_out_of_range(std::string_view what) {
  return std::string(what) + " is outside the supported dates " + std::to_string(kFirstYear) +
         "-01-01 to " + std::to_string(kLastYear) + "-12-31";
}

void require_supported_day(DayNumber day, std::string_view what) {
  if (!is_supported_day(day)) {
    throw InputError(date_out_of_range(std::string(what) + " day number " + std::to_string(day)));
  }
}

Date make_date(int year, int month, int day) {
  if (year < kFirstYear || year > kLastYear) {
    throw InputError(date_out_of_range("year " + std::to_string(year)));
  }
  if (month < 1 || month > 12 || day < 1 ||
      static_cast<unsigned>(day) > days_in_month(year, static_cast<unsigned>(month))) {
    throw InputError("no such date: year " + std::to_string(year) + ", month " +
                     std::to_string(month) + ", day " + std::to_string(day));
  }
  return {static_cast<unsigned short>(year), static_cast<unsigned short>(month),
          static_cast<unsigned short>(day)};
}

bool try_parse_day(std::string_view text, DayNumber& day) noexcept {
  int y = 0;
  int m = 0;
  int d = 0;
  if (text.size() != 10 || !fields_of_date(text, y, m, d)) return false;
  day = days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  return true;
}

bool try_parse_day_minute(std::string_view text, DayNumber& day, int& minute_of_day) noexcept {
  int y = 0;
  int m = 0;
  int d = 0;
  int second = 0;
  if (!fields_of_date(text, y, m, d) || !time_part(text.substr(10), minute_of_day, second)) {
    return false;
  }
  day = days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  return true;
}

Date parse_date(std::string_view text) {
  int y = 0;
  int m = 0;
  int d = 0;
  if (text.size() != 10 || !fields_of_date(text, y, m, d)) {
    refuse_early_year(text);
    throw InputError("invalid date " + quoted(text) + ": expected a real date as YYYY-MM-DD");
  }
  return make_date(y, m, d);
}

Instant parse_instant(std::string_view text) {
  int y = 0;
  int m = 0;
  int d = 0;
  int minute_of_day = -1;
  int second = 0;
  if (!fields_of_date(text, y, m, d) || !time_part(text.substr(10), minute_of_day, second)) {
    refuse_early_year(text);
    throw InputError("invalid date-time " + quoted(text) +
                     ": expected YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS");
  }
  const int minutes = minute_of_day < 0 ? 0 : minute_of_day;
  return {make_date(y, m, d),
          boost::posix_time::time_duration(minutes / 60, minutes % 60, second)};
}

Date parse_month(std::string_view text) {
  int y = 0;
  int m = 0;
  if (text.size() != 7 || text[4] != '-' || !digits(text, 0, 4, y) || !digits(text, 5, 2, m) ||
      y < kFirstYear || m < 1 || m > 12) {
    refuse_early_year(text);
    throw InputError("invalid month " + quoted(text) + ": expected YYYY-MM");
  }
  return make_date(y, m, 1);
}

std::string to_iso(const Date& date) {
  char buffer[32];
  const auto ymd = date.year_month_day();
  std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02d", static_cast<int>(ymd.year),
                static_cast<int>(ymd.month), static_cast<int>(ymd.day));
  return buffer;
}

std::string to_iso(const Instant& instant) {
  const auto time = instant.time_of_day();
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "T%02d:%02d:%02d", static_cast<int>(time.hours()),
                static_cast<int>(time.minutes()), static_cast<int>(time.seconds()));
  return to_iso(instant.date()) + buffer;
}

DayNumber to_day_number(const Date& date) {
  const auto ymd = date.year_month_day();
  return days_from_civil(ymd.year, ymd.month, ymd.day);
}

Date from_day_number(DayNumber day) {
  static const Date epoch(1970, 1, 1);
  return epoch + boost::gregorian::date_duration(day);
}

Instant start_of(const Date& date) { return {date, boost::posix_time::time_duration(0, 0, 0)}; }

std::string reported_before_occurred(std::string_view reported, std::string_view occurred) {
  return "reported_at " + quoted(reported) + " is on a day before occurred_at " + quoted(occurred);
}

std::optional<DayNumber> check_reported_at(std::string_view reported, std::string_view occurred,
                                           DayNumber occurred_day) {
  if (reported.empty()) return std::nullopt;
  DayNumber day = 0;
  int minute = -1;
  if (!try_parse_day_minute(reported, day, minute)) {
    refuse_early_year(reported);
    throw InputError(invalid_date_message(reported) + " or empty (not recorded)");
  }
  if (day < occurred_day) throw InputError(reported_before_occurred(reported, occurred));
  return day;
}

}  // namespace closeloop
