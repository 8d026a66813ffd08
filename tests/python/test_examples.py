"""examples/: the generated year of events is reproducible from its seed, and the analyst
walk-through (docs/analyst-guide.md) runs as written."""
import os
import pathlib
import re
import subprocess
import sys

import pytest

import conftest

ROOT = pathlib.Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "analyst-guide.md"


def test_the_generator_reproduces_the_committed_examples(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(conftest.BUILD / "python"))
    r = subprocess.run([sys.executable, str(ROOT / "examples" / "generate_events.py"), "--out", str(tmp_path)],
                       capture_output=True, text=True, timeout=300, env=env)
    assert r.returncode == 0, r.stderr
    for committed in sorted((ROOT / "examples" / "year").glob("*.jsonl")):
        assert (tmp_path / committed.name).read_bytes() == committed.read_bytes(), committed.name


def python_blocks(text):
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def test_the_analyst_guide_runs_as_written(tmp_path, monkeypatch):
    """Every ```python block of the guide, in order, in one namespace, from a scratch directory
    that has the examples where the guide says they are."""
    blocks = python_blocks(GUIDE.read_text())
    assert len(blocks) >= 8
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    namespace = {"__name__": "analyst_guide"}
    for n, code in enumerate(blocks, 1):
        try:
            exec(compile(code, f"{GUIDE.name} block {n}", "exec"), namespace)
        except Exception as e:  # pragma: no cover - the message says which block
            pytest.fail(f"block {n} of the analyst guide fails: {type(e).__name__}: {e}\n{code}")
    assert (tmp_path / "merton-2025Q3.html").exists()
