"""The C API from Python through ctypes, as a C# host (P/Invoke), a Java host (JNA) or
Delphi (external ... name) would bind it: handles are opaque pointers, strings are UTF-8,
results come through out-parameters and are released with the library's free functions.

The library is DRP_C_LIBRARY, or libdrp.so.0 in DRP_BUILD_DIR (ctest sets the former).
"""
import ctypes
import json
import os
import pathlib

import pytest

from conftest import BUILD, ROOT

DRP_OK = 0
DRP_EINVALID_ARGUMENT = -1
DRP_EINVALID_DATE = -2
DRP_EINVALID_JSON = -5
DRP_ESCHEMA = -6
DRP_EINVALID_EVENT = -8
DRP_ENOT_PERMITTED = -9
DRP_EOUT_OF_ORDER = -10

handle = ctypes.c_void_p
out_handle = ctypes.POINTER(ctypes.c_void_p)
text = ctypes.c_char_p

# name: (restype, argtypes) — the declarations a host writes once, from drp.h.
SIGNATURES = {
    "drp_version": (text, []),
    "drp_version_number": (ctypes.c_int, []),
    "drp_error_last": (text, []),
    "drp_error_name": (text, [ctypes.c_int]),
    "drp_string_free": (None, [ctypes.c_void_p]),
    "drp_list_count": (ctypes.c_size_t, [handle]),
    "drp_list_get": (text, [handle, ctypes.c_size_t, text]),
    "drp_list_json": (ctypes.c_int, [out_handle, handle]),
    "drp_list_free": (None, [handle]),
    "drp_calendar_new": (ctypes.c_int, [out_handle, text]),
    "drp_calendar_add_working_days": (ctypes.c_int, [out_handle, handle, text, ctypes.c_int]),
    "drp_calendar_free": (None, [handle]),
    "drp_policy_builtin": (ctypes.c_int, [out_handle, text]),
    "drp_policy_load": (ctypes.c_int, [out_handle, out_handle, text, ctypes.c_void_p]),
    "drp_policy_load_file": (ctypes.c_int, [out_handle, out_handle, text, ctypes.c_void_p]),
    "drp_policy_id": (text, [handle]),
    "drp_policy_version": (text, [handle]),
    "drp_policy_free": (None, [handle]),
    "drp_dispute_new": (ctypes.c_int, [out_handle, handle]),
    "drp_dispute_from_json": (ctypes.c_int, [out_handle, handle, text]),
    "drp_dispute_apply": (ctypes.c_int, [out_handle, handle, text]),
    "drp_dispute_state_json": (ctypes.c_int, [out_handle, handle, text]),
    "drp_dispute_obligations": (ctypes.c_int, [out_handle, handle, text]),
    "drp_dispute_allowed_next": (ctypes.c_int, [out_handle, handle, text]),
    "drp_dispute_status": (text, [handle]),
    "drp_dispute_stage": (text, [handle]),
    "drp_dispute_free": (None, [handle]),
    # the host kit (issue 13)
    "drp_dispute_next_due": (ctypes.c_int, [out_handle, handle]),
    "drp_sweep": (ctypes.c_int, [out_handle, ctypes.POINTER(ctypes.c_size_t), handle, ctypes.POINTER(text), ctypes.c_size_t,
                                 text, text]),
    "drp_list_item_count": (ctypes.c_size_t, [handle, ctypes.c_size_t, text]),
    "drp_list_item": (text, [handle, ctypes.c_size_t, text, ctypes.c_size_t]),
    "drp_policy_local_instant": (ctypes.c_int, [out_handle, handle, text, text]),
    "drp_policy_local_time": (ctypes.c_int, [out_handle, out_handle, handle, text]),
}


class DrpError(Exception):
    def __init__(self, code, message):
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


@pytest.fixture(scope="module")
def lib():
    path = os.environ.get("DRP_C_LIBRARY") or str(BUILD / "libdrp.so.0")
    if not pathlib.Path(path).exists():
        pytest.fail(f"libdrp not built at {path}; build first (scripts/test.sh does)")
    lib = ctypes.CDLL(path)
    for name, (restype, argtypes) in SIGNATURES.items():
        fn = getattr(lib, name)
        fn.restype, fn.argtypes = restype, argtypes
    return lib


def check(lib, rc):
    if rc != DRP_OK:
        raise DrpError(rc, lib.drp_error_last().decode())


def take_string(lib, ptr):
    """A library-allocated string: copy it, then give it back to drp_string_free."""
    try:
        return ctypes.string_at(ptr.value).decode()
    finally:
        lib.drp_string_free(ptr)


def take_list(lib, ptr):
    """A drp_list as Python rows (through drp_list_json), then freed."""
    try:
        out = ctypes.c_void_p()
        check(lib, lib.drp_list_json(ctypes.byref(out), ptr))
        return json.loads(take_string(lib, out))
    finally:
        lib.drp_list_free(ptr)


def event(type_, at, **fields):
    return json.dumps({"type": type_, "at": at, "dispute_id": "MERTON-2026-0041", **fields}).encode()


