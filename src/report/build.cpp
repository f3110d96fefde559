// The report builder: validates the options, derives the shared context
// (scope, each action's history up to the report date, signals as of it, the
// measure series) and calls the section builders in order. Outside audiences
// are protected by construction: the sections never put a person field or
// unshared staff-written text into the model, so nothing is searched for and
// replaced afterwards (docs/data-protection.md).
#include "closeloop/report/build.hpp"

#include <set>

#include "closeloop/lifecycle/tables.hpp"
#include "build_context.hpp"
#include "sections/sections.hpp"
#include "text.hpp"

namespace closeloop::report {

namespace detail {

void build_header(const BuildContext& ctx, GovernanceReport& report) {
  const ReportOptions& options = ctx.options;
  ReportHeader& h = report.header;
  h.provider = options.provider.empty() ? std::string("Care provider") : options.provider;
  if (!ctx.whole_organisation) h.scope_service_ids = ctx.scope_services;
  if (options.scope) {
    h.scope_name = ctx.service_name(options.scope->str());
  } else if (!ctx.whole_organisation) {
    h.scope_name = !options.scope_name.empty() ? options.scope_name
                   : !options.region.empty()   ? options.region
                                               : std::string("Selected services");
  } else {
    h.scope_name = "Whole organisation";
  }
  h.title = (options.audience == Audience::governance ? "Governance meeting pack: " : "Governance report: ") +
            (ctx.whole_organisation ? h.provider : h.scope_name);
  h.period_start = options.period_start;
  h.period_end = options.period_end;
  h.as_of = options.as_of;
  h.audience = options.audience;
  h.generator = options.generator;
}

void build_overview(const BuildContext& ctx, GovernanceReport& report) {
  Overview& o = report.overview;
  o.services = static_cast<int>(ctx.scope_services.size());
  const std::set<std::string> scope(ctx.scope_services.begin(), ctx.scope_services.end());
  const DayNumber first = to_day_number(ctx.options.period_start);
  const DayNumber last = to_day_number(ctx.data_end);
  for (std::size_t i = 0; i < ctx.incidents.size(); ++i) {
    const DayNumber day = ctx.incidents.day()[i];
    if (day < first || day > last) continue;
    if (scope.count(ctx.incidents.services()[ctx.incidents.service()[i]]) == 0) continue;
    ++o.incidents;
  }
  for (const auto& [id, incident] : ctx.reg.incidents()) {
    const Date on = incident.occurred_at.date();
    if (incident.notifiable && ctx.in_period(on) && scope.count(incident.service.str()) > 0) {
      ++o.notifiable_incidents;
    }
  }
  for (const auto& plan : report.plans) o.plans_open += open_actions(plan) > 0 ? 1 : 0;
  for (const auto& a : report.actions) {
    o.actions_open += is_open(a.state) ? 1 : 0;
    o.actions_overdue +=
        std::find(a.signals.begin(), a.signals.end(), "overdue") != a.signals.end() ? 1 : 0;
    o.actions_implemented += a.implemented_on && ctx.in_period(*a.implemented_on) ? 1 : 0;
    o.actions_verified += a.verified_on && ctx.in_period(*a.verified_on) ? 1 : 0;
  }
  for (const auto& c : report.effectiveness) {
    o.evaluated_effective += c.verdict == "effective" ? 1 : 0;
    o.evaluated_not_effective += c.verdict == "not_effective" ? 1 : 0;
    o.evaluated_inconclusive += c.verdict == "inconclusive" ? 1 : 0;
  }
  for (const auto& s : report.learning) {
    if (!ctx.in_period(s.date)) continue;
    ++o.shares;
    for (const auto& t : s.targets) {
      ++o.share_targets;
      o.share_targets_adopted += t.adopted && *t.adopted ? 1 : 0;
    }
  }
}

// The inspector's coverage of CQC's six evidence categories: evidence
// entries by category, with charts and effectiveness claims as outcomes.
void build_cqc_coverage(const BuildContext& ctx, GovernanceReport& report) {
  if (ctx.options.audience != Audience::inspector) return;
  report.cqc_mapping = standard_cqc_mapping();
  for (int c = 0; c < 6; ++c) {
    CqcCoverage coverage{static_cast<EvidenceCategory>(c), 0};
    for (const auto& e : report.evidence) coverage.entries += e.cqc_category == coverage.category ? 1 : 0;
    if (coverage.category == EvidenceCategory::outcomes) {
      for (const auto& s : report.trends) coverage.entries += s.headline ? 1 : 0;
      coverage.entries += static_cast<int>(report.effectiveness.size());
    }
    report.cqc_coverage.push_back(coverage);
  }
}

}  // namespace detail

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
  detail::BuildContext ctx(reg, incidents, exposures, services, options);
  GovernanceReport report;
  detail::build_header(ctx, report);
  detail::build_trends(ctx, report);
  detail::build_harm_profile(ctx, report);
  detail::build_plans(ctx, report);
  detail::build_evidence(ctx, report);
  detail::build_effectiveness(ctx, report);
  detail::build_governance_trail(ctx, report);
  detail::build_learning(ctx, report);
  detail::build_findings(ctx, report);
  detail::build_meeting_pack(ctx, report);
  detail::build_overview(ctx, report);
  detail::build_cqc_coverage(ctx, report);
  return report;
}

GovernanceReport build_report(const lifecycle::Register& reg, const metrics::ExposureTable& exposures,
                              const ReportOptions& options) {
  const auto incidents = lifecycle::incident_table(reg);
  const auto services = lifecycle::service_table(reg);
  return build_report(reg, incidents, exposures, services, options);
}

}  // namespace closeloop::report
