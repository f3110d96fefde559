// Rule names, rule sets and the Anhoej limits (qicharts2's runs.analysis).
#include "closeloop/metrics/rules.hpp"

#include <array>
#include <cfloat>
#include <cmath>
#include <string>

#include "closeloop/core/enum_text.hpp"
#include "closeloop/core/error.hpp"

namespace closeloop::metrics {

namespace {

constexpr EnumText<Rule, rule_count> rule_text{
    "SPC rule",
    {{{Rule::outside_limits, "outside_limits"},
      {Rule::shift, "shift"},
      {Rule::trend, "trend"},
      {Rule::two_of_three, "two_of_three"},
      {Rule::long_run, "long_run"},
      {Rule::few_crossings, "few_crossings"}}}};

// R's qbinom(0.05, trials, 0.5) by summing the lower tail in log space, so that
// tens of thousands of trials neither underflow nor lose the left tail.
std::size_t compute_min_crossings(std::size_t trials) {
  // R's qbinom fuzzes p by (1 - 64 eps) to keep the quantile left-continuous.
  const long double p = 0.05L * (1.0L - 64.0L * static_cast<long double>(DBL_EPSILON));
  const long double m = static_cast<long double>(trials);
  long double log_pmf = -m * std::log(2.0L);  // log P(X = 0)
  long double cdf = 0.0L;
  for (std::size_t k = 0; k < trials; ++k) {
    cdf += std::exp(log_pmf);
    if (cdf >= p) return k;
    const long double kk = static_cast<long double>(k);
    log_pmf += std::log(m - kk) - std::log(kk + 1.0L);
  }
  return trials;
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

RuleSet RuleSet::named(std::string_view name) {
  if (name == "mdc") return mdc();
  if (name == "anhoej") return anhoej();
  throw InputError("unknown rule set \"" + std::string(name) +
                   "\": expected \"mdc\", \"anhoej\" or a list of rule names");
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
