#include "build_context.hpp"

#include <algorithm>

#include "closeloop/core/error.hpp"
#include "closeloop/metrics/grid.hpp"
#include "text.hpp"

namespace closeloop::report::detail {

namespace {

Date first_of_month(Date date) { return Date(date.year(), date.month(), 1); }

}  // namespace

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
  return sentence_case(category) + " incidents";
}

std::string measure_words(mx::Measure measure) {
  switch (measure) {
    case mx::Measure::occupied_bed_days:
      return "occupied bed days";
    case mx::Measure::doses_administered:
      return "doses";
    case mx::Measure::care_hours:
      return "care hours";
    case mx::Measure::visits:
      return "visits";
  }
  return "exposure";
}

std::string per_words(double per) { return per == 1.0 ? std::string() : whole(per) + " "; }

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

std::string window_text(const RateWindow& window, const std::string& measure) {
  if (window.periods == 0) return "no months with exposure";
  std::string out = month_year(window.start);
  if (first_of_month(window.end) != window.start) out += "\u2013" + month_year(window.end);
  out += ", " + std::to_string(window.periods) + (window.periods == 1 ? " month, " : " months, ");
  out += count(window.count) + " in " + count(window.exposure) + " " + measure;
  return out;
}

BuildContext::BuildContext(const lc::Register& reg_, const mx::IncidentTable& incidents_,
                           const mx::ExposureTable& exposures_, const mx::ServiceTable& services_,
                           const ReportOptions& options_)
    : reg(reg_),
      incidents(incidents_),
      exposures(exposures_),
      service_table(services_),
      options(options_) {
  validate();
  collect_services();
  collect_plans_and_actions();
  collect_window();
  signals = lc::signals(reg, options.as_of, options.signals);
}

void BuildContext::validate() const {
  if (options.period_start.is_special() || options.period_end.is_special()) {
    throw InputError("report options: period_start and period_end are required");
  }
  if (options.period_end < options.period_start) {
    throw InputError("report options: period ends (" + to_iso(options.period_end) +
                     ") before it starts (" + to_iso(options.period_start) + ")");
  }
  if (options.as_of.is_special()) throw InputError("report options: as_of is required");
  if (options.as_of < options.period_start) {
    throw InputError("report options: as_of (" + to_iso(options.as_of) +
                     ") is before the period starts (" + to_iso(options.period_start) + ")");
  }
  if (options.chart_months < 2 || options.chart_months > 240) {
    throw InputError("report options: chart_months must be between 2 and 240");
  }
  if (options.min_phase_points < 2)
    throw InputError("report options: min_phase_points must be at least 2");
  if (options.meeting_horizon_days < 0) {
    throw InputError("report options: meeting_horizon_days must not be negative");
  }
  if (!(options.per > 0.0)) throw InputError("report options: per must be positive");
  const int scopes = (options.scope ? 1 : 0) + (options.services.empty() ? 0 : 1) +
                     (options.region.empty() ? 0 : 1);
  if (scopes > 1)
    throw InputError("report options: give one of scope, services and region, not several");
  const auto known = [this](const ServiceId& id) {
    return reg.services().count(id) > 0 || service_table.ids().find(id.str());
  };
  if (options.scope && !known(*options.scope)) {
    throw InputError("report options: scope service \"" + options.scope->str() + "\" is not known");
  }
  for (const auto& id : options.services) {
    if (!known(id)) throw InputError("report options: service \"" + id.str() + "\" is not known");
  }
}

