/* The build pipeline: the stages in order, each over every asset, parallel
 * where a stage treats assets independently. Results are stored by index,
 * so the output never depends on the number of threads. */
#define _GNU_SOURCE
#include "build_int.h"
#include "outdir.h"

#include <assetopt/compress.h>
#include <assetopt/fs.h>
#include <assetopt/glob.h>
#include <assetopt/hash.h>
#include <assetopt/image.h>
#include <assetopt/jsonout.h>
#include <assetopt/pool.h>
#include <assetopt/site.h>

#include <pthread.h>
#include <regex.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ao_build_opts_init(ao_build_opts *o)
{
  *o = (ao_build_opts){
    .minify = 1, .images = 1, .quality = 80, .precompress = 1,
    .hash_names = 1, .keep_source_map_url = 1, .hash_len = 10,
    .js_level = 4 /* AO_JS_MIN_ALL */,
    .max_file_size = 64u << 20,
  };
}

void ao_build_report_free(ao_build_report *r)
{
  for(size_t i = 0; i < r->n; i++) {
    ao_diags_free(&r->items[i]);
    ao_free((char *)r->items[i].path); /* owned: see collect_report */
  }
  ao_free(r->items);
  r->items = NULL;
  r->n = 0;
}

/* Shared by the workers of a parallel stage. */
typedef struct stage {
  ao_site *site;
  ao_cache cache;
  const char *in_real;
  pthread_mutex_t mu;       /* serializes progress callbacks */
  _Atomic size_t done;
  _Atomic size_t xf_run, xf_cached, cz_run, cz_cached;
  const char *name;
} stage;

static void progress(stage *sg)
{
  size_t done = atomic_fetch_add(&sg->done, 1) + 1;
  const ao_build_opts *o = sg->site->o;
  if(!o->progress)
    return;
  pthread_mutex_lock(&sg->mu);
  o->progress(o->progress_ctx, sg->name, done, sg->site->n);
  pthread_mutex_unlock(&sg->mu);
}

static int any_glob(const char *const *globs, size_t n, const char *rel)
{
  for(size_t i = 0; i < n; i++)
    if(ao_glob_match(globs[i], rel))
      return 1;
  return 0;
}

/* ---- cached transform results -------------------------------------------
 * payload: byte 0 = 1 when bytes follow (0: the input stays as it is),
 * u32 count of diagnostics, then per diagnostic: u8 severity, u64 offset,
 * u32 length, the message; then the bytes. Diagnostics are replayed on a
 * hit, so a warm build says what a cold one said. */

static void put_u32(ao_buf *b, uint32_t v)
{
  unsigned char x[4] = { (unsigned char)v, (unsigned char)(v >> 8),
                         (unsigned char)(v >> 16), (unsigned char)(v >> 24) };
  ao_buf_append(b, x, 4);
}

static uint64_t get_le(const unsigned char *p, int n)
{
  uint64_t v = 0;
  for(int i = n - 1; i >= 0; i--)
    v = v << 8 | p[i];
  return v;
}

static void encode_result(ao_buf *b, int has_bytes, const ao_diags *d,
                          const ao_buf *bytes)
{
  ao_buf_putc(b, has_bytes);
  put_u32(b, (uint32_t)d->n);
  for(size_t i = 0; i < d->n; i++) {
    const ao_diag *g = &d->items[i];
    uint64_t off = g->off;
    ao_buf_putc(b, g->sev);
    put_u32(b, (uint32_t)off);
    put_u32(b, (uint32_t)(off >> 32));
    size_t ml = strlen(g->msg);
    put_u32(b, (uint32_t)ml);
    ao_buf_append(b, g->msg, ml);
  }
  if(has_bytes)
    ao_buf_append(b, bytes->data, bytes->len);
}

