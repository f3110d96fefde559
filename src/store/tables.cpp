#include "tables.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <limits>
#include <system_error>

#include "closeloop/core/date.hpp"

namespace closeloop::store::detail {

namespace {

// Reads records, turning CsvReader's field-count error (which has no column)
// into one that names the first missing or first surplus column.
bool next_record(CsvReader& reader, CsvRecord& record) {
  try {
    return reader.next(record);
  } catch (const ParseError& error) {
    if (error.column() != 0) throw;
    const std::string what = error.what();
    const auto found_at = what.rfind("found ");
    if (found_at == std::string::npos) throw;
    const std::size_t found = std::stoul(what.substr(found_at + 6));
    const std::size_t expected = reader.header().size();
    const std::size_t column = (found < expected ? found : expected) + 1;
    throw ParseError(error.source(), error.line(), column,
                     "expected " + std::to_string(expected) + " fields as in the header, found " +
                         std::to_string(found));
  }
}

// Calls the progress hook every `every` rows.
class Progress {
 public:
  Progress(Table table, const ImportOptions& options) : table_(table), options_(options) {}
  void row() {
    ++rows_;
    if (options_.on_progress && options_.progress_every > 0 &&
        rows_ % options_.progress_every == 0) {
      options_.on_progress(table_, rows_);
    }
  }
  std::size_t done() {
    if (options_.on_progress) options_.on_progress(table_, rows_);
    return rows_;
  }

