#pragma once
/// \file
/// One builder per kind of lifecycle record, for the seed scenarios, the
/// sample provider and the tests that write records of their own. Each takes
/// the fields a story names, in the order of the struct, and leaves the rest
/// at their defaults, so a scenario reads as one call per record and the
/// field-by-field filling is written once. A record that needs more sets it
/// on the result.

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "closeloop/core/date.hpp"
#include "closeloop/core/enums.hpp"
#include "closeloop/core/ids.hpp"
#include "closeloop/lifecycle/types.hpp"

namespace closeloop::sample::records {

namespace lc = closeloop::lifecycle;

/// A date from ISO 8601 text.
inline Date day(const char* iso) { return parse_date(iso); }
/// An instant from ISO 8601 text.
inline Instant when(const char* iso) { return parse_instant(iso); }
/// An instant on a date at a whole hour.
inline Instant when(Date date, int hour = 10) { return {date, boost::posix_time::hours(hour)}; }

/// An incident: where, when it occurred and was reported, its category and
/// harm, whom it concerned and what happened.
inline lc::Incident incident(const std::string& id, const std::string& service, Instant occurred,
                             Instant reported, std::string category, Harm harm,
                             std::string person_ref = {}, std::string description = {}) {
  lc::Incident i;
  i.id = IncidentId(id);
  i.service = ServiceId(service);
  i.occurred_at = occurred;
  i.reported_at = reported;
  i.category = std::move(category);
  i.harm = harm;
  i.person_ref = std::move(person_ref);
  i.description = std::move(description);
  return i;
}

/// An investigation of `incidents` opened on a date by its lead.
inline lc::Investigation investigation(const std::string& id, std::vector<IncidentId> incidents,
                                       lc::InvestigationMethod method, std::string lead,
                                       Date opened) {
  lc::Investigation i;
  i.id = InvestigationId(id);
  i.incidents = std::move(incidents);
  i.method = method;
  i.lead = std::move(lead);
  i.opened = opened;
  return i;
}

/// The same investigation concluded: its date, findings and contributing factors.
inline lc::Investigation concluded(lc::Investigation i, Date on, std::string findings,
                                   std::vector<lc::ContributingFactor> factors) {
  i.concluded = on;
  i.findings = std::move(findings);
  i.factors = std::move(factors);
  return i;
}

/// An action plan after an investigation, scoped to one service (or, with
/// no scope, to the organisation), created on a date.
inline lc::ActionPlan plan(const std::string& id, const std::string& investigation,
                           std::optional<ServiceId> scope, Date created) {
  lc::ActionPlan p;
  p.id = PlanId(id);
  p.investigation = InvestigationId(investigation);
  p.scope = std::move(scope);
  p.created_on = created;
  return p;
}

/// An action of a plan: what is to be done, when it was proposed, the
/// contributing factors it addresses, its owner, due date and kind of
/// intervention. Measures, monitoring and the evidence required are set on
/// the result.
inline lc::Action action(const std::string& id, const std::string& plan, std::string title,
                         Date proposed, std::vector<lc::ContributingFactor> factors,
                         std::string owner, std::optional<Date> due,
                         lc::InterventionType intervention) {
  lc::Action a;
  a.id = ActionId(id);
  a.plan = PlanId(plan);
  a.title = std::move(title);
  a.proposed_on = proposed;
  a.factors = std::move(factors);
  a.owner = std::move(owner);
  a.due = due;
  a.intervention = intervention;
  return a;
}

/// A measure: its kind, what is measured, how, the level to reach, by when
/// and who measures it.
inline lc::Measure measure(lc::MeasureKind kind, std::string what, std::string how,
                           std::string level, std::optional<Date> by, std::string measured_by) {
  lc::Measure m;
  m.kind = kind;
  m.what = std::move(what);
  m.how = std::move(how);
  m.level = std::move(level);
  m.by = by;
  m.measured_by = std::move(measured_by);
  return m;
}

/// The same measure as an outcome rate: incidents of `category` at `service`
/// per unit of `denominator`.
inline lc::Measure of_rate(lc::Measure m, std::string category, const std::string& service,
                           std::string denominator) {
  m.category = std::move(category);
  m.service = ServiceId(service);
  m.denominator = std::move(denominator);
  return m;
}

/// Monitoring of a kind on a recurrence, by whom, within a tolerance in days.
inline lc::Monitoring monitoring(lc::MonitoringKind kind, lc::Recurrence recurrence, std::string by,
                                 std::int32_t tolerance_days = 3) {
  lc::Monitoring m;
  m.kind = kind;
  m.recurrence = std::move(recurrence);
  m.by = std::move(by);
  m.tolerance_days = tolerance_days;
  return m;
}

/// A check of an action on a date: its kind, whether it passed, the score
/// out of a denominator (where counted) and who made it.
inline lc::Check check(const std::string& id, const std::string& action, Date date,
                       lc::MonitoringKind kind, bool passed, std::optional<double> score,
                       std::optional<double> denominator, std::string by, std::string note = {}) {
  lc::Check c;
  c.id = CheckId(id);
  c.action = ActionId(action);
  c.date = date;
  c.kind = kind;
  c.passed = passed;
  c.score = score;
  c.denominator = denominator;
  c.by = std::move(by);
  c.note = std::move(note);
  return c;
}

}  // namespace closeloop::sample::records
