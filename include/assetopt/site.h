/* Site-level machinery of the build: hashed names, the reference graph, byte
 * edits, and the content-addressed cache. */
#ifndef ASSETOPT_SITE_H
#define ASSETOPT_SITE_H

#include "core.h"

/* ---- names ---------------------------------------------------------------- */

/* Files whose names are part of a public contract and never renamed:
 * *.html, robots.txt, sitemap*.xml, favicon.ico, sw.js, service-worker.js,
 * *.webmanifest, everything under .well-known/, _headers, _redirects. */
AO_API int ao_name_fixed(const char *rel);
/* Length of the extension of a base name, dot included: ".png", and the
 * compound ".js.map"/".css.map"/".mjs.map"; 0 when there is none. */
AO_API size_t ao_name_ext_len(const char *base);
/* rel with ".HASH" inserted before the extension of its last segment. */
AO_API AO_NODISCARD char *ao_name_with_hash(const char *rel, const char *hash);

/* ---- graph ---------------------------------------------------------------- */

/* Strongly connected components of a graph of n nodes given as adjacency
 * lists (edges of node i are adj[start[i] .. start[i+1]-1]). comp[i] receives
 * the component of node i; components are numbered so that every edge leads
 * to a component with a number lower or equal to its source's: processing
 * components in increasing order visits dependencies first. Returns the
 * number of components, or 0 when memory ran out (n > 0). */
AO_API size_t ao_graph_scc(size_t n, const size_t *start, const size_t *adj,
                           size_t *comp);

/* ---- edits ---------------------------------------------------------------- */

typedef struct ao_edit {
  size_t off, len;     /* bytes of the source to replace */
  const char *text;    /* replacement */
  size_t text_len;
} ao_edit;

/* Appends src with the edits applied to out. Edits are sorted by off and
 * never overlap (AO_USAGE otherwise). An insertion has len 0. */
AO_API AO_NODISCARD ao_status ao_apply_edits(const unsigned char *src, size_t len,
                                             const ao_edit *edits, size_t n,
                                             ao_buf *out);

/* ---- cache ---------------------------------------------------------------- */

/* A folder of results keyed by 32-byte keys. Entries are written atomically
 * and carry a checksum: a damaged entry is a miss. Safe to delete, safe to
 * share between runs; never required for correctness. */
typedef struct ao_cache {
  char *dir; /* NULL: caching is off */
} ao_cache;

AO_API AO_NODISCARD ao_status ao_cache_open(ao_cache *c, const char *dir);
AO_API void ao_cache_close(ao_cache *c);
/* 1 and the payload appended to out on a hit, 0 on a miss. */
AO_API int ao_cache_get(const ao_cache *c, const unsigned char key[32],
                        ao_buf *out);
AO_API ao_status ao_cache_put(const ao_cache *c, const unsigned char key[32],
                              const void *data, size_t len);

#endif
