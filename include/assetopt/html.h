/* HTML minifier (inline <script> and <style> too). */
#ifndef ASSETOPT_HTML_H
#define ASSETOPT_HTML_H

#include "core.h"

typedef struct ao_html_opts {
  int minify_js;   /* inline scripts (default 1) */
  int minify_css;  /* inline styles and style attributes (default 1) */
  int minify_json; /* inline JSON scripts (importmap, ld+json …) (default 1) */
  int collapse_whitespace; /* where it cannot be seen (default 1) */
  int remove_comments;     /* except conditional comments, "<!--!" and
                              keep_comments (default 1) */
  int remove_quotes;       /* attribute quotes where not needed (default 1) */
  int collapse_booleans;   /* disabled="disabled" → disabled (default 1) */
  int remove_redundant;    /* type=text/javascript on <script>, text/css on
                              <style> and stylesheet links (default 1) */
  const char *keep_comments; /* comments containing this text are kept
                                (default NULL: none) */
  int remove_optional_tags;  /* </li>, </p>, </td>, </tr>, </option>, bare
                                <html>/<head>/<body> … where the HTML
                                standard allows it (default 1) */
  int js_level;              /* AO_JS_MIN_* for inline scripts (default
                                whitespace); classic scripts never have
                                their top-level names renamed, module
                                scripts are parsed as modules */
  int js_keep_names;         /* inline functions and classes keep .name */
} ao_html_opts;

/* Fills the defaults; fields added later stay safe for old callers. */
AO_API void ao_html_opts_init(ao_html_opts *o);
/* Minifies src[0, len) (followed by AO_PAD zero bytes) and appends the result
 * to out. On error returns a status, leaves out as it was, and says where in d.
 * The output never changes what a browser does with the file. */
AO_API AO_NODISCARD ao_status ao_html_minify(const unsigned char *src, size_t len,
                                           const ao_html_opts *o, ao_buf *out,
                                           ao_diags *d);

#endif
