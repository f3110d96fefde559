#pragma once
/// \file
/// Calendar bucketing of day numbers: day, ISO week (Monday), calendar month,
/// quarter and UK financial year (1 April to 31 March). A range of days maps
/// to a dense list of period starts: empty periods are present, never missing.

#include <cstdint>
#include <string_view>
#include <vector>

#include "closeloop/core/date.hpp"
#include "closeloop/core/enum_text.hpp"
#include "closeloop/core/enum_words.hpp"

namespace closeloop::metrics {

/// The length of a calendar bucket.
enum class PeriodKind : std::uint8_t { day, week, month, quarter, financial_year };

/// The words of PeriodKind: "day", "week", "month", "quarter", "financial_year".
inline constexpr EnumText<PeriodKind, 5> kPeriodKindText{
    "period",
    {{{PeriodKind::day, "day"},
      {PeriodKind::week, "week"},
      {PeriodKind::month, "month"},
      {PeriodKind::quarter, "quarter"},
      {PeriodKind::financial_year, "financial_year"}}}};

/// The word of a period kind.
std::string_view to_string(PeriodKind kind) noexcept;
/// Parses a period word; InputError listing the words otherwise.
PeriodKind parse_period_kind(std::string_view text);

/// A civil date as fields.
struct CivilDate {
  int year;
  unsigned month;  ///< 1..12
  unsigned day;    ///< 1..31
};

/// The civil date of a day number (proleptic Gregorian).
CivilDate civil_from_days(DayNumber day) noexcept;

/// The number of days in `month` (1..12) of `year`.
unsigned days_in_month(int year, unsigned month) noexcept;

/// The first day of the period of `kind` that contains `day`.
DayNumber period_start(PeriodKind kind, DayNumber day) noexcept;

/// The first day of the period after the one starting at `start` (which must be a period start).
DayNumber next_period_start(PeriodKind kind, DayNumber start) noexcept;

/// A dense run of periods of one kind, covering a range of days, with a fast
/// day-to-period lookup.
class Calendar {
 public:
  /// No periods.
  Calendar() = default;
  /// The periods of `kind` that contain any day of [first, last];
  /// InputError if last < first.
  Calendar(PeriodKind kind, DayNumber first, DayNumber last);

  /// The period kind.
  [[nodiscard]] PeriodKind kind() const noexcept { return kind_; }
  /// The number of periods.
  [[nodiscard]] std::size_t size() const noexcept { return starts_.size(); }
  /// The first day of each period, ascending.
  [[nodiscard]] const std::vector<DayNumber>& starts() const noexcept { return starts_; }
  /// The first day after the last period (its exclusive end).
  [[nodiscard]] DayNumber end() const noexcept { return end_; }
  /// The number of days in period `index`.
  [[nodiscard]] DayNumber length(std::size_t index) const noexcept;
  /// The index of the period containing `day`, or -1 if outside.
  [[nodiscard]] std::int32_t index_of(DayNumber day) const noexcept {
    if (starts_.empty() || day < starts_.front() || day >= end_) return -1;
    return lookup_[static_cast<std::size_t>(day - starts_.front())];
  }

 private:
  PeriodKind kind_ = PeriodKind::month;
  std::vector<DayNumber> starts_;
  DayNumber end_ = 0;
  std::vector<std::int32_t> lookup_;
};

}  // namespace closeloop::metrics

CLOSELOOP_ENUM_WORDS_INLINE(closeloop::metrics::PeriodKind, closeloop::metrics::kPeriodKindText);
