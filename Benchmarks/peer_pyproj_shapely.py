"""Peer side of foundation.sh for pyproj and shapely 2 (vectorised calls).

usage: peer_pyproj_shapely.py WORK_DIR REPEATS
Writes WORK_DIR/points.f64 (1 million lon/lat points, fixed seed; lon array then lat array,
little-endian float64) for the Swift side, and prints JSON {task: median seconds}.
"""
import json
import sys

import numpy as np
import pyproj
import shapely

from peer_common import POINTS, median_seconds

work, repeats = sys.argv[1], int(sys.argv[2])
rng = np.random.default_rng(20261129)
lon = rng.uniform(46.0, 88.0, POINTS)
lat = rng.uniform(35.0, 56.0, POINTS)
np.concatenate([lon, lat]).astype("<f8").tofile(f"{work}/points.f64")

to_utm = pyproj.Transformer.from_crs("EPSG:4326", "EPSG:32642", always_xy=True)
with open(f"{work}/kazakhstan.geojson") as f:
    kaz = shapely.from_geojson(f.read())
if kaz.geom_type == "GeometryCollection":  # a FeatureCollection of one feature
    kaz = kaz.geoms[0]
shapely.prepare(kaz)

inside = int(shapely.contains_xy(kaz, lon, lat).sum())
result = {
    "transform_1m_utm42n": median_seconds(lambda: to_utm.transform(lon, lat), repeats),
    "pip_1m_kazakhstan_prepared": median_seconds(lambda: shapely.contains_xy(kaz, lon, lat), repeats),
    "pip_inside_count": inside,
    "versions": f"pyproj {pyproj.__version__} (PROJ {pyproj.proj_version_str}), shapely {shapely.__version__} (GEOS {shapely.geos_version_string})",
}
print(json.dumps(result))
