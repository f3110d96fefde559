#include "closeloop/metrics/tables.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <utility>

#include "closeloop/core/error.hpp"
#include "closeloop/core/fields.hpp"
#include "closeloop/metrics/calendar.hpp"

namespace closeloop::metrics {

namespace {

std::string quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

// Runs a field parser of the core area (fields.hpp) and turns its InputError
// into the reader's ParseError at `column`.
template <class Parse>
auto at_field(const CsvReader& reader, const CsvRecord& record, std::size_t column, Parse parse)
    -> decltype(parse()) {
  try {
    return parse();
  } catch (const InputError& error) {
    throw reader.error_at(record, column, error.what());
  }
}

// Finds repeated strings of a StringColumn without an allocation per string:
// an open-addressing table of 8-byte slots (row + 1, and the hash's high 32
// bits as a tag), grown by doubling. The tag spares most string comparisons
// (each a cache miss into the column); small slots keep the table in cache
// longer. Rows are limited to 2^32 - 2.
class DuplicateIndex {
 public:
  explicit DuplicateIndex(const StringColumn& column, std::size_t expected = 0)
      : column_(column) {
    std::size_t size = std::size_t{1} << 12;
    while (size < expected * 2) size <<= 1;
    slots_.assign(size, Slot{});
  }
  // Inserts row `row`; returns the earlier row holding the same string, if any.
  std::optional<std::size_t> insert(std::size_t row) {
    if ((count_ + 1) * 2 > slots_.size()) grow();
    const std::string_view key = column_[row];
    const std::uint64_t hash = std::hash<std::string_view>{}(key);
    const auto tag = static_cast<std::uint32_t>(hash >> 32);
    const std::size_t mask = slots_.size() - 1;
    std::size_t slot = static_cast<std::size_t>(hash) & mask;
    while (slots_[slot].row != 0) {
      const Slot& other = slots_[slot];
      if (other.tag == tag && column_[other.row - 1] == key) return other.row - 1;
      slot = (slot + 1) & mask;
    }
    slots_[slot] = Slot{static_cast<std::uint32_t>(row + 1), tag};
    ++count_;
    return std::nullopt;
  }

