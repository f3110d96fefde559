// The whole register in the store: save/load and mutation round trips on the
// seed's three scenarios and a generated provider, export -> import identity,
// the append-only event log, refused calls that leave the disk unchanged,
// migration from schema 1, and the erasure of one person's references.
#include <gtest/gtest.h>

#include <functional>

#include "../../src/store/schema.hpp"
#include "../../src/store/sqlite.hpp"
#include "closeloop/core/error.hpp"
#include "closeloop/lifecycle/signals.hpp"
#include "closeloop/store/store.hpp"
#include "scenarios.hpp"
#include "old_store.hpp"
#include "store_test_util.hpp"

namespace closeloop::store {
namespace {

using namespace testing;
using namespace std::chrono_literals;

// Compares two registers entity by entity (each type's == compares every
// field), naming the first entity that differs.
template <class Map>
void expect_same_map(const Map& expected, const Map& actual, const char* what) {
  ASSERT_EQ(expected.size(), actual.size()) << what;
  auto a = actual.begin();
  for (const auto& [id, value] : expected) {
    ASSERT_EQ(id, a->first) << what;
    EXPECT_TRUE(value == a->second) << what << " " << id << " differs after the round trip";
    ++a;
  }
}

void expect_same(const lc::Register& expected, const lc::Register& actual) {
  EXPECT_EQ(expected.categories().all(), actual.categories().all());
  expect_same_map(expected.services(), actual.services(), "service");
  expect_same_map(expected.incidents(), actual.incidents(), "incident");
  expect_same_map(expected.investigations(), actual.investigations(), "investigation");
  expect_same_map(expected.escalation_paths(), actual.escalation_paths(), "escalation path");
  EXPECT_EQ(expected.default_escalation_path(), actual.default_escalation_path());
  expect_same_map(expected.plans(), actual.plans(), "plan");
  expect_same_map(expected.actions(), actual.actions(), "action");
  for (const auto& [id, action] : expected.actions()) {
    EXPECT_EQ(action.events().size(), actual.action(id).events().size()) << id;
    EXPECT_EQ(action.state(), actual.action(id).state()) << id;
  }
  expect_same_map(expected.evidence_items(), actual.evidence_items(), "evidence");
  expect_same_map(expected.checks(), actual.checks(), "check");
  expect_same_map(expected.reviews(), actual.reviews(), "review");
  expect_same_map(expected.shares(), actual.shares(), "share");
  ASSERT_EQ(expected.briefings().size(), actual.briefings().size());
  for (const auto& [target, records] : expected.briefings()) {
    EXPECT_TRUE(records == actual.briefings_of(target.first, target.second))
        << "briefings of " << target.first << " at " << target.second << " differ";
  }
  EXPECT_TRUE(expected == actual);
}

struct Scenario {
  std::string name;
  std::function<void(lc::Register&)> build_register;
  std::function<void(Store&)> build_store;
};

std::vector<Scenario> scenarios() {
  return {
      {"Medication", [](lc::Register& r) { sample::add_medication_documentation(r); },
       [](Store& s) { sample::add_medication_documentation(s); }},
      {"Falls", [](lc::Register& r) { sample::add_falls_prevention(r); },
       [](Store& s) { sample::add_falls_prevention(s); }},
      {"Escalation", [](lc::Register& r) { sample::add_escalation_delays(r); },
       [](Store& s) { sample::add_escalation_delays(s); }},
      {"AllThree", [](lc::Register& r) { sample::add_seed_scenarios(r); },
       [](Store& s) { sample::add_seed_scenarios(s); }},
      {"GeneratedProvider", [](lc::Register& r) { generated_provider(r); },
       [](Store& s) { generated_provider(s); }},
  };
}

void PrintTo(const Scenario& scenario, std::ostream* out) { *out << scenario.name; }

// Each scenario's register built in memory, and a directory for its stores.
class RoundTrip : public ::testing::TestWithParam<Scenario> {
 protected:
  void SetUp() override { GetParam().build_register(expected); }
  // The register a new store at s.db gives after `fill` and a reopen.
  lc::Register reopened_after(const std::function<void(Store&)>& fill) {
    {
      auto store = Store::create(dir.file("s.db"));
      fill(store);
    }
    return Store::open(dir.file("s.db")).load();
  }
  lc::Register expected;
  TempDir dir;
};

TEST_P(RoundTrip, SaveThenLoadGivesTheSameRegister) {
  expect_same(expected, reopened_after([&](Store& store) { store.save(expected); }));
}

TEST_P(RoundTrip, MutationsThroughTheStoreGiveTheSameRegister) {
  expect_same(expected, reopened_after([&](Store& store) {
                GetParam().build_store(store);
                expect_same(expected, store.current());
              }));
}

TEST_P(RoundTrip, ExportThenImportIntoANewStoreIsIdentical) {
  auto first = Store::create(dir.file("first.db"));
  first.save(expected);
  first.export_csv(dir.file("out"));
  std::vector<CsvSource> sources;
  for (Table table : all_tables()) {
    sources.push_back(CsvSource::file(table, (dir.path() / "out" / file_name(table)).string()));
  }
  auto second = Store::create(dir.file("second.db"));
  second.import_csv(sources);
  EXPECT_EQ(content_of(second), content_of(first));
  expect_same(expected, second.load());
}

INSTANTIATE_TEST_SUITE_P(Scenarios, RoundTrip, ::testing::ValuesIn(scenarios()),
                         [](const ::testing::TestParamInfo<Scenario>& info) { return info.param.name; });

TEST(EventLog, IsAppendOnlyForRawSql) {
  TempDir dir;
  {
    auto store = Store::create(dir.file("s.db"));
    sample::add_medication_documentation(store);
  }
  detail::Connection raw(dir.file("s.db"), detail::OpenMode::read_write, 100ms);
  const auto events = raw.query_int("SELECT count(*) FROM action_events");
  ASSERT_GT(events, 0);
  const auto expect_refused_sql = [&](const char* sql, const std::string& message) {
    try {
      raw.exec(sql);
      ADD_FAILURE() << "allowed: " << sql;
    } catch (const StoreError& error) {
      EXPECT_NE(std::string(error.what()).find(message), std::string::npos) << error.what();
    }
  };
  expect_refused_sql("UPDATE action_events SET actor = 'someone else' WHERE seq = 1",
                     "action_events is append-only: an event is never changed");
  expect_refused_sql("DELETE FROM action_events WHERE action_id = 'A-MED-1'",
                     "action_events is append-only: an event is never deleted");
  EXPECT_EQ(raw.query_int("SELECT count(*) FROM action_events"), events);
  EXPECT_EQ(raw.query_int("SELECT count(*) FROM action_events WHERE actor = 'someone else'"), 0);
  // Appending is allowed: that is how every transition is recorded.
  raw.exec("INSERT INTO action_events (action_id, at, actor, \"transition\", \"from\", \"to\", note, "
           "basis, checks) VALUES ('A-MED-3', '2026-06-01T10:00:00', 'Jo Bell', 'edit', "
           "'in_progress', 'in_progress', 'raw append', '', '')");
  EXPECT_EQ(raw.query_int("SELECT count(*) FROM action_events"), events + 1);
}

// A store holding the medication scenario, its content then, and an
// instant after it: where the mutation tests start.
class MedicationStore : public ::testing::Test {
 protected:
  void SetUp() override {
    sample::add_medication_documentation(store);
    before = content_of(store);
  }
  TempDir dir;
  Store store = Store::create(dir.file("s.db"));
  std::string before;
  const Instant at = when("2026-06-01T10:00");
};

TEST_F(MedicationStore, RefusedCallsChangeNothingOnDisk) {
  // Refused by the state machine, by guards and by reference checks.
  EXPECT_THROW(store.verify(ActionId("A-MED-2"), at, "Lee Green"), TransitionError);
  EXPECT_THROW(store.implement(ActionId("A-MED-3"), at, "Jo Bell"), TransitionError);
  EXPECT_THROW(store.agree(ActionId("A-MED-1"), at, "Jo Bell"), TransitionError);
  EXPECT_THROW(store.cancel(ActionId("A-MED-3"), at, "Jo Bell", ""), TransitionError);
  EXPECT_THROW(store.add_evidence({EvidenceId("E-X"), ActionId("A-NONE"), lc::EvidenceKind::document,
                                   day("2026-06-01"), "x", "y"}),
               NotFoundError);
  EXPECT_THROW(store.add_service({ServiceId("SL-1"), "Again", "residential", 1, "N"}), DuplicateError);
  EXPECT_THROW(store.acknowledge_share(ShareId("SH-MED-1"), ServiceId("SL-2"), day("2026-06-01")),
               RuleError);
  EXPECT_EQ(content_of(store), before);
  EXPECT_EQ(Store::open(dir.file("s.db")).load(), store.load());
  // The store goes on taking valid calls.
  store.add_evidence({EvidenceId("E-MED-3"), ActionId("A-MED-3"), lc::EvidenceKind::observation,
                      day("2026-06-01"), "obs", "observed"});
  store.implement(ActionId("A-MED-3"), at, "Jo Bell");
  EXPECT_EQ(Store::open(dir.file("s.db")).load().action(ActionId("A-MED-3")).state(),
            ActionState::implemented);
}

TEST_F(MedicationStore, ABatchCommitsEveryCallOrNone) {
  const lc::Evidence observed{EvidenceId("E-MED-3"), ActionId("A-MED-3"),
                              lc::EvidenceKind::observation, day("2026-06-01"), "obs", "observed"};
  // The second call is refused: the first, already applied, is rolled back.
  EXPECT_THROW(store.batch([&](Store& s) {
    s.add_evidence(observed);
    s.verify(ActionId("A-MED-3"), at, "Jo Bell");
  }),
               TransitionError);
  EXPECT_EQ(content_of(store), before);
  EXPECT_EQ(store.current().evidence_items().count(EvidenceId("E-MED-3")), 0U);
  // Each call sees the ones before it: implement needs the evidence just added.
  store.batch([&](Store& s) {
    s.add_evidence(observed);
    s.implement(ActionId("A-MED-3"), at, "Jo Bell");
    EXPECT_THROW(s.batch([](Store&) {}), StoreError);
  });
  EXPECT_EQ(Store::open(dir.file("s.db")).load().action(ActionId("A-MED-3")).state(),
            ActionState::implemented);
}

TEST(Mutations, ASecondConnectionSeesTheFirstOnesCommits) {
  TempDir dir;
  auto first = Store::create(dir.file("s.db"));
  auto second = Store::open(dir.file("s.db"));
  EXPECT_TRUE(second.current().services().empty());
  first.add_service({ServiceId("S-1"), "Elm", "nursing", 30, "West"});
  // second's cached register is stale; the mutation reloads it first.
  lc::Incident inc;
  inc.id = IncidentId("I-1");
  inc.service = ServiceId("S-1");
  inc.occurred_at = when("2026-03-01T10:00");
  inc.reported_at = inc.occurred_at;
  inc.category = "fall";
  second.add_incident(inc);
  EXPECT_EQ(first.current().incidents().size(), 1U);
}

TEST(Mutations, SaveNeedsAnEmptyStore) {
  TempDir dir;
  auto store = Store::create(dir.file("s.db"));
  lc::Register reg;
  sample::add_falls_prevention(reg);
  store.save(reg);
  try {
    store.save(reg);
    FAIL() << "expected RuleError";
  } catch (const RuleError& error) {
    EXPECT_EQ(error.rule(), "store.save_requires_empty");
  }
}

// Lifecycle rows refused by an import: file, line, column, and nothing taken.
struct LifecycleBadRow {
  std::string name;
  Table table;
  std::string text;
  std::size_t line;
  std::size_t column;
  std::string message;
};

const std::string briefing_header = "share_id,service_id,date,briefed,in_scope,recorded_by,note\n";

const std::string event_header =
    "action_id,at,actor,transition,from,to,note,verdict,basis,checks,decision,review_id\n";

std::vector<LifecycleBadRow> lifecycle_bad_rows() {
  return {
      {"InvalidTransition", Table::events,
       event_header + "A-MED-3,2026-06-01T10:00:00,Jo Bell,verify,in_progress,verified,,,,,,\n", 2, 4,
       "column \"transition\": action \"A-MED-3\": cannot verify from state in_progress (verify "
       "needs implemented)"},
      {"EventBreaksHistory", Table::events,
       event_header +
           "A-MED-3,2026-06-01T10:00:00,Jo Bell,cancel,agreed,cancelled,stopped,,,,,\n",
       2, 5,
       "column \"from\": action \"A-MED-3\": event cancel agreed -> cancelled does not continue the "
       "history (state in_progress, cancel leads to cancelled)"},
      {"EventUnknownAction", Table::events,
       event_header + "A-NONE,2026-06-01T10:00:00,Jo Bell,agree,proposed,agreed,,,,,,\n", 2, 1,
       "column \"action_id\": unknown action_id \"A-NONE\""},
      {"EventBadInstant", Table::events,
       event_header + "A-MED-3,2026-06-31T10:00,Jo Bell,agree,proposed,agreed,,,,,,\n", 2, 2,
       "column \"at\": invalid date-time \"2026-06-31T10:00\": expected YYYY-MM-DD, "
       "YYYY-MM-DDTHH:MM or YYYY-MM-DDTHH:MM:SS"},
      {"EvidenceDuplicateId", Table::evidence,
       "evidence_id,action_id,kind,date,reference,summary\nE-MED-1,A-MED-3,document,2026-06-01,x,y\n",
       2, 1, "column \"evidence_id\": duplicate evidence_id \"E-MED-1\": already in the store or "
             "earlier in this import"},
      {"CheckUnknownKind", Table::checks,
       "check_id,action_id,date,kind,passed,score,denominator,by,note\n"
       "C-9,A-MED-3,2026-06-01,inspection,true,,,Lee,\n",
       2, 4,
       "column \"kind\": unknown monitoring kind \"inspection\": expected one of spot_check, audit, "
       "competency_observation, supervision, governance_meeting, call_log_review"},
      {"PlanUnknownInvestigation", Table::plans,
       "plan_id,investigation_id,scope,created_on,approver,approval,decided_on,refusal_reason,"
       "review_interval_days,min_observation_days,sustainment_months,sustainment_tolerance_days,"
       "escalation_path_id\nP-9,INV-NONE,,2026-06-01,,pending,,,30,90,3;12,14,\n",
       2, 2, "column \"investigation_id\": unknown investigation_id \"INV-NONE\""},
      {"ReviewUnknownAction", Table::reviews,
       "review_id,forum,date,plans,actions,decisions\nR-9,board,2026-06-01,P-MED,A-MED-1;A-NONE,ok\n",
       2, 5, "column \"actions\": unknown action_id \"A-NONE\""},
      {"PlanReachThresholdAboveOne", Table::plans,
       "plan_id,investigation_id,scope,created_on,approver,approval,decided_on,refusal_reason,"
       "review_interval_days,min_observation_days,sustainment_months,sustainment_tolerance_days,"
       "escalation_path_id,reach_threshold\nP-9,INV-MED,,2026-06-01,,pending,,,30,90,3;12,14,,80\n",
       2, 14,
       "column \"reach_threshold\": plan \"P-9\": reach threshold 80 is not a fraction between 0 "
       "and 1 (0.8 for 80%; 0 switches the check off)"},
      {"PlanReachThresholdNotANumber", Table::plans,
       "plan_id,investigation_id,scope,created_on,approver,approval,decided_on,refusal_reason,"
       "review_interval_days,min_observation_days,sustainment_months,sustainment_tolerance_days,"
       "escalation_path_id,reach_threshold\nP-9,INV-MED,,2026-06-01,,pending,,,30,90,3;12,14,,80%\n",
       2, 14, "column \"reach_threshold\": invalid number \"80%\""},
      {"BriefingMoreThanInScope", Table::briefings, briefing_header + "SH-MED-1,SL-2,2026-07-10,10,9,,\n",
       2, 4,
       "column \"briefed\": staff briefing of learning share \"SH-MED-1\" at service \"SL-2\": 10 "
       "staff briefed of 9 in scope"},
      {"BriefingNoneInScope", Table::briefings, briefing_header + "SH-MED-1,SL-2,2026-07-10,0,0,,\n",
       2, 5,
       "column \"in_scope\": staff briefing of learning share \"SH-MED-1\" at service \"SL-2\": "
       "staff in scope 0 must be at least 1"},
      {"BriefingNegative", Table::briefings, briefing_header + "SH-MED-1,SL-2,2026-07-10,-2,9,,\n",
       2, 4,
       "column \"briefed\": staff briefing of learning share \"SH-MED-1\" at service \"SL-2\": "
       "staff briefed -2 is negative"},
      {"BriefingOutOfOrder", Table::briefings, briefing_header + "SH-MED-1,SL-2,2026-06-30,9,9,,\n",
       2, 3,
       "column \"date\": staff briefing of learning share \"SH-MED-1\" at service \"SL-2\": dated "
       "2026-06-30, before its latest record on 2026-07-01"},
      {"BriefingBeforeShare", Table::briefings,
       // The second row is refused; the first, valid, is not kept either.
       briefing_header + "SH-MED-1,SL-2,2026-07-02,8,8,,\nSH-MED-1,SL-2,2026-05-21,1,9,,\n", 3, 3,
       "column \"date\": staff briefing of learning share \"SH-MED-1\" at service \"SL-2\": dated "
       "2026-05-21, before the share on 2026-05-22"},
      {"BriefingNotATarget", Table::briefings, briefing_header + "SH-MED-1,SL-1,2026-07-10,1,9,,\n",
       2, 2,
       "column \"service_id\": staff briefing of learning share \"SH-MED-1\" at service \"SL-1\": "
       "the service is not a target of the share"},
      {"BriefingUnknownShare", Table::briefings, briefing_header + "SH-NONE,SL-2,2026-07-10,1,9,,\n",
       2, 1, "column \"share_id\": unknown share_id \"SH-NONE\""},
      {"BriefingBadCount", Table::briefings, briefing_header + "SH-MED-1,SL-2,2026-07-10,eight,9,,\n",
       2, 4, "column \"briefed\": invalid whole number \"eight\""},
      {"OrphanMeasure", Table::measures,
       "action_id,position,kind,what,how,level,by,measured_by,category,service_id,denominator,"
       "direction,target\nA-NEW,1,process,x,y,z,2026-09-01,Sam,,,,decrease,\n",
       2, 1,
       "column \"action_id\": action \"A-NEW\" is not in this import: its rows must come with their "
       "actions row"},
  };
}

void PrintTo(const LifecycleBadRow& row, std::ostream* out) { *out << row.name; }

class LifecycleImportRefusal : public ::testing::TestWithParam<LifecycleBadRow> {};

TEST_P(LifecycleImportRefusal, NamesFileLineAndColumnAndChangesNothing) {
  const auto& bad = GetParam();
  TempDir dir;
  auto store = Store::create(dir.file("s.db"));
  sample::add_medication_documentation(store);
  const std::string before = content_of(store);
  const std::string name = file_name(bad.table);
  // A valid event for another action travels in the same import.
  std::vector<CsvSource> sources{
      CsvSource::from_text(bad.table, bad.text, name),
      CsvSource::from_text(Table::evidence,
                           "evidence_id,action_id,kind,date,reference,summary\n"
                           "E-OK,A-MED-2,document,2026-06-01,ok,fine\n",
                           "more_evidence.csv")};
  if (bad.table == Table::evidence) sources.pop_back();
  try {
    store.import_csv(sources);
    FAIL() << "expected ParseError";
  } catch (const ParseError& error) {
    EXPECT_EQ(error.source(), name);
    EXPECT_EQ(error.line(), bad.line);
    EXPECT_EQ(error.column(), bad.column);
    EXPECT_EQ(std::string(error.what()), name + ":" + std::to_string(bad.line) + ":" +
                                             std::to_string(bad.column) + ": " + bad.message);
  }
  EXPECT_EQ(content_of(store), before);
  // The in-memory register was dropped and reloads equal to the disk.
  EXPECT_TRUE(store.current() == Store::open(dir.file("s.db")).load());
}

INSTANTIATE_TEST_SUITE_P(EachKind, LifecycleImportRefusal, ::testing::ValuesIn(lifecycle_bad_rows()),
                         [](const ::testing::TestParamInfo<LifecycleBadRow>& info) {
                           return info.param.name;
                         });

TEST(Migration, Version1StoreIsMigratedForwardWithItsData) {
  TempDir dir;
  const auto path = old_store(dir, "old.db", 1,
      "INSERT INTO services VALUES ('D1', 'Home Care East', 'domiciliary', NULL, 'East');"
      "INSERT INTO incidents (incident_id, service_id, occurred_at, occurred_day, reported_at, "
      "category, harm, person_ref, description) VALUES ('I1', 'D1', '2026-02-02T17:45:00', 20486, "
      "'2026-02-04T09:00:00', 'safeguarding', 'none', 'P-7', 'late escalation');");
  auto store = open_migrated(path);
  const auto reg = store.load();
  EXPECT_EQ(reg.service(ServiceId("D1")).capacity, 0);
  const auto& incident = reg.incident(IncidentId("I1"));
  EXPECT_EQ(incident.psychological_harm, PsychologicalHarm::none);
  EXPECT_FALSE(incident.notifiable);
  EXPECT_EQ(incident.occurred_at, when("2026-02-02T17:45"));
  EXPECT_EQ(store.integrity_check(), "ok");
}

TEST(DataProtection, ErasingAPersonKeepsTheAuditTrail) {
  TempDir dir;
  auto store = Store::create(dir.file("s.db"));
  sample::add_falls_prevention(store);
  const auto before = store.load();
  const std::string events_before = store.export_table(Table::events);
  const std::size_t changed =
      store.erase_person("P-020", "erased-0001", when("2026-07-01T12:00"), "request 2026/17");
  // FALL-1 and FALL-3 belonged to P-020 (i % 2 == 0).
  EXPECT_EQ(changed, 2U);
  const auto after = store.load();
  for (const char* id : {"FALL-1", "FALL-3"}) {
    const auto& incident = after.incident(IncidentId(id));
    EXPECT_EQ(incident.person_ref, "erased-0001");
    EXPECT_EQ(incident.description, "[description removed on 2026-07-01 at the person's request]");
    EXPECT_EQ(incident.category, before.incident(IncidentId(id)).category);
    EXPECT_EQ(incident.occurred_at, before.incident(IncidentId(id)).occurred_at);
  }
  EXPECT_EQ(after.incident(IncidentId("FALL-2")), before.incident(IncidentId("FALL-2")));
  EXPECT_EQ(store.export_table(Table::events), events_before);
  EXPECT_EQ(after.investigations(), before.investigations());
  detail::Connection raw(dir.file("s.db"), detail::OpenMode::read_write, 100ms);
  EXPECT_EQ(raw.query_int("SELECT count(*) FROM erasures WHERE incidents = 2 AND token = 'erased-0001'"), 1);
  EXPECT_EQ(raw.query_int("SELECT count(*) FROM incidents WHERE person_ref = 'P-020'"), 0);
}

TEST(Migration, Version2StoreGainsMeasuredValuesAndKeepsItsData) {
  TempDir dir;
  const auto path = old_store(dir, "v2.db", 2,
      "INSERT INTO services VALUES ('D1', 'Home Care East', 'domiciliary', 0, 'East');"
      "INSERT INTO incidents (incident_id, service_id, occurred_at, occurred_day, reported_at, "
      "category, harm, person_ref, description) VALUES ('I1', 'D1', '2026-02-02T17:45:00', 20486, "
      "'2026-02-04T09:00:00', 'safeguarding', 'none', 'P-7', 'late escalation');",
      [](detail::Connection& raw) {
        EXPECT_EQ(raw.query_int("SELECT count(*) FROM pragma_table_info('checks') WHERE name = 'value'"), 0);
      });
  auto store = open_migrated(path);
  detail::Connection raw(path, detail::OpenMode::read_write, 100ms);
  EXPECT_EQ(raw.query_int("SELECT count(*) FROM pragma_table_info('checks') WHERE name IN "
                          "('measure_id', 'value', 'unit')"),
            3);
  EXPECT_EQ(raw.query_int("SELECT count(*) FROM pragma_table_info('measures') WHERE name IN "
                          "('measure_id', 'kind_of_value', 'unit')"),
            3);
  EXPECT_EQ(store.load().incident(IncidentId("I1")).category, "safeguarding");
  EXPECT_EQ(store.integrity_check(), "ok");
}

// Schema 5 (learning reach): a version 4 store with a plan and a share
// opens, gains the briefings table and the plans' reach_threshold column, and
// keeps its data. Its plan predates reach recording, so its threshold is 0
// (the check is off) and no earlier share is flagged on reach; briefings
// can be recorded from now on, and a new plan gets the default 0.8.
TEST(Migration, Version4StoreGainsLearningReachWithTheCheckOffForItsPlans) {
  TempDir dir;
  const auto path = old_store(dir, "v4.db", 4,
      "INSERT INTO services VALUES ('S1', 'Oak House', 'residential', 40, 'North');"
      "INSERT INTO services VALUES ('S2', 'Ash Grove', 'residential', 24, 'North');"
      "INSERT INTO incidents (incident_id, service_id, occurred_at, occurred_day, reported_at, "
      "category, harm, person_ref, description) VALUES ('I1', 'S1', '2026-03-02T10:00:00', 20514, "
      "'2026-03-02T10:00:00', 'fall', 'low', 'P-1', '');"
      "INSERT INTO investigations VALUES ('INV1', 'I1', 'after_action_review', 'Lead', "
      "'2026-03-03', NULL, '', '');"
      "INSERT INTO plans VALUES ('P1', 'INV1', 'S1', '2026-03-04', '', 'pending', NULL, '', "
      "'30', '90', '3;12', '14', NULL);"
      "INSERT INTO shares VALUES ('SH1', 'P1', 'staff_briefing', '2026-03-10', 'Night checks');"
      "INSERT INTO share_targets VALUES ('SH1', 'S2', '2026-03-11', 'true', '2026-03-12');",
      [](detail::Connection& raw) {
        EXPECT_EQ(raw.query_int("SELECT count(*) FROM sqlite_schema WHERE name = 'briefings'"), 0);
      });
  auto store = Store::open(path);
  EXPECT_EQ(store.schema_version(), 6);
  EXPECT_EQ(store.schema_version(), current_schema_version());
  {
    detail::Connection raw(path, detail::OpenMode::read_write, 100ms);
    EXPECT_EQ(raw.query_int("SELECT count(*) FROM pragma_table_info('briefings')"), 7);
    EXPECT_EQ(raw.query_int("SELECT count(*) FROM plans WHERE reach_threshold = '0'"), 1);
  }
  const lc::Register migrated = store.load();
  EXPECT_EQ(migrated.plan(PlanId("P1")).reach_threshold, 0.0);
  EXPECT_TRUE(migrated.briefings().empty());
  // 10 March + 28 days = 7 April; on 8 April no reach gap, the check is off.
  EXPECT_TRUE(lc::learning_not_spread(migrated, parse_date("2026-04-08")).empty());
  store.record_briefing({ShareId("SH1"), ServiceId("S2"), parse_date("2026-03-20"), 18, 24,
                         "Ash Grove deputy", ""});
  lc::ActionPlan fresh;
  fresh.id = PlanId("P2");
  fresh.investigation = InvestigationId("INV1");
  fresh.created_on = parse_date("2026-04-01");
  store.add_plan(fresh);
  const lc::Register reloaded = Store::open(path).load();
  ASSERT_EQ(reloaded.briefings_of(ShareId("SH1"), ServiceId("S2")).size(), 1U);
  EXPECT_EQ(reloaded.briefings_of(ShareId("SH1"), ServiceId("S2"))[0].briefed, 18);
  EXPECT_EQ(reloaded.plan(PlanId("P2")).reach_threshold, 0.8);
  EXPECT_EQ(store.export_table(Table::briefings),
            "share_id,service_id,date,briefed,in_scope,recorded_by,note\n"
            "SH1,S2,2026-03-20,18,24,Ash Grove deputy,\n");
  EXPECT_EQ(store.integrity_check(), "ok");
}

// A refused briefing writes nothing; a plans.csv without the column (an
// export from before version 5) imports with the reach check off.
TEST(Reach, RefusedBriefingChangesNothingAndOldPlanFilesTurnTheCheckOff) {
  TempDir dir;
  auto store = Store::create(dir.file("s.db"));
  sample::add_medication_documentation(store);
  const std::string before = content_of(store);
  try {
    store.record_briefing({ShareId("SH-MED-1"), ServiceId("SL-2"), day("2026-07-10"), 10, 9, "", ""});
    FAIL() << "expected RuleError";
  } catch (const RuleError& error) {
    EXPECT_EQ(error.rule(), "briefing.briefed_exceeds_in_scope");
  }
  EXPECT_EQ(content_of(store), before);
  EXPECT_EQ(store.count(Table::briefings), 3U);
  store.import_csv(std::vector<CsvSource>{CsvSource::from_text(
      Table::plans,
      "plan_id,investigation_id,scope,created_on,approver,approval,decided_on,refusal_reason,"
      "review_interval_days,min_observation_days,sustainment_months,sustainment_tolerance_days,"
      "escalation_path_id\nP-OLD,INV-MED,,2026-06-01,,pending,,,30,90,3;12,14,\n",
      "plans.csv")});
  EXPECT_EQ(store.current().plan(PlanId("P-OLD")).reach_threshold, 0.0);
  EXPECT_EQ(store.current().plan(PlanId("P-MED")).reach_threshold, 0.75);
}

TEST(TypedTables, IncidentsAndExposureStraightFromTheStore) {
  TempDir dir;
  auto store = Store::create(dir.file("s.db"));
  sample::add_medication_documentation(store);
  write_file(dir.file("exposure.csv"),
             "service_id,period,measure,value\nSL-1,2026-01,doses_administered,2400\n"
             "SL-1,2026-02,doses_administered,2300.5\n");
  const std::vector<CsvSource> sources{CsvSource::file(Table::exposure, dir.file("exposure.csv"))};
  store.import_csv(sources);
  const metrics::ExposureTable exposure = store.exposure();
  ASSERT_EQ(exposure.size(), 2U);
  EXPECT_EQ(exposure.services()[exposure.service()[1]], "SL-1");
  EXPECT_EQ(exposure.month()[1], to_day_number(day("2026-02-01")));
  EXPECT_EQ(exposure.value()[1], 2300.5);
  const metrics::IncidentTable incidents = store.incidents();
  ASSERT_EQ(incidents.size(), 1U);
  EXPECT_EQ(incidents.ids()[0], "MED-1");
  EXPECT_EQ(incidents.categories()[incidents.category()[0]], "medication_error");
}

}  // namespace
}  // namespace closeloop::store
