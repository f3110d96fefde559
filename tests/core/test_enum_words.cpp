// Every enum's one word table round-trips: each word parses to a value whose
// word is that word, and an unknown word gets the table's "expected one of" message.
#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "closeloop/core/enum_words.hpp"
#include "closeloop/core/enums.hpp"
#include "closeloop/core/error.hpp"
#include "closeloop/lifecycle/enums.hpp"
#include "closeloop/metrics/calendar.hpp"
#include "closeloop/metrics/grid.hpp"
#include "closeloop/metrics/measure_series.hpp"
#include "closeloop/metrics/rules.hpp"
#include "closeloop/metrics/spc.hpp"
#include "closeloop/metrics/tables.hpp"
#include "closeloop/metrics/verdict.hpp"
#include "closeloop/report/model.hpp"

namespace closeloop {
namespace {

template <class E>
void expect_round_trip() {
  const auto& table = words_of<E>();
  SCOPED_TRACE(std::string(table.kind));
  const auto words = all_words<E>();
  ASSERT_EQ(words.size(), table.entries.size());
  std::string expected = "unknown " + std::string(table.kind) + " \"no such word\": expected one of ";
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string_view word = words[i];
    EXPECT_EQ(word_of(parse_word<E>(word)), word);
    EXPECT_EQ(find_word<E>(word), parse_word<E>(word));
    expected += (i > 0 ? ", " : "") + std::string(word);
  }
  EXPECT_FALSE(find_word<E>("no such word").has_value());
  try {
    (void)parse_word<E>("no such word");
    ADD_FAILURE() << "no error for an unknown word";
  } catch (const InputError& error) {
    EXPECT_EQ(std::string(error.what()), expected);
  }
}

template <class... E>
void expect_round_trips() {
  (expect_round_trip<E>(), ...);
}

TEST(EnumWords, EveryTableRoundTrips) {
  namespace lc = lifecycle;
  namespace mx = metrics;
  namespace rp = report;
  expect_round_trips<Harm, PsychologicalHarm, ActionState>();
  expect_round_trips<lc::ContributingFactor, lc::InvestigationMethod, lc::InterventionType,
                     lc::ActionStrength, lc::MeasureKind, lc::Direction, lc::MonitoringKind,
                     lc::EvidenceKind, lc::Forum, lc::Channel, lc::Verdict, lc::Decision,
                     lc::Approval, lc::Transition, lc::WorstHarm, lc::Weekday,
                     lc::RecurrenceKind, lc::Severity, lc::EscalationKind,
                     lc::RecurrenceReason, lc::SpreadGap, lc::FadeReason>();
  expect_round_trips<mx::Rule, mx::Improvement, mx::PointType, mx::Variation, mx::Assurance,
                     mx::SpecialCause, mx::ChartKind, mx::GroupKey, mx::SeriesKind,
                     mx::PeriodKind, mx::IncidentColumn, mx::Measure>();
  expect_round_trips<rp::Audience, rp::Severity, rp::FindingKind, rp::LinkKind, rp::PointClass,
                     rp::QualityStatement, rp::EvidenceCategory, rp::SectionKey>();
}

TEST(EnumWords, AreaFunctionsReadTheSameTable) {
  EXPECT_EQ(word_of(Harm::moderate), to_string(Harm::moderate));
  EXPECT_EQ(parse_word<Harm>("severe"), parse_harm("severe"));
  EXPECT_EQ(word_of(metrics::Measure::care_hours), "care_hours");
}

}  // namespace
}  // namespace closeloop
