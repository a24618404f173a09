/* Status codes and the allocation hook used for fault injection. */
#include <assetopt/core.h>

#include <stdatomic.h>
#include <stdlib.h>

const char *ao_status_str(ao_status s)
{
  switch(s) {
#define AO_X_STR(name, num, msg) case AO_##name: return msg;
    AO_STATUS_LIST(AO_X_STR)
#undef AO_X_STR
  }
  return "unknown status";
}

/* Countdown to the allocation that fails: 0 means never. */
static _Atomic long fail_countdown;

void ao_alloc_fail_after(long n)
{
  atomic_store(&fail_countdown, n);
}

static int should_fail(void)
{
  long v = atomic_load(&fail_countdown);
  while(v > 0) {
    if(atomic_compare_exchange_weak(&fail_countdown, &v, v - 1))
      return v == 1;
  }
  return 0;
}

void *ao_malloc(size_t n)
{
  if(should_fail())
    return NULL;
  return malloc(n ? n : 1);
}

void *ao_realloc(void *p, size_t n)
{
  if(should_fail())
    return NULL;
  return realloc(p, n ? n : 1);
}

void ao_free(void *p)
{
  free(p);
}
