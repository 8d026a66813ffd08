#!/usr/bin/env bash
# Installs what drp needs to build, test and benchmark, from Debian's archive only.
# Idempotent: does nothing when every package is already present.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config git
  clang libclang-rt-14-dev            # libFuzzer and sanitizers
  libboost1.81-dev                    # Boost.MSM (1.74 does not compile as C++20)
  libicu-dev                          # Europe/London wall time
  nlohmann-json3-dev
  libsimdjson-dev                     # parse_event's fast path (simdjson On-Demand)
  libsodium-dev                       # keyed BLAKE2b + OS CSPRNG: children's pseudonyms in reports
  libgtest-dev googletest libbenchmark-dev
  python3 python3-dev python3-pybind11 pybind11-dev
  python3-pytest python3-numpy python3-pandas python3-jsonschema
  python3-setuptools python3-wheel python3-pip python3-venv
  python3-pil chromium                # the HTML report opened and screenshotted in tests
  python3-dask python3-distributed    # drp.compare(client=...): one log per partition on a Dask cluster
  graphviz                            # drp render --format svg, and drp studio's drawing
  libcpp-httplib-dev                  # drp studio's local web server (src/cli/studio_server.cpp)
  libsqlite3-dev                      # examples/host-sqlite, the reference host (tests/capi/host_sqlite.sh)
)

# Mermaid itself, from the npm registry with the machine's Node.js: the browser test of the
# charts `drp render` writes (tests/python/test_render_mermaid_browser.py). Pinned by
# tests/mermaid/package-lock.json.
root="$(cd "$(dirname "$0")/.." && pwd)"
install_mermaid() {
  [ -f "$root/tests/mermaid/node_modules/mermaid/dist/mermaid.min.js" ] && return 0
  echo "install-deps: installing Mermaid (npm ci in tests/mermaid)"
  npm ci --prefix "$root/tests/mermaid" --no-audit --no-fund --loglevel=error >/dev/null
}

# drp studio's page: CodeMirror 6 and esbuild from the npm registry, pinned by
# studio/package-lock.json; CMake bundles studio/src with esbuild and compiles the result into
# the drp binary (cmake/drpStudio.cmake), so nothing is fetched when the studio runs.
install_studio() {
  [ -x "$root/studio/node_modules/.bin/esbuild" ] && [ -f "$root/studio/node_modules/codemirror/package.json" ] && return 0
  echo "install-deps: installing the studio's page (npm ci in studio)"
  npm ci --prefix "$root/studio" --no-audit --no-fund --loglevel=error >/dev/null
}

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  install_mermaid
  install_studio
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
install_mermaid
install_studio
