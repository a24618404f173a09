/* Unit tests: the SVG minifier, one hazard per case. */
#include "../harness.h"

#include <assetopt/svg.h>

#include <stdio.h>
#include <stdlib.h>

/* Minifies s with default options; "ERR line:col" on error (and checks the
 * output buffer was left as it was). */
static char *svg_min(const char *s)
{
  size_t len = strlen(s);
  unsigned char *src = calloc(1, len + AO_PAD);
  memcpy(src, s, len);
  ao_svg_opts o;
  ao_svg_opts_init(&o);
  ao_diags d;
  ao_diags_init(&d, "x.svg", src, len);
  ao_buf out = AO_BUF_INIT(0);
  ao_buf_puts(&out, "<");
  ao_status st = ao_svg_minify(src, len, &o, &out, &d);
  ao_buf res = AO_BUF_INIT(0);
  if(st) {
    if(out.len != 1)
      ao_buf_puts(&res, "OUTPUT-TOUCHED ");
    ao_buf_printf(&res, "ERR %u:%u", d.n ? d.items[0].line : 0,
                  d.n ? d.items[0].col : 0);
  }
  else
    ao_buf_append(&res, out.data + 1, out.len - 1);
  ao_buf_free(&out);
  ao_diags_free(&d);
  free(src);
  size_t n;
  char *r = (char *)ao_buf_detach(&res, &n);
  return r ? r : calloc(1, 1);
}

#define SVG_MIN(in, want) do {          \
    char *got_ = svg_min(in);           \
    CHECK_STR(got_, (want));            \
    free(got_);                         \
  } while(0)

#define NS "xmlns=\"http://www.w3.org/2000/svg\""

AO_TEST(svg_min_comments_decl_doctype_whitespace)
{
  SVG_MIN("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
          "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x.dtd\">\n"
          "<!-- made by hand -->\n<svg " NS " version=\"1.1\">\n  <g>\n"
          "    <rect width=\"10\" height=\"10\"/>\n  </g>\n  <!--! legal -->\n</svg>\n",
          "<svg " NS "><rect width=\"10\" height=\"10\"/><!--! legal --></svg>");
}

AO_TEST(svg_min_keeps_non_utf8_decl_and_internal_subset)
{
  SVG_MIN("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><svg " NS "/>",
          "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><svg " NS "/>");
  SVG_MIN("<!DOCTYPE svg [<!ENTITY a \"#fff\">]><svg " NS "><rect fill=\"&a;\"/></svg>",
          "<!DOCTYPE svg [<!ENTITY a \"#fff\">]><svg " NS "><rect fill=\"&a;\"/></svg>");
}

AO_TEST(svg_min_text_whitespace_is_kept)
{
  SVG_MIN("<svg " NS "> <text x=\"1\"> a <tspan>b</tspan> <tspan>c</tspan> </text>"
          " <title> T </title> </svg>",
          "<svg " NS "><text x=\"1\"> a <tspan>b</tspan> <tspan>c</tspan> </text>"
          "<title> T </title></svg>");
}

AO_TEST(svg_min_editor_data_and_namespaces)
{
  SVG_MIN("<svg " NS " xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\""
          " xmlns:sodipodi=\"http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd\""
          " xmlns:xlink=\"http://www.w3.org/1999/xlink\""
          " xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\""
          " xmlns:i=\"http://ns.adobe.com/AdobeIllustrator/10.0/\""
          " inkscape:version=\"1.0\" sodipodi:docname=\"a.svg\">"
          "<sodipodi:namedview pagecolor=\"#fff\"><inkscape:grid/></sodipodi:namedview>"
          "<metadata><rdf:RDF/></metadata><i:pgf>AAAA</i:pgf>"
          "<g inkscape:label=\"Layer 1\" inkscape:groupmode=\"layer\" i:extraneous=\"self\">"
          "<path d=\"M0 0h1\" sodipodi:nodetypes=\"cc\"/></g></svg>",
          "<svg " NS "><path d=\"M0 0h1\"/></svg>");
}

