// Faults: a process killed with SIGKILL in the middle of a large import, at
// chosen rows and at timed moments, leaves an intact store holding all or
// nothing of that import; two processes writing at once either succeed or
// get a clear busy error, and nothing they committed is lost.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "closeloop/core/error.hpp"
#include "closeloop/store/store.hpp"
#include "store_test_util.hpp"

namespace closeloop::store {
namespace {

using testing::TempDir;
using testing::run_child;
using namespace std::chrono_literals;

constexpr std::size_t big_rows = 60000;

std::string base_services() {
  return "service_id,name,type,capacity,region\nS1,Oak House,residential,40,North\n"
         "S2,Elm Court,nursing,60,South\n";
}

std::string big_incidents() {
  std::string text =
      "incident_id,service_id,occurred_at,reported_at,category,harm,person_ref,description\n";
  for (std::size_t i = 0; i < big_rows; ++i) {
    const std::string day = std::to_string(10 + i % 18);
    text += "K" + std::to_string(i) + (i % 2 == 0 ? ",S1" : ",S2") + ",2026-04-" + day +
            "T07:15,2026-04-" + day + "T08:00," + (i % 3 == 0 ? "fall" : "medication_error") +
            ",low,P-" + std::to_string(i % 500) + ",\"note " + std::to_string(i) +
            ", checked\"\n";
  }
  return text;
}

// A store holding a committed base import (two services, one incident).
std::string make_base_store(const TempDir& dir, const std::string& name) {
  const std::string path = dir.file(name);
  auto store = Store::create(path);
  const std::vector<CsvSource> base{
      CsvSource::from_text(Table::services, base_services(), "services.csv"),
      CsvSource::from_text(Table::incidents,
                           "incident_id,service_id,occurred_at,reported_at,category,harm,"
                           "person_ref,description\nB1,S1,2026-03-01,2026-03-01,fall,none,P-1,base\n",
                           "incidents.csv")};
  store.import_csv(base);
  return path;
}

class KillDuringImport : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    incidents_ = new std::string(big_incidents());
    // The reference: the same import, completed.
    TempDir dir;
    const auto path = make_base_store(dir, "reference.db");
    auto store = Store::open(path);
    const std::vector<CsvSource> sources{
        CsvSource::from_text(Table::incidents, *incidents_, "big.csv")};
    store.import_csv(sources);
    complete_ = new std::string(store.export_table(Table::incidents));
  }
  static void TearDownTestSuite() {
    delete incidents_;
    delete complete_;
  }

  // After a kill: the store is intact and holds the base plus all or none.
  // Returns true when the import was committed.
  static bool check_all_or_nothing(const std::string& path) {
    auto store = Store::open(path);
    EXPECT_EQ(store.integrity_check(), "ok");
    EXPECT_EQ(store.count(Table::services), 2U);
    const std::size_t rows = store.count(Table::incidents);
    EXPECT_TRUE(rows == 1 || rows == big_rows + 1) << rows << " incidents after the kill";
    if (rows == big_rows + 1) {
      EXPECT_EQ(store.export_table(Table::incidents), *complete_);
      return true;
    }
    return false;
  }

  static std::string* incidents_;
  static std::string* complete_;
};

std::string* KillDuringImport::incidents_ = nullptr;
std::string* KillDuringImport::complete_ = nullptr;

TEST_F(KillDuringImport, AtChosenRowsLeavesNothingOfTheImport) {
  // Row counts where the child kills itself with SIGKILL from inside the
  // import; big_rows is the last progress call, after every row is written
  // and before COMMIT.
  for (const std::size_t kill_at : {std::size_t{1}, std::size_t{500}, big_rows / 2,
                                    big_rows - 500, big_rows}) {
    SCOPED_TRACE("kill at row " + std::to_string(kill_at));
    TempDir dir;
    const auto path = make_base_store(dir, "victim.db");
    const int status = run_child([&] {
      auto store = Store::open(path);
      ImportOptions options;
      options.progress_every = 500;
      options.on_progress = [&](Table, std::size_t rows) {
        if (rows >= kill_at) ::kill(::getpid(), SIGKILL);
      };
      const std::vector<CsvSource> sources{
          CsvSource::from_text(Table::incidents, *incidents_, "big.csv")};
      store.import_csv(sources, options);
    });
    ASSERT_TRUE(WIFSIGNALED(status));
    EXPECT_EQ(WTERMSIG(status), SIGKILL);
    EXPECT_FALSE(check_all_or_nothing(path));
  }
}

TEST_F(KillDuringImport, AtTimedMomentsLeavesAllOrNothing) {
  // The parent kills the child at increasing delays after the import starts,
  // so that some kills land among the inserts, some during COMMIT and some
  // after it; each must leave all or nothing.
  int committed = 0;
  int lost = 0;
  for (const int delay_ms : {0, 20, 60, 120, 200, 300, 450, 700}) {
    SCOPED_TRACE("kill after " + std::to_string(delay_ms) + " ms");
    TempDir dir;
    const auto path = make_base_store(dir, "victim.db");
    int ready[2];
    ASSERT_EQ(::pipe(ready), 0);
    const pid_t pid = ::fork();
    if (pid == 0) {
      ::close(ready[0]);
      try {
        auto store = Store::open(path);
        ImportOptions options;
        options.progress_every = 1;
        bool told = false;
        options.on_progress = [&](Table, std::size_t) {
          if (!told) {
            told = true;
            const char byte = 'r';
            (void)::write(ready[1], &byte, 1);
          }
        };
        const std::vector<CsvSource> sources{
            CsvSource::from_text(Table::incidents, *incidents_, "big.csv")};
        store.import_csv(sources, options);
      } catch (...) {
        ::_exit(3);
      }
      ::_exit(0);
    }
    ::close(ready[1]);
    char byte = 0;
    ASSERT_EQ(::read(ready[0], &byte, 1), 1);
    ::close(ready[0]);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (WIFEXITED(status)) {
      EXPECT_EQ(WEXITSTATUS(status), 0);
    }
    (check_all_or_nothing(path) ? committed : lost) += 1;
  }
  // The earliest kill lands before the import can finish.
  EXPECT_GE(lost, 1);
  RecordProperty("committed", committed);
}

