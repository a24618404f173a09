/* Arena: chained blocks, one free for all. With AO_ARENA_DEBUG every
 * allocation is its own block, so ASan sees overruns. */
#include <assetopt/core.h>

#include <stdalign.h>
#include <string.h>

struct ao_arena_blk {
  struct ao_arena_blk *next;
  size_t used, size;
  max_align_t mem[];
};

void ao_arena_init(ao_arena *a, size_t blk_size)
{
  a->head = NULL;
  a->blk_size = blk_size ? blk_size : 64 * 1024;
}

void *ao_arena_alloc(ao_arena *a, size_t n)
{
  struct ao_arena_blk *b = a->head;
  const size_t al = alignof(max_align_t);
  if(n > SIZE_MAX / 2)
    return NULL;
  n = (n + al - 1) & ~(al - 1);
  if(!n)
    n = al;
#ifdef AO_ARENA_DEBUG
  b = NULL;
#endif
  if(!b || b->size - b->used < n) {
    size_t sz = n > a->blk_size ? n : a->blk_size;
#ifdef AO_ARENA_DEBUG
    sz = n;
#endif
    b = ao_malloc(sizeof(*b) + sz);
    if(!b)
      return NULL;
    b->next = a->head;
    b->used = 0;
    b->size = sz;
    a->head = b;
  }
  b->used += n;
  return (char *)b->mem + b->used - n;
}

char *ao_arena_strndup(ao_arena *a, const char *s, size_t n)
{
  char *p = ao_arena_alloc(a, n + 1);
  if(p) {
    memcpy(p, s, n);
    p[n] = '\0';
  }
  return p;
}

void ao_arena_free(ao_arena *a)
{
  struct ao_arena_blk *b = a->head;
  while(b) {
    struct ao_arena_blk *next = b->next;
    ao_free(b);
    b = next;
  }
  a->head = NULL;
}
