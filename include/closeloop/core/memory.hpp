#pragma once
/// \file
/// Room for large columns. A column of millions of values written once is
/// dominated by page faults (one per 4 KiB on first touch, and expensive in a
/// virtual machine); asking the kernel for transparent huge pages for it makes
/// that one per 2 MiB. Nothing changes for small columns or where huge pages
/// are unavailable.

#include <cstddef>
#include <vector>

namespace closeloop {

/// Asks for transparent huge pages for the 2 MiB-aligned pages inside
/// [data, data + bytes). A hint: never fails, does nothing below 4 MiB.
void advise_huge_pages(const void* data, std::size_t bytes) noexcept;

/// Reserves room for `count` elements in `column` (as reserve) and gives the
/// kernel advise_huge_pages' hint for it, before any element is written.
template <class T, class Allocator>
void reserve_large(std::vector<T, Allocator>& column, std::size_t count) {
  column.reserve(count);
  advise_huge_pages(column.data(), column.capacity() * sizeof(T));
}

}  // namespace closeloop
