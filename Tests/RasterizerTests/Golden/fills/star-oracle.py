"""Oracle for FillRuleTests.star (run once with shapely; the test stores the printed numbers).

Faces of the pentagram R = 28 centred (32, 32) come from shapely.polygonize of its five edges.
Per pixel, a1 = area in the five points (winding 1), a2 = area in the centre pentagon
(winding 2); an area-accumulation rasteriser sees the mean winding s = a1 + 2·a2, so its
non-zero coverage is min(1, s) and its even-odd coverage fold(s). Prints face areas and sums.
"""
import math
from shapely.geometry import LineString, box
from shapely.ops import polygonize, unary_union

R = 28
pts = [(32 + R * math.cos(-math.pi / 2 + i * 4 * math.pi / 5),
        32 + R * math.sin(-math.pi / 2 + i * 4 * math.pi / 5)) for i in range(5)]
faces = list(polygonize(unary_union([LineString([pts[i], pts[(i + 1) % 5]]) for i in range(5)])))
pentagon = max(faces, key=lambda p: p.area)
tips = unary_union([p for p in faces if p is not pentagon])
nz = eo = 0.0
for y in range(64):
    for x in range(64):
        cell = box(x, y, x + 1, y + 1)
        s = cell.intersection(tips).area + 2 * cell.intersection(pentagon).area
        nz += min(1, s)
        t = s % 2
        eo += 2 - t if t > 1 else t
print("pentagon", pentagon.area, "point", tips.area / 5, "nonzero", nz, "evenodd", eo)
