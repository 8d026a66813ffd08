"""drp studio end to end, as a policy author uses it, in headless Chromium (Debian's, driven
through the DevTools protocol, no network): open a copy of a seed policy, make a mistake and
see it reported at its line, fix it, see the drawing change, try a dispute over Christmas and
read its due date, and save. The page is screenshotted and the pictures checked as the
report's are: by counting the colours that show an error and an overdue obligation.

DRP_STUDIO_SCREENSHOTS=DIR keeps the screenshots (docs/studio-*.png are made so)."""
import json
import os
import pathlib
import time

import pytest
from PIL import Image

from devtools import Browser
from studio_support import line_column, running_studio

ROOT = pathlib.Path(__file__).resolve().parents[2]
MERTON = (ROOT / "policies/merton.json").read_text()
ERROR_RED = (0xC0, 0x39, 0x2B)      # studio.css: a diagnostic's place, an overdue status
OVERDUE_PINK = (0xFD, 0xE2, 0xDF)   # studio.css: the row of an overdue obligation


def count(image, rgb, tolerance=8):
    return sum(n for n, px in image.getcolors(maxcolors=1 << 22) if all(abs(a - b) <= tolerance for a, b in zip(px, rgb)))


@pytest.fixture
def browser(tmp_path):
    b = Browser(profile=tmp_path / "profile")
    yield b
    b.close()


def shot(browser, tmp_path, name):
    keep = os.environ.get("DRP_STUDIO_SCREENSHOTS")
    path = browser.screenshot((pathlib.Path(keep) if keep else tmp_path) / f"studio-{name}.png")
    return Image.open(path).convert("RGB")


def replace_in_editor(browser, old, new):
    """Selects the first `old` in the editor as the author would, and types `new` over it."""
    at = browser.evaluate(f"studio.view.state.doc.toString().indexOf({json.dumps(old)})")
    assert at >= 0, old
    browser.evaluate(f"studio.view.focus(), studio.view.dispatch({{selection: {{anchor: {at}, head: {at + len(old)}}}}}), true")
    browser.type_text(new)


def set_value(browser, selector, value):
    browser.evaluate(f"""(() => {{ const e = document.querySelector({json.dumps(selector)});
        e.value = {json.dumps(value)}; e.dispatchEvent(new Event("change", {{bubbles: true}})); return true; }})()""")


