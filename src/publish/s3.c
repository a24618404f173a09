/* S3 requests: addressing (path-style or virtual-hosted), SigV4-signed
 * requests for the HTTP engine, ListObjectsV2 and error documents. */
#include "publish_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* ---- small XML reading (S3 documents are flat and simple) --------------- */

/* Finds <tag>…</tag> in [p, e); returns the content's bounds. */
static int xml_elem(const char *p, const char *e, const char *tag,
                    const char **cs, const char **ce)
{
  size_t tl = strlen(tag);
  while(p < e) {
    const char *lt = memchr(p, '<', (size_t)(e - p));
    if(!lt || (size_t)(e - lt) < tl + 2)
      return 0;
    if(!memcmp(lt + 1, tag, tl) && (lt[1 + tl] == '>' || lt[1 + tl] == ' ')) {
      const char *gt = memchr(lt, '>', (size_t)(e - lt));
      if(!gt)
        return 0;
      if(gt[-1] == '/') { /* <Tag/> */
        *cs = *ce = gt + 1;
        return 1;
      }
      const char *q = gt + 1;
      while(q < e) {
        const char *c = memchr(q, '<', (size_t)(e - q));
        if(!c || (size_t)(e - c) < tl + 3)
          return 0;
        if(c[1] == '/' && !memcmp(c + 2, tag, tl) && c[2 + tl] == '>') {
          *cs = gt + 1;
          *ce = c;
          return 1;
        }
        q = c + 1;
      }
      return 0;
    }
    p = lt + 1;
  }
  return 0;
}

static void put_utf8(ao_buf *b, unsigned long cp)
{
  if(cp < 0x80) {
    ao_buf_putc(b, (int)cp);
  }
  else if(cp < 0x800) {
    ao_buf_putc(b, (int)(0xC0 | (cp >> 6)));
    ao_buf_putc(b, (int)(0x80 | (cp & 0x3F)));
  }
  else if(cp < 0x10000) {
    ao_buf_putc(b, (int)(0xE0 | (cp >> 12)));
    ao_buf_putc(b, (int)(0x80 | ((cp >> 6) & 0x3F)));
    ao_buf_putc(b, (int)(0x80 | (cp & 0x3F)));
  }
  else if(cp < 0x110000) {
    ao_buf_putc(b, (int)(0xF0 | (cp >> 18)));
    ao_buf_putc(b, (int)(0x80 | ((cp >> 12) & 0x3F)));
    ao_buf_putc(b, (int)(0x80 | ((cp >> 6) & 0x3F)));
    ao_buf_putc(b, (int)(0x80 | (cp & 0x3F)));
  }
}

/* XML text with entities decoded (and, when url, %XX decoded after). */
static void xml_text(ao_buf *b, const char *s, const char *e, int url)
{
  ao_buf_puts(b, "");
  while(s < e) {
    if(*s == '&') {
      const char *semi = memchr(s, ';', (size_t)(e - s));
      if(semi && semi - s <= 10) {
        size_t n = (size_t)(semi - s - 1);
        const char *nm = s + 1;
        unsigned long cp = 0;
        int ok = 1;
        if(n == 3 && !memcmp(nm, "amp", 3)) cp = '&';
        else if(n == 2 && !memcmp(nm, "lt", 2)) cp = '<';
        else if(n == 2 && !memcmp(nm, "gt", 2)) cp = '>';
        else if(n == 4 && !memcmp(nm, "quot", 4)) cp = '"';
        else if(n == 4 && !memcmp(nm, "apos", 4)) cp = '\'';
        else if(n >= 2 && nm[0] == '#') {
          char tmp[12];
          memcpy(tmp, nm + 1, n - 1);
          tmp[n - 1] = 0;
          char *end;
          cp = (tmp[0] == 'x' || tmp[0] == 'X') ? strtoul(tmp + 1, &end, 16)
                                                : strtoul(tmp, &end, 10);
          ok = *end == 0 && cp > 0 && cp < 0x110000;
        }
        else ok = 0;
        if(ok) {
          put_utf8(b, cp);
          s = semi + 1;
          continue;
        }
      }
    }
    if(url && *s == '%' && e - s >= 3) {
      int hi = s[1], lo = s[2];
      int h = hi >= '0' && hi <= '9' ? hi - '0' : (hi | 32) >= 'a' && (hi | 32) <= 'f' ? (hi | 32) - 'a' + 10 : -1;
      int l = lo >= '0' && lo <= '9' ? lo - '0' : (lo | 32) >= 'a' && (lo | 32) <= 'f' ? (lo | 32) - 'a' + 10 : -1;
      if(h >= 0 && l >= 0) {
        ao_buf_putc(b, h * 16 + l);
        s += 3;
        continue;
      }
    }
    if(url && *s == '+') {
      ao_buf_putc(b, ' ');
      s++;
      continue;
    }
    ao_buf_putc(b, *s++);
  }
}

