/* Private to src/publish: the HTTP engine, the targets, the plan. */
#ifndef ASSETOPT_PUBLISH_INT_H
#define ASSETOPT_PUBLISH_INT_H

#include <assetopt/publish.h>

#include "curl_dl.h"

char *ao__strdup(const char *s);
char *ao__strndup(const char *s, size_t n);
/* Monotonic seconds. */
double ao__now(void);
void ao__sleep(double seconds);
/* Lower-case hex SHA-256 / MD5 and base64 MD5 of a buffer. */
void ao__sha256_hex(const void *p, size_t n, char out[65]);
void ao__md5(const void *p, size_t n, unsigned char out[16]);

/* ---- HTTP engine (libcurl multi, retries with backoff) ------------------ */
typedef struct ao__req ao__req;
/* Fills r->url and r->hdrs for one attempt (signing happens here, so every
 * retry carries a fresh date). Non-zero: the request fails at once. */
typedef ao_status (*ao__prepare_fn)(ao__req *r, void *ud);

struct ao__req {
  const char *method;              /* GET PUT POST DELETE HEAD */
  const unsigned char *body;       /* borrowed, may be NULL */
  size_t body_len;
  ao__prepare_fn prepare;
  void *ud;
  const char *label;               /* for messages: the key or the API */
  /* one attempt, set by prepare */
  ao_buf url;
  struct curl_slist *hdrs;
  /* the outcome */
  long status;                     /* last HTTP status, 0 when none */
  ao_buf resp;                     /* last response body */
  char etag[80];
  int attempts;
  int ok;                          /* 2xx */
  char err[256];                   /* why it failed (no secret) */
  /* engine state */
  double not_before, retry_after;
  size_t off;
  CURL *easy;
  int state;                       /* 0 waiting, 1 running, 2 finished */
  char errbuf[CURL_ERROR_SIZE];
};

typedef struct ao__http {
  CURLM *multi;
  int jobs;
  int max_attempts;
  double deadline;                 /* ao__now() bound for new attempts */
  double req_timeout;
  const char *ca_bundle;
  unsigned long long rng;
  size_t requests, retries;
  size_t files_done, files_total;
  unsigned long long bytes_done;
  int verbose;
  const ao_publish_opts *o;        /* log/progress callbacks */
} ao__http;

ao_status ao__http_init(ao__http *h, const ao_publish_opts *o,
                        const char *ca_bundle);
void ao__http_free(ao__http *h);
void ao__req_init(ao__req *r, const char *method, const char *label);
void ao__req_free(ao__req *r);
/* Runs every request to an end: success, a final status, or attempts and
 * time spent. */
void ao__http_run(ao__http *h, ao__req **reqs, size_t n);
void ao__log(const ao_publish_opts *o, int level, const char *fmt, ...)
  AO_PRINTF(3, 4);

/* ---- S3 ------------------------------------------------------------------ */
typedef struct ao__s3 {
  const ao_aws_config *cfg;
  char *bucket;
  char *base;         /* scheme://host[:port] of requests */
  char *host;         /* the Host header */
  char *path_prefix;  /* "/bucket" for path-style, "" otherwise */
} ao__s3;

ao_status ao__s3_init(ao__s3 *s, const ao_aws_config *cfg, const char *bucket,
                      const char *endpoint, int path_style, ao_diags *d);
void ao__s3_free(ao__s3 *s);

/* A signed S3 request: key may be "" for the bucket; query pairs and extra
 * headers are copied. */
typedef struct ao__s3_req {
  ao__req r;
  ao__s3 *s3;
  char *key;
  ao_kv query[4];
  size_t nquery;
  ao_kv extra[8];
  size_t nextra;
  char payload_hash[65];
  ao_buf owned_body;
} ao__s3_req;

ao__s3_req *ao__s3_req_new(ao__s3 *s, const char *method, const char *key);
void ao__s3_req_query(ao__s3_req *q, const char *name, const char *value);
void ao__s3_req_header(ao__s3_req *q, const char *name, const char *value);
/* Sets the body (borrowed) and its payload hash. */
void ao__s3_req_body(ao__s3_req *q, const unsigned char *p, size_t n,
                     const char *sha256_hex);
void ao__s3_req_free(ao__s3_req *q);
/* Fills r->err from an S3 error body or the status. */
void ao__s3_explain(ao__req *r);

/* Signs a generic AWS request: url = base + path (path decoded), headers
 * get host/x-amz-date/x-amz-content-sha256/token/authorization. */
ao_status ao__aws_sign_into(ao__req *r, const ao_aws_config *cfg,
                            const char *service, const char *region,
                            const char *base, const char *host,
                            const char *path, const ao_kv *query, size_t nq,
                            const ao_kv *extra, size_t nextra,
                            const char *payload_hash, int s3_style);

/* ---- CDN purges ----------------------------------------------------------- */
ao_status ao__cloudfront_purge(ao__http *h, const ao_aws_config *cfg,
                               const char *dist, char **paths, size_t n,
                               size_t threshold, int wait, ao_diags *d);
ao_status ao__cloudflare_purge(ao__http *h, const char *zone,
                               const char *site_url, char **paths, size_t n,
                               size_t threshold, ao_diags *d);

#endif