/* Returns 1 when the entry was well formed; fills d and (if any) out. */
static int decode_result(const ao_buf *p, ao_diags *d, ao_buf *out,
                         int *has_bytes)
{
  const unsigned char *s = p->data, *end = p->data + p->len;
  if(p->len < 5)
    return 0;
  *has_bytes = s[0];
  uint64_t n = get_le(s + 1, 4);
  s += 5;
  for(uint64_t i = 0; i < n; i++) {
    if(end - s < 13)
      return 0;
    int sev = s[0];
    uint64_t off = get_le(s + 1, 8);
    uint64_t ml = get_le(s + 9, 4);
    s += 13;
    if((uint64_t)(end - s) < ml || sev > AO_ERROR)
      return 0;
    ao_diag_add(d, (ao_severity)sev, off == UINT64_MAX ? SIZE_MAX : (size_t)off,
                "%.*s", (int)ml, (const char *)s);
    s += ml;
  }
  if(*has_bytes)
    ao_buf_append(out, s, (size_t)(end - s));
  return !out->err;
}

static void move_buf(ao_buf *to, ao_buf *from)
{
  ao_buf_free(to);
  *to = *from;
  *from = (ao_buf)AO_BUF_INIT(0);
}

static void transform_asset(stage *sg, ao_asset *a)
{
  const ao_build_opts *o = sg->site->o;
  /* lossless: lossy recompression is not allowed for this file */
  int lossless = any_glob(o->lossless, o->n_lossless, a->rel) ||
                 !(o->lossy || any_glob(o->lossy_globs, o->n_lossy_globs, a->rel));
  unsigned char in_md[32], key[32];
  ao_sha256_once(a->in.data, a->in.len, in_md);
  ao__transform_key(a->kind, a->rel, in_md, o, lossless, key);
  ao_buf entry = AO_BUF_INIT(0), result = AO_BUF_INIT(0);
  int has_bytes = 0;
  a->diags.src = a->in.data; /* replayed messages get their line:col */
  a->diags.src_len = a->in.len;
  if(ao_cache_get(&sg->cache, key, &entry) &&
     decode_result(&entry, &a->diags, &result, &has_bytes)) {
    atomic_fetch_add(&sg->xf_cached, 1);
  }
  else {
    ao_buf_free(&result);
    ao_diags d;
    ao_diags_init(&d, a->rel, a->in.data, a->in.len);
    ao_status s = ao__transform(a->kind, a->rel, a->in.data, a->in.len, o,
                                lossless, &result, &d);
    if(s && s != AO_UNSUPPORTED && !d.errors && !d.warnings)
      ao_diag_add(&d, AO_WARNING, SIZE_MAX, "left unchanged: %s",
                  ao_status_str(s));
    else if(s && s != AO_UNSUPPORTED)
      ao_diag_add(&d, AO_NOTE, SIZE_MAX, "left unchanged");
    /* a transform that fails or does not shrink keeps the input */
    has_bytes = !s && result.len < a->in.len;
    ao_buf_reset(&entry);
    encode_result(&entry, has_bytes, &d, &result);
    if(!entry.err)
      ao_cache_put(&sg->cache, key, entry.data, entry.len);
    ao_diags_move(&a->diags, &d);
    atomic_fetch_add(&sg->xf_run, 1);
  }
  a->diags.src = NULL;
  /* messages of a failed transform are warnings: the file is still fine */
  for(size_t i = 0; i < a->diags.n; i++)
    if(a->diags.items[i].sev == AO_ERROR) {
      a->diags.items[i].sev = AO_WARNING;
      a->diags.errors--;
      a->diags.warnings++;
    }
  if(has_bytes) {
    move_buf(&a->xf, &result);
    a->transformed = 1;
  }
  else {
    move_buf(&a->xf, &a->in);
  }
  ao_buf_free(&result);
  ao_buf_free(&entry);
}

/* ---- precompression and WebP siblings ----------------------------------- */

typedef ao_status (*encode_fn)(const ao_buf *in, int param, ao_buf *out);

