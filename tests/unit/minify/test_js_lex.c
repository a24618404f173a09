/* Unit tests: the JavaScript tokenizer. Each regex/division and each token
 * hazard is its own named test. */
#include "../harness.h"

#include <assetopt/js_lex.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One letter per token: N name, V #private, 9 number, S string,
 * T template, H head, M middle, L tail, R regex, P punctuator,
 * C comment, B hashbang; '^' before a token with nl_before; "!" and the
 * error message when the tokenizer rejects the input. */
static char *kinds(const char *s, unsigned flags)
{
  size_t n = strlen(s);
  unsigned char *src = calloc(n + AO_PAD, 1);
  memcpy(src, s, n);
  ao_js_lex lx;
  ao_js_lex_init(&lx, src, n, flags);
  ao_buf b = AO_BUF_INIT(0);
  ao_buf_puts(&b, "");
  static const char letters[] = "ENV9STHMLRPCCB";
  for(int guard = 0; guard < 10000; guard++) {
    ao_js_tok t;
    if(ao_js_lex_next(&lx, &t)) {
      ao_buf_printf(&b, "!%s", lx.err_msg);
      break;
    }
    if(t.kind == AO_JS_EOF)
      break;
    if(t.nl_before)
      ao_buf_putc(&b, '^');
    ao_buf_putc(&b, letters[t.kind]);
  }
  free(src);
  size_t len;
  return (char *)ao_buf_detach(&b, &len);
}

/* The text of each token, separated by spaces. */
static char *texts(const char *s)
{
  size_t n = strlen(s);
  unsigned char *src = calloc(n + AO_PAD, 1);
  memcpy(src, s, n);
  ao_js_lex lx;
  ao_js_lex_init(&lx, src, n, 0);
  ao_buf b = AO_BUF_INIT(0);
  ao_buf_puts(&b, "");
  for(int i = 0; i < 10000; i++) {
    ao_js_tok t;
    if(ao_js_lex_next(&lx, &t)) {
      ao_buf_printf(&b, "!%s", lx.err_msg);
      break;
    }
    if(t.kind == AO_JS_EOF)
      break;
    ao_buf_printf(&b, "%s%.*s", i ? " " : "", (int)t.len,
                  (const char *)src + t.off);
  }
  free(src);
  size_t len;
  return (char *)ao_buf_detach(&b, &len);
}

#define KINDS(src, want) do { char *g_ = kinds(src, 0); CHECK_STR(g_, want); \
    ao_free(g_); } while(0)
#define KINDSC(src, want) do { char *g_ = kinds(src, AO_JS_LEX_COMMENTS); \
    CHECK_STR(g_, want); ao_free(g_); } while(0)
#define TEXTS(src, want) do { char *g_ = texts(src); CHECK_STR(g_, want); \
    ao_free(g_); } while(0)
#define REJECTS(src) do { char *g_ = kinds(src, 0); CHECK(strchr(g_, '!')); \
    ao_free(g_); } while(0)

