#!/usr/bin/env python3
"""Writes policies/bank-holidays.json: UK bank holidays 1995-2030 in GOV.UK's format.

The data is built in two steps:

1. The regular holidays of each division are computed from rules (see ``rule_events``):
   Easter by the anonymous Gregorian algorithm, first/last Mondays, and fixed-date
   holidays with substitute days.
2. An explicit table of one-off changes (``ONE_OFFS`` below) is applied: holidays moved
   or added by royal proclamation, and the few places where GOV.UK's published file
   (https://www.gov.uk/bank-holidays.json, which covers 2012 onwards) differs from the
   rules. Where GOV.UK and the rules disagree, GOV.UK wins.

Every one-off checks what it expects to find before it changes anything, so a wrong
entry fails loudly instead of silently producing a wrong calendar.

Usage:
    make_bank_holidays.py            write policies/bank-holidays.json
    make_bank_holidays.py --check    exit 1 if the committed file differs from the output
    make_bank_holidays.py --stdout   print the output instead of writing it

Standard library only; the output is deterministic (running twice gives identical bytes).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import difflib
import json
import sys
from pathlib import Path

FIRST_YEAR = 1995
LAST_YEAR = 2030

EW = "england-and-wales"
SC = "scotland"
NI = "northern-ireland"
DIVISIONS = (EW, SC, NI)  # the order GOV.UK uses
ALL = DIVISIONS

REPO_ROOT = Path(__file__).resolve().parent.parent
OUTPUT = REPO_ROOT / "policies" / "bank-holidays.json"

SUBSTITUTE = "Substitute day"

# GOV.UK's titles (note the typographic apostrophe U+2019).
NEW_YEAR = "New Year\u2019s Day"
SECOND_JANUARY = "2nd January"
ST_PATRICK = "St Patrick\u2019s Day"
GOOD_FRIDAY = "Good Friday"
EASTER_MONDAY = "Easter Monday"
EARLY_MAY = "Early May bank holiday"
SPRING = "Spring bank holiday"
BOYNE = "Battle of the Boyne (Orangemen\u2019s Day)"
SUMMER = "Summer bank holiday"
ST_ANDREW = "St Andrew\u2019s Day"
CHRISTMAS = "Christmas Day"
BOXING_DAY = "Boxing Day"

# GOV.UK sets "bunting": false on these titles (every year it publishes), true elsewhere.
NO_BUNTING = frozenset({GOOD_FRIDAY, BOYNE})

# St Andrew's Day Bank Holiday (Scotland) Act 2007: a Scottish bank holiday from 2007.
ST_ANDREW_FIRST_YEAR = 2007

MON, SAT, SUN = 0, 5, 6


@dataclasses.dataclass
class Event:
    title: str
    date: dt.date
    notes: str = ""
    bunting: bool = True

    def as_json(self) -> dict:
        # Key order as in GOV.UK's file.
        return {
            "title": self.title,
            "date": self.date.isoformat(),
            "notes": self.notes,
            "bunting": self.bunting,
        }


# ---- rules ------------------------------------------------------------------------------

def easter_sunday(year: int) -> dt.date:
    """Anonymous Gregorian algorithm (Meeus/Jones/Butcher)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's own name)
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def first_monday(year: int, month: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(MON - first.weekday()) % 7)


def last_monday(year: int, month: int) -> dt.date:
    if month == 12:
        last = dt.date(year, 12, 31)
    else:
        last = dt.date(year, month + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - MON) % 7)


def is_weekend(day: dt.date) -> bool:
    return day.weekday() in (SAT, SUN)


def fixed_days(division: str, year: int) -> list[tuple[str, dt.date]]:
    """The division's fixed-date holidays, in date order, before substitution."""
    days = [(NEW_YEAR, dt.date(year, 1, 1))]
    if division == SC:
        days.append((SECOND_JANUARY, dt.date(year, 1, 2)))
    if division == NI:
        days.append((ST_PATRICK, dt.date(year, 3, 17)))
        days.append((BOYNE, dt.date(year, 7, 12)))
    if division == SC and year >= ST_ANDREW_FIRST_YEAR:
        days.append((ST_ANDREW, dt.date(year, 11, 30)))
    days.append((CHRISTMAS, dt.date(year, 12, 25)))
    days.append((BOXING_DAY, dt.date(year, 12, 26)))
    return sorted(days, key=lambda item: item[1])


def movable_days(division: str, year: int) -> list[tuple[str, dt.date]]:
    easter = easter_sunday(year)
    days = [(GOOD_FRIDAY, easter - dt.timedelta(days=2))]
    if division != SC:
        days.append((EASTER_MONDAY, easter + dt.timedelta(days=1)))
    days.append((EARLY_MAY, first_monday(year, 5)))
    days.append((SPRING, last_monday(year, 5)))
    if division == SC:
        days.append((SUMMER, first_monday(year, 8)))
    else:
        days.append((SUMMER, last_monday(year, 8)))
    return days


