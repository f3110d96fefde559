#!/usr/bin/python3
"""The trend job three ways on the same data, timed and checked against each other.

    PYTHONPATH=build/bench/python /usr/bin/python3 bench/trend_job.py \\
        --build build/bench --incidents 10000000 --services 2000 --repeat 3

1. Generates the data once (bench/generate_data.cpp, seeded) into --data.
2. Runs, each in a fresh process so that peak memory is its own, --repeat times:
   * closeloop from Python: read_incidents (service and category kept),
     read_exposure, trends (service x category u charts per 1,000 bed days,
     Making Data Count rules), to_pandas;
   * vectorised pandas: read_csv of the needed columns with categorical
     dtypes, to_datetime, numpy month bucketing and bincount, u-chart limits
     and the same four rules in numpy, a DataFrame per point;
   * the plain C++ floor (bench/trend_floor.cpp).
3. Checks that all three agree on every count, limit (to 1e-12 relative) and
   rule flag, then prints the median seconds of each step, the peak resident
   memory, and the ratios.

Steps: "read" (both CSV files into columns), "trends" (bucket, count, rates,
charts, rules), "frame" (the per-point DataFrame), "total" (the whole job).
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time

CATEGORIES = ["fall", "medication_error", "safeguarding", "pressure_ulcer", "behaviour",
              "infection", "missing_person", "choking"]
RULES = ["outside_limits", "shift", "trend", "two_of_three"]


# --- the closeloop job -------------------------------------------------------

def run_closeloop(data, out):
    import numpy as np
    import pandas  # noqa: F401  (imported before timing, as the pandas job has it)

    import closeloop as cl

    start = time.perf_counter()
    incidents = cl.read_incidents(os.path.join(data, "incidents.csv"),
                                  columns=["service_id", "category"])
    exposure = cl.read_exposure(os.path.join(data, "exposure.csv"))
    read = time.perf_counter()
    result = cl.trends(incidents, exposure, by=["service_id", "category"], period="month",
                       measure="occupied_bed_days", per=1000, chart="u", rules="mdc",
                       categories=CATEGORIES)
    trends = time.perf_counter()
    frame = result.to_pandas()
    done = time.perf_counter()
    assert len(frame) == len(result)
    np.savez(out, services=np.array(result.keys["service_id"]),
             categories=np.array(result.keys["category"]), months=len(result.period_starts),
             count=result.count, centre=result.centre, lcl=result.lcl, ucl=result.ucl,
             flags=np.stack([result.signals[rule] for rule in RULES]))
    return {"read": read - start, "trends": trends - read, "frame": done - trends,
            "total": done - start}


# --- the pandas job ----------------------------------------------------------

def _runs(breaks):
    """Run ids and lengths over a flattened 2-D array, a run ending where
    `breaks` is True (the start of a new run)."""
    import numpy as np

    ids = np.cumsum(breaks) - 1
    return ids, np.bincount(ids)


def pandas_rules(value, centre, lcl, ucl, lcl2, ucl2):
    """The four Making Data Count rules on (series, months) arrays without
    missing points, vectorised."""
    import numpy as np

    n_series, n_months = value.shape
    outside = (value > ucl) | (value < lcl)
    side = np.sign(value - centre).astype(np.int8)
    first = np.zeros_like(side, dtype=bool)
    first[:, 0] = True
    # Shift: a run of 7+ points on one side; a point on the centre breaks it.
    new_run = first | (side != np.roll(side, 1, axis=1)) | (side == 0)
    ids, lengths = _runs(new_run.ravel())
    shift = ((lengths[ids] >= 7) & (side.ravel() != 0)).reshape(side.shape)
    # Trend: 6+ equal strict steps cover 7+ points (a zero step restarts).
    step = np.zeros_like(side)
    step[:, 1:] = np.sign(np.diff(value, axis=1))
    new_steps = first | (step != np.roll(step, 1, axis=1)) | (step == 0)
    ids, lengths = _runs(new_steps.ravel())
    long_steps = ((lengths[ids] >= 6) & (step.ravel() != 0)).reshape(side.shape)
    trend = long_steps.copy()
    trend[:, :-1] |= long_steps[:, 1:]  # the point each step starts from
    # Two of three: three consecutive points on one side, two or more of them
    # beyond 2 sigma (and inside the limits); those points are flagged.
    close = ~outside & ((value < lcl2) | (value > ucl2))
    same = (side[:, 2:] != 0) & (side[:, 2:] == side[:, 1:-1]) & (side[:, 1:-1] == side[:, :-2])
    hit = same & (close[:, 2:].astype(np.int8) + close[:, 1:-1] + close[:, :-2] >= 2)
    two = np.zeros_like(close)
    for offset in range(3):
        two[:, offset:n_months - 2 + offset] |= hit
    two &= close
    return outside, shift, trend, two


def run_pandas(data, out):
    import numpy as np
    import pandas as pd

    start = time.perf_counter()
    incidents = pd.read_csv(os.path.join(data, "incidents.csv"),
                            usecols=["service_id", "occurred_at", "category"],
                            dtype={"service_id": "category", "category": "category"})
    incidents["occurred_at"] = pd.to_datetime(incidents["occurred_at"], format="%Y-%m-%dT%H:%M")
    exposure = pd.read_csv(os.path.join(data, "exposure.csv"),
                           dtype={"service_id": "category", "measure": "category"})
    read = time.perf_counter()

    services = incidents["service_id"].cat.categories
    categories = pd.Index(CATEGORIES)
    months = incidents["occurred_at"].to_numpy().astype("datetime64[M]").astype(np.int64)
    first, last = months.min(), months.max()
    n_months = int(last - first + 1)
    service_code = incidents["service_id"].cat.codes.to_numpy().astype(np.int64)
    category_code = categories.get_indexer(incidents["category"].cat.categories)[
        incidents["category"].cat.codes.to_numpy()]
    n_series = len(services) * len(categories)
    flat = (service_code * len(categories) + category_code) * n_months + (months - first)
    counts = np.bincount(flat, minlength=n_series * n_months).reshape(n_series, n_months)
    bed_days = exposure[exposure["measure"] == "occupied_bed_days"]
    period = pd.to_datetime(bed_days["period"], format="%Y-%m").to_numpy()
    period = period.astype("datetime64[M]").astype(np.int64) - first
    row = services.get_indexer(bed_days["service_id"].astype(str))
    keep = (row >= 0) & (period >= 0) & (period < n_months)
    per_service = np.zeros((len(services), n_months))
    per_service[row[keep], period[keep]] = bed_days["value"].to_numpy()[keep]
    exposure_2d = np.repeat(per_service, len(categories), axis=0)
    assert (exposure_2d > 0).all(), "the pandas job assumes no missing points"
    value = counts / exposure_2d
    centre = (counts.sum(axis=1) / exposure_2d.sum(axis=1))[:, None]
    sigma = np.sqrt(centre / exposure_2d)
    lcl, ucl = np.maximum(0, centre - 3 * sigma), centre + 3 * sigma
    lcl2, ucl2 = np.maximum(0, centre - 2 * sigma), centre + 2 * sigma
    flags = pandas_rules(value, centre, lcl, ucl, lcl2, ucl2)
    centre = np.broadcast_to(centre, value.shape) * 1000
    trends = time.perf_counter()

    frame = pd.DataFrame({
        "service_id": pd.Categorical.from_codes(np.repeat(np.arange(len(services)), len(categories) * n_months),
                                                categories=services),
        "category": pd.Categorical.from_codes(np.tile(np.repeat(np.arange(len(categories)), n_months),
                                                      len(services)), categories=categories),
        "period_start": np.tile((np.arange(n_months) + first).astype("datetime64[M]").astype("datetime64[ns]"),
                                n_series),
        "count": counts.ravel(), "exposure": exposure_2d.ravel(),
        "rate": (value * 1000).ravel(), "centre": centre.ravel(),
        "lcl": (lcl * 1000).ravel(), "ucl": (ucl * 1000).ravel(),
        **{rule: flag.ravel() for rule, flag in zip(RULES, flags)},
    })
    done = time.perf_counter()
    assert len(frame) == n_series * n_months
    np.savez(out, services=np.repeat(np.asarray(services).astype(str), len(categories)),
             categories=np.tile(np.asarray(categories).astype(str), len(services)), months=n_months,
             count=counts.ravel(), centre=centre.ravel(), lcl=(lcl * 1000).ravel(),
             ucl=(ucl * 1000).ravel(), flags=np.stack([f.ravel() for f in flags]))
    return {"read": read - start, "trends": trends - read, "frame": done - trends,
            "total": done - start}


# --- the driver --------------------------------------------------------------

def floor_result(folder):
    """The floor's output as the same arrays as the Python jobs save."""
    import numpy as np

    lines = open(os.path.join(folder, "keys.txt")).read().split("\n")
    services, categories, months = lines[0].split(), lines[1].split(), int(lines[2])
    n = len(services) * len(categories) * months
    load = lambda name, dtype: np.fromfile(os.path.join(folder, name), dtype=dtype)  # noqa: E731
    return {"services": np.repeat(services, len(categories)),
            "categories": np.tile(categories, len(services)), "months": months,
            "count": load("counts.bin", np.int64), "centre": load("centre.bin", np.float64),
            "lcl": load("lcl.bin", np.float64), "ucl": load("ucl.bin", np.float64),
            "flags": load("flags.bin", np.uint8).reshape(4, n).astype(bool)}