 private:
  struct Slot {
    std::uint32_t row = 0;  // row + 1; 0 marks an empty slot
    std::uint32_t tag = 0;
  };
  void grow() {
    std::vector<Slot> old(slots_.size() * 2);
    old.swap(slots_);
    const std::size_t mask = slots_.size() - 1;
    for (const Slot& entry : old) {
      if (entry.row == 0) continue;
      // The position needs the hash's low bits, which the tag does not keep.
      std::size_t slot = std::hash<std::string_view>{}(column_[entry.row - 1]) & mask;
      while (slots_[slot].row != 0) slot = (slot + 1) & mask;
      slots_[slot] = entry;
    }
  }
  const StringColumn& column_;
  std::vector<Slot> slots_;
  std::size_t count_ = 0;
};


}  // namespace

Dictionary::Dictionary(std::vector<std::string> values, std::string_view what) {
  values_.reserve(values.size());
  for (auto& value : values) {
    if (value.empty()) throw InputError("empty " + std::string(what) + " in dictionary");
    if (index_.find(std::string_view(value)) != index_.end()) {
      throw InputError(std::string(what) + " " + quoted(value) + " appears twice in dictionary");
    }
    intern(value);
  }
}

std::int32_t Dictionary::intern(std::string_view value) {
  if (auto found = index_.find(value); found != index_.end()) return found->second;
  const auto code = static_cast<std::int32_t>(values_.size());
  values_.emplace_back(value);
  index_.emplace(values_.back(), code);
  return code;
}

std::optional<std::int32_t> Dictionary::find(std::string_view value) const noexcept {
  if (auto found = index_.find(value); found != index_.end()) return found->second;
  return std::nullopt;
}

std::optional<std::size_t> StringColumn::first_duplicate() const {
  DuplicateIndex index(*this);
  for (std::size_t i = 0; i < size(); ++i) {
    if (index.insert(i)) return i;
  }
  return std::nullopt;
}

IncidentTable::IncidentTable()
    : ids_(std::make_shared<StringColumn>()),
      services_(std::make_shared<Dictionary>()),
      categories_(std::make_shared<Dictionary>(CategorySet().all(), "category")) {}

IncidentColumnSet IncidentColumnSet::all() noexcept {
  IncidentColumnSet set;
  for (const auto& [column, word] : kIncidentColumnText.entries) set.add(column);
  return set;
}

IncidentColumnSet IncidentColumnSet::of(std::span<const std::string> names) {
  IncidentColumnSet set;
  for (const auto& name : names) set.add(kIncidentColumnText.parse(name));
  return set;
}

void IncidentTable::require(IncidentColumn column, std::string_view purpose) const {
  if (kept_.contains(column)) return;
  throw InputError(std::string(purpose) + " needs the " +
                   std::string(kIncidentColumnText.name(column)) +
                   " column, which this incident table was read without (add it to columns)");
}

IncidentTable IncidentTable::keep_only(IncidentColumnSet columns) const {
  IncidentTable out = *this;
  out.kept_ = columns;
  if (!columns.contains(IncidentColumn::incident_id)) out.ids_ = std::make_shared<StringColumn>();
  if (!columns.contains(IncidentColumn::service_id)) out.service_ = {};
  if (!columns.contains(IncidentColumn::occurred_at)) out.minute_ = {};
  if (!columns.contains(IncidentColumn::reported_at)) out.reported_ = {};
  if (!columns.contains(IncidentColumn::category)) out.category_ = {};
  if (!columns.contains(IncidentColumn::harm)) out.harm_ = {};
  return out;
}

std::optional<std::pair<DayNumber, DayNumber>> IncidentTable::day_range() const noexcept {
  if (day_.empty()) return std::nullopt;
  // A min and a max without branches, which the compiler vectorises
  // (minmax_element's compare-and-branch does not): a trend job reads the
  // range of every incident's day.
  DayNumber low = day_.front();
  DayNumber high = day_.front();
  for (const DayNumber day : day_) {
    low = std::min(low, day);
    high = std::max(high, day);
  }
  return std::make_pair(low, high);
}

IncidentTable IncidentTable::read_csv(CsvReader reader, const CategorySet& category_set) {
  return read_csv_reserved(std::move(reader), category_set, 0);
}

IncidentTable IncidentTable::read_csv_reserved(CsvReader reader, const CategorySet& category_set,
                                               std::size_t expected_rows) {
  const std::size_t c_id = reader.require_column("incident_id");
  const std::size_t c_service = reader.require_column("service_id");
  const std::size_t c_occurred = reader.require_column("occurred_at");
  const std::size_t c_category = reader.require_column("category");
  const std::size_t c_harm = reader.require_column("harm");
  const std::optional<std::size_t> c_reported = reader.find_column("reported_at");

  auto columns = std::make_shared<IncidentColumnVectors>();
  auto ids = std::make_shared<StringColumn>();
  auto services = std::make_shared<Dictionary>();
  auto categories = std::make_shared<Dictionary>(category_set.all(), "category");
  if (expected_rows > 0) {
    columns->service.reserve(expected_rows);
    columns->category.reserve(expected_rows);
    columns->harm.reserve(expected_rows);
    columns->day.reserve(expected_rows);
    columns->minute.reserve(expected_rows);
    columns->reported.reserve(expected_rows);
    ids->reserve(expected_rows, expected_rows * 12);
  }
  DuplicateIndex id_index(*ids, expected_rows);
  bool any_minute = false;
  bool any_reported = false;

  CsvRecord record;
  while (reader.next(record)) {
    const auto& f = record.fields;
    const std::string_view id = f[c_id];
    if (id.empty()) at_field(reader, record, c_id, [&] { return require_id(id, "incident id"); });
    ids->push_back(id);
    if (auto earlier = id_index.insert(ids->size() - 1)) {
      throw reader.error_at(record, c_id,
                            "duplicate incident id " + quoted(id) + " (first on data row " +
                                std::to_string(*earlier + 1) + ")");
    }
    const std::string_view service = f[c_service];
    if (service.empty()) {
      at_field(reader, record, c_service, [&] { return require_id(service, "service id"); });
    }
    columns->service.push_back(services->intern(service));

    DayNumber day = 0;
    int minute = -1;
    if (!try_parse_day_minute(f[c_occurred], day, minute)) {
      at_field(reader, record, c_occurred, [&] { parse_occurred_at(f[c_occurred], day, minute); });
    }
    columns->day.push_back(day);
    columns->minute.push_back(static_cast<std::int16_t>(minute));
    any_minute = any_minute || minute >= 0;

    DayNumber reported = kMissingDay;
    if (c_reported) {
      if (auto day_reported = at_field(reader, record, *c_reported, [&] {
            return check_reported_at(f[*c_reported], f[c_occurred], day);
          })) {
        reported = *day_reported;
        any_reported = true;
      }
    }
    columns->reported.push_back(reported);

    const auto category = categories->find(f[c_category]);
    if (!category) {
      std::string allowed;
      for (const auto& word : categories->values()) allowed += (allowed.empty() ? "" : ", ") + word;
      throw reader.error_at(record, c_category,
                            "unknown category " + quoted(f[c_category]) + ": expected one of " +
                                allowed);
    }
    columns->category.push_back(*category);

    const auto harm = find_harm(f[c_harm]);
    if (!harm) at_field(reader, record, c_harm, [&] { return parse_harm(f[c_harm]); });
    columns->harm.push_back(static_cast<std::uint8_t>(*harm));
  }
  if (!any_minute) columns->minute.clear();
  if (!any_reported) columns->reported.clear();
  return adopt(std::move(columns), std::move(ids), std::move(services), std::move(categories),
               IncidentColumnSet::all());
}

IncidentTable IncidentTable::adopt(std::shared_ptr<const IncidentColumnVectors> columns,
                                   std::shared_ptr<const StringColumn> ids,
                                   std::shared_ptr<const Dictionary> services,
                                   std::shared_ptr<const Dictionary> categories,
                                   IncidentColumnSet kept) {
  IncidentTable table;
  table.service_ = columns->service;
  table.category_ = columns->category;
  table.harm_ = columns->harm;
  table.day_ = columns->day;
  table.minute_ = columns->minute;
  table.reported_ = columns->reported;
  table.ids_ = std::move(ids);
  table.services_ = std::move(services);
  table.categories_ = std::move(categories);
  table.keeper_ = std::move(columns);
  table.kept_ = kept;
  return table;
}

IncidentTable IncidentTable::from_columns(IncidentColumns columns,
                                          std::vector<std::string> services,
                                          std::vector<std::string> categories, StringColumn ids,
                                          std::shared_ptr<const void> keeper,
                                          const CategorySet& category_set) {
  const std::size_t n = columns.day.size();
  auto check_length = [n](std::size_t length, const char* name, bool optional) {
    if (length != n && !(optional && length == 0)) {
      throw InputError(std::string("column ") + name + " has " + std::to_string(length) +
                       " rows, expected " + std::to_string(n) + " (as the day column)");
    }
  };
  check_length(columns.service.size(), "service", false);
  check_length(columns.category.size(), "category", false);
  check_length(columns.harm.size(), "harm", false);
  check_length(columns.minute.size(), "minute", true);
  check_length(columns.reported_day.size(), "reported_day", true);
  check_length(ids.size(), "incident_id", true);

  auto service_dictionary = std::make_shared<Dictionary>(std::move(services), "service id");
  auto category_dictionary = std::make_shared<Dictionary>(std::move(categories), "category");
  for (const auto& word : category_dictionary->values()) category_set.require(word);

  const auto n_services = static_cast<std::int32_t>(service_dictionary->size());
  const auto n_categories = static_cast<std::int32_t>(category_dictionary->size());
  auto row_error = [](std::size_t row, const std::string& what) {
    return InputError("row " + std::to_string(row) + ": " + what);
  };
  for (std::size_t i = 0; i < n; ++i) {
    if (columns.service[i] < 0 || columns.service[i] >= n_services) {
      throw row_error(i, "service code " + std::to_string(columns.service[i]) +
                             " outside the dictionary of " + std::to_string(n_services));
    }
    if (columns.category[i] < 0 || columns.category[i] >= n_categories) {
      throw row_error(i, "category code " + std::to_string(columns.category[i]) +
                             " outside the dictionary of " + std::to_string(n_categories));
    }
    if (columns.harm[i] > 4) {
      throw row_error(i, "harm code " + std::to_string(columns.harm[i]) + " is not 0..4");
    }
    if (!columns.minute.empty() && (columns.minute[i] < -1 || columns.minute[i] > 1439)) {
      throw row_error(i, "minute of day " + std::to_string(columns.minute[i]) +
                             " is not -1 (unknown) or 0..1439");
    }
    if (!is_supported_day(columns.day[i])) {
      require_supported_day(columns.day[i], "row " + std::to_string(i) + ":");
    }
    if (!columns.reported_day.empty() && columns.reported_day[i] != kMissingDay &&
        !is_supported_day(columns.reported_day[i])) {
      require_supported_day(columns.reported_day[i], "row " + std::to_string(i) + ": reported");
    }
    if (!columns.reported_day.empty() && columns.reported_day[i] != kMissingDay &&
        columns.reported_day[i] < columns.day[i]) {
      throw row_error(i, "reported day is before the day it occurred");
    }
  }
  if (auto duplicate = ids.first_duplicate()) {
    throw DuplicateError("row " + std::to_string(*duplicate) + ": duplicate incident id " +
                         quoted(ids[*duplicate]));
  }

  IncidentTable table;
  table.service_ = columns.service;
  table.category_ = columns.category;
  table.harm_ = columns.harm;
  table.day_ = columns.day;
  table.minute_ = columns.minute;
  table.reported_ = columns.reported_day;
  table.ids_ = std::make_shared<StringColumn>(std::move(ids));
  table.services_ = std::move(service_dictionary);
  table.categories_ = std::move(category_dictionary);
  table.keeper_ = std::move(keeper);
  return table;
}

std::string_view to_string(Measure measure) noexcept { return kMeasureText.name(measure); }

Measure parse_measure(std::string_view text) { return kMeasureText.parse(text); }

Measure parse_exposure_measure(std::string_view text) {
  if (const auto measure = kMeasureText.find(text)) return *measure;
  throw InputError("unknown measure " + quoted(text) +
                   ": expected occupied_bed_days, doses_administered, care_hours or visits");
}

namespace {

static_assert(kMeasureText.entries.size() <= 4, "exposure_key keeps a measure in two bits");

std::uint64_t exposure_key(std::int32_t service, DayNumber month, std::uint8_t measure) noexcept {
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(service)) << 34) |
         (static_cast<std::uint64_t>(static_cast<std::uint32_t>(month)) << 2) | measure;
}

