#!/usr/bin/env bash
# Time the PDF report: the bundled examples and synthetic 15x80 and 2x10
# cases (vendors x criteria). Prints a markdown table of pdf_ms (median of
# 5 runs), pages and size. Uses CRMEVAL_BIN or builds like run.sh.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
. "$BENCH_DIR/bin.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 "$BENCH_DIR/gen_synthetic.py" --vendors 15 --criteria 80 --seed 1 --out "$tmp/15x80" >/dev/null
python3 "$BENCH_DIR/gen_synthetic.py" --vendors 2 --criteria 10 --seed 1 --out "$tmp/2x10" >/dev/null
echo "| case | pages | PDF KB | render ms (median of 5) |"
echo "|---|--:|--:|--:|"
for spec in "retail-sme:$ROOT/examples/retail-sme.yaml" \
            "enterprise-bank:$ROOT/examples/enterprise-bank.yaml" \
            "seed-npv:$ROOT/examples/seed-npv.yaml" \
            "synthetic 15x80:$tmp/15x80/evaluation.yaml" \
            "synthetic 2x10:$tmp/2x10/evaluation.yaml"; do
    name=${spec%%:*}
    eval_file=${spec#*:}
    times=()
    for _ in 1 2 3 4 5; do
        line=$("$BIN" evaluate --quiet --timings --json "$tmp/r.json" \
            --pdf "$tmp/r.pdf" "$eval_file" 2>&1 >/dev/null | grep '^timing:')
        times+=("$(sed 's/.*pdf_ms=\([0-9.]*\).*/\1/' <<<"$line")")
    done
    median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
    pages=$(pdfinfo "$tmp/r.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}')
    kb=$(( $(stat -c %s "$tmp/r.pdf") / 1024 ))
    echo "| $name | ${pages:-?} | $kb | $median |"
done
