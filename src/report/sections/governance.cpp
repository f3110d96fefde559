// The governance trail (each review of the period: forum, what it reviewed
// and decided, the closures it signed off) and the meeting pack for the
// weekly governance meeting.
#include <algorithm>
#include <map>
#include <set>

#include "../text.hpp"
#include "sections.hpp"

namespace closeloop::report::detail {

void build_governance_trail(const BuildContext& ctx, GovernanceReport& report) {
  // Which review signed off which closure (close events dated by as_of).
  std::map<std::string, std::vector<std::string>> signed_off;
  for (const auto& [id, f] : ctx.facts) {
    for (const auto& event : f.action->events()) {
      if (event.at.date() > ctx.options.as_of) break;
      if (event.transition == lc::Transition::close && event.review) signed_off[event.review->str()].push_back(id);
    }
  }
  for (const auto& [id, review] : ctx.reg.reviews()) {
    if (!ctx.in_period(review.date)) continue;
    ReviewEntry entry;
    entry.review_id = id.str();
    entry.forum = std::string(lc::to_string(review.forum));
    entry.date = review.date;
    for (const auto& plan : review.plans) {
      if (ctx.plan_ids.count(plan.str()) > 0) entry.plans.push_back(plan.str());
    }
    for (const auto& action : review.actions) {
      if (ctx.facts.count(action.str()) > 0) entry.actions.push_back(action.str());
    }
    if (auto found = signed_off.find(id.str()); found != signed_off.end()) entry.closures_signed_off = found->second;
    if (entry.plans.empty() && entry.actions.empty() && entry.closures_signed_off.empty() &&
        !ctx.whole_organisation) {
      continue;  // a review of other services' plans
    }
    // Minuted decisions are staff-written: inside audiences, or a review
    // marked shareable.
    if (ctx.internal() || review.shareable) entry.decisions = review.decisions;
    report.reviews.push_back(std::move(entry));
  }
  std::stable_sort(report.reviews.begin(), report.reviews.end(),
                   [](const ReviewEntry& a, const ReviewEntry& b) { return a.date < b.date; });
}

void build_meeting_pack(const BuildContext& ctx, GovernanceReport& report) {
  if (ctx.options.audience != Audience::governance) return;
  MeetingPack pack;
  const Date horizon = ctx.options.as_of + boost::gregorian::days(ctx.options.meeting_horizon_days);
  for (const auto& plan : report.plans) {
    if (!plan.next_review_due || *plan.next_review_due > horizon) continue;
    const bool overdue = *plan.next_review_due < ctx.options.as_of;
    MeetingItem item;
    item.text = plan.plan_id + (overdue ? " review overdue since " : " review due ") + human_date(*plan.next_review_due) +
                (plan.last_reviewed ? " (last reviewed " + human_date(*plan.last_reviewed) + ")" : " (never reviewed)");
    item.date = plan.next_review_due;
    item.links = {{LinkKind::plan, plan.plan_id}};
    pack.plans_due_for_review.push_back(std::move(item));
  }
  for (const auto& o : ctx.signals.overdue) {
    if (ctx.shown_action(o.action) == nullptr) continue;
    MeetingItem item;
    item.text = o.action.str() + " was due " + human_date(o.due) + ", " + std::to_string(o.days_overdue) +
                " days overdue (" + words(to_string(o.state)) + (o.owner.empty() ? "" : "; owner " + o.owner) + ")";
    item.date = o.due;
    item.links = {{LinkKind::action, o.action.str()}, {LinkKind::plan, o.plan.str()}};
    pack.overdue_actions.push_back(std::move(item));
  }
  std::set<std::string> fading;
  for (const auto& o : ctx.signals.stale) {
    if (ctx.shown_action(o.action) == nullptr) continue;
    fading.insert(o.action.str());
    pack.fading_actions.push_back({o.action.str() + ": no activity for " + std::to_string(o.days_inactive) + " days",
                                   o.last_activity, {{LinkKind::action, o.action.str()}}});
  }
  for (const auto& o : ctx.signals.missed_monitoring) {
    if (ctx.shown_action(o.action) == nullptr || !fading.insert(o.action.str() + "/monitoring").second) continue;
    pack.fading_actions.push_back({o.action.str() + ": scheduled " + words(lc::to_string(o.kind)) + " of " +
                                       human_date(o.scheduled) + " not done",
                                   o.scheduled, {{LinkKind::action, o.action.str()}}});
  }
  for (const auto& o : ctx.signals.faded) {
    if (ctx.shown_action(o.action) == nullptr) continue;
    pack.fading_actions.push_back({o.action.str() + (o.reason == lc::FadeReason::check_failed
                                                         ? ": sustainment check failed"
                                                         : ": sustainment check missed") +
                                       " (closed " + human_date(o.closed_on) + ")",
                                   o.check_due, {{LinkKind::action, o.action.str()}}});
  }
  for (const auto& [id, f] : ctx.facts) {
    if (ctx.included_plans.count(f.plan->id.str()) == 0) continue;
    if ((f.state == ActionState::implemented || f.state == ActionState::verified) && f.implemented_on) {
      const Date allowed = *f.implemented_on + boost::gregorian::days(f.plan->min_observation_days);
      if (allowed <= horizon) {
        pack.evaluations_allowed.push_back({id + " can be evaluated from " + human_date(allowed) + " (implemented " +
                                                human_date(*f.implemented_on) + ")",
                                            allowed, {{LinkKind::action, id}}});
      }
    }
    if (f.state == ActionState::evaluated && f.verdict) {
      pack.decisions_needed.push_back({id + " was evaluated " + std::string(lc::to_string(*f.verdict)) +
                                           (f.evaluated_on ? " on " + human_date(*f.evaluated_on) : std::string()) +
                                           ": adopt, adapt or abandon?",
                                       f.evaluated_on, {{LinkKind::action, id}}});
    }
  }
  for (const auto& id : ctx.plan_ids) {
    const lc::ActionPlan& plan = ctx.reg.plan(PlanId(id));
    const bool pending = plan.approval == lc::Approval::pending ||
                         (plan.decided_on && *plan.decided_on > ctx.options.as_of);
    if (!pending) continue;
    pack.decisions_needed.push_back({id + " awaits approval (drawn up " + human_date(plan.created_on) + ")",
                                     plan.created_on, {{LinkKind::plan, id}}});
  }
  for (const auto& o : ctx.signals.not_spread) {
    if (o.gap != lc::SpreadGap::adoption_undecided || ctx.plan_ids.count(o.plan.str()) == 0) continue;
    pack.decisions_needed.push_back({ctx.service_name(o.service.str()) + " to decide on adopting share " +
                                         o.share.str() + " (due " + human_date(o.due) + ")",
                                     o.due, {{LinkKind::share, o.share.str()}}});
  }
  report.meeting = std::move(pack);
}

}  // namespace closeloop::report::detail
