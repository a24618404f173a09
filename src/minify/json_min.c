/* json minifier: not implemented yet, returns the input unchanged. */
#include <assetopt/json.h>

void ao_json_opts_init(ao_json_opts *o)
{
  *o = (ao_json_opts){ 0 };
}

ao_status ao_json_minify(const unsigned char *src, size_t len,
                         const ao_json_opts *o, ao_buf *out, ao_diags *d)
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