AO_TEST(svg_min_used_xlink_namespace_stays)
{
  SVG_MIN("<svg " NS " xmlns:xlink=\"http://www.w3.org/1999/xlink\">"
          "<use xlink:href=\"s.svg#a\"/></svg>",
          "<svg " NS " xmlns:xlink=\"http://www.w3.org/1999/xlink\">"
          "<use xlink:href=\"s.svg#a\"/></svg>");
}

AO_TEST(svg_min_path_data)
{
  SVG_MIN("<svg " NS "><path d=\" M 10.50 , 20.0 L 30 40 L -0.5 -0.50 "
          "C 1 2 3 4 5 6 C 0.1 0.2 0.3 0.4 0.5 0.6 z m 1e+01 -0 l 1 1 Z\"/></svg>",
          "<svg " NS "><path d=\"M10.5 20 30 40-.5-.5C1 2 3 4 5 6 .1.2.3.4.5.6zm1e1 0 1 1Z\"/></svg>");
  /* arc flags stay separate numbers */
  SVG_MIN("<svg " NS "><path d=\"M0 0 A 25 25 -30 0 1 50 -25 a1 1 0 1,0 2 2\"/></svg>",
          "<svg " NS "><path d=\"M0 0A25 25-30 0 1 50-25a1 1 0 1 0 2 2\"/></svg>");
  /* compact flags are read correctly */
  SVG_MIN("<svg " NS "><path d=\"M 0 0 a 25 25 0 0150 50\"/></svg>",
          "<svg " NS "><path d=\"M0 0a25 25 0 0 1 50 50\"/></svg>");
}

AO_TEST(svg_min_path_exact_forms)
{
  /* lines along an axis become H/V; each segment absolute or relative,
   * whichever is shorter, computed exactly */
  SVG_MIN("<svg " NS "><path d=\"M 10 10 L 20 10 L 20 20 L 10.5 20 Z\"/></svg>",
          "<svg " NS "><path d=\"M10 10H20V20H10.5z\"/></svg>");
  SVG_MIN("<svg " NS "><path d=\"M 1000 1000 L 1001 1001 L 1002.5 1001 L 1000.25 999.75\"/></svg>",
          "<svg " NS "><path d=\"M1000 1000l1 1h1.5l-2.25-1.25\"/></svg>");
  /* arc flags are flags, whatever the scale of the other numbers */
  SVG_MIN("<svg " NS "><path d=\"M 100.5 100 A 10 10 0 1 0 120.5 100 A 10 10 0 0 1 100.5 100\"/></svg>",
          "<svg " NS "><path d=\"M100.5 100a10 10 0 1 0 20 0 10 10 0 0 1-20 0\"/></svg>");
  /* 0.1 + 0.2 is exactly 0.3 here */
  SVG_MIN("<svg " NS "><path d=\"M 0.1 0.1 L 0.3 0.3 L 0.3 0.35\"/></svg>",
          "<svg " NS "><path d=\"M.1.1.3.3V.35\"/></svg>");
}

AO_TEST(svg_min_bad_path_is_kept)
{
  SVG_MIN("<svg " NS "><path d=\"M 0 0 L 1\"/></svg>",
          "<svg " NS "><path d=\"M 0 0 L 1\"/></svg>");
  SVG_MIN("<svg " NS "><path d=\"L 0 0 1 1\"/></svg>",
          "<svg " NS "><path d=\"L 0 0 1 1\"/></svg>");
  SVG_MIN("<svg " NS "><path d=\"M 0,,0 1 1\"/></svg>",
          "<svg " NS "><path d=\"M 0,,0 1 1\"/></svg>");
}

AO_TEST(svg_min_numbers_lists_transforms_colors)
{
  SVG_MIN("<svg " NS " viewBox=\"0, 0, 100.0, 50.50\"><polygon points=\"0,0 10.0,-5 20 , 0.5\"/>"
          "<g transform=\"translate(10.0, -20) scale(2.50)\"><rect x=\"0.50px\" "
          "width=\"010%\" height=\"1.0em\" fill=\"#FFFFFF\" stroke=\"#aaBBcc\"/></g></svg>",
          "<svg " NS " viewBox=\"0 0 100 50.5\"><polygon points=\"0 0 10-5 20 .5\"/>"
          "<g transform=\"translate(10-20)scale(2.5)\"><rect x=\".5px\" width=\"10%\" "
          "height=\"1em\" fill=\"#fff\" stroke=\"#abc\"/></g></svg>");
}

