"""The Mermaid charts drp render writes, drawn by Mermaid itself (tests/mermaid, pinned, from
the npm registry via scripts/install-deps.sh) in headless Chromium without network, as
GitHub or a policy author's editor would draw docs/flowcharts.md. Every chart must parse,
every box must show the same words as the DOT drawing, every arrow the same label, and
hostile policy text must come out as text (no element of its own)."""
import html
import json
import pathlib
import re
import shutil
import subprocess

import pytest

from drawing_formats import hostile_policy, read_dot

ROOT = pathlib.Path(__file__).resolve().parents[2]
MERMAID_JS = ROOT / "tests/mermaid/node_modules/mermaid/dist/mermaid.min.js"
SEEDS = ["tracked-recommendation", "qa-form", "cic-issues-resolution", "trust-qas", "merton"]

PAGE = """<!doctype html><html><head><meta charset="utf-8"></head><body>
{charts}
<pre id="result">pending</pre>
<script src="{mermaid}"></script>
<script>
mermaid.initialize({{startOnLoad: false, securityLevel: "strict"}});
mermaid.run().then(() => {{
  const charts = Array.from(document.querySelectorAll("pre.mermaid")).map(pre => {{
    const svg = pre.querySelector("svg");
    if (!svg) return {{error: pre.textContent.slice(0, 300)}};
    return {{
      boxes: Object.fromEntries(Array.from(svg.querySelectorAll("g.node")).map(n => [n.id, n.textContent])),
      labels: Array.from(svg.querySelectorAll("g.edgeLabel")).map(n => n.textContent),
      title: Array.from(svg.querySelectorAll("text")).map(n => n.textContent),
      elements: Array.from(svg.querySelectorAll("img, script, iframe, a")).length,
      syntax_error: svg.textContent.includes("Syntax error"),
    }};
  }});
  document.getElementById("result").textContent = JSON.stringify(charts);
}}, err => {{ document.getElementById("result").textContent = JSON.stringify({{error: String(err)}}); }});
</script></body></html>"""


def chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    pytest.fail("Chromium is not installed: run scripts/install-deps.sh (Debian package chromium)")


def draw_in_browser(tmp_path, charts):
    if not MERMAID_JS.exists():
        pytest.fail(f"Mermaid is not installed at {MERMAID_JS}: run scripts/install-deps.sh (npm ci in tests/mermaid)")
    page = tmp_path / "charts.html"
    page.write_text(PAGE.format(charts="\n".join(f'<pre class="mermaid">{html.escape(c)}</pre>' for c in charts),
                                mermaid=MERMAID_JS.as_uri()))
    r = subprocess.run([chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                        "--disable-extensions", "--proxy-server=127.0.0.1:9",  # no network
                        "--virtual-time-budget=30000", "--dump-dom", page.as_uri()],
                       capture_output=True, text=True, timeout=180)
    m = re.search(r'<pre id="result">(.*?)</pre>', r.stdout, re.S)
    assert m, r.stderr[-2000:]
    result = json.loads(html.unescape(m[1]))
    assert isinstance(result, list), result
    return result


def bare(text):
    """Mermaid joins a box's lines without spaces: compare the words with no white space (nor
    the zero-width space that keeps a backslash from an n)."""
    return re.sub(r"[\s\u200b]+", "", text)


def render(cli, *args):
    r = subprocess.run([cli, "render", *map(str, args)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return r.stdout


def test_mermaid_draws_every_seed_and_a_hostile_policy_with_the_words_of_the_dot_drawing(drp_cli, tmp_path):
    policies = [["--builtin", s] for s in SEEDS] + [[hostile_policy(tmp_path)]]
    charts = [render(drp_cli, *p) for p in policies]
    drawn = draw_in_browser(tmp_path, charts)
    assert len(drawn) == len(policies)
    for p, chart in zip(policies, drawn):
        assert "error" not in chart and not chart["syntax_error"], (p, chart)
        assert chart["elements"] == 0, p  # policy text made no <img>, <script>, <a>
        dot_nodes, dot_edges, _ = read_dot(render(drp_cli, *p, "--format", "dot"))
        boxes = {re.sub(r"^.*-flowchart-(\w+)-\d+$", r"\1", k): bare(v) for k, v in chart["boxes"].items()}
        assert boxes == {k: bare(v) for k, v in dot_nodes.items()}, p
        assert sorted(bare(label) for label in chart["labels"] if label) == sorted(bare(v) for v in dot_edges.values()), p


def test_a_title_with_markup_characters_reads_the_same_in_mermaid(drp_cli, tmp_path):
    chart = render(drp_cli, hostile_policy(tmp_path))
    drawn, = draw_in_browser(tmp_path, [chart])
    assert 'Borough "of" ＜Merton＞ ＆ \\ #35; `x` — Dispute: resolution # 1 --- "process" (merton 1.0.0)' in drawn["title"]
