#pragma once
/// \file
/// An RFC 4180 CSV reader over UTF-8 text: a header row, quoted fields with
/// commas, doubled quotes and newlines, CRLF or LF line ends. Errors are
/// ParseErrors naming the source, the line and the column (1-based field).

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "closeloop/core/error.hpp"

namespace closeloop {

/// One data record: its fields (views into the reader's buffer, valid until
/// the next call to CsvReader::next) and the line it starts on.
struct CsvRecord {
  std::vector<std::string_view> fields;
  std::size_t line = 0;
};

/// Reads a CSV document held wholly in memory. The first row is the header;
/// every data row must have as many fields as the header. Wholly empty lines
/// are skipped. A UTF-8 byte-order mark is ignored; invalid UTF-8 is an error.
class CsvReader {
 public:
  /// Reads the file at `path`; InputError if it cannot be opened.
  static CsvReader from_file(const std::string& path);
  /// Reads `text`, naming it `source` in errors.
  static CsvReader from_string(std::string text, std::string source = "<string>");

  /// The header's column names.
  [[nodiscard]] const std::vector<std::string>& header() const noexcept { return header_; }
  /// The index of column `name`, if present.
  [[nodiscard]] std::optional<std::size_t> find_column(std::string_view name) const noexcept;
  /// The index of column `name`; ParseError on the header line if missing.
  [[nodiscard]] std::size_t require_column(std::string_view name) const;
  /// The file name or other description used in errors.
  [[nodiscard]] const std::string& source() const noexcept { return source_; }

  /// Reads the next data record into `record`; false at the end.
  bool next(CsvRecord& record);

  /// A ParseError at the current record's line and the given 0-based column.
  [[nodiscard]] ParseError error_at(const CsvRecord& record, std::size_t column,
                                    const std::string& what) const;

 private:
  CsvReader(std::string text, std::string source);
  bool read_record(std::vector<std::string_view>& fields, std::size_t& line);

  std::string buffer_;
  std::string source_;
  std::size_t position_ = 0;
  std::size_t line_ = 1;
  std::vector<std::string> header_;
};

/// `field` as an RFC 4180 field: quoted (with doubled quotes) when it holds
/// a comma, a quote, a carriage return or a newline; as it is otherwise.
std::string csv_field(std::string_view field);

/// The offset of the first byte of `text` that is not valid UTF-8 (overlong
/// forms, surrogates and code points above U+10FFFF included), or npos. The
/// one check every text input and stored field goes through.
[[nodiscard]] std::size_t invalid_utf8_at(std::string_view text) noexcept;

/// Appends `fields` to `out` as one CSV row ending in "\n".
void append_csv_row(std::string& out, const std::vector<std::string>& fields);

}  // namespace closeloop