AO_TEST(svg_min_lists_keep_the_spaces_browsers_split_on)
{
  /* Firefox reads viewBox and length lists token by token, and "x-y" only
   * inside one point */
  SVG_MIN("<svg " NS " viewBox=\"-5.0, -5.0, 10.0, 10.0\"><polyline points=\"1.0,-2.0 -3.0,-4.0 0.5,0.5\"/>"
          "<text x=\"10.0 -5.0\" y=\"0.50, -1.0\">t</text></svg>",
          "<svg " NS " viewBox=\"-5 -5 10 10\"><polyline points=\"1-2 -3-4 .5 .5\"/>"
          "<text x=\"10 -5\" y=\".5 -1\">t</text></svg>");
}

AO_TEST(svg_min_internal_subset_is_conservative)
{
  SVG_MIN("<!DOCTYPE svg [<!ENTITY r \"<rect fill='url(#linearGradient1)'/>\">]>"
          "<svg " NS "><linearGradient id=\"linearGradient1\"/><g>&r;</g></svg>",
          "<!DOCTYPE svg [<!ENTITY r \"<rect fill='url(#linearGradient1)'/>\">]>"
          "<svg " NS "><linearGradient id=\"linearGradient1\"/><g>&r;</g></svg>");
}

AO_TEST(svg_min_defaults_respect_inheritance)
{
  /* opacity does not inherit: its initial value goes; fill="black" under a
   * red group must stay */
  SVG_MIN("<svg " NS "><g fill=\"red\"><path d=\"M0 0h1\" fill=\"black\" opacity=\"1\"/>"
          "</g><path d=\"M0 0h1\" fill=\"#000\" stroke=\"none\"/></svg>",
          "<svg " NS "><g fill=\"red\"><path d=\"M0 0h1\" fill=\"black\"/></g>"
          "<path d=\"M0 0h1\"/></svg>");
  /* a <use> passes values down to what it draws: inherited defaults stay
   * there, and only there */
  SVG_MIN("<svg " NS "><symbol id=\"s\"><path d=\"M0 0h1\" fill=\"#000\"/></symbol>"
          "<use href=\"#s\" fill=\"red\"/><path d=\"M0 0h2\" fill=\"#000\"/></svg>",
          "<svg " NS "><symbol id=\"s\"><path d=\"M0 0h1\" fill=\"#000\"/></symbol>"
          "<use href=\"#s\" fill=\"red\"/><path d=\"M0 0h2\"/></svg>");
  SVG_MIN("<svg " NS "><g id=\"grp\"><g><path d=\"M0 0h1\" stroke=\"none\"/></g></g>"
          "<use href=\"#grp\" stroke=\"red\"/></svg>",
          "<svg " NS "><g id=\"grp\"><path d=\"M0 0h1\" stroke=\"none\"/></g>"
          "<use href=\"#grp\" stroke=\"red\"/></svg>");
  /* a style sheet may set anything: inherited defaults stay */
  SVG_MIN("<svg " NS "><style>g{fill:red}</style><g><path fill=\"#000\" d=\"M0 0h1\"/></g></svg>",
          "<svg " NS "><style>g{fill:red}</style><g><path fill=\"#000\" d=\"M0 0h1\"/></g></svg>");
}

