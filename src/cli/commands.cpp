#include "commands.hpp"

#include <charconv>
#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <iostream>
#include <sstream>

#include "closeloop/core/csv.hpp"
#include "closeloop/lifecycle/tables.hpp"
#include "closeloop/core/date.hpp"
#include "closeloop/core/error.hpp"
#include "closeloop/lifecycle/signals.hpp"
#include "closeloop/metrics/calendar.hpp"
#include "closeloop/metrics/grid.hpp"
#include "closeloop/metrics/spc.hpp"
#include "closeloop/metrics/tables.hpp"
#include "closeloop/metrics/trends.hpp"

namespace closeloop::cli {

namespace lc = closeloop::lifecycle;

int run_init(const std::string& db, std::ostream& out) {
  auto s = store::Store::create(db);
  out << "store " << db << " ready (schema version " << s.schema_version() << ")\n";
  return 0;
}

int run_import(const ImportRequest& request, std::ostream& out) {
  std::vector<store::CsvSource> sources;
  if (request.directory) {
    // Every <table>.csv present in the directory.
    for (store::Table table : store::all_tables()) {
      const std::string path = *request.directory + "/" + store::file_name(table);
      std::FILE* probe = std::fopen(path.c_str(), "rb");
      if (probe == nullptr) continue;
      std::fclose(probe);
      sources.push_back(store::CsvSource::file(table, path));
    }
    if (sources.empty()) {
      throw InputError("no <table>.csv file in directory \"" + *request.directory + "\"");
    }
  }
  for (const auto& [table, files] : request.files) {
    for (const auto& file : files) sources.push_back(store::CsvSource::file(table, file));
  }
  if (sources.empty()) throw InputError("nothing to import: give at least one file");
  auto s = store::Store::open(request.db);
  // A progress line for people watching a long import (never in pipelines).
  store::ImportOptions options;
  const bool progress = stderr_is_terminal();
  if (progress) {
    options.on_progress = [](store::Table table, std::size_t rows) {
      std::cerr << "\rimporting " << store::to_string(table) << ": " << rows << " rows" << std::flush;
    };
  }
  const auto summary = s.import_csv(sources, options);
  if (progress) std::cerr << '\n';
  for (store::Table table : store::all_tables()) {
    if (summary.rows_of(table) == 0) continue;
    out << "imported " << summary.rows_of(table) << ' ' << store::to_string(table) << '\n';
  }
  out << "imported " << summary.total() << " rows into " << request.db << '\n';
  return 0;
}

int run_export(const std::string& db, const std::string& directory, std::ostream& out) {
  auto s = store::Store::open_read_only(db);
  const auto files = s.export_csv(directory);
  out << "exported " << files.size() << " files to " << directory << '\n';
  return 0;
}

namespace {

// Whether an action belongs to `service`: its plan is scoped to it, or the
// plan is organisation-wide and its investigation covers an incident there.
bool belongs_to(const lc::Register& reg, const lc::Action& action, const ServiceId& service) {
  const auto& plan = reg.plan(action.plan);
  if (plan.scope) return *plan.scope == service;
  const auto& investigation = reg.investigation(plan.investigation);
  for (const auto& incident : investigation.incidents) {
    if (reg.incident(incident).service == service) return true;
  }
  return false;
}

}  // namespace

int run_actions(const ActionsRequest& request, std::ostream& out) {
  const Date as_of = parse_date(request.as_of);
  if (request.stale_days && *request.stale_days < 0) {
    throw InputError("--stale: days must not be negative, got " + std::to_string(*request.stale_days));
  }
  auto s = store::Store::open_read_only(request.db);
  const lc::Register reg = s.load();
  std::optional<ServiceId> service;
  if (request.service) {
    service = ServiceId(*request.service);
    if (reg.services().count(*service) == 0) {
      throw NotFoundError("--service: service \"" + *request.service + "\" is not in the store");
    }
  }
  std::map<ActionId, lc::OverdueAction> overdue;
  for (auto& item : lc::overdue_actions(reg, as_of)) overdue.emplace(item.action, item);
  std::map<ActionId, lc::StaleAction> stale;
  const std::int32_t stale_days = request.stale_days.value_or(lc::SignalOptions{}.stale_days);
  for (auto& item : lc::stale_actions(reg, as_of, stale_days)) stale.emplace(item.action, item);

  Table table;
  table.columns = {"action_id", "plan_id", "service_id", "title", "owner", "state", "due",
                   "overdue_days", "last_activity", "inactive_days", "strength"};
  for (const auto& [id, action] : reg.actions()) {
    const bool is_overdue = overdue.count(id) != 0;
    const bool is_stale = stale.count(id) != 0;
    // Without a filter every action is listed; with filters, the union.
    if ((request.overdue || request.stale_days) &&
        !((request.overdue && is_overdue) || (request.stale_days && is_stale))) {
      continue;
    }
    if (service && !belongs_to(reg, action, *service)) continue;
    const auto& plan = reg.plan(action.plan);
    std::vector<Cell> row;
    row.emplace_back(id.str());
    row.emplace_back(action.plan.str());
    row.emplace_back(plan.scope ? Cell(plan.scope->str()) : Cell());
    row.emplace_back(action.title);
    row.emplace_back(action.owner);
    row.emplace_back(std::string(to_string(lc::state_as_of(action, as_of))));
    row.emplace_back(action.due ? Cell(to_iso(*action.due)) : Cell());
    row.emplace_back(is_overdue ? Cell(std::int64_t{overdue.at(id).days_overdue}) : Cell());
    row.emplace_back(is_stale ? Cell(to_iso(stale.at(id).last_activity)) : Cell());
    row.emplace_back(is_stale ? Cell(std::int64_t{stale.at(id).days_inactive}) : Cell());
    row.emplace_back(std::string(lc::to_string(action.strength())));
    table.rows.push_back(std::move(row));
  }
  print(out, table, request.format);
  return 0;
}

namespace {

double number_at(const CsvReader& reader, const CsvRecord& record, std::size_t column) {
  const std::string_view text = record.fields[column];
  if (text.empty() || text == "NA") return std::numeric_limits<double>::quiet_NaN();
  double value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(value)) {
    throw reader.error_at(record, column,
                          "invalid number \"" + std::string(text) + "\" (empty or NA for missing)");
  }
  return value;
}

}  // namespace

