#include "closeloop/metrics/grid.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <numeric>
#include <unordered_map>
#include <utility>

#include "closeloop/core/error.hpp"
#include "closeloop/core/memory.hpp"
#include "closeloop/core/parallel.hpp"

namespace closeloop::metrics {

std::string_view to_string(GroupKey key) noexcept { return kGroupKeyText.name(key); }

GroupKey parse_group_key(std::string_view text) { return kGroupKeyText.parse(text); }

std::vector<double> Grid::rates() const {
  std::vector<double> out(counts.size());
  for (std::size_t i = 0; i < counts.size(); ++i) out[i] = rate_of(counts[i], exposure[i], per);
  return out;
}

std::string Grid::label(std::size_t group) const {
  if (keys.empty()) return "all";
  std::string out;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    if (k > 0) out += " / ";
    out += keys[k][group];
  }
  return out;
}

std::optional<std::size_t> Grid::find_group(const std::vector<std::string>& key) const {
  if (key.size() != keys.size()) return std::nullopt;
  for (std::size_t g = 0; g < groups(); ++g) {
    bool match = true;
    for (std::size_t k = 0; k < keys.size() && match; ++k) match = keys[k][g] == key[k];
    if (match) return g;
  }
  return std::nullopt;
}

namespace {

// Below about a million rows one thread counts sooner than two start.
constexpr std::size_t kRowsPerShare = std::size_t{1} << 20;

bool is_service_level(GroupKey key) noexcept {
  return key == GroupKey::service_id || key == GroupKey::service_type ||
         key == GroupKey::region;
}

// The harm words come from the harm's one word table, in the enum's order, so
// a harm's position in a grid is its value.
const auto& kHarmWords = words_of<Harm>().entries;

// The position of a harm key text in the harm word table.
std::size_t harm_index(std::string_view word) {
  const std::optional<Harm> harm = find_word<Harm>(word);
  if (!harm) throw InputError("unknown harm level \"" + std::string(word) + "\" in a grid");
  return static_cast<std::size_t>(*harm);
}

// count_grid, and count_partition when `partition` is set (a category filter
// word the partition lacks then counts nothing).
Grid count_grid_of(const IncidentTable& incidents, const GridOptions& options,
                   const ExposureTable* exposure, const ServiceTable* services, bool partition) {
  // Check the options before any work.
  bool by_category = false;
  bool by_harm = false;
  std::vector<GroupKey> service_keys;
  for (std::size_t i = 0; i < options.by.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (options.by[i] == options.by[j]) {
        throw InputError("group key \"" + std::string(to_string(options.by[i])) +
                         "\" given twice");
      }
    }
    if (options.by[i] == GroupKey::category) by_category = true;
    if (options.by[i] == GroupKey::harm) by_harm = true;
    if (is_service_level(options.by[i])) service_keys.push_back(options.by[i]);
    if ((options.by[i] == GroupKey::service_type || options.by[i] == GroupKey::region) &&
        services == nullptr) {
      throw InputError("grouping by " + std::string(to_string(options.by[i])) +
                       " needs a service table");
    }
  }
  // Counting reads every incident's service and category (and harm by harm).
  incidents.require(IncidentColumn::service_id, "a count grid");
  incidents.require(IncidentColumn::category, "a count grid");
  if (by_harm) incidents.require(IncidentColumn::harm, "grouping by harm");
  const bool with_exposure = !options.measures.empty();
  if (with_exposure && exposure == nullptr) {
    throw InputError("exposure measures were asked for but no exposure table was given");
  }
  if (!(options.per > 0) || !std::isfinite(options.per)) {
    throw InputError("rate multiplier must be a positive number, got " + std::to_string(options.per));
  }

  // Category filter and domain, in dictionary order.
  const Dictionary& category_dictionary = incidents.categories();
  std::vector<char> category_wanted(category_dictionary.size(), options.categories.empty() ? 1 : 0);
  for (const auto& word : options.categories) {
    const auto code = category_dictionary.find(word);
    if (!code && partition) continue;
    if (!code) {
      throw InputError("category filter \"" + word + "\" is not among the incidents' categories");
    }
    category_wanted[static_cast<std::size_t>(*code)] = 1;
  }
  std::vector<std::int32_t> category_index(category_dictionary.size(), -1);
  std::vector<std::string> category_domain;
  for (std::size_t c = 0; c < category_dictionary.size(); ++c) {
    if (!category_wanted[c]) continue;
    category_index[c] = by_category ? static_cast<std::int32_t>(category_domain.size()) : 0;
    if (by_category) category_domain.push_back(category_dictionary[static_cast<std::int32_t>(c)]);
  }
  const std::size_t n_categories = by_category ? category_domain.size() : 1;
  const std::size_t n_harms = by_harm ? kHarmWords.size() : 1;

