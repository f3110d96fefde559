// The Making Data Count icons: drawn as inline SVG beside every chart in the
// HTML, as words in the Markdown and as codes with words in the JSON.
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "../../src/report/icons.hpp"
#include "closeloop/report/render.hpp"
#include "report_fixture.hpp"

namespace closeloop::report {
namespace {

using testing::fixed_report;

std::size_t occurrences(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1))
    ++n;
  return n;
}

const std::vector<std::string> kVariations{"common_cause", "improvement_high", "improvement_low",
                                           "concern_high", "concern_low",      "neutral_high",
                                           "neutral_low",  "insufficient_data"};
const std::vector<std::string> kAssurances{"consistent_pass", "consistent_fail", "inconsistent"};

TEST(Icons, WordsOfEveryVerdict) {
  EXPECT_EQ(detail::variation_icon_text("common_cause"), "Common cause variation");
  EXPECT_EQ(detail::variation_icon_text("improvement_low"), "Special cause improvement (low)");
  EXPECT_EQ(detail::variation_icon_text("concern_high"), "Special cause concern (high)");
  EXPECT_EQ(detail::variation_icon_text("neutral_low"), "Special cause, neutral (low)");
  EXPECT_EQ(detail::variation_icon_text("insufficient_data"),
            "Not enough data for a variation verdict");
  EXPECT_EQ(detail::variation_icon_label("improvement_low"),
            "Variation: special cause improvement (low)");
  EXPECT_EQ(detail::assurance_icon_text("consistent_pass"), "Consistently passing the target");
  EXPECT_EQ(detail::assurance_icon_label("consistent_fail"),
            "Assurance: consistently failing the target");
  EXPECT_EQ(detail::assurance_icon_label("inconsistent"),
            "Assurance: hit and miss against the target");
}

TEST(Icons, EachIconIsAnAccessibleSelfContainedImage) {
  std::set<std::string> drawn;
  const auto check = [&](const std::string& svg, const std::string& label) {
    EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"mdc-icon ", 0), 0U)
        << svg;
    EXPECT_NE(svg.find("role=\"img\" aria-label=\"" + label + "\"><title>" + label + "</title>"),
              std::string::npos)
        << svg;
    EXPECT_EQ(occurrences(svg, "<svg"), 1U);
    EXPECT_EQ(occurrences(svg, "</svg>"), 1U);
    // Many icons share a page: no ids to clash, nothing fetched or run.
    for (const char* banned : {" id=", "url(", "href", "<script", "<image", "<use"}) {
      EXPECT_EQ(svg.find(banned), std::string::npos) << banned;
    }
    EXPECT_TRUE(drawn.insert(svg.substr(svg.find("</title>"))).second)
        << label << " drawn like another icon";
  };
  for (const auto& v : kVariations)
    check(detail::variation_icon_svg(v), detail::variation_icon_label(v));
  for (const auto& a : kAssurances)
    check(detail::assurance_icon_svg(a), detail::assurance_icon_label(a));
}

TEST(Icons, DesignFollowsMakingDataCount) {
  // Grey common cause with no letter; orange concern, blue improvement and
  // purple neutral with H or L; a dashed ring when there is no verdict.
  const std::string common = detail::variation_icon_svg("common_cause");
  EXPECT_EQ(common.find("<text"), std::string::npos);
  EXPECT_NE(common.find("stroke=\"#6f7373\""), std::string::npos);
  const std::string concern = detail::variation_icon_svg("concern_high");
  EXPECT_NE(concern.find("stroke=\"#e46c0a\" stroke-width=\"3\""), std::string::npos);
  EXPECT_NE(concern.find(">H</text>"), std::string::npos);
  const std::string improvement = detail::variation_icon_svg("improvement_low");
  EXPECT_NE(improvement.find("stroke=\"#0072c6\" stroke-width=\"3\""), std::string::npos);
  EXPECT_NE(improvement.find(">L</text>"), std::string::npos);
  EXPECT_EQ(occurrences(improvement, "fill=\"#0072c6\"/>"), 2U);  // the last two points
  EXPECT_NE(detail::variation_icon_svg("neutral_high").find("stroke=\"#361475\""),
            std::string::npos);
  EXPECT_NE(detail::variation_icon_svg("insufficient_data").find("stroke-dasharray"),
            std::string::npos);
  EXPECT_NE(detail::assurance_icon_svg("consistent_pass").find(">P</text>"), std::string::npos);
  EXPECT_NE(detail::assurance_icon_svg("consistent_fail").find(">F</text>"), std::string::npos);
  EXPECT_NE(detail::assurance_icon_svg("inconsistent").find(">?</text>"), std::string::npos);
  EXPECT_NE(detail::variation_icon_svg("common_cause", 28).find("width=\"28\" height=\"28\""),
            std::string::npos);
}

