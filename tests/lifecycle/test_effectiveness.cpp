// Effectiveness of an action's outcome measure: falls per 1,000 occupied bed
// days at a residential home around the date sensor mats and night lighting
// were fitted. Expected rate ratios, intervals and p-values were computed
// independently with scipy (beta.ppf for the Clopper-Pearson interval of the
// conditional binomial, binomtest for the p-value):
//   k1=62, E1=14400, k2=10, E2=8400: RR 0.2764976959, CI 0.1263884319 to
//   0.5432126487, p 2.29745383e-05
//   k1=62, E1=14400, k2=36, E2=8400: RR 0.9953917051, CI 0.6411309641 to
//   1.52478489, p 1
#include <gtest/gtest.h>

#include <vector>

#include "closeloop/lifecycle/effectiveness.hpp"
#include "closeloop/lifecycle/register.hpp"
#include "fixtures.hpp"

namespace closeloop::lifecycle {
namespace {

using testing::at;
using testing::d;

const ActionId kFalls("FALL-A2");

// Oak House with falls each month from February 2025; FALL-A2 implemented on
// 27 February 2026. `after` gives the falls of March, April, ... 2026.
Register falls_register(const std::vector<int>& after) {
  Register reg;
  reg.add_service({ServiceId("RH-OAK"), "Oak House", "residential", 40, "South"});
  reg.add_service({ServiceId("RH-ELM"), "Elm Lodge", "residential", 30, "South"});
  const std::vector<int> before{5, 4, 6, 5, 7, 4, 5, 6, 5, 4, 6, 5};  // Feb 2025 .. Jan 2026
  int serial = 0;
  const auto add_falls = [&](const char* service, Date month, int count,
                             const char* category = "fall") {
    for (int i = 0; i < count; ++i) {
      Incident inc;
      inc.id = IncidentId("F-" + std::to_string(++serial));
      inc.service = ServiceId(service);
      inc.occurred_at = start_of(month + boost::gregorian::days(2 * i + 1));
      inc.reported_at = inc.occurred_at;
      inc.category = category;
      reg.add_incident(inc);
    }
  };
  for (std::size_t m = 0; m < before.size(); ++m) {
    add_falls("RH-OAK", add_months_clamped(d("2025-02-01"), static_cast<int>(m)), before[m]);
  }
  add_falls("RH-OAK", d("2026-02-01"), 3);  // the transition month: left out
  for (std::size_t m = 0; m < after.size(); ++m) {
    add_falls("RH-OAK", add_months_clamped(d("2026-03-01"), static_cast<int>(m)), after[m]);
  }
  // Noise that must not count: falls elsewhere, other categories at Oak House.
  add_falls("RH-ELM", d("2026-04-01"), 9);
  add_falls("RH-OAK", d("2026-04-01"), 4, "medication_error");

  Investigation inv;
  inv.id = InvestigationId("TR-1");
  inv.incidents = {IncidentId("F-60")};
  inv.opened = d("2026-01-19");
  reg.add_investigation(inv);
  reg.add_plan(testing::records::plan("PLAN-FALLS", "TR-1", ServiceId("RH-OAK"), d("2026-02-03")));
  Action a = testing::good_action("FALL-A2", "PLAN-FALLS");
  a.proposed_on = d("2026-02-03");
  Measure falls = testing::records::measure(MeasureKind::outcome, "Falls per 1,000 occupied bed days",
                                            "u-chart rebased at implementation",
                                            "below the 2025 rate", d("2026-09-30"), "");
  falls.category = "fall";
  falls.denominator = "occupied_bed_days";
  falls.direction = Direction::decrease;
  a.measures.push_back(falls);
  reg.add_action(a);
  reg.agree(kFalls, at("2026-02-04T14:00"), "Dr Helen Moss");
  reg.start(kFalls, at("2026-02-05T09:00"), "Ruth Lane");
  reg.add_evidence({EvidenceId("EV-1"), kFalls, EvidenceKind::document, d("2026-02-27"),
                    "Works order 4471", "Fitted"});
  reg.implement(kFalls, at("2026-02-27T17:00"), "Chris Dale");
  return reg;
}

// Occupied bed days of both homes, February 2025 to October 2026, and one
// care-hours row that a bed-day measure must not use.
metrics::ExposureTable bed_days() {
  std::vector<std::int32_t> service;
  std::vector<DayNumber> month;
  std::vector<std::uint8_t> measure;
  std::vector<double> value;
  const auto add = [&](std::int32_t s, Date m, metrics::Measure what, double v) {
    service.push_back(s);
    month.push_back(to_day_number(m));
    measure.push_back(static_cast<std::uint8_t>(what));
    value.push_back(v);
  };
  for (int m = 0; m < 21; ++m) {  // Feb 2025 .. Oct 2026
    add(0, add_months_clamped(d("2025-02-01"), m), metrics::Measure::occupied_bed_days, 1200.0);
    add(1, add_months_clamped(d("2025-02-01"), m), metrics::Measure::occupied_bed_days, 900.0);
  }
  add(0, d("2025-06-01"), metrics::Measure::care_hours, 5000.0);
  return metrics::ExposureTable::from_columns({"RH-OAK", "RH-ELM"}, service, month, measure, value);
}

TEST(Effectiveness, FewerFallsAfterTheChangeIsEffective) {
  const Register reg = falls_register({2, 1, 2, 1, 2, 1, 1});
  const Effectiveness e = evaluate_effectiveness(reg, kFalls, bed_days(), d("2026-10-01"));
  EXPECT_EQ(e.service, ServiceId("RH-OAK"));
  EXPECT_EQ(e.implemented_on, d("2026-02-27"));
  ASSERT_EQ(e.series.size(), 19U);  // 12 before, 7 after (February 2026 and October left out)
  EXPECT_EQ(e.first_after, 12U);
  EXPECT_EQ(e.series[12].month, d("2026-03-01"));
  EXPECT_EQ(e.series[12].count, 2);
  EXPECT_DOUBLE_EQ(e.series[12].rate, 2.0 / 1200.0 * 1000.0);
  EXPECT_EQ(e.comparison.before_count, 62);
  EXPECT_DOUBLE_EQ(e.comparison.before_exposure, 14400.0);
  EXPECT_EQ(e.comparison.after_count, 10);
  EXPECT_DOUBLE_EQ(e.comparison.after_exposure, 8400.0);
  EXPECT_NEAR(e.comparison.rate_ratio, 0.2764976959, 1e-9);
  EXPECT_NEAR(e.comparison.ci_lower, 0.1263884319, 1e-8);
  EXPECT_NEAR(e.comparison.ci_upper, 0.5432126487, 1e-8);
  EXPECT_NEAR(e.comparison.p_value, 2.29745383e-05, 1e-11);
  // Rebased centres: 62 / 14400 and 10 / 8400 per 1,000.
  EXPECT_NEAR(e.before_centre, 4.3055555556, 1e-9);
  EXPECT_NEAR(e.after_centre, 1.1904761905, 1e-9);
  // Seven months below the before centre: a shift, special-cause improvement.
  EXPECT_TRUE(e.spc_improvement);
  EXPECT_FALSE(e.spc_concern);
  EXPECT_EQ(e.verdict, Verdict::effective);
  EXPECT_EQ(e.reason, "rate ratio 0.28 (95% CI 0.13 to 0.54) lies wholly below 1");
  EXPECT_EQ(e.summary(),
            "fall at RH-OAK per 1000 occupied_bed_days: 4.31 before (62 events), 1.19 after (10 "
            "events), rate ratio 0.28 (95% CI 0.13 to 0.54, p < 0.001); SPC: special-cause "
            "improvement; effective: rate ratio 0.28 (95% CI 0.13 to 0.54) lies wholly below 1");
  EXPECT_EQ(e.baseline_chart.size(), 19U);
  EXPECT_EQ(e.rebased_chart.phases.size(), 2U);
}

TEST(Effectiveness, NoChangeIsNotEffective) {
  const Register reg = falls_register({5, 6, 5, 5, 5, 5, 5});
  const Effectiveness e = evaluate_effectiveness(reg, kFalls, bed_days(), d("2026-10-01"));
  EXPECT_EQ(e.comparison.after_count, 36);
  EXPECT_NEAR(e.comparison.rate_ratio, 0.9953917051, 1e-9);
  EXPECT_NEAR(e.comparison.ci_lower, 0.6411309641, 1e-8);
  EXPECT_NEAR(e.comparison.ci_upper, 1.52478489, 1e-7);
  EXPECT_NEAR(e.comparison.p_value, 1.0, 1e-12);
  EXPECT_FALSE(e.spc_improvement);
  EXPECT_EQ(e.verdict, Verdict::not_effective);
  EXPECT_EQ(e.reason,
            "rate ratio 1.00 (95% CI 0.64 to 1.52) and no special-cause improvement");
}

TEST(Effectiveness, TooEarlyOrTooFewIsInconclusive) {
  const Register reg = falls_register({2, 1, 2, 1, 2, 1, 1});
  // As of 30 May 2026 only March and April are complete (the one split:
  // a month counts once its last day is on or before as_of).
  Effectiveness e = evaluate_effectiveness(reg, kFalls, bed_days(), d("2026-05-30"));
  EXPECT_EQ(e.verdict, Verdict::inconclusive);
  EXPECT_EQ(e.reason, "only 2 complete month(s) after implementation (3 needed)");
  EXPECT_EQ(e.comparison.after_count, 3);
  // A day later May is complete too.
  e = evaluate_effectiveness(reg, kFalls, bed_days(), d("2026-05-31"));
  EXPECT_EQ(e.verdict, Verdict::effective);
  EXPECT_EQ(e.comparison.after_count, 5);

  EffectivenessOptions strict;
  strict.min_events = 100;
  e = evaluate_effectiveness(reg, kFalls, bed_days(), d("2026-10-01"), strict);
  EXPECT_EQ(e.verdict, Verdict::inconclusive);
  EXPECT_EQ(e.reason, "only 72 event(s) in all (100 needed)");
  strict = {};
  strict.min_before_months = 13;
  e = evaluate_effectiveness(reg, kFalls, bed_days(), d("2026-10-01"), strict);
  EXPECT_EQ(e.reason, "only 12 month(s) of data before implementation (13 needed)");
}

TEST(Effectiveness, RefusalsNameTheRule) {
  Register reg = falls_register({2, 1, 2});
  try {
    (void)evaluate_effectiveness(reg, kFalls, bed_days(), d("2026-02-26"));
    FAIL() << "evaluated an action not yet implemented";
  } catch (const RuleError& error) {
    EXPECT_EQ(error.rule(), "effectiveness.not_implemented");
    EXPECT_STREQ(error.what(), "action \"FALL-A2\" was not implemented by 2026-02-26");
  }
  EffectivenessOptions second;
  second.outcome_index = 1;
  try {
    (void)evaluate_effectiveness(reg, kFalls, bed_days(), d("2026-10-01"), second);
    FAIL() << "found a second outcome measure";
  } catch (const RuleError& error) {
    EXPECT_EQ(error.rule(), "effectiveness.requires_outcome_measure");
  }
}

TEST(Effectiveness, TheVerdictIsWhatEvaluateRecords) {
  Register reg = falls_register({2, 1, 2, 1, 2, 1, 1});
  Check spot;
  spot.id = CheckId("C-1");
  spot.action = kFalls;
  spot.date = d("2026-03-10");
  spot.kind = MonitoringKind::spot_check;
  spot.passed = true;
  spot.by = "Lee Park";
  reg.add_check(spot);
  reg.verify(kFalls, at("2026-03-10T18:00"), "Dr Helen Moss");
  const Effectiveness e = evaluate_effectiveness(reg, kFalls, bed_days(), d("2026-10-01"));
  reg.evaluate(kFalls, at("2026-10-01T10:00"), "Dr Helen Moss", e.verdict, e.summary());
  EXPECT_EQ(reg.action(kFalls).verdict(), Verdict::effective);
  EXPECT_EQ(reg.action(kFalls).events().back().basis, e.summary());
}

}  // namespace
}  // namespace closeloop::lifecycle
