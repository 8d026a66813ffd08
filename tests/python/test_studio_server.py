"""drp studio's endpoints, spoken to as the page does (and as a hostile page would): the
validator's diagnostics, the drawing, a scenario run, the seeds and save, and the refusals
of what is not the studio's own page on this machine."""
import json
import pathlib
import subprocess

import pytest

from studio_support import line_column, request, running_studio

ROOT = pathlib.Path(__file__).resolve().parents[2]
MERTON = (ROOT / "policies/merton.json").read_text()


@pytest.fixture
def policy_copy(tmp_path):
    path = tmp_path / "merton.json"
    path.write_text(MERTON)
    return path


@pytest.fixture
def studio(drp_cli, policy_copy):
    with running_studio(drp_cli, policy_copy) as port:
        yield port


def test_the_page_and_its_script_are_served_with_a_policy_that_keeps_them_local(studio):
    status, page, headers = request(studio, "GET", "/")
    assert status == 200 and '<script src="/studio.js">' in page
    assert "connect-src 'self'" in headers["Content-Security-Policy"]
    status, script, _ = request(studio, "GET", "/studio.js")
    assert status == 200 and len(script) > 100_000  # CodeMirror bundled in, nothing from a CDN
    assert "https://" not in script  # no address outside the machine to load from
    status, licences, _ = request(studio, "GET", "/licences.txt")
    assert status == 200 and "==== @codemirror/view " in licences and "MIT" in licences
    assert "==== esbuild" not in licences  # a build tool, not in the page


def test_the_schema_the_page_helps_from_is_the_policy_schema(studio):
    status, schema, _ = request(studio, "GET", "/api/schema")
    assert status == 200 and schema == json.loads((ROOT / "schemas/policy.schema.json").read_text())


def test_a_misspelt_stage_kind_is_reported_at_its_line_and_column_as_drp_validate_reports_it(drp_cli, studio, tmp_path):
    text = MERTON.replace('"kind": "formal"', '"kind": "formel"', 1)
    status, answer, _ = request(studio, "POST", "/api/validate", {"text": text})
    assert status == 200 and answer["valid"] is False
    d, = [d for d in answer["diagnostics"] if d["severity"] == "error"]
    assert (d["line"], d["column"]) == line_column(text, '"formel"')
    assert d["pointer"] == "/stages/2/kind" and d["did_you_mean"] == "formal"
    assert d["hint"]
    # the same finding as drp validate's, the suggestion taken apart from the message
    bad = tmp_path / "bad.json"
    bad.write_text(text)
    cli, = json.loads(subprocess.run([drp_cli, "validate", "--json", str(bad)], capture_output=True, text=True).stdout)
    c, = cli["diagnostics"]
    assert c["message"] == d["message"] + '; did you mean "formal"?'
    assert (c["line"], c["column"], c["hint"], c["rule"]) == (d["line"], d["column"], d["hint"], d["rule"])


def test_text_that_is_not_json_gets_a_diagnostic_at_its_place(studio):
    text = MERTON.replace('"version":', '"version"', 1)
    status, answer, _ = request(studio, "POST", "/api/validate", {"text": text})
    assert status == 200 and not answer["valid"]
    d, = answer["diagnostics"]
    assert d["rule"] == "json" and "expected ':'" in d["message"]
    assert d["line"] == line_column(text, '"version"')[0]


def test_the_drawing_follows_the_text_and_is_refused_while_the_policy_does_not_load(studio):
    status, answer, _ = request(studio, "POST", "/api/render", {"text": MERTON})
    assert status == 200 and answer["format"] == "svg" and "<svg" in answer["drawing"]
    assert "Case escalated to IR2 Stage" not in answer["drawing"]
    retitled = json.loads(MERTON)
    retitled["stages"][3]["title"] = "Case escalated to IR2 Stage"
    status, answer, _ = request(studio, "POST", "/api/render", {"text": json.dumps(retitled)})
    assert status == 200 and "Case escalated to IR2 Stage" in answer["drawing"]
    status, answer, _ = request(studio, "POST", "/api/render", {"text": MERTON, "format": "mermaid"})
    assert status == 200 and "flowchart" in answer["drawing"]
    status, answer, _ = request(studio, "POST", "/api/render", {"text": MERTON.replace('"formal"', '"formel"', 1)})
    assert status == 422 and answer["error"]["code"] == "schema" and "1 error" in answer["error"]["message"]
    status, answer, _ = request(studio, "POST", "/api/render", {"text": MERTON, "format": "png"})
    assert status == 400 and "format" in answer["error"]["message"]