void BuildContext::collect_services() {
  for (std::size_t i = 0; i < service_table.size(); ++i) {
    names[service_table.ids()[static_cast<std::int32_t>(i)]] = service_table.names()[i];
  }
  for (const auto& [id, service] : reg.services()) {
    if (names.count(id.str()) == 0) names[id.str()] = service.name;
  }
  std::set<std::string> chosen;
  if (options.scope) {
    chosen.insert(options.scope->str());
  } else if (!options.services.empty()) {
    for (const auto& id : options.services) chosen.insert(id.str());
  } else if (!options.region.empty()) {
    for (const auto& [id, service] : reg.services()) {
      if (service.region == options.region) chosen.insert(id.str());
    }
    for (std::size_t i = 0; i < service_table.size(); ++i) {
      if (service_table.regions()[i] == options.region) {
        chosen.insert(std::string(service_table.ids()[static_cast<std::int32_t>(i)]));
      }
    }
    if (chosen.empty())
      throw InputError("report options: no service is in region \"" + options.region + "\"");
  } else {
    for (const auto& [id, name] : names) chosen.insert(id);
  }
  whole_organisation = !options.scope && options.services.empty() && options.region.empty();
  scope_services.assign(chosen.begin(), chosen.end());
}

void BuildContext::collect_plans_and_actions() {
  // Each plan's actions, indexed once (in action id order, as actions_of gives them).
  std::map<PlanId, std::vector<const lc::Action*>> actions_of_plan;
  for (const auto& [action_id, action] : reg.actions())
    actions_of_plan[action.plan].push_back(&action);
  for (const auto& [id, plan] : reg.plans()) {
    if (plan.created_on > options.as_of) continue;
    const std::string service = plan.scope ? plan.scope->str() : std::string();
    bool in = whole_organisation;
    if (plan.scope) {
      in = in_scope(service);
    } else if (!whole_organisation) {
      // An organisation-wide plan belongs to a narrower report when it arose
      // from an incident at one of its services.
      for (const auto& incident : reg.investigation(plan.investigation).incidents) {
        if (in_scope(reg.incident(incident).service.str())) in = true;
      }
    }
    if (!in) continue;
    plan_ids.insert(id.str());
    for (const lc::Action* a : actions_of_plan[id]) {
      if (a->proposed_on > options.as_of) continue;
      ActionFacts f;
      f.action = a;
      f.plan = &plan;
      f.state = lc::state_as_of(*a, options.as_of);
      f.service_id = service;
      for (const auto& event : a->events()) {
        const Date on = event.at.date();
        if (on > options.as_of) break;
        switch (event.transition) {
          case lc::Transition::implement:
            f.implemented_on = on;
            break;
          case lc::Transition::verify:
            f.verified_on = on;
            break;
          case lc::Transition::evaluate:
            f.evaluated_on = on;
            f.verdict = event.verdict;
            break;
          case lc::Transition::close:
            f.closed_on = on;
            f.decision = event.decision;
            break;
          case lc::Transition::reopen:
            // A reopened action starts its implementation again: the earlier
            // verdict stays in its history, not in its current state.
            f.verdict.reset();
            f.decision.reset();
            break;
          default:
            break;
        }
      }
      facts.emplace(a->id.str(), f);
    }
  }
}

void BuildContext::collect_window() {
  data_end = std::min(options.period_end, options.as_of);
  // SPC points are whole months: the last one is the last complete month.
  Date end_month = first_of_month(data_end);
  if (data_end != data_end.end_of_month()) end_month = end_month - boost::gregorian::months(1);
  chart_end = end_month;
  for (Date month = chart_end - boost::gregorian::months(options.chart_months - 1);
       month <= chart_end; month = month + boost::gregorian::months(1)) {
    months.push_back(month);
  }
  const std::set<std::string> scope(scope_services.begin(), scope_services.end());
  if (incidents.size() > 0) {
    mx::GridOptions grid_options;
    grid_options.by = {mx::GroupKey::service_id, mx::GroupKey::category};
    grid_options.period = mx::PeriodKind::month;
    grid_options.first = to_day_number(months.front());
    grid_options.last = to_day_number(chart_end.end_of_month());
    const mx::Grid grid = mx::count_grid(incidents, grid_options);
    for (std::size_t g = 0; g < grid.groups(); ++g) {
      if (scope.count(grid.keys[0][g]) == 0) continue;
      for (std::size_t p = 0; p < grid.periods(); ++p) {
        window_counts[grid.keys[1][g]] += grid.counts[g * grid.periods() + p];
      }
    }
    std::erase_if(window_counts, [](const auto& entry) { return entry.second == 0; });
  }
  for (std::size_t i = 0; i < exposures.size(); ++i) {
    if (!(exposures.value()[i] > 0.0)) continue;
    const std::string& service = exposures.services()[exposures.service()[i]];
    if (scope.count(service) > 0)
      has_measure_.insert({service, static_cast<mx::Measure>(exposures.measure()[i])});
  }
}

