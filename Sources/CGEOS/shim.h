#ifndef BORDERMAP_CGEOS_SHIM_H
#define BORDERMAP_CGEOS_SHIM_H
// Only the reentrant (_r) API is visible: the global-context functions are not thread-safe.
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
#endif
