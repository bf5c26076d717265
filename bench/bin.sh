# Sourced by the bench scripts: sets BIN to CRMEVAL_BIN, or makes a Release
# build (no tests) in CRMEVAL_BUILD_DIR (default bench/build-bench) and
# points BIN at it. Expects BENCH_DIR and ROOT.
BIN=${CRMEVAL_BIN:-}
if [ -z "$BIN" ]; then
    BUILD=${CRMEVAL_BUILD_DIR:-$BENCH_DIR/build-bench}
    cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
    cmake --build "$BUILD" -j"$(nproc)" >/dev/null
    BIN=$BUILD/crmeval
fi
