"""setuptools drives CMake to build closeloop._core for `pip install .`.

CMake configures the library and the Python module only (no tests, command,
benchmarks or examples; warnings are not errors), builds the `_core` target
and the module is copied where setuptools packages it, beside the pure-Python
files and the type stubs of python/closeloop. The version is the one
CMakeLists.txt's project() declares. Environment:

    CMAKE_BUILD_PARALLEL_LEVEL   parallel compile jobs (CMake's own variable)
    CLOSELOOP_CMAKE_BUILD_DIR    CMake's build folder (default: setuptools' build_temp)
    CLOSELOOP_CMAKE_ARGS         extra configure arguments, split on spaces

ccache is used when installed (CMakeLists.txt), with CCACHE_BASEDIR set to the
source folder so that builds from different clones share hits.
"""

import os
import pathlib
import re
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = pathlib.Path(__file__).resolve().parent


def project_version():
    text = (ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    match = re.search(r"project\(closeloop\s+VERSION\s+([0-9.]+)", text)
    if not match:
        raise RuntimeError("CMakeLists.txt: no 'project(closeloop VERSION x.y.z' found")
    return match.group(1)


class CMakeExtension(Extension):
    """An extension CMake builds: no sources for setuptools to compile."""

    def __init__(self, name, target):
        super().__init__(name, sources=[])
        self.target = target


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build_dir = pathlib.Path(os.environ.get("CLOSELOOP_CMAKE_BUILD_DIR")
                                 or pathlib.Path(self.build_temp) / "cmake").resolve()
        configure = [
            "cmake", "-S", str(ROOT), "-B", str(build_dir),
            "-DCMAKE_BUILD_TYPE=Release",
            f"-DPython3_EXECUTABLE={sys.executable}",
            "-DCLOSELOOP_BUILD_PYTHON=ON",
            "-DCLOSELOOP_BUILD_TESTS=OFF",
            "-DCLOSELOOP_BUILD_CLI=OFF",
            "-DCLOSELOOP_BUILD_BENCH=OFF",
            "-DCLOSELOOP_BUILD_EXAMPLES=OFF",
            "-DCLOSELOOP_WARNINGS_AS_ERRORS=OFF",
            "-DCLOSELOOP_INSTALL=OFF",
        ]
        if shutil.which("ninja") and not (build_dir / "CMakeCache.txt").exists():
            configure += ["-G", "Ninja"]
        configure += os.environ.get("CLOSELOOP_CMAKE_ARGS", "").split()
        env = dict(os.environ)
        env.setdefault("CCACHE_BASEDIR", str(ROOT))
        subprocess.run(configure, check=True, env=env)
        subprocess.run(["cmake", "--build", str(build_dir), "--target", ext.target],
                       check=True, env=env)
        built = sorted((build_dir / "python" / "closeloop").glob("_core*.so"))
        if len(built) != 1:
            raise RuntimeError(f"expected one _core module in {build_dir}/python/closeloop, "
                               f"found {[p.name for p in built]}")
        destination = pathlib.Path(self.get_ext_fullpath(ext.name))
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built[0], destination)


setup(
    version=project_version(),
    ext_modules=[CMakeExtension("closeloop._core", target="closeloop_python")],
    cmdclass={"build_ext": CMakeBuild},
)
