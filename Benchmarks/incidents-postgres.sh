#!/usr/bin/env bash
# Side-by-side benchmark of the PostgreSQL + PostGIS incident store (issue 4, PostgreSQL half)
# against GDAL/OGR and psql, in one run on one machine, on one throwaway PostgreSQL 15 server
# (initdb into Benchmarks/work/incidents/pg, 127.0.0.1 and a socket there, stopped at the end):
#   import  - `bordermap import CSV --postgres URL` of 1M synthetic CSV rows into a fresh
#             database vs `ogr2ogr -f PostgreSQL` of the same CSV into another fresh database of
#             the same server (both with PostGIS created beforehand; wall clock, median);
#   queries - bbox queries holding about 1 % and 10 % of the rows: PostgresIncidentStore's
#             count(matching:) and a full forEach (bordermap-bench incidents URL) vs the same
#             hand-written SQL run by psql on the same database (`\timing`, rows to /dev/null),
#             each QUERY_REPEATS times in one process.
# Ratio = peer time / BorderMap time: above 1 means BorderMap is faster.
# Needs postgresql-15 and postgresql-15-postgis-3 (`make setup WITH_POSTGRES=1`).
# Usage: bash Benchmarks/incidents-postgres.sh [REPEATS (default 3)] [QUERY_REPEATS (default 7)]
#        ROWS=N overrides the 1,000,000 rows (for a quick trial).
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${1:-3}
qrepeats=${2:-7}
rows=${ROWS:-1000000}
work=Benchmarks/work/incidents
pgbin=/usr/lib/postgresql/15/bin
mkdir -p "$work"
now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$1" "$2"; }
[ -x "$pgbin/initdb" ] && [ -f /usr/share/postgresql/15/extension/postgis.control ] || {
    echo "needs postgresql-15 and postgresql-15-postgis-3: make setup WITH_POSTGRES=1" >&2; exit 1; }

for product in bordermap bordermap-bench; do
    swift build -c release --product "$product" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
done
bin=.build/release

# 1. The input, generated once and shared with incidents.sh (not part of the comparison).
[ "$rows" = 1000000 ] && csv=$work/demo-1m.csv || csv=$work/demo-$rows.csv
if [ ! -s "$csv" ]; then
    "$bin/bordermap" demo-data --out "$work/partial.csv" --count "$rows" --seed 4 >/dev/null
    mv "$work/partial.csv" "$csv"
fi
echo "input: $csv, $(du -h "$csv" | cut -f1)"

