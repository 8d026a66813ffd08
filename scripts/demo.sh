#!/usr/bin/env bash
# Quick start, step 1: install what drp needs, build it, and run the main job on
# built-in data.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh >/dev/null
drp="${DRP_BUILD_DIR:-build}/drp"

echo "== England and Wales bank holidays, 2026 (built-in GOV.UK data)"
"$drp" calendar holidays 2026
echo
echo "== An IRO raises stage IR1 (10 working days) on Monday 21 December 2026"
"$drp" calendar add 2026-12-21 10
echo
echo "== ... and the council closes 29-31 December"
"$drp" calendar add 2026-12-21 10 --closure 2026-12-29 --closure 2026-12-30 --closure 2026-12-31
echo
echo "== Raised on Saturday 21 November 2026 with 5 working days"
"$drp" calendar add 2026-11-21 5
