#!/usr/bin/env python3
"""IRR of many six-year series, as numpy-financial computes it, for
comparison with crmeval's crm_irr (bench/irr.sh).

    irr_numpy.py gen FILE N SEED   write N x 6 net flows (float64)
    irr_numpy.py run FILE N        time the IRR of each series

numpy-financial is not installable here (no package index), so npf_irr
below is numpy-financial 1.0.0's irr() itself: the roots of the NPV
polynomial from np.roots (a companion-matrix eigenvalue problem), the
real positive ones turned into rates, the one closest to 0 returned.
`run` prints the seconds, then the series with a rate and the sum of the
rates, which crmeval_bench prints too.
"""
import sys
import time

import numpy as np


def npf_irr(values):
    """numpy_financial.irr (1.0.0): one rate, the root closest to 0."""
    res = np.roots(values[::-1])
    mask = (res.imag == 0) & (res.real > 0)
    if not mask.any():
        return np.nan
    res = res[mask].real
    rate = 1 / res - 1
    return rate.item(np.argmin(np.abs(rate)))


def gen(path, n, seed):
    """An outlay, five years of returns; one series in ten has a second
    outlay (a replacement) in a later year, so some have several rates."""
    rng = np.random.default_rng(seed)
    flows = np.empty((n, 6))
    flows[:, 0] = -rng.uniform(500, 1500, n) * 1000
    flows[:, 1:] = rng.uniform(50, 450, (n, 5)) * 1000
    again = rng.random(n) < 0.1
    year = rng.integers(2, 6, n)
    flows[again, year[again]] = -rng.uniform(200, 2000, again.sum()) * 1000
    flows.astype(np.float64).tofile(path)


def run(path, n):
    flows = np.fromfile(path, dtype=np.float64, count=n * 6).reshape(n, 6)
    t0 = time.perf_counter()
    rates = [npf_irr(row) for row in flows]
    seconds = time.perf_counter() - t0
    rates = np.array(rates)
    found = ~np.isnan(rates)
    print(f"{seconds:.6f}")
    print(f"{found.sum()} {rates[found].sum():.6f}")


if __name__ == "__main__":
    if sys.argv[1] == "gen":
        gen(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]))
    else:
        run(sys.argv[2], int(sys.argv[3]))
