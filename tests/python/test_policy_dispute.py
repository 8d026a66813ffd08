"""drp.Policy, drp.validate and drp.Dispute from Python (DESIGN.md §4.6)."""
import copy
import datetime as dt
import json
import pickle
import zoneinfo

import pytest

import drp

ROOT_POLICIES = ["tracked-recommendation", "qa-form", "cic-issues-resolution", "trust-qas", "merton"]
LONDON = zoneinfo.ZoneInfo("Europe/London")


def raise_event(**more):
    e = {"type": "raise", "at": "2025-04-01T09:00:00+01:00", "dispute_id": "D-1", "child_ref": "C-1",
         "category": "drift_delay", "urgency": "standard", "summary": "Plan drifting", "due": "2025-04-08"}
    e.update(more)
    return e


@pytest.fixture(scope="module")
def merton():
    return drp.Policy.builtin("merton")


# ---- policies -------------------------------------------------------------------------------

def test_every_seed_is_built_in_and_loads_from_its_file(root):
    assert sorted(drp.Policy.builtin_names()) == sorted(ROOT_POLICIES)
    for name in ROOT_POLICIES:
        from_file = drp.Policy.load(root / "policies" / f"{name}.json")
        assert from_file.id == name
        assert from_file == drp.Policy.builtin(name)


def test_a_policy_says_what_it_is(merton):
    assert repr(merton) == "drp.Policy(id='merton', version='1.0.0', authority='London Borough of Merton')"
    assert [s.id for s in merton.stages] == ["informal", "drm", "IR1", "IR2", "IR3", "IR4", "IR5"]
    ir1 = merton.stages[2]
    assert (ir1.kind, ir1.timescale, ir1.responder, ir1.optional) == ("formal", "10 working days", ("TM", "HOS"), False)
    assert merton.stages[1].optional is True
    assert "childs_voice" in merton.categories
    assert merton.division == "england-and-wales" and merton.time_zone == "Europe/London"
    assert merton.effective_from == dt.date(2025, 1, 1)
    assert any(r.id == "HOS_QAPD" for r in merton.roles)
    assert merton.calendar.add_working_days(dt.date(2025, 12, 19), 10) == dt.date(2026, 1, 7)


def test_trust_qas_stage_timescales_vary_by_urgency():
    stage1 = drp.Policy.builtin("trust-qas").stages[1]
    assert stage1.timescale == "24 hours (imminent_risk); 5 working days otherwise"


def test_a_policy_pickles_by_its_text(merton):
    again = pickle.loads(pickle.dumps(merton))
    assert again == merton and again.id == "merton"


def test_policy_accepts_a_path_or_a_builtin_name(root, merton):
    assert drp.Policy.coerce("merton") is not merton
    assert drp.Policy.coerce("merton") == merton
    assert drp.Policy.coerce(root / "policies" / "merton.json") == merton
    with pytest.raises(drp.IoError, match="no policy file"):
        drp.Policy.coerce("no-such-policy")


def test_validate_returns_findings_with_file_line_and_pointer(root):
    path = root / "tests/fixtures/policies/invalid/unknown-stage-kind.json"
    findings = drp.validate(path)
    assert findings and all(isinstance(d, drp.Diagnostic) for d in findings)
    d = next(d for d in findings if d.severity == "error")
    assert d.file == str(path) and d.line > 0 and d.column > 0
    assert d.pointer == "/stages/0/kind" and d.rule == "schema"
    assert "must be one of" in d.message
    assert str(d).startswith(f"{path}:{d.line}:{d.column}: error:")
    assert drp.validate(root / "policies/merton.json") == []


def test_loading_a_bad_policy_raises_with_every_diagnostic(root):
    path = root / "tests/fixtures/policies/invalid/unknown-stage-kind.json"
    with pytest.raises(drp.SchemaError) as caught:
        drp.Policy.load(path)
    err = caught.value
    assert err.code == "schema" and isinstance(err, drp.Error) and isinstance(err, ValueError)
    assert err.diagnostics and err.diagnostics[0].pointer == "/stages/0/kind"


def test_validate_text_reports_json_syntax_and_bad_utf8():
    assert drp.validate_text("{", "broken.json")[0].rule in ("json", "invalid-json", "syntax")
    assert drp.validate_text(b'{"id": "\xff"}', "bad.json")[0].severity == "error"
    with pytest.raises(drp.InvalidJsonError):
        drp.Policy.from_text("{nope")


def test_validate_of_a_missing_file_is_an_io_error(tmp_path):
    with pytest.raises(drp.IoError):
        drp.validate(tmp_path / "absent.json")


# ---- disputes -------------------------------------------------------------------------------

def test_raising_returns_the_actions_and_opens_the_first_stage(merton):
    d = drp.Dispute(merton)
    assert repr(d) == "drp.Dispute(policy='merton', dispute_id=None, status='new', stage=None)"
    actions = d.apply(raise_event())
    assert {"action", "kind", "role", "target", "obligation", "index", "stage", "due", "text"} <= set(actions[0])
    alert = next(a for a in actions if a["obligation"] == "alert_hos_qapd")
    assert alert["action"] == "do"
    assert alert["due"] == "2025-04-02T09:00:00+01:00" and alert["target"] == ["HOS_QAPD"]
    assert (d.dispute_id, d.status, d.stage) == ("D-1", "open", "informal")
    assert repr(d) == "drp.Dispute(policy='merton', dispute_id='D-1', status='open', stage='informal')"
    assert d.last_event_at == dt.datetime(2025, 4, 1, 9, 0, tzinfo=dt.timezone(dt.timedelta(hours=1)))


