// The metrics area at the sizes the design promises: a 1e6-row incidents CSV
// read, a grid over 1e7 incidents x 1000 services x 36 months, the funnel, and
// the trend job. Data are generated in memory with a fixed seed.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "closeloop/metrics/funnel.hpp"
#include "closeloop/metrics/grid.hpp"
#include "closeloop/metrics/tables.hpp"
#include "closeloop/metrics/trends.hpp"

namespace {

using namespace closeloop;
using namespace closeloop::metrics;

constexpr int kServices = 1000;
constexpr int kMonths = 36;
const DayNumber kFirstDay = days_from_civil(2023, 4, 1);

std::string service_name(int s) {
  char text[16];
  std::snprintf(text, sizeof text, "S%04d", s);
  return text;
}

// A 1e6-row incidents.csv in the temporary directory, written once.
const std::string& incidents_csv() {
  static const std::string path = [] {
    const auto file = std::filesystem::temp_directory_path() / "closeloop_bench_incidents.csv";
    std::ofstream out(file, std::ios::binary);
    out << "incident_id,service_id,occurred_at,reported_at,category,harm,person_ref,description\n";
    std::mt19937 rng(42);
    static constexpr const char* kCategories[] = {"fall", "medication_error", "behaviour",
                                                  "pressure_ulcer", "safeguarding"};
    static constexpr const char* kHarms[] = {"none", "low", "moderate", "severe"};
    for (int i = 0; i < 1'000'000; ++i) {
      const DayNumber day = kFirstDay + static_cast<DayNumber>(rng() % 1095);
      const Date date = from_day_number(day);
      // Streamed piece by piece: no temporary strings per field.
      out << "INC-" << i << ',' << service_name(static_cast<int>(rng() % kServices)) << ','
          << to_iso(date);
      if (i % 3 != 0) out << 'T' << 10 + rng() % 14 << ':' << 10 + rng() % 50;
      out << ',' << to_iso(date) << ',' << kCategories[rng() % 5] << ',' << kHarms[rng() % 4]
          << ",P" << rng() % 5000 << ",\"found on floor, no injury\"\n";
    }
    return file.string();
  }();
  return path;
}

void BM_ReadIncidentsCsv(benchmark::State& state) {
  const std::string& path = incidents_csv();
  const auto bytes = std::filesystem::file_size(path);
  for (auto _ : state) {
    IncidentTable table = read_incidents(path);
    benchmark::DoNotOptimize(table.size());
  }
  state.SetItemsProcessed(state.iterations() * 1'000'000);
  state.SetBytesProcessed(state.iterations() * static_cast<std::int64_t>(bytes));
}
BENCHMARK(BM_ReadIncidentsCsv)->Unit(benchmark::kMillisecond);

// 1e7 incidents over 1000 services and 36 months, as columns.
struct BigData {
  std::vector<std::int32_t> service, category;
  std::vector<std::uint8_t> harm;
  std::vector<DayNumber> day;
  IncidentTable incidents;
  ExposureTable exposure;
};

const BigData& big_data() {
  static const BigData data = [] {
    BigData d;
    const std::size_t n = 10'000'000;
    std::mt19937 rng(7);
    d.service.resize(n);
    d.category.resize(n);
    d.harm.resize(n);
    d.day.resize(n);
    const DayNumber span = days_from_civil(2026, 4, 1) - kFirstDay;
    for (std::size_t i = 0; i < n; ++i) {
      d.service[i] = static_cast<std::int32_t>(rng() % kServices);
      d.category[i] = static_cast<std::int32_t>(rng() % 9);
      d.harm[i] = static_cast<std::uint8_t>(rng() % 5);
      d.day[i] = kFirstDay + static_cast<DayNumber>(rng() % static_cast<unsigned>(span));
    }
    std::vector<std::string> services;
    for (int s = 0; s < kServices; ++s) services.push_back(service_name(s));
    d.incidents = IncidentTable::from_columns({d.service, d.category, d.harm, d.day, {}, {}},
                                              services, CategorySet().all(), {}, nullptr);
    std::vector<std::int32_t> es;
    std::vector<DayNumber> em;
    std::vector<std::uint8_t> measure;
    std::vector<double> value;
    for (int s = 0; s < kServices; ++s) {
      DayNumber month = kFirstDay;
      for (int m = 0; m < kMonths; ++m) {
        es.push_back(s);
        em.push_back(month);
        measure.push_back(0);
        value.push_back(900.0 + s % 100);
        month = next_period_start(PeriodKind::month, month);
      }
    }
    d.exposure = ExposureTable::from_columns(services, es, em, measure, value);
    return d;
  }();
  return data;
}

void BM_GridByService(benchmark::State& state) {
  const BigData& data = big_data();
  GridOptions options;
  options.by = {GroupKey::service_id};
  options.measures = {Measure::occupied_bed_days};
  for (auto _ : state) {
    Grid grid = count_grid(data.incidents, options, &data.exposure);
    benchmark::DoNotOptimize(grid.counts.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(data.incidents.size()));
}
BENCHMARK(BM_GridByService)->Unit(benchmark::kMillisecond);

void BM_GridByServiceAndCategory(benchmark::State& state) {
  const BigData& data = big_data();
  GridOptions options;
  options.by = {GroupKey::service_id, GroupKey::category};
  options.measures = {Measure::occupied_bed_days};
  for (auto _ : state) {
    Grid grid = count_grid(data.incidents, options, &data.exposure);
    benchmark::DoNotOptimize(grid.counts.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(data.incidents.size()));
}
BENCHMARK(BM_GridByServiceAndCategory)->Unit(benchmark::kMillisecond);

void BM_GridWeeksOneCategory(benchmark::State& state) {
  const BigData& data = big_data();
  GridOptions options;
  options.by = {GroupKey::service_id};
  options.period = PeriodKind::week;
  options.categories = {"fall"};
  options.measures = {Measure::occupied_bed_days};
  for (auto _ : state) {
    Grid grid = count_grid(data.incidents, options, &data.exposure);
    benchmark::DoNotOptimize(grid.counts.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(data.incidents.size()));
}
BENCHMARK(BM_GridWeeksOneCategory)->Unit(benchmark::kMillisecond);

void BM_FunnelOfServices(benchmark::State& state) {
  const BigData& data = big_data();
  GridOptions options;
  options.by = {GroupKey::service_id};
  options.measures = {Measure::occupied_bed_days};
  const Grid grid = count_grid(data.incidents, options, &data.exposure);
  for (auto _ : state) {
    Funnel f = funnel(grid);
    benchmark::DoNotOptimize(f.rate.data());
  }
}
BENCHMARK(BM_FunnelOfServices)->Unit(benchmark::kMillisecond);

// The whole trend job: grid plus 1000 u charts (or 9000 with category).
void BM_TrendsUChart(benchmark::State& state) {
  const BigData& data = big_data();
  TrendOptions options;
  options.by = {GroupKey::service_id};
  if (state.range(0) != 0) options.by.push_back(GroupKey::category);
  options.measures = {Measure::occupied_bed_days};
  for (auto _ : state) {
    TrendResult result = trends(data.incidents, data.exposure, options);
    benchmark::DoNotOptimize(result.centre.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(data.incidents.size()));
}
BENCHMARK(BM_TrendsUChart)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace
