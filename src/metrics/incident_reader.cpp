// read_incidents: incidents.csv memory mapped and parsed in chunks, one per
// core, into the columns asked for. The rows, codes and accepted files are
// IncidentTable::read_csv's; any problem sends the file to read_csv for its
// exact error (docs/performance.md, "Reading").
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "closeloop/core/csv.hpp"
#include "closeloop/core/csv_chunks.hpp"
#include "closeloop/core/date.hpp"
#include "closeloop/core/error.hpp"
#include "closeloop/core/memory.hpp"
#include "closeloop/core/parallel.hpp"
#include "closeloop/metrics/tables.hpp"

namespace closeloop::metrics {

namespace {

// The bytes scanned between UTF-8 checks and page releases, and mapped ahead.
constexpr std::size_t kBlock = std::size_t{1} << 20;
constexpr std::size_t kAhead = std::size_t{4} << 20;
// Files smaller than this are read in one chunk.
constexpr std::size_t kMinChunkBytes = std::size_t{4} << 20;

struct ColumnIndex {
  std::size_t id, service, occurred, category, harm;
  std::optional<std::size_t> reported;
  std::size_t count;
};

// A category word and its code, compared by length first: the few category
// words are found faster than through a hash.
struct Word {
  std::string_view text;
  std::int32_t code;
};

// A chunk's service dictionary behind an open-addressing index of hashes:
// one hash and, mostly, one comparison per row.
class LocalCodes {
 public:
  LocalCodes() : slots_(kInitialSlots) {}
  std::int32_t code_of(std::string_view text) {
    const std::uint64_t hash = std::hash<std::string_view>{}(text);
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.code < 0) break;
      if (slot.hash == hash && dictionary_[slot.code] == text) return slot.code;
    }
    const std::int32_t code = dictionary_.intern(text);
    if ((dictionary_.size() + 1) * 2 > slots_.size()) grow();
    mask = slots_.size() - 1;
    std::size_t i = hash & mask;
    while (slots_[i].code >= 0) i = (i + 1) & mask;
    slots_[i] = Slot{hash, code};
    return code;
  }
  [[nodiscard]] const Dictionary& dictionary() const noexcept { return dictionary_; }

 private:
  static constexpr std::size_t kInitialSlots = 1024;
  struct Slot {
    std::uint64_t hash = 0;
    std::int32_t code = -1;
  };
  void grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& slot : old) {
      if (slot.code < 0) continue;
      std::size_t i = slot.hash & mask;
      while (slots_[i].code >= 0) i = (i + 1) & mask;
      slots_[i] = slot;
    }
  }
  std::vector<Slot> slots_;
  Dictionary dictionary_;
};

// One chunk's rows: the kept columns, the service codes of a chunk-local
// dictionary (remapped when the chunks are joined), a 64-bit hash of each id
// for the duplicate check, and where its last record ended.
struct Chunk {
  IncidentColumnVectors columns;
  std::vector<std::uint64_t> id_hash;
  StringColumn ids;
  LocalCodes services;
  std::size_t end = 0;
  bool any_minute = false;
  bool any_reported = false;
  bool failed = false;
};

std::optional<std::int32_t> find_word(const std::vector<Word>& words, std::string_view text) {
  for (const Word& word : words) {
    if (word.text.size() == text.size() && word.text == text) return word.code;
  }
  return std::nullopt;
}

