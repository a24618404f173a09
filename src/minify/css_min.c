/* CSS minifier on the built-in tokenizer.
 *
 * The input is tokenized once into an array (whitespace and dropped comments
 * become a flag on the next token; every bracket knows its partner), then
 * walked by a small recursive parser that knows rule lists, declaration
 * lists, at-rules and nesting, and writes each token with the least
 * whitespace that keeps both its tokenization and its meaning:
 *  - a space stays where two tokens would merge, where it is a descendant
 *    combinator, around '+'/'-' (calc()), and between component values that
 *    are not separated by punctuation;
 *  - numbers, zero lengths, colors and font-weight keywords are shortened
 *    only in declaration values of properties where that is known to be
 *    safe; custom properties, @supports conditions and unknown at-rules are
 *    copied byte for byte;
 *  - comments go except "slash-star-bang" ones and (optionally) the source
 *    map comment; empty style rules and empty conditional groups go;
 *    adjacent style rules with identical selectors are merged.
 * Malformed input (unterminated comment or string, bad url, unbalanced
 * brackets) is reported and left alone. */
#include <assetopt/css.h>
#include <assetopt/css_lex.h>

#include <stdint.h>
#include <string.h>

#include "css_int.h"

typedef struct ctok {
  uint32_t off, len;
  uint32_t match;  /* openers: index of the closer; others: 0 */
  uint8_t nlen;    /* numeric tokens: length of the number (longer ones
                    * are flagged AO_CSS_TF_ESCAPE: left as written) */
  uint8_t kind;
  uint8_t flags;
  uint8_t ws;      /* WS_SPACE / WS_COMMENT: what stood before this token */
} ctok;

enum { WS_SPACE = 1, WS_COMMENT = 2 };

/* Where a token sequence is written. */
enum {
  M_VALUE,     /* a declaration value: transforms allowed */
  M_GENERIC,   /* values without transforms, at-rule preludes */
  M_MEDIA,     /* media queries */
  M_SELECTOR,  /* selectors */
  M_KEYFRAME,  /* keyframe selectors */
  M_TOKENS     /* values with var(): whitespace kept, light transforms */
};

/* Property facts for value transforms. */
enum {
  P_ZERO = 1,        /* 0px -> 0 */
  P_COLOR_NAME = 2,  /* named colors <-> hex */
  P_FONT_WEIGHT = 4, /* normal/bold -> 400/700 */
  P_NUMBERS = 8,     /* shorten numbers and hex colors */
  P_FAMILY = 16,     /* font-family: quoted names that read the same unquoted */
  P_SHADOW = 32,     /* box-shadow: trailing zero blur and spread go */
  P_TRANSITION = 64, /* transition: the default easing goes */
  P_FLEX = 128,      /* flex: 0 0 auto and 1 1 auto have keywords */
};

/* A private token flag: the writer leaves the token out. */
enum {
  TF_SKIP = 0x80
};

#define MAX_NEST 64

typedef struct mini {
  const unsigned char *src;
  size_t len;            /* of src */
  ctok *t;
  size_t n;
  ao_buf *o;
  const ao_css_opts *opt;
  int last;              /* kind of the last token written (-1: none) */
  size_t nested;         /* rules and at-rules written inside blocks so far */
  unsigned char last_b;  /* its last byte */
  /* facts of property names [0] and function names [1] met so far, by
   * their bytes in src (a small direct-mapped cache) */
  struct memo { uint32_t off, len; unsigned val; } memo[2][128];
} mini;

/* ---- small helpers ------------------------------------------------------- */

static int lc(int c)
{
  return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Case-insensitive comparison of src[off, off+len) with an ASCII word. */
static int eq_ci(const unsigned char *p, size_t len, const char *w)
{
  for(size_t i = 0; i < len; i++)
    if(!w[i] || lc(p[i]) != (unsigned char)w[i])
      return 0;
  return w[len] == 0;
}

static int is_digit(int c)
{
  return c >= '0' && c <= '9';
}

/* A byte of a name as the tokenizer reads it: a zero byte inside the
 * input is one too (it stands for U+FFFD). Only called on real bytes. */
static int is_namech(int c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) ||
         c == '_' || c == '-' || c >= 0x80 || c == '\\' || c == 0;
}

static int is_namestart(int c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         c >= 0x80 || c == '\\' || c == 0;
}

static const unsigned char *tp(const mini *m, size_t i)
{
  return m->src + m->t[i].off;
}

static int is_delim(const mini *m, size_t i, int c)
{
  return m->t[i].kind == AO_CSS_DELIM && m->src[m->t[i].off] == c;
}

/* name of an IDENT / FUNCTION / AT_KEYWORD token */
static void tok_name(const mini *m, size_t i, const unsigned char **p, size_t *n)
{
  const ctok *t = &m->t[i];
  *p = m->src + t->off;
  *n = t->len;
  if(t->kind == AO_CSS_FUNCTION)
    (*n)--;
  else if(t->kind == AO_CSS_AT_KEYWORD) {
    (*p)++;
    (*n)--;
  }
}

static int name_is(const mini *m, size_t i, const char *w)
{
  const unsigned char *p;
  size_t n;
  tok_name(m, i, &p, &n);
  return eq_ci(p, n, w);
}

/* Strips one vendor prefix (-webkit- -moz- -ms- -o-) from a name. */
static void unprefix(const unsigned char **p, size_t *n)
{
  if(*n < 4 || (*p)[0] != '-')
    return;
  static const char *const pre[] = { "-webkit-", "-moz-", "-ms-", "-o-" };
  for(size_t i = 0; i < sizeof(pre) / sizeof(pre[0]); i++) {
    size_t k = strlen(pre[i]);
    if(*n > k && !memcmp(*p, pre[i], k)) {
      *p += k;
      *n -= k;
      return;
    }
  }
}

/* ---- writing tokens ------------------------------------------------------ */

/* Would the two tokens, written with nothing between them, read as
 * something else? prev is described by its kind and last byte; next by its
 * first bytes. Errs on the side of a separator. */
static int would_merge(int prev, unsigned char a, const unsigned char *b,
                       size_t n, int next_kind)
{
  unsigned char b0 = b[0], b1 = n > 1 ? b[1] : 0;
  switch(prev) {
  case AO_CSS_IDENT:
  case AO_CSS_AT_KEYWORD:
  case AO_CSS_HASH:
  case AO_CSS_DIMENSION:
  case AO_CSS_UNICODE_RANGE:
    if(is_namech(b0))
      return 1;
    if(prev == AO_CSS_IDENT && b0 == '(')
      return 1;
    if(prev == AO_CSS_IDENT && a == '-' && b0 == '>')
      return 1; /* the identifier -- then > would read as --> */
    if(prev == AO_CSS_IDENT && (a == 'u' || a == 'U') && b0 == '+' &&
       (n == 1 || (b1 >= '0' && b1 <= '9') || (b1 >= 'a' && b1 <= 'f') ||
        (b1 >= 'A' && b1 <= 'F') || b1 == '?'))
      return 1; /* u +1 or u + a would read as a unicode-range */
    if((prev == AO_CSS_DIMENSION || prev == AO_CSS_UNICODE_RANGE) &&
       (b0 == '+' || b0 == '?'))
      return 1;
    return 0;
  case AO_CSS_NUMBER:
    if(b0 == '-')
      return n > 1 && (is_namestart(b1) || b1 == '-');
    if(is_namech(b0) || b0 == '%')
      return 1;
    return b0 == '.' && is_digit(b1);
  case AO_CSS_DELIM:
    switch(a) {
    case '#': case '@': return is_namech(b0);
    case '.': return is_digit(b0);
    case '+': return is_digit(b0) || (b0 == '.' && is_digit(b1));
    case '-': return is_namech(b0) || b0 == '.' || b0 == '>';
    case '<': return b0 == '!';
    case '/': return b0 == '*';
    case '\\': return 1;
    default: return 0;
    }
  default:
    (void)next_kind;
    return 0;
  }
}

/* Appends to the output: in place while it fits (the buffer is reserved
 * for the input's size up front), through ao_buf otherwise. The bytes after
 * the length are not kept zero here; minify() copies only the length. */
static void put(ao_buf *o, const void *p, size_t n)
{
  if(o->len + n + 1 + AO_PAD <= o->cap && !o->err) {
    memcpy(o->data + o->len, p, n);
    o->len += n;
  }
  else
    ao_buf_append(o, p, n);
}

static void out_raw(mini *m, const void *p, size_t n, int kind)
{
  if(!n)
    return;
  put(m->o, p, n);
  m->last = kind;
  m->last_b = ((const unsigned char *)p)[n - 1];
}

static void out_punct(mini *m, char c, int kind)
{
  ao_buf *o = m->o;
  if(o->len + 2 + AO_PAD <= o->cap && !o->err)
    o->data[o->len++] = (unsigned char)c;
  else
    ao_buf_putc(o, c);
  m->last = kind;
  m->last_b = (unsigned char)c;
}

