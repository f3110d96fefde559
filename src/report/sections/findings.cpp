// Needs attention: one finding per signal that needs a decision, most
// severe first. Titles and details are generated from ids, dates and
// figures (never from staff-written text); an owner is a typed field.
#include <algorithm>
#include <iterator>
#include <map>
#include <set>
#include <string_view>
#include <tuple>
#include <unordered_set>

#include "../text.hpp"
#include "sections.hpp"

namespace closeloop::report::detail {

namespace {

// How many incident ids a recurrence finding names before counting the rest.
constexpr std::size_t kIncidentsNamed = 8;

bool moderate_or_worse(const lc::Incident& incident) {
  return incident.harm >= Harm::moderate ||
         incident.psychological_harm >= PsychologicalHarm::moderate;
}

// One finding per plan, category and service, listing the incidents and the
// actions they followed. A recurrence while the rate fell is told as a
// recurrence with the improvement stated (low); it is a concern (high) when
// the rate did not fall or an incident caused moderate harm or worse.
void recurrence_findings(BuildContext& ctx, std::vector<Finding>& out) {
  struct Group {
    // The incidents counted, and the first kIncidentsNamed of them by id: a
    // plan has one signal per incident, so a group's incidents are distinct.
    std::size_t incidents = 0;
    std::set<std::string> named;
    std::set<std::string> actions;
    Date first_implemented{boost::gregorian::pos_infin};
    Date latest{boost::gregorian::neg_infin};
    bool same = false;
    bool harmful = false;
    std::optional<lc::ContributingFactor> factor;
  };
  // The incidents of moderate harm or worse, found once (few, if any)
  // instead of each signal's incident looked up in the register.
  std::unordered_set<std::string_view> harmful_incidents;
  for (const auto& [id, incident] : ctx.reg.incidents()) {
    if (moderate_or_worse(incident)) harmful_incidents.insert(id.str());
  }
  std::map<std::tuple<std::string, std::string, std::string>, Group> groups;
  // Signals come by plan and incident, so neighbours mostly share their
  // actions and group: the previous signal counted, its shown actions and
  // its group are reused when they match.
  const lc::RecurrenceSignal* previous = nullptr;
  Group* group = nullptr;
  std::vector<std::string> shown;
  for (const auto& o : ctx.signals.recurrence) {
    const bool same_actions = previous != nullptr && previous->actions == o.actions;
    if (!same_actions) {
      shown.clear();
      for (const auto& action : o.actions) {
        if (ctx.shown_action(action) != nullptr) shown.push_back(action.str());
      }
    }
    if (shown.empty()) {
      previous = nullptr;
      continue;
    }
    const bool same_group = previous != nullptr && previous->plan == o.plan &&
                            previous->category == o.category && previous->service == o.service;
    if (!same_group) group = &groups[{o.plan.str(), o.category, o.service.str()}];
    Group& g = *group;
    ++g.incidents;
    if (g.named.size() < kIncidentsNamed || o.incident.str() < *g.named.rbegin()) {
      g.named.insert(o.incident.str());
      if (g.named.size() > kIncidentsNamed) g.named.erase(std::prev(g.named.end()));
    }
    if (!same_group || !same_actions) g.actions.insert(shown.begin(), shown.end());
    g.first_implemented = std::min(g.first_implemented, o.implemented_on);
    g.latest = std::max(g.latest, o.occurred_on);
    g.same = g.same || o.reason == lc::RecurrenceReason::same_category_and_service;
    g.harmful =
        g.harmful || (!harmful_incidents.empty() && harmful_incidents.count(o.incident.str()) > 0);
    if (o.factor) g.factor = o.factor;
    previous = &o;
  }
  for (const auto& [key, g] : groups) {
    const auto& [plan, category, service] = key;
    Finding x;
    x.kind = FindingKind::recurrence;
    const std::size_t n = g.incidents;
    x.title = std::to_string(n) + " " + words(category) + (n == 1 ? " incident" : " incidents") +
              " at " + ctx.service_name(service) + " since " + plan + " actions were implemented";
    // The first few incidents by id; the rest counted (the signals list them all).
    const std::vector<std::string> named(g.named.begin(), g.named.end());
    std::string incidents = join(named, ", ");
    if (n > named.size()) incidents += " and " + std::to_string(n - named.size()) + " more";
    x.detail = "Incidents " + incidents + "; first implemented " + human_date(g.first_implemented) +
               "; latest incident " + human_date(g.latest) + "; " +
               (g.same ? std::string("same category and service")
                       : "same contributing factor (" +
                             words(g.factor ? lc::to_string(*g.factor) : "") + ")") +
               ".";
    // Whether the rate came down: the same before/after windows as the
    // actions' effectiveness claims (the action's chart where it has one).
    bool fell = false;
    std::optional<SeriesKey> key_of_rate;
    for (const auto& action : g.actions) {
      const auto chart = ctx.action_series.find(action);
      if (chart != ctx.action_series.end() && chart->second.key.category == category &&
          chart->second.key.services == std::vector<std::string>{service}) {
        key_of_rate = chart->second.key;
      }
    }
    if (!key_of_rate) {
      if (auto measure = ctx.measure_for(service, measure_preference(category))) {
        key_of_rate = SeriesKey{category, {service}, *measure};
      }
    }
    if (key_of_rate) {
      const auto [before, after] = ctx.before_after(ctx.series(*key_of_rate), g.first_implemented);
      if (before.periods > 0 && after.periods > 0) {
        const std::string measure = measure_words(key_of_rate->measure);
        fell = after.rate < before.rate;
        x.detail += std::string(" The rate ") + (fell ? "fell" : "did not fall") + ": " +
                    fixed(before.rate, 2) + " before (" + window_text(before, measure) + "), " +
                    fixed(after.rate, 2) + " since (" + window_text(after, measure) + "), per " +
                    per_words(ctx.options.per) + measure + ".";
      }
    }
    if (g.harmful) x.detail += " At least one caused moderate harm or worse.";
    x.severity = (fell && !g.harmful) ? Severity::low : Severity::high;
    if (x.severity == Severity::low) x.title += "; the rate has fallen";
    x.service_id = service;
    x.since = g.first_implemented;
    for (const auto& action : g.actions) x.links.push_back({LinkKind::action, action});
    x.links.push_back({LinkKind::plan, plan});
    for (const auto& action : g.actions) {
      const auto chart = ctx.action_series.find(action);
      if (chart == ctx.action_series.end()) continue;
      const Link link{LinkKind::chart, chart->second.id};
      if (std::find(x.links.begin(), x.links.end(), link) == x.links.end()) x.links.push_back(link);
    }
    out.push_back(std::move(x));
  }
}

}  // namespace

void build_findings(BuildContext& ctx, GovernanceReport& report) {
  auto& out = report.needs_attention;
  const auto action_in = [&ctx](const ActionId& id) { return ctx.shown_action(id); };
  for (const auto& o : ctx.signals.overdue) {
    const ActionFacts* f = action_in(o.action);
    if (f == nullptr) continue;
    Finding x;
    x.kind = FindingKind::overdue;
    x.severity = o.days_overdue > 28 ? Severity::high : Severity::medium;
    x.title = o.action.str() + " \"" + f->action->title + "\" is " +
              std::to_string(o.days_overdue) + (o.days_overdue == 1 ? " day" : " days") +
              " overdue";
    x.detail = "Due " + human_date(o.due) + "; " + words(to_string(o.state)) + ".";
    // The owner is a person: a typed field, filled for inside audiences only.
    if (ctx.internal()) x.owner = o.owner;
    x.service_id = f->service_id;
    x.since = o.due;
    x.links = {{LinkKind::action, o.action.str()}, {LinkKind::plan, o.plan.str()}};
    out.push_back(std::move(x));
  }
  for (const auto& o : ctx.signals.stale) {
    const ActionFacts* f = action_in(o.action);
    if (f == nullptr) continue;
    Finding x;
    x.kind = FindingKind::stale;
    x.severity = Severity::medium;
    x.title =
        o.action.str() + " has had no activity for " + std::to_string(o.days_inactive) + " days";
    x.detail = "Last activity " + human_date(o.last_activity) + "; " + words(to_string(o.state)) +
               "; stale after " + std::to_string(ctx.options.signals.stale_days) + " days.";
    x.service_id = f->service_id;
    x.since = o.last_activity;
    x.links = {{LinkKind::action, o.action.str()}, {LinkKind::plan, o.plan.str()}};
    out.push_back(std::move(x));
  }
  for (const auto& o : ctx.signals.unreviewed) {
    if (ctx.included_plans.count(o.plan.str()) == 0) continue;
    const auto& plan = ctx.reg.plan(o.plan);
    Finding x;
    x.kind = FindingKind::unreviewed_plan;
    x.severity = o.days_overdue > 30 ? Severity::high : Severity::medium;
    x.title = o.plan.str() + " has not been reviewed at governance within its " +
              std::to_string(plan.review_interval_days) + "-day interval";
    x.detail = (o.last_review ? "Last reviewed " + human_date(*o.last_review)
                              : std::string("Never reviewed")) +
               "; review was due " + human_date(o.review_due) + ".";
    x.service_id = plan.scope ? plan.scope->str() : std::string();
    x.since = o.review_due;
    x.links = {{LinkKind::plan, o.plan.str()}};
    out.push_back(std::move(x));
  }
  {
    // One finding per action, not per missed date.
    std::map<std::string, std::vector<const lc::MissedMonitoring*>> missed;
    for (const auto& o : ctx.signals.missed_monitoring) {
      if (action_in(o.action) != nullptr) missed[o.action.str()].push_back(&o);
    }
    for (const auto& [id, list] : missed) {
      const ActionFacts* f = ctx.action(id);
      Finding x;
      x.kind = FindingKind::missed_monitoring;
      x.severity = list.size() >= 3 ? Severity::high : Severity::medium;
      x.title = id + ": " + std::to_string(list.size()) + " scheduled " +
                words(lc::to_string(list.back()->kind)) + (list.size() == 1 ? "" : "s") +
                " not done";
      x.detail = "Most recent missed: " + human_date(list.back()->scheduled) + " (tolerance " +
                 std::to_string(list.back()->tolerance_days) + " days).";
      x.service_id = f->service_id;
      x.since = list.front()->scheduled;
      x.links = {{LinkKind::action, id}, {LinkKind::plan, f->plan->id.str()}};
      out.push_back(std::move(x));
    }
  }
  recurrence_findings(ctx, out);
  for (const auto& series : report.trends) {
    if (series.variation.rfind("concern", 0) != 0 || series.points.empty()) continue;
    const SeriesPoint& last = series.points.back();
    Finding x;
    x.kind = FindingKind::special_cause_concern;
    x.severity = Severity::high;
    x.title = series.title + ": special-cause concern in " + detail::month_year(last.period_start);
    x.detail = fixed(last.value, 2) + " " + series.unit + " against a centre of " +
               fixed(last.centre, 2) + " (upper limit " + fixed(last.ucl, 2) + ").";
    x.service_id = series.service_id;
    x.since = last.period_start;
    x.links = {{LinkKind::chart, series.id}};
    for (const auto& l : series.links) x.links.push_back(l);
    out.push_back(std::move(x));
  }
  for (const auto& funnel : report.funnels) {
    for (const auto& p : funnel.points) {
      if (p.position != "above_998") continue;
      Finding x;
      x.kind = FindingKind::special_cause_concern;
      x.severity = Severity::high;
      x.title = category_title(funnel.category) + " at " + p.service_name +
                " above the 99.8% funnel limit";
      x.detail = fixed(p.rate, 2) + " " + funnel.unit + " against the organisation's " +
                 fixed(funnel.organisation_rate, 2) + " (limit " + fixed(p.upper998, 2) + ").";
      x.service_id = p.service_id;
      x.links = {{LinkKind::funnel, funnel.id}};
      out.push_back(std::move(x));
    }
  }
  for (const auto& o : ctx.signals.not_spread) {
    const bool in_scope = ctx.plan_ids.count(o.plan.str()) > 0 ||
                          (!ctx.whole_organisation && ctx.in_scope(o.service.str()));
    if (!in_scope) continue;
    Finding x;
    x.kind = FindingKind::learning_not_spread;
    x.severity = Severity::medium;
    const std::string service = ctx.service_name(o.service.str());
    switch (o.gap) {
      case lc::SpreadGap::not_acknowledged:
        x.title = service + " has not acknowledged share " + o.share.str();
        x.detail = "Acknowledgement was due " + human_date(o.due) + ".";
        break;
      case lc::SpreadGap::adoption_undecided:
        x.title = service + " has not decided on adopting share " + o.share.str();
        x.detail = "A decision was due " + human_date(o.due) + ".";
        break;
      case lc::SpreadGap::reach_below_threshold:
        x.title = service + " has briefed too few staff on share " + o.share.str();
        x.detail = (o.reach ? std::to_string(o.reach->briefed) + " of " +
                                  std::to_string(o.reach->in_scope) + " staff briefed (" +
                                  fixed(100.0 * o.reach->fraction(), 0) + "%) on " +
                                  human_date(o.reach->date)
                            : std::string("No staff briefing recorded")) +
                   "; the plan asks for " + fixed(100.0 * o.threshold, 0) + "% by " +
                   human_date(o.due) + ".";
        break;
    }
    x.service_id = o.service.str();
    x.since = o.due;
    x.links = {{LinkKind::share, o.share.str()}, {LinkKind::plan, o.plan.str()}};
    out.push_back(std::move(x));
  }
  for (const auto& o : ctx.signals.faded) {
    const ActionFacts* f = action_in(o.action);
    if (f == nullptr) continue;
    Finding x;
    x.kind = FindingKind::faded_after_closure;
    x.severity = Severity::high;
    const bool failed = o.reason == lc::FadeReason::check_failed;
    x.title = o.action.str() +
              (failed ? " failed its sustainment check" : " missed its sustainment check");
    x.detail = "Closed " + human_date(o.closed_on) + "; sustainment check due " +
               human_date(o.check_due) + ".";
    x.service_id = f->service_id;
    x.since = o.check_due;
    x.links = {{LinkKind::action, o.action.str()}, {LinkKind::plan, f->plan->id.str()}};
    out.push_back(std::move(x));
  }
  for (const auto& o : ctx.signals.escalations) {
    const ActionFacts* f = action_in(o.action);
    if (f == nullptr || o.kind != lc::EscalationKind::escalate) continue;
    Finding x;
    x.kind = FindingKind::escalation_due;
    x.severity = Severity::medium;
    x.title = o.action.str() + " escalates to the " + words(o.recipient) + " today";
    x.detail =
        std::to_string(o.days_from_due) + " days past its due date (" + human_date(o.due) + ").";
    x.service_id = f->service_id;
    x.since = o.due;
    x.links = {{LinkKind::action, o.action.str()}, {LinkKind::plan, o.plan.str()}};
    out.push_back(std::move(x));
  }
  for (const auto& c : report.effectiveness) {
    if (c.verdict != "not_effective") continue;
    const ActionFacts* f = ctx.action(c.action_id);
    // Only the evaluation that awaits the decision (an action may have been
    // evaluated, reopened and evaluated again in the period).
    if (f == nullptr || f->state != ActionState::evaluated || c.evaluated_on != f->evaluated_on)
      continue;
    Finding x;
    x.kind = FindingKind::not_effective;
    x.severity = Severity::medium;
    x.title = c.action_id + " was evaluated as not effective and awaits a decision";
    x.detail = c.statement;
    x.service_id = f->service_id;
    x.since = f->evaluated_on;
    x.links = {{LinkKind::action, c.action_id}};
    if (!c.series_id.empty()) x.links.push_back({LinkKind::chart, c.series_id});
    out.push_back(std::move(x));
  }
  for (const auto& plan_id : report.strength.weaker_only_plans) {
    Finding x;
    x.kind = FindingKind::weaker_actions_only;
    x.severity = Severity::low;
    x.title = plan_id + " relies on weaker actions only (training, policy, reminders)";
    x.detail =
        "Add at least one stronger or intermediate action: a physical change, a forcing "
        "function, a checklist or a staffing change.";
    for (const auto& p : report.plans) {
      if (p.plan_id == plan_id) x.service_id = p.service_id;
    }
    x.links = {{LinkKind::plan, plan_id}};
    out.push_back(std::move(x));
  }
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.severity, a.kind) < std::tie(b.severity, b.kind);
  });
}

}  // namespace closeloop::report::detail