// The line each exposure key was first read on: an open-addressing table of
// (key, line) slots grown by doubling, so a row costs no allocation (a
// node-based map spent most of a large file's reading in malloc). Line 0
// marks an empty slot; data lines start at 2.
class FirstLines {
 public:
  // The line `key` was first read on; or, for a new key, records `line` and
  // returns nullopt.
  std::optional<std::size_t> find_or_add(std::uint64_t key, std::size_t line) {
    if (2 * (used_ + 1) > slots_.size()) grow();
    Slot& slot = find(slots_, key);
    if (slot.line != 0) return slot.line;
    slot = {key, line};
    ++used_;
    return std::nullopt;
  }

 private:
  struct Slot {
    std::uint64_t key = 0;
    std::size_t line = 0;
  };
  static Slot& find(std::vector<Slot>& slots, std::uint64_t key) {
    const std::size_t mask = slots.size() - 1;
    std::uint64_t h = key * 0x9e3779b97f4a7c15ULL;  // Fibonacci hashing: high bits mixed
    std::size_t at = static_cast<std::size_t>(h ^ (h >> 29)) & mask;
    while (slots[at].line != 0 && slots[at].key != key) at = (at + 1) & mask;
    return slots[at];
  }
  void grow() {
    std::vector<Slot> bigger(std::max<std::size_t>(1024, 2 * slots_.size()));
    for (const Slot& slot : slots_) {
      if (slot.line != 0) find(bigger, slot.key) = slot;
    }
    slots_ = std::move(bigger);
  }
  std::vector<Slot> slots_;
  std::size_t used_ = 0;
};

}  // namespace

