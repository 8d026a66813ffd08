"""Checks policies/bank-holidays.json, the built-in UK bank-holiday data.

Every expected value here is written out by hand from published facts, never computed
with tools/make_bank_holidays.py:

* 2012-2027: transcribed from GOV.UK's published bank-holidays.json (all three
  divisions, dates and notes);
* 1995-2011 and 2028-2030: worked out by hand from the weekday of 1 January, a table of
  Easter Sundays and the proclamations listed in docs/bank-holidays.md.

Run with: /usr/bin/python3 -m pytest tests/python/test_bank_holiday_data.py
"""

from __future__ import annotations

import collections
import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "policies" / "bank-holidays.json"
SCRIPT = ROOT / "tools" / "make_bank_holidays.py"

EW, SC, NI = "england-and-wales", "scotland", "northern-ireland"
DIVISIONS = (EW, SC, NI)
YEARS = range(1995, 2031)

# ---- hand-written expectations --------------------------------------------------------
# One line per year: the holidays' dates as MM-DD in date order; a suffix "s" means
# notes "Substitute day", "x" means notes "Extra bank holiday", no suffix means "".

EXPECTED = {
    EW: """
1995: 01-02s 04-14 04-17 05-08 05-29 08-28 12-25 12-26
1996: 01-01 04-05 04-08 05-06 05-27 08-26 12-25 12-26
1997: 01-01 03-28 03-31 05-05 05-26 08-25 12-25 12-26
1998: 01-01 04-10 04-13 05-04 05-25 08-31 12-25 12-28s
1999: 01-01 04-02 04-05 05-03 05-31 08-30 12-27s 12-28s 12-31
2000: 01-03s 04-21 04-24 05-01 05-29 08-28 12-25 12-26
2001: 01-01 04-13 04-16 05-07 05-28 08-27 12-25 12-26
2002: 01-01 03-29 04-01 05-06 06-03 06-04 08-26 12-25 12-26
2003: 01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26
2004: 01-01 04-09 04-12 05-03 05-31 08-30 12-27s 12-28s
2005: 01-03s 03-25 03-28 05-02 05-30 08-29 12-26 12-27s
2006: 01-02s 04-14 04-17 05-01 05-29 08-28 12-25 12-26
2007: 01-01 04-06 04-09 05-07 05-28 08-27 12-25 12-26
2008: 01-01 03-21 03-24 05-05 05-26 08-25 12-25 12-26
2009: 01-01 04-10 04-13 05-04 05-25 08-31 12-25 12-28s
2010: 01-01 04-02 04-05 05-03 05-31 08-30 12-27s 12-28s
2011: 01-03s 04-22 04-25 04-29 05-02 05-30 08-29 12-26 12-27s
2012: 01-02s 04-06 04-09 05-07 06-04s 06-05x 08-27 12-25 12-26
2013: 01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26
2014: 01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26
2015: 01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28s
2016: 01-01 03-25 03-28 05-02 05-30 08-29 12-26 12-27s
2017: 01-02s 04-14 04-17 05-01 05-29 08-28 12-25 12-26
2018: 01-01 03-30 04-02 05-07 05-28 08-27 12-25 12-26
2019: 01-01 04-19 04-22 05-06 05-27 08-26 12-25 12-26
2020: 01-01 04-10 04-13 05-08 05-25 08-31 12-25 12-28s
2021: 01-01 04-02 04-05 05-03 05-31 08-30 12-27s 12-28s
2022: 01-03s 04-15 04-18 05-02 06-02 06-03 08-29 09-19 12-26 12-27s
2023: 01-02s 04-07 04-10 05-01 05-08 05-29 08-28 12-25 12-26
2024: 01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26
2025: 01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26
2026: 01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28s
2027: 01-01 03-26 03-29 05-03 05-31 08-30 12-27s 12-28s
2028: 01-03s 04-14 04-17 05-01 05-29 08-28 12-25 12-26
2029: 01-01 03-30 04-02 05-07 05-28 08-27 12-25 12-26
2030: 01-01 04-19 04-22 05-06 05-27 08-26 12-25 12-26
""",
    SC: """
1995: 01-02 01-03s 04-14 05-08 05-29 08-07 12-25 12-26
1996: 01-01 01-02 04-05 05-06 05-27 08-05 12-25 12-26
1997: 01-01 01-02 03-28 05-05 05-26 08-04 12-25 12-26
1998: 01-01 01-02 04-10 05-04 05-25 08-03 12-25 12-28s
1999: 01-01 01-04s 04-02 05-03 05-31 08-02 12-27s 12-28s 12-31
2000: 01-03s 01-04s 04-21 05-01 05-29 08-07 12-25 12-26
2001: 01-01 01-02 04-13 05-07 05-28 08-06 12-25 12-26
2002: 01-01 01-02 03-29 05-06 06-03 06-04 08-05 12-25 12-26
2003: 01-01 01-02 04-18 05-05 05-26 08-04 12-25 12-26
2004: 01-01 01-02 04-09 05-03 05-31 08-02 12-27s 12-28s
2005: 01-03s 01-04s 03-25 05-02 05-30 08-01 12-26 12-27s
2006: 01-02 01-03s 04-14 05-01 05-29 08-07 12-25 12-26
2007: 01-01 01-02 04-06 05-07 05-28 08-06 11-30 12-25 12-26
2008: 01-01 01-02 03-21 05-05 05-26 08-04 12-01s 12-25 12-26
2009: 01-01 01-02 04-10 05-04 05-25 08-03 11-30 12-25 12-28s
2010: 01-01 01-04s 04-02 05-03 05-31 08-02 11-30 12-27s 12-28s
2011: 01-03s 01-04s 04-22 04-29 05-02 05-30 08-01 11-30 12-26 12-27s
2012: 01-02 01-03s 04-06 05-07 06-04s 06-05x 08-06 11-30 12-25 12-26
2013: 01-01 01-02 03-29 05-06 05-27 08-05 12-02s 12-25 12-26
2014: 01-01 01-02 04-18 05-05 05-26 08-04 12-01s 12-25 12-26
2015: 01-01 01-02 04-03 05-04 05-25 08-03 11-30 12-25 12-28s
2016: 01-01 01-04s 03-25 05-02 05-30 08-01 11-30 12-26 12-27s
2017: 01-02 01-03s 04-14 05-01 05-29 08-07 11-30 12-25 12-26
2018: 01-01 01-02 03-30 05-07 05-28 08-06 11-30 12-25 12-26
2019: 01-01 01-02 04-19 05-06 05-27 08-05 12-02s 12-25 12-26
2020: 01-01 01-02 04-10 05-08 05-25 08-03 11-30 12-25 12-28s
2021: 01-01 01-04s 04-02 05-03 05-31 08-02 11-30 12-27s 12-28s
2022: 01-03s 01-04s 04-15 05-02 06-02 06-03 08-01 09-19 11-30 12-26 12-27s
2023: 01-02s 01-03s 04-07 05-01 05-08 05-29 08-07 11-30 12-25 12-26
2024: 01-01 01-02 03-29 05-06 05-27 08-05 12-02s 12-25 12-26
2025: 01-01 01-02 04-18 05-05 05-26 08-04 12-01s 12-25 12-26
2026: 01-01 01-02 04-03 05-04 05-25 08-03 11-30 12-25 12-28s
2027: 01-01 01-04s 03-26 05-03 05-31 08-02 11-30 12-27s 12-28s
2028: 01-03s 01-04s 04-14 05-01 05-29 08-07 11-30 12-25 12-26
2029: 01-01 01-02 03-30 05-07 05-28 08-06 11-30 12-25 12-26
2030: 01-01 01-02 04-19 05-06 05-27 08-05 12-02s 12-25 12-26
""",
    NI: """
1995: 01-02s 03-17 04-14 04-17 05-08 05-29 07-12 08-28 12-25 12-26
1996: 01-01 03-18s 04-05 04-08 05-06 05-27 07-12 08-26 12-25 12-26
1997: 01-01 03-17 03-28 03-31 05-05 05-26 07-14s 08-25 12-25 12-26
1998: 01-01 03-17 04-10 04-13 05-04 05-25 07-13s 08-31 12-25 12-28s
1999: 01-01 03-17 04-02 04-05 05-03 05-31 07-12 08-30 12-27s 12-28s 12-31
2000: 01-03s 03-17 04-21 04-24 05-01 05-29 07-12 08-28 12-25 12-26
2001: 01-01 03-19s 04-13 04-16 05-07 05-28 07-12 08-27 12-25 12-26
2002: 01-01 03-18s 03-29 04-01 05-06 06-03 06-04 07-12 08-26 12-25 12-26
2003: 01-01 03-17 04-18 04-21 05-05 05-26 07-14s 08-25 12-25 12-26
2004: 01-01 03-17 04-09 04-12 05-03 05-31 07-12 08-30 12-27s 12-28s
2005: 01-03s 03-17 03-25 03-28 05-02 05-30 07-12 08-29 12-26 12-27s
2006: 01-02s 03-17 04-14 04-17 05-01 05-29 07-12 08-28 12-25 12-26
2007: 01-01 03-19s 04-06 04-09 05-07 05-28 07-12 08-27 12-25 12-26
2008: 01-01 03-17 03-21 03-24 05-05 05-26 07-14s 08-25 12-25 12-26
2009: 01-01 03-17 04-10 04-13 05-04 05-25 07-13s 08-31 12-25 12-28s
2010: 01-01 03-17 04-02 04-05 05-03 05-31 07-12 08-30 12-27s 12-28s
2011: 01-03s 03-17 04-22 04-25 04-29 05-02 05-30 07-12 08-29 12-26 12-27s
2012: 01-02s 03-19s 04-06 04-09 05-07 06-04 06-05x 07-12 08-27 12-25 12-26
2013: 01-01 03-18s 03-29 04-01 05-06 05-27 07-12 08-26 12-25 12-26
2014: 01-01 03-17 04-18 04-21 05-05 05-26 07-14s 08-25 12-25 12-26
2015: 01-01 03-17 04-03 04-06 05-04 05-25 07-13s 08-31 12-25 12-28s
2016: 01-01 03-17 03-25 03-28 05-02 05-30 07-12 08-29 12-26 12-27s
2017: 01-02s 03-17 04-14 04-17 05-01 05-29 07-12 08-28 12-25 12-26
2018: 01-01 03-19s 03-30 04-02 05-07 05-28 07-12 08-27 12-25 12-26
2019: 01-01 03-18s 04-19 04-22 05-06 05-27 07-12 08-26 12-25 12-26
2020: 01-01 03-17 04-10 04-13 05-08 05-25 07-13s 08-31 12-25 12-28s
2021: 01-01 03-17 04-02 04-05 05-03 05-31 07-12 08-30 12-27s 12-28s
2022: 01-03s 03-17 04-15 04-18 05-02 06-02 06-03 07-12 08-29 09-19 12-26 12-27s
2023: 01-02s 03-17 04-07 04-10 05-01 05-08 05-29 07-12 08-28 12-25 12-26
2024: 01-01 03-18s 03-29 04-01 05-06 05-27 07-12 08-26 12-25 12-26
2025: 01-01 03-17 04-18 04-21 05-05 05-26 07-14s 08-25 12-25 12-26
2026: 01-01 03-17 04-03 04-06 05-04 05-25 07-13s 08-31 12-25 12-28s
2027: 01-01 03-17 03-26 03-29 05-03 05-31 07-12 08-30 12-27s 12-28s
2028: 01-03s 03-17 04-14 04-17 05-01 05-29 07-12 08-28 12-25 12-26
2029: 01-01 03-19s 03-30 04-02 05-07 05-28 07-12 08-27 12-25 12-26
2030: 01-01 03-18s 04-19 04-22 05-06 05-27 07-12 08-26 12-25 12-26
""",
}