// Parses the rows that start in [begin, end) (the last may run past end).
// Returns with chunk.failed set at the first row read_csv would refuse.
void parse_chunk(const MappedFile& file, std::size_t begin, std::size_t end, const ColumnIndex& c,
                 const std::vector<Word>& categories, IncidentColumnSet keep,
                 std::size_t expected_rows, Chunk& chunk) {
  const std::string_view text = file.text();
  const bool keep_id = keep.contains(IncidentColumn::incident_id);
  const bool keep_service = keep.contains(IncidentColumn::service_id);
  const bool keep_minute = keep.contains(IncidentColumn::occurred_at);
  const bool keep_reported = keep.contains(IncidentColumn::reported_at);
  const bool keep_category = keep.contains(IncidentColumn::category);
  const bool keep_harm = keep.contains(IncidentColumn::harm);
  IncidentColumnVectors& out = chunk.columns;
  // Reserved, not touched: pages never written are never resident.
  reserve_large(out.day, expected_rows);
  reserve_large(chunk.id_hash, expected_rows);
  if (keep_service) reserve_large(out.service, expected_rows);
  if (keep_category) reserve_large(out.category, expected_rows);
  if (keep_harm) reserve_large(out.harm, expected_rows);
  if (keep_minute) reserve_large(out.minute, expected_rows);
  if (keep_reported) reserve_large(out.reported, expected_rows);

  std::vector<bool> wanted(c.count, false);
  for (const std::size_t column : {c.id, c.service, c.occurred, c.category, c.harm})
    wanted[column] = true;
  if (c.reported) wanted[*c.reported] = true;
  CsvChunkScanner scanner(text, begin, end, c.count, std::move(wanted));
  std::vector<std::string_view> f;
  std::size_t checked = begin;  // UTF-8 checked and pages released up to here
  std::size_t mapped = begin;   // pages mapped ahead up to here
  file.populate(mapped, mapped + kAhead);
  mapped += kAhead;
  std::int32_t last_service = -1;
  std::string last_service_text;
  auto fail = [&chunk] { chunk.failed = true; };
  while (scanner.next(f)) {
    const std::string_view id = f[c.id];
    if (id.empty()) return fail();
    chunk.id_hash.push_back(std::hash<std::string_view>{}(id));
    if (keep_id) chunk.ids.push_back(id);

    const std::string_view service = f[c.service];
    if (service.empty()) return fail();
    if (keep_service) {
      // Exports often list a service's incidents together.
      if (last_service < 0 || service != last_service_text) {
        last_service = chunk.services.code_of(service);
        last_service_text.assign(service);
      }
      out.service.push_back(last_service);
    }

    DayNumber day = 0;
    int minute = -1;
    if (!try_parse_day_minute(f[c.occurred], day, minute)) return fail();
    out.day.push_back(day);
    chunk.any_minute = chunk.any_minute || minute >= 0;
    if (keep_minute) out.minute.push_back(static_cast<std::int16_t>(minute));

    DayNumber reported = kMissingDay;
    if (c.reported) {
      const std::string_view reported_text = f[*c.reported];
      if (!reported_text.empty()) {
        try {
          if (auto day_reported = check_reported_at(reported_text, f[c.occurred], day)) {
            reported = *day_reported;
          }
        } catch (const InputError&) {
          return fail();
        }
      }
    }
    chunk.any_reported = chunk.any_reported || reported != kMissingDay;
    if (keep_reported) out.reported.push_back(reported);

    const auto category = find_word(categories, f[c.category]);
    if (!category) return fail();
    if (keep_category) out.category.push_back(*category);

    const auto harm = find_harm(f[c.harm]);
    if (!harm) return fail();
    if (keep_harm) out.harm.push_back(static_cast<std::uint8_t>(*harm));

    const std::size_t reached = scanner.position();
    if (reached - checked >= kBlock) {
      if (invalid_utf8_at(text.substr(checked, reached - checked)) != std::string_view::npos) {
        return fail();
      }
      file.release(checked, reached);
      checked = reached;
      if (mapped < reached + kAhead / 2) {
        file.populate(mapped, mapped + kAhead);
        mapped += kAhead;
      }
    }
  }
  if (scanner.failed()) return fail();
  chunk.end = scanner.position();
  if (invalid_utf8_at(text.substr(checked, chunk.end - checked)) != std::string_view::npos) {
    return fail();
  }
  file.release(checked, chunk.end);
}

// Sorts uniformly distributed hashes in place: American flag sort on one
// byte, most significant first, each bucket on the next byte, until buckets
// are small enough for std::sort (they then fit in the first-level cache).
void sort_hashes(std::uint64_t* first, std::uint64_t* last, int shift) {
  constexpr std::ptrdiff_t kSmall = 256;
  if (last - first <= kSmall || shift < 0) {
    std::sort(first, last);
    return;
  }
  auto digit = [shift](std::uint64_t value) { return (value >> shift) & 0xFFU; };
  std::array<std::size_t, 257> start{};
  for (const std::uint64_t* h = first; h != last; ++h) ++start[digit(*h) + 1];
  for (std::size_t b = 1; b <= 256; ++b) start[b] += start[b - 1];
  std::array<std::size_t, 256> next{};
  std::copy(start.begin(), start.end() - 1, next.begin());
  for (std::size_t b = 0; b < 256; ++b) {
    while (next[b] < start[b + 1]) {
      std::uint64_t value = first[next[b]];
      std::size_t home = digit(value);
      while (home != b) {
        std::swap(value, first[next[home]++]);
        home = digit(value);
      }
      first[next[b]++] = value;
    }
  }
  for (std::size_t b = 0; b < 256; ++b) {
    sort_hashes(first + start[b], first + start[b + 1], shift - 8);
  }
}

