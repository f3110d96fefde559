"""Redaction by construction, end to end: commissioners' and inspectors'
reports of a store are byte-identical whatever its person references and
staff names are, because no person field reaches them and nothing is searched
for and replaced. The names chosen are the hostile ones: person references
"12", "2026" and "a", staff names "x", "Court" and "Training" that are parts of
figures, dates, service names and ordinary words."""

import csv
import pathlib

import pytest

from cli_helpers import run
PROVIDER_DIR = pathlib.Path(__file__).resolve().parents[2] / "examples" / "data" / "provider"

# Every column of the interchange files that names a person.
PERSON_COLUMNS = {
    "incidents.csv": ["person_ref"],
    "investigations.csv": ["lead"],
    "plans.csv": ["approver"],
    "actions.csv": ["owner"],
    "measures.csv": ["measured_by"],
    "monitoring.csv": ["by"],
    "checks.csv": ["by"],
    "events.csv": ["actor"],
}
PERIOD = ["--as-of", "2026-11-26", "--from", "2025-12-01", "--to", "2026-11-26"]


def renamed_store(tmp_path, name, person_refs, staff_names):
    """The sample provider with every person reference and staff name replaced,
    column by column (never in any other field)."""
    folder = tmp_path / f"{name}-csv"
    folder.mkdir()
    staff = {}
    for path in sorted(PROVIDER_DIR.glob("*.csv")):
        with open(path, newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            fields = reader.fieldnames
            rows = list(reader)
        for row in rows:
            for column in PERSON_COLUMNS.get(path.name, []):
                value = row[column]
                if not value:
                    continue
                if column == "person_ref":
                    row[column] = person_refs[sum(value.encode()) % len(person_refs)]
                else:
                    row[column] = staff.setdefault(value, staff_names[len(staff) % len(staff_names)])
        with open(folder / path.name, "w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)
    db = tmp_path / f"{name}.db"
    assert run("init", db).returncode == 0
    result = run("import", db, "--dir", folder)
    assert result.returncode == 0, result.stderr
    return db


@pytest.fixture(scope="module")
def stores(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("protection")
    hostile = renamed_store(tmp, "hostile", ["12", "2026", "a"], ["x", "Court", "Training", "Jo"])
    plain = renamed_store(tmp, "plain", ["PR-100", "PR-200"], ["Alex Morgan", "Sam Patel", "Chris Lowe"])
    return hostile, plain


@pytest.mark.parametrize("audience", ["commissioner", "inspector"])
@pytest.mark.parametrize("fmt", ["json", "markdown", "html"])
def test_outside_reports_do_not_change_with_people(stores, tmp_path, audience, fmt):
    hostile, plain = stores
    outputs = []
    for db in (hostile, plain):
        out = tmp_path / f"{db.stem}.{fmt}"
        result = run("report", db, "--audience", audience, *PERIOD, "--format", fmt, "--output", out)
        assert result.returncode == 0, result.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]
    text = outputs[0].decode()
    # Figures and dates are whole: nothing was replaced inside them.
    assert "[redacted]" not in text
    assert "2026" in text and "Elm Court" in text


def test_the_board_report_does_name_staff(stores, tmp_path):
    """The comparison above can fail: inside audiences do carry the names."""
    _, plain = stores
    out = tmp_path / "board.md"
    assert run("report", plain, "--audience", "board", *PERIOD, "--format", "markdown", "--output", out).returncode == 0
    text = out.read_text()
    assert any(name in text for name in ["Alex Morgan", "Sam Patel", "Chris Lowe"])


def test_shareable_evidence_reaches_the_commissioner_and_unshared_does_not(tmp_path):
    db = tmp_path / "provider.db"
    assert run("init", db).returncode == 0
    assert run("import", db, "--dir", PROVIDER_DIR).returncode == 0
    shared = run("evidence", "add", db, "--id", "E-SHARED", "--action", "A-MED-2", "--kind", "peoples_experience",
                 "--date", "2026-11-20", "--reference", "Residents meeting 20/11",
                 "--summary", "Residents said rounds are calmer", "--shareable", "true")
    assert shared.returncode == 0, shared.stderr
    private = run("evidence", "add", db, "--id", "E-PRIVATE", "--action", "A-MED-2", "--kind", "staff_feedback",
                  "--date", "2026-11-21", "--reference", "Handover minutes 21/11",
                  "--summary", "Night staff asked for a second checker")
    assert private.returncode == 0, private.stderr
    outputs = {}
    for audience in ["board", "commissioner", "inspector"]:
        out = tmp_path / f"{audience}.md"
        result = run("report", db, "--audience", audience, *PERIOD, "--format", "markdown", "--output", out)
        assert result.returncode == 0, result.stderr
        outputs[audience] = out.read_text()
    assert "Residents said rounds are calmer" in outputs["commissioner"]
    assert "Handover minutes 21/11" not in outputs["commissioner"]
    assert "Night staff asked for a second checker" not in outputs["inspector"]
    assert "Handover minutes 21/11" in outputs["board"]
    # The inspector sees both categories now have evidence.
    assert "| People's experience | " in outputs["inspector"]
    row = next(line for line in outputs["inspector"].splitlines() if line.startswith("| People's experience | "))
    assert row.split("|")[2].strip() != "0"


def test_a_report_for_a_contract_and_the_meeting_pack(tmp_path):
    db = tmp_path / "provider.db"
    assert run("init", db).returncode == 0
    assert run("import", db, "--dir", PROVIDER_DIR).returncode == 0
    out = tmp_path / "contract.md"
    result = run("report", db, "--services", "oak-house,birch-lodge", "--scope-name", "Care homes contract",
                 *PERIOD, "--format", "markdown", "--output", out)
    assert result.returncode == 0, result.stderr
    assert out.read_text().startswith("# Governance report: Care homes contract")
    both = run("report", db, "--services", "oak-house", "--service", "oak-house", *PERIOD)
    assert both.returncode != 0
    pack = tmp_path / "pack.md"
    result = run("report", db, "--audience", "governance", *PERIOD, "--format", "markdown", "--output", pack)
    assert result.returncode == 0, result.stderr
    text = pack.read_text()
    assert text.startswith("# Governance meeting pack: ")
    for heading in ["Plans due for review", "Overdue actions", "Fading actions", "Evaluations now allowed",
                    "Decisions needed"]:
        assert f"### {heading}" in text