# Holidays per year in a normal year, and the years that differ (hand-counted).
NORMAL_COUNT = {EW: 8, SC: 9, NI: 10}  # Scotland: 8 before St Andrew's Day (2007)
SPECIAL_COUNTS = {
    EW: {1999: 9, 2002: 9, 2011: 9, 2012: 9, 2022: 10, 2023: 9},
    SC: {**{y: 8 for y in range(1995, 2007)},
         1999: 9, 2002: 9, 2011: 10, 2012: 10, 2022: 11, 2023: 10},
    NI: {1999: 11, 2002: 11, 2011: 11, 2012: 11, 2022: 12, 2023: 11},
}

# The one-off days: (date, title, divisions).
ALL = DIVISIONS
SPECIAL_DAYS = [
    ("1995-05-08", "Early May bank holiday (VE day)", ALL),
    ("1999-12-31", "Millennium Day", ALL),
    ("2002-06-03", "Queen\u2019s Golden Jubilee", ALL),
    ("2002-06-04", "Spring bank holiday", ALL),
    ("2011-04-29", "Royal wedding", ALL),
    ("2012-06-04", "Spring bank holiday", ALL),
    ("2012-06-05", "Queen\u2019s Diamond Jubilee", ALL),
    ("2020-05-08", "Early May bank holiday (VE day)", ALL),
    ("2022-06-02", "Spring bank holiday", ALL),
    ("2022-06-03", "Platinum Jubilee bank holiday", ALL),
    ("2022-09-19", "Bank Holiday for the State Funeral of Queen Elizabeth II", ALL),
    ("2023-05-08", "Bank holiday for the coronation of King Charles III", ALL),
]
# The regular dates those one-offs displaced: no holiday there.
DISPLACED = ["1995-05-01", "2002-05-27", "2012-05-28", "2020-05-04", "2022-05-30"]

