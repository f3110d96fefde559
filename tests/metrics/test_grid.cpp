#include <gtest/gtest.h>

#include <cmath>

#include "closeloop/core/error.hpp"
#include "closeloop/metrics/grid.hpp"

namespace closeloop::metrics {
namespace {

DayNumber d(int y, unsigned m, unsigned day) { return days_from_civil(y, m, day); }

const char* const kIncidents =
    "incident_id,service_id,occurred_at,reported_at,category,harm,person_ref,description\n"
    "I1,S1,2026-01-05,,fall,low,,\n"
    "I2,S1,2026-01-20,,fall,none,,\n"
    "I3,S1,2026-03-02,,medication_error,low,,\n"
    "I4,S2,2026-01-10,,fall,moderate,,\n"
    "I5,S3,2026-03-31T23:59,,medication_error,none,,\n";

const char* const kExposure =
    "service_id,period,measure,value\n"
    "S1,2026-01,occupied_bed_days,620\n"
    "S1,2026-02,occupied_bed_days,560\n"
    "S1,2026-03,occupied_bed_days,620\n"
    "S2,2026-01,occupied_bed_days,310\n"
    "S2,2026-02,occupied_bed_days,280\n"
    "S2,2026-03,occupied_bed_days,310\n"
    "S3,2026-01,doses_administered,900\n"
    "S3,2026-02,doses_administered,800\n"
    "S3,2026-03,doses_administered,900\n"
    "S3,2026-01,care_hours,100\n";

const char* const kServices =
    "service_id,name,type,capacity,region\n"
    "S1,Oak House,residential,20,North\n"
    "S2,Ash House,residential,10,South\n"
    "S3,Elm Court,supported_living,,North\n";

class GridTest : public ::testing::Test {
 protected:
  IncidentTable incidents = IncidentTable::read_csv(CsvReader::from_string(kIncidents));
  ExposureTable exposure = ExposureTable::read_csv(CsvReader::from_string(kExposure));
  ServiceTable services = ServiceTable::read_csv(CsvReader::from_string(kServices));
};

TEST_F(GridTest, ByServiceWithFirstAvailableMeasure) {
  GridOptions options;
  options.by = {GroupKey::service_id};
  options.measures = {Measure::occupied_bed_days, Measure::doses_administered};
  const Grid grid = count_grid(incidents, options, &exposure);
  EXPECT_EQ(grid.period_starts,
            (std::vector<DayNumber>{d(2026, 1, 1), d(2026, 2, 1), d(2026, 3, 1)}));
  EXPECT_EQ(grid.keys, (std::vector<std::vector<std::string>>{{"S1", "S2", "S3"}}));
  EXPECT_EQ(grid.counts, (std::vector<std::int64_t>{2, 0, 1, 1, 0, 0, 0, 0, 1}));
  EXPECT_EQ(grid.exposure,
            (std::vector<double>{620, 560, 620, 310, 280, 310, 900, 800, 900}));
  EXPECT_EQ(grid.measure,
            (std::vector<std::string>{"occupied_bed_days", "occupied_bed_days", "doses_administered"}));
  const auto rates = grid.rates();
  EXPECT_DOUBLE_EQ(rates[0], 2.0 / 620 * 1000);
  EXPECT_EQ(rates[1], 0.0);
  EXPECT_EQ(grid.label(2), "S3");
  EXPECT_EQ(grid.find_group({"S2"}), 1U);

  // Preferring care hours: S3 has them only in January, so February and March
  // have no exposure and their rates are NaN.
  options.measures = {Measure::care_hours, Measure::doses_administered};
  const Grid care = count_grid(incidents, options, &exposure);
  EXPECT_EQ(care.measure[2], "care_hours");
  EXPECT_EQ(care.exposure[6], 100);
  EXPECT_EQ(care.exposure[8], 0);
  EXPECT_TRUE(std::isnan(care.rates()[8]));
  EXPECT_EQ(care.measure[0], "");
}

TEST_F(GridTest, ByCategoryIsDenseAndFiltered) {
  GridOptions options;
  options.by = {GroupKey::category};
  const Grid all = count_grid(incidents, options);
  EXPECT_EQ(all.groups(), 9U);  // every built-in category, even with no incident
  EXPECT_EQ(all.keys[0][0], "fall");
  EXPECT_EQ(all.counts[0], 3);  // January falls
  EXPECT_EQ(all.counts[2 * 3 + 1], 0);

  options.categories = {"medication_error", "fall"};
  options.measures = {Measure::occupied_bed_days};
  const Grid two = count_grid(incidents, options, &exposure);
  EXPECT_EQ(two.keys[0], (std::vector<std::string>{"fall", "medication_error"}));
  EXPECT_EQ(two.counts, (std::vector<std::int64_t>{3, 0, 0, 0, 0, 2}));
  // The organisation's bed days (S3 has none) for every category.
  EXPECT_EQ(two.exposure, (std::vector<double>{930, 840, 930, 930, 840, 930}));
  EXPECT_EQ(two.measure[1], "occupied_bed_days");

  options.categories = {"wandering"};
  EXPECT_THROW((void)count_grid(incidents, options, &exposure), InputError);
}

TEST_F(GridTest, ServiceAttributesAndCombinations) {
  GridOptions options;
  options.by = {GroupKey::category, GroupKey::service_type};
  options.categories = {"fall"};
  const Grid by_type = count_grid(incidents, options, nullptr, &services);
  EXPECT_EQ(by_type.keys[0], (std::vector<std::string>{"fall", "fall"}));
  EXPECT_EQ(by_type.keys[1], (std::vector<std::string>{"residential", "supported_living"}));
  EXPECT_EQ(by_type.counts, (std::vector<std::int64_t>{3, 0, 0, 0, 0, 0}));

  options.by = {GroupKey::region};
  options.categories = {};
  options.measures = {Measure::occupied_bed_days, Measure::doses_administered};
  const Grid by_region = count_grid(incidents, options, &exposure, &services);
  EXPECT_EQ(by_region.keys[0], (std::vector<std::string>{"North", "South"}));
  EXPECT_EQ(by_region.counts, (std::vector<std::int64_t>{2, 0, 2, 1, 0, 0}));
  EXPECT_EQ(by_region.exposure, (std::vector<double>{1520, 1360, 1520, 310, 280, 310}));
  EXPECT_EQ(by_region.measure, (std::vector<std::string>{"mixed", "occupied_bed_days"}));

  EXPECT_THROW((void)count_grid(incidents, options, &exposure), InputError);  // no service table
  options.by = {GroupKey::region, GroupKey::region};
  EXPECT_THROW((void)count_grid(incidents, options, &exposure, &services), InputError);
  options.by = {GroupKey::region};
  ServiceTable partial;
  partial.add("S1", "Oak House", "residential", 20, "North");
  EXPECT_THROW((void)count_grid(incidents, options, &exposure, &partial), InputError);
}

TEST_F(GridTest, ByHarm) {
  GridOptions options;
  options.by = {GroupKey::harm};
  options.period = PeriodKind::financial_year;
  const Grid grid = count_grid(incidents, options);
  EXPECT_EQ(grid.period_starts, (std::vector<DayNumber>{d(2025, 4, 1)}));
  EXPECT_EQ(grid.keys[0], (std::vector<std::string>{"none", "low", "moderate", "severe", "fatal"}));
  EXPECT_EQ(grid.counts, (std::vector<std::int64_t>{2, 2, 1, 0, 0}));
}

TEST_F(GridTest, WeeksSpreadMonthlyExposureOverDays) {
  GridOptions options;
  options.by = {GroupKey::service_id};
  options.period = PeriodKind::week;
  options.measures = {Measure::occupied_bed_days};
  // Monday 26 January to Sunday 8 February 2026: two weeks.
  options.first = d(2026, 1, 26);
  options.last = d(2026, 2, 8);
  const Grid grid = count_grid(incidents, options, &exposure);
  ASSERT_EQ(grid.periods(), 2U);
  // S1: January 620 / 31 = 20 a day, February 560 / 28 = 20 a day.
  // Week 1 = 6 January days + 1 February day = 140; week 2 = 7 x 20 = 140.
  EXPECT_NEAR(grid.exposure[0], 140, 1e-9);
  EXPECT_NEAR(grid.exposure[1], 140, 1e-9);
  // S2: 10 a day in both months.
  EXPECT_NEAR(grid.exposure[2], 70, 1e-9);
  EXPECT_EQ(grid.counts, (std::vector<std::int64_t>{0, 0, 0, 0, 0, 0}));
}

TEST_F(GridTest, QuartersSumMonthsAndEmptyPeriodsAreZero) {
  GridOptions options;
  options.by = {GroupKey::service_id};
  options.period = PeriodKind::quarter;
  options.measures = {Measure::occupied_bed_days};
  options.first = d(2025, 12, 1);
  const Grid grid = count_grid(incidents, options, &exposure);
  EXPECT_EQ(grid.period_starts, (std::vector<DayNumber>{d(2025, 10, 1), d(2026, 1, 1)}));
  EXPECT_EQ(grid.counts[0], 0);
  EXPECT_EQ(grid.counts[1], 3);
  EXPECT_EQ(grid.exposure[0], 0);
  EXPECT_EQ(grid.exposure[1], 1800);

  GridOptions days;
  days.period = PeriodKind::day;
  const Grid daily = count_grid(incidents, days);
  EXPECT_EQ(daily.periods(), static_cast<std::size_t>(d(2026, 3, 31) - d(2026, 1, 5) + 1));
  EXPECT_EQ(daily.counts.front(), 1);
  EXPECT_EQ(daily.counts.back(), 1);
  EXPECT_EQ(daily.counts[1], 0);
}

TEST_F(GridTest, PartitionsMergeToTheWhole) {
  GridOptions options;
  options.by = {GroupKey::service_id, GroupKey::category};
  options.categories = {"fall", "medication_error"};
  options.measures = {Measure::occupied_bed_days, Measure::doses_administered};
  const Grid whole = count_grid(incidents, options, &exposure);

  const IncidentTable first = IncidentTable::read_csv(CsvReader::from_string(
      "incident_id,service_id,occurred_at,category,harm\n"
      "I1,S1,2026-01-05,fall,low\nI2,S1,2026-01-20,fall,none\nI4,S2,2026-01-10,fall,moderate\n"));
  const IncidentTable second = IncidentTable::read_csv(CsvReader::from_string(
      "incident_id,service_id,occurred_at,category,harm\n"
      "I3,S1,2026-03-02,medication_error,low\nI5,S3,2026-03-31,medication_error,none\n"));
  // Each exposure row goes into exactly one partition: all of it with the first.
  const ExposureTable no_exposure;
  const Grid a = count_grid(first, options, &exposure);
  const Grid b = count_grid(second, options, &no_exposure);
  const Grid merged = merge(a, b);
  ASSERT_EQ(merged.groups(), whole.groups());
  ASSERT_EQ(merged.period_starts, whole.period_starts);
  for (std::size_t g = 0; g < whole.groups(); ++g) {
    const auto m = merged.find_group({whole.keys[0][g], whole.keys[1][g]});
    ASSERT_TRUE(m) << whole.label(g);
    EXPECT_EQ(merged.measure[*m], whole.measure[g]);
    for (std::size_t p = 0; p < whole.periods(); ++p) {
      EXPECT_EQ(merged.counts[*m * 3 + p], whole.counts[g * 3 + p]) << whole.label(g);
      EXPECT_EQ(merged.exposure[*m * 3 + p], whole.exposure[g * 3 + p]) << whole.label(g);
    }
  }
  GridOptions other = options;
  other.by = {GroupKey::service_id};
  EXPECT_THROW((void)merge(a, count_grid(second, other, &no_exposure)), InputError);
}

TEST_F(GridTest, OptionErrors) {
  GridOptions options;
  options.measures = {Measure::visits};
  EXPECT_THROW((void)count_grid(incidents, options), InputError);  // no exposure table
  options.measures = {};
  options.first = d(2026, 3, 1);
  options.last = d(2026, 2, 1);
  EXPECT_THROW((void)count_grid(incidents, options), InputError);
  options = {};
  options.per = 0;
  EXPECT_THROW((void)count_grid(incidents, options), InputError);
  EXPECT_EQ(parse_group_key("service_type"), GroupKey::service_type);
  EXPECT_THROW((void)parse_group_key("ward"), InputError);
  // An empty table gives an empty grid.
  const Grid empty = count_grid(IncidentTable(), GridOptions{});
  EXPECT_EQ(empty.periods(), 0U);
}

}  // namespace
}  // namespace closeloop::metrics
