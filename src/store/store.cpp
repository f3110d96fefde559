#include "closeloop/store/store.hpp"

#include <array>
#include <filesystem>
#include <fstream>
#include <utility>

#include "closeloop/core/csv.hpp"
#include "closeloop/core/enums.hpp"
#include "closeloop/core/error.hpp"
#include "closeloop/lifecycle/tables.hpp"
#include "schema.hpp"
#include "sqlite.hpp"
#include "import.hpp"
#include "tables.hpp"
#include "write_folder.hpp"

namespace closeloop::store {

namespace {

constexpr std::array<Table, table_count> table_order{
    Table::categories, Table::services,         Table::incidents,        Table::exposure,
    Table::investigations, Table::escalation_steps, Table::escalation_paths, Table::plans,
    Table::measures,   Table::monitoring,       Table::actions,          Table::evidence,
    Table::checks,     Table::reviews,          Table::share_targets,    Table::shares,
    Table::briefings,  Table::events};
constexpr std::array<std::string_view, table_count> table_names{
    "categories", "services",  "incidents", "exposure",       "investigations", "escalation_steps",
    "escalation_paths", "plans", "measures", "monitoring", "actions", "evidence", "checks",
    "reviews", "share_targets", "shares", "briefings", "events"};

}  // namespace

int current_schema_version() noexcept { return detail::migrations().back().version; }

std::span<const Table> all_tables() noexcept { return table_order; }

std::string_view to_string(Table table) noexcept {
  const auto index = static_cast<std::size_t>(table);
  return index < table_names.size() ? table_names[index] : std::string_view("?");
}

Table parse_table(std::string_view name) {
  for (Table table : table_order) {
    if (to_string(table) == name) return table;
  }
  std::string message = "unknown table \"" + std::string(name) + "\": expected one of ";
  for (std::size_t i = 0; i < table_names.size(); ++i) {
    if (i > 0) message += ", ";
    message += table_names[i];
  }
  throw InputError(message);
}

std::string file_name(Table table) { return std::string(to_string(table)) + ".csv"; }

std::size_t ImportSummary::total() const noexcept {
  std::size_t sum = 0;
  for (std::size_t n : rows) sum += n;
  return sum;
}

CsvSource CsvSource::file(Table table, std::string path) {
  return {table, std::move(path), std::nullopt};
}

CsvSource CsvSource::from_text(Table table, std::string text, std::string name) {
  return {table, std::move(name), std::move(text)};
}

struct Store::Impl {
  std::unique_ptr<detail::Connection> connection;
  // The register as last loaded or changed by this connection, and the
  // data_version it was loaded at: another connection's commit changes
  // data_version, and the cache is then reloaded.
  std::optional<lifecycle::Register> cache;
  std::int64_t cache_version = -1;

  std::int64_t data_version() { return connection->query_int("PRAGMA data_version"); }

  lifecycle::Register& fresh() {
    const auto version = data_version();
    if (!cache || version != cache_version) {
      cache.reset();
      cache = detail::read_register(*connection);
      cache_version = version;
    }
    return *cache;
  }

  // One mutation: under the write lock, apply the call to the current
  // register (a refusal leaves it and the disk unchanged), then write its
  // rows. If writing fails after the register changed, the cache is dropped
  // so memory never runs ahead of the disk.
  // Inside batch() the batch's transaction is used instead of a new one.
  template <class Apply, class Write>
  void mutate(Apply apply, Write write) {
    std::optional<detail::Transaction> transaction;
    if (!in_batch) transaction.emplace(*connection, detail::TransactionKind::immediate);
    lifecycle::Register& reg = fresh();
    apply(reg);
    try {
      detail::TableWriter writer(*connection);
      write(reg, writer);
      if (transaction) transaction->commit();
    } catch (...) {
      cache.reset();
      throw;
    }
  }

