#pragma once
// The sample provider's parts, shared by its source files and by nothing
// else: the random numbers, the scenario timeline, the eight services with
// their exposures and incident rates, the month-by-month activity, and the
// register's plans. Random numbers come from splitmix64 and a hand-written
// Poisson draw so the output is the same with every standard library.

#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "closeloop/core/date.hpp"
#include "closeloop/lifecycle/register.hpp"
#include "closeloop/sample/provider.hpp"

namespace closeloop::sample::detail {

class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31U);
  }
  /// Uniform in [0, 1).
  double uniform() { return static_cast<double>(next() >> 11U) * 0x1.0p-53; }
  /// Uniform integer in [0, n).
  int below(int n) { return static_cast<int>(uniform() * static_cast<double>(n)); }
  /// Poisson(mean) by Knuth's product of uniforms (means here stay below 30).
  int poisson(double mean) {
    if (!(mean > 0.0)) return 0;
    const double limit = std::exp(-mean);
    int k = 0;
    double product = uniform();
    while (product > limit) {
      ++k;
      product *= uniform();
    }
    return k;
  }
  template <class T>
  const T& pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(below(static_cast<int>(items.size())))];
  }

 private:
  std::uint64_t state_;
};

/// The scenario dates, as month offsets from the as_of month.
struct Timeline {
  Date as_of;
  Date m0;  // first day of the as_of month
  [[nodiscard]] Date month(int offset) const { return m0 + boost::gregorian::months(offset); }
  [[nodiscard]] Date day(int month_offset, int day_of_month) const {
    return month(month_offset) + boost::gregorian::days(day_of_month - 1);
  }
};

inline Instant at(Date date, int hour, int minute = 0) {
  return Instant(date, boost::posix_time::hours(hour) + boost::posix_time::minutes(minute));
}

// ---- services.cpp ---------------------------------------------------------------

struct ServiceSpec {
  const char* id;
  const char* name;
  const char* type;
  std::int32_t capacity;
  const char* region;
  const char* code;  // for person references
};

/// The eight services, one of every type and more.
const std::array<ServiceSpec, 8>& services();

/// The exposures of one service in one month: occupied bed days, doses,
/// care hours, visits (0 where the measure does not apply).
std::array<double, 4> exposure_of(const ServiceSpec& s, Date month, Random& random);

/// An incident rate per 1,000 of one of the four exposure measures.
struct Rate {
  const char* category;
  int measure;  // index into the exposure array
  double per_1000;
};

/// The incident rates of one service in one month (some change where the
/// scenarios' actions took effect).
std::vector<Rate> rates_of(const ServiceSpec& s, Date month, const Timeline& t);

// ---- incidents.cpp --------------------------------------------------------------

/// Month by month from `start`: each service's exposures, then its incidents
/// drawn at its rates (none after as_of), appended to `exposures` and
/// returned in the order drawn, without ids.
std::vector<lifecycle::Incident> draw_activity(const SampleOptions& options, Date start, const Timeline& t,
                                               Random& random, metrics::ExposureTable& exposures);

// ---- scenarios.cpp --------------------------------------------------------------

/// The escalation path, the seed's three scenarios and the plans that put an
/// action in every lifecycle state, on top of the generated incidents
/// (`incidents` in order of occurrence).
void add_scenarios(lifecycle::Register& reg, Random& random, const Timeline& t,
                   const std::vector<const lifecycle::Incident*>& incidents);

}  // namespace closeloop::sample::detail
