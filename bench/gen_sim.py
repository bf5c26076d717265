#!/usr/bin/env python3
"""Write a synthetic evaluation for the simulation benchmark (standard
library only): V vendors x M ratings in groups of 10, about 10% of the
ratings uncertain (triangular), subscription prices, and a finance section
whose implementation cost (PERT) and benefit (triangular) are uncertain.

    gen_sim.py --vendors 15 --criteria 80 --seed 1 --trials 100000 --out DIR

The model is one that bench/mc_numpy.py reimplements with NumPy: fixed
and per-seat cost lines and cost-saving benefits scale in proportion to
their drawn amounts, and scores move only through uncertain ratings.
"""
import argparse
import os
import random


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vendors", type=int, default=15)
    ap.add_argument("--criteria", type=int, default=80)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--trials", type=int, default=100000)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    os.makedirs(os.path.join(a.out, "vendors"), exist_ok=True)
    groups = max(1, a.criteria // 10)
    with open(os.path.join(a.out, "criteria.yaml"), "w") as f:
        f.write("kind: criteria\nid: simbench\nname: {en: Simulation benchmark, zh-CN: 模拟基准}\ngroups:\n")
        for g in range(groups):
            f.write(f"  - id: g{g}\n    name: {{en: \"Group {g}\", zh-CN: \"第 {g} 组\"}}\n"
                    f"    description: {{en: d, zh-CN: d}}\n    weight: {rnd.randint(1, 9)}\n    criteria:\n")
            for c in range(a.criteria // groups):
                f.write(f"      - {{id: c{c}, name: {{en: \"C{g}.{c}\", zh-CN: \"指标 {g}.{c}\"}}, "
                        f"description: {{en: d, zh-CN: d}}, kind: rating, scale: {{min: 0, max: 5}}, "
                        f"weight: {rnd.randint(1, 5)}}}\n")
    ids = []
    for v in range(a.vendors):
        vid = f"v{v:03d}"
        ids.append(vid)
        with open(os.path.join(a.out, "vendors", vid + ".yaml"), "w") as f:
            f.write(f"kind: vendor\nid: {vid}\ncriteria_set: simbench\nname: \"Vendor {v}\"\n"
                    f"pricing: {{model: subscription, currency: CNY, "
                    f"list_price_per_user_month: {rnd.randint(50, 400)}, "
                    f"as_of: 2026-01-01, source: synthetic}}\nvalues:\n")
            for g in range(groups):
                for c in range(a.criteria // groups):
                    mode = rnd.randint(1, 4)
                    if rnd.random() < 0.1:
                        f.write(f"  g{g}.c{c}: {{triangular: [{mode - 1}, {mode}, {mode + 1}]}}\n")
                    else:
                        f.write(f"  g{g}.c{c}: {mode}\n")
    with open(os.path.join(a.out, "evaluation.yaml"), "w") as f:
        f.write("kind: evaluation\ntitle: Simulation benchmark\ndate: 2026-01-01\n"
                "organisation: {name: Bench, seats: 100}\ncurrency: CNY\n"
                "horizon_years: 5\ndiscount_rate: 0.08\ncriteria: criteria.yaml\n"
                "vendor_dir: vendors\n"
                f"vendors: [{', '.join(ids)}]\n"
                "finance:\n  costs:\n"
                "    - {id: implementation, category: implementation, year: 0, "
                "amount: {pert: [200000, 300000, 500000]}}\n"
                "    - {id: admin, category: internal_staff, amount: 90000, from: 1}\n"
                "  benefits:\n"
                "    - {id: savings, kind: cost_saving, amount: {triangular: [300000, 500000, 700000]}, "
                "ramp: [0.5, 1.0]}\n"
                f"simulation: {{trials: {a.trials}, method: monte_carlo, seed: {a.seed}}}\n"
                # the NumPy model has no data uncertainty: no missing
                # values, and the known ones (no evidence) are not varied
                "uncertainty: {missing: none, spreads: {unsourced: 0}}\n")


if __name__ == "__main__":
    main()
