#pragma once
// The text form of every stored entity: one row of its interchange table,
// fields in the table's column order (docs/store.md). The same decoders read
// CSV rows and database rows, so what an import accepts is exactly what a
// load rebuilds. Decoders throw FieldError naming the bad column.

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "closeloop/core/date.hpp"
#include "closeloop/lifecycle/types.hpp"
#include "closeloop/store/store.hpp"

namespace closeloop::store::detail {

/// A bad field: its 0-based column and what was wrong.
struct FieldError {
  std::size_t column;
  std::string message;
};

/// A row's fields in its table's column order.
using Fields = std::span<const std::string_view>;
/// An encoded row.
using Row = std::vector<std::string>;

/// One column of an interchange table.
struct Column {
  std::string_view name;
  /// Stored as NULL when empty (optional references and values).
  bool nullable = false;
  /// May be absent from an imported CSV; `fallback` is used then.
  bool optional = false;
  std::string_view fallback;
  /// Stored as REAL and written in shortest round-trip form.
  bool real = false;
};

/// The columns of `table`, in file and database order.
std::span<const Column> columns(Table table) noexcept;
/// The SQL table behind `table`.
std::string_view sql_table(Table table) noexcept;
/// The column index holding the row's own id (or parent id), where errors
/// about duplicates point.
std::size_t id_column(Table table) noexcept;

/// Canonical text of an instant: the date alone at midnight, else
/// YYYY-MM-DDTHH:MM:SS. Midnight and a bare date are the same instant.
std::string instant_text(const Instant& instant);
/// Canonical instant text of YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS] input.
bool canonical_instant(std::string_view text, std::string& out, DayNumber& day);
/// Shortest text that reads back as the same double.
std::string format_number(double value);

/// Ids in one cell are separated by this character (ids may not contain it).
inline constexpr char list_separator = ';';

lifecycle::Service decode_service(Fields f);
Row encode(const lifecycle::Service& value);
lifecycle::Incident decode_incident(Fields f);
Row encode(const lifecycle::Incident& value);
lifecycle::Investigation decode_investigation(Fields f);
Row encode(const lifecycle::Investigation& value);
/// An escalation step and its 1-based position.
std::pair<std::size_t, lifecycle::EscalationStep> decode_escalation_step(Fields f);
Row encode_step(const EscalationPathId& path, std::size_t position,
                const lifecycle::EscalationStep& step);
/// A path without steps, and whether it is the default.
std::pair<lifecycle::EscalationPath, bool> decode_escalation_path(Fields f);
Row encode(const lifecycle::EscalationPath& value, bool is_default);
lifecycle::ActionPlan decode_plan(Fields f);
Row encode(const lifecycle::ActionPlan& value);
std::pair<std::size_t, lifecycle::Measure> decode_measure(Fields f);
Row encode_measure(const ActionId& action, std::size_t position, const lifecycle::Measure& m);
std::pair<std::size_t, lifecycle::Monitoring> decode_monitoring(Fields f);
Row encode_monitoring(const ActionId& action, std::size_t position, const lifecycle::Monitoring& m);
/// An action without measures, monitoring or events.
lifecycle::Action decode_action(Fields f);
Row encode(const lifecycle::Action& value);
lifecycle::Evidence decode_evidence(Fields f);
Row encode(const lifecycle::Evidence& value);
lifecycle::Check decode_check(Fields f);
Row encode(const lifecycle::Check& value);
lifecycle::GovernanceReview decode_review(Fields f);
Row encode(const lifecycle::GovernanceReview& value);
lifecycle::ShareTarget decode_share_target(Fields f);
Row encode_target(const ShareId& share, const lifecycle::ShareTarget& target);
/// A share without targets.
lifecycle::LearningShare decode_share(Fields f);
Row encode(const lifecycle::LearningShare& value);
lifecycle::StaffBriefing decode_briefing(Fields f);
Row encode(const lifecycle::StaffBriefing& value);
lifecycle::ActionEvent decode_event(Fields f);
Row encode(const lifecycle::ActionEvent& value);

/// Exposure rows are checked, not decoded: the register does not hold them.
void check_exposure(Fields f);

}  // namespace closeloop::store::detail
