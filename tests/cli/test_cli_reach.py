"""Learning reach end to end: `share brief` records how many of a target
service's staff were briefed of how many in scope, `apply` takes the same
call, refusals change nothing, `signals` shows reach_below_threshold with its
figures, and export/import carries briefings.csv. Run by ctest
(cli_end_to_end) with CLOSELOOP_CLI set."""

import json

import pytest

from cli_helpers import ok, recorded, run, tables



@pytest.fixture
def db(tmp_path):
    """Plan P-1 at Oak House (RH-1), shared on 10 March 2026 with Elm Court
    (RH-2) and Ash Grove (RH-3); both acknowledge on 11 March and adopt on 12
    March, so only reach can flag them. Reach deadline: 10 March + 28 days =
    7 April; a gap shows from 8 April."""
    path = tmp_path / "provider.db"
    ok("init", path)
    for service, name in [("RH-1", "Oak House"), ("RH-2", "Elm Court"), ("RH-3", "Ash Grove")]:
        ok("service", "add", path, "--id", service, "--name", name, "--type", "residential")
    ok("incident", "add", path, "--id", "FALL-1", "--service", "RH-1", "--occurred-at", "2026-03-02",
       "--category", "fall")
    ok("investigation", "add", path, "--id", "INV-1", "--incidents", "FALL-1", "--opened", "2026-03-03")
    plan = recorded("plan", "add", path, "--id", "P-1", "--investigation", "INV-1", "--scope", "RH-1",
                    "--created-on", "2026-03-04")
    assert plan["reach_threshold"] == 0.8
    ok("share", "add", path, "--id", "SH-1", "--plan", "P-1", "--date", "2026-03-10",
       "--targets", "RH-2", "RH-3", "--channel", "staff_briefing")
    for service in ["RH-2", "RH-3"]:
        ok("share", "acknowledge", path, "--id", "SH-1", "--service", service, "--date", "2026-03-11")
        ok("share", "adopt", path, "--id", "SH-1", "--service", service, "--date", "2026-03-12")
    return path


def test_share_brief_records_the_figures_and_prints_the_reach(db):
    # 17 of 22 = 77.27...%, printed to one decimal.
    assert ok("share", "brief", db, "--share", "SH-1", "--service", "RH-2", "--date", "2026-03-20",
              "--briefed", "17", "--in-scope", "22", "--by", "Sam Reid") == \
        "record_briefing SH-1 RH-2: 17 of 22 briefed (77.3%, threshold 80%)\n"
    briefing = recorded("share", "brief", db, "--share", "SH-1", "--service", "RH-2", "--date",
                        "2026-03-27", "--briefed", "20", "--in-scope", "25", "--note", "two starters")
    assert briefing == {"share": "SH-1", "service": "RH-2", "date": "2026-03-27", "briefed": 20,
                        "in_scope": 25, "reach": 0.8, "threshold": 0.8, "by": "", "note": "two starters"}


@pytest.mark.parametrize("args,message", [
    (["--service", "RH-2", "--date", "2026-03-20", "--briefed", "23", "--in-scope", "22"],
     "staff briefing of learning share \"SH-1\" at service \"RH-2\": 23 staff briefed of 22 in scope"),
    (["--service", "RH-1", "--date", "2026-03-20", "--briefed", "1", "--in-scope", "22"],
     "at service \"RH-1\": the service is not a target of the share"),
    (["--service", "RH-2", "--date", "2026-03-09", "--briefed", "1", "--in-scope", "22"],
     "dated 2026-03-09, before the share on 2026-03-10"),
    (["--service", "RH-2", "--date", "2026-03-20", "--briefed", "0", "--in-scope", "0"],
     "staff in scope 0 must be at least 1"),
    (["--service", "RH-2", "--date", "2026-03-20", "--briefed", "ten", "--in-scope", "22"],
     "--briefed: expected a whole number, got \"ten\""),
])
def test_a_refused_briefing_exits_one_and_changes_nothing(db, tmp_path, args, message):
    before = tables(db, tmp_path / "before")
    result = run("share", "brief", db, "--share", "SH-1", *args)
    assert result.returncode == 1
    assert result.stderr.startswith("closeloop: error: "), result.stderr
    assert message in result.stderr
    assert tables(db, tmp_path / "after") == before