# Spot checks: (division, date, title, notes).
SPOT_CHECKS = [
    (EW, "2024-04-01", "Easter Monday", ""),
    (EW, "2024-03-29", "Good Friday", ""),
    (EW, "2022-12-26", "Boxing Day", ""),
    (EW, "2022-12-27", "Christmas Day", "Substitute day"),
    (EW, "2021-12-27", "Christmas Day", "Substitute day"),
    (EW, "2021-12-28", "Boxing Day", "Substitute day"),
    (EW, "2022-01-03", "New Year\u2019s Day", "Substitute day"),
    (EW, "2020-12-28", "Boxing Day", "Substitute day"),
    (EW, "2015-08-31", "Summer bank holiday", ""),
    (EW, "2000-01-03", "New Year\u2019s Day", "Substitute day"),
    (EW, "1999-12-27", "Christmas Day", "Substitute day"),
    (EW, "1999-12-28", "Boxing Day", "Substitute day"),
    (EW, "2008-03-21", "Good Friday", ""),
    (EW, "2030-08-26", "Summer bank holiday", ""),
    (SC, "2024-08-05", "Summer bank holiday", ""),
    (SC, "2024-12-02", "St Andrew\u2019s Day", "Substitute day"),
    (SC, "2025-12-01", "St Andrew\u2019s Day", "Substitute day"),
    (SC, "2008-12-01", "St Andrew\u2019s Day", "Substitute day"),
    (SC, "2007-11-30", "St Andrew\u2019s Day", ""),
    (SC, "2012-01-02", "2nd January", ""),
    (SC, "2012-01-03", "New Year\u2019s Day", "Substitute day"),
    (SC, "2017-01-02", "2nd January", ""),
    (SC, "2017-01-03", "New Year\u2019s Day", "Substitute day"),
    (SC, "2023-01-02", "New Year\u2019s Day", "Substitute day"),  # as GOV.UK
    (SC, "2023-01-03", "2nd January", "Substitute day"),  # as GOV.UK
    (SC, "2022-01-03", "New Year\u2019s Day", "Substitute day"),
    (SC, "2022-01-04", "2nd January", "Substitute day"),
    (SC, "2021-01-04", "2nd January", "Substitute day"),
    (SC, "2000-01-03", "New Year\u2019s Day", "Substitute day"),
    (SC, "2000-01-04", "2nd January", "Substitute day"),
    (NI, "2021-07-12", "Battle of the Boyne (Orangemen\u2019s Day)", ""),
    (NI, "2020-07-13", "Battle of the Boyne (Orangemen\u2019s Day)", "Substitute day"),
    (NI, "2025-07-14", "Battle of the Boyne (Orangemen\u2019s Day)", "Substitute day"),
    (NI, "2024-03-18", "St Patrick\u2019s Day", "Substitute day"),
    (NI, "2018-03-19", "St Patrick\u2019s Day", "Substitute day"),
    (NI, "2023-03-17", "St Patrick\u2019s Day", ""),
    (NI, "2024-04-01", "Easter Monday", ""),
    (NI, "2024-08-26", "Summer bank holiday", ""),
]

