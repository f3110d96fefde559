#include "import.hpp"

#include <algorithm>
#include <utility>

#include "closeloop/core/error.hpp"

namespace closeloop::store::detail {

namespace lc = closeloop::lifecycle;

namespace {

// Where a staged child row came from, to point at it if its parent never
// arrives or refuses it.
struct Location {
  std::string source;
  std::size_t line = 0;
  std::size_t column = 0;  // 1-based
  std::string column_name;
};

[[noreturn]] void fail_at(const Location& at, const std::string& what) {
  throw ParseError(at.source, at.line, at.column, "column \"" + at.column_name + "\": " + what);
}

template <class T>
struct Staged {
  std::size_t position;
  T value;
  Location where;
};

template <class T>
using StagedMap = std::map<std::string, std::vector<Staged<T>>>;

template <class T>
std::vector<T> take(StagedMap<T>& staged, const std::string& parent) {
  std::vector<T> out;
  const auto it = staged.find(parent);
  if (it == staged.end()) return out;
  std::sort(it->second.begin(), it->second.end(),
            [](const Staged<T>& a, const Staged<T>& b) { return a.position < b.position; });
  for (auto& child : it->second) out.push_back(std::move(child.value));
  staged.erase(it);
  return out;
}

template <class T>
void stage(StagedMap<T>& staged, std::string_view parent, std::size_t position, T value,
           Location where, std::string_view parent_kind) {
  auto& children = staged[std::string(parent)];
  for (const auto& child : children) {
    if (child.position == position) {
      fail_at(where, "position " + std::to_string(position) + " of " + std::string(parent_kind) +
                         " \"" + std::string(parent) + "\" appears twice (first at line " +
                         std::to_string(child.where.line) + ")");
    }
  }
  children.push_back({position, std::move(value), std::move(where)});
}

FieldError duplicate(std::string_view column, std::string_view id) {
  return {0, "duplicate " + std::string(column) + " \"" + std::string(id) +
                 "\": already in the store or earlier in this import"};
}

FieldError unknown(std::size_t column, std::string_view name, std::string_view id) {
  return {column, "unknown " + std::string(name) + " \"" + std::string(id) + "\""};
}

// The column a Register refusal is about, by the rule that refused it.
std::size_t column_of_rule(Table table, const std::string& rule) {
  auto starts = [&](std::string_view prefix) { return rule.rfind(prefix, 0) == 0; };
  if (rule == "id.malformed") return 0;
  switch (table) {
    case Table::incidents:
      if (rule == "incident.reported_before_occurred") return 3;
      if (starts("incident.notif")) return 10;
      if (rule == "candour.written_before_notification") return 12;
      if (starts("candour.")) return 11;
      return 0;
    case Table::investigations:
      if (rule == "investigation.duplicate_factor") return 7;
      if (rule == "investigation.concluded_before_opened") return 5;
      if (rule == "investigation.opened_before_incident") return 4;
      return 1;
    case Table::plans:
      if (rule == "plan.refusal_requires_reason") return 7;
      if (rule == "plan.decided_before_created") return 6;
      if (rule == "plan.reach_threshold_range") return 13;
      return 5;
    case Table::shares: return 0;
    case Table::briefings:
      if (rule == "briefing.not_a_target") return 1;
      if (rule == "briefing.before_share" || rule == "briefing.out_of_order") return 2;
      if (rule == "briefing.in_scope_not_positive") return 4;
      return 3;
    case Table::events:
      if (rule == "event.breaks_history") return 4;
      if (rule == "event.requires_actor") return 2;
      if (starts("event.")) return 1;
      if (starts("evaluate.requires_verdict")) return 7;
      if (starts("evaluate.requires_basis")) return 8;
      if (starts("evaluate.")) return 9;
      if (rule == "close.requires_decision") return 10;
      if (starts("close.")) return 11;
      if (rule == "cancel.requires_reason" || rule == "reopen.requires_reason") return 6;
      return 3;
    default: return 0;
  }
}

// The stored row of an incident whose fields decode_incident accepted:
// canonical instants, optional columns as their defaults.
void incident_row(Fields f, Row& row) {
  row.assign(f.begin(), f.end());
  DayNumber day = 0;
  (void)canonical_instant(f[2], row[2], day);
  (void)canonical_instant(f[3], row[3], day);
}

}  // namespace

struct Importer::Pending {
  StagedMap<lc::EscalationStep> steps;
  StagedMap<lc::Measure> measures;
  StagedMap<lc::Monitoring> monitoring;
  StagedMap<lc::ShareTarget> targets;
  std::vector<Location> target_order;
};

Importer::Importer(lc::Register& reg, TableWriter& writer, const ImportOptions& options)
    : reg_(reg), writer_(writer), options_(options), pending_(std::make_unique<Pending>()) {}

Importer::~Importer() = default;

std::size_t Importer::run(Table table, CsvReader& reader) {
  const auto cols = columns(table);
  // Where each of the table's columns sits in this file (absent optional
  // columns take their fallback).
  std::vector<std::optional<std::size_t>> index(cols.size());
  for (std::size_t i = 0; i < cols.size(); ++i) {
    index[i] = cols[i].optional ? reader.find_column(cols[i].name)
                                : std::optional(reader.require_column(cols[i].name));
  }
  std::vector<std::string_view> fields(cols.size());
  CsvRecord record;
  std::size_t rows = 0;
  auto location = [&](std::size_t column) {
    const std::size_t at = index[column].value_or(0);
    return Location{reader.source(), record.line, at + 1, reader.header()[at]};
  };
  Pending& p = *pending_;
  Row row;
  while (reader.next(record)) {
    for (std::size_t i = 0; i < cols.size(); ++i) {
      fields[i] = index[i] ? record.fields[*index[i]] : cols[i].fallback;
    }
    const Fields f(fields);
    try {
      switch (table) {
        case Table::categories: {
          const std::string category(f[0]);
          if (CategorySet().contains(category)) {
            throw FieldError{0, "\"" + category + "\" is a built-in category"};
          }
          if (reg_.categories().contains(category)) throw duplicate("category", category);
          reg_.add_category(category);
          writer_.insert(Table::categories, {category});
          break;
        }
        case Table::services: {
          auto service = decode_service(f);
          if (reg_.services().count(service.id) != 0) throw duplicate("service_id", f[0]);
          reg_.add_service(service);
          writer_.write_service(service);
          break;
        }
        case Table::incidents: {
          // The bulk path: the Register checks the id and the service (its
          // refusals are mapped to the columns here rather than looked up
          // twice), and the row is written from the canonical texts.
          auto incident = decode_incident(f);
          if (!reg_.categories().contains(incident.category)) {
            try {
              reg_.categories().require(incident.category);
            } catch (const InputError& error) {
              throw FieldError{4, error.what()};
            }
          }
          try {
            reg_.add_incident(std::move(incident));
          } catch (const DuplicateError&) {
            throw duplicate("incident_id", f[0]);
          } catch (const NotFoundError&) {
            throw unknown(1, "service_id", f[1]);
          }
          incident_row(f, row);
          writer_.insert(Table::incidents, row);
          break;
        }
        case Table::exposure: {
          check_exposure(f);
          if (reg_.services().count(ServiceId(f[0])) == 0) throw unknown(0, "service_id", f[0]);
          row.assign(f.begin(), f.end());
          const int rc = writer_.try_insert(Table::exposure, row);
          if (rc == SQLITE_CONSTRAINT_PRIMARYKEY) {
            throw FieldError{0, "duplicate exposure for service " + row[0] + ", period " +
                                    row[1] + ", measure " + row[2] +
                                    ": already in the store or earlier in this import"};
          }
          if (rc != SQLITE_DONE) {
            throw FieldError{0, std::string("row refused by the store: ") + sqlite3_errstr(rc)};
          }
          break;
        }
        case Table::investigations: {
          auto investigation = decode_investigation(f);
          if (reg_.investigations().count(investigation.id) != 0) {
            throw duplicate("investigation_id", f[0]);
          }
          for (const auto& incident : investigation.incidents) {
            if (reg_.incidents().count(incident) == 0) {
              throw unknown(1, "incident_id", incident.str());
            }
          }
          reg_.add_investigation(investigation);
          writer_.write_investigation(investigation);
          break;
        }
        case Table::escalation_steps: {
          auto [position, step] = decode_escalation_step(f);
          stage(p.steps, f[0], position, std::move(step), location(0), "escalation path");
          break;
        }
        case Table::escalation_paths: {
          auto [path, is_default] = decode_escalation_path(f);
          if (reg_.escalation_paths().count(path.id) != 0) throw duplicate("path_id", f[0]);
          path.steps = take(p.steps, path.id.str());
          reg_.add_escalation_path(path);
          writer_.write_escalation_path(path, false);
          if (is_default) {
            reg_.set_default_escalation_path(path.id);
            writer_.set_default_escalation_path(path.id);
          }
          break;
        }
        case Table::plans: {
          auto plan = decode_plan(f);
          if (reg_.plans().count(plan.id) != 0) throw duplicate("plan_id", f[0]);
          if (reg_.investigations().count(plan.investigation) == 0) {
            throw unknown(1, "investigation_id", f[1]);
          }
          if (plan.scope && reg_.services().count(*plan.scope) == 0) {
            throw unknown(2, "service_id", f[2]);
          }
          if (plan.escalation_path && reg_.escalation_paths().count(*plan.escalation_path) == 0) {
            throw unknown(12, "escalation path", f[12]);
          }
          reg_.add_plan(plan);
          writer_.write_plan(plan);
          break;
        }
        case Table::measures: {
          auto [position, measure] = decode_measure(f);
          if (measure.service && reg_.services().count(*measure.service) == 0) {
            throw unknown(9, "service_id", f[9]);
          }
          stage(p.measures, f[0], position, std::move(measure), location(0), "action");
          break;
        }
        case Table::monitoring: {
          auto [position, monitoring] = decode_monitoring(f);
          stage(p.monitoring, f[0], position, std::move(monitoring), location(0), "action");
          break;
        }
        case Table::actions: {
          auto action = decode_action(f);
          if (reg_.actions().count(action.id) != 0) throw duplicate("action_id", f[0]);
          if (reg_.plans().count(action.plan) == 0) throw unknown(1, "plan_id", f[1]);
          action.measures = take(p.measures, action.id.str());
          action.monitoring = take(p.monitoring, action.id.str());
          reg_.add_action(action);
          writer_.write_action(action);
          break;
        }
        case Table::evidence: {
          auto evidence = decode_evidence(f);
          if (reg_.evidence_items().count(evidence.id) != 0) throw duplicate("evidence_id", f[0]);
          if (reg_.actions().count(evidence.action) == 0) throw unknown(1, "action_id", f[1]);
          reg_.add_evidence(evidence);
          writer_.write_evidence(evidence);
          break;
        }
        case Table::checks: {
          auto check = decode_check(f);
          if (reg_.checks().count(check.id) != 0) throw duplicate("check_id", f[0]);
          if (reg_.actions().count(check.action) == 0) throw unknown(1, "action_id", f[1]);
          try {
            reg_.add_check(check);
          } catch (const InputError& error) {
            throw FieldError{5, error.what()};
          }
          writer_.write_check(check);
          break;
        }
        case Table::reviews: {
          auto review = decode_review(f);
          if (reg_.reviews().count(review.id) != 0) throw duplicate("review_id", f[0]);
          for (const auto& plan : review.plans) {
            if (reg_.plans().count(plan) == 0) throw unknown(3, "plan_id", plan.str());
          }
          for (const auto& action : review.actions) {
            if (reg_.actions().count(action) == 0) throw unknown(4, "action_id", action.str());
          }
          reg_.add_review(review);
          writer_.write_review(review);
          break;
        }
        case Table::share_targets: {
          auto target = decode_share_target(f);
          if (reg_.services().count(target.service) == 0) throw unknown(1, "service_id", f[1]);
          const std::size_t position = p.targets[std::string(f[0])].size() + 1;
          stage(p.targets, f[0], position, std::move(target), location(0), "learning share");
          break;
        }
        case Table::shares: {
          auto share = decode_share(f);
          if (reg_.shares().count(share.id) != 0) throw duplicate("share_id", f[0]);
          if (reg_.plans().count(share.plan) == 0) throw unknown(1, "plan_id", f[1]);
          share.targets = take(p.targets, share.id.str());
          reg_.add_share(share);
          writer_.write_share(share);
          break;
        }
        case Table::briefings: {
          auto briefing = decode_briefing(f);
          if (reg_.shares().count(briefing.share) == 0) throw unknown(0, "share_id", f[0]);
          if (reg_.services().count(briefing.service) == 0) throw unknown(1, "service_id", f[1]);
          reg_.record_briefing(briefing);
          writer_.write_briefing(briefing);
          break;
        }
        case Table::events: {
          auto event = decode_event(f);
          if (reg_.actions().count(event.action) == 0) throw unknown(0, "action_id", f[0]);
          reg_.apply_event(event);
          writer_.insert(Table::events, encode(event));
          break;
        }
      }
    } catch (const FieldError& error) {
      throw reader.error_at(record, index[error.column].value_or(0), error.message);
    } catch (const DuplicateError& error) {
      throw reader.error_at(record, index[0].value_or(0), error.what());
    } catch (const RuleError& error) {
      throw reader.error_at(record, index[column_of_rule(table, error.rule())].value_or(0),
                            error.what());
    } catch (const NotFoundError& error) {
      throw reader.error_at(record, index[0].value_or(0), error.what());
    } catch (const InputError& error) {
      if (dynamic_cast<const ParseError*>(&error) != nullptr) throw;
      throw reader.error_at(record, index[0].value_or(0), error.what());
    }
    ++rows;
    if (options_.on_progress && options_.progress_every > 0 && rows % options_.progress_every == 0) {
      options_.on_progress(table, rows);
    }
  }
  if (options_.on_progress) options_.on_progress(table, rows);
  return rows;
}

void Importer::finish() {
  Pending& p = *pending_;
  auto orphan = [](const auto& staged, std::string_view parent_table, std::string_view kind) {
    for (const auto& [parent, children] : staged) {
      if (children.empty()) continue;
      fail_at(children.front().where,
              std::string(kind) + " \"" + parent + "\" is not in this import: its rows must come with their " +
                  std::string(parent_table) + " row");
    }
  };
  orphan(p.steps, "escalation_paths", "escalation path");
  orphan(p.measures, "actions", "action");
  orphan(p.monitoring, "actions", "action");
  orphan(p.targets, "shares", "learning share");
}

}  // namespace closeloop::store::detail
