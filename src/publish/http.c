/* HTTP transfers over one libcurl multi handle: parallel connections,
 * keep-alive, HTTP/2 where offered, and bounded retries with exponential
 * backoff and full jitter on connection errors, timeouts, 5xx, 429 and
 * S3's SlowDown, honouring Retry-After. */
#include "publish_int.h"

#include <openssl/evp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define RESP_LIMIT (256u << 20)
#define BACKOFF_BASE 0.2
#define BACKOFF_CAP 10.0

double ao__now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void ao__sleep(double seconds)
{
  if(seconds <= 0)
    return;
  struct timespec ts = { (time_t)seconds,
                         (long)((seconds - (double)(time_t)seconds) * 1e9) };
  nanosleep(&ts, NULL);
}

void ao__sha256_hex(const void *p, size_t n, char out[65])
{
  unsigned char d[32];
  unsigned int len = 32;
  EVP_Digest(p, n, d, &len, EVP_sha256(), NULL);
  static const char hex[] = "0123456789abcdef";
  for(int i = 0; i < 32; i++) {
    out[2 * i] = hex[d[i] >> 4];
    out[2 * i + 1] = hex[d[i] & 15];
  }
  out[64] = 0;
}

void ao__md5(const void *p, size_t n, unsigned char out[16])
{
  unsigned int len = 16;
  EVP_Digest(p, n, out, &len, EVP_md5(), NULL);
}

void ao__log(const ao_publish_opts *o, int level, const char *fmt, ...)
{
  if(!o || !o->log)
    return;
  char line[1024];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(line, sizeof(line), fmt, ap);
  va_end(ap);
  o->log(o->ud, level, line);
}

ao_status ao__http_init(ao__http *h, const ao_publish_opts *o,
                        const char *ca_bundle)
{
  memset(h, 0, sizeof(*h));
  if(!ao__curl_load(NULL))
    return AO_CONFIG;
  if(curl_global_init(CURL_GLOBAL_DEFAULT))
    return AO_NET;
  h->multi = curl_multi_init();
  if(!h->multi)
    return AO_NOMEM;
  h->o = o;
  h->jobs = o->jobs > 0 ? o->jobs : 16;
  h->max_attempts = o->max_attempts > 0 ? o->max_attempts : 6;
  h->deadline = ao__now() + (o->timeout > 0 ? o->timeout : 900);
  h->req_timeout = o->request_timeout > 0 ? o->request_timeout : 120;
  h->ca_bundle = ca_bundle;
  h->verbose = o->verbose;
  h->rng = (unsigned long long)time(NULL) * 6364136223846793005ULL ^
           (unsigned long long)getpid() ^ (unsigned long long)(uintptr_t)h;
  curl_multi_setopt(h->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)h->jobs);
  curl_multi_setopt(h->multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
  return AO_OK;
}

void ao__http_free(ao__http *h)
{
  if(h->multi)
    curl_multi_cleanup(h->multi);
  h->multi = NULL;
}

void ao__req_init(ao__req *r, const char *method, const char *label)
{
  memset(r, 0, sizeof(*r));
  r->method = method;
  r->label = label;
  ao_buf_init(&r->url, 0);
  ao_buf_init(&r->resp, RESP_LIMIT);
}

void ao__req_free(ao__req *r)
{
  ao_buf_free(&r->url);
  ao_buf_free(&r->resp);
  curl_slist_free_all(r->hdrs);
  r->hdrs = NULL;
  if(r->easy)
    curl_easy_cleanup(r->easy);
  r->easy = NULL;
}

static size_t on_body(char *p, size_t sz, size_t n, void *ud)
{
  ao__req *r = ud;
  if(ao_buf_append(&r->resp, p, sz * n))
    return 0;
  return sz * n;
}

static size_t on_read(char *p, size_t sz, size_t n, void *ud)
{
  ao__req *r = ud;
  size_t left = r->body_len - r->off, want = sz * n;
  if(want > left)
    want = left;
  if(want)
    memcpy(p, r->body + r->off, want);
  r->off += want;
  return want;
}

static int on_seek(void *ud, curl_off_t off, int origin)
{
  ao__req *r = ud;
  if(origin != SEEK_SET || off < 0 || (size_t)off > r->body_len)
    return CURL_SEEKFUNC_FAIL;
  r->off = (size_t)off;
  return CURL_SEEKFUNC_OK;
}