RAISE = event("raise", "2026-12-21T10:30:00Z", by="IRO", child_ref="C-1001", category="drift_delay",
              urgency="standard", summary="Care plan actions not progressed", start_stage="IR1",
              start_reason="The team manager is already involved")


@pytest.fixture
def merton(lib):
    p = ctypes.c_void_p()
    check(lib, lib.drp_policy_builtin(ctypes.byref(p), b"merton"))
    yield p
    lib.drp_policy_free(p)


@pytest.fixture
def dispute(lib, merton):
    d = ctypes.c_void_p()
    check(lib, lib.drp_dispute_new(ctypes.byref(d), merton))
    yield d
    lib.drp_dispute_free(d)


def apply(lib, d, e):
    actions = ctypes.c_void_p()
    check(lib, lib.drp_dispute_apply(ctypes.byref(actions), d, e))
    return take_list(lib, actions)


def state(lib, d, as_of=None):
    out = ctypes.c_void_p()
    check(lib, lib.drp_dispute_state_json(ctypes.byref(out), d, as_of))
    return take_string(lib, out)


def test_version_string_and_number_agree(lib):
    major, minor, patch = (int(part) for part in lib.drp_version().decode().split("."))
    assert lib.drp_version_number() == major * 10000 + minor * 100 + patch


def test_ir1_over_christmas_is_due_7_january(lib):
    cal, due = ctypes.c_void_p(), ctypes.c_void_p()
    check(lib, lib.drp_calendar_new(ctypes.byref(cal), None))
    try:
        check(lib, lib.drp_calendar_add_working_days(ctypes.byref(due), cal, b"2026-12-21", 10))
        assert take_string(lib, due) == "2027-01-07"
        assert lib.drp_calendar_add_working_days(ctypes.byref(due), cal, b"2026-13-01", 10) == DRP_EINVALID_DATE
        assert due.value is None
    finally:
        lib.drp_calendar_free(cal)


def test_a_dispute_runs_and_its_obligations_come_back(lib, dispute):
    actions = apply(lib, dispute, RAISE)
    assert actions[0]["obligation"] == "resolution"  # IR1: "work to be completed within 10 working days"
    assert actions[0]["due"] == "2027-01-07T23:59:59+00:00"
    assert lib.drp_dispute_status(dispute) == b"open"
    assert lib.drp_dispute_stage(dispute) == b"IR1"
    apply(lib, dispute, event("respond", "2027-01-05T09:00:00Z", by="TM", adequate=False))
    apply(lib, dispute, event("escalate", "2027-01-05T11:00:00Z", by="IRO", reason="not_resolved"))
    assert lib.drp_dispute_stage(dispute) == b"IR2"

    obligations = ctypes.c_void_p()
    check(lib, lib.drp_dispute_obligations(ctypes.byref(obligations), dispute, b"2027-01-12T09:00:00Z"))
    # Row by row, as a C host reads it (no JSON parser needed).
    rows = [(lib.drp_list_get(obligations, i, b"id"), lib.drp_list_get(obligations, i, b"stage"),
             lib.drp_list_get(obligations, i, b"status")) for i in range(lib.drp_list_count(obligations))]
    lib.drp_list_free(obligations)
    assert (b"resolution", b"IR2", b"overdue") in rows
    assert (b"resolution", b"IR1", b"closed") in rows  # the inadequate reply completed nothing

    nxt = ctypes.c_void_p()
    check(lib, lib.drp_dispute_allowed_next(ctypes.byref(nxt), dispute, b"2027-01-12T09:00:00Z"))
    menu = take_list(lib, nxt)
    assert {"type": "escalate", "reason": "not_resolved"} in menu
    assert {"type": "resolve"} in menu


def test_refused_events_give_clean_errors_and_change_nothing(lib, dispute):
    apply(lib, dispute, RAISE)
    before = state(lib, dispute)
    refused = [
        (event("escalate", "2027-01-06T09:00:00Z", reason="inadequate_response"), DRP_ENOT_PERMITTED),
        (event("escalate", "2026-12-01T09:00:00Z", reason="not_resolved"), DRP_EOUT_OF_ORDER),
        (event("respond", "2027-01-06T09:00:00Z"), DRP_EINVALID_EVENT),
        (b"{\"type\": ", DRP_EINVALID_JSON),
        (b"\xff\xfe", DRP_EINVALID_JSON),
        (None, DRP_EINVALID_ARGUMENT),
    ]
    for text_, code in refused:
        actions = ctypes.c_void_p()
        assert lib.drp_dispute_apply(ctypes.byref(actions), dispute, text_) == code
        assert actions.value is None
        assert lib.drp_error_last().decode().startswith("[drp.")
        assert lib.drp_error_name(code).decode() != "unknown"
        assert state(lib, dispute) == before


