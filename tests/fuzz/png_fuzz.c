/* Fuzz target: PNG recompression on arbitrary bytes (libpng's longjmp paths,
 * the chunk walker, format reduction, the encoder). */
#include <assetopt/image.h>

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  unsigned char *p = ao_malloc(size + AO_PAD);
  if(!p)
    return 0;
  memcpy(p, data, size);
  memset(p + size, 0, AO_PAD);
  ao_image_opts o;
  ao_image_opts_init(&o);
  o.effort = 1;
  o.max_pixels = 1u << 20;       /* keep each run small and quick */
  o.keep_metadata = size & 1;
  ao_buf out = AO_BUF_INIT(0);
  ao_diags d;
  ao_diags_init(&d, "fuzz.png", p, size);
  ao_status s = ao_image_optimize(AO_KIND_PNG, p, size, &o, &out, &d);
  (void)s;
  ao_buf_free(&out);
  ao_diags_free(&d);
  ao_free(p);
  return 0;
}