/* Encodes in (whose SHA-256 is in_sha) through the cache. */
static void encode_bytes(stage *sg, const unsigned char in_sha[32],
                         const ao_buf *in, const char *what, int param,
                         encode_fn fn, ao_buf *out)
{
  char label[96];
  int n = snprintf(label, sizeof(label), "assetopt %s %s %d", AO_VERSION, what,
                   param);
  unsigned char key[32];
  ao_sha256 h;
  if(ao_sha256_init(&h))
    return;
  ao_sha256_update(&h, label, (size_t)n);
  ao_sha256_update(&h, in_sha, 32);
  ao_sha256_final(&h, key);
  if(ao_cache_get(&sg->cache, key, out)) {
    atomic_fetch_add(&sg->cz_cached, 1);
    return;
  }
  if(fn(in, param, out))
    ao_buf_reset(out); /* remembered as empty: no sibling */
  ao_cache_put(&sg->cache, key, out->data ? out->data : (const unsigned char *)"",
               out->len);
  atomic_fetch_add(&sg->cz_run, 1);
}

static ao_status enc_gzip(const ao_buf *in, int level, ao_buf *out)
{
  return ao_gzip(in->data, in->len, level, out);
}

static ao_status enc_brotli(const ao_buf *in, int quality, ao_buf *out)
{
  return ao_brotli(in->data, in->len, quality, 0, out);
}

/* Produces (or fetches) an encoding of a->fin; out is left empty when the
 * encoder failed. */
static void encode_cached(stage *sg, const ao_asset *a, const char *what,
                          int param, encode_fn fn, ao_buf *out)
{
  encode_bytes(sg, a->sha, &a->fin, what, param, fn, out);
}

/* WebP of a PNG or JPEG; param = quality, the kind rides in the high bits. */
static ao_status enc_webp(const ao_buf *in, int param, ao_buf *out)
{
  ao_image_opts io;
  ao_image_opts_init(&io);
  io.quality = param & 0xff;
  ao_kind kind = (ao_kind)(param >> 8);
  ao_diags d;
  ao_diags_init(&d, NULL, NULL, 0);
  ao_status s = ao_image_webp(kind, in->data, in->len, &io, out, &d);
  ao_diags_free(&d);
  return s;
}

static void webp_name(ao_asset *a)
{
  unsigned char md[32];
  char b32[64];
  ao_sha256_once(a->webp.data, a->webp.len, md);
  ao_base32(md, 32, b32);
  b32[10] = '\0';
  /* OUT name without its hash and extension, then .HASH.webp */
  const char *base = strrchr(a->rel, '/');
  base = base ? base + 1 : a->rel;
  size_t dir_len = (size_t)(base - a->rel);
  size_t stem = strlen(base) - ao_name_ext_len(base);
  size_t n = dir_len + stem + 1 + 10 + 6;
  a->webp_out = ao_malloc(n);
  if(a->webp_out)
    snprintf(a->webp_out, n, "%.*s%.*s.%s.webp", (int)dir_len, a->rel,
             (int)stem, base, b32);
}

static void load_one(void *ctx, size_t i, unsigned worker)
{
  (void)worker;
  stage *sg = ctx;
  ao_site *s = sg->site;
  ao_asset *a = &s->a[i];
  const ao_build_opts *o = s->o;
  if(a->size_in > o->max_file_size) {
    a->big = 1;
    a->kind = ao_kind_from_path(a->rel);
    ao_diag_add(&a->diags, AO_WARNING, SIZE_MAX,
                "%llu bytes, over the %llu-byte limit: copied unchanged",
                (unsigned long long)a->size_in,
                (unsigned long long)o->max_file_size);
    progress(sg);
    return;
  }
  char *path = ao_path_join(sg->in_real, a->rel);
  ao_status st = path ? ao_fs_read(path, o->max_file_size, &a->in, &a->diags)
                      : AO_NOMEM;
  ao_free(path);
  if(st) {
    if(!a->diags.errors)
      ao_diag_add(&a->diags, AO_ERROR, SIZE_MAX, "cannot read: %s",
                  ao_status_str(st));
    progress(sg);
    return;
  }
  a->diags.src = NULL; /* positions are added by the transform's own sink */
  a->kind = ao_kind_classify(a->rel, a->in.data, a->in.len);
  if(a->in.len == 0)
    ao_diag_add(&a->diags, AO_WARNING, SIZE_MAX, "empty file");
  if(a->in.len && ao__transform_applies(a->kind, o))
    transform_asset(sg, a);
  else
    move_buf(&a->xf, &a->in);
  if(!a->transformed)
    ao_buf_free(&a->in);
  /* the WebP sibling is made now: --picture needs its name while HTML is
   * being rewritten (PNG and JPEG have no references, so xf is final) */
  if(o->webp && (a->kind == AO_KIND_PNG || a->kind == AO_KIND_JPEG) &&
     !a->bad_name && a->xf.len) {
    unsigned char md[32];
    ao_sha256_once(a->xf.data, a->xf.len, md);
    encode_bytes(sg, md, &a->xf, "webp", (int)a->kind << 8 | o->quality,
                 enc_webp, &a->webp);
    if(a->webp.len && a->webp.len < a->xf.len)
      webp_name(a);
    else
      ao_buf_free(&a->webp);
  }
  progress(sg);
}

