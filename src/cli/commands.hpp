#pragma once
// The subcommands of the closeloop tool. Each returns the exit code for a
// successful run and throws closeloop::Error for bad input or a refused
// operation; main() maps errors to exit codes in one place.

#include <cstdint>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "closeloop/store/store.hpp"
#include "output.hpp"

namespace closeloop::cli {

/// `closeloop init DB`: creates (or migrates) a store.
int run_init(const std::string& db, std::ostream& out);

/// Inputs of `closeloop import`.
struct ImportRequest {
  std::string db;
  /// Files per table, from --services, --incidents, ...
  std::map<store::Table, std::vector<std::string>> files;
  /// A directory of <table>.csv files (as `closeloop export` writes them).
  std::optional<std::string> directory;
};
/// `closeloop import DB --services F ...`: one all-or-nothing import.
int run_import(const ImportRequest& request, std::ostream& out);

/// `closeloop export DB DIR`.
int run_export(const std::string& db, const std::string& directory, std::ostream& out);

/// Inputs of `closeloop actions`.
struct ActionsRequest {
  std::string db;
  std::string as_of;
  bool overdue = false;
  std::optional<std::int32_t> stale_days;
  std::optional<std::string> service;
  Format format = Format::table;
};
/// `closeloop actions DB --as-of DATE [--overdue] [--stale DAYS] [--service ID]`.
int run_actions(const ActionsRequest& request, std::ostream& out);

/// Inputs of `closeloop spc`.
struct SpcRequest {
  std::string chart;
  std::string input;
  std::string value_column = "value";
  std::optional<std::string> denominator_column;
  std::optional<std::string> label_column;
  double per = 1.0;
  std::vector<std::size_t> phases;
  std::size_t baseline = 0;
  std::string rules = "mdc";
  std::string improvement = "neutral";
  std::optional<double> target;
  Format format = Format::table;
};
/// `closeloop spc --chart KIND --input F ...`: a chart over a CSV series.
int run_spc(const SpcRequest& request, std::ostream& out);

/// Inputs of `closeloop trends`.
struct TrendsRequest {
  /// A store to read incidents, exposure and services from ...
  std::optional<std::string> db;
  /// ... or CSV files.
  std::optional<std::string> incidents;
  std::optional<std::string> exposure;
  std::optional<std::string> services;
  std::vector<std::string> by{"service_id"};
  std::string period = "month";
  std::vector<std::string> measures;
  double per = 1000.0;
  std::string chart = "u";
  std::string rules = "mdc";
  std::string improvement = "neutral";
  std::vector<std::string> categories;
  std::optional<std::string> from;
  std::optional<std::string> to;
  std::vector<std::string> rebase;
  std::size_t baseline = 0;
  Format format = Format::table;
};
/// `closeloop trends (DB | --incidents F --exposure F) --by ... --period ...`.
int run_trends(const TrendsRequest& request, std::ostream& out);

/// Inputs of `closeloop erase-person`.
struct EraseRequest {
  std::string db;
  std::string person_ref;
  std::string replacement;
  std::string as_of;
  std::string note;
};
/// `closeloop erase-person DB REF --replacement TOKEN --as-of DATE --note TEXT`.
int run_erase_person(const EraseRequest& request, std::ostream& out);

}  // namespace closeloop::cli
