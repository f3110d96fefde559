// Store edges of issue 14: erasure leaves no copy in any database file, an
// export appears whole or not at all, read commands open read-only and
// refuse files that are not stores, a full disk or read-only file during an
// import leaves the store as it was, readers keep reading while a writer
// imports, the incidents files the metrics reader takes are taken, and text
// that is not UTF-8 is refused naming where it is.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "closeloop/core/error.hpp"
#include "closeloop/store/store.hpp"
#include "store_test_util.hpp"

namespace closeloop::store {
namespace {

namespace fs = std::filesystem;
using testing::content_of;
using testing::read_file;
using testing::run_child;
using testing::TempDir;
using testing::write_file;

const std::string kServices =
    "service_id,name,type,capacity,region\nS1,Oak House,residential,40,North\n";
const std::string kIncidentHeader =
    "incident_id,service_id,occurred_at,reported_at,category,harm,person_ref,description\n";

std::string make_store(const TempDir& dir, const std::string& incidents) {
  const std::string path = dir.file("store.db");
  auto store = Store::create(path);
  const std::vector<CsvSource> sources{
      CsvSource::from_text(Table::services, kServices, "services.csv"),
      CsvSource::from_text(Table::incidents, kIncidentHeader + incidents, "incidents.csv")};
  store.import_csv(sources);
  return path;
}

std::string many_incidents(std::size_t rows) {
  std::string text = kIncidentHeader;
  for (std::size_t i = 0; i < rows; ++i) {
    text += "N" + std::to_string(i) + ",S1,2026-04-01T07:15,2026-04-01,fall,low,P-" +
            std::to_string(i % 300) + ",\"a long enough description of incident " +
            std::to_string(i) + " to fill pages\"\n";
  }
  return text;
}

template <class F>
std::string store_error_of(F call) {
  try {
    call();
  } catch (const Error& error) {
    return error.what();
  }
  return "(no error)";
}

TEST(Erasure, NoCopyOfTheErasedTextInAnyFileWhileAnotherConnectionIsOpen) {
  TempDir dir;
  std::string rows;
  for (int i = 0; i < 40; ++i) {
    rows += "E" + std::to_string(i) + ",S1,2026-03-01,2026-03-01,fall,none," +
            (i % 4 == 0 ? "P-SECRET-7741" : "P-OTHER") + "," +
            (i % 4 == 0 ? "\"Mrs Quillfeather-Secret fell in the garden\"" : "routine") + "\n";
  }
  const std::string path = make_store(dir, rows);
  auto writer = Store::open(path);
  auto reader = Store::open(path);  // stays open throughout, as a second process would
  EXPECT_EQ(reader.load().incidents().size(), 40U);
  // Changes pass through the WAL; the old text is in pages of all files now.
  EXPECT_EQ(writer.erase_person("P-SECRET-7741", "ERASED-1", start_of(Date(2026, 5, 1)), "request"),
            10U);
  EXPECT_EQ(reader.load().incidents().size(), 40U);
  for (const std::string suffix : {"", "-wal", "-shm"}) {
    const std::string bytes = read_file(path + suffix);
    EXPECT_EQ(bytes.find("P-SECRET-7741"), std::string::npos) << path + suffix;
    EXPECT_EQ(bytes.find("Quillfeather"), std::string::npos) << path + suffix;
  }
  EXPECT_TRUE(fs::exists(path));
  EXPECT_EQ(fs::file_size(path + "-wal"), 0U);  // truncated by the checkpoint
}

TEST(Export, AFailedExportLeavesNothingBehind) {
  TempDir dir;
  const std::string path = make_store(dir, many_incidents(3000).substr(kIncidentHeader.size()));
  const std::string target = dir.file("out");
  // A 64 KiB file-size limit fails the incidents file part-way.
  const int status = run_child([&] {
    ::signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{64 * 1024, 64 * 1024};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    int code = 1;
    {
      const auto store = Store::open_read_only(path);
      try {
        (void)store.export_csv(target);
      } catch (const StoreError& error) {
        const std::string what = error.what();
        if (what.find("nothing was exported") != std::string::npos) code = 7;
      }
    }
    ::_exit(code);
  });
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 7);
  // No folder, no temporary folder, no *.partial file.
  std::vector<std::string> left;
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("store.db", 0) != 0) left.push_back(name);  // -wal, -shm may stay
  }
  std::sort(left.begin(), left.end());
  EXPECT_EQ(left, std::vector<std::string>{});
  // A successful export appears whole; a second one into it is refused.
  const auto written = Store::open_read_only(path).export_csv(target);
  EXPECT_EQ(written.size(), table_count);
  EXPECT_EQ(store_error_of([&] { (void)Store::open_read_only(path).export_csv(target); }),
            "export folder \"" + target +
                "\" already exists and is not empty: give a new or empty folder");
}