static void compress_one(void *ctx, size_t i, unsigned worker)
{
  (void)worker;
  stage *sg = ctx;
  ao_asset *a = &sg->site->a[i];
  const ao_build_opts *o = sg->site->o;
  if(!a->fin.data || a->fin.len == 0) {
    progress(sg);
    return;
  }
  if(ao_kind_compressible(a->kind)) {
    encode_cached(sg, a, "gzip", 9, enc_gzip, &a->gz);
    encode_cached(sg, a, "brotli", 11, enc_brotli, &a->br);
    a->gz_size = a->gz.len && a->gz.len < a->fin.len ? a->gz.len : a->fin.len;
    a->br_size = a->br.len && a->br.len < a->fin.len ? a->br.len : a->fin.len;
    /* siblings are kept only when smaller, and only when asked for */
    if(!o->precompress || a->gz.len >= a->fin.len)
      ao_buf_free(&a->gz);
    if(!o->precompress || a->br.len >= a->fin.len)
      ao_buf_free(&a->br);
  }
  progress(sg);
}

/* ---- the pipeline ----------------------------------------------------------- */

static void free_site(ao_site *s)
{
  for(size_t i = 0; i < s->n; i++) {
    ao_asset *a = &s->a[i];
    ao_free(a->rel);
    ao_buf_free(&a->in);
    ao_buf_free(&a->xf);
    ao_buf_free(&a->fin);
    ao_buf_free(&a->gz);
    ao_buf_free(&a->br);
    ao_buf_free(&a->webp);
    ao_free(a->webp_out);
    ao_free(a->out);
    ao_free(a->targets);
    ao_refs_free(&a->refs);
    ao_diags_free(&a->diags);
  }
  ao_free(s->a);
  s->a = NULL;
  s->n = 0;
}

/* Moves every asset's messages into the report, general ones first. */
static void collect_report(ao_site *s, ao_diags *general, ao_build_report *rep,
                           ao_build_stats *st)
{
  size_t n = general->n ? 1 : 0;
  for(size_t i = 0; i < s->n; i++)
    n += s->a[i].diags.n ? 1 : 0;
  if(!n || !rep) {
    ao_diags_free(general);
    return;
  }
  rep->items = ao_malloc(n * sizeof(ao_diags));
  if(!rep->items) {
    ao_diags_free(general);
    return;
  }
  size_t k = 0;
  if(general->n) {
    st->warnings += general->warnings;
    st->errors += general->errors;
    rep->items[k++] = *general;
    ao_diags_init(general, NULL, NULL, 0);
  }
  for(size_t i = 0; i < s->n; i++) {
    ao_asset *a = &s->a[i];
    if(!a->diags.n)
      continue;
    st->warnings += a->diags.warnings;
    st->errors += a->diags.errors;
    rep->items[k] = a->diags;
    /* the path must outlive the site: hand the name over too */
    rep->items[k].path = a->rel;
    rep->items[k].src = NULL;
    a->rel = NULL;
    ao_diags_init(&a->diags, NULL, NULL, 0);
    k++;
  }
  rep->n = k;
}