ao_status ao_s3_list_parse(const unsigned char *xml, size_t len,
                           ao_s3_listing *l, ao_diags *d)
{
  const char *p = (const char *)xml, *e = p + len;
  const char *cs, *ce;
  if(!xml_elem(p, e, "ListBucketResult", &cs, &ce)) {
    ao_diag_add(d, AO_ERROR, 0, "the response is not a ListObjectsV2 result");
    return AO_SYNTAX;
  }
  p = cs;
  e = ce;
  const char *vs, *ve;
  int url = xml_elem(p, e, "EncodingType", &vs, &ve) && ve - vs == 3 &&
            !memcmp(vs, "url", 3);
  l->truncated = xml_elem(p, e, "IsTruncated", &vs, &ve) && ve - vs == 4 &&
                 !memcmp(vs, "true", 4);
  ao_free(l->next_token);
  l->next_token = NULL;
  ao_buf b = AO_BUF_INIT(1 << 20);
  const char *q = p;
  while(xml_elem(q, e, "Contents", &cs, &ce)) {
    q = ce;
    if(!xml_elem(cs, ce, "Key", &vs, &ve))
      continue;
    ao_buf_reset(&b);
    xml_text(&b, vs, ve, url);
    if(b.err)
      break;
    if(l->n == l->cap) {
      size_t cap = l->cap ? l->cap * 2 : 64;
      ao_s3_object *items = ao_realloc(l->items, cap * sizeof(*items));
      if(!items) {
        ao_buf_free(&b);
        return AO_NOMEM;
      }
      l->items = items;
      l->cap = cap;
    }
    ao_s3_object *o = &l->items[l->n];
    memset(o, 0, sizeof(*o));
    o->key = ao__strndup((const char *)b.data, b.len);
    if(!o->key) {
      ao_buf_free(&b);
      return AO_NOMEM;
    }
    if(xml_elem(cs, ce, "ETag", &vs, &ve)) {
      ao_buf_reset(&b);
      xml_text(&b, vs, ve, 0);
      const char *t = (const char *)b.data;
      size_t tn = b.len;
      while(tn && *t == '"') {
        t++;
        tn--;
      }
      while(tn && t[tn - 1] == '"')
        tn--;
      if(tn >= sizeof(o->etag))
        tn = sizeof(o->etag) - 1;
      memcpy(o->etag, t, tn);
      o->etag[tn] = 0;
    }
    if(xml_elem(cs, ce, "Size", &vs, &ve)) {
      uint64_t v = 0;
      for(const char *c = vs; c < ve && *c >= '0' && *c <= '9'; c++)
        v = v * 10 + (uint64_t)(*c - '0');
      o->size = v;
    }
    l->n++;
  }
  if(xml_elem(p, e, "NextContinuationToken", &vs, &ve)) {
    ao_buf_reset(&b);
    xml_text(&b, vs, ve, 0);
    if(!b.err)
      l->next_token = ao__strndup((const char *)b.data, b.len);
  }
  ao_status st = b.err;
  ao_buf_free(&b);
  if(st == AO_LIMIT) {
    ao_diag_add(d, AO_ERROR, 0, "an object key in the listing is too long");
    return AO_SYNTAX;
  }
  if(l->truncated && (!l->next_token || !*l->next_token)) {
    ao_diag_add(d, AO_ERROR, 0, "a truncated listing without a continuation token");
    return AO_SYNTAX;
  }
  return st;
}

void ao_s3_listing_free(ao_s3_listing *l)
{
  for(size_t i = 0; i < l->n; i++)
    ao_free(l->items[i].key);
  ao_free(l->items);
  ao_free(l->next_token);
  memset(l, 0, sizeof(*l));
}

void ao_s3_error_text(const unsigned char *xml, size_t len, ao_buf *out)
{
  const char *p = (const char *)xml, *e = p + len;
  const char *cs, *ce;
  int any = 0;
  if(xml_elem(p, e, "Code", &cs, &ce)) {
    xml_text(out, cs, ce < cs + 100 ? ce : cs + 100, 0);
    any = 1;
  }
  if(xml_elem(p, e, "Message", &cs, &ce)) {
    if(any)
      ao_buf_puts(out, ": ");
    xml_text(out, cs, ce < cs + 200 ? ce : cs + 200, 0);
  }
}

