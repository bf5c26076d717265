#!/bin/sh
# A workspace end to end: `evaluate --store` creates a database and records
# the run; a later `evaluate` of an evaluation beside it records without
# being told; `history` lists both, newest first; `diff` explains a swap;
# `init` makes a starter that evaluates at once and refuses to overwrite;
# a file that is not a workspace is a clear error (exit 2).
set -u
bin=$1 src=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
# a copy of the bundled data, so the evaluation's relative paths hold
cp -r "$src/criteria" "$src/vendors" "$src/templates" "$src/examples" "$tmp/" || exit 1
ws=$tmp/examples
"$bin" evaluate --quiet --json "$tmp/a.json" --pdf "$tmp/a.pdf" \
    --store "$ws/crmeval.db" "$ws/seed-npv.yaml" || fail "evaluate --store"
[ -f "$ws/crmeval.db" ] || fail "--store did not create the database"
out=$("$bin" evaluate --json "$tmp/b.json" --pdf "$tmp/b.pdf" "$ws/enterprise-bank.yaml") ||
    fail "evaluate inside the workspace"
echo "$out" | grep -q "recorded as run 2" || fail "the run inside the workspace was not recorded: $out"
"$bin" history "$ws" >"$tmp/history" || fail "history"
[ "$(wc -l <"$tmp/history")" -eq 3 ] || fail "history should list 2 runs: $(cat "$tmp/history")"
sed -n 2p "$tmp/history" | grep -q "^2 .*fxiaoke" || fail "newest first, with its winner: $(cat "$tmp/history")"
sed -n 3p "$tmp/history" | grep -q "^1 .*seed_project" || fail "the first run: $(cat "$tmp/history")"
# diff: a heavier budget weight makes EspoCRM overtake Fxiaoke
"$bin" evaluate --quiet --json "$tmp/d.json" --pdf "$tmp/d.pdf" "$ws/retail-sme.yaml" || fail "run 3"
sed -i 's/    budget: {weight: 25,/    budget: {weight: 60,/' "$ws/retail-sme.yaml"
"$bin" evaluate --quiet --json "$tmp/d.json" --pdf "$tmp/d.pdf" "$ws/retail-sme.yaml" || fail "run 4"
"$bin" diff --workspace "$ws" 3 4 >"$tmp/diff" || fail "diff"
for want in "winner: CHANGED" "changed  evaluation retail-sme.yaml" \
        "budget .*21.74% ->  40.00%" "espocrm overtook fxiaoke" \
        "budget.tco_per_seat_year .*(weight changed)"; do
    grep -q "$want" "$tmp/diff" || fail "diff lacks '$want': $(cat "$tmp/diff")"
done
"$bin" diff --workspace "$ws" 3 99 2>"$tmp/err"
[ $? -eq 2 ] || fail "diff of a missing run should exit 2"
grep -q "there is no run 99" "$tmp/err" || fail "unclear error: $(cat "$tmp/err")"
# init: a starter that evaluates at once and is recorded as run 1
"$bin" init --profile retail "$tmp/w" >/dev/null || fail "init"
out=$(cd "$tmp/w" && "$bin" evaluate evaluation.yaml) || fail "evaluate the starter"
echo "$out" | grep -q "recorded as run 1" || fail "the starter's run was not recorded: $out"
[ -f "$tmp/w/out/report.json" ] && [ -f "$tmp/w/out/report.pdf" ] || fail "the starter wrote no reports"
cp "$tmp/w/evaluation.yaml" "$tmp/before"
"$bin" init "$tmp/w" 2>"$tmp/err"
[ $? -eq 2 ] || fail "init over a workspace should exit 2"
cmp -s "$tmp/before" "$tmp/w/evaluation.yaml" || fail "init changed an existing workspace"
"$bin" init --profile retial "$tmp/x" 2>"$tmp/err"
[ $? -eq 2 ] || fail "init with an unknown profile should exit 2"
grep -q "did you mean 'retail'" "$tmp/err" || fail "no suggestion: $(cat "$tmp/err")"
[ ! -e "$tmp/x" ] || fail "init with an unknown profile left a directory"
# outside a workspace nothing is recorded and no database appears
"$bin" evaluate --quiet --json "$tmp/c.json" --pdf "$tmp/c.pdf" "$src/examples/seed-npv.yaml" ||
    fail "evaluate outside a workspace"
[ ! -e "$src/examples/crmeval.db" ] || fail "a database appeared outside a workspace"
# not a workspace: exit 2 with the file named
"$bin" history "$src/README.md" 2>"$tmp/err"
[ $? -eq 2 ] || fail "history of a non-database should exit 2"
grep -q "README.md: error: .*not a database" "$tmp/err" || fail "unclear error: $(cat "$tmp/err")"
exit 0
