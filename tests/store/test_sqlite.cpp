// The private SQLite layer: connection settings, errors that carry SQLite's
// message and the SQL, and the transaction guard's rollback on exceptions.
#include <gtest/gtest.h>

#include <stdexcept>

#include "../../src/store/sqlite.hpp"
#include "store_test_util.hpp"

namespace closeloop::store::detail {
namespace {

using closeloop::store::testing::TempDir;
using namespace std::chrono_literals;

TEST(Sqlite, ConnectionUsesWalForeignKeysAndBusyTimeout) {
  TempDir dir;
  Connection connection(dir.file("a.db"), OpenMode::read_write_create, 1234ms);
  auto journal = connection.prepare("PRAGMA journal_mode");
  ASSERT_TRUE(journal.step());
  EXPECT_EQ(journal.column_text(0), "wal");
  EXPECT_EQ(connection.query_int("PRAGMA foreign_keys"), 1);
  EXPECT_EQ(connection.query_int("PRAGMA busy_timeout"), 1234);
}

TEST(Sqlite, ErrorsCarrySqliteMessageAndSql) {
  TempDir dir;
  Connection connection(dir.file("a.db"), OpenMode::read_write_create, 100ms);
  try {
    connection.exec("SELECT * FROM no_such_table");
    FAIL() << "expected StoreError";
  } catch (const StoreError& error) {
    const std::string what = error.what();
    EXPECT_NE(what.find("no such table: no_such_table"), std::string::npos) << what;
    EXPECT_NE(what.find("in: SELECT * FROM no_such_table"), std::string::npos) << what;
    EXPECT_NE(what.find(dir.file("a.db")), std::string::npos) << what;
    EXPECT_EQ(error.code(), ErrorCode::store);
  }
}

TEST(Sqlite, OpeningWithoutCreateFailsForMissingFile) {
  TempDir dir;
  EXPECT_THROW(Connection(dir.file("missing.db"), OpenMode::read_write, 100ms), StoreError);
}

TEST(Sqlite, NonDatabaseFileIsAStoreError) {
  TempDir dir;
  closeloop::store::testing::write_file(dir.file("junk.db"),
                                        std::string(4096, 'x') + "not a database");
  try {
    Connection connection(dir.file("junk.db"), OpenMode::read_write, 100ms);
    FAIL() << "expected StoreError";
  } catch (const StoreError& error) {
    EXPECT_NE(std::string(error.what()).find("file is not a database"), std::string::npos)
        << error.what();
  }
}

TEST(Sqlite, TransactionGuardRollsBackOnException) {
  TempDir dir;
  Connection connection(dir.file("a.db"), OpenMode::read_write_create, 100ms);
  connection.exec("CREATE TABLE t (x INTEGER)");
  try {
    Transaction transaction(connection, TransactionKind::immediate);
    connection.exec("INSERT INTO t VALUES (1)");
    throw std::runtime_error("refused half way");
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(connection.query_int("SELECT count(*) FROM t"), 0);
  {
    Transaction transaction(connection, TransactionKind::immediate);
    connection.exec("INSERT INTO t VALUES (2)");
    transaction.commit();
  }
  EXPECT_EQ(connection.query_int("SELECT sum(x) FROM t"), 2);
}

TEST(Sqlite, StatementsBindAndReadBack) {
  TempDir dir;
  Connection connection(dir.file("a.db"), OpenMode::read_write_create, 100ms);
  connection.exec("CREATE TABLE t (a INTEGER, b REAL, c TEXT, d TEXT)");
  auto insert = connection.prepare("INSERT INTO t VALUES (?, ?, ?, ?)");
  insert.bind(1, std::int64_t{-7}).bind(2, 0.1).bind(3, "caf\xC3\xA9, \"x\"").bind_null(4);
  insert.run();
  auto select = connection.prepare("SELECT a, b, c, d FROM t");
  ASSERT_TRUE(select.step());
  EXPECT_EQ(select.column_int(0), -7);
  EXPECT_EQ(select.column_double(1), 0.1);
  EXPECT_EQ(select.column_text(2), "caf\xC3\xA9, \"x\"");
  EXPECT_TRUE(select.is_null(3));
  EXPECT_EQ(select.column_optional_text(3), std::nullopt);
  EXPECT_FALSE(select.step());
}

TEST(Sqlite, BusyWriterGetsAClearError) {
  TempDir dir;
  Connection first(dir.file("a.db"), OpenMode::read_write_create, 0ms);
  first.exec("CREATE TABLE t (x INTEGER)");
  Connection second(dir.file("a.db"), OpenMode::read_write, 50ms);
  Transaction holding(first, TransactionKind::immediate);
  try {
    Transaction waiting(second, TransactionKind::immediate);
    FAIL() << "expected a busy StoreError";
  } catch (const StoreError& error) {
    const std::string what = error.what();
    EXPECT_NE(what.find("database is busy"), std::string::npos) << what;
    EXPECT_NE(what.find("busy timeout of 50 ms expired"), std::string::npos) << what;
  }
}

}  // namespace
}  // namespace closeloop::store::detail
