#include "closeloop/metrics/funnel.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "closeloop/core/error.hpp"

namespace closeloop::metrics {

Interval funnel_limits(double target, double exposure, double coverage, double per) {
  if (!(coverage > 0 && coverage < 1)) {
    throw InputError("funnel coverage must be between 0 and 1, got " + std::to_string(coverage));
  }
  if (!(target >= 0) || !std::isfinite(target)) {
    throw InputError("funnel target must be a finite rate >= 0, got " + std::to_string(target));
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (!(exposure > 0) || !std::isfinite(exposure)) return {nan, nan};
  const double expected = target / per * exposure;
  const double tail = (1.0 - coverage) / 2.0;
  const double lower = gamma_quantile(tail, expected);
  const double upper = gamma_quantile(1.0 - tail, expected + 1.0);
  return {lower / exposure * per, upper / exposure * per};
}

Funnel funnel(std::vector<std::string> labels, std::span<const std::int64_t> counts,
              std::span<const double> exposure, double per, std::optional<double> target) {
  const std::size_t n = labels.size();
  if (counts.size() != n || exposure.size() != n) {
    throw InputError("funnel needs one count and one exposure per label: " + std::to_string(n) +
                     " labels, " + std::to_string(counts.size()) + " counts, " +
                     std::to_string(exposure.size()) + " exposures");
  }
  if (!(per > 0) || !std::isfinite(per)) {
    throw InputError("rate multiplier must be positive, got " + std::to_string(per));
  }
  double total_count = 0;
  double total_exposure = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (counts[i] < 0) {
      throw InputError("unit \"" + labels[i] + "\": negative count " + std::to_string(counts[i]));
    }
    if (!(exposure[i] >= 0) || !std::isfinite(exposure[i])) {
      throw InputError("unit \"" + labels[i] + "\": exposure must be finite and >= 0, got " +
                       std::to_string(exposure[i]));
    }
    if (exposure[i] > 0) {
      total_count += static_cast<double>(counts[i]);
      total_exposure += exposure[i];
    }
  }
  if (!target && !(total_exposure > 0)) {
    throw InputError("funnel needs at least one unit with exposure > 0");
  }
  Funnel out;
  out.per = per;
  out.target = target ? *target : total_count / total_exposure * per;
  out.counts.assign(counts.begin(), counts.end());
  out.exposure.assign(exposure.begin(), exposure.end());
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (std::size_t i = 0; i < n; ++i) {
    const double e = exposure[i];
    const double rate = e > 0 ? static_cast<double>(counts[i]) / e * per : nan;
    const Interval l95 = funnel_limits(out.target, e, 0.95, per);
    const Interval l998 = funnel_limits(out.target, e, 0.998, per);
    out.rate.push_back(rate);
    out.lower_95.push_back(l95.lower);
    out.upper_95.push_back(l95.upper);
    out.lower_998.push_back(l998.lower);
    out.upper_998.push_back(l998.upper);
    auto flag = [rate](const Interval& limits) -> std::int8_t {
      if (rate > limits.upper) return 1;
      if (rate < limits.lower) return -1;
      return 0;
    };
    out.flag_95.push_back(flag(l95));
    out.flag_998.push_back(flag(l998));
  }
  out.labels = std::move(labels);
  return out;
}

Funnel funnel(const Grid& grid, std::optional<double> target) {
  const std::size_t n = grid.groups();
  const std::size_t periods = grid.periods();
  std::vector<std::string> labels;
  std::vector<std::int64_t> counts(n, 0);
  std::vector<double> exposure(n, 0.0);
  for (std::size_t g = 0; g < n; ++g) {
    labels.push_back(grid.label(g));
    for (std::size_t p = 0; p < periods; ++p) {
      counts[g] += grid.counts[g * periods + p];
      exposure[g] += grid.exposure[g * periods + p];
    }
  }
  return funnel(std::move(labels), counts, exposure, grid.per, target);
}

}  // namespace closeloop::metrics
