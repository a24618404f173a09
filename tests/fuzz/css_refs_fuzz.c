/* Fuzz target: the CSS tokenizer and the CSS reference extractor. Tokens
 * must tile the input exactly, and reference spans must lie inside it, in
 * order, without overlapping. */
#include <assetopt/css_lex.h>
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

  ao_css_lex lx;
  ao_css_tok t;
  size_t pos = 0;
  ao_css_lex_init(&lx, src, size);
  while(ao_css_lex_next(&lx, &t) != AO_CSS_EOF) {
    if(t.off != pos || t.len == 0 || t.off + t.len > size ||
       t.voff < t.off || t.voff + t.vlen > t.off + t.len)
      abort();
    pos += t.len;
  }
  if(pos != size)
    abort();

  ao_refs r = { 0 };
  ao_diags d;
  ao_diags_init(&d, NULL, src, size);
  if(ao_refs_css(src, size, &r, &d) == AO_OK) {
    for(size_t i = 0; i < r.n; i++) {
      if(r.items[i].off + r.items[i].len > size)
        abort();
      if(i && r.items[i].off < r.items[i - 1].off + r.items[i - 1].len)
        abort();
    }
  }
  ao_refs_free(&r);
  ao_diags_free(&d);
  free(src);
  return 0;
}
