#pragma once
// The shared context of one report build (not public): the options, the
// inputs, what is in scope, each action's history up to the report date, the
// signals as of that date, and the one way the report turns incidents into
// figures (a metrics::MeasureSeries per category, services and measure, and
// its before/after split). Each section builder (sections.hpp) reads it and
// fills its part of the report.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "closeloop/lifecycle/register.hpp"
#include "closeloop/lifecycle/signals.hpp"
#include "closeloop/metrics/measure_series.hpp"
#include "closeloop/metrics/tables.hpp"
#include "closeloop/report/build.hpp"
#include "closeloop/report/model.hpp"

namespace closeloop::report::detail {

namespace lc = closeloop::lifecycle;
namespace mx = closeloop::metrics;

/// One action in scope as of the report date.
struct ActionFacts {
  const lc::Action* action = nullptr;
  const lc::ActionPlan* plan = nullptr;
  ActionState state = ActionState::proposed;
  std::optional<Date> implemented_on;  ///< the latest implementation by as_of
  std::optional<Date> verified_on;
  std::optional<Date> evaluated_on;    ///< the latest evaluation by as_of
  std::optional<Date> closed_on;
  /// The current verdict and decision (a reopening clears them); every
  /// earlier one stays in the action's events and the report's history.
  std::optional<lc::Verdict> verdict;
  std::optional<lc::Decision> decision;
  std::string service_id;  ///< the plan's scope, or empty for an organisation-wide plan
};

/// What a rate series counts: a category at a set of services per unit of one measure.
struct SeriesKey {
  std::string category;
  std::vector<std::string> services;  ///< sorted
  mx::Measure measure = mx::Measure::occupied_bed_days;
  auto operator<=>(const SeriesKey&) const = default;
};

/// One report build's inputs and everything derived once from them.
class BuildContext {
 public:
  /// Validates the options (InputError) and derives scope, facts and signals.
  BuildContext(const lc::Register& reg, const mx::IncidentTable& incidents,
               const mx::ExposureTable& exposures, const mx::ServiceTable& services,
               const ReportOptions& options);

  const lc::Register& reg;
  const mx::IncidentTable& incidents;
  const mx::ExposureTable& exposures;
  const mx::ServiceTable& service_table;
  const ReportOptions& options;

  Date data_end;                        ///< last day of data used: min(period_end, as_of)
  Date chart_end;                       ///< first day of the last complete month
  std::vector<Date> months;             ///< chart months (first days), ascending
  std::map<std::string, std::string> names;   ///< service id -> name
  std::vector<std::string> scope_services;    ///< sorted service ids in scope
  bool whole_organisation = true;       ///< no scope option was given
  std::set<std::string> plan_ids;       ///< plans in scope (created by as_of)
  std::map<std::string, ActionFacts> facts;   ///< actions in scope, by id
  std::set<std::string> included_plans; ///< plans the report shows (set by the plans section)
  std::map<std::string, std::int64_t> window_counts;  ///< category -> incidents in the chart window
  /// The chart of an action's outcome measure (set by the trends section).
  struct ActionChart {
    std::string id;  ///< the MetricSeries id
    SeriesKey key;   ///< what it counts
  };
  /// action id -> the chart of its outcome measure.
  std::map<std::string, ActionChart> action_series;
  lc::Signals signals;                  ///< every signal as of options.as_of

  /// Inside the provider (board, governance): person fields and free text may appear.
  [[nodiscard]] bool internal() const noexcept { return !is_outside(options.audience); }
  [[nodiscard]] std::string service_name(const std::string& id) const;
  /// Whether `date` is within the period (and not after as_of).
  [[nodiscard]] bool in_period(Date date) const;
  [[nodiscard]] bool in_scope(const std::string& service) const;
  [[nodiscard]] const ActionFacts* action(const std::string& id) const;
  /// An action in scope whose plan the report shows, or nullptr.
  [[nodiscard]] const ActionFacts* shown_action(const ActionId& id) const;
  /// The first measure of `preference` the service has exposure for.
  [[nodiscard]] std::optional<mx::Measure> measure_for(const std::string& service,
                                                       const std::vector<mx::Measure>& preference) const;

  /// The rate series of `key` over the chart months (cached). Leading months
  /// before any exposure are left off (before the service opened).
  const mx::MeasureSeries& series(const SeriesKey& key);
  /// The before and after windows of `series` around `change` (the one split,
  /// metrics::split_series, through data_end): whole months, the transition
  /// month left out. Windows without exposure have periods == 0.
  [[nodiscard]] std::pair<RateWindow, RateWindow> before_after(const mx::MeasureSeries& series,
                                                             Date change) const;

 private:
  void validate() const;
  void collect_services();
  void collect_plans_and_actions();
  void collect_window();

  std::set<std::pair<std::string, mx::Measure>> has_measure_;
  std::map<SeriesKey, mx::MeasureSeries> series_;
};

/// "Falls", "Medication errors"... for a category word.
std::string category_title(const std::string& category);
/// "occupied bed days", "doses"...
std::string measure_words(mx::Measure measure);
/// "1,000 " for 1000; "" for 1.
std::string per_words(double per);
/// The exposure measures a category is counted against, in order of preference.
std::vector<mx::Measure> measure_preference(const std::string& category);
/// Items joined with `separator`.
std::string join(const std::vector<std::string>& items, const char* separator);
/// "Apr 2024–Mar 2025, 12 months, 103 in 12,040 occupied bed days".
std::string window_text(const RateWindow& window, const std::string& measure);

}  // namespace closeloop::report::detail
