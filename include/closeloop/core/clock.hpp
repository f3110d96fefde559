#pragma once
/// \file
/// The clock. closeloop never reads the system time inside the library: every
/// time-dependent call takes an explicit `as_of` or an injected Clock.

#include "closeloop/core/date.hpp"

namespace closeloop {

/// A source of the current instant, injected by the host application.
class Clock {
 public:
  virtual ~Clock() = default;
  /// The current instant (UTC).
  [[nodiscard]] virtual Instant now() const = 0;
  /// The current civil date (UTC).
  [[nodiscard]] Date today() const { return now().date(); }
};

/// A clock that always says the instant it was set to: for tests, replays and
/// reports "as of" a date.
class FixedClock final : public Clock {
 public:
  /// A clock stopped at `instant`.
  explicit FixedClock(Instant instant) : instant_(instant) {}
  [[nodiscard]] Instant now() const override { return instant_; }
  /// Moves the clock to `instant`.
  void set(Instant instant) { instant_ = instant; }

 private:
  Instant instant_;
};

/// The system's UTC clock, for host applications. The library itself never
/// constructs one.
class SystemClock final : public Clock {
 public:
  [[nodiscard]] Instant now() const override;
};

}  // namespace closeloop
