/* SVG attribute values without wasted bytes: numbers written in their
 * shortest exact form (never rounded), separators only where two numbers
 * would otherwise merge, path commands implied where the grammar repeats
 * them. Anything outside the grammar is left as written. */
#include "svg_int.h"

#include <stdint.h>
#include <string.h>

static int is_digit(unsigned char c)
{
  return c >= '0' && c <= '9';
}

static int is_ws(unsigned char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static void rollback(ao_buf *o, size_t len)
{
  if(o->data && o->len > len)
    memset(o->data + len, 0, o->len - len);
  o->len = len;
}

/* The end of a number starting at p ([+-] digits [. digits] [e [+-] digits]),
 * or p when there is none. */
static size_t scan_number(const unsigned char *s, size_t p, size_t end)
{
  size_t q = p, digits = 0;
  if(q < end && (s[q] == '+' || s[q] == '-'))
    q++;
  while(q < end && is_digit(s[q])) {
    q++;
    digits++;
  }
  if(q < end && s[q] == '.' && q + 1 < end && is_digit(s[q + 1])) {
    q++;
    while(q < end && is_digit(s[q])) {
      q++;
      digits++;
    }
  }
  if(!digits)
    return p;
  if(q < end && (s[q] == 'e' || s[q] == 'E')) {
    size_t e = q + 1;
    if(e < end && (s[e] == '+' || s[e] == '-'))
      e++;
    if(e < end && is_digit(s[e])) {
      while(e < end && is_digit(s[e]))
        e++;
      q = e;
    }
  }
  return q;
}

/* Writer state: what the last thing written was, so two numbers get a
 * separator only when they would merge. */
enum { W_NONE, W_INT, W_FRAC };

typedef struct wr {
  ao_buf *o;
  int last;
  int sep;   /* 0: only where numbers would merge (path data, transforms);
                1: always (lists some browsers split on spaces and commas);
                2: always, except before '-' (x-y within a point) */
} wr;

/* Writes the shortest exact spelling of the number s[a, b). */
static void put_number(wr *w, const unsigned char *s, size_t a, size_t b)
{
  size_t p = a;
  int neg = 0;
  if(s[p] == '+' || s[p] == '-')
    neg = s[p++] == '-';
  size_t i0 = p;
  while(p < b && is_digit(s[p]))
    p++;
  size_t i1 = p, f0 = p, f1 = p;
  if(p < b && s[p] == '.') {
    f0 = ++p;
    while(p < b && is_digit(s[p]))
      p++;
    f1 = p;
  }
  size_t e0 = p, e1 = p;
  int eneg = 0;
  if(p < b && (s[p] == 'e' || s[p] == 'E')) {
    p++;
    if(s[p] == '+' || s[p] == '-')
      eneg = s[p++] == '-';
    e0 = p;
    e1 = b;
  }
  while(i0 < i1 && s[i0] == '0')
    i0++;
  while(f1 > f0 && s[f1 - 1] == '0')
    f1--;
  while(e0 < e1 && s[e0] == '0')
    e0++;
  char first;
  int zero = i0 == i1 && f0 == f1;
  if(zero) {
    first = '0';
  }
  else
    first = neg ? '-' : i0 < i1 ? (char)s[i0] : '.';
  /* a separator unless the number cannot run into the previous one */
  if(w->last != W_NONE) {
    int need = w->sep == 1   ? 1
               : w->sep == 2 ? first != '-'
                             : first != '-' && !(first == '.' && w->last == W_FRAC);
    if(need)
      ao_buf_putc(w->o, ' ');
  }
  if(zero) {
    ao_buf_putc(w->o, '0');
    w->last = W_INT;
    return;
  }
  if(neg)
    ao_buf_putc(w->o, '-');
  ao_buf_append(w->o, s + i0, i1 - i0);
  w->last = W_INT;
  if(f1 > f0) {
    ao_buf_putc(w->o, '.');
    ao_buf_append(w->o, s + f0, f1 - f0);
    w->last = W_FRAC;
  }
  if(e1 > e0) {
    ao_buf_putc(w->o, 'e');
    if(eneg)
      ao_buf_putc(w->o, '-');
    ao_buf_append(w->o, s + e0, e1 - e0);
    w->last = W_FRAC;
  }
}

/* comma-wsp: spaces, at most one comma, spaces. Returns the new position;
 * *commas counts the commas. */
static size_t skip_sep(const unsigned char *s, size_t p, size_t end, int *comma)
{
  *comma = 0;
  while(p < end && is_ws(s[p]))
    p++;
  if(p < end && s[p] == ',') {
    *comma = 1;
    p++;
    while(p < end && is_ws(s[p]))
      p++;
  }
  return p;
}

static int path_args(unsigned char c)
{
  switch(c | 0x20) {
  case 'm': case 'l': case 't': return 2;
  case 'h': case 'v': return 1;
  case 'c': return 6;
  case 's': case 'q': return 4;
  case 'a': return 7;
  default: return 0;
  }
}

static int path_plain(const unsigned char *s, size_t n, ao_buf *o)
{
  size_t start = o->len, p = 0;
  wr w = { o, W_NONE, 0 };
  unsigned char implied = 0; /* the command a bare group continues */
  int comma;
  while(p < n && is_ws(s[p]))
    p++;
  if(p >= n || (s[p] | 0x20) != 'm')
    goto bad;
  while(p < n) {
    unsigned char cmd = s[p];
    int args = path_args(cmd);
    if(!args && (cmd | 0x20) != 'z')
      goto bad;
    p++;
    if(!args) {
      ao_buf_putc(o, cmd);
      w.last = W_NONE;
      implied = 0;
      p = skip_sep(s, p, n, &comma);
      if(comma)
        goto bad;
      continue;
    }
    while(p < n && is_ws(s[p]))
      p++;
    int group = 0;
    for(;;) {
      /* one group of arguments */
      unsigned char eff = cmd;
      if(group && (cmd | 0x20) == 'm')
        eff = cmd == 'M' ? 'L' : 'l';
      if(eff != implied) {
        ao_buf_putc(o, eff);
        w.last = W_NONE;
      }
      implied = eff == 'M' ? 'L' : eff == 'm' ? 'l' : eff;
      for(int i = 0; i < args; i++) {
        if(i) {
          p = skip_sep(s, p, n, &comma);
        }
        if(p >= n)
          goto bad;
        if((cmd | 0x20) == 'a' && (i == 3 || i == 4)) {
          if(s[p] != '0' && s[p] != '1')
            goto bad;
          put_number(&w, s, p, p + 1);
          p++;
          continue;
        }
        size_t e = scan_number(s, p, n);
        if(e == p)
          goto bad;
        put_number(&w, s, p, e);
        p = e;
      }
      group++;
      size_t q = skip_sep(s, p, n, &comma);
      if(q < n && (is_digit(s[q]) || s[q] == '-' || s[q] == '+' || s[q] == '.')) {
        p = q;
        continue;
      }
      if(comma)
        goto bad;
      p = q;
      break;
    }
  }
  if(o->err)
    goto bad;
  return 1;
bad:
  rollback(o, start);
  return 0;
}

/* ---- path data in exact decimal arithmetic ---------------------------------
 * Every number of the path becomes an integer count of 10^-k (k: the most
 * fraction digits any number has), so current points are tracked exactly and
 * each segment can be written absolute or relative, and a line along an axis
 * as H/V, whichever is shorter. Paths with exponents or too many digits use
 * the plain rewriter. */

#define EX_MAX_DIGITS 13
#define EX_MAX_SEGS 200000

typedef struct seg {
  unsigned char cmd;  /* absolute: M L H V C S Q T A Z */
  unsigned char n;    /* numbers in v */
  unsigned char rel;  /* written relative in the source */
  int64_t v[7];       /* absolute coordinates, scaled */
} seg;

static const int64_t pow10s[] = { 1, 10, 100, 1000, 10000, 100000, 1000000,
                                  10000000, 100000000, 1000000000,
                                  10000000000, 100000000000, 1000000000000,
                                  10000000000000 };

/* Fraction digits of the number s[a, b); -1 when it has an exponent or too
 * many digits. */
static int frac_digits(const unsigned char *s, size_t a, size_t b, int *intd)
{
  size_t p = a;
  int fi = 0, id = 0, seen_dot = 0;
  if(s[p] == '+' || s[p] == '-')
    p++;
  while(p < b && s[p] == '0')
    p++;
  for(; p < b; p++) {
    if(s[p] == '.')
      seen_dot = 1;
    else if(s[p] == 'e' || s[p] == 'E')
      return -1;
    else if(seen_dot)
      fi++;
    else
      id++;
  }
  /* trailing zeros of the fraction do not count */
  for(size_t q = b; fi && q > a && s[q - 1] == '0'; q--)
    fi--;
  *intd = id;
  return fi;
}

static int64_t scaled(const unsigned char *s, size_t a, size_t b, int k)
{
  size_t p = a;
  int neg = 0, fd = 0, seen_dot = 0;
  int64_t v = 0;
  if(s[p] == '+' || s[p] == '-')
    neg = s[p++] == '-';
  for(; p < b; p++) {
    if(s[p] == '.') {
      seen_dot = 1;
      continue;
    }
    if(seen_dot) {
      if(fd == k)
        continue; /* a trailing zero past k */
      fd++;
    }
    v = v * 10 + (s[p] - '0');
  }
  v *= pow10s[k - fd];
  return neg ? -v : v;
}

/* Writes v (scaled by 10^k) as its shortest decimal into buf; returns the
 * length. */
static size_t fmt_scaled(int64_t v, int k, char *buf)
{
  char tmp[32];
  size_t n = 0;
  uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
  uint64_t ip = u / (uint64_t)pow10s[k], fp = u % (uint64_t)pow10s[k];
  if(v < 0)
    buf[n++] = '-';
  size_t t = 0;
  do {
    tmp[t++] = (char)('0' + ip % 10);
    ip /= 10;
  } while(ip);
  while(t)
    buf[n++] = tmp[--t];
  if(fp) {
    int d = k;
    while(fp % 10 == 0) {
      fp /= 10;
      d--;
    }
    buf[n++] = '.';
    for(int i = d - 1; i >= 0; i--)
      buf[n + (size_t)i] = (char)('0' + fp % 10), fp /= 10;
    n += (size_t)d;
  }
  return n;
}

static void put_scaled(wr *w, int64_t v, int k)
{
  char buf[48];
  size_t n = fmt_scaled(v, k, buf);
  put_number(w, (const unsigned char *)buf, 0, n);
}

/* Parses the path into absolute segments. 0: not in the grammar or not
 * representable (the caller falls back). */
static int parse_exact(const unsigned char *s, size_t n, int k, seg *segs,
                       size_t cap, size_t *nseg)
{
  size_t p = 0, ns = 0;
  int64_t cx = 0, cy = 0, sx = 0, sy = 0;
  int comma;
  while(p < n && is_ws(s[p]))
    p++;
  if(p >= n || (s[p] | 0x20) != 'm')
    return 0;
  while(p < n) {
    unsigned char cmd = s[p];
    int args = path_args(cmd);
    if(!args && (cmd | 0x20) != 'z')
      return 0;
    p++;
    if(!args) {
      if(ns == cap) /* segs holds cap segments */
        return 0;
      segs[ns++] = (seg){ .cmd = 'Z' };
      cx = sx;
      cy = sy;
      p = skip_sep(s, p, n, &comma);
      if(comma)
        return 0;
      continue;
    }
    while(p < n && is_ws(s[p]))
      p++;
    int group = 0;
    for(;;) {
      unsigned char c = cmd;
      if(group && (cmd | 0x20) == 'm')
        c = cmd == 'M' ? 'L' : 'l';
      int rel = c >= 'a';
      seg g = { .cmd = (unsigned char)(c & ~0x20), .n = (unsigned char)args,
                .rel = (unsigned char)rel };
      for(int i = 0; i < args; i++) {
        if(i)
          p = skip_sep(s, p, n, &comma);
        if(p >= n)
          return 0;
        if(g.cmd == 'A' && (i == 3 || i == 4)) {
          if(s[p] != '0' && s[p] != '1')
            return 0;
          g.v[i] = (s[p] - '0') * pow10s[k]; /* printed like the rest */
          p++;
          continue;
        }
        size_t e = scan_number(s, p, n);
        if(e == p)
          return 0;
        g.v[i] = scaled(s, p, e, k);
        p = e;
      }
      /* to absolute; the current point moves */
      switch(g.cmd) {
      case 'H':
        if(rel)
          g.v[0] += cx;
        cx = g.v[0];
        break;
      case 'V':
        if(rel)
          g.v[0] += cy;
        cy = g.v[0];
        break;
      case 'A':
        if(rel) {
          g.v[5] += cx;
          g.v[6] += cy;
        }
        cx = g.v[5];
        cy = g.v[6];
        break;
      default:
        if(rel)
          for(int i = 0; i < args; i += 2) {
            g.v[i] += cx;
            g.v[i + 1] += cy;
          }
        cx = g.v[args - 2];
        cy = g.v[args - 1];
        break;
      }
      if(g.cmd == 'M') {
        sx = cx;
        sy = cy;
      }
      if(ns == cap) /* segs holds cap segments */
        return 0;
      segs[ns++] = g;
      group++;
      size_t q = skip_sep(s, p, n, &comma);
      if(q < n && (is_digit(s[q]) || s[q] == '-' || s[q] == '+' || s[q] == '.')) {
        p = q;
        continue;
      }
      if(comma)
        return 0;
      p = q;
      break;
    }
  }
  *nseg = ns;
  return 1;
}

/* One way of writing a segment: the letter (unless implied) then numbers. */
static void write_form(wr *w, unsigned char letter, unsigned char implied,
                       const int64_t *v, int nv, int k)
{
  if(letter != implied) {
    ao_buf_putc(w->o, letter);
    w->last = W_NONE;
  }
  for(int i = 0; i < nv; i++)
    put_scaled(w, v[i], k);
}

static unsigned char implied_after(unsigned char letter)
{
  return letter == 'M' ? 'L' : letter == 'm' ? 'l' : letter == 'z' ? 0 : letter;
}

static int path_exact(const unsigned char *s, size_t n, ao_buf *o)
{
  /* the scale: the most fraction digits of any number */
  int k = 0, nums = 0;
  for(size_t p = 0; p < n;) {
    size_t e = scan_number(s, p, n);
    if(e == p) {
      p++;
      continue;
    }
    int id, fd = frac_digits(s, p, e, &id);
    if(fd < 0 || id + fd > EX_MAX_DIGITS)
      return 0;
    if(fd > k)
      k = fd;
    nums++;
    p = e;
  }
  if(!nums)
    return 0;
  /* any number may grow to k fraction digits */
  for(size_t p = 0; p < n;) {
    size_t e = scan_number(s, p, n);
    if(e == p) {
      p++;
      continue;
    }
    int id;
    frac_digits(s, p, e, &id);
    if(id + k > EX_MAX_DIGITS)
      return 0;
    p = e;
  }
  size_t cap = (size_t)nums + 1, ns = 0;
  if(cap > EX_MAX_SEGS)
    cap = EX_MAX_SEGS;
  seg *segs = ao_malloc(cap * sizeof(*segs));
  if(!segs)
    return 0;
  size_t start = o->len;
  int ok = parse_exact(s, n, k, segs, cap, &ns);
  ao_buf a = AO_BUF_INIT(0), b = AO_BUF_INIT(0);
  wr w = { o, W_NONE, 0 };
  unsigned char implied = 0;
  int64_t cx = 0, cy = 0, sx = 0, sy = 0;
  for(size_t i = 0; ok && i < ns; i++) {
    const seg *g = &segs[i];
    if(g->cmd == 'Z') {
      ao_buf_putc(o, 'z');
      w.last = W_NONE;
      implied = 0;
      cx = sx;
      cy = sy;
      continue;
    }
    unsigned char abs = g->cmd;
    int64_t av[7], rv[7];
    int nv = g->n;
    memcpy(av, g->v, sizeof(av));
    if(abs == 'L' && g->v[1] == cy && g->v[0] != cx) {
      abs = 'H';
      nv = 1;
    }
    else if(abs == 'L' && g->v[0] == cx && g->v[1] != cy) {
      abs = 'V';
      av[0] = g->v[1];
      nv = 1;
    }
    memcpy(rv, av, sizeof(rv));
    switch(abs) {
    case 'H': rv[0] -= cx; break;
    case 'V': rv[0] -= cy; break;
    case 'A': rv[5] -= cx; rv[6] -= cy; break;
    default:
      for(int j = 0; j < nv; j += 2) {
        rv[j] -= cx;
        rv[j + 1] -= cy;
      }
    }
    unsigned char rel = (unsigned char)(abs | 0x20);
    /* the first moveto is absolute either way: keep M */
    int first = i == 0;
    ao_buf_reset(&a);
    ao_buf_reset(&b);
    wr wa = { &a, w.last, 0 }, wb = { &b, w.last, 0 };
    write_form(&wa, abs, implied, av, nv, k);
    if(!first)
      write_form(&wb, rel, implied, rv, nv, k);
    int use_rel = !first && !b.err && b.len < a.len;
    if(!first && !b.err && b.len == a.len)
      use_rel = g->rel; /* a tie: as the source wrote it */
    const ao_buf *pick = use_rel ? &b : &a;
    ao_buf_append(o, pick->data, pick->len);
    w.last = use_rel ? wb.last : wa.last;
    implied = implied_after(use_rel ? rel : abs);
    if(abs == 'H')
      cx = av[0];
    else if(abs == 'V')
      cy = av[0];
    else {
      cx = g->v[g->n - 2];
      cy = g->v[g->n - 1];
    }
    if(abs == 'M') {
      sx = cx;
      sy = cy;
    }
  }
  if(a.err || b.err || o->err)
    ok = 0;
  ao_buf_free(&a);
  ao_buf_free(&b);
  ao_free(segs);
  if(!ok)
    rollback(o, start);
  return ok;
}

int ao__svg_path(const unsigned char *s, size_t n, ao_buf *o)
{
  size_t start = o->len;
  if(path_exact(s, n, o)) {
    /* keep whichever of the two rewritings is shorter */
    ao_buf plain = AO_BUF_INIT(0);
    if(path_plain(s, n, &plain) && !plain.err && plain.len < o->len - start) {
      rollback(o, start);
      ao_buf_append(o, plain.data, plain.len);
    }
    ao_buf_free(&plain);
    return !o->err;
  }
  return path_plain(s, n, o);
}

int ao__svg_numbers(const unsigned char *s, size_t n, int count, ao_buf *o)
{
  size_t start = o->len, p = 0;
  wr w = { o, W_NONE, 0 };
  int k = 0, comma = 0;
  while(p < n && is_ws(s[p]))
    p++;
  while(p < n) {
    size_t e = scan_number(s, p, n);
    if(e == p)
      goto bad;
    /* viewBox: spaces only; points: a space between points, and inside
     * one only where the y is not negative (Firefox splits on spaces and
     * commas, then reads "x-y") */
    w.sep = count > 0 ? 1 : (k % 2) ? 2 : 1;
    put_number(&w, s, p, e);
    k++;
    p = skip_sep(s, e, n, &comma);
    if(comma && p >= n)
      goto bad;
  }
  if((count > 0 && k != count) || (count == -2 && (k % 2)) || !k || o->err)
    goto bad;
  return 1;
bad:
  rollback(o, start);
  return 0;
}

static int is_unit_char(unsigned char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '%';
}

int ao__svg_lengths(const unsigned char *s, size_t n, ao_buf *o)
{
  size_t start = o->len, p = 0;
  wr w = { o, W_NONE, 0 };
  int k = 0, comma = 0;
  while(p < n && is_ws(s[p]))
    p++;
  while(p < n) {
    size_t e = scan_number(s, p, n);
    if(e == p)
      goto bad;
    w.sep = 1; /* always a space between items */
    put_number(&w, s, p, e);
    size_t u = e;
    while(u < n && is_unit_char(s[u]))
      u++;
    ao_buf_append(o, s + e, u - e);
    k++;
    p = skip_sep(s, u, n, &comma);
    if(p < n && p == u)
      goto bad; /* no separator between items */
    if(comma && p >= n)
      goto bad;
  }
  if(!k || o->err)
    goto bad;
  return 1;
bad:
  rollback(o, start);
  return 0;
}

int ao__svg_transform(const unsigned char *s, size_t n, ao_buf *o)
{
  static const char *const names[] = { "matrix", "translate", "scale", "rotate",
                                       "skewX", "skewY" };
  size_t start = o->len, p = 0;
  int comma = 0, k = 0;
  while(p < n && is_ws(s[p]))
    p++;
  while(p < n) {
    size_t a = p;
    while(p < n && ((s[p] >= 'a' && s[p] <= 'z') || s[p] == 'X' || s[p] == 'Y'))
      p++;
    int known = 0;
    for(size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
      if(p - a == strlen(names[i]) && !memcmp(s + a, names[i], p - a))
        known = 1;
    if(!known)
      goto bad;
    ao_buf_append(o, s + a, p - a);
    while(p < n && is_ws(s[p]))
      p++;
    if(p >= n || s[p] != '(')
      goto bad;
    ao_buf_putc(o, '(');
    p++;
    while(p < n && is_ws(s[p]))
      p++;
    wr w = { o, W_NONE, 0 };
    int args = 0;
    while(p < n && s[p] != ')') {
      size_t e = scan_number(s, p, n);
      if(e == p)
        goto bad;
      put_number(&w, s, p, e);
      args++;
      p = skip_sep(s, e, n, &comma);
      if(comma && (p >= n || s[p] == ')'))
        goto bad;
    }
    if(p >= n || !args)
      goto bad;
    ao_buf_putc(o, ')');
    p++;
    k++;
    p = skip_sep(s, p, n, &comma);
    if(comma && p >= n)
      goto bad;
  }
  if(!k || o->err)
    goto bad;
  return 1;
bad:
  rollback(o, start);
  return 0;
}

static int hexval(unsigned char c)
{
  if(is_digit(c))
    return c - '0';
  c |= 0x20;
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int ao__svg_color(const unsigned char *s, size_t n, ao_buf *o)
{
  while(n && is_ws(*s)) {
    s++;
    n--;
  }
  while(n && is_ws(s[n - 1]))
    n--;
  if(n != 7 || s[0] != '#')
    return 0;
  unsigned char h[6];
  for(int i = 0; i < 6; i++) {
    int v = hexval(s[1 + i]);
    if(v < 0)
      return 0;
    h[i] = (unsigned char)"0123456789abcdef"[v];
  }
  ao_buf_putc(o, '#');
  if(h[0] == h[1] && h[2] == h[3] && h[4] == h[5]) {
    ao_buf_putc(o, h[0]);
    ao_buf_putc(o, h[2]);
    ao_buf_putc(o, h[4]);
  }
  else
    ao_buf_append(o, h, 6);
  return 1;
}
