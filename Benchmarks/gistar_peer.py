"""Peer side of Benchmarks/gistar.sh: PySAL (libpysal weights + esda G_Local) Gi* on a fishnet.

Usage: gistar_peer.py WORK_DIR REPEATS [POINTS]
Writes WORK_DIR/points.f64 (seeded synthetic incidents, x y float64 pairs, little-endian,
projected metres) when missing, then times, median of REPEATS:
  aggregate  numpy floor + bincount of the points into the 276 x 234 fishnet of 10 km cells
  weights    libpysal DistanceBand(centres, 15 km, binary) (its KD-tree build included)
  gi_star    esda G_Local(transform='B', star=True, permutations=0) on those weights
  fdr_bins   Benjamini-Hochberg thresholds and Gi_Bin with numpy
Writes WORK_DIR/peer_counts.f64 and WORK_DIR/peer_bins.i8 and prints JSON.
"""
import json
import os
import statistics
import sys
import time
import warnings

import numpy as np

warnings.simplefilter("ignore")
work, repeats = sys.argv[1], int(sys.argv[2])
npoints = int(sys.argv[3]) if len(sys.argv) > 3 else 1_000_000
# The grid of shared/reference/gistar_spec.json ("data"): 276 x 234 cells of 10 km.
NCOL, NROW, CELL, XL, YT, BAND = 276, 234, 10_000.0, -1_380_000.0, 1_210_000.0, 15_000.0

path = os.path.join(work, "points.f64")
if not os.path.exists(path) or os.path.getsize(path) != npoints * 16:
    rng = np.random.default_rng(20261203)
    n_clustered = int(npoints * 0.6)
    centres = np.column_stack([rng.uniform(XL + 100_000, XL + NCOL * CELL - 100_000, 40),
                               rng.uniform(YT - NROW * CELL + 100_000, YT - 100_000, 40)])
    which = rng.integers(0, 40, n_clustered)
    sd = rng.uniform(20_000, 80_000, 40)[which]
    clustered = centres[which] + rng.normal(size=(n_clustered, 2)) * sd[:, None]
    uniform = np.column_stack([rng.uniform(XL, XL + NCOL * CELL, npoints - n_clustered),
                               rng.uniform(YT - NROW * CELL, YT, npoints - n_clustered)])
    pts = np.vstack([clustered, uniform]).astype("<f8")
    pts.tofile(path + ".partial")
    os.replace(path + ".partial", path)
pts = np.fromfile(path, dtype="<f8").reshape(-1, 2)

import esda  # noqa: E402  (imports after the data step keep its failure messages short)
import libpysal  # noqa: E402
from libpysal.weights import DistanceBand  # noqa: E402


def aggregate():
    x, y = pts[:, 0], pts[:, 1]
    fc = (x - XL) / CELL
    fr = (YT - y) / CELL
    c = np.floor(fc).astype(np.int64)
    r = np.floor(fr).astype(np.int64)
    c[(c == NCOL) & (fc == NCOL)] = NCOL - 1
    r[(r == NROW) & (fr == NROW)] = NROW - 1
    ok = (fc >= 0) & (fr >= 0) & (c < NCOL) & (r < NROW)
    return np.bincount(r[ok] * NCOL + c[ok], minlength=NCOL * NROW).astype(float)


ids = np.arange(NCOL * NROW)
centres = np.column_stack([XL + (ids % NCOL + 0.5) * CELL, YT - (ids // NCOL + 0.5) * CELL])


def bins_fdr(z, p):
    s = np.sort(p)
    m = len(p)
    t = {}
    for a in (0.01, 0.05, 0.10):
        ok = np.nonzero(s <= np.arange(1, m + 1) * a / m)[0]
        t[a] = s[ok.max()] if len(ok) else -1.0
    level = np.where(p <= t[0.01], 3, np.where(p <= t[0.05], 2, np.where(p <= t[0.10], 1, 0)))
    return (np.sign(z) * level).astype(np.int8)


times = {"aggregate": [], "weights": [], "gi_star": [], "fdr_bins": []}
for _ in range(repeats):
    t0 = time.perf_counter()
    counts = aggregate()
    t1 = time.perf_counter()
    w = DistanceBand(centres, threshold=BAND, binary=True, silence_warnings=True)
    t2 = time.perf_counter()
    g = esda.G_Local(counts, w, transform="B", star=True, permutations=0)
    t3 = time.perf_counter()
    bins = bins_fdr(g.Zs, 2 * g.p_norm)
    t4 = time.perf_counter()
    for k, a, b in (("aggregate", t0, t1), ("weights", t1, t2), ("gi_star", t2, t3), ("fdr_bins", t3, t4)):
        times[k].append(b - a)

counts.astype("<f8").tofile(os.path.join(work, "peer_counts.f64"))
bins.tofile(os.path.join(work, "peer_bins.i8"))
med = {k: statistics.median(v) for k, v in times.items()}
print(json.dumps({
    "points": int(len(pts)), "cells": int(len(counts)), "incidents_in_grid": float(counts.sum()),
    "median_seconds": med,
    "bin_counts": {str(b): int((bins == b).sum()) for b in range(-3, 4)},
    "versions": f"esda {esda.__version__}, libpysal {libpysal.__version__}, numpy {np.__version__}",
}))
