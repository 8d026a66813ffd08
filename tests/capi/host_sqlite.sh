#!/usr/bin/env bash
# examples/host-sqlite, the reference host on SQLite, as a vendor builds it: installs the
# build tree into a scratch prefix, builds the host against it with -std=c99 -Wall -Wextra
# -Werror -pedantic (CMake: find_package(drp) + FindSQLite3; and pkg-config drp sqlite3),
# then runs the walk-through of its README — each step a separate process on one database
# file, so every step after the first is a restart — and checks what it prints. SQLite missing is a failure, not a skip
# (scripts/install-deps.sh installs libsqlite3-dev).
#
# The dates, counted by hand from Merton's policy (policies/merton.json) and England's bank
# holidays: a dispute raised at IR1 on Mon 21 Dec 2026 owes a resolution ("work to be completed") in 10 working days,
# Thu 7 Jan 2027 (Fri 25 and Mon 28 Dec, Christmas and Boxing Day substitute, and Fri 1 Jan
# skipped); raised Mon 4 Jan 2027, Mon 18 Jan. IR2 gives 3 working days: escalated Mon 4 Jan,
# due Thu 7 Jan. The HOS QAPD alert is due in 24 hours, the record in 48. Merton 1.1.0 (IR1 in
# 15 working days, from Mon 11 Jan 2027): 21 Dec 2026 -> Thu 14 Jan 2027, 11 Jan -> Mon 1 Feb.
#   usage: host_sqlite.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build="$1"; src="$2"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cflags="-std=c99 -Wall -Wextra -Werror -pedantic"
days="$src/examples/host-sqlite/days"

fail() { echo "host_sqlite: $*" >&2; exit 1; }

if ! pkg-config --exists sqlite3 || [ ! -f "$(pkg-config --variable=includedir sqlite3)/sqlite3.h" ]; then
    fail "SQLite's headers are missing: run scripts/install-deps.sh (libsqlite3-dev)"
fi

cmake --install "$build" --prefix "$work/prefix" >/dev/null
cmake -S "$src/examples/host-sqlite" -B "$work/host" -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_C_FLAGS="$cflags" \
    >"$work/configure.log" 2>&1 || { cat "$work/configure.log" >&2; fail "configuring examples/host-sqlite failed"; }
cmake --build "$work/host" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; fail "building examples/host-sqlite failed"; }
host="$work/host/drp_host_sqlite"
db="$work/drp.db"

# run NAME ARGS...: one run of the host (a process of its own) into $work/NAME.out.
run() {
    local name="$1" status=0; shift
    env -u LD_LIBRARY_PATH "$host" "$db" "$@" >"$work/$name.out" 2>"$work/$name.err" || status=$?
    [ "$status" -eq 0 ] || { cat "$work/$name.out" "$work/$name.err" >&2; fail "$name: exit status $status"; }
    echo "host_sqlite: $name ran"
}
# line NAME TEXT: NAME's output has exactly this line.
line() { grep -Fxq -- "$2" "$work/$1.out" || { cat "$work/$1.out" >&2; fail "$1: no line '$2'"; }; }
# match NAME COUNT REGEX: NAME's output has COUNT lines matching the extended regex.
match() {
    local n; n="$(grep -Ec -- "$3" "$work/$1.out" || true)"
    [ "$n" = "$2" ] || { cat "$work/$1.out" >&2; fail "$1: $n lines match '$3', expected $2"; }
}

run init init
line init "stored policy merton 1.0.0 (effective from 2025-01-01)"

