#pragma once
// What the lifecycle bindings (register_lifecycle.cpp and
// register_lifecycle_signals.cpp) share: keyword constructors, readable
// reprs, == and copies for the domain types; and the binding functions of
// the second file, which register_lifecycle calls after the types they use.

#include <initializer_list>
#include <string>
#include <vector>

#include "closeloop_python.hpp"

namespace closeloop::python::lifecycle_bindings {

// What a field takes, in words: "one of none, low, ..." for an enum (its
// current value says which), else the type in the setter's signature.
inline std::string expected_of(const py::handle& type, const py::object& object, const std::string& key) {
  const py::object current = object.attr(key.c_str());
  const py::object current_type = py::type::of(current);
  if (py::hasattr(current_type, "__members__")) {
    std::string words;
    for (const auto& member : current_type.attr("__members__").cast<py::dict>()) {
      words += (words.empty() ? "" : ", ") + py::cast<std::string>(member.first);
    }
    return "one of " + words;
  }
  // pybind11's setter doc: "(self: T, arg0: Optional[datetime.date]) -> None".
  const std::string doc = py::str(type.attr(key.c_str()).attr("fset").attr("__doc__"));
  const auto start = doc.find("arg0: ");
  const auto end = doc.find(") -> None", start);
  if (start == std::string::npos || end == std::string::npos) return "another type";
  return doc.substr(start + 6, end - start - 6);
}

// A keyword-only constructor: Service(id="S-1", name="Elm Court", ...).
// Every keyword must name a field; unknown ones raise TypeError, and a value
// of the wrong type raises TypeError naming the field and what it takes.
template <class T, class Class>
void keyword_init(Class& cls) {
  cls.def(py::init([](const py::kwargs& kwargs) {
            py::object object = py::cast(T{});
            const py::handle type = py::type::of(object);
            for (const auto& item : kwargs) {
              const auto key = py::cast<std::string>(item.first);
              if (key.empty() || key[0] == '_' || !py::hasattr(type, key.c_str())) {
                throw py::type_error(py::cast<std::string>(type.attr("__name__")) +
                                     "() got an unexpected keyword argument '" + key + "'");
              }
              try {
                object.attr(item.first) = item.second;
              } catch (const py::error_already_set& error) {
                // A malformed value of the right kind ("2026-02-30") is
                // closeloop's InputError; a value of the wrong kind TypeError.
                if (error.matches(PyExc_ValueError)) {
                  throw InputError(key + ": " + py::cast<std::string>(py::str(error.value())));
                }
                if (!error.matches(PyExc_TypeError)) throw;
                throw py::type_error(key + ": expected " + expected_of(type, object, key) +
                                     ", got " + py::cast<std::string>(py::repr(item.second)));
              }
            }
            return object.cast<T>();
          }),
          "Keyword arguments set the fields of the same names.");
}

// The text of one field in a repr: Python's repr for plain values and
// containers; dates, instants, enums and recurrences as their quoted ISO text
// or word ('2026-01-05', 'in_progress').
inline std::string value_text(const py::object& value) {
  if (value.is_none() || py::isinstance<py::str>(value) || py::isinstance<py::bool_>(value) ||
      py::isinstance<py::int_>(value) || py::isinstance<py::float_>(value) ||
      py::isinstance<py::list>(value) || py::isinstance<py::tuple>(value)) {
    return py::cast<std::string>(py::repr(value));
  }
  return "'" + py::cast<std::string>(py::str(value)) + "'";
}

// "Name(field=value, ...)" from the object's own attributes.
template <class Class>
void add_repr(Class& cls, const char* name, std::vector<const char*> list) {
  cls.def("__repr__", [name, list = std::move(list)](const py::object& self) {
    std::string out = std::string(name) + "(";
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i > 0) out += ", ";
      out += std::string(list[i]) + "=" + value_text(self.attr(list[i]));
    }
    return out + ")";
  });
}

// One read-only field of a record for bind_fields: its Python name, its
// member, and whether the repr shows it (`field`) or not (`unlisted`).
template <class T, class M>
struct Field {
  const char* name;
  M T::*member;
  bool in_repr;
};

template <class T, class M>
Field<T, M> field(const char* name, M T::*member) {
  return {name, member, true};
}

template <class T, class M>
Field<T, M> unlisted(const char* name, M T::*member) {
  return {name, member, false};
}

// Binds a record's fields read-only and its repr from the same list, so the
// names are written once: bind_fields(cls, "Reach", field("date", &Reach::date), ...).
template <class Class, class... Fields>
void bind_fields(Class& cls, const char* name, Fields... fields) {
  (cls.def_readonly(fields.name, fields.member), ...);
  std::vector<const char*> shown;
  ((fields.in_repr ? shown.push_back(fields.name) : void()), ...);
  add_repr(cls, name, std::move(shown));
}

template <class T, class Class>
void add_eq(Class& cls) {
  cls.def("__eq__", [](const T& a, const T& b) { return a == b; }, py::is_operator());
  cls.def("__ne__", [](const T& a, const T& b) { return !(a == b); }, py::is_operator());
  cls.attr("__hash__") = py::none();
  cls.def("__copy__", [](const T& a) { return a; });
  cls.def("__deepcopy__", [](const T& a, const py::dict&) { return a; }, py::arg("memo"));
}

template <class T>
std::vector<T> copies(const std::vector<const T*>& pointers) {
  std::vector<T> out;
  out.reserve(pointers.size());
  for (const T* p : pointers) out.push_back(*p);
  return out;
}

template <class Map>
std::vector<typename Map::mapped_type> values_of(const Map& map) {
  std::vector<typename Map::mapped_type> out;
  out.reserve(map.size());
  for (const auto& item : map) out.push_back(item.second);
  return out;
}

/// Binds the action linter and strength profile (register_lifecycle_signals.cpp).
void bind_quality(py::module_& m);
/// Binds the signals and their options (register_lifecycle_signals.cpp).
void bind_signals(py::module_& m);
/// Binds the effectiveness evaluation (register_lifecycle_signals.cpp).
void bind_effectiveness(py::module_& m);

}  // namespace closeloop::python::lifecycle_bindings
