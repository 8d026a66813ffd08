"""drp.PolicyVersions, drp.state_policy and Dispute.migrate: a Merton dispute moved to a
version whose IR1 timescale is 15 working days instead of 10 (raised at IR1 on Mon 1 Mar
2027: 10 working days -> Mon 15 Mar, 15 -> Mon 22 Mar; no bank holidays between)."""
import datetime as dt
import json

import pytest

import drp

RAISE = {"type": "raise", "at": "2027-03-01T09:00:00Z", "dispute_id": "D-3", "by": "IRO", "child_ref": "C-77",
         "category": "resources", "urgency": "standard", "summary": "Placement funding refused",
         "start_stage": "IR1", "start_reason": "No remit"}


def merton(version, effective_from, edit=None):
    doc = json.loads(drp.Policy.builtin("merton").source_text)
    doc["version"] = version
    doc["effective_from"] = effective_from
    if edit:
        edit(doc)
    return drp.Policy.from_text(json.dumps(doc), f"merton-{version}.json")


def ir1_in_15_days(doc):
    for s in doc["stages"]:
        if s["id"] == "IR1":
            s["timescale"] = {"working_days": 15}


def response(state, stage="IR1"):
    return next(o for o in state["obligations"] if o["id"] == "resolution" and o["stage"] == stage)  # Merton IR1-IR4


@pytest.fixture(scope="module")
def v11():
    return merton("1.1.0", "2027-04-01", ir1_in_15_days)


def test_the_version_in_force_on_a_day(v11):
    versions = drp.PolicyVersions([v11, drp.Policy.builtin("merton")])
    assert len(versions) == 2 and versions.id == "merton"
    assert [p.version for p in versions] == ["1.0.0", "1.1.0"]
    assert versions.in_force(dt.date(2027, 3, 31)).version == "1.0.0"
    assert versions.in_force("2027-04-01") is v11
    assert versions.find("1.1.0") is v11
    assert versions.find("2.0.0") is None
    assert "1.0.0" in versions and "2.0.0" not in versions
    with pytest.raises(drp.OutOfRangeError, match="2025-01-01"):
        versions.in_force(dt.date(2024, 12, 31))
    assert "1.1.0 from 2027-04-01" in repr(versions)


def test_add_refuses_another_policy_or_a_repeat(v11):
    versions = drp.PolicyVersions([drp.Policy.builtin("merton")])
    with pytest.raises(drp.InvalidArgumentError, match="qa-form"):
        versions.add(drp.Policy.builtin("qa-form"))
    with pytest.raises(drp.InvalidArgumentError):
        versions.add(drp.Policy.builtin("merton"))
    with pytest.raises(drp.InvalidArgumentError, match="2025-01-01"):
        versions.add(merton("1.2.0", "2025-01-01"))
    assert [p.version for p in versions] == ["1.0.0"]


def test_state_policy_reads_a_stored_state_strictly(v11):
    d = drp.Dispute(v11)
    d.apply(RAISE)
    assert drp.state_policy(d.to_json()) == ("merton", "1.1.0")
    assert drp.state_policy(d.to_json()).version == "1.1.0"
    with pytest.raises(drp.InvalidJsonError):
        drp.state_policy('{"policy": {"id": "merton", "version": "1.0.0"}} trailing')
    with pytest.raises(drp.SchemaError):
        drp.state_policy('{"policy": {"id": "merton"}}')


def test_migrate_moves_the_due_date_and_says_update(v11):
    d = drp.Dispute("merton")
    d.apply(RAISE)
    before = d.to_json()
    assert response(d.state())["due_date"] == "2027-03-15"
    moved, actions = d.migrate(v11, dt.datetime(2027, 4, 1, 9, 0, tzinfo=dt.timezone.utc))
    assert d.to_json() == before
    assert moved.policy is v11
    state = moved.state()
    assert response(state)["due_date"] == "2027-03-22"
    assert [(a["action"], a["obligation"], a["due_date"]) for a in actions] == [("update", "resolution", "2027-03-22")]
    assert state["moves"] == [{"at": "2027-04-01T10:00:00+01:00", "from_version": "1.0.0", "to_version": "1.1.0", "events": 1}]
    # The stored text restores byte for byte under the version it names.
    text = moved.to_json()
    versions = drp.PolicyVersions([drp.Policy.builtin("merton"), v11])
    restored = drp.Dispute.from_json(versions.find(drp.state_policy(text).version), text)
    assert restored.to_json() == text
    with pytest.raises(drp.SchemaError):
        drp.Dispute.from_json("merton", text)


def test_migrate_refusals_name_the_event_and_change_nothing(v11):
    d = drp.Dispute("merton")
    d.apply(RAISE)
    d.apply({"type": "escalate", "at": "2027-03-03T09:00:00Z", "dispute_id": "D-3", "reason": "not_resolved"})
    before = d.to_json()

    def drop_ir2(doc):
        doc["stages"] = [s for s in doc["stages"] if s["id"] != "IR2"]

    with pytest.raises(drp.UnknownStageError, match=r"event 1 \(escalate\)") as refused:
        d.migrate(merton("1.2.0", "2027-06-01", drop_ir2), "2027-06-01T09:00:00Z")
    assert "1.2.0" in str(refused.value) and "C-77" not in str(refused.value)
    assert d.to_json() == before
    with pytest.raises(drp.InvalidArgumentError, match="qa-form"):
        d.migrate("qa-form", "2027-06-01T09:00:00Z")
    with pytest.raises(drp.OutOfOrderError):
        d.migrate(v11, "2027-03-02T09:00:00Z")
    assert d.to_json() == before
