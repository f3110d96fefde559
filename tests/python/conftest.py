import os
import pathlib

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("CLOSELOOP_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
# The peers' SPC outputs live inside the repository (tests/data/peers/README.md says
# where each file came from), so a clone with nothing beside it runs every test.
VALIDATION_DIR = SOURCE_DIR / "tests" / "data" / "peers"


@pytest.fixture
def source_dir():
    return SOURCE_DIR


@pytest.fixture
def validation_dir():
    return VALIDATION_DIR
