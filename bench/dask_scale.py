#!/usr/bin/python3
"""The trend job at scale: one process against a Dask cluster of 1 and 2 workers.

Writes N seeded incidents (bench/compare_pandas.py's generator: S services,
36 months, the built-in categories) as --files incidents.csv files, then times
the u-chart trend job by service x category x month, per 1,000 occupied bed
days, three ways, and checks that all three equal cl.trends on the whole
table in memory, point for point:

* one process: each file read (cl.read_incidents) and counted
  (cl.count_partition) in turn, then cl.combine_partitions and cl.trends;
* closeloop.dask.trends on a distributed.LocalCluster of 1 worker process;
* the same on 2 worker processes (one thread each).

    PYTHONPATH=build/release/python /usr/bin/python3 bench/dask_scale.py [--incidents 10000000]

Prints the seconds of each (best of --repeat; cluster start-up not included).
docs/scale.md records a run.
"""

import argparse
import os
import sys
import tempfile
import time

import numpy as np
import pandas as pd

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare_pandas import best_of, make_data  # noqa: E402

import closeloop as cl  # noqa: E402
import closeloop.dask  # noqa: E402

OPTIONS = dict(by=["service_id", "category"], period="month", measure="occupied_bed_days",
               per=1000, chart="u", rules="mdc")


def write_files(frame, directory, files):
    paths = []
    bounds = np.linspace(0, len(frame), files + 1).astype(int)
    for i, (a, b) in enumerate(zip(bounds[:-1], bounds[1:])):
        part = frame.iloc[a:b]
        path = os.path.join(directory, f"incidents_{i:02d}.csv")
        pd.DataFrame({
            "incident_id": np.char.add("I", np.arange(a, b).astype(str)),
            "service_id": part["service_id"].astype(str).to_numpy(),
            "occurred_at": part["occurred_at"].dt.strftime("%Y-%m-%d").to_numpy(),
            "category": part["category"].astype(str).to_numpy(),
            "harm": part["harm"].astype(str).to_numpy(),
        }).to_csv(path, index=False)
        paths.append(path)
    return paths


def one_process(paths, exposure):
    grids = [cl.count_partition(cl.read_incidents(p), by=OPTIONS["by"], period=OPTIONS["period"])
             for p in paths]
    grid = cl.combine_partitions(grids, exposure, by=OPTIONS["by"], period=OPTIONS["period"],
                                 measure=OPTIONS["measure"], per=OPTIONS["per"])
    return cl.trends(grid, measure=OPTIONS["measure"], chart=OPTIONS["chart"], rules=OPTIONS["rules"])


def same(a, b):
    pd.testing.assert_frame_equal(a.to_pandas(), b.to_pandas(), check_exact=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--incidents", type=int, default=10_000_000)
    parser.add_argument("--services", type=int, default=1000)
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--dir", help="folder for the CSV files (default: a temporary one)")
    args = parser.parse_args()

    import distributed

    frame, exposure_frame, _ = make_data(args.incidents, args.services, 1)
    exposure = cl.ExposureTable.from_pandas(exposure_frame)
    want = cl.trends(cl.IncidentTable.from_pandas(frame), exposure, **OPTIONS)
    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        start = time.perf_counter()
        paths = write_files(frame, tmp, args.files)
        size = sum(os.path.getsize(p) for p in paths)
        print(f"{args.incidents:,} incidents, {args.services} services, 36 months, "
              f"{args.files} files of {size / args.files / 1e6:.0f} MB "
              f"(written in {time.perf_counter() - start:.0f} s); "
              f"{want.series_count} series x {len(want.period_starts)} months")
        t, got = best_of(args.repeat, lambda: one_process(paths, exposure))
        same(got, want)
        print(f"one process, files in turn     {t:7.2f} s")
        for workers in (1, 2):
            with distributed.LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                          dashboard_address=None) as cluster, \
                    distributed.Client(cluster):
                t, got = best_of(args.repeat, lambda: closeloop.dask.trends(paths, exposure, **OPTIONS))
                same(got, want)
                print(f"Dask, {workers} worker process{'es' if workers > 1 else '  '}       {t:7.2f} s")


if __name__ == "__main__":
    main()
