"""The `sample` and `report` commands end to end: the committed sample
provider is exactly what the generator writes, and every audience's report is
written in every format, with no person reference in outside audiences'."""

import csv
import json
import pathlib

import pytest

from cli_helpers import run
PROVIDER_DIR = pathlib.Path(__file__).resolve().parents[2] / "examples" / "data" / "provider"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    db = tmp_path_factory.mktemp("sample") / "provider.db"
    assert run("init", db).returncode == 0
    result = run("import", db, "--dir", PROVIDER_DIR)
    assert result.returncode == 0, result.stderr
    return db


def test_committed_sample_is_the_generators_output(tmp_path):
    db = tmp_path / "generated.db"
    result = run("sample", db)
    assert result.returncode == 0, result.stderr
    assert "Sample Care Group" in result.stdout
    exported = tmp_path / "export"
    assert run("export", db, exported).returncode == 0
    names = sorted(p.name for p in exported.glob("*.csv"))
    assert names == sorted(p.name for p in PROVIDER_DIR.glob("*.csv"))
    for name in names:
        assert (exported / name).read_bytes() == (PROVIDER_DIR / name).read_bytes(), name


@pytest.mark.parametrize("audience", ["board", "commissioner", "inspector"])
def test_every_audience_in_every_format(store, tmp_path, audience):
    for fmt, ext in [("html", "html"), ("markdown", "md"), ("json", "json")]:
        out = tmp_path / f"report.{ext}"
        result = run("report", store, "--audience", audience, "--as-of", "2026-11-26",
                     "--from", "2025-12-01", "--to", "2026-11-26", "--format", fmt, "--output", out)
        assert result.returncode == 0, result.stderr
        assert out.stat().st_size > 1000
    report = json.loads((tmp_path / "report.json").read_text())
    assert report["header"]["audience"] == audience
    assert report["header"]["as_of"] == "2026-11-26"
    assert report["overview"]["incidents"] > 0
    html = (tmp_path / "report.html").read_text()
    assert "<svg" in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    if audience != "board":
        with open(PROVIDER_DIR / "incidents.csv", newline="", encoding="utf-8") as handle:
            refs = {row["person_ref"] for row in csv.DictReader(handle) if row["person_ref"]}
        assert refs
        for ext in ("html", "md", "json"):
            text = (tmp_path / f"report.{ext}").read_text()
            assert not [ref for ref in refs if ref in text], ext


def test_report_errors_and_usage(store, tmp_path):
    period = ["--from", "2025-12-01", "--to", "2026-11-26"]
    missing = run("report", tmp_path / "none.db", "--as-of", "2026-11-26", *period)
    assert missing.returncode == 1 and "closeloop: error:" in missing.stderr
    bad_date = run("report", store, "--as-of", "2026-02-30", *period)
    assert bad_date.returncode == 1 and '"2026-02-30"' in bad_date.stderr
    no_period = run("report", store, "--as-of", "2026-11-26")
    assert no_period.returncode == 2
    assert no_period.stderr.splitlines()[0] == (
        "closeloop report: missing --from and --to: a report covers a period "
        "(--from DATE --to DATE) as of a date (--as-of DATE)")
    nothing = run("report", store)
    assert nothing.returncode == 2
    assert nothing.stderr.startswith("closeloop report: missing --as-of, --from and --to: ")
    assert run("report", store, "--as-of", "2026-11-26", "--audience", "press").returncode == 2
