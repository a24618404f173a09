/* Unit tests: the CSS minifier, one named hazard per case. */
#include "../harness.h"

#include <assetopt/css.h>

#include <stdio.h>
#include <stdlib.h>

struct css_case {
  const char *name, *in, *want;
};

/* Minifies s (as a stylesheet, or as a declaration list); NULL on error. */
static char *min_str(const char *s, int decls, int keep_map, ao_status *st)
{
  size_t n = strlen(s);
  unsigned char *src = calloc(n + AO_PAD, 1);
  memcpy(src, s, n);
  ao_css_opts o;
  ao_css_opts_init(&o);
  o.keep_source_map_url = keep_map;
  ao_buf b = AO_BUF_INIT(0);
  ao_diags d;
  ao_diags_init(&d, NULL, src, n);
  *st = decls ? ao_css_minify_declarations(src, n, &o, &b, &d)
              : ao_css_minify(src, n, &o, &b, &d);
  ao_buf_putc(&b, 0);
  ao_diags_free(&d);
  free(src);
  return (char *)b.data;
}

static void run_cases(struct ao_t *t, const struct css_case *c, size_t n, int decls)
{
  for(size_t i = 0; i < n; i++) {
    ao_status st;
    char *got = min_str(c[i].in, decls, 1, &st);
    if(!CHECK_STR(got, c[i].want))
      fprintf(stderr, "  case: %s\n", c[i].name);
    CHECK_INT(st, AO_OK);
    /* idempotent */
    char *again = min_str(got, decls, 1, &st);
    if(!CHECK_STR(again, got))
      fprintf(stderr, "  not idempotent: %s\n", c[i].name);
    ao_free(again);
    ao_free(got);
  }
}


AO_TEST(css_min_whitespace_and_comments)
{
  static const struct css_case c[] = {
    { "basic", "a { color : red ; }\n", "a{color:red}" },
    { "comments go", "/* x */a/* y */{/* z */color:red/* w */}", "a{color:red}" },
    { "bang comment kept", "/*! keep */\na{b:c}", "/*! keep */a{b:c}" },
    { "source map kept", "a{b:c}\n/*# sourceMappingURL=a.map */\n",
      "a{b:c}/*# sourceMappingURL=a.map */" },
    { "last semicolon", "a{b:c;d:e;}", "a{b:c;d:e}" },
    { "empty rule", "a{}b{ }c{;}d{x:y}", "d{x:y}" },
    { "empty media", "@media print{a{}}b{c:d}", "b{c:d}" },
    { "descendant combinator", "a  .b  *  c{x:y}", "a .b * c{x:y}" },
    { "child and sibling combinators", "a > b + c ~ d , e{x:y}", "a>b+c~d,e{x:y}" },
    { "descendant before pseudo", "a :hover{x:y}", "a :hover{x:y}" },
    { "only a double colon loses one", "a::::before,b:::after{x:y}", "a::::before,b:::after{x:y}" },
    { "css2 pseudo-elements", "a::before,b ::after,c::first-line,d::marker,e:: after{x:y}",
      "a:before,b :after,c:first-line,d::marker,e:: after{x:y}" },
    { "attribute selector", "a[ data-x = \"1\" ]{x:y}", "a[data-x=\"1\"]{x:y}" },
    { "is() list", ":is( a , b  c ) > d{x:y}", ":is(a,b c)>d{x:y}" },
    { "nth-child keeps its spaces", "li:nth-child( 2n + 1 ){x:y}", "li:nth-child(2n + 1){x:y}" },
    { "comment between idents", "a/**/b{x:y}", "a/**/b{x:y}" },
    { "a comment inside a selector counts for nothing", "./**/y{x:y}y{x:y}[a~/**/=b]{x:y}",
      ".y,y,[a~=b]{x:y}" },
    { "space inside an attribute matcher stays", "[a~ =b]{x:y}[a ~= b]{x:z}",
      "[a~ =b]{x:y}[a~=b]{x:z}" },
    { "calc keeps + and -", "a{width:calc( 100% - ( 2 * 10px ) + 1px )}",
      "a{width:calc(100% - (2*10px) + 1px)}" },
    { "calc keeps zero units", "a{width:calc(0px + 1em)}", "a{width:calc(0px + 1em)}" },
    { "media and (", "@media screen and ( min-width : 100px ) , print{a{x:y}}",
      "@media screen and (min-width:100px),print{a{x:y}}" },
    { "important", "a{color:red ! important}", "a{color:red!important}" },
    { "commas and slashes", "a{font:12px / 1.5 a , b;grid-area:1 / 2}",
      "a{font:12px/1.5 a,b;grid-area:1/2}" },
    { "negative after number", "a{margin:0 -1px}", "a{margin:0-1px}" },
    { "dimension then negative", "a{margin:1px -1px}", "a{margin:1px -1px}" },
    { "identifier -- before > is not -->", "-- > a{x:y}--/**/>b{x:z}", "-- >a{x:y}--/**/>b{x:z}" },
    { "u + hex digit is not a unicode-range", "u + a{x:y}u+b{x:y}u + ?{x:y}",
      "u +a{x:y}u+b{x:y}u +?{x:y}" },
  };
  run_cases(t, c, sizeof(c) / sizeof(c[0]), 0);
}

