#pragma once
/// \file
/// The columnar tables the metrics area computes on: incidents, exposure
/// (denominators) and services. Each is a structure of arrays with string
/// dictionaries; read from the interchange CSV files (docs/data-formats.md) or
/// built from caller-owned arrays without copying them.

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "closeloop/core/csv.hpp"
#include "closeloop/core/date.hpp"
#include "closeloop/core/enum_text.hpp"
#include "closeloop/core/enum_words.hpp"
#include "closeloop/core/enums.hpp"

namespace closeloop::metrics {

/// The day number the tables use for "no date" (an empty reported_at).
inline constexpr DayNumber kMissingDay = INT32_MIN;

/// A list of distinct strings with dense int32 codes (0, 1, ...) in the order
/// they were added, and a hash index from text to code.
class Dictionary {
 public:
  Dictionary() = default;
  /// A dictionary of `values`; InputError naming `what` if one repeats or is empty.
  Dictionary(std::vector<std::string> values, std::string_view what);
  /// The code of `value`, adding it first if it is new.
  std::int32_t intern(std::string_view value);
  /// The code of `value`, if present.
  [[nodiscard]] std::optional<std::int32_t> find(std::string_view value) const noexcept;
  /// The text of `code` (unchecked).
  [[nodiscard]] const std::string& operator[](std::int32_t code) const noexcept {
    return values_[static_cast<std::size_t>(code)];
  }
  /// The number of distinct values.
  [[nodiscard]] std::size_t size() const noexcept { return values_.size(); }
  /// All values, in code order.
  [[nodiscard]] const std::vector<std::string>& values() const noexcept { return values_; }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const noexcept {
      return std::hash<std::string_view>{}(text);
    }
  };
  std::vector<std::string> values_;
  std::unordered_map<std::string, std::int32_t, Hash, std::equal_to<>> index_;
};

/// Many short strings in one buffer (no allocation per string): string i is
/// data[offsets[i], offsets[i + 1]).
class StringColumn {
 public:
  StringColumn() { offsets_.push_back(0); }
  /// Appends one string.
  void push_back(std::string_view value) {
    data_.append(value);
    offsets_.push_back(data_.size());
  }
  /// The i-th string (unchecked).
  [[nodiscard]] std::string_view operator[](std::size_t i) const noexcept {
    return std::string_view(data_).substr(offsets_[i], offsets_[i + 1] - offsets_[i]);
  }
  /// The number of strings.
  [[nodiscard]] std::size_t size() const noexcept { return offsets_.size() - 1; }
  /// Reserves room for `count` strings of `bytes` characters in all.
  void reserve(std::size_t count, std::size_t bytes) {
    offsets_.reserve(count + 1);
    data_.reserve(bytes);
  }
  /// The index of the first string equal to an earlier one, if any.
  [[nodiscard]] std::optional<std::size_t> first_duplicate() const;

 private:
  std::string data_;
  std::vector<std::size_t> offsets_;
};

/// A column of incidents.csv that an IncidentTable can keep.
enum class IncidentColumn : std::uint8_t {
  incident_id,  ///< the ids (ids())
  service_id,   ///< service codes (service())
  occurred_at,  ///< the minute of the day (minute()); the day is always kept
  reported_at,  ///< report days (reported_day())
  category,     ///< category codes (category())
  harm,         ///< harm codes (harm())
};

/// The words of IncidentColumn: the CSV column names.
inline constexpr EnumText<IncidentColumn, 6> kIncidentColumnText{
    "incident column",
    {{{IncidentColumn::incident_id, "incident_id"},
      {IncidentColumn::service_id, "service_id"},
      {IncidentColumn::occurred_at, "occurred_at"},
      {IncidentColumn::reported_at, "reported_at"},
      {IncidentColumn::category, "category"},
      {IncidentColumn::harm, "harm"}}}};

