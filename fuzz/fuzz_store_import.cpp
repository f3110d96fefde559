// Every store import table: the first byte picks the table (all_tables()
// order), the rest is the CSV. Each input is imported into an in-memory
// store holding the sample provider's services and first incidents
// (examples/data/provider), so references to them resolve; a refused
// import must leave that store as it was.
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "closeloop/store/store.hpp"
#include "fuzz_util.hpp"

namespace cs = closeloop::store;

namespace {

std::string file_text(const std::string& name, std::size_t max_lines) {
  std::ifstream in(std::string(CLOSELOOP_SOURCE_DIR) + "/examples/data/provider/" + name);
  std::string out;
  std::string line;
  for (std::size_t n = 0; n < max_lines && std::getline(in, line); ++n) out += line + "\n";
  return out;
}

const std::vector<cs::CsvSource>& base() {
  static const std::vector<cs::CsvSource> sources{
      cs::CsvSource::from_text(cs::Table::services, file_text("services.csv", 100), "services.csv"),
      cs::CsvSource::from_text(cs::Table::incidents, file_text("incidents.csv", 30),
                               "incidents.csv")};
  return sources;
}

std::string content_of(const cs::Store& store) {
  std::string out;
  for (cs::Table table : cs::all_tables()) out += store.export_table(table);
  return out;
}

// The base store and its content. Making a store is most of an input's cost
// (the schema and the base rows), so one store serves every input that is
// refused (which, by the invariant checked, leaves it as it was) and a new
// one is made after each input that is taken.
struct Base {
  cs::Store store = make();
  std::string content = content_of(store);

  static cs::Store make() {
    auto store = cs::Store::create(":memory:");
    (void)store.import_csv(base());
    return store;
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  static Base base_store;
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
  base_store = Base();
  return 0;
}
