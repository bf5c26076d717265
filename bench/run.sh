#!/usr/bin/env bash
# crmeval benchmark: generate synthetic evaluations of growing size, time
# `crmeval validate` and `crmeval evaluate --timings` on each, and print a
# markdown table. See bench/README.md.
#
#   bench/run.sh            cases 10x50, 100x200, 1000x200, 10000x200
#   bench/run.sh --quick    cases 10x50, 100x200 only (CI smoke test)
#
# Environment:
#   CRMEVAL_BIN          use this crmeval binary instead of building one
#   CRMEVAL_BUILD_DIR    where to build (default: bench/build-bench)
#   CRMEVAL_BENCH_DATA   where the generated cases live (default:
#                        ${TMPDIR:-/tmp}/crmeval-bench-data); reused when the
#                        generator and its arguments are unchanged
#   CRMEVAL_BENCH_RUNS   timed runs per case (default 5, 3 with --quick;
#                        at most 3 for cases of a million cells or more)
#   CRMEVAL_BENCH_SEED   generator seed (default 1)
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
QUICK=0

for arg in "$@"; do
    case "$arg" in
    --quick) QUICK=1 ;;
    -h | --help)
        sed -n '2,18p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
        exit 0
        ;;
    *)
        echo "run.sh: unknown argument '$arg' (try --help)" >&2
        exit 2
        ;;
    esac
done

if [ "$QUICK" = 1 ]; then
    CASES="10x50 100x200"
    RUNS=${CRMEVAL_BENCH_RUNS:-3}
else
    CASES="10x50 100x200 1000x200 10000x200"
    RUNS=${CRMEVAL_BENCH_RUNS:-5}
fi
SEED=${CRMEVAL_BENCH_SEED:-1}
DATA=${CRMEVAL_BENCH_DATA:-${TMPDIR:-/tmp}/crmeval-bench-data}

# 1. The binary: a Release build of this checkout unless one is given.
if [ -n "${CRMEVAL_BIN:-}" ]; then
    BIN=$CRMEVAL_BIN
else
    BUILD=${CRMEVAL_BUILD_DIR:-$BENCH_DIR/build-bench}
    echo "building Release crmeval in $BUILD ..." >&2
    cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release \
        -DBUILD_TESTING=OFF >/dev/null
    cmake --build "$BUILD" -j2 >/dev/null
    BIN=$BUILD/crmeval
fi
if [ ! -x "$BIN" ]; then
    echo "run.sh: no crmeval binary at $BIN" >&2
    exit 1
fi

# 2. The cases, regenerated only when the generator or its arguments change.
mkdir -p "$DATA"
GEN_SUM=$(sha256sum "$BENCH_DIR/gen_synthetic.py" | cut -d' ' -f1)
for c in $CASES; do
    n=${c%x*}
    m=${c#*x}
    dir=$DATA/$c
    stamp="gen=$GEN_SUM vendors=$n criteria=$m seed=$SEED"
    if [ -f "$dir/.stamp" ] && [ "$(cat "$dir/.stamp")" = "$stamp" ]; then
        echo "reusing $dir" >&2
        continue
    fi
    echo "generating $dir ($n vendors x $m criteria) ..." >&2
    rm -f "$dir/.stamp"
    python3 "$BENCH_DIR/gen_synthetic.py" --vendors "$n" --criteria "$m" \
        --seed "$SEED" --out "$dir"
    printf '%s' "$stamp" >"$dir/.stamp"
done

# 3. Time each case and print the table.
BIN=$BIN DATA=$DATA CASES=$CASES RUNS=$RUNS python3 - <<'PY'
import os
import platform
import statistics
import subprocess
import sys
import time

BIN = os.environ["BIN"]
DATA = os.environ["DATA"]
CASES = os.environ["CASES"].split()
RUNS = max(1, int(os.environ["RUNS"]))
# The timing line is "timing: key=value ...". Read it by key, so a new
# field (pdf_ms joined it once and broke an exact pattern) cannot break it.
TIMING_KEYS = ("load_validate_ms", "score_ms", "report_ms", "total_ms",
               "peak_rss_kb")


def timing(err):
    """The fields of crmeval's timing line, or None if there is none."""
    for line in err.splitlines():
        if line.startswith("timing:"):
            fields = dict(kv.split("=", 1) for kv in line.split()[1:]
                          if "=" in kv)
            if all(k in fields for k in TIMING_KEYS):
                return [float(fields[k]) for k in TIMING_KEYS]
    return None


def run(args):
    t0 = time.perf_counter()
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True)
    wall = (time.perf_counter() - t0) * 1e3
    if p.returncode != 0:
        sys.stderr.write(p.stdout + p.stderr)
        sys.exit("run.sh: %s exited with %d" % (" ".join(args), p.returncode))
    return wall, p.stderr


def input_files(case_dir):
    files = [os.path.join(case_dir, "evaluation.yaml"),
             os.path.join(case_dir, "criteria", "synthetic.yaml"),
             os.path.join(case_dir, "criteria", "profiles", "synthetic.yaml")]
    vdir = os.path.join(case_dir, "vendors")
    files += [os.path.join(vdir, f) for f in os.listdir(vdir)
              if f.endswith(".yaml")]
    return files


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


print("crmeval benchmark: %s, %d CPU(s), %s; binary %s; median of %d run(s) "
      "per case (at most 3 for cases of 1M cells or more)\n"
      % (cpu_model(), os.cpu_count() or 0, platform.system(), BIN, RUNS))
print("| case (vendors x criteria) | files | input MB | validate ms "
      "| load+validate ms | score ms | report ms | total ms | peak RSS MB "
      "| JSON MB | µs per vendor×criterion |")
print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
for case in CASES:
    n, m = (int(x) for x in case.split("x"))
    case_dir = os.path.join(DATA, case)
    ev = os.path.join(case_dir, "evaluation.yaml")
    files = input_files(case_dir)
    in_mb = sum(os.path.getsize(f) for f in files) / 1e6
    runs = RUNS if n * m < 1_000_000 else min(RUNS, 3)

    # One untimed run of each to warm the page cache.
    run([BIN, "validate", "--quiet", ev])
    run([BIN, "evaluate", "--quiet", "--timings", ev])

    validate = [run([BIN, "validate", "--quiet", ev])[0] for _ in range(runs)]
    phases = []
    for _ in range(runs):
        _wall, err = run([BIN, "evaluate", "--quiet", "--timings", ev])
        fields = timing(err)
        if fields is None:
            sys.exit("run.sh: no timing line with %s from crmeval evaluate:\n%s"
                     % (", ".join(TIMING_KEYS), err))
        phases.append(fields)
    med = [statistics.median(col) for col in zip(*phases)]
    load_ms, score_ms, report_ms, total_ms, rss_kb = med
    json_mb = os.path.getsize(os.path.join(case_dir, "out", "report.json")) / 1e6
    print("| %s | %d | %.2f | %.1f | %.1f | %.2f | %.1f | %.1f | %.1f | %.1f | %.2f |"
          % (case, len(files), in_mb, statistics.median(validate), load_ms,
             score_ms, report_ms, total_ms, rss_kb / 1024, json_mb,
             total_ms * 1000 / (n * m)))
    sys.stdout.flush()
PY
