"""Builds drp._drp and the drp CLI with the project's CMake, for pip.

pyproject.toml holds the metadata; this file only teaches setuptools to run CMake:
configure with the interpreter pip runs under (so the extension matches it), build the
two targets, and put the extension and the CLI into the package. No network is used;
CMake, a C++20 compiler, Boost 1.81, ICU, nlohmann-json, simdjson, libsodium and pybind11
come from Debian (scripts/install-deps.sh).
"""
import os
import pathlib
import shutil
import subprocess
import sys
import sysconfig

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

ROOT = pathlib.Path(__file__).resolve().parent


class CMakeExtension(Extension):
    def __init__(self, name):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        # DRP_PIP_CMAKE_DIR: reuse a CMake tree between installs (the install test does).
        build = pathlib.Path(os.environ.get("DRP_PIP_CMAKE_DIR") or pathlib.Path(self.build_temp) / "cmake").resolve()
        build.mkdir(parents=True, exist_ok=True)
        generator = ["-G", "Ninja"] if shutil.which("ninja") else []
        config = os.environ.get("DRP_PIP_BUILD_TYPE", "Release")
        subprocess.run(["cmake", "-S", str(ROOT), "-B", str(build), *generator,
                        f"-DCMAKE_BUILD_TYPE={config}",
                        f"-DPython3_EXECUTABLE={sys.executable}",
                        "-DDRP_BUILD_TESTS=OFF", "-DDRP_BUILD_BENCHMARKS=OFF",
                        "-DDRP_BUILD_PYTHON=ON", "-DDRP_BUILD_CLI=ON"], check=True)
        jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", str(os.cpu_count() or 2))
        subprocess.run(["cmake", "--build", str(build), "--target", "drp_python", "drp_cli", "-j", jobs], check=True)

        suffix = sysconfig.get_config_var("EXT_SUFFIX")
        built = build / "python" / "drp" / f"_drp{suffix}"
        target = pathlib.Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(built, target)
        cli = target.parent / "bin" / "drp"
        cli.parent.mkdir(exist_ok=True)
        shutil.copy2(build / "drp", cli)


setup(
    ext_modules=[CMakeExtension("drp._drp")],
    cmdclass={"build_ext": CMakeBuild},
    # setuptools' default build/ is the developers' CMake tree; keep pip's work apart.
    options={"build": {"build_base": "build-pip"}},
)
