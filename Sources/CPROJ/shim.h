#ifndef BORDERMAP_CPROJ_SHIM_H
#define BORDERMAP_CPROJ_SHIM_H
#include <proj.h>
#endif
