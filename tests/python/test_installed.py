"""Which closeloop is under test: the build tree's (PYTHONPATH) or, under the
pip_install_tests ctest test, the one pip installed into a virtual
environment, with its type stubs beside it."""

import pathlib
import sys

import pytest

import closeloop as cl
from conftest import INSTALLED, SOURCE_DIR

PACKAGE_DIR = pathlib.Path(cl.__file__).resolve().parent


@pytest.mark.skipif(not INSTALLED, reason="only when the installed package is under test")
def test_the_installed_package_is_imported():
    # In the virtual environment's site-packages, not the source folder or a build tree.
    assert PACKAGE_DIR.is_relative_to(pathlib.Path(sys.prefix).resolve())
    assert PACKAGE_DIR.parent.name == "site-packages"
    assert PACKAGE_DIR != (SOURCE_DIR / "python" / "closeloop").resolve()
    assert (PACKAGE_DIR / "py.typed").is_file()
    for stub in ("_core/__init__.pyi", "_core/spc.pyi", "_core/store.pyi"):
        assert (PACKAGE_DIR / stub).is_file(), stub
    assert pathlib.Path(cl._core.__file__).parent == PACKAGE_DIR


@pytest.mark.skipif(INSTALLED, reason="only when the build tree is under test")
def test_the_build_tree_package_is_imported():
    assert not PACKAGE_DIR.is_relative_to(SOURCE_DIR.resolve() / "python")
    assert pathlib.Path(cl._core.__file__).parent == PACKAGE_DIR
