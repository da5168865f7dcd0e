"""Peer side of Benchmarks/kde.sh: writes the benchmark points, times a numpy stamping
implementation of the same exact quartic kernel density and KDEpy's FFTKDE (binned, approximate),
and reports how far each is from BorderMap's grid (kde_ours_N.bin, written by bordermap-bench).

Usage: python kde_peer.py WORK_DIR REPEATS write   -> writes WORK_DIR/kde_points_N.bin
       python kde_peer.py WORK_DIR REPEATS compare -> prints one JSON object
Grid: 1000 x 1000 cells of 1 km, origin (0, 1,000,000) m, row 0 north; h = 25 km; per km^2.
"""
import json
import os
import sys
import time

import numpy as np

SIZES = [10_000, 100_000, 1_000_000]
N_CELLS, CELL, H = 1000, 1000.0, 25_000.0


def write_points(work):
    rng = np.random.default_rng(7)
    for n in SIZES:
        k = n // 2
        centres = rng.uniform(100e3, 900e3, (40, 2))
        a = centres[rng.integers(0, 40, k)] + rng.normal(0, 30e3, (k, 2))
        b = rng.uniform(0, 1e6, (n - k, 2))
        xy = np.clip(np.vstack([a, b]), 0, 1e6 - 1e-6)
        w = rng.integers(1, 5, n).astype(float)
        np.column_stack([xy, w]).astype("<f8").tofile(os.path.join(work, f"kde_points_{n}.bin"))


def numpy_stamp(x, y, w):
    """Exact quartic KDE: for every cell offset within h of a point's cell, all points at once;
    contributions gathered over several offsets, then summed by one bincount."""
    ncell = N_CELLS * N_CELLS
    out = np.zeros(ncell)
    ci = np.floor((1e6 - y) / CELL).astype(np.int64)  # row of the point's cell
    cj = np.floor(x / CELL).astype(np.int64)
    r = int(np.ceil(H / CELL)) + 1
    c = 3.0 / (np.pi * H * H) * 1e6
    idx, val, size = [], [], 0
    for di in range(-r, r + 1):
        rows = ci + di
        ok_r = (rows >= 0) & (rows < N_CELLS)
        dy = (1e6 - (rows + 0.5) * CELL) - y
        for dj in range(-r, r + 1):
            if (max(abs(di) - 1, 0) * CELL) ** 2 + (max(abs(dj) - 1, 0) * CELL) ** 2 >= H * H:
                continue
            cols = cj + dj
            dx = (cols + 0.5) * CELL - x
            u2 = (dx * dx + dy * dy) / (H * H)
            m = ok_r & (cols >= 0) & (cols < N_CELLS) & (u2 < 1)
            t = 1 - u2[m]
            idx.append(rows[m] * N_CELLS + cols[m])
            val.append(w[m] * c * t * t)
            size += len(t)
            if size > 20_000_000:
                out += np.bincount(np.concatenate(idx), weights=np.concatenate(val), minlength=ncell)
                idx, val, size = [], [], 0
    if idx:
        out += np.bincount(np.concatenate(idx), weights=np.concatenate(val), minlength=ncell)
    return out.reshape(N_CELLS, N_CELLS)


def kdepy_fft(x, y, w):
    """KDEpy FFTKDE, biweight (= quartic) with norm 2. KDEpy scales its 2-D biweight to a
    support radius of sqrt(7)·bw (checked against 3/(pi h^2)(1-(d/h)^2)^2 with NaiveKDE), so
    bw = h / sqrt(7) is the same kernel. Evaluated on the cell
    centres padded by h + 2 cells each side (FFTKDE's grid must hold every point and kernel)."""
    from KDEpy import FFTKDE
    pad = int(np.ceil(H / CELL)) + 2
    centres = (np.arange(-pad, N_CELLS + pad) + 0.5) * CELL
    gx, gy = np.meshgrid(centres, centres, indexing="ij")
    grid = np.column_stack([gx.ravel(), gy.ravel()])
    dens = FFTKDE(kernel="biweight", bw=H / np.sqrt(7), norm=2).fit(np.column_stack([x, y]), weights=w).evaluate(grid)
    d = dens.reshape(len(centres), len(centres))[pad:pad + N_CELLS, pad:pad + N_CELLS]  # [x][y]
    return d.T[::-1] * w.sum() * 1e6  # rows north first; KDEpy normalises the weights to 1


def timed(f, repeats, *args):
    times, result = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        result = f(*args)
        times.append(time.perf_counter() - t0)
    return float(np.median(times)), result


def compare(work, repeats):
    import KDEpy
    res = {"versions": f"numpy {np.__version__}, KDEpy {KDEpy.__version__}"}
    for n in SIZES:
        p = np.fromfile(os.path.join(work, f"kde_points_{n}.bin"), dtype="<f8").reshape(-1, 3)
        x, y, w = p[:, 0], p[:, 1], p[:, 2]
        ours = np.fromfile(os.path.join(work, f"kde_ours_{n}.bin"), dtype="<f8").reshape(N_CELLS, N_CELLS)
        reps = 1 if n >= 1_000_000 else repeats
        t_np, g_np = timed(numpy_stamp, reps, x, y, w)
        t_fft, g_fft = timed(kdepy_fft, reps, x, y, w)
        mx = g_np.max()
        big = g_np > 1e-6 * mx
        res[f"numpy_{n}"] = t_np
        res[f"kdepy_fft_{n}"] = t_fft
        res[f"ours_vs_numpy_max_rel_{n}"] = float(np.max(np.abs(ours[big] - g_np[big]) / g_np[big]))
        res[f"kdepy_vs_exact_max_abs_over_max_{n}"] = float(np.max(np.abs(g_fft - g_np)) / mx)
        res[f"kdepy_vs_exact_max_rel_{n}"] = float(np.max(np.abs(g_fft[big] - g_np[big]) / g_np[big]))
    print(json.dumps(res))


if __name__ == "__main__":
    work, repeats, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    write_points(work) if mode == "write" else compare(work, repeats)
