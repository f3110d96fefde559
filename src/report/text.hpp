#pragma once
// Formatting helpers shared by the renderers (not public).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "closeloop/core/date.hpp"
#include "closeloop/report/model.hpp"

namespace closeloop::report::detail {

/// `value` with `decimals` decimals; "n/a" for NaN or infinity.
std::string fixed(double value, int decimals);
/// A whole number with thousands separators ("12,345"); "n/a" for NaN.
std::string whole(double value);
/// A count with no decimals when whole, else 1 decimal, with separators.
std::string count(double value);
/// "26 Nov 2026"; "" for not-a-date.
std::string human_date(const Date& date);
/// "Nov 26" style short month label for chart axes ("Nov 2026" -> "Nov 26").
std::string month_label(const Date& date);
/// "Nov 2026".
std::string month_year(const Date& date);
/// "medication_error" -> "medication error".
std::string words(std::string_view word);
/// "medication_error" -> "Medication error".
std::string sentence_case(std::string_view word);
/// A number for SVG coordinates (one decimal, no "-0.0").
std::string coord(double value);
/// "p < 0.001" or "p = 0.034"; "p n/a" for NaN.
std::string p_text(double p);
/// "0.55, 95% CI 0.31 to 0.95".
std::string ratio_text(double ratio, double lower, double upper);
/// "concern_high" -> "Special cause concern (high)"; other words humanised.
std::string variation_text(std::string_view variation);
/// "consistent_pass" -> "Consistently passing the target", ...
std::string assurance_text(std::string_view assurance);
/// The CQC mapping of `section` in `report`, or nullptr.
const SectionMapping* mapping_for(const GovernanceReport& report, SectionKey section);
/// A link's words: "chart: Falls at Oak House", "action A-1", "plan P-1".
std::string link_label(const GovernanceReport& report, const Link& link);
/// Open actions of a plan (every state but closed and cancelled).
int open_actions(const PlanStatus& plan);
/// A share target's reach: "21 of 24 (88%)", with "below 80%" when under the
/// plan's threshold; "none recorded" when the plan asks for reach and no
/// briefing is recorded; "" when neither.
std::string reach_text(const ShareTarget& target);
/// Whether a target's reach is below its plan's threshold (or unrecorded).
bool reach_short(const ShareTarget& target);
/// Items joined with ", ".
std::string join_words(const std::vector<std::string>& items);
/// "Organisation-wide" for an empty service id, else the id.
std::string scope_text(const std::string& service_id);

}  // namespace closeloop::report::detail
