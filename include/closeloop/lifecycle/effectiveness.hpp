#pragma once
/// \file
/// Effectiveness of an action: its outcome measure (a rate of one incident
/// category at one service per unit of exposure) evaluated around the date the
/// action was implemented — the before/after rate ratio with its exact
/// confidence interval, and a u-chart with limits from the months before
/// (frozen) and rebased at the implementation — gives `effective`,
/// `not_effective` or `inconclusive` with the figures behind it. Built on the
/// metrics area (compare_rates, u_chart). The rule is in docs/lifecycle.md.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "closeloop/core/date.hpp"
#include "closeloop/core/ids.hpp"
#include "closeloop/lifecycle/enums.hpp"
#include "closeloop/metrics/comparison.hpp"
#include "closeloop/metrics/measure_series.hpp"
#include "closeloop/metrics/tables.hpp"
#include "closeloop/metrics/spc.hpp"

namespace closeloop::lifecycle {

class Register;

/// Thresholds of the effectiveness rule.
struct EffectivenessOptions {
  /// Months of data needed before the implementation month.
  std::int32_t min_before_months = 6;
  /// Months of data needed after the implementation month.
  std::int32_t min_after_months = 3;
  /// Events (before plus after) needed for a verdict either way.
  std::int64_t min_events = 10;
  /// Confidence level of the rate-ratio interval.
  double confidence = 0.95;
  /// Rates per this much exposure (1000: per 1,000 occupied bed days).
  double per = 1000.0;
  /// Which of the action's outcome measures (0 = the first outcome measure).
  std::size_t outcome_index = 0;
  /// Evaluate this measure of the action instead (an index into
  /// Action::measures; any role: outcome, process or balancing).
  std::optional<std::size_t> measure_index;
  /// The period of proportion and duration series (count and rate series
  /// are monthly): month, week or quarter. min_before_months and
  /// min_after_months count these periods.
  metrics::PeriodKind period = metrics::PeriodKind::month;
  bool operator==(const EffectivenessOptions&) const = default;
};

/// One month of the outcome series.
struct MonthPoint {
  /// First day of the month.
  Date month;
  std::int64_t count = 0;
  double exposure = 0.0;
  /// count / exposure x per.
  double rate = 0.0;
  bool operator==(const MonthPoint&) const = default;
};

/// Whether one balancing measure of the action moved the wrong way.
struct BalancingResult {
  /// The measure's index in Action::measures.
  std::size_t measure_index = 0;
  /// What it measures (Measure::what).
  std::string what;
  /// Inconclusive (too little data), not_effective (moved the wrong way) or
  /// effective (held).
  Verdict verdict = Verdict::inconclusive;
  /// True when the interval lies wholly on the wrong side or the chart
  /// shows special-cause concern after implementation.
  bool moved_wrong_way = false;
  /// Why, in one sentence.
  std::string reason;
  bool operator==(const BalancingResult&) const = default;
};

/// The verdict on an action's measure and the figures behind it.
struct Effectiveness {
  ActionId action;
  /// The evaluated measure's index in Action::measures, its id, role and kind of value.
  std::size_t measure_index = 0;
  std::string measure_id;
  MeasureKind role = MeasureKind::outcome;
  metrics::SeriesKind value_kind = metrics::SeriesKind::rate;
  /// The measure series of the before and after periods used (from
  /// metrics::split_series; the transition and incomplete periods left out).
  metrics::MeasureSeries measured;
  ServiceId service;
  std::string category;
  std::string denominator;
  Direction direction = Direction::decrease;
  /// The day the action was (last) implemented.
  Date implemented_on;
  /// Months before the implementation month, then months after it (the
  /// implementation month itself is a transition and is left out); months
  /// without exposure data are left out too.
  std::vector<MonthPoint> series;
  /// Index in `series` of the first month after implementation.
  std::size_t first_after = 0;
  /// The before/after rate comparison (after / before): rates, and counts
  /// per period (exposure = number of periods, per = 1).
  metrics::RateComparison comparison;
  /// Proportions: the difference after - before with Newcombe's interval.
  metrics::ProportionComparison proportion;
  /// Durations: the Hodges–Lehmann shift with the Mann–Whitney test.
  metrics::DurationComparison duration;
  /// The action's balancing measures evaluated alongside an outcome or
  /// process measure (those that can be).
  std::vector<BalancingResult> balancing;
  /// u-chart with centre and limits from the before months, extended over
  /// the after months (how a change is detected).
  metrics::Chart baseline_chart;
  /// u-chart rebased at the first after month (how the new level is shown).
  metrics::Chart rebased_chart;
  /// Centre lines of the rebased chart before and after (per `per`).
  double before_centre = 0.0;
  double after_centre = 0.0;
  /// Whether an after month shows special-cause improvement (or concern)
  /// against the before limits, by the Making Data Count rules.
  bool spc_improvement = false;
  bool spc_concern = false;
  Verdict verdict = Verdict::inconclusive;
  /// Why, in one sentence a governance lead can quote.
  std::string reason;

  /// "falls at RH-OAK per 1,000 occupied_bed_days: 4.12 before, 1.90 after,
  /// rate ratio 0.46 (95% CI 0.25 to 0.83, p = 0.008); SPC: improvement":
  /// the basis to record with Register::evaluate.
  [[nodiscard]] std::string summary() const;
};

/// Evaluates an action's measure as of a date (docs/effectiveness.md). For
/// a rate (the default: the options' outcome measure): the measure series
/// (metrics::rate_series) of the register's incidents of the measure's
/// category at its service (the plan's scope when the measure names none) per
/// calendar month over the exposure of the measure's denominator, split by
/// metrics::split_series around the implementation day: the months before
/// the implementation month against the complete months after it up to
/// `as_of`; months without exposure are left out. A count is the same
/// without exposure (compared per month); a proportion or duration is the
/// series of the values checks recorded for the measure (by its id), per
/// options.period, compared by Newcombe's interval or by Hodges–Lehmann and
/// Mann–Whitney. A balancing measure's verdict says whether it held
/// (effective) or moved the wrong way (not_effective); an outcome or process
/// measure's result lists the action's balancing measures too.
///
/// Verdict: `inconclusive` when there are fewer than min_before_months before,
/// min_after_months after, or min_events events in all; otherwise `effective`
/// when the rate ratio's confidence interval lies wholly on the improving side
/// of 1, or when an after month shows special-cause improvement against the
/// before limits and none shows concern; otherwise `not_effective`.
///
/// RuleError (`effectiveness.*`) when the action has no outcome measure, the
/// measure lacks a category, service or denominator, or the action has not
/// been implemented by `as_of`.
Effectiveness evaluate_effectiveness(const Register& reg, const ActionId& action,
                                     const metrics::ExposureTable& exposure, Date as_of,
                                     const EffectivenessOptions& options = {});

/// The same with the register's incidents already as a table
/// (incident_table(reg)), for callers that evaluate many actions.
Effectiveness evaluate_effectiveness(const Register& reg, const metrics::IncidentTable& incidents,
                                     const ActionId& action, const metrics::ExposureTable& exposure,
                                     Date as_of, const EffectivenessOptions& options = {});

}  // namespace closeloop::lifecycle
