"""closeloop.dask.trends on a two-process distributed.LocalCluster, over
generated incidents split into several CSV files and into a dask DataFrame:
every point equals cl.trends on all the rows at once."""

import pandas as pd
import pytest

import closeloop as cl
from partition_data import PROVIDER_CATEGORIES, generate, split

dask = pytest.importorskip("dask")
distributed = pytest.importorskip("distributed")
import dask.dataframe as dd  # noqa: E402
import closeloop.dask  # noqa: E402

OPTIONS = dict(by=["service_id", "category"], period="month",
               measure=["occupied_bed_days", "doses_administered"], per=1000, chart="u",
               rules="mdc", improvement="decrease", rebase=["2025-10-01"])


@pytest.fixture(scope="module")
def client():
    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            yield client


@pytest.fixture(scope="module")
def data():
    incidents, exposure, services = generate(seed=99, n=6000)
    return incidents, cl.ExposureTable.from_pandas(exposure), cl.ServiceTable.from_pandas(services)


def category_set():
    categories = cl.CategorySet()
    for word in PROVIDER_CATEGORIES:
        categories.add(word)
    return categories


def assert_same_trends(got, want):
    assert isinstance(got, cl.TrendResult)
    assert len(got) == len(want) > 0
    pd.testing.assert_frame_equal(got.to_pandas(), want.to_pandas(), check_exact=True)
    assert got.variation == want.variation
    assert got.measure == want.measure
    assert got.keys == want.keys


def test_trends_over_csv_files_on_two_workers(client, data, tmp_path):
    incidents, exposure, services = data
    paths = []
    for i, part in enumerate(split(incidents)):
        path = tmp_path / f"incidents_{i}.csv"
        part.to_csv(path, index=False)
        paths.append(path)
    whole = tmp_path / "all.csv"
    pd.concat(split(incidents)).to_csv(whole, index=False)
    want = cl.trends(cl.read_incidents(str(whole), category_set()), exposure,
                     services=services, **OPTIONS)
    got = closeloop.dask.trends(paths, exposure, services=services,
                                provider_categories=PROVIDER_CATEGORIES, **OPTIONS)
    assert_same_trends(got, want)
    # The work ran on the cluster's two worker processes.
    assert len(client.scheduler_info()["workers"]) == 2
    assert sum(len(v) for v in client.run(lambda: [1]).values()) == 2


def test_trends_over_a_dask_dataframe(client, data):
    incidents, exposure, services = data
    frame = pd.concat(split(incidents), ignore_index=True)
    ddf = dd.from_pandas(frame, npartitions=4, sort=False)
    want = cl.trends(cl.IncidentTable.from_pandas(frame, categories=category_set()), exposure,
                     services=services, **OPTIONS)
    got = closeloop.dask.trends(ddf, exposure, services=services,
                                provider_categories=PROVIDER_CATEGORIES, **OPTIONS)
    assert_same_trends(got, want)


def test_grouping_by_region_sends_the_service_table(client, data):
    incidents, exposure, services = data
    frame = pd.concat(split(incidents), ignore_index=True)
    options = dict(by=["region", "harm"], period="quarter", measure="occupied_bed_days", chart="u")
    want = cl.trends(cl.IncidentTable.from_pandas(frame, categories=category_set()), exposure,
                     services=services, **options)
    got = closeloop.dask.trends(dd.from_pandas(frame, npartitions=3, sort=False), exposure,
                                services=services, provider_categories=PROVIDER_CATEGORIES,
                                **options)
    assert_same_trends(got, want)


def test_no_partitions_is_an_error():
    with pytest.raises(cl.InputError, match="no partitions"):
        closeloop.dask.trends([], cl.ExposureTable(), measure="occupied_bed_days")
