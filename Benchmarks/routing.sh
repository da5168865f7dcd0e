#!/usr/bin/env bash
# Side-by-side routing benchmark (RouteAnalysis) against networkx and pgRouting, one machine, one run:
#   big      - the reference generator's "big" graph (routing_spec.json: 104,976 nodes, 198,693
#              edges), rebuilt independently by BorderMap (Swift) and by routing_peer.py (Python),
#              both checked against the spec totals; 1000 od_pair_rule pairs (seed 2827);
#   ca_roads - Shapefiles/ca_roads.shp built by RoadGraph.build; the peers query the same noded
#              edge list (exported by the Swift side) on the same pairs; pgRouting's own topology
#              building (pgr_createTopology, pgr_extractVertices) is timed on the raw lines.
# Ours: plain Dijkstra, bidirectional Dijkstra, A* and bidirectional A* (GoalBound, no
# preprocessing), contraction hierarchy (preprocessing and query), per query in ms (mean over the
# pairs, wall clock), both weights (length, time); every method's cost is compared pair by pair
# with plain Dijkstra ("pairs_differing_from_dijkstra"). networkx: dijkstra_path_length per pair.
# pgRouting: single pgr_dijkstra calls through psql (\timing, per call: loads the edges each
# time, as pgr_dijkstra always does) and one pgr_dijkstraCost call on all pairs.
# Peer query counts default to 100 pairs (networkx takes ~0.1-0.3 s per query on "big");
# NX_PAIRS / PG_PAIRS override. Each side checks its cost sums; compare them in the output.
# Needs: postgresql-15, postgresql-15-postgis-3, postgresql-15-pgrouting (apt-get install),
# Benchmarks/.venv with networkx (created here when missing).
# Usage: bash Benchmarks/routing.sh      (BENCH="path/to/bench routing" to use another binary)
set -euo pipefail
cd "$(dirname "$0")/.."
work=Benchmarks/work/routing
mkdir -p "$work"
spec=${SPEC:-../shared/reference/routing_spec.json}
[ -f "$spec" ] || spec=${BORDERMAP_REFERENCE_DIR:-/work/shared/reference}/routing_spec.json
nx_pairs=${NX_PAIRS:-100}
pg_pairs=${PG_PAIRS:-100}
pgbin=/usr/lib/postgresql/15/bin
if [ -z "${BENCH:-}" ]; then
    swift build -c release --product bordermap-bench >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }
    BENCH=".build/release/bordermap-bench routing"
fi
if [ ! -x Benchmarks/.venv/bin/python ]; then
    python3 -m venv Benchmarks/.venv
fi
Benchmarks/.venv/bin/python -c "import networkx" 2>/dev/null || Benchmarks/.venv/bin/pip install -q networkx
py=Benchmarks/.venv/bin/python

# Throwaway PostgreSQL cluster (as postgres, 127.0.0.1 and a socket in the temp dir).
pgdir=$(mktemp -d /tmp/bordermap-routing-pg.XXXXXX)
chown postgres:postgres "$pgdir"
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
as_pg "$pgbin/initdb" -D "$pgdir/data" -U postgres -A trust >/dev/null
port=$(python3 -c "import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])")
as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $pgdir -c shared_buffers=256MB -c work_mem=256MB" start >/dev/null
trap 'as_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m fast -w stop >/dev/null; rm -rf "$pgdir"' EXIT
psql_cmd=(psql -h 127.0.0.1 -p "$port" -U postgres -d postgres)

echo "== big: ours"
$BENCH big --spec "$spec" --pairs 1000 | tee "$work/big-ours.json"
echo "== big: Python rebuild of the generator"
$py Benchmarks/routing_peer.py graph "$spec" "$work/big-edges.json" --pairs 1000 --seed 2827 | tee "$work/big-peer-graph.json"
echo "== big: networkx ($nx_pairs pairs)"
$py Benchmarks/routing_peer.py networkx "$work/big-edges.json" "$nx_pairs" | tee "$work/big-networkx.json"
echo "== big: pgRouting ($pg_pairs single calls, 1000 pairs in one pgr_dijkstraCost)"
$py Benchmarks/routing_peer.py pgrouting "$work/big-edges.json" "$pg_pairs" "${psql_cmd[@]}" | tee "$work/big-pgrouting.json"

echo "== ca_roads: ours"
$BENCH shapefile --shp Shapefiles/ca_roads.shp --pairs 1000 --edges-out "$work/ca-edges.json" --scale-lines 1000000 \
    | tee "$work/ca-ours.json"
echo "== ca_roads: networkx (1000 pairs)"
$py Benchmarks/routing_peer.py networkx "$work/ca-edges.json" 1000 | tee "$work/ca-networkx.json"
echo "== ca_roads: pgRouting (1000 single calls, and one pgr_dijkstraCost)"
$py Benchmarks/routing_peer.py pgrouting "$work/ca-edges.json" 1000 "${psql_cmd[@]}" | tee "$work/ca-pgrouting.json"
echo "== ca_roads: pgRouting topology building"
$py Benchmarks/routing_peer.py topology Shapefiles/ca_roads.shp "${psql_cmd[@]}" | tee "$work/ca-topology.json"
