#pragma once
// The one header every binding file includes first: pybind11, numpy support
// and the casters that carry closeloop's dates across.

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "closeloop/core/enum_words.hpp"

#include "date_caster.hpp"
#include "id_caster.hpp"

namespace py = pybind11;

namespace closeloop::python {

/// The words of `E` from its one word table, as Python strs (in table order).
template <HasEnumWords E>
std::vector<std::string> word_list() {
  std::vector<std::string> words;
  for (std::string_view word : all_words<E>()) words.emplace_back(word);
  return words;
}

/// Binds an enum from its one word table (closeloop::EnumWords<E>): a value
/// per word in the table's order, str() its word, `parse` and the constructor
/// reading a word, `words()` the table's words, and its words accepted wherever
/// it is expected: Incident(harm="moderate").
template <HasEnumWords E>
py::enum_<E> bind_word_enum(py::module_& module, const char* name, const char* doc) {
  py::enum_<E> binding(module, name, doc);
  for (const auto& [value, word] : words_of<E>().entries) {
    binding.value(std::string(word).c_str(), value);
  }
  // py::enum_ installs its own __str__ ("Harm.none"); closeloop's word wins.
  binding.attr("__str__") = py::cpp_function(
      [](E value) { return std::string(word_of(value)); }, py::name("__str__"),
      py::is_method(binding));
  binding.def_static("parse", [](const std::string& text) { return parse_word<E>(text); },
                     py::arg("text"), "The value for a word; InputError if unknown.");
  binding.def_static("words", &word_list<E>,
                     "The words of every value, in the order of the values.");
  binding.def(py::init([](const std::string& text) { return parse_word<E>(text); }),
              py::arg("word"));
  py::implicitly_convertible<py::str, E>();
  return binding;
}

/// Binds each enum in `E...` with bind_word_enum under the matching name and doc.
template <HasEnumWords... E>
void bind_word_enums(py::module_& module,
                     const std::array<std::pair<const char*, const char*>, sizeof...(E)>& names) {
  std::size_t i = 0;
  ((bind_word_enum<E>(module, names[i].first, names[i].second), ++i), ...);
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
/// Registers the seed scenarios as replayable steps (register_seed.cpp).
void register_seed(py::module_& module);

}  // namespace closeloop::python
