// Plans, actions with their history in the period, and the strength profile.
#include <algorithm>
#include <map>
#include <set>

#include "../text.hpp"
#include "closeloop/lifecycle/quality.hpp"
#include "sections.hpp"

namespace closeloop::report::detail {

namespace {

const char* event_word(lc::Transition transition) {
  switch (transition) {
    case lc::Transition::agree:
      return "agreed";
    case lc::Transition::start:
      return "started";
    case lc::Transition::implement:
      return "implemented";
    case lc::Transition::verify:
      return "verified";
    case lc::Transition::evaluate:
      return "evaluated";
    case lc::Transition::close:
      return "closed";
    case lc::Transition::reopen:
      return "reopened";
    case lc::Transition::cancel:
      return "cancelled";
    case lc::Transition::edit:
      break;
  }
  return nullptr;
}

// What happened to an action in the period, in order: its transitions, and
// the failed sustainment checks between a closure and what followed it.
std::vector<HistoryEntry> history_of(const BuildContext& ctx, const lc::Action& a) {
  std::vector<HistoryEntry> out;
  std::optional<Date> closed_since;
  const auto failed_checks_until = [&](Date until) {
    if (!closed_since) return;
    for (const lc::Check* c : ctx.reg.checks_for(a.id)) {
      if (c->passed || c->date <= *closed_since || c->date > until || !ctx.in_period(c->date))
        continue;
      HistoryEntry e;
      e.date = c->date;
      e.event = "sustainment_check_failed";
      e.check_id = c->id.str();
      out.push_back(std::move(e));
    }
  };
  for (const auto& event : a.events()) {
    const Date on = event.at.date();
    if (on > ctx.options.as_of) break;
    if (event.transition == lc::Transition::reopen || event.transition == lc::Transition::cancel) {
      failed_checks_until(on);
      closed_since.reset();
    }
    if (event.transition == lc::Transition::close) closed_since = on;
    const char* word = event_word(event.transition);
    if (word == nullptr || !ctx.in_period(on)) continue;
    HistoryEntry e;
    e.date = on;
    e.event = word;
    if (event.verdict) e.verdict = std::string(lc::to_string(*event.verdict));
    if (event.decision) e.decision = std::string(lc::to_string(*event.decision));
    if (event.review) e.review_id = event.review->str();
    // The basis of a verdict and a reopen or cancel reason are staff-written
    // text: for inside audiences only.
    if (ctx.internal()) {
      switch (event.transition) {
        case lc::Transition::evaluate:
          e.reason = event.basis;
          break;
        case lc::Transition::reopen:
        case lc::Transition::cancel:
          e.reason = event.note;
          break;
        default:
          break;
      }
    }
    out.push_back(std::move(e));
  }
  failed_checks_until(ctx.options.as_of);
  for (const auto& fade : ctx.signals.faded) {
    if (fade.action != a.id || fade.reason != lc::FadeReason::check_missed ||
        !ctx.in_period(fade.check_due)) {
      continue;
    }
    HistoryEntry e;
    e.date = fade.check_due;
    e.event = "sustainment_check_missed";
    out.push_back(std::move(e));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const HistoryEntry& x, const HistoryEntry& y) { return x.date < y.date; });
  return out;
}

void build_plan_list(BuildContext& ctx, GovernanceReport& report) {
  // Indexed once instead of scanned for every plan: each plan's action facts
  // (in action id order), its overdue actions, and its last governance review
  // by as_of (covering the plan, or one of its actions, as reviews_of does).
  std::map<const lc::ActionPlan*, std::vector<const ActionFacts*>> facts_of_plan;
  for (const auto& [action_id, f] : ctx.facts) facts_of_plan[f.plan].push_back(&f);
  std::map<std::string, int> overdue_of_plan;
  for (const auto& o : ctx.signals.overdue) ++overdue_of_plan[o.plan.str()];
  std::map<PlanId, Date> last_review_of_plan;
  const auto reviewed = [&last_review_of_plan](const PlanId& plan, Date date) {
    const auto [it, inserted] = last_review_of_plan.emplace(plan, date);
    if (!inserted && date > it->second) it->second = date;
  };
  for (const auto& [review_id, review] : ctx.reg.reviews()) {
    if (review.date > ctx.options.as_of) continue;
    for (const PlanId& plan : review.plans) reviewed(plan, review.date);
    for (const ActionId& action : review.actions) {
      const auto it = ctx.reg.actions().find(action);
      if (it != ctx.reg.actions().end()) reviewed(it->second.plan, review.date);
    }
  }
  static const std::vector<const ActionFacts*> no_facts;
  for (const auto& id : ctx.plan_ids) {
    const lc::ActionPlan& plan = ctx.reg.plan(PlanId(id));
    bool open = false;
    bool active = false;
    bool any = false;
    PlanStatus status;
    const auto listed = facts_of_plan.find(&plan);
    for (const ActionFacts* fact : listed == facts_of_plan.end() ? no_facts : listed->second) {
      const ActionFacts& f = *fact;
      any = true;
      status.actions_by_state[static_cast<std::size_t>(f.state)] += 1;
      open = open || is_open(f.state);
      for (const auto& event : f.action->events())
        active = active || ctx.in_period(event.at.date());
      for (const lc::Evidence* e : ctx.reg.evidence_for(f.action->id))
        active = active || ctx.in_period(e->date);
      for (const lc::Check* c : ctx.reg.checks_for(f.action->id))
        active = active || ctx.in_period(c->date);
    }
    if (!any) open = plan.approval != lc::Approval::refused;
    if (!open && !active && !ctx.in_period(plan.created_on)) continue;
    ctx.included_plans.insert(id);
    const lc::Investigation& investigation = ctx.reg.investigation(plan.investigation);
    std::set<std::string> categories;
    std::set<std::string> services;
    for (const auto& incident : investigation.incidents) {
      const auto& i = ctx.reg.incident(incident);
      categories.insert(words(i.category));
      services.insert(ctx.service_name(i.service.str()));
    }
    std::vector<std::string> factors;
    for (auto factor : investigation.factors) factors.emplace_back(words(lc::to_string(factor)));
    status.plan_id = id;
    status.investigation_id = investigation.id.str();
    status.label = sentence_case(lc::to_string(investigation.method)) + ": " +
                   join(std::vector<std::string>(categories.begin(), categories.end()), ", ") +
                   " at " + join(std::vector<std::string>(services.begin(), services.end()), ", ");
    if (!factors.empty()) status.label += " (" + join(factors, ", ") + ")";
    status.service_id = plan.scope ? plan.scope->str() : std::string();
    if (plan.approval == lc::Approval::approved && plan.decided_on &&
        *plan.decided_on <= ctx.options.as_of) {
      status.approved_on = plan.decided_on;
    }
    if (const auto it = overdue_of_plan.find(id); it != overdue_of_plan.end()) {
      status.actions_overdue = it->second;
    }
    std::optional<Date> last;
    if (const auto it = last_review_of_plan.find(plan.id); it != last_review_of_plan.end()) {
      last = it->second;
    }
    status.last_reviewed = last;
    if (open) {
      status.next_review_due =
          (last ? *last : plan.created_on) + boost::gregorian::days(plan.review_interval_days);
    }
    const auto profile = lc::strength_profile(ctx.reg, plan.id);
    status.weaker_only = profile.weaker > 0 && !profile.has_stronger_or_intermediate();
    report.plans.push_back(std::move(status));
  }
}

// Each action's signal names, in the order the action list gives them
// (overdue, stale, missed monitoring, recurrence, faded, escalation), each once:
// one pass over the signals instead of one per action.
std::map<std::string, std::vector<std::string>> signal_names(const lc::Signals& sig) {
  std::map<std::string, std::vector<std::string>> names;
  const auto flag = [&names](const ActionId& action, const char* name) {
    auto& list = names[action.str()];
    if (std::find(list.begin(), list.end(), name) == list.end()) list.emplace_back(name);
  };
  for (const auto& o : sig.overdue) flag(o.action, "overdue");
  for (const auto& o : sig.stale) flag(o.action, "stale");
  for (const auto& o : sig.missed_monitoring) flag(o.action, "missed_monitoring");
  // Recurrences come by plan, so neighbours mostly name the same actions:
  // flagging them again would change nothing.
  const std::vector<ActionId>* flagged = nullptr;
  for (const auto& o : sig.recurrence) {
    if (flagged != nullptr && *flagged == o.actions) continue;
    for (const auto& action : o.actions) flag(action, "recurrence");
    flagged = &o.actions;
  }
  for (const auto& o : sig.faded) flag(o.action, "faded_after_closure");
  for (const auto& o : sig.escalations) flag(o.action, "escalation_due");
  return names;
}

void build_action_list(const BuildContext& ctx, GovernanceReport& report) {
  const auto names = signal_names(ctx.signals);
  for (const auto& [id, f] : ctx.facts) {
    if (ctx.included_plans.count(f.plan->id.str()) == 0) continue;
    const lc::Action& a = *f.action;
    ActionStatus s;
    s.action_id = id;
    s.plan_id = a.plan.str();
    s.service_id = f.service_id;
    s.title = a.title;
    // The owner is a person: inside audiences only.
    if (ctx.internal()) s.owner = a.owner;
    s.due = a.due;
    s.state = f.state;
    s.intervention = std::string(lc::to_string(a.intervention));
    s.strength = std::string(lc::to_string(a.strength()));
    s.implemented_on = f.implemented_on;
    s.verified_on = f.verified_on;
    if (f.verdict) s.verdict = std::string(lc::to_string(*f.verdict));
    if (f.decision) s.decision = std::string(lc::to_string(*f.decision));
    Date last = a.proposed_on;
    for (const auto& event : a.events()) {
      if (event.at.date() <= ctx.options.as_of) last = std::max(last, event.at.date());
    }
    for (const lc::Evidence* e : ctx.reg.evidence_for(a.id)) {
      if (e->date > ctx.options.as_of) continue;
      ++s.evidence_items;
      last = std::max(last, e->date);
    }
    for (const lc::Check* c : ctx.reg.checks_for(a.id)) {
      if (c->date > ctx.options.as_of) continue;
      ++(c->passed ? s.checks_passed : s.checks_failed);
      last = std::max(last, c->date);
    }
    s.last_activity = last;
    if (const auto found = names.find(a.id.str()); found != names.end()) s.signals = found->second;
    s.history = history_of(ctx, a);
    report.actions.push_back(std::move(s));
  }
}

void build_strength(const BuildContext& ctx, GovernanceReport& report) {
  StrengthProfile& p = report.strength;
  std::map<int, InterventionCount> counts;
  for (const auto& [id, f] : ctx.facts) {
    if (ctx.included_plans.count(f.plan->id.str()) == 0 || f.state == ActionState::cancelled)
      continue;
    const auto strength = f.action->strength();
    switch (strength) {
      case lc::ActionStrength::stronger:
        ++p.stronger;
        break;
      case lc::ActionStrength::intermediate:
        ++p.intermediate;
        break;
      case lc::ActionStrength::weaker:
        ++p.weaker;
        break;
    }
    auto& c = counts[static_cast<int>(f.action->intervention)];
    c.intervention = std::string(lc::to_string(f.action->intervention));
    c.strength = std::string(lc::to_string(strength));
    ++c.actions;
  }
  for (auto& [key, c] : counts) p.by_intervention.push_back(c);
  for (const auto& plan : report.plans) {
    if (plan.weaker_only && open_actions(plan) > 0) p.weaker_only_plans.push_back(plan.plan_id);
  }
}

}  // namespace

void build_plans(BuildContext& ctx, GovernanceReport& report) {
  build_plan_list(ctx, report);
  build_action_list(ctx, report);
  build_strength(ctx, report);
}

}  // namespace closeloop::report::detail
