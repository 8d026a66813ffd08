"""The package installs offline with pip into a fresh virtual environment, exactly as
docs/analyst-guide.md says, and then works without the build tree: import drp, replay,
report, and the drp command.

The CMake tree pip builds in is kept in $DRP_BUILD_DIR/pip-cmake (DRP_PIP_CMAKE_DIR, see
setup.py), so only the first run compiles everything."""
import os
import pathlib
import subprocess
import sys
import textwrap

import pytest

import conftest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def venv(tmp_path_factory):
    env_dir = tmp_path_factory.mktemp("venv")
    subprocess.run(["/usr/bin/python3", "-m", "venv", "--system-site-packages", str(env_dir)], check=True, timeout=120)
    python = env_dir / "bin" / "python"
    environment = dict(os.environ, DRP_PIP_CMAKE_DIR=str(conftest.BUILD / "pip-cmake"),
                       CMAKE_BUILD_PARALLEL_LEVEL=os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", "2"),
                       PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    environment.pop("PYTHONPATH", None)
    r = subprocess.run([str(python), "-m", "pip", "install", "--no-build-isolation", "--no-index", str(ROOT)],
                       capture_output=True, text=True, timeout=3600, env=environment, cwd=env_dir)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    return env_dir


def run(venv, code, cwd):
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    return subprocess.run([str(venv / "bin" / "python"), "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=300, cwd=cwd, env=env)


def test_the_installed_package_replays_and_reports(venv, tmp_path):
    r = run(venv, f"""
        import drp, pathlib
        assert pathlib.Path(drp.__file__).is_relative_to({str(venv)!r}), drp.__file__
        df = drp.replay("merton", {str(ROOT / 'examples/year/merton.jsonl')!r})
        report = drp.report("merton", {str(ROOT / 'examples/year/merton.jsonl')!r}, quarter="2025Q3")
        report.save("q3.html")
        print(len(df), report["totals"]["raised"], drp.__version__)
        """, tmp_path)
    assert r.returncode == 0, r.stderr
    count, raised, version = r.stdout.split()
    assert int(count) == 130 and int(raised) > 0 and version == "0.1.0"
    assert (tmp_path / "q3.html").read_text().startswith("<!DOCTYPE html>")


def test_the_type_stubs_and_marker_are_installed(venv):
    site = next((venv / "lib").glob("python3*/site-packages/drp"))
    assert (site / "py.typed").exists() and (site / "_drp.pyi").exists()


def test_the_drp_command_comes_with_the_package(venv, tmp_path):
    r = subprocess.run([str(venv / "bin" / "drp"), "report", "--policy", "merton", "--quarter", "2025Q3",
                        "--format", "csv", str(ROOT / "examples/year/merton.jsonl")],
                       capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("section,key,measure,value\n")
    r = subprocess.run([str(venv / "bin" / "python"), "-m", "drp", "--version"], capture_output=True, text=True,
                       timeout=60, cwd=tmp_path)
    assert r.stdout.strip() == "drp 0.1.0"