static int name_matches(const regex_t *res, size_t n, const char *rel)
{
  const char *base = strrchr(rel, '/');
  base = base ? base + 1 : rel;
  for(size_t i = 0; i < n; i++)
    if(!regexec(&res[i], base, 0, NULL, 0))
      return 1;
  return 0;
}

static ao_status init_assets(ao_site *s, const ao_walk_result *w,
                             ao_diags *general)
{
  const ao_build_opts *o = s->o;
  regex_t *res = NULL;
  size_t nres = 0;
  ao_status st = AO_OK;
  if(o->n_hashed_patterns) {
    res = ao_malloc(o->n_hashed_patterns * sizeof(regex_t));
    if(!res)
      return AO_NOMEM;
    for(; nres < o->n_hashed_patterns; nres++)
      if(regcomp(&res[nres], o->hashed_patterns[nres], REG_EXTENDED | REG_NOSUB)) {
        ao_diag_add(general, AO_ERROR, SIZE_MAX,
                    "hashedNames: not a valid regular expression: %s",
                    o->hashed_patterns[nres]);
        st = AO_CONFIG;
        break;
      }
  }
  s->a = st ? NULL : ao_malloc((w->n ? w->n : 1) * sizeof(ao_asset));
  if(!st && !s->a)
    st = AO_NOMEM;
  for(size_t i = 0; !st && i < w->n; i++) {
    ao_asset *a = &s->a[i];
    memset(a, 0, sizeof(*a));
    a->rel = ao_malloc(strlen(w->items[i].rel) + 1);
    if(!a->rel) {
      st = AO_NOMEM;
      break;
    }
    strcpy(a->rel, w->items[i].rel);
    a->size_in = w->items[i].size;
    ao_diags_init(&a->diags, a->rel, NULL, 0);
    a->bad_name = !ao_utf8_valid((const unsigned char *)a->rel, strlen(a->rel));
    if(a->bad_name)
      ao_diag_add(&a->diags, AO_WARNING, SIZE_MAX,
                  "the name is not UTF-8: copied unchanged, left out of the "
                  "manifest");
    a->fixed = ao_name_fixed(a->rel) ||
               any_glob(o->keep_names, o->n_keep_names, a->rel);
    a->bundler = name_matches(res, nres, a->rel);
    s->n++;
  }
  for(size_t i = 0; i < nres; i++)
    regfree(&res[i]);
  ao_free(res);
  return st;
}

static ao_status write_all(ao_site *s, const ao_outdir *od, const char *in_real,
                           ao_diags *general)
{
  ao_status st = AO_OK;
  for(size_t i = 0; i < s->n && !st; i++) {
    ao_asset *a = &s->a[i];
    if(a->fin.data) {
      st = ao__outdir_write(od, a->out, a->fin.data, a->fin.len);
    }
    else {
      char *src = ao_path_join(in_real, a->rel);
      st = src ? ao__outdir_copy(od, a->out, src) : AO_NOMEM;
      ao_free(src);
    }
    if(!st && a->gz.len) {
      ao_buf p = AO_BUF_INIT(0);
      ao_buf_printf(&p, "%s.gz", a->out);
      st = p.err ? p.err : ao__outdir_write(od, (char *)p.data, a->gz.data, a->gz.len);
      ao_buf_free(&p);
      s->st->siblings++;
    }
    if(!st && a->br.len) {
      ao_buf p = AO_BUF_INIT(0);
      ao_buf_printf(&p, "%s.br", a->out);
      st = p.err ? p.err : ao__outdir_write(od, (char *)p.data, a->br.data, a->br.len);
      ao_buf_free(&p);
      s->st->siblings++;
    }
    if(!st && a->webp_out) {
      st = ao__outdir_write(od, a->webp_out, a->webp.data, a->webp.len);
      s->st->siblings++;
    }
    if(st)
      ao_diag_add(general, AO_ERROR, SIZE_MAX, "%s: cannot write to %s",
                  a->rel, od->tmp);
  }
  if(!st) {
    ao_buf m = AO_BUF_INIT(0);
    st = ao__manifest_write(s, &m);
    if(!st)
      st = ao__outdir_write(od, "asset-manifest.json", m.data, m.len);
    ao_buf_free(&m);
  }
  return st;
}

