/* The transform stage: one function per kind, same contract for all (bytes
 * in, bytes out plus diagnostics), and the cache key that names a result. */
#include "build_int.h"

#include <assetopt/css.h>
#include <assetopt/hash.h>
#include <assetopt/html.h>
#include <assetopt/image.h>
#include <assetopt/js.h>
#include <assetopt/json.h>
#include <assetopt/svg.h>

#include <stdio.h>
#include <string.h>

int ao__transform_applies(ao_kind kind, const ao_build_opts *o)
{
  switch(kind) {
  case AO_KIND_JS: case AO_KIND_CSS: case AO_KIND_HTML: case AO_KIND_SVG:
  case AO_KIND_JSON: case AO_KIND_WEBMANIFEST: case AO_KIND_SOURCEMAP:
    return o->minify;
  case AO_KIND_PNG: case AO_KIND_JPEG:
    return o->images;
  default:
    return 0;
  }
}

/* .mjs files are modules; others are detected by the JS minifier. */
static int js_module(const char *rel)
{
  size_t n = strlen(rel);
  return n > 4 && !strcmp(rel + n - 4, ".mjs") ? 1 : -1;
}

void ao__transform_key(ao_kind kind, const char *rel,
                       const unsigned char in_hash[32],
                       const ao_build_opts *o, int lossless,
                       unsigned char key[32])
{
  char opts[256];
  int n = snprintf(opts, sizeof(opts),
                   "assetopt %s transform|kind=%s|minify=%d|images=%d|"
                   "lossy=%d|q=%d|legal=%d|mapurl=%d|js=%d,%d,%d",
                   AO_VERSION, ao_kind_name(kind), o->minify, o->images,
                   !lossless, o->quality, o->legal_comments,
                   o->keep_source_map_url, o->js_level, o->js_keep_names,
                   kind == AO_KIND_JS ? js_module(rel) : 0);
  ao_sha256 h;
  if(ao_sha256_init(&h)) {
    memset(key, 0, 32);
    return;
  }
  ao_sha256_update(&h, opts, (size_t)n);
  ao_sha256_update(&h, in_hash, 32);
  ao_sha256_final(&h, key);
}

ao_status ao__transform(ao_kind kind, const char *rel,
                        const unsigned char *src, size_t len,
                        const ao_build_opts *o, int lossless, ao_buf *out,
                        ao_diags *d)
{
  switch(kind) {
  case AO_KIND_JS: {
    ao_js_opts jo;
    ao_js_opts_init(&jo);
    jo.legal_comments = o->legal_comments;
    jo.keep_source_map_url = o->keep_source_map_url;
    jo.level = o->js_level;
    jo.keep_names = o->js_keep_names;
    jo.module = js_module(rel);
    return ao_js_minify(src, len, &jo, out, d);
  }
  case AO_KIND_CSS: {
    ao_css_opts co;
    ao_css_opts_init(&co);
    co.keep_source_map_url = o->keep_source_map_url;
    return ao_css_minify(src, len, &co, out, d);
  }
  case AO_KIND_HTML: {
    ao_html_opts ho;
    ao_html_opts_init(&ho);
    ho.js_level = o->js_level;
    ho.js_keep_names = o->js_keep_names;
    return ao_html_minify(src, len, &ho, out, d);
  }
  case AO_KIND_SVG: {
    ao_svg_opts so;
    ao_svg_opts_init(&so);
    return ao_svg_minify(src, len, &so, out, d);
  }
  case AO_KIND_JSON: case AO_KIND_WEBMANIFEST: case AO_KIND_SOURCEMAP: {
    ao_json_opts jo;
    ao_json_opts_init(&jo);
    return ao_json_minify(src, len, &jo, out, d);
  }
  case AO_KIND_PNG: case AO_KIND_JPEG: {
    ao_image_opts io;
    ao_image_opts_init(&io);
    io.lossy = !lossless;
    io.quality = o->quality;
    return ao_image_optimize(kind, src, len, &io, out, d);
  }
  default:
    return AO_UNSUPPORTED;
  }
}