void ao__s3_explain(ao__req *r)
{
  ao_buf t = AO_BUF_INIT(0);
  if(r->resp.len)
    ao_s3_error_text(r->resp.data, r->resp.len, &t);
  /* error text must stay printable and on one line */
  for(size_t i = 0; i < t.len; i++)
    if(t.data[i] < 0x20)
      t.data[i] = ' ';
  snprintf(r->err, sizeof(r->err), "HTTP %ld%s%s", r->status,
           t.len ? " " : "", t.len ? (char *)t.data : "");
  ao_buf_free(&t);
}

/* ---- addressing and signing ------------------------------------------- */

static int host_is_ip_or_local(const char *h, size_t n)
{
  if(n >= 9 && !strncasecmp(h, "localhost", 9))
    return 1;
  if(n && h[0] == '[')
    return 1;
  for(size_t i = 0; i < n && h[i] != ':'; i++)
    if(!((h[i] >= '0' && h[i] <= '9') || h[i] == '.'))
      return 0;
  return 1;
}

ao_status ao__s3_init(ao__s3 *s, const ao_aws_config *cfg, const char *bucket,
                      const char *endpoint, int path_style, ao_diags *d)
{
  memset(s, 0, sizeof(*s));
  s->cfg = cfg;
  char def[200];
  if(!endpoint) {
    snprintf(def, sizeof(def), "https://s3.%s.amazonaws.com", cfg->region);
    endpoint = def;
  }
  const char *sep = strstr(endpoint, "://");
  if(!sep || (strncmp(endpoint, "http://", 7) && strncmp(endpoint, "https://", 8))) {
    ao_diag_add(d, AO_ERROR, SIZE_MAX,
                "the endpoint '%s' is not an http:// or https:// URL", endpoint);
    return AO_CONFIG;
  }
  const char *hs = sep + 3, *he = hs;
  while(*he && *he != '/' && *he != '?')
    he++;
  if(he == hs) {
    ao_diag_add(d, AO_ERROR, SIZE_MAX, "the endpoint '%s' has no host", endpoint);
    return AO_CONFIG;
  }
  size_t sl = (size_t)(sep - endpoint);
  if(path_style < 0)
    path_style = host_is_ip_or_local(hs, (size_t)(he - hs)) ||
                 strchr(bucket, '.') != NULL;
  ao_buf b = AO_BUF_INIT(0), h = AO_BUF_INIT(0);
  if(!path_style)
    ao_buf_printf(&h, "%s.", bucket);
  ao_buf_append(&h, hs, (size_t)(he - hs));
  ao_buf_append(&b, endpoint, sl + 3);
  ao_buf_append(&b, h.data, h.len);
  s->bucket = ao__strdup(bucket);
  s->base = (char *)ao_buf_detach(&b, NULL);
  s->host = (char *)ao_buf_detach(&h, NULL);
  if(path_style) {
    s->path_prefix = ao_malloc(strlen(bucket) + 2);
    if(s->path_prefix)
      sprintf(s->path_prefix, "/%s", bucket);
  }
  else {
    s->path_prefix = ao__strdup("");
  }
  if(!s->bucket || !s->base || !s->host || !s->path_prefix)
    return AO_NOMEM;
  return AO_OK;
}

void ao__s3_free(ao__s3 *s)
{
  ao_free(s->bucket);
  ao_free(s->base);
  ao_free(s->host);
  ao_free(s->path_prefix);
  memset(s, 0, sizeof(*s));
}

