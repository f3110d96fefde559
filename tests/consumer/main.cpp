// Uses the installed library the way a care-software vendor would: parse a
// date, refuse an impossible one, and print the version.
#include <closeloop/core/date.hpp>
#include <closeloop/core/error.hpp>
#include <closeloop/version.hpp>
#include <iostream>

int main() {
  const closeloop::Date date = closeloop::parse_date("2026-03-31");
  if (closeloop::to_iso(date) != "2026-03-31") return 1;
  try {
    (void)closeloop::parse_date("2026-02-30");
    return 2;
  } catch (const closeloop::InputError& error) {
    std::cout << "refused: " << error.what() << "\n";
  }
  std::cout << "closeloop " << closeloop::version << " linked\n";
  return 0;
}
