#!/bin/sh
# End-to-end: the PDF report of each bundled example opens, its text (via
# pdftotext) holds every vendor's name and score and the recommended
# vendor's NPV as the JSON report gives them, in the example's language;
# and a second render is byte-identical.
set -u
bin=$1 src=$2 python=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0
for example in retail-sme enterprise-bank seed-npv; do
    if ! "$bin" evaluate --quiet --json "$tmp/$example.json" --pdf "$tmp/$example.pdf" \
            "$src/examples/$example.yaml"; then
        echo "FAIL: $example: evaluate failed"
        fail=1
        continue
    fi
    (cd "$tmp" && "$bin" evaluate --quiet --json "$tmp/$example.2.json" \
        --pdf "$tmp/$example.2.pdf" "$src/examples/$example.yaml") || fail=1
    if ! cmp -s "$tmp/$example.pdf" "$tmp/$example.2.pdf"; then
        echo "FAIL: $example: two renders differ"
        fail=1
    fi
    if ! pdftotext -layout "$tmp/$example.pdf" "$tmp/$example.txt" 2>/dev/null; then
        echo "FAIL: $example: pdftotext cannot read the PDF"
        fail=1
        continue
    fi
    "$python" - "$tmp/$example.json" "$tmp/$example.txt" <<'PY' || fail=1
import json, re, sys
report = json.load(open(sys.argv[1], encoding="utf-8"))
text = open(sys.argv[2], encoding="utf-8").read()
flat = re.sub(r"\s+", " ", text)
lang = report["evaluation"]["language"]
problems = []
heading = {"en": ["Executive summary", "Ranking", "Method and assumptions"],
           "zh-CN": ["执行摘要", "排名", "方法与假设"]}[lang]
for h in heading:
    if h not in text:
        problems.append(f"heading {h!r} missing")
# the simulated mean NPV and TCO median of each vendor are in the risk tables
for sv in (report.get("simulation") or {}).get("vendors", []):
    if "tco" in sv:
        for x in (sv["npv"]["mean"], sv["tco"]["p50"]):
            shown = f"{round(x):,}"
            if shown not in flat:
                problems.append(f"simulated figure {shown} of {sv['id']} missing")
# the verdict's rule is written in the report's language
rule = (report.get("sensitivity") or {}).get("verdict_rule")
if rule and lang != "en" and rule in flat:
    problems.append(f"verdict rule left in English: {rule!r}")
if report["evaluation"]["title"] not in flat:
    problems.append("title missing")
for v in report["vendors"]:
    if v["name"] not in flat:
        problems.append(f"vendor name {v['name']!r} missing")
    score = f"{v['score']:.2f}"
    if score not in flat:
        problems.append(f"score {score} of {v['id']} missing")
passing = [v for v in report["vendors"] if not v["knocked_out"]]
if passing and passing[0]["finance"]:
    npv = passing[0]["finance"]["unadjusted"]["summary"]["npv"]
    shown = f"{npv:,.2f}"
    if shown not in flat:
        problems.append(f"NPV {shown} of the recommended vendor missing")
for p in problems:
    print(f"FAIL: {sys.argv[1]}: {p}")
sys.exit(1 if problems else 0)
PY
    [ $fail = 0 ] && echo "ok: $example"
done

# The other language of each example, and a consultant's template (firm,
# logo, US Letter landscape): the text must switch language and the firm
# must show.
"$bin" evaluate --quiet --language en --json "$tmp/r-en.json" --pdf "$tmp/r-en.pdf" \
    "$src/examples/retail-sme.yaml" || fail=1
"$bin" evaluate --quiet --language zh-CN --json "$tmp/b-zh.json" --pdf "$tmp/b-zh.pdf" \
    "$src/examples/enterprise-bank.yaml" || fail=1
pdftotext "$tmp/r-en.pdf" "$tmp/r-en.txt" 2>/dev/null || fail=1
pdftotext "$tmp/b-zh.pdf" "$tmp/b-zh.txt" 2>/dev/null || fail=1
grep -q "Executive summary" "$tmp/r-en.txt" || { echo "FAIL: retail-sme in English"; fail=1; }
grep -q "执行摘要" "$tmp/b-zh.txt" || { echo "FAIL: enterprise-bank in Chinese"; fail=1; }
sed -e "s|^language: .*|language: en\ntemplate: $src/tests/data/templates/firm/firm.yaml|" \
    -e "s|^criteria: .*|criteria: $src/criteria/core.yaml|" \
    -e "s|^vendor_dir: .*|vendor_dir: $src/examples/vendors|" \
    "$src/examples/seed-npv.yaml" > "$tmp/firm.yaml"
"$bin" evaluate --quiet --json "$tmp/f.json" --pdf "$tmp/f.pdf" "$tmp/firm.yaml" || fail=1
pdftotext "$tmp/f.pdf" "$tmp/f.txt" 2>/dev/null || fail=1
grep -q "Example Consulting Ltd." "$tmp/f.txt" || { echo "FAIL: firm name missing"; fail=1; }
pdfinfo "$tmp/f.pdf" 2>/dev/null | grep -q "Page size: *792 x 612" || {
    echo "FAIL: Letter landscape page size"; fail=1; }
pdfimages -list "$tmp/f.pdf" 2>/dev/null | grep -q " 120 *40 " || {
    echo "FAIL: the logo image is not in the PDF"; fail=1; }
[ $fail = 0 ] && echo "ok: languages and consultant template"
exit $fail
