/* References in css: not implemented yet (finds none). */
#include <assetopt/refs.h>

ao_status ao_refs_css(const unsigned char *src, size_t len, ao_refs *out,
                       ao_diags *d)
{
  (void)src; (void)len; (void)out; (void)d;
  return AO_OK;
}
