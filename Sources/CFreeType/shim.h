#ifndef BORDERMAP_CFREETYPE_SHIM_H
#define BORDERMAP_CFREETYPE_SHIM_H
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_STROKER_H
#include FT_GLYPH_H
#include FT_OUTLINE_H
#include FT_ADVANCES_H
#include FT_BBOX_H

/* FT_Error_String returns NULL unless FreeType was built with FT_CONFIG_OPTION_ERROR_STRINGS
   (Debian's is not), so build the message table from fterrdef.h ourselves, as fterrors.h
   documents: redefine the list macros and include the header a second time. */
#undef FTERRORS_H_
#undef FT_ERR_PROTOS_DEFINED
#define FT_ERROR_START_LIST \
    static inline const char *bordermap_ft_error_message(int code) { switch (code) {
#define FT_ERRORDEF(e, v, s) case (v): return (s);
#define FT_ERROR_END_LIST default: return 0; } }
#include FT_ERRORS_H

#endif
