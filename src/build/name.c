/* Names and final bytes, in dependency order. A file's hash covers its bytes
 * after its own references were rewritten, so a changed image changes the
 * CSS that uses it and the HTML above that. Reference cycles are named as one
 * unit: every member's hash covers the whole cycle. */
#include "build_int.h"

#include <assetopt/hash.h>
#include <assetopt/site.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int sri_ref(const ao_ref *r)
{
  return r->kind == AO_REF_SCRIPT || r->kind == AO_REF_STYLESHEET ||
         (r->kind == AO_REF_PRELOAD && (r->flags & AO_REF_F_MODULE));
}

/* Whether the reference r of asset a is an edge of the naming graph: its
 * target's name may change, or (SRI) its target's final bytes are needed. */
static int is_edge(const ao_site *s, const ao_asset *a, const ao_ref *r,
                   size_t t)
{
  if(t == AO_NONE)
    return 0;
  if(!s->a[t].fixed)
    return 1;
  return s->o->sri && a->kind == AO_KIND_HTML && sri_ref(r);
}

static int renameable(const ao_site *s, const ao_asset *a)
{
  return s->o->hash_names && !a->fixed && !a->pinned && a->referenced &&
         !a->big && !a->bad_name && !a->bundler;
}

/* A bundler-hashed file keeps its name unless its bytes now depend on a name
 * that assetopt changed: then it needs a new one, or caches would serve the
 * old bytes under the old name. */
static int bundler_must_rename(const ao_site *s, const ao_asset *a)
{
  return s->o->hash_names && a->bundler && !a->fixed && !a->pinned &&
         a->referenced && !a->big && !a->bad_name;
}

ao_status ao__edit_add(edits *ed, size_t off, size_t len, const char *text,
                       size_t text_len)
{
  if(ed->n == ed->cap) {
    size_t cap = ed->cap ? ed->cap * 2 : 16;
    ao_edit *e = ao_realloc(ed->e, cap * sizeof(*e));
    if(!e)
      return AO_NOMEM;
    ed->e = e;
    ed->cap = cap;
  }
  ed->e[ed->n++] = (ao_edit){ off, len, text, text_len };
  return AO_OK;
}

static int edit_cmp(const void *x, const void *y)
{
  const ao_edit *a = x, *b = y;
  if(a->off != b->off)
    return a->off < b->off ? -1 : 1;
  return (a->len > b->len) - (a->len < b->len);
}

/* The reference rewritten to the target's new base name. */
static ao_status edit_ref(edits *ed, const ao_asset *a, const ao_ref *r,
                          const ao_asset *t)
{
  const char *url = (const char *)a->xf.data + r->off;
  size_t plen;
  if(!ao_url_local_path(url, r->len, &plen))
    return AO_OK;
  const char *ob = strrchr(t->rel, '/');
  const char *nb = strrchr(t->out, '/');
  ob = ob ? ob + 1 : t->rel;
  nb = nb ? nb + 1 : t->out;
  size_t on = strlen(ob), nn = strlen(nb);
  if(plen < on)
    return AO_OK; /* a folder reference: the index keeps its name */
  size_t keep = plen - on;
  size_t tl = keep + nn + (r->len - plen);
  char *text = ao_arena_alloc(&ed->arena, tl);
  if(!text)
    return AO_NOMEM;
  memcpy(text, url, keep);
  memcpy(text + keep, nb, nn);
  memcpy(text + keep + nn, url + plen, r->len - plen);
  return ao__edit_add(ed, r->off, r->len, text, tl);
}

/* integrity="…" inserted where the tag closes, once per tag. */
static ao_status edit_sri(edits *ed, const ao_ref *r, const ao_asset *t,
                          size_t *last_tag)
{
  if(!r->tag_end || r->tag_end == *last_tag || (r->flags & AO_REF_F_INTEGRITY))
    return AO_OK;
  *last_tag = r->tag_end;
  char sri[72];
  ao_sri(t->fin.data, t->fin.len, sri);
  char *text = ao_arena_alloc(&ed->arena, 96);
  if(!text)
    return AO_NOMEM;
  int n = snprintf(text, 96, " integrity=\"%s\"", sri);
  return ao__edit_add(ed, r->tag_end, 0, text, (size_t)n);
}

/* Edits for asset i: references to renamed targets (all, or only those
 * outside its component when only_outside); in the final pass also SRI
 * attributes and <picture> wrappers. */
