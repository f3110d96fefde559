// HTML and Markdown escaping: the output never holds a character that could
// end the text it sits in (for HTML: < > " ' and & outside a character
// reference; for Markdown: any punctuation without its backslash, or a line
// break), never a raw Unicode bidi control (U+202A-U+202E, U+2066-U+2069),
// and unescaping gives the input back less the dropped controls, with each
// bidi control replaced by U+FFFD.
#include <cstdint>
#include <string>
#include <string_view>

#include "closeloop/report/render.hpp"
#include "fuzz_util.hpp"

namespace {

using closeloop::fuzz::require;

// The position of the first bidi control's UTF-8 bytes in `text`, or npos.
std::size_t find_bidi_control(std::string_view text) {
  for (std::size_t i = 0; i + 2 < text.size(); ++i) {
    if (static_cast<unsigned char>(text[i]) != 0xE2) continue;
    const auto second = static_cast<unsigned char>(text[i + 1]);
    const auto third = static_cast<unsigned char>(text[i + 2]);
    if ((second == 0x80 && third >= 0xAA && third <= 0xAE) ||
        (second == 0x81 && third >= 0xA6 && third <= 0xA9)) {
      return i;
    }
  }
  return std::string_view::npos;
}

// `text` with every bidi control replaced by U+FFFD (left to right; the
// replacement cannot form a new control).
std::string neutralise_bidi(std::string text) {
  for (std::size_t at = find_bidi_control(text); at != std::string::npos;
       at = find_bidi_control(text)) {
    text.replace(at, 3, "\xEF\xBF\xBD");
  }
  return text;
}

bool dropped_in_html(char c) {
  return static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t';
}

void check_html(std::string_view input) {
  const std::string out = closeloop::report::escape_html(input);
  require(find_bidi_control(out) == std::string_view::npos, "bidi control in HTML");
  std::string back;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const char c = out[i];
    require(c != '<' && c != '>' && c != '"' && c != '\'', "raw markup character in HTML");
    if (c != '&') {
      require(!dropped_in_html(c), "control character in HTML");
      back += c;
      continue;
    }
    bool known = false;
    for (const auto& [entity, plain] : {std::pair<std::string_view, char>{"&amp;", '&'},
                                        {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'},
                                        {"&#39;", '\''}}) {
      if (std::string_view(out).substr(i, entity.size()) == entity) {
        back += plain;
        i += entity.size() - 1;
        known = true;
        break;
      }
    }
    require(known, "bare & in HTML");
  }
  std::string expected;
  for (char c : input) {
    if (!dropped_in_html(c)) expected += c;
  }
  expected = neutralise_bidi(std::move(expected));
  require(back == expected, "HTML escaping lost or changed text");
}

void check_markdown(std::string_view input) {
  static constexpr std::string_view special = "\\`*_[]<>|#~&!{}";
  const std::string out = closeloop::report::escape_markdown(input);
  require(find_bidi_control(out) == std::string_view::npos, "bidi control in Markdown");
  std::string back;
  for (std::size_t i = 0; i < out.size(); ++i) {
    const char c = out[i];
    require(c != '\n' && c != '\r', "line break in Markdown");
    if (c == '\\') {
      require(i + 1 < out.size() && special.find(out[i + 1]) != std::string_view::npos,
              "backslash not escaping punctuation");
      back += out[++i];
      continue;
    }
    require(special.find(c) == std::string_view::npos, "unescaped Markdown punctuation");
    back += c;
  }
  std::string expected;
  for (char c : input) {
    if (c == '\r') continue;
    if (c == '\n') {
      expected += ' ';
      continue;
    }
    if (static_cast<unsigned char>(c) < 0x20 && c != '\t') continue;
    expected += c;
  }
  expected = neutralise_bidi(std::move(expected));
  require(back == expected, "Markdown escaping lost or changed text");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text = closeloop::fuzz::text_of(data, size);
  check_html(text);
  check_markdown(text);
  return 0;
}
