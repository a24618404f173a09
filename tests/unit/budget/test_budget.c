/* Unit tests: sizes, globs, the initial-load graph, budget configuration
 * (assetopt.json and Lighthouse), evaluation and output formats. */
#include "../harness.h"

#include <assetopt/budget.h>
#include <assetopt/glob.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

AO_TEST(budget_size_parse_units)
{
  static const struct { const char *in; uint64_t want; } ok[] = {
    { "500 KB", 500000 }, { "500 kB", 500000 }, { "500 kb", 500000 },
    { "500KB", 500000 }, { "500 KiB", 512000 }, { "500 kib", 512000 },
    { "1.5 MB", 1500000 }, { "1 MiB", 1048576 }, { "2048", 2048 },
    { "12 B", 12 }, { " 3 mb ", 3000000 }, { "0", 0 }, { "1 GB", 1000000000 },
    { "0.5 KiB", 512 }, { "10 bytes", 10 }, { "1.0005 KB", 1001 },
  };
  for(size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
    uint64_t v = 1234567;
    const char *why = NULL;
    CHECK_INT(ao_size_parse(ok[i].in, &v, &why), 0);
    CHECK_INT(v, ok[i].want);
  }
  static const char *const bad[] = { "abc", "", "KB", "-5 KB", "5 XB",
                                     "5 KB extra", "99999999999999999999 GB" };
  for(size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    uint64_t v;
    const char *why = NULL;
    CHECK_INT(ao_size_parse(bad[i], &v, &why), -1);
    CHECK(why && *why);
  }
}