 private:
  Table table_;
  const ImportOptions& options_;
  std::size_t rows_ = 0;
};

void require_id(const CsvReader& reader, const CsvRecord& record, std::size_t column) {
  if (record.fields[column].empty()) throw reader.error_at(record, column, "empty id");
}

// Steps an INSERT and maps SQLite's refusal to the row's line and column.
void insert_row(Connection& connection, Statement& insert, const CsvReader& reader,
                const CsvRecord& record, std::size_t id_column, std::string_view id_what,
                std::size_t reference_column, std::string_view reference_what) {
  const int rc = insert.step_raw();
  if (rc == SQLITE_DONE) {
    insert.reset();
    return;
  }
  if (rc == SQLITE_CONSTRAINT_PRIMARYKEY || rc == SQLITE_CONSTRAINT_UNIQUE) {
    throw reader.error_at(record, id_column,
                          "duplicate " + std::string(id_what) +
                              ": already in the store or earlier in this import");
  }
  if (rc == SQLITE_CONSTRAINT_FOREIGNKEY) {
    throw reader.error_at(record, reference_column,
                          "unknown " + std::string(reference_what) + " \"" +
                              std::string(record.fields[reference_column]) + "\"");
  }
  if ((rc & 0xff) == SQLITE_CONSTRAINT) {
    throw ParseError(reader.source(), record.line, 0,
                     std::string("row refused by the store: ") +
                         sqlite3_errmsg(connection.handle()));
  }
  throw_sqlite_error(connection, rc, insert.sql());
}

bool parse_count(std::string_view text, std::int64_t& value) {
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return ec == std::errc() && ptr == end && value >= 0;
}

bool parse_number(std::string_view text, double& value) {
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return !text.empty() && ec == std::errc() && ptr == end && std::isfinite(value);
}

constexpr std::array<std::string_view, 4> exposure_measures{"occupied_bed_days",
                                                            "doses_administered", "care_hours",
                                                            "visits"};

}  // namespace

bool canonical_instant(std::string_view text, std::string& out, DayNumber& day) {
  int minute = -1;
  if (!try_parse_day_minute(text, day, minute)) return false;
  out.assign(text.substr(0, 10));
  if (minute < 0) return true;
  out += 'T';
  out.append(text.substr(11, 5));  // HH:MM
  if (text.size() >= 19 && text[16] == ':') {
    out.append(text.substr(16, 3));
  } else {
    out += ":00";
  }
  return true;
}

std::string format_number(double value) {
  std::array<char, 64> buffer{};
  const auto [ptr, ec] = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  (void)ec;
  return {buffer.data(), ptr};
}

TableWriter::TableWriter(Connection& connection) : connection_(connection) {
  auto statement = connection_.prepare("SELECT category FROM categories ORDER BY rowid");
  while (statement.step()) categories_.add(statement.column_text(0));
}

std::size_t TableWriter::import_rows(Table table, CsvReader& reader, const ImportOptions& options) {
  switch (table) {
    case Table::categories: return import_categories(reader, options);
    case Table::services: return import_services(reader, options);
    case Table::incidents: return import_incidents(reader, options);
    case Table::exposure: return import_exposure(reader, options);
  }
  throw InputError("cannot import table " + std::string(to_string(table)));
}

std::size_t TableWriter::import_categories(CsvReader& reader, const ImportOptions& options) {
  const std::size_t c_category = reader.require_column("category");
  auto insert = connection_.prepare("INSERT INTO categories (category) VALUES (?)");
  Progress progress(Table::categories, options);
  CsvRecord record;
  while (next_record(reader, record)) {
    const std::string_view category = record.fields[c_category];
    const bool builtin = CategorySet().contains(category);
    try {
      categories_.add(category);
    } catch (const InputError& error) {
      throw reader.error_at(record, c_category, error.what());
    }
    if (builtin) {
      throw reader.error_at(record, c_category,
                            "\"" + std::string(category) + "\" is a built-in category");
    }
    insert.bind(1, category);
    insert_row(connection_, insert, reader, record, c_category, "category", c_category,
               "category");
    progress.row();
  }
  return progress.done();
}

std::size_t TableWriter::import_services(CsvReader& reader, const ImportOptions& options) {
  const std::size_t c_id = reader.require_column("service_id");
  const std::size_t c_name = reader.require_column("name");
  const std::size_t c_type = reader.require_column("type");
  const std::size_t c_capacity = reader.require_column("capacity");
  const std::size_t c_region = reader.require_column("region");
  auto insert = connection_.prepare(
      "INSERT INTO services (service_id, name, type, capacity, region) VALUES (?, ?, ?, ?, ?)");
  Progress progress(Table::services, options);
  CsvRecord record;
  while (next_record(reader, record)) {
    const auto& f = record.fields;
    require_id(reader, record, c_id);
    if (f[c_name].empty()) throw reader.error_at(record, c_name, "empty name");
    if (f[c_type].empty()) throw reader.error_at(record, c_type, "empty service type");
    insert.bind(1, f[c_id]).bind(2, f[c_name]).bind(3, f[c_type]).bind(5, f[c_region]);
    if (f[c_capacity].empty()) {
      insert.bind_null(4);
    } else {
      std::int64_t capacity = 0;
      if (!parse_count(f[c_capacity], capacity)) {
        throw reader.error_at(record, c_capacity,
                              "invalid capacity \"" + std::string(f[c_capacity]) +
                                  "\": expected a whole number of places, or empty");
      }
      insert.bind(4, capacity);
    }
    insert_row(connection_, insert, reader, record, c_id,
               "service_id \"" + std::string(f[c_id]) + "\"", c_id, "service_id");
    progress.row();
  }
  return progress.done();
}

std::size_t TableWriter::import_incidents(CsvReader& reader, const ImportOptions& options) {
  const std::size_t c_id = reader.require_column("incident_id");
  const std::size_t c_service = reader.require_column("service_id");
  const std::size_t c_occurred = reader.require_column("occurred_at");
  const std::size_t c_reported = reader.require_column("reported_at");
  const std::size_t c_category = reader.require_column("category");
  const std::size_t c_harm = reader.require_column("harm");
  const std::size_t c_person = reader.require_column("person_ref");
  const std::size_t c_description = reader.require_column("description");
  auto insert = connection_.prepare(
      "INSERT INTO incidents (incident_id, service_id, occurred_at, occurred_day, reported_at, "
      "category, harm, person_ref, description) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
  Progress progress(Table::incidents, options);
  CsvRecord record;
  std::string occurred;
  std::string reported;
  DayNumber occurred_day = 0;
  DayNumber reported_day = 0;
  while (next_record(reader, record)) {
    const auto& f = record.fields;
    require_id(reader, record, c_id);
    if (!canonical_instant(f[c_occurred], occurred, occurred_day)) {
      throw reader.error_at(record, c_occurred,
                            "invalid date \"" + std::string(f[c_occurred]) +
                                "\": expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]");
    }
    if (!canonical_instant(f[c_reported], reported, reported_day)) {
      throw reader.error_at(record, c_reported,
                            "invalid date \"" + std::string(f[c_reported]) +
                                "\": expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]");
    }
    // A bare date says only the day; two times of the same day compare as
    // canonical text, which orders as the instants do.
    const bool both_timed = occurred.size() > 10 && reported.size() > 10;
    if (reported_day < occurred_day || (both_timed && reported_day == occurred_day &&
                                        reported < occurred)) {
      throw reader.error_at(record, c_reported,
                            "reported_at " + reported + " is before occurred_at " + occurred);
    }
    if (!categories_.contains(f[c_category])) {
      try {
        categories_.require(f[c_category]);
      } catch (const InputError& error) {
        throw reader.error_at(record, c_category, error.what());
      }
    }
    try {
      (void)parse_harm(f[c_harm]);
    } catch (const InputError& error) {
      throw reader.error_at(record, c_harm, error.what());
    }
    insert.bind(1, f[c_id])
        .bind(2, f[c_service])
        .bind(3, occurred)
        .bind(4, static_cast<std::int64_t>(occurred_day))
        .bind(5, reported)
        .bind(6, f[c_category])
        .bind(7, f[c_harm])
        .bind(8, f[c_person])
        .bind(9, f[c_description]);
    insert_row(connection_, insert, reader, record, c_id,
               "incident_id \"" + std::string(f[c_id]) + "\"", c_service, "service_id");
    progress.row();
  }
  return progress.done();
}

std::size_t TableWriter::import_exposure(CsvReader& reader, const ImportOptions& options) {
  const std::size_t c_service = reader.require_column("service_id");
  const std::size_t c_period = reader.require_column("period");
  const std::size_t c_measure = reader.require_column("measure");
  const std::size_t c_value = reader.require_column("value");
  auto insert = connection_.prepare(
      "INSERT INTO exposure (service_id, period, measure, value) VALUES (?, ?, ?, ?)");
  Progress progress(Table::exposure, options);
  CsvRecord record;
  while (next_record(reader, record)) {
    const auto& f = record.fields;
    try {
      (void)parse_month(f[c_period]);
    } catch (const InputError& error) {
      throw reader.error_at(record, c_period, error.what());
    }
    bool known = false;
    for (std::string_view measure : exposure_measures) known = known || measure == f[c_measure];
    if (!known) {
      throw reader.error_at(record, c_measure,
                            "unknown measure \"" + std::string(f[c_measure]) +
                                "\": expected occupied_bed_days, doses_administered, "
                                "care_hours or visits");
    }
    double value = 0;
    if (!parse_number(f[c_value], value) || value < 0) {
      throw reader.error_at(record, c_value,
                            "invalid value \"" + std::string(f[c_value]) +
                                "\": expected a non-negative number");
    }
    insert.bind(1, f[c_service]).bind(2, f[c_period]).bind(3, f[c_measure]).bind(4, value);
    insert_row(connection_, insert, reader, record, c_service,
               "exposure for service " + std::string(f[c_service]) + ", period " +
                   std::string(f[c_period]) + ", measure " + std::string(f[c_measure]),
               c_service, "service_id");
    progress.row();
  }
  return progress.done();
}

std::string export_rows(Connection& connection, Table table) {
  std::string out;
  std::vector<std::string> row;
  auto emit = [&](std::string_view sql, const std::vector<std::string>& header,
                  const std::vector<bool>& numeric) {
    append_csv_row(out, header);
    auto statement = connection.prepare(sql);
    while (statement.step()) {
      row.clear();
      for (std::size_t i = 0; i < header.size(); ++i) {
        const int column = static_cast<int>(i);
        if (statement.is_null(column)) {
          row.emplace_back();
        } else if (i < numeric.size() && numeric[i]) {
          row.push_back(format_number(statement.column_double(column)));
        } else {
          row.emplace_back(statement.column_text(column));
        }
      }
      append_csv_row(out, row);
    }
  };
  switch (table) {
    case Table::categories:
      emit("SELECT category FROM categories ORDER BY rowid", {"category"}, {});
      break;
    case Table::services:
      emit("SELECT service_id, name, type, capacity, region FROM services ORDER BY rowid",
           {"service_id", "name", "type", "capacity", "region"}, {});
      break;
    case Table::incidents:
      emit("SELECT incident_id, service_id, occurred_at, reported_at, category, harm, person_ref, "
           "description FROM incidents ORDER BY rowid",
           {"incident_id", "service_id", "occurred_at", "reported_at", "category", "harm",
            "person_ref", "description"},
           {});
      break;
    case Table::exposure:
      emit("SELECT service_id, period, measure, value FROM exposure ORDER BY rowid",
           {"service_id", "period", "measure", "value"}, {false, false, false, true});
      break;
  }
  return out;
}

}  // namespace closeloop::store::detail
