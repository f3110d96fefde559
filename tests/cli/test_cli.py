"""End-to-end tests of the closeloop command on temporary stores.

Run by ctest (test `cli_end_to_end`) with CLOSELOOP_CLI set to the built
executable. Expected values are written out by hand below.
"""

import csv
import io
import json
import math
import os
import pathlib
import subprocess

import pytest

CLI = os.environ.get("CLOSELOOP_CLI", "closeloop")


def run(*args, cwd=None):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, cwd=cwd)


FILES = {
    "services.csv": "service_id,name,type,capacity,region\n"
    "S1,Oak House,residential,40,North\n"
    "S2,Home Care East,domiciliary,,East\n",
    "incidents.csv": "incident_id,service_id,occurred_at,reported_at,category,harm,person_ref,description\n"
    "I1,S1,2026-01-05T14:05,2026-01-05T15:00,fall,low,P-1,\"Found on floor, no injury\"\n"
    "I2,S2,2026-01-09,2026-01-10,safeguarding,none,P-2,Late escalation\n",
    "exposure.csv": "service_id,period,measure,value\n"
    "S1,2026-01,occupied_bed_days,1178\n"
    "S2,2026-01,care_hours,3120.5\n",
    "investigations.csv": "investigation_id,incidents,method,lead,opened,concluded,findings,factors\n"
    "INV1,I1,after_action_review,Priya Shah,2026-01-06,2026-01-09,Mobility assessment gaps,assessment;environment\n"
    "INV2,I2,safeguarding_enquiry,Omar Haddad,2026-01-11,,,escalation\n",
    "plans.csv": "plan_id,investigation_id,scope,created_on,approver,approval,decided_on,refusal_reason,"
    "review_interval_days,min_observation_days,sustainment_months,sustainment_tolerance_days,escalation_path_id\n"
    "P1,INV1,S1,2026-01-10,Jo Bell,approved,2026-01-12,,30,90,3;12,14,\n"
    "P2,INV2,,2026-01-12,,pending,,,30,90,3;12,14,\n",
    "actions.csv": "action_id,plan_id,title,description,proposed_on,factors,owner,due,intervention,evidence_required\n"
    "A1,P1,Mobility risk assessment for every resident,,2026-01-10,assessment,Kim Lee,2026-03-31,checklist,assessment audit\n"
    "A2,P1,Bedroom sensor mats,,2026-01-10,environment,Kim Lee,2026-12-31,physical_change,\n"
    "A3,P2,Single on-call number for urgent concerns,,2026-01-12,escalation,Omar Haddad,2026-02-28,simplification,\n",
    "measures.csv": "action_id,position,kind,what,how,level,by,measured_by,category,service_id,denominator,direction,target\n"
    "A1,1,process,assessments up to date,monthly audit,100%,2026-04-30,Ana Costa,,,,decrease,\n"
    "A3,1,process,concerns escalated same day,call log review,95%,2026-04-30,Omar Haddad,,,,increase,0.95\n",
    "monitoring.csv": "action_id,position,kind,recurrence,by,starts,tolerance_days\n"
    "A1,1,audit,monthly_day:1,Ana Costa,,3\n"
    "A3,1,call_log_review,weekly:monday,Omar Haddad,2026-02-02,2\n",
    "events.csv": "action_id,at,actor,transition,from,to,note,verdict,basis,checks,decision,review_id\n"
    "A1,2026-01-15T10:00:00,Kim Lee,agree,proposed,agreed,,,,,,\n"
    "A3,2026-01-20T09:00:00,Omar Haddad,agree,proposed,agreed,,,,,,\n"
    "A3,2026-05-20T09:00:00,Omar Haddad,start,agreed,in_progress,rolled out,,,,,\n",
}


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def import_all(db, folder):
    args = ["import", db]
    for name in FILES:
        args += ["--" + name[:-4].replace("_", "-"), folder / name]
    return run(*args)


@pytest.fixture
def store(tmp_path, data):
    db = tmp_path / "s.db"
    assert run("init", db).returncode == 0
    result = import_all(db, data)
    assert result.returncode == 0, result.stderr
    return db


def export_texts(db, folder):
    result = run("export", db, folder)
    assert result.returncode == 0, result.stderr
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(pathlib.Path(folder).iterdir())}


