/* Precompression: gzip and brotli encoders (and sizes for budgets). */
#ifndef ASSETOPT_COMPRESS_H
#define ASSETOPT_COMPRESS_H

#include "core.h"

/* level 1..12 (libdeflate levels; 9 is zlib's best, higher is slower and
 * smaller). Appends a gzip member with no name and mtime 0. The bytes depend
 * only on the input and the level (fixed header: XFL 0, OS 255); at level 9
 * and above the smaller of libdeflate's and zlib's streams is kept. Safe to
 * call from several threads at once. On error out is left as it was. */
AO_API AO_NODISCARD ao_status ao_gzip(const unsigned char *src, size_t len,
                                      int level, ao_buf *out);
/* quality 0..11; lgwin 0 picks a window to fit the input (up to 24).
 * Deterministic and thread-safe, as ao_gzip. */
AO_API AO_NODISCARD ao_status ao_brotli(const unsigned char *src, size_t len,
                                        int quality, int lgwin, ao_buf *out);
/* Compressed sizes without keeping the bytes (levels as above; brotli with
 * a fitted window). SIZE_MAX when memory ran out. */
AO_API size_t ao_gzip_size(const unsigned char *src, size_t len, int level);
AO_API size_t ao_brotli_size(const unsigned char *src, size_t len, int quality);

#endif
