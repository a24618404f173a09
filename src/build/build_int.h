/* Private to src/build: the assets of one build and the stages over them. */
#ifndef ASSETOPT_BUILD_INT_H
#define ASSETOPT_BUILD_INT_H

#include <assetopt/build.h>
#include <assetopt/kind.h>
#include <assetopt/refs.h>
#include <assetopt/site.h>

#define AO_NONE ((size_t)-1)

typedef struct ao_asset {
  char *rel;              /* source path, '/'-separated */
  ao_kind kind;
  uint64_t size_in;
  ao_buf in;              /* the input bytes (kept while diagnostics need them) */
  ao_buf xf;              /* after the transform (a move of in when unchanged) */
  int transformed;        /* xf differs from in */
  int big;                /* over the size limit: copied, never read whole */
  int bad_name;           /* not UTF-8: copied, left out of the manifest */
  int fixed;              /* the name never changes */
  int bundler;            /* the name already carries a bundler's hash */
  int pinned;             /* some reference cannot be rewritten */
  int referenced;         /* some reference names it */
  ao_refs refs;           /* references in xf */
  size_t *targets;        /* per reference: the asset it names, or AO_NONE */
  int renamed;
  char *out;              /* path in OUT */
  ao_buf fin;             /* the final bytes */
  unsigned char sha[32];  /* of fin */
  ao_buf gz, br, webp;    /* siblings (empty: none) */
  size_t gz_size, br_size;
  char *webp_out;
  ao_diags diags;
} ao_asset;

typedef struct ao_site {
  const ao_build_opts *o;
  ao_asset *a;
  size_t n;
  ao_build_stats *st;
} ao_site;

/* Byte edits being collected for one asset (texts live in the arena). */
typedef struct edits {
  ao_edit *e;
  size_t n, cap;
  ao_arena arena;
} edits;

ao_status ao__edit_add(edits *ed, size_t off, size_t len, const char *text,
                       size_t text_len);
/* --picture: edits that wrap each <img> of HTML asset i whose image has a
 * WebP sibling in <picture> with a WebP <source>. */
ao_status ao__picture_edits(const ao_site *s, size_t i, edits *ed);

/* Stage: references in every asset, resolved to assets (graph.c side). */
ao_status ao__site_resolve(ao_site *s);
/* Stage: names and final bytes, dependencies first. */
ao_status ao__site_name(ao_site *s);
/* asset-manifest.json for the site. */
ao_status ao__manifest_write(const ao_site *s, ao_buf *out);
/* Index of the asset with source path rel, or AO_NONE. */
size_t ao__site_find(const ao_site *s, const char *rel);


/* Whether kind has a transform under these options. */
int ao__transform_applies(ao_kind kind, const ao_build_opts *o);
/* The cache key of transforming bytes whose SHA-256 is in_hash. */
void ao__transform_key(ao_kind kind, const char *rel,
                       const unsigned char in_hash[32],
                       const ao_build_opts *o, int lossless,
                       unsigned char key[32]);
/* Transforms src into out (appended). Returns AO_OK with out holding the
 * result, or a status with out untouched. lossless: lossy recompression is
 * not allowed for this file (not asked for, or under a "lossless" glob). */
ao_status ao__transform(ao_kind kind, const char *rel,
                        const unsigned char *src, size_t len,
                        const ao_build_opts *o, int lossless, ao_buf *out,
                        ao_diags *d);

#endif