AO_TEST(css_min_numbers_and_units)
{
  static const struct css_case c[] = {
    { "leading zero", "a{opacity:0.50}", "a{opacity:.5}" },
    { "negative", "a{margin:-0.5em}", "a{margin:-.5em}" },
    { "trailing zeros", "a{width:10.0px}", "a{width:10px}" },
    { "plus sign", "a{margin:+1px}", "a{margin:1px}" },
    { "zero length", "a{margin:0px 0em 0.0rem}", "a{margin:0}" },
    { "zero percent kept", "a{width:0%}", "a{width:0%}" },
    { "zero time kept", "a{transition:all 0s}", "a{transition:all 0s}" },
    { "zero angle kept", "a{transform:rotate(0deg)}", "a{transform:rotate(0deg)}" },
    { "flex basis keeps unit", "a{flex:1 1 0px;flex-basis:0px}", "a{flex:1 1 0px;flex-basis:0px}" },
    { "line-height keeps unit", "a{line-height:0px}", "a{line-height:0px}" },
    { "opacity not made valid", "a{opacity:0px}", "a{opacity:0px}" },
    { "custom property exact", "a{--x:  0.50px  #ffffff ;--y: { a } }", "a{--x:0.50px  #ffffff;--y:{ a }}" },
    { "empty custom property", "a{--x: ;--y:;}", "a{--x: ;--y:}" },
    { "exponent kept", "a{width:1e3px}", "a{width:1e3px}" },
    { "keyframe selectors", "@keyframes k{from{a:b}50.0%{a:c}100%{a:d}}",
      "@keyframes k{0%{a:b}50.0%{a:c}to{a:d}}" },
    { "keyframe percent never unitless", "@keyframes k{0%{a:b}}", "@keyframes k{0%{a:b}}" },
    { "escaped number untouched", "a{width:100px\\9}", "a{width:100px\\9}" },
  };
  run_cases(t, c, sizeof(c) / sizeof(c[0]), 0);
}

