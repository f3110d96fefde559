// The checks around the SPC engine (spc.cpp): the inputs and options of a
// chart before anything is computed, the output columns a caller passes, and
// the finite result after. Errors name the caller-facing function and arguments.
#include "spc_checks.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <utility>

#include "closeloop/core/error.hpp"

namespace closeloop::metrics {

namespace {

// The caller-facing names used in error messages.
struct Names {
  const char* function;
  const char* values;
  const char* denominators;
};

Names names_of(ChartKind kind) noexcept {
  switch (kind) {
    case ChartKind::xmr:
      return {"xmr", "values", "denominators"};
    case ChartKind::run:
      return {"run_chart", "values", "denominators"};
    case ChartKind::c:
      return {"c_chart", "counts", "denominators"};
    case ChartKind::u:
      return {"u_chart", "counts", "exposures"};
    case ChartKind::p:
      return {"p_chart", "numerators", "denominators"};
    case ChartKind::t:
      return {"t_chart", "intervals", "denominators"};
    case ChartKind::g:
      return {"g_chart", "counts_between", "denominators"};
    case ChartKind::mr:
      return {"mr_chart", "values", "denominators"};
    case ChartKind::ip:
      return {"ip_chart", "numerators", "denominators"};
    case ChartKind::xbar:
      return {"xbar_chart", "means", "sizes"};
    case ChartKind::s:
      return {"s_chart", "sds", "sizes"};
  }
  return {"chart", "values", "denominators"};
}

}  // namespace

namespace detail {

bool needs_denominators(ChartKind kind) noexcept {
  return kind == ChartKind::u || kind == ChartKind::p || kind == ChartKind::ip ||
         kind == ChartKind::xbar || kind == ChartKind::s;
}

bool is_subgroup_chart(ChartKind kind) noexcept {
  return kind == ChartKind::xbar || kind == ChartKind::s;
}

}  // namespace detail

namespace {

std::string number_text(double value) {
  std::ostringstream text;
  text.precision(10);
  text << value;
  return text.str();
}

[[noreturn]] void fail(const Names& names, const std::string& what) {
  throw InputError(std::string(names.function) + ": " + what);
}

std::string at(const char* argument, std::size_t index) {
  return std::string(argument) + "[" + std::to_string(index) + "]";
}

void validate_index_list(const Names& names, const char* argument,
                         const std::vector<std::size_t>& indices, std::size_t n,
                         std::size_t lowest) {
  for (std::size_t j = 0; j < indices.size(); ++j) {
    const std::size_t index = indices[j];
    if (index < lowest || index >= n) {
      fail(names, at(argument, j) + " = " + std::to_string(index) + " is outside [" +
                      std::to_string(lowest) + ", " + std::to_string(n) + ")");
    }
    if (j > 0 && index <= indices[j - 1]) {
      fail(names, at(argument, j) + " = " + std::to_string(index) + " is not after " +
                      at(argument, j - 1) + " = " + std::to_string(indices[j - 1]));
    }
  }
}

// Every check happens before anything is written (strong guarantee).

}  // namespace

namespace detail {

void validate(ChartKind kind, std::span<const double> values, std::span<const double> denominators,
              std::span<const double> spreads, const ChartOptions& options) {
  const Names names = names_of(kind);
  if (kind == ChartKind::xbar && spreads.size() != values.size()) {
    fail(names, std::string("means has ") + std::to_string(values.size()) + " values but sds has " +
                    std::to_string(spreads.size()) + (spreads.empty() ? " (call xbar_chart)" : ""));
  }
  if (kind != ChartKind::xbar && !spreads.empty()) fail(names, "takes no sds");
  const std::size_t n = values.size();
  const bool paired = needs_denominators(kind);
  if (paired && denominators.size() != n) {
    fail(names, std::string(names.values) + " has " + std::to_string(n) + " values but " +
                    names.denominators + " has " + std::to_string(denominators.size()));
  }
  if (!paired && !denominators.empty()) {
    fail(names, "takes no denominators, got " + std::to_string(denominators.size()));
  }
  if (n > std::numeric_limits<std::uint32_t>::max()) fail(names, "too many points");
  for (std::size_t i = 0; i < n; ++i) {
    const double v = values[i];
    if (std::isinf(v)) fail(names, at(names.values, i) + " is infinite");
    if (!std::isnan(v)) {
      const bool counts = kind == ChartKind::c || kind == ChartKind::u || kind == ChartKind::p ||
                          kind == ChartKind::g || kind == ChartKind::s;
      if (counts && v < 0) {
        fail(names, at(names.values, i) + " = " + number_text(v) + " is negative");
      }
      if ((kind == ChartKind::c || kind == ChartKind::g) && v != std::floor(v)) {
        fail(names, at(names.values, i) + " = " + number_text(v) + " is not a whole number");
      }
      if (kind == ChartKind::t && v <= 0) {
        fail(names, at(names.values, i) + " = " + number_text(v) + " must be greater than 0");
      }
    }
    if (kind == ChartKind::xbar) {
      const double sd = spreads[i];
      if (std::isinf(sd)) fail(names, at("sds", i) + " is infinite");
      if (sd < 0) fail(names, at("sds", i) + " = " + number_text(sd) + " is negative");
    }
    if (!paired) continue;
    const double d = denominators[i];
    if (std::isinf(d)) fail(names, at(names.denominators, i) + " is infinite");
    if (!std::isnan(d) && d <= 0) {
      fail(names, at(names.denominators, i) + " = " + number_text(d) + " must be greater than 0");
    }
    if (kind == ChartKind::p && !std::isnan(v) && !std::isnan(d) && v > d) {
      fail(names, at(names.values, i) + " = " + number_text(v) + " exceeds " +
                      at(names.denominators, i) + " = " + number_text(d));
    }
  }
  validate_index_list(names, "phases", options.phases, n, 1);
  validate_index_list(names, "exclude", options.exclude, n, 0);
  if (options.baseline == 1) {
    fail(names, "baseline = 1: must be 0 (every point) or at least 2");
  }
  if (options.mr_constant && (!std::isfinite(*options.mr_constant) || *options.mr_constant <= 0)) {
    fail(names, "mr_constant = " + number_text(*options.mr_constant) +
                    " must be a finite number greater than 0");
  }
  if (!std::isfinite(options.per) || options.per <= 0) {
    fail(names, "per = " + number_text(options.per) + " must be a finite number greater than 0");
  }
  if (options.target && !std::isfinite(*options.target)) {
    fail(names, "target must be a finite number");
  }
  if (options.rules.shift_length < 2 || options.rules.trend_length < 2) {
    fail(names, "shift_length and trend_length must be at least 2");
  }
}

// After the engine: a value, centre or limit that overflowed to infinity
// (values near 1e308, an exposure of 5e-324) is refused, naming the first
// point and its inputs, rather than returned as a silent wrong answer.
void require_finite(ChartKind kind, std::span<const double> values,
                    std::span<const double> denominators, const ChartColumns& out) {
  const Names names = names_of(kind);
  const std::pair<const char*, std::span<double>> columns[] = {
      {"value", out.value}, {"centre", out.centre},         {"lcl", out.lcl},
      {"ucl", out.ucl},     {"lcl_2sigma", out.lcl_2sigma}, {"ucl_2sigma", out.ucl_2sigma}};
  for (std::size_t i = 0; i < values.size(); ++i) {
    for (const auto& [column, data] : columns) {
      if (!std::isinf(data[i])) continue;
      std::string inputs = at(names.values, i) + " = " + number_text(values[i]);
      if (i < denominators.size()) {
        inputs += ", " + at(names.denominators, i) + " = " + number_text(denominators[i]);
      }
      fail(names, std::string(column) + "[" + std::to_string(i) + "] is not finite (" + inputs +
                      "): the inputs are too large or too small to chart");
    }
  }
}

void validate_columns(ChartKind kind, std::size_t n, const ChartColumns& out) {
  const Names names = names_of(kind);
  auto check = [&](std::size_t size, const char* column) {
    if (size != n) {
      fail(names, std::string("output column ") + column + " has " + std::to_string(size) +
                      " elements, expected " + std::to_string(n));
    }
  };
  check(out.value.size(), "value");
  check(out.centre.size(), "centre");
  check(out.lcl.size(), "lcl");
  check(out.ucl.size(), "ucl");
  check(out.lcl_2sigma.size(), "lcl_2sigma");
  check(out.ucl_2sigma.size(), "ucl_2sigma");
  check(out.phase.size(), "phase");
  for (const auto& flag : out.flags) check(flag.size(), "flags");
  check(out.point_type.size(), "point_type");
  if (!out.special_cause.empty()) check(out.special_cause.size(), "special_cause");
}

}  // namespace detail

}  // namespace closeloop::metrics
