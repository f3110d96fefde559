// Learning shared across services and how each target service took it up,
// as of the report date.
#include "closeloop/lifecycle/signals.hpp"
#include "../text.hpp"
#include "sections.hpp"

namespace closeloop::report::detail {

void build_learning(const BuildContext& ctx, GovernanceReport& report) {
  for (const auto& [id, share] : ctx.reg.shares()) {
    if (share.date > ctx.options.as_of) continue;
    bool in = ctx.plan_ids.count(share.plan.str()) > 0;
    for (const auto& t : share.targets) {
      if (!ctx.whole_organisation && ctx.in_scope(t.service.str())) in = true;
    }
    if (!in) continue;
    LearningShareStatus s;
    s.share_id = id.str();
    s.plan_id = share.plan.str();
    s.channel = std::string(lc::to_string(share.channel));
    s.date = share.date;
    const auto& plan = ctx.reg.plan(share.plan);
    s.from_service_id = plan.scope ? plan.scope->str() : std::string();
    bool pending = false;
    const auto reach = lc::share_reach(ctx.reg, id, ctx.options.as_of);
    for (const auto& t : share.targets) {
      ShareTarget target;
      target.service_id = t.service.str();
      target.service_name = ctx.service_name(t.service.str());
      if (t.acknowledged_on && *t.acknowledged_on <= ctx.options.as_of) target.acknowledged_on = t.acknowledged_on;
      if (t.adopted && (!t.decided_on || *t.decided_on <= ctx.options.as_of)) target.adopted = t.adopted;
      target.status = target.adopted           ? (*target.adopted ? "adopted" : "not_adopted")
                      : target.acknowledged_on ? "undecided"
                                               : "not_acknowledged";
      for (const auto& r : reach) {
        if (r.service != t.service) continue;
        target.reach_threshold = r.threshold;
        if (r.reach) {
          target.briefed = r.reach->briefed;
          target.in_scope = r.reach->in_scope;
          target.reach_on = r.reach->date;
        }
      }
      pending = pending || !target.adopted;
      s.targets.push_back(std::move(target));
    }
    if (!pending && !ctx.in_period(share.date)) continue;
    report.learning.push_back(std::move(s));
  }
}

}  // namespace closeloop::report::detail
