/* libcurl, loaded when a publish starts rather than when assetopt starts:
 * libcurl pulls in some thirty shared libraries (TLS, Kerberos, LDAP, …)
 * whose loading would otherwise cost every command a few milliseconds.
 * Code in src/publish includes this header instead of <curl/curl.h> and
 * calls curl_* as usual; the names below route those calls through the
 * table ao__curl_load filled. Private to src/publish. */
#ifndef ASSETOPT_CURL_DL_H
#define ASSETOPT_CURL_DL_H

/* plain prototypes, without the compile-time option type checks */
#define CURL_DISABLE_TYPECHECK
#include <curl/curl.h>

typedef struct ao__curl_api {
  CURLcode (*global_init)(long flags);
  CURL *(*easy_init)(void);
  void (*easy_cleanup)(CURL *e);
  void (*easy_reset)(CURL *e);
  CURLcode (*easy_setopt)(CURL *e, CURLoption opt, ...);
  CURLcode (*easy_getinfo)(CURL *e, CURLINFO info, ...);
  const char *(*easy_strerror)(CURLcode c);
  CURLM *(*multi_init)(void);
  CURLMcode (*multi_cleanup)(CURLM *m);
  CURLMcode (*multi_setopt)(CURLM *m, CURLMoption opt, ...);
  CURLMcode (*multi_add_handle)(CURLM *m, CURL *e);
  CURLMcode (*multi_remove_handle)(CURLM *m, CURL *e);
  CURLMcode (*multi_perform)(CURLM *m, int *running);
  CURLMcode (*multi_poll)(CURLM *m, struct curl_waitfd *fds, unsigned n,
                          int timeout_ms, int *numfds);
  CURLMsg *(*multi_info_read)(CURLM *m, int *left);
  struct curl_slist *(*slist_append)(struct curl_slist *l, const char *s);
  void (*slist_free_all)(struct curl_slist *l);
} ao__curl_api;

/* Loads libcurl once per process (thread-safe). Returns the table, or NULL
 * with the reason in *why (a static string). */
const ao__curl_api *ao__curl_load(const char **why);
/* The table; only after ao__curl_load succeeded. */
const ao__curl_api *ao__curl(void);

/* curl.h may define the variadic ones as macros of themselves */
#undef curl_easy_setopt
#undef curl_easy_getinfo
#undef curl_multi_setopt
#define curl_global_init (ao__curl()->global_init)
#define curl_easy_init (ao__curl()->easy_init)
#define curl_easy_cleanup (ao__curl()->easy_cleanup)
#define curl_easy_reset (ao__curl()->easy_reset)
#define curl_easy_setopt (ao__curl()->easy_setopt)
#define curl_easy_getinfo (ao__curl()->easy_getinfo)
#define curl_easy_strerror (ao__curl()->easy_strerror)
#define curl_multi_init (ao__curl()->multi_init)
#define curl_multi_cleanup (ao__curl()->multi_cleanup)
#define curl_multi_setopt (ao__curl()->multi_setopt)
#define curl_multi_add_handle (ao__curl()->multi_add_handle)
#define curl_multi_remove_handle (ao__curl()->multi_remove_handle)
#define curl_multi_perform (ao__curl()->multi_perform)
#define curl_multi_poll (ao__curl()->multi_poll)
#define curl_multi_info_read (ao__curl()->multi_info_read)
#define curl_slist_append (ao__curl()->slist_append)
#define curl_slist_free_all (ao__curl()->slist_free_all)

#endif