AO_TEST(svg_min_style_attribute)
{
  SVG_MIN("<svg " NS "><path d=\"M0 0h1\" style=\"fill:#FF0000; fill-opacity:1;"
          " -inkscape-stroke:none ;stroke:none\"/></svg>",
          "<svg " NS "><path d=\"M0 0h1\" fill=\"red\"/></svg>");
  /* a declaration beats an attribute: fill:black must stay (the CSS
   * minifier writes it #000) */
  SVG_MIN("<svg " NS "><path d=\"M0 0h1\" fill=\"red\" style=\"fill:black\"/></svg>",
          "<svg " NS "><path d=\"M0 0h1\" fill=\"red\" style=\"fill:#000\"/></svg>");
  /* short styles become presentation attributes, where nothing can tell */
  SVG_MIN("<svg " NS "><path d=\"M0 0h1\" style=\"fill-rule:evenodd;stroke:url(#g)\"/>"
          "<path d=\"M0 0h1\" style=\"fill:red;stroke:blue;opacity:.5;stroke-width:2\"/></svg>",
          "<svg " NS "><path d=\"M0 0h1\" fill-rule=\"evenodd\" stroke=\"url(#g)\"/>"
          "<path d=\"M0 0h1\" style=\"fill:red;stroke:blue;opacity:.5;stroke-width:2\"/></svg>");
  SVG_MIN("<svg " NS "><style>path{fill:blue}</style><path d=\"M0 0h1\" style=\"fill:red\"/></svg>",
          "<svg " NS "><style>path{fill:blue}</style><path d=\"M0 0h1\" style=\"fill:red\"/></svg>");
  SVG_MIN("<svg " NS "><path d=\"M0 0h1\" style=\"font-weight:bold\" stroke=\"red\"/>"
          "<text style=\"font-weight:bold\">t</text></svg>",
          "<svg " NS "><path d=\"M0 0h1\" stroke=\"red\"/>"
          "<text style=\"font-weight:700\">t</text></svg>");
  /* a ';' inside url() or quotes does not end the declaration */
  SVG_MIN("<svg " NS "><g style=\"fill:url(data:a;b) ; stroke:none\"><path d=\"M0 0h1\""
          " style=\"fill:url(data:a;c);font-family:'a;b'\"/></g></svg>",
          "<svg " NS "><g style=\"fill:url(data:a;b)\"><path d=\"M0 0h1\""
          " style=\"fill:url(data:a;c)\"/></g></svg>");
  SVG_MIN("<svg " NS "><text style=\"font-family:'a;b' ; fill:red\">t</text></svg>",
          "<svg " NS "><text style=\"font-family:'a;b';fill:red\">t</text></svg>");
  /* unusual declarations are kept (and minified by the CSS minifier) */
  SVG_MIN("<svg " NS "><path d=\"M0 0h1\" style=\"opacity:1 !important\"/></svg>",
          "<svg " NS "><path d=\"M0 0h1\" style=\"opacity:1!important\"/></svg>");
}

AO_TEST(svg_min_ids_and_unused_definitions)
{
  /* generated ids nothing refers to go; referenced and chosen ids stay;
   * unreferenced gradients go, with the templates only they used */
  SVG_MIN("<svg " NS " xmlns:xlink=\"http://www.w3.org/1999/xlink\" id=\"svg2\">"
          "<defs id=\"defs4\"><linearGradient id=\"linearGradient1\"><stop offset=\"0\"/>"
          "</linearGradient><linearGradient id=\"linearGradient2\" xlink:href=\"#linearGradient1\"/>"
          "<linearGradient id=\"grad\"><stop offset=\"1\" id=\"stop5\"/></linearGradient>"
          "<symbol id=\"icon\"/></defs>"
          "<rect id=\"rect7\" width=\"1\" height=\"1\" fill=\"url(#grad)\"/><g id=\"logo\"/></svg>",
          "<svg " NS "><defs><linearGradient id=\"grad\"><stop offset=\"1\"/></linearGradient>"
          "<symbol id=\"icon\"/></defs><rect width=\"1\" height=\"1\" fill=\"url(#grad)\"/>"
          "<g id=\"logo\"/></svg>");
  /* generated ids something refers to get short names, never one in use;
   * a reference to another file's fragment stays; symbols keep theirs */
  SVG_MIN("<svg " NS " xmlns:xlink=\"http://www.w3.org/1999/xlink\"><defs>"
          "<linearGradient id=\"linearGradient12\"><stop offset=\"1\"/></linearGradient>"
          "<radialGradient id=\"radialGradient3\" xlink:href=\"#linearGradient12\"/>"
          "<symbol id=\"symbol9\"/></defs><g id=\"a\"/>"
          "<rect width=\"1\" height=\"1\" style=\"fill:url( '#radialGradient3' )\"/>"
          "<use href=\"#symbol9\"/><use href=\"other.svg#linearGradient12\"/>"
          "<rect width=\"1\" height=\"1\" fill=\"url(#linearGradient12)\"/></svg>",
          "<svg " NS " xmlns:xlink=\"http://www.w3.org/1999/xlink\"><defs>"
          "<linearGradient id=\"b\"><stop offset=\"1\"/></linearGradient>"
          "<radialGradient id=\"c\" xlink:href=\"#b\"/>"
          "<symbol id=\"symbol9\"/></defs><g id=\"a\"/>"
          "<rect width=\"1\" height=\"1\" fill=\"url(#c)\"/>"
          "<use href=\"#symbol9\"/><use href=\"other.svg#linearGradient12\"/>"
          "<rect width=\"1\" height=\"1\" fill=\"url(#b)\"/></svg>");
  /* a file of definitions only is a library other files name: all stay */
  SVG_MIN("<svg " NS "><defs><filter id=\"blur\"><feGaussianBlur stdDeviation=\"2\"/></filter>"
          "<clipPath id=\"clipPath3\"><circle r=\"1\"/></clipPath></defs></svg>",
          "<svg " NS "><defs><filter id=\"blur\"><feGaussianBlur stdDeviation=\"2\"/></filter>"
          "<clipPath id=\"clipPath3\"><circle r=\"1\"/></clipPath></defs></svg>");
  /* a script may look anything up: ids stay */
  SVG_MIN("<svg " NS "><rect id=\"rect7\"/><script>1</script></svg>",
          "<svg " NS "><rect id=\"rect7\"/><script>1</script></svg>");
}

