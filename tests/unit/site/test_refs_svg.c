/* Unit tests: references in SVG. */
#include "../harness.h"

#include <assetopt/refs.h>

#include <stdio.h>
#include <stdlib.h>

/* Runs the extractor on s and renders each reference as
 * "kind:text[:pin]" joined by spaces, checking order and bounds. */
static char *svg_refs(const char *s, unsigned *warnings)
{
  size_t len = strlen(s);
  unsigned char *src = calloc(1, len + AO_PAD);
  memcpy(src, s, len);
  ao_refs r = { 0 };
  ao_diags d;
  ao_diags_init(&d, "t.svg", src, len);
  ao_status st = ao_refs_svg(src, len, &r, &d);
  ao_buf b = AO_BUF_INIT(0);
  if(st)
    ao_buf_printf(&b, "status %d", (int)st);
  size_t end = 0;
  for(size_t i = 0; i < r.n; i++) {
    const ao_ref *x = &r.items[i];
    if(x->off < end || x->off + x->len > len)
      ao_buf_puts(&b, "BAD-ORDER ");
    end = x->off + x->len;
    ao_buf_printf(&b, "%s%s:%.*s%s", i ? " " : "", ao_ref_kind_name(x->kind),
                  (int)x->len, (const char *)src + x->off,
                  (x->flags & AO_REF_F_PIN) ? ":pin" : "");
  }
  if(warnings)
    *warnings = d.warnings;
  ao_diags_free(&d);
  ao_refs_free(&r);
  free(src);
  size_t n;
  char *res = (char *)ao_buf_detach(&b, &n);
  return res ? res : calloc(1, 1);
}

#define SVG_REFS(in, want) do {                 \
    char *got_ = svg_refs((in), NULL);          \
    CHECK_STR(got_, (want));                    \
    free(got_);                                 \
  } while(0)

AO_TEST(refs_svg_href_and_xlink_href)
{
  SVG_REFS("<svg xmlns='http://www.w3.org/2000/svg' "
           "xmlns:xlink='http://www.w3.org/1999/xlink'>"
           "<image href=\"img/a.png\" width='1'/>"
           "<use xlink:href='sprite.svg#icon'/>"
           "<feImage href=' b.png '/>"
           "<script href=\"s.js\"></script></svg>",
           "resource:img/a.png resource:sprite.svg#icon resource:b.png "
           "resource:s.js");
}

AO_TEST(refs_svg_anchor_is_navigation)
{
  SVG_REFS("<svg><a href='page.html'><text>x</text></a>"
           "<svg:a xlink:href=\"/other.html\"/></svg>",
           "navigation:page.html navigation:/other.html");
}

AO_TEST(refs_svg_fragment_only_and_empty_skipped)
{
  SVG_REFS("<svg><use href='#a'/><use xlink:href=''/><a href=' '/></svg>", "");
}

AO_TEST(refs_svg_char_reference_pins)
{
  SVG_REFS("<svg><image href='a.png?x=1&amp;y=2'/><image href='&#x61;.png'/></svg>",
           "resource:a.png?x=1&amp;y=2:pin resource:&#x61;.png:pin");
}

AO_TEST(refs_svg_url_in_presentation_attributes)
{
  SVG_REFS("<svg><rect fill=\"url(#g)\" stroke='url(\"p.svg#pat\")' "
           "filter=\"url( f.svg#blur )\" id='url(x.png)'/></svg>",
           "resource:p.svg#pat resource:f.svg#blur");
}

AO_TEST(refs_svg_xml_stylesheet_pi)
{
  SVG_REFS("<?xml version='1.0'?><?xml-stylesheet type=\"text/css\" href=\"s.css\"?><svg/>",
           "stylesheet:s.css");
}

AO_TEST(refs_svg_ignores_comments_cdata_text)
{
  SVG_REFS("<svg><!-- <image href='no.png'/> --><text>href='no.png'</text>"
           "<![CDATA[<image href='no.png'/>]]><desc>&lt;image href='x'/></desc></svg>",
           "");
}

AO_TEST(refs_svg_doctype_with_internal_subset)
{
  SVG_REFS("<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x.dtd\" ["
           "<!ENTITY ns \"http://x>y\"> <!-- ] > -->]>"
           "<svg><image href='a.png'/></svg>",
           "resource:a.png");
}

/* style="" and <style> go through the CSS extractor with offsets moved
 * back into the SVG: every reference found must be the URL as written. */
AO_TEST(refs_svg_style_attribute_and_element_offsets)
{
  char *got = svg_refs("<svg><rect style=\"fill:url(a.png)\"/>"
                       "<style>.x{background:url('b.png')}</style>"
                       "<style><![CDATA[.y{background:url(c.png)}]]></style></svg>",
                       NULL);
  /* whatever the CSS extractor finds lies at the right place */
  CHECK(!strstr(got, "BAD-ORDER"));
  CHECK(!strcmp(got, "") || strstr(got, "resource:a.png") ||
        strstr(got, "other:a.png"));
  const char *p = got;
  while((p = strchr(p, ':'))) {
    p++;
    CHECK(!strncmp(p, "a.png", 5) || !strncmp(p, "b.png", 5) ||
          !strncmp(p, "c.png", 5));
    p = strchr(p, ' ');
    if(!p)
      break;
  }
  free(got);
}

AO_TEST(refs_svg_malformed_warns_and_keeps_earlier)
{
  static const char *const cases[] = {
    "<svg><image href='a.png'/><image href='b.png",
    "<svg><image href='a.png'/><!-- never closed",
    "<svg><image href='a.png'/><![CDATA[ x",
    "<svg><image href='a.png'/><rect x=1/>",
    "<svg><image href='a.png'/>< rect/>",
    "<svg><image href='a.png'/><?pi",
    "<svg><image href='a.png'/></",
    "<svg><image href='a.png'/><!DOCTYPE x [",
  };
  for(size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    unsigned w = 0;
    char *got = svg_refs(cases[i], &w);
    CHECK_STR(got, "resource:a.png");
    CHECK_INT(w, 1);
    free(got);
  }
}

AO_TEST(refs_svg_truncations_never_crash)
{
  const char *s = "<?xml version='1.0'?><!DOCTYPE svg [<!ENTITY a 'b'>]>"
                  "<svg xmlns:xlink='x'><style>a{b:url(c.png)}</style>"
                  "<a xlink:href='p.html'><image href=\"i.png\" "
                  "style='fill:url(#x)'/></a><!-- c --><![CDATA[d]]></svg>";
  size_t n = strlen(s);
  for(size_t i = 0; i <= n; i++) {
    char *cut = malloc(i + 1);
    memcpy(cut, s, i);
    cut[i] = 0;
    char *got = svg_refs(cut, NULL);
    CHECK(!strstr(got, "BAD-ORDER") && !strstr(got, "status"));
    free(got);
    free(cut);
  }
}
