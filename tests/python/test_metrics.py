"""Tables, grids, comparisons and funnels from Python, checked against pandas
and scipy computations done independently in the tests."""

import datetime
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from scipy import special, stats

import closeloop as cl


@pytest.fixture
def data(source_dir):
    return source_dir / "examples" / "data"


@pytest.fixture
def sample(data):
    return (cl.read_incidents(str(data / "incidents.csv")), cl.read_exposure(str(data / "exposure.csv")),
            cl.read_services(str(data / "services.csv")))


def test_read_sample_files(sample, data):
    inc, exp, services = sample
    raw = pd.read_csv(data / "incidents.csv", keep_default_na=False)
    assert len(inc) == len(raw)
    assert repr(inc) == f"IncidentTable({len(raw)} incidents, 6 services, 2023-04-01 to 2026-03-31)"
    assert inc.ids == list(raw["incident_id"])
    assert len(exp) == len(pd.read_csv(data / "exposure.csv"))
    assert services.types[3] == "supported_living"
    assert services.capacities[4] == -1
    frame = inc.to_pandas()
    assert list(frame["service_id"].astype(str)) == list(raw["service_id"])
    assert list(frame["occurred_at"].dt.strftime("%Y-%m-%d")) == [t[:10] for t in raw["occurred_at"]]
    # Times are kept to the minute where the file gives them.
    with_time = raw["occurred_at"].str.len() > 10
    expected = pd.to_datetime(raw.loc[with_time, "occurred_at"])
    assert (frame.loc[with_time, "occurred_at"].to_numpy() == expected.to_numpy()).all()


def test_parse_error_names_file_line_and_column(tmp_path):
    path = tmp_path / "incidents.csv"
    path.write_text("incident_id,service_id,occurred_at,reported_at,category,harm,person_ref,description\n"
                    "I1,S1,2026-01-05,,fall,low,,\n"
                    "I2,S1,2026-01-06,,fall,extreme,,\n")
    with pytest.raises(cl.ParseError) as caught:
        cl.read_incidents(str(path))
    assert caught.value.line == 3
    assert caught.value.column == 6
    assert caught.value.source == str(path)
    assert 'unknown harm level "extreme"' in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_provider_categories(tmp_path):
    path = tmp_path / "incidents.csv"
    path.write_text("incident_id,service_id,occurred_at,category,harm\nI1,S1,2026-01-05,wandering,low\n")
    with pytest.raises(cl.ParseError, match="unknown category"):
        cl.read_incidents(str(path))
    categories = cl.CategorySet()
    categories.add("wandering")
    assert cl.read_incidents(str(path), categories).categories[-1] == "wandering"


def test_from_pandas_round_trip(sample):
    inc, _, _ = sample
    frame = inc.to_pandas()
    again = cl.IncidentTable.from_pandas(frame)
    assert len(again) == len(inc)
    assert np.array_equal(again.day, inc.day)
    # datetime64 cannot say "time unknown": those rows come back at midnight, and
    # from_pandas reads midnight as "no time" (docs/metrics.md).
    assert np.array_equal(again.minute, np.where(inc.minute == 0, -1, inc.minute))
    assert np.array_equal(again.reported_day, inc.reported_day)
    assert again.ids == inc.ids
    assert [again.services[c] for c in again.service] == [inc.services[c] for c in inc.service]
    assert [again.categories[c] for c in again.category] == [inc.categories[c] for c in inc.category]


def test_int32_day_numbers_are_not_copied():
    days = np.array([20454, 20455, 20460], dtype=np.int32)
    frame = pd.DataFrame({"service_id": ["A", "B", "A"], "occurred_at": days,
                          "category": ["fall", "fall", "choking"], "harm": ["none", "low", "severe"]})
    table = cl.IncidentTable.from_pandas(frame)
    assert np.shares_memory(table.day, frame["occurred_at"].to_numpy())
    assert table.day.base is not None
    assert not table.day.flags.writeable
    assert table.minute is None
    del frame, days
    assert list(table.day) == [20454, 20455, 20460]


def test_array_like_objects_flow_in():
    class ArrayLike:
        def __init__(self, values, dtype):
            self._values = np.asarray(values, dtype=dtype)

        def __array__(self, dtype=None):
            return self._values if dtype is None else self._values.astype(dtype)

    table = cl.IncidentTable._from_arrays(
        ArrayLike([0, 0], np.int64), ["S1"], ArrayLike([0, 1], np.int64), ["fall", "choking"],
        ArrayLike([0, 4], np.int64), ArrayLike(["2026-01-01", "2026-01-02"], "datetime64[D]"))
    assert list(table.day) == [20454, 20455]
    assert list(table.harm) == [0, 4]