/* ---- regex or division ---------------------------------------------- */
AO_TEST(js_lex_regex_at_start) { KINDS("/a/g.test(x)", "RPNPNP"); }
AO_TEST(js_lex_div_after_name) { KINDS("a / b / c", "NPNPN"); }
AO_TEST(js_lex_div_after_number) { KINDS("1 / 2 / 3", "9P9P9"); }
AO_TEST(js_lex_div_after_call_paren) { KINDS("f(x) / 2 / y", "NPNPP9PN"); }
AO_TEST(js_lex_regex_after_if_paren) { KINDS("if (x) /re/.test(y)", "NPNPRPNPNP"); }
AO_TEST(js_lex_regex_after_while_paren) { KINDS("while (x) /a/g.exec(s)", "NPNPRPNPNP"); }
AO_TEST(js_lex_regex_after_for_paren) { KINDS("for (;;) /a/.x", "NPPPPRPN"); }
AO_TEST(js_lex_regex_after_with_paren) { KINDS("with (o) /a/", "NPNPR"); }
AO_TEST(js_lex_div_after_property_if) { KINDS("a.if(x) / 2", "NPNPNPP9"); }
AO_TEST(js_lex_div_after_index) { KINDS("a[0] / 2 / b", "NP9PP9PN"); }
AO_TEST(js_lex_regex_after_block_brace) { KINDS("{}\n/foo/g.test(s)", "PP^RPNPNP"); }
AO_TEST(js_lex_div_after_object_brace) { KINDS("x = {} / 2 / y", "NPPPP9PN"); }
AO_TEST(js_lex_div_after_function_expression)
{
  KINDS("x = function () {} / 2 / y", "NPNPPPPP9PN");
}
AO_TEST(js_lex_regex_after_function_declaration)
{
  KINDS("function f() {}\n/re/.test(s)", "NNPPPP^RPNPNP");
}
AO_TEST(js_lex_regex_after_arrow_body) { KINDS("f = () => {}\n/a/g", "NPPPPPP^R"); }
AO_TEST(js_lex_div_after_class_expression) { KINDS("x = class {} / 2", "NPNPPP9"); }
AO_TEST(js_lex_regex_after_class_declaration) { KINDS("class A {}\n/a/", "NNPP^R"); }
AO_TEST(js_lex_div_after_ternary_object) { KINDS("a ? {} : {} / 2", "NPPPPPPP9"); }
AO_TEST(js_lex_regex_after_return) { KINDS("return /a/", "NR"); }
AO_TEST(js_lex_regex_after_typeof) { KINDS("typeof /a/", "NR"); }
AO_TEST(js_lex_regex_after_case) { KINDS("switch(x){case /a/:}", "NPNPPNRPP"); }
AO_TEST(js_lex_regex_after_keywords)
{
  static const char *kw[] = { "do", "else", "in", "of", "instanceof", "new",
                              "delete", "void", "throw", "yield", "await" };
  for(size_t i = 0; i < sizeof(kw) / sizeof(kw[0]); i++) {
    char buf[64];
    strcpy(buf, kw[i]);
    strcat(buf, " /a/g");
    KINDS(buf, "NR");
  }
}
AO_TEST(js_lex_div_after_this) { KINDS("this / 2", "NP9"); }
AO_TEST(js_lex_regex_after_operators) { KINDS("a = /x/; b(/y/, [/z/]); c && /w/", "NPRPNPRPPRPPPNPR"); }
AO_TEST(js_lex_div_after_postfix_increment) { KINDS("a++ / 2", "NPP9"); }
AO_TEST(js_lex_regex_class_with_slash) { TEXTS("x = /[/]\\//g", "x = /[/]\\//g"); }
AO_TEST(js_lex_regex_v_flag) { TEXTS("/[\\p{L}--[a-z]]/v", "/[\\p{L}--[a-z]]/v"); }
AO_TEST(js_lex_regex_in_template_substitution) { KINDS("`${/a/.source}`", "HRPNL"); }
AO_TEST(js_lex_rescan_regex)
{
  const char *s = "a /b/g";
  unsigned char src[16] = { 0 };
  memcpy(src, s, strlen(s));
  ao_js_lex lx;
  ao_js_tok tk;
  ao_js_lex_init(&lx, src, strlen(s), 0);
  REQUIRE(!ao_js_lex_next(&lx, &tk));
  REQUIRE(!ao_js_lex_next(&lx, &tk));
  CHECK_INT(tk.kind, AO_JS_PUNCT);
  REQUIRE(!ao_js_lex_rescan_regex(&lx, &tk));
  CHECK_INT(tk.kind, AO_JS_REGEX);
  CHECK_INT(tk.len, 4);
  REQUIRE(!ao_js_lex_next(&lx, &tk));
  CHECK_INT(tk.kind, AO_JS_EOF);
}

/* ---- punctuators ---------------------------------------------------- */
AO_TEST(js_lex_optional_chain_vs_ternary_number)
{
  TEXTS("a?.b", "a ?. b");
  TEXTS("a?.5:1", "a ? .5 : 1");
}
AO_TEST(js_lex_long_punctuators)
{
  TEXTS("a?\?=b**=c>>>=d", "a ?\?= b **= c >>>= d");
  TEXTS("a>>>b>>c<<=d===e!==f&&=g||=h=>i...j", "a >>> b >> c <<= d === e !== f &&= g ||= h => i ... j");
}
AO_TEST(js_lex_private_name) { KINDS("class A { #x = 1; m() { return this.#x } }", "NNPVP9PNPPPNNPVPP"); }

