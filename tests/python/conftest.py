"""Makes the build tree's drp package importable and finds the drp CLI.

DRP_BUILD_DIR (default: build/ at the repository root) is where CMake built
python/drp/_drp*.so and the drp executable.
"""
import os
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUILD = pathlib.Path(os.environ.get("DRP_BUILD_DIR", ROOT / "build")).resolve()
sys.path.insert(0, str(BUILD / "python"))


@pytest.fixture(scope="session")
def root():
    return ROOT


@pytest.fixture(scope="session")
def drp_cli():
    exe = BUILD / "drp"
    if not exe.exists():
        pytest.fail(f"drp CLI not built at {exe}; build first (scripts/test.sh does)")
    return str(exe)


@pytest.fixture(scope="session")
def drp_schema_check():
    exe = BUILD / "drp_schema_check"
    if not exe.exists():
        pytest.fail(f"drp_schema_check not built at {exe}; build first (scripts/test.sh does)")
    return str(exe)
