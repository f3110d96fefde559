#include "closeloop/lifecycle/holidays.hpp"

#include <algorithm>

#include <boost/date_time/gregorian/gregorian.hpp>

namespace closeloop::lifecycle {

namespace bg = boost::gregorian;

namespace {

bool weekend(Date day) {
  const auto w = day.day_of_week().as_number();
  return w == bg::Saturday || w == bg::Sunday;
}

// The next weekday on or after `day` that is not in `taken`.
Date substitute(Date day, const std::vector<Date>& taken) {
  while (weekend(day) || std::find(taken.begin(), taken.end(), day) != taken.end()) {
    day += bg::days(1);
  }
  return day;
}

}  // namespace

Date easter_sunday(int year) {
  const int a = year % 19;
  const int b = year / 100;
  const int c = year % 100;
  const int d = b / 4;
  const int e = b % 4;
  const int f = (b + 8) / 25;
  const int g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4;
  const int k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return make_date(year, month, day);
}

std::vector<Date> england_and_wales_standing_holidays(int year) {
  using nth = bg::nth_day_of_the_week_in_month;
  using last = bg::last_day_of_the_week_in_month;
  const auto y = static_cast<unsigned short>(year);
  std::vector<Date> days;
  days.push_back(substitute(make_date(year, 1, 1), days));
  const Date easter = easter_sunday(year);
  days.push_back(easter - bg::days(2));
  days.push_back(easter + bg::days(1));
  days.push_back(nth(nth::first, bg::Monday, bg::May).get_date(y));
  days.push_back(last(bg::Monday, bg::May).get_date(y));
  days.push_back(last(bg::Monday, bg::Aug).get_date(y));
  // Christmas first, so that Boxing Day's substitute comes after its own.
  const Date christmas = make_date(year, 12, 25);
  const Date boxing = make_date(year, 12, 26);
  std::vector<Date> december;
  if (!weekend(christmas)) december.push_back(christmas);
  if (!weekend(boxing)) december.push_back(boxing);
  if (weekend(christmas)) december.push_back(substitute(christmas, december));
  if (weekend(boxing)) december.push_back(substitute(boxing, december));
  std::sort(december.begin(), december.end());
  days.insert(days.end(), december.begin(), december.end());
  return days;
}

const std::vector<HolidayChange>& england_and_wales_changes() {
  static const std::vector<HolidayChange> changes{
      {make_date(2020, 5, 8), make_date(2020, 5, 4),
       "early May bank holiday moved to Friday for VE Day's 75th anniversary"},
      {make_date(2022, 6, 2), make_date(2022, 5, 30),
       "spring bank holiday moved to Thursday for the Platinum Jubilee"},
      {make_date(2022, 6, 3), std::nullopt, "Platinum Jubilee bank holiday"},
      {make_date(2022, 9, 19), std::nullopt, "State Funeral of Queen Elizabeth II"},
      {make_date(2023, 5, 8), std::nullopt, "Coronation of King Charles III"},
  };
  return changes;
}

HolidayCalendar HolidayCalendar::england_and_wales() {
  HolidayCalendar calendar;
  calendar.rules_ = true;
  return calendar;
}

void HolidayCalendar::add(Date day) {
  removed_.erase(day);
  added_.insert(day);
}

void HolidayCalendar::remove(Date day) {
  added_.erase(day);
  removed_.insert(day);
}

std::vector<Date> HolidayCalendar::holidays_in(int year) const {
  std::set<Date> days;
  if (rules_) {
    for (Date d : england_and_wales_standing_holidays(year)) days.insert(d);
    for (const HolidayChange& change : england_and_wales_changes()) {
      if (change.added.year() != year) continue;
      if (change.removed) days.erase(*change.removed);
      days.insert(change.added);
    }
  }
  for (Date d : added_) {
    if (d.year() == year) days.insert(d);
  }
  for (Date d : removed_) days.erase(d);
  return {days.begin(), days.end()};
}

bool HolidayCalendar::is_holiday(Date day) const {
  const auto days = holidays_in(day.year());
  return std::binary_search(days.begin(), days.end(), day);
}

bool HolidayCalendar::is_working_day(Date day) const { return !weekend(day) && !is_holiday(day); }

Date HolidayCalendar::add_working_days(Date from, int days) const {
  Date d = from;
  int counted = 0;
  while (counted < days) {
    d += bg::days(1);
    if (is_working_day(d)) ++counted;
  }
  return d;
}

}  // namespace closeloop::lifecycle
