/* Unit tests: gzip and brotli round trips through zlib and libbrotlidec,
 * fixed headers, determinism, sizes, threads, allocation failures. */
#include "../harness.h"

#include <assetopt/compress.h>
#include <assetopt/pool.h>

#include <brotli/decode.h>
#include <zlib.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Pseudo-random text with repeats: compressible but not trivially. */
static unsigned char *sample(size_t n, unsigned seed)
{
  static const char *const words[] = {
    "function", "return", "const", "let", "=>", "{", "}", "(", ")", ";",
    "document", "querySelector", "addEventListener", "click", "\n", " "
  };
  unsigned char *p = malloc(n + 1);
  size_t i = 0;
  uint32_t x = seed * 2654435761u + 1;
  while(i < n) {
    x = x * 1103515245u + 12345u;
    const char *w = words[(x >> 16) % 16];
    size_t wl = strlen(w);
    for(size_t k = 0; k < wl && i < n; k++)
      p[i++] = (unsigned char)w[k];
    if(((x >> 8) & 7) == 0 && i < n)
      p[i++] = (unsigned char)(x >> 24);
  }
  p[n] = 0;
  return p;
}

static int gunzip_eq(const unsigned char *gz, size_t gzlen,
                     const unsigned char *want, size_t wlen)
{
  unsigned char *o = malloc(wlen + 16);
  z_stream z;
  memset(&z, 0, sizeof(z));
  if(inflateInit2(&z, 16 + 15) != Z_OK)
    return 0;
  z.next_in = (Bytef *)(uintptr_t)gz;
  z.avail_in = (uInt)gzlen;
  z.next_out = o;
  z.avail_out = (uInt)(wlen + 16);
  int rc = inflate(&z, Z_FINISH);
  int ok = rc == Z_STREAM_END && z.total_out == wlen && z.avail_in == 0 &&
           !memcmp(o, want, wlen);
  inflateEnd(&z);
  free(o);
  return ok;
}

static int unbrotli_eq(const unsigned char *br, size_t brlen,
                       const unsigned char *want, size_t wlen)
{
  size_t olen = wlen + 16;
  unsigned char *o = malloc(olen);
  int ok = BrotliDecoderDecompress(brlen, br, &olen, o) ==
             BROTLI_DECODER_RESULT_SUCCESS &&
           olen == wlen && !memcmp(o, want, wlen);
  free(o);
  return ok;
}

AO_TEST(compress_gzip_round_trip_levels)
{
  static const size_t sizes[] = { 0, 1, 7, 1000, 70000, 300001 };
  for(size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
    unsigned char *src = sample(sizes[i], (unsigned)i);
    for(int level = 1; level <= 12; level += (level < 9 ? 4 : 1)) {
      ao_buf out = AO_BUF_INIT(0);
      REQUIRE(!ao_gzip(src, sizes[i], level, &out));
      CHECK(gunzip_eq(out.data, out.len, src, sizes[i]));
      CHECK_INT(ao_gzip_size(src, sizes[i], level), out.len);
      ao_buf_free(&out);
    }
    free(src);
  }
}

AO_TEST(compress_gzip_header_is_fixed)
{
  const unsigned char *s = (const unsigned char *)"hello hello hello hello";
  ao_buf a = AO_BUF_INIT(0), b = AO_BUF_INIT(0);
  REQUIRE(!ao_gzip(s, strlen((const char *)s), 9, &a));
  REQUIRE(!ao_gzip(s, strlen((const char *)s), 9, &b));
  static const unsigned char hdr[10] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255 };
  REQUIRE(a.len > 18);
  CHECK_MEM(a.data, 10, hdr, 10);
  CHECK_MEM(a.data, a.len, b.data, b.len);
  ao_buf_free(&a);
  ao_buf_free(&b);
}

AO_TEST(compress_gzip_appends_to_existing)
{
  ao_buf out = AO_BUF_INIT(0);
  ao_buf_puts(&out, "prefix");
  REQUIRE(!ao_gzip((const unsigned char *)"abc", 3, 6, &out));
  CHECK_MEM(out.data, 6, "prefix", 6);
  CHECK(gunzip_eq(out.data + 6, out.len - 6, (const unsigned char *)"abc", 3));
  ao_buf_free(&out);
}

AO_TEST(compress_brotli_round_trip)
{
  static const size_t sizes[] = { 0, 1, 900, 65536, 250000 };
  for(size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
    unsigned char *src = sample(sizes[i], 7 + (unsigned)i);
    static const int q[] = { 0, 5, 11 };
    for(size_t k = 0; k < 3; k++) {
      ao_buf out = AO_BUF_INIT(0);
      REQUIRE(!ao_brotli(src, sizes[i], q[k], 0, &out));
      CHECK(unbrotli_eq(out.data, out.len, src, sizes[i]));
      CHECK_INT(ao_brotli_size(src, sizes[i], q[k]), out.len);
      ao_buf out2 = AO_BUF_INIT(0);
      REQUIRE(!ao_brotli(src, sizes[i], q[k], 0, &out2));
      CHECK_MEM(out.data, out.len, out2.data, out2.len);
      ao_buf_free(&out);
      ao_buf_free(&out2);
    }
    ao_buf w = AO_BUF_INIT(0);
    REQUIRE(!ao_brotli(src, sizes[i], 9, 22, &w));
    CHECK(unbrotli_eq(w.data, w.len, src, sizes[i]));
    ao_buf_free(&w);
    free(src);
  }
}

AO_TEST(compress_smaller_than_input_on_text)
{
  unsigned char *src = sample(100000, 3);
  size_t g = ao_gzip_size(src, 100000, 9), b = ao_brotli_size(src, 100000, 11);
  CHECK(g < 100000 / 2);
  CHECK(b < g);
  free(src);
}

struct mt_ctx {
  unsigned char *src;
  size_t len;
  size_t gz[8], br[8];
};

static void mt_job(void *ctx, size_t i, unsigned worker)
{
  (void)worker;
  struct mt_ctx *c = ctx;
  c->gz[i] = ao_gzip_size(c->src, c->len, 10);
  c->br[i] = ao_brotli_size(c->src, c->len, 9);
}

AO_TEST(compress_threads_agree)
{
  struct mt_ctx c = { .src = sample(60000, 11), .len = 60000 };
  ao_pool *p = ao_pool_new(4);
  REQUIRE(p);
  ao_pool_for(p, 8, mt_job, &c);
  ao_pool_free(p);
  for(int i = 1; i < 8; i++) {
    CHECK_INT(c.gz[i], c.gz[0]);
    CHECK_INT(c.br[i], c.br[0]);
  }
  free(c.src);
}

AO_TEST(compress_allocation_failures)
{
  unsigned char *src = sample(20000, 5);
  for(long n = 1; n < 40; n++) {
    ao_buf out = AO_BUF_INIT(0);
    ao_alloc_fail_after(n);
    ao_status s = ao_gzip(src, 20000, 9, &out);
    ao_alloc_fail_after(0);
    if(!s)
      CHECK(gunzip_eq(out.data, out.len, src, 20000));
    else
      CHECK(out.len == 0);
    ao_buf_free(&out);
  }
  /* libbrotlienc 1.0 ends the process when an allocation fails after the
   * instance exists, so only the instance's own allocation is tested */
  ao_buf out = AO_BUF_INIT(0);
  ao_alloc_fail_after(1);
  CHECK_INT(ao_brotli(src, 20000, 5, 0, &out), AO_NOMEM);
  ao_alloc_fail_after(0);
  CHECK(out.len == 0);
  ao_buf_free(&out);
  free(src);
}
