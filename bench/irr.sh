#!/usr/bin/env bash
# IRR of 100,000 six-year series: crm_irr (through bench/bench.c, linked to
# libcrmeval) against numpy-financial's algorithm (bench/irr_numpy.py),
# in one run: RUNS pairs, each side timed on the same series in turn,
# computation only (no process start, no file reading). Prints the
# medians and the median of the paired ratios.
#
#   bench/irr.sh [--quick]      --quick: 10,000 series, 1 pair (CI)
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
N=${CRMEVAL_IRR_SERIES:-100000}
RUNS=${CRMEVAL_BENCH_RUNS:-5}
if [ "${1:-}" = --quick ]; then
    N=10000
    RUNS=1
fi
PY=/usr/bin/python3
if ! "$PY" -c 'import numpy' 2>/dev/null; then
    echo "bench/irr.sh: needs python3-numpy (apt-get install python3-numpy)" >&2
    exit 2
fi
. "$BENCH_DIR/bin.sh"
DRIVER=$(dirname "$BIN")/crmeval_bench
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$PY" "$BENCH_DIR/irr_numpy.py" gen "$tmp/flows.f64" "$N" 1
c_times=() np_times=() ratios=()
for _ in $(seq "$RUNS"); do
    "$DRIVER" irr "$tmp/flows.f64" "$N" >"$tmp/c.out"
    "$PY" "$BENCH_DIR/irr_numpy.py" run "$tmp/flows.f64" "$N" >"$tmp/np.out"
    c=$(sed -n 1p "$tmp/c.out")
    np_s=$(sed -n 1p "$tmp/np.out")
    c_times+=("$c") np_times+=("$np_s")
    ratios+=("$(awk -v a="$np_s" -v b="$c" 'BEGIN { printf "%.2f", a / b }')")
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
read -r one several c_sum < <(sed -n 2p "$tmp/c.out")
read -r np_found np_sum < <(sed -n 2p "$tmp/np.out")
echo "| implementation | series | seconds (median of $RUNS) | series with a rate | sum of rates |"
echo "|---|--:|--:|--:|--:|"
echo "| crm_irr (every root, classified) | $N | $(median "${c_times[@]}") | $((one + several)) ($several with several) | $c_sum |"
echo "| numpy-financial irr (np.roots) | $N | $(median "${np_times[@]}") | $np_found | $np_sum |"
echo
echo "numpy-financial time / crmeval time, median of $RUNS paired runs: $(median "${ratios[@]}")"
# the two must agree on which series have a rate and on the rates
if [ "$((one + several))" != "$np_found" ] ||
    ! awk -v a="$c_sum" -v b="$np_sum" -v n="$N" 'BEGIN { exit !((a - b) ^ 2 < (1e-6 * n) ^ 2) }'; then
    echo "bench/irr.sh: crmeval and numpy-financial disagree" >&2
    exit 1
fi
