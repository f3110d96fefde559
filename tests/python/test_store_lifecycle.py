"""The whole lifecycle recorded durably from Python: every Register mutation on
cl.Store, one transaction each; refusals raise the Register's error and leave
the file unchanged; two processes take turns on one store."""

import os
import pathlib
import subprocess
import sys

import pytest

import closeloop as cl
from seed_scenarios import STEPS

HERE = pathlib.Path(__file__).resolve().parent

MUTATIONS = [
    "add_category", "add_service", "add_incident", "add_investigation", "conclude_investigation",
    "add_escalation_path", "set_default_escalation_path", "add_plan", "approve_plan",
    "refuse_plan", "add_action", "update_action", "agree", "start", "implement", "verify",
    "evaluate", "close", "reopen", "cancel", "add_evidence", "add_check", "add_review",
    "add_share", "acknowledge_share", "record_adoption", "record_briefing",
]

# A child process that opens the store and runs the steps it is told to, one
# line "<index>" at a time, answering "ok" or the error's class and message.
WORKER = """
import sys
import closeloop as cl
from seed_scenarios import STEPS
store = cl.Store.open(sys.argv[1])
for line in sys.stdin:
    try:
        STEPS[int(line)](store)
        print("ok", flush=True)
    except Exception as error:
        print(type(error).__name__ + ": " + str(error), flush=True)
"""


def in_memory():
    reg = cl.Register()
    for step in STEPS:
        step(reg)
    return reg


def snapshot(store):
    return [store.export_table(table) for table in cl.store.tables()]


def test_store_has_every_register_mutation_with_the_same_arguments():
    for name in MUTATIONS:
        assert hasattr(cl.Register, name), name
        register_doc = getattr(cl.Register, name).__doc__.splitlines()[0]
        store_doc = getattr(cl.Store, name).__doc__.splitlines()[0]
        # "name(self: ..., id: str, at: datetime.datetime, ...) -> None"
        register_args = register_doc.split("(", 1)[1].split(",", 1)[-1]
        store_args = store_doc.split("(", 1)[1].split(",", 1)[-1]
        assert store_args == register_args, name


def test_two_processes_in_turn_record_the_seed_scenarios(tmp_path):
    path = tmp_path / "provider.db"
    cl.Store.create(str(path)).disconnect()
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(HERE), *sys.path])
    workers = [subprocess.Popen(["/usr/bin/python3", "-c", WORKER, str(path)], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, text=True, env=env) for _ in range(2)]
    try:
        for index in range(len(STEPS)):
            worker = workers[index % 2]
            worker.stdin.write(f"{index}\n")
            worker.stdin.flush()
            assert worker.stdout.readline().strip() == "ok", f"step {index}"
    finally:
        for worker in workers:
            worker.stdin.close()
            worker.wait(timeout=30)
    assert [worker.returncode for worker in workers] == [0, 0]
    with cl.Store.open(str(path)) as store:
        loaded = store.load()
        assert store.current() == loaded
    expected = in_memory()
    assert loaded == expected
    assert len(STEPS) == 66
    assert [len(loaded.actions()), len(loaded.incidents()), len(loaded.checks())] == [7, 7, 4]
    assert loaded.action("A-MED-1").state == cl.ActionState.closed
    assert loaded.action("A-FALLS-2").state == cl.ActionState.reopened
    assert loaded.share("SH-MED-1").targets[0].adopted is True


def test_a_refused_call_raises_the_register_error_and_changes_nothing(tmp_path):
    with cl.Store.create(str(tmp_path / "a.db")) as store:
        for step in STEPS[:14]:  # medication, up to implementing A-MED-1
            step(store)
        before = snapshot(store)
        with pytest.raises(cl.TransitionError) as caught:
            store.verify("A-MED-1", "2026-02-12T10:00", "Lee Green")
        assert caught.value.rule == "verify.requires_follow_up_check"
        with pytest.raises(cl.DuplicateError, match='service "SL-1" already exists'):
            store.add_service(cl.Service(id="SL-1", name="again", type="residential"))
        with pytest.raises(cl.NotFoundError, match='action "A-NONE" does not exist'):
            store.agree("A-NONE", "2026-02-12T10:00", "Jo Bell")
        assert snapshot(store) == before
        assert store.current().action("A-MED-1").state == cl.ActionState.implemented


def test_current_follows_another_connection(tmp_path):
    path = str(tmp_path / "a.db")
    first = cl.Store.create(path)
    second = cl.Store.open(path)
    STEPS[0](first)
    assert [s.id for s in second.current().services()] == ["SL-1"]
    STEPS[1](second)
    assert [s.id for s in first.current().services()] == ["SL-1", "SL-2"]


def test_leaving_the_with_block_disconnects(tmp_path):
    with cl.Store.create(str(tmp_path / "a.db")) as store:
        assert store.connected
    assert not store.connected
    with pytest.raises(cl.StoreError, match="disconnected"):
        store.current()


def test_seed_steps_are_the_library_scenarios_call_by_call():
    escalation = cl.seed_steps("escalation")
    assert [step.method for step in escalation[:3]] == ["add_category", "add_service", "add_incident"]
    assert escalation[0].args == ("late_call",)
    assert escalation[-1].method == "refuse_plan"
    assert len(cl.seed_steps()) == sum(len(cl.seed_steps(s)) for s in ("medication", "falls", "escalation"))
    with pytest.raises(cl.InputError, match='unknown seed scenario "fire": expected one of medication, '
                                            'falls, escalation, all'):
        cl.seed_steps("fire")
