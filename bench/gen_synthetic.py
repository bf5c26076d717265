#!/usr/bin/env python3
"""Generate a synthetic crmeval evaluation for benchmarking.

    gen_synthetic.py --vendors N --criteria M --seed S --out DIR

writes

    DIR/criteria/synthetic.yaml           kind: criteria, id synthetic
    DIR/criteria/profiles/synthetic.yaml  kind: profile, id synthetic
    DIR/vendors/v00001.yaml ...           kind: vendor, one file per vendor
    DIR/evaluation.yaml                   kind: evaluation (JSON to DIR/out/)

The criteria set has M criteria spread over max(1, M // 10) groups and mixes
all four kinds (rating 0-5, boolean, number with a value function and a
direction, choice with 3 options). One number criterion is the derived
licence cost (priced from each vendor's USD list price), and about one number
criterion in four has no value function so that min-max scaling over the
vendors is exercised too. Each vendor gives a value for about 90% of the
criteria; about one value in six is written in full form with evidence.

The profile has random group and criterion weights and 2-3 must-have rules
that most vendors pass. Output is a pure function of the arguments: every
random choice comes from random.Random(seed), so the same arguments give
byte-identical files. Standard library only (no PyYAML): YAML is written by
hand, with every free-text string double-quoted and escaped.

See docs/formats.md for the formats.
"""

import argparse
import os
import random
import re
import sys

KINDS = ("rating", "boolean", "number", "choice")
EVIDENCE_KINDS = ("vendor_claim", "documentation", "demo", "trial",
                  "reference_customer", "independent_test")
WORDS = ("pipeline", "lead", "quote", "ticket", "campaign", "territory",
         "forecast", "contract", "survey", "workflow", "portal", "import",
         "mobile", "report", "audit", "invoice", "partner", "loyalty",
         "dashboard", "approval")
WORDS_ZH = ("销售管道", "线索", "报价", "工单", "营销活动", "销售区域", "预测",
            "合同", "问卷", "工作流", "门户", "导入", "移动端", "报表", "审计",
            "发票", "合作伙伴", "会员", "仪表盘", "审批")
UNITS = (("s", "lower"), ("ms", "lower"), ("users", "higher"),
         ("days", "lower"), ("languages", "higher"), ("GB", "higher"))


def q(text):
    """A YAML double-quoted scalar (safe for any text)."""
    out = ['"']
    for ch in text:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append("\\x%02X" % ord(ch))
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def text(en, zh):
    """A bilingual flow mapping {en: "...", zh-CN: "..."}."""
    return "{en: %s, zh-CN: %s}" % (q(en), q(zh))


def num(x):
    """A plain YAML number with a stable, short spelling."""
    if float(x) == int(x):
        return str(int(x))
    s = "%.3f" % x
    return s.rstrip("0").rstrip(".")


def point_list(points):
    return "[" + ", ".join("[%s, %s]" % (num(x), num(v)) for x, v in points) + "]"


class Criterion:
    __slots__ = ("group", "id", "path", "kind", "weight", "unit", "direction",
                 "points", "lo", "hi", "options", "derived", "en", "zh")


