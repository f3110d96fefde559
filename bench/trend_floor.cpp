// closeloop_trend_floor: the trend job written as plain C++ loops, the floor
// that bench/trend_job.py compares closeloop and pandas with. It reads
// incidents.csv and exposure.csv (single thread, no checks beyond what the
// loop needs), counts service x category x month, computes u-chart centres and
// 3-sigma limits and the Making Data Count rules (outside limits, shift of 7,
// trend of 7, two of three beyond 2 sigma) on series without missing points,
// and writes what it found for the agreement check:
//
//   closeloop_trend_floor DATA_DIR OUT_DIR
//
// OUT_DIR gets keys.txt (services, then categories, then the number of
// months), counts.bin (int64), centre/lcl/ucl.bin (float64, per 1,000) and
// flags.bin (uint8, four rules x points), series-major; stdout gets the
// seconds of each step as JSON.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace {

std::string slurp(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) throw std::runtime_error("cannot open " + path);
  std::fseek(file, 0, SEEK_END);
  const long size = std::ftell(file);
  std::fseek(file, 0, SEEK_SET);
  std::string text(static_cast<std::size_t>(size), '\0');
  if (std::fread(text.data(), 1, text.size(), file) != text.size())
    throw std::runtime_error("read");
  std::fclose(file);
  return text;
}

// Splits one record starting at `pos` into fields (quoted fields kept with
// their quotes: the floor needs only unquoted ones); returns the next record.
std::size_t split(std::string_view text, std::size_t pos, std::vector<std::string_view>& fields) {
  fields.clear();
  std::size_t start = pos;
  bool quoted = false;
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == ',' || c == '\n') {
      fields.push_back(text.substr(start, pos - start));
      start = pos + 1;
      if (c == '\n') return pos + 1;
    }
  }
  if (start < text.size()) fields.push_back(text.substr(start));
  return text.size();
}

