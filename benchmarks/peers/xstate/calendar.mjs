// England & Wales working days and Europe/London local time, for the XState model of Merton.
// The bank holidays are read from the same GOV.UK-format file drp builds in
// (policies/bank-holidays.json); a working day is Monday-Friday and not one of them.
// Dates are days since 1970-01-01 (integers), instants seconds since the epoch.
// add/between are O(1): a prefix count of working days and the list of working days.
import { readFileSync } from 'node:fs';

const DAY = 86400;

export const dayOf = (iso) => Math.floor(Date.parse(iso.slice(0, 10) + 'T00:00:00Z') / 1000 / DAY);
export const isoOf = (day) => new Date(day * DAY * 1000).toISOString().slice(0, 10);

// The UK's summer time: from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
// Sunday of October (the rule since 1996).
function lastSunday(year, month /* 0-based */) {
  const last = Date.UTC(year, month + 1, 0) / 1000 / DAY;  // last day of the month
  const weekday = (last + 4) % 7;                            // 1970-01-01 was a Thursday (4)
  return last - weekday;
}

export class Calendar {
  constructor(holidaysFile, division = 'england-and-wales', firstYear = 1995, lastYear = 2035) {
    const events = JSON.parse(readFileSync(holidaysFile, 'utf8'))[division].events;
    const holidays = new Set(events.map((e) => dayOf(e.date)));
    this.first = Date.UTC(firstYear, 0, 1) / 1000 / DAY;
    const end = Date.UTC(lastYear + 1, 0, 1) / 1000 / DAY;
    const n = end - this.first;
    this.count = new Int32Array(n);  // working days in [first, first + i]
    const working = [];
    let c = 0;
    for (let i = 0; i < n; ++i) {
      const d = this.first + i;
      const weekday = (d + 4) % 7;
      if (weekday !== 0 && weekday !== 6 && !holidays.has(d)) {
        working.push(d);
        ++c;
      }
      this.count[i] = c;
    }
    this.working = Int32Array.from(working);
    this.firstYear = firstYear;
    this.bstStart = [];
    this.bstEnd = [];
    for (let y = firstYear; y <= lastYear; ++y) {
      this.bstStart.push(lastSunday(y, 2));
      this.bstEnd.push(lastSunday(y, 9));
    }
  }

  // The n-th working day strictly after d (n > 0); d itself for n = 0.
  addWorkingDays(d, n) {
    if (n === 0) return d;
    return this.working[this.count[d - this.first] + n - 1];
  }
  // Working days x with a < x <= b.
  workingDaysBetween(a, b) { return this.count[b - this.first] - this.count[a - this.first]; }

  // Is local date d in summer time at its end (the clocks change at 01:00 UTC, so the day of
  // the spring change ends in BST and the day of the autumn change in GMT)?
  bstDay(d) {
    const year = new Date(d * DAY * 1000).getUTCFullYear() - this.firstYear;
    return d >= this.bstStart[year] && d < this.bstEnd[year];
  }
  // The UTC offset in seconds at instant t.
  offsetAt(t) {
    const year = new Date(t * 1000).getUTCFullYear() - this.firstYear;
    const start = this.bstStart[year] * DAY + 3600, end = this.bstEnd[year] * DAY + 3600;
    return t >= start && t < end ? 3600 : 0;
  }
  localDate(t) { return Math.floor((t + this.offsetAt(t)) / DAY); }
  endOfDay(d) { return d * DAY + DAY - 1 - (this.bstDay(d) ? 3600 : 0); }
}

export const instantOf = (rfc3339) => Date.parse(rfc3339) / 1000;
