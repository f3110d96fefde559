// Bindings of the metrics area (tables, calendar, grid, comparison, funnel,
// trends). Numeric columns cross as numpy arrays: results are read-only views
// over C++ memory whose base is the owning Python object; inputs of the right
// dtype and layout are wrapped without copying and kept alive by the table.
#include "closeloop_python.hpp"
#include "chart_words.hpp"

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

namespace closeloop::python {

namespace {

using closeloop::DayNumber;

// A C-contiguous array of T (converted from other dtypes and layouts).
template <class T>
using Contiguous = py::array_t<T, py::array::c_style | py::array::forcecast>;

// A read-only numpy view of `data` whose base keeps `owner` alive.
template <class T>
py::array view(std::span<const T> data, py::handle owner) {
  py::array_t<T> out({static_cast<py::ssize_t>(data.size())}, {static_cast<py::ssize_t>(sizeof(T))},
                     data.data(), owner);
  out.attr("setflags")(py::arg("write") = false);
  return out;
}

// A read-only 2-D (rows x columns) view of a row-major vector.
template <class T>
py::array view_2d(const std::vector<T>& data, std::size_t rows, std::size_t columns,
                  py::handle owner) {
  const auto c = static_cast<py::ssize_t>(columns);
  py::array_t<T> out({static_cast<py::ssize_t>(rows), c},
                     {c * static_cast<py::ssize_t>(sizeof(T)), static_cast<py::ssize_t>(sizeof(T))},
                     data.data(), owner);
  out.attr("setflags")(py::arg("write") = false);
  return out;
}

// Day numbers as a new numpy datetime64[D] array.
py::array as_datetime64(std::span<const DayNumber> days) {
  py::array_t<std::int64_t> widened(static_cast<py::ssize_t>(days.size()));
  auto out = widened.mutable_unchecked<1>();
  for (std::size_t i = 0; i < days.size(); ++i) out(static_cast<py::ssize_t>(i)) = days[i];
  return widened.attr("view")("datetime64[D]");
}

// Python objects kept alive by a C++ table, released under the GIL.
std::shared_ptr<const void> keep(std::vector<py::object> objects) {
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
py::array_t<std::int32_t> day_column(const py::handle& values, const char* name,
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

metrics::StringColumn string_column(const py::handle& values) {
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

std::vector<std::string> strings(const py::handle& values) {
  std::vector<std::string> out;
  for (py::handle value : values) out.push_back(py::str(value));
  return out;
}

template <class T, int Flags>
std::span<const T> span_of(const py::array_t<T, Flags>& array) {
  return {array.data(), static_cast<std::size_t>(array.size())};
}

std::vector<metrics::Measure> measures_of(const py::object& measure) {
  std::vector<metrics::Measure> out;
  if (measure.is_none()) return out;
  if (py::isinstance<py::str>(measure)) {
    out.push_back(metrics::parse_measure(measure.cast<std::string>()));
    return out;
  }
  for (py::handle item : measure) out.push_back(metrics::parse_measure(py::str(item).cast<std::string>()));
  return out;
}

std::vector<metrics::GroupKey> keys_of(const py::object& by) {
  std::vector<metrics::GroupKey> out;
  if (by.is_none()) return out;
  if (py::isinstance<py::str>(by)) {
    out.push_back(metrics::parse_group_key(by.cast<std::string>()));
    return out;
  }
  for (py::handle item : by) out.push_back(metrics::parse_group_key(py::str(item).cast<std::string>()));
  return out;
}

// The grid options every counting function takes from Python.
metrics::GridOptions grid_options_of(const py::object& by, const std::string& period,
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
void set_chart_options(metrics::TrendOptions& options, const py::object& measure,
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

std::string number(double value) {
  std::string text = py::str(py::float_(value));
  return text;
}

}  // namespace

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

  py::class_<RateComparison>(module, "RateComparison", "Two rates and their ratio (after / before).")
      .def_readonly("before_count", &RateComparison::before_count)
      .def_readonly("before_exposure", &RateComparison::before_exposure)
      .def_readonly("after_count", &RateComparison::after_count)
      .def_readonly("after_exposure", &RateComparison::after_exposure)
      .def_readonly("per", &RateComparison::per)
      .def_readonly("before_rate", &RateComparison::before_rate)
      .def_readonly("after_rate", &RateComparison::after_rate)
      .def_readonly("rate_ratio", &RateComparison::rate_ratio)
      .def_readonly("ci_lower", &RateComparison::ci_lower)
      .def_readonly("ci_upper", &RateComparison::ci_upper)
      .def_readonly("p_value", &RateComparison::p_value)
      .def_readonly("confidence", &RateComparison::confidence)
      .def("__repr__", [](const RateComparison& r) {
        return "RateComparison(rate_ratio=" + number(r.rate_ratio) + ", ci=(" + number(r.ci_lower) +
               ", " + number(r.ci_upper) + "), p_value=" + number(r.p_value) + ")";
      });

  module.def("compare_rates", &compare_rates, py::arg("before_count"), py::arg("before_exposure"),
             py::arg("after_count"), py::arg("after_exposure"), py::kw_only(),
             py::arg("confidence") = 0.95, py::arg("per") = 1000.0,
             "Rate ratio after / before with an exact conditional-binomial interval and p-value.");
  module.def(
      "compare_before_after",
      [](const Grid& grid, const py::object& group, const Date& change, double confidence) {
        std::size_t index = 0;
        if (py::isinstance<py::int_>(group)) {
          index = group.cast<std::size_t>();
        } else {
          std::vector<std::string> key;
          if (py::isinstance<py::str>(group)) key.push_back(group.cast<std::string>());
          else key = strings(group);
          auto found = grid.find_group(key);
          if (!found) throw NotFoundError("no group " + std::string(py::str(group)) + " in the grid");
          index = *found;
        }
        return compare_before_after(grid, index, to_day_number(change), confidence);
      },
      py::arg("grid"), py::arg("group"), py::arg("change"), py::kw_only(),
      py::arg("confidence") = 0.95,
      "Compares one group's rate before and after `change` (the period containing it is left "
      "out). `group` is an index, a key text or a list of key texts.");

  py::class_<ProportionComparison>(module, "ProportionComparison",
                                   "Two proportions and their difference (after - before).")
      .def_readonly("before_successes", &ProportionComparison::before_successes)
      .def_readonly("before_trials", &ProportionComparison::before_trials)
      .def_readonly("after_successes", &ProportionComparison::after_successes)
      .def_readonly("after_trials", &ProportionComparison::after_trials)
      .def_readonly("before_proportion", &ProportionComparison::before_proportion)
      .def_readonly("after_proportion", &ProportionComparison::after_proportion)
      .def_readonly("difference", &ProportionComparison::difference)
      .def_readonly("ci_lower", &ProportionComparison::ci_lower)
      .def_readonly("ci_upper", &ProportionComparison::ci_upper)
      .def_readonly("confidence", &ProportionComparison::confidence)
      .def("__repr__", [](const ProportionComparison& r) {
        return "ProportionComparison(difference=" + number(r.difference) + ", ci=(" +
               number(r.ci_lower) + ", " + number(r.ci_upper) + "))";
      });
  module.def("compare_proportions", &compare_proportions, py::arg("before_successes"),
             py::arg("before_trials"), py::arg("after_successes"), py::arg("after_trials"),
             py::kw_only(), py::arg("confidence") = 0.95,
             "Difference after - before of two proportions, Newcombe (method 10) interval.");

  py::class_<Funnel>(module, "_Funnel", "Funnel plot columns.")
      .def_readonly("labels", &Funnel::labels)
      .def_property_readonly("counts", [](py::object self) {
        return view(std::span<const std::int64_t>(self.cast<const Funnel&>().counts), self);
      })
      .def_property_readonly("exposure", [](py::object self) {
        return view(std::span<const double>(self.cast<const Funnel&>().exposure), self);
      })
      .def_property_readonly("rate", [](py::object self) {
        return view(std::span<const double>(self.cast<const Funnel&>().rate), self);
      })
      .def_property_readonly("lower_95", [](py::object self) {
        return view(std::span<const double>(self.cast<const Funnel&>().lower_95), self);
      })
      .def_property_readonly("upper_95", [](py::object self) {
        return view(std::span<const double>(self.cast<const Funnel&>().upper_95), self);
      })
      .def_property_readonly("lower_998", [](py::object self) {
        return view(std::span<const double>(self.cast<const Funnel&>().lower_998), self);
      })
      .def_property_readonly("upper_998", [](py::object self) {
        return view(std::span<const double>(self.cast<const Funnel&>().upper_998), self);
      })
      .def_property_readonly("flag_95", [](py::object self) {
        return view(std::span<const std::int8_t>(self.cast<const Funnel&>().flag_95), self);
      })
      .def_property_readonly("flag_998", [](py::object self) {
        return view(std::span<const std::int8_t>(self.cast<const Funnel&>().flag_998), self);
      })
      .def_readonly("target", &Funnel::target)
      .def_readonly("per", &Funnel::per);

  module.def(
      "_funnel",
      [](std::vector<std::string> labels, const py::handle& counts, const py::handle& exposure,
         double per, std::optional<double> target) {
        auto count_array = column<std::int64_t>(counts, "counts");
        auto exposure_array =
            py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(exposure);
        if (!exposure_array) throw InputError("exposures are not numeric");
        return funnel(std::move(labels), span_of(count_array), span_of(exposure_array), per,
                      target);
      },
      py::arg("labels"), py::arg("counts"), py::arg("exposure"), py::arg("per") = 1000.0,
      py::arg("target") = py::none());
  module.def("_funnel_from_grid",
             [](const Grid& grid, std::optional<double> target) { return funnel(grid, target); },
             py::arg("grid"), py::arg("target") = py::none());
  module.def(
      "funnel_limits",
      [](double target, const py::handle& exposure, double coverage, double per) {
        auto exposure_array =
            py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(exposure);
        if (!exposure_array) throw InputError("exposures are not numeric");
        py::array_t<double> lower(exposure_array.size());
        py::array_t<double> upper(exposure_array.size());
        for (py::ssize_t i = 0; i < exposure_array.size(); ++i) {
          const Interval limits = funnel_limits(target, exposure_array.data()[i], coverage, per);
          lower.mutable_data()[i] = limits.lower;
          upper.mutable_data()[i] = limits.upper;
        }
        return py::make_tuple(lower, upper);
      },
      py::arg("target"), py::arg("exposure"), py::arg("coverage"), py::arg("per") = 1000.0,
      "Lower and upper exact-Poisson funnel limits (rates x per) at each exposure.");

  py::class_<TrendResult>(module, "_TrendResult", "The trend job's columns (see closeloop.trends).")
      .def_property_readonly("chart", [](const TrendResult& r) { return std::string(to_string(r.chart)); })
      .def_property_readonly("period", [](const TrendResult& r) { return std::string(to_string(r.period)); })
      .def_readonly("per", &TrendResult::per)
      .def_property_readonly("by", [](const TrendResult& r) {
        std::vector<std::string> out;
        for (auto key : r.by) out.emplace_back(to_string(key));
        return out;
      })
      .def_property_readonly("rules", [](const TrendResult& r) {
        std::vector<std::string> out;
        for (std::size_t i = 0; i < rule_count; ++i) {
          if (r.rules.enabled[i]) out.emplace_back(to_string(static_cast<Rule>(i)));
        }
        return out;
      })
      .def_property_readonly("period_starts", [](const TrendResult& r) { return as_datetime64(r.period_starts); })
      .def_readonly("series_keys", &TrendResult::series_keys)
      .def_readonly("series_measure", &TrendResult::series_measure)
      .def_property_readonly("variation", [](const TrendResult& r) {
        std::vector<std::string> out;
        for (auto v : r.variation) out.emplace_back(to_string(v));
        return out;
      })
      .def("label", &TrendResult::label, py::arg("series"))
      .def("find", [](const TrendResult& r, const std::vector<std::string>& keys) {
        return r.find(keys);
      }, py::arg("keys"),
           "The index of the series with these key texts, or None.")
      .def("chart_of", [](const TrendResult& r, std::size_t series) {
        return std::make_shared<Chart>(r.chart_of(series));
      }, py::arg("series"), "One series as a whole closeloop.spc chart (the trend job's options).")
      .def("__len__", &TrendResult::size)
      .def_property_readonly("series_count", &TrendResult::series_count)
      .def_property_readonly("series", [](py::object self) {
        return view(std::span<const std::uint32_t>(self.cast<const TrendResult&>().series), self);
      })
      .def_property_readonly("period_start", [](const TrendResult& r) { return as_datetime64(r.period_start); })
      .def_property_readonly("count", [](py::object self) {
        return view(std::span<const std::int64_t>(self.cast<const TrendResult&>().count), self);
      })
      .def_property_readonly("exposure", [](py::object self) {
        return view(std::span<const double>(self.cast<const TrendResult&>().exposure), self);
      })
      .def_property_readonly("rate", [](py::object self) {
        return view(std::span<const double>(self.cast<const TrendResult&>().rate), self);
      })
      .def_property_readonly("value", [](py::object self) {
        return view(std::span<const double>(self.cast<const TrendResult&>().value), self);
      })
      .def_property_readonly("centre", [](py::object self) {
        return view(std::span<const double>(self.cast<const TrendResult&>().centre), self);
      })
      .def_property_readonly("lcl", [](py::object self) {
        return view(std::span<const double>(self.cast<const TrendResult&>().lcl), self);
      })
      .def_property_readonly("ucl", [](py::object self) {
        return view(std::span<const double>(self.cast<const TrendResult&>().ucl), self);
      })
      .def_property_readonly("phase", [](py::object self) {
        return view(std::span<const std::uint32_t>(self.cast<const TrendResult&>().phase), self);
      })
      .def_property_readonly("point_type_codes", [](py::object self) {
        const auto& r = self.cast<const TrendResult&>();
        return view(std::span<const std::uint8_t>(
                        reinterpret_cast<const std::uint8_t*>(r.point_type.data()), r.point_type.size()),
                    self);
      }, "Point types as codes into point_type_words (uint8, a view).")
      .def_property_readonly_static("point_type_words", [](const py::object&) { return word_list<PointType>(); })
      .def_property_readonly("special_cause_codes", [](py::object self) {
        const auto& r = self.cast<const TrendResult&>();
        return view(std::span<const std::uint8_t>(
                        reinterpret_cast<const std::uint8_t*>(r.special_cause.data()),
                        r.special_cause.size()),
                    self);
      }, "Special-cause types as codes into special_cause_words (uint8, a view).")
      .def_property_readonly_static("special_cause_words", [](const py::object&) { return word_list<SpecialCause>(); })
      .def_property_readonly("point_type", [](const TrendResult& r) {
        py::list out;
        for (auto t : r.point_type) out.append(py::str(std::string(to_string(t))));
        return out;
      })
      .def_property_readonly("special_cause", [](const TrendResult& r) {
        py::list out;
        for (auto t : r.special_cause) out.append(py::str(std::string(to_string(t))));
        return out;
      })
      .def_property_readonly("signals", [](py::object self) {
        const auto& r = self.cast<const TrendResult&>();
        py::dict out;
        for (std::size_t i = 0; i < rule_count; ++i) {
          if (!r.rules.enabled[i]) continue;
          out[py::str(std::string(to_string(static_cast<Rule>(i))))] =
              view(std::span<const std::uint8_t>(r.flags[i]), self).attr("view")("bool");
        }
        return out;
      });

  module.def(
      "_trends",
      [](const IncidentTable& incidents, const ExposureTable& exposure, const py::object& by,
         const std::string& period, const py::object& measure, double per,
         const std::string& chart, const py::object& rules,
         const std::optional<std::string>& improvement, const ServiceTable* services,
         const std::optional<Date>& start, const std::optional<Date>& end,
         const std::vector<std::string>& categories, const std::vector<Date>& rebase,
         std::optional<std::size_t> baseline) {
        TrendOptions options;
        options.by = keys_of(by);
        options.period = parse_period_kind(period);
        options.per = per;
        if (start) options.first = to_day_number(*start);
        if (end) options.last = to_day_number(*end);
        options.categories = categories;
        set_chart_options(options, measure, chart, rules, improvement, rebase, baseline);
        py::gil_scoped_release release;
        return trends(incidents, exposure, options, services);
      },
      py::arg("incidents"), py::arg("exposure"), py::arg("by"), py::arg("period"),
      py::arg("measure"), py::arg("per"), py::arg("chart"), py::arg("rules"),
      py::arg("improvement"), py::arg("services"), py::arg("start"), py::arg("end"),
      py::arg("categories"), py::arg("rebase"), py::arg("baseline"));
  module.def(
      "_trends_of_grid",
      [](const Grid& grid, const py::object& measure, const std::string& chart,
         const py::object& rules, const std::optional<std::string>& improvement,
         const std::vector<Date>& rebase, std::optional<std::size_t> baseline) {
        TrendOptions options;
        set_chart_options(options, measure, chart, rules, improvement, rebase, baseline);
        py::gil_scoped_release release;
        return trends(grid, options);
      },
      py::arg("grid"), py::arg("measure"), py::arg("chart"), py::arg("rules"),
      py::arg("improvement"), py::arg("rebase"), py::arg("baseline"));

  // The special functions, for tests against scipy and for analysts.
  module.def("incomplete_beta", &incomplete_beta, py::arg("a"), py::arg("b"), py::arg("x"));
  module.def("beta_quantile", &beta_quantile, py::arg("p"), py::arg("a"), py::arg("b"));
  module.def("incomplete_gamma_p", &incomplete_gamma_p, py::arg("a"), py::arg("x"));
  module.def("incomplete_gamma_q", &incomplete_gamma_q, py::arg("a"), py::arg("x"));
  module.def("gamma_quantile", &gamma_quantile, py::arg("p"), py::arg("shape"));
  module.def("chi_square_quantile", &chi_square_quantile, py::arg("p"), py::arg("df"));
  module.def("normal_quantile", &normal_quantile, py::arg("p"));
  module.def("binomial_test_two_sided", &binomial_test_two_sided, py::arg("k"), py::arg("n"),
             py::arg("p"));
  module.def("clopper_pearson", [](std::int64_t k, std::int64_t n, double confidence) {
    const Interval i = clopper_pearson(k, n, confidence);
    return py::make_tuple(i.lower, i.upper);
  }, py::arg("k"), py::arg("n"), py::arg("confidence") = 0.95);
  module.def("wilson", [](std::int64_t x, std::int64_t n, double confidence) {
    const Interval i = wilson(x, n, confidence);
    return py::make_tuple(i.lower, i.upper);
  }, py::arg("x"), py::arg("n"), py::arg("confidence") = 0.95);
  module.def(
      "_split_datetime",
      [](const py::handle& values, const char* name, bool allow_missing) {
        py::object minutes = py::none();
        auto days = day_column(values, name, allow_missing, &minutes);
        return py::make_tuple(days, minutes);
      },
      py::arg("values"), py::arg("name"), py::arg("allow_missing") = false,
      "Day numbers (floored) and minutes of the day (None when every value is at midnight) "
      "of a datetime64 array, in one pass.");
  module.def("_parse_day_minutes", [](const py::handle& texts, const char* name, bool allow_empty) {
    std::vector<std::int32_t> days;
    std::vector<std::int16_t> minutes;
    std::size_t row = 0;
    for (py::handle value : texts) {
      if (allow_empty && (value.is_none() || (py::isinstance<py::str>(value) && value.cast<std::string_view>().empty()))) {
        days.push_back(kMissingDay);
        minutes.push_back(-1);
        ++row;
        continue;
      }
      if (!py::isinstance<py::str>(value)) {
        throw InputError(std::string("column ") + name + " row " + std::to_string(row) +
                         ": expected a date string, got " + std::string(py::str(py::repr(value))));
      }
      DayNumber day = 0;
      int minute = -1;
      const auto text = value.cast<std::string_view>();
      if (!try_parse_day_minute(text, day, minute)) {
        throw InputError(std::string("column ") + name + " row " + std::to_string(row) +
                         ": invalid date \"" + std::string(text) +
                         "\": expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]");
      }
      days.push_back(day);
      minutes.push_back(static_cast<std::int16_t>(minute));
      ++row;
    }
    return py::make_tuple(py::array_t<std::int32_t>(static_cast<py::ssize_t>(days.size()), days.data()),
                          py::array_t<std::int16_t>(static_cast<py::ssize_t>(minutes.size()), minutes.data()));
  }, py::arg("texts"), py::arg("name"), py::arg("allow_empty") = false);
}

}  // namespace closeloop::python
