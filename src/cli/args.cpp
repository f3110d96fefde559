// Args: one parser per kind of value, reading the fields of a call from a
// JSON object (calls.hpp). The command line and change files both arrive here.
#include <algorithm>
#include <charconv>
#include <cmath>

#include "calls.hpp"

namespace closeloop::cli {

using nlohmann::json;

FieldError::FieldError(std::string field, const std::string& message)
    : InputError(field + ": " + message), field_(std::move(field)), problem_(message) {}

// ---- Args: one parser per kind of value -------------------------------------

Args::Args(const json& object, std::string prefix) : object_(object), prefix_(std::move(prefix)) {
  if (!object_.is_object()) throw FieldError(prefix_.empty() ? "change" : prefix_, "expected a JSON object");
}

bool Args::has(const char* field) const {
  const auto it = object_.find(field);
  return it != object_.end() && !it->is_null();
}

std::string Args::scalar_text(const char* field) const {
  const json& value = object_.at(field);
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  if (value.is_number()) return value.dump();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  throw FieldError(name(field), "expected a single value, got " + value.dump());
}

std::string Args::text(const char* field, const std::string& fallback) const {
  return has(field) ? scalar_text(field) : fallback;
}

std::string Args::required(const char* field) const {
  if (!has(field)) throw FieldError(name(field), "is required");
  std::string value = scalar_text(field);
  if (value.empty()) throw FieldError(name(field), "is required (empty)");
  return value;
}

Date Args::date(const char* field) const {
  const std::string value = required(field);
  return read(field, [&] { return parse_date(value); });
}

std::optional<Date> Args::optional_date(const char* field) const {
  if (!has(field) || scalar_text(field).empty()) return std::nullopt;
  return date(field);
}

Instant Args::instant(const char* field) const {
  const std::string value = required(field);
  return read(field, [&] { return parse_instant(value); });
}

std::int32_t Args::integer(const char* field, std::int32_t fallback) const {
  if (!has(field)) return fallback;
  const std::string value = scalar_text(field);
  std::int32_t out = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (error != std::errc() || end != value.data() + value.size()) {
    throw FieldError(name(field), "expected a whole number, got \"" + value + "\"");
  }
  return out;
}

std::optional<double> Args::number(const char* field) const {
  if (!has(field) || scalar_text(field).empty()) return std::nullopt;
  const std::string value = scalar_text(field);
  double out = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (error != std::errc() || end != value.data() + value.size() || !std::isfinite(out)) {
    throw FieldError(name(field), "expected a number, got \"" + value + "\"");
  }
  return out;
}

bool Args::flag(const char* field, bool fallback) const {
  if (!has(field)) return fallback;
  const std::string value = scalar_text(field);
  if (value == "true" || value == "yes" || value == "1") return true;
  if (value == "false" || value == "no" || value == "0") return false;
  throw FieldError(name(field), "expected true or false, got \"" + value + "\"");
}

std::vector<std::string> Args::texts(const char* field) const {
  std::vector<std::string> out;
  if (!has(field)) return out;
  const json& value = object_.at(field);
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (!value[i].is_string() && !value[i].is_number()) {
        throw FieldError(name(field) + "[" + std::to_string(i) + "]",
                         "expected a text or number, got " + value[i].dump());
      }
      out.push_back(value[i].is_string() ? value[i].get<std::string>() : value[i].dump());
    }
    return out;
  }
  // One text: items separated by ';' (ids never contain one).
  const std::string text = scalar_text(field);
  std::size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    const auto end = text.find(';', start);
    out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

std::vector<json> Args::objects(const char* field) const {
  std::vector<json> out;
  if (!has(field)) return out;
  const json& value = object_.at(field);
  const auto one = [&](const json& item, std::size_t i) {
    const std::string where = name(field) + "[" + std::to_string(i) + "]";
    if (item.is_object()) return item;
    if (item.is_string()) {
      json parsed = json::parse(item.get<std::string>(), nullptr, false);
      if (parsed.is_object()) return parsed;
    }
    throw FieldError(where, "expected a JSON object, got " + item.dump());
  };
  if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) out.push_back(one(value[i], i));
  } else {
    out.push_back(one(value, 0));
  }
  return out;
}

void Args::allow_only(std::span<const Field> fields) const {
  for (const auto& item : object_.items()) {
    const bool known = std::any_of(fields.begin(), fields.end(),
                                   [&](const Field& f) { return item.key() == f.name; });
    if (!known) throw FieldError(name(item.key()), "is not a field of this call");
  }
  for (const Field& f : fields) {
    if (f.required && !has(f.name)) throw FieldError(name(f.name), "is required");
  }
}

void Args::allow_only(std::initializer_list<const char*> names) const {
  for (const auto& item : object_.items()) {
    if (std::none_of(names.begin(), names.end(), [&](const char* n) { return item.key() == n; })) {
      throw FieldError(name(item.key()), "is not a field here");
    }
  }
}

}  // namespace closeloop::cli