void sort_hashes(std::vector<std::uint64_t>& hashes) {
  sort_hashes(hashes.data(), hashes.data() + hashes.size(), 56);
}

bool has_adjacent_equal(const std::vector<std::uint64_t>& sorted) {
  return std::adjacent_find(sorted.begin(), sorted.end()) != sorted.end();
}

// Whether any hash occurs in two of the sorted runs: a merge walk, no copies.
bool runs_share_a_value(const std::vector<Chunk>& chunks) {
  std::vector<std::size_t> at(chunks.size(), 0);
  std::optional<std::uint64_t> previous;
  while (true) {
    std::size_t best = chunks.size();
    for (std::size_t k = 0; k < chunks.size(); ++k) {
      if (at[k] == chunks[k].id_hash.size()) continue;
      if (best == chunks.size() || chunks[k].id_hash[at[k]] < chunks[best].id_hash[at[best]]) {
        best = k;
      }
    }
    if (best == chunks.size()) return false;
    const std::uint64_t value = chunks[best].id_hash[at[best]++];
    if (previous && *previous == value) return true;
    previous = value;
  }
}

// Joins the chunks' column `member` into one vector, freeing each chunk's as
// it goes; `map` rewrites each value (the service codes' remapping).
template <class T, class Map>
std::vector<T> join(std::vector<Chunk>& chunks, std::vector<T> IncidentColumnVectors::*member,
                    Map map) {
  // One chunk: its column is the table's (its codes are already the file's).
  if (chunks.size() == 1) return std::move(chunks.front().columns.*member);
  std::size_t total = 0;
  for (const Chunk& chunk : chunks) total += (chunk.columns.*member).size();
  std::vector<T> out;
  reserve_large(out, total);
  out.resize(total);
  std::vector<std::size_t> offset(chunks.size() + 1, 0);
  for (std::size_t k = 0; k < chunks.size(); ++k) {
    offset[k + 1] = offset[k] + (chunks[k].columns.*member).size();
  }
  in_parallel(chunks.size(), [&](std::size_t k) {
    std::vector<T>& part = chunks[k].columns.*member;
    std::transform(part.begin(), part.end(), out.begin() + static_cast<std::ptrdiff_t>(offset[k]),
                   [&](T value) { return map(k, value); });
    std::vector<T>().swap(part);
  });
  return out;
}

}  // namespace