def rule_events(division: str, year: int) -> list[Event]:
    """The holidays the rules give, without one-offs. Sorted by date.

    Substitute rule: a fixed-date holiday on a weekday stays where it is. Those on a
    Saturday or Sunday are moved, in date order, to the first following weekday that is
    not already a holiday, and are marked "Substitute day". So Christmas on a Sunday
    gives Boxing Day on Monday 26th and the Christmas substitute on Tuesday 27th;
    Christmas on a Saturday gives Monday 27th (Christmas) and Tuesday 28th (Boxing Day).
    """
    taken: dict[dt.date, Event] = {}

    def place(event: Event) -> None:
        assert event.date not in taken, (division, event, taken.get(event.date))
        taken[event.date] = event

    for title, day in movable_days(division, year):
        place(Event(title, day))
    weekend = []
    for title, day in fixed_days(division, year):
        if is_weekend(day):
            weekend.append((title, day))
        else:
            place(Event(title, day))
    for title, day in weekend:  # already in date order
        sub = day + dt.timedelta(days=1)
        while is_weekend(sub) or sub in taken:
            sub += dt.timedelta(days=1)
        place(Event(title, sub, notes=SUBSTITUTE))

    events = sorted(taken.values(), key=lambda e: e.date)
    for event in events:
        event.bunting = event.title not in NO_BUNTING
    return events


# ---- one-off changes ---------------------------------------------------------------------

def d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


@dataclasses.dataclass(frozen=True)
class Move:
    """Moves the holiday titled `title` from `old` to `new` (optionally renaming it)."""
    divisions: tuple[str, ...]
    title: str
    old: str
    new: str
    new_title: str | None = None
    notes: str = ""


@dataclasses.dataclass(frozen=True)
class Add:
    """Adds a holiday that the rules do not give."""
    divisions: tuple[str, ...]
    date: str
    title: str
    notes: str = ""
    bunting: bool = True


@dataclasses.dataclass(frozen=True)
class Amend:
    """Changes fields of the holiday on `date`, which must currently be titled `title`."""
    divisions: tuple[str, ...]
    date: str
    title: str
    new_title: str | None = None
    notes: str | None = None
    bunting: bool | None = None


ONE_OFFS = (
    # 1995: the May Day (Early May) bank holiday was moved from Monday 1 May to Monday
    # 8 May for the 50th anniversary of VE Day, throughout the UK. Title in the style
    # GOV.UK used for the same move in 2020.
    Move(ALL, EARLY_MAY, "1995-05-01", "1995-05-08",
         new_title="Early May bank holiday (VE day)"),

    # 1999: extra bank holiday on Friday 31 December for the millennium, throughout the
    # UK. (The New Year substitutes on 3 January 2000, and 4 January 2000 in Scotland,
    # come from the ordinary rules.)
    Add(ALL, "1999-12-31", "Millennium Day"),

    # 2002: Queen's Golden Jubilee. The Spring bank holiday was moved from Monday 27 May
    # to Tuesday 4 June and an extra holiday proclaimed on Monday 3 June, UK-wide.
    Move(ALL, SPRING, "2002-05-27", "2002-06-04"),
    Add(ALL, "2002-06-03", "Queen\u2019s Golden Jubilee"),

    # 2011: extra bank holiday on Friday 29 April for the wedding of Prince William and
    # Catherine Middleton, UK-wide.
    Add(ALL, "2011-04-29", "Royal wedding"),

    # 2012: Queen's Diamond Jubilee. Spring bank holiday moved from Monday 28 May to
    # Monday 4 June, extra holiday Tuesday 5 June, UK-wide. GOV.UK's file (2012
    # onwards) marks the moved Spring bank holiday "Substitute day" in England and Wales
    # and in Scotland but not in Northern Ireland, and the jubilee "Extra bank holiday";
    # copied as published.
    Move((EW, SC), SPRING, "2012-05-28", "2012-06-04", notes=SUBSTITUTE),
    Move((NI,), SPRING, "2012-05-28", "2012-06-04"),
    Add(ALL, "2012-06-05", "Queen\u2019s Diamond Jubilee", notes="Extra bank holiday"),

    # 2020: GOV.UK publishes "bunting": false for Easter Monday 2020 (the first COVID-19
    # lockdown) in England and Wales and in Northern Ireland. Copied as published.
    Amend((EW, NI), "2020-04-13", EASTER_MONDAY, bunting=False),

    # 2020: Early May bank holiday moved from Monday 4 May to Friday 8 May for the 75th
    # anniversary of VE Day, UK-wide. Title as GOV.UK.
    Move(ALL, EARLY_MAY, "2020-05-04", "2020-05-08",
         new_title="Early May bank holiday (VE day)"),

    # 2022: Queen's Platinum Jubilee. Spring bank holiday moved from Monday 30 May to
    # Thursday 2 June, extra holiday Friday 3 June; then the State Funeral of Queen
    # Elizabeth II on Monday 19 September ("bunting": false). UK-wide; titles as GOV.UK.
    Move(ALL, SPRING, "2022-05-30", "2022-06-02"),
    Add(ALL, "2022-06-03", "Platinum Jubilee bank holiday"),
    Add(ALL, "2022-09-19", "Bank Holiday for the State Funeral of Queen Elizabeth II",
        bunting=False),

    # 2023, Scotland: 1 January was a Sunday. The rule (as GOV.UK itself published for
    # 2012 and 2017) keeps "2nd January" on Monday 2nd and gives the New Year's Day
    # substitute on Tuesday 3rd. For 2023 GOV.UK instead publishes Monday 2nd as "New
    # Year's Day" and Tuesday 3rd as "2nd January", both "Substitute day". Same dates,
    # different labels: GOV.UK wins.
    Amend((SC,), "2023-01-02", SECOND_JANUARY, new_title=NEW_YEAR, notes=SUBSTITUTE),
    Amend((SC,), "2023-01-03", NEW_YEAR, new_title=SECOND_JANUARY, notes=SUBSTITUTE),

    # 2023: extra bank holiday on Monday 8 May for the coronation of King Charles III,
    # UK-wide. Title as GOV.UK.
    Add(ALL, "2023-05-08", "Bank holiday for the coronation of King Charles III"),
)