TEST(ReadOnly, NotAStoreIsRefusedAndLeftAsItWas) {
  TempDir dir;
  const std::string empty = dir.file("empty.db");
  write_file(empty, "");
  EXPECT_EQ(store_error_of([&] { (void)Store::open_read_only(empty); }),
            "\"" + empty + "\" is an empty file, not a closeloop store: create one with "
            "closeloop init");
  EXPECT_EQ(store_error_of([&] { (void)Store::open(empty); }),
            "\"" + empty + "\" is an empty file, not a closeloop store: create one with "
            "closeloop init");
  EXPECT_EQ(fs::file_size(empty), 0U);
  const std::string random = dir.file("random.db");
  std::string noise(4096, '\0');
  for (std::size_t i = 0; i < noise.size(); ++i) noise[i] = static_cast<char>((i * 7919 + 13) % 251);
  write_file(random, noise);
  EXPECT_NE(store_error_of([&] { (void)Store::open_read_only(random); }).find("file is not a database"),
            std::string::npos);
  EXPECT_EQ(read_file(random), noise);
  EXPECT_FALSE(fs::exists(random + "-wal"));
  // A SQLite database of another application is not a store either.
  const std::string other = dir.file("other.db");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(other.c_str(), &db), SQLITE_OK);
  sqlite3_exec(db, "CREATE TABLE t (x)", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  EXPECT_EQ(store_error_of([&] { (void)Store::open_read_only(other); }),
            "\"" + other + "\" is not a closeloop store (no closeloop application_id): create "
            "one with closeloop init");
}

// Runs `body` as an unprivileged user when the tests run as root (root
// ignores file permissions), in a child; true when it exited 0.
template <class Body>
bool as_unprivileged_user(Body body) {
  const int status = run_child([&] {
    if (::getuid() == 0 && (::setgid(65534) != 0 || ::setuid(65534) != 0)) ::_exit(4);
    body();
  });
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

TEST(ReadOnly, AStoreInAReadOnlyFileOrFolderCanBeRead) {
  TempDir dir;
  const std::string path = make_store(dir, "R1,S1,2026-03-01,2026-03-01,fall,none,P-1,x\n");
  const std::string before = read_file(path);
  ::chmod(dir.path().c_str(), 0777);
  ::chmod(path.c_str(), 0444);
  // Read-only file in a folder the reader may write (-shm and -wal).
  EXPECT_TRUE(as_unprivileged_user([&] {
    if (Store::open_read_only(path).load().incidents().size() != 1) ::_exit(5);
  }));
  // Writing is refused with a clear error, not a crash.
  EXPECT_TRUE(as_unprivileged_user([&] {
    try {
      auto store = Store::open(path);
      const std::vector<CsvSource> sources{CsvSource::from_text(
          Table::incidents, kIncidentHeader + "R2,S1,2026-03-02,,fall,none,P-2,y\n", "i.csv")};
      store.import_csv(sources);
      ::_exit(6);
    } catch (const StoreError&) {
    }
  }));
  // Read-only folder: no -wal or -shm can be made beside the file.
  ::chmod(dir.path().c_str(), 0555);
  EXPECT_TRUE(as_unprivileged_user([&] {
    if (Store::open_read_only(path).load().incidents().size() != 1) ::_exit(5);
  }));
  ::chmod(dir.path().c_str(), 0755);
  ::chmod(path.c_str(), 0644);
  EXPECT_EQ(read_file(path), before);
}

TEST(Faults, AFullDiskDuringImportLeavesTheStoreAsItWas) {
  TempDir dir;
  const std::string path = make_store(dir, "F0,S1,2026-03-01,2026-03-01,fall,none,P-1,x\n");
  const std::string before = content_of(Store::open(path));
  const std::string incidents = many_incidents(20000);
  // The file-size limit stands for a full disk: the WAL cannot grow.
  const int status = run_child([&] {
    ::signal(SIGXFSZ, SIG_IGN);
    const rlimit limit{static_cast<rlim_t>(fs::file_size(path)) + 256 * 1024,
                       static_cast<rlim_t>(fs::file_size(path)) + 256 * 1024};
    ::setrlimit(RLIMIT_FSIZE, &limit);
    auto store = Store::open(path);
    const std::vector<CsvSource> sources{
        CsvSource::from_text(Table::incidents, incidents, "incidents.csv")};
    try {
      store.import_csv(sources);
    } catch (const StoreError& error) {
      const std::string what = error.what();
      if (what.find("store \"" + path + "\"") == 0) ::_exit(7);
    }
    ::_exit(1);
  });
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 7);
  auto store = Store::open(path);
  EXPECT_EQ(store.integrity_check(), "ok");
  EXPECT_EQ(content_of(store), before);
}

