/* html minifier: not implemented yet, returns the input unchanged. */
#include <assetopt/html.h>

void ao_html_opts_init(ao_html_opts *o)
{
  *o = (ao_html_opts){ .minify_js = 1, .minify_css = 1 };
}

ao_status ao_html_minify(const unsigned char *src, size_t len,
                         const ao_html_opts *o, ao_buf *out, ao_diags *d)
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
