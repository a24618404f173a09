/* Fuzz target: the HTML minifier. It never fails on input that is not
 * truncated markup, its output is never larger, a second pass changes
 * nothing, and — with optional tags kept — the tokenizer sees the same tags
 * with the same attributes in the output as in the input (up to what the
 * minifier may change). */
#include <assetopt/html.h>
#include <assetopt/html_lex.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const booleans[] = {
  "allowfullscreen", "async", "autofocus", "autoplay", "checked", "controls",
  "default", "defer", "disabled", "formnovalidate", "inert", "ismap",
  "itemscope", "loop", "multiple", "muted", "nomodule", "novalidate", "open",
  "playsinline", "readonly", "required", "reversed", "selected", NULL
};

static unsigned char lower(unsigned char c)
{
  return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* A digest of the tags: kind, name, then name=value per kept attribute. */
static void tags(const unsigned char *p, size_t n, ao_buf *sig)
{
  ao_html_lex lx;
  ao_html_lex_init(&lx, p, n, AO_HTML_LEX_NOSCRIPT_RAW);
  for(;;) {
    ao_html_tok t;
    if(ao_html_lex_next(&lx, &t) || t.kind == AO_HTML_EOF)
      break;
    if(t.kind != AO_HTML_START_TAG && t.kind != AO_HTML_END_TAG)
      continue;
    ao_buf_putc(sig, t.kind == AO_HTML_START_TAG ? '<' : '/');
    for(size_t i = 0; i < t.name_len; i++)
      ao_buf_putc(sig, lower(p[t.name_off + i]));
    if((t.flags & AO_HTML_TF_FOREIGN) && (t.flags & AO_HTML_TF_SELF_CLOSING))
      ao_buf_putc(sig, '/');
    for(size_t k = 0; k < t.nattrs; k++) {
      const ao_html_attr *a = &t.attrs[k];
      if(ao_html_name_is(p, a->name_off, a->name_len, "type") ||
         ao_html_name_is(p, a->name_off, a->name_len, "style"))
        continue;
      ao_buf_putc(sig, ' ');
      ao_buf_append(sig, p + a->name_off, a->name_len);
      int boolean = 0;
      for(const char *const *b = booleans; *b; b++)
        if(ao_html_name_is(p, a->name_off, a->name_len, *b))
          boolean = !(t.flags & AO_HTML_TF_FOREIGN);
      if(a->quote < 0 || !a->val_len)
        continue;
      if(boolean && a->val_len == a->name_len) {
        size_t i = 0;
        while(i < a->name_len &&
              lower(p[a->name_off + i]) == lower(p[a->val_off + i]))
          i++;
        if(i == a->name_len)
          continue;
      }
      if(ao_html_name_is(p, a->name_off, a->name_len, "class") &&
         !a->charref && !(t.flags & AO_HTML_TF_FOREIGN)) {
        /* a set of names: whitespace between them is free */
        int sep = 0, any = 0;
        for(size_t i = 0; i < a->val_len; i++) {
          unsigned char c = p[a->val_off + i];
          if(c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r')
            sep = 1;
          else {
            if(!any)
              ao_buf_putc(sig, '=');
            else if(sep)
              ao_buf_putc(sig, ' ');
            sep = 0;
            any = 1;
            ao_buf_putc(sig, c);
          }
        }
        continue;
      }
      ao_buf_putc(sig, '=');
      ao_buf_append(sig, p + a->val_off, a->val_len);
    }
    ao_buf_putc(sig, '\n');
  }
  ao_html_lex_free(&lx);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if(!size)
    return 0;
  unsigned char *p = malloc(size + AO_PAD);
  if(!p)
    return 0;
  memcpy(p, data, size);
  memset(p + size, 0, AO_PAD);
  ao_html_opts o;
  ao_html_opts_init(&o);
  o.minify_js = o.minify_css = o.minify_json = 0;
  o.remove_optional_tags = data[0] & 1; /* the first byte picks the mode */
  ao_buf out = AO_BUF_INIT(0), again = AO_BUF_INIT(0);
  ao_diags d;
  ao_diags_init(&d, NULL, p, size);
  if(!ao_html_minify(p, size, &o, &out, &d)) {
    if(out.len > size)
      abort();
    ao_diags d2;
    ao_diags_init(&d2, NULL, out.data, out.len);
    if(out.len) {
      if(ao_html_minify(out.data, out.len, &o, &again, &d2))
        abort();
      if(again.len != out.len || memcmp(again.data, out.data, out.len))
        abort();
    }
    ao_diags_free(&d2);
    ao_buf s1 = AO_BUF_INIT(0), s2 = AO_BUF_INIT(0);
    if(!o.remove_optional_tags) {
      tags(p, size, &s1);
      if(out.len)
        tags(out.data, out.len, &s2);
      if(s1.len != s2.len || (s1.len && memcmp(s1.data, s2.data, s1.len)))
        abort();
    }
    ao_buf_free(&s1);
    ao_buf_free(&s2);
  }
  else if(out.len)
    abort(); /* a failure leaves the output as it was */
  ao_buf_free(&out);
  ao_buf_free(&again);
  ao_diags_free(&d);
  free(p);
  return 0;
}
