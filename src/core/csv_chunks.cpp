#include "closeloop/core/csv_chunks.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <utility>

#include "closeloop/core/error.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace closeloop {

namespace {

std::size_t page_size() noexcept {
  static const auto size = static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
  return size;
}

// Bytes that end an unquoted field or make it invalid: , " \r \n.
constexpr std::array<bool, 256> kFieldStop = [] {
  std::array<bool, 256> stop{};
  stop[static_cast<unsigned char>(',')] = true;
  stop[static_cast<unsigned char>('"')] = true;
  stop[static_cast<unsigned char>('\r')] = true;
  stop[static_cast<unsigned char>('\n')] = true;
  return stop;
}();

// The first of , " \r \n at or after `pos` (or `size`): sixteen bytes a step
// where SSE2 is there.
std::size_t find_field_stop(const char* data, std::size_t pos, std::size_t size) noexcept {
#if defined(__SSE2__)
  const __m128i comma = _mm_set1_epi8(',');
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i cr = _mm_set1_epi8('\r');
  const __m128i lf = _mm_set1_epi8('\n');
  for (; pos + 16 <= size; pos += 16) {
    const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(data + pos));
    const __m128i hits =
        _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, comma), _mm_cmpeq_epi8(block, quote)),
                     _mm_or_si128(_mm_cmpeq_epi8(block, cr), _mm_cmpeq_epi8(block, lf)));
    const auto mask = static_cast<unsigned>(_mm_movemask_epi8(hits));
    if (mask != 0) return pos + static_cast<std::size_t>(__builtin_ctz(mask));
  }
#endif
  while (pos < size && !kFieldStop[static_cast<unsigned char>(data[pos])]) ++pos;
  return pos;
}

}  // namespace

MappedFile::MappedFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw InputError("cannot open file \"" + path + "\"");
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    throw InputError("cannot read file \"" + path + "\"");
  }
  size_ = static_cast<std::size_t>(info.st_size);
  if (size_ > 0) {
    void* map = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) {
      ::close(fd);
      throw InputError("cannot read file \"" + path + "\"");
    }
    data_ = static_cast<const char*>(map);
    ::madvise(map, size_, MADV_SEQUENTIAL);
  }
  ::close(fd);
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) ::munmap(const_cast<char*>(data_), size_);
}

void MappedFile::release(std::size_t begin, std::size_t end) const noexcept {
  const std::size_t page = page_size();
  begin = (begin + page - 1) / page * page;
  end = end / page * page;
  if (data_ == nullptr || end <= begin) return;
  ::madvise(const_cast<char*>(data_) + begin, end - begin, MADV_DONTNEED);
}

void MappedFile::populate(std::size_t begin, std::size_t end) const noexcept {
#if defined(MADV_POPULATE_READ)
  const std::size_t page = page_size();
  begin = begin / page * page;
  end = std::min(end, size_);
  if (data_ == nullptr || end <= begin) return;
  ::madvise(const_cast<char*>(data_) + begin, end - begin, MADV_POPULATE_READ);
#else
  (void)begin;
  (void)end;
#endif
}

std::vector<std::size_t> guess_csv_chunks(std::string_view text, std::size_t begin,
                                          std::size_t parts) {
  const std::size_t size = text.size();
  begin = std::min(begin, size);
  std::vector<std::size_t> starts{begin};
  for (std::size_t k = 1; k < parts; ++k) {
    const std::size_t nominal = begin + (size - begin) * k / parts;
    const std::size_t newline = text.find('\n', nominal);
    const std::size_t start = newline == std::string_view::npos ? size : newline + 1;
    starts.push_back(std::max(start, starts.back()));
  }
  starts.push_back(size);
  return starts;
}

CsvChunkScanner::CsvChunkScanner(std::string_view text, std::size_t begin, std::size_t end,
                                 std::size_t columns, std::vector<bool> wanted)
    : text_(text),
      position_(begin),
      end_(end),
      columns_(columns),
      scratch_(columns),
      wanted_(wanted.empty() ? std::vector<bool>(columns, true) : std::move(wanted)) {
  wanted_.resize(columns, false);
}

bool CsvChunkScanner::fail() noexcept {
  failed_ = true;
  return false;
}

bool CsvChunkScanner::next(std::vector<std::string_view>& fields) {
  if (failed_) return false;
  const char* data = text_.data();
  const std::size_t size = text_.size();
  std::size_t pos = position_;
  while (pos < end_ && (data[pos] == '\n' || data[pos] == '\r')) ++pos;
  if (pos >= end_) {
    position_ = pos;
    return false;
  }
  fields.resize(columns_);
  std::size_t count = 0;
  while (true) {
    if (count == columns_) return fail();  // more fields than the header
    std::string_view field;
    if (pos < size && data[pos] == '"') {
      const std::size_t first = ++pos;
      bool doubled = false;
      while (true) {
        const void* quote = std::memchr(data + pos, '"', size - pos);
        if (quote == nullptr) return fail();  // not closed before the end of the file
        pos = static_cast<std::size_t>(static_cast<const char*>(quote) - data);
        if (pos + 1 < size && data[pos + 1] == '"') {
          doubled = true;
          pos += 2;
          continue;
        }
        break;
      }
      field = std::string_view(data + first, pos - first);
      ++pos;  // the closing quote
      if (doubled && wanted_[count]) {
        std::string& unescaped = scratch_[count];
        unescaped.clear();
        for (std::size_t i = 0; i < field.size(); ++i) {
          unescaped.push_back(field[i]);
          if (field[i] == '"') ++i;  // the second of a doubled pair
        }
        field = unescaped;
      }
      if (pos < size && data[pos] != ',' && data[pos] != '\n' && data[pos] != '\r') return fail();
    } else {
      const std::size_t first = pos;
      pos = find_field_stop(data, pos, size);
      if (pos < size && data[pos] == '"') return fail();  // a quote inside an unquoted field
      field = std::string_view(data + first, pos - first);
    }
    fields[count++] = field;
    if (pos >= size) break;
    const char stop = data[pos];
    if (stop == ',') {
      ++pos;
      continue;
    }
    if (stop == '\r') ++pos;
    if (pos < size && data[pos] == '\n') ++pos;
    break;
  }
  if (count != columns_) return fail();
  position_ = pos;
  return true;
}

}  // namespace closeloop
