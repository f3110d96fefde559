#pragma once
// Golden-file comparison. The expected renderings live in
// tests/report/golden/. To regenerate them after an intended change, run the
// report tests with CLOSELOOP_REGENERATE_GOLDEN=1 (see docs/reports.md) and
// review the diff before committing.

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

namespace closeloop::report::testing {

inline std::string golden_path(const std::string& name) {
  return std::string(CLOSELOOP_SOURCE_DIR) + "/tests/report/golden/" + name;
}

inline bool regenerating() {
  const char* flag = std::getenv("CLOSELOOP_REGENERATE_GOLDEN");
  return flag != nullptr && std::string(flag) == "1";
}

inline void expect_golden(const std::string& name, const std::string& actual) {
  const std::string path = golden_path(name);
  if (regenerating()) {
    std::ofstream out(path, std::ios::binary);
    out << actual;
    ASSERT_TRUE(out.good()) << "could not write " << path;
    std::cout << "[ golden ] rewrote " << path << "\n";
    return;
  }
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in.good()) << "missing golden file " << path
                         << " (run with CLOSELOOP_REGENERATE_GOLDEN=1 to create it)";
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string expected = buffer.str();
  if (expected == actual) return;
  // Point at the first differing line so a failure is readable.
  std::istringstream a(expected);
  std::istringstream b(actual);
  std::string line_a;
  std::string line_b;
  int line = 0;
  while (true) {
    ++line;
    const bool more_a = static_cast<bool>(std::getline(a, line_a));
    const bool more_b = static_cast<bool>(std::getline(b, line_b));
    if (!more_a && !more_b) break;
    if (line_a != line_b || more_a != more_b) {
      ADD_FAILURE() << name << " differs from the golden file at line " << line << "\n  expected: "
                    << line_a.substr(0, 300) << "\n  actual:   " << line_b.substr(0, 300)
                    << "\n(if the change is intended, regenerate with CLOSELOOP_REGENERATE_GOLDEN=1)";
      return;
    }
  }
  ADD_FAILURE() << name << " differs from the golden file";
}

}  // namespace closeloop::report::testing
