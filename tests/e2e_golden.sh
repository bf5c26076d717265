#!/bin/sh
# The outputs in tests/golden/ stay byte-identical: every line of
# tests/golden/MANIFEST names a file and the crmeval command whose
# standard output it holds, run from the source tree. With --update (and
# only for an intended change), rewrite the files instead.
set -u
bin=$1 src=$2 update=${3:-}
cd "$src" || exit 1
tmp=$(mktemp) || exit 1
trap 'rm -f "$tmp"' EXIT
failed=0 count=0
while read -r name args; do
    case $name in ''|'#'*) continue ;; esac
    count=$((count + 1))
    # shellcheck disable=SC2086
    if ! "$bin" $args >"$tmp" 2>/dev/null; then
        echo "FAIL: crmeval $args exited $?"
        failed=1
        continue
    fi
    if [ "$update" = --update ]; then
        cp "$tmp" "tests/golden/$name"
    elif ! cmp -s "$tmp" "tests/golden/$name"; then
        echo "FAIL: crmeval $args differs from tests/golden/$name:"
        diff "tests/golden/$name" "$tmp" | head -20
        failed=1
    fi
done <tests/golden/MANIFEST
[ "$count" -ge 10 ] || { echo "FAIL: only $count golden outputs in the manifest"; exit 1; }
[ $failed -eq 0 ] && echo "ok: $count golden outputs byte-identical"
exit $failed
