#pragma once
// The one way a binding hands C++ memory to numpy: a read-only view (no copy)
// whose base keeps the owning Python object alive. Every column a result
// exposes (tables, grids, trends, SPC charts) goes through `view`, so none is
// writable and no Python code has to patch flags afterwards.

#include <cstdint>
#include <span>
#include <vector>

#include "closeloop_python.hpp"

namespace closeloop::python {

// A read-only numpy array of `dtype` over `data` (row-major `shape`), whose
// base keeps `owner` alive.
inline py::array read_only_array(const py::dtype& dtype, std::vector<py::ssize_t> shape,
                                 const void* data, py::handle owner) {
  std::vector<py::ssize_t> strides(shape.size());
  py::ssize_t stride = dtype.itemsize();
  for (std::size_t i = shape.size(); i-- > 0;) {
    strides[i] = stride;
    stride *= shape[i];
  }
  py::array out(dtype, std::move(shape), std::move(strides), data, owner);
  out.attr("setflags")(py::arg("write") = false);
  return out;
}

// A read-only 1-D view of `data`.
template <class T>
py::array view(std::span<const T> data, py::handle owner) {
  return read_only_array(py::dtype::of<T>(), {static_cast<py::ssize_t>(data.size())}, data.data(),
                         owner);
}

template <class T>
py::array view(const std::vector<T>& data, py::handle owner) {
  return view(std::span<const T>(data), owner);
}

// A property getter for the column `member` of a bound result: its view,
// kept alive by the Python object that holds the result.
template <class Owner, class T>
auto column_of(const std::vector<T> Owner::*member) {
  return [member](py::object self) { return view(self.cast<const Owner&>().*member, self); };
}

// A read-only 2-D (rows x columns) view of a row-major vector.
template <class T>
py::array view_2d(const std::vector<T>& data, std::size_t rows, std::size_t columns,
                  py::handle owner) {
  return read_only_array(py::dtype::of<T>(),
                         {static_cast<py::ssize_t>(rows), static_cast<py::ssize_t>(columns)},
                         data.data(), owner);
}

// A read-only view of 0/1 bytes as numpy booleans.
inline py::array bool_view(std::span<const std::uint8_t> data, py::handle owner) {
  return read_only_array(py::dtype("bool"), {static_cast<py::ssize_t>(data.size())}, data.data(),
                         owner);
}

}  // namespace closeloop::python
