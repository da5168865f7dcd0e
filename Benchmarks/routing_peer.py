"""Peers of Benchmarks/routing.sh: networkx and pgRouting on the same graphs and pairs.

  routing_peer.py graph big SPEC OUT.json        rebuild the spec's "big" graph here (generator_doc,
                                                 pure Python) and write it as an edge list with the
                                                 od_pair_rule pairs (--pairs N --seed S)
  routing_peer.py networkx EDGES.json N          time N dijkstra_path_length queries per weight
  routing_peer.py pgrouting EDGES.json N PSQL... load the edges into a fresh table (index on source
                                                 and target, as pgRouting users do), time N single
                                                 pgr_dijkstra calls and one pgr_dijkstraCost call on
                                                 all pairs, per weight
  routing_peer.py topology SHP PSQL...           load the shapefile (ogr2ogr, not timed), time
                                                 pgr_createTopology (1 m ~ 0.00001 deg) and
                                                 pgr_extractVertices
Prints one JSON object. PSQL... is the psql command line (program and connection options).
"""
import json, re, subprocess, sys, time

MASK = (1 << 64) - 1


def splitmix64(z):
    z = (z + 0x9E3779B97F4A7C15) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return z ^ (z >> 31)


def unit(z):
    return (splitmix64(z) >> 11) * 2.0 ** -53


def generate(p):
    R, C, S = p["R"], p["C"], p["S"]
    xs, ys = [], []
    for i in range(R):
        for j in range(C):
            nid = i * C + j
            xs.append(p["X0"] + (j + p["JIT"] * (unit(p["SEED_XY"] ^ (2 * nid)) - 0.5)) * S)
            ys.append(p["Y0"] + (i + p["JIT"] * (unit(p["SEED_XY"] ^ (2 * nid + 1)) - 0.5)) * S)
    edges = []
    def add(a, b, key, highway):
        if splitmix64(p["SEED_DROP"] ^ key) % 100 < p["DROP_PCT"]:
            return
        length = ((xs[b] - xs[a]) ** 2 + (ys[b] - ys[a]) ** 2) ** 0.5
        speed = p["SPEED_HIGHWAY_KMH"] if highway else p["SPEED_LOCAL_KMH"]
        edges.append([a, b, length, length / (speed / 3.6), False])
    H = p["HIGHWAY_EVERY"]
    for i in range(R):
        for j in range(C):
            nid = i * C + j
            if j < C - 1:
                add(nid, nid + 1, 2 * nid, i % H == 0)
            if i < R - 1:
                add(nid, nid + C, 2 * nid + 1, j % H == 0)
    return R * C, edges


def pairs(k, n, seed):
    return [[splitmix64(seed ^ (2 * q)) % n, splitmix64(seed ^ (2 * q + 1)) % n] for q in range(k)]


def cmd_graph(args):
    spec_path, out = args[0], args[1]
    k = int(args[args.index("--pairs") + 1]) if "--pairs" in args else 1000
    seed = int(args[args.index("--seed") + 1]) if "--seed" in args else 2827
    p = json.load(open(spec_path))["big"]
    t0 = time.perf_counter()
    n, edges = generate(p)
    t = time.perf_counter() - t0
    ok = (n == p["nodes"] and len(edges) == p["edges"]
          and abs(sum(e[2] for e in edges) - p["total_length_m"]) <= 1e-9 * p["total_length_m"]
          and abs(sum(e[3] for e in edges) - p["total_time_s"]) <= 1e-9 * p["total_time_s"])
    json.dump({"n": n, "edges": edges, "pairs": pairs(k, n, seed)}, open(out, "w"))
    print(json.dumps({"generate_s": t, "spec_totals_match": ok, "nodes": n, "edges": len(edges)}))


def cmd_networkx(args):
    import networkx as nx
    d = json.load(open(args[0]))
    k = int(args[1])
    out = {}
    for w, col in (("length", 2), ("time", 3)):
        t0 = time.perf_counter()
        G = nx.DiGraph()
        G.add_nodes_from(range(d["n"]))
        for e in d["edges"]:
            u, v, c, one = e[0], e[1], e[col], e[4]
            for a, b in ([(u, v)] if one else [(u, v), (v, u)]):
                if a != b and (not G.has_edge(a, b) or G[a][b]["c"] > c):
                    G.add_edge(a, b, c=c)
        build = time.perf_counter() - t0
        total, unreachable = 0.0, 0
        t0 = time.perf_counter()
        for s, t in d["pairs"][:k]:
            try:
                total += nx.dijkstra_path_length(G, s, t, weight="c")
            except nx.NetworkXNoPath:
                unreachable += 1
        q = (time.perf_counter() - t0) * 1000 / k
        out[w] = {"build_s": build, "dijkstra_ms": q, "pairs": k, "sum_cost": total, "unreachable": unreachable}
    print(json.dumps(out))


