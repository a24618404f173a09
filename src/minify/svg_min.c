/* svg minifier: not implemented yet, returns the input unchanged. */
#include <assetopt/svg.h>

void ao_svg_opts_init(ao_svg_opts *o)
{
  *o = (ao_svg_opts){ 0 };
}

ao_status ao_svg_minify(const unsigned char *src, size_t len,
                         const ao_svg_opts *o, ao_buf *out, ao_diags *d)
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
