#pragma once
// The table of lifecycle calls the command records: one entry per Store
// mutation (add_incident, agree, add_share, ...), naming its fields once.
// The same entry serves `closeloop <group> <verb> DB --field VALUE ...` and a
// line of `closeloop apply DB changes.jsonl` ({"call": "agree", "id": ...}):
// both build a JSON object of the fields and hand it to the entry's one
// decoder, so the command line and apply can never disagree. See
// docs/cli.md, "Recording the lifecycle".

#include <nlohmann/json.hpp>

#include <cstddef>
#include <istream>
#include <optional>
#include <ostream>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "closeloop/core/date.hpp"
#include "closeloop/core/error.hpp"
#include "closeloop/store/store.hpp"

namespace closeloop::cli {

/// A field that could not be read: names the field (`occurred_at`,
/// `measures[0].by`) and what was expected.
class FieldError : public InputError {
 public:
  FieldError(std::string field, const std::string& message);
  /// The field's name as apply spells it.
  [[nodiscard]] const std::string& field() const noexcept { return field_; }
  /// What was wrong, without the field's name.
  [[nodiscard]] const std::string& problem() const noexcept { return problem_; }

 private:
  std::string field_;
  std::string problem_;
};

/// How a field is given: one value, or a list (a JSON array; on the command
/// line the option repeated or given several values).
enum class Arity { one, list };

/// One field of a call.
struct Field {
  /// The name in apply's JSON; the option is `--` and the name with `-` for `_`.
  const char* name;
  Arity arity;
  bool required;
  const char* help;
};

/// The fields of one change, read with the one parser per kind of value.
/// Values may be JSON strings (as the command line gives them) or JSON
/// numbers, booleans and arrays (as apply may give them).
class Args {
 public:
  /// `object` must outlive the Args; `prefix` is put before field names in errors.
  explicit Args(const nlohmann::json& object, std::string prefix = {});

  /// Whether the field is present (and not null).
  [[nodiscard]] bool has(const char* field) const;
  /// Text; `fallback` when absent.
  [[nodiscard]] std::string text(const char* field, const std::string& fallback = {}) const;
  /// Required text (FieldError when absent or empty).
  [[nodiscard]] std::string required(const char* field) const;
  /// YYYY-MM-DD.
  [[nodiscard]] Date date(const char* field) const;
  [[nodiscard]] std::optional<Date> optional_date(const char* field) const;
  /// YYYY-MM-DD[THH:MM[:SS]].
  [[nodiscard]] Instant instant(const char* field) const;
  [[nodiscard]] std::int32_t integer(const char* field, std::int32_t fallback) const;
  [[nodiscard]] std::optional<double> number(const char* field) const;
  /// true/false (also yes/no, 1/0).
  [[nodiscard]] bool flag(const char* field, bool fallback) const;
  /// A word of an enum, read by that enum's own parser.
  template <class E>
  E word(const char* field, E (*parse)(std::string_view), E fallback) const {
    if (!has(field)) return fallback;
    return read(field, [&] { return parse(scalar_text(field)); });
  }
  template <class E>
  std::optional<E> optional_word(const char* field, E (*parse)(std::string_view)) const {
    if (!has(field)) return std::nullopt;
    return read(field, [&] { return parse(scalar_text(field)); });
  }
  /// A list of texts: a JSON array, or one text with `;` between items.
  [[nodiscard]] std::vector<std::string> texts(const char* field) const;
  /// A list whose items are read by `parse`.
  template <class T, class Parse>
  std::vector<T> items(const char* field, Parse parse) const {
    std::vector<T> out;
    const auto values = texts(field);
    for (std::size_t i = 0; i < values.size(); ++i) {
      out.push_back(read(std::string(field) + "[" + std::to_string(i) + "]",
                         [&] { return T(parse(values[i])); }));
    }
    return out;
  }
  /// A list of ids.
  template <class IdType>
  std::vector<IdType> ids(const char* field) const {
    return items<IdType>(field, [](const std::string& text) { return IdType(text); });
  }
  /// A list of JSON objects (each may also be given as JSON text), as Args
  /// whose errors name `field[i].`.
  [[nodiscard]] std::vector<nlohmann::json> objects(const char* field) const;
  /// FieldError for a field the call does not take.
  void allow_only(std::span<const Field> fields) const;
  /// The same, for nested objects.
  void allow_only(std::initializer_list<const char*> names) const;
  /// A field's full name in errors.
  [[nodiscard]] std::string name(const std::string& field) const { return prefix_ + field; }

 private:
  template <class F>
  auto read(const std::string& field, F parse) const -> decltype(parse()) {
    try {
      return parse();
    } catch (const FieldError&) {
      throw;
    } catch (const Error& error) {
      throw FieldError(name(field), error.what());
    }
  }
  [[nodiscard]] std::string scalar_text(const char* field) const;

  const nlohmann::json& object_;
  std::string prefix_;
};

/// One lifecycle call.
struct Call {
  /// The Store (and Register) call's name, which apply's "call" names.
  const char* name;
  /// The command: `closeloop <group> <verb>`.
  const char* group;
  const char* verb;
  const char* help;
  std::vector<Field> fields;
  /// Reads the fields, makes the call on the store, and returns what was
  /// recorded (the entity, or the action with its new event) as JSON.
  nlohmann::json (*run)(store::Store& store, const Args& args);
};

/// Every call, in the order the command lists them.
std::span<const Call> all_calls();
/// The call named `name` (as apply spells it); nullptr when unknown.
const Call* find_call(std::string_view name);
/// Checks the fields against the call's table (unknown or missing ones are
/// FieldErrors), then runs it.
nlohmann::json run_call(const Call& call, store::Store& store, const nlohmann::json& fields);

/// One line of a change file (`closeloop apply`): the call it names and its
/// other fields.
struct Change {
  /// The line's number in the file, from 1.
  std::size_t line;
  const Call* call;
  /// The line's JSON object without "call".
  nlohmann::json fields;
};

/// Reads a change file: one JSON object per line, blank lines skipped, each
/// naming a known call in "call". Checks only the JSON and the call's name
/// (nothing is recorded): InputError "FILE:LINE: ..." for the first bad line,
/// with `file` as the name.
std::vector<Change> read_changes(std::istream& in, const std::string& file);
/// Runs the changes on `store` in one transaction (Store::batch): every
/// change or none. InputError "FILE:LINE: field ..." for a bad field,
/// "FILE:LINE: CALL: ..." for a refused call; the store is then unchanged.
/// Returns what each call recorded. With `progress`, a progress line is
/// written there every 1,000 changes.
nlohmann::json apply_changes(store::Store& store, std::vector<Change> changes,
                             const std::string& file, std::ostream* progress = nullptr);

/// The JSON of one action as `closeloop show action` prints it: its fields,
/// state, history, evidence and checks.
nlohmann::json action_json(const lifecycle::Register& reg, const ActionId& id);

}  // namespace closeloop::cli