# Day 1: two disputes raised at IR1; two events refused, and nothing of them stored.
run day1 apply "$days/2026-12-21.events"
line day1 "2026-12-21 10:30 IRO MERTON-2026-0041 raise: accepted, open at IR1"
match day1 2 '^    do     Resolution from Team manager or Head of Service by Thu 7 Jan 2027 \(Formal resolution: Stage 1 \(IR1\)\)$'
match day1 1 '^    do     .*Head of Service for Quality Assurance and Practice Development by 10:30 Tue 22 Dec 2026 '
match day1 1 '^    do     .*record it in Mosaic by 14:00 Wed 23 Dec 2026 '
match day1 2 '^    do     Dispute to be resolved \(overall time limit\) by Thu 21 Jan 2027 '
match day1 1 '^2026-12-21 15:00 IRO MERTON-2026-0042 escalate: refused, shown to IRO: not_permitted: \[drp\.not_permitted\] .*inadequate_response'
match day1 1 '^2026-12-21 15:30 TM MERTON-2026-0099 respond: refused, shown to TM: not_permitted: .*no raise for this dispute'
match day1 2 '^    nothing stored$'
grep -A1 'escalate: refused' "$work/day1.out" | tail -1 | grep -Fxq "    nothing stored" || fail "day1: the refusal is not followed by 'nothing stored'"
line day1 "day: 6 accepted, 2 refused; stored: 2 disputes, 6 events"

# Day 2: MERTON-2026-0042 escalated to IR2; MERTON-2027-0001 raised, its HOS QAPD alert forgotten.
run day2 apply "$days/2027-01-04.events"
line day2 "2027-01-04 09:30 IRO MERTON-2026-0042 escalate: accepted, open at IR2"
match day2 1 '^    do     Resolution from Head of Service by Thu 7 Jan 2027 \(Formal resolution: Stage 2 \(IR2\)\)$'
match day2 1 '^    do     Resolution from Team manager or Head of Service by Mon 18 Jan 2027 '
line day2 "day: 7 accepted, 0 refused; stored: 3 disputes, 13 events"

# Restart: every stored dispute restored under the version its state names.
run restore1 restore
line restore1 "  MERTON-2026-0041  merton 1.0.0  open at IR1, next due 2027-01-07T23:59:59Z"
line restore1 "  MERTON-2026-0042  merton 1.0.0  open at IR2, next due 2027-01-06T09:30:00Z"
line restore1 "  MERTON-2027-0001  merton 1.0.0  open at IR1, next due 2027-01-05T10:00:00Z"
line restore1 "restored 3 disputes"

# The nightly sweep on Fri 8 Jan 2027: four duties overdue, a reminder each; the same night
# again sends nothing.
run sweep1 sweep 2027-01-08 23:00
line sweep1 "sweep as of 2027-01-08T23:00:00+00:00"
line sweep1 "  merton 1.0.0: 3 disputes, 4 rows"
match sweep1 4 '^  reminder to '
match sweep1 1 '^  reminder to IRO: MERTON-2027-0001 #[0-9]+: .*Quality Assurance and Practice Development: overdue, due by 10:00 Tue 5 Jan 2027 '
match sweep1 1 '^  reminder to IRO: MERTON-2026-0042 #[0-9]+: .*record it in Mosaic: overdue, due by 09:30 Wed 6 Jan 2027 \(Formal resolution: Stage 2 \(IR2\)\)$'
match sweep1 1 '^  reminder to TM, HOS: MERTON-2026-0041 #[0-9]+: Resolution from .*: overdue, due by Thu 7 Jan 2027 \(Formal resolution: Stage 1 \(IR1\)\)$'
match sweep1 1 '^  reminder to HOS: MERTON-2026-0042 #[0-9]+: Resolution from Head of Service: overdue, due by Thu 7 Jan 2027 '
line sweep1 "sweep: 4 overdue, 4 reminders sent, 0 sent before"
run sweep2 sweep 2027-01-08 23:30
match sweep2 0 '^  reminder to '
line sweep2 "sweep: 4 overdue, 0 reminders sent, 4 sent before"

