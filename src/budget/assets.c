/* The assets of a built folder: from asset-manifest.json when there is one,
 * else computed from the files (kinds, compressed sizes, references). */
#define _GNU_SOURCE
#include "budget_int.h"

#include <assetopt/compress.h>
#include <assetopt/fs.h>
#include <assetopt/pool.h>

#include <cJSON.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { HAVE_ORIG = 1, HAVE_RAW = 2, HAVE_GZIP = 4, HAVE_BROTLI = 8 };

char *ao__budget_strndup(const char *s, size_t n)
{
  char *p = ao_malloc(n + 1);
  if(p) {
    memcpy(p, s, n);
    p[n] = 0;
  }
  return p;
}

char *ao__budget_strdup(const char *s)
{
  return ao__budget_strndup(s, strlen(s));
}

void ao_assets_opts_init(ao_assets_opts *o)
{
  *o = (ao_assets_opts){ .threads = 0, .gzip_level = 9, .brotli_quality = 11 };
}

static void asset_free(ao_asset *x)
{
  for(size_t j = 0; j < x->nrefs; j++)
    ao_free(x->refs[j].path);
  ao_free(x->refs);
  if(x->source != x->path)
    ao_free(x->source);
  ao_free(x->path);
}

void ao_assets_free(ao_assets *a)
{
  for(size_t i = 0; i < a->n; i++)
    asset_free(&a->items[i]);
  ao_free(a->items);
  *a = (ao_assets){ 0 };
}

uint64_t ao_asset_size(const ao_asset *x, ao_measure m)
{
  switch(m) {
  case AO_MEASURE_RAW: return x->raw;
  case AO_MEASURE_BROTLI: return x->brotli;
  default: return x->gzip;
  }
}

static ao_asset *push(ao_assets *a)
{
  if(a->n == a->cap) {
    size_t cap = a->cap ? a->cap * 2 : 32;
    ao_asset *p = ao_realloc(a->items, cap * sizeof(*p));
    if(!p)
      return NULL;
    a->items = p;
    a->cap = cap;
  }
  ao_asset *x = &a->items[a->n++];
  memset(x, 0, sizeof(*x));
  return x;
}

static ao_status push_ref(ao_asset *x, size_t *cap, char *path,
                          ao_ref_kind kind, unsigned flags)
{
  if(x->nrefs == *cap) {
    size_t c = *cap ? *cap * 2 : 8;
    ao_asset_ref *p = ao_realloc(x->refs, c * sizeof(*p));
    if(!p) {
      ao_free(path);
      return AO_NOMEM;
    }
    x->refs = p;
    *cap = c;
  }
  x->refs[x->nrefs++] = (ao_asset_ref){ .target = SIZE_MAX, .path = path,
                                        .kind = kind, .flags = flags };
  return AO_OK;
}

static int by_path(const void *a, const void *b)
{
  return strcmp(((const ao_asset *)a)->path, ((const ao_asset *)b)->path);
}

