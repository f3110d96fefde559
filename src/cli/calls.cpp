#include "calls.hpp"

#include <algorithm>

#include "closeloop/core/enums.hpp"
#include "closeloop/lifecycle/enums.hpp"
#include "closeloop/lifecycle/register.hpp"
#include "closeloop/lifecycle/schedule.hpp"
#include "closeloop/lifecycle/types.hpp"

namespace closeloop::cli {

namespace lc = closeloop::lifecycle;
using nlohmann::json;

// ---- JSON of what was recorded -------------------------------------------------

namespace {

template <class T>
json optional_json(const std::optional<T>& value) {
  if (!value) return nullptr;
  if constexpr (std::is_same_v<T, Date> || std::is_same_v<T, Instant>) {
    return to_iso(*value);
  } else if constexpr (std::is_enum_v<T>) {
    return std::string(to_string(*value));
  } else if constexpr (requires { value->str(); }) {
    return value->str();
  } else {
    return *value;
  }
}

template <class Items, class F>
json array_of(const Items& items, F each) {
  json out = json::array();
  for (const auto& item : items) out.push_back(each(item));
  return out;
}

const auto word_of = [](auto value) { return std::string(to_string(value)); };
const auto id_of = [](const auto& id) { return id.str(); };

json to_json(const lc::Service& s) {
  return {{"id", s.id.str()}, {"name", s.name}, {"type", s.type}, {"capacity", s.capacity},
          {"region", s.region}};
}

json to_json(const lc::Incident& i) {
  return {{"id", i.id.str()},
          {"service", i.service.str()},
          {"occurred_at", to_iso(i.occurred_at)},
          {"reported_at", to_iso(i.reported_at)},
          {"category", i.category},
          {"harm", word_of(i.harm)},
          {"psychological_harm", word_of(i.psychological_harm)},
          {"person_ref", i.person_ref},
          {"description", i.description},
          {"notifiable", i.notifiable},
          {"notification_due", optional_json(i.notification_due)},
          {"notified_on", optional_json(i.notified_on)},
          {"written_notice_on", optional_json(i.written_notice_on)}};
}

json to_json(const lc::Investigation& i) {
  return {{"id", i.id.str()},
          {"incidents", array_of(i.incidents, id_of)},
          {"method", word_of(i.method)},
          {"lead", i.lead},
          {"opened", to_iso(i.opened)},
          {"concluded", optional_json(i.concluded)},
          {"findings", i.findings},
          {"factors", array_of(i.factors, word_of)}};
}

json to_json(const lc::ActionPlan& p) {
  return {{"id", p.id.str()},
          {"investigation", p.investigation.str()},
          {"scope", optional_json(p.scope)},
          {"created_on", to_iso(p.created_on)},
          {"approver", p.approver},
          {"approval", word_of(p.approval)},
          {"decided_on", optional_json(p.decided_on)},
          {"refusal_reason", p.refusal_reason},
          {"review_interval_days", p.review_interval_days},
          {"min_observation_days", p.min_observation_days},
          {"sustainment_months", p.sustainment_months},
          {"sustainment_tolerance_days", p.sustainment_tolerance_days},
          {"escalation_path", optional_json(p.escalation_path)},
          {"reach_threshold", p.reach_threshold}};
}

json to_json(const lc::Measure& m) {
  return {{"kind", word_of(m.kind)},         {"what", m.what},
          {"how", m.how},                    {"level", m.level},
          {"by", optional_json(m.by)},       {"measured_by", m.measured_by},
          {"category", m.category},          {"service", optional_json(m.service)},
          {"denominator", m.denominator},    {"direction", word_of(m.direction)},
          {"target", optional_json(m.target)}};
}

json to_json(const lc::Monitoring& m) {
  return {{"kind", word_of(m.kind)},
          {"recurrence", lc::to_string(m.recurrence)},
          {"by", m.by},
          {"starts", optional_json(m.starts)},
          {"tolerance_days", m.tolerance_days}};
}

json to_json(const lc::ActionEvent& e) {
  return {{"at", to_iso(e.at)},
          {"actor", e.actor},
          {"transition", word_of(e.transition)},
          {"from", word_of(e.from)},
          {"to", word_of(e.to)},
          {"note", e.note},
          {"verdict", optional_json(e.verdict)},
          {"basis", e.basis},
          {"checks", array_of(e.checks, id_of)},
          {"decision", optional_json(e.decision)},
          {"review", optional_json(e.review)}};
}

json to_json(const lc::Action& a) {
  return {{"id", a.id.str()},
          {"plan", a.plan.str()},
          {"title", a.title},
          {"description", a.description},
          {"proposed_on", to_iso(a.proposed_on)},
          {"factors", array_of(a.factors, word_of)},
          {"owner", a.owner},
          {"due", optional_json(a.due)},
          {"intervention", word_of(a.intervention)},
          {"strength", word_of(a.strength())},
          {"measures", array_of(a.measures, [](const lc::Measure& m) { return to_json(m); })},
          {"monitoring", array_of(a.monitoring, [](const lc::Monitoring& m) { return to_json(m); })},
          {"evidence_required", a.evidence_required},
          {"state", word_of(a.state())}};
}

json to_json(const lc::Evidence& e) {
  return {{"id", e.id.str()},     {"action", e.action.str()},     {"kind", word_of(e.kind)},
          {"date", to_iso(e.date)}, {"reference", e.reference}, {"summary", e.summary},
          {"shareable", e.shareable}};
}

json to_json(const lc::Check& c) {
  return {{"id", c.id.str()},
          {"action", c.action.str()},
          {"date", to_iso(c.date)},
          {"kind", word_of(c.kind)},
          {"passed", c.passed},
          {"score", optional_json(c.score)},
          {"denominator", optional_json(c.denominator)},
          {"by", c.by},
          {"note", c.note},
          {"shareable", c.shareable}};
}

json to_json(const lc::GovernanceReview& r) {
  return {{"id", r.id.str()},
          {"forum", word_of(r.forum)},
          {"date", to_iso(r.date)},
          {"plans", array_of(r.plans, id_of)},
          {"actions", array_of(r.actions, id_of)},
          {"decisions", r.decisions},
          {"shareable", r.shareable}};
}

json to_json(const lc::LearningShare& s) {
  return {{"id", s.id.str()},
          {"plan", s.plan.str()},
          {"channel", word_of(s.channel)},
          {"date", to_iso(s.date)},
          {"summary", s.summary},
          {"targets", array_of(s.targets, [](const lc::ShareTarget& t) {
             return json{{"service", t.service.str()},
                         {"acknowledged_on", optional_json(t.acknowledged_on)},
                         {"adopted", optional_json(t.adopted)},
                         {"decided_on", optional_json(t.decided_on)}};
           })}};
}

// A staff briefing record with its reach (briefed / in scope) and the
// threshold of the share's plan.
json to_json(const lc::Register& reg, const lc::StaffBriefing& b) {
  return {{"share", b.share.str()},
          {"service", b.service.str()},
          {"date", to_iso(b.date)},
          {"briefed", b.briefed},
          {"in_scope", b.in_scope},
          {"reach", b.reach()},
          {"threshold", reg.plan(reg.share(b.share).plan).reach_threshold},
          {"by", b.recorded_by},
          {"note", b.note}};
}

// An action after a transition: the action and the event just appended.
json transition_json(store::Store& store, const ActionId& id) {
  const lc::Action& action = store.current().action(id);
  json out = to_json(action);
  out["event"] = to_json(action.events().back());
  return out;
}

// ---- the decoders: one per call ---------------------------------------------------

lc::Measure measure_of(const Args& a) {
  a.allow_only({"kind", "what", "how", "level", "by", "measured_by", "category", "service",
                "denominator", "direction", "target"});
  lc::Measure m;
  m.kind = a.word("kind", lc::parse_measure_kind, m.kind);
  m.what = a.text("what");
  m.how = a.text("how");
  m.level = a.text("level");
  m.by = a.optional_date("by");
  m.measured_by = a.text("measured_by");
  m.category = a.text("category");
  if (a.has("service")) m.service = ServiceId(a.text("service"));
  m.denominator = a.text("denominator");
  m.direction = a.word("direction", lc::parse_direction, m.direction);
  m.target = a.number("target");
  return m;
}

lc::Monitoring monitoring_of(const Args& a) {
  a.allow_only({"kind", "recurrence", "by", "starts", "tolerance_days"});
  lc::Monitoring m;
  m.kind = a.word("kind", lc::parse_monitoring_kind, m.kind);
  if (a.has("recurrence")) {
    const std::string text = a.text("recurrence");
    try {
      m.recurrence = lc::parse_recurrence(text);
    } catch (const Error& error) {
      throw FieldError(a.name("recurrence"), error.what());
    }
  }
  m.by = a.text("by");
  m.starts = a.optional_date("starts");
  m.tolerance_days = a.integer("tolerance_days", m.tolerance_days);
  return m;
}

template <class T>
std::vector<T> nested(const Args& a, const char* field, T (*decode)(const Args&)) {
  std::vector<T> out;
  const auto objects = a.objects(field);
  for (std::size_t i = 0; i < objects.size(); ++i) {
    out.push_back(decode(Args(objects[i], a.name(field) + "[" + std::to_string(i) + "].")));
  }
  return out;
}

// The action's fields from `a`, each one kept from `base` when absent (so
// `action edit` changes only what it names).
lc::Action action_fields(const Args& a, lc::Action base) {
  base.title = a.text("title", base.title);
  base.description = a.text("description", base.description);
  if (a.has("proposed_on")) base.proposed_on = a.date("proposed_on");
  if (a.has("factors")) base.factors = a.items<lc::ContributingFactor>("factors", lc::parse_contributing_factor);
  base.owner = a.text("owner", base.owner);
  if (a.has("due")) base.due = a.optional_date("due");
  base.intervention = a.word("intervention", lc::parse_intervention_type, base.intervention);
  if (a.has("measures")) base.measures = nested(a, "measures", measure_of);
  if (a.has("monitoring")) base.monitoring = nested(a, "monitoring", monitoring_of);
  base.evidence_required = a.text("evidence_required", base.evidence_required);
  return base;
}

json add_service(store::Store& s, const Args& a) {
  lc::Service service{ServiceId(a.required("id")), a.required("name"), a.required("type"),
                      a.integer("capacity", 0), a.text("region")};
  s.add_service(service);
  return to_json(s.current().service(service.id));
}

json add_category(store::Store& s, const Args& a) {
  const std::string category = a.required("category");
  s.add_category(category);
  return {{"category", category}};
}

json add_incident(store::Store& s, const Args& a) {
  lc::Incident i;
  i.id = IncidentId(a.required("id"));
  i.service = ServiceId(a.required("service"));
  i.occurred_at = a.instant("occurred_at");
  i.reported_at = a.has("reported_at") ? a.instant("reported_at") : i.occurred_at;
  i.category = a.required("category");
  i.harm = a.word("harm", parse_harm, i.harm);
  i.psychological_harm = a.word("psychological_harm", parse_psychological_harm, i.psychological_harm);
  i.person_ref = a.text("person_ref");
  i.description = a.text("description");
  i.notifiable = a.flag("notifiable", false);
  i.notification_due = a.optional_date("notification_due");
  // The statutory default: ten working days after the provider knew.
  if (i.notifiable && !i.notification_due) {
    i.notification_due = lc::duty_of_candour_due(i.reported_at.date());
  }
  i.notified_on = a.optional_date("notified_on");
  i.written_notice_on = a.optional_date("written_notice_on");
  s.add_incident(i);
  return to_json(s.current().incident(i.id));
}

json record_notification(store::Store& s, const Args& a) {
  const IncidentId id(a.required("id"));
  s.record_notification(id, a.date("date"));
  return to_json(s.current().incident(id));
}

json record_written_notice(store::Store& s, const Args& a) {
  const IncidentId id(a.required("id"));
  s.record_written_notice(id, a.date("date"));
  return to_json(s.current().incident(id));
}

json add_investigation(store::Store& s, const Args& a) {
  lc::Investigation i;
  i.id = InvestigationId(a.required("id"));
  i.incidents = a.ids<IncidentId>("incidents");
  i.method = a.word("method", lc::parse_investigation_method, i.method);
  i.lead = a.text("lead");
  i.opened = a.date("opened");
  i.concluded = a.optional_date("concluded");
  i.findings = a.text("findings");
  i.factors = a.items<lc::ContributingFactor>("factors", lc::parse_contributing_factor);
  s.add_investigation(i);
  return to_json(s.current().investigation(i.id));
}

json conclude_investigation(store::Store& s, const Args& a) {
  const InvestigationId id(a.required("id"));
  s.conclude_investigation(id, a.date("date"), a.text("findings"),
                           a.items<lc::ContributingFactor>("factors", lc::parse_contributing_factor));
  return to_json(s.current().investigation(id));
}

json add_plan(store::Store& s, const Args& a) {
  lc::ActionPlan p;
  p.id = PlanId(a.required("id"));
  p.investigation = InvestigationId(a.required("investigation"));
  if (a.has("scope")) p.scope = ServiceId(a.text("scope"));
  p.created_on = a.date("created_on");
  p.approver = a.text("approver");
  p.review_interval_days = a.integer("review_interval_days", p.review_interval_days);
  p.min_observation_days = a.integer("min_observation_days", p.min_observation_days);
  if (a.has("sustainment_months")) {
    p.sustainment_months = a.items<std::int32_t>("sustainment_months", [&](const std::string& text) {
      return Args(json{{"months", text}}).integer("months", 0);
    });
  }
  p.sustainment_tolerance_days = a.integer("sustainment_tolerance_days", p.sustainment_tolerance_days);
  if (a.has("escalation_path")) p.escalation_path = EscalationPathId(a.text("escalation_path"));
  if (const auto threshold = a.number("reach_threshold")) p.reach_threshold = *threshold;
  s.add_plan(p);
  return to_json(s.current().plan(p.id));
}

json approve_plan(store::Store& s, const Args& a) {
  const PlanId id(a.required("id"));
  s.approve_plan(id, a.required("approver"), a.date("date"));
  return to_json(s.current().plan(id));
}

json refuse_plan(store::Store& s, const Args& a) {
  const PlanId id(a.required("id"));
  s.refuse_plan(id, a.required("approver"), a.date("date"), a.required("reason"));
  return to_json(s.current().plan(id));
}

json add_action(store::Store& s, const Args& a) {
  lc::Action base;
  base.id = ActionId(a.required("id"));
  base.plan = PlanId(a.required("plan"));
  lc::Action action = action_fields(a, base);
  if (!a.has("title")) throw FieldError(a.name("title"), "is required");
  if (!a.has("proposed_on")) throw FieldError(a.name("proposed_on"), "is required");
  s.add_action(action);
  return to_json(s.current().action(action.id));
}

json update_action(store::Store& s, const Args& a) {
  const ActionId id(a.required("id"));
  const lc::Action updated = action_fields(a, s.current().action(id));
  s.update_action(updated, a.instant("at"), a.required("actor"), a.text("note"));
  return transition_json(s, id);
}

// agree, start, implement, verify: id, at, actor, note.
template <void (store::Store::*Method)(const ActionId&, Instant, const std::string&,
                                       const std::string&)>
json simple_transition(store::Store& s, const Args& a) {
  const ActionId id(a.required("id"));
  (s.*Method)(id, a.instant("at"), a.required("actor"), a.text("note"));
  return transition_json(s, id);
}

json evaluate(store::Store& s, const Args& a) {
  const ActionId id(a.required("id"));
  const auto verdict = a.optional_word("verdict", lc::parse_verdict);
  if (!verdict) throw FieldError(a.name("verdict"), "is required");
  s.evaluate(id, a.instant("at"), a.required("actor"), *verdict, a.text("basis"),
             a.ids<CheckId>("checks"), a.text("note"));
  return transition_json(s, id);
}

json close_action(store::Store& s, const Args& a) {
  const ActionId id(a.required("id"));
  std::optional<ReviewId> review;
  if (a.has("review")) review = ReviewId(a.text("review"));
  s.close(id, a.instant("at"), a.required("actor"), a.optional_word("decision", lc::parse_decision),
          review, a.text("note"));
  return transition_json(s, id);
}

// reopen, cancel: id, at, actor, reason.
template <void (store::Store::*Method)(const ActionId&, Instant, const std::string&,
                                       const std::string&)>
json reasoned_transition(store::Store& s, const Args& a) {
  const ActionId id(a.required("id"));
  (s.*Method)(id, a.instant("at"), a.required("actor"), a.text("reason"));
  return transition_json(s, id);
}

json add_evidence(store::Store& s, const Args& a) {
  lc::Evidence e{EvidenceId(a.required("id")), ActionId(a.required("action")),
                 a.word("kind", lc::parse_evidence_kind, lc::EvidenceKind::document),
                 a.date("date"), a.text("reference"), a.text("summary"), a.flag("shareable", false)};
  s.add_evidence(e);
  return to_json(s.current().evidence(e.id));
}

// Every field of a Check is read here and listed in its table entry below:
// a new Check field is one line in each.
json add_check(store::Store& s, const Args& a) {
  lc::Check c;
  c.id = CheckId(a.required("id"));
  c.action = ActionId(a.required("action"));
  c.date = a.date("date");
  c.kind = a.word("kind", lc::parse_monitoring_kind, c.kind);
  c.passed = a.flag("passed", false);
  c.score = a.number("score");
  c.denominator = a.number("denominator");
  c.by = a.text("by");
  c.note = a.text("note");
  c.shareable = a.flag("shareable", false);
  s.add_check(c);
  return to_json(s.current().check(c.id));
}

json add_review(store::Store& s, const Args& a) {
  lc::GovernanceReview r;
  r.id = ReviewId(a.required("id"));
  r.forum = a.word("forum", lc::parse_forum, r.forum);
  r.date = a.date("date");
  r.plans = a.ids<PlanId>("plans");
  r.actions = a.ids<ActionId>("actions");
  r.decisions = a.text("decisions");
  r.shareable = a.flag("shareable", false);
  s.add_review(r);
  return to_json(s.current().review(r.id));
}

json add_share(store::Store& s, const Args& a) {
  lc::LearningShare share;
  share.id = ShareId(a.required("id"));
  share.plan = PlanId(a.required("plan"));
  share.channel = a.word("channel", lc::parse_channel, share.channel);
  share.date = a.date("date");
  for (const ServiceId& service : a.ids<ServiceId>("targets")) {
    share.targets.push_back({service, std::nullopt, std::nullopt, std::nullopt});
  }
  share.summary = a.text("summary");
  s.add_share(share);
  return to_json(s.current().share(share.id));
}

json acknowledge_share(store::Store& s, const Args& a) {
  const ShareId id(a.required("id"));
  s.acknowledge_share(id, ServiceId(a.required("service")), a.date("date"));
  return to_json(s.current().share(id));
}

json record_adoption(store::Store& s, const Args& a) {
  const ShareId id(a.required("id"));
  s.record_adoption(id, ServiceId(a.required("service")), a.flag("adopted", true), a.date("date"));
  return to_json(s.current().share(id));
}

json record_briefing(store::Store& s, const Args& a) {
  lc::StaffBriefing b;
  b.share = ShareId(a.required("share"));
  b.service = ServiceId(a.required("service"));
  b.date = a.date("date");
  b.briefed = a.integer("briefed", 0);
  b.in_scope = a.integer("in_scope", 0);
  b.recorded_by = a.text("by");
  b.note = a.text("note");
  s.record_briefing(b);
  return to_json(s.current(), b);
}

// ---- the table ------------------------------------------------------------------

constexpr Arity one = Arity::one;
constexpr Arity list = Arity::list;

const Field id_field{"id", one, true, "The id"};
const Field at_field{"at", one, true, "When (YYYY-MM-DD or YYYY-MM-DDTHH:MM)"};
const Field actor_field{"actor", one, true, "Who made the change"};
const Field note_field{"note", one, false, "A note"};

// The action fields add and edit share.
std::vector<Field> action_field_list(bool adding) {
  std::vector<Field> fields{
      id_field,
      {"title", one, adding, "What will change"},
      {"description", one, false, "More detail"},
      {"proposed_on", one, adding, "The day it was proposed"},
      {"factors", list, false, "Contributing factors it addresses"},
      {"owner", one, false, "One named person"},
      {"due", one, false, "Due date"},
      {"intervention", one, false, "Intervention type (sets its strength)"},
      {"measures", list, false,
       "A measure as JSON: {\"kind\":\"process\",\"what\":...,\"how\":...,\"level\":...,\"by\":...}"},
      {"monitoring", list, false,
       "Monitoring as JSON: {\"kind\":\"spot_check\",\"recurrence\":\"weekly:monday\",\"by\":...}"},
      {"evidence_required", one, false, "The evidence expected"}};
  if (adding) {
    fields.insert(fields.begin() + 1, Field{"plan", one, true, "The plan"});
  } else {
    fields.push_back(at_field);
    fields.push_back(actor_field);
    fields.push_back(note_field);
  }
  return fields;
}

const std::vector<Field> transition_fields{id_field, at_field, actor_field, note_field};
const std::vector<Field> reason_fields{id_field, at_field, actor_field,
                                       {"reason", one, true, "Why"}};

const std::vector<Call> calls{
    {"add_category", "category", "add", "Register a provider incident category",
     {{"category", one, true, "The word (lower case, digits, underscores)"}}, add_category},
    {"add_service", "service", "add", "Add a service",
     {id_field,
      {"name", one, true, "Its name"},
      {"type", one, true, "residential, nursing, supported_living, domiciliary, day_service, ..."},
      {"capacity", one, false, "Beds or people supported"},
      {"region", one, false, "Region"}},
     add_service},
    {"add_incident", "incident", "add", "Record an incident",
     {id_field,
      {"service", one, true, "The service"},
      {"occurred_at", one, true, "When it happened"},
      {"reported_at", one, false, "When it was reported (default: occurred_at)"},
      {"category", one, true, "fall, medication_error, safeguarding, ... or a registered category"},
      {"harm", one, false, "none, low, moderate, severe or fatal"},
      {"psychological_harm", one, false, "none, low, moderate or severe"},
      {"person_ref", one, false, "Pseudonymous reference to the person"},
      {"description", one, false, "What happened"},
      {"notifiable", one, false, "true for a Duty of Candour notifiable safety incident"},
      {"notification_due", one, false,
       "When notification falls due (default: ten working days after reporting)"},
      {"notified_on", one, false, "When the person was notified (Duty of Candour)"},
      {"written_notice_on", one, false, "When the written follow-up was given"}},
     add_incident},
    {"record_notification", "incident", "notify",
     "Record that a notifiable incident's person was notified (Duty of Candour)",
     {id_field, {"date", one, true, "When"}}, record_notification},
    {"record_written_notice", "incident", "follow-up",
     "Record the written follow-up of a Duty of Candour notification",
     {id_field, {"date", one, true, "When"}}, record_written_notice},
    {"add_investigation", "investigation", "add", "Open an investigation (learning response)",
     {id_field,
      {"incidents", list, true, "The incidents it covers"},
      {"method", one, false, "after_action_review, swarm_huddle, thematic_review, ..."},
      {"lead", one, false, "Who leads it"},
      {"opened", one, true, "The day it opened"},
      {"concluded", one, false, "The day it concluded"},
      {"findings", one, false, "Findings"},
      {"factors", list, false, "Contributing factors"}},
     add_investigation},
    {"conclude_investigation", "investigation", "conclude", "Conclude an investigation",
     {id_field,
      {"date", one, true, "The day it concluded"},
      {"findings", one, false, "Findings"},
      {"factors", list, false, "Contributing factors"}},
     conclude_investigation},
    {"add_plan", "plan", "add", "Add an action plan",
     {id_field,
      {"investigation", one, true, "The investigation it arises from"},
      {"scope", one, false, "The service it covers (default: the whole organisation)"},
      {"created_on", one, true, "The day it was drawn up"},
      {"approver", one, false, "Who approves it"},
      {"review_interval_days", one, false, "Days between governance reviews (default 30)"},
      {"min_observation_days", one, false, "Days before evaluation (default 90)"},
      {"sustainment_months", list, false, "Months after closing for sustainment checks (3;12)"},
      {"sustainment_tolerance_days", one, false, "Tolerance of sustainment checks (default 14)"},
      {"escalation_path", one, false, "The escalation path"},
      {"reach_threshold", one, false,
       "Fraction of a target's staff in scope to be briefed on its shares (default 0.8; 0: off)"}},
     add_plan},
    {"approve_plan", "plan", "approve", "Approve a pending plan",
     {id_field, {"approver", one, true, "Who approved it"}, {"date", one, true, "When"}},
     approve_plan},
    {"refuse_plan", "plan", "refuse", "Refuse a pending plan",
     {id_field,
      {"approver", one, true, "Who refused it"},
      {"date", one, true, "When"},
      {"reason", one, true, "Why"}},
     refuse_plan},
    {"add_action", "action", "add", "Propose an action", action_field_list(true), add_action},
    {"update_action", "action", "edit", "Change an action's fields (recorded as an edit event)",
     action_field_list(false), update_action},
    {"agree", "action", "agree", "proposed -> agreed", transition_fields,
     simple_transition<&store::Store::agree>},
    {"start", "action", "start", "agreed or reopened -> in_progress", transition_fields,
     simple_transition<&store::Store::start>},
    {"implement", "action", "implement", "in_progress -> implemented (needs evidence)",
     transition_fields, simple_transition<&store::Store::implement>},
    {"verify", "action", "verify", "implemented -> verified (needs a passing follow-up check)",
     transition_fields, simple_transition<&store::Store::verify>},
    {"evaluate", "action", "evaluate", "verified -> evaluated, after the observation window",
     {id_field, at_field, actor_field,
      {"verdict", one, true, "effective, not_effective or inconclusive"},
      {"basis", one, false, "The comparison the verdict rests on"},
      {"checks", list, false, "Checks the verdict rests on"},
      note_field},
     evaluate},
    {"close", "action", "close", "evaluated -> closed, signed off at a governance review",
     {id_field, at_field, actor_field,
      {"decision", one, true, "adopt, adapt or abandon"},
      {"review", one, true, "The governance review that signed it off"},
      note_field},
     close_action},
    {"reopen", "action", "reopen", "evaluated (not_effective) or closed -> reopened",
     reason_fields, reasoned_transition<&store::Store::reopen>},
    {"cancel", "action", "cancel", "Any open state -> cancelled", reason_fields,
     reasoned_transition<&store::Store::cancel>},
    {"add_evidence", "evidence", "add", "Record evidence for an action",
     {id_field,
      {"action", one, true, "The action"},
      {"kind", one, false,
       "audit_result, training_record, policy_version, minutes, observation, document, peoples_experience, "
       "staff_feedback, partner_feedback"},
      {"date", one, true, "Its date"},
      {"reference", one, false, "Where it is kept"},
      {"summary", one, false, "What it shows"},
      {"shareable", one, false, "true: commissioners and inspectors may read its text (default false)"}},
     add_evidence},
    {"add_check", "check", "add", "Record a monitoring check",
     {id_field,
      {"action", one, true, "The action"},
      {"date", one, true, "Its date"},
      {"kind", one, false, "spot_check, audit, competency_observation, supervision, ..."},
      {"passed", one, false, "true or false"},
      {"score", one, false, "The score (with --denominator)"},
      {"denominator", one, false, "What the score is out of"},
      {"by", one, false, "Who carried it out"},
      {"note", one, false, "A note"},
      {"shareable", one, false, "true: commissioners and inspectors may read its text (default false)"}},
     add_check},
    {"add_review", "review", "add", "Record a governance review",
     {id_field,
      {"forum", one, false, "clinical_governance, quality_assurance, board, contract_monitoring"},
      {"date", one, true, "When it met"},
      {"plans", list, false, "Plans reviewed"},
      {"actions", list, false, "Actions reviewed"},
      {"decisions", one, false, "Decisions minuted"},
      {"shareable", one, false, "true: commissioners and inspectors may read its text (default false)"}},
     add_review},
    {"add_share", "share", "add", "Share a plan's learning with other services",
     {id_field,
      {"plan", one, true, "The plan"},
      {"channel", one, false, "governance_forum, staff_briefing or leadership_update"},
      {"date", one, true, "When"},
      {"targets", list, true, "The services it goes to"},
      {"summary", one, false, "What is shared"}},
     add_share},
    {"acknowledge_share", "share", "acknowledge", "A target service acknowledges a share",
     {id_field, {"service", one, true, "The service"}, {"date", one, true, "When"}},
     acknowledge_share},
    {"record_adoption", "share", "adopt", "A target service decides whether it adopts the change",
     {id_field,
      {"service", one, true, "The service"},
      {"adopted", one, false, "true (default) or false"},
      {"date", one, true, "When"}},
     record_adoption},
    {"record_briefing", "share", "brief",
     "Record how many of a target service's staff have been briefed (read and signed) of how many "
     "in scope",
     {{"share", one, true, "The share"},
      {"service", one, true, "The target service"},
      {"date", one, true, "The day the figures describe"},
      {"briefed", one, true, "Staff in scope who have read and signed"},
      {"in_scope", one, true, "Staff the learning applies to"},
      {"by", one, false, "Who recorded the figures"},
      {"note", one, false, "A note"}},
     record_briefing},
};

}  // namespace

std::span<const Call> all_calls() { return calls; }

const Call* find_call(std::string_view name) {
  for (const Call& call : calls) {
    if (name == call.name) return &call;
  }
  return nullptr;
}

json run_call(const Call& call, store::Store& store, const json& fields) {
  const Args args(fields);
  args.allow_only(call.fields);
  return call.run(store, args);
}

std::vector<Change> read_changes(std::istream& in, const std::string& file) {
  std::vector<Change> changes;
  std::string line;
  for (std::size_t number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    const std::string where = file + ":" + std::to_string(number) + ": ";
    json change = json::parse(line, nullptr, false);
    if (change.is_discarded() || !change.is_object()) {
      throw InputError(where + "not a JSON object");
    }
    const auto name = change.find("call");
    if (name == change.end() || !name->is_string()) {
      throw InputError(where + "field call: missing (it names the call, e.g. \"add_incident\")");
    }
    const Call* call = find_call(name->get<std::string>());
    if (call == nullptr) {
      std::string names;
      for (const Call& c : all_calls()) names += (names.empty() ? "" : ", ") + std::string(c.name);
      throw InputError(where + "field call: unknown call \"" + name->get<std::string>() +
                       "\": expected one of " + names);
    }
    change.erase("call");
    changes.push_back(Change{number, call, std::move(change)});
  }
  return changes;
}

json apply_changes(store::Store& store, std::vector<Change> changes, const std::string& file,
                   std::ostream* progress) {
  json recorded = json::array();
  store.batch([&](store::Store& batch) {
    std::size_t done = 0;
    for (const Change& change : changes) {
      const std::string where = file + ":" + std::to_string(change.line) + ": ";
      try {
        recorded.push_back(run_call(*change.call, batch, change.fields));
      } catch (const FieldError& error) {
        throw InputError(where + "field " + error.what());
      } catch (const Error& error) {
        throw InputError(where + change.call->name + ": " + error.what());
      }
      if (progress != nullptr && ++done % 1000 == 0) {
        *progress << "\rapplying: " << done << " of " << changes.size() << " changes" << std::flush;
      }
    }
    if (progress != nullptr && done >= 1000) *progress << '\n';
  });
  return recorded;
}

json action_json(const lc::Register& reg, const ActionId& id) {
  const lc::Action& action = reg.action(id);
  json out = to_json(action);
  out["history"] = array_of(action.events(), [](const lc::ActionEvent& e) { return to_json(e); });
  out["evidence"] = array_of(reg.evidence_for(id), [](const lc::Evidence* e) { return to_json(*e); });
  out["checks"] = array_of(reg.checks_for(id), [](const lc::Check* c) { return to_json(*c); });
  return out;
}

}  // namespace closeloop::cli