/// The columns a reader keeps. Every required column of the file is checked
/// whatever is kept, so a file is read or refused the same way; what is not
/// kept is not held in memory.
class IncidentColumnSet {
 public:
  /// No column beyond the day.
  IncidentColumnSet() = default;
  /// Every column.
  [[nodiscard]] static IncidentColumnSet all() noexcept;
  /// The columns named (CSV column names); InputError for another word.
  [[nodiscard]] static IncidentColumnSet of(std::span<const std::string> names);
  /// Adds `column`; returns *this.
  IncidentColumnSet& add(IncidentColumn column) noexcept {
    bits_ = static_cast<std::uint8_t>(bits_ | bit(column));
    return *this;
  }
  /// Whether `column` is kept.
  [[nodiscard]] bool contains(IncidentColumn column) const noexcept {
    return (bits_ & bit(column)) != 0;
  }

 private:
  static constexpr std::uint8_t bit(IncidentColumn column) noexcept {
    return static_cast<std::uint8_t>(1U << static_cast<unsigned>(column));
  }
  std::uint8_t bits_ = 0;
};

/// Views of an incident table's numeric columns, all of the same length, for
/// IncidentTable::from_columns. The memory is the caller's.
struct IncidentColumns {
  /// Index into the services dictionary.
  std::span<const std::int32_t> service;
  /// Index into the categories dictionary.
  std::span<const std::int32_t> category;
  /// closeloop::Harm as its underlying value (0 none ... 4 fatal).
  std::span<const std::uint8_t> harm;
  /// Day the incident occurred (days since 1970-01-01).
  std::span<const DayNumber> day;
  /// Minute of the day it occurred, -1 when unknown; empty means all unknown.
  std::span<const std::int16_t> minute;
  /// Day it was reported, kMissingDay when not given; empty means none given.
  std::span<const DayNumber> reported_day;
};

/// An incident table's numeric columns as owned vectors: what a reader
/// builds, then hands to a table (directly, or through views() and
/// IncidentTable::from_columns with the vectors as the keeper).
struct IncidentColumnVectors {
  std::vector<std::int32_t> service;   ///< service codes
  std::vector<std::int32_t> category;  ///< category codes
  std::vector<std::uint8_t> harm;      ///< harm codes
  std::vector<DayNumber> day;          ///< day of occurrence
  std::vector<std::int16_t> minute;    ///< minute of the day, -1 unknown (or empty)
  std::vector<DayNumber> reported;     ///< report day, kMissingDay when not given (or empty)
  /// Views of the vectors, for IncidentTable::from_columns.
  [[nodiscard]] IncidentColumns views() const noexcept {
    return {service, category, harm, day, minute, reported};
  }
};

/// Incidents as columns: service, category, harm, day, minute of day, report
/// day and id, with dictionaries of service ids and categories. Immutable;
/// copies share the columns.
class IncidentTable {
 public:
  /// An empty table with the built-in categories as its category dictionary.
  IncidentTable();

  /// Reads incidents.csv (docs/data-formats.md). Categories must be in
  /// `categories`. Any bad row is a ParseError naming file, line and column,
  /// and nothing is returned.
  static IncidentTable read_csv(CsvReader reader, const CategorySet& categories = CategorySet());

  /// Wraps caller-owned columns without copying them. `keeper` is held for
  /// the table's lifetime (it owns the memory the spans point into). Codes
  /// are checked against the dictionaries, categories against `category_set`,
  /// harm against the harm levels, minutes against 0..1439, days and report
  /// days against kFirstDay..kLastDay (date_out_of_range's message, as every
  /// other entry point); `ids` may be
  /// empty (ids unknown) or hold one id per row, all distinct. InputError
  /// naming the first bad row otherwise.
  static IncidentTable from_columns(IncidentColumns columns, std::vector<std::string> services,
                                    std::vector<std::string> categories, StringColumn ids,
                                    std::shared_ptr<const void> keeper,
                                    const CategorySet& category_set = CategorySet());

