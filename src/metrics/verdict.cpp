// Making Data Count verdicts, following NHSRplotthedots 0.2.2
// (ptd_calculate_point_type, geom_ptd_icon, ptd_calculate_assurance_type).
#include "closeloop/metrics/verdict.hpp"

#include <cmath>

#include "closeloop/core/enum_text.hpp"

namespace closeloop::metrics {

namespace {

constexpr EnumText<Improvement, 3> improvement_text{"improvement direction",
                                                    {{{Improvement::neutral, "neutral"},
                                                      {Improvement::increase, "increase"},
                                                      {Improvement::decrease, "decrease"}}}};

constexpr EnumText<PointType, 5> point_type_text{
    "point type",
    {{{PointType::common_cause, "common_cause"},
      {PointType::improvement, "special_cause_improvement"},
      {PointType::concern, "special_cause_concern"},
      {PointType::neutral_high, "special_cause_neutral_high"},
      {PointType::neutral_low, "special_cause_neutral_low"}}}};

constexpr EnumText<Variation, 8> variation_text{"variation",
                                                {{{Variation::common_cause, "common_cause"},
                                                  {Variation::improvement_high, "improvement_high"},
                                                  {Variation::improvement_low, "improvement_low"},
                                                  {Variation::concern_high, "concern_high"},
                                                  {Variation::concern_low, "concern_low"},
                                                  {Variation::neutral_high, "neutral_high"},
                                                  {Variation::neutral_low, "neutral_low"},
                                                  {Variation::insufficient_data,
                                                   "insufficient_data"}}}};

constexpr EnumText<Assurance, 4> assurance_text{"assurance",
                                                {{{Assurance::none, "none"},
                                                  {Assurance::consistent_pass, "consistent_pass"},
                                                  {Assurance::consistent_fail, "consistent_fail"},
                                                  {Assurance::inconsistent, "inconsistent"}}}};

constexpr EnumText<SpecialCause, 9> special_cause_text{
    "special cause",
    {{{SpecialCause::none, "none"},
      {SpecialCause::above_ucl, "above_ucl"},
      {SpecialCause::below_lcl, "below_lcl"},
      {SpecialCause::trend_increasing, "trend_increasing"},
      {SpecialCause::trend_decreasing, "trend_decreasing"},
      {SpecialCause::two_of_three_above, "two_of_three_above"},
      {SpecialCause::two_of_three_below, "two_of_three_below"},
      {SpecialCause::shift_above, "shift_above"},
      {SpecialCause::shift_below, "shift_below"}}}};

}  // namespace

std::string_view to_string(SpecialCause value) noexcept { return special_cause_text.name(value); }

int direction_of(SpecialCause cause) noexcept {
  switch (cause) {
    case SpecialCause::above_ucl:
    case SpecialCause::trend_increasing:
    case SpecialCause::two_of_three_above:
    case SpecialCause::shift_above:
      return 1;
    case SpecialCause::below_lcl:
    case SpecialCause::trend_decreasing:
    case SpecialCause::two_of_three_below:
    case SpecialCause::shift_below:
      return -1;
    case SpecialCause::none:
      break;
  }
  return 0;
}

PointType point_type_of(SpecialCause cause, Improvement improvement) noexcept {
  const int direction = direction_of(cause);
  if (direction == 0) return PointType::common_cause;
  if (improvement == Improvement::neutral) {
    return direction > 0 ? PointType::neutral_high : PointType::neutral_low;
  }
  const int oriented = improvement == Improvement::increase ? direction : -direction;
  return oriented > 0 ? PointType::improvement : PointType::concern;
}

std::string_view to_string(Improvement value) noexcept { return improvement_text.name(value); }
std::string_view to_string(PointType value) noexcept { return point_type_text.name(value); }
std::string_view to_string(Variation value) noexcept { return variation_text.name(value); }
std::string_view to_string(Assurance value) noexcept { return assurance_text.name(value); }

Improvement parse_improvement(std::string_view text) { return improvement_text.parse(text); }

Variation variation_icon(PointType last, Improvement improvement) noexcept {
  const bool higher_better = improvement == Improvement::increase;
  switch (last) {
    case PointType::improvement:
      return higher_better ? Variation::improvement_high : Variation::improvement_low;
    case PointType::concern:
      return higher_better ? Variation::concern_low : Variation::concern_high;
    case PointType::neutral_high:
      return Variation::neutral_high;
    case PointType::neutral_low:
      return Variation::neutral_low;
    case PointType::common_cause:
      break;
  }
  return Variation::common_cause;
}

Assurance assurance_icon(double target, double lcl, double ucl, Improvement improvement) noexcept {
  if (improvement == Improvement::neutral || std::isnan(target) || std::isnan(lcl) ||
      std::isnan(ucl)) {
    return Assurance::none;
  }
  const bool higher_better = improvement == Improvement::increase;
  if (target > ucl) return higher_better ? Assurance::consistent_fail : Assurance::consistent_pass;
  if (target < lcl) return higher_better ? Assurance::consistent_pass : Assurance::consistent_fail;
  return Assurance::inconsistent;
}

}  // namespace closeloop::metrics

CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::metrics::Improvement, closeloop::metrics::improvement_text)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::metrics::PointType, closeloop::metrics::point_type_text)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::metrics::Variation, closeloop::metrics::variation_text)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::metrics::Assurance, closeloop::metrics::assurance_text)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::metrics::SpecialCause, closeloop::metrics::special_cause_text)