std::string BuildContext::service_name(const std::string& id) const {
  auto found = names.find(id);
  return found == names.end() ? id : found->second;
}

bool BuildContext::in_period(Date date) const {
  return !date.is_special() && date >= options.period_start && date <= data_end;
}

bool BuildContext::in_scope(const std::string& service) const {
  return std::binary_search(scope_services.begin(), scope_services.end(), service);
}

const ActionFacts* BuildContext::action(const std::string& id) const {
  auto found = facts.find(id);
  return found == facts.end() ? nullptr : &found->second;
}

const ActionFacts* BuildContext::shown_action(const ActionId& id) const {
  const ActionFacts* f = action(id.str());
  return f != nullptr && included_plans.count(f->plan->id.str()) > 0 ? f : nullptr;
}

std::optional<mx::Measure> BuildContext::measure_for(
    const std::string& service, const std::vector<mx::Measure>& preference) const {
  for (auto measure : preference) {
    if (has_measure_.count({service, measure}) > 0) return measure;
  }
  return std::nullopt;
}

const mx::MeasureSeries& BuildContext::series(const SeriesKey& key) {
  auto found = series_.find(key);
  if (found != series_.end()) return found->second;
  mx::RateSpec spec;
  spec.category = key.category;
  spec.scope.services = key.services;
  spec.measures = {key.measure};
  spec.per = options.per;
  mx::SeriesOptions series_options;
  series_options.first = to_day_number(months.front());
  series_options.last = to_day_number(chart_end.end_of_month());
  mx::MeasureSeries s;
  try {
    s = mx::rate_series(incidents, exposures, spec, series_options);
  } catch (const InputError&) {
    // A category no incident has: a series of zero counts over the exposure.
    spec.category.clear();
    s = mx::rate_series(incidents, exposures, spec, series_options);
    std::fill(s.numerator.begin(), s.numerator.end(), 0.0);
    for (std::size_t i = 0; i < s.size(); ++i)
      s.value[i] = s.denominator[i] > 0.0 ? 0.0 : s.value[i];
  }
  // Leading months without exposure are before the service opened (or its
  // data starts): they are left off.
  std::size_t first = 0;
  while (first < s.size() && !(s.denominator[first] > 0.0)) ++first;
  std::vector<std::size_t> keep;
  for (std::size_t i = first; i < s.size(); ++i) keep.push_back(i);
  if (first > 0) s = mx::select_periods(s, keep);
  return series_.emplace(key, std::move(s)).first->second;
}

std::pair<RateWindow, RateWindow> BuildContext::before_after(const mx::MeasureSeries& s,
                                                             Date change) const {
  const mx::Split split = mx::split_series(s, to_day_number(change), to_day_number(data_end));
  const auto window = [&s, this](const std::vector<std::size_t>& indices) {
    RateWindow w;
    for (std::size_t i : indices) {
      if (!(s.denominator[i] > 0.0)) continue;
      const Date start = from_day_number(s.period_start[i]);
      if (w.periods == 0) w.start = start;
      w.end = start.end_of_month();
      w.count += s.numerator[i];
      w.exposure += s.denominator[i];
      ++w.periods;
    }
    w.rate = w.periods > 0 ? w.count / w.exposure * options.per
                           : std::numeric_limits<double>::quiet_NaN();
    return w;
  };
  return {window(split.before), window(split.after)};
}

}  // namespace closeloop::report::detail
