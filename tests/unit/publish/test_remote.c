/* Parsers of remote input: ListObjectsV2 pages, S3 error documents, INI
 * files; AWS configuration resolution; hashed-name detection. */
#include "../harness.h"

#include <assetopt/publish.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char page1[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
  "<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
  "<Name>b</Name><Prefix>site/</Prefix><KeyCount>3</KeyCount><MaxKeys>1000</MaxKeys>"
  "<EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>"
  "<Contents><Key>site/a%20b%2Bc.txt</Key><LastModified>2024-01-01T00:00:00.000Z</LastModified>"
  "<ETag>&quot;5d41402abc4b2a76b9719d911017c592&quot;</ETag><Size>5</Size>"
  "<StorageClass>STANDARD</StorageClass></Contents>"
  "<Contents><Key>site/%E1%88%B4.html</Key><ETag>\"abc-2\"</ETag><Size>123456789012</Size></Contents>"
  "<Contents><Key>site/x&amp;y+z.css</Key><ETag>&#34;e&#x22;</ETag><Size>0</Size></Contents>"
  "<NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>"
  "</ListBucketResult>";

static const char page2[] =
  "<ListBucketResult><IsTruncated>false</IsTruncated>"
  "<Contents><Key>site/raw %41.txt</Key><ETag>\"00\"</ETag><Size>7</Size></Contents>"
  "</ListBucketResult>";

AO_TEST(publish_list_parse_pages)
{
  ao_s3_listing l;
  memset(&l, 0, sizeof(l));
  ao_diags d;
  ao_diags_init(&d, "list", NULL, 0);
  REQUIRE(!ao_s3_list_parse((const unsigned char *)page1, strlen(page1), &l, &d));
  REQUIRE(l.n == 3);
  CHECK_STR(l.items[0].key, "site/a b+c.txt");
  CHECK_STR(l.items[0].etag, "5d41402abc4b2a76b9719d911017c592");
  CHECK_INT(l.items[0].size, 5);
  CHECK_STR(l.items[1].key, "site/\xE1\x88\xB4.html");
  CHECK_STR(l.items[1].etag, "abc-2");
  CHECK_INT(l.items[1].size, 123456789012LL);
  CHECK_STR(l.items[2].key, "site/x&y z.css");
  CHECK_STR(l.items[2].etag, "e");
  CHECK(l.truncated);
  CHECK_STR(l.next_token, "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=");
  /* without EncodingType url, keys are taken as they are */
  REQUIRE(!ao_s3_list_parse((const unsigned char *)page2, strlen(page2), &l, &d));
  REQUIRE(l.n == 4);
  CHECK_STR(l.items[3].key, "site/raw %41.txt");
  CHECK(!l.truncated);
  CHECK(l.next_token == NULL);
  ao_s3_listing_free(&l);
  ao_diags_free(&d);
}

AO_TEST(publish_list_parse_rejects)
{
  const char *bad[] = {
    "<Error><Code>AccessDenied</Code></Error>",
    "",
    "<ListBucketResult><IsTruncated>true</IsTruncated></ListBucketResult>",
    "<ListBucketResult><Contents><Key>a",
  };
  for(size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
    ao_s3_listing l;
    memset(&l, 0, sizeof(l));
    ao_diags d;
    ao_diags_init(&d, "list", NULL, 0);
    ao_status st = ao_s3_list_parse((const unsigned char *)bad[i], strlen(bad[i]), &l, &d);
    CHECK(st == AO_SYNTAX);
    CHECK(d.errors >= 1);
    ao_s3_listing_free(&l);
    ao_diags_free(&d);
  }
}

AO_TEST(publish_error_text)
{
  const char *x = "<?xml version=\"1.0\"?><Error><Code>SignatureDoesNotMatch</Code>"
                  "<Message>The request signature &amp; more</Message></Error>";
  ao_buf b = AO_BUF_INIT(0);
  ao_s3_error_text((const unsigned char *)x, strlen(x), &b);
  CHECK_STR((const char *)b.data, "SignatureDoesNotMatch: The request signature & more");
  ao_buf_free(&b);
}

static const char ini[] =
  "# comment\n"
  "[default]\n"
  "aws_access_key_id = AKIADEFAULT\n"
  "aws_secret_access_key=secretdefault  \n"
  "\n"
  "[profile deploy]\r\n"
  "region = eu-central-1\r\n"
  "s3 =\n"
  "  region = ignored-nested\n"
  "; another comment\n"
  "[ spaced ]  \n"
  "key = v1\n"
  "key = v2\n";

AO_TEST(publish_ini_get)
{
  char *v;
  CHECK_STR(v = ao_ini_get(ini, strlen(ini), "default", "aws_access_key_id"), "AKIADEFAULT");
  ao_free(v);
  CHECK_STR(v = ao_ini_get(ini, strlen(ini), "default", "aws_secret_access_key"), "secretdefault");
  ao_free(v);
  CHECK_STR(v = ao_ini_get(ini, strlen(ini), "profile deploy", "region"), "eu-central-1");
  ao_free(v);
  CHECK_STR(v = ao_ini_get(ini, strlen(ini), "spaced", "key"), "v2");
  ao_free(v);
  CHECK(ao_ini_get(ini, strlen(ini), "default", "region") == NULL);
  CHECK(ao_ini_get(ini, strlen(ini), "nosuch", "key") == NULL);
  CHECK(ao_ini_get("", 0, "default", "key") == NULL);
}

