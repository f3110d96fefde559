#pragma once
/// \file
/// The register as the metrics area's tables: the one adapter from the
/// lifecycle's values to the columns the measure series, the trend job and
/// the report compute on.

#include "closeloop/metrics/tables.hpp"

namespace closeloop::lifecycle {

class Register;

/// The incidents of a register as a metrics table (ids, services,
/// categories, harm, day, minute and report day), services and categories in
/// the register's order.
metrics::IncidentTable incident_table(const Register& reg);

/// The services of a register as a metrics table.
metrics::ServiceTable service_table(const Register& reg);

}  // namespace closeloop::lifecycle
