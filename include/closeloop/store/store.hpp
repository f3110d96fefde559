#pragma once
/// \file
/// The durable store: one SQLite file holding a provider's whole register,
/// with an append-only audit log of action events, atomic CSV import and
/// export in the interchange formats (docs/store.md), and forward schema
/// migrations. SQLite itself stays private to the library.

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "closeloop/core/date.hpp"
#include "closeloop/core/ids.hpp"
#include "closeloop/lifecycle/register.hpp"
#include "closeloop/metrics/tables.hpp"

namespace closeloop::store {

/// The schema version this build writes (PRAGMA user_version). Older stores
/// are migrated forward when opened; newer ones are refused with SchemaError.
int current_schema_version() noexcept;

/// The tables of the interchange formats, in the order an import applies
/// them (each may refer only to tables before it).
enum class Table : std::uint8_t {
  categories,        ///< provider-registered incident categories
  services,          ///< services.csv
  incidents,         ///< incidents.csv
  exposure,          ///< exposure.csv (occupied bed days, doses, care hours, visits)
  investigations,    ///< learning responses
  escalation_steps,  ///< the steps of each escalation path
  escalation_paths,  ///< escalation paths (one may be the default)
  plans,             ///< action plans
  measures,          ///< each action's measures
  monitoring,        ///< each action's monitoring
  actions,           ///< actions (current fields; history is in events)
  evidence,          ///< evidence of implementation
  checks,            ///< monitoring checks
  reviews,           ///< governance reviews
  share_targets,     ///< each learning share's target services
  shares,            ///< learning shares
  briefings,         ///< staff briefing records of share targets (reach over time)
  events,            ///< the append-only action event log
};

/// Number of Table values.
inline constexpr std::size_t table_count = 18;

/// Every table in import order.
std::span<const Table> all_tables() noexcept;
/// The table's name ("services").
std::string_view to_string(Table table) noexcept;
/// Parses a table name; InputError listing the names otherwise.
Table parse_table(std::string_view name);
/// The file an export writes and an import of a directory reads ("services.csv").
std::string file_name(Table table);

/// How a store is opened.
struct StoreOptions {
  /// How long a writer waits for another connection's lock before failing
  /// with a StoreError that says the database is busy.
  std::chrono::milliseconds busy_timeout{5000};
};

/// One CSV input of an import: a file on disk, or text held in memory with
/// the name errors should quote.
struct CsvSource {
  Table table = Table::services;
  /// The file path, or the name quoted in errors for in-memory text.
  std::string name;
  /// The CSV text; when empty the file `name` is read.
  std::optional<std::string> text;

  /// A file to read.
  static CsvSource file(Table table, std::string path);
  /// In-memory text, named `name` in errors.
  static CsvSource from_text(Table table, std::string text, std::string name);
};

/// Options of an import.
struct ImportOptions {
  /// Called every `progress_every` rows of each table and once at its end,
  /// with the table and the rows read so far (for progress bars; tests use
  /// it to kill a process at a chosen point).
  std::function<void(Table, std::size_t)> on_progress;
  /// Rows between progress calls.
  std::size_t progress_every = 10000;
};

/// Rows taken by an import, per table.
struct ImportSummary {
  std::array<std::size_t, table_count> rows{};
  /// Rows taken into `table`.
  [[nodiscard]] std::size_t rows_of(Table table) const noexcept {
    return rows[static_cast<std::size_t>(table)];
  }
  /// Rows taken in all.
  [[nodiscard]] std::size_t total() const noexcept;
};

/// A closeloop store: one SQLite database in WAL mode with foreign keys on
/// and a busy timeout. Each mutation is one transaction; a refused call
/// changes nothing on disk. Movable, not copyable; one Store per thread.
class Store {
 public:
  /// Opens the store at `path`, creating it when the file does not exist or
  /// is empty, and migrating an older schema forward. StoreError if the file
  /// is not a SQLite database or not a closeloop store; SchemaError if it
  /// was written by a newer schema.
  static Store create(const std::string& path, StoreOptions options = {});
  /// Opens an existing store (migrating an older schema forward);
  /// StoreError if there is no file at `path` or it is not a closeloop
  /// store (an empty file, any other file): only create() makes a store.
  static Store open(const std::string& path, StoreOptions options = {});
  /// Opens an existing store for reading only: nothing is written, not even
  /// the journal mode, so a store in a read-only file or directory can be
  /// read. StoreError as open(), and when the store needs a migration (open
  /// it for writing once). Mutations and imports fail with a StoreError.
  static Store open_read_only(const std::string& path, StoreOptions options = {});

  ~Store();
  Store(Store&& other) noexcept;
  Store& operator=(Store&& other) noexcept;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  /// The file this store lives in.
  [[nodiscard]] const std::string& path() const noexcept;
  /// The schema version of the open database (current_schema_version()
  /// once opened).
  [[nodiscard]] int schema_version() const;

  /// Imports CSV inputs in one transaction: every row of every input, or
  /// none. Inputs are applied in table order (all_tables()), whatever
  /// order they are given in. A bad row (wrong column count, bad date,
  /// unknown word, unknown reference, duplicate id) throws ParseError naming
  /// its file, line and column, and the database is unchanged.
  ImportSummary import_csv(std::span<const CsvSource> sources, const ImportOptions& options = {});

