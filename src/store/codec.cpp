#include "codec.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <system_error>

#include "closeloop/core/enums.hpp"
#include "closeloop/core/error.hpp"
#include "closeloop/core/fields.hpp"
#include "closeloop/lifecycle/enums.hpp"
#include "closeloop/lifecycle/schedule.hpp"
#include "closeloop/metrics/measure_series.hpp"
#include "closeloop/metrics/tables.hpp"

namespace closeloop::store::detail {

namespace lc = closeloop::lifecycle;

namespace {

constexpr Column id(std::string_view name) { return {name, false, false, {}, false}; }
constexpr Column text(std::string_view name) { return {name, false, false, {}, false}; }
constexpr Column opt(std::string_view name) { return {name, true, false, {}, false}; }

const std::vector<Column> categories_columns{text("category")};
const std::vector<Column> services_columns{id("service_id"), text("name"), text("type"),
                                           {"capacity", false, false, {}, false},
                                           text("region")};
const std::vector<Column> incidents_columns{
    id("incident_id"), id("service_id"), text("occurred_at"), text("reported_at"),
    text("category"), text("harm"), text("person_ref"), text("description"),
    {"psychological_harm", false, true, "none", false},
    {"notifiable", false, true, "false", false},
    {"notification_due", true, true, "", false},
    {"notified_on", true, true, "", false},
    {"written_notice_on", true, true, "", false}};
const std::vector<Column> exposure_columns{id("service_id"), text("period"), text("measure"),
                                           {"value", false, false, {}, true}};
const std::vector<Column> investigations_columns{
    id("investigation_id"), text("incidents"), text("method"), text("lead"),
    text("opened"), opt("concluded"), text("findings"), text("factors")};
const std::vector<Column> escalation_steps_columns{
    id("path_id"), text("position"), text("kind"), text("offset_days"),
    text("repeat_days"), opt("until_offset_days"), text("recipient")};
const std::vector<Column> escalation_paths_columns{id("path_id"), text("name"),
                                                   text("is_default")};
const std::vector<Column> plans_columns{
    id("plan_id"), id("investigation_id"), opt("scope"), text("created_on"), text("approver"),
    text("approval"), opt("decided_on"), text("refusal_reason"), text("review_interval_days"),
    text("min_observation_days"), text("sustainment_months"), text("sustainment_tolerance_days"),
    opt("escalation_path_id"),
    // Absent from files written before schema version 5: those plans predate
    // reach recording, so the check is off for them (docs/store.md).
    {"reach_threshold", false, true, "0", false}};
const std::vector<Column> measures_columns{
    id("action_id"), text("position"), text("kind"), text("what"), text("how"), text("level"),
    opt("by"), text("measured_by"), text("category"), opt("service_id"), text("denominator"),
    text("direction"), opt("target"),
    {"measure_id", false, true, "", false},
    {"kind_of_value", false, true, "", false},
    {"unit", false, true, "", false}};
const std::vector<Column> monitoring_columns{id("action_id"), text("position"), text("kind"),
                                             text("recurrence"), text("by"), opt("starts"),
                                             text("tolerance_days")};
const std::vector<Column> actions_columns{
    id("action_id"), id("plan_id"), text("title"), text("description"), text("proposed_on"),
    text("factors"), text("owner"), opt("due"), text("intervention"), text("evidence_required")};
const std::vector<Column> evidence_columns{id("evidence_id"), id("action_id"), text("kind"),
                                           text("date"), text("reference"), text("summary"),
                                           {"shareable", false, true, "false", false}};
const std::vector<Column> checks_columns{id("check_id"), id("action_id"), text("date"),
                                         text("kind"), text("passed"), opt("score"),
                                         opt("denominator"), text("by"), text("note"),
                                         {"measure_id", false, true, "", false},
                                         {"value", true, true, "", false},
                                         {"unit", false, true, "", false},
                                         {"shareable", false, true, "false", false}};
const std::vector<Column> reviews_columns{id("review_id"), text("forum"), text("date"),
                                          text("plans"), text("actions"), text("decisions"),
                                          {"shareable", false, true, "false", false}};
const std::vector<Column> share_targets_columns{id("share_id"), id("service_id"),
                                                opt("acknowledged_on"), opt("adopted"),
                                                opt("decided_on")};
const std::vector<Column> shares_columns{id("share_id"), id("plan_id"), text("channel"),
                                         text("date"), text("summary")};
const std::vector<Column> briefings_columns{id("share_id"), id("service_id"), text("date"),
                                            text("briefed"), text("in_scope"),
                                            {"recorded_by", false, true, "", false},
                                            {"note", false, true, "", false}};
const std::vector<Column> events_columns{
    id("action_id"), text("at"), text("actor"), text("transition"), text("from"), text("to"),
    text("note"), opt("verdict"), text("basis"), text("checks"), opt("decision"),
    opt("review_id")};

// Runs a parser of the core or lifecycle area and turns its InputError into
// a FieldError at `column`.
template <class Parse>
auto field(std::size_t column, Parse parse) -> decltype(parse()) {
  try {
    return parse();
  } catch (const InputError& error) {
    throw FieldError{column, error.what()};
  }
}

Date date_at(Fields f, std::size_t c) {
  return field(c, [&] { return parse_date(f[c]); });
}

std::optional<Date> optional_date_at(Fields f, std::size_t c) {
  if (f[c].empty()) return std::nullopt;
  return date_at(f, c);
}

Instant instant_at(Fields f, std::size_t c) {
  return field(c, [&] { return parse_instant(f[c]); });
}

std::int64_t integer_at(Fields f, std::size_t c, std::int64_t low, std::int64_t high) {
  std::int64_t value = 0;
  const std::string_view s = f[c];
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || value < low ||
      value > high) {
    throw FieldError{c, "invalid whole number \"" + std::string(s) + "\""};
  }
  return value;
}

std::int32_t int32_at(Fields f, std::size_t c, std::int64_t low = -1000000,
                      std::int64_t high = 1000000) {
  return static_cast<std::int32_t>(integer_at(f, c, low, high));
}

std::optional<std::int32_t> optional_int32_at(Fields f, std::size_t c) {
  if (f[c].empty()) return std::nullopt;
  return int32_at(f, c);
}

std::optional<double> optional_real_at(Fields f, std::size_t c) {
  if (f[c].empty()) return std::nullopt;
  double value = 0;
  const std::string_view s = f[c];
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
  if (ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(value)) {
    throw FieldError{c, "invalid number \"" + std::string(s) + "\""};
  }
  return value;
}

bool bool_at(Fields f, std::size_t c) {
  if (f[c] == "true") return true;
  if (f[c] == "false") return false;
  throw FieldError{c, "invalid flag \"" + std::string(f[c]) + "\": expected true or false"};
}

std::optional<bool> optional_bool_at(Fields f, std::size_t c) {
  if (f[c].empty()) return std::nullopt;
  return bool_at(f, c);
}

std::string_view id_at(Fields f, std::size_t c) {
  return field(c, [&] { return require_id(f[c], "id"); });
}

std::vector<std::string_view> split(std::string_view s) {
  std::vector<std::string_view> parts;
  if (s.empty()) return parts;
  std::size_t start = 0;
  while (true) {
    const auto end = s.find(list_separator, start);
    parts.push_back(s.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

template <class IdT>
std::vector<IdT> ids_at(Fields f, std::size_t c) {
  std::vector<IdT> out;
  for (std::string_view part : split(f[c])) {
    if (part.empty()) throw FieldError{c, "empty id in list \"" + std::string(f[c]) + "\""};
    out.emplace_back(part);
  }
  return out;
}

template <class Parse>
auto words_at(Fields f, std::size_t c, Parse parse) {
  std::vector<decltype(parse(std::string_view()))> out;
  for (std::string_view part : split(f[c])) out.push_back(field(c, [&] { return parse(part); }));
  return out;
}

template <class T>
std::string join(const std::vector<T>& values) {
  std::string out;
  for (const auto& value : values) {
    if (!out.empty()) out += list_separator;
    if constexpr (std::is_enum_v<T>) {
      out += lc::to_string(value);
    } else if constexpr (std::is_arithmetic_v<T>) {
      out += std::to_string(value);
    } else {
      out += value.str();
    }
  }
  return out;
}

std::string text_of(const std::optional<Date>& date) { return date ? to_iso(*date) : std::string(); }
std::string text_of(bool flag) { return flag ? "true" : "false"; }
std::string text_of(const std::optional<bool>& flag) { return flag ? text_of(*flag) : std::string(); }
std::string text_of(const std::optional<double>& value) {
  return value ? format_number(*value) : std::string();
}
std::string text_of(const std::optional<std::int32_t>& value) {
  return value ? std::to_string(*value) : std::string();
}
template <class Tag>
std::string text_of(const std::optional<Id<Tag>>& value) {
  return value ? value->str() : std::string();
}
template <class IdT>
std::optional<IdT> optional_id_at(Fields f, std::size_t c) {
  if (f[c].empty()) return std::nullopt;
  return IdT(f[c]);
}

std::size_t position_at(Fields f, std::size_t c) {
  return static_cast<std::size_t>(integer_at(f, c, 1, 100000));
}

}  // namespace

std::span<const Column> columns(Table table) noexcept {
  switch (table) {
    case Table::categories: return categories_columns;
    case Table::services: return services_columns;
    case Table::incidents: return incidents_columns;
    case Table::exposure: return exposure_columns;
    case Table::investigations: return investigations_columns;
    case Table::escalation_steps: return escalation_steps_columns;
    case Table::escalation_paths: return escalation_paths_columns;
    case Table::plans: return plans_columns;
    case Table::measures: return measures_columns;
    case Table::monitoring: return monitoring_columns;
    case Table::actions: return actions_columns;
    case Table::evidence: return evidence_columns;
    case Table::checks: return checks_columns;
    case Table::reviews: return reviews_columns;
    case Table::share_targets: return share_targets_columns;
    case Table::shares: return shares_columns;
    case Table::briefings: return briefings_columns;
    case Table::events: return events_columns;
  }
  return {};
}

std::string_view sql_table(Table table) noexcept {
  return table == Table::events ? std::string_view("action_events") : to_string(table);
}

std::size_t id_column(Table) noexcept { return 0; }

std::string instant_text(const Instant& instant) {
  if (instant.is_not_a_date_time()) return {};  // an optional instant not given
  if (instant.time_of_day().total_seconds() == 0) return to_iso(instant.date());
  return to_iso(instant);
}

bool canonical_instant(std::string_view text, std::string& out, DayNumber& day) {
  int minute = -1;
  if (!try_parse_day_minute(text, day, minute)) return false;
  out.assign(text.substr(0, 10));
  if (minute < 0) return true;
  std::string_view seconds = "00";
  if (text.size() >= 19 && text[16] == ':') seconds = text.substr(17, 2);
  if (minute == 0 && seconds == "00") return true;  // midnight is the bare date
  out += 'T';
  out.append(text.substr(11, 5));
  out += ':';
  out.append(seconds);
  return true;
}

std::string format_number(double value) {
  std::array<char, 64> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  return {buffer.data(), result.ptr};
}

lc::Service decode_service(Fields f) {
  lc::Service s;
  s.id = ServiceId(id_at(f, 0));
  if (f[1].empty()) throw FieldError{1, "empty name"};
  s.name = f[1];
  if (f[2].empty()) throw FieldError{2, "empty service type"};
  s.type = f[2];
  s.capacity = field(3, [&] { return parse_capacity(f[3]); }).value_or(0);
  s.region = f[4];
  return s;
}

Row encode(const lc::Service& s) {
  return {s.id.str(), s.name, s.type, std::to_string(s.capacity), s.region};
}

lc::Incident decode_incident(Fields f) {
  lc::Incident i;
  i.id = IncidentId(id_at(f, 0));
  i.service = ServiceId(f[1]);
  DayNumber day = 0;
  int minute = -1;
  field(2, [&] { parse_occurred_at(f[2], day, minute); });
  // reported_at: the one rule of every reader (check_reported_at); empty is
  // "not recorded".
  const bool reported = field(3, [&] { return check_reported_at(f[3], f[2], day).has_value(); });
  i.occurred_at = parse_instant(f[2]);
  if (reported) i.reported_at = parse_instant(f[3]);
  i.category = f[4];
  i.harm = field(5, [&] { return parse_harm(f[5]); });
  i.person_ref = f[6];
  i.description = f[7];
  i.psychological_harm = field(8, [&] { return parse_psychological_harm(f[8]); });
  i.notifiable = bool_at(f, 9);
  i.notification_due = optional_date_at(f, 10);
  i.notified_on = optional_date_at(f, 11);
  i.written_notice_on = optional_date_at(f, 12);
  return i;
}

Row encode(const lc::Incident& i) {
  return {i.id.str(),
          i.service.str(),
          instant_text(i.occurred_at),
          instant_text(i.reported_at),
          i.category,
          std::string(to_string(i.harm)),
          i.person_ref,
          i.description,
          std::string(to_string(i.psychological_harm)),
          text_of(i.notifiable),
          text_of(i.notification_due),
          text_of(i.notified_on),
          text_of(i.written_notice_on)};
}

lc::Investigation decode_investigation(Fields f) {
  lc::Investigation v;
  v.id = InvestigationId(id_at(f, 0));
  v.incidents = ids_at<IncidentId>(f, 1);
  v.method = field(2, [&] { return lc::parse_investigation_method(f[2]); });
  v.lead = f[3];
  v.opened = date_at(f, 4);
  v.concluded = optional_date_at(f, 5);
  v.findings = f[6];
  v.factors = words_at(f, 7, lc::parse_contributing_factor);
  return v;
}

Row encode(const lc::Investigation& v) {
  return {v.id.str(), join(v.incidents), std::string(lc::to_string(v.method)), v.lead,
          to_iso(v.opened), text_of(v.concluded), v.findings, join(v.factors)};
}

std::pair<std::size_t, lc::EscalationStep> decode_escalation_step(Fields f) {
  (void)id_at(f, 0);
  lc::EscalationStep s;
  const std::size_t position = position_at(f, 1);
  s.kind = field(2, [&] { return lc::parse_escalation_kind(f[2]); });
  s.offset_days = int32_at(f, 3);
  s.repeat_days = int32_at(f, 4);
  s.until_offset_days = optional_int32_at(f, 5);
  s.recipient = f[6];
  return {position, s};
}

Row encode_step(const EscalationPathId& path, std::size_t position, const lc::EscalationStep& s) {
  return {path.str(),
          std::to_string(position),
          std::string(lc::to_string(s.kind)),
          std::to_string(s.offset_days),
          std::to_string(s.repeat_days),
          text_of(s.until_offset_days),
          s.recipient};
}

std::pair<lc::EscalationPath, bool> decode_escalation_path(Fields f) {
  lc::EscalationPath p;
  p.id = EscalationPathId(id_at(f, 0));
  p.name = f[1];
  return {p, bool_at(f, 2)};
}

Row encode(const lc::EscalationPath& p, bool is_default) {
  return {p.id.str(), p.name, text_of(is_default)};
}

lc::ActionPlan decode_plan(Fields f) {
  lc::ActionPlan p;
  p.id = PlanId(id_at(f, 0));
  p.investigation = InvestigationId(f[1]);
  p.scope = optional_id_at<ServiceId>(f, 2);
  p.created_on = date_at(f, 3);
  p.approver = f[4];
  p.approval = field(5, [&] { return lc::parse_approval(f[5]); });
  p.decided_on = optional_date_at(f, 6);
  p.refusal_reason = f[7];
  p.review_interval_days = int32_at(f, 8);
  p.min_observation_days = int32_at(f, 9);
  p.sustainment_months.clear();
  for (std::string_view part : split(f[10])) {
    const std::array<std::string_view, 1> one{part};
    try {
      p.sustainment_months.push_back(int32_at(one, 0));
    } catch (const FieldError& error) {
      throw FieldError{10, error.message};
    }
  }
  p.sustainment_tolerance_days = int32_at(f, 11);
  p.escalation_path = optional_id_at<EscalationPathId>(f, 12);
  // Empty, like absent, is a plan from before reach was recorded: off.
  p.reach_threshold = optional_real_at(f, 13).value_or(0.0);
  return p;
}

Row encode(const lc::ActionPlan& p) {
  return {p.id.str(),
          p.investigation.str(),
          text_of(p.scope),
          to_iso(p.created_on),
          p.approver,
          std::string(lc::to_string(p.approval)),
          text_of(p.decided_on),
          p.refusal_reason,
          std::to_string(p.review_interval_days),
          std::to_string(p.min_observation_days),
          join(p.sustainment_months),
          std::to_string(p.sustainment_tolerance_days),
          text_of(p.escalation_path),
          format_number(p.reach_threshold)};
}

std::pair<std::size_t, lc::Measure> decode_measure(Fields f) {
  (void)id_at(f, 0);
  lc::Measure m;
  const std::size_t position = position_at(f, 1);
  m.kind = field(2, [&] { return lc::parse_measure_kind(f[2]); });
  m.what = f[3];
  m.how = f[4];
  m.level = f[5];
  m.by = optional_date_at(f, 6);
  m.measured_by = f[7];
  m.category = f[8];
  m.service = optional_id_at<ServiceId>(f, 9);
  m.denominator = f[10];
  m.direction = field(11, [&] { return lc::parse_direction(f[11]); });
  m.target = optional_real_at(f, 12);
  m.id = f[13];
  if (!f[14].empty()) m.kind_of_value = field(14, [&] { return metrics::parse_series_kind(f[14]); });
  m.unit = f[15];
  return {position, m};
}

Row encode_measure(const ActionId& action, std::size_t position, const lc::Measure& m) {
  return {action.str(),   std::to_string(position),
          std::string(lc::to_string(m.kind)),
          m.what,         m.how,
          m.level,        text_of(m.by),
          m.measured_by,  m.category,
          text_of(m.service), m.denominator,
          std::string(lc::to_string(m.direction)),
          text_of(m.target),
          m.id,
          m.kind_of_value ? std::string(metrics::to_string(*m.kind_of_value)) : std::string(),
          m.unit};
}

std::pair<std::size_t, lc::Monitoring> decode_monitoring(Fields f) {
  (void)id_at(f, 0);
  lc::Monitoring m;
  const std::size_t position = position_at(f, 1);
  m.kind = field(2, [&] { return lc::parse_monitoring_kind(f[2]); });
  m.recurrence = field(3, [&] { return lc::parse_recurrence(f[3]); });
  m.by = f[4];
  m.starts = optional_date_at(f, 5);
  m.tolerance_days = int32_at(f, 6);
  return {position, m};
}

Row encode_monitoring(const ActionId& action, std::size_t position, const lc::Monitoring& m) {
  return {action.str(),
          std::to_string(position),
          std::string(lc::to_string(m.kind)),
          lc::to_string(m.recurrence),
          m.by,
          text_of(m.starts),
          std::to_string(m.tolerance_days)};
}

lc::Action decode_action(Fields f) {
  lc::Action a;
  a.id = ActionId(id_at(f, 0));
  a.plan = PlanId(f[1]);
  a.title = f[2];
  a.description = f[3];
  a.proposed_on = date_at(f, 4);
  a.factors = words_at(f, 5, lc::parse_contributing_factor);
  a.owner = f[6];
  a.due = optional_date_at(f, 7);
  a.intervention = field(8, [&] { return lc::parse_intervention_type(f[8]); });
  a.evidence_required = f[9];
  return a;
}

Row encode(const lc::Action& a) {
  return {a.id.str(),       a.plan.str(),         a.title,
          a.description,    to_iso(a.proposed_on), join(a.factors),
          a.owner,          text_of(a.due),       std::string(lc::to_string(a.intervention)),
          a.evidence_required};
}

lc::Evidence decode_evidence(Fields f) {
  lc::Evidence e;
  e.id = EvidenceId(id_at(f, 0));
  e.action = ActionId(f[1]);
  e.kind = field(2, [&] { return lc::parse_evidence_kind(f[2]); });
  e.date = date_at(f, 3);
  e.reference = f[4];
  e.summary = f[5];
  e.shareable = bool_at(f, 6);
  return e;
}

Row encode(const lc::Evidence& e) {
  return {e.id.str(), e.action.str(), std::string(lc::to_string(e.kind)), to_iso(e.date),
          e.reference, e.summary, text_of(e.shareable)};
}

lc::Check decode_check(Fields f) {
  lc::Check c;
  c.id = CheckId(id_at(f, 0));
  c.action = ActionId(f[1]);
  c.date = date_at(f, 2);
  c.kind = field(3, [&] { return lc::parse_monitoring_kind(f[3]); });
  c.passed = bool_at(f, 4);
  c.score = optional_real_at(f, 5);
  c.denominator = optional_real_at(f, 6);
  c.by = f[7];
  c.note = f[8];
  c.measure = f[9];
  c.value = optional_real_at(f, 10);
  c.unit = f[11];
  c.shareable = bool_at(f, 12);
  return c;
}

Row encode(const lc::Check& c) {
  return {c.id.str(),        c.action.str(), to_iso(c.date),
          std::string(lc::to_string(c.kind)), text_of(c.passed), text_of(c.score),
          text_of(c.denominator), c.by, c.note, c.measure, text_of(c.value), c.unit,
          text_of(c.shareable)};
}

lc::GovernanceReview decode_review(Fields f) {
  lc::GovernanceReview r;
  r.id = ReviewId(id_at(f, 0));
  r.forum = field(1, [&] { return lc::parse_forum(f[1]); });
  r.date = date_at(f, 2);
  r.plans = ids_at<PlanId>(f, 3);
  r.actions = ids_at<ActionId>(f, 4);
  r.decisions = f[5];
  r.shareable = bool_at(f, 6);
  return r;
}

Row encode(const lc::GovernanceReview& r) {
  return {r.id.str(), std::string(lc::to_string(r.forum)), to_iso(r.date), join(r.plans),
          join(r.actions), r.decisions, text_of(r.shareable)};
}

lc::ShareTarget decode_share_target(Fields f) {
  (void)id_at(f, 0);
  lc::ShareTarget t;
  t.service = ServiceId(id_at(f, 1));
  t.acknowledged_on = optional_date_at(f, 2);
  t.adopted = optional_bool_at(f, 3);
  t.decided_on = optional_date_at(f, 4);
  return t;
}

Row encode_target(const ShareId& share, const lc::ShareTarget& t) {
  return {share.str(), t.service.str(), text_of(t.acknowledged_on), text_of(t.adopted),
          text_of(t.decided_on)};
}

lc::LearningShare decode_share(Fields f) {
  lc::LearningShare s;
  s.id = ShareId(id_at(f, 0));
  s.plan = PlanId(f[1]);
  s.channel = field(2, [&] { return lc::parse_channel(f[2]); });
  s.date = date_at(f, 3);
  s.summary = f[4];
  return s;
}

Row encode(const lc::LearningShare& s) {
  return {s.id.str(), s.plan.str(), std::string(lc::to_string(s.channel)), to_iso(s.date),
          s.summary};
}

lc::StaffBriefing decode_briefing(Fields f) {
  lc::StaffBriefing b;
  b.share = ShareId(id_at(f, 0));
  b.service = ServiceId(id_at(f, 1));
  b.date = date_at(f, 2);
  b.briefed = int32_at(f, 3);
  b.in_scope = int32_at(f, 4);
  b.recorded_by = f[5];
  b.note = f[6];
  return b;
}

Row encode(const lc::StaffBriefing& b) {
  return {b.share.str(),           b.service.str(),           to_iso(b.date),
          std::to_string(b.briefed), std::to_string(b.in_scope), b.recorded_by,
          b.note};
}

lc::ActionEvent decode_event(Fields f) {
  lc::ActionEvent e;
  e.action = ActionId(id_at(f, 0));
  e.at = instant_at(f, 1);
  e.actor = f[2];
  e.transition = field(3, [&] { return lc::parse_transition(f[3]); });
  e.from = field(4, [&] { return parse_action_state(f[4]); });
  e.to = field(5, [&] { return parse_action_state(f[5]); });
  e.note = f[6];
  if (!f[7].empty()) e.verdict = field(7, [&] { return lc::parse_verdict(f[7]); });
  e.basis = f[8];
  e.checks = ids_at<CheckId>(f, 9);
  if (!f[10].empty()) e.decision = field(10, [&] { return lc::parse_decision(f[10]); });
  e.review = optional_id_at<ReviewId>(f, 11);
  return e;
}

Row encode(const lc::ActionEvent& e) {
  return {e.action.str(),
          instant_text(e.at),
          e.actor,
          std::string(lc::to_string(e.transition)),
          std::string(to_string(e.from)),
          std::string(to_string(e.to)),
          e.note,
          e.verdict ? std::string(lc::to_string(*e.verdict)) : std::string(),
          e.basis,
          join(e.checks),
          e.decision ? std::string(lc::to_string(*e.decision)) : std::string(),
          text_of(e.review)};
}

void check_exposure(Fields f) {
  (void)field(1, [&] { return parse_month_field(f[1]); });
  (void)field(2, [&] { return metrics::parse_exposure_measure(f[2]); });
  (void)field(3, [&] { return parse_exposure_value(f[3]); });
}

}  // namespace closeloop::store::detail