# To-do lists up to the end of Mon 18 Jan: what the team manager owes; what the HOS QAPD is owed.
run todo_tm todo TM 2027-01-08 23:30 2027-01-18
match todo_tm 1 '^  overdue owes 2027-01-07 MERTON-2026-0041 resolution: '
match todo_tm 1 '^  open    owes 2027-01-18 MERTON-2027-0001 resolution: Resolution from Team manager or Head of Service by Mon 18 Jan 2027 '
line todo_tm "to-do for TM: 2 items"
run todo_qapd todo HOS_QAPD 2027-01-08 23:30 2027-01-18
match todo_qapd 1 '^  overdue told 2027-01-05T10:00:00\+00:00 MERTON-2027-0001 alert_hos_qapd: '
line todo_qapd "to-do for HOS_QAPD: 1 items"

# A new policy version, and one dispute moved to it: its IR1 resolution is due a week later.
run new_version new-version
line new_version "stored policy merton 1.1.0 (effective from 2027-01-11): IR1 in 15 working days"
run migrate migrate MERTON-2026-0041 2027-01-11 09:00
line migrate "moved MERTON-2026-0041 from merton 1.0.0 to 1.1.0 at 2027-01-11T09:00:00+00:00; the move causes:"
match migrate 1 '^    update resolution IR1 due 2027-01-14: .*now due by Thu 14 Jan 2027 '
line migrate "move: 1 actions"

# Day 3: a dispute raised under the version now in force.
run day3 apply "$days/2027-01-11.events"
match day3 1 '^    do     Resolution from Team manager or Head of Service by Mon 1 Feb 2027 '
line day3 "day: 4 accepted, 0 refused; stored: 4 disputes, 17 events"
run restore2 restore
line restore2 "  MERTON-2026-0041  merton 1.1.0  open at IR1, next due 2027-01-14T23:59:59Z"
line restore2 "  MERTON-2027-0002  merton 1.1.0  open at IR1, next due 2027-02-01T23:59:59Z"
line restore2 "restored 4 disputes"

# The sweep a week later: one drp_sweep per version; only the moved deadline is a new reminder.
run sweep3 sweep 2027-01-15 23:00
line sweep3 "  merton 1.0.0: 2 disputes, 3 rows"
line sweep3 "  merton 1.1.0: 1 disputes, 1 rows"
match sweep3 1 '^  reminder to '
match sweep3 1 '^  reminder to TM, HOS: MERTON-2026-0041 #[0-9]+: Resolution from .*: overdue, due by Thu 14 Jan 2027 '
line sweep3 "sweep: 4 overdue, 1 reminders sent, 3 sent before"

# The README's other way to build it: pkg-config drp and sqlite3. Its first day prints the same.
pcdir="$(dirname "$(find "$work/prefix" -name drp.pc)")"
# shellcheck disable=SC2046,SC2086  # the flags and pkg-config's output are meant to be split
PKG_CONFIG_PATH="$pcdir" cc $cflags "$src/examples/host-sqlite/drp_host_sqlite.c" -o "$work/host-pkgconfig" \
    $(PKG_CONFIG_PATH="$pcdir" pkg-config --cflags --libs drp sqlite3) -Wl,-rpath,"$(dirname "$pcdir")" ||
    fail "building with pkg-config failed"
env -u LD_LIBRARY_PATH "$work/host-pkgconfig" "$work/pkgconfig.db" init >/dev/null
env -u LD_LIBRARY_PATH "$work/host-pkgconfig" "$work/pkgconfig.db" apply "$days/2026-12-21.events" >"$work/pkgconfig.out"
diff -u "$work/day1.out" "$work/pkgconfig.out" >&2 || fail "the pkg-config build prints otherwise"

# A failure exits non-zero with a message.
if env -u LD_LIBRARY_PATH "$host" "$db" todo TM 2027-02-30 09:00 2027-03-01 >"$work/bad.out" 2>"$work/bad.err"; then
    fail "a date that does not exist was accepted"
fi
grep -q "invalid_date" "$work/bad.err" || { cat "$work/bad.err" >&2; fail "no invalid_date message"; }
echo "host_sqlite: ok"
