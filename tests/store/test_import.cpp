// CSV import and export of services, incidents and exposure: all rows or
// none, errors naming file, line and column, and export -> import identity.
#include <gtest/gtest.h>

#include <vector>

#include "closeloop/core/error.hpp"
#include "closeloop/store/store.hpp"
#include "store_test_util.hpp"

namespace closeloop::store {
namespace {

using testing::content_of;
using testing::TempDir;

const std::string services_csv =
    "service_id,name,type,capacity,region\n"
    "S1,Oak House,residential,40,North\n"
    "S2,Riverside Supported Living,supported_living,12,North\n"
    "S3,Home Care East,domiciliary,,East\n";

const std::string incidents_csv =
    "incident_id,service_id,occurred_at,reported_at,category,harm,person_ref,description\n"
    "I1,S1,2026-01-05T14:05,2026-01-05T15:00,fall,low,P-0001,\"Found on floor, no injury\"\n"
    "I2,S2,2026-01-09,2026-01-10,medication_error,none,P-0002,\"Dose recorded as \"\"10mg\"\" "
    "not 5mg\"\n"
    "I3,S3,2026-02-01 08:30:15Z,2026-02-01T09:00,safeguarding,moderate,P-0003,\"Delay in "
    "escalation\nsecond line\"\n";

const std::string exposure_csv =
    "service_id,period,measure,value\n"
    "S1,2026-01,occupied_bed_days,1178\n"
    "S2,2026-01,doses_administered,2480.5\n"
    "S3,2026-01,care_hours,3120.25\n";

std::vector<CsvSource> base_sources() {
  return {CsvSource::from_text(Table::exposure, exposure_csv, "exposure.csv"),
          CsvSource::from_text(Table::incidents, incidents_csv, "incidents.csv"),
          CsvSource::from_text(Table::services, services_csv, "services.csv")};
}

TEST(Import, TakesEveryRowInTableOrderWhateverTheArgumentOrder) {
  TempDir dir;
  auto store = Store::create(dir.file("s.db"));
  const auto sources = base_sources();
  const ImportSummary summary = store.import_csv(sources);
  EXPECT_EQ(summary.rows_of(Table::services), 3U);
  EXPECT_EQ(summary.rows_of(Table::incidents), 3U);
  EXPECT_EQ(summary.rows_of(Table::exposure), 3U);
  EXPECT_EQ(summary.total(), 9U);
  EXPECT_EQ(store.count(Table::incidents), 3U);
}

TEST(Import, ExportWritesTheInterchangeFormatsWithCanonicalInstants) {
  TempDir dir;
  auto store = Store::create(dir.file("s.db"));
  store.import_csv(base_sources());
  // An empty capacity is stored as 0 (the register's "not applicable").
  EXPECT_EQ(store.export_table(Table::services),
            "service_id,name,type,capacity,region\n"
            "S1,Oak House,residential,40,North\n"
            "S2,Riverside Supported Living,supported_living,12,North\n"
            "S3,Home Care East,domiciliary,0,East\n");
  EXPECT_EQ(store.export_table(Table::exposure), exposure_csv);
  // occurred_at and reported_at come back in one canonical form: the date
  // alone at midnight, seconds always written otherwise; the five optional
  // columns are written with their defaults.
  EXPECT_EQ(store.export_table(Table::incidents),
            "incident_id,service_id,occurred_at,reported_at,category,harm,person_ref,description,"
            "psychological_harm,notifiable,notification_due,notified_on,written_notice_on\n"
            "I1,S1,2026-01-05T14:05:00,2026-01-05T15:00:00,fall,low,P-0001,\"Found on floor, no "
            "injury\",none,false,,,\n"
            "I2,S2,2026-01-09,2026-01-10,medication_error,none,P-0002,\"Dose recorded as "
            "\"\"10mg\"\" not 5mg\",none,false,,,\n"
            "I3,S3,2026-02-01T08:30:15,2026-02-01T09:00:00,safeguarding,moderate,P-0003,\"Delay "
            "in escalation\nsecond line\",none,false,,,\n");
}

TEST(Import, ExportThenImportIntoANewStoreIsIdentical) {
  TempDir dir;
  auto first = Store::create(dir.file("first.db"));
  first.add_category("dehydration");
  first.import_csv(base_sources());
  const auto files = first.export_csv(dir.file("export"));
  ASSERT_EQ(files.size(), all_tables().size());
  std::vector<CsvSource> sources;
  for (Table table : all_tables()) {
    sources.push_back(CsvSource::file(table, (dir.path() / "export" / file_name(table)).string()));
  }
  auto second = Store::create(dir.file("second.db"));
  second.import_csv(sources);
  EXPECT_EQ(content_of(second), content_of(first));
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "export" / "incidents.csv.partial"));
}

