// Bindings of the metrics area: tables, calendar and grid. Numeric columns
// cross as numpy arrays: results are read-only views over C++ memory whose
// base is the owning Python object; inputs of the right dtype and layout are
// wrapped without copying and kept alive by the table. Comparison, funnel and
// trends: register_metrics_trends.cpp.
#include "closeloop_python.hpp"
#include "metrics_bindings.hpp"

namespace closeloop::python {

using namespace metrics_bindings;

void register_metrics(py::module_& module) {
  using namespace metrics;

  py::class_<IncidentTable>(module, "IncidentTable",
                            "Incidents as columns (service, category, harm, day, minute, "
                            "reported day, id) with dictionaries of services and categories.")
      .def(py::init<>())
      .def_static(
          "_from_arrays",
          [](const py::handle& service, const py::handle& services, const py::handle& category,
             const py::handle& categories, const py::handle& harm, const py::handle& day,
             const py::handle& minute, const py::handle& reported_day, const py::handle& ids,
             const CategorySet* category_set) {
            auto service_array = column<std::int32_t>(service, "service");
            auto category_array = column<std::int32_t>(category, "category");
            auto harm_array = column<std::uint8_t>(harm, "harm");
            auto day_array = day_column(day, "day", false);
            std::vector<py::object> kept{service_array, category_array, harm_array, day_array};
            IncidentColumns columns{span_of(service_array), span_of(category_array),
                                    span_of(harm_array), span_of(day_array), {}, {}};
            if (!minute.is_none()) {
              auto minute_array = column<std::int16_t>(minute, "minute");
              columns.minute = span_of(minute_array);
              kept.push_back(minute_array);
            }
            if (!reported_day.is_none()) {
              auto reported_array = day_column(reported_day, "reported_day", true);
              columns.reported_day = span_of(reported_array);
              kept.push_back(reported_array);
            }
            return IncidentTable::from_columns(columns, strings(services), strings(categories),
                                               string_column(ids), keep(std::move(kept)),
                                               category_set ? *category_set : CategorySet());
          },
          py::arg("service"), py::arg("services"), py::arg("category"), py::arg("categories"),
          py::arg("harm"), py::arg("day"), py::arg("minute") = py::none(),
          py::arg("reported_day") = py::none(), py::arg("ids") = py::none(),
          py::arg("category_set") = nullptr,
          "Builds a table from code arrays and dictionaries. int32 day/code arrays that are "
          "C-contiguous are used in place (no copy); other dtypes are converted.")
      .def("__len__", &IncidentTable::size)
      .def_property_readonly("service", [](py::object self) {
        return view(self.cast<const IncidentTable&>().service(), self);
      }, "Service codes (int32, index into services).")
      .def_property_readonly("category", [](py::object self) {
        return view(self.cast<const IncidentTable&>().category(), self);
      }, "Category codes (int32, index into categories).")
      .def_property_readonly("harm", [](py::object self) {
        return view(self.cast<const IncidentTable&>().harm(), self);
      }, "Harm codes (uint8: 0 none, 1 low, 2 moderate, 3 severe, 4 fatal).")
      .def_property_readonly("day", [](py::object self) {
        return view(self.cast<const IncidentTable&>().day(), self);
      }, "Day numbers of occurrence (int32 days since 1970-01-01).")
      .def_property_readonly("minute", [](py::object self) -> py::object {
        const auto& table = self.cast<const IncidentTable&>();
        if (table.minute().empty()) return py::none();
        return view(table.minute(), self);
      }, "Minutes of the day (int16, -1 unknown), or None when no row has a time.")
      .def_property_readonly("reported_day", [](py::object self) -> py::object {
        const auto& table = self.cast<const IncidentTable&>();
        if (table.reported_day().empty()) return py::none();
        return view(table.reported_day(), self);
      }, "Report day numbers (int32, -2147483648 when not given), or None.")
      .def_property_readonly("columns", [](const IncidentTable& table) {
        std::vector<std::string> out;
        for (const auto& [column, word] : kIncidentColumnText.entries) {
          if (table.kept().contains(column)) out.emplace_back(word);
        }
        return out;
      }, "The columns kept (CSV column names; the day is always kept).")
      .def_property_readonly("ids", [](const IncidentTable& table) {
        py::list out;
        for (std::size_t i = 0; i < table.ids().size(); ++i) out.append(py::str(std::string(table.ids()[i])));
        return out;
      }, "Incident ids (a new list; empty when unknown).")
      .def_property_readonly("services", [](const IncidentTable& table) {
        return table.services().values();
      }, "The service ids the service codes index.")
      .def_property_readonly("categories", [](const IncidentTable& table) {
        return table.categories().values();
      }, "The categories the category codes index.")
      .def("__repr__", [](const IncidentTable& table) {
        std::string text = "IncidentTable(" + std::to_string(table.size()) + " incidents, " +
                           std::to_string(table.services().size()) + " services";
        if (auto range = table.day_range()) {
          text += ", " + to_iso(from_day_number(range->first)) + " to " +
                  to_iso(from_day_number(range->second));
        }
        return text + ")";
      });

  module.def(
      "read_incidents",
      [](const std::string& path, const CategorySet* categories,
         const std::optional<std::vector<std::string>>& columns) {
        const IncidentColumnSet kept =
            columns ? IncidentColumnSet::of(*columns) : IncidentColumnSet::all();
        py::gil_scoped_release release;
        return read_incidents(path, categories ? *categories : CategorySet(), kept);
      },
      py::arg("path"), py::arg("categories") = nullptr, py::arg("columns") = py::none(),
      "Reads incidents.csv (docs/data-formats.md) on every core; ParseError naming file, line\n"
      "and column. ``columns``: the columns to keep (incident_id, service_id, occurred_at for\n"
      "the time of day, reported_at, category, harm; default all). The day is always kept and\n"
      "every column is checked whatever is kept.");

  py::class_<ExposureTable>(module, "ExposureTable",
                            "Monthly exposure per service and measure, as columns.")
      .def(py::init<>())
      .def_static(
          "_from_arrays",
          [](const py::handle& services, const py::handle& service, const py::handle& month,
             const py::handle& measure, const py::handle& value) {
            auto service_array = column<std::int32_t>(service, "service");
            auto month_array = day_column(month, "month", false);
            auto measure_array = column<std::uint8_t>(measure, "measure");
            auto value_array =
                py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(value);
            if (!value_array) throw InputError("column value is not numeric");
            return ExposureTable::from_columns(strings(services), span_of(service_array),
                                               span_of(month_array), span_of(measure_array),
                                               span_of(value_array));
          },
          py::arg("services"), py::arg("service"), py::arg("month"), py::arg("measure"),
          py::arg("value"), "Builds a table from code arrays (copied).")
      .def("__len__", &ExposureTable::size)
      .def_property_readonly("service", [](py::object self) {
        return view(self.cast<const ExposureTable&>().service(), self);
      }, "Service codes (int32, index into services).")
      .def_property_readonly("month", [](const ExposureTable& table) {
        return as_datetime64(table.month());
      }, "First day of each row's month (datetime64[D]).")
      .def_property_readonly("measure", [](py::object self) {
        return view(self.cast<const ExposureTable&>().measure(), self);
      }, "Measure codes (uint8: 0 occupied_bed_days, 1 doses_administered, 2 care_hours, 3 visits).")
      .def_property_readonly("value", [](py::object self) {
        return view(self.cast<const ExposureTable&>().value(), self);
      }, "Values (float64).")
      .def_property_readonly("services", [](const ExposureTable& table) {
        return table.services().values();
      }, "The service ids the service codes index.")
      .def("__repr__", [](const ExposureTable& table) {
        return "ExposureTable(" + std::to_string(table.size()) + " rows, " +
               std::to_string(table.services().size()) + " services)";
      });

  module.def(
      "read_exposure",
      [](const std::string& path) {
        py::gil_scoped_release release;
        return read_exposure(path);
      },
      py::arg("path"), "Reads exposure.csv (docs/data-formats.md).");

  py::class_<ServiceTable>(module, "ServiceTable", "Services and their attributes, as columns.")
      .def(py::init<>())
      .def("add", &ServiceTable::add, py::arg("service_id"), py::arg("name"), py::arg("type"),
           py::arg("capacity") = -1, py::arg("region") = "",
           "Adds a service; DuplicateError if the id is taken.")
      .def("__len__", &ServiceTable::size)
      .def_property_readonly("ids", [](const ServiceTable& t) { return t.ids().values(); })
      .def_property_readonly("names", &ServiceTable::names)
      .def_property_readonly("types", &ServiceTable::types)
      .def_property_readonly("capacities", &ServiceTable::capacities)
      .def_property_readonly("regions", &ServiceTable::regions)
      .def("__repr__", [](const ServiceTable& t) {
        return "ServiceTable(" + std::to_string(t.size()) + " services)";
      });

  module.def(
      "read_services",
      [](const std::string& path) {
        py::gil_scoped_release release;
        return read_services(path);
      },
      py::arg("path"), "Reads services.csv (docs/data-formats.md).");

  module.def("period_starts",
             [](const std::string& period, const Date& first, const Date& last) {
               const Calendar calendar(parse_period_kind(period), to_day_number(first),
                                       to_day_number(last));
               return as_datetime64(calendar.starts());
             },
             py::arg("period"), py::arg("first"), py::arg("last"),
             "The first day of every period of kind `period` (day, week, month, quarter, "
             "financial_year) that contains a day of [first, last], as datetime64[D].");

  py::class_<Grid>(module, "Grid", "Counts and exposures on a dense group x period grid.")
      .def_property_readonly("period", [](const Grid& g) { return std::string(to_string(g.period)); })
      .def_property_readonly("period_starts", [](const Grid& g) { return as_datetime64(g.period_starts); },
                             "First day of each period (datetime64[D]).")
      .def_property_readonly("by", [](const Grid& g) {
        std::vector<std::string> out;
        for (auto key : g.by) out.emplace_back(to_string(key));
        return out;
      }, "The group keys.")
      .def_property_readonly("keys", [](const Grid& g) {
        py::dict out;
        for (std::size_t k = 0; k < g.by.size(); ++k) out[py::str(std::string(to_string(g.by[k])))] = g.keys[k];
        return out;
      }, "Per group key, the key text of every group.")
      .def_property_readonly("counts", [](py::object self) {
        const auto& g = self.cast<const Grid&>();
        return view_2d(g.counts, g.groups(), g.periods(), self);
      }, "Counts, groups x periods (int64).")
      .def_property_readonly("exposure", [](py::object self) {
        const auto& g = self.cast<const Grid&>();
        return view_2d(g.exposure, g.groups(), g.periods(), self);
      }, "Exposures, groups x periods (float64).")
      .def("rates", [](const Grid& g) {
        py::array_t<double> out({static_cast<py::ssize_t>(g.groups()), static_cast<py::ssize_t>(g.periods())});
        const auto rates = g.rates();
        std::copy(rates.begin(), rates.end(), out.mutable_data());
        return out;
      }, "count / exposure x per, groups x periods; NaN where the exposure is 0.")
      .def_readonly("measure", &Grid::measure, "Per group, the measure its services used.")
      .def_readonly("per", &Grid::per)
      .def("label", &Grid::label, py::arg("group"))
      .def("__len__", &Grid::groups)
      // Pickled so that partial grids travel between processes (Dask
      // workers): numbers as raw bytes, texts as lists.
      .def(py::pickle(
          [](const Grid& g) {
            std::vector<std::string> by;
            for (auto key : g.by) by.emplace_back(to_string(key));
            return py::make_tuple(std::string(to_string(g.period)), raw_bytes(g.period_starts),
                                  by, g.keys, raw_bytes(g.counts), raw_bytes(g.exposure),
                                  g.measure, g.per);
          },
          [](const py::tuple& state) {
            if (state.size() != 8) throw InputError("a pickled Grid has 8 fields");
            Grid g;
            g.period = parse_period_kind(state[0].cast<std::string>());
            g.period_starts = from_raw_bytes<DayNumber>(state[1]);
            for (const auto& word : state[2].cast<std::vector<std::string>>()) {
              g.by.push_back(parse_group_key(word));
            }
            g.keys = state[3].cast<std::vector<std::vector<std::string>>>();
            g.counts = from_raw_bytes<std::int64_t>(state[4]);
            g.exposure = from_raw_bytes<double>(state[5]);
            g.measure = state[6].cast<std::vector<std::string>>();
            g.per = state[7].cast<double>();
            const std::size_t cells = g.groups() * g.periods();
            if (g.keys.size() != g.by.size() || g.counts.size() != cells ||
                g.exposure.size() != cells) {
              throw InputError("a pickled Grid's columns do not match its groups and periods");
            }
            return g;
          }))
      .def("__repr__", [](const Grid& g) {
        return "Grid(" + std::to_string(g.groups()) + " groups x " + std::to_string(g.periods()) +
               " " + std::string(to_string(g.period)) + " periods)";
      });

  module.def(
      "count_grid",
      [](const IncidentTable& incidents, const ExposureTable* exposure, const py::object& by,
         const std::string& period, const py::object& measure, const ServiceTable* services,
         const std::optional<Date>& start, const std::optional<Date>& end,
         const std::vector<std::string>& categories, double per) {
        const GridOptions options = grid_options_of(by, period, measure, start, end, categories, per);
        py::gil_scoped_release release;
        return count_grid(incidents, options, exposure, services);
      },
      py::arg("incidents"), py::arg("exposure") = nullptr, py::kw_only(),
      py::arg("by") = py::none(), py::arg("period") = "month", py::arg("measure") = py::none(),
      py::arg("services") = nullptr, py::arg("start") = py::none(), py::arg("end") = py::none(),
      py::arg("categories") = std::vector<std::string>{}, py::arg("per") = 1000.0,
      "Counts incidents on a dense group x period grid (docs/metrics.md).");

  module.def("merge_grids", &merge, py::arg("a"), py::arg("b"),
             "Adds the grids of two partitions: the dense grid of both, groups matched by key "
             "text (docs/scale.md).");

  module.def(
      "count_partition",
      [](const IncidentTable& incidents, const py::object& by, const std::string& period,
         const ServiceTable* services, const std::optional<Date>& start,
         const std::optional<Date>& end, const std::vector<std::string>& categories, double per) {
        const GridOptions options =
            grid_options_of(by, period, py::none(), start, end, categories, per);
        py::gil_scoped_release release;
        return count_partition(incidents, options, services);
      },
      py::arg("incidents"), py::kw_only(), py::arg("by") = py::none(),
      py::arg("period") = "month", py::arg("services") = nullptr, py::arg("start") = py::none(),
      py::arg("end") = py::none(), py::arg("categories") = std::vector<std::string>{},
      py::arg("per") = 1000.0,
      "Counts one partition of the incidents (no exposure): a partial aggregate that "
      "combine_partitions adds up (docs/scale.md).");

  module.def(
      "combine_partitions",
      [](const std::vector<Grid>& grids, const ExposureTable* exposure, const py::object& by,
         const std::string& period, const py::object& measure, const ServiceTable* services,
         const std::optional<Date>& start, const std::optional<Date>& end,
         const std::vector<std::string>& categories, double per) {
        const GridOptions options = grid_options_of(by, period, measure, start, end, categories, per);
        py::gil_scoped_release release;
        return combine_partitions(grids, options, exposure, services);
      },
      py::arg("grids"), py::arg("exposure") = nullptr, py::kw_only(), py::arg("by") = py::none(),
      py::arg("period") = "month", py::arg("measure") = py::none(),
      py::arg("services") = nullptr, py::arg("start") = py::none(), py::arg("end") = py::none(),
      py::arg("categories") = std::vector<std::string>{}, py::arg("per") = 1000.0,
      "The grid count_grid gives for all the partitions' incidents: the partitions' grids "
      "(count_partition, in partition order) merged, plus the exposure once (docs/scale.md).");

  register_metrics_trends(module);
}

}  // namespace closeloop::python
