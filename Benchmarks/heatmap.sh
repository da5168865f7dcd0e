#!/usr/bin/env bash
# Heat map tiles over a million incidents (issue 9): the server's path (one surface per data
# version and zoom band, tiles sampling it) against the density recomputed per tile, side by
# side in one run. Usage: bash Benchmarks/heatmap.sh [COUNT]   (default 1,000,000 incidents)
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-1000000}"
swift build -c release --scratch-path .build-release --product bordermap-bench >/dev/null
swift build -c release --scratch-path .build-release --product bordermap >/dev/null
bin=.build-release/release
mkdir -p Benchmarks/work
db="Benchmarks/work/heatmap-$count.sqlite"
if [ ! -f "$db" ]; then
    echo "generating $count synthetic incidents into $db"
    "$bin"/bordermap demo-data --count "$count" --seed 42 --out "$db" >/dev/null
fi
echo "== $count incidents, situation-room style, 3x3 tiles around the Fergana valley at z3-z10"
"$bin"/bordermap-bench heatmap "$db" Styles/situation-room.json Shapefiles | tee "Benchmarks/work/heatmap-$count.json"
python3 - "Benchmarks/work/heatmap-$count.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
print(f"incidents {r['incidents']}, radius {r['radius_km']:.1f} km")
print(f"{'zoom':>4} {'first tile':>11} {'next tiles':>11} {'per-tile KDE':>13} {'ratio':>7}")
for z in range(3, 11):
    s = r[f"z{z}"]
    print(f"{z:>4} {s['first_tile_s']*1000:9.1f} ms {s['next_tiles_median_s']*1000:9.1f} ms {s['per_tile_median_s']*1000:11.1f} ms "
          f"{s['per_tile_median_s']/max(s['next_tiles_median_s'],1e-9):6.1f}x")
print(f"worst first tile {r['first_tile_max_s']:.2f} s (goal 1 s); next tiles median {r['next_tiles_median_s']*1000:.1f} ms (goal 20 ms)")
PY