/* ---- numbers --------------------------------------------------------- */
AO_TEST(js_lex_numbers)
{
  TEXTS("0x1F 0o17 0b101 017 089 10n 1_000_000 .5 5. 1e10 1.5E-3 0xFFn 1_0.2_5e1_0",
        "0x1F 0o17 0b101 017 089 10n 1_000_000 .5 5. 1e10 1.5E-3 0xFFn 1_0.2_5e1_0");
  TEXTS("1..toString()", "1. . toString ( )");
  TEXTS("1 .toString()", "1 . toString ( )");
}
AO_TEST(js_lex_number_followed_by_name_is_error) { REJECTS("3in x"); REJECTS("1.toString()"); REJECTS("1e"); REJECTS("0x"); }

/* ---- strings and templates ------------------------------------------ */
AO_TEST(js_lex_string_escapes)
{
  TEXTS("'a\\'b' \"c\\\"d\" '\\u{1F600}\\x41\\0'", "'a\\'b' \"c\\\"d\" '\\u{1F600}\\x41\\0'");
  TEXTS("'line\\\ncontinued' 'crlf\\\r\ncont'", "'line\\\ncontinued' 'crlf\\\r\ncont'");
  TEXTS("'ls\xe2\x80\xa8ps'", "'ls\xe2\x80\xa8ps'");
}
AO_TEST(js_lex_unterminated_string) { REJECTS("'abc"); REJECTS("'ab\nc'"); REJECTS("\"abc\\"); }
AO_TEST(js_lex_template_nested)
{
  KINDS("`a${b}c${d}e`", "HNMNL");
  KINDS("`a${ `b${ `c${d}` }` }e`", "HHHNLLL");
  KINDS("`${ {a: 1}.a }`", "HPNP9PPNL");
  KINDS("`x`", "T");
}
AO_TEST(js_lex_unterminated_template) { REJECTS("`abc"); REJECTS("`a${b"); REJECTS("`a${b}c"); }
AO_TEST(js_lex_unterminated_regex) { REJECTS("x = /abc"); REJECTS("x = /ab\nc/"); REJECTS("x = /[/"); }
AO_TEST(js_lex_unterminated_comment) { REJECTS("a /* b"); }

/* ---- names, comments, line terminators ------------------------------ */
AO_TEST(js_lex_unicode_identifiers)
{
  TEXTS("var caf\xc3\xa9 = \\u0061bc + \\u{62}; \xe5\xa4\x89\xe6\x95\xb0", "var caf\xc3\xa9 = \\u0061bc + \\u{62} ; \xe5\xa4\x89\xe6\x95\xb0");
  REJECTS("a\\x41");
}
AO_TEST(js_lex_line_terminators)
{
  KINDS("a\nb\rc\r\nd\xe2\x80\xa8" "e\xe2\x80\xa9" "f", "N^N^N^N^N^N");
  KINDS("a\xc2\xa0\xef\xbb\xbf" "b", "NN");
  KINDS("a /*\n*/ b", "N^N");
  KINDS("a // c\nb", "N^N");
}
AO_TEST(js_lex_comments_as_tokens)
{
  KINDSC("#!/usr/bin/env node\na /* x */ // y\nb", "B^NCC^N");
}
AO_TEST(js_lex_only_legal_comments_as_tokens)
{
  /* legal and source-map comments and the hashbang come back; the others
     are skipped, their line breaks kept for the next token */
  const char *src = "#!/usr/bin/env node\na /* x */ /*! keep */ // y\n"
                    "b /* @license MIT */ /** @preserve */ /* @param */\n"
                    "//# sourceMappingURL=a.map\n/* z\n*/c";
  char *g = kinds(src, AO_JS_LEX_LEGAL_COMMENTS);
  CHECK_STR(g, "B^NC^NCC^C^N");
  ao_free(g);
  CHECK(ao_js_comment_is_legal((const unsigned char *)"/*! a */", 8));
  CHECK(ao_js_comment_is_legal((const unsigned char *)"//! a", 5));
  CHECK(ao_js_comment_is_legal((const unsigned char *)"/* x @license y */", 18));
  CHECK(ao_js_comment_is_legal((const unsigned char *)"// @preserve", 12));
  CHECK(!ao_js_comment_is_legal((const unsigned char *)"/* @param @licens */", 20));
  CHECK(!ao_js_comment_is_legal((const unsigned char *)"// @", 4));
}
AO_TEST(js_lex_hashbang_only_at_start) { REJECTS(" #!x"); }
AO_TEST(js_lex_keyword_ids)
{
  const unsigned char r[] = "return";
  CHECK_INT(ao_js_keyword(r, 6), AO_JS_KW_RETURN);
  CHECK_INT(ao_js_keyword(r, 3), AO_JS_KW_NONE);
}
AO_TEST(js_lex_mismatched_brackets) { REJECTS("(]"); REJECTS("}"); REJECTS("a)"); }
AO_TEST(js_lex_nul_in_source_is_error) {
  unsigned char src[8] = { 'a', 0, 'b', 0, 0, 0, 0, 0 };
  ao_js_lex lx;
  ao_js_tok tk;
  ao_js_lex_init(&lx, src, 3, 0);
  CHECK(!ao_js_lex_next(&lx, &tk));
  CHECK_INT(ao_js_lex_next(&lx, &tk), AO_SYNTAX);
  CHECK_INT(lx.err_off, 1);
}