AO_TEST(css_min_colors_and_keywords)
{
  static const struct css_case c[] = {
    { "hex 6 to 3", "a{color:#FFFFFF}", "a{color:#fff}" },
    { "hex 8 to 4", "a{color:#aabbccdd}", "a{color:#abcd}" },
    { "hex to name", "a{color:#ff0000;background:#d2b48c}", "a{color:red;background:tan}" },
    { "name to hex", "a{color:white;border-color:aliceblue}", "a{color:#fff;border-color:#f0f8ff}" },
    { "rgb to name", "a{color:rgb(255,0,0)}", "a{color:red}" },
    { "rgb to hex", "a{color:rgb(0 0 0)}", "a{color:#000}" },
    { "rgba opaque", "a{color:rgba(255, 255, 255, 1)}", "a{color:#fff}" },
    { "rgba translucent kept", "a{color:rgba(0,0,0,.5)}", "a{color:rgba(0,0,0,.5)}" },
    { "names only where colors go", "a{animation-name:white;font-family:white}",
      "a{animation-name:white;font-family:white}" },
    { "gradient colors", "a{background:linear-gradient(white,#000000)}",
      "a{background:linear-gradient(#fff,#000)}" },
    { "font-weight", "a{font-weight:bold}b{font-weight:normal}", "a{font-weight:700}b{font-weight:400}" },
    { "transparent kept (no #0000 for older browsers)", "a{color:transparent}", "a{color:transparent}" },
    { "four sides", "a{margin:0 0 0 0;padding:1px 2px 1px 2px;inset:1px 2px 3px 2px;border-width:1px 2px 3px}",
      "a{margin:0;padding:1px 2px;inset:1px 2px 3px;border-width:1px 2px 3px}" },
    { "four sides with signs", "a{margin:0 0 -1px 0;padding:0 -1px 0 -1px}", "a{margin:0 0-1px 0;padding:0-1px 0-1px}" },
    { "four sides left alone", "a{margin:0 auto 0 auto!important;padding:var(--a) 0 var(--a) 0;border-radius:1px 1px 1px 1px;margin:calc(1px + 1px) 0 calc(1px + 1px) 0}",
      "a{margin:0 auto!important;padding:var(--a) 0 var(--a) 0;border-radius:1px 1px 1px 1px;margin:calc(1px + 1px)0 calc(1px + 1px)0}" },
    { "font shorthand untouched", "a{font:bold 12px a}", "a{font:bold 12px a}" },
    { "box-shadow zero blur and spread", "a{box-shadow:0 0 0 0 red,inset 0 -1px 0 0 #000,0 1px 2px 0,0 0 0 1px #000}",
      "a{box-shadow:0 0 red,inset 0-1px #000,0 1px 2px,0 0 0 1px #000}" },
    { "box-shadow left alone", "a{box-shadow:calc(1px) 0 0 0 red;box-shadow:0 0 0 0 var(--c);text-shadow:0 0 0 red}",
      "a{box-shadow:calc(1px)0 0 0 red;box-shadow:0 0 0 0 var(--c);text-shadow:0 0 0 red}" },
    { "milliseconds to seconds when shorter", "a{transition:a 500ms,b 1500ms,c 50ms,d 1000ms,e -200ms,f .05ms,g 0ms}",
      "a{transition:a .5s,b 1.5s,c 50ms,d 1s,e -.2s,f .05ms,g 0ms}" },
    { "transition default easing", "a{transition:opacity .2s ease,color 1s ease 2s;-webkit-transition:all 1s ease}"
      "b{transition:ease 1s;transition:linear ease;transition:a ease-in 1s ease;transition:a ease}",
      "a{transition:opacity .2s,color 1s 2s;-webkit-transition:all 1s}"
      "b{transition:ease 1s;transition:linear ease;transition:a ease-in 1s ease;transition:a}" },
    { "scale with equal axes", "a{transform:scale(1,1) scale(1.50,1.5) scale(1,2)}",
      "a{transform:scale(1) scale(1.5) scale(1,2)}" },
    { "flex keywords", "a{flex:0 0 auto}b{flex:1 1 auto}c{flex:0 0 0%}", "a{flex:none}b{flex:auto}c{flex:0 0 0%}" },
    /* not border:0: a border-style set later would show a medium border
       after none and nothing after 0 */
    { "border none stays none", "a{border:none;border-top:none!important;outline:none;border-style:none}",
      "a{border:none;border-top:none!important;outline:none;border-style:none}" },
    { "font-family unquoted", "a{font-family:\"Open Sans\", 'Lato' ,serif}",
      "a{font-family:Open Sans,Lato,serif}" },
    { "font-family kept quoted", "a{font-family:\"serif\",\"a  b\",\"1a\",\"--x\",\"Default\",\"a\\62\",\"-apple-system\";font:12px \"Open Sans\"}",
      "a{font-family:\"serif\",\"a  b\",\"1a\",\"--x\",\"Default\",\"a\\62\",\"-apple-system\";font:12px\"Open Sans\"}" },
    { "space judged on the replacement", "a{background:a(b) url(\"x.png\");color:a(b) rgb(255,0,0)}",
      "a{background:a(b)url(x.png);color:a(b)red}" },
    { "var value keeps spaces", "a{margin:var(--a) , var(--b);color:var(--c, #ffffff)}",
      "a{margin:var(--a) , var(--b);color:var(--c,#fff)}" },
  };
  run_cases(t, c, sizeof(c) / sizeof(c[0]), 0);
}

