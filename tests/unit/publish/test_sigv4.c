/* SigV4 against the published AWS Signature Version 4 test suite
 * (https://docs.aws.amazon.com/general/latest/gr/signature-v4-test-suite.html:
 * credentials AKIDEXAMPLE, region us-east-1, service "service", date
 * 20150830T123600Z) and against signatures botocore computes for S3
 * requests with special-character keys (testdata/publish/botocore_vectors.py). */
#include "../harness.h"

#include <assetopt/hash.h>
#include <assetopt/publish.h>

#include <stdio.h>
#include <string.h>

#define EMPTY_SHA "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define SUITE_DATE "20150830T123600Z"
#define SUITE_HOST "example.amazonaws.com"
#define SUITE_SECRET "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
#define SUITE_SCOPE "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, "

typedef struct vec {
  const char *name, *method, *path;
  ao_kv query[3];
  size_t nquery;
  ao_kv extra[3];        /* headers besides host and x-amz-date */
  size_t nextra;
  const char *body;
  const char *want;      /* "SignedHeaders=…, Signature=…" */
} vec;

static const vec suite[] = {
  { "get-vanilla", "GET", "/", { { 0 } }, 0, { { 0 } }, 0, "",
    "SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
  { "post-vanilla", "POST", "/", { { 0 } }, 0, { { 0 } }, 0, "",
    "SignedHeaders=host;x-amz-date, Signature=5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b" },
  { "get-vanilla-query-order-key-case", "GET", "/",
    { { "Param2", "value2" }, { "Param1", "value1" } }, 2, { { 0 } }, 0, "",
    "SignedHeaders=host;x-amz-date, Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500" },
  { "get-vanilla-empty-query-key", "GET", "/", { { "Param1", "value1" } }, 1, { { 0 } }, 0, "",
    "SignedHeaders=host;x-amz-date, Signature=a67d582fa61cc504c4bae71f336f98b97f1ea3c7a6bfe1b6e45aec72011b9aeb" },
  { "get-unreserved", "GET",
    "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    { { 0 } }, 0, { { 0 } }, 0, "",
    "SignedHeaders=host;x-amz-date, Signature=07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f" },
  { "get-vanilla-query-unreserved", "GET", "/",
    { { "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        "-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz" } }, 1,
    { { 0 } }, 0, "",
    "SignedHeaders=host;x-amz-date, Signature=9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197" },
  { "get-utf8", "GET", "/\xE1\x88\xB4", { { 0 } }, 0, { { 0 } }, 0, "",
    "SignedHeaders=host;x-amz-date, Signature=8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85" },
  { "get-vanilla-utf8-query", "GET", "/", { { "\xE1\x88\xB4", "bar" } }, 1, { { 0 } }, 0, "",
    "SignedHeaders=host;x-amz-date, Signature=2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04" },
  { "post-vanilla-query-nonunreserved", "POST", "/",
    { { "@#$%^", "" }, { "+", "/,?><`\";:\\|][{}" } }, 2, { { 0 } }, 0, "",
    "SignedHeaders=host;x-amz-date, Signature=66c82657c86e26fb25238d0e69f011edc4c6df5ae71119d7cb98ed9b87393c1e" },
  { "post-vanilla-query", "POST", "/", { { "Param1", "value1" } }, 1, { { 0 } }, 0, "",
    "SignedHeaders=host;x-amz-date, Signature=28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11" },
  { "get-header-key-duplicate", "GET", "/", { { 0 } }, 0,
    { { "My-Header1", "value2" }, { "My-Header1", "value2" }, { "My-Header1", "value1" } }, 3, "",
    "SignedHeaders=host;my-header1;x-amz-date, Signature=c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea" },
  { "get-header-value-order", "GET", "/", { { 0 } }, 0,
    { { "My-Header1", "value4" }, { "My-Header1", "value1" }, { "My-Header1", "value3,value2" } }, 3, "",
    "SignedHeaders=host;my-header1;x-amz-date, Signature=08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01" },
  { "get-header-value-trim", "GET", "/", { { 0 } }, 0,
    { { "My-Header1", " value1" }, { "My-Header2", "\"a   b   c\"" } }, 2, "",
    "SignedHeaders=host;my-header1;my-header2;x-amz-date, Signature=acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736" },
  { "post-header-key-sort", "POST", "/", { { 0 } }, 0, { { "My-Header1", "value1" } }, 1, "",
    "SignedHeaders=host;my-header1;x-amz-date, Signature=c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c" },
  { "post-header-value-case", "POST", "/", { { 0 } }, 0, { { "My-Header1", "VALUE1" } }, 1, "",
    "SignedHeaders=host;my-header1;x-amz-date, Signature=cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d" },
  { "post-sts-header-before", "POST", "/", { { 0 } }, 0,
    { { "X-Amz-Security-Token", "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==" } }, 1, "",
    "SignedHeaders=host;x-amz-date;x-amz-security-token, Signature=85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead" },
  { "post-x-www-form-urlencoded", "POST", "/", { { 0 } }, 0,
    { { "Content-Type", "application/x-www-form-urlencoded" } }, 1, "Param1=value1",
    "SignedHeaders=content-type;host;x-amz-date, Signature=ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a" },
  { "post-x-www-form-urlencoded-parameters", "POST", "/", { { 0 } }, 0,
    { { "Content-Type", "application/x-www-form-urlencoded; charset=utf8" } }, 1, "Param1=value1",
    "SignedHeaders=content-type;host;x-amz-date, Signature=1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe" },
};

static void sha_hex(const char *s, char out[65])
{
  unsigned char d[32];
  ao_sha256_once(s, strlen(s), d);
  ao_hex(d, 32, out);
}

AO_TEST(publish_sigv4_aws_suite)
{
  for(size_t i = 0; i < sizeof(suite) / sizeof(suite[0]); i++) {
    const vec *v = &suite[i];
    ao_kv h[5] = { { "Host", SUITE_HOST }, { "X-Amz-Date", SUITE_DATE } };
    size_t nh = 2;
    for(size_t j = 0; j < v->nextra; j++)
      h[nh++] = v->extra[j];
    char sha[65];
    sha_hex(v->body, sha);
    ao_sigv4_req r = { v->method, v->path, v->query, v->nquery, h, nh, sha };
    ao_sigv4_key k = { "AKIDEXAMPLE", SUITE_SECRET, "us-east-1", "service", SUITE_DATE };
    ao_buf auth = AO_BUF_INIT(0);
    CHECK(!ao_sigv4_sign(&r, &k, &auth, NULL));
    char want[400];
    snprintf(want, sizeof(want), SUITE_SCOPE "%s", v->want);
    if(!CHECK_STR((const char *)auth.data, want))
      fprintf(stderr, "  in vector %s\n", v->name);
    ao_buf_free(&auth);
  }
}

AO_TEST(publish_sigv4_canonical_and_sts)
{
  ao_kv h[2] = { { "Host", SUITE_HOST }, { "X-Amz-Date", SUITE_DATE } };
  ao_sigv4_req r = { "GET", "/", NULL, 0, h, 2, EMPTY_SHA };
  ao_buf creq = AO_BUF_INIT(0), sh = AO_BUF_INIT(0), auth = AO_BUF_INIT(0),
         sts = AO_BUF_INIT(0);
  REQUIRE(!ao_sigv4_canonical(&r, &creq, &sh));
  CHECK_STR((const char *)creq.data,
            "GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
            "host;x-amz-date\n" EMPTY_SHA);
  CHECK_STR((const char *)sh.data, "host;x-amz-date");
  ao_sigv4_key k = { "AKIDEXAMPLE", SUITE_SECRET, "us-east-1", "service", SUITE_DATE };
  REQUIRE(!ao_sigv4_sign(&r, &k, &auth, &sts));
  CHECK_STR((const char *)sts.data,
            "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/service/aws4_request\n"
            "bb579772317eb040ac9ed261061d46c1f17a8133879d6129b6e1c25292927e63");
  k.amz_date = "2015";
  ao_buf_reset(&auth);
  CHECK(ao_sigv4_sign(&r, &k, &auth, NULL) == AO_USAGE);
  ao_buf_free(&creq);
  ao_buf_free(&sh);
  ao_buf_free(&auth);
  ao_buf_free(&sts);
}

/* botocore 1.x S3SigV4Auth, region eu-west-1, date 20240102T030405Z, body
 * "hello" for PUTs; see testdata/publish/botocore_vectors.py. */
static const struct {
  const char *method, *key;
  const char *sig;
} boto[] = {
  { "PUT", "plain/file.txt", "2052bb610da67bb45c865e9d6cea4d6e46858d20b4266360e8fb96f4df6312b7" },
  { "PUT", "a b/c+d~e%f=g.txt", "1e8757d5272682c642ccb95c91a02e8de1407d7b857d0e7a1fb250a4cc4b649d" },
  { "PUT", "dir//double/slash", "af74275cbe6204b55149a4551c24accd612ba9f55bb122b606a337f4eb269692" },
  { "PUT", "\xE1\x88\xB4/\xC3\xA9t\xC3\xA9 (1).html", "495a9e2ac12e9ac9820ba432a0e023a6f1355aae51a6ae398931b69f8267bbaf" },
  { "PUT", "q?h#a&b;c,d:e@f$g!h*i'j", "3b1df4865e45eb76f620dd8e25ec221d49c042fa127aaad6026aeeb6867d4d54" },
  { "PUT", "~tilde/-_./x", "ee8184aa8131d4073f649e97f9544eb57478b3484df2e2182941550cbd85bd87" },
};

#define BOTO_HOST "example-bucket.s3.eu-west-1.amazonaws.com"
#define BOTO_DATE "20240102T030405Z"

static void boto_sign(struct ao_t *t, const char *method, const char *key,
                      const ao_kv *q, size_t nq, const char *body,
                      const char *token, const char *want_signed,
                      const char *want_sig)
{
  char sha[65], path[300];
  sha_hex(body, sha);
  snprintf(path, sizeof(path), "/%s", key);
  ao_kv h[5] = { { "host", BOTO_HOST }, { "x-amz-date", BOTO_DATE },
                 { "x-amz-content-sha256", sha },
                 { "content-type", "text/plain; charset=utf-8" },
                 { "x-amz-security-token", token } };
  ao_sigv4_req r = { method, path, q, nq, h, token ? 5 : 4, sha };
  ao_sigv4_key k = { "AKIDEXAMPLE", SUITE_SECRET, "eu-west-1", "s3", BOTO_DATE };
  ao_buf auth = AO_BUF_INIT(0);
  CHECK(!ao_sigv4_sign(&r, &k, &auth, NULL));
  char want[400];
  snprintf(want, sizeof(want),
           "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20240102/eu-west-1/s3/aws4_request, "
           "SignedHeaders=%s, Signature=%s", want_signed, want_sig);
  if(!CHECK_STR((const char *)auth.data, want))
    fprintf(stderr, "  for key %s\n", key);
  ao_buf_free(&auth);
}

AO_TEST(publish_sigv4_botocore_special_keys)
{
  for(size_t i = 0; i < sizeof(boto) / sizeof(boto[0]); i++)
    boto_sign(t, boto[i].method, boto[i].key, NULL, 0, "hello", NULL,
              "content-type;host;x-amz-content-sha256;x-amz-date", boto[i].sig);
  ao_kv q[4] = { { "list-type", "2" }, { "prefix", "a b/+c" },
                 { "continuation-token", "x+y/z==" }, { "encoding-type", "url" } };
  boto_sign(t, "GET", "", q, 4, "", NULL,
            "content-type;host;x-amz-content-sha256;x-amz-date",
            "ad53b82165516b6fe6de54168bdb618b39e71f1be345386ba0e29dcbe433f9cb");
  boto_sign(t, "DELETE", "x/y.css", NULL, 0, "", "FQoGZXIvYXdzE//token+/=",
            "content-type;host;x-amz-content-sha256;x-amz-date;x-amz-security-token",
            "eed2454e08071933d0fa650c68d3fcd775ef50e57c47d71821632d73e781a47b");
}

AO_TEST(publish_uri_encode)
{
  ao_buf b = AO_BUF_INIT(0);
  const char *s = "a b/c+d~e%f=\xE1\x88\xB4";
  ao_uri_encode(&b, s, strlen(s), 1);
  CHECK_STR((const char *)b.data, "a%20b/c%2Bd~e%25f%3D%E1%88%B4");
  ao_buf_reset(&b);
  ao_uri_encode(&b, s, strlen(s), 0);
  CHECK_STR((const char *)b.data, "a%20b%2Fc%2Bd~e%25f%3D%E1%88%B4");
  ao_buf_free(&b);
}

AO_TEST(publish_sigv4_date)
{
  char d[17];
  ao_sigv4_date(1440938160LL, d);
  CHECK_STR(d, SUITE_DATE);
}
