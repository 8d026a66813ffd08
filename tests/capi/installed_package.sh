#!/usr/bin/env bash
# The C API as a vendor gets it: installs the build tree into a scratch prefix, moves it
# (the install must be relocatable), then builds examples/c/drp_example.c against it with
# -std=c99 -Wall -Wextra -Werror -pedantic three ways — CMake find_package + drp::c,
# CMake + drp::c_static, pkg-config drp — and runs each on a seed policy file.
#   usage: installed_package.sh BUILD_DIR SOURCE_DIR
set -euo pipefail
build="$1"; src="$2"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
cflags="-std=c99 -Wall -Wextra -Werror -pedantic"
policy="$src/policies/merton.json"

cmake --install "$build" --prefix "$work/first" >/dev/null
mv "$work/first" "$work/prefix"
prefix="$work/prefix"
for f in include/drp/drp.h include/drp/version.h; do
    [ -f "$prefix/$f" ] || { echo "installed_package: $f not installed" >&2; exit 1; }
done
pcdir="$(dirname "$(find "$prefix" -name drp.pc)")"
libdir="$(dirname "$pcdir")"
[ -L "$libdir/libdrp.so" ] && [ -e "$libdir/libdrp.so.0" ] && [ -f "$libdir/libdrp.a" ] ||
    { echo "installed_package: libdrp.so -> libdrp.so.0 and libdrp.a expected in $libdir" >&2; exit 1; }

# What every build must print (and they must all print the same).
check() {
    local name="$1" out="$work/$1.out"
    env -u LD_LIBRARY_PATH "$2" "$policy" >"$out"
    for line in "policy merton 1.0.0" "refused: not_permitted" "bad JSON: invalid_json" \
                "NULL dispute: invalid_argument" "restored from"; do
        grep -q "$line" "$out" || { echo "installed_package: $name: no '$line' in:" >&2; cat "$out" >&2; exit 1; }
    done
    grep -Eq '^  overdue +resolution +IR2 ' "$out" ||
        { echo "installed_package: $name: IR2's resolution is not overdue:" >&2; cat "$out" >&2; exit 1; }
    if [ -f "$work/first.out" ]; then
        diff -u "$work/first.out" "$out" >&2 || { echo "installed_package: $name prints otherwise" >&2; exit 1; }
    else
        cp "$out" "$work/first.out"
    fi
    echo "installed_package: $name ok"
}

# 1. CMake, shared library.
cmake -S "$src/examples/c" -B "$work/cmake-shared" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_FLAGS="$cflags" >/dev/null
cmake --build "$work/cmake-shared" >/dev/null
check cmake-shared "$work/cmake-shared/drp_example"

# 2. CMake, static library: nothing of drp is loaded at run time.
cmake -S "$src/examples/c" -B "$work/cmake-static" -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_C_FLAGS="$cflags" \
    -DDRP_EXAMPLE_STATIC=ON >/dev/null
cmake --build "$work/cmake-static" >/dev/null
if ldd "$work/cmake-static/drp_example" | grep -q libdrp; then
    echo "installed_package: the static build loads libdrp" >&2; exit 1
fi
check cmake-static "$work/cmake-static/drp_example"

# 3. pkg-config, shared library (rpath to the moved prefix).
export PKG_CONFIG_PATH="$pcdir"
# What each pkg-config file gives: C users what drp.h needs and nothing else (no simdjson
# or nlohmann/json defines leaking from the libraries' dependencies), C++ users what
# drp/*.hpp need, and static C users every library libdrp.a depends on.
c_cflags="$(pkg-config --cflags drp)"
includedir="$(pkg-config --variable=includedir drp)"
case " $c_cflags " in
    *SIMDJSON*|*JSON_USE_IMPLICIT*|*-pthread*)
        echo "installed_package: pkg-config --cflags drp gives C users more than drp.h needs: $c_cflags" >&2; exit 1;;
    *" -I$includedir "*) ;;
    *) echo "installed_package: pkg-config --cflags drp has no -I$includedir: $c_cflags" >&2; exit 1;;
esac
cxx_cflags="$(pkg-config --cflags drp++)"
for flag in "-I$includedir" -DJSON_USE_IMPLICIT_CONVERSIONS=0; do
    case " $cxx_cflags " in *" $flag "*) ;;
        *) echo "installed_package: pkg-config --cflags drp++ has no $flag: $cxx_cflags" >&2; exit 1;;
    esac
done
# shellcheck disable=SC2086  # pkg-config output is meant to be split
printf '#include <drp/dispute.hpp>\n#include <drp/policy.hpp>\nint main() { return 0; }\n' |
    c++ -std=c++20 -fsyntax-only $cxx_cflags -x c++ - ||
    { echo "installed_package: drp's C++ headers do not compile with pkg-config --cflags drp++" >&2; exit 1; }
static_libs="$(pkg-config --libs --static drp)"
for lib in -ldrp -ldrp++ -lstdc++ -licuuc -lsimdjson -lsodium; do
    case " $static_libs " in *" $lib "*) ;;
        *) echo "installed_package: pkg-config --libs --static drp has no $lib: $static_libs" >&2; exit 1;;
    esac
done
echo "installed_package: pkg-config flags ok"
# shellcheck disable=SC2046  # pkg-config output is meant to be split
cc $cflags $(pkg-config --cflags drp) "$src/examples/c/drp_example.c" -o "$work/pkgconfig-example" \
    $(pkg-config --libs drp) -Wl,-rpath,"$(pkg-config --variable=libdir drp)"
check pkg-config "$work/pkgconfig-example"
