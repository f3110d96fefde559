#pragma once
// A hand-built governance report: the seed's three scenarios (medication
// documentation in supported living, falls in a residential home, escalation
// delays in domiciliary care) as a board would see them. Fixture data for the
// renderer tests; the builder's own tests compute their figures.

#include <cmath>
#include <string>
#include <vector>

#include "closeloop/core/date.hpp"
#include "closeloop/report/model.hpp"

namespace closeloop::report::testing {

inline Date d(const char* iso) { return parse_date(iso); }

// A u chart series from monthly counts and exposures: centre is the pooled
// rate per phase, limits centre +/- 3 sqrt(centre / exposure) (per 1,000).
inline MetricSeries u_series(std::string id, std::string title, std::string category,
                             std::string service, std::string measure, const char* first_month,
                             const std::vector<double>& counts, const std::vector<double>& exposure,
                             std::size_t phase_start) {
  MetricSeries s;
  s.id = std::move(id);
  s.title = std::move(title);
  s.category = std::move(category);
  s.service_id = std::move(service);
  s.measure = std::move(measure);
  s.per = 1000.0;
  s.unit = "per 1,000 " + std::string(s.measure == "occupied_bed_days" ? "occupied bed days" : "doses");
  s.chart = "u";
  s.improvement = "decrease";
  s.period = "month";
  Date month = d(first_month);
  const auto pooled = [&](std::size_t from, std::size_t to) {
    double k = 0.0;
    double e = 0.0;
    for (std::size_t i = from; i < to; ++i) {
      k += counts[i];
      e += exposure[i];
    }
    return k / e;
  };
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const bool second = phase_start > 0 && i >= phase_start;
    const double centre = second ? pooled(phase_start, counts.size()) : pooled(0, phase_start > 0 ? phase_start : counts.size());
    const double sigma = std::sqrt(centre / exposure[i]);
    SeriesPoint p;
    p.period_start = month;
    p.count = counts[i];
    p.exposure = exposure[i];
    p.value = counts[i] / exposure[i] * 1000.0;
    p.centre = centre * 1000.0;
    p.lcl = std::max(0.0, centre - 3.0 * sigma) * 1000.0;
    p.ucl = (centre + 3.0 * sigma) * 1000.0;
    s.points.push_back(p);
    month = month + boost::gregorian::months(1);
  }
  return s;
}

// The summary the builder writes for evidence not marked shareable.
inline std::string detail_summary_not_shared(const std::string& kind) {
  std::string words = kind;
  for (char& c : words) c = c == '_' ? ' ' : c;
  words[0] = static_cast<char>(words[0] - 'a' + 'A');
  return words + " recorded (details not marked shareable)";
}

