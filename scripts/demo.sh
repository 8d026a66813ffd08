#!/usr/bin/env bash
# Quick start, step 1: install what drp needs, build it, and run the main job on
# built-in data: the example dispute logs of the five seed authorities, each run against
# its authority's policy (stage, who owes what by when, what is overdue, what may happen
# next), then the working-day arithmetic behind the deadlines.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh >/dev/null
drp="${DRP_BUILD_DIR:-build}/drp"

for seed in merton trust-qas qa-form cic-issues-resolution tracked-recommendation; do
    echo "=================== $seed: examples/events/$seed.jsonl"
    "$drp" simulate --policy "$seed" "examples/events/$seed.jsonl"
done

echo "=================== Merton's flowchart (drp render --builtin merton)"
"$drp" render --builtin merton
echo
echo "=================== An IRO raises IR1 (10 working days) on Monday 21 December 2026"
"$drp" calendar add 2026-12-21 10
