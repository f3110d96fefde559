"""Hostile inputs from Python (issue 14): day numbers outside the one date
range, dates pandas cannot hold, float day columns, overflowing charts,
empty series, fractional counts, huge counts, timezone-aware datetimes and
read-only stores. Each failed before its fix (a crash, a hang or a silent
wrong answer)."""

import datetime

import numpy as np
import pandas as pd
import pytest

import closeloop as cl

RANGE = "is outside the supported dates 1400-01-01 to 9999-12-31"


def frame(days):
    return pd.DataFrame({"service_id": ["S1"] * len(days), "occurred_at": days,
                         "category": ["fall"] * len(days), "harm": ["none"] * len(days)})


@pytest.mark.parametrize("day", [-2**31 + 1, 2**31 - 1, 1_700_000_000])
def test_from_pandas_refuses_days_outside_the_one_range(day):
    # int32 columns are used in place: the check is in C++ (-2^31 crashed
    # count_grid, 2^31-1 hung, 1.7e9 gave the year 5,881,578).
    with pytest.raises(cl.InputError) as error:
        cl.IncidentTable.from_pandas(frame(np.array([day], dtype=np.int32)))
    assert str(error.value) == f"row 0: day number {day} {RANGE}"
    # int64 columns are narrowed in the binding: the same message.
    with pytest.raises(cl.InputError) as error:
        cl.IncidentTable.from_pandas(frame(np.array([day], dtype=np.int64)))
    assert str(error.value) == f"column day row 0: day number {day} {RANGE}"


def test_from_arrays_refuses_the_same_days():
    codes = np.zeros(1, dtype=np.int32)
    with pytest.raises(cl.InputError, match=RANGE):
        cl.IncidentTable._from_arrays(codes, ["S1"], codes, ["fall"], np.zeros(1, dtype=np.uint8),
                                      np.array([-2**31 + 1], dtype=np.int32))
    with pytest.raises(cl.InputError, match=RANGE):
        cl.IncidentTable._from_arrays(codes, ["S1"], codes, ["fall"], np.zeros(1, dtype=np.uint8),
                                      np.array(["0999-01-01"], dtype="datetime64[s]"))


def test_python_dates_before_1400_get_the_same_message():
    with pytest.raises(cl.InputError) as error:
        cl.Incident(id="I1", service="S1", occurred_at=datetime.datetime(1399, 12, 31, 10, 0),
                    category="fall")
    # The one message, prefixed with the field it came from (keyword constructors name it).
    assert str(error.value) == f"occurred_at: year 1399 {RANGE}"


def test_to_pandas_is_exact_or_refuses():
    # 3024 (a typo for 2024) showed as 1855 before: datetime64[ns] wraps.
    table = cl.IncidentTable.from_pandas(frame(["2024-05-01", "3024-05-01"]))
    with pytest.raises(cl.InputError) as error:
        table.to_pandas()
    assert str(error.value) == (
        "column occurred_at row 1: 3024-05-01 is outside the dates pandas datetime64[ns] can "
        "hold (1677-09-22 to 2262-04-10); read the day numbers from the table instead")
    # The last and first whole days pandas holds come back exactly.
    edge = cl.IncidentTable.from_pandas(frame(["1677-09-22", "2262-04-10T23:59"]))
    got = edge.to_pandas()["occurred_at"]
    assert list(got.astype(str)) == ["1677-09-22 00:00:00", "2262-04-10 23:59:00"]


def test_float_day_column_is_refused():
    # An int column with a NaN arrives as float64 and became 1970-01-01.
    days = pd.Series([19000, np.nan, 19002])
    with pytest.raises(cl.InputError) as error:
        cl.IncidentTable.from_pandas(frame(days))
    assert str(error.value) == (
        "column occurred_at holds floating-point numbers (dtype float64; an integer column with "
        "a missing value becomes float): give int day numbers, datetime64 values or YYYY-MM-DD text")


def test_overflowing_charts_are_refused_naming_the_input():
    with pytest.raises(cl.InputError) as error:
        cl.spc.xmr([1e308, -1e308, 1e308])
    assert str(error.value).startswith("xmr: lcl[0] is not finite (values[0] = 1e+308)")
    with pytest.raises(cl.InputError, match=r"^t_chart: ucl\[0\] is not finite"):
        cl.spc.t_chart([1e308, 1.0, 1e308])
    with pytest.raises(cl.InputError, match=r"exposures\[0\] = 4.940656458e-324"):
        cl.spc.u_chart([1, 2], [5e-324, 10])


def test_empty_or_all_nan_series_have_no_verdict():
    assert cl.spc.xmr([]).variation == "insufficient_data"
    assert cl.spc.xmr([np.nan, np.nan]).variation == "insufficient_data"
    assert cl.spc.xmr([1.0, 2.0, 1.5]).variation == "common_cause"


def test_count_charts_refuse_fractions():
    with pytest.raises(cl.InputError, match=r"^c_chart: counts\[1\] = 2.5 is not a whole number$"):
        cl.spc.c_chart([1, 2.5])
    with pytest.raises(cl.InputError, match="is not a whole number"):
        cl.spc.g_chart([3, 0.5])


def test_compare_rates_near_2_to_62_is_refused():
    with pytest.raises(cl.InputError, match=r"exceeds 2\^53"):
        cl.compare_rates(2**62, 1.0, 2**62, 1.0)


def test_timezone_aware_datetimes_are_converted_to_utc():
    plus_two = datetime.timezone(datetime.timedelta(hours=2))
    incident = cl.Incident(id="I1", service="S1", category="fall",
                           occurred_at=datetime.datetime(2026, 3, 1, 1, 30, tzinfo=plus_two),
                           reported_at=datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.timezone.utc))
    # 01:30 at UTC+2 is 23:30 UTC the day before, not 01:30.
    assert incident.occurred_at == datetime.datetime(2026, 2, 28, 23, 30)
    assert incident.reported_at == datetime.datetime(2026, 3, 1, 9, 0)
    naive = cl.Incident(id="I2", service="S1", category="fall",
                        occurred_at=datetime.datetime(2026, 3, 1, 1, 30))
    assert naive.occurred_at == datetime.datetime(2026, 3, 1, 1, 30)


def test_read_only_store_and_files_that_are_not_stores(tmp_path):
    empty = tmp_path / "empty.db"
    empty.write_bytes(b"")
    with pytest.raises(cl.StoreError, match="is an empty file, not a closeloop store"):
        cl.Store.open(str(empty), read_only=True)
    assert empty.stat().st_size == 0
    path = tmp_path / "s.db"
    cl.Store.create(str(path))
    store = cl.Store.open(str(path), read_only=True)
    assert store.schema_version == cl.store.current_schema_version()