def by_series(result):
    """Rows reordered by (service, category) text, as a (series, months) view."""
    import numpy as np

    services = np.asarray(result["services"]).astype(str)
    categories = np.asarray(result["categories"]).astype(str)
    order = np.lexsort((categories, services))
    months = int(result["months"])
    rows = (order[:, None] * months + np.arange(months)).ravel()
    out = {"keys": list(zip(services[order], categories[order]))}
    for name in ("count", "centre", "lcl", "ucl"):
        out[name] = np.asarray(result[name])[rows]
    out["flags"] = np.asarray(result["flags"])[:, rows]
    return out


def check_agreement(results):
    import numpy as np

    names = list(results)
    base = by_series(results[names[0]])
    for name in names[1:]:
        other = by_series(results[name])
        assert base["keys"] == other["keys"], f"{names[0]} and {name} chart other series"
        assert np.array_equal(base["count"], other["count"]), f"counts differ: {name}"
        for column in ("centre", "lcl", "ucl"):
            assert np.allclose(base[column], other[column], rtol=1e-12, atol=0), \
                f"{column} differs: {names[0]} vs {name}"
        for r, rule in enumerate(RULES):
            differ = np.flatnonzero(base["flags"][r] != other["flags"][r])
            assert differ.size == 0, f"{rule} flags differ at {differ.size} points: {name}"
    points = len(base["count"])
    flagged = {rule: int(base["flags"][r].sum()) for r, rule in enumerate(RULES)}
    return points, flagged


