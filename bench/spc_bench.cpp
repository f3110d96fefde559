// SPC chart costs: one long series (1e6 points) and the trend job's shape,
// many short series (10,000 x 36 months) computed into a reused Chart.
#include <benchmark/benchmark.h>

#include <cstddef>
#include <random>
#include <vector>

#include "closeloop/metrics/spc.hpp"

namespace {

namespace cm = closeloop::metrics;

struct Series {
  std::vector<double> counts;
  std::vector<double> exposures;
  std::vector<double> values;
};

Series make_series(std::size_t n, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::poisson_distribution<int> events(12.0);
  std::uniform_real_distribution<double> days(800.0, 1200.0);
  std::normal_distribution<double> noise(50.0, 5.0);
  Series s;
  s.counts.reserve(n);
  s.exposures.reserve(n);
  s.values.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    s.counts.push_back(events(rng));
    s.exposures.push_back(days(rng));
    s.values.push_back(noise(rng));
  }
  return s;
}

// Times compute(chart) in steady state: the first call sizes the chart's
// buffers, later calls reuse them.
template <class Compute>
void time_reused_chart(benchmark::State& state, Compute compute) {
  cm::Chart chart;
  compute(chart);
  for (auto _ : state) {
    compute(chart);
    benchmark::DoNotOptimize(chart.ucl.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}

void BM_XmrLong(benchmark::State& state) {
  const Series s = make_series(static_cast<std::size_t>(state.range(0)), 1);
  time_reused_chart(state, [&](cm::Chart& chart) {
    cm::compute_chart(cm::ChartKind::xmr, s.values, {}, cm::ChartOptions{}, chart);
  });
}
BENCHMARK(BM_XmrLong)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

void BM_UChartLong(benchmark::State& state) {
  const Series s = make_series(static_cast<std::size_t>(state.range(0)), 2);
  cm::ChartOptions options;
  options.per = 1000;
  time_reused_chart(state,
                    [&](cm::Chart& chart) { cm::u_chart(s.counts, s.exposures, options, chart); });
}
BENCHMARK(BM_UChartLong)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// A fresh Chart per call: allocation and first-touch page faults included.
void BM_UChartLongFresh(benchmark::State& state) {
  const Series s = make_series(static_cast<std::size_t>(state.range(0)), 2);
  cm::ChartOptions options;
  options.per = 1000;
  for (auto _ : state) {
    cm::Chart chart = cm::u_chart(s.counts, s.exposures, options);
    benchmark::DoNotOptimize(chart.ucl.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_UChartLongFresh)->Arg(1'000'000)->Unit(benchmark::kMillisecond);

// The trend job's shape: one chart per (service, category) series of 36
// months, `series_count` = range(0) series. chart_one(all, first, months,
// chart) charts the series whose points start at `first`.
template <class ChartOne>
void time_many_series(benchmark::State& state, unsigned seed, ChartOne chart_one) {
  const auto series_count = static_cast<std::size_t>(state.range(0));
  constexpr std::size_t months = 36;
  const Series all = make_series(series_count * months, seed);
  cm::Chart chart;
  for (auto _ : state) {
    for (std::size_t k = 0; k < series_count; ++k) {
      chart_one(all, k * months, months, chart);
      benchmark::DoNotOptimize(chart.verdict);
    }
  }
  state.SetItemsProcessed(state.iterations() * state.range(0) * static_cast<long>(months));
}

void BM_UChartManySeries(benchmark::State& state) {
  cm::ChartOptions options;
  options.per = 1000;
  options.improvement = cm::Improvement::decrease;
  time_many_series(state, 3, [&](const Series& all, std::size_t first, std::size_t n, cm::Chart& chart) {
    cm::u_chart(std::span<const double>(all.counts.data() + first, n),
                std::span<const double>(all.exposures.data() + first, n), options, chart);
  });
}
BENCHMARK(BM_UChartManySeries)->Arg(10'000)->Unit(benchmark::kMillisecond);

void BM_XmrManySeries(benchmark::State& state) {
  time_many_series(state, 4, [](const Series& all, std::size_t first, std::size_t n, cm::Chart& chart) {
    cm::compute_chart(cm::ChartKind::xmr, std::span<const double>(all.values.data() + first, n), {},
                      cm::ChartOptions{}, chart);
  });
}
BENCHMARK(BM_XmrManySeries)->Arg(10'000)->Unit(benchmark::kMillisecond);

}  // namespace
