/* Image recompression: lossless by default, lossy on request, WebP siblings. */
#ifndef ASSETOPT_IMAGE_H
#define ASSETOPT_IMAGE_H

#include "core.h"
#include "kind.h"

/* What a WebP sibling is encoded as. */
typedef enum ao_webp_mode {
  AO_WEBP_AUTO,     /* default: lossy for JPEG and for opaque PNGs of more
                       than 256 colours when smaller, else lossless */
  AO_WEBP_LOSSY,    /* lossy at webp_quality */
  AO_WEBP_LOSSLESS  /* exact pixels */
} ao_webp_mode;

typedef struct ao_image_opts {
  int lossy;          /* allow lossy recompression (default 0)          */
  int quality;        /* lossy quality 1..100 (default 80)              */
  int keep_metadata;  /* keep EXIF/XMP/text chunks (default 0)          */
  int effort;         /* 0 fast … 9 slow (default 5)                    */
  /* added fields, all safe at their ao_image_opts_init() value */
  int quality_min;    /* lossy PNG floor 0..100: skip the palette when it
                         cannot be met (default -1: quality - 15)        */
  uint64_t max_pixels;/* refuse larger images (default 100 megapixels)  */
  int webp_quality;   /* lossy WebP quality 1..100 (default 80)         */
  ao_webp_mode webp_mode;
} ao_image_opts;

#define AO_IMAGE_MAX_PIXELS_DEFAULT 100000000ULL

AO_API void ao_image_opts_init(ao_image_opts *o);
/* Recompresses a PNG or JPEG; other kinds give AO_UNSUPPORTED. Without
 * o->lossy every pixel decodes exactly as before. On error or when nothing
 * smaller is found, out is left as it was (nothing smaller: AO_OK, with a
 * note in d). Inputs libpng/libjpeg accept only with warnings, animated PNGs
 * and JPEG variants that cannot be transcoded are left alone (AO_OK, a note).
 * A PNG passed as JPEG (or the reverse) is optimized as what its bytes are,
 * with a warning. Corrupt input: AO_SYNTAX; above max_pixels: AO_LIMIT.
 * Thread-safe. */
AO_API AO_NODISCARD ao_status ao_image_optimize(ao_kind kind,
                                                const unsigned char *src,
                                                size_t len,
                                                const ao_image_opts *o,
                                                ao_buf *out, ao_diags *d);
/* Encodes a WebP version of a PNG or JPEG into out (appends; whether it is
 * smaller is the caller's choice). JPEG EXIF orientation is applied to the
 * pixels. On error out is left as it was. */
AO_API AO_NODISCARD ao_status ao_image_webp(ao_kind kind,
                                            const unsigned char *src,
                                            size_t len,
                                            const ao_image_opts *o,
                                            ao_buf *out, ao_diags *d);
/* PNG or JPEG by content; AO_KIND_OTHER otherwise. */
AO_API ao_kind ao_image_sniff(const unsigned char *src, size_t len);

#endif
