#ifndef BORDERMAP_CPNG_SHIM_H
#define BORDERMAP_CPNG_SHIM_H
// libpng signals errors by longjmp, which Swift cannot unwind through. Decoding uses the
// simplified png_image API (errors are reported in the struct). Encoding needs control of the
// zlib level and the row filters, which png_image lacks, so it is the C function below that
// owns its setjmp and hands back a return code and libpng's message.
#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

// Macros built from other macros are not imported into Swift; these constants are.
static const unsigned int BM_PNG_FORMAT_RGBA = PNG_FORMAT_RGBA;
static const int BM_PNG_ALL_FILTERS = PNG_ALL_FILTERS;

/// A growable output buffer filled through png_set_write_fn, plus the last error message.
typedef struct {
    unsigned char *data;
    size_t size;
    size_t capacity;
    char message[256];
} bm_png_output;

static inline void bm_png_error_fn(png_structp png, png_const_charp msg) {
    bm_png_output *out = (bm_png_output *)png_get_error_ptr(png);
    if (out != NULL) {
        strncpy(out->message, msg != NULL ? msg : "unknown libpng error", sizeof(out->message) - 1);
        out->message[sizeof(out->message) - 1] = 0;
    }
    png_longjmp(png, 1);
}

static inline void bm_png_warning_fn(png_structp png, png_const_charp msg) {
    (void)png;
    (void)msg; // warnings (e.g. benign chunk issues) are not errors for the encoder
}

static inline void bm_png_write_fn(png_structp png, png_bytep bytes, size_t length) {
    bm_png_output *out = (bm_png_output *)png_get_io_ptr(png);
    if (length > out->capacity - out->size) {
        size_t cap = out->capacity < 4096 ? 4096 : out->capacity;
        while (length > cap - out->size) {
            if (cap > ((size_t)-1) / 2) png_error(png, "PNG output too large");
            cap *= 2;
        }
        unsigned char *grown = (unsigned char *)realloc(out->data, cap);
        if (grown == NULL) png_error(png, "out of memory growing the PNG output buffer");
        out->data = grown;
        out->capacity = cap;
    }
    memcpy(out->data + out->size, bytes, length);
    out->size += length;
}

static inline void bm_png_flush_fn(png_structp png) { (void)png; }

/// Frees the bytes of an output filled by bm_png_encode (success or failure).
static inline void bm_png_output_free(bm_png_output *out) {
    free(out->data);
    out->data = NULL;
    out->size = 0;
    out->capacity = 0;
}

/// Encodes `height` rows of `row_bytes` bytes each (already in the PNG's pixel layout: RGB,
/// RGBA or 8-bit palette indices) into `out`, which must start zeroed.
/// color_type: PNG_COLOR_TYPE_RGB, PNG_COLOR_TYPE_RGBA or PNG_COLOR_TYPE_PALETTE.
/// filters: a PNG_FILTER_* mask (one bit = fixed filter, several = libpng's adaptive choice).
/// palette_rgb / trans: num_palette RGB triples and num_trans alpha values (palette only).
/// Returns 0 on success, 1 on a libpng error (message in out->message). The caller frees
/// out->data with bm_png_output_free in both cases.
static inline int bm_png_encode(const unsigned char *pixels, size_t row_bytes,
                                unsigned int width, unsigned int height, int color_type,
                                int level, int filters,
                                const unsigned char *palette_rgb, int num_palette,
                                const unsigned char *trans, int num_trans,
                                bm_png_output *out) {
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, out, bm_png_error_fn,
                                              bm_png_warning_fn);
    if (png == NULL) {
        strncpy(out->message, "png_create_write_struct failed", sizeof(out->message) - 1);
        return 1;
    }
    png_infop info = png_create_info_struct(png);
    if (info == NULL) {
        png_destroy_write_struct(&png, NULL);
        strncpy(out->message, "png_create_info_struct failed", sizeof(out->message) - 1);
        return 1;
    }
    // Nothing that is modified between here and a longjmp is read after it, so no volatile.
    if (setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return 1;
    }
    png_set_write_fn(png, out, bm_png_write_fn, bm_png_flush_fn);
    png_set_IHDR(png, info, width, height, 8, color_type, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    if (color_type == PNG_COLOR_TYPE_PALETTE) {
        png_color entries[256];
        if (num_palette < 1 || num_palette > 256) png_error(png, "palette must have 1...256 entries");
        for (int i = 0; i < num_palette; i++) {
            entries[i].red = palette_rgb[3 * i];
            entries[i].green = palette_rgb[3 * i + 1];
            entries[i].blue = palette_rgb[3 * i + 2];
        }
        png_set_PLTE(png, info, entries, num_palette);
        if (num_trans > 0) png_set_tRNS(png, info, trans, num_trans, NULL);
    }
    png_set_compression_level(png, level);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, filters);
    png_write_info(png, info);
    for (unsigned int y = 0; y < height; y++) {
        png_write_row(png, pixels + (size_t)y * row_bytes);
    }
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    return 0;
}

#endif
