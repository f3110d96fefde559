#pragma once
// closeloop's strong ids (ServiceId, ActionId, ...) cross into Python as plain
// str: a caller passes "S-1" wherever an id is expected, and gets str back.
// The C++ types stay distinct; Python callers name ids by keyword.

#include <pybind11/pybind11.h>

#include <string>

#include "closeloop/core/ids.hpp"

namespace pybind11::detail {

template <class Tag>
struct type_caster<closeloop::Id<Tag>> {
 public:
  PYBIND11_TYPE_CASTER(closeloop::Id<Tag>, const_name("str"));

  bool load(handle source, bool /*convert*/) {
    if (source.ptr() == nullptr || !PyUnicode_Check(source.ptr())) return false;
    value = closeloop::Id<Tag>(pybind11::cast<std::string>(source));
    return true;
  }

  static handle cast(const closeloop::Id<Tag>& id, return_value_policy /*policy*/,
                     handle /*parent*/) {
    return pybind11::str(id.str()).release();
  }
};

}  // namespace pybind11::detail
