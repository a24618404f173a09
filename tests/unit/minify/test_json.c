/* Unit tests: the JSON tokenizer and minifier. */
#include "../harness.h"

#include <assetopt/json.h>

#include <stdio.h>
#include <stdlib.h>

/* Minifies s; returns the output, or "ERR line:col" on error (and checks
 * the output buffer was left as it was). */
static char *json_min(const char *s)
{
  size_t len = strlen(s);
  unsigned char *src = calloc(1, len + AO_PAD);
  memcpy(src, s, len);
  ao_json_opts o;
  ao_json_opts_init(&o);
  ao_diags d;
  ao_diags_init(&d, "x.json", src, len);
  ao_buf out = AO_BUF_INIT(0);
  ao_buf_puts(&out, "<");
  ao_status st = ao_json_minify(src, len, &o, &out, &d);
  ao_buf res = AO_BUF_INIT(0);
  if(st) {
    if(out.len != 1 || out.data[0] != '<' || out.data[1] != 0)
      ao_buf_puts(&res, "OUTPUT-TOUCHED ");
    ao_buf_printf(&res, "ERR %u:%u", d.n ? d.items[0].line : 0,
                  d.n ? d.items[0].col : 0);
  }
  else {
    for(size_t i = out.len; i < out.len + AO_PAD; i++)
      if(out.data[i])
        ao_buf_puts(&res, "PAD ");
    ao_buf_append(&res, out.data + 1, out.len - 1);
  }
  ao_buf_free(&out);
  ao_diags_free(&d);
  free(src);
  size_t n;
  char *r = (char *)ao_buf_detach(&res, &n);
  return r ? r : calloc(1, 1);
}

#define JSON_MIN(in, want) do {         \
    char *got_ = json_min(in);          \
    CHECK_STR(got_, (want));            \
    free(got_);                         \
  } while(0)

AO_TEST(json_min_whitespace_only)
{
  JSON_MIN("{\n  \"a\" : [ 1 , 2.50 , -0.0e+10 , 1E5 ],\r\n\t\"b\": { },"
           " \"c\": [ ], \"d\": \"  spaced  \\\" \\u00e9 \", \"e\": null ,"
           " \"f\": true, \"g\": false }\n",
           "{\"a\":[1,2.50,-0.0e+10,1E5],\"b\":{},\"c\":[],"
           "\"d\":\"  spaced  \\\" \\u00e9 \",\"e\":null,\"f\":true,\"g\":false}");
}

AO_TEST(json_min_scalars_and_bom)
{
  JSON_MIN(" 12 ", "12");
  JSON_MIN("\"x\"", "\"x\"");
  JSON_MIN("\xef\xbb\xbf { \"a\" : 1 }", "\xef\xbb\xbf{\"a\":1}");
  JSON_MIN("[\"caf\xc3\xa9\", 123456789012345678901234567890]",
           "[\"caf\xc3\xa9\",123456789012345678901234567890]");
}

AO_TEST(json_min_errors_with_position)
{
  JSON_MIN("", "ERR 1:1");
  JSON_MIN("  \n ", "ERR 2:2");
  JSON_MIN("{\"a\": 1,}", "ERR 1:9");
  JSON_MIN("[1, 2,]", "ERR 1:7");
  JSON_MIN("{\"a\" 1}", "ERR 1:6");
  JSON_MIN("{'a': 1}", "ERR 1:2");
  JSON_MIN("{a: 1}", "ERR 1:2");
  JSON_MIN("[01]", "ERR 1:3");
  JSON_MIN("[1.]", "ERR 1:4");
  JSON_MIN("[.5]", "ERR 1:2");
  JSON_MIN("[+1]", "ERR 1:2");
  JSON_MIN("[1e]", "ERR 1:4");
  JSON_MIN("[NaN]", "ERR 1:2");
  JSON_MIN("[truex]", "ERR 1:2");
  JSON_MIN("[tru]", "ERR 1:2");
  JSON_MIN("\"abc", "ERR 1:1");
  JSON_MIN("\"a\tb\"", "ERR 1:3");
  JSON_MIN("\"\\x\"", "ERR 1:2");
  JSON_MIN("\"\\u12g4\"", "ERR 1:2");
  JSON_MIN("{} {}", "ERR 1:4");
  JSON_MIN("[1]]", "ERR 1:4");
  JSON_MIN("[1}", "ERR 1:3");
  JSON_MIN("{\"a\":1]", "ERR 1:7");
  JSON_MIN("[1\n,\n2", "ERR 3:2");
  JSON_MIN("// c\n{}", "ERR 1:1");
  JSON_MIN("{\"a\":1 /* c */}", "ERR 1:8");
  JSON_MIN("[1, \xc3\xa9]", "ERR 1:5");
}

AO_TEST(json_min_depth_limit)
{
  size_t n = AO_JSON_MAX_DEPTH;
  char *s = malloc(2 * n + 3);
  memset(s, '[', n);
  memset(s + n, ']', n);
  s[2 * n] = 0;
  char *got = json_min(s);
  CHECK_STR(got, s); /* exactly at the limit: fine */
  free(got);
  memset(s, '[', n + 1);
  memset(s + n + 1, ']', n + 1);
  s[2 * n + 2] = 0;
  got = json_min(s);
  CHECK(!strncmp(got, "ERR 1:", 6));
  free(got);
  free(s);
}

AO_TEST(json_min_is_idempotent_on_testdata)
{
  static const char *const names[] = { "manifest.webmanifest", "package.json",
                                       "sourcemap.map", "numbers.json" };
  for(size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
    char path[256];
    snprintf(path, sizeof(path), "minify/json/%s", names[i]);
    size_t len;
    unsigned char *in = ao_t_read(ao_t_data(path), &len);
    REQUIRE(in);
    char *once = json_min((char *)in);
    char *twice = json_min(once);
    CHECK_STR(twice, once);
    CHECK(strlen(once) <= len);
    /* golden file */
    snprintf(path, sizeof(path), "minify/json/%s.expected", names[i]);
    size_t elen;
    unsigned char *want = ao_t_read(ao_t_data(path), &elen);
    REQUIRE(want);
    CHECK_MEM(once, strlen(once), want, elen);
    free(want);
    free(once);
    free(twice);
    free(in);
  }
}

AO_TEST(json_min_alloc_failure_leaves_output)
{
  const char *s = "{ \"a\" : [1, 2, 3] }";
  ao_json_opts o;
  ao_json_opts_init(&o);
  ao_buf out = AO_BUF_INIT(0);
  ao_alloc_fail_after(1);
  ao_status st = ao_json_minify((const unsigned char *)s, strlen(s), &o, &out, NULL);
  ao_alloc_fail_after(0);
  CHECK_INT(st, AO_NOMEM);
  CHECK_INT(out.len, 0);
  CHECK(!out.err);
  ao_buf_free(&out);
}
