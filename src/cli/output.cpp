#include "output.hpp"

#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>
#include <ostream>

#include "closeloop/core/csv.hpp"
#include "closeloop/core/error.hpp"

namespace closeloop::cli {

bool stderr_is_terminal() { return isatty(STDERR_FILENO) == 1; }

Format parse_format(std::string_view text) {
  if (text == "table") return Format::table;
  if (text == "csv") return Format::csv;
  if (text == "json") return Format::json;
  throw InputError("unknown format \"" + std::string(text) + "\": expected table, csv or json");
}

std::string text_of(const Cell& cell) {
  struct Visitor {
    std::string operator()(std::monostate) const { return {}; }
    std::string operator()(const std::string& s) const { return s; }
    std::string operator()(std::int64_t v) const { return std::to_string(v); }
    std::string operator()(bool v) const { return v ? "true" : "false"; }
    std::string operator()(double v) const {
      if (std::isnan(v)) return {};
      char buffer[64];
      const auto result = std::to_chars(buffer, buffer + sizeof buffer, v);
      return {buffer, result.ptr};
    }
  };
  return std::visit(Visitor{}, cell);
}

namespace {

// Display width of UTF-8 text: code points, not bytes.
std::size_t width(std::string_view text) {
  std::size_t n = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0U) != 0x80U) ++n;
  }
  return n;
}

// One line per cell in the table view: embedded newlines become spaces.
std::string one_line(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  std::replace(text.begin(), text.end(), '\r', ' ');
  return text;
}

nlohmann::json json_of(const Cell& cell) {
  struct Visitor {
    nlohmann::json operator()(std::monostate) const { return nullptr; }
    nlohmann::json operator()(const std::string& s) const { return s; }
    nlohmann::json operator()(std::int64_t v) const { return v; }
    nlohmann::json operator()(bool v) const { return v; }
    nlohmann::json operator()(double v) const {
      if (std::isnan(v)) return nullptr;
      return v;
    }
  };
  return std::visit(Visitor{}, cell);
}

}  // namespace

void print(std::ostream& out, const Table& table, Format format) {
  RowWriter writer(out, table.columns, format);
  for (const auto& cells : table.rows) writer.row(cells);
  writer.finish();
}

RowWriter::RowWriter(std::ostream& out, std::vector<std::string> columns, Format format)
    : out_(out), format_(format) {
  table_.columns = std::move(columns);
  if (format_ == Format::csv) append_csv_row(buffer_, table_.columns);
}

void RowWriter::row(const std::vector<Cell>& cells) {
  switch (format_) {
    case Format::csv: {
      std::vector<std::string> texts;
      texts.reserve(cells.size());
      for (const auto& cell : cells) texts.push_back(text_of(cell));
      append_csv_row(buffer_, texts);
      break;
    }
    case Format::json: {
      // Each object as nlohmann::json's dump(2) of the whole array has it:
      // keys in order, indented one level more.
      nlohmann::json object = nlohmann::json::object();
      for (std::size_t i = 0; i < table_.columns.size(); ++i) {
        object[table_.columns[i]] = json_of(cells[i]);
      }
      buffer_ += written_ == 0 ? "[\n  " : ",\n  ";
      for (const char c : object.dump(2)) {
        buffer_ += c;
        if (c == '\n') buffer_ += "  ";
      }
      break;
    }
    case Format::table:
      table_.rows.push_back(cells);
      break;
  }
  ++written_;
  if (buffer_.size() >= (std::size_t{1} << 16)) {
    out_ << buffer_;
    buffer_.clear();
  }
}

void RowWriter::finish() {
  switch (format_) {
    case Format::csv:
      break;
    case Format::json:
      buffer_ += written_ == 0 ? "[]\n" : "\n]\n";
      break;
    case Format::table: {
      std::vector<std::vector<std::string>> texts;
      std::vector<std::size_t> widths;
      for (const auto& column : table_.columns) widths.push_back(width(column));
      for (const auto& cells : table_.rows) {
        auto& row = texts.emplace_back();
        for (std::size_t i = 0; i < cells.size(); ++i) {
          row.push_back(one_line(text_of(cells[i])));
          widths[i] = std::max(widths[i], width(row.back()));
        }
      }
      auto line = [&](const std::vector<std::string>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) {
          if (i > 0) buffer_ += "  ";
          buffer_ += cells[i];
          if (i + 1 < cells.size()) buffer_.append(widths[i] - width(cells[i]), ' ');
        }
        buffer_ += '\n';
      };
      line(table_.columns);
      std::vector<std::string> rule;
      for (std::size_t w : widths) rule.emplace_back(w, '-');
      line(rule);
      for (const auto& row : texts) line(row);
      if (table_.rows.empty()) buffer_ += "(no rows)\n";
      break;
    }
  }
  out_ << buffer_;
  buffer_.clear();
}

}  // namespace closeloop::cli
