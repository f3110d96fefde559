#pragma once
// What the Register's files (register.cpp, register_queries.cpp,
// transitions.cpp) share: ids quoted in messages, and finding an entity or
// refusing with NotFoundError.

#include <string>

#include "closeloop/core/error.hpp"
#include "closeloop/core/ids.hpp"

namespace closeloop::lifecycle::detail {

/// `text` in double quotes.
inline std::string q(const std::string& text) { return "\"" + text + "\""; }

/// The id's text in double quotes.
template <class Tag>
std::string q(const Id<Tag>& id) {
  return q(id.str());
}

/// The entity `key` of `map`; NotFoundError "<what> "<key>" does not exist".
template <class Map, class Key>
const typename Map::mapped_type& find_or_throw(const Map& map, const Key& key, const char* what) {
  const auto it = map.find(key);
  if (it == map.end()) throw NotFoundError(std::string(what) + " " + q(key) + " does not exist");
  return it->second;
}

}  // namespace closeloop::lifecycle::detail
