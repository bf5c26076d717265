#!/usr/bin/env python3
"""The peer of crmeval's scoring step (bench/score.sh): NumPy's weighted
sum and TOPSIS (vector-normalised columns, ideal and anti-ideal from the
data) on a random vendors x criteria matrix of normalised values, and the
ranking by each. Computation only, timed in-process; prints the median
seconds of RUNS runs.

    score_numpy.py VENDORS CRITERIA RUNS
"""
import sys
import time

import numpy as np


def main():
    n, m, runs = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    rng = np.random.default_rng(1)
    u = rng.random((n, m))
    w = rng.random(m)
    w /= w.sum()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        score = u @ w * 100
        order = np.argsort(-score, kind="stable")
        x = u / np.sqrt((u * u).sum(axis=0))
        v = x * w
        best, worst = v.max(axis=0), v.min(axis=0)
        dp = np.sqrt(((v - best) ** 2).sum(axis=1))
        dm = np.sqrt(((v - worst) ** 2).sum(axis=1))
        closeness = dm / (dp + dm)
        order_t = np.argsort(-closeness, kind="stable")
        times.append(time.perf_counter() - t0)
    del order, order_t
    print(f"{sorted(times)[len(times) // 2]:.6f}")


if __name__ == "__main__":
    main()
