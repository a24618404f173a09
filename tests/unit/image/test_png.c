/* PNG recompression: every lossless output decodes (by an independent libpng
 * reader) to exactly the input's pixels; formats reduce; chunks are stripped
 * or kept; bad and oversized inputs give a status and a message. */
#include "../harness.h"
#include "oracle.h"

#include <assetopt/image.h>

#include <dirent.h>

static const char *lossless_fixtures[] = {
  "image/rgb.png", "image/rgba.png", "image/opaque_alpha.png",
  "image/rgb16.png", "image/rgb16_as8.png", "image/grey_as_rgb.png",
  "image/grey_alpha.png", "image/grey_bilevel.png", "image/palette.png",
  "image/few_colours.png", "image/exif_orient.png", "image/noise.png",
  "image/interlaced.png", "image/grey16.png",
};

AO_TEST(png_lossless_fixtures_every_effort)
{
  ao_image_opts o;
  ao_image_opts_init(&o);
  for(int e = 0; e <= 9; e++) {
    o.effort = e;
    for(size_t i = 0; i < sizeof(lossless_fixtures) / sizeof(*lossless_fixtures); i++) {
      size_t n;
      free(oracle_fixture(t, AO_KIND_PNG, lossless_fixtures[i], &o, &n));
    }
  }
}

static int ihdr(const unsigned char *p, size_t n, int *depth, int *ct)
{
  if(n < 33)
    return 0;
  *depth = p[24];
  *ct = p[25];
  return 1;
}

AO_TEST(png_reduces_pixel_formats)
{
  static const struct { const char *f; int ct, depth; } cases[] = {
    { "image/few_colours.png", 3, 2 },     /* 4 colours, alpha → palette */
    { "image/grey_as_rgb.png", 0, 8 },     /* RGB all grey → grey */
    { "image/grey_bilevel.png", 0, 1 },    /* 0/255 only → 1 bit */
    { "image/rgb16_as8.png", 2, 8 },       /* 16 bit, bytes equal → 8 bit */
    { "image/rgb16.png", 2, 16 },          /* real 16 bit stays */
  };
  ao_image_opts o;
  ao_image_opts_init(&o);
  for(size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
    size_t n;
    unsigned char *r = oracle_fixture(t, AO_KIND_PNG, cases[i].f, &o, &n);
    int depth = 0, ct = 0;
    if(CHECK(r && ihdr(r, n, &depth, &ct))) {
      if(!CHECK_INT(ct, cases[i].ct) || !CHECK_INT(depth, cases[i].depth))
        fprintf(stderr, "  %s\n", cases[i].f);
    }
    free(r);
  }
  /* opaque alpha dropped: RGB or a palette, never RGBA */
  size_t n;
  unsigned char *r = oracle_fixture(t, AO_KIND_PNG, "image/opaque_alpha.png", &o, &n);
  int depth = 0, ct = 0;
  if(CHECK(r && ihdr(r, n, &depth, &ct)))
    CHECK(ct == 2 || ct == 3 || ct == 0);
  free(r);
}

AO_TEST(png_strips_metadata_keeps_colour_chunks)
{
  ao_image_opts o;
  ao_image_opts_init(&o);
  size_t n;
  unsigned char *r = oracle_fixture(t, AO_KIND_PNG, "image/rgb.png", &o, &n);
  REQUIRE(r);
  CHECK(oracle_png_has(r, n, "iCCP"));
  CHECK(oracle_png_has(r, n, "gAMA"));
  CHECK(!oracle_png_has(r, n, "tEXt"));
  CHECK(!oracle_png_has(r, n, "tIME"));
  free(r);
  o.keep_metadata = 1;
  r = oracle_fixture(t, AO_KIND_PNG, "image/rgb.png", &o, &n);
  REQUIRE(r);
  CHECK(oracle_png_has(r, n, "iCCP"));
  CHECK(oracle_png_has(r, n, "tEXt"));
  CHECK(oracle_png_has(r, n, "tIME"));
  free(r);
  /* eXIf with an orientation is kept even without keep_metadata */
  o.keep_metadata = 0;
  r = oracle_fixture(t, AO_KIND_PNG, "image/exif_orient.png", &o, &n);
  REQUIRE(r);
  CHECK(oracle_png_has(r, n, "eXIf"));
  free(r);
}