def event(**fields):
    return json.dumps({"dispute_id": "EX-1", "by": "IRO", **fields})


CHRISTMAS = "\n".join([
    event(type="raise", at="2025-12-22T10:00:00+00:00", child_ref="EXAMPLE", category="drift_delay",
          urgency="standard", summary="Example", start_stage="IR1", start_reason="Example"),
    # refused: Merton escalates only on "not resolved" or at the IRO's discretion, never on "no response"
    event(type="escalate", at="2025-12-23T10:00:00+00:00", reason="no_response"),
])


def test_a_dispute_raised_at_ir1_before_christmas_is_due_on_8_january_and_overdue_on_the_9th(studio):
    # IR1's resolution is due in 10 working days, counted from the day after the raise (Mon 22 Dec 2025):
    # Tue 23, Wed 24 (1, 2); Thu 25 Christmas Day and Fri 26 Boxing Day skipped; Mon 29,
    # Tue 30, Wed 31 (3-5); Thu 1 Jan New Year's Day skipped; Fri 2 (6); Mon 5, Tue 6, Wed 7,
    # Thu 8 (7-10): due at the end of Thu 8 Jan 2026.
    status, answer, _ = request(studio, "POST", "/api/simulate", {"text": MERTON, "events": CHRISTMAS, "as_of": "2026-01-09"})
    assert status == 200
    refusal, = answer["refusals"]
    assert refusal["line"] == 2 and refusal["code"] == "not_permitted"
    d, = answer["disputes"]
    assert (d["status"], d["stage"]) == ("open", "IR1")
    assert [t["type"] for t in d["timeline"]] == ["raise"]  # the refused escalation changed nothing
    response, = [o for o in d["obligations"] if o["stage"] == "IR1" and o["kind"] == "resolution"]  # "timescale_for"
    assert response["due_date"] == "2026-01-08" and response["due"] == "2026-01-08T23:59:59+00:00"
    assert response["status"] == "overdue"
    for holiday in ("Christmas Day", "Boxing Day", "New Year"):
        assert holiday in response["explain"]
    status, answer, _ = request(studio, "POST", "/api/simulate", {"text": MERTON, "events": CHRISTMAS, "as_of": "2026-01-08"})
    response, = [o for o in answer["disputes"][0]["obligations"] if o["stage"] == "IR1" and o["kind"] == "resolution"]
    assert response["status"] == "open"  # still in time on its due date


def test_a_scenario_line_that_is_not_an_event_is_refused_with_its_line(studio):
    events = CHRISTMAS.split("\n")[0] + "\n\n{not json\n" + event(type="frobnicate", at="2025-12-23T10:00:00+00:00")
    status, answer, _ = request(studio, "POST", "/api/simulate", {"text": MERTON, "events": events})
    assert status == 200
    assert [(r["line"], r["code"]) for r in answer["refusals"]] == [(3, "invalid_json"), (4, "invalid_event")]
    assert len(answer["disputes"]) == 1


def test_an_as_of_that_is_no_date_is_refused(studio):
    status, answer, _ = request(studio, "POST", "/api/simulate", {"text": MERTON, "events": CHRISTMAS, "as_of": "soon"})
    assert status == 400 and answer["error"]["message"].startswith('"as_of"')
    status, answer, _ = request(studio, "POST", "/api/simulate", {"text": MERTON, "events": CHRISTMAS, "as_of": "2025-12-01"})
    assert status == 400 and answer["error"]["code"] == "out_of_order"


