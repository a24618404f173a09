/* Image recompression entry points: not implemented yet. */
#include <assetopt/image.h>

void ao_image_opts_init(ao_image_opts *o)
{
  *o = (ao_image_opts){ .quality = 80, .effort = 5 };
}

ao_status ao_image_optimize(ao_kind kind, const unsigned char *src, size_t len,
                            const ao_image_opts *o, ao_buf *out, ao_diags *d)
{
  (void)kind; (void)src; (void)len; (void)o; (void)out; (void)d;
  return AO_UNSUPPORTED;
}

ao_status ao_image_webp(ao_kind kind, const unsigned char *src, size_t len,
                        const ao_image_opts *o, ao_buf *out, ao_diags *d)
{
  (void)kind; (void)src; (void)len; (void)o; (void)out; (void)d;
  return AO_UNSUPPORTED;
}
