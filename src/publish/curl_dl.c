/* Loading libcurl at the first publish (see curl_dl.h). The table is the
 * one piece of process-wide state in the library: written once, under
 * pthread_once, before any use, and read-only after. */
#include "curl_dl.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>

static ao__curl_api api;
static const char *load_error;
static pthread_once_t load_once = PTHREAD_ONCE_INIT;

/* Debian and most systems: the OpenSSL build, else the GnuTLS one (same
 * ABI, version 4 since 2006). */
static const char *const sonames[] = { "libcurl.so.4", "libcurl-gnutls.so.4" };

static void load(void)
{
  void *h = NULL;
  /* ASSETOPT_LIBCURL names the library to use instead */
  const char *env = getenv("ASSETOPT_LIBCURL");
  if(env && *env)
    h = dlopen(env, RTLD_NOW | RTLD_LOCAL);
  else
    for(size_t i = 0; !h && i < sizeof(sonames) / sizeof(*sonames); i++)
      h = dlopen(sonames[i], RTLD_NOW | RTLD_LOCAL);
  if(!h) {
    load_error = env && *env
      ? "ASSETOPT_LIBCURL names a library that cannot be loaded"
      : "libcurl (libcurl.so.4) cannot be loaded; install libcurl4";
    return;
  }
  struct { const char *name; void **slot; } syms[] = {
#define SYM(field, name) { name, (void **)&api.field }
    SYM(global_init, "curl_global_init"),
    SYM(easy_init, "curl_easy_init"),
    SYM(easy_cleanup, "curl_easy_cleanup"),
    SYM(easy_reset, "curl_easy_reset"),
    SYM(easy_setopt, "curl_easy_setopt"),
    SYM(easy_getinfo, "curl_easy_getinfo"),
    SYM(easy_strerror, "curl_easy_strerror"),
    SYM(multi_init, "curl_multi_init"),
    SYM(multi_cleanup, "curl_multi_cleanup"),
    SYM(multi_setopt, "curl_multi_setopt"),
    SYM(multi_add_handle, "curl_multi_add_handle"),
    SYM(multi_remove_handle, "curl_multi_remove_handle"),
    SYM(multi_perform, "curl_multi_perform"),
    SYM(multi_poll, "curl_multi_poll"),
    SYM(multi_info_read, "curl_multi_info_read"),
    SYM(slist_append, "curl_slist_append"),
    SYM(slist_free_all, "curl_slist_free_all"),
#undef SYM
  };
  for(size_t i = 0; i < sizeof(syms) / sizeof(*syms); i++) {
    /* POSIX guarantees that a function's address survives void * */
    void *p = dlsym(h, syms[i].name);
    if(!p) {
      load_error = "the libcurl found is too old (7.66 or later is needed)";
      return;
    }
    *syms[i].slot = p;
  }
}

const ao__curl_api *ao__curl_load(const char **why)
{
  pthread_once(&load_once, load);
  if(load_error) {
    if(why)
      *why = load_error;
    return NULL;
  }
  return &api;
}

const ao__curl_api *ao__curl(void)
{
  return &api;
}
