#pragma once
/// \file
/// Counts and rates on a dense grid of groups x periods. A group is any
/// combination of service_id, category, harm, service_type and region; every
/// group and every period in range appears, with zero counts where nothing
/// happened. Exposures (occupied bed days, doses, care hours, visits) are summed
/// over the group's services; rates are count / exposure x per. Counts and
/// exposures are sums, so grids of partitions merge by adding (merge()).
/// Definitions: docs/metrics.md.

#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "closeloop/core/enum_words.hpp"
#include "closeloop/metrics/calendar.hpp"
#include "closeloop/metrics/tables.hpp"

namespace closeloop::metrics {

/// What a grid groups by.
enum class GroupKey : std::uint8_t { service_id, category, harm, service_type, region };

/// The words of GroupKey.
inline constexpr EnumText<GroupKey, 5> kGroupKeyText{
    "group key",
    {{{GroupKey::service_id, "service_id"},
      {GroupKey::category, "category"},
      {GroupKey::harm, "harm"},
      {GroupKey::service_type, "service_type"},
      {GroupKey::region, "region"}}}};

/// "service_id", "category", "harm", "service_type", "region".
std::string_view to_string(GroupKey key) noexcept;
/// Parses a group key word; InputError listing the words otherwise.
GroupKey parse_group_key(std::string_view text);

/// count / exposure x per, or NaN without exposure: the one definition of a
/// rate, used by Grid::rates and the trend job.
[[nodiscard]] inline double rate_of(std::int64_t count, double exposure, double per) noexcept {
  return exposure > 0 ? static_cast<double>(count) / exposure * per
                      : std::numeric_limits<double>::quiet_NaN();
}

/// What to count and over which periods.
struct GridOptions {
  /// Group keys, each at most once; empty means one group (everything).
  std::vector<GroupKey> by;
  /// The period length.
  PeriodKind period = PeriodKind::month;
  /// First day of the range (default: the earliest incident or exposure month).
  std::optional<DayNumber> first;
  /// Last day of the range (default: the latest incident or end of the latest exposure month).
  std::optional<DayNumber> last;
  /// Exposure measures in order of preference: each service uses the first it
  /// has any exposure row for. Empty: counts only, no exposure.
  std::vector<Measure> measures;
  /// Count only incidents of these categories (empty: all).
  std::vector<std::string> categories;
  /// The rate multiplier (1000 for "per 1,000").
  double per = 1000.0;
};

/// A dense grid of counts and exposures, group-major: cell (g, p) is at
/// g * periods() + p.
struct Grid {
  /// The period length.
  PeriodKind period = PeriodKind::month;
  /// First day of each period, ascending and contiguous.
  std::vector<DayNumber> period_starts;
  /// The group keys, in the order asked for.
  std::vector<GroupKey> by;
  /// keys[k][g]: the text of key by[k] for group g.
  std::vector<std::vector<std::string>> keys;
  /// Incident counts per cell.
  std::vector<std::int64_t> counts;
  /// Exposure per cell (all zero when no measure was asked for).
  std::vector<double> exposure;
  /// Per group: the measure its services used, "mixed" if they used
  /// different ones, "" if none has exposure.
  std::vector<std::string> measure;
  /// The rate multiplier.
  double per = 1000.0;

  /// The number of groups.
  [[nodiscard]] std::size_t groups() const noexcept { return measure.size(); }
  /// The number of periods.
  [[nodiscard]] std::size_t periods() const noexcept { return period_starts.size(); }
  /// count / exposure x per for each cell; NaN where the exposure is 0.
  [[nodiscard]] std::vector<double> rates() const;
  /// The group's key texts joined with " / " (e.g. "S1 / fall"); "all" with no keys.
  [[nodiscard]] std::string label(std::size_t group) const;
  /// The index of the group with these key texts (one per key), if any.
  [[nodiscard]] std::optional<std::size_t> find_group(const std::vector<std::string>& key) const;
};

/// Counts `incidents` on a dense group x period grid, with exposures from
/// `exposure` when options.measures is not empty and service attributes from
/// `services` (required when grouping by service_type or region).
/// InputError for a missing table, an unknown category filter, a service
/// missing from `services`, or a range that ends before it starts.
Grid count_grid(const IncidentTable& incidents, const GridOptions& options,
                const ExposureTable* exposure = nullptr, const ServiceTable* services = nullptr);

/// Adds two grids of the same period kind, keys and multiplier, as the dense
/// grid count_grid would give for both inputs together: the groups are every
/// combination of the service-level key texts of either (sorted), the
/// categories of either (in order of first appearance, `a` before `b`) and the
/// harm levels; periods are the union of both ranges. Counts and exposures
/// add, so each incident and each exposure row must be in exactly one input.
/// A group's measure is the one its inputs name ("mixed" if they differ).
/// InputError if the grids are not compatible.
Grid merge(const Grid& a, const Grid& b);

/// Counts one partition of the incidents (a file, a chunk of a data frame)
/// for a distributed count (docs/scale.md): count_grid without exposure,
/// except that a category filter word the partition has never heard of
/// counts nothing instead of being an error. Partitions' grids add up with
/// merge() or combine_partitions(). InputError as count_grid otherwise.
Grid count_partition(const IncidentTable& partition, const GridOptions& options,
                     const ServiceTable* services = nullptr);

/// The grid count_grid(all incidents, options, exposure, services) gives,
/// from the partitions' grids (count_partition with the same options and
/// services, listed in partition order): their merge, plus the exposure of
/// each group and period, added once. Categories are those the partitions
/// counted. InputError if the grids disagree in period, keys or multiplier,
/// or for what count_grid refuses.
Grid combine_partitions(std::span<const Grid> partitions, const GridOptions& options,
                        const ExposureTable* exposure = nullptr,
                        const ServiceTable* services = nullptr);

}  // namespace closeloop::metrics

CLOSELOOP_ENUM_WORDS_INLINE(closeloop::metrics::GroupKey, closeloop::metrics::kGroupKeyText);
