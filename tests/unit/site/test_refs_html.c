/* Unit tests: references found in HTML. */
#include "../harness.h"

#include <assetopt/refs.h>

#include <stdio.h>
#include <stdlib.h>

/* Runs the extractor on s (copied with padding); fills r and d. */
static unsigned char *run(const char *s, ao_refs *r, ao_diags *d)
{
  size_t n = strlen(s);
  unsigned char *p = calloc(1, n + AO_PAD);
  memcpy(p, s, n);
  ao_diags_init(d, "t.html", p, n);
  *r = (ao_refs){ 0 };
  if(ao_refs_html(p, n, r, d))
    r->n = 0;
  return p;
}

static int span_is(const unsigned char *p, const ao_ref *x, const char *want)
{
  return x->len == strlen(want) && !memcmp(p + x->off, want, x->len);
}

#define SPAN(i, want) CHECK(span_is(p, &r.items[i], want))

AO_TEST(refs_html_script_and_link)
{
  ao_refs r;
  ao_diags d;
  unsigned char *p = run(
    "<!doctype html><head>"
    "<script type=module src=\"js/app.js\" async></script>"
    "<script src='a.js' defer integrity=\"sha384-x\" crossorigin></script>"
    "<link rel=\"stylesheet\" href=\"css/site.css\">"
    "<link rel=preload as=font href=f.woff2 crossorigin/>"
    "<link rel=modulepreload href=\"/m.js\">"
    "<link rel=\"icon apple-touch-icon\" href=\"i.png\">"
    "<link rel=manifest href=\"site.webmanifest\">", &r, &d);
  REQUIRE(r.n == 7);
  SPAN(0, "js/app.js");
  CHECK_INT(r.items[0].kind, AO_REF_SCRIPT);
  CHECK_INT(r.items[0].flags, AO_REF_F_MODULE | AO_REF_F_ASYNC);
  CHECK(p[r.items[0].tag_end] == '>');
  SPAN(1, "a.js");
  CHECK_INT(r.items[1].flags,
            AO_REF_F_DEFER | AO_REF_F_INTEGRITY | AO_REF_F_CROSSORIGIN);
  SPAN(2, "css/site.css");
  CHECK_INT(r.items[2].kind, AO_REF_STYLESHEET);
  CHECK(p[r.items[2].tag_end] == '>');
  SPAN(3, "f.woff2");
  CHECK_INT(r.items[3].kind, AO_REF_PRELOAD);
  CHECK_INT(r.items[3].flags, AO_REF_F_FONT | AO_REF_F_CROSSORIGIN);
  CHECK(p[r.items[3].tag_end] == '/' && p[r.items[3].tag_end + 1] == '>');
  SPAN(4, "/m.js");
  CHECK_INT(r.items[4].kind, AO_REF_PRELOAD);
  CHECK_INT(r.items[4].flags, AO_REF_F_MODULE);
  CHECK_INT(r.items[5].kind, AO_REF_RESOURCE);
  SPAN(6, "site.webmanifest");
  CHECK_INT(r.items[6].kind, AO_REF_RESOURCE);
  CHECK_INT(d.n, 0);
  ao_refs_free(&r);
  ao_diags_free(&d);
  free(p);
}

AO_TEST(refs_html_images_media_navigation)
{
  ao_refs r;
  ao_diags d;
  unsigned char *p = run(
    "<img src=\"a.png\" loading=lazy srcset=\"a-1x.png 1x, b.png 2x,c.png\">"
    "<picture><source srcset=\"d.webp\" type=image/webp></picture>"
    "<video poster=p.jpg><source src=v.mp4><track src=t.vtt></video>"
    "<object data=o.pdf></object><embed src=e.swf>"
    "<input type=image src=btn.png><input type=text src=no.png>"
    "<a href=\"page.html#x\">x</a><area href=m.html>"
    "<iframe src=f.html></iframe><form action=\"/send\"></form>"
    "<meta property=\"og:image\" content=\"/og.png\">"
    "<meta name=twitter:image content=tw.png><meta name=x content=no.png>",
    &r, &d);
  REQUIRE(r.n == 17);
  SPAN(0, "a.png");
  CHECK_INT(r.items[0].flags, AO_REF_F_IMAGE | AO_REF_F_LAZY);
  SPAN(1, "a-1x.png");
  SPAN(2, "b.png");
  SPAN(3, "c.png");
  CHECK_INT(r.items[3].flags, AO_REF_F_IMAGE | AO_REF_F_LAZY);
  SPAN(4, "d.webp");
  SPAN(5, "p.jpg");
  CHECK_INT(r.items[5].flags, AO_REF_F_IMAGE);
  SPAN(6, "v.mp4");
  SPAN(7, "t.vtt");
  SPAN(8, "o.pdf");
  SPAN(9, "e.swf");
  SPAN(10, "btn.png");
  SPAN(11, "page.html#x");
  CHECK_INT(r.items[11].kind, AO_REF_NAVIGATION);
  SPAN(12, "m.html");
  SPAN(13, "f.html");
  CHECK_INT(r.items[13].kind, AO_REF_NAVIGATION);
  SPAN(14, "/send");
  SPAN(15, "/og.png");
  CHECK_INT(r.items[15].kind, AO_REF_OTHER);
  SPAN(16, "tw.png");
  CHECK_INT(r.items[16].kind, AO_REF_OTHER);
  ao_refs_free(&r);
  ao_diags_free(&d);
  free(p);
}

