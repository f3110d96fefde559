#pragma once
// What the metrics bindings (register_metrics.cpp for the tables, calendar
// and grid; register_metrics_trends.cpp for comparison, funnel, trends and
// the special functions) share: numpy columns in and out, the options both
// read from Python arguments; and the second file's binding function, which
// register_metrics calls after the types it uses.
#include "closeloop_python.hpp"
#include "chart_words.hpp"
#include "numpy_views.hpp"

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "closeloop/core/error.hpp"
#include "closeloop/metrics/calendar.hpp"
#include "closeloop/metrics/comparison.hpp"
#include "closeloop/metrics/distributions.hpp"
#include "closeloop/metrics/funnel.hpp"
#include "closeloop/metrics/grid.hpp"
#include "closeloop/metrics/tables.hpp"
#include "closeloop/metrics/trends.hpp"

namespace closeloop::python::metrics_bindings {

using closeloop::DayNumber;

// A C-contiguous array of T (converted from other dtypes and layouts).
template <class T>
using Contiguous = py::array_t<T, py::array::c_style | py::array::forcecast>;

// Day numbers as a new numpy datetime64[D] array.
inline py::array as_datetime64(std::span<const DayNumber> days) {
  py::array_t<std::int64_t> widened(static_cast<py::ssize_t>(days.size()));
  auto out = widened.mutable_unchecked<1>();
  for (std::size_t i = 0; i < days.size(); ++i) out(static_cast<py::ssize_t>(i)) = days[i];
  return widened.attr("view")("datetime64[D]");
}

// Python objects kept alive by a C++ table, released under the GIL.
inline std::shared_ptr<const void> keep(std::vector<py::object> objects) {
  auto* held = new std::vector<py::object>(std::move(objects));
  return std::shared_ptr<const void>(held, [](const void* pointer) {
    py::gil_scoped_acquire gil;
    delete static_cast<const std::vector<py::object>*>(pointer);
  });
}

// A numeric column as a contiguous array of T: the caller's array itself when
// it already is one (no copy), a converted copy otherwise.
template <class T>
Contiguous<T> column(const py::handle& values, const char* name) {
  auto array = py::array::ensure(values);
  if (!array) throw InputError(std::string("column ") + name + " is not array-like");
  if (array.ndim() != 1) throw InputError(std::string("column ") + name + " must be one-dimensional");
  const char kind = array.dtype().kind();
  if (kind != 'i' && kind != 'u' && kind != 'b') {
    throw InputError(std::string("column ") + name + " must hold integers, got dtype " +
                     std::string(py::str(array.dtype())));
  }
  auto out = Contiguous<T>::ensure(array);
  if (!out) throw InputError(std::string("column ") + name + " cannot be converted");
  return out;
}

// Whole days since 1970-01-01 from int32 day numbers (no copy), other integer
// day numbers, or datetime64 of any unit from days to nanoseconds (floored
// to days; NaT refused). Returns the int32 array.
inline py::array_t<std::int32_t> day_column(const py::handle& values, const char* name,
                                     bool allow_missing, py::object* minutes_out = nullptr) {
  auto array = py::array::ensure(values);
  if (!array || array.ndim() != 1) {
    throw InputError(std::string("column ") + name + " must be a one-dimensional array");
  }
  const char kind = array.dtype().kind();
  if (kind == 'i' || kind == 'u') {
    if (array.dtype().is(py::dtype::of<std::int32_t>()) &&
        (array.flags() & py::array::c_style) != 0) {
      return py::reinterpret_borrow<py::array_t<std::int32_t>>(array);
    }
    auto wide = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(array);
    py::array_t<std::int32_t> out(wide.size());
    auto in = wide.unchecked<1>();
    auto o = out.mutable_unchecked<1>();
    for (py::ssize_t i = 0; i < wide.size(); ++i) {
      if (in(i) < kFirstDay || in(i) > kLastDay) {
        throw InputError(date_out_of_range(std::string("column ") + name + " row " +
                                           std::to_string(i) + ": day number " +
                                           std::to_string(in(i))));
      }
      o(i) = static_cast<std::int32_t>(in(i));
    }
    return out;
  }
  if (kind != 'M') {
    throw InputError(std::string("column ") + name +
                     " must hold day numbers or datetime64 values, got dtype " +
                     std::string(py::str(array.dtype())));
  }
  const std::string unit =
      py::str(py::module_::import("numpy").attr("datetime_data")(array.dtype())[py::int_(0)]);
  std::int64_t per_day = 0;
  if (unit == "D") per_day = 1;
  else if (unit == "h") per_day = 24;
  else if (unit == "m") per_day = 1440;
  else if (unit == "s") per_day = 86400;
  else if (unit == "ms") per_day = 86400000LL;
  else if (unit == "us") per_day = 86400000000LL;
  else if (unit == "ns") per_day = 86400000000000LL;
  else throw InputError(std::string("column ") + name + ": unsupported datetime64 unit " + unit);
  auto raw = py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>::ensure(
      array.attr("view")("int64"));
  py::array_t<std::int32_t> out(raw.size());
  py::array_t<std::int16_t> minutes(raw.size());
  auto in = raw.unchecked<1>();
  auto o = out.mutable_unchecked<1>();
  auto m = minutes.mutable_unchecked<1>();
  const std::int64_t per_minute = per_day / 1440;  // 0 for day units: no minutes
  bool any_time = false;
  for (py::ssize_t i = 0; i < raw.size(); ++i) {
    const std::int64_t v = in(i);
    if (v == std::numeric_limits<std::int64_t>::min()) {
      if (allow_missing) {
        o(i) = metrics::kMissingDay;
        m(i) = -1;
        continue;
      }
      throw InputError(std::string("column ") + name + " row " + std::to_string(i) +
                       " is NaT (missing)");
    }
    std::int64_t day = v / per_day;
    std::int64_t within = v % per_day;
    if (within < 0) {  // floor, not truncate, before 1970
      --day;
      within += per_day;
    }
    if (day < kFirstDay || day > kLastDay) {
      throw InputError(date_out_of_range(std::string("column ") + name + " row " +
                                         std::to_string(i) + ": day number " +
                                         std::to_string(day)));
    }
    o(i) = static_cast<std::int32_t>(day);
    // Midnight stands for "no time": datetime64 cannot say "unknown".
    const auto minute = per_minute > 0 && within != 0 ? within / per_minute : -1;
    m(i) = static_cast<std::int16_t>(minute);
    any_time = any_time || minute >= 0;
  }
  if (minutes_out != nullptr) *minutes_out = any_time ? py::object(minutes) : py::object(py::none());
  return out;
}

inline metrics::StringColumn string_column(const py::handle& values) {
  metrics::StringColumn out;
  if (values.is_none()) return out;
  for (py::handle value : values) {
    if (!py::isinstance<py::str>(value)) {
      throw InputError("incident ids must be strings, got " +
                       std::string(py::str(py::type::of(value))));
    }
    out.push_back(value.cast<std::string_view>());
  }
  return out;
}

inline std::vector<std::string> strings(const py::handle& values) {
  std::vector<std::string> out;
  for (py::handle value : values) out.push_back(py::str(value));
  return out;
}

template <class T, int Flags>
std::span<const T> span_of(const py::array_t<T, Flags>& array) {
  return {array.data(), static_cast<std::size_t>(array.size())};
}

// The values of one word or a list of words (none for None), each read by `parse`.
template <class Parse>
auto parsed_words(const py::object& words, Parse parse) {
  std::vector<decltype(parse(std::string()))> out;
  if (words.is_none()) return out;
  if (py::isinstance<py::str>(words)) {
    out.push_back(parse(words.cast<std::string>()));
    return out;
  }
  for (py::handle item : words) out.push_back(parse(py::str(item).cast<std::string>()));
  return out;
}

inline std::vector<metrics::Measure> measures_of(const py::object& measure) {
  return parsed_words(measure, [](const std::string& word) { return metrics::parse_measure(word); });
}

inline std::vector<metrics::GroupKey> keys_of(const py::object& by) {
  return parsed_words(by, [](const std::string& word) { return metrics::parse_group_key(word); });
}

// The grid options every counting function takes from Python.
inline metrics::GridOptions grid_options_of(const py::object& by, const std::string& period,
                                     const py::object& measure, const std::optional<Date>& start,
                                     const std::optional<Date>& end,
                                     const std::vector<std::string>& categories, double per) {
  metrics::GridOptions options;
  options.by = keys_of(by);
  options.period = metrics::parse_period_kind(period);
  options.measures = measures_of(measure);
  if (start) options.first = to_day_number(*start);
  if (end) options.last = to_day_number(*end);
  options.categories = categories;
  options.per = per;
  return options;
}

// The charting options of the trend job (the rest of TrendOptions is the grid's).
inline void set_chart_options(metrics::TrendOptions& options, const py::object& measure,
                       const std::string& chart, const py::object& rules,
                       const std::optional<std::string>& improvement,
                       const std::vector<Date>& rebase, std::optional<std::size_t> baseline) {
  options.measures = measures_of(measure);
  metrics::set_chart_words(options, chart, rule_words(rules), improvement);
  set_rule_list(options.rules, rules);
  for (const Date& date : rebase) options.rebase.push_back(to_day_number(date));
  if (baseline) options.baseline = *baseline;
}

// A vector's memory as bytes, and back (for pickling).
template <class T>
py::bytes raw_bytes(const std::vector<T>& values) {
  return {reinterpret_cast<const char*>(values.data()), values.size() * sizeof(T)};
}

template <class T>
std::vector<T> from_raw_bytes(const py::handle& bytes) {
  const auto text = bytes.cast<std::string_view>();
  if (text.size() % sizeof(T) != 0) throw InputError("a pickled column has a partial value");
  std::vector<T> out(text.size() / sizeof(T));
  std::memcpy(out.data(), text.data(), text.size());
  return out;
}

inline std::string number(double value) {
  std::string text = py::str(py::float_(value));
  return text;
}

/// Binds comparison, funnel, the trend job and the special functions
/// (register_metrics_trends.cpp).
void register_metrics_trends(py::module_& module);

}  // namespace closeloop::python::metrics_bindings
