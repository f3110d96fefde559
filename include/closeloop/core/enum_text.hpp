#pragma once
/// \file
/// A small table type that gives an enum its text forms, used by every area so
/// that each enum's words are written once and round-trip exactly.

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "closeloop/core/error.hpp"

namespace closeloop {

/// The words of enum `E`: `kind` names the enum in error messages
/// ("harm level"), `entries` pairs each value with its word.
template <class E, std::size_t N>
struct EnumText {
  std::string_view kind;
  std::array<std::pair<E, std::string_view>, N> entries;

  /// The word for `value` ("?" for a value outside the table).
  [[nodiscard]] constexpr std::string_view name(E value) const noexcept {
    for (const auto& [candidate, word] : entries) {
      if (candidate == value) return word;
    }
    return "?";
  }

  /// The value for `word`, or nothing.
  [[nodiscard]] constexpr std::optional<E> find(std::string_view word) const noexcept {
    for (const auto& [candidate, text] : entries) {
      if (text == word) return candidate;
    }
    return std::nullopt;
  }

  /// The value for `word`; an InputError listing the allowed words otherwise.
  [[nodiscard]] E parse(std::string_view word) const {
    if (auto value = find(word)) return *value;
    std::string message = "unknown " + std::string(kind) + " \"" + std::string(word) +
                          "\": expected one of ";
    for (std::size_t i = 0; i < N; ++i) {
      if (i > 0) message += ", ";
      message += entries[i].second;
    }
    throw InputError(message);
  }
};

}  // namespace closeloop
