#!/usr/bin/env bash
# Seeding side by side: `bordermap seed` against Mapnik 8x8 metatiles written into an MBTiles
# file (Benchmarks/seed_mapnik.py), same layers, same 1,153 tiles (lon 46-88, lat 30-56, zooms
# 3-8, 256 px), with 1 and 2 workers each, in one run; median of REPEATS (default 3) wall times,
# loading of data and styles included. Also times a resumed run that finds every tile stored.
#
# Styles as in compare-mapnik: shared/reference/mapnik/situation-room.xml for Mapnik, and
# Styles/situation-room.json cut to the layers marked metadata.mapnik for BorderMap.
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-3}
box=46,30,88,56
z0=3 z1=8
work=Benchmarks/work/seed
reference=${MAPNIK_XML:-../shared/reference/mapnik/situation-room.xml}
[ -f "$reference" ] || { echo "Mapnik reference style not found at $reference (set MAPNIK_XML)"; exit 1; }
need=(python3-mapnik mapnik-utils)
missing=$(for p in "${need[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"; done)
if [ -n "$missing" ]; then
    [ "$(id -u)" = 0 ] && sudo= || sudo=sudo
    $sudo apt-get install -y -qq $missing >/dev/null
fi
rm -rf "$work" && mkdir -p "$work/data"
cp Shapefiles/*.shp Shapefiles/*.shx Shapefiles/*.dbf Shapefiles/*.prj Shapefiles/*.cpg "$work/data/"
(cd "$work/data" && shapeindex ./*.shp >/dev/null 2>&1)
sed "s#DATA_DIR#$PWD/$work/data#g" "$reference" > "$work/mapnik.xml"
python3 - "$work/style.json" <<'PY'
import json, sys
style = json.load(open("Styles/situation-room.json"))
style["layers"] = [l for l in style["layers"] if l["type"] == "background" or "mapnik" in (l.get("metadata") or {})]
used = {l.get("source") for l in style["layers"]}
style["sources"] = {k: v for k, v in style["sources"].items() if k in used}
for v in style["sources"].values():
    v["path"] = "../../../Styles/" + v["path"]
json.dump(style, open(sys.argv[1], "w"), indent=1)
PY
swift build -c release --product bordermap >/dev/null
ours() {  # workers -> seconds (wall, whole command)
    rm -f "$work/ours.mbtiles"
    local t0=$(date +%s.%N)
    .build/release/bordermap seed --style "$work/style.json" --data Shapefiles --zoom $z0-$z1 --bbox $box \
        --workers "$1" --out "$work/ours.mbtiles" >"$work/ours.txt"
    echo "$(date +%s.%N) - $t0" | bc
}
resume() {
    local t0=$(date +%s.%N)
    .build/release/bordermap seed --style "$work/style.json" --data Shapefiles --zoom $z0-$z1 --bbox $box \
        --out "$work/ours.mbtiles" >"$work/resume.txt"
    echo "$(date +%s.%N) - $t0" | bc
}
theirs() { /usr/bin/python3 Benchmarks/seed_mapnik.py "$work/mapnik.xml" "$work/mapnik.mbtiles" $z0 $z1 $box "$1"; }
results=()
for i in $(seq "$repeats"); do
    for w in 1 2; do
        results+=("ours $w $(ours $w)")
        results+=("mapnik $w $(theirs $w | python3 -c 'import json,sys; print(json.load(sys.stdin)["seconds"])')")
    done
    results+=("resume 2 $(resume)")
done
printf '%s\n' "${results[@]}" > "$work/times.txt"
python3 - "$work" <<'PY'
import os, re, sqlite3, statistics, sys
work = sys.argv[1]
times = {}
for line in open(f"{work}/times.txt"):
    who, w, s = line.split()
    times.setdefault((who, int(w)), []).append(float(s))
med = {k: statistics.median(v) for k, v in times.items()}
n = sqlite3.connect(f"{work}/mapnik.mbtiles").execute("SELECT count(*) FROM tiles").fetchone()[0]
ours_n = sqlite3.connect(f"{work}/ours.mbtiles").execute("SELECT count(*) FROM tiles").fetchone()[0]
assert n == ours_n, (n, ours_n)
size = lambda p: os.path.getsize(p) / 1e6
print(f"{n} tiles, z3-8, lon 46-88 lat 30-56, 256 px; median of {len(times[('ours', 1)])} runs, wall time incl. loading")
print(f"{'':34} {'1 worker':>14} {'2 workers':>14}")
for who, label in (("mapnik", "Mapnik metatiles -> MBTiles"), ("ours", "bordermap seed")):
    print(f"{label:34} " + " ".join(f"{n/med[(who, w)]:8.1f} t/s {med[(who, w)]:4.1f}s" for w in (1, 2)))
print("ratio (Mapnik time / ours): " + ", ".join(f"{w} worker(s) {med[('mapnik', w)]/med[('ours', w)]:.2f}x" for w in (1, 2)))
print(f"resumed run, every tile already stored: {med[('resume', 2)]:.2f} s ({open(f'{work}/resume.txt').read().strip()[:90]}...)")
print(f"file size: ours {size(f'{work}/ours.mbtiles'):.1f} MB (deduplicated images), Mapnik {size(f'{work}/mapnik.mbtiles'):.1f} MB")
PY
