/* brotli: one encoder instance per call (thread-safe), allocations through
 * ao_malloc, parameters fixed so output is deterministic. Note: brotli 1.0
 * ends the process when an allocation fails inside the encoder; only the
 * failure to create the instance comes back as AO_NOMEM. */
#include <assetopt/compress.h>

#include <brotli/encode.h>

#include <string.h>

static void *br_alloc(void *opaque, size_t n)
{
  (void)opaque;
  return ao_malloc(n);
}

static void br_free(void *opaque, void *p)
{
  (void)opaque;
  ao_free(p);
}

/* The smallest window that covers the input (brotli's range is 10..24). */
static int fit_lgwin(size_t len)
{
  int w = BROTLI_MIN_WINDOW_BITS;
  while(w < BROTLI_MAX_WINDOW_BITS && ((size_t)1 << w) - 16 < len)
    w++;
  return w;
}

/* Compresses src, appending to out (when out is not NULL) and returning the
 * compressed length in *n. */
static ao_status encode(const unsigned char *src, size_t len, int quality,
                        int lgwin, ao_buf *out, size_t *n)
{
  if(quality < BROTLI_MIN_QUALITY)
    quality = BROTLI_MIN_QUALITY;
  if(quality > BROTLI_MAX_QUALITY)
    quality = BROTLI_MAX_QUALITY;
  if(lgwin <= 0)
    lgwin = fit_lgwin(len);
  if(lgwin < BROTLI_MIN_WINDOW_BITS)
    lgwin = BROTLI_MIN_WINDOW_BITS;
  if(lgwin > BROTLI_MAX_WINDOW_BITS)
    lgwin = BROTLI_MAX_WINDOW_BITS;
  BrotliEncoderState *st = BrotliEncoderCreateInstance(br_alloc, br_free, NULL);
  if(!st)
    return AO_NOMEM;
  BrotliEncoderSetParameter(st, BROTLI_PARAM_QUALITY, (uint32_t)quality);
  BrotliEncoderSetParameter(st, BROTLI_PARAM_LGWIN, (uint32_t)lgwin);
  BrotliEncoderSetParameter(st, BROTLI_PARAM_MODE, BROTLI_MODE_GENERIC);
  if(len <= UINT32_MAX)
    BrotliEncoderSetParameter(st, BROTLI_PARAM_SIZE_HINT, (uint32_t)len);
  size_t avail_in = len, total = 0;
  const uint8_t *next_in = src;
  size_t start = out ? out->len : 0;
  ao_status s = AO_OK;
  for(;;) {
    uint8_t chunk[16384];
    size_t avail_out = sizeof(chunk);
    uint8_t *next_out = chunk;
    if(!BrotliEncoderCompressStream(st, BROTLI_OPERATION_FINISH, &avail_in,
                                    &next_in, &avail_out, &next_out, NULL)) {
      s = AO_NOMEM; /* the encoder fails only when it cannot allocate */
      break;
    }
    size_t got = sizeof(chunk) - avail_out;
    total += got;
    if(out && got && ao_buf_append(out, chunk, got)) {
      s = out->err;
      break;
    }
    if(BrotliEncoderIsFinished(st) && !BrotliEncoderHasMoreOutput(st))
      break;
  }
  BrotliEncoderDestroyInstance(st);
  if(s && out && !out->err) {
    out->len = start;
    out->data[start] = 0;
  }
  *n = total;
  return s;
}

ao_status ao_brotli(const unsigned char *src, size_t len, int quality,
                    int lgwin, ao_buf *out)
{
  if(out->err)
    return out->err;
  ao_buf tmp = AO_BUF_INIT(0);
  size_t n;
  ao_status s = encode(src, len, quality, lgwin, &tmp, &n);
  if(!s)
    s = ao_buf_append(out, tmp.data, tmp.len);
  ao_buf_free(&tmp);
  return s;
}

size_t ao_brotli_size(const unsigned char *src, size_t len, int quality)
{
  size_t n;
  if(encode(src, len, quality, 0, NULL, &n))
    return SIZE_MAX;
  return n;
}