TEST(Icons, UnknownWordsAreEscaped) {
  const std::string svg = detail::variation_icon_svg("\"><script>x</script>");
  EXPECT_EQ(svg.find("<script"), std::string::npos);
  EXPECT_EQ(occurrences(svg, "<svg"), 1U);
  EXPECT_EQ(detail::assurance_icon_svg("<b>").find("<b>"), std::string::npos);
}

TEST(Icons, HtmlDrawsThemBesideEveryChartHeading) {
  const auto report = fixed_report();
  const std::string html = to_html(report);
  for (const auto& s : report.trends) {
    if (!s.headline) continue;
    const auto figure = html.find("<figure id=\"" + anchor_of(LinkKind::chart, s.id) + "\">");
    ASSERT_NE(figure, std::string::npos) << s.id;
    const std::string head =
        html.substr(figure, html.find("<p class=\"verdicts\">", figure) - figure);
    EXPECT_NE(head.find("<div class=\"chart-head\"><h3>"), std::string::npos);
    EXPECT_NE(
        head.find("</h3><span class=\"mdc-icons\">" + detail::variation_icon_svg(s.variation)),
        std::string::npos)
        << s.id;
    EXPECT_EQ(head.find("class=\"mdc-icon assurance") != std::string::npos, s.assurance.has_value())
        << s.id;
  }
  EXPECT_NE(html.find("aria-label=\"Variation: special cause improvement (low)\""),
            std::string::npos);
  EXPECT_NE(html.find("aria-label=\"Assurance: hit and miss against the target\""),
            std::string::npos);
  // The effectiveness claims draw the rebased chart's variation beside its words.
  EXPECT_NE(html.find("SPC after the rebase: " + detail::variation_icon_svg("improvement_low", 28) +
                      " Special cause improvement (low)."),
            std::string::npos);
  // Icons keep their own size (the charts' width:100% does not apply).
  EXPECT_NE(html.find("svg.mdc-icon{display:inline-block;width:auto;height:auto;max-width:none"),
            std::string::npos);
}

TEST(Icons, MarkdownSaysThemInWords) {
  const std::string md = to_markdown(fixed_report());
  EXPECT_NE(md.find("### Falls at Oak House\n\nVariation: special cause improvement (low)\n\n"),
            std::string::npos);
  EXPECT_NE(md.find("### Medication errors at Elm Court\n\nVariation: common cause variation · "
                    "Assurance: hit and miss against the target\n\n"),
            std::string::npos);
}

TEST(Icons, JsonCarriesCodesAndWords) {
  const auto json = nlohmann::ordered_json::parse(to_json(fixed_report()));
  const auto& falls = json["trends"][0]["icons"];
  EXPECT_EQ(falls["variation"]["code"], "improvement_low");
  EXPECT_EQ(falls["variation"]["text"], "Special cause improvement (low)");
  EXPECT_TRUE(falls["assurance"].is_null());
  const auto& meds = json["trends"][1]["icons"];
  EXPECT_EQ(meds["variation"]["code"], "common_cause");
  EXPECT_EQ(meds["assurance"]["code"], "inconsistent");
  EXPECT_EQ(meds["assurance"]["text"], "Hit and miss against the target");
  // Keys in the documented order: after target, before summary.
  std::vector<std::string> keys;
  for (const auto& item : json["trends"][1].items()) keys.push_back(item.key());
  const auto at = std::find(keys.begin(), keys.end(), "icons");
  ASSERT_NE(at, keys.end());
  EXPECT_EQ(*(at - 1), "target");
  EXPECT_EQ(*(at + 1), "summary");
}

}  // namespace
}  // namespace closeloop::report
