/* WebP siblings: PNG and JPEG decoded to RGBA, encoded with libwebp. */
#include "image_int.h"

#include <string.h>
#include <webp/encode.h>

static int writer(const uint8_t *data, size_t n, const WebPPicture *pic)
{
  ao_buf *b = pic->custom_ptr;
  return ao_buf_append(b, data, n) == AO_OK;
}

static int has_alpha(const ao__img *im)
{
  size_t n = (size_t)im->w * im->h;
  for(size_t i = 0; i < n; i++)
    if(im->px[4 * i + 3] != 255)
      return 1;
  return 0;
}

/* Whether the image has more than 256 colours (a photo rather than a
 * drawing). */
static int many_colours(const ao__img *im)
{
  enum { SZ = 1024 };
  uint32_t key[SZ];
  unsigned char used[SZ];
  unsigned n = 0;
  memset(used, 0, sizeof(used));
  size_t np = (size_t)im->w * im->h;
  uint32_t last = 0;
  for(size_t i = 0; i < np; i++) {
    const unsigned char *p = im->px + 4 * i;
    uint32_t k = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
                 (uint32_t)p[2] << 8 | p[3];
    if(i && k == last)
      continue;
    last = k;
    unsigned s = (k * 2654435761u) >> 22;
    while(used[s] && key[s] != k)
      s = (s + 1) & (SZ - 1);
    if(!used[s]) {
      if(++n > 256)
        return 1;
      used[s] = 1;
      key[s] = k;
    }
  }
  return 0;
}

static ao_status encode(const ao__img *im, int lossless, int quality,
                        int effort, ao_buf *res, ao_diags *d)
{
  WebPConfig cfg;
  WebPPicture pic;
  if(!WebPConfigInit(&cfg) || !WebPPictureInit(&pic))
    return AO_UNSUPPORTED;
  /* effort 0..9 → method 0..6 (default 5 → 4, libwebp's own default) */
  int method = effort <= 0 ? 0 : effort >= 9 ? 6 : (effort * 6 + 4) / 8;
  if(method > 6)
    method = 6;
  cfg.method = method;
  if(lossless) {
    cfg.lossless = 1;
    cfg.exact = 1;           /* keep RGB under transparent pixels */
    cfg.quality = effort >= 7 ? 100 : 75;
  }
  else {
    cfg.quality = (float)quality;
    cfg.alpha_quality = 100;
    cfg.use_sharp_yuv = effort >= 7;
  }
  cfg.thread_level = 0;
  if(im->w > WEBP_MAX_DIMENSION || im->h > WEBP_MAX_DIMENSION) {
    ao_diag_add(d, AO_NOTE, SIZE_MAX, "too large for WebP (%ux%u)",
                (unsigned)im->w, (unsigned)im->h);
    return AO_LIMIT;
  }
  pic.use_argb = lossless;
  pic.width = (int)im->w;
  pic.height = (int)im->h;
  pic.writer = writer;
  pic.custom_ptr = res;
  if(!WebPPictureImportRGBA(&pic, im->px, (int)im->w * 4)) {
    WebPPictureFree(&pic);
    return AO_NOMEM;
  }
  int ok = WebPEncode(&cfg, &pic);
  int err = pic.error_code;
  WebPPictureFree(&pic);
  if(!ok) {
    if(err == VP8_ENC_ERROR_OUT_OF_MEMORY || res->err)
      return AO_NOMEM;
    ao_diag_add(d, AO_ERROR, SIZE_MAX, "WebP encoding failed (error %d)", err);
    return AO_UNSUPPORTED;
  }
  return AO_OK;
}

ao_status ao_image_webp(ao_kind kind, const unsigned char *src, size_t len,
                        const ao_image_opts *o, ao_buf *out, ao_diags *d)
{
  ao__img im = { 0 };
  ao_status s;
  if(kind == AO_KIND_PNG)
    s = ao__png_decode(src, len, o, &im, d);
  else if(kind == AO_KIND_JPEG)
    s = ao__jpeg_decode(src, len, o, &im, d);
  else
    return AO_UNSUPPORTED;
  if(s)
    return s;
  if(im.sixteen) {
    size_t n = (size_t)im.w * im.h * 4;
    for(size_t i = 0; i < n; i++)
      im.px[i] = im.px[2 * i];
    im.sixteen = 0;
  }
  int q = o->webp_quality < 1 ? 80 : o->webp_quality > 100 ? 100 : o->webp_quality;
  int effort = o->effort < 0 ? 0 : o->effort > 9 ? 9 : o->effort;
  ao_buf a = AO_BUF_INIT(0), b = AO_BUF_INIT(0);
  ao_buf *best = &a;
  switch(o->webp_mode) {
  case AO_WEBP_LOSSLESS:
    s = encode(&im, 1, q, effort, &a, d);
    break;
  case AO_WEBP_LOSSY:
    s = encode(&im, 0, q, effort, &a, d);
    break;
  default:
    if(kind == AO_KIND_JPEG) {
      s = encode(&im, 0, q, effort, &a, d);
      break;
    }
    /* PNG: a drawing (few colours) or anything with alpha stays exact;
     * an opaque photo is encoded both ways and the lossy one is taken when
     * smaller */
    s = encode(&im, 1, q, effort, &a, d);
    if(!s && !has_alpha(&im) && many_colours(&im)) {
      s = encode(&im, 0, q, effort, &b, d);
      if(!s && b.len < a.len)
        best = &b;
    }
    break;
  }
  if(!s && ao_buf_append(out, best->data, best->len))
    s = out->err;
  ao_buf_free(&a);
  ao_buf_free(&b);
  ao__img_free(&im);
  return s;
}
