"""Partial aggregates in Python: incidents counted per partition
(cl.count_partition), the grids added (cl.merge_grids, cl.combine_partitions)
and charted (cl.trends of a Grid) give exactly what the single-table path
gives for all the rows at once."""

import pickle

import numpy as np
import pandas as pd
import pytest

import closeloop as cl
from partition_data import PROVIDER_CATEGORIES, generate, split

CASES = [
    dict(by=["service_id", "category"], period="month",
         measure=["occupied_bed_days", "doses_administered"]),
    dict(by=["category", "region"], period="quarter", measure="occupied_bed_days"),
    dict(by=["harm"], period="week", measure="occupied_bed_days"),
    dict(by=["service_type", "harm", "category"], period="month",
         measure=["doses_administered", "occupied_bed_days"], categories=["wandering", "fall"]),
    dict(by=["service_id"], period="month", measure=None, categories=["choking"]),
]


@pytest.fixture(scope="module")
def data():
    incidents, exposure, services = generate()
    categories = cl.CategorySet()
    for word in PROVIDER_CATEGORIES:
        categories.add(word)
    parts = split(incidents)
    whole = pd.concat(parts, ignore_index=True)  # the partitions' rows, in partition order
    return dict(
        parts=[cl.IncidentTable.from_pandas(p, categories=categories) for p in parts],
        whole=cl.IncidentTable.from_pandas(whole, categories=categories),
        frames=parts,
        exposure=cl.ExposureTable.from_pandas(exposure),
        services=cl.ServiceTable.from_pandas(services))


def assert_same_grid(got, want):
    assert got.period == want.period
    assert np.array_equal(got.period_starts, want.period_starts)
    assert got.by == want.by
    assert got.keys == want.keys
    assert got.measure == want.measure
    assert np.array_equal(got.counts, want.counts)
    assert np.array_equal(got.exposure, want.exposure)
    assert got.per == want.per


def test_the_split_has_the_hard_cases(data):
    frames = data["frames"]
    assert len(frames[1]) == 0
    assert sum((f["service_id"] == "S1").any() for f in frames) >= 3
    assert sum(not (f["category"] == "choking").any() for f in frames) >= 2


@pytest.mark.parametrize("case", CASES, ids=lambda c: "-".join(c["by"]) + "-" + c["period"])
def test_combined_partitions_equal_the_whole_table(data, case):
    options = dict(case)
    measure = options.pop("measure")
    want = cl.count_grid(data["whole"], data["exposure"], measure=measure,
                         services=data["services"], **options)
    grids = [cl.count_partition(p, services=data["services"], **options) for p in data["parts"]]
    got = cl.combine_partitions(grids, data["exposure"], measure=measure,
                                services=data["services"], **options)
    assert_same_grid(got, want)
    assert want.counts.sum() > 0


def test_merge_is_the_same_in_any_tree_that_keeps_the_order(data):
    options = dict(by=["service_id", "category"])
    grids = [cl.count_partition(p, **options) for p in data["parts"]]
    left = grids[0]
    for g in grids[1:]:
        left = cl.merge_grids(left, g)
    pairs = [cl.merge_grids(grids[i], grids[i + 1]) for i in range(0, len(grids), 2)]
    tree = cl.merge_grids(cl.merge_grids(pairs[0], pairs[1]), pairs[2])
    assert_same_grid(tree, left)
    assert_same_grid(left, cl.count_grid(data["whole"], **options))


def test_a_grid_survives_pickling(data):
    grid = cl.count_grid(data["whole"], data["exposure"], by=["service_id", "harm"],
                         measure="occupied_bed_days")
    assert_same_grid(pickle.loads(pickle.dumps(grid)), grid)


@pytest.mark.parametrize("chart", ["u", "c", "xmr", "run"])
def test_trends_of_the_combined_grid_equal_the_trend_job(data, chart):
    options = dict(by=["service_id", "category"], measure=["occupied_bed_days", "doses_administered"])
    want = cl.trends(data["whole"], data["exposure"], chart=chart, rebase=["2025-10-01"],
                     services=data["services"], **options)
    grids = [cl.count_partition(p, by=options["by"], services=data["services"])
             for p in data["parts"]]
    grid = cl.combine_partitions(grids, data["exposure"], services=data["services"], **options)
    got = cl.trends(grid, chart=chart, measure=options["measure"], rebase=["2025-10-01"])
    assert isinstance(got, cl.TrendResult)
    pd.testing.assert_frame_equal(got.to_pandas(), want.to_pandas(), check_exact=True)
    assert got.variation == want.variation
    assert got.measure == want.measure


def test_trends_of_a_grid_refuse_counting_options(data):
    grid = cl.count_grid(data["whole"], by="service_id")
    with pytest.raises(cl.InputError, match="period"):
        cl.trends(grid, period="week", chart="c")
