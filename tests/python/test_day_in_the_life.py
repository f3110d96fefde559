"""Runs every Python block of docs/python.md's "A day in the life", in order,
in a temporary folder, and checks what the quality lead sees."""

import pathlib
import re

import closeloop as cl

DOC = pathlib.Path(__file__).resolve().parents[2] / "docs" / "python.md"


def blocks():
    text = DOC.read_text(encoding="utf-8")
    section = text.split("## A day in the life", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```python\n(.*?)```", section, re.S)


def test_a_day_in_the_life(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    code = blocks()
    assert len(code) == 6
    namespace = {}
    for block in code:
        exec(compile(block, str(DOC), "exec"), namespace)
    assert capsys.readouterr().out == "A-1 spot_check 2026-03-10\n"
    signals = namespace["signals"]
    assert (len(signals.overdue), len(signals.stale), len(signals.candour_overdue)) == (0, 0, 0)
    board = (tmp_path / "board.md").read_text(encoding="utf-8")
    assert "Oak Care" in board
    reg = cl.Store.open(str(tmp_path / "provider.db")).load()
    assert [a.state for a in reg.actions()] == [cl.ActionState.verified, cl.ActionState.agreed]
    assert reg.incident("FALL-2").notification_due.isoformat() == "2026-03-18"