def test_events_may_be_json_text_and_datetimes_must_be_aware(merton):
    d = drp.Dispute(merton)
    d.apply(json.dumps(raise_event()))
    d.apply({"type": "escalate", "at": dt.datetime(2025, 4, 9, 10, 0, tzinfo=LONDON), "dispute_id": "D-1",
             "reason": "not_resolved", "to": "IR1"})
    assert d.stage == "IR1"
    with pytest.raises(drp.InvalidDateError, match="no time zone"):
        d.apply({"type": "respond", "at": dt.datetime(2025, 4, 10, 10, 0), "dispute_id": "D-1", "adequate": True})


def test_a_refused_event_raises_its_error_and_changes_nothing(merton):
    d = drp.Dispute(merton)
    d.apply(raise_event())
    before = d.to_json()
    with pytest.raises(drp.NotPermittedError, match="no_response"):
        d.apply({"type": "escalate", "at": "2025-04-02T09:00:00+01:00", "dispute_id": "D-1", "reason": "no_response"})
    with pytest.raises(drp.OutOfOrderError):
        d.apply({"type": "respond", "at": "2025-03-01T09:00:00+00:00", "dispute_id": "D-1", "adequate": True})
    with pytest.raises(drp.InvalidEventError, match="/urgency"):
        drp.Dispute(merton).apply(raise_event(urgency="soon"))
    with pytest.raises(drp.UnknownStageError, match="IR9"):
        d.apply({"type": "escalate", "at": "2025-04-09T09:00:00+01:00", "dispute_id": "D-1", "reason": "not_resolved",
                 "to": "IR9"})
    assert d.to_json() == before


def test_state_as_of_a_time_marks_what_is_overdue(merton):
    d = drp.Dispute(merton)
    d.apply(raise_event())
    response = lambda s: next(o for o in s["obligations"] if o["id"] == "resolution")  # IR1: work to be completed
    assert response(d.state())["status"] == "open"
    assert response(d.state(at="2025-04-09T09:00:00+01:00"))["status"] == "overdue"
    assert response(d.state(at=dt.date(2025, 4, 8)))["status"] == "open"  # a date: the end of that day
    assert response(d.state(at=dt.date(2025, 4, 9)))["status"] == "overdue"
    assert d.state()["history"][0]["type"] == "raise"


def test_a_snapshot_restores_an_equal_dispute(merton):
    d = drp.Dispute(merton)
    d.apply(raise_event())
    d.apply({"type": "escalate", "at": "2025-04-09T09:00:00+01:00", "dispute_id": "D-1", "reason": "not_resolved",
             "to": "IR1"})
    text = d.to_json()
    again = drp.Dispute.from_json(merton, text)
    assert again == d and again.to_json() == text
    assert drp.Dispute.from_json("merton", d.state(at="2025-05-01")) == d
    assert pickle.loads(pickle.dumps(d)) == d
    twin = copy.deepcopy(d)
    twin.apply({"type": "respond", "at": "2025-04-10T09:00:00+01:00", "dispute_id": "D-1", "adequate": True})
    assert twin != d


def test_a_snapshot_from_another_policy_is_refused(merton):
    d = drp.Dispute(merton)
    d.apply(raise_event())
    with pytest.raises(drp.SchemaError, match="another policy"):
        drp.Dispute.from_json("trust-qas", d.to_json())
    with pytest.raises(drp.InvalidJsonError):
        drp.Dispute.from_json(merton, "{not json")


def test_allowed_next_is_a_menu_for_the_host(merton):
    d = drp.Dispute(merton)
    assert d.allowed_next("2025-04-01T09:00:00+01:00") == ["raise"]
    d.apply(raise_event())
    menu = d.allowed_next("2025-04-02T09:00:00+01:00")
    assert "respond" in menu and "resolve" in menu and "escalate:no_response" not in menu


def test_summary_of_one_dispute_matches_its_row_in_replay(merton):
    events = [raise_event(),
              {"type": "escalate", "at": "2025-04-09T09:00:00+01:00", "dispute_id": "D-1", "reason": "not_resolved",
               "to": "IR1"},
              {"type": "respond", "at": "2025-04-14T09:00:00+01:00", "dispute_id": "D-1", "adequate": True},
              {"type": "resolve", "at": "2025-04-15T09:00:00+01:00", "dispute_id": "D-1", "summary": "done",
               "impact": "School place found"}]
    d = drp.Dispute(merton)
    d.apply_all(events)
    s = d.summary()
    assert [v["stage"] for v in s["visits"]] == ["informal", "IR1"]
    assert [v["response"] for v in s["visits"]] == ["missed", "met"]
    assert s["impact"] == "School place found" and s["status"] == "resolved"
    row = drp.replay(merton, events).iloc[0]
    assert row["IR1_response"] == "met" and row["informal_response"] == "missed"
    assert row["working_days_open"] == s["working_days_open"] == 10
    with pytest.raises(drp.InvalidArgumentError, match="not been raised"):
        drp.Dispute(merton).summary()


def test_errors_have_informative_reprs_and_codes():
    err = drp.NotPermittedError("[drp.not_permitted] no", "not_permitted")
    assert repr(err) == "drp.NotPermittedError('[drp.not_permitted] no', code='not_permitted')"
    assert set(drp._drp.error_codes()) >= {"invalid_event", "not_permitted", "out_of_order", "unknown_stage", "io"}


def test_public_api_has_docstrings():
    for name in drp.__all__:
        obj = getattr(drp, name)
        if callable(obj):
            assert obj.__doc__, name
    for cls in (drp.Policy, drp.Dispute, drp.Report, drp.ReplayResult):
        for attr, member in vars(cls).items():
            if callable(member) and not attr.startswith("_"):
                assert member.__doc__, f"{cls.__name__}.{attr}"
