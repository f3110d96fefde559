"""Effectiveness of an action from Python, mirroring
tests/lifecycle/test_effectiveness.cpp, with scipy as the independent oracle
for the exact rate-ratio interval and p-value."""

import datetime

import pytest
from scipy.stats import beta, binomtest

import closeloop as cl

BEFORE = [5, 4, 6, 5, 7, 4, 5, 6, 5, 4, 6, 5]  # Feb 2025 .. Jan 2026


def month(i):
    """First day of the i-th month after February 2025."""
    return cl.add_months_clamped(datetime.date(2025, 2, 1), i)


def falls_register(after):
    reg = cl.Register()
    reg.add_service(cl.Service(id="RH-OAK", name="Oak House", type="residential", capacity=40))
    reg.add_service(cl.Service(id="RH-ELM", name="Elm Lodge", type="residential", capacity=30))
    serial = 0

    def add(service, first, count, category="fall"):
        nonlocal serial
        for i in range(count):
            serial += 1
            when = datetime.datetime.combine(first + datetime.timedelta(days=2 * i + 1), datetime.time())
            reg.add_incident(cl.Incident(id=f"F-{serial}", service=service, occurred_at=when,
                                         reported_at=when, category=category))

    for i, count in enumerate(BEFORE):
        add("RH-OAK", month(i), count)
    add("RH-OAK", month(12), 3)  # February 2026, the transition month
    for i, count in enumerate(after):
        add("RH-OAK", month(13 + i), count)
    add("RH-ELM", month(14), 9)
    add("RH-OAK", month(14), 4, "medication_error")
    reg.add_investigation(cl.Investigation(id="TR-1", incidents=["F-60"], opened="2026-01-19"))
    reg.add_plan(cl.ActionPlan(id="PLAN-FALLS", investigation="TR-1", scope="RH-OAK", created_on="2026-02-03"))
    reg.add_action(cl.Action(
        id="FALL-A2", plan="PLAN-FALLS", title="Night lighting and sensor mats", proposed_on="2026-02-03",
        owner="Chris Dale", due="2026-03-06", intervention=cl.InterventionType.physical_change,
        measures=[cl.Measure(kind=cl.MeasureKind.outcome, what="Falls per 1,000 OBD", how="u-chart",
                             level="below the 2025 rate", by="2026-09-30", category="fall",
                             denominator="occupied_bed_days", direction=cl.Direction.decrease)],
        monitoring=[cl.Monitoring(kind=cl.MonitoringKind.spot_check, recurrence=cl.Recurrence.monthly_on_day(1))]))
    reg.agree("FALL-A2", "2026-02-04T14:00", "Dr Helen Moss")
    reg.start("FALL-A2", "2026-02-05T09:00", "Ruth Lane")
    reg.add_evidence(cl.Evidence(id="EV-1", action="FALL-A2", kind=cl.EvidenceKind.document, date="2026-02-27"))
    reg.implement("FALL-A2", "2026-02-27T17:00", "Chris Dale")
    return reg


def bed_days():
    """Occupied bed days of both homes, Feb 2025 .. Oct 2026, as exposure.csv rows."""
    import pandas as pd

    rows = []
    for i in range(21):
        period = month(i).strftime("%Y-%m")
        rows.append(("RH-OAK", period, "occupied_bed_days", 1200.0))
        rows.append(("RH-ELM", period, "occupied_bed_days", 900.0))
    return pd.DataFrame(rows, columns=["service_id", "period", "measure", "value"])


def test_exposure_as_table_frame_or_path(tmp_path):
    reg = falls_register([2, 1, 2, 1, 2, 1, 1])
    frame = bed_days()
    path = tmp_path / "exposure.csv"
    frame.to_csv(path, index=False)
    table = cl.ExposureTable.from_pandas(frame)
    results = [cl.evaluate_effectiveness(reg, "FALL-A2", x, "2026-10-01") for x in (frame, table, path, str(path))]
    assert {r.summary() for r in results} == {results[0].summary()}
    with pytest.raises(TypeError, match="exposure must be an ExposureTable"):
        cl.evaluate_effectiveness(reg, "FALL-A2", 42, "2026-10-01")


