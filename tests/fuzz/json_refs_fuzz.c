/* Fuzz target: web manifest and source map references (JSON tokenizer). */
#include <assetopt/refs.h>

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
  for(int k = 0; k < 2; k++) {
    ao_refs r = { 0 };
    ao_diags d;
    ao_diags_init(&d, "f.json", src, size);
    if(!ao_refs_json(k ? AO_KIND_SOURCEMAP : AO_KIND_WEBMANIFEST, src, size, &r, &d)) {
      size_t end = 0;
      for(size_t i = 0; i < r.n; i++) {
        if(r.items[i].off < end || r.items[i].off + r.items[i].len > size)
          abort();
        end = r.items[i].off + r.items[i].len;
      }
    }
    ao_refs_free(&r);
    ao_diags_free(&d);
  }
  free(src);
  return 0;
}
