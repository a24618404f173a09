/* AWS Signature Version 4: canonical request, string to sign, signature
 * (HMAC-SHA256 chain through OpenSSL). Written here rather than taken from
 * libcurl's CURLOPT_AWS_SIGV4: Debian 12's libcurl (7.88) signs the path
 * exactly as given, so keys with spaces, '+', '%' or non-ASCII characters
 * would need the caller to pre-encode them consistently, and it does not add
 * the x-amz-content-sha256 header that S3 requires. Paths and query
 * parameters arrive decoded and are encoded once, here, for both the wire
 * and the canonical request, so the two always agree. */
#include <assetopt/publish.h>
#include <assetopt/hash.h>

#include "publish_int.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

static int unreserved(unsigned char c)
{
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' ||
         c == '~';
}

void ao_uri_encode(ao_buf *out, const char *s, size_t n, int keep_slash)
{
  static const char hex[] = "0123456789ABCDEF";
  for(size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if(unreserved(c) || (keep_slash && c == '/')) {
      ao_buf_putc(out, c);
    }
    else {
      char e[3] = { '%', hex[c >> 4], hex[c & 15] };
      ao_buf_append(out, e, 3);
    }
  }
}

void ao_sigv4_date(long long unix_time, char out[17])
{
  time_t t = (time_t)unix_time;
  struct tm tm;
  gmtime_r(&t, &tm);
  strftime(out, 17, "%Y%m%dT%H%M%SZ", &tm);
}

/* One header, lower-cased name and trimmed, space-collapsed value. */
typedef struct canon_hdr {
  char *name;
  ao_buf value;
  size_t order;
} canon_hdr;

static int hdr_cmp(const void *a, const void *b)
{
  const canon_hdr *x = a, *y = b;
  int c = strcmp(x->name, y->name);
  if(c)
    return c;
  return x->order < y->order ? -1 : x->order > y->order;
}

typedef struct canon_q {
  ao_buf name, value;
} canon_q;

static int q_cmp(const void *a, const void *b)
{
  const canon_q *x = a, *y = b;
  int c = strcmp((const char *)x->name.data, (const char *)y->name.data);
  if(c)
    return c;
  return strcmp((const char *)x->value.data, (const char *)y->value.data);
}

static void put_trimmed(ao_buf *b, const char *v)
{
  while(*v == ' ' || *v == '\t')
    v++;
  size_t n = strlen(v);
  while(n && (v[n - 1] == ' ' || v[n - 1] == '\t'))
    n--;
  int space = 0;
  for(size_t i = 0; i < n; i++) {
    char c = v[i];
    if(c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = 1;
      continue;
    }
    if(space)
      ao_buf_putc(b, ' ');
    space = 0;
    ao_buf_putc(b, c);
  }
}

ao_status ao_sigv4_canonical(const ao_sigv4_req *r, ao_buf *creq,
                             ao_buf *signed_headers)
{
  ao_status st = AO_OK;
  canon_hdr *h = ao_malloc((r->nheaders + 1) * sizeof(*h));
  canon_q *q = ao_malloc((r->nquery + 1) * sizeof(*q));
  ao_buf tmp = AO_BUF_INIT(0), sh = AO_BUF_INIT(0);
  size_t nh = 0, nq = 0;
  if(!h || !q) {
    st = AO_NOMEM;
    goto done;
  }
  for(size_t i = 0; i < r->nheaders; i++) {
    size_t ln = strlen(r->headers[i].name);
    char *name = ao_malloc(ln + 1);
    if(!name) {
      st = AO_NOMEM;
      goto done;
    }
    for(size_t j = 0; j <= ln; j++) {
      char c = r->headers[i].name[j];
      name[j] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
    }
    h[nh].name = name;
    ao_buf_init(&h[nh].value, 0);
    ao_buf_puts(&h[nh].value, "");
    put_trimmed(&h[nh].value, r->headers[i].value ? r->headers[i].value : "");
    h[nh].order = i;
    if(h[nh].value.err) {
      st = AO_NOMEM;
      nh++;
      goto done;
    }
    nh++;
  }
  qsort(h, nh, sizeof(*h), hdr_cmp);
  for(size_t i = 0; i < r->nquery; i++) {
    ao_buf_init(&q[nq].name, 0);
    ao_buf_init(&q[nq].value, 0);
    ao_buf_puts(&q[nq].name, "");
    ao_buf_puts(&q[nq].value, "");
    const char *nm = r->query[i].name, *v = r->query[i].value ? r->query[i].value : "";
    ao_uri_encode(&q[nq].name, nm, strlen(nm), 0);
    ao_uri_encode(&q[nq].value, v, strlen(v), 0);
    nq++;
    if(q[nq - 1].name.err || q[nq - 1].value.err) {
      st = AO_NOMEM;
      goto done;
    }
  }
  qsort(q, nq, sizeof(*q), q_cmp);

  ao_buf_puts(&tmp, r->method);
  ao_buf_putc(&tmp, '\n');
  const char *path = r->path && *r->path ? r->path : "/";
  ao_uri_encode(&tmp, path, strlen(path), 1);
  ao_buf_putc(&tmp, '\n');
  for(size_t i = 0; i < nq; i++) {
    if(i)
      ao_buf_putc(&tmp, '&');
    ao_buf_append(&tmp, q[i].name.data, q[i].name.len);
    ao_buf_putc(&tmp, '=');
    ao_buf_append(&tmp, q[i].value.data, q[i].value.len);
  }
  ao_buf_putc(&tmp, '\n');
  for(size_t i = 0; i < nh; i++) {
    if(i && !strcmp(h[i].name, h[i - 1].name)) {
      /* a repeated header: values joined by ',' on the line above */
      tmp.len--;
      ao_buf_putc(&tmp, ',');
    }
    else {
      ao_buf_puts(&tmp, h[i].name);
      ao_buf_putc(&tmp, ':');
      if(sh.len)
        ao_buf_putc(&sh, ';');
      ao_buf_puts(&sh, h[i].name);
    }
    ao_buf_append(&tmp, h[i].value.data, h[i].value.len);
    ao_buf_putc(&tmp, '\n');
  }
  ao_buf_putc(&tmp, '\n');
  ao_buf_append(&tmp, sh.data, sh.len);
  ao_buf_putc(&tmp, '\n');
  ao_buf_puts(&tmp, r->payload_sha256);
  if(tmp.err || sh.err) {
    st = AO_NOMEM;
    goto done;
  }
  if(creq)
    ao_buf_append(creq, tmp.data, tmp.len);
  if(signed_headers)
    ao_buf_append(signed_headers, sh.data, sh.len);
  if((creq && creq->err) || (signed_headers && signed_headers->err))
    st = AO_NOMEM;
done:
  for(size_t i = 0; i < nh; i++) {
    ao_free(h[i].name);
    ao_buf_free(&h[i].value);
  }
  for(size_t i = 0; i < nq; i++) {
    ao_buf_free(&q[i].name);
    ao_buf_free(&q[i].value);
  }
  ao_free(h);
  ao_free(q);
  ao_buf_free(&tmp);
  ao_buf_free(&sh);
  return st;
}