  // The service universe: every service named by the incidents, the exposure
  // (when used) or the service table, so that services with nothing to count
  // still appear with zeros.
  Dictionary universe;
  for (const auto& id : incidents.services().values()) universe.intern(id);
  if (with_exposure) {
    for (const auto& id : exposure->services().values()) universe.intern(id);
  }
  if (services != nullptr) {
    for (const auto& id : services->ids().values()) universe.intern(id);
  }

  // Each universe service's tuple of service-level key texts; tuples sorted.
  std::vector<std::vector<std::string>> tuple_of(universe.size());
  for (std::size_t s = 0; s < universe.size(); ++s) {
    const std::string& id = universe[static_cast<std::int32_t>(s)];
    std::optional<std::int32_t> row;
    if (services != nullptr) row = services->ids().find(id);
    for (GroupKey key : service_keys) {
      if (key == GroupKey::service_id) {
        tuple_of[s].push_back(id);
        continue;
      }
      if (!row) {
        throw InputError("service \"" + id + "\" is not in the service table, so its " +
                         std::string(to_string(key)) + " is unknown");
      }
      const auto r = static_cast<std::size_t>(*row);
      tuple_of[s].push_back(key == GroupKey::service_type ? services->types()[r]
                                                          : services->regions()[r]);
    }
  }
  // Without service-level keys there is one tuple (every service); with them
  // and no service at all there is none.
  std::map<std::vector<std::string>, std::int32_t> tuples;
  if (service_keys.empty()) {
    tuples.emplace(std::vector<std::string>{}, 0);
  } else {
    for (const auto& tuple : tuple_of) tuples.emplace(tuple, 0);
  }
  {
    std::int32_t next = 0;
    for (auto& [tuple, index] : tuples) index = next++;
  }
  std::vector<std::int32_t> universe_tuple(universe.size());
  for (std::size_t s = 0; s < universe.size(); ++s) universe_tuple[s] = tuples.at(tuple_of[s]);
  const std::size_t n_tuples = tuples.size();

  // Which measure each exposure service uses: the first listed that it has.
  std::vector<std::int32_t> exposure_tuple;
  std::vector<int> chosen_measure;
  if (with_exposure) {
    const auto n_exposure_services = exposure->services().size();
    exposure_tuple.reserve(n_exposure_services);
    for (std::size_t s = 0; s < n_exposure_services; ++s) {
      exposure_tuple.push_back(universe_tuple[static_cast<std::size_t>(
          *universe.find(exposure->services()[static_cast<std::int32_t>(s)]))]);
    }
    std::vector<int> rank_of_measure(4, -1);
    for (std::size_t m = 0; m < options.measures.size(); ++m) {
      auto& rank = rank_of_measure[static_cast<std::size_t>(options.measures[m])];
      if (rank < 0) rank = static_cast<int>(m);
    }
    chosen_measure.assign(n_exposure_services, std::numeric_limits<int>::max());
    for (std::size_t i = 0; i < exposure->size(); ++i) {
      const int rank = rank_of_measure[exposure->measure()[i]];
      auto& chosen = chosen_measure[static_cast<std::size_t>(exposure->service()[i])];
      if (rank >= 0 && rank < chosen) chosen = rank;
    }
  }

  // The range: given, or the span of the data.
  DayNumber first = std::numeric_limits<DayNumber>::max();
  DayNumber last = std::numeric_limits<DayNumber>::min();
  if (auto range = incidents.day_range()) {
    first = range->first;
    last = range->second;
  }
  if (with_exposure && exposure->size() > 0) {
    const auto months = exposure->month();
    const auto [low, high] = std::minmax_element(months.begin(), months.end());
    first = std::min(first, *low);
    last = std::max(last, next_period_start(PeriodKind::month, *high) - 1);
  }
  if (options.first) first = *options.first;
  if (options.last) last = *options.last;
  Calendar calendar;
  if (options.first || options.last || first <= last) {
    if (first > last && !(options.first && options.last)) {
      // One end given, no data on the other side: a one-period range.
      if (options.first) last = first;
      else first = last;
    }
    calendar = Calendar(options.period, first, last);
  }
  const std::size_t n_periods = calendar.size();

