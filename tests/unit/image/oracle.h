/* Independent decoders for the image tests: libpng and libjpeg driven
 * directly (not through src/image), so a lossless output can be compared
 * pixel by pixel with its input. Included by the image test files only. */
#ifndef AO_TEST_IMAGE_ORACLE_H
#define AO_TEST_IMAGE_ORACLE_H

#include <png.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jerror.h>
#include <jpeglib.h>

#include <assetopt/image.h>

struct oracle_img {
  unsigned w, h, comps;  /* PNG: 4 components of 16 bits; JPEG: 1, 3 or 4 bytes */
  unsigned char *px;
  size_t len;
  int orientation_tag;
};

struct oracle_src {
  const unsigned char *p;
  size_t n, pos;
};

static inline void oracle_png_read(png_structp png, png_bytep out, size_t n)
{
  struct oracle_src *s = png_get_io_ptr(png);
  if(n > s->n - s->pos)
    png_error(png, "eof");
  memcpy(out, s->p + s->pos, n);
  s->pos += n;
}

static inline void oracle_png_warn(png_structp png, png_const_charp m)
{
  (void)png;
  (void)m;
}

/* Every pixel as RGBA, 16 bits per sample (8-bit sources scaled by 257). */
static inline int oracle_png(const unsigned char *p, size_t n, struct oracle_img *im)
{
  struct oracle_src s = { p, n, 0 };
  png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, NULL, NULL,
                                           oracle_png_warn);
  png_infop info = png_create_info_struct(png);
  unsigned char *volatile px = NULL;
  png_bytep *volatile rows = NULL;
  if(setjmp(png_jmpbuf(png))) {
    free(px);
    free(rows);
    png_destroy_read_struct(&png, &info, NULL);
    return 0;
  }
  png_set_option(png, PNG_SKIP_sRGB_CHECK_PROFILE, PNG_OPTION_ON);
  png_set_benign_errors(png, 1);
  png_set_read_fn(png, &s, oracle_png_read);
  png_read_info(png, info);
  png_set_expand_16(png);
  png_set_gray_to_rgb(png);
  png_set_add_alpha(png, 0xffff, PNG_FILLER_AFTER);
  png_set_interlace_handling(png);
  png_read_update_info(png, info);
  unsigned w = png_get_image_width(png, info), h = png_get_image_height(png, info);
  size_t rb = png_get_rowbytes(png, info);
  if(rb != (size_t)w * 8)
    png_error(png, "row size");
  px = malloc(rb * h);
  rows = malloc(sizeof(*rows) * h);
  for(unsigned y = 0; y < h; y++)
    rows[y] = px + rb * y;
  png_read_image(png, rows);
  png_read_end(png, NULL);
  free(rows);
  png_destroy_read_struct(&png, &info, NULL);
  *im = (struct oracle_img){ w, h, 4, px, rb * h, 0 };
  return 1;
}

struct oracle_jerr {
  struct jpeg_error_mgr pub;
  jmp_buf jb;
};

static inline void oracle_jexit(j_common_ptr c)
{
  longjmp(((struct oracle_jerr *)c->err)->jb, 1);
}

static inline void oracle_jmsg(j_common_ptr c)
{
  (void)c;
}

/* Pixels in the file's natural colour space (grey, RGB or CMYK). */
static inline int oracle_jpeg(const unsigned char *p, size_t n, struct oracle_img *im)
{
  struct jpeg_decompress_struct di;
  struct oracle_jerr e;
  unsigned char *volatile px = NULL;
  memset(&di, 0, sizeof(di));
  di.err = jpeg_std_error(&e.pub);
  e.pub.error_exit = oracle_jexit;
  e.pub.output_message = oracle_jmsg;
  if(setjmp(e.jb)) {
    jpeg_destroy_decompress(&di);
    free(px);
    return 0;
  }
  jpeg_create_decompress(&di);
  jpeg_mem_src(&di, p, (unsigned long)n);
  jpeg_save_markers(&di, JPEG_APP0 + 1, 0xffff);
  jpeg_read_header(&di, TRUE);
  int orient = 0;
  for(jpeg_saved_marker_ptr m = di.marker_list; m; m = m->next)
    if(m->data_length > 30 && !memcmp(m->data, "Exif\0\0", 6))
      orient = 1;
  jpeg_start_decompress(&di);
  size_t stride = (size_t)di.output_width * di.output_components;
  px = malloc(stride * di.output_height);
  while(di.output_scanline < di.output_height) {
    JSAMPROW r = px + stride * di.output_scanline;
    jpeg_read_scanlines(&di, &r, 1);
  }
  *im = (struct oracle_img){ di.output_width, di.output_height,
                             (unsigned)di.output_components, px,
                             stride * di.output_height, orient };
  jpeg_finish_decompress(&di);
  jpeg_destroy_decompress(&di);
  return 1;
}

