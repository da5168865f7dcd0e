"""Peer side of foundation.sh for GDAL/OGR (Debian's python3-gdal): read every feature of a
shapefile with its geometry and all attributes, as a reader that builds features must.

usage: /usr/bin/python3 peer_gdal.py REPEATS SHP...
Prints JSON {layer name: median seconds}.
"""
import json
import os
import sys

from osgeo import gdal, ogr

from peer_common import median_seconds

gdal.UseExceptions()
repeats = int(sys.argv[1])


def read_all(path):
    ds = ogr.Open(path)
    layer = ds.GetLayer(0)
    n_fields = layer.GetLayerDefn().GetFieldCount()
    count = 0
    for feature in layer:
        # OGR has already decoded the geometry into an OGRGeometry when it hands out the feature.
        feature.GetGeometryRef()
        for i in range(n_fields):
            feature.GetField(i)
        count += 1
    return count


result = {"versions": f"GDAL {gdal.__version__}"}
for path in sys.argv[2:]:
    name = os.path.splitext(os.path.basename(path))[0]
    result[f"read_{name}"] = median_seconds(lambda: read_all(path), repeats)
print(json.dumps(result))