AO_TEST(refs_html_srcset_edge_cases)
{
  ao_refs r;
  ao_diags d;
  unsigned char *p = run(
    "<img srcset=\"  a.png  100w,b.png 1x,, c.png, d,e.png 2x,f(1).png 3x\">",
    &r, &d);
  /* a URL may hold commas except at its end (the HTML standard) */
  REQUIRE(r.n == 5);
  SPAN(0, "a.png");
  SPAN(1, "b.png");
  SPAN(2, "c.png");
  SPAN(3, "d,e.png");
  SPAN(4, "f(1).png");
  ao_refs_free(&r);
  ao_diags_free(&d);
  free(p);
}

AO_TEST(refs_html_charref_pins_and_base)
{
  ao_refs r;
  ao_diags d;
  unsigned char *p = run("<img src=\"a&amp;b.png\"><img src=\"c.png?x=1&amp;y=2\">",
                         &r, &d);
  REQUIRE(r.n == 2);
  CHECK(r.items[0].flags & AO_REF_F_PIN);
  CHECK(!(r.items[1].flags & AO_REF_F_PIN));
  ao_refs_free(&r);
  ao_diags_free(&d);
  free(p);

  p = run("<img src=a.png><base href=\"/sub/\"><img src=b.png>", &r, &d);
  REQUIRE(r.n == 2);
  CHECK(r.items[0].flags & AO_REF_F_PIN);
  CHECK(r.items[1].flags & AO_REF_F_PIN);
  CHECK_INT(d.warnings, 1);
  ao_refs_free(&r);
  ao_diags_free(&d);
  free(p);
}

AO_TEST(refs_html_raw_text_hides_markup)
{
  ao_refs r;
  ao_diags d;
  unsigned char *p = run(
    "<script>var s = '<img src=no1.png>';</script>"
    "<textarea><img src=no2.png></textarea><title><a href=no3></title>"
    "<!-- <img src=no4.png> --><style>/* <img src=no5.png> */</style>"
    "<script><!-- <script> </script> <img src=no6.png> --></script>"
    "<svg><rect href=no7.png /></svg><img src=yes.png>", &r, &d);
  REQUIRE(r.n == 1);
  SPAN(0, "yes.png");
  ao_refs_free(&r);
  ao_diags_free(&d);
  free(p);
}

AO_TEST(refs_html_malformed_does_not_fail)
{
  static const char *const cases[] = {
    "<img src=", "<img src=\"a.png", "<a href='x", "<", "</", "<!--", "<!",
    "<script>", "<script><!--<script>", "<img srcset=\",,,\">",
    "<img src=\"\">", "<link rel=stylesheet>", "<a href = x.html >",
    "<img\0src=a>", "<svg><![CDATA[<img src=x>", "<plaintext><img src=x>",
  };
  for(size_t k = 0; k < sizeof(cases) / sizeof(cases[0]); k++) {
    ao_refs r;
    ao_diags d;
    unsigned char *p = run(cases[k], &r, &d);
    for(size_t i = 0; i < r.n; i++)
      CHECK(r.items[i].off + r.items[i].len <= strlen(cases[k]));
    ao_refs_free(&r);
    ao_diags_free(&d);
    free(p);
  }
  ao_refs r;
  ao_diags d;
  unsigned char *p = run("<a href = x.html >", &r, &d);
  REQUIRE(r.n == 1);
  SPAN(0, "x.html");
  ao_refs_free(&r);
  ao_diags_free(&d);
  free(p);
}

AO_TEST(refs_html_out_of_memory)
{
  const char *s = "<img src=a.png><img src=b.png style=\"x\">";
  for(long n = 1; n < 8; n++) {
    ao_refs r = { 0 };
    ao_diags d;
    size_t len = strlen(s);
    unsigned char *p = calloc(1, len + AO_PAD);
    memcpy(p, s, len);
    ao_diags_init(&d, NULL, p, len);
    ao_alloc_fail_after(n);
    ao_status st = ao_refs_html(p, len, &r, &d);
    ao_alloc_fail_after(0);
    CHECK(st == AO_OK || st == AO_NOMEM);
    ao_refs_free(&r);
    ao_diags_free(&d);
    free(p);
  }
}

