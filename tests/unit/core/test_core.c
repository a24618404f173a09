/* Unit tests: buffers, diagnostics, arena, hashes, paths, kinds, pool. */
#include "../harness.h"

#include <assetopt/core.h>
#include <assetopt/fs.h>
#include <assetopt/hash.h>
#include <assetopt/kind.h>
#include <assetopt/pool.h>
#include <assetopt/refs.h>

#include <stdlib.h>

AO_TEST(buf_append_and_printf)
{
  ao_buf b = AO_BUF_INIT(0);
  ao_buf_puts(&b, "abc");
  ao_buf_printf(&b, "-%d-", 42);
  ao_buf_putc(&b, 'z');
  CHECK(!b.err);
  CHECK_STR((char *)b.data, "abc-42-z");
  CHECK_INT(b.len, 8);
  /* padding after the data is zero */
  CHECK(b.cap >= b.len + 1 + AO_PAD);
  for(int i = 0; i <= AO_PAD; i++)
    CHECK(b.data[b.len + i] == 0);
  ao_buf_free(&b);
}

AO_TEST(buf_limit_is_sticky)
{
  ao_buf b = AO_BUF_INIT(5);
  CHECK(!ao_buf_puts(&b, "1234"));
  CHECK_INT(ao_buf_puts(&b, "56"), AO_LIMIT);
  CHECK_INT(ao_buf_puts(&b, "7"), AO_LIMIT); /* later appends do nothing */
  CHECK_STR((char *)b.data, "1234");
  ao_buf_reset(&b);
  CHECK(!b.err);
  ao_buf_free(&b);
}

AO_TEST(buf_nomem_is_sticky)
{
  ao_buf b = AO_BUF_INIT(0);
  ao_alloc_fail_after(1);
  CHECK_INT(ao_buf_puts(&b, "x"), AO_NOMEM);
  ao_alloc_fail_after(0);
  CHECK_INT(ao_buf_puts(&b, "y"), AO_NOMEM);
  CHECK(b.len == 0);
  ao_buf_free(&b);
}

AO_TEST(diag_line_col_counts_code_points)
{
  const unsigned char src[] = "ab\n\xc3\xa9x\r\nz";
  ao_diags d;
  ao_diags_init(&d, "f.css", src, sizeof(src) - 1);
  ao_diag_add(&d, AO_WARNING, 5, "at %c", 'x'); /* x after é */
  ao_diag_add(&d, AO_ERROR, 8, "z");
  CHECK_INT(d.items[0].line, 2);
  CHECK_INT(d.items[0].col, 2);
  CHECK_INT(d.items[1].line, 3);
  CHECK_INT(d.items[1].col, 1);
  CHECK_INT(d.errors, 1);
  ao_buf out = AO_BUF_INIT(0);
  ao_diags_format(&d, &out);
  CHECK_STR((char *)out.data, "f.css:2:2: warning: at x\nf.css:3:1: error: z\n");
  ao_buf_free(&out);
  ao_diags_free(&d);
}

AO_TEST(arena_allocations_are_aligned_and_distinct)
{
  ao_arena a;
  ao_arena_init(&a, 128);
  char *p = ao_arena_alloc(&a, 3);
  char *q = ao_arena_alloc(&a, 500); /* larger than a block */
  char *r = ao_arena_strndup(&a, "hello", 4);
  REQUIRE(p && q && r);
  CHECK(((uintptr_t)q % sizeof(void *)) == 0);
  CHECK(p != q && q != r);
  CHECK_STR(r, "hell");
  ao_arena_free(&a);
}

