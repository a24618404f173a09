/* assetopt publish: upload a built folder to S3, an S3-compatible origin or a
 * directory, in an order that never serves a broken page, then purge the CDN.
 *
 * Pieces are public so that tests and fuzzers reach them: SigV4 signing, AWS
 * credential/config resolution, the INI reader, the ListObjectsV2 parser,
 * the plan, and the whole publish run. */
#ifndef ASSETOPT_PUBLISH_H
#define ASSETOPT_PUBLISH_H

#include "core.h"

/* A name/value pair (headers, query parameters). */
typedef struct ao_kv {
  const char *name;
  const char *value;
} ao_kv;

/* ---- URI encoding (RFC 3986 unreserved kept, %XX upper-case) ------------- */
/* Appends s[0..n) percent-encoded; keep_slash leaves '/' as is. */
AO_API void ao_uri_encode(ao_buf *out, const char *s, size_t n, int keep_slash);

/* ---- AWS Signature Version 4 ---------------------------------------------- */
typedef struct ao_sigv4_req {
  const char *method;            /* "GET", "PUT" … */
  const char *path;              /* decoded path, starting with '/' */
  const ao_kv *query;            /* decoded names and values */
  size_t nquery;
  const ao_kv *headers;          /* every header to sign, any case; must hold
                                    host and x-amz-date */
  size_t nheaders;
  const char *payload_sha256;    /* lower-case hex of the body's SHA-256 */
} ao_sigv4_req;

typedef struct ao_sigv4_key {
  const char *access_key;
  const char *secret_key;
  const char *region;
  const char *service;           /* "s3", "cloudfront" … */
  const char *amz_date;          /* "YYYYMMDDTHHMMSSZ" */
} ao_sigv4_key;

/* The canonical request (as in the SigV4 specification; the path is encoded
 * once per segment, as S3 wants, never normalized) and the signed header
 * list ("host;x-amz-date"). Either output may be NULL. */
AO_API AO_NODISCARD ao_status ao_sigv4_canonical(const ao_sigv4_req *r,
                                                 ao_buf *creq,
                                                 ao_buf *signed_headers);
/* The Authorization header value; sts (may be NULL) receives the string to
 * sign. */
AO_API AO_NODISCARD ao_status ao_sigv4_sign(const ao_sigv4_req *r,
                                            const ao_sigv4_key *k,
                                            ao_buf *authorization, ao_buf *sts);
/* "YYYYMMDDTHHMMSSZ" for a UNIX time. */
AO_API void ao_sigv4_date(long long unix_time, char out[17]);

/* ---- INI files (~/.aws/credentials, ~/.aws/config) ------------------------ */
/* The value of key in [section] of an INI text, trimmed, in a new string the
 * caller frees with ao_free; NULL when absent. Lines indented under a key
 * (nested sub-sections) are skipped. src needs no padding. */
AO_API char *ao_ini_get(const char *src, size_t len, const char *section,
                        const char *key);

/* ---- AWS credentials and configuration ------------------------------------ */
typedef struct ao_aws_config {
  char *access_key, *secret_key, *session_token;
  char *region;
  char *endpoint_s3;          /* AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL / endpoint_url */
  char *endpoint_cloudfront;  /* AWS_ENDPOINT_URL_CLOUDFRONT / AWS_ENDPOINT_URL */
  char *ca_bundle;            /* AWS_CA_BUNDLE / ca_bundle */
  char source[96];            /* where the keys came from, never the keys */
} ao_aws_config;

/* Resolves as the AWS CLI does: an explicit profile reads the shared files;
 * otherwise AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY(/AWS_SESSION_TOKEN), then
 * the profile AWS_PROFILE (or "default") of AWS_SHARED_CREDENTIALS_FILE
 * (~/.aws/credentials) and AWS_CONFIG_FILE (~/.aws/config). Region from
 * AWS_REGION, AWS_DEFAULT_REGION, the profile, else "us-east-1". Missing
 * keys are not an error here (the caller decides); a named profile that
 * exists nowhere is AO_CONFIG. */
AO_API AO_NODISCARD ao_status ao_aws_config_load(const char *profile,
                                                 ao_aws_config *c,
                                                 ao_diags *d);
AO_API void ao_aws_config_free(ao_aws_config *c);