AO_TEST(refs_html_inline_svg_and_more)
{
  ao_refs r;
  ao_diags d;
  unsigned char *p = run(
    "<svg><use href=\"icons.svg#home\"/><image xlink:href=\"i.png\"/>"
    "<a href=\"p.html\"><text>x</text></a><rect href=\"no.png\"/></svg>"
    "<button formaction=\"/go\">g</button><table background=\"bg.gif\">",
    &r, &d);
  REQUIRE(r.n == 5);
  SPAN(0, "icons.svg#home");
  CHECK_INT(r.items[0].kind, AO_REF_RESOURCE);
  SPAN(1, "i.png");
  CHECK_INT(r.items[1].flags, AO_REF_F_IMAGE);
  SPAN(2, "p.html");
  CHECK_INT(r.items[2].kind, AO_REF_NAVIGATION);
  SPAN(3, "/go");
  SPAN(4, "bg.gif");
  ao_refs_free(&r);
  ao_diags_free(&d);
  free(p);
}

AO_TEST(refs_html_truncated_markup_warns)
{
  ao_refs r;
  ao_diags d;
  unsigned char *p = run("<img src=a.png>\n<img src=\"b.png", &r, &d);
  REQUIRE(r.n == 1);
  SPAN(0, "a.png");
  CHECK_INT(d.warnings, 1);
  CHECK(d.n && d.items[0].line == 2 && d.items[0].col == 1);
  ao_refs_free(&r);
  ao_diags_free(&d);
  free(p);
}

/* Every corpus page: references in order, inside the file, never spanning
 * quotes or markup. */
AO_TEST(refs_html_corpus_invariants)
{
  const char *c = ao_t_corpus();
  if(!c) {
    ao_t_skip(t, "no corpus");
    return;
  }
  static const char *const pages[] = {
    "git-doc-git.html", "git-doc-user-manual.html", "nodejs-doc-fs.html",
    "nodejs-doc-index.html",
  };
  int seen = 0;
  for(size_t k = 0; k < sizeof(pages) / sizeof(pages[0]); k++) {
    char path[4096];
    snprintf(path, sizeof(path), "%s/html/%s", c, pages[k]);
    size_t n;
    unsigned char *p = ao_t_read(path, &n);
    if(!p)
      continue;
    seen++;
    ao_refs r = { 0 };
    ao_diags d;
    ao_diags_init(&d, NULL, p, n);
    CHECK(!ao_refs_html(p, n, &r, &d));
    CHECK(r.n > 0);
    for(size_t i = 0; i < r.n; i++) {
      const ao_ref *x = &r.items[i];
      CHECK(x->off + x->len <= n);
      if(i)
        CHECK(x->off >= r.items[i - 1].off + r.items[i - 1].len);
      for(size_t j = 0; j < x->len; j++) {
        unsigned char ch = p[x->off + j];
        if(ch == '"' || ch == '<' || ch == '>' || ch == '\n') {
          CHECK(!"reference spans a quote or markup");
          break;
        }
      }
    }
    ao_refs_free(&r);
    ao_diags_free(&d);
    free(p);
  }
  if(!seen)
    ao_t_skip(t, "no corpus html");
}

AO_TEST(refs_html_importmap_addresses)
{
  static const char html[] =
    "<script type=importmap>{\"imports\": {\"fmt\": \"./js/format.js\", "
    "\"lib/\": \"./lib/\", \"x\": \"/js/x\\u002ejs\"}, \"scopes\": {\"/admin/\": "
    "{\"fmt\": \"../js/admin-format.js\"}}, \"integrity\": {\"./js/format.js\": "
    "\"sha384-abc\"}}</script>";
  size_t n = sizeof(html) - 1;
  unsigned char *src = calloc(1, n + AO_PAD);
  REQUIRE(src);
  memcpy(src, html, n);
  ao_refs r = { 0 };
  ao_diags d;
  ao_diags_init(&d, NULL, src, n);
  REQUIRE(!ao_refs_html(src, n, &r, &d));
  REQUIRE(r.n == 3);
  CHECK_MEM(src + r.items[0].off, r.items[0].len, "./js/format.js", 14);
  CHECK(!(r.items[0].flags & AO_REF_F_PIN));
  CHECK(r.items[1].flags & AO_REF_F_PIN); /* written with an escape */
  CHECK_MEM(src + r.items[2].off, r.items[2].len, "../js/admin-format.js", 21);
  CHECK_INT(d.n, 0);
  ao_refs_free(&r);
  ao_diags_free(&d);
  free(src);
}
