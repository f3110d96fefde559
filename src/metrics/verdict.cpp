// Making Data Count verdicts, following NHSRplotthedots 0.2.2
// (ptd_calculate_point_type, geom_ptd_icon, ptd_calculate_assurance_type).
#include "closeloop/metrics/verdict.hpp"

#include <cmath>

#include "closeloop/core/enum_text.hpp"

namespace closeloop::metrics {

namespace {

constexpr EnumText<Improvement, 3> improvement_text{
    "improvement direction",
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

constexpr EnumText<Variation, 7> variation_text{
    "variation",
    {{{Variation::common_cause, "common_cause"},
      {Variation::improvement_high, "improvement_high"},
      {Variation::improvement_low, "improvement_low"},
      {Variation::concern_high, "concern_high"},
      {Variation::concern_low, "concern_low"},
      {Variation::neutral_high, "neutral_high"},
      {Variation::neutral_low, "neutral_low"}}}};

constexpr EnumText<Assurance, 4> assurance_text{
    "assurance",
    {{{Assurance::none, "none"},
      {Assurance::consistent_pass, "consistent_pass"},
      {Assurance::consistent_fail, "consistent_fail"},
      {Assurance::inconsistent, "inconsistent"}}}};

}  // namespace

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

Assurance assurance_icon(double target, double lcl, double ucl,
                         Improvement improvement) noexcept {
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
