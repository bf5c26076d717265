#!/bin/sh
# The evaluation panel end to end (docs/panel.md): a workspace, three score
# sheets (CSV without and with evaluator columns, YAML), a changed score in
# the audit trail, `status`, a bad sheet that records nothing, and an
# `evaluate` whose report carries the panel: valid against the schema, its
# aggregates re-derived from the individual scores, byte-identical on a
# second run, and a panel page in the PDF in English and Chinese. Under
# valgrind when given (a plain build), the evaluate run must be clean.
set -u
bin=$1 src=$2 python=$3 valgrind=${4:-}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
ws=$tmp/ws
"$bin" init --profile retail "$ws" >/dev/null || fail "init"
"$bin" score -w "$ws" --evaluator 张伟 --role it --import "$src/examples/panel/it-zhang-wei.csv" \
    >"$tmp/out" || fail "import the IT sheet"
grep -q "^30 new, 0 changed" "$tmp/out" || fail "IT sheet: $(cat "$tmp/out")"
"$bin" score -w "$ws" --import "$src/examples/panel/sales-li-na.yaml" >"$tmp/out" ||
    fail "import the YAML sheet"
grep -q "^19 new" "$tmp/out" || fail "sales sheet (the ~ cell is not a score): $(cat "$tmp/out")"
"$bin" score -w "$ws" --import "$src/examples/panel/round-2.csv" >/dev/null || fail "round 2"
# an evaluator's own sheet: their values filled in, the rest blank; as
# imported, it changes nothing; a blank sheet filled in by hand imports
"$bin" sheet -w "$ws" --evaluator 李娜 "$tmp/li.csv" >/dev/null || fail "sheet"
[ "$(wc -l <"$tmp/li.csv")" -eq 31 ] || fail "5 vendors x 6 criteria and a header: $(cat "$tmp/li.csv")"
grep -q "^fxiaoke,sales.pipeline_reports,4,visit logging in WeCom is what the stores asked for,李娜,sales,Pipeline" \
    "$tmp/li.csv" || fail "the sheet lacks Li Na's value and comment: $(cat "$tmp/li.csv")"
"$bin" score -w "$ws" --import "$tmp/li.csv" >"$tmp/out" || fail "import the sheet as written"
grep -q "^0 new, 0 changed (old values kept in the audit trail), 19 unchanged" \
    "$tmp/out" || fail "a sheet imported as written changed something: $(cat "$tmp/out")"
"$bin" sheet -w "$ws" - | sed 's/^neocrm,usability.mobile_app,,/neocrm,usability.mobile_app,2,/' \
    >"$tmp/blank.csv" || fail "blank sheet"
"$bin" score -w "$ws" --evaluator "Sam Lee" --role management --import "$tmp/blank.csv" \
    >"$tmp/out" || fail "import a blank sheet filled in"
grep -q "^1 new" "$tmp/out" || fail "one value filled in: $(cat "$tmp/out")"
# a second look: the old value goes to the audit trail
"$bin" score -w "$ws" --evaluator 张伟 fxiaoke usability.ease_of_use 3 \
    --comment "second demo: slower than the first" >"$tmp/out" || fail "change a score"
grep -q "^0 new, 1 changed" "$tmp/out" || fail "change: $(cat "$tmp/out")"
"$bin" audit -w "$ws" fxiaoke usability.ease_of_use >"$tmp/audit" || fail "audit"
grep "张伟" "$tmp/audit" | grep -v current | grep -q " 4 " || fail "old value not in the trail: $(cat "$tmp/audit")"
grep "张伟" "$tmp/audit" | grep -q " 3 .*current.*second demo" || fail "new value: $(cat "$tmp/audit")"
[ "$(grep -c fxiaoke "$tmp/audit")" -eq 4 ] || fail "4 rows (3 evaluators + 1 replaced): $(cat "$tmp/audit")"
# a sheet with errors records nothing, and says where each problem is
printf 'vendor,criterion,value\nfxiaoke,usability.mobile_app,4\nfxiaok,usability.mobile_app,4\nzoho_crm,usability.ease_of_use,7\nneocrm,budget.tco_per_seat_year,3\n' \
    >"$tmp/bad.csv"
cp "$ws/crmeval.db" "$tmp/before.db"
"$bin" score -w "$ws" --evaluator "New Person" --role management --import "$tmp/bad.csv" \
    2>"$tmp/err"
[ $? -eq 2 ] || fail "a bad sheet should exit 2"
for want in "bad.csv:3:1: error: vendor 'fxiaok' .*did you mean 'fxiaoke'" \
        "bad.csv:4:32: error: rating 7 for 'usability.ease_of_use' is outside its scale 0..5" \
        "bad.csv:5:8: error: 'budget.tco_per_seat_year' is computed by crmeval" "3 errors"; do
    grep -q "$want" "$tmp/err" || fail "bad sheet: no '$want' in: $(cat "$tmp/err")"
