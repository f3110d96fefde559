#pragma once
// Rows in and out of the database: TableWriter writes encoded rows (and the
// entities of a register) inside the caller's transaction; read_register
// rebuilds a Register by replaying every row through its own API;
// export_rows writes a table in its interchange format.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "closeloop/lifecycle/register.hpp"
#include "closeloop/store/store.hpp"
#include "codec.hpp"
#include "sqlite.hpp"

namespace closeloop::store::detail {

/// Writes rows of the interchange tables.
class TableWriter {
 public:
  explicit TableWriter(Connection& connection);

  /// Inserts one row; SQLite's result code is returned for the caller to
  /// map (SQLITE_DONE on success). Empty nullable fields become NULL.
  int try_insert(Table table, const Row& row);
  /// Inserts one row; StoreError on any refusal.
  void insert(Table table, const Row& row);
  /// Inserts or updates a row by its id (first column), keeping its rowid.
  void upsert(Table table, const Row& row);
  /// Deletes the child rows of `parent` in a child table.
  void delete_children(Table table, const std::string& parent);

  // Entities of a register, as a mutation or a save writes them.
  void write_service(const lifecycle::Service& service);
  void write_incident(const lifecycle::Incident& incident);
  void write_investigation(const lifecycle::Investigation& investigation);
  void write_escalation_path(const lifecycle::EscalationPath& path, bool is_default);
  void set_default_escalation_path(const EscalationPathId& id);
  void write_plan(const lifecycle::ActionPlan& plan);
  /// The action row with its measures and monitoring (not its events).
  void write_action(const lifecycle::Action& action);
  /// Appends the action's events that the table does not hold yet.
  void append_events(const lifecycle::Action& action);
  void write_evidence(const lifecycle::Evidence& evidence);
  void write_check(const lifecycle::Check& check);
  void write_review(const lifecycle::GovernanceReview& review);
  /// The share row with its targets.
  void write_share(const lifecycle::LearningShare& share);
  /// One staff briefing record (appended).
  void write_briefing(const lifecycle::StaffBriefing& briefing);
  /// Every entity and event of `reg`.
  void write_register(const lifecycle::Register& reg);

 private:
  Statement& insert_statement(Table table);
  Statement& upsert_statement(Table table);
  void bind_row(Statement& statement, Table table, const Row& row);

  Connection& connection_;
  std::array<std::optional<Statement>, table_count> inserts_;
  std::array<std::optional<Statement>, table_count> upserts_;
  std::optional<Statement> event_count_;
};

/// Rebuilds the register held by the database, replaying every row through
/// the Register's API so that every guard is checked again. A row the
/// register refuses is a StoreError naming the table and the row.
lifecycle::Register read_register(Connection& connection);

/// `table` as CSV text in its interchange format, rows in arrival order.
std::string export_rows(Connection& connection, Table table);

/// The SELECT of a table's columns in arrival order.
std::string select_sql(Table table);

}  // namespace closeloop::store::detail
