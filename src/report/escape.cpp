#include "closeloop/report/render.hpp"

namespace closeloop::report {

namespace {

// Unicode bidirectional embedding, override and isolate controls (U+202A to
// U+202E and U+2066 to U+2069) reorder the text around them when displayed,
// so a crafted title or summary could show one thing and mean another
// ("Trojan Source"). Both escapers replace each with U+FFFD, which shows the
// reader that something was there. Checked on every appended byte, so a
// control formed by dropping a byte between its parts is caught too.
constexpr char kReplacement[] = "\xEF\xBF\xBD";

bool ends_with_bidi_control(const std::string& out) {
  const std::size_t n = out.size();
  if (n < 3 || static_cast<unsigned char>(out[n - 3]) != 0xE2) return false;
  const auto second = static_cast<unsigned char>(out[n - 2]);
  const auto third = static_cast<unsigned char>(out[n - 1]);
  return (second == 0x80 && third >= 0xAA && third <= 0xAE) ||
         (second == 0x81 && third >= 0xA6 && third <= 0xA9);
}

void append(std::string& out, char c) {
  out += c;
  if (ends_with_bidi_control(out)) {
    out.resize(out.size() - 3);
    out += kReplacement;
  }
}

}  // namespace

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      // Control characters other than tab and newline are not allowed in
      // HTML text or XML (inline SVG); they are dropped.
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') break;
        append(out, c);
    }
  }
  return out;
}

std::string escape_markdown(std::string_view text) {
  std::string out;
  out.reserve(text.size() + text.size() / 4);
  for (char c : text) {
    switch (c) {
      case '\\': case '`': case '*': case '_': case '[': case ']': case '<': case '>':
      case '|': case '#': case '~': case '&': case '!': case '{': case '}':
        out += '\\';
        out += c;
        break;
      case '\r': break;
      case '\n': out += ' '; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t') break;
        append(out, c);
    }
  }
  return out;
}

}  // namespace closeloop::report
