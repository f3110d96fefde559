// The metrics area's CSV readers (incidents, exposure, services), chosen by
// CLOSELOOP_FUZZ_TABLE at compile time. A table that is read must hold only
// supported days and in-range codes.
#include <cstdint>

#include "closeloop/metrics/tables.hpp"
#include "fuzz_util.hpp"

namespace cm = closeloop::metrics;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using closeloop::fuzz::require;
  closeloop::fuzz::refuse_only_with_error([&] {
    auto reader = closeloop::CsvReader::from_string(closeloop::fuzz::text_of(data, size), "fuzz.csv");
#if CLOSELOOP_FUZZ_TABLE == 0
    const auto table = cm::IncidentTable::read_csv(std::move(reader));
    for (std::size_t i = 0; i < table.size(); ++i) {
      require(closeloop::is_supported_day(table.day()[i]), "incident day in range");
      require(table.harm()[i] <= 4, "harm code in range");
      if (!table.reported_day().empty() && table.reported_day()[i] != cm::kMissingDay) {
        require(table.reported_day()[i] >= table.day()[i], "reported on or after the day");
      }
    }
#elif CLOSELOOP_FUZZ_TABLE == 1
    const auto table = cm::ExposureTable::read_csv(std::move(reader));
    for (std::size_t i = 0; i < table.size(); ++i) {
      require(closeloop::is_supported_day(table.month()[i]), "exposure month in range");
      require(table.value()[i] >= 0, "exposure not negative");
    }
#else
    const auto table = cm::ServiceTable::read_csv(std::move(reader));
    (void)table;
#endif
  });
  return 0;
}
