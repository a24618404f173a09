/* SVG minifier. */
#ifndef ASSETOPT_SVG_H
#define ASSETOPT_SVG_H

#include "core.h"

typedef struct ao_svg_opts {
  int keep_comments;   /* keep every comment (default 0: only <!--! … -->) */
  int keep_metadata;   /* keep <metadata> and editor data (sodipodi,
                          inkscape, sketch, illustrator …) (default 0)     */
  int keep_title;      /* keep <title> and <desc> (default 1)              */
  int keep_ids;        /* keep editor-generated ids nothing refers to
                          (default 0)                                      */
  int minify_style;    /* <style> and style="" through the CSS minifier
                          (default 1)                                      */
  int minify_script;   /* <script> through the JS minifier (default 0)     */
} ao_svg_opts;

/* Fills the defaults; fields added later stay safe for old callers. */
AO_API void ao_svg_opts_init(ao_svg_opts *o);
/* Minifies src[0, len) (followed by AO_PAD zero bytes) and appends the result
 * to out. On error returns a status, leaves out as it was, and says where in d.
 * The output never changes what a browser does with the file. */
AO_API AO_NODISCARD ao_status ao_svg_minify(const unsigned char *src, size_t len,
                                           const ao_svg_opts *o, ao_buf *out,
                                           ao_diags *d);

#endif