static ao_status collect_edits(const ao_site *s, size_t i, const size_t *comp,
                               int only_outside, int final_pass, edits *ed)
{
  const ao_asset *a = &s->a[i];
  size_t last_tag = 0;
  ed->n = 0;
  for(size_t r = 0; r < a->refs.n; r++) {
    size_t t = a->targets ? a->targets[r] : AO_NONE;
    if(t == AO_NONE)
      continue;
    const ao_ref *ref = &a->refs.items[r];
    if(only_outside && comp[t] == comp[i])
      continue;
    ao_status st = AO_OK;
    if(s->a[t].renamed)
      st = edit_ref(ed, a, ref, &s->a[t]);
    if(!st && final_pass && s->o->sri && a->kind == AO_KIND_HTML && sri_ref(ref) &&
       s->a[t].fin.data)
      st = edit_sri(ed, ref, &s->a[t], &last_tag);
    if(st)
      return st;
  }
  if(final_pass && s->o->picture && a->kind == AO_KIND_HTML) {
    ao_status st = ao__picture_edits(s, i, ed);
    if(st)
      return st;
  }
  /* stable (insertions at one offset stay in the order they were made) and
   * nearly linear: edits arrive almost sorted */
  for(size_t k = 1; k < ed->n; k++) {
    ao_edit e = ed->e[k];
    size_t j = k;
    while(j > 0 && edit_cmp(&ed->e[j - 1], &e) > 0) {
      ed->e[j] = ed->e[j - 1];
      j--;
    }
    ed->e[j] = e;
  }
  return AO_OK;
}

static ao_status set_name(ao_site *s, ao_asset *a, const unsigned char md[32])
{
  char b32[64];
  ao_base32(md, 32, b32);
  size_t hl = s->o->hash_len ? s->o->hash_len : 10;
  if(hl < 8)
    hl = 8;
  if(hl > 52)
    hl = 52;
  b32[hl] = '\0';
  char *out = ao_name_with_hash(a->rel, b32);
  if(!out)
    return AO_NOMEM;
  if(ao__site_find(s, out) != AO_NONE) {
    ao_diag_add(&a->diags, AO_WARNING, SIZE_MAX,
                "keeps its name: %s already exists in the folder", out);
    ao_free(out);
    return AO_OK;
  }
  ao_free(a->out);
  a->out = out;
  a->renamed = 1;
  return AO_OK;
}

static ao_status finish(const ao_site *s, size_t i, const size_t *comp,
                        edits *ed)
{
  ao_asset *a = &s->a[i];
  if(!a->xf.data) /* big files are copied as they are */
    return AO_OK;
  ao_status st = collect_edits(s, i, comp, 0, 1, ed);
  if(st)
    return st;
  ao_buf_reset(&a->fin);
  st = ao_apply_edits(a->xf.data, a->xf.len, ed->e, ed->n, &a->fin);
  if(st)
    return st;
  if(!a->fin.data && ao_buf_reserve(&a->fin, 0))
    return a->fin.err;
  ao_sha256_once(a->fin.data, a->fin.len, a->sha);
  return AO_OK;
}

/* A component of one asset with no self reference. */
static ao_status name_single(ao_site *s, size_t i, const size_t *comp,
                             edits *ed)
{
  ao_asset *a = &s->a[i];
  ao_status st = finish(s, i, comp, ed);
  if(st)
    return st;
  int changed_dep = 0;
  for(size_t r = 0; r < a->refs.n; r++)
    if(a->targets && a->targets[r] != AO_NONE && s->a[a->targets[r]].renamed)
      changed_dep = 1;
  if(renameable(s, a) || (bundler_must_rename(s, a) && changed_dep))
    return set_name(s, a, a->sha);
  return AO_OK;
}

/* A cycle: names from a hash of all members with their outside references
 * rewritten, then every member's references (inside ones too) rewritten. */
