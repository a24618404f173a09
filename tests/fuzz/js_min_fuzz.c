/* Fuzz target: the JS minifier never crashes or leaks; when it accepts an
 * input, its output is no larger, tokenizes again, and minifying it once
 * more changes nothing. Also: the tokenizer gives the same tokens one at a
 * time and in batches. */
#include <assetopt/js.h>
#include <assetopt/js_lex.h>

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

/* ao_js_lex_fill (in batches of 7) against ao_js_lex_next */
static void same_tokens(const unsigned char *src, size_t size)
{
  ao_js_lex a, b;
  ao_js_lex_init(&a, src, size, AO_JS_LEX_LEGAL_COMMENTS);
  ao_js_lex_init(&b, src, size, AO_JS_LEX_LEGAL_COMMENTS);
  ao_js_ftok v[7];
  for(;;) {
    size_t got = 0;
    ao_status sb = ao_js_lex_fill(&b, v, sizeof(v[0]), 7, &got);
    for(size_t i = 0; i < got; i++) {
      ao_js_tok t;
      uint8_t prop = a.prev_prop;
      if(ao_js_lex_next(&a, &t) != AO_OK || t.off != v[i].off ||
         t.len != v[i].len || t.kind != v[i].kind ||
         t.nl_before != v[i].nl_before || t.kw != v[i].kw ||
         t.escaped != v[i].escaped || a.regex_ok != v[i].regex_ok ||
         a.prev_close != v[i].closed || prop != v[i].prop ||
         (a.depth ? a.stack[a.depth - 1] : AO_JS_CTX_BLOCK) != v[i].ctx)
        abort();
      if(t.kind == AO_JS_EOF)
        return;
    }
    if(sb) {
      ao_js_tok t;
      if(ao_js_lex_next(&a, &t) == AO_OK || a.err_off != b.err_off)
        abort();   /* the same error, at the same place */
      return;
    }
  }
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
  unsigned char *src = malloc(size + AO_PAD);
  if(!src)
    return 0;
  memcpy(src, data, size);
  memset(src + size, 0, AO_PAD);
  same_tokens(src, size);
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
