#!/bin/sh
# End-to-end: every bundled example evaluates, its JSON report validates
# against docs/report.schema.json, and a second run is byte-identical.
set -u
bin=$1 src=$2 python=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
for example in "$src"/examples/*.yaml; do
    name=$(basename "$example" .yaml)
    "$bin" evaluate --quiet --json "$tmp/$name.1.json" --pdf "$tmp/$name.1.pdf" "$example"
    code=$?
    if [ $code != 0 ]; then
        echo "FAIL: $name: evaluate exited $code"
        fail=1
        continue
    fi
    # From another directory: the report must not depend on where we run.
    (cd "$tmp" && "$bin" evaluate --quiet --json "$tmp/$name.2.json" --pdf "$tmp/$name.2.pdf" "$example") || fail=1
    if ! cmp -s "$tmp/$name.1.json" "$tmp/$name.2.json"; then
        echo "FAIL: $name: two runs gave different JSON"
        diff "$tmp/$name.1.json" "$tmp/$name.2.json" | head -20
        fail=1
    fi
    if ! "$python" "$src/tests/check_report.py" "$src/docs/report.schema.json" \
            "$tmp/$name.1.json"; then
        echo "FAIL: $name: report does not match the schema"
        fail=1
    fi
    [ $fail = 0 ] && echo "ok: $name"
done
exit $fail
