/* Image recompression entry points: options, sniffing, dispatch per codec. */
#include "image_int.h"

#include <string.h>

void ao_image_opts_init(ao_image_opts *o)
{
  *o = (ao_image_opts){ .quality = 80, .effort = 5, .quality_min = -1,
                        .max_pixels = AO_IMAGE_MAX_PIXELS_DEFAULT,
                        .webp_quality = 80, .webp_mode = AO_WEBP_AUTO };
}

ao_kind ao_image_sniff(const unsigned char *src, size_t len)
{
  if(len >= 8 && !memcmp(src, "\x89PNG\r\n\x1a\n", 8))
    return AO_KIND_PNG;
  if(len >= 3 && src[0] == 0xff && src[1] == 0xd8 && src[2] == 0xff)
    return AO_KIND_JPEG;
  return AO_KIND_OTHER;
}

ao_status ao_image_optimize(ao_kind kind, const unsigned char *src, size_t len,
                            const ao_image_opts *o, ao_buf *out, ao_diags *d)
{
  ao_image_opts def;
  if(!o) {
    ao_image_opts_init(&def);
    o = &def;
  }
  if(kind != AO_KIND_PNG && kind != AO_KIND_JPEG)
    return AO_UNSUPPORTED;
  ao_kind real = ao_image_sniff(src, len);
  if(real == AO_KIND_OTHER) {
    ao_diag_add(d, AO_ERROR, 0, "not a %s file (bad signature)",
                ao_kind_name(kind));
    return AO_SYNTAX;
  }
  if(real != kind) {
    /* a wrong extension: the bytes decide, the output keeps their format */
    ao_diag_add(d, AO_WARNING, 0, "content is %s, not %s", ao_kind_name(real),
                ao_kind_name(kind));
    kind = real;
  }
  return kind == AO_KIND_PNG ? ao__png_optimize(src, len, o, out, d)
                             : ao__jpeg_optimize(src, len, o, out, d);
}
