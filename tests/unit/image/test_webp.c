/* WebP siblings: lossless PNG siblings decode to the same RGBA pixels,
 * JPEG siblings carry the EXIF orientation in their pixels. */
#include "../harness.h"
#include "oracle.h"

#include <assetopt/image.h>
#include <webp/decode.h>

static unsigned char *webp_of(struct ao_t *t, ao_kind k, const char *rel,
                              const ao_image_opts *o, size_t *n)
{
  size_t len;
  unsigned char *src = ao_t_read(ao_t_data(rel), &len);
  if(!CHECK(src))
    return NULL;
  ao_buf out = AO_BUF_INIT(0);
  ao_diags d;
  ao_diags_init(&d, rel, NULL, 0);
  ao_status s = ao_image_webp(k, src, len, o, &out, &d);
  CHECK_INT(s, AO_OK);
  CHECK(out.len > 12 && !memcmp(out.data, "RIFF", 4) && !memcmp(out.data + 8, "WEBP", 4));
  free(src);
  ao_diags_free(&d);
  *n = out.len;
  return ao_buf_detach(&out, n);
}

AO_TEST(webp_png_lossless_exact)
{
  ao_image_opts o;
  ao_image_opts_init(&o);
  o.webp_mode = AO_WEBP_LOSSLESS;
  static const char *files[] = { "image/rgba.png", "image/palette.png",
                                 "image/noise.png", "image/grey_alpha.png" };
  for(size_t i = 0; i < 4; i++) {
    size_t n, len;
    unsigned char *w = webp_of(t, AO_KIND_PNG, files[i], &o, &n);
    unsigned char *src = ao_t_read(ao_t_data(files[i]), &len);
    struct oracle_img a;
    if(w && src && CHECK(oracle_png(src, len, &a))) {
      int ww, hh;
      uint8_t *px = WebPDecodeRGBA(w, n, &ww, &hh);
      if(CHECK(px && (unsigned)ww == a.w && (unsigned)hh == a.h)) {
        size_t diff = 0;
        for(size_t k = 0; k < (size_t)ww * hh * 4; k++)
          diff += px[k] != a.px[2 * k];   /* 8-bit sources: high byte */
        if(!CHECK_INT(diff, 0))
          fprintf(stderr, "  %s\n", files[i]);
      }
      WebPFree(px);
      free(a.px);
    }
    ao_free(w);
    free(src);
  }
}

/* auto: drawings and alpha stay lossless (VP8L), opaque photos go lossy
 * (VP8) when that is smaller */
AO_TEST(webp_auto_mode)
{
  ao_image_opts o;
  ao_image_opts_init(&o);
  size_t n;
  unsigned char *w = webp_of(t, AO_KIND_PNG, "image/noise.png", &o, &n);
  CHECK(w && n > 16 && !memcmp(w + 12, "VP8 ", 4));
  ao_free(w);
  w = webp_of(t, AO_KIND_PNG, "image/few_colours.png", &o, &n);
  CHECK(w && n > 16 && !memcmp(w + 12, "VP8L", 4));
  ao_free(w);
  w = webp_of(t, AO_KIND_PNG, "image/rgba.png", &o, &n);
  CHECK(w && n > 16 && !memcmp(w + 12, "VP8L", 4));
  ao_free(w);
}

AO_TEST(webp_jpeg_applies_orientation)
{
  ao_image_opts o;
  ao_image_opts_init(&o);
  size_t n;
  unsigned char *w = webp_of(t, AO_KIND_JPEG, "image/orient6.jpg", &o, &n);
  REQUIRE(w);
  int ww = 0, hh = 0;
  CHECK(WebPGetInfo(w, n, &ww, &hh));
  CHECK_INT(ww, 48);   /* 64x48 rotated a quarter turn */
  CHECK_INT(hh, 64);
  ao_free(w);
  w = webp_of(t, AO_KIND_JPEG, "image/cmyk.jpg", &o, &n);
  CHECK(w);
  ao_free(w);
}

AO_TEST(webp_rejects_other_and_broken)
{
  ao_image_opts o;
  ao_image_opts_init(&o);
  size_t len;
  unsigned char *src = ao_t_read(ao_t_data("image/truncated.png"), &len);
  REQUIRE(src);
  ao_buf out = AO_BUF_INIT(0);
  ao_diags d;
  ao_diags_init(&d, "t", NULL, 0);
  CHECK_INT(ao_image_webp(AO_KIND_PNG, src, len, &o, &out, &d), AO_SYNTAX);
  CHECK_INT(ao_image_webp(AO_KIND_GIF, src, len, &o, &out, &d), AO_UNSUPPORTED);
  CHECK_INT(out.len, 0);
  ao_buf_free(&out);
  ao_diags_free(&d);
  free(src);
}
