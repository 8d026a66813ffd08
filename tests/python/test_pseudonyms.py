"""Children's pseudonyms in the report (issue 11): "C-" and 20 hex digits of the child_ref's
keyed BLAKE2b-80 (libsodium), so that a shared report cannot be turned back into children by
trying every reference of the known format ("MERC" and five digits). Checked against
Python's own hashlib, independently of libsodium."""
import hashlib
import json
import os
import pathlib
import re
import stat
import subprocess

import jsonschema
import pytest

import drp

ROOT = pathlib.Path(__file__).resolve().parents[2]
MERTON_LOG = ROOT / "examples" / "year" / "merton.jsonl"
SCHEMA = json.loads((ROOT / "schemas/report.schema.json").read_text())

KEY = bytes(range(32))
KEY_HEX = KEY.hex()
PSEUDONYM = re.compile(r"^C-[0-9a-f]{20}$")


def blake2b_80(ref: str, key: bytes) -> str:
    return "C-" + hashlib.blake2b(ref.encode(), key=key, digest_size=10).hexdigest()


def children(report) -> dict:
    return {row["child"]: row for row in report["themes"]["children"]["list"]}


@pytest.fixture(scope="module")
def refs():
    return set(drp.replay("merton", MERTON_LOG)["child_ref"])


@pytest.fixture(scope="module")
def named():
    """Q3 with children identified, two or more disputes making a theme."""
    return drp.report("merton", MERTON_LOG, quarter="2025Q3", identify_children=True)


@pytest.fixture(scope="module")
def keyed():
    return drp.report("merton", MERTON_LOG, quarter="2025Q3", key=KEY)


@pytest.fixture
def key_file(tmp_path):
    path = tmp_path / "pseudonyms.key"
    path.write_text(KEY_HEX + "\n")
    return path


# ---- what a pseudonym is ---------------------------------------------------------------------

def test_pseudonyms_are_keyed_blake2b_80_of_the_reference_as_hashlib_computes_it(named, keyed):
    assert named["themes"]["children"]["list"], "the example quarter should have recurring children"
    expected = {blake2b_80(row["child"], KEY): row for row in named["themes"]["children"]["list"]}
    got = children(keyed)
    assert set(got) == set(expected)
    for pseudonym, row in got.items():
        assert PSEUDONYM.match(pseudonym)
        assert {k: v for k, v in row.items() if k != "child"} == {k: v for k, v in expected[pseudonym].items() if k != "child"}
    assert keyed["themes"]["pseudonym_key"] == "supplied"
    assert keyed["themes"]["children_identified"] is False
    jsonschema.Draft202012Validator(SCHEMA).validate(keyed)


def test_the_key_may_be_bytes_hex_text_or_a_key_file(keyed, key_file):
    for other in (drp.report("merton", MERTON_LOG, quarter="2025Q3", key=KEY_HEX.upper()),
                  drp.report("merton", MERTON_LOG, quarter="2025Q3", key=bytearray(KEY)),
                  drp.report("merton", MERTON_LOG, quarter="2025Q3", key_file=key_file),
                  drp.report("merton", MERTON_LOG, quarter="2025Q3", key_file=str(key_file))):
        assert other == keyed


def test_the_same_key_gives_the_same_pseudonyms_quarter_after_quarter(refs):
    q3 = drp.report("merton", MERTON_LOG, quarter="2025Q3", key=KEY, themes_from="2025-01-01")
    q4 = drp.report("merton", MERTON_LOG, quarter="2025Q4", key=KEY, themes_from="2025-01-01")
    assert children(q3) and set(children(q3)) <= set(children(q4))  # Q4's themes window holds Q3's
    by_pseudonym = {blake2b_80(ref, KEY): ref for ref in refs}
    assert set(children(q3)) | set(children(q4)) <= set(by_pseudonym)


