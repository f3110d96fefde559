// Effectiveness: one claim per evaluation dated in the period (and the latest
// one of an action still awaiting its governance decision), each with the
// before and after windows of the measure series it rests on and what
// happened after it (closed, faded, reopened...).
#include <algorithm>
#include <limits>

#include "closeloop/core/error.hpp"
#include "closeloop/lifecycle/effectiveness.hpp"
#include "closeloop/metrics/comparison.hpp"
#include "../text.hpp"
#include "sections.hpp"

namespace closeloop::report::detail {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const lc::Measure* outcome_of(const lc::Action& a) {
  for (const auto& m : a.measures) {
    if (m.kind == lc::MeasureKind::outcome && !m.category.empty()) return &m;
  }
  return nullptr;
}

// What followed the evaluation on `after` in the action's history, in words.
std::string since_text(const GovernanceReport& report, const std::string& action, Date after) {
  std::vector<std::string> parts;
  for (const auto& a : report.actions) {
    if (a.action_id != action) continue;
    for (const auto& h : a.history) {
      if (h.date < after || h.event == "evaluated") continue;
      std::string part;
      if (h.event == "closed") {
        part = "closed " + human_date(h.date);
        if (h.decision) part += " (" + *h.decision + (h.review_id.empty() ? "" : ", signed off at " + h.review_id) + ")";
      } else if (h.event == "sustainment_check_failed") {
        part = "sustainment check " + h.check_id + " failed " + human_date(h.date);
      } else if (h.event == "sustainment_check_missed") {
        part = "sustainment check missed (due " + human_date(h.date) + ")";
      } else if (h.event == "reopened" || h.event == "cancelled" || h.event == "implemented" ||
                 h.event == "verified") {
        part = h.event + " " + human_date(h.date);
      }
      if (!part.empty()) parts.push_back(std::move(part));
    }
  }
  if (parts.empty()) return std::string();
  std::string out = join(parts, "; ");
  out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out + ".";
}

void rate_claim(BuildContext& ctx, const ActionFacts& f, const BuildContext::ActionChart& chart,
                const lc::Measure& outcome, Date implemented_on, EffectivenessClaim& c,
                const GovernanceReport& report) {
  const MetricSeries* drawn = nullptr;
  for (const auto& s : report.trends) {
    if (s.id == chart.id) drawn = &s;
  }
  c.category = outcome.category;
  c.service_id = chart.key.services.size() == 1 ? chart.key.services.front() : std::string();
  c.series_id = chart.id;
  if (drawn != nullptr) {
    c.spc_after = drawn->variation;
    c.measure = drawn->title + " (" + std::string(lc::to_string(outcome.direction)) + ")";
  }
  // The library's own verdict from the data, as a cross-check.
  if (!c.service_id.empty()) {
    try {
      lc::EffectivenessOptions options;
      options.per = ctx.options.per;
      const auto assessed =
          lc::evaluate_effectiveness(ctx.reg, ctx.incidents, f.action->id, ctx.exposures, ctx.data_end, options);
      c.assessed_verdict = std::string(lc::to_string(assessed.verdict));
      c.assessed_reason = assessed.reason;
    } catch (const Error&) {
      c.assessed_verdict.clear();  // no outcome measure the library can evaluate
    }
  }
  // The one before figure of the action: the measure series split around
  // its implementation (the same figures the chart's phases and the
  // recurrence findings quote).
  const auto [before, after] = ctx.before_after(ctx.series(chart.key), implemented_on);
  const std::string measure = measure_words(chart.key.measure);
  if (before.periods == 0 || after.periods == 0) {
    c.statement = "Too little exposure before or after implementation to compare rates (before: " +
                  window_text(before, measure) + "; after: " + window_text(after, measure) + ").";
    return;
  }
  const auto cmp = mx::compare_rates(static_cast<std::int64_t>(before.count), before.exposure,
                                     static_cast<std::int64_t>(after.count), after.exposure, 0.95, ctx.options.per);
  c.before = before;
  c.after = after;
  c.rate_ratio = cmp.rate_ratio;
  c.ci_lower = cmp.ci_lower;
  c.ci_upper = cmp.ci_upper;
  c.p_value = cmp.p_value;
  const bool fell = cmp.ci_upper < 1.0;
  const bool rose = cmp.ci_lower > 1.0;
  const std::string unit = "per " + per_words(ctx.options.per) + measure;
  c.statement = category_title(c.category) + (fell ? " fell" : rose ? " rose" : " moved") + " from " +
                fixed(before.rate, 2) + " to " + fixed(after.rate, 2) + " " + unit + " after " +
                f.action->id.str() + " was implemented on " + human_date(implemented_on) + " (before: " +
                window_text(before, measure) + "; after: " + window_text(after, measure) + "; rate ratio " +
                ratio_text(cmp.rate_ratio, cmp.ci_lower, cmp.ci_upper) + ", " + p_text(cmp.p_value) + ").";
  if (!fell && !rose) c.statement += " The interval includes no change.";
  if (c.verdict == "effective" && !fell) c.statement += " The verdict \"effective\" is not borne out by the rate alone.";
}

void checks_claim(const BuildContext& ctx, const lc::Action& a, std::optional<Date> implemented_on,
                  Date evaluated_on, EffectivenessClaim& c) {
  int passed = 0;
  int total = 0;
  for (const lc::Check* check : ctx.reg.checks_for(a.id)) {
    if (check->date > evaluated_on) continue;
    if (implemented_on && check->date <= *implemented_on) continue;
    ++total;
    passed += check->passed ? 1 : 0;
  }
  c.measure = a.measures.empty() ? std::string("checks") : a.measures.front().what;
  c.statement = "Rests on monitoring checks: " + std::to_string(passed) + " of " + std::to_string(total) +
                " passed between implementation and the evaluation.";
  // A measure whose values the checks record (a proportion or a duration):
  // the library's own verdict from those values.
  for (std::size_t m = 0; m < a.measures.size(); ++m) {
    const auto kind = a.measures[m].value_kind();
    if (a.measures[m].id.empty() || a.measures[m].kind == lc::MeasureKind::balancing ||
        (kind != mx::SeriesKind::proportion && kind != mx::SeriesKind::duration)) {
      continue;
    }
    try {
      lc::EffectivenessOptions measured;
      measured.measure_index = m;
      const auto assessed = lc::evaluate_effectiveness(ctx.reg, ctx.incidents, a.id, ctx.exposures, ctx.data_end, measured);
      c.measure = a.measures[m].what;
      c.assessed_verdict = std::string(lc::to_string(assessed.verdict));
      c.assessed_reason = assessed.reason;
    } catch (const Error&) {
      c.assessed_verdict.clear();  // too few recorded values to evaluate
    }
    break;
  }
}

}  // namespace

