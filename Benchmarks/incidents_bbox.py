"""Finds a lon/lat box holding about FRACTION of the incidents of an incident database (helper of
Benchmarks/incidents.sh). The box is a square in degrees centred on the median incident
(median lon, median lat); its half-width is bisected until the exact count (R*Tree join plus
the exact lon/lat test, as SQLiteIncidentStore's query does) is within 2 % of the target.
Prints "W,S,E,N COUNT". Usage: python3 incidents_bbox.py DB FRACTION"""
import sqlite3
import sys

from incidents_box_search import find_box, print_box

db, fraction = sys.argv[1], float(sys.argv[2])
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
total = con.execute("SELECT count(*) FROM incidents").fetchone()[0]
target = total * fraction


def median(column):
    return con.execute(f"SELECT {column} FROM incidents ORDER BY {column} LIMIT 1 OFFSET ?", (total // 2,)).fetchone()[0]


cx, cy = median("lon"), median("lat")


def count(b):
    w, s, e, n = b
    return con.execute(
        "SELECT count(*) FROM incidents i JOIN incidents_rtree r ON r.id = i.seq"
        " WHERE r.max_lon >= ? AND r.min_lon <= ? AND r.max_lat >= ? AND r.min_lat <= ?"
        " AND i.lon >= ? AND i.lon <= ? AND i.lat >= ? AND i.lat <= ?",
        (w, e, s, n, w, e, s, n)).fetchone()[0]


print_box(*find_box(count, cx, cy, target))
