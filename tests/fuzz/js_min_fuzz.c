/* Fuzz target: the JS minifier never crashes or leaks; when it accepts an
 * input, its output is no larger, tokenizes again, and minifying it once
 * more changes nothing. */
#include <assetopt/js.h>
#include <assetopt/js_lex.h>

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
  ao_js_opts o;
  ao_js_opts_init(&o);
  if(size)
    o.legal_comments = data[0] % 3;   /* inline, none, eof */
  ao_buf out = AO_BUF_INIT(0), again = AO_BUF_INIT(0);
  ao_diags d;
  ao_diags_init(&d, "fuzz.js", src, size);
  if(ao_js_minify(src, size, &o, &out, &d) == AO_OK) {
    if(out.len > size)
      abort();
    /* the output tokenizes */
    ao_js_lex lx;
    ao_js_tok t;
    ao_js_lex_init(&lx, out.data ? out.data : src, out.len, 0);
    for(;;) {
      if(ao_js_lex_next(&lx, &t))
        abort();
      if(t.kind == AO_JS_EOF)
        break;
    }
    /* idempotent */
    if(out.len && ao_js_minify(out.data, out.len, &o, &again, NULL) == AO_OK &&
       (again.len != out.len || memcmp(again.data, out.data, out.len)))
      abort();
  }
  ao_buf_free(&out);
  ao_buf_free(&again);
  ao_diags_free(&d);
  free(src);
  return 0;
}
