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


def test_a_wheel_installs_without_a_compiler_and_replays_the_example_year(tmp_path):
    """pip wheel makes a wheel that another machine of the same kind installs with no
    compiler and no build tree: here a fresh venv, a PATH without cc, c++ or cmake, and the
    wheel alone (the CMake tree is reused, so only the first run compiles)."""
    environment = dict(os.environ, DRP_PIP_CMAKE_DIR=str(conftest.BUILD / "pip-cmake"),
                       CMAKE_BUILD_PARALLEL_LEVEL=os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL", "2"),
                       PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    environment.pop("PYTHONPATH", None)
    wheels = tmp_path / "wheels"
    r = subprocess.run(["/usr/bin/python3", "-m", "pip", "wheel", "--no-build-isolation", "--no-index", "--no-deps",
                        "-w", str(wheels), str(ROOT)], capture_output=True, text=True, timeout=3600, env=environment,
                       cwd=tmp_path)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]
    (wheel,) = wheels.glob("drp-0.1.0-*.whl")
    assert "linux" in wheel.name and "-none-any" not in wheel.name, wheel.name  # a binary wheel, tagged

    env_dir = tmp_path / "venv"
    subprocess.run(["/usr/bin/python3", "-m", "venv", "--system-site-packages", str(env_dir)], check=True, timeout=120)
    bare = {"PATH": str(env_dir / "bin"), "HOME": str(tmp_path), "CC": "/bin/false", "CXX": "/bin/false",
            "PIP_NO_INDEX": "1", "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    r = subprocess.run([str(env_dir / "bin" / "python"), "-m", "pip", "install", "--no-index", "--no-deps", str(wheel)],
                       capture_output=True, text=True, timeout=600, env=bare, cwd=tmp_path)
    assert r.returncode == 0, r.stdout[-3000:] + r.stderr[-3000:]

    year = ROOT / "examples" / "year"
    counts = {}
    for log in sorted(year.glob("*.jsonl")):  # each authority's log under its own policy
        counts[log.stem] = sum(1 for line in log.open() if '"type":"raise"' in line)
    r = subprocess.run([str(env_dir / "bin" / "python"), "-c", textwrap.dedent(f"""
        import json, pathlib, drp
        assert pathlib.Path(drp.__file__).is_relative_to({str(env_dir)!r}), drp.__file__
        out = {{}}
        for log in sorted(pathlib.Path({str(year)!r}).glob("*.jsonl")):
            out[log.stem] = len(drp.replay(log.stem, log))
        print(json.dumps(out))
        """)], capture_output=True, text=True, timeout=300, env=bare, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    import json
    assert json.loads(r.stdout) == counts  # one row per raise in each log
    r = subprocess.run([str(env_dir / "bin" / "drp"), "--version"], capture_output=True, text=True, timeout=60,
                       env=bare, cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.strip() == "drp 0.1.0", r.stderr
