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

// Version 2: the whole lifecycle register. Columns hold the interchange text
// forms (docs/store.md) so that a load decodes exactly what an import
// checked. Optional references are NULL when absent so foreign keys hold.
// action_events is the audit log: append-only, enforced by triggers.
constexpr std::string_view migration_2 = R"sql(
UPDATE services SET capacity = 0 WHERE capacity IS NULL;
ALTER TABLE incidents ADD COLUMN psychological_harm TEXT NOT NULL DEFAULT 'none';
ALTER TABLE incidents ADD COLUMN notifiable TEXT NOT NULL DEFAULT 'false';
ALTER TABLE incidents ADD COLUMN notification_due TEXT;
CREATE TABLE investigations (
  investigation_id TEXT PRIMARY KEY NOT NULL CHECK (investigation_id <> ''),
  incidents TEXT NOT NULL, method TEXT NOT NULL, lead TEXT NOT NULL, opened TEXT NOT NULL,
  concluded TEXT, findings TEXT NOT NULL, factors TEXT NOT NULL
);
CREATE TABLE escalation_paths (
  path_id TEXT PRIMARY KEY NOT NULL CHECK (path_id <> ''),
  name TEXT NOT NULL, is_default TEXT NOT NULL CHECK (is_default IN ('true', 'false'))
);
CREATE TABLE escalation_steps (
  path_id TEXT NOT NULL REFERENCES escalation_paths (path_id),
  position TEXT NOT NULL, kind TEXT NOT NULL, offset_days TEXT NOT NULL,
  repeat_days TEXT NOT NULL, until_offset_days TEXT, recipient TEXT NOT NULL,
  PRIMARY KEY (path_id, position)
);
CREATE TABLE plans (
  plan_id TEXT PRIMARY KEY NOT NULL CHECK (plan_id <> ''),
  investigation_id TEXT NOT NULL REFERENCES investigations (investigation_id),
  scope TEXT REFERENCES services (service_id), created_on TEXT NOT NULL,
  approver TEXT NOT NULL, approval TEXT NOT NULL, decided_on TEXT,
  refusal_reason TEXT NOT NULL, review_interval_days TEXT NOT NULL,
  min_observation_days TEXT NOT NULL, sustainment_months TEXT NOT NULL,
  sustainment_tolerance_days TEXT NOT NULL,
  escalation_path_id TEXT REFERENCES escalation_paths (path_id)
);
CREATE TABLE actions (
  action_id TEXT PRIMARY KEY NOT NULL CHECK (action_id <> ''),
  plan_id TEXT NOT NULL REFERENCES plans (plan_id),
  title TEXT NOT NULL, description TEXT NOT NULL, proposed_on TEXT NOT NULL,
  factors TEXT NOT NULL, owner TEXT NOT NULL, due TEXT, intervention TEXT NOT NULL,
  evidence_required TEXT NOT NULL
);
CREATE TABLE measures (
  action_id TEXT NOT NULL REFERENCES actions (action_id),
  position TEXT NOT NULL, kind TEXT NOT NULL, what TEXT NOT NULL, how TEXT NOT NULL,
  level TEXT NOT NULL, "by" TEXT, measured_by TEXT NOT NULL, category TEXT NOT NULL,
  service_id TEXT REFERENCES services (service_id), denominator TEXT NOT NULL,
  direction TEXT NOT NULL, target TEXT,
  PRIMARY KEY (action_id, position)
);
CREATE TABLE monitoring (
  action_id TEXT NOT NULL REFERENCES actions (action_id),
  position TEXT NOT NULL, kind TEXT NOT NULL, recurrence TEXT NOT NULL, "by" TEXT NOT NULL,
  starts TEXT, tolerance_days TEXT NOT NULL,
  PRIMARY KEY (action_id, position)
);
CREATE TABLE evidence (
  evidence_id TEXT PRIMARY KEY NOT NULL CHECK (evidence_id <> ''),
  action_id TEXT NOT NULL REFERENCES actions (action_id),
  kind TEXT NOT NULL, date TEXT NOT NULL, reference TEXT NOT NULL, summary TEXT NOT NULL
);
CREATE TABLE checks (
  check_id TEXT PRIMARY KEY NOT NULL CHECK (check_id <> ''),
  action_id TEXT NOT NULL REFERENCES actions (action_id),
  date TEXT NOT NULL, kind TEXT NOT NULL, passed TEXT NOT NULL, score TEXT,
  denominator TEXT, "by" TEXT NOT NULL, note TEXT NOT NULL
);
CREATE TABLE reviews (
  review_id TEXT PRIMARY KEY NOT NULL CHECK (review_id <> ''),
  forum TEXT NOT NULL, date TEXT NOT NULL, plans TEXT NOT NULL, actions TEXT NOT NULL,
  decisions TEXT NOT NULL
);
CREATE TABLE shares (
  share_id TEXT PRIMARY KEY NOT NULL CHECK (share_id <> ''),
  plan_id TEXT NOT NULL REFERENCES plans (plan_id),
  channel TEXT NOT NULL, date TEXT NOT NULL, summary TEXT NOT NULL
);
CREATE TABLE share_targets (
  share_id TEXT NOT NULL REFERENCES shares (share_id),
  service_id TEXT NOT NULL REFERENCES services (service_id),
  acknowledged_on TEXT, adopted TEXT, decided_on TEXT,
  PRIMARY KEY (share_id, service_id)
);
CREATE TABLE action_events (
  seq INTEGER PRIMARY KEY,
  action_id TEXT NOT NULL REFERENCES actions (action_id),
  at TEXT NOT NULL, actor TEXT NOT NULL, "transition" TEXT NOT NULL, "from" TEXT NOT NULL,
  "to" TEXT NOT NULL, note TEXT NOT NULL, verdict TEXT, basis TEXT NOT NULL,
  checks TEXT NOT NULL, decision TEXT, review_id TEXT REFERENCES reviews (review_id)
);
CREATE INDEX action_events_by_action ON action_events (action_id, seq);
CREATE TRIGGER action_events_no_update BEFORE UPDATE ON action_events
BEGIN
  SELECT RAISE(ABORT, 'action_events is append-only: an event is never changed');