AO_TEST(png_apng_passes_through)
{
  size_t len;
  unsigned char *src = ao_t_read(ao_t_data("image/animated.png"), &len);
  REQUIRE(src);
  ao_image_opts o;
  ao_image_opts_init(&o);
  ao_buf out = AO_BUF_INIT(0);
  ao_diags d;
  ao_diags_init(&d, "animated.png", NULL, 0);
  CHECK_INT(ao_image_optimize(AO_KIND_PNG, src, len, &o, &out, &d), AO_OK);
  CHECK_INT(out.len, 0);
  CHECK(d.n == 1 && strstr(d.items[0].msg, "APNG"));
  ao_buf_free(&out);
  ao_diags_free(&d);
  free(src);
}

/* A broken input: an error status with a message, or AO_OK with the input
 * left alone and a note; never output. */
static void expect_rejected(struct ao_t *t, ao_kind k, const unsigned char *p,
                            size_t n, const ao_image_opts *o, const char *what)
{
  ao_buf out = AO_BUF_INIT(0);
  ao_diags d;
  ao_diags_init(&d, what, NULL, 0);
  ao_status s = ao_image_optimize(k, p, n, o, &out, &d);
  if(!CHECK(out.len == 0 && d.n >= 1 && (s == AO_OK ? d.errors == 0 : d.errors >= 1)))
    fprintf(stderr, "  %s: status %d, %zu bytes out\n", what, (int)s, out.len);
  if(s != AO_OK)
    CHECK(s == AO_SYNTAX || s == AO_LIMIT);
  ao_buf_free(&out);
  ao_diags_free(&d);
}

AO_TEST(png_truncated_and_corrupt_inputs)
{
  ao_image_opts o;
  ao_image_opts_init(&o);
  size_t len;
  unsigned char *src = ao_t_read(ao_t_data("image/rgb.png"), &len);
  REQUIRE(src);
  /* every cut: the tail (IEND, trailing text) may go without harm, but no
   * cut may crash or produce output from a partial image */
  size_t idat_end = 0;
  for(size_t i = 8; i + 4 <= len; i++)
    if(!memcmp(src + i, "IDAT", 4)) {
      idat_end = i + 4 + ((size_t)src[i - 4] << 24 | (size_t)src[i - 3] << 16 |
                          (size_t)src[i - 2] << 8 | src[i - 1]) + 4;
      break;
    }
  REQUIRE(idat_end > 0);
  for(size_t cut = 0; cut < idat_end; cut += 37) {
    unsigned char *p = malloc(cut + AO_PAD);
    memcpy(p, src, cut);
    memset(p + cut, 0, AO_PAD);
    expect_rejected(t, AO_KIND_PNG, p, cut, &o, "cut");
    free(p);
  }
  free(src);
  static const char *bad[] = { "image/truncated.png", "image/bad_crc.png" };
  for(size_t i = 0; i < 2; i++) {
    src = ao_t_read(ao_t_data(bad[i]), &len);
    REQUIRE(src);
    expect_rejected(t, AO_KIND_PNG, src, len, &o, bad[i]);
    free(src);
  }
}

AO_TEST(png_pixel_limit)
{
  ao_image_opts o;
  ao_image_opts_init(&o);
  size_t len;
  unsigned char *src = ao_t_read(ao_t_data("image/huge.png"), &len);
  REQUIRE(src);
  ao_buf out = AO_BUF_INIT(0);
  ao_diags d;
  ao_diags_init(&d, "huge.png", NULL, 0);
  CHECK_INT(ao_image_optimize(AO_KIND_PNG, src, len, &o, &out, &d), AO_LIMIT);
  CHECK(d.errors == 1 && strstr(d.items[0].msg, "limit"));
  CHECK_INT(out.len, 0);
  ao_diags_free(&d);
  free(src);
  /* configurable */
  src = ao_t_read(ao_t_data("image/rgb.png"), &len);
  REQUIRE(src);
  o.max_pixels = 1000;
  ao_diags_init(&d, "rgb.png", NULL, 0);
  CHECK_INT(ao_image_optimize(AO_KIND_PNG, src, len, &o, &out, &d), AO_LIMIT);
  ao_diags_free(&d);
  ao_buf_free(&out);
  free(src);
}

