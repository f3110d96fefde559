// Partial aggregates: incidents counted per partition, the grids merged by
// adding, the exposure added once, then charted, must give exactly what the
// single-table path gives for all the incidents together.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "closeloop/core/error.hpp"
#include "closeloop/metrics/trends.hpp"

namespace closeloop::metrics {
namespace {

struct Row {
  std::string service;
  std::string category;
  std::uint8_t harm = 0;
  DayNumber day = 0;
};

// Columns a table built by from_columns points into.
struct Columns {
  std::vector<std::int32_t> service;
  std::vector<std::int32_t> category;
  std::vector<std::uint8_t> harm;
  std::vector<DayNumber> day;
};

CategorySet provider_categories() {
  CategorySet set;
  set.add("wandering");
  return set;
}

// A table of `rows` whose dictionaries hold only the services and categories
// present, in order of first appearance (as a pandas frame gives them).
IncidentTable table_of(const std::vector<Row>& rows) {
  auto columns = std::make_shared<Columns>();
  std::vector<std::string> services;
  std::vector<std::string> categories;
  std::unordered_map<std::string, std::int32_t> service_code;
  std::unordered_map<std::string, std::int32_t> category_code;
  for (const Row& row : rows) {
    auto s = service_code.emplace(row.service, static_cast<std::int32_t>(services.size()));
    if (s.second) services.push_back(row.service);
    auto c = category_code.emplace(row.category, static_cast<std::int32_t>(categories.size()));
    if (c.second) categories.push_back(row.category);
    columns->service.push_back(s.first->second);
    columns->category.push_back(c.first->second);
    columns->harm.push_back(row.harm);
    columns->day.push_back(row.day);
  }
  IncidentColumns spans;
  spans.service = columns->service;
  spans.category = columns->category;
  spans.harm = columns->harm;
  spans.day = columns->day;
  return IncidentTable::from_columns(spans, std::move(services), std::move(categories),
                                     StringColumn{}, columns, provider_categories());
}

// The same rows through incidents.csv: every partition's category dictionary
// is then the whole category set.
IncidentTable csv_of(const std::vector<Row>& rows, std::size_t first_id) {
  constexpr std::string_view kHarms[] = {"none", "low", "moderate", "severe", "fatal"};
  std::string text = "incident_id,service_id,occurred_at,category,harm\n";
  for (const Row& row : rows) {
    text += "I" + std::to_string(first_id++) + "," + row.service + "," +
            to_iso(from_day_number(row.day)) + "," + row.category + "," +
            std::string(kHarms[row.harm]) + "\n";
  }
  return IncidentTable::read_csv(CsvReader::from_string(text), provider_categories());
}

// Seeded data: S0..S5 have incidents, S6 only exposure, S7 neither (it is in
// the service table). S3 counts doses, the others occupied bed days, S5 has
// no exposure at all. "wandering" is rare, "choking" only at S2.
struct Data {
  std::vector<std::vector<Row>> partitions;
  std::vector<Row> all;  // the partitions' rows, in partition order
  ExposureTable exposure;
  ServiceTable services;
};

Data generate(unsigned seed) {
  std::mt19937 random(seed);
  const DayNumber first = days_from_civil(2025, 1, 1);
  std::vector<Row> rows;
  for (int i = 0; i < 3000; ++i) {
    Row row;
    row.service = "S" + std::to_string(random() % 6);
    const unsigned pick = random() % 100;
    row.category = pick < 55 ? "fall" : pick < 90 ? "medication_error" : pick < 98 ? "behaviour"
                                                                                   : "wandering";
    if (row.service == "S2" && pick % 7 == 0) row.category = "choking";
    row.harm = static_cast<std::uint8_t>(random() % 5 == 0 ? random() % 5 : 0);
    row.day = first + static_cast<DayNumber>(random() % 546);  // to 2026-06-30
    rows.push_back(row);
  }
  Data data;
  // Partition 0: every fall at S1 (S1 is spread over partitions); partition
  // 1: empty; the rest shuffled and cut at random points into four.
  std::vector<Row> rest;
  data.partitions.emplace_back();
  for (const Row& row : rows) {
    (row.service == "S1" && row.category == "fall" ? data.partitions[0] : rest).push_back(row);
  }
  data.partitions.emplace_back();
  std::shuffle(rest.begin(), rest.end(), random);
  std::vector<std::size_t> cuts{0, rest.size()};
  for (int k = 0; k < 3; ++k) cuts.push_back(random() % rest.size());
  std::sort(cuts.begin(), cuts.end());
  for (std::size_t k = 0; k + 1 < cuts.size(); ++k) {
    data.partitions.emplace_back(rest.begin() + static_cast<std::ptrdiff_t>(cuts[k]),
                                 rest.begin() + static_cast<std::ptrdiff_t>(cuts[k + 1]));
  }
  for (const auto& partition : data.partitions) {
    data.all.insert(data.all.end(), partition.begin(), partition.end());
  }

  std::string exposure = "service_id,period,measure,value\n";
  for (int s = 0; s <= 6; ++s) {
    if (s == 5) continue;
    for (int m = 0; m < 18; ++m) {
      const std::string month = std::to_string(2025 + m / 12) + "-" +
                                (m % 12 < 9 ? "0" : "") + std::to_string(m % 12 + 1);
      const char* measure = s == 3 ? "doses_administered" : "occupied_bed_days";
      exposure += "S" + std::to_string(s) + "," + month + "," + measure + "," +
                  std::to_string(500 + random() % 400) + ".25\n";
    }
  }
  data.exposure = ExposureTable::read_csv(CsvReader::from_string(exposure));
  for (int s = 0; s <= 7; ++s) {
    data.services.add("S" + std::to_string(s), "Home " + std::to_string(s),
                      s % 3 == 0 ? "nursing" : "residential", 20, s < 4 ? "North" : "South");
  }
  return data;
}

void expect_same_doubles(const std::vector<double>& a, const std::vector<double>& b,
                         const char* what) {
  ASSERT_EQ(a.size(), b.size()) << what;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::isnan(b[i])) {
      EXPECT_TRUE(std::isnan(a[i])) << what << " " << i;
    } else {
      EXPECT_EQ(a[i], b[i]) << what << " " << i;
    }
  }
}

