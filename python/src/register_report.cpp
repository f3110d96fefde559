// Bindings of the report area: build a governance report from a register and
// the metrics tables, render it, and generate the sample provider.
#include "closeloop_python.hpp"

#include <optional>
#include <string>

#include "closeloop/core/ids.hpp"
#include "closeloop/lifecycle/tables.hpp"
#include "closeloop/report/build.hpp"
#include "closeloop/report/model.hpp"
#include "closeloop/report/render.hpp"
#include "closeloop/sample/provider.hpp"

namespace closeloop::python {

namespace {

// A notebook shows the report in an iframe: the report's own CSS (which
// styles <body> and headings) must not restyle the notebook around it.
std::string notebook_html(const report::GovernanceReport& r) {
  return "<iframe style=\"width:100%;height:640px;border:1px solid #d8dde0\" srcdoc=\"" +
         report::escape_html(report::to_html(r)) + "\"></iframe>";
}

}  // namespace

void register_report(py::module_& module) {
  py::class_<report::GovernanceReport>(
      module, "GovernanceReport",
      "A governance report for a board, a commissioner or an inspector. Render it with "
      "to_json(), to_markdown() or to_html().")
      .def("to_json", &report::to_json, "The report as JSON (schema: docs/report-schema.md).")
      .def("to_markdown", &report::to_markdown, "The report as Markdown.")
      .def("to_html", &report::to_html,
           "The report as one self-contained HTML document with inline SVG charts.")
      .def("_repr_html_", &notebook_html)
      .def_property_readonly("title", [](const report::GovernanceReport& r) { return r.header.title; })
      .def_property_readonly("audience",
                             [](const report::GovernanceReport& r) {
                               return std::string(report::to_string(r.header.audience));
                             })
      .def_property_readonly("as_of", [](const report::GovernanceReport& r) { return r.header.as_of; })
      .def_property_readonly("schema_version", [](const report::GovernanceReport&) { return report::kSchemaVersion; })
      .def("__repr__", [](const report::GovernanceReport& r) {
        return "GovernanceReport(" + r.header.title + ", " + std::string(report::to_string(r.header.audience)) +
               ", as of " + to_iso(r.header.as_of) + ", " + std::to_string(r.needs_attention.size()) +
               " items need attention)";
      });

  module.def(
      "build_report",
      [](const lifecycle::Register& reg, const metrics::ExposureTable& exposures,
         const metrics::IncidentTable* incidents, const metrics::ServiceTable* services, Date period_start,
         Date period_end, Date as_of, const std::string& audience, const std::optional<std::string>& scope,
         const std::vector<std::string>& scope_services, const std::string& region, const std::string& scope_name,
         const std::string& provider, int chart_months, double per, int stale_days) {
        report::ReportOptions options;
        options.period_start = period_start;
        options.period_end = period_end;
        options.as_of = as_of;
        options.audience = report::parse_audience(audience);
        if (scope) options.scope = ServiceId(*scope);
        for (const auto& id : scope_services) options.services.emplace_back(id);
        options.region = region;
        options.scope_name = scope_name;
        options.provider = provider;
        options.chart_months = chart_months;
        options.per = per;
        options.signals.stale_days = stale_days;
        py::gil_scoped_release release;
        if (incidents != nullptr || services != nullptr) {
          const auto own_incidents = incidents == nullptr ? lifecycle::incident_table(reg) : metrics::IncidentTable();
          const auto own_services = services == nullptr ? lifecycle::service_table(reg) : metrics::ServiceTable();
          return report::build_report(reg, incidents != nullptr ? *incidents : own_incidents, exposures,
                                      services != nullptr ? *services : own_services, options);
        }
        return report::build_report(reg, exposures, options);
      },
      py::arg("register"), py::arg("exposures"), py::kw_only(), py::arg("incidents") = nullptr,
      py::arg("services") = nullptr, py::arg("period_start"), py::arg("period_end"), py::arg("as_of"),
      py::arg("audience") = "board", py::arg("scope") = py::none(),
      py::arg("scope_services") = std::vector<std::string>{}, py::arg("region") = "", py::arg("scope_name") = "",
      py::arg("provider") = "",
      py::arg("chart_months") = 24, py::arg("per") = 1000.0, py::arg("stale_days") = 30,
      "Builds a governance report; use closeloop.report() for the friendly form.");

  py::class_<sample::SampleProvider>(module, "SampleProvider",
                                        "A generated multi-service provider: register, incidents, "
                                        "exposures and services.")
      .def_readonly("name", &sample::SampleProvider::name)
      .def_readonly("as_of", &sample::SampleProvider::as_of)
      .def_property_readonly(
          "register", [](const sample::SampleProvider& p) -> const lifecycle::Register& { return p.reg; },
          py::return_value_policy::reference_internal)
      .def_property_readonly(
          "incidents", [](const sample::SampleProvider& p) -> const metrics::IncidentTable& { return p.incidents; },
          py::return_value_policy::reference_internal)
      .def_property_readonly(
          "exposures", [](const sample::SampleProvider& p) -> const metrics::ExposureTable& { return p.exposures; },
          py::return_value_policy::reference_internal)
      .def_property_readonly(
          "services", [](const sample::SampleProvider& p) -> const metrics::ServiceTable& { return p.services; },
          py::return_value_policy::reference_internal)
      .def("__repr__", [](const sample::SampleProvider& p) {
        return "SampleProvider(" + p.name + ", " + std::to_string(p.reg.services().size()) + " services, " +
               std::to_string(p.reg.incidents().size()) + " incidents, as of " + to_iso(p.as_of) + ")";
      });

  module.def(
      "sample_provider",
      [](std::uint64_t seed, Date start, int months, Date as_of, double rate_scale) {
        sample::SampleOptions options;
        options.seed = seed;
        options.start = start;
        options.months = months;
        options.as_of = as_of;
        options.rate_scale = rate_scale;
        py::gil_scoped_release release;
        return sample::generate_sample_provider(options);
      },
      py::kw_only(), py::arg("seed") = sample::SampleOptions{}.seed,
      py::arg("start") = sample::SampleOptions{}.start, py::arg("months") = sample::SampleOptions{}.months,
      py::arg("as_of") = sample::SampleOptions{}.as_of, py::arg("rate_scale") = 1.0,
      "Generates the seeded sample provider (docs/reports.md).");
}

}  // namespace closeloop::python
