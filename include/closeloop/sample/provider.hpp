#pragma once
/// \file
/// A seeded generator of a realistic multi-service care provider: services of
/// every type, two years of incidents at realistic rates with their monthly
/// exposures, and a register with investigations, plans and actions in every
/// lifecycle state (with their events, evidence, checks, governance reviews,
/// learning shares and an escalation path). The seed document's three
/// scenarios are embedded: medication documentation at a supported living
/// service, falls prevention at a residential home, and escalation delays in
/// domiciliary care. Everything goes through the Register's public API, so
/// every event passed its guards. The same options give the same provider on
/// every platform (the generator has its own random numbers and Poisson
/// draws). docs/reports.md describes what it contains.
///
/// The sample is not part of the closeloop library: link closeloop::sample
/// (docs/architecture.md, "Where the sample and the seed scenarios live").

#include <cstdint>
#include <string>

#include "closeloop/core/date.hpp"
#include "closeloop/lifecycle/register.hpp"
#include "closeloop/metrics/tables.hpp"

namespace closeloop::sample {

/// What to generate.
struct SampleOptions {
  /// The random seed; the same seed gives the same provider.
  std::uint64_t seed = 7;
  /// The first month of incidents and exposures (its first day is used).
  Date start = Date(2024, 12, 1);
  /// The number of months of incidents and exposures (at least 12).
  int months = 24;
  /// The day the register is "as of": no event, check or incident is dated
  /// later. Must fall in the last generated month or the month after it.
  Date as_of = Date(2026, 11, 26);
  /// Scales every incident rate (1.0: the realistic rates in docs/reports.md).
  double rate_scale = 1.0;
};

/// A generated provider: the register and the metrics tables of the same
/// services and incidents, plus the exposures.
struct SampleProvider {
  /// The provider's name ("Sample Care Group").
  std::string name;
  /// The date the data is as of.
  Date as_of;
  /// Services, incidents, investigations, plans, actions and the rest.
  lifecycle::Register reg;
  /// The register's services as a metrics table.
  metrics::ServiceTable services;
  /// The register's incidents as a metrics table.
  metrics::IncidentTable incidents;
  /// Monthly occupied bed days, doses administered, care hours and visits.
  metrics::ExposureTable exposures;
};

/// Generates a provider. InputError for fewer than 12 months, a non-positive
/// rate scale, or an as_of outside the last generated month and the next.
SampleProvider generate_sample_provider(const SampleOptions& options = {});

}  // namespace closeloop::sample
