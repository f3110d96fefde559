#include "transitions.hpp"

#include <algorithm>
#include <array>
#include <utility>

#include "closeloop/core/error.hpp"
#include "closeloop/lifecycle/quality.hpp"
#include "closeloop/lifecycle/register.hpp"
#include "lookup.hpp"

namespace closeloop::lifecycle {

namespace detail {

namespace {

using S = ActionState;

[[noreturn]] void refuse_transition(const std::string& rule, const std::string& message) {
  throw TransitionError(rule, message);
}

// ---- guards --------------------------------------------------------------------

// The plan is not refused; the action has no quality error on the day.
void agree_guard(const GuardContext& c) {
  if (c.plan.approval == Approval::refused) {
    refuse_transition("agree.plan_refused", c.who + ": its plan " + q(c.plan.id) +
                                                " was refused: " + c.plan.refusal_reason);
  }
  const auto errors = lint_errors(c.action, c.day);
  if (!errors.empty()) {
    std::string message = errors.front().message;
    for (std::size_t i = 1; i < errors.size(); ++i) {
      message += "; " + errors[i].rule + ": " + errors[i].message;
    }
    refuse_transition(errors.front().rule, message);
  }
}

// Evidence dated on or before the day.
void implement_guard(const GuardContext& c) {
  const auto evidence = c.reg.evidence_for(c.action.id);
  const bool has_evidence = std::any_of(evidence.begin(), evidence.end(),
                                        [&](const Evidence* e) { return e->date <= c.day; });
  if (!has_evidence) {
    refuse_transition(
        "implement.requires_evidence",
        c.who + ": no evidence dated on or before " + to_iso(c.day) + " shows it was implemented");
  }
}

// A passing check dated after the implementation and on or before the day.
void verify_guard(const GuardContext& c) {
  const Date implemented = c.action.last_at(Transition::implement)->date();
  const auto checks = c.reg.checks_for(c.action.id);
  const bool has_check = std::any_of(checks.begin(), checks.end(), [&](const Check* check) {
    return check->passed && check->date > implemented && check->date <= c.day;
  });
  if (!has_check) {
    refuse_transition("verify.requires_follow_up_check",
                      c.who + ": no passing check dated after implementation on " +
                          to_iso(implemented) + " and on or before " + to_iso(c.day));
  }
}

// A verdict after the plan's observation window, resting on a comparison or
// on checks of this action dated on or before the day.
void evaluate_guard(const GuardContext& c) {
  if (!c.event.verdict) {
    refuse_transition("evaluate.requires_verdict", c.who + ": no verdict given");
  }
  const Date implemented = c.action.last_at(Transition::implement)->date();
  const long days = (c.day - implemented).days();
  if (days < c.plan.min_observation_days) {
    refuse_transition(
        "evaluate.too_early",
        c.who + ": evaluated " + std::to_string(days) + " days after implementation on " +
            to_iso(implemented) + "; plan " + q(c.plan.id) + " needs at least " +
            std::to_string(c.plan.min_observation_days) + " days (not before " +
            to_iso(implemented + boost::gregorian::days(c.plan.min_observation_days)) + ")");
  }
  if (c.event.basis.empty() && c.event.checks.empty()) {
    refuse_transition("evaluate.requires_basis",
                      c.who + ": the verdict must rest on a comparison or on checks");
  }
  for (const CheckId& check_id : c.event.checks) {
    const auto it = c.reg.checks().find(check_id);
    if (it == c.reg.checks().end()) {
      refuse_transition("evaluate.unknown_check",
                        c.who + ": check " + q(check_id) + " does not exist");
    }
    if (it->second.action != c.action.id || it->second.date > c.day) {
      refuse_transition("evaluate.check_not_of_action",
                        c.who + ": check " + q(check_id) +
                            " is not a check of this action dated on or before " + to_iso(c.day));
    }
  }
}

// A decision and a governance review covering the action or its plan, held
// between the evaluation and the day.
void close_guard(const GuardContext& c) {
  if (!c.event.decision) {
    refuse_transition("close.requires_decision",
                      c.who + ": closing needs an adopt, adapt or abandon decision");
  }
  if (!c.event.review) {
    refuse_transition("close.requires_review",
                      c.who + ": closing needs sign-off at a governance review");
  }
  const auto it = c.reg.reviews().find(*c.event.review);
  if (it == c.reg.reviews().end()) {
    refuse_transition("close.unknown_review",
                      c.who + ": governance review " + q(*c.event.review) + " does not exist");
  }
  const GovernanceReview& review = it->second;
  const bool covers =
      std::find(review.actions.begin(), review.actions.end(), c.action.id) !=
          review.actions.end() ||
      std::find(review.plans.begin(), review.plans.end(), c.action.plan) != review.plans.end();
  if (!covers) {
    refuse_transition("close.review_does_not_cover",
                      c.who + ": governance review " + q(review.id) +
                          " covers neither the action nor its plan " + q(c.action.plan));
  }
  const Date evaluated = c.action.last_at(Transition::evaluate)->date();
  if (review.date < evaluated || review.date > c.day) {
    refuse_transition("close.review_date",
                      c.who + ": governance review " + q(review.id) + " on " + to_iso(review.date) +
                          " is not between the evaluation on " + to_iso(evaluated) +
                          " and the closing on " + to_iso(c.day));
  }
}

// A reason; from evaluated, only when judged not_effective.
void reopen_guard(const GuardContext& c) {
  if (c.event.note.empty()) {
    refuse_transition("reopen.requires_reason", c.who + ": reopening needs a reason");
  }
  if (c.action.state() == S::evaluated && c.action.verdict() != Verdict::not_effective) {
    refuse_transition("reopen.requires_not_effective",
                      c.who +
                          ": an evaluated action reopens only when judged not_effective "
                          "(verdict " +
                          std::string(to_string(*c.action.verdict())) + ")");
  }
}

// A reason.
void cancel_guard(const GuardContext& c) {
  if (c.event.note.empty()) {
    refuse_transition("cancel.requires_reason", c.who + ": cancelling needs a reason");
  }
}

// ---- the table -----------------------------------------------------------------

constexpr std::array<S, 1> from_proposed{S::proposed};
constexpr std::array<S, 2> from_agreed_or_reopened{S::agreed, S::reopened};
constexpr std::array<S, 1> from_in_progress{S::in_progress};
constexpr std::array<S, 1> from_implemented{S::implemented};
constexpr std::array<S, 1> from_verified{S::verified};
constexpr std::array<S, 1> from_evaluated{S::evaluated};
constexpr std::array<S, 2> from_evaluated_or_closed{S::evaluated, S::closed};
constexpr std::span<const S> any_open_state{};

// One row per transition, in the order of the Transition enum.
const std::array<TransitionRow, 9> table{{
    {Transition::agree, from_proposed, S::agreed, agree_guard},
    {Transition::start, from_agreed_or_reopened, S::in_progress, nullptr},
    {Transition::implement, from_in_progress, S::implemented, implement_guard},
    {Transition::verify, from_implemented, S::verified, verify_guard},
    {Transition::evaluate, from_verified, S::evaluated, evaluate_guard},
    {Transition::close, from_evaluated, S::closed, close_guard},
    {Transition::reopen, from_evaluated_or_closed, S::reopened, reopen_guard},
    {Transition::cancel, any_open_state, S::cancelled, cancel_guard},
    {Transition::edit, any_open_state, std::nullopt, nullptr},
}};

}  // namespace

Step step_of(Transition transition, ActionState from) {
  const auto row = std::find_if(table.begin(), table.end(),
                                [&](const TransitionRow& r) { return r.transition == transition; });
  if (row == table.end()) return Step{nullptr, from, std::nullopt};
  Step step{&*row, from, std::nullopt};
  const bool allowed = row->from.empty()
                           ? is_open(from)
                           : std::find(row->from.begin(), row->from.end(), from) != row->from.end();
  if (allowed) step.to = row->to ? *row->to : from;
  return step;
}

std::string needs_of(const TransitionRow* row) {
  if (row == nullptr) return "?";
  if (row->from.empty()) return "an open state";
  std::string text;
  for (std::size_t i = 0; i < row->from.size(); ++i) {
    if (i > 0) text += " or ";
    text += to_string(row->from[i]);
  }
  return text;
}

void check_step(const Register& reg, const Action& action, const ActionEvent& event,
                const Step& step) {
  const std::string who = "action " + q(action.id);
  const std::string verb(to_string(event.transition));
  if (!step.to) {
    refuse_transition(verb + ".from_state", who + ": cannot " + verb + " from state " +
                                                std::string(to_string(step.from)) + " (" + verb +
                                                " needs " + needs_of(step.row) + ")");
  }
  if (event.from != step.from || event.to != *step.to) {
    refuse_transition("event.breaks_history",
                      who + ": event " + verb + " " + std::string(to_string(event.from)) + " -> " +
                          std::string(to_string(event.to)) +
                          " does not continue the history (state " +
                          std::string(to_string(step.from)) + ", " + verb + " leads to " +
                          std::string(to_string(*step.to)) + ")");
  }
  if (event.at.is_special()) {
    refuse_transition("event.requires_instant", who + ": event has no instant");
  }
  if (event.actor.empty()) {
    refuse_transition("event.requires_actor", who + ": " + verb + " needs the actor's name");
  }
  const auto& history = action.events();
  if (!history.empty() && event.at < history.back().at) {
    refuse_transition("event.out_of_order", who + ": " + verb + " at " + to_iso(event.at) +
                                                " is before the last event at " +
                                                to_iso(history.back().at));
  }
  if (event.at.date() < action.proposed_on) {
    refuse_transition("event.before_proposed", who + ": " + verb + " at " + to_iso(event.at) +
                                                   " is before the action was proposed on " +
                                                   to_iso(action.proposed_on));
  }
  if (step.row->guard != nullptr) {
    step.row->guard(
        GuardContext{reg, action, event, reg.plans().at(action.plan), who, event.at.date()});
  }
}

}  // namespace detail

// ---- the Register's transitions --------------------------------------------------

void Register::check_event(const Action& action, const ActionEvent& event) const {
  detail::check_step(*this, action, event, detail::step_of(event.transition, action.state()));
}

void Register::append_event(ActionEvent event) {
  const auto it = actions_.find(event.action);
  if (it == actions_.end()) {
    throw NotFoundError("action " + detail::q(event.action) + " does not exist");
  }
  Action& action = it->second;
  const detail::Step step = detail::step_of(event.transition, action.state());
  event.from = step.from;
  if (step.to) event.to = *step.to;
  detail::check_step(*this, action, event, step);
  action.events_.push_back(std::move(event));
}

void Register::apply_event(const ActionEvent& event) {
  const auto it = actions_.find(event.action);
  if (it == actions_.end()) {
    throw NotFoundError("action " + detail::q(event.action) + " does not exist");
  }
  Action& action = it->second;
  check_event(action, event);
  action.events_.push_back(event);
}

}  // namespace closeloop::lifecycle
