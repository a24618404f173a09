/* Image recompression: lossless by default, lossy on request, WebP siblings. */
#ifndef ASSETOPT_IMAGE_H
#define ASSETOPT_IMAGE_H

#include "core.h"
#include "kind.h"

typedef struct ao_image_opts {
  int lossy;          /* allow lossy recompression (default 0)          */
  int quality;        /* lossy quality 1..100 (default 80)              */
  int keep_metadata;  /* keep EXIF/XMP/text chunks (default 0)          */
  int effort;         /* 0 fast … 9 slow (default 5)                    */
} ao_image_opts;

AO_API void ao_image_opts_init(ao_image_opts *o);
/* Recompresses a PNG or JPEG; other kinds give AO_UNSUPPORTED. On error or
 * when nothing smaller is found, out is left as it was. */
AO_API AO_NODISCARD ao_status ao_image_optimize(ao_kind kind,
                                                const unsigned char *src,
                                                size_t len,
                                                const ao_image_opts *o,
                                                ao_buf *out, ao_diags *d);
/* Encodes a WebP version of a PNG or JPEG into out. */
AO_API AO_NODISCARD ao_status ao_image_webp(ao_kind kind,
                                            const unsigned char *src,
                                            size_t len,
                                            const ao_image_opts *o,
                                            ao_buf *out, ao_diags *d);

#endif
