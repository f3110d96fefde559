// The sample provider's eight services, their monthly exposures and their
// incident rates (per 1,000 of the measure; docs/reports.md lists them).
#include <array>
#include <cmath>
#include <string>
#include <vector>

#include "generator.hpp"

namespace closeloop::sample::detail {

namespace {

constexpr std::array<ServiceSpec, 8> kServices{{
    {"oak-house", "Oak House", "residential", 40, "North", "OAK"},
    {"birch-lodge", "Birch Lodge", "nursing", 48, "North", "BIR"},
    {"willow-view", "Willow View", "residential", 30, "South", "WIL"},
    {"elm-court", "Elm Court", "supported_living", 10, "North", "ELM"},
    {"maple-court", "Maple Court", "supported_living", 8, "South", "MAP"},
    {"riverside-dom", "Riverside Home Care", "domiciliary", 0, "South", "RIV"},
    {"hilltop-dom", "Hilltop Home Care", "domiciliary", 0, "North", "HIL"},
    {"ash-grove", "Ash Grove Day Centre", "day_service", 25, "South", "ASH"},
}};

bool care_home(const ServiceSpec& s) {
  return std::string(s.type) == "residential" || std::string(s.type) == "nursing";
}

int days_in(Date month) { return month.end_of_month().day(); }

}  // namespace

const std::array<ServiceSpec, 8>& services() { return kServices; }

std::array<double, 4> exposure_of(const ServiceSpec& s, Date month, Random& random) {
  const double d = days_in(month);
  const std::string type = s.type;
  std::array<double, 4> out{0.0, 0.0, 0.0, 0.0};
  if (care_home(s)) {
    const double occupancy = 0.86 + 0.09 * random.uniform();
    out[0] = std::round(s.capacity * occupancy * d);
    out[1] = std::round(out[0] * (8.5 + random.uniform()));
  } else if (type == "supported_living") {
    const double people = s.capacity - (random.uniform() < 0.2 ? 1 : 0);
    out[2] = std::round(people * (13.0 + 2.0 * random.uniform()) * d);
    out[1] = std::round(people * (5.5 + random.uniform()) * d);
  } else if (type == "domiciliary") {
    out[2] = std::round((125.0 + 10.0 * random.uniform()) * d);
    out[3] = std::round(out[2] * (1.35 + 0.1 * random.uniform()));
    out[1] = std::round((48.0 + 6.0 * random.uniform()) * d);
  } else {
    const double attendances = std::round(s.capacity * (0.7 + 0.15 * random.uniform()) * 21.0);
    out[3] = attendances;
    out[2] = attendances * 6.0;
  }
  return out;
}

std::vector<Rate> rates_of(const ServiceSpec& s, Date month, const Timeline& t) {
  const std::string id = s.id;
  const std::string type = s.type;
  std::vector<Rate> out;
  if (care_home(s)) {
    double falls = 5.0;
    if (id == "oak-house") falls = month < t.month(-4) ? 7.2 : 3.4;  // falls plan implemented in June
    if (id == "birch-lodge") falls = (month >= t.month(-3) && month <= t.month(-1)) ? 10.5 : 6.0;
    out.push_back({"fall", 0, falls});
    out.push_back({"medication_error", 1, 0.3});
    out.push_back({"pressure_ulcer", 0, type == "nursing" ? 0.9 : 0.3});
    out.push_back({"behaviour", 0, 1.0});
    out.push_back({"infection", 0, 0.6});
    out.push_back({"safeguarding", 0, 0.35});
    out.push_back({"choking", 0, 0.05});
    out.push_back({"other", 0, 0.15});
  } else if (type == "supported_living") {
    double meds = 1.1;
    if (id == "elm-court") meds = month < t.month(-7) ? 2.8 : 0.8;  // MAR guidance from April
    out.push_back({"medication_error", 1, meds});
    out.push_back({"fall", 2, 0.3});
    out.push_back({"behaviour", 2, 0.8});
    out.push_back({"safeguarding", 2, 0.3});
    out.push_back({"missing_person", 2, 0.05});
    out.push_back({"other", 2, 0.1});
  } else if (type == "domiciliary") {
    out.push_back({"medication_error", 1, id == "hilltop-dom" ? 1.4 : 0.8});
    out.push_back({"fall", 2, 0.25});
    out.push_back({"safeguarding", 2, 0.35});
    out.push_back({"other", 2, 0.1});
  } else {
    out.push_back({"fall", 2, 0.15});
    out.push_back({"behaviour", 2, 0.6});
    out.push_back({"other", 2, 0.1});
  }
  return out;
}

}  // namespace closeloop::sample::detail
