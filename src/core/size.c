/* Sizes as users write them: "500 KB", "1.5 MiB", "2048". Exact decimal
 * arithmetic, so "0.1 MB" is 100000 bytes, not 99999. */
#include <assetopt/core.h>

#include <string.h>

static int lower(int c)
{
  return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int is_space(char c)
{
  return c == ' ' || c == '\t';
}

int ao_size_parse(const char *s, uint64_t *bytes, const char **why)
{
  const char *p = s;
  while(is_space(*p))
    p++;
  /* number: digits, optional fraction (exact arithmetic in millionths) */
  uint64_t whole = 0, frac = 0, scale = 1;
  int digits = 0;
  while(*p >= '0' && *p <= '9') {
    if(whole > (UINT64_MAX - 9) / 10) {
      *why = "number too large";
      return -1;
    }
    whole = whole * 10 + (uint64_t)(*p++ - '0');
    digits++;
  }
  if(*p == '.') {
    p++;
    while(*p >= '0' && *p <= '9') {
      if(scale < 1000000) {
        frac = frac * 10 + (uint64_t)(*p - '0');
        scale *= 10;
      }
      p++;
      digits++;
    }
  }
  if(!digits) {
    *why = *s == '-' ? "a size cannot be negative"
                     : "expected a number followed by a unit (B, KB, KiB, MB, MiB)";
    return -1;
  }
  while(is_space(*p))
    p++;
  char unit[8];
  size_t n = 0;
  while(*p && !is_space(*p) && n < sizeof(unit) - 1)
    unit[n++] = (char)lower((unsigned char)*p++);
  unit[n] = 0;
  while(is_space(*p))
    p++;
  if(*p) {
    *why = "unexpected text after the unit";
    return -1;
  }
  static const struct { const char *name; uint64_t mult; } units[] = {
    { "", 1 }, { "b", 1 }, { "byte", 1 }, { "bytes", 1 },
    { "k", 1000 }, { "kb", 1000 }, { "kib", 1024 },
    { "m", 1000000 }, { "mb", 1000000 }, { "mib", 1048576 },
    { "g", 1000000000 }, { "gb", 1000000000 }, { "gib", 1073741824 },
  };
  for(size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
    if(strcmp(unit, units[i].name))
      continue;
    uint64_t mult = units[i].mult;
    if(whole && mult > UINT64_MAX / whole) {
      *why = "size too large";
      return -1;
    }
    /* frac/scale of mult, rounded to the nearest byte */
    *bytes = whole * mult + (frac * mult + scale / 2) / scale;
    return 0;
  }
  *why = "unknown unit (use B, KB, kB, KiB, MB, MiB, GB or GiB)";
  return -1;
}

