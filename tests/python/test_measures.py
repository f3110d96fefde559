"""The measure series from Python, checks with measured values, and
effectiveness for proportions and durations. Expected numbers are worked by
hand or were computed once with scipy 1.10.1 (the call is in each comment)."""

import datetime

import numpy as np
import pandas as pd
import pytest

import closeloop as cl


def homes():
    """Two homes: falls at A in Jan (2), Feb (1) and Mar (3) 2026, one at B in Feb."""
    incidents = pd.DataFrame({
        "incident_id": [f"I-{i}" for i in range(1, 8)],
        "service_id": ["A", "A", "A", "A", "A", "A", "B"],
        "occurred_at": ["2026-01-05", "2026-01-20", "2026-02-10", "2026-03-01", "2026-03-15",
                        "2026-03-31", "2026-02-02"],
        "reported_at": ["2026-01-05", "2026-01-23", "2026-02-10", "2026-03-02", "2026-03-15",
                        "2026-04-04", "2026-02-02"],
        "category": ["fall"] * 7,
        "harm": ["none"] * 7,
    })
    exposure = pd.DataFrame({
        "service_id": ["A", "A", "A", "B", "B", "B"],
        "period": ["2026-01", "2026-02", "2026-03"] * 2,
        "measure": ["occupied_bed_days"] * 6,
        "value": [1000.0, 1000.0, 1000.0, 500.0, 500.0, 500.0],
    })
    return cl.IncidentTable.from_pandas(incidents), exposure


def test_rate_series_of_a_service_and_of_the_organisation(tmp_path):
    incidents, exposure = homes()
    a = cl.measure_series("rate", incidents=incidents, exposure=exposure, category="fall",
                          services="A", measure="occupied_bed_days", per=1000)
    assert a.kind == "rate" and a.unit == "per 1,000 occupied_bed_days"
    assert list(a.numerator) == [2, 1, 3]
    assert list(a.denominator) == [1000, 1000, 1000]
    assert list(a.value) == [2.0, 1.0, 3.0]
    assert str(a.period_start[0]) == "2026-01-01"
    # Exposure as a path gives the same series; the whole organisation adds B.
    path = tmp_path / "exposure.csv"
    exposure.to_csv(path, index=False)
    org = cl.measure_series("rate", incidents=incidents, exposure=path, category="fall",
                            measure=["occupied_bed_days"])
    assert list(org.numerator) == [2, 2, 3]
    assert list(org.denominator) == [1500, 1500, 1500]
    frame = org.to_pandas()
    assert list(frame.columns) == ["period_start", "numerator", "denominator", "value"]
    assert "<table" in org._repr_html_()


def test_split_and_rebased_chart():
    incidents, exposure = homes()
    a = cl.measure_series("rate", incidents=incidents, exposure=exposure, category="fall",
                          services="A", measure="occupied_bed_days")
    split = a.split("2026-02-10", as_of="2026-03-31")
    assert split["side"] == ["before", "transition", "after"]
    assert split["first_after"] == 2 and split["before"] == [0] and split["after"] == [2]
    # As of 30 March, March is not over.
    assert a.split("2026-02-10", as_of="2026-03-30")["side"][2] == "incomplete"
    chart = a.chart(rebase_at="2026-02-10")
    assert chart.kind == "u"
    assert len(chart.phases) == 2
    # Phase 1 (Jan, Feb): 3 falls in 2000 bed days; phase 2 (Mar): 3 in 1000.
    assert chart.centre[0] == pytest.approx(1.5, rel=1e-15)
    assert chart.centre[2] == pytest.approx(3.0, rel=1e-15)


