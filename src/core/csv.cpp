#include "closeloop/core/csv.hpp"

#include <algorithm>
#include <fstream>
#include <cstdint>
#include <cstring>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace closeloop {

std::size_t invalid_utf8_at(std::string_view text) noexcept {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    // Sixteen, then eight ASCII bytes at a time: the common case of every CSV file.
#if defined(__SSE2__)
    if (i + 16 <= size &&
        _mm_movemask_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(bytes + i))) == 0) {
      i += 16;
      continue;
    }
#endif
    if (i + 8 <= size) {
      std::uint64_t word = 0;
      std::memcpy(&word, bytes + i, 8);
      if ((word & 0x8080808080808080ULL) == 0) {
        i += 8;
        continue;
      }
    }
    const unsigned char lead = bytes[i];
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    unsigned min_code = 0;
    unsigned code = 0;
    if ((lead & 0xE0) == 0xC0) {
      length = 2;
      code = lead & 0x1FU;
      min_code = 0x80;
    } else if ((lead & 0xF0) == 0xE0) {
      length = 3;
      code = lead & 0x0FU;
      min_code = 0x800;
    } else if ((lead & 0xF8) == 0xF0) {
      length = 4;
      code = lead & 0x07U;
      min_code = 0x10000;
    } else {
      return i;
    }
    if (i + length > size) return i;
    for (std::size_t k = 1; k < length; ++k) {
      if ((bytes[i + k] & 0xC0) != 0x80) return i;
      code = (code << 6) | (bytes[i + k] & 0x3FU);
    }
    if (code < min_code || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return i;
    i += length;
  }
  return std::string_view::npos;
}

CsvReader CsvReader::from_file(const std::string& path) {
  // Sized once and read in one call: no stream buffer copies.
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw InputError("cannot open file \"" + path + "\"");
  const auto size = static_cast<std::size_t>(in.tellg());
  std::string text(size, '\0');
  in.seekg(0);
  if (!in.read(text.data(), static_cast<std::streamsize>(size))) {
    throw InputError("cannot read file \"" + path + "\"");
  }
  return CsvReader(std::move(text), path);
}

CsvReader CsvReader::from_string(std::string text, std::string source) {
  return CsvReader(std::move(text), std::move(source));
}

CsvReader::CsvReader(std::string text, std::string source)
    : buffer_(std::move(text)), source_(std::move(source)) {
  if (buffer_.size() >= 3 && buffer_.compare(0, 3, "\xEF\xBB\xBF") == 0) position_ = 3;
  if (const std::size_t bad = invalid_utf8_at(buffer_); bad != std::string_view::npos) {
    std::size_t line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < bad; ++i) {
      if (buffer_[i] == '\n') {
        ++line;
        line_start = i + 1;
      }
    }
    throw ParseError(source_, line, 0,
                     "invalid UTF-8 byte at character " + std::to_string(bad - line_start + 1) +
                         " of the line");
  }
  std::vector<std::string_view> fields;
  std::size_t line = 0;
  if (!read_record(fields, line)) throw ParseError(source_, 1, 0, "empty file: no header row");
  header_.assign(fields.begin(), fields.end());
  for (std::size_t i = 0; i < header_.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (!header_[i].empty() && header_[i] == header_[j]) {
        throw ParseError(source_, line, i + 1, "column \"" + header_[i] + "\" appears twice");
      }
    }
  }
}

std::optional<std::size_t> CsvReader::find_column(std::string_view name) const noexcept {
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) return i;
  }
  return std::nullopt;
}

std::size_t CsvReader::require_column(std::string_view name) const {
  if (auto index = find_column(name)) return *index;
  throw ParseError(source_, 1, 0, "missing required column \"" + std::string(name) + "\"");
}

bool CsvReader::next(CsvRecord& record) {
  if (!read_record(record.fields, record.line)) return false;
  if (record.fields.size() != header_.size()) {
    // The column is the first one missing (short row) or the first surplus one.
    const std::size_t column = std::min(record.fields.size(), header_.size()) + 1;
    throw ParseError(source_, record.line, column,
                     "expected " + std::to_string(header_.size()) + " fields as in the header, found " +
                         std::to_string(record.fields.size()));
  }
  return true;
}

ParseError CsvReader::error_at(const CsvRecord& record, std::size_t column,
                               const std::string& what) const {
  std::string message = what;
  if (column < header_.size()) message = "column \"" + header_[column] + "\": " + what;
  return {source_, record.line, column + 1, message};
}

// Splits the next record into fields. Quoted fields are unescaped in place
// (the unescaped text is never longer), so every field stays a view into
// buffer_ without copies.
bool CsvReader::read_record(std::vector<std::string_view>& fields, std::size_t& line) {
  fields.clear();
  const std::size_t size = buffer_.size();
  // Skip wholly empty lines.
  while (position_ < size && (buffer_[position_] == '\n' || buffer_[position_] == '\r')) {
    if (buffer_[position_] == '\n') ++line_;
    ++position_;
  }
  if (position_ >= size) return false;
  line = line_;
  char* data = buffer_.data();
  while (true) {
    std::size_t field_begin = position_;
    const std::size_t column = fields.size() + 1;
    if (position_ < size && data[position_] == '"') {
      ++position_;
      std::size_t write = position_;
      field_begin = position_;
      while (true) {
        if (position_ >= size) {
          throw ParseError(source_, line, column, "quoted field is not closed before end of file");
        }
        const char c = data[position_];
        if (c == '"') {
          if (position_ + 1 < size && data[position_ + 1] == '"') {
            data[write++] = '"';
            position_ += 2;
            continue;
          }
          ++position_;
          break;
        }
        if (c == '\n') ++line_;
        data[write++] = c;
        ++position_;
      }
      fields.emplace_back(data + field_begin, write - field_begin);
      if (position_ < size && data[position_] != ',' && data[position_] != '\n' &&
          data[position_] != '\r') {
        throw ParseError(source_, line, column, "unexpected character after closing quote");
      }
    } else {
      while (position_ < size && data[position_] != ',' && data[position_] != '\n' &&
             data[position_] != '\r') {
        if (data[position_] == '"') {
          throw ParseError(source_, line, column, "quote inside an unquoted field");
        }
        ++position_;
      }
      fields.emplace_back(data + field_begin, position_ - field_begin);
    }
    if (position_ >= size) return true;
    const char end = data[position_];
    if (end == ',') {
      ++position_;
      continue;
    }
    if (end == '\r') ++position_;
    if (position_ < size && data[position_] == '\n') {
      ++position_;
      ++line_;
    }
    return true;
  }
}

std::string csv_field(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

void append_csv_row(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ',';
    out += csv_field(fields[i]);
  }
  out += '\n';
}

}  // namespace closeloop
