// Lifecycle benchmarks: building a provider-sized register through the
// state machine, replaying its events as a store would, and computing every
// signal as of a date. Sizes: 200 services, 20,000 incidents, 2,000 plans,
// 6,000 actions (three per plan after the first thousand plans), with
// evidence, monthly checks and reviews.
#include <benchmark/benchmark.h>

#include <string>

#include "closeloop/lifecycle/signals.hpp"
#include "provider.hpp"

namespace {

using namespace closeloop;
using namespace closeloop::lifecycle;
using bench::at;
using bench::build;
using bench::day;

void BM_BuildRegister(benchmark::State& state) {
  const auto plans = static_cast<std::size_t>(state.range(0));
  for (auto _ : state) {
    Register reg = build(200, 20000, plans);
    benchmark::DoNotOptimize(reg);
  }
  state.counters["actions"] = static_cast<double>(plans * 3);
}
BENCHMARK(BM_BuildRegister)->Arg(2000)->Unit(benchmark::kMillisecond);

void BM_Signals(benchmark::State& state) {
  const Register reg = build(200, 20000, static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    const Signals s = signals(reg, day(240));
    benchmark::DoNotOptimize(s);
  }
  state.counters["actions"] = static_cast<double>(reg.actions().size());
}
BENCHMARK(BM_Signals)->Arg(200)->Arg(2000)->Unit(benchmark::kMillisecond);

}  // namespace

namespace {

template <class F>
void run_signal(benchmark::State& state, F f) {
  const Register reg = build(200, 20000, 2000);
  for (auto _ : state) {
    auto out = f(reg, day(240));
    benchmark::DoNotOptimize(out);
  }
}

void BM_Overdue(benchmark::State& s) { run_signal(s, overdue_actions); }
void BM_Stale(benchmark::State& s) {
  run_signal(s, [](const Register& r, Date d) { return stale_actions(r, d); });
}
void BM_Unreviewed(benchmark::State& s) { run_signal(s, unreviewed_plans); }
void BM_MissedMonitoring(benchmark::State& s) { run_signal(s, missed_monitoring); }
void BM_Recurrence(benchmark::State& s) { run_signal(s, recurrences); }
void BM_Escalations(benchmark::State& s) { run_signal(s, escalations_due); }
BENCHMARK(BM_Overdue)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Stale)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Unreviewed)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MissedMonitoring)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Recurrence)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Escalations)->Unit(benchmark::kMillisecond);

}  // namespace
