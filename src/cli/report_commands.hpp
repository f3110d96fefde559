#pragma once
// The CLI's `sample` and `report` commands: the sample provider written into a
// store, and governance reports rendered from a store.

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace closeloop::cli {

/// `closeloop sample DB`: the seeded sample provider into a new store.
struct SampleRequest {
  std::string db;
  unsigned long long seed = 7;
  std::optional<std::string> as_of;
  int months = 24;
};
int run_sample(const SampleRequest& request, std::ostream& out);

/// `closeloop report DB`: one governance report for one audience.
struct ReportRequest {
  std::string db;
  std::string audience = "board";
  std::string as_of;
  std::optional<std::string> from;
  std::optional<std::string> to;
  std::optional<std::string> service;
  /// A set of services (a contract), or every service of a region.
  std::vector<std::string> services;
  std::string region;
  /// The set's name in the title.
  std::string scope_name;
  std::string provider;
  /// json, markdown or html.
  std::string format = "html";
  /// The output file; standard output when empty.
  std::string output;
};
int run_report(const ReportRequest& request, std::ostream& out);

}  // namespace closeloop::cli
