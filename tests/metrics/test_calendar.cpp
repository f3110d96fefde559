#include <gtest/gtest.h>

#include "closeloop/core/error.hpp"
#include "closeloop/metrics/calendar.hpp"

namespace closeloop::metrics {
namespace {

DayNumber d(int y, unsigned m, unsigned day) { return days_from_civil(y, m, day); }

TEST(Calendar, CivilFromDaysInvertsDaysFromCivil) {
  for (DayNumber day = -800000; day < 800000; day += 997) {
    const CivilDate c = civil_from_days(day);
    EXPECT_EQ(days_from_civil(c.year, c.month, c.day), day);
  }
  const CivilDate leap = civil_from_days(d(2024, 2, 29));
  EXPECT_EQ(leap.year, 2024);
  EXPECT_EQ(leap.month, 2U);
  EXPECT_EQ(leap.day, 29U);
  EXPECT_EQ(days_in_month(2024, 2), 29U);
  EXPECT_EQ(days_in_month(1900, 2), 28U);
  EXPECT_EQ(days_in_month(2000, 2), 29U);
  EXPECT_EQ(days_in_month(2026, 4), 30U);
}

TEST(Calendar, PeriodStarts) {
  // 2026-11-26 is a Thursday; its ISO week starts on Monday 2026-11-23.
  EXPECT_EQ(period_start(PeriodKind::week, d(2026, 11, 26)), d(2026, 11, 23));
  EXPECT_EQ(period_start(PeriodKind::week, d(2026, 11, 23)), d(2026, 11, 23));
  // Sunday 2026-11-29 is the last day of that week.
  EXPECT_EQ(period_start(PeriodKind::week, d(2026, 11, 29)), d(2026, 11, 23));
  // 1969-12-29 was a Monday (negative day numbers).
  EXPECT_EQ(period_start(PeriodKind::week, d(1969, 12, 31)), d(1969, 12, 29));
  EXPECT_EQ(period_start(PeriodKind::day, d(2026, 11, 26)), d(2026, 11, 26));
  EXPECT_EQ(period_start(PeriodKind::month, d(2026, 11, 26)), d(2026, 11, 1));
  EXPECT_EQ(period_start(PeriodKind::quarter, d(2026, 11, 26)), d(2026, 10, 1));
  EXPECT_EQ(period_start(PeriodKind::quarter, d(2026, 3, 31)), d(2026, 1, 1));
  // The UK financial year runs from 1 April to 31 March.
  EXPECT_EQ(period_start(PeriodKind::financial_year, d(2026, 3, 31)), d(2025, 4, 1));
  EXPECT_EQ(period_start(PeriodKind::financial_year, d(2026, 4, 1)), d(2026, 4, 1));
  EXPECT_EQ(next_period_start(PeriodKind::month, d(2026, 12, 1)), d(2027, 1, 1));
  EXPECT_EQ(next_period_start(PeriodKind::quarter, d(2026, 10, 1)), d(2027, 1, 1));
  EXPECT_EQ(next_period_start(PeriodKind::financial_year, d(2025, 4, 1)), d(2026, 4, 1));
  EXPECT_EQ(next_period_start(PeriodKind::week, d(2026, 11, 23)), d(2026, 11, 30));
}

TEST(Calendar, DenseRangeWithLookup) {
  const Calendar months(PeriodKind::month, d(2025, 11, 15), d(2026, 2, 3));
  EXPECT_EQ(months.starts(), (std::vector<DayNumber>{d(2025, 11, 1), d(2025, 12, 1),
                                                     d(2026, 1, 1), d(2026, 2, 1)}));
  EXPECT_EQ(months.end(), d(2026, 3, 1));
  EXPECT_EQ(months.length(3), 28);
  EXPECT_EQ(months.index_of(d(2025, 11, 1)), 0);
  EXPECT_EQ(months.index_of(d(2025, 12, 31)), 1);
  EXPECT_EQ(months.index_of(d(2026, 2, 28)), 3);
  EXPECT_EQ(months.index_of(d(2026, 3, 1)), -1);
  EXPECT_EQ(months.index_of(d(2025, 10, 31)), -1);

  const Calendar years(PeriodKind::financial_year, d(2024, 1, 1), d(2026, 4, 1));
  EXPECT_EQ(years.starts(), (std::vector<DayNumber>{d(2023, 4, 1), d(2024, 4, 1), d(2025, 4, 1),
                                                    d(2026, 4, 1)}));
  const Calendar weeks(PeriodKind::week, d(2026, 11, 26), d(2026, 12, 7));
  EXPECT_EQ(weeks.size(), 3U);
  EXPECT_EQ(weeks.starts().front(), d(2026, 11, 23));
  const Calendar quarters(PeriodKind::quarter, d(2026, 1, 1), d(2026, 1, 1));
  EXPECT_EQ(quarters.size(), 1U);
  EXPECT_EQ(quarters.length(0), 90);
}

TEST(Calendar, RefusesBackwardsRangeAndParsesKinds) {
  EXPECT_THROW(Calendar(PeriodKind::day, 10, 9), InputError);
  EXPECT_EQ(parse_period_kind("financial_year"), PeriodKind::financial_year);
  EXPECT_EQ(to_string(PeriodKind::week), "week");
  EXPECT_THROW((void)parse_period_kind("fortnight"), InputError);
}

}  // namespace
}  // namespace closeloop::metrics