static ao_status name_cycle(ao_site *s, const size_t *members, size_t m,
                            const size_t *comp, edits *ed)
{
  ao_sha256 h;
  ao_status st = ao_sha256_init(&h);
  if(st)
    return st;
  int any_renameable = 0, changed_dep = 0;
  ao_buf text = AO_BUF_INIT(0);
  for(size_t k = 0; k < m && !st; k++) {
    ao_asset *a = &s->a[members[k]];
    any_renameable |= renameable(s, a);
    for(size_t r = 0; r < a->refs.n; r++) {
      size_t t = a->targets ? a->targets[r] : AO_NONE;
      if(t != AO_NONE && comp[t] != comp[members[k]] && s->a[t].renamed)
        changed_dep = 1;
    }
    st = collect_edits(s, members[k], comp, 1, 0, ed);
    ao_buf_reset(&text);
    if(!st && a->xf.data)
      st = ao_apply_edits(a->xf.data, a->xf.len, ed->e, ed->n, &text);
    if(!st) {
      uint64_t len = text.len;
      unsigned char le[8];
      for(int b = 0; b < 8; b++)
        le[b] = (unsigned char)(len >> (8 * b));
      ao_sha256_update(&h, a->rel, strlen(a->rel) + 1);
      ao_sha256_update(&h, le, 8);
      ao_sha256_update(&h, text.data, text.len);
    }
  }
  ao_buf_free(&text);
  unsigned char unit[32];
  ao_sha256_final(&h, unit);
  if(st)
    return st;
  for(size_t k = 0; k < m; k++) {
    ao_asset *a = &s->a[members[k]];
    if(!renameable(s, a) &&
       !(bundler_must_rename(s, a) && (changed_dep || any_renameable)))
      continue;
    unsigned char md[32];
    if((st = ao_sha256_init(&h)))
      return st;
    ao_sha256_update(&h, unit, 32);
    ao_sha256_update(&h, a->rel, strlen(a->rel));
    ao_sha256_final(&h, md);
    if((st = set_name(s, a, md)))
      return st;
  }
  for(size_t k = 0; k < m; k++)
    if((st = finish(s, members[k], comp, ed)))
      return st;
  return AO_OK;
}

ao_status ao__site_name(ao_site *s)
{
  size_t n = s->n;
  if(!n)
    return AO_OK;
  ao_status st = AO_NOMEM;
  size_t nedges = 0;
  for(size_t i = 0; i < n; i++)
    nedges += s->a[i].refs.n;
  size_t *start = ao_malloc((n + 1) * sizeof(size_t));
  size_t *adj = ao_malloc((nedges ? nedges : 1) * sizeof(size_t));
  size_t *comp = ao_malloc(n * sizeof(size_t));
  size_t *order = ao_malloc(n * sizeof(size_t));
  size_t *cstart = NULL;
  unsigned char *self = ao_malloc(n);
  edits ed = { 0 };
  ao_arena_init(&ed.arena, 0);
  if(!start || !adj || !comp || !order || !self)
    goto done;
  size_t e = 0;
  for(size_t i = 0; i < n; i++) {
    ao_asset *a = &s->a[i];
    start[i] = e;
    self[i] = 0;
    a->out = NULL;
    for(size_t r = 0; r < a->refs.n; r++) {
      size_t t = a->targets ? a->targets[r] : AO_NONE;
      if(!is_edge(s, a, &a->refs.items[r], t))
        continue;
      if(t == i)
        self[i] = 1;
      adj[e++] = t;
    }
  }
  start[n] = e;
  for(size_t i = 0; i < n; i++) {
    size_t l = strlen(s->a[i].rel) + 1;
    s->a[i].out = ao_malloc(l);
    if(!s->a[i].out)
      goto done;
    memcpy(s->a[i].out, s->a[i].rel, l);
  }
  size_t ncomp = ao_graph_scc(n, start, adj, comp);
  if(!ncomp)
    goto done;
  /* members of each component, in path order (counting sort) */
  cstart = ao_malloc((ncomp + 1) * sizeof(size_t));
  if(!cstart)
    goto done;
  memset(cstart, 0, (ncomp + 1) * sizeof(size_t));
  for(size_t i = 0; i < n; i++)
    cstart[comp[i] + 1]++;
  for(size_t c = 0; c < ncomp; c++)
    cstart[c + 1] += cstart[c];
  for(size_t i = 0; i < n; i++)
    order[cstart[comp[i]]++] = i;
  for(size_t c = ncomp; c > 0; c--)
    cstart[c] = cstart[c - 1];
  cstart[0] = 0;
  st = AO_OK;
  for(size_t c = 0; c < ncomp && !st; c++) {
    size_t m = cstart[c + 1] - cstart[c];
    const size_t *members = order + cstart[c];
    if(m == 1 && !self[members[0]])
      st = name_single(s, members[0], comp, &ed);
    else
      st = name_cycle(s, members, m, comp, &ed);
  }
done:
  ao_free(start);
  ao_free(adj);
  ao_free(comp);
  ao_free(order);
  ao_free(cstart);
  ao_free(self);
  ao_free(ed.e);
  ao_arena_free(&ed.arena);
  return st;
}
