#pragma once
/// \file
/// Renderings of a governance report: JSON (schema in docs/report-schema.md),
/// Markdown, and one self-contained HTML file with inline SVG charts. All text
/// taken from the report is escaped for the target format, so a description
/// holding "<script>" or "</svg>" is shown as text. The renderings are
/// deterministic: the same report gives the same bytes.

#include <string>
#include <string_view>

#include "closeloop/report/model.hpp"

namespace closeloop::report {

/// The report as JSON (two-space indent, keys in a fixed order, ending in a
/// newline). Missing values are null; NaN figures are null.
std::string to_json(const GovernanceReport& report);

/// The report as CommonMark/GitHub Markdown, ending in a newline.
std::string to_markdown(const GovernanceReport& report);

/// The report as one HTML5 document: inline CSS (responsive, printable),
/// inline SVG charts, no scripts and no external fetches.
std::string to_html(const GovernanceReport& report);

/// An SPC chart of `series` as a standalone <svg> element, drawn as Making
/// Data Count draws it: grey line, points coloured by class (orange concern,
/// blue improvement, grey common cause, purple neutral), centre line, dashed
/// limits, phase breaks as vertical lines, target as a red dashed line.
std::string spc_chart_svg(const MetricSeries& series);

/// A funnel plot of `funnel` as a standalone <svg> element: the
/// organisation's rate, the 95% (dashed) and 99.8% (solid) limits by
/// exposure, and each service as a labelled point.
std::string funnel_svg(const Funnel& funnel);

/// `text` with &, <, >, " and ' replaced by character references: safe in
/// HTML and SVG text and in quoted attribute values. Control characters
/// other than tab and newline are dropped, and the Unicode bidirectional
/// embedding, override and isolate controls (U+202A to U+202E, U+2066 to
/// U+2069) are replaced by U+FFFD, so caller text cannot reorder what is shown.
std::string escape_html(std::string_view text);

/// `text` with Markdown's punctuation backslash-escaped and line breaks
/// turned into spaces: safe as inline text and inside a table cell. Bidi
/// controls are replaced by U+FFFD as in escape_html.
std::string escape_markdown(std::string_view text);

}  // namespace closeloop::report
