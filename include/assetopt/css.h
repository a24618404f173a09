/* CSS minifier: comments, whitespace, numbers, zero lengths, colors,
 * font-weight keywords, empty rules, adjacent rules with one selector.
 * Never changes what a browser computes; malformed input is left alone. */
#ifndef ASSETOPT_CSS_H
#define ASSETOPT_CSS_H

#include "core.h"

typedef struct ao_css_opts {
  int keep_source_map_url;  /* keep the sourceMappingURL comment (default 1) */
} ao_css_opts;

/* Fills the defaults; fields added later stay safe for old callers. */
AO_API void ao_css_opts_init(ao_css_opts *o);
/* Minifies src[0, len) (followed by AO_PAD zero bytes) and appends the result
 * to out. On error returns a status, leaves out as it was, and says where in d.
 * The output never changes what a browser does with the file. */
AO_API AO_NODISCARD ao_status ao_css_minify(const unsigned char *src, size_t len,
                                           const ao_css_opts *o, ao_buf *out,
                                           ao_diags *d);

/* The same for a declaration list without braces: the value of a style=""
 * attribute ("color: red; margin: 0px"). */
AO_API AO_NODISCARD ao_status ao_css_minify_declarations(const unsigned char *src,
                                                        size_t len,
                                                        const ao_css_opts *o,
                                                        ao_buf *out,
                                                        ao_diags *d);

#endif
