#include "write_folder.hpp"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "closeloop/core/error.hpp"

namespace closeloop::store::detail {

namespace fs = std::filesystem;

namespace {

// Removes the temporary folder unless released (after the rename).
struct TemporaryFolder {
  fs::path path;
  ~TemporaryFolder() {
    if (path.empty()) return;
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

}  // namespace

std::vector<std::string> write_folder(
    const std::string& directory,
    const std::vector<std::pair<fs::path, std::string>>& files) {
  const fs::path target = fs::absolute(fs::path(directory)).lexically_normal();
  fs::path name = target.filename();
  if (name.empty()) name = target.parent_path().filename();
  const fs::path parent = target.has_filename() ? target.parent_path() : target.parent_path().parent_path();
  std::error_code error;
  if (fs::exists(target, error)) {
    if (!fs::is_directory(target, error) || !fs::is_empty(target, error)) {
      throw StoreError("export folder \"" + directory +
                       "\" already exists and is not empty: give a new or empty folder");
    }
  }
  fs::create_directories(parent, error);
  if (error) {
    throw StoreError("cannot create folder \"" + parent.string() + "\": " + error.message());
  }
  std::string pattern = (parent / ("." + name.string() + ".partial-XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw StoreError("cannot create a temporary folder beside \"" + directory +
                     "\": " + std::strerror(errno));
  }
  TemporaryFolder temporary{pattern};
  std::vector<std::string> written;
  for (const auto& [final_path, text] : files) {
    const fs::path path = temporary.path / final_path.filename();
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.close();
    if (!out) {
      throw StoreError("cannot write \"" + path.string() + "\" (disk full or not writable?); " +
                       "nothing was exported to \"" + directory + "\"");
    }
    written.push_back((fs::path(directory) / final_path.filename()).string());
  }
  fs::rename(temporary.path, target, error);
  if (error) {
    throw StoreError("cannot rename \"" + temporary.path.string() + "\" to \"" + directory +
                     "\": " + error.message() + "; nothing was exported");
  }
  temporary.path.clear();
  return written;
}

}  // namespace closeloop::store::detail
