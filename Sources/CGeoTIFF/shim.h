#ifndef BORDERMAP_CGEOTIFF_SHIM_H
#define BORDERMAP_CGEOTIFF_SHIM_H
// libtiff writes the raster; libgeotiff writes its georeferencing (GeoKeys, tie point, pixel
// scale). Debian installs libgeotiff's headers under /usr/include/geotiff without a pkg-config
// file; their own includes are relative, so including them by that folder works.
#include <tiffio.h>
#include <geotiff/geotiff.h>
#include <geotiff/geotiffio.h>
#include <geotiff/xtiffio.h>
#include <geotiff/geo_normalize.h>
#include <geotiff/geovalues.h>
#endif
