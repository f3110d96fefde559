"""The trend job from Python: columns checked against pandas aggregation and
against the SPC engine called one series at a time."""

import numpy as np
import pandas as pd
import pytest

import closeloop as cl


@pytest.fixture
def sample(source_dir):
    data = source_dir / "examples" / "data"
    return (cl.read_incidents(str(data / "incidents.csv")), cl.read_exposure(str(data / "exposure.csv")),
            cl.read_services(str(data / "services.csv")), data)


def test_trend_job_shape_and_columns(sample):
    inc, exp, _, data = sample
    tr = cl.trends(inc, exp, by=["service_id", "category"], period="month",
                   measure=["occupied_bed_days", "care_hours"], per=1000, chart="u", rules="mdc")
    assert tr.series_count == 6 * 9
    assert len(tr) == 6 * 9 * 36
    frame = tr.to_pandas()
    assert list(frame.columns[:3]) == ["service_id", "category", "period_start"]
    for rule in ["outside_limits", "shift", "trend", "two_of_three"]:
        assert frame[rule].dtype == bool
    assert not tr.centre.flags.writeable
    # Counts and exposures, independently from the CSV files with pandas.
    incidents = pd.read_csv(data / "incidents.csv", keep_default_na=False)
    incidents["period"] = incidents["occurred_at"].str[:7]
    counts = incidents.groupby(["service_id", "category", "period"]).size()
    key = list(zip(frame["service_id"], frame["category"], frame["period_start"].dt.strftime("%Y-%m")))
    assert np.array_equal(frame["count"].to_numpy(), counts.reindex(key, fill_value=0).to_numpy())
    # S04 (supported living) has no bed days, so it uses care hours; S05 has
    # care hours too; S06 (day service) has neither: rates and limits NaN.
    assert tr.measure[tr.find(["S04", "fall"])] == "care_hours"
    assert tr.measure[tr.find(["S01", "fall"])] == "occupied_bed_days"
    s06 = frame[frame["service_id"] == "S06"]
    assert s06["rate"].isna().all() and s06["centre"].isna().all()


