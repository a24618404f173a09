/* PNG: decode with libpng, reduce the pixel format losslessly (alpha, grey,
 * palette, bit depth), re-filter, deflate with libdeflate, keep the smallest.
 * Chunks are copied from the input by a small walker: colour management is
 * kept, metadata only with keep_metadata. */
#include "image_int.h"

#include <libdeflate.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <limits.h>

/* ---- chunk walk ------------------------------------------------------------ */

enum { MAX_KEEP = 64 };

struct chunk {
  size_t off;      /* of the length field */
  uint32_t len;
  int after_idat;
};

struct chunks {
  int apng;                  /* acTL: animated, left alone */
  int orientation;           /* from eXIf, 0 when none */
  struct chunk keep[MAX_KEEP];
  unsigned n;
};

static int type_is(const unsigned char *t, const char *s)
{
  return !memcmp(t, s, 4);
}

/* Chunks whose meaning depends on the pixel format we may change. */
static int format_bound(const unsigned char *t)
{
  return type_is(t, "tRNS") || type_is(t, "bKGD") || type_is(t, "hIST") ||
         type_is(t, "sBIT") || type_is(t, "dSIG");
}

static int colour_chunk(const unsigned char *t)
{
  return type_is(t, "iCCP") || type_is(t, "sRGB") || type_is(t, "gAMA") ||
         type_is(t, "cHRM") || type_is(t, "cICP") || type_is(t, "mDCv") ||
         type_is(t, "cLLi");
}

static void walk_chunks(const unsigned char *src, size_t len, int keep_meta,
                        struct chunks *c)
{
  memset(c, 0, sizeof(*c));
  size_t p = 8;
  int seen_idat = 0;
  while(p <= len && len - p >= 12) {
    uint32_t n = ao__be32(src + p);
    const unsigned char *t = src + p + 4;
    if(n > 0x7fffffffu || n > len - p - 12)
      return;
    if(type_is(t, "IEND"))
      return;
    if(type_is(t, "IDAT"))
      seen_idat = 1;
    else if(type_is(t, "acTL") || type_is(t, "fcTL") || type_is(t, "fdAT"))
      c->apng = 1;
    else if(!(t[0] & 0x20)) {
      /* critical: IHDR, PLTE (rewritten by us) */
    }
    else {
      int keep = colour_chunk(t);
      if(type_is(t, "eXIf")) {
        int o = ao__exif_orientation(t + 4, n);
        c->orientation = o;
        keep = keep_meta || (o > 1);
      }
      else if(keep_meta && !format_bound(t))
        keep = 1;
      if(keep && c->n < MAX_KEEP)
        c->keep[c->n++] = (struct chunk){ p, n, seen_idat };
    }
    p += (size_t)n + 12;
  }
}

/* ---- decoding ---------------------------------------------------------------- */

struct pngctx {
  char msg[192];
  int warnings;
  char wmsg[192];
  const unsigned char *src;
  size_t len, pos;
};

static void on_error(png_structp png, png_const_charp m)
{
  struct pngctx *e = png_get_error_ptr(png);
  snprintf(e->msg, sizeof(e->msg), "%s", m);
  png_longjmp(png, 1);
}

static void on_warning(png_structp png, png_const_charp m)
{
  struct pngctx *e = png_get_error_ptr(png);
  if(!e->warnings++)
    snprintf(e->wmsg, sizeof(e->wmsg), "%s", m);
}

static png_voidp on_malloc(png_structp png, png_alloc_size_t n)
{
  (void)png;
  return ao_malloc(n);
}

static void on_free(png_structp png, png_voidp p)
{
  (void)png;
  ao_free(p);
}

static void on_read(png_structp png, png_bytep out, size_t n)
{
  struct pngctx *e = png_get_error_ptr(png);
  if(n > e->len - e->pos)
    png_error(png, "unexpected end of file");
  memcpy(out, e->src + e->pos, n);
  e->pos += n;
}

void ao__img_free(ao__img *im)
{
  ao_free(im->px);
  im->px = NULL;
}

static uint64_t pixel_limit(const ao_image_opts *o)
{
  return o->max_pixels ? o->max_pixels : AO_IMAGE_MAX_PIXELS_DEFAULT;
}

