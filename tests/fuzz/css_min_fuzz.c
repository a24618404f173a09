/* Fuzz target: the CSS minifier. Whatever the input, it must not crash;
 * when it succeeds the output is never larger than the input, minifies
 * again to itself, and (first byte picks the entry point) the declaration
 * list entry point holds to the same. */
#include <assetopt/css.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  int decls = size && (data[0] & 1);
  unsigned char *src = malloc(size + AO_PAD);
  if(!src)
    return 0;
  memcpy(src, data, size);
  memset(src + size, 0, AO_PAD);
  ao_buf a = AO_BUF_INIT(0), b = AO_BUF_INIT(0);
  ao_diags d;
  ao_diags_init(&d, NULL, src, size);
  ao_status s = decls ? ao_css_minify_declarations(src, size, NULL, &a, &d)
                      : ao_css_minify(src, size, NULL, &a, &d);
  if(s == AO_OK) {
    if(a.len > size)
      abort();
    if(ao_buf_reserve(&a, AO_PAD) == AO_OK && a.data) {
      memset(a.data + a.len, 0, AO_PAD);
      ao_diags d2;
      ao_diags_init(&d2, NULL, a.data, a.len);
      s = decls ? ao_css_minify_declarations(a.data, a.len, NULL, &b, &d2)
                : ao_css_minify(a.data, a.len, NULL, &b, &d2);
      if(s != AO_OK || b.len != a.len || memcmp(a.data, b.data, a.len))
        abort();
      ao_diags_free(&d2);
    }
  }
  else if(a.len)
    abort();
  ao_buf_free(&a);
  ao_buf_free(&b);
  ao_diags_free(&d);
  free(src);
  return 0;
}
