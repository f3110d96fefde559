// Parsing costs on the import path: strict ISO dates and RFC 4180 records.
#include <benchmark/benchmark.h>

#include <string>

#include "closeloop/core/csv.hpp"
#include "closeloop/core/date.hpp"

namespace {

void BM_TryParseDay(benchmark::State& state) {
  closeloop::DayNumber day = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(closeloop::try_parse_day("2026-11-26", day));
    benchmark::DoNotOptimize(day);
  }
}
BENCHMARK(BM_TryParseDay);

void BM_ParseDateBoost(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(closeloop::parse_date("2026-11-26"));
}
BENCHMARK(BM_ParseDateBoost);

void BM_CsvRecords(benchmark::State& state) {
  std::string text = "incident_id,service_id,occurred_at,category,description\n";
  const auto rows = static_cast<std::size_t>(state.range(0));
  for (std::size_t i = 0; i < rows; ++i) {
    text += "I" + std::to_string(i) + ",S" + std::to_string(i % 40) +
            ",2026-03-01T14:05,fall,\"found on floor, no injury\"\n";
  }
  for (auto _ : state) {
    auto reader = closeloop::CsvReader::from_string(text);
    closeloop::CsvRecord record;
    std::size_t count = 0;
    while (reader.next(record)) ++count;
    benchmark::DoNotOptimize(count);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * rows));
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_CsvRecords)->Arg(100000);

}  // namespace