  Grid grid;
  grid.period = options.period;
  grid.period_starts = calendar.starts();
  grid.by = options.by;
  grid.per = options.per;
  const std::size_t n_groups = n_tuples * n_categories * n_harms;
  reserve_large(grid.counts, n_groups * n_periods);
  grid.counts.assign(n_groups * n_periods, 0);
  reserve_large(grid.exposure, n_groups * n_periods);
  grid.exposure.assign(n_groups * n_periods, 0.0);

  // Counting: one pass, one table lookup per column.
  if (n_periods > 0) {
    std::vector<std::int32_t> incident_tuple(incidents.services().size());
    for (std::size_t s = 0; s < incident_tuple.size(); ++s) {
      incident_tuple[s] = universe_tuple[static_cast<std::size_t>(
          *universe.find(incidents.services()[static_cast<std::int32_t>(s)]))];
    }
    const auto service = incidents.service();
    const auto category = incidents.category();
    const auto harm = incidents.harm();
    const auto day = incidents.day();
    const auto n_cat = static_cast<std::int64_t>(n_categories);
    const auto n_harm = static_cast<std::int64_t>(n_harms);
    const auto n_per = static_cast<std::int64_t>(n_periods);
    const auto count_rows = [&](std::size_t first_row, std::size_t end_row, std::int64_t* counts) {
      for (std::size_t i = first_row; i < end_row; ++i) {
        const std::int32_t p = calendar.index_of(day[i]);
        const std::int32_t c = category_index[static_cast<std::size_t>(category[i])];
        if (p < 0 || c < 0) continue;
        const std::int64_t h = by_harm ? harm[i] : 0;
        const std::int64_t g =
            (incident_tuple[static_cast<std::size_t>(service[i])] * n_cat + c) * n_harm + h;
        ++counts[g * n_per + p];
      }
    };
    // Large inputs are counted by a share of rows per core, each share into a
    // grid of its own, summed after: exact, and the same whatever the number
    // of shares. Only where the grid is small beside the rows, so the extra
    // grids cost less memory than a column of the input.
    const std::size_t rows = incidents.size();
    const std::size_t cells = grid.counts.size();
    const std::size_t shares = cells <= rows / 2 ? share_count(rows, kRowsPerShare) : 1;
    std::vector<std::vector<std::int64_t>> extra(shares - 1);
    in_parallel(shares, [&](std::size_t k) {
      const auto [first_row, end_row] = share_of(rows, shares, k);
      if (k == 0) {
        count_rows(first_row, end_row, grid.counts.data());
        return;
      }
      extra[k - 1].assign(cells, 0);
      count_rows(first_row, end_row, extra[k - 1].data());
    });
    for (const auto& part : extra) {
      std::transform(part.begin(), part.end(), grid.counts.begin(), grid.counts.begin(),
                     std::plus<>());
    }
  }

  // Exposure per (tuple, period), then the same for every category and harm.
  std::vector<std::uint8_t> tuple_measures(n_tuples, 0);  // bit per measure used
  if (with_exposure) {
    std::vector<double> tuple_exposure(n_tuples * n_periods, 0.0);
    const bool spread = options.period == PeriodKind::day || options.period == PeriodKind::week;
    for (std::size_t i = 0; i < exposure->size(); ++i) {
      const auto s = static_cast<std::size_t>(exposure->service()[i]);
      const int rank = chosen_measure[s];
      if (rank == std::numeric_limits<int>::max()) continue;
      const Measure measure = options.measures[static_cast<std::size_t>(rank)];
      if (exposure->measure()[i] != static_cast<std::uint8_t>(measure)) continue;
      const auto t = static_cast<std::size_t>(exposure_tuple[s]);
      tuple_measures[t] = static_cast<std::uint8_t>(tuple_measures[t] | (1U << static_cast<unsigned>(measure)));
      const DayNumber month = exposure->month()[i];
      const double value = exposure->value()[i];
      if (!spread) {
        const std::int32_t p = calendar.index_of(month);
        if (p >= 0) tuple_exposure[t * n_periods + static_cast<std::size_t>(p)] += value;
        continue;
      }
      // Day and week buckets: the month's value is spread evenly over its days.
      const DayNumber next = next_period_start(PeriodKind::month, month);
      const double per_day = value / static_cast<double>(next - month);
      for (DayNumber d = month; d < next; ++d) {
        const std::int32_t p = calendar.index_of(d);
        if (p >= 0) tuple_exposure[t * n_periods + static_cast<std::size_t>(p)] += per_day;
      }
    }
    for (std::size_t t = 0; t < n_tuples; ++t) {
      for (std::size_t rest = 0; rest < n_categories * n_harms; ++rest) {
        const std::size_t g = t * n_categories * n_harms + rest;
        std::copy_n(tuple_exposure.begin() + static_cast<std::ptrdiff_t>(t * n_periods), n_periods,
                    grid.exposure.begin() + static_cast<std::ptrdiff_t>(g * n_periods));
      }
    }
  }

