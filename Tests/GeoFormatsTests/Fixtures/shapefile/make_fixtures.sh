#!/bin/sh
# Regenerates the shapefile fixtures with GDAL's ogr2ogr (tested with GDAL 3.6.2).
# The WKT and text in the CSV inputs below are the oracle values the tests compare against.
# Usage: sh make_fixtures.sh   (run in this folder)
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# --- Z / M geometries -------------------------------------------------------------------------
cat > "$tmp/pointz.csv" <<'CSV'
id,WKT
1,"POINT Z (69.25 41.3 455.5)"
2,"POINT Z (68.78 38.56 800)"
CSV
cat > "$tmp/pointm.csv" <<'CSV'
id,WKT
1,"POINT M (69.25 41.3 7.5)"
2,"POINT M (68.78 38.56 -2)"
CSV
cat > "$tmp/linezm.csv" <<'CSV'
id,WKT
1,"LINESTRING ZM (60 40 100 0,61 41 110 1.5,62 40.5 120 3)"
2,"MULTILINESTRING ZM ((70 40 1 10,71 40 2 11),(72 41 3 12,73 42 4 13,74 42 5 14))"
CSV
cat > "$tmp/polygonz.csv" <<'CSV'
id,WKT
1,"POLYGON Z ((60 40 1,64 40 2,64 44 3,60 44 4,60 40 1),(61 41 5,62 41 6,62 42 7,61 42 8,61 41 5))"
2,"MULTIPOLYGON Z (((70 40 1,72 40 1,72 42 1,70 42 1,70 40 1)),((80 40 9,82 40 9,81 42 9,80 40 9)))"
CSV
cat > "$tmp/polygonm.csv" <<'CSV'
id,WKT
1,"POLYGON M ((60 40 1,64 40 2,64 44 3,60 44 4,60 40 1))"
CSV
cat > "$tmp/multipointz.csv" <<'CSV'
id,WKT
1,"MULTIPOINT Z ((10 20 30),(11 21 31),(12 22 32))"
CSV
ogr2ogr -f "ESRI Shapefile" pointz.shp "$tmp/pointz.csv" -nlt POINTZ -oo GEOM_POSSIBLE_NAMES=WKT -oo KEEP_GEOM_COLUMNS=NO
ogr2ogr -f "ESRI Shapefile" pointm.shp "$tmp/pointm.csv" -nlt POINTM -oo GEOM_POSSIBLE_NAMES=WKT -oo KEEP_GEOM_COLUMNS=NO
ogr2ogr -f "ESRI Shapefile" linezm.shp "$tmp/linezm.csv" -nlt MULTILINESTRINGZM -oo GEOM_POSSIBLE_NAMES=WKT -oo KEEP_GEOM_COLUMNS=NO
ogr2ogr -f "ESRI Shapefile" polygonz.shp "$tmp/polygonz.csv" -nlt MULTIPOLYGONZ -oo GEOM_POSSIBLE_NAMES=WKT -oo KEEP_GEOM_COLUMNS=NO
ogr2ogr -f "ESRI Shapefile" polygonm.shp "$tmp/polygonm.csv" -nlt POLYGONM -oo GEOM_POSSIBLE_NAMES=WKT -oo KEEP_GEOM_COLUMNS=NO
ogr2ogr -f "ESRI Shapefile" multipointz.shp "$tmp/multipointz.csv" -nlt MULTIPOINTZ -oo GEOM_POSSIBLE_NAMES=WKT -oo KEEP_GEOM_COLUMNS=NO

# --- Cyrillic DBFs without .cpg: GDAL records the code page in the language-driver byte -------
cat > "$tmp/cyr.csv" <<'CSV'
id,name,WKT
1,Ташкент,"POINT (69.2401 41.2995)"
2,Душанбе,"POINT (68.7864 38.5358)"
3,Бишкек Ёё,"POINT (74.5698 42.8746)"
CSV
# -lco ENCODING=LDID/n makes GDAL write language-driver byte n and no .cpg:
# 201 (0xC9) = CP1251, 101 (0x65) = CP866, 38 (0x26) = CP866. ENCODING=CP1251 writes a .cpg instead.
for ldid in 201 101 38; do
  ogr2ogr -f "ESRI Shapefile" "cyr_ldid$ldid.shp" "$tmp/cyr.csv" -lco ENCODING=LDID/$ldid \
    -oo GEOM_POSSIBLE_NAMES=WKT -oo KEEP_GEOM_COLUMNS=NO
done
ogr2ogr -f "ESRI Shapefile" cyr_cpg1251.shp "$tmp/cyr.csv" -lco ENCODING=CP1251 \
  -oo GEOM_POSSIBLE_NAMES=WKT -oo KEEP_GEOM_COLUMNS=NO
rm -f ./*.prj
for f in cyr_*.dbf; do printf '%s LDID byte %s\n' "$f" "$(xxd -s 29 -l 1 -p "$f")"; done
