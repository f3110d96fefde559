#pragma once
// The row-by-row import of CSV inputs into an open transaction: each row is
// decoded, given to the Register (which applies every rule and guard), and
// written. Any refusal becomes a ParseError naming the file, the line and
// the column of the offending value.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "closeloop/core/csv.hpp"
#include "closeloop/lifecycle/register.hpp"
#include "closeloop/store/store.hpp"
#include "tables.hpp"

namespace closeloop::store::detail {

/// Imports CSV inputs table by table; children (escalation steps, measures,
/// monitoring, share targets) are held until their parent row arrives.
class Importer {
 public:
  Importer(lifecycle::Register& reg, TableWriter& writer, const ImportOptions& options);
  ~Importer();
  Importer(const Importer&) = delete;
  Importer& operator=(const Importer&) = delete;
  /// Imports every row of `reader` into `table`; returns the rows taken.
  std::size_t run(Table table, CsvReader& reader);
  /// Refuses children whose parent never arrived.
  void finish();

 private:
  struct Pending;
  lifecycle::Register& reg_;
  TableWriter& writer_;
  const ImportOptions& options_;
  std::unique_ptr<Pending> pending_;
};

}  // namespace closeloop::store::detail