/* Decodes to RGBA 8 or 16 bit. On failure e->msg says why. */
static ao_status decode(struct pngctx *e, uint64_t max_pixels, ao__img *im)
{
  png_structp png = png_create_read_struct_2(PNG_LIBPNG_VER_STRING, e,
                                             on_error, on_warning, NULL,
                                             on_malloc, on_free);
  if(!png)
    return AO_NOMEM;
  png_infop info = png_create_info_struct(png);
  if(!info) {
    png_destroy_read_struct(&png, NULL, NULL);
    return AO_NOMEM;
  }
  unsigned char *volatile px = NULL;
  png_bytep *volatile rows = NULL;
  volatile ao_status st = AO_SYNTAX;
  if(setjmp(png_jmpbuf(png))) {
    ao_free(rows);
    ao_free(px);
    png_destroy_read_struct(&png, &info, NULL);
    return st;
  }
  png_set_read_fn(png, e, on_read);
  uint32_t side = max_pixels < 0x7fffffffu ? (uint32_t)max_pixels : 0x7fffffffu;
  png_set_user_limits(png, side, side);
  png_set_chunk_malloc_max(png, 64u << 20);
  png_set_chunk_cache_max(png, 1000);
  /* Only IHDR, PLTE, tRNS and IDAT decide the pixels. Every other chunk is
   * skipped (its CRC still checked): kept ones are copied byte for byte, so
   * libpng's opinions of an ICC profile or a text chunk do not matter. */
  static const png_byte ignored[] =
    "iCCP\0sRGB\0gAMA\0cHRM\0sBIT\0bKGD\0hIST\0pHYs\0sPLT\0tIME\0"
    "tEXt\0zTXt\0iTXt\0oFFs\0pCAL\0sCAL\0eXIf\0";
  png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_NEVER, NULL, 0);
  png_set_keep_unknown_chunks(png, PNG_HANDLE_CHUNK_NEVER, ignored,
                              (int)(sizeof(ignored) / 5));
  png_read_info(png, info);
  png_uint_32 w, h;
  int depth, ct, il;
  png_get_IHDR(png, info, &w, &h, &depth, &ct, &il, NULL, NULL);
  if((uint64_t)w * h > max_pixels) {
    st = AO_LIMIT;
    char m[96];
    snprintf(m, sizeof(m), "%ux%u pixels exceeds the limit of %llu pixels",
             (unsigned)w, (unsigned)h, (unsigned long long)max_pixels);
    png_error(png, m);
  }
  if(ct == PNG_COLOR_TYPE_PALETTE)
    png_set_palette_to_rgb(png);
  if(ct == PNG_COLOR_TYPE_GRAY && depth < 8)
    png_set_expand_gray_1_2_4_to_8(png);
  if(png_get_valid(png, info, PNG_INFO_tRNS))
    png_set_tRNS_to_alpha(png);
  if(ct == PNG_COLOR_TYPE_GRAY || ct == PNG_COLOR_TYPE_GRAY_ALPHA)
    png_set_gray_to_rgb(png);
  png_set_add_alpha(png, 0xffff, PNG_FILLER_AFTER);
  png_set_interlace_handling(png);
  png_read_update_info(png, info);
  int sixteen = depth == 16;
  size_t bpp = sixteen ? 8 : 4;
  size_t rb = png_get_rowbytes(png, info);
  if(rb != (size_t)w * bpp)
    png_error(png, "unexpected row size after expansion");
  st = AO_NOMEM;
  px = ao_malloc(rb * h);
  rows = ao_malloc(sizeof(png_bytep) * h);
  if(!px || !rows)
    png_error(png, "out of memory");
  st = AO_SYNTAX;
  for(uint32_t y = 0; y < h; y++)
    rows[y] = px + (size_t)y * rb;
  png_read_image(png, rows);
  png_read_end(png, NULL);
  ao_free(rows);
  png_destroy_read_struct(&png, &info, NULL);
  *im = (ao__img){ .w = w, .h = h, .sixteen = sixteen, .px = px };
  return AO_OK;
}

static ao_status decode_diag(const unsigned char *src, size_t len,
                             const ao_image_opts *o, ao__img *im,
                             ao_diags *d, int *warned)
{
  struct pngctx e = { .src = src, .len = len };
  if(len < 8 || png_sig_cmp(src, 0, 8)) {
    ao_diag_add(d, AO_ERROR, 0, "not a PNG file (bad signature)");
    return AO_SYNTAX;
  }
  ao_status s = decode(&e, pixel_limit(o), im);
  if(s) {
    if(s == AO_NOMEM)
      ao_diag_add(d, AO_ERROR, SIZE_MAX, "out of memory decoding PNG");
    else
      ao_diag_add(d, AO_ERROR, SIZE_MAX, "PNG: %s (at byte %zu)",
                  e.msg[0] ? e.msg : "cannot decode", e.pos);
    return s;
  }
  if(e.warnings) {
    *warned = 1;
    ao_diag_add(d, AO_NOTE, SIZE_MAX, "PNG: %s; left unchanged", e.wmsg);
  }
  return AO_OK;
}

ao_status ao__png_decode(const unsigned char *src, size_t len,
                         const ao_image_opts *o, ao__img *im, ao_diags *d)
{
  int warned = 0;
  return decode_diag(src, len, o, im, d, &warned);
}

/* ---- analysis ------------------------------------------------------------------ */

/* Colour table: RGBA8 → count, open addressing, at most 256 colours. */
enum { CT_SIZE = 1024 };
struct ctab {
  uint32_t key[CT_SIZE];
  uint32_t count[CT_SIZE];
  int16_t idx[CT_SIZE];   /* -1 empty, else the entry number */
  unsigned n;
};

static unsigned ct_slot(const struct ctab *c, uint32_t k)
{
  unsigned s = (k * 2654435761u) >> 22;
  while(c->idx[s] >= 0 && c->key[s] != k)
    s = (s + 1) & (CT_SIZE - 1);
  return s;
}

