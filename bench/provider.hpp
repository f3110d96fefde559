#pragma once
// The provider the lifecycle benchmarks build through the state machine:
// `services` services, `incidents` incidents over 600 days, `plans` plans of
// three actions each (one left in progress, two implemented with evidence,
// six monthly checks and verification), a review for every fourth plan.
#include <algorithm>
#include <string>

#include "closeloop/lifecycle/register.hpp"

namespace closeloop::bench {

using namespace closeloop::lifecycle;

inline Date day(int offset) { return Date(2025, 1, 1) + boost::gregorian::days(offset); }
inline Instant at(int offset, int hour) {
  return start_of(day(offset)) + boost::posix_time::hours(hour);
}

inline Register build(std::size_t services, std::size_t incidents, std::size_t plans) {
  Register reg;
  for (std::size_t s = 0; s < services; ++s) {
    reg.add_service({ServiceId("S" + std::to_string(s)), "Service", "residential", 30, "R"});
  }
  const char* categories[] = {"fall", "medication_error", "safeguarding", "pressure_ulcer"};
  for (std::size_t i = 0; i < incidents; ++i) {
    Incident inc;
    inc.id = IncidentId("I" + std::to_string(i));
    inc.service = ServiceId("S" + std::to_string(i % services));
    inc.occurred_at = at(static_cast<int>(i % 600), 3);
    inc.reported_at = inc.occurred_at;
    inc.category = categories[i % 4];
    reg.add_incident(inc);
  }
  for (std::size_t p = 0; p < plans; ++p) {
    const std::string n = std::to_string(p);
    Investigation inv;
    inv.id = InvestigationId("INV" + n);
    // An incident of the first ten days (incident i occurs on day i % 600),
    // so that it precedes the investigation opened on day 10.
    const std::size_t blocks = std::max<std::size_t>(1, incidents / 600);
    inv.incidents = {IncidentId("I" + std::to_string(600 * (p / 10 % blocks) + p % 10))};
    inv.opened = day(10);
    inv.factors = {static_cast<ContributingFactor>(p % 12)};
    reg.add_investigation(inv);
    ActionPlan plan;
    plan.id = PlanId("P" + n);
    plan.investigation = inv.id;
    plan.scope = ServiceId("S" + std::to_string(p % services));
    plan.created_on = day(20);
    reg.add_plan(plan);
    for (int a = 0; a < 3; ++a) {
      const std::string an = n + "-" + std::to_string(a);
      Action action;
      action.id = ActionId("A" + an);
      action.plan = plan.id;
      action.title = "Checklist at every round for 100% of staff";
      action.proposed_on = day(20);
      action.factors = inv.factors;
      action.owner = "Jo Bell";
      action.due = day(120);
      action.intervention = InterventionType::checklist;
      Measure m;
      m.what = "audit";
      m.how = "monthly audit";
      m.level = "95%";
      m.by = day(200);
      action.measures = {m};
      Monitoring mon;
      mon.kind = MonitoringKind::audit;
      mon.recurrence = Recurrence::monthly_on_day(1);
      action.monitoring = {mon};
      reg.add_action(action);
      reg.agree(action.id, at(21, 9), "Jo Bell");
      reg.start(action.id, at(22, 9), "Jo Bell");
      if (a == 0) continue;
      reg.add_evidence(
          {EvidenceId("E" + an), action.id, EvidenceKind::document, day(60), "ref", ""});
      reg.implement(action.id, at(60, 12), "Jo Bell");
      for (int c = 0; c < 6; ++c) {
        Check check;
        check.id = CheckId("C" + an + "-" + std::to_string(c));
        check.action = action.id;
        check.date = day(31 + 30 * c);
        check.kind = MonitoringKind::audit;
        check.passed = true;
        reg.add_check(check);
      }
      reg.verify(action.id, at(95, 12), "Jo Bell");
    }
    if (p % 4 == 0) {
      reg.add_review({ReviewId("R" + n), Forum::clinical_governance, day(100), {plan.id}, {}, ""});
    }
  }
  return reg;
}

}  // namespace closeloop::bench
