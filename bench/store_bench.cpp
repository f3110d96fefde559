// Bulk import into a new store: one million incidents (the target is
// under 10 s on the project machine) and a smaller run for quick comparisons.
// Each iteration creates a fresh store file and imports services.csv and
// incidents.csv from disk in one transaction. Run from the bench preset:
//   cmake --workflow ... or cmake --preset bench && cmake --build --preset bench
//   build/bench/bench/closeloop_store_bench --benchmark_filter=ImportIncidents
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "closeloop/store/store.hpp"

namespace {

namespace fs = std::filesystem;
using closeloop::store::CsvSource;
using closeloop::store::Store;
using closeloop::store::Table;

constexpr int service_count = 200;

// Writes services.csv and incidents.csv with `rows` incidents spread over
// 200 services and 2025-2026, as a provider's export would look.
fs::path write_inputs(std::size_t rows) {
  const fs::path dir = fs::temp_directory_path() /
                       ("closeloop_store_bench_" + std::to_string(::getpid()) + "_" + std::to_string(rows));
  fs::create_directories(dir);
  {
    std::ofstream services(dir / "services.csv");
    services << "service_id,name,type,capacity,region\n";
    for (int s = 0; s < service_count; ++s) {
      services << "S" << s << ",Service " << s << ",residential," << 20 + s % 40 << ",Region "
               << s % 9 << '\n';
    }
  }
  static const char* categories[] = {"fall", "medication_error", "safeguarding", "pressure_ulcer",
                                     "behaviour", "infection", "other"};
  static const char* harms[] = {"none", "low", "moderate", "severe"};
  std::ofstream incidents(dir / "incidents.csv");
  incidents << "incident_id,service_id,occurred_at,reported_at,category,harm,person_ref,description\n";
  char line[256];
  for (std::size_t i = 0; i < rows; ++i) {
    const int month = static_cast<int>(1 + i % 12);
    const int day = static_cast<int>(1 + (i / 12) % 28);
    const int hour = static_cast<int>(i % 24);
    std::snprintf(line, sizeof line,
                  "INC%08zu,S%zu,2025-%02d-%02dT%02d:15,2025-%02d-%02dT%02d:45,%s,%s,P%05zu,\"Found "
                  "on floor, checked\"\n",
                  i, i % service_count, month, day, hour, month, day, hour, categories[i % 7],
                  harms[i % 4], i % 40000);
    incidents << line;
  }
  return dir;
}

void BM_ImportIncidents(benchmark::State& state) {
  const auto rows = static_cast<std::size_t>(state.range(0));
  const fs::path dir = write_inputs(rows);
  const std::vector<CsvSource> sources{
      CsvSource::file(Table::services, (dir / "services.csv").string()),
      CsvSource::file(Table::incidents, (dir / "incidents.csv").string())};
  int run = 0;
  for (auto _ : state) {
    state.PauseTiming();
    const fs::path db = dir / ("store" + std::to_string(run++) + ".db");
    state.ResumeTiming();
    auto store = Store::create(db.string());
    const auto summary = store.import_csv(sources);
    benchmark::DoNotOptimize(summary);
    state.PauseTiming();
    if (summary.rows_of(Table::incidents) != rows) state.SkipWithError("row count mismatch");
    fs::remove(db);
    fs::remove(db.string() + "-wal");
    fs::remove(db.string() + "-shm");
    state.ResumeTiming();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                          static_cast<std::int64_t>(rows));
  fs::remove_all(dir);
}
BENCHMARK(BM_ImportIncidents)->Arg(100000)->Arg(1000000)->Unit(benchmark::kSecond)->Iterations(3);

}  // namespace
