/* Unit tests: the HTML minifier, one case per hazard. */
#include "../harness.h"

#include <assetopt/html.h>
#include <assetopt/js.h>

#include <stdio.h>
#include <stdlib.h>

/* Minifies s with inline code left alone; returns a malloc'd string, or
 * NULL on failure (*st tells why). */
static char *mini(const char *s, ao_status *st)
{
  size_t n = strlen(s);
  unsigned char *p = calloc(1, n + AO_PAD);
  memcpy(p, s, n);
  ao_html_opts o;
  ao_html_opts_init(&o);
  o.minify_js = o.minify_css = o.minify_json = 0;
  ao_buf out = AO_BUF_INIT(0);
  ao_diags d;
  ao_diags_init(&d, NULL, p, n);
  *st = ao_html_minify(p, n, &o, &out, &d);
  char *r = NULL;
  if(!*st) {
    r = malloc(out.len + 1);
    memcpy(r, out.data ? (char *)out.data : "", out.len);
    r[out.len] = 0;
  }
  ao_buf_free(&out);
  ao_diags_free(&d);
  free(p);
  return r;
}

static const struct { const char *in, *want; } cases[] = {
  /* whitespace next to blocks goes, between inline content stays one */
  { "<div>\n  <p> a  b </p>\n</div>", "<div><p>a b</div>" },
  { "<p>a <b>x</b> c</p>", "<p>a <b>x</b> c</p>" },
  { "<p>a <b> x</b></p>", "<p>a <b>x</b></p>" },
  { "<p>a\n\n  b</p>", "<p>a b</p>" },
  { "<p>\xe4\xb8\xad\n\xe6\x96\x87 \xe4\xb8\xad</p>", "<p>\xe4\xb8\xad\n\xe6\x96\x87 \xe4\xb8\xad</p>" },
  { "<p>x <span> y </span> z</p>", "<p>x <span>y </span>z</p>" },
  { "<p>a <img src=x> b</p>", "<p>a <img src=x> b</p>" },
  { "<p>a<br> b</p>", "<p>a<br>b</p>" },
  { "<button> OK </button> <button>No</button>",
    "<button>OK</button> <button>No</button>" },
  { "<x-a> 1 </x-a> <x-b> 2 </x-b>", "<x-a> 1 </x-a> <x-b> 2 </x-b>" },
  /* never inside pre, textarea, raw text, white-space styles */
  { "<pre> a  b </pre>", "<pre> a  b </pre>" },
  { "<pre><b> a  b </b></pre> x", "<pre><b> a  b </b></pre>x" },
  { "<textarea> a  b </textarea>", "<textarea> a  b </textarea>" },
  { "<span style=\"white-space:pre\"> a  b </span>",
    "<span style=white-space:pre> a  b </span>" },
  { "<script> a  =  1 </script>", "<script> a  =  1 </script>" },
  { "<title> a  b </title>", "<title> a  b </title>" },
  { "<p>tab\there\fform</p>", "<p>tab here\fform</p>" },
  /* comments */
  { "<p>a<!-- x -->b</p>", "<p>ab</p>" },
  { "<!--[if IE]>x<![endif]--><p>y", "<!--[if IE]>x<![endif]--><p>y" },
  { "<!--! keep me -->x", "<!--! keep me -->x" },
  { "<p>&amp<!-- -->;</p>", "<p>&amp<!-- -->;</p>" },
  { "<p><<!-- -->b</p>", "<p><<!-- -->b</p>" },
  /* attributes */
  { "<a href=\"a.html\" class=\"x y\" title=''>q</a>",
    "<a href=a.html class=\"x y\" title>q</a>" },
  { "<input disabled=\"disabled\" checked=\"\" value=\"v\">",
    "<input disabled checked value=v>" },
  { "<div hidden=\"until-found\"></div>", "<div hidden=until-found></div>" },
  { "<p title='say \"x\"' data-a=\"it's\">", "<p title='say \"x\"' data-a=\"it's\">" },
  { "<p data-v=\"a=b\" data-w=\"a`b\" data-x=\"a>b\">",
    "<p data-v=\"a=b\" data-w=\"a`b\" data-x=\"a>b\">" },
  { "<br/><img src=a.png />", "<br><img src=a.png>" },
  { "<svg><path d=\"M0 0\" /><rect x=1 /></svg>",
    "<svg><path d=\"M0 0\"/><rect x=1 /></svg>" },
  { "<svg><rect X=\"1\" viewBox=\"0 0 1 1\"/></svg>",
    "<svg><rect X=1 viewBox=\"0 0 1 1\"/></svg>" },
  { "<script type=\"text/javascript\">x</script>", "<script>x</script>" },
  { "<script type=\"text/javascript\" language=vbscript>x</script>",
    "<script type=text/javascript language=vbscript>x</script>" },
  { "<style type=\"text/css\">a{}</style>", "<style>a{}</style>" },
  { "<link rel=\"stylesheet\" type=\"text/css\" href=\"a.css\">",
    "<link rel=stylesheet href=a.css>" },
  { "<input type=\"text\">", "<input type=text>" },
  { "<div   id = \"a\"  >x</div  >", "<div id=a>x</div>" },
  { "<p  a=\"\"   =x  b=\"\">", "<p a=\"\" =x b>" },
  /* doctype, odd markup */
  { "<!DOCTYPE html>\n<p>x", "<!doctype html><p>x" },
  { "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\">",
    "<!DOCTYPE html PUBLIC \"-//W3C//DTD HTML 4.01//EN\">" },
  { "a</>b", "ab" },
  { "<p><</>b</p>", "<p><</>b</p>" },
  /* white space between: dropped alike whichever it is */
  { "<p><\n</>b</p>", "<p>< b</p>" },
  { "<p>< </>b</p>", "<p>< b</p>" },
  { "<table><tr><td></table><\n</>", "<table><tr><td></table><\n" },
  { "a < b", "a < b" },
  { "<plaintext>  a  </plaintext>", "<plaintext>  a  </plaintext>" },
  /* optional tags: only where the tree stays the same */
  { "<ul><li>a</li> <li>b</li></ul>", "<ul><li>a<li>b</ul>" },
  /* the second <html> is ignored but written: the first stays with it */
  { "<html><html>", "<html><html>" },
  { "<html></html>", "" },
  { "<p>a</p>\n<p>b</p>\n<div>c</div>", "<p>a<p>b<div>c</div>" },
  { "<p>a</p> text", "<p>a</p>text" },
  { "<a><p>a</p></a>", "<a><p>a</p></a>" },
  { "<div></p></div>", "<div></p></div>" },
  { "<p>a<div>b</div></p>", "<p>a<div>b</div></p>" },
  { "<li><section>x</li><li>y</li>", "<li><section>x</li><li>y</li>" },
  { "<table><tr><td>1</td><td>2</td></tr></table>",
    "<table><tr><td>1<td>2</table>" },
  { "<select><option>a</option><option>b</option></select>",
    "<select><option>a<option>b</select>" },
  { "<html><head><title>t</title></head><body><p>x</p></body></html>",
    "<title>t</title><p>x</p>" },
  { "<html lang=en><head><title>t</title></head><body><script>1</script>",
    "<html lang=en><title>t</title><body><script>1</script>" },
  { "<html><head><!--[if IE]>x<![endif]--></head>",
    "<head><!--[if IE]>x<![endif]--></head>" },
  { "<p>a<b>b</p>c</b>", "<p>a<b>b</p>c</b>" },
};