void expect_same_grid(const Grid& got, const Grid& want) {
  EXPECT_EQ(got.period, want.period);
  EXPECT_EQ(got.period_starts, want.period_starts);
  EXPECT_EQ(got.by, want.by);
  EXPECT_EQ(got.keys, want.keys);
  EXPECT_EQ(got.measure, want.measure);
  EXPECT_EQ(got.counts, want.counts);
  EXPECT_EQ(got.exposure, want.exposure);
  EXPECT_EQ(got.per, want.per);
}

struct Case {
  std::vector<GroupKey> by;
  PeriodKind period;
  std::vector<Measure> measures;
  std::vector<std::string> categories;
};

const std::vector<Case>& cases() {
  static const std::vector<Case> all{
      {{GroupKey::service_id, GroupKey::category}, PeriodKind::month,
       {Measure::occupied_bed_days, Measure::doses_administered}, {}},
      {{GroupKey::category, GroupKey::region}, PeriodKind::quarter, {Measure::occupied_bed_days}, {}},
      {{GroupKey::harm}, PeriodKind::week, {Measure::occupied_bed_days}, {}},
      {{GroupKey::service_type, GroupKey::harm, GroupKey::category}, PeriodKind::month,
       {Measure::doses_administered, Measure::occupied_bed_days}, {"wandering", "fall"}},
      {{GroupKey::service_id}, PeriodKind::month, {}, {"choking"}},
      {{}, PeriodKind::day, {Measure::occupied_bed_days}, {}},
  };
  return all;
}

GridOptions grid_options(const Case& c) {
  GridOptions options;
  options.by = c.by;
  options.period = c.period;
  options.measures = c.measures;
  options.categories = c.categories;
  return options;
}

class PartitionsTest : public ::testing::Test {
 protected:
  Data data = generate(20261130);
};

TEST_F(PartitionsTest, TheSplitHasTheHardCases) {
  ASSERT_EQ(data.partitions.size(), 6U);
  EXPECT_TRUE(data.partitions[1].empty());
  std::size_t holding_s1 = 0;
  std::size_t without_choking = 0;
  for (const auto& partition : data.partitions) {
    holding_s1 += std::any_of(partition.begin(), partition.end(),
                              [](const Row& r) { return r.service == "S1"; });
    without_choking += std::none_of(partition.begin(), partition.end(),
                                    [](const Row& r) { return r.category == "choking"; });
  }
  EXPECT_GE(holding_s1, 3U);
  EXPECT_GE(without_choking, 2U);
}

TEST_F(PartitionsTest, CombinedGridsEqualTheWholeTable) {
  for (bool csv : {false, true}) {
    const IncidentTable whole = csv ? csv_of(data.all, 0) : table_of(data.all);
    std::vector<IncidentTable> parts;
    std::size_t first_id = 0;
    for (const auto& rows : data.partitions) {
      parts.push_back(csv ? csv_of(rows, first_id) : table_of(rows));
      first_id += rows.size();
    }
    for (const Case& c : cases()) {
      SCOPED_TRACE(std::string(csv ? "csv " : "columns ") + std::to_string(&c - cases().data()));
      const GridOptions options = grid_options(c);
      const Grid want = count_grid(whole, options, &data.exposure, &data.services);
      std::vector<Grid> grids;
      for (const auto& part : parts) grids.push_back(count_partition(part, options, &data.services));
      expect_same_grid(combine_partitions(grids, options, &data.exposure, &data.services), want);
      // Without the service table, where the grouping allows it.
      if (std::none_of(c.by.begin(), c.by.end(), [](GroupKey k) {
            return k == GroupKey::service_type || k == GroupKey::region;
          })) {
        const Grid bare = count_grid(whole, options, &data.exposure);
        grids.clear();
        for (const auto& part : parts) grids.push_back(count_partition(part, options));
        expect_same_grid(combine_partitions(grids, options, &data.exposure), bare);
      }
    }
  }
}

