#!/usr/bin/python3
"""pip install of closeloop as a user does it, then the Python suite against it.

    run_pip_install_test.py SOURCE_DIR WORK_DIR

Copies the source tree (without build/, out/ and .git) into WORK_DIR/src so
that the build leaves the checkout untouched, creates WORK_DIR/venv with
/usr/bin/python3 -m venv --system-site-packages, runs
`venv/bin/pip install --no-build-isolation --no-index WORK_DIR/src` (offline:
setuptools, CMake and pybind11 from Debian), then runs tests/python with the
venv's interpreter from WORK_DIR, with no PYTHONPATH, so `import closeloop`
finds the installed package (tests/python/test_installed.py checks that).
CMAKE_BUILD_PARALLEL_LEVEL defaults to 2. CMake's build folder,
WORK_DIR/cmake-build, is kept between runs (setup.py's
CLOSELOOP_CMAKE_BUILD_DIR) and the copy keeps the sources' times, so a rerun
rebuilds only what changed; ccache (when installed) covers a fresh folder.
"""

import os
import pathlib
import shutil
import subprocess
import sys


def run(command, **kwargs):
    print("+ " + " ".join(str(c) for c in command), flush=True)
    subprocess.run([str(c) for c in command], check=True, **kwargs)


def main():
    source = pathlib.Path(sys.argv[1]).resolve()
    work = pathlib.Path(sys.argv[2]).resolve()
    copy = work / "src"
    venv = work / "venv"
    for stale in (copy, venv):
        if stale.exists():
            shutil.rmtree(stale)
    work.mkdir(parents=True, exist_ok=True)
    shutil.copytree(source, copy, ignore=shutil.ignore_patterns(
        ".git", "build", "out", "__pycache__", ".pytest_cache", "*.egg-info"))

    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env.setdefault("CMAKE_BUILD_PARALLEL_LEVEL", "2")
    env["CCACHE_BASEDIR"] = str(work)  # the copy and the CMake folder both below it
    env["CLOSELOOP_CMAKE_BUILD_DIR"] = str(work / "cmake-build")
    run(["/usr/bin/python3", "-m", "venv", "--system-site-packages", venv], env=env)
    python = venv / "bin" / "python"
    run([python, "-m", "pip", "install", "--no-build-isolation", "--no-index",
         "--disable-pip-version-check", "--quiet", copy], env=env, cwd=work)

    # The suite of the original checkout (its data files), run from outside it.
    env.update(CLOSELOOP_TEST_INSTALLED="1", CLOSELOOP_SOURCE_DIR=str(source), MPLBACKEND="Agg")
    run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", source / "tests" / "python"],
        env=env, cwd=work)


if __name__ == "__main__":
    main()
