// Bindings of the core area: strict date parsing, the shared enums with their
// text forms, incident categories and the fixed clock.
#include "closeloop_python.hpp"

#include <string>

#include "closeloop/core/clock.hpp"
#include "closeloop/core/date.hpp"
#include "closeloop/core/enums.hpp"

namespace closeloop::python {

void register_core(py::module_& module) {
  module.def("parse_date", [](const std::string& text) { return parse_date(text); },
             py::arg("text"),
             "Parses exactly YYYY-MM-DD into a datetime.date; InputError quoting the text "
             "otherwise.");
  module.def("parse_instant", [](const std::string& text) { return parse_instant(text); },
             py::arg("text"),
             "Parses YYYY-MM-DD, YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS (optional Z) into a "
             "naive UTC datetime.datetime.");
  module.def("parse_month", [](const std::string& text) { return parse_month(text); },
             py::arg("text"), "Parses YYYY-MM into the first day of that month.");
  module.def("as_date", [](const Date& date) { return date; }, py::arg("value"),
             "Converts a datetime.date, ISO string or numpy.datetime64 to a datetime.date.");

  bind_word_enum<Harm>(module, "Harm", "Physical harm as LFPSE grades it.");
  bind_word_enum<PsychologicalHarm>(module, "PsychologicalHarm",
                                    "Psychological harm as LFPSE grades it.");
  bind_word_enum<ActionState>(module, "ActionState", "The states of an action's lifecycle.");

  module.def(
      "builtin_categories",
      [] {
        py::list out;
        for (std::string_view word : builtin_categories()) out.append(std::string(word));
        return out;
      },
      "The built-in incident categories.");

  py::class_<CategorySet>(module, "CategorySet",
                          "The incident categories a provider uses: built-in plus registered.")
      .def(py::init<>())
      .def("add", &CategorySet::add, py::arg("category"), "Registers a provider category.")
      .def("__contains__", &CategorySet::contains)
      .def("require", &CategorySet::require, py::arg("category"),
           "InputError naming the allowed categories if unknown.")
      .def("all", &CategorySet::all, "All known categories.")
      .def("__repr__", [](const CategorySet& set) {
        return "CategorySet(" + std::to_string(set.all().size()) + " categories)";
      });

  py::class_<Clock>(module, "Clock", "A source of the current instant, injected by the host.")
      .def("now", &Clock::now)
      .def("today", &Clock::today);
  py::class_<FixedClock, Clock>(module, "FixedClock", "A clock stopped at a given instant.")
      .def(py::init<Instant>(), py::arg("instant"))
      .def("set", &FixedClock::set, py::arg("instant"))
      .def("__repr__", [](const FixedClock& clock) {
        return "FixedClock(" + to_iso(clock.now()) + ")";
      });
}

}  // namespace closeloop::python
