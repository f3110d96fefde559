// The JSON rendering. Keys are written in a fixed order (ordered_json) so the
// output is stable byte for byte; docs/report-schema.md documents every key.
#include <cmath>
#include <nlohmann/json.hpp>

#include "closeloop/report/render.hpp"
#include "icons.hpp"
#include "text.hpp"

namespace closeloop::report {

namespace {

using Json = nlohmann::ordered_json;

Json number(double value) { return std::isfinite(value) ? Json(value) : Json(nullptr); }

Json date(const Date& value) {
  return value.is_special() ? Json(nullptr) : Json(to_iso(value));
}

Json date(const std::optional<Date>& value) {
  return value ? date(*value) : Json(nullptr);
}

Json text_or_null(const std::string& value) {
  return value.empty() ? Json(nullptr) : Json(value);
}

template <class T>
Json optional(const std::optional<T>& value) {
  return value ? Json(*value) : Json(nullptr);
}

Json links(const std::vector<Link>& items) {
  Json out = Json::array();
  for (const auto& link : items) {
    out.push_back({{"kind", std::string(to_string(link.kind))},
                   {"id", link.id},
                   {"anchor", anchor_of(link.kind, link.id)}});
  }
  return out;
}

Json header(const ReportHeader& h) {
  return {{"title", h.title},
          {"provider", h.provider},
          {"scope",
           {{"kind", h.scope_service_ids.empty()       ? "organisation"
                     : h.scope_service_ids.size() == 1 ? "service"
                                                       : "services"},
            {"service_ids", h.scope_service_ids},
            {"name", h.scope_name}}},
          {"period", {{"start", date(h.period_start)}, {"end", date(h.period_end)}}},
          {"as_of", date(h.as_of)},
          {"audience", std::string(to_string(h.audience))},
          {"generator", h.generator}};
}

Json overview(const Overview& o) {
  return {{"services", o.services},
          {"incidents", o.incidents},
          {"notifiable_incidents", o.notifiable_incidents},
          {"plans_open", o.plans_open},
          {"actions_open", o.actions_open},
          {"actions_overdue", o.actions_overdue},
          {"actions_implemented", o.actions_implemented},
          {"actions_verified", o.actions_verified},
          {"evaluated_effective", o.evaluated_effective},
          {"evaluated_not_effective", o.evaluated_not_effective},
          {"evaluated_inconclusive", o.evaluated_inconclusive},
          {"shares", o.shares},
          {"share_targets", o.share_targets},
          {"share_targets_adopted", o.share_targets_adopted}};
}

Json finding(const Finding& f) {
  return {{"kind", std::string(to_string(f.kind))},
          {"severity", std::string(to_string(f.severity))},
          {"title", f.title},
          {"detail", f.detail},
          {"service_id", text_or_null(f.service_id)},
          {"since", date(f.since)},
          {"links", links(f.links)},
          {"owner", text_or_null(f.owner)}};
}

Json signals(const PointSignals& s) {
  Json out = Json::array();
  if (s.outside_limits) out.push_back("outside_limits");
  if (s.shift) out.push_back("shift");
  if (s.trend) out.push_back("trend");
  if (s.two_of_three) out.push_back("two_of_three");
  if (s.long_run) out.push_back("long_run");
  if (s.few_crossings) out.push_back("few_crossings");
  return out;
}

// The Making Data Count icons of a series as codes with their words.
Json icons(const MetricSeries& s) {
  Json assurance(nullptr);
  if (s.assurance) {
    assurance = {{"code", *s.assurance}, {"text", detail::assurance_icon_text(*s.assurance)}};
  }
  return {{"variation", {{"code", s.variation}, {"text", detail::variation_icon_text(s.variation)}}},
          {"assurance", assurance}};
}

Json series(const MetricSeries& s) {
  Json points = Json::array();
  for (const auto& p : s.points) {
    points.push_back({{"period_start", date(p.period_start)},
                      {"count", number(p.count)},
                      {"exposure", number(p.exposure)},
                      {"value", number(p.value)},
                      {"centre", number(p.centre)},
                      {"lcl", number(p.lcl)},
                      {"ucl", number(p.ucl)},
                      {"class", std::string(to_string(p.point_class))},
                      {"signals", signals(p.signals)}});
  }
  Json phases = Json::array();
  for (const auto& b : s.phase_breaks) {
    phases.push_back({{"index", b.index},
                      {"date", date(b.date)},
                      {"label", b.label},
                      {"links", links(b.links)}});
  }
  Json windows = Json::array();
  for (const auto& w : s.phases) {
    windows.push_back({{"start", date(w.start)},
                       {"end", date(w.end)},
                       {"periods", w.periods},
                       {"count", number(w.count)},
                       {"exposure", number(w.exposure)},
                       {"centre", number(w.centre)}});
  }
  return {{"id", s.id},
          {"anchor", anchor_of(LinkKind::chart, s.id)},
          {"title", s.title},
          {"category", s.category},
          {"service_id", text_or_null(s.service_id)},
          {"measure", text_or_null(s.measure)},
          {"per", number(s.per)},
          {"unit", s.unit},
          {"chart", s.chart},
          {"improvement", text_or_null(s.improvement)},
          {"period", s.period},
          {"variation", s.variation},
          {"assurance", optional(s.assurance)},
          {"target", s.target ? number(*s.target) : Json(nullptr)},
          {"icons", icons(s)},
          {"summary", s.summary},
          {"headline", s.headline},
          {"links", links(s.links)},
          {"phase_breaks", phases},
          {"phases", windows},
          {"rebase_note", text_or_null(s.rebase_note)},
          {"points", points}};
}

Json funnel(const Funnel& f) {
  Json points = Json::array();
  for (const auto& p : f.points) {
    points.push_back({{"service_id", p.service_id},
                      {"service_name", p.service_name},
                      {"count", number(p.count)},
                      {"exposure", number(p.exposure)},
                      {"rate", number(p.rate)},
                      {"lower95", number(p.lower95)},
                      {"upper95", number(p.upper95)},
                      {"lower998", number(p.lower998)},
                      {"upper998", number(p.upper998)},
                      {"position", p.position}});
  }
  Json curve = Json::array();
  for (const auto& c : f.curve) {
    curve.push_back({{"exposure", number(c.exposure)},
                     {"lower95", number(c.lower95)},
                     {"upper95", number(c.upper95)},
                     {"lower998", number(c.lower998)},
                     {"upper998", number(c.upper998)}});
  }
  return {{"id", f.id},
          {"anchor", anchor_of(LinkKind::funnel, f.id)},
          {"title", f.title},
          {"category", f.category},
          {"measure", f.measure},
          {"per", number(f.per)},
          {"unit", f.unit},
          {"improvement", text_or_null(f.improvement)},
          {"organisation_rate", number(f.organisation_rate)},
          {"summary", f.summary},
          {"points", points},
          {"curve", curve}};
}

Json plan(const PlanStatus& p) {
  Json by_state = Json::object();
  for (std::size_t i = 0; i < p.actions_by_state.size(); ++i) {
    by_state[std::string(to_string(static_cast<ActionState>(i)))] = p.actions_by_state[i];
  }
  return {{"plan_id", p.plan_id},
          {"anchor", anchor_of(LinkKind::plan, p.plan_id)},
          {"investigation_id", p.investigation_id},
          {"label", p.label},
          {"service_id", text_or_null(p.service_id)},
          {"approved_on", date(p.approved_on)},
          {"actions_by_state", by_state},
          {"actions_overdue", p.actions_overdue},
          {"last_reviewed", date(p.last_reviewed)},
          {"next_review_due", date(p.next_review_due)},
          {"weaker_only", p.weaker_only}};
}

Json history(const std::vector<HistoryEntry>& entries) {
  Json out = Json::array();
  for (const auto& h : entries) {
    out.push_back({{"date", date(h.date)},
                   {"event", h.event},
                   {"verdict", optional(h.verdict)},
                   {"decision", optional(h.decision)},
                   {"review_id", text_or_null(h.review_id)},
                   {"check_id", text_or_null(h.check_id)},
                   {"reason", text_or_null(h.reason)}});
  }
  return out;
}

Json action(const ActionStatus& a) {
  return {{"action_id", a.action_id},
          {"anchor", anchor_of(LinkKind::action, a.action_id)},
          {"plan_id", a.plan_id},
          {"service_id", text_or_null(a.service_id)},
          {"title", a.title},
          {"owner", text_or_null(a.owner)},
          {"due", date(a.due)},
          {"state", std::string(to_string(a.state))},
          {"intervention", a.intervention},
          {"strength", a.strength},
          {"implemented_on", date(a.implemented_on)},
          {"verified_on", date(a.verified_on)},
          {"verdict", optional(a.verdict)},
          {"decision", optional(a.decision)},
          {"evidence_items", a.evidence_items},
          {"checks_passed", a.checks_passed},
          {"checks_failed", a.checks_failed},
          {"last_activity", date(a.last_activity)},
          {"signals", a.signals},
          {"history", history(a.history)}};
}

Json evidence(const EvidenceEntry& e) {
  return {{"action_id", e.action_id},
          {"source", e.source},
          {"id", e.id},
          {"kind", e.kind},
          {"date", date(e.date)},
          {"stage", e.stage},
          {"reference", text_or_null(e.reference)},
          {"summary", e.summary},
          {"result", optional(e.result)},
          {"cqc_evidence_category",
           e.cqc_category ? Json(std::string(to_string(*e.cqc_category))) : Json(nullptr)}};
}

Json window(const RateWindow& w) {
  return {{"start", date(w.start)},
          {"end", date(w.end)},
          {"count", number(w.count)},
          {"exposure", number(w.exposure)},
          {"rate", number(w.rate)},
          {"periods", w.periods}};
}

Json claim(const EffectivenessClaim& c) {
  return {{"action_id", c.action_id},
          {"plan_id", c.plan_id},
          {"title", c.title},
          {"measure", c.measure},
          {"category", c.category},
          {"service_id", text_or_null(c.service_id)},
          {"verdict", c.verdict},
          {"evaluated_on", date(c.evaluated_on)},
          {"implemented_on", date(c.implemented_on)},
          {"basis", text_or_null(c.basis)},
          {"since", text_or_null(c.since)},
          {"per", number(c.per)},
          {"before", window(c.before)},
          {"after", window(c.after)},
          {"rate_ratio", number(c.rate_ratio)},
          {"ci_lower", number(c.ci_lower)},
          {"ci_upper", number(c.ci_upper)},
          {"p_value", number(c.p_value)},
          {"spc_after", text_or_null(c.spc_after)},
          {"series_id", text_or_null(c.series_id)},
          {"statement", c.statement},
          {"assessed_verdict", text_or_null(c.assessed_verdict)},
          {"assessed_reason", text_or_null(c.assessed_reason)}};
}

Json share(const LearningShareStatus& s) {
  Json targets = Json::array();
  for (const auto& t : s.targets) {
    targets.push_back({{"service_id", t.service_id},
                       {"service_name", t.service_name},
                       {"acknowledged_on", date(t.acknowledged_on)},
                       {"adopted", optional(t.adopted)},
                       {"status", t.status},
                       {"reach",
                        {{"briefed", optional(t.briefed)},
                         {"in_scope", optional(t.in_scope)},
                         {"date", date(t.reach_on)},
                         {"threshold", number(t.reach_threshold)}}}});
  }
  return {{"share_id", s.share_id},
          {"anchor", anchor_of(LinkKind::share, s.share_id)},
          {"plan_id", s.plan_id},
          {"channel", s.channel},
          {"date", date(s.date)},
          {"from_service_id", text_or_null(s.from_service_id)},
          {"targets", targets}};
}

Json strength(const StrengthProfile& s) {
  Json by = Json::array();
  for (const auto& c : s.by_intervention) {
    by.push_back({{"intervention", c.intervention}, {"strength", c.strength}, {"actions", c.actions}});
  }
  return {{"stronger", s.stronger},
          {"intermediate", s.intermediate},
          {"weaker", s.weaker},
          {"by_intervention", by},
          {"weaker_only_plans", s.weaker_only_plans}};
}

Json mapping(const std::vector<SectionMapping>& items) {
  Json out = Json::array();
  for (const auto& m : items) {
    Json statements = Json::array();
    for (auto q : m.quality_statements) statements.push_back(std::string(to_string(q)));
    Json categories = Json::array();
    for (auto c : m.evidence_categories) categories.push_back(std::string(to_string(c)));
    out.push_back({{"section", std::string(to_string(m.section))},
                   {"quality_statements", statements},
                   {"evidence_categories", categories}});
  }
  return out;
}

Json review(const ReviewEntry& r) {
  return {{"review_id", r.review_id},
          {"anchor", anchor_of(LinkKind::review, r.review_id)},
          {"forum", r.forum},
          {"date", date(r.date)},
          {"plans", r.plans},
          {"actions", r.actions},
          {"decisions", text_or_null(r.decisions)},
          {"closures_signed_off", r.closures_signed_off}};
}

Json harm_row(const HarmRow& h) {
  // Keys are the harm words, in the harm tables' order (a harm's value is its position).
  Json physical = Json::object();
  for (const auto& [harm, word] : words_of<Harm>().entries) {
    physical[std::string(word)] = h.physical[static_cast<std::size_t>(harm)];
  }
  Json psychological = Json::object();
  for (const auto& [harm, word] : words_of<PsychologicalHarm>().entries) {
    psychological[std::string(word)] = h.psychological[static_cast<std::size_t>(harm)];
  }
  psychological["not_recorded"] = h.psychological_not_recorded;
  return {{"category", h.category}, {"physical", physical}, {"psychological", psychological}};
}

Json coverage(const CqcCoverage& c) {
  return {{"category", std::string(to_string(c.category))},
          {"title", std::string(title_of(c.category))},
          {"entries", c.entries},
          {"has_evidence", c.entries > 0}};
}

Json meeting_items(const std::vector<MeetingItem>& items) {
  Json out = Json::array();
  for (const auto& i : items) out.push_back({{"text", i.text}, {"date", date(i.date)}, {"links", links(i.links)}});
  return out;
}

Json meeting(const std::optional<MeetingPack>& m) {
  if (!m) return Json(nullptr);
  return {{"plans_due_for_review", meeting_items(m->plans_due_for_review)},
          {"overdue_actions", meeting_items(m->overdue_actions)},
          {"fading_actions", meeting_items(m->fading_actions)},
          {"evaluations_allowed", meeting_items(m->evaluations_allowed)},
          {"decisions_needed", meeting_items(m->decisions_needed)}};
}

template <class T, class F>
Json list(const std::vector<T>& items, F convert) {
  Json out = Json::array();
  for (const auto& item : items) out.push_back(convert(item));
  return out;
}

}  // namespace

std::string to_json(const GovernanceReport& report) {
  Json out;
  out["schema"] = "closeloop.governance_report";
  out["schema_version"] = kSchemaVersion;
  out["header"] = header(report.header);
  out["overview"] = overview(report.overview);
  out["meeting_pack"] = meeting(report.meeting);
  out["needs_attention"] = list(report.needs_attention, finding);
  out["trends"] = list(report.trends, series);
  out["funnels"] = list(report.funnels, funnel);
  out["harm_profile"] = list(report.harm_profile, harm_row);
  out["action_plans"] = list(report.plans, plan);
  out["actions"] = list(report.actions, action);
  out["evidence"] = list(report.evidence, evidence);
  out["effectiveness"] = list(report.effectiveness, claim);
  out["governance_trail"] = list(report.reviews, review);
  out["learning"] = list(report.learning, share);
  out["action_strength"] = strength(report.strength);
  out["cqc_mapping"] = mapping(report.cqc_mapping);
  out["cqc_coverage"] = list(report.cqc_coverage, coverage);
  // Invalid UTF-8 in caller text is replaced rather than thrown on: a report
  // must render whatever the register holds.
  return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace closeloop::report
