#!/usr/bin/env bash
# Builds the libFuzzer targets with clang and runs each for a bounded time
# (FUZZ_SECONDS, default 20) from its seed corpus (and dictionary, where there is one in
# tests/fuzz/dict/); any crash fails.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-20}"
cmake --preset fuzz >/dev/null
# Only the fuzzers: the library is instrumented for them, which the shared C library's
# plain link step does not expect.
names=()
for source in tests/fuzz/fuzz_*.cpp; do names+=("$(basename "$source" .cpp)"); done
cmake --build --preset fuzz -j "$(nproc)" --target "${names[@]}"
for name in "${names[@]}"; do
    target="build-fuzz/tests/fuzz/$name"
    corpus="tests/fuzz/corpus/${name#fuzz_}"
    dict="tests/fuzz/dict/${name#fuzz_}.dict"
    work="$(mktemp -d)"
    [ -d "$corpus" ] && cp -r "$corpus"/. "$work"/
    options=()
    [ -f "$dict" ] && options+=("-dict=$dict")
    echo "fuzz: $name for ${seconds}s"
    "$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 "${options[@]}" "$work" 2>&1 | tail -n 2
    rm -rf "$work"
done