END;
CREATE TRIGGER action_events_no_delete BEFORE DELETE ON action_events
BEGIN
  SELECT RAISE(ABORT, 'action_events is append-only: an event is never deleted');
END;
CREATE TABLE erasures (
  erased_at TEXT NOT NULL, token TEXT NOT NULL, incidents INTEGER NOT NULL, note TEXT NOT NULL
);
)sql";

// Version 3: measured values. A measure gets an id (by which checks name it),
// the kind of value that measures it and a unit; a check records the measure
// it measures, a value and its unit (docs/effectiveness.md). Existing rows
// keep their meaning: no id, no kind (a rate when it names a category and a
// denominator), no value.
constexpr std::string_view migration_3 = R"sql(
ALTER TABLE measures ADD COLUMN measure_id TEXT NOT NULL DEFAULT '';
ALTER TABLE measures ADD COLUMN kind_of_value TEXT NOT NULL DEFAULT '';
ALTER TABLE measures ADD COLUMN unit TEXT NOT NULL DEFAULT '';
ALTER TABLE checks ADD COLUMN measure_id TEXT NOT NULL DEFAULT '';
ALTER TABLE checks ADD COLUMN value TEXT;
ALTER TABLE checks ADD COLUMN unit TEXT NOT NULL DEFAULT '';
)sql";

// Version 4 (Duty of Candour follow-through): the date the person was
// notified and the date of the written follow-up. A self-contained step:
// existing incidents have neither recorded.
constexpr std::string_view migration_4 = R"sql(
ALTER TABLE incidents ADD COLUMN notified_on TEXT;
ALTER TABLE incidents ADD COLUMN written_notice_on TEXT;
)sql";

// Version 5 (learning reach): each plan's reach threshold, and the staff
// briefing records of share targets (how many staff briefed of how many in
// scope, over time; rows in the order recorded). Existing plans predate
// reach recording: their threshold is 0, which switches the reach check
// off, so an upgraded store does not flag every earlier share at once. A
// briefing names its share and service; it cannot reference share_targets
// because a share's targets are rewritten when a target responds.
constexpr std::string_view migration_5 = R"sql(
ALTER TABLE plans ADD COLUMN reach_threshold TEXT NOT NULL DEFAULT '0';
CREATE TABLE briefings (
  share_id TEXT NOT NULL REFERENCES shares (share_id),
  service_id TEXT NOT NULL REFERENCES services (service_id),
  date TEXT NOT NULL, briefed TEXT NOT NULL, in_scope TEXT NOT NULL,
  recorded_by TEXT NOT NULL, note TEXT NOT NULL
);
)sql";

// Version 6 (reports by construction): whether an evidence item, a check's
// note or a review's decisions may reach commissioners and inspectors.
// Existing records are not shareable (docs/data-protection.md).
constexpr std::string_view migration_6 = R"sql(
ALTER TABLE evidence ADD COLUMN shareable TEXT NOT NULL DEFAULT 'false';
ALTER TABLE checks ADD COLUMN shareable TEXT NOT NULL DEFAULT 'false';
ALTER TABLE reviews ADD COLUMN shareable TEXT NOT NULL DEFAULT 'false';
)sql";

constexpr std::array<Migration, 6> all_migrations{{
    {1, migration_1},
    {2, migration_2},
    {3, migration_3},
    {4, migration_4},
    {5, migration_5},
    {6, migration_6},
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

void require_store(Connection& connection) {
  std::int64_t app = 0;
  try {
    app = connection.query_int("PRAGMA application_id");
  } catch (const StoreError& error) {
    throw StoreError("\"" + connection.path() + "\" is not a closeloop store: " + error.what());
  }
  if (app != application_id) {
    throw SchemaError("\"" + connection.path() +
                     "\" is not a closeloop store (no closeloop application_id): create one "
                     "with closeloop init");
  }
}

void require_current_schema(Connection& connection) {
  const auto version = connection.query_int("PRAGMA user_version");
  const int current = all_migrations.back().version;
  if (version > current) (void)needs_migration(connection, current);  // the newer-schema error
  if (version < current) {
    throw SchemaError("store \"" + connection.path() + "\" has schema version " +
                      std::to_string(version) + " and needs migrating to version " +
                      std::to_string(current) +
                      ", which a read-only open cannot do: open it for writing once");
  }
}

}  // namespace closeloop::store::detail
