// Schema versioning: a new store is stamped with the current version and
// closeloop's application id; newer and foreign databases are refused.
#include <gtest/gtest.h>

#include "../../src/store/schema.hpp"
#include "../../src/store/sqlite.hpp"
#include "old_store.hpp"
#include "store_test_util.hpp"

namespace closeloop::store {
namespace {

using testing::TempDir;
using testing::old_store;
using testing::open_migrated;
using namespace std::chrono_literals;

TEST(Schema, NewStoreHasCurrentVersionAndApplicationId) {
  TempDir dir;
  const auto path = dir.file("new.db");
  {
    auto store = Store::create(path);
    EXPECT_EQ(store.schema_version(), current_schema_version());
    EXPECT_EQ(store.integrity_check(), "ok");
  }
  detail::Connection raw(path, detail::OpenMode::read_write, 100ms);
  EXPECT_EQ(raw.query_int("PRAGMA application_id"), 0x434C4F53);
  EXPECT_EQ(raw.query_int("PRAGMA user_version"), current_schema_version());
  EXPECT_EQ(raw.query_int("SELECT count(*) FROM sqlite_schema WHERE name = 'incidents'"), 1);
}

TEST(Schema, CurrentVersionIsTheLastMigration) {
  const auto all = detail::migrations();
  ASSERT_FALSE(all.empty());
  for (std::size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].version, static_cast<int>(i) + 1);
  EXPECT_EQ(current_schema_version(), all.back().version);
}

TEST(Schema, Version2StoreMigratesToDutyOfCandourDates) {
  TempDir dir;
  const auto path = old_store(dir, "v2.db", 2,
      "INSERT INTO services (service_id, name, type, capacity, region) "
      "VALUES ('S1', 'Oak House', 'residential', 40, 'North');"
      "INSERT INTO incidents (incident_id, service_id, occurred_at, occurred_day, "
      "reported_at, category, harm, person_ref, description, notifiable, notification_due) "
      "VALUES ('I1', 'S1', '2026-03-02T10:00:00', 20514, '2026-03-02T10:00:00', 'fall', "
      "'severe', 'P-1', '', 'true', '2026-03-16');");
  auto store = open_migrated(path);
  EXPECT_EQ(store.current().incident(IncidentId("I1")).notified_on, std::nullopt);
  store.record_notification(IncidentId("I1"), parse_date("2026-03-04"));
  store.record_written_notice(IncidentId("I1"), parse_date("2026-03-05"));
  const auto reloaded = Store::open(path).load();
  EXPECT_EQ(reloaded.incident(IncidentId("I1")).notified_on, parse_date("2026-03-04"));
  EXPECT_EQ(reloaded.incident(IncidentId("I1")).written_notice_on, parse_date("2026-03-05"));
  EXPECT_EQ(store.integrity_check(), "ok");
}

// Version 6: evidence, checks and reviews gain `shareable`; a record made
// before it is not shareable, and the field round-trips after the upgrade.
TEST(Schema, Version5StoreMigratesToShareableRecords) {
  TempDir dir;
  const auto path = old_store(dir, "v5.db", 5,
      "INSERT INTO reviews (review_id, forum, date, plans, actions, decisions) "
      "VALUES ('R1', 'board', '2026-03-02', '', '', 'Minuted by Jo Bell');");
  auto store = Store::open(path);
  EXPECT_EQ(store.schema_version(), 6);
  EXPECT_FALSE(store.current().review(ReviewId("R1")).shareable);
  lifecycle::GovernanceReview shared;
  shared.id = ReviewId("R2");
  shared.forum = lifecycle::Forum::board;
  shared.date = parse_date("2026-04-06");
  shared.decisions = "Adopt the new escalation card across services";
  shared.shareable = true;
  store.add_review(shared);
  const auto reloaded = Store::open(path).load();
  EXPECT_FALSE(reloaded.review(ReviewId("R1")).shareable);
  EXPECT_TRUE(reloaded.review(ReviewId("R2")).shareable);
  EXPECT_EQ(store.integrity_check(), "ok");
}

TEST(Schema, NewerSchemaIsRefusedAndLeftAlone) {
  TempDir dir;
  const auto path = dir.file("newer.db");
  (void)Store::create(path);
  const int newer = current_schema_version() + 1;
  {
    detail::Connection raw(path, detail::OpenMode::read_write, 100ms);
    raw.exec("PRAGMA user_version=" + std::to_string(newer));
  }
  try {
    (void)Store::open(path);
    FAIL() << "expected SchemaError";
  } catch (const SchemaError& error) {
    const std::string expected = "store \"" + path + "\" has schema version " +
                                 std::to_string(newer) + ", newer than the version " +
                                 std::to_string(current_schema_version()) +
                                 " this closeloop understands: open it with a newer closeloop";
    EXPECT_EQ(error.what(), expected);
    EXPECT_EQ(error.code(), ErrorCode::schema);
  }
  EXPECT_THROW((void)Store::create(path), SchemaError);
  detail::Connection raw(path, detail::OpenMode::read_write, 100ms);
  EXPECT_EQ(raw.query_int("PRAGMA user_version"), newer);
}

TEST(Schema, ForeignSqliteDatabaseIsRefused) {
  TempDir dir;
  const auto path = dir.file("other.db");
  {
    detail::Connection raw(path, detail::OpenMode::read_write_create, 100ms);
    raw.exec("CREATE TABLE accounts (id INTEGER)");
  }
  try {
    (void)Store::open(path);
    FAIL() << "expected SchemaError";
  } catch (const SchemaError& error) {
    EXPECT_NE(std::string(error.what()).find("not a closeloop store"), std::string::npos);
  }
}

TEST(Schema, OpenRequiresAnExistingFile) {
  TempDir dir;
  try {
    (void)Store::open(dir.file("absent.db"));
    FAIL() << "expected StoreError";
  } catch (const StoreError& error) {
    EXPECT_EQ(std::string(error.what()),
              "no store at \"" + dir.file("absent.db") + "\": create one first (closeloop init)");
  }
  EXPECT_FALSE(std::filesystem::exists(dir.file("absent.db")));
}

TEST(Schema, CreateOnExistingStoreKeepsItsContent) {
  TempDir dir;
  const auto path = dir.file("s.db");
  {
    auto store = Store::create(path);
    store.add_category("dehydration");
  }
  auto again = Store::create(path);
  EXPECT_EQ(again.count(Table::categories), 1U);
}

}  // namespace
}  // namespace closeloop::store
