#pragma once
// A small RAII layer over the SQLite C API, private to the store: a
// connection configured the way closeloop needs it (WAL, foreign keys, a busy
// timeout), prepared statements, and a transaction guard that rolls back when
// an exception leaves its scope. Every failure becomes a closeloop::StoreError
// carrying SQLite's message and the SQL (or operation) it came from.

#include <sqlite3.h>

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "closeloop/core/error.hpp"

namespace closeloop::store::detail {

/// How a connection is opened. A read-only connection never writes: it
/// leaves the journal mode as it finds it and reads a store in a read-only
/// file or directory (docs/reliability.md).
enum class OpenMode { read_write_create, read_write, read_only };

class Connection;

/// The error raised for a failed SQLite call: the store's file, SQLite's
/// message and extended code name, and the SQL or operation (`context`). A
/// busy or locked database says so plainly, with the timeout that expired.
[[noreturn]] void throw_sqlite_error(const Connection& connection, int rc, std::string_view context);

/// True for SQLITE_BUSY and SQLITE_LOCKED (any extended form).
bool is_busy(int rc) noexcept;

class Statement;

/// One open database connection (not movable: statements point at it).
class Connection {
 public:
  /// Opens `path`, switches it to WAL (not when read-only), turns foreign
  /// keys and secure_delete on and sets the busy timeout. StoreError if the
  /// file cannot be opened or is not SQLite.
  Connection(const std::string& path, OpenMode mode, std::chrono::milliseconds busy_timeout);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  Connection(Connection&&) = delete;
  Connection& operator=(Connection&&) = delete;

  /// Runs one or more statements with no results.
  void exec(std::string_view sql);
  /// Prepares one statement.
  [[nodiscard]] Statement prepare(std::string_view sql);
  /// The single integer a query such as "PRAGMA user_version" returns.
  [[nodiscard]] std::int64_t query_int(std::string_view sql);
  /// Rows changed by the last statement.
  [[nodiscard]] std::int64_t changes() const noexcept;
  /// The raw handle (for the few calls this layer does not wrap).
  [[nodiscard]] sqlite3* handle() const noexcept { return db_; }
  /// The busy timeout, quoted in busy errors.
  [[nodiscard]] std::chrono::milliseconds busy_timeout() const noexcept { return busy_timeout_; }
  /// The file name, quoted in errors.
  [[nodiscard]] const std::string& path() const noexcept { return path_; }
  /// Rewrites the write-ahead log into the database and truncates it to zero
  /// bytes (PRAGMA wal_checkpoint(TRUNCATE)). StoreError if another
  /// connection's open read keeps old pages in the log.
  void checkpoint_truncate();

 private:
  // After a read-only open: SQLITE_OK when the store can be read, or the
  // result of reopening it as immutable when its WAL files cannot be made.
  int readable_or_immutable(const std::string& path);
  sqlite3* db_ = nullptr;
  std::string path_;
  std::chrono::milliseconds busy_timeout_{0};
};

/// A prepared statement; parameters are 1-based, columns 0-based.
class Statement {
 public:
  Statement(Connection& connection, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;

  Statement& bind(int index, std::int64_t value);
  Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
  Statement& bind(int index, double value);
  /// Binds text without copying: `value` must outlive the next step().
  Statement& bind(int index, std::string_view value);
  Statement& bind(int index, const char* value) { return bind(index, std::string_view(value)); }
  Statement& bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }
  Statement& bind_null(int index);
  /// Binds a value or NULL.
  template <class T>
  Statement& bind(int index, const std::optional<T>& value) {
    if (value) return bind(index, *value);
    return bind_null(index);
  }

  /// Advances: true when a row is available, false when done. Throws
  /// StoreError on failure; the statement is reset so it can be reused.
  bool step();
  /// Runs a statement that returns no rows, then resets it for reuse.
  void run();
  /// The raw result code of a step, for callers that map constraint failures
  /// themselves (SQLITE_ROW, SQLITE_DONE or an error code). Resets on error.
  int step_raw() noexcept;
  /// Makes the statement ready to run again (bindings kept).
  void reset() noexcept;
  /// Clears all bindings to NULL.
  void clear_bindings() noexcept;

  [[nodiscard]] bool is_null(int column) const noexcept;
  [[nodiscard]] std::int64_t column_int(int column) const noexcept;
  [[nodiscard]] double column_double(int column) const noexcept;
  /// The column as text ("" for NULL); valid until the next step or reset.
  [[nodiscard]] std::string_view column_text(int column) const noexcept;
  [[nodiscard]] std::optional<std::int64_t> column_optional_int(int column) const noexcept;
  [[nodiscard]] std::optional<std::string> column_optional_text(int column) const;

  /// The SQL text, for error messages.
  [[nodiscard]] std::string_view sql() const noexcept;
  [[nodiscard]] sqlite3_stmt* handle() const noexcept { return stmt_; }

 private:
  Connection* connection_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

/// When a transaction takes the write lock.
enum class TransactionKind {
  deferred,   ///< on the first write (readers)
  immediate,  ///< at BEGIN: writers, so that two writers queue on the busy timeout
};

/// Begins a transaction; commit() ends it, and leaving the scope without
/// committing (an exception) rolls it back.
class Transaction {
 public:
  Transaction(Connection& connection, TransactionKind kind);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  /// Commits; StoreError (and a rollback) if the commit fails.
  void commit();
  /// Rolls back now.
  void rollback() noexcept;

 private:
  Connection& connection_;
  bool open_ = true;
};

}  // namespace closeloop::store::detail
