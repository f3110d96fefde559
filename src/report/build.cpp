// The report builder: reads the register, the incidents and the exposures as
// of a date and fills the report model. It writes only generated text (never
// an incident description); for outside audiences it leaves person
// references out and runs redact_person_references as a last safety net.
#include "closeloop/report/build.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <memory>
#include <set>
#include <tuple>

#include "closeloop/core/error.hpp"
#include "closeloop/lifecycle/effectiveness.hpp"
#include "closeloop/lifecycle/quality.hpp"
#include "closeloop/lifecycle/schedule.hpp"
#include "closeloop/lifecycle/tables.hpp"
#include "closeloop/metrics/comparison.hpp"
#include "closeloop/metrics/funnel.hpp"
#include "closeloop/metrics/grid.hpp"
#include "closeloop/metrics/measure_series.hpp"
#include "closeloop/metrics/spc.hpp"
#include "text.hpp"

namespace closeloop::report {

namespace {

namespace lc = closeloop::lifecycle;
namespace mx = closeloop::metrics;
using detail::fixed;
using detail::human_date;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

Date first_of_month(Date date) {
  return Date(date.year(), date.month(), 1);
}

Date last_of_month(Date date) { return date.end_of_month(); }

Date day_of(const Instant& instant) { return instant.date(); }

// ---- words ------------------------------------------------------------------

std::string category_title(const std::string& category) {
  if (category == "fall") return "Falls";
  if (category == "medication_error") return "Medication errors";
  if (category == "safeguarding") return "Safeguarding concerns";
  if (category == "pressure_ulcer") return "Pressure ulcers";
  if (category == "behaviour") return "Behaviour incidents";
  if (category == "infection") return "Infections";
  if (category == "missing_person") return "Missing person incidents";
  if (category == "choking") return "Choking incidents";
  if (category == "other") return "Other incidents";
  return detail::sentence_case(category) + " incidents";
}

std::string measure_words(mx::Measure measure) {
  switch (measure) {
    case mx::Measure::occupied_bed_days: return "occupied bed days";
    case mx::Measure::doses_administered: return "doses";
    case mx::Measure::care_hours: return "care hours";
    case mx::Measure::visits: return "visits";
  }
  return "exposure";
}

std::string per_words(double per) {
  return per == 1.0 ? std::string() : detail::whole(per) + " ";
}

std::vector<mx::Measure> measure_preference(const std::string& category) {
  if (category == "medication_error") return {mx::Measure::doses_administered};
  return {mx::Measure::occupied_bed_days, mx::Measure::care_hours, mx::Measure::visits};
}

std::string join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

// ---- the context of one build -----------------------------------------------

struct ActionFacts {
  const lc::Action* action = nullptr;
  const lc::ActionPlan* plan = nullptr;
  ActionState state = ActionState::proposed;
  std::optional<Date> implemented_on;
  std::optional<Date> verified_on;
  std::optional<Date> evaluated_on;
  std::optional<Date> closed_on;
  std::optional<lc::Verdict> verdict;
  std::optional<lc::Decision> decision;
  std::string service_id;  // the plan's scope, or the service of its incidents
};

struct SeriesKey {
  std::string category;
  std::vector<std::string> services;  // sorted
  mx::Measure measure = mx::Measure::occupied_bed_days;
  auto operator<=>(const SeriesKey&) const = default;
};

class Builder {
 public:
  Builder(const lc::Register& reg, const mx::IncidentTable& incidents,
          const mx::ExposureTable& exposures, const mx::ServiceTable& services,
          const ReportOptions& options)
      : reg_(reg), incidents_(incidents), exposures_(exposures), services_(services), options_(options) {}

  GovernanceReport build();

 private:
  void validate() const;
  void collect_services();
  void collect_plans_and_actions();
  void count_incidents();
  void header();
  void trends();
  MetricSeries make_series(const SeriesKey& key, const std::string& id, const std::string& title,
                           const std::vector<const ActionFacts*>& actions, std::optional<double> target);
  void funnels();
  void plans();
  void actions();
  void evidence();
  void effectiveness();
  void learning();
  void strength();
  void findings();
  void overview();
  void audience();

  [[nodiscard]] std::string service_name(const std::string& id) const {
    auto found = names_.find(id);
    return found == names_.end() ? id : found->second;
  }
  [[nodiscard]] bool in_period(Date date) const {
    return !date.is_special() && date >= options_.period_start && date <= data_end_;
  }
  [[nodiscard]] double exposure_of(const std::string& service, mx::Measure measure, Date month) const {
    auto found = exposure_.find({service, measure, to_day_number(month)});
    return found == exposure_.end() ? 0.0 : found->second;
  }
  [[nodiscard]] double count_of(const std::string& service, const std::string& category, Date month) const {
    auto found = counts_.find({service, category, to_day_number(month)});
    return found == counts_.end() ? 0.0 : static_cast<double>(found->second);
  }
  [[nodiscard]] std::optional<mx::Measure> measure_for(const std::string& service,
                                                       const std::vector<mx::Measure>& preference) const {
    for (auto measure : preference) {
      if (has_measure_.count({service, measure}) > 0) return measure;
    }
    return std::nullopt;
  }
  // The one before/after split (metrics::split_before_after) of whole months
  // around `change`, complete through the last day of data.
  [[nodiscard]] mx::Split split_months(const std::vector<Date>& months, Date change) const {
    std::vector<DayNumber> starts;
    starts.reserve(months.size());
    for (const Date& month : months) starts.push_back(to_day_number(month));
    return mx::split_before_after(mx::PeriodKind::month, starts, to_day_number(change),
                                  to_day_number(data_end_));
  }
  [[nodiscard]] const ActionFacts* facts(const std::string& action) const {
    auto found = facts_.find(action);
    return found == facts_.end() ? nullptr : &found->second;
  }

  const lc::Register& reg_;
  const mx::IncidentTable& incidents_;
  const mx::ExposureTable& exposures_;
  const mx::ServiceTable& services_;
  const ReportOptions& options_;
  GovernanceReport report_;