def make_criteria(rng, m):
    ngroups = max(1, m // 10)
    base, extra = divmod(m, ngroups)
    sizes = [base + (1 if g < extra else 0) for g in range(ngroups)]
    # All four kinds, evenly mixed, in random order.
    kinds = [KINDS[i % 4] for i in range(m)]
    rng.shuffle(kinds)
    groups = []
    crits = []
    k = 0
    derived_done = False
    number_seen = 0
    for g in range(ngroups):
        gid = "g%03d" % (g + 1)
        w = rng.choice((5, 8, 10, 12, 15, 20))
        members = []
        for j in range(sizes[g]):
            c = Criterion()
            c.group = gid
            c.id = "c%04d" % (k + 1)
            c.path = gid + "." + c.id
            c.kind = kinds[k]
            c.weight = rng.choice((1, 1, 1, 2, 3))
            c.unit = c.direction = None
            c.points = None
            c.lo = c.hi = None
            c.options = None
            c.derived = False
            word = rng.randrange(len(WORDS))
            c.en = "%s %s %d" % (WORDS[word].capitalize(),
                                 c.kind, k + 1)
            c.zh = "%s指标 %d" % (WORDS_ZH[word], k + 1)
            if c.kind == "number":
                number_seen += 1
                if not derived_done:
                    derived_done = True
                    c.derived = True
                    c.unit = "currency/seat/year"
                    c.direction = "lower"
                    c.lo, c.hi = 0, 6000
                elif number_seen % 4 == 0:
                    # No value function: min-max over the vendors.
                    c.unit, c.direction = UNITS[rng.randrange(len(UNITS))]
                    c.lo = 0
                    c.hi = rng.choice((10, 100, 1000))
                else:
                    c.unit, c.direction = UNITS[rng.randrange(len(UNITS))]
                    span = rng.choice((5, 20, 100, 500, 2000))
                    npts = rng.randint(2, 4)
                    xs = sorted(rng.sample(range(0, span + 1), npts))
                    vs = sorted(round(rng.random(), 2) for _ in range(npts))
                    vs[0], vs[-1] = 0.0, 1.0
                    if c.direction == "lower":
                        vs.reverse()
                    c.points = list(zip(xs, vs))
                    c.lo, c.hi = xs[0], xs[-1]
            elif c.kind == "choice":
                c.options = [("none", 0.0), ("partial", round(rng.uniform(0.3, 0.8), 2)),
                             ("full", 1.0)]
            members.append(c)
            crits.append(c)
            k += 1
        groups.append((gid, w, members))
    return groups, crits


def write(path, lines):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines))
        f.write("\n")


def write_criteria(path, groups):
    out = [
        "# Synthetic criteria set generated by bench/gen_synthetic.py.",
        "kind: criteria",
        "id: synthetic",
        "version: 1",
        "name: " + text("Synthetic benchmark criteria", "基准测试用合成指标"),
        "groups:",
    ]
    for gid, w, members in groups:
        n = int(gid[1:])
        out += [
            "  - id: " + gid,
            "    name: " + text("Group %d" % n, "第 %d 组" % n),
            "    description: " + text(
                "Synthetic group %d: \"quoted\" text, colons: and #hashes." % n,
                "合成分组 %d：含“引号”、冒号: 与 #井号。" % n),
            "    weight: " + num(w),
            "    criteria:",
        ]
        for c in members:
            out += [
                "      - id: " + c.id,
                "        name: " + text(c.en, c.zh),
                "        description: " + text(
                    "Synthetic %s criterion %s." % (c.kind, c.path),
                    "合成%s指标 %s。" % ({"rating": "评分", "boolean": "是否",
                                        "number": "数值", "choice": "选项"}[c.kind],
                                       c.path)),
                "        kind: " + c.kind,
            ]
            if c.weight != 1:
                out.append("        weight: " + num(c.weight))
            if c.kind == "rating":
                out += [
                    "        scale: {min: 0, max: 5}",
                    "        labels:",
                    "          0: " + text("None", "无"),
                    "          5: " + text("Best in class", "业界领先"),
                ]
            elif c.kind == "number":
                out += [
                    "        unit: " + q(c.unit),
                    "        direction: " + c.direction,
                ]
                if c.derived:
                    out.append("        derived: licence_cost_per_seat_year")
                elif c.points is not None:
                    out.append("        value_function: " + point_list(c.points))
            elif c.kind == "choice":
                out.append("        options:")
                names = {"none": ("Not supported", "不支持"),
                         "partial": ("Partly supported", "部分支持"),
                         "full": ("Fully supported", "完全支持")}
                for oid, v in c.options:
                    out.append("          %s: {value: %s, name: %s}"
                               % (oid, num(v), text(*names[oid])))
    write(path, out)


def pick_rules(rng, crits):
    """2-3 must-have rules on distinct criteria that most vendors pass."""
    by_kind = {k: [c for c in crits if c.kind == k and not c.derived] for k in KINDS}
    candidates = []
    for kind in ("boolean", "rating", "choice", "number"):
        if by_kind[kind]:
            candidates.append(rng.choice(by_kind[kind]))
    rng.shuffle(candidates)
    n = min(len(candidates), rng.choice((2, 3)))
    rules = []
    for c in candidates[:n]:
        if c.kind == "boolean":
            rules.append((c, "equals", "true"))
        elif c.kind == "rating":
            rules.append((c, "min", "1"))
        elif c.kind == "choice":
            rules.append((c, "one_of", "[partial, full]"))
        else:
            span = c.hi - c.lo
            if c.direction == "lower":
                rules.append((c, "max", num(c.lo + 0.95 * span)))
            else:
                rules.append((c, "min", num(c.lo + 0.05 * span)))
    return rules