# Titles of the Christmas and New Year substitute days GOV.UK published, 2012-2027
# (the same in every division unless a division is named).
C, B, N, J = "Christmas Day", "Boxing Day", "New Year\u2019s Day", "2nd January"
GOVUK_SUBSTITUTE_TITLES = {
    "2012-01-02": N, "2015-12-28": B, "2016-12-26": B, "2016-12-27": C,
    "2017-01-02": N, "2020-12-28": B, "2021-12-27": C, "2021-12-28": B,
    "2022-01-03": N, "2022-12-26": B, "2022-12-27": C, "2023-01-02": N,
    "2026-12-28": B, "2027-12-27": C, "2027-12-28": B,
}
GOVUK_SCOTLAND_TITLES = {
    "2012-01-02": J, "2012-01-03": N, "2016-01-04": J, "2017-01-02": J,
    "2017-01-03": N, "2021-01-04": J, "2022-01-03": N, "2022-01-04": J,
    "2023-01-02": N, "2023-01-03": J, "2027-01-04": J,
}

# The only titles allowed on regular days, by division.
REGULAR_TITLES = {
    EW: {"New Year\u2019s Day", "Good Friday", "Easter Monday", "Early May bank holiday",
         "Spring bank holiday", "Summer bank holiday", "Christmas Day", "Boxing Day"},
    SC: {"New Year\u2019s Day", "2nd January", "Good Friday", "Early May bank holiday",
         "Spring bank holiday", "Summer bank holiday", "St Andrew\u2019s Day",
         "Christmas Day", "Boxing Day"},
    NI: {"New Year\u2019s Day", "St Patrick\u2019s Day", "Good Friday", "Easter Monday",
         "Early May bank holiday", "Spring bank holiday",
         "Battle of the Boyne (Orangemen\u2019s Day)", "Summer bank holiday",
         "Christmas Day", "Boxing Day"},
}

