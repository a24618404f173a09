/* Fuzz target: ao_refs_js never crashes, leaks or loops, and its spans lie
 * inside the input, in increasing order, without overlap. */
#include <assetopt/refs.h>

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
  unsigned char *src = malloc(size + AO_PAD);
  if(!src)
    return 0;
  memcpy(src, data, size);
  memset(src + size, 0, AO_PAD);
  ao_refs r = { 0 };
  ao_diags d;
  ao_diags_init(&d, "fuzz.js", src, size);
  if(ao_refs_js(src, size, &r, &d) == AO_OK) {
    size_t last = 0;
    for(size_t i = 0; i < r.n; i++) {
      if(r.items[i].off < last || r.items[i].off + r.items[i].len > size)
        abort();
      last = r.items[i].off + r.items[i].len;
    }
  }
  ao_refs_free(&r);
  ao_diags_free(&d);
  free(src);
  return 0;
}
