// Trends: one chart per key metric from the measure series, rebased where an
// action was implemented and both phases have enough months; funnels of
// services; the harm profile.
#include <algorithm>
#include <map>
#include <set>

#include "closeloop/core/error.hpp"
#include "closeloop/metrics/funnel.hpp"
#include "closeloop/metrics/spc.hpp"
#include "../text.hpp"
#include "sections.hpp"

namespace closeloop::report::detail {

namespace {

bool present(const mx::MeasureSeries& s, std::size_t i) { return s.denominator[i] > 0.0; }

PointClass point_class_of(mx::PointType type) {
  switch (type) {
    case mx::PointType::improvement: return PointClass::improvement;
    case mx::PointType::concern: return PointClass::concern;
    case mx::PointType::neutral_high:
    case mx::PointType::neutral_low: return PointClass::neutral;
    case mx::PointType::common_cause: break;
  }
  return PointClass::common_cause;
}

// The phase windows of a chart: each phase's months with exposure and the
// counts its centre (a u chart's pooled rate) rests on.
std::vector<PhaseWindow> phase_windows(const mx::MeasureSeries& m, const std::vector<std::size_t>& starts,
                                       double per) {
  std::vector<PhaseWindow> out;
  for (std::size_t p = 0; p < starts.size(); ++p) {
    const std::size_t end = p + 1 < starts.size() ? starts[p + 1] : m.size();
    PhaseWindow w;
    for (std::size_t i = starts[p]; i < end; ++i) {
      if (!present(m, i)) continue;
      const Date start = from_day_number(m.period_start[i]);
      if (w.periods == 0) w.start = start;
      w.end = start.end_of_month();
      ++w.periods;
      w.count += m.numerator[i];
      w.exposure += m.denominator[i];
    }
    w.centre = w.periods > 0 ? w.count / w.exposure * per : std::numeric_limits<double>::quiet_NaN();
    out.push_back(w);
  }
  return out;
}

std::string phase_text(const PhaseWindow& w, const std::string& unit_measure) {
  return fixed(w.centre, 2) + " (" +
         window_text({w.start, w.end, w.count, w.exposure, w.centre, w.periods}, unit_measure) + ")";
}

MetricSeries make_series(BuildContext& ctx, const SeriesKey& key, const std::string& id,
                         const std::string& title, const std::vector<const ActionFacts*>& actions,
                         std::optional<double> target) {
  const ReportOptions& options = ctx.options;
  MetricSeries s;
  s.id = id;
  s.title = title;
  s.category = key.category;
  s.service_id = key.services.size() == 1 ? key.services.front() : std::string();
  s.measure = std::string(mx::to_string(key.measure));
  s.per = options.per;
  s.unit = "per " + per_words(options.per) + measure_words(key.measure);
  s.chart = "u";
  s.improvement = "decrease";
  s.period = "month";
  s.target = target;
  for (const ActionFacts* f : actions) s.links.push_back({LinkKind::action, f->action->id.str()});

  const mx::MeasureSeries& m = ctx.series(key);
  if (m.size() == 0) {
    s.variation = "insufficient_data";
    s.summary = "No exposure recorded for " + words(s.measure) + " in the chart window.";
    return s;
  }

  // Phase breaks: the first month starting on or after each implementation
  // (metrics::split_series, as metrics::rebased_chart and the trend job
  // rebase), when both sides have enough months with data.
  std::map<std::size_t, PhaseBreak> breaks;
  std::vector<std::string> not_rebased;
  const auto min_points = static_cast<std::size_t>(options.min_phase_points);
  for (const ActionFacts* f : actions) {
    if (!f->implemented_on) continue;
    const mx::Split split = mx::split_series(m, to_day_number(*f->implemented_on));
    const std::size_t index = split.first_after;
    std::size_t before = 0;
    std::size_t after = 0;
    for (std::size_t i = 0; i < m.size(); ++i) {
      if (present(m, i)) ++(i < index ? before : after);
    }
    const std::string name = f->action->id.str();
    if (before < min_points || after < min_points) {
      not_rebased.push_back(name + " (implemented " + human_date(*f->implemented_on) + "): " +
                            std::to_string(before) + " months before, " + std::to_string(after) + " since");
      continue;
    }
    PhaseBreak& b = breaks[index];
    b.index = index;
    if (b.date.is_special() || *f->implemented_on < b.date) b.date = *f->implemented_on;
    b.label += (b.label.empty() ? "" : ", ") + name;
    b.links.push_back({LinkKind::action, name});
  }
  mx::ChartOptions chart_options;
  chart_options.improvement = mx::Improvement::decrease;
  chart_options.target = target;
  std::vector<std::size_t> starts{0};
  for (auto& [index, b] : breaks) {
    b.label += " implemented";
    chart_options.phases.push_back(index);
    starts.push_back(index);
    s.phase_breaks.push_back(b);
  }
  if (!not_rebased.empty()) {
    s.rebase_note = "Limits not rebased at " + join(not_rebased, "; ") + ": a new phase needs at least " +
                    std::to_string(options.min_phase_points) + " months on each side.";
  }

  const mx::Chart chart = mx::measure_chart(m, chart_options);
  for (std::size_t i = 0; i < m.size(); ++i) {
    SeriesPoint p;
    p.period_start = from_day_number(m.period_start[i]);
    p.count = m.numerator[i];
    p.exposure = m.denominator[i];
    p.value = chart.value[i];
    p.centre = chart.centre[i];
    p.lcl = chart.lcl[i];
    p.ucl = chart.ucl[i];
    p.signals.outside_limits = chart.flagged(mx::Rule::outside_limits, i);
    p.signals.shift = chart.flagged(mx::Rule::shift, i);
    p.signals.trend = chart.flagged(mx::Rule::trend, i);
    p.signals.two_of_three = chart.flagged(mx::Rule::two_of_three, i);
    p.signals.long_run = chart.flagged(mx::Rule::long_run, i);
    p.signals.few_crossings = chart.flagged(mx::Rule::few_crossings, i);
    p.point_class = point_class_of(chart.point_type[i]);
    s.points.push_back(p);
  }
  s.phases = phase_windows(m, starts, options.per);
  s.variation = std::string(mx::to_string(chart.verdict.variation));
  if (chart.verdict.assurance != mx::Assurance::none) {
    s.assurance = std::string(mx::to_string(chart.verdict.assurance));
  }

  // The headline: the latest month with exposure, with its counts, then the
  // centre of each phase with the window it rests on.
  std::size_t latest = m.size();
  while (latest > 0 && !present(m, latest - 1)) --latest;
  const std::string measure = measure_words(key.measure);
  std::string summary;
  if (latest == 0) {
    s.variation = "insufficient_data";
    summary = "No exposure recorded for " + words(s.measure) + " in the chart window.";
  } else {
    const SeriesPoint& last = s.points[latest - 1];
    summary = month_year(last.period_start) + ": " + fixed(last.value, 2) + " " + s.unit + " (" +
              count(last.count) + " in " + count(last.exposure) + " " + measure + "). ";
    if (latest < m.size()) {
      summary += "No exposure recorded after " + month_year(last.period_start) + ". ";
    }
    if (s.phases.size() == 1) {
      summary += "Centre " + phase_text(s.phases.front(), measure) + ". ";
    } else {
      summary += "Centre before " + s.phase_breaks.front().label + ": " + phase_text(s.phases.front(), measure) +
                 "; since: " + phase_text(s.phases.back(), measure) + ". ";
    }
    summary += variation_text(s.variation) + ".";
  }
  if (key.services.size() > 1) summary += " Pooled over " + std::to_string(key.services.size()) + " services.";
  if (!s.rebase_note.empty()) summary += " " + s.rebase_note;
  s.summary = summary;
  return s;
}

// Actions with an outcome measure of a category, by the series they move.
std::map<SeriesKey, std::vector<const ActionFacts*>> outcome_series(const BuildContext& ctx) {
  std::map<SeriesKey, std::vector<const ActionFacts*>> by_series;
  for (const auto& [id, f] : ctx.facts) {
    for (const auto& m : f.action->measures) {
      if (m.kind != lc::MeasureKind::outcome || m.category.empty()) continue;
      std::vector<std::string> services;
      if (m.service) {
        services = {m.service->str()};
      } else if (!f.service_id.empty()) {
        services = {f.service_id};
      }
      if (services.empty() || !ctx.in_scope(services.front())) continue;
      std::optional<mx::Measure> measure;
      if (!m.denominator.empty()) {
        try {
          measure = mx::parse_measure(m.denominator);
        } catch (const InputError&) {
          measure.reset();
        }
      }
      if (!measure) measure = ctx.measure_for(services.front(), measure_preference(m.category));
      if (!measure) continue;
      by_series[{m.category, services, *measure}].push_back(&f);
      break;
    }
  }
  return by_series;
}

void build_funnels(BuildContext& ctx, GovernanceReport& report) {
  const ReportOptions& options = ctx.options;
  const Date first_month(options.period_start.year(), options.period_start.month(), 1);
  for (const auto& series : report.trends) {
    if (!series.service_id.empty()) continue;  // a single service has no funnel
    if (std::find(options.key_categories.begin(), options.key_categories.end(), series.category) ==
        options.key_categories.end()) {
      continue;  // funnels for the key metrics only
    }
    const auto measure = mx::parse_measure(series.measure);
    std::vector<std::string> labels;
    std::vector<std::string> ids;
    std::vector<std::int64_t> counts;
    std::vector<double> exposure;
    for (const auto& service : ctx.scope_services) {
      if (ctx.measure_for(service, measure_preference(series.category)) != measure) continue;
      const mx::MeasureSeries& m = ctx.series({series.category, {service}, measure});
      double k = 0.0;
      double e = 0.0;
      for (std::size_t i = 0; i < m.size(); ++i) {
        if (from_day_number(m.period_start[i]) < first_month) continue;
        k += m.numerator[i];
        e += m.denominator[i];
      }
      if (!(e > 0.0)) continue;
      ids.push_back(service);
      labels.push_back(ctx.service_name(service));
      counts.push_back(static_cast<std::int64_t>(k));
      exposure.push_back(e);
    }
    if (ids.size() < 3) continue;
    const mx::Funnel f = mx::funnel(labels, counts, exposure, options.per);
    Funnel out;
    out.id = series.id;
    out.title = series.title + " by service, " + month_year(std::max(first_month, ctx.months.front())) + " to " +
                month_year(ctx.chart_end);
    out.category = series.category;
    out.measure = series.measure;
    out.per = options.per;
    out.unit = series.unit;
    out.improvement = "decrease";
    out.organisation_rate = f.target;
    std::vector<std::string> above;
    std::vector<std::string> below;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      FunnelPoint p;
      p.service_id = ids[i];
      p.service_name = labels[i];
      p.count = static_cast<double>(counts[i]);
      p.exposure = exposure[i];
      p.rate = f.rate[i];
      p.lower95 = f.lower_95[i];
      p.upper95 = f.upper_95[i];
      p.lower998 = f.lower_998[i];
      p.upper998 = f.upper_998[i];
      p.position = f.flag_998[i] > 0   ? "above_998"
                   : f.flag_95[i] > 0  ? "above_95"
                   : f.flag_998[i] < 0 ? "below_998"
                   : f.flag_95[i] < 0  ? "below_95"
                                       : "within";
      if (f.flag_998[i] > 0) above.push_back(labels[i]);
      if (f.flag_998[i] < 0) below.push_back(labels[i]);
      out.points.push_back(p);
    }
    const double max_exposure = *std::max_element(exposure.begin(), exposure.end());
    for (int i = 1; i <= 60; ++i) {
      const double e = max_exposure * 1.1 * static_cast<double>(i) / 60.0;
      const auto l95 = mx::funnel_limits(f.target, e, 0.95, options.per);
      const auto l998 = mx::funnel_limits(f.target, e, 0.998, options.per);
      out.curve.push_back({e, l95.lower, l95.upper, l998.lower, l998.upper});
    }
    out.summary = "Organisation rate " + fixed(f.target, 2) + " " + out.unit + " across " +
                  std::to_string(ids.size()) + " services. ";
    if (above.empty() && below.empty()) {
      out.summary += "Every service is within the 99.8% limits.";
    } else {
      if (!above.empty()) out.summary += "Above the 99.8% limit: " + join(above, ", ") + ". ";
      if (!below.empty()) out.summary += "Below the 99.8% limit: " + join(below, ", ") + ".";
    }
    if (out.summary.back() == ' ') out.summary.pop_back();
    report.funnels.push_back(std::move(out));
  }
}

}  // namespace