AO_TEST(svg_min_bare_groups_unwrapped)
{
  SVG_MIN("<svg " NS "><g><g><rect width=\"1\" height=\"1\"/></g><circle r=\"1\"/></g></svg>",
          "<svg " NS "><rect width=\"1\" height=\"1\"/><circle r=\"1\"/></svg>");
  /* <switch> renders its first suitable child: a group stays one child */
  SVG_MIN("<svg " NS "><switch><g><rect width=\"1\" height=\"1\"/><circle r=\"1\"/></g>"
          "<text>x</text></switch></svg>",
          "<svg " NS "><switch><g><rect width=\"1\" height=\"1\"/><circle r=\"1\"/></g>"
          "<text>x</text></switch></svg>");
  /* an empty group chosen by <switch> hides the fallback */
  SVG_MIN("<svg " NS "><switch><g/><text>fallback</text></switch></svg>",
          "<svg " NS "><switch><g/><text>fallback</text></switch></svg>");
  /* a group in a clip path is not clip content; its children would be */
  SVG_MIN("<svg " NS "><clipPath id=\"c\"><g><rect width=\"1\" height=\"1\"/></g></clipPath>"
          "<rect width=\"2\" height=\"2\" clip-path=\"url(#c)\"/></svg>",
          "<svg " NS "><clipPath id=\"c\"><g><rect width=\"1\" height=\"1\"/></g></clipPath>"
          "<rect width=\"2\" height=\"2\" clip-path=\"url(#c)\"/></svg>");
  /* a style sheet could select the group */
  SVG_MIN("<svg " NS "><style>g>rect{fill:red}</style><g><rect width=\"1\" height=\"1\"/></g></svg>",
          "<svg " NS "><style>g>rect{fill:red}</style><g><rect width=\"1\" height=\"1\"/></g></svg>");
}

AO_TEST(svg_min_foreign_content_untouched)
{
  SVG_MIN("<svg " NS "><foreignObject width=\"10.0\" height=\"10\">"
          "<div xmlns=\"http://www.w3.org/1999/xhtml\" style=\"display:inline;opacity:1\">"
          "\n <g> <b>x</b> </g><span></span></div></foreignObject></svg>",
          "<svg " NS "><foreignObject width=\"10\" height=\"10\">"
          "<div xmlns=\"http://www.w3.org/1999/xhtml\" style=\"display:inline;opacity:1\">"
          "\n <g> <b>x</b> </g><span></span></div></foreignObject></svg>");
}