static void write_file(const char *path, const char *text)
{
  FILE *f = fopen(path, "w");
  if(f) {
    fputs(text, f);
    fclose(f);
  }
}

static void clear_env(void)
{
  const char *vars[] = { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                         "AWS_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
                         "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3",
                         "AWS_ENDPOINT_URL_CLOUDFRONT", "AWS_CA_BUNDLE" };
  for(size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++)
    unsetenv(vars[i]);
}

AO_TEST(publish_aws_config_resolution)
{
  char dir[] = "/tmp/ao-creds-XXXXXX";
  REQUIRE(mkdtemp(dir));
  char cred[64], conf[64];
  snprintf(cred, sizeof(cred), "%s/credentials", dir);
  snprintf(conf, sizeof(conf), "%s/config", dir);
  write_file(cred, "[default]\naws_access_key_id=AKD\naws_secret_access_key=SKD\n"
                   "[ci]\naws_access_key_id=AKCI\naws_secret_access_key=SKCI\n"
                   "aws_session_token=TOK\n");
  write_file(conf, "[default]\nregion=us-west-2\n[profile ci]\nregion=ap-south-1\n"
                   "endpoint_url=http://127.0.0.1:9\n[profile cfgonly]\n"
                   "aws_access_key_id=AKC\naws_secret_access_key=SKC\n");
  clear_env();
  setenv("AWS_SHARED_CREDENTIALS_FILE", cred, 1);
  setenv("AWS_CONFIG_FILE", conf, 1);
  ao_aws_config c;
  ao_diags d;
  ao_diags_init(&d, "cfg", NULL, 0);

  REQUIRE(!ao_aws_config_load(NULL, &c, &d));
  CHECK_STR(c.access_key, "AKD");
  CHECK_STR(c.region, "us-west-2");
  ao_aws_config_free(&c);

  setenv("AWS_PROFILE", "ci", 1);
  REQUIRE(!ao_aws_config_load(NULL, &c, &d));
  CHECK_STR(c.access_key, "AKCI");
  CHECK_STR(c.session_token, "TOK");
  CHECK_STR(c.region, "ap-south-1");
  CHECK_STR(c.endpoint_s3, "http://127.0.0.1:9");
  CHECK(strstr(c.source, "ci") != NULL);
  CHECK(strstr(c.source, "SKCI") == NULL);
  ao_aws_config_free(&c);

  /* the environment wins over AWS_PROFILE, an explicit profile over both */
  setenv("AWS_ACCESS_KEY_ID", "AKENV", 1);
  setenv("AWS_SECRET_ACCESS_KEY", "SKENV", 1);
  setenv("AWS_REGION", "eu-west-3", 1);
  REQUIRE(!ao_aws_config_load(NULL, &c, &d));
  CHECK_STR(c.access_key, "AKENV");
  CHECK_STR(c.region, "eu-west-3");
  CHECK(c.session_token == NULL);
  ao_aws_config_free(&c);
  REQUIRE(!ao_aws_config_load("cfgonly", &c, &d));
  CHECK_STR(c.access_key, "AKC");
  ao_aws_config_free(&c);

  CHECK(ao_aws_config_load("nosuch", &c, &d) == AO_CONFIG);
  ao_aws_config_free(&c);
  CHECK(d.errors == 1);

  clear_env();
  setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/x", 1);
  setenv("AWS_CONFIG_FILE", "/nonexistent/y", 1);
  REQUIRE(!ao_aws_config_load(NULL, &c, &d));
  CHECK(c.access_key == NULL);
  CHECK_STR(c.region, "us-east-1");
  ao_aws_config_free(&c);
  ao_diags_free(&d);
  remove(cred);
  remove(conf);
  remove(dir);
}

AO_TEST(publish_hashed_names)
{
  CHECK(ao_publish_name_is_hashed("css/site.k3j5x9a2qd.css"));
  CHECK(ao_publish_name_is_hashed("assets/index-BvJ2kL3x.js"));
  CHECK(ao_publish_name_is_hashed("assets/index-DiwrgTda.css"));
  CHECK(ao_publish_name_is_hashed("app.3f9a8c2d1e.js.br"));
  CHECK(!ao_publish_name_is_hashed("index.html"));
  CHECK(!ao_publish_name_is_hashed("css/bootstrap.css"));
  CHECK(!ao_publish_name_is_hashed("js/jquery-slim.js"));
  CHECK(!ao_publish_name_is_hashed("webfonts/fa-regular-400.woff2"));
  CHECK(!ao_publish_name_is_hashed("img/screenshot-toolbox.png"));
  CHECK(!ao_publish_name_is_hashed(".htaccess"));
  CHECK(!ao_publish_name_is_hashed("README"));
}
