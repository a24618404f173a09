/* The initial load of an HTML entry: what the page fetches before the user
 * can interact, following static imports; and what it may load later. */
#include "budget_int.h"

#include <string.h>

struct list {
  size_t *items, n, cap;
};

static ao_status list_push(struct list *l, size_t v)
{
  if(l->n == l->cap) {
    size_t cap = l->cap ? l->cap * 2 : 16;
    size_t *p = ao_realloc(l->items, cap * sizeof(*p));
    if(!p)
      return AO_NOMEM;
    l->items = p;
    l->cap = cap;
  }
  l->items[l->n++] = v;
  return AO_OK;
}

/* Does a reference from a file of kind `from` load its target at once? */
static int initial_edge(ao_kind from, const ao_asset_ref *r,
                        const ao_asset *target)
{
  if(from == AO_KIND_HTML) {
    switch(r->kind) {
    case AO_REF_SCRIPT: case AO_REF_STYLESHEET: case AO_REF_PRELOAD:
    case AO_REF_STATIC_IMPORT:
      return 1;
    case AO_REF_RESOURCE:
      /* images, icons, the manifest; not lazy images, not media */
      if(r->flags & AO_REF_F_LAZY)
        return 0;
      return !target || target->kind != AO_KIND_MEDIA;
    default:
      return 0;
    }
  }
  /* JS static imports, CSS @import */
  return r->kind == AO_REF_STATIC_IMPORT;
}

static ao_status add_missing(ao_entry_load *out, const char *path)
{
  for(size_t i = 0; i < out->nmissing; i++)
    if(!strcmp(out->missing[i], path))
      return AO_OK;
  char **p = ao_realloc(out->missing, (out->nmissing + 1) * sizeof(*p));
  if(!p)
    return AO_NOMEM;
  out->missing = p;
  if(!(p[out->nmissing] = ao__budget_strdup(path)))
    return AO_NOMEM;
  out->nmissing++;
  return AO_OK;
}

ao_status ao_entry_load_compute(const ao_assets *a, size_t entry,
                                ao_entry_load *out)
{
  memset(out, 0, sizeof(*out));
  out->entry = entry;
  if(entry >= a->n)
    return AO_USAGE;
  /* 0 unseen, 1 initial, 2 lazy */
  unsigned char *state = ao_malloc(a->n);
  if(!state)
    return AO_NOMEM;
  memset(state, 0, a->n);
  struct list init = { 0 }, lazy = { 0 };
  ao_status s = list_push(&init, entry);
  state[entry] = 1;
  /* breadth-first over the initial edges; dynamic imports are queued */
  for(size_t q = 0; !s && q < init.n; q++) {
    const ao_asset *x = &a->items[init.items[q]];
    for(size_t j = 0; !s && j < x->nrefs; j++) {
      const ao_asset_ref *r = &x->refs[j];
      const ao_asset *t = r->target == SIZE_MAX ? NULL : &a->items[r->target];
      if(r->kind == AO_REF_DYNAMIC_IMPORT) {
        if(t && !state[r->target]) {
          state[r->target] = 2;
          s = list_push(&lazy, r->target);
        }
        continue;
      }
      if(!initial_edge(x->kind, r, t))
        continue;
      if(!t) {
        if(!(r->flags & AO_REF_F_GUESS))
          s = add_missing(out, r->path);
        continue;
      }
      if(state[r->target] == 1)
        continue;
      if(state[r->target] == 2) {
        /* also needed at once: move it from lazy to initial */
        for(size_t k = 0; k < lazy.n; k++)
          if(lazy.items[k] == r->target) {
            memmove(lazy.items + k, lazy.items + k + 1,
                    (lazy.n - k - 1) * sizeof(size_t));
            lazy.n--;
            break;
          }
      }
      state[r->target] = 1;
      s = list_push(&init, r->target);
    }
  }
  /* lazy closure: static and dynamic imports of lazy chunks */
  for(size_t q = 0; !s && q < lazy.n; q++) {
    const ao_asset *x = &a->items[lazy.items[q]];
    for(size_t j = 0; !s && j < x->nrefs; j++) {
      const ao_asset_ref *r = &x->refs[j];
      if(r->target == SIZE_MAX || state[r->target])
        continue;
      if(r->kind != AO_REF_DYNAMIC_IMPORT && r->kind != AO_REF_STATIC_IMPORT)
        continue;
      state[r->target] = 2;
      s = list_push(&lazy, r->target);
    }
  }
  ao_free(state);
  out->initial = init.items;
  out->ninitial = init.n;
  out->lazy = lazy.items;
  out->nlazy = lazy.n;
  if(s)
    ao_entry_load_free(out);
  return s;
}

void ao_entry_load_free(ao_entry_load *l)
{
  ao_free(l->initial);
  ao_free(l->lazy);
  for(size_t i = 0; i < l->nmissing; i++)
    ao_free(l->missing[i]);
  ao_free(l->missing);
  size_t e = l->entry;
  memset(l, 0, sizeof(*l));
  l->entry = e;
}
