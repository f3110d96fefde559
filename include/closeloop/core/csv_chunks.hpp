#pragma once
/// \file
/// Parallel reading of large CSV files: a read-only memory map of a file, a
/// split of its data rows into chunks that start at record boundaries (quoted
/// newlines respected), and a fast record scanner with CsvReader's grammar.
///
/// The scanner reports failure instead of explaining it: a reader that meets
/// any problem on the fast path reads the file again with CsvReader, which
/// gives the one exact error (file, line, column) every reader gives. So a
/// fast reader never accepts what CsvReader refuses, nor words its errors
/// differently.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace closeloop {

/// A whole file mapped read-only into memory (empty files are an empty view).
/// Pages already read can be given back, so a sequential pass over a large
/// file keeps little of it resident.
class MappedFile {
 public:
  /// Maps the file at `path`; InputError "cannot open file" if it cannot.
  explicit MappedFile(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  /// The file's bytes.
  [[nodiscard]] std::string_view text() const noexcept { return {data_, size_}; }
  /// Drops the pages wholly inside [begin, end) from memory (they are read
  /// again from the file if touched later). Never fails.
  void release(std::size_t begin, std::size_t end) const noexcept;
  /// Maps the pages of [begin, end) in one call ahead of reading them, where
  /// the kernel can (one page fault each costs more, above all in a virtual
  /// machine). A hint: never fails.
  void populate(std::size_t begin, std::size_t end) const noexcept;

 private:
  const char* data_ = nullptr;
  std::size_t size_ = 0;
};

/// Guesses where `parts` chunks of text[begin, text.size()) start: just
/// after the first newline at or after each equal share. A guess is right
/// unless that newline is inside a quoted field; a reader checks it (the
/// chunk before must end exactly there, see CsvChunkScanner::position) and
/// scans again from the true end where it was wrong. Returns the starts
/// followed by text.size(). No pass over the text: each guess reads one line.
[[nodiscard]] std::vector<std::size_t> guess_csv_chunks(std::string_view text, std::size_t begin,
                                                        std::size_t parts);

/// Scans the records that start in text[begin, end) with CsvReader's
/// grammar (quoted fields, doubled quotes, CRLF, LF or CR line ends, wholly
/// empty lines skipped) without copying: a field is a view into the text, or
/// into the scanner's scratch for a quoted field with doubled quotes (valid
/// until the next record). The last record may run past `end`.
class CsvChunkScanner {
 public:
  /// Scans text[begin, end) for records of `columns` fields. Quoted fields
  /// with doubled quotes are unescaped only in the columns `wanted` marks
  /// (all when empty); the others are checked and left as they are.
  CsvChunkScanner(std::string_view text, std::size_t begin, std::size_t end, std::size_t columns,
                  std::vector<bool> wanted = {});

  /// Reads the next record's fields into `fields` (resized to the column
  /// count). Returns false at the end of the chunk, or when the record breaks
  /// the grammar or has another number of fields (then failed() is true).
  bool next(std::vector<std::string_view>& fields);
  /// Whether scanning stopped on a record CsvReader would refuse.
  [[nodiscard]] bool failed() const noexcept { return failed_; }
  /// The offset reached: after the end, where the next chunk must start.
  [[nodiscard]] std::size_t position() const noexcept { return position_; }

 private:
  bool fail() noexcept;
  std::string_view text_;
  std::size_t position_;
  std::size_t end_;
  std::size_t columns_;
  bool failed_ = false;
  std::vector<std::string> scratch_;
  std::vector<bool> wanted_;
};

}  // namespace closeloop
