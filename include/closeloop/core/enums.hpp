#pragma once
/// \file
/// The enums every area shares, with text forms that round-trip:
/// incident categories, harm levels and action states.

#include <cstdint>
#include <span>
#include <string>
#include <optional>
#include <string_view>
#include <vector>

#include "closeloop/core/enum_words.hpp"

namespace closeloop {

/// Physical harm as England's patient-safety event recording (LFPSE) grades it.
enum class Harm : std::uint8_t { none, low, moderate, severe, fatal };

/// Psychological harm as LFPSE grades it (there is no fatal grade).
enum class PsychologicalHarm : std::uint8_t { none, low, moderate, severe };

/// The states of an action's lifecycle (see docs/lifecycle.md).
enum class ActionState : std::uint8_t {
  proposed,
  agreed,
  in_progress,
  implemented,
  verified,
  evaluated,
  closed,
  reopened,
  cancelled,
};

/// "none", "low", "moderate", "severe", "fatal".
std::string_view to_string(Harm harm) noexcept;
/// "none", "low", "moderate", "severe".
std::string_view to_string(PsychologicalHarm harm) noexcept;
/// "proposed", "agreed", "in_progress", ... "cancelled".
std::string_view to_string(ActionState state) noexcept;

/// Parses a physical harm word; InputError listing the words otherwise.
Harm parse_harm(std::string_view text);
/// The physical harm of `text`, or nothing (the same words as parse_harm).
std::optional<Harm> find_harm(std::string_view text) noexcept;
/// Parses a psychological harm word; InputError listing the words otherwise.
PsychologicalHarm parse_psychological_harm(std::string_view text);
/// Parses an action state word; InputError listing the words otherwise.
ActionState parse_action_state(std::string_view text);

/// True for states from which an action can still move (not closed or cancelled).
bool is_open(ActionState state) noexcept;

/// The built-in incident categories: fall, medication_error, safeguarding,
/// pressure_ulcer, behaviour, infection, missing_person, choking, other.
std::span<const std::string_view> builtin_categories() noexcept;

/// The incident categories a provider uses: the built-in ones plus any it
/// registers (lower-case words of letters, digits and underscores).
class CategorySet {
 public:
  /// The built-in categories only.
  CategorySet();
  /// Adds a provider category; InputError if the word is not a valid name.
  /// Adding an existing category does nothing.
  void add(std::string_view category);
  /// True if `category` is known.
  [[nodiscard]] bool contains(std::string_view category) const noexcept;
  /// Throws InputError naming the allowed categories if `category` is unknown.
  void require(std::string_view category) const;
  /// All known categories, built-in first, then in the order added.
  [[nodiscard]] const std::vector<std::string>& all() const noexcept { return categories_; }

 private:
  std::vector<std::string> categories_;
};

}  // namespace closeloop

CLOSELOOP_ENUM_WORDS(closeloop::Harm, 5);
CLOSELOOP_ENUM_WORDS(closeloop::PsychologicalHarm, 4);
CLOSELOOP_ENUM_WORDS(closeloop::ActionState, 9);