def test_u_chart_centre_is_the_pooled_rate(sample):
    inc, exp, _, data = sample
    tr = cl.trends(inc, exp, by="service_id", categories=["fall"], measure="occupied_bed_days")
    frame = tr.to_pandas()
    for service, rows in frame.groupby("service_id"):
        present = rows["exposure"] > 0
        if not present.any():
            continue
        pooled = rows.loc[present, "count"].sum() / rows.loc[present, "exposure"].sum() * 1000
        assert rows["centre"].to_numpy() == pytest.approx(np.full(len(rows), pooled), rel=1e-14)
        # qicharts2's u chart: centre +/- 3 sqrt(centre / exposure), lower floored at 0.
        sigma = np.sqrt(pooled / 1000 / rows["exposure"]) * 1000
        assert rows["ucl"].to_numpy() == pytest.approx((pooled + 3 * sigma).to_numpy(), rel=1e-12)
        assert rows["lcl"].to_numpy() == pytest.approx(np.maximum(0, pooled - 3 * sigma).to_numpy(),
                                                       rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("chart", ["u", "c", "xmr", "run"])
def test_each_series_equals_the_spc_engine(sample, chart):
    inc, exp, _, _ = sample
    tr = cl.trends(inc, exp, by=["service_id"], categories=["fall", "medication_error"],
                   measure="occupied_bed_days", chart=chart, improvement="decrease",
                   rebase=["2025-01-01"])
    periods = len(tr.period_starts)
    for s in range(tr.series_count):
        rows = slice(s * periods, (s + 1) * periods)
        one = tr.chart(s)
        assert np.array_equal(one.value, tr.value[rows], equal_nan=True)
        assert np.array_equal(one.centre, tr.centre[rows], equal_nan=True)
        assert np.array_equal(one.lcl, tr.lcl[rows], equal_nan=True)
        assert np.array_equal(one.ucl, tr.ucl[rows], equal_nan=True)
        for rule, flags in one.signals.items():
            assert np.array_equal(flags, tr.signals[rule][rows]), (s, rule)
        assert one.variation == tr.variation[s]
        assert list(one.point_type) == tr.point_type[rows]
        assert list(one.special_cause) == tr.special_cause[rows]
        # The rebase on 2025-01-01 starts the second phase at that month.
        assert tr.phase[rows][list(tr.period_starts.astype(str)).index("2025-01-01")] == 1


def test_missing_exposure_months_are_missing_points():
    frame = pd.DataFrame({"service_id": ["S1"] * 6,
                          "occurred_at": pd.to_datetime(["2026-01-02", "2026-01-09", "2026-02-02",
                                                         "2026-03-03", "2026-04-04", "2026-04-05"]),
                          "category": "fall", "harm": "none"})
    exposure = cl.ExposureTable.from_pandas(pd.DataFrame({
        "service_id": "S1", "period": ["2026-01", "2026-02", "2026-04"],
        "measure": "occupied_bed_days", "value": [500.0, 400.0, 600.0]}))
    tr = cl.trends(cl.IncidentTable.from_pandas(frame), exposure, measure="occupied_bed_days")
    assert list(tr.count) == [2, 1, 1, 2]
    assert np.isnan(tr.rate[2]) and np.isnan(tr.value[2])
    assert tr.centre[0] == pytest.approx(5 / 1500 * 1000)
    assert not any(flags[2] for flags in tr.signals.values())


def test_grouping_by_service_type_needs_services(sample):
    inc, exp, services, _ = sample
    tr = cl.trends(inc, exp, by="service_type", categories="fall",
                   measure=["occupied_bed_days", "visits"], services=services, period="quarter")
    assert tr.keys["service_type"] == ["day_service", "domiciliary", "nursing", "residential",
                                      "supported_living"]
    assert len(tr.period_starts) == 12
    with pytest.raises(cl.InputError, match="needs a service table"):
        cl.trends(inc, exp, by="service_type", measure="visits")


def test_errors(sample):
    inc, exp, _, _ = sample
    with pytest.raises(cl.InputError, match="needs an exposure measure"):
        cl.trends(inc, exp)
    with pytest.raises(cl.InputError):
        cl.trends(inc, exp, chart="p", measure="visits")
    with pytest.raises(cl.InputError):
        cl.trends(inc, exp, measure="beds")
    with pytest.raises(cl.InputError):
        cl.trends(inc, exp, measure="visits", rules=["outside_limits", "wiggle"])
    tr = cl.trends(inc, exp, measure="visits")
    with pytest.raises(cl.NotFoundError):
        tr.find("S99")


def test_anhoej_rules_and_plot(sample):
    import matplotlib
    matplotlib.use("Agg")
    inc, exp, _, _ = sample
    tr = cl.trends(inc, exp, categories="fall", measure="occupied_bed_days", rules="anhoej",
                   improvement="decrease")
    assert set(tr.signals) == {"outside_limits", "long_run", "few_crossings"}
    ax = tr.plot("S01")
    assert ax.get_title().startswith("S01: u chart per 1000")
    assert len(ax.get_xticklabels()) == 12


def test_docs_three_line_example_runs(source_dir, tmp_path, monkeypatch):
    import matplotlib
    matplotlib.use("Agg")
    text = (source_dir / "docs" / "metrics.md").read_text()
    section = text[text.index("## A falls trend in three lines"):]
    code = section[section.index("```python") + len("```python"):section.index("```\n\n")]
    lines = [line for line in code.strip().splitlines() if line.strip()]
    assert len(lines) == 3
    monkeypatch.chdir(source_dir)
    output = tmp_path / "falls_trend.png"
    namespace = {"cl": cl, "df": pd.read_csv(source_dir / "examples" / "data" / "incidents.csv")}
    exec(code.replace("docs/img/falls_trend.png", str(output)), namespace)
    assert output.stat().st_size > 10_000
    assert namespace["tr"].variation[namespace["tr"].find("S01")] == "common_cause"
    assert (source_dir / "docs" / "img" / "falls_trend.png").exists()
