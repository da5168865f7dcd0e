"""Reference stroke areas for StrokeOutlineTests, computed once with shapely (GEOS buffer).

A stroke of width w is the buffer of the centre line by w/2. GEOS's flat/square caps and bevel
joins are SVG's exactly; its round joins use quad_segs arcs (256 here, near-exact); its mitre
joins match SVG's as long as no join exceeds the limit (GEOS clips a long miter where SVG
bevels), so the miter cases below keep every join within the limit.
GEOS simplifies the input line by 1 % of the buffer distance first, which changes a zigzag of
0.5 px steps under a 40 px stroke; those cases are the union of the pieces instead (one flat
buffer per segment, a bevel triangle or a disc per join, a disc per round cap), which is how
SVG defines the stroke. The perimeter is printed too: a chord approximation of the arcs within
0.1 px loses at most about (2/3) * 0.1 * perimeter.
Run: /tmp/pyenv/bin/python shapely_areas.py  and paste the output into StrokeOutlineTests.swift.
"""
from shapely.geometry import LineString, Point, Polygon
from shapely.ops import unary_union


def pieces(pts, w, cap, join):
    r = w / 2
    parts = [LineString([a, b]).buffer(r, cap_style="flat") for a, b in zip(pts, pts[1:])]
    for a, p, b in zip(pts, pts[1:], pts[2:]):
        if join == "round":
            parts.append(Point(p).buffer(r, quad_segs=256))
        else:  # bevel: the triangle between the two offset ends, on both sides
            def n(u, v):
                dx, dy = v[0] - u[0], v[1] - u[1]
                length = (dx * dx + dy * dy) ** 0.5
                return (-dy / length * r, dx / length * r)
            n0, n1 = n(a, p), n(p, b)
            for s in (1, -1):
                parts.append(Polygon([p, (p[0] + s * n0[0], p[1] + s * n0[1]),
                                      (p[0] + s * n1[0], p[1] + s * n1[1])]))
    if cap == "round":
        parts += [Point(pts[0]).buffer(r, quad_segs=256), Point(pts[-1]).buffer(r, quad_segs=256)]
    return unary_union(parts)


zigzag = [(i * 0.5, (i % 2) * 0.5) for i in range(40)]
poly = [(0, 0), (60, 0), (70, 40), (20, 60), (25, 10)]
cross = [(0, 0), (80, 40), (80, 0), (0, 40)]
cases = [
    ("zigzag 0.5 px, w 40, butt/bevel", zigzag, 40, "flat", "bevel"),
    ("zigzag 0.5 px, w 40, round/round", zigzag, 40, "round", "round"),
    ("polyline, w 12, square/bevel", poly, 12, "square", "bevel"),
    ("polyline, w 12, butt/miter", poly, 12, "flat", "mitre"),
    ("polyline, w 12, round/round", poly, 12, "round", "round"),
    ("crossing, w 8, butt/round", cross, 8, "flat", "round"),
    ("crossing, w 8, square/miter", cross, 8, "square", "mitre"),
]
for name, pts, w, cap, join in cases:
    if name.startswith("zigzag"):
        shape = pieces(pts, w, cap, join)
    else:
        shape = LineString(pts).buffer(w / 2, quad_segs=256, cap_style=cap, join_style=join,
                                       mitre_limit=4.0)
    print(f'    ("{name}", {shape.area!r}, {shape.length!r}),')
