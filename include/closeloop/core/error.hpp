#pragma once
/// \file
/// The error hierarchy shared by every area of closeloop. Every exception the
/// library throws derives from closeloop::Error and carries a stable code.

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace closeloop {

/// Stable numeric codes for every error kind; values never change meaning.
enum class ErrorCode : int {
  input = 1,        ///< a value a caller passed is malformed or out of range
  parse = 2,        ///< a file or text could not be read (file, line, column known)
  not_found = 3,    ///< an id that names nothing
  duplicate = 4,    ///< an id that is already taken
  transition = 5,   ///< a lifecycle transition refused by one of its rules
  rule = 6,         ///< any other domain rule refused (references, quality errors)
  store = 7,        ///< the durable store failed (I/O, locking, corruption)
  schema = 8,       ///< a store written by a newer or unknown schema
};

/// The text form of an error code ("input", "parse", ...).
std::string_view to_string(ErrorCode code) noexcept;

/// Base of every closeloop exception.
class Error : public std::runtime_error {
 public:
  /// An error of kind `code` with a message saying what was wrong and where.
  Error(ErrorCode code, const std::string& message);
  /// The stable code of this error's kind.
  [[nodiscard]] ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

/// A value passed by the caller is malformed or out of range.
class InputError : public Error {
 public:
  explicit InputError(const std::string& message);

 protected:
  InputError(ErrorCode code, const std::string& message);
};

/// Input text could not be parsed. Carries the source (file name or a
/// description such as "<string>"), the 1-based line and the 1-based column.
/// Line and column are 0 when not applicable.
class ParseError : public InputError {
 public:
  /// `what` is the problem; the full message becomes "source:line:column: what".
  ParseError(std::string source, std::size_t line, std::size_t column, const std::string& what);
  /// The file (or other source) being read.
  [[nodiscard]] const std::string& source() const noexcept { return source_; }
  /// 1-based line of the offending record, 0 if unknown.
  [[nodiscard]] std::size_t line() const noexcept { return line_; }
  /// 1-based column (field) of the offending value, 0 if unknown.
  [[nodiscard]] std::size_t column() const noexcept { return column_; }

 private:
  std::string source_;
  std::size_t line_;
  std::size_t column_;
};

/// An id is already taken.
class DuplicateError : public InputError {
 public:
  explicit DuplicateError(const std::string& message);
};

/// An id names nothing that exists.
class NotFoundError : public Error {
 public:
  explicit NotFoundError(const std::string& message);
};

/// A domain rule refused the call (for example a reference to a plan that is
/// closed, or an action that fails its quality errors).
class RuleError : public Error {
 public:
  /// `rule` is the short stable name of the rule that refused the call.
  RuleError(std::string rule, const std::string& message);
  /// The short stable name of the rule, e.g. "agree.requires_owner".
  [[nodiscard]] const std::string& rule() const noexcept { return rule_; }

 protected:
  RuleError(ErrorCode code, std::string rule, const std::string& message);

 private:
  std::string rule_;
};

/// A lifecycle transition was refused; rule() names the guard that failed.
class TransitionError : public RuleError {
 public:
  TransitionError(std::string rule, const std::string& message);
};

/// The durable store failed (I/O, locking, corruption).
class StoreError : public Error {
 public:
  explicit StoreError(const std::string& message);

 protected:
  StoreError(ErrorCode code, const std::string& message);
};

/// A store was written by a schema this build does not know.
class SchemaError : public StoreError {
 public:
  explicit SchemaError(const std::string& message);
};

}  // namespace closeloop
