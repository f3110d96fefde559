#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "closeloop/report/render.hpp"
#include "golden.hpp"
#include "report_fixture.hpp"

namespace closeloop::report {
namespace {

using testing::expect_golden;
using testing::fixed_report;

std::size_t occurrences(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST(Golden, BoardJson) { expect_golden("board.json", to_json(fixed_report())); }
TEST(Golden, BoardMarkdown) { expect_golden("board.md", to_markdown(fixed_report())); }
TEST(Golden, BoardHtml) { expect_golden("board.html", to_html(fixed_report())); }
TEST(Golden, InspectorJson) {
  expect_golden("inspector.json", to_json(fixed_report(Audience::inspector)));
}
TEST(Golden, InspectorMarkdown) {
  expect_golden("inspector.md", to_markdown(fixed_report(Audience::inspector)));
}
TEST(Golden, InspectorHtml) {
  expect_golden("inspector.html", to_html(fixed_report(Audience::inspector)));
}

TEST(Render, SameReportGivesSameBytes) {
  const auto report = fixed_report();
  EXPECT_EQ(to_html(report), to_html(fixed_report()));
  EXPECT_EQ(to_json(report), to_json(fixed_report()));
}

// Every text field a caller controls, set to markup that would break out of
// HTML text, an attribute, an SVG element or a Markdown table.
GovernanceReport hostile_report() {
  // Ends with a right-to-left override and an isolate around a file name,
  // the "Trojan Source" trick of showing text in another order than stored.
  const std::string evil =
      "<script>alert(\"x\")</script></svg><img src=x onerror='y'> & | * \xE2\x80\xAEgnp.exe\xE2\x81\xA6x\xE2\x81\xA9";
  auto r = fixed_report();
  r.header.title = evil;
  r.header.provider = evil;
  r.header.scope_name = evil;
  r.header.generator = evil;
  for (auto& f : r.needs_attention) {
    f.title = evil;
    f.detail = evil;
    for (auto& l : f.links) l.id = evil;
  }
  for (auto& s : r.trends) {
    s.title = evil;
    s.summary = evil;
    s.unit = evil;
    s.chart = evil;
    for (auto& b : s.phase_breaks) b.label = evil;
  }
  for (auto& f : r.funnels) {
    f.title = evil;
    f.summary = evil;
    f.unit = evil;
    f.measure = evil;
    f.id = evil;
    for (auto& p : f.points) p.service_name = evil;
  }
  for (auto& p : r.plans) {
    p.label = evil;
    p.plan_id = evil;
  }
  for (auto& a : r.actions) {
    a.title = evil;
    a.owner = evil;
    a.action_id = evil;
    a.strength = evil;
  }
  for (auto& e : r.evidence) {
    e.summary = evil;
    e.reference = evil;
    e.kind = evil;
    e.stage = evil;
    e.result = evil;
  }
  for (auto& c : r.effectiveness) {
    c.title = evil;
    c.statement = evil;
    c.verdict = evil;
    c.series_id = evil;
  }
  for (auto& s : r.learning) {
    s.channel = evil;
    for (auto& t : s.targets) t.service_name = evil;
  }
  return r;
}

// The <svg> elements the HTML of `report` draws: a chart per headline series
// and funnel, and the Making Data Count icons (variation, assurance when
// there is one, and one beside each effectiveness claim's rebased SPC).
std::size_t drawn_svgs(const GovernanceReport& report) {
  std::size_t n = report.funnels.size();
  for (const auto& s : report.trends) {
    if (s.headline) n += 2 + (s.assurance ? 1 : 0);
  }
  for (const auto& c : report.effectiveness) n += c.spc_after.empty() ? 0 : 1;
  return n;
}

TEST(Escaping, HtmlShowsMarkupAsText) {
  const auto report = hostile_report();
  const std::string html = to_html(report);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find("onerror='"), std::string::npos);
  // Only the charts' and icons' own tags: two SPC charts, one funnel, five icons.
  EXPECT_EQ(drawn_svgs(report), 8U);
  EXPECT_EQ(occurrences(html, "</svg>"), drawn_svgs(report));
  EXPECT_EQ(occurrences(html, "<svg"), drawn_svgs(report));
  EXPECT_NE(html.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;/svg&gt;"), std::string::npos);
  EXPECT_NE(html.find("onerror=&#39;y&#39;"), std::string::npos);
}

TEST(Escaping, SvgChartsEscapeTheirText) {
  const auto report = hostile_report();
  for (const auto& s : report.trends) {
    const std::string svg = spc_chart_svg(s);
    EXPECT_EQ(occurrences(svg, "</svg>"), 1U);
    EXPECT_EQ(svg.find("<script"), std::string::npos);
  }
  const std::string funnel = funnel_svg(report.funnels.front());
  EXPECT_EQ(occurrences(funnel, "</svg>"), 1U);
  EXPECT_EQ(funnel.find("<img"), std::string::npos);
}

TEST(Escaping, MarkdownBackslashesMarkup) {
  const std::string md = to_markdown(hostile_report());
  // Every "<" of the hostile text is backslash-escaped, so no tag survives.
  EXPECT_GT(occurrences(md, "<script"), 0U);
  EXPECT_EQ(occurrences(md, "<script"), occurrences(md, "\\<script"));
  EXPECT_EQ(occurrences(md, "<img"), occurrences(md, "\\<img"));
  EXPECT_EQ(md.find("</svg>"), std::string::npos);
  EXPECT_NE(md.find("\\<script\\>alert(\"x\")\\</script\\>\\</svg\\>"), std::string::npos);
  EXPECT_EQ(escape_markdown("a|b\nc_d"), "a\\|b c\\_d");
}

TEST(Escaping, JsonRoundTripsTheTextExactly) {
  const auto report = hostile_report();
  const auto json = nlohmann::json::parse(to_json(report));
  EXPECT_EQ(json["header"]["title"], report.header.title);
  EXPECT_EQ(json["actions"][0]["title"], report.actions[0].title);
}

TEST(Escaping, HtmlEscapeTable) {
  EXPECT_EQ(escape_html("a<b>&\"c'"), "a&lt;b&gt;&amp;&quot;c&#39;");
  EXPECT_EQ(escape_html(std::string("x\x01y", 3)), "xy");
}

// True when `text` holds the UTF-8 of a bidi embedding, override or isolate
// control (U+202A-U+202E, U+2066-U+2069).
bool has_bidi_control(const std::string& text) {
  for (std::size_t i = 0; i + 2 < text.size(); ++i) {
    const auto b0 = static_cast<unsigned char>(text[i]);
    const auto b1 = static_cast<unsigned char>(text[i + 1]);
    const auto b2 = static_cast<unsigned char>(text[i + 2]);
    if (b0 == 0xE2 && ((b1 == 0x80 && b2 >= 0xAA && b2 <= 0xAE) || (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9))) {
      return true;
    }
  }
  return false;
}

TEST(Escaping, BidiControlsBecomeReplacementCharacters) {
  const std::string replacement = "\xEF\xBF\xBD";
  // LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI.
  for (const char* control : {"\xE2\x80\xAA", "\xE2\x80\xAB", "\xE2\x80\xAC", "\xE2\x80\xAD",
                              "\xE2\x80\xAE", "\xE2\x81\xA6", "\xE2\x81\xA7", "\xE2\x81\xA8",
                              "\xE2\x81\xA9"}) {
    const std::string text = std::string("invoice") + control + "fdp.exe";
    EXPECT_EQ(escape_html(text), "invoice" + replacement + "fdp.exe");
    EXPECT_EQ(escape_markdown(text), "invoice" + replacement + "fdp.exe");
  }
  // A control put together by dropping a control character between its bytes.
  EXPECT_EQ(escape_html(std::string("a\xE2\x01\x80\xAE" "b")), "a" + replacement + "b");
  EXPECT_EQ(escape_markdown(std::string("a\xE2\x80\r\xAE" "b")), "a" + replacement + "b");
  // Neighbouring characters are text and stay: U+2030 per mille, U+2065,
  // U+206A, U+2029; and the marks U+200E/U+200F, which cannot reorder a run.
  for (const char* kept : {"\xE2\x80\xB0", "\xE2\x81\xA5", "\xE2\x81\xAA", "\xE2\x80\xA9",
                           "\xE2\x80\x8E", "\xE2\x80\x8F", "\xC3\xA9"}) {
    EXPECT_EQ(escape_html(kept), kept);
    EXPECT_EQ(escape_markdown(kept), kept);
  }
}

TEST(Escaping, RenderedReportsHoldNoBidiControls) {
  const auto report = hostile_report();
  const std::string html = to_html(report);
  const std::string md = to_markdown(report);
  EXPECT_FALSE(has_bidi_control(html));
  EXPECT_FALSE(has_bidi_control(md));
  EXPECT_NE(html.find("\xEF\xBF\xBDgnp.exe\xEF\xBF\xBDx\xEF\xBF\xBD"), std::string::npos);
  EXPECT_NE(md.find("\xEF\xBF\xBDgnp.exe\xEF\xBF\xBDx\xEF\xBF\xBD"), std::string::npos);
  for (const auto& s : report.trends) EXPECT_FALSE(has_bidi_control(spc_chart_svg(s)));
  EXPECT_FALSE(has_bidi_control(funnel_svg(report.funnels.front())));
  // JSON carries the text as stored (a reader's own renderer must escape it).
  EXPECT_TRUE(has_bidi_control(to_json(report)));
}

TEST(Html, SelfContainedWithNoScriptsOrFetches) {
  std::string html = to_html(fixed_report());
  // The SVG namespace is an identifier, not a fetch.
  for (auto at = html.find("xmlns=\"http://www.w3.org/2000/svg\""); at != std::string::npos;
       at = html.find("xmlns=\"http://www.w3.org/2000/svg\"")) {
    html.erase(at, 34);
  }
  for (const char* banned : {"http:", "https:", "<script", "<link", "@import", "src=", "<iframe", "<object"}) {
    EXPECT_EQ(html.find(banned), std::string::npos) << banned;
  }
  EXPECT_EQ(occurrences(html, "url("), occurrences(html, "url(#"));
  EXPECT_NE(html.find("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"),
            std::string::npos);
  EXPECT_NE(html.find("@media print"), std::string::npos);
  EXPECT_NE(html.find("@media (max-width:600px)"), std::string::npos);
}

// What keeps the page within a 390-pixel phone screen (checked by eye with
// scripts/screenshot REPORT.html OUT.png 390x2400): the rules must be there.
TEST(Html, NothingIsWiderThanAPhone) {
  const auto report = fixed_report(Audience::inspector);
  const std::string html = to_html(report);
  // Charts scale with their column; the icons keep their own small size.
  EXPECT_NE(html.find("\nsvg{display:block;width:100%;height:auto;max-width:820px}"), std::string::npos);
  EXPECT_NE(html.find("svg.mdc-icon{display:inline-block;width:auto;height:auto;max-width:none"),
            std::string::npos);
  // Each chart is drawn with a viewBox and no fixed pixel size.
  for (const char* chart : {"class=\"spc-chart\" viewBox=", "class=\"funnel-plot\" viewBox="}) {
    EXPECT_NE(html.find(chart), std::string::npos) << chart;
  }
  EXPECT_EQ(html.find("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"spc-chart\" width="), std::string::npos);
  // Every table scrolls sideways inside its own box.
  EXPECT_NE(html.find(".table-wrap{overflow-x:auto;"), std::string::npos);
  EXPECT_GT(occurrences(html, "<table>"), 0U);
  EXPECT_EQ(occurrences(html, "<table>"), occurrences(html, "<div class=\"table-wrap\"><table>"));
  // Long words and ids wrap; on a phone the charts take one column each.
  EXPECT_NE(html.find("font-size:16px;overflow-wrap:break-word}"), std::string::npos);
  const auto phone = html.find("@media (max-width:600px){");
  ASSERT_NE(phone, std::string::npos);
  const std::string phone_rules = html.substr(phone, html.find("\n}", phone) - phone);
  EXPECT_NE(phone_rules.find(".charts{grid-template-columns:1fr}"), std::string::npos);
  // A finding's links and the contents links move to the next line whole,
  // and wrap only when longer than the line (a long chart title).
  EXPECT_NE(html.find(".finding .links a{display:inline-block;max-width:100%}"), std::string::npos);
  EXPECT_NE(html.find("nav.toc a{display:inline-block;max-width:100%;"), std::string::npos);
  // The heading of a chart wraps beside its icons rather than pushing them out.
  EXPECT_NE(html.find(".chart-head h3{margin:0;min-width:0}"), std::string::npos);
}

TEST(Html, LinksPointAtAnchorsThatExist) {
  const auto report = fixed_report();
  const std::string html = to_html(report);
  for (const auto& f : report.needs_attention) {
    for (const auto& link : f.links) {
      const std::string anchor = anchor_of(link.kind, link.id);
      EXPECT_NE(html.find("href=\"#" + anchor + "\""), std::string::npos) << anchor;
      EXPECT_NE(html.find("id=\"" + anchor + "\""), std::string::npos) << anchor;
    }
  }
}

TEST(Html, PointsAreColouredByClassAndPhaseBreaksDrawn) {
  const auto report = fixed_report();
  const std::string svg = spc_chart_svg(report.trends[0]);
  // Oak House falls: one concern point (June), four improvement points, seven common cause.
  EXPECT_EQ(occurrences(svg, "fill=\"#fab428\" class=\"point concern\""), 1U);
  EXPECT_EQ(occurrences(svg, "fill=\"#289de0\" class=\"point improvement\""), 4U);
  EXPECT_EQ(occurrences(svg, "fill=\"#7b7d7d\" class=\"point common_cause\""), 7U);
  EXPECT_EQ(occurrences(svg, "class=\"phase-break\""), 1U);
  EXPECT_EQ(occurrences(svg, "class=\"centre\""), 1U);
  EXPECT_EQ(occurrences(svg, "class=\"limit\""), 2U);
  EXPECT_EQ(occurrences(svg, "class=\"target\""), 0U);
  EXPECT_EQ(occurrences(spc_chart_svg(report.trends[1]), "class=\"target\""), 1U);
}

TEST(Svg, PhaseBreakSplitsTheCentreLine) {
  // Two phases: the centre is drawn as two separate runs (two "M" moves).
  MetricSeries s;
  s.title = "t";
  s.unit = "u";
  for (int i = 0; i < 6; ++i) {
    SeriesPoint p;
    p.period_start = testing::d("2026-01-01") + boost::gregorian::months(i);
    p.value = i < 3 ? 4.0 : 2.0;
    p.centre = i < 3 ? 4.0 : 2.0;
    p.lcl = 0.0;
    p.ucl = i < 3 ? 8.0 : 5.0;
    s.points.push_back(p);
  }
  s.phase_breaks.push_back({3, testing::d("2026-04-01"), "A-1 implemented", {}});
  const std::string svg = spc_chart_svg(s);
  const auto centre_at = svg.find("class=\"centre\"");
  ASSERT_NE(centre_at, std::string::npos);
  const auto path_start = svg.rfind("<path d=\"", centre_at);
  const std::string path = svg.substr(path_start, centre_at - path_start);
  EXPECT_EQ(occurrences(path, "M"), 2U);
  // Points 0-2 share y = 4 and 3-5 share y = 2 on an axis 0..8: with the plot
  // from y=278 (bottom, 300-22... ) the two levels differ.
  EXPECT_NE(svg.find("A-1 implemented"), std::string::npos);
}

struct DrawnLabel {
  std::string text;
  double left = 0.0;
  double right = 0.0;
  double top = 0.0;
  double bottom = 0.0;
};

// The service labels of a funnel SVG with their estimated boxes (12-unit
// text, 0.56 em a character, as the renderer estimates them).
std::vector<DrawnLabel> funnel_labels(const std::string& svg) {
  std::vector<DrawnLabel> labels;
  for (auto at = svg.find("class=\"label\">"); at != std::string::npos; at = svg.find("class=\"label\">", at + 1)) {
    const auto start = svg.rfind("<text ", at);
    const std::string tag = svg.substr(start, at - start);
    const auto attribute = [&](const std::string& name) {
      const auto from = tag.find(" " + name + "=\"") + name.size() + 3;
      return tag.substr(from, tag.find('"', from) - from);
    };
    DrawnLabel label;
    const auto text_start = at + 15;
    label.text = svg.substr(text_start, svg.find("</text>", text_start) - text_start);
    const double width = static_cast<double>(label.text.size()) * 12.0 * 0.56;
    const double x = std::stod(attribute("x"));
    const double y = std::stod(attribute("y"));
    const std::string anchor = attribute("text-anchor");
    label.left = anchor == "start" ? x : anchor == "end" ? x - width : x - width / 2.0;
    label.right = label.left + width;
    label.top = y - 9.6;
    label.bottom = y + 3.0;
    labels.push_back(label);
  }
  return labels;
}

bool overlapping(const DrawnLabel& a, const DrawnLabel& b) {
  return std::min(a.right, b.right) > std::max(a.left, b.left) &&
         std::min(a.bottom, b.bottom) > std::max(a.top, b.top);
}

TEST(Svg, FunnelLabelsEveryServiceByName) {
  auto funnel = fixed_report().funnels.front();
  // Crowd the plot: three more homes beside Oak House and Birch Lodge.
  funnel.points.push_back({"ash", "Ash House", 70, 13950, 5.02, 4.33, 6.94, 3.76, 7.73, "within"});
  funnel.points.push_back({"elm", "Elm Lodge", 71, 14100, 5.10, 4.33, 6.94, 3.76, 7.73, "within"});
  funnel.points.push_back({"yew", "Yew Court", 108, 14000, 7.70, 4.35, 6.91, 3.78, 7.69, "above_95"});
  const std::string svg = funnel_svg(funnel);
  const auto labels = funnel_labels(svg);
  ASSERT_EQ(labels.size(), funnel.points.size());
  for (const auto& p : funnel.points) {
    EXPECT_EQ(occurrences(svg, "class=\"label\">" + p.service_name + "</text>"), 1U) << p.service_name;
  }
  for (std::size_t i = 0; i < labels.size(); ++i) {
    EXPECT_GE(labels[i].left, 44.0) << labels[i].text;     // right of the y axis
    EXPECT_LE(labels[i].right, 560.0) << labels[i].text;   // inside the drawing
    for (std::size_t j = i + 1; j < labels.size(); ++j) {
      EXPECT_FALSE(overlapping(labels[i], labels[j])) << labels[i].text << " / " << labels[j].text;
    }
  }
  // Services outside the 95% limits are labelled in bold.
  EXPECT_EQ(occurrences(svg, "font-weight=\"700\""), 2U);
}

TEST(Svg, EmptySeriesSaysNoData) {
  MetricSeries s;
  s.title = "Empty";
  EXPECT_NE(spc_chart_svg(s).find("No data in the period"), std::string::npos);
  Funnel f;
  EXPECT_NE(funnel_svg(f).find("No services with exposure"), std::string::npos);
}

TEST(Json, SchemaKeysAndValues) {
  const auto report = fixed_report();
  const auto json = nlohmann::ordered_json::parse(to_json(report));
  EXPECT_EQ(json["schema"], "closeloop.governance_report");
  EXPECT_EQ(json["schema_version"], kSchemaVersion);
  std::vector<std::string> keys;
  for (const auto& item : json.items()) keys.push_back(item.key());
  const std::vector<std::string> expected{"schema",       "schema_version", "header",        "overview",
                                          "meeting_pack", "needs_attention", "trends",       "funnels",
                                          "harm_profile", "action_plans",   "actions",       "evidence",
                                          "effectiveness", "governance_trail", "learning", "action_strength",
                                          "cqc_mapping",  "cqc_coverage"};
  EXPECT_EQ(keys, expected);
  EXPECT_EQ(json["header"]["scope"]["kind"], "organisation");
  EXPECT_TRUE(json["header"]["scope"]["service_ids"].empty());
  EXPECT_TRUE(json["meeting_pack"].is_null());
  EXPECT_EQ(json["governance_trail"][0]["closures_signed_off"][0], "A-MED-1");
  EXPECT_EQ(json["actions"][0]["history"][1]["review_id"], "R-OCT");
  EXPECT_EQ(json["harm_profile"][0]["physical"]["moderate"], 6);
  EXPECT_EQ(json["effectiveness"][0]["before"]["periods"], 3);
  EXPECT_EQ(json["header"]["period"]["start"], "2025-12-01");
  EXPECT_EQ(json["needs_attention"][0]["kind"], "overdue");
  EXPECT_EQ(json["needs_attention"][0]["links"][0]["anchor"], "action-A-RES-3");
  const auto& point = json["trends"][0]["points"][5];
  EXPECT_EQ(point["class"], "concern");
  EXPECT_EQ(point["signals"], nlohmann::ordered_json::array({"outside_limits"}));
  EXPECT_DOUBLE_EQ(point["value"].get<double>(), 10.0 / 1140.0 * 1000.0);
  EXPECT_EQ(json["action_plans"][0]["actions_by_state"]["closed"], 1);
  EXPECT_EQ(json["actions"][0]["owner"], "Priya Shah");
  EXPECT_EQ(json["learning"][0]["targets"][0]["adopted"], nullptr);
  EXPECT_EQ(json["learning"][0]["targets"][1]["adopted"], true);
  EXPECT_TRUE(json["cqc_mapping"].empty());
  EXPECT_EQ(json.dump().find("NaN"), std::string::npos);
}

TEST(Json, NanFiguresAreNull) {
  auto report = fixed_report();
  report.trends[0].points[0].lcl = std::nan("");
  const auto json = nlohmann::json::parse(to_json(report));
  EXPECT_TRUE(json["trends"][0]["points"][0]["lcl"].is_null());
}

TEST(Json, InspectorCarriesCqcMapping) {
  const auto json = nlohmann::json::parse(to_json(fixed_report(Audience::inspector)));
  ASSERT_EQ(json["cqc_mapping"].size(), 9U);
  EXPECT_EQ(json["cqc_mapping"][7]["section"], "learning");
  EXPECT_EQ(json["cqc_mapping"][7]["quality_statements"][0], "learning_culture");
  ASSERT_EQ(json["cqc_coverage"].size(), 6U);
  EXPECT_EQ(json["cqc_coverage"][4]["category"], "peoples_experience");
  EXPECT_EQ(json["cqc_coverage"][4]["has_evidence"], false);
  // Outside audiences: no person field, no unshared staff text.
  EXPECT_TRUE(json["needs_attention"][0]["owner"].is_null());
  EXPECT_TRUE(json["governance_trail"][0]["decisions"].is_null());
  EXPECT_TRUE(json["effectiveness"][0]["basis"].is_null());
  EXPECT_TRUE(json["evidence"][2]["reference"].is_null());  // E-4, not shareable
  EXPECT_EQ(json["evidence"][0]["reference"], "MED-POL-07 v3");  // E-1, shareable
  EXPECT_EQ(json["evidence"][0]["cqc_evidence_category"], "processes");        // policy_version
  EXPECT_EQ(json["evidence"][5]["cqc_evidence_category"], "observation");      // competency_observation
  EXPECT_TRUE(json["actions"][0]["owner"].is_null());
}

}  // namespace
}  // namespace closeloop::report