def test_datetime_columns_floor_to_days_and_keep_minutes():
    frame = pd.DataFrame({
        "service_id": pd.array(["S1", "S2", "S1"], dtype="string"),
        "occurred_at": pd.to_datetime(["2026-01-05 13:45", "1969-12-31 23:59", "2026-01-06"]),
        "category": ["fall", "fall", "fall"], "harm": ["none", "none", "low"]})
    table = cl.IncidentTable.from_pandas(frame)
    assert list(table.day) == [20458, -1, 20459]
    assert list(table.minute) == [13 * 60 + 45, 23 * 60 + 59, -1]


def test_timezone_aware_column_is_converted_to_utc():
    local = pd.to_datetime(["2026-06-01 00:30", "2026-06-01 12:00"]).tz_localize("Europe/London")
    frame = pd.DataFrame({"service_id": ["S1", "S1"], "occurred_at": local,
                          "category": ["fall", "fall"], "harm": ["none", "none"]})
    table = cl.IncidentTable.from_pandas(frame)
    # 00:30 BST is 23:30 UTC on the day before.
    # 2026-06-01 is day 20605.
    assert list(table.day) == [20605 - 1, 20605]
    assert list(table.minute) == [23 * 60 + 30, 11 * 60]


def test_iso_text_object_columns_are_parsed_strictly():
    frame = pd.DataFrame({"service_id": ["S1", "S1"], "occurred_at": ["2026-01-05", "2026-01-06T08:00"],
                          "reported_at": ["2026-01-05", None],
                          "category": ["fall", "fall"], "harm": ["none", "none"]})
    table = cl.IncidentTable.from_pandas(frame)
    assert list(table.minute) == [-1, 480]
    assert table.reported_day[1] == np.iinfo(np.int32).min
    frame.loc[1, "occurred_at"] = "2026-02-30"
    with pytest.raises(cl.InputError, match="occurred_at row 1"):
        cl.IncidentTable.from_pandas(frame)


@pytest.mark.parametrize("column,value,message", [
    ("occurred_at", pd.NaT, "NaT"),
    ("harm", "catastrophic", 'unknown harm level "catastrophic"'),
    ("category", "sneezing", "sneezing"),
    ("service_id", None, "service_id row 1: missing value"),
])
def test_from_pandas_errors(column, value, message):
    frame = pd.DataFrame({"service_id": ["S1", "S2"],
                          "occurred_at": pd.to_datetime(["2026-01-05", "2026-01-06"]),
                          "category": ["fall", "fall"], "harm": ["none", "low"]})
    frame[column] = frame[column].astype(object)
    frame.loc[1, column] = value
    with pytest.raises(cl.InputError, match=message):
        cl.IncidentTable.from_pandas(frame)


def test_duplicate_ids_from_pandas():
    frame = pd.DataFrame({"incident_id": ["A", "A"], "service_id": ["S1", "S2"],
                          "occurred_at": np.array([1, 2], dtype=np.int32),
                          "category": ["fall", "fall"], "harm": ["none", "low"]})
    with pytest.raises(cl.DuplicateError, match='duplicate incident id "A"'):
        cl.IncidentTable.from_pandas(frame)


def test_exposure_from_pandas_round_trip(sample):
    _, exp, _ = sample
    frame = exp.to_pandas()
    again = cl.ExposureTable.from_pandas(frame)
    assert len(again) == len(exp)
    assert np.array_equal(again.value, exp.value)
    assert np.array_equal(again.month, exp.month)
    frame.loc[3, "value"] = -1.0
    with pytest.raises(cl.InputError, match="exposure row 3"):
        cl.ExposureTable.from_pandas(frame)


def _pandas_monthly(data, measure_of_type):
    """The same aggregation done with pandas alone, from the CSV files."""
    incidents = pd.read_csv(data / "incidents.csv", keep_default_na=False)
    exposure = pd.read_csv(data / "exposure.csv")
    incidents["month"] = incidents["occurred_at"].str[:7]
    counts = incidents.groupby(["service_id", "category", "month"]).size()
    return incidents, exposure, counts


