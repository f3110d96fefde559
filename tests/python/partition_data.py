"""Seeded incidents split into partitions the hard way, for the partial
aggregate tests (test_partitions.py, test_dask.py): one service's incidents
spread over several partitions, an empty partition, categories missing from
some partitions, a service with exposure but no incident, one in the service
table only, and one with incidents but no exposure."""

import numpy as np
import pandas as pd

CATEGORIES = ["fall", "medication_error", "behaviour", "choking", "wandering"]
PROVIDER_CATEGORIES = ["wandering"]
HARMS = ["none", "low", "moderate", "severe", "fatal"]


def generate(seed=20261130, n=4000):
    """(incidents, exposure, services) DataFrames: S0..S5 have incidents over
    2025-01 to 2026-06, S6 only exposure, S7 neither, S5 no exposure, S3
    counts doses; "choking" happens only at S2, "wandering" is rare."""
    rng = np.random.default_rng(seed)
    service = rng.integers(0, 6, n)
    category = rng.choice(4, n, p=[0.55, 0.35, 0.08, 0.02])
    category = np.where(category == 3, 4, category)  # the rare one is "wandering"
    category = np.where((service == 2) & (rng.random(n) < 0.1), 3, category)
    harm = np.where(rng.random(n) < 0.2, rng.integers(0, 5, n), 0)
    day = np.datetime64("2025-01-01") + rng.integers(0, 546, n)
    incidents = pd.DataFrame({
        "incident_id": [f"I{i}" for i in range(n)],
        "service_id": [f"S{s}" for s in service],
        "occurred_at": day.astype("datetime64[D]").astype(str),
        "category": [CATEGORIES[c] for c in category],
        "harm": [HARMS[h] for h in harm],
    })
    rows = []
    for s in (0, 1, 2, 3, 4, 6):
        measure = "doses_administered" if s == 3 else "occupied_bed_days"
        for m in range(18):
            rows.append((f"S{s}", f"{2025 + m // 12}-{m % 12 + 1:02d}", measure,
                         float(rng.integers(500, 900)) + 0.25))
    exposure = pd.DataFrame(rows, columns=["service_id", "period", "measure", "value"])
    services = pd.DataFrame({
        "service_id": [f"S{s}" for s in range(8)],
        "name": [f"Home {s}" for s in range(8)],
        "type": ["nursing" if s % 3 == 0 else "residential" for s in range(8)],
        "capacity": [20] * 8,
        "region": ["North" if s < 4 else "South" for s in range(8)],
    })
    return incidents, exposure, services


def split(incidents, seed=7):
    """Partitions: every fall at S1, then an empty one, then the rest
    shuffled and cut at three random points."""
    rng = np.random.default_rng(seed)
    s1_falls = (incidents["service_id"] == "S1") & (incidents["category"] == "fall")
    rest = incidents[~s1_falls].sample(frac=1.0, random_state=seed)
    cuts = sorted(int(c) for c in rng.integers(0, len(rest), 3))
    bounds = [0, *cuts, len(rest)]
    parts = [incidents[s1_falls], incidents.iloc[0:0]]
    parts += [rest.iloc[a:b] for a, b in zip(bounds[:-1], bounds[1:])]
    return [p.reset_index(drop=True) for p in parts]
