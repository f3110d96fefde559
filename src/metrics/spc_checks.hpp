#pragma once
// The checks around the SPC engine, shared by spc.cpp and spc_checks.cpp.

#include <cstddef>
#include <span>

#include "closeloop/metrics/spc.hpp"

namespace closeloop::metrics::detail {

/// Whether charts of `kind` pair each value with a denominator (u, p, ip,
/// xbar, s).
bool needs_denominators(ChartKind kind) noexcept;

/// Whether `kind` charts subgroups (xbar, s).
bool is_subgroup_chart(ChartKind kind) noexcept;

/// Refuses (InputError naming the function and argument) inputs or options a
/// chart of `kind` cannot take; every check happens before anything is written.
void validate(ChartKind kind, std::span<const double> values, std::span<const double> denominators,
              std::span<const double> spreads, const ChartOptions& options);

/// After the engine: refuses a value, centre or limit that overflowed to
/// infinity, naming the first point and its inputs.
void require_finite(ChartKind kind, std::span<const double> values,
                    std::span<const double> denominators, const ChartColumns& out);

/// Refuses output columns whose sizes are not `n`.
void validate_columns(ChartKind kind, std::size_t n, const ChartColumns& out);

}  // namespace closeloop::metrics::detail
