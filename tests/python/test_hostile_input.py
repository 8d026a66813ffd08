"""Hostile and broken input through all three surfaces (the CLI, the C API through ctypes,
Python), as a new user and as an attacker would send it: nothing a child's record holds
leaks into a message, nothing is lost with exit 0, and input is read strictly and the same
way everywhere (docs/reliability.md lists the classes; DESIGN.md §4.4 is the contract).
"""
import contextlib
import ctypes
import errno
import json
import os
import pathlib
import resource
import shutil
import signal
import subprocess
import sys

import pytest

import drp
from conftest import ROOT
from test_capi_ctypes import DRP_EINVALID_JSON, DRP_EOUT_OF_ORDER, DRP_ESCHEMA, check, lib, take_string  # noqa: F401

SECRET = "SECRET-ZX7731"  # stands for a child's name, reference or story
MERTON_LOG = ROOT / "examples" / "events" / "merton.jsonl"
DRP_EIO = -12

RAISE = {"type": "raise", "at": "2026-12-21T10:30:00Z", "dispute_id": "MERTON-2026-0041", "by": "IRO",
         "child_ref": "MOSAIC-" + SECRET, "category": "drift_delay", "urgency": "standard",
         "summary": SECRET + " has had no visits", "start_stage": "IR1", "start_reason": "Because " + SECRET}


def raise_line(**changes):
    return json.dumps({**RAISE, **changes}).encode()


def splice(field_text: bytes):
    """A raise line whose summary is replaced by raw bytes (which may not be JSON)."""
    return raise_line(summary="@@").replace(b'"@@"', field_text)


# name -> one line of a log (bytes, without its newline)
HOSTILE = {
    "invalid UTF-8 byte in summary": splice(b'"' + SECRET.encode() + b' \xff"'),
    "raw control character in summary": splice(b'"' + SECRET.encode() + b'\x01"'),
    "lone surrogate in summary": splice(b'"' + SECRET.encode() + b'\\ud800"'),
    "garbage after the object": raise_line() + b" " + SECRET.encode(),
    "a forged parser tail": splice(b'"' + SECRET.encode() + b"'; expected end of input\x02\""),
    "NUL byte in summary": splice(b'"' + SECRET.encode() + b'\x00"'),
    "NUL byte after the object": raise_line() + b"\x00" + SECRET.encode(),
    "duplicate type": raise_line()[:-1] + b', "type": "withdraw"}',
    "control character in child_ref": raise_line(child_ref=SECRET + "\u0007"),
    "summary far too long": raise_line(summary=SECRET * 2000),
    "start_reason only white space": raise_line(start_reason="\u00a0"),
    "cut short": raise_line()[:-20],
}
# Those a Python str can carry (valid UTF-8 without NUL).
TEXTUAL = {k: v for k, v in HOSTILE.items() if b"\x00" not in v and b"\xff" not in v}


def leaks(text):
    return SECRET in text or "ZX7731" in text


@pytest.fixture
def run(drp_cli):
    def go(*args, stdin=None, stdout=subprocess.PIPE, preexec_fn=None, user=None):
        command = [drp_cli, *map(str, args)]
        if user:
            command = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *command]
        return subprocess.run(command, input=stdin, stdout=stdout, stderr=subprocess.PIPE,
                              preexec_fn=preexec_fn, timeout=120)
    return go


# ---- children's data never leaves through a side door ------------------------------------

@pytest.mark.parametrize("name", HOSTILE)
def test_the_cli_names_the_place_and_never_the_text(run, tmp_path, name):
    log = tmp_path / "log.jsonl"
    log.write_bytes(HOSTILE[name] + b"\n")
    r = run("simulate", "--policy", "merton", log)
    err = r.stderr.decode("utf-8")  # valid UTF-8, whatever the input was
    assert r.returncode == 1, err
    assert f"{log}:1: [drp." in err
    assert not leaks(err) and not leaks(r.stdout.decode())


