/* JPEG: lossless transcode of the DCT coefficients (optimized Huffman
 * tables, progressive scans), metadata stripped except the ICC profile and
 * the EXIF orientation; with lossy, a re-encode at a lower quality when the
 * input's estimated quality is higher. libjpeg reports errors by longjmp: each
 * function below that drives libjpeg has one setjmp and one cleanup path. */
#include "image_int.h"

#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <jerror.h>
#include <jpeglib.h>

struct jerr {
  struct jpeg_error_mgr pub;
  jmp_buf jb;
  char msg[JMSG_LENGTH_MAX];
  int warnings;
  char wmsg[JMSG_LENGTH_MAX];
  size_t pos;   /* input bytes consumed when the error struck */
  struct jpeg_progress_mgr progress;
};

static void j_error_exit(j_common_ptr c)
{
  struct jerr *e = (struct jerr *)c->err;
  c->err->format_message(c, e->msg);
  longjmp(e->jb, 1);
}

static void j_emit(j_common_ptr c, int level)
{
  struct jerr *e = (struct jerr *)c->err;
  if(level < 0 && !e->warnings++)
    c->err->format_message(c, e->wmsg);
}

static void j_output(j_common_ptr c)
{
  (void)c;   /* the library never prints */
}

/* Progressive files may carry thousands of tiny scans, each costing a pass
 * over the image: refuse more than any encoder writes. */
enum { MAX_SCANS = 256 };

static void j_progress(j_common_ptr c)
{
  if(c->is_decompressor &&
     ((j_decompress_ptr)c)->input_scan_number > MAX_SCANS) {
    c->err->msg_code = 0;
    snprintf(((struct jerr *)c->err)->msg, JMSG_LENGTH_MAX,
             "more than %d scans", MAX_SCANS);
    longjmp(((struct jerr *)c->err)->jb, 1);
  }
}

static void jerr_init(struct jerr *e)
{
  memset(e, 0, sizeof(*e));
  jpeg_std_error(&e->pub);
  e->progress.progress_monitor = j_progress;
  e->pub.error_exit = j_error_exit;
  e->pub.emit_message = j_emit;
  e->pub.output_message = j_output;
}

/* Destination: a staging block appended to an ao_buf when full. */
enum { STAGE = 16384 };
struct bufdest {
  struct jpeg_destination_mgr pub;
  ao_buf *b;
  JOCTET stage[STAGE];
};

static void d_init(j_compress_ptr c)
{
  struct bufdest *d = (struct bufdest *)c->dest;
  d->pub.next_output_byte = d->stage;
  d->pub.free_in_buffer = STAGE;
}

static boolean d_empty(j_compress_ptr c)
{
  struct bufdest *d = (struct bufdest *)c->dest;
  if(ao_buf_append(d->b, d->stage, STAGE)) {
    c->err->msg_code = JERR_OUT_OF_MEMORY;
    c->err->error_exit((j_common_ptr)c);
  }
  d->pub.next_output_byte = d->stage;
  d->pub.free_in_buffer = STAGE;
  return TRUE;
}

static void d_term(j_compress_ptr c)
{
  struct bufdest *d = (struct bufdest *)c->dest;
  if(ao_buf_append(d->b, d->stage, STAGE - d->pub.free_in_buffer)) {
    c->err->msg_code = JERR_OUT_OF_MEMORY;
    c->err->error_exit((j_common_ptr)c);
  }
}

static void set_dest(j_compress_ptr c, struct bufdest *d, ao_buf *b)
{
  d->b = b;
  d->pub.init_destination = d_init;
  d->pub.empty_output_buffer = d_empty;
  d->pub.term_destination = d_term;
  c->dest = &d->pub;
}

static int is_exif(const jpeg_saved_marker_ptr m)
{
  return m->marker == JPEG_APP0 + 1 && m->data_length >= 6 &&
         !memcmp(m->data, "Exif\0\0", 6);
}

static int is_icc(const jpeg_saved_marker_ptr m)
{
  return m->marker == JPEG_APP0 + 2 && m->data_length >= 12 &&
         !memcmp(m->data, "ICC_PROFILE\0", 12);
}

static int find_orientation(j_decompress_ptr di)
{
  for(jpeg_saved_marker_ptr m = di->marker_list; m; m = m->next)
    if(is_exif(m))
      return ao__exif_orientation(m->data + 6, m->data_length - 6);
  return 0;
}

