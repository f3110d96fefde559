// The sample provider: deterministic, realistic rates, every lifecycle state,
// the seed's scenarios, and every event valid under the Register's guards
// (shown by replaying the whole history into a fresh register).
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <string>

#include "closeloop/core/error.hpp"
#include "closeloop/lifecycle/signals.hpp"
#include "closeloop/sample/provider.hpp"
#include "../lifecycle/fixtures.hpp"

namespace closeloop::sample {
namespace {

using namespace closeloop::lifecycle;  // NOLINT(google-build-using-namespace)

const SampleProvider& sample() {
  static const SampleProvider provider = generate_sample_provider();
  return provider;
}

double exposure_sum(const metrics::ExposureTable& table, const std::string& service, metrics::Measure measure,
                    Date from, Date to) {
  double total = 0.0;
  for (std::size_t i = 0; i < table.size(); ++i) {
    if (table.services()[table.service()[i]] != service) continue;
    if (table.measure()[i] != static_cast<std::uint8_t>(measure)) continue;
    const Date month = from_day_number(table.month()[i]);
    if (month >= from && month <= to) total += table.value()[i];
  }
  return total;
}

int incident_count(const Register& reg, const std::string& service, const std::string& category, Date from,
                   Date to) {
  int n = 0;
  for (const auto& [id, i] : reg.incidents()) {
    const Date on = i.occurred_at.date();
    if (i.service.str() == service && i.category == category && on >= from && on <= to) ++n;
  }
  return n;
}

TEST(SampleProvider, SameSeedSameProviderOtherSeedOther) {
  const auto again = generate_sample_provider();
  EXPECT_TRUE(again.reg == sample().reg);
  EXPECT_EQ(again.exposures.value().size(), sample().exposures.value().size());
  SampleOptions other;
  other.seed = 8;
  EXPECT_FALSE(generate_sample_provider(other).reg == sample().reg);
}

TEST(SampleProvider, ServicesOfEveryType) {
  std::set<std::string> types;
  for (const auto& [id, s] : sample().reg.services()) types.insert(s.type);
  EXPECT_EQ(types, (std::set<std::string>{"day_service", "domiciliary", "nursing", "residential",
                                          "supported_living"}));
  EXPECT_EQ(sample().services.size(), sample().reg.services().size());
}

TEST(SampleProvider, FallsInCareHomesAtFourToEightPerThousandBedDays) {
  const Date from(2024, 12, 1);
  const Date to(2026, 10, 31);
  for (const char* home : {"oak-house", "birch-lodge", "willow-view"}) {
    const int falls = incident_count(sample().reg, home, "fall", from, to.end_of_month());
    const double obd = exposure_sum(sample().exposures, home, metrics::Measure::occupied_bed_days, from, to);
    const double rate = falls / obd * 1000.0;
    EXPECT_GE(rate, 4.0) << home;
    EXPECT_LE(rate, 8.0) << home;
  }
}

TEST(SampleProvider, MedicationErrorsFallAtElmCourtAfterTheGuidance) {
  // Scenario 1: errors per 1,000 doses before April 2026 and from April.
  const Date before_from(2024, 12, 1);
  const Date before_to(2026, 3, 1);
  const Date after_from(2026, 4, 1);
  const Date after_to(2026, 10, 1);
  const double k1 = incident_count(sample().reg, "elm-court", "medication_error", before_from, before_to.end_of_month());
  const double k2 = incident_count(sample().reg, "elm-court", "medication_error", after_from, after_to.end_of_month());
  const double e1 = exposure_sum(sample().exposures, "elm-court", metrics::Measure::doses_administered, before_from, before_to);
  const double e2 = exposure_sum(sample().exposures, "elm-court", metrics::Measure::doses_administered, after_from, after_to);
  EXPECT_GT(k1 / e1 * 1000.0, 1.5);
  EXPECT_LT((k2 / e2) / (k1 / e1), 0.6);
}

TEST(SampleProvider, ActionsInEveryLifecycleState) {
  std::set<ActionState> states;
  for (const auto& [id, a] : sample().reg.actions()) states.insert(a.state());
  EXPECT_EQ(states.size(), 9U);
  EXPECT_EQ(sample().reg.action(ActionId("A-MED-1")).state(), ActionState::closed);
  EXPECT_EQ(sample().reg.action(ActionId("A-FALL-1")).state(), ActionState::evaluated);
  EXPECT_EQ(sample().reg.action(ActionId("A-DOM-1")).state(), ActionState::implemented);
  EXPECT_EQ(sample().reg.action(ActionId("A-HT-1")).state(), ActionState::reopened);
  EXPECT_EQ(sample().reg.action(ActionId("A-PU-3")).state(), ActionState::cancelled);
  EXPECT_FALSE(sample().reg.evidence_items().empty());
  EXPECT_FALSE(sample().reg.checks().empty());
  EXPECT_FALSE(sample().reg.reviews().empty());
  EXPECT_EQ(sample().reg.shares().size(), 2U);
  EXPECT_TRUE(sample().reg.default_escalation_path().has_value());
}

TEST(SampleProvider, TheSeedScenariosRaiseTheirSignals) {
  const Signals s = signals(sample().reg, sample().as_of);
  const auto has = [](const auto& list, const char* action) {
    for (const auto& item : list) {
      if (item.action.str() == action) return true;
    }
    return false;
  };
  EXPECT_TRUE(has(s.overdue, "A-FALL-4"));
  EXPECT_TRUE(has(s.stale, "A-DOM-2"));
  EXPECT_TRUE(has(s.missed_monitoring, "A-DOM-2"));
  EXPECT_TRUE(has(s.faded, "A-WV-1"));
  ASSERT_EQ(s.unreviewed.size(), 1U);
  EXPECT_EQ(s.unreviewed.front().plan.str(), "P-DOM-1");
  std::set<std::string> not_spread;
  for (const auto& n : s.not_spread) not_spread.insert(n.service.str());
  EXPECT_EQ(not_spread, (std::set<std::string>{"hilltop-dom", "riverside-dom", "willow-view"}));
  // The two services that adopted briefed enough staff by the reach
  // deadline: Maple Court 21 of 24 (87.5%), Birch Lodge 27 of 31 (87%, then
  // 29 of 32 with a new starter).
  EXPECT_EQ(s.not_spread.size(), 3U);
  const auto maple = reach_as_of(sample().reg, ShareId("S-MED-1"), ServiceId("maple-court"), sample().as_of);
  ASSERT_TRUE(maple.has_value());
  EXPECT_EQ(maple->briefed, 21);
  EXPECT_EQ(maple->in_scope, 24);
  const auto birch = reach_as_of(sample().reg, ShareId("S-FALL-1"), ServiceId("birch-lodge"), sample().as_of);
  ASSERT_TRUE(birch.has_value());
  EXPECT_EQ(birch->briefed, 29);
  EXPECT_EQ(birch->in_scope, 32);
  EXPECT_EQ(s.overdue.size(), 1U);
  EXPECT_EQ(s.stale.size(), 1U);
}

TEST(SampleProvider, NothingIsDatedAfterAsOf) {
  const Date as_of = sample().as_of;
  for (const auto& [id, i] : sample().reg.incidents()) EXPECT_LE(i.occurred_at.date(), as_of) << id;
  for (const auto& [id, c] : sample().reg.checks()) EXPECT_LE(c.date, as_of) << id;
  for (const auto& [id, e] : sample().reg.evidence_items()) EXPECT_LE(e.date, as_of) << id;
  for (const auto& [id, a] : sample().reg.actions()) {
    for (const auto& event : a.events()) EXPECT_LE(event.at.date(), as_of) << id;
  }
  for (const auto& [target, records] : sample().reg.briefings()) {
    for (const auto& b : records) EXPECT_LE(b.date, as_of) << b.share.str();
  }
}

TEST(SampleProvider, IncidentTableHoldsTheRegistersIncidents) {
  const auto& table = sample().incidents;
  ASSERT_EQ(table.size(), sample().reg.incidents().size());
  std::size_t row = 0;
  for (const auto& [id, i] : sample().reg.incidents()) {
    EXPECT_EQ(table.ids()[row], id.str());
    EXPECT_EQ(table.services()[table.service()[row]], i.service.str());
    EXPECT_EQ(table.categories()[table.category()[row]], i.category);
    EXPECT_EQ(table.day()[row], to_day_number(i.occurred_at.date()));
    ++row;
  }
  EXPECT_GT(table.size(), 600U);
}

// Every event of every action, replayed through apply_event into a register
// rebuilt from the plain fields, gives the same register: each event passed
// the same guards as when it was made.
TEST(SampleProvider, EveryEventReplaysThroughTheGuards) {
  const Register& original = sample().reg;
  Register replay = lifecycle::testing::without_events(original);
  for (const auto& [id, a] : original.actions()) {
    for (const auto& event : a.events()) replay.apply_event(event);
  }
  EXPECT_TRUE(replay == original);
  for (const auto& [id, a] : original.actions()) {
    EXPECT_EQ(replay.action(id).state(), a.state()) << id;
    EXPECT_EQ(replay.action(id).events().size(), a.events().size()) << id;
  }
}

TEST(SampleProvider, RefusesOptionsItCannotHonour) {
  SampleOptions short_run;
  short_run.months = 6;
  EXPECT_THROW((void)generate_sample_provider(short_run), InputError);
  SampleOptions late;
  late.as_of = Date(2027, 6, 1);
  EXPECT_THROW((void)generate_sample_provider(late), InputError);
  SampleOptions zero;
  zero.rate_scale = 0.0;
  EXPECT_THROW((void)generate_sample_provider(zero), InputError);
}

}  // namespace
}  // namespace closeloop::sample
