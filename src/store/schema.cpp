#include "schema.hpp"

#include <array>
#include <string>

namespace closeloop::store::detail {

namespace {

// Version 1: the interchange tables. Ids are the caller's keys; rowids keep
// the order rows arrived in, so an export lists them as they were imported.
constexpr std::string_view migration_1 = R"sql(
CREATE TABLE categories (
  category TEXT PRIMARY KEY NOT NULL CHECK (category <> '')
);
CREATE TABLE services (
  service_id TEXT PRIMARY KEY NOT NULL CHECK (service_id <> ''),
  name TEXT NOT NULL CHECK (name <> ''),
  type TEXT NOT NULL CHECK (type <> ''),
  capacity INTEGER CHECK (capacity IS NULL OR capacity >= 0),
  region TEXT NOT NULL DEFAULT ''
);
CREATE TABLE incidents (
  incident_id TEXT PRIMARY KEY NOT NULL CHECK (incident_id <> ''),
  service_id TEXT NOT NULL REFERENCES services (service_id),
  occurred_at TEXT NOT NULL,
  occurred_day INTEGER NOT NULL,
  reported_at TEXT NOT NULL,
  category TEXT NOT NULL,
  harm TEXT NOT NULL,
  person_ref TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT ''
);
CREATE TABLE exposure (
  service_id TEXT NOT NULL REFERENCES services (service_id),
  period TEXT NOT NULL,
  measure TEXT NOT NULL,
  value REAL NOT NULL CHECK (value >= 0),
  PRIMARY KEY (service_id, period, measure)
);
)sql";

constexpr std::array<Migration, 1> all_migrations{{
    {1, migration_1},
}};

}  // namespace

std::span<const Migration> migrations() noexcept { return all_migrations; }

namespace {

// Refuses what this build must not open; true when `version` needs migrating to `target`.
bool needs_migration(Connection& connection, int target) {
  const int current = all_migrations.back().version;
  const auto version = connection.query_int("PRAGMA user_version");
  const auto app = connection.query_int("PRAGMA application_id");
  const auto objects = connection.query_int("SELECT count(*) FROM sqlite_schema");
  if (app != application_id && !(app == 0 && version == 0 && objects == 0)) {
    throw SchemaError("\"" + connection.path() +
                      "\" is a SQLite database but not a closeloop store (application_id " +
                      std::to_string(app) + ")");
  }
  if (version > current) {
    throw SchemaError("store \"" + connection.path() + "\" has schema version " +
                      std::to_string(version) + ", newer than the version " +
                      std::to_string(current) +
                      " this closeloop understands: open it with a newer closeloop");
  }
  return version < target;
}

}  // namespace

void prepare_schema(Connection& connection, int target) {
  if (target < 0) target = all_migrations.back().version;
  // A plain read first: opening an up-to-date store never takes the write
  // lock, so readers and writers can open it while another process writes.
  {
    Transaction read(connection, TransactionKind::deferred);
    if (!needs_migration(connection, target)) return;
  }
  Transaction transaction(connection, TransactionKind::immediate);
  if (!needs_migration(connection, target)) return;  // another process migrated it
  const auto version = connection.query_int("PRAGMA user_version");
  for (const Migration& migration : all_migrations) {
    if (migration.version <= version || migration.version > target) continue;
    connection.exec(migration.sql);
  }
  connection.exec("PRAGMA application_id=" + std::to_string(application_id));
  connection.exec("PRAGMA user_version=" + std::to_string(target));
  transaction.commit();
}

}  // namespace closeloop::store::detail
