// The register as metrics tables (one adapter for every caller).
#include "closeloop/lifecycle/tables.hpp"

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "closeloop/lifecycle/register.hpp"

namespace closeloop::lifecycle {

metrics::IncidentTable incident_table(const Register& reg) {
  auto columns = std::make_shared<metrics::IncidentColumnVectors>();
  std::vector<std::string> services;
  std::map<std::string, std::int32_t> service_codes;
  for (const auto& [id, service] : reg.services()) {
    service_codes[id.str()] = static_cast<std::int32_t>(services.size());
    services.push_back(id.str());
  }
  std::vector<std::string> categories = reg.categories().all();
  std::map<std::string, std::int32_t> category_codes;
  for (std::size_t i = 0; i < categories.size(); ++i) {
    category_codes[categories[i]] = static_cast<std::int32_t>(i);
  }
  metrics::StringColumn ids;
  for (const auto& [id, incident] : reg.incidents()) {
    columns->service.push_back(service_codes.at(incident.service.str()));
    columns->category.push_back(category_codes.at(incident.category));
    columns->harm.push_back(static_cast<std::uint8_t>(incident.harm));
    columns->day.push_back(to_day_number(incident.occurred_at.date()));
    const auto minutes = incident.occurred_at.time_of_day().total_seconds() / 60;
    columns->minute.push_back(static_cast<std::int16_t>(minutes));
    columns->reported.push_back(incident.reported_at.is_special()
                                    ? metrics::kMissingDay
                                    : to_day_number(incident.reported_at.date()));
    ids.push_back(id.str());
  }
  return metrics::IncidentTable::from_columns(columns->views(), std::move(services),
                                              std::move(categories), std::move(ids), columns,
                                              reg.categories());
}

metrics::ServiceTable service_table(const Register& reg) {
  metrics::ServiceTable table;
  for (const auto& [id, s] : reg.services()) {
    table.add(id.str(), s.name, s.type.empty() ? std::string("other") : s.type, s.capacity, s.region);
  }
  return table;
}

}  // namespace closeloop::lifecycle
