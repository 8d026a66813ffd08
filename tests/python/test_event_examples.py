"""What applying events means, as executable examples (docs/events-and-state.md).

The example logs replay under the test oracle (event_rules.py) without a refusal and end
where examples/events/expected.json (and its README) says; the state fixture is what the
rules produce; and each precondition of the events document is shown refusing the event
it forbids, with the error code the engine must use.
Run with: /usr/bin/python3 -m pytest tests/python
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from event_rules import Calendar, Dispute, Refused, replay
from schema_tools import read_log

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "events"
EXPECTED = json.loads((EXAMPLES / "expected.json").read_text(encoding="utf-8"))
CALENDAR = Calendar.load("england-and-wales")


def policy(name: str) -> dict:
    return json.loads((ROOT / "policies" / f"{name}.json").read_text(encoding="utf-8"))


def summary(state: dict) -> dict:
    """The fields expected.json records for one dispute."""
    return {
        "status": state["status"], "stage": state["stage"], "paused": state["paused"],
        "as_of": state["as_of"],
        "referral": state["referrals"][-1]["status"] if state["referrals"] else None,
        "deadlines": [{"id": o["id"], "stage": o["stage"], "due": o["due"], "status": o["status"]}
                      for o in state["obligations"] if o["id"] in ("response", "resolution", "overall", "referral")],
        "owed": [{"id": o["id"], "stage": o["stage"], "status": o["status"]}
                 for o in state["obligations"] if o["status"] in ("open", "overdue")],
    }


LOGS = [name for name in EXPECTED if not name.startswith("$")]


@pytest.mark.parametrize("log", LOGS)
def test_example_log_replays_to_its_expected_end_state(log):
    expected = EXPECTED[log]
    states = replay(json.loads((ROOT / expected["policy"]).read_text(encoding="utf-8")),
                    read_log(EXAMPLES / log))
    assert {k: summary(s) for k, s in states.items()} == expected["disputes"]


def test_the_readme_states_every_expected_due_time():
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for log in LOGS:
        for dispute_id, end in EXPECTED[log]["disputes"].items():
            assert dispute_id in readme
            for deadline in end["deadlines"]:
                if deadline["due"]:
                    assert deadline["due"] in readme, (dispute_id, deadline)


def test_the_state_fixture_is_what_replaying_its_history_gives():
    fixture = json.loads((ROOT / "tests/fixtures/states/merton-time-out.json").read_text(encoding="utf-8"))
    dispute = Dispute(policy(fixture["policy"]["id"]), CALENDAR)
    for event in fixture["history"]:
        dispute.apply(event)
    assert dispute.state(at=fixture["as_of"]) == fixture


# ---- building disputes for the rule examples -------------------------------------------

def event(type_: str, at: str, **fields) -> dict:
    return {"type": type_, "at": at, "dispute_id": "D-1", **fields}


def raised(name: str, at: str = "2027-04-12T09:00:00+01:00", **fields) -> Dispute:
    d = Dispute(policy(name), CALENDAR)
    fields = {"child_ref": "C-1", "category": "care_planning", "urgency": "standard",
              "summary": "Concern.", **fields}
    d.apply(event("raise", at, **fields))
    return d


def refused(d: Dispute, e: dict) -> str:
    before = copy.deepcopy(d.state())
    with pytest.raises(Refused) as caught:
        d.apply(e)
    assert d.state() == before, "a refused event must leave the state exactly as it was"
    return caught.value.code


def due_of(d: Dispute, id_: str = "response", at: str | None = None) -> str | None:
    """The due time of the latest duty `id_`; "response" is the stage's own clock, also
    where its timescale is for resolution (seed 002, Merton's work to be completed)."""
    ids = {"response", "resolution"} if id_ == "response" else {id_}
    state = d.state(at)
    return [o for o in state["obligations"] if o["id"] in ids][-1]["due"]


# ---- deadlines ---------------------------------------------------------------------------

def test_merton_ir1_raised_on_monday_21_december_2026_is_due_thursday_7_january():
    d = raised("merton", "2026-12-21T10:30:00+00:00", start_stage="IR1",
               start_reason="The team manager cannot commission the assessment.")
    response = d.state()["obligations"][0]
    assert (response["due"], response["due_date"]) == ("2027-01-07T23:59:59+00:00", "2027-01-07")
    assert [h["name"] for h in response["explain"]["skipped"]] == \
        ["Christmas Day", "Boxing Day", "New Year’s Day"]
    assert response["guidance"] is True


def test_a_dispute_raised_on_saturday_with_five_working_days_is_due_on_friday():
    d = Dispute(policy("cic-issues-resolution"), CALENDAR)
    d.apply(event("raise", "2025-03-01T10:00:00+00:00", child_ref="C-1", category="care_planning",
                  urgency="standard", summary="Concern."))
    assert due_of(d) == "2025-03-07T23:59:59+00:00"


def test_twenty_four_hours_across_the_spring_clock_change_ends_at_eleven_bst():
    d = raised("trust-qas", "2027-03-27T09:00:00+00:00", urgency="imminent_risk")
    d.apply(event("consult", "2027-03-27T09:30:00+00:00", role="QAS_TM"))
    d.apply(event("escalate", "2027-03-27T10:00:00+00:00", reason="not_resolved"))
    assert due_of(d) == "2027-03-28T11:00:00+01:00"


def test_the_local_date_of_an_event_is_the_london_date_whatever_offset_it_is_written_with():
    # 23:30 in New York on Thursday 14 January is 04:30 on Friday 15 January in London.
    d = raised("cic-issues-resolution", "2027-01-14T23:30:00-05:00")
    assert due_of(d) == "2027-01-22T23:59:59+00:00"


def test_a_response_past_due_is_overdue_only_after_the_last_second_of_its_day():
    d = raised("cic-issues-resolution", "2027-10-04T09:00:00+01:00")
    assert d.state("2027-10-11T23:59:59+01:00")["obligations"][1]["status"] == "open"
    assert d.state("2027-10-12T00:00:00+01:00")["obligations"][1]["status"] == "overdue"


def test_discretionary_and_undated_duties_are_never_overdue():
    d = raised("cic-issues-resolution", "2027-10-04T09:00:00+01:00")
    later = {o["id"]: o["status"] for o in d.state("2028-01-01T00:00:00+00:00")["obligations"]}
    assert later["case_discussion"] == "open"       # discretionary, 48 hours
    assert later["record_care_director"] == "open"  # no time stated
    assert later["resolution"] == "overdue"  # "Timeframe for resolution: 5 working days"


def test_a_time_out_stops_the_clock_and_resume_restarts_it_with_what_was_left():
    d = raised("merton", "2027-01-08T09:30:00+00:00", start_stage="IR2", start_reason="HOS decides.")
    assert due_of(d) == "2027-01-13T23:59:59+00:00"                  # Mon 11, Tue 12, Wed 13
    d.apply(event("pause", "2027-01-11T14:00:00+00:00", approved_by="IRO_MANAGER", reason="New SW."))
    assert due_of(d, at="2027-01-18T12:00:00+00:00") is None           # no clock while paused
    d.apply(event("resume", "2027-01-19T09:00:00+00:00"))
    assert due_of(d) == "2027-01-21T23:59:59+00:00"                  # 2 left: Wed 20, Thu 21
    # The cap: 20 working days from Fri 8 Jan would be Fri 5 Feb; 19 were left at the pause
    # (Tue 12 Jan .. Fri 5 Feb), and 19 after Tue 19 Jan is Mon 15 Feb.
    assert due_of(d, "overall") == "2027-02-15T23:59:59+00:00"


def test_an_extension_moves_the_due_date_and_no_response_waits_for_it():
    d = raised("trust-qas")
    d.apply(event("consult", "2027-04-14T15:00:00+01:00", role="QAS_TM"))
    d.apply(event("escalate", "2027-04-15T09:30:00+01:00", reason="not_resolved"))
    d.apply(event("extend", "2027-04-21T12:00:00+01:00", until="2027-04-27", agreed_by="IRO"))
    assert refused(d, event("escalate", "2027-04-27T10:00:00+01:00", reason="no_response")) == "not_permitted"
    d.apply(event("escalate", "2027-04-28T09:00:00+01:00", reason="no_response"))
    assert d.state()["stage"] == "stage2"


def test_the_reminder_for_a_missed_agreed_date_is_due_at_that_date():
    # docs/events-and-state.md section 4: response_due duties arise with the stage's
    # response and share its due time, so the host can schedule the prompt.
    d = raised("tracked-recommendation", "2027-01-11T11:00:00+00:00", due="2027-01-22")
    prompt = [o for o in d.state("2027-01-22T23:59:59+00:00")["obligations"] if o["id"] == "admin_prompt"]
    assert [(o["created_at"], o["due"], o["status"]) for o in prompt] == \
        [("2027-01-11T11:00:00+00:00", "2027-01-22T23:59:59+00:00", "open")]
    late = [o for o in d.state("2027-01-23T08:00:00+00:00")["obligations"] if o["id"] == "admin_prompt"]
    assert [o["status"] for o in late] == ["overdue"]
    d.apply(event("extend", "2027-01-26T10:00:00+00:00", until="2027-02-05", agreed_by="IRO"))
    moved = [o for o in d.state()["obligations"] if o["id"] == "admin_prompt"]
    assert [o["due"] for o in moved] == ["2027-02-05T23:59:59+00:00"]


def test_a_late_response_closes_the_reminder_it_made_unnecessary():
    d = raised("tracked-recommendation", "2027-01-11T11:00:00+00:00", due="2027-01-22")
    d.apply(event("respond", "2027-01-25T10:00:00+00:00", by="SW", adequate=True))
    statuses = {o["id"]: o["status"] for o in d.state()["obligations"]}
    assert (statuses["response"], statuses["admin_prompt"]) == ("met", "closed")


# ---- preconditions, each shown refusing --------------------------------------------------

def test_events_of_one_dispute_must_not_go_back_in_time():
    d = raised("merton", "2027-02-01T09:15:00+00:00", due="2027-02-12")
    assert refused(d, event("meeting", "2027-02-01T09:14:59+00:00", kind="challenge")) == "out_of_order"
    d.apply(event("meeting", "2027-02-01T09:15:00+00:00", kind="challenge"))  # same time is fine


def test_nothing_but_raise_opens_a_dispute_and_it_opens_once():
    d = Dispute(policy("merton"), CALENDAR)
    assert refused(d, event("respond", "2027-02-01T09:15:00+00:00", adequate=True)) == "not_permitted"
    d = raised("merton", "2027-02-01T09:15:00+00:00", due="2027-02-12")
    again = event("raise", "2027-02-02T09:15:00+00:00", child_ref="C-1", category="care_planning",
                  urgency="standard", summary="Again.", due="2027-02-12")
    assert refused(d, again) == "not_permitted"


def test_raise_follows_the_policy_on_start_stage_due_date_and_category():
    d = Dispute(policy("merton"), CALENDAR)
    base = dict(child_ref="C-1", urgency="standard", summary="Concern.")
    at = "2027-02-01T09:15:00+00:00"
    assert refused(d, event("raise", at, category="care_planning", **base)) == "invalid_event"  # informal needs due
    assert refused(d, event("raise", at, category="education", due="2027-02-12", **base)) == "invalid_event"
    assert refused(d, event("raise", at, category="care_planning", start_stage="IR1", **base)) == "invalid_event"
    assert refused(d, event("raise", at, category="care_planning", start_stage="IR9", **base)) == "unknown_stage"
    assert refused(d, event("raise", at, category="care_planning", start_stage="IR1",
                            start_reason="Remit.", due="2027-02-12", **base)) == "invalid_event"
    assert refused(d, event("raise", at, category="care_planning", due="2027-01-31", **base)) == "invalid_event"
    trust = Dispute(policy("trust-qas"), CALENDAR)
    assert refused(trust, event("raise", at, category="x", start_stage="stage2",
                                start_reason="Urgent.", **base)) == "not_permitted"


def test_a_serious_concern_starts_past_a_stage_whose_condition_excludes_it():
    d = raised("cic-issues-resolution", urgency="urgent")
    assert d.state()["stage"] == "stage1"
    assert d.state()["entry"] == {"reason": "raise", "from": None, "bypass": False}


def test_escalation_reasons_are_those_the_policy_lists_from_this_stage():
    d = raised("trust-qas")
    d.apply(event("consult", "2027-04-14T15:00:00+01:00", role="QAS_TM"))
    assert refused(d, event("escalate", "2027-04-15T09:30:00+01:00", reason="discretion")) == "not_permitted"
    d.apply(event("escalate", "2027-04-15T09:30:00+01:00", reason="not_resolved"))
    assert refused(d, event("escalate", "2027-04-16T09:30:00+01:00", reason="not_resolved")) == "not_permitted"
    assert refused(d, event("escalate", "2027-04-16T09:30:00+01:00", reason="no_response")) == "not_permitted"
    assert refused(d, event("escalate", "2027-04-16T09:30:00+01:00", reason="inadequate_response")) == "not_permitted"
    d.apply(event("respond", "2027-04-16T10:00:00+01:00", adequate=False))
    d.apply(event("escalate", "2027-04-16T11:00:00+01:00", reason="inadequate_response"))
    assert d.state()["stage"] == "stage2"


def test_entering_a_stage_needs_its_required_consultation():
    d = raised("trust-qas")
    assert refused(d, event("escalate", "2027-04-15T09:30:00+01:00", reason="not_resolved")) == "not_permitted"


def test_passing_over_an_optional_stage_is_not_a_bypass_but_passing_a_required_one_is():
    d = raised("merton", "2027-02-01T09:15:00+00:00", due="2027-02-12")
    d.apply(event("escalate", "2027-02-15T10:30:00+00:00", reason="not_resolved"))
    assert (d.state()["stage"], d.state()["entry"]["bypass"]) == ("IR1", False)
    assert refused(d, event("escalate", "2027-02-16T10:00:00+00:00", reason="discretion", to="IR3")) == "invalid_event"
    d.apply(event("escalate", "2027-02-16T10:00:00+00:00", reason="discretion", to="IR3", note="Significant."))
    assert d.state()["entry"] == {"reason": "discretion", "from": "IR1", "bypass": True}
    assert refused(d, event("escalate", "2027-02-17T10:00:00+00:00", reason="discretion", to="IR2")) == "not_permitted"


def test_a_bypass_is_refused_where_the_policy_does_not_allow_it():
    qa = raised("qa-form", "2027-06-07T10:00:00+01:00")
    qa.apply(event("respond", "2027-06-08T10:00:00+01:00", adequate=False))
    qa.apply(event("consult", "2027-06-08T11:00:00+01:00", role="SENIOR_IRO"))
    assert refused(qa, event("escalate", "2027-06-08T12:00:00+01:00", reason="inadequate_response",
                             to="stage3", note="Urgent.")) == "not_permitted"
    trust = raised("trust-qas")
    trust.apply(event("consult", "2027-04-14T15:00:00+01:00", role="QAS_TM"))
    trust.apply(event("escalate", "2027-04-15T09:30:00+01:00", reason="not_resolved"))
    trust.apply(event("respond", "2027-04-16T10:00:00+01:00", adequate=False))
    assert refused(trust, event("escalate", "2027-04-16T11:00:00+01:00", reason="inadequate_response",
                                to="stage4", note="Urgent.")) == "not_permitted"  # only from informal


def test_the_raiser_of_a_stage_is_the_one_the_policy_names():
    d = raised("merton", "2027-03-01T11:00:00+00:00", start_stage="IR3", start_reason="AD decides.")
    assert refused(d, event("escalate", "2027-03-05T10:00:00+00:00", by="IRO", reason="not_resolved")) == "not_permitted"
    d.apply(event("escalate", "2027-03-05T10:00:00+00:00", by="IRO_MANAGER", reason="not_resolved"))
    assert refused(d, event("respond", "2027-03-05T11:00:00+00:00", by="TM", adequate=True)) == "not_permitted"
    assert refused(d, event("respond", "2027-03-05T11:00:00+00:00", by="NOBODY", adequate=True)) == "invalid_event"


def test_a_time_out_needs_the_policy_its_approver_and_a_formal_stage():
    d = raised("merton", "2027-02-01T09:15:00+00:00", due="2027-02-12")
    pause = dict(approved_by="IRO_MANAGER", reason="Waiting.")
    assert refused(d, event("pause", "2027-02-02T09:00:00+00:00", **pause)) == "not_permitted"  # informal
    d.apply(event("escalate", "2027-02-03T09:00:00+00:00", reason="not_resolved"))
    assert refused(d, event("pause", "2027-02-04T09:00:00+00:00", approved_by="IRO", reason="Waiting.")) == "not_permitted"
    assert refused(d, event("pause", "2027-02-04T09:00:00+00:00", approved_by="IRO_MANAGER")) == "invalid_event"
    assert refused(d, event("resume", "2027-02-04T09:00:00+00:00")) == "not_permitted"
    d.apply(event("pause", "2027-02-04T09:00:00+00:00", **pause))
    assert refused(d, event("pause", "2027-02-05T09:00:00+00:00", **pause)) == "not_permitted"
    assert refused(d, event("escalate", "2027-02-05T09:00:00+00:00", reason="not_resolved")) == "not_permitted"
    assert refused(d, event("extend", "2027-02-05T09:00:00+00:00", until="2027-03-01", agreed_by="IRO")) == "not_permitted"
    assert refused(raised("trust-qas"), event("pause", "2027-04-13T09:00:00+01:00", approved_by="QAS_TM")) \
        == "not_permitted"


def test_an_extension_needs_the_policy_its_agreer_and_a_later_date():
    assert refused(raised("qa-form", "2027-06-07T10:00:00+01:00"),
                   event("extend", "2027-06-08T10:00:00+01:00", until="2027-07-30", agreed_by="IRO")) == "not_permitted"
    d = raised("tracked-recommendation", "2027-01-11T11:00:00+00:00", due="2027-01-22")
    assert refused(d, event("extend", "2027-01-12T10:00:00+00:00", until="2027-02-05", agreed_by="PM")) == "not_permitted"
    assert refused(d, event("extend", "2027-01-12T10:00:00+00:00", until="2027-01-20", agreed_by="IRO")) == "invalid_event"
    d.apply(event("respond", "2027-01-13T10:00:00+00:00", adequate=True))
    assert refused(d, event("extend", "2027-01-14T10:00:00+00:00", until="2027-02-05", agreed_by="IRO")) == "not_permitted"


def test_a_referral_follows_the_policys_preconditions():
    merton = raised("merton", "2027-02-01T09:15:00+00:00", due="2027-02-12")
    refer = dict(to="cafcass", concurrent=True)
    assert refused(merton, event("refer", "2027-02-02T09:00:00+00:00", **refer)) == "not_permitted"
    merton.apply(event("consult", "2027-02-02T09:00:00+00:00", role="HOS_QAPD"))  # agreement not recorded
    assert refused(merton, event("refer", "2027-02-02T10:00:00+00:00", **refer)) == "not_permitted"
    merton.apply(event("consult", "2027-02-02T11:00:00+00:00", role="HOS_QAPD", agreed=True))
    assert due_of(merton, "referral") == "2027-02-05T23:59:59+00:00"             # within 3 days
    merton.apply(event("refer", "2027-02-02T12:00:00+00:00", **refer))
    assert refused(merton, event("refer", "2027-02-03T12:00:00+00:00", **refer)) == "not_permitted"
    trust = raised("trust-qas")
    assert refused(trust, event("refer", "2027-04-13T09:00:00+01:00", to="cafcass", concurrent=False)) == "not_permitted"
    assert refused(trust, event("legal_advice", "2027-04-13T09:00:00+01:00")) == "not_permitted"
    tracked = raised("tracked-recommendation", "2027-01-11T11:00:00+00:00")
    assert refused(tracked, event("refer", "2027-01-12T09:00:00+00:00", **refer)) == "not_permitted"
    tracked.apply(event("legal_advice", "2027-01-12T09:00:00+00:00"))
    tracked.apply(event("refer", "2027-01-12T10:00:00+00:00", **refer))


def test_a_referral_that_is_not_concurrent_ends_the_internal_process_until_declined():
    d = raised("cic-issues-resolution", urgency="urgent")
    d.apply(event("refer", "2027-04-13T09:00:00+01:00", to="cafcass", concurrent=False))
    assert d.state()["obligations"][1]["status"] == "closed"
    assert refused(d, event("escalate", "2027-04-14T09:00:00+01:00", reason="not_resolved")) == "not_permitted"
    d.apply(event("referral_decision", "2027-04-20T09:00:00+01:00", accepted=False))
    d.apply(event("escalate", "2027-04-21T09:00:00+01:00", reason="not_resolved"))


def test_record_and_notify_meet_named_duties_that_are_owed():
    d = raised("merton", "2027-02-01T09:15:00+00:00", due="2027-02-12")
    assert refused(d, event("record", "2027-02-01T10:00:00+00:00", obligation="record_everything")) == "invalid_event"
    assert refused(d, event("record", "2027-02-01T10:00:00+00:00", obligation="outcome_to_hos_qapd")) == "not_permitted"
    d.apply(event("record", "2027-02-01T10:00:00+00:00", obligation="record_actions"))
    assert refused(d, event("record", "2027-02-01T11:00:00+00:00", obligation="record_actions")) == "not_permitted"


def test_resolution_closes_what_is_owed_and_creates_the_outcome_duties():
    d = raised("merton", "2027-02-01T09:15:00+00:00", due="2027-02-12")
    assert refused(d, event("resolve", "2027-02-05T10:00:00+00:00", summary="Done.")) == "invalid_event"
    d.apply(event("resolve", "2027-02-05T10:00:00+00:00", summary="Done.", impact="Contact restarted."))
    statuses = {o["id"]: o["status"] for o in d.state()["obligations"]}
    # Merton's informal "set timescales for the work to be completed": resolving meets it.
    assert statuses == {"resolution": "met", "challenge_meeting": "closed", "alert_hos_qapd": "closed",
                        "record_actions": "closed", "outcome_to_hos_qapd": "open"}
    assert refused(d, event("escalate", "2027-02-05T11:00:00+00:00", reason="not_resolved")) == "not_permitted"
    d.apply(event("notify", "2027-02-05T11:00:00+00:00", role="HOS_QAPD"))
    assert d.state()["obligations"][-1]["status"] == "met"
