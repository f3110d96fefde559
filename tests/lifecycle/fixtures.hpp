#pragma once
// Shared helpers for the lifecycle tests: short date builders, a well-formed
// action, a small provider register, and a check that a refused call names
// its rule and leaves the register exactly as it was.

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "closeloop/core/date.hpp"
#include "closeloop/core/error.hpp"
#include "closeloop/lifecycle/register.hpp"

namespace closeloop::lifecycle::testing {

inline Date d(const char* iso) { return parse_date(iso); }
inline Instant at(const char* iso) { return parse_instant(iso); }

// A measure that passes the linter: what, how, level and date.
inline Measure process_measure(const char* by = "2026-06-30") {
  Measure m;
  m.kind = MeasureKind::process;
  m.what = "MAR documentation accuracy";
  m.how = "monthly audit of 20 MAR charts";
  m.level = "at least 95% of charts fully correct";
  m.by = d(by);
  m.measured_by = "Deputy manager";
  return m;
}

inline Monitoring monthly_spot_checks() {
  Monitoring m;
  m.kind = MonitoringKind::spot_check;
  m.recurrence = Recurrence::monthly_on_day(1);
  m.by = "Shift leader";
  return m;
}

// An action that can be agreed on or after 2026-01-10 (due 2026-03-31).
inline Action good_action(const char* id, const char* plan = "P-1") {
  Action a;
  a.id = ActionId(id);
  a.plan = PlanId(plan);
  a.title = "Introduce a MAR chart checklist at every medication round";
  a.proposed_on = d("2026-01-05");
  a.factors = {ContributingFactor::documentation};
  a.owner = "Amira Khan";
  a.due = d("2026-03-31");
  a.intervention = InterventionType::checklist;
  a.measures = {process_measure()};
  a.monitoring = {monthly_spot_checks()};
  a.evidence_required = "checklist version and first audit";
  return a;
}

// One supported-living service with a medication error, its investigation
// and an approved plan P-1 with no actions yet.
inline Register small_register() {
  Register reg;
  reg.add_service({ServiceId("S-1"), "Elm Court", "supported_living", 12, "North"});
  reg.add_service({ServiceId("S-2"), "Oak House", "residential", 30, "North"});
  Incident inc;
  inc.id = IncidentId("I-1");
  inc.service = ServiceId("S-1");
  inc.occurred_at = at("2025-12-01T08:30");
  inc.reported_at = at("2025-12-01T10:00");
  inc.category = "medication_error";
  inc.harm = Harm::low;
  inc.person_ref = "P0193";
  inc.description = "Dose recorded twice on the MAR chart";
  reg.add_incident(inc);
  Investigation inv;
  inv.id = InvestigationId("INV-1");
  inv.incidents = {IncidentId("I-1")};
  inv.method = InvestigationMethod::after_action_review;
  inv.lead = "Priya Shah";
  inv.opened = d("2025-12-02");
  inv.concluded = d("2025-12-20");
  inv.findings = "Unclear documentation procedure";
  inv.factors = {ContributingFactor::documentation, ContributingFactor::staff_knowledge};
  reg.add_investigation(inv);
  ActionPlan plan;
  plan.id = PlanId("P-1");
  plan.investigation = InvestigationId("INV-1");
  plan.scope = ServiceId("S-1");
  plan.created_on = d("2026-01-05");
  reg.add_plan(plan);
  reg.approve_plan(PlanId("P-1"), "Registered manager Jo Bell", d("2026-01-08"));
  return reg;
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
