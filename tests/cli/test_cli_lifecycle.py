"""The lifecycle commands end to end: recording incidents and moving actions
one transaction at a time, `show action`, `signals`, and `apply` of a whole
file of changes. Run by ctest (cli_end_to_end) with CLOSELOOP_CLI set."""

import json
import os
import subprocess

import pytest

from cli_helpers import CLI, ok, recorded, run, tables

MEASURE = json.dumps({"kind": "process", "what": "sensor mats in place", "how": "weekly walkround",
                      "level": "every high-risk room", "by": "2026-04-30", "measured_by": "Ana Costa"})
MONITORING = json.dumps({"kind": "spot_check", "recurrence": "weekly:tuesday", "by": "Night lead"})



@pytest.fixture
def db(tmp_path):
    path = tmp_path / "provider.db"
    ok("init", path)
    ok("service", "add", path, "--id", "RH-1", "--name", "Oak House", "--type", "residential",
       "--capacity", "40", "--region", "South")
    ok("service", "add", path, "--id", "RH-2", "--name", "Elm Court", "--type", "residential")
    return path


def test_an_action_from_incident_to_verified(db):
    incident = recorded("incident", "add", db, "--id", "FALL-1", "--service", "RH-1",
                        "--occurred-at", "2026-03-02T22:15", "--category", "fall", "--harm", "moderate",
                        "--person-ref", "P-020", "--notifiable", "true")
    assert incident == {
        "id": "FALL-1", "service": "RH-1", "occurred_at": "2026-03-02T22:15:00",
        "reported_at": "2026-03-02T22:15:00", "category": "fall", "harm": "moderate",
        "psychological_harm": "none", "person_ref": "P-020", "description": "", "notifiable": True,
        "notification_due": "2026-03-16", "notified_on": None, "written_notice_on": None}
    ok("investigation", "add", db, "--id", "INV-1", "--incidents", "FALL-1", "--opened", "2026-03-03",
       "--method", "after_action_review", "--factors", "environment")
    plan = recorded("plan", "add", db, "--id", "P-1", "--investigation", "INV-1", "--scope", "RH-1",
                    "--created-on", "2026-03-04")
    assert plan["approval"] == "pending"
    assert ok("plan", "approve", db, "--id", "P-1", "--approver", "Kim Lee", "--date",
              "2026-03-05") == "approve_plan P-1: approved\n"
    action = recorded("action", "add", db, "--id", "A-1", "--plan", "P-1", "--title", "Bedroom sensor mats",
                      "--proposed-on", "2026-03-04", "--owner", "Kim Lee", "--due", "2026-03-31",
                      "--intervention", "physical_change", "--measures", MEASURE, "--monitoring", MONITORING)
    assert (action["state"], action["strength"], action["measures"][0]["by"],
            action["monitoring"][0]["recurrence"]) == ("proposed", "stronger", "2026-04-30", "weekly:tuesday")
    agreed = recorded("action", "agree", db, "--id", "A-1", "--at", "2026-03-05T10:00", "--actor", "Kim Lee")
    assert agreed["event"] == {"at": "2026-03-05T10:00:00", "actor": "Kim Lee", "transition": "agree",
                               "from": "proposed", "to": "agreed", "note": "", "verdict": None,
                               "basis": "", "checks": [], "decision": None, "review": None}
    assert ok("action", "start", db, "--id", "A-1", "--at", "2026-03-06", "--actor", "Kim Lee") == \
        "start A-1: in_progress\n"
    ok("evidence", "add", db, "--id", "E-1", "--action", "A-1", "--kind", "observation",
       "--date", "2026-03-09", "--reference", "walkround 9 March")
    ok("action", "implement", db, "--id", "A-1", "--at", "2026-03-10", "--actor", "Kim Lee")
    check = recorded("check", "add", db, "--id", "C-1", "--action", "A-1", "--date", "2026-03-17",
                     "--kind", "spot_check", "--passed", "true", "--score", "11", "--denominator", "12",
                     "--by", "Night lead")
    assert (check["passed"], check["score"], check["denominator"]) == (True, 11.0, 12.0)
    ok("action", "verify", db, "--id", "A-1", "--at", "2026-03-18", "--actor", "Ana Costa")
    shown = recorded("show", "action", db, "A-1")
    assert shown["state"] == "verified"
    assert [e["transition"] for e in shown["history"]] == ["agree", "start", "implement", "verify"]
    assert [e["id"] for e in shown["evidence"]] == ["E-1"]
    assert [c["id"] for c in shown["checks"]] == ["C-1"]
    table = ok("show", "action", db, "A-1")
    assert table.splitlines()[:3] == ["id: A-1", "plan: P-1", "title: Bedroom sensor mats"]