static void save_markers(j_decompress_ptr di)
{
  for(int i = 0; i < 16; i++)
    jpeg_save_markers(di, JPEG_APP0 + i, 0xffff);
  jpeg_save_markers(di, JPEG_COM, 0xffff);
}

/* ICC always; the EXIF orientation as a minimal block; all else only with
 * keep_metadata (JFIF and Adobe segments are written by libjpeg itself). */
static void copy_markers(j_decompress_ptr di, j_compress_ptr co, int keep_meta)
{
  for(jpeg_saved_marker_ptr m = di->marker_list; m; m = m->next) {
    if(keep_meta) {
      if(co->write_JFIF_header && m->marker == JPEG_APP0 &&
         m->data_length >= 5 && !memcmp(m->data, "JFIF\0", 5))
        continue;
      if(co->write_Adobe_marker && m->marker == JPEG_APP0 + 14 &&
         m->data_length >= 5 && !memcmp(m->data, "Adobe", 5))
        continue;
      jpeg_write_marker(co, m->marker, m->data, m->data_length);
    }
    else if(is_icc(m))
      jpeg_write_marker(co, m->marker, m->data, m->data_length);
  }
  int orient = keep_meta ? 0 : find_orientation(di);
  if(orient > 1) {
    unsigned char blk[70];
    memcpy(blk, "Exif\0\0", 6);
    size_t n = ao__exif_minimal(orient, blk + 6);
    jpeg_write_marker(co, JPEG_APP0 + 1, blk, (unsigned)(n + 6));
  }
}

/* Quality 1..100 that libjpeg's scaling of the standard luminance table
 * would give for table 0; 0 when unknown. */
static int estimate_quality(j_decompress_ptr di)
{
  static const unsigned short std_lum[64] = {
    16, 11, 10, 16, 24, 40, 51, 61, 12, 12, 14, 19, 26, 58, 60, 55,
    14, 13, 16, 24, 40, 57, 69, 56, 14, 17, 22, 29, 51, 87, 80, 62,
    18, 22, 37, 56, 68, 109, 103, 77, 24, 35, 55, 64, 81, 104, 113, 92,
    49, 64, 78, 87, 103, 121, 120, 101, 72, 92, 95, 98, 112, 100, 103, 99
  };
  JQUANT_TBL *q = di->quant_tbl_ptrs[0];
  if(!q)
    return 0;
  double sum = 0;
  for(int i = 0; i < 64; i++)
    sum += (double)q->quantval[i] * 100.0 / std_lum[i];
  double s = sum / 64;
  int qual = s <= 100 ? (int)((200 - s) / 2 + 0.5) : (int)(5000 / s + 0.5);
  return qual < 1 ? 1 : qual > 100 ? 100 : qual;
}

static uint64_t pixel_limit(const ao_image_opts *o)
{
  return o->max_pixels ? o->max_pixels : AO_IMAGE_MAX_PIXELS_DEFAULT;
}

/* Errors meaning "a JPEG we cannot transcode" rather than a broken file. */
static int unsupported(const struct jerr *e)
{
  int c = e->pub.msg_code;
  return c == JERR_BAD_PRECISION || c == JERR_SOF_UNSUPPORTED ||
         c == JERR_NOT_COMPILED;
}

struct jinfo {
  int quality;            /* estimated */
  int components;
  J_COLOR_SPACE space;
  int samp[4][2];
  uint64_t pixels;
};

/* Lossless transcode into prog (progressive) and, when base is not NULL,
 * base (sequential, optimized Huffman). */
