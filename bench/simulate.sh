#!/usr/bin/env bash
# Simulation throughput: crmeval simulate against a vectorised NumPy
# implementation of the same model (bench/mc_numpy.py), on a synthetic
# evaluation of 15 vendors x 80 criteria with uncertain ratings, an
# uncertain implementation cost and an uncertain benefit (bench/gen_sim.py).
# Whole processes on both sides (start, loading, the point evaluation and
# the report for crmeval; start, import, reading the report for NumPy),
# run in turn RUNS times; prints the medians and the median of the paired
# ratios. CRMEVAL_BEFORE_BIN adds another crmeval (an older build) to each
# round. Needs Debian's python3-numpy.
#
#   CRMEVAL_SIM_TRIALS (default 1000000), CRMEVAL_BENCH_RUNS (default 3)
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
TRIALS=${CRMEVAL_SIM_TRIALS:-1000000}
RUNS=${CRMEVAL_BENCH_RUNS:-3}
PY=/usr/bin/python3
if ! "$PY" -c 'import numpy' 2>/dev/null; then
    echo "bench/simulate.sh: needs python3-numpy (apt-get install python3-numpy)" >&2
    exit 2
fi
. "$BENCH_DIR/bin.sh"
BEFORE=${CRMEVAL_BEFORE_BIN:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$PY" "$BENCH_DIR/gen_sim.py" --vendors 15 --criteria 80 --seed 1 --trials "$TRIALS" --out "$tmp"
# the report with point values and the inputs, for the NumPy side
"$BIN" simulate --trials 1000 --json "$tmp/report.json" "$tmp/evaluation.yaml" >/dev/null

wall() { # wall seconds of "$@", output discarded
    local s e
    s=$(date +%s%N)
    "$@" >/dev/null
    e=$(date +%s%N)
    awk -v a="$s" -v b="$e" 'BEGIN { printf "%.4f", (b - a) / 1e9 }'
}
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

np=() c1=() c2=() b1=() b2=() r1=() r2=() rb1=() rb2=()
for _ in $(seq "$RUNS"); do
    n=$(wall "$PY" "$BENCH_DIR/mc_numpy.py" "$tmp/report.json" "$TRIALS" 1)
    a=$(wall "$BIN" simulate --threads 1 --trials "$TRIALS" "$tmp/evaluation.yaml")
    b=$(wall "$BIN" simulate --threads 2 --trials "$TRIALS" "$tmp/evaluation.yaml")
    np+=("$n") c1+=("$a") c2+=("$b") r1+=("$(ratio "$n" "$a")") r2+=("$(ratio "$n" "$b")")
    if [ -n "$BEFORE" ]; then
        a=$(wall "$BEFORE" simulate --threads 1 --trials "$TRIALS" "$tmp/evaluation.yaml")
        b=$(wall "$BEFORE" simulate --threads 2 --trials "$TRIALS" "$tmp/evaluation.yaml")
        b1+=("$a") b2+=("$b") rb1+=("$(ratio "$n" "$a")") rb2+=("$(ratio "$n" "$b")")
    fi
done
echo "| implementation, whole process | trials | seconds (median of $RUNS) | NumPy time / its time (median of paired runs) |"
echo "|---|--:|--:|--:|"
if [ -n "$BEFORE" ]; then
    echo "| crmeval before ($BEFORE), 1 thread | $TRIALS | $(median "${b1[@]}") | $(median "${rb1[@]}") |"
    echo "| crmeval before, 2 threads | $TRIALS | $(median "${b2[@]}") | $(median "${rb2[@]}") |"
fi
echo "| crmeval simulate, 1 thread | $TRIALS | $(median "${c1[@]}") | $(median "${r1[@]}") |"
echo "| crmeval simulate, 2 threads | $TRIALS | $(median "${c2[@]}") | $(median "${r2[@]}") |"
echo "| NumPy $("$PY" -c 'import numpy; print(numpy.__version__)'), vectorised | $TRIALS | $(median "${np[@]}") | 1 |"
echo
# the two agree: P(first) of the leaders and their mean NPV
"$BIN" simulate --trials "$TRIALS" "$tmp/evaluation.yaml" | sed -n '4,6p'
"$PY" "$BENCH_DIR/mc_numpy.py" "$tmp/report.json" "$TRIALS" 1 | sed -n '2,4p'
