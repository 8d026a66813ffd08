#!/usr/bin/env bash
# The C API suite under ThreadSanitizer (preset tsan): one policy shared by threads that
# apply events to their own disputes, per-thread error messages, concurrent loading. Builds
# only what that suite needs, to keep CI short. Any report fails.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --preset tsan >/dev/null
cmake --build --preset tsan -j "${DRP_JOBS:-$(nproc)}" --target drp_capi_tests
TSAN_OPTIONS="halt_on_error=1 abort_on_error=0 exitcode=66 second_deadlock_stack=1" \
    build-tsan/tests/drp_capi_tests --gtest_brief=1