ExposureTable ExposureTable::read_csv(CsvReader reader) {
  const std::size_t c_service = reader.require_column("service_id");
  const std::size_t c_period = reader.require_column("period");
  const std::size_t c_measure = reader.require_column("measure");
  const std::size_t c_value = reader.require_column("value");
  ExposureTable table;
  FirstLines seen;
  CsvRecord record;
  while (reader.next(record)) {
    const auto& f = record.fields;
    const std::int32_t service = table.services_.intern(
        at_field(reader, record, c_service, [&] { return require_id(f[c_service], "service id"); }));
    const DayNumber month =
        at_field(reader, record, c_period, [&] { return parse_month_field(f[c_period]); });
    const Measure measure =
        at_field(reader, record, c_measure, [&] { return parse_exposure_measure(f[c_measure]); });
    const double value =
        at_field(reader, record, c_value, [&] { return parse_exposure_value(f[c_value]); });
    const auto code = static_cast<std::uint8_t>(measure);
    if (const auto first = seen.find_or_add(exposure_key(service, month, code), record.line)) {
      throw reader.error_at(record, c_service,
                            "duplicate exposure for service " + quoted(f[c_service]) + ", period " +
                                std::string(f[c_period]) + ", measure " +
                                std::string(f[c_measure]) + " (first on line " +
                                std::to_string(*first) + ")");
    }
    table.service_.push_back(service);
    table.month_.push_back(month);
    table.measure_.push_back(code);
    table.value_.push_back(value);
  }
  return table;
}

