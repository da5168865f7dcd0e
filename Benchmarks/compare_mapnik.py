"""Mapnik side of Benchmarks/compare-mapnik, and the comparison of the two tile sets.

usage:
  compare_mapnik.py render XML OUT_DIR Z0 Z1 W,S,E,N single|meta
      Renders every tile of the box at zooms Z0..Z1 with Debian's python3-mapnik, one thread,
      either one 256 px map per tile ("single") or 8 x 8 metatiles cut into tiles ("meta",
      Mapnik's faster mode, what renderd and TileStache do), encodes each tile as png32, writes
      OUT_DIR/z/x/y.png and prints JSON {tiles, seconds, bytes}.
  compare_mapnik.py diff MAPNIK_DIR OURS_DIR SHEET.png
      Mean absolute difference per tile (RGB, 0-255) between the two sets, and a comparison
      sheet of sample tiles: Mapnik on the left, BorderMap on the right.
"""
import io
import json
import math
import os
import sys
import time

ORIGIN = 20037508.342789244


def tiles(z, box):
    w, s, e, n = box
    def tx(lon): return int((lon + 180) / 360 * 2 ** z)
    def ty(lat):
        r = math.radians(lat)
        return int((1 - math.log(math.tan(r) + 1 / math.cos(r)) / math.pi) / 2 * 2 ** z)
    for x in range(tx(w), min(tx(e), 2 ** z - 1) + 1):
        for y in range(ty(n), min(ty(s), 2 ** z - 1) + 1):
            yield x, y


def bounds(z, x, y, count=1):
    size = 2 * ORIGIN / 2 ** z
    return (-ORIGIN + x * size, ORIGIN - (y + count) * size, -ORIGIN + (x + count) * size, ORIGIN - y * size)


def render(xml, out, z0, z1, box, mode):
    import mapnik
    wanted = [(z, x, y) for z in range(z0, z1 + 1) for x, y in tiles(z, box)]
    n_bytes = 0
    t0 = time.perf_counter()
    if mode == "single":
        m = mapnik.Map(256, 256)
        mapnik.load_map(m, xml)
        t0 = time.perf_counter()
        for z, x, y in wanted:
            m.zoom_to_box(mapnik.Box2d(*bounds(z, x, y)))
            im = mapnik.Image(256, 256)
            mapnik.render(m, im)
            n_bytes += save(out, z, x, y, im.tostring("png32"))
    else:
        m = mapnik.Map(2048, 2048)
        mapnik.load_map(m, xml)
        t0 = time.perf_counter()
        metas = {}
        for z, x, y in wanted:
            metas.setdefault((z, x // 8 * 8, y // 8 * 8), []).append((x, y))
        for (z, mx, my), members in sorted(metas.items()):
            m.zoom_to_box(mapnik.Box2d(*bounds(z, mx, my, 8)))
            im = mapnik.Image(2048, 2048)
            mapnik.render(m, im)
            for x, y in members:
                view = im.view((x - mx) * 256, (y - my) * 256, 256, 256)
                n_bytes += save(out, z, x, y, view.tostring("png32"))
    seconds = time.perf_counter() - t0
    print(json.dumps({"tiles": len(wanted), "seconds": seconds, "bytes": n_bytes}))


def save(out, z, x, y, data):
    os.makedirs(f"{out}/{z}/{x}", exist_ok=True)
    with open(f"{out}/{z}/{x}/{y}.png", "wb") as f:
        f.write(data)
    return len(data)


def diff(mapnik_dir, ours_dir, sheet_path):
    import numpy as np
    from PIL import Image, ImageDraw
    diffs, samples, by_tile = [], [], {}
    for z in sorted(os.listdir(mapnik_dir), key=int):
        for x in sorted(os.listdir(f"{mapnik_dir}/{z}"), key=int):
            for name in sorted(os.listdir(f"{mapnik_dir}/{z}/{x}"), key=lambda s: int(s[:-4])):
                a = np.asarray(Image.open(f"{mapnik_dir}/{z}/{x}/{name}").convert("RGB"), dtype=np.int16)
                b = np.asarray(Image.open(f"{ours_dir}/{z}/{x}/{name}").convert("RGB"), dtype=np.int16)
                d = float(np.abs(a - b).mean())
                diffs.append(d)
                by_tile[(int(z), int(x), int(name[:-4]))] = d
    # The Fergana valley (lon 71, lat 40.8: borders, rivers, roads, dense towns) at three
    # zooms, and the tile where the two renderers differ most.
    picks = []
    for z in (5, 7, 8):
        x, y = next(tiles(z, (71.0, 40.8, 71.0, 40.8)))
        if (z, x, y) in by_tile:
            picks.append((z, x, y))
    picks.append(max(by_tile, key=by_tile.get))
    sheet = Image.new("RGB", (2 * 256 + 30, len(picks) * 276 + 24), "white")
    draw = ImageDraw.Draw(sheet)
    draw.text((10, 4), "Mapnik 3 (left)  |  BorderMap (right)", fill="black")
    for row, (z, x, y) in enumerate(picks):
        top = 24 + row * 276
        sheet.paste(Image.open(f"{mapnik_dir}/{z}/{x}/{y}.png").convert("RGB"), (10, top))
        sheet.paste(Image.open(f"{ours_dir}/{z}/{x}/{y}.png").convert("RGB"), (276, top))
        draw.text((10, top + 258), f"z{z}/{x}/{y}  mean abs diff {by_tile[(z, x, y)]:.1f}", fill="black")
    sheet.save(sheet_path)
    diffs.sort()
    print(json.dumps({"tiles": len(diffs), "mean_abs_diff": sum(diffs) / len(diffs),
                      "median_abs_diff": diffs[len(diffs) // 2], "max_abs_diff": diffs[-1]}))


if __name__ == "__main__":
    if sys.argv[1] == "render":
        render(sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]),
               [float(v) for v in sys.argv[6].split(",")], sys.argv[7])
    else:
        diff(sys.argv[2], sys.argv[3], sys.argv[4])
