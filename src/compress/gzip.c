/* gzip: raw DEFLATE from libdeflate (and from zlib when that is smaller or
 * libdeflate cannot run) inside a fixed gzip header, so the same bytes give
 * the same file on every machine: no name, mtime 0, XFL 0, OS 255. */
#include <assetopt/compress.h>

#include <libdeflate.h>
#include <zlib.h>

#include <limits.h>
#include <string.h>

static const unsigned char gzip_head[10] = {
  0x1f, 0x8b, 8 /* deflate */, 0 /* flags */, 0, 0, 0, 0 /* mtime */,
  0 /* xfl */, 255 /* os: unknown */
};

static voidpf z_alloc(voidpf opaque, uInt items, uInt size)
{
  (void)opaque;
  if(size && items > SIZE_MAX / size)
    return Z_NULL;
  return ao_malloc((size_t)items * size);
}

static void z_free(voidpf opaque, voidpf p)
{
  (void)opaque;
  ao_free(p);
}

/* Raw DEFLATE with zlib into out[0, cap); returns the length, 0 on failure
 * (including "did not fit"). */
static size_t zlib_deflate(const unsigned char *src, size_t len, int level,
                           unsigned char *out, size_t cap)
{
  z_stream z;
  memset(&z, 0, sizeof(z));
  z.zalloc = z_alloc;
  z.zfree = z_free;
  if(level > 9)
    level = 9;
  if(deflateInit2(&z, level, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    return 0;
  size_t done = 0;
  int rc = Z_OK;
  z.next_out = out;
  while(rc == Z_OK) {
    size_t in_chunk = len - done > UINT_MAX ? UINT_MAX : len - done;
    size_t used_out = (size_t)(z.next_out - out);
    size_t out_chunk = cap - used_out > UINT_MAX ? UINT_MAX : cap - used_out;
    if(!out_chunk)
      break;
    z.next_in = (Bytef *)(uintptr_t)(src + done);
    z.avail_in = (uInt)in_chunk;
    z.avail_out = (uInt)out_chunk;
    int flush = done + in_chunk == len ? Z_FINISH : Z_NO_FLUSH;
    rc = deflate(&z, flush);
    done += in_chunk - z.avail_in;
  }
  size_t n = (size_t)(z.next_out - out);
  deflateEnd(&z);
  return rc == Z_STREAM_END ? n : 0;
}

/* CRC-32 of any length (zlib takes uInt lengths). */
static uint32_t crc_of(const unsigned char *p, size_t len)
{
  uLong crc = crc32(0L, Z_NULL, 0);
  while(len) {
    uInt n = len > UINT_MAX ? UINT_MAX : (uInt)len;
    crc = crc32(crc, p, n);
    p += n;
    len -= n;
  }
  return (uint32_t)crc;
}

static int clamp_level(int level)
{
  return level < 1 ? 1 : level > 12 ? 12 : level;
}

/* Deflates src into scratch (worst-case sized); returns the raw length or 0. */
static size_t deflate_best(const unsigned char *src, size_t len, int level,
                           unsigned char **scratch)
{
  /* deflate's worst case: stored blocks of 65535 bytes, 5 bytes each, plus
   * room for zlib's own bookkeeping */
  size_t bound = len + len / 65535 * 5 + 64;
  if(bound < len)
    return 0;
  size_t zbound = bound + len / 1000 + 64;
  if(zbound < bound)
    return 0;
  unsigned char *a = ao_malloc(zbound);
  if(!a)
    return 0;
  size_t n = 0;
  struct libdeflate_compressor *c = libdeflate_alloc_compressor(level);
  if(c) {
    n = libdeflate_deflate_compress(c, src, len, a, bound);
    libdeflate_free_compressor(c);
  }
  /* zlib: when libdeflate could not run, and at high levels where it
   * sometimes wins on small or odd inputs */
  if(!n || level >= 9) {
    unsigned char *b = n ? ao_malloc(zbound) : a;
    if(b) {
      size_t m = zlib_deflate(src, len, level, b, n ? n : zbound);
      if(m && (!n || m < n)) {
        if(b != a)
          ao_free(a);
        a = b;
        n = m;
      }
      else if(b != a) {
        ao_free(b);
      }
    }
  }
  if(!n) {
    ao_free(a);
    return 0;
  }
  *scratch = a;
  return n;
}

ao_status ao_gzip(const unsigned char *src, size_t len, int level, ao_buf *out)
{
  if(out->err)
    return out->err;
  unsigned char *raw = NULL;
  size_t n = deflate_best(src, len, clamp_level(level), &raw);
  if(!n)
    return AO_NOMEM;
  uint32_t crc = crc_of(src, len);
  uint32_t isize = (uint32_t)len; /* modulo 2^32, as RFC 1952 says */
  unsigned char trailer[8] = {
    (unsigned char)crc, (unsigned char)(crc >> 8), (unsigned char)(crc >> 16),
    (unsigned char)(crc >> 24), (unsigned char)isize,
    (unsigned char)(isize >> 8), (unsigned char)(isize >> 16),
    (unsigned char)(isize >> 24)
  };
  ao_status s = ao_buf_reserve(out, sizeof(gzip_head) + n + sizeof(trailer));
  if(!s) {
    ao_buf_append(out, gzip_head, sizeof(gzip_head));
    ao_buf_append(out, raw, n);
    ao_buf_append(out, trailer, sizeof(trailer));
  }
  ao_free(raw);
  return s;
}

size_t ao_gzip_size(const unsigned char *src, size_t len, int level)
{
  unsigned char *raw = NULL;
  size_t n = deflate_best(src, len, clamp_level(level), &raw);
  if(!n)
    return SIZE_MAX;
  ao_free(raw);
  return n + 18;
}