IncidentTable read_incidents(const std::string& path, const CategorySet& category_set,
                             IncidentColumnSet keep) {
  // Every problem (bad row, broken quoting, duplicate id) is explained by the
  // sequential reader: the one place its messages are written.
  auto read_sequentially = [&] {
    return IncidentTable::read_csv(CsvReader::from_file(path), category_set).keep_only(keep);
  };
  const MappedFile file(path);
  const std::string_view text = file.text();

  // The header: its record's end, then CsvReader's own header checks.
  std::size_t data_begin = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;
  {
    // A header has at most as many fields as it has commas plus one.
    const std::size_t line_end = std::min(text.find('\n', data_begin), text.size());
    const auto commas = static_cast<std::size_t>(
        std::count(text.begin() + static_cast<std::ptrdiff_t>(data_begin),
                   text.begin() + static_cast<std::ptrdiff_t>(line_end), ','));
    CsvChunkScanner header(text, data_begin, text.size(), commas + 1);
    std::vector<std::string_view> fields;
    if (!header.next(fields)) return read_sequentially();
    data_begin = header.position();
  }
  ColumnIndex c{};
  try {
    const CsvReader header = CsvReader::from_string(std::string(text.substr(0, data_begin)), path);
    c.id = header.require_column("incident_id");
    c.service = header.require_column("service_id");
    c.occurred = header.require_column("occurred_at");
    c.category = header.require_column("category");
    c.harm = header.require_column("harm");
    c.reported = header.find_column("reported_at");
    c.count = header.header().size();
  } catch (const Error&) {
    return read_sequentially();
  }

  auto categories = std::make_shared<Dictionary>(category_set.all(), "category");
  std::vector<Word> category_words;
  for (std::size_t i = 0; i < categories->size(); ++i) {
    const auto code = static_cast<std::int32_t>(i);
    category_words.push_back({(*categories)[code], code});
  }

  const std::size_t parts = share_count(text.size() - data_begin, kMinChunkBytes);
  const std::vector<std::size_t> starts = guess_csv_chunks(text, data_begin, parts);
  const std::size_t n_chunks = starts.size() - 1;
  // Rows expected per chunk, from the first data line's length (an over-
  // estimate costs address space only: reserved pages are not resident).
  const std::size_t first_line =
      std::max<std::size_t>(16, std::min(text.find('\n', data_begin), text.size()) - data_begin);
  auto expected_rows = [&](std::size_t bytes) { return bytes / (first_line / 2) + 64; };
  std::vector<Chunk> chunks(n_chunks);
  auto parse = [&](std::size_t k, std::size_t begin) {
    chunks[k] = Chunk{};
    parse_chunk(file, begin, starts[k + 1], c, category_words, keep,
                expected_rows(starts[k + 1] - std::min(begin, starts[k + 1])), chunks[k]);
  };
  in_parallel(n_chunks, [&](std::size_t k) { parse(k, starts[k]); });
  // A guessed start inside a quoted field: the chunk before ran past it, and
  // the chunk is read again from where that one really ended.
  for (std::size_t k = 1; k < n_chunks; ++k) {
    if (chunks[k - 1].failed) break;
    if (chunks[k - 1].end != starts[k]) parse(k, chunks[k - 1].end);
  }
  if (std::none_of(chunks.begin(), chunks.end(), [](const Chunk& k) { return k.failed; })) {
    in_parallel(n_chunks, [&](std::size_t k) {
      sort_hashes(chunks[k].id_hash);
      chunks[k].failed = has_adjacent_equal(chunks[k].id_hash);
    });
  }
  // A repeated id (or, once in billions of files, two ids with one hash) is
  // settled by the sequential reader.
  if (std::any_of(chunks.begin(), chunks.end(), [](const Chunk& k) { return k.failed; }) ||
      runs_share_a_value(chunks)) {
    return read_sequentially();
  }
  for (Chunk& chunk : chunks) std::vector<std::uint64_t>().swap(chunk.id_hash);

  // Service codes in order of first appearance over the whole file, as
  // read_csv gives them: the chunks' dictionaries merged in chunk order.
  auto services = std::make_shared<Dictionary>();
  std::vector<std::vector<std::int32_t>> remap(n_chunks);
  for (std::size_t k = 0; k < n_chunks; ++k) {
    for (const auto& value : chunks[k].services.dictionary().values()) {
      remap[k].push_back(services->intern(value));
    }
  }
  bool any_minute = false;
  bool any_reported = false;
  for (const Chunk& chunk : chunks) {
    any_minute = any_minute || chunk.any_minute;
    any_reported = any_reported || chunk.any_reported;
  }

  auto columns = std::make_shared<IncidentColumnVectors>();
  auto same = [](std::size_t, auto value) { return value; };
  columns->day = join(chunks, &IncidentColumnVectors::day, same);
  columns->service = join(
      chunks, &IncidentColumnVectors::service,
      [&](std::size_t k, std::int32_t code) { return remap[k][static_cast<std::size_t>(code)]; });
  columns->category = join(chunks, &IncidentColumnVectors::category, same);
  columns->harm = join(chunks, &IncidentColumnVectors::harm, same);
  columns->minute = join(chunks, &IncidentColumnVectors::minute, same);
  columns->reported = join(chunks, &IncidentColumnVectors::reported, same);
  if (!any_minute) std::vector<std::int16_t>().swap(columns->minute);
  if (!any_reported) std::vector<DayNumber>().swap(columns->reported);
  auto ids = std::make_shared<StringColumn>();
  if (keep.contains(IncidentColumn::incident_id)) {
    for (Chunk& chunk : chunks) {
      for (std::size_t i = 0; i < chunk.ids.size(); ++i) ids->push_back(chunk.ids[i]);
      chunk.ids = StringColumn();
    }
  }

  return IncidentTable::adopt(std::move(columns), std::move(ids), std::move(services),
                              std::move(categories), keep);
}

}  // namespace closeloop::metrics