/* Byte offset of the first differing pixel sample, or SIZE_MAX when equal. */
static inline size_t oracle_diff(const struct oracle_img *a, const struct oracle_img *b)
{
  if(a->w != b->w || a->h != b->h || a->comps != b->comps || a->len != b->len)
    return 0;
  for(size_t i = 0; i < a->len; i++)
    if(a->px[i] != b->px[i])
      return i;
  return SIZE_MAX;
}

/* Whether a PNG holds a chunk of this type. */
static inline int oracle_png_has(const unsigned char *p, size_t n, const char *type)
{
  size_t off = 8;
  while(off + 12 <= n) {
    size_t len = (size_t)p[off] << 24 | (size_t)p[off + 1] << 16 |
                 (size_t)p[off + 2] << 8 | p[off + 3];
    if(!memcmp(p + off + 4, type, 4))
      return 1;
    off += len + 12;
  }
  return 0;
}

/* Whether p[0, n) contains the bytes s[0, sl). */
static inline int oracle_has_bytes(const unsigned char *p, size_t n,
                                   const void *s, size_t sl)
{
  for(size_t i = 0; i + sl <= n; i++)
    if(!memcmp(p + i, s, sl))
      return 1;
  return 0;
}

/* Optimizes src as kind (PNG or JPEG) and checks the status and that the
 * result is no larger; unless o asks for lossy output, also that it decodes
 * (through the decoders above) to exactly the input's pixels. Returns the
 * bytes that would be published (output or input), malloc'd, or NULL. */
static inline unsigned char *oracle_optimize(struct ao_t *t, ao_kind kind,
                                             const unsigned char *src,
                                             size_t len, const ao_image_opts *o,
                                             size_t *olen, const char *what)
{
  ao_buf out = AO_BUF_INIT(0);
  ao_diags d;
  ao_diags_init(&d, what, NULL, 0);
  ao_status s = ao_image_optimize(kind, src, len, o, &out, &d);
  if(!CHECK_INT(s, AO_OK)) {
    if(d.n)
      fprintf(stderr, "  %s: %s\n", what, d.items[0].msg);
    ao_buf_free(&out);
    ao_diags_free(&d);
    return NULL;
  }
  const unsigned char *res = out.len ? out.data : src;
  size_t rlen = out.len ? out.len : len;
  CHECK(rlen <= len);
  if(!o->lossy) {
    int (*decode)(const unsigned char *, size_t, struct oracle_img *) =
      kind == AO_KIND_PNG ? oracle_png : oracle_jpeg;
    struct oracle_img a, b;
    int ok = CHECK(decode(src, len, &a));
    if(ok && CHECK(decode(res, rlen, &b))) {
      size_t at = oracle_diff(&a, &b);
      if(!CHECK(at == SIZE_MAX))
        fprintf(stderr, "  %s: pixels differ at sample byte %zu\n", what, at);
      free(b.px);
    }
    if(ok)
      free(a.px);
  }
  unsigned char *copy = malloc(rlen ? rlen : 1);
  if(copy)
    memcpy(copy, res, rlen);
  *olen = rlen;
  ao_buf_free(&out);
  ao_diags_free(&d);
  return copy;
}

/* oracle_optimize on the test data file rel. */
static inline unsigned char *oracle_fixture(struct ao_t *t, ao_kind kind,
                                            const char *rel,
                                            const ao_image_opts *o, size_t *olen)
{
  size_t len;
  unsigned char *src = ao_t_read(ao_t_data(rel), &len);
  if(!CHECK(src != NULL))
    return NULL;
  unsigned char *r = oracle_optimize(t, kind, src, len, o, olen, rel);
  free(src);
  return r;
}

#endif
