/* Glob matching with '**', classes and '{a,b}' alternatives. Alternatives
 * are expanded first (a bounded number); each plain pattern is then matched
 * by a table over (pattern position, path position), so the time is
 * O(pattern × path) whatever the pattern: no exponential backtracking on
 * inputs such as "*a*a*a*a*b". */
#include <assetopt/glob.h>

#include <string.h>

#define MAX_ALTS 256
#define MAX_PATTERN 1024

/* [class] at p (after '['): sets *end past ']' and returns whether c is in
 * it; -1 when the class is not closed (then '[' is a literal). */
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

/* Matches the brace-free pattern p[0, pn) against s[0, sn). dp[i][j]: the
 * pattern from i matches the path from j; filled from the ends backwards. */
static int match_plain(const char *p, size_t pn, const char *s, size_t sn)
{
  size_t w = sn + 1;
  unsigned char *dp = ao_malloc((pn + 1) * w);
  size_t *next_slash = ao_malloc(w * sizeof(size_t));
  if(!dp || !next_slash) {
    ao_free(dp);
    ao_free(next_slash);
    return 0;
  }
  next_slash[sn] = sn;
  for(size_t j = sn; j-- > 0;)
    next_slash[j] = s[j] == '/' ? j : next_slash[j + 1];
  for(size_t j = 0; j <= sn; j++)
    dp[pn * w + j] = j == sn;
  for(size_t i = pn; i-- > 0;) {
    unsigned char *row = dp + i * w;
    char c = p[i];
    int dstar = c == '*' && i + 1 < pn && p[i + 1] == '*';
    /* a run of stars longer than two reads as "**" */
    size_t k = i;
    while(dstar && k < pn && p[k] == '*')
      k++;
    int slash_after = dstar && k < pn && p[k] == '/';
    for(size_t j = sn + 1; j-- > 0;) {
      int m = 0;
      if(dstar && slash_after) {
        /* zero or more whole segments */
        m = dp[(k + 1) * w + j];
        if(!m && j < sn && next_slash[j] < sn)
          m = row[next_slash[j] + 1];
      }
      else if(dstar) {
        m = dp[k * w + j] || (j < sn && row[j + 1]);
      }
      else if(c == '*') {
        m = dp[(i + 1) * w + j] || (j < sn && s[j] != '/' && row[j + 1]);
      }
      else if(j == sn) {
        m = 0;
      }
      else if(c == '?') {
        m = s[j] != '/' && dp[(i + 1) * w + j + 1];
      }
      else if(c == '[') {
        const char *end;
        int r = s[j] == '/' ? 0 : class_match(p + i + 1, p + pn, s[j], &end);
        if(r < 0)
          m = s[j] == '[' && dp[(i + 1) * w + j + 1];
        else
          m = r && dp[(size_t)(end - p) * w + j + 1];
      }
      else if(c == '\\' && i + 1 < pn) {
        m = s[j] == p[i + 1] && dp[(i + 2) * w + j + 1];
      }
      else {
        m = s[j] == c && dp[(i + 1) * w + j + 1];
      }
      row[j] = (unsigned char)m;
    }
  }
  int r = dp[0];
  ao_free(dp);
  ao_free(next_slash);
  return r;
}

struct alts {
  char buf[MAX_ALTS][MAX_PATTERN];
  size_t len[MAX_ALTS];
  size_t n;
  int overflow;
};

/* Appends to a every expansion of prefix + p[0, pe). */
static void expand(struct alts *a, const char *prefix, size_t plen,
                   const char *p, const char *pe, int depth)
{
  if(a->overflow || depth > 16)
    return;
  const char *open = NULL;
  for(const char *q = p; q < pe; q++) {
    if(*q == '\\' && q + 1 < pe) {
      q++;
      continue;
    }
    if(*q == '{') {
      open = q;
      break;
    }
  }
  const char *close = NULL;
  if(open) {
    int level = 0;
    for(const char *q = open + 1; q < pe; q++) {
      if(*q == '\\' && q + 1 < pe)
        q++;
      else if(*q == '{')
        level++;
      else if(*q == '}' && level-- == 0) {
        close = q;
        break;
      }
    }
  }
  if(!close) { /* no (balanced) group: one plain pattern */
    if(a->n == MAX_ALTS || plen + (size_t)(pe - p) >= MAX_PATTERN) {
      a->overflow = 1;
      return;
    }
    memcpy(a->buf[a->n], prefix, plen);
    memcpy(a->buf[a->n] + plen, p, (size_t)(pe - p));
    a->len[a->n++] = plen + (size_t)(pe - p);
    return;
  }
  /* prefix + text before the group + each alternative + the rest */
  char head[MAX_PATTERN];
  size_t hl = plen + (size_t)(open - p);
  if(hl >= MAX_PATTERN) {
    a->overflow = 1;
    return;
  }
  memcpy(head, prefix, plen);
  memcpy(head + plen, p, (size_t)(open - p));
  const char *alt = open + 1;
  int level = 0;
  for(const char *q = open + 1; q <= close; q++) {
    if(q < close && *q == '\\' && q + 1 < close) {
      q++;
      continue;
    }
    if(*q == '{')
      level++;
    else if(*q == '}' && q < close)
      level--;
    else if((*q == ',' && level == 0) || q == close) {
      /* head + alt + rest, re-expanded for nested and later groups */
      char tmp[MAX_PATTERN];
      size_t al = (size_t)(q - alt), rl = (size_t)(pe - close - 1);
      if(al + rl >= MAX_PATTERN) {
        a->overflow = 1;
        return;
      }
      memcpy(tmp, alt, al);
      memcpy(tmp + al, close + 1, rl);
      expand(a, head, hl, tmp, tmp + al + rl, depth + 1);
      alt = q + 1;
    }
  }
}

int ao_glob_match(const char *pattern, const char *path)
{
  if(*pattern == '/')
    pattern++;
  else if(!strchr(pattern, '/')) {
    const char *slash = strrchr(path, '/');
    if(slash)
      path = slash + 1;
  }
  size_t pn = strlen(pattern);
  if(pn >= MAX_PATTERN)
    return 0;
  if(!memchr(pattern, '{', pn))
    return match_plain(pattern, pn, path, strlen(path));
  struct alts *a = ao_malloc(sizeof(*a));
  if(!a)
    return 0;
  a->n = 0;
  a->overflow = 0;
  expand(a, "", 0, pattern, pattern + pn, 0);
  int r = 0;
  for(size_t i = 0; i < a->n && !r; i++)
    r = match_plain(a->buf[i], a->len[i], path, strlen(path));
  ao_free(a);
  return r;
}
