/* S3 addressing: path-style or virtual-hosted, default endpoints. */
#include "../harness.h"

#include "publish/publish_int.h"

#include <assetopt/fs.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static ao_aws_config cfg(const char *region)
{
  ao_aws_config c;
  memset(&c, 0, sizeof(c));
  c.region = (char *)region;
  return c;
}

AO_TEST(publish_s3_addressing)
{
  ao_aws_config c = cfg("eu-west-1");
  ao__s3 s;
  ao_diags d;
  ao_diags_init(&d, "s3", NULL, 0);

  REQUIRE(!ao__s3_init(&s, &c, "bkt", NULL, -1, &d));
  CHECK_STR(s.base, "https://bkt.s3.eu-west-1.amazonaws.com");
  CHECK_STR(s.host, "bkt.s3.eu-west-1.amazonaws.com");
  CHECK_STR(s.path_prefix, "");
  ao__s3_free(&s);

  REQUIRE(!ao__s3_init(&s, &c, "my.bucket", NULL, -1, &d));
  CHECK_STR(s.base, "https://s3.eu-west-1.amazonaws.com");
  CHECK_STR(s.path_prefix, "/my.bucket");
  ao__s3_free(&s);

  REQUIRE(!ao__s3_init(&s, &c, "bkt", "http://127.0.0.1:9000/", -1, &d));
  CHECK_STR(s.base, "http://127.0.0.1:9000");
  CHECK_STR(s.host, "127.0.0.1:9000");
  CHECK_STR(s.path_prefix, "/bkt");
  ao__s3_free(&s);

  REQUIRE(!ao__s3_init(&s, &c, "bkt", "https://acc.r2.cloudflarestorage.com", 1, &d));
  CHECK_STR(s.base, "https://acc.r2.cloudflarestorage.com");
  CHECK_STR(s.path_prefix, "/bkt");
  ao__s3_free(&s);

  REQUIRE(!ao__s3_init(&s, &c, "bkt", "http://localhost:4568", 0, &d));
  CHECK_STR(s.base, "http://bkt.localhost:4568");
  CHECK_STR(s.host, "bkt.localhost:4568");
  ao__s3_free(&s);

  CHECK(ao__s3_init(&s, &c, "bkt", "ftp://x", -1, &d) == AO_CONFIG);
  ao__s3_free(&s);
  CHECK(ao__s3_init(&s, &c, "bkt", "http://", -1, &d) == AO_CONFIG);
  ao__s3_free(&s);
  CHECK(d.errors == 2);
  ao_diags_free(&d);
}

static void on_log(void *ud, int level, const char *line)
{
  (void)level;
  ao_buf *b = ud;
  ao_buf_puts(b, line);
  ao_buf_putc(b, '\n');
}

AO_TEST(publish_dry_run_to_folder)
{
  char dir[] = "/tmp/ao-pub-XXXXXX";
  REQUIRE(mkdtemp(dir));
  char to[64];
  snprintf(to, sizeof(to), "file://%s/out", dir);
  ao_publish_opts o;
  ao_publish_opts_init(&o);
  ao_buf log = AO_BUF_INIT(0);
  o.dir = ao_t_data("publish/site");
  o.to = to;
  o.dry_run = 1;
  o.log = on_log;
  o.ud = &log;
  ao_publish_stats st;
  ao_diags d;
  ao_diags_init(&d, "publish", NULL, 0);
  REQUIRE(ao_publish(&o, &st, &d) == AO_OK);
  CHECK_INT(st.uploaded, 13);
  CHECK(strstr((const char *)log.data, "upload  index.html") != NULL);
  CHECK(strstr((const char *)log.data, ".assetopt/manifest.json") != NULL);
  char out[80];
  snprintf(out, sizeof(out), "%s/out", dir);
  CHECK(!ao_fs_exists(out)); /* a dry run writes nothing */
  o.to = "s3://";
  CHECK(ao_publish(&o, &st, &d) == AO_USAGE);
  ao_buf_free(&log);
  ao_diags_free(&d);
  rmdir(dir);
}