int run_spc(const SpcRequest& request, std::ostream& out) {
  const metrics::ChartKind kind = metrics::parse_chart_kind(request.chart);
  const bool needs_denominator = kind == metrics::ChartKind::u || kind == metrics::ChartKind::p ||
                                 kind == metrics::ChartKind::ip;
  if (kind == metrics::ChartKind::xbar || kind == metrics::ChartKind::s) {
    throw InputError("--chart " + request.chart + ": subgroup charts are not available here");
  }
  auto reader = CsvReader::from_file(request.input);
  const std::size_t value_column = reader.require_column(request.value_column);
  std::optional<std::size_t> denominator_column;
  if (needs_denominator) {
    const std::string name = request.denominator_column.value_or(
        kind == metrics::ChartKind::u ? "exposure" : "denominator");
    denominator_column = reader.require_column(name);
  } else if (request.denominator_column) {
    throw InputError("--denominator: a " + request.chart + " chart takes no denominator");
  }
  std::optional<std::size_t> label_column;
  if (request.label_column) {
    label_column = reader.require_column(*request.label_column);
  } else {
    label_column = reader.find_column("period");
  }
  std::vector<double> values;
  std::vector<double> denominators;
  std::vector<std::string> labels;
  CsvRecord record;
  while (reader.next(record)) {
    values.push_back(number_at(reader, record, value_column));
    if (denominator_column) denominators.push_back(number_at(reader, record, *denominator_column));
    if (label_column) labels.emplace_back(record.fields[*label_column]);
  }
  metrics::ChartOptions options;
  options.phases = request.phases;
  options.baseline = request.baseline;
  metrics::set_chart_words(options, request.rules, request.improvement);
  options.target = request.target;
  options.per = request.per;
  const metrics::Chart chart = metrics::compute_chart(kind, values, denominators, options);

  Table table;
  if (label_column) table.columns.push_back(reader.header()[*label_column]);
  for (const char* name : {"value", "centre", "lcl", "ucl", "phase"}) table.columns.emplace_back(name);
  std::vector<metrics::Rule> rules;
  for (std::size_t r = 0; r < metrics::rule_count; ++r) {
    const auto rule = static_cast<metrics::Rule>(r);
    if (!chart.rules.contains(rule)) continue;
    rules.push_back(rule);
    table.columns.emplace_back(metrics::to_string(rule));
  }
  table.columns.emplace_back("point_type");
  for (std::size_t i = 0; i < chart.size(); ++i) {
    std::vector<Cell> row;
    if (label_column) row.emplace_back(labels[i]);
    row.emplace_back(chart.value[i]);
    row.emplace_back(chart.centre[i]);
    row.emplace_back(chart.lcl[i]);
    row.emplace_back(chart.ucl[i]);
    row.emplace_back(std::int64_t{chart.phase[i]});
    for (auto rule : rules) row.emplace_back(chart.flagged(rule, i));
    row.emplace_back(std::string(metrics::to_string(chart.point_type[i])));
    table.rows.push_back(std::move(row));
  }
  const std::string variation(metrics::to_string(chart.verdict.variation));
  const std::string assurance(metrics::to_string(chart.verdict.assurance));
  if (request.format == Format::json) {
    std::ostringstream points;
    print(points, table, Format::json);
    nlohmann::json document;
    document["chart"] = std::string(metrics::to_string(kind));
    document["variation"] = variation;
    document["assurance"] = assurance;
    document["points"] = nlohmann::json::parse(points.str());
    out << document.dump(2) << '\n';
    return 0;
  }
  print(out, table, request.format);
  if (request.format == Format::table) {
    out << "\nvariation: " << variation << "\nassurance: " << assurance << '\n';
  }
  return 0;
}