TEST(Import, ProviderCategoriesAreAccepted) {
  TempDir dir;
  auto store = Store::create(dir.file("s.db"));
  const std::vector<CsvSource> sources{
      CsvSource::from_text(Table::categories, "category\ndehydration\n", "categories.csv"),
      CsvSource::from_text(Table::services, services_csv, "services.csv"),
      CsvSource::from_text(Table::incidents,
                           "incident_id,service_id,occurred_at,reported_at,category,harm,"
                           "person_ref,description\nI9,S1,2026-03-01,2026-03-01,dehydration,low,,\n",
                           "incidents.csv")};
  store.import_csv(sources);
  EXPECT_EQ(store.count(Table::incidents), 1U);
}

TEST(Import, ProgressIsReportedPerTable) {
  TempDir dir;
  auto store = Store::create(dir.file("s.db"));
  std::vector<std::pair<Table, std::size_t>> calls;
  ImportOptions options;
  options.progress_every = 2;
  options.on_progress = [&](Table table, std::size_t rows) { calls.emplace_back(table, rows); };
  store.import_csv(base_sources(), options);
  const std::vector<std::pair<Table, std::size_t>> expected{
      {Table::services, 2},  {Table::services, 3},  {Table::incidents, 2},
      {Table::incidents, 3}, {Table::exposure, 2}, {Table::exposure, 3}};
  EXPECT_EQ(calls, expected);
}

// One kind of bad row: the batch it sits in, and where the error must point.
struct BadRow {
  std::string name;
  Table table;
  std::string text;
  std::size_t line;
  std::size_t column;
  std::string message;  // the full what() after "file:line:column: "
};

const std::string incident_header =
    "incident_id,service_id,occurred_at,reported_at,category,harm,person_ref,description\n";
const std::string good_incident = "I4,S4,2026-03-01,2026-03-01,fall,none,P-0004,ok\n";

