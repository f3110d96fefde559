// The JSON-lines change file of `closeloop apply`: the input is the file,
// read by the command's own decoder (read_changes, then apply_changes, from
// src/cli/calls.cpp) into an in-memory store holding the sample provider's
// services and first incidents (examples/data/provider), so references to
// them resolve. The only refusal is a closeloop::Error; a file refused while
// being applied must leave the store and its register as they were; an
// accepted one must load again, through every Register guard, into the
// register the calls built.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>
#include <vector>

#include "calls.hpp"
#include "closeloop/lifecycle/register.hpp"
#include "closeloop/store/store.hpp"
#include "fuzz_util.hpp"
#include "store_base.hpp"

namespace cs = closeloop::store;
namespace fz = closeloop::fuzz;

namespace {

using closeloop::fuzz::content_of;

// The base store (fuzz::BaseStore) and the register it holds, which a
// refused change file must also leave as it was.
struct Base : fz::BaseStore {
  closeloop::lifecycle::Register reg = store.current();
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const bool verbose = std::getenv("CLOSELOOP_FUZZ_VERBOSE") != nullptr;
  static Base base_store;
  cs::Store& store = base_store.store;

  std::istringstream in(fz::text_of(data, size));
  bool refused = true;
  bool applying = false;
  fz::refuse_only_with_error([&] {
    try {
      auto changes = closeloop::cli::read_changes(in, "fuzz.jsonl");
      applying = true;
      (void)closeloop::cli::apply_changes(store, std::move(changes), "fuzz.jsonl");
      refused = false;
    } catch (const closeloop::Error& error) {
      // CLOSELOOP_FUZZ_VERBOSE=1 with -runs=0 FILE shows why a file is refused.
      if (verbose) std::fprintf(stderr, "refused: %s\n", error.what());
      throw;
    }
  });
  if (refused) {
    if (!applying) return 0;  // refused on reading: the store was not touched
    fz::require(content_of(store) == base_store.content, "a refused change file changed the store");
    fz::require(store.current() == base_store.reg,
                "a refused change file changed the store's register");
    return 0;
  }
  // What was recorded loads again, and is what the calls built.
  closeloop::lifecycle::Register loaded;
  bool loads = false;
  fz::refuse_only_with_error([&] {
    loaded = store.load();
    loads = true;
  });
  fz::require(loads, "an accepted change file left a store that does not load");
  fz::require(loaded == store.current(), "an accepted change file loads as another register");
  base_store = Base();
  return 0;
}
