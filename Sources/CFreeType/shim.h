#ifndef BORDERMAP_CFREETYPE_SHIM_H
#define BORDERMAP_CFREETYPE_SHIM_H
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_STROKER_H
#endif