  // Key columns and measure labels.
  grid.keys.assign(options.by.size(), std::vector<std::string>(n_groups));
  grid.measure.assign(n_groups, "");
  std::size_t g = 0;
  for (const auto& [tuple, t] : tuples) {
    std::string measure_label;
    const unsigned bits = tuple_measures[static_cast<std::size_t>(t)];
    if (bits != 0) {
      measure_label = (bits & (bits - 1)) != 0
                          ? "mixed"
                          : std::string(to_string(static_cast<Measure>(std::countr_zero(bits))));
    }
    for (std::size_t c = 0; c < n_categories; ++c) {
      for (std::size_t h = 0; h < n_harms; ++h, ++g) {
        std::size_t service_key = 0;
        for (std::size_t k = 0; k < options.by.size(); ++k) {
          const GroupKey key = options.by[k];
          if (key == GroupKey::category) {
            grid.keys[k][g] = category_domain[c];
          } else if (key == GroupKey::harm) {
            grid.keys[k][g] = std::string(kHarmWords[h].second);
          } else {
            grid.keys[k][g] = tuple[service_key++];
          }
        }
        grid.measure[g] = measure_label;
      }
    }
  }
  return grid;
}

}  // namespace

Grid count_grid(const IncidentTable& incidents, const GridOptions& options,
                const ExposureTable* exposure, const ServiceTable* services) {
  return count_grid_of(incidents, options, exposure, services, false);
}