AO_TEST(html_min_cases)
{
  for(size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
    ao_status st;
    char *got = mini(cases[k].in, &st);
    CHECK_INT(st, AO_OK);
    /* the result is never larger: when the rules give nothing, the input */
    const char *want = strlen(cases[k].want) < strlen(cases[k].in)
                         ? cases[k].want : cases[k].in;
    if(got)
      CHECK_STR(got, want);
    free(got);
  }
}

AO_TEST(html_min_idempotent)
{
  for(size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
    ao_status st;
    char *once = mini(cases[k].in, &st);
    REQUIRE(once);
    char *twice = mini(once, &st);
    REQUIRE(twice);
    CHECK_STR(twice, once);
    free(once);
    free(twice);
  }
}

AO_TEST(html_min_truncated_input_is_refused)
{
  static const char *const bad[] = {
    "<p>a</p><!-- open", "<p>a</p><img src=\"x", "<script>var a;",
    "<p>a</p><div", "<!doctype html", "<svg><![CDATA[x",
  };
  for(size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
    size_t n = strlen(bad[k]);
    unsigned char *p = calloc(1, n + AO_PAD);
    memcpy(p, bad[k], n);
    ao_buf out = AO_BUF_INIT(0);
    ao_buf_puts(&out, "keep");
    ao_diags d;
    ao_diags_init(&d, "t.html", p, n);
    CHECK_INT(ao_html_minify(p, n, NULL, &out, &d), AO_SYNTAX);
    CHECK_STR((char *)out.data, "keep");
    CHECK_INT(d.errors, 1);
    CHECK(d.n && d.items[0].line == 1);
    ao_buf_free(&out);
    ao_diags_free(&d);
    free(p);
  }
}

