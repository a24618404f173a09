/* Cloudflare cache purge by URL (POST /zones/ZONE/purge_cache), with an API
 * token; purge_everything past the threshold. */
#include "publish_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Purge by single-file URL takes at most 30 URLs per API call on every plan
 * (https://developers.cloudflare.com/api/operations/zone-purge and
 * https://developers.cloudflare.com/cache/how-to/purge-cache/purge-by-single-file/). */
#define CF_URLS_PER_CALL 30

typedef struct cfl_req {
  ao__req r;
  const char *url;
  const char *token;
} cfl_req;

static ao_status cfl_prepare(ao__req *r, void *ud)
{
  cfl_req *c = ud;
  ao_buf_puts(&r->url, c->url);
  ao_buf line = AO_BUF_INIT(0);
  ao_buf_printf(&line, "Authorization: Bearer %s", c->token);
  struct curl_slist *n = line.err ? NULL : curl_slist_append(r->hdrs, (char *)line.data);
  if(line.data)
    memset(line.data, 0, line.len);
  ao_buf_free(&line);
  if(!n)
    return AO_NOMEM;
  r->hdrs = n;
  n = curl_slist_append(r->hdrs, "Content-Type: application/json");
  if(!n)
    return AO_NOMEM;
  r->hdrs = n;
  return r->url.err;
}

static void json_str(ao_buf *b, const char *s)
{
  ao_buf_putc(b, '"');
  for(; *s; s++) {
    unsigned char c = (unsigned char)*s;
    if(c == '"' || c == '\\')
      ao_buf_printf(b, "\\%c", c);
    else if(c < 0x20)
      ao_buf_printf(b, "\\u%04x", c);
    else
      ao_buf_putc(b, c);
  }
  ao_buf_putc(b, '"');
}

ao_status ao__cloudflare_purge(ao__http *h, const char *zone,
                               const char *site_url, char **paths, size_t n,
                               size_t threshold, ao_diags *d)
{
  const char *token = getenv("CLOUDFLARE_API_TOKEN");
  const char *base = getenv("CLOUDFLARE_API_BASE");
  if(!base || !*base)
    base = "https://api.cloudflare.com/client/v4";
  if(!token || !*token) {
    ao_diag_add(d, AO_ERROR, SIZE_MAX, "CLOUDFLARE_API_TOKEN is not set");
    return AO_CONFIG;
  }
  size_t sl = strlen(site_url);
  while(sl && site_url[sl - 1] == '/')
    sl--;
  int everything = threshold && n > threshold;
  size_t batches = everything ? 1 : (n + CF_URLS_PER_CALL - 1) / CF_URLS_PER_CALL;
  cfl_req *reqs = ao_malloc((batches + 1) * sizeof(*reqs));
  ao__req **rr = ao_malloc((batches + 1) * sizeof(*rr));
  ao_buf *bodies = ao_malloc((batches + 1) * sizeof(*bodies));
  ao_buf url = AO_BUF_INIT(0);
  ao_status st = AO_OK;
  if(!reqs || !rr || !bodies) {
    ao_free(reqs);
    ao_free(rr);
    ao_free(bodies);
    return AO_NOMEM;
  }
  ao_buf_printf(&url, "%s/zones/", base);
  ao_uri_encode(&url, zone, strlen(zone), 0);
  ao_buf_puts(&url, "/purge_cache");
  for(size_t b = 0; b < batches; b++) {
    ao_buf_init(&bodies[b], 0);
    if(everything) {
      ao_buf_puts(&bodies[b], "{\"purge_everything\":true}");
    }
    else {
      ao_buf_puts(&bodies[b], "{\"files\":[");
      for(size_t i = b * CF_URLS_PER_CALL; i < n && i < (b + 1) * CF_URLS_PER_CALL; i++) {
        ao_buf u = AO_BUF_INIT(0);
        ao_buf_append(&u, site_url, sl);
        ao_buf_puts(&u, paths[i]);
        if(i > b * CF_URLS_PER_CALL)
          ao_buf_putc(&bodies[b], ',');
        json_str(&bodies[b], u.data ? (char *)u.data : "");
        ao_buf_free(&u);
      }
      ao_buf_puts(&bodies[b], "]}");
    }
    ao__req_init(&reqs[b].r, "POST", "Cloudflare purge_cache");
    reqs[b].r.body = bodies[b].data;
    reqs[b].r.body_len = bodies[b].len;
    reqs[b].r.prepare = cfl_prepare;
    reqs[b].r.ud = &reqs[b];
    reqs[b].url = (char *)url.data;
    reqs[b].token = token;
    rr[b] = &reqs[b].r;
  }
  if(url.err)
    st = AO_NOMEM;
  else
    ao__http_run(h, rr, batches);
  for(size_t b = 0; b < batches; b++) {
    if(!st && (!reqs[b].r.ok || !reqs[b].r.resp.data ||
               !strstr((char *)reqs[b].r.resp.data, "\"success\":true"))) {
      ao_diag_add(d, AO_ERROR, SIZE_MAX, "Cloudflare purge failed: %s",
                  reqs[b].r.err[0] ? reqs[b].r.err : "the API did not report success");
      st = AO_INCOMPLETE;
    }
    ao__req_free(&reqs[b].r);
    ao_buf_free(&bodies[b]);
  }
  if(!st)
    ao__log(h->o, 0, "Cloudflare purge: %s", everything ? "everything" : "by URL");
  ao_buf_free(&url);
  ao_free(reqs);
  ao_free(rr);
  ao_free(bodies);
  return st;
}
