#!/usr/bin/env python3
"""The workbook recalculated by LibreOffice equals crmeval's JSON.

usage: check_xlsx.py CRMEVAL SOURCE_DIR

For each bundled example, and two evaluations that use the finance options
(tests/data/xlsx: billing in advance and mid-year, risk per line, mid-year
timing): crmeval writes the JSON report and the workbook;
LibreOffice (headless, a private profile that recalculates every formula on
load) converts every sheet to CSV; the recalculated NPV, risk-adjusted NPV,
IRR, MIRR, PV of costs and benefits, payback, discounted payback, TCO,
score and rank of every vendor, and the discount-rate scenario table, must
equal the JSON's (money to the cent, rates and scores to 1e-6, payback to
1e-4). Then the retail example's workbook gets another discount rate and
another budget weight, typed into its cells, and the seed case's workbook
mid-year timing; recalculated, each must equal crmeval run on the
evaluation with the same changes.

Exit 0 when every check passes, 1 otherwise, 77 (skipped) when LibreOffice
is not installed and CI is not set (CI must have it: scripts/deps.sh).
"""
import csv
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

crmeval, src = (os.path.abspath(a) for a in sys.argv[1:3])
soffice = shutil.which("soffice") or shutil.which("libreoffice")
if soffice is None:
    if os.environ.get("CI"):
        print("FAIL: LibreOffice (soffice) is not installed; scripts/deps.sh installs "
              "libreoffice-calc-nogui for the tests")
        sys.exit(1)
    print("SKIP: LibreOffice is not installed (apt-get install libreoffice-calc-nogui); "
          "the workbook's recalculation was not checked")
    sys.exit(77)

work = tempfile.mkdtemp(prefix="crmeval-xlsx-")
PROFILE = os.path.join(work, "lo-profile")
os.makedirs(os.path.join(PROFILE, "user"), exist_ok=True)
# Recalculate every formula on load (LibreOffice trusts an .xlsx's cached
# values by default, which would make this test compare crmeval with itself).
with open(os.path.join(PROFILE, "user", "registrymodifications.xcu"), "w") as f:
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
            'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
            '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
            '<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>\n'
            '</oor:items>\n')

failures = []
report = []


def recalculate(xlsx, outdir):
    """Every sheet of @xlsx, recalculated, as {sheet name: rows}."""
    os.makedirs(outdir, exist_ok=True)
    # 44,34,76: comma, quote, UTF-8; token 9 false: values, not as shown;
    # token 12 -1: every sheet to its own file
    cmd = [soffice, "-env:UserInstallation=file://" + PROFILE, "--headless",
           "--convert-to",
           "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1",
           "--outdir", outdir, xlsx]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    base = os.path.splitext(os.path.basename(xlsx))[0]
    sheets = {}
    for path in glob.glob(os.path.join(outdir, base + "-*.csv")):
        name = os.path.basename(path)[len(base) + 1:-4]
        with open(path, encoding="utf-8") as f:
            sheets[name] = list(csv.reader(f))
    if not sheets:
        raise SystemExit("FAIL: LibreOffice converted nothing: " + r.stdout + r.stderr)
    return sheets


def number(text):
    """A recalculated cell as a number (percentages as fractions), or None
    for text such as "none" or "not within the horizon"."""
    t = text.strip()
    try:
        if t.endswith("%"):
            return float(t[:-1]) / 100
        return float(t)
    except ValueError:
        return None


def close(what, got, want, tol):
    ok = got is not None and want is not None and abs(got - want) <= tol
    if not ok:
        failures.append(f"{what}: workbook {got}, crmeval {want}")
    return abs(got - want) if ok else None


def find_header(rows, first):
    for i, r in enumerate(rows):
        if r and r[0] in first:
            return i
    raise SystemExit(f"FAIL: no row starting with {first}")


SUMMARY = ("Summary", "汇总")
# Summary columns (src/report/xlsx.c summary_sheet)
COLS = ["vendor", "rank", "score", "price_known", "tco", "pv_costs", "pv_benefits", "npv",
        "npv_risk", "irr", "mirr", "roi", "payback", "disc_payback", "capex", "opex",
        "per_seat"]