@pytest.mark.parametrize("fmt", ["json", "html", "csv"])
def test_a_report_listing_refused_events_carries_no_text(run, tmp_path, fmt):
    log = tmp_path / "log.jsonl"
    log.write_bytes(MERTON_LOG.read_bytes() + b"".join(line + b"\n" for line in HOSTILE.values()))
    r = run("report", "--policy", "merton", "--skip-refused", "--format", fmt, log)
    assert r.returncode == 0, r.stderr.decode()
    out = r.stdout.decode("utf-8")
    assert not leaks(out) and not leaks(r.stderr.decode())
    if fmt == "json":
        assert json.loads(out)["source"]["events_refused"] == len(HOSTILE)


@pytest.mark.parametrize("name", TEXTUAL)
def test_python_errors_carry_no_text(name):
    d = drp.Dispute(drp.Policy.builtin("merton"))
    with pytest.raises(drp.Error) as e:
        d.apply(HOSTILE[name].decode())
    assert not leaks(str(e.value)) and not leaks(repr(e.value))
    assert str(e.value).startswith("[drp.") and "new dispute, event 0" in str(e.value)


def test_python_replay_errors_carry_no_text(tmp_path):
    for name, line in HOSTILE.items():
        log = tmp_path / "log.jsonl"
        log.write_bytes(line + b"\n")
        with pytest.raises(drp.Error) as e:
            drp.replay("merton", log)
        assert not leaks(str(e.value)), name
        assert f"{log} line 1" in str(e.value), name


PLAIN_RAISE = raise_line(child_ref="C-1", summary="s", start_reason="r")


@contextlib.contextmanager
def c_dispute(lib, first_event=PLAIN_RAISE):  # noqa: F811
    """A Merton dispute through the C API, raised by first_event; freed afterwards."""
    p, d = ctypes.c_void_p(), ctypes.c_void_p()
    check(lib, lib.drp_policy_builtin(ctypes.byref(p), b"merton"))
    try:
        check(lib, lib.drp_dispute_new(ctypes.byref(d), p))
        check(lib, lib.drp_dispute_apply(None, d, first_event))
        yield d
    finally:
        lib.drp_dispute_free(d)
        lib.drp_policy_free(p)


@pytest.mark.parametrize("name", HOSTILE)
def test_c_api_refusals_name_the_dispute_index_and_type_and_carry_no_text(lib, name):  # noqa: F811
    with c_dispute(lib) as d:
        before = ctypes.c_void_p()
        check(lib, lib.drp_dispute_state_json(ctypes.byref(before), d, None))
        before = take_string(lib, before)
        # the hostile line as the dispute's second event (NUL ends a C string: the host's
        # text stops there, which drp cannot see; the rest of the line never arrives)
        line = HOSTILE[name].replace(b"raise", b"escalate", 1)
        rc = lib.drp_dispute_apply(None, d, line)
        message = lib.drp_error_last().decode("utf-8")
        assert rc < 0
        assert not leaks(message), message
        assert message.startswith("[drp.") and "dispute MERTON-2026-0041, event 1" in message, message
        after = ctypes.c_void_p()
        check(lib, lib.drp_dispute_state_json(ctypes.byref(after), d, None))
        assert take_string(lib, after) == before


def test_a_c_api_refusal_of_a_known_type_names_it(lib):  # noqa: F811
    with c_dispute(lib, raise_line()) as d:
        rc = lib.drp_dispute_apply(None, d, json.dumps({"type": "escalate", "at": "2026-12-22T10:00:00Z",
                                                        "dispute_id": "MERTON-2026-0041", "reason": "no_response"}).encode())
        message = lib.drp_error_last().decode()
        assert rc < 0 and message.startswith("[drp.not_permitted] dispute MERTON-2026-0041, event 1 (escalate): "), message


# ---- nothing is lost without a non-zero exit and a message --------------------------------

@pytest.mark.parametrize("command", ["simulate", "report"])
def test_a_directory_or_a_device_is_not_a_log(run, tmp_path, command):
    # a folder is read as the *.jsonl files in it (test_log_folders.py): one with none is refused
    for path, says in ((tmp_path, "it holds no *.jsonl files"), ("/dev/zero", "it is a device"),
                       (tmp_path / "missing.jsonl", "No such file or directory")):
        r = run(command, "--policy", "merton", path)
        assert r.returncode == 1 and says in r.stderr.decode(), r.stderr.decode()
        assert r.stdout == b""


