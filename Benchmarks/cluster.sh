#!/usr/bin/env bash
# make cluster: a throwaway PostgreSQL + PostGIS, SERVERS (3) `bordermap serve` processes on it and
# nginx in front as the load balancer (docs/nginx-bordermap.conf), all on 127.0.0.1.
#
# usage: bash Benchmarks/cluster.sh [up|check|bench]
#   up     (default) start everything, print the addresses, stay up until Ctrl-C
#   check  start, then check and print `CHECK name=value` lines (Tests/bordermapTests/ClusterTests):
#          a write through the balancer reaches every server; one server killed with kill -9
#          while wrk loads the balancer costs clients no failed request; restarted, it serves
#          again with the same data version and tile ETags as the others
#   bench  start, then measure how long after a POST to server 1 server 2 serves the changed
#          incident tile (LISTEN/NOTIFY plus the render; Benchmarks/serve_invalidation.py), p50/p99
# Environment: BORDERMAP_BIN (default .build/release/bordermap), CLUSTER_WORK (default
# Benchmarks/work/cluster), SERVERS (3), TRIALS (bench, 40), BENCH_ZOOM (bench, 8), WRK_SECONDS (check, 6).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PATH:/usr/sbin:/sbin"
mode=${1:-up}
bin=${BORDERMAP_BIN:-.build/release/bordermap}
servers=${SERVERS:-3}
work=$(realpath -m "${CLUSTER_WORK:-Benchmarks/work/cluster}")
pgbin=/usr/lib/postgresql/15/bin
[ -x "$bin" ] || { echo "$bin is missing: run make release (or set BORDERMAP_BIN)"; exit 1; }
[ -x "$pgbin/initdb" ] || { echo "PostgreSQL 15 is missing: make setup WITH_POSTGRES=1"; exit 1; }
command -v nginx >/dev/null || { echo "nginx is missing: make setup"; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: make setup"; exit 1; }

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
rm -rf "$work" && mkdir -p "$work"
pids=()
as_pg=()
[ "$(id -u)" = 0 ] && as_pg=(runuser -u postgres --)
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
    wait 2>/dev/null || true
    [ -d "$work/pg/data" ] && "${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg/data" -m fast -w stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

# PostgreSQL refuses to run as root, so then it runs as postgres.
mkdir -p "$work/pg"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$work/pg"
pgport=$(free_port)
"${as_pg[@]}" "$pgbin/initdb" -D "$work/pg/data" -U postgres --auth=trust --encoding=UTF8 --locale=C --no-sync >"$work/initdb.log"
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg/data" -l "$work/pg/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$pgport -c unix_socket_directories=$work/pg -c fsync=off" start >/dev/null
psql -X -q -h 127.0.0.1 -p "$pgport" -U postgres -d postgres -c "CREATE DATABASE bordermap" >/dev/null
url="postgres://postgres@127.0.0.1:$pgport/bordermap"
"$bin" demo-data --postgres "$url" --count 20000 >/dev/null 2>"$work/demo-data.log"

token=$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
echo "$token write" > "$work/tokens" && chmod 600 "$work/tokens"
ports=()
start_server() {  # start_server INDEX: (re)starts server INDEX on its port, waits for /health
    local i=$1
    "$bin" serve --postgres "$url" --host 127.0.0.1 --port "${ports[$i]}" --token-file "$work/tokens" \
        --cache "$work/tiles-$i.mbtiles" >"$work/server-$i.out" 2>"$work/server-$i.log" &
    pids[$i]=$!
    for _ in $(seq 1 600); do
        curl -sf -o /dev/null "http://127.0.0.1:${ports[$i]}/health" && return 0
        kill -0 "${pids[$i]}" 2>/dev/null || { echo "server $i exited: $(tail -3 "$work/server-$i.log")"; exit 1; }
        sleep 0.2
    done
    echo "server $i did not answer within 120 s"; exit 1
}
for ((i = 1; i <= servers; i++)); do ports[$i]=$(free_port); done
for ((i = 1; i <= servers; i++)); do start_server "$i" & done
wait_for_all() { for ((i = 1; i <= servers; i++)); do until curl -sf -o /dev/null "http://127.0.0.1:${ports[$i]}/health"; do sleep 0.2; done; done; }
wait_for_all
for ((i = 1; i <= servers; i++)); do pids[$i]=$(pgrep -f -- "--port ${ports[$i]} " | head -1); done

lbport=${CLUSTER_PORT:-$(free_port)}
upstreams=""
for ((i = 1; i <= servers; i++)); do upstreams+="        server 127.0.0.1:${ports[$i]} max_fails=1 fail_timeout=2s;"$'\n'; done
python3 - "$work" "$lbport" "$upstreams" <<'PY'
import sys
work, port, upstreams = sys.argv[1:4]
text = open("docs/nginx-bordermap.conf").read()
open(f"{work}/nginx.conf", "w").write(text.replace("@WORK@", work).replace("@PORT@", port).replace("@UPSTREAMS@", upstreams.rstrip("\n")))
PY
nginx -p "$work" -c "$work/nginx.conf" -g "daemon on;" 2>"$work/nginx-start.log"
lb="http://127.0.0.1:$lbport"
for _ in $(seq 1 100); do curl -sf -o /dev/null "$lb/health" && break; sleep 0.1; done

health_version() { curl -sf "http://127.0.0.1:${ports[$1]}/health" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data_version"])'; }
db_version() { psql -X -q -A -t -h 127.0.0.1 -p "$pgport" -U postgres -d bordermap -c "SELECT value FROM meta WHERE key = 'data_version'"; }
# every server's /health data_version equals the database's within 10 s: prints how many do
servers_at_db_version() {
    local want; want=$(db_version); local n=0
    for ((i = 1; i <= servers; i++)); do
        for _ in $(seq 1 100); do [ "$(health_version "$i")" = "$want" ] && { n=$((n + 1)); break; }; sleep 0.1; done
    done
    echo "$n"
}
post_incident() {  # post_incident BASE DAY: one seizure in Dushanbe's zoom-8 tile
    curl -s -o "$work/post.json" -w "%{http_code}" -H "Authorization: Bearer $token" -H "Content-Type: text/csv" \
        --data-binary "date,lat,lon,category"$'\n'"2026-11-$2,38.5$2,68.7$2,seizure"$'\n' "$1/incidents"
}
tile=/tiles/situation-room/8/176/98.png

case "$mode" in
up)
    echo "PostgreSQL: $url"
    for ((i = 1; i <= servers; i++)); do echo "server $i: http://127.0.0.1:${ports[$i]}/  (log $work/server-$i.log)"; done
    echo "balancer: $lb/   write token in $work/tokens; Ctrl-C stops everything"
    wait "${pids[1]}"
    ;;
check)
    echo "CHECK servers=$servers"
    echo "CHECK post_status=$(post_incident "$lb" 11)"
    echo "CHECK write_seen=$(servers_at_db_version)"
    for ((i = 1; i <= servers; i++)); do curl -s -o /dev/null "http://127.0.0.1:${ports[$i]}$tile"; done
    curl -s -o /dev/null "$lb$tile"
    wrk -t2 -c16 -d"${WRK_SECONDS:-6}s" --latency "$lb$tile" >"$work/wrk.txt" &
    wrk_pid=$!
    sleep 2
    kill -9 "${pids[2]}"
    echo "CHECK killed=2"
    wait "$wrk_pid"
    requests=$(awk '/requests in/ { print $1 }' "$work/wrk.txt")
    non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$work/wrk.txt")
    socket=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$work/wrk.txt")
    echo "CHECK wrk_requests=${requests:-0}"
    echo "CHECK wrk_non2xx=${non2xx:-0}"
    echo "CHECK wrk_socket_errors=${socket:-0}"
    # While server 2 is down, a write goes through the balancer; restarted, it must know it.
    echo "CHECK post_while_down_status=$(post_incident "$lb" 12)"
    start_server 2
    echo "CHECK restarted_write_seen=$(servers_at_db_version)"
    etags=$(for ((i = 1; i <= servers; i++)); do curl -s -D - -o /dev/null "http://127.0.0.1:${ports[$i]}$tile" | tr -d '\r' | awk -F': ' 'tolower($1) == "etag" { print $2 }'; done | sort -u | wc -l)
    echo "CHECK distinct_tile_etags=$etags"
    echo "CHECK balancer_tile_status=$(curl -s -o /dev/null -w "%{http_code}" "$lb$tile")"
    ;;
bench)
    python3 Benchmarks/serve_invalidation.py "http://127.0.0.1:${ports[1]}" "http://127.0.0.1:${ports[2]}" "$token" \
        situation-room "${BENCH_ZOOM:-8}" 68.78 38.56 "${TRIALS:-40}" > "$work/invalidation.json"
    python3 - "$work/invalidation.json" <<'PY'
import json, statistics, sys
r = json.load(open(sys.argv[1]))
for side, name in (("a", "server 1 (took the POST)"), ("b", "server 2 (LISTEN)")):
    values = sorted(row[side] for row in r["rows"])
    p99 = values[min(len(values) - 1, round(0.99 * (len(values) - 1)))]
    print(f"{name}: changed tile served after p50 {statistics.median(values) * 1000:.0f} ms, "
          f"p99 {p99 * 1000:.0f} ms over {len(values)} POSTs (goal: within 250 ms)")
print(f"POST /incidents median {r['post_median_seconds'] * 1000:.0f} ms; tile {r['tile']}")
PY
    ;;
*) echo "usage: bash Benchmarks/cluster.sh [up|check|bench]"; exit 2 ;;
esac