/* ao_js_lex_fill gives the tokens ao_js_lex_next gives, with the state
 * after each, in slots of the caller's size, in as many calls as it
 * takes; on an error, the tokens before it. */
typedef struct slot {
  ao_js_ftok t;
  char mine[5];   /* caller's data beside each token: left alone */
} slot;

static size_t fill_all(const char *s, unsigned flags, slot *v, size_t cap,
                       size_t step, ao_status *st)
{
  size_t n = strlen(s), k = 0, got;
  unsigned char *src = calloc(n + AO_PAD, 1);
  memcpy(src, s, n);
  ao_js_lex lx;
  ao_js_lex_init(&lx, src, n, flags);
  *st = AO_OK;
  while(k < cap && !*st) {
    *st = ao_js_lex_fill(&lx, v + k, sizeof(slot), step, &got);
    k += got;
    if(k && v[k - 1].t.kind == AO_JS_EOF)
      break;
  }
  free(src);
  return k;
}

AO_TEST(js_lex_fill_matches_next)
{
  const char *s = "#!/usr/bin/env node\n/*! keep */ let a = { b: 1 }, c = "
                  "`x${ y ? `${z}` : /re/g }` // x\n"
                  "function f(p) { return (p) => { return p / 2 } }\n"
                  "if (a) /r/.test(b); x = a?.b ?? c\n";
  slot v[200];
  for(size_t i = 0; i < 200; i++)
    memcpy(v[i].mine, "mine", 5);
  ao_status st;
  size_t n = fill_all(s, AO_JS_LEX_LEGAL_COMMENTS, v, 200, 3, &st);
  CHECK_INT(st, AO_OK);
  REQUIRE(n > 40 && n < 200);
  CHECK_INT(v[n - 1].t.kind, AO_JS_EOF);
  size_t len = strlen(s);
  unsigned char *src = calloc(len + AO_PAD, 1);
  memcpy(src, s, len);
  ao_js_lex lx;
  ao_js_lex_init(&lx, src, len, AO_JS_LEX_LEGAL_COMMENTS);
  for(size_t i = 0; i < n; i++) {
    ao_js_tok tk;
    int prop = lx.prev_prop;
    REQUIRE(ao_js_lex_next(&lx, &tk) == AO_OK);
    const ao_js_ftok *f = &v[i].t;
    CHECK_INT(f->off, tk.off);
    CHECK_INT(f->len, tk.len);
    CHECK_INT(f->kind, tk.kind);
    CHECK_INT(f->nl_before, tk.nl_before);
    CHECK_INT(f->kw, tk.kw);
    CHECK_INT(f->escaped, tk.escaped);
    CHECK_INT(f->regex_ok, lx.regex_ok);
    CHECK_INT(f->closed, lx.prev_close);
    CHECK_INT(f->ctx, lx.depth ? lx.stack[lx.depth - 1] : AO_JS_CTX_BLOCK);
    CHECK_INT(f->prop, prop);
    CHECK_STR(v[i].mine, "mine");
  }
  free(src);
  /* spot checks: the ')' of f's parameters, the '}' of the arrow body */
  int params = 0, arrow = 0;
  for(size_t i = 0; i < n; i++) {
    const char *p = s + v[i].t.off;
    if(*p == ')' && v[i].t.closed == AO_JS_CTX_FNDECL)
      params++;
    if(*p == '}' && v[i].t.closed == AO_JS_CTX_ARROW)
      arrow++;
  }
  CHECK_INT(params, 1);
  CHECK_INT(arrow, 1);
}

AO_TEST(js_lex_fill_stops_at_error)
{
  slot v[16];
  ao_status st;
  size_t n = fill_all("a + 'b", 0, v, 16, 16, &st);
  CHECK_INT(st, AO_SYNTAX);
  CHECK_INT(n, 2);   /* a + */
  n = fill_all("x", 0, v, 16, 1, &st);   /* one at a time, EOF last */
  CHECK_INT(st, AO_OK);
  CHECK_INT(n, 2);
  CHECK_INT(v[1].t.kind, AO_JS_EOF);
}

