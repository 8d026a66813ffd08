"""examples/: the generated year of events is reproducible from its seed (the analyst
walk-through, docs/analyst-guide.md, is run by test_doc_snippets.py)."""
import os
import pathlib
import subprocess
import sys

import conftest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def test_the_generator_reproduces_the_committed_examples(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(conftest.BUILD / "python"))
    r = subprocess.run([sys.executable, str(ROOT / "examples" / "generate_events.py"), "--out", str(tmp_path)],
                       capture_output=True, text=True, timeout=300, env=env)
    assert r.returncode == 0, r.stderr
    for committed in sorted((ROOT / "examples" / "year").glob("*.jsonl")):
        assert (tmp_path / committed.name).read_bytes() == committed.read_bytes(), committed.name


# The analyst walk-through (docs/analyst-guide.md) runs as written: test_doc_snippets.py runs
# every ```python block of it, and of the other docs, in order in one namespace.
