#!/usr/bin/env bash
# The scoring step on 10,000 vendors x 200 criteria (bench/gen_synthetic.py):
# crm_result_compute through bench/bench.c (linked to libcrmeval: the
# weighted sum with its normalisation, the ranking, weight stability,
# TOPSIS, Kendall's tau, the frontier, the finance tornado and the
# verdict's questions) against NumPy's weighted sum and TOPSIS on a matrix
# of the same size (bench/score_numpy.py), in turn, RUNS rounds of 3 runs
# each (in-process, median). CRMEVAL_BEFORE_BENCH adds an older build of
# crmeval_bench to each round. Prints medians and paired ratios.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
CASE=${CRMEVAL_SCORE_CASE:-10000x200}
RUNS=${CRMEVAL_BENCH_RUNS:-3}
DATA=${CRMEVAL_BENCH_DATA:-${TMPDIR:-/tmp}/crmeval-bench-data}
PY=/usr/bin/python3
. "$BENCH_DIR/bin.sh"
DRIVER=$(dirname "$BIN")/crmeval_bench
BEFORE=${CRMEVAL_BEFORE_BENCH:-}
n=${CASE%x*}
m=${CASE#*x}
if [ ! -f "$DATA/$CASE/evaluation.yaml" ]; then
    python3 "$BENCH_DIR/gen_synthetic.py" --vendors "$n" --criteria "$m" --seed 1 --out "$DATA/$CASE"
fi
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
c=() np=() b=() rc=() rb=()
for _ in $(seq "$RUNS"); do
    x=$("$DRIVER" score "$DATA/$CASE/evaluation.yaml" 3 | sed -n 1p)
    y=$("$PY" "$BENCH_DIR/score_numpy.py" "$n" "$m" 3)
    c+=("$x") np+=("$y") rc+=("$(ratio "$y" "$x")")
    if [ -n "$BEFORE" ]; then
        z=$("$BEFORE" score "$DATA/$CASE/evaluation.yaml" 3 | sed -n 1p)
        b+=("$z") rb+=("$(ratio "$y" "$z")")
    fi
done
echo "| scoring step, $CASE | ms (median of $RUNS rounds) | NumPy time / its time (median of paired rounds) |"
echo "|---|--:|--:|"
if [ -n "$BEFORE" ]; then
    echo "| crmeval before ($BEFORE) | $(awk -v s="$(median "${b[@]}")" 'BEGIN { printf "%.1f", s * 1000 }') | $(median "${rb[@]}") |"
fi
echo "| crmeval crm_result_compute | $(awk -v s="$(median "${c[@]}")" 'BEGIN { printf "%.1f", s * 1000 }') | $(median "${rc[@]}") |"
echo "| NumPy weighted sum + TOPSIS + two argsorts | $(awk -v s="$(median "${np[@]}")" 'BEGIN { printf "%.1f", s * 1000 }') | 1 |"
