// Bindings of the store (closeloop._core.store): open or create a store,
// atomic CSV import and export, load and save of a whole Register, counts, the integrity check and the erasure
// of one person's references. Heavy calls release the GIL. Store failures
// arrive as closeloop.StoreError (a RuntimeError), bad rows as ParseError.
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "closeloop/store/store.hpp"
#include "closeloop_python.hpp"

namespace closeloop::python {

namespace {

namespace cs = closeloop::store;

// {"services": "services.csv", "incidents": ["a.csv", "b.csv"], ...}
std::vector<cs::CsvSource> sources_from(const py::dict& files) {
  std::vector<cs::CsvSource> sources;
  for (const auto& [key, value] : files) {
    const cs::Table table = cs::parse_table(py::str(key).cast<std::string>());
    if (py::isinstance<py::str>(value) || py::hasattr(value, "__fspath__")) {
      sources.push_back(cs::CsvSource::file(table, py::str(value).cast<std::string>()));
    } else {
      for (const auto& item : value) {
        sources.push_back(cs::CsvSource::file(table, py::str(item).cast<std::string>()));
      }
    }
  }
  return sources;
}

py::dict summary_dict(const cs::ImportSummary& summary) {
  py::dict out;
  for (cs::Table table : cs::all_tables()) {
    if (summary.rows_of(table) > 0) out[py::str(std::string(cs::to_string(table)))] = summary.rows_of(table);
  }
  return out;
}

}  // namespace

void register_store(py::module_& module) {
  auto m = module.def_submodule("store", "The durable SQLite store and its CSV interchange.");
  m.def("current_schema_version", &cs::current_schema_version,
        "The schema version this build writes (PRAGMA user_version).");
  m.def(
      "tables",
      [] {
        py::list out;
        for (cs::Table table : cs::all_tables()) out.append(std::string(cs::to_string(table)));
        return out;
      },
      "The interchange tables in import order.");

  py::class_<cs::Store>(m, "Store",
                        "A closeloop store: one SQLite file (WAL, foreign keys, busy timeout). "
                        "Each mutation is one transaction; a refused call changes nothing.")
      .def_static(
          "create",
          [](const std::string& path, double busy_timeout) {
            return cs::Store::create(
                path, cs::StoreOptions{std::chrono::milliseconds(static_cast<long>(busy_timeout * 1000))});
          },
          py::arg("path"), py::arg("busy_timeout") = 5.0,
          "Opens the store at path, creating it if needed and migrating an older schema. "
          "busy_timeout is in seconds.")
      .def_static(
          "open",
          [](const std::string& path, double busy_timeout, bool read_only) {
            const cs::StoreOptions options{
                std::chrono::milliseconds(static_cast<long>(busy_timeout * 1000))};
            return read_only ? cs::Store::open_read_only(path, options)
                             : cs::Store::open(path, options);
          },
          py::arg("path"), py::arg("busy_timeout") = 5.0, py::arg("read_only") = false,
          "Opens an existing store; StoreError if there is none or the file is not a closeloop "
          "store (it is never initialised). SchemaError if it was written by a newer schema. "
          "read_only=True writes nothing, so a store in a read-only file or folder can be read.")
      .def_property_readonly("path", &cs::Store::path, "The store's file.")
      .def_property_readonly("schema_version", &cs::Store::schema_version,
                              "The schema version of the database.")
      .def(
          "import_csv",
          [](cs::Store& store, const py::dict& files) {
            const auto sources = sources_from(files);
            cs::ImportSummary summary;
            {
              py::gil_scoped_release release;
              summary = store.import_csv(sources);
            }
            return summary_dict(summary);
          },
          py::arg("files"),
          "Imports CSV files given as {table: path or [paths]} in one transaction: every row or "
          "none. A bad row raises ParseError with source, line and column. Returns rows per table.")
      .def(
          "export_csv",
          [](const cs::Store& store, const std::string& directory) {
            py::gil_scoped_release release;
            return store.export_csv(directory);
          },
          py::arg("directory"), "Writes every table as <table>.csv; returns the paths written.")
      .def(
          "export_table",
          [](const cs::Store& store, const std::string& table) {
            return store.export_table(cs::parse_table(table));
          },
          py::arg("table"), "One table as CSV text.")
      .def(
          "count", [](const cs::Store& store, const std::string& table) {
            return store.count(cs::parse_table(table));
          },
          py::arg("table"), "Rows in a table.")
      .def(
          "load",
          [](const cs::Store& store) {
            py::gil_scoped_release release;
            return store.load();
          },
          "The register the store holds (a closeloop.Register), rebuilt by replaying every row "
          "through the Register's own API.")
      .def(
          "save",
          [](cs::Store& store, const lifecycle::Register& reg) {
            py::gil_scoped_release release;
            store.save(reg);
          },
          py::arg("register"),
          "Writes a whole register into a store with no lifecycle content yet, in one "
          "transaction.")
      .def("add_category", &cs::Store::add_category, py::arg("category"),
           "Registers a provider incident category.")
      .def("integrity_check", &cs::Store::integrity_check, "SQLite's integrity check: 'ok' or the problems.")
      .def("erase_person", &cs::Store::erase_person, py::arg("person_ref"), py::arg("replacement"),
           py::arg("at"), py::arg("note") = "",
           "Replaces one person's reference and incident descriptions, keeping the audit trail; "
           "returns the number of incidents changed.")
      .def("__repr__", [](const cs::Store& store) { return "Store('" + store.path() + "')"; });
}

}  // namespace closeloop::python
