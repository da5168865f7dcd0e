"""Generates shapely_fixtures.json: GeoTopology's independent oracle (shapely 2 / GEOS).

Run once, by hand:  /tmp/pyenv/bin/python make_shapely_fixtures.py
Inputs: Central Asian country polygons from Shapefiles/ca_admin0_countries.shp (repository root),
exported to GeoJSON with GDAL's ogr2ogr (EPSG:4326, degrees). Every expected value below is
computed by shapely, never by BorderMap. Areas are in square degrees, lengths and distances in
degrees (planar maths on lon/lat, exactly what GEOS does).
"""
import json
import os
import random
import subprocess
import tempfile
from pathlib import Path

import shapely
from shapely.geometry import MultiLineString, Point, shape

HERE = os.path.dirname(os.path.abspath(__file__))
SHP = str(Path(__file__).resolve().parents[3] / "Shapefiles" / "ca_admin0_countries.shp")
CODES = ["TJK", "KGZ", "UZB", "AFG", "TKM"]
PAIRS = [("TJK", "KGZ"), ("TJK", "UZB"), ("KGZ", "UZB"), ("TJK", "AFG"), ("UZB", "TKM"),
         ("TJK", "TKM"), ("AFG", "TKM"), ("KGZ", "AFG")]
PREDICATES = ["intersects", "contains", "within", "touches", "crosses", "overlaps",
              "covers", "covered_by", "disjoint", "equals"]


def load_countries():
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "countries.geojson")
        subprocess.run(["ogr2ogr", "-f", "GeoJSON", out, SHP], check=True)
        with open(out, encoding="utf-8") as f:
            data = json.load(f)
    result = {}
    for feature in data["features"]:
        code = feature["properties"]["ADM0_A3"]
        if code in CODES:
            result[code] = shape(feature["geometry"])
    return result


def wkt(g):
    return shapely.to_wkt(g, rounding_precision=-1, trim=True)


def rings(g):
    polys = list(g.geoms) if g.geom_type == "MultiPolygon" else [g]
    out = []
    for p in polys:
        out.append(list(p.exterior.coords))
        out.extend(list(r.coords) for r in p.interiors)
    return out


