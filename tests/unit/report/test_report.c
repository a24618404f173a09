/* Unit tests: report tables, JSON round trip, comparisons, hash-free names,
 * the HTML page, allocation failures. */
#include "../harness.h"

#include <assetopt/report.h>

#include <cJSON.h>

#include <stdlib.h>
#include <string.h>

static int load(struct ao_t *t, const char *rel, ao_assets *a)
{
  size_t len;
  unsigned char *text = ao_t_read(ao_t_data(rel), &len);
  if(!CHECK(text))
    return 0;
  ao_diags d;
  ao_diags_init(&d, rel, text, len);
  int ok = CHECK_INT(ao_assets_from_json(text, len, a, &d), AO_OK);
  ao_diags_free(&d);
  free(text);
  return ok;
}

AO_TEST(report_unhashed_names)
{
  static const struct { const char *in, *want; } cases[] = {
    { "css/site.k3j5x9a2qd.css", "css/site.css" },
    { "assets/index-DF__Szq7.js", "assets/index.js" },
    { "assets/Gallery-CxFyqO6s.js", "assets/Gallery.js" },
    { "js/app.js", "js/app.js" },
    { "js/jquery-3.7.1.min.js", "js/jquery-3.7.1.min.js" },
    { "fonts/fa-solid-900-CTAAxXor.woff2", "fonts/fa-solid-900.woff2" },
    { "js/bootstrap.bundle.js", "js/bootstrap.bundle.js" },
    { "img/photo.abcdefgh.png", "img/photo.abcdefgh.png" }, /* no digit */
    { "main.3f9a8b7c.chunk.js", "main.chunk.js" },
  };
  for(size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
    char *got = ao_report_unhashed(cases[i].in);
    CHECK_STR(got, cases[i].want);
    ao_free(got);
  }
}

AO_TEST(report_json_round_trip)
{
  ao_assets a = { 0 }, b = { 0 };
  if(!load(t, "budget/graph/asset-manifest.json", &a))
    return;
  ao_buf out = AO_BUF_INIT(0);
  REQUIRE(!ao_report_format(&a, NULL, AO_REPORT_JSON, &out));
  ao_diags d;
  ao_diags_init(&d, "report.json", out.data, out.len);
  REQUIRE(!ao_assets_from_json(out.data, out.len, &b, &d));
  REQUIRE(b.n == a.n);
  for(size_t i = 0; i < a.n; i++) {
    CHECK_STR(b.items[i].path, a.items[i].path);
    CHECK_STR(b.items[i].source, a.items[i].source);
    CHECK_INT(b.items[i].kind, a.items[i].kind);
    CHECK_INT(b.items[i].original, a.items[i].original);
    CHECK_INT(b.items[i].gzip, a.items[i].gzip);
    CHECK_INT(b.items[i].nrefs, a.items[i].nrefs);
    for(size_t k = 0; k < a.items[i].nrefs && k < b.items[i].nrefs; k++) {
      CHECK_INT(b.items[i].refs[k].target, a.items[i].refs[k].target);
      CHECK_INT(b.items[i].refs[k].kind, a.items[i].refs[k].kind);
      CHECK_INT(b.items[i].refs[k].flags, a.items[i].refs[k].flags);
    }
  }
  ao_buf cmp = AO_BUF_INIT(0);
  REQUIRE(!ao_report_compare(&a, &b, NULL, AO_REPORT_JSON, &cmp));
  cJSON *doc = cJSON_Parse((const char *)cmp.data);
  REQUIRE(doc);
  CHECK_INT(cJSON_GetObjectItem(doc, "unchanged")->valueint, 15);
  CHECK_INT(cJSON_GetObjectItem(doc, "changed")->valueint, 0);
  cJSON_Delete(doc);
  ao_buf_free(&cmp);
  ao_diags_free(&d);
  ao_buf_free(&out);
  ao_assets_free(&a);
  ao_assets_free(&b);
}

AO_TEST(report_text_sections)
{
  ao_assets a = { 0 };
  if(!load(t, "budget/graph/asset-manifest.json", &a))
    return;
  ao_report_opts o;
  ao_report_opts_init(&o);
  o.top = 3;
  o.measure = AO_MEASURE_BROTLI;
  ao_buf out = AO_BUF_INIT(0);
  REQUIRE(!ao_report_format(&a, &o, AO_REPORT_TEXT, &out));
  const char *s = (const char *)out.data;
  CHECK(strstr(s, "total (15 files)"));
  CHECK(strstr(s, "by HTML entry (brotli)"));
  CHECK(strstr(s, "top 3 by brotli"));
  CHECK(strstr(s, "   1. js/vendor.dddddddddd.js"));
  CHECK(!strstr(s, "   4. "));
  CHECK(!strchr(s, '\033'));
  ao_buf_free(&out);
  ao_assets_free(&a);
}

