// The Register's read-only queries: entities by id, and the lists that
// follow references (a plan's actions, an action's evidence and checks,
// the reviews that cover a plan or an action, ...).
#include <algorithm>
#include <utility>

#include "closeloop/lifecycle/register.hpp"
#include "lookup.hpp"

namespace closeloop::lifecycle {

using detail::find_or_throw;

const std::vector<StaffBriefing>& Register::briefings_of(const ShareId& share,
                                                         const ServiceId& service) const {
  static const std::vector<StaffBriefing> none;
  (void)find_or_throw(shares_, share, "learning share");
  const auto it = briefings_.find(std::make_pair(share, service));
  return it == briefings_.end() ? none : it->second;
}

const Service& Register::service(const ServiceId& id) const {
  return find_or_throw(services_, id, "service");
}
const Incident& Register::incident(const IncidentId& id) const {
  return find_or_throw(incidents_, id, "incident");
}
const Investigation& Register::investigation(const InvestigationId& id) const {
  return find_or_throw(investigations_, id, "investigation");
}
const ActionPlan& Register::plan(const PlanId& id) const {
  return find_or_throw(plans_, id, "plan");
}
const Action& Register::action(const ActionId& id) const {
  return find_or_throw(actions_, id, "action");
}
const Evidence& Register::evidence(const EvidenceId& id) const {
  return find_or_throw(evidence_, id, "evidence");
}
const Check& Register::check(const CheckId& id) const { return find_or_throw(checks_, id, "check"); }
const GovernanceReview& Register::review(const ReviewId& id) const {
  return find_or_throw(reviews_, id, "governance review");
}
const LearningShare& Register::share(const ShareId& id) const {
  return find_or_throw(shares_, id, "learning share");
}
const EscalationPath& Register::escalation_path(const EscalationPathId& id) const {
  return find_or_throw(paths_, id, "escalation path");
}

std::vector<const Action*> Register::actions_of(const PlanId& plan) const {
  std::vector<const Action*> out;
  const auto listed = actions_by_plan_.find(plan);
  if (listed == actions_by_plan_.end()) return out;
  for (const ActionId& id : listed->second) out.push_back(&actions_.at(id));
  return out;
}

namespace {

// The items an index lists under `key` (evidence or checks of one action),
// ordered by date, then id.
template <class Index, class Items, class Key>
std::vector<const typename Items::mapped_type*> dated_items_of(const Index& index,
                                                               const Items& items, const Key& key) {
  using Item = typename Items::mapped_type;
  std::vector<const Item*> out;
  if (const auto it = index.find(key); it != index.end()) {
    for (const auto& id : it->second) out.push_back(&items.at(id));
  }
  std::sort(out.begin(), out.end(), [](const Item* a, const Item* b) {
    return a->date != b->date ? a->date < b->date : a->id < b->id;
  });
  return out;
}

}  // namespace

std::vector<const Action*> Register::actions_in(ActionState state) const {
  std::vector<const Action*> out;
  for (const auto& [id, action] : actions_) {
    if (action.state() == state) out.push_back(&action);
  }
  return out;
}

std::vector<const Evidence*> Register::evidence_for(const ActionId& action) const {
  return dated_items_of(evidence_by_action_, evidence_, action);
}

std::vector<const Check*> Register::checks_for(const ActionId& action) const {
  return dated_items_of(checks_by_action_, checks_, action);
}

std::vector<const Incident*> Register::incidents_at(const ServiceId& service) const {
  std::vector<const Incident*> out;
  for (const auto& [id, incident] : incidents_) {
    if (incident.service == service) out.push_back(&incident);
  }
  std::stable_sort(out.begin(), out.end(), [](const Incident* a, const Incident* b) {
    return a->occurred_at < b->occurred_at;
  });
  return out;
}

std::vector<const Investigation*> Register::investigations_of(const IncidentId& incident) const {
  std::vector<const Investigation*> out;
  for (const auto& [id, inv] : investigations_) {
    if (std::find(inv.incidents.begin(), inv.incidents.end(), incident) != inv.incidents.end()) {
      out.push_back(&inv);
    }
  }
  return out;
}

std::vector<const ActionPlan*> Register::plans_of(const InvestigationId& investigation) const {
  std::vector<const ActionPlan*> out;
  for (const auto& [id, p] : plans_) {
    if (p.investigation == investigation) out.push_back(&p);
  }
  return out;
}

std::vector<const GovernanceReview*> Register::reviews_of(const PlanId& plan) const {
  std::vector<const GovernanceReview*> out;
  for (const auto& [id, r] : reviews_) {
    bool covers = std::find(r.plans.begin(), r.plans.end(), plan) != r.plans.end();
    for (const ActionId& a : r.actions) {
      const auto it = actions_.find(a);
      if (it != actions_.end() && it->second.plan == plan) covers = true;
    }
    if (covers) out.push_back(&r);
  }
  std::stable_sort(out.begin(), out.end(), [](const GovernanceReview* a, const GovernanceReview* b) {
    return a->date < b->date;
  });
  return out;
}

std::vector<const GovernanceReview*> Register::reviews_of(const ActionId& action) const {
  const Action& a = this->action(action);
  std::vector<const GovernanceReview*> out;
  for (const auto& [id, r] : reviews_) {
    if (std::find(r.actions.begin(), r.actions.end(), action) != r.actions.end() ||
        std::find(r.plans.begin(), r.plans.end(), a.plan) != r.plans.end()) {
      out.push_back(&r);
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const GovernanceReview* x, const GovernanceReview* y) {
    return x->date < y->date;
  });
  return out;
}

std::vector<const LearningShare*> Register::shares_of(const PlanId& plan) const {
  std::vector<const LearningShare*> out;
  for (const auto& [id, s] : shares_) {
    if (s.plan == plan) out.push_back(&s);
  }
  return out;
}

const EscalationPath* Register::escalation_path_for(const PlanId& plan) const {
  const ActionPlan& p = this->plan(plan);
  if (p.escalation_path) return &paths_.at(*p.escalation_path);
  if (default_path_) return &paths_.at(*default_path_);
  return nullptr;
}

bool Register::plan_is_open(const PlanId& plan) const {
  const ActionPlan& p = this->plan(plan);
  if (p.approval == Approval::refused) return false;
  const auto actions = actions_of(plan);
  if (actions.empty()) return true;
  return std::any_of(actions.begin(), actions.end(),
                     [](const Action* a) { return is_open(a->state()); });
}

}  // namespace closeloop::lifecycle