def main():
    countries = load_countries()
    fixture = {"generator": "make_shapely_fixtures.py", "shapely": shapely.__version__,
               "geos": ".".join(map(str, shapely.geos_version)),
               "countries": {c: wkt(countries[c]) for c in CODES}}

    singles = {}
    for c in CODES:
        g = countries[c]
        cen = g.centroid
        minx, miny, maxx, maxy = g.bounds
        singles[c] = {
            "area": g.area, "length": g.length, "centroid": [cen.x, cen.y],
            "bounds": [minx, miny, maxx, maxy], "envelope_area": g.envelope.area,
            "convex_hull_area": g.convex_hull.area,
            "num_coordinates": int(shapely.get_num_coordinates(g)),
            "simplify_dp": {str(t): int(shapely.get_num_coordinates(g.simplify(t, preserve_topology=False)))
                            for t in (0.01, 0.05, 0.2)},
            "simplify_tp": {str(t): int(shapely.get_num_coordinates(g.simplify(t, preserve_topology=True)))
                            for t in (0.01, 0.05, 0.2)},
            "buffers": [
                {"distance": 0.1, "quad_segs": 8, "cap": "round", "join": "round", "mitre_limit": 5.0,
                 "area": g.buffer(0.1, quad_segs=8).area},
                {"distance": 0.1, "quad_segs": 2, "cap": "round", "join": "round", "mitre_limit": 5.0,
                 "area": g.buffer(0.1, quad_segs=2).area},
                {"distance": 0.1, "quad_segs": 8, "cap": "flat", "join": "mitre", "mitre_limit": 2.0,
                 "area": g.buffer(0.1, quad_segs=8, cap_style="flat", join_style="mitre", mitre_limit=2.0).area},
                {"distance": 0.1, "quad_segs": 8, "cap": "square", "join": "bevel", "mitre_limit": 5.0,
                 "area": g.buffer(0.1, quad_segs=8, cap_style="square", join_style="bevel").area},
                {"distance": -0.05, "quad_segs": 8, "cap": "round", "join": "round", "mitre_limit": 5.0,
                 "area": g.buffer(-0.05).area},
            ],
            "concave_hull": [{"ratio": r, "allow_holes": h, "area": shapely.concave_hull(g, r, h).area}
                             for r, h in ((0.1, False), (0.3, True))],
        }
    fixture["singles"] = singles

    pairs = []
    for a, b in PAIRS:
        ga, gb = countries[a], countries[b]
        entry = {"a": a, "b": b, "distance": ga.distance(gb),
                 "union_area": ga.union(gb).area, "intersection_area": ga.intersection(gb).area,
                 "difference_area": ga.difference(gb).area,
                 "symmetric_difference_area": ga.symmetric_difference(gb).area}
        for p in PREDICATES:
            entry[p] = bool(getattr(ga, p)(gb))
        pairs.append(entry)
    fixture["pairs"] = pairs

    allc = [countries[c] for c in CODES]
    fixture["unary_union_area"] = shapely.union_all(allc).area

    # Line work: every ring of TJK, KGZ and UZB as one MultiLineString (built the same way in Swift).
    mls = MultiLineString([r for c in ("TJK", "KGZ", "UZB") for r in rings(countries[c])])
    noded = shapely.node(mls)
    merged = shapely.line_merge(noded)
    polys = shapely.polygonize(list(noded.geoms))
    fixture["linework"] = {"codes": ["TJK", "KGZ", "UZB"],
                           "node_parts": int(shapely.get_num_geometries(noded)),
                           "line_merge_parts": int(shapely.get_num_geometries(merged)),
                           "polygonize_count": int(shapely.get_num_geometries(polys)),
                           "polygonize_area": polys.area}

    # Point-in-polygon oracle for prepared geometries: seeded random points in TJK's box.
    rng = random.Random(20261129)
    tjk = countries["TJK"]
    minx, miny, maxx, maxy = tjk.bounds
    pts = [[round(rng.uniform(minx, maxx), 6), round(rng.uniform(miny, maxy), 6)] for _ in range(400)]
    fixture["points_in_tjk"] = {"points": pts,
                                "contains": [bool(tjk.contains(Point(x, y))) for x, y in pts]}

    invalid = []
    for w in ["POLYGON ((0 0, 2 2, 2 0, 0 2, 0 0))",
              "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (15 15, 15 20, 20 20, 20 15, 15 15))",
              "POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 3 1, 3 3, 1 3, 1 1), (1 1, 2 1, 2 2, 1 2, 1 1))"]:
        g = shapely.from_wkt(w)
        mv = shapely.make_valid(g)
        invalid.append({"wkt": w, "is_valid": bool(g.is_valid), "reason": shapely.is_valid_reason(g),
                        "make_valid_area": mv.area, "make_valid_type": mv.geom_type})
    fixture["invalid"] = invalid

    wkb = []
    for w in ["POINT (1 2)", "POINT Z (1 2 3)", "LINESTRING (0 0, 1 1, 2 0)",
              "POLYGON ((0 0, 1 0, 1 1, 0 1, 0 0), (0.25 0.25, 0.25 0.75, 0.75 0.75, 0.25 0.25))",
              "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((2 2, 3 2, 3 3, 2 2)))",
              "GEOMETRYCOLLECTION (POINT (1 1), LINESTRING (0 0, 5 5))"]:
        g = shapely.from_wkt(w)
        wkb.append({"wkt": w, "hex": shapely.to_wkb(g, hex=True, byte_order=1, output_dimension=3)})
    fixture["wkb"] = wkb

    with open(os.path.join(HERE, "shapely_fixtures.json"), "w", encoding="utf-8") as f:
        json.dump(fixture, f, indent=1)


if __name__ == "__main__":
    main()
