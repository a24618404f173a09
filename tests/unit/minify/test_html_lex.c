/* Unit tests: the HTML tokenizer. */
#include "../harness.h"

#include <assetopt/html_lex.h>

#include <stdio.h>
#include <stdlib.h>

/* Tokenizes s and writes one letter per token, with the name or body:
 * T(text) R(raw) S(start) E(end) C(comment) B(bogus) D(doctype) X(cdata). */
static void dump(const char *s, unsigned opts, char *out, size_t cap)
{
  size_t n = strlen(s), o = 0;
  unsigned char *p = calloc(1, n + AO_PAD);
  memcpy(p, s, n);
  ao_html_lex lx;
  ao_html_lex_init(&lx, p, n, opts);
  out[0] = 0;
  for(;;) {
    ao_html_tok t;
    if(ao_html_lex_next(&lx, &t) || t.kind == AO_HTML_EOF)
      break;
    static const char letters[] = "ETRSECBDX";
    char c = letters[t.kind];
    o += (size_t)snprintf(out + o, cap - o, "%c(%.*s)%s", c, (int)t.name_len,
                          (const char *)p + t.name_off,
                          (t.flags & AO_HTML_TF_UNTERMINATED) ? "!" : "");
    if(o >= cap)
      break;
  }
  ao_html_lex_free(&lx);
  free(p);
}

#define LEX(src, want)                         \
  do {                                         \
    char got_[1024];                           \
    dump((src), 0, got_, sizeof(got_));        \
    CHECK_STR(got_, (want));                   \
  } while(0)

AO_TEST(html_lex_basic_tokens)
{
  LEX("<!DOCTYPE html><p class=a>x &amp; y</p>",
      "D( html)S(p)T(x &amp; y)E(p)");
  LEX("a < b <3 </ c", "T(a < b <3 )B( c)");
  LEX("<!-- c --><!----><!--><!--->x<!-- a --!>",
      "C( c )C()C()C()T(x)C( a )");
  LEX("<?xml v?><!x><![CDATA[y]]></3></>",
      "B(?xml v?)B(x)B([CDATA[y]])B(3)B()");
  LEX("<a href='x'", "S(a)!");
  LEX("<!-- open", "C( open)!");
}

AO_TEST(html_lex_attributes)
{
  const char *s = "<img src = \"a b\" alt='' data-x=y/z checked =flag "
                  "=odd a\"b=1 c=\"&amp;\"/>";
  size_t n = strlen(s);
  unsigned char *p = calloc(1, n + AO_PAD);
  memcpy(p, s, n);
  ao_html_lex lx;
  ao_html_lex_init(&lx, p, n, 0);
  ao_html_tok k;
  REQUIRE(!ao_html_lex_next(&lx, &k));
  CHECK_INT(k.kind, AO_HTML_START_TAG);
  CHECK(k.flags & AO_HTML_TF_SELF_CLOSING);
  CHECK(p[k.tag_end] == '/');
  REQUIRE(k.nattrs == 7);
  CHECK_INT(k.attrs[0].quote, '"');
  CHECK_MEM(p + k.attrs[0].val_off, k.attrs[0].val_len, "a b", 3);
  CHECK_INT(k.attrs[1].quote, '\'');
  CHECK_INT(k.attrs[1].val_len, 0);
  CHECK_INT(k.attrs[2].quote, 0);
  CHECK_MEM(p + k.attrs[2].val_off, k.attrs[2].val_len, "y/z", 3);
  CHECK_INT(k.attrs[3].quote, 0); /* "checked =flag" */
  CHECK_MEM(p + k.attrs[3].val_off, k.attrs[3].val_len, "flag", 4);
  CHECK_MEM(p + k.attrs[4].name_off, k.attrs[4].name_len, "=odd", 4);
  CHECK_INT(k.attrs[4].quote, -1);
  CHECK_MEM(p + k.attrs[5].name_off, k.attrs[5].name_len, "a\"b", 3);
  CHECK(k.attrs[6].charref);
  CHECK(!k.attrs[0].charref);
  CHECK(ao_html_attr_find(&k, p, "checked") == &k.attrs[3]);
  CHECK(ao_html_attr_value_is(&k.attrs[3], p, "flag"));
  ao_html_lex_free(&lx);
  free(p);
}

AO_TEST(html_lex_raw_text_elements)
{
  LEX("<script>if(a<b)x='</scripty>'</script>",
      "S(script)R(if(a<b)x='</scripty>')E(script)");
  LEX("<SCRIPT><!-- <script> </script> --></SCRIPT>x",
      "S(SCRIPT)R(<!-- <script> </script> -->)E(SCRIPT)T(x)");
  LEX("<script><!-- </script>x", "S(script)R(<!-- )E(script)T(x)");
  LEX("<style>a>b{}</style >", "S(style)R(a>b{})E(style)");
  LEX("<textarea><b>x</b></textarea>", "S(textarea)R(<b>x</b>)E(textarea)");
  LEX("<title>a<b</title>", "S(title)R(a<b)E(title)");
  LEX("<script></script>", "S(script)E(script)");
  LEX("<script>never ends", "S(script)R(never ends)!");
  LEX("<plaintext></plaintext><b>", "S(plaintext)R(</plaintext><b>)");
  LEX("<noscript><b>x</b></noscript>", "S(noscript)S(b)T(x)E(b)E(noscript)");
  char got[256];
  dump("<noscript><b>x</b></noscript>", AO_HTML_LEX_NOSCRIPT_RAW, got,
       sizeof(got));
  CHECK_STR(got, "S(noscript)R(<b>x</b>)E(noscript)");
}

AO_TEST(html_lex_foreign_content)
{
  LEX("<svg><style>a<b</style><![CDATA[<x>]]></svg><style>a<b</style>",
      "S(svg)S(style)T(a)S(b<)X(<x>)E(svg)S(style)R(a<b)E(style)");
  LEX("<svg><title>t</title><p>x<![CDATA[y]]>",
      "S(svg)S(title)T(t)E(title)S(p)T(x)B([CDATA[y]])");
  LEX("<math/><script>a<b</script>", "S(math)S(script)R(a<b)E(script)");
}