def test_grid_matches_pandas(sample, data):
    inc, exp, _ = sample
    measures = ["occupied_bed_days", "doses_administered", "visits"]
    grid = cl.count_grid(inc, exp, by=["service_id", "category"], period="month", measure=measures)
    incidents = pd.read_csv(data / "incidents.csv", keep_default_na=False)
    exposure = pd.read_csv(data / "exposure.csv")
    incidents["period"] = incidents["occurred_at"].str[:7]
    counts = incidents.groupby(["service_id", "category", "period"]).size()
    # Each service's first available measure, in the order given.
    rank = exposure.assign(rank=exposure["measure"].map({m: i for i, m in enumerate(measures)}))
    chosen = rank.dropna(subset=["rank"]).groupby("service_id")["rank"].min()
    used = rank[rank["rank"] == rank["service_id"].map(chosen)]
    exposure_by = used.groupby(["service_id", "period"])["value"].sum()

    frame = grid.to_pandas()
    assert len(frame) == 6 * 9 * 36  # dense: every service, category and month
    frame["period"] = frame["period_start"].dt.strftime("%Y-%m")
    key = list(zip(frame["service_id"], frame["category"], frame["period"]))
    expected_counts = counts.reindex(key, fill_value=0).to_numpy()
    assert np.array_equal(frame["count"].to_numpy(), expected_counts)
    expected_exposure = exposure_by.reindex(list(zip(frame["service_id"], frame["period"])),
                                            fill_value=0).to_numpy()
    assert np.array_equal(frame["exposure"].to_numpy(), expected_exposure)
    with np.errstate(divide="ignore", invalid="ignore"):
        expected_rate = np.where(expected_exposure > 0, expected_counts / expected_exposure * 1000, np.nan)
    assert np.allclose(frame["rate"].to_numpy(), expected_rate, rtol=1e-15, equal_nan=True)
    assert grid.counts.shape == (54, 36)
    assert not grid.counts.flags.writeable


def test_grid_by_service_type_and_quarter(sample, data):
    inc, exp, services = sample
    grid = cl.count_grid(inc, exp, by="service_type", period="quarter",
                         measure="occupied_bed_days", services=services, categories=["fall"])
    incidents = pd.read_csv(data / "incidents.csv", keep_default_na=False)
    types = pd.read_csv(data / "services.csv").set_index("service_id")["type"]
    falls = incidents[incidents["category"] == "fall"].copy()
    falls["type"] = falls["service_id"].map(types)
    falls["quarter"] = pd.PeriodIndex(pd.to_datetime(falls["occurred_at"].str[:10]), freq="Q")
    expected = falls.groupby(["type", "quarter"]).size()
    assert grid.keys["service_type"] == sorted(types.unique())
    assert len(grid.period_starts) == 12
    for g, kind in enumerate(grid.keys["service_type"]):
        for p, start in enumerate(grid.period_starts):
            quarter = pd.Period(pd.Timestamp(start), freq="Q")
            assert grid.counts[g, p] == expected.get((kind, quarter), 0)


def test_partitions_merge(sample, data):
    inc, exp, _ = sample
    frame = inc.to_pandas()
    first = cl.IncidentTable.from_pandas(frame.iloc[::2])
    second = cl.IncidentTable.from_pandas(frame.iloc[1::2])
    options = dict(by=["service_id"], measure="occupied_bed_days")
    whole = cl.count_grid(inc, exp, **options)
    merged = cl.merge_grids(cl.count_grid(first, exp, **options),
                            cl.count_grid(second, cl.ExposureTable(), **options))
    assert merged.keys == whole.keys
    assert np.array_equal(merged.counts, whole.counts)
    assert np.array_equal(merged.exposure, whole.exposure)


def test_period_starts():
    starts = cl.period_starts("financial_year", "2024-01-01", "2026-04-01")
    assert list(starts.astype(str)) == ["2023-04-01", "2024-04-01", "2025-04-01", "2026-04-01"]
    weeks = cl.period_starts("week", datetime.date(2026, 11, 26), datetime.date(2026, 11, 30))
    assert list(weeks.astype(str)) == ["2026-11-23", "2026-11-30"]


@pytest.mark.parametrize("a,b,x", [(0.5, 0.5, 0.1), (2.5, 3.5, 0.4), (30, 2, 0.97), (200, 300, 0.41),
                                   (1e-2, 5, 1e-3)])
