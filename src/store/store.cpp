#include "closeloop/store/store.hpp"

#include <array>
#include <filesystem>
#include <fstream>
#include <utility>

#include "closeloop/core/csv.hpp"
#include "closeloop/core/enums.hpp"
#include "closeloop/core/error.hpp"
#include "schema.hpp"
#include "sqlite.hpp"
#include "tables.hpp"

namespace closeloop::store {

namespace {

constexpr std::array<Table, table_count> table_order{Table::categories, Table::services,
                                                     Table::incidents, Table::exposure};
constexpr std::array<std::string_view, table_count> table_names{"categories", "services",
                                                                "incidents", "exposure"};

}  // namespace

int current_schema_version() noexcept { return detail::migrations().back().version; }

std::span<const Table> all_tables() noexcept { return table_order; }

std::string_view to_string(Table table) noexcept {
  const auto index = static_cast<std::size_t>(table);
  return index < table_names.size() ? table_names[index] : std::string_view("?");
}

Table parse_table(std::string_view name) {
  for (Table table : table_order) {
    if (to_string(table) == name) return table;
  }
  std::string message = "unknown table \"" + std::string(name) + "\": expected one of ";
  for (std::size_t i = 0; i < table_names.size(); ++i) {
    if (i > 0) message += ", ";
    message += table_names[i];
  }
  throw InputError(message);
}

std::string file_name(Table table) { return std::string(to_string(table)) + ".csv"; }

std::size_t ImportSummary::total() const noexcept {
  std::size_t sum = 0;
  for (std::size_t n : rows) sum += n;
  return sum;
}

CsvSource CsvSource::file(Table table, std::string path) {
  return {table, std::move(path), std::nullopt};
}

CsvSource CsvSource::from_text(Table table, std::string text, std::string name) {
  return {table, std::move(name), std::move(text)};
}

struct Store::Impl {
  std::unique_ptr<detail::Connection> connection;
};

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;
Store::Store(Store&& other) noexcept = default;
Store& Store::operator=(Store&& other) noexcept = default;

Store Store::create(const std::string& path, StoreOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->connection = std::make_unique<detail::Connection>(
      path, detail::OpenMode::read_write_create, options.busy_timeout);
  detail::prepare_schema(*impl->connection);
  return Store(std::move(impl));
}

Store Store::open(const std::string& path, StoreOptions options) {
  std::error_code ignored;
  if (!std::filesystem::is_regular_file(path, ignored)) {
    throw StoreError("no store at \"" + path + "\": create one first (closeloop init)");
  }
  auto impl = std::make_unique<Impl>();
  impl->connection = std::make_unique<detail::Connection>(path, detail::OpenMode::read_write,
                                                          options.busy_timeout);
  detail::prepare_schema(*impl->connection);
  return Store(std::move(impl));
}

const std::string& Store::path() const noexcept { return impl_->connection->path(); }

int Store::schema_version() const {
  return static_cast<int>(impl_->connection->query_int("PRAGMA user_version"));
}

ImportSummary Store::import_csv(std::span<const CsvSource> sources, const ImportOptions& options) {
  detail::Connection& connection = *impl_->connection;
  // Read (and so check the syntax of) every file before taking the lock.
  std::vector<std::pair<Table, CsvReader>> readers;
  readers.reserve(sources.size());
  for (Table table : table_order) {
    for (const CsvSource& source : sources) {
      if (source.table != table) continue;
      readers.emplace_back(table, source.text ? CsvReader::from_string(*source.text, source.name)
                                              : CsvReader::from_file(source.name));
    }
  }
  ImportSummary summary;
  detail::Transaction transaction(connection, detail::TransactionKind::immediate);
  detail::TableWriter writer(connection);
  for (auto& [table, reader] : readers) {
    summary.rows[static_cast<std::size_t>(table)] +=
        writer.import_rows(table, reader, options);
  }
  transaction.commit();
  return summary;
}

std::string Store::export_table(Table table) const {
  detail::Connection& connection = *impl_->connection;
  detail::Transaction snapshot(connection, detail::TransactionKind::deferred);
  return detail::export_rows(connection, table);
}

std::vector<std::string> Store::export_csv(const std::string& directory) const {
  namespace fs = std::filesystem;
  detail::Connection& connection = *impl_->connection;
  std::vector<std::pair<fs::path, std::string>> files;
  {
    detail::Transaction snapshot(connection, detail::TransactionKind::deferred);
    for (Table table : table_order) {
      files.emplace_back(fs::path(directory) / file_name(table),
                         detail::export_rows(connection, table));
    }
  }
  std::error_code error;
  fs::create_directories(directory, error);
  if (error) {
    throw StoreError("cannot create export directory \"" + directory + "\": " + error.message());
  }
  std::vector<std::string> written;
  for (const auto& [target, text] : files) {
    fs::path temporary = target;
    temporary += ".partial";
    {
      std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
      out.write(text.data(), static_cast<std::streamsize>(text.size()));
      out.close();
      if (!out) throw StoreError("cannot write \"" + temporary.string() + "\"");
    }
    fs::rename(temporary, target, error);
    if (error) {
      throw StoreError("cannot rename \"" + temporary.string() + "\" to \"" + target.string() +
                       "\": " + error.message());
    }
    written.push_back(target.string());
  }
  return written;
}

std::size_t Store::count(Table table) const {
  const std::string sql = "SELECT count(*) FROM " + std::string(to_string(table));
  return static_cast<std::size_t>(impl_->connection->query_int(sql));
}

void Store::add_category(std::string_view category) {
  CategorySet check;
  check.add(category);  // validates the word
  detail::Connection& connection = *impl_->connection;
  detail::Transaction transaction(connection, detail::TransactionKind::immediate);
  auto insert = connection.prepare("INSERT OR IGNORE INTO categories (category) VALUES (?)");
  insert.bind(1, category).run();
  transaction.commit();
}

std::string Store::integrity_check() const {
  auto statement = impl_->connection->prepare("PRAGMA integrity_check");
  std::string out;
  while (statement.step()) {
    if (!out.empty()) out += '\n';
    out += statement.column_text(0);
  }
  return out;
}

}  // namespace closeloop::store
