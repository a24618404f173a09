/* A fixed pool of worker threads running index-parallel jobs. */
#ifndef ASSETOPT_POOL_H
#define ASSETOPT_POOL_H

#include "core.h"

typedef struct ao_pool ao_pool;

/* nthreads 0: the number of online cores. 1: everything runs on the caller. */
AO_API AO_NODISCARD ao_pool *ao_pool_new(unsigned nthreads);
AO_API void ao_pool_free(ao_pool *p);
AO_API unsigned ao_pool_threads(const ao_pool *p);
/* Calls fn(ctx, i, worker) for every i in [0, n) and returns when all are
 * done. worker is in [0, threads) so callers can keep per-thread state.
 * Which thread runs which i is not fixed: results must be written by index. */
AO_API void ao_pool_for(ao_pool *p, size_t n,
                        void (*fn)(void *ctx, size_t i, unsigned worker),
                        void *ctx);

#endif