std::vector<BadRow> bad_rows() {
  return {
      {"ColumnCountShort", Table::incidents,
       incident_header + good_incident + "I5,S4,2026-03-02,2026-03-02,fall,none,P-0005\n", 3, 8,
       "expected 8 fields as in the header, found 7"},
      {"ColumnCountLong", Table::incidents,
       incident_header + good_incident + "I5,S4,2026-03-02,2026-03-02,fall,none,P-0005,x,y\n", 3,
       9, "expected 8 fields as in the header, found 9"},
      {"BadOccurredDate", Table::incidents,
       incident_header + good_incident + "I5,S4,2026-02-30,2026-03-02,fall,none,P-0005,x\n", 3, 3,
       "column \"occurred_at\": invalid date \"2026-02-30\": expected YYYY-MM-DD or "
       "YYYY-MM-DDTHH:MM[:SS]"},
      {"BadReportedTime", Table::incidents,
       incident_header + good_incident + "I5,S4,2026-03-02,2026-03-02T25:00,fall,none,P-0005,x\n",
       3, 4,
       "column \"reported_at\": invalid date \"2026-03-02T25:00\": expected YYYY-MM-DD or "
       "YYYY-MM-DDTHH:MM[:SS] or empty (not recorded)"},
      {"ReportedBeforeOccurred", Table::incidents,
       incident_header + good_incident +
           "I5,S4,2026-03-02T10:00,2026-03-01T23:59,fall,none,P-0005,x\n",
       3, 4,
       "column \"reported_at\": reported_at \"2026-03-01T23:59\" is on a day before "
       "occurred_at \"2026-03-02T10:00\""},
      {"UnknownService", Table::incidents,
       incident_header + good_incident + "I5,S9,2026-03-02,2026-03-02,fall,none,P-0005,x\n", 3, 2,
       "column \"service_id\": unknown service_id \"S9\""},
      {"DuplicateInFile", Table::incidents,
       incident_header + good_incident + "I4,S4,2026-03-02,2026-03-02,fall,none,P-0005,x\n", 3, 1,
       "column \"incident_id\": duplicate incident_id \"I4\": already in the store or earlier in "
       "this import"},
      {"DuplicateOfStoredRow", Table::incidents,
       incident_header + good_incident + "I1,S4,2026-03-02,2026-03-02,fall,none,P-0005,x\n", 3, 1,
       "column \"incident_id\": duplicate incident_id \"I1\": already in the store or earlier in "
       "this import"},
      {"EmptyId", Table::incidents,
       incident_header + good_incident + ",S4,2026-03-02,2026-03-02,fall,none,P-0005,x\n", 3, 1,
       "column \"incident_id\": empty id"},
      {"UnknownCategory", Table::incidents,
       incident_header + good_incident + "I5,S4,2026-03-02,2026-03-02,slip,none,P-0005,x\n", 3, 5,
       "column \"category\": unknown category \"slip\": expected one of fall, medication_error, "
       "safeguarding, pressure_ulcer, behaviour, infection, missing_person, choking, other"},
      {"UnknownHarm", Table::incidents,
       incident_header + good_incident + "I5,S4,2026-03-02,2026-03-02,fall,awful,P-0005,x\n", 3, 6,
       "column \"harm\": unknown harm level \"awful\": expected one of none, low, moderate, "
       "severe, fatal"},
      {"BadQuoting", Table::incidents,
       incident_header + good_incident + "I5,S4,2026-03-02,2026-03-02,fall,none,P-0005,\"x\"y\n",
       3, 8, "unexpected character after closing quote"},
      {"BadPeriod", Table::exposure,
       "service_id,period,measure,value\nS4,2026-03,visits,10\nS4,2026-13,visits,10\n", 3, 2,
       "column \"period\": invalid month \"2026-13\": expected YYYY-MM"},
      {"UnknownMeasure", Table::exposure,
       "service_id,period,measure,value\nS4,2026-03,visits,10\nS4,2026-04,beds,10\n", 3, 3,
       "column \"measure\": unknown measure \"beds\": expected occupied_bed_days, "
       "doses_administered, care_hours or visits"},
      {"NegativeValue", Table::exposure,
       "service_id,period,measure,value\nS4,2026-03,visits,10\nS4,2026-04,visits,-1\n", 3, 4,
       "column \"value\": invalid value \"-1\": expected a non-negative number"},
      {"DuplicateExposure", Table::exposure,
       "service_id,period,measure,value\nS4,2026-03,visits,10\nS1,2026-01,occupied_bed_days,5\n",
       3, 1,
       "column \"service_id\": duplicate exposure for service S1, period 2026-01, measure "
       "occupied_bed_days: already in the store or earlier in this import"},
      {"ExposureUnknownService", Table::exposure,
       "service_id,period,measure,value\nS4,2026-03,visits,10\nS7,2026-04,visits,1\n", 3, 1,
       "column \"service_id\": unknown service_id \"S7\""},
      {"BadCapacity", Table::services,
       "service_id,name,type,capacity,region\nS5,Elm,nursing,30,West\nS6,Ash,nursing,forty,West\n",
       3, 4,
       "column \"capacity\": invalid capacity \"forty\": expected a whole number of places, or "
       "empty"},
      {"DuplicateService", Table::services,
       "service_id,name,type,capacity,region\nS5,Elm,nursing,30,West\nS1,Oak,residential,4,N\n", 3,
       1,
       "column \"service_id\": duplicate service_id \"S1\": already in the store or earlier in "
       "this import"},
      {"MissingColumn", Table::services, "service_id,name,type,region\nS5,Elm,nursing,West\n", 1, 0,
       "missing required column \"capacity\""},
      {"BuiltinCategoryRegistered", Table::categories, "category\ndehydration\nfall\n", 3, 1,
       "column \"category\": \"fall\" is a built-in category"},
      {"BadCategoryWord", Table::categories, "category\nDe Hydration\n", 2, 1,
       "column \"category\": invalid category name \"De Hydration\""},
  };
}

