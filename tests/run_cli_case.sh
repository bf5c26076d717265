#!/bin/sh
# Run one CLI case: tests/data/cli/<case>/
#   args    arguments, one per line (paths relative to the source tree)
#   exit    expected exit code
#   stderr  expected standard error, exactly
#   stdout  expected standard output, exactly (optional)
# CRMEVAL_UPDATE_GOLDEN=1 rewrites exit/stderr/stdout from the actual run.
set -u
bin=$1 case_dir=$2 src=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 1

# Arguments one per line, so paths with spaces need no quoting.
set --
while IFS= read -r line || [ -n "$line" ]; do
    [ -n "$line" ] && set -- "$@" "$line"
done < "$case_dir/args"

"$bin" "$@" >"$tmp/stdout" 2>"$tmp/stderr"
code=$?

if [ "${CRMEVAL_UPDATE_GOLDEN:-}" = 1 ]; then
    echo "$code" >"$case_dir/exit"
    cp "$tmp/stderr" "$case_dir/stderr"
    [ -f "$case_dir/stdout" ] && cp "$tmp/stdout" "$case_dir/stdout"
    exit 0
fi

fail=0
expected=$(cat "$case_dir/exit")
if [ "$code" != "$expected" ]; then
    echo "exit code: expected $expected, got $code"
    fail=1
fi
if ! diff -u "$case_dir/stderr" "$tmp/stderr"; then
    echo "stderr differs (above: - expected, + actual)"
    fail=1
fi
if [ -f "$case_dir/stdout" ] && ! diff -u "$case_dir/stdout" "$tmp/stdout"; then
    echo "stdout differs"
    fail=1
fi
exit $fail
