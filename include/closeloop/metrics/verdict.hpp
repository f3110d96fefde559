#pragma once
/// \file
/// The Making Data Count verdicts of an SPC chart: the per-point type of
/// variation, the variation icon from the last point, and the assurance icon
/// against a target.

#include <cstdint>
#include <string_view>

#include "closeloop/core/enum_words.hpp"

namespace closeloop::metrics {

/// Which direction of change counts as an improvement.
enum class Improvement : std::uint8_t {
  neutral,   ///< neither direction is better ("neutral" in NHSRplotthedots)
  increase,  ///< higher values are better
  decrease,  ///< lower values are better
};

/// The type of one point, as NHSRplotthedots' `point_type` column.
enum class PointType : std::uint8_t {
  common_cause,  ///< no directional rule fired on the point
  improvement,   ///< special cause in the direction of improvement
  concern,       ///< special cause against the direction of improvement
  neutral_high,  ///< special cause upwards when no direction is better
  neutral_low,   ///< special cause downwards when no direction is better
};

/// Why a point is special cause: the first rule in NHSRplotthedots' order
/// (outside limits, trend, two of three, shift) that flags it, with its side
/// or direction (NHSRplotthedots' `special_cause_type`).
enum class SpecialCause : std::uint8_t {
  none,                ///< "Common Cause"
  above_ucl,           ///< "Above UCL"
  below_lcl,           ///< "Below LCL"
  trend_increasing,    ///< "7 Point Trend (Increasing)"
  trend_decreasing,    ///< "7 Point Trend (Decreasing)"
  two_of_three_above,  ///< "2 in 3 Above CL"
  two_of_three_below,  ///< "2 in 3 Below CL"
  shift_above,         ///< "7 Points Above CL"
  shift_below,         ///< "7 Points Below CL"
};

/// The Making Data Count variation icon (NHSRplotthedots' `variation_icon`).
enum class Variation : std::uint8_t {
  common_cause,      ///< common cause variation
  improvement_high,  ///< special cause improvement, higher is better
  improvement_low,   ///< special cause improvement, lower is better
  concern_high,      ///< special cause concern where lower is better
  concern_low,       ///< special cause concern where higher is better
  neutral_high,      ///< special cause upwards, no better direction
  neutral_low,       ///< special cause downwards, no better direction
  /// No verdict: the series has no point with a value (empty, or every value
  /// NaN). Never "common cause": nothing was observed (docs/spc.md).
  insufficient_data,
};

/// The Making Data Count assurance icon against a target.
enum class Assurance : std::uint8_t {
  none,             ///< no target, or no better direction, or no limits
  consistent_pass,  ///< the target lies outside the limits on the passing side
  consistent_fail,  ///< the target lies outside the limits on the failing side
  inconsistent,     ///< the target lies within the limits: hit and miss
};

/// "neutral", "increase", "decrease".
[[nodiscard]] std::string_view to_string(Improvement value) noexcept;
/// "common_cause", "special_cause_improvement", "special_cause_concern",
/// "special_cause_neutral_high", "special_cause_neutral_low" (NHSRplotthedots' words).
[[nodiscard]] std::string_view to_string(PointType value) noexcept;
/// "common_cause", "improvement_high", ... (the icon names), and
/// "insufficient_data" when there is no point to judge.
[[nodiscard]] std::string_view to_string(Variation value) noexcept;
/// "none", "consistent_pass", "consistent_fail", "inconsistent".
[[nodiscard]] std::string_view to_string(Assurance value) noexcept;
/// "none", "above_ucl", "below_lcl", "trend_increasing", ..., "shift_below".
[[nodiscard]] std::string_view to_string(SpecialCause value) noexcept;
/// +1 for the causes above or increasing, -1 below or decreasing, 0 for none.
[[nodiscard]] int direction_of(SpecialCause cause) noexcept;
/// The point type of a cause given the improvement direction.
[[nodiscard]] PointType point_type_of(SpecialCause cause, Improvement improvement) noexcept;

/// Parses "neutral", "increase" or "decrease"; InputError otherwise.
[[nodiscard]] Improvement parse_improvement(std::string_view text);

/// The variation icon for the type of the last point, as NHSRplotthedots maps
/// it: a concern is `concern_low` when higher is better, otherwise
/// `concern_high`; an improvement is `improvement_high` when higher is better,
/// otherwise `improvement_low`.
[[nodiscard]] Variation variation_icon(PointType last, Improvement improvement) noexcept;

/// The assurance icon from the last point's limits, as NHSRplotthedots'
/// `ptd_calculate_assurance_type`: target above the upper limit fails when
/// higher is better and passes when lower is better; below the lower limit the
/// opposite; otherwise inconsistent. `none` when `improvement` is neutral or a
/// limit or the target is NaN.
[[nodiscard]] Assurance assurance_icon(double target, double lcl, double ucl,
                                       Improvement improvement) noexcept;

}  // namespace closeloop::metrics

CLOSELOOP_ENUM_WORDS(closeloop::metrics::Improvement, 3);
CLOSELOOP_ENUM_WORDS(closeloop::metrics::PointType, 5);
CLOSELOOP_ENUM_WORDS(closeloop::metrics::Variation, 8);
CLOSELOOP_ENUM_WORDS(closeloop::metrics::Assurance, 4);
CLOSELOOP_ENUM_WORDS(closeloop::metrics::SpecialCause, 9);