static ao_status transcode(const unsigned char *src, size_t len,
                           const ao_image_opts *o, ao_buf *prog, ao_buf *base,
                           struct jerr *e, struct jinfo *ji)
{
  struct jpeg_decompress_struct di;
  struct jpeg_compress_struct co;
  struct bufdest *volatile dst = ao_malloc(sizeof(struct bufdest));
  volatile int have_co = 0;
  volatile ao_status st = AO_SYNTAX;
  if(!dst)
    return AO_NOMEM;
  jerr_init(e);
  memset(&di, 0, sizeof(di));
  memset(&co, 0, sizeof(co));
  di.err = &e->pub;
  co.err = &e->pub;
  if(setjmp(e->jb)) {
    e->pos = di.src ? len - di.src->bytes_in_buffer : SIZE_MAX;
    if(have_co)
      jpeg_destroy_compress(&co);
    jpeg_destroy_decompress(&di);
    ao_free(dst);
    if(e->pub.msg_code == JERR_OUT_OF_MEMORY)
      return AO_NOMEM;
    return st;
  }
  jpeg_create_decompress(&di);
  di.progress = &e->progress;
  jpeg_mem_src(&di, src, (unsigned long)len);
  save_markers(&di);
  jpeg_read_header(&di, TRUE);
  ji->pixels = (uint64_t)di.image_width * di.image_height;
  if(ji->pixels > pixel_limit(o)) {
    st = AO_LIMIT;
    snprintf(e->msg, sizeof(e->msg), "%ux%u pixels exceeds the limit of %llu pixels",
             di.image_width, di.image_height,
             (unsigned long long)pixel_limit(o));
    longjmp(e->jb, 1);
  }
  ji->quality = estimate_quality(&di);
  ji->components = di.num_components;
  ji->space = di.jpeg_color_space;
  for(int i = 0; i < di.num_components && i < 4; i++) {
    ji->samp[i][0] = di.comp_info[i].h_samp_factor;
    ji->samp[i][1] = di.comp_info[i].v_samp_factor;
  }
  jvirt_barray_ptr *coefs = jpeg_read_coefficients(&di);
  have_co = 1;
  jpeg_create_compress(&co);
  for(int pass = 0; pass < 2; pass++) {
    ao_buf *b = pass ? base : prog;
    if(!b)
      continue;
    jpeg_copy_critical_parameters(&di, &co);
    co.optimize_coding = TRUE;
    if(!pass)
      jpeg_simple_progression(&co);
    set_dest(&co, dst, b);
    jpeg_write_coefficients(&co, coefs);
    copy_markers(&di, &co, o->keep_metadata);
    jpeg_finish_compress(&co);
    if(b->err)
      longjmp(e->jb, 1);
  }
  jpeg_finish_decompress(&di);
  jpeg_destroy_compress(&co);
  jpeg_destroy_decompress(&di);
  ao_free(dst);
  return AO_OK;
}

/* Decodes to pixels in the stored colour space's natural output (grey, RGB
 * or CMYK) and re-encodes at quality q, keeping the sampling factors. */
static ao_status reencode(const unsigned char *src, size_t len,
                          const ao_image_opts *o, int q, ao_buf *res,
                          struct jerr *e)
{
  struct jpeg_decompress_struct di;
  struct jpeg_compress_struct co;
  struct bufdest *volatile dst = ao_malloc(sizeof(struct bufdest));
  volatile int have_co = 0;
  JSAMPLE *volatile row = NULL;
  if(!dst)
    return AO_NOMEM;
  jerr_init(e);
  memset(&di, 0, sizeof(di));
  memset(&co, 0, sizeof(co));
  di.err = &e->pub;
  co.err = &e->pub;
  if(setjmp(e->jb)) {
    if(have_co)
      jpeg_destroy_compress(&co);
    jpeg_destroy_decompress(&di);
    ao_free(dst);
    ao_free(row);
    return e->pub.msg_code == JERR_OUT_OF_MEMORY ? AO_NOMEM : AO_SYNTAX;
  }
  jpeg_create_decompress(&di);
  di.progress = &e->progress;
  jpeg_mem_src(&di, src, (unsigned long)len);
  save_markers(&di);
  jpeg_read_header(&di, TRUE);
  jpeg_start_decompress(&di);
  size_t stride = (size_t)di.output_width * di.output_components;
  row = ao_malloc(stride);
  if(!row) {
    e->pub.msg_code = JERR_OUT_OF_MEMORY;
    longjmp(e->jb, 1);
  }
  have_co = 1;
  jpeg_create_compress(&co);
  co.image_width = di.output_width;
  co.image_height = di.output_height;
  co.input_components = di.output_components;
  co.in_color_space = di.out_color_space;
  jpeg_set_defaults(&co);
  co.write_JFIF_header = di.saw_JFIF_marker;
  jpeg_set_quality(&co, q, TRUE);
  for(int i = 0; i < co.num_components && i < di.num_components; i++) {
    co.comp_info[i].h_samp_factor = di.comp_info[i].h_samp_factor;
    co.comp_info[i].v_samp_factor = di.comp_info[i].v_samp_factor;
  }
  co.optimize_coding = TRUE;
  jpeg_simple_progression(&co);
  set_dest(&co, dst, res);
  jpeg_start_compress(&co, TRUE);
  copy_markers(&di, &co, o->keep_metadata);
  while(di.output_scanline < di.output_height) {
    JSAMPROW r = row;
    jpeg_read_scanlines(&di, &r, 1);
    jpeg_write_scanlines(&co, &r, 1);
  }
  jpeg_finish_compress(&co);
  jpeg_finish_decompress(&di);
  jpeg_destroy_compress(&co);
  jpeg_destroy_decompress(&di);
  ao_free(dst);
  ao_free(row);
  return res->err ? AO_NOMEM : AO_OK;
}

