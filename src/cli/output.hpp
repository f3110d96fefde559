#pragma once
// Tabular command output: a readable aligned table by default, CSV or JSON
// (an array of objects with typed values) for pipelines.

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace closeloop::cli {

/// The output formats of --format.
enum class Format { table, csv, json };

/// Parses "table", "csv" or "json".
Format parse_format(std::string_view text);

/// One cell: nothing (empty / JSON null), text, a whole number, a real number or a flag.
using Cell = std::variant<std::monostate, std::string, std::int64_t, double, bool>;

/// Rows under named columns.
struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<Cell>> rows;
};

/// The cell as text ("" for nothing, shortest round-trip form for reals).
std::string text_of(const Cell& cell);

/// Writes `table` to `out` in `format`.
void print(std::ostream& out, const Table& table, Format format);

/// Writes rows as they come: CSV and JSON go straight to the stream (memory
/// does not grow with the rows), the aligned table is held until finish()
/// to measure its columns. The bytes are print()'s for the same rows.
class RowWriter {
 public:
  /// Starts output in `format` under `columns`.
  RowWriter(std::ostream& out, std::vector<std::string> columns, Format format);
  /// Writes (or, for the table view, keeps) one row of cells, one per column.
  void row(const std::vector<Cell>& cells);
  /// Ends the output (the table view is written here).
  void finish();

 private:
  std::ostream& out_;
  Table table_;  // the columns, and the rows of the table view
  Format format_;
  std::size_t written_ = 0;
  std::string buffer_;
};

/// True when standard error is a terminal: progress lines go there only then.
bool stderr_is_terminal();

}  // namespace closeloop::cli