def test_version_and_help_exit_zero():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("closeloop 0.")
    result = run("--help")
    assert result.returncode == 0
    for command in ("init", "import", "export", "actions", "spc", "erase-person"):
        assert command in result.stdout
    assert run("actions", "--help").returncode == 0


@pytest.mark.parametrize(
    "args",
    [[], ["frobnicate"], ["actions"], ["actions", "x.db"], ["init"], ["actions", "x.db", "--as-of", "2026-01-01", "--format", "xml"],
     ["spc", "--chart", "u"]],
)
def test_usage_errors_exit_two(args):
    result = run(*args)
    assert result.returncode == 2
    assert result.stderr


def test_init_reports_the_schema_and_is_repeatable(tmp_path):
    db = tmp_path / "new.db"
    first = run("init", db)
    assert first.returncode == 0
    assert "schema version 6" in first.stdout
    assert run("init", db).returncode == 0


def test_import_summary(tmp_path, data):
    db = tmp_path / "s.db"
    run("init", db)
    result = import_all(db, data)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "imported 2 services" in lines
    assert "imported 3 actions" in lines
    assert "imported 3 events" in lines
    assert lines[-1] == f"imported 20 rows into {db}"


def test_actions_table_lists_every_action_with_its_state(store):
    result = run("actions", store, "--as-of", "2026-06-01")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["action_id", "plan_id", "service_id", "title", "owner", "state", "due",
                                "overdue_days", "last_activity", "inactive_days", "strength"]
    assert set(lines[1]) == {"-", " "}
    assert [line.split()[0] for line in lines[2:]] == ["A1", "A2", "A3"]


