"""Generates geodesic_inverse.csv and geodesic_polygons.csv with pyproj (Karney's geodesics).

Run once: /tmp/pyenv/bin/python make_geodesic_fixture.py   (tests never run python)
"""
import csv
from pyproj import Geod

geod = Geod(ellps="WGS84")

pairs = [
    ("tashkent_almaty", 69.2401, 41.2995, 76.8512, 43.2220),
    ("dushanbe_kabul", 68.7791, 38.5598, 69.2075, 34.5553),
    ("ashgabat_bishkek", 58.3261, 37.9601, 74.5698, 42.8746),
    ("short_100m", 69.0, 41.0, 69.0011, 41.0004),
    ("equator_1deg", 0.0, 0.0, 1.0, 0.0),
    ("meridian_pole", 10.0, 0.0, 10.0, 90.0),
    ("southern", -58.38, -34.60, 151.21, -33.87),
    ("nearly_antipodal", 0.0, 0.5, 179.5, -0.3),
]
with open("geodesic_inverse.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["name", "lon1", "lat1", "lon2", "lat2", "distance_m", "az12_deg", "az21_deg"])
    for name, lon1, lat1, lon2, lat2 in pairs:
        az12, az21, dist = geod.inv(lon1, lat1, lon2, lat2)
        w.writerow([name, lon1, lat1, lon2, lat2, repr(dist), repr(az12), repr(az21)])

# Rings as "lon lat;lon lat;..." (not repeated closing point), counter-clockwise unless named cw.
rings = {
    "tashkent_box": [(68.5, 40.5), (70.5, 40.5), (70.5, 42.0), (68.5, 42.0)],
    "tashkent_box_cw": [(68.5, 40.5), (68.5, 42.0), (70.5, 42.0), (70.5, 40.5)],
    "central_asia_box": [(46.5, 35.0), (87.5, 35.0), (87.5, 55.5), (46.5, 55.5)],
    "triangle_large": [(50.0, 36.0), (80.0, 38.0), (65.0, 52.0)],
    "small_field": [(69.0, 41.0), (69.01, 41.0), (69.01, 41.008), (69.0, 41.008)],
    "southern_quad": [(140.0, -35.0), (150.0, -36.0), (151.0, -28.0), (141.0, -27.0)],
}
with open("geodesic_polygons.csv", "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["name", "ring", "signed_area_m2", "perimeter_m"])
    for name, ring in rings.items():
        lons = [p[0] for p in ring]
        lats = [p[1] for p in ring]
        area, perim = geod.polygon_area_perimeter(lons, lats)
        w.writerow([name, ";".join(f"{x} {y}" for x, y in ring), repr(area), repr(perim)])
