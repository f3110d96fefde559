#include "closeloop/lifecycle/signals.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "closeloop/core/error.hpp"
#include "closeloop/core/memory.hpp"
#include "closeloop/lifecycle/register.hpp"

namespace closeloop::lifecycle {

namespace {

std::int32_t days_between(Date from, Date to) {
  return static_cast<std::int32_t>((to - from).days());
}

// The last event with `transition` dated on or before as_of.
const ActionEvent* last_as_of(const Action& action, Transition transition, Date as_of) {
  const ActionEvent* found = nullptr;
  for (const ActionEvent& e : action.events()) {
    if (e.at.date() > as_of) break;
    if (e.transition == transition) found = &e;
  }
  return found;
}

const ActionEvent* first_as_of(const Action& action, Transition transition, Date as_of) {
  for (const ActionEvent& e : action.events()) {
    if (e.at.date() > as_of) break;
    if (e.transition == transition) return &e;
  }
  return nullptr;
}

bool awaiting_implementation(ActionState state) {
  return state == ActionState::agreed || state == ActionState::in_progress ||
         state == ActionState::reopened;
}

bool plan_open_as_of(const ActionPlan& plan, const std::vector<const Action*>& actions,
                     Date as_of) {
  if (plan.approval == Approval::refused && plan.decided_on && *plan.decided_on <= as_of) {
    return false;
  }
  bool any = false;
  for (const Action* action : actions) {
    if (action->proposed_on > as_of) continue;
    if (is_open(state_as_of(*action, as_of))) return true;
    any = true;
  }
  return !any;
}

// One pass over the register's checks: each action's checks in date order.
// Signals are computed over whole registers, so they index once instead of
// scanning every check for every action.
std::unordered_map<ActionId, std::vector<const Check*>> checks_by_action(const Register& reg) {
  std::unordered_map<ActionId, std::vector<const Check*>> out;
  for (const auto& [id, c] : reg.checks()) out[c.action].push_back(&c);
  for (auto& [id, list] : out) {
    std::stable_sort(list.begin(), list.end(),
                     [](const Check* a, const Check* b) { return a->date < b->date; });
  }
  return out;
}

const std::vector<const Check*>& checks_of(
    const std::unordered_map<ActionId, std::vector<const Check*>>& index, const ActionId& id) {
  static const std::vector<const Check*> none;
  const auto it = index.find(id);
  return it == index.end() ? none : it->second;
}

std::vector<SustainmentCheck> sustainment_of(const Register& reg, const Action& action,
                                             const std::vector<const Check*>& checks, Date as_of) {
  std::vector<SustainmentCheck> out;
  if (state_as_of(action, as_of) != ActionState::closed) return out;
  const Date closed_on = last_as_of(action, Transition::close, as_of)->at.date();
  const ActionPlan& plan = reg.plan(action.plan);
  const boost::gregorian::days tolerance(plan.sustainment_tolerance_days);
  for (const std::int32_t months : plan.sustainment_months) {
    SustainmentCheck item;
    item.months = months;
    item.due = add_months_clamped(closed_on, months);
    for (const Check* c : checks) {
      if (c->date <= closed_on || c->date > as_of) continue;
      if (c->date < item.due - tolerance || c->date > item.due + tolerance) continue;
      item.check = c->id;  // checks are in date order: the latest wins
      item.passed = c->passed;
    }
    item.missed = !item.check && item.due + tolerance < as_of;
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace

ActionState state_as_of(const Action& action, Date as_of) noexcept {
  ActionState state = ActionState::proposed;
  for (const ActionEvent& e : action.events()) {
    if (e.at.date() > as_of) break;
    state = e.to;
  }
  return state;
}

bool Signals::empty() const noexcept {
  return overdue.empty() && stale.empty() && unreviewed.empty() && missed_monitoring.empty() &&
         recurrence.empty() && not_spread.empty() && faded.empty() && escalations.empty() &&
         candour_overdue.empty();
}

std::vector<OverdueAction> overdue_actions(const Register& reg, Date as_of) {
  std::vector<OverdueAction> out;
  for (const auto& [id, action] : reg.actions()) {
    const ActionState state = state_as_of(action, as_of);
    if (!awaiting_implementation(state) || !action.due || !(*action.due < as_of)) continue;
    out.push_back(
        {id, action.plan, action.owner, *action.due, days_between(*action.due, as_of), state});
  }
  return out;
}

std::vector<StaleAction> stale_actions(const Register& reg, Date as_of, std::int32_t days) {
  std::unordered_map<ActionId, Date> latest;
  const auto bump = [&](const ActionId& action, Date date) {
    if (date > as_of) return;
    const auto [it, inserted] = latest.emplace(action, date);
    if (!inserted && date > it->second) it->second = date;
  };
  for (const auto& [id, e] : reg.evidence_items()) bump(e.action, e.date);
  for (const auto& [id, c] : reg.checks()) bump(c.action, c.date);
  std::vector<StaleAction> out;
  for (const auto& [id, action] : reg.actions()) {
    if (action.proposed_on > as_of) continue;
    const ActionState state = state_as_of(action, as_of);
    if (!is_open(state)) continue;
    Date last = action.proposed_on;
    for (const ActionEvent& e : action.events()) {
      if (e.at.date() > as_of) break;
      last = std::max(last, e.at.date());
    }
    if (const auto it = latest.find(id); it != latest.end()) last = std::max(last, it->second);
    const std::int32_t inactive = days_between(last, as_of);
    if (inactive > days) out.push_back({id, action.plan, last, inactive, state});
  }
  return out;
}

std::vector<UnreviewedPlan> unreviewed_plans(const Register& reg, Date as_of) {
  std::unordered_map<PlanId, std::vector<const Action*>> actions;
  for (const auto& [id, action] : reg.actions()) actions[action.plan].push_back(&action);
  // The last review on or before as_of covering each plan, directly or
  // through one of its actions.
  std::unordered_map<PlanId, Date> last_review;
  const auto bump = [&](const PlanId& plan, Date date) {
    const auto [it, inserted] = last_review.emplace(plan, date);
    if (!inserted && date > it->second) it->second = date;
  };
  for (const auto& [id, review] : reg.reviews()) {
    if (review.date > as_of) continue;
    for (const PlanId& plan : review.plans) bump(plan, review.date);
    for (const ActionId& action : review.actions) bump(reg.action(action).plan, review.date);
  }
  static const std::vector<const Action*> no_actions;
  std::vector<UnreviewedPlan> out;
  for (const auto& [id, plan] : reg.plans()) {
    const auto listed = actions.find(id);
    if (plan.created_on > as_of ||
        !plan_open_as_of(plan, listed == actions.end() ? no_actions : listed->second, as_of)) {
      continue;
    }
    std::optional<Date> last;
    if (const auto it = last_review.find(id); it != last_review.end()) last = it->second;
    const Date from = last.value_or(plan.created_on);
    const Date due = from + boost::gregorian::days(plan.review_interval_days);
    if (due < as_of) out.push_back({id, last, due, days_between(due, as_of)});
  }
  return out;
}

std::vector<Date> monitoring_schedule(const Register& reg, const ActionId& id,
                                      std::size_t monitoring_index, Date as_of) {
  const Action& action = reg.action(id);
  if (monitoring_index >= action.monitoring.size()) {
    throw InputError("action \"" + id.str() + "\" has no monitoring number " +
                     std::to_string(monitoring_index + 1));
  }
  const Monitoring& monitoring = action.monitoring[monitoring_index];
  const ActionEvent* agreed = first_as_of(action, Transition::agree, as_of);
  if (agreed == nullptr) return {};
  const Date from = monitoring.starts.value_or(agreed->at.date());
  Date to = as_of;
  const ActionState state = state_as_of(action, as_of);
  if (state == ActionState::closed) {
    to = std::min(to, last_as_of(action, Transition::close, as_of)->at.date());
  } else if (state == ActionState::cancelled) {
    to = std::min(to, last_as_of(action, Transition::cancel, as_of)->at.date());
  }
  return monitoring.recurrence.occurrences(from, to);
}

std::vector<MissedMonitoring> missed_monitoring(const Register& reg, Date as_of) {
  const auto index = checks_by_action(reg);
  std::vector<MissedMonitoring> out;
  for (const auto& [id, action] : reg.actions()) {
    for (std::size_t i = 0; i < action.monitoring.size(); ++i) {
      const Monitoring& monitoring = action.monitoring[i];
      const auto scheduled = monitoring_schedule(reg, id, i, as_of);
      if (scheduled.empty()) continue;
      std::vector<Date> done;
      for (const Check* c : checks_of(index, id)) {
        if (c->kind == monitoring.kind && c->date <= as_of) done.push_back(c->date);
      }
      for (const Date& missed :
           missed_occurrences(scheduled, done, monitoring.tolerance_days, as_of)) {
        out.push_back({id, monitoring.kind, missed, monitoring.tolerance_days});
      }
    }
  }
  return out;
}

namespace {

// An incident in a recurrence index: the day it occurred, its place in id
// order (so that one plan's signals are put in incident order by comparing
// numbers, not ids) and the incident.
struct DatedIncident {
  Date day;
  std::uint32_t rank = 0;
  const Incident* incident = nullptr;
};
using ByDay = std::vector<DatedIncident>;

// Hashes a pair of keys (the index keys below view strings the register owns).
struct PairHash {
  template <class A, class B>
  std::size_t operator()(const std::pair<A, B>& key) const noexcept {
    const std::size_t a = std::hash<A>{}(key.first);
    const std::size_t b = std::hash<B>{}(key.second);
    return a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2));
  }
};

// A plan with at least one action implemented (and not cancelled) by as_of:
// those actions (their place in the plan's list, in id order, the day of
// their last implementation and their factors), the incidents its
// investigation covered and their (service, category) pairs.
struct RecurrencePlan {
  const PlanId* id = nullptr;
  const std::vector<const Action*>* actions = nullptr;
  const ActionPlan* plan = nullptr;
  std::vector<std::pair<std::uint32_t, Date>> implemented;
  std::vector<const Incident*> covered;                  // sorted by address
  std::vector<std::vector<ContributingFactor>> factors;  // of each implemented action, sorted
  std::set<std::pair<std::string_view, std::string_view>> pairs;
};

// One signal while a plan's actions are read: the incident, the earliest
// implementation date, whether a same-category-and-service match was seen,
// the factor of the first shared-factor match, and its actions as a list of
// links (in the plan's action order, each once).
struct FoundRecurrence {
  std::uint32_t rank = 0;
  Date implemented_on;
  Date occurred_on;
  const Incident* incident = nullptr;
  std::uint32_t first_link = 0;
  std::uint32_t last_link = 0;
  std::uint32_t actions = 0;
  bool same_category = false;
  ContributingFactor factor{};
};

struct ActionLink {
  std::uint32_t action = 0;  // place in the plan's action list
  std::uint32_t next = 0;    // next link, or kNoLink
};
constexpr std::uint32_t kNoLink = 0xffffffffU;

}  // namespace

std::vector<RecurrenceSignal> recurrences(const Register& reg, Date as_of) {
  // Plans are taken one at a time (in id order, each plan's actions in id
  // order). First the plans with an action implemented by as_of and not
  // cancelled, and what their investigations covered.
  std::map<PlanId, std::vector<const Action*>> actions_of_plan;
  for (const auto& [id, action] : reg.actions()) actions_of_plan[action.plan].push_back(&action);
  std::vector<RecurrencePlan> plans;
  using ServiceCategory = std::pair<std::string_view, std::string_view>;
  std::unordered_map<ServiceCategory, ByDay, PairHash> by_service_category;
  for (const auto& [plan_id, plan_actions] : actions_of_plan) {
    RecurrencePlan work;
    for (std::uint32_t i = 0; i < plan_actions.size(); ++i) {
      const Action& action = *plan_actions[i];
      if (state_as_of(action, as_of) == ActionState::cancelled) continue;
      const ActionEvent* implemented = last_as_of(action, Transition::implement, as_of);
      if (implemented == nullptr) continue;
      work.implemented.emplace_back(i, implemented->at.date());
      work.factors.push_back(action.factors);
      std::sort(work.factors.back().begin(), work.factors.back().end());
    }
    if (work.implemented.empty()) continue;
    work.id = &plan_id;
    work.actions = &plan_actions;
    work.plan = &reg.plan(plan_id);
    for (const IncidentId& incident_id : reg.investigation(work.plan->investigation).incidents) {
      const Incident& incident = reg.incident(incident_id);
      work.covered.push_back(&incident);
      work.pairs.emplace(incident.service.str(), incident.category);
      by_service_category.try_emplace({incident.service.str(), incident.category});
    }
    std::sort(work.covered.begin(), work.covered.end(), std::less<>());
    plans.push_back(std::move(work));
  }
  // Indexes built once, each list in order of the day of occurrence so that
  // an action reads only the incidents after its implementation: incidents by
  // service and category (for the pairs the plans need), and by the
  // contributing factors of the investigations (opened by as_of) that cover
  // them, also per service for plans scoped to one.
  std::unordered_map<const Incident*, std::uint32_t> rank_of;
  for (const auto& [id, investigation] : reg.investigations()) {
    if (investigation.opened > as_of || investigation.factors.empty()) continue;
    for (const IncidentId& incident : investigation.incidents) {
      rank_of.try_emplace(&reg.incident(incident), 0);
    }
  }
  std::uint32_t rank = 0;
  for (const auto& [id, incident] : reg.incidents()) {
    if (!by_service_category.empty()) {
      const auto it = by_service_category.find({incident.service.str(), incident.category});
      if (it != by_service_category.end()) {
        it->second.push_back({incident.occurred_at.date(), rank, &incident});
      }
    }
    if (!rank_of.empty()) {
      if (const auto it = rank_of.find(&incident); it != rank_of.end()) it->second = rank;
    }
    ++rank;
  }
  std::map<ContributingFactor, ByDay> by_factor;
  std::unordered_map<std::pair<ContributingFactor, std::string_view>, ByDay, PairHash>
      by_factor_service;
  for (const auto& [id, investigation] : reg.investigations()) {
    if (investigation.opened > as_of) continue;
    for (ContributingFactor factor : investigation.factors) {
      for (const IncidentId& incident : investigation.incidents) {
        const Incident& covered = reg.incident(incident);
        const DatedIncident entry{covered.occurred_at.date(), rank_of.at(&covered), &covered};
        by_factor[factor].push_back(entry);
        by_factor_service[{factor, covered.service.str()}].push_back(entry);
      }
    }
  }
  const auto by_day = [](const DatedIncident& a, const DatedIncident& b) { return a.day < b.day; };
  for (auto& [key, list] : by_service_category) std::stable_sort(list.begin(), list.end(), by_day);
  for (auto& [key, list] : by_factor) std::stable_sort(list.begin(), list.end(), by_day);
  for (auto& [key, list] : by_factor_service) std::stable_sort(list.begin(), list.end(), by_day);
  // The incidents of `list` that occurred after `after`, up to as_of, in order.
  const auto occurred_between = [as_of](const ByDay& list, Date after) {
    const auto first = std::partition_point(
        list.begin(), list.end(), [after](const DatedIncident& i) { return i.day <= after; });
    const auto last = std::partition_point(
        first, list.end(), [as_of](const DatedIncident& i) { return i.day <= as_of; });
    return std::span<const DatedIncident>(list.data() + (first - list.begin()),
                                          static_cast<std::size_t>(last - first));
  };
  // One signal per plan and incident; the actions of the plan it follows
  // gather in it. Same category and service wins over a shared factor; else
  // the first factor found (actions in id order, each one's factors in
  // taxonomy order) names it. One plan's signals are found at a time into
  // `found` (`seen` and `slot` say, by incident rank, which of them the
  // current plan has found already) and sorted by incident. The plans are
  // read twice, first to count the signals, so that the output is allocated
  // once and each signal is built once, in place: at a large provider's
  // scale the signals are millions, and memory is most of their cost.
  std::vector<FoundRecurrence> found;
  std::vector<ActionLink> links;
  std::vector<std::uint32_t> seen(reg.incidents().size(), 0);
  std::vector<std::uint32_t> slot(reg.incidents().size(), 0);
  std::uint32_t pass = 0;
  const auto record = [&](std::uint32_t action, const DatedIncident& incident, Date implemented_on,
                          bool same_category, ContributingFactor factor) {
    if (seen[incident.rank] != pass) {
      seen[incident.rank] = pass;
      slot[incident.rank] = static_cast<std::uint32_t>(found.size());
      const auto link = static_cast<std::uint32_t>(links.size());
      links.push_back({action, kNoLink});
      found.push_back({incident.rank, implemented_on, incident.day, incident.incident, link, link,
                       1, same_category, factor});
      return;
    }
    FoundRecurrence& signal = found[slot[incident.rank]];
    signal.same_category = signal.same_category || same_category;
    signal.implemented_on = std::min(signal.implemented_on, implemented_on);
    if (links[signal.last_link].action != action) {  // actions come in order
      const auto link = static_cast<std::uint32_t>(links.size());
      links[signal.last_link].next = link;
      links.push_back({action, kNoLink});
      signal.last_link = link;
      ++signal.actions;
    }
  };
  const auto find_signals = [&](const RecurrencePlan& work) {
    ++pass;
    found.clear();
    links.clear();
    const auto after = [&work](const DatedIncident& incident) {
      return !std::binary_search(work.covered.begin(), work.covered.end(), incident.incident,
                                 std::less<>());
    };
    for (std::size_t i = 0; i < work.implemented.size(); ++i) {
      const auto& [action_index, implemented_on] = work.implemented[i];
      for (const ServiceCategory& pair : work.pairs) {
        for (const DatedIncident& incident :
             occurred_between(by_service_category.at(pair), implemented_on)) {
          if (!after(incident)) continue;
          record(action_index, incident, implemented_on, true, ContributingFactor{});
        }
      }
      for (ContributingFactor factor : work.factors[i]) {
        const ByDay* list = nullptr;
        if (work.plan->scope) {
          const auto it = by_factor_service.find({factor, work.plan->scope->str()});
          if (it != by_factor_service.end()) list = &it->second;
        } else {
          const auto it = by_factor.find(factor);
          if (it != by_factor.end()) list = &it->second;
        }
        if (list == nullptr) continue;
        for (const DatedIncident& incident : occurred_between(*list, implemented_on)) {
          if (!after(incident)) continue;
          record(action_index, incident, implemented_on, false, factor);
        }
      }
    }
    std::sort(found.begin(), found.end(),
              [](const FoundRecurrence& a, const FoundRecurrence& b) { return a.rank < b.rank; });
  };
  std::size_t count = 0;
  for (const RecurrencePlan& work : plans) {
    find_signals(work);
    count += found.size();
  }
  // In (plan, incident) order.
  std::vector<RecurrenceSignal> out;
  reserve_large(out, count);  // millions of signals at a large provider
  for (const RecurrencePlan& work : plans) {
    find_signals(work);
    for (const FoundRecurrence& f : found) {
      std::vector<ActionId> actions;
      actions.reserve(f.actions);
      for (std::uint32_t link = f.first_link; link != kNoLink; link = links[link].next) {
        actions.push_back((*work.actions)[links[link].action]->id);
      }
      out.push_back(RecurrenceSignal{
          *work.id, std::move(actions), f.incident->id, f.incident->service, f.incident->category,
          f.implemented_on, f.occurred_on,
          f.same_category ? RecurrenceReason::same_category_and_service
                          : RecurrenceReason::same_contributing_factor,
          f.same_category ? std::nullopt : std::optional<ContributingFactor>(f.factor)});
    }
  }
  return out;
}

std::optional<Reach> reach_as_of(const Register& reg, const ShareId& share,
                                 const ServiceId& service, Date as_of) {
  std::optional<Reach> out;
  // Records are in date order; the last one on or before as_of wins.
  for (const StaffBriefing& b : reg.briefings_of(share, service)) {
    if (b.date > as_of) break;
    out = Reach{b.date, b.briefed, b.in_scope};
  }
  return out;
}

namespace {

bool meets(const std::optional<Reach>& reach, double threshold) {
  return threshold <= 0.0 || (reach && reach->fraction() >= threshold);
}

}  // namespace

std::vector<TargetReach> share_reach(const Register& reg, const ShareId& id, Date as_of) {
  const LearningShare& share = reg.share(id);
  const double threshold = reg.plan(share.plan).reach_threshold;
  std::vector<TargetReach> out;
  for (const ShareTarget& target : share.targets) {
    auto reach = reach_as_of(reg, id, target.service, as_of);
    const bool ok = meets(reach, threshold);
    out.push_back(TargetReach{target.service, std::move(reach), threshold, ok});
  }
  return out;
}

std::vector<SpreadSignal> learning_not_spread(const Register& reg, Date as_of,
                                              std::int32_t acknowledge_days,
                                              std::int32_t adoption_days, std::int32_t reach_days) {
  std::vector<SpreadSignal> out;
  for (const auto& [id, share] : reg.shares()) {
    if (share.date > as_of) continue;
    const Date ack_due = share.date + boost::gregorian::days(acknowledge_days);
    const Date adoption_due = share.date + boost::gregorian::days(adoption_days);
    const Date reach_due = share.date + boost::gregorian::days(reach_days);
    const double threshold = reg.plan(share.plan).reach_threshold;
    for (const ShareTarget& target : share.targets) {
      const bool acknowledged = target.acknowledged_on && *target.acknowledged_on <= as_of;
      const bool decided = target.decided_on && *target.decided_on <= as_of;
      const bool declined = decided && target.adopted == false;
      if (!acknowledged && ack_due < as_of) {
        out.push_back({id, share.plan, target.service, SpreadGap::not_acknowledged, ack_due,
                       std::nullopt, 0.0});
      } else if (!decided && adoption_due < as_of) {
        out.push_back({id, share.plan, target.service, SpreadGap::adoption_undecided, adoption_due,
                       std::nullopt, 0.0});
      } else if (threshold > 0.0 && !declined && reach_due < as_of) {
        auto reach = reach_as_of(reg, id, target.service, as_of);
        if (!meets(reach, threshold)) {
          out.push_back({id, share.plan, target.service, SpreadGap::reach_below_threshold,
                         reach_due, std::move(reach), threshold});
        }
      }
    }
  }
  return out;
}

std::vector<SustainmentCheck> sustainment_checks(const Register& reg, const ActionId& id,
                                                 Date as_of) {
  const Action& action = reg.action(id);
  const auto checks = reg.checks_for(id);
  return sustainment_of(reg, action, checks, as_of);
}

std::vector<FadeSignal> faded_after_closure(const Register& reg, Date as_of) {
  // The checks are indexed only once an action is found closed.
  std::optional<std::unordered_map<ActionId, std::vector<const Check*>>> checks;
  std::vector<FadeSignal> out;
  for (const auto& [id, action] : reg.actions()) {
    if (state_as_of(action, as_of) != ActionState::closed) continue;
    if (!checks) checks = checks_by_action(reg);
    const auto& index = *checks;
    const Date closed_on = last_as_of(action, Transition::close, as_of)->at.date();
    for (const SustainmentCheck& item : sustainment_of(reg, action, checks_of(index, id), as_of)) {
      if (item.missed) {
        out.push_back({id, closed_on, item.due, FadeReason::check_missed, std::nullopt});
      } else if (item.passed == false) {
        out.push_back({id, closed_on, item.due, FadeReason::check_failed, item.check});
      }
    }
  }
  return out;
}

std::vector<EscalationDue> escalations_due(const Register& reg, Date as_of) {
  std::vector<EscalationDue> out;
  for (const auto& [id, action] : reg.actions()) {
    if (!action.due || !awaiting_implementation(state_as_of(action, as_of))) continue;
    const EscalationPath* path = reg.escalation_path_for(action.plan);
    if (path == nullptr) continue;
    const std::int32_t from_due = days_between(*action.due, as_of);
    for (std::size_t i = 0; i < path->steps.size(); ++i) {
      const EscalationStep& step = path->steps[i];
      bool fires = from_due == step.offset_days;
      if (!fires && step.repeat_days > 0 && from_due > step.offset_days &&
          (from_due - step.offset_days) % step.repeat_days == 0) {
        fires = !step.until_offset_days || from_due <= *step.until_offset_days;
      }
      if (fires) {
        out.push_back({id, action.plan, path->id, i, step.kind, step.recipient, action.owner,
                       *action.due, from_due});
      }
    }
  }
  return out;
}

std::vector<CandourOverdue> candour_overdue(const Register& reg, Date as_of) {
  std::vector<CandourOverdue> out;
  for (const auto& [id, incident] : reg.incidents()) {
    if (!incident.notifiable || !incident.notification_due) continue;
    if (incident.reported_at.date() > as_of) continue;  // not yet known on as_of
    const Date due = *incident.notification_due;
    const bool notified = incident.notified_on && *incident.notified_on <= as_of;
    if (notified || as_of <= due) continue;
    out.push_back({id, incident.service, due, static_cast<std::int32_t>((as_of - due).days())});
  }
  return out;
}

Signals signals(const Register& reg, Date as_of, const SignalOptions& options) {
  Signals s;
  s.as_of = as_of;
  s.overdue = overdue_actions(reg, as_of);
  s.stale = stale_actions(reg, as_of, options.stale_days);
  s.unreviewed = unreviewed_plans(reg, as_of);
  s.missed_monitoring = missed_monitoring(reg, as_of);
  s.recurrence = recurrences(reg, as_of);
  s.not_spread = learning_not_spread(reg, as_of, options.share_acknowledge_days,
                                     options.share_adoption_days, options.share_reach_days);
  s.faded = faded_after_closure(reg, as_of);
  s.escalations = escalations_due(reg, as_of);
  s.candour_overdue = candour_overdue(reg, as_of);
  return s;
}

}  // namespace closeloop::lifecycle