int month_of(std::string_view date) {
  const int year =
      (date[0] - '0') * 1000 + (date[1] - '0') * 100 + (date[2] - '0') * 10 + (date[3] - '0');
  const int month = (date[5] - '0') * 10 + (date[6] - '0');
  return year * 12 + month - 1;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

int sign(double x) { return (x > 0) - (x < 0); }

template <class T>
void write(const std::string& path, const std::vector<T>& data) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(data.data()),
            static_cast<std::streamsize>(data.size() * sizeof(T)));
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc != 3) {
    std::fprintf(stderr, "usage: closeloop_trend_floor DATA_DIR OUT_DIR\n");
    return 2;
  }
  const std::string data = argv[1];
  const std::string out_dir = argv[2];
  const auto start = std::chrono::steady_clock::now();

  // Read: services and categories in order of first appearance, month index.
  std::unordered_map<std::string, std::int32_t> service_code;
  std::unordered_map<std::string, std::int32_t> category_code;
  std::vector<std::string> services;
  std::vector<std::string> categories;
  std::vector<std::int32_t> service;
  std::vector<std::int32_t> category;
  std::vector<std::int32_t> month;
  auto code_of = [](std::unordered_map<std::string, std::int32_t>& codes,
                    std::vector<std::string>& words, std::string_view word) {
    auto [it, added] =
        codes.try_emplace(std::string(word), static_cast<std::int32_t>(words.size()));
    if (added) words.emplace_back(word);
    return it->second;
  };
  {
    const std::string text = slurp(data + "/incidents.csv");
    std::vector<std::string_view> fields;
    std::size_t pos = split(text, 0, fields);
    while (pos < text.size()) {
      pos = split(text, pos, fields);
      if (fields.size() < 6) continue;
      service.push_back(code_of(service_code, services, fields[1]));
      month.push_back(month_of(fields[2]));
      category.push_back(code_of(category_code, categories, fields[4]));
    }
  }
  std::unordered_map<std::string, std::vector<std::pair<int, double>>> exposure_rows;
  {
    const std::string text = slurp(data + "/exposure.csv");
    std::vector<std::string_view> fields;
    std::size_t pos = split(text, 0, fields);
    while (pos < text.size()) {
      pos = split(text, pos, fields);
      if (fields.size() < 4) continue;
      exposure_rows[std::string(fields[0])].emplace_back(month_of(fields[1]),
                                                         std::stod(std::string(fields[3])));
    }
  }
  const double read_seconds = seconds_since(start);

  // Trends: count, then per series the centre, limits and rules.
  const auto trend_start = std::chrono::steady_clock::now();
  const int first_month = *std::min_element(month.begin(), month.end());
  const int last_month = *std::max_element(month.begin(), month.end());
  const auto n_months = static_cast<std::size_t>(last_month - first_month + 1);
  const std::size_t n_categories = categories.size();
  const std::size_t n_series = services.size() * n_categories;
  const std::size_t n = n_series * n_months;
  std::vector<std::int64_t> counts(n, 0);
  for (std::size_t i = 0; i < service.size(); ++i) {
    const std::size_t s =
        static_cast<std::size_t>(service[i]) * n_categories + static_cast<std::size_t>(category[i]);
    ++counts[s * n_months + static_cast<std::size_t>(month[i] - first_month)];
  }
  std::vector<double> exposure_of_service(services.size() * n_months, 0.0);
  for (std::size_t s = 0; s < services.size(); ++s) {
    for (const auto& [m, value] : exposure_rows[services[s]]) {
      if (m >= first_month && m <= last_month) {
        exposure_of_service[s * n_months + static_cast<std::size_t>(m - first_month)] = value;
      }
    }
  }
  std::vector<double> centre(n), lcl(n), ucl(n);
  std::vector<std::uint8_t> flags(4 * n, 0);
  std::vector<double> value(n_months), lcl2(n_months), ucl2(n_months);
  for (std::size_t series = 0; series < n_series; ++series) {
    const std::size_t base = series * n_months;
    const double* e = &exposure_of_service[(series / n_categories) * n_months];
    long double sum_count = 0, sum_exposure = 0;
    for (std::size_t p = 0; p < n_months; ++p) {
      sum_count += static_cast<long double>(counts[base + p]);
      sum_exposure += e[p];
    }
    const double c = static_cast<double>(sum_count / sum_exposure);
    for (std::size_t p = 0; p < n_months; ++p) {
      value[p] = static_cast<double>(counts[base + p]) / e[p];
      const double sigma = std::sqrt(c / e[p]);
      centre[base + p] = c;
      lcl[base + p] = std::max(0.0, c - 3 * sigma);
      ucl[base + p] = c + 3 * sigma;
      lcl2[p] = std::max(0.0, c - 2 * sigma);
      ucl2[p] = c + 2 * sigma;
    }
    std::uint8_t* outside = &flags[0 * n + base];
    std::uint8_t* shift = &flags[1 * n + base];
    std::uint8_t* trend = &flags[2 * n + base];
    std::uint8_t* two = &flags[3 * n + base];
    auto is_outside = [&](std::size_t p) {
      return value[p] > ucl[base + p] || value[p] < lcl[base + p];
    };
    auto is_close = [&](std::size_t p) {
      return !is_outside(p) && (value[p] < lcl2[p] || value[p] > ucl2[p]);
    };
    std::size_t run = 0, run_start = 0, steps = 0, steps_start = 0;
    int run_sign = 0, step_sign = 0;
    for (std::size_t p = 0; p < n_months; ++p) {
      if (is_outside(p)) outside[p] = 1;
      const int side = sign(value[p] - c);
      if (side == 0) {
        run = 0;
        run_sign = 0;
      } else if (side == run_sign) {
        ++run;
      } else {
        run_sign = side;
        run = 1;
        run_start = p;
      }
      if (run == 7) std::fill(shift + run_start, shift + p + 1, 1);
      if (run > 7) shift[p] = 1;
      if (p > 0) {
        const int step = sign(value[p] - value[p - 1]);
        if (step == 0) {
          steps = 1;
          step_sign = 0;
          steps_start = p;
        } else if (step == step_sign) {
          ++steps;
        } else {
          step_sign = step;
          steps = 2;
          steps_start = p - 1;
        }
      } else {
        steps = 1;
        steps_start = 0;
      }
      if (steps == 7) std::fill(trend + steps_start, trend + p + 1, 1);
      if (steps > 7) trend[p] = 1;
      if (p >= 2) {
        const int s0 = sign(value[p - 2] - c);
        if (s0 != 0 && sign(value[p - 1] - c) == s0 && side == s0) {
          const int close = is_close(p - 2) + is_close(p - 1) + is_close(p);
          if (close >= 2) {
            for (std::size_t q = p - 2; q <= p; ++q) {
              if (is_close(q)) two[q] = 1;
            }
          }
        }
      }
    }
    for (std::size_t p = 0; p < n_months; ++p) {
      centre[base + p] *= 1000;
      lcl[base + p] *= 1000;
      ucl[base + p] *= 1000;
    }
  }
  const double trend_seconds = seconds_since(trend_start);

  std::ofstream keys(out_dir + "/keys.txt");
  for (const auto& s : services) keys << s << ' ';
  keys << '\n';
  for (const auto& c : categories) keys << c << ' ';
  keys << '\n' << n_months << '\n';
  write(out_dir + "/counts.bin", counts);
  write(out_dir + "/centre.bin", centre);
  write(out_dir + "/lcl.bin", lcl);
  write(out_dir + "/ucl.bin", ucl);
  write(out_dir + "/flags.bin", flags);
  std::printf("{\"read\": %.4f, \"trends\": %.4f, \"total\": %.4f}\n", read_seconds, trend_seconds,
              read_seconds + trend_seconds);
  return 0;
} catch (const std::exception& error) {
  std::fprintf(stderr, "closeloop_trend_floor: %s\n", error.what());
  return 2;
}
