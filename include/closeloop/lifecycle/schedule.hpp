#pragma once
/// \file
/// Monitoring schedules on Boost.Date_Time: weekly on a weekday, every N weeks,
/// monthly on day N (clamped in short months) or on the last day, quarterly.
/// A schedule lists its occurrences in a date range; a compact text form
/// ("weekly:monday", "monthly_day:31", ...) round-trips for the store.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "closeloop/core/date.hpp"
#include "closeloop/lifecycle/enums.hpp"

namespace closeloop::lifecycle {

/// How often a monitoring activity recurs. Build one with the named
/// constructors; the fields are public so a store can save and rebuild it.
struct Recurrence {
  /// The kind of recurrence; `none` has no occurrences.
  RecurrenceKind kind = RecurrenceKind::none;
  /// weekly: the weekday.
  Weekday weekday = Weekday::monday;
  /// every_n_weeks: N (at least 1).
  int interval_weeks = 1;
  /// monthly_day: the day of the month, 1..31 (clamped to short months).
  int day_of_month = 1;
  /// every_n_weeks and quarterly: the first occurrence; later ones follow
  /// every N weeks, or every three months on the anchor's day (clamped).
  std::optional<Date> anchor;

  /// No recurrence.
  static Recurrence none();
  /// Every week on `day`.
  static Recurrence weekly(Weekday day);
  /// Every `weeks` weeks starting on `first`; InputError if weeks < 1.
  static Recurrence every_n_weeks(int weeks, Date first);
  /// Every month on `day` (1..31), the month's last day when it is shorter;
  /// InputError outside 1..31.
  static Recurrence monthly_on_day(int day);
  /// Every month on its last day.
  static Recurrence monthly_last_day();
  /// Every three months starting on `first`, on its day of the month (clamped).
  static Recurrence quarterly(Date first);

  /// True unless the kind is `none`.
  [[nodiscard]] bool recurs() const noexcept { return kind != RecurrenceKind::none; }

  /// Throws InputError if the fields are inconsistent (a missing anchor, an
  /// interval below 1, a day of the month outside 1..31).
  void validate() const;

  /// The occurrences in [from, to], in order. Empty for `none` or when to < from.
  [[nodiscard]] std::vector<Date> occurrences(Date from, Date to) const;

  /// The first occurrence on or after `from`, if any within ten years.
  [[nodiscard]] std::optional<Date> next_on_or_after(Date from) const;

  /// Plain English: "weekly on Monday", "monthly on day 31 (last day in shorter
  /// months)", "every 2 weeks from 2026-01-05", "quarterly from 2026-01-15".
  [[nodiscard]] std::string describe() const;

  bool operator==(const Recurrence&) const = default;
};

/// The compact text form: "none", "weekly:monday", "every_n_weeks:2:2026-01-05",
/// "monthly_day:31", "monthly_last_day", "quarterly:2026-01-15".
std::string to_string(const Recurrence& recurrence);
/// Reads the compact text form back; InputError quoting the text otherwise.
Recurrence parse_recurrence(std::string_view text);

/// `date` plus `months` calendar months, the day clamped to the last day of
/// the target month (31 January + 1 month = 28 or 29 February).
Date add_months_clamped(Date date, int months);

/// The day in `year`/`month` that is `day`, or the month's last day if shorter.
Date clamped_day(int year, int month, int day);

/// The ISO weekday of a date.
Weekday weekday_of(Date date) noexcept;

/// The dates of `scheduled` that no entry of `done` covers: each date is
/// covered by the earliest unused entry of `done` within `tolerance_days`
/// either side (each entry covers at most one date). Only dates whose window
/// has closed by `as_of` (date + tolerance < as_of) can be missed.
std::vector<Date> missed_occurrences(const std::vector<Date>& scheduled, std::vector<Date> done,
                                     int tolerance_days, Date as_of);

}  // namespace closeloop::lifecycle
