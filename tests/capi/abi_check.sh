#!/usr/bin/env bash
# ABI check of libdrp: the exported symbols must be exactly those listed in
# tests/capi/exported_symbols.txt (one a line) — a symbol that appears unexpectedly, or
# one that disappears, fails — and that list must be exactly the DRP_API functions
# declared in drp.h. Every export must carry the DRP_0 version node, and the SONAME must
# be libdrp.so.MAJOR.
#   usage: abi_check.sh LIBDRP.so EXPORTED_SYMBOLS.txt drp.h SONAME
# Adding a function: declare it in drp.h, add it to the list, add a CHANGELOG line.
# Removing or renaming one is an ABI break: it needs a new major version (SONAME).
set -euo pipefail
lib="$1"; expected="$2"; header="$3"; soname="$4"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
status=0

# Defined dynamic symbols, without the version node itself (type A).
nm -D --defined-only "$lib" | awk '$2 != "A" {print $3}' | sort >"$work/versioned"
sed 's/@.*//' "$work/versioned" | sort -u >"$work/exported"
grep -v '^[[:space:]]*\(#\|$\)' "$expected" | sort -u >"$work/expected"
# On each DRP_API line, the name just before the first "(" is the declared function.
grep -E '^DRP_API ' "$header" | sed -E 's/^[^(]*[^a-z0-9_](drp_[a-z0-9_]+)\(.*/\1/' | sort -u >"$work/declared"

if ! diff -u --label "expected ($expected)" --label "exported by $(basename "$lib")" "$work/expected" "$work/exported"; then
    echo "abi_check: the exported symbols changed (+ appeared, - disappeared)" >&2
    status=1
fi
if ! diff -u --label "expected ($expected)" --label "declared in drp.h" "$work/expected" "$work/declared"; then
    echo "abi_check: drp.h and the symbol list disagree" >&2
    status=1
fi
if grep -v '@@DRP_0$' "$work/versioned" >"$work/unversioned"; then
    echo "abi_check: exports without the DRP_0 version node:" >&2
    cat "$work/unversioned" >&2
    status=1
fi
actual_soname="$(readelf -d "$lib" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')"
if [ "$actual_soname" != "$soname" ]; then
    echo "abi_check: SONAME is '$actual_soname', expected '$soname'" >&2
    status=1
fi
[ "$status" -eq 0 ] && echo "abi_check: $(wc -l <"$work/exported") symbols, all expected, all declared in drp.h; SONAME $actual_soname"
exit "$status"
