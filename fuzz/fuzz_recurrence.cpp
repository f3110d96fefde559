// The monitoring recurrence parser: what it accepts prints back to a text
// it accepts again, as the same recurrence.
#include <cstdint>
#include <string>

#include "closeloop/lifecycle/schedule.hpp"
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = closeloop::fuzz::text_of(data, size);
  closeloop::fuzz::refuse_only_with_error([&] {
    const auto recurrence = closeloop::lifecycle::parse_recurrence(text);
    const std::string printed = closeloop::lifecycle::to_string(recurrence);
    closeloop::fuzz::require(closeloop::lifecycle::to_string(
                                 closeloop::lifecycle::parse_recurrence(printed)) == printed,
                             "recurrence round trip");
  });
  return 0;
}
