#pragma once
// The store's schema and its forward migrations. Each migration is a SQL
// script that takes the database from version N-1 to N; opening a store runs
// the missing ones in one transaction and records the result in
// PRAGMA user_version. PRAGMA application_id marks the file as closeloop's.

#include <cstdint>
#include <span>
#include <string_view>

#include "sqlite.hpp"

namespace closeloop::store::detail {

/// "CLOS" in ASCII: PRAGMA application_id of every closeloop store.
inline constexpr std::int64_t application_id = 0x434C4F53;

/// One step of the schema's history.
struct Migration {
  int version;           ///< the user_version after this step
  std::string_view sql;  ///< the script
};

/// Every migration, oldest first; the last one's version is current.
std::span<const Migration> migrations() noexcept;

/// Brings the open database to `target` (current by default): refuses a
/// database that is not a closeloop store or was written by a newer schema,
/// creates an empty one, migrates an older one. One immediate transaction.
void prepare_schema(Connection& connection, int target = -1);

/// Refuses a database that is not already a closeloop store: StoreError for
/// a file that is not SQLite, SchemaError for a fresh empty database or
/// another application's database. Store::open and open_read_only never initialise a file.
void require_store(Connection& connection);

/// Refuses (SchemaError) a store whose schema is not this build's, for
/// connections that may not migrate (read-only ones).
void require_current_schema(Connection& connection);

}  // namespace closeloop::store::detail