def test_a_directory_is_not_a_policy_or_a_govuk_file(run, tmp_path):
    r = run("simulate", "--policy", tmp_path, MERTON_LOG)
    assert r.returncode == 1 and "it is a directory" in r.stderr.decode()
    r = run("validate", tmp_path)
    assert r.returncode == 1 and "it is a directory" in (r.stdout + r.stderr).decode()
    r = run("calendar", "holidays", "2027", "--govuk", tmp_path)
    assert r.returncode == 1 and "it is a directory" in r.stderr.decode()


def test_permission_denied_says_so(run, tmp_path):
    secret_log = tmp_path / "private.jsonl"
    shutil.copy(MERTON_LOG, secret_log)
    secret_log.chmod(0o600)  # root's; run as nobody
    r = run("simulate", "--policy", "merton", secret_log, user=65534)
    assert r.returncode == 1 and "Permission denied" in r.stderr.decode(), r.stderr.decode()


def test_python_io_errors_are_the_builtin_os_errors_too(tmp_path):
    with pytest.raises(drp.NoSuchFileError) as e:
        drp.Policy.load(tmp_path / "none.json")
    assert isinstance(e.value, FileNotFoundError) and isinstance(e.value, drp.IoError)
    assert e.value.errno == errno.ENOENT
    with pytest.raises(IsADirectoryError):
        drp.Policy.load(tmp_path)
    with pytest.raises(IsADirectoryError):  # a folder without *.jsonl files
        drp.replay("merton", tmp_path)
    with pytest.raises(drp.IoError, match="it is a device"):
        drp.replay("merton", "/dev/zero")
    with pytest.raises(FileNotFoundError):
        drp.validate(tmp_path / "none.json")
    # the mapping the extension uses for EACCES (root cannot be refused a file here)
    from drp import _errors
    denied = _errors.from_native("io", "[drp.io] cannot read x: Permission denied", (), errno.EACCES)
    assert isinstance(denied, PermissionError) and isinstance(denied, drp.AccessDeniedError)


def test_an_endless_line_ends_in_an_error_not_in_memory(run):
    r = run("simulate", "--policy", "merton", "-", stdin=b"\0" * 3_000_000)
    assert r.returncode == 1 and "<stdin> line 1: longer than 1 MiB" in r.stderr.decode()
    r = run("report", "--policy", "merton", "--max-line-bytes", "100", MERTON_LOG)
    assert r.returncode == 1 and "line 1: longer than 100 bytes" in r.stderr.decode()
    with pytest.raises(drp.OutOfRangeError, match="longer than 100 bytes"):
        drp.replay("merton", MERTON_LOG, max_line_bytes=100)
    with pytest.raises(drp.OutOfRangeError, match="longer than 100 bytes"):
        drp.report("merton", MERTON_LOG, max_line_bytes=100)
    with pytest.raises(drp.OutOfRangeError, match="larger than"):
        drp.Policy.load(ROOT / "policies" / "merton.json", max_bytes=1000)


def test_memory_running_out_while_reading_a_line_names_the_line(run):
    def little_memory():
        resource.setrlimit(resource.RLIMIT_AS, (400 << 20, 400 << 20))

    r = run("simulate", "--policy", "merton", "--max-line-bytes", str(4 << 30), "-",
            stdin=b"{" * (600 << 20), preexec_fn=little_memory)
    assert r.returncode == 1 and "<stdin> line 1: out of memory" in r.stderr.decode(), r.stderr.decode()


def test_a_failed_read_is_not_the_end_of_the_log(run):
    r = run("simulate", "--policy", "merton", "/proc/self/mem")  # a regular file that cannot be read
    assert r.returncode == 1 and "error reading /proc/self/mem" in r.stderr.decode()


