#pragma once
// The Making Data Count icons (not public): the variation icon (the verdict
// from a chart's last point) and the assurance icon (the verdict against a
// target), as small inline SVG elements, with the words that say the same.

#include <string>
#include <string_view>

namespace closeloop::report::detail {

/// The words of a variation verdict ("common_cause" -> "Common cause
/// variation", "improvement_low" -> "Special cause improvement (low)",
/// "insufficient_data" -> "Not enough data for a variation verdict").
std::string variation_icon_text(std::string_view variation);

/// The words of an assurance verdict ("consistent_pass" -> "Consistently
/// passing the target", "inconsistent" -> "Hit and miss against the target").
std::string assurance_icon_text(std::string_view assurance);

/// The accessible name of the variation icon: "Variation: special cause
/// improvement (low)".
std::string variation_icon_label(std::string_view variation);

/// The accessible name of the assurance icon: "Assurance: consistently
/// passing the target".
std::string assurance_icon_label(std::string_view assurance);

/// The variation icon as an <svg> element `size` CSS pixels square, with
/// role="img", an aria-label and a <title> holding variation_icon_label. A
/// ring in the verdict's colour (grey common cause, orange concern, blue
/// improvement, purple neutral) around a run of five points whose last two
/// rise (high) or fall (low) in that colour, with an H or L; a dashed grey
/// ring around hollow points when there is not enough data.
std::string variation_icon_svg(std::string_view variation, int size = 40);

/// The assurance icon: a ring with P (blue, consistently passing), F
/// (orange, consistently failing) or ? (grey, hit and miss) above a dashed
/// target line, and a grey process line above, below or across it.
std::string assurance_icon_svg(std::string_view assurance, int size = 40);

}  // namespace closeloop::report::detail
