#!/usr/bin/env bash
# Side-by-side benchmark of the incident store (issue 4, SQLite half) against GDAL/OGR and the
# sqlite3 shell, in one run on one machine:
#   import  - `bordermap import` of 1M synthetic CSV rows into a fresh SQLite store vs `ogr2ogr`
#             of the same CSV into a fresh GeoPackage (wall clock of each process, median; peak
#             resident memory of each from /usr/bin/time);
#   queries - bbox queries holding about 1 % and 10 % of the rows: SQLiteIncidentStore's
#             count(matching:) and a full forEach (bordermap-bench incidents) vs the same
#             hand-written SQL run by the sqlite3 shell on the same database file (`.timer on`,
#             "real" per statement, rows to /dev/null), each REPEATS times in one process.
# Ratio = peer time / BorderMap time: above 1 means BorderMap is faster.
# Writes only under Benchmarks/work/incidents (gitignored).
# Usage: bash Benchmarks/incidents.sh [REPEATS (default 3)] [QUERY_REPEATS (default 7)]
#        ROWS=N overrides the 1,000,000 rows (for a quick trial).
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-3}
qrepeats=${2:-7}
rows=${ROWS:-1000000}
work=Benchmarks/work/incidents
mkdir -p "$work"
now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$1" "$2"; }

for product in bordermap bordermap-bench; do
    swift build -c release --product "$product" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
done
bin=.build/release

# 1. The input, generated once (not part of the comparison).
[ "$rows" = 1000000 ] && csv=$work/demo-1m.csv || csv=$work/demo-$rows.csv
if [ ! -s "$csv" ]; then
    t0=$(now)
    "$bin/bordermap" demo-data --out "$work/partial.csv" --count "$rows" --seed 4 >/dev/null
    mv "$work/partial.csv" "$csv"
    echo "generated $csv ($rows rows) in $(elapsed "$t0" "$(now)") s"
else
    echo "using cached $csv"
fi
echo "input: $(du -h "$csv" | cut -f1), header: $(head -1 "$csv")"

# 2. Import, alternating ours and the peer in each repeat; a fresh output every time.
ours_db=$work/ours.sqlite peer_gpkg=$work/peer.gpkg
ours_import=() peer_import=() ours_split=() ours_rss=() peer_rss=()
for ((i = 1; i <= repeats; i++)); do
    rm -f "$ours_db" "$ours_db-wal" "$ours_db-shm"
    t0=$(now)
    /usr/bin/time -f %M -o "$work/ours-rss" "$bin/bordermap" import "$csv" --db "$ours_db" >/dev/null 2>"$work/ours-import.log"
    ours_import+=("$(elapsed "$t0" "$(now)")")
    ours_rss+=("$(tail -1 "$work/ours-rss")")
    ours_split+=("$(grep -o 'read in .*' "$work/ours-import.log" | head -1)")
    rm -f "$peer_gpkg"
    t0=$(now)
    /usr/bin/time -f %M -o "$work/peer-rss" ogr2ogr -f GPKG "$peer_gpkg" "$csv" -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat \
        -oo AUTODETECT_TYPE=YES -a_srs EPSG:4326 -nln incidents 2>"$work/peer-import.log"
    peer_import+=("$(elapsed "$t0" "$(now)")")
    peer_rss+=("$(tail -1 "$work/peer-rss")")
    echo "import repeat $i: BorderMap ${ours_import[-1]} s (${ours_split[-1]}, peak ${ours_rss[-1]} KiB)," \
        "ogr2ogr ${peer_import[-1]} s (peak ${peer_rss[-1]} KiB)" >&2
done
ours_rows=$(sqlite3 "$ours_db" "SELECT count(*) FROM incidents")
peer_rows=$(sqlite3 "$peer_gpkg" "SELECT count(*) FROM incidents")
[ "$ours_rows" = "$rows" ] && [ "$peer_rows" = "$rows" ] || {
    echo "row counts differ: input $rows, BorderMap $ours_rows, ogr2ogr $peer_rows" >&2; exit 1; }
# The packed R*Tree must be one SQLite itself accepts.
[ "$(sqlite3 "$ours_db" "SELECT rtreecheck('incidents_rtree')")" = ok ] || { echo "rtreecheck failed" >&2; exit 1; }