static int is_hex(int c)
{
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Does the output end in a hex escape (\31) that the next whitespace byte
 * would join? One does when the source ended it with a comment or the end
 * of the input: a space written after it is then part of the name, no
 * separator. */
static int open_escape(const ao_buf *o)
{
  const unsigned char *p = o->data;
  size_t n = o->err ? 0 : o->len, h = 0, s = 0;
  while(h < n && h < 7 && is_hex(p[n - 1 - h]))
    h++;
  if(h == 0 || h > 6)
    return 0;
  while(s < n - h && p[n - 1 - h - s] == '\\')
    s++;
  return s & 1; /* an even run of backslashes is escaped backslashes */
}

/* A space that separates: after an open escape, a first one ends it. */
static void out_space(mini *m)
{
  if(open_escape(m->o))
    out_punct(m, ' ', AO_CSS_WS);
  out_punct(m, ' ', AO_CSS_WS);
}

/* Writes bytes of a token of kind k; ws = what stood before it in the
 * source; keep = whether that whitespace is significant. */
static void out_tok(mini *m, const unsigned char *p, size_t n, int k, int ws,
                    int keep)
{
  if(m->last >= 0) {
    int merge = would_merge(m->last, m->last_b, p, n, k);
    if((ws & WS_SPACE) && (keep || merge))
      out_space(m), m->last = AO_CSS_WS;
    else if(merge)
      ao_buf_puts(m->o, "/**/");
  }
  out_raw(m, p, n, k);
}

/* Raw source bytes of tokens [a, b) including what lies between them. */
static void out_span(mini *m, size_t a, size_t b, int ws)
{
  if(a >= b)
    return;
  const ctok *l = &m->t[b - 1];
  out_tok(m, tp(m, a), l->off + l->len - m->t[a].off, m->t[a].kind, ws, 1);
  m->last = l->kind;
  m->last_b = m->src[l->off + l->len - 1];
}

/* ---- numbers and colors -------------------------------------------------- */

/* Shortest form of a number as written (no exponent): writes into buf,
 * returns its length, or 0 to keep it as written. */
static size_t short_number(const unsigned char *p, size_t n, char *buf)
{
  size_t i = 0, k = 0;
  int neg = 0;
  if(n > 40)
    return 0;
  if(p[0] == '+' || p[0] == '-') {
    neg = p[0] == '-';
    i = 1;
  }
  size_t is = i;
  while(i < n && is_digit(p[i]))
    i++;
  size_t ie = i, fs = i, fe = i;
  if(i < n && p[i] == '.') {
    fs = ++i;
    while(i < n && is_digit(p[i]))
      i++;
    fe = i;
  }
  if(i != n)
    return 0; /* exponent or something unexpected */
  while(is < ie && p[is] == '0')
    is++;
  while(fe > fs && p[fe - 1] == '0')
    fe--;
  if(neg)
    buf[k++] = '-';
  memcpy(buf + k, p + is, ie - is);
  k += ie - is;
  if(fe > fs) {
    buf[k++] = '.';
    memcpy(buf + k, p + fs, fe - fs);
    k += fe - fs;
  }
  if(k == (size_t)neg)
    buf[k++] = '0';
  return k;
}

static int is_length_unit(const unsigned char *u, size_t n)
{
  static const char *const units[] = {
    "px", "em", "rem", "ex", "ch", "vw", "vh", "vmin", "vmax", "cm", "mm",
    "in", "pt", "pc", "q", "vi", "vb", "svw", "svh", "lvw", "lvh", "dvw",
    "dvh", "cap", "ic", "lh", "rlh", "rex", "rch", "ric", "cqw", "cqh",
    "cqi", "cqb", "cqmin", "cqmax"
  };
  for(size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
    if(eq_ci(u, n, units[i]))
      return 1;
  return 0;
}

static int hexval(int c)
{
  if(is_digit(c))
    return c - '0';
  c = lc(c);
  if(c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  return -1;
}

/* Writes the shortest form of an opaque color rgb (0xRRGGBB) into buf. */
static size_t short_color(uint32_t rgb, int names, char *buf)
{
  static const char hex[] = "0123456789abcdef";
  unsigned r = rgb >> 16, g = (rgb >> 8) & 255, b = rgb & 255;
  size_t k;
  buf[0] = '#';
  if(r % 17 == 0 && g % 17 == 0 && b % 17 == 0) {
    buf[1] = hex[r / 17];
    buf[2] = hex[g / 17];
    buf[3] = hex[b / 17];
    k = 4;
  }
  else {
    buf[1] = hex[r >> 4]; buf[2] = hex[r & 15];
    buf[3] = hex[g >> 4]; buf[4] = hex[g & 15];
    buf[5] = hex[b >> 4]; buf[6] = hex[b & 15];
    k = 7;
  }
  if(names) {
    const char *nm = ao__css_color_short_name(rgb);
    if(nm && strlen(nm) < k) {
      k = strlen(nm);
      memcpy(buf, nm, k);
    }
  }
  return k;
}

/* #rgb #rgba #rrggbb #rrggbbaa -> shortest; 0 to keep */
static size_t short_hash(const unsigned char *p, size_t n, int names, char *buf)
{
  int v[8];
  size_t d = n - 1;
  if(d != 3 && d != 4 && d != 6 && d != 8)
    return 0;
  for(size_t i = 0; i < d; i++)
    if((v[i] = hexval(p[1 + i])) < 0)
      return 0;
  if(d == 3 || d == 6) {
    uint32_t rgb = d == 3
      ? (uint32_t)(v[0] * 17) << 16 | (uint32_t)(v[1] * 17) << 8 | (uint32_t)(v[2] * 17)
      : (uint32_t)(v[0] << 20 | v[1] << 16 | v[2] << 12 | v[3] << 8 | v[4] << 4 | v[5]);
    return short_color(rgb, names, buf);
  }
  static const char hex[] = "0123456789abcdef";
  buf[0] = '#';
  if(d == 8 && v[0] == v[1] && v[2] == v[3] && v[4] == v[5] && v[6] == v[7]) {
    for(int i = 0; i < 4; i++)
      buf[1 + i] = hex[v[2 * i]];
    return 5;
  }
  for(size_t i = 0; i < d; i++)
    buf[1 + i] = hex[v[i]];
  return d + 1;
}

/* rgb(R,G,B) / rgb(R G B) / rgba(R,G,B,1) with integers 0-255 starting at
 * function token f: writes the shortest color, returns its length or 0. */
static size_t short_rgb(const mini *m, size_t f, int names, char *buf)
{
  size_t end = m->t[f].match, i = f + 1;
  unsigned c[3];
  int commas = -1;
  for(int k = 0; k < 3; k++) {
    if(k) {
      int comma = i < end && m->t[i].kind == AO_CSS_COMMA;
      if(commas < 0)
        commas = comma;
      else if(commas != comma)
        return 0;
      i += (size_t)comma;
    }
    if(i >= end || m->t[i].kind != AO_CSS_NUMBER ||
       (m->t[i].flags & AO_CSS_TF_ESCAPE))
      return 0;
    /* judged on the number as it will be written (5.0 is 5) */
    char nb[48];
    size_t nl = short_number(tp(m, i), m->t[i].len, nb);
    if(!nl || nl > 3)
      return 0;
    unsigned v = 0;
    for(size_t j = 0; j < nl; j++) {
      if(!is_digit(nb[j]))
        return 0;
      v = v * 10 + (unsigned)(nb[j] - '0');
    }
    if(v > 255)
      return 0;
    c[k] = v;
    i++;
  }
  if(i < end) { /* an alpha of exactly 1 */
    if(commas ? m->t[i].kind != AO_CSS_COMMA : !is_delim(m, i, '/'))
      return 0;
    i++;
    char nb[48];
    if(i + 1 != end)
      return 0;
    if(m->t[i].kind == AO_CSS_NUMBER) {
      size_t k = short_number(tp(m, i), m->t[i].len, nb);
      if(k != 1 || nb[0] != '1')
        return 0;
    }
    else if(m->t[i].kind == AO_CSS_PERCENTAGE) {
      size_t k = short_number(tp(m, i), m->t[i].len - 1, nb);
      if(k != 3 || memcmp(nb, "100", 3))
        return 0;
    }
    else
      return 0;
  }
  return short_color(c[0] << 16 | c[1] << 8 | c[2], names, buf);
}

/* ---- property facts ------------------------------------------------------ */

static int prefix_in(const unsigned char *p, size_t n, const char *const *list,
                     size_t count, int exact)
{
  for(size_t i = 0; i < count; i++) {
    if(!n || list[i][0] != p[0])
      continue;
    size_t k = strlen(list[i]);
    if(exact ? n == k && !memcmp(p, list[i], k)
             : n >= k && !memcmp(p, list[i], k) &&
               (n == k || p[k] == '-'))
      return 1;
  }
  return 0;
}

static unsigned prop_facts(const unsigned char *name, size_t n)
{
  /* families (a name or name-*) where a zero length needs no unit and a
   * unitless zero means the same */
  static const char *const zero[] = {
    "margin", "padding", "inset", "top", "right", "bottom", "left", "width",
    "height", "min-width", "min-height", "max-width", "max-height",
    "block-size", "inline-size", "min-block-size", "min-inline-size",
    "max-block-size", "max-inline-size", "border-radius", "border-width",
    "outline", "outline-width", "outline-offset", "box-shadow", "text-shadow",
    "background-position", "background-size", "transform", "translate",
    "gap", "row-gap", "column-gap", "grid-gap", "grid-row-gap",
    "grid-column-gap", "font-size", "letter-spacing", "word-spacing",
    "text-indent", "transform-origin", "perspective-origin", "object-position",
    "scroll-margin", "scroll-padding", "filter", "backdrop-filter",
    "vertical-align", "text-underline-offset", "text-decoration-thickness",
    "column-rule-width", "border-spacing", "background", "mask-position",
    "mask-size", "border-top", "border-right", "border-bottom", "border-left",
    "border-block", "border-inline", "border", "border-top-width",
    "border-right-width", "border-bottom-width", "border-left-width"
  };
  static const char *const zero_exact_only[] = {
    "border-image", "border-top-color", "border-style", "border-color",
    "border-collapse"
  };
  static const char *const colors[] = {
    "color", "background", "background-color", "background-image", "border",
    "border-color", "border-top", "border-right", "border-bottom",
    "border-left", "border-block", "border-inline", "outline", "outline-color",
    "box-shadow", "text-shadow", "fill", "stroke", "stop-color", "flood-color",
    "lighting-color", "column-rule", "column-rule-color", "text-decoration",
    "text-decoration-color", "caret-color", "accent-color",
    "text-fill-color", "text-stroke", "text-stroke-color",
    "text-emphasis-color", "tap-highlight-color"
  };
  unsigned f = P_NUMBERS;
  size_t nm = n;
  unprefix(&name, &n);
  char low[40];
  if(n >= sizeof(low))
    return f;
  for(size_t i = 0; i < n; i++)
    low[i] = (char)lc(name[i]);
  const unsigned char *l = (const unsigned char *)low;
  int is_border_image = n >= 12 && !memcmp(l, "border-image", 12);
  (void)zero_exact_only;
  if(!is_border_image &&
     prefix_in(l, n, zero, sizeof(zero) / sizeof(zero[0]), 0))
    f |= P_ZERO;
  if(!is_border_image &&
     prefix_in(l, n, colors, sizeof(colors) / sizeof(colors[0]), 0))
    f |= P_COLOR_NAME;
  if(n == 11 && !memcmp(l, "font-weight", 11))
    f |= P_FONT_WEIGHT;
  if(n == 11 && !memcmp(l, "font-family", 11))
    f |= P_FAMILY;
  if(n == 10 && !memcmp(l, "box-shadow", 10))
    f |= P_SHADOW;
  if(n == 10 && !memcmp(l, "transition", 10))
    f |= P_TRANSITION;
  if(n == 4 && !memcmp(l, "flex", 4) && (nm == 4 || nm == 12))
    f |= P_FLEX; /* flex and -webkit-flex, not -ms-flex */
  /* border:none is not border:0: a later border-style (in another rule,
     say :hover) shows a medium border after the first, none after the
     second; so, likewise for outline, none stays none */
  return f;
}

/* ---- writing a token sequence -------------------------------------------- */

static int calc_like(const unsigned char *p, size_t n)
{
  static const char *const fns[] = {
    "calc", "clamp", "min", "max", "round", "mod", "rem", "sin", "cos", "tan",
    "asin", "acos", "atan", "atan2", "pow", "sqrt", "hypot", "log", "exp",
    "abs", "sign", "calc-size"
  };
  unprefix(&p, &n);
  for(size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++)
    if(eq_ci(p, n, fns[i]))
      return 1;
  return 0;
}

/* Functions whose length arguments take a unitless zero like the property
 * does; anywhere else (calc(), colors, unknown functions) units stay. */
static int zero_fn(const unsigned char *p, size_t n)
{
  static const char *const fns[] = {
    "translate", "translatex", "translatey", "translatez", "translate3d",
    "perspective", "inset", "rect", "circle", "ellipse", "polygon",
    "drop-shadow", "blur", "linear-gradient", "radial-gradient",
    "conic-gradient", "repeating-linear-gradient",
    "repeating-radial-gradient", "repeating-conic-gradient", "var"
  };
  unprefix(&p, &n);
  for(size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++)
    if(eq_ci(p, n, fns[i]))
      return 1;
  return 0;
}

static int color_fn(const unsigned char *p, size_t n)
{
  static const char *const fns[] = {
    "linear-gradient", "radial-gradient", "conic-gradient",
    "repeating-linear-gradient", "repeating-radial-gradient",
    "repeating-conic-gradient", "drop-shadow", "var"
  };
  unprefix(&p, &n);
  for(size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++)
    if(eq_ci(p, n, fns[i]))
      return 1;
  return 0;
}

static int nth_fn(const unsigned char *p, size_t n)
{
  return eq_ci(p, n, "nth-child") || eq_ci(p, n, "nth-last-child") ||
         eq_ci(p, n, "nth-of-type") || eq_ci(p, n, "nth-last-of-type") ||
         eq_ci(p, n, "nth-col") || eq_ci(p, n, "nth-last-col");
}

enum {
  F_NO_ZERO = 1,  /* lengths keep their units inside */
  F_COLORS = 2,   /* color names may be rewritten inside */
  F_NTH = 4,      /* :nth-*() */
  F_VAR = 8,      /* var() */
  F_SUBST = 16,   /* var(), env(), attr(): substituted as tokens */
  F_EXPR = 32     /* expression() (old IE) */
};

/* Facts of a function name (without its '('). */
static unsigned fn_facts(const unsigned char *p, size_t n)
{
  unsigned f = 0;
  if(calc_like(p, n) || !zero_fn(p, n))
    f |= F_NO_ZERO;
  if(color_fn(p, n))
    f |= F_COLORS;
  if(nth_fn(p, n))
    f |= F_NTH;
  if(eq_ci(p, n, "var"))
    f |= F_VAR | F_SUBST;
  if(eq_ci(p, n, "env") || eq_ci(p, n, "attr"))
    f |= F_SUBST;
  if(eq_ci(p, n, "expression"))
    f |= F_EXPR;
  return f;
}

static unsigned prop_facts(const unsigned char *name, size_t n);

/* f(p, n) for a name in src, remembered by its bytes. */
static unsigned memo(mini *m, int which, const unsigned char *p, size_t n,
                     unsigned (*f)(const unsigned char *, size_t))
{
  if(!n || n > 64)
    return f(p, n);
  struct memo *e = &m->memo[which][(n * 31u + p[0] * 7u + p[n - 1] + p[n / 2]) & 127];
  if(e->len == n && !memcmp(m->src + e->off, p, n))
    return e->val;
  e->val = f(p, n);
  e->off = (uint32_t)(p - m->src);
  e->len = (uint32_t)n;
  return e->val;
}

/* Whitespace before token i (prev = kind of the token written before, pb
 * its last byte) is significant in this mode? */
static int ws_keep(int k, unsigned char c, int mode, int prev, unsigned char pb,
                   int in_brackets, int in_nth, int in_var_name)
{
  if(mode == M_TOKENS)
    /* substituted later as tokens: only space inside parentheses and
     * around the comma after a var() name goes */
    return !(prev < 0 || prev == AO_CSS_FUNCTION || prev == AO_CSS_LPAREN ||
             k == AO_CSS_RPAREN || (k == AO_CSS_COMMA && in_var_name));
  if(prev < 0 || prev == AO_CSS_COMMA || prev == AO_CSS_FUNCTION ||
     prev == AO_CSS_LPAREN || prev == AO_CSS_LBRACKET || prev == AO_CSS_WS)
    return 0;
  if(k == AO_CSS_COMMA || k == AO_CSS_RPAREN || k == AO_CSS_RBRACKET ||
     k == AO_CSS_SEMICOLON)
    return 0;
  if(mode == M_SELECTOR && !in_nth) {
    if(in_brackets)   /* but [a~ =b] stays invalid, as written */
      return prev == AO_CSS_DELIM && k == AO_CSS_DELIM && c == '=' && pb &&
             strchr("~|^$*", pb) != NULL;
    if(k == AO_CSS_DELIM && (c == '>' || c == '+' || c == '~'))
      return 0;
    if(prev == AO_CSS_DELIM && (pb == '>' || pb == '+' || pb == '~'))
      return 0;
    return 1; /* a descendant combinator */
  }
  if(mode == M_SELECTOR || mode == M_KEYFRAME)
    return 1;
  if(k == AO_CSS_COLON || prev == AO_CSS_COLON)
    return 0;
  /* '+' and '-' between operands keep their spaces (calc()) */
  if((k == AO_CSS_DELIM && (c == '+' || c == '-')) ||
     (prev == AO_CSS_DELIM && (pb == '+' || pb == '-')))
    return 1;
  if((k == AO_CSS_DELIM && (c == '/' || c == '!')) ||
     (prev == AO_CSS_DELIM && pb == '/'))
    return 0;
  if(mode == M_MEDIA) {
    if((k == AO_CSS_DELIM && (c == '<' || c == '>' || c == '=')) ||
       (prev == AO_CSS_DELIM && (pb == '<' || pb == '>' || pb == '=')))
      return 0;
    return 1;
  }
  if(mode != M_VALUE)
    return 1;
  /* '*' only ever multiplies (calc()) */
  if((k == AO_CSS_DELIM && c == '*') || (prev == AO_CSS_DELIM && pb == '*'))
    return 0;
  /* after a closing parenthesis, a url or a string: only before a function */
  if(prev == AO_CSS_RPAREN || prev == AO_CSS_URL || prev == AO_CSS_STRING)
    return k == AO_CSS_FUNCTION;
  if(k == AO_CSS_STRING && prev != AO_CSS_IDENT)
    return 0;
  /* 0 -1px: a signed number after a number */
  if((prev == AO_CSS_NUMBER || prev == AO_CSS_DIMENSION ||
      prev == AO_CSS_PERCENTAGE) &&
     (k == AO_CSS_NUMBER || k == AO_CSS_DIMENSION || k == AO_CSS_PERCENTAGE) &&
     (c == '-' || c == '+'))
    return 0;
  return 1;
}

/* A string's contents may stand unquoted inside url() when nothing in it
 * would end or break an unquoted url. */
static int url_safe(const unsigned char *p, size_t n)
{
  if(!n)
    return 0;
  for(size_t i = 0; i < n; i++) {
    unsigned char c = p[i];
    if(c <= ' ' || c == '"' || c == '\'' || c == '(' || c == ')' || c == '\\' ||
       c == 0x7F)
      return 0;
  }
  return 1;
}

/* A string's contents read the same as an identifier (ASCII only). */
static int ident_safe(const unsigned char *p, size_t n)
{
  size_t i = 0;
  if(n && p[0] == '-')
    i = 1;
  if(i >= n || !((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z') ||
                 p[i] == '_'))
    return 0;
  for(; i < n; i++)
    if(!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z') ||
         is_digit(p[i]) || p[i] == '_' || p[i] == '-'))
      return 0;
  return 1;
}

/* A string's contents that read as an identifier once its one inner space
 * is escaped: the space's offset; 0 when there is no space and the contents
 * are an identifier as they are; SIZE_MAX otherwise. */
static size_t spaced_ident(const unsigned char *p, size_t n)
{
  const unsigned char *sp = n > 2 ? memchr(p + 1, ' ', n - 2) : NULL;
  if(!sp)
    return ident_safe(p, n) ? 0 : SIZE_MAX;
  size_t at = (size_t)(sp - p);
  if(!ident_safe(p, at) || memchr(sp + 1, ' ', n - at - 1))
    return SIZE_MAX;
  /* the part after the space continues the name: no leading digit rule */
  for(size_t i = at + 1; i < n; i++)
    if(!((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z') ||
         is_digit(p[i]) || p[i] == '_' || p[i] == '-'))
      return SIZE_MAX;
  return at;
}

/* A font family name that reads the same without its quotes: words of
 * ASCII letters, digits, '-' and '_' (not starting with a digit or '-')
 * separated by single spaces, none of them a keyword of the property. */
static int family_safe(const unsigned char *p, size_t n)
{
  static const char *const kw[] = {
    "inherit", "initial", "unset", "revert", "revert-layer", "default",
    "serif", "sans-serif", "cursive", "fantasy", "monospace", "system-ui",
    "emoji", "math", "fangsong", "ui-serif", "ui-sans-serif", "ui-monospace",
    "ui-rounded", "generic"
  };
  size_t i = 0;
  if(!n)
    return 0;
  while(i < n) {
    size_t w = i;
    while(i < n && p[i] != ' ')
      i++;
    /* -apple-system and the like are keywords only when unquoted */
    if(!ident_safe(p + w, i - w) || p[w] == '-')
      return 0;
    for(size_t k = 0; k < sizeof(kw) / sizeof(kw[0]); k++)
      if(eq_ci(p + w, i - w, kw[k]))
        return 0;
    if(i < n && ++i == n)
      return 0; /* a trailing space */
  }
  return 1;
}

/* buf[0, n) holds a shortened number of milliseconds: writes it in seconds
 * when that is shorter ("500" -> ".5s"); returns the new length or 0. */
static size_t ms_to_s(char *buf, size_t n)
{
  char t[48];
  size_t k = 0, dot = n;
  int neg = buf[0] == '-';
  if(n > 30)
    return 0;
  for(size_t i = 0; i < n; i++)
    if(buf[i] == '.')
      dot = i;
  /* digits without sign or point, and where the point goes */
  char d[40];
  size_t dn = 0;
  for(size_t i = (size_t)neg; i < n; i++)
    if(buf[i] != '.')
      d[dn++] = buf[i];
  long pt = (long)(dot - (size_t)neg) - 3; /* integer digits after / 1000 */
  size_t lead = 0;
  while(lead < dn && d[lead] == '0')
    lead++;
  if(lead == dn)
    return 0; /* zero: keep its unit as written */
  while(dn > 0 && d[dn - 1] == '0' && (long)dn > pt)
    dn--;
  if(neg)
    t[k++] = '-';
  if(pt <= 0) {
    t[k++] = '.';
    for(long z = pt; z < 0; z++)
      t[k++] = '0';
    memcpy(t + k, d, dn);
    k += dn;
  }
  else {
    for(long i = (long)lead; i < pt; i++)
      t[k++] = i < (long)dn ? d[i] : '0';
    if((long)dn > pt) {
      t[k++] = '.';
      memcpy(t + k, d + pt, dn - (size_t)pt);
      k += dn - (size_t)pt;
    }
  }
  t[k++] = 's';
  if(k >= n + 2)
    return 0;
  memcpy(buf, t, k);
  return k;
}

/* scale(a,a) -> scale(a): one argument scales both axes alike. Writes the
 * whole function into buf, returns its length or 0. */
static size_t same_scale(const mini *m, size_t i, char *buf)
{
  const ctok *t = &m->t[i];
  if(t->match != i + 4 || !eq_ci(tp(m, i), t->len, "scale(") ||
     m->t[i + 1].kind != AO_CSS_NUMBER || m->t[i + 2].kind != AO_CSS_COMMA ||
     m->t[i + 3].kind != AO_CSS_NUMBER ||
     ((m->t[i + 1].flags | m->t[i + 3].flags) & AO_CSS_TF_ESCAPE))
    return 0;
  char x[48], y[48];
  size_t xn = short_number(tp(m, i + 1), m->t[i + 1].len, x);
  size_t yn = short_number(tp(m, i + 3), m->t[i + 3].len, y);
  if(!xn || xn != yn || memcmp(x, y, xn))
    return 0;
  memcpy(buf, "scale(", 6);
  memcpy(buf + 6, x, xn);
  buf[6 + xn] = ')';
  return xn + 7;
}

/* box-shadow layers: a zero spread (the fourth length) goes, then a zero
 * blur (the third) when no spread follows; both default to zero. Marks
 * the tokens TF_SKIP. Layers holding anything but lengths, a color and
 * inset are left alone. */
static void shadow_zeros(mini *m, size_t a, size_t b)
{
  size_t i = a;
  while(i < b) {
    size_t len[4], nlen = 0, j = i;
    int ok = 1, run_done = 0;
    for(; j < b && m->t[j].kind != AO_CSS_COMMA; j++) {
      const ctok *t = &m->t[j];
      if(t->kind == AO_CSS_NUMBER || t->kind == AO_CSS_DIMENSION) {
        if(run_done || nlen == 4 || (t->flags & AO_CSS_TF_ESCAPE))
          ok = 0;
        else
          len[nlen++] = j;
        continue;
      }
      if(nlen)
        run_done = 1;
      if(t->kind == AO_CSS_FUNCTION) {
        const unsigned char *p = tp(m, j);
        if(!(eq_ci(p, t->len, "rgb(") || eq_ci(p, t->len, "rgba(") ||
             eq_ci(p, t->len, "hsl(") || eq_ci(p, t->len, "hsla(")))
          ok = 0;
        j = t->match;
      }
      else if(t->kind != AO_CSS_IDENT && t->kind != AO_CSS_HASH)
        ok = 0;
    }
    if(ok && nlen >= 3) {
      for(size_t z = nlen; z-- > 2;) {
        const ctok *t = &m->t[len[z]];
        char nb[48];
        size_t k = short_number(tp(m, len[z]), t->nlen, nb);
        if(k != 1 || nb[0] != '0' ||
           (t->kind == AO_CSS_DIMENSION &&
            !is_length_unit(tp(m, len[z]) + t->nlen, t->len - t->nlen)))
          break;
        m->t[len[z]].flags |= TF_SKIP;
      }
    }
    i = j + 1;
  }
}

/* transition layers written property first ("opacity .2s ease"): the
 * easing ease is the default and goes (TF_SKIP). The property must be
 * the layer's first token and no easing keyword, so that no browser can
 * read the layer's words in another role; times are the only other
 * tokens. */
static void transition_ease(mini *m, size_t a, size_t b)
{
  static const char *const easing[] = {
    "ease", "linear", "ease-in", "ease-out", "ease-in-out", "step-start",
    "step-end", "none", "initial", "inherit", "unset", "revert"
  };
  size_t i = a;
  while(i < b) {
    size_t j = i, ease = SIZE_MAX;
    int ok = m->t[i].kind == AO_CSS_IDENT && !(m->t[i].flags & AO_CSS_TF_ESCAPE);
    for(size_t k = 0; ok && k < sizeof(easing) / sizeof(easing[0]); k++)
      if(eq_ci(tp(m, i), m->t[i].len, easing[k]))
        ok = 0;
    for(j = i + 1; j < b && m->t[j].kind != AO_CSS_COMMA; j++) {
      const ctok *t = &m->t[j];
      if(t->kind == AO_CSS_IDENT && ease == SIZE_MAX && eq_ci(tp(m, j), t->len, "ease"))
        ease = j;
      else if(t->kind != AO_CSS_DIMENSION || (t->flags & AO_CSS_TF_ESCAPE))
        ok = 0;
    }
    if(ok && ease != SIZE_MAX)
      m->t[ease].flags |= TF_SKIP;
    i = j + 1;
  }
}

/* Writes tokens [a, b) in a mode; facts are the property's (M_VALUE). */
static void out_seq(mini *m, size_t a, size_t b, int mode, unsigned facts)
{
  /* per open bracket: bit0 calc, bit1 colors allowed, bit2 [ ], bit3 nth */
  unsigned char st[MAX_NEST];
  unsigned depth = 0;
  unsigned cur = 2; /* colors allowed at the top level */
  int drop_ws = 0;
  char buf[64];
  for(size_t i = a; i < b; i++) {
    const ctok *t = &m->t[i];
    const unsigned char *p = tp(m, i);
    size_t n = t->len;
    int k = t->kind;
    if(t->flags & TF_SKIP)
      continue; /* its whitespace is the next token's too */
    int ws = i == a ? 0 : t->ws;
    int ws_ok = (ws & WS_SPACE) && !drop_ws;
    /* judged on what is written: a replacement of another kind again */
#define KEEP(kind, byte) \
  (ws_ok && ws_keep((kind), (byte), mode, m->last, m->last_b, (cur & 4) != 0, \
                    (cur & 8) != 0, (cur & 16) != 0))
    int keep = KEEP(k, p[0]);
    drop_ws = 0;
    if(k == AO_CSS_COMMA && (cur & 16)) {
      cur &= ~16u; /* var(--x, fallback): the fallback's leading space goes */
      drop_ws = 1;
    }
    const char *rep = NULL;
    size_t rn = 0;
    int rk = k;
    if((mode == M_VALUE || mode == M_TOKENS) &&
       !(t->flags & AO_CSS_TF_ESCAPE)) {
      switch(k) {
      case AO_CSS_NUMBER:
      case AO_CSS_PERCENTAGE:
      case AO_CSS_DIMENSION: {
        size_t nl = t->nlen;
        size_t sn = short_number(p, nl, buf);
        if(!sn)
          break;
        if(k == AO_CSS_DIMENSION && (facts & P_ZERO) && !(cur & 1) &&
           depth < MAX_NEST && (sn == 1 && buf[0] == '0') &&
           is_length_unit(p + nl, n - nl)) {
          rep = buf;
          rn = 1;
          rk = AO_CSS_NUMBER;
          break;
        }
        if(n - nl > 20)
          break;
        size_t secs;
        if(k == AO_CSS_DIMENSION && n - nl == 2 && eq_ci(p + nl, 2, "ms") &&
           (secs = ms_to_s(buf, sn)) != 0) {
          rep = buf;
          rn = secs;
          break;
        }
        memcpy(buf + sn, p + nl, n - nl);
        rep = buf;
        rn = sn + n - nl;
        break;
      }
      case AO_CSS_HASH:
        if((rn = short_hash(p, n, (facts & P_COLOR_NAME) && (cur & 2), buf))) {
          rep = buf;
          if(buf[0] != '#')
            rk = AO_CSS_IDENT;
        }
        break;
      case AO_CSS_IDENT:
        if((facts & P_FONT_WEIGHT) && depth == 0) {
          if(eq_ci(p, n, "normal"))
            rep = "400", rn = 3, rk = AO_CSS_NUMBER;
          else if(eq_ci(p, n, "bold"))
            rep = "700", rn = 3, rk = AO_CSS_NUMBER;
        }
        else if((facts & P_COLOR_NAME) && (cur & 2) && n < 24) {
          uint32_t rgb;
          if(ao__css_color_by_name(p, n, &rgb)) {
            size_t sn = short_color(rgb, 1, buf);
            if(sn < n) {
              rep = buf;
              rn = sn;
              rk = buf[0] == '#' ? AO_CSS_HASH : AO_CSS_IDENT;
            }
          }
        }
        break;
      case AO_CSS_FUNCTION:
        if(mode == M_VALUE && (rn = same_scale(m, i, buf)) != 0) {
          out_tok(m, (const unsigned char *)buf, rn, AO_CSS_RPAREN, ws, keep);
          i = t->match;
          continue;
        }
        if((eq_ci(p, n, "rgb(") || eq_ci(p, n, "rgba(")) &&
           (rn = short_rgb(m, i, (facts & P_COLOR_NAME) && (cur & 2), buf))) {
          int bk = buf[0] == '#' ? AO_CSS_HASH : AO_CSS_IDENT;
          out_tok(m, (const unsigned char *)buf, rn, bk, ws, KEEP(bk, (unsigned char)buf[0]));
          i = t->match;
          continue;
        }
        break;
      default:
        break;
      }
    }
    /* url("a.png") -> url(a.png) */
    if(k == AO_CSS_FUNCTION && mode != M_SELECTOR && eq_ci(p, n, "url(") &&
       i + 2 < b && t->match == i + 2 && m->t[i + 1].kind == AO_CSS_STRING &&
       !(m->t[i + 1].flags & AO_CSS_TF_ESCAPE) &&
       url_safe(tp(m, i + 1) + 1, m->t[i + 1].len - 2)) {
      const ctok *st1 = &m->t[i + 1];
      out_tok(m, p, n, AO_CSS_URL, ws, KEEP(AO_CSS_URL, p[0]));
      out_raw(m, tp(m, i + 1) + 1, st1->len - 2, AO_CSS_URL);
      out_raw(m, ")", 1, AO_CSS_URL);
      i += 2;
      continue;
    }
    /* ::before -> :before (and the other CSS 2 pseudo-elements) */
    /* (a comment between the parts is no separator: it goes) */
    if(k == AO_CSS_COLON && mode == M_SELECTOR && i > a && !(t->ws & WS_SPACE) &&
       m->t[i - 1].kind == AO_CSS_COLON && i + 1 < b &&
       /* a colon before those two (even across a comment, which goes)
          would make the rest read differently on the next pass */
       !(i > a + 1 && m->t[i - 2].kind == AO_CSS_COLON) &&
       m->t[i + 1].kind == AO_CSS_IDENT && !(m->t[i + 1].ws & WS_SPACE) &&
       (eq_ci(tp(m, i + 1), m->t[i + 1].len, "before") ||
        eq_ci(tp(m, i + 1), m->t[i + 1].len, "after") ||
        eq_ci(tp(m, i + 1), m->t[i + 1].len, "first-line") ||
        eq_ci(tp(m, i + 1), m->t[i + 1].len, "first-letter")))
      continue;
    /* [a="b"] -> [a=b], [a="b c"] -> [a=b\ c] */
    if(k == AO_CSS_STRING && mode == M_SELECTOR && (cur & 4) &&
       m->last == AO_CSS_DELIM && m->last_b == '=' && n >= 2 &&
       !(t->flags & AO_CSS_TF_ESCAPE)) {
      size_t sp = spaced_ident(p + 1, n - 2);
      if(sp == 0) {
        rep = (const char *)p + 1;
        rn = n - 2;
        rk = AO_CSS_IDENT;
      }
      else if(sp != SIZE_MAX && n < sizeof(buf)) {
        memcpy(buf, p + 1, sp);
        buf[sp] = '\\';
        memcpy(buf + sp + 1, p + 1 + sp, n - 2 - sp);
        rep = buf;
        rn = n - 1;
        rk = AO_CSS_IDENT;
      }
    }
    /* font-family:"Open Sans" -> font-family:Open Sans */
    if(k == AO_CSS_STRING && mode == M_VALUE && (facts & P_FAMILY) && depth == 0 &&
       !(t->flags & AO_CSS_TF_ESCAPE) && n >= 2 && family_safe(p + 1, n - 2) &&
       (m->last == AO_CSS_COLON || m->last == AO_CSS_COMMA) &&
       (i + 1 == b || m->t[i + 1].kind == AO_CSS_COMMA)) {
      rep = (const char *)p + 1;
      rn = n - 2;
      rk = AO_CSS_IDENT;
    }
    if(mode == M_KEYFRAME) {
      if(k == AO_CSS_IDENT && eq_ci(p, n, "from"))
        rep = "0%", rn = 2, rk = AO_CSS_PERCENTAGE;
      else if(k == AO_CSS_PERCENTAGE && n == 4 && !memcmp(p, "100%", 4))
        rep = "to", rn = 2, rk = AO_CSS_IDENT;
    }
    if(rep)
      out_tok(m, (const unsigned char *)rep, rn, rk, ws,
              rk == k ? keep : KEEP(rk, (unsigned char)rep[0]));
#undef KEEP
    else
      out_tok(m, p, n, k, ws, keep);
    if(k == AO_CSS_FUNCTION || k == AO_CSS_LPAREN || k == AO_CSS_LBRACKET) {
      if(depth < MAX_NEST)
        st[depth] = (unsigned char)cur;
      depth++;
      if(k == AO_CSS_FUNCTION) {
        unsigned nc = cur & 1, ff = memo(m, 1, p, n - 1, fn_facts);
        if(ff & F_NO_ZERO)
          nc |= 1;
        if((ff & F_COLORS) && (cur & 2))
          nc |= 2;
        if(mode == M_SELECTOR && (ff & F_NTH))
          nc |= 8;
        if(ff & F_VAR)
          nc |= 16;
        cur = nc;
      }
      else if(k == AO_CSS_LBRACKET)
        cur = (cur & ~24u) | 4;
      if(depth > MAX_NEST)
        cur |= 1; /* too deep to track: no zero rewriting */
    }
    else if(k == AO_CSS_RPAREN || k == AO_CSS_RBRACKET || k == AO_CSS_RBRACE) {
      if(depth) {
        depth--;
        if(depth < MAX_NEST)
          cur = st[depth];
      }
    }
  }
}

/* ---- rules ---------------------------------------------------------------- */

static void rule_list(mini *m, size_t i, size_t end, int in_style);
static void decl_list(mini *m, size_t i, size_t end, int descriptors);

/* Next index at or after i at the same nesting level that is one of the
 * kinds stop1/stop2 (or end). */
static size_t scan_to(const mini *m, size_t i, size_t end, int stop1, int stop2)
{
  while(i < end) {
    int k = m->t[i].kind;
    if(k == stop1 || k == stop2)
      return i;
    if(m->t[i].match)
      i = m->t[i].match + 1;
    else
      i++;
  }
  return end;
}

static void begin_ctx(mini *m, int kind)
{
  m->last = -1;
  (void)kind;
}

/* margin: 1px 2px 1px 2px -> margin:1px 2px, for the shorthands whose
 * values run top, right, bottom, left with the missing ones copied from
 * the opposite side. value = the written value, simple words only. */
static int trbl_prop(const unsigned char *p, size_t n)
{
  static const char *const props[] = {
    "margin", "padding", "inset", "border-width", "border-style",
    "border-color", "scroll-margin", "scroll-padding"
  };
  for(size_t i = 0; i < sizeof(props) / sizeof(props[0]); i++)
    if(eq_ci(p, n, props[i]))
      return 1;
  return 0;
}

static void collapse_trbl(ao_buf *o, size_t v)
{
  size_t st[4], ln[4], k = 0, i = v;
  for(size_t j = v; j < o->len; j++) {
    unsigned char c = o->data[j];
    if(c == '(' || c == ',' || c == '/' || c == '"' || c == '\'' || c == '\\' ||
       c == '!' || c == '*')
      return;
    /* "0-1px" is two values written without a space: words would lie */
    if((c == '-' || c == '+') && j > v && o->data[j - 1] != ' ')
      return;
  }
  while(i < o->len) {
    size_t j = i;
    while(j < o->len && o->data[j] != ' ')
      j++;
    if(k == 4 || j == i)
      return;
    st[k] = i;
    ln[k++] = j - i;
    i = j + 1;
  }
#define SAME(x, y) (ln[x] == ln[y] && !memcmp(o->data + st[x], o->data + st[y], ln[x]))
  size_t keep = k;
  if(keep == 4 && SAME(3, 1))
    keep = 3;
  if(keep == 3 && SAME(2, 0))
    keep = 2;
  if(keep == 2 && SAME(1, 0))
    keep = 1;
#undef SAME
  if(keep < k) {
    o->len = st[keep - 1] + ln[keep - 1];
    o->data[o->len] = 0;
  }
}

/* Whole values with a shorter equivalent: flex:0 0 auto is flex:none,
 * 1 1 auto is auto. */
static void keyword_value(ao_buf *o, size_t v, unsigned facts)
{
  const unsigned char *p = o->data + v;
  size_t n = o->len - v;
  const char *r = NULL;
  if(facts & P_FLEX) {
    if(n == 8 && !memcmp(p, "0 0 auto", 8))
      r = "none";
    else if(n == 8 && !memcmp(p, "1 1 auto", 8))
      r = "auto";
  }
  if(r) {
    memcpy(o->data + v, r, strlen(r));
    o->len = v + strlen(r);
  }
}

/* One declaration [a, b). */
static void declaration(mini *m, size_t a, size_t b, int descriptors)
{
  const ctok *t = &m->t[a];
  if(b - a < 2 || t->kind != AO_CSS_IDENT || m->t[a + 1].kind != AO_CSS_COLON) {
    begin_ctx(m, 0);
    out_seq(m, a, b, M_GENERIC, 0);
    return;
  }
  const unsigned char *name = tp(m, a);
  size_t nl = t->len;
  out_raw(m, name, nl, AO_CSS_IDENT);
  out_punct(m, ':', AO_CSS_COLON);
  size_t v = a + 2;
  if(nl >= 2 && name[0] == '-' && name[1] == '-') {
    /* custom property: byte-exact apart from surrounding whitespace */
    if(v < b)
      out_raw(m, tp(m, v), m->t[b - 1].off + m->t[b - 1].len - m->t[v].off,
              AO_CSS_WS);
    else {
      size_t from = m->t[a + 1].off + 1;
      size_t to = b < m->n ? m->t[b].off : m->len; /* or the input's end */
      int had_ws = 0;
      for(size_t j = from; j < to; j++)
        if(m->src[j] == ' ' || m->src[j] == '\t' || m->src[j] == '\n' ||
           m->src[j] == '\r' || m->src[j] == '\f')
          had_ws = 1;
      if(had_ws)
        out_punct(m, ' ', AO_CSS_WS);
    }
    return;
  }
  /* !important at the end */
  size_t e = b;
  int important = 0;
  if(b - v >= 2 && m->t[b - 1].kind == AO_CSS_IDENT &&
     eq_ci(tp(m, b - 1), m->t[b - 1].len, "important") && is_delim(m, b - 2, '!')) {
    e = b - 2;
    important = 1;
  }
  unsigned facts = descriptors ? 0 : memo(m, 0, name, nl, prop_facts);
  int mode = descriptors ? M_GENERIC : M_VALUE;
  for(size_t j = v; j < e; j++) {
    int k = m->t[j].kind;
    if(k == AO_CSS_FUNCTION && mode == M_VALUE &&
       (memo(m, 1, tp(m, j), m->t[j].len - 1, fn_facts) & F_SUBST)) {
      mode = M_TOKENS;
      facts &= P_NUMBERS;
    }
    /* hacks and oddities (progid:, expression(), braces): no transforms */
    if(k == AO_CSS_COLON || k == AO_CSS_LBRACE || k == AO_CSS_SEMICOLON ||
       k == AO_CSS_COMMENT ||
       (k == AO_CSS_FUNCTION && (memo(m, 1, tp(m, j), m->t[j].len - 1, fn_facts) & F_EXPR)))
      mode = M_GENERIC;
  }
  begin_ctx(m, 0);
  m->last = AO_CSS_COLON;
  if(mode == M_GENERIC && !descriptors) {
    out_span(m, v, e, 0); /* a hack or an oddity: as written */
    m->last = AO_CSS_IDENT;
  }
  else {
    size_t vstart = m->o->len;
    if(mode == M_VALUE && (facts & P_SHADOW))
      shadow_zeros(m, v, e);
    if(mode == M_VALUE && (facts & P_TRANSITION))
      transition_ease(m, v, e);
    out_seq(m, v, e, mode, facts);
    if(mode == M_VALUE && !m->o->err && (facts & P_FLEX))
      keyword_value(m->o, vstart, facts);
    if(mode == M_VALUE && !m->o->err && trbl_prop(name, nl))
      collapse_trbl(m->o, vstart);
  }
  if(important) {
    if(m->t[b - 2].ws == 0 && m->t[b - 1].ws == 0 && e > v)
      out_raw(m, tp(m, b - 2), m->t[b - 1].off + m->t[b - 1].len - m->t[b - 2].off,
              AO_CSS_IDENT);
    else
      out_raw(m, "!important", 10, AO_CSS_IDENT);
  }
}

/* ---- selectors every browser reads --------------------------------------- */

/* Pseudo-classes and pseudo-elements of CSS 2.1 and Selectors Level 3,
 * which every browser in use parses; pe: the pseudo-elements among them. */
static int plain_pseudo(const unsigned char *p, size_t n, int *pe)
{
  static const char *const cls[] = {
    "link", "visited", "hover", "active", "focus", "target", "enabled",
    "disabled", "checked", "root", "empty", "first-child", "last-child",
    "only-child", "first-of-type", "last-of-type", "only-of-type"
  };
  static const char *const els[] = { "before", "after", "first-line",
                                     "first-letter" };
  *pe = 0;
  for(size_t i = 0; i < sizeof(cls) / sizeof(cls[0]); i++)
    if(eq_ci(p, n, cls[i]))
      return 1;
  for(size_t i = 0; i < sizeof(els) / sizeof(els[0]); i++)
    if(eq_ci(p, n, els[i]))
      return *pe = 1;
  return 0;
}

/* [i, match] is [name], [name=value] or [name op= value] with no
 * namespace and no case flag. */
static int plain_attr(const mini *m, size_t i)
{
  size_t e = m->t[i].match, j = i + 1;
  if(j >= e || m->t[j].kind != AO_CSS_IDENT)
    return 0;
  if(++j == e)
    return 1;
  if(m->t[j].kind != AO_CSS_DELIM)
    return 0;
  unsigned char c = m->src[m->t[j].off];
  if(c != '=') {
    if(!strchr("~|^$*", c) || ++j >= e || !is_delim(m, j, '=') ||
       (m->t[j].ws & WS_SPACE))
      return 0;
  }
  j++;
  if(j >= e || (m->t[j].kind != AO_CSS_IDENT && m->t[j].kind != AO_CSS_STRING))
    return 0;
  return j + 1 == e;
}

/* A selector list that every browser reads as valid: compounds of type,
 * universal, class, id and attribute selectors and the pseudo-classes of
 * Selectors Level 3 (:not() with one simple selector), a pseudo-element
 * only at the end, the four combinators. One selector a browser does not
 * know drops its whole rule, so only lists like these may be joined. */
static int plain_selector(const mini *m, size_t a, size_t b)
{
  int state = 0; /* 0: a compound must start; 1: in one; 2: after a pseudo-element */
  for(size_t i = a; i < b; i++) {
    const ctok *t = &m->t[i];
    if(t->kind == AO_CSS_COMMA) {
      if(state == 0)
        return 0;
      state = 0;
      continue;
    }
    if(t->kind == AO_CSS_DELIM && strchr(">+~", m->src[t->off])) {
      if(state != 1)
        return 0;
      state = 0;
      continue;
    }
    if(state == 2)
      return 0;
    if(state == 1 && i > a && (t->ws & WS_SPACE))
      state = 0; /* a descendant combinator */
    int pe = 0;
    switch(t->kind) {
    case AO_CSS_IDENT:
      if(state != 0)
        return 0; /* a type selector starts its compound */
      break;
    case AO_CSS_HASH:
      if(!(t->flags & AO_CSS_TF_HASH_ID))
        return 0;
      break;
    case AO_CSS_LBRACKET:
      if(!plain_attr(m, i))
        return 0;
      i = t->match;
      break;
    case AO_CSS_DELIM:
      if(is_delim(m, i, '*')) {
        if(state != 0)
          return 0;
        break;
      }
      if(!is_delim(m, i, '.') || i + 1 >= b || m->t[i + 1].kind != AO_CSS_IDENT ||
         (m->t[i + 1].ws & WS_SPACE))
        return 0;
      i++;
      break;
    case AO_CSS_COLON: {
      int dbl = i + 1 < b && m->t[i + 1].kind == AO_CSS_COLON &&
                !(m->t[i + 1].ws & WS_SPACE);
      size_t j = i + 1 + (size_t)dbl;
      if(j >= b || (m->t[j].ws & WS_SPACE))
        return 0;
      if(m->t[j].kind == AO_CSS_IDENT) {
        if(!plain_pseudo(tp(m, j), m->t[j].len, &pe) || (dbl && !pe))
          return 0;
        i = j;
        break;
      }
      /* :not(simple) */
      size_t e = m->t[j].match;
      if(dbl || m->t[j].kind != AO_CSS_FUNCTION || !name_is(m, j, "not") || e <= j + 1)
        return 0;
      size_t k = j + 1;
      const ctok *u = &m->t[k];
      int ok;
      if(u->kind == AO_CSS_IDENT || is_delim(m, k, '*') ||
         (u->kind == AO_CSS_HASH && (u->flags & AO_CSS_TF_HASH_ID)))
        ok = k + 1 == e;
      else if(is_delim(m, k, '.'))
        ok = k + 2 == e && m->t[k + 1].kind == AO_CSS_IDENT &&
             !(m->t[k + 1].ws & WS_SPACE);
      else if(u->kind == AO_CSS_LBRACKET)
        ok = plain_attr(m, k) && u->match + 1 == e;
      else if(u->kind == AO_CSS_COLON) {
        int pe2;
        ok = k + 2 == e && m->t[k + 1].kind == AO_CSS_IDENT &&
             !(m->t[k + 1].ws & WS_SPACE) &&
             plain_pseudo(tp(m, k + 1), m->t[k + 1].len, &pe2) && !pe2;
      }
      else
        ok = 0;
      if(!ok)
        return 0;
      i = e;
      break;
    }
    default:
      return 0;
    }
    state = pe ? 2 : 1;
  }
  return state != 0;
}

/* What rule_list() wrote, one item per rule, at-rule or kept comment, so
 * that rules can be merged, joined and deduplicated once the list is done. */
typedef struct item {
  size_t off, len;  /* its text (relative to the list's start, see settle()) */
  size_t sel_len;   /* RULE: text = selector '{' declarations '}' */
  uint32_t hash;
  uint8_t kind;     /* IT_OTHER, IT_RULE, IT_DEAD */
  uint8_t plain;    /* RULE: plain_selector() holds */
} item;

enum { IT_OTHER, IT_RULE, IT_DEAD };

/* Style rule: prelude [a, brace), block (brace, match). When it holds
 * declarations only and rl is given, describes it there as a RULE that
 * settle() may merge (declarations holding a kept comment excepted: a
 * separator next to one would not survive a second pass). */
static void style_rule(mini *m, size_t a, size_t brace, int keyframe, item *rl)
{
  ao_buf *o = m->o;
  size_t start = o->len;
  begin_ctx(m, 0);
  out_seq(m, a, brace, keyframe ? M_KEYFRAME : M_SELECTOR, 0);
  size_t sel_len = o->len - start;
  out_punct(m, '{', AO_CSS_LBRACE);
  size_t body = o->len;
  size_t close = m->t[brace].match;
  size_t nested = m->nested;
  decl_list(m, brace + 1, close, 0);
  /* did the block come out with declarations only? */
  int decls_only = m->nested == nested;
  if(o->err)
    return;
  if(o->len == body) { /* empty rule */
    o->len = start;
    o->data[o->len] = 0;
    m->last = AO_CSS_RBRACE;
    return;
  }
  out_punct(m, '}', AO_CSS_RBRACE);
  if(!rl || keyframe || !decls_only || o->err)
    return;
  for(const unsigned char *q = o->data + body, *qe = o->data + o->len - 1;
      (q = memchr(q, '/', (size_t)(qe - q))) != NULL; q++)
    if(q[1] == '*')
      return;
  rl->kind = IT_RULE;
  rl->sel_len = sel_len;
  rl->plain = (uint8_t)plain_selector(m, a, brace);
}

/* ---- settling a finished rule list ---------------------------------------- */

typedef struct settle_ctx {
  ao_buf *o;
  size_t start;     /* where the list begins in o */
  ao_buf sb;        /* once changed: the list's text, then new texts */
  int copied;
} settle_ctx;

static const unsigned char *it_text(const settle_ctx *c, const item *it)
{
  return (c->copied ? c->sb.data : c->o->data + c->start) + it->off;
}

static int same_sel(const settle_ctx *c, const item *x, const item *y)
{
  return x->sel_len == y->sel_len &&
         !memcmp(it_text(c, x), it_text(c, y), x->sel_len);
}

static int same_body(const settle_ctx *c, const item *x, const item *y)
{
  size_t bx = x->len - x->sel_len, by = y->len - y->sel_len;
  return bx == by && !memcmp(it_text(c, x) + x->sel_len, it_text(c, y) + y->sel_len, bx);
}

/* x becomes x's selector '{' x's declarations ';' y's '}' (merge), or
 * x's selector ',' y's selector '{' the declarations '}' (join); y goes. */
static int combine(settle_ctx *c, item *x, item *y, int join)
{
  if(!c->copied) {
    size_t n = c->o->len - c->start;
    if(ao_buf_append(&c->sb, c->o->data + c->start, n))
      return 0;
    c->copied = 1;
  }
  size_t xb = x->len - x->sel_len - 2, yb = y->len - y->sel_len - 2;
  size_t n = join ? x->sel_len + 1 + y->sel_len + 2 + xb
                  : x->sel_len + 2 + xb + 1 + yb + 1;
  if(ao_buf_reserve(&c->sb, n))
    return 0;
  unsigned char *d = c->sb.data + c->sb.len;
  const unsigned char *px = c->sb.data + x->off, *py = c->sb.data + y->off;
  size_t k = 0;
  memcpy(d, px, x->sel_len);
  k = x->sel_len;
  if(join) {
    d[k++] = ',';
    memcpy(d + k, py, y->sel_len);
    k += y->sel_len;
    d[k++] = '{';
    memcpy(d + k, px + x->sel_len + 1, xb);
    k += xb;
  }
  else {
    d[k++] = '{';
    memcpy(d + k, px + x->sel_len + 1, xb);
    k += xb;
    d[k++] = ';';
    memcpy(d + k, py + y->sel_len + 1, yb);
    k += yb;
  }
  d[k++] = '}';
  x->off = c->sb.len;
  x->len = k;
  if(join)
    x->sel_len += 1 + y->sel_len;
  c->sb.len += k;
  y->kind = IT_DEAD;
  return 1;
}

static uint32_t text_hash(const unsigned char *p, size_t n)
{
  uint64_t h = 0x9e3779b97f4a7c15u ^ n;
  size_t i = 0;
  for(; i + 8 <= n; i += 8) {
    uint64_t w;
    memcpy(&w, p + i, 8);
    h = (h ^ w) * 0xff51afd7ed558ccdu;
    h ^= h >> 29;
  }
  for(; i < n; i++)
    h = (h ^ p[i]) * 0x100000001b3u;
  h ^= h >> 32;
  return (uint32_t)h;
}

/* Drops every RULE that a later identical RULE of the same list repeats:
 * the later one wins wherever the earlier would (same specificity, later
 * place), so the earlier changes nothing. Returns how many went. */
static size_t drop_repeats(settle_ctx *c, item *it, size_t n, size_t rules)
{
  size_t cap = 16, dropped = 0;
  while(cap < rules * 2)
    cap *= 2;
  uint32_t *tab = ao_malloc(cap * sizeof(*tab)); /* item index + 1, 0: empty */
  if(!tab)
    return 0;
  memset(tab, 0, cap * sizeof(*tab));
  for(size_t i = n; i-- > 0;) {
    if(it[i].kind != IT_RULE)
      continue;
    const unsigned char *p = it_text(c, &it[i]);
    uint32_t h = text_hash(p, it[i].len);
    size_t s = h & (cap - 1);
    for(;;) {
      uint32_t e = tab[s];
      if(!e) {
        tab[s] = (uint32_t)i + 1;
        break;
      }
      const item *q = &it[e - 1];
      if(q->hash == h && q->len == it[i].len && !memcmp(it_text(c, q), p, q->len)) {
        it[i].kind = IT_DEAD;
        dropped++;
        break;
      }
      s = (s + 1) & (cap - 1);
    }
    it[i].hash = h;
  }
  ao_free(tab);
  return dropped;
}

/* Brings a finished list of n items, written from start, to a fixed point
 * of: adjacent rules with the same selector merge (a{x}a{y} -> a{x;y});
 * adjacent rules with the same declarations and plain selectors join
 * (a{x}b{x} -> a,b{x}); a rule repeated later in the list goes. A second
 * pass over the output then finds nothing to do. */
static void settle(mini *m, item *it, size_t n, size_t start)
{
  settle_ctx c = { m->o, start, AO_BUF_INIT(0), 0 };
  size_t rules = 0;
  for(size_t i = 0; i < n; i++)
    rules += it[i].kind == IT_RULE;
  if(rules < 2)
    return;
  for(;;) {
    int changed = 0;
    size_t prev = SIZE_MAX;
    for(size_t i = 0; i < n; i++) {
      if(it[i].kind == IT_DEAD)
        continue;
      if(it[i].kind != IT_RULE) {
        prev = SIZE_MAX;
        continue;
      }
      if(prev != SIZE_MAX) {
        item *x = &it[prev];
        int join = -1;
        if(same_sel(&c, x, &it[i]))
          join = 0; /* adjacent: same place in the cascade */
        else if(x->plain && it[i].plain && same_body(&c, x, &it[i]))
          join = 1; /* adjacent: it[i] only moves past x's identical declarations */
        if(join >= 0) {
          if(!combine(&c, x, &it[i], join))
            goto fail;
          rules--;
          changed = 1;
          continue;
        }
      }
      prev = i;
    }
    size_t d = drop_repeats(&c, it, n, rules);
    rules -= d;
    if(!changed && !d)
      break;
    if(d && !c.copied) {
      if(ao_buf_append(&c.sb, m->o->data + start, m->o->len - start))
        goto fail;
      c.copied = 1;
    }
  }
  if(c.copied) {
    m->o->len = start;
    for(size_t i = 0; i < n; i++)
      if(it[i].kind != IT_DEAD)
        put(m->o, c.sb.data + it[i].off, it[i].len);
    m->last = AO_CSS_RBRACE;
  }
  ao_buf_free(&c.sb);
  return;
fail:
  if(!m->o->err)
    m->o->err = c.sb.err ? c.sb.err : AO_NOMEM;
  ao_buf_free(&c.sb);
}

enum { AT_UNKNOWN, AT_RAW_STMT, AT_GROUP, AT_MEDIA, AT_SUPPORTS, AT_DESC,
       AT_PAGE, AT_KEYFRAMES, AT_LAYER, AT_STMT };

static int at_class(const mini *m, size_t i)
{
  const unsigned char *p;
  size_t n;
  tok_name(m, i, &p, &n);
  const unsigned char *q = p;
  size_t qn = n;
  unprefix(&q, &qn);
  if(eq_ci(p, n, "media"))
    return AT_MEDIA;
  if(eq_ci(p, n, "container"))
    return AT_MEDIA;
  if(eq_ci(p, n, "supports"))
    return AT_SUPPORTS;
  if(eq_ci(p, n, "starting-style"))
    return AT_GROUP;
  if(eq_ci(p, n, "layer"))
    return AT_LAYER;
  if(eq_ci(q, qn, "keyframes"))
    return AT_KEYFRAMES;
  if(eq_ci(p, n, "font-face") || eq_ci(p, n, "property") ||
     eq_ci(p, n, "counter-style") || eq_ci(p, n, "font-palette-values") ||
     eq_ci(q, qn, "viewport"))
    return AT_DESC;
  if(eq_ci(p, n, "page"))
    return AT_PAGE;
  if(eq_ci(p, n, "import") || eq_ci(p, n, "namespace"))
    return AT_STMT;
  if(eq_ci(p, n, "charset"))
    return AT_RAW_STMT;
  return AT_UNKNOWN;
}

/* At-rule at i within [i, end); returns the index after it. */
static size_t at_rule(mini *m, size_t i, size_t end, int in_style)
{
  ao_buf *o = m->o;
  size_t stop = scan_to(m, i + 1, end, AO_CSS_SEMICOLON, AO_CSS_LBRACE);
  int has_block = stop < end && m->t[stop].kind == AO_CSS_LBRACE;
  size_t last = has_block ? m->t[stop].match : stop; /* '}' or ';' or end */
  size_t next = last < end ? last + 1 : end;
  int cls = at_class(m, i);
  size_t start = o->len;
  begin_ctx(m, 0);
  /* statements with a block, block rules without one: copied as written */
  if(cls == AT_UNKNOWN || cls == AT_RAW_STMT ||
     (has_block && (cls == AT_STMT)) ||
     (!has_block && cls != AT_STMT && cls != AT_LAYER)) {
    out_span(m, i, next, 0);
    m->last = AO_CSS_SEMICOLON;
    return next;
  }
  out_raw(m, tp(m, i), m->t[i].len, AO_CSS_AT_KEYWORD);
  if(i + 1 < stop) {
    out_space(m);
    m->last = -1;
    if(cls == AT_SUPPORTS)
      out_span(m, i + 1, stop, 0);
    else if(cls == AT_MEDIA) {
      int fn = 0;
      for(size_t j = i + 1; j < stop; j++)
        if(m->t[j].kind == AO_CSS_FUNCTION || m->t[j].kind == AO_CSS_COMMENT ||
           (m->t[j].flags & AO_CSS_TF_ESCAPE))
          fn = 1;
      if(fn)
        out_span(m, i + 1, stop, 0);
      else
        out_seq(m, i + 1, stop, M_MEDIA, 0);
    }
    else
      out_seq(m, i + 1, stop, M_GENERIC, 0);
  }
  if(!has_block) {
    out_punct(m, ';', AO_CSS_SEMICOLON);
    return next;
  }
  out_punct(m, '{', AO_CSS_LBRACE);
  size_t body = o->len;
  switch(cls) {
  case AT_DESC:
    decl_list(m, stop + 1, last, 1);
    break;
  case AT_PAGE:
    decl_list(m, stop + 1, last, 0);
    break;
  case AT_KEYFRAMES: {
    size_t j = stop + 1;
    while(j < last) {
      if(m->t[j].kind == AO_CSS_COMMENT) {
        begin_ctx(m, 0);
        out_raw(m, tp(m, j), m->t[j].len, AO_CSS_COMMENT);
        j++;
        continue;
      }
      size_t b = scan_to(m, j, last, AO_CSS_LBRACE, AO_CSS_SEMICOLON);
      if(b >= last || m->t[b].kind != AO_CSS_LBRACE) {
        begin_ctx(m, 0);
        out_seq(m, j, b < last ? b + 1 : last, M_GENERIC, 0);
        j = b < last ? b + 1 : last;
        continue;
      }
      size_t before = o->len;
      style_rule(m, j, b, 1, NULL);
      if(o->len == before) {
        /* keep an empty keyframe: it still names a step */
        begin_ctx(m, 0);
        out_seq(m, j, b, M_KEYFRAME, 0);
        ao_buf_puts(o, "{}");
        m->last = AO_CSS_RBRACE;
      }
      j = m->t[b].match + 1;
    }
    break;
  }
  default: /* media, supports, container, layer, starting-style */
    if(in_style)
      decl_list(m, stop + 1, last, 0);
    else
      rule_list(m, stop + 1, last, 0);
    break;
  }
  if(o->err)
    return next;
  if(o->len == body && cls != AT_LAYER && cls != AT_KEYFRAMES &&
     cls != AT_DESC && cls != AT_PAGE) {
    o->len = start; /* an empty conditional group does nothing */
    o->data[o->len] = 0;
  }
  else
    out_punct(m, '}', AO_CSS_RBRACE);
  m->last = AO_CSS_RBRACE;
  return next;
}

static int keep_comment(const mini *m, size_t i)
{
  const unsigned char *p = tp(m, i);
  return m->t[i].len > 2 && (p[2] == '!' || m->opt->keep_source_map_url);
}

/* Appends an item for what was written since before (nothing: none). */
static item *add_item(mini *m, item **its, size_t *n, size_t *cap, size_t start,
                      size_t before)
{
  if(m->o->len == before || m->o->err)
    return NULL;
  if(*n == *cap) {
    size_t nc = *cap ? *cap * 2 : 32;
    item *ni = ao_realloc(*its, nc * sizeof(*ni));
    if(!ni) {
      m->o->err = AO_NOMEM;
      return NULL;
    }
    *its = ni;
    *cap = nc;
  }
  item *it = &(*its)[(*n)++];
  it->off = before - start;
  it->len = m->o->len - before;
  it->sel_len = 0;
  it->hash = 0;
  it->kind = IT_OTHER;
  it->plain = 0;
  return it;
}

static void rule_list(mini *m, size_t i, size_t end, int in_style)
{
  item *its = NULL;
  size_t n = 0, cap = 0, start = m->o->len;
  while(i < end && !m->o->err) {
    const ctok *t = &m->t[i];
    size_t before = m->o->len;
    switch(t->kind) {
    case AO_CSS_CDO:
    case AO_CSS_CDC:
    case AO_CSS_SEMICOLON:
      if(t->kind == AO_CSS_SEMICOLON && in_style)
        break;
      if(t->kind == AO_CSS_SEMICOLON)
        goto rule; /* part of the next rule's prelude, as browsers read it */
      i++;
      continue;
    case AO_CSS_COMMENT:
      if(keep_comment(m, i)) {
        begin_ctx(m, 0);
        out_raw(m, tp(m, i), t->len, AO_CSS_COMMENT);
        add_item(m, &its, &n, &cap, start, before);
      }
      i++;
      continue;
    case AO_CSS_AT_KEYWORD:
      i = at_rule(m, i, end, in_style);
      add_item(m, &its, &n, &cap, start, before);
      continue;
    default:
      break;
    }
  rule: {
      size_t b = scan_to(m, i, end, AO_CSS_LBRACE, -1);
      if(b >= end) { /* a prelude without a block: copied */
        begin_ctx(m, 0);
        out_span(m, i, end, 0);
        add_item(m, &its, &n, &cap, start, before);
        break;
      }
      item rl = { 0, 0, 0, 0, IT_OTHER, 0 };
      style_rule(m, i, b, 0, &rl);
      item *it = add_item(m, &its, &n, &cap, start, before);
      if(it) {
        it->kind = rl.kind;
        it->sel_len = rl.sel_len;
        it->plain = rl.plain;
      }
      i = m->t[b].match + 1;
    }
  }
  if(!m->o->err)
    settle(m, its, n, start);
  ao_free(its);
}

/* Declarations, nested rules and at-rules of a block [i, end). */
static void decl_list(mini *m, size_t i, size_t end, int descriptors)
{
  int need_semi = 0;
  while(i < end) {
    const ctok *t = &m->t[i];
    if(t->kind == AO_CSS_SEMICOLON) {
      i++;
      continue;
    }
    if(t->kind == AO_CSS_COMMENT) {
      if(keep_comment(m, i)) {
        if(need_semi)
          out_punct(m, ';', AO_CSS_SEMICOLON);
        need_semi = 0;
        begin_ctx(m, 0);
        out_raw(m, tp(m, i), t->len, AO_CSS_COMMENT);
      }
      i++;
      continue;
    }
    if(need_semi)
      out_punct(m, ';', AO_CSS_SEMICOLON);
    need_semi = 0;
    if(t->kind == AO_CSS_AT_KEYWORD) {
      size_t before = m->o->len;
      i = at_rule(m, i, end, 1);
      if(m->o->len != before)
        m->nested++;
      else if(before && m->o->data[before - 1] == ';') {
        m->o->len--; /* it vanished: so does its separator */
        m->o->data[m->o->len] = 0;
        need_semi = 1;
      }
      continue;
    }
    int custom = t->kind == AO_CSS_IDENT && t->len >= 2 && tp(m, i)[0] == '-' &&
                 tp(m, i)[1] == '-' && i + 1 < end &&
                 m->t[i + 1].kind == AO_CSS_COLON;
    size_t e = scan_to(m, i, end, AO_CSS_SEMICOLON, custom ? -1 : AO_CSS_LBRACE);
    if(e < end && m->t[e].kind == AO_CSS_LBRACE) {
      size_t before = m->o->len;
      style_rule(m, i, e, 0, NULL);
      if(m->o->len != before)
        m->nested++;
      if(m->o->len == before && before && m->o->data[before - 1] == ';') {
        m->o->len--; /* the rule vanished: so does its separator */
        m->o->data[m->o->len] = 0;
        need_semi = 1;
      }
      i = m->t[e].match + 1;
      continue;
    }
    declaration(m, i, e, descriptors);
    need_semi = 1;
    i = e;
  }
}

/* ---- tokenizing into the array ------------------------------------------- */

static ao_status tokenize(mini *m, const unsigned char *src, size_t len,
                          ao_diags *d, int keep_map)
{
  ao_css_lex lx;
  ao_css_tok t;
  size_t cap = len / 3 + 16, n = 0;
  uint32_t *stack = NULL;
  size_t sp = 0, scap = 0;
  ctok *a = ao_malloc(cap * sizeof(*a));
  uint8_t ws = 0;
  if(!a)
    return AO_NOMEM;
  ao_css_lex_init(&lx, src, len);
  for(;;) {
    /* whitespace runs are skipped here rather than made tokens */
    const unsigned char *q = lx.p;
    if(q < lx.end && (*q == ' ' || *q == '\n' || *q == '\t' || *q == '\r' || *q == '\f')) {
      do
        q++;
      while(q < lx.end && (*q == ' ' || *q == '\n' || *q == '\t' || *q == '\r' || *q == '\f'));
      lx.p = q;
      ws |= WS_SPACE;
    }
    ao_css_tok_kind k;
    /* one-byte punctuation without a call (the lexer would say the same) */
    switch(q < lx.end ? *q : 0) {
    case '{': k = AO_CSS_LBRACE; goto punct;
    case '}': k = AO_CSS_RBRACE; goto punct;
    case ';': k = AO_CSS_SEMICOLON; goto punct;
    case ':': k = AO_CSS_COLON; goto punct;
    case ',': k = AO_CSS_COMMA; goto punct;
    case '(': k = AO_CSS_LPAREN; goto punct;
    case ')': k = AO_CSS_RPAREN; goto punct;
    case '[': k = AO_CSS_LBRACKET; goto punct;
    case ']': k = AO_CSS_RBRACKET;
    punct:
      t.off = t.voff = (size_t)(q - src);
      t.len = t.vlen = 1;
      t.kind = k;
      t.flags = 0;
      lx.p = q + 1;
      break;
    default:
      k = ao_css_lex_next(&lx, &t);
      break;
    }
    const char *bad = NULL;
    if(k == AO_CSS_EOF)
      break;
    if(t.flags & AO_CSS_TF_UNTERMINATED)
      bad = k == AO_CSS_COMMENT ? "unterminated comment"
          : k == AO_CSS_STRING ? "unterminated string" : "unterminated url()";
    else if(k == AO_CSS_BAD_STRING)
      bad = "newline in a string";
    else if(k == AO_CSS_BAD_URL)
      bad = "malformed url()";
    else if(k == AO_CSS_DELIM && src[t.off] == '\\')
      bad = "stray backslash";
    if(bad) {
      ao_diag_add(d, AO_ERROR, t.off, "%s; CSS left unminified", bad);
      goto syntax;
    }
    if(k == AO_CSS_WS) {
      ws |= WS_SPACE;
      continue;
    }
    if(k == AO_CSS_COMMENT) {
      const unsigned char *c = src + t.voff;
      int keep = (t.vlen && c[0] == '!') ||
                 (keep_map && t.vlen > 18 && (c[0] == '#' || c[0] == '@') &&
                  (memcmp(c + 1, " sourceMappingURL=", 18) == 0));
      if(!keep) {
        ws |= WS_COMMENT;
        continue;
      }
    }
    if(n == cap) {
      cap *= 2;
      ctok *na = ao_realloc(a, cap * sizeof(*a));
      if(!na)
        goto nomem;
      a = na;
    }
    ctok *c = &a[n];
    c->off = (uint32_t)t.off;
    c->len = (uint32_t)t.len;
    c->match = 0;
    c->nlen = 0;
    c->kind = (uint8_t)k;
    c->flags = (uint8_t)t.flags;
    if(k == AO_CSS_NUMBER || k == AO_CSS_PERCENTAGE || k == AO_CSS_DIMENSION) {
      if(t.vlen <= 200)
        c->nlen = (uint8_t)t.vlen;
      else
        c->flags |= AO_CSS_TF_ESCAPE;
    }
    c->ws = ws;
    ws = 0;
    if(k == AO_CSS_FUNCTION || k == AO_CSS_LPAREN || k == AO_CSS_LBRACKET ||
       k == AO_CSS_LBRACE) {
      if(sp == scap) {
        scap = scap ? scap * 2 : 64;
        uint32_t *ns = ao_realloc(stack, scap * sizeof(*ns));
        if(!ns)
          goto nomem;
        stack = ns;
      }
      stack[sp++] = (uint32_t)n;
    }
    else if(k == AO_CSS_RPAREN || k == AO_CSS_RBRACKET || k == AO_CSS_RBRACE) {
      int want = k == AO_CSS_RPAREN ? -1 : k == AO_CSS_RBRACKET ? AO_CSS_LBRACKET
                                                                : AO_CSS_LBRACE;
      int open = sp ? a[stack[sp - 1]].kind : -2;
      int ok = sp && (want == -1 ? open == AO_CSS_LPAREN || open == AO_CSS_FUNCTION
                                 : open == want);
      if(!ok) {
        ao_diag_add(d, AO_ERROR, t.off, "unbalanced '%c'; CSS left unminified",
                    src[t.off]);
        goto syntax;
      }
      a[stack[--sp]].match = (uint32_t)n;
    }
    n++;
  }
  if(sp) {
    ao_diag_add(d, AO_ERROR, a[stack[sp - 1]].off,
                "'%c' is never closed; CSS left unminified", src[a[stack[sp - 1]].off]);
    goto syntax;
  }
  ao_free(stack);
  m->t = a;
  m->n = n;
  return AO_OK;
syntax:
  ao_free(stack);
  ao_free(a);
  return AO_SYNTAX;
nomem:
  ao_free(stack);
  ao_free(a);
  return AO_NOMEM;
}

/* ---- entry points ---------------------------------------------------------- */

void ao_css_opts_init(ao_css_opts *o)
{
  *o = (ao_css_opts){ .keep_source_map_url = 1 };
}

static ao_status minify(const unsigned char *src, size_t len,
                        const ao_css_opts *o, ao_buf *out, ao_diags *d,
                        int declarations)
{
  ao_css_opts defaults;
  if(!o) {
    ao_css_opts_init(&defaults);
    o = &defaults;
  }
  if(len >= UINT32_MAX / 2) {
    ao_diag_add(d, AO_ERROR, SIZE_MAX, "stylesheet too large to minify");
    return AO_LIMIT;
  }
  mini m = { .src = src, .len = len, .opt = o, .last = -1 };
  ao_status s = tokenize(&m, src, len, d, o->keep_source_map_url);
  if(s)
    return s;
  /* written straight after what out holds; taken back on failure */
  size_t old = out->len;
  ao_status was = out->err;
  m.o = out;
  if(!was && ao_buf_reserve(out, len + 64) == AO_OK) {
    if(declarations)
      decl_list(&m, 0, m.n, 0);
    else
      rule_list(&m, 0, m.n, 0);
  }
  ao_free(m.t);
  if(out->err) {
    s = out->err;
    if(!was) {
      out->len = old;
      out->err = AO_OK;
      if(out->data)
        out->data[old] = 0;
    }
    return s;
  }
  /* never larger than the input */
  if(out->len - old > len) {
    out->len = old;
    memcpy(out->data + old, src, len); /* fits: len + 64 was reserved */
    out->len = old + len;
  }
  out->data[out->len] = 0;
  return AO_OK;
}

ao_status ao_css_minify(const unsigned char *src, size_t len,
                        const ao_css_opts *o, ao_buf *out, ao_diags *d)
{
  return minify(src, len, o, out, d, 0);
}

ao_status ao_css_minify_declarations(const unsigned char *src, size_t len,
                                     const ao_css_opts *o, ao_buf *out,
                                     ao_diags *d)
{
  return minify(src, len, o, out, d, 1);
}
