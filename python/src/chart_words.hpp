#pragma once
// How the SPC and trend bindings read Python's `rules` argument: a word
// ("mdc", "anhoej", "outside_limits,shift") goes to metrics::set_chart_words
// with the other words, which reads it with RuleSet::parse; a list of rule
// names replaces the rules after (RuleSet::of); None keeps the C++ default.

#include <optional>
#include <string>
#include <vector>

#include "closeloop/metrics/rules.hpp"
#include "closeloop_python.hpp"

namespace closeloop::python {

/// `rules` as words for metrics::set_chart_words: a str as it is, else none.
inline std::optional<std::string> rule_words(const py::object& rules) {
  if (!py::isinstance<py::str>(rules)) return std::nullopt;
  return rules.cast<std::string>();
}

/// A list (any iterable but a str) of rule names replaces `out`; a word or
/// None leaves it.
inline void set_rule_list(metrics::RuleSet& out, const py::object& rules) {
  if (rules.is_none() || py::isinstance<py::str>(rules)) return;
  std::vector<std::string> names;
  for (py::handle item : rules) names.push_back(item.cast<std::string>());
  out = metrics::RuleSet::of(names);
}

}  // namespace closeloop::python