def test_null_and_wrong_handles_are_refused(lib, merton):
    out = ctypes.c_void_p()
    assert lib.drp_dispute_apply(ctypes.byref(out), None, RAISE) == DRP_EINVALID_ARGUMENT
    # A policy handle passed where a dispute is expected (two IntPtrs mixed up).
    assert lib.drp_dispute_apply(ctypes.byref(out), merton, RAISE) == DRP_EINVALID_ARGUMENT
    assert b"not a dispute handle" in lib.drp_error_last()
    assert lib.drp_dispute_status(merton) is None
    lib.drp_dispute_free(merton)  # ignored: not a dispute
    assert lib.drp_policy_id(merton) == b"merton"
    for free in (lib.drp_list_free, lib.drp_policy_free, lib.drp_dispute_free, lib.drp_calendar_free,
                 lib.drp_string_free):
        free(None)


def test_snapshot_round_trip(lib, merton, dispute):
    apply(lib, dispute, RAISE)
    stored = state(lib, dispute)
    assert json.loads(stored)["policy"] == {"id": "merton", "version": "1.0.0"}
    restored = ctypes.c_void_p()
    check(lib, lib.drp_dispute_from_json(ctypes.byref(restored), merton, stored.encode()))
    try:
        assert state(lib, restored) == stored
    finally:
        lib.drp_dispute_free(restored)
    assert lib.drp_dispute_from_json(ctypes.byref(restored), merton, b"{}") == DRP_ESCHEMA


def test_policy_diagnostics(lib):
    p, diags = ctypes.c_void_p(), ctypes.c_void_p()
    path = str(ROOT / "tests/fixtures/policies/invalid/unknown-stage-kind.json").encode()
    assert lib.drp_policy_load_file(ctypes.byref(p), ctypes.byref(diags), path, None) == DRP_ESCHEMA
    assert p.value is None
    found = take_list(lib, diags)
    assert found[0]["line"] == 28 and found[0]["pointer"] == "/stages/0/kind"

    check(lib, lib.drp_policy_load_file(ctypes.byref(p), ctypes.byref(diags), str(ROOT / "policies/merton.json").encode(),
                                        None))
    assert all(d["severity"] != "error" for d in take_list(lib, diags))
    assert lib.drp_policy_version(p) == b"1.0.0"
    lib.drp_policy_free(p)


# ---- the host kit (issue 13): what a ctypes host needs without a JSON parser or TZ code ----

def test_next_due_sweep_and_list_items_without_parsing_json(lib, merton, dispute):
    due = ctypes.c_void_p()
    check(lib, lib.drp_dispute_next_due(ctypes.byref(due), dispute))
    assert due.value is None, "nothing owed before the raise: NULL, and the call succeeds"
    apply(lib, dispute, RAISE)
    check(lib, lib.drp_dispute_next_due(ctypes.byref(due), dispute))
    assert take_string(lib, due) == "2026-12-22T10:30:00Z"  # alert HOS QAPD within 24 hours (UTC: sorts as text)

    stored = state(lib, dispute).encode()
    states = (text * 2)(stored, stored)
    rows = ctypes.c_void_p()
    check(lib, lib.drp_sweep(ctypes.byref(rows), None, merton, states, 2, b"2027-01-08", None))
    try:
        n = lib.drp_list_count(rows)
        got = [(lib.drp_list_get(rows, i, b"state"), lib.drp_list_get(rows, i, b"obligation")) for i in range(n)]
        # Each copy: the alert (22 Dec), the record (23 Dec), the IR1 resolution (7 Jan), by due.
        assert got == [(b"0", b"alert_hos_qapd"), (b"1", b"alert_hos_qapd"), (b"0", b"record_actions"),
                       (b"1", b"record_actions"), (b"0", b"resolution"), (b"1", b"resolution")]
        i = n - 1
        assert lib.drp_list_item_count(rows, i, b"role") == 2
        assert [lib.drp_list_item(rows, i, b"role", k) for k in range(2)] == [b"TM", b"HOS"]
        assert lib.drp_list_item(rows, i, b"role", 2) is None
        assert b"Christmas Day" in lib.drp_list_get(rows, i, b"explain")
        assert lib.drp_list_get(rows, i, b"text").startswith(b"Resolution from Team manager or Head of Service")
    finally:
        lib.drp_list_free(rows)
    bad = (text * 2)(stored, b"{")
    failed = ctypes.c_size_t(99)
    assert lib.drp_sweep(ctypes.byref(rows), ctypes.byref(failed), merton, bad, 2, b"2027-01-08", None) == DRP_EINVALID_JSON
    assert rows.value is None and failed.value == 1
    assert lib.drp_error_last().decode().find("state 1: ") >= 0


def test_local_wall_time_both_ways(lib, merton):
    out = ctypes.c_void_p()
    check(lib, lib.drp_policy_local_instant(ctypes.byref(out), merton, b"2027-03-28", b"09:00"))
    assert take_string(lib, out) == "2027-03-28T09:00:00+01:00"  # the clocks went forward at 01:00 GMT
    day, clock = ctypes.c_void_p(), ctypes.c_void_p()
    check(lib, lib.drp_policy_local_time(ctypes.byref(day), ctypes.byref(clock), merton, b"2027-06-30T23:30:00Z"))
    assert (take_string(lib, day), take_string(lib, clock)) == ("2027-07-01", "00:30:00")
    assert lib.drp_policy_local_instant(ctypes.byref(out), merton, b"2027-03-28", b"9 o'clock") == DRP_EINVALID_DATE
    assert out.value is None
