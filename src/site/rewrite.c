/* Applying byte edits (reference rewrites, attribute insertions). */
#include <assetopt/site.h>

ao_status ao_apply_edits(const unsigned char *src, size_t len,
                         const ao_edit *edits, size_t n, ao_buf *out)
{
  size_t pos = 0, old = out->len;
  for(size_t i = 0; i < n; i++) {
    const ao_edit *e = &edits[i];
    if(e->off < pos || e->off > len || e->len > len - e->off) {
      out->len = old;
      return AO_USAGE;
    }
    ao_buf_append(out, src + pos, e->off - pos);
    ao_buf_append(out, e->text, e->text_len);
    pos = e->off + e->len;
  }
  ao_buf_append(out, src + pos, len - pos);
  if(out->err) {
    ao_status s = out->err;
    out->len = old;
    out->err = AO_OK;
    return s;
  }
  return AO_OK;
}