AO_TEST(budget_glob_match)
{
  static const struct { const char *pat, *path; int want; } cases[] = {
    { "assets/*.js", "assets/app.js", 1 },
    { "assets/*.js", "assets/sub/app.js", 0 },
    { "assets/**/*.js", "assets/app.js", 1 },
    { "assets/**/*.js", "assets/a/b/app.js", 1 },
    { "**/*.css", "css/site.css", 1 },
    { "*.js", "deep/down/x.js", 1 },     /* no '/': the name only */
    { "*.js", "x.json", 0 },
    { "img/**", "img/a/b.png", 1 },
    { "/index.html", "index.html", 1 },
    { "js/app.?.js", "js/app.1.js", 1 },
    { "js/[abc]*.js", "js/bundle.js", 1 },
    { "js/[!abc]*.js", "js/bundle.js", 0 },
    { "js/[abc", "js/[abc", 1 },
  };
  for(size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
    if(!CHECK_INT(ao_glob_match(cases[i].pat, cases[i].path),
                  cases[i].want))
      CHECK_STR(cases[i].pat, cases[i].path);
}

static int load_fixture(struct ao_t *t, ao_assets *a)
{
  size_t len;
  unsigned char *text =
    ao_t_read(ao_t_data("budget/graph/asset-manifest.json"), &len);
  if(!CHECK(text))
    return 0;
  ao_diags d;
  ao_diags_init(&d, "asset-manifest.json", text, len);
  int ok = CHECK_INT(ao_assets_from_json(text, len, a, &d), AO_OK);
  ao_diags_free(&d);
  free(text);
  return ok;
}

static const char *path_of(const ao_assets *a, size_t i)
{
  return a->items[i].source;
}

AO_TEST(budget_initial_load_graph)
{
  ao_assets a = { 0 };
  if(!load_fixture(t, &a))
    return;
  CHECK_INT(a.n, 15);
  size_t e = ao_assets_find(&a, "index.html");
  REQUIRE(e != SIZE_MAX);
  ao_entry_load l;
  REQUIRE(!ao_entry_load_compute(&a, e, &l));
  static const char *const want[] = {
    "index.html", "css/site.css", "fonts/inter.woff2", "js/vendor.js",
    "js/app.js", "img/hero.png", "css/base.css", "js/util.js"
  };
  CHECK_INT(l.ninitial, 8);
  for(size_t i = 0; i < l.ninitial && i < 8; i++)
    CHECK_STR(path_of(&a, l.initial[i]), want[i]);
  CHECK_INT(l.nlazy, 2);
  if(l.nlazy == 2) {
    CHECK_STR(path_of(&a, l.lazy[0]), "js/page.js");
    CHECK_STR(path_of(&a, l.lazy[1]), "js/chunk.js");
  }
  CHECK_INT(l.nmissing, 1);
  if(l.nmissing)
    CHECK_STR(l.missing[0], "js/missing.js");
  ao_entry_load_free(&l);
  /* output paths are what references resolve to */
  const ao_asset *idx = &a.items[e];
  CHECK_STR(idx->refs[0].path, "css/site.k3j5x9a2qd.css");
  ao_assets_free(&a);
}

static ao_status eval_cfg(const ao_assets *a, const char *json,
                          ao_budget_report *r, ao_budget_config *c)
{
  ao_diags d;
  ao_diags_init(&d, "assetopt.json", (const unsigned char *)json, strlen(json));
  ao_budget_config_init(c);
  ao_status s = ao_budget_config_parse((const unsigned char *)json,
                                       strlen(json), "assetopt.json", c, &d);
  if(!s) {
    ao_diags_free(&d);
    ao_diags_init(&d, "out", NULL, 0);
    s = ao_budget_eval(a, c, r, &d);
  }
  ao_diags_free(&d);
  return s;
}

AO_TEST(budget_default_rule)
{
  ao_assets a = { 0 };
  if(!load_fixture(t, &a))
    return;
  ao_budget_report r = { 0 };
  ao_diags d;
  ao_diags_init(&d, "out", NULL, 0);
  REQUIRE(!ao_budget_eval(&a, NULL, &r, &d));
  CHECK_INT(d.warnings, 1); /* js/missing.js */
  CHECK_INT(r.n, 2);
  CHECK_INT(r.failed, 1);
  CHECK_STR(r.items[0].name, "about.html: initial script (gzip)");
  CHECK_INT(r.items[0].actual, 2000);
  CHECK_STR(r.items[1].name, "index.html: initial script (gzip)");
  CHECK_INT(r.items[1].actual, 420000 + 90000 + 15000);
  CHECK(r.items[1].over);
  CHECK_INT(r.items[1].nmissing, 1);
  CHECK_INT(r.items[1].ntop, 3);
  CHECK_STR(r.items[1].top[0].path, "js/vendor.dddddddddd.js");
  ao_budget_report_free(&r);
  ao_diags_free(&d);
  ao_assets_free(&a);
}

AO_TEST(budget_config_rules)
{
  ao_assets a = { 0 };
  if(!load_fixture(t, &a))
    return;
  ao_budget_config c;
  ao_budget_report r = { 0 };
  REQUIRE(!eval_cfg(&a,
    "{ \"budgets\": { \"measure\": \"brotli\",\n"
    "  \"initial\": { \"script\": \"500 KB\", \"total\": \"1 MB\" },\n"
    "  \"initialCount\": { \"font\": 0 },\n"
    "  \"entries\": { \"about.html\": { \"script\": \"1 KiB\" } },\n"
    "  \"files\": { \"js/*.js\": \"150 KB\",\n"
    "             \"**/*.png\": { \"max\": \"200 KB\", \"sum\": true, \"measure\": \"raw\" } }\n"
    "} }", &r, &c));
  /* about: total, font count, script (entry rule replaces the general);
   * index: script, total, font count; files: 6 js; one png group */
  CHECK_INT(r.n, 3 + 3 + 6 + 1);
  size_t found = 0;
  for(size_t i = 0; i < r.n; i++) {
    const ao_budget_result *x = &r.items[i];
    if(!strcmp(x->name, "about.html: initial script (brotli)")) {
      found++;
      CHECK_INT(x->actual, 1800);
      CHECK(x->over); /* over 1 KiB */
      CHECK_STR(x->rule->limit_text, "1 KiB");
    }
    if(!strcmp(x->name, "index.html: initial font requests")) {
      found++;
      CHECK_INT(x->actual, 1);
      CHECK(x->over);
    }
    if(!strcmp(x->name, "**/*.png: total (raw)")) {
      found++;
      CHECK_INT(x->actual, 240000);
      CHECK(x->over);
    }
    if(!strcmp(x->name, "js/vendor.dddddddddd.js (brotli)")) {
      found++;
      CHECK(x->over);
    }
  }
  CHECK_INT(found, 4);
  ao_budget_report_free(&r);
  ao_budget_config_free(&c);
  ao_assets_free(&a);
}

static void expect_config_error(struct ao_t *t, const char *json,
                                const char *msg_part, unsigned line)
{
  ao_budget_config c;
  ao_budget_config_init(&c);
  ao_diags d;
  ao_diags_init(&d, "assetopt.json", (const unsigned char *)json, strlen(json));
  CHECK_INT(ao_budget_config_parse((const unsigned char *)json, strlen(json),
                                   "assetopt.json", &c, &d), AO_CONFIG);
  CHECK_INT(c.n, 0);
  if(CHECK(d.n >= 1)) {
    if(!CHECK(strstr(d.items[0].msg, msg_part)))
      CHECK_STR(d.items[0].msg, msg_part);
    CHECK_INT(d.items[0].line, line);
  }
  ao_diags_free(&d);
  ao_budget_config_free(&c);
}

AO_TEST(budget_config_errors_name_path_and_line)
{
  expect_config_error(t, "{\n \"budgets\": {\n  \"files\": {\n"
                      "   \"a/*.js\": \"abc\"\n  }\n }\n}",
                      "budgets.files[\"a/*.js\"]: invalid size \"abc\"", 4);
  expect_config_error(t, "{\"budgets\": {\n\"initial\": {\"scripts\": \"1 KB\"}}}",
                      "budgets.initial.scripts: unknown resource type", 2);
  expect_config_error(t, "{\"budgets\": {\"measure\": \"zstd\"}}",
                      "budgets.measure: expected", 1);
  expect_config_error(t, "{\"budgets\": {\n\n\"initail\": {}}}",
                      "budgets.initail: unknown key", 3);
  expect_config_error(t, "{\"budgets\": {\"files\": {\"x\": {\"sum\": true}}}}",
                      "missing \"max\"", 1);
  expect_config_error(t, "{\"budgets\": 5}", "budgets: expected an object", 1);
  expect_config_error(t, "{\"budgets\": {\n \"files\": [1,\n2", "malformed JSON", 3);
}

AO_TEST(budget_config_without_budgets_is_empty)
{
  const char *json = "{ \"build\": { \"out\": \"dist\" } }";
  ao_budget_config c;
  ao_budget_config_init(&c);
  ao_diags d;
  ao_diags_init(&d, "assetopt.json", NULL, 0);
  CHECK_INT(ao_budget_config_parse((const unsigned char *)json, strlen(json),
                                   NULL, &c, &d), AO_OK);
  CHECK_INT(c.n, 0);
  ao_diags_free(&d);
  ao_budget_config_free(&c);
}

AO_TEST(budget_lighthouse_file)
{
  ao_assets a = { 0 };
  if(!load_fixture(t, &a))
    return;
  const char *json =
    "[\n"
    " { \"path\": \"/*\", \"resourceSizes\": [\n"
    "     { \"resourceType\": \"script\", \"budget\": 600 },\n"
    "     { \"resourceType\": \"total\", \"budget\": 2000 } ],\n"
    "   \"resourceCounts\": [ { \"resourceType\": \"third-party\", \"budget\": 0 } ] },\n"
    " { \"path\": \"/about.html\", \"resourceSizes\": [\n"
    "     { \"resourceType\": \"script\", \"budget\": 1 } ],\n"
    "   \"timings\": [ { \"metric\": \"interactive\", \"budget\": 3000 } ] }\n"
    "]\n";
  ao_budget_config c;
  ao_budget_config_init(&c);
  ao_diags d;
  ao_diags_init(&d, "budget.json", (const unsigned char *)json, strlen(json));
  REQUIRE(!ao_budget_lighthouse_parse((const unsigned char *)json,
                                      strlen(json), "budget.json", &c, &d));
  CHECK_INT(c.n, 4);
  CHECK_INT(d.warnings, 1); /* timings */
  CHECK_INT(d.items[0].line, 8);
  ao_diags_free(&d);
  ao_budget_report r = { 0 };
  ao_diags_init(&d, "out", NULL, 0);
  REQUIRE(!ao_budget_eval(&a, &c, &r, &d));
  /* about.html: only the last matching budget (1 KiB script); index.html:
   * the first (script, total, third-party count) */
  CHECK_INT(r.n, 4);
  CHECK_STR(r.items[0].name, "about.html: initial script (gzip)");
  CHECK_STR(r.items[0].rule->limit_text, "1 KiB");
  CHECK(r.items[0].over);
  CHECK_STR(r.items[1].name, "index.html: initial script (gzip)");
  CHECK(!r.items[1].over); /* 525000 <= 600 KiB */
  CHECK_INT(r.items[1].rule->limit, 600 * 1024);
  ao_budget_report_free(&r);
  ao_diags_free(&d);
  ao_budget_config_free(&c);
  ao_assets_free(&a);
}

static void expect_lh_error(struct ao_t *t, const char *json,
                            const char *msg_part, unsigned line)
{
  ao_budget_config c;
  ao_budget_config_init(&c);
  ao_diags d;
  ao_diags_init(&d, "budget.json", (const unsigned char *)json, strlen(json));
  CHECK_INT(ao_budget_lighthouse_parse((const unsigned char *)json,
                                       strlen(json), "budget.json", &c, &d),
            AO_CONFIG);
  CHECK_INT(c.n, 0);
  if(CHECK(d.n >= 1)) {
    if(!CHECK(strstr(d.items[0].msg, msg_part)))
      CHECK_STR(d.items[0].msg, msg_part);
    CHECK_INT(d.items[0].line, line);
  }
  ao_diags_free(&d);
  ao_budget_config_free(&c);
}

AO_TEST(budget_lighthouse_bad_input)
{
  expect_lh_error(t, "[{\"resourceSizes\": [\n{\"resourceType\": \"scripts\", "
                  "\"budget\": 1}]}]",
                  "[0].resourceSizes[0].resourceType: unknown resource type "
                  "\"scripts\"", 2);
  expect_lh_error(t, "{\"path\": \"/\"}", "array of budgets", 1);
  expect_lh_error(t, "[{\"path\": \"index.html\"}]", "[0].path: a path must", 1);
  expect_lh_error(t, "[{\"resourceSizes\": [{\"resourceType\": \"font\", "
                  "\"budget\": \"300\"}]}]", "expected a number of KiB", 1);
  expect_lh_error(t, "[{\"resourceSizes\": [{\"resourceType\": \"font\", "
                  "\"budget\": 3}, \n{\"resourceType\": \"font\", "
                  "\"budget\": 4}]}]", "given twice", 2);
  expect_lh_error(t, "[{\"resourceSize\": []}]", "[0].resourceSize: unknown key", 1);
  expect_lh_error(t, "[{\"path\": \"/\"},", "malformed JSON", 1);
  expect_lh_error(t, "", "malformed JSON", 1);
}

AO_TEST(budget_json_locate)
{
  const char *j = "{\"a\": [1, {\"b\": 2, \"c d\": [3, 4]}], \"e\": {}}";
  const unsigned char *u = (const unsigned char *)j;
  size_t n = strlen(j);
  CHECK_INT(ao_glob_match("x", "x"), 1);
  extern size_t ao__budget_json_locate(const unsigned char *, size_t,
                                       const char *);
  CHECK_INT(ao__budget_json_locate(u, n, ".a[1].b"), strstr(j, "2") - j);
  CHECK_INT(ao__budget_json_locate(u, n, ".a[1][\"c d\"][1]"),
            strstr(j, "4") - j);
  CHECK_INT(ao__budget_json_locate(u, n, ".e"), strstr(j, "{}") - j);
  CHECK_INT(ao__budget_json_locate(u, n, ".zz"), SIZE_MAX);
  CHECK_INT(ao__budget_json_locate(u, n, ".a[7]"), SIZE_MAX);
}

AO_TEST(budget_config_allocation_failures)
{
  const char *json = "{\"budgets\": {\"initial\": {\"script\": \"1 KB\"}, "
                     "\"files\": {\"*.js\": \"2 KB\"}}}";
  for(long n = 1; n < 40; n++) {
    ao_budget_config c;
    ao_budget_config_init(&c);
    ao_diags d;
    ao_diags_init(&d, "x", NULL, 0);
    ao_alloc_fail_after(n);
    ao_status s = ao_budget_config_parse((const unsigned char *)json,
                                         strlen(json), NULL, &c, &d);
    ao_alloc_fail_after(0);
    CHECK(s == AO_OK || s == AO_NOMEM);
    if(s == AO_OK)
      CHECK_INT(c.n, 2);
    ao_diags_free(&d);
    ao_budget_config_free(&c);
  }
}

static void select_js(void *ctx, const ao_assets *a, unsigned char *want)
{
  (*(int *)ctx)++;
  for(size_t i = 0; i < a->n; i++)
    want[i] = a->items[i].kind == AO_KIND_JS;
}

AO_TEST(budget_walk_measures_only_selected)
{
  char dir[] = "/tmp/ao-budget-XXXXXX";
  REQUIRE(mkdtemp(dir));
  char path[64];
  static const char body[] = "function f(a){return a+a+a+a+a+a;}\n";
  const char *names[] = { "a.js", "b.css", "c.js.gz" };
  for(int k = 0; k < 3; k++) {
    snprintf(path, sizeof(path), "%s/%s", dir, names[k]);
    FILE *f = fopen(path, "w");
    REQUIRE(f);
    for(int i = 0; i < (k == 2 ? 1 : 200); i++)
      fputs(body, f);
    fclose(f);
  }
  int calls = 0;
  ao_assets_opts o;
  ao_assets_opts_init(&o);
  o.select = select_js;
  o.select_ctx = &calls;
  ao_assets a = { 0 };
  ao_diags d;
  ao_diags_init(&d, dir, NULL, 0);
  REQUIRE(!ao_assets_load(dir, &o, &a, &d));
  CHECK_INT(calls, 1);
  CHECK_INT(a.n, 3); /* c.js.gz has no c.js: it is an asset of its own */
  size_t ia = ao_assets_find(&a, "a.js"), ib = ao_assets_find(&a, "b.css");
  REQUIRE(ia != SIZE_MAX && ib != SIZE_MAX);
  CHECK_INT(a.items[ia].raw, 200 * (sizeof(body) - 1));
  CHECK(a.items[ia].gzip > 0 && a.items[ia].gzip < a.items[ia].raw / 10);
  CHECK(a.items[ia].brotli > 0 && a.items[ia].brotli <= a.items[ia].gzip);
  CHECK_INT(a.items[ib].raw, 200 * (sizeof(body) - 1));
  CHECK_INT(a.items[ib].gzip, 0);
  CHECK_INT(a.items[ib].kind, AO_KIND_CSS);
  ao_assets_free(&a);
  ao_diags_free(&d);
  for(int k = 0; k < 3; k++) {
    snprintf(path, sizeof(path), "%s/%s", dir, names[k]);
    remove(path);
  }
  remove(dir);
}
