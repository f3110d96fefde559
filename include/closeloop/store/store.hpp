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

namespace closeloop::store {

/// The schema version this build writes (PRAGMA user_version). Older stores
/// are migrated forward when opened; newer ones are refused with SchemaError.
int current_schema_version() noexcept;

/// The tables of the interchange formats, in the order an import applies
/// them (each may refer only to tables before it).
enum class Table : std::uint8_t {
  categories,
  services,
  incidents,
  exposure,
};

/// Number of Table values.
inline constexpr std::size_t table_count = 4;

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
  /// StoreError if there is no file at `path`.
  static Store open(const std::string& path, StoreOptions options = {});

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

  /// Writes every table as CSV into `directory` (created if needed), one
  /// file per table named file_name(table), from one consistent snapshot.
  /// Each file is written beside its final name and renamed into place.
  /// Returns the paths written.
  std::vector<std::string> export_csv(const std::string& directory) const;
  /// One table as CSV text, in the format import_csv reads.
  [[nodiscard]] std::string export_table(Table table) const;

  /// Rows in `table`.
  [[nodiscard]] std::size_t count(Table table) const;
  /// Registers a provider-specific incident category (lower-case letters,
  /// digits, underscores); does nothing if already known.
  void add_category(std::string_view category);

  /// SQLite's integrity check: "ok" or the problems it found.
  [[nodiscard]] std::string integrity_check() const;

 private:
  struct Impl;
  explicit Store(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace closeloop::store
