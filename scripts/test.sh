#!/usr/bin/env bash
# Quick start, step 2: the whole test suite, C++ (ctest) and Python (pytest with Debian's
# /usr/bin/python3). Installs and builds first, so it works on a fresh machine.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
export DRP_BUILD_DIR="${DRP_BUILD_DIR:-build}"
ctest --test-dir "$DRP_BUILD_DIR" --output-on-failure -j "$(nproc)"
/usr/bin/python3 -m pytest -q -p no:cacheprovider tests/python
