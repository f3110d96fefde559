import os
import pathlib

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("CLOSELOOP_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
# The peers' SPC outputs live inside the repository (tests/data/peers/README.md says
# where each file came from), so a clone with nothing beside it runs every test.
VALIDATION_DIR = SOURCE_DIR / "tests" / "data" / "peers"

# Set by the pip_install_tests ctest test (tests/pip/run_pip_install_test.py):
# the suite then runs against closeloop installed in a virtual environment,
# and the few tests that need the build tree are skipped.
INSTALLED = os.environ.get("CLOSELOOP_TEST_INSTALLED") == "1"

build_tree_only = pytest.mark.skipif(
    INSTALLED, reason="needs the build tree (its PYTHONPATH); the installed package is under test")


@pytest.fixture
def source_dir():
    return SOURCE_DIR


@pytest.fixture
def validation_dir():
    return VALIDATION_DIR