  // True while batch() runs its body.
  bool in_batch = false;
};

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;
Store::Store(Store&& other) noexcept = default;
Store& Store::operator=(Store&& other) noexcept = default;

Store Store::create(const std::string& path, StoreOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->connection = std::make_unique<detail::Connection>(
      path, detail::OpenMode::read_write_create, options.busy_timeout);
  detail::prepare_schema(*impl->connection);
  return Store(std::move(impl));
}

namespace {

void require_store_file(const std::string& path) {
  std::error_code ignored;
  if (!std::filesystem::is_regular_file(path, ignored)) {
    throw StoreError("no store at \"" + path + "\": create one first (closeloop init)");
  }
  // Checked before SQLite sees it: a connection would make it a database.
  if (std::filesystem::file_size(path, ignored) == 0) {
    throw StoreError("\"" + path +
                     "\" is an empty file, not a closeloop store: create one with closeloop init");
  }
}

}  // namespace

namespace {

// An existing store's connection: the file must already be a closeloop store.
std::unique_ptr<detail::Connection> connect_existing(const std::string& path,
                                                     detail::OpenMode mode,
                                                     const StoreOptions& options) {
  require_store_file(path);
  auto connection = std::make_unique<detail::Connection>(path, mode, options.busy_timeout);
  detail::require_store(*connection);
  return connection;
}

}  // namespace

Store Store::open(const std::string& path, StoreOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->connection = connect_existing(path, detail::OpenMode::read_write, options);
  detail::prepare_schema(*impl->connection);
  return Store(std::move(impl));
}

Store Store::open_read_only(const std::string& path, StoreOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->connection = connect_existing(path, detail::OpenMode::read_only, options);
  detail::require_current_schema(*impl->connection);
  return Store(std::move(impl));
}

const std::string& Store::path() const noexcept { return impl_->connection->path(); }

int Store::schema_version() const {
  return static_cast<int>(impl_->connection->query_int("PRAGMA user_version"));
}

ImportSummary Store::import_csv(std::span<const CsvSource> sources, const ImportOptions& options) {
  detail::Connection& connection = *impl_->connection;
  // Read (and so check the syntax of) every file before taking the lock.
  std::vector<std::pair<Table, CsvReader>> readers;
  readers.reserve(sources.size());
  for (Table table : table_order) {
    for (const CsvSource& source : sources) {
      if (source.table != table) continue;
      readers.emplace_back(table, source.text ? CsvReader::from_string(*source.text, source.name)
                                              : CsvReader::from_file(source.name));
    }
  }
  ImportSummary summary;
  detail::Transaction transaction(connection, detail::TransactionKind::immediate);
  lifecycle::Register& reg = impl_->fresh();
  // A large page cache for the import, so index pages are written once
  // rather than spilled and rewritten; the default is restored afterwards.
  const auto cache_size = connection.query_int("PRAGMA cache_size");
  connection.exec("PRAGMA cache_size=-262144");
  struct RestoreCache {
    detail::Connection& connection;
    std::int64_t pages;
    ~RestoreCache() {
      sqlite3_exec(connection.handle(), ("PRAGMA cache_size=" + std::to_string(pages)).c_str(),
                   nullptr, nullptr, nullptr);
    }
  } restore{connection, cache_size};
  try {
    detail::TableWriter writer(connection);
    detail::Importer importer(reg, writer, options);
    for (auto& [table, reader] : readers) {
      summary.rows[static_cast<std::size_t>(table)] += importer.run(table, reader);
    }
    importer.finish();
    transaction.commit();
  } catch (...) {
    // Rows already given to the register are not on disk: reload next time.
    impl_->cache.reset();
    throw;
  }
  return summary;
}

std::string Store::export_table(Table table) const {
  detail::Connection& connection = *impl_->connection;
  detail::Transaction snapshot(connection, detail::TransactionKind::deferred);
  return detail::export_rows(connection, table);
}

metrics::IncidentTable Store::incidents() const { return lifecycle::incident_table(load()); }

metrics::ExposureTable Store::exposure() const {
  detail::Connection& connection = *impl_->connection;
  detail::Transaction snapshot(connection, detail::TransactionKind::deferred);
  detail::Statement rows(connection,
                         "SELECT service_id, period, measure, value FROM exposure "
                         "ORDER BY service_id, period, measure");
  metrics::Dictionary services;
  std::vector<std::int32_t> service;
  std::vector<DayNumber> month;
  std::vector<std::uint8_t> measure;
  std::vector<double> value;
  while (rows.step()) {
    const std::string id(rows.column_text(0));
    const std::string period(rows.column_text(1));
    try {
      month.push_back(to_day_number(parse_date(period + "-01")));
      measure.push_back(static_cast<std::uint8_t>(metrics::parse_measure(rows.column_text(2))));
    } catch (const Error& error) {
      throw StoreError("exposure row of service \"" + id + "\", period \"" + period +
                       "\" cannot be read: " + error.what());
    }
    service.push_back(services.intern(id));
    value.push_back(rows.column_double(3));
  }
  return metrics::ExposureTable::from_columns(services.values(), service, month, measure, value);
}

std::vector<std::string> Store::export_csv(const std::string& directory) const {
  namespace fs = std::filesystem;
  detail::Connection& connection = *impl_->connection;
  std::vector<std::pair<fs::path, std::string>> files;
  {
    detail::Transaction snapshot(connection, detail::TransactionKind::deferred);
    for (Table table : table_order) {
      files.emplace_back(fs::path(directory) / file_name(table),
                         detail::export_rows(connection, table));
    }
  }
  return detail::write_folder(directory, files);
}

std::size_t Store::count(Table table) const {
  const std::string sql = "SELECT count(*) FROM " + std::string(detail::sql_table(table));
  return static_cast<std::size_t>(impl_->connection->query_int(sql));
}

lifecycle::Register Store::load() const {
  detail::Transaction snapshot(*impl_->connection, detail::TransactionKind::deferred);
  return detail::read_register(*impl_->connection);
}

const lifecycle::Register& Store::current() {
  // Inside a batch the batch's transaction is the snapshot.
  if (impl_->in_batch) return impl_->fresh();
  detail::Transaction snapshot(*impl_->connection, detail::TransactionKind::deferred);
  return impl_->fresh();
}

void Store::save(const lifecycle::Register& reg) {
  detail::Connection& connection = *impl_->connection;
  detail::Transaction transaction(connection, detail::TransactionKind::immediate);
  for (Table table : table_order) {
    if (table == Table::exposure || count(table) == 0) continue;
    throw RuleError("store.save_requires_empty",
                    "store \"" + path() + "\" already holds " + std::string(to_string(table)) +
                        ": save writes a whole register into an empty store; use import or the "
                        "mutation calls to add to it");
  }
  try {
    detail::TableWriter writer(connection);
    writer.write_register(reg);
    transaction.commit();
  } catch (...) {
    impl_->cache.reset();
    throw;
  }
  impl_->cache.reset();
}

void Store::batch(const std::function<void(Store&)>& body) {
  if (impl_->in_batch) throw StoreError("Store::batch: a batch is already running on this store");
  detail::Transaction transaction(*impl_->connection, detail::TransactionKind::immediate);
  impl_->in_batch = true;
  try {
    body(*this);
    impl_->in_batch = false;
    transaction.commit();
  } catch (...) {
    // The register holds the batch's earlier calls, which are rolled back.
    impl_->in_batch = false;
    impl_->cache.reset();
    throw;
  }
}

namespace lc = closeloop::lifecycle;

void Store::add_category(std::string_view category) {
  const std::string word(category);
  impl_->mutate(
      [&](lc::Register& reg) {
        if (!reg.categories().contains(word)) reg.add_category(word);
      },
      [&](lc::Register&, detail::TableWriter&) {
        auto insert = impl_->connection->prepare(
            "INSERT OR IGNORE INTO categories (category) VALUES (?)");
        if (!CategorySet().contains(word)) insert.bind(1, word).run();
      });
}

void Store::add_service(lc::Service service) {
  const ServiceId id = service.id;
  impl_->mutate([&](lc::Register& reg) { reg.add_service(std::move(service)); },
                [&](lc::Register& reg, detail::TableWriter& w) { w.write_service(reg.service(id)); });
}

void Store::add_incident(lc::Incident incident) {
  const IncidentId id = incident.id;
  impl_->mutate([&](lc::Register& reg) { reg.add_incident(std::move(incident)); },
                [&](lc::Register& reg, detail::TableWriter& w) { w.write_incident(reg.incident(id)); });
}

namespace {
// The rows a Duty of Candour record writes: the incident's two dates.
auto write_candour_of(detail::Connection& connection, const IncidentId& id) {
  return [&connection, id](lc::Register& reg, detail::TableWriter&) {
    const lc::Incident& incident = reg.incident(id);
    const auto iso = [](const std::optional<Date>& day) {
      return day ? std::optional<std::string>(to_iso(*day)) : std::nullopt;
    };
    auto update = connection.prepare(
        "UPDATE incidents SET notified_on = ?, written_notice_on = ? WHERE incident_id = ?");
    update.bind(1, iso(incident.notified_on))
        .bind(2, iso(incident.written_notice_on))
        .bind(3, id.str())
        .run();
  };
}
}  // namespace

void Store::record_notification(const IncidentId& id, Date date) {
  impl_->mutate([&](lc::Register& reg) { reg.record_notification(id, date); },
                write_candour_of(*impl_->connection, id));
}

void Store::record_written_notice(const IncidentId& id, Date date) {
  impl_->mutate([&](lc::Register& reg) { reg.record_written_notice(id, date); },
                write_candour_of(*impl_->connection, id));
}

void Store::add_investigation(lc::Investigation investigation) {
  const InvestigationId id = investigation.id;
  impl_->mutate([&](lc::Register& reg) { reg.add_investigation(std::move(investigation)); },
                [&](lc::Register& reg, detail::TableWriter& w) {
                  w.write_investigation(reg.investigation(id));
                });
}

void Store::conclude_investigation(const InvestigationId& id, Date date, std::string findings,
                                   std::vector<lc::ContributingFactor> factors) {
  impl_->mutate(
      [&](lc::Register& reg) {
        reg.conclude_investigation(id, date, std::move(findings), std::move(factors));
      },
      [&](lc::Register& reg, detail::TableWriter& w) {
        w.write_investigation(reg.investigation(id));
      });
}

void Store::add_escalation_path(lc::EscalationPath path) {
  const EscalationPathId id = path.id;
  impl_->mutate([&](lc::Register& reg) { reg.add_escalation_path(std::move(path)); },
                [&](lc::Register& reg, detail::TableWriter& w) {
                  w.write_escalation_path(reg.escalation_path(id), false);
                });
}

void Store::set_default_escalation_path(const EscalationPathId& id) {
  impl_->mutate([&](lc::Register& reg) { reg.set_default_escalation_path(id); },
                [&](lc::Register&, detail::TableWriter& w) { w.set_default_escalation_path(id); });
}

void Store::add_plan(lc::ActionPlan plan) {
  const PlanId id = plan.id;
  impl_->mutate([&](lc::Register& reg) { reg.add_plan(std::move(plan)); },
                [&](lc::Register& reg, detail::TableWriter& w) { w.write_plan(reg.plan(id)); });
}

void Store::approve_plan(const PlanId& id, const std::string& approver, Date date) {
  impl_->mutate([&](lc::Register& reg) { reg.approve_plan(id, approver, date); },
                [&](lc::Register& reg, detail::TableWriter& w) { w.write_plan(reg.plan(id)); });
}

void Store::refuse_plan(const PlanId& id, const std::string& approver, Date date,
                        const std::string& reason) {
  impl_->mutate([&](lc::Register& reg) { reg.refuse_plan(id, approver, date, reason); },
                [&](lc::Register& reg, detail::TableWriter& w) { w.write_plan(reg.plan(id)); });
}

void Store::add_action(lc::Action action) {
  const ActionId id = action.id;
  impl_->mutate([&](lc::Register& reg) { reg.add_action(std::move(action)); },
                [&](lc::Register& reg, detail::TableWriter& w) { w.write_action(reg.action(id)); });
}

void Store::update_action(const lc::Action& updated, Instant at, const std::string& actor,
                          const std::string& note) {
  impl_->mutate([&](lc::Register& reg) { reg.update_action(updated, at, actor, note); },
                [&](lc::Register& reg, detail::TableWriter& w) {
                  w.write_action(reg.action(updated.id));
                  w.append_events(reg.action(updated.id));
                });
}

namespace {
// The rows a transition writes: the new event only (action rows keep the
// current fields; the state is the fold of the events).
auto append_events_of(const ActionId& id) {
  return [id](lc::Register& reg, detail::TableWriter& w) { w.append_events(reg.action(id)); };
}
}  // namespace

void Store::agree(const ActionId& id, Instant at, const std::string& actor, const std::string& note) {
  impl_->mutate([&](lc::Register& reg) { reg.agree(id, at, actor, note); }, append_events_of(id));
}

void Store::start(const ActionId& id, Instant at, const std::string& actor, const std::string& note) {
  impl_->mutate([&](lc::Register& reg) { reg.start(id, at, actor, note); }, append_events_of(id));
}

void Store::implement(const ActionId& id, Instant at, const std::string& actor,
                      const std::string& note) {
  impl_->mutate([&](lc::Register& reg) { reg.implement(id, at, actor, note); },
                append_events_of(id));
}

void Store::verify(const ActionId& id, Instant at, const std::string& actor,
                   const std::string& note) {
  impl_->mutate([&](lc::Register& reg) { reg.verify(id, at, actor, note); }, append_events_of(id));
}

void Store::evaluate(const ActionId& id, Instant at, const std::string& actor, lc::Verdict verdict,
                     const std::string& basis, const std::vector<CheckId>& checks,
                     const std::string& note) {
  impl_->mutate([&](lc::Register& reg) { reg.evaluate(id, at, actor, verdict, basis, checks, note); },
                append_events_of(id));
}

void Store::close(const ActionId& id, Instant at, const std::string& actor,
                  std::optional<lc::Decision> decision, const std::optional<ReviewId>& review,
                  const std::string& note) {
  impl_->mutate([&](lc::Register& reg) { reg.close(id, at, actor, decision, review, note); },
                append_events_of(id));
}

void Store::reopen(const ActionId& id, Instant at, const std::string& actor,
                   const std::string& reason) {
  impl_->mutate([&](lc::Register& reg) { reg.reopen(id, at, actor, reason); },
                append_events_of(id));
}

void Store::cancel(const ActionId& id, Instant at, const std::string& actor,
                   const std::string& reason) {
  impl_->mutate([&](lc::Register& reg) { reg.cancel(id, at, actor, reason); },
                append_events_of(id));
}

void Store::add_evidence(lc::Evidence evidence) {
  const EvidenceId id = evidence.id;
  impl_->mutate([&](lc::Register& reg) { reg.add_evidence(std::move(evidence)); },
                [&](lc::Register& reg, detail::TableWriter& w) { w.write_evidence(reg.evidence(id)); });
}

void Store::add_check(lc::Check check) {
  const CheckId id = check.id;
  impl_->mutate([&](lc::Register& reg) { reg.add_check(std::move(check)); },
                [&](lc::Register& reg, detail::TableWriter& w) { w.write_check(reg.check(id)); });
}

void Store::add_review(lc::GovernanceReview review) {
  const ReviewId id = review.id;
  impl_->mutate([&](lc::Register& reg) { reg.add_review(std::move(review)); },
                [&](lc::Register& reg, detail::TableWriter& w) { w.write_review(reg.review(id)); });
}

void Store::add_share(lc::LearningShare share) {
  const ShareId id = share.id;
  impl_->mutate([&](lc::Register& reg) { reg.add_share(std::move(share)); },
                [&](lc::Register& reg, detail::TableWriter& w) { w.write_share(reg.share(id)); });
}

void Store::acknowledge_share(const ShareId& id, const ServiceId& service, Date date) {
  impl_->mutate([&](lc::Register& reg) { reg.acknowledge_share(id, service, date); },
                [&](lc::Register& reg, detail::TableWriter& w) { w.write_share(reg.share(id)); });
}

void Store::record_briefing(lc::StaffBriefing briefing) {
  impl_->mutate(
      [&](lc::Register& reg) { reg.record_briefing(briefing); },
      [&](lc::Register&, detail::TableWriter& w) { w.write_briefing(briefing); });
}

void Store::record_adoption(const ShareId& id, const ServiceId& service, bool adopted, Date date) {
  impl_->mutate([&](lc::Register& reg) { reg.record_adoption(id, service, adopted, date); },
                [&](lc::Register& reg, detail::TableWriter& w) { w.write_share(reg.share(id)); });
}

std::size_t Store::erase_person(std::string_view person_ref, std::string_view replacement,
                                Instant at, std::string_view note) {
  if (person_ref.empty()) throw InputError("erase_person: empty person reference");
  if (replacement == person_ref) {
    throw InputError("erase_person: the replacement must differ from the reference");
  }
  detail::Connection& connection = *impl_->connection;
  detail::Transaction transaction(connection, detail::TransactionKind::immediate);
  // The replacement must not merge this person with someone else; and an
  // erasure of nothing is not recorded (the reference was mistyped).
  {
    // Scoped: a statement left open keeps a read going on this connection,
    // and the checkpoint below could then never empty the log.
    auto in_use = connection.prepare("SELECT count(*) FROM incidents WHERE person_ref = ?");
    in_use.bind(1, replacement);
    if (in_use.step() && in_use.column_int(0) > 0) {
      throw RuleError("erase.replacement_in_use",
                      "erase_person: the replacement is already the person reference of " +
                          std::to_string(in_use.column_int(0)) +
                          " incident(s); choose a token no incident uses");
    }
  }
  const std::string notice = "[description removed on " + to_iso(at.date()) +
                             " at the person's request]";
  auto update = connection.prepare(
      "UPDATE incidents SET person_ref = ?, description = ? WHERE person_ref = ?");
  update.bind(1, replacement).bind(2, notice).bind(3, person_ref).run();
  const auto changed = connection.changes();
  if (changed == 0) {
    throw NotFoundError("erase_person: no incident has that person reference; nothing was erased");
  }
  auto log = connection.prepare(
      "INSERT INTO erasures (erased_at, token, incidents, note) VALUES (?, ?, ?, ?)");
  const std::string when = detail::instant_text(at);
  log.bind(1, when).bind(2, replacement).bind(3, changed).bind(4, note).run();
  transaction.commit();
  impl_->cache.reset();
  // The committed pages (zeroed where the old text was: secure_delete) are
  // copied into the database and the log emptied, so no copy of the erased
  // text stays in the -wal file (docs/data-protection.md).
  connection.checkpoint_truncate();
  return static_cast<std::size_t>(changed);
}

std::string Store::integrity_check() const {
  auto statement = impl_->connection->prepare("PRAGMA integrity_check");
  std::string out;
  while (statement.step()) {
    if (!out.empty()) out += '\n';
    out += statement.column_text(0);
  }
  return out;
}

}  // namespace closeloop::store
