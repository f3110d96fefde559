#pragma once
/// \file
/// Action quality: lint findings (errors block `agree`, warnings advise) and
/// the plan-level strength rule. docs/action-quality.md lists every rule with
/// an example.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "closeloop/core/date.hpp"
#include "closeloop/core/ids.hpp"
#include "closeloop/lifecycle/enums.hpp"
#include "closeloop/lifecycle/types.hpp"

namespace closeloop::lifecycle {

class Register;

/// One finding of the action linter.
struct LintFinding {
  Severity severity = Severity::error;
  /// The stable rule name: "agree.requires_owner", "quality.vague_wording", ...
  std::string rule;
  /// What is wrong, naming the action (and measure) it is about.
  std::string message;
  /// The action it is about (empty for plan-level findings).
  ActionId action;
  /// The measure's index within the action, for measure findings.
  std::optional<std::size_t> measure;

  bool operator==(const LintFinding&) const = default;
};

/// Lints an action. `as_of` is the date the due date is judged from (the
/// agreement date when agreeing); the action's proposed_on date when empty.
///
/// Errors (block agree): agree.requires_owner, agree.owner_is_person,
/// agree.requires_due_date, agree.due_before_agreement, agree.requires_measure,
/// agree.measure_complete (one per incomplete measure),
/// agree.requires_monitoring.
/// Warnings: quality.vague_wording, quality.due_beyond_a_year,
/// quality.monitoring_without_recurrence.
std::vector<LintFinding> lint(const Action& action, std::optional<Date> as_of = std::nullopt);

/// The error findings of lint() only.
std::vector<LintFinding> lint_errors(const Action& action, std::optional<Date> as_of = std::nullopt);

/// Lints a plan: every action's findings (as of each action's own
/// proposed_on), then the plan rule quality.plan_all_weaker, a warning when
/// the plan has actions (cancelled ones aside) and none is stronger or
/// intermediate.
std::vector<LintFinding> lint_plan(const Register& reg, const PlanId& plan);

/// Counts of a plan's actions by strength (cancelled actions aside).
struct StrengthProfile {
  std::size_t stronger = 0;
  std::size_t intermediate = 0;
  std::size_t weaker = 0;
  /// True when at least one action is stronger or intermediate.
  [[nodiscard]] bool has_stronger_or_intermediate() const noexcept {
    return stronger + intermediate > 0;
  }
  bool operator==(const StrengthProfile&) const = default;
};

/// The strength profile of a plan's actions.
StrengthProfile strength_profile(const Register& reg, const PlanId& plan);

/// True when an owner names a team, committee or group rather than a person
/// ("Care team", "Clinical governance committee", "All staff", "Night staff").
bool is_group_owner(std::string_view owner);

/// The vague phrase in `text` ("provide training", "ensure", ...) when the
/// text has no measurable target (no figure in it); empty otherwise.
std::optional<std::string> vague_phrase_without_target(std::string_view text);

/// The vague phrases the linter looks for, in the order it checks them.
const std::vector<std::string>& vague_phrases();

}  // namespace closeloop::lifecycle
