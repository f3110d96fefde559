#pragma once
/// \file
/// One parser per kind of field read from text (CSV files, store imports,
/// pandas columns), each with one message. Every reader calls these rather
/// than checking the field itself; a reader adds where the field was (file,
/// line, column or row) around the message. The reported_at field's parser is
/// check_reported_at (date.hpp).

#include <string>
#include <cstdint>
#include <optional>
#include <string_view>

#include "closeloop/core/date.hpp"

namespace closeloop {

/// The message of an occurred_at (or any incident date) that is not one of
/// try_parse_day_minute's forms:
/// `invalid date "T": expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]`.
[[nodiscard]] std::string invalid_date_message(std::string_view text);

/// Reads an incident's occurred_at: a date or date-time in
/// try_parse_day_minute's forms. Sets `day` and `minute_of_day` (-1 when the
/// text has no time). Throws InputError with invalid_date_message() otherwise.
void parse_occurred_at(std::string_view text, DayNumber& day, int& minute_of_day);

/// Reads a month field (an exposure's period) `YYYY-MM`; returns its first
/// day. Throws InputError with parse_month's message otherwise
/// (`invalid month "T": expected YYYY-MM`).
DayNumber parse_month_field(std::string_view text);

/// Reads an exposure value: a finite number >= 0, written in full (no
/// trailing text, not empty). Throws InputError
/// `invalid value "T": expected a non-negative number` otherwise.
double parse_exposure_value(std::string_view text);

/// Reads a service's capacity: a whole number of places from 0 to 1,000,000,
/// or empty for unknown (nullopt; each reader keeps its own marker for it).
/// Throws InputError `invalid capacity "T": expected a whole number of
/// places, or empty` otherwise.
std::optional<std::int32_t> parse_capacity(std::string_view text);

/// Reads an id that must not be empty; `what` names it in the message
/// (`empty incident id`, `empty service id`, `empty id`). Returns `text`.
std::string_view require_id(std::string_view text, std::string_view what);

}  // namespace closeloop
