#pragma once
// The store tests' generated provider, a template over anything with the
// Register's mutation API (as the seed's three operational examples in
// closeloop/sample/seed.hpp are), so the same calls build an in-memory
// Register and drive a Store.

#include <random>
#include <string>
#include <vector>

#include "closeloop/core/date.hpp"
#include "closeloop/lifecycle/register.hpp"
#include "closeloop/sample/seed.hpp"

namespace closeloop::store::testing {

namespace lc = closeloop::lifecycle;

using sample::seed_detail::action;
using sample::seed_detail::day;
using sample::seed_detail::when;

// A provider generated from a fixed seed: services, incidents and plans whose
// actions stop at every stage of the lifecycle.
template <class R>
void generated_provider(R& r, unsigned seed = 20261126, int services = 6, int incidents = 240) {
  std::mt19937 random(seed);
  auto pick = [&](int n) { return static_cast<int>(random() % static_cast<unsigned>(n)); };
  const char* categories[] = {"fall", "medication_error", "safeguarding", "pressure_ulcer",
                              "behaviour", "infection"};
  const char* types[] = {"residential", "nursing", "domiciliary", "supported_living"};
  for (int s = 0; s < services; ++s) {
    r.add_service({ServiceId("GS-" + std::to_string(s)), "Service " + std::to_string(s),
                   types[s % 4], 10 + pick(50), s % 2 == 0 ? "North" : "South"});
  }
  const Date start = day("2025-01-01");
  for (int i = 0; i < incidents; ++i) {
    lc::Incident inc;
    inc.id = IncidentId("GI-" + std::to_string(i));
    inc.service = ServiceId("GS-" + std::to_string(pick(services)));
    const Date on = start + boost::gregorian::days(pick(360));
    inc.occurred_at = when(on, pick(24));
    inc.reported_at = inc.occurred_at + boost::posix_time::minutes(pick(3000));
    inc.category = categories[pick(6)];
    inc.harm = static_cast<Harm>(pick(4));
    inc.psychological_harm = static_cast<PsychologicalHarm>(pick(3));
    inc.person_ref = "GP-" + std::to_string(pick(80));
    inc.description = "generated, with a comma, and \"quotes\"";
    r.add_incident(inc);
  }
  for (int k = 0; k < 12; ++k) {
    const std::string n = std::to_string(k);
    lc::Investigation inv;
    inv.id = InvestigationId("GV-" + n);
    inv.incidents = {IncidentId("GI-" + std::to_string(k * 3)), IncidentId("GI-" + std::to_string(k * 3 + 1))};
    inv.method = static_cast<lc::InvestigationMethod>(k % 5);
    inv.lead = "Lead " + n;
    inv.opened = day("2026-01-05");
    inv.concluded = day("2026-01-15");
    inv.factors = {static_cast<lc::ContributingFactor>(k % 12)};
    r.add_investigation(inv);
    lc::ActionPlan plan;
    plan.id = PlanId("GP-" + n);
    plan.investigation = inv.id;
    if (k % 3 != 0) plan.scope = ServiceId("GS-" + std::to_string(k % services));
    plan.created_on = day("2026-01-16");
    plan.approver = "Manager " + n;
    plan.approval = lc::Approval::approved;
    plan.decided_on = day("2026-01-17");
    plan.min_observation_days = 30;
    r.add_plan(plan);
    for (int a = 0; a < 3; ++a) {
      const std::string id = "GA-" + n + "-" + std::to_string(a);
      auto act = action(id, plan.id.str(), "Generated action " + id,
                        static_cast<lc::InterventionType>(pick(13)), day("2026-01-16"),
                        day("2026-03-31") + boost::gregorian::days(pick(60)));
      r.add_action(act);
      const int stage = pick(8);  // how far this action gets
      const ActionId aid(id);
      if (stage >= 1) r.agree(aid, when(day("2026-01-20")), "Manager " + n);
      if (stage >= 2) r.start(aid, when(day("2026-01-22")), "Manager " + n);
      if (stage >= 3) {
        r.add_evidence({EvidenceId("GE-" + id), aid, lc::EvidenceKind::document, day("2026-02-01"),
                        "doc " + id, "done"});
        r.implement(aid, when(day("2026-02-02")), "Manager " + n);
      }
      if (stage >= 4) {
        lc::Check c;
        c.id = CheckId("GC-" + id);
        c.action = aid;
        c.date = day("2026-02-16");
        c.kind = lc::MonitoringKind::audit;
        c.passed = true;
        c.score = 18 + pick(3);
        c.denominator = 20;
        c.by = "Auditor";
        r.add_check(c);
        r.verify(aid, when(day("2026-02-17")), "Auditor");
      }
      if (stage >= 5) {
        r.evaluate(aid, when(day("2026-03-20")), "Quality lead",
                   stage == 7 ? lc::Verdict::not_effective : lc::Verdict::effective, "rate ratio 0.6",
                   {CheckId("GC-" + id)});
      }
      if (stage == 6) {
        lc::GovernanceReview review;
        review.id = ReviewId("GR-" + id);
        review.forum = lc::Forum::quality_assurance;
        review.date = day("2026-03-25");
        review.actions = {aid};
        r.add_review(review);
        r.close(aid, when(day("2026-03-26")), "Board", lc::Decision::adapt, review.id);
      }
      if (stage == 7) r.reopen(aid, when(day("2026-03-21")), "Quality lead", "redesign");
    }
  }
}

}  // namespace closeloop::store::testing