def test_without_a_key_each_report_has_its_own_random_key_and_says_so(refs):
    a = drp.report("merton", MERTON_LOG, quarter="2025Q3")
    b = drp.report("merton", MERTON_LOG, quarter="2025Q3")
    assert a["themes"]["pseudonym_key"] == b["themes"]["pseudonym_key"] == "random"
    assert children(a) and all(PSEUDONYM.match(c) for c in children(a))
    assert not set(children(a)) & set(children(b)), "two random keys must not give matching pseudonyms"
    assert len(children(a)) == len(children(b))
    assert "pseudonyms made with a random key for this report only: they cannot be matched with other reports" in a.to_html()
    assert "themes,,pseudonym_key,random\n" in a.to_csv()
    jsonschema.Draft202012Validator(SCHEMA).validate(a)


def test_the_html_and_csv_say_when_the_analysts_key_was_used(keyed, refs):
    html = keyed.to_html()
    assert ("made with the analyst's key: the same child has the same pseudonym in every report made with this key"
            in html)
    assert "themes,,pseudonym_key,supplied\n" in keyed.to_csv()
    assert not any(ref in html or ref in keyed.to_json() or ref in keyed.to_csv() for ref in refs)


def test_identify_children_still_shows_child_ref(named, refs):
    assert named["themes"]["pseudonym_key"] is None
    assert named["themes"]["children_identified"] is True
    assert set(children(named)) <= refs
    jsonschema.Draft202012Validator(SCHEMA).validate(named)
    with pytest.raises(drp.InvalidArgumentError, match="not both"):
        drp.report("merton", MERTON_LOG, quarter="2025Q3", identify_children=True, key=KEY)


# ---- the attack of issue 11 -------------------------------------------------------------------

def fnv1a_40(ref: str) -> str:
    h = 14695981039346656037
    for c in ref.encode():
        h = ((h ^ c) * 1099511628211) % 2**64
    return f"C-{h & (2**40 - 1):010x}"


def test_trying_every_merc_reference_without_the_key_recovers_nobody(keyed):
    published = set(children(keyed))
    assert published
    space = [f"MERC{i:05d}" for i in range(100_000)]
    wrong_key = os.urandom(32)
    assert not published & {blake2b_80(ref, wrong_key) for ref in space}
    assert not published & {"C-" + hashlib.blake2b(ref.encode(), digest_size=10).hexdigest() for ref in space}
    assert not published & {fnv1a_40(ref) for ref in space}  # the old scheme
    # With the key the same search finds every child: the key must be kept secret.
    assert published <= {blake2b_80(ref, KEY) for ref in space}


# ---- bad keys ----------------------------------------------------------------------------------

SECRET = "5ec2e75ec2e75ec2e75ec2e75ec2e7"  # 30 hex digits


