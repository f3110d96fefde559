#include "report_commands.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "closeloop/core/csv.hpp"
#include "closeloop/core/error.hpp"
#include "closeloop/metrics/tables.hpp"
#include "closeloop/report/build.hpp"
#include "closeloop/report/render.hpp"
#include "closeloop/sample/provider.hpp"
#include "closeloop/store/store.hpp"

namespace closeloop::cli {

namespace {

// The exposure table in the exposure.csv format, for the store's import.
std::string exposure_csv(const metrics::ExposureTable& exposures) {
  std::string text = "service_id,period,measure,value\n";
  for (std::size_t i = 0; i < exposures.size(); ++i) {
    const std::string month = to_iso(from_day_number(exposures.month()[i])).substr(0, 7);
    char value[32];
    std::snprintf(value, sizeof value, "%.17g", exposures.value()[i]);
    append_csv_row(text, {exposures.services()[exposures.service()[i]], month,
                          std::string(metrics::to_string(
                              static_cast<metrics::Measure>(exposures.measure()[i]))),
                          value});
  }
  return text;
}

}  // namespace

int run_sample(const SampleRequest& request, std::ostream& out) {
  sample::SampleOptions options;
  options.seed = request.seed;
  options.months = request.months;
  if (request.as_of) options.as_of = parse_date(*request.as_of);
  const sample::SampleProvider provider = sample::generate_sample_provider(options);
  store::Store db = store::Store::create(request.db);
  db.save(provider.reg);
  const std::vector<store::CsvSource> sources{store::CsvSource::from_text(
      store::Table::exposure, exposure_csv(provider.exposures), "sample exposure")};
  db.import_csv(sources);
  out << "sample provider \"" << provider.name << "\" as of " << to_iso(provider.as_of) << " written to "
      << request.db << ": " << provider.reg.services().size() << " services, "
      << provider.reg.incidents().size() << " incidents, " << provider.reg.actions().size()
      << " actions, " << provider.exposures.size() << " exposure rows\n";
  return 0;
}

namespace {

// Writes `text` to a temporary file beside `path` and renames it into place:
// `path` holds the old content or the whole new report, never part of one
// (a full disk, a killed process); the temporary file is removed on failure.
void write_whole_file(const std::string& path, const std::string& text) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  std::string temporary =
      (target.parent_path() / ("." + target.filename().string() + ".partial-XXXXXX")).string();
  const int fd = ::mkstemp(temporary.data());
  if (fd < 0) throw InputError("cannot write \"" + path + "\": " + std::strerror(errno));
  const mode_t mask = ::umask(0);  // mkstemp makes 0600; a report gets the usual mode
  ::umask(mask);
  (void)::fchmod(fd, 0666 & ~mask);
  ::close(fd);
  struct Remove {
    std::string path;
    ~Remove() {
      if (!path.empty()) ::unlink(path.c_str());
    }
  } remove{temporary};
  std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
  file << text;
  file.close();
  if (!file) throw InputError("could not finish writing \"" + path + "\" (disk full?): not written");
  std::error_code error;
  fs::rename(temporary, target, error);
  if (error) throw InputError("cannot write \"" + path + "\": " + error.message());
  remove.path.clear();
}

}  // namespace

int run_report(const ReportRequest& request, std::ostream& out) {
  const store::Store db = store::Store::open_read_only(request.db);
  const lifecycle::Register reg = db.load();
  const metrics::ExposureTable exposures = db.exposure();
  report::ReportOptions options;
  options.audience = report::parse_audience(request.audience);
  options.as_of = parse_date(request.as_of);
  if (request.from) options.period_start = parse_date(*request.from);
  if (request.to) options.period_end = parse_date(*request.to);
  if (request.service) options.scope = ServiceId(*request.service);
  for (const auto& id : request.services) options.services.emplace_back(id);
  options.region = request.region;
  options.scope_name = request.scope_name;
  options.provider = request.provider;
  const report::GovernanceReport built = report::build_report(reg, exposures, options);

  std::string text;
  if (request.format == "json") {
    text = report::to_json(built);
  } else if (request.format == "markdown") {
    text = report::to_markdown(built);
  } else if (request.format == "html") {
    text = report::to_html(built);
  } else {
    throw InputError("unknown report format \"" + request.format +
                     "\": expected json, markdown or html");
  }
  if (request.output.empty()) {
    out << text;
    return 0;
  }
  write_whole_file(request.output, text);
  return 0;
}

}  // namespace closeloop::cli
