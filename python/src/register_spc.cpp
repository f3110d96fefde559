// Bindings of the SPC charts (closeloop._core.spc). One entry point,
// `compute`, takes every option; closeloop/spc.py gives the documented
// functions (xmr, u_chart, ...) their exact signatures and adds to_pandas,
// plot and _repr_html_. Arrays are numpy views whose base is the C++ Chart.
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "closeloop/metrics/spc.hpp"
#include "closeloop_python.hpp"
#include "chart_words.hpp"
#include "numpy_views.hpp"

namespace closeloop::python {

namespace {

namespace cm = closeloop::metrics;

using InputArray = py::array_t<double, py::array::c_style | py::array::forcecast>;

std::span<const double> as_span(const InputArray& array, const char* name) {
  if (array.ndim() != 1) {
    throw InputError(std::string(name) + " must be one-dimensional, got " +
                     std::to_string(array.ndim()) + " dimensions");
  }
  return {array.data(), static_cast<std::size_t>(array.shape(0))};
}

std::vector<std::size_t> index_list(const std::optional<std::vector<long long>>& values,
                                    const char* name) {
  std::vector<std::size_t> out;
  if (!values) return out;
  out.reserve(values->size());
  for (std::size_t j = 0; j < values->size(); ++j) {
    const long long v = (*values)[j];
    if (v < 0) {
      throw InputError(std::string(name) + "[" + std::to_string(j) + "] = " + std::to_string(v) +
                       " is negative");
    }
    out.push_back(static_cast<std::size_t>(v));
  }
  return out;
}

py::dict summary_dict(const cm::PhaseSummary& s) {
  py::dict d;
  d["start"] = s.start;
  d["size"] = s.size;
  d["centre"] = s.centre;
  d["n_obs"] = s.n_obs;
  d["n_useful"] = s.n_useful;
  d["longest_run"] = s.longest_run;
  d["longest_run_max"] = s.longest_run_max;
  d["crossings"] = s.crossings;
  d["crossings_min"] = s.crossings_min;
  d["runs_signal"] = s.runs_signal;
  return d;
}

}  // namespace

void register_spc(py::module_& module) {
  py::module_ spc = module.def_submodule("spc", "SPC charts (use closeloop.spc).");

  py::class_<cm::Chart, std::shared_ptr<cm::Chart>>(spc, "Chart",
                                                    "A computed SPC chart (C++ storage).")
      .def_property_readonly("kind",
                             [](const cm::Chart& c) { return std::string(to_string(c.kind)); })
      .def("__len__", &cm::Chart::size)
      .def_property_readonly(
          "value", column_of(&cm::Chart::value))
      .def_property_readonly(
          "centre",
          column_of(&cm::Chart::centre))
      .def_property_readonly(
          "lcl", column_of(&cm::Chart::lcl))
      .def_property_readonly(
          "ucl", column_of(&cm::Chart::ucl))
      .def_property_readonly(
          "lcl_2sigma",
          column_of(&cm::Chart::lcl_2sigma))
      .def_property_readonly(
          "ucl_2sigma",
          column_of(&cm::Chart::ucl_2sigma))
      .def_property_readonly(
          "phase", column_of(&cm::Chart::phase))
      .def(
          "flags",
          [](py::object self, const std::string& rule) {
            const auto& chart = self.cast<const cm::Chart&>();
            return bool_view(chart.flags[static_cast<std::size_t>(cm::parse_rule(rule))], self);
          },
          py::arg("rule"), "The boolean flags of one rule (a view).")
      .def_property_readonly("rules",
                             [](const cm::Chart& c) {
                               py::list names;
                               for (std::size_t r = 0; r < cm::rule_count; ++r) {
                                 if (c.rules.enabled[r])
                                   names.append(std::string(to_string(static_cast<cm::Rule>(r))));
                               }
                               return names;
                             })
      .def_property_readonly("point_type",
                             [](const cm::Chart& c) {
                               py::list out;
                               for (cm::PointType t : c.point_type)
                                 out.append(std::string(to_string(t)));
                               return out;
                             })
      .def_property_readonly("special_cause",
                             [](const cm::Chart& c) {
                               py::list out;
                               for (cm::SpecialCause t : c.special_cause)
                                 out.append(std::string(to_string(t)));
                               return out;
                             })
      .def_property_readonly("phases",
                             [](const cm::Chart& c) {
                               py::list out;
                               for (const auto& s : c.phases) out.append(summary_dict(s));
                               return out;
                             })
      .def_property_readonly(
          "variation",
          [](const cm::Chart& c) { return std::string(to_string(c.verdict.variation)); })
      .def_property_readonly("assurance",
                             [](const cm::Chart& c) -> py::object {
                               if (c.verdict.assurance == cm::Assurance::none) return py::none();
                               return py::str(std::string(to_string(c.verdict.assurance)));
                             })
      .def_property_readonly(
          "improvement", [](const cm::Chart& c) { return std::string(to_string(c.improvement)); })
      .def_property_readonly("target", [](const cm::Chart& c) { return c.target; });

  spc.def(
      "compute",
      [](const std::string& kind, const InputArray& values,
         const std::optional<InputArray>& denominators,
         const std::optional<std::vector<long long>>& phases,
         const std::optional<long long>& baseline, const py::object& rules,
         const std::optional<std::string>& improvement, const std::optional<double>& target,
         bool screen_mr, const std::optional<double>& mr_constant, double per, bool laney,
         const std::optional<std::vector<long long>>& exclude, std::size_t shift_length,
         std::size_t trend_length, const std::optional<InputArray>& sds) {
        const cm::ChartKind chart_kind = cm::parse_chart_kind(kind);
        cm::ChartOptions options;
        options.phases = index_list(phases, "phases");
        if (baseline) {
          if (*baseline < 0) throw InputError("baseline must not be negative");
          options.baseline = static_cast<std::size_t>(*baseline);
        }
        cm::set_chart_words(options, rule_words(rules), improvement);
        set_rule_list(options.rules, rules);
        options.rules.shift_length = shift_length;
        options.rules.trend_length = trend_length;
        options.target = target;
        options.screen_mr = screen_mr;
        options.mr_constant = mr_constant;
        options.per = per;
        options.laney = laney;
        options.exclude = index_list(exclude, "exclude");
        const std::span<const double> a = as_span(values, "values");
        std::span<const double> b;
        if (denominators) b = as_span(*denominators, "denominators");
        std::span<const double> spreads;
        if (sds) spreads = as_span(*sds, "sds");
        auto chart = std::make_shared<cm::Chart>();
        {
          py::gil_scoped_release release;
          if (chart_kind == cm::ChartKind::xbar) {
            *chart = cm::xbar_chart(a, spreads, b, options);
          } else {
            if (!spreads.empty()) throw InputError("sds are only for xbar charts");
            cm::compute_chart(chart_kind, a, b, options, *chart);
          }
        }
        return chart;
      },
      py::arg("kind"), py::arg("values"), py::arg("denominators") = py::none(), py::kw_only(),
      py::arg("phases") = py::none(), py::arg("baseline") = py::none(), py::arg("rules") = py::none(),
      py::arg("improvement") = py::none(), py::arg("target") = py::none(),
      py::arg("screen_mr") = true, py::arg("mr_constant") = py::none(), py::arg("per") = 1.0,
      py::arg("laney") = false, py::arg("exclude") = py::none(), py::arg("shift_length") = 7,
      py::arg("trend_length") = 7, py::arg("sds") = py::none(),
      "Computes a chart of `kind` (xmr, run, c, u, p, t, g, mr, ip, xbar, s) with every option.");

  spc.def("min_crossings", &cm::min_crossings, py::arg("trials"),
          "qbinom(0.05, trials, 0.5): the fewest crossings allowed.");
  spc.def("max_run_length", &cm::max_run_length, py::arg("n"),
          "round(log2(n)) + 3: the longest run allowed.");
}

}  // namespace closeloop::python
