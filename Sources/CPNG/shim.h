#ifndef BORDERMAP_CPNG_SHIM_H
#define BORDERMAP_CPNG_SHIM_H
// The simplified png_image API reports errors through its struct, never through longjmp,
// which Swift cannot unwind through.
#include <png.h>
#endif
