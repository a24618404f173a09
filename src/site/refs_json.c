/* References in web manifests and source maps: not implemented yet. */
#include <assetopt/refs.h>

ao_status ao_refs_json(ao_kind kind, const unsigned char *src, size_t len,
                       ao_refs *out, ao_diags *d)
{
  (void)kind; (void)src; (void)len; (void)out; (void)d;
  return AO_OK;
}
