/* SVG attribute values without wasted bytes: numbers written in their
 * shortest exact form (never rounded), separators only where two numbers
 * would otherwise merge, path commands implied where the grammar repeats
 * them. Anything outside the grammar is left as written. */
#include "svg_int.h"

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
  if(w->last != W_NONE && first != '-' && !(first == '.' && w->last == W_FRAC))
    ao_buf_putc(w->o, ' ');
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

int ao__svg_path(const unsigned char *s, size_t n, ao_buf *o)
{
  size_t start = o->len, p = 0;
  wr w = { o, W_NONE };
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

int ao__svg_numbers(const unsigned char *s, size_t n, int count, ao_buf *o)
{
  size_t start = o->len, p = 0;
  wr w = { o, W_NONE };
  int k = 0, comma = 0;
  while(p < n && is_ws(s[p]))
    p++;
  while(p < n) {
    size_t e = scan_number(s, p, n);
    if(e == p)
      goto bad;
    if(count > 0) /* viewBox: spaces only, for the strictest parsers */
      w.last = k ? W_INT : W_NONE;
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
  wr w = { o, W_NONE };
  int k = 0, comma = 0;
  while(p < n && is_ws(s[p]))
    p++;
  while(p < n) {
    size_t e = scan_number(s, p, n);
    if(e == p)
      goto bad;
    w.last = k ? W_INT : W_NONE; /* always a space between items */
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
    wr w = { o, W_NONE };
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