static inline uint32_t rgba_key(const unsigned char *p)
{
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

struct info {
  int opaque, grey, binary_alpha;
  int ncolors;           /* 8-bit only; 257 = more than 256 */
  int grey_depth;        /* smallest exact grey depth (8-bit only) */
  int key_ok;            /* transparent pixels share one colour, unused opaque */
  uint16_t key[3];       /* at the image's sample size */
};

/* 16 → 8 bit when every sample's two bytes are equal; done in place. */
static int reduce16(ao__img *im)
{
  size_t n = (size_t)im->w * im->h * 4;
  const unsigned char *p = im->px;
  for(size_t i = 0; i < n; i++)
    if(p[2 * i] != p[2 * i + 1])
      return 0;
  for(size_t i = 0; i < n; i++)
    im->px[i] = im->px[2 * i];
  im->sixteen = 0;
  return 1;
}

static void analyse(const ao__img *im, struct ctab *ct, struct info *in)
{
  size_t n = (size_t)im->w * im->h;
  *in = (struct info){ .opaque = 1, .grey = 1, .binary_alpha = 1,
                       .grey_depth = 1 };
  int have_key = 0, key_clash = 0;
  if(im->sixteen) {
    uint16_t kr = 0, kg = 0, kb = 0;
    for(size_t i = 0; i < n; i++) {
      const unsigned char *p = im->px + 8 * i;
      uint16_t r = (uint16_t)(p[0] << 8 | p[1]), g = (uint16_t)(p[2] << 8 | p[3]),
               b = (uint16_t)(p[4] << 8 | p[5]), a = (uint16_t)(p[6] << 8 | p[7]);
      if(r != g || g != b)
        in->grey = 0;
      if(a != 0xffff) {
        in->opaque = 0;
        if(a != 0)
          in->binary_alpha = 0;
        else if(!have_key) {
          have_key = 1;
          kr = r, kg = g, kb = b;
        }
        else if(r != kr || g != kg || b != kb)
          key_clash = 1;
      }
    }
    in->ncolors = 257;
    in->grey_depth = 16;
    if(have_key && !key_clash && in->binary_alpha) {
      /* the key colour must not be used by an opaque pixel */
      in->key_ok = 1;
      for(size_t i = 0; i < n && in->key_ok; i++) {
        const unsigned char *p = im->px + 8 * i;
        if((p[6] | p[7]) && (uint16_t)(p[0] << 8 | p[1]) == kr &&
           (uint16_t)(p[2] << 8 | p[3]) == kg && (uint16_t)(p[4] << 8 | p[5]) == kb)
          in->key_ok = 0;
      }
      in->key[0] = kr, in->key[1] = kg, in->key[2] = kb;
    }
    return;
  }
  for(unsigned i = 0; i < CT_SIZE; i++)
    ct->idx[i] = -1;
  ct->n = 0;
  uint32_t last = 0;
  unsigned last_slot = 0;
  int have_last = 0, many = 0;
  unsigned grey_ok = 0xff;  /* bit d-1 set while depth d is still exact */
  unsigned char kr = 0, kg = 0, kb = 0;
  for(size_t i = 0; i < n; i++) {
    const unsigned char *p = im->px + 4 * i;
    uint32_t k = rgba_key(p);
    if(have_last && k == last) {
      ct->count[last_slot]++;
      continue;
    }
    if(p[0] != p[1] || p[1] != p[2])
      in->grey = 0;
    else {
      unsigned v = p[0];
      if(v != 0 && v != 255)
        grey_ok &= ~1u;
      if(v % 85)
        grey_ok &= ~2u;
      if(v % 17)
        grey_ok &= ~8u;
    }
    if(p[3] != 255) {
      in->opaque = 0;
      if(p[3] != 0)
        in->binary_alpha = 0;
      else if(!have_key) {
        have_key = 1;
        kr = p[0], kg = p[1], kb = p[2];
      }
      else if(p[0] != kr || p[1] != kg || p[2] != kb)
        key_clash = 1;
    }
    if(!many) {
      unsigned s = ct_slot(ct, k);
      if(ct->idx[s] < 0) {
        if(ct->n == 256) {
          many = 1;
          goto next;
        }
        ct->key[s] = k;
        ct->count[s] = 0;
        ct->idx[s] = (int16_t)ct->n++;
      }
      ct->count[s]++;
      last_slot = s;
      have_last = 1;
      last = k;
      continue;
    }
  next:
    have_last = 0;
  }
  in->ncolors = many ? 257 : (int)ct->n;
  in->grey_depth = (grey_ok & 1) ? 1 : (grey_ok & 2) ? 2 : (grey_ok & 8) ? 4 : 8;
  if(have_key && !key_clash && in->binary_alpha) {
    in->key_ok = 1;
    for(size_t i = 0; i < n && in->key_ok; i++) {
      const unsigned char *p = im->px + 4 * i;
      if(p[3] && p[0] == kr && p[1] == kg && p[2] == kb)
        in->key_ok = 0;
    }
    in->key[0] = kr, in->key[1] = kg, in->key[2] = kb;
  }
}

/* ---- candidates: a pixel format and its packed rows ------------------------------ */

struct cand {
  int ct, depth;
  unsigned npal, ntrns;
  unsigned char pal[256][4];
  int key;                 /* tRNS colour key for grey/RGB */
  uint16_t keyv[3];        /* at the candidate's depth */
  size_t rowbytes, bpp;    /* bpp: filter distance in bytes */
  unsigned char *raw;      /* h rows of rowbytes, unfiltered */
};

static int channels(int ct)
{
  return ct == 0 || ct == 3 ? 1 : ct == 4 ? 2 : ct == 2 ? 3 : 4;
}

static ao_status cand_alloc(struct cand *c, const ao__img *im)
{
  size_t bits = (size_t)channels(c->ct) * c->depth;
  c->rowbytes = ((size_t)im->w * bits + 7) / 8;
  c->bpp = bits >= 8 ? bits / 8 : 1;
  c->raw = ao_malloc(c->rowbytes * im->h + 1);
  return c->raw ? AO_OK : AO_NOMEM;
}

static inline void put_bits(unsigned char *row, size_t x, int depth, unsigned v)
{
  if(depth == 8) {
    row[x] = (unsigned char)v;
    return;
  }
  size_t bit = x * (size_t)depth;
  int shift = 8 - depth - (int)(bit & 7);
  row[bit >> 3] |= (unsigned char)(v << shift);
}

/* Grey / grey-alpha / RGB / RGBA at 8 or 16 bits, grey also at 1/2/4. */
static ao_status build_direct(struct cand *c, const ao__img *im)
{
  if(cand_alloc(c, im))
    return AO_NOMEM;
  memset(c->raw, 0, c->rowbytes * im->h);
  int ch = channels(c->ct);
  size_t sbytes = im->sixteen ? 2 : 1, ps = 4 * sbytes;
  for(uint32_t y = 0; y < im->h; y++) {
    const unsigned char *s = im->px + (size_t)y * im->w * ps;
    unsigned char *r = c->raw + (size_t)y * c->rowbytes;
    if(c->depth < 8) {
      unsigned div = 255u / ((1u << c->depth) - 1);
      for(uint32_t x = 0; x < im->w; x++)
        put_bits(r, x, c->depth, s[x * 4] / div);
      continue;
    }
    static const unsigned char pick[5][4] = {
      { 0 }, { 0 }, { 0, 3 }, { 0, 1, 2 }, { 0, 1, 2, 3 }
    };
    const unsigned char *sel = ch == 1 ? pick[1] : ch == 2 ? pick[2]
                             : ch == 3 ? pick[3] : pick[4];
    for(uint32_t x = 0; x < im->w; x++)
      for(int k = 0; k < ch; k++) {
        memcpy(r, s + x * ps + sel[k] * sbytes, sbytes);
        r += sbytes;
      }
  }
  return AO_OK;
}

static int pal_cmp(const void *a, const void *b)
{
  const uint32_t *x = a, *y = b;  /* [count, key, opaque] */
  if(x[2] != y[2])
    return x[2] < y[2] ? -1 : 1;        /* translucent first: short tRNS */
  if(x[0] != y[0])
    return x[0] > y[0] ? -1 : 1;        /* then most used first */
  return x[1] < y[1] ? -1 : x[1] > y[1];
}

static ao_status build_palette(struct cand *c, const ao__img *im,
                               struct ctab *ct)
{
  uint32_t ent[256][3];
  unsigned n = 0;
  for(unsigned s = 0; s < CT_SIZE; s++)
    if(ct->idx[s] >= 0) {
      ent[n][0] = ct->count[s];
      ent[n][1] = ct->key[s];
      ent[n][2] = (ct->key[s] & 0xff) == 0xff;
      n++;
    }
  qsort(ent, n, sizeof(ent[0]), pal_cmp);
  c->npal = n;
  c->ntrns = 0;
  for(unsigned i = 0; i < n; i++) {
    uint32_t k = ent[i][1];
    c->pal[i][0] = (unsigned char)(k >> 24);
    c->pal[i][1] = (unsigned char)(k >> 16);
    c->pal[i][2] = (unsigned char)(k >> 8);
    c->pal[i][3] = (unsigned char)k;
    if(c->pal[i][3] != 255)
      c->ntrns = i + 1;
    ct->idx[ct_slot(ct, k)] = (int16_t)i;
  }
  c->depth = n <= 2 ? 1 : n <= 4 ? 2 : n <= 16 ? 4 : 8;
  if(cand_alloc(c, im))
    return AO_NOMEM;
  memset(c->raw, 0, c->rowbytes * im->h);
  uint32_t last = 0;
  unsigned lastv = 0;
  int have = 0;
  for(uint32_t y = 0; y < im->h; y++) {
    const unsigned char *s = im->px + (size_t)y * im->w * 4;
    unsigned char *r = c->raw + (size_t)y * c->rowbytes;
    for(uint32_t x = 0; x < im->w; x++) {
      uint32_t k = rgba_key(s + 4 * x);
      if(!have || k != last) {
        lastv = (unsigned)ct->idx[ct_slot(ct, k)];
        last = k;
        have = 1;
      }
      put_bits(r, x, c->depth, lastv);
    }
  }
  return AO_OK;
}

/* A palette image from quantized indices (lossy path). */
static ao_status build_indexed(struct cand *c, const ao__img *im,
                               const unsigned char *idx,
                               unsigned char pal[256][4], unsigned n)
{
  /* translucent entries first */
  unsigned char map[256];
  unsigned k = 0;
  for(int pass = 0; pass < 2; pass++)
    for(unsigned i = 0; i < n; i++)
      if((pal[i][3] != 255) == !pass) {
        map[i] = (unsigned char)k;
        memcpy(c->pal[k], pal[i], 4);
        if(!pass)
          c->ntrns = k + 1;
        k++;
      }
  c->ct = 3;
  c->npal = n;
  c->depth = n <= 2 ? 1 : n <= 4 ? 2 : n <= 16 ? 4 : 8;
  if(cand_alloc(c, im))
    return AO_NOMEM;
  memset(c->raw, 0, c->rowbytes * im->h);
  for(uint32_t y = 0; y < im->h; y++) {
    unsigned char *r = c->raw + (size_t)y * c->rowbytes;
    const unsigned char *s = idx + (size_t)y * im->w;
    for(uint32_t x = 0; x < im->w; x++)
      put_bits(r, x, c->depth, map[s[x]]);
  }
  return AO_OK;
}

/* ---- filtering ------------------------------------------------------------------- */

static inline unsigned char paeth(int a, int b, int c)
{
  int p = a + b - c;
  int pa = abs(p - a), pb = abs(p - b), pc = abs(p - c);
  return (unsigned char)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
}

static void filter_row(int f, const unsigned char *cur,
                       const unsigned char *prev, unsigned char *out,
                       size_t n, size_t bpp)
{
  out[0] = (unsigned char)f;
  out++;
  size_t i;
  switch(f) {
  case 0:
    memcpy(out, cur, n);
    break;
  case 1:
    for(i = 0; i < bpp && i < n; i++)
      out[i] = cur[i];
    for(; i < n; i++)
      out[i] = (unsigned char)(cur[i] - cur[i - bpp]);
    break;
  case 2:
    for(i = 0; i < n; i++)
      out[i] = (unsigned char)(cur[i] - prev[i]);
    break;
  case 3:
    for(i = 0; i < bpp && i < n; i++)
      out[i] = (unsigned char)(cur[i] - (prev[i] >> 1));
    for(; i < n; i++)
      out[i] = (unsigned char)(cur[i] - ((cur[i - bpp] + prev[i]) >> 1));
    break;
  default:
    for(i = 0; i < bpp && i < n; i++)
      out[i] = (unsigned char)(cur[i] - prev[i]);
    for(; i < n; i++)
      out[i] = (unsigned char)(cur[i] - paeth(cur[i - bpp], prev[i],
                                              prev[i - bpp]));
    break;
  }
}

static size_t row_cost(const unsigned char *p, size_t n)
{
  size_t s = 0;
  for(size_t i = 0; i < n; i++)
    s += p[i] < 128 ? p[i] : 256 - p[i];
  return s;
}

enum { STRAT_MINSUM = 5, STRAT_BRUTE = 6 };

struct ctx {
  struct libdeflate_compressor *fast, *best;
  int fast_level, best_level;
  unsigned char *filt;    /* h * (rowbytes + 1) */
  unsigned char *tmp;     /* scratch row candidates: 5 * (rowbytes + 1) */
  unsigned char *zout;
  size_t zcap;
  unsigned char *zero;    /* a zero row */
};

/* Filters the rows of c with strategy s into x->filt, one after another;
 * with sample, only bands of 16 rows out of every 64 (for ranking the
 * strategies on large images). Returns the number of rows written. */
static uint32_t filter_image(struct ctx *x, const struct cand *c, uint32_t h,
                             int s, int sample)
{
  size_t rb = c->rowbytes, st = rb + 1;
  uint32_t k = 0;
  for(uint32_t y = 0; y < h; y++, k++) {
    if(sample && (y / 16) % 4) {
      k--;
      continue;
    }
    const unsigned char *cur = c->raw + (size_t)y * rb;
    const unsigned char *prev = y ? cur - rb : x->zero;
    unsigned char *out = x->filt + (size_t)k * st;
    if(s < 5) {
      filter_row(s, cur, prev, out, rb, c->bpp);
      continue;
    }
    if(s == STRAT_MINSUM) {
      size_t best = SIZE_MAX;
      int bf = 0;
      for(int f = 0; f < 5; f++) {
        unsigned char *t = x->tmp + (size_t)f * st;
        filter_row(f, cur, prev, t, rb, c->bpp);
        size_t cost = row_cost(t + 1, rb);
        if(cost < best)
          best = cost, bf = f;
      }
      memcpy(out, x->tmp + (size_t)bf * st, st);
      continue;
    }
    /* brute force: the filter whose row deflates smallest after the
     * previous (already chosen) rows, measured on a short window */
    size_t best = SIZE_MAX;
    int bf = 0;
    uint32_t from = k >= 3 ? k - 3 : 0;
    size_t wlen = (size_t)(k - from) * st;
    for(int f = 0; f < 5; f++) {
      filter_row(f, cur, prev, out, rb, c->bpp);
      size_t z = libdeflate_deflate_compress(x->fast, x->filt + (size_t)from * st,
                                             wlen + st, x->zout, x->zcap);
      if(z && z < best)
        best = z, bf = f;
    }
    filter_row(bf, cur, prev, out, rb, c->bpp);
  }
  return k;
}

/* ---- writing ------------------------------------------------------------------------ */

static void put_u32(ao_buf *b, uint32_t v)
{
  unsigned char q[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16),
                         (unsigned char)(v >> 8), (unsigned char)v };
  ao_buf_append(b, q, 4);
}

