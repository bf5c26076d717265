#!/bin/sh
# End-to-end: the CSV files' spreadsheet instructions hold under every
# timing. The seed case (450,000 a year of benefits) run mid-year, and the billing test case (costs in
# advance and mid-year): following README.txt on the CSV files gives
# crmeval's NPV and IRR; blanks in summary.csv say why; every CSV starts
# with a UTF-8 byte-order mark.
set -u
bin=$1 src=$2 python=$3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
sed -e 's/timing: end_of_year/timing: mid_year/' \
    -e "s|criteria: ../criteria/core.yaml|criteria: $src/criteria/core.yaml|" \
    -e "s|vendor_dir: vendors|vendor_dir: $src/examples/vendors|" \
    "$src/examples/seed-npv-450k.yaml" >"$tmp/seed-mid.yaml"
"$bin" finance --csv "$tmp/mid" "$tmp/seed-mid.yaml" >/dev/null || exit 1
"$bin" finance --csv "$tmp/billing" "$src/tests/data/xlsx/billing.yaml" >/dev/null || exit 1
exec "$python" - "$tmp" <<'PY'
import csv, glob, sys
tmp = sys.argv[1]
bad = []

def rows(path):
    with open(path, encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))

def irr(flows, step):
    """The yearly rate at which flows[k] at time k*step sum to zero (one root)."""
    f = lambda g: sum(x * g ** (-k * step) for k, x in enumerate(flows))
    lo, hi = 1.0001, 10.0
    if f(lo) * f(hi) > 0:
        lo, hi = 0.5, 1.0001
    for _ in range(200):
        mid = (lo + hi) / 2
        if (f(lo) < 0) == (f(mid) < 0):
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2 - 1

for path in glob.glob(f"{tmp}/*/*.csv"):
    with open(path, "rb") as f:
        if f.read(3) != b"\xef\xbb\xbf":
            bad.append(f"{path}: no UTF-8 byte-order mark")

# mid-year: README's formulas on the yearly net flows
readme = open(f"{tmp}/mid/README.txt", encoding="utf-8").read()
if "(1+rate)^0.5" not in readme or "^2-1" not in readme:
    bad.append("mid-year README does not give the mid-year NPV and IRR formulas")
r = 0.10
net = [float(x["net"]) for x in rows(f"{tmp}/mid/seed_project-yearly.csv")
       if x["scenario"] == "unadjusted"]
summary = next(x for x in rows(f"{tmp}/mid/summary.csv") if x["scenario"] == "unadjusted")
# year-0 net + NPV(rate, years 1..N) * (1+rate)^0.5
npv = net[0] + sum(x / (1 + r) ** t for t, x in enumerate(net) if t > 0) * (1 + r) ** 0.5
# (1 + IRR(year 0, year 1, 0, year 2, 0, ..., year N))^2 - 1
half = [net[0]]
for x in net[1:]:
    half += [x, 0]
checks = [("mid-year NPV", npv, float(summary["npv"]), 0.006),
          ("mid-year IRR", irr(half, 0.5), float(summary["irr"]), 1e-6)]

# billing: cash.csv
cash = [x for x in rows(f"{tmp}/billing/saas-cash.csv") if x["scenario"] == "unadjusted"]
summary = next(x for x in rows(f"{tmp}/billing/summary.csv")
               if x["vendor"] == "saas" and x["scenario"] == "unadjusted")
per = int(cash[0]["periods_per_year"])
checks += [("billing NPV", sum(float(x["discounted"]) for x in cash), float(summary["npv"]),
            0.01 * len(cash)),
           ("billing IRR", irr([float(x["amount"]) for x in cash], 1 / per),
            float(summary["irr"]), 1e-6)]
for name, got, want, tol in checks:
    if abs(got - want) > tol:
        bad.append(f"{name}: following the README gives {got}, crmeval {want}")
# a blank says why
for x in rows(f"{tmp}/billing/summary.csv"):
    if x["payback_years"] == "" and not x["payback_note"]:
        bad.append(f"{x['vendor']} {x['scenario']}: payback blank without a reason")
    if x["irr"] == "" and x["irr_status"] in ("", "ok"):
        bad.append(f"{x['vendor']} {x['scenario']}: irr blank without a reason")
for b in bad:
    print("FAIL:", b)
print(f"{len(checks) - len(bad)} passed, {len(bad)} failed" if not bad else "")
sys.exit(1 if bad else 0)
PY
