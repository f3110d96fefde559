#pragma once
// The one header every binding file includes first: pybind11, numpy support
// and the casters that carry closeloop's dates across.

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <initializer_list>
#include <string>
#include <string_view>

#include "date_caster.hpp"
#include "id_caster.hpp"

namespace py = pybind11;

namespace closeloop::python {

/// Binds an enum whose str() is its closeloop word (the enum's one word
/// table, through to_string and `parse`), which parses from it, and which
/// accepts its words wherever it is expected: Incident(harm="moderate").
template <class E>
py::enum_<E> bind_word_enum(py::module_& module, const char* name, const char* doc,
                            std::initializer_list<E> values, E (*parse)(std::string_view)) {
  py::enum_<E> binding(module, name, doc);
  for (E value : values) {
    const std::string word(to_string(value));
    binding.value(word.c_str(), value);
  }
  // py::enum_ installs its own __str__ ("Harm.none"); closeloop's word wins.
  binding.attr("__str__") = py::cpp_function(
      [](E value) { return std::string(to_string(value)); }, py::name("__str__"),
      py::is_method(binding));
  binding.def_static("parse", [parse](const std::string& text) { return parse(text); },
                     py::arg("text"), "The value for a word; InputError if unknown.");
  binding.def(py::init([parse](const std::string& text) { return parse(text); }), py::arg("word"));
  py::implicitly_convertible<py::str, E>();
  return binding;
}

/// Registers closeloop's exception classes and the translator (except.cpp).
void register_errors(py::module_& module);
/// Registers the core area: dates, enums, the clock (register_core.cpp).
void register_core(py::module_& module);
/// Registers the SPC charts as closeloop._core.spc (register_spc.cpp).
void register_spc(py::module_& module);
/// Registers the metrics area: tables, grid, comparison, funnel, trends (register_metrics.cpp).
void register_metrics(py::module_& module);
/// Registers the measure series and duration comparison (register_measures.cpp).
void register_measures(py::module_& module);
/// Registers the lifecycle area: the domain types, the Register, schedules,
/// signals and action quality (register_lifecycle.cpp).
void register_lifecycle(py::module_& module);
/// Registers the durable store as closeloop._core.store (register_store.cpp).
void register_store(py::module_& module);

/// Registers the report area: governance reports and the sample provider (register_report.cpp).
void register_report(py::module_& module);

}  // namespace closeloop::python