static void put_chunk(ao_buf *b, const char *type, const unsigned char *data,
                      size_t n)
{
  if(!data)
    data = (const unsigned char *)"";
  put_u32(b, (uint32_t)n);
  ao_buf_append(b, type, 4);
  ao_buf_append(b, data, n);
  uint32_t crc = (uint32_t)libdeflate_crc32(0, type, 4);
  crc = (uint32_t)libdeflate_crc32(crc, data, n);
  put_u32(b, crc);
}

static void put_raw_chunk(ao_buf *b, const unsigned char *src, const struct chunk *k)
{
  ao_buf_append(b, src + k->off, (size_t)k->len + 12);
}

static void write_png(ao_buf *b, const ao__img *im, const struct cand *c,
                      const unsigned char *src, const struct chunks *ch,
                      const unsigned char *z, size_t zlen)
{
  static const unsigned char sig[8] = { 137, 'P', 'N', 'G', 13, 10, 26, 10 };
  ao_buf_append(b, sig, 8);
  unsigned char ihdr[13];
  memcpy(ihdr, (unsigned char[4]){ (unsigned char)(im->w >> 24),
                                   (unsigned char)(im->w >> 16),
                                   (unsigned char)(im->w >> 8),
                                   (unsigned char)im->w }, 4);
  memcpy(ihdr + 4, (unsigned char[4]){ (unsigned char)(im->h >> 24),
                                       (unsigned char)(im->h >> 16),
                                       (unsigned char)(im->h >> 8),
                                       (unsigned char)im->h }, 4);
  ihdr[8] = (unsigned char)c->depth;
  ihdr[9] = (unsigned char)c->ct;
  ihdr[10] = ihdr[11] = ihdr[12] = 0;
  put_chunk(b, "IHDR", ihdr, 13);
  for(unsigned i = 0; i < ch->n; i++)
    if(!ch->keep[i].after_idat)
      put_raw_chunk(b, src, &ch->keep[i]);
  if(c->ct == 3) {
    unsigned char pl[768], tr[256];
    for(unsigned i = 0; i < c->npal; i++) {
      memcpy(pl + 3 * i, c->pal[i], 3);
      tr[i] = c->pal[i][3];
    }
    put_chunk(b, "PLTE", pl, (size_t)c->npal * 3);
    if(c->ntrns)
      put_chunk(b, "tRNS", tr, c->ntrns);
  }
  else if(c->key) {
    unsigned char kv[6];
    int nk = c->ct == 0 ? 1 : 3;
    for(int i = 0; i < nk; i++) {
      kv[2 * i] = (unsigned char)(c->keyv[i] >> 8);
      kv[2 * i + 1] = (unsigned char)c->keyv[i];
    }
    put_chunk(b, "tRNS", kv, (size_t)nk * 2);
  }
  const size_t max_idat = (size_t)1 << 30;
  for(size_t off = 0; off < zlen; off += max_idat)
    put_chunk(b, "IDAT", z + off, zlen - off < max_idat ? zlen - off : max_idat);
  for(unsigned i = 0; i < ch->n; i++)
    if(ch->keep[i].after_idat)
      put_raw_chunk(b, src, &ch->keep[i]);
  put_chunk(b, "IEND", NULL, 0);
}

