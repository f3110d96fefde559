#pragma once
// A store file as an earlier release left it: the schema at an old version
// and the rows that release wrote, for the migration tests.

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <string>

#include "../../src/store/schema.hpp"
#include "../../src/store/sqlite.hpp"
#include "store_test_util.hpp"

namespace closeloop::store::testing {

/// Makes `name` in `dir` at schema `version` holding the rows `insert_sql`
/// adds; `inspect` sees the raw connection before the rows go in (to check
/// what the old schema lacks). Returns the file's path.
inline std::string old_store(const TempDir& dir, const std::string& name, int version,
                             const std::string& insert_sql,
                             const std::function<void(detail::Connection&)>& inspect = {}) {
  using namespace std::chrono_literals;
  const auto path = dir.file(name);
  detail::Connection raw(path, detail::OpenMode::read_write_create, 100ms);
  detail::prepare_schema(raw, version);
  EXPECT_EQ(raw.query_int("PRAGMA user_version"), version);
  if (inspect) inspect(raw);
  raw.exec(insert_sql);
  return path;
}

/// Opens an old store file, which migrates it, and checks that it reached
/// the current schema.
inline Store open_migrated(const std::string& path) {
  auto store = Store::open(path);
  EXPECT_EQ(store.schema_version(), current_schema_version());
  return store;
}

}  // namespace closeloop::store::testing
