"""Runs every command of docs/cli.md's "A day in the life", in order, in a
temporary folder (the JSON block is the actions.jsonl it applies), and checks
what the quality lead sees."""

import json
import os
import pathlib
import re
import shlex
import subprocess

CLI = os.environ.get("CLOSELOOP_CLI", "closeloop")
DOC = pathlib.Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def section():
    text = DOC.read_text(encoding="utf-8")
    return text.split("## A day in the life", 1)[1].split("\n## ", 1)[0]


def test_a_day_in_the_life(tmp_path):
    text = section()
    (jsonl,) = re.findall(r"```json\n(.*?)```", text, re.S)
    (tmp_path / "actions.jsonl").write_text(jsonl, encoding="utf-8")
    assert [json.loads(line)["id"] for line in jsonl.splitlines()] == ["A-1", "A-2"]
    commands = [line for block in re.findall(r"```sh\n(.*?)```", text, re.S)
                for line in block.splitlines() if line.strip()]
    assert len(commands) == 21
    outputs = []
    for command in commands:
        args = shlex.split(command)
        assert args[0] == "closeloop"
        result = subprocess.run([CLI, *args[1:]], capture_output=True, text=True, cwd=tmp_path)
        assert result.returncode == 0, (command, result.stderr)
        outputs.append(result.stdout)
    by_command = dict(zip(commands, outputs))
    assert by_command[commands[10]] == "applied 2 change(s) to provider.db\n"
    signals = outputs[commands.index("closeloop signals provider.db --as-of 2026-03-18")]
    assert signals.splitlines()[2:] == [
        "missed_monitoring  A-1                 spot_check  2026-03-10  3     tolerance days"]
    shown = outputs[commands.index("closeloop show action provider.db A-1")]
    assert "state: verified" in shown
    assert "Oak Care" in (tmp_path / "board.md").read_text(encoding="utf-8")
