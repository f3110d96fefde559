#pragma once
/// \file
/// The special-cause rules of SPC charts and the rule sets closeloop offers:
/// `mdc` (NHS Making Data Count, as NHSRplotthedots computes it) and `anhoej`
/// (as qicharts2 computes it).

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "closeloop/core/enum_words.hpp"

namespace closeloop::metrics {

/// One special-cause rule. Each chart holds a flag per point for each rule.
enum class Rule : std::uint8_t {
  outside_limits,  ///< a point above the upper or below the lower 3-sigma limit
  shift,           ///< a run of `shift_length`+ points on one side of the centre
  trend,           ///< `trend_length`+ points each strictly above (below) the one before
  two_of_three,    ///< two of three consecutive points between 2 and 3 sigma, same side
  long_run,        ///< Anhoej: a phase's longest run exceeds round(log2(n)) + 3
  few_crossings,   ///< Anhoej: a phase crosses its centre too few times
};

/// The number of rules (the size of a chart's flag array).
inline constexpr std::size_t rule_count = 6;

/// The rule's name ("outside_limits", "shift", ...).
[[nodiscard]] std::string_view to_string(Rule rule) noexcept;
/// The rule named `name`; InputError listing the names otherwise.
[[nodiscard]] Rule parse_rule(std::string_view name);

/// A set of enabled rules and their parameters.
struct RuleSet {
  /// Whether each rule (indexed by `Rule`) is evaluated; disabled rules' flags
  /// stay false.
  std::array<bool, rule_count> enabled{};
  /// The number of points on one side of the centre that makes a shift.
  std::size_t shift_length = 7;
  /// The number of points that makes a trend (`trend_length - 1` strict steps).
  std::size_t trend_length = 7;

  /// Whether `rule` is enabled.
  [[nodiscard]] bool contains(Rule rule) const noexcept {
    return enabled[static_cast<std::size_t>(rule)];
  }
  /// Enables `rule`; returns *this.
  RuleSet& add(Rule rule) noexcept {
    enabled[static_cast<std::size_t>(rule)] = true;
    return *this;
  }

  /// NHS Making Data Count: outside_limits, shift, trend, two_of_three.
  [[nodiscard]] static RuleSet mdc() noexcept;
  /// qicharts2: outside_limits, long_run, few_crossings.
  [[nodiscard]] static RuleSet anhoej() noexcept;
  /// "mdc" or "anhoej"; InputError otherwise (the message of parse).
  [[nodiscard]] static RuleSet named(std::string_view name);
  /// The rule-set words the command and the bindings take: "mdc", "anhoej",
  /// or rule names joined by commas ("outside_limits,shift"; the empty text
  /// is no rule). InputError `unknown rule set "x": expected one of mdc,
  /// anhoej or rule names joined by commas (outside_limits, ...)` otherwise.
  /// Shift and trend lengths keep their defaults.
  [[nodiscard]] static RuleSet parse(std::string_view words);
  /// Exactly the rules listed (by name); InputError for an unknown name.
  [[nodiscard]] static RuleSet of(std::span<const std::string> names);
};

/// The words of `rules` that RuleSet::parse reads back: "mdc" or "anhoej"
/// when the enabled rules are that set's, else the enabled rule names joined
/// by commas (empty for none). Shift and trend lengths are not part of it.
[[nodiscard]] std::string to_string(const RuleSet& rules);

/// The 5th percentile of Binomial(trials, 0.5) as R's qbinom(0.05, trials, 0.5):
/// the fewest crossings a run chart of `trials + 1` useful points may have.
[[nodiscard]] std::size_t min_crossings(std::size_t trials);

/// round(log2(n)) + 3: the longest run a run chart of `n` useful points may
/// have (0 when n is 0).
[[nodiscard]] std::size_t max_run_length(std::size_t n) noexcept;

}  // namespace closeloop::metrics

CLOSELOOP_ENUM_WORDS(closeloop::metrics::Rule, closeloop::metrics::rule_count);
