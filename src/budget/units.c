/* Measures, sizes as users write them, Lighthouse resource types, globs. */
#include <assetopt/budget.h>

#include <string.h>

const char *ao_measure_name(ao_measure m)
{
  switch(m) {
  case AO_MEASURE_RAW: return "raw";
  case AO_MEASURE_GZIP: return "gzip";
  case AO_MEASURE_BROTLI: return "brotli";
  }
  return "gzip";
}

int ao_measure_from_name(const char *s, ao_measure *m)
{
  if(!strcmp(s, "raw") || !strcmp(s, "none"))
    *m = AO_MEASURE_RAW;
  else if(!strcmp(s, "gzip") || !strcmp(s, "gz"))
    *m = AO_MEASURE_GZIP;
  else if(!strcmp(s, "brotli") || !strcmp(s, "br"))
    *m = AO_MEASURE_BROTLI;
  else
    return -1;
  return 0;
}

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

static const char *const rtype_names[] = {
#define AO_X_RT(id, name) name,
  AO_RTYPE_LIST(AO_X_RT)
#undef AO_X_RT
};

const char *ao_rtype_name(ao_rtype t)
{
  return (unsigned)t < AO_RT_COUNT ? rtype_names[t] : "other";
}

int ao_rtype_from_name(const char *s, ao_rtype *t)
{
  for(unsigned i = 0; i < AO_RT_COUNT; i++)
    if(!strcmp(s, rtype_names[i])) {
      *t = (ao_rtype)i;
      return 0;
    }
  if(!strcmp(s, "js")) {
    *t = AO_RT_SCRIPT;
    return 0;
  }
  if(!strcmp(s, "css")) {
    *t = AO_RT_STYLESHEET;
    return 0;
  }
  return -1;
}

ao_rtype ao_rtype_of_kind(ao_kind k)
{
  switch(k) {
  case AO_KIND_JS: case AO_KIND_WASM:
    return AO_RT_SCRIPT;
  case AO_KIND_CSS:
    return AO_RT_STYLESHEET;
  case AO_KIND_PNG: case AO_KIND_JPEG: case AO_KIND_GIF: case AO_KIND_WEBP:
  case AO_KIND_AVIF: case AO_KIND_BMP: case AO_KIND_TIFF: case AO_KIND_SVG:
  case AO_KIND_ICO:
    return AO_RT_IMAGE;
  case AO_KIND_WOFF2: case AO_KIND_WOFF: case AO_KIND_TTF: case AO_KIND_OTF:
  case AO_KIND_EOT:
    return AO_RT_FONT;
  case AO_KIND_HTML:
    return AO_RT_DOCUMENT;
  case AO_KIND_MEDIA:
    return AO_RT_MEDIA;
  default:
    return AO_RT_OTHER;
  }
}

/* [class] at p (after '['); sets *end past ']' and returns whether c is in
 * it; -1 when the class is not closed (then '[' is a literal). */
static int class_match(const char *p, char c, const char **end)
{
  int neg = 0, hit = 0;
  if(*p == '!' || *p == '^') {
    neg = 1;
    p++;
  }
  const char *start = p;
  while(*p && (*p != ']' || p == start)) {
    if(p[1] == '-' && p[2] && p[2] != ']') {
      if(c >= p[0] && c <= p[2])
        hit = 1;
      p += 3;
    }
    else {
      if(*p == c)
        hit = 1;
      p++;
    }
  }
  if(*p != ']')
    return -1;
  *end = p + 1;
  return hit != neg;
}

static int glob_rec(const char *p, const char *s, int depth)
{
  if(depth > 64)
    return 0;
  while(*p) {
    if(p[0] == '*' && p[1] == '*') {
      const char *rest = p + 2;
      if(*rest == '/') {
        /* "**" + "/": zero or more whole folders */
        if(glob_rec(rest + 1, s, depth + 1))
          return 1;
        for(const char *q = s; *q; q++)
          if(*q == '/' && glob_rec(rest + 1, q + 1, depth + 1))
            return 1;
        return 0;
      }
      for(const char *q = s;; q++) {
        if(glob_rec(rest, q, depth + 1))
          return 1;
        if(!*q)
          return 0;
      }
    }
    if(*p == '*') {
      for(const char *q = s;; q++) {
        if(glob_rec(p + 1, q, depth + 1))
          return 1;
        if(!*q || *q == '/')
          return 0;
      }
    }
    if(!*s)
      return 0;
    if(*p == '?') {
      if(*s == '/')
        return 0;
    }
    else if(*p == '[') {
      const char *end;
      int m = *s == '/' ? 0 : class_match(p + 1, *s, &end);
      if(m == 0)
        return 0;
      if(m == 1) {
        p = end;
        s++;
        continue;
      }
      if(*s != '[')
        return 0;
    }
    else if(*p == '\\' && p[1]) {
      p++;
      if(*p != *s)
        return 0;
    }
    else if(*p != *s) {
      return 0;
    }
    p++;
    s++;
  }
  return !*s;
}

int ao_budget_glob_match(const char *pattern, const char *path)
{
  if(*pattern == '/')
    pattern++;
  if(!strchr(pattern, '/')) {
    const char *slash = strrchr(path, '/');
    if(slash)
      path = slash + 1;
  }
  return glob_rec(pattern, path, 0);
}
