/* Unit tests: assetopt.json loading, presets, key paths with positions. */
#include "../harness.h"

#include <assetopt/config.h>
#include <assetopt/fs.h>

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static char *write_tmp(const char *text)
{
  static char path[64];
  snprintf(path, sizeof(path), "/tmp/aocfg-%d.json", (int)getpid());
  FILE *f = fopen(path, "w");
  if(!f)
    return NULL;
  fputs(text, f);
  fclose(f);
  return path;
}

AO_TEST(config_applies_keys)
{
  const char *p = write_tmp(
    "{ \"sri\": true, \"precompress\": false, \"jobs\": 3,\n"
    "  \"images\": { \"quality\": 70, \"webp\": true, \"lossless\": [\"logo/*\"] },\n"
    "  \"keepNames\": [\"downloads/**\"], \"maxFileSize\": \"1 MiB\" }\n");
  REQUIRE(p);
  ao_diags d;
  ao_diags_init(&d, NULL, NULL, 0);
  ao_config *c = NULL;
  REQUIRE(!ao_config_load(p, NULL, &c, &d));
  ao_build_opts o;
  ao_build_opts_init(&o);
  CHECK(!ao_config_apply_build(c, &o, &d));
  CHECK(o.sri == 1 && o.precompress == 0 && o.threads == 3);
  CHECK(o.quality == 70 && o.webp == 1);
  CHECK_INT(o.n_lossless, 1);
  CHECK_INT(o.n_keep_names, 1);
  CHECK_STR(o.keep_names[0], "downloads/**");
  CHECK_INT(o.max_file_size, 1048576);
  CHECK_INT(d.n, 0);
  ao_config_free(c);
  ao_diags_free(&d);
  unlink(p);
}

AO_TEST(config_errors_name_key_path_and_position)
{
  const char *p = write_tmp("{\n  \"images\": {\n    \"quality\": 700\n  },\n  \"sri\": \"yes\"\n}\n");
  REQUIRE(p);
  ao_diags d;
  ao_diags_init(&d, NULL, NULL, 0);
  ao_config *c = NULL;
  REQUIRE(!ao_config_load(p, NULL, &c, &d));
  ao_build_opts o;
  ao_build_opts_init(&o);
  CHECK_INT(ao_config_apply_build(c, &o, &d), AO_CONFIG);
  REQUIRE(d.n == 2);
  ao_buf out = AO_BUF_INIT(0);
  ao_diags_format(&d, &out);
  char want[512];
  snprintf(want, sizeof(want),
           "%s:5:10: error: sri: must be true or false\n"
           "%s:3:16: error: images.quality: must be a whole number from 1 to 100\n", p, p);
  CHECK_STR((char *)out.data, want);
  ao_buf_free(&out);
  ao_config_free(c);
  ao_diags_free(&d);
  unlink(p);
}

AO_TEST(config_syntax_error_has_position)
{
  const char *p = write_tmp("{\n  \"sri\": true,\n  \"jobs\": ,\n}\n");
  REQUIRE(p);
  ao_diags d;
  ao_diags_init(&d, NULL, NULL, 0);
  ao_config *c = NULL;
  CHECK_INT(ao_config_load(p, NULL, &c, &d), AO_CONFIG);
  REQUIRE(d.n == 1);
  CHECK_STR(d.items[0].path, p);
  CHECK_INT(d.items[0].line, 3);
  CHECK_INT(d.items[0].col, 11);
  CHECK_STR(d.items[0].msg, "not valid JSON here");
  ao_diags_free(&d);
  unlink(p);
}

AO_TEST(config_unknown_key_and_unknown_preset)
{
  const char *p = write_tmp("{ \"minfy\": true }");
  ao_diags d;
  ao_diags_init(&d, NULL, NULL, 0);
  ao_config *c = NULL;
  CHECK_INT(ao_config_load(p, NULL, &c, &d), AO_CONFIG);
  CHECK(d.n == 1 && strstr(d.items[0].msg, "minfy: unknown key"));
  ao_diags_free(&d);
  ao_diags_init(&d, NULL, NULL, 0);
  p = write_tmp("{ \"preset\": \"nope\" }");
  CHECK_INT(ao_config_load(p, NULL, &c, &d), AO_CONFIG);
  CHECK(d.n == 1 && strstr(d.items[0].msg, "unknown preset 'nope'"));
  ao_diags_free(&d);
  unlink(p);
}

AO_TEST(config_preset_is_default_under_user_values)
{
  setenv("AO_PRESETS_DIR", "presets", 1);
  const char *p = write_tmp("{ \"preset\": \"vite\", \"output\": \"mine\", \"hashedNames\": [\"^x$\"] }");
  ao_diags d;
  ao_diags_init(&d, NULL, NULL, 0);
  ao_config *c = NULL;
  REQUIRE(!ao_config_load(p, NULL, &c, &d));
  CHECK_STR(ao_config_str(c, "input"), "dist");   /* from the preset */
  CHECK_STR(ao_config_str(c, "output"), "mine");  /* the user's */
  ao_build_opts o;
  ao_build_opts_init(&o);
  REQUIRE(!ao_config_apply_build(c, &o, &d));
  CHECK_INT(o.n_hashed_patterns, 2);              /* preset's, then user's */
  CHECK_STR(o.hashed_patterns[1], "^x$");
  ao_config_free(c);
  ao_diags_free(&d);
  unlink(p);
}
