#!/bin/sh
# Hostile inputs end to end (docs/formats.md, "Limits"): a FIFO named as
# any input is refused at once instead of blocking for ever; a simulation
# too large for memory is refused before it starts.
# Every run is bounded by `timeout`, so a hang fails the test instead of
# holding it up.
set -u
bin=$1 src=$2 python=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
cd "$src" || exit 1

# run EXPECTED_EXIT PATTERN ARGS...: exit code and a line of stderr
run() {
    want=$1 pattern=$2
    shift 2
    timeout 20 "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
    code=$?
    [ "$code" -ne 124 ] || fail "crmeval $* hung (killed after 20 s)"
    [ "$code" -eq "$want" ] || fail "crmeval $*: exit $code, expected $want: $(cat "$tmp/err")"
    grep -q -- "$pattern" "$tmp/err" || fail "crmeval $*: no '$pattern' in: $(cat "$tmp/err")"
}

# ---- a FIFO as any input -------------------------------------------------
mkfifo "$tmp/fifo.yaml" "$tmp/fifo.csv" "$tmp/fifo.png" "$tmp/fifo.ttf" || exit 1
cp -r tests/data/hand "$tmp/hand" || exit 1
cp -rL tests/data/templates/firm "$tmp/firm" || exit 1
fifo="not a regular file (a FIFO)"
run 2 "$tmp/fifo.yaml: error: $fifo" validate "$tmp/fifo.yaml"
run 2 "$tmp/fifo.yaml: error: $fifo" evaluate "$tmp/fifo.yaml"
run 2 "$tmp/fifo.csv: error: $fifo" validate "$tmp/fifo.csv"
run 2 "$tmp/fifo.yaml: error: $fifo" weights "$tmp/fifo.yaml"
run 2 "$tmp/fifo.yaml: error: $fifo" validate --criteria "$tmp/fifo.yaml" tests/data/hand/vendors/a.yaml
# files an evaluation names: a vendor, the criteria, a profile, the template
for key in vendors criteria profile template; do
    case $key in
    vendors) sed "s|^vendors: .*|vendors: [a, $tmp/fifo.yaml]|" "$tmp/hand/evaluation.yaml" ;;
    template) sed "\$a template: $tmp/fifo.yaml" "$tmp/hand/evaluation.yaml" ;;
    *) sed "s|^$key: .*|$key: $tmp/fifo.yaml|" "$tmp/hand/evaluation.yaml" ;;
    esac >"$tmp/hand/e-$key.yaml"
    grep -q "fifo" "$tmp/hand/e-$key.yaml" || fail "no $key line to point at the FIFO"
    run 2 "$tmp/fifo.yaml: error: $fifo" validate "$tmp/hand/e-$key.yaml"
done
# the template's logo, at the template's logo: (read when the template loads)
sed "s|^logo: .*|logo: $tmp/fifo.png|" "$tmp/firm/firm.yaml" >"$tmp/firm/logo-fifo.yaml"
run 2 "logo-fifo.yaml:[0-9]*:[0-9]*: error: logo '$tmp/fifo.png': $fifo" \
    validate "$tmp/firm/logo-fifo.yaml"
# the template's font, at the template's key (checked before libharu opens it)
sed "s|^  latin: .*|  latin: {file: $tmp/fifo.ttf}|" "$tmp/firm/firm.yaml" >"$tmp/firm/font-fifo.yaml"
sed "\$a template: $tmp/firm/font-fifo.yaml" "$tmp/hand/evaluation.yaml" >"$tmp/hand/e-font.yaml"
run 2 "font-fifo.yaml:[0-9]*:[0-9]*: error: font '$tmp/fifo.ttf': $fifo" \
    evaluate --quiet --json "$tmp/r.json" --pdf "$tmp/r.pdf" "$tmp/hand/e-font.yaml"
[ ! -e "$tmp/r.json" ] || fail "a report was written with a FIFO for a font"
# a score sheet to import
"$bin" init "$tmp/ws" >/dev/null || fail "init"
run 2 "$tmp/fifo.csv: error: $fifo" score -w "$tmp/ws" --evaluator x --role it --import "$tmp/fifo.csv"

# ---- CSV cells a spreadsheet would evaluate ----------------------------------
# notes from the evaluation and from a vendor file, in finance --csv
cp -r criteria "$tmp/criteria" && mkdir -p "$tmp/ex" && cp -r examples/vendors "$tmp/ex/" || exit 1
sed -e 's|note: "yearly operating cost (staff, maintenance, storage)"|note: "=HYPERLINK(\\"http://evil\\",\\"x\\")"|' \
    -e 's|note: "ASSUMPTION, not in the article: 450,000 a year (break-even 443,797.48)"|note: "+1+2"|' \
    examples/seed-npv-450k.yaml >"$tmp/ex/seed.yaml"
