// The report builder on the sample provider. Figures are checked against
// sums computed here from the register's incidents and the exposure rows,
// and the u-chart limits against the formula written out below.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "closeloop/core/error.hpp"
#include "closeloop/lifecycle/signals.hpp"
#include "closeloop/report/build.hpp"
#include "closeloop/report/render.hpp"
#include "closeloop/sample/provider.hpp"

namespace closeloop::report {
namespace {

const closeloop::sample::SampleProvider& sample() {
  static const closeloop::sample::SampleProvider provider = closeloop::sample::generate_sample_provider();
  return provider;
}

ReportOptions options(Audience audience = Audience::board) {
  ReportOptions o;
  o.period_start = Date(2025, 12, 1);
  o.period_end = Date(2026, 11, 30);
  o.as_of = sample().as_of;  // 2026-11-26
  o.audience = audience;
  o.provider = sample().name;
  o.generator = "closeloop test";
  return o;
}

const GovernanceReport& board() {
  static const GovernanceReport report = build_report(sample().reg, sample().incidents, sample().exposures,
                                                      sample().services, options());
  return report;
}

const MetricSeries* series(const GovernanceReport& report, const std::string& id) {
  for (const auto& s : report.trends) {
    if (s.id == id) return &s;
  }
  return nullptr;
}

// Incidents of `category` at `services` in the month starting `month`.
double count_in(const std::set<std::string>& services, const std::string& category, Date month) {
  double n = 0;
  for (const auto& [id, i] : sample().reg.incidents()) {
    const Date on = i.occurred_at.date();
    if (services.count(i.service.str()) > 0 && i.category == category && on >= month &&
        on <= month.end_of_month()) {
      ++n;
    }
  }
  return n;
}

double exposure_in(const std::set<std::string>& services, metrics::Measure measure, Date month) {
  double total = 0;
  const auto& e = sample().exposures;
  for (std::size_t i = 0; i < e.size(); ++i) {
    if (services.count(e.services()[e.service()[i]]) == 0) continue;
    if (e.measure()[i] != static_cast<std::uint8_t>(measure)) continue;
    if (e.month()[i] == to_day_number(month)) total += e.value()[i];
  }
  return total;
}

// Events of `category` and `measure` exposure at `services`, summed over the
// months `first` to `last` (both included), counted from the sample's rows.
struct Totals {
  double count = 0;
  double exposure = 0;
};
Totals totals_in(const std::set<std::string>& services, const std::string& category,
                 metrics::Measure measure, Date first, Date last) {
  Totals t;
  for (Date m = first; m <= last; m = m + boost::gregorian::months(1)) {
    t.count += count_in(services, category, m);
    t.exposure += exposure_in(services, measure, m);
  }
  return t;
}

TEST(Build, HeaderAndOverviewFromTheRegister) {
  const auto& r = board();
  EXPECT_EQ(r.header.title, "Governance report: Sample Care Group");
  EXPECT_EQ(r.header.scope_name, "Whole organisation");
  EXPECT_EQ(r.overview.services, 8);
  int incidents = 0;
  int notifiable = 0;
  for (const auto& [id, i] : sample().reg.incidents()) {
    const Date on = i.occurred_at.date();
    if (on >= Date(2025, 12, 1) && on <= Date(2026, 11, 26)) {
      ++incidents;
      notifiable += i.notifiable ? 1 : 0;
    }
  }
  EXPECT_EQ(r.overview.incidents, incidents);
  EXPECT_EQ(r.overview.notifiable_incidents, notifiable);
  EXPECT_EQ(r.overview.actions_overdue, 1);  // A-FALL-4
  // Every evaluation dated in the period counts, whatever followed it:
  // A-MED-1 and A-FALL-1 effective; A-HT-1 not effective (then reopened).
  int effective = 0;
  int not_effective = 0;
  for (const auto& [id, a] : sample().reg.actions()) {
    for (const auto& e : a.events()) {
      const Date on = e.at.date();
      if (e.transition != lifecycle::Transition::evaluate || on < Date(2025, 12, 1) || on > Date(2026, 11, 26)) {
        continue;
      }
      effective += e.verdict == lifecycle::Verdict::effective ? 1 : 0;
      not_effective += e.verdict == lifecycle::Verdict::not_effective ? 1 : 0;
    }
  }
  EXPECT_EQ(effective, 2);
  EXPECT_EQ(not_effective, 1);
  EXPECT_EQ(r.overview.evaluated_effective, effective);
  EXPECT_EQ(r.overview.evaluated_not_effective, not_effective);
  // Shares in the period: S-MED-1 (3 targets, 1 adopted) and S-FALL-1 (2, 1).
  EXPECT_EQ(r.overview.shares, 2);
  EXPECT_EQ(r.overview.share_targets, 5);
  EXPECT_EQ(r.overview.share_targets_adopted, 2);
}

// The organisation's falls chart pools the three care homes. With no phase
// break a u chart's centre is sum(counts) / sum(exposure) x 1000 and its
// limits centre +/- 3 sqrt(centre / exposure_i) (rates per bed day, then x 1000).
TEST(Build, FallsChartPoolsTheCareHomesWithUChartLimits) {
  const MetricSeries* falls = series(board(), "fall-occupied_bed_days");
  ASSERT_NE(falls, nullptr);
  EXPECT_EQ(falls->title, "Falls per 1,000 occupied bed days");
  // 24 months to Oct 2026 (November is not complete on the 26th) would start
  // in Nov 2024, before the data: the chart starts with Dec 2024.
  ASSERT_EQ(falls->points.size(), 23U);
  EXPECT_EQ(falls->points.front().period_start, Date(2024, 12, 1));
  EXPECT_EQ(falls->points.back().period_start, Date(2026, 10, 1));
  EXPECT_EQ(falls->unit, "per 1,000 occupied bed days");
}

TEST(Build, FallsChartFiguresMatchTheRegister) {
  const MetricSeries* falls = series(board(), "fall-occupied_bed_days");
  ASSERT_NE(falls, nullptr);
  const std::set<std::string> homes{"oak-house", "birch-lodge", "willow-view"};
  double k = 0;
  double e = 0;
  for (const auto& p : falls->points) {
    EXPECT_DOUBLE_EQ(p.count, count_in(homes, "fall", p.period_start));
    EXPECT_DOUBLE_EQ(p.exposure, exposure_in(homes, metrics::Measure::occupied_bed_days, p.period_start));
    EXPECT_NEAR(p.value, p.count / p.exposure * 1000.0, 1e-9);
    k += p.count;
    e += p.exposure;
  }
  const double centre = k / e;
  for (const auto& p : falls->points) {
    EXPECT_NEAR(p.centre, centre * 1000.0, 1e-9);
    EXPECT_NEAR(p.ucl, (centre + 3.0 * std::sqrt(centre / p.exposure)) * 1000.0, 1e-9);
    EXPECT_NEAR(p.lcl, std::max(0.0, centre - 3.0 * std::sqrt(centre / p.exposure)) * 1000.0, 1e-9);
  }
  EXPECT_TRUE(falls->phase_breaks.empty());
}

// A-FALL-1 was implemented on 24 Jun 2026: four whole months follow by
// the report date, fewer than the 12 a new phase needs, so the Oak House
// chart keeps one phase and says why.
TEST(Build, LimitsAreNotRebasedOnFewerPointsThanAPhaseNeeds) {
  const MetricSeries* oak = series(board(), "fall-oak-house");
  ASSERT_NE(oak, nullptr);
  EXPECT_TRUE(oak->phase_breaks.empty());
  ASSERT_EQ(oak->phases.size(), 1U);
  EXPECT_NE(oak->rebase_note.find("A-FALL-1 (implemented 24 Jun 2026): 19 months before, 4 since"),
            std::string::npos)
      << oak->rebase_note;
  EXPECT_NE(oak->summary.find(oak->rebase_note), std::string::npos);
  EXPECT_EQ(oak->target, 4.0);
}

// With a 4-month minimum the chart is rebased with July 2026. Each phase
// states the window its centre rests on; the first includes the transition
// month (June), as every closeloop chart does (metrics::rebased_chart), while
// the action's before figure leaves it out; the after figures are the same.
TEST(Build, ARebasedChartStatesTheWindowsOfItsPhases) {
  auto o = options();
  o.min_phase_points = 4;
  const auto report = build_report(sample().reg, sample().incidents, sample().exposures, sample().services, o);
  const MetricSeries* oak = series(report, "fall-oak-house");
  ASSERT_NE(oak, nullptr);
  ASSERT_EQ(oak->phase_breaks.size(), 1U);
  const PhaseBreak& b = oak->phase_breaks.front();
  EXPECT_EQ(oak->points[b.index].period_start, Date(2026, 7, 1));
  EXPECT_EQ(b.date, Date(2026, 6, 24));
  EXPECT_EQ(b.links, (std::vector<Link>{{LinkKind::action, "A-FALL-1"}}));
  ASSERT_EQ(oak->phases.size(), 2U);
  const std::set<std::string> home{"oak-house"};
  const auto bed_days = metrics::Measure::occupied_bed_days;
  const auto [k1, e1] = totals_in(home, "fall", bed_days, Date(2024, 12, 1), Date(2026, 5, 1));
  const auto [k2, e2] = totals_in(home, "fall", bed_days, Date(2026, 7, 1), Date(2026, 10, 1));
  const double k_june = count_in(home, "fall", Date(2026, 6, 1));
  const double e_june = exposure_in(home, metrics::Measure::occupied_bed_days, Date(2026, 6, 1));
  EXPECT_EQ(oak->phases[0].start, Date(2024, 12, 1));
  EXPECT_EQ(oak->phases[0].end, Date(2026, 6, 30));
  EXPECT_EQ(oak->phases[0].periods, 19);
  EXPECT_DOUBLE_EQ(oak->phases[0].count, k1 + k_june);
  EXPECT_NEAR(oak->phases[0].centre, (k1 + k_june) / (e1 + e_june) * 1000.0, 1e-9);
  EXPECT_NEAR(oak->points[0].centre, (k1 + k_june) / (e1 + e_june) * 1000.0, 1e-9);
  EXPECT_EQ(oak->phases[1].periods, 4);
  EXPECT_NEAR(oak->phases[1].centre, k2 / e2 * 1000.0, 1e-9);
  EXPECT_NEAR(oak->points.back().centre, k2 / e2 * 1000.0, 1e-9);
  const EffectivenessClaim* claim = nullptr;
  for (const auto& c : report.effectiveness) {
    if (c.action_id == "A-FALL-1") claim = &c;
  }
  ASSERT_NE(claim, nullptr);
  EXPECT_DOUBLE_EQ(claim->before.count, k1);
  EXPECT_DOUBLE_EQ(claim->before.exposure, e1);
  EXPECT_DOUBLE_EQ(claim->after.count, k2);
  EXPECT_EQ(claim->before.periods, 18);
  EXPECT_EQ(claim->after.periods, 4);
}

TEST(Build, EffectivenessQuotesTheBeforeAndAfterFigures) {
  const EffectivenessClaim* claim = nullptr;
  for (const auto& c : board().effectiveness) {
    if (c.action_id == "A-MED-1") claim = &c;
  }
  ASSERT_NE(claim, nullptr);
  EXPECT_EQ(claim->verdict, "effective");
  EXPECT_EQ(claim->series_id, "medication_error-elm-court");
  // Implemented 28 Mar 2026: before = whole months to Feb 2026 shown on the
  // chart (from Dec 2024, the chart's first month with exposure), after =
  // Apr 2026 to Oct 2026; March is the transition month and left out.
  const std::set<std::string> elm{"elm-court"};
  const auto doses = metrics::Measure::doses_administered;
  const auto [k1, e1] = totals_in(elm, "medication_error", doses, Date(2024, 12, 1), Date(2026, 2, 1));
  const auto [k2, e2] = totals_in(elm, "medication_error", doses, Date(2026, 4, 1), Date(2026, 10, 1));
  EXPECT_EQ(claim->before.start, Date(2024, 12, 1));
  EXPECT_EQ(claim->before.end, Date(2026, 2, 28));
  EXPECT_EQ(claim->after.start, Date(2026, 4, 1));
  EXPECT_EQ(claim->after.end, Date(2026, 10, 31));
  EXPECT_EQ(claim->before.periods, 15);
  EXPECT_EQ(claim->after.periods, 7);
  // The statement says what the figures rest on.
  EXPECT_NE(claim->statement.find("before: Dec 2024\u2013Feb 2026, 15 months, " + std::to_string(static_cast<int>(k1)) +
                                  " in "),
            std::string::npos)
      << claim->statement;
  EXPECT_DOUBLE_EQ(claim->before.count, k1);
  EXPECT_DOUBLE_EQ(claim->after.count, k2);
  EXPECT_DOUBLE_EQ(claim->before.exposure, e1);
  EXPECT_DOUBLE_EQ(claim->after.exposure, e2);
  EXPECT_NEAR(claim->rate_ratio, (k2 / e2) / (k1 / e1), 1e-12);
  EXPECT_LT(claim->ci_upper, 1.0);
  EXPECT_NE(claim->statement.find("fell from"), std::string::npos);
  // The library's own assessment agrees with the recorded verdict here.
  EXPECT_EQ(claim->assessed_verdict, "effective");
  EXPECT_FALSE(claim->assessed_reason.empty());
}

TEST(Build, NeedsAttentionCarriesEverySignalMostSevereFirst) {
  const auto& findings = board().needs_attention;
  std::set<std::string> kinds;
  for (const auto& f : findings) kinds.insert(std::string(to_string(f.kind)));
  for (const char* kind : {"overdue", "stale", "unreviewed_plan", "missed_monitoring", "faded_after_closure",
                           "recurrence", "learning_not_spread", "weaker_actions_only"}) {
    EXPECT_EQ(kinds.count(kind), 1U) << kind;
  }
  for (std::size_t i = 1; i < findings.size(); ++i) {
    EXPECT_LE(static_cast<int>(findings[i - 1].severity), static_cast<int>(findings[i].severity));
  }
  // Every link points at something the report shows.
  const std::string html = to_html(board());
  for (const auto& f : findings) {
    for (const auto& link : f.links) {
      EXPECT_NE(html.find("id=\"" + anchor_of(link.kind, link.id) + "\""), std::string::npos)
          << anchor_of(link.kind, link.id);
    }
  }
}

TEST(Build, PlansActionsEvidenceLearningStrength) {
  const auto& r = board();
  std::set<std::string> plans;
  for (const auto& p : r.plans) plans.insert(p.plan_id);
  EXPECT_EQ(plans, (std::set<std::string>{"P-DOM-1", "P-FALL-1", "P-HT-1", "P-MED-1", "P-PU-1", "P-WV-1"}));
  std::set<ActionState> states;
  for (const auto& a : r.actions) states.insert(a.state);
  EXPECT_EQ(states.size(), 9U);
  for (const auto& e : r.evidence) {
    EXPECT_GE(e.date, Date(2025, 12, 1));
    EXPECT_LE(e.date, Date(2026, 11, 26));
  }
  EXPECT_EQ(r.strength.weaker_only_plans, (std::vector<std::string>{"P-DOM-1"}));
  EXPECT_EQ(r.strength.stronger + r.strength.intermediate + r.strength.weaker,
            static_cast<int>(r.actions.size()) - 1);  // A-PU-3 is cancelled
  EXPECT_EQ(r.learning.size(), 2U);
}

// Outside audiences: not one person reference and not one incident
// description in any rendering.
TEST(Build, OutsideAudiencesCarryNoPersonReferencesOrDescriptions) {
  const auto refs = person_references(sample().reg);
  ASSERT_GT(refs.size(), 100U);  // residents' pseudonyms and staff names
  for (Audience audience : {Audience::commissioner, Audience::inspector}) {
    const auto report = build_report(sample().reg, sample().incidents, sample().exposures, sample().services,
                                     options(audience));
    for (const std::string& text : {to_json(report), to_markdown(report), to_html(report)}) {
      for (const auto& ref : refs) {
        EXPECT_EQ(text.find(ref), std::string::npos) << to_string(audience) << ": " << ref;
      }
      for (const auto& [id, incident] : sample().reg.incidents()) {
        EXPECT_EQ(text.find(incident.description), std::string::npos) << id;
      }
    }
    for (const auto& a : report.actions) EXPECT_TRUE(a.owner.empty());
  }
  // The board report does name owners, so the search above can fail.
  const std::string board_html = to_html(board());
  EXPECT_NE(board_html.find("Grace Mensah"), std::string::npos);
}

TEST(Build, InspectorMapsSectionsAndEvidenceToCqc) {
  const auto report = build_report(sample().reg, sample().incidents, sample().exposures, sample().services,
                                   options(Audience::inspector));
  EXPECT_EQ(report.cqc_mapping, standard_cqc_mapping());
  ASSERT_FALSE(report.evidence.empty());
  for (const auto& e : report.evidence) {
    ASSERT_TRUE(e.cqc_category.has_value()) << e.id;
    EXPECT_EQ(*e.cqc_category, evidence_category_of(e.kind));
  }
  EXPECT_TRUE(board().cqc_mapping.empty());
}

TEST(Build, ServiceScopeKeepsToTheService) {
  auto o = options();
  o.scope = ServiceId("oak-house");
  const auto report = build_report(sample().reg, sample().incidents, sample().exposures, sample().services, o);
  EXPECT_EQ(report.header.scope_name, "Oak House");
  EXPECT_EQ(report.overview.services, 1);
  for (const auto& p : report.plans) EXPECT_EQ(p.service_id, "oak-house");
  for (const auto& s : report.trends) EXPECT_TRUE(s.service_id == "oak-house" || s.service_id.empty());
  EXPECT_TRUE(report.funnels.empty());
  // The home's own falls chart is A-FALL-1's (not rebased: see above).
  const MetricSeries* falls = series(report, "fall-occupied_bed_days");
  ASSERT_NE(falls, nullptr);
  EXPECT_EQ(falls->links, (std::vector<Link>{{LinkKind::action, "A-FALL-1"}}));
  EXPECT_EQ(report.header.scope_service_ids, std::vector<std::string>{"oak-house"});
}

TEST(Build, FunnelOfCareHomes) {
  ASSERT_FALSE(board().funnels.empty());
  const Funnel& f = board().funnels.front();
  EXPECT_EQ(f.category, "fall");
  EXPECT_EQ(f.points.size(), 3U);
  double k = 0;
  double e = 0;
  for (const auto& p : f.points) {
    k += p.count;
    e += p.exposure;
    EXPECT_NEAR(p.rate, p.count / p.exposure * 1000.0, 1e-9);
  }
  EXPECT_NEAR(f.organisation_rate, k / e * 1000.0, 1e-9);
  EXPECT_EQ(f.curve.size(), 60U);
}

TEST(Build, RefusesBadOptions) {
  auto o = options();
  o.period_end = Date(2025, 1, 1);
  EXPECT_THROW((void)build_report(sample().reg, sample().exposures, o), InputError);
  o = options();
  o.scope = ServiceId("nowhere");
  EXPECT_THROW((void)build_report(sample().reg, sample().exposures, o), InputError);
  o = options();
  o.as_of = Date(2025, 6, 1);
  EXPECT_THROW((void)build_report(sample().reg, sample().exposures, o), InputError);
}

TEST(Build, RegisterOnlyOverloadMatches) {
  const auto report = build_report(sample().reg, sample().exposures, options());
  EXPECT_EQ(report.overview, board().overview);
  EXPECT_EQ(report.trends, board().trends);
}

// A set of services (a contract) and a region: the scope, the title and
// every count keep to them.
TEST(Build, ASetOfServicesOrARegion) {
  auto o = options();
  o.services = {ServiceId("oak-house"), ServiceId("birch-lodge"), ServiceId("willow-view")};
  o.scope_name = "Care homes contract";
  const auto report = build_report(sample().reg, sample().incidents, sample().exposures, sample().services, o);
  EXPECT_EQ(report.header.scope_name, "Care homes contract");
  EXPECT_EQ(report.header.title, "Governance report: Care homes contract");
  EXPECT_EQ(report.header.scope_service_ids,
            (std::vector<std::string>{"birch-lodge", "oak-house", "willow-view"}));
  EXPECT_EQ(report.overview.services, 3);
  int incidents = 0;
  for (const auto& [id, i] : sample().reg.incidents()) {
    const Date on = i.occurred_at.date();
    const std::string service = i.service.str();
    if (on >= Date(2025, 12, 1) && on <= Date(2026, 11, 26) &&
        (service == "oak-house" || service == "birch-lodge" || service == "willow-view")) {
      ++incidents;
    }
  }
  EXPECT_EQ(report.overview.incidents, incidents);
  ASSERT_FALSE(report.funnels.empty());  // three homes: a funnel of falls
  EXPECT_EQ(report.funnels.front().category, "fall");
  EXPECT_EQ(report.funnels.front().points.size(), 3U);
  for (const auto& p : report.plans) {
    EXPECT_TRUE(p.service_id.empty() || o.services.end() != std::find(o.services.begin(), o.services.end(),
                                                                        ServiceId(p.service_id)))
        << p.plan_id;
  }
  auto by_region = options();
  by_region.region = sample().reg.service(ServiceId("oak-house")).region;
  const auto regional =
      build_report(sample().reg, sample().incidents, sample().exposures, sample().services, by_region);
  EXPECT_EQ(regional.header.scope_name, by_region.region);
  for (const auto& id : regional.header.scope_service_ids) {
    EXPECT_EQ(sample().reg.service(ServiceId(id)).region, by_region.region);
  }
  auto both = o;
  both.region = "North";
  EXPECT_THROW((void)build_report(sample().reg, sample().exposures, both), InputError);
  auto nowhere = options();
  nowhere.region = "Atlantis";
  EXPECT_THROW((void)build_report(sample().reg, sample().exposures, nowhere), InputError);
}

// The harm profile: incidents of the period by LFPSE grade per category,
// counted here from the register.
TEST(Build, HarmProfileCountsEveryGrade) {
  std::map<std::string, std::array<int, 5>> physical;
  std::map<std::string, std::array<int, 4>> psychological;
  for (const auto& [id, i] : sample().reg.incidents()) {
    const Date on = i.occurred_at.date();
    if (on < Date(2025, 12, 1) || on > Date(2026, 11, 26)) continue;
    physical[i.category][static_cast<std::size_t>(i.harm)] += 1;
    psychological[i.category][static_cast<std::size_t>(i.psychological_harm)] += 1;
  }
  ASSERT_EQ(board().harm_profile.size(), physical.size());
  for (const auto& row : board().harm_profile) {
    EXPECT_EQ(row.physical, physical[row.category]) << row.category;
    EXPECT_EQ(row.psychological, psychological[row.category]) << row.category;
    EXPECT_EQ(row.psychological_not_recorded, 0);
  }
}

// An action evaluated effective in the period, closed, then reopened after
// a failed sustainment check: the claim stays, and the history tells the
// closed -> faded -> reopened sequence in order.
TEST(Build, HistoryTellsClosedFadedReopenedInOrder) {
  lifecycle::Register reg = sample().reg;
  lifecycle::Check failed;
  failed.id = CheckId("C-FADE-1");
  failed.action = ActionId("A-MED-1");
  failed.date = Date(2026, 11, 10);
  failed.kind = lifecycle::MonitoringKind::audit;
  failed.passed = false;
  failed.score = 14;
  failed.denominator = 20;
  failed.by = "Tom Okafor";
  reg.add_check(failed);
  reg.reopen(ActionId("A-MED-1"), Instant(Date(2026, 11, 12), boost::posix_time::hours(10)), "Jo Bell",
             "sustainment audit 14 of 20");
  const auto report = build_report(reg, sample().incidents, sample().exposures, sample().services, options());
  const EffectivenessClaim* claim = nullptr;
  for (const auto& c : report.effectiveness) {
    if (c.action_id == "A-MED-1") claim = &c;
  }
  ASSERT_NE(claim, nullptr);
  EXPECT_EQ(claim->verdict, "effective");
  EXPECT_NE(claim->since.find("sustainment check C-FADE-1 failed 10 Nov 2026; reopened 12 Nov 2026."),
            std::string::npos)
      << claim->since;
  const ActionStatus* action = nullptr;
  for (const auto& a : report.actions) {
    if (a.action_id == "A-MED-1") action = &a;
  }
  ASSERT_NE(action, nullptr);
  std::vector<std::string> events;
  for (const auto& h : action->history) events.push_back(h.event);
  const std::vector<std::string> tail{"evaluated", "closed", "sustainment_check_failed", "reopened"};
  ASSERT_GE(events.size(), tail.size());
  EXPECT_EQ(std::vector<std::string>(events.end() - 4, events.end()), tail);
  EXPECT_EQ(action->history.back().reason, "sustainment audit 14 of 20");
  EXPECT_FALSE(action->history[events.size() - 3].review_id.empty());  // the review that signed it off
  // Outside audiences see the sequence, not the staff-written reason.
  const auto outside = build_report(reg, sample().incidents, sample().exposures, sample().services,
                                    options(Audience::commissioner));
  for (const auto& a : outside.actions) {
    for (const auto& h : a.history) EXPECT_TRUE(h.reason.empty()) << a.action_id;
  }
  // The review that signed off the closure lists it: linked both ways.
  const std::string review = action->history[events.size() - 3].review_id;
  bool found = false;
  for (const auto& r : report.reviews) {
    if (r.review_id != review) continue;
    found = true;
    EXPECT_NE(std::find(r.closures_signed_off.begin(), r.closures_signed_off.end(), "A-MED-1"),
              r.closures_signed_off.end());
  }
  EXPECT_TRUE(found) << review;
  const std::string html = to_html(report);
  EXPECT_NE(html.find("id=\"" + anchor_of(LinkKind::review, review) + "\""), std::string::npos);
  EXPECT_NE(html.find("href=\"#" + anchor_of(LinkKind::review, review) + "\""), std::string::npos);
}

// One finding per plan, category and service for recurrences; a recurrence
// while the rate fell and without moderate harm is told as such (low), not
// as a concern.
TEST(Build, RecurrenceFindingsStateWhetherTheRateFell) {
  for (const auto& f : board().needs_attention) {
    if (f.kind != FindingKind::recurrence) continue;
    const bool fell = f.detail.find("The rate fell") != std::string::npos;
    const bool harmful = f.detail.find("moderate harm or worse") != std::string::npos;
    EXPECT_EQ(f.severity, fell && !harmful ? Severity::low : Severity::high) << f.title;
    EXPECT_EQ(f.title.find("the rate has fallen") != std::string::npos, f.severity == Severity::low) << f.title;
    // Eight incidents are named, the rest counted.
    const int n = std::stoi(f.title);
    if (n > 8) {
      EXPECT_NE(f.detail.find(" and " + std::to_string(n - 8) + " more;"), std::string::npos) << f.detail;
    }
    if (fell || f.detail.find("did not fall") != std::string::npos) {
      EXPECT_NE(f.detail.find(" months, "), std::string::npos) << f.detail;  // the windows are stated
    }
  }
  std::set<std::tuple<std::string, std::string>> seen;
  for (const auto& f : board().needs_attention) {
    if (f.kind != FindingKind::recurrence) continue;
    EXPECT_TRUE(seen.insert({f.title, f.service_id}).second) << f.title;
  }
}

// The governance meeting pack: what the weekly meeting must look at, as of
// the report date, checked against the signals.
TEST(Build, GovernanceMeetingPack) {
  const auto report = build_report(sample().reg, sample().incidents, sample().exposures, sample().services,
                                   options(Audience::governance));
  ASSERT_TRUE(report.meeting.has_value());
  EXPECT_EQ(report.header.title, "Governance meeting pack: Sample Care Group");
  const auto signals = lifecycle::signals(sample().reg, sample().as_of);
  EXPECT_EQ(report.meeting->overdue_actions.size(), 1U);  // A-FALL-4, as the overview says
  EXPECT_EQ(report.meeting->overdue_actions.front().links.front().id, "A-FALL-4");
  for (const auto& item : report.meeting->evaluations_allowed) {
    EXPECT_NE(item.text.find("can be evaluated from"), std::string::npos);
    EXPECT_LE(*item.date, sample().as_of + boost::gregorian::days(7));
  }
  for (const auto& item : report.meeting->plans_due_for_review) {
    EXPECT_LE(*item.date, sample().as_of + boost::gregorian::days(7));
  }
  EXPECT_FALSE(board().meeting.has_value());
  EXPECT_NE(to_html(report).find("Governance meeting pack"), std::string::npos);
}

// The inspector's report names each of CQC's six evidence categories and
// how much evidence it holds, none included.
TEST(Build, InspectorSaysWhichCqcCategoriesHaveEvidence) {
  const auto report = build_report(sample().reg, sample().incidents, sample().exposures, sample().services,
                                   options(Audience::inspector));
  ASSERT_EQ(report.cqc_coverage.size(), 6U);
  int evidence_entries = 0;
  for (const auto& c : report.cqc_coverage) {
    if (c.category != EvidenceCategory::outcomes) evidence_entries += c.entries;
  }
  int expected = 0;
  for (const auto& e : report.evidence) expected += e.cqc_category != EvidenceCategory::outcomes ? 1 : 0;
  EXPECT_EQ(evidence_entries, expected);
  EXPECT_NE(to_markdown(report).find("Evidence held, by CQC evidence category"), std::string::npos);
}

// Learning reach per target service as of the report date, from the
// briefing records (the latest on or before as_of).
TEST(Build, LearningShowsReachPerService) {
  int with_reach = 0;
  for (const auto& share : board().learning) {
    for (const auto& t : share.targets) {
      const auto reach = lifecycle::reach_as_of(sample().reg, ShareId(share.share_id), ServiceId(t.service_id),
                                                sample().as_of);
      ASSERT_EQ(t.briefed.has_value(), reach.has_value()) << share.share_id << " " << t.service_id;
      if (!reach) continue;
      ++with_reach;
      EXPECT_EQ(*t.briefed, reach->briefed);
      EXPECT_EQ(*t.in_scope, reach->in_scope);
      EXPECT_EQ(*t.reach_on, reach->date);
      EXPECT_EQ(t.reach_threshold, sample().reg.plan(PlanId(share.plan_id)).reach_threshold);
    }
  }
  EXPECT_GT(with_reach, 0);
  EXPECT_NE(to_markdown(board()).find("Staff briefed"), std::string::npos);
}

}  // namespace
}  // namespace closeloop::report
