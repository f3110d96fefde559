#pragma once
// The command's lifecycle subcommands: one per entry of the call table
// (calls.hpp) under its group (`closeloop incident add`, `closeloop action
// agree`, ...), plus `show action`, `signals` and `apply`.

#include <CLI/CLI.hpp>

#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "calls.hpp"

namespace closeloop::cli {

/// The lifecycle subcommands added to the command, and the values their
/// options were given.
class LifecycleCommands {
 public:
  /// Adds the subcommands to `app`.
  explicit LifecycleCommands(CLI::App& app);
  /// Runs the subcommand the command line chose, if it was one of these;
  /// nothing otherwise. Throws closeloop::Error for bad input or a refusal.
  std::optional<int> run(std::ostream& out);

 private:
  struct CallCommand {
    const Call* call = nullptr;
    CLI::App* command = nullptr;
    std::string db;
    std::string format = "table";
    std::map<std::string, std::string> one;
    std::map<std::string, std::vector<std::string>> lists;
  };
  // Stable addresses: CLI11 keeps pointers to the option storage.
  std::vector<std::unique_ptr<CallCommand>> calls_;

  CLI::App* show_action_ = nullptr;
  std::string show_db_;
  std::string show_id_;
  std::string show_format_ = "table";

  CLI::App* signals_ = nullptr;
  std::string signals_db_;
  std::string signals_as_of_;
  std::vector<std::string> signals_kinds_;
  std::string signals_format_ = "table";

  CLI::App* apply_ = nullptr;
  std::string apply_db_;
  std::string apply_file_;
  std::string apply_format_ = "table";
};

/// `closeloop apply DB FILE`: every change of a JSON-lines file in one
/// transaction, or none; errors name FILE:LINE and the field. Returns what
/// each change recorded. Reads FILE with read_changes, then opens DB and runs
/// apply_changes (calls.hpp).
nlohmann::json apply_file(const std::string& db, const std::string& file);

}  // namespace closeloop::cli
