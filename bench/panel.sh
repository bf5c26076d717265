#!/usr/bin/env bash
# Time the evaluation panel: a workspace of the starter's 5 vendors, a
# score sheet of E evaluators x 5 vendors x 6 criteria (one CSV, evaluator
# and role per row), then: the import (one transaction), the same import
# again (every score unchanged), one changed score, `status`, and
# `evaluate` on the panel's values (aggregation, role views, JSON and PDF).
# Prints a markdown table of wall-clock milliseconds (median of 3).
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
. "$BENCH_DIR/bin.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ms() { # run "$@" and print its wall-clock milliseconds
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null
    t1=$(date +%s%N)
    echo $(( (t1 - t0) / 1000000 ))
}
median3() { printf '%s\n' "$@" | sort -n | sed -n 2p; }

sheet() { # sheet EVALUATORS FILE: deterministic scores
    python3 - "$1" "$2" <<'PY'
import random, sys
random.seed(7)
vendors = ["zoho_crm", "hubspot_crm", "salesforce_sales_cloud", "fxiaoke", "neocrm"]
criteria = ["usability.ease_of_use", "usability.mobile_app", "scale.customisation",
            "compatibility.erp_integration", "sales.pipeline_reports", "analytics.dashboards"]
roles = ["it", "sales", "service", "finance", "management"]
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write("evaluator,role,vendor,criterion,value,comment\n")
    for e in range(int(sys.argv[1])):
        for v in vendors:
            for c in criteria:
                f.write(f"评审 {e},{roles[e % 5]},{v},{c},{random.randint(0, 5)},note {e}\n")
PY
}

echo "| evaluators | scores | import | re-import (unchanged) | one change | status | evaluate (JSON + PDF) |"
echo "|--:|--:|--:|--:|--:|--:|--:|"
for evaluators in 10 100 1000; do
    sheet "$evaluators" "$tmp/sheet.csv"
    imp=() again=() one=() st=() ev=()
    for run in 1 2 3; do
        rm -rf "$tmp/ws"
        "$BIN" init --profile retail "$tmp/ws" >/dev/null
        imp+=("$(ms "$BIN" score -w "$tmp/ws" --import "$tmp/sheet.csv")")
        again+=("$(ms "$BIN" score -w "$tmp/ws" --import "$tmp/sheet.csv")")
        one+=("$(ms "$BIN" score -w "$tmp/ws" --evaluator "评审 0" fxiaoke usability.ease_of_use $((run % 6)))")
        st+=("$(ms "$BIN" status -w "$tmp/ws")")
        ev+=("$(ms "$BIN" evaluate --quiet "$tmp/ws/evaluation.yaml")")
    done
    printf '| %d | %d | %d | %d | %d | %d | %d |\n' "$evaluators" $((evaluators * 30)) \
        "$(median3 "${imp[@]}")" "$(median3 "${again[@]}")" "$(median3 "${one[@]}")" \
        "$(median3 "${st[@]}")" "$(median3 "${ev[@]}")"
done
