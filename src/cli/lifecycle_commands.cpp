#include "lifecycle_commands.hpp"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>

#include "closeloop/core/error.hpp"
#include "closeloop/lifecycle/signals.hpp"
#include "output.hpp"

namespace closeloop::cli {

namespace lc = closeloop::lifecycle;
using nlohmann::json;

namespace {

std::string option_name(const char* field) {
  std::string name = std::string("--") + field;
  std::replace(name.begin(), name.end(), '_', '-');
  return name;
}

// --format: table and json for what was recorded; csv too for lists of rows.
void add_format_option(CLI::App* command, std::string& format, const char* choices,
                       bool rows = false) {
  auto* option = command->add_option("--format", format, std::string("Output: ") + choices);
  if (rows) {
    option->check(CLI::IsMember({"table", "csv", "json"}));
  } else {
    option->check(CLI::IsMember({"table", "json"}));
  }
}

// A fraction as a whole or one-decimal percentage: 0.875 -> "87.5%".
std::string percent(double fraction) {
  const double tenths = std::round(fraction * 1000.0);
  const auto whole = static_cast<long long>(tenths) / 10;
  const auto tenth = static_cast<long long>(tenths) % 10;
  return std::to_string(whole) + (tenth != 0 ? "." + std::to_string(tenth) : std::string()) + "%";
}

// What a call recorded, for people: "add_incident FALL-9" or "agree A-1: agreed".
void print_recorded(std::ostream& out, const Call& call, const json& recorded) {
  out << call.name;
  if (recorded.contains("id")) out << ' ' << recorded["id"].get<std::string>();
  if (recorded.contains("category") && !recorded.contains("id")) {
    out << ' ' << recorded["category"].get<std::string>();
  }
  if (recorded.contains("state")) out << ": " << recorded["state"].get<std::string>();
  if (recorded.contains("approval")) out << ": " << recorded["approval"].get<std::string>();
  if (recorded.contains("briefed")) {
    out << ' ' << recorded["share"].get<std::string>() << ' ' << recorded["service"].get<std::string>()
        << ": " << recorded["briefed"].get<std::int64_t>() << " of "
        << recorded["in_scope"].get<std::int64_t>() << " briefed ("
        << percent(recorded["reach"].get<double>()) << ", threshold "
        << percent(recorded["threshold"].get<double>()) << ")";
  }
  out << '\n';
}

// ---- signals ---------------------------------------------------------------------

constexpr const char* signal_kinds[] = {"overdue",    "stale",      "unreviewed",
                                        "missed_monitoring", "recurrence", "not_spread",
                                        "faded",      "escalation", "candour_overdue"};

Table signals_table(const lc::Register& reg, Date as_of, const std::vector<std::string>& kinds) {
  for (const auto& kind : kinds) {
    if (std::find_if(std::begin(signal_kinds), std::end(signal_kinds),
                     [&](const char* k) { return kind == k; }) == std::end(signal_kinds)) {
      std::string expected;
      for (const char* k : signal_kinds) expected += (expected.empty() ? "" : ", ") + std::string(k);
      throw InputError("--kind: unknown signal kind \"" + kind + "\": expected one of " + expected);
    }
  }
  const auto wanted = [&](const char* kind) {
    return kinds.empty() || std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
  };
  const lc::Signals s = lc::signals(reg, as_of);
  Table table;
  table.columns = {"kind", "action_id", "plan_id", "subject", "date", "days", "detail"};
  const auto add = [&](const char* kind, Cell action, Cell plan, Cell subject, Cell date,
                       Cell days, std::string detail) {
    table.rows.push_back({std::string(kind), std::move(action), std::move(plan),
                          std::move(subject), std::move(date), std::move(days), std::move(detail)});
  };
  const auto word = [](auto value) { return std::string(to_string(value)); };
  const auto days = [](std::int32_t n) { return Cell(std::int64_t{n}); };
  if (wanted("overdue")) {
    for (const auto& o : s.overdue) {
      add("overdue", o.action.str(), o.plan.str(), o.owner, to_iso(o.due), days(o.days_overdue),
          "state " + word(o.state));
    }
  }
  if (wanted("stale")) {
    for (const auto& o : s.stale) {
      add("stale", o.action.str(), o.plan.str(), Cell(), to_iso(o.last_activity),
          days(o.days_inactive), "state " + word(o.state));
    }
  }
  if (wanted("unreviewed")) {
    for (const auto& o : s.unreviewed) {
      add("unreviewed", Cell(), o.plan.str(), Cell(), to_iso(o.review_due), days(o.days_overdue),
          o.last_review ? "last review " + to_iso(*o.last_review) : std::string("never reviewed"));
    }
  }
  if (wanted("missed_monitoring")) {
    for (const auto& o : s.missed_monitoring) {
      add("missed_monitoring", o.action.str(), Cell(), word(o.kind), to_iso(o.scheduled),
          days(o.tolerance_days), "tolerance days");
    }
  }
  if (wanted("recurrence")) {
    for (const auto& o : s.recurrence) {
      std::string actions;
      for (const auto& action : o.actions) actions += (actions.empty() ? "" : ";") + action.str();
      add("recurrence", actions, o.plan.str(), o.incident.str(), to_iso(o.occurred_on),
          Cell(), word(o.reason) + (o.factor ? " " + word(*o.factor) : std::string()));
    }
  }
  if (wanted("not_spread")) {
    for (const auto& o : s.not_spread) {
      std::string detail = word(o.gap);
      if (o.gap == lc::SpreadGap::reach_below_threshold) {
        detail += o.reach ? ": " + std::to_string(o.reach->briefed) + " of " +
                                std::to_string(o.reach->in_scope) + " briefed (" +
                                percent(o.reach->fraction()) + ") on " + to_iso(o.reach->date)
                          : std::string(": no briefing recorded");
        detail += ", threshold " + percent(o.threshold);
      }
      add("not_spread", Cell(), o.plan.str(), o.share.str() + " " + o.service.str(),
          to_iso(o.due), Cell(), std::move(detail));
    }
  }
  if (wanted("faded")) {
    for (const auto& o : s.faded) {
      add("faded", o.action.str(), Cell(), o.check ? Cell(o.check->str()) : Cell(),
          to_iso(o.check_due), Cell(), word(o.reason));
    }
  }
  if (wanted("escalation")) {
    for (const auto& o : s.escalations) {
      add("escalation", o.action.str(), o.plan.str(), o.recipient, to_iso(o.due),
          days(o.days_from_due), word(o.kind) + " (owner " + o.owner + ")");
    }
  }
  if (wanted("candour_overdue")) {
    for (const auto& o : s.candour_overdue) {
      add("candour_overdue", Cell(), Cell(), o.incident.str(), to_iso(o.due), days(o.days_overdue),
          "service " + o.service.str() + ": notification not recorded");
    }
  }
  return table;
}

// ---- show action -------------------------------------------------------------------

void print_action(std::ostream& out, const json& action) {
  for (const char* key : {"id", "plan", "title", "owner", "due", "intervention", "strength", "state"}) {
    const json& value = action[key];
    out << key << ": " << (value.is_string() ? value.get<std::string>() : value.dump()) << '\n';
  }
  const auto section = [&](const char* title, const json& items,
                           std::initializer_list<const char*> columns) {
    out << '\n' << title << ":\n";
    Table table;
    for (const char* c : columns) table.columns.emplace_back(c);
    for (const json& item : items) {
      std::vector<Cell> row;
      for (const char* c : columns) {
        const json& v = item[c];
        if (v.is_null()) row.emplace_back();
        else if (v.is_string()) row.emplace_back(v.get<std::string>());
        else row.emplace_back(v.dump());
      }
      table.rows.push_back(std::move(row));
    }
    print(out, table, Format::table);
  };
  section("history", action["history"], {"at", "transition", "from", "to", "actor", "note"});
  section("evidence", action["evidence"], {"id", "date", "kind", "reference", "summary"});
  section("checks", action["checks"], {"id", "date", "kind", "passed", "score", "denominator", "by"});
}

}  // namespace

// ---- apply -----------------------------------------------------------------------------

json apply_file(const std::string& db, const std::string& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw InputError("cannot read \"" + file + "\"");
  // Read and check the syntax of every line before taking the write lock.
  std::vector<Change> changes = read_changes(in, file);
  const bool progress = stderr_is_terminal() && changes.size() >= 1000;
  auto s = store::Store::open(db);
  return apply_changes(s, std::move(changes), file, progress ? &std::cerr : nullptr);
}

// ---- the subcommands -------------------------------------------------------------------

LifecycleCommands::LifecycleCommands(CLI::App& app) {
  std::map<std::string, CLI::App*> groups;
  for (const Call& call : all_calls()) {
    CLI::App*& group = groups[call.group];
    if (group == nullptr) {
      group = app.add_subcommand(call.group, std::string("Record ") + call.group + " changes");
      group->require_subcommand(1);
    }
    auto entry = std::make_unique<CallCommand>();
    entry->call = &call;
    entry->command = group->add_subcommand(call.verb, call.help);
    entry->command->add_option("DB", entry->db, "The store file")->required();
    for (const Field& field : call.fields) {
      CLI::Option* option = nullptr;
      if (field.arity == Arity::list) {
        option = entry->command->add_option(option_name(field.name), entry->lists[field.name],
                                            std::string(field.help) + " (repeatable)");
      } else {
        option = entry->command->add_option(option_name(field.name), entry->one[field.name],
                                            field.help);
      }
      if (field.required) option->required();
    }
    add_format_option(entry->command, entry->format, "table (default) or json: what was recorded");
    calls_.push_back(std::move(entry));
  }

  CLI::App* show = app.add_subcommand("show", "Show one record with its history");
  show->require_subcommand(1);
  show_action_ = show->add_subcommand("action", "An action: its fields, history, evidence and checks");
  show_action_->add_option("DB", show_db_, "The store file")->required();
  show_action_->add_option("ID", show_id_, "The action")->required();
  add_format_option(show_action_, show_format_, "table (default) or json");

  signals_ = app.add_subcommand("signals", "Every signal as of a date (docs/lifecycle.md)");
  signals_->add_option("DB", signals_db_, "The store file")->required();
  signals_->add_option("--as-of", signals_as_of_, "The date (YYYY-MM-DD)")->required();
  signals_->add_option("--kind", signals_kinds_,
                       "Only this kind (repeatable): overdue, stale, unreviewed, "
                       "missed_monitoring, recurrence, not_spread, faded, escalation, "
                       "candour_overdue");
  add_format_option(signals_, signals_format_, "table (default), csv or json", true);

  apply_ = app.add_subcommand(
      "apply", "Apply a file of changes (one JSON object per line) in one transaction, or none");
  apply_->add_option("DB", apply_db_, "The store file")->required();
  apply_->add_option("FILE", apply_file_, "The changes, e.g. changes.jsonl")->required();
  add_format_option(apply_, apply_format_, "table (default) or json: what was recorded");
}

std::optional<int> LifecycleCommands::run(std::ostream& out) {
  for (const auto& entry : calls_) {
    if (!*entry->command) continue;
    json fields = json::object();
    for (const auto& [name, value] : entry->one) {
      if (entry->command->count(option_name(name.c_str())) > 0) fields[name] = value;
    }
    for (const auto& [name, values] : entry->lists) {
      if (entry->command->count(option_name(name.c_str())) > 0) fields[name] = values;
    }
    auto s = store::Store::open(entry->db);
    json recorded;
    try {
      recorded = run_call(*entry->call, s, fields);
    } catch (const FieldError& error) {
      throw InputError(option_name(error.field().c_str()) + ": " + error.problem());
    }
    if (parse_format(entry->format) == Format::json) {
      out << recorded.dump(2) << '\n';
    } else {
      print_recorded(out, *entry->call, recorded);
    }
    return 0;
  }
  if (*show_action_) {
    auto s = store::Store::open(show_db_);
    const json action = action_json(s.current(), ActionId(show_id_));
    if (parse_format(show_format_) == Format::json) {
      out << action.dump(2) << '\n';
    } else {
      print_action(out, action);
    }
    return 0;
  }
  if (*signals_) {
    const Date as_of = parse_date(signals_as_of_);
    auto s = store::Store::open(signals_db_);
    print(out, signals_table(s.current(), as_of, signals_kinds_), parse_format(signals_format_));
    return 0;
  }
  if (*apply_) {
    const json recorded = apply_file(apply_db_, apply_file_);
    if (parse_format(apply_format_) == Format::json) {
      out << recorded.dump(2) << '\n';
    } else {
      out << "applied " << recorded.size() << " change(s) to " << apply_db_ << '\n';
    }
    return 0;
  }
  return std::nullopt;
}

}  // namespace closeloop::cli