static size_t on_header(char *p, size_t sz, size_t n, void *ud)
{
  ao__req *r = ud;
  size_t len = sz * n;
  if(len > 5 && !strncasecmp(p, "ETag:", 5)) {
    const char *s = p + 5, *e = p + len;
    while(s < e && (*s == ' ' || *s == '"'))
      s++;
    while(e > s && (e[-1] == '\r' || e[-1] == '\n' || e[-1] == ' ' || e[-1] == '"'))
      e--;
    size_t m = (size_t)(e - s) < sizeof(r->etag) - 1 ? (size_t)(e - s)
                                                      : sizeof(r->etag) - 1;
    memcpy(r->etag, s, m);
    r->etag[m] = 0;
  }
  else if(len > 12 && !strncasecmp(p, "Retry-After:", 12)) {
    char tmp[32];
    size_t m = len - 12 < sizeof(tmp) - 1 ? len - 12 : sizeof(tmp) - 1;
    memcpy(tmp, p + 12, m);
    tmp[m] = 0;
    double v = strtod(tmp, NULL);
    if(v > 0)
      r->retry_after = v;
  }
  return len;
}

static double rand01(ao__http *h)
{
  h->rng ^= h->rng << 13;
  h->rng ^= h->rng >> 7;
  h->rng ^= h->rng << 17;
  return (double)(h->rng >> 11) / 9007199254740992.0;
}

static int start(ao__http *h, ao__req *r)
{
  r->attempts++;
  h->requests++;
  ao_buf_reset(&r->url);
  ao_buf_reset(&r->resp);
  curl_slist_free_all(r->hdrs);
  r->hdrs = NULL;
  r->etag[0] = 0;
  r->retry_after = 0;
  r->status = 0;
  r->off = 0;
  r->errbuf[0] = 0;
  ao_status st = r->prepare ? r->prepare(r, r->ud) : AO_OK;
  if(st || r->url.err || !r->url.len) {
    snprintf(r->err, sizeof(r->err), "cannot prepare the request: %s",
             ao_status_str(st ? st : AO_NOMEM));
    return -1;
  }
  CURL *e = r->easy ? r->easy : curl_easy_init();
  if(!e) {
    snprintf(r->err, sizeof(r->err), "out of memory");
    return -1;
  }
  curl_easy_reset(e);
  r->easy = e;
  r->hdrs = curl_slist_append(r->hdrs, "Expect:");
  curl_easy_setopt(e, CURLOPT_URL, (char *)r->url.data);
  curl_easy_setopt(e, CURLOPT_PATH_AS_IS, 1L);
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, r->hdrs);
  curl_easy_setopt(e, CURLOPT_PRIVATE, r);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, r);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, r);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, r->errbuf);
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
  double left = h->deadline - ao__now();
  double t = h->req_timeout < left ? h->req_timeout : left;
  if(t < 1)
    t = 1;
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, (long)(t * 1000));
  curl_easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(e, CURLOPT_LOW_SPEED_TIME, 30L);
  curl_easy_setopt(e, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(e, CURLOPT_USERAGENT, "assetopt/" AO_VERSION);
  if(h->ca_bundle)
    curl_easy_setopt(e, CURLOPT_CAINFO, h->ca_bundle);
  if(!strcmp(r->method, "PUT")) {
    curl_easy_setopt(e, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(e, CURLOPT_READFUNCTION, on_read);
    curl_easy_setopt(e, CURLOPT_READDATA, r);
    curl_easy_setopt(e, CURLOPT_SEEKFUNCTION, on_seek);
    curl_easy_setopt(e, CURLOPT_SEEKDATA, r);
    curl_easy_setopt(e, CURLOPT_INFILESIZE_LARGE, (curl_off_t)r->body_len);
  }
  else if(!strcmp(r->method, "POST")) {
    curl_easy_setopt(e, CURLOPT_POST, 1L);
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, r->body ? (const char *)r->body : "");
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)r->body_len);
  }
  else if(!strcmp(r->method, "HEAD")) {
    curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
  }
  else if(strcmp(r->method, "GET")) {
    curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, r->method);
  }
  if(curl_multi_add_handle(h->multi, e)) {
    snprintf(r->err, sizeof(r->err), "cannot start the transfer");
    return -1;
  }
  r->state = 1;
  return 0;
}

