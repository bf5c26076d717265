#!/usr/bin/env python3
"""The simulation of a bench/gen_sim.py evaluation, vectorised with NumPy,
for comparison with `crmeval simulate`. It reads crmeval's JSON report of
the same evaluation (weights, normalised values, cost and benefit lines at
their point values, the uncertain inputs) and computes, for N trials: the
draws (inverse CDF of uniforms), each vendor's score, rank and NPV, then
P(first) and NPV percentiles.

    mc_numpy.py REPORT.json TRIALS SEED
prints: seconds, then per vendor P(first), mean NPV.
"""
import json
import sys
import time

import numpy as np


def tri_ppf(p, a, b, c):
    f = (b - a) / (c - a)
    return np.where(p < f, a + np.sqrt(p * (c - a) * (b - a)),
                    c - np.sqrt((1 - p) * (c - a) * (c - b)))


def pert_ppf(p, a, b, c):
    """Beta-PERT quantile from a tabulated CDF (fine grid, interpolated)."""
    alpha = 1 + 4 * (b - a) / (c - a)
    beta = 1 + 4 * (c - b) / (c - a)
    xs = np.linspace(0, 1, 20001)
    cdf = np.cumsum(xs ** (alpha - 1) * (1 - xs) ** (beta - 1))
    cdf /= cdf[-1]
    return a + (c - a) * np.interp(p, cdf, xs)


def main():
    report = json.load(open(sys.argv[1]))
    n = int(sys.argv[2])
    rng = np.random.default_rng(int(sys.argv[3]))
    t0 = time.perf_counter()
    vendors = report["vendors"]           # rank order
    ids = [v["id"] for v in vendors]
    crit_ids = [c["id"] for g in report["weights"] for c in g["criteria"]]
    w = np.array([c["effective"] for g in report["weights"] for c in g["criteria"]])
    u = np.array([[c["normalised"] for c in v["criteria"]] for v in vendors])
    base_score = u @ w * 100
    inputs = report["simulation"]["inputs"]
    scores = np.repeat(base_score[None, :], n, axis=0)
    years = len(vendors[0]["finance"]["unadjusted"]["rows"])
    factors = np.array([r["discount_factor"] for r in vendors[0]["finance"]["unadjusted"]["rows"]])
    # point cash flows per vendor, split into the uncertain lines and the rest
    costs = np.array([[r["total_cost"] for r in v["finance"]["unadjusted"]["rows"]] for v in vendors])
    bens = np.array([[r["benefits"] for r in v["finance"]["unadjusted"]["rows"]] for v in vendors])
    npv = np.repeat(((bens - costs) @ factors)[None, :], n, axis=0)
    for inp in inputs:
        p = rng.random(n)
        a = inp["parameters"]
        draw = tri_ppf(p, *a) if inp["distribution"] == "triangular" else pert_ppf(p, *a)
        if inp["drives"] == "vendor_value":
            vid, cid = inp["input"].split("/", 1)
            vi, ci = ids.index(vid), crit_ids.index(cid)
            point = a[1]
            scores[:, vi] += 100 * w[ci] * (draw - point) / 5.0
        elif inp["drives"] == "cost":
            line = inp["input"].split("/", 1)[1]
            for vi, v in enumerate(vendors):
                for l in v["finance"]["cost_lines"]:
                    if l["id"] == line:
                        yearly = np.array(l["yearly"])
                        npv[:, vi] -= (draw / l["amount"] - 1) * (yearly @ factors)
        elif inp["drives"] == "benefit":
            bid = inp["input"].split("/")[1]
            for vi, v in enumerate(vendors):
                for b in v["finance"]["benefit_lines"]:
                    if b["id"] == bid:
                        yearly = np.array(b["yearly"])
                        npv[:, vi] += (draw / b["base_amount"] - 1) * (yearly @ factors)
    # the same summary crmeval gives: ranks, P(first), rank distribution,
    # score and NPV percentiles, P(NPV > 0)
    scores = np.round(scores, 6)
    order = np.argsort(-scores, axis=1, kind="stable")
    ranks = np.empty_like(order)
    np.put_along_axis(ranks, order, np.arange(len(vendors))[None, :], axis=1)
    rank_dist = np.stack([np.bincount(ranks[:, vi], minlength=len(vendors)) / n
                          for vi in range(len(vendors))])
    p_first = rank_dist[:, 0]
    score_pct = np.percentile(scores, [5, 50, 95], axis=0)
    npv_pct = np.percentile(npv, [10, 50, 90], axis=0)
    p_npv = (npv > 0).mean(axis=0)
    seconds = time.perf_counter() - t0
    del score_pct, npv_pct, p_npv
    print(f"{seconds:.4f}")
    for vi, vid in enumerate(ids):
        print(f"{vid} {p_first[vi]:.4f} {npv[:, vi].mean():.2f}")


if __name__ == "__main__":
    main()
