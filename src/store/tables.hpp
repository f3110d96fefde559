#pragma once
// Row-level import and export of the interchange tables. TableWriter checks
// each CSV row, inserts it inside the caller's transaction, and turns any
// refusal (bad value, duplicate id, unknown reference) into a ParseError that
// names the file, the line and the column.

#include <cstddef>
#include <string>

#include "closeloop/core/csv.hpp"
#include "closeloop/core/date.hpp"
#include "closeloop/core/enums.hpp"
#include "closeloop/store/store.hpp"
#include "sqlite.hpp"

namespace closeloop::store::detail {

/// Canonical text of an instant given as YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]
/// (optional Z, space for T): the date alone when no time was given,
/// YYYY-MM-DDTHH:MM:SS otherwise. False if the text is not such an instant.
bool canonical_instant(std::string_view text, std::string& out, DayNumber& day);

/// Shortest text that reads back as the same double.
std::string format_number(double value);

/// Imports rows into the open transaction of a connection.
class TableWriter {
 public:
  explicit TableWriter(Connection& connection);
  /// Imports every row of `reader` into `table`; returns the row count.
  std::size_t import_rows(Table table, CsvReader& reader, const ImportOptions& options);

 private:
  std::size_t import_categories(CsvReader& reader, const ImportOptions& options);
  std::size_t import_services(CsvReader& reader, const ImportOptions& options);
  std::size_t import_incidents(CsvReader& reader, const ImportOptions& options);
  std::size_t import_exposure(CsvReader& reader, const ImportOptions& options);

  Connection& connection_;
  CategorySet categories_;
};

/// `table` as CSV text in its interchange format, rows in arrival order.
std::string export_rows(Connection& connection, Table table);

}  // namespace closeloop::store::detail
