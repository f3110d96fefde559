#pragma once
/// \file
/// Funnel plot data: each unit's (service's) rate against the pooled rate of
/// all units, with control limits at 95% and 99.8% that narrow as exposure
/// grows. Limits are exact Poisson: for an expected count m = pooled rate x
/// exposure the count limits are the gamma quantiles G(a; m) (lower) and
/// G(1 - a; m + 1) (upper), i.e. chi-square(2m)/2 and chi-square(2m + 2)/2.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "closeloop/metrics/distributions.hpp"
#include "closeloop/metrics/grid.hpp"

namespace closeloop::metrics {

/// The funnel plot's columns, one element per unit.
struct Funnel {
  std::vector<std::string> labels;  ///< unit names
  std::vector<std::int64_t> counts;  ///< events
  std::vector<double> exposure;      ///< exposures
  std::vector<double> rate;          ///< count / exposure x per (NaN without exposure)
  std::vector<double> lower_95;      ///< 95% lower limit (as a rate; NaN without exposure)
  std::vector<double> upper_95;      ///< 95% upper limit
  std::vector<double> lower_998;     ///< 99.8% lower limit
  std::vector<double> upper_998;     ///< 99.8% upper limit
  std::vector<std::int8_t> flag_95;  ///< +1 above the 95% upper limit, -1 below the lower, else 0
  std::vector<std::int8_t> flag_998; ///< the same at 99.8%
  double target = 0;                 ///< the pooled (or given) rate, x per
  double per = 1000;                 ///< the rate multiplier
};

/// The lower and upper funnel limits, as rates x `per`, at `exposure` around
/// `target` (a rate x per), for a two-sided `coverage` (0.95, 0.998).
/// NaN for an exposure that is not positive.
Interval funnel_limits(double target, double exposure, double coverage, double per = 1000.0);

/// A funnel from counts and exposures per unit. The target is the pooled rate
/// sum(count) / sum(exposure) over units with exposure > 0, unless given (as a
/// rate x per). InputError for lengths that differ, negative counts or
/// exposures, or no exposure at all.
Funnel funnel(std::vector<std::string> labels, std::span<const std::int64_t> counts,
              std::span<const double> exposure, double per = 1000.0,
              std::optional<double> target = std::nullopt);

/// A funnel of a grid's groups, each summed over all the grid's periods.
Funnel funnel(const Grid& grid, std::optional<double> target = std::nullopt);

}  // namespace closeloop::metrics
