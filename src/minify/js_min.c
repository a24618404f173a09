/* js minifier: not implemented yet, returns the input unchanged. */
#include <assetopt/js.h>

void ao_js_opts_init(ao_js_opts *o)
{
  *o = (ao_js_opts){ .keep_source_map_url = 1, .legal_comments = AO_LEGAL_INLINE };
}

ao_status ao_js_minify(const unsigned char *src, size_t len,
                         const ao_js_opts *o, ao_buf *out, ao_diags *d)
{
  (void)o;
  (void)d;
  size_t old = out->len;
  if(ao_buf_append(out, src, len)) {
    ao_status s = out->err;
    out->len = old;
    out->err = AO_OK;
    return s;
  }
  return AO_OK;
}
