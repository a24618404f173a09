/* Fuzz the budget configuration parsers: the first byte picks assetopt.json
 * "budgets" or a Lighthouse budget.json; rules found are then evaluated over
 * a small fixed site and formatted in every format. */
#include <assetopt/budget.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char site[] =
  "{\"files\": {"
  "\"index.html\": {\"output\": \"index.html\", \"kind\": \"html\", \"size\": "
  "{\"raw\": 300, \"gzip\": 200, \"brotli\": 150}, \"references\": ["
  "{\"path\": \"a.js\", \"kind\": \"script\", \"flags\": []},"
  "{\"path\": \"s.css\", \"kind\": \"stylesheet\", \"flags\": []},"
  "{\"path\": \"gone.js\", \"kind\": \"script\", \"flags\": []}]},"
  "\"a.js\": {\"output\": \"a.1234567890.js\", \"kind\": \"js\", \"size\": "
  "{\"raw\": 9000, \"gzip\": 3000, \"brotli\": 2500}, \"references\": ["
  "{\"path\": \"b.js\", \"kind\": \"import\", \"flags\": []},"
  "{\"path\": \"c.js\", \"kind\": \"dynamic-import\", \"flags\": []}]},"
  "\"b.js\": {\"output\": \"b.js\", \"kind\": \"js\", \"size\": {\"raw\": 10, "
  "\"gzip\": 10, \"brotli\": 10}, \"references\": [{\"path\": \"a.js\", "
  "\"kind\": \"import\"}]},"
  "\"c.js\": {\"output\": \"c.js\", \"kind\": \"js\", \"size\": {\"raw\": 7}},"
  "\"s.css\": {\"output\": \"s.css\", \"kind\": \"css\"}}}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if(!size)
    return 0;
  int lighthouse = data[0] & 1;
  data++;
  size--;
  unsigned char *copy = malloc(size + AO_PAD);
  if(!copy)
    return 0;
  memcpy(copy, data, size);
  memset(copy + size, 0, AO_PAD);
  ao_budget_config c;
  ao_budget_config_init(&c);
  ao_diags d;
  ao_diags_init(&d, "fuzz.json", copy, size);
  ao_status s = lighthouse
                  ? ao_budget_lighthouse_parse(copy, size, "budget.json", &c, &d)
                  : ao_budget_config_parse(copy, size, "assetopt.json", &c, &d);
  ao_buf msgs = AO_BUF_INIT(0);
  ao_diags_format(&d, &msgs);
  ao_buf_free(&msgs);
  ao_diags_free(&d);
  if(!s) {
    ao_assets a = { 0 };
    ao_diags_init(&d, "site", NULL, 0);
    if(!ao_assets_from_json((const unsigned char *)site, sizeof(site) - 1, &a,
                            &d)) {
      ao_budget_report r = { 0 };
      if(!ao_budget_eval(&a, &c, &r, &d)) {
        for(int f = AO_BUDGET_FMT_TEXT; f <= AO_BUDGET_FMT_JUNIT; f++) {
          ao_buf out = AO_BUF_INIT(0);
          (void)ao_budget_format(&r, (ao_budget_fmt)f, f == 0, &out);
          ao_buf_free(&out);
        }
      }
      ao_budget_report_free(&r);
    }
    ao_assets_free(&a);
    ao_diags_free(&d);
  }
  ao_budget_config_free(&c);
  free(copy);
  return 0;
}