  Date data_end_;                    // last day of data used: min(period_end, as_of)
  Date chart_end_;                   // first day of the last complete month
  std::vector<Date> months_;         // chart months, first days
  std::map<std::string, std::string> names_;
  std::vector<std::string> scope_services_;  // sorted service ids in scope
  std::set<std::string> plan_ids_;           // plans in scope
  std::map<std::string, ActionFacts> facts_; // actions in scope, by id
  std::set<std::string> included_plans_;     // plans shown in the report
  std::map<std::tuple<std::string, std::string, DayNumber>, std::int64_t> counts_;
  std::map<std::tuple<std::string, mx::Measure, DayNumber>, double> exposure_;
  std::set<std::pair<std::string, mx::Measure>> has_measure_;
  std::map<std::string, std::int64_t> window_counts_;  // category -> incidents in the chart window
  std::map<std::pair<std::string, std::string>, std::string> action_series_;  // (action, kind) -> series id
  std::map<std::string, std::string> series_variation_;
  lc::Signals signals_;
};

void Builder::validate() const {
  if (options_.period_start.is_special() || options_.period_end.is_special()) {
    throw InputError("report options: period_start and period_end are required");
  }
  if (options_.period_end < options_.period_start) {
    throw InputError("report options: period ends (" + to_iso(options_.period_end) +
                     ") before it starts (" + to_iso(options_.period_start) + ")");
  }
  if (options_.as_of.is_special()) throw InputError("report options: as_of is required");
  if (options_.as_of < options_.period_start) {
    throw InputError("report options: as_of (" + to_iso(options_.as_of) +
                     ") is before the period starts (" + to_iso(options_.period_start) + ")");
  }
  if (options_.chart_months < 2 || options_.chart_months > 240) {
    throw InputError("report options: chart_months must be between 2 and 240");
  }
  if (!(options_.per > 0.0)) throw InputError("report options: per must be positive");
  if (options_.scope && reg_.services().count(*options_.scope) == 0 &&
      !services_.ids().find(options_.scope->str())) {
    throw InputError("report options: scope service \"" + options_.scope->str() + "\" is not known");
  }
}

void Builder::collect_services() {
  for (std::size_t i = 0; i < services_.size(); ++i) {
    names_[services_.ids()[static_cast<std::int32_t>(i)]] = services_.names()[i];
  }
  for (const auto& [id, service] : reg_.services()) {
    if (names_.count(id.str()) == 0) names_[id.str()] = service.name;
  }
  if (options_.scope) {
    scope_services_ = {options_.scope->str()};
  } else {
    for (const auto& [id, name] : names_) scope_services_.push_back(id);
  }
}

void Builder::collect_plans_and_actions() {
  const auto in_scope_service = [this](const std::string& service) {
    return !options_.scope || options_.scope->str() == service;
  };
  for (const auto& [id, plan] : reg_.plans()) {
    if (plan.created_on > options_.as_of) continue;
    std::string service = plan.scope ? plan.scope->str() : std::string();
    bool in_scope = !options_.scope;
    if (plan.scope) {
      in_scope = in_scope_service(service);
    } else if (options_.scope) {
      // An organisation-wide plan belongs to a service's report when it
      // arose from an incident at that service.
      const auto& investigation = reg_.investigation(plan.investigation);
      for (const auto& incident : investigation.incidents) {
        if (reg_.incident(incident).service == *options_.scope) in_scope = true;
      }
    }
    if (!in_scope) continue;
    plan_ids_.insert(id.str());
    for (const lc::Action* action : reg_.actions_of(id)) {
      if (action->proposed_on > options_.as_of) continue;
      ActionFacts f;
      f.action = action;
      f.plan = &plan;
      f.state = lc::state_as_of(*action, options_.as_of);
      f.service_id = service;
      for (const auto& event : action->events()) {
        const Date on = day_of(event.at);
        if (on > options_.as_of) break;
        switch (event.transition) {
          case lc::Transition::implement: f.implemented_on = on; break;
          case lc::Transition::verify: f.verified_on = on; break;
          case lc::Transition::evaluate:
            f.evaluated_on = on;
            f.verdict = event.verdict;
            break;
          case lc::Transition::close:
            f.closed_on = on;
            f.decision = event.decision;
            break;
          case lc::Transition::reopen:
            // A reopened action starts its implementation again.
            f.verdict.reset();
            f.decision.reset();
            break;
          default: break;
        }
      }
      facts_.emplace(action->id.str(), f);
    }
  }
}

void Builder::count_incidents() {
  data_end_ = std::min(options_.period_end, options_.as_of);
  // SPC points are whole months: the last one is the last complete month.
  Date end_month = first_of_month(data_end_);
  if (data_end_ != last_of_month(data_end_)) end_month = end_month - boost::gregorian::months(1);
  chart_end_ = end_month;
  Date month = chart_end_ - boost::gregorian::months(options_.chart_months - 1);
  while (month <= chart_end_) {
    months_.push_back(month);
    month = month + boost::gregorian::months(1);
  }
  const std::set<std::string> scope(scope_services_.begin(), scope_services_.end());

  mx::GridOptions grid_options;
  grid_options.by = {mx::GroupKey::service_id, mx::GroupKey::category};
  grid_options.period = mx::PeriodKind::month;
  grid_options.first = to_day_number(months_.front());
  grid_options.last = to_day_number(last_of_month(chart_end_));
  if (incidents_.size() > 0) {
    const mx::Grid grid = mx::count_grid(incidents_, grid_options);
    for (std::size_t g = 0; g < grid.groups(); ++g) {
      const std::string& service = grid.keys[0][g];
      if (scope.count(service) == 0) continue;
      const std::string& category = grid.keys[1][g];
      for (std::size_t p = 0; p < grid.periods(); ++p) {
        const std::int64_t n = grid.counts[g * grid.periods() + p];
        if (n == 0) continue;
        counts_[{service, category, grid.period_starts[p]}] += n;
        window_counts_[category] += n;
      }
    }
  }
  const DayNumber first = to_day_number(months_.front());
  const DayNumber last = to_day_number(chart_end_);
  for (std::size_t i = 0; i < exposures_.size(); ++i) {
    const DayNumber day = exposures_.month()[i];
    if (day < first || day > last) continue;
    const std::string& service = exposures_.services()[exposures_.service()[i]];
    if (scope.count(service) == 0) continue;
    const auto measure = static_cast<mx::Measure>(exposures_.measure()[i]);
    exposure_[{service, measure, day}] += exposures_.value()[i];
    if (exposures_.value()[i] > 0.0) has_measure_.insert({service, measure});
  }
}

void Builder::header() {
  ReportHeader& h = report_.header;
  h.provider = options_.provider.empty() ? std::string("Care provider") : options_.provider;
  h.scope_service_id = options_.scope ? options_.scope->str() : std::string();
  h.scope_name = options_.scope ? service_name(options_.scope->str()) : std::string("Whole organisation");
  h.title = "Governance report: " + (options_.scope ? h.scope_name : h.provider);
  h.period_start = options_.period_start;
  h.period_end = options_.period_end;
  h.as_of = options_.as_of;
  h.audience = options_.audience;
  h.generator = options_.generator;
}

MetricSeries Builder::make_series(const SeriesKey& key, const std::string& id, const std::string& title,
                                  const std::vector<const ActionFacts*>& actions,
                                  std::optional<double> target) {
  MetricSeries s;
  s.id = id;
  s.title = title;
  s.category = key.category;
  s.service_id = key.services.size() == 1 ? key.services.front() : std::string();
  s.measure = std::string(mx::to_string(key.measure));
  s.per = options_.per;
  s.unit = "per " + per_words(options_.per) + measure_words(key.measure);
  s.chart = "u";
  s.improvement = "decrease";
  s.period = "month";
  s.target = target;

  std::vector<double> counts;
  std::vector<double> exposure;
  for (const Date& month : months_) {
    double k = 0.0;
    double e = 0.0;
    for (const auto& service : key.services) {
      k += count_of(service, key.category, month);
      e += exposure_of(service, key.measure, month);
    }
    counts.push_back(k);
    exposure.push_back(e);
  }
  // Leading months without exposure are before the service opened (or
  // before its data starts): they are left off the chart.
  std::size_t first = 0;
  while (first < exposure.size() && !(exposure[first] > 0.0)) ++first;
  std::vector<Date> months(months_.begin() + static_cast<std::ptrdiff_t>(first), months_.end());
  counts.erase(counts.begin(), counts.begin() + static_cast<std::ptrdiff_t>(first));
  exposure.erase(exposure.begin(), exposure.begin() + static_cast<std::ptrdiff_t>(first));
  std::vector<double> chart_counts = counts;
  std::vector<double> chart_exposure = exposure;
  for (std::size_t i = 0; i < chart_exposure.size(); ++i) {
    if (!(chart_exposure[i] > 0.0)) {
      chart_counts[i] = kNaN;  // a month with no exposure is a missing point
      chart_exposure[i] = kNaN;
    }
  }

  // Phase breaks: the first month starting on or after each implementation.
  std::map<std::size_t, PhaseBreak> breaks;
  for (const ActionFacts* f : actions) {
    if (!f->implemented_on) continue;
    const std::size_t index = split_months(months, *f->implemented_on).first_after;
    if (index >= months.size()) continue;
    // A phase needs points on both sides to have its own centre and limits.
    if (index < 2 || index + 2 > months.size()) continue;
    PhaseBreak& b = breaks[index];
    b.index = index;
    if (b.date.is_special() || *f->implemented_on < b.date) b.date = *f->implemented_on;
    b.label += (b.label.empty() ? "" : ", ") + f->action->id.str();
    b.links.push_back({LinkKind::action, f->action->id.str()});
  }
  mx::ChartOptions chart_options;
  chart_options.per = options_.per;
  chart_options.improvement = mx::Improvement::decrease;
  chart_options.target = target;
  for (auto& [index, b] : breaks) {
    b.label += " implemented";
    chart_options.phases.push_back(index);
    s.phase_breaks.push_back(b);
  }
  for (const ActionFacts* f : actions) s.links.push_back({LinkKind::action, f->action->id.str()});

  if (months.empty()) {
    s.variation = "insufficient_data";
    s.summary = "No exposure recorded for " + detail::words(s.measure) + " in the chart window.";
    return s;
  }
  const mx::Chart chart = mx::u_chart(chart_counts, chart_exposure, chart_options);
  for (std::size_t i = 0; i < months.size(); ++i) {
    SeriesPoint p;
    p.period_start = months[i];
    p.count = counts[i];
    p.exposure = exposure[i];
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
    switch (chart.point_type[i]) {
      case mx::PointType::improvement: p.point_class = PointClass::improvement; break;
      case mx::PointType::concern: p.point_class = PointClass::concern; break;
      case mx::PointType::neutral_high:
      case mx::PointType::neutral_low: p.point_class = PointClass::neutral; break;
      case mx::PointType::common_cause: break;
    }
    s.points.push_back(p);
  }
  s.variation = std::string(mx::to_string(chart.verdict.variation));
  if (chart.verdict.assurance != mx::Assurance::none) {
    s.assurance = std::string(mx::to_string(chart.verdict.assurance));
  }

  // The summary: the latest month against its centre, and each phase's centre.
  const SeriesPoint& last = s.points.back();
  std::string summary = detail::month_year(last.period_start) + ": " + fixed(last.value, 2) + " " +
                        s.unit + " (" + detail::count(last.count) + " in " +
                        detail::count(last.exposure) + "); centre " + fixed(last.centre, 2) + ". " +
                        detail::variation_text(s.variation) + ".";
  if (!s.phase_breaks.empty()) {
    const double before = s.points[s.phase_breaks.front().index - 1].centre;
    summary += " The centre moved from " + fixed(before, 2) + " to " + fixed(last.centre, 2) +
               " after " + join([&] {
                 std::vector<std::string> labels;
                 for (const auto& b : s.phase_breaks) labels.push_back(b.label);
                 return labels;
               }(), "; ") + ".";
  }
  if (key.services.size() > 1) {
    summary += " Pooled over " + std::to_string(key.services.size()) + " services.";
  }
  s.summary = summary;
  series_variation_[s.id] = s.variation;
  return s;
}

void Builder::trends() {
  // Categories to chart: the key ones when present, others with enough incidents.
  std::vector<std::string> categories;
  for (const auto& category : options_.key_categories) {
    if (window_counts_.count(category) > 0) categories.push_back(category);
  }
  for (const auto& [category, n] : window_counts_) {
    if (std::find(categories.begin(), categories.end(), category) != categories.end()) continue;
    if (n >= options_.min_incidents_for_chart) categories.push_back(category);
  }

  // Actions with an outcome measure and an implementation date, by the
  // series they move.
  std::map<SeriesKey, std::vector<const ActionFacts*>> by_series;
  for (const auto& [id, f] : facts_) {
    for (const auto& m : f.action->measures) {
      if (m.kind != lc::MeasureKind::outcome || m.category.empty()) continue;
      std::vector<std::string> services;
      if (m.service) {
        services = {m.service->str()};
      } else if (!f.service_id.empty()) {
        services = {f.service_id};
      }
      if (services.empty()) continue;
      if (std::find(scope_services_.begin(), scope_services_.end(), services.front()) ==
          scope_services_.end()) {
        continue;
      }
      std::optional<mx::Measure> measure;
      if (!m.denominator.empty()) {
        try {
          measure = mx::parse_measure(m.denominator);
        } catch (const InputError&) {
          measure.reset();
        }
      }
      if (!measure) measure = measure_for(services.front(), measure_preference(m.category));
      if (!measure) continue;
      by_series[{m.category, services, *measure}].push_back(&f);
      break;
    }
  }

  std::set<SeriesKey> done;
  for (const auto& category : categories) {
    std::map<mx::Measure, std::vector<std::string>> groups;
    for (const auto& service : scope_services_) {
      if (auto measure = measure_for(service, measure_preference(category))) {
        groups[*measure].push_back(service);
      }
    }
    for (const auto& [measure, services] : groups) {
      double incidents = 0.0;
      for (const auto& service : services) {
        for (const Date& month : months_) incidents += count_of(service, category, month);
      }
      if (incidents == 0.0) continue;  // nothing to chart for these services
      SeriesKey key{category, services, measure};
      std::string title = category_title(category) + " per " + per_words(options_.per) + measure_words(measure);
      if (services.size() == 1 && !options_.scope) title += " at " + service_name(services.front());
      const std::string id = category + "-" + std::string(mx::to_string(measure));
      auto actions = by_series.count(key) > 0 ? by_series[key] : std::vector<const ActionFacts*>{};
      MetricSeries series = make_series(key, id, title, actions, std::nullopt);
      // Key metrics are always drawn; other categories only when they show
      // special cause (the rest go in the compact table).
      const bool key_category = std::find(options_.key_categories.begin(), options_.key_categories.end(),
                                          category) != options_.key_categories.end();
      const bool special = series.variation != "common_cause" && series.variation != "insufficient_data";
      series.headline = key_category || !actions.empty() || special;
      report_.trends.push_back(std::move(series));
      for (const ActionFacts* f : actions) action_series_[{f->action->id.str(), "outcome"}] = id;
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
    const std::string title = category_title(key.category) + " at " + service_name(key.services.front());
    report_.trends.push_back(make_series(key, id, title, actions, target));
    for (const ActionFacts* f : actions) action_series_[{f->action->id.str(), "outcome"}] = id;
  }
}

void Builder::funnels() {
  if (options_.scope) return;
  const Date first_month = first_of_month(options_.period_start);
  for (const auto& series : report_.trends) {
    if (!series.service_id.empty()) continue;  // a single service has no funnel
    if (std::find(options_.key_categories.begin(), options_.key_categories.end(), series.category) ==
        options_.key_categories.end()) {
      continue;  // funnels for the key metrics only
    }
    const auto measure = mx::parse_measure(series.measure);
    std::vector<std::string> labels;
    std::vector<std::string> ids;
    std::vector<std::int64_t> counts;
    std::vector<double> exposure;
    for (const auto& service : scope_services_) {
      if (measure_for(service, measure_preference(series.category)) != measure) continue;
      double k = 0.0;
      double e = 0.0;
      for (const Date& month : months_) {
        if (month < first_month) continue;
        k += count_of(service, series.category, month);
        e += exposure_of(service, measure, month);
      }
      if (!(e > 0.0)) continue;
      ids.push_back(service);
      labels.push_back(service_name(service));
      counts.push_back(static_cast<std::int64_t>(k));
      exposure.push_back(e);
    }
    if (ids.size() < 3) continue;
    const mx::Funnel f = mx::funnel(labels, counts, exposure, options_.per);
    Funnel out;
    out.id = series.id;
    out.title = series.title + " by service, " + detail::month_year(std::max(first_month, months_.front())) +
                " to " + detail::month_year(chart_end_);
    out.category = series.category;
    out.measure = series.measure;
    out.per = options_.per;
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
      const auto l95 = mx::funnel_limits(f.target, e, 0.95, options_.per);
      const auto l998 = mx::funnel_limits(f.target, e, 0.998, options_.per);
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
    if (!out.summary.empty() && out.summary.back() == ' ') out.summary.pop_back();
    report_.funnels.push_back(std::move(out));
  }
}

void Builder::plans() {
  for (const auto& id : plan_ids_) {
    const lc::ActionPlan& plan = reg_.plan(PlanId(id));
    bool open = false;
    bool active = false;
    bool any = false;
    PlanStatus status;
    for (const auto& [action_id, f] : facts_) {
      if (f.plan != &plan) continue;
      any = true;
      status.actions_by_state[static_cast<std::size_t>(f.state)] += 1;
      open = open || is_open(f.state);
      for (const auto& event : f.action->events()) active = active || in_period(day_of(event.at));
      for (const lc::Evidence* e : reg_.evidence_for(f.action->id)) active = active || in_period(e->date);
      for (const lc::Check* c : reg_.checks_for(f.action->id)) active = active || in_period(c->date);
    }
    if (!any) open = plan.approval != lc::Approval::refused;
    if (!open && !active && !in_period(plan.created_on)) continue;
    included_plans_.insert(id);
    const lc::Investigation& investigation = reg_.investigation(plan.investigation);
    std::set<std::string> categories;
    std::set<std::string> services;
    for (const auto& incident : investigation.incidents) {
      const auto& i = reg_.incident(incident);
      categories.insert(detail::words(i.category));
      services.insert(service_name(i.service.str()));
    }
    std::vector<std::string> factors;
    for (auto factor : investigation.factors) factors.emplace_back(detail::words(lc::to_string(factor)));
    status.plan_id = id;
    status.investigation_id = investigation.id.str();
    status.label = detail::sentence_case(lc::to_string(investigation.method)) + ": " +
                   join(std::vector<std::string>(categories.begin(), categories.end()), ", ") + " at " +
                   join(std::vector<std::string>(services.begin(), services.end()), ", ");
    if (!factors.empty()) status.label += " (" + join(factors, ", ") + ")";
    status.service_id = plan.scope ? plan.scope->str() : std::string();
    if (plan.approval == lc::Approval::approved) status.approved_on = plan.decided_on;
    for (const auto& o : signals_.overdue) {
      if (o.plan.str() == id) ++status.actions_overdue;
    }
    std::optional<Date> last;
    for (const lc::GovernanceReview* review : reg_.reviews_of(plan.id)) {
      if (review->date <= options_.as_of) last = review->date;
    }
    status.last_reviewed = last;
    if (open) {
      status.next_review_due =
          (last ? *last : plan.created_on) + boost::gregorian::days(plan.review_interval_days);
    }
    const auto profile = lc::strength_profile(reg_, plan.id);
    status.weaker_only = profile.weaker > 0 && !profile.has_stronger_or_intermediate();
    report_.plans.push_back(std::move(status));
  }
}

void Builder::actions() {
  for (const auto& [id, f] : facts_) {
    if (included_plans_.count(f.plan->id.str()) == 0) continue;
    const lc::Action& a = *f.action;
    ActionStatus s;
    s.action_id = id;
    s.plan_id = a.plan.str();
    s.service_id = f.service_id;
    s.title = a.title;
    s.owner = a.owner;
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
      if (day_of(event.at) <= options_.as_of) last = std::max(last, day_of(event.at));
    }
    for (const lc::Evidence* e : reg_.evidence_for(a.id)) {
      if (e->date > options_.as_of) continue;
      ++s.evidence_items;
      last = std::max(last, e->date);
    }
    for (const lc::Check* c : reg_.checks_for(a.id)) {
      if (c->date > options_.as_of) continue;
      ++(c->passed ? s.checks_passed : s.checks_failed);
      last = std::max(last, c->date);
    }
    s.last_activity = last;
    const auto flag = [&s](bool on, const char* name) {
      if (on && std::find(s.signals.begin(), s.signals.end(), name) == s.signals.end()) {
        s.signals.emplace_back(name);
      }
    };
    for (const auto& o : signals_.overdue) flag(o.action == a.id, "overdue");
    for (const auto& o : signals_.stale) flag(o.action == a.id, "stale");
    for (const auto& o : signals_.missed_monitoring) flag(o.action == a.id, "missed_monitoring");
    for (const auto& o : signals_.recurrence) flag(o.action == a.id, "recurrence");
    for (const auto& o : signals_.faded) flag(o.action == a.id, "faded_after_closure");
    for (const auto& o : signals_.escalations) flag(o.action == a.id, "escalation_due");
    report_.actions.push_back(std::move(s));
  }
}

void Builder::evidence() {
  // (action, check kind) -> routine passing checks in the period and the latest date.
  std::map<std::pair<std::string, std::string>, std::pair<int, Date>> routine;
  for (const auto& [id, f] : facts_) {
    if (included_plans_.count(f.plan->id.str()) == 0) continue;
    for (const lc::Evidence* e : reg_.evidence_for(f.action->id)) {
      if (!in_period(e->date)) continue;
      EvidenceEntry entry;
      entry.action_id = id;
      entry.source = "evidence";
      entry.id = e->id.str();
      entry.kind = std::string(lc::to_string(e->kind));
      entry.date = e->date;
      entry.stage = f.implemented_on && e->date <= *f.implemented_on ? "implementation" : "monitoring";
      entry.reference = e->reference;
      entry.summary = e->summary;
      report_.evidence.push_back(std::move(entry));
    }
    bool verification_seen = false;
    for (const lc::Check* c : reg_.checks_for(f.action->id)) {
      if (c->date > options_.as_of) continue;
      std::string stage = "monitoring";
      if (f.closed_on && c->date > *f.closed_on) {
        stage = "sustainment";
      } else if (f.implemented_on && f.verified_on && !verification_seen && c->passed &&
                 c->date > *f.implemented_on && c->date <= *f.verified_on) {
        stage = "verification";
        verification_seen = true;
      }
      if (!in_period(c->date)) continue;
      if (stage == "monitoring" && c->passed) {
        // Routine passing checks are summarised per action and kind below.
        auto entry = routine.try_emplace({id, std::string(lc::to_string(c->kind))}, 0, c->date).first;
        ++entry->second.first;
        entry->second.second = std::max(entry->second.second, c->date);
        continue;
      }
      EvidenceEntry entry;
      entry.action_id = id;
      entry.source = "check";
      entry.id = c->id.str();
      entry.kind = std::string(lc::to_string(c->kind));
      entry.date = c->date;
      entry.stage = stage;
      std::string summary = detail::sentence_case(lc::to_string(c->kind));
      std::string result = c->passed ? "pass" : "fail";
      if (c->score && c->denominator && *c->denominator > 0.0) {
        summary += ": " + detail::count(*c->score) + " of " + detail::count(*c->denominator);
        result += " (" + fixed(100.0 * *c->score / *c->denominator, 0) + "%)";
      }
      // The check's note is staff free text: shown to the board only.
      if (options_.audience == Audience::board && !c->note.empty()) summary += ". " + c->note;
      entry.summary = summary;
      entry.result = result;
      report_.evidence.push_back(std::move(entry));
    }
  }
  for (const auto& [key, value] : routine) {
    const auto& [passed, latest] = value;
    if (passed == 0) continue;
    int failed = 0;
    for (const lc::Check* c : reg_.checks_for(ActionId(key.first))) {
      if (std::string(lc::to_string(c->kind)) == key.second && !c->passed && in_period(c->date)) ++failed;
    }
    EvidenceEntry entry;
    entry.action_id = key.first;
    entry.source = "checks";
    entry.kind = key.second;
    entry.date = latest;
    entry.stage = "monitoring";
    entry.summary = std::to_string(passed) + " routine " + detail::words(key.second) +
                    (passed == 1 ? "" : "s") + " passed in the period (latest shown)";
    entry.result = std::to_string(passed) + " of " + std::to_string(passed + failed) + " passed";
    report_.evidence.push_back(std::move(entry));
  }
  std::stable_sort(report_.evidence.begin(), report_.evidence.end(),
                   [](const EvidenceEntry& a, const EvidenceEntry& b) {
                     return std::tie(a.date, a.action_id, a.source, a.id) <
                            std::tie(b.date, b.action_id, b.source, b.id);
                   });
}

void Builder::effectiveness() {
  for (const auto& [id, f] : facts_) {
    if (!f.verdict || !f.evaluated_on) continue;
    if (included_plans_.count(f.plan->id.str()) == 0) continue;
    // Evaluations of the period, and any still awaiting its governance decision.
    if (!in_period(*f.evaluated_on) && f.state != ActionState::evaluated) continue;
    const lc::Action& a = *f.action;
    EffectivenessClaim c;
    c.action_id = id;
    c.plan_id = a.plan.str();
    c.title = a.title;
    c.verdict = std::string(lc::to_string(*f.verdict));
    c.implemented_on = f.implemented_on;
    c.per = options_.per;
    c.rate_ratio = c.ci_lower = c.ci_upper = c.p_value = kNaN;
    c.before.count = c.before.exposure = c.before.rate = kNaN;
    c.after = c.before;
    const lc::Measure* outcome = nullptr;
    for (const auto& m : a.measures) {
      if (m.kind == lc::MeasureKind::outcome && !m.category.empty()) {
        outcome = &m;
        break;
      }
    }
    const auto series = action_series_.find({id, "outcome"});
    if (outcome != nullptr && f.implemented_on && series != action_series_.end()) {
      const MetricSeries* chart = nullptr;
      for (const auto& s : report_.trends) {
        if (s.id == series->second) chart = &s;
      }
      c.category = outcome->category;
      c.service_id = chart != nullptr ? chart->service_id : std::string();
      c.series_id = series->second;
      c.spc_after = series_variation_[series->second];
      // Before: whole months ending before implementation; after: whole
      // months starting on or after it. The month it happened in is a
      // transition and is left out (as metrics::compare_before_after does).
      double k1 = 0;
      double e1 = 0;
      double k2 = 0;
      double e2 = 0;
      std::optional<Date> b0;
      std::optional<Date> b1;
      std::optional<Date> a0;
      std::optional<Date> a1;
      if (chart != nullptr) {
        std::vector<Date> months;
        for (const auto& p : chart->points) months.push_back(p.period_start);
        const mx::Split split = split_months(months, *f.implemented_on);
        for (std::size_t i = 0; i < chart->points.size(); ++i) {
          const SeriesPoint& p = chart->points[i];
          if (!(p.exposure > 0.0)) continue;
          const Date end = last_of_month(p.period_start);
          if (split.side[i] == mx::Side::before) {
            k1 += p.count;
            e1 += p.exposure;
            if (!b0) b0 = p.period_start;
            b1 = end;
          } else if (split.side[i] == mx::Side::after) {
            k2 += p.count;
            e2 += p.exposure;
            if (!a0) a0 = p.period_start;
            a1 = end;
          }
        }
        c.measure = chart->title + " (" + std::string(lc::to_string(outcome->direction)) + ")";
      }
      // The library's own verdict from the data, as a cross-check.
      if (!c.service_id.empty()) {
        try {
          lc::EffectivenessOptions effectiveness_options;
          effectiveness_options.per = options_.per;
          const auto assessed = lc::evaluate_effectiveness(reg_, incidents_, a.id, exposures_, data_end_,
                                                           effectiveness_options);
          c.assessed_verdict = std::string(lc::to_string(assessed.verdict));
          c.assessed_reason = assessed.reason;
        } catch (const Error&) {
          c.assessed_verdict.clear();  // no outcome measure the library can evaluate
        }
      }
      if (e1 > 0.0 && e2 > 0.0) {
        const auto cmp = mx::compare_rates(static_cast<std::int64_t>(k1), e1,
                                           static_cast<std::int64_t>(k2), e2, 0.95, options_.per);
        c.before = {*b0, *b1, k1, e1, cmp.before_rate};
        c.after = {*a0, *a1, k2, e2, cmp.after_rate};
        c.rate_ratio = cmp.rate_ratio;
        c.ci_lower = cmp.ci_lower;
        c.ci_upper = cmp.ci_upper;
        c.p_value = cmp.p_value;
        const bool fell = cmp.ci_upper < 1.0;
        const bool rose = cmp.ci_lower > 1.0;
        std::string unit = chart != nullptr ? chart->unit : std::string();
        c.statement = category_title(c.category) + (fell   ? " fell"
                                                    : rose ? " rose"
                                                           : " moved") +
                      " from " + fixed(cmp.before_rate, 2) + " to " + fixed(cmp.after_rate, 2) + " " +
                      unit + " after " + id + " was implemented on " + human_date(*f.implemented_on) +
                      " (rate ratio " + detail::ratio_text(cmp.rate_ratio, cmp.ci_lower, cmp.ci_upper) +
                      ", " + detail::p_text(cmp.p_value) + ").";
        if (!fell && !rose) c.statement += " The interval includes no change.";
        if (*f.verdict == lc::Verdict::effective && !fell) {
          c.statement += " The verdict \"effective\" is not borne out by the rate alone.";
        }
      } else {
        c.statement = "Too little exposure before or after implementation to compare rates.";
      }
    } else {
      int passed = 0;
      int total = 0;
      for (const lc::Check* check : reg_.checks_for(a.id)) {
        if (check->date > options_.as_of) continue;
        if (f.implemented_on && check->date <= *f.implemented_on) continue;
        ++total;
        passed += check->passed ? 1 : 0;
      }
      c.measure = a.measures.empty() ? std::string("checks") : a.measures.front().what;
      c.statement = "Rests on monitoring checks: " + std::to_string(passed) + " of " +
                    std::to_string(total) + " passed since implementation.";
      // A measure whose values the checks record (a proportion or a duration):
      // the library's own verdict from those values, as for rates above.
      for (std::size_t m = 0; m < a.measures.size(); ++m) {
        const auto kind = a.measures[m].value_kind();
        if (a.measures[m].id.empty() || a.measures[m].kind == lc::MeasureKind::balancing ||
            (kind != mx::SeriesKind::proportion && kind != mx::SeriesKind::duration)) {
          continue;
        }
        try {
          lc::EffectivenessOptions measured;
          measured.measure_index = m;
          const auto assessed =
              lc::evaluate_effectiveness(reg_, incidents_, a.id, exposures_, data_end_, measured);
          c.measure = a.measures[m].what;
          c.assessed_verdict = std::string(lc::to_string(assessed.verdict));
          c.assessed_reason = assessed.reason;
        } catch (const Error&) {
          c.assessed_verdict.clear();  // too few recorded values to evaluate
        }
        break;
      }
    }
    report_.effectiveness.push_back(std::move(c));
  }
}

void Builder::learning() {
  for (const auto& [id, share] : reg_.shares()) {
    if (share.date > options_.as_of) continue;
    bool in_scope = plan_ids_.count(share.plan.str()) > 0;
    for (const auto& t : share.targets) {
      if (options_.scope && t.service == *options_.scope) in_scope = true;
    }
    if (!in_scope) continue;
    LearningShareStatus s;
    s.share_id = id.str();
    s.plan_id = share.plan.str();
    s.channel = std::string(lc::to_string(share.channel));
    s.date = share.date;
    const auto& plan = reg_.plan(share.plan);
    s.from_service_id = plan.scope ? plan.scope->str() : std::string();
    bool pending = false;
    for (const auto& t : share.targets) {
      ShareTarget target;
      target.service_id = t.service.str();
      target.service_name = service_name(t.service.str());
      if (t.acknowledged_on && *t.acknowledged_on <= options_.as_of) target.acknowledged_on = t.acknowledged_on;
      if (t.adopted && (!t.decided_on || *t.decided_on <= options_.as_of)) target.adopted = t.adopted;
      target.status = target.adopted ? (*target.adopted ? "adopted" : "not_adopted")
                      : target.acknowledged_on ? "undecided"
                                               : "not_acknowledged";
      pending = pending || !target.adopted;
      s.targets.push_back(std::move(target));
    }
    if (!pending && !in_period(share.date)) continue;
    report_.learning.push_back(std::move(s));
  }
}

void Builder::strength() {
  StrengthProfile& p = report_.strength;
  std::map<std::pair<int, std::string>, InterventionCount> counts;
  for (const auto& [id, f] : facts_) {
    if (included_plans_.count(f.plan->id.str()) == 0 || f.state == ActionState::cancelled) continue;
    const auto strength = f.action->strength();
    switch (strength) {
      case lc::ActionStrength::stronger: ++p.stronger; break;
      case lc::ActionStrength::intermediate: ++p.intermediate; break;
      case lc::ActionStrength::weaker: ++p.weaker; break;
    }
    auto& c = counts[{static_cast<int>(f.action->intervention), ""}];
    c.intervention = std::string(lc::to_string(f.action->intervention));
    c.strength = std::string(lc::to_string(strength));
    ++c.actions;
  }
  for (auto& [key, c] : counts) p.by_intervention.push_back(c);
  for (const auto& plan : report_.plans) {
    if (plan.weaker_only && detail::open_actions(plan) > 0) p.weaker_only_plans.push_back(plan.plan_id);
  }
}

void Builder::findings() {
  auto& out = report_.needs_attention;
  const auto action_in = [this](const ActionId& id) {
    const ActionFacts* f = facts(id.str());
    return f != nullptr && included_plans_.count(f->plan->id.str()) > 0 ? f : nullptr;
  };
  const bool board = options_.audience == Audience::board;
  for (const auto& o : signals_.overdue) {
    const ActionFacts* f = action_in(o.action);
    if (f == nullptr) continue;
    Finding x;
    x.kind = FindingKind::overdue;
    x.severity = o.days_overdue > 28 ? Severity::high : Severity::medium;
    x.title = o.action.str() + " \"" + f->action->title + "\" is " + std::to_string(o.days_overdue) +
              (o.days_overdue == 1 ? " day" : " days") + " overdue";
    x.detail = "Due " + human_date(o.due) + "; " + detail::words(to_string(o.state)) + ".";
    if (board && !o.owner.empty()) x.detail += " Owner: " + o.owner + ".";
    x.service_id = f->service_id;
    x.since = o.due;
    x.links = {{LinkKind::action, o.action.str()}, {LinkKind::plan, o.plan.str()}};
    out.push_back(std::move(x));
  }
  for (const auto& o : signals_.stale) {
    const ActionFacts* f = action_in(o.action);
    if (f == nullptr) continue;
    Finding x;
    x.kind = FindingKind::stale;
    x.severity = Severity::medium;
    x.title = o.action.str() + " has had no activity for " + std::to_string(o.days_inactive) + " days";
    x.detail = "Last activity " + human_date(o.last_activity) + "; " + detail::words(to_string(o.state)) +
               "; stale after " + std::to_string(options_.signals.stale_days) + " days.";
    x.service_id = f->service_id;
    x.since = o.last_activity;
    x.links = {{LinkKind::action, o.action.str()}, {LinkKind::plan, o.plan.str()}};
    out.push_back(std::move(x));
  }
  for (const auto& o : signals_.unreviewed) {
    if (included_plans_.count(o.plan.str()) == 0) continue;
    const auto& plan = reg_.plan(o.plan);
    Finding x;
    x.kind = FindingKind::unreviewed_plan;
    x.severity = o.days_overdue > 30 ? Severity::high : Severity::medium;
    x.title = o.plan.str() + " has not been reviewed at governance within its " +
              std::to_string(plan.review_interval_days) + "-day interval";
    x.detail = (o.last_review ? "Last reviewed " + human_date(*o.last_review) : std::string("Never reviewed")) +
               "; review was due " + human_date(o.review_due) + ".";
    x.service_id = plan.scope ? plan.scope->str() : std::string();
    x.since = o.review_due;
    x.links = {{LinkKind::plan, o.plan.str()}};
    out.push_back(std::move(x));
  }
  {
    // One finding per action, not per missed date.
    std::map<std::string, std::vector<const lc::MissedMonitoring*>> missed;
    for (const auto& o : signals_.missed_monitoring) {
      if (action_in(o.action) != nullptr) missed[o.action.str()].push_back(&o);
    }
    for (const auto& [id, list] : missed) {
      const ActionFacts* f = facts(id);
      Finding x;
      x.kind = FindingKind::missed_monitoring;
      x.severity = list.size() >= 3 ? Severity::high : Severity::medium;
      x.title = id + ": " + std::to_string(list.size()) + " scheduled " +
                detail::words(lc::to_string(list.back()->kind)) + (list.size() == 1 ? "" : "s") + " not done";
      x.detail = "Most recent missed: " + human_date(list.back()->scheduled) + " (tolerance " +
                 std::to_string(list.back()->tolerance_days) + " days).";
      x.service_id = f->service_id;
      x.since = list.front()->scheduled;
      x.links = {{LinkKind::action, id}, {LinkKind::plan, f->plan->id.str()}};
      out.push_back(std::move(x));
    }
  }
  {
    // One finding per plan, category and service: every action of a plan
    // that was implemented sees the same incidents.
    struct Group {
      std::set<std::string> incidents;
      std::set<std::string> actions;
      Date first_implemented{boost::gregorian::pos_infin};
      Date latest{boost::gregorian::neg_infin};
      bool same = false;
      std::optional<lc::ContributingFactor> factor;
    };
    std::map<std::tuple<std::string, std::string, std::string>, Group> groups;
    for (const auto& o : signals_.recurrence) {
      if (action_in(o.action) == nullptr) continue;
      Group& g = groups[{o.plan.str(), o.category, o.service.str()}];
      g.incidents.insert(o.incident.str());
      g.actions.insert(o.action.str());
      g.first_implemented = std::min(g.first_implemented, o.implemented_on);
      g.latest = std::max(g.latest, o.occurred_on);
      g.same = g.same || o.reason == lc::RecurrenceReason::same_category_and_service;
      if (o.factor) g.factor = o.factor;
    }
    for (const auto& [key, g] : groups) {
      const auto& [plan, category, service] = key;
      Finding x;
      x.kind = FindingKind::recurrence;
      const std::size_t n = g.incidents.size();
      x.title = std::to_string(n) + " " + detail::words(category) + (n == 1 ? " incident" : " incidents") +
                " at " + service_name(service) + " since " + plan + " actions were implemented";
      x.detail = "First implemented " + human_date(g.first_implemented) + "; latest incident " +
                 human_date(g.latest) + "; " +
                 (g.same ? std::string("same category and service")
                         : "same contributing factor (" + detail::words(g.factor ? lc::to_string(*g.factor) : "") + ")") +
                 ".";
      // Whether the rate has come down since: whole months before and after.
      x.severity = Severity::high;
      if (auto measure = measure_for(service, measure_preference(category))) {
        double k1 = 0, e1 = 0, k2 = 0, e2 = 0;
        const mx::Split split = split_months(months_, g.first_implemented);
        for (std::size_t i = 0; i < months_.size(); ++i) {
          const Date& month = months_[i];
          if (split.side[i] == mx::Side::before) {
            k1 += count_of(service, category, month);
            e1 += exposure_of(service, *measure, month);
          } else if (split.side[i] == mx::Side::after) {
            k2 += count_of(service, category, month);
            e2 += exposure_of(service, *measure, month);
          }
        }
        if (e1 > 0.0 && e2 > 0.0) {
          const double before = k1 / e1 * options_.per;
          const double after = k2 / e2 * options_.per;
          x.detail += " Rate " + fixed(before, 2) + " before, " + fixed(after, 2) + " since (per " +
                      per_words(options_.per) + measure_words(*measure) + ").";
          if (after < before) x.severity = Severity::medium;
        }
      }
      x.service_id = service;
      x.since = g.first_implemented;
      for (const auto& action : g.actions) x.links.push_back({LinkKind::action, action});
      x.links.push_back({LinkKind::plan, plan});
      for (const auto& action : g.actions) {
        const auto series = action_series_.find({action, "outcome"});
        if (series != action_series_.end()) {
          const Link chart{LinkKind::chart, series->second};
          if (std::find(x.links.begin(), x.links.end(), chart) == x.links.end()) x.links.push_back(chart);
        }
      }
      out.push_back(std::move(x));
    }
  }
  for (const auto& series : report_.trends) {
    if (series.variation.rfind("concern", 0) != 0 || series.points.empty()) continue;
    const SeriesPoint& last = series.points.back();
    Finding x;
    x.kind = FindingKind::special_cause_concern;
    x.severity = Severity::high;
    x.title = series.title + ": special-cause concern in " + detail::month_year(last.period_start);
    x.detail = fixed(last.value, 2) + " " + series.unit + " against a centre of " + fixed(last.centre, 2) +
               " (upper limit " + fixed(last.ucl, 2) + ").";
    x.service_id = series.service_id;
    x.since = last.period_start;
    x.links = {{LinkKind::chart, series.id}};
    for (const auto& l : series.links) x.links.push_back(l);
    out.push_back(std::move(x));
  }
  for (const auto& funnel : report_.funnels) {
    for (const auto& p : funnel.points) {
      if (p.position != "above_998") continue;
      Finding x;
      x.kind = FindingKind::special_cause_concern;
      x.severity = Severity::high;
      x.title = category_title(funnel.category) + " at " + p.service_name + " above the 99.8% funnel limit";
      x.detail = fixed(p.rate, 2) + " " + funnel.unit + " against the organisation's " +
                 fixed(funnel.organisation_rate, 2) + " (limit " + fixed(p.upper998, 2) + ").";
      x.service_id = p.service_id;
      x.links = {{LinkKind::funnel, funnel.id}};
      out.push_back(std::move(x));
    }
  }
  for (const auto& o : signals_.not_spread) {
    bool in_scope = plan_ids_.count(o.plan.str()) > 0 || (options_.scope && o.service == *options_.scope);
    if (!in_scope) continue;
    Finding x;
    x.kind = FindingKind::learning_not_spread;
    x.severity = Severity::medium;
    const bool ack = o.gap == lc::SpreadGap::not_acknowledged;
    x.title = service_name(o.service.str()) + (ack ? " has not acknowledged " : " has not decided on adopting ") +
              "share " + o.share.str();
    x.detail = std::string(ack ? "Acknowledgement" : "A decision") + " was due " + human_date(o.due) + ".";
    x.service_id = o.service.str();
    x.since = o.due;
    x.links = {{LinkKind::share, o.share.str()}, {LinkKind::plan, o.plan.str()}};
    out.push_back(std::move(x));
  }
  for (const auto& o : signals_.faded) {
    const ActionFacts* f = action_in(o.action);
    if (f == nullptr) continue;
    Finding x;
    x.kind = FindingKind::faded_after_closure;
    x.severity = Severity::high;
    const bool failed = o.reason == lc::FadeReason::check_failed;
    x.title = o.action.str() + (failed ? " failed its sustainment check" : " missed its sustainment check");
    x.detail = "Closed " + human_date(o.closed_on) + "; sustainment check due " + human_date(o.check_due) + ".";
    x.service_id = f->service_id;
    x.since = o.check_due;
    x.links = {{LinkKind::action, o.action.str()}, {LinkKind::plan, f->plan->id.str()}};
    out.push_back(std::move(x));
  }
  for (const auto& o : signals_.escalations) {
    const ActionFacts* f = action_in(o.action);
    if (f == nullptr || o.kind != lc::EscalationKind::escalate) continue;
    Finding x;
    x.kind = FindingKind::escalation_due;
    x.severity = Severity::medium;
    x.title = o.action.str() + " escalates to the " + detail::words(o.recipient) + " today";
    x.detail = std::to_string(o.days_from_due) + " days past its due date (" + human_date(o.due) + ").";
    x.service_id = f->service_id;
    x.since = o.due;
    x.links = {{LinkKind::action, o.action.str()}, {LinkKind::plan, o.plan.str()}};
    out.push_back(std::move(x));
  }
  for (const auto& c : report_.effectiveness) {
    if (c.verdict != "not_effective") continue;
    const ActionFacts* f = facts(c.action_id);
    if (f == nullptr || f->state != ActionState::evaluated) continue;
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
  for (const auto& plan_id : report_.strength.weaker_only_plans) {
    Finding x;
    x.kind = FindingKind::weaker_actions_only;
    x.severity = Severity::low;
    x.title = plan_id + " relies on weaker actions only (training, policy, reminders)";
    x.detail = "Add at least one stronger or intermediate action: a physical change, a forcing "
               "function, a checklist or a staffing change.";
    for (const auto& p : report_.plans) {
      if (p.plan_id == plan_id) x.service_id = p.service_id;
    }
    x.links = {{LinkKind::plan, plan_id}};
    out.push_back(std::move(x));
  }
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.severity, a.kind) < std::tie(b.severity, b.kind);
  });
}