def compare(name, sheets, rep):
    """Summary and scenarios of the recalculated @sheets against report @rep."""
    summary = next(sheets[s] for s in SUMMARY if s in sheets)
    head = find_header(summary, ("vendor", "厂商"))
    by_id = {v["id"]: v for v in rep["vendors"]}
    worst = {"money": 0.0, "rate": 0.0, "years": 0.0, "score": 0.0}
    count = 0
    row = head + 1
    while row < len(summary) and summary[row] and summary[row][0]:
        cells = dict(zip(COLS, summary[row]))
        v = by_id[cells["vendor"]]
        fin = v["finance"]
        u, a = fin["unadjusted"]["summary"], fin["risk_adjusted"]["summary"]
        checks = [
            ("npv", "money", u["npv"]), ("npv_risk", "money", a["npv"]),
            ("pv_costs", "money", u["pv_costs"]), ("pv_benefits", "money", u["pv_benefits"]),
            ("tco", "money", u["tco"]), ("per_seat", "money", u["tco_per_seat_year"]),
            ("capex", "money", u["capex"]), ("opex", "money", u["opex"]),
            ("mirr", "rate", u["mirr"]), ("roi", "rate", u["roi"]),
            ("payback", "years", u["payback_years"]),
            ("disc_payback", "years", u["discounted_payback_years"]),
            ("score", "score", v["score"]), ("rank", "score", v["rank"]),
        ]
        irr = u["irr"]
        got_irr = number(cells["irr"])
        if irr["status"] == "ok":
            checks.append(("irr", "rate", irr["value"]))
        elif irr["status"] == "ambiguous":
            # a spreadsheet's IRR() finds one of the rates
            if got_irr is None or min(abs(got_irr - x) for x in irr["roots"]) > 1e-6:
                failures.append(f"{name} {v['id']} irr: {cells['irr']} not among {irr['roots']}")
        elif got_irr is not None:
            failures.append(f"{name} {v['id']} irr: workbook {got_irr}, crmeval none")
        for key, kind, want in checks:
            tol = {"money": 0.0051, "rate": 1.1e-6, "years": 1.1e-4, "score": 1.1e-6}[kind]
            got = number(cells[key])
            if want is None:
                if got is not None:
                    failures.append(f"{name} {v['id']} {key}: workbook {got}, crmeval none")
                continue
            d = close(f"{name} {v['id']} {key}", got, want, tol)
            if d is not None:
                worst[kind] = max(worst[kind], d)
                count += 1
        row += 1
    # the discount-rate scenario table
    sc = rep["sensitivity"]["rate_scenarios"]
    heads = [i for i, r in enumerate(summary) if r and r[0] in ("vendor", "厂商") and i > head]
    for table, key in zip(heads, ("npv", "npv_risk_adjusted")):
        # the workbook's rates are inputs: compare the columns whose rate
        # crmeval also used (all of them unless the discount rate moved)
        rates = [number(x) for x in summary[table][1:] if number(x) is not None]
        common = [(k, sc["rates"].index(round(r, 6))) for k, r in enumerate(rates)
                  if round(r, 6) in sc["rates"]]
        if len(common) < 3:
            failures.append(f"{name}: the scenario tables share fewer than 3 rates")
        for vrow in summary[table + 1:table + 1 + len(sc["vendors"])]:
            want = next(x for x in sc["vendors"] if x["vendor"] == vrow[0])[key]
            for k, j in common:
                d = close(f"{name} {vrow[0]} {key} at {rates[k]}", number(vrow[1 + k]),
                          want[j], 0.0051)
                if d is not None:
                    worst["money"] = max(worst["money"], d)
                    count += 1
    return count, worst


def run(evaluation, tag):
    j, x = os.path.join(work, tag + ".json"), os.path.join(work, tag + ".xlsx")
    r = subprocess.run([crmeval, "evaluate", "--quiet", "--json", j, "--pdf",
                        os.path.join(work, tag + ".pdf"), "--xlsx", x, evaluation],
                       capture_output=True, text=True)
    if r.returncode != 0:
        raise SystemExit(f"FAIL: crmeval evaluate {evaluation}: {r.stderr}")
    r = subprocess.run([sys.executable, os.path.join(src, "tests", "check_report.py"),
                        os.path.join(src, "docs", "report.schema.json"), j],
                       capture_output=True, text=True)
    if r.returncode != 0:
        failures.append(f"{tag}: the JSON report does not match the schema: {r.stdout}")
    with open(j, encoding="utf-8") as f:
        return json.load(f), x


def defined_cell(book, name):
    """The sheet file and cell of defined name @name in the .xlsx at @book."""
    with zipfile.ZipFile(book) as z:
        wb = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
    m = re.search(r'<definedName name="%s">(.*?)</definedName>' % re.escape(name), wb)
    sheet, cell = m.group(1).replace("&apos;", "'").rsplit("!", 1)
    sheet = sheet.strip("'")
    rid = re.search(r'<sheet name="%s" sheetId="\d+" r:id="(rId\d+)"' % re.escape(sheet),
                    wb).group(1)
    target = re.search(r'Id="%s" Type="[^"]*" Target="([^"]+)"' % rid, rels).group(1)
    return "xl/" + target, cell.replace("$", "")


def set_cells(book, out, values):
    """Copy the .xlsx @book to @out with the named input cells set."""
    edits = {}
    for name, value in values.items():
        part, cell = defined_cell(book, name)
        edits.setdefault(part, []).append((cell, value))
    with zipfile.ZipFile(book) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            for cell, value in edits.get(item.filename, []):
                text = data.decode()
                pat = re.compile(r'<c r="%s"([^>]*?)( t="[a-zA-Z]+")?>(?:<f>[^<]*</f>)?'
                                 r'<v>[^<]*</v></c>' % cell)
                if isinstance(value, str):
                    new = lambda m: ('<c r="%s"%s t="inlineStr"><is><t>%s</t></is></c>'
                                     % (cell, m.group(1), value))
                else:
                    new = lambda m: '<c r="%s"%s><v>%r</v></c>' % (cell, m.group(1), value)
                text, n = pat.subn(new, text)
                if n != 1:
                    raise SystemExit(f"FAIL: cell {cell} not found in {item.filename}")
                data = text.encode()
            zout.writestr(item, data)


