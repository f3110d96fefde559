#include "closeloop/lifecycle/schedule.hpp"

#include <algorithm>
#include <string>

#include "closeloop/core/error.hpp"

namespace closeloop::lifecycle {

namespace {

const char* const kWeekdayTitle[] = {"",         "Monday", "Tuesday",  "Wednesday",
                                     "Thursday", "Friday", "Saturday", "Sunday"};

int last_day_of(int year, int month) {
  return static_cast<int>(boost::gregorian::gregorian_calendar::end_of_month_day(
      static_cast<unsigned short>(year), static_cast<unsigned short>(month)));
}

int year_of(Date date) { return static_cast<int>(date.year()); }
int month_of(Date date) { return static_cast<int>(date.month().as_number()); }
int day_of(Date date) { return static_cast<int>(date.day().as_number()); }

// Whole months from the first of `from`'s month to the first of `to`'s month.
int months_between(Date from, Date to) {
  return (year_of(to) - year_of(from)) * 12 + (month_of(to) - month_of(from));
}

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

}  // namespace

Date clamped_day(int year, int month, int day) {
  return make_date(year, month, std::min(day, last_day_of(year, month)));
}

Date add_months_clamped(Date date, int months) {
  const int index = year_of(date) * 12 + (month_of(date) - 1) + months;
  const int year = index / 12;
  const int month = index % 12 + 1;
  return clamped_day(year, month, day_of(date));
}

Weekday weekday_of(Date date) noexcept {
  // Boost counts Sunday as 0; ISO counts it as 7.
  const int boost_day = static_cast<int>(date.day_of_week().as_number());
  return static_cast<Weekday>(boost_day == 0 ? 7 : boost_day);
}

Recurrence Recurrence::none() { return {}; }

Recurrence Recurrence::weekly(Weekday day) {
  Recurrence r;
  r.kind = RecurrenceKind::weekly;
  r.weekday = day;
  return r;
}

Recurrence Recurrence::every_n_weeks(int weeks, Date first) {
  Recurrence r;
  r.kind = RecurrenceKind::every_n_weeks;
  r.interval_weeks = weeks;
  r.anchor = first;
  r.weekday = weekday_of(first);
  r.validate();
  return r;
}

Recurrence Recurrence::monthly_on_day(int day) {
  Recurrence r;
  r.kind = RecurrenceKind::monthly_day;
  r.day_of_month = day;
  r.validate();
  return r;
}

Recurrence Recurrence::monthly_last_day() {
  Recurrence r;
  r.kind = RecurrenceKind::monthly_last_day;
  return r;
}

Recurrence Recurrence::quarterly(Date first) {
  Recurrence r;
  r.kind = RecurrenceKind::quarterly;
  r.anchor = first;
  r.day_of_month = day_of(first);
  return r;
}

void Recurrence::validate() const {
  const auto weekday_number = static_cast<int>(weekday);
  if (weekday_number < 1 || weekday_number > 7) {
    throw InputError("recurrence: weekday " + std::to_string(weekday_number) +
                     " is outside monday..sunday");
  }
  switch (kind) {
    case RecurrenceKind::none:
    case RecurrenceKind::weekly:
    case RecurrenceKind::monthly_last_day:
      return;
    case RecurrenceKind::every_n_weeks:
      if (interval_weeks < 1) {
        throw InputError("recurrence every_n_weeks: interval " + std::to_string(interval_weeks) +
                         " weeks must be at least 1");
      }
      if (!anchor) throw InputError("recurrence every_n_weeks: needs the date of its first occurrence");
      return;
    case RecurrenceKind::monthly_day:
      if (day_of_month < 1 || day_of_month > 31) {
        throw InputError("recurrence monthly_day: day " + std::to_string(day_of_month) +
                         " is outside 1..31");
      }
      return;
    case RecurrenceKind::quarterly:
      if (!anchor) throw InputError("recurrence quarterly: needs the date of its first occurrence");
      return;
  }
}

std::vector<Date> Recurrence::occurrences(Date from, Date to) const {
  validate();
  std::vector<Date> out;
  if (to < from) return out;
  switch (kind) {
    case RecurrenceKind::none:
      break;
    case RecurrenceKind::weekly: {
      const int shift = (static_cast<int>(weekday) - static_cast<int>(weekday_of(from)) + 7) % 7;
      for (Date d = from + boost::gregorian::days(shift); d <= to;
           d += boost::gregorian::days(7)) {
        out.push_back(d);
      }
      break;
    }
    case RecurrenceKind::every_n_weeks: {
      const long step = 7L * interval_weeks;
      Date d = *anchor;
      if (d < from) {
        const long behind = (from - d).days();
        d += boost::gregorian::days((behind + step - 1) / step * step);
      }
      for (; d <= to; d += boost::gregorian::days(step)) out.push_back(d);
      break;
    }
    case RecurrenceKind::monthly_day:
    case RecurrenceKind::monthly_last_day: {
      for (int m = 0;; ++m) {
        const Date first_of = add_months_clamped(make_date(year_of(from), month_of(from), 1), m);
        if (first_of > to) break;
        const int day = kind == RecurrenceKind::monthly_last_day ? 31 : day_of_month;
        const Date d = clamped_day(year_of(first_of), month_of(first_of), day);
        if (d >= from && d <= to) out.push_back(d);
      }
      break;
    }
    case RecurrenceKind::quarterly: {
      // Counting from the anchor each time keeps a 31st anchor on the 31st
      // in long months instead of drifting to the 30th after a short one.
      int k = 0;
      if (*anchor < from) k = std::max(0, months_between(*anchor, from) / 3 - 1);
      for (;; ++k) {
        const Date first_of = add_months_clamped(
            make_date(year_of(*anchor), month_of(*anchor), 1), 3 * k);
        if (first_of > to) break;
        const Date d = clamped_day(year_of(first_of), month_of(first_of), day_of_month);
        if (d >= from && d <= to) out.push_back(d);
      }
      break;
    }
  }
  return out;
}

std::optional<Date> Recurrence::next_on_or_after(Date from) const {
  const auto found = occurrences(from, add_months_clamped(from, 120));
  if (found.empty()) return std::nullopt;
  return found.front();
}

std::string Recurrence::describe() const {
  switch (kind) {
    case RecurrenceKind::none:
      return "no recurrence";
    case RecurrenceKind::weekly:
      return std::string("weekly on ") + kWeekdayTitle[static_cast<int>(weekday)];
    case RecurrenceKind::every_n_weeks:
      return "every " + std::to_string(interval_weeks) + " weeks from " +
             (anchor ? to_iso(*anchor) : std::string("?"));
    case RecurrenceKind::monthly_day:
      return "monthly on day " + std::to_string(day_of_month) +
             (day_of_month > 28 ? " (last day in shorter months)" : "");
    case RecurrenceKind::monthly_last_day:
      return "monthly on the last day";
    case RecurrenceKind::quarterly:
      return "quarterly from " + (anchor ? to_iso(*anchor) : std::string("?"));
  }
  return "?";
}

std::string to_string(const Recurrence& recurrence) {
  const std::string kind(to_string(recurrence.kind));
  switch (recurrence.kind) {
    case RecurrenceKind::none:
    case RecurrenceKind::monthly_last_day:
      return kind;
    case RecurrenceKind::weekly:
      return kind + ":" + std::string(to_string(recurrence.weekday));
    case RecurrenceKind::every_n_weeks:
      return kind + ":" + std::to_string(recurrence.interval_weeks) + ":" +
             (recurrence.anchor ? to_iso(*recurrence.anchor) : std::string());
    case RecurrenceKind::monthly_day:
      return kind + ":" + std::to_string(recurrence.day_of_month);
    case RecurrenceKind::quarterly:
      return kind + ":" + (recurrence.anchor ? to_iso(*recurrence.anchor) : std::string());
  }
  return kind;
}

Recurrence parse_recurrence(std::string_view text) {
  const auto bad = [&](const std::string& why) {
    return InputError("invalid recurrence " + quoted(text) + ": " + why);
  };
  std::vector<std::string_view> parts;
  std::string_view rest = text;
  for (;;) {
    const auto colon = rest.find(':');
    parts.push_back(rest.substr(0, colon));
    if (colon == std::string_view::npos) break;
    rest.remove_prefix(colon + 1);
  }
  const RecurrenceKind kind = parse_recurrence_kind(parts[0]);
  const auto expect = [&](std::size_t count) {
    if (parts.size() != count) {
      throw bad("expected " + std::to_string(count - 1) + " field(s) after \"" +
                std::string(parts[0]) + "\"");
    }
  };
  const auto integer = [&](std::string_view word) {
    if (word.empty() || word.size() > 4 ||
        !std::all_of(word.begin(), word.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      throw bad("\"" + std::string(word) + "\" is not a whole number");
    }
    return std::stoi(std::string(word));
  };
  switch (kind) {
    case RecurrenceKind::none:
      expect(1);
      return Recurrence::none();
    case RecurrenceKind::monthly_last_day:
      expect(1);
      return Recurrence::monthly_last_day();
    case RecurrenceKind::weekly:
      expect(2);
      return Recurrence::weekly(parse_weekday(parts[1]));
    case RecurrenceKind::every_n_weeks:
      expect(3);
      return Recurrence::every_n_weeks(integer(parts[1]), parse_date(parts[2]));
    case RecurrenceKind::monthly_day:
      expect(2);
      return Recurrence::monthly_on_day(integer(parts[1]));
    case RecurrenceKind::quarterly:
      expect(2);
      return Recurrence::quarterly(parse_date(parts[1]));
  }
  throw bad("unknown kind");
}

std::vector<Date> missed_occurrences(const std::vector<Date>& scheduled, std::vector<Date> done,
                                     int tolerance_days, Date as_of) {
  std::sort(done.begin(), done.end());
  std::vector<bool> used(done.size(), false);
  std::vector<Date> missed;
  const boost::gregorian::days tolerance(tolerance_days);
  for (const Date& due : scheduled) {
    bool covered = false;
    for (std::size_t i = 0; i < done.size(); ++i) {
      if (used[i] || done[i] < due - tolerance) continue;
      if (done[i] > due + tolerance) break;
      used[i] = true;
      covered = true;
      break;
    }
    if (!covered && due + tolerance < as_of) missed.push_back(due);
  }
  return missed;
}

}  // namespace closeloop::lifecycle