@pytest.mark.parametrize("args", [
    ["simulate", "--policy", "merton", MERTON_LOG],
    ["simulate", "--policy", "merton", "--json", MERTON_LOG],
    ["report", "--policy", "merton", MERTON_LOG],
    ["validate", ROOT / "policies" / "merton.json"],
    ["render", ROOT / "policies" / "merton.json"],
    ["calendar", "holidays", "2027"],
    ["--help"],
])
def test_a_full_disk_on_standard_output_is_exit_1(run, args):
    with open("/dev/full", "wb") as full:
        r = run(*args, stdout=full)
    assert r.returncode == 1 and "No space left on device" in r.stderr.decode(), r.stderr.decode()


def test_output_files_appear_whole_or_not_at_all(run, tmp_path):
    target = tmp_path / "report.html"
    target.write_text("last quarter's report")

    def small_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
        resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))

    r = run("report", "--policy", "merton", "--format", "html", "--output", target, MERTON_LOG, preexec_fn=small_files)
    assert r.returncode == 1 and "File too large" in r.stderr.decode(), r.stderr.decode()
    assert target.read_text() == "last quarter's report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]  # no partial or temporary file

    r = run("report", "--policy", "merton", "--output", "/dev/full", MERTON_LOG)
    assert r.returncode == 1 and "No space left on device" in r.stderr.decode()
    assert pathlib.Path("/dev/full").is_char_device()

    r = run("report", "--policy", "merton", "--format", "html", "--output", target, MERTON_LOG)
    assert r.returncode == 0 and target.read_text().startswith("<!DOCTYPE html>")


# ---- input is read strictly and the same way everywhere -----------------------------------

def test_duplicate_keys_are_refused_by_every_surface(run, tmp_path, lib):  # noqa: F811
    line = raise_line()[:-1] + b', "type": "withdraw"}'
    log = tmp_path / "log.jsonl"
    log.write_bytes(line + b"\n")
    r = run("simulate", "--policy", "merton", log)
    assert r.returncode == 1 and 'duplicate key "type"' in r.stderr.decode()
    with pytest.raises(drp.InvalidJsonError, match='duplicate key "type"'):
        drp.Dispute(drp.Policy.builtin("merton")).apply(line.decode())
    # a stored state with a repeated key
    d = drp.Dispute(drp.Policy.builtin("merton"))
    d.apply(PLAIN_RAISE.decode())
    state = d.to_json()
    doubled = state[:-1] + ', "status": "withdrawn"}'
    with pytest.raises(drp.InvalidJsonError, match='duplicate key "status"'):
        drp.Dispute.from_json(drp.Policy.builtin("merton"), doubled)
    p, out = ctypes.c_void_p(), ctypes.c_void_p()
    check(lib, lib.drp_policy_builtin(ctypes.byref(p), b"merton"))
    try:
        assert lib.drp_dispute_from_json(ctypes.byref(out), p, doubled.encode()) == DRP_EINVALID_JSON
        assert not out.value
    finally:
        lib.drp_policy_free(p)


def test_asking_for_a_time_before_the_last_event_is_out_of_order_everywhere(run, lib):  # noqa: F811
    r = run("simulate", "--policy", "merton", "--at", "2020-01-01T00:00:00Z", MERTON_LOG)
    assert r.returncode == 1 and "[drp.out_of_order]" in r.stderr.decode()
    r = run("simulate", "--policy", "merton", "--at", "yesterday", MERTON_LOG)
    assert r.returncode == 2 and "--at must be an RFC 3339 instant" in r.stderr.decode()
    r = run("report", "--policy", "merton", "--as-of", "yesterday", MERTON_LOG)
    assert r.returncode == 2

    d = drp.Dispute(drp.Policy.builtin("merton"))
    d.apply(PLAIN_RAISE.decode())
    for call in (lambda: d.state(at="2026-12-21T10:29:59Z"), lambda: d.allowed_next("2026-12-21T10:29:59Z")):
        with pytest.raises(drp.OutOfOrderError):
            call()
    assert d.state(at="2026-12-21T10:30:00Z")["status"] == "open"

    with c_dispute(lib) as h:
        out = ctypes.c_void_p()
        for fn in (lib.drp_dispute_state_json, lib.drp_dispute_obligations, lib.drp_dispute_allowed_next):
            assert fn(ctypes.byref(out), h, b"2026-12-21T10:29:59Z") == DRP_EOUT_OF_ORDER
            assert not out.value


