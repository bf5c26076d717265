#!/bin/sh
# The questionnaire workbook opens in another spreadsheet program:
# LibreOffice (headless) converts its Questionnaire sheet to CSV with the
# columns crmeval wrote, and a filled-in workbook saved again by
# LibreOffice keeps its drop-down lists and sheet protection and imports
# with the same answers. Exit 77 (skipped) without LibreOffice:
# scripts/deps.sh --test installs it (libreoffice-calc-nogui), as CI does.
# usage: e2e_rfi_libreoffice.sh CRMEVAL SOURCE_DIR PYTHON3
set -u
bin=$1 src=$2 py=$3
soffice=$(command -v soffice || command -v libreoffice || true)
if [ -z "$soffice" ]; then
    echo "SKIP: LibreOffice is not installed (sh scripts/deps.sh --test installs libreoffice-calc-nogui)"
    exit 77
fi
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 1
ev=tests/data/hand/evaluation.yaml
fail=0
say() { echo "FAIL: $*"; fail=1; }
lo() { HOME=$tmp/home "$soffice" --headless --norestore "$@" >"$tmp/lo.out" 2>&1 || cat "$tmp/lo.out"; }

"$bin" rfi -o "$tmp/q" -V b "$ev" >/dev/null || say "rfi"
# sheet 2 (the Questionnaire) as UTF-8 CSV: separator 44, quote 34, UTF-8 76
lo --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,2' \
    --outdir "$tmp/csv" "$tmp/q/b-rfi.xlsx"
csv=$(ls "$tmp"/csv/*.csv 2>/dev/null | head -1)
if [ -z "$csv" ]; then
    say "LibreOffice did not convert the workbook to CSV"
else
    head -1 "$csv" | grep -q '^vendor,group,criterion,question,details,answer_type,scale,evidence_expected,current,answer,evidence_url' ||
        say "the converted CSV's header: $(head -1 "$csv")"
    grep -q '^b,Group one,g1.r,A rating' "$csv" || say "the converted CSV has no row for g1.r"
fi

# the evaluators' score sheet as a workbook: its one sheet as CSV
"$bin" sheet -e "$ev" --evaluator "Li Na" "$tmp/scores.xlsx" >/dev/null || say "sheet .xlsx"
lo --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false' \
    --outdir "$tmp/scsv" "$tmp/scores.xlsx"
head -1 "$tmp/scsv/scores.csv" 2>/dev/null | grep -q '^vendor,criterion,value,comment,evaluator,role' ||
    say "LibreOffice's CSV of the score sheet: $(head -1 "$tmp/scsv/scores.csv" 2>/dev/null)"

# filled in, saved again by LibreOffice, imported
"$py" tests/rfi_fill.py "$tmp/q/b-rfi.xlsx" "$tmp/filled.xlsx" >"$tmp/given.json" || say "fill"
lo --convert-to xlsx --outdir "$tmp/lo" "$tmp/filled.xlsx"
[ -f "$tmp/lo/filled.xlsx" ] || say "LibreOffice did not save the workbook again"
"$py" - "$tmp/lo/filled.xlsx" <<'PY' || say "the workbook saved by LibreOffice lost its validations or protection"
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
text = "".join(z.read(n).decode("utf-8") for n in sheets)
ok = len(re.findall(r"<dataValidation ", text)) >= 3 and "<sheetProtection" in text
sys.exit(0 if ok else 1)
PY
"$bin" rfi --import -e "$ev" -s "$tmp/ws.db" -R "Li Na" "$tmp/lo/filled.xlsx" >"$tmp/import.out" 2>&1 ||
    { cat "$tmp/import.out"; say "import of the workbook LibreOffice saved"; }
grep -q "^4 new vendor claims" "$tmp/import.out" || { cat "$tmp/import.out"; say "not 4 claims"; }
exit $fail