ao_status ao__jpeg_optimize(const unsigned char *src, size_t len,
                            const ao_image_opts *o, ao_buf *out, ao_diags *d)
{
  if(len < 3 || src[0] != 0xff || src[1] != 0xd8 || src[2] != 0xff) {
    ao_diag_add(d, AO_ERROR, 0, "not a JPEG file (bad signature)");
    return AO_SYNTAX;
  }
  int effort = o->effort < 0 ? 0 : o->effort > 9 ? 9 : o->effort;
  struct jerr e;
  struct jinfo ji = { 0 };
  ao_buf prog = AO_BUF_INIT(0), base = AO_BUF_INIT(0), lossy = AO_BUF_INIT(0);
  int try_base = effort >= 7 || (effort >= 3 && len < 32768);
  ao_status s = transcode(src, len, o, &prog, try_base ? &base : NULL, &e, &ji);
  if(s) {
    if(s == AO_NOMEM)
      ao_diag_add(d, AO_ERROR, SIZE_MAX, "out of memory transcoding JPEG");
    else if(s == AO_SYNTAX && unsupported(&e)) {
      ao_diag_add(d, AO_NOTE, SIZE_MAX, "JPEG: %s; left unchanged", e.msg);
      s = AO_OK;
    }
    else
      if(e.pos <= len)
        ao_diag_add(d, AO_ERROR, SIZE_MAX, "JPEG: %s (at byte %zu)", e.msg, e.pos);
      else
        ao_diag_add(d, AO_ERROR, SIZE_MAX, "JPEG: %s", e.msg);
    goto done;
  }
  if(e.warnings) {
    ao_diag_add(d, AO_NOTE, SIZE_MAX, "JPEG: %s; left unchanged", e.wmsg);
    goto done;
  }
  ao_buf *best = &prog;
  if(try_base && base.len && base.len < best->len)
    best = &base;
  int q = o->quality < 1 ? 1 : o->quality > 100 ? 100 : o->quality;
  if(o->lossy && ji.quality > q && ji.space != JCS_CMYK && ji.space != JCS_YCCK) {
    ao_status r = reencode(src, len, o, q, &lossy, &e);
    if(r == AO_NOMEM) {
      s = r;
      ao_diag_add(d, AO_ERROR, SIZE_MAX, "out of memory re-encoding JPEG");
      goto done;
    }
    if(!r && lossy.len < best->len)
      best = &lossy;
  }
  if(best->len < len) {
    if(ao_buf_append(out, best->data, best->len))
      s = out->err;
  }
  else
    ao_diag_add(d, AO_NOTE, SIZE_MAX, "no smaller encoding found; left unchanged");
done:
  ao_buf_free(&prog);
  ao_buf_free(&base);
  ao_buf_free(&lossy);
  return s;
}

/* ---- decoding to RGBA (WebP siblings) ----------------------------------------- */

