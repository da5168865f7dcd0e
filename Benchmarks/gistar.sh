#!/usr/bin/env bash
# Side-by-side benchmark of Getis-Ord Gi* (HotspotAnalysis) against PySAL: esda's G_Local on
# libpysal DistanceBand weights, in one run on one machine.
# Case: 1M seeded synthetic incidents (written by gistar_peer.py, not part of the comparison)
# counted into the 276 x 234 fishnet of 10 km cells of shared/reference/gistar_spec.json
# (64,584 cells), 15 km fixed distance band, binary weights with self (Gi*), FDR Gi_Bin.
# Times (median of REPEATS): aggregation, weights construction, Gi* + FDR bins, and ours as one
# GetisOrdGiStar.compute call (weights included). Both must produce the same counts and the same
# Gi_Bin for every cell, or the script fails.
# Usage: bash Benchmarks/gistar.sh [REPEATS (default 5)]
#        BENCH_BIN=path overrides the bordermap-bench binary (then nothing is built).
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-5}
work=Benchmarks/work/gistar
mkdir -p "$work"

if ! Benchmarks/.venv/bin/python -c 'import esda, libpysal, numpy' 2>/dev/null; then
    [ -x Benchmarks/.venv/bin/python ] || python3 -m venv Benchmarks/.venv
    Benchmarks/.venv/bin/pip install -q numpy esda libpysal
fi
if [ -z "${BENCH_BIN:-}" ]; then
    swift build -c release --product bordermap-bench >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
    BENCH_BIN=".build/release/bordermap-bench gistar"
fi

peer=$(Benchmarks/.venv/bin/python Benchmarks/gistar_peer.py "$work" "$repeats")
ours=$($BENCH_BIN "$work" "$repeats")

Benchmarks/.venv/bin/python - "$work" "$ours" "$peer" "$repeats" <<'PY'
import json, sys
import numpy as np
work, ours, peer, repeats = sys.argv[1], json.loads(sys.argv[2]), json.loads(sys.argv[3]), sys.argv[4]
oc, pc = np.fromfile(f"{work}/ours_counts.f64", "<f8"), np.fromfile(f"{work}/peer_counts.f64", "<f8")
ob, pb = np.fromfile(f"{work}/ours_bins.i8", np.int8), np.fromfile(f"{work}/peer_bins.i8", np.int8)
if oc.shape != pc.shape or not np.array_equal(oc, pc):
    sys.exit(f"cell counts differ in {int((oc != pc).sum())} cells")
if not np.array_equal(ob, pb):
    sys.exit(f"Gi_Bin differs in {int((ob != pb).sum())} of {len(pb)} cells")
o, p = ours["median_seconds"], peer["median_seconds"]
print(f"peer: {peer['versions']}; {ours['points']:,} points, {ours['cells']:,} cells; "
      f"Gi_Bin identical in every cell; bins {peer['bin_counts']}; median of {repeats} runs")
ms = lambda s: f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"
rows = [
    ("aggregate 1M points into the fishnet", o["aggregate"], "numpy floor + bincount", p["aggregate"]),
    ("15 km distance-band weights", o["weights"], "libpysal DistanceBand", p["weights"]),
    ("Gi* + FDR bins on those weights", o["gi_star_fdr"], "esda G_Local + numpy BH", p["gi_star"] + p["fdr_bins"]),
    ("Gi* + FDR bins including weights", o["compute_total"], "DistanceBand + G_Local + BH", p["weights"] + p["gi_star"] + p["fdr_bins"]),
]
print("| task | BorderMap | peer | peer time | ratio |")
print("|---|---:|---|---:|---:|")
for label, a, who, b in rows:
    print(f"| {label} | {ms(a)} | {who} | {ms(b)} | {b / a:,.0f}x |")
PY
