/* Runs a fuzz target over committed inputs, without libFuzzer, so `make test`
 * replays every corpus: `replay DIR_OR_FILE...`. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
  FILE *f = fopen(path, "rb");
  if(!f) {
    fprintf(stderr, "replay: cannot open %s\n", path);
    return 1;
  }
  size_t cap = 4096, n = 0;
  uint8_t *p = malloc(cap);
  for(;;) {
    if(!p) {
      fclose(f);
      return 1;
    }
    size_t r = fread(p + n, 1, cap - n, f);
    n += r;
    if(!r)
      break;
    if(n == cap)
      p = realloc(p, cap *= 2);
  }
  fclose(f);
  /* an exact-size copy, so ASan sees reads past the end */
  uint8_t *exact = malloc(n ? n : 1);
  if(exact && n)
    memcpy(exact, p, n);
  free(p);
  if(!exact)
    return 1;
  LLVMFuzzerTestOneInput(exact, n);
  free(exact);
  return 0;
}

static int cmp(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
  unsigned count = 0, errors = 0;
  for(int i = 1; i < argc; i++) {
    struct stat st;
    if(stat(argv[i], &st)) {
      fprintf(stderr, "replay: %s: not found\n", argv[i]);
      errors++;
      continue;
    }
    if(!S_ISDIR(st.st_mode)) {
      errors += run_file(argv[i]);
      count++;
      continue;
    }
    DIR *d = opendir(argv[i]);
    char **names = NULL;
    size_t n = 0;
    struct dirent *e;
    while(d && (e = readdir(d))) {
      if(e->d_name[0] == '.')
        continue;
      names = realloc(names, (n + 1) * sizeof(*names));
      names[n++] = strdup(e->d_name);
    }
    if(d)
      closedir(d);
    if(n)
      qsort(names, n, sizeof(*names), cmp);
    for(size_t j = 0; j < n; j++) {
      size_t len = strlen(argv[i]) + strlen(names[j]) + 2;
      char *path = malloc(len);
      snprintf(path, len, "%s/%s", argv[i], names[j]);
      errors += run_file(path);
      count++;
      free(path);
      free(names[j]);
    }
    free(names);
  }
  printf("replayed %u inputs, %u errors\n", count, errors);
  return errors ? 1 : 0;
}
