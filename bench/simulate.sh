#!/usr/bin/env bash
# Simulation throughput: crmeval simulate against a vectorised NumPy
# implementation of the same model (bench/mc_numpy.py), on a synthetic
# evaluation of 15 vendors x 80 criteria with uncertain ratings, an
# uncertain implementation cost and an uncertain benefit (bench/gen_sim.py).
# Needs Debian's python3-numpy and bc. Prints a markdown table.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
TRIALS=${CRMEVAL_SIM_TRIALS:-100000}
PY=/usr/bin/python3
if ! "$PY" -c 'import numpy' 2>/dev/null || ! command -v bc >/dev/null; then
    echo "bench/simulate.sh: needs python3-numpy and bc (apt-get install python3-numpy bc)" >&2
    exit 2
fi
. "$BENCH_DIR/bin.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$PY" "$BENCH_DIR/gen_sim.py" --vendors 15 --criteria 80 --seed 1 --trials "$TRIALS" --out "$tmp"
# the report with point values and the inputs, for the NumPy side
"$BIN" simulate --trials 1000 --json "$tmp/report.json" "$tmp/evaluation.yaml" >/dev/null

time_it() { # median wall seconds of 3 runs of "$@"
    local ts=()
    for _ in 1 2 3; do
        local s e
        s=$(date +%s.%N)
        "$@" >/dev/null
        e=$(date +%s.%N)
        ts+=("$(echo "$e - $s" | bc -l)")
    done
    printf '%s\n' "${ts[@]}" | sort -n | sed -n 2p
}

# loading, the point evaluation, sensitivity analysis and the report:
# the same run with 1,000 trials
fixed=$(time_it "$BIN" simulate --threads 2 --trials 1000 "$tmp/evaluation.yaml")
c1=$(time_it "$BIN" simulate --threads 1 --trials "$TRIALS" "$tmp/evaluation.yaml")
c2=$(time_it "$BIN" simulate --threads 2 --trials "$TRIALS" "$tmp/evaluation.yaml")
np_s=$("$PY" "$BENCH_DIR/mc_numpy.py" "$tmp/report.json" "$TRIALS" 1 | sed -n 1p)
for _ in 1 2; do
    s=$("$PY" "$BENCH_DIR/mc_numpy.py" "$tmp/report.json" "$TRIALS" 1 | sed -n 1p)
    np_s=$(printf '%s\n%s\n' "$np_s" "$s" | sort -n | sed -n 1p)
done
echo "| implementation | trials | seconds | trials per second |"
echo "|---|--:|--:|--:|"
printf '| crmeval simulate, 1 thread (whole run) | %s | %.3f | %.0f |\n' "$TRIALS" "$c1" "$(echo "$TRIALS / $c1" | bc -l)"
printf '| crmeval simulate, 2 threads (whole run) | %s | %.3f | %.0f |\n' "$TRIALS" "$c2" "$(echo "$TRIALS / $c2" | bc -l)"
printf '| crmeval simulate, 2 threads (trials only: whole run minus a 1,000-trial run) | %s | %.3f | %.0f |\n' "$((TRIALS - 1000))" "$(echo "$c2 - $fixed" | bc -l)" "$(echo "($TRIALS - 1000) / ($c2 - $fixed)" | bc -l)"
printf '| NumPy, vectorised (simulation only) | %s | %.3f | %.0f |\n' "$TRIALS" "$np_s" "$(echo "$TRIALS / $np_s" | bc -l)"
printf '\ncrmeval, 2 threads: %.2fx the NumPy throughput for the whole run, %.2fx for the trials alone.\n' \
    "$(echo "$np_s / $c2" | bc -l)" "$(echo "$np_s / ($c2 - $fixed) * ($TRIALS - 1000) / $TRIALS" | bc -l)"
# the two agree: P(first) of the leader and its mean NPV
"$BIN" simulate --trials "$TRIALS" "$tmp/evaluation.yaml" | sed -n '4,6p'
"$PY" "$BENCH_DIR/mc_numpy.py" "$tmp/report.json" "$TRIALS" 1 | sed -n '2,4p'