static int retryable_curl(CURLcode c)
{
  switch(c) {
  case CURLE_COULDNT_CONNECT: case CURLE_OPERATION_TIMEDOUT:
  case CURLE_SEND_ERROR: case CURLE_RECV_ERROR: case CURLE_GOT_NOTHING:
  case CURLE_PARTIAL_FILE: case CURLE_HTTP2: case CURLE_HTTP2_STREAM:
  case CURLE_SSL_CONNECT_ERROR: case CURLE_READ_ERROR:
  case CURLE_WRITE_ERROR: case CURLE_COULDNT_RESOLVE_HOST:
    return 1;
  default:
    return 0;
  }
}

static int body_has(const ao__req *r, const char *s)
{
  return r->resp.data && strstr((const char *)r->resp.data, s) != NULL;
}

/* Ends one attempt: 1 finished (ok or not), 0 scheduled again. */
static int finish(ao__http *h, ao__req *r, CURLcode cc)
{
  curl_multi_remove_handle(h->multi, r->easy);
  long code = 0;
  curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &code);
  r->status = cc == CURLE_OK ? code : 0;
  int retry = 0;
  if(cc != CURLE_OK) {
    snprintf(r->err, sizeof(r->err), "%s", r->errbuf[0] ? r->errbuf
                                                        : curl_easy_strerror(cc));
    retry = retryable_curl(cc);
  }
  else if(code >= 200 && code < 300) {
    r->ok = 1;
    r->err[0] = 0;
  }
  else {
    ao__s3_explain(r);
    retry = code >= 500 || code == 429 ||
            (code == 400 && body_has(r, "<Code>RequestTimeout</Code>")) ||
            body_has(r, "<Code>SlowDown</Code>");
  }
  if(h->verbose)
    ao__log(h->o, 2, "%s %s -> %ld%s%s (attempt %d)", r->method, r->label,
            r->status, r->ok ? "" : " ", r->ok ? "" : r->err, r->attempts);
  if(r->ok || !retry || r->attempts >= h->max_attempts) {
    r->state = 2;
    return 1;
  }
  double cap = BACKOFF_BASE * (double)(1u << (r->attempts < 16 ? r->attempts : 16));
  if(cap > BACKOFF_CAP)
    cap = BACKOFF_CAP;
  double delay = rand01(h) * cap;
  if(r->retry_after > delay)
    delay = r->retry_after < 60 ? r->retry_after : 60;
  if(ao__now() + delay >= h->deadline) {
    snprintf(r->err + strlen(r->err), sizeof(r->err) - strlen(r->err),
             " (time bound reached)");
    r->state = 2;
    return 1;
  }
  h->retries++;
  r->not_before = ao__now() + delay;
  r->state = 0;
  return 0;
}

void ao__http_run(ao__http *h, ao__req **reqs, size_t n)
{
  size_t finished = 0, running = 0;
  /* requests waiting for a retry keep state 0 with a later not_before */
  while(finished < n) {
    double now = ao__now();
    for(size_t i = 0; i < n && running < (size_t)h->jobs; i++) {
      ao__req *r = reqs[i];
      if(r->state != 0 || r->not_before > now)
        continue;
      if(start(h, r)) {
        r->state = 2;
        finished++;
        continue;
      }
      running++;
    }
    int still = 0;
    curl_multi_perform(h->multi, &still);
    CURLMsg *m;
    int left;
    while((m = curl_multi_info_read(h->multi, &left))) {
      if(m->msg != CURLMSG_DONE)
        continue;
      ao__req *r = NULL;
      curl_easy_getinfo(m->easy_handle, CURLINFO_PRIVATE, (char **)&r);
      CURLcode cc = m->data.result;
      running--;
      if(finish(h, r, cc)) {
        finished++;
        if(r->ok && !strcmp(r->method, "PUT")) {
          h->files_done++;
          h->bytes_done += r->body_len;
          if(h->o->progress)
            h->o->progress(h->o->ud, h->files_done, h->files_total,
                           h->bytes_done);
        }
      }
    }
    if(finished >= n)
      break;
    int wait_ms = 100;
    if(!running) {
      double soonest = 1e18;
      for(size_t i = 0; i < n; i++)
        if(reqs[i]->state == 0 && reqs[i]->not_before < soonest)
          soonest = reqs[i]->not_before;
      double d = (soonest - ao__now()) * 1000;
      wait_ms = d < 1 ? 0 : d > 1000 ? 1000 : (int)d;
      ao__sleep(wait_ms / 1000.0);
      continue;
    }
    curl_multi_poll(h->multi, NULL, 0, wait_ms, NULL);
  }
}