def test_briefings_go_in_date_order_and_the_in_scope_is_required(db):
    ok("share", "brief", db, "--share", "SH-1", "--service", "RH-2", "--date", "2026-03-20",
       "--briefed", "5", "--in-scope", "22")
    result = run("share", "brief", db, "--share", "SH-1", "--service", "RH-2", "--date", "2026-03-19",
                 "--briefed", "6", "--in-scope", "22")
    assert result.returncode == 1
    assert "dated 2026-03-19, before its latest record on 2026-03-20" in result.stderr
    result = run("share", "brief", db, "--share", "SH-1", "--service", "RH-2", "--date", "2026-03-21",
                 "--briefed", "6")
    assert result.returncode == 2
    assert "--in-scope is required" in result.stderr


def not_spread(db, as_of):
    rows = json.loads(ok("signals", db, "--as-of", as_of, "--kind", "not_spread", "--format", "json"))
    return [(r["subject"], r["date"], r["detail"]) for r in rows]


def test_signals_flag_reach_below_the_threshold_from_the_day_after_the_deadline(db):
    # Elm Court: 79 of 100 on 1 April. Ash Grove: nothing recorded.
    ok("share", "brief", db, "--share", "SH-1", "--service", "RH-2", "--date", "2026-04-01",
       "--briefed", "79", "--in-scope", "100")
    assert not_spread(db, "2026-04-07") == []
    assert not_spread(db, "2026-04-08") == [
        ("SH-1 RH-2", "2026-04-07", "reach_below_threshold: 79 of 100 briefed (79%) on 2026-04-01, "
                                    "threshold 80%"),
        ("SH-1 RH-3", "2026-04-07", "reach_below_threshold: no briefing recorded, threshold 80%")]
    # Ash Grove at exactly 80 of 100 meets the threshold.
    ok("share", "brief", db, "--share", "SH-1", "--service", "RH-3", "--date", "2026-04-02",
       "--briefed", "80", "--in-scope", "100")
    assert [row[0] for row in not_spread(db, "2026-04-08")] == ["SH-1 RH-2"]


def test_apply_records_briefings_and_refuses_a_bad_one_by_line(db, tmp_path):
    good = {"call": "record_briefing", "share": "SH-1", "service": "RH-2", "date": "2026-03-20",
            "briefed": 12, "in_scope": 22, "by": "Sam Reid"}
    path = tmp_path / "changes.jsonl"
    path.write_text(json.dumps(good) + "\n")
    assert ok("apply", db, path) == f"applied 1 change(s) to {db}\n"
    before = tables(db, tmp_path / "before")
    bad = dict(good, date="2026-03-27", briefed=30)
    path.write_text(json.dumps(dict(good, date="2026-03-25", briefed=15)) + "\n" + json.dumps(bad) + "\n")
    result = run("apply", db, path)
    assert result.returncode == 1
    assert result.stderr.startswith(
        f"closeloop: error: {path}:2: record_briefing: staff briefing of learning share \"SH-1\" at "
        "service \"RH-2\": 30 staff briefed of 22 in scope"), result.stderr
    assert tables(db, tmp_path / "after") == before


def test_export_writes_briefings_and_import_reads_them_back(db, tmp_path):
    ok("share", "brief", db, "--share", "SH-1", "--service", "RH-2", "--date", "2026-03-20",
       "--briefed", "12", "--in-scope", "22", "--by", "Sam Reid", "--note", "day staff, handover")
    ok("share", "brief", db, "--share", "SH-1", "--service", "RH-2", "--date", "2026-04-01",
       "--briefed", "19", "--in-scope", "22")
    exported = tables(db, tmp_path / "out")
    assert exported["briefings.csv"] == (
        "share_id,service_id,date,briefed,in_scope,recorded_by,note\n"
        "SH-1,RH-2,2026-03-20,12,22,Sam Reid,\"day staff, handover\"\n"
        "SH-1,RH-2,2026-04-01,19,22,,\n")
    assert exported["plans.csv"].splitlines()[0].endswith(",escalation_path_id,reach_threshold")
    assert exported["plans.csv"].splitlines()[1].endswith(",0.8")
    copy = tmp_path / "copy.db"
    ok("init", copy)
    imported = ok("import", copy, "--dir", tmp_path / "out")
    assert "imported 2 briefings" in imported
    assert tables(copy, tmp_path / "again") == exported
