#!/usr/bin/env bash
# Regenerates docs/flowcharts.md (Mermaid) and docs/flowcharts/*.svg (Graphviz) from the
# built-in seed policies: tools/render_flowcharts.sh [OUT], OUT defaulting to docs/.
# tests/python/test_render_drawing.py runs it into a temporary folder and fails when the
# committed files differ from what `drp render` draws now.
set -euo pipefail
cd "$(dirname "$0")/.."
drp="$(realpath "${DRP_BUILD_DIR:-build}")/drp"
out="${1:-docs}"
mkdir -p "$out/flowcharts"
{
    echo "# The five seed flowcharts"
    echo
    echo "Drawn by \`drp render\` from policies/*.json (regenerate with tools/render_flowcharts.sh;"
    echo "a test fails when this page or docs/flowcharts/ is stale). Each stage box gives who"
    echo "raises it when not the process's owners, who responds (A / B: any one of them), the"
    echo "timescale, who is notified and copied, what must happen before entry and the stage's"
    echo "duties. Solid arrows are ordinary escalation, labelled with the reasons the policy"
    echo "allows from that stage; dashed ones pass over a stage or lead to the Cafcass referral;"
    echo "a diamond is a condition on where a dispute opens. Notes carry the duties owed"
    echo "throughout and the policy-wide rules. SVG versions: docs/flowcharts/."
    for seed in tracked-recommendation qa-form cic-issues-resolution trust-qas merton; do
        echo
        echo "## $seed"
        echo
        echo '```mermaid'
        "$drp" render --builtin "$seed" --format mermaid
        echo '```'
        "$drp" render --builtin "$seed" --format svg > "$out/flowcharts/$seed.svg"
    done
} > "$out/flowcharts.md"