AO_TEST(report_empty_assets)
{
  ao_assets a = { 0 };
  ao_buf out = AO_BUF_INIT(0);
  REQUIRE(!ao_report_format(&a, NULL, AO_REPORT_TEXT, &out));
  CHECK_STR((const char *)out.data, "no files\n");
  ao_buf_reset(&out);
  REQUIRE(!ao_report_format(&a, NULL, AO_REPORT_JSON, &out));
  cJSON *doc = cJSON_Parse((const char *)out.data);
  CHECK(doc);
  cJSON_Delete(doc);
  ao_buf_reset(&out);
  REQUIRE(!ao_report_html(&a, NULL, &out));
  CHECK(strstr((const char *)out.data, "\"files\": []"));
  ao_buf_free(&out);
}

AO_TEST(report_html_data_and_budget_status)
{
  ao_assets a = { 0 };
  if(!load(t, "budget/graph/asset-manifest.json", &a))
    return;
  ao_budget_report br = { 0 };
  ao_diags d;
  ao_diags_init(&d, "x", NULL, 0);
  REQUIRE(!ao_budget_eval(&a, NULL, &br, &d));
  ao_report_opts o;
  ao_report_opts_init(&o);
  o.budget = &br;
  o.title = "T<&>";
  ao_buf out = AO_BUF_INIT(0);
  REQUIRE(!ao_report_html(&a, &o, &out));
  const char *s = (const char *)out.data;
  CHECK(strstr(s, "<title>T&lt;&amp;&gt;</title>"));
  CHECK(strstr(s, "\"p\": \"js/vendor.dddddddddd.js\", \"k\": \"js\", \"t\": \"script\""));
  CHECK(strstr(s, "\"b\": 360000, \"s\": 1}"));
  CHECK(strstr(s, "\"rule\": \"index.html: initial script (gzip)\""));
  CHECK(!strstr(s, "http://") && !strstr(s, "https://"));
  ao_buf_free(&out);
  ao_budget_report_free(&br);
  ao_diags_free(&d);
  ao_assets_free(&a);
}

AO_TEST(report_allocation_failures)
{
  ao_assets a = { 0 };
  if(!load(t, "budget/graph/asset-manifest.json", &a))
    return;
  for(long n = 1; n < 60; n++) {
    for(int f = AO_REPORT_TEXT; f <= AO_REPORT_MARKDOWN; f++) {
      ao_buf out = AO_BUF_INIT(0);
      ao_alloc_fail_after(n);
      ao_status s = ao_report_format(&a, NULL, (ao_report_fmt)f, &out);
      ao_alloc_fail_after(0);
      CHECK(s == AO_OK || s == AO_NOMEM);
      ao_buf_free(&out);
    }
    ao_buf out = AO_BUF_INIT(0);
    ao_alloc_fail_after(n);
    ao_status s = ao_report_compare(&a, &a, NULL, AO_REPORT_MARKDOWN, &out);
    ao_alloc_fail_after(0);
    CHECK(s == AO_OK || s == AO_NOMEM);
    ao_buf_free(&out);
  }
  ao_assets_free(&a);
}

AO_TEST(report_budget_config_from_cjson)
{
  cJSON *root = cJSON_Parse("{\"initial\": {\"script\": \"100 KB\"}, "
                            "\"files\": {\"*.js\": 7}}");
  REQUIRE(root);
  ao_budget_config c;
  ao_budget_config_init(&c);
  ao_diags d;
  ao_diags_init(&d, "assetopt.json", NULL, 0);
  CHECK_INT(ao_budget_config_from_cjson(root, "budgets", "conf/assetopt.json",
                                        &c, &d), AO_OK);
  CHECK_INT(c.n, 2);
  if(c.n == 2) {
    CHECK_STR(c.rules[0].origin, "assetopt.json: budgets.initial.script");
    CHECK_STR(c.rules[1].limit_text, "7 B");
  }
  ao_budget_config_free(&c);
  cJSON_Delete(root);
  root = cJSON_Parse("{\"files\": {\"*.js\": \"7 XB\"}}");
  CHECK_INT(ao_budget_config_from_cjson(root, "budgets", NULL, &c, &d),
            AO_CONFIG);
  REQUIRE(d.n == 1);
  CHECK(strstr(d.items[0].msg, "budgets.files[\"*.js\"]: invalid size \"7 XB\""));
  CHECK_INT(d.items[0].line, 0);
  ao_budget_config_free(&c);
  cJSON_Delete(root);
  ao_diags_free(&d);
}
