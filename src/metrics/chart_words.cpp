// Chart and trend options from the words the command and the Python bindings
// take, so that each word is read in one place (RuleSet::parse,
// parse_improvement, parse_chart_kind).
#include "closeloop/metrics/spc.hpp"
#include "closeloop/metrics/trends.hpp"

namespace closeloop::metrics {

namespace {

template <class Options>
void set_rules_and_improvement(Options& options, const std::optional<std::string>& rules,
                               const std::optional<std::string>& improvement) {
  if (rules) options.rules = RuleSet::parse(*rules);
  if (improvement) options.improvement = parse_improvement(*improvement);
}

}  // namespace

RuleSet rules_for(ChartKind kind, const RuleSet& requested) noexcept {
  if (kind != ChartKind::run) return requested;
  RuleSet run;
  run.add(Rule::long_run).add(Rule::few_crossings);
  return run;
}

void set_chart_words(ChartOptions& options, const std::optional<std::string>& rules,
                     const std::optional<std::string>& improvement) {
  set_rules_and_improvement(options, rules, improvement);
}

void set_chart_words(TrendOptions& options, const std::optional<std::string>& chart,
                     const std::optional<std::string>& rules,
                     const std::optional<std::string>& improvement) {
  if (chart) options.chart = parse_chart_kind(*chart);
  set_rules_and_improvement(options, rules, improvement);
}

}  // namespace closeloop::metrics
