// Bindings of the store (closeloop._core.store): open or create a store,
// atomic CSV import and export, load and save of a whole Register, every
// mutation of the Register under the same name and arguments (each one
// transaction), counts, the integrity check and the erasure of one person's
// references. Heavy calls release the GIL. Store failures arrive as
// closeloop.StoreError (a RuntimeError), bad rows as ParseError, refused
// mutations as the Register's own error.
//
// Python holds a store through StoreHandle so that disconnect() (and leaving
// a `with` block) releases the SQLite connection at once; a disconnected
// store raises StoreError on any further call. (`close` is the action
// transition, named as the Register names it.)
#include <chrono>
#include <optional>
#include <utility>
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

// A store that Python can close before the object is collected.
struct StoreHandle {
  std::optional<cs::Store> store;

  cs::Store& get() {
    if (!store) throw StoreError("the store is disconnected (its with block ended)");
    return *store;
  }
};

// A Store member function as a call on the handle, with the same arguments.
template <class R, class... Args>
auto through(R (cs::Store::*method)(Args...)) {
  return [method](StoreHandle& self, Args... args) -> R {
    return (self.get().*method)(std::forward<Args>(args)...);
  };
}

template <class R, class... Args>
auto through(R (cs::Store::*method)(Args...) const) {
  return [method](StoreHandle& self, Args... args) -> R {
    return (std::as_const(self.get()).*method)(std::forward<Args>(args)...);
  };
}

