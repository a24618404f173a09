/* References between assets: where, in a file's bytes, another file is named.
 * One extractor per kind; the pipeline resolves, rewrites and hashes. */
#ifndef ASSETOPT_REFS_H
#define ASSETOPT_REFS_H

#include "core.h"
#include "kind.h"

/* How the referencing file loads the target (budgets follow these). */
typedef enum ao_ref_kind {
  AO_REF_RESOURCE,       /* img/srcset/poster/url()/icon/manifest/font …   */
  AO_REF_SCRIPT,         /* <script src> (flags: MODULE, ASYNC, DEFER)     */
  AO_REF_STYLESHEET,     /* <link rel=stylesheet>                         */
  AO_REF_PRELOAD,        /* <link rel=preload|modulepreload>              */
  AO_REF_STATIC_IMPORT,  /* JS import/export … from, CSS @import          */
  AO_REF_DYNAMIC_IMPORT, /* JS import('…')                                */
  AO_REF_NAVIGATION,     /* <a href>, <form action>, <iframe src> …        */
  AO_REF_SOURCEMAP,      /* sourceMappingURL                              */
  AO_REF_OTHER           /* new URL(…, import.meta.url), JSON "src", meta … */
} ao_ref_kind;

enum {
  AO_REF_F_MODULE = 1u << 0,   /* type=module / modulepreload            */
  AO_REF_F_ASYNC = 1u << 1,
  AO_REF_F_DEFER = 1u << 2,
  AO_REF_F_LAZY = 1u << 3,     /* loading=lazy                           */
  AO_REF_F_GUESS = 1u << 4,    /* a string that merely looks like a path:
                                  a reference only if the file exists, and
                                  no warning when it does not            */
  AO_REF_F_PIN = 1u << 5,      /* written with escapes or in a form that
                                  cannot be rewritten: the target keeps
                                  its name                               */
  AO_REF_F_INTEGRITY = 1u << 6,   /* the tag already has integrity=      */
  AO_REF_F_CROSSORIGIN = 1u << 7, /* the tag already has crossorigin=    */
  AO_REF_F_FONT = 1u << 8,     /* preload as=font                        */
  AO_REF_F_IMAGE = 1u << 9     /* preload as=image, <img>                 */
};

typedef struct ao_ref {
  size_t off, len;   /* the URL as written, without quotes               */
  ao_ref_kind kind;
  unsigned flags;
  size_t tag_end;    /* HTML: offset of the '>' (or "/>") closing the tag
                        the reference sits in, where attributes may be
                        inserted; 0 elsewhere                           */
} ao_ref;

typedef struct ao_refs {
  ao_ref *items;   /* in increasing off order, spans never overlap */
  size_t n, cap;
} ao_refs;

AO_API ao_status ao_refs_push(ao_refs *r, size_t off, size_t len,
                              ao_ref_kind kind, unsigned flags);
AO_API void ao_refs_free(ao_refs *r);
AO_API const char *ao_ref_kind_name(ao_ref_kind k);

/* Each extractor appends the references found in src[0, len) (src has
 * AO_PAD zero bytes after len) with offsets relative to src. On malformed
 * input it reports what it can, warns in d, and still returns AO_OK unless
 * memory ran out. */
AO_API AO_NODISCARD ao_status ao_refs_html(const unsigned char *src, size_t len,
                                           ao_refs *out, ao_diags *d);
AO_API AO_NODISCARD ao_status ao_refs_svg(const unsigned char *src, size_t len,
                                          ao_refs *out, ao_diags *d);
AO_API AO_NODISCARD ao_status ao_refs_css(const unsigned char *src, size_t len,
                                          ao_refs *out, ao_diags *d);
AO_API AO_NODISCARD ao_status ao_refs_js(const unsigned char *src, size_t len,
                                         ao_refs *out, ao_diags *d);
/* Web app manifests (icons/screenshots/shortcuts "src", start_url is not an
 * asset) and source maps ("file"). kind picks which. */
AO_API AO_NODISCARD ao_status ao_refs_json(ao_kind kind, const unsigned char *src,
                                           size_t len, ao_refs *out, ao_diags *d);
/* Dispatch on kind; kinds without references append nothing. */
AO_API AO_NODISCARD ao_status ao_refs_extract(ao_kind kind, const unsigned char *src,
                                              size_t len, ao_refs *out, ao_diags *d);

/* Splits a URL as written into the path part and the rest (?query#frag).
 * Returns 0 for URLs that never name a local file: with a scheme
 * ("https:", "data:", "mailto:" …), protocol-relative ("//host"), empty, or
 * only a fragment/query. */
AO_API int ao_url_local_path(const char *url, size_t len, size_t *path_len);

#endif
