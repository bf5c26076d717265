#!/bin/sh
# Questionnaires to vendors (docs/rfi.md), end to end on the hand-computed
# case (tests/data/hand: one criterion of each kind, stable data):
#  - the CSV and YAML questionnaires are byte-identical to the expected
#    ones, and every form is byte-identical from run to run;
#  - a round trip in each form: written, filled in without crmeval
#    (tests/rfi_fill.py), imported, evaluated: the report scores exactly
#    the answers given, each with origin "claim";
#  - a workbook answer out of its scale is reported at
#    file:Questionnaire:row:column;
#  - atomicity: a file with one bad answer records nothing, and leaves
#    the claims recorded before as they were.
# usage: e2e_rfi.sh CRMEVAL SOURCE_DIR PYTHON3
set -u
bin=$1 src=$2 py=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 1
ev=tests/data/hand/evaluation.yaml
fail=0
say() { echo "FAIL: $*"; fail=1; }

# the expected questionnaires; determinism
"$bin" rfi -o "$tmp/csv" -f csv "$ev" >/dev/null || say "rfi --format csv"
"$bin" rfi -o "$tmp/yaml" -f yaml -l both "$ev" >/dev/null || say "rfi --format yaml"
"$bin" rfi -o "$tmp/x1" "$ev" >/dev/null || say "rfi (xlsx)"
"$bin" rfi -o "$tmp/x2" "$ev" >/dev/null || say "rfi (xlsx), again"
"$bin" rfi -o "$tmp/csv2" -f csv "$ev" >/dev/null
for v in a b c; do
    cmp -s "$tmp/x1/$v-rfi.xlsx" "$tmp/x2/$v-rfi.xlsx" || say "$v-rfi.xlsx differs between runs"
    cmp -s "$tmp/csv/$v-rfi.csv" "$tmp/csv2/$v-rfi.csv" || say "$v-rfi.csv differs between runs"
done
diff -u tests/data/rfi/expected/b-rfi.csv "$tmp/csv/b-rfi.csv" || say "b-rfi.csv (above: - expected, + actual)"
diff -u tests/data/rfi/expected/b-rfi.yaml "$tmp/yaml/b-rfi.yaml" || say "b-rfi.yaml (above: - expected, + actual)"
"$bin" rfi -o "$tmp/missing" -f csv --missing -V b "$ev" >/dev/null || say "rfi --missing"
[ "$(ls "$tmp/missing")" = b-rfi.csv ] || say "--vendor b wrote $(ls "$tmp/missing")"
grep -q '^b,.*,g2\.n,' "$tmp/missing/b-rfi.csv" || say "--missing: b's missing 'n' is not asked"
if grep -q ',g1\.r,' "$tmp/missing/b-rfi.csv"; then say "--missing: b's known 'r' is asked"; fi

# the round trip, in each form
for f in xlsx csv yaml; do
    out=$tmp/rt-$f
    "$bin" rfi -o "$out" -f "$f" -V b "$ev" >/dev/null || say "rfi -f $f"
    "$py" tests/rfi_fill.py "$out/b-rfi.$f" "$out/filled.$f" >"$out/given.json" || say "fill $f"
    "$bin" rfi --import -e "$ev" -s "$out/ws.db" -R "Li Na" "$out/filled.$f" >"$out/import.out" 2>&1 ||
        { cat "$out/import.out"; say "import $f"; }
    "$bin" evaluate --quiet -s "$out/ws.db" --json "$out/report.json" "$ev" 2>"$out/eval.err" ||
        { cat "$out/eval.err"; say "evaluate with the claims ($f)"; }
    "$py" - "$out/given.json" "$out/report.json" <<'EOF' || say "round trip $f"
import json, sys
given = json.load(open(sys.argv[1]))
report = json.load(open(sys.argv[2]))
b = [v for v in report["vendors"] if v["id"] == "b"][0]
crit = {c["id"]: c for c in b["criteria"]}
ok = len(given) == 4
if not ok:
    print(f"answers given: {given}")
