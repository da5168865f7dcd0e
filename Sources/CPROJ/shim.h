#ifndef BORDERMAP_CPROJ_SHIM_H
#define BORDERMAP_CPROJ_SHIM_H
#include <proj.h>
// Karney's geodesic routines ship in libproj; their header is separate.
#include <geodesic.h>
#endif
