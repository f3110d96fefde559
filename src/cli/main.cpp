// The closeloop command-line tool: init, import, export, actions, trends,
// spc, erase-person, sample, report, and the lifecycle commands (incident,
// investigation, plan, action, evidence, check, review, share, show,
// signals, apply: lifecycle_commands.cpp) (docs/cli.md). Exit codes are
// mapped here and only here:
//   0  success (also --help and --version)
//   1  bad input or a refused operation: the message on stderr says what and
//      where (file:line:column for CSV input)
//   2  usage: unknown command or option, missing argument
#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "closeloop/core/error.hpp"
#include "closeloop/core/enum_words.hpp"
#include "closeloop/metrics/rules.hpp"
#include "closeloop/metrics/verdict.hpp"
#include "closeloop/version.hpp"
#include "commands.hpp"
#include "lifecycle_commands.hpp"
#include "report_commands.hpp"

namespace {

namespace cli = closeloop::cli;
namespace store = closeloop::store;

constexpr int exit_ok = 0;
constexpr int exit_refused = 1;
constexpr int exit_usage = 2;

// --rules: the words RuleSet::parse reads, refused with its message.
const CLI::Validator rule_words(
    [](std::string& words) {
      try {
        (void)closeloop::metrics::RuleSet::parse(words);
        return std::string();
      } catch (const closeloop::InputError& error) {
        return std::string(error.what());
      }
    },
    "RULES");

// --improvement: the words of the Improvement table the library parses.
CLI::IsMember improvement_words() {
  const auto words = closeloop::all_words<closeloop::metrics::Improvement>();
  return CLI::IsMember(std::vector<std::string>(words.begin(), words.end()));
}

void add_format(CLI::App* command, std::string& format) {
  command->add_option("--format", format, "Output: table (default), csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}));
}

int run(int argc, char** argv) {
  CLI::App app{"closeloop: incident learning, action tracking and improvement metrics for adult "
               "social care. See docs/cli.md."};
  app.set_version_flag("--version", std::string("closeloop ") + closeloop::version);
  app.require_subcommand(1);

  std::string db;
  std::string directory;
  std::string format = "table";

  auto* init = app.add_subcommand("init", "Create a store (or migrate an older one)");
  init->add_option("DB", db, "The store file")->required();

  cli::ImportRequest import_request;
  auto* import = app.add_subcommand(
      "import", "Import CSV files in one transaction: every row of every file, or none");
  import->add_option("DB", import_request.db, "The store file")->required();
  std::map<store::Table, std::vector<std::string>> files;
  for (store::Table table : store::all_tables()) {
    std::string flag = "--" + std::string(store::to_string(table));
    for (auto& c : flag) {
      if (c == '_') c = '-';
    }
    import->add_option(flag, files[table],
                       "CSV file(s) in the " + store::file_name(table) + " format");
  }
  std::string import_dir;
  import->add_option("--dir", import_dir,
                     "A directory of <table>.csv files, as `closeloop export` writes them");

  auto* exporter = app.add_subcommand("export", "Write every table as CSV into a directory");
  exporter->add_option("DB", db, "The store file")->required();
  exporter->add_option("DIR", directory, "The directory (created if needed)")->required();

  cli::ActionsRequest actions_request;
  std::int32_t stale_days = 0;
  auto* actions = app.add_subcommand("actions", "List actions and their signals as of a date");
  actions->add_option("DB", actions_request.db, "The store file")->required();
  actions->add_option("--as-of", actions_request.as_of, "The date (YYYY-MM-DD)")->required();
  actions->add_flag("--overdue", actions_request.overdue, "Only actions past their due date");
  auto* stale_option = actions->add_option(
      "--stale", stale_days, "Only actions with no event, evidence or check for more than DAYS");
  std::string service;
  auto* service_option = actions->add_option("--service", service, "Only actions of a service");
  add_format(actions, format);

  cli::SpcRequest spc_request;
  auto* spc = app.add_subcommand("spc", "A statistical process control chart of a CSV series");
  spc->add_option("--chart", spc_request.chart, "xmr, run, c, u, p, t, g, mr or ip")->required();
  spc->add_option("--input", spc_request.input, "The CSV file, one row per point")->required();
  spc->add_option("--value", spc_request.value_column, "The value (count) column (default value)");
  std::string denominator;
  auto* denominator_option = spc->add_option(
      "--denominator", denominator,
      "The exposure (u) or denominator (p, ip) column (default exposure / denominator)");
  std::string label;
  auto* label_option =
      spc->add_option("--label", label, "The label column (default period, if present)");
  spc->add_option("--per", spc_request.per, "Multiplier of u-chart rates (1000 for per 1,000)");
  spc->add_option("--phase", spc_request.phases,
                  "0-based index of the first point of a new phase (repeatable)");
  spc->add_option("--baseline", spc_request.baseline,
                  "Points of each phase that fix centre and limits (0: all)");
  spc->add_option("--rules", spc_request.rules,
                  "mdc (default), anhoej or rule names joined by commas")
      ->check(rule_words);
  spc->add_option("--improvement", spc_request.improvement, "increase, decrease or neutral")
      ->check(improvement_words());
  double target = 0;
  auto* target_option = spc->add_option("--target", target, "Target for the assurance verdict");
  add_format(spc, format);

  cli::TrendsRequest trends_request;
  auto* trends = app.add_subcommand(
      "trends", "Incident rates per group and period with an SPC chart per series");
  std::string trends_db;
  auto* trends_db_option = trends->add_option("DB", trends_db, "The store file (or give --incidents)");
  std::string trends_incidents;
  std::string trends_exposure;
  std::string trends_services;
  auto* incidents_option =
      trends->add_option("--incidents", trends_incidents, "incidents.csv (instead of a store)");
  auto* exposure_option = trends->add_option("--exposure", trends_exposure, "exposure.csv");
  auto* services_option =
      trends->add_option("--services", trends_services, "services.csv (for service_type, region)");
  trends_db_option->excludes(incidents_option);
  std::string by = "service_id";
  trends->add_option("--by", by,
                     "Group keys, comma-separated: service (service_id), category, harm, "
                     "service_type, region");
  trends->add_option("--period", trends_request.period,
                     "day, week, month (default), quarter or financial_year");
  std::string measures;
  trends->add_option("--measure", measures,
                     "Exposure measures in order of preference, comma-separated");
  trends->add_option("--per", trends_request.per, "Rate multiplier (default 1000)");
  trends->add_option("--chart", trends_request.chart, "u (default), c, xmr or run");
  trends->add_option("--rules", trends_request.rules,
                     "mdc (default), anhoej or rule names joined by commas")
      ->check(rule_words);
  trends->add_option("--improvement", trends_request.improvement, "increase, decrease or neutral")
      ->check(improvement_words());
  trends->add_option("--category", trends_request.categories, "Count only this category (repeatable)");
  std::string from;
  std::string to;
  auto* from_option = trends->add_option("--from", from, "First day of the range");
  auto* to_option = trends->add_option("--to", to, "Last day of the range");
  trends->add_option("--rebase", trends_request.rebase,
                     "Recompute limits from the period starting on or after DATE (repeatable)");
  trends->add_option("--baseline", trends_request.baseline,
                     "Points of each phase that fix centre and limits (0: all)");
  add_format(trends, format);

  cli::EraseRequest erase_request;
  auto* erase = app.add_subcommand(
      "erase-person",
      "Remove one person's references from incidents, keeping the audit trail "
      "(docs/data-protection.md)");
  erase->add_option("DB", erase_request.db, "The store file")->required();
  erase->add_option("PERSON_REF", erase_request.person_ref, "The person reference")->required();
  erase->add_option("--replacement", erase_request.replacement,
                    "The token that replaces the reference")
      ->required();
  erase->add_option("--as-of", erase_request.as_of, "The date of the request")->required();
  erase->add_option("--note", erase_request.note, "The request's reference (no personal data)");

  cli::SampleRequest sample_request;
  auto* sample = app.add_subcommand(
      "sample", "Write the seeded sample provider (docs/reports.md) into a new store");
  sample->add_option("DB", sample_request.db, "The store file")->required();
  sample->add_option("--seed", sample_request.seed, "Random seed (default 7)");
  std::string sample_as_of;
  auto* sample_as_of_option =
      sample->add_option("--as-of", sample_as_of, "The date the sample is as of (default 2026-11-26)");
  sample->add_option("--months", sample_request.months, "Months of incidents (default 24)");

  cli::ReportRequest report_request;
  auto* report = app.add_subcommand(
      "report", "A governance report for a board, the governance meeting, a commissioner or an inspector");
  report->add_option("DB", report_request.db, "The store file")->required();
  report->add_option("--audience", report_request.audience,
                     "board (default), governance (the meeting pack), commissioner or inspector")
      ->check(CLI::IsMember({"board", "governance", "commissioner", "inspector"}));
  // --as-of, --from and --to are checked together after parsing, so that
  // one message names every one missing.
  auto* report_as_of_option =
      report->add_option("--as-of", report_request.as_of, "The date the report is as of");
  std::string report_from;
  std::string report_to;
  auto* report_from_option = report->add_option("--from", report_from, "First day of the period");
  auto* report_to_option = report->add_option("--to", report_to, "Last day of the period");
  std::string report_service;
  auto* report_service_option =
      report->add_option("--service", report_service, "Report on one service only");
  auto* report_services_option =
      report->add_option("--services", report_request.services, "Report on a set of services (a contract): ids")
          ->delimiter(',')
          ->excludes(report_service_option);
  report->add_option("--region", report_request.region, "Report on every service of a region")
      ->excludes(report_service_option)
      ->excludes(report_services_option);
  report->add_option("--scope-name", report_request.scope_name,
                     "The name of the set of services in the title (\"North contract\")");
  report->add_option("--provider", report_request.provider, "The provider's name for the title");
  report->add_option("--format", report_request.format, "html (default), markdown or json")
      ->check(CLI::IsMember({"html", "markdown", "json"}));
  report->add_option("--output", report_request.output, "The file to write (default: standard output)");

  cli::LifecycleCommands lifecycle_commands(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return exit_usage;
  }

  std::ostream& out = std::cout;
  if (auto code = lifecycle_commands.run(out)) return *code;
  if (*init) return cli::run_init(db, out);
  if (*import) {
    import_request.files = files;
    if (!import_dir.empty()) import_request.directory = import_dir;
    return cli::run_import(import_request, out);
  }
  if (*exporter) return cli::run_export(db, directory, out);
  if (*actions) {
    if (*stale_option) actions_request.stale_days = stale_days;
    if (*service_option) actions_request.service = service;
    actions_request.format = cli::parse_format(format);
    return cli::run_actions(actions_request, out);
  }
  if (*spc) {
    if (*denominator_option) spc_request.denominator_column = denominator;
    if (*label_option) spc_request.label_column = label;
    if (*target_option) spc_request.target = target;
    spc_request.format = cli::parse_format(format);
    return cli::run_spc(spc_request, out);
  }
  if (*trends) {
    auto split = [](const std::string& text) {
      std::vector<std::string> parts;
      std::size_t start = 0;
      while (start <= text.size()) {
        const auto end = text.find(',', start);
        const std::string part = text.substr(start, end == std::string::npos ? end : end - start);
        if (!part.empty()) parts.push_back(part);
        if (end == std::string::npos) break;
        start = end + 1;
      }
      return parts;
    };
    if (*trends_db_option) trends_request.db = trends_db;
    if (*incidents_option) trends_request.incidents = trends_incidents;
    if (*exposure_option) trends_request.exposure = trends_exposure;
    if (*services_option) trends_request.services = trends_services;
    trends_request.by = split(by);
    trends_request.measures = split(measures);
    if (*from_option) trends_request.from = from;
    if (*to_option) trends_request.to = to;
    trends_request.format = cli::parse_format(format);
    return cli::run_trends(trends_request, out);
  }
  if (*erase) return cli::run_erase_person(erase_request, out);
  if (*sample) {
    if (*sample_as_of_option) sample_request.as_of = sample_as_of;
    return cli::run_sample(sample_request, out);
  }
  if (*report) {
    std::vector<std::string> missing;
    if (!*report_as_of_option) missing.emplace_back("--as-of");
    if (!*report_from_option) missing.emplace_back("--from");
    if (!*report_to_option) missing.emplace_back("--to");
    if (!missing.empty()) {
      std::string names = missing.front();
      for (std::size_t i = 1; i < missing.size(); ++i) {
        names += (i + 1 == missing.size() ? " and " : ", ") + missing[i];
      }
      std::cerr << "closeloop report: missing " << names
                << ": a report covers a period (--from DATE --to DATE) as of a date (--as-of DATE)\n"
                << "Run with --help for more information.\n";
      return exit_usage;
    }
    if (*report_from_option) report_request.from = report_from;
    if (*report_to_option) report_request.to = report_to;
    if (*report_service_option) report_request.service = report_service;
    return cli::run_report(report_request, out);
  }
  return exit_usage;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const closeloop::Error& error) {
    std::cerr << "closeloop: error: " << error.what() << '\n';
    return exit_refused;
  } catch (const std::exception& error) {
    std::cerr << "closeloop: error: " << error.what() << '\n';
    return exit_refused;
  }
  return exit_ok;
}
