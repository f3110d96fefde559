#include "measured.hpp"

#include <cmath>
#include <cstdio>

#include "closeloop/core/error.hpp"
#include "closeloop/lifecycle/register.hpp"

namespace closeloop::lifecycle {

namespace {

std::string q(const std::string& text) { return "\"" + text + "\""; }

std::string number(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%g", value);
  return buffer;
}

}  // namespace

const Measure* find_measure(const Action& action, const std::string& id) noexcept {
  if (id.empty()) return nullptr;
  for (const Measure& m : action.measures) {
    if (m.id == id) return &m;
  }
  return nullptr;
}

std::optional<double> measured_value(const Check& check, const Measure& measure) noexcept {
  if (measure.value_kind() == metrics::SeriesKind::proportion) {
    if (!check.score || !check.denominator || !(*check.denominator > 0)) return std::nullopt;
    return *check.score / *check.denominator;
  }
  return check.value;
}

bool meets_target(const Measure& measure, double value) noexcept {
  if (!measure.target) return true;
  return measure.direction == Direction::increase ? value >= *measure.target
                                                  : value <= *measure.target;
}

namespace detail {

void check_measure_ids(const Register& reg, const Action& action) {
  for (std::size_t i = 0; i < action.measures.size(); ++i) {
    const std::string& id = action.measures[i].id;
    if (id.empty()) continue;
    for (std::size_t j = 0; j < i; ++j) {
      if (action.measures[j].id == id) {
        throw RuleError("measure.duplicate_id",
                        "action " + q(action.id.str()) + " has two measures with id " + q(id));
      }
    }
    for (const auto& [other_id, other] : reg.actions()) {
      if (other_id == action.id) continue;
      if (find_measure(other, id) != nullptr) {
        throw RuleError("measure.duplicate_id", "action " + q(action.id.str()) + ": measure id " +
                                                    q(id) + " is already a measure of action " +
                                                    q(other_id.str()));
      }
    }
  }
}

void check_measured_value(const Register& reg, const Check& check) {
  const std::string who = "check " + q(check.id.str());
  if (check.value && !std::isfinite(*check.value)) {
    throw InputError(who + ": the value must be a finite number");
  }
  if (check.measure.empty()) return;
  const Action& action = reg.action(check.action);
  const Measure* measure = find_measure(action, check.measure);
  if (measure == nullptr) {
    for (const auto& [other_id, other] : reg.actions()) {
      if (find_measure(other, check.measure) != nullptr) {
        throw RuleError("check.measure_of_another_action",
                        who + " of action " + q(check.action.str()) + " records measure " +
                            q(check.measure) + ", which belongs to action " + q(other_id.str()));
      }
    }
    throw NotFoundError(who + ": action " + q(check.action.str()) + " has no measure " +
                        q(check.measure));
  }
  const std::string what = who + " of measure " + q(check.measure);
  const auto kind = measure->value_kind();
  if (!kind || *kind == metrics::SeriesKind::rate) {
    throw RuleError("check.measure_not_checkable",
                    what + ": a rate is measured from incidents and exposure, not recorded by a "
                           "check; give the measure a kind of value (proportion, duration or "
                           "count)");
  }
  if (*kind == metrics::SeriesKind::proportion) {
    if (!check.score || !check.denominator) {
      throw RuleError("check.value_required",
                      what + " (a proportion) needs its successes and trials (score and "
                             "denominator)");
    }
  } else if (!check.value) {
    throw RuleError("check.value_required",
                    what + " (a " + std::string(metrics::to_string(*kind)) + ") needs a value" +
                        (measure->unit.empty() ? std::string() : " in " + measure->unit));
  } else if (*check.value < 0) {
    throw InputError(what + ": " + number(*check.value) + " " + check.unit +
                     " is negative (an end before its start)");
  }
  if (check.value && !measure->unit.empty() && check.unit != measure->unit) {
    throw RuleError("check.unit_mismatch", what + ": the value is in " +
                                               q(check.unit.empty() ? "no unit" : check.unit) +
                                               " but the measure is in " + q(measure->unit));
  }
  const std::optional<double> value = measured_value(check, *measure);
  if (value && measure->target && meets_target(*measure, *value) != check.passed) {
    const std::string shown =
        *kind == metrics::SeriesKind::proportion
            ? number(*check.score) + " of " + number(*check.denominator) + " (" +
                  number(*value * 100) + "%)"
            : number(*value) + (check.unit.empty() ? "" : " " + check.unit);
    const std::string target = std::string(measure->direction == Direction::increase
                                                ? "at least "
                                                : "at most ") +
                               number(*measure->target);
    throw RuleError("check.passed_contradicts_target",
                    what + ": " + shown + " against a target of " + target + " is marked " +
                        (check.passed ? "passed but misses the target"
                                      : "failed but meets the target"));
  }
}

}  // namespace detail

}  // namespace closeloop::lifecycle
