/* Unit tests: the CSS tokenizer, token by token. */
#include "../harness.h"

#include <assetopt/css_lex.h>

#include <stdlib.h>

/* "KIND(text) KIND(text) ..." for every token of s. */
static char *toks(const char *s)
{
  size_t n = strlen(s);
  unsigned char *src = calloc(n + AO_PAD, 1);
  memcpy(src, s, n);
  ao_css_lex lx;
  ao_css_tok t;
  ao_buf b = AO_BUF_INIT(0);
  ao_css_lex_init(&lx, src, n);
  size_t guard = 0;
  while(ao_css_lex_next(&lx, &t) != AO_CSS_EOF && guard++ < 1000)
    ao_buf_printf(&b, "%s%s(%.*s)%s", b.len ? " " : "", ao_css_tok_name(t.kind),
                  (int)t.len, (const char *)src + t.off,
                  (t.flags & AO_CSS_TF_UNTERMINATED) ? "!" : "");
  ao_buf_putc(&b, 0);
  free(src);
  return (char *)b.data;
}

#define TOKS(in, want)          \
  do {                          \
    char *got_ = toks(in);      \
    CHECK_STR(got_, want);      \
    ao_free(got_);              \
  } while(0)

AO_TEST(css_lex_basic_rule)
{
  TOKS("a>b{color:red;}",
       "IDENT(a) DELIM(>) IDENT(b) LBRACE({) IDENT(color) COLON(:) IDENT(red) "
       "SEMICOLON(;) RBRACE(})");
  TOKS("@media (x){}", "AT_KEYWORD(@media) WS( ) LPAREN(() IDENT(x) RPAREN()) "
                       "LBRACE({) RBRACE(})");
}

AO_TEST(css_lex_numbers)
{
  TOKS("1 +.5 -0.5e3 10% 12px 1e 1e+2 -.5em", "NUMBER(1) WS( ) NUMBER(+.5) WS( ) "
       "NUMBER(-0.5e3) WS( ) PERCENTAGE(10%) WS( ) DIMENSION(12px) WS( ) "
       "DIMENSION(1e) WS( ) NUMBER(1e+2) WS( ) DIMENSION(-.5em)");
  TOKS("1px-2px", "DIMENSION(1px-2px)");
  TOKS("2n+1", "DIMENSION(2n) NUMBER(+1)");
  TOKS("1.", "NUMBER(1) DELIM(.)");
}

AO_TEST(css_lex_idents_and_escapes)
{
  TOKS("-a --b -- -1 \\31 23 a\\", "IDENT(-a) WS( ) IDENT(--b) WS( ) IDENT(--) WS( ) "
       "NUMBER(-1) WS( ) IDENT(\\31 23) WS( ) IDENT(a) DELIM(\\)");
  TOKS("#a #1 #-- # x", "HASH(#a) WS( ) HASH(#1) WS( ) HASH(#--) WS( ) DELIM(#) WS( ) IDENT(x)");
  TOKS("\xc3\xa9t\xc3\xa9", "IDENT(\xc3\xa9t\xc3\xa9)");
}

AO_TEST(css_lex_strings_and_urls)
{
  TOKS("'a\\'b' \"c", "STRING('a\\'b') WS( ) STRING(\"c)!");
  TOKS("'a\nb'", "BAD_STRING('a) WS(\n) IDENT(b) STRING(')!");
  TOKS("'a\\\nb'", "STRING('a\\\nb')");
  TOKS("url( a.png ) url('b') url(a b) url(c", "URL(url( a.png )) WS( ) "
       "FUNCTION(url() STRING('b') RPAREN()) WS( ) BAD_URL(url(a b)) WS( ) URL(url(c)!");
  TOKS("url(a(b)", "BAD_URL(url(a(b))");
}

AO_TEST(css_lex_comments_cdo_cdc_unicode_range)
{
  TOKS("/**/a/* x *//*", "COMMENT(/**/) IDENT(a) COMMENT(/* x */) COMMENT(/*)!");
  TOKS("<!-- a -->", "CDO(<!--) WS( ) IDENT(a) WS( ) CDC(-->)");
  TOKS("U+0-7F u+4?\?\? u+a", "UNICODE_RANGE(U+0-7F) WS( ) UNICODE_RANGE(u+4?\?\?) WS( ) "
       "UNICODE_RANGE(u+a)");
  TOKS("u+ x", "IDENT(u) DELIM(+) WS( ) IDENT(x)");
}

AO_TEST(css_lex_value_spans)
{
  const char *s = "@font-face url( x.png ) 12.5px \"s\"";
  size_t n = strlen(s);
  unsigned char *src = calloc(n + AO_PAD, 1);
  memcpy(src, s, n);
  ao_css_lex lx;
  ao_css_tok tk;
  ao_css_lex_init(&lx, src, n);
  CHECK_INT(ao_css_lex_next(&lx, &tk), AO_CSS_AT_KEYWORD);
  CHECK_MEM(src + tk.voff, tk.vlen, "font-face", 9);
  ao_css_lex_next(&lx, &tk);
  CHECK_INT(ao_css_lex_next(&lx, &tk), AO_CSS_URL);
  CHECK_MEM(src + tk.voff, tk.vlen, "x.png", 5);
  ao_css_lex_next(&lx, &tk);
  CHECK_INT(ao_css_lex_next(&lx, &tk), AO_CSS_DIMENSION);
  CHECK_MEM(src + tk.voff, tk.vlen, "12.5", 4);
  ao_css_lex_next(&lx, &tk);
  CHECK_INT(ao_css_lex_next(&lx, &tk), AO_CSS_STRING);
  CHECK_MEM(src + tk.voff, tk.vlen, "s", 1);
  CHECK_INT(ao_css_lex_next(&lx, &tk), AO_CSS_EOF);
  CHECK_INT(ao_css_lex_next(&lx, &tk), AO_CSS_EOF);
  free(src);
}
