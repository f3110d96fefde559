#pragma once
// Writes a set of files as one folder that appears complete or not at all.

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace closeloop::store::detail {

/// Writes each (path, text) of `files` (paths inside `directory`) into a
/// fresh temporary folder beside `directory`, then renames that folder to
/// `directory`. On any failure the temporary folder is removed and a
/// StoreError names what failed; `directory` is then untouched. StoreError
/// if `directory` exists and is not an empty folder. Returns the final paths.
std::vector<std::string> write_folder(
    const std::string& directory,
    const std::vector<std::pair<std::filesystem::path, std::string>>& files);

}  // namespace closeloop::store::detail
