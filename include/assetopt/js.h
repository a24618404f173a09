/* JavaScript minifier. */
#ifndef ASSETOPT_JS_H
#define ASSETOPT_JS_H

#include "core.h"

enum { AO_LEGAL_INLINE, AO_LEGAL_NONE, AO_LEGAL_EOF };

/* How far minification goes, as esbuild names it. IDENTIFIERS and ALL
 * rename local names through the parser of js_parse.h (ALL also shortens
 * literals); anything it rejects falls back to the token level. */
enum {
  AO_JS_MIN_WHITESPACE = 1, /* token level: comments, whitespace, safe rewrites */
  AO_JS_MIN_SYNTAX = 2,     /* the same today */
  AO_JS_MIN_IDENTIFIERS = 3,
  AO_JS_MIN_ALL = 4
};

typedef struct ao_js_opts {
  int keep_source_map_url;  /* keep //# sourceMappingURL= (default 1) */
  int legal_comments;       /* AO_LEGAL_INLINE (default), _NONE, _EOF */
  int level;                /* AO_JS_MIN_* (default WHITESPACE) */
  int module;               /* 1 module, 0 script, -1 (default): a script
                               unless it only parses as a module */
  int keep_names;           /* functions and classes keep .name */
} ao_js_opts;

/* Fills the defaults; fields added later stay safe for old callers. */
AO_API void ao_js_opts_init(ao_js_opts *o);
/* Minifies src[0, len) (followed by AO_PAD zero bytes) and appends the result
 * to out. On error returns a status, leaves out as it was, and says where in d.
 * The output never changes what a browser does with the file. */
AO_API AO_NODISCARD ao_status ao_js_minify(const unsigned char *src, size_t len,
                                           const ao_js_opts *o, ao_buf *out,
                                           ao_diags *d);

#endif