# 2. The throwaway server; PostgreSQL refuses to run as root, so then it runs as postgres.
pgdir=$(realpath "$work")/pg
as_pg=()
[ "$(id -u)" = 0 ] && as_pg=(runuser -u postgres --)
rm -rf "$pgdir" && mkdir -p "$pgdir"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$pgdir"
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${as_pg[@]}" "$pgbin/initdb" -D "$pgdir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C >"$work/initdb.log"
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$pgdir -c max_wal_size=4GB" start >/dev/null
trap '"${as_pg[@]}" "$pgbin/pg_ctl" -D "$pgdir/data" -m fast -w stop >/dev/null; rm -rf "$pgdir"' EXIT
psql_to() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -A -t -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d "$1" "${@:2}"; }
fresh_db() { psql_to postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1"; psql_to "$1" -c "CREATE EXTENSION postgis"; }
postgres_version=$(psql_to postgres -c "SELECT split_part(version(), ' ', 2)")

# 3. Import, alternating ours and the peer in each repeat; fresh databases every time.
url="postgres://postgres@127.0.0.1:$port/ours"
ours_import=() peer_import=() ours_split=()
for ((i = 1; i <= repeats; i++)); do
    fresh_db ours
    t0=$(now)
    "$bin/bordermap" import "$csv" --postgres "$url" >/dev/null 2>"$work/ours-pg-import.log"
    ours_import+=("$(elapsed "$t0" "$(now)")")
    ours_split+=("$(grep -o 'read in .*' "$work/ours-pg-import.log" | head -1 || true)")
    fresh_db peer
    t0=$(now)
    ogr2ogr -f PostgreSQL "PG:host=127.0.0.1 port=$port user=postgres dbname=peer" "$csv" \
        -oo X_POSSIBLE_NAMES=lon -oo Y_POSSIBLE_NAMES=lat -oo AUTODETECT_TYPE=YES -a_srs EPSG:4326 \
        -nln incidents -lco GEOMETRY_NAME=geom --config PG_USE_COPY YES 2>"$work/peer-pg-import.log"
    peer_import+=("$(elapsed "$t0" "$(now)")")
    echo "import repeat $i: BorderMap ${ours_import[-1]} s (${ours_split[-1]}), ogr2ogr ${peer_import[-1]} s" >&2
done
ours_rows=$(psql_to ours -c "SELECT count(*) FROM incidents")
peer_rows=$(psql_to peer -c "SELECT count(*) FROM incidents")
[ "$ours_rows" = "$rows" ] && [ "$peer_rows" = "$rows" ] || {
    echo "row counts differ: input $rows, BorderMap $ours_rows, ogr2ogr $peer_rows" >&2; exit 1; }
psql_to ours -c "VACUUM ANALYZE incidents"

# 4. Queries on the database ours just wrote.
cols="i.id, (extract(epoch FROM i.occurred_at) * 1000)::int8, i.lon, i.lat, i.category, i.substance, i.quantity_kg, i.agency, i.border_post, i.source, i.properties::text, i.source_key"
queries=()
for fraction in 0.01 0.10; do
    read -r box expected < <(python3 Benchmarks/incidents_bbox_postgres.py -h 127.0.0.1 -p "$port" -U postgres -d ours "$fraction")
    IFS=, read -r w s e n <<<"$box"
    where="FROM incidents i WHERE i.geom && ST_MakeEnvelope($w, $s, $e, $n, 4326) AND i.lon >= $w AND i.lon <= $e AND i.lat >= $s AND i.lat <= $n"
    ours=$("$bin/bordermap-bench" incidents "$url" "$qrepeats" "$box")
    peer_count=$(psql_to ours -c "SELECT count(*) $where")
    peer_times=$({
        echo '\timing on'
        echo '\o /dev/null'
        for ((i = 0; i < qrepeats; i++)); do echo "SELECT count(*) $where;"; done
        for ((i = 0; i < qrepeats; i++)); do echo "SELECT $cols $where ORDER BY i.occurred_at, i.id;"; done
    } | psql_to ours | awk '/^Time:/ { printf "%s ", $2 / 1000 }')
    queries+=("$fraction|$box|$expected|$peer_count|$ours|$peer_times")
done

python3 - "$rows" "$repeats" "$qrepeats" "$postgres_version" "${ours_import[*]}" "${peer_import[*]}" "${queries[@]}" <<'PY'
import json, statistics, subprocess, sys
rows, repeats, qrepeats, pg = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
ours_import = [float(x) for x in sys.argv[5].split()]
peer_import = [float(x) for x in sys.argv[6].split()]
gdal = subprocess.run(["ogr2ogr", "--version"], capture_output=True, text=True).stdout.strip()
print(f"peers: {gdal}; PostgreSQL {pg} with psql")
print(f"{'task':48} {'BorderMap':>12} {'peer':>8} {'peer time':>12} {'ratio':>7}")
a, b = statistics.median(ours_import), statistics.median(peer_import)
print(f"{f'import {rows:,} CSV rows into PostgreSQL':48} {a:10.2f} s {'ogr2ogr':>8} {b:10.2f} s {b/a:6.2f}x")
print(f"{'  rows per second':48} {rows/a:12,.0f} {'':>8} {rows/b:12,.0f}")
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
        print(f"{label:48} {mine*1000:9.1f} ms {'psql':>8} {theirs*1000:9.1f} ms {theirs/mine:6.2f}x")
print(f"(import: median of {repeats} wall-clock runs per tool, fresh database each; queries: median of "
      f"{qrepeats} runs in one process per tool, psql's '\\timing' (client round trip, rows to /dev/null); "
      f"ratio = peer time / BorderMap time, above 1 = BorderMap faster)")
PY
