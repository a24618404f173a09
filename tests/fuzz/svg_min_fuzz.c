/* Fuzz target: the SVG minifier. Success: the output is no larger and a
 * second run changes nothing; failure: the output is untouched. */
#include <assetopt/svg.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  unsigned char *src = malloc(size + AO_PAD);
  if(!src)
    return 0;
  memcpy(src, data, size);
  memset(src + size, 0, AO_PAD);
  ao_svg_opts o;
  ao_svg_opts_init(&o);
  ao_buf out = AO_BUF_INIT(0), again = AO_BUF_INIT(0);
  ao_diags d;
  ao_diags_init(&d, "f.svg", src, size);
  ao_status s = ao_svg_minify(src, size, &o, &out, &d);
  if(!s) {
    if(out.len > size)
      abort();
    if(ao_svg_minify(out.data, out.len, &o, &again, NULL) || again.len > out.len)
      abort();
  }
  else if(out.len != 0 || (s == AO_SYNTAX && !d.errors))
    abort();
  ao_buf_free(&out);
  ao_buf_free(&again);
  ao_diags_free(&d);
  free(src);
  return 0;
}