def scipy_rate_ratio(k1, e1, k2, e2, confidence=0.95):
    k = k1 + k2
    a = (1 - confidence) / 2
    lower = beta.ppf(a, k2, k - k2 + 1)
    upper = beta.ppf(1 - a, k2 + 1, k - k2)
    to_rr = lambda p: p * e1 / ((1 - p) * e2)  # noqa: E731
    return (k2 / e2) / (k1 / e1), to_rr(lower), to_rr(upper), binomtest(k2, k, e2 / (e1 + e2)).pvalue


def test_fewer_falls_is_effective():
    reg = falls_register([2, 1, 2, 1, 2, 1, 1])
    e = cl.evaluate_effectiveness(reg, "FALL-A2", bed_days(), "2026-10-01")
    assert len(e.series) == 19 and e.first_after == 12
    assert e.series[12].month == datetime.date(2026, 3, 1) and e.series[12].count == 2
    c = e.comparison
    assert (c.before_count, c.before_exposure, c.after_count, c.after_exposure) == (62, 14400, 10, 8400)
    rr, lower, upper, p = scipy_rate_ratio(62, 14400, 10, 8400)
    assert c.rate_ratio == pytest.approx(rr, rel=1e-12)
    assert c.ci_lower == pytest.approx(lower, rel=1e-8)
    assert c.ci_upper == pytest.approx(upper, rel=1e-8)
    assert c.p_value == pytest.approx(p, rel=1e-8)
    assert e.before_centre == pytest.approx(62 / 14400 * 1000)
    assert e.after_centre == pytest.approx(10 / 8400 * 1000)
    assert e.spc_improvement and not e.spc_concern
    assert e.verdict == cl.Verdict.effective
    assert e.reason == "rate ratio 0.28 (95% CI 0.13 to 0.54) lies wholly below 1"
    assert len(e.rebased_chart.value) == 19
    assert repr(e).startswith("Effectiveness(action='FALL-A2', service='RH-OAK', category='fall', verdict='effective'")


def test_no_change_is_not_effective():
    e = cl.evaluate_effectiveness(falls_register([5, 6, 5, 5, 5, 5, 5]), "FALL-A2", bed_days(), "2026-10-01")
    rr, lower, upper, p = scipy_rate_ratio(62, 14400, 36, 8400)
    assert e.comparison.ci_lower == pytest.approx(lower, rel=1e-8)
    assert e.comparison.ci_upper == pytest.approx(upper, rel=1e-8)
    assert e.verdict == cl.Verdict.not_effective


def test_too_early_is_inconclusive_and_flips_when_a_month_completes():
    reg = falls_register([2, 1, 2, 1, 2, 1, 1])
    e = cl.evaluate_effectiveness(reg, "FALL-A2", bed_days(), "2026-05-30")
    assert e.verdict == cl.Verdict.inconclusive
    assert e.reason == "only 2 complete month(s) after implementation (3 needed)"
    # May counts once its last day is on or before as_of.
    assert cl.evaluate_effectiveness(reg, "FALL-A2", bed_days(), "2026-05-31").verdict == cl.Verdict.effective
    strict = cl.EffectivenessOptions(min_events=100)
    assert cl.evaluate_effectiveness(reg, "FALL-A2", bed_days(), "2026-10-01", strict).reason == (
        "only 72 event(s) in all (100 needed)")


def test_refusals_and_recording_the_verdict():
    reg = falls_register([2, 1, 2, 1, 2, 1, 1])
    with pytest.raises(cl.RuleError) as caught:
        cl.evaluate_effectiveness(reg, "FALL-A2", bed_days(), "2026-02-26")
    assert caught.value.rule == "effectiveness.not_implemented"
    reg.add_check(cl.Check(id="C-1", action="FALL-A2", date="2026-03-10", passed=True))
    reg.verify("FALL-A2", "2026-03-10T18:00", "Dr Helen Moss")
    e = cl.evaluate_effectiveness(reg, "FALL-A2", bed_days(), "2026-10-01")
    reg.evaluate("FALL-A2", "2026-10-01T10:00", "Dr Helen Moss", e.verdict, basis=e.summary())
    assert reg.action("FALL-A2").events[-1].basis == e.summary()
