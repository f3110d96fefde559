// read_incidents (memory mapped, parsed in chunks on every core) against
// IncidentTable::read_csv (the sequential reader): the same table for every
// file read_csv accepts, the same error for every file it refuses. The files
// are large enough (about 10 MB) to be split into chunks, and a quoted field
// of many lines sits where the file's middle falls, so the guessed start of
// the second chunk is inside a record and the reader must correct it.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "closeloop/core/csv_chunks.hpp"
#include "closeloop/metrics/grid.hpp"
#include "closeloop/metrics/tables.hpp"

namespace closeloop::metrics {
namespace {

const std::string kHeader =
    "incident_id,service_id,occurred_at,reported_at,category,harm,person_ref,description\n";

// Rows of every shape read_csv accepts: times or none, empty report dates,
// quoted service ids with doubled quotes, descriptions with commas, doubled
// quotes and newlines, CRLF ends, blank lines.
std::string rows(int first, int count) {
  static const char* const kCategories[] = {"fall", "medication_error", "behaviour", "choking"};
  static const char* const kHarms[] = {"none", "low", "moderate", "severe", "fatal"};
  std::string out;
  for (int i = first; i < first + count; ++i) {
    const int day = 1 + i % 28;
    char date[32];
    std::snprintf(date, sizeof date, "2024-%02d-%02d", 1 + i % 12, day);
    out += "INC-" + std::to_string(i) + ",";
    out +=
        i % 17 == 0 ? "\"S \"\"" + std::to_string(i % 5) + "\"\"\"" : "S" + std::to_string(i % 41);
    out += ",";
    out += date;
    if (i % 3 != 0) out += "T" + std::to_string(10 + i % 13) + ":0" + std::to_string(i % 10);
    out += ",";
    if (i % 4 != 0) out += date;
    out += std::string(",") + kCategories[i % 4] + "," + kHarms[i % 5] + ",P" +
           std::to_string(i % 300);
    out += i % 7 == 0 ? ",\"said \"\"I fell\"\", then\nsat, and waited\""
                      : ",\"found on floor, no injury\"";
    out += i % 11 == 0 ? "\r\n" : "\n";
    if (i % 1000 == 0) out += "\n";
  }
  return out;
}

// A file of about 10 MB whose middle falls inside a quoted field of many lines.
std::string big_file(const std::string& tail = "") {
  std::string middle = "INC-big,S1,2024-06-01,,fall,none,P1,\"";
  for (int i = 0; i < 20000; ++i) middle += "line " + std::to_string(i) + ", \"\"quoted\"\"\n";
  middle += "\"\n";
  return kHeader + rows(0, 60000) + middle + rows(60000, 60000) + tail;
}

std::string write(const std::string& name, const std::string& text) {
  const auto path = std::filesystem::temp_directory_path() / ("closeloop_reader_" + name);
  std::ofstream(path, std::ios::binary) << text;
  return path.string();
}

IncidentTable sequential(const std::string& path) {
  return IncidentTable::read_csv(CsvReader::from_file(path));
}

template <class T>
std::vector<T> values(std::span<const T> column) {
  return {column.begin(), column.end()};
}

void expect_same(const IncidentTable& fast, const IncidentTable& slow) {
  ASSERT_EQ(fast.size(), slow.size());
  EXPECT_EQ(fast.services().values(), slow.services().values());
  EXPECT_EQ(fast.categories().values(), slow.categories().values());
  EXPECT_EQ(values(fast.service()), values(slow.service()));
  EXPECT_EQ(values(fast.category()), values(slow.category()));
  EXPECT_EQ(values(fast.harm()), values(slow.harm()));
  EXPECT_EQ(values(fast.day()), values(slow.day()));
  EXPECT_EQ(values(fast.minute()), values(slow.minute()));
  EXPECT_EQ(values(fast.reported_day()), values(slow.reported_day()));
  ASSERT_EQ(fast.ids().size(), slow.ids().size());
  for (std::size_t i = 0; i < fast.ids().size(); ++i) ASSERT_EQ(fast.ids()[i], slow.ids()[i]) << i;
}

std::string error_of(const std::function<void()>& call) {
  try {
    call();
  } catch (const ParseError& error) {
    return error.what();
  }
  return "no ParseError";
}

TEST(ChunkGuess, AGuessInsideAQuotedFieldIsCorrectedByTheReader) {
  const std::string text = big_file();
  const auto starts = guess_csv_chunks(text, kHeader.size(), 2);
  ASSERT_EQ(starts.size(), 3U);
  EXPECT_EQ(starts.front(), kHeader.size());
  EXPECT_EQ(starts.back(), text.size());
  // The middle falls inside the long quoted field, so the guess (the next
  // newline) is a line of that field, not a record's start...
  const std::size_t big = text.find("INC-big");
  const std::size_t after_big = text.find("\n\"\n", text.find("line 19999")) + 3;
  EXPECT_GT(starts[1], big);
  EXPECT_LT(starts[1], after_big);
  // ...and the first chunk's scan runs past it to the true end of the record.
  CsvChunkScanner scanner(text, kHeader.size(), starts[1], 8);
  std::vector<std::string_view> fields;
  while (scanner.next(fields)) {
  }
  EXPECT_FALSE(scanner.failed());
  EXPECT_EQ(scanner.position(), after_big);
}

TEST(ParallelReader, SameTableAsTheSequentialReader) {
  const std::string path = write("same.csv", "\xEF\xBB\xBF" + big_file());
  const IncidentTable fast = read_incidents(path);
  const IncidentTable slow = sequential(path);
  EXPECT_EQ(fast.size(), 120001U);
  expect_same(fast, slow);
  std::filesystem::remove(path);
}

TEST(ParallelReader, SmallFilesAndHeaderOnlyFiles) {
  const std::string small = write("small.csv", kHeader + rows(0, 50));
  expect_same(read_incidents(small), sequential(small));
  const std::string header_only = write("header.csv", kHeader);
  EXPECT_EQ(read_incidents(header_only).size(), 0U);
  std::filesystem::remove(small);
  std::filesystem::remove(header_only);
}

TEST(ParallelReader, EveryRefusalIsTheSequentialReadersError) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"date", "INC-x,S1,2024-02-30,,fall,none,P1,x\n"},
      {"category", "INC-x,S1,2024-02-03,,flood,none,P1,x\n"},
      {"harm", "INC-x,S1,2024-02-03,,fall,dire,P1,x\n"},
      {"reported", "INC-x,S1,2024-02-03,2024-02-01,fall,none,P1,x\n"},
      {"duplicate", "INC-7,S1,2024-02-03,,fall,none,P1,x\n"},
      {"fields", "INC-x,S1,2024-02-03,,fall,none,P1\n"},
      {"quote", "INC-x,S\"1,2024-02-03,,fall,none,P1,x\n"},
      {"unclosed", "INC-x,S1,2024-02-03,,fall,none,P1,\"x\n"},
      {"utf8", "INC-x,S1,2024-02-03,,fall,none,P1,caf\xC3(\n"},
      {"empty id", ",S1,2024-02-03,,fall,none,P1,x\n"},
  };
  for (const auto& [name, bad_row] : cases) {
    const std::string path = write("bad.csv", big_file(bad_row));
    const std::string fast = error_of([&] { (void)read_incidents(path); });
    const std::string slow = error_of([&] { (void)sequential(path); });
    EXPECT_NE(slow, "no ParseError") << name;
    EXPECT_EQ(fast, slow) << name;
    std::filesystem::remove(path);
  }
}

