#include "sqlite.hpp"

#include <utility>

namespace closeloop::store::detail {

namespace {

std::string shortened(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() < 200 ? sql.size() : 200);
  bool space = false;
  for (char c : sql) {
    const bool blank = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (blank) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
    if (out.size() >= 200) {
      out += "...";
      break;
    }
  }
  return out;
}

}  // namespace

bool is_busy(int rc) noexcept {
  const int primary = rc & 0xff;
  return primary == SQLITE_BUSY || primary == SQLITE_LOCKED;
}

void throw_sqlite_error(const Connection& connection, int rc, std::string_view context) {
  std::string message = "store \"" + connection.path() + "\": ";
  if (is_busy(rc)) {
    message += "database is busy: another connection holds the lock and the busy timeout of " +
               std::to_string(connection.busy_timeout().count()) + " ms expired";
  } else {
    const char* text = connection.handle() != nullptr ? sqlite3_errmsg(connection.handle())
                                                      : sqlite3_errstr(rc);
    message += text;
  }
  message += " [";
  message += sqlite3_errstr(rc);
  message += ", code " + std::to_string(rc) + "]";
  if (!context.empty()) message += " in: " + shortened(context);
  throw StoreError(message);
}

Connection::Connection(const std::string& path, OpenMode mode,
                       std::chrono::milliseconds busy_timeout)
    : path_(path), busy_timeout_(busy_timeout) {
  const bool read_only = mode == OpenMode::read_only;
  int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX;
  if (mode == OpenMode::read_write_create) flags |= SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
  if (rc == SQLITE_OK && read_only) rc = readable_or_immutable(path);
  if (rc != SQLITE_OK) {
    std::string message = "cannot open store \"" + path + "\": ";
    message += db_ != nullptr ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw StoreError(message);
  }
  sqlite3_extended_result_codes(db_, 1);
  try {
    sqlite3_busy_timeout(db_, static_cast<int>(busy_timeout.count()));
    if (read_only) {
      exec("PRAGMA query_only=ON");
      return;
    }
    // Deleted and overwritten content is zeroed, not left in free space
    // (erasure, docs/data-protection.md).
    exec("PRAGMA secure_delete=ON");
    // journal_mode answers with the mode it ended in; anything but "wal"
    // (a read-only medium, an in-memory database) is reported, not ignored.
    Statement wal(*this, "PRAGMA journal_mode=WAL");
    if (!wal.step()) throw_sqlite_error(*this, SQLITE_ERROR, "PRAGMA journal_mode=WAL");
    const std::string journal(wal.column_text(0));
    if (journal != "wal" && path != ":memory:") {
      throw StoreError("store \"" + path + "\": cannot switch to WAL journal mode (got \"" +
                       journal + "\")");
    }
    exec("PRAGMA foreign_keys=ON");
    if (query_int("PRAGMA foreign_keys") != 1) {
      throw StoreError("store \"" + path + "\": this SQLite cannot enforce foreign keys");
    }
  } catch (...) {
    sqlite3_close_v2(db_);
    db_ = nullptr;
    throw;
  }
}

int Connection::readable_or_immutable(const std::string& path) {
  // A WAL store in a read-only directory (or a read-only file with no -shm
  // beside it) cannot set up its shared memory: SQLite answers
  // SQLITE_CANTOPEN or SQLITE_READONLY on the first read. No writer can
  // reach such a store either, so it is read as immutable.
  const int rc = sqlite3_exec(db_, "SELECT count(*) FROM sqlite_schema", nullptr, nullptr, nullptr);
  const int primary = rc & 0xff;
  if (primary != SQLITE_CANTOPEN && primary != SQLITE_READONLY) return rc;
  sqlite3_close_v2(db_);
  db_ = nullptr;
  std::string uri = "file:";
  for (char c : path) {
    if (c == '?' || c == '#' || c == '%') {
      static constexpr char hex[] = "0123456789ABCDEF";
      uri += '%';
      uri += hex[(static_cast<unsigned char>(c) >> 4) & 0xF];
      uri += hex[static_cast<unsigned char>(c) & 0xF];
    } else {
      uri += c;
    }
  }
  uri += "?immutable=1";
  return sqlite3_open_v2(uri.c_str(), &db_,
                         SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, nullptr);
}

void Connection::checkpoint_truncate() {
  int log_frames = 0;
  int checkpointed = 0;
  const int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &log_frames,
                                           &checkpointed);
  // TRUNCATE answers SQLITE_BUSY unless it copied every frame and emptied the log.
  if (rc != SQLITE_OK && !is_busy(rc)) throw_sqlite_error(*this, rc, "PRAGMA wal_checkpoint(TRUNCATE)");
  if (is_busy(rc)) {
    throw StoreError("store \"" + path_ + "\": the write-ahead log could not be emptied (" +
                     std::to_string(checkpointed) + " of " + std::to_string(log_frames) +
                     " frames copied): another connection is reading; run the call again "
                     "when it has finished");
  }
}