def test_incomplete_beta_against_scipy(a, b, x):
    assert cl._core.incomplete_beta(a, b, x) == pytest.approx(special.betainc(a, b, x), rel=1e-11)


@pytest.mark.parametrize("p", [1e-8, 0.001, 0.025, 0.5, 0.975, 0.999])
@pytest.mark.parametrize("a,b", [(1, 30), (3, 8), (41, 12), (0.5, 0.5), (500, 2000)])
def test_beta_quantile_against_scipy(p, a, b):
    assert cl._core.beta_quantile(p, a, b) == pytest.approx(stats.beta.ppf(p, a, b), rel=1e-10, abs=1e-300)


@pytest.mark.parametrize("p", [0.001, 0.025, 0.5, 0.975, 0.999])
@pytest.mark.parametrize("shape", [0.05, 1, 4.2, 37.5, 1500])
def test_gamma_quantile_against_scipy(p, shape):
    assert cl._core.gamma_quantile(p, shape) == pytest.approx(stats.gamma.ppf(p, shape), rel=1e-10)
    assert cl._core.chi_square_quantile(p, 2 * shape) == pytest.approx(stats.chi2.ppf(p, 2 * shape), rel=1e-10)


@pytest.mark.parametrize("p", [1e-12, 0.001, 0.3, 0.975])
def test_normal_quantile_against_scipy(p):
    assert cl._core.normal_quantile(p) == pytest.approx(stats.norm.ppf(p), rel=1e-13)


@pytest.mark.parametrize("before,e1,after,e2", [
    (20, 3000, 30, 2000), (10, 1000, 0, 1000), (0, 500, 7, 800), (57, 9918, 42, 9918),
    (1, 100, 1, 100), (300, 40000, 240, 41000), (3, 1200, 11, 900)])
def test_rate_ratio_against_scipy(before, e1, after, e2):
    result = cl.compare_rates(before, e1, after, e2)
    k = before + after
    test = stats.binomtest(after, k, e2 / (e1 + e2))
    assert result.p_value == pytest.approx(test.pvalue, rel=1e-9)
    ci = stats.binomtest(after, k).proportion_ci(confidence_level=0.95, method="exact")
    to_ratio = lambda p: np.inf if p >= 1 else p / (1 - p) * e1 / e2
    assert result.ci_lower == pytest.approx(to_ratio(ci.low), rel=1e-10, abs=1e-300)
    assert result.ci_upper == pytest.approx(to_ratio(ci.high), rel=1e-10)
    if before:
        assert result.rate_ratio == pytest.approx((after / e2) / (before / e1), rel=1e-14)
    assert result.before_rate == pytest.approx(before / e1 * 1000)


def test_rate_ratio_at_90_percent():
    result = cl.compare_rates(12, 1000, 4, 1000, confidence=0.9)
    ci = stats.binomtest(4, 16).proportion_ci(confidence_level=0.9, method="exact")
    assert result.ci_lower == pytest.approx(ci.low / (1 - ci.low), rel=1e-10)
    assert result.ci_upper == pytest.approx(ci.high / (1 - ci.high), rel=1e-10)


def test_before_after_on_sample_falls(sample, data):
    inc, exp, _ = sample
    grid = cl.count_grid(inc, exp, by=["service_id", "category"], measure="occupied_bed_days",
                         categories=["fall"])
    result = cl.compare_before_after(grid, ["S01", "fall"], "2025-01-01")
    incidents = pd.read_csv(data / "incidents.csv", keep_default_na=False)
    falls = incidents[(incidents.service_id == "S01") & (incidents.category == "fall")]
    exposure = pd.read_csv(data / "exposure.csv")
    bed_days = exposure[(exposure.service_id == "S01") & (exposure.measure == "occupied_bed_days")]
    assert result.before_count == (falls.occurred_at.str[:10] < "2025-01-01").sum()
    assert result.after_count == (falls.occurred_at.str[:10] >= "2025-01-01").sum()
    assert result.before_exposure == bed_days[bed_days.period < "2025-01"].value.sum()
    assert result.rate_ratio < 1  # the falls programme worked in the sample data
    with pytest.raises(cl.NotFoundError):
        cl.compare_before_after(grid, ["S99", "fall"], "2025-01-01")


