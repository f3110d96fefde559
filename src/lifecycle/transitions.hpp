#pragma once
// The action state machine as one table (transitions.cpp): for each
// transition, the states it may leave, the state it leads to and the guard
// that must hold, with the rule names its refusals carry. The Register looks
// an event up once (`step_of`) and checks it against the row it found.

#include <optional>
#include <span>
#include <string>

#include "closeloop/core/enums.hpp"
#include "closeloop/lifecycle/types.hpp"

namespace closeloop::lifecycle {

class Register;

namespace detail {

/// What a transition's guard looks at: the register, the action before the
/// event, the event, the action's plan, "action \"id\"" and the event's day.
struct GuardContext {
  const Register& reg;
  const Action& action;
  const ActionEvent& event;
  const ActionPlan& plan;
  const std::string& who;
  Date day;
};

/// A guard refuses (TransitionError with the rule's name) or returns.
using Guard = void (*)(const GuardContext&);

/// One row of the table.
struct TransitionRow {
  Transition transition;
  /// The states the transition may leave; empty: any open state.
  std::span<const ActionState> from;
  /// The state it leads to; none: the state it leaves (edit).
  std::optional<ActionState> to;
  /// What must hold besides the state; nullptr: nothing.
  Guard guard;
};

/// An event's transition looked up from its action's state: the row and the
/// state it leads to (none when the transition may not leave `from`).
struct Step {
  const TransitionRow* row;  ///< nullptr for a transition outside the enum
  ActionState from;
  std::optional<ActionState> to;
};

/// Looks `transition` up in the table from state `from` (no row for a value
/// outside the enum).
[[nodiscard]] Step step_of(Transition transition, ActionState from);

/// The states a row may leave, as a refusal names them ("agreed or
/// reopened", "an open state"; "?" without a row).
[[nodiscard]] std::string needs_of(const TransitionRow* row);

/// Refuses (TransitionError) an event that may not follow `action`'s
/// history: a state the transition may not leave ("<verb>.from_state"), an
/// event whose from/to break the history, no instant or actor, an instant
/// before the last event or the proposal, then the row's guard.
void check_step(const Register& reg, const Action& action, const ActionEvent& event,
                const Step& step);

}  // namespace detail
}  // namespace closeloop::lifecycle