void Builder::overview() {
  Overview& o = report_.overview;
  o.services = static_cast<int>(scope_services_.size());
  const std::set<std::string> scope(scope_services_.begin(), scope_services_.end());
  const DayNumber first = to_day_number(options_.period_start);
  const DayNumber last = to_day_number(data_end_);
  for (std::size_t i = 0; i < incidents_.size(); ++i) {
    const DayNumber day = incidents_.day()[i];
    if (day < first || day > last) continue;
    if (scope.count(incidents_.services()[incidents_.service()[i]]) == 0) continue;
    ++o.incidents;
  }
  for (const auto& [id, incident] : reg_.incidents()) {
    const Date on = day_of(incident.occurred_at);
    if (incident.notifiable && in_period(on) && scope.count(incident.service.str()) > 0) {
      ++o.notifiable_incidents;
    }
  }
  for (const auto& plan : report_.plans) o.plans_open += detail::open_actions(plan) > 0 ? 1 : 0;
  for (const auto& a : report_.actions) {
    o.actions_open += is_open(a.state) ? 1 : 0;
    o.actions_overdue +=
        std::find(a.signals.begin(), a.signals.end(), "overdue") != a.signals.end() ? 1 : 0;
    o.actions_implemented += a.implemented_on && in_period(*a.implemented_on) ? 1 : 0;
    o.actions_verified += a.verified_on && in_period(*a.verified_on) ? 1 : 0;
  }
  for (const auto& c : report_.effectiveness) {
    o.evaluated_effective += c.verdict == "effective" ? 1 : 0;
    o.evaluated_not_effective += c.verdict == "not_effective" ? 1 : 0;
    o.evaluated_inconclusive += c.verdict == "inconclusive" ? 1 : 0;
  }
  for (const auto& s : report_.learning) {
    if (!in_period(s.date)) continue;
    ++o.shares;
    for (const auto& t : s.targets) {
      ++o.share_targets;
      o.share_targets_adopted += t.adopted && *t.adopted ? 1 : 0;
    }
  }
}

