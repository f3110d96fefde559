#!/usr/bin/python3
"""Writes the sample provider data in examples/data/: services.csv,
exposure.csv and incidents.csv for six services over three financial years
(April 2023 to March 2026).

Seeded (random.Random) and dependency-free, so the committed files are exactly
what this script writes; tests/python/test_metrics_sample_data.py checks that.

    /usr/bin/python3 examples/generate_sample_data.py [--seed N] [--out DIR]

The data follow the seed document's three cases: falls in a residential home
(Oak House, where a falls-prevention programme from January 2025 lowers the
rate from about 7 to about 4 per 1,000 occupied bed days), medication
documentation errors in supported living (per 1,000 doses), and escalation
delays in domiciliary care (recorded as "other", per 1,000 visits).
"""

import argparse
import calendar
import csv
import math
import os
import random

FIRST_YEAR, FIRST_MONTH, MONTHS = 2023, 4, 36
SEED = 20260401

SERVICES = [
    # id, name, type, capacity, region
    ("S01", "Oak House", "residential", 30, "North"),
    ("S02", "Birch Lodge Nursing Home", "nursing", 45, "North"),
    ("S03", "Cedar Court", "residential", 24, "South"),
    ("S04", "Willow Supported Living", "supported_living", 12, "South"),
    ("S05", "Maple Homecare, North Branch", "domiciliary", None, "North"),
    ("S06", "Rowan Day Centre", "day_service", 20, "South"),
]

# Incidents per 1,000 units of the service's measure, by category.
RATES = {
    "residential": ("occupied_bed_days", {"fall": 6.0, "medication_error": 0.8,
                                          "pressure_ulcer": 0.4, "behaviour": 0.9,
                                          "infection": 0.5, "safeguarding": 0.2}),
    "nursing": ("occupied_bed_days", {"fall": 5.0, "medication_error": 1.0,
                                      "pressure_ulcer": 1.0, "infection": 0.6,
                                      "choking": 0.1, "safeguarding": 0.2}),
    "supported_living": ("doses_administered", {"medication_error": 1.6, "behaviour": 0.5,
                                                "safeguarding": 0.2, "missing_person": 0.05}),
    "domiciliary": ("visits", {"other": 1.2, "medication_error": 0.4, "fall": 0.3,
                               "safeguarding": 0.15}),
    "day_service": ("visits", {"fall": 1.0, "behaviour": 1.5, "choking": 0.2}),
}

DESCRIPTIONS = {
    "fall": ["Resident found on the floor beside the bed, no injury",
             "Slipped in the bathroom, bruise to left hip",
             'Resident said "I just lost my balance" while walking to the lounge',
             "Unwitnessed fall in corridor, checked by nurse, no injury",
             "Fell from chair during lunch; first aid given"],
    "medication_error": ["Evening dose not signed on the MAR chart",
                         "Paracetamol given 2 hours early, GP informed",
                         'Tablet found on the floor; staff said "it was given"',
                         "Wrong time for insulin, blood sugar checked, no harm",
                         "Stock count discrepancy, controlled drugs, reported to manager"],
    "pressure_ulcer": ["Category 2 pressure ulcer found on sacrum",
                       "Redness on heels, repositioning plan reviewed"],
    "behaviour": ["Verbal aggression towards staff member, de-escalated",
                  "Person upset and shouting, support plan followed",
                  "Damage to property in the lounge, no injury"],
    "infection": ["Diarrhoea and vomiting, isolation started",
                  "Suspected chest infection, GP visit, antibiotics"],
    "safeguarding": ["Concern raised by family about missing money",
                     'Person disclosed "someone was rough with me"; referral made',
                     "Unexplained bruising, body map completed, referral to local authority"],
    "missing_person": ["Person did not return from the shops, found after 40 minutes"],
    "choking": ["Coughing while eating, back slaps given, recovered",
                "Choking episode at lunch, modified diet review requested"],
    "other": ["Carer arrived late; change in condition not escalated to the office",
              "Missed visit, client's daughter called the office",
              "Concern about deterioration not passed on to the GP until next day,\nescalation policy reviewed"],
}

HARMS = [("none", 0.55), ("low", 0.33), ("moderate", 0.09), ("severe", 0.025), ("fatal", 0.005)]


def months():
    year, month = FIRST_YEAR, FIRST_MONTH
    for _ in range(MONTHS):
        yield year, month
        month += 1
        if month == 13:
            year, month = year + 1, 1


