/* Runner for AO_TEST cases: one forked process per test, a time limit each,
 * a summary line at the end. */
#define _GNU_SOURCE
#include "harness.h"

#include <assetopt/core.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

struct ao_t {
  const char *name;
  unsigned checks, fails;
  int skipped;
};

static struct { const char *name; ao_test_fn fn; } *tests;
static size_t ntests, captests;

void ao_t_register(const char *name, ao_test_fn fn)
{
  if(ntests == captests) {
    captests = captests ? captests * 2 : 256;
    tests = realloc(tests, captests * sizeof(*tests));
    if(!tests)
      abort();
  }
  tests[ntests].name = name;
  tests[ntests].fn = fn;
  ntests++;
}

int ao_t_check(struct ao_t *t, int ok, const char *expr, const char *file,
               int line)
{
  t->checks++;
  if(!ok) {
    t->fails++;
    fprintf(stderr, "  %s:%d: check failed: %s\n", file, line, expr);
  }
  return ok;
}

static void show(const char *label, const void *p, size_t n)
{
  const unsigned char *s = p;
  fprintf(stderr, "    %s (%zu bytes): \"", label, n);
  size_t lim = n > 600 ? 600 : n;
  for(size_t i = 0; i < lim; i++) {
    if(s[i] == '\n')
      fputs("\\n", stderr);
    else if(s[i] < 32 || s[i] == 127)
      fprintf(stderr, "\\x%02x", s[i]);
    else
      fputc(s[i], stderr);
  }
  fprintf(stderr, "\"%s\n", n > lim ? "…" : "");
}

int ao_t_check_mem(struct ao_t *t, const void *got, size_t got_len,
                   const void *want, size_t want_len, const char *expr,
                   const char *file, int line)
{
  int ok = got_len == want_len && (!got_len || !memcmp(got, want, got_len));
  if(!ao_t_check(t, ok, expr, file, line)) {
    show("got ", got, got_len);
    show("want", want, want_len);
  }
  return ok;
}

int ao_t_check_str(struct ao_t *t, const char *got, const char *want,
                   const char *expr, const char *file, int line)
{
  if(!got || !want)
    return ao_t_check(t, got == want, expr, file, line);
  return ao_t_check_mem(t, got, strlen(got), want, strlen(want), expr, file,
                        line);
}

int ao_t_check_int(struct ao_t *t, long long got, long long want,
                   const char *expr, const char *file, int line)
{
  int ok = got == want;
  if(!ao_t_check(t, ok, expr, file, line))
    fprintf(stderr, "    got %lld, want %lld\n", got, want);
  return ok;
}

void ao_t_skip(struct ao_t *t, const char *why)
{
  t->skipped = 1;
  fprintf(stderr, "  skipped: %s\n", why);
}

const char *ao_t_data(const char *rel)
{
  static char path[4096];
  const char *root = getenv("AO_TESTDATA");
  snprintf(path, sizeof(path), "%s/%s", root ? root : "testdata", rel);
  return path;
}

const char *ao_t_corpus(void)
{
  static char path[4096];
  const char *c = getenv("AO_CORPUS");
  snprintf(path, sizeof(path), "%s", c ? c : "../shared/corpus");
  struct stat st;
  return !stat(path, &st) && S_ISDIR(st.st_mode) ? path : NULL;
}

unsigned char *ao_t_read(const char *path, size_t *len)
{
  FILE *f = fopen(path, "rb");
  if(!f)
    return NULL;
  size_t cap = 4096, n = 0;
  unsigned char *p = malloc(cap + AO_PAD + 1);
  for(;;) {
    if(!p)
      break;
    size_t r = fread(p + n, 1, cap - n, f);
    n += r;
    if(r == 0)
      break;
    if(n == cap) {
      cap *= 2;
      unsigned char *q = realloc(p, cap + AO_PAD + 1);
      if(!q) {
        free(p);
        p = NULL;
      }
      else
        p = q;
    }
  }
  fclose(f);
  if(p) {
    memset(p + n, 0, AO_PAD + 1);
    *len = n;
  }
  return p;
}

static int by_name(const void *a, const void *b)
{
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Runs one test in a child; returns 0 pass, 1 fail, 2 skipped. */
static int run_one(size_t i, unsigned timeout)
{
  fflush(stdout);
  fflush(stderr);
  pid_t pid = fork();
  if(pid < 0)
    return 1;
  if(pid == 0) {
    alarm(timeout);
    struct ao_t t = { tests[i].name, 0, 0, 0 };
    tests[i].fn(&t);
    fflush(stderr);
    _exit(t.fails ? 1 : t.skipped ? 2 : 0);
  }
  int st = 0;
  while(waitpid(pid, &st, 0) < 0)
    ;
  if(WIFSIGNALED(st)) {
    fprintf(stderr, "  %s: killed by signal %d%s\n", tests[i].name,
            WTERMSIG(st), WTERMSIG(st) == SIGALRM ? " (time limit)" : "");
    return 1;
  }
  return WIFEXITED(st) ? WEXITSTATUS(st) : 1;
}

int main(int argc, char **argv)
{
  const char *filter = argc > 1 ? argv[1] : NULL;
  const char *tl = getenv("AO_TEST_TIMEOUT");
  unsigned timeout = tl ? (unsigned)atoi(tl) : 120;
  qsort(tests, ntests, sizeof(*tests), by_name);
  unsigned passed = 0, failed = 0, skipped = 0;
  for(size_t i = 0; i < ntests; i++) {
    if(filter && !strstr(tests[i].name, filter))
      continue;
    int r = run_one(i, timeout);
    if(r == 0) {
      passed++;
      printf("ok   %s\n", tests[i].name);
    }
    else if(r == 2) {
      skipped++;
      printf("skip %s\n", tests[i].name);
    }
    else {
      failed++;
      printf("FAIL %s\n", tests[i].name);
    }
  }
  printf("unit: %u passed, %u failed, %u skipped\n", passed, failed, skipped);
  return failed ? 1 : 0;
}
