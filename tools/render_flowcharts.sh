#!/usr/bin/env bash
# Regenerates docs/flowcharts.md (Mermaid) and docs/flowcharts/*.svg (Graphviz) from the
# built-in seed policies. tests/python/test_validate_render.py checks they are current.
set -euo pipefail
cd "$(dirname "$0")/.."
drp="${DRP_BUILD_DIR:-build}/drp"
mkdir -p docs/flowcharts
{
    echo "# The five seed flowcharts"
    echo
    echo "Drawn by \`drp render\` from policies/*.json (regenerate with tools/render_flowcharts.sh)."
    echo "Solid arrows are ordinary escalation; dashed ones pass over an optional stage or lead to"
    echo "the Cafcass referral; notes carry the policy-wide rules. SVG versions: docs/flowcharts/."
    for seed in tracked-recommendation qa-form cic-issues-resolution trust-qas merton; do
        echo
        echo "## $seed"
        echo
        echo '```mermaid'
        "$drp" render --builtin "$seed" --format mermaid
        echo '```'
        "$drp" render --builtin "$seed" --format svg > "docs/flowcharts/$seed.svg"
    done
} > docs/flowcharts.md
