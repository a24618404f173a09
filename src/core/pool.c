/* Thread pool for index-parallel loops. Workers take indices from a shared
 * counter; results are written by index, so output order never depends on
 * scheduling. */
#include <assetopt/pool.h>

#include <pthread.h>
#include <stdatomic.h>
#include <unistd.h>

struct ao_pool {
  unsigned nthreads;
  pthread_t *threads;
  pthread_mutex_t mu;
  pthread_cond_t work_cv, done_cv;
  /* the current job */
  void (*fn)(void *, size_t, unsigned);
  void *ctx;
  size_t n;
  _Atomic size_t next;
  unsigned busy;        /* workers still inside the current job */
  unsigned long gen;    /* bumped for every job */
  int quit;
};

struct worker_arg { ao_pool *p; unsigned id; };

static void run_items(ao_pool *p, unsigned id)
{
  for(;;) {
    size_t i = atomic_fetch_add(&p->next, 1);
    if(i >= p->n)
      break;
    p->fn(p->ctx, i, id);
  }
}

static void *worker_main(void *arg)
{
  ao_pool *p = ((struct worker_arg *)arg)->p;
  unsigned id = ((struct worker_arg *)arg)->id;
  ao_free(arg);
  unsigned long seen = 0;
  pthread_mutex_lock(&p->mu);
  for(;;) {
    while(!p->quit && p->gen == seen)
      pthread_cond_wait(&p->work_cv, &p->mu);
    if(p->quit)
      break;
    seen = p->gen;
    pthread_mutex_unlock(&p->mu);
    run_items(p, id);
    pthread_mutex_lock(&p->mu);
    if(--p->busy == 0)
      pthread_cond_signal(&p->done_cv);
  }
  pthread_mutex_unlock(&p->mu);
  return NULL;
}

ao_pool *ao_pool_new(unsigned nthreads)
{
  if(nthreads == 0) {
    long c = sysconf(_SC_NPROCESSORS_ONLN);
    nthreads = c > 0 ? (unsigned)c : 1;
  }
  if(nthreads > 256)
    nthreads = 256;
  ao_pool *p = ao_malloc(sizeof(*p));
  if(!p)
    return NULL;
  *p = (ao_pool){ .nthreads = nthreads };
  pthread_mutex_init(&p->mu, NULL);
  pthread_cond_init(&p->work_cv, NULL);
  pthread_cond_init(&p->done_cv, NULL);
  if(nthreads > 1) {
    /* the caller is worker 0; threads are workers 1..n-1 */
    p->threads = ao_malloc(sizeof(pthread_t) * (nthreads - 1));
    if(!p->threads) {
      ao_pool_free(p);
      return NULL;
    }
    for(unsigned i = 1; i < nthreads; i++) {
      struct worker_arg *a = ao_malloc(sizeof(*a));
      if(a) {
        a->p = p;
        a->id = i;
      }
      if(!a || pthread_create(&p->threads[i - 1], NULL, worker_main, a)) {
        ao_free(a);
        p->nthreads = i; /* only i-1 threads were started */
        ao_pool_free(p);
        return NULL;
      }
    }
  }
  return p;
}

void ao_pool_free(ao_pool *p)
{
  if(!p)
    return;
  pthread_mutex_lock(&p->mu);
  p->quit = 1;
  pthread_cond_broadcast(&p->work_cv);
  pthread_mutex_unlock(&p->mu);
  if(p->threads)
    for(unsigned i = 1; i < p->nthreads; i++)
      pthread_join(p->threads[i - 1], NULL);
  ao_free(p->threads);
  pthread_mutex_destroy(&p->mu);
  pthread_cond_destroy(&p->work_cv);
  pthread_cond_destroy(&p->done_cv);
  ao_free(p);
}

unsigned ao_pool_threads(const ao_pool *p)
{
  return p ? p->nthreads : 1;
}

void ao_pool_for(ao_pool *p, size_t n,
                 void (*fn)(void *ctx, size_t i, unsigned worker), void *ctx)
{
  if(!p || p->nthreads <= 1 || n <= 1) {
    for(size_t i = 0; i < n; i++)
      fn(ctx, i, 0);
    return;
  }
  pthread_mutex_lock(&p->mu);
  p->fn = fn;
  p->ctx = ctx;
  p->n = n;
  atomic_store(&p->next, 0);
  p->busy = p->nthreads - 1;
  p->gen++;
  pthread_cond_broadcast(&p->work_cv);
  pthread_mutex_unlock(&p->mu);
  run_items(p, 0);
  pthread_mutex_lock(&p->mu);
  while(p->busy)
    pthread_cond_wait(&p->done_cv, &p->mu);
  pthread_mutex_unlock(&p->mu);
}