def write_profile(path, rng, groups, rules):
    out = [
        "# Synthetic weight profile generated by bench/gen_synthetic.py.",
        "kind: profile",
        "id: synthetic",
        "criteria_set: synthetic",
        "name: " + text("Synthetic profile", "合成权重画像"),
        "description: " + text("Random weights for benchmarking.",
                               "用于基准测试的随机权重。"),
        "rationale: " + text("None: the weights are random.", "无：权重为随机生成。"),
        "near_miss_margin: 0.1",
        "groups:",
    ]
    for gid, _w, members in groups:
        out.append("  %s:" % gid)
        out.append("    weight: " + num(rng.choice((1, 2, 3, 5, 8, 10, 15, 20, 25))))
        chosen = [c for c in members if rng.random() < 0.5]
        if chosen:
            out.append("    criteria:")
            for i, c in enumerate(chosen):
                # Occasionally 0 (left out of the score), never for the
                # group's first criterion so no group is all zero.
                w = rng.choice((0, 0.5, 1, 1.5, 2, 3, 4, 5))
                if w == 0 and c is members[0]:
                    w = 1
                out.append("      %s: %s" % (c.id, num(w)))
    if rules:
        out.append("must_have:")
    for c, test, arg in rules:
        out.append("  - criterion: " + c.path)
        out.append("    %s: %s" % (test, arg))
        out.append("    reason: " + text("Synthetic knock-out rule on %s" % c.path,
                                         "针对 %s 的合成淘汰规则" % c.path))
    write(path, out)


def vendor_value(rng, c, rule):
    """A value for criterion c as a YAML scalar; rule biases it to pass."""
    if c.kind == "boolean":
        p = 0.97 if rule else 0.7
        return "true" if rng.random() < p else "false"
    if c.kind == "rating":
        if rule and rng.random() < 0.97:
            return num(rng.randint(2, 10) / 2)
        return num(rng.randint(0, 10) / 2)
    if c.kind == "choice":
        if rule and rng.random() < 0.97:
            return rng.choice(("partial", "full"))
        return rng.choice(("none", "partial", "full"))
    # number: mostly inside the value function's span, sometimes beyond.
    span = c.hi - c.lo
    x = rng.uniform(c.lo - 0.05 * span, c.hi + 0.1 * span)
    if rule and rng.random() < 0.97:
        x = rng.uniform(c.lo + 0.1 * span, c.lo + 0.9 * span)
    x = max(0.0, x)
    return num(round(x, 2) if span < 50 else round(x))


def write_vendor(path, rng, vid, idx, crits, rule_paths):
    model = "subscription" if rng.random() < 0.9 else "perpetual"
    price = rng.randint(0, 300) if model == "subscription" else rng.randint(200, 5000)
    year = rng.choice((2025, 2026))  # dates stay before the evaluation date
    out = [
        "# Synthetic vendor %d generated by bench/gen_synthetic.py." % idx,
        "kind: vendor",
        "id: " + vid,
        "criteria_set: synthetic",
        "name: " + q("Synthetic CRM #%d \"%s\"" % (idx, WORDS[idx % len(WORDS)])),
        "edition: " + q(rng.choice(("Standard", "Professional", "Enterprise",
                                     "Ultimate: all modules"))),
        "vendor: " + q("Synthetic Vendor %d Ltd." % idx),
        "country: " + rng.choice(("CN", "US", "DE", "IN", "JP", "FR")),
        "website: " + q("https://vendor%d.example.com/crm" % idx),
        "deployment: [%s]" % ", ".join(sorted(rng.sample(
            ("saas", "private_cloud", "on_premise"), rng.randint(1, 3)))),
        "open_source: " + ("{licence: %s}" % q("AGPL-3.0") if rng.random() < 0.15
                           else "false"),
        "pricing:",
        "  model: " + model,
        "  currency: USD",
    ]
    if model == "subscription":
        out.append("  list_price_per_user_month: " + num(price))
    else:
        out.append("  perpetual_licence_per_user: " + num(price))
    out += [
        "  billing: [monthly, annual]",
        "  minimum_seats: " + num(rng.choice((1, 1, 3, 5, 10))),
        "  as_of: %d-%02d-%02d" % (year, rng.randint(1, 10), rng.randint(1, 28)),
        "  source: " + q("https://vendor%d.example.com/pricing" % idx),
        "  confidence: " + rng.choice(("sourced", "third_party", "conflicting",
                                       "estimate")),
        "  note: " + q("Synthetic list price, USD per user: not a real offer."),
        "values:",
    ]
    for c in crits:
        if c.derived:
            continue
        rule = c.path in rule_paths
        if rng.random() >= (0.99 if rule else 0.9):
            continue  # missing (about 10% of criteria)
        v = vendor_value(rng, c, rule)
        r = rng.random()
        if r < 0.15:
            out.append("  %s:" % c.path)
            out.append("    value: " + v)
            out.append("    evidence:")
            for _ in range(rng.randint(1, 2)):
                out += [
                    "      - kind: " + rng.choice(EVIDENCE_KINDS),
                    "        source: " + q("https://vendor%d.example.com/docs/%s"
                                           % (idx, c.id)),
                    "        date: %d-%02d-%02d" % (year, rng.randint(1, 10),
                                                    rng.randint(1, 28)),
                    "        note: " + q("Seen in the docs: \"%s\" = %s" % (c.en, v)),
                ]
        elif r < 0.25 and c.kind == "rating":
            out.append("  %s:" % c.path)
            out.append("    value: " + v)
            out.append("    assessment: sample")
        else:
            out.append("  %s: %s" % (c.path, v))
    write(path, out)