AO_TEST(html_min_keep_comments_option)
{
  const char *s = "<p>a<!-- google_ad_section_start -->b<!-- x --></p>";
  size_t n = strlen(s);
  unsigned char *p = calloc(1, n + AO_PAD);
  memcpy(p, s, n);
  ao_html_opts o;
  ao_html_opts_init(&o);
  o.keep_comments = "google_ad";
  ao_buf out = AO_BUF_INIT(0);
  ao_diags d;
  ao_diags_init(&d, NULL, p, n);
  REQUIRE(!ao_html_minify(p, n, &o, &out, &d));
  CHECK_STR((char *)out.data, "<p>a<!-- google_ad_section_start -->b</p>");
  ao_buf_free(&out);
  ao_diags_free(&d);
  free(p);
}

AO_TEST(html_min_out_of_memory)
{
  const char *s = "<p style=\"a:b\">x  y</p><script>a</script><style>b</style>";
  size_t n = strlen(s);
  unsigned char *p = calloc(1, n + AO_PAD);
  memcpy(p, s, n);
  for(long k = 1; k < 20; k++) {
    ao_buf out = AO_BUF_INIT(0);
    ao_diags d;
    ao_diags_init(&d, NULL, p, n);
    ao_alloc_fail_after(k);
    ao_status st = ao_html_minify(p, n, NULL, &out, &d);
    ao_alloc_fail_after(0);
    CHECK(st == AO_OK || st == AO_NOMEM);
    if(st)
      CHECK_INT(out.len, 0);
    ao_buf_free(&out);
    ao_diags_free(&d);
  }
  free(p);
}

AO_TEST(html_min_corpus_never_larger)
{
  const char *c = ao_t_corpus();
  if(!c) {
    ao_t_skip(t, "no corpus");
    return;
  }
  char path[4096];
  snprintf(path, sizeof(path), "%s/html/nodejs-doc-index.html", c);
  size_t n;
  unsigned char *p = ao_t_read(path, &n);
  if(!p) {
    ao_t_skip(t, "no corpus html");
    return;
  }
  ao_buf out = AO_BUF_INIT(0);
  ao_diags d;
  ao_diags_init(&d, NULL, p, n);
  CHECK(!ao_html_minify(p, n, NULL, &out, &d));
  CHECK(out.len < n);
  ao_buf_free(&out);
  ao_diags_free(&d);
  free(p);
}

/* Minifies s with inline scripts at JS level `level`; malloc'd result. */
static char *mini_js(const char *s, int level)
{
  size_t n = strlen(s);
  unsigned char *p = calloc(1, n + AO_PAD);
  memcpy(p, s, n);
  ao_html_opts o;
  ao_html_opts_init(&o);
  o.js_level = level;
  ao_buf out = AO_BUF_INIT(0);
  char *r = NULL;
  if(!ao_html_minify(p, n, &o, &out, NULL)) {
    r = malloc(out.len + 1);
    memcpy(r, out.data ? (char *)out.data : "", out.len);
    r[out.len] = 0;
  }
  ao_buf_free(&out);
  free(p);
  return r;
}

AO_TEST(html_min_inline_script_levels)
{
  const char *page =
    "<script>var total = 0; function add(value) { var doubled = value * 2;"
    " total += doubled; return total; }</script>"
    "<script type=module>const counter = 1; export {};"
    " console.log(counter + counter)</script>";
  /* the default keeps every name */
  char *w = mini_js(page, AO_JS_MIN_WHITESPACE);
  REQUIRE(w != NULL);
  CHECK(strstr(w, "doubled") != NULL);
  CHECK(strstr(w, "counter") != NULL);
  free(w);
  /* "all": locals renamed; a classic script's globals kept; a module's
   * top level is its own */
  char *a = mini_js(page, AO_JS_MIN_ALL);
  REQUIRE(a != NULL);
  CHECK(strstr(a, "doubled") == NULL);
  CHECK(strstr(a, "value") == NULL);
  CHECK(strstr(a, "var total=0") != NULL);
  CHECK(strstr(a, "function add(") != NULL);
  CHECK(strstr(a, "counter") == NULL);
  CHECK(strlen(a) < strlen(page));
  free(a);
}

AO_TEST(html_min_inline_module_parsed_as_module)
{
  /* a top-level var is a global in a classic script (kept) and a local of
   * a module script (renamed): the type decides how the body is parsed */
  char *a = mini_js("<script type=module>var response = fetch('x');"
                    " console.log(response)</script>"
                    "<script>var request = fetch('x'); console.log(request)"
                    "</script>", AO_JS_MIN_ALL);
  REQUIRE(a != NULL);
  CHECK(strstr(a, "response") == NULL);
  CHECK(strstr(a, "var request=fetch(") != NULL);
  free(a);
}