namespace {

// "service" and "type" are accepted for service_id and service_type.
metrics::GroupKey group_key(const std::string& word) {
  if (word == "service") return metrics::GroupKey::service_id;
  if (word == "type") return metrics::GroupKey::service_type;
  return metrics::parse_group_key(word);
}

}  // namespace

int run_trends(const TrendsRequest& request, std::ostream& out) {
  metrics::IncidentTable incidents;
  metrics::ExposureTable exposure;
  std::optional<metrics::ServiceTable> services;
  if (request.db) {
    if (request.incidents || request.exposure || request.services) {
      throw InputError("trends: give a store or --incidents/--exposure files, not both");
    }
    const auto s = store::Store::open_read_only(*request.db);
    // Typed tables straight from the store: no CSV text in between.
    const lifecycle::Register reg = s.load();
    incidents = lifecycle::incident_table(reg);
    exposure = s.exposure();
    services = lifecycle::service_table(reg);
  } else {
    if (!request.incidents) throw InputError("trends: give a store or --incidents FILE");
    incidents = metrics::read_incidents(*request.incidents);
    if (request.exposure) exposure = metrics::read_exposure(*request.exposure);
    if (request.services) services = metrics::read_services(*request.services);
  }
  metrics::TrendOptions options;
  options.by.clear();
  for (const auto& word : request.by) options.by.push_back(group_key(word));
  options.period = metrics::parse_period_kind(request.period);
  for (const auto& word : request.measures) options.measures.push_back(metrics::parse_measure(word));
  options.per = request.per;
  metrics::set_chart_words(options, request.chart, request.rules, request.improvement);
  options.categories = request.categories;
  if (request.from) options.first = to_day_number(parse_date(*request.from));
  if (request.to) options.last = to_day_number(parse_date(*request.to));
  for (const auto& date : request.rebase) options.rebase.push_back(to_day_number(parse_date(date)));
  options.baseline = request.baseline;
  const metrics::TrendResult result =
      metrics::trends(incidents, exposure, options, services ? &*services : nullptr);

  std::vector<std::string> columns;
  for (auto key : result.by) columns.emplace_back(metrics::to_string(key));
  for (const char* name : {"period", "count", "exposure", "rate", "value", "centre", "lcl", "ucl",
                           "phase"}) {
    columns.emplace_back(name);
  }
  std::vector<metrics::Rule> rules;
  for (std::size_t r = 0; r < metrics::rule_count; ++r) {
    const auto rule = static_cast<metrics::Rule>(r);
    if (!result.rules.contains(rule)) continue;
    rules.push_back(rule);
    columns.emplace_back(metrics::to_string(rule));
  }
  columns.emplace_back("point_type");
  columns.emplace_back("variation");
  // Rows are written as they are formed: memory follows the result, not the text.
  RowWriter writer(out, std::move(columns), request.format);
  std::vector<Cell> row;
  for (std::size_t i = 0; i < result.size(); ++i) {
    const std::size_t series = result.series[i];
    row.clear();
    for (std::size_t k = 0; k < result.by.size(); ++k) row.emplace_back(result.series_keys[k][series]);
    row.emplace_back(to_iso(from_day_number(result.period_start[i])));
    row.emplace_back(std::int64_t{result.count[i]});
    row.emplace_back(result.exposure[i]);
    row.emplace_back(result.rate[i]);
    row.emplace_back(result.value[i]);
    row.emplace_back(result.centre[i]);
    row.emplace_back(result.lcl[i]);
    row.emplace_back(result.ucl[i]);
    row.emplace_back(std::int64_t{result.phase[i]});
    for (auto rule : rules) row.emplace_back(result.flags[static_cast<std::size_t>(rule)][i] != 0);
    row.emplace_back(std::string(metrics::to_string(result.point_type[i])));
    row.emplace_back(std::string(metrics::to_string(result.variation[series])));
    writer.row(row);
  }
  writer.finish();
  return 0;
}

int run_erase_person(const EraseRequest& request, std::ostream& out) {
  const Date as_of = parse_date(request.as_of);
  if (request.replacement.empty()) throw InputError("--replacement: a replacement token is required");
  auto s = store::Store::open(request.db);
  const auto changed =
      s.erase_person(request.person_ref, request.replacement, start_of(as_of), request.note);
  out << "erased the person reference from " << changed << " incident(s)\n";
  return 0;
}

}  // namespace closeloop::cli