/* Every keyword is found, and nothing near one (a byte changed, one more
 * or one fewer) unless that is a keyword too. */
AO_TEST(js_lex_keyword_lookup_is_exact)
{
  static const char *words[] = {
#define AO_X_KWS(id, str) str,
    AO_JS_KEYWORDS(AO_X_KWS)
#undef AO_X_KWS
  };
  size_t nw = sizeof(words) / sizeof(words[0]);
  CHECK_INT(nw, AO_JS_KW_COUNT_ - 1);
  for(size_t i = 0; i < nw; i++) {
    const unsigned char *w = (const unsigned char *)words[i];
    size_t n = strlen(words[i]);
    CHECK_INT(ao_js_keyword(w, n), (int)(i + 1));
    unsigned char b[16];
    for(size_t k = 0; k < n; k++) {   /* one byte changed */
      memcpy(b, w, n);
      b[k] = (unsigned char)(b[k] == 'z' ? 'a' : b[k] + 1);
      int other = 0;
      for(size_t j = 0; j < nw; j++)
        other |= strlen(words[j]) == n && !memcmp(words[j], b, n);
      if(!other)
        CHECK_INT(ao_js_keyword(b, n), AO_JS_KW_NONE);
    }
    memcpy(b, w, n);
    b[n] = 's';
    int other = 0;
    for(size_t j = 0; j < nw; j++)
      other |= strlen(words[j]) == n + 1 && !memcmp(words[j], b, n + 1);
    if(!other)
      CHECK_INT(ao_js_keyword(b, n + 1), AO_JS_KW_NONE);
    other = 0;
    for(size_t j = 0; j < nw; j++)
      other |= strlen(words[j]) == n - 1 && !memcmp(words[j], w, n - 1);
    if(!other)
      CHECK_INT(ao_js_keyword(w, n - 1), AO_JS_KW_NONE);
  }
  CHECK_INT(ao_js_keyword((const unsigned char *)"instanceofs", 11), AO_JS_KW_NONE);
  CHECK_INT(ao_js_keyword((const unsigned char *)"x", 1), AO_JS_KW_NONE);
}

/* Names, strings, comments and indentation of every length from 1 to 40
 * at every offset from 0 to 33: the scans that look at 16 bytes at a time
 * stop at the same byte as one at a time, also next to the end. */
AO_TEST(js_lex_long_runs_at_every_offset)
{
  char src[512], want[512], name[48], str[48], body[48];
  for(int k = 0; k <= 33; k++) {
    for(int n = 1; n <= 40; n++) {
      for(int i = 0; i < n; i++) {
        name[i] = "aZ_$09"[i % 6];
        str[i] = i == n / 2 ? '"' : (char)('a' + i % 26);
        body[i] = i % 3 ? '*' : 'x';
      }
      name[0] = 'n';
      name[n] = str[n] = body[n] = 0;
      /* a " in the single-quoted string, a name going on with a non-ASCII
         letter, comments full of stars */
      snprintf(src, sizeof src,
               "%*s\n%*s%s '%s' /*%s*/ %s\xc3\xa9q //%s\n%s\t%*s'\\'%s'%*s",
               k, "", k, "", name, str, body, name, body, name, k, "", str,
               k % 7, "");
      snprintf(want, sizeof want, "%s '%s' %s\xc3\xa9q %s '\\'%s'",
               name, str, name, name, str);
      char *g = texts(src);
      CHECK_STR(g, want);
      ao_free(g);
      KINDS(src, "^NSN^NS");   /* the line breaks seen */
      /* names end right before the bytes next to the ranges of their
         letters and digits: / : ` { [ */
      snprintf(src, sizeof src, "%*s({%s:%s/%s`t`,%s}[%s[0]]);class %s{}",
               k, "", name, name, name, name, name, name);
      snprintf(want, sizeof want,
               "( { %s : %s / %s `t` , %s } [ %s [ 0 ] ] ) ; class %s { }",
               name, name, name, name, name, name);
      g = texts(src);
      CHECK_STR(g, want);
      ao_free(g);
      /* a line break in a long string, found past the first 16 bytes */
      snprintf(src, sizeof src, "%*sx = '%s%s\nq'", k, "", str, body);
      REJECTS(src);
    }
  }
}
