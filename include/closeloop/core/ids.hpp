#pragma once
/// \file
/// Strong identifier types. Ids are strings chosen by the caller (a vendor's
/// own keys); wrapping them per entity makes mixing them a compile error.

#include <compare>
#include <cstddef>
#include <functional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>

namespace closeloop {

/// An identifier of the entity named by `Tag`. Non-empty by convention; the
/// register refuses empty ids.
template <class Tag>
class Id {
 public:
  Id() = default;
  /// Wraps a caller's key.
  explicit Id(std::string value) : value_(std::move(value)) {}
  /// Wraps a caller's key.
  explicit Id(std::string_view value) : value_(value) {}
  /// Wraps a caller's key.
  explicit Id(const char* value) : value_(value) {}
  /// The key as text.
  [[nodiscard]] const std::string& str() const noexcept { return value_; }
  /// True when no key was given.
  [[nodiscard]] bool empty() const noexcept { return value_.empty(); }
  auto operator<=>(const Id&) const = default;
  bool operator==(const Id&) const = default;

 private:
  std::string value_;
};

template <class Tag>
std::ostream& operator<<(std::ostream& out, const Id<Tag>& id) {
  return out << id.str();
}

struct ServiceTag {};
struct IncidentTag {};
struct InvestigationTag {};
struct PlanTag {};
struct ActionTag {};
struct EvidenceTag {};
struct CheckTag {};
struct ReviewTag {};
struct ShareTag {};
struct EscalationPathTag {};

/// A care service (a home, a supported-living scheme, a domiciliary branch).
using ServiceId = Id<ServiceTag>;
/// An incident.
using IncidentId = Id<IncidentTag>;
/// An investigation (learning response).
using InvestigationId = Id<InvestigationTag>;
/// An action plan.
using PlanId = Id<PlanTag>;
/// An action within a plan.
using ActionId = Id<ActionTag>;
/// An item of evidence.
using EvidenceId = Id<EvidenceTag>;
/// A monitoring check.
using CheckId = Id<CheckTag>;
/// A governance review.
using ReviewId = Id<ReviewTag>;
/// A learning share.
using ShareId = Id<ShareTag>;
/// An escalation path.
using EscalationPathId = Id<EscalationPathTag>;

}  // namespace closeloop

template <class Tag>
struct std::hash<closeloop::Id<Tag>> {
  std::size_t operator()(const closeloop::Id<Tag>& id) const noexcept {
    return std::hash<std::string>{}(id.str());
  }
};