static void hmac(const void *key, size_t klen, const void *msg, size_t mlen,
                 unsigned char out[32])
{
  unsigned int len = 32;
  HMAC(EVP_sha256(), key, (int)klen, msg, mlen, out, &len);
}

ao_status ao_sigv4_sign(const ao_sigv4_req *r, const ao_sigv4_key *k,
                        ao_buf *authorization, ao_buf *sts_out)
{
  ao_buf creq = AO_BUF_INIT(0), sh = AO_BUF_INIT(0), sts = AO_BUF_INIT(0);
  ao_buf secret = AO_BUF_INIT(0);
  ao_status st = ao_sigv4_canonical(r, &creq, &sh);
  if(st)
    goto done;
  if(!k->amz_date || strlen(k->amz_date) != 16) {
    st = AO_USAGE;
    goto done;
  }
  char day[9];
  memcpy(day, k->amz_date, 8);
  day[8] = 0;
  unsigned char digest[32];
  char hex[65];
  ao_sha256_once(creq.data, creq.len, digest);
  ao_hex(digest, 32, hex);
  ao_buf_printf(&sts, "AWS4-HMAC-SHA256\n%s\n%s/%s/%s/aws4_request\n%s",
                k->amz_date, day, k->region, k->service, hex);

  unsigned char kd[32], kr[32], ks[32], kk[32], sig[32];
  ao_buf_puts(&secret, "AWS4");
  ao_buf_puts(&secret, k->secret_key);
  if(sts.err || secret.err) {
    st = AO_NOMEM;
    goto done;
  }
  hmac(secret.data, secret.len, day, 8, kd);
  hmac(kd, 32, k->region, strlen(k->region), kr);
  hmac(kr, 32, k->service, strlen(k->service), ks);
  hmac(ks, 32, "aws4_request", 12, kk);
  hmac(kk, 32, sts.data, sts.len, sig);
  ao_hex(sig, 32, hex);
  ao_buf_printf(authorization,
                "AWS4-HMAC-SHA256 Credential=%s/%s/%s/%s/aws4_request, "
                "SignedHeaders=%s, Signature=%s",
                k->access_key, day, k->region, k->service,
                (const char *)sh.data, hex);
  if(sts_out)
    ao_buf_append(sts_out, sts.data, sts.len);
  if(authorization->err)
    st = AO_NOMEM;
  /* the derived keys are as secret as the key itself */
  memset(kd, 0, sizeof(kd));
  memset(kr, 0, sizeof(kr));
  memset(ks, 0, sizeof(ks));
  memset(kk, 0, sizeof(kk));
done:
  if(secret.data)
    memset(secret.data, 0, secret.len);
  ao_buf_free(&secret);
  ao_buf_free(&creq);
  ao_buf_free(&sh);
  ao_buf_free(&sts);
  return st;
}