@pytest.mark.parametrize("text, says", [
    (SECRET, "has 30 hex digits"),
    (SECRET + "5ec", "odd number of hex digits (33)"),
    (SECRET + "5z", "not a hex digit"),
    ("correct horse battery staple 5ec2e7", "not a hex digit"),
    ("", "is empty"),
])
def test_a_bad_key_is_a_clear_error_that_never_shows_it(tmp_path, drp_cli, text, says):
    with pytest.raises(drp.InvalidArgumentError, match=re.escape(says)) as e:
        drp.report("merton", MERTON_LOG, quarter="2025Q3", key=text)
    assert "5ec2e7" not in str(e.value) and "horse" not in str(e.value)
    path = tmp_path / "bad.key"
    path.write_text(text + "\n")
    with pytest.raises(drp.InvalidArgumentError, match=re.escape(says)) as e:
        drp.report("merton", MERTON_LOG, quarter="2025Q3", key_file=path)
    assert str(path) in str(e.value) and "5ec2e7" not in str(e.value)
    r = subprocess.run([drp_cli, "report", "--policy", "merton", str(MERTON_LOG), "--key-file", str(path)],
                       capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and r.stdout == ""
    assert str(path) in r.stderr and says in r.stderr and "32 to 128 hex digits" in r.stderr
    assert "5ec2e7" not in r.stderr and "horse" not in r.stderr


def test_raw_key_bytes_must_be_16_to_64():
    with pytest.raises(drp.InvalidArgumentError, match="15 bytes"):
        drp.report("merton", MERTON_LOG, quarter="2025Q3", key=bytes(15))
    with pytest.raises(drp.InvalidArgumentError, match="65 bytes"):
        drp.report("merton", MERTON_LOG, quarter="2025Q3", key=bytes(65))
    with pytest.raises(drp.InvalidArgumentError, match="not both"):
        drp.report("merton", MERTON_LOG, quarter="2025Q3", key=KEY, key_file="k")
    with pytest.raises(drp.InvalidArgumentError, match="bytes or a str"):
        drp.report("merton", MERTON_LOG, quarter="2025Q3", key=12345)


def test_a_missing_key_file_or_a_directory_is_an_io_error(tmp_path, drp_cli):
    for path, says in ((tmp_path / "missing.key", "missing.key"), (tmp_path, "directory")):
        with pytest.raises(drp.IoError, match=says):
            drp.report("merton", MERTON_LOG, quarter="2025Q3", key_file=path)
        r = subprocess.run([drp_cli, "report", "--policy", "merton", str(MERTON_LOG), "--key-file", str(path)],
                           capture_output=True, text=True, timeout=60)
        assert r.returncode == 1 and says in r.stderr and r.stdout == "", r.stderr


# ---- the command line ----------------------------------------------------------------------------

def test_the_cli_with_a_key_file_gives_the_python_report(drp_cli, keyed, key_file):
    r = subprocess.run([drp_cli, "report", "--policy", "merton", str(MERTON_LOG), "--quarter", "2025Q3",
                        "--key-file", str(key_file)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == json.loads(keyed.to_json())
    r = subprocess.run([drp_cli, "report", "--policy", "merton", str(MERTON_LOG), "--quarter", "2025Q3",
                        "--key-file", str(key_file), "--identify-children"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 2 and "not both" in r.stderr


def test_the_cli_identifies_children_on_request(drp_cli, named):
    r = subprocess.run([drp_cli, "report", "--policy", "merton", str(MERTON_LOG), "--quarter", "2025Q3",
                        "--identify-children"], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == json.loads(named.to_json())


def test_keygen_prints_a_fresh_key_that_report_accepts(drp_cli, tmp_path, keyed):
    a = subprocess.run([drp_cli, "keygen"], capture_output=True, text=True, timeout=60)
    b = subprocess.run([drp_cli, "keygen"], capture_output=True, text=True, timeout=60)
    assert a.returncode == b.returncode == 0, a.stderr
    assert re.fullmatch(r"[0-9a-f]{64}\n", a.stdout) and a.stdout != b.stdout
    made = drp.report("merton", MERTON_LOG, quarter="2025Q3", key=a.stdout)
    assert set(children(made)) == {blake2b_80(c, bytes.fromhex(a.stdout)) for c in
                                   (row["child"] for row in drp.report("merton", MERTON_LOG, quarter="2025Q3",
                                                                       identify_children=True)["themes"]["children"]["list"])}


def test_keygen_output_is_private_and_never_overwrites(drp_cli, tmp_path):
    path = tmp_path / "new.key"
    r = subprocess.run([drp_cli, "keygen", "--output", str(path)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0 and r.stdout == "", r.stderr
    text = path.read_text()
    assert re.fullmatch(r"[0-9a-f]{64}\n", text)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    r = subprocess.run([drp_cli, "keygen", "--output", str(path)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 1 and "exists" in r.stderr
    assert path.read_text() == text and text.strip() not in r.stderr
    r = subprocess.run([drp_cli, "keygen", "--output", str(tmp_path / "no-such-dir" / "k")], capture_output=True,
                       text=True, timeout=60)
    assert r.returncode == 1 and "cannot write" in r.stderr


def test_keygen_and_key_file_are_documented(drp_cli):
    main = subprocess.run([drp_cli, "--help"], capture_output=True, text=True, timeout=60)
    assert "keygen" in main.stdout
    keygen = subprocess.run([drp_cli, "keygen", "--help"], capture_output=True, text=True, timeout=60)
    assert keygen.returncode == 0 and "--output" in keygen.stdout and "--key-file" in keygen.stdout
    report = subprocess.run([drp_cli, "report", "--help"], capture_output=True, text=True, timeout=60)
    assert "--key-file" in report.stdout and "keygen" in report.stdout
    assert subprocess.run([drp_cli, "keygen", "extra"], capture_output=True, timeout=60).returncode == 2