inline GovernanceReport fixed_report(Audience audience = Audience::board) {
  GovernanceReport r;
  r.header.title = "Governance report: Sample Care Group";
  r.header.provider = "Sample Care Group";
  r.header.scope_name = "Whole organisation";
  r.header.period_start = d("2025-12-01");
  r.header.period_end = d("2026-11-30");
  r.header.as_of = d("2026-11-26");
  r.header.audience = audience;
  r.header.generator = "closeloop 0.1.0";

  r.overview = {6, 143, 2, 3, 5, 1, 4, 3, 2, 0, 1, 2, 5, 3};

  r.needs_attention = {
      {FindingKind::overdue, Severity::high, "A-RES-3 \"Install sensor mats in rooms 4 & 7\" is overdue",
       "Due 31 Oct 2026, 26 days ago; state agreed; owner notified twice.", "oak-house", d("2026-10-31"),
       {{LinkKind::action, "A-RES-3"}, {LinkKind::plan, "P-RES-1"}}, "Dan Harper"},
      {FindingKind::special_cause_concern, Severity::high, "Falls at Birch Lodge above the upper limit in Oct 2026",
       "9.84 per 1,000 occupied bed days against an upper limit of 9.51.", "birch-lodge", d("2026-10-01"),
       {{LinkKind::funnel, "falls-care-homes"}}, ""},
      {FindingKind::stale, Severity::medium, "A-DOM-2 has had no activity for 47 days",
       "Last event 10 Oct 2026; stale after 30 days.", "riverside-dom", d("2026-10-10"),
       {{LinkKind::action, "A-DOM-2"}}, ""},
      {FindingKind::unreviewed_plan, Severity::medium, "P-DOM-1 not reviewed within its 30-day interval",
       "Last governance review 2 Sep 2026; next was due 2 Oct 2026.", "riverside-dom", d("2026-10-02"),
       {{LinkKind::plan, "P-DOM-1"}}, ""},
      {FindingKind::learning_not_spread, Severity::medium, "Ash Grove has not acknowledged share S-MED-1",
       "Shared 14 Jul 2026 at the governance forum; no acknowledgement after 135 days.", "ash-grove",
       d("2026-07-14"), {{LinkKind::share, "S-MED-1"}, {LinkKind::plan, "P-MED-1"}}, ""},
      {FindingKind::weaker_actions_only, Severity::low, "P-DOM-1 relies on training and guidance only",
       "2 actions, all weaker (training, policy or procedure).", "riverside-dom", std::nullopt,
       {{LinkKind::plan, "P-DOM-1"}}, ""},
  };

  auto falls = u_series("falls-oak-house", "Falls at Oak House", "fall", "oak-house", "occupied_bed_days",
                        "2025-12-01", {7, 8, 6, 9, 8, 10, 7, 4, 3, 3, 2, 3},
                        {1178, 1064, 1178, 1140, 1178, 1140, 1178, 1178, 1140, 1178, 1140, 1178}, 7);
  falls.phase_breaks.push_back({7, d("2026-07-01"), "A-RES-1 implemented", {{LinkKind::action, "A-RES-1"}}});
  for (std::size_t i = 8; i < 12; ++i) {
    falls.points[i].point_class = PointClass::improvement;
  }
  falls.points[5].point_class = PointClass::concern;
  falls.points[5].signals.outside_limits = true;
  falls.variation = "improvement_low";
  falls.summary = "Falls fell from 7.21 to 2.71 per 1,000 occupied bed days after the mobility "
                  "assessments (A-RES-1) were implemented; the last four months are special-cause "
                  "improvement.";
  falls.links = {{LinkKind::action, "A-RES-1"}, {LinkKind::action, "A-RES-2"}};
  for (std::size_t i = 8; i < 12; ++i) falls.points[i].signals.shift = true;

  auto meds = u_series("medication-elm-court", "Medication errors at Elm Court", "medication_error",
                       "elm-court", "doses_administered", "2025-12-01", {5, 6, 4, 5, 2, 2, 1, 2, 1, 1, 2, 1},
                       {1860, 1680, 1860, 1800, 1860, 1800, 1860, 1860, 1800, 1860, 1800, 1860}, 4);
  meds.phase_breaks.push_back({4, d("2026-04-01"), "A-MED-1 implemented", {{LinkKind::action, "A-MED-1"}}});
  meds.variation = "common_cause";
  meds.target = 1.5;
  meds.assurance = "inconsistent";
  meds.summary = "Medication errors fell from 2.77 to 0.67 per 1,000 doses after the revised MAR "
                 "guidance; the rebased chart shows common-cause variation around the new level.";
  meds.links = {{LinkKind::action, "A-MED-1"}};
  r.trends = {falls, meds};

  Funnel funnel;
  funnel.id = "falls-care-homes";
  funnel.title = "Falls across care homes, Dec 2025 to Nov 2026";
  funnel.category = "fall";
  funnel.measure = "occupied_bed_days";
  funnel.per = 1000.0;
  funnel.unit = "per 1,000 occupied bed days";
  funnel.improvement = "decrease";
  funnel.organisation_rate = 5.6;
  funnel.points = {
      {"oak-house", "Oak House", 69, 13870, 4.97, 4.33, 6.94, 3.76, 7.73, "within"},
      {"birch-lodge", "Birch Lodge", 112, 14235, 7.87, 4.35, 6.91, 3.78, 7.69, "above_998"},
      {"willow-view", "Willow View", 38, 8030, 4.73, 4.01, 7.35, 3.33, 8.27, "within"},
  };
  for (double e : {2000.0, 4000.0, 6000.0, 8000.0, 10000.0, 12000.0, 14000.0, 16000.0}) {
    const double sd = std::sqrt(5.6 / 1000.0 / e) * 1000.0;
    funnel.curve.push_back({e, 5.6 - 1.96 * sd, 5.6 + 1.96 * sd, 5.6 - 3.09 * sd, 5.6 + 3.09 * sd});
  }
  funnel.summary = "Birch Lodge is above the 99.8% limit; the other homes are within the limits.";
  r.funnels = {funnel};

  PlanStatus res{"P-RES-1", "I-RES-1", "Root cause analysis: falls (environment, assessment)", "oak-house",
                 d("2026-05-20"), {}, 1, d("2026-11-04"), d("2026-12-04"), false};
  res.actions_by_state[static_cast<std::size_t>(ActionState::agreed)] = 1;
  res.actions_by_state[static_cast<std::size_t>(ActionState::verified)] = 1;
  res.actions_by_state[static_cast<std::size_t>(ActionState::evaluated)] = 1;
  PlanStatus med{"P-MED-1", "I-MED-1", "After action review: medication error (documentation)", "elm-court",
                 d("2026-02-10"), {}, 0, d("2026-10-20"), d("2026-11-19"), false};
  med.actions_by_state[static_cast<std::size_t>(ActionState::closed)] = 1;
  med.actions_by_state[static_cast<std::size_t>(ActionState::verified)] = 1;
  PlanStatus dom{"P-DOM-1", "I-DOM-1", "Safeguarding enquiry: escalation delays (communication)", "riverside-dom",
                 d("2026-08-15"), {}, 0, d("2026-09-02"), d("2026-10-02"), true};
  dom.actions_by_state[static_cast<std::size_t>(ActionState::in_progress)] = 2;
  r.plans = {med, res, dom};

  const auto action = [](const char* id, const char* plan, const char* service, const char* title,
                         const char* owner, const char* due, ActionState state, const char* intervention,
                         const char* strength) {
    ActionStatus a;
    a.action_id = id;
    a.plan_id = plan;
    a.service_id = service;
    a.title = title;
    a.owner = owner;
    a.due = d(due);
    a.state = state;
    a.intervention = intervention;
    a.strength = strength;
    return a;
  };
  auto a1 = action("A-MED-1", "P-MED-1", "elm-court", "Revise MAR documentation guidance with a worked example",
                   "Priya Shah", "2026-03-31", ActionState::closed, "standardisation", "intermediate");
  a1.implemented_on = d("2026-03-28");
  a1.verified_on = d("2026-04-30");
  a1.verdict = "effective";
  a1.decision = "adopt";
  a1.evidence_items = 2;
  a1.checks_passed = 7;
  a1.last_activity = d("2026-10-20");
  auto a2 = action("A-MED-2", "P-MED-1", "elm-court", "Monthly competency observation of medication rounds",
                   "Tom Okafor", "2026-04-30", ActionState::verified, "redundancy", "intermediate");
  a2.implemented_on = d("2026-04-22");
  a2.verified_on = d("2026-05-29");
  a2.evidence_items = 1;
  a2.checks_passed = 6;
  a2.checks_failed = 1;
  a2.last_activity = d("2026-11-02");
  auto a3 = action("A-RES-1", "P-RES-1", "oak-house", "Mobility risk assessment on admission and monthly",
                   "Grace Mensah", "2026-06-30", ActionState::evaluated, "checklist", "intermediate");
  a3.implemented_on = d("2026-06-24");
  a3.verified_on = d("2026-07-29");
  a3.verdict = "effective";
  a3.evidence_items = 2;
  a3.checks_passed = 5;
  a3.last_activity = d("2026-11-04");
  auto a4 = action("A-RES-2", "P-RES-1", "oak-house", "Weekly environmental safety walk-round",
                   "Grace Mensah", "2026-07-15", ActionState::verified, "physical_change", "stronger");
  a4.implemented_on = d("2026-07-10");
  a4.verified_on = d("2026-08-07");
  a4.evidence_items = 1;
  a4.checks_passed = 16;
  a4.last_activity = d("2026-11-20");
  auto a5 = action("A-RES-3", "P-RES-1", "oak-house", "Install sensor mats in rooms 4 & 7",
                   "Dan Harper", "2026-10-31", ActionState::agreed, "physical_change", "stronger");
  a5.last_activity = d("2026-10-05");
  a5.signals = {"overdue"};
  auto a6 = action("A-DOM-1", "P-DOM-1", "riverside-dom", "Revised escalation pathway for urgent concerns",
                   "Sam Keller", "2026-12-15", ActionState::in_progress, "policy_procedure", "weaker");
  a6.evidence_items = 1;
  a6.last_activity = d("2026-11-12");
  auto a7 = action("A-DOM-2", "P-DOM-1", "riverside-dom", "Escalation discussed in every supervision",
                   "Sam Keller", "2026-12-31", ActionState::in_progress, "training", "weaker");
  a7.last_activity = d("2026-10-10");
  a7.signals = {"stale"};
  a1.history = {{d("2026-07-30"), "evaluated", std::string("effective"), std::nullopt, "", "",
                 "Rate fell and the audits held at 95% (Priya Shah)"},
                {d("2026-10-20"), "closed", std::nullopt, std::string("adopt"), "R-OCT", "", ""}};
  a3.history = {{d("2026-06-24"), "implemented", std::nullopt, std::nullopt, "", "", ""},
                {d("2026-11-04"), "evaluated", std::string("effective"), std::nullopt, "", "", ""}};
  r.actions = {a1, a2, a3, a4, a5, a6, a7};
  r.reviews = {{"R-OCT", "clinical_governance", d("2026-10-20"), {"P-MED-1", "P-RES-1"}, {"A-MED-1"},
                "A-MED-1 closed: adopt across the care homes (minuted by Priya Shah)", {"A-MED-1"}}};
  r.harm_profile = {{"fall", {40, 22, 6, 1, 0}, {60, 8, 1, 0}, 0},
                    {"medication_error", {25, 6, 1, 0, 0}, {31, 1, 0, 0}, 0}};

  const auto entry = [](const char* action, const char* source, const char* id, const char* kind, const char* date,
                        const char* stage, const char* reference, const char* summary,
                        std::optional<std::string> result) {
    EvidenceEntry e;
    e.action_id = action;
    e.source = source;
    e.id = id;
    e.kind = kind;
    e.date = d(date);
    e.stage = stage;
    e.reference = reference;
    e.summary = summary;
    e.result = std::move(result);
    return e;
  };
  r.evidence = {
      entry("A-MED-1", "evidence", "E-1", "policy_version", "2026-03-28", "implementation", "MED-POL-07 v3",
            "MAR guidance v3 issued to all staff", std::nullopt),
      entry("A-MED-1", "check", "C-1", "audit", "2026-04-30", "verification", "",
            "Audit of 20 MAR charts: 19 of 20", std::string("pass (95%)")),
      entry("A-RES-1", "evidence", "E-4", "training_record", "2026-06-24", "implementation", "TR-2026-118",
            "All 24 care staff trained in the mobility tool", std::nullopt),
      entry("A-RES-1", "check", "C-9", "spot_check", "2026-07-29", "verification", "",
            "Spot check of 10 care plans: 10 of 10", std::string("pass (100%)")),
      entry("A-RES-2", "check", "C-20", "spot_check", "2026-11-20", "monitoring", "",
            "Weekly walk-round completed", std::string("pass")),
      entry("A-MED-2", "check", "C-31", "competency_observation", "2026-11-02", "monitoring", "",
            "Observed medication round: 2 omissions of signature", std::string("fail (8 of 10)")),
  };
  if (audience == Audience::inspector) {
    for (auto& e : r.evidence) e.cqc_category = evidence_category_of(e.kind);
    r.cqc_mapping = standard_cqc_mapping();
    r.cqc_coverage = {{EvidenceCategory::processes, 4},
                      {EvidenceCategory::outcomes, 5},
                      {EvidenceCategory::observation, 1},
                      {EvidenceCategory::feedback_from_staff_and_leaders, 0},
                      {EvidenceCategory::peoples_experience, 0},
                      {EvidenceCategory::feedback_from_partners, 0}};
  }

  EffectivenessClaim c1;
  c1.action_id = "A-MED-1";
  c1.plan_id = "P-MED-1";
  c1.title = "Revise MAR documentation guidance with a worked example";
  c1.measure = "Medication errors per 1,000 doses at Elm Court (decrease)";
  c1.category = "medication_error";
  c1.service_id = "elm-court";
  c1.verdict = "effective";
  c1.implemented_on = d("2026-03-28");
  c1.before = {d("2025-12-01"), d("2026-02-28"), 20, 7200, 2.78, 3};
  c1.after = {d("2026-04-01"), d("2026-10-31"), 12, 14700, 0.82, 7};
  c1.rate_ratio = 0.29;
  c1.ci_lower = 0.13;
  c1.ci_upper = 0.62;
  c1.p_value = 0.0009;
  c1.spc_after = "common_cause";
  c1.series_id = "medication-elm-court";
  c1.evaluated_on = d("2026-07-30");
  c1.basis = "Rate fell and the audits held at 95% (Priya Shah)";
  c1.since = "Closed 20 Oct 2026 (adopt, signed off at R-OCT).";
  c1.statement = "Medication errors fell from 2.78 to 0.82 per 1,000 doses (rate ratio 0.29, 95% CI "
                 "0.13 to 0.62, p < 0.001).";
  EffectivenessClaim c2 = c1;
  c2.action_id = "A-RES-1";
  c2.plan_id = "P-RES-1";
  c2.title = "Mobility risk assessment on admission and monthly";
  c2.measure = "Falls per 1,000 occupied bed days at Oak House (decrease)";
  c2.category = "fall";
  c2.service_id = "oak-house";
  c2.implemented_on = d("2026-06-24");
  c2.before = {d("2025-12-01"), d("2026-05-31"), 55, 8056, 6.83, 6};
  c2.after = {d("2026-07-01"), d("2026-10-31"), 15, 5814, 2.58, 4};
  c2.rate_ratio = 0.38;
  c2.ci_lower = 0.20;
  c2.ci_upper = 0.68;
  c2.p_value = 0.0004;
  c2.spc_after = "improvement_low";
  c2.series_id = "falls-oak-house";
  c2.evaluated_on = d("2026-11-04");
  c2.basis.clear();
  c2.since.clear();
  c2.statement = "Falls fell from 6.83 to 2.58 per 1,000 occupied bed days (rate ratio 0.38, 95% CI "
                 "0.20 to 0.68, p < 0.001).";
  EffectivenessClaim c3;
  c3.action_id = "A-DOM-1";
  c3.plan_id = "P-DOM-1";
  c3.title = "Revised escalation pathway for urgent concerns";
  c3.measure = "Safeguarding concerns escalated late per 1,000 visits (decrease)";
  c3.category = "safeguarding";
  c3.service_id = "riverside-dom";
  c3.verdict = "inconclusive";
  c3.evaluated_on = d("2026-11-10");
  c3.per = 1000.0;
  c3.before = {d("2026-05-01"), d("2026-08-31"), 3, 9100, 0.33, 4};
  c3.after = {d("2026-09-01"), d("2026-10-31"), 1, 7050, 0.14, 2};
  c3.rate_ratio = 0.43;
  c3.ci_lower = 0.01;
  c3.ci_upper = 5.35;
  c3.p_value = 0.64;
  c3.statement = "Too few events to tell: 3 before and 1 after.";
  r.effectiveness = {c1, c2, c3};

  LearningShareStatus share;
  share.share_id = "S-MED-1";
  share.plan_id = "P-MED-1";
  share.channel = "governance_forum";
  share.date = d("2026-07-14");
  share.from_service_id = "elm-court";
  const std::optional<int> none;
  share.targets = {
      {"ash-grove", "Ash Grove", std::nullopt, std::nullopt, "not_acknowledged", none, none, std::nullopt, 0.8},
      {"maple-court", "Maple Court", d("2026-07-20"), true, "adopted", 21, 24, d("2026-08-10"), 0.8},
      {"cedar-house", "Cedar House", d("2026-07-28"), std::nullopt, "undecided", 9, 20, d("2026-08-20"), 0.8}};
  LearningShareStatus share2;
  share2.share_id = "S-RES-1";
  share2.plan_id = "P-RES-1";
  share2.channel = "staff_briefing";
  share2.date = d("2026-09-01");
  share2.from_service_id = "oak-house";
  share2.targets = {{"birch-lodge", "Birch Lodge", d("2026-09-03"), true, "adopted", none, none, std::nullopt, 0.0},
                    {"willow-view", "Willow View", d("2026-09-05"), true, "adopted", none, none, std::nullopt, 0.0}};
  r.learning = {share, share2};

  r.strength.stronger = 2;
  r.strength.intermediate = 3;
  r.strength.weaker = 2;
  r.strength.by_intervention = {{"physical_change", "stronger", 2},
                                {"checklist", "intermediate", 1},
                                {"redundancy", "intermediate", 1},
                                {"standardisation", "intermediate", 1},
                                {"policy_procedure", "weaker", 1},
                                {"training", "weaker", 1}};
  r.strength.weaker_only_plans = {"P-DOM-1"};
  // An outside audience's model, as the builder makes it: no person field,
  // and staff-written text only from records marked shareable (here the
  // policy evidence E-1 and no review, check note or evaluation basis).
  if (is_outside(audience)) {
    for (auto& f : r.needs_attention) f.owner.clear();
    for (auto& a : r.actions) {
      a.owner.clear();
      for (auto& h : a.history) h.reason.clear();
    }
    for (auto& e : r.evidence) {
      if (e.source != "evidence" || e.id == "E-1") continue;
      e.reference.clear();
      e.summary = detail_summary_not_shared(e.kind);
    }
    for (auto& c : r.effectiveness) c.basis.clear();
    for (auto& v : r.reviews) v.decisions.clear();
  }
  return r;
}

}  // namespace closeloop::report::testing