def test_proportions_match_newcombe_and_wilson_matches_closed_form():
    # Newcombe (1998) Table II, method 10: 56/70 - 48/80 -> (0.0524, 0.3339).
    result = cl.compare_proportions(48, 80, 56, 70)
    assert result.difference == pytest.approx(0.2)
    assert result.ci_lower == pytest.approx(0.0524, abs=5e-5)
    assert result.ci_upper == pytest.approx(0.3339, abs=5e-5)
    # Wilson's interval solves |p - x/n| = z sqrt(p (1 - p) / n): check both ends.
    z = stats.norm.ppf(0.975)
    for x, n in [(7, 25), (1, 12), (29, 30)]:
        for end in cl._core.wilson(x, n):
            assert abs(end - x / n) == pytest.approx(z * np.sqrt(end * (1 - end) / n), abs=1e-12)


def test_funnel_against_scipy(sample):
    inc, exp, _ = sample
    result = cl.funnel(inc, exp, measure="occupied_bed_days", category="fall",
                       start="2025-04-01", end="2026-03-31")
    frame = result.to_pandas()
    assert list(frame["label"]) == ["S01", "S02", "S03", "S04", "S05", "S06"]
    present = frame["exposure"] > 0
    pooled = frame.loc[present, "count"].sum() / frame.loc[present, "exposure"].sum() * 1000
    assert result.target == pytest.approx(pooled, rel=1e-14)
    for _, row in frame[present].iterrows():
        m = pooled / 1000 * row["exposure"]
        assert row["lower_95"] == pytest.approx(stats.gamma.ppf(0.025, m) / row["exposure"] * 1000, rel=1e-10)
        assert row["upper_95"] == pytest.approx(stats.gamma.ppf(0.975, m + 1) / row["exposure"] * 1000, rel=1e-10)
        assert row["upper_998"] == pytest.approx(stats.gamma.ppf(0.999, m + 1) / row["exposure"] * 1000, rel=1e-10)
        assert row["above_95"] == (row["rate"] > row["upper_95"])
    assert frame.loc[~present, "rate"].isna().all()


def test_funnel_from_arrays_flags_and_plot():
    import matplotlib
    matplotlib.use("Agg")
    result = cl.funnel(labels=["A", "B", "C"], counts=[2, 40, 30], exposures=[1000, 2000, 8000])
    assert list(result.flag_95) == [-1, 1, -1] or list(result.flag_95)[1] == 1
    assert result.above_95[1] and result.above_998[1]
    assert result.target == pytest.approx(72 / 11000 * 1000)
    ax = result.plot()
    assert ax.get_ylabel() == "rate per 1000"
    with pytest.raises(cl.InputError):
        cl.funnel(labels=["A"], counts=[1], exposures=[0])


def test_pandas_is_not_needed_to_import():
    code = ("import sys; sys.modules['pandas'] = None; sys.modules['matplotlib'] = None\n"
            "import closeloop as cl\n"
            "print(cl.count_grid(cl.IncidentTable()))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "Grid(1 groups x 0 month periods)"


def test_exposure_from_pandas_text_periods():
    frame = pd.DataFrame({"service_id": ["S1", "S1"], "period": ["2026-01", "2026-02"],
                          "measure": ["visits", "visits"], "value": [10, 20]})
    table = cl.ExposureTable.from_pandas(frame)
    assert list(table.month.astype(str)) == ["2026-01-01", "2026-02-01"]
    frame.loc[1, "period"] = "Feb 2026"
    with pytest.raises(cl.InputError, match="column period"):
        cl.ExposureTable.from_pandas(frame)
    frame.loc[1, "period"] = "2026-02"
    frame.loc[1, "measure"] = "beds"
    with pytest.raises(cl.InputError, match='unknown measure "beds"'):
        cl.ExposureTable.from_pandas(frame)


def test_categorical_harm_and_service_columns():
    frame = pd.DataFrame({"service_id": pd.Categorical(["S2", "S1", "S2"]),
                          "occurred_at": pd.to_datetime(["2026-01-05", "2026-01-06", "2026-01-07"]),
                          "category": pd.Categorical(["fall", "choking", "fall"]),
                          "harm": pd.Categorical(["severe", "none", "low"], categories=["low", "severe", "none"])})
    table = cl.IncidentTable.from_pandas(frame)
    assert list(table.harm) == [3, 0, 1]
    assert [table.services[c] for c in table.service] == ["S2", "S1", "S2"]
    frame["harm"] = pd.Categorical(["severe", None, "low"])
    with pytest.raises(cl.InputError, match="column harm row 1"):
        cl.IncidentTable.from_pandas(frame)