void Builder::audience() {
  if (options_.audience == Audience::inspector) {
    report_.cqc_mapping = standard_cqc_mapping();
    for (auto& e : report_.evidence) e.cqc_category = evidence_category_of(e.kind);
  }
  if (options_.audience == Audience::board) return;
  std::vector<std::string> needles = person_references(reg_);
  for (const auto& [id, incident] : reg_.incidents()) {
    if (!incident.description.empty()) needles.push_back(incident.description);
  }
  redact_person_references(report_, std::move(needles));
}

GovernanceReport Builder::build() {
  validate();
  collect_services();
  collect_plans_and_actions();
  count_incidents();
  signals_ = lc::signals(reg_, options_.as_of, options_.signals);
  header();
  trends();
  funnels();
  plans();
  actions();
  evidence();
  effectiveness();
  learning();
  strength();
  findings();
  overview();
  audience();
  return std::move(report_);
}

}  // namespace

std::vector<std::string> person_references(const lifecycle::Register& reg) {
  std::set<std::string> refs;
  const auto add = [&refs](const std::string& text) {
    if (!text.empty()) refs.insert(text);
  };
  for (const auto& [id, i] : reg.incidents()) add(i.person_ref);
  for (const auto& [id, i] : reg.investigations()) add(i.lead);
  for (const auto& [id, p] : reg.plans()) add(p.approver);
  for (const auto& [id, a] : reg.actions()) {
    add(a.owner);
    for (const auto& m : a.measures) add(m.measured_by);
    for (const auto& m : a.monitoring) add(m.by);
    for (const auto& e : a.events()) add(e.actor);
  }
  for (const auto& [id, c] : reg.checks()) add(c.by);
  return {refs.begin(), refs.end()};
}

GovernanceReport build_report(const lifecycle::Register& reg, const metrics::IncidentTable& incidents,
                              const metrics::ExposureTable& exposures, const metrics::ServiceTable& services,
                              const ReportOptions& options) {
  return Builder(reg, incidents, exposures, services, options).build();
}

GovernanceReport build_report(const lifecycle::Register& reg, const metrics::ExposureTable& exposures,
                              const ReportOptions& options) {
  const auto incidents = lc::incident_table(reg);
  const auto services = lc::service_table(reg);
  return build_report(reg, incidents, exposures, services, options);
}

}  // namespace closeloop::report
