#pragma once
// Shared helpers for the lifecycle tests: short date builders, a well-formed
// action, a small provider register, and a check that a refused call names
// its rule and leaves the register exactly as it was.

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "closeloop/core/date.hpp"
#include "closeloop/core/error.hpp"
#include "closeloop/lifecycle/register.hpp"
#include "closeloop/sample/records.hpp"

namespace closeloop::lifecycle::testing {

namespace records = closeloop::sample::records;

inline Date d(const char* iso) { return parse_date(iso); }
inline Instant at(const char* iso) { return parse_instant(iso); }

// A measure that passes the linter: what, how, level and date.
inline Measure process_measure(const char* by = "2026-06-30") {
  return records::measure(MeasureKind::process, "MAR documentation accuracy",
                          "monthly audit of 20 MAR charts", "at least 95% of charts fully correct",
                          d(by), "Deputy manager");
}

inline Monitoring monthly_spot_checks() {
  return records::monitoring(MonitoringKind::spot_check, Recurrence::monthly_on_day(1),
                             "Shift leader");
}

// An action that can be agreed on or after 2026-01-10 (due 2026-03-31).
inline Action good_action(const char* id, const char* plan = "P-1") {
  Action a = records::action(id, plan, "Introduce a MAR chart checklist at every medication round",
                             d("2026-01-05"), {ContributingFactor::documentation}, "Amira Khan",
                             d("2026-03-31"), InterventionType::checklist);
  a.measures = {process_measure()};
  a.monitoring = {monthly_spot_checks()};
  a.evidence_required = "checklist version and first audit";
  return a;
}

// A register with everything of `source` but the actions' events: the rows
// a store keeps, before it replays the events through apply_event.
inline Register without_events(const Register& source) {
  Register out;
  for (const auto& category : source.categories().all()) out.add_category(category);
  for (const auto& [id, s] : source.services()) out.add_service(s);
  for (const auto& [id, i] : source.incidents()) out.add_incident(i);
  for (const auto& [id, i] : source.investigations()) out.add_investigation(i);
  for (const auto& [id, p] : source.escalation_paths()) out.add_escalation_path(p);
  if (source.default_escalation_path()) {
    out.set_default_escalation_path(*source.default_escalation_path());
  }
  for (const auto& [id, p] : source.plans()) out.add_plan(p);
  for (const auto& [id, a] : source.actions()) {
    Action row;  // the action's fields, no history
    row.id = a.id;
    row.plan = a.plan;
    row.title = a.title;
    row.description = a.description;
    row.proposed_on = a.proposed_on;
    row.factors = a.factors;
    row.owner = a.owner;
    row.due = a.due;
    row.intervention = a.intervention;
    row.measures = a.measures;
    row.monitoring = a.monitoring;
    row.evidence_required = a.evidence_required;
    out.add_action(row);
  }
  for (const auto& [id, e] : source.evidence_items()) out.add_evidence(e);
  for (const auto& [id, c] : source.checks()) out.add_check(c);
  for (const auto& [id, r] : source.reviews()) out.add_review(r);
  for (const auto& [id, s] : source.shares()) out.add_share(s);
  for (const auto& [target, records] : source.briefings()) {
    for (const auto& b : records) out.record_briefing(b);
  }
  return out;
}

// One supported-living service with a medication error, its investigation
// and an approved plan P-1 with no actions yet.
inline Register small_register() {
  Register reg;
  reg.add_service({ServiceId("S-1"), "Elm Court", "supported_living", 12, "North"});
  reg.add_service({ServiceId("S-2"), "Oak House", "residential", 30, "North"});
  reg.add_incident(records::incident("I-1", "S-1", at("2025-12-01T08:30"), at("2025-12-01T10:00"),
                                     "medication_error", Harm::low, "P0193",
                                     "Dose recorded twice on the MAR chart"));
  reg.add_investigation(records::concluded(
      records::investigation("INV-1", {IncidentId("I-1")}, InvestigationMethod::after_action_review,
                             "Priya Shah", d("2025-12-02")),
      d("2025-12-20"), "Unclear documentation procedure",
      {ContributingFactor::documentation, ContributingFactor::staff_knowledge}));
  reg.add_plan(records::plan("P-1", "INV-1", ServiceId("S-1"), d("2026-01-05")));
  reg.approve_plan(PlanId("P-1"), "Registered manager Jo Bell", d("2026-01-08"));
  return reg;
}

inline const ActionId kA("A-1");

inline void add_evidence(Register& reg, const char* id, const char* date) {
  Evidence e;
  e.id = EvidenceId(id);
  e.action = kA;
  e.kind = EvidenceKind::policy_version;
  e.date = d(date);
  e.reference = "MED-07 v3";
  reg.add_evidence(e);
}

inline void add_check(Register& reg, const char* id, const char* date, bool passed,
               MonitoringKind kind = MonitoringKind::spot_check, const char* action = "A-1") {
  Check c;
  c.id = CheckId(id);
  c.action = ActionId(action);
  c.date = d(date);
  c.kind = kind;
  c.passed = passed;
  c.by = "Deputy manager";
  reg.add_check(c);
}

inline void add_review(Register& reg, const char* id, const char* date) {
  GovernanceReview r;
  r.id = ReviewId(id);
  r.forum = Forum::clinical_governance;
  r.date = d(date);
  r.plans = {PlanId("P-1")};
  r.decisions = "Signed off";
  reg.add_review(r);
}

// Small register with A-1 driven to `target` along the standard timeline:
// agree 10 Jan, start 12 Jan, implement 1 Feb, verify 3 Feb, evaluate 2 May,
// close 12 May 2026.
inline Register at_state(ActionState target) {
  Register reg = small_register();
  reg.add_action(good_action("A-1"));
  if (target == ActionState::proposed) return reg;
  reg.agree(kA, at("2026-01-10T09:00"), "Jo Bell", "agreed at the review meeting");
  if (target == ActionState::agreed) return reg;
  reg.start(kA, at("2026-01-12T09:00"), "Amira Khan");
  if (target == ActionState::in_progress) return reg;
  add_evidence(reg, "E-1", "2026-02-01");
  reg.implement(kA, at("2026-02-01T17:00"), "Amira Khan", "checklist in use on all rounds");
  if (target == ActionState::implemented) return reg;
  add_check(reg, "C-1", "2026-02-02", true);
  reg.verify(kA, at("2026-02-03T10:00"), "Jo Bell");
  if (target == ActionState::verified) return reg;
  reg.evaluate(kA, at("2026-05-02T10:00"), "Jo Bell", Verdict::effective,
               "errors per 1,000 doses fell from 2.1 to 0.4", {CheckId("C-1")});
  if (target == ActionState::evaluated) return reg;
  add_review(reg, "R-1", "2026-05-10");
  reg.close(kA, at("2026-05-12T10:00"), "Jo Bell", Decision::adopt, ReviewId("R-1"));
  return reg;
}

inline const ActionId kMed("MED-A1");

// Elm Court's MAR checklist (MED-A1, implemented 27 February 2026) with an
// audit-accuracy measure: at least 95% of 20 charts correct each month.
inline Register audit_register() {
  Register reg = small_register();
  Action a = good_action("MED-A1");
  a.measures.front().id = "MED-A1/accuracy";
  a.measures.front().kind_of_value = metrics::SeriesKind::proportion;
  a.measures.front().direction = Direction::increase;
  a.measures.front().target = 0.95;
  a.proposed_on = d("2025-07-01");
  reg.add_action(a);
  reg.agree(kMed, at("2026-02-02T10:00"), "Jo Bell");
  reg.start(kMed, at("2026-02-03T10:00"), "Jo Bell");
  reg.add_evidence({EvidenceId("EV-M1"), kMed, EvidenceKind::policy_version, d("2026-02-25"),
                    "MED-07 v3", "Guidance and checklist issued"});
  reg.implement(kMed, at("2026-02-27T17:00"), "Jo Bell");
  return reg;
}

// One audit of 20 charts on the 20th of each month from August 2025 (six
// before, February left out as the transition), passed when >= 95%.
inline void add_audits(Register& reg, const std::vector<int>& correct) {
  for (std::size_t m = 0; m < correct.size(); ++m) {
    Check c;
    c.id = CheckId("AUD-" + std::to_string(m + 1));
    c.action = kMed;
    c.date = add_months_clamped(d("2025-08-20"), static_cast<int>(m));
    c.kind = MonitoringKind::audit;
    c.score = correct[m];
    c.denominator = 20;
    c.passed = correct[m] >= 19;
    c.measure = "MED-A1/accuracy";
    c.by = "Deputy manager";
    reg.add_check(c);
  }
}

// Runs `call`, expects exception E with rule `rule` (when E is a RuleError)
// whose message contains `text`, and checks the register did not change.
template <class E>
void expect_refused(Register& reg, const std::function<void(Register&)>& call, const std::string& rule,
                    const std::string& text) {
  const Register before = reg;
  try {
    call(reg);
    ADD_FAILURE() << "expected refusal by rule " << rule;
  } catch (const E& error) {
    if constexpr (std::is_base_of_v<RuleError, E>) {
      EXPECT_EQ(error.rule(), rule) << error.what();
    }
    EXPECT_NE(std::string(error.what()).find(text), std::string::npos)
        << "message \"" << error.what() << "\" lacks \"" << text << "\"";
  }
  EXPECT_TRUE(reg == before) << "a refused call changed the register";
}

}  // namespace closeloop::lifecycle::testing