def test_a_stored_state_whose_as_of_is_not_an_instant_is_refused(lib):  # noqa: F811
    d = drp.Dispute(drp.Policy.builtin("merton"))
    d.apply(PLAIN_RAISE.decode())
    state = json.loads(d.to_json(at="2026-12-22T10:00:00Z"))
    assert drp.Dispute.from_json(d.policy, json.dumps(state)).status == "open"
    for bad in ("yesterday", "2026-12-22", 7):
        state["as_of"] = bad
        with pytest.raises(drp.SchemaError, match="/as_of"):
            drp.Dispute.from_json(d.policy, json.dumps(state))
        p, out = ctypes.c_void_p(), ctypes.c_void_p()
        check(lib, lib.drp_policy_builtin(ctypes.byref(p), b"merton"))
        try:
            assert lib.drp_dispute_from_json(ctypes.byref(out), p, json.dumps(state).encode()) == DRP_ESCHEMA
        finally:
            lib.drp_policy_free(p)


def test_the_c_api_names_what_a_policy_path_is(lib, tmp_path):  # noqa: F811
    p, diags = ctypes.c_void_p(), ctypes.c_void_p()
    assert lib.drp_policy_load_file(ctypes.byref(p), ctypes.byref(diags), str(tmp_path).encode(), None) == DRP_EIO
    assert "it is a directory" in lib.drp_error_last().decode()
    assert not p.value
    if diags.value:
        lib.drp_list_free(diags)


OUT_OF_MEMORY_CHILD = r'''
import json, resource, sys
import drp

d = drp.Dispute(drp.Policy.builtin("merton"))
d.apply(json.loads(sys.argv[1]))
before = d.to_json()
huge = {"type": "consult", "at": "2026-12-22T10:00:00Z", "dispute_id": "MERTON-2026-0041", "role": "TM",
        "note": "x" * (256 << 20)}
with open("/proc/self/statm") as f:
    in_use = int(f.read().split()[0]) * resource.getpagesize()
resource.setrlimit(resource.RLIMIT_AS, (in_use + (64 << 20), resource.RLIM_INFINITY))
try:
    d.apply(huge)
except MemoryError as e:
    caught = type(e).__name__
else:
    caught = None
resource.setrlimit(resource.RLIMIT_AS, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
same = d.to_json() == before
d.apply({k: v for k, v in huge.items() if k != "note"})
print(json.dumps({"caught": caught, "unchanged": same, "events": len(d.history)}))
'''


def test_memory_running_out_in_python_is_memory_error_and_changes_nothing():
    # The event's 256 MiB note cannot be copied into the engine's JSON under the address
    # space left: std::bad_alloc reaches Python as MemoryError, and the dispute is as it was
    # and takes the next event.
    r = subprocess.run([sys.executable, "-c", OUT_OF_MEMORY_CHILD, json.dumps(RAISE)], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=120, env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert r.returncode == 0, r.stderr.decode()
    assert json.loads(r.stdout) == {"caught": "MemoryError", "unchanged": True, "events": 2}


def test_messages_say_an_escalate_event_not_a_escalate_event():
    d = drp.Dispute("merton")
    d.apply({"type": "raise", "at": "2025-04-01T09:00:00+01:00", "dispute_id": "D-1", "child_ref": "C-1",
             "category": "drift_delay", "urgency": "standard", "summary": "x", "due": "2025-04-08"})
    for event_type, extra, says in (("escalate", {"reason": "discretion"}, "for an escalate event"),
                                    ("extend", {"until": "2025-04-20", "agreed_by": "IRO"}, "for an extend event"),
                                    ("respond", {"adequate": True}, "for a respond event")):
        with pytest.raises(drp.InvalidEventError) as info:
            d.apply({"type": event_type, "at": "2025-04-02T09:00:00+01:00", "dispute_id": "D-1", "colour": "blue", **extra})
        assert f"/colour: unknown field {says}" in str(info.value), str(info.value)