void build_effectiveness(BuildContext& ctx, GovernanceReport& report) {
  for (const auto& [id, f] : ctx.facts) {
    if (ctx.included_plans.count(f.plan->id.str()) == 0) continue;
    const lc::Action& a = *f.action;
    std::optional<Date> implemented_on;
    const lc::ActionEvent* latest_evaluation = nullptr;
    std::vector<std::pair<const lc::ActionEvent*, std::optional<Date>>> evaluations;
    for (const auto& event : a.events()) {
      const Date on = event.at.date();
      if (on > ctx.options.as_of) break;
      if (event.transition == lc::Transition::implement) implemented_on = on;
      if (event.transition != lc::Transition::evaluate) continue;
      latest_evaluation = &event;
      // Evaluations of the period, and the latest one while it still awaits
      // its governance decision.
      const bool awaiting = f.state == ActionState::evaluated;
      if (ctx.in_period(on) || awaiting) evaluations.emplace_back(&event, implemented_on);
    }
    std::erase_if(evaluations, [&](const auto& e) {
      return !ctx.in_period(e.first->at.date()) && e.first != latest_evaluation;
    });
    for (const auto& [event, implemented] : evaluations) {
      EffectivenessClaim c;
      c.action_id = id;
      c.plan_id = a.plan.str();
      c.title = a.title;
      c.verdict = event->verdict ? std::string(lc::to_string(*event->verdict)) : std::string("inconclusive");
      c.evaluated_on = event->at.date();
      c.implemented_on = implemented;
      if (ctx.internal()) c.basis = event->basis;
      c.per = ctx.options.per;
      c.rate_ratio = c.ci_lower = c.ci_upper = c.p_value = kNaN;
      c.before.count = c.before.exposure = c.before.rate = kNaN;
      c.after = c.before;
      const lc::Measure* outcome = outcome_of(a);
      const auto chart = ctx.action_series.find(id);
      if (outcome != nullptr && implemented && chart != ctx.action_series.end()) {
        rate_claim(ctx, f, chart->second, *outcome, *implemented, c, report);
      } else {
        checks_claim(ctx, a, implemented, c.evaluated_on, c);
      }
      c.since = since_text(report, id, c.evaluated_on);
      report.effectiveness.push_back(std::move(c));
    }
  }
}

}  // namespace closeloop::report::detail