Grid merge(const Grid& a, const Grid& b) {
  if (a.period != b.period) throw InputError("cannot merge grids of different period kinds");
  if (a.by != b.by) throw InputError("cannot merge grids grouped by different keys");
  if (a.per != b.per) throw InputError("cannot merge grids with different rate multipliers");
  // A group is (service-level tuple, category, harm), as in count_grid; the
  // merged grid is their dense product in count_grid's order.
  std::vector<std::size_t> tuple_keys;
  std::optional<std::size_t> category_key;
  std::optional<std::size_t> harm_key;
  for (std::size_t k = 0; k < a.by.size(); ++k) {
    if (a.by[k] == GroupKey::category) category_key = k;
    else if (a.by[k] == GroupKey::harm) harm_key = k;
    else tuple_keys.push_back(k);
  }
  std::map<std::vector<std::string>, std::string> tuple_measure;
  if (tuple_keys.empty()) tuple_measure.emplace(std::vector<std::string>{}, "");
  std::vector<std::string> categories;
  std::unordered_map<std::string, std::size_t> category_of;
  for (const Grid* grid : {&a, &b}) {
    for (std::size_t g = 0; g < grid->groups(); ++g) {
      std::vector<std::string> tuple;
      for (std::size_t k : tuple_keys) tuple.push_back(grid->keys[k][g]);
      auto [it, inserted] = tuple_measure.emplace(std::move(tuple), grid->measure[g]);
      const std::string& label = grid->measure[g];
      if (!inserted && it->second != label && !label.empty()) {
        it->second = it->second.empty() ? label : "mixed";
      }
      if (category_key && category_of.emplace(grid->keys[*category_key][g], categories.size()).second) {
        categories.push_back(grid->keys[*category_key][g]);
      }
    }
  }
  const std::size_t n_categories = category_key ? categories.size() : 1;
  const std::size_t n_harms = harm_key ? kHarmWords.size() : 1;

  Grid out;
  out.period = a.period;
  out.by = a.by;
  out.per = a.per;
  std::optional<Calendar> calendar;
  if (a.periods() > 0 || b.periods() > 0) {
    DayNumber first = std::numeric_limits<DayNumber>::max();
    DayNumber last = std::numeric_limits<DayNumber>::min();
    for (const Grid* grid : {&a, &b}) {
      if (grid->periods() == 0) continue;
      first = std::min(first, grid->period_starts.front());
      last = std::max(last, grid->period_starts.back());
    }
    calendar.emplace(a.period, first, last);
    out.period_starts = calendar->starts();
  }
  const std::size_t n_periods = out.periods();
  const std::size_t n_groups = tuple_measure.size() * n_categories * n_harms;
  out.keys.assign(a.by.size(), std::vector<std::string>(n_groups));
  out.measure.resize(n_groups);
  out.counts.assign(n_groups * n_periods, 0);
  out.exposure.assign(n_groups * n_periods, 0.0);
  std::map<std::vector<std::string>, std::size_t> tuple_index;
  std::size_t g = 0;
  for (const auto& [tuple, label] : tuple_measure) {
    tuple_index.emplace(tuple, tuple_index.size());
    for (std::size_t c = 0; c < n_categories; ++c) {
      for (std::size_t h = 0; h < n_harms; ++h, ++g) {
        for (std::size_t t = 0; t < tuple_keys.size(); ++t) out.keys[tuple_keys[t]][g] = tuple[t];
        if (category_key) out.keys[*category_key][g] = categories[c];
        if (harm_key) out.keys[*harm_key][g] = std::string(kHarmWords[h].second);
        out.measure[g] = label;
      }
    }
  }
  for (const Grid* grid : {&a, &b}) {
    for (std::size_t group = 0; group < grid->groups(); ++group) {
      std::vector<std::string> tuple;
      for (std::size_t k : tuple_keys) tuple.push_back(grid->keys[k][group]);
      std::size_t target = tuple_index.at(tuple);
      target = target * n_categories + (category_key ? category_of.at(grid->keys[*category_key][group]) : 0);
      target = target * n_harms + (harm_key ? harm_index(grid->keys[*harm_key][group]) : 0);
      for (std::size_t p = 0; p < grid->periods(); ++p) {
        const auto q = static_cast<std::size_t>(calendar->index_of(grid->period_starts[p]));
        out.counts[target * n_periods + q] += grid->counts[group * grid->periods() + p];
        out.exposure[target * n_periods + q] += grid->exposure[group * grid->periods() + p];
      }
    }
  }
  return out;
}

Grid count_partition(const IncidentTable& partition, const GridOptions& options,
                     const ServiceTable* services) {
  GridOptions counts_only = options;
  counts_only.measures.clear();
  return count_grid_of(partition, counts_only, nullptr, services, true);
}

Grid combine_partitions(std::span<const Grid> partitions, const GridOptions& options,
                        const ExposureTable* exposure, const ServiceTable* services) {
  GridOptions counts_only = options;
  counts_only.measures.clear();
  // With no partition at all, the grid of no incidents.
  Grid out = partitions.empty() ? count_grid(IncidentTable(), counts_only, nullptr, services)
                                : partitions.front();
  for (std::size_t i = 1; i < partitions.size(); ++i) out = merge(out, partitions[i]);
  if (options.measures.empty()) return out;
  if (exposure == nullptr) {
    throw InputError("exposure measures were asked for but no exposure table was given");
  }
  // The exposure, counted once on a table with no incidents but the
  // partitions' categories, so that every category group of a service
  // carries the service's exposure as count_grid gives it.
  GridOptions exposure_options = options;
  exposure_options.categories.clear();
  std::vector<std::string> categories;
  for (std::size_t k = 0; k < out.by.size(); ++k) {
    if (out.by[k] != GroupKey::category) continue;
    std::unordered_map<std::string_view, bool> seen;
    for (const auto& word : out.keys[k]) {
      if (seen.emplace(word, true).second) categories.push_back(word);
    }
  }
  CategorySet category_set;
  for (const auto& word : categories) category_set.add(word);
  const IncidentTable no_incidents = IncidentTable::from_columns(
      IncidentColumns{}, {}, std::move(categories), StringColumn{}, nullptr, category_set);
  return merge(out, count_grid(no_incidents, exposure_options, exposure, services));
}

}  // namespace closeloop::metrics
