#include "tables.hpp"

#include <map>
#include <utility>

#include "closeloop/core/csv.hpp"
#include "closeloop/core/error.hpp"

namespace closeloop::store::detail {

namespace lc = closeloop::lifecycle;

namespace {

std::string quoted(std::string_view name) { return "\"" + std::string(name) + "\""; }

std::string column_list(Table table) {
  std::string out;
  for (const Column& column : columns(table)) {
    if (!out.empty()) out += ", ";
    out += quoted(column.name);
  }
  return out;
}


}  // namespace

std::string select_sql(Table table) {
  const std::string order = table == Table::events ? "seq" : "rowid";
  return "SELECT " + column_list(table) + " FROM " + std::string(sql_table(table)) +
         " ORDER BY " + order;
}

TableWriter::TableWriter(Connection& connection) : connection_(connection) {}

Statement& TableWriter::insert_statement(Table table) {
  auto& slot = inserts_[static_cast<std::size_t>(table)];
  if (!slot) {
    std::string sql = "INSERT INTO " + std::string(sql_table(table)) + " (" + column_list(table);
    if (table == Table::incidents) sql += ", occurred_day";
    sql += ") VALUES (";
    const std::size_t n = columns(table).size() + (table == Table::incidents ? 1 : 0);
    for (std::size_t i = 0; i < n; ++i) sql += i == 0 ? "?" : ", ?";
    sql += ")";
    slot.emplace(connection_, sql);
  }
  return *slot;
}

Statement& TableWriter::upsert_statement(Table table) {
  auto& slot = upserts_[static_cast<std::size_t>(table)];
  if (!slot) {
    const auto cols = columns(table);
    std::string sql = "INSERT INTO " + std::string(sql_table(table)) + " (" + column_list(table) +
                      ") VALUES (";
    for (std::size_t i = 0; i < cols.size(); ++i) sql += i == 0 ? "?" : ", ?";
    sql += ") ON CONFLICT (" + quoted(cols[0].name) + ") DO UPDATE SET ";
    for (std::size_t i = 1; i < cols.size(); ++i) {
      if (i > 1) sql += ", ";
      sql += quoted(cols[i].name) + " = excluded." + quoted(cols[i].name);
    }
    slot.emplace(connection_, sql);
  }
  return *slot;
}

void TableWriter::bind_row(Statement& statement, Table table, const Row& row) {
  const auto cols = columns(table);
  for (std::size_t i = 0; i < cols.size(); ++i) {
    const int index = static_cast<int>(i) + 1;
    if (row[i].empty() && cols[i].nullable) {
      statement.bind_null(index);
    } else if (cols[i].real) {
      statement.bind(index, std::stod(row[i]));
    } else {
      statement.bind(index, row[i]);
    }
  }
  if (table == Table::incidents) {
    DayNumber day = 0;
    std::string canonical;
    (void)canonical_instant(row[2], canonical, day);
    statement.bind(static_cast<int>(cols.size()) + 1, static_cast<std::int64_t>(day));
  }
}

int TableWriter::try_insert(Table table, const Row& row) {
  Statement& statement = insert_statement(table);
  bind_row(statement, table, row);
  const int rc = statement.step_raw();
  if (rc == SQLITE_DONE) statement.reset();
  return rc;
}

void TableWriter::insert(Table table, const Row& row) {
  const int rc = try_insert(table, row);
  if (rc != SQLITE_DONE) {
    throw_sqlite_error(connection_, rc,
                       "insert into " + std::string(sql_table(table)) + " of \"" + row[0] + "\"");
  }
}

void TableWriter::upsert(Table table, const Row& row) {
  Statement& statement = upsert_statement(table);
  bind_row(statement, table, row);
  statement.run();
}

void TableWriter::delete_children(Table table, const std::string& parent) {
  auto statement = connection_.prepare("DELETE FROM " + std::string(sql_table(table)) +
                                       " WHERE " + quoted(columns(table)[0].name) + " = ?");
  statement.bind(1, parent).run();
}

void TableWriter::write_service(const lc::Service& service) {
  insert(Table::services, encode(service));
}

void TableWriter::write_incident(const lc::Incident& incident) {
  insert(Table::incidents, encode(incident));
}

void TableWriter::write_investigation(const lc::Investigation& investigation) {
  upsert(Table::investigations, encode(investigation));
}

void TableWriter::write_escalation_path(const lc::EscalationPath& path, bool is_default) {
  upsert(Table::escalation_paths, encode(path, is_default));
  delete_children(Table::escalation_steps, path.id.str());
  for (std::size_t i = 0; i < path.steps.size(); ++i) {
    insert(Table::escalation_steps, encode_step(path.id, i + 1, path.steps[i]));
  }
}

void TableWriter::set_default_escalation_path(const EscalationPathId& id) {
  auto statement = connection_.prepare(
      "UPDATE escalation_paths SET is_default = CASE WHEN path_id = ? THEN 'true' ELSE 'false' "
      "END");
  statement.bind(1, id.str()).run();
}

void TableWriter::write_plan(const lc::ActionPlan& plan) { upsert(Table::plans, encode(plan)); }

void TableWriter::write_action(const lc::Action& action) {
  upsert(Table::actions, encode(action));
  delete_children(Table::measures, action.id.str());
  delete_children(Table::monitoring, action.id.str());
  for (std::size_t i = 0; i < action.measures.size(); ++i) {
    insert(Table::measures, encode_measure(action.id, i + 1, action.measures[i]));
  }
  for (std::size_t i = 0; i < action.monitoring.size(); ++i) {
    insert(Table::monitoring, encode_monitoring(action.id, i + 1, action.monitoring[i]));
  }
}

void TableWriter::append_events(const lc::Action& action) {
  if (!event_count_) {
    event_count_.emplace(connection_, "SELECT count(*) FROM action_events WHERE action_id = ?");
  }
  event_count_->bind(1, action.id.str());
  const std::size_t stored = event_count_->step() ? static_cast<std::size_t>(event_count_->column_int(0)) : 0;
  event_count_->reset();
  const auto& events = action.events();
  for (std::size_t i = stored; i < events.size(); ++i) insert(Table::events, encode(events[i]));
}

void TableWriter::write_evidence(const lc::Evidence& evidence) {
  insert(Table::evidence, encode(evidence));
}

void TableWriter::write_check(const lc::Check& check) { insert(Table::checks, encode(check)); }

void TableWriter::write_review(const lc::GovernanceReview& review) {
  insert(Table::reviews, encode(review));
}

void TableWriter::write_share(const lc::LearningShare& share) {
  upsert(Table::shares, encode(share));
  delete_children(Table::share_targets, share.id.str());
  for (const auto& target : share.targets) {
    insert(Table::share_targets, encode_target(share.id, target));
  }
}

void TableWriter::write_briefing(const lc::StaffBriefing& briefing) {
  insert(Table::briefings, encode(briefing));
}

void TableWriter::write_register(const lc::Register& reg) {
  const CategorySet builtin;
  for (const std::string& category : reg.categories().all()) {
    if (!builtin.contains(category)) insert(Table::categories, {category});
  }
  for (const auto& [id, service] : reg.services()) write_service(service);
  for (const auto& [id, incident] : reg.incidents()) write_incident(incident);
  for (const auto& [id, investigation] : reg.investigations()) write_investigation(investigation);
  for (const auto& [id, path] : reg.escalation_paths()) {
    write_escalation_path(path, reg.default_escalation_path() == id);
  }
  for (const auto& [id, plan] : reg.plans()) write_plan(plan);
  for (const auto& [id, action] : reg.actions()) write_action(action);
  for (const auto& [id, evidence] : reg.evidence_items()) write_evidence(evidence);
  for (const auto& [id, check] : reg.checks()) write_check(check);
  for (const auto& [id, review] : reg.reviews()) write_review(review);
  for (const auto& [id, share] : reg.shares()) write_share(share);
  for (const auto& [target, records] : reg.briefings()) {
    for (const auto& briefing : records) write_briefing(briefing);
  }
  for (const auto& [id, action] : reg.actions()) append_events(action);
}

namespace {

// Reads every row of a table as fields and hands them to `use`; a refusal
// becomes a StoreError naming the table and the row's key.
// Text the store did not write (another tool, a damaged file) may not be
// UTF-8: refused here, naming where, before it reaches a JSON or HTML writer.
void require_utf8(const Connection& connection, Table table, std::size_t row, std::size_t column,
                  std::string_view text) {
  const std::size_t bad = invalid_utf8_at(text);
  if (bad == std::string_view::npos) return;
  throw StoreError("store \"" + connection.path() + "\": table " + std::string(sql_table(table)) +
                   " row " + std::to_string(row) + ", column " +
                   std::string(columns(table)[column].name) + ": invalid UTF-8 at byte " +
                   std::to_string(bad + 1) +
                   " (text closeloop did not write; repair the row or import it again)");
}

template <class Use>
void each_row(Connection& connection, Table table, Use use) {
  auto statement = connection.prepare(select_sql(table));
  const std::size_t n = columns(table).size();
  std::vector<std::string_view> fields(n);
  std::size_t row = 0;
  while (statement.step()) {
    ++row;
    for (std::size_t i = 0; i < n; ++i) fields[i] = statement.column_text(static_cast<int>(i));
    for (std::size_t i = 0; i < n; ++i) require_utf8(connection, table, row, i, fields[i]);
    try {
      use(Fields(fields));
    } catch (const FieldError& error) {
      throw StoreError("store \"" + connection.path() + "\": table " +
                       std::string(sql_table(table)) + " row " + std::to_string(row) + " (\"" +
                       std::string(fields[0]) + "\"), column " +
                       std::string(columns(table)[error.column].name) + ": " + error.message);
    } catch (const Error& error) {
      throw StoreError("store \"" + connection.path() + "\": table " +
                       std::string(sql_table(table)) + " row " + std::to_string(row) + " (\"" +
                       std::string(fields[0]) + "\") cannot be loaded: " + error.what());
    }
  }
}

template <class T>
using Children = std::map<std::string, std::map<std::size_t, T>>;

template <class T, class Decode>
Children<T> read_children(Connection& connection, Table table, Decode decode) {
  Children<T> out;
  each_row(connection, table, [&](Fields f) {
    auto [position, child] = decode(f);
    out[std::string(f[0])].emplace(position, std::move(child));
  });
  return out;
}

template <class T>
std::vector<T> take(Children<T>& children, const std::string& parent) {
  std::vector<T> out;
  const auto it = children.find(parent);
  if (it == children.end()) return out;
  for (auto& [position, child] : it->second) out.push_back(std::move(child));
  return out;
}

}  // namespace

lc::Register read_register(Connection& connection) {
  lc::Register reg;
  each_row(connection, Table::categories, [&](Fields f) { reg.add_category(std::string(f[0])); });
  each_row(connection, Table::services, [&](Fields f) { reg.add_service(decode_service(f)); });
  each_row(connection, Table::incidents, [&](Fields f) { reg.add_incident(decode_incident(f)); });
  each_row(connection, Table::investigations,
           [&](Fields f) { reg.add_investigation(decode_investigation(f)); });
  auto steps = read_children<lc::EscalationStep>(connection, Table::escalation_steps,
                                                 decode_escalation_step);
  std::optional<EscalationPathId> default_path;
  each_row(connection, Table::escalation_paths, [&](Fields f) {
    auto [path, is_default] = decode_escalation_path(f);
    path.steps = take(steps, path.id.str());
    if (is_default) default_path = path.id;
    reg.add_escalation_path(std::move(path));
  });
  if (default_path) reg.set_default_escalation_path(*default_path);
  each_row(connection, Table::plans, [&](Fields f) { reg.add_plan(decode_plan(f)); });
  auto measures = read_children<lc::Measure>(connection, Table::measures, decode_measure);
  auto monitoring = read_children<lc::Monitoring>(connection, Table::monitoring, decode_monitoring);
  each_row(connection, Table::actions, [&](Fields f) {
    lc::Action action = decode_action(f);
    action.measures = take(measures, action.id.str());
    action.monitoring = take(monitoring, action.id.str());
    reg.add_action(std::move(action));
  });
  each_row(connection, Table::evidence, [&](Fields f) { reg.add_evidence(decode_evidence(f)); });
  each_row(connection, Table::checks, [&](Fields f) { reg.add_check(decode_check(f)); });
  each_row(connection, Table::reviews, [&](Fields f) { reg.add_review(decode_review(f)); });
  std::map<std::string, std::vector<lc::ShareTarget>> targets;
  each_row(connection, Table::share_targets,
           [&](Fields f) { targets[std::string(f[0])].push_back(decode_share_target(f)); });
  each_row(connection, Table::shares, [&](Fields f) {
    lc::LearningShare share = decode_share(f);
    share.targets = std::move(targets[share.id.str()]);
    reg.add_share(std::move(share));
  });
  each_row(connection, Table::briefings,
           [&](Fields f) { reg.record_briefing(decode_briefing(f)); });
  each_row(connection, Table::events, [&](Fields f) { reg.apply_event(decode_event(f)); });
  return reg;
}

std::string export_rows(Connection& connection, Table table) {
  std::string out;
  const auto cols = columns(table);
  std::vector<std::string> row;
  for (const Column& column : cols) row.emplace_back(column.name);
  append_csv_row(out, row);
  auto statement = connection.prepare(select_sql(table));
  std::size_t number = 0;
  while (statement.step()) {
    row.clear();
    ++number;
    for (std::size_t i = 0; i < cols.size(); ++i) {
      const int c = static_cast<int>(i);
      require_utf8(connection, table, number, i, statement.column_text(c));
      if (statement.is_null(c)) {
        row.emplace_back();
      } else if (cols[i].real) {
        row.push_back(format_number(statement.column_double(c)));
      } else {
        row.emplace_back(statement.column_text(c));
      }
    }
    append_csv_row(out, row);
  }
  return out;
}

}  // namespace closeloop::store::detail
