#include "closeloop/core/enums.hpp"

#include <algorithm>
#include <array>

#include "closeloop/core/enum_text.hpp"
#include "closeloop/core/error.hpp"

namespace closeloop {

namespace {

constexpr EnumText<Harm, 5> kHarm{"harm level",
                                  {{{Harm::none, "none"},
                                    {Harm::low, "low"},
                                    {Harm::moderate, "moderate"},
                                    {Harm::severe, "severe"},
                                    {Harm::fatal, "fatal"}}}};

constexpr EnumText<PsychologicalHarm, 4> kPsychologicalHarm{
    "psychological harm level",
    {{{PsychologicalHarm::none, "none"},
      {PsychologicalHarm::low, "low"},
      {PsychologicalHarm::moderate, "moderate"},
      {PsychologicalHarm::severe, "severe"}}}};

constexpr EnumText<ActionState, 9> kActionState{"action state",
                                                {{{ActionState::proposed, "proposed"},
                                                  {ActionState::agreed, "agreed"},
                                                  {ActionState::in_progress, "in_progress"},
                                                  {ActionState::implemented, "implemented"},
                                                  {ActionState::verified, "verified"},
                                                  {ActionState::evaluated, "evaluated"},
                                                  {ActionState::closed, "closed"},
                                                  {ActionState::reopened, "reopened"},
                                                  {ActionState::cancelled, "cancelled"}}}};

constexpr std::array<std::string_view, 9> kBuiltinCategories{
    "fall",      "medication_error", "safeguarding", "pressure_ulcer", "behaviour",
    "infection", "missing_person",   "choking",      "other"};

bool valid_category_word(std::string_view word) noexcept {
  if (word.empty() || word.size() > 64) return false;
  return std::all_of(word.begin(), word.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

std::string_view to_string(Harm harm) noexcept { return kHarm.name(harm); }
std::string_view to_string(PsychologicalHarm harm) noexcept {
  return kPsychologicalHarm.name(harm);
}
std::string_view to_string(ActionState state) noexcept { return kActionState.name(state); }

std::optional<Harm> find_harm(std::string_view text) noexcept { return kHarm.find(text); }

Harm parse_harm(std::string_view text) { return kHarm.parse(text); }
PsychologicalHarm parse_psychological_harm(std::string_view text) {
  return kPsychologicalHarm.parse(text);
}
ActionState parse_action_state(std::string_view text) { return kActionState.parse(text); }

bool is_open(ActionState state) noexcept {
  return state != ActionState::closed && state != ActionState::cancelled;
}

std::span<const std::string_view> builtin_categories() noexcept { return kBuiltinCategories; }

CategorySet::CategorySet() : categories_(kBuiltinCategories.begin(), kBuiltinCategories.end()) {}

void CategorySet::add(std::string_view category) {
  if (!valid_category_word(category)) {
    throw InputError("invalid category name \"" + std::string(category) +
                     "\": use lower-case letters, digits and underscores");
  }
  if (!contains(category)) categories_.emplace_back(category);
}

bool CategorySet::contains(std::string_view category) const noexcept {
  return std::find(categories_.begin(), categories_.end(), category) != categories_.end();
}

void CategorySet::require(std::string_view category) const {
  if (contains(category)) return;
  std::string message = "unknown category \"" + std::string(category) + "\": expected one of ";
  for (std::size_t i = 0; i < categories_.size(); ++i) {
    if (i > 0) message += ", ";
    message += categories_[i];
  }
  throw InputError(message);
}

}  // namespace closeloop

CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::Harm, closeloop::kHarm)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::PsychologicalHarm, closeloop::kPsychologicalHarm)
CLOSELOOP_DEFINE_ENUM_WORDS(closeloop::ActionState, closeloop::kActionState)