AO_TEST(css_min_at_rules_and_merging)
{
  static const struct css_case c[] = {
    { "supports exact", "@supports (display : grid) and (not (a:b)){a{x:y}}",
      "@supports (display : grid) and (not (a:b)){a{x:y}}" },
    { "unknown at-rule exact", "@foo  bar  { a : b }a{x:y}", "@foo  bar  { a : b }a{x:y}" },
    { "import", "@import url(\"a.css\")  screen ;", "@import url(a.css) screen;" },
    { "url unquoted", "a{b:url( \"x.png\" );c:url(\"a b.png\");d:url(\"a)\")}", "a{b:url(x.png);c:url(\"a b.png\");d:url(\"a)\")}" },
    { "attribute value unquoted", "[a=\"b\"],[a=\"1\"],[a=\"b c d\"],[a=\" b\"],[a=\"--\"]{x:y}",
      "[a=b],[a=\"1\"],[a=\"b c d\"],[a=\" b\"],[a=\"--\"]{x:y}" },
    { "attribute value with one space escaped", "[class*=\"mobile only\"],[a=\"b 1\"]{x:y}",
      "[class*=mobile\\ only],[a=b\\ 1]{x:y}" },
    { "charset", "@charset \"UTF-8\";a{x:y}", "@charset \"UTF-8\";a{x:y}" },
    { "layer statement kept", "@layer a , b;@layer c{}", "@layer a,b;@layer c{}" },
    { "font-face", "@font-face{ font-family : F ; src : url(a.woff2) format(\"woff2\") }",
      "@font-face{font-family:F;src:url(a.woff2) format(\"woff2\")}" },
    { "same selector merged", "a{x:1}a{y:2}a{z:3}b{w:4}", "a{x:1;y:2;z:3}b{w:4}" },
    { "different selector kept", "a{x:1}b{y:1}a{y:2}", "a{x:1}b{y:1}a{y:2}" },
    { "identical declarations joined", "a{x:1}b{x:1}.c>d:hover , #e[f~=g]::after{x:1}h{x:2}",
      "a,b,.c>d:hover,#e[f~=g]:after{x:1}h{x:2}" },
    { "joined with :not() of one simple selector", "a{x:1}b:not(.c){x:1}d:not([e]){x:1}",
      "a,b:not(.c),d:not([e]){x:1}" },
    { "not joined: prefixed or newer pseudo", "a{x:1}b::-moz-selection{x:1}c{x:1}d::selection{x:1}"
      "e{x:1}f:is(g){x:1}h{x:1}i:nth-child(2){x:1}j{x:1}k:focus-visible{x:1}",
      "a{x:1}b::-moz-selection{x:1}c{x:1}d::selection{x:1}e{x:1}f:is(g){x:1}"
      "h{x:1}i:nth-child(2){x:1}j{x:1}k:focus-visible{x:1}" },
    { "not joined: selectors some browser drops", "a{x:1}>b{x:1}c{x:1}[d i]{x:1}e{x:1}f|g{x:1}"
      "h{x:1}i:before j{x:1}k{x:1}:not(l m){x:1}n{x:1}o.{x:1}p{x:1}q,{x:1}r{x:1}[s]t{x:1}",
      "a{x:1}>b{x:1}c{x:1}[d i]{x:1}e{x:1}f|g{x:1}h{x:1}i:before j{x:1}k{x:1}:not(l m){x:1}"
      "n{x:1}o.{x:1}p{x:1}q,{x:1}r{x:1}[s]t{x:1}" },
    { "not joined across a kept comment or at-rule", "a{x:1}/*! c */b{x:1}@media print{c{x:1}}d{x:1}",
      "a{x:1}/*! c */b{x:1}@media print{c{x:1}}d{x:1}" },
    { "joined inside @media", "@media print{a{x:1}b{x:1}}", "@media print{a,b{x:1}}" },
    { "nested rules never joined", "a{b{x:1}c{x:1}}", "a{b{x:1}c{x:1}}" },
    { "merge then join (a fixed point)", "a{x:1;y:2}b{x:1}b{y:2}", "a,b{x:1;y:2}" },
    { "earlier repeat dropped", ".x{color:red}.y{color:blue}.x{color:red}",
      ".y{color:blue}.x{color:red}" },
    { "repeat dropped, neighbours merge", "a{x:1}c{y:1}a{z:1}c{y:1}", "a{x:1;z:1}c{y:1}" },
    { "repeats only within one list", "a{x:1}@media print{a{x:1}}", "a{x:1}@media print{a{x:1}}" },
    { "not merged next to a kept comment", "a{x:1/*! c */}a{y:1}", "a{x:1/*! c */}a{y:1}" },
    { "nesting", ".a{color:red; &:hover{color:blue} .b &{x:y}}",
      ".a{color:red;&:hover{color:blue}.b &{x:y}}" },
    { "nested media", ".a{@media (x){color:red}}", ".a{@media (x){color:red}}" },
    { "top-level semicolon stays with its rule", "a{x:y};b{x:y}", "a{x:y};b{x:y}" },
    { "cdo cdc", "<!-- a{x:y} -->", "a{x:y}" },
  };
  run_cases(t, c, sizeof(c) / sizeof(c[0]), 0);
}