  /// Writes every table as CSV into `directory`, one file per table named
  /// file_name(table), from one consistent snapshot. The files are written
  /// into a temporary folder beside `directory` that is renamed into place
  /// as a whole: `directory` appears complete or not at all, and a failure
  /// (a full disk, a read-only folder) removes the temporary folder.
  /// StoreError if `directory` exists and is not empty. Returns the paths.
  std::vector<std::string> export_csv(const std::string& directory) const;
  /// One table as CSV text, in the format import_csv reads.
  [[nodiscard]] std::string export_table(Table table) const;

  /// The register's incidents as a metrics table (lifecycle::incident_table
  /// of load()): what the trend job, the measure series and the report
  /// compute on, with no CSV text in between.
  [[nodiscard]] metrics::IncidentTable incidents() const;
  /// The exposure rows as a metrics table, in (service, period, measure)
  /// order, from one snapshot. StoreError naming the row if a stored period
  /// or measure cannot be read.
  [[nodiscard]] metrics::ExposureTable exposure() const;

  /// Rows in `table`.
  [[nodiscard]] std::size_t count(Table table) const;

  /// The register the store holds, rebuilt from disk by replaying every row
  /// through the Register's own API (so every guard is checked again).
  /// StoreError naming the table and row if a stored row is refused.
  [[nodiscard]] lifecycle::Register load() const;
  /// The register as this connection last loaded or changed it, reloaded
  /// first if another connection has committed since. Valid until the next
  /// call on this Store.
  [[nodiscard]] const lifecycle::Register& current();
  /// Writes a whole register into a store that holds no lifecycle content
  /// yet (exposure rows may be present), in one transaction. RuleError
  /// (rule "store.save_requires_empty") otherwise.
  void save(const lifecycle::Register& reg);

  // Mutations. Each mirrors the Register call of the same name and is one
  // transaction: the call is checked against the current register (reloaded
  // if another process wrote), then its rows are written. A refused call
  // throws the Register's error and changes nothing on disk.

  /// Registers a provider incident category (lower-case letters, digits,
  /// underscores); does nothing if it is already known.
  void add_category(std::string_view category);
  void add_service(lifecycle::Service service);
  void add_incident(lifecycle::Incident incident);
  void record_notification(const IncidentId& id, Date date);
  void record_written_notice(const IncidentId& id, Date date);
  void add_investigation(lifecycle::Investigation investigation);
  void conclude_investigation(const InvestigationId& id, Date date, std::string findings,
                              std::vector<lifecycle::ContributingFactor> factors);
  void add_escalation_path(lifecycle::EscalationPath path);
  void set_default_escalation_path(const EscalationPathId& id);
  void add_plan(lifecycle::ActionPlan plan);
  void approve_plan(const PlanId& id, const std::string& approver, Date date);
  void refuse_plan(const PlanId& id, const std::string& approver, Date date,
                   const std::string& reason);
  void add_action(lifecycle::Action action);
  void update_action(const lifecycle::Action& updated, Instant at, const std::string& actor,
                     const std::string& note);
  void agree(const ActionId& id, Instant at, const std::string& actor, const std::string& note = {});
  void start(const ActionId& id, Instant at, const std::string& actor, const std::string& note = {});
  void implement(const ActionId& id, Instant at, const std::string& actor,
                 const std::string& note = {});
  void verify(const ActionId& id, Instant at, const std::string& actor,
              const std::string& note = {});
  void evaluate(const ActionId& id, Instant at, const std::string& actor,
                lifecycle::Verdict verdict, const std::string& basis,
                const std::vector<CheckId>& checks = {}, const std::string& note = {});
  void close(const ActionId& id, Instant at, const std::string& actor,
             std::optional<lifecycle::Decision> decision, const std::optional<ReviewId>& review,
             const std::string& note = {});
  void reopen(const ActionId& id, Instant at, const std::string& actor, const std::string& reason);
  void cancel(const ActionId& id, Instant at, const std::string& actor, const std::string& reason);
  void add_evidence(lifecycle::Evidence evidence);
  void add_check(lifecycle::Check check);
  void add_review(lifecycle::GovernanceReview review);
  void add_share(lifecycle::LearningShare share);
  void acknowledge_share(const ShareId& id, const ServiceId& service, Date date);
  void record_adoption(const ShareId& id, const ServiceId& service, bool adopted, Date date);
  void record_briefing(lifecycle::StaffBriefing briefing);

  /// Runs `body` as one transaction: the mutation calls it makes on this
  /// Store commit together when it returns, and none does if it throws (the
  /// exception is passed on). Each call is still checked against the
  /// register as changed by the calls before it. Import, save and
  /// erase_person open their own transactions and may not be called inside
  /// a batch (StoreError).
  void batch(const std::function<void(Store&)>& body);

  /// Removes one person's references on request (docs/data-protection.md):
  /// every incident with `person_ref` gets the person reference replaced by
  /// `replacement` and its description replaced by a redaction notice dated
  /// `at`; the audit trail (action events) is untouched, and an erasures row
  /// records when, how many incidents and `note` (never the reference).
  /// Returns the number of incidents changed. One transaction, then a
  /// checkpoint that empties the write-ahead log; with secure_delete on, no
  /// database file keeps the old text. Refused with RuleError
  /// "erase.replacement_in_use" when `replacement` is already an incident's
  /// person reference (it would merge two people), and with NotFoundError when
  /// no incident has `person_ref` (nothing is recorded). StoreError after the
  /// commit if another connection's open read keeps the checkpoint from
  /// finishing (call again later: nothing left to change, and it checkpoints).
  std::size_t erase_person(std::string_view person_ref, std::string_view replacement, Instant at,
                           std::string_view note);

  /// SQLite's integrity check: "ok" or the problems it found.
  [[nodiscard]] std::string integrity_check() const;

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace closeloop::store