Connection::~Connection() {
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

void Connection::exec(std::string_view sql) {
  const std::string text(sql);
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) throw_sqlite_error(*this, rc, sql);
}

Statement Connection::prepare(std::string_view sql) { return {*this, sql}; }

std::int64_t Connection::query_int(std::string_view sql) {
  Statement statement(*this, sql);
  if (!statement.step()) throw StoreError("store \"" + path_ + "\": no result from " + std::string(sql));
  return statement.column_int(0);
}

std::int64_t Connection::changes() const noexcept { return sqlite3_changes64(db_); }

Statement::Statement(Connection& connection, std::string_view sql) : connection_(&connection) {
  const int rc = sqlite3_prepare_v3(connection.handle(), sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc != SQLITE_OK) throw_sqlite_error(connection, rc, sql);
}

Statement::~Statement() {
  if (stmt_ != nullptr) sqlite3_finalize(stmt_);
}

Statement::Statement(Statement&& other) noexcept
    : connection_(other.connection_), stmt_(std::exchange(other.stmt_, nullptr)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    if (stmt_ != nullptr) sqlite3_finalize(stmt_);
    connection_ = other.connection_;
    stmt_ = std::exchange(other.stmt_, nullptr);
  }
  return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
  const int rc = sqlite3_bind_int64(stmt_, index, value);
  if (rc != SQLITE_OK) throw_sqlite_error(*connection_, rc, sql());
  return *this;
}

Statement& Statement::bind(int index, double value) {
  const int rc = sqlite3_bind_double(stmt_, index, value);
  if (rc != SQLITE_OK) throw_sqlite_error(*connection_, rc, sql());
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  const int rc = sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_STATIC,
                                     SQLITE_UTF8);
  if (rc != SQLITE_OK) throw_sqlite_error(*connection_, rc, sql());
  return *this;
}

Statement& Statement::bind_null(int index) {
  const int rc = sqlite3_bind_null(stmt_, index);
  if (rc != SQLITE_OK) throw_sqlite_error(*connection_, rc, sql());
  return *this;
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  sqlite3_reset(stmt_);
  throw_sqlite_error(*connection_, rc, sql());
}

void Statement::run() {
  while (step()) {
  }
  sqlite3_reset(stmt_);
}

int Statement::step_raw() noexcept {
  const int rc = sqlite3_step(stmt_);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) sqlite3_reset(stmt_);
  return rc;
}

void Statement::reset() noexcept { sqlite3_reset(stmt_); }

void Statement::clear_bindings() noexcept { sqlite3_clear_bindings(stmt_); }

bool Statement::is_null(int column) const noexcept {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t Statement::column_int(int column) const noexcept {
  return sqlite3_column_int64(stmt_, column);
}

double Statement::column_double(int column) const noexcept {
  return sqlite3_column_double(stmt_, column);
}

std::string_view Statement::column_text(int column) const noexcept {
  const auto* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return {reinterpret_cast<const char*>(text),
          static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::optional<std::int64_t> Statement::column_optional_int(int column) const noexcept {
  if (is_null(column)) return std::nullopt;
  return column_int(column);
}

std::optional<std::string> Statement::column_optional_text(int column) const {
  if (is_null(column)) return std::nullopt;
  return std::string(column_text(column));
}

std::string_view Statement::sql() const noexcept {
  const char* text = stmt_ != nullptr ? sqlite3_sql(stmt_) : nullptr;
  return text != nullptr ? std::string_view(text) : std::string_view();
}

Transaction::Transaction(Connection& connection, TransactionKind kind) : connection_(connection) {
  connection_.exec(kind == TransactionKind::immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Transaction::~Transaction() { rollback(); }

void Transaction::commit() {
  if (!open_) throw StoreError("store \"" + connection_.path() + "\": commit of a finished transaction");
  const int rc = sqlite3_exec(connection_.handle(), "COMMIT", nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) {
    // A busy COMMIT leaves the transaction open: roll it back so the guard's
    // promise (commit or nothing) holds.
    rollback();
    throw_sqlite_error(connection_, rc, "COMMIT");
  }
  open_ = false;
}

void Transaction::rollback() noexcept {
  if (!open_) return;
  open_ = false;
  if (sqlite3_get_autocommit(connection_.handle()) == 0) {
    sqlite3_exec(connection_.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

}  // namespace closeloop::store::detail
