/* Unit tests: references in web manifests and source maps. */
#include "../harness.h"

#include <assetopt/refs.h>

#include <stdio.h>
#include <stdlib.h>

static char *json_refs(ao_kind kind, const char *s, unsigned *warnings,
                       unsigned *line, unsigned *col)
{
  size_t len = strlen(s);
  unsigned char *src = calloc(1, len + AO_PAD);
  memcpy(src, s, len);
  ao_refs r = { 0 };
  ao_diags d;
  ao_diags_init(&d, "m.webmanifest", src, len);
  ao_status st = ao_refs_json(kind, src, len, &r, &d);
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
  if(line && d.n) {
    *line = d.items[0].line;
    *col = d.items[0].col;
  }
  ao_diags_free(&d);
  ao_refs_free(&r);
  free(src);
  size_t n;
  char *res = (char *)ao_buf_detach(&b, &n);
  return res ? res : calloc(1, 1);
}

#define JSON_REFS(kind, in, want) do {                  \
    char *got_ = json_refs((kind), (in), NULL, NULL, NULL); \
    CHECK_STR(got_, (want));                            \
    free(got_);                                         \
  } while(0)

AO_TEST(refs_json_manifest_icons_screenshots_shortcuts)
{
  JSON_REFS(AO_KIND_WEBMANIFEST,
            "{\n  \"name\": \"App\",\n  \"start_url\": \"/index.html\",\n"
            "  \"scope\": \"/\",\n"
            "  \"icons\": [ {\"src\": \"icons/192.png\", \"sizes\": \"192x192\"},\n"
            "             {\"sizes\": \"512x512\", \"src\": \"/icons/512.png\"} ],\n"
            "  \"screenshots\": [{\"src\": \"shot.webp\"}],\n"
            "  \"shortcuts\": [{\"name\": \"x\", \"url\": \"/x\", "
            "\"icons\": [{\"src\": \"x.png\"}]}],\n"
            "  \"related\": {\"icons\": [{\"src\": \"no.png\"}]}\n}",
            "resource:icons/192.png resource:/icons/512.png resource:shot.webp "
            "resource:x.png");
}

AO_TEST(refs_json_manifest_ignores_other_places)
{
  JSON_REFS(AO_KIND_WEBMANIFEST,
            "{\"src\": \"a.png\", \"icons\": {\"src\": \"b.png\"},"
            " \"x\": [{\"icons\": [{\"src\": \"c.png\"}]}],"
            " \"icons2\": [{\"src\": \"d.png\"}],"
            " \"icons\": [[{\"src\": \"e.png\"}], {\"src\": 5}, {\"src\": \"\"},"
            " {\"img\": {\"src\": \"f.png\"}}]}",
            "");
}

AO_TEST(refs_json_escape_pins)
{
  JSON_REFS(AO_KIND_WEBMANIFEST,
            "{\"icons\":[{\"src\":\"a\\/b.png\"},{\"src\":\"\\u0061.png\"}]}",
            "resource:a\\/b.png:pin resource:\\u0061.png:pin");
}

AO_TEST(refs_json_sourcemap_file_only)
{
  JSON_REFS(AO_KIND_SOURCEMAP,
            "{\"version\":3,\"file\":\"app.min.js\",\"sources\":[\"src/a.js\"],"
            "\"names\":[],\"mappings\":\"AAAA\",\"x\":{\"file\":\"no.js\"}}",
            "other:app.min.js");
}

AO_TEST(refs_json_other_kinds_find_nothing)
{
  JSON_REFS(AO_KIND_JSON, "{\"icons\":[{\"src\":\"a.png\"}]}", "");
}

AO_TEST(refs_json_malformed_warns_with_position)
{
  unsigned w = 0, line = 0, col = 0;
  char *got = json_refs(AO_KIND_WEBMANIFEST,
                        "{\"icons\": [{\"src\": \"a.png\"},\n  {\"src\": \"b.png\",}]}",
                        &w, &line, &col);
  CHECK_STR(got, "resource:a.png resource:b.png");
  CHECK_INT(w, 1);
  CHECK_INT(line, 2);
  CHECK_INT(col, 19);
  free(got);
}

AO_TEST(refs_json_truncations_never_crash)
{
  const char *s = "\xef\xbb\xbf{\"icons\":[{\"src\":\"a.png\",\"n\":[1,-2.5e+3,true,"
                  "null,false,{}]}],\"shortcuts\":[{\"icons\":[{\"src\":\"b\\\"c\"}]}]}";
  size_t n = strlen(s);
  for(size_t i = 0; i <= n; i++) {
    char *cut = malloc(i + 1);
    memcpy(cut, s, i);
    cut[i] = 0;
    char *got = json_refs(AO_KIND_WEBMANIFEST, cut, NULL, NULL, NULL);
    CHECK(!strstr(got, "BAD-ORDER") && !strstr(got, "status"));
    free(got);
    free(cut);
  }
}

AO_TEST(refs_json_deep_nesting_is_bounded)
{
  size_t n = 100000;
  char *s = malloc(n + 1);
  memset(s, '[', n);
  s[n] = 0;
  unsigned w = 0;
  char *got = json_refs(AO_KIND_WEBMANIFEST, s, &w, NULL, NULL);
  CHECK_STR(got, "");
  CHECK_INT(w, 1);
  free(got);
  free(s);
}
