"""Finds a lon/lat box holding about FRACTION of the incidents of a PostgreSQL incident
database (helper of Benchmarks/incidents-postgres.sh), the same way incidents_bbox.py does for
SQLite: a square centred on the median incident, its half-width bisected until the exact count
(GiST `&&` plus the exact lon/lat test, as PostgresIncidentStore's query does) is within 2 % of
the target. Runs psql with the arguments given before FRACTION. Prints "W,S,E,N COUNT".
Usage: python3 incidents_bbox_postgres.py PSQL_ARG... FRACTION"""
import subprocess
import sys

from incidents_box_search import find_box, print_box

psql_args, fraction = sys.argv[1:-1], float(sys.argv[-1])


def sql(statement):
    return subprocess.run(["psql", "-X", "-q", "-A", "-t", *psql_args, "-c", statement],
                          check=True, capture_output=True, text=True).stdout.strip()


total = int(sql("SELECT count(*) FROM incidents"))
target = total * fraction
cx = float(sql(f"SELECT lon FROM incidents ORDER BY lon LIMIT 1 OFFSET {total // 2}"))
cy = float(sql(f"SELECT lat FROM incidents ORDER BY lat LIMIT 1 OFFSET {total // 2}"))


def count(b):
    w, s, e, n = b
    return int(sql(f"SELECT count(*) FROM incidents i WHERE i.geom && ST_MakeEnvelope({w}, {s}, {e}, {n}, 4326)"
                   f" AND i.lon >= {w} AND i.lon <= {e} AND i.lat >= {s} AND i.lat <= {n}"))


print_box(*find_box(count, cx, cy, target))