def test_actions_overdue_and_stale_as_csv(store):
    # As of 2026-06-01: A1 (agreed, due 2026-03-31) is 62 days overdue and has
    # had no activity since it was agreed on 2026-01-15 (137 days); A2 is
    # proposed (never overdue) and idle since proposed on 2026-01-10 (142
    # days); A3 started on 2026-05-20 (12 days: not stale) but was due
    # 2026-02-28 (93 days overdue).
    result = run("actions", store, "--as-of", "2026-06-01", "--overdue", "--stale", "30", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    got = {r["action_id"]: (r["state"], r["overdue_days"], r["last_activity"], r["inactive_days"]) for r in rows}
    assert got == {
        "A1": ("agreed", "62", "2026-01-15", "137"),
        "A2": ("proposed", "", "2026-01-10", "142"),
        "A3": ("in_progress", "93", "", ""),
    }
    only_overdue = run("actions", store, "--as-of", "2026-06-01", "--overdue", "--format", "csv")
    assert [r["action_id"] for r in csv.DictReader(io.StringIO(only_overdue.stdout))] == ["A1", "A3"]
    # State as of an earlier date: A3 was still agreed on 2026-05-19.
    earlier = run("actions", store, "--as-of", "2026-05-19", "--format", "csv")
    states = {r["action_id"]: r["state"] for r in csv.DictReader(io.StringIO(earlier.stdout))}
    assert states == {"A1": "agreed", "A2": "proposed", "A3": "agreed"}


def test_actions_json_and_service_filter(store):
    result = run("actions", store, "--as-of", "2026-06-01", "--service", "S2", "--format", "json")
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    # P2 has no scope; its investigation covers I2 at S2.
    assert [r["action_id"] for r in rows] == ["A3"]
    assert rows[0]["overdue_days"] == 93
    assert rows[0]["service_id"] is None
    assert rows[0]["strength"] == "stronger"
    assert json.loads(run("actions", store, "--as-of", "2026-06-01", "--service", "S1", "--format", "json").stdout)[0]["service_id"] == "S1"


def test_unknown_service_is_refused(store):
    result = run("actions", store, "--as-of", "2026-06-01", "--service", "S9")
    assert result.returncode == 1
    assert 'service "S9" is not in the store' in result.stderr


def test_bad_date_is_refused(store):
    result = run("actions", store, "--as-of", "2026-02-30")
    assert result.returncode == 1
    assert '"2026-02-30"' in result.stderr


def test_export_import_export_is_identical(tmp_path, store):
    first = export_texts(store, tmp_path / "out1")
    assert len(first) == 18
    second_db = tmp_path / "second.db"
    run("init", second_db)
    result = run("import", second_db, "--dir", tmp_path / "out1")
    assert result.returncode == 0, result.stderr
    assert export_texts(second_db, tmp_path / "out2") == first
    assert first["services.csv"].splitlines()[2] == "S2,Home Care East,domiciliary,0,East"


@pytest.mark.parametrize(
    "name,text,where",
    [
        ("incidents.csv", FILES["incidents.csv"] + "I3,S1,2026-01-32,2026-02-01,fall,low,P-3,x\n", "4:3:"),
        ("incidents.csv", FILES["incidents.csv"] + "I3,S1,2026-01-20,2026-01-20,fall,low\n", "4:7:"),
        ("incidents.csv", FILES["incidents.csv"] + "I1,S1,2026-01-20,2026-01-20,fall,low,P-3,x\n", "4:1:"),
        ("plans.csv", FILES["plans.csv"].replace("P2,INV2", "P2,INV9"), "3:2:"),
        ("events.csv", FILES["events.csv"] + "A2,2026-05-21T09:00:00,Kim Lee,implement,in_progress,implemented,,,,,,\n",
         "5:4:"),
    ],
)
def test_a_bad_row_refuses_the_whole_import(tmp_path, data, name, text, where):
    db = tmp_path / "s.db"
    run("init", db)
    before = export_texts(db, tmp_path / "before")
    (data / name).write_text(text, encoding="utf-8")
    result = import_all(db, data)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.startswith(f"closeloop: error: {data / name}:{where}"), result.stderr
    assert export_texts(db, tmp_path / "after") == before


def test_missing_store_is_refused(tmp_path):
    result = run("actions", tmp_path / "absent.db", "--as-of", "2026-06-01")
    assert result.returncode == 1
    assert "no store at" in result.stderr
    assert not (tmp_path / "absent.db").exists()


def test_spc_u_chart_matches_a_hand_calculation(tmp_path):
    series = tmp_path / "falls.csv"
    series.write_text("period,count,exposure\n2026-01,2,1000\n2026-02,4,1000\n2026-03,3,2000\n2026-04,5,1000\n")
    result = run("spc", "--chart", "u", "--input", series, "--value", "count", "--per", "1000", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    # centre = 14 events / 5000 bed days x 1000 = 2.8 per 1,000; limits are
    # centre +/- 3 sqrt(0.0028 / exposure) x 1000, the lower floored at 0.
    assert [r["period"] for r in rows] == ["2026-01", "2026-02", "2026-03", "2026-04"]
    assert [float(r["value"]) for r in rows] == pytest.approx([2.0, 4.0, 1.5, 5.0])
    for r, exposure in zip(rows, [1000, 1000, 2000, 1000]):
        assert float(r["centre"]) == pytest.approx(2.8)
        assert float(r["ucl"]) == pytest.approx(2.8 + 3 * math.sqrt(0.0028 / exposure) * 1000)
        assert float(r["lcl"]) == 0.0
        assert r["outside_limits"] == "false"
    document = json.loads(run("spc", "--chart", "u", "--input", series, "--value", "count", "--per", "1000",
                              "--format", "json").stdout)
    assert document["chart"] == "u"
    assert document["variation"] == "common_cause"
    assert len(document["points"]) == 4


def test_spc_bad_number_names_file_line_and_column(tmp_path):
    series = tmp_path / "s.csv"
    series.write_text("period,value\n2026-01,3\n2026-02,three\n")
    result = run("spc", "--chart", "xmr", "--input", series)
    assert result.returncode == 1
    assert f"{series}:3:2: column \"value\": invalid number \"three\"" in result.stderr


def test_erase_person_keeps_events(tmp_path, store):
    before = export_texts(store, tmp_path / "before")
    result = run("erase-person", store, "P-1", "--replacement", "erased-1", "--as-of", "2026-07-01",
                 "--note", "request 17")
    assert result.returncode == 0, result.stderr
    assert "P-1" not in result.stdout
    after = export_texts(store, tmp_path / "after")
    assert after["events.csv"] == before["events.csv"]
    assert "P-1," not in after["incidents.csv"]
    assert "erased-1,[description removed on 2026-07-01 at the person's request]" in after["incidents.csv"]

