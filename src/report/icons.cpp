// The Making Data Count variation and assurance icons, drawn from scratch as
// inline SVG after the published design: a white disc in a coloured ring,
// the variation icon holding a short run of points (the last two coloured,
// rising with an H or falling with an L), the assurance icon a letter over a
// dashed target line. No ids, scripts or external references, so any number
// of icons can sit in one page.
#include "icons.hpp"

#include "closeloop/report/render.hpp"
#include "text.hpp"

namespace closeloop::report::detail {

namespace {

// Darker than the chart point colours so the ring and letter keep a 3:1
// contrast against white (WCAG 1.4.11); hues as Making Data Count's icons.
constexpr const char* kGrey = "#6f7373";
constexpr const char* kOrange = "#e46c0a";
constexpr const char* kBlue = "#0072c6";
constexpr const char* kPurple = "#361475";

struct VariationStyle {
  const char* colour = kGrey;
  char letter = '\0';    // 'H', 'L' or none
  bool special = false;  // the last two points coloured and moved
  bool no_data = false;  // dashed ring, hollow points
};

bool has_prefix(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

VariationStyle style_of(std::string_view variation) {
  VariationStyle style;
  if (variation == "common_cause") return style;
  const char* colour = nullptr;
  std::string_view side;
  for (const auto& [prefix, hue] : {std::pair<std::string_view, const char*>{"improvement_", kBlue},
                                    {"concern_", kOrange},
                                    {"neutral_", kPurple}}) {
    if (has_prefix(variation, prefix)) {
      colour = hue;
      side = variation.substr(prefix.size());
    }
  }
  if (colour == nullptr || (side != "high" && side != "low")) {
    style.no_data = true;  // insufficient_data, or a word this renderer does not know
    return style;
  }
  style.colour = colour;
  style.letter = side == "high" ? 'H' : 'L';
  style.special = true;
  return style;
}

std::string lower_first(std::string text) {
  if (!text.empty() && text.front() >= 'A' && text.front() <= 'Z') {
    text.front() = static_cast<char>(text.front() - 'A' + 'a');
  }
  return text;
}

void open_icon(std::string& out, const std::string& css_class, const std::string& label, int size) {
  const std::string px = std::to_string(size);
  out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"mdc-icon " + css_class + "\" width=\"" +
         px + "\" height=\"" + px + "\" viewBox=\"0 0 40 40\" role=\"img\" aria-label=\"" +
         escape_html(label) + "\"><title>" + escape_html(label) + "</title>";
}

void ring(std::string& out, const char* colour, bool dashed) {
  out += std::string("<circle cx=\"20\" cy=\"20\" r=\"17\" fill=\"#ffffff\" stroke=\"") + colour +
         "\" stroke-width=\"3\"" + (dashed ? " stroke-dasharray=\"4 3\"" : "") + "/>";
}

void letter(std::string& out, const std::string& text, double baseline, double size,
            const char* colour) {
  out += "<text x=\"20\" y=\"" + coord(baseline) + "\" font-size=\"" + coord(size) +
         "\" font-weight=\"700\" font-family=\"Arial, Helvetica, sans-serif\" "
         "text-anchor=\"middle\" fill=\"" +
         colour + "\">" + text + "</text>";
}

}  // namespace

std::string variation_icon_text(std::string_view variation) {
  if (variation == "insufficient_data") return "Not enough data for a variation verdict";
  return variation_text(variation);
}

std::string assurance_icon_text(std::string_view assurance) { return assurance_text(assurance); }

std::string variation_icon_label(std::string_view variation) {
  return "Variation: " + lower_first(variation_icon_text(variation));
}

std::string assurance_icon_label(std::string_view assurance) {
  return "Assurance: " + lower_first(assurance_icon_text(assurance));
}

std::string variation_icon_svg(std::string_view variation, int size) {
  const VariationStyle style = style_of(variation);
  std::string out;
  open_icon(out, "variation " + escape_html(variation), variation_icon_label(variation), size);
  ring(out, style.colour, style.no_data);
  constexpr double xs[5] = {9.0, 14.5, 20.0, 25.5, 31.0};
  if (style.no_data) {
    for (double x : {12.0, 20.0, 28.0}) {
      out += "<circle cx=\"" + coord(x) + "\" cy=\"20\" r=\"2.4\" fill=\"#ffffff\" stroke=\"" +
             std::string(kGrey) + "\" stroke-width=\"1.4\"/>";
    }
    out += "</svg>";
    return out;
  }
  // Common cause: a level zig-zag through the middle. High: the run sits
  // low in the ring (the H above it) and its last two points climb; low:
  // the mirror image, with the L below.
  double ys[5] = {21.0, 18.0, 22.0, 18.5, 20.5};
  if (style.letter == 'H') {
    const double high[5] = {28.0, 26.5, 28.0, 23.5, 20.5};
    for (int i = 0; i < 5; ++i) ys[i] = high[i];
  } else if (style.letter == 'L') {
    const double low[5] = {12.5, 14.0, 12.5, 17.0, 20.0};
    for (int i = 0; i < 5; ++i) ys[i] = low[i];
  }
  std::string line;
  for (int i = 0; i < 5; ++i) line += (i == 0 ? "M" : "L") + coord(xs[i]) + " " + coord(ys[i]);
  out += "<path d=\"" + line + "\" fill=\"none\" stroke=\"" + std::string(kGrey) +
         "\" stroke-width=\"1.2\"/>";
  for (int i = 0; i < 5; ++i) {
    const char* fill = style.special && i >= 3 ? style.colour : kGrey;
    out += "<circle cx=\"" + coord(xs[i]) + "\" cy=\"" + coord(ys[i]) + "\" r=\"2.3\" fill=\"" +
           fill + "\"/>";
  }
  if (style.letter == 'H') letter(out, "H", 16.0, 11.0, style.colour);
  if (style.letter == 'L') letter(out, "L", 32.5, 11.0, style.colour);
  out += "</svg>";
  return out;
}

std::string assurance_icon_svg(std::string_view assurance, int size) {
  const char* colour = kGrey;
  std::string mark = "?";
  // The grey process line: above the target when passing, below when
  // failing, across it when hit and miss.
  std::string process = "M9 31L13 25L17 31L21 25L25 31L29 25L32 29";
  if (assurance == "consistent_pass") {
    colour = kBlue;
    mark = "P";
    process = "M8 23.5Q11 20.5 14 23.5T20 23.5T26 23.5T32 23.5";
  } else if (assurance == "consistent_fail") {
    colour = kOrange;
    mark = "F";
    process = "M10 32Q13 29.5 16 32T22 32T28 32";
  }
  std::string out;
  open_icon(out, "assurance " + escape_html(assurance), assurance_icon_label(assurance), size);
  ring(out, colour, false);
  letter(out, mark, 18.5, 13.0, colour);
  out += "<path d=\"M8 28H32\" stroke=\"" + std::string(colour) +
         "\" stroke-width=\"1.6\" stroke-dasharray=\"3 1.5\"/>";
  out += "<path d=\"" + process + "\" fill=\"none\" stroke=\"" + std::string(kGrey) +
         "\" stroke-width=\"1.4\"/>";
  out += "</svg>";
  return out;
}

}  // namespace closeloop::report::detail