for cid, answer in given.items():
    c = crit[cid]
    want = {"true": True, "false": False}.get(answer, answer)
    try:
        want = float(want) if not isinstance(want, bool) else want
    except ValueError:
        pass
    got = c["value"]
    if c.get("origin") != "claim" or got != want or c["evidence"][0]["kind"] != "vendor_claim":
        print(f"{cid}: gave {answer!r}, report has {got!r} origin {c.get('origin')}")
        ok = False
if not any(f["role"] == "claims" for f in report["inputs"]["files"]):
    print("the claims are not among the report's inputs")
    ok = False
sys.exit(0 if ok else 1)
EOF
done

# a workbook answer out of its scale, at its sheet, row and column
out=$tmp/rt-xlsx
echo '{"g1.r": {"answer": "9"}}' >"$tmp/bad.json"
"$py" tests/rfi_fill.py "$out/b-rfi.xlsx" "$tmp/bad.xlsx" "$tmp/bad.json" >/dev/null
"$bin" rfi --import -n -e "$ev" -R "Li Na" "$tmp/bad.xlsx" >/dev/null 2>"$tmp/bad.err"
code=$?
[ $code -eq 2 ] || say "a bad workbook answer: exit $code, expected 2"
grep -q "bad.xlsx:Questionnaire:3:10: error: rating 9 for 'g1.r' is outside its scale 0..5" \
    "$tmp/bad.err" || { cat "$tmp/bad.err"; say "the workbook error's place"; }

