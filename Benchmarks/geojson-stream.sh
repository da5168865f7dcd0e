#!/usr/bin/env bash
# GET /geojson/incidents side by side with GDAL (issue 11), in one run on one machine:
#   ours - a release `bordermap serve --db FILE` on 127.0.0.1 streaming every incident of a
#          1,000,000-incident demo store; `curl -s -o /dev/null` times the whole download;
#   peer - `ogr2ogr -f GeoJSON /vsistdout/ export.gpkg incidents > /dev/null` on the GeoPackage
#          that `bordermap export --format gpkg` wrote from the same store.
# ROUNDS rounds (default 3), ours and the peer alternating; medians. Ratio = peer time / ours:
# above 1 means the server is faster. Also printed: the server's peak resident memory (VmHWM of
# /proc/PID/status) after start-up and after all downloads, the server's CPU seconds per
# download, the peer's peak (/usr/bin/time), and the feature counts of one download of each
# (ogrinfo -so), which must equal the store's.
# Writes only under Benchmarks/work/geojson-stream (gitignored); the store and the GeoPackage are
# kept between runs (delete the folder to rebuild them).
# Usage: bash Benchmarks/geojson-stream.sh [ROUNDS]    COUNT=N overrides 1,000,000 (a quick trial);
#        BORDERMAP=PATH uses that binary instead of building the release one.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-3}
count=${COUNT:-1000000}
work=Benchmarks/work/geojson-stream
mkdir -p "$work"
now() { date +%s.%N; }
elapsed() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}')" "$1" "$2"; }
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
features() { ogrinfo -ro -so -al "$1" | sed -n 's/^Feature Count: //p'; }

bordermap=${BORDERMAP:-}  # an already built binary (a trial run); by default the release build
if [ -z "$bordermap" ]; then
    swift build -c release --product bordermap >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
    bordermap=.build/release/bordermap
fi

# 1. The store and its GeoPackage export, made once (not part of the comparison).
db=$work/demo-$count.sqlite gpkg=$work/demo-$count.gpkg
if [ ! -s "$db" ]; then
    t0=$(now)
    rm -f "$work/partial.sqlite"*
    "$bordermap" demo-data --out "$work/partial.sqlite" --count "$count" --seed 42 --data Shapefiles >/dev/null
    mv "$work/partial.sqlite" "$db"
    echo "generated $db in $(elapsed "$t0" "$(now)") s"
fi
if [ ! -s "$gpkg" ]; then
    rm -f "$gpkg"
    "$bordermap" export --layer incidents --db "$db" --format gpkg --out "$gpkg" >/dev/null
fi
stored=$(sqlite3 "$db" "SELECT count(*) FROM incidents")
echo "store: $stored incidents ($(du -h "$db" | cut -f1)), GeoPackage $(du -h "$gpkg" | cut -f1)"

# 2. The server.
log=$work/serve.log
"$bordermap" serve --host 127.0.0.1 --port 0 --db "$db" --data Shapefiles --styles Styles --no-request-log >"$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true' EXIT
url=
for _ in $(seq 600); do
    url=$(sed -n 's#^BorderMap serving .* on \(http://[^/]*\)/$#\1#p' "$log" || true)
    [ -n "$url" ] && break
    kill -0 "$pid" 2>/dev/null || { cat "$log"; echo "bordermap serve exited"; exit 1; }
    sleep 0.1
done
[ -n "$url" ] || { echo "bordermap serve did not start: $log"; exit 1; }
hwm() { awk '/^VmHWM/ { print $2 }' "/proc/$pid/status"; }
cpu() { awk '{ printf "%.2f\n", ($14 + $15) / 100 }' "/proc/$pid/stat"; }  # utime + stime, clock ticks of 1/100 s
curl -sf "$url/health" >/dev/null
start_hwm=$(hwm)

# 3. Alternating rounds.
ours=() peer=() ours_cpu=() peer_rss=() sizes=()
for ((i = 1; i <= rounds; i++)); do
    c0=$(cpu)
    read -r t size < <(curl -s -o /dev/null -w '%{time_total} %{size_download}\n' "$url/geojson/incidents")
    c1=$(cpu)
    ours+=("$t") sizes+=("$size")
    ours_cpu+=("$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.2f}')" "$c0" "$c1")")
    t0=$(now)
    /usr/bin/time -f %M -o "$work/peer-rss" ogr2ogr -f GeoJSON /vsistdout/ "$gpkg" incidents >/dev/null
    peer+=("$(elapsed "$t0" "$(now)")")
    peer_rss+=("$(tail -1 "$work/peer-rss")")
    echo "round $i: server ${ours[-1]} s ($size bytes, server CPU ${ours_cpu[-1]} s, VmHWM $(hwm) KiB)," \
        "ogr2ogr ${peer[-1]} s (peak ${peer_rss[-1]} KiB)"
done
end_hwm=$(hwm)

# 4. The same features on both sides.
curl -sf -o "$work/ours.geojson" "$url/geojson/incidents"
ogr2ogr -f GeoJSON /vsistdout/ "$gpkg" incidents >"$work/peer.geojson"
ours_n=$(features "$work/ours.geojson") peer_n=$(features "$work/peer.geojson")
echo "features: server $ours_n, ogr2ogr $peer_n, store $stored"
[ "$ours_n" = "$stored" ] && [ "$peer_n" = "$stored" ] || { echo "feature counts differ" >&2; exit 1; }
rm -f "$work/ours.geojson" "$work/peer.geojson"

m_ours=$(median "${ours[@]}") m_peer=$(median "${peer[@]}")
echo "median of $rounds: server $m_ours s, ogr2ogr $m_peer s, ratio (ogr2ogr / server) $(python3 -c "import sys; print(f'{float(sys.argv[1]) / float(sys.argv[2]):.2f}')" "$m_peer" "$m_ours")"
echo "server: $(python3 -c "import sys; print(f'{int(sys.argv[1]) / float(sys.argv[2]) / 1e6:.0f}')" "${sizes[0]}" "$m_ours") MB/s," \
    "median CPU $(median "${ours_cpu[@]}") s per download, VmHWM $start_hwm KiB after start, $end_hwm KiB after $rounds downloads;" \
    "ogr2ogr peak $(median "${peer_rss[@]}") KiB"
