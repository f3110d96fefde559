#pragma once
// The section builders of a report (not public). Each fills its part of the
// report from the shared build context; build.cpp calls them in order (the
// trends first: later sections link to its charts; the plans before the
// sections that show only the plans the report includes).

#include "../build_context.hpp"

namespace closeloop::report::detail {

/// Header: title, scope, period, audience.
void build_header(const BuildContext& ctx, GovernanceReport& report);
/// Key-metric charts (rates from the measure series, rebased at
/// implementations with enough points) and the funnels of services.
void build_trends(BuildContext& ctx, GovernanceReport& report);
/// Incidents in the period by LFPSE harm grade per category.
void build_harm_profile(const BuildContext& ctx, GovernanceReport& report);
/// Plans shown (sets ctx.included_plans), actions with their history in the
/// period, and the action strength profile.
void build_plans(BuildContext& ctx, GovernanceReport& report);
/// Evidence and checks of the period; the inspector's CQC coverage.
void build_evidence(const BuildContext& ctx, GovernanceReport& report);
/// One claim per evaluation in the period (and any awaiting a decision).
void build_effectiveness(BuildContext& ctx, GovernanceReport& report);
/// Governance reviews of the period and the closures they signed off.
void build_governance_trail(const BuildContext& ctx, GovernanceReport& report);
/// Learning shares and how each target service took them up.
void build_learning(const BuildContext& ctx, GovernanceReport& report);
/// The "needs attention" findings from the signals, most severe first.
void build_findings(BuildContext& ctx, GovernanceReport& report);
/// The governance meeting pack (audience governance only).
void build_meeting_pack(const BuildContext& ctx, GovernanceReport& report);
/// The headline counts.
void build_overview(const BuildContext& ctx, GovernanceReport& report);

}  // namespace closeloop::report::detail
