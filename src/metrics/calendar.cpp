#include "closeloop/metrics/calendar.hpp"

#include <string>

#include "closeloop/core/error.hpp"

namespace closeloop::metrics {

std::string_view to_string(PeriodKind kind) noexcept { return kPeriodKindText.name(kind); }

PeriodKind parse_period_kind(std::string_view text) { return kPeriodKindText.parse(text); }

// Howard Hinnant's civil_from_days, the inverse of core's days_from_civil.
CivilDate civil_from_days(DayNumber day) noexcept {
  const int z = day + 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {m <= 2 ? y + 1 : y, m, d};
}

unsigned days_in_month(int year, unsigned month) noexcept {
  static constexpr unsigned kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29U : 28U;
  }
  return kDays[month - 1];
}

DayNumber period_start(PeriodKind kind, DayNumber day) noexcept {
  switch (kind) {
    case PeriodKind::day:
      return day;
    case PeriodKind::week: {
      // 1970-01-01 was a Thursday: Monday-based weekday = (day + 3) mod 7.
      const int weekday = ((day + 3) % 7 + 7) % 7;
      return day - weekday;
    }
    case PeriodKind::month: {
      const CivilDate c = civil_from_days(day);
      return days_from_civil(c.year, c.month, 1);
    }
    case PeriodKind::quarter: {
      const CivilDate c = civil_from_days(day);
      return days_from_civil(c.year, (c.month - 1) / 3 * 3 + 1, 1);
    }
    case PeriodKind::financial_year: {
      const CivilDate c = civil_from_days(day);
      return days_from_civil(c.month >= 4 ? c.year : c.year - 1, 4, 1);
    }
  }
  return day;
}

DayNumber next_period_start(PeriodKind kind, DayNumber start) noexcept {
  switch (kind) {
    case PeriodKind::day:
      return start + 1;
    case PeriodKind::week:
      return start + 7;
    case PeriodKind::month:
    case PeriodKind::quarter:
    case PeriodKind::financial_year: {
      const CivilDate c = civil_from_days(start);
      const unsigned step = kind == PeriodKind::month ? 1U : kind == PeriodKind::quarter ? 3U : 12U;
      const unsigned zero_based = c.month - 1 + step;
      return days_from_civil(c.year + static_cast<int>(zero_based / 12), zero_based % 12 + 1, 1);
    }
  }
  return start + 1;
}

Calendar::Calendar(PeriodKind kind, DayNumber first, DayNumber last) : kind_(kind) {
  if (last < first) {
    throw InputError("calendar range ends (" + to_iso(from_day_number(last)) +
                     ") before it starts (" + to_iso(from_day_number(first)) + ")");
  }
  // A day-indexed lookup table keeps bucketing a single load per incident.
  constexpr DayNumber kMaxDays = 400 * 366;
  if (last - first > kMaxDays) {
    throw InputError("calendar range of more than 400 years (" + to_iso(from_day_number(first)) +
                     " to " + to_iso(from_day_number(last)) + "): check the dates");
  }
  DayNumber start = period_start(kind, first);
  while (start <= last) {
    starts_.push_back(start);
    start = next_period_start(kind, start);
  }
  end_ = start;
  lookup_.resize(static_cast<std::size_t>(end_ - starts_.front()));
  for (std::size_t p = 0; p < starts_.size(); ++p) {
    const DayNumber stop = p + 1 < starts_.size() ? starts_[p + 1] : end_;
    for (DayNumber d = starts_[p]; d < stop; ++d) {
      lookup_[static_cast<std::size_t>(d - starts_.front())] = static_cast<std::int32_t>(p);
    }
  }
}

DayNumber Calendar::length(std::size_t index) const noexcept {
  const DayNumber stop = index + 1 < starts_.size() ? starts_[index + 1] : end_;
  return stop - starts_[index];
}

}  // namespace closeloop::metrics
