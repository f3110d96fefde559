#include "closeloop/core/error.hpp"

#include <utility>

namespace closeloop {

std::string_view to_string(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::input: return "input";
    case ErrorCode::parse: return "parse";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::duplicate: return "duplicate";
    case ErrorCode::transition: return "transition";
    case ErrorCode::rule: return "rule";
    case ErrorCode::store: return "store";
    case ErrorCode::schema: return "schema";
  }
  return "unknown";
}

Error::Error(ErrorCode code, const std::string& message) : std::runtime_error(message), code_(code) {}

InputError::InputError(const std::string& message) : Error(ErrorCode::input, message) {}
InputError::InputError(ErrorCode code, const std::string& message) : Error(code, message) {}

namespace {
std::string located(const std::string& source, std::size_t line, std::size_t column,
                    const std::string& what) {
  // Appended piece by piece: `":" + std::to_string(n)` trips a false -Wrestrict in g++ 12 -O3.
  std::string out = source;
  if (line > 0) {
    out += ':';
    out += std::to_string(line);
    if (column > 0) {
      out += ':';
      out += std::to_string(column);
    }
  }
  out += ": ";
  out += what;
  return out;
}
}  // namespace

ParseError::ParseError(std::string source, std::size_t line, std::size_t column,
                       const std::string& what)
    : InputError(ErrorCode::parse, located(source, line, column, what)),
      source_(std::move(source)),
      line_(line),
      column_(column) {}

DuplicateError::DuplicateError(const std::string& message)
    : InputError(ErrorCode::duplicate, message) {}

NotFoundError::NotFoundError(const std::string& message) : Error(ErrorCode::not_found, message) {}

RuleError::RuleError(std::string rule, const std::string& message)
    : RuleError(ErrorCode::rule, std::move(rule), message) {}
RuleError::RuleError(ErrorCode code, std::string rule, const std::string& message)
    : Error(code, message), rule_(std::move(rule)) {}

TransitionError::TransitionError(std::string rule, const std::string& message)
    : RuleError(ErrorCode::transition, std::move(rule), message) {}

StoreError::StoreError(const std::string& message) : Error(ErrorCode::store, message) {}
StoreError::StoreError(ErrorCode code, const std::string& message) : Error(code, message) {}

SchemaError::SchemaError(const std::string& message) : StoreError(ErrorCode::schema, message) {}

}  // namespace closeloop
