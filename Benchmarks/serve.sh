#!/usr/bin/env bash
# The tile server side by side (issue 5), in one run:
#  1. cached tiles: `bordermap serve` with every tile of a fixed list in its memory cache against
#     nginx serving the same PNGs as static files; both loaded by wrk over loopback with the same
#     threads, connections and duration, cycling through the list (Benchmarks/serve_cycle.lua);
#  2. uncached rendering under load: a fresh `bordermap serve` (memory cache on, no MBTiles)
#     against a Mapnik-per-request python server (Benchmarks/serve_mapnik.py), every tile of a
#     list asked for once over the same number of connections (Benchmarks/serve_tiles.py);
#  3. invalidation latency: POST /incidents to a changed tile, on the server that took the POST
#     and on a second server process sharing the SQLite file (Benchmarks/serve_invalidation.py).
# Prints requests or tiles per second, p50/p99 latency and ratios (medians of ROUNDS, default 3).
#
# usage: bash Benchmarks/serve.sh [ROUNDS]
# environment: WRK_SECONDS (10), WRK_CONNECTIONS (64: issue 11's wrk -t2 -c64), COLD_CONNECTIONS (8), TRIALS (10),
#              SERVE_CORES (2: cores both servers are pinned to, nginx workers, render threads),
#              BUILD_PATH (.build: SwiftPM's scratch path for the release build)
#
# Parts 1 and 2 serve Styles/situation-room.json cut to the layers marked metadata.mapnik (as
# compare-mapnik and seed.sh), Mapnik shared/reference/mapnik/situation-room.xml; part 3 the
# full situation-room style (incidents, density, hotspots) over 20,000 demo incidents.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/sbin:/sbin"  # nginx lives there, not on every user's PATH
rounds=${1:-3}
wrk_seconds=${WRK_SECONDS:-10}
wrk_connections=${WRK_CONNECTIONS:-64}
cold_connections=${COLD_CONNECTIONS:-8}
trials=${TRIALS:-10}
cores=${SERVE_CORES:-2}
cpus=0-$((cores - 1))
warm_box=55,35,80,50 cold_box=46,30,88,56
z0=3 z1=8
work=Benchmarks/work/serve
reference=${MAPNIK_XML:-../shared/reference/mapnik/situation-room.xml}
[ -f "$reference" ] || { echo "Mapnik reference style not found at $reference (set MAPNIK_XML)"; exit 1; }
need=(python3-mapnik mapnik-utils wrk)
missing=$(for p in "${need[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || echo "$p"; done)
command -v nginx >/dev/null || missing="$missing nginx-light"  # any Debian nginx flavour will do
if [ -n "$missing" ]; then
    [ "$(id -u)" = 0 ] && sudo= || sudo=sudo
    $sudo apt-get install -y -qq $missing >/dev/null
fi
[ "$(nproc)" -ge "$cores" ] || { echo "SERVE_CORES=$cores but this machine has $(nproc) cores"; exit 1; }

rm -rf "$work" && mkdir -p "$work/styles" "$work/data" "$work/results"
tmp=$(mktemp -d /tmp/bordermap-serve.XXXXXX)
started=()
cleanup() {
    for pid in "${started[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$tmp"
}
trap cleanup EXIT

# Mapnik reads the same shapefiles, with the .index files its users build with shapeindex.
cp Shapefiles/*.shp Shapefiles/*.shx Shapefiles/*.dbf Shapefiles/*.prj Shapefiles/*.cpg "$work/data/"
(cd "$work/data" && shapeindex ./*.shp >/dev/null 2>&1)
sed "s#DATA_DIR#$PWD/$work/data#g" "$reference" > "$work/mapnik.xml"
python3 - "$work/styles/bench.json" <<'PY'
import json, sys
style = json.load(open("Styles/situation-room.json"))
style["layers"] = [l for l in style["layers"] if l["type"] == "background" or "mapnik" in (l.get("metadata") or {})]
used = {l.get("source") for l in style["layers"]}
style["sources"] = {k: v for k, v in style["sources"].items() if k in used}
for v in style["sources"].values():
    v["path"] = "../../../../Styles/" + v["path"]
json.dump(style, open(sys.argv[1], "w"), indent=1)
PY
python3 Benchmarks/serve_tiles.py list bench $warm_box $z0 $z1 > "$work/warm-paths.txt"
python3 Benchmarks/serve_tiles.py list bench $cold_box $z0 $z1 > "$work/cold-paths.txt"

build_path=${BUILD_PATH:-.build}
swift build -c release --product bordermap --scratch-path "$build_path" >/dev/null
bordermap=$build_path/release/bordermap

# start_ours NAME ARGS... : `bordermap serve --port 0 ARGS` pinned to the benchmark cores; sets
# ours_pid and ours_url once it listens.
start_ours() {
    local log="$work/$1.log"; shift
    : > "$log"
    taskset -c "$cpus" "$bordermap" serve --port 0 --render-threads "$cores" "$@" >"$log" 2>&1 &
    ours_pid=$!
    started+=("$ours_pid")
    for _ in $(seq 600); do
        ours_url=$(sed -n 's#^BorderMap serving .* on \(http://[^/]*\)/$#\1#p' "$log" || true)
        [ -n "$ours_url" ] && return 0
        kill -0 "$ours_pid" 2>/dev/null || { cat "$log"; echo "bordermap serve exited"; exit 1; }
        sleep 0.1
    done
    echo "bordermap serve did not start: $log"; exit 1
}
stop() { kill "$1"; wait "$1" 2>/dev/null || true; }
metric() { curl -sf "$1/metrics" | awk -v m="$2" '$1 == m { print $2 }'; }
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
load_wrk() {  # NAME URL -> JSON line (and the full wrk --latency report in $work/results/NAME.txt)
    wrk -t2 -c"$wrk_connections" -d"${wrk_seconds}s" --latency -s Benchmarks/serve_cycle.lua "$2" -- "$PWD/$work/warm-paths.txt" \
        > "$work/results/$1.txt"
    grep '^{"requests"' "$work/results/$1.txt"
}

echo "== 1. cached tiles: bordermap serve (memory cache) vs nginx (static files), wrk -t2 -c$wrk_connections -d${wrk_seconds}s, $rounds rounds"
# --no-request-log: nginx below runs with access_log off.
start_ours warm --styles "$work/styles" --data Shapefiles --db "$work/empty.sqlite" --no-request-log
warm_url=$ours_url warm_pid=$ours_pid
# Warming the cache also extracts the tiles, byte for byte, as the static tree nginx serves.
python3 Benchmarks/serve_tiles.py fetch "$warm_url" "$work/warm-paths.txt" 4 "$tmp/root" > "$work/results/warming.json"
nginx_port=$(free_port)
mkdir -p "$tmp/nginx"
cat > "$tmp/nginx.conf" <<EOF
# $cores workers for $cores cores; no access log (our server logs no requests either); sendfile
# and an open-file cache, as a static tile cache in production would be set up.
worker_processes $cores;
daemon off;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $tmp/nginx/body;
    proxy_temp_path $tmp/nginx/proxy;
    fastcgi_temp_path $tmp/nginx/fastcgi;
    uwsgi_temp_path $tmp/nginx/uwsgi;
    scgi_temp_path $tmp/nginx/scgi;
    types { image/png png; }
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    open_file_cache max=10000 inactive=120s;
    open_file_cache_valid 120s;
    server {
        listen 127.0.0.1:$nginx_port;
        root $tmp/root;
        location /tiles/ { add_header Cache-Control "public, max-age=86400"; }
    }
}
EOF
# Unprivileged: as root, drop to nobody before nginx starts (its files all live in $tmp).
as_user=()
if [ "$(id -u)" = 0 ]; then
    chown -R nobody:nogroup "$tmp"
    as_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi
"${as_user[@]}" taskset -c "$cpus" nginx -p "$tmp/" -e "$tmp/nginx-error.log" -c "$tmp/nginx.conf" &
nginx_pid=$!
started+=("$nginx_pid")
nginx_url=http://127.0.0.1:$nginx_port
for _ in $(seq 100); do curl -sf -o /dev/null "$nginx_url$(head -1 "$work/warm-paths.txt")" && break; sleep 0.1; done
probe=$(sed -n 200p "$work/warm-paths.txt")
cmp <(curl -sf "$warm_url$probe") <(curl -sf "$nginx_url$probe") || { echo "nginx and bordermap serve differ on $probe"; exit 1; }
misses_before=$(metric "$warm_url" 'bordermap_tile_cache_requests_total{tier="memory",result="miss"}')
loop_before=$(metric "$warm_url" bordermap_tile_event_loop_answers_total)
for r in $(seq "$rounds"); do
    if [ $((r % 2)) = 1 ]; then order="nginx ours"; else order="ours nginx"; fi
    for who in $order; do
        if [ "$who" = nginx ]; then url=$nginx_url; else url=$warm_url; fi
        load_wrk "cached-$who-$r" "$url" | sed "s/^/$who /" >> "$work/results/cached.txt"
    done
done
misses_after=$(metric "$warm_url" 'bordermap_tile_cache_requests_total{tier="memory",result="miss"}')
[ "$misses_before" = "$misses_after" ] || { echo "memory cache missed during the cached runs ($misses_before -> $misses_after)"; exit 1; }
echo $(( $(metric "$warm_url" bordermap_tile_event_loop_answers_total) - loop_before )) > "$work/results/event-loop.txt"
# The framework's own ceiling on this machine: the same load on /health (no tile work at all).
wrk -t2 -c"$wrk_connections" -d"${wrk_seconds}s" --latency "$warm_url/health" > "$work/results/health.txt"
stop "$nginx_pid"; stop "$warm_pid"

echo "== 2. uncached rendering: fresh bordermap serve vs Mapnik per request, $(wc -l < "$work/cold-paths.txt") tiles once each, $cold_connections connections, $rounds rounds"
for r in $(seq "$rounds"); do
    if [ $((r % 2)) = 1 ]; then order="mapnik ours"; else order="ours mapnik"; fi
    for who in $order; do
        if [ "$who" = ours ]; then
            start_ours "cold-$r" --styles "$work/styles" --data Shapefiles --db "$work/empty.sqlite"
            url=$ours_url pid=$ours_pid
        else
            port=$(free_port)
            : > "$work/mapnik-$r.log"
            (cd Benchmarks && exec taskset -c "$cpus" /usr/bin/python3 serve_mapnik.py "$PWD/../$work/mapnik.xml" "$port" "$cold_connections") \
                > "$work/mapnik-$r.log" 2>&1 &
            pid=$!
            started+=("$pid")
            for _ in $(seq 600); do grep -q '^ready' "$work/mapnik-$r.log" && break; sleep 0.1; done
            grep -q '^ready' "$work/mapnik-$r.log" || { cat "$work/mapnik-$r.log"; echo "Mapnik server did not start"; exit 1; }
            url=http://127.0.0.1:$port
        fi
        echo "$who $(python3 Benchmarks/serve_tiles.py fetch "$url" "$work/cold-paths.txt" "$cold_connections")" >> "$work/results/cold.txt"
        if [ "$who" = ours ]; then
            renders=$(metric "$url" bordermap_tile_render_seconds_count)
            [ "$renders" = "$(wc -l < "$work/cold-paths.txt")" ] || { echo "expected one render per tile, got $renders"; exit 1; }
        fi
        stop "$pid"
    done
done

echo "== 3. invalidation latency: POST /incidents to a changed tile, $trials trials"
"$bordermap" demo-data --count 20000 --seed 1 --out "$work/live.sqlite" >/dev/null 2>&1
echo "bench-$RANDOM$RANDOM" > "$tmp/tokens.txt"
start_ours live-a --styles Styles --data Shapefiles --db "$work/live.sqlite" --token-file "$tmp/tokens.txt"
url_a=$ours_url pid_a=$ours_pid
start_ours live-b --styles Styles --data Shapefiles --db "$work/live.sqlite"
url_b=$ours_url pid_b=$ours_pid
# The zoom-8 tile of Dushanbe: on land (uploads at sea are rejected), incident layers shown at zoom 8.
python3 Benchmarks/serve_invalidation.py "$url_a" "$url_b" "$(cat "$tmp/tokens.txt")" situation-room 8 68.78 38.56 "$trials" \
    > "$work/results/invalidation.json"
stop "$pid_a"; stop "$pid_b"

python3 - "$work/results" "$(cat /proc/loadavg)" <<'PY'
import json, statistics, sys
results, loadavg = sys.argv[1], sys.argv[2]
def runs(name):
    out = {}
    for line in open(f"{results}/{name}.txt"):
        who, text = line.split(" ", 1)
        out.setdefault(who, []).append(json.loads(text))
    return out
med = lambda rows, k: statistics.median(r[k] for r in rows)
cached = runs("cached")
for who, rows in cached.items():
    assert all(r["errors"] == 0 for r in rows), (who, rows)
print(f"1. cached tiles, {len(cached['ours'])} rounds (median):")
for who, label in (("nginx", "nginx, static files"), ("ours", "bordermap serve, memory cache")):
    rows = cached[who]
    each = ", ".join("%.0f" % r["requests_per_second"] for r in rows)
    print(f"   {label:32} {med(rows, 'requests_per_second'):9.0f} req/s  p50 {med(rows, 'p50_ms'):6.2f} ms  p99 {med(rows, 'p99_ms'):6.2f} ms"
          f"   (req/s per round: {each})")
ratio = med(cached["ours"], "requests_per_second") / med(cached["nginx"], "requests_per_second")
print(f"   ours / nginx requests/s: {ratio:.2f} (goal >= 0.80: {'met' if ratio >= 0.8 else 'NOT met'})")
served = sum(r["requests"] for r in cached["ours"])
print(f"   tiles answered on the event loop (CachedTileHandler): {int(open(f'{results}/event-loop.txt').read())}, for {served} answers wrk counted")
health = next(float(l.split()[1]) for l in open(f"{results}/health.txt") if l.startswith("Requests/sec"))
print(f"   (bordermap serve on /health, no tile work, one run: {health:.0f} req/s)")
cold = runs("cold")
print(f"2. uncached rendering, {cold['ours'][0]['tiles']} tiles once each, {len(cold['ours'])} rounds (median):")
for who, label in (("mapnik", "Mapnik per request (python)"), ("ours", "bordermap serve, cold cache")):
    rows = cold[who]
    each = ", ".join("%.1f" % r["tiles_per_second"] for r in rows)
    print(f"   {label:32} {med(rows, 'tiles_per_second'):9.1f} tiles/s  p50 {med(rows, 'p50_ms'):6.1f} ms  p99 {med(rows, 'p99_ms'):6.1f} ms"
          f"   (tiles/s per round: {each})")
ratio = med(cold["ours"], "tiles_per_second") / med(cold["mapnik"], "tiles_per_second")
print(f"   ours / Mapnik tiles/s: {ratio:.2f}x (goal >= 2x: {'met' if ratio >= 2 else 'NOT met'})")
inv = json.load(open(f"{results}/invalidation.json"))
print(f"3. invalidation latency, {inv['tile']}, {inv['trials']} trials (POST sent -> changed tile read; POST itself median {inv['post_median_seconds']*1e3:.0f} ms):")
for side, label in (("a", "server that took the POST"), ("b", "second server, same SQLite")):
    s = inv[side]
    print(f"   {label:32} median {s['median_seconds']:.3f} s  max {s['max_seconds']:.3f} s  min {s['min_seconds']:.3f} s"
          f"  (PNG bytes changed in {s['bytes_changed']}/{inv['trials']})")
print(f"load average at the end: {loadavg}")
PY