def test_a_refused_transition_exits_one_and_changes_nothing(db, tmp_path):
    ok("incident", "add", db, "--id", "FALL-1", "--service", "RH-1", "--occurred-at", "2026-03-02",
       "--category", "fall")
    ok("investigation", "add", db, "--id", "INV-1", "--incidents", "FALL-1", "--opened", "2026-03-03")
    ok("plan", "add", db, "--id", "P-1", "--investigation", "INV-1", "--created-on", "2026-03-04")
    ok("action", "add", db, "--id", "A-1", "--plan", "P-1", "--title", "Provide training",
       "--proposed-on", "2026-03-04")
    before = tables(db, tmp_path / "before")
    result = run("action", "agree", db, "--id", "A-1", "--at", "2026-03-05", "--actor", "Kim Lee")
    assert result.returncode == 1
    assert result.stderr.startswith("closeloop: error: action \"A-1\"")
    assert tables(db, tmp_path / "after") == before


def test_bad_values_name_the_option(db):
    result = run("incident", "add", db, "--id", "I-1", "--service", "RH-1", "--occurred-at", "2026-02-30",
                 "--category", "fall")
    assert result.returncode == 1
    assert result.stderr.startswith("closeloop: error: --occurred-at: ")
    result = run("incident", "add", db, "--id", "I-1", "--service", "RH-1", "--occurred-at", "2026-02-03",
                 "--category", "fall", "--harm", "dreadful")
    assert result.returncode == 1
    assert result.stderr.startswith("closeloop: error: --harm: ")
    result = run("incident", "add", db, "--id", "I-1", "--service", "RH-1", "--category", "fall")
    assert result.returncode == 2
    assert "--occurred-at is required" in result.stderr
    result = run("incident", "add", db, "--id", "I-1", "--service", "RH-1", "--occurred-at", "2026-02-03",
                 "--category", "fall", "--format", "csv")
    assert result.returncode == 2


@pytest.mark.parametrize("bad", ["I;1", " I-1", "I-1 ", "I\t1"])
def test_ids_with_separators_controls_or_spaces_are_refused(db, bad):
    result = run("incident", "add", db, "--id", bad, "--service", "RH-1", "--occurred-at", "2026-02-03",
                 "--category", "fall")
    assert result.returncode == 1
    assert "incident id" in result.stderr


def test_sharing_learning_to_the_plans_own_service_is_refused(db):
    ok("incident", "add", db, "--id", "FALL-1", "--service", "RH-1", "--occurred-at", "2026-03-02",
       "--category", "fall")
    ok("investigation", "add", db, "--id", "INV-1", "--incidents", "FALL-1", "--opened", "2026-03-03")
    ok("plan", "add", db, "--id", "P-1", "--investigation", "INV-1", "--scope", "RH-1",
       "--created-on", "2026-03-04")
    result = run("share", "add", db, "--id", "SH-1", "--plan", "P-1", "--date", "2026-03-10",
                 "--targets", "RH-2", "RH-1")
    assert result.returncode == 1
    assert "is plan \"P-1\"'s own service" in result.stderr
    share = recorded("share", "add", db, "--id", "SH-1", "--plan", "P-1", "--date", "2026-03-10",
                     "--targets", "RH-2", "--channel", "staff_briefing")
    assert share["targets"] == [{"service": "RH-2", "acknowledged_on": None, "adopted": None,
                                 "decided_on": None}]
    ok("share", "acknowledge", db, "--id", "SH-1", "--service", "RH-2", "--date", "2026-03-12")
    adopted = recorded("share", "adopt", db, "--id", "SH-1", "--service", "RH-2", "--date", "2026-03-20")
    assert adopted["targets"][0]["adopted"] is True


CHANGES = [
    {"call": "add_incident", "id": "FALL-1", "service": "RH-1", "occurred_at": "2026-03-02T22:15",
     "category": "fall", "harm": "low"},
    {"call": "add_investigation", "id": "INV-1", "incidents": ["FALL-1"], "opened": "2026-03-03"},
    {"call": "add_plan", "id": "P-1", "investigation": "INV-1", "scope": "RH-1", "created_on": "2026-03-04",
     "min_observation_days": 30},
    {"call": "add_action", "id": "A-1", "plan": "P-1", "title": "Bedroom sensor mats",
     "proposed_on": "2026-03-04", "owner": "Kim Lee", "due": "2026-03-31", "intervention": "physical_change",
     "measures": [json.loads(MEASURE)], "monitoring": [json.loads(MONITORING)]},
    {"call": "agree", "id": "A-1", "at": "2026-03-05T10:00", "actor": "Kim Lee"},
]


def write_changes(path, changes):
    path.write_text("".join(json.dumps(c) + "\n" for c in changes))
    return path


def test_apply_records_a_whole_file_in_one_transaction(db, tmp_path):
    changes = write_changes(tmp_path / "changes.jsonl", CHANGES)
    assert ok("apply", db, changes) == f"applied 5 change(s) to {db}\n"
    shown = recorded("show", "action", db, "A-1")
    assert (shown["state"], shown["history"][0]["actor"]) == ("agreed", "Kim Lee")