def run_child(command, env=None):
    """Runs a command; returns its stdout and its own peak resident memory (bytes)."""
    process = subprocess.Popen(command, stdout=subprocess.PIPE, env=env)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        sys.exit(f"{command[0]} failed ({process.returncode})")
    return json.loads(output.decode().strip().splitlines()[-1]), usage.ru_maxrss * 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--build", default="build/bench", help="the build tree with bench programs")
    parser.add_argument("--data", help="data folder (default: a folder per size in the temp dir)")
    parser.add_argument("--incidents", type=int, default=1_000_000)
    parser.add_argument("--services", type=int, default=2000)
    parser.add_argument("--months", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--only", choices=["closeloop", "pandas", "floor"], action="append")
    parser.add_argument("--child", choices=["closeloop", "pandas"], help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        job = run_closeloop if args.child == "closeloop" else run_pandas
        print(json.dumps(job(args.data, args.out)))
        return

    data = args.data or os.path.join(tempfile.gettempdir(),
                                     f"closeloop-bench-{args.incidents}-{args.services}-{args.months}")
    if not os.path.exists(os.path.join(data, "incidents.csv")):
        subprocess.run([os.path.join(args.build, "bench", "closeloop_generate_data"),
                        "--incidents", str(args.incidents), "--services", str(args.services),
                        "--months", str(args.months), "--seed", "1", "--out", data], check=True)
    size = os.path.getsize(os.path.join(data, "incidents.csv"))
    print(f"data: {args.incidents:,} incidents ({size / 1e9:.2f} GB), {args.services:,} services x "
          f"{len(CATEGORIES)} categories x {args.months} months; {os.cpu_count()} cores")

    work = tempfile.mkdtemp()
    jobs = args.only or ["closeloop", "pandas", "floor"]
    times = {job: [] for job in jobs}
    memory = {job: [] for job in jobs}
    results = {}
    for _ in range(args.repeat):
        for job in jobs:
            if job == "floor":
                out = os.path.join(work, "floor")
                os.makedirs(out, exist_ok=True)
                command = [os.path.join(args.build, "bench", "closeloop_trend_floor"), data, out]
            else:
                out = os.path.join(work, job + ".npz")
                command = [sys.executable, __file__, "--child", job, "--data", data, "--out", out]
            seconds, peak = run_child(command)
            times[job].append(seconds)
            memory[job].append(peak)
            results[job] = out

    import numpy as np

    loaded = {job: (floor_result(path) if job == "floor" else dict(np.load(path)))
              for job, path in results.items()}
    points, flagged = check_agreement(loaded)
    print(f"agreement: {', '.join(jobs)} give the same {points:,} points: counts equal, limits "
          f"within 1e-12, every flag equal ({', '.join(f'{k} {v:,}' for k, v in flagged.items())})")

    steps = ["read", "trends", "frame", "total"]
    median = {job: {step: statistics.median(t[step] for t in times[job])
                    for step in steps if step in times[job][0]} for job in jobs}
    print(f"median of {args.repeat} runs, seconds:")
    print(f"{'step':<8}" + "".join(f"{job:>11}" for job in jobs) +
          ("   pandas/closeloop" if {"pandas", "closeloop"} <= set(jobs) else "") +
          ("   closeloop/floor" if {"floor", "closeloop"} <= set(jobs) else ""))
    for step in steps:
        line = f"{step:<8}" + "".join(
            f"{median[job][step]:>11.3f}" if step in median[job] else f"{'-':>11}" for job in jobs)
        if {"pandas", "closeloop"} <= set(jobs):
            line += f"   {median['pandas'][step] / median['closeloop'][step]:>16.1f}x"
        if {"floor", "closeloop"} <= set(jobs) and step in median["floor"]:
            line += f"   {median['closeloop'][step] / median['floor'][step]:>15.2f}x"
        print(line)
    peak = {job: statistics.median(memory[job]) / 2**30 for job in jobs}
    line = f"{'peak GiB':<8}" + "".join(f"{peak[job]:>11.3f}" for job in jobs)
    if {"pandas", "closeloop"} <= set(jobs):
        line += f"   closeloop uses {peak['closeloop'] / peak['pandas']:.2f} of pandas' memory"
    print(line)


if __name__ == "__main__":
    main()