AO_TEST(css_min_declarations_fragment)
{
  static const struct css_case c[] = {
    { "style attribute", " color : #FFFFFF ; margin : 0px 0.5em ; ", "color:#fff;margin:0 .5em" },
    { "empty", "  ", "" },
    { "important", "color: red !important;", "color:red!important" },
  };
  run_cases(t, c, sizeof(c) / sizeof(c[0]), 1);
}

/* A custom property whose value is only whitespace keeps one space, at the
 * end of a declaration list as before a semicolon (a fuzz finding). */
AO_TEST(css_min_custom_property_blank_at_end)
{
  static const struct css_case c[] = {
    { "at the end", "--x:\n", "--x: " },
    { "before a semicolon", "--x:\n;", "--x: " },
    { "after another", "a:b; --x:  ", "a:b;--x: " },
    { "empty", "--x:", "--x:" },
  };
  run_cases(t, c, sizeof(c) / sizeof(c[0]), 1);
}

/* A hex escape ended by a comment or the end of the input takes the next
 * whitespace byte as its own: a separator written there needs a second. */
AO_TEST(css_min_hex_escape_before_space)
{
  static const struct css_case c[] = {
    { "value", "a{b:x\\31/**/ y}", "a{b:x\\31  y}" },
    { "descendant", ".a\\31/**/ .b{x:y}", ".a\\31  .b{x:y}" },
    { "ended by space", "a{b:x\\31  y}", "a{b:x\\31  y}" },
    { "escaped backslash", "a{b:x\\\\31/**/ y}", "a{b:x\\\\31 y}" },
    { "seven hex digits", "a{b:x\\1234567/**/ y}", "a{b:x\\1234567 y}" },
    { "before a dimension", "a{b:\\3/**/ 0e/**/+}", "a{b:\\3  0e/**/+}" },
  };
  run_cases(t, c, sizeof(c) / sizeof(c[0]), 0);
  static const struct css_case d[] = {
    { "declaration list", "b:x\\31/**/ y", "b:x\\31  y" },
    /* a fuzz finding: larger minified, so kept as written */
    { "fuzz", "{\\3/**/ 0e+}", "{\\3/**/ 0e+}" },
  };
  run_cases(t, d, sizeof(d) / sizeof(d[0]), 1);
}