void PrintTo(const BadRow& row, std::ostream* out) { *out << row.name; }

class ImportRefusal : public ::testing::TestWithParam<BadRow> {};

TEST_P(ImportRefusal, NamesFileLineAndColumnAndChangesNothing) {
  const BadRow& bad = GetParam();
  TempDir dir;
  auto store = Store::create(dir.file("s.db"));
  store.import_csv(base_sources());
  const std::string before = content_of(store);
  const std::string name = std::string(to_string(bad.table)) + ".csv";
  // The bad file travels with good ones, each of which would be taken alone.
  std::vector<CsvSource> batch{
      CsvSource::from_text(Table::services, "service_id,name,type,capacity,region\nS4,Ash,day_service,,South\n",
                           "more_services.csv"),
      CsvSource::from_text(Table::incidents, incident_header + good_incident, "more_incidents.csv"),
      CsvSource::from_text(Table::exposure, "service_id,period,measure,value\nS4,2026-02,visits,3\n",
                           "more_exposure.csv"),
  };
  for (auto& source : batch) {
    if (source.table == bad.table) source = CsvSource::from_text(bad.table, bad.text, name);
  }
  if (bad.table == Table::categories) batch.push_back(CsvSource::from_text(bad.table, bad.text, name));
  try {
    store.import_csv(batch);
    FAIL() << "expected ParseError";
  } catch (const ParseError& error) {
    EXPECT_EQ(error.source(), name);
    EXPECT_EQ(error.line(), bad.line);
    EXPECT_EQ(error.column(), bad.column);
    std::string where = name + ":" + std::to_string(bad.line);
    if (bad.column > 0) where += ":" + std::to_string(bad.column);
    const std::string what = error.what();
    if (bad.name == "BadCategoryWord") {
      EXPECT_EQ(what.rfind(where + ": " + bad.message, 0), 0U) << what;
    } else {
      EXPECT_EQ(what, where + ": " + bad.message);
    }
  }
  EXPECT_EQ(content_of(store), before);
  EXPECT_EQ(store.integrity_check(), "ok");
  // The same store still takes a good import afterwards.
  std::vector<CsvSource> good{
      CsvSource::from_text(Table::services, "service_id,name,type,capacity,region\nS8,Yew,nursing,8,W\n",
                           "ok.csv")};
  EXPECT_EQ(store.import_csv(good).total(), 1U);
}

INSTANTIATE_TEST_SUITE_P(EachKind, ImportRefusal, ::testing::ValuesIn(bad_rows()),
                         [](const ::testing::TestParamInfo<BadRow>& info) { return info.param.name; });

TEST(Import, MissingFileIsAnInputErrorAndChangesNothing) {
  TempDir dir;
  auto store = Store::create(dir.file("s.db"));
  const std::vector<CsvSource> sources{
      CsvSource::from_text(Table::services, services_csv, "services.csv"),
      CsvSource::file(Table::incidents, dir.file("absent.csv"))};
  EXPECT_THROW(store.import_csv(sources), InputError);
  EXPECT_EQ(store.count(Table::services), 0U);
}

TEST(Import, TableNamesRoundTrip) {
  for (Table table : all_tables()) EXPECT_EQ(parse_table(to_string(table)), table);
  EXPECT_EQ(file_name(Table::exposure), "exposure.csv");
  EXPECT_THROW((void)parse_table("people"), InputError);
}

}  // namespace
}  // namespace closeloop::store
