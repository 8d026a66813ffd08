"""Reads drp render's three formats back into {node id: text} and {(from, to): label}, so
that tests compare what a drawing says rather than whole files: the SVG as XML, DOT and
Mermaid line by line (every line must be a node, an arrow or a style, or the reader fails).
Text is whitespace-squashed: a box's wrapped lines joined by single spaces."""
import copy
import html
import json
import pathlib
import re
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


def squash(text):
    return re.sub(r"\s+", " ", text).strip()


def read_svg(text):
    root = ET.fromstring(text)  # raises if the SVG is not well-formed XML
    nodes, edges = {}, {}
    for g in root.iter(f"{SVG}g"):
        title = g.find(f"{SVG}title")
        words = squash(" ".join(t.text or "" for t in g.iter(f"{SVG}text")))
        if g.get("class") == "node":
            nodes[title.text] = words
        elif g.get("class") == "edge" and g.find(f"{SVG}path") is not None:
            a, b = title.text.split("->")
            edges[(a, b)] = words
    return nodes, edges


DOT_NODE = re.compile(r'^  "(\w+)" \[label=<(.*)>, (.*)\];$')
DOT_EDGE = re.compile(r'^  "(\w+)" -> "(\w+)" \[label="((?:[^"\\]|\\.)*)"(.*)\];$')


def read_dot(text):
    nodes, edges, styles = {}, {}, {}
    lines = text.splitlines()
    assert lines[0].startswith("digraph ") and lines[-1] == "}"
    for line in lines[1:-1]:
        if m := DOT_NODE.match(line):
            label = re.sub(r"<BR[^>]*>", " ", m[2])
            assert not re.search(r"<(?!/?(B|FONT)\b)", label), line  # only our own markup
            nodes[m[1]] = squash(html.unescape(re.sub(r"</?(B|FONT)[^>]*>", "", label)))
        elif m := DOT_EDGE.match(line):
            if "style=invis" in m[4]:
                continue
            edges[(m[1], m[2])] = squash(re.sub(r"\\(.)", lambda e: " " if e[1] == "n" else e[1], m[3]))
            styles[(m[1], m[2])] = "dashed" if "style=dashed" in m[4] else "solid"
        else:
            assert re.match(r"^  (label=\"(?:[^\"\\]|\\.)*\"|labelloc=t|rankdir=TB|node \[.*\]|edge \[.*\]);$", line), line
    return nodes, edges, styles


MERMAID_NODE = re.compile(r'^  (\w+)(\(\[|\[\[|\[|\(|\{|>)"([^"]*)"(\]\)|\]\]|\]|\)|\})$')
MERMAID_EDGE = re.compile(r'^  (\w+) (?:-- "([^"]*)" -->|-->|-\. "([^"]*)" \.->|-\.->|(~~~)) (\w+)$')
MERMAID_ENTITIES = {"#quot;": '"', "#35;": "#", "#amp;": "&", "#lt;": "<", "#gt;": ">", "#96;": "`", "#92;": "\\", "#8203;": ""}


def mermaid_words(label):
    assert not re.search(r"<(?!/?b>|br/>)", label), label  # only our own markup
    assert "\\" not in label, label  # Mermaid reads "\\n" as a line break
    assert not re.search(r"#(?!quot;|35;|amp;|lt;|gt;|96;|92;|8203;)", label), label  # every '#' is an entity
    text = re.sub(r"</?b>", "", label.replace("<br/>", " "))
    return squash(re.sub(r"#\w+;", lambda m: MERMAID_ENTITIES[m[0]], text))


def read_mermaid(text):
    head, body = text.split("\n---\nflowchart TD\n")
    assert re.fullmatch(r'---\ntitle: "(?:[^"\\\x00-\x1f]|\\.)*"', head), head
    nodes, edges, styles = {}, {}, {}
    for line in body.splitlines():
        if m := MERMAID_NODE.match(line):
            nodes[m[1]] = mermaid_words(m[3])
        elif m := MERMAID_EDGE.match(line):
            if m[4]:
                continue  # ~~~: an invisible link that only places a box
            edges[(m[1], m[5])] = mermaid_words(m[2] or m[3] or "")
            styles[(m[1], m[5])] = "dashed" if " -." in line else "solid"
        else:
            assert re.match(r"^  (classDef \w+ .*|class [\w,]+ \w+)$", line), line
    return nodes, edges, styles


# A stage title with every character that means something in Mermaid, DOT, HTML or XML,
# and a newline; the policy (Merton's) also has them in its authority, title, a stage that
# an arrow's label names, and a duty's system.
HOSTILE = 'Stage "1" <b>bold</b> & #quot; `code` --> ]] [[ {x} |y| ;\nsecond line\\n <img src=x onerror=alert(1)>'


def hostile_policy(tmp_path):
    doc = json.loads((pathlib.Path(__file__).resolve().parents[2] / "policies/merton.json").read_text())
    doc["authority"] = 'Borough "of" <Merton> & \\ #35; `x`'
    doc["title"] = "Dispute: resolution # 1 --- \"process\""
    doc["stages"][1]["title"] = 'Meeting "DRM" <&> #x; `y`'
    doc["stages"][2]["title"] = HOSTILE
    doc["stages"][3]["obligations"] = [copy.deepcopy(doc["obligations"][2])]
    doc["stages"][3]["obligations"][0].update(id="odd_record", system='<Mosaic & "Care" Director>')
    path = tmp_path / "hostile.json"
    path.write_text(json.dumps(doc))
    return path