  /// The number of incidents.
  [[nodiscard]] std::size_t size() const noexcept { return day_.size(); }
  /// Service codes (index into services()).
  [[nodiscard]] std::span<const std::int32_t> service() const noexcept { return service_; }
  /// Category codes (index into categories()).
  [[nodiscard]] std::span<const std::int32_t> category() const noexcept { return category_; }
  /// Harm codes (closeloop::Harm's underlying values).
  [[nodiscard]] std::span<const std::uint8_t> harm() const noexcept { return harm_; }
  /// Day numbers of occurrence.
  [[nodiscard]] std::span<const DayNumber> day() const noexcept { return day_; }
  /// Minutes of the day (-1 unknown); empty when no row has a time.
  [[nodiscard]] std::span<const std::int16_t> minute() const noexcept { return minute_; }
  /// Report day numbers (kMissingDay when not given); empty when none given.
  [[nodiscard]] std::span<const DayNumber> reported_day() const noexcept { return reported_; }
  /// Incident ids, one per row, or none.
  [[nodiscard]] const StringColumn& ids() const noexcept { return *ids_; }
  /// The service ids the service codes index.
  [[nodiscard]] const Dictionary& services() const noexcept { return *services_; }
  /// The categories the category codes index.
  [[nodiscard]] const Dictionary& categories() const noexcept { return *categories_; }
  /// The columns this table kept (all, unless read with a narrower set).
  [[nodiscard]] IncidentColumnSet kept() const noexcept { return kept_; }
  /// InputError naming `purpose` if `column` was not kept.
  void require(IncidentColumn column, std::string_view purpose) const;
  /// This table without the columns outside `columns` (shares the rest).
  [[nodiscard]] IncidentTable keep_only(IncidentColumnSet columns) const;
  /// The smallest and largest day, if any row.
  [[nodiscard]] std::optional<std::pair<DayNumber, DayNumber>> day_range() const noexcept;

  /// read_csv with room reserved for about `expected_rows` rows (0: none),
  /// as read_incidents does from the file's line count.
  static IncidentTable read_csv_reserved(CsvReader reader, const CategorySet& categories,
                                         std::size_t expected_rows);

 private:
  std::span<const std::int32_t> service_;
  std::span<const std::int32_t> category_;
  std::span<const std::uint8_t> harm_;
  std::span<const DayNumber> day_;
  std::span<const std::int16_t> minute_;
  std::span<const DayNumber> reported_;
  std::shared_ptr<const StringColumn> ids_;
  std::shared_ptr<const Dictionary> services_;
  std::shared_ptr<const Dictionary> categories_;
  std::shared_ptr<const void> keeper_;
  IncidentColumnSet kept_ = IncidentColumnSet::all();
  // A table over a reader's own columns and dictionaries (codes already valid).
  static IncidentTable adopt(std::shared_ptr<const IncidentColumnVectors> columns,
                             std::shared_ptr<const StringColumn> ids,
                             std::shared_ptr<const Dictionary> services,
                             std::shared_ptr<const Dictionary> categories, IncidentColumnSet kept);
  friend IncidentTable read_incidents(const std::string&, const CategorySet&, IncidentColumnSet);
};

/// Reads the incidents file at `path` as IncidentTable::read_csv does (the
/// same rows, codes and errors), keeping only `columns`. The file is memory
/// mapped and parsed in chunks on every core; a file with any problem is read
/// again by read_csv for its exact error (docs/performance.md).
IncidentTable read_incidents(const std::string& path, const CategorySet& categories = CategorySet(),
                             IncidentColumnSet columns = IncidentColumnSet::all());

/// The exposure measures (denominators of rates).
enum class Measure : std::uint8_t { occupied_bed_days, doses_administered, care_hours, visits };

/// The words of Measure.
inline constexpr EnumText<Measure, 4> kMeasureText{
    "exposure measure",
    {{{Measure::occupied_bed_days, "occupied_bed_days"},
      {Measure::doses_administered, "doses_administered"},
      {Measure::care_hours, "care_hours"},
      {Measure::visits, "visits"}}}};

