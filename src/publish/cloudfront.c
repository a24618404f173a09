/* CloudFront CreateInvalidation (and GetInvalidation for --wait), signed
 * with SigV4 for the service "cloudfront" in us-east-1. */
#include "publish_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* CloudFront quotas: up to 3,000 invalidation paths in progress at a time
 * per distribution, 15 when they hold wildcards
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cloudfront-limits.html#limits-invalidations).
 * One request carries at most this many paths; more fall back to the wildcard path. */
#define CF_MAX_PATHS 3000
#define CF_API "/2020-05-31/distribution/"

typedef struct cf_req {
  ao__req r;
  const ao_aws_config *cfg;
  char *base, *host, *path;
  char hash[65];
} cf_req;

static ao_status cf_prepare(ao__req *r, void *ud)
{
  cf_req *c = ud;
  ao_kv extra[1] = { { "content-type", "application/xml" } };
  return ao__aws_sign_into(r, c->cfg, "cloudfront", "us-east-1", c->base,
                           c->host, c->path, NULL, 0, extra,
                           r->body ? 1 : 0, c->hash, 0);
}

static ao_status cf_endpoint(const ao_aws_config *cfg, char **base, char **host)
{
  const char *ep = cfg->endpoint_cloudfront ? cfg->endpoint_cloudfront
                                            : "https://cloudfront.amazonaws.com";
  const char *sep = strstr(ep, "://");
  if(!sep)
    return AO_CONFIG;
  const char *hs = sep + 3, *he = hs;
  while(*he && *he != '/')
    he++;
  *base = ao__strndup(ep, (size_t)(he - ep));
  *host = ao__strndup(hs, (size_t)(he - hs));
  return *base && *host ? AO_OK : AO_NOMEM;
}

static const char *xml_find(const ao_buf *b, const char *open, size_t *n)
{
  if(!b->data)
    return NULL;
  const char *s = strstr((const char *)b->data, open);
  if(!s)
    return NULL;
  s += strlen(open);
  const char *e = strchr(s, '<');
  if(!e)
    return NULL;
  *n = (size_t)(e - s);
  return s;
}

ao_status ao__cloudfront_purge(ao__http *h, const ao_aws_config *cfg,
                               const char *dist, char **paths, size_t n,
                               size_t threshold, int wait, ao_diags *d)
{
  cf_req c;
  memset(&c, 0, sizeof(c));
  c.cfg = cfg;
  ao_status st = cf_endpoint(cfg, &c.base, &c.host);
  if(st) {
    ao_diag_add(d, AO_ERROR, SIZE_MAX, "the CloudFront endpoint is not a URL");
    ao_free(c.base);
    ao_free(c.host);
    return st;
  }
  size_t limit = threshold && threshold < CF_MAX_PATHS ? threshold : CF_MAX_PATHS;
  int wildcard = n > limit;
  ao_buf body = AO_BUF_INIT(0), path = AO_BUF_INIT(0);
  ao_buf_printf(&body, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<InvalidationBatch xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\">"
                "<Paths><Quantity>%zu</Quantity><Items>", wildcard ? (size_t)1 : n);
  if(wildcard)
    ao_buf_puts(&body, "<Path>/*</Path>");
  else
    for(size_t i = 0; i < n; i++)
      ao_buf_printf(&body, "<Path>%s</Path>", paths[i]); /* already %-encoded */
  char ref[65];
  ao__sha256_hex(body.data ? body.data : (unsigned char *)"", body.len, ref);
  ao_buf_printf(&body, "</Items></Paths><CallerReference>assetopt-%lld-%.16s"
                "</CallerReference></InvalidationBatch>", (long long)time(NULL), ref);
  ao_buf_printf(&path, CF_API "%s/invalidation", dist);
  if(body.err || path.err) {
    st = AO_NOMEM;
    goto done;
  }
  ao__req_init(&c.r, "POST", "CloudFront CreateInvalidation");
  c.r.body = body.data;
  c.r.body_len = body.len;
  c.r.prepare = cf_prepare;
  c.r.ud = &c;
  c.path = (char *)path.data;
  ao__sha256_hex(body.data, body.len, c.hash);
  ao__req *one = &c.r;
  ao__http_run(h, &one, 1);
  if(!c.r.ok) {
    ao_diag_add(d, AO_ERROR, SIZE_MAX, "CloudFront invalidation of %s failed: %s",
                dist, c.r.err);
    st = AO_INCOMPLETE;
    goto done;
  }
  size_t idn = 0;
  const char *id = xml_find(&c.r.resp, "<Id>", &idn);
  ao__log(h->o, 0, "CloudFront invalidation %.*s: %zu path(s)%s", (int)idn,
          id ? id : "", wildcard ? (size_t)1 : n, wildcard ? " (/*)" : "");
  if(wait && id && idn < 128) {
    char idbuf[128];
    memcpy(idbuf, id, idn);
    idbuf[idn] = 0;
    ao_buf_reset(&path);
    ao_buf_printf(&path, CF_API "%s/invalidation/%s", dist, idbuf);
    c.path = (char *)path.data;
    for(int poll = 0; poll < 120; poll++) {
      ao__req_free(&c.r);
      ao__req_init(&c.r, "GET", "CloudFront GetInvalidation");
      c.r.prepare = cf_prepare;
      c.r.ud = &c;
      ao__sha256_hex("", 0, c.hash);
      one = &c.r;
      ao__http_run(h, &one, 1);
      size_t sn = 0;
      const char *s = c.r.ok ? xml_find(&c.r.resp, "<Status>", &sn) : NULL;
      if(s && sn == 9 && !memcmp(s, "Completed", 9))
        break;
      if(!c.r.ok || ao__now() + 5 >= h->deadline || poll == 119) {
        ao_diag_add(d, AO_ERROR, SIZE_MAX, "CloudFront invalidation %s did not "
                    "complete in time%s%s", idbuf, c.r.ok ? "" : ": ", c.r.ok ? "" : c.r.err);
        st = AO_INCOMPLETE;
        break;
      }
      ao__sleep(poll < 5 ? 0.5 : 5);
    }
  }
done:
  ao__req_free(&c.r);
  ao_buf_free(&body);
  ao_buf_free(&path);
  ao_free(c.base);
  ao_free(c.host);
  return st;
}