# Bunting false, as GOV.UK publishes: every Good Friday and Battle of the Boyne, plus
# these days.
NO_BUNTING_TITLES = {"Good Friday", "Battle of the Boyne (Orangemen\u2019s Day)"}
NO_BUNTING_DAYS = {
    EW: {"2020-04-13", "2022-09-19"},
    SC: {"2022-09-19"},
    NI: {"2020-04-13", "2022-09-19"},
}

# Easter Sundays (published tables), for Good Friday / Easter Monday.
EASTER = {
    1995: "04-16", 1996: "04-07", 1997: "03-30", 1998: "04-12", 1999: "04-04",
    2000: "04-23", 2001: "04-15", 2002: "03-31", 2003: "04-20", 2004: "04-11",
    2005: "03-27", 2006: "04-16", 2007: "04-08", 2008: "03-23", 2009: "04-12",
    2010: "04-04", 2011: "04-24", 2012: "04-08", 2013: "03-31", 2014: "04-20",
    2015: "04-05", 2016: "03-27", 2017: "04-16", 2018: "04-01", 2019: "04-21",
    2020: "04-12", 2021: "04-04", 2022: "04-17", 2023: "04-09", 2024: "03-31",
    2025: "04-20", 2026: "04-05", 2027: "03-28", 2028: "04-16", 2029: "04-01",
    2030: "04-21",
}

NOTE_CODES = {"": "", "s": "Substitute day", "x": "Extra bank holiday"}


def parse_expected(text: str) -> dict[int, list[tuple[str, str]]]:
    table = {}
    for line in text.strip().splitlines():
        year, rest = line.split(":")
        entries = []
        for item in rest.split():
            code = item[5:]
            entries.append((f"{year}-{item[:5]}", NOTE_CODES[code]))
        table[int(year)] = entries
    return table


