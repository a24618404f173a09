/* Unit tests: references in CSS (url(), image-set(), @import, source maps). */
#include "../harness.h"

#include <assetopt/refs.h>

#include <stdio.h>
#include <stdlib.h>

/* Extracts the references of s and prints them as "kind:url[!pin];..." */
static char *refs_str(const char *s)
{
  size_t n = strlen(s);
  unsigned char *src = calloc(n + AO_PAD, 1);
  memcpy(src, s, n);
  ao_refs r = { 0 };
  ao_diags d;
  ao_diags_init(&d, NULL, src, n);
  ao_buf b = AO_BUF_INIT(0);
  if(ao_refs_css(src, n, &r, &d))
    ao_buf_puts(&b, "ERROR");
  for(size_t i = 0; i < r.n; i++) {
    ao_buf_printf(&b, "%s%s:%.*s%s", i ? ";" : "", ao_ref_kind_name(r.items[i].kind),
                  (int)r.items[i].len, (const char *)src + r.items[i].off,
                  (r.items[i].flags & AO_REF_F_PIN) ? "!pin" : "");
    if(i)
      if(r.items[i].off < r.items[i - 1].off + r.items[i - 1].len)
        ao_buf_puts(&b, "!overlap");
  }
  ao_buf_putc(&b, 0);
  ao_refs_free(&r);
  ao_diags_free(&d);
  free(src);
  return (char *)b.data;
}

#define REFS(in, want)             \
  do {                             \
    char *got_ = refs_str(in);     \
    CHECK_STR(got_, want);         \
    ao_free(got_);                 \
  } while(0)

AO_TEST(css_refs_url_forms)
{
  REFS("a{background:url(img/a.png)}", "resource:img/a.png");
  REFS("a{background:url( 'img/b.png' )}", "resource:img/b.png");
  REFS("a{background:url(\"c.png\") no-repeat, URL(  d.png  )}",
       "resource:c.png;resource:d.png");
  REFS("a{b:url()}", "");
  REFS("", "");
}

AO_TEST(css_refs_import)
{
  REFS("@import \"base.css\";@import url(x.css) screen;@import url('y.css');"
       "a{b:url(z.png)}",
       "import:base.css;import:x.css;import:y.css;resource:z.png");
  REFS("@import /* c */ 'q.css' layer(base);", "import:q.css");
}

AO_TEST(css_refs_font_face_and_image_set)
{
  REFS("@font-face{font-family:F;src:url(f.woff2) format(\"woff2\"),"
       "url(f.woff) format('woff')}",
       "resource:f.woff2;resource:f.woff");
  REFS("a{background-image:image-set(\"a.avif\" type(\"image/avif\"), "
       "url(a.png) 1x, 'a@2x.png' 2x)}",
       "resource:a.avif;resource:a.png;resource:a@2x.png");
  REFS("a{b:-webkit-image-set('x.png' 1x)}", "resource:x.png");
  /* strings elsewhere are not URLs */
  REFS("a:after{content:\"x.png\"}a{font-family:'b.woff'}", "");
}

AO_TEST(css_refs_source_map)
{
  REFS("a{}\n/*# sourceMappingURL=site.css.map */\n",
       "sourcemap:site.css.map");
  REFS("/*@ sourceMappingURL=old.map*/", "sourcemap:old.map");
  REFS("/* sourceMappingURL=nope.map */", "");
}

AO_TEST(css_refs_skip_non_local)
{
  REFS("a{b:url(data:image/png;base64,AAAA);c:url(https://x/y.png);"
       "d:url(//cdn/x.png);e:url(#f);g:url(ok.png)}",
       "resource:ok.png");
}

AO_TEST(css_refs_escapes_pin)
{
  REFS("a{b:url(a\\29.png)}", "resource:a\\29.png!pin");
  REFS("a{b:url('q\\'.png')}", "resource:q\\'.png!pin");
}

AO_TEST(css_refs_comments_and_strings_hide_urls)
{
  REFS("/* url(a.png) */a{content:\"url(b.png)\"}", "");
  REFS("a{b:url(a.png)/* @import 'x.css'; */}", "resource:a.png");
}

AO_TEST(css_refs_fragment_style_attribute)
{
  REFS("background: url(bg.png) center; color: red", "resource:bg.png");
}

AO_TEST(css_refs_malformed)
{
  REFS("a{b:url(a b.png)} c{d:url(ok.png)}", "resource:ok.png");
  REFS("a{b:url(x.png", "resource:x.png");
  REFS("a{b:url('x.png", "");
  /* a newline ends the string; the next quote opens one to the end */
  REFS("a{b:url('x\n.png')} c{d:url(y.png)}", "");
  REFS("a{b:url('x\n.png);} c{d:url(y.png)}", "resource:y.png");
  REFS("@import", "");
  REFS("@import url(", "");
  REFS("/* unterminated url(a.png)", "");
  REFS("((((((((((((((((((((((((((((((((((((((((image-set('x.png'", "");
  REFS(")))))]]]}}}image-set('x.png')", "resource:x.png");
}
