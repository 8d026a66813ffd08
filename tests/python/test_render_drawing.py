"""drp render draws what the policy says, as the authority's document shows it.

Each format is read back structurally (the SVG as XML, DOT and Mermaid line by line, every
line of which must be a node, an arrow or a style) into {node: text} and
{(from, to): label}, and the words are checked against policies/*.json: who raises a stage
when not the process's owners, who responds, timescales, who is notified and copied, what
must happen before entry, duties, where a dispute may open and on what condition, and the
escalation reasons on every arrow. The committed docs/flowcharts.md and docs/flowcharts/*
must be what tools/render_flowcharts.sh draws now."""
import json
import os
import pathlib
import re
import subprocess
import xml.etree.ElementTree as ET

import pytest

from drawing_formats import HOSTILE, SVG, hostile_policy, read_dot, read_mermaid, read_svg, squash

ROOT = pathlib.Path(__file__).resolve().parents[2]
SEEDS = ["tracked-recommendation", "qa-form", "cic-issues-resolution", "trust-qas", "merton"]
REASON_WORDS = {"no_response": "no response", "inadequate_response": "inadequate response",
                "not_resolved": "not resolved", "discretion": "discretion"}


def run(cli, *args):
    r = subprocess.run([cli, *map(str, args)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    return r.stdout


def drawings(cli, policy, builtin=False):
    where = ["--builtin", policy] if builtin else [policy]
    return (read_svg(run(cli, "render", *where, "--format", "svg")),
            read_dot(run(cli, "render", *where, "--format", "dot")),
            read_mermaid(run(cli, "render", *where, "--format", "mermaid")))


@pytest.fixture(scope="module")
def seeds(drp_cli):
    return {s: drawings(drp_cli, s, builtin=True) for s in SEEDS}


def policy_json(seed):
    return json.loads((ROOT / "policies" / f"{seed}.json").read_text())


def roles_in(entries):
    for e in entries:
        yield from (e["any_of"] if isinstance(e, dict) else [e])


# ---- the same drawing in every format ----

@pytest.mark.parametrize("seed", SEEDS)
def test_svg_dot_and_mermaid_carry_the_same_boxes_arrows_and_words(seeds, seed):
    (svg_nodes, svg_edges), (dot_nodes, dot_edges, dot_styles), (mm_nodes, mm_edges, mm_styles) = seeds[seed]
    assert dot_nodes == mm_nodes
    assert dot_edges == mm_edges and dot_styles == mm_styles
    assert svg_nodes == dot_nodes
    assert svg_edges == dot_edges


# ---- what each stage box says, against the policy ----

@pytest.mark.parametrize("seed", SEEDS)
def test_every_stage_box_says_who_raises_responds_is_told_and_copied_and_the_timescale(seeds, seed):
    doc = policy_json(seed)
    nodes = seeds[seed][1][0]
    owners = sorted(doc["applies_to"])
    for s in doc["stages"]:
        text = nodes[f"s_{s['id']}"]
        assert text.startswith(squash(s["title"])), (s["id"], text)
        if sorted(s["raised_by"]) != owners:
            assert "raised by " + " / ".join(s["raised_by"]) in text, (s["id"], text)
        else:
            assert "raised by" not in text, (s["id"], text)
        if s["responder"]:
            assert "responds: " + " / ".join(s["responder"]) in text, (s["id"], text)
        for field, word in (("notify", "notify: "), ("copy", "copy: ")):
            if s.get(field):
                told = ", ".join(" / ".join(e["any_of"]) if isinstance(e, dict) else e for e in s[field])
                assert word + told in text, (s["id"], text)
        t = s["timescale"]
        # A timescale for the stage's outcome reads "resolve ...", one for the reply "respond ...".
        if not t.get("none") and any(k in t for k in ("working_days", "calendar_days", "hours", "default", "by_urgency", "agreed")):
            verb = "resolve " if s.get("timescale_for") == "resolution" else "respond "
            assert verb in text, (s["id"], text)
            assert ("respond " if verb == "resolve " else "resolve ") not in text, (s["id"], text)
        for key in ("working_days", "calendar_days", "hours"):
            for amount in [t.get(key), t.get("default", {}).get(key)] + [u.get(key) for u in t.get("by_urgency", {}).values()]:
                if amount is not None:
                    assert f"{amount} {key.replace('_', ' ')}"[:-1 if amount == 1 else None] in text, (s["id"], text)
        for pre in s.get("requires", []):
            assert "before entry: consult " + pre["consult"] in text, (s["id"], text)
        for o in s.get("obligations", []):
            assert "• " + " / ".join(o["role"]) + " " in text, (s["id"], o["id"], text)
            for role in roles_in(o.get("target", [])):
                assert role in text, (s["id"], o["id"], text)
            if "within" in o:
                (unit, amount), = o["within"].items()
                assert f"within {amount} {unit.replace('_', ' ')}" in text, (s["id"], o["id"], text)


def test_merton_as_its_flowchart_shows_it(seeds):
    nodes, edges, styles = seeds["merton"][1]
    # "Work to be completed within 10 working days": the stage's outcome, not a reply (docs/seeds.md)
    assert "responds: TM / HOS resolve within 10 working days copy: SW" in nodes["s_IR1"]
    assert "copy: TM, SW, IRO_MANAGER / HOS_SAFEGUARDING" in nodes["s_IR2"]
    assert "resolve within 3 working days" in nodes["s_IR2"] and "resolve within 3 working days" in nodes["s_IR3"]
    assert "copy: HOS, TM, SW, IRO_MANAGER / HOS_SAFEGUARDING" in nodes["s_IR3"]
    ir4 = nodes["s_IR4"]
    assert "raised by IRO_MANAGER / HOS_SAFEGUARDING" in ir4 and "responds: STRATEGIC_DIRECTOR" in ir4
    assert "resolve within 4 working days" in ir4 and "copy: CHIEF_OFFICER_CSC, HOS" in ir4
    drm = nodes["s_drm"]
    assert "optional stage" in drm and "notify: SW, TM, HOS" in drm and "before entry: consult IRO_MANAGER" in drm
    assert "resolve by a date the IRO agrees (required)" in nodes["s_informal"]  # "set timescales for the work to be completed"
    ir5 = nodes["s_IR5"]
    assert "before referral: consult HOS_QAPD and have their agreement" in ir5
    assert "refer within 3 calendar days" in ir5 and "• IRO consults HOS_QAPD" in ir5
    assert "may run alongside the internal process" in ir5
    throughout = nodes["throughout"]
    assert "• IRO notifies HOS_QAPD within 24 hours of entering each stage" in throughout
    assert "• IRO records in Mosaic within 48 hours of each raise, escalate" in throughout
    assert "• IRO notifies HOS_QAPD" in nodes["resolved"]
    rules = nodes["rules"]
    assert "Time out (the clocks stop): approved by IRO_MANAGER, at formal stages (with a reason)" in rules
    assert "The formal process: no more than 20 working days in all" in rules
    assert "Stage timescales are guidance" in rules and "Bypass:" in rules
    assert "may start at a later stage (with a reason)" in nodes["start"]
    for a, b in [("informal", "drm"), ("drm", "IR1"), ("IR1", "IR2"), ("IR2", "IR3"), ("IR3", "IR4"), ("IR4", "IR5")]:
        assert edges[(f"s_{a}", f"s_{b}")] == "not resolved" and styles[(f"s_{a}", f"s_{b}")] == "solid"
    assert edges[("s_informal", "s_IR1")] == "not resolved (passing over Dispute resolution meeting)"
    assert styles[("s_informal", "s_IR1")] == "dashed"
    assert edges[("start", "s_IR5")] == "refer at any point"


# ---- the arrows say the reasons the policy allows ----

@pytest.mark.parametrize("seed", SEEDS)
def test_every_escalation_arrow_says_the_reasons_allowed_from_its_stage(seeds, seed):
    doc = policy_json(seed)
    reasons = doc["rules"]["escalation"]["reasons"]
    nodes, edges, _ = seeds[seed][1]
    stage_ids = {f"s_{s['id']}" for s in doc["stages"]}
    escalations = {k: v for k, v in edges.items() if k[0] in stage_ids and k[1] in stage_ids}
    assert escalations
    for s in doc["stages"]:
        allowed = [REASON_WORDS[r] for r, rule in reasons.items()
                   if s["id"] in rule.get("stages", [s["id"]])
                   and not (r == "discretion" and "stages" not in rule)]
        if not allowed and "discretion" in reasons:
            allowed = ["discretion"]
        for (a, b), label in escalations.items():
            if a == f"s_{s['id']}":
                said = re.sub(r" \(passing over .*\)$", "", label).split(" or ")
                assert sorted(said) == sorted(allowed), (a, b, label)


def test_the_trust_escalates_on_no_response_or_an_inadequate_response_not_on_not_resolved(seeds):
    _, edges, _ = seeds["trust-qas"][1]
    for a, b in [("stage1", "stage2"), ("stage2", "stage3"), ("stage3", "stage4"), ("stage4", "stage5")]:
        assert edges[(f"s_{a}", f"s_{b}")] == "no response or inadequate response"
    assert edges[("s_informal", "s_stage1")] == "not resolved"
    assert sum("not resolved" in label for label in edges.values()) == 1


def test_qa_form_stage_1_escalates_on_no_response_or_inadequate_response(seeds):
    nodes, edges, _ = seeds["qa-form"][1]
    assert edges[("s_stage1", "s_stage2")] == "no response or inadequate response"
    assert edges[("s_stage2", "s_stage3")] == "not resolved"
    for n in ["stage1", "stage2", "stage3", "stage4"]:
        assert edges[("s_immediate_action", f"s_{n}")] == "not resolved"
    assert edges[("s_stage4", "cafcass")] == "refer"
    assert "raised by SENIOR_IRO" in nodes["s_stage2"] and "before entry: consult SENIOR_IRO" in nodes["s_stage2"]
    assert "• SENIOR_IRO records in child's file within 24 hours" in nodes["s_stage2"]
    assert "• SENIOR_IRO consults DHOS_OPS immediately" in nodes["s_stage2"]
    assert ("• HOS_QA holds a professionals meeting with SW, IRO, TM, HOS_OPS / DHOS_OPS within 7 calendar days "
            "of entering Stage 2: Senior IRO and operational Deputy Head of Service (if necessary)") in nodes["s_stage3"]
    assert "raised by HOS_QA" in nodes["s_stage4"]
    assert "• IRO notifies SERVICE_DIRECTOR on entering each stage (only if cross_council and stage.level ≥ 3)" in nodes["throughout"]


# ---- where a dispute may open ----

def test_seed_002_asks_whether_the_concern_needs_immediate_action(seeds):
    nodes, edges, _ = seeds["cic-issues-resolution"][1]
    assert nodes["d_informal"] == "urgency = standard?"
    assert edges[("start", "d_informal")] == "raise"
    assert edges[("d_informal", "s_informal")] == "yes" and edges[("d_informal", "s_stage1")] == "no"
    assert "may start at a later stage (with a reason)" in nodes["start"]
    assert "• IRO holds a cic review meeting when the dispute is raised (if necessary)" in nodes["start"]
    resolved = nodes["resolved"]
    for duty in ["• IRO records in Care Director", "• QAAS_BS records in spreadsheet", "• IRO notifies QAAS_SM"]:
        assert duty in resolved
    assert "Legal advice may be sought at any point" in nodes["rules"]
    assert edges[("start", "cafcass")] == "refer at any point"


def test_conditions_are_drawn_in_words_and_an_operator_without_words_as_its_json(drp_cli, tmp_path):
    doc = policy_json("cic-issues-resolution")
    doc["stages"][0]["when"] = {"and": [{"==": [{"var": "urgency"}, "standard"]}, {"!": {"var": "cross_council"}},
                                        {"!": {"in": [{"var": "category"}, ["resources", "practice"]]}}]}
    doc["obligations"][0]["when"] = {">=": [{"+": [{"var": "stage.level"}, 1]}, 3]}
    path = tmp_path / "conditions.json"
    path.write_text(json.dumps(doc))
    (svg_nodes, _), (dot_nodes, _, _), (mm_nodes, _, _) = drawings(drp_cli, path)
    for nodes in (svg_nodes, dot_nodes, mm_nodes):
        assert nodes["d_informal"] == ("urgency = standard and not cross_council and not (category is resources or "
                                       "practice)?")
        assert '(only if {"+":[{"var":"stage.level"},1]} ≥ 3)' in nodes["start"]


def test_qa_form_opens_at_immediate_action_when_urgent_else_at_stage_1(seeds):
    nodes, edges, _ = seeds["qa-form"][1]
    assert nodes["d_immediate_action"] == "urgency is urgent or imminent_risk?"
    assert edges[("d_immediate_action", "s_immediate_action")] == "yes"
    assert edges[("d_immediate_action", "s_stage1")] == "no"
    assert "may start" not in nodes["start"]


def test_a_ladder_without_conditions_opens_at_its_first_stage(seeds):
    nodes, edges, _ = seeds["trust-qas"][1]
    assert edges[("start", "s_informal")] == "raise"
    assert not any(n.startswith("d_") for n in nodes)
    assert "raised by IRO / CP_CHAIR" in nodes["start"] and "may start" not in nodes["start"]
    assert "Bypass: IRO / CP_CHAIR may escalate past stages from Informal Resolution (with a reason)" in nodes["rules"]
    for n in ["stage1", "stage2", "stage3", "stage4"]:
        assert "more time by agreement of IRO / CP_CHAIR" in nodes[f"s_{n}"]
        assert "respond within 5 working days; imminent risk: 24 hours" in nodes[f"s_{n}"]
    assert "notify: CHIEF_EXECUTIVE" in nodes["s_stage5"] and "legal advice may be sought" in nodes["s_stage5"]


def test_seed_000_tracked_recommendation(seeds):
    nodes, edges, _ = seeds["tracked-recommendation"][1]
    tr = nodes["s_tracked_recommendation"]
    assert "respond by a date the IRO agrees; otherwise within 10 calendar days" in tr
    assert "• IRO notifies SW, PM, AC by email" in tr
    assert "• AC reminds SW, IRO if no response by the due date" in tr
    assert "raised by IRO / QASM" in nodes["s_formal_directorate"]
    assert "before referral: legal advice" in nodes["cafcass"]
    assert "• IRO notifies AC" in nodes["resolved"] and "• AC records in outcome log" in nodes["resolved"]


# ---- hostile text ----

def test_policy_text_is_escaped_in_every_format(drp_cli, tmp_path):
    path = hostile_policy(tmp_path)
    (svg_nodes, svg_edges), (dot_nodes, dot_edges, _), (mm_nodes, mm_edges, _) = drawings(drp_cli, path)
    want = squash(HOSTILE)
    for nodes in (svg_nodes, dot_nodes, mm_nodes):
        assert nodes["s_IR1"].startswith(want), nodes["s_IR1"]
        assert "• IRO records in <Mosaic & \"Care\" Director> within 48 hours" in nodes["s_IR2"]
        assert "(passing over " not in nodes["s_IR1"]
    assert svg_nodes == dot_nodes == mm_nodes
    for edges in (svg_edges, dot_edges, mm_edges):
        assert edges[("s_informal", "s_IR1")] == 'not resolved (passing over Meeting "DRM" <&> #x; `y`)'
    assert svg_edges == dot_edges == mm_edges
    svg = run(drp_cli, "render", path, "--format", "svg")
    title = ET.fromstring(svg).find(f"{SVG}g/{SVG}text").text
    assert 'Borough "of" <Merton> & \\ #35; `x`' in title
    mermaid = run(drp_cli, "render", path)
    # Mermaid shows no <, > or & in a title (it strips tags, prints entities): full-width forms
    assert mermaid.startswith('---\ntitle: "Borough \\"of\\" ＜Merton＞ ＆ \\\\ #35; `x` — Dispute: resolution # 1 --- \\"process\\"')


def test_the_svg_is_self_contained(seeds, drp_cli):
    for seed in SEEDS:
        svg = run(drp_cli, "render", "--builtin", seed, "--format", "svg")
        root = ET.fromstring(svg)
        for el in root.iter():
            assert not el.tag.endswith(("image", "script", "foreignObject", "a")), (seed, el.tag)
            for name, value in el.attrib.items():
                assert not name.endswith("href"), (seed, name)
                assert "url(" not in value, (seed, name, value)


# ---- the committed drawings are current ----

def graphviz_version(svg):
    m = re.search(r"Generated by graphviz version ([^\s]+)", svg)
    return m and m[1]


def test_docs_flowcharts_are_what_drp_render_draws_now(drp_cli, tmp_path):
    env = dict(os.environ, DRP_BUILD_DIR=str(pathlib.Path(drp_cli).parent))
    subprocess.run(["bash", str(ROOT / "tools/render_flowcharts.sh"), str(tmp_path)], check=True, env=env, timeout=120)
    fresh, committed = tmp_path / "flowcharts.md", ROOT / "docs/flowcharts.md"
    assert committed.read_text() == fresh.read_text(), "docs/flowcharts.md is stale: run tools/render_flowcharts.sh"
    names = sorted(p.name for p in (ROOT / "docs/flowcharts").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "flowcharts").iterdir()), "docs/flowcharts/ has other files"
    for name in names:
        new, old = (tmp_path / "flowcharts" / name).read_text(), (ROOT / "docs/flowcharts" / name).read_text()
        if graphviz_version(new) == graphviz_version(old):
            assert new == old, f"docs/flowcharts/{name} is stale: run tools/render_flowcharts.sh"
        else:  # another Graphviz lays out differently: the words must still be the same
            assert read_svg(new) == read_svg(old), f"docs/flowcharts/{name} is stale: run tools/render_flowcharts.sh"