void build_trends(BuildContext& ctx, GovernanceReport& report) {
  const ReportOptions& options = ctx.options;
  // Categories to chart: the key ones when present, others with enough incidents.
  std::vector<std::string> categories;
  for (const auto& category : options.key_categories) {
    if (ctx.window_counts.count(category) > 0) categories.push_back(category);
  }
  for (const auto& [category, n] : ctx.window_counts) {
    if (std::find(categories.begin(), categories.end(), category) != categories.end()) continue;
    if (n >= options.min_incidents_for_chart) categories.push_back(category);
  }
  auto by_series = outcome_series(ctx);

  std::set<SeriesKey> done;
  for (const auto& category : categories) {
    std::map<mx::Measure, std::vector<std::string>> groups;
    for (const auto& service : ctx.scope_services) {
      if (auto measure = ctx.measure_for(service, measure_preference(category))) {
        groups[*measure].push_back(service);
      }
    }
    for (const auto& [measure, services] : groups) {
      const SeriesKey key{category, services, measure};
      const mx::MeasureSeries& m = ctx.series(key);
      double incidents = 0.0;
      for (double k : m.numerator) incidents += k;
      if (incidents == 0.0) continue;  // nothing to chart for these services
      std::string title = category_title(category) + " per " + per_words(options.per) + measure_words(measure);
      if (services.size() == 1 && ctx.scope_services.size() > 1) title += " at " + ctx.service_name(services.front());
      const std::string id = category + "-" + std::string(mx::to_string(measure));
      const auto actions = by_series.count(key) > 0 ? by_series[key] : std::vector<const ActionFacts*>{};
      MetricSeries series = make_series(ctx, key, id, title, actions, std::nullopt);
      // Key metrics are always drawn; other categories only when they show
      // special cause (the rest go in the compact table).
      const bool key_category =
          std::find(options.key_categories.begin(), options.key_categories.end(), category) !=
          options.key_categories.end();
      const bool special = series.variation != "common_cause" && series.variation != "insufficient_data";
      series.headline = key_category || !actions.empty() || special;
      report.trends.push_back(std::move(series));
      for (const ActionFacts* f : actions) ctx.action_series[f->action->id.str()] = {id, key};
      done.insert(key);
    }
  }
  for (const auto& [key, actions] : by_series) {
    if (done.count(key) > 0) continue;
    const std::string id = key.category + "-" + key.services.front();
    std::optional<double> target;
    for (const auto& m : actions.front()->action->measures) {
      if (m.kind == lc::MeasureKind::outcome && m.target) target = m.target;
    }
    const std::string title = category_title(key.category) + " at " + ctx.service_name(key.services.front());
    report.trends.push_back(make_series(ctx, key, id, title, actions, target));
    for (const ActionFacts* f : actions) ctx.action_series[f->action->id.str()] = {id, key};
  }
  build_funnels(ctx, report);
}