AO_TEST(png_lossy_palette)
{
  ao_image_opts o;
  ao_image_opts_init(&o);
  o.lossy = 1;
  o.quality = 90;
  o.quality_min = 0;
  size_t len;
  unsigned char *src = ao_t_read(ao_t_data("image/noise.png"), &len);
  REQUIRE(src);
  ao_buf out = AO_BUF_INIT(0);
  ao_diags d;
  ao_diags_init(&d, "noise.png", NULL, 0);
  CHECK_INT(ao_image_optimize(AO_KIND_PNG, src, len, &o, &out, &d), AO_OK);
  int depth = 0, ct = 0;
  if(CHECK(out.len > 0 && out.len < len && ihdr(out.data, out.len, &depth, &ct)))
    CHECK_INT(ct, 3);
  struct oracle_img a, b;
  if(CHECK(oracle_png(src, len, &a))) {
    if(CHECK(oracle_png(out.data, out.len, &b))) {
      CHECK(a.w == b.w && a.h == b.h);
      free(b.px);
    }
    free(a.px);
  }
  /* an unreachable floor keeps the lossless result */
  ao_buf_reset(&out);
  o.quality = 100;
  o.quality_min = 100;
  CHECK_INT(ao_image_optimize(AO_KIND_PNG, src, len, &o, &out, &d), AO_OK);
  if(out.len && CHECK(ihdr(out.data, out.len, &depth, &ct)))
    CHECK(ct != 3);
  ao_buf_free(&out);
  ao_diags_free(&d);
  free(src);
}

AO_TEST(png_allocation_failures)
{
  size_t len;
  unsigned char *src = ao_t_read(ao_t_data("image/few_colours.png"), &len);
  REQUIRE(src);
  ao_image_opts o;
  ao_image_opts_init(&o);
  o.lossy = 1;
  for(long n = 1; n < 400; n++) {
    ao_buf out = AO_BUF_INIT(0);
    ao_diags d;
    ao_diags_init(&d, "x", NULL, 0);
    ao_alloc_fail_after(n);
    ao_status s = ao_image_optimize(AO_KIND_PNG, src, len, &o, &out, &d);
    ao_alloc_fail_after(0);
    CHECK(s == AO_OK || s == AO_NOMEM || s == AO_SYNTAX);
    if(s)
      CHECK_INT(out.len, 0);
    ao_buf_free(&out);
    ao_diags_free(&d);
  }
  free(src);
}

AO_TEST(png_wrong_kind_and_other_formats)
{
  size_t len;
  unsigned char *src = ao_t_read(ao_t_data("image/photo.jpg"), &len);
  REQUIRE(src);
  ao_image_opts o;
  ao_image_opts_init(&o);
  ao_buf out = AO_BUF_INIT(0);
  ao_diags d;
  ao_diags_init(&d, "photo.jpg", NULL, 0);
  /* a JPEG named .png: optimized as what it is, with a warning */
  CHECK_INT(ao_image_optimize(AO_KIND_PNG, src, len, &o, &out, &d), AO_OK);
  CHECK(d.warnings == 1 && d.errors == 0);
  CHECK(out.len == 0 || (out.len < len && out.data[0] == 0xff && out.data[1] == 0xd8));
  ao_buf_reset(&out);
  CHECK_INT(ao_image_optimize(AO_KIND_GIF, src, len, &o, &out, &d), AO_UNSUPPORTED);
  CHECK_INT(ao_image_sniff(src, len), AO_KIND_JPEG);
  CHECK_INT(out.len, 0);
  /* not an image at all */
  static const unsigned char text[8 + AO_PAD] = "GIF89a!!";
  CHECK_INT(ao_image_optimize(AO_KIND_PNG, text, 8, &o, &out, &d), AO_SYNTAX);
  CHECK(d.errors == 1);
  ao_buf_free(&out);
  ao_diags_free(&d);
  free(src);
}

/* Every PNG of the shared corpus: identical pixels, never larger. */
AO_TEST(png_corpus_lossless)
{
  const char *c = ao_t_corpus();
  if(!c) {
    ao_t_skip(t, "no corpus");
    return;
  }
  char dir[4096];
  snprintf(dir, sizeof(dir), "%s/png", c);
  DIR *dh = opendir(dir);
  if(!dh) {
    ao_t_skip(t, "no corpus/png");
    return;
  }
  ao_image_opts o;
  ao_image_opts_init(&o);
  const char *e = getenv("AO_IMAGE_TEST_EFFORT");
  o.effort = e ? atoi(e) : 2;
  struct dirent *de;
  unsigned files = 0;
  while((de = readdir(dh))) {
    size_t nl = strlen(de->d_name);
    if(nl < 5 || strcmp(de->d_name + nl - 4, ".png"))
      continue;
    char path[8192];
    snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
    size_t len, n;
    unsigned char *src = ao_t_read(path, &len);
    if(!CHECK(src))
      continue;
    free(oracle_optimize(t, AO_KIND_PNG, src, len, &o, &n, de->d_name));
    free(src);
    files++;
  }
  closedir(dh);
  CHECK(files > 0);
}
