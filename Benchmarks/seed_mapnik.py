"""The peer of `bordermap seed` in Benchmarks/seed.sh: Mapnik renders 8x8 metatiles (as
renderd/TileStache users do), cut into 256 px png32 tiles, in WORKERS processes, and the
tiles are written into a plain MBTiles 1.3 file (metadata + tiles table, TMS rows) with
python's sqlite3 in one transaction per metatile. Prints JSON: tiles, seconds, bytes.

usage: seed_mapnik.py MAPNIK_XML OUT.mbtiles Z0 Z1 W,S,E,N WORKERS
"""
import json
import multiprocessing
import os
import sqlite3
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from compare_mapnik import bounds, tiles  # noqa: E402  (same tile list and extents as compare-mapnik)

_map = None


def _init(xml):
    global _map
    import mapnik
    _map = mapnik.Map(2048, 2048)
    mapnik.load_map(_map, xml)


def _render(job):
    import mapnik
    z, mx, my, members = job
    _map.zoom_to_box(mapnik.Box2d(*bounds(z, mx, my, 8)))
    im = mapnik.Image(2048, 2048)
    mapnik.render(_map, im)
    return [(z, x, (1 << z) - 1 - y, im.view((x - mx) * 256, (y - my) * 256, 256, 256).tostring("png32"))
            for x, y in members]


def main():
    xml, out, z0, z1, box, workers = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], int(sys.argv[6])
    box = [float(v) for v in box.split(",")]
    metas = {}
    for z in range(z0, z1 + 1):
        for x, y in tiles(z, box):
            metas.setdefault((z, x // 8 * 8, y // 8 * 8), []).append((x, y))
    jobs = [(z, mx, my, members) for (z, mx, my), members in sorted(metas.items())]
    if os.path.exists(out):
        os.remove(out)
    con = sqlite3.connect(out)
    con.executescript("""
        CREATE TABLE metadata (name TEXT, value TEXT);
        CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
        CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);
        """)
    con.executemany("INSERT INTO metadata VALUES (?, ?)", [
        ("name", "mapnik"), ("format", "png"), ("bounds", ",".join(map(str, box))),
        ("minzoom", str(z0)), ("maxzoom", str(z1)), ("type", "baselayer"), ("version", "1")])
    con.commit()
    t0 = time.perf_counter()
    n = n_bytes = 0
    with multiprocessing.Pool(workers, initializer=_init, initargs=(xml,)) as pool:
        for rows in pool.imap_unordered(_render, jobs):
            con.executemany("INSERT INTO tiles VALUES (?, ?, ?, ?)", rows)
            con.commit()
            n += len(rows)
            n_bytes += sum(len(r[3]) for r in rows)
    con.close()
    print(json.dumps({"tiles": n, "seconds": time.perf_counter() - t0, "bytes": n_bytes}))


if __name__ == "__main__":
    main()
