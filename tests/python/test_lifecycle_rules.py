"""Rules on what may enter the register: investigations open after their
incidents, learning is shared with other services, ids stay splittable, and
erasure never merges two people nor records an erasure of nothing."""

import datetime

import pytest

import closeloop as cl
from seed_scenarios import MEDICATION


def medication_register(steps):
    reg = cl.Register()
    for step in MEDICATION[:steps]:
        step(reg)
    return reg


def test_an_investigation_cannot_open_before_the_incident_it_covers():
    reg = medication_register(3)  # services and MED-1, which occurred on 2026-01-06
    with pytest.raises(cl.RuleError) as caught:
        reg.add_investigation(cl.Investigation(id="INV-X", incidents=["MED-1"], opened="2026-01-05"))
    assert caught.value.rule == "investigation.opened_before_incident"
    assert str(caught.value) == ('investigation "INV-X": opened 2026-01-05 before incident "MED-1" '
                                 'occurred on 2026-01-06')
    assert reg.investigations() == []
    reg.add_investigation(cl.Investigation(id="INV-X", incidents=["MED-1"], opened="2026-01-06"))


def test_learning_cannot_be_shared_with_the_plans_own_service():
    reg = medication_register(7)  # up to the approved plan P-MED, scoped to SL-1
    share = cl.LearningShare(id="SH-X", plan="P-MED", date="2026-02-01",
                             targets=[cl.ShareTarget(service="SL-2"), cl.ShareTarget(service="SL-1")])
    with pytest.raises(cl.RuleError) as caught:
        reg.add_share(share)
    assert caught.value.rule == "share.to_own_service"
    assert reg.shares() == []
    share.targets = [cl.ShareTarget(service="SL-2")]
    reg.add_share(share)
    assert [t.service for t in reg.share("SH-X").targets] == ["SL-2"]


@pytest.mark.parametrize("bad,problem", [
    ("SL;3", "contains ';', which separates ids in stored lists"),
    ("SL\n3", "contains a control character (code 10)"),
    ("SL\x7f3", "contains a control character (code 127)"),
    (" SL-3", "has leading or trailing spaces"),
    ("SL-3 ", "has leading or trailing spaces"),
])
def test_ids_that_would_break_stored_lists_are_refused(bad, problem, tmp_path):
    reg = cl.Register()
    with pytest.raises(cl.RuleError) as caught:
        reg.add_service(cl.Service(id=bad, name="x", type="residential"))
    assert caught.value.rule == "id.malformed"
    assert str(caught.value) == 'service id "' + bad + '" ' + problem
    # The same check through the store and through a CSV import.
    with cl.Store.create(str(tmp_path / "a.db")) as store:
        with pytest.raises(cl.RuleError):
            store.add_service(cl.Service(id=bad, name="x", type="residential"))
        path = tmp_path / "services.csv"
        quoted = '"' + bad + '"'
        path.write_text(f"service_id,name,type,capacity,region\nS1,a,residential,1,N\n{quoted},b,residential,1,N\n")
        with pytest.raises(cl.ParseError) as parse:
            store.import_csv({"services": str(path)})
        assert (parse.value.line, parse.value.column) == (3, 1)
        assert store.count("services") == 0


def test_an_id_with_inner_spaces_is_fine():
    reg = cl.Register()
    reg.add_service(cl.Service(id="Oak House 2", name="x", type="residential"))
    assert reg.service("Oak House 2").name == "x"


def test_erasure_refuses_a_replacement_in_use_and_a_reference_that_matches_nothing(tmp_path):
    with cl.Store.create(str(tmp_path / "a.db")) as store:
        for step in MEDICATION[:3]:
            step(store)
        store.add_incident(cl.Incident(id="MED-2", service="SL-1", occurred_at="2026-01-08",
                                       reported_at="2026-01-08", category="medication_error",
                                       person_ref="P-0200"))
        at = datetime.datetime(2026, 7, 1, 12, 0)
        before = store.export_table("incidents")
        with pytest.raises(cl.RuleError) as caught:
            store.erase_person("P-0193", "P-0200", at, "request 17")
        assert caught.value.rule == "erase.replacement_in_use"
        with pytest.raises(cl.NotFoundError, match="no incident has that person reference"):
            store.erase_person("P-9999", "erased-1", at, "request 18")
        assert store.export_table("incidents") == before
        assert store.erase_person("P-0193", "erased-1", at, "request 17") == 1