def poisson(rng, mean):
    # Knuth's method, fine for the small means used here.
    limit, k, product = math.exp(-mean), 0, rng.random()
    while product > limit:
        k += 1
        product *= rng.random()
    return k


def pick(rng, weighted):
    r, total = rng.random(), 0.0
    for value, weight in weighted:
        total += weight
        if r < total:
            return value
    return weighted[-1][0]


def exposure_rows(rng):
    rows = []
    for sid, _, kind, capacity, _ in SERVICES:
        for year, month in months():
            days = calendar.monthrange(year, month)[1]
            period = f"{year:04d}-{month:02d}"
            values = {}
            if kind in ("residential", "nursing"):
                values["occupied_bed_days"] = round(capacity * days * rng.uniform(0.84, 0.97))
                if kind == "nursing":
                    values["doses_administered"] = round(values["occupied_bed_days"] * rng.uniform(5.5, 6.5))
            elif kind == "supported_living":
                people = capacity * rng.uniform(0.9, 1.0)
                values["doses_administered"] = round(people * days * rng.uniform(3.6, 4.4))
                values["care_hours"] = round(people * days * rng.uniform(7.5, 9.0), 1)
            elif kind == "domiciliary":
                visits = round(days * rng.uniform(110, 130))
                values["visits"] = visits
                values["care_hours"] = round(visits * rng.uniform(0.45, 0.55), 1)
            else:
                values["visits"] = round(capacity * sum(
                    1 for d in range(1, days + 1) if calendar.weekday(year, month, d) < 5) * rng.uniform(0.7, 0.9))
            for measure, value in values.items():
                rows.append((sid, period, measure, value))
    return rows


def incident_rows(rng, exposure):
    table = {(sid, period, measure): value for sid, period, measure, value in exposure}
    rows = []
    number = 0
    for sid, _, kind, _, _ in SERVICES:
        measure, rates = RATES[kind]
        for year, month in months():
            period = f"{year:04d}-{month:02d}"
            units = table[(sid, period, measure)]
            days = calendar.monthrange(year, month)[1]
            for category, rate in rates.items():
                if sid == "S01" and category == "fall":
                    # Falls-prevention programme implemented in January 2025.
                    rate = 7.0 if (year, month) < (2025, 1) else 4.0
                for _ in range(poisson(rng, rate * units / 1000.0)):
                    number += 1
                    day = rng.randint(1, days)
                    occurred = f"{year:04d}-{month:02d}-{day:02d}"
                    if rng.random() < 0.7:
                        occurred += f"T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"
                    if rng.random() < 0.1:
                        reported = ""
                    else:
                        lag = pick(rng, [(0, 0.7), (1, 0.2), (2, 0.07), (5, 0.03)])
                        reported = _add_days(year, month, day, lag)
                    person = f"P-{sid}-{rng.randint(1, 40):03d}"
                    rows.append((None, sid, occurred, reported, category,
                                 pick(rng, HARMS), person, rng.choice(DESCRIPTIONS[category])))
    rows.sort(key=lambda row: (row[2], row[1]))
    return [(f"INC-{i + 1:06d}",) + row[1:] for i, row in enumerate(rows)]


def _add_days(year, month, day, lag):
    ordinal = _ordinal(year, month, day) + lag
    import datetime
    return datetime.date.fromordinal(ordinal).isoformat()


def _ordinal(year, month, day):
    import datetime
    return datetime.date(year, month, day).toordinal()


def write(path, header, rows):
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def generate(out_dir, seed=SEED):
    rng = random.Random(seed)
    os.makedirs(out_dir, exist_ok=True)
    write(os.path.join(out_dir, "services.csv"), ["service_id", "name", "type", "capacity", "region"],
          [(s, n, t, "" if c is None else c, r) for s, n, t, c, r in SERVICES])
    exposure = exposure_rows(rng)
    write(os.path.join(out_dir, "exposure.csv"), ["service_id", "period", "measure", "value"], exposure)
    write(os.path.join(out_dir, "incidents.csv"),
          ["incident_id", "service_id", "occurred_at", "reported_at", "category", "harm",
           "person_ref", "description"], incident_rows(rng, exposure))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "data"))
    args = parser.parse_args()
    generate(args.out, args.seed)


if __name__ == "__main__":
    main()
