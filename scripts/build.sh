#!/usr/bin/env bash
# Configures and builds drp into ${DRP_BUILD_DIR:-build} (Release with debug info).
set -euo pipefail
cd "$(dirname "$0")/.."
build="${DRP_BUILD_DIR:-build}"
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDRP_WARNINGS_AS_ERRORS=ON "$@" >/dev/null
cmake --build "$build" -j "$(nproc)"