def test_an_author_opens_breaks_fixes_draws_tries_and_saves_a_policy(drp_cli, browser, tmp_path):
    policy = tmp_path / "merton.json"
    policy.write_text(MERTON)
    with running_studio(drp_cli, policy) as port:
        browser.navigate(f"http://127.0.0.1:{port}/")
        browser.wait_for("document.body.dataset.ready && document.getElementById('drawing').dataset.drawn", "the page and its first drawing")
        browser.wait_for("document.getElementById('diagnostic-count').textContent.includes('valid')", "the seed checked as valid")
        assert browser.evaluate("studio.view.state.doc.toString()") == MERTON
        assert browser.evaluate("document.querySelector('#drawing svg').textContent").count("IR1") >= 1

        # Help from the schema: the keys a stage may have, and what a key means.
        at = MERTON.index('"id": "IR1"')
        browser.evaluate(f"studio.view.focus(), studio.view.dispatch({{selection: {{anchor: {at}}}}}), true")
        browser.type_text('"opt')
        offered = browser.wait_for("""(() => { const o = [...document.querySelectorAll('.cm-tooltip-autocomplete li')];
            const info = document.querySelector('.cm-completionInfo');
            return o.length && info && {options: o.map(li => li.textContent), info: info.textContent}; })()""", "completion")
        assert offered["options"] == ['"optional"'] and "discretionary" in offered["info"]
        browser.evaluate(f"studio.view.dispatch({{changes: {{from: 0, to: studio.view.state.doc.length, insert: {json.dumps(MERTON)}}}}}), true")
        kind = MERTON.index('"kind"') + 2
        browser.evaluate(f"studio.view.dispatch({{selection: {{anchor: {kind}}}, scrollIntoView: true}}), true")
        browser.wait_for(f"studio.view.coordsAtPos({kind}) !== null", "the key in view")
        x, y = browser.evaluate(f"(() => {{ const r = studio.view.coordsAtPos({kind}); return [r.left, r.top + 3]; }})()")
        browser.call("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
        help_text = browser.wait_for("document.querySelector('.schema-help')?.textContent", "hover help")
        assert help_text.startswith("Kind") and "informal, meeting, formal or referral" in help_text
        browser.wait_for("document.getElementById('diagnostic-count').textContent.includes('valid')", "the seed checked as valid again")

        # A mistake: IR1's kind misspelt. The diagnostic is at the value's line and column.
        replace_in_editor(browser, '"kind": "formal"', '"kind": "formel"')
        typed = browser.evaluate("studio.view.state.doc.toString()")
        line, column = line_column(typed, '"formel"')
        item = browser.wait_for("""(() => { const li = document.querySelector('#diagnostics li.error');
            return li && {line: +li.dataset.line, column: +li.dataset.column, text: li.textContent}; })()""", "the diagnostic")
        assert (item["line"], item["column"]) == (line, column)
        assert 'did you mean "formal"?' in item["text"] and "hint:" in item["text"]
        browser.wait_for("document.querySelectorAll('.cm-lint-marker-error').length === 1", "the error marker in the gutter")
        browser.wait_for("document.getElementById('drawing-status').textContent.includes('out of date')", "the drawing marked out of date")
        broken = shot(browser, tmp_path, "diagnostic")
        assert count(broken, ERROR_RED) > 150  # the diagnostic's place and the gutter's marker, in red

        # Fixed with the suggestion, and a stage retitled: the drawing follows.
        drawn = int(browser.evaluate("document.getElementById('drawing').dataset.drawn"))
        # the fix the diagnostic offers: hover the underlined word, press its button
        at = browser.evaluate("studio.view.state.doc.toString().indexOf('\"formel\"')") + 3
        x, y = browser.evaluate(f"(() => {{ const r = studio.view.coordsAtPos({at}); return [r.left, r.top + 3]; }})()")
        browser.call("Input.dispatchMouseEvent", type="mouseMoved", x=x, y=y)
        action = browser.wait_for("document.querySelector('.cm-diagnosticAction')?.textContent", "the suggestion's button")
        assert action == 'use "formal"'
        browser.evaluate("document.querySelector('.cm-diagnosticAction').click(), true")
        assert browser.evaluate("studio.view.state.doc.toString()") == MERTON
        replace_in_editor(browser, "Formal resolution: Stage 2 (IR2)", "IR2 with the Head of Service")
        browser.wait_for("document.getElementById('diagnostic-count').textContent.includes('valid')", "the fix checked")
        assert browser.evaluate("document.querySelectorAll('#diagnostics li').length") == 0
        browser.wait_for(f"+document.getElementById('drawing').dataset.drawn > {drawn} && "
                         "document.querySelector('#drawing svg').textContent.includes('IR2 with the Head of Service')",
                         "the drawing with the new title")
        assert browser.evaluate("document.getElementById('drawing-status').textContent") == ""

        # A dispute raised at IR1 on Mon 22 Dec 2025, from the form, and an escalation the
        # policy refuses the next day (Merton never escalates for "no response").
        set_value(browser, "#event-type", "raise")
        set_value(browser, "#event-date", "2025-12-22")
        set_value(browser, "#event-time", "10:00")
        set_value(browser, "#field-start_stage", "IR1")
        set_value(browser, "#field-start_reason", "Example")
        browser.evaluate("document.getElementById('add-event').click(), true")
        set_value(browser, "#event-type", "escalate")
        set_value(browser, "#event-date", "2025-12-23")
        browser.evaluate("document.getElementById('add-event').click(), true")
        lines = browser.evaluate("document.getElementById('events').value").splitlines()
        assert [json.loads(x)["type"] for x in lines] == ["raise", "escalate"]
        assert json.loads(lines[0])["at"] == "2025-12-22T10:00:00+00:00"
        set_value(browser, "#as-of", "2026-01-09")
        browser.evaluate("document.getElementById('run').click(), true")
        row = browser.wait_for("""(() => { const tr = document.querySelector('#results tr[data-stage="IR1"][data-id="resolution"]');
            return tr && {status: tr.querySelector('.status').textContent, due: tr.querySelector('.due').textContent,
                          explain: tr.querySelector('.explain').textContent}; })()""", "IR1's due date")
        # 10 working days after Mon 22 Dec 2025: Tue 23, Wed 24 (1, 2); Thu 25 Christmas Day and
        # Fri 26 Boxing Day skipped; Mon 29, Tue 30, Wed 31 (3-5); Thu 1 Jan New Year's Day
        # skipped; Fri 2 (6); Mon 5, Tue 6, Wed 7, Thu 8 (7-10): due at the end of Thu 8 January.
        assert row["due"] == "2026-01-08T23:59:59+00:00"
        assert row["status"] == "overdue"  # as of 9 January
        for holiday in ("Christmas Day", "Boxing Day", "New Year"):
            assert holiday in row["explain"]
        refusal = browser.evaluate("document.querySelector('#refusals li').textContent")
        assert refusal.startswith("line 2:") and "[not_permitted]" in refusal
        browser.evaluate("document.getElementById('results').scrollIntoView(), true")
        tried = shot(browser, tmp_path, "scenario")
        assert count(tried, OVERDUE_PINK) > 2000  # the overdue row

        # Download: the browser saves what the editor holds.
        downloads = tmp_path / "downloads"
        downloads.mkdir()
        browser.send("Browser.setDownloadBehavior", behavior="allow", downloadPath=str(downloads))
        browser.evaluate("document.getElementById('download').click(), true")
        deadline = time.monotonic() + 30
        while not (downloads / "merton.json").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert (downloads / "merton.json").read_text() == browser.evaluate("studio.view.state.doc.toString()")

        # Save: the file is what the editor holds, the previous version kept beside it.
        browser.evaluate("document.getElementById('save').click(), true")
        browser.wait_for("document.getElementById('status').textContent.startsWith('Saved')", "the save")
        edited = browser.evaluate("studio.view.state.doc.toString()")
    assert policy.read_text() == edited
    assert "IR2 with the Head of Service" in edited and '"formel"' not in edited
    assert (tmp_path / "merton.json.bak").read_text() == MERTON


def test_a_new_author_starts_a_policy_from_a_seed_and_the_first_save_creates_it(drp_cli, browser, tmp_path):
    policy = tmp_path / "ours.json"
    with running_studio(drp_cli, policy) as port:
        browser.navigate(f"http://127.0.0.1:{port}/")
        browser.wait_for("document.body?.dataset.ready", "the page")
        assert "does not exist yet" in browser.evaluate("document.getElementById('status').textContent")
        assert browser.evaluate("studio.view.state.doc.length") == 0
        set_value(browser, "#seeds", "qa-form")
        browser.evaluate("document.getElementById('open-seed').click(), true")
        browser.wait_for("document.getElementById('diagnostic-count').textContent.includes('valid') && "
                         "document.querySelector('#drawing svg') !== null", "the seed checked and drawn")
        browser.evaluate("document.getElementById('save').click(), true")
        browser.wait_for("document.getElementById('status').textContent.startsWith('Saved')", "the save")
    assert policy.read_text() == (ROOT / "policies/qa-form.json").read_text()
    assert not (tmp_path / "ours.json.bak").exists()
