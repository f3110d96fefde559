#pragma once
// Measures with ids and the checks that record their values: the rules that
// tie a check's number to the measure it names (docs/effectiveness.md).

#include <optional>
#include <string>

#include "closeloop/lifecycle/types.hpp"

namespace closeloop::lifecycle {

class Register;

namespace detail {

/// Refuses (rule "measure.duplicate_id") a measure id that repeats within
/// `action` or names a measure of another action of `reg`.
void check_measure_ids(const Register& reg, const Action& action);

/// Refuses a check whose value does not fit the measure it names: a measure
/// of another action ("check.measure_of_another_action"), one its action does
/// not have (NotFoundError), a proportion without successes and trials or a
/// duration without a value ("check.value_required"), a unit other than the
/// measure's ("check.unit_mismatch"), a rate ("check.measure_not_checkable"),
/// or `passed` contradicting the value against the measure's target
/// ("check.passed_contradicts_target").
void check_measured_value(const Register& reg, const Check& check);

}  // namespace detail

/// The measure of `action` with id `id`, or nullptr.
const Measure* find_measure(const Action& action, const std::string& id) noexcept;

/// The check's measured value: score / denominator for a proportion, the
/// value otherwise; nullopt when it has none.
std::optional<double> measured_value(const Check& check, const Measure& measure) noexcept;

/// Whether `value` meets the measure's target (true without a target):
/// at least the target for `increase`, at most for `decrease`.
bool meets_target(const Measure& measure, double value) noexcept;

}  // namespace closeloop::lifecycle