/* ---- S3 ListObjectsV2 responses ------------------------------------------- */
typedef struct ao_s3_object {
  char *key;                 /* decoded (EncodingType url undone) */
  char etag[72];             /* without quotes */
  uint64_t size;
} ao_s3_object;

typedef struct ao_s3_listing {
  ao_s3_object *items;
  size_t n, cap;
  int truncated;
  char *next_token;          /* NextContinuationToken, or NULL */
} ao_s3_listing;

/* Appends the objects of one ListObjectsV2 page (xml[len] followed by
 * AO_PAD zeros) to l and sets truncated/next_token. AO_SYNTAX with a
 * message when the document is not a listing. */
AO_API AO_NODISCARD ao_status ao_s3_list_parse(const unsigned char *xml,
                                               size_t len, ao_s3_listing *l,
                                               ao_diags *d);
AO_API void ao_s3_listing_free(ao_s3_listing *l);
/* The <Code> and <Message> of an S3 error document into out ("Code: msg"). */
AO_API void ao_s3_error_text(const unsigned char *xml, size_t len, ao_buf *out);

/* ---- publish ---------------------------------------------------------------- */
typedef struct ao_cache_rule {
  const char *glob;          /* fnmatch pattern on the path in the folder */
  const char *value;         /* Cache-Control value */
} ao_cache_rule;

typedef enum ao_pub_action { AO_PUB_SKIP, AO_PUB_UPLOAD, AO_PUB_DELETE } ao_pub_action;

/* Progress and log lines for the CLI. Never given a secret. */
typedef void (*ao_pub_log_fn)(void *ud, int level, const char *line);
typedef void (*ao_pub_progress_fn)(void *ud, size_t files_done,
                                   size_t files_total,
                                   unsigned long long bytes_done);

typedef struct ao_publish_opts {
  const char *dir;                /* the built folder */
  const char *to;                 /* s3://BUCKET[/PREFIX] or file:///PATH */
  const char *profile;            /* AWS profile, or NULL */
  const char *region;             /* overrides the resolved region */
  const char *endpoint;           /* overrides the resolved endpoint */
  int path_style;                 /* 1 path-style, 0 virtual-hosted, -1 auto */
  const char *ca_bundle;
  int jobs;                       /* parallel transfers (16) */
  int dry_run;
  int delete_removed;             /* --delete */
  int keep_releases;              /* previous releases kept (1) */
  const char *content_encoding;   /* NULL, "gzip" or "br" */
  const char *cache_hashed;       /* Cache-Control of hashed names */
  const char *cache_other;        /* of HTML and other stable names */
  const ao_cache_rule *cache_rules;
  size_t ncache_rules;
  size_t multipart_threshold;     /* files this large go in parts (16 MiB) */
  int max_attempts;               /* per request (6) */
  double timeout;                 /* bound on the whole run, seconds (900) */
  double request_timeout;         /* bound on one attempt, seconds (120) */
  const char *cloudfront;         /* distribution id, or NULL */
  int cloudfront_wait;
  const char *cloudflare_zone;
  const char *site_url;           /* https://example.com for Cloudflare URLs */
  size_t purge_threshold;         /* more paths: purge everything (500) */
  int verbose;
  ao_pub_log_fn log;
  ao_pub_progress_fn progress;
  void *ud;
} ao_publish_opts;

typedef struct ao_publish_stats {
  size_t uploaded, skipped, deleted, failed, purged;
  unsigned long long bytes_uploaded, bytes_skipped, bytes_deleted;
  size_t requests;                /* HTTP requests made, retries included */
  size_t retries;
  double seconds;
} ao_publish_stats;

AO_API void ao_publish_opts_init(ao_publish_opts *o);
/* Runs a publish. AO_OK: the remote equals the folder (and was purged);
 * AO_INCOMPLETE/AO_NET: some transfer failed (each is in d), the live site
 * still consistent; AO_CONFIG/AO_USAGE: bad options or credentials;
 * AO_IO: the folder cannot be read. */
AO_API AO_NODISCARD ao_status ao_publish(const ao_publish_opts *o,
                                         ao_publish_stats *st, ao_diags *d);

/* Whether a file name carries a content hash ("app.3f9a8c2d1e.js",
 * "index-BvJ2kL3x.js"). */
AO_API int ao_publish_name_is_hashed(const char *path);

#endif