cat >>"$tmp/ex/vendors/seed_project.yaml" <<'YAML'
costs:
  - {id: hosting, category: hosting, amount: 1200.5, year: 1, note: "@SUM(A1:A9)"}
YAML
"$bin" finance --csv "$tmp/csv" "$tmp/ex/seed.yaml" >/dev/null 2>"$tmp/err" ||
    fail "finance --csv: $(cat "$tmp/err")"
lines=$tmp/csv/seed_project-lines.csv
grep -q "^operations,.*,\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"\(,\|$\)" "$lines" ||
    fail "a formula in a cost line's note is not neutralised: $(grep operations "$lines")"
grep -q "^benefits,.*,\"'+1+2\"\(,\|$\)" "$lines" || fail "a formula in a benefit's note is not neutralised"
grep -q "^hosting,.*,\"'@SUM(A1:A9)\"\(,\|$\)" "$lines" ||
    fail "a formula in a vendor file's note is not neutralised: $(grep hosting "$lines")"
grep -q "^unadjusted,0,.*,-1000000.00," "$tmp/csv/seed_project-yearly.csv" ||
    fail "a negative number is no longer a plain number: $(sed -n 2p "$tmp/csv/seed_project-yearly.csv")"
# comments and evaluator names in a score sheet, and back: nothing changes
"$bin" score -w "$tmp/ws" --evaluator "-Eve" --role it \
    --comment "=cmd|' /C calc'!A0" fxiaoke usability.ease_of_use 3 >/dev/null ||
    fail "score with a formula-like comment"
"$bin" sheet -w "$tmp/ws" --evaluator "-Eve" "$tmp/eve.csv" >/dev/null || fail "sheet"
grep -q "^fxiaoke,usability.ease_of_use,3,\"'=cmd|' /C calc'!A0\",\"'-Eve\",it," "$tmp/eve.csv" ||
    fail "the sheet's comment or evaluator is not neutralised: $(grep ease_of_use "$tmp/eve.csv" | head -1)"
out=$("$bin" score -w "$tmp/ws" --import "$tmp/eve.csv") || fail "re-import the sheet"
echo "$out" | grep -q "^0 new, 0 changed" || fail "a neutralised sheet did not import unchanged: $out"

# ---- escape sequences and line breaks on the terminal -------------------------
# a comment may hold them (it is free text), but audit prints one line per
# value, with them escaped; an argument echoed in a message likewise
esc=$(printf '\033')
printf 'vendor,criterion,value,comment\nneocrm,usability.ease_of_use,2,"%s[2J%s[31mred\nforged row"\n' \
    "$esc" "$esc" >"$tmp/esc.csv"
"$bin" score -w "$tmp/ws" --evaluator Carol --role sales --import "$tmp/esc.csv" >/dev/null ||
    fail "import a comment with an escape sequence"
"$bin" audit -w "$tmp/ws" neocrm >"$tmp/audit" || fail "audit"
if grep -q "$esc" "$tmp/audit"; then fail "audit printed an escape sequence raw"; fi
[ "$(wc -l <"$tmp/audit")" -eq 2 ] || fail "a comment's line break forged an audit row: $(cat "$tmp/audit")"
grep -q 'esc.csv:2; \\x1B\[2J\\x1B\[31mred\\x0Aforged row$' "$tmp/audit" ||
    fail "the comment is not shown escaped: $(cat "$tmp/audit")"
run 2 "crmeval: unknown command '\\\\x1B\[2J'" "$esc[2J"
if grep -q "$esc" "$tmp/err"; then fail "an unknown command was echoed raw"; fi
"$bin" score -w "$tmp/ws" --evaluator "Eve$esc[2J" --role it fxiaoke usability.ease_of_use 3 \
    2>"$tmp/err" >/dev/null
[ $? -eq 2 ] || fail "an evaluator name with an escape sequence was accepted"
grep -q "^command line: error: an evaluator's name may not contain the control character U+001B (at byte 4)" \
    "$tmp/err" || fail "unclear refusal: $(cat "$tmp/err")"

# ---- a simulation too large for memory ------------------------------------
# 20 vendors x 200 criteria (about 440 uncertain inputs) at a million trials
# once asked for 4 GB; refused at its `trials:`, by validate too
"$python" bench/gen_sim.py --vendors 20 --criteria 200 --seed 1 --trials 1000000 \
    --out "$tmp/sim" >/dev/null || fail "gen_sim.py"
big="simulation would need about 4.0 GB of memory (1000000 trials x 438 uncertain inputs, 20 vendors); the limit is 2 GiB"
run 2 "evaluation.yaml:17:22: error: the $big" validate "$tmp/sim/evaluation.yaml"
run 2 "evaluation.yaml:17:22: error: the $big" simulate "$tmp/sim/evaluation.yaml"
# trials on the command line: no position to give
run 2 "^error: the simulation would need about 2.4 GB" \
    simulate --trials 10000000 examples/retail-sme.yaml
exit 0
