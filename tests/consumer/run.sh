#!/usr/bin/env bash
# Installs the build tree into a scratch prefix, moves it (the install must be
# relocatable), then:
#  - compiles every installed header alone in a translation unit (C++ headers as C++20,
#    drp.h as C99 and as C++), and fails if any of them reaches a Boost header: the
#    installed headers are the host's API, and Boost is the engine's own;
#  - builds and runs tests/consumer against the install with find_package.
set -euo pipefail
build="$1"; src="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/first" >/dev/null
mv "$work/first" "$work/moved"
include="$work/moved/include"

headers=0
while IFS= read -r header; do
    name="${header#"$include"/}"
    case "$name" in
        *.h) languages=("c -std=c99" "c++ -std=c++20") ;;
        *) languages=("c++ -std=c++20") ;;
    esac
    for language in "${languages[@]}"; do
        read -r lang std <<<"$language"
        # -H lists every header the translation unit opens, one per line, on stderr.
        if ! opened="$(printf '#include <%s>\n' "$name" |
                       c++ -x "$lang" "$std" -fsyntax-only -H -I "$include" - 2>&1 >/dev/null)"; then
            echo "consumer: the installed header $name does not compile alone ($lang):" >&2
            echo "$opened" >&2
            exit 1
        fi
        if grep -q '/boost/' <<<"$opened"; then
            echo "consumer: the installed header $name includes Boost:" >&2
            grep -m 5 '/boost/' <<<"$opened" >&2
            exit 1
        fi
    done
    headers=$((headers + 1))
done < <(find "$include/drp" -type f \( -name '*.hpp' -o -name '*.h' \) | sort)
if [ "$headers" -lt 15 ]; then
    echo "consumer: only $headers installed headers found under $include/drp" >&2
    exit 1
fi
echo "consumer: $headers installed headers compile alone, none reaches Boost"

cmake -S "$src" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$work/moved" >/dev/null
cmake --build "$work/consumer" >/dev/null
"$work/consumer/consumer"
