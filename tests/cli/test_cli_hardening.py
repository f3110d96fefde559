"""The command on hostile stores (issue 14): read commands open the store
read-only (a store in a read-only file or folder is read), refuse a file
that is not a store instead of making it one, and an export lands whole."""

import os
import shutil
import stat
import subprocess
import tempfile

import pytest

CLI = os.environ.get("CLOSELOOP_CLI", "closeloop")


def run(*args, user=None, cli=None):
    return subprocess.run([cli or CLI, *map(str, args)], capture_output=True, text=True,
                          user=user)


@pytest.fixture
def examples():
    source = os.environ.get("CLOSELOOP_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
    return os.path.join(source, "examples", "data")


@pytest.fixture
def store(tmp_path, examples):
    db = tmp_path / "s.db"
    assert run("init", db).returncode == 0
    # examples/data/incidents.csv has day-only and empty reported_at values:
    # the store takes what the metrics reader takes.
    result = run("import", db, "--services", os.path.join(examples, "services.csv"),
                 "--incidents", os.path.join(examples, "incidents.csv"),
                 "--exposure", os.path.join(examples, "exposure.csv"))
    assert result.returncode == 0, result.stderr
    return db


@pytest.mark.parametrize("command", [["actions", "--as-of", "2026-06-01"], ["export", "OUT"]])
def test_a_zero_byte_file_is_refused_not_initialised(tmp_path, command):
    db = tmp_path / "empty.db"
    db.write_bytes(b"")
    args = [a if a != "OUT" else tmp_path / "out" for a in command]
    result = run(args[0], db, *args[1:])
    assert result.returncode != 0
    assert "is an empty file, not a closeloop store" in result.stderr
    assert db.stat().st_size == 0
    assert not (tmp_path / "out").exists()


def test_random_bytes_are_refused(tmp_path):
    db = tmp_path / "random.db"
    noise = bytes((i * 7919 + 13) % 251 for i in range(4096))
    db.write_bytes(noise)
    result = run("actions", db, "--as-of", "2026-06-01")
    assert result.returncode != 0
    assert "file is not a database" in result.stderr
    assert db.read_bytes() == noise


def test_a_store_in_a_read_only_folder_is_read(store):
    # Root ignores permissions: the command runs as nobody when we are root,
    # in a folder nobody can reach (pytest's tmp_path is private to root).
    user = 65534 if os.geteuid() == 0 else None
    # The command is copied beside it too: the build folder may sit in a clone
    # that nobody can enter (CI clones into a private temporary folder).
    folder = tempfile.mkdtemp(prefix="closeloop_ro_")
    os.chmod(folder, 0o755)
    db = os.path.join(folder, "s.db")
    shutil.copyfile(store, db)
    cli = os.path.join(folder, "closeloop")
    shutil.copy2(shutil.which(CLI) or CLI, cli)
    os.chmod(db, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    os.chmod(folder, 0o555)
    try:
        before = open(db, "rb").read()
        result = run("actions", db, "--as-of", "2026-06-01", "--format", "csv", user=user, cli=cli)
        assert result.returncode == 0, result.stderr
        assert result.stdout.startswith("action_id,")
        result = run("report", db, "--as-of", "2026-03-31", "--from", "2025-04-01",
                     "--to", "2026-03-31", "--format", "json", user=user, cli=cli)
        assert result.returncode == 0, result.stderr
        assert open(db, "rb").read() == before
        assert sorted(os.listdir(folder)) == ["closeloop", "s.db"]
    finally:
        os.chmod(folder, 0o755)
        shutil.rmtree(folder)


def test_export_refuses_a_folder_that_is_not_empty(tmp_path, store):
    out = tmp_path / "out"
    assert run("export", store, out).returncode == 0
    names = sorted(p.name for p in out.iterdir())
    assert "incidents.csv" in names and not any(n.endswith(".partial") for n in names)
    result = run("export", store, out)
    assert result.returncode != 0
    assert "already exists and is not empty" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == names
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def _limit_file_size():
    import resource
    import signal
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (40000, 40000))  # above the 32 KiB -shm


def test_a_report_that_cannot_be_finished_leaves_the_old_file(tmp_path, store):
    target = tmp_path / "report.html"
    target.write_text("the previous report\n")
    result = subprocess.run([CLI, "report", str(store), "--as-of", "2026-03-31",
                             "--from", "2025-04-01", "--to", "2026-03-31", "--output",
                             str(target)], capture_output=True, text=True,
                            preexec_fn=_limit_file_size)
    assert result.returncode != 0
    assert "could not finish writing" in result.stderr
    assert target.read_text() == "the previous report\n"
    # Only the report and the store's own files (a read-only connection
    # leaves SQLite's -wal and -shm): no temporary file is left behind.
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("s.db")) == [
        "report.html"]
    result = run("report", store, "--as-of", "2026-03-31", "--from", "2025-04-01",
                 "--to", "2026-03-31", "--output", target)
    assert result.returncode == 0, result.stderr
    assert target.read_text().startswith("<!DOCTYPE html>")
    assert target.stat().st_size > 40000  # so the limited run above had to fail part-way
    assert oct(target.stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask
