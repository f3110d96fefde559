#pragma once
/// \file
/// Bank holidays and working days, for deadlines counted in working days
/// (the Duty of Candour notification). England and Wales are built in:
/// the standing rules computed with Boost.Date_Time for any year, plus the
/// one-off changes the government announced (a list in the library, see
/// docs/lifecycle.md, "Working days"). A provider adds or removes days for
/// Scotland, Northern Ireland or a one-off not yet in the list.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "closeloop/core/date.hpp"

namespace closeloop::lifecycle {

/// A one-off change to the standing rules: a day added and, when a rule's
/// day was moved rather than a day added, the day it replaced.
struct HolidayChange {
  /// The bank holiday granted.
  Date added;
  /// The standing rule's day it replaces (not a holiday that year), if moved.
  std::optional<Date> removed;
  /// Why ("VE Day 75th anniversary").
  std::string reason;

  bool operator==(const HolidayChange&) const = default;
};

/// The one-off changes to England and Wales bank holidays announced by the
/// government (2020 onwards), oldest first.
const std::vector<HolidayChange>& england_and_wales_changes();

/// England and Wales bank holidays of `year` from the standing rules only:
/// New Year's Day, Good Friday, Easter Monday, the first and last Mondays of
/// May, the last Monday of August, Christmas Day and Boxing Day, each falling
/// on a weekend replaced by the next weekday not already a holiday.
std::vector<Date> england_and_wales_standing_holidays(int year);

/// Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm).
Date easter_sunday(int year);

/// The days that are not working days besides Saturdays and Sundays.
class HolidayCalendar {
 public:
  /// No holidays: working days are Monday to Friday.
  HolidayCalendar() = default;
  /// England and Wales: the standing rules for every year plus the
  /// announced one-off changes.
  static HolidayCalendar england_and_wales();

  /// Makes `day` a holiday (a provider's own, or Scotland's 2 January...).
  void add(Date day);
  /// Makes `day` a working day again (when replacing a standing day).
  void remove(Date day);

  /// True when `day` is a holiday (weekends are not listed here).
  [[nodiscard]] bool is_holiday(Date day) const;
  /// True when `day` is Monday to Friday and not a holiday.
  [[nodiscard]] bool is_working_day(Date day) const;
  /// The holidays of one year, in order.
  [[nodiscard]] std::vector<Date> holidays_in(int year) const;
  /// The day `days` working days after `from` (`from` itself not counted).
  [[nodiscard]] Date add_working_days(Date from, int days) const;

  bool operator==(const HolidayCalendar&) const = default;

 private:
  bool rules_ = false;     // apply the England and Wales rules and changes
  std::set<Date> added_;   // the provider's additions
  std::set<Date> removed_; // the provider's removals
};

}  // namespace closeloop::lifecycle