static ao_status run(ao_site *s, stage *sg, const char *in_real,
                     ao_outdir *od, ao_diags *general)
{
  const ao_build_opts *o = s->o;
  ao_pool *pool = ao_pool_new(o->threads);
  if(!pool)
    return AO_NOMEM;
  sg->name = "read";
  ao_pool_for(pool, s->n, load_one, sg);
  ao_status st = AO_OK;
  for(size_t i = 0; i < s->n; i++)
    if(s->a[i].diags.errors)
      st = AO_IO; /* an unreadable file: OUT would not be complete */
  if(!st)
    st = ao__site_resolve(s);
  if(!st)
    st = ao__site_name(s);
  if(!st) {
    atomic_store(&sg->done, 0);
    sg->name = "compress";
    ao_pool_for(pool, s->n, compress_one, sg);
  }
  ao_pool_free(pool);
  if(!st)
    st = write_all(s, od, in_real, general);
  return st;
}

ao_status ao_build(const ao_build_opts *o, ao_build_stats *st,
                   ao_build_report *rep)
{
  ao_build_stats dummy;
  if(!st)
    st = &dummy;
  memset(st, 0, sizeof(*st));
  if(rep)
    memset(rep, 0, sizeof(*rep));
  ao_diags general;
  ao_diags_init(&general, NULL, NULL, 0);
  ao_site site = { .o = o, .st = st };
  ao_walk_result w = { 0 };
  ao_outdir od = { 0 };
  stage sg = { .site = &site };
  pthread_mutex_init(&sg.mu, NULL);
  ao_status s = AO_OK;
  char *in_real = realpath(o->in_dir, NULL);
  char *cache_real = NULL;
  if(!in_real || !ao_fs_is_dir(in_real)) {
    ao_diag_add(&general, AO_ERROR, SIZE_MAX, "%s: %s", o->in_dir,
                in_real ? "not a folder" : "no such folder");
    s = AO_IO;
    goto out;
  }
  if(o->cache_dir) {
    s = ao_cache_open(&sg.cache, o->cache_dir);
    if(s) {
      ao_diag_add(&general, AO_WARNING, SIZE_MAX,
                  "%s: cannot use the cache folder; building without it",
                  o->cache_dir);
      s = AO_OK;
    }
    cache_real = realpath(o->cache_dir, NULL);
  }
  ao_walk_opts wo = { .skip_dotfiles = 1, .exclude_abs = cache_real };
  s = ao_walk(in_real, &wo, &w, &general);
  if(s)
    goto out;
  if(w.n == 0) {
    ao_diag_add(&general, AO_ERROR, SIZE_MAX, "%s: no files to build",
                o->in_dir);
    s = AO_IO;
    goto out;
  }
  s = ao__outdir_begin(&od, o->out_dir, in_real, o->force, &general);
  if(s)
    goto out;
  s = init_assets(&site, &w, &general);
  if(!s) {
    sg.in_real = in_real;
    s = run(&site, &sg, in_real, &od, &general);
  }
  if(!s)
    s = ao__outdir_commit(&od);
  else
    ao__outdir_abort(&od);
  for(size_t i = 0; i < site.n; i++) {
    ao_asset *a = &site.a[i];
    st->files++;
    st->renamed += a->renamed;
    st->bytes_in += a->size_in;
    st->bytes_out += a->fin.data ? a->fin.len : a->size_in;
  }
  st->transforms_run = sg.xf_run;
  st->transforms_cached = sg.xf_cached;
  st->compressions_run = sg.cz_run;
  st->compressions_cached = sg.cz_cached;
out:
  collect_report(&site, &general, rep, st);
  free_site(&site);
  ao_walk_free(&w);
  ao_cache_close(&sg.cache);
  pthread_mutex_destroy(&sg.mu);
  free(in_real);
  free(cache_real);
  return s;
}