done
"$bin" status -w "$ws" >"$tmp/status" || fail "status"
grep -q "New Person" "$tmp/status" && fail "a rejected sheet added its evaluator: $(cat "$tmp/status")"
grep -q "^张伟 (it): 30 of 30 scored, done" "$tmp/status" || fail "status: $(cat "$tmp/status")"
grep -q "^李娜 (sales): 19 of 30 scored" "$tmp/status" || fail "status: $(cat "$tmp/status")"
grep -q "^    neocrm: .*analytics.dashboards" "$tmp/status" || fail "open cells: $(cat "$tmp/status")"
# evaluate: the panel's values are scored, and the report shows it
run() {
    ${valgrind:+$valgrind --quiet --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=all} \
        "$bin" evaluate --quiet --json "$1" --pdf "$2" ${3:+--language "$3"} "$ws/evaluation.yaml"
}
run "$tmp/a.json" "$tmp/a.pdf" || fail "evaluate the workspace (exit $?)"
run "$tmp/b.json" "$tmp/b.pdf" || fail "evaluate again"
cmp -s "$tmp/a.json" "$tmp/b.json" || fail "the JSON differs between two runs"
"$python" "$src/tests/check_report.py" "$src/docs/report.schema.json" "$tmp/a.json" ||
    fail "the report fails the schema or the panel re-check"
"$python" - "$tmp/a.json" <<'PY' || fail "panel content"
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
p = r["panel"]
assert [e["name"] for e in p["evaluators"]] == sorted(e["name"] for e in p["evaluators"]), p["evaluators"]
assert {e["role"] for e in p["evaluators"]} == {"it", "sales", "service", "finance", "management"}
assert any(f["role"] == "panel" for f in r["inputs"]["files"])
d = p["disagreements"][0]
assert (d["vendor"], d["criterion"]) == ("fxiaoke", "usability.ease_of_use"), d
assert d["min"] == 2 and d["max"] == 5 and d["consensus"] < 0.7, d
assert len(p["roles"]) == 5 and all(len(x["ranking"]) == 5 for x in p["roles"])
PY
pdftotext "$tmp/a.pdf" - 2>/dev/null | grep -q "Where the panel disagrees most" || fail "no panel page in the PDF"
run "$tmp/c.json" "$tmp/c.pdf" zh-CN || fail "evaluate in Chinese"
pdftotext "$tmp/c.pdf" - 2>/dev/null | grep -q "评审分歧最大的单元" || fail "no panel page in the Chinese PDF"
# the runs are recorded with the panel among their inputs; a changed score
# changes the inputs digest
"$bin" score -w "$ws" --evaluator 王芳 fxiaoke usability.ease_of_use 4 >/dev/null || fail "rescore"
run "$tmp/d.json" "$tmp/d.pdf" || fail "evaluate after a rescore"
"$bin" diff -w "$ws" 2 4 >"$tmp/diff" || fail "diff"
grep -q "changed  panel  *crmeval.db" "$tmp/diff" || fail "diff does not show the panel: $(cat "$tmp/diff")"
# the cell that moved: 3, 2 and 5 then; 3, 4 and 5 now
grep -q "fxiaoke  *usability.ease_of_use  *3.33333 -> 4  *(3 -> 3 scores)" "$tmp/diff" ||
    fail "diff does not show the changed cell: $(cat "$tmp/diff")"
# an evaluator's own weights change their role's ranking, not the evaluation's
printf '  weights: {李娜: "%s/examples/panel/sales-view-weights.yaml"}\n' "$src" >>"$ws/evaluation.yaml"
run "$tmp/e.json" "$tmp/e.pdf" || fail "evaluate with a weight set"
"$python" - "$tmp/d.json" "$tmp/e.json" <<'PY' || fail "weight sets"
import json, sys
d, e = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
assert [v["score"] for v in d["vendors"]] == [v["score"] for v in e["vendors"]], "overall scores moved"
roles = {r["role"]: r for r in e["panel"]["roles"]}
assert roles["sales"]["weights"] == "own" and roles["it"]["weights"] == "evaluation", roles
before = {r["role"]: r for r in d["panel"]["roles"]}
assert roles["sales"]["ranking"] != before["sales"]["ranking"], "the sales view did not change"
assert any(f["role"] == "weights" for f in e["inputs"]["files"])
assert [x["weight_set"] for x in e["panel"]["evaluators"] if x["name"] == "李娜"][0].endswith("sales-view-weights.yaml")
PY
# the panel's disagreement as uncertainty: evaluate simulates it
sed -i 's/spread_as_uncertainty: false/spread_as_uncertainty: true/' "$ws/evaluation.yaml"
"$bin" evaluate --quiet --json "$tmp/f.json" --pdf "$tmp/f.pdf" "$ws/evaluation.yaml" ||
    fail "evaluate with the spread as uncertainty"
"$python" - "$tmp/f.json" <<'PY' || fail "spread as uncertainty"
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
inputs = {i["input"]: i for i in r["simulation"]["inputs"]}
x = inputs["fxiaoke/usability.ease_of_use"]
assert x["distribution"] == "discrete" and [p[0] for p in x["parameters"]] == [3, 4, 5], x
assert "zoho_crm/scale.customisation" not in inputs  # one score: nothing to spread
PY
exit 0
