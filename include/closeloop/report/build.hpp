#pragma once
/// \file
/// Builds a governance report from a register (in memory or loaded from the
/// store), the incidents and the exposures: the signals as of a date, the key
/// metrics' SPC charts rebased where actions were implemented, a funnel of
/// services, plan and action status, evidence, effectiveness with the figures
/// behind it, learning shared and the action strength profile. For outside
/// audiences (commissioner, inspector) the builder never fills a
/// person-identifying field and copies staff-written free text only from
/// records marked shareable. Every section is built from the events dated up
/// to the report date. docs/reports.md explains every choice.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "closeloop/core/date.hpp"
#include "closeloop/core/ids.hpp"
#include "closeloop/lifecycle/register.hpp"
#include "closeloop/lifecycle/signals.hpp"
#include "closeloop/metrics/tables.hpp"
#include "closeloop/report/model.hpp"
#include "closeloop/version.hpp"

namespace closeloop::report {

/// What a report covers and for whom.
struct ReportOptions {
  /// One service. At most one of scope, services and region is given; with
  /// none the report covers the whole organisation.
  std::optional<ServiceId> scope;
  /// A set of services (a contract's, say), named by scope_name.
  std::vector<ServiceId> services;
  /// The services of a region (Service::region) of the register.
  std::string region;
  /// The name of the set in the title ("North contract"); defaults to the
  /// region, or "Selected services".
  std::string scope_name;
  /// The first and last day covered (inclusive). Required.
  Date period_start{boost::gregorian::not_a_date_time};
  Date period_end{boost::gregorian::not_a_date_time};
  /// Who reads it.
  Audience audience = Audience::board;
  /// The date signals are computed for (usually the day the report is run;
  /// not before period_start). Nothing dated later is used.
  Date as_of{boost::gregorian::not_a_date_time};
  /// The provider's name for the title ("Sample Care Group").
  std::string provider;
  /// Thresholds of the lifecycle signals (stale days, share deadlines).
  lifecycle::SignalOptions signals;
  /// Months shown on each SPC chart, ending with the last complete month of
  /// the period (earlier months give the chart its baseline).
  int chart_months = 24;
  /// Incident categories always charted when present; other categories are
  /// charted when they have at least `min_incidents_for_chart` incidents in
  /// the chart window.
  std::vector<std::string> key_categories{"fall", "medication_error"};
  /// See key_categories.
  int min_incidents_for_chart = 12;
  /// The rate multiplier of every chart and comparison.
  double per = 1000.0;
  /// The fewest months with data a chart phase needs before limits are
  /// rebased at an implementation (on each side). Making Data Count advises
  /// against recalculating limits on few points; NHSRplotthedots warns below
  /// 12 points per phase. docs/reports.md ("Rebasing").
  int min_phase_points = 12;
  /// The meeting pack (audience governance) lists plan reviews due within
  /// this many days of as_of.
  int meeting_horizon_days = 7;
  /// The generator field of the header ("closeloop 0.1.0").
  std::string generator = std::string("closeloop ") + closeloop::version;
};

/// Builds the report from `reg` with the incidents and services of separate
/// tables (for example read from incidents.csv and services.csv, which may
/// hold more incidents than the register). InputError for a period that ends
/// before it starts, an as_of before the period, a scope service that is not
/// known, more than one of scope, services and region, or a region with no
/// service.
GovernanceReport build_report(const lifecycle::Register& reg,
                              const metrics::IncidentTable& incidents,
                              const metrics::ExposureTable& exposures,
                              const metrics::ServiceTable& services,
                              const ReportOptions& options);

/// Builds the report with the incidents and services the register holds.
GovernanceReport build_report(const lifecycle::Register& reg,
                              const metrics::ExposureTable& exposures,
                              const ReportOptions& options);

/// Every person reference a register holds: incident person references,
/// investigation leads, approvers, owners, who measures and monitors, who
/// carried out checks and who made each event. Outside-audience reports
/// contain none of them.
std::vector<std::string> person_references(const lifecycle::Register& reg);

}  // namespace closeloop::report
