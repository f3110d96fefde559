// closeloop_generate_data: a seeded generator of the trend job's benchmark
// data (docs/performance.md). Writes incidents.csv (every column of
// docs/data-formats.md, quoted free text with commas, doubled quotes and the
// odd newline) and exposure.csv (occupied bed days per service and month).
//
//   closeloop_generate_data --incidents 10000000 --services 2000 --months 60
//                           --seed 1 --out /tmp/closeloop-bench
//
// Incidents are spread over eight categories and the months in date order.
// Services differ in size and risk; one in ten lowers its risk by 40% half way
// through, so the charts have real shifts to find. The same arguments always
// give the same bytes.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "closeloop/core/date.hpp"

namespace {

using closeloop::DayNumber;

// splitmix64: small, fast and the same on every platform.
class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() noexcept {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, bound).
  std::uint64_t below(std::uint64_t bound) noexcept { return next() % bound; }
  // Uniform in [0, 1).
  double unit() noexcept { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  std::uint64_t state_;
};

struct Arguments {
  std::uint64_t incidents = 1'000'000;
  std::uint64_t services = 2000;
  int months = 60;
  std::uint64_t seed = 1;
  std::string out = ".";
};

Arguments parse(int argc, char** argv) {
  Arguments args;
  for (int i = 1; i < argc; ++i) {
    const std::string_view name = argv[i];
    if (i + 1 >= argc) throw std::invalid_argument("missing value after " + std::string(name));
    const char* value = argv[++i];
    if (name == "--incidents") {
      args.incidents = std::strtoull(value, nullptr, 10);
    } else if (name == "--services") {
      args.services = std::strtoull(value, nullptr, 10);
    } else if (name == "--months") {
      args.months = std::atoi(value);
    } else if (name == "--seed") {
      args.seed = std::strtoull(value, nullptr, 10);
    } else if (name == "--out") {
      args.out = value;
    } else {
      throw std::invalid_argument("unknown option " + std::string(name));
    }
  }
  if (args.services == 0 || args.months <= 0 || args.months > 1200) {
    throw std::invalid_argument("services must be positive and months 1 to 1200");
  }
  return args;
}

constexpr std::string_view kCategories[] = {"fall",           "medication_error", "safeguarding",
                                            "pressure_ulcer", "behaviour",        "infection",
                                            "missing_person", "choking"};
// Falls are the commonest, choking the rarest (relative weights).
constexpr double kCategoryWeight[] = {40, 20, 8, 10, 12, 6, 2, 2};
constexpr std::string_view kHarms[] = {"none", "low", "moderate", "severe", "fatal"};
constexpr double kHarmWeight[] = {60, 30, 8, 1.8, 0.2};
constexpr std::string_view kDescriptions[] = {
    "\"Resident said \"\"I just lost my balance\"\" while walking to the lounge\"",
    "\"Found on the floor beside the bed, no visible injury, observations taken\"",
    "\"Evening dose omitted, stock not delivered; GP informed, plan reviewed\"",
    "\"Unwitnessed fall in the bathroom; hip pain, ambulance called, family told\"",
    "\"Grade 2 pressure damage to sacrum found at personal care, reported to DN\"",
    "Verbal aggression towards staff during lunch; de-escalated",
    "\"Wrong resident's tablets offered; not taken, manager and pharmacist informed\"",
    "\"Left the building unnoticed, found at the bus stop, returned safely\nand checked\"",
};

std::string service_id(std::uint64_t s) {
  char text[24];
  std::snprintf(text, sizeof text, "S%05llu", static_cast<unsigned long long>(s));
  return text;
}

// Index drawn from cumulative weights.
std::size_t draw(const std::vector<double>& cumulative, Random& random) {
  const double u = random.unit() * cumulative.back();
  return static_cast<std::size_t>(std::upper_bound(cumulative.begin(), cumulative.end(), u) -
                                  cumulative.begin());
}

std::vector<double> cumulative_of(const double* weights, std::size_t n) {
  std::vector<double> out(n);
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i) out[i] = sum += weights[i];
  return out;
}

class Writer {
 public:
  explicit Writer(const std::filesystem::path& path) : file_(std::fopen(path.c_str(), "wb")) {
    if (file_ == nullptr) throw std::runtime_error("cannot write " + path.string());
    buffer_.reserve(kFlushAt + 4096);
  }
  ~Writer() {
    flush();
    std::fclose(file_);
  }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;
  Writer& operator<<(std::string_view text) {
    buffer_.append(text);
    if (buffer_.size() >= kFlushAt) flush();
    return *this;
  }
  Writer& operator<<(char c) {
    buffer_.push_back(c);
    return *this;
  }

 private:
  static constexpr std::size_t kFlushAt = 1 << 22;
  void flush() {
    if (std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size()) {
      throw std::runtime_error("write failed");
    }
    buffer_.clear();
  }
  std::FILE* file_;
  std::string buffer_;
};

