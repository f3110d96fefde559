"""The store from Python: atomic CSV import, errors with file/line/column,
export -> import identity, the schema check and the erasure of a person."""

import datetime
import sqlite3

import pytest

import closeloop as cl

SERVICES = "service_id,name,type,capacity,region\nS1,Oak House,residential,40,North\n"
INCIDENTS = (
    "incident_id,service_id,occurred_at,reported_at,category,harm,person_ref,description\n"
    "I1,S1,2026-01-05T14:05,2026-01-05T15:00,fall,low,P-1,\"Found on floor, no injury\"\n"
    "I2,S1,2026-01-09,2026-01-10,fall,none,P-2,Slid from chair\n"
)


@pytest.fixture
def files(tmp_path):
    (tmp_path / "services.csv").write_text(SERVICES)
    (tmp_path / "incidents.csv").write_text(INCIDENTS)
    return tmp_path


def test_import_counts_and_export_round_trip(tmp_path, files):
    store = cl.Store.create(str(tmp_path / "a.db"))
    assert store.schema_version == cl.store.current_schema_version()
    summary = store.import_csv({"incidents": files / "incidents.csv", "services": str(files / "services.csv")})
    assert summary == {"services": 1, "incidents": 2}
    assert store.count("incidents") == 2
    written = store.export_csv(str(tmp_path / "out"))
    assert len(written) == len(cl.store.tables())
    other = cl.Store.create(str(tmp_path / "b.db"))
    other.import_csv({t: str(tmp_path / "out" / f"{t}.csv") for t in cl.store.tables()})
    assert [other.export_table(t) for t in cl.store.tables()] == [store.export_table(t) for t in cl.store.tables()]


def test_bad_row_raises_parse_error_and_changes_nothing(tmp_path, files):
    store = cl.Store.create(str(tmp_path / "a.db"))
    store.import_csv({"services": [str(files / "services.csv")]})
    bad = tmp_path / "bad.csv"
    bad.write_text(INCIDENTS + "I3,S1,2026-02-30,2026-03-01,fall,low,P-3,x\n")
    with pytest.raises(cl.ParseError) as caught:
        store.import_csv({"incidents": str(bad)})
    error = caught.value
    assert (error.source, error.line, error.column) == (str(bad), 4, 3)
    assert isinstance(error, ValueError)
    assert store.count("incidents") == 0


def test_newer_schema_is_a_schema_error(tmp_path):
    path = tmp_path / "newer.db"
    cl.Store.create(str(path))
    with sqlite3.connect(path) as raw:
        raw.execute(f"PRAGMA user_version={cl.store.current_schema_version() + 1}")
    with pytest.raises(cl.SchemaError, match="newer than the version"):
        cl.Store.open(str(path))
    assert issubclass(cl.SchemaError, RuntimeError)


def test_missing_store_is_a_store_error(tmp_path):
    with pytest.raises(cl.StoreError, match="no store at"):
        cl.Store.open(str(tmp_path / "absent.db"))


def test_event_log_is_append_only_in_sqlite(tmp_path):
    path = tmp_path / "a.db"
    cl.Store.create(str(path))
    with sqlite3.connect(path) as raw:
        triggers = {row[0] for row in raw.execute("SELECT name FROM sqlite_schema WHERE type = 'trigger'")}
    assert triggers == {"action_events_no_update", "action_events_no_delete"}


def test_erase_person(tmp_path, files):
    store = cl.Store.create(str(tmp_path / "a.db"))
    store.import_csv({"services": str(files / "services.csv"), "incidents": str(files / "incidents.csv")})
    changed = store.erase_person("P-1", "erased-1", datetime.datetime(2026, 7, 1, 12, 0), "request 17")
    assert changed == 1
    text = store.export_table("incidents")
    assert "P-1," not in text
    assert "erased-1,[description removed on 2026-07-01 at the person's request]" in text
    assert store.integrity_check() == "ok"


def test_load_gives_the_register_and_save_round_trips(tmp_path, files):
    (files / "investigations.csv").write_text(
        "investigation_id,incidents,method,lead,opened,concluded,findings,factors\n"
        "INV1,I1;I2,thematic_review,Ana Costa,2026-01-11,,,environment\n")
    (files / "plans.csv").write_text(
        "plan_id,investigation_id,scope,created_on,approver,approval,decided_on,refusal_reason,"
        "review_interval_days,min_observation_days,sustainment_months,sustainment_tolerance_days,escalation_path_id\n"
        "P1,INV1,S1,2026-01-12,Jo Bell,approved,2026-01-13,,7,60,3;12,14,\n")
    (files / "actions.csv").write_text(
        "action_id,plan_id,title,description,proposed_on,factors,owner,due,intervention,evidence_required\n"
        "A1,P1,Bedroom sensor mats,,2026-01-12,environment,Kim Lee,2026-03-31,physical_change,\n")
    (files / "measures.csv").write_text(
        "action_id,position,kind,what,how,level,by,measured_by,category,service_id,denominator,direction,target\n"
        "A1,1,outcome,falls per 1000 OBD,u chart,down a third,2026-09-30,Ana Costa,fall,S1,occupied_bed_days,decrease,4.5\n")
    (files / "monitoring.csv").write_text(
        "action_id,position,kind,recurrence,by,starts,tolerance_days\nA1,1,spot_check,weekly:tuesday,Night lead,,3\n")
    (files / "events.csv").write_text(
        "action_id,at,actor,transition,from,to,note,verdict,basis,checks,decision,review_id\n"
        "A1,2026-01-14T10:00:00,Kim Lee,agree,proposed,agreed,,,,,,\n")
    store = cl.Store.create(str(tmp_path / "a.db"))
    tables = ["services", "incidents", "investigations", "plans", "actions", "measures", "monitoring", "events"]
    store.import_csv({t: str(files / f"{t}.csv") for t in tables})
    reg = store.load()
    assert isinstance(reg, cl.Register)
    action = reg.action("A1")
    assert action.state == cl.ActionState.agreed
    assert action.measures[0].target == 4.5
    other = cl.Store.create(str(tmp_path / "b.db"))
    other.save(reg)
    assert other.load() == reg
    with pytest.raises(cl.TransitionError):
        bad = tmp_path / "bad_events.csv"
        bad.write_text("action_id,at,actor,transition,from,to,note,verdict,basis,checks,decision,review_id\n"
                       "A1,2026-01-15T10:00:00,Kim Lee,implement,agreed,implemented,,,,,,\n")
        try:
            store.import_csv({"events": str(bad)})
        except cl.ParseError as error:
            assert (error.line, error.column) == (2, 4)
            raise cl.TransitionError(str(error))
    assert store.load().action("A1").state == cl.ActionState.agreed