TEST_F(PartitionsTest, ChartsOfTheCombinedGridEqualTheTrendJob) {
  const IncidentTable whole = table_of(data.all);
  TrendOptions options;
  options.by = {GroupKey::service_id, GroupKey::category};
  options.measures = {Measure::occupied_bed_days, Measure::doses_administered};
  options.rebase = {days_from_civil(2025, 10, 1)};
  for (ChartKind kind : {ChartKind::u, ChartKind::c, ChartKind::xmr, ChartKind::run}) {
    options.chart = kind;
    const TrendResult want = trends(whole, data.exposure, options, &data.services);
    GridOptions grid;
    grid.by = options.by;
    grid.measures = options.measures;
    std::vector<Grid> grids;
    for (const auto& rows : data.partitions) {
      grids.push_back(count_partition(table_of(rows), grid, &data.services));
    }
    const TrendResult got =
        trends(combine_partitions(grids, grid, &data.exposure, &data.services), options);
    ASSERT_GT(want.size(), 0U);
    EXPECT_EQ(got.series_keys, want.series_keys);
    EXPECT_EQ(got.series_measure, want.series_measure);
    EXPECT_EQ(got.variation, want.variation);
    EXPECT_EQ(got.period_start, want.period_start);
    EXPECT_EQ(got.count, want.count);
    EXPECT_EQ(got.exposure, want.exposure);
    expect_same_doubles(got.value, want.value, "value");
    expect_same_doubles(got.centre, want.centre, "centre");
    expect_same_doubles(got.lcl, want.lcl, "lcl");
    expect_same_doubles(got.ucl, want.ucl, "ucl");
    EXPECT_EQ(got.phase, want.phase);
    EXPECT_EQ(got.point_type, want.point_type);
    EXPECT_EQ(got.flags, want.flags);
  }
}

TEST_F(PartitionsTest, SmallMergeByHand) {
  // S1 falls in January in one partition, S2 medication errors in March in
  // another: the merge is every service x category, zeros included.
  const IncidentTable a = table_of({{"S1", "fall", 0, days_from_civil(2026, 1, 5)},
                                    {"S1", "fall", 1, days_from_civil(2026, 1, 9)}});
  const IncidentTable b = table_of({{"S2", "medication_error", 0, days_from_civil(2026, 3, 2)}});
  GridOptions options;
  options.by = {GroupKey::category, GroupKey::service_id};
  const Grid merged = merge(count_partition(a, options), count_partition(b, options));
  EXPECT_EQ(merged.keys, (std::vector<std::vector<std::string>>{
                             {"fall", "medication_error", "fall", "medication_error"},
                             {"S1", "S1", "S2", "S2"}}));
  EXPECT_EQ(merged.counts, (std::vector<std::int64_t>{2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
  EXPECT_EQ(merged.measure, (std::vector<std::string>{"", "", "", ""}));

  // A filter word a partition lacks counts nothing there; the whole-table
  // count refuses a word no incident table knows.
  options.categories = {"medication_error"};
  EXPECT_EQ(count_partition(a, options).groups(), 0U);
  EXPECT_THROW((void)count_grid(a, options), InputError);

  // With the service table and a filter no partition matches, there are
  // services but no category: no group, and the merge says the same.
  ServiceTable services;
  services.add("S1", "Oak House", "residential", 20, "North");
  options.categories = {"choking"};
  const Grid none = merge(count_partition(a, options, &services), count_partition(b, options, &services));
  EXPECT_EQ(none.groups(), 0U);
  EXPECT_EQ(none.periods(), 3U);
}

TEST_F(PartitionsTest, IncompatibleGridsAndMissingExposure) {
  GridOptions options;
  options.by = {GroupKey::service_id};
  const Grid month = count_partition(table_of(data.partitions[0]), options);
  GridOptions weeks = options;
  weeks.period = PeriodKind::week;
  EXPECT_THROW((void)merge(month, count_partition(table_of(data.partitions[2]), weeks)),
               InputError);
  GridOptions per_100 = options;
  per_100.per = 100;
  EXPECT_THROW((void)merge(month, count_partition(table_of(data.partitions[2]), per_100)),
               InputError);
  options.measures = {Measure::visits};
  const std::vector<Grid> grids{month};
  EXPECT_THROW((void)combine_partitions(grids, options), InputError);
}

}  // namespace
}  // namespace closeloop::metrics