AO_TEST(sha256_and_encodings)
{
  unsigned char md[32];
  char hex[65], b32[64];
  ao_sha256_once("abc", 3, md);
  ao_hex(md, 32, hex);
  CHECK_STR(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  /* RFC 4648 test vectors, lower case, no padding */
  ao_base32((const unsigned char *)"foobar", 6, b32);
  CHECK_STR(b32, "mzxw6ytboi");
  ao_base32((const unsigned char *)"f", 1, b32);
  CHECK_STR(b32, "my");
  char b64[16];
  ao_base64((const unsigned char *)"fo", 2, b64);
  CHECK_STR(b64, "Zm8=");
  ao_base64((const unsigned char *)"foo", 3, b64);
  CHECK_STR(b64, "Zm9v");
  char sri[72];
  ao_sri("", 0, sri);
  CHECK_STR(sri, "sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb");
}

AO_TEST(path_resolve_and_relative)
{
  struct { const char *from, *ref, *want; } cases[] = {
    { "index.html", "css/a.css", "css/a.css" },
    { "guide/index.html", "../img/x.png", "img/x.png" },
    { "guide/index.html", "/img/x.png", "img/x.png" },
    { "a/b/c.css", "./d/../e.png", "a/b/e.png" },
    { "a/b/c.css", "../../x", "x" },
    { "a/b/c.css", "../../../x", NULL },
    { "index.html", "a//b.png", "a/b.png" },
  };
  for(size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    char *got = ao_path_resolve(cases[i].from, cases[i].ref, strlen(cases[i].ref));
    CHECK_STR(got, cases[i].want);
    free(got);
  }
  char *rel = ao_path_relative("guide/index.html", "img/x.png");
  CHECK_STR(rel, "../img/x.png");
  free(rel);
  rel = ao_path_relative("css/a.css", "css/b.css");
  CHECK_STR(rel, "b.css");
  free(rel);
}

AO_TEST(url_local_path_classifies)
{
  size_t n = 0;
  CHECK(!ao_url_local_path("https://x/y.png", 15, &n));
  CHECK(!ao_url_local_path("//cdn/x.js", 10, &n));
  CHECK(!ao_url_local_path("data:image/png;base64,AA", 24, &n));
  CHECK(!ao_url_local_path("#top", 4, &n));
  CHECK(!ao_url_local_path("mailto:a@b", 10, &n));
  CHECK(ao_url_local_path("img/a.png?v=1#x", 15, &n));
  CHECK_INT(n, 9);
  CHECK(ao_url_local_path("/a.css", 6, &n));
  CHECK_INT(n, 6);
}

AO_TEST(kind_by_extension_and_content)
{
  CHECK_INT(ao_kind_from_path("a/b.MJS"), AO_KIND_JS);
  CHECK_INT(ao_kind_from_path("x.webmanifest"), AO_KIND_WEBMANIFEST);
  CHECK_INT(ao_kind_from_path("noext"), AO_KIND_OTHER);
  const unsigned char png[] = "\x89PNG\r\n\x1a\nrest";
  CHECK_INT(ao_kind_classify("noext", png, 12), AO_KIND_PNG);
  CHECK_INT(ao_kind_classify("lying.jpg", png, 12), AO_KIND_PNG);
  const unsigned char html[] = "\xEF\xBB\xBF  <!DOCTYPE html><p>";
  CHECK_INT(ao_kind_sniff(html, sizeof(html) - 1), AO_KIND_HTML);
  const unsigned char svg[] = "<?xml version=\"1.0\"?>\n<svg xmlns=''/>";
  CHECK_INT(ao_kind_sniff(svg, sizeof(svg) - 1), AO_KIND_SVG);
  CHECK_STR(ao_mime_for_path("a.mjs"), "text/javascript; charset=utf-8");
}

struct pool_ctx { int out[1000]; };

static void square(void *ctx, size_t i, unsigned worker)
{
  (void)worker;
  ((struct pool_ctx *)ctx)->out[i] = (int)(i * i);
}

AO_TEST(pool_runs_every_index_once)
{
  for(unsigned threads = 1; threads <= 4; threads++) {
    ao_pool *p = ao_pool_new(threads);
    REQUIRE(p);
    static struct pool_ctx c;
    for(int round = 0; round < 3; round++) {
      memset(&c, 0xff, sizeof(c));
      ao_pool_for(p, 1000, square, &c);
      int ok = 1;
      for(int i = 0; i < 1000; i++)
        ok &= c.out[i] == i * i;
      CHECK(ok);
    }
    ao_pool_free(p);
  }
}