# 3. Queries on the store ours just wrote.
cols="i.id, i.occurred_at, i.lon, i.lat, i.category, i.substance, i.quantity_kg, i.agency, i.border_post, i.source, i.properties, i.source_key"
queries=()
for fraction in 0.01 0.10; do
    read -r box expected < <(python3 Benchmarks/incidents_bbox.py "$ours_db" "$fraction")
    IFS=, read -r w s e n <<<"$box"
    where="FROM incidents i JOIN incidents_rtree r ON r.id = i.seq WHERE r.max_lon >= $w AND r.min_lon <= $e AND r.max_lat >= $s AND r.min_lat <= $n AND i.lon >= $w AND i.lon <= $e AND i.lat >= $s AND i.lat <= $n"
    ours=$("$bin/bordermap-bench" incidents "$ours_db" "$qrepeats" "$box")
    peer_count=$(sqlite3 "$ours_db" "SELECT count(*) $where")
    peer_times=$({
        echo ".timer on"
        echo ".output /dev/null"
        for ((i = 0; i < qrepeats; i++)); do echo "SELECT count(*) $where;"; done
        for ((i = 0; i < qrepeats; i++)); do echo "SELECT $cols $where ORDER BY i.occurred_at, i.id;"; done
    } | sqlite3 "$ours_db" | awk '/^Run Time: real/ { printf "%s ", $4 }')
    queries+=("$fraction|$box|$expected|$peer_count|$ours|$peer_times")
done

python3 - "$rows" "$repeats" "$qrepeats" "${ours_import[*]}" "${peer_import[*]}" "${ours_rss[*]} | ${peer_rss[*]}" "${queries[@]}" <<'PY'
import json, statistics, subprocess, sys
rows, repeats, qrepeats = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
ours_import = [float(x) for x in sys.argv[4].split()]
peer_import = [float(x) for x in sys.argv[5].split()]
ours_rss, peer_rss = ([int(x) for x in part.split()] for part in sys.argv[6].split("|"))
gdal = subprocess.run(["ogr2ogr", "--version"], capture_output=True, text=True).stdout.strip()
sqlite = subprocess.run(["sqlite3", "--version"], capture_output=True, text=True).stdout.split()[0]
print(f"peers: {gdal}; sqlite3 shell {sqlite}")
print(f"{'task':48} {'BorderMap':>12} {'peer':>8} {'peer time':>12} {'ratio':>7}")
a, b = statistics.median(ours_import), statistics.median(peer_import)
print(f"{f'import {rows:,} CSV rows (SQLite vs GPKG)':48} {a:10.2f} s {'ogr2ogr':>8} {b:10.2f} s {b/a:6.2f}x")
print(f"{'  rows per second':48} {rows/a:12,.0f} {'':>8} {rows/b:12,.0f}")
print(f"{'  peak resident memory (largest of the runs)':48} {max(ours_rss)/1024:9.0f} MiB {'':>8} {max(peer_rss)/1024:9.0f} MiB")
for q in sys.argv[7:]:
    fraction, box, expected, peer_count, ours, peer_times = q.split("|")
    ours, peer_times = json.loads(ours), [float(x) for x in peer_times.split()]
    if not (int(ours["count"]) == int(ours["rows"]) == int(peer_count) == int(expected)):
        sys.exit(f"bbox {box}: counts differ: store count {ours['count']}, forEach {ours['rows']}, SQL {peer_count}")
    pc, ps = statistics.median(peer_times[:qrepeats]), statistics.median(peer_times[qrepeats:])
    share = f"{float(fraction):.0%}"
    print(f"bbox {box} ({int(peer_count):,} rows, {int(peer_count)/rows:.1%})")
    for label, mine, theirs in ((f"  count, {share} box", ours["count_median"], pc),
                                (f"  all rows, {share} box", ours["foreach_median"], ps)):
        ratio = f"{theirs/mine:6.2f}x" if theirs > 0 else "  <1 ms"
        print(f"{label:48} {mine*1000:9.1f} ms {'sqlite3':>8} {theirs*1000:9.1f} ms {ratio}")
print(f"(import: median of {repeats} wall-clock runs per tool, fresh output each; queries: median of "
      f"{qrepeats} runs in one process per tool, the sqlite3 shell's '.timer' real time at 1 ms "
      f"resolution; ratio = peer time / BorderMap time, above 1 = BorderMap faster)")
PY
