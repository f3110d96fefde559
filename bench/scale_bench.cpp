// The lifecycle at a large provider's scale, through a store: 2,000 services,
// 1,000,000 incidents, 33,334 plans with 100,002 actions (bench/provider.hpp),
// saved to a new store, loaded back, every signal as of a date, and the board
// report for a quarter built and rendered as HTML. Each step is one
// benchmark; the register and the store are built once.
//
//   build/bench/bench/closeloop_scale_bench --benchmark_repetitions=3
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "closeloop/lifecycle/signals.hpp"
#include "closeloop/lifecycle/tables.hpp"
#include "closeloop/report/build.hpp"
#include "closeloop/report/render.hpp"
#include "closeloop/store/store.hpp"
#include "provider.hpp"

namespace {

using namespace closeloop;
namespace fs = std::filesystem;

constexpr std::size_t kServices = 2000;
constexpr std::size_t kIncidents = 1'000'000;
constexpr std::size_t kPlans = 33'334;

const lifecycle::Register& provider() {
  static const lifecycle::Register reg = bench::build(kServices, kIncidents, kPlans);
  return reg;
}

std::string store_path() {
  return (fs::temp_directory_path() /
          ("closeloop_scale_bench_" + std::to_string(::getpid()) + ".db"))
      .string();
}

// A store file and SQLite's -wal and -shm beside it, removed when dropped
// (the saved store is 225 MB; it does not outlive the program).
struct StoreFile {
  std::string path;
  explicit StoreFile(std::string file) : path(std::move(file)) { remove(); }
  StoreFile(const StoreFile&) = delete;
  StoreFile& operator=(const StoreFile&) = delete;
  ~StoreFile() { remove(); }
  void remove() const {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix, ignored);
  }
};

// The saved store, written once (BM_SaveStore writes its own each time).
const std::string& saved_store() {
  static const StoreFile file(store_path());
  static const bool saved = [] {
    store::Store::create(file.path).save(provider());
    return true;
  }();
  (void)saved;
  return file.path;
}

void BM_BuildRegister(benchmark::State& state) {
  for (auto _ : state) {
    const lifecycle::Register reg = bench::build(kServices, kIncidents, kPlans);
    benchmark::DoNotOptimize(reg);
  }
}
BENCHMARK(BM_BuildRegister)->Unit(benchmark::kSecond)->Iterations(1);

void BM_SaveStore(benchmark::State& state) {
  const lifecycle::Register& reg = provider();
  for (auto _ : state) {
    const StoreFile file(store_path() + ".save");
    store::Store::create(file.path).save(reg);
  }
  state.counters["actions"] = static_cast<double>(reg.actions().size());
  state.counters["incidents"] = static_cast<double>(reg.incidents().size());
}
BENCHMARK(BM_SaveStore)->Unit(benchmark::kSecond)->Iterations(1);

void BM_LoadStore(benchmark::State& state) {
  const std::string& file = saved_store();
  for (auto _ : state) {
    const lifecycle::Register reg = store::Store::open_read_only(file).load();
    benchmark::DoNotOptimize(reg);
  }
}
BENCHMARK(BM_LoadStore)->Unit(benchmark::kSecond)->Iterations(1);

void BM_Signals(benchmark::State& state) {
  const lifecycle::Register& reg = provider();
  std::size_t found = 0;
  for (auto _ : state) {
    const lifecycle::Signals s = lifecycle::signals(reg, bench::day(240));
    found = s.overdue.size() + s.recurrence.size() + s.missed_monitoring.size();
    benchmark::DoNotOptimize(s);
  }
  state.counters["signals"] = static_cast<double>(found);
}
BENCHMARK(BM_Signals)->Unit(benchmark::kSecond)->Iterations(1);

void BM_BoardReport(benchmark::State& state) {
  const lifecycle::Register& reg = provider();
  const metrics::ExposureTable exposure;
  report::ReportOptions options;
  options.period_start = bench::day(181);
  options.period_end = bench::day(270);
  options.as_of = bench::day(271);
  options.provider = "Benchmark provider";
  std::size_t bytes = 0;
  for (auto _ : state) {
    const report::GovernanceReport built = report::build_report(reg, exposure, options);
    bytes = report::to_html(built).size();
  }
  state.counters["html_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_BoardReport)->Unit(benchmark::kSecond)->Iterations(1);

}  // namespace
