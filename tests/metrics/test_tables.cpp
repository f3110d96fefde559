#include <gtest/gtest.h>

#include <array>

#include <string>
#include <vector>

#include "closeloop/metrics/tables.hpp"

namespace closeloop::metrics {
namespace {

const char* const kHeader =
    "incident_id,service_id,occurred_at,reported_at,category,harm,person_ref,description\n";

IncidentTable read(const std::string& body, const CategorySet& categories = CategorySet()) {
  return IncidentTable::read_csv(CsvReader::from_string(kHeader + body, "incidents.csv"),
                                 categories);
}

// Runs `call`, expecting a ParseError; returns its message and position.
template <class F>
ParseError expect_parse_error(F call) {
  try {
    call();
  } catch (const ParseError& error) {
    return error;
  }
  ADD_FAILURE() << "no ParseError";
  return ParseError("", 0, 0, "");
}

TEST(IncidentTable, ReadsColumnsDictionariesAndTimes) {
  const auto table = read(
      "I1,S2,2026-01-05,2026-01-06,fall,low,P1,\"slipped, no injury\"\n"
      "I2,S1,2026-01-07T14:30,,medication_error,none,P2,\"said \"\"help\"\"\nthen sat\"\n"
      "I3,S2,2026-02-01T08:05:59Z,2026-02-01T09:00,fall,moderate,,\n");
  ASSERT_EQ(table.size(), 3U);
  EXPECT_EQ(table.services().values(), (std::vector<std::string>{"S2", "S1"}));
  EXPECT_EQ(std::vector<std::int32_t>(table.service().begin(), table.service().end()),
            (std::vector<std::int32_t>{0, 1, 0}));
  // Category codes index the CategorySet's words: fall is 0, medication_error 1.
  EXPECT_EQ(table.categories()[table.category()[1]], "medication_error");
  EXPECT_EQ(table.category()[0], 0);
  EXPECT_EQ(std::vector<std::uint8_t>(table.harm().begin(), table.harm().end()),
            (std::vector<std::uint8_t>{1, 0, 2}));
  // 2026-01-05 is day 20458 since 1970-01-01 (56 years, 14 leap days: 56*365+14+4).
  EXPECT_EQ(table.day()[0], 20458);
  EXPECT_EQ(table.day()[2], 20458 + 27);
  ASSERT_EQ(table.minute().size(), 3U);
  EXPECT_EQ(table.minute()[0], -1);
  EXPECT_EQ(table.minute()[1], 14 * 60 + 30);
  EXPECT_EQ(table.minute()[2], 8 * 60 + 5);
  ASSERT_EQ(table.reported_day().size(), 3U);
  EXPECT_EQ(table.reported_day()[0], 20459);
  EXPECT_EQ(table.reported_day()[1], kMissingDay);
  EXPECT_EQ(table.ids()[2], "I3");
  const auto range = table.day_range();
  ASSERT_TRUE(range);
  EXPECT_EQ(range->first, 20458);
  EXPECT_EQ(range->second, 20485);
}

TEST(IncidentTable, OptionalColumnsMayBeAbsentAndUnknownColumnsIgnored) {
  const auto table = IncidentTable::read_csv(CsvReader::from_string(
      "extra,harm,category,occurred_at,service_id,incident_id\n"
      "x,none,fall,2026-03-01,S1,A\n"));
  ASSERT_EQ(table.size(), 1U);
  EXPECT_TRUE(table.minute().empty());
  EXPECT_TRUE(table.reported_day().empty());
  EXPECT_EQ(table.ids()[0], "A");
}

TEST(IncidentTable, MissingColumnIsAParseErrorOnTheHeader) {
  const auto error = expect_parse_error([] {
    (void)IncidentTable::read_csv(
        CsvReader::from_string("incident_id,service_id,occurred_at,category\n", "inc.csv"));
  });
  EXPECT_STREQ(error.what(), "inc.csv:1: missing required column \"harm\"");
}

TEST(IncidentTable, BadDateNamesLineAndColumn) {
  const auto error = expect_parse_error(
      [] { (void)read("I1,S1,2026-01-05,,fall,low,,\nI2,S1,2026-02-30,,fall,low,,\n"); });
  EXPECT_EQ(error.line(), 3U);
  EXPECT_EQ(error.column(), 3U);
  EXPECT_STREQ(error.what(),
               "incidents.csv:3:3: column \"occurred_at\": invalid date \"2026-02-30\": expected "
               "YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]");
}

TEST(IncidentTable, BadOrEarlyReportDateIsAnError) {
  EXPECT_EQ(expect_parse_error([] { (void)read("I1,S1,2026-01-05,5 Jan,fall,low,,\n"); }).column(),
            4U);
  const auto error =
      expect_parse_error([] { (void)read("I1,S1,2026-01-05,2026-01-04,fall,low,,\n"); });
  EXPECT_STREQ(error.what(),
               "incidents.csv:2:4: column \"reported_at\": reported_at \"2026-01-04\" is on a "
               "day before occurred_at \"2026-01-05\"");
}

TEST(IncidentTable, UnknownCategoryUnlessRegistered) {
  const auto error = expect_parse_error([] { (void)read("I1,S1,2026-01-05,,wandering,low,,\n"); });
  EXPECT_EQ(error.line(), 2U);
  EXPECT_EQ(error.column(), 5U);
  EXPECT_NE(std::string(error.what()).find("unknown category \"wandering\""), std::string::npos);

  CategorySet categories;
  categories.add("wandering");
  const auto table = read("I1,S1,2026-01-05,,wandering,low,,\n", categories);
  EXPECT_EQ(table.categories()[table.category()[0]], "wandering");
  EXPECT_EQ(table.categories().size(), 10U);
}

TEST(IncidentTable, UnknownHarmDuplicateIdAndEmptyService) {
  EXPECT_EQ(expect_parse_error([] { (void)read("I1,S1,2026-01-05,,fall,minor,,\n"); }).column(),
            6U);
  const auto duplicate = expect_parse_error(
      [] { (void)read("I1,S1,2026-01-05,,fall,low,,\nI2,S1,2026-01-05,,fall,low,,\nI1,S2,2026-01-06,,fall,low,,\n"); });
  EXPECT_STREQ(duplicate.what(),
               "incidents.csv:4:1: column \"incident_id\": duplicate incident id \"I1\" (first on "
               "data row 1)");
  EXPECT_EQ(expect_parse_error([] { (void)read("I1,,2026-01-05,,fall,low,,\n"); }).column(), 2U);
  EXPECT_EQ(expect_parse_error([] { (void)read(",S1,2026-01-05,,fall,low,,\n"); }).column(), 1U);
}

TEST(IncidentTable, DuplicateDetectionSurvivesTableGrowth) {
  // More rows than the duplicate index's first size, so it must grow and rehash.
  std::string body;
  for (int i = 0; i < 5000; ++i) body += "I" + std::to_string(i) + ",S1,2026-01-05,,fall,low,,\n";
  EXPECT_EQ(read(body).size(), 5000U);
  body += "I4321,S1,2026-01-05,,fall,low,,\n";
  EXPECT_EQ(expect_parse_error([&] { (void)read(body); }).line(), 5002U);
}

TEST(IncidentTable, FromColumnsWrapsWithoutCopying) {
  const std::vector<std::int32_t> service{1, 0, 1};
  const std::vector<std::int32_t> category{0, 1, 0};
  const std::vector<std::uint8_t> harm{0, 4, 2};
  const std::vector<DayNumber> day{20000, 20001, 20002};
  StringColumn ids;
  for (const char* id : {"a", "b", "c"}) ids.push_back(id);
  const auto table = IncidentTable::from_columns({service, category, harm, day, {}, {}},
                                                 {"S1", "S2"}, {"fall", "choking"}, ids, nullptr);
  EXPECT_EQ(table.day().data(), day.data());
  EXPECT_EQ(table.service().data(), service.data());
  EXPECT_EQ(table.categories()[1], "choking");
  EXPECT_EQ(table.ids()[1], "b");
}

TEST(IncidentTable, FromColumnsChecksEveryColumn) {
  const std::vector<std::int32_t> service{0, 2};
  const std::vector<std::int32_t> category{0, 0};
  const std::vector<std::uint8_t> harm{0, 0};
  const std::vector<DayNumber> day{1, 2};
  try {
    (void)IncidentTable::from_columns({service, category, harm, day, {}, {}}, {"S1", "S2"},
                                      {"fall"}, {}, nullptr);
    FAIL();
  } catch (const InputError& error) {
    EXPECT_STREQ(error.what(), "row 1: service code 2 outside the dictionary of 2");
  }
  const std::vector<std::int32_t> good_service{0, 1};
  EXPECT_THROW((void)IncidentTable::from_columns({good_service, category, harm, day, {}, {}},
                                                 {"S1", "S2"}, {"sneezing"}, {}, nullptr),
               InputError);
  EXPECT_THROW((void)IncidentTable::from_columns({good_service, category, harm, day, {}, {}},
                                                 {"S1", "S1"}, {"fall"}, {}, nullptr),
               InputError);
  const std::vector<std::uint8_t> bad_harm{0, 5};
  EXPECT_THROW((void)IncidentTable::from_columns({good_service, category, bad_harm, day, {}, {}},
                                                 {"S1", "S2"}, {"fall"}, {}, nullptr),
               InputError);
  const std::vector<std::int16_t> bad_minute{0, 1440};
  EXPECT_THROW((void)IncidentTable::from_columns(
                   {good_service, category, harm, day, bad_minute, {}}, {"S1", "S2"}, {"fall"},
                   {}, nullptr),
               InputError);
  StringColumn ids;
  ids.push_back("x");
  ids.push_back("x");
  EXPECT_THROW((void)IncidentTable::from_columns({good_service, category, harm, day, {}, {}},
                                                 {"S1", "S2"}, {"fall"}, ids, nullptr),
               DuplicateError);
  const std::vector<DayNumber> short_day{1};
  EXPECT_THROW((void)IncidentTable::from_columns({good_service, category, harm, short_day, {}, {}},
                                                 {"S1", "S2"}, {"fall"}, {}, nullptr),
               InputError);
}

TEST(ExposureTable, ReadsRows) {
  const auto table = ExposureTable::read_csv(CsvReader::from_string(
      "service_id,period,measure,value,note\n"
      "S1,2026-01,occupied_bed_days,620,x\n"
      "S1,2026-02,occupied_bed_days,560.5,\n"
      "S2,2026-01,care_hours,0,\n"));
  ASSERT_EQ(table.size(), 3U);
  EXPECT_EQ(table.services().values(), (std::vector<std::string>{"S1", "S2"}));
  EXPECT_EQ(table.month()[1], 20485);  // 2026-02-01
  EXPECT_EQ(table.measure()[2], static_cast<std::uint8_t>(Measure::care_hours));
  EXPECT_DOUBLE_EQ(table.value()[1], 560.5);
}

// An exposure file named exposure.csv with the header and `body`.
ExposureTable read_exposure_text(const std::string& body) {
  return ExposureTable::read_csv(
      CsvReader::from_string("service_id,period,measure,value\n" + body, "exposure.csv"));
}

TEST(ExposureTable, ErrorsNameLineAndColumn) {
  EXPECT_EQ(expect_parse_error([&] { (void)read_exposure_text("S1,2026-13,visits,1\n"); }).column(),
            2U);
  EXPECT_EQ(expect_parse_error([&] { (void)read_exposure_text("S1,2026-1,visits,1\n"); }).column(),
            2U);
  EXPECT_EQ(expect_parse_error([&] { (void)read_exposure_text("S1,2026-01,beds,1\n"); }).column(),
            3U);
  EXPECT_EQ(expect_parse_error([&] { (void)read_exposure_text("S1,2026-01,visits,-1\n"); }).column(),
            4U);
  EXPECT_EQ(expect_parse_error([&] { (void)read_exposure_text("S1,2026-01,visits,nan\n"); }).column(),
            4U);
  EXPECT_EQ(expect_parse_error([&] { (void)read_exposure_text("S1,2026-01,visits,\n"); }).column(),
            4U);
  const auto duplicate = expect_parse_error([&] {
    (void)read_exposure_text("S1,2026-01,visits,1\nS1,2026-01,care_hours,1\nS1,2026-01,visits,2\n");
  });
  EXPECT_STREQ(duplicate.what(),
               "exposure.csv:4:1: column \"service_id\": duplicate exposure for service \"S1\", "
               "period 2026-01, measure visits (first on line 2)");
  EXPECT_STREQ(expect_parse_error([&] {
                 (void)ExposureTable::read_csv(
                     CsvReader::from_string("service_id,period,value\n", "exposure.csv"));
               }).what(),
               "exposure.csv:1: missing required column \"measure\"");
}

// Many keys (the table of first lines grows several times) and one repeat
// far from its first line; every measure of one month is a distinct key.
TEST(ExposureTable, ARepeatFarDownALargeFileNamesItsFirstLine) {
  std::string text;
  const std::array<const char*, 4> measures{"occupied_bed_days", "doses_administered",
                                            "care_hours", "visits"};
  for (int s = 0; s < 300; ++s) {
    for (int m = 1; m <= 12; ++m) {
      for (const char* measure : measures) {
        text += "S" + std::to_string(s) + ",2026-" + (m < 10 ? "0" : "") + std::to_string(m) +
                "," + measure + ",1\n";
      }
    }
  }
  EXPECT_EQ(read_exposure_text(text).size(), 300U * 12U * 4U);
  text += "S7,2026-03,care_hours,5\n";  // line 2 + 14,400: first on line 2 + 7*48 + 2*4 + 2
  const auto repeat = expect_parse_error([&] { (void)read_exposure_text(text); });
  EXPECT_STREQ(repeat.what(),
               "exposure.csv:14402:1: column \"service_id\": duplicate exposure for service "
               "\"S7\", period 2026-03, measure care_hours (first on line 348)");
}

TEST(ExposureTable, FromColumnsChecksRows) {
  const std::vector<std::int32_t> service{0, 0};
  const std::vector<DayNumber> month{20454, 20485};  // 2026-01-01, 2026-02-01
  const std::vector<std::uint8_t> measure{0, 0};
  const std::vector<double> value{10, 20};
  EXPECT_EQ(ExposureTable::from_columns({"S1"}, service, month, measure, value).size(), 2U);
  const std::vector<DayNumber> not_first{20454, 20486};
  EXPECT_THROW((void)ExposureTable::from_columns({"S1"}, service, not_first, measure, value),
               InputError);
  const std::vector<DayNumber> same{20454, 20454};
  EXPECT_THROW((void)ExposureTable::from_columns({"S1"}, service, same, measure, value),
               DuplicateError);
  const std::vector<double> negative{10, -1};
  EXPECT_THROW((void)ExposureTable::from_columns({"S1"}, service, month, measure, negative),
               InputError);
}

TEST(ServiceTable, ReadsAndChecks) {
  const auto table = ServiceTable::read_csv(CsvReader::from_string(
      "service_id,name,type,capacity,region\n"
      "S1,Oak House,residential,40,North\n"
      "S2,\"Elm, Supported Living\",supported_living,,South\n"
      "S3,Day Centre,community_hub,12,\n"));
  ASSERT_EQ(table.size(), 3U);
  EXPECT_EQ(table.names()[1], "Elm, Supported Living");
  EXPECT_EQ(table.capacities()[1], -1);
  EXPECT_EQ(table.types()[2], "community_hub");
  EXPECT_EQ(table.regions()[2], "");
  auto read_services_text = [](const std::string& body) {
    return ServiceTable::read_csv(
        CsvReader::from_string("service_id,name,type,capacity,region\n" + body, "services.csv"));
  };
  EXPECT_STREQ(expect_parse_error([&] {
                 (void)read_services_text("S1,A,residential,4,N\nS1,B,nursing,5,N\n");
               }).what(),
               "services.csv:3:1: column \"service_id\": duplicate service id \"S1\"");
  EXPECT_EQ(expect_parse_error([&] { (void)read_services_text("S1,A,residential,-4,N\n"); }).column(),
            4U);
  EXPECT_EQ(expect_parse_error([&] { (void)read_services_text("S1,A,residential,4.5,N\n"); }).column(),
            4U);
  EXPECT_EQ(expect_parse_error([&] { (void)read_services_text("S1,A,,4,N\n"); }).column(), 3U);
}

}  // namespace
}  // namespace closeloop::metrics
