/* Benchmark driver for bench_js*.sh: minifies IN in-process ROUNDS times
 * at LEVEL, after untimed rounds for at least WARMUP_S seconds (so that a
 * core that was idle has its clock up, as the peers' longer runs have),
 * writes the result to OUT and prints the best seconds per round.
 * Usage: js_driver IN OUT ROUNDS whitespace|all */
#include <assetopt/js.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define WARMUP_S 0.2

static double now(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
  if(argc != 5)
    return 2;
  FILE *f = fopen(argv[1], "rb");
  if(!f)
    return 2;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  unsigned char *src = calloc((size_t)n + AO_PAD, 1);
  if(!src || fread(src, 1, (size_t)n, f) != (size_t)n)
    return 2;
  fclose(f);
  size_t nl = strlen(argv[1]);
  ao_js_opts o;
  ao_js_opts_init(&o);
  o.keep_source_map_url = 0;   /* the peers' transforms drop it too */
  if(!strcmp(argv[4], "all")) {
    o.level = AO_JS_MIN_ALL;
    o.module = nl > 4 && !strcmp(argv[1] + nl - 4, ".mjs") ? 1 : -1;
  }
  else if(strcmp(argv[4], "whitespace"))
    return 2;
  int rounds = atoi(argv[3]);
  ao_buf out = AO_BUF_INIT(0);
  double best = 1e9, t0 = now();
  do {   /* warm-up: at least one round */
    ao_buf_reset(&out);
    if(ao_js_minify(src, (size_t)n, &o, &out, NULL))
      return 3;
  } while(now() - t0 < WARMUP_S);
  for(int r = 0; r < rounds; r++) {
    ao_buf_reset(&out);
    double a = now();
    if(ao_js_minify(src, (size_t)n, &o, &out, NULL))
      return 3;
    double t = now() - a;
    if(t < best)
      best = t;
  }
  FILE *g = fopen(argv[2], "wb");
  if(!g || fwrite(out.data, 1, out.len, g) != out.len || fclose(g))
    return 2;
  printf("%.6f\n", best);
  ao_buf_free(&out);
  free(src);
  return 0;
}