class OneOffError(Exception):
    pass


def _find(events: list[Event], day: dt.date, title: str, change, division: str) -> Event:
    for event in events:
        if event.date == day:
            if event.title != title:
                raise OneOffError(f"{division}: {change} expects {title!r} on {day}, "
                                  f"found {event.title!r}")
            return event
    raise OneOffError(f"{division}: {change} expects {title!r} on {day}, found nothing")


def _check_free(events: list[Event], day: dt.date, change, division: str) -> None:
    if is_weekend(day):
        raise OneOffError(f"{division}: {change} puts a holiday on a weekend ({day})")
    for event in events:
        if event.date == day:
            raise OneOffError(f"{division}: {change} targets {day}, already "
                              f"{event.title!r}")


def apply_one_off(change, division: str, events: list[Event]) -> None:
    if isinstance(change, Move):
        event = _find(events, d(change.old), change.title, change, division)
        _check_free(events, d(change.new), change, division)
        event.date = d(change.new)
        if change.new_title is not None:
            event.title = change.new_title
        event.notes = change.notes
    elif isinstance(change, Add):
        _check_free(events, d(change.date), change, division)
        events.append(Event(change.title, d(change.date), change.notes, change.bunting))
    elif isinstance(change, Amend):
        event = _find(events, d(change.date), change.title, change, division)
        if change.new_title is not None:
            event.title = change.new_title
        if change.notes is not None:
            event.notes = change.notes
        if change.bunting is not None:
            event.bunting = change.bunting
    else:  # pragma: no cover
        raise TypeError(change)
    events.sort(key=lambda e: e.date)


def division_events(division: str) -> list[Event]:
    by_year: dict[int, list[Event]] = {
        year: rule_events(division, year) for year in range(FIRST_YEAR, LAST_YEAR + 1)
    }
    for change in ONE_OFFS:
        if division not in change.divisions:
            continue
        year = d(getattr(change, "old", None) or change.date).year
        apply_one_off(change, division, by_year[year])
    events = [event for year in sorted(by_year) for event in by_year[year]]
    for event in events:
        assert not is_weekend(event.date), event
    dates = [event.date for event in events]
    assert dates == sorted(dates) and len(set(dates)) == len(dates), division
    return events


def build() -> dict:
    return {
        division: {
            "division": division,
            "events": [event.as_json() for event in division_events(division)],
        }
        for division in DIVISIONS
    }


def render() -> bytes:
    return (json.dumps(build(), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--check", action="store_true",
                      help="exit 1 if the file differs from what would be written")
    mode.add_argument("--stdout", action="store_true", help="print instead of writing")
    parser.add_argument("--output", type=Path, default=OUTPUT,
                        help=f"file to write or check (default: {OUTPUT})")
    args = parser.parse_args(argv)

    data = render()
    if args.stdout:
        sys.stdout.buffer.write(data)
        return 0
    if args.check:
        try:
            current = args.output.read_bytes()
        except FileNotFoundError:
            print(f"{args.output}: missing; run {Path(__file__).name}", file=sys.stderr)
            return 1
        if current == data:
            return 0
        diff = difflib.unified_diff(
            current.decode("utf-8", "replace").splitlines(),
            data.decode("utf-8").splitlines(),
            f"{args.output} (committed)", f"{args.output} (generated)", lineterm="", n=2)
        print(f"{args.output} is out of date; run {Path(__file__).name}", file=sys.stderr)
        for line in list(diff)[:60]:
            print(line, file=sys.stderr)
        return 1
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_bytes(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
