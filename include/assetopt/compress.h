/* Precompression: gzip and brotli encoders (and sizes for budgets). */
#ifndef ASSETOPT_COMPRESS_H
#define ASSETOPT_COMPRESS_H

#include "core.h"

/* level 1..12 (libdeflate levels; 9 is zlib's best, higher is slower and
 * smaller). Appends a gzip member with no name and mtime 0. */
AO_API AO_NODISCARD ao_status ao_gzip(const unsigned char *src, size_t len,
                                      int level, ao_buf *out);
/* quality 0..11; lgwin 0 picks a window to fit the input (up to 24). */
AO_API AO_NODISCARD ao_status ao_brotli(const unsigned char *src, size_t len,
                                        int quality, int lgwin, ao_buf *out);
/* Compressed sizes without keeping the bytes (levels as above). */
AO_API size_t ao_gzip_size(const unsigned char *src, size_t len, int level);
AO_API size_t ao_brotli_size(const unsigned char *src, size_t len, int quality);

#endif
