// Text forms of the lifecycle enums, worst harm, action strength, the Duty of
// Candour default, and monitoring schedules (expected dates read off a
// calendar by hand).
#include <gtest/gtest.h>

#include <vector>

#include "closeloop/core/error.hpp"
#include "closeloop/lifecycle/schedule.hpp"
#include "closeloop/lifecycle/types.hpp"
#include "fixtures.hpp"

namespace closeloop::lifecycle {
namespace {

using testing::d;

template <class E, class Parse>
void expect_round_trip(std::initializer_list<E> values, Parse parse) {
  for (E value : values) {
    EXPECT_EQ(parse(to_string(value)), value) << to_string(value);
  }
}

TEST(LifecycleEnums, EveryWordRoundTrips) {
  expect_round_trip({ContributingFactor::documentation, ContributingFactor::procedure,
                     ContributingFactor::staff_knowledge, ContributingFactor::training,
                     ContributingFactor::assessment, ContributingFactor::environment,
                     ContributingFactor::equipment, ContributingFactor::communication,
                     ContributingFactor::escalation, ContributingFactor::staffing,
                     ContributingFactor::supervision, ContributingFactor::other},
                    parse_contributing_factor);
  expect_round_trip({InvestigationMethod::after_action_review, InvestigationMethod::swarm_huddle,
                     InvestigationMethod::thematic_review, InvestigationMethod::root_cause_analysis,
                     InvestigationMethod::safeguarding_enquiry, InvestigationMethod::other},
                    parse_investigation_method);
  expect_round_trip(
      {InterventionType::physical_change, InterventionType::forcing_function,
       InterventionType::simplification, InterventionType::standardised_equipment,
       InterventionType::checklist, InterventionType::redundancy, InterventionType::staffing_change,
       InterventionType::software_enhancement, InterventionType::remove_look_alikes,
       InterventionType::training, InterventionType::policy_procedure, InterventionType::warning,
       InterventionType::double_check},
      parse_intervention_type);
  expect_round_trip({ActionStrength::stronger, ActionStrength::intermediate, ActionStrength::weaker},
                    parse_action_strength);
  expect_round_trip({MeasureKind::outcome, MeasureKind::process, MeasureKind::balancing},
                    parse_measure_kind);
  expect_round_trip({Direction::decrease, Direction::increase}, parse_direction);
  expect_round_trip({MonitoringKind::spot_check, MonitoringKind::audit,
                     MonitoringKind::competency_observation, MonitoringKind::supervision,
                     MonitoringKind::governance_meeting, MonitoringKind::call_log_review},
                    parse_monitoring_kind);
  expect_round_trip({EvidenceKind::audit_result, EvidenceKind::training_record,
                     EvidenceKind::policy_version, EvidenceKind::minutes, EvidenceKind::observation,
                     EvidenceKind::document},
                    parse_evidence_kind);
  expect_round_trip({Forum::clinical_governance, Forum::quality_assurance, Forum::board,
                     Forum::contract_monitoring},
                    parse_forum);
  expect_round_trip({Channel::governance_forum, Channel::staff_briefing, Channel::leadership_update},
                    parse_channel);
  expect_round_trip({Verdict::effective, Verdict::not_effective, Verdict::inconclusive},
                    parse_verdict);
  expect_round_trip({Decision::adopt, Decision::adapt, Decision::abandon}, parse_decision);
  expect_round_trip({Approval::pending, Approval::approved, Approval::refused}, parse_approval);
  expect_round_trip({Transition::agree, Transition::start, Transition::implement,
                     Transition::verify, Transition::evaluate, Transition::close,
                     Transition::reopen, Transition::cancel, Transition::edit},
                    parse_transition);
  expect_round_trip({WorstHarm::none, WorstHarm::psychological_low, WorstHarm::physical_low,
                     WorstHarm::psychological_moderate, WorstHarm::physical_moderate,
                     WorstHarm::psychological_severe, WorstHarm::physical_severe, WorstHarm::fatal},
                    parse_worst_harm);
  expect_round_trip({Weekday::monday, Weekday::tuesday, Weekday::wednesday, Weekday::thursday,
                     Weekday::friday, Weekday::saturday, Weekday::sunday},
                    parse_weekday);
  expect_round_trip({RecurrenceKind::none, RecurrenceKind::weekly, RecurrenceKind::every_n_weeks,
                     RecurrenceKind::monthly_day, RecurrenceKind::monthly_last_day,
                     RecurrenceKind::quarterly},
                    parse_recurrence_kind);
  expect_round_trip({Severity::error, Severity::warning}, parse_severity);
  expect_round_trip({EscalationKind::remind, EscalationKind::escalate}, parse_escalation_kind);
  expect_round_trip({RecurrenceReason::same_category_and_service,
                     RecurrenceReason::same_contributing_factor},
                    parse_recurrence_reason);
  expect_round_trip({SpreadGap::not_acknowledged, SpreadGap::adoption_undecided,
                     SpreadGap::reach_below_threshold},
                    parse_spread_gap);
  expect_round_trip({FadeReason::check_failed, FadeReason::check_missed}, parse_fade_reason);
  EXPECT_EQ(to_string(InterventionType::remove_look_alikes), "remove_look_alikes");
  EXPECT_EQ(to_string(ContributingFactor::staff_knowledge), "staff_knowledge");
}

TEST(LifecycleEnums, UnknownWordsListTheAllowedOnes) {
  try {
    (void)parse_verdict("worked");
    FAIL() << "accepted an unknown verdict";
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(),
                 "unknown verdict \"worked\": expected one of effective, not_effective, "
                 "inconclusive");
  }
  EXPECT_THROW((void)parse_forum("Board"), InputError);
}

TEST(LifecycleEnums, WorstHarmRanksPsychologicalOneStepMilder) {
  EXPECT_EQ(worst_harm(Harm::none, PsychologicalHarm::none), WorstHarm::none);
  EXPECT_EQ(worst_harm(Harm::none, PsychologicalHarm::low), WorstHarm::psychological_low);
  EXPECT_EQ(worst_harm(Harm::low, PsychologicalHarm::low), WorstHarm::physical_low);
  EXPECT_EQ(worst_harm(Harm::low, PsychologicalHarm::moderate), WorstHarm::psychological_moderate);
  EXPECT_EQ(worst_harm(Harm::moderate, PsychologicalHarm::moderate), WorstHarm::physical_moderate);
  EXPECT_EQ(worst_harm(Harm::moderate, PsychologicalHarm::severe), WorstHarm::psychological_severe);
  EXPECT_EQ(worst_harm(Harm::severe, PsychologicalHarm::severe), WorstHarm::physical_severe);
  EXPECT_EQ(worst_harm(Harm::fatal, PsychologicalHarm::none), WorstHarm::fatal);
  EXPECT_LT(WorstHarm::psychological_severe, WorstHarm::physical_severe);
  EXPECT_GT(WorstHarm::psychological_severe, WorstHarm::physical_moderate);
  Incident incident;
  incident.harm = Harm::low;
  incident.psychological_harm = PsychologicalHarm::severe;
  EXPECT_EQ(incident.worst_harm(), WorstHarm::psychological_severe);
}

TEST(LifecycleEnums, StrengthFollowsTheHierarchy) {
  EXPECT_EQ(strength_of(InterventionType::physical_change), ActionStrength::stronger);
  EXPECT_EQ(strength_of(InterventionType::forcing_function), ActionStrength::stronger);
  EXPECT_EQ(strength_of(InterventionType::simplification), ActionStrength::stronger);
  EXPECT_EQ(strength_of(InterventionType::standardised_equipment), ActionStrength::stronger);
  EXPECT_EQ(strength_of(InterventionType::checklist), ActionStrength::intermediate);
  EXPECT_EQ(strength_of(InterventionType::redundancy), ActionStrength::intermediate);
  EXPECT_EQ(strength_of(InterventionType::staffing_change), ActionStrength::intermediate);
  EXPECT_EQ(strength_of(InterventionType::software_enhancement), ActionStrength::intermediate);
  EXPECT_EQ(strength_of(InterventionType::remove_look_alikes), ActionStrength::intermediate);
  EXPECT_EQ(strength_of(InterventionType::training), ActionStrength::weaker);
  EXPECT_EQ(strength_of(InterventionType::policy_procedure), ActionStrength::weaker);
  EXPECT_EQ(strength_of(InterventionType::warning), ActionStrength::weaker);
  EXPECT_EQ(strength_of(InterventionType::double_check), ActionStrength::weaker);
}

TEST(LifecycleEnums, DutyOfCandourDueIsTenWorkingDaysLater) {
  // Aware on Friday 2 January 2026: working days 5-9 and 12-16 January.
  EXPECT_EQ(duty_of_candour_due(d("2026-01-02")), d("2026-01-16"));
  // Aware on a Sunday: Monday 30 March is the first working day; Good Friday
  // (3 April) and Easter Monday (6 April) are bank holidays, not working days.
  EXPECT_EQ(duty_of_candour_due(d("2026-03-29")), d("2026-04-14"));
}

TEST(Schedule, WeeklyOnAWeekday) {
  const auto r = Recurrence::weekly(Weekday::monday);
  // 1 January 2026 is a Thursday.
  EXPECT_EQ(weekday_of(d("2026-01-01")), Weekday::thursday);
  EXPECT_EQ(r.occurrences(d("2026-01-01"), d("2026-01-31")),
            (std::vector<Date>{d("2026-01-05"), d("2026-01-12"), d("2026-01-19"), d("2026-01-26")}));
  EXPECT_EQ(r.occurrences(d("2026-01-05"), d("2026-01-05")), std::vector<Date>{d("2026-01-05")});
  EXPECT_TRUE(r.occurrences(d("2026-01-06"), d("2026-01-11")).empty());
  EXPECT_TRUE(r.occurrences(d("2026-01-31"), d("2026-01-01")).empty());
  EXPECT_EQ(r.describe(), "weekly on Monday");
}

TEST(Schedule, EveryNWeeksFromAnAnchor) {
  const auto r = Recurrence::every_n_weeks(2, d("2026-01-05"));
  EXPECT_EQ(r.occurrences(d("2026-01-10"), d("2026-02-28")),
            (std::vector<Date>{d("2026-01-19"), d("2026-02-02"), d("2026-02-16")}));
  // Before the anchor there is nothing.
  EXPECT_EQ(r.occurrences(d("2025-12-01"), d("2026-01-05")), std::vector<Date>{d("2026-01-05")});
  EXPECT_THROW((void)Recurrence::every_n_weeks(0, d("2026-01-05")), InputError);
}

TEST(Schedule, MonthlyOnDayClampsInShortMonths) {
  const auto r = Recurrence::monthly_on_day(31);
  EXPECT_EQ(r.occurrences(d("2026-01-01"), d("2026-06-30")),
            (std::vector<Date>{d("2026-01-31"), d("2026-02-28"), d("2026-03-31"), d("2026-04-30"),
                               d("2026-05-31"), d("2026-06-30")}));
  EXPECT_EQ(Recurrence::monthly_on_day(30).occurrences(d("2028-02-01"), d("2028-02-29")),
            std::vector<Date>{d("2028-02-29")});
  EXPECT_EQ(Recurrence::monthly_on_day(15).occurrences(d("2026-01-20"), d("2026-03-10")),
            std::vector<Date>{d("2026-02-15")});
  EXPECT_THROW((void)Recurrence::monthly_on_day(32), InputError);
  EXPECT_THROW((void)Recurrence::monthly_on_day(0), InputError);
}

TEST(Schedule, MonthlyOnTheLastDay) {
  EXPECT_EQ(Recurrence::monthly_last_day().occurrences(d("2028-01-15"), d("2028-04-30")),
            (std::vector<Date>{d("2028-01-31"), d("2028-02-29"), d("2028-03-31"), d("2028-04-30")}));
}

TEST(Schedule, QuarterlyKeepsTheAnchorDay) {
  const auto r = Recurrence::quarterly(d("2025-11-30"));
  EXPECT_EQ(r.occurrences(d("2026-01-01"), d("2026-12-31")),
            (std::vector<Date>{d("2026-02-28"), d("2026-05-30"), d("2026-08-30"), d("2026-11-30")}));
  EXPECT_EQ(r.next_on_or_after(d("2026-03-01")), d("2026-05-30"));
}

TEST(Schedule, NoRecurrenceHasNoOccurrences) {
  EXPECT_TRUE(Recurrence::none().occurrences(d("2026-01-01"), d("2026-12-31")).empty());
  EXPECT_FALSE(Recurrence::none().recurs());
  EXPECT_FALSE(Recurrence::none().next_on_or_after(d("2026-01-01")).has_value());
}

TEST(Schedule, TextFormRoundTrips) {
  for (const auto& r :
       {Recurrence::none(), Recurrence::weekly(Weekday::friday),
        Recurrence::every_n_weeks(3, d("2026-02-02")), Recurrence::monthly_on_day(31),
        Recurrence::monthly_last_day(), Recurrence::quarterly(d("2025-11-30"))}) {
    EXPECT_EQ(parse_recurrence(to_string(r)), r) << to_string(r);
  }
  EXPECT_EQ(to_string(Recurrence::every_n_weeks(2, d("2026-01-05"))), "every_n_weeks:2:2026-01-05");
  EXPECT_EQ(to_string(Recurrence::weekly(Weekday::monday)), "weekly:monday");
  for (const char* bad : {"weekly", "monthly_day:32", "monthly_day:x", "fortnightly",
                          "quarterly:2026-02-30", "none:1"}) {
    EXPECT_THROW((void)parse_recurrence(bad), InputError) << bad;
  }
}

TEST(Schedule, AddMonthsClamps) {
  EXPECT_EQ(add_months_clamped(d("2026-01-31"), 1), d("2026-02-28"));
  EXPECT_EQ(add_months_clamped(d("2028-01-31"), 1), d("2028-02-29"));
  EXPECT_EQ(add_months_clamped(d("2026-03-31"), -1), d("2026-02-28"));
  EXPECT_EQ(add_months_clamped(d("2026-12-15"), 3), d("2027-03-15"));
  EXPECT_EQ(add_months_clamped(d("2026-05-31"), 12), d("2027-05-31"));
}

TEST(Schedule, MissedOccurrencesWithTolerance) {
  const std::vector<Date> scheduled{d("2026-01-05"), d("2026-01-12"), d("2026-01-19")};
  const std::vector<Date> done{d("2026-01-06"), d("2026-01-20")};
  // 12 January's window (10-14 January) is still open on the 14th...
  EXPECT_TRUE(missed_occurrences(scheduled, done, 2, d("2026-01-14")).empty());
  // ...and closed, unmet, on the 15th.
  EXPECT_EQ(missed_occurrences(scheduled, done, 2, d("2026-01-15")),
            std::vector<Date>{d("2026-01-12")});
  // A check early within the tolerance counts; each check covers one date.
  EXPECT_EQ(missed_occurrences({d("2026-01-05"), d("2026-01-06")}, {d("2026-01-04")}, 3,
                               d("2026-02-01")),
            std::vector<Date>{d("2026-01-06")});
}

}  // namespace
}  // namespace closeloop::lifecycle
