#include <gtest/gtest.h>

#include "closeloop/core/csv.hpp"

namespace closeloop {
namespace {

std::vector<std::vector<std::string>> read_all(CsvReader& reader) {
  std::vector<std::vector<std::string>> rows;
  CsvRecord record;
  while (reader.next(record)) rows.emplace_back(record.fields.begin(), record.fields.end());
  return rows;
}

TEST(Csv, QuotedCommasQuotesAndNewlines) {
  auto reader = CsvReader::from_string(
      "id,description,n\r\n"
      "I1,\"slipped, no injury\",1\r\n"
      "I2,\"said \"\"help\"\"\",2\n"
      "I3,\"line one\nline two\",3\n");
  ASSERT_EQ(reader.header().size(), 3U);
  const auto rows = read_all(reader);
  ASSERT_EQ(rows.size(), 3U);
  EXPECT_EQ(rows[0][1], "slipped, no injury");
  EXPECT_EQ(rows[1][1], "said \"help\"");
  EXPECT_EQ(rows[2][1], "line one\nline two");
  EXPECT_EQ(rows[2][2], "3");
}

TEST(Csv, LineNumbersCountEmbeddedNewlines) {
  auto reader = CsvReader::from_string("a,b\n\"x\ny\",1\nbad\n", "f.csv");
  CsvRecord record;
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(record.line, 2U);
  try {
    reader.next(record);
    FAIL();
  } catch (const ParseError& error) {
    EXPECT_EQ(error.line(), 4U);
    EXPECT_EQ(error.column(), 2U);  // the first missing column
    EXPECT_STREQ(error.what(), "f.csv:4:2: expected 2 fields as in the header, found 1");
  }
}

TEST(Csv, BomIsIgnoredAndMissingColumnNamed) {
  auto reader = CsvReader::from_string("\xEF\xBB\xBFservice_id,name\nS1,Oak House\n", "s.csv");
  EXPECT_EQ(reader.require_column("service_id"), 0U);
  try {
    (void)reader.require_column("region");
    FAIL();
  } catch (const ParseError& error) {
    EXPECT_STREQ(error.what(), "s.csv:1: missing required column \"region\"");
  }
}

TEST(Csv, MalformedQuotingIsAnError) {
  EXPECT_THROW(
      {
        auto reader = CsvReader::from_string("a,b\n\"open,1\n");
        CsvRecord record;
        reader.next(record);
      },
      ParseError);
  EXPECT_THROW(
      {
        auto reader = CsvReader::from_string("a,b\nx\"y,1\n");
        CsvRecord record;
        reader.next(record);
      },
      ParseError);
  EXPECT_THROW(
      {
        auto reader = CsvReader::from_string("a,b\n\"x\"y,1\n");
        CsvRecord record;
        reader.next(record);
      },
      ParseError);
}

TEST(Csv, InvalidUtf8IsRefusedWithItsLine) {
  try {
    (void)CsvReader::from_string("a\nok\n\xC3\x28\n", "u.csv");
    FAIL();
  } catch (const ParseError& error) {
    EXPECT_EQ(error.line(), 3U);
  }
  // Valid multi-byte text passes: "Zoë", "€".
  auto reader = CsvReader::from_string("a\nZo\xC3\xAB \xE2\x82\xAC\n");
  EXPECT_EQ(read_all(reader)[0][0], "Zo\xC3\xAB \xE2\x82\xAC");
}

TEST(Csv, ErrorAtNamesColumn) {
  auto reader = CsvReader::from_string("id,occurred_at\nI1,2026-02-30\n", "incidents.csv");
  CsvRecord record;
  ASSERT_TRUE(reader.next(record));
  const ParseError error = reader.error_at(record, 1, "invalid date");
  EXPECT_STREQ(error.what(), "incidents.csv:2:2: column \"occurred_at\": invalid date");
}

}  // namespace
}  // namespace closeloop

namespace closeloop {
namespace {

TEST(Csv, WrittenRowsReadBackIdentically) {
  const std::vector<std::string> fields{"I1", "said \"stop\", then fell", "line\nbreak", ""};
  std::string text = "a,b,c,d\n";
  append_csv_row(text, fields);
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  auto reader = CsvReader::from_string(text);
  CsvRecord record;
  ASSERT_TRUE(reader.next(record));
  EXPECT_EQ(std::vector<std::string>(record.fields.begin(), record.fields.end()), fields);
}

}  // namespace
}  // namespace closeloop
