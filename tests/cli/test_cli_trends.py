"""End-to-end tests of `closeloop trends` (run by ctest with the other CLI
tests as cli_end_to_end). Expected values are worked by hand."""

import csv
import io
import json

import pytest

from test_cli import data, run, store  # noqa: F401  (fixtures)


def test_trends_from_a_store_and_from_files_agree(tmp_path, store, data):
    args = ["--by", "service", "--period", "month", "--measure", "occupied_bed_days,care_hours", "--format", "csv"]
    from_store = run("trends", store, *args)
    assert from_store.returncode == 0, from_store.stderr
    rows = list(csv.DictReader(io.StringIO(from_store.stdout)))
    # One month per service: S1 had 1 fall in 1,178 occupied bed days, S2 one
    # incident in 3,120.5 care hours; rates per 1,000.
    got = {r["service_id"]: (r["period"], int(r["count"]), float(r["exposure"]), float(r["rate"])) for r in rows}
    assert got["S1"][:3] == ("2026-01-01", 1, 1178.0)
    assert got["S1"][3] == pytest.approx(1000 / 1178)
    assert got["S2"][:3] == ("2026-01-01", 1, 3120.5)
    assert got["S2"][3] == pytest.approx(1000 / 3120.5)
    from_files = run("trends", "--incidents", data / "incidents.csv", "--exposure", data / "exposure.csv", *args)
    assert from_files.returncode == 0, from_files.stderr
    assert from_files.stdout == from_store.stdout


def test_trends_by_category_counts(store):
    result = run("trends", store, "--by", "category", "--chart", "c", "--format", "json")
    assert result.returncode == 0, result.stderr
    counts = {r["category"]: r["count"] for r in json.loads(result.stdout)}
    # Every known category is a series; empty ones count zero, never missing.
    assert counts == {"fall": 1, "medication_error": 0, "safeguarding": 1, "pressure_ulcer": 0,
                      "behaviour": 0, "infection": 0, "missing_person": 0, "choking": 0, "other": 0}


def test_trends_usage_and_input_errors(store, data):
    assert run("trends", store, "--incidents", data / "incidents.csv").returncode == 2
    bad = run("trends", store, "--by", "colour")
    assert bad.returncode == 1
    assert 'unknown group key "colour"' in bad.stderr