void build_harm_profile(const BuildContext& ctx, GovernanceReport& report) {
  // Physical harm from the incidents table (the source of every count in the
  // report); psychological harm from the register, which alone records it.
  std::map<std::string_view, PsychologicalHarm> psychological;
  for (const auto& [id, incident] : ctx.reg.incidents()) psychological[id.str()] = incident.psychological_harm;
  const DayNumber first = to_day_number(ctx.options.period_start);
  const DayNumber last = to_day_number(ctx.data_end);
  std::map<std::string, HarmRow> rows;
  const auto& t = ctx.incidents;
  for (std::size_t i = 0; i < t.size(); ++i) {
    if (t.day()[i] < first || t.day()[i] > last) continue;
    if (!ctx.in_scope(std::string(t.services()[t.service()[i]]))) continue;
    const std::string category(t.categories()[t.category()[i]]);
    HarmRow& row = rows[category];
    row.category = category;
    row.physical[std::min<std::size_t>(t.harm()[i], row.physical.size() - 1)] += 1;
    const auto found = psychological.find(t.ids()[i]);
    if (found == psychological.end()) {
      ++row.psychological_not_recorded;
    } else {
      row.psychological[static_cast<std::size_t>(found->second)] += 1;
    }
  }
  for (auto& [category, row] : rows) report.harm_profile.push_back(std::move(row));
}

}  // namespace closeloop::report::detail