void two_digits(char* out, int value) {
  out[0] = static_cast<char>('0' + value / 10);
  out[1] = static_cast<char>('0' + value % 10);
}

}  // namespace

int main(int argc, char** argv) try {
  const Arguments args = parse(argc, argv);
  std::filesystem::create_directories(args.out);
  Random random(args.seed);

  // Services: beds 10-60, risk 0.7-1.3; one in ten improves half way.
  const std::size_t n_services = args.services;
  std::vector<double> beds(n_services);
  std::vector<double> risk(n_services);
  std::vector<bool> improves(n_services);
  std::vector<std::string> ids(n_services);
  for (std::size_t s = 0; s < n_services; ++s) {
    beds[s] = static_cast<double>(10 + random.below(51));
    risk[s] = 0.7 + 0.6 * random.unit();
    improves[s] = random.below(10) == 0;
    ids[s] = service_id(s);
  }
  std::vector<double> before_weight(n_services);
  std::vector<double> after_weight(n_services);
  for (std::size_t s = 0; s < n_services; ++s) {
    before_weight[s] = beds[s] * risk[s];
    after_weight[s] = before_weight[s] * (improves[s] ? 0.6 : 1.0);
  }
  const auto before = cumulative_of(before_weight.data(), n_services);
  const auto after = cumulative_of(after_weight.data(), n_services);
  const auto categories = cumulative_of(kCategoryWeight, std::size(kCategoryWeight));
  const auto harms = cumulative_of(kHarmWeight, std::size(kHarmWeight));

  const int first_year = 2021;
  std::vector<DayNumber> month_start(static_cast<std::size_t>(args.months) + 1);
  for (int m = 0; m <= args.months; ++m) {
    month_start[static_cast<std::size_t>(m)] =
        closeloop::days_from_civil(first_year + m / 12, static_cast<unsigned>(m % 12 + 1), 1);
  }

  {
    Writer exposure(std::filesystem::path(args.out) / "exposure.csv");
    exposure << "service_id,period,measure,value\n";
    for (std::size_t s = 0; s < n_services; ++s) {
      for (int m = 0; m < args.months; ++m) {
        const auto mi = static_cast<std::size_t>(m);
        const double days = month_start[mi + 1] - month_start[mi];
        // Occupancy 85-100%.
        const auto value = static_cast<long long>(beds[s] * days * (0.85 + 0.15 * random.unit()));
        char period[16];
        std::snprintf(period, sizeof period, "%04d-%02d", first_year + m / 12, m % 12 + 1);
        exposure << ids[s] << ',' << period << ",occupied_bed_days," << std::to_string(value)
                 << '\n';
      }
    }
  }

  Writer incidents(std::filesystem::path(args.out) / "incidents.csv");
  incidents
      << "incident_id,service_id,occurred_at,reported_at,category,harm,person_ref,description\n";
  std::uint64_t written = 0;
  for (int m = 0; m < args.months; ++m) {
    const auto mi = static_cast<std::size_t>(m);
    const std::uint64_t target = args.incidents * static_cast<std::uint64_t>(m + 1) /
                                 static_cast<std::uint64_t>(args.months);
    const auto& weights = m < args.months / 2 ? before : after;
    const auto days_in_month = static_cast<std::uint64_t>(month_start[mi + 1] - month_start[mi]);
    for (; written < target; ++written) {
      const std::size_t s = draw(weights, random);
      const DayNumber day = month_start[mi] + static_cast<DayNumber>(random.below(days_in_month));
      const auto date = closeloop::from_day_number(day);
      char id[32];
      std::snprintf(id, sizeof id, "INC-%08llu", static_cast<unsigned long long>(written + 1));
      std::string when = closeloop::to_iso(date);
      char time[7] = {'T', '0', '0', ':', '0', '0', 0};
      two_digits(time + 1, static_cast<int>(random.below(24)));
      two_digits(time + 4, static_cast<int>(random.below(60)));
      const std::uint64_t lag = random.below(20);
      std::string reported;
      if (lag < 19)
        reported =
            closeloop::to_iso(closeloop::from_day_number(day + static_cast<DayNumber>(lag / 6)));
      char person[64];
      std::snprintf(person, sizeof person, "P-%s-%03llu", ids[s].c_str(),
                    static_cast<unsigned long long>(random.below(80)));
      // One description in a thousand spans two lines.
      std::size_t text = random.below(1000) == 0 ? std::size(kDescriptions) - 1
                                                 : random.below(std::size(kDescriptions) - 1);
      incidents << id << ',' << ids[s] << ',' << when << std::string_view(time, 6) << ','
                << reported << ',' << kCategories[draw(categories, random)] << ','
                << kHarms[draw(harms, random)] << ',' << person << ',' << kDescriptions[text]
                << '\n';
    }
  }
  return 0;
} catch (const std::exception& error) {
  std::fprintf(stderr, "closeloop_generate_data: %s\n", error.what());
  return 2;
}
