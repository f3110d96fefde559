// Every store import table: the first byte picks the table (all_tables()
// order), the rest is the CSV. Each input is imported into an in-memory
// store holding the sample provider's services and first incidents
// (examples/data/provider), so references to them resolve; a refused
// import must leave that store as it was.
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "closeloop/store/store.hpp"
#include "fuzz_util.hpp"
#include "store_base.hpp"

namespace cs = closeloop::store;

using closeloop::fuzz::content_of;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static closeloop::fuzz::BaseStore base_store;
  cs::Store& store = base_store.store;
  const auto tables = cs::all_tables();
  const cs::Table table = tables[data[0] % tables.size()];
  const std::vector<cs::CsvSource> sources{cs::CsvSource::from_text(
      table, closeloop::fuzz::text_of(data + 1, size - 1), "fuzz.csv")};
  bool refused = true;
  closeloop::fuzz::refuse_only_with_error([&] {
    (void)store.import_csv(sources);
    refused = false;
  });
  if (refused) {
    closeloop::fuzz::require(content_of(store) == base_store.content,
                             "a refused import changed the store");
    return 0;
  }
  // What was imported loads again through every Register guard.
  closeloop::fuzz::refuse_only_with_error([&] { (void)store.load(); });
  base_store = closeloop::fuzz::BaseStore();
  return 0;
}
