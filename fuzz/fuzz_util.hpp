#pragma once
// Shared by the fuzz targets: the input as text, and the rule that only
// closeloop::Error may leave a parser (anything else is a finding).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "closeloop/core/error.hpp"

namespace closeloop::fuzz {

inline std::string text_of(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

/// Runs `parse`; a closeloop::Error is the expected refusal, any other
/// exception aborts so that libFuzzer records the input.
template <class Parse>
void refuse_only_with_error(Parse parse) {
  try {
    parse();
  } catch (const closeloop::Error&) {
  } catch (const std::exception& error) {
    std::fprintf(stderr, "non-closeloop exception: %s\n", error.what());
    std::abort();
  }
}

/// Aborts with `what` when `ok` is false (an invariant the target checks).
inline void require(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "invariant broken: %s\n", what);
    std::abort();
  }
}

}  // namespace closeloop::fuzz