def test_a_seed_is_given_by_name_and_an_unknown_name_lists_the_seeds(studio):
    status, answer, _ = request(studio, "GET", "/api/seeds")
    assert status == 200 and "merton" in answer["seeds"]
    status, answer, _ = request(studio, "POST", "/api/seed", {"name": "qa-form"})
    assert status == 200 and answer["text"] == (ROOT / "policies/qa-form.json").read_text()
    status, answer, _ = request(studio, "POST", "/api/seed", {"name": "../../etc/passwd"})
    assert status == 404 and "merton" in answer["error"]["message"] and "passwd" not in answer["error"]["message"]


def test_save_keeps_the_previous_version_as_a_backup(studio, policy_copy):
    status, answer, _ = request(studio, "GET", "/api/session")
    assert status == 200 and answer == {"file": str(policy_copy), "exists": True, "text": MERTON}
    first = MERTON.replace("Dispute resolution process", "First edit", 1)
    status, answer, _ = request(studio, "POST", "/api/save", {"text": first})
    assert status == 200 and answer == {"saved": str(policy_copy), "backup": str(policy_copy) + ".bak"}
    assert policy_copy.read_text() == first
    assert pathlib.Path(answer["backup"]).read_text() == MERTON
    second = first.replace("First edit", "Second edit")
    assert request(studio, "POST", "/api/save", {"text": second})[0] == 200
    assert policy_copy.read_text() == second
    assert pathlib.Path(answer["backup"]).read_text() == first
    assert sorted(p.name for p in policy_copy.parent.iterdir()) == ["merton.json", "merton.json.bak"]  # no temporary left


def test_save_refuses_any_other_path(studio, policy_copy, tmp_path):
    for other in [str(tmp_path / "other.json"), "/etc/passwd", str(policy_copy) + "/../merton.json"]:
        status, answer, _ = request(studio, "POST", "/api/save", {"text": "{}", "path": other})
        assert status == 403 and answer["error"]["code"] == "forbidden_path", other
    assert policy_copy.read_text() == MERTON and not (tmp_path / "other.json").exists()
    assert not pathlib.Path(str(policy_copy) + ".bak").exists()


def test_a_new_file_is_created_by_the_first_save_with_no_backup(drp_cli, tmp_path):
    path = tmp_path / "ours.json"
    with running_studio(drp_cli, path) as port:
        assert request(port, "GET", "/api/session")[1] == {"file": str(path), "exists": False, "text": None}
        status, answer, _ = request(port, "POST", "/api/save", {"text": MERTON})
        assert status == 200 and answer["backup"] is None
    assert path.read_text() == MERTON and not (tmp_path / "ours.json.bak").exists()


def test_without_a_file_save_is_refused_and_the_rest_works(drp_cli, tmp_path):
    with running_studio(drp_cli) as port:
        status, answer, _ = request(port, "POST", "/api/save", {"text": MERTON})
        assert status == 409 and answer["error"]["code"] == "no_file"
        assert request(port, "POST", "/api/validate", {"text": MERTON})[1]["valid"] is True
    assert list(tmp_path.iterdir()) == []


def test_a_save_whose_backup_cannot_be_written_is_an_error_and_leaves_the_file(drp_cli, tmp_path):
    path = tmp_path / "p.json"
    path.write_text(MERTON)
    (tmp_path / "p.json.bak").mkdir()  # the backup cannot replace a folder (as root too)
    with running_studio(drp_cli, path) as port:
        status, answer, _ = request(port, "POST", "/api/save", {"text": "{}"})
    assert status == 500 and answer["error"]["code"] == "io" and "p.json.bak" in answer["error"]["message"]
    assert path.read_text() == MERTON
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p.json", "p.json.bak"]


@pytest.mark.parametrize("body, code", [
    (b"{not json", "invalid_json"),
    (b"[1, 2]", "schema"),
    (b'{"text": 5}', "schema"),
    (b"{}", "schema"),
])
def test_bad_request_bodies_are_refused_with_what_is_wrong(studio, body, code):
    status, answer, _ = request(studio, "POST", "/api/validate", body, {"Content-Type": "application/json"})
    assert status == 400 and answer["error"]["code"] == code
    if body == b"{}":
        assert '"text"' in answer["error"]["message"]


def test_an_oversize_body_is_refused(studio):
    big = json.dumps({"text": " " * (5 << 20)}).encode()
    status, answer, _ = request(studio, "POST", "/api/validate", big, {"Content-Type": "application/json"})
    assert status == 413 and answer["error"]["code"] == "too_large"


