// Checks that carry measured values, and effectiveness for proportions
// (the seed's scenario 1: MAR documentation accuracy from monthly audits),
// durations (scenario 3: hours to escalate from weekly call-log reviews) and
// balancing measures. Expected figures were computed once with scipy 1.10.1:
//
//   Newcombe (method 10) for 93/120 before, 117/120 after, from
//   w = scipy.stats.binomtest(x, n).proportion_ci(0.95, "wilson"):
//     difference 0.19999999999999996, limits 0.11999421635047228 and
//     0.28419400572403974
//   scipy.stats.mannwhitneyu(after, before, alternative="two-sided",
//     method="asymptotic", use_continuity=True) on the weekly hours below:
//     statistic 0.0, pvalue 3.5735899810122086e-05; numpy: Hodges-Lehmann
//     shift -6.0 with limits -7.0 and -5.1 (k = 38).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "closeloop/lifecycle/effectiveness.hpp"
#include "closeloop/lifecycle/register.hpp"
#include "fixtures.hpp"

namespace closeloop::lifecycle {
namespace {

// The action's first measure evaluated as of a date, by month.
Effectiveness evaluate_first_measure(const Register& reg, const ActionId& action, Date as_of) {
  EffectivenessOptions options;
  options.measure_index = 0;
  return evaluate_effectiveness(reg, action, metrics::ExposureTable(), as_of, options);
}

// The options that evaluate the first measure by week.
EffectivenessOptions weekly_first_measure() {
  EffectivenessOptions options;
  options.measure_index = 0;
  options.period = metrics::PeriodKind::week;
  return options;
}

using testing::at;
using testing::d;

using testing::add_audits;
using testing::audit_register;
using testing::kMed;

TEST(MeasuredChecks, PassedFollowsFromTheValueAgainstTheTarget) {
  Register reg = audit_register();
  Check c;
  c.id = CheckId("AUD-X");
  c.action = kMed;
  c.date = d("2026-03-10");
  c.kind = MonitoringKind::audit;
  c.measure = "MED-A1/accuracy";
  c.score = 10;
  c.denominator = 22;
  c.passed = true;  // "10 of 22, passed" against at least 95%
  testing::expect_refused<RuleError>(
      reg, [&](Register& r) { r.add_check(c); }, "check.passed_contradicts_target",
      "check \"AUD-X\" of measure \"MED-A1/accuracy\": 10 of 22 (45.4545%) against a target of "
      "at least 0.95 is marked passed but misses the target");
  c.passed = false;
  reg.add_check(c);  // recorded as the failure it is
  // 21 of 22 (95.5%) marked failed contradicts the target the other way.
  Check d2 = c;
  d2.id = CheckId("AUD-Y");
  d2.score = 21;
  testing::expect_refused<RuleError>(
      reg, [&](Register& r) { r.add_check(d2); }, "check.passed_contradicts_target",
      "is marked failed but meets the target");
  // A proportion needs its successes and trials; zero trials is refused.
  Check bare = c;
  bare.id = CheckId("AUD-Z");
  bare.score.reset();
  bare.denominator.reset();
  testing::expect_refused<RuleError>(
      reg, [&](Register& r) { r.add_check(bare); }, "check.value_required",
      "check \"AUD-Z\" of measure \"MED-A1/accuracy\" (a proportion) needs its successes and "
      "trials (score and denominator)");
  bare.score = 0;
  bare.denominator = 0;
  testing::expect_refused<InputError>(
      reg, [&](Register& r) { r.add_check(bare); }, "",
      "the score must lie between 0 and a positive denominator");
}

TEST(MeasuredChecks, AMeasureOfAnotherActionOrOfNoneIsRefused) {
  Register reg = audit_register();
  Action other = testing::good_action("MED-A2");
  other.measures.front().id = "MED-A2/observed";
  other.measures.front().kind_of_value = metrics::SeriesKind::duration;
  other.measures.front().unit = "minutes";
  reg.add_action(other);
  Check c;
  c.id = CheckId("OBS-1");
  c.action = kMed;
  c.date = d("2026-03-10");
  c.measure = "MED-A2/observed";
  c.value = 12;
  c.unit = "minutes";
  testing::expect_refused<RuleError>(
      reg, [&](Register& r) { r.add_check(c); }, "check.measure_of_another_action",
      "check \"OBS-1\" of action \"MED-A1\" records measure \"MED-A2/observed\", which belongs "
      "to action \"MED-A2\"");
  c.measure = "MED-A1/nothing";
  testing::expect_refused<NotFoundError>(reg, [&](Register& r) { r.add_check(c); }, "",
                                         "action \"MED-A1\" has no measure \"MED-A1/nothing\"");
  // Durations: a value in the measure's unit, never negative.
  c.action = ActionId("MED-A2");
  c.measure = "MED-A2/observed";
  c.unit = "hours";
  testing::expect_refused<RuleError>(reg, [&](Register& r) { r.add_check(c); },
                                     "check.unit_mismatch",
                                     "the value is in \"hours\" but the measure is in \"minutes\"");
  c.unit = "minutes";
  c.value = -5;
  testing::expect_refused<InputError>(reg, [&](Register& r) { r.add_check(c); }, "",
                                      "-5 minutes is negative (an end before its start)");
  c.value.reset();
  testing::expect_refused<RuleError>(reg, [&](Register& r) { r.add_check(c); },
                                     "check.value_required", "(a duration) needs a value in minutes");
  // Measure ids are unique across the register.
  Action copy = testing::good_action("MED-A3");
  copy.measures.front().id = "MED-A1/accuracy";
  testing::expect_refused<RuleError>(reg, [&](Register& r) { r.add_action(copy); },
                                     "measure.duplicate_id",
                                     "measure id \"MED-A1/accuracy\" is already a measure of "
                                     "action \"MED-A1\"");
}

TEST(MeasuredEffectiveness, AuditAccuracyImproved) {
  Register reg = audit_register();
  // Aug 2025 .. Jan 2026: 93 of 120; February (transition) 17; Mar .. Aug 2026: 117 of 120.
  add_audits(reg, {15, 16, 14, 15, 17, 16, 17, 19, 20, 19, 20, 20, 19});
  const Effectiveness e = evaluate_first_measure(reg, kMed, d("2026-08-31"));
  EXPECT_EQ(e.value_kind, metrics::SeriesKind::proportion);
  EXPECT_EQ(e.role, MeasureKind::process);
  EXPECT_EQ(e.measure_id, "MED-A1/accuracy");
  ASSERT_EQ(e.measured.size(), 12U);  // six months either side
  EXPECT_EQ(e.first_after, 6U);
  EXPECT_EQ(e.proportion.before_successes, 93);
  EXPECT_EQ(e.proportion.before_trials, 120);
  EXPECT_EQ(e.proportion.after_successes, 117);
  EXPECT_EQ(e.proportion.after_trials, 120);
  EXPECT_NEAR(e.proportion.difference, 0.19999999999999996, 1e-15);
  EXPECT_NEAR(e.proportion.ci_lower, 0.11999421635047228, 1e-12);
  EXPECT_NEAR(e.proportion.ci_upper, 0.28419400572403974, 1e-12);
  EXPECT_EQ(e.rebased_chart.kind, metrics::ChartKind::p);
  EXPECT_DOUBLE_EQ(e.before_centre, 93.0 / 120);
  EXPECT_DOUBLE_EQ(e.after_centre, 117.0 / 120);
  EXPECT_EQ(e.verdict, Verdict::effective);
  EXPECT_EQ(e.reason,
            "proportion 77.5% before, 97.5% after, difference 20.0 points (95% CI 12.0 to 28.4) "
            "lies wholly on the improving side");
  EXPECT_EQ(e.summary(),
            "MED-A1/accuracy: 93 of 120 before (77.5%), 117 of 120 after (97.5%), difference "
            "20.0 points (95% CI 12.0 to 28.4); SPC: special-cause improvement; effective: "
            "proportion 77.5% before, 97.5% after, difference 20.0 points (95% CI 12.0 to 28.4) "
            "lies wholly on the improving side");
}

TEST(MeasuredEffectiveness, ImprovedButShortOfTheTargetIsNotEffective) {
  Register reg = audit_register();
  // After: 98 of 120 (81.7%): up, but short of 95%. Newcombe (scipy as above):
  // difference 0.04166666666666663, limits -0.06071125698285164 and 0.14316651269159936.
  add_audits(reg, {15, 16, 14, 15, 17, 16, 17, 16, 17, 16, 17, 16, 16});
  const Effectiveness e = evaluate_first_measure(reg, kMed, d("2026-08-31"));
  EXPECT_NEAR(e.proportion.ci_lower, -0.06071125698285164, 1e-12);
  EXPECT_NEAR(e.proportion.ci_upper, 0.14316651269159936, 1e-12);
  EXPECT_EQ(e.verdict, Verdict::not_effective);
}

// East Branch's escalation pathway (implemented Monday 16 February 2026) with
// a duration measure: hours from concern to supervisor, at most 1.5.
Register escalation_register(const std::vector<double>& hours, bool with_balancing) {
  Register reg = testing::small_register();
  Action a = testing::good_action("ESC-A1");
  a.proposed_on = d("2025-11-01");
  Measure& m = a.measures.front();
  m.what = "Hours from concern to supervisor";
  m.id = "ESC-A1/hours";
  m.kind_of_value = metrics::SeriesKind::duration;
  m.unit = "hours";
  m.direction = Direction::decrease;
  m.target = 1.5;
  if (with_balancing) {
    Measure calls = testing::process_measure();
    calls.kind = MeasureKind::balancing;
    calls.what = "Calls to the on-call line that were not urgent";
    calls.id = "ESC-A1/non-urgent";
    calls.kind_of_value = metrics::SeriesKind::proportion;
    calls.direction = Direction::decrease;
    a.measures.push_back(calls);
  }
  reg.add_action(a);
  const ActionId id("ESC-A1");
  reg.agree(id, at("2026-01-27T11:00"), "Asha Patel");
  reg.start(id, at("2026-01-28T09:00"), "Lee Grant");
  reg.add_evidence({EvidenceId("EV-E1"), id, EvidenceKind::policy_version, d("2026-02-16"),
                    "SG-04 v2", "Escalation pathway issued"});
  reg.implement(id, at("2026-02-16T17:00"), "Lee Grant");
  for (std::size_t k = 0; k < hours.size(); ++k) {
    Check c;
    c.id = CheckId("LOG-" + std::to_string(k + 1));
    c.action = id;
    c.date = d("2025-11-26") + boost::gregorian::days(7 * static_cast<long>(k));  // Wednesdays
    c.kind = MonitoringKind::call_log_review;
    c.measure = "ESC-A1/hours";
    c.value = hours[k];
    c.unit = "hours";
    c.passed = hours[k] <= 1.5;
    reg.add_check(c);
    if (with_balancing) {
      // Non-urgent calls of all calls that week: 2 of 10 before, 6 of 10 after.
      Check b;
      b.id = CheckId("NU-" + std::to_string(k + 1));
      b.action = id;
      b.date = c.date;
      b.kind = MonitoringKind::call_log_review;
      b.measure = "ESC-A1/non-urgent";
      b.score = k < 12 ? 2 : 6;
      b.denominator = 10;
      b.passed = true;
      reg.add_check(b);
    }
  }
  return reg;
}

const std::vector<double> kHours{6.5, 8.0, 5.5, 7.0, 9.5, 6.0, 7.5, 8.5, 6.5, 7.0, 5.0, 8.0,
                                 2.0, 1.5, 1.0, 1.2, 0.8, 1.1, 0.9, 0.7, 1.0, 0.8, 0.6, 0.9};

TEST(MeasuredEffectiveness, TimeToEscalateFell) {
  const Register reg = escalation_register(kHours, false);
  const EffectivenessOptions options = weekly_first_measure();
  const Effectiveness e = evaluate_effectiveness(reg, ActionId("ESC-A1"), metrics::ExposureTable(),
                                                 d("2026-05-18"), options);
  EXPECT_EQ(e.value_kind, metrics::SeriesKind::duration);
  ASSERT_EQ(e.measured.size(), 24U);  // twelve weeks either side; the week of 16 Feb is after
  EXPECT_EQ(e.first_after, 12U);
  EXPECT_EQ(e.duration.before_n, 12U);
  EXPECT_EQ(e.duration.after_n, 12U);
  EXPECT_NEAR(e.duration.p_value, 3.5735899810122086e-05, 1e-15);
  EXPECT_NEAR(e.duration.shift, -6.0, 1e-12);
  EXPECT_NEAR(e.duration.ci_lower, -7.0, 1e-12);
  EXPECT_NEAR(e.duration.ci_upper, -5.1, 1e-12);
  EXPECT_DOUBLE_EQ(e.duration.before_median, 7.0);
  EXPECT_DOUBLE_EQ(e.duration.after_median, 0.95);
  EXPECT_EQ(e.rebased_chart.kind, metrics::ChartKind::xmr);
  EXPECT_TRUE(e.spc_improvement);
  EXPECT_EQ(e.verdict, Verdict::effective);
  EXPECT_TRUE(e.balancing.empty());
}

TEST(MeasuredEffectiveness, ABalancingMeasureThatMovedTheWrongWayIsReported) {
  const Register reg = escalation_register(kHours, true);
  const EffectivenessOptions options = weekly_first_measure();
  const Effectiveness e = evaluate_effectiveness(reg, ActionId("ESC-A1"), metrics::ExposureTable(),
                                                 d("2026-05-18"), options);
  EXPECT_EQ(e.verdict, Verdict::effective);
  ASSERT_EQ(e.balancing.size(), 1U);
  EXPECT_EQ(e.balancing[0].measure_index, 1U);
  EXPECT_TRUE(e.balancing[0].moved_wrong_way);
  EXPECT_EQ(e.balancing[0].verdict, Verdict::not_effective);
  EXPECT_NE(e.reason.find("balancing measure \"Calls to the on-call line that were not urgent\" "
                          "moved the wrong way"),
            std::string::npos)
      << e.reason;
}

TEST(MeasuredEffectiveness, TooFewPeriodsIsInconclusive) {
  const std::vector<double> short_run(kHours.begin() + 8, kHours.begin() + 14);
  const Register reg = escalation_register(short_run, false);
  const EffectivenessOptions options = weekly_first_measure();
  // Six weekly reviews, all before the change: no week after it.
  const Effectiveness e = evaluate_effectiveness(reg, ActionId("ESC-A1"), metrics::ExposureTable(),
                                                 d("2026-03-01"), options);
  EXPECT_EQ(e.verdict, Verdict::inconclusive);
}

}  // namespace
}  // namespace closeloop::lifecycle
