#!/usr/bin/env bash
# Kernel density side by side: BorderMap's exact quartic KDE against a numpy stamping
# implementation of the same formula and KDEpy's FFTKDE (binned, approximate), 10k / 100k / 1M
# points onto a 1000 x 1000 grid with h = 25 cells. Prints medians, ratios (peer / ours: above
# 1 = BorderMap faster) and each peer's difference from our grid.
# Usage: bash Benchmarks/kde.sh [REPEATS]
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-5}
work=Benchmarks/work/kde
mkdir -p "$work"

if [ ! -x Benchmarks/.venv/bin/python ] || ! Benchmarks/.venv/bin/python -c 'import KDEpy' 2>/dev/null; then
    [ -x Benchmarks/.venv/bin/python ] || python3 -m venv Benchmarks/.venv
    Benchmarks/.venv/bin/pip install -q numpy KDEpy
fi
swift build -c release --product bordermap-bench >/dev/null

[ -f "$work/kde_points_1000000.bin" ] || Benchmarks/.venv/bin/python Benchmarks/kde_peer.py "$work" 1 write
ours=$(.build/release/bordermap-bench kde "$work" "$repeats")
peer=$(Benchmarks/.venv/bin/python Benchmarks/kde_peer.py "$work" "$repeats" compare)

python3 - "$ours" "$peer" <<'PY'
import json, sys
ours, peer = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"peers: {peer['versions']}; BorderMap threads: {ours['threads']}")
print(f"{'points':>9} {'BorderMap':>11} {'numpy exact':>12} {'ratio':>7} {'KDEpy FFT':>10} {'ratio':>7} {'ours vs numpy':>14} {'FFT error':>10}")
for n in (10_000, 100_000, 1_000_000):
    a, b, c = ours[f"kde_{n}"], peer[f"numpy_{n}"], peer[f"kdepy_fft_{n}"]
    print(f"{n:>9,} {a*1000:8.1f} ms {b*1000:9.1f} ms {b/a:6.2f}x {c*1000:7.1f} ms {c/a:6.2f}x"
          f" {peer[f'ours_vs_numpy_max_rel_{n}']:14.1e} {peer[f'kdepy_vs_exact_max_abs_over_max_{n}']:10.1e}")
    if peer[f"ours_vs_numpy_max_rel_{n}"] > 1e-9:
        sys.exit(f"BorderMap's grid differs from the exact numpy grid at {n} points")
print("ratio = peer time / BorderMap time; 'ours vs numpy' = max relative difference on cells > 1e-6 max;")
print("'FFT error' = KDEpy's max absolute error / grid max (binned linear interpolation onto the grid)")
PY