# ---- fixtures ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def raw() -> bytes:
    return DATA.read_bytes()


@pytest.fixture(scope="module")
def data(raw) -> dict:
    return json.loads(raw.decode("utf-8"))


def events(data, division):
    return data[division]["events"]


def by_date(data, division):
    return {event["date"]: event for event in events(data, division)}


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# ---- the file matches the script ------------------------------------------------------

def test_committed_file_matches_generator():
    result = subprocess.run([sys.executable, str(SCRIPT), "--check"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_check_mode_detects_a_changed_file(tmp_path, raw):
    changed = tmp_path / "bank-holidays.json"
    changed.write_bytes(raw.replace(b'"2024-04-01"', b'"2024-04-02"', 1))
    result = subprocess.run([sys.executable, str(SCRIPT), "--check", "--output",
                             str(changed)], capture_output=True, text=True)
    assert result.returncode != 0
    missing = subprocess.run([sys.executable, str(SCRIPT), "--check", "--output",
                              str(tmp_path / "absent.json")], capture_output=True, text=True)
    assert missing.returncode != 0


def test_generator_is_deterministic(tmp_path, raw):
    for name in ("a.json", "b.json"):
        subprocess.run([sys.executable, str(SCRIPT), "--output", str(tmp_path / name)],
                       check=True)
    assert (tmp_path / "a.json").read_bytes() == (tmp_path / "b.json").read_bytes() == raw


# ---- shape ------------------------------------------------------------------------------

def test_govuk_shape(data):
    assert list(data) == [EW, SC, NI]
    for division in DIVISIONS:
        assert list(data[division]) == ["division", "events"]
        assert data[division]["division"] == division
        for event in events(data, division):
            assert list(event) == ["title", "date", "notes", "bunting"], event
            assert isinstance(event["title"], str) and event["title"]
            assert isinstance(event["notes"], str)
            assert isinstance(event["bunting"], bool)
            assert day(event["date"]).isoformat() == event["date"]


def test_encoding_and_layout(raw):
    text = raw.decode("utf-8")
    assert text.startswith('{\n  "england-and-wales": {\n    "division": ')
    assert text.endswith("}\n")
    assert "New Year\u2019s Day" in text  # the curly apostrophe itself, not \u2019
    assert "\\u2019" not in text and "'" not in text


def test_sorted_without_duplicates_or_weekends(data):
    for division in DIVISIONS:
        dates = [event["date"] for event in events(data, division)]
        assert dates == sorted(dates), division
        assert len(dates) == len(set(dates)), division
        for text in dates:
            assert day(text).weekday() < 5, (division, text)


def test_every_year_present(data):
    for division in DIVISIONS:
        years = {day(event["date"]).year for event in events(data, division)}
        assert years == set(YEARS), division


# ---- contents ---------------------------------------------------------------------------

@pytest.mark.parametrize("division", DIVISIONS)
def test_dates_and_notes_every_year(data, division):
    expected = parse_expected(EXPECTED[division])
    assert set(expected) == set(YEARS)
    actual = collections.defaultdict(list)
    for event in events(data, division):
        actual[day(event["date"]).year].append((event["date"], event["notes"]))
    for year in YEARS:
        assert actual[year] == expected[year], (division, year)


@pytest.mark.parametrize("division", DIVISIONS)
def test_counts_per_year(data, division):
    counts = collections.Counter(day(e["date"]).year for e in events(data, division))
    for year in YEARS:
        want = SPECIAL_COUNTS[division].get(year, NORMAL_COUNT[division])
        assert counts[year] == want, (division, year)


def test_special_days(data):
    for date, title, divisions in SPECIAL_DAYS:
        for division in DIVISIONS:
            event = by_date(data, division).get(date)
            if division in divisions:
                assert event is not None, (division, date)
                assert event["title"] == title, (division, date)
            else:
                assert event is None or event["title"] != title
    for date in DISPLACED:
        for division in DIVISIONS:
            assert date not in by_date(data, division), (division, date)


def test_spot_checks(data):
    for division, date, title, notes in SPOT_CHECKS:
        event = by_date(data, division).get(date)
        assert event is not None, (division, date)
        assert (event["title"], event["notes"]) == (title, notes), (division, date)


def test_govuk_substitute_titles(data):
    for division in DIVISIONS:
        table = by_date(data, division)
        expected = dict(GOVUK_SUBSTITUTE_TITLES)
        if division == SC:
            expected.update(GOVUK_SCOTLAND_TITLES)
        for date, title in expected.items():
            assert table[date]["title"] == title, (division, date)


def test_titles(data):
    special = {(date, title) for date, title, _ in SPECIAL_DAYS}
    for division in DIVISIONS:
        for event in events(data, division):
            if (event["date"], event["title"]) in special:
                continue
            assert event["title"] in REGULAR_TITLES[division], (division, event)


def test_each_regular_holiday_once_a_year(data):
    for division in DIVISIONS:
        seen = collections.Counter()
        for event in events(data, division):
            title = event["title"]
            if title == "Early May bank holiday (VE day)":
                title = "Early May bank holiday"
            seen[(day(event["date"]).year, title)] += 1
        for year in YEARS:
            for title in REGULAR_TITLES[division]:
                if division == SC and title == "St Andrew\u2019s Day" and year < 2007:
                    assert seen[(year, title)] == 0
                    continue
                assert seen[(year, title)] == 1, (division, year, title)


def test_easter(data):
    for year, md in EASTER.items():
        easter = day(f"{year}-{md}")
        for division in DIVISIONS:
            table = by_date(data, division)
            good_friday = (easter - dt.timedelta(days=2)).isoformat()
            assert table[good_friday]["title"] == "Good Friday", (division, year)
            easter_monday = (easter + dt.timedelta(days=1)).isoformat()
            if division == SC:
                assert easter_monday not in table
            else:
                assert table[easter_monday]["title"] == "Easter Monday", (division, year)


def test_mondays_fall_where_the_rules_put_them(data):
    # Independent of the generator: each Monday holiday is checked against its window.
    windows = {
        "Early May bank holiday": (5, 1, 7),
        "Spring bank holiday": (5, 25, 31),
    }
    for division in DIVISIONS:
        summer = (8, 1, 7) if division == SC else (8, 25, 31)
        for event in events(data, division):
            d = day(event["date"])
            window = summer if event["title"] == "Summer bank holiday" else \
                windows.get(event["title"])
            if window is None or event["date"] in ("2002-06-04", "2012-06-04",
                                                     "2022-06-02"):
                continue
            month, low, high = window
            assert d.weekday() == 0 and d.month == month and low <= d.day <= high, \
                (division, event)


def test_substitutes_follow_a_weekend_day(data):
    fixed = {"New Year\u2019s Day": (1, 1), "2nd January": (1, 2),
             "St Patrick\u2019s Day": (3, 17),
             "Battle of the Boyne (Orangemen\u2019s Day)": (7, 12),
             "St Andrew\u2019s Day": (11, 30), "Christmas Day": (12, 25),
             "Boxing Day": (12, 26)}
    for division in DIVISIONS:
        for event in events(data, division):
            d = day(event["date"])
            if event["title"] not in fixed:
                continue
            month, dom = fixed[event["title"]]
            real = dt.date(d.year, month, dom)
            if event["notes"] == "Substitute day":
                # The real day, or (Scotland 2023 as GOV.UK) the day before, is a weekend.
                assert real.weekday() >= 5 or (real - dt.timedelta(days=1)).weekday() >= 5
                assert 0 < (d - real).days <= 3, (division, event)
            else:
                assert d == real, (division, event)


def test_bunting(data):
    for division in DIVISIONS:
        for event in events(data, division):
            want = not (event["title"] in NO_BUNTING_TITLES
                        or event["date"] in NO_BUNTING_DAYS[division])
            assert event["bunting"] is want, (division, event)


def test_st_andrews_day_only_from_2007(data):
    years = {day(e["date"]).year for e in events(data, SC)
             if e["title"] == "St Andrew\u2019s Day"}
    assert years == set(range(2007, 2031))
