import os
import pathlib

import pytest

SOURCE_DIR = pathlib.Path(os.environ.get("CLOSELOOP_SOURCE_DIR", pathlib.Path(__file__).parents[2]))
VALIDATION_DIR = SOURCE_DIR.parent / "shared" / "validation"


@pytest.fixture
def source_dir():
    return SOURCE_DIR


@pytest.fixture
def validation_dir():
    return VALIDATION_DIR