def test_proportion_duration_count_and_reporting_delay():
    p = cl.measure_series("proportion", name="MAR accuracy",
                          days=["2026-01-10", "2026-01-24", "2026-02-07"],
                          successes=[18, 17, 10], trials=[20, 20, 22])
    assert list(p.numerator) == [35, 10] and list(p.denominator) == [40, 22]
    assert p.chart().kind == "p"
    d = cl.measure_series("duration", name="time to escalate", unit="hours", period="week",
                          days=[datetime.date(2026, 3, 2), datetime.date(2026, 3, 4),
                                datetime.date(2026, 3, 8), datetime.date(2026, 3, 9),
                                datetime.date(2026, 3, 13)],
                          durations=[6, 8, 10, 1, 2])
    assert list(d.value) == [8.0, 1.5] and list(d.median) == [8.0, 1.5]
    assert d.sd[0] == 2.0  # sqrt((4 + 0 + 4) / 2)
    assert d.chart().kind == "xmr"
    # Several items a week: the xbar chart of the items, one point per week.
    xbar = d.subgroup_chart("xbar")
    assert xbar.kind == "xbar" and list(xbar.value) == [8.0, 1.5]
    # Sizes 3 and 2 differ: the pooled sd, sqrt(((3 - 1) 2^2 + (2 - 1) 0.5) / (2 + 1)).
    assert d.subgroup_chart("s").centre[0] == pytest.approx(np.sqrt(8.5 / 3), rel=1e-12)
    incidents, _ = homes()
    c = cl.measure_series("count", incidents=incidents, category="fall", services=["A", "B"])
    assert list(c.value) == [2, 2, 3] and c.chart().kind == "c"
    delay = cl.measure_series("reporting_delay", incidents=incidents, category="fall", services="A")
    # A's delays: 0 and 3 days (Jan), 0 (Feb), 1, 0 and 4 (Mar).
    assert list(delay.denominator) == [2, 1, 3]
    assert list(delay.median) == [1.5, 0.0, 1.0]


def test_bad_input_names_the_measure():
    with pytest.raises(cl.InputError, match='measure "MAR accuracy", result 0 .*a proportion needs at least one trial'):
        cl.measure_series("proportion", name="MAR accuracy", days=["2026-01-10"], successes=[0], trials=[0])
    with pytest.raises(cl.InputError, match=r"duration -2 hours \(an end before its start\)"):
        cl.measure_series("duration", name="time to escalate", unit="hours", days=["2026-01-10"],
                          durations=[-2])
    with pytest.raises(cl.InputError, match="unknown measure kind 'speed'"):
        cl.measure_series("speed")


def test_compare_durations_against_scipy():
    # scipy.stats.mannwhitneyu(after, before, alternative="two-sided", method="asymptotic",
    #                          use_continuity=True) -> statistic 9.5, pvalue 0.033071845342898074;
    # Hodges-Lehmann (numpy, k = 11): shift -2.0, limits -3.0 and 0.0.
    r = cl.compare_durations([3, 5, 4, 6, 5, 7, 4], [2, 4, 3, 5, 3, 4, 2, 3])
    assert r.u_statistic == 9.5
    assert r.p_value == pytest.approx(0.033071845342898074, rel=1e-12)
    assert (r.shift, r.ci_lower, r.ci_upper) == (-2.0, -3.0, 0.0)
    assert r.mean_difference == pytest.approx(-1.6071428571428568, rel=1e-14)


def audit_register(correct):
    reg = cl.Register()
    reg.add_service(cl.Service(id="SL-ELM", name="Elm Court", type="supported_living"))
    reg.add_incident(cl.Incident(id="M-1", service="SL-ELM", occurred_at="2026-01-06T08:10",
                                 reported_at="2026-01-06T09:30", category="medication_error"))
    reg.add_investigation(cl.Investigation(id="AAR-7", incidents=["M-1"], opened="2026-01-15"))
    reg.add_plan(cl.ActionPlan(id="P", investigation="AAR-7", scope="SL-ELM", created_on="2026-01-30"))
    accuracy = cl.Measure(kind=cl.MeasureKind.process, id="MED-A1/accuracy", what="MAR accuracy",
                          how="monthly audit", level="at least 95%", by="2026-09-30",
                          kind_of_value="proportion", direction=cl.Direction.increase, target=0.95)
    reg.add_action(cl.Action(id="MED-A1", plan="P", proposed_on="2025-07-01", owner="Jo Bell",
                             title="MAR checklist", due="2026-03-31", measures=[accuracy],
                             monitoring=[cl.Monitoring(kind=cl.MonitoringKind.audit,
                                                       recurrence=cl.Recurrence.monthly_on_day(20))]))
    reg.agree("MED-A1", "2026-02-02T10:00", "Jo Bell")
    reg.start("MED-A1", "2026-02-03T10:00", "Jo Bell")
    reg.add_evidence(cl.Evidence(id="EV", action="MED-A1", date="2026-02-25"))
    reg.implement("MED-A1", "2026-02-27T17:00", "Jo Bell")
    for m, score in enumerate(correct):
        reg.add_check(cl.Check(id=f"AUD-{m + 1}", action="MED-A1",
                               date=cl.add_months_clamped(datetime.date(2025, 8, 20), m),
                               measure="MED-A1/accuracy", score=score, denominator=20,
                               passed=score >= 19))
    return reg


