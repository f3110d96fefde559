#pragma once
// Shared by the fuzz targets that need a store: the base rows (services and
// a few incidents of the sample provider) and a store's whole content, by
// which a target checks that a refused input left the store as it was.

#include <cstddef>
#include <fstream>
#include <string>
#include <vector>

#include "closeloop/store/store.hpp"

namespace closeloop::fuzz {

/// The first `max_lines` lines of a sample-provider file.
inline std::string provider_file_text(const std::string& name, std::size_t max_lines) {
  std::ifstream in(std::string(CLOSELOOP_SOURCE_DIR) + "/examples/data/provider/" + name);
  std::string out;
  std::string line;
  for (std::size_t n = 0; n < max_lines && std::getline(in, line); ++n) out += line + "\n";
  return out;
}

/// The base rows every target's store starts from.
inline const std::vector<store::CsvSource>& base_sources() {
  static const std::vector<store::CsvSource> sources{
      store::CsvSource::from_text(store::Table::services, provider_file_text("services.csv", 100),
                                  "services.csv"),
      store::CsvSource::from_text(store::Table::incidents, provider_file_text("incidents.csv", 30),
                                  "incidents.csv")};
  return sources;
}

/// Every table of `store` exported, concatenated.
inline std::string content_of(const store::Store& store) {
  std::string out;
  for (store::Table table : store::all_tables()) out += store.export_table(table);
  return out;
}

/// An in-memory store holding the base rows.
inline store::Store make_base_store() {
  auto made = store::Store::create(":memory:");
  (void)made.import_csv(base_sources());
  return made;
}

/// The base store and its content. Making a store is most of an input's cost
/// (the schema and the base rows), so one store serves every input that is
/// refused (which, by the invariant each target checks, leaves it as it was)
/// and a new one is made after each input that is taken.
struct BaseStore {
  store::Store store = make_base_store();
  std::string content = content_of(store);
};

}  // namespace closeloop::fuzz