@pytest.mark.parametrize("headers, code", [
    ({"Host": "evil.example:80"}, "forbidden_host"),          # DNS rebinding: another site's name for 127.0.0.1
    ({"Host": "127.0.0.1"}, "forbidden_host"),                # not this port
    ({"Origin": "http://evil.example"}, "forbidden_origin"),  # another site's page calling in
    ({"Origin": "null"}, "forbidden_origin"),
])
def test_requests_not_from_the_studios_own_page_are_refused(studio, policy_copy, headers, code):
    for method, path, body in [("GET", "/api/session", None), ("POST", "/api/save", {"text": "{}"})]:
        status, answer, _ = request(studio, method, path, body, headers)
        assert status == 403 and answer["error"]["code"] == code, (method, path)
    assert policy_copy.read_text() == MERTON


def test_localhost_by_name_and_its_own_origin_are_accepted(studio):
    status, answer, _ = request(studio, "POST", "/api/validate", {"text": MERTON},
                                {"Host": f"localhost:{studio}", "Origin": f"http://localhost:{studio}"})
    assert status == 200 and answer["valid"]


def test_a_form_post_from_another_kind_of_page_is_refused(studio):
    status, answer, _ = request(studio, "POST", "/api/save", b"text=x", {"Content-Type": "application/x-www-form-urlencoded"})
    assert status == 415


def test_unknown_paths_are_404(studio):
    status, answer, _ = request(studio, "GET", "/etc/passwd")
    assert status == 404 and answer["error"]["code"] == "not_found"


def test_a_folder_as_policy_and_a_bad_port_are_refused(drp_cli, tmp_path):
    r = subprocess.run([drp_cli, "studio", str(tmp_path)], capture_output=True, text=True, timeout=30)
    assert r.returncode == 1 and "is a directory" in r.stderr
    r = subprocess.run([drp_cli, "studio", "--port", "70000"], capture_output=True, text=True, timeout=30)
    assert r.returncode == 2 and "--port" in r.stderr


def test_studio_has_help_and_is_listed_among_the_commands(drp_cli):
    r = subprocess.run([drp_cli, "studio", "--help"], capture_output=True, text=True, timeout=30)
    assert r.returncode == 0 and "127.0.0.1" in r.stdout and "POLICY.bak" in r.stdout
    r = subprocess.run([drp_cli, "--help"], capture_output=True, text=True, timeout=30)
    assert "studio" in r.stdout
    r = subprocess.run([drp_cli, "studio", "a.json", "b.json"], capture_output=True, text=True, timeout=30)
    assert r.returncode == 2 and "at most one POLICY" in r.stderr


def test_a_port_in_use_is_an_error_naming_it(drp_cli, studio):
    r = subprocess.run([drp_cli, "studio", "--port", str(studio)], capture_output=True, text=True, timeout=30)
    assert r.returncode == 1 and f"127.0.0.1:{studio}" in r.stderr and "--port" in r.stderr


def test_a_policy_with_markup_in_its_text_draws_as_text(studio, tmp_path):
    from drawing_formats import hostile_policy
    status, answer, _ = request(studio, "POST", "/api/render", {"text": hostile_policy(tmp_path).read_text()})
    assert status == 200
    svg = answer["drawing"].lower()
    assert "<script" not in svg and "<foreignobject" not in svg and " onload" not in svg and "<img" not in svg


def test_the_studio_listens_on_the_loopback_address_only(studio):
    # /proc/net/tcp: local address as hex IP:port, state 0A = listening
    listening = [line.split()[1] for line in pathlib.Path("/proc/net/tcp").read_text().splitlines()[1:]
                 if line.split()[3] == "0A" and line.split()[1].endswith(f":{studio:04X}")]
    assert listening == [f"0100007F:{studio:04X}"]  # 127.0.0.1, little-endian
    ipv6 = pathlib.Path("/proc/net/tcp6")
    if ipv6.exists():
        assert not [line for line in ipv6.read_text().splitlines()[1:]
                    if line.split()[3] == "0A" and line.split()[1].endswith(f":{studio:04X}")]
