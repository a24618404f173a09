/* References in svg: not implemented yet (finds none). */
#include <assetopt/refs.h>

ao_status ao_refs_svg(const unsigned char *src, size_t len, ao_refs *out,
                       ao_diags *d)
{
  (void)src; (void)len; (void)out; (void)d;
  return AO_OK;
}