/* ---- search ------------------------------------------------------------------------- */

struct trial {
  int cand, strat;
  size_t size;
};

/* Bytes of PLTE and tRNS a candidate adds. */
static size_t overhead(const struct cand *c)
{
  if(c->ct == 3)
    return 12 + 3 * (size_t)c->npal + (c->ntrns ? 12 + c->ntrns : 0);
  return c->key ? (c->ct == 0 ? 14 : 18) : 0;
}

static int trial_cmp(const void *a, const void *b)
{
  const struct trial *x = a, *y = b;
  return x->size < y->size ? -1 : x->size > y->size;
}

static voidpf z_alloc(voidpf op, uInt items, uInt size)
{
  (void)op;
  return (size_t)items > SIZE_MAX / size ? NULL : ao_malloc((size_t)items * size);
}

static void z_free(voidpf op, voidpf p)
{
  (void)op;
  ao_free(p);
}

/* zlib with a given strategy: Huffman-only and RLE beat LZ77 on noisy
 * rows (dithered palettes) and are cheap. 0 when it does not fit. */
static size_t zlib_strategy(const unsigned char *in, size_t n, int strategy,
                            unsigned char *out, size_t cap)
{
  z_stream z;
  memset(&z, 0, sizeof(z));
  z.zalloc = z_alloc;
  z.zfree = z_free;
  if(deflateInit2(&z, 9, Z_DEFLATED, 15, 9, strategy) != Z_OK)
    return 0;
  size_t done = 0;
  int r = Z_OK;
  z.next_out = out;
  z.avail_out = cap > UINT_MAX ? UINT_MAX : (uInt)cap;
  while(r == Z_OK) {
    size_t chunk = n - done > (1u << 30) ? (1u << 30) : n - done;
    z.next_in = (Bytef *)(uintptr_t)(in + done);
    z.avail_in = (uInt)chunk;
    done += chunk;
    r = deflate(&z, done == n ? Z_FINISH : Z_NO_FLUSH);
    if(r == Z_OK && z.avail_out == 0)
      break;
  }
  size_t total = r == Z_STREAM_END ? (size_t)z.total_out : 0;
  deflateEnd(&z);
  return total;
}