TEST(ParallelReader, KeepsOnlyTheColumnsAsked) {
  const std::string path = write("columns.csv", big_file());
  const std::vector<std::string> names{"service_id", "category"};
  const IncidentTable narrow = read_incidents(path, CategorySet(), IncidentColumnSet::of(names));
  const IncidentTable full = sequential(path);
  EXPECT_EQ(narrow.size(), full.size());
  EXPECT_EQ(values(narrow.service()), values(full.service()));
  EXPECT_EQ(values(narrow.category()), values(full.category()));
  EXPECT_EQ(values(narrow.day()), values(full.day()));
  EXPECT_TRUE(narrow.harm().empty());
  EXPECT_TRUE(narrow.minute().empty());
  EXPECT_TRUE(narrow.reported_day().empty());
  EXPECT_EQ(narrow.ids().size(), 0U);
  EXPECT_TRUE(narrow.kept().contains(IncidentColumn::category));
  EXPECT_FALSE(narrow.kept().contains(IncidentColumn::harm));

  // A job that needs a column not kept says so instead of counting nothing.
  GridOptions by_harm;
  by_harm.by = {GroupKey::harm};
  try {
    (void)count_grid(narrow, by_harm);
    ADD_FAILURE() << "no InputError";
  } catch (const InputError& error) {
    EXPECT_EQ(std::string(error.what()),
              "grouping by harm needs the harm column, which this incident table was read "
              "without (add it to columns)");
  }
  // A refused file is refused whatever is kept: unkept columns are still checked.
  const std::string bad =
      write("columns_bad.csv", big_file("INC-x,S1,2024-02-03,,fall,dire,P1,x\n"));
  EXPECT_NE(
      error_of([&] { (void)read_incidents(bad, CategorySet(), IncidentColumnSet::of(names)); }),
      "no ParseError");
  EXPECT_THROW((void)IncidentColumnSet::of(std::vector<std::string>{"person_ref"}), InputError);
  std::filesystem::remove(path);
  std::filesystem::remove(bad);
}

}  // namespace
}  // namespace closeloop::metrics