@pytest.mark.parametrize("line,bad,message", [
    (2, {"call": "add_investigation", "id": "INV-1", "incidents": ["FALL-1"], "opened": "2026-13-03"},
     "field opened: "),
    (2, {"call": "add_investigation", "id": "INV-1", "incidents": ["FALL-1"], "opened": "2026-03-03",
         "colour": "red"}, "field colour: is not a field of this call"),
    (2, {"call": "add_investigation", "id": "INV-1", "incidents": ["FALL-1"]}, "field opened: is required"),
    (2, {"call": "open_investigation", "id": "INV-1"}, "field call: unknown call \"open_investigation\""),
    (4, {"call": "add_action", "id": "A-1", "plan": "P-1", "title": "Mats", "proposed_on": "2026-03-04",
         "measures": [{"kind": "process", "by": "someday"}]}, "field measures[0].by: "),
    (5, {"call": "agree", "id": "A-1", "at": "2026-03-01T10:00", "actor": "Kim Lee"},
     "agree: action \"A-1\": agree at 2026-03-01T10:00:00 is before the action was proposed"),
])
def test_apply_refuses_the_whole_file_naming_line_and_field(db, tmp_path, line, bad, message):
    changes = list(CHANGES)
    changes[line - 1] = bad
    path = write_changes(tmp_path / "changes.jsonl", changes)
    before = tables(db, tmp_path / "before")
    result = run("apply", db, path)
    assert result.returncode == 1
    assert result.stderr.startswith(f"closeloop: error: {path}:{line}: {message}"), result.stderr
    assert tables(db, tmp_path / "after") == before


def test_signals_as_of_a_date(db, tmp_path):
    ok("apply", db, write_changes(tmp_path / "changes.jsonl", CHANGES))
    rows = json.loads(ok("signals", db, "--as-of", "2026-04-02", "--format", "json"))
    assert [(r["kind"], r["action_id"], r["subject"], r["date"], r["days"]) for r in rows] == [
        ("overdue", "A-1", "Kim Lee", "2026-03-31", 2),
        ("missed_monitoring", "A-1", "spot_check", "2026-03-10", 3),
        ("missed_monitoring", "A-1", "spot_check", "2026-03-17", 3),
        ("missed_monitoring", "A-1", "spot_check", "2026-03-24", 3)]
    csv_text = ok("signals", db, "--as-of", "2026-04-02", "--kind", "missed_monitoring", "--format", "csv")
    assert csv_text.splitlines()[0] == "kind,action_id,plan_id,subject,date,days,detail"
    assert len(csv_text.splitlines()) == 4
    overdue = json.loads(ok("signals", db, "--as-of", "2026-04-02", "--kind", "overdue", "--format", "json"))
    assert overdue == [{"kind": "overdue", "action_id": "A-1", "plan_id": "P-1", "subject": "Kim Lee",
                        "date": "2026-03-31", "days": 2, "detail": "state agreed"}]
    result = run("signals", db, "--as-of", "2026-04-02", "--kind", "late")
    assert result.returncode == 1
    assert "--kind: unknown signal kind \"late\"" in result.stderr


def test_erase_person_refuses_a_replacement_in_use_and_a_reference_that_matches_nothing(db, tmp_path):
    for id, person in (("I-1", "P-1"), ("I-2", "P-2")):
        ok("incident", "add", db, "--id", id, "--service", "RH-1", "--occurred-at", "2026-03-02",
           "--category", "fall", "--person-ref", person)
    before = tables(db, tmp_path / "before")
    result = run("erase-person", db, "P-1", "--replacement", "P-2", "--as-of", "2026-07-01")
    assert result.returncode == 1
    assert "replacement is already the person reference of 1 incident(s)" in result.stderr
    result = run("erase-person", db, "P-9", "--replacement", "erased-9", "--as-of", "2026-07-01")
    assert result.returncode == 1
    assert "no incident has that person reference; nothing was erased" in result.stderr
    assert tables(db, tmp_path / "after") == before


def run_with_terminal_stderr(*args):
    import pty

    leader, follower = pty.openpty()
    try:
        result = subprocess.run([CLI, *map(str, args)], stdout=subprocess.PIPE, stderr=follower, text=True)
        os.close(follower)
        follower = None
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        return result, b"".join(chunks).decode()
    finally:
        if follower is not None:
            os.close(follower)
        os.close(leader)


def test_import_shows_progress_only_on_a_terminal(db, tmp_path):
    incidents = tmp_path / "incidents.csv"
    incidents.write_text("incident_id,service_id,occurred_at,reported_at,category,harm,person_ref,description\n"
                         + "".join(f"I-{i},RH-1,2026-01-05,2026-01-05,fall,low,P-{i},\n" for i in range(3)))
    result, terminal = run_with_terminal_stderr("import", db, "--incidents", incidents)
    assert result.returncode == 0
    assert terminal.replace("\r\n", "\n") == "\rimporting incidents: 3 rows\n"
    other = tmp_path / "other.db"
    ok("init", other)
    ok("service", "add", other, "--id", "RH-1", "--name", "Oak House", "--type", "residential")
    piped = run("import", other, "--incidents", incidents)
    assert (piped.returncode, piped.stderr) == (0, "")