struct best {
  unsigned char *z;       /* zlib stream, ao_malloc'd */
  size_t zlen;
  int cand;
};

/* Tries the filter strategies on every candidate, then deflates the most
 * promising ones hard. */
static ao_status search(struct ctx *x, struct cand *cs, int nc,
                        const ao__img *im, int effort, struct best *out)
{
  struct trial tr[64];
  int nt = 0;
  size_t raw_total = 0;
  for(int i = 0; i < nc; i++)
    raw_total += cs[i].rowbytes * im->h;
  int brute = effort >= 8 && raw_total <= (4u << 20);
  for(int i = 0; i < nc; i++) {
    int low = cs[i].depth < 8;
    int strats[7], ns = 0;
    if(effort <= 1)
      strats[ns++] = (cs[i].ct == 3 || low) ? 0 : STRAT_MINSUM;
    else if(effort <= 3 || low) {
      strats[ns++] = 0;
      strats[ns++] = STRAT_MINSUM;
    }
    else {
      for(int s = 0; s <= STRAT_MINSUM; s++)
        strats[ns++] = s;
    }
    if(brute)
      strats[ns++] = STRAT_BRUTE;
    for(int k = 0; k < ns; k++)
      tr[nt++] = (struct trial){ i, strats[k], 0 };
  }
  size_t st_max = 0;
  for(int i = 0; i < nc; i++)
    if(cs[i].rowbytes + 1 > st_max)
      st_max = cs[i].rowbytes + 1;
  if(nt > 1) {
    /* rank on a sample of the rows when the image is large */
    int sample = effort < 8 && raw_total / (size_t)nc > ((size_t)512 << 10);
    for(int t = 0; t < nt; t++) {
      const struct cand *c = &cs[tr[t].cand];
      uint32_t rows = filter_image(x, c, im->h, tr[t].strat, sample);
      size_t n = (c->rowbytes + 1) * rows;
      size_t z = libdeflate_zlib_compress(x->fast, x->filt, n, x->zout, x->zcap);
      tr[t].size = !z ? SIZE_MAX
                 : (size_t)((double)z * im->h / (rows ? rows : 1)) + overhead(c);
    }
    qsort(tr, (size_t)nt, sizeof(tr[0]), trial_cmp);
  }
  int finals = effort >= 8 ? 3 : effort >= 6 ? 2 : 1;
  if(finals > nt)
    finals = nt;
  out->z = NULL;
  out->zlen = SIZE_MAX;
  for(int t = 0; t < finals; t++) {
    const struct cand *c = &cs[tr[t].cand];
    filter_image(x, c, im->h, tr[t].strat, 0);
    size_t n = (c->rowbytes + 1) * im->h;
    for(int m = 0; m < 3; m++) {
      size_t z;
      if(m == 0)
        z = libdeflate_zlib_compress(x->best, x->filt, n, x->zout, x->zcap);
      else if(t == 0 && effort >= 2)
        z = zlib_strategy(x->filt, n, m == 1 ? Z_HUFFMAN_ONLY : Z_RLE,
                          x->zout, x->zcap);
      else
        continue;
      if(z && (out->zlen == SIZE_MAX ||
               z + overhead(c) < out->zlen + overhead(&cs[out->cand]))) {
        unsigned char *keep = ao_malloc(z);
        if(!keep)
          return AO_NOMEM;
        memcpy(keep, x->zout, z);
        ao_free(out->z);
        out->z = keep;
        out->zlen = z;
        out->cand = tr[t].cand;
      }
    }
  }
  return out->z ? AO_OK : AO_NOMEM;
}

