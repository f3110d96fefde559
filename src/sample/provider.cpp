// The sample provider: eight services of every type, two years of incidents
// and exposures, and a register carrying the seed's three scenarios plus the
// plans that put an action in every lifecycle state. services.cpp holds the
// services and their rates, incidents.cpp the monthly draws, scenarios.cpp
// the register's plans.
#include "closeloop/sample/provider.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "closeloop/core/error.hpp"
#include "closeloop/lifecycle/tables.hpp"
#include "generator.hpp"

namespace closeloop::sample {

SampleProvider generate_sample_provider(const SampleOptions& options) {
  using boost::gregorian::months;
  if (options.months < 12) throw InputError("sample provider: months must be at least 12");
  if (!(options.rate_scale > 0.0)) throw InputError("sample provider: rate_scale must be positive");
  const Date start(options.start.year(), options.start.month(), 1);
  const Date last_month = start + months(options.months - 1);
  if (options.as_of < last_month || options.as_of > (last_month + months(1)).end_of_month()) {
    throw InputError("sample provider: as_of " + to_iso(options.as_of) +
                     " must fall in the last generated month (" + to_iso(last_month) + ") or the next");
  }
  if (options.months < 24) {
    // The scenarios reach back 23 months before as_of.
    throw InputError("sample provider: the embedded scenarios need at least 24 months");
  }
  detail::Random random(options.seed);
  const detail::Timeline timeline{options.as_of, Date(options.as_of.year(), options.as_of.month(), 1)};

  SampleProvider out;
  out.name = "Sample Care Group";
  out.as_of = options.as_of;
  lifecycle::Register& reg = out.reg;
  for (const auto& s : detail::services()) {
    reg.add_service({ServiceId(s.id), s.name, s.type, s.capacity, s.region});
    out.services.add(s.id, s.name, s.type, s.capacity == 0 ? -1 : s.capacity, s.region);
  }

  std::vector<lifecycle::Incident> generated = detail::draw_activity(options, start, timeline, random, out.exposures);
  std::stable_sort(generated.begin(), generated.end(), [](const lifecycle::Incident& a, const lifecycle::Incident& b) {
    return a.occurred_at < b.occurred_at;
  });
  for (std::size_t i = 0; i < generated.size(); ++i) {
    std::string number = std::to_string(i + 1);
    generated[i].id = IncidentId("INC-" + std::string(number.size() < 5 ? 5 - number.size() : 0, '0') + number);
    reg.add_incident(generated[i]);
  }
  std::vector<const lifecycle::Incident*> pointers;
  for (const auto& [id, incident] : reg.incidents()) pointers.push_back(&incident);
  std::stable_sort(pointers.begin(), pointers.end(), [](const lifecycle::Incident* a, const lifecycle::Incident* b) {
    return a->occurred_at < b->occurred_at;
  });
  detail::add_scenarios(reg, random, timeline, pointers);

  // The incident table: the register's incidents as columns (the one adapter).
  out.incidents = lifecycle::incident_table(reg);
  return out;
}

}  // namespace closeloop::sample