ExposureTable ExposureTable::from_columns(std::vector<std::string> services,
                                          std::span<const std::int32_t> service,
                                          std::span<const DayNumber> month,
                                          std::span<const std::uint8_t> measure,
                                          std::span<const double> value) {
  const std::size_t n = value.size();
  if (service.size() != n || month.size() != n || measure.size() != n) {
    throw InputError("exposure columns differ in length: service " +
                     std::to_string(service.size()) + ", month " + std::to_string(month.size()) +
                     ", measure " + std::to_string(measure.size()) + ", value " +
                     std::to_string(n));
  }
  ExposureTable table;
  table.services_ = Dictionary(std::move(services), "service id");
  const auto n_services = static_cast<std::int32_t>(table.services_.size());
  FirstLines seen;
  for (std::size_t i = 0; i < n; ++i) {
    // Rows are numbered in messages only, so the text is made only for one.
    const auto row = [i] { return "exposure row " + std::to_string(i) + ": "; };
    if (service[i] < 0 || service[i] >= n_services) {
      throw InputError(row() + "service code " + std::to_string(service[i]) +
                       " outside the dictionary");
    }
    if (!is_supported_day(month[i])) require_supported_day(month[i], row() + "month");
    if (civil_from_days(month[i]).day != 1) {
      throw InputError(row() + "month " + to_iso(from_day_number(month[i])) +
                       " is not the first day of a month");
    }
    if (measure[i] > 3) throw InputError(row() + "measure code " + std::to_string(measure[i]) + " is not 0..3");
    if (!std::isfinite(value[i]) || value[i] < 0) {
      throw InputError(row() + "value " + std::to_string(value[i]) + " is not a finite number >= 0");
    }
    if (seen.find_or_add(exposure_key(service[i], month[i], measure[i]), i + 1)) {
      throw DuplicateError(row() + "duplicate exposure for service \"" +
                           table.services_[service[i]] + "\", month " +
                           to_iso(from_day_number(month[i])).substr(0, 7) + ", measure " +
                           std::string(to_string(static_cast<Measure>(measure[i]))));
    }
  }
  table.service_.assign(service.begin(), service.end());
  table.month_.assign(month.begin(), month.end());
  table.measure_.assign(measure.begin(), measure.end());
  table.value_.assign(value.begin(), value.end());
  return table;
}

ExposureTable read_exposure(const std::string& path) {
  return ExposureTable::read_csv(CsvReader::from_file(path));
}

void ServiceTable::add(std::string_view id, std::string_view name, std::string_view type,
                       std::int32_t capacity, std::string_view region) {
  if (id.empty()) throw InputError("empty service id");
  if (type.empty()) throw InputError("service " + quoted(id) + ": empty type");
  if (capacity < -1) {
    throw InputError("service " + quoted(id) + ": capacity " + std::to_string(capacity) +
                     " is negative");
  }
  if (ids_.find(id)) throw DuplicateError("duplicate service id " + quoted(id));
  ids_.intern(id);
  names_.emplace_back(name);
  types_.emplace_back(type);
  capacity_.push_back(capacity);
  regions_.emplace_back(region);
}

ServiceTable ServiceTable::read_csv(CsvReader reader) {
  const std::size_t c_id = reader.require_column("service_id");
  const std::size_t c_name = reader.require_column("name");
  const std::size_t c_type = reader.require_column("type");
  const std::size_t c_capacity = reader.require_column("capacity");
  const std::size_t c_region = reader.require_column("region");
  ServiceTable table;
  CsvRecord record;
  while (reader.next(record)) {
    const auto& f = record.fields;
    if (f[c_id].empty()) throw reader.error_at(record, c_id, "empty service id");
    if (table.ids_.find(f[c_id])) {
      throw reader.error_at(record, c_id, "duplicate service id " + quoted(f[c_id]));
    }
    if (f[c_name].empty()) throw reader.error_at(record, c_name, "empty service name");
    if (f[c_type].empty()) throw reader.error_at(record, c_type, "empty service type");
    // -1 marks an unknown capacity in the table's column.
    const auto capacity =
        at_field(reader, record, c_capacity, [&] { return parse_capacity(f[c_capacity]); });
    table.add(f[c_id], f[c_name], f[c_type], capacity.value_or(-1), f[c_region]);
  }
  return table;
}

ServiceTable read_services(const std::string& path) {
  return ServiceTable::read_csv(CsvReader::from_file(path));
}

}  // namespace closeloop::metrics
