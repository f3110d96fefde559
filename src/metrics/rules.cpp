// Rule names, rule sets and the Anhoej limits (qicharts2's runs.analysis).
#include "closeloop/metrics/rules.hpp"

#include <algorithm>
#include <array>
#include <cfloat>
#include <cmath>
#include <string>

#include "closeloop/core/enum_text.hpp"
#include "closeloop/core/error.hpp"

namespace closeloop::metrics {

namespace {

constexpr EnumText<Rule, rule_count> rule_text{"SPC rule",
                                               {{{Rule::outside_limits, "outside_limits"},
                                                 {Rule::shift, "shift"},
                                                 {Rule::trend, "trend"},
                                                 {Rule::two_of_three, "two_of_three"},
                                                 {Rule::long_run, "long_run"},
                                                 {Rule::few_crossings, "few_crossings"}}}};

// R's qbinom(0.05, trials, 0.5): the smallest k with P(X <= k) >= 0.05, where
// R fuzzes p by (1 - 64 eps) to keep the quantile left-continuous.
constexpr double crossings_p = 0.05 * (1.0 - 64.0 * DBL_EPSILON);

// Up to 1022 trials P(X = 0) = 2^-trials is a normal double: sum the lower
// tail from 0 with the exact ratio P(k+1)/P(k) = (n-k)/(k+1).
std::size_t small_min_crossings(std::size_t trials) {
  const double n = static_cast<double>(trials);
  double pmf = std::ldexp(1.0, -static_cast<int>(trials));
  double cdf = 0.0;
  for (std::size_t k = 0; k < trials; ++k) {
    cdf += pmf;
    if (cdf >= crossings_p) return k;
    const double kk = static_cast<double>(k);
    pmf *= (n - kk) / (kk + 1.0);
  }
  return trials;
}

// Beyond that, start near the normal approximation, get P(X <= k) by summing
// the tail downwards from P(X = k) (lgamma) until the terms vanish, then step
// to the exact quantile. O(sqrt(n)) work instead of O(n).
std::size_t large_min_crossings(std::size_t trials) {
  const double n = static_cast<double>(trials);
  auto log_pmf = [n](double k) {
    return std::lgamma(n + 1) - std::lgamma(k + 1) - std::lgamma(n - k + 1) - n * std::log(2.0);
  };
  double k = std::floor(n / 2 - 1.6448536269514722 * std::sqrt(n) / 2);
  const double top = std::exp(log_pmf(k));
  double cdf = 0.0;
  for (double j = k, term = top; j >= 0 && term > cdf * 1e-18; --j) {
    cdf += term;
    term *= j / (n - j + 1);  // P(j-1) / P(j)
  }
  double pmf = top;  // P(X = k)
  if (cdf >= crossings_p) {
    while (k > 0 && cdf - pmf >= crossings_p) {
      cdf -= pmf;
      pmf *= k / (n - k + 1);
      k -= 1;
    }
  } else {
    while (cdf < crossings_p && k < n) {
      pmf *= (n - k) / (k + 1);
      k += 1;
      cdf += pmf;
    }
  }
  return static_cast<std::size_t>(k);
}

std::size_t compute_min_crossings(std::size_t trials) {
  return trials <= 1022 ? small_min_crossings(trials) : large_min_crossings(trials);
}

constexpr std::size_t crossings_table_size = 1024;

}  // namespace

std::string_view to_string(Rule rule) noexcept { return rule_text.name(rule); }

Rule parse_rule(std::string_view name) { return rule_text.parse(name); }

RuleSet RuleSet::mdc() noexcept {
  RuleSet set;
  set.add(Rule::outside_limits).add(Rule::shift).add(Rule::trend).add(Rule::two_of_three);
  return set;
}

RuleSet RuleSet::anhoej() noexcept {
  RuleSet set;
  set.add(Rule::outside_limits).add(Rule::long_run).add(Rule::few_crossings);
  return set;
}

namespace {

[[noreturn]] void refuse_rule_set(std::string_view words) {
  std::string names;
  for (std::size_t r = 0; r < rule_count; ++r) {
    names += (r > 0 ? ", " : "") + std::string(to_string(static_cast<Rule>(r)));
  }
  throw InputError("unknown rule set \"" + std::string(words) +
                   "\": expected one of mdc, anhoej or rule names joined by commas (" + names +
                   ")");
}

}  // namespace

RuleSet RuleSet::named(std::string_view name) {
  if (name == "mdc") return mdc();
  if (name == "anhoej") return anhoej();
  refuse_rule_set(name);
}

RuleSet RuleSet::parse(std::string_view words) {
  if (words == "mdc" || words == "anhoej") return named(words);
  RuleSet set;
  std::size_t start = 0;
  while (start < words.size()) {
    const std::size_t comma = std::min(words.find(',', start), words.size());
    const auto rule = rule_text.find(words.substr(start, comma - start));
    if (!rule) refuse_rule_set(words);
    set.add(*rule);
    start = comma + 1;
    // A trailing comma leaves an empty name.
    if (start == words.size()) refuse_rule_set(words);
  }
  return set;
}

std::string to_string(const RuleSet& rules) {
  if (rules.enabled == RuleSet::mdc().enabled) return "mdc";
  if (rules.enabled == RuleSet::anhoej().enabled) return "anhoej";
  std::string words;
  for (std::size_t r = 0; r < rule_count; ++r) {
    if (!rules.enabled[r]) continue;
    words += (words.empty() ? "" : ",") + std::string(to_string(static_cast<Rule>(r)));
  }
  return words;
}

RuleSet RuleSet::of(std::span<const std::string> names) {
  RuleSet set;
  for (const std::string& name : names) set.add(parse_rule(name));
  return set;
}

std::size_t min_crossings(std::size_t trials) {
  // Thread-safe lazy table: the trend job asks for the same small sizes millions of times.
  static const std::array<std::size_t, crossings_table_size> table = [] {
    std::array<std::size_t, crossings_table_size> values{};
    for (std::size_t m = 0; m < crossings_table_size; ++m) values[m] = compute_min_crossings(m);
    return values;
  }();
  if (trials < crossings_table_size) return table[trials];
  return compute_min_crossings(trials);
}

std::size_t max_run_length(std::size_t n) noexcept {
  if (n == 0) return 0;
  // nearbyint rounds half to even like R's round(); log2 of an integer is never x.5.
  return static_cast<std::size_t>(std::nearbyint(std::log2(static_cast<double>(n)))) + 3;
}

}  // namespace closeloop::metrics

CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::metrics::Rule, closeloop::metrics::rule_text)
