// The sample provider's activity: month by month, each service's exposures
// and the incidents drawn at its rates, with realistic descriptions, harms,
// report delays and duty-of-candour notifications.
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "generator.hpp"

namespace closeloop::sample::detail {

namespace {

using boost::gregorian::days;
using boost::gregorian::months;
using boost::posix_time::minutes;
using lifecycle::duty_of_candour_due;
using lifecycle::Incident;

int days_in(Date month) { return month.end_of_month().day(); }

const std::map<std::string, std::vector<std::string>>& descriptions() {
  static const std::map<std::string, std::vector<std::string>> text{
      {"fall",
       {"Found on the floor beside the bed at night, no injury; said \"I was reaching for my glasses\"",
        "Slipped in the en-suite while walking without the frame, bruise to the left hip",
        "Lost balance standing up from the lounge chair, lowered to the floor by staff",
        "Unwitnessed fall in the corridor, small skin tear to the forearm, dressed",
        "Fell on the garden path, complained of wrist pain; X-ray at A&E, no fracture"}},
      {"medication_error",
       {"Evening dose recorded as given twice on the MAR; second dose not given",
        "Morning tablets given 2 hours late after the round was interrupted",
        "Dose omitted, MAR left blank; GP advised no harm expected",
        "Wrong strength dispensed from stock, 5 mg given instead of 2.5 mg",
        "Cream applied but not signed for, \"as required\" protocol missing"}},
      {"safeguarding",
       {"Unexplained bruising to the upper arm noticed during personal care",
        "Family member raised concerns about money going missing from the room",
        "Care worker reported a concern two days after the visit; not escalated the same day",
        "Verbal altercation between two people using the service in the lounge"}},
      {"pressure_ulcer",
       {"Category 2 pressure ulcer found on the sacrum, tissue viability referral made",
        "Redness on both heels that did not blanch, repositioning increased",
        "Category 3 pressure ulcer on the hip found after a hospital discharge"}},
      {"behaviour",
       {"Became distressed during personal care and hit out at a staff member",
        "Shouting and throwing objects in the dining room, de-escalated",
        "Refused support with meals and left the building for 20 minutes"}},
      {"infection",
       {"Suspected urinary tract infection, GP prescribed antibiotics",
        "Two residents with diarrhoea and vomiting, unit closed to visitors for 48 hours",
        "Chest infection, admitted to hospital for IV antibiotics"}},
      {"missing_person",
       {"Did not return from the shop at the agreed time, found by police at the station",
        "Left the house at night without telling staff, returned after 3 hours"}},
      {"choking",
       {"Coughing and choking on a sandwich, back blows given, recovered",
        "Choked on a boiled sweet, cleared with encouragement to cough"}},
      {"other",
       {"Call bell found unplugged in room 12",
        "Visitor tripped on the step at the entrance, no injury",
        "Hoist sling found frayed and taken out of use"}},
  };
  return text;
}

Harm draw_harm(Random& random, const std::string& category) {
  const double u = random.uniform();
  if (category == "other") return u < 0.85 ? Harm::none : Harm::low;
  if (u < 0.62) return Harm::none;
  if (u < 0.93) return Harm::low;
  if (u < 0.988) return Harm::moderate;
  if (u < 0.999) return Harm::severe;
  return category == "fall" || category == "choking" ? Harm::fatal : Harm::severe;
}

}  // namespace

std::vector<Incident> draw_activity(const SampleOptions& options, Date start, const Timeline& t, Random& random,
                                    metrics::ExposureTable& exposures) {
  const auto& specs = services();
  std::vector<std::string> exposure_services;
  std::vector<std::int32_t> exposure_service;
  std::vector<DayNumber> exposure_month;
  std::vector<std::uint8_t> exposure_measure;
  std::vector<double> exposure_value;
  for (const auto& s : specs) exposure_services.emplace_back(s.id);
  std::vector<Incident> generated;
  const auto& text = descriptions();
  for (int m = 0; m < options.months; ++m) {
    const Date month = start + months(m);
    for (std::size_t si = 0; si < specs.size(); ++si) {
      const ServiceSpec& s = specs[si];
      const auto exposure = exposure_of(s, month, random);
      for (std::uint8_t measure = 0; measure < 4; ++measure) {
        if (!(exposure[measure] > 0.0)) continue;
        exposure_service.push_back(static_cast<std::int32_t>(si));
        exposure_month.push_back(to_day_number(month));
        exposure_measure.push_back(measure);
        exposure_value.push_back(exposure[measure]);
      }
      const int pool = s.capacity > 0 ? s.capacity + 12 : 140;
      for (const Rate& rate : rates_of(s, month, t)) {
        const double mean = rate.per_1000 / 1000.0 * exposure[static_cast<std::size_t>(rate.measure)] *
                            options.rate_scale;
        const int n = random.poisson(mean);
        for (int k = 0; k < n; ++k) {
          Incident i;
          const Date day = month + days(random.below(days_in(month)));
          i.service = ServiceId(s.id);
          // Drawn one at a time: the order of function arguments is unspecified
          // (gcc drew the minute first when the committed sample was made; clang
          // draws the hour first and got a different sample).
          const auto minute = random.below(60);
          const auto hour = random.below(24);
          i.occurred_at = at(day, hour, minute);
          i.reported_at = i.occurred_at + minutes(20 + random.below(36 * 60));
          i.category = rate.category;
          i.harm = draw_harm(random, i.category);
          i.psychological_harm = random.uniform() < 0.15 ? PsychologicalHarm::low : PsychologicalHarm::none;
          const int person = 1 + random.below(pool);
          i.person_ref = std::string("person-") + s.code + "-" + (person < 10 ? "00" : person < 100 ? "0" : "") +
                         std::to_string(person);
          i.description = random.pick(text.at(i.category));
          if (i.occurred_at.date() > options.as_of) continue;
          if (i.reported_at.date() > options.as_of) i.reported_at = at(options.as_of, 23, 59);
          const bool notifiable = i.harm == Harm::severe || i.harm == Harm::fatal ||
                                  (i.harm == Harm::moderate && random.uniform() < 0.25);
          if (notifiable) {
            i.notifiable = true;
            i.notification_due = duty_of_candour_due(i.reported_at.date());
          }
          generated.push_back(std::move(i));
        }
      }
    }
  }
  exposures = metrics::ExposureTable::from_columns(exposure_services, exposure_service, exposure_month,
                                                   exposure_measure, exposure_value);
  return generated;
}

}  // namespace closeloop::sample::detail
