#pragma once
/// \file
/// Work split over the machine's cores, for the large jobs (reading a file,
/// counting a grid, charting its series). Each share is a contiguous range
/// and writes only its own part of the output, so the result does not depend
/// on how many shares there were.

#include <algorithm>
#include <cstddef>
#include <exception>
#include <thread>
#include <utility>
#include <vector>

namespace closeloop {

/// How many shares to split `items` into: one per core, each of at least
/// `min_per_share` items, and 1 for fewer items than that.
inline std::size_t share_count(std::size_t items, std::size_t min_per_share) noexcept {
  const std::size_t cores = std::max(1U, std::thread::hardware_concurrency());
  return std::clamp<std::size_t>(items / std::max<std::size_t>(1, min_per_share), 1, cores);
}

/// Share k of `items` split into `shares` near-equal contiguous ranges:
/// [first, last).
inline std::pair<std::size_t, std::size_t> share_of(std::size_t items, std::size_t shares,
                                                    std::size_t k) noexcept {
  return {items * k / shares, items * (k + 1) / shares};
}

/// Runs work(k) for k in [0, n) on a thread each (the last on the calling
/// thread) and waits for all; then rethrows the exception of the lowest k
/// that threw, so a failure reads as it would have in order.
template <class Work>
void in_parallel(std::size_t n, Work work) {
  std::vector<std::exception_ptr> errors(n);
  auto guarded = [&](std::size_t k) {
    try {
      work(k);
    } catch (...) {
      errors[k] = std::current_exception();
    }
  };
  std::vector<std::thread> threads;
  std::size_t started = 0;
  try {
    threads.reserve(n > 0 ? n - 1 : 0);
    for (; started + 1 < n; ++started) threads.emplace_back(guarded, started);
  } catch (...) {
    // No more threads to be had: the shares not started run here.
  }
  for (std::size_t k = started; k < n; ++k) guarded(k);
  for (auto& thread : threads) thread.join();
  for (const auto& error : errors) {
    if (error) std::rethrow_exception(error);
  }
}

}  // namespace closeloop
