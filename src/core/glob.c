/* Glob matching with '**', classes and '{a,b}' alternatives. Recursive on
 * '*' and alternatives; patterns come from configuration, so they are short. */
#include <assetopt/glob.h>

#include <string.h>

static int match(const char *p, const char *pe, const char *s, int depth);

/* Matches a class at p (just after '['); sets *end past ']'. Returns -1 when
 * the class is not closed (then '[' is literal). */
static int class_match(const char *p, const char *pe, char c, const char **end)
{
  int neg = 0, ok = 0;
  if(p < pe && (*p == '!' || *p == '^')) {
    neg = 1;
    p++;
  }
  const char *start = p;
  while(p < pe && (*p != ']' || p == start)) {
    if(p + 2 < pe && p[1] == '-' && p[2] != ']') {
      if(c >= p[0] && c <= p[2])
        ok = 1;
      p += 3;
    }
    else {
      if(*p == c)
        ok = 1;
      p++;
    }
  }
  if(p >= pe)
    return -1;
  *end = p + 1;
  return ok != neg;
}

/* Tries each alternative of the '{…}' group at p. */
static int match_alts(const char *p, const char *pe, const char *s, int depth)
{
  const char *close = p + 1;
  int level = 0;
  for(; close < pe; close++) {
    if(*close == '{')
      level++;
    else if(*close == '}' && level-- == 0)
      break;
  }
  if(close >= pe)
    return -1; /* unbalanced: literal '{' */
  const char *alt = p + 1;
  level = 0;
  for(const char *q = p + 1; q <= close; q++) {
    if(*q == '{')
      level++;
    else if(*q == '}' && level > 0)
      level--;
    else if((*q == ',' && level == 0) || q == close) {
      /* pattern = alt + rest: build it on the stack */
      size_t alen = (size_t)(q - alt), rlen = (size_t)(pe - close - 1);
      char tmp[1024];
      if(alen + rlen >= sizeof(tmp))
        return 0;
      memcpy(tmp, alt, alen);
      memcpy(tmp + alen, close + 1, rlen);
      if(match(tmp, tmp + alen + rlen, s, depth + 1))
        return 1;
      alt = q + 1;
    }
  }
  return 0;
}

static int match(const char *p, const char *pe, const char *s, int depth)
{
  if(depth > 64)
    return 0;
  while(p < pe) {
    switch(*p) {
    case '*':
      if(p + 1 < pe && p[1] == '*') {
        /* "**" + "/": zero or more whole segments; "**" alone: anything */
        const char *rest = p + 2;
        if(rest < pe && *rest == '/') {
          rest++;
          for(const char *t = s;; t++) {
            if((t == s || t[-1] == '/') && match(rest, pe, t, depth + 1))
              return 1;
            if(!*t)
              return 0;
          }
        }
        for(const char *t = s;; t++) {
          if(match(rest, pe, t, depth + 1))
            return 1;
          if(!*t)
            return 0;
        }
      }
      p++;
      for(const char *t = s;; t++) {
        if(match(p, pe, t, depth + 1))
          return 1;
        if(!*t || *t == '/')
          return 0;
      }
    case '?':
      if(!*s || *s == '/')
        return 0;
      p++;
      s++;
      break;
    case '[': {
      const char *end;
      int r = *s && *s != '/' ? class_match(p + 1, pe, *s, &end) : 0;
      if(r < 0) {
        if(*s != '[')
          return 0;
        p++;
        s++;
        break;
      }
      if(!r)
        return 0;
      p = end;
      s++;
      break;
    }
    case '{': {
      int r = match_alts(p, pe, s, depth);
      if(r >= 0)
        return r;
      if(*s != '{')
        return 0;
      p++;
      s++;
      break;
    }
    case '\\':
      if(p + 1 < pe)
        p++;
      /* fall through */
    default:
      if(*p != *s)
        return 0;
      p++;
      s++;
    }
  }
  return *s == '\0';
}

int ao_glob_match(const char *pattern, const char *path)
{
  const char *pe = pattern + strlen(pattern);
  if(*pattern == '/')
    return match(pattern + 1, pe, path, 0);
  if(!strchr(pattern, '/')) {
    const char *slash = strrchr(path, '/');
    return match(pattern, pe, slash ? slash + 1 : path, 0);
  }
  return match(pattern, pe, path, 0);
}
