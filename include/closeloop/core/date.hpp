#pragma once
/// \file
/// Civil dates and instants on Boost.Date_Time, with strict ISO 8601 text forms
/// and the day numbers the metrics area stores in its columns.

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/posix_time_types.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace closeloop {

/// A civil (calendar) date, no time zone.
using Date = boost::gregorian::date;
/// An instant, UTC unless the caller says otherwise.
using Instant = boost::posix_time::ptime;

/// Days since 1970-01-01 (negative before). The metrics area stores dates so.
using DayNumber = std::int32_t;

/// The first and last years closeloop accepts at every entry point (text,
/// day numbers, numpy and Python dates): Boost.Date_Time's range.
inline constexpr int kFirstYear = 1400;
/// See kFirstYear.
inline constexpr int kLastYear = 9999;

/// Builds a date, refusing impossible ones (2026-02-30) with an InputError
/// instead of Boost's std::out_of_range.
Date make_date(int year, int month, int day);

/// Parses exactly `YYYY-MM-DD`. Anything else (2026-1-5, 2026-13-01,
/// 2026-02-30, trailing characters) throws InputError quoting the input.
Date parse_date(std::string_view text);

/// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM` or `YYYY-MM-DDTHH:MM:SS`, with an
/// optional trailing `Z`; a space may stand for the `T`. A bare date is
/// midnight. Throws InputError quoting the input otherwise.
Instant parse_instant(std::string_view text);

/// Parses exactly `YYYY-MM` and returns the first day of that month.
Date parse_month(std::string_view text);

/// Non-throwing strict `YYYY-MM-DD` check for hot loops: true and the day
/// number when `text` is a valid date.
bool try_parse_day(std::string_view text, DayNumber& day) noexcept;

/// Non-throwing strict parse of the instant forms of parse_instant: the day
/// number and the minute of the day (-1 when only a date was given).
bool try_parse_day_minute(std::string_view text, DayNumber& day, int& minute_of_day) noexcept;

/// `YYYY-MM-DD`.
std::string to_iso(const Date& date);
/// `YYYY-MM-DDTHH:MM:SS`.
std::string to_iso(const Instant& instant);

/// Days since 1970-01-01 of a civil date given by its fields (proleptic
/// Gregorian; no validation).
constexpr DayNumber days_from_civil(int year, unsigned month, unsigned day) noexcept {
  year -= month <= 2 ? 1 : 0;
  const int era = (year >= 0 ? year : year - 399) / 400;
  const auto yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

/// Day number of kFirstYear-01-01, the first supported day.
inline constexpr DayNumber kFirstDay = days_from_civil(kFirstYear, 1, 1);
/// Day number of kLastYear-12-31, the last supported day.
inline constexpr DayNumber kLastDay = days_from_civil(kLastYear, 12, 31);

/// The one message for a date outside the supported range: `what` (for
/// example "column day row 3: day number -2147483648") followed by
/// "is outside the supported dates 1400-01-01 to 9999-12-31".
[[nodiscard]] std::string date_out_of_range(std::string_view what);

/// True when kFirstDay <= day <= kLastDay.
constexpr bool is_supported_day(DayNumber day) noexcept { return day >= kFirstDay && day <= kLastDay; }

/// Throws InputError(date_out_of_range(what + " day number N")) unless
/// kFirstDay <= day <= kLastDay. `what` names the input ("column day row 3").
void require_supported_day(DayNumber day, std::string_view what);

/// The day number of a date.
DayNumber to_day_number(const Date& date);
/// The date of a day number.
Date from_day_number(DayNumber day);

/// Midnight at the start of `date`.
Instant start_of(const Date& date);

/// The one rule for an incident's reported_at, applied by every reader
/// (incidents.csv in the metrics area, store imports, the Register, pandas):
/// - optional: an empty field means "not recorded";
/// - otherwise a date or date-time in parse_instant's forms;
/// - never on a day before the day it occurred. Days are compared, because
///   a date-only value covers its whole day: an incident at 11:25 reported
///   "2023-04-01" was reported that day, not at midnight before it.
/// Returns the reported day, or nullopt when `reported` is empty. Throws
/// InputError with reported_at_message()'s text otherwise.
std::optional<DayNumber> check_reported_at(std::string_view reported, std::string_view occurred,
                                           DayNumber occurred_day);

/// The message of a reported_at on a day before occurred_at (one text for
/// every reader): `reported_at "R" is on a day before occurred_at "O"`.
[[nodiscard]] std::string reported_before_occurred(std::string_view reported,
                                                   std::string_view occurred);

}  // namespace closeloop