total = 0
cases = [(e, os.path.join(src, "examples", e + ".yaml"))
         for e in ("seed-npv", "retail-sme", "enterprise-bank")]
# the finance options: billing in advance and mid-year, per-line risk, tiers,
# percentages, mid-year timing, missing values ignored
cases += [(e, os.path.join(src, "tests", "data", "xlsx", e + ".yaml"))
          for e in ("billing", "midyear")]
for example, path in cases:
    rep, book = run(path, example)
    sheets = recalculate(book, os.path.join(work, example + "-csv"))
    n, worst = compare(example, sheets, rep)
    total += n
    report.append(f"{example}: {n} values compared, max difference money {worst['money']:.6f}, "
                  f"rates {worst['rate']:.2e}, payback {worst['years']:.2e}, "
                  f"scores {worst['score']:.2e}")

# Reproducible: the same inputs give the same bytes (the document's date is
# the evaluation's, not the clock's), from another directory too.
again = os.path.join(work, "again.xlsx")
subprocess.run([crmeval, "finance", "--xlsx", again,
                os.path.join(src, "examples", "retail-sme.yaml")],
               capture_output=True, cwd=work, check=True)
with open(again, "rb") as a, open(os.path.join(work, "retail-sme.xlsx"), "rb") as b:
    if a.read() != b.read():
        failures.append("retail-sme: two runs gave different workbooks")
    else:
        total += 1

# A change typed into the workbook: discount rate 8% -> 10%, budget group
# weight 25 -> 40; the same change in the evaluation, run by crmeval.
yaml_path = os.path.join(src, "examples", "retail-sme.yaml")
with open(yaml_path, encoding="utf-8") as f:
    text = f.read()
text = text.replace("discount_rate: 0.08", "discount_rate: 0.10", 1)
text = text.replace("budget: {weight: 25,", "budget: {weight: 40,", 1)
text = text.replace("../criteria/core.yaml", os.path.join(src, "criteria", "core.yaml"), 1)
if "discount_rate: 0.10" not in text or "budget: {weight: 40," not in text:
    raise SystemExit("FAIL: the retail example no longer has the lines this test changes")
changed_yaml = os.path.join(work, "retail-changed.yaml")
with open(changed_yaml, "w", encoding="utf-8") as f:
    f.write(text)
rep, _ = run(changed_yaml, "retail-changed")
edited = os.path.join(work, "retail-edited.xlsx")
set_cells(os.path.join(work, "retail-sme.xlsx"), edited,
          {"discount_rate": 0.10, "weight_budget": 40})
sheets = recalculate(edited, os.path.join(work, "edited-csv"))
n, worst = compare("retail-sme changed", sheets, rep)
total += n
report.append(f"retail-sme with discount rate 10% and budget weight 40 typed into the workbook: "
              f"{n} values compared, max difference money {worst['money']:.6f}, "
              f"rates {worst['rate']:.2e}, payback {worst['years']:.2e}, "
              f"scores {worst['score']:.2e}")

# Timing typed into the seed workbook: mid-year flows (the spreadsheet
# formulas must follow the timing, not stay end-of-year).
with open(os.path.join(src, "examples", "seed-npv.yaml"), encoding="utf-8") as f:
    text = f.read()
text = text.replace("timing: end_of_year", "timing: mid_year", 1)
text = text.replace("criteria: ../criteria/core.yaml",
                    "criteria: " + os.path.join(src, "criteria", "core.yaml"), 1)
text = text.replace("vendor_dir: vendors",
                    "vendor_dir: " + os.path.join(src, "examples", "vendors"), 1)
changed_yaml = os.path.join(work, "seed-mid.yaml")
with open(changed_yaml, "w", encoding="utf-8") as f:
    f.write(text)
rep, _ = run(changed_yaml, "seed-mid")
edited = os.path.join(work, "seed-edited.xlsx")
set_cells(os.path.join(work, "seed-npv.xlsx"), edited, {"timing": "mid_year"})
sheets = recalculate(edited, os.path.join(work, "seed-edited-csv"))
n, worst = compare("seed-npv mid-year", sheets, rep)
total += n
report.append(f"seed-npv with timing mid_year typed into the workbook: {n} values compared, "
              f"max difference money {worst['money']:.6f}, rates {worst['rate']:.2e}, "
              f"payback {worst['years']:.2e}")

shutil.rmtree(work, ignore_errors=True)
for line in report:
    print(line)
for line in failures[:40]:
    print("FAIL:", line)
print(f"{total - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
