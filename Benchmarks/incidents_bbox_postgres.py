"""Finds a lon/lat box holding about FRACTION of the incidents of a PostgreSQL incident
database (helper of Benchmarks/incidents-postgres.sh), the same way incidents_bbox.py does for
SQLite: a square centred on the median incident, its half-width bisected until the exact count
(GiST `&&` plus the exact lon/lat test, as PostgresIncidentStore's query does) is within 2 % of
the target. Runs psql with the arguments given before FRACTION. Prints "W,S,E,N COUNT".
Usage: python3 incidents_bbox_postgres.py PSQL_ARG... FRACTION"""
import subprocess
import sys

psql_args, fraction = sys.argv[1:-1], float(sys.argv[-1])


def sql(statement):
    return subprocess.run(["psql", "-X", "-q", "-A", "-t", *psql_args, "-c", statement],
                          check=True, capture_output=True, text=True).stdout.strip()


total = int(sql("SELECT count(*) FROM incidents"))
target = total * fraction
cx = float(sql(f"SELECT lon FROM incidents ORDER BY lon LIMIT 1 OFFSET {total // 2}"))
cy = float(sql(f"SELECT lat FROM incidents ORDER BY lat LIMIT 1 OFFSET {total // 2}"))


def box(h):
    return (round(cx - h, 4), round(cy - h, 4), round(cx + h, 4), round(cy + h, 4))


def count(b):
    w, s, e, n = b
    return int(sql(f"SELECT count(*) FROM incidents i WHERE i.geom && ST_MakeEnvelope({w}, {s}, {e}, {n}, 4326)"
                   f" AND i.lon >= {w} AND i.lon <= {e} AND i.lat >= {s} AND i.lat <= {n}"))


lo, hi = 0.0, 40.0
best = box(hi)
for _ in range(60):
    mid = (lo + hi) / 2
    b = box(mid)
    c = count(b)
    best = b
    if abs(c - target) <= 0.02 * target:
        break
    if c < target:
        lo = mid
    else:
        hi = mid
print(",".join(f"{v:g}" for v in best), count(best))