# atomicity: one bad answer among good ones records nothing
db=$out/ws.db
before=$("$py" -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('select group_concat(vendor||criterion||value, \",\") from (select * from claims order by 1,2)').fetchone(), c.execute('select count(*) from claim_history').fetchone())" "$db")
echo '{"g1.r": {"answer": "2"}, "g1.b": {"answer": "false"}, "g2.ch": {"answer": "z"}}' >"$tmp/mixed.json"
"$py" tests/rfi_fill.py "$tmp/rt-csv/b-rfi.csv" "$tmp/mixed.csv" "$tmp/mixed.json" >/dev/null
"$bin" rfi --import -s "$db" -e "$ev" -R "Li Na" "$tmp/mixed.csv" >/dev/null 2>"$tmp/mixed.err"
code=$?
[ $code -eq 2 ] || say "one bad answer among good ones: exit $code, expected 2"
grep -q "invalid option 'z' for 'g2.ch'" "$tmp/mixed.err" || { cat "$tmp/mixed.err"; say "the bad answer's message"; }
after=$("$py" -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute('select group_concat(vendor||criterion||value, \",\") from (select * from claims order by 1,2)').fetchone(), c.execute('select count(*) from claim_history').fetchone())" "$db")
[ "$before" = "$after" ] || say "a refused import changed the claims: $before -> $after"
"$bin" rfi --import -s "$tmp/fresh.db" -e "$ev" -R "Li Na" "$tmp/mixed.csv" >/dev/null 2>&1
n=$("$py" -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from claims').fetchone()[0])" "$tmp/fresh.db" 2>/dev/null || echo 0)
[ "$n" = 0 ] || say "a refused import recorded $n claims in a new database"

# a changed answer replaces the claim and keeps the old one in the trail
echo '{"g1.r": {"answer": "2"}}' >"$tmp/change.json"
"$py" tests/rfi_fill.py "$tmp/rt-csv/b-rfi.csv" "$tmp/change.csv" "$tmp/change.json" >/dev/null
"$bin" rfi --import -s "$db" -e "$ev" -R "Li Na" "$tmp/change.csv" >"$tmp/change.out" 2>&1 ||
    { cat "$tmp/change.out"; say "a changed answer"; }
grep -q ", 1 changed" "$tmp/change.out" || { cat "$tmp/change.out"; say "a changed answer is not counted as changed"; }
h=$("$py" -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"select value from claim_history where criterion = 'g1.r'\").fetchone()[0])" "$db")
[ "$h" = 5 ] || say "the audit trail holds '$h' for g1.r, expected the old 5"
"$bin" audit -s "$db" -e "$ev" b g1.r >"$tmp/audit.out" 2>&1 || say "audit"
grep -q "^b  *g1.r  *Li Na  *5  .*https://example.com/docs/g1.r" "$tmp/audit.out" &&
    grep -q "^b  *g1.r  *Li Na  *2  .* current " "$tmp/audit.out" ||
    { cat "$tmp/audit.out"; say "audit does not list the claim's trail"; }

# the updated profile: beside the original, never over it, with the claims
"$bin" rfi --import -e "$ev" -s "$tmp/prof.db" -R "Li Na" --write-profile "$tmp/prof" \
    "$tmp/rt-csv/filled.csv" >/dev/null 2>"$tmp/prof.err" || { cat "$tmp/prof.err"; say "--write-profile"; }
"$bin" validate tests/data/hand/criteria.yaml "$tmp/prof/b.yaml" >/dev/null 2>&1 ||
    say "the updated profile is not valid"
grep -q "kind: vendor_claim" "$tmp/prof/b.yaml" || say "the updated profile has no vendor claim"
cp tests/data/hand/vendors/b.yaml "$tmp/b.before"
"$bin" rfi --import -e "$ev" -s "$tmp/over.db" -R "Li Na" --write-profile tests/data/hand/vendors \
    "$tmp/rt-csv/filled.csv" >/dev/null 2>"$tmp/over.err"
code=$?
[ $code -eq 2 ] || say "--write-profile over the original without --overwrite: exit $code, expected 2"
grep -q "would replace the vendor profile" "$tmp/over.err" || { cat "$tmp/over.err"; say "the refusal's message"; }
cmp -s tests/data/hand/vendors/b.yaml "$tmp/b.before" || say "the original profile changed"
n=$("$py" -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('select count(*) from claims').fetchone()[0])" "$tmp/over.db" 2>/dev/null || echo 0)
[ "$n" = 0 ] || say "a refused profile still recorded $n claims"

# the evaluators' score sheet as a workbook: same bytes each run, filled in
# without crmeval, imported by score --import, an error at Scores:row:column
"$bin" sheet -e "$ev" --evaluator "Li Na" "$tmp/s1.xlsx" >/dev/null || say "sheet .xlsx"
"$bin" sheet -e "$ev" --evaluator "Li Na" "$tmp/s2.xlsx" >/dev/null
cmp -s "$tmp/s1.xlsx" "$tmp/s2.xlsx" || say "the score-sheet workbook differs between runs"
"$py" tests/rfi_fill.py "$tmp/s1.xlsx" "$tmp/s-filled.xlsx" >/dev/null || say "fill the score sheet"
"$bin" score -e "$ev" -s "$tmp/panel.db" --evaluator "Li Na" --role it \
    --import "$tmp/s-filled.xlsx" >"$tmp/s.out" 2>&1 || { cat "$tmp/s.out"; say "score --import .xlsx"; }
grep -q "^12 new" "$tmp/s.out" || { cat "$tmp/s.out"; say "not 12 scores from the workbook"; }
"$py" tests/rfi_fill.py "$tmp/s1.xlsx" "$tmp/s-bad.xlsx" "$tmp/bad.json" >/dev/null
"$bin" score -e "$ev" -s "$tmp/panel.db" --evaluator "Li Na" --role it --dry-run \
    --import "$tmp/s-bad.xlsx" >/dev/null 2>"$tmp/s-bad.err"
grep -q "s-bad.xlsx:Scores:2:3: error: rating 9 for 'g1.r' is outside its scale 0..5" \
    "$tmp/s-bad.err" || { cat "$tmp/s-bad.err"; say "the score-sheet workbook error's place"; }

# the worked round in examples/rfi (illustrative answers) imports cleanly
"$bin" rfi --import -n -e examples/retail-sme.yaml examples/rfi/fxiaoke-answers.csv \
    examples/rfi/neocrm-answers.yaml >"$tmp/ex.out" 2>&1 || { cat "$tmp/ex.out"; say "examples/rfi"; }

exit $fail