/// "occupied_bed_days", "doses_administered", "care_hours", "visits".
std::string_view to_string(Measure measure) noexcept;
/// Parses a measure word; InputError listing the words otherwise.
Measure parse_measure(std::string_view text);
/// Reads the measure field of an exposure row (exposure.csv, the store's
/// import); InputError `unknown measure "T": expected occupied_bed_days,
/// doses_administered, care_hours or visits` otherwise.
Measure parse_exposure_measure(std::string_view text);

/// Monthly exposure per service and measure, as columns: service code,
/// month (day number of its first day), measure, value.
class ExposureTable {
 public:
  /// An empty table.
  ExposureTable() = default;
  /// Reads exposure.csv (docs/data-formats.md); ParseError naming file, line
  /// and column for any bad row, and nothing is returned.
  static ExposureTable read_csv(CsvReader reader);
  /// Builds a table from rows given as columns (copied). Months must be
  /// first days of months, values finite and >= 0, (service, month, measure)
  /// distinct; InputError naming the first bad row otherwise.
  static ExposureTable from_columns(std::vector<std::string> services,
                                    std::span<const std::int32_t> service,
                                    std::span<const DayNumber> month,
                                    std::span<const std::uint8_t> measure,
                                    std::span<const double> value);

  /// The number of rows.
  [[nodiscard]] std::size_t size() const noexcept { return value_.size(); }
  /// Service codes (index into services()).
  [[nodiscard]] std::span<const std::int32_t> service() const noexcept { return service_; }
  /// First day of each row's month.
  [[nodiscard]] std::span<const DayNumber> month() const noexcept { return month_; }
  /// Each row's measure (Measure's underlying value).
  [[nodiscard]] std::span<const std::uint8_t> measure() const noexcept { return measure_; }
  /// Each row's value.
  [[nodiscard]] std::span<const double> value() const noexcept { return value_; }
  /// The service ids the service codes index.
  [[nodiscard]] const Dictionary& services() const noexcept { return services_; }

 private:
  std::vector<std::int32_t> service_;
  std::vector<DayNumber> month_;
  std::vector<std::uint8_t> measure_;
  std::vector<double> value_;
  Dictionary services_;
};

/// Reads the exposure file at `path`.
ExposureTable read_exposure(const std::string& path);

/// Services and their attributes as columns: id, name, type, capacity
/// (-1 when not given), region.
class ServiceTable {
 public:
  /// An empty table.
  ServiceTable() = default;
  /// Reads services.csv (docs/data-formats.md); ParseError naming file,
  /// line and column for any bad row, and nothing is returned.
  static ServiceTable read_csv(CsvReader reader);
  /// Adds a service; DuplicateError if the id is taken, InputError if the id
  /// or type is empty or capacity < -1.
  void add(std::string_view id, std::string_view name, std::string_view type,
           std::int32_t capacity, std::string_view region);

  /// The number of services.
  [[nodiscard]] std::size_t size() const noexcept { return ids_.size(); }
  /// Service ids (code = row).
  [[nodiscard]] const Dictionary& ids() const noexcept { return ids_; }
  /// Names.
  [[nodiscard]] const std::vector<std::string>& names() const noexcept { return names_; }
  /// Types (residential, nursing, supported_living, domiciliary, day_service or other text).
  [[nodiscard]] const std::vector<std::string>& types() const noexcept { return types_; }
  /// Capacities (-1 when not given).
  [[nodiscard]] const std::vector<std::int32_t>& capacities() const noexcept { return capacity_; }
  /// Regions (may be empty text).
  [[nodiscard]] const std::vector<std::string>& regions() const noexcept { return regions_; }

 private:
  Dictionary ids_;
  std::vector<std::string> names_;
  std::vector<std::string> types_;
  std::vector<std::int32_t> capacity_;
  std::vector<std::string> regions_;
};

/// Reads the services file at `path`.
ServiceTable read_services(const std::string& path);

}  // namespace closeloop::metrics

CLOSELOOP_ENUM_WORDS_INLINE(closeloop::metrics::IncidentColumn, closeloop::metrics::kIncidentColumnText);
CLOSELOOP_ENUM_WORDS_INLINE(closeloop::metrics::Measure, closeloop::metrics::kMeasureText);
