#!/bin/sh
# End-to-end: `crmeval finance --csv` on the seed article's investment with
# 450,000 a year of benefits (examples/seed-npv-450k.yaml: an assumption,
# not the article's benefits) writes CSV that a spreadsheet user can
# re-check: NPV recomputed from the yearly rows (net x discount factor)
# matches the summary and the figures worked out by hand.
set -u
bin=$1 src=$2 python=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
"$bin" finance --csv "$tmp/csv" "$src/examples/seed-npv-450k.yaml" >/dev/null || exit 1
exec "$python" - "$tmp/csv" <<'PY'
import csv, sys
d = sys.argv[1]
rows = [r for r in csv.DictReader(open(f"{d}/seed_project-yearly.csv", encoding="utf-8-sig"))
        if r["scenario"] == "unadjusted"]
summary = next(r for r in csv.DictReader(open(f"{d}/summary.csv", encoding="utf-8-sig"))
               if r["scenario"] == "unadjusted")
npv = sum(float(r["net"]) * float(r["discount_factor"]) for r in rows)
pv_costs = sum(float(r["total_cost"]) * float(r["discount_factor"]) for r in rows)
checks = [
    ("NPV from rows", npv, 23512.43),
    ("NPV in summary", float(summary["npv"]), 23512.43),
    ("PV costs from rows", pv_costs, 1682341.62),
    ("IRR", float(summary["irr"]), 0.109162),
    ("payback", float(summary["payback_years"]), 3.7037),
    ("discounted payback", float(summary["discounted_payback_years"]), 4.8598),
]
bad = [(n, got, want) for n, got, want in checks
       if abs(got - want) > (0.0000005 if n == 'IRR' else 0.005 if 'payback' not in n else 0.00005)]
for n, got, want in bad:
    print(f"FAIL: {n}: got {got}, expected {want}")
lines = list(csv.DictReader(open(f"{d}/seed_project-lines.csv", encoding="utf-8-sig")))
total0 = sum(float(l["year_0"]) for l in lines if l["category"] != "benefit")
if summary["price_known"] != "true":
    print("FAIL: price_known should be true for the seed project (free)")
    bad.append(1)
if abs(total0 - float(rows[0]["total_cost"])) > 0.005:
    print(f"FAIL: year-0 cost lines sum to {total0}, table says {rows[0]['total_cost']}")
    bad.append(1)
print("ok" if not bad else "")
sys.exit(1 if bad else 0)
PY
