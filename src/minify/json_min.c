/* JSON minifier: the tokens of a valid JSON text with no whitespace between
 * them. Strings and numbers are copied byte for byte; invalid JSON is an
 * error and leaves the output as it was. */
#include <assetopt/json.h>

#include <string.h>

void ao_json_opts_init(ao_json_opts *o)
{
  *o = (ao_json_opts){ 0 };
}

ao_status ao_json_minify(const unsigned char *src, size_t len,
                         const ao_json_opts *o, ao_buf *out, ao_diags *d)
{
  (void)o;
  ao_json_lex lx;
  ao_json_tok t;
  if(out->err)
    return out->err;
  if(ao_buf_reserve(out, len)) {
    ao_status s = out->err;
    out->err = AO_OK;
    return s;
  }
  /* the output is never longer than the input: write in place */
  unsigned char *w = out->data + out->len;
  ao_json_lex_init(&lx, src, len);
  memcpy(w, src, lx.pos); /* a byte order mark */
  w += lx.pos;
  for(;;) {
    ao_status s = ao_json_lex_next(&lx, &t);
    if(s) {
      if(d)
        ao_diag_add(d, AO_ERROR, lx.err_off, "invalid JSON: %s", lx.err_msg);
      memset(out->data + out->len, 0, (size_t)(w - (out->data + out->len)) + 1);
      return s;
    }
    if(t.kind == AO_JSON_EOF)
      break;
    memcpy(w, src + t.off, t.len);
    w += t.len;
  }
  out->len = (size_t)(w - out->data);
  out->data[out->len] = 0;
  return AO_OK;
}