cs::StoreOptions options_from(double busy_timeout) {
  return cs::StoreOptions{std::chrono::milliseconds(static_cast<long>(busy_timeout * 1000))};
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

  namespace lc = closeloop::lifecycle;
  using Release = py::call_guard<py::gil_scoped_release>;
  py::class_<StoreHandle> store(
      m, "Store",
      "A closeloop store: one SQLite file (WAL, foreign keys, busy timeout). Every mutation of "
      "the Register is here under the same name and arguments, each one transaction; a refused "
      "call raises the Register's error and changes nothing. A context manager: leaving a "
      "`with` block closes it.");
  store
      .def_static(
          "create",
          [](const std::string& path, double busy_timeout) {
            return StoreHandle{cs::Store::create(path, options_from(busy_timeout))};
          },
          py::arg("path"), py::arg("busy_timeout") = 5.0,
          "Opens the store at path, creating it if needed and migrating an older schema. "
          "busy_timeout is in seconds.")
      .def_static(
          "open",
          [](const std::string& path, double busy_timeout, bool read_only) {
            const auto options = options_from(busy_timeout);
            return StoreHandle{read_only ? cs::Store::open_read_only(path, options)
                                         : cs::Store::open(path, options)};
          },
          py::arg("path"), py::arg("busy_timeout") = 5.0, py::arg("read_only") = false,
          "Opens an existing store; StoreError if there is none or the file is not a closeloop "
          "store (it is never initialised). SchemaError if it was written by a newer schema. "
          "read_only=True writes nothing, so a store in a read-only file or folder can be read.")
      .def_property_readonly("path", [](StoreHandle& self) { return self.get().path(); },
                             "The store's file.")
      .def_property_readonly("schema_version", through(&cs::Store::schema_version),
                             "The schema version of the database.")
      .def_property_readonly("connected", [](const StoreHandle& self) { return self.store.has_value(); },
                             "False once disconnect() was called or the with block ended.")
      // `close` is the action transition (as Register.close); releasing the
      // connection is disconnect().
      .def("disconnect", [](StoreHandle& self) { self.store.reset(); },
           "Releases the SQLite connection; further calls raise StoreError.")
      .def("__enter__", [](StoreHandle& self) -> StoreHandle& { return self; },
           py::return_value_policy::reference_internal)
      .def(
          "__exit__",
          [](StoreHandle& self, const py::object&, const py::object&, const py::object&) {
            self.store.reset();
            return false;
          },
          py::arg("type"), py::arg("value"), py::arg("traceback"))
      .def(
          "import_csv",
          [](StoreHandle& self, const py::dict& files) {
            const auto sources = sources_from(files);
            cs::ImportSummary summary;
            {
              py::gil_scoped_release release;
              summary = self.get().import_csv(sources);
            }
            return summary_dict(summary);
          },
          py::arg("files"),
          "Imports CSV files given as {table: path or [paths]} in one transaction: every row or "
          "none. A bad row raises ParseError with source, line and column. Returns rows per table.")
      .def(
          "export_csv", [](StoreHandle& self, const std::string& directory) {
            cs::Store& s = self.get();
            py::gil_scoped_release release;
            return std::as_const(s).export_csv(directory);
          },
          py::arg("directory"), "Writes every table as <table>.csv; returns the paths written.")
      .def(
          "export_table",
          [](StoreHandle& self, const std::string& table) {
            return self.get().export_table(cs::parse_table(table));
          },
          py::arg("table"), "One table as CSV text.")
      .def(
          "count",
          [](StoreHandle& self, const std::string& table) {
            return self.get().count(cs::parse_table(table));
          },
          py::arg("table"), "Rows in a table.")
      .def(
          "load",
          [](StoreHandle& self) {
            cs::Store& s = self.get();
            py::gil_scoped_release release;
            return std::as_const(s).load();
          },
          "The register the store holds (a closeloop.Register), rebuilt by replaying every row "
          "through the Register's own API.")
      .def(
          "current",
          [](StoreHandle& self) {
            cs::Store& s = self.get();
            py::gil_scoped_release release;
            return lc::Register(s.current());
          },
          "The register as stored (a copy), reloaded only if another connection committed "
          "since this one last looked.")
      .def("save", through(&cs::Store::save), py::arg("register"), Release(),
           "Writes a whole register into a store with no lifecycle content yet, in one "
           "transaction.")
      // The mutations: names and arguments as Register's (register_lifecycle.cpp).
      .def("add_category", through(&cs::Store::add_category), py::arg("category"), Release(),
           "Registers a provider incident category.")
      .def("add_service", through(&cs::Store::add_service), py::arg("service"), Release())
      .def("add_incident", through(&cs::Store::add_incident), py::arg("incident"), Release())
      .def("record_notification", through(&cs::Store::record_notification), py::arg("id"),
           py::arg("date"), Release())
      .def("record_written_notice", through(&cs::Store::record_written_notice), py::arg("id"),
           py::arg("date"), Release())
      .def("add_investigation", through(&cs::Store::add_investigation), py::arg("investigation"),
           Release())
      .def("conclude_investigation", through(&cs::Store::conclude_investigation), py::arg("id"),
           py::arg("date"), py::arg("findings"), py::arg("factors"), Release())
      .def("add_escalation_path", through(&cs::Store::add_escalation_path), py::arg("path"),
           Release())
      .def("set_default_escalation_path", through(&cs::Store::set_default_escalation_path),
           py::arg("id"), Release())
      .def("add_plan", through(&cs::Store::add_plan), py::arg("plan"), Release())
      .def("approve_plan", through(&cs::Store::approve_plan), py::arg("id"), py::arg("approver"),
           py::arg("date"), Release())
      .def("refuse_plan", through(&cs::Store::refuse_plan), py::arg("id"), py::arg("approver"),
           py::arg("date"), py::arg("reason"), Release())
      .def("add_action", through(&cs::Store::add_action), py::arg("action"), Release())
      .def("update_action", through(&cs::Store::update_action), py::arg("action"), py::arg("at"),
           py::arg("actor"), py::arg("note") = "", Release())
      .def("agree", through(&cs::Store::agree), py::arg("id"), py::arg("at"), py::arg("actor"),
           py::arg("note") = "", Release(), "proposed -> agreed.")
      .def("start", through(&cs::Store::start), py::arg("id"), py::arg("at"), py::arg("actor"),
           py::arg("note") = "", Release(), "agreed or reopened -> in_progress.")
      .def("implement", through(&cs::Store::implement), py::arg("id"), py::arg("at"),
           py::arg("actor"), py::arg("note") = "", Release(),
           "in_progress -> implemented (needs evidence).")
      .def("verify", through(&cs::Store::verify), py::arg("id"), py::arg("at"), py::arg("actor"),
           py::arg("note") = "", Release(),
           "implemented -> verified (needs a passing follow-up check).")
      .def("evaluate", through(&cs::Store::evaluate), py::arg("id"), py::arg("at"),
           py::arg("actor"), py::arg("verdict"), py::arg("basis") = "",
           py::arg("checks") = std::vector<CheckId>{}, py::arg("note") = "", Release(),
           "verified -> evaluated, after the observation window.")
      .def("close", through(&cs::Store::close), py::arg("id"), py::arg("at"), py::arg("actor"),
           py::arg("decision"), py::arg("review"), py::arg("note") = "", Release(),
           "evaluated -> closed, with a decision and a governance review.")
      .def("reopen", through(&cs::Store::reopen), py::arg("id"), py::arg("at"), py::arg("actor"),
           py::arg("reason"), Release())
      .def("cancel", through(&cs::Store::cancel), py::arg("id"), py::arg("at"), py::arg("actor"),
           py::arg("reason"), Release())
      .def("add_evidence", through(&cs::Store::add_evidence), py::arg("evidence"), Release())
      .def("add_check", through(&cs::Store::add_check), py::arg("check"), Release())
      .def("add_review", through(&cs::Store::add_review), py::arg("review"), Release())
      .def("add_share", through(&cs::Store::add_share), py::arg("share"), Release())
      .def("acknowledge_share", through(&cs::Store::acknowledge_share), py::arg("id"),
           py::arg("service"), py::arg("date"), Release())
      .def("record_adoption", through(&cs::Store::record_adoption), py::arg("id"),
           py::arg("service"), py::arg("adopted"), py::arg("date"), Release())
      .def("record_briefing", through(&cs::Store::record_briefing), py::arg("briefing"), Release())
      .def("incidents", through(&cs::Store::incidents),
           "The register's incidents as an IncidentTable (for trends and measure series).")
      .def("exposure", through(&cs::Store::exposure), "The exposure rows as an ExposureTable.")
      .def("integrity_check", through(&cs::Store::integrity_check),
           "SQLite's integrity check: 'ok' or the problems.")
      .def("erase_person", through(&cs::Store::erase_person), py::arg("person_ref"),
           py::arg("replacement"), py::arg("at"), py::arg("note") = "",
           "Replaces one person's reference and incident descriptions, keeping the audit trail; "
           "returns the number of incidents changed.")
      .def("__repr__", [](const StoreHandle& self) {
        return self.store ? "Store('" + self.store->path() + "')" : std::string("Store(disconnected)");
      });
}

}  // namespace closeloop::python
