#pragma once
/// \file
/// One public trait for every enum's words: `EnumWords<E>::text()` is the
/// enum's one EnumText table, declared next to the enum in its area's header
/// and defined where the table is written. Readers, the store, the bindings and
/// the pandas helpers take an enum's words from here instead of a list of
/// their own.

#include <optional>
#include <string_view>
#include <vector>

#include "closeloop/core/enum_text.hpp"

namespace closeloop {

/// Specialised for each enum with words: `static const EnumText<E, N>& text() noexcept`.
template <class E>
struct EnumWords;

/// True for an enum whose word table is declared.
template <class E>
concept HasEnumWords = requires { EnumWords<E>::text(); };

/// The word table of `E`.
template <HasEnumWords E>
[[nodiscard]] const auto& words_of() noexcept {
  return EnumWords<E>::text();
}

/// The word of `value` ("?" outside the table).
template <HasEnumWords E>
[[nodiscard]] std::string_view word_of(E value) noexcept {
  return words_of<E>().name(value);
}

/// The value of `word`, or nothing.
template <HasEnumWords E>
[[nodiscard]] std::optional<E> find_word(std::string_view word) noexcept {
  return words_of<E>().find(word);
}

/// The value of `word`; InputError "unknown <kind> \"w\": expected one of a, b" otherwise.
template <HasEnumWords E>
[[nodiscard]] E parse_word(std::string_view word) {
  return words_of<E>().parse(word);
}

/// Every word of `E` in table order.
template <HasEnumWords E>
[[nodiscard]] std::vector<std::string_view> all_words() {
  std::vector<std::string_view> words;
  for (const auto& entry : words_of<E>().entries) words.push_back(entry.second);
  return words;
}

/// Every value of `E` in table order.
template <HasEnumWords E>
[[nodiscard]] std::vector<E> all_values() {
  std::vector<E> values;
  for (const auto& entry : words_of<E>().entries) values.push_back(entry.first);
  return values;
}

}  // namespace closeloop

/// Declares the word table of `Enum` (a fully qualified name) with `count`
/// words; write it at global scope after the enum's header namespace closes,
/// and define `text()` where the table is written.
#define CLOSELOOP_ENUM_WORDS(Enum, count)                                     \
  template <>                                                                 \
  struct closeloop::EnumWords<Enum> {                                         \
    static const ::closeloop::EnumText<Enum, count>& text() noexcept;         \
  }

/// Declares and defines the word table of `Enum` whose table `table` is an
/// inline constexpr in the header.
#define CLOSELOOP_ENUM_WORDS_INLINE(Enum, table)                              \
  template <>                                                                 \
  struct closeloop::EnumWords<Enum> {                                         \
    static constexpr const auto& text() noexcept { return table; }            \
  }

/// Defines `text()` of a table declared with CLOSELOOP_ENUM_WORDS: write it at
/// global scope in the .cpp file that holds `table` (a qualified name).
#define CLOSELOOP_DEFINE_ENUM_WORDS(Enum, table)                              \
  const decltype(table)& closeloop::EnumWords<Enum>::text() noexcept { return table; }