static void ctx_free(struct ctx *x)
{
  if(x->fast)
    libdeflate_free_compressor(x->fast);
  if(x->best)
    libdeflate_free_compressor(x->best);
  ao_free(x->filt);
  ao_free(x->tmp);
  ao_free(x->zout);
  ao_free(x->zero);
}

static ao_status ctx_init(struct ctx *x, const struct cand *cs, int nc,
                          uint32_t h, int effort)
{
  memset(x, 0, sizeof(*x));
  size_t st = 0;
  for(int i = 0; i < nc; i++)
    if(cs[i].rowbytes + 1 > st)
      st = cs[i].rowbytes + 1;
  /* trials only rank the strategies (on a sample of rows when large): a
   * fast level does that well enough.
   * At the default effort, large images get level 11 (level 12 costs
   * twice the time there for under 1%). */
  size_t raw = st * h;
  x->fast_level = effort <= 3 ? 1 : effort <= 7 ? 5 : 6;
  x->best_level = effort <= 1 ? 7 : effort <= 3 ? 9
                : effort <= 5 ? (raw > ((size_t)1 << 20) ? 11 : 12) : 12;
  x->fast = libdeflate_alloc_compressor(x->fast_level);
  x->best = libdeflate_alloc_compressor(x->best_level);
  x->filt = ao_malloc(st * h);
  x->tmp = ao_malloc(st * 5);
  x->zero = ao_malloc(st);
  if(!x->fast || !x->best || !x->filt || !x->tmp || !x->zero)
    return AO_NOMEM;
  memset(x->zero, 0, st);
  x->zcap = libdeflate_zlib_compress_bound(x->best, st * h);
  x->zout = ao_malloc(x->zcap);
  return x->zout ? AO_OK : AO_NOMEM;
}

/* Encodes the best of cs[0..nc) into res (reset first). */
static ao_status encode_best(struct cand *cs, int nc, const ao__img *im,
                             const unsigned char *src, const struct chunks *ch,
                             int effort, ao_buf *res)
{
  struct ctx x;
  struct best b = { NULL, 0, 0 };
  ao_status s = ctx_init(&x, cs, nc, im->h, effort);
  if(!s)
    s = search(&x, cs, nc, im, effort, &b);
  if(!s) {
    ao_buf_reset(res);
    write_png(res, im, &cs[b.cand], src, ch, b.z, b.zlen);
    s = res->err;
  }
  ao_free(b.z);
  ctx_free(&x);
  return s;
}

