/* Unit tests: references in JavaScript (ao_refs_js). */
#include "../harness.h"

#include <assetopt/refs.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Runs the extractor on s and renders "kind:flags:text|..." for comparison. */
static char *refs_of(const char *s, unsigned *warnings)
{
  size_t n = strlen(s);
  unsigned char *src = calloc(n + AO_PAD, 1);
  memcpy(src, s, n);
  ao_refs r = { 0 };
  ao_diags d;
  ao_diags_init(&d, "t.js", src, n);
  ao_status st = ao_refs_js(src, n, &r, &d);
  ao_buf b = AO_BUF_INIT(0);
  ao_buf_puts(&b, "");
  if(st)
    ao_buf_printf(&b, "status %d", (int)st);
  for(size_t i = 0; i < r.n; i++) {
    const ao_ref *x = &r.items[i];
    ao_buf_printf(&b, "%s%s%s%s:%.*s", i ? "|" : "", ao_ref_kind_name(x->kind),
                  x->flags & AO_REF_F_GUESS ? "?" : "",
                  x->flags & AO_REF_F_PIN ? "!" : "", (int)x->len,
                  (const char *)src + x->off);
  }
  if(warnings)
    *warnings = d.warnings;
  ao_diags_free(&d);
  ao_refs_free(&r);
  free(src);
  size_t len;
  return (char *)ao_buf_detach(&b, &len);
}

#define REFS(src, want)                      \
  do {                                       \
    char *got_ = refs_of(src, NULL);         \
    CHECK_STR(got_, want);                   \
    ao_free(got_);                           \
  } while(0)

AO_TEST(js_refs_static_imports)
{
  REFS("import a from './a.js';\nimport {b, c as d} from \"../b.mjs\";\n"
       "import * as ns from '/lib/ns.js'; import './side.js';\n"
       "import def, { x } from './mixed.js'",
       "import:./a.js|import:../b.mjs|import:/lib/ns.js|import:./side.js|"
       "import:./mixed.js");
}

AO_TEST(js_refs_export_from)
{
  REFS("export * from './all.js'; export { a, b as c } from './some.js';\n"
       "export * as ns from './ns.js'; export const x = 1;",
       "import:./all.js|import:./some.js|import:./ns.js");
}

AO_TEST(js_refs_bare_specifiers_are_not_references)
{
  REFS("import React from 'react'; import 'lodash/fp'; export * from 'vue';"
       "import('@scope/pkg'); import x from '//cdn.example/x.js';", "");
}

AO_TEST(js_refs_dynamic_import)
{
  REFS("const m = await import('./lazy.js'); import(`./t.js`);\n"
       "import(name); import('./p' + x); import('./opt.js', { with: {} })",
       "dynamic-import:./lazy.js|dynamic-import:./t.js|"
       "dynamic-import:./opt.js");
}

AO_TEST(js_refs_new_url_import_meta)
{
  REFS("const w = new URL('./worker.js', import.meta.url);\n"
       "new URL(\"img/logo.png\", import.meta.url).href",
       "other:./worker.js|other:img/logo.png");
}

AO_TEST(js_refs_guess_strings)
{
  REFS("el.src = 'img/a.png'; x = \"./b/c.svg\"; y = '/fonts/f.woff2';\n"
       "t = `icons/i.webp`; no = 'hello world.png'; no2 = `a${b}.png`;\n"
       "no3 = 'noext'; no4 = 'a.'; no5 = 'https://x.org/a.png'",
       "other?:img/a.png|other?:./b/c.svg|other?:/fonts/f.woff2|"
       "other?:icons/i.webp");
}

AO_TEST(js_refs_escapes_pin)
{
  REFS("import a from './a\\u002ejs'; s = 'img\\/x.png';",
       "import!:./a\\u002ejs|other?!:img\\/x.png");
}

AO_TEST(js_refs_source_map_comment)
{
  REFS("var a = 1;\n//# sourceMappingURL=app.js.map\n",
       "sourcemap:app.js.map");
  REFS("var a = 1;\n//@ sourceMappingURL=old.map", "sourcemap:old.map");
  REFS("a()\n/*# sourceMappingURL=b.js.map */", "sourcemap:b.js.map");
  REFS("//# sourceMappingURL=data:application/json;base64,e30=", "");
}

AO_TEST(js_refs_ignore_comments_and_regex)
{
  REFS("// import a from './no.js'\n/* 'x/y.png' */ r = /'\\.\\/z.png'/;\n"
       "q = a / 2 / 'c/d.png'.length",
       "other?:c/d.png");
}

AO_TEST(js_refs_fragment_of_inline_module)
{
  REFS("\n  import { h } from './h.js'\n  h('main.css')\n",
       "import:./h.js|other?:main.css");
}

AO_TEST(js_refs_malformed_input_keeps_earlier)
{
  unsigned w = 0;
  char *got = refs_of("import a from './a.js'; x = 'unterminated", &w);
  CHECK_STR(got, "import:./a.js");
  CHECK_INT(w, 1);
  ao_free(got);
  static const char *bad[] = { "import", "import(", "import('./x.js'",
                               "new URL('a.js', import.meta", "export {",
                               "`${", "/* x", "'", "}}}", "import from",
                               "from './a.js'" };
  for(size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    got = refs_of(bad[i], NULL);
    CHECK(got != NULL);
    ao_free(got);
  }
}

AO_TEST(js_refs_import_meta_is_not_import)
{
  REFS("const u = import.meta.url; x = 'a.js'", "other?:a.js");
}