// Two processes each commit `batches` imports of `batch` services. Returns,
// per process, the ids it committed and the errors it got.
struct WriterReport {
  std::set<std::string> committed;
  std::vector<std::string> errors;
};

WriterReport parse_report(const std::string& text) {
  WriterReport report;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find('\n', start);
    const std::string line = text.substr(start, end - start);
    start = end == std::string::npos ? text.size() : end + 1;
    if (line.rfind("ok ", 0) == 0) report.committed.insert(line.substr(3));
    if (line.rfind("error ", 0) == 0) report.errors.push_back(line.substr(6));
  }
  return report;
}

std::vector<WriterReport> run_two_writers(const std::string& path, std::chrono::milliseconds timeout,
                                          int batches, int batch) {
  std::vector<pid_t> pids;
  std::vector<int> outputs;
  for (const char* prefix : {"A", "B"}) {
    int fds[2];
    EXPECT_EQ(::pipe(fds), 0);
    const pid_t pid = ::fork();
    if (pid == 0) {
      ::close(fds[0]);
      auto say = [&](const std::string& line) {
        const std::string text = line + "\n";
        (void)::write(fds[1], text.data(), text.size());
      };
      try {
        auto store = Store::open(path, StoreOptions{timeout});
        for (int b = 0; b < batches; ++b) {
          std::string csv = "service_id,name,type,capacity,region\n";
          const std::string id = std::string(prefix) + std::to_string(b);
          for (int r = 0; r < batch; ++r) {
            csv += id + "-" + std::to_string(r) + ",Home,residential,10,North\n";
          }
          const std::vector<CsvSource> sources{
              CsvSource::from_text(Table::services, csv, id + ".csv")};
          try {
            store.import_csv(sources);
            say("ok " + id);
          } catch (const StoreError& error) {
            say("error " + std::string(error.what()));
          }
        }
      } catch (const std::exception& error) {
        say(std::string("error open: ") + error.what());
      }
      ::close(fds[1]);
      ::_exit(0);
    }
    ::close(fds[1]);
    pids.push_back(pid);
    outputs.push_back(fds[0]);
  }
  std::vector<WriterReport> reports;
  for (std::size_t i = 0; i < pids.size(); ++i) {
    std::string text;
    char buffer[4096];
    ssize_t n = 0;
    while ((n = ::read(outputs[i], buffer, sizeof buffer)) > 0) {
      text.append(buffer, static_cast<std::size_t>(n));
    }
    ::close(outputs[i]);
    int status = 0;
    ::waitpid(pids[i], &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    reports.push_back(parse_report(text));
  }
  return reports;
}

// Every batch a process said it committed is in the store, whole, and
// nothing else is.
void expect_committed_batches_present(const std::string& path, const std::vector<WriterReport>& reports,
                                      int batch) {
  auto store = Store::open(path);
  EXPECT_EQ(store.integrity_check(), "ok");
  std::size_t committed = 0;
  for (const auto& report : reports) committed += report.committed.size();
  EXPECT_EQ(store.count(Table::services), committed * static_cast<std::size_t>(batch));
  std::set<std::string> stored;
  const std::string all = store.export_table(Table::services);
  for (std::size_t line = all.find('\n'); line + 1 < all.size(); line = all.find('\n', line + 1)) {
    stored.insert(all.substr(line + 1, all.find(',', line + 1) - line - 1));
  }
  for (const auto& report : reports) {
    for (const auto& id : report.committed) {
      for (int r = 0; r < batch; ++r) {
        EXPECT_EQ(stored.count(id + "-" + std::to_string(r)), 1U) << id;
      }
    }
  }
}

// Two processes writing batches of incidents into one new store.
class TwoWriters : public ::testing::Test {
 protected:
  void SetUp() override { (void)Store::create(path); }
  TempDir dir;
  std::string path = dir.file("shared.db");
};

TEST_F(TwoWriters, WithABusyTimeoutBothSucceedAndNothingIsLost) {
  const int batches = 30;
  const int batch = 300;
  const auto reports = run_two_writers(path, 10000ms, batches, batch);
  ASSERT_EQ(reports.size(), 2U);
  for (const auto& report : reports) {
    EXPECT_EQ(report.committed.size(), static_cast<std::size_t>(batches));
    EXPECT_TRUE(report.errors.empty()) << report.errors.front();
  }
  expect_committed_batches_present(path, reports, batch);
}

TEST_F(TwoWriters, WithoutATimeoutTheLoserGetsAClearBusyError) {
  const int batches = 40;
  const int batch = 2000;
  const auto reports = run_two_writers(path, 0ms, batches, batch);
  ASSERT_EQ(reports.size(), 2U);
  for (const auto& report : reports) {
    EXPECT_EQ(report.committed.size() + report.errors.size(), static_cast<std::size_t>(batches));
    for (const auto& error : report.errors) {
      EXPECT_NE(error.find("database is busy: another connection holds the lock and the busy "
                           "timeout of 0 ms expired"),
                std::string::npos)
          << error;
    }
  }
  expect_committed_batches_present(path, reports, batch);
  RecordProperty("busy_errors", static_cast<int>(reports[0].errors.size() + reports[1].errors.size()));
}

}  // namespace
}  // namespace closeloop::store
