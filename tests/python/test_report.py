"""Governance reports from Python: the sample provider, the three audiences,
the renderings, and the figures behind an effectiveness claim checked
against scipy's exact binomial test and beta quantiles."""

import datetime
import json

import numpy as np
import pytest
from scipy import stats

import closeloop as cl

PERIOD = ("2025-12-01", "2026-11-30")


@pytest.fixture(scope="module")
def provider():
    return cl.sample_provider()


def build(provider, audience="board", **kwargs):
    return cl.report(provider.register, provider.exposures, incidents=provider.incidents,
                     services=provider.services, period=PERIOD, as_of=provider.as_of,
                     audience=audience, provider=provider.name, **kwargs)


def test_sample_provider(provider):
    assert provider.name == "Sample Care Group"
    assert provider.as_of == datetime.date(2026, 11, 26)
    assert len(provider.incidents) == len(provider.register.incidents())
    types = {s.type for s in provider.register.services()}
    assert types == {"residential", "nursing", "supported_living", "domiciliary", "day_service"}
    assert "8 services" in repr(provider)
    # Same seed, same provider.
    again = cl.sample_provider()
    assert [i.id for i in again.register.incidents()] == [i.id for i in provider.register.incidents()]


def test_renderings(provider):
    report = build(provider)
    data = json.loads(report.to_json())
    assert data["schema"] == "closeloop.governance_report"
    assert data["schema_version"] == report.schema_version == 2
    assert data["header"]["audience"] == "board"
    assert data["header"]["as_of"] == "2026-11-26"
    assert report.to_markdown().startswith("# Governance report: Sample Care Group\n")
    html = report.to_html()
    assert html.startswith("<!DOCTYPE html>")
    assert "<script" not in html
    shown = report._repr_html_()
    assert shown.startswith("<iframe") and "srcdoc=" in shown and "<svg" not in shown  # escaped inside srcdoc
    assert "items need attention" in repr(report)


def test_dates_accept_strings_dates_and_datetime64(provider):
    a = build(provider)
    b = cl.report(provider.register, provider.exposures, incidents=provider.incidents,
                  services=provider.services,
                  period=(datetime.date(2025, 12, 1), np.datetime64("2026-11-30")),
                  as_of=np.datetime64("2026-11-26"), provider=provider.name)
    assert a.to_json() == b.to_json()


@pytest.mark.parametrize("audience", ["commissioner", "inspector"])
def test_outside_audiences_hold_no_person_references(provider, audience):
    report = build(provider, audience)
    texts = [report.to_json(), report.to_markdown(), report.to_html()]
    needles = set()
    for incident in provider.register.incidents():
        needles.add(incident.person_ref)
        needles.add(incident.description)
    for action in provider.register.actions():
        needles.add(action.owner)
    needles.discard("")
    assert len(needles) > 100
    for text in texts:
        found = [n for n in needles if n in text]
        assert found == []
    board = build(provider).to_json()
    assert any(a.owner in board for a in provider.register.actions())


def test_inspector_maps_to_cqc(provider):
    data = json.loads(build(provider, "inspector").to_json())
    sections = [m["section"] for m in data["cqc_mapping"]]
    assert sections == ["needs_attention", "trends", "harm_profile", "action_plans", "evidence", "effectiveness",
                        "governance_trail", "learning", "action_strength"]
    assert [c["category"] for c in data["cqc_coverage"]] == [
        "processes", "outcomes", "observation", "feedback_from_staff_and_leaders", "peoples_experience",
        "feedback_from_partners"]
    statements = {q for m in data["cqc_mapping"] for q in m["quality_statements"]}
    assert statements == {"learning_culture", "safe_systems_pathways_transitions",
                          "governance_management_sustainability"}
    assert all(e["cqc_evidence_category"] for e in data["evidence"])


def test_effectiveness_figures_match_scipy(provider):
    data = json.loads(build(provider).to_json())
    claim = next(c for c in data["effectiveness"] if c["action_id"] == "A-MED-1")
    k1, e1 = claim["before"]["count"], claim["before"]["exposure"]
    k2, e2 = claim["after"]["count"], claim["after"]["exposure"]
    assert claim["rate_ratio"] == pytest.approx((k2 / e2) / (k1 / e1), rel=1e-12)
    # Conditional binomial: given k = k1 + k2, k2 ~ Binomial(k, e2 / (e1 + e2)) under RR = 1.
    k = int(k1 + k2)
    expected_p = stats.binomtest(int(k2), k, e2 / (e1 + e2)).pvalue
    assert claim["p_value"] == pytest.approx(expected_p, rel=1e-6)
    # Clopper-Pearson on the split, mapped to the rate ratio.
    lower_p = stats.beta.ppf(0.025, k2, k - k2 + 1)
    upper_p = stats.beta.ppf(0.975, k2 + 1, k - k2)
    assert claim["ci_lower"] == pytest.approx(lower_p * e1 / ((1 - lower_p) * e2), rel=1e-6)
    assert claim["ci_upper"] == pytest.approx(upper_p * e1 / ((1 - upper_p) * e2), rel=1e-6)


def test_scope_and_errors(provider):
    data = json.loads(build(provider, scope="oak-house").to_json())
    assert data["header"]["scope"] == {"kind": "service", "service_ids": ["oak-house"], "name": "Oak House"}
    assert {p["service_id"] for p in data["action_plans"]} == {"oak-house"}
    with pytest.raises(cl.InputError, match="unknown report audience"):
        build(provider, "public")
    with pytest.raises(ValueError, match="before it starts"):
        cl.report(provider.register, provider.exposures, period=("2026-11-30", "2025-12-01"),
                  as_of="2026-11-26")


def test_a_set_of_services_and_a_region(provider):
    data = json.loads(build(provider, scope=["oak-house", "birch-lodge"], scope_name="Homes contract").to_json())
    assert data["header"]["scope"] == {"kind": "services", "service_ids": ["birch-lodge", "oak-house"],
                                       "name": "Homes contract"}
    assert data["header"]["title"] == "Governance report: Homes contract"
    assert data["overview"]["services"] == 2
    north = json.loads(build(provider, region="North").to_json())
    assert north["header"]["scope"]["name"] == "North"
    assert north["header"]["scope"]["service_ids"] == ["birch-lodge", "elm-court", "hilltop-dom", "oak-house"]
    with pytest.raises(cl.InputError, match="one of scope, services and region"):
        build(provider, scope="oak-house", region="North")
