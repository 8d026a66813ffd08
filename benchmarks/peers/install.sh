#!/usr/bin/env bash
# Installs the peers benchmarks/peers/compare.py runs against drp (benchmarks/peers/README.md):
# Debian packages through apt-get, XState from the npm registry through `npm ci` (the
# committed package-lock.json), and QuantLib's headers beside the project's Boost.
# Idempotent. The peers are not part of the tests; scripts/install-deps.sh does not run this.
#
#     benchmarks/peers/install.sh          (as root, or with sudo)
#
# QuantLib: Debian 12's libquantlib0-dev cannot be installed beside the project's Boost: it
# depends on libboost-test-dev, which is Boost 1.74's and conflicts with libboost1.81-dev
# (`apt-get install -s libquantlib0-dev` says so). The library itself (libquantlib0v5)
# depends on no Boost package and installs normally; its headers are taken from the same
# archive's libquantlib0-dev .deb, unpacked (dpkg-deb -x, not installed) into
# $DRP_PEERS_DIR/quantlib (default build-peers/quantlib), and compiled against Boost 1.81.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
peers_dir=${DRP_PEERS_DIR:-$root/build-peers}

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive

packages=(
  python3-transitions       # the Python state-machine peer
  python3-numpy python3-pandas  # the calendar peers (also in scripts/install-deps.sh)
  libquantlib0v5            # QuantLib 1.29, the library (no Boost dependency)
  valgrind                  # instruction counts (compare.py --callgrind)
  dpkg-dev                  # (dpkg-deb, to unpack QuantLib's headers)
)
command -v node >/dev/null && command -v npm >/dev/null || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
updated=0
if [ ${#missing[@]} -gt 0 ]; then
  echo "peers/install: installing ${missing[*]}"
  $sudo apt-get update -qq
  updated=1
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# QuantLib's headers, of the same version as the installed library.
version=$(dpkg-query -W -f='${Version}' libquantlib0v5)
stamp="$peers_dir/quantlib/version"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$version" ]; then
  echo "peers/install: unpacking libquantlib0-dev $version headers into $peers_dir/quantlib"
  [ "$updated" -eq 1 ] || $sudo apt-get update -qq
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  chmod 755 "$tmp"
  (cd "$tmp" && apt-get download -q "libquantlib0-dev=$version" 2>&1 | grep -v "unsandboxed" || true)
  rm -rf "$peers_dir/quantlib"
  mkdir -p "$peers_dir/quantlib"
  dpkg-deb -x "$tmp"/libquantlib0-dev_*.deb "$tmp/x"
  mv "$tmp/x/usr/include" "$peers_dir/quantlib/include"
  echo "$version" >"$stamp"
fi

# XState v5, exactly the version of the lock file.
echo "peers/install: npm ci in benchmarks/peers"
(cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
echo "peers/install: done (node $(node --version), xstate $(node -p "require('$here/node_modules/xstate/package.json').version"))"