def psql(cmd, sql):
    r = subprocess.run(cmd + ["-X", "-q", "-v", "ON_ERROR_STOP=1"], input=sql, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(r.stderr)
    return r.stdout


def timings(text):
    return [float(m) for m in re.findall(r"^Time: ([0-9.]+) ms", text, re.M)]


def cmd_pgrouting(args):
    d = json.load(open(args[0]))
    k = int(args[1])
    cmd = args[2:]
    rows = "\n".join(f"{i + 1}\t{e[0] + 1}\t{e[1] + 1}\t{e[2]!r}\t{e[3]!r}\t{-1 if e[4] else e[2]!r}\t{-1 if e[4] else e[3]!r}"
                     for i, e in enumerate(d["edges"]))
    psql(cmd, "CREATE EXTENSION IF NOT EXISTS pgrouting CASCADE; DROP TABLE IF EXISTS bench_edges;"
              "CREATE TABLE bench_edges (id bigint primary key, source bigint, target bigint, len float8, tim float8,"
              " rlen float8, rtim float8);\n"
              "COPY bench_edges FROM STDIN;\n" + rows + "\n\\.\n"
              "CREATE INDEX ON bench_edges (source); CREATE INDEX ON bench_edges (target); ANALYZE bench_edges;")
    out = {}
    for w, c, rc in (("length", "len", "rlen"), ("time", "tim", "rtim")):
        edges_sql = f"SELECT id, source, target, {c} AS cost, {rc} AS reverse_cost FROM bench_edges"
        script = "\\timing on\n" + "".join(
            f"SELECT coalesce(sum(cost), 0) FROM pgr_dijkstra('{edges_sql}', {s + 1}, {t + 1}, true) WHERE edge <> -1;\n"
            for s, t in d["pairs"][:k])
        text = psql(cmd + ["-t", "-A"], script)
        times = timings(text)
        sums = [float(x) for x in re.findall(r"^([0-9.e+-]+)$", text, re.M)]
        combos = ",".join(f"({s + 1},{t + 1})" for s, t in d["pairs"])
        text2 = psql(cmd + ["-t", "-A"], "\\timing on\n"
                     f"SELECT coalesce(sum(agg_cost), 0), count(*) FROM pgr_dijkstraCost('{edges_sql}',"
                     f" 'SELECT * FROM (VALUES {combos}) AS t(source, target)', true);\n")
        many = timings(text2)
        out[w] = {"dijkstra_ms": sum(times) / len(times), "pairs": len(times), "sum_cost": sum(sums),
                  "many_to_many_s": many[0] / 1000 if many else None, "many_pairs": len(d["pairs"]),
                  "many_sum_cost": float(text2.split("|")[0]) if "|" in text2 else None}
    print(json.dumps(out))


def cmd_topology(args):
    shp, cmd = args[0], args[1:]
    psql(cmd, "CREATE EXTENSION IF NOT EXISTS pgrouting CASCADE; DROP TABLE IF EXISTS ca_roads_topo CASCADE;")
    host, port = cmd[cmd.index("-h") + 1], cmd[cmd.index("-p") + 1]
    db, user = cmd[cmd.index("-d") + 1], cmd[cmd.index("-U") + 1]
    load = subprocess.run(["ogr2ogr", "-f", "PostgreSQL", f"PG:host={host} port={port} dbname={db} user={user}", shp,
                           "-nln", "ca_roads_topo", "-lco", "GEOMETRY_NAME=geom", "-lco", "FID=gid",
                           "-nlt", "LINESTRING", "-overwrite"], capture_output=True, text=True)
    if load.returncode != 0:
        sys.exit(load.stderr)
    text = psql(cmd + ["-t", "-A"], "ALTER TABLE ca_roads_topo ADD COLUMN topo_source integer, ADD COLUMN topo_target integer;\n"
                "\\timing on\n"
                "SELECT pgr_createTopology('ca_roads_topo', 0.00001, 'geom', 'gid', 'topo_source', 'topo_target', clean := true);\n"
                "SELECT count(*) FROM pgr_extractVertices('SELECT gid AS id, geom FROM ca_roads_topo');\n"
                "SELECT count(*) FROM ca_roads_topo_vertices_pgr;\n")
    t = timings(text)
    print(json.dumps({"create_topology_s": t[0] / 1000, "extract_vertices_s": t[1] / 1000,
                      "vertices": int(text.strip().splitlines()[-2].split()[-1]) if text else None,
                      "note": "pgr_createTopology nodes only line end points (no splitting at crossings; pgr_nodeNetwork does that)"}))


if __name__ == "__main__":
    {"graph": cmd_graph, "networkx": cmd_networkx, "pgrouting": cmd_pgrouting, "topology": cmd_topology}[sys.argv[1]](sys.argv[2:])
