#!/usr/bin/env bash
# Side-by-side benchmark of the foundation modules against pyproj, shapely 2 and GDAL/OGR, in
# one run on one machine. Prints median seconds for each tool and the ratio (theirs / ours:
# above 1 means BorderMap is faster). Usage: bash Benchmarks/foundation.sh [REPEATS]
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-7}
work=Benchmarks/work
mkdir -p "$work"

# Peers: pyproj and shapely from PyPI in a private venv; GDAL's Python bindings from Debian.
if [ ! -x Benchmarks/.venv/bin/python ]; then
    python3 -m venv Benchmarks/.venv
    Benchmarks/.venv/bin/pip install -q numpy pyproj 'shapely>=2'
fi
dpkg-query -W -f='${Status}' python3-gdal 2>/dev/null | grep -q 'install ok installed' || {
    [ "$(id -u)" = 0 ] && sudo= || sudo=sudo
    $sudo apt-get install -y -qq python3-gdal >/dev/null
}
swift build -c release --product bordermap-bench >/dev/null

ogr2ogr -f GeoJSON -where "ADM0_A3='KAZ'" "$work/kazakhstan.geojson" Shapefiles/ca_admin0_countries.shp -overwrite 2>/dev/null || {
    rm -f "$work/kazakhstan.geojson"
    ogr2ogr -f GeoJSON -where "ADM0_A3='KAZ'" "$work/kazakhstan.geojson" Shapefiles/ca_admin0_countries.shp
}
peer=$(cd Benchmarks && .venv/bin/python peer_pyproj_shapely.py work "$repeats")
gdal=$(cd Benchmarks && /usr/bin/python3 peer_gdal.py "$repeats" ../Shapefiles/ca_populated_places.shp ../Shapefiles/ca_rivers_gshhg.shp)
ours=$(.build/release/bordermap-bench foundation "$work" Shapefiles "$repeats")

python3 - "$ours" "$peer" "$gdal" <<'PY'
import json, sys
ours, peer, gdal = (json.loads(a) for a in sys.argv[1:4])
theirs = {**peer, **gdal}
print(f"peers: {peer['versions']}; {gdal['versions']}")
if ours["pip_inside_count"] != peer["pip_inside_count"]:
    sys.exit(f"point-in-polygon disagrees: ours {ours['pip_inside_count']}, shapely {peer['pip_inside_count']}")
rows = [("transform 1M points WGS 84 -> UTM 42N", "transform_1m_utm42n", "pyproj"),
        ("1M point-in-polygon, Kazakhstan, prepared", "pip_1m_kazakhstan_prepared", "shapely"),
        ("read ca_populated_places (8,475 points)", "read_ca_populated_places", "GDAL/OGR"),
        ("read ca_rivers_gshhg (2,321 lines)", "read_ca_rivers_gshhg", "GDAL/OGR")]
print(f"{'task':45} {'BorderMap':>11} {'peer':>9} {'peer time':>11} {'ratio':>7}")
for label, key, who in rows:
    a, b = ours[key], theirs[key]
    print(f"{label:45} {a*1000:9.1f} ms {who:>9} {b*1000:8.1f} ms {b/a:6.2f}x")
print(f"(median of {sys.argv[0] and ''}runs; ratio = peer time / BorderMap time, above 1 = BorderMap faster)")
PY