size_t ao_assets_find(const ao_assets *a, const char *path)
{
  size_t lo = 0, hi = a->n;
  while(lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = strcmp(a->items[mid].path, path);
    if(!c)
      return mid;
    if(c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  for(size_t i = 0; i < a->n; i++)
    if(!strcmp(a->items[i].source, path))
      return i;
  return SIZE_MAX;
}

/* Sorts by path and points every reference at its target. Manifest
 * references name source paths; walked ones name output paths. */
static ao_status link_refs(ao_assets *a, int by_source)
{
  if(a->n)
    qsort(a->items, a->n, sizeof(*a->items), by_path);
  /* source path -> index, sorted, for manifest references */
  size_t *idx = NULL;
  if(by_source && a->n) {
    idx = ao_malloc(a->n * sizeof(*idx));
    if(!idx)
      return AO_NOMEM;
    for(size_t i = 0; i < a->n; i++)
      idx[i] = i;
    /* insertion-free: sort indices by source with a simple merge sort */
    for(size_t w = 1; w < a->n; w *= 2) {
      size_t *tmp = ao_malloc(a->n * sizeof(*tmp));
      if(!tmp) {
        ao_free(idx);
        return AO_NOMEM;
      }
      for(size_t lo = 0; lo < a->n; lo += 2 * w) {
        size_t mid = lo + w < a->n ? lo + w : a->n;
        size_t hi = lo + 2 * w < a->n ? lo + 2 * w : a->n;
        size_t i = lo, j = mid, k = lo;
        while(i < mid || j < hi) {
          if(j >= hi || (i < mid && strcmp(a->items[idx[i]].source,
                                           a->items[idx[j]].source) <= 0))
            tmp[k++] = idx[i++];
          else
            tmp[k++] = idx[j++];
        }
      }
      ao_free(idx);
      idx = tmp;
    }
  }
  for(size_t i = 0; i < a->n; i++) {
    ao_asset *x = &a->items[i];
    for(size_t j = 0; j < x->nrefs; j++) {
      ao_asset_ref *r = &x->refs[j];
      size_t t = SIZE_MAX;
      if(idx) {
        size_t lo = 0, hi = a->n;
        while(lo < hi) {
          size_t mid = lo + (hi - lo) / 2;
          int c = strcmp(a->items[idx[mid]].source, r->path);
          if(!c) {
            t = idx[mid];
            break;
          }
          if(c < 0)
            lo = mid + 1;
          else
            hi = mid;
        }
      }
      else {
        t = ao_assets_find(a, r->path);
        if(t == SIZE_MAX) {
          /* a folder URL: its index.html */
          char *ix = ao_malloc(strlen(r->path) + 12);
          if(!ix) {
            ao_free(idx);
            return AO_NOMEM;
          }
          sprintf(ix, "%s%sindex.html", r->path, *r->path ? "/" : "");
          t = ao_assets_find(a, ix);
          ao_free(ix);
        }
      }
      r->target = t;
      if(t != SIZE_MAX && idx) {
        char *p = ao__budget_strdup(a->items[t].path);
        if(!p) {
          ao_free(idx);
          return AO_NOMEM;
        }
        ao_free(r->path);
        r->path = p;
      }
    }
  }
  ao_free(idx);
  return AO_OK;
}

/* ---- from JSON (asset-manifest.json or a report) ------------------------ */

static uint64_t num(const cJSON *o, const char *key, unsigned bit,
                    unsigned *have)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
  if(!cJSON_IsNumber(v) || v->valuedouble < 0)
    return 0;
  *have |= bit;
  return (uint64_t)v->valuedouble;
}

static unsigned ref_flags(const cJSON *flags)
{
  static const struct { const char *name; unsigned bit; } names[] = {
    { "module", AO_REF_F_MODULE }, { "async", AO_REF_F_ASYNC },
    { "defer", AO_REF_F_DEFER }, { "lazy", AO_REF_F_LAZY },
    { "font", AO_REF_F_FONT }, { "image", AO_REF_F_IMAGE },
  };
  unsigned f = 0;
  const cJSON *e;
  cJSON_ArrayForEach(e, flags) {
    if(!cJSON_IsString(e))
      continue;
    for(size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
      if(!strcmp(e->valuestring, names[i].name))
        f |= names[i].bit;
  }
  return f;
}

static ao_ref_kind ref_kind(const char *s)
{
  for(int k = AO_REF_RESOURCE; k <= AO_REF_OTHER; k++)
    if(!strcmp(s, ao_ref_kind_name((ao_ref_kind)k)))
      return (ao_ref_kind)k;
  return AO_REF_OTHER;
}

static ao_status from_json(const unsigned char *text, size_t len,
                           ao_assets *a, unsigned **have, ao_diags *d)
{
  const char *end = NULL;
  cJSON *root = cJSON_ParseWithLengthOpts((const char *)text, len, &end, 0);
  if(!root) {
    size_t off = end && end >= (const char *)text
                   ? (size_t)(end - (const char *)text) : 0;
    ao_diag_add(d, AO_ERROR, off, "malformed JSON");
    return AO_SYNTAX;
  }
  const cJSON *files = cJSON_GetObjectItemCaseSensitive(root, "files");
  if(!cJSON_IsObject(files)) {
    ao_diag_add(d, AO_ERROR, SIZE_MAX,
                "not an asset manifest: no \"files\" object");
    cJSON_Delete(root);
    return AO_SYNTAX;
  }
  ao_status s = AO_OK;
  size_t n = (size_t)cJSON_GetArraySize(files);
  unsigned *hv = ao_malloc((n ? n : 1) * sizeof(*hv));
  if(!hv) {
    cJSON_Delete(root);
    return AO_NOMEM;
  }
  size_t k = 0;
  const cJSON *f;
  cJSON_ArrayForEach(f, files) {
    if(!f->string || !cJSON_IsObject(f))
      continue;
    ao_asset *x = push(a);
    if(!x) {
      s = AO_NOMEM;
      break;
    }
    const cJSON *out = cJSON_GetObjectItemCaseSensitive(f, "output");
    x->source = ao__budget_strdup(f->string);
    x->path = ao__budget_strdup(cJSON_IsString(out) ? out->valuestring
                                                    : f->string);
    if(!x->source || !x->path) {
      if(!x->source)
        x->source = x->path, x->path = NULL;
      s = AO_NOMEM;
      break;
    }
    const cJSON *kind = cJSON_GetObjectItemCaseSensitive(f, "kind");
    x->kind = cJSON_IsString(kind) ? ao_kind_from_name(kind->valuestring)
                                   : ao_kind_from_path(x->path);
    if(x->kind == AO_KIND_OTHER && !cJSON_IsString(kind))
      x->kind = ao_kind_from_path(x->path);
    x->hashed = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(f, "hashed"));
    unsigned h = 0;
    const cJSON *size = cJSON_GetObjectItemCaseSensitive(f, "size");
    if(cJSON_IsObject(size)) {
      x->original = num(size, "original", HAVE_ORIG, &h);
      x->raw = num(size, "raw", HAVE_RAW, &h);
      x->gzip = num(size, "gzip", HAVE_GZIP, &h);
      x->brotli = num(size, "brotli", HAVE_BROTLI, &h);
    }
    hv[k++] = h;
    size_t cap = 0;
    const cJSON *r;
    cJSON_ArrayForEach(r, cJSON_GetObjectItemCaseSensitive(f, "references")) {
      const cJSON *p = cJSON_GetObjectItemCaseSensitive(r, "path");
      const cJSON *rk = cJSON_GetObjectItemCaseSensitive(r, "kind");
      if(!cJSON_IsString(p))
        continue;
      char *path = ao__budget_strdup(p->valuestring);
      if(!path || push_ref(x, &cap, path,
                           cJSON_IsString(rk) ? ref_kind(rk->valuestring)
                                              : AO_REF_OTHER,
                           ref_flags(cJSON_GetObjectItemCaseSensitive(r, "flags")))) {
        ao_free(path);
        s = AO_NOMEM;
        break;
      }
    }
    if(s)
      break;
  }
  cJSON_Delete(root);
  if(!s) {
    /* have[] follows the parse order, used before the items are sorted */
    *have = hv;
    return AO_OK;
  }
  ao_free(hv);
  return s;
}

ao_status ao_assets_from_json(const unsigned char *text, size_t len,
                              ao_assets *a, ao_diags *d)
{
  unsigned *have = NULL;
  ao_status s = from_json(text, len, a, &have, d);
  if(!s) {
    for(size_t i = 0; i < a->n; i++)
      if(!(have[i] & HAVE_ORIG))
        a->items[i].original = a->items[i].raw;
    a->from_manifest = 1;
    s = link_refs(a, 1);
  }
  ao_free(have);
  return s;
}


/* Sorts a's items by path, carrying have[] along. */
static ao_status sort_with(ao_assets *a, unsigned **have)
{
  size_t n = a->n;
  if(n < 2)
    return AO_OK;
  size_t *idx = ao_malloc(n * sizeof(*idx));
  ao_asset *items = ao_malloc(n * sizeof(*items));
  unsigned *hv = ao_malloc(n * sizeof(*hv));
  size_t *tmp = ao_malloc(n * sizeof(*tmp));
  if(!idx || !items || !hv || !tmp) {
    ao_free(idx);
    ao_free(items);
    ao_free(hv);
    ao_free(tmp);
    return AO_NOMEM;
  }
  for(size_t i = 0; i < n; i++)
    idx[i] = i;
  for(size_t w = 1; w < n; w *= 2) {
    for(size_t lo = 0; lo < n; lo += 2 * w) {
      size_t mid = lo + w < n ? lo + w : n;
      size_t hi = lo + 2 * w < n ? lo + 2 * w : n;
      size_t i = lo, j = mid, k = lo;
      while(i < mid || j < hi)
        tmp[k++] = j >= hi || (i < mid && strcmp(a->items[idx[i]].path,
                                                 a->items[idx[j]].path) <= 0)
                     ? idx[i++] : idx[j++];
    }
    memcpy(idx, tmp, n * sizeof(*idx));
  }
  for(size_t i = 0; i < n; i++) {
    items[i] = a->items[idx[i]];
    hv[i] = (*have)[idx[i]];
  }
  memcpy(a->items, items, n * sizeof(*items));
  ao_free(*have);
  *have = hv;
  ao_free(idx);
  ao_free(items);
  ao_free(tmp);
  return AO_OK;
}

/* ---- computing what is missing -------------------------------------------- */

struct job {
  const char *dir;
  const ao_assets_opts *o;
  ao_assets *a;
  unsigned *have;        /* per asset: sizes already known (HAVE_*) */
  uint64_t *gz_size, *br_size; /* sibling sizes, or UINT64_MAX */
  int do_refs;           /* phase 1 of a walk: kinds and references */
  int do_sizes;          /* compute the sizes still missing */
  const unsigned char *want; /* per asset: sizes needed (NULL: all) */
  ao_diags *diags;       /* one per asset */
  ao_buf *bytes;         /* one per worker */
  ao_status *status;     /* per asset */
};

/* Kinds whose bytes may name other files (or that need sniffing). */
static int may_refer(ao_kind k)
{
  switch(k) {
  case AO_KIND_HTML: case AO_KIND_CSS: case AO_KIND_JS: case AO_KIND_SVG:
  case AO_KIND_WEBMANIFEST: case AO_KIND_SOURCEMAP: case AO_KIND_JSON:
  case AO_KIND_OTHER:
    return 1;
  default:
    return 0;
  }
}

static void extract_refs(struct job *j, size_t i, const ao_buf *b)
{
  ao_asset *x = &j->a->items[i];
  ao_refs r = { 0 };
  ao_diags rd;
  ao_diags_init(&rd, x->path, b->data, b->len);
  if(ao_refs_extract(x->kind, b->data, b->len, &r, &rd))
    j->status[i] = AO_NOMEM;
  /* keep only the URLs: offsets die with the bytes */
  size_t cap = 0;
  for(size_t k = 0; k < r.n && !j->status[i]; k++) {
    const ao_ref *ref = &r.items[k];
    size_t plen;
    const char *url = (const char *)b->data + ref->off;
    if(!ao_url_local_path(url, ref->len, &plen))
      continue;
    char *p = ao_path_resolve(x->path, url, plen);
    if(p && push_ref(x, &cap, p, ref->kind, ref->flags))
      j->status[i] = AO_NOMEM;
  }
  ao_refs_free(&r);
  ao_diags_move(&j->diags[i], &rd);
  ao_diags_free(&rd);
}

static void measure_one(void *ctx, size_t i, unsigned worker)
{
  struct job *j = ctx;
  ao_asset *x = &j->a->items[i];
  unsigned h = j->have[i];
  unsigned asked = j->o->measures ? j->o->measures : ~0u;
  if(!(asked & (1u << AO_MEASURE_GZIP)))
    h |= HAVE_GZIP; /* not asked for: stays 0 */
  if(!(asked & (1u << AO_MEASURE_BROTLI)))
    h |= HAVE_BROTLI;
  if(!j->do_sizes || (j->want && !j->want[i]))
    h |= HAVE_GZIP | HAVE_BROTLI;
  if(!(h & HAVE_GZIP) && j->gz_size[i] != UINT64_MAX) {
    x->gzip = j->gz_size[i];
    h |= HAVE_GZIP;
  }
  if(!(h & HAVE_BROTLI) && j->br_size[i] != UINT64_MAX) {
    x->brotli = j->br_size[i];
    h |= HAVE_BROTLI;
  }
  const unsigned all = HAVE_RAW | HAVE_GZIP | HAVE_BROTLI;
  int read = j->do_refs ? may_refer(x->kind) : (h & all) != all;
  if(read && !j->do_refs && (h & HAVE_RAW) && !ao_kind_compressible(x->kind))
    read = 0; /* binary assets are served as they are */
  if(!read) {
    if(!(h & HAVE_GZIP))
      x->gzip = x->raw;
    if(!(h & HAVE_BROTLI))
      x->brotli = x->raw;
    return;
  }
  char *full = ao_path_join(j->dir, x->path);
  ao_buf *b = &j->bytes[worker];
  if(!full) {
    j->status[i] = AO_NOMEM;
    return;
  }
  ao_status s = ao_fs_read(full, 0, b, &j->diags[i]);
  ao_free(full);
  if(s) {
    j->status[i] = s == AO_NOMEM ? AO_NOMEM : AO_OK; /* a warning, not fatal */
    if(j->diags[i].n)
      j->diags[i].items[j->diags[i].n - 1].sev = AO_WARNING;
    return;
  }
  if(j->do_refs) {
    x->kind = ao_kind_classify(x->path, b->data, b->len);
    x->raw = x->original = b->len;
    extract_refs(j, i, b);
    return;
  }
  if(!(h & HAVE_RAW))
    x->raw = b->len;
  if(!(h & HAVE_ORIG))
    x->original = x->raw;
  int text = ao_kind_compressible(x->kind);
  int glevel = j->o->gzip_level ? j->o->gzip_level : 9;
  int bq = j->o->brotli_quality < 0 ? 0
           : j->o->brotli_quality ? j->o->brotli_quality : 11;
  if(!(h & HAVE_GZIP)) {
    size_t g = text ? ao_gzip_size(b->data, b->len, glevel) : b->len;
    x->gzip = g == SIZE_MAX ? b->len : g;
  }
  if(!(h & HAVE_BROTLI)) {
    size_t q = text ? ao_brotli_size(b->data, b->len, bq) : b->len;
    x->brotli = q == SIZE_MAX ? b->len : q;
  }
}

static int ends_with(const char *s, const char *suf)
{
  size_t n = strlen(s), m = strlen(suf);
  return n >= m && !memcmp(s + n - m, suf, m);
}

/* Size of the file rel + suffix in the sorted walk w, or UINT64_MAX. */
static uint64_t sibling(const ao_walk_result *w, const char *rel,
                        const char *suffix, ao_status *s)
{
  if(!w)
    return UINT64_MAX;
  size_t len = strlen(rel), sl = strlen(suffix);
  char *sib = ao_malloc(len + sl + 1);
  if(!sib) {
    *s = AO_NOMEM;
    return UINT64_MAX;
  }
  memcpy(sib, rel, len);
  memcpy(sib + len, suffix, sl + 1);
  uint64_t size = UINT64_MAX;
  size_t lo = 0, hi = w->n;
  while(lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    int c = strcmp(w->items[mid].rel, sib);
    if(!c) {
      size = w->items[mid].size;
      break;
    }
    if(c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  ao_free(sib);
  return size;
}

/* One parallel pass over a's items (see struct job). */
static ao_status fill(struct job *j, const ao_walk_result *w, ao_diags *d)
{
  ao_status s = AO_OK;
  size_t n = j->a->n;
  if(!n)
    return AO_OK;
  j->gz_size = ao_malloc(n * sizeof(uint64_t));
  j->br_size = ao_malloc(n * sizeof(uint64_t));
  j->diags = ao_malloc(n * sizeof(ao_diags));
  j->status = ao_malloc(n * sizeof(ao_status));
  ao_pool *pool = ao_pool_new(j->o->threads);
  unsigned nt = pool ? ao_pool_threads(pool) : 1;
  j->bytes = ao_malloc(nt * sizeof(ao_buf));
  size_t ready = 0;
  if(!j->gz_size || !j->br_size || !j->diags || !j->status || !j->bytes ||
     !pool) {
    s = AO_NOMEM;
    goto done;
  }
  for(unsigned t = 0; t < nt; t++)
    ao_buf_init(&j->bytes[t], 0);
  for(size_t i = 0; i < n && !s; i++, ready++) {
    const ao_asset *x = &j->a->items[i];
    j->status[i] = AO_OK;
    ao_diags_init(&j->diags[i], x->path, NULL, 0);
    /* siblings written by a build: their sizes are the served sizes */
    j->gz_size[i] = sibling(w, x->path, ".gz", &s);
    j->br_size[i] = sibling(w, x->path, ".br", &s);
  }
  if(!s) {
    ao_pool_for(pool, n, measure_one, j);
    for(size_t i = 0; i < n; i++) {
      if(j->status[i] && !s)
        s = j->status[i];
      ao_diags_move(d, &j->diags[i]);
    }
  }
  for(unsigned t = 0; t < nt; t++)
    ao_buf_free(&j->bytes[t]);
done:
  for(size_t i = 0; i < ready; i++)
    ao_diags_free(&j->diags[i]);
  ao_pool_free(pool);
  ao_free(j->gz_size);
  ao_free(j->br_size);
  ao_free(j->diags);
  ao_free(j->status);
  ao_free(j->bytes);
  return s;
}

/* The sizes pass, for the assets the caller's select() asks for. */
static ao_status fill_sizes(const char *dir, const ao_assets_opts *o,
                            ao_assets *a, unsigned *have,
                            const ao_walk_result *w, ao_diags *d)
{
  unsigned char *want = NULL;
  if(o->select && a->n) {
    if(!(want = ao_malloc(a->n)))
      return AO_NOMEM;
    memset(want, 0, a->n);
    o->select(o->select_ctx, a, want);
  }
  struct job j = { .dir = dir, .o = o, .a = a, .have = have, .do_sizes = 1,
                   .want = want };
  ao_status s = fill(&j, w, d);
  ao_free(want);
  return s;
}

static ao_status load_walk(const char *dir, const ao_assets_opts *o,
                           ao_assets *a, ao_diags *d)
{
  ao_walk_result w = { 0 };
  ao_walk_opts wo = { .skip_dotfiles = 1, .exclude_abs = NULL };
  ao_status s = ao_walk(dir, &wo, &w, d);
  if(s) {
    ao_walk_free(&w);
    return s;
  }
  for(size_t i = 0; i < w.n && !s; i++) {
    const char *rel = w.items[i].rel;
    if(!strcmp(rel, "asset-manifest.json"))
      continue;
    if(ends_with(rel, ".gz") || ends_with(rel, ".br")) {
      /* a sibling of an asset that is here */
      size_t base = strlen(rel) - 3;
      char *stem = ao__budget_strndup(rel, base);
      if(!stem) {
        s = AO_NOMEM;
        break;
      }
      ao_status ss = AO_OK;
      int found = sibling(&w, stem, "", &ss) != UINT64_MAX;
      ao_free(stem);
      if(ss) {
        s = ss;
        break;
      }
      if(found)
        continue;
    }
    ao_asset *x = push(a);
    if(!x || !(x->path = ao__budget_strdup(rel))) {
      s = AO_NOMEM;
      break;
    }
    x->source = x->path;
    x->raw = x->original = w.items[i].size;
    x->kind = ao_kind_from_path(rel);
  }
  unsigned *have = NULL;
  if(!s && a->n && !(have = ao_malloc(a->n * sizeof(*have))))
    s = AO_NOMEM;
  for(size_t i = 0; !s && i < a->n; i++)
    have[i] = HAVE_RAW | HAVE_ORIG;
  if(!s) {
    /* kinds and references first, so select() can follow the graph */
    struct job j = { .dir = dir, .o = o, .a = a, .have = have, .do_refs = 1 };
    s = fill(&j, &w, d);
  }
  /* walk order is path order: have[] stays aligned through the sort */
  if(!s)
    s = link_refs(a, 0);
  if(!s)
    s = fill_sizes(dir, o, a, have, &w, d);
  ao_free(have);
  ao_walk_free(&w);
  return s;
}

ao_status ao_assets_load(const char *dir, const ao_assets_opts *o,
                         ao_assets *a, ao_diags *d)
{
  ao_assets_opts def;
  if(!o) {
    ao_assets_opts_init(&def);
    o = &def;
  }
  if(!ao_fs_is_dir(dir)) {
    ao_diag_add(d, AO_ERROR, SIZE_MAX, "%s is not a folder", dir);
    return AO_IO;
  }
  char *mpath = ao_path_join(dir, "asset-manifest.json");
  if(!mpath)
    return AO_NOMEM;
  if(!ao_fs_exists(mpath)) {
    ao_free(mpath);
    return load_walk(dir, o, a, d);
  }
  ao_buf text = AO_BUF_INIT(0);
  ao_diags md;
  ao_diags_init(&md, mpath, NULL, 0);
  ao_status s = ao_fs_read(mpath, 0, &text, &md);
  unsigned *have = NULL;
  if(!s) {
    md.src = text.data;
    md.src_len = text.len;
    s = from_json(text.data, text.len, a, &have, &md);
  }
  /* line:col while the text is alive */
  ao_diags_move(d, &md);
  ao_diags_free(&md);
  ao_buf_free(&text);
  ao_free(mpath);
  if(s) {
    ao_free(have);
    return s;
  }
  a->from_manifest = 1;
  if(o->select) {
    /* the graph first: sizes follow the sorted order */
    s = sort_with(a, &have);
    if(!s)
      s = link_refs(a, 1);
    if(!s)
      s = fill_sizes(dir, o, a, have, NULL, d);
  }
  else {
    s = fill_sizes(dir, o, a, have, NULL, d);
    if(!s)
      s = link_refs(a, 1);
  }
  ao_free(have);
  return s;
}
