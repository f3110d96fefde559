"""read_incidents(columns=...) and the trend result's DataFrame: what a large
job keeps in memory and what reaches pandas without a copy."""

import numpy as np
import pandas as pd
import pytest

import closeloop as cl


@pytest.fixture
def data(source_dir):
    return source_dir / "examples" / "data"


def test_columns_keep_only_what_is_asked(data):
    full = cl.read_incidents(str(data / "incidents.csv"))
    narrow = cl.read_incidents(str(data / "incidents.csv"), columns=["service_id", "category"])
    assert narrow.columns == ["service_id", "category"]
    assert full.columns == ["incident_id", "service_id", "occurred_at", "reported_at", "category",
                            "harm"]
    assert len(narrow) == len(full)
    assert np.array_equal(narrow.service, full.service)
    assert np.array_equal(narrow.category, full.category)
    assert np.array_equal(narrow.day, full.day)
    assert len(narrow.harm) == 0 and narrow.minute is None and narrow.ids == []
    # The DataFrame has the kept columns only.
    frame = narrow.to_pandas()
    assert list(frame.columns) == ["service_id", "occurred_at", "category"]
    assert frame["service_id"].tolist() == full.to_pandas()["service_id"].tolist()


def test_a_job_needing_a_column_not_kept_says_which(data):
    narrow = cl.read_incidents(str(data / "incidents.csv"), columns=["service_id", "category"])
    with pytest.raises(cl.InputError, match="grouping by harm needs the harm column"):
        cl.count_grid(narrow, by="harm")
    with pytest.raises(cl.InputError, match='unknown incident column "person_ref": expected one of '
                                            "incident_id, service_id"):
        cl.read_incidents(str(data / "incidents.csv"), columns=["person_ref"])


def test_same_trends_from_a_narrow_table(data):
    exposure = cl.read_exposure(str(data / "exposure.csv"))
    full = cl.read_incidents(str(data / "incidents.csv"))
    narrow = cl.read_incidents(str(data / "incidents.csv"), columns=["service_id", "category"])
    options = dict(by=["service_id", "category"], measure="occupied_bed_days")
    a = cl.trends(full, exposure, **options).to_pandas()
    b = cl.trends(narrow, exposure, **options).to_pandas()
    pd.testing.assert_frame_equal(a, b)


def test_trend_frame_shares_the_result_buffers(data):
    incidents = cl.read_incidents(str(data / "incidents.csv"), columns=["service_id", "category"])
    result = cl.trends(incidents, cl.read_exposure(str(data / "exposure.csv")),
                       by=["service_id", "category"], measure="occupied_bed_days")
    frame = result.to_pandas()
    for column in ["count", "exposure", "rate", "centre", "lcl", "ucl"]:
        assert np.shares_memory(frame[column].to_numpy(), getattr(result, column)), column
    assert np.shares_memory(frame["shift"].to_numpy(), result.signals["shift"])
    # Keys and MDC words are categoricals built from codes, in the result's words.
    assert frame["service_id"].dtype == "category"
    assert frame["point_type"].dtype == "category"
    assert frame["point_type"].tolist() == result.point_type
    assert frame["special_cause"].tolist() == result.special_cause
    labels = [result.label(s) for s in result.series]
    assert [f"{a} / {b}" for a, b in zip(frame["service_id"], frame["category"])] == labels