ao_status ao__aws_sign_into(ao__req *r, const ao_aws_config *cfg,
                            const char *service, const char *region,
                            const char *base, const char *host,
                            const char *path, const ao_kv *query, size_t nq,
                            const ao_kv *extra, size_t nextra,
                            const char *payload_hash, int s3_style)
{
  char date[17];
  ao_sigv4_date((long long)time(NULL), date);
  ao_kv hv[16];
  size_t nh = 0;
  hv[nh++] = (ao_kv){ "host", host };
  hv[nh++] = (ao_kv){ "x-amz-date", date };
  if(s3_style)
    hv[nh++] = (ao_kv){ "x-amz-content-sha256", payload_hash };
  if(cfg->session_token)
    hv[nh++] = (ao_kv){ "x-amz-security-token", cfg->session_token };
  for(size_t i = 0; i < nextra && nh < 16; i++)
    hv[nh++] = extra[i];
  ao_sigv4_req sr = { r->method, path, query, nq, hv, nh, payload_hash };
  ao_sigv4_key k = { cfg->access_key, cfg->secret_key, region, service, date };
  ao_buf auth = AO_BUF_INIT(0);
  ao_status st = ao_sigv4_sign(&sr, &k, &auth, NULL);
  if(st) {
    ao_buf_free(&auth);
    return st;
  }
  ao_buf_puts(&r->url, base);
  ao_uri_encode(&r->url, path, strlen(path), 1);
  for(size_t i = 0; i < nq; i++) {
    ao_buf_putc(&r->url, i ? '&' : '?');
    ao_uri_encode(&r->url, query[i].name, strlen(query[i].name), 0);
    ao_buf_putc(&r->url, '=');
    const char *v = query[i].value ? query[i].value : "";
    ao_uri_encode(&r->url, v, strlen(v), 0);
  }
  ao_buf line = AO_BUF_INIT(0);
  for(size_t i = 1; i < nh; i++) { /* host comes from the URL */
    ao_buf_reset(&line);
    ao_buf_printf(&line, "%s: %s", hv[i].name, hv[i].value);
    if(line.err)
      break;
    struct curl_slist *n = curl_slist_append(r->hdrs, (char *)line.data);
    if(!n)
      break;
    r->hdrs = n;
  }
  ao_buf_reset(&line);
  ao_buf_printf(&line, "Authorization: %s", (char *)auth.data);
  struct curl_slist *n = line.err ? NULL : curl_slist_append(r->hdrs, (char *)line.data);
  if(n)
    r->hdrs = n;
  if(line.data)
    memset(line.data, 0, line.len);
  ao_buf_free(&line);
  ao_buf_free(&auth);
  return n && !r->url.err ? AO_OK : AO_NOMEM;
}

static ao_status s3_prepare(ao__req *r, void *ud)
{
  ao__s3_req *q = ud;
  ao__s3 *s = q->s3;
  ao_buf path = AO_BUF_INIT(0);
  ao_buf_puts(&path, s->path_prefix);
  ao_buf_putc(&path, '/');
  ao_buf_puts(&path, q->key);
  if(path.err)
    return AO_NOMEM;
  ao_status st = ao__aws_sign_into(r, s->cfg, "s3", s->cfg->region, s->base,
                                   s->host, (char *)path.data, q->query,
                                   q->nquery, q->extra, q->nextra,
                                   q->payload_hash, 1);
  ao_buf_free(&path);
  return st;
}

static const char empty_sha[] =
  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

ao__s3_req *ao__s3_req_new(ao__s3 *s, const char *method, const char *key)
{
  ao__s3_req *q = ao_malloc(sizeof(*q));
  if(!q)
    return NULL;
  memset(q, 0, sizeof(*q));
  q->key = ao__strdup(key);
  if(!q->key) {
    ao_free(q);
    return NULL;
  }
  ao__req_init(&q->r, method, q->key);
  q->r.prepare = s3_prepare;
  q->r.ud = q;
  q->s3 = s;
  memcpy(q->payload_hash, empty_sha, 65);
  ao_buf_init(&q->owned_body, 0);
  return q;
}

void ao__s3_req_query(ao__s3_req *q, const char *name, const char *value)
{
  if(q->nquery < 4)
    q->query[q->nquery++] = (ao_kv){ ao__strdup(name), ao__strdup(value) };
}

void ao__s3_req_header(ao__s3_req *q, const char *name, const char *value)
{
  if(q->nextra < 8)
    q->extra[q->nextra++] = (ao_kv){ ao__strdup(name), ao__strdup(value) };
}

void ao__s3_req_body(ao__s3_req *q, const unsigned char *p, size_t n,
                     const char *sha256_hex)
{
  q->r.body = p;
  q->r.body_len = n;
  memcpy(q->payload_hash, sha256_hex, 64);
  q->payload_hash[64] = 0;
}

void ao__s3_req_free(ao__s3_req *q)
{
  if(!q)
    return;
  for(size_t i = 0; i < q->nquery; i++) {
    ao_free((char *)q->query[i].name);
    ao_free((char *)q->query[i].value);
  }
  for(size_t i = 0; i < q->nextra; i++) {
    ao_free((char *)q->extra[i].name);
    ao_free((char *)q->extra[i].value);
  }
  ao__req_free(&q->r);
  ao_buf_free(&q->owned_body);
  ao_free(q->key);
  ao_free(q);
}
