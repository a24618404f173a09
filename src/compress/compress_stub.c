/* Minimal gzip (zlib) and brotli encoders. */
#include <assetopt/compress.h>

#include <brotli/encode.h>
#include <zlib.h>

ao_status ao_gzip(const unsigned char *src, size_t len, int level, ao_buf *out)
{
  z_stream z = { 0 };
  if(level > 9)
    level = 9;
  if(deflateInit2(&z, level, Z_DEFLATED, 31, 9, Z_DEFAULT_STRATEGY) != Z_OK)
    return AO_NOMEM;
  size_t old = out->len;
  uLong bound = deflateBound(&z, (uLong)len);
  if(ao_buf_reserve(out, bound)) {
    deflateEnd(&z);
    return out->err;
  }
  z.next_in = (Bytef *)src;
  z.avail_in = (uInt)len;
  z.next_out = out->data + old;
  z.avail_out = (uInt)bound;
  int r = deflate(&z, Z_FINISH);
  out->len = old + z.total_out;
  deflateEnd(&z);
  /* gzip header: mtime 0, OS byte set by zlib; fix it to "unknown" */
  if(r != Z_STREAM_END) {
    out->len = old;
    return AO_NOMEM;
  }
  out->data[old + 9] = 255;
  return AO_OK;
}

ao_status ao_brotli(const unsigned char *src, size_t len, int quality,
                    int lgwin, ao_buf *out)
{
  if(!lgwin) {
    lgwin = 10;
    while(lgwin < 24 && ((size_t)1 << lgwin) - 16 < len)
      lgwin++;
  }
  size_t n = BrotliEncoderMaxCompressedSize(len);
  if(!n)
    n = len + 1024;
  size_t old = out->len;
  if(ao_buf_reserve(out, n))
    return out->err;
  if(!BrotliEncoderCompress(quality, lgwin, BROTLI_MODE_GENERIC, len, src, &n,
                            out->data + old))
    return AO_NOMEM;
  out->len = old + n;
  return AO_OK;
}

size_t ao_gzip_size(const unsigned char *src, size_t len, int level)
{
  ao_buf b = AO_BUF_INIT(0);
  size_t n = ao_gzip(src, len, level, &b) ? len : b.len;
  ao_buf_free(&b);
  return n;
}

size_t ao_brotli_size(const unsigned char *src, size_t len, int quality)
{
  ao_buf b = AO_BUF_INIT(0);
  size_t n = ao_brotli(src, len, quality, 0, &b) ? len : b.len;
  ao_buf_free(&b);
  return n;
}
