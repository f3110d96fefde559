#!/usr/bin/python3
"""The metrics aggregation done by pandas and by closeloop, timed side by side.

Falls per 1,000 occupied bed days per service and month, dense (every service
and month present, zeros included), from N incidents over S services and 36
months; and reading an incidents CSV. Both sides produce the same numbers
(checked before timing). Run from a build tree:

    PYTHONPATH=build/release/python /usr/bin/python3 bench/compare_pandas.py [--incidents 10000000]

Prints one line per task: pandas seconds, closeloop seconds, speed-up (best of
--repeat runs each).
"""

import argparse
import os
import tempfile
import time

import numpy as np
import pandas as pd

import closeloop as cl

FIRST = np.datetime64("2023-04-01")
MONTHS = 36


def best_of(repeat, function):
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def make_data(n, services, seed):
    rng = np.random.default_rng(seed)
    days = (FIRST.astype("datetime64[D]").astype(np.int64) + rng.integers(0, 1096, n)).astype(np.int32)
    service = rng.integers(0, services, n).astype(np.int32)
    category = rng.integers(0, 9, n).astype(np.int32)
    harm = rng.integers(0, 5, n).astype(np.uint8)
    names = [f"S{s:04d}" for s in range(services)]
    months = np.arange(np.datetime64("2023-04"), np.datetime64("2023-04") + MONTHS)
    exposure = pd.DataFrame({
        "service_id": np.repeat(names, MONTHS),
        "period": np.tile(months, services).astype("datetime64[ns]"),
        "measure": "occupied_bed_days",
        "value": rng.uniform(700, 1000, services * MONTHS).round(),
    })
    frame = pd.DataFrame({
        "service_id": pd.Categorical.from_codes(service, categories=names),
        "occurred_at": days.astype("datetime64[D]").astype("datetime64[ns]"),
        "category": pd.Categorical.from_codes(category, categories=cl.builtin_categories()),
        "harm": pd.Categorical.from_codes(harm.astype(np.int8), categories=["none", "low", "moderate", "severe", "fatal"]),
    })
    return frame, exposure, (service, names, category, harm, days)


def pandas_rates(frame, exposure):
    falls = frame[frame["category"] == "fall"]
    month = falls["occurred_at"].dt.to_period("M")
    counts = falls.groupby([falls["service_id"], month], observed=False).size()
    months = pd.period_range("2023-04", periods=MONTHS, freq="M")
    index = pd.MultiIndex.from_product([frame["service_id"].cat.categories, months])
    counts = counts.reindex(index, fill_value=0)
    bed_days = exposure.assign(period=exposure["period"].dt.to_period("M")) \
        .set_index(["service_id", "period"])["value"].reindex(index, fill_value=0.0)
    rates = counts / bed_days.where(bed_days > 0) * 1000
    return counts.to_numpy().reshape(-1, MONTHS), rates.to_numpy().reshape(-1, MONTHS)


def closeloop_rates(table, exposure_table):
    grid = cl.count_grid(table, exposure_table, by="service_id", measure="occupied_bed_days",
                         categories=["fall"])
    return grid.counts, grid.rates()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=10_000_000)
    parser.add_argument("--services", type=int, default=1000)
    parser.add_argument("--csv-rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    frame, exposure, (service, names, category, harm, days) = make_data(args.incidents, args.services, 1)
    exposure_table = cl.ExposureTable.from_pandas(exposure)
    table = cl.IncidentTable._from_arrays(service, names, category, cl.builtin_categories(), harm, days)

    expected_counts, expected_rates = pandas_rates(frame, exposure)
    counts, rates = closeloop_rates(table, exposure_table)
    assert np.array_equal(counts, expected_counts)
    assert np.allclose(rates, expected_rates, rtol=1e-14, equal_nan=True)

    print(f"{args.incidents:,} incidents, {args.services} services, {MONTHS} months")
    rows = []
    t_pd, _ = best_of(args.repeat, lambda: pandas_rates(frame, exposure))
    t_cl, _ = best_of(args.repeat, lambda: closeloop_rates(table, exposure_table))
    rows.append(("falls per 1,000 bed days, service x month", t_pd, t_cl))
    t_from, _ = best_of(args.repeat, lambda: cl.IncidentTable.from_pandas(frame))
    rows.append(("IncidentTable.from_pandas (closeloop only)", float("nan"), t_from))

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "incidents.csv")
        small = frame.iloc[:args.csv_rows].copy()
        small.insert(0, "incident_id", [f"INC-{i}" for i in range(len(small))])
        small["reported_at"] = small["occurred_at"].dt.strftime("%Y-%m-%d")
        small["occurred_at"] = small["occurred_at"].dt.strftime("%Y-%m-%d")
        small["person_ref"] = "P1"
        small["description"] = "found on floor, no injury"
        small.to_csv(path, index=False)
        t_pd_csv, read = best_of(args.repeat, lambda: pd.read_csv(
            path, dtype={"service_id": "category", "category": "category", "harm": "category"},
            parse_dates=["occurred_at", "reported_at"]))
        t_cl_csv, inc = best_of(args.repeat, lambda: cl.read_incidents(path))
        assert len(read) == len(inc)
        rows.append((f"read {len(small):,}-row incidents.csv (typed, dates parsed)", t_pd_csv, t_cl_csv))

    print(f"{'task':58} {'pandas s':>9} {'closeloop s':>11} {'speed-up':>8}")
    for name, a, b in rows:
        ratio = a / b if a == a else float("nan")
        print(f"{name:58} {a:9.3f} {b:11.3f} {ratio:8.1f}")


if __name__ == "__main__":
    main()