static ao_status decode_rgba(const unsigned char *src, size_t len,
                             uint64_t max_pixels, ao__img *im, int *orient,
                             struct jerr *e)
{
  struct jpeg_decompress_struct di;
  unsigned char *volatile px = NULL;
  unsigned char *volatile row = NULL;
  volatile ao_status st = AO_SYNTAX;
  jerr_init(e);
  memset(&di, 0, sizeof(di));
  di.err = &e->pub;
  if(setjmp(e->jb)) {
    jpeg_destroy_decompress(&di);
    ao_free(px);
    ao_free(row);
    return e->pub.msg_code == JERR_OUT_OF_MEMORY ? AO_NOMEM : st;
  }
  jpeg_create_decompress(&di);
  di.progress = &e->progress;
  jpeg_mem_src(&di, src, (unsigned long)len);
  jpeg_save_markers(&di, JPEG_APP0 + 1, 0xffff);
  jpeg_read_header(&di, TRUE);
  if((uint64_t)di.image_width * di.image_height > max_pixels) {
    st = AO_LIMIT;
    snprintf(e->msg, sizeof(e->msg), "%ux%u pixels exceeds the limit of %llu pixels",
             di.image_width, di.image_height, (unsigned long long)max_pixels);
    longjmp(e->jb, 1);
  }
  *orient = find_orientation(&di);
  int cmyk = di.jpeg_color_space == JCS_CMYK || di.jpeg_color_space == JCS_YCCK;
  di.out_color_space = cmyk ? JCS_CMYK : JCS_EXT_RGBA;
  jpeg_start_decompress(&di);
  size_t w = di.output_width, h = di.output_height;
  px = ao_malloc(w * h * 4);
  if(!px) {
    e->pub.msg_code = JERR_OUT_OF_MEMORY;
    longjmp(e->jb, 1);
  }
  while(di.output_scanline < h) {
    JSAMPROW r = px + (size_t)di.output_scanline * w * 4;
    jpeg_read_scanlines(&di, &r, 1);
  }
  if(cmyk) {
    /* Adobe writes inverted CMYK; convert naively (no colour management) */
    int inv = di.saw_Adobe_marker;
    for(size_t i = 0; i < w * h; i++) {
      unsigned char *p = px + 4 * i;
      unsigned c = p[0], m = p[1], y = p[2], k = p[3];
      if(!inv)
        c = 255 - c, m = 255 - m, y = 255 - y, k = 255 - k;
      p[0] = (unsigned char)(c * k / 255);
      p[1] = (unsigned char)(m * k / 255);
      p[2] = (unsigned char)(y * k / 255);
      p[3] = 255;
    }
  }
  jpeg_finish_decompress(&di);
  jpeg_destroy_decompress(&di);
  *im = (ao__img){ .w = (uint32_t)w, .h = (uint32_t)h, .px = px };
  return AO_OK;
}

/* Applies an EXIF orientation (2..8) to an RGBA8 image. */
static ao_status orient_img(ao__img *im, int o)
{
  uint32_t w = im->w, h = im->h;
  int swap = o >= 5;
  uint32_t dw = swap ? h : w, dh = swap ? w : h;
  uint32_t *dst = ao_malloc((size_t)w * h * 4);
  if(!dst)
    return AO_NOMEM;
  const uint32_t *s = (const uint32_t *)(const void *)im->px;
  for(uint32_t y = 0; y < dh; y++)
    for(uint32_t x = 0; x < dw; x++) {
      uint32_t sx, sy;
      switch(o) {
      case 2: sx = w - 1 - x; sy = y; break;
      case 3: sx = w - 1 - x; sy = h - 1 - y; break;
      case 4: sx = x; sy = h - 1 - y; break;
      case 5: sx = y; sy = x; break;
      case 6: sx = y; sy = h - 1 - x; break;
      case 7: sx = w - 1 - y; sy = h - 1 - x; break;
      default: sx = w - 1 - y; sy = x; break;
      }
      dst[(size_t)y * dw + x] = s[(size_t)sy * w + sx];
    }
  ao_free(im->px);
  im->px = (unsigned char *)dst;
  im->w = dw;
  im->h = dh;
  return AO_OK;
}

ao_status ao__jpeg_decode(const unsigned char *src, size_t len,
                          const ao_image_opts *o, ao__img *im, ao_diags *d)
{
  struct jerr e;
  int orient = 0;
  ao_status s = decode_rgba(src, len, pixel_limit(o), im, &orient, &e);
  if(s) {
    ao_diag_add(d, AO_ERROR, SIZE_MAX, "JPEG: %s",
                s == AO_NOMEM ? "out of memory" : e.msg);
    return s;
  }
  if(orient > 1 && (s = orient_img(im, orient))) {
    ao__img_free(im);
    ao_diag_add(d, AO_ERROR, SIZE_MAX, "JPEG: out of memory");
  }
  return s;
}
