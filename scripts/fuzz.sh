#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each (or those named as arguments), one
# at a time, for a bounded time (FUZZ_SECONDS, default 20) from a copy of its seed corpus
# (tests/fuzz/corpus/NAME) and its dictionary, where there is one (tests/fuzz/dict/NAME.dict).
# Prints each fuzzer's speed (libFuzzer's stat::average_exec_per_sec), runs, coverage and
# corpus size. Any crash, failed check (abort), ASan or UBSan report, leak, timeout
# (-timeout=10 s per input) or out-of-memory fails the script: the other fuzzers still
# run, then it prints libFuzzer's report for each failure and exits 1; the failing inputs
# are kept in build-fuzz/fuzz-artifacts/.
#
# Inputs are at most 64 KiB (-max_len=65536: one event line just over the 16,000-byte
# limit of a free-text field fits); fuzz_event also reads at most 24 lines of an input.
# fuzz_event, fuzz_state and fuzz_policy run with -entropic=0: libFuzzer's entropic
# schedule updates a frequency per coverage feature on every run, which costs those
# harnesses (thousands of features per run) 4-6x their speed while the corpus is young,
# as it always is in a 30 s run (figures: docs/reliability-fuzzing.md).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-20}"
# The fuzz preset compiles UBSan in its recovering mode: without halt_on_error a runtime
# error is printed and the fuzzer goes on (exit 0). The host's own options come after.
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
cmake --preset fuzz >/dev/null
# Only the fuzzers: the library is instrumented for them, which the shared C library's
# plain link step does not expect.
names=("$@")  # scripts/fuzz.sh [fuzz_NAME...]: only those; none: every tests/fuzz/fuzz_*.cpp
if [ "${#names[@]}" -eq 0 ]; then
    for source in tests/fuzz/fuzz_*.cpp; do names+=("$(basename "$source" .cpp)"); done
fi
cmake --build --preset fuzz -j "$(nproc)" --target "${names[@]}"

artifacts="build-fuzz/fuzz-artifacts"
mkdir -p "$artifacts"
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
failed=()
printf '%-22s %9s %10s %8s %8s\n' fuzzer exec/s runs cov corpus
for name in "${names[@]}"; do
    target="build-fuzz/tests/fuzz/$name"
    corpus="tests/fuzz/corpus/${name#fuzz_}"
    dict="tests/fuzz/dict/${name#fuzz_}.dict"
    work="$logs/$name.corpus"
    log="$logs/$name.log"
    mkdir -p "$work"
    [ -d "$corpus" ] && cp -r "$corpus"/. "$work"/
    options=(-max_total_time="$seconds" -max_len=65536 -timeout=10 -print_final_stats=1
             -artifact_prefix="$artifacts/$name-")
    [ -f "$dict" ] && options+=("-dict=$dict")
    case "$name" in
        fuzz_event | fuzz_state | fuzz_policy) options+=(-entropic=0) ;;
    esac
    status=0
    "$target" "${options[@]}" "$work" >"$log" 2>&1 || status=$?
    stat() { sed -n "s/^stat::$1: *//p" "$log" | tail -n 1; }
    last="$(grep -E '^#[0-9]+' "$log" | tail -n 1 || true)"
    cov="$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")"
    printf '%-22s %9s %10s %8s %8s\n' "$name" "$(stat average_exec_per_sec)" "$(stat number_of_executed_units)" \
        "${cov:-?}" "$(find "$work" -type f | wc -l)"
    if [ "$status" -ne 0 ]; then
        failed+=("$name")
        echo "fuzz: $name FAILED (exit status $status)" >&2
        cp "$log" "$artifacts/$name.log"
    fi
    rm -rf "$work"
done

if [ "${#failed[@]}" -ne 0 ]; then
    for name in "${failed[@]}"; do
        log="$artifacts/$name.log"
        echo >&2
        echo "==== $name: libFuzzer's report (whole log: $log)" >&2
        # From a little before the first line about the failure (a harness prints what
        # differed before it aborts): the sanitizer's report, a failed check's abort
        # ("deadly signal"), a timeout, a leak or running out of memory.
        start="$(grep -n -m 1 -E '^==[0-9]+== ?ERROR|runtime error:|ALARM: working on the last Unit|out-of-memory|LeakSanitizer' "$log" | cut -d: -f1 || true)"
        start=$(( ${start:-1} > 10 ? ${start:-1} - 10 : 1 ))
        sed -n "${start},\$p" "$log" | grep -v '^#[0-9]' | head -n 70 >&2 || true
        echo "..." >&2
        tail -n 3 "$log" >&2
    done
    echo >&2
    echo "fuzz: ${#failed[@]} fuzzer(s) failed: ${failed[*]}; inputs in $artifacts/" >&2
    exit 1
fi
echo "fuzz: all ${#names[@]} fuzzers ran ${seconds}s each without a failure"