def test_a_passed_check_that_misses_the_target_is_refused():
    reg = audit_register([15])
    before = len(reg.checks())
    with pytest.raises(cl.RuleError) as caught:
        reg.add_check(cl.Check(id="AUD-X", action="MED-A1", date="2026-03-10",
                               measure="MED-A1/accuracy", score=10, denominator=22, passed=True))
    assert caught.value.rule == "check.passed_contradicts_target"
    assert "10 of 22" in str(caught.value)
    assert len(reg.checks()) == before


def test_audit_accuracy_evaluated_from_checks():
    # Newcombe method 10 from scipy.stats.binomtest(x, n).proportion_ci(0.95, "wilson") for
    # 93/120 before and 117/120 after: 0.19999999999999996 (0.11999421635047228, 0.28419400572403974).
    reg = audit_register([15, 16, 14, 15, 17, 16, 17, 19, 20, 19, 20, 20, 19])
    e = cl.evaluate_effectiveness(reg, "MED-A1", None, "2026-08-31",
                                  cl.EffectivenessOptions(measure_index=0))
    assert e.value_kind == "proportion"
    p = e.proportion
    assert (p.before_successes, p.before_trials, p.after_successes, p.after_trials) == (93, 120, 117, 120)
    assert p.ci_lower == pytest.approx(0.11999421635047228, rel=1e-12)
    assert p.ci_upper == pytest.approx(0.28419400572403974, rel=1e-12)
    assert e.verdict == cl.Verdict.effective
    frame = e.to_pandas()
    assert list(frame["side"]) == ["before"] * 6 + ["after"] * 6
    assert "effective" in e._repr_html_()
    import matplotlib

    matplotlib.use("Agg")
    assert e.plot() is not None


def test_spc_named_functions_take_raw_subgroups_and_exclude():
    values = [1.0, 3.0, 2.0, 4.0, 6.0, np.nan, 5.0]
    keys = ["jan", "jan", "feb", "feb", "mar", "mar", "mar"]
    order, means, sds, sizes = cl.spc.subgroups_of(values, keys)
    assert order == ["jan", "feb", "mar"]
    assert list(means) == [2.0, 3.0, 5.5] and list(sizes) == [2.0, 2.0, 2.0]
    assert sds[0] == pytest.approx(np.sqrt(2.0), rel=1e-15)
    xbar = cl.spc.xbar_chart(values, keys)
    # Equal sizes (2): sigma = the mean sd = (sqrt 2 + sqrt 2 + sqrt 0.5) / 3;
    # A3(2) = 3 / (c4(2) sqrt(2)) with c4(2) = sqrt(2 / pi).
    sigma = (2 * np.sqrt(2) + np.sqrt(0.5)) / 3
    a3 = 3 / (np.sqrt(2 / np.pi) * np.sqrt(2))
    assert xbar.centre[0] == pytest.approx(3.5, rel=1e-15)
    assert xbar.ucl[0] == pytest.approx(3.5 + a3 * sigma, rel=1e-12)
    s = cl.spc.s_chart(values, keys)
    assert s.centre[0] == pytest.approx(sigma, rel=1e-12)
    mr = cl.spc.mr_chart([1, 4, 2, 2])
    assert np.isnan(mr.value[0]) and list(mr.value[1:]) == [3, 2, 0]
    assert mr.rules == ["outside_limits"] and mr.centre[0] == pytest.approx(5 / 3, rel=1e-15)
    # exclude: the 10 is drawn but left out of the centre.
    c = cl.spc.c_chart([2, 3, 10, 3], exclude=[2])
    assert c.centre[0] == pytest.approx(8 / 3, rel=1e-15) and c.value[2] == 10
    ip = cl.spc.i_prime_chart([2, 3, 4], [100, 200, 100], per=100)
    assert ip.kind == "ip" and ip.centre[0] == pytest.approx(9 / 400 * 100, rel=1e-12)
    with pytest.raises(cl.InputError, match="values has 2 elements but subgroups has 1"):
        cl.spc.xbar_chart([1, 2], ["a"])