TEST(Faults, AFullTmpfsDuringImportLeavesTheStoreAsItWas) {
  TempDir dir;
  const fs::path mount_point = dir.path() / "small";
  fs::create_directories(mount_point);
  if (::mount("tmpfs", mount_point.c_str(), "tmpfs", 0, "size=2m") != 0) {
    GTEST_SKIP() << "cannot mount a tmpfs here (not root, or no CAP_SYS_ADMIN): "
                    "AFullDiskDuringImport covers the case with RLIMIT_FSIZE";
  }
  struct Unmount {
    std::string at;
    ~Unmount() { ::umount(at.c_str()); }
  } unmount{mount_point.string()};
  const std::string path = (mount_point / "store.db").string();
  {
    auto store = Store::create(path);
    const std::vector<CsvSource> sources{
        CsvSource::from_text(Table::services, kServices, "services.csv")};
    store.import_csv(sources);
  }
  const std::string before = content_of(Store::open(path));
  auto store = Store::open(path);
  const std::vector<CsvSource> sources{
      CsvSource::from_text(Table::incidents, many_incidents(40000), "incidents.csv")};
  const std::string message = store_error_of([&] { store.import_csv(sources); });
  EXPECT_NE(message.find("database or disk is full"), std::string::npos) << message;
  EXPECT_EQ(store.integrity_check(), "ok");
  EXPECT_EQ(content_of(store), before);
}

TEST(Faults, AReadOnlyStoreRefusesAnImportAndStaysAsItWas) {
  TempDir dir;
  const std::string path = make_store(dir, "F0,S1,2026-03-01,2026-03-01,fall,none,P-1,x\n");
  const std::string before = read_file(path);
  const std::vector<CsvSource> sources{CsvSource::from_text(
      Table::incidents, kIncidentHeader + "F1,S1,2026-03-02,,fall,none,P-2,y\n", "incidents.csv")};
  auto reader = Store::open_read_only(path);
  EXPECT_NE(store_error_of([&] { (void)reader.import_csv(sources); }).find("readonly"),
            std::string::npos);
  EXPECT_EQ(read_file(path), before);
}

TEST(Faults, ReadersKeepReadingWhileAWriterImports) {
  TempDir dir;
  const std::string path = make_store(dir, "F0,S1,2026-03-01,2026-03-01,fall,none,P-1,x\n");
  std::atomic<bool> done{false};
  std::atomic<int> reads{0};
  std::atomic<int> failures{0};
  std::thread reader([&] {
    auto store = Store::open_read_only(path);
    while (!done) {
      const std::size_t n = store.count(Table::incidents);
      if (n != 1 && n != 20001) ++failures;
      ++reads;
    }
  });
  auto writer = Store::open(path);
  const std::vector<CsvSource> sources{
      CsvSource::from_text(Table::incidents, many_incidents(20000), "incidents.csv")};
  writer.import_csv(sources);
  // Let the reader see the committed state at least once.
  const int seen = reads.load();
  while (reads.load() < seen + 3) std::this_thread::yield();
  done = true;
  reader.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(reads.load(), 3);
  EXPECT_EQ(writer.count(Table::incidents), 20001U);
}

TEST(ReportedAt, TheStoreTakesWhatTheMetricsReaderTakes) {
  TempDir dir;
  const std::string path = dir.file("examples.db");
  auto store = Store::create(path);
  const std::string data = std::string(CLOSELOOP_SOURCE_DIR) + "/examples/data/";
  const std::vector<CsvSource> sources{CsvSource::file(Table::services, data + "services.csv"),
                                       CsvSource::file(Table::incidents, data + "incidents.csv")};
  const auto summary = store.import_csv(sources);
  EXPECT_GT(summary.rows_of(Table::incidents), 1000U);
  // INC-000001 occurred at 11:25 and was reported "2023-04-01": that day.
  // INC-000003 has no reported_at: not recorded, exported as empty.
  const auto reg = store.load();
  EXPECT_EQ(to_iso(reg.incident(IncidentId("INC-000001")).reported_at), "2023-04-01T00:00:00");
  EXPECT_TRUE(reg.incident(IncidentId("INC-000003")).reported_at.is_not_a_date_time());
  const std::string exported = store.export_table(Table::incidents);
  EXPECT_NE(exported.find("INC-000003,S01,2023-04-04T00:13:00,,fall,none,"), std::string::npos);
  // A report on an earlier day is refused with the one message.
  const std::vector<CsvSource> early{CsvSource::from_text(
      Table::incidents, kIncidentHeader + "X1,S01,2023-04-02T10:00,2023-04-01,fall,none,,\n",
      "early.csv")};
  EXPECT_EQ(store_error_of([&] { (void)store.import_csv(early); }),
            "early.csv:2:4: column \"reported_at\": reported_at \"2023-04-01\" is on a day before "
            "occurred_at \"2023-04-02T10:00\"");
}

TEST(Utf8, InvalidTextInAStoreIsRefusedNamingTableRowAndColumn) {
  TempDir dir;
  const std::string path = make_store(dir, "U1,S1,2026-03-01,2026-03-01,fall,none,P-1,fine\n");
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE incidents SET description = 'bad ' || x'ff' || ' byte'",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  const std::string expected = "store \"" + path +
                               "\": table incidents row 1, column description: invalid UTF-8 at "
                               "byte 5 (text closeloop did not write; repair the row or import "
                               "it again)";
  EXPECT_EQ(store_error_of([&] { (void)Store::open_read_only(path).load(); }), expected);
  EXPECT_EQ(store_error_of([&] { (void)Store::open_read_only(path).export_table(Table::incidents); }),
            expected);
}

}  // namespace
}  // namespace closeloop::store
