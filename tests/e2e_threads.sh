#!/bin/sh
# The same evaluation gives byte-identical JSON with 1 and 2 loader threads,
# and the generator is seeded: the same seed gives the same files.
set -u
bin=$1 src=$2 python=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
"$python" "$src/bench/gen_synthetic.py" --vendors 60 --criteria 40 --seed 7 \
    --out "$tmp/a" >/dev/null || exit 1
"$python" "$src/bench/gen_synthetic.py" --vendors 60 --criteria 40 --seed 7 \
    --out "$tmp/b" >/dev/null || exit 1
if ! diff -r "$tmp/a" "$tmp/b" >/dev/null; then
    echo "FAIL: the generator is not deterministic"
    exit 1
fi
CRMEVAL_THREADS=1 "$bin" evaluate --quiet --json "$tmp/one.json" "$tmp/a/evaluation.yaml" || exit 1
CRMEVAL_THREADS=2 "$bin" evaluate --quiet --json "$tmp/two.json" "$tmp/a/evaluation.yaml" || exit 1
if ! cmp -s "$tmp/one.json" "$tmp/two.json"; then
    echo "FAIL: 1 and 2 loader threads gave different reports"
    exit 1
fi
# Errors, too, come out in the same order.
sed -i 's/^name: /name: [/' "$tmp/a/vendors/v00003.yaml" "$tmp/a/vendors/v00050.yaml"
CRMEVAL_THREADS=1 "$bin" validate "$tmp/a/evaluation.yaml" 2>"$tmp/e1"
CRMEVAL_THREADS=2 "$bin" validate "$tmp/a/evaluation.yaml" 2>"$tmp/e2"
if ! cmp -s "$tmp/e1" "$tmp/e2" || [ ! -s "$tmp/e1" ]; then
    echo "FAIL: error output differs between 1 and 2 threads (or is empty)"
    cat "$tmp/e1" "$tmp/e2"
    exit 1
fi
echo ok
