/* Fuzz target: the HTML tokenizer and reference extractor. Every token lies
 * inside the input, tokens tile it, and references stay in bounds and order. */
#include <assetopt/html_lex.h>
#include <assetopt/refs.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  unsigned char *p = malloc(size + AO_PAD);
  if(!p)
    return 0;
  memcpy(p, data, size);
  memset(p + size, 0, AO_PAD);

  for(unsigned opts = 0; opts < 2; opts++) {
    ao_html_lex lx;
    ao_html_lex_init(&lx, p, size, opts);
    size_t pos = 0;
    for(;;) {
      ao_html_tok t;
      if(ao_html_lex_next(&lx, &t))
        break;
      if(t.kind == AO_HTML_EOF)
        break;
      if(t.off != pos || t.end <= t.off || t.end > size)
        abort();
      for(size_t k = 0; k < t.nattrs; k++)
        if(t.attrs[k].val_off + t.attrs[k].val_len > size ||
           t.attrs[k].name_off + t.attrs[k].name_len > size)
          abort();
      pos = t.end;
    }
    if(pos != size)
      abort();
    ao_html_lex_free(&lx);
  }

  ao_refs r = { 0 };
  ao_diags d;
  ao_diags_init(&d, NULL, p, size);
  if(!ao_refs_html(p, size, &r, &d)) {
    for(size_t k = 0; k < r.n; k++) {
      if(r.items[k].off + r.items[k].len > size)
        abort();
      if(k && r.items[k].off < r.items[k - 1].off + r.items[k - 1].len)
        abort();
    }
  }
  ao_refs_free(&r);
  ao_diags_free(&d);
  free(p);
  return 0;
}