AO_TEST(css_min_drop_source_map)
{
  ao_status st;
  char *got = min_str("a{b:c}/*# sourceMappingURL=a.map */", 0, 0, &st);
  CHECK_STR(got, "a{b:c}");
  ao_free(got);
}

AO_TEST(css_min_malformed_left_alone)
{
  static const char *const bad[] = {
    "a{b:c", "a{b:c}}", "a{b:\"c}", "/* x", "a{b:url(a b)}", "a{b:'x\ny'}",
    "a{b:(}", "a{b:c)}", "a\\\n{}"
  };
  for(size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    size_t n = strlen(bad[i]);
    unsigned char *src = calloc(n + AO_PAD, 1);
    memcpy(src, bad[i], n);
    ao_buf b = AO_BUF_INIT(0);
    ao_buf_puts(&b, "keep");
    ao_diags d;
    ao_diags_init(&d, "x.css", src, n);
    ao_status st = ao_css_minify(src, n, NULL, &b, &d);
    if(!CHECK_INT(st, AO_SYNTAX))
      fprintf(stderr, "  input: %s\n", bad[i]);
    CHECK_STR((char *)b.data, "keep");
    CHECK(d.errors == 1 && d.items[0].line >= 1);
    ao_diags_free(&d);
    ao_buf_free(&b);
    free(src);
  }
}

AO_TEST(css_min_out_of_memory)
{
  const char *s = "a{color:#ffffff;margin:0px}b{x:y}@media print{c{d:e}}";
  size_t n = strlen(s);
  unsigned char *src = calloc(n + AO_PAD, 1);
  memcpy(src, s, n);
  for(long k = 1; k < 20; k++) {
    ao_buf b = AO_BUF_INIT(0);
    ao_diags d;
    ao_diags_init(&d, NULL, src, n);
    ao_alloc_fail_after(k);
    ao_status st = ao_css_minify(src, n, NULL, &b, &d);
    ao_alloc_fail_after(0);
    CHECK(st == AO_OK || st == AO_NOMEM);
    if(st == AO_OK)
      CHECK_STR((char *)b.data, "a{color:#fff;margin:0}b{x:y}@media print{c{d:e}}");
    else
      CHECK(b.len == 0);
    ao_buf_free(&b);
    ao_diags_free(&d);
  }
  free(src);
}

AO_TEST(css_min_corpus_shrinks_and_is_idempotent)
{
  static const char *const files[] = { "bootstrap-5.3.3.css", "normalize.css-8.0.1.css",
                                       "tailwindcss-3.4.17.generated.css" };
  const char *corpus = ao_t_corpus();
  if(!corpus) {
    ao_t_skip(t, "no corpus");
    return;
  }
  for(size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
    char path[4096];
    snprintf(path, sizeof(path), "%s/css/%s", corpus, files[i]);
    size_t n;
    unsigned char *src = ao_t_read(path, &n);
    if(!src)
      continue;
    ao_buf a = AO_BUF_INIT(0), b = AO_BUF_INIT(0);
    ao_diags d;
    ao_diags_init(&d, path, src, n);
    REQUIRE(ao_css_minify(src, n, NULL, &a, &d) == AO_OK);
    CHECK(a.len < n);
    REQUIRE(ao_buf_reserve(&a, AO_PAD) == AO_OK);
    REQUIRE(ao_css_minify(a.data, a.len, NULL, &b, &d) == AO_OK);
    CHECK_MEM(b.data, b.len, a.data, a.len);
    ao_buf_free(&a);
    ao_buf_free(&b);
    ao_diags_free(&d);
    free(src);
  }
}