AO_TEST(svg_min_dead_properties_on_shapes)
{
  /* text properties, overflow and stop colors do nothing on a shape */
  SVG_MIN("<svg " NS "><path d=\"M0 0h1\" font-size=\"12\" style=\"color:#000;"
          "font-family:sans-serif;line-height:1.25;overflow:visible;stop-color:#fff;"
          "text-anchor:middle;fill:red\"/></svg>",
          "<svg " NS "><path d=\"M0 0h1\" fill=\"red\"/></svg>");
  /* except where its own lengths use the font, or its paint currentColor */
  SVG_MIN("<svg " NS "><rect width=\"2em\" height=\"1\" style=\"font-size:8px;"
          "color:red;fill:currentColor\"/></svg>",
          "<svg " NS "><rect width=\"2em\" height=\"1\" style=\"font-size:8px;"
          "color:red;fill:currentColor\"/></svg>");
  SVG_MIN("<svg " NS "><g fill=\"currentColor\"><path d=\"M0 0h1\" color=\"red\"/></g></svg>",
          "<svg " NS "><g fill=\"currentColor\"><path d=\"M0 0h1\" color=\"red\"/></g></svg>");
  /* and never on text or on anything with children */
  SVG_MIN("<svg " NS "><g style=\"font-size:8px\"><text>t</text></g>"
          "<text style=\"font-size:8px;text-anchor:middle\">t</text></svg>",
          "<svg " NS "><g style=\"font-size:8px\"><text>t</text></g>"
          "<text style=\"font-size:8px;text-anchor:middle\">t</text></svg>");
}

AO_TEST(svg_min_empty_groups)
{
  SVG_MIN("<svg " NS "><g>\n<g> </g></g><defs/><g id=\"keep\"></g><g opacity=\".5\"></g></svg>",
          "<svg " NS "><g id=\"keep\"/><g opacity=\".5\"/></svg>");
}

AO_TEST(svg_min_malformed_is_an_error)
{
  SVG_MIN("<svg " NS "><g></svg>", "ERR 1:44");
  SVG_MIN("<svg " NS "><!-- open", "ERR 1:41");
  SVG_MIN("<svg " NS "><rect x=1/></svg>", "ERR 1:47");
  SVG_MIN("<svg " NS "><g>", "ERR 1:41");
  SVG_MIN("<svg " NS "/><svg/>", "ERR 1:42");
  SVG_MIN("", "ERR 1:1");
  SVG_MIN("<svg " NS ">x</svg>junk", "ERR 1:48");
}

AO_TEST(svg_min_cdata_and_entities_kept)
{
  SVG_MIN("<svg " NS "><text>&lt;a&gt; <![CDATA[<b>]]></text>"
          "<style><![CDATA[ a > b { fill: red } ]]></style></svg>",
          "<svg " NS "><text>&lt;a&gt; <![CDATA[<b>]]></text>"
          "<style><![CDATA[a>b{fill:red}]]></style></svg>");
}

AO_TEST(svg_min_never_larger_and_idempotent_on_corpus)
{
  const char *dir = ao_t_corpus();
  if(!dir) {
    ao_t_skip(t, "no corpus");
    return;
  }
  static const char *const names[] = {
    "svg/desktop-base-lines-1920x1080.svg", "svg/gnome-user-docs-touch-osk.svg",
    "svg/flag-icons-4x3-es.svg", "svg/fontawesome-solid-gear.svg",
    "svg/bootstrap-icons-globe2.svg"
  };
  for(size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
    char path[1024];
    snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
    size_t len;
    unsigned char *in = ao_t_read(path, &len);
    if(!in)
      continue;
    char *once = svg_min((char *)in);
    char *twice = svg_min(once);
    CHECK(strncmp(once, "ERR", 3) != 0);
    CHECK(strlen(once) <= len);
    CHECK_STR(twice, once);
    free(once);
    free(twice);
    free(in);
  }
}

AO_TEST(svg_min_golden_files)
{
  static const char *const names[] = { "inkscape", "illustrator", "icon", "sprite" };
  for(size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
    char path[256];
    size_t len, wlen;
    snprintf(path, sizeof(path), "minify/svg/%s.svg", names[i]);
    unsigned char *in = ao_t_read(ao_t_data(path), &len);
    snprintf(path, sizeof(path), "minify/svg/%s.expected.svg", names[i]);
    unsigned char *want = ao_t_read(ao_t_data(path), &wlen);
    REQUIRE(in && want);
    char *got = svg_min((char *)in);
    CHECK_MEM(got, strlen(got), want, wlen);
    char *again = svg_min(got);
    CHECK_STR(again, got);
    free(again);
    free(got);
    free(in);
    free(want);
  }
}
