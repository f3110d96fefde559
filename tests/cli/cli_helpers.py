"""Helpers shared by the command's end-to-end tests: the command under test
(CLOSELOOP_CLI, set by ctest) and the few ways the tests call it."""

import json
import os
import subprocess

CLI = os.environ.get("CLOSELOOP_CLI", "closeloop")


def run(*args, cwd=None):
    """The command's completed process (never raises on a non-zero exit)."""
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True, cwd=cwd)


def ok(*args):
    """The command's standard output; the test fails when it exits non-zero."""
    result = run(*args)
    assert result.returncode == 0, result.stderr
    return result.stdout


def recorded(*args):
    """What a lifecycle command recorded (its --format json output)."""
    return json.loads(ok(*args, "--format", "json"))


def tables(db, folder):
    """Every table of the store at `db`, exported to `folder`, by file name."""
    ok("export", db, folder)
    return {p.name: p.read_text() for p in sorted(folder.iterdir())}