def write_evaluation(path, vendor_ids, m):
    out = [
        "# Synthetic evaluation generated by bench/gen_synthetic.py.",
        "kind: evaluation",
        "title: " + q("Synthetic benchmark: %d vendors x %d criteria"
                      % (len(vendor_ids), m)),
        "date: 2026-11-01",
        "prepared_by: " + q("bench/gen_synthetic.py"),
        "organisation:",
        "  name: " + q("合成基准测试有限公司 (Synthetic Benchmark Co.)"),
        "  industry: other",
        "  size: sme",
        "  seats: 50",
        "  seat_growth: 0.1",
        "currency: CNY",
        "exchange_rates:",
        "  as_of: 2026-11-01",
        "  source: " + q("synthetic assumption"),
        "  rates: {USD: 7.10}",
        "horizon_years: 5",
        "discount_rate: 0.08",
        "budget: 600000",
        "language: en",
        "criteria: criteria/synthetic.yaml",
        "profile: synthetic",
        "missing_values: worst",
        "vendor_dir: vendors",
        "vendors:",
    ]
    out += ["  - " + vid for vid in vendor_ids]
    out += [
        "output:",
        "  json: out/report.json",
    ]
    write(path, out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--vendors", type=int, required=True, metavar="N")
    ap.add_argument("--criteria", type=int, required=True, metavar="M")
    ap.add_argument("--seed", type=int, default=1, metavar="S")
    ap.add_argument("--out", required=True, metavar="DIR")
    args = ap.parse_args(argv)
    if args.vendors < 1 or args.criteria < 1:
        ap.error("--vendors and --criteria must be at least 1")

    rng = random.Random(args.seed)
    groups, crits = make_criteria(rng, args.criteria)
    rules = pick_rules(rng, crits)
    rule_paths = {c.path for c, _t, _a in rules}

    out = args.out
    for sub in ("criteria/profiles", "vendors", "out"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    write_criteria(os.path.join(out, "criteria", "synthetic.yaml"), groups)
    write_profile(os.path.join(out, "criteria", "profiles", "synthetic.yaml"),
                  rng, groups, rules)
    width = max(5, len(str(args.vendors)))
    vendor_ids = []
    for i in range(1, args.vendors + 1):
        vid = "v%0*d" % (width, i)
        vendor_ids.append(vid)
        write_vendor(os.path.join(out, "vendors", vid + ".yaml"), rng, vid, i,
                     crits, rule_paths)
    # Remove vendor files left over from an earlier, larger run.
    keep = set(vendor_ids)
    for name in os.listdir(os.path.join(out, "vendors")):
        m = re.fullmatch(r"(v[0-9]+)\.yaml", name)
        if m and m.group(1) not in keep:
            os.remove(os.path.join(out, "vendors", name))
    write_evaluation(os.path.join(out, "evaluation.yaml"), vendor_ids,
                     args.criteria)
    return 0


if __name__ == "__main__":
    sys.exit(main())