static void cand_free(struct cand *cs, int nc)
{
  for(int i = 0; i < nc; i++) {
    ao_free(cs[i].raw);
    cs[i].raw = NULL;
  }
}

/* Builds every lossless pixel format worth trying. */
static ao_status lossless_cands(const ao__img *im, struct ctab *ct,
                                const struct info *in, int effort,
                                struct cand *cs, int *nc)
{
  int n = 0;
  ao_status s = AO_OK;
  int d8 = im->sixteen ? 16 : 8;
  if(!im->sixteen && in->ncolors <= 256) {
    cs[n] = (struct cand){ .ct = 3 };
    if((s = build_palette(&cs[n++], im, ct)))
      goto out;
  }
  /* the direct format: grey or RGB, alpha or a key or neither */
  int use_key = !in->opaque && in->key_ok;
  struct cand c = { .ct = in->grey ? 0 : 2, .depth = d8 };
  if(in->grey && in->opaque)
    c.depth = im->sixteen ? 16 : in->grey_depth;
  if(!in->opaque && !use_key)
    c.ct = in->grey ? 4 : 6;
  if(use_key) {
    if(in->grey && !im->sixteen && in->key[0] % (255u / ((1u << in->grey_depth) - 1)) == 0)
      c.depth = in->grey_depth;
    c.key = 1;
    unsigned div = c.depth < 8 ? 255u / ((1u << c.depth) - 1) : 1;
    for(int i = 0; i < 3; i++)
      c.keyv[i] = (uint16_t)(in->key[i] / div);
  }
  /* a palette of few colours beats 8-bit RGB almost always; skip the
   * direct format at low effort */
  int want_direct = !(n && effort <= 1 && !in->grey);
  if(want_direct || !n) {
    cs[n] = c;
    if((s = build_direct(&cs[n++], im)))
      goto out;
  }
out:
  *nc = n;
  return s;
}

ao_status ao__png_optimize(const unsigned char *src, size_t len,
                           const ao_image_opts *o, ao_buf *out, ao_diags *d)
{
  struct chunks ch;
  if(len < 8 || png_sig_cmp(src, 0, 8)) {
    ao_diag_add(d, AO_ERROR, 0, "not a PNG file (bad signature)");
    return AO_SYNTAX;
  }
  walk_chunks(src, len, o->keep_metadata, &ch);
  if(ch.apng) {
    ao_diag_add(d, AO_NOTE, SIZE_MAX, "animated PNG (APNG) left unchanged");
    return AO_OK;
  }
  ao__img im = { 0 };
  int warned = 0;
  ao_status s = decode_diag(src, len, o, &im, d, &warned);
  if(s || warned) {
    ao__img_free(&im);
    return s;
  }
  int effort = o->effort < 0 ? 0 : o->effort > 9 ? 9 : o->effort;
  struct ctab *ct = ao_malloc(sizeof(*ct));
  struct cand cs[3];
  int nc = 0;
  ao_buf res = AO_BUF_INIT(0), lossy = AO_BUF_INIT(0);
  if(!ct) {
    s = AO_NOMEM;
    goto done;
  }
  if(im.sixteen)
    reduce16(&im);
  struct info in;
  analyse(&im, ct, &in);
  if((s = lossless_cands(&im, ct, &in, effort, cs, &nc)))
    goto done;
  if((s = encode_best(cs, nc, &im, src, &ch, effort, &res)))
    goto done;
  cand_free(cs, nc);
  nc = 0;
  if(o->lossy) {   /* even with <= 256 colours: fewer may meet the quality */
    if(im.sixteen) {          /* the quantizer takes 8-bit samples */
      size_t n = (size_t)im.w * im.h * 4;
      for(size_t i = 0; i < n; i++)
        im.px[i] = im.px[2 * i];
      im.sixteen = 0;
    }
    int qmax = o->quality < 1 ? 1 : o->quality > 100 ? 100 : o->quality;
    int qmin = o->quality_min >= 0 ? o->quality_min : qmax - 15;
    if(qmin < 0)
      qmin = 0;
    if(qmin > qmax)
      qmin = qmax;
    unsigned char *idx = NULL, pal[256][4];
    unsigned np = 0;
    ao_status q = ao__quantize(&im, qmin, qmax, effort, &idx, pal, &np);
    if(q == AO_LIMIT)
      ao_diag_add(d, AO_NOTE, SIZE_MAX,
                  "a palette cannot meet quality %d; kept lossless", qmin);
    else if(q) {
      s = q;
      goto done;
    }
    else {
      cs[0] = (struct cand){ .ct = 3 };
      nc = 1;
      s = build_indexed(&cs[0], &im, idx, pal, np);
      ao_free(idx);
      if(!s)
        s = encode_best(cs, 1, &im, src, &ch, effort, &lossy);
      if(s)
        goto done;
      if(lossy.len < res.len) {
        ao_buf t = res;
        res = lossy;
        lossy = t;
      }
    }
  }
  if(res.len < len) {
    if(ao_buf_append(out, res.data, res.len))
      s = out->err;
  }
  else
    ao_diag_add(d, AO_NOTE, SIZE_MAX, "no smaller encoding found; left unchanged");
done:
  if(s == AO_NOMEM)
    ao_diag_add(d, AO_ERROR, SIZE_MAX, "out of memory optimizing PNG");
  cand_free(cs, nc);
  ao_free(ct);
  ao_buf_free(&res);
  ao_buf_free(&lossy);
  ao__img_free(&im);
  return s;
}
