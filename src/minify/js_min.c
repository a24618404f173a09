/* JavaScript minifier, token level: drops comments (legal ones are kept) and
 * whitespace, keeps a space only where two tokens would merge and a line
 * break only where removing it could change automatic semicolon insertion,
 * and applies rewrites that are safe on tokens alone: shortest number
 * spelling, the quote needing fewest escapes, no ';' before '}'. */
#include <assetopt/js.h>
#include <assetopt/js_parse.h>
#include <assetopt/js_lex.h>

#include <string.h>

void ao_js_opts_init(ao_js_opts *o)
{
  *o = (ao_js_opts){ .keep_source_map_url = 1, .legal_comments = AO_LEGAL_INLINE,
                     .level = AO_JS_MIN_WHITESPACE, .module = -1 };
}

/* ---- output -------------------------------------------------------------- */

typedef struct writer {
  ao_buf *b;
  /* the last real token written: its bytes are b->data[last_off, +last_len) */
  size_t last_off, last_len;
  uint8_t last_kind;
  uint8_t lc;              /* its last byte */
  uint8_t last_plain_int;  /* a number of digits only: '.' after it needs a space */
  uint8_t sep;             /* output ends in a line break or comment: no merge */
} writer;

static void put(writer *w, const void *p, size_t n)
{
  ao_buf *b = w->b;
  if(b->cap - b->len < n + 1 + AO_PAD && ao_buf_reserve(b, n))
    return;
  memcpy(b->data + b->len, p, n);
  b->len += n;
}

static void putc1(writer *w, unsigned char c)
{
  ao_buf *b = w->b;
  if(b->cap - b->len < 2 + AO_PAD && ao_buf_reserve(b, 1))
    return;
  b->data[b->len++] = c;
}

static unsigned char last_byte(const writer *w)
{
  return w->b->len ? w->b->data[w->b->len - 1] : '\n';
}

/* What a byte is to the space decision: B_LONE never merges with a token
 * on its other side (as the last byte written or the first byte of the
 * next token); B_WORD continues a name or number. */
enum { B_LONE = 1, B_WORD = 2 };
#define R6(c) [c] = B_WORD, [c + 1] = B_WORD, [c + 2] = B_WORD,         \
  [c + 3] = B_WORD, [c + 4] = B_WORD, [c + 5] = B_WORD
#define R10(c) R6(c), [c + 6] = B_WORD, [c + 7] = B_WORD, [c + 8] = B_WORD, \
  [c + 9] = B_WORD
#define R16(c) R10(c), R6(c + 10)
static const unsigned char bclass[256] = {
  ['('] = B_LONE, [')'] = B_LONE, ['['] = B_LONE, [']'] = B_LONE,
  ['{'] = B_LONE, ['}'] = B_LONE, [';'] = B_LONE, [','] = B_LONE,
  ['~'] = B_LONE, [':'] = B_LONE, ['"'] = B_LONE, ['\''] = B_LONE,
  ['`'] = B_LONE, ['$'] = B_WORD, ['\\'] = B_WORD, ['_'] = B_WORD,
  R10('0'), R10('A'), R10('K'), R6('U'), R10('a'), R10('k'), R6('u'),
  R16(0x80), R16(0x90), R16(0xa0), R16(0xb0), R16(0xc0), R16(0xd0),
  R16(0xe0), R16(0xf0)
};
#undef R16
#undef R10
#undef R6

static int wordish(unsigned char c)
{
  return bclass[c] & B_WORD;
}

/* Would the token text s (of kind k) merge with the last token written?
 * (Neither side B_LONE: the caller checked.) */
static AO_NOINLINE int needs_space(const writer *w, const unsigned char *s,
                                   size_t n, uint8_t k)
{
  unsigned char lc = w->lc, fc = s[0];
  if(wordish(fc))   /* a name, number or string of words: k is no punct */
    return wordish(lc) ||
           w->last_kind == AO_JS_REGEX ||   /* /re/ x: not flags */
           (lc == '.' && (w->last_kind == AO_JS_NUMBER ||   /* 08. e */
                          (fc >= '0' && fc <= '9')));       /* . 5 */
  if(fc == '.' && w->last_plain_int)
    return 1;   /* 1 .x is not 1.x */
  if(wordish(lc))
    return 0;
  if(lc == '.' && fc == '.' && w->last_kind == AO_JS_PUNCT)
    return 1;   /* . . . is not ... */
  if((lc == '+' || lc == '-') && fc == lc)
    return 1;
  if(lc == '/' && (fc == '/' || fc == '*'))
    return 1;
  if((lc == '<' && fc == '!') || (lc == '-' && fc == '>'))
    return 1;
  if(w->last_kind == AO_JS_PUNCT && k == AO_JS_PUNCT) {
    unsigned char tmp[16] = { 0 };
    size_t m = n < 4 ? n : 4;
    memcpy(tmp, w->b->data + w->last_off, w->last_len);   /* at most 4 bytes */
    memcpy(tmp + w->last_len, s, m);
    if(ao_js_punct_len(tmp) > w->last_len)
      return 1;
  }
  return 0;
}

/* n bytes from s to d without a call: two overlapping 4-byte copies, or
 * three single bytes under 4 */
static AO_HOT_INLINE void copy_short(unsigned char *d, const unsigned char *s, size_t n)
{
  if(n >= 4) {
    memcpy(d, s, 4);
    memcpy(d + n - 4, s + n - 4, 4);
  }
  else if(n) {
    d[0] = s[0];
    d[n / 2] = s[n / 2];
    d[n - 1] = s[n - 1];
  }
}

/* Is the number s[0, n) digits only (and separators)? */
static int plain_int(const unsigned char *s, size_t n)
{
  size_t i = 0;
  while(i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
    i++;
  return i == n;
}

/* Writes the token s[0, n) of kind k, with a space before it where it would
 * merge with the last one. When s + 16 <= lim, 16 bytes may be read at s. */
static AO_HOT_INLINE void put_token_in(writer *w, const unsigned char *s,
                                       size_t n, uint8_t k,
                                       const unsigned char *lim)
{
  ao_buf *b = w->b;
  if(b->cap - b->len < n + 18 + AO_PAD && ao_buf_reserve(b, n + 17))
    return;
  unsigned char *d = b->data + b->len;
  if(!w->sep && !((bclass[w->lc] | bclass[s[0]]) & B_LONE) &&
     needs_space(w, s, n, k))
    *d++ = ' ';
  if(n <= 16 && lim - s >= 16)   /* most tokens of the source: one copy */
    memcpy(d, s, 16);
  else if(n <= 8)   /* no call */
    copy_short(d, s, n);
  else
    memcpy(d, s, n);
  size_t off = (size_t)(d - b->data);
  b->len = off + n;
  w->last_off = off;
  w->last_len = n;
  w->last_kind = k;
  w->lc = s[n - 1];
  w->last_plain_int = k == AO_JS_NUMBER && plain_int(s, n);
  w->sep = 0;
}

static AO_HOT_INLINE void put_token(writer *w, const unsigned char *s, size_t n,
                                    uint8_t k)
{
  put_token_in(w, s, n, k, s);
}

/* ---- numbers ------------------------------------------------------------- */

/* Writes the shortest spelling of the decimal literal s into o (at least 64
 * bytes); returns its length, or 0 when s is left alone (hex, octal, binary,
 * BigInt, legacy octal, odd exponents). */
static size_t short_number(const unsigned char *s, size_t n, unsigned char *o)
{
  char dig[64];
  size_t nd = 0, i = 0;
  long exp = 0;
  int frac = 0;
  if(n > 40)
    return 0;
  if(s[0] == '0' && n > 2 && ((s[1] | 0x20) == 'x' || (s[1] | 0x20) == 'o' ||
                              (s[1] | 0x20) == 'b')) {
    /* hex, octal, binary: the exact integer in decimal names the same
       Number (both round the same mathematical value) */
    unsigned base = (s[1] | 0x20) == 'x' ? 16 : (s[1] | 0x20) == 'o' ? 8 : 2;
    uint64_t v = 0;
    for(i = 2; i < n; i++) {
      unsigned c = s[i], dv;
      if(c == '_')
        continue;
      if(c >= '0' && c <= '9')
        dv = c - '0';
      else if((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
        dv = (c | 0x20) - 'a' + 10;
      else
        return 0;   /* BigInt 'n' */
      if(dv >= base || v > (UINT64_MAX - dv) / base)
        return 0;
      v = v * base + dv;
    }
    char t[24];
    size_t k = 0;
    while(v) {
      t[k++] = (char)('0' + v % 10);
      v /= 10;
    }
    while(k)
      dig[nd++] = t[--k];
    goto shortest;
  }
  if(s[0] == '0' && n > 1 && s[1] != '.' && s[1] != 'e' && s[1] != 'E')
    return 0;   /* legacy 017/08, 0n, 0_ */
  for(; i < n; i++) {
    unsigned char c = s[i];
    if(c >= '0' && c <= '9') {
      if(nd || c != '0')
        dig[nd++] = (char)c;
      if(frac)
        exp--;
    }
    else if(c == '.')
      frac = 1;
    else if(c == '_')
      continue;
    else if(c == 'e' || c == 'E')
      break;
    else
      return 0;   /* 'n' */
  }
  if(i < n) {
    i++;
    int neg = 0;
    long x = 0;
    if(s[i] == '+' || s[i] == '-')
      neg = s[i++] == '-';
    size_t start = i;
    for(; i < n; i++) {
      if(s[i] == '_')
        continue;
      if(s[i] < '0' || s[i] > '9' || x > 100000)
        return 0;
      x = x * 10 + (s[i] - '0');
    }
    if(i == start)
      return 0;
    exp += neg ? -x : x;
  }
shortest:
  while(nd && dig[nd - 1] == '0') {
    nd--;
    exp++;
  }
  if(!nd) {
    o[0] = '0';
    return 1;
  }
  if(exp > 1000 || exp < -1000)
    return 0;
  /* candidates: plain, with a point, with an exponent */
  unsigned char plain[64], sci[64];
  size_t pl = 0, sl = 0;
  if(exp >= 0) {
    if(nd + (size_t)exp < sizeof(plain)) {
      memcpy(plain, dig, nd);
      memset(plain + nd, '0', (size_t)exp);
      pl = nd + (size_t)exp;
    }
  }
  else {
    size_t k = (size_t)-exp;
    if(k < nd) {
      memcpy(plain, dig, nd - k);
      plain[nd - k] = '.';
      memcpy(plain + nd - k + 1, dig + nd - k, k);
      pl = nd + 1;
    }
    else if(k + 1 < sizeof(plain)) {
      plain[0] = '.';
      memset(plain + 1, '0', k - nd);
      memcpy(plain + 1 + k - nd, dig, nd);
      pl = k + 1;
    }
  }
  if(exp) {
    memcpy(sci, dig, nd);
    sl = nd;
    sci[sl++] = 'e';
    long x = exp;
    if(x < 0) {
      sci[sl++] = '-';
      x = -x;
    }
    char t[8];
    int tn = 0;
    while(x) {
      t[tn++] = (char)('0' + x % 10);
      x /= 10;
    }
    while(tn)
      sci[sl++] = (unsigned char)t[--tn];
  }
  if(pl && (!sl || pl <= sl)) {
    memcpy(o, plain, pl);
    return pl;
  }
  if(sl) {
    memcpy(o, sci, sl);
    return sl;
  }
  return 0;
}

/* ---- strings ------------------------------------------------------------- */

static int hexv(unsigned char c)
{
  if(c >= '0' && c <= '9')
    return c - '0';
  c |= 0x20;
  return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* A string literal written shorter: escapes of plain characters decoded
 * (\t, \xHH and \uHHHH of printable ASCII, never digits, which could
 * extend an octal escape before them), then the quote needing fewest
 * escapes (the old one on a tie). Returns 0 to keep it as written. */
static size_t restring(const unsigned char *s, size_t n, ao_buf *tmp)
{
  unsigned char q = s[0];
  /* only escapes of quotes, tabs, \x and \u can get shorter: without any,
     the string stays (a quick look for them first) */
  const unsigned char *e = s + n - 1, *bs = s + 1;
  for(;;) {
    bs = memchr(bs, '\\', (size_t)(e - bs));
    if(!bs)
      return 0;
    unsigned char c = bs[1];
    if(c == '\'' || c == '"' || c == 't' || c == 'x' || c == 'u')
      break;
    bs += 2;
    if(bs >= e)
      return 0;
  }
  ao_buf_reset(tmp);
  if(ao_buf_reserve(tmp, 2 * n + 2))
    return 0;
  /* pass 1: decode into tmp (quotes raw), count quotes */
  unsigned char *d = tmp->data + n + 2;   /* decoded content, second half */
  size_t k = 0, nsq = 0, ndq = 0;
  for(size_t i = 1; i + 1 < n;) {
    if(s[i] != '\\') {
      if(s[i] == '\'')
        nsq++;
      else if(s[i] == '"')
        ndq++;
      d[k++] = s[i++];
      continue;
    }
    unsigned char c = s[i + 1];
    int v = -1;
    size_t used = 2;
    if(c == '\'' || c == '"')
      v = c;
    else if(c == 't')
      v = '\t';
    else if(c == 'x' && hexv(s[i + 2]) >= 0 && hexv(s[i + 3]) >= 0) {
      v = hexv(s[i + 2]) * 16 + hexv(s[i + 3]);
      used = 4;
    }
    else if(c == 'u' && hexv(s[i + 2]) >= 0 && hexv(s[i + 3]) >= 0 &&
            hexv(s[i + 4]) >= 0 && hexv(s[i + 5]) >= 0) {
      v = ((hexv(s[i + 2]) * 16 + hexv(s[i + 3])) * 16 + hexv(s[i + 4])) * 16 +
          hexv(s[i + 5]);
      used = 6;
    }
    if(v != '\t' && (v < 0x20 || v > 0x7e || v == '\\' ||
                      (v >= '0' && v <= '9'))) {
      /* keep this escape as written: a marker byte pair in d; a \u or \x
         kept (\u{…}, or malformed) could join with what is decoded after
         it, so such a string stays as written */
      if(c == 'u' || c == 'x')
        return 0;
      d[k++] = '\\';
      d[k++] = c;
      i += 2;
      continue;
    }
    if(v == '\'')
      nsq++;
    else if(v == '"')
      ndq++;
    d[k++] = (unsigned char)v;
    i += used;
  }
  unsigned char nq = q;
  if(q == '\'' && ndq < nsq)
    nq = '"';
  else if(q == '"' && nsq < ndq)
    nq = '\'';
  /* pass 2: write with the chosen quote */
  unsigned char *o = tmp->data;
  size_t m = 0;
  o[m++] = nq;
  for(size_t i = 0; i < k; i++) {
    if(d[i] == '\\') {   /* an escape kept as written: copy both bytes */
      o[m++] = d[i++];
      o[m++] = d[i];
      continue;
    }
    if(d[i] == nq)
      o[m++] = '\\';
    o[m++] = d[i];
  }
  o[m++] = nq;
  if(m >= n)
    return 0;
  tmp->len = m;
  return m;
}

/* ---- comments ------------------------------------------------------------ */

static int is_map_url(const unsigned char *s, size_t n)
{
  if(n < 4 || (s[2] != '#' && s[2] != '@'))
    return 0;
  size_t i = 3;
  while(i < n && (s[i] == ' ' || s[i] == '\t'))
    i++;
  return n - i >= 17 && !memcmp(s + i, "sourceMappingURL=", 17);
}

/* ---- the token walk ------------------------------------------------------ */


/* Operator precedence, higher binds tighter; P_COND is '?', P_NONE an
 * operand alone. '**' (right-associative, no unary on its left) is never
 * used to drop parentheses. */
enum { P_COND = 2, P_OR = 3, P_AND = 4, P_BOR = 5, P_XOR = 6, P_BAND = 7,
       P_EQ = 8, P_REL = 9, P_SHIFT = 10, P_ADD = 11, P_MUL = 12, P_POW = 13,
       P_NONE = 255 };
/* eflags: something not understood, '||' or '&&', '??' */
enum { E_OTHER = 1, E_LOGIC = 2, E_NULLISH = 4,
       E_GROUP = 8,    /* a group the context would let go: kept for what
                          it holds */
       E_SEEN = 16 };  /* its top level was looked at (see group_facts) */

/* A token as the tokenizer gives it */
typedef ao_js_ftok mtok;

/* A token with what the minifier works out about it. */
typedef struct qtok {
  mtok t;
  uint8_t bits;       /* Q_* below                                        */
  uint8_t minp;       /* '(': lowest precedence of a top-level operator   */
  uint8_t eflags;     /* '(': E_* what else lies at its top level         */
  uint8_t tern;       /* '(': open '?' at its top level (saturating)      */
  uint32_t match;     /* '(' '[' '{': index of the closing bracket; a
                         template head or middle: of its next part      */
} qtok;

enum {
  Q_DROP = 1,    /* redundant: not written                                 */
  Q_FLAG = 2,    /* an opening bracket: holds a top-level ',' or 'in', or a
                    class without its body                                  */
  Q_UNDEF = 4    /* the name undefined, written as void 0                  */
};
#define UP_NONE UINT32_MAX

/* ')' closing a function's parameters */
static int fn_paren(const qtok *x)
{
  return x->t.closed == AO_JS_CTX_FNDECL || x->t.closed == AO_JS_CTX_FNEXPR;
}

/* '}' closing an arrow function's body */
static int arrow_end(const qtok *x)
{
  return x->t.closed == AO_JS_CTX_ARROW;
}

/* the whole file's tokens, read ahead of the writer */
typedef struct tq {
  qtok *v;
  size_t n, pos;
  size_t nundef;    /* tokens spelling undefined                          */
  size_t *undefs;   /* their indexes (before any token is dropped)        */
  uint32_t *ups;    /* the bracket open around each (UP_NONE: none)       */
  size_t ucap;
  int undef_no;     /* 'with', eval or an escaped name: never void 0      */
  /* brackets matched as the tokens arrive */
  uint32_t *st;     /* the open ones, innermost last                      */
  size_t sp, scap;
  size_t cls;       /* depth of a class whose body's '{' is still to come,
                       or NO_CLASS                                        */
  uint32_t comma;   /* a ',' was last: the bracket it is in (a trailing
                       one, before a closing bracket, does not count), or
                       UP_NONE                                            */
  uint32_t *opens;  /* every '(' in order                                 */
  size_t nopen, ocap;
  uint32_t (*brk)[2]; /* every opening bracket and template part in order,
                         with the one open around it (UP_NONE: none)      */
  size_t nbrk, bcap;
} tq;

#define NO_CLASS ((size_t)-1)

/* The i-th token ahead (0: the next); past the end, the EOF token. */
static qtok *tq_peek(tq *z, unsigned i)
{
  size_t k = z->pos + i;
  return &z->v[k < z->n ? k : z->n - 1];
}

static void tq_pop(tq *z, unsigned k)
{
  z->pos += k;
}

static int is_comment(const qtok *x)
{
  return x->t.kind == AO_JS_LINE_COMMENT || x->t.kind == AO_JS_BLOCK_COMMENT ||
         x->t.kind == AO_JS_HASHBANG;
}

/* Will the comment x be written where it stands? Legal comments moved to
 * the end go to eof instead. */
static int keep_comment(const unsigned char *src, const mtok *t,
                        const ao_js_opts *o, ao_buf *eof)
{
  const unsigned char *ts = src + t->off;
  if(t->kind == AO_JS_HASHBANG)
    return 1;
  if(is_map_url(ts, t->len))
    return o->keep_source_map_url;
  if(!ao_js_comment_is_legal(ts, t->len) || o->legal_comments == AO_LEGAL_NONE)
    return 0;
  if(o->legal_comments == AO_LEGAL_EOF) {
    ao_buf_append(eof, ts, t->len);
    ao_buf_putc(eof, '\n');
    return 0;
  }
  return 1;
}

/* Grows the array *v of *cap elements of size sz to hold one more than n. */
static int grow(void *v, size_t *cap, size_t n, size_t sz)
{
  if(n < *cap)
    return 0;
  size_t nc = *cap ? *cap * 2 : 64;
  void *w = ao_realloc(*(void **)v, nc * sz);
  if(!w)
    return -1;
  *(void **)v = w;
  *cap = nc;
  return 0;
}

static int is_closer(const unsigned char *src, const mtok *t)
{
  return t->kind == AO_JS_PUNCT && t->len == 1 &&
         (src[t->off] == ')' || src[t->off] == ']' || src[t->off] == '}');
}

/* The token i (no comment) in the bracket matching: each opening bracket
 * gets its match and the one around it, each '(' is listed, and the flag
 * of a bracket is set when its top level holds a ',' or 'in', or a class
 * without its body. */
static ao_status tq_bracket(tq *z, size_t i, const unsigned char *src)
{
  qtok *x = &z->v[i];
  const mtok *t = &x->t;
  if(z->comma != UP_NONE) {
    if(!is_closer(src, t))
      z->v[z->comma].bits |= Q_FLAG;
    z->comma = UP_NONE;
  }
  unsigned char c = 0;   /* the byte of a one-byte punctuator */
  switch(t->kind) {
  case AO_JS_TEMPLATE_MIDDLE: case AO_JS_TEMPLATE_TAIL:
    if(z->sp)
      z->v[z->st[--z->sp]].match = (uint32_t)i;   /* the next part */
    if(z->cls != NO_CLASS && z->cls > z->sp)
      z->cls = NO_CLASS;
    if(t->kind == AO_JS_TEMPLATE_MIDDLE)
      goto push;
    return AO_OK;
  case AO_JS_TEMPLATE_HEAD:
    goto push;
  case AO_JS_NAME:
    if(t->kw == AO_JS_KW_CLASS)
      z->cls = z->sp;   /* its body's '{' is the next at this depth */
    else if(t->kw == AO_JS_KW_IN && z->sp)
      z->v[z->st[z->sp - 1]].bits |= Q_FLAG;
    return AO_OK;
  case AO_JS_PUNCT:
    if(t->len != 1)
      return AO_OK;
    c = src[t->off];
    break;
  default:
    return AO_OK;
  }
  switch(c) {
  case '(': case '[': case '{':
    if(c == '(') {
      if(grow(&z->opens, &z->ocap, z->nopen, sizeof(*z->opens)))
        return AO_NOMEM;
      z->opens[z->nopen++] = (uint32_t)i;
    }
    if(z->cls == z->sp) {
      if(c == '{')
        z->cls = NO_CLASS;
      else if(c == '(')
        x->bits |= Q_FLAG;   /* between class and its body: the '{' in
                                it would become the body */
    }
    goto push;
  case ')': case ']': case '}':
    if(z->sp) {
      size_t o = z->st[--z->sp];
      z->v[o].match = (uint32_t)i;
      if(z->cls != NO_CLASS && z->cls > z->sp)
        z->v[o].bits |= Q_FLAG;   /* a class without its body inside:
                                     out of the parentheses, it would
                                     take the next '{' */
    }
    if(z->cls != NO_CLASS && z->cls > z->sp)
      z->cls = NO_CLASS;
    return AO_OK;
  case ',':
    if(z->sp)
      z->comma = z->st[z->sp - 1];   /* decided by the next token */
    return AO_OK;
  default:
    return AO_OK;
  }
push:
  if(grow(&z->st, &z->scap, z->sp, sizeof(*z->st)) ||
     grow(&z->brk, &z->bcap, z->nbrk, sizeof(*z->brk)))
    return AO_NOMEM;
  z->brk[z->nbrk][0] = (uint32_t)i;
  z->brk[z->nbrk++][1] = z->sp ? z->st[z->sp - 1] : UP_NONE;
  z->st[z->sp++] = (uint32_t)i;
  return AO_OK;
}

/* The bracket open around the opening bracket or template part i. */
static uint32_t up_of(const tq *z, uint32_t i)
{
  size_t lo = 0, hi = z->nbrk;
  while(lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if(z->brk[mid][0] < i)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo < z->nbrk && z->brk[lo][0] == i ? z->brk[lo][1] : UP_NONE;
}

/* Tokenizes src into z (EOF last); comments that are not written are left
 * out, so that every rewrite sees the same neighbours in its own output
 * (a line break they held stays in the next token's nl_before). Brackets
 * are matched on the way (tq_bracket). */
static ao_status tq_fill(tq *z, ao_js_lex *lx, const unsigned char *src,
                         const ao_js_opts *o, ao_buf *eof)
{
  size_t cap = 0;
  for(;;) {
    if(cap - z->n < 256) {
      /* at most one token per 3 bytes of most source: mostly one allocation */
      size_t nc = cap ? cap * 2 : (size_t)(lx->end - lx->src) / 3 + 1024;
      qtok *v = ao_realloc(z->v, nc * sizeof(*v));
      if(!v)
        return AO_NOMEM;
      z->v = v;
      cap = nc;
    }
    size_t got, k = z->n;
    ao_status s = ao_js_lex_fill(lx, z->v + z->n, sizeof(qtok), 256, &got);
    if(s)
      return s;
    qtok *v = z->v;
    for(size_t i = z->n, end = z->n + got; i < end; i++) {
      qtok *x = &v[k];
      if(k != i)
        x->t = v[i].t;
      x->bits = 0;
      x->minp = P_NONE;
      x->eflags = 0;
      x->tern = 0;
      x->match = 0;
      if(is_comment(x)) {
        if(keep_comment(src, &x->t, o, eof))
          k++;
        continue;
      }
      if(x->t.kind == AO_JS_NAME) {
        const unsigned char *ts = src + x->t.off;
        if(x->t.escaped || x->t.kw == AO_JS_KW_WITH)
          z->undef_no = 1;
        else if(x->t.len == 9 && !memcmp(ts, "undefined", 9)) {
          if(z->nundef == z->ucap) {
            size_t nc = z->ucap ? z->ucap * 2 : 64;
            size_t *u = ao_realloc(z->undefs, nc * sizeof(*u));
            if(!u)
              return AO_NOMEM;
            z->undefs = u;
            uint32_t *up = ao_realloc(z->ups, nc * sizeof(*up));
            if(!up)
              return AO_NOMEM;
            z->ups = up;
            z->ucap = nc;
          }
          z->ups[z->nundef] = z->sp ? z->st[z->sp - 1] : UP_NONE;
          z->undefs[z->nundef++] = k;
        }
        else if(x->t.len == 4 && !memcmp(ts, "eval", 4) && !x->t.prop)
          z->undef_no = 1;   /* a direct eval may declare a var undefined */
      }
      ao_status bs = tq_bracket(z, k, src);
      if(bs)
        return bs;
      k++;
      if(x->t.kind == AO_JS_EOF) {
        z->n = k;
        return AO_OK;
      }
    }
    z->n = k;
  }
}

static int tok_is(const unsigned char *src, const mtok *t, const char *p)
{
  size_t n = strlen(p);
  return t->len == n && !memcmp(src + t->off, p, n);
}

/* May "(E)" lose its parentheses after the token l? */
static int paren_left_ok(const unsigned char *src, const qtok *l)
{
  const mtok *t = &l->t;
  const unsigned char *p = src + t->off;
  if(t->kind == AO_JS_TEMPLATE_HEAD || t->kind == AO_JS_TEMPLATE_MIDDLE)
    return 1;
  if(t->kind == AO_JS_NAME)
    return t->kw == AO_JS_KW_RETURN || t->kw == AO_JS_KW_THROW ||
           t->kw == AO_JS_KW_CASE;
  if(t->kind != AO_JS_PUNCT)
    return 0;
  if(t->len == 1)
    return p[0] == '(' || p[0] == '[' || p[0] == ',' || p[0] == '=' ||
           p[0] == '?' || p[0] == ':';
  if(tok_is(src, t, "=>") || tok_is(src, t, "..."))
    return 1;
  /* assignment operators: op= but not == != <= >= */
  if(p[t->len - 1] != '=' || p[t->len - 2] == '=')
    return 0;
  if(t->len == 2 && (p[0] == '!' || p[0] == '<' || p[0] == '>'))
    return 0;
  return 1;
}

static int paren_right_ok(const unsigned char *src, const qtok *r,
                          const qtok *l)
{
  const mtok *t = &r->t;
  if(t->kind == AO_JS_EOF || t->kind == AO_JS_TEMPLATE_MIDDLE ||
     t->kind == AO_JS_TEMPLATE_TAIL)
    return 1;
  if(t->kind != AO_JS_PUNCT || t->len != 1)
    return 0;
  switch(src[t->off]) {
  case ';': case ')': case ']': case '}': case ',':
    return 1;
  case ':':
    return (l->t.kind == AO_JS_PUNCT && tok_is(src, &l->t, "?")) ||
           (l->t.kind == AO_JS_NAME && l->t.kw == AO_JS_KW_CASE);
  default:
    return 0;
  }
}


/* Precedence of the binary operator t (given that it stands where an
 * operator is expected), 0 when it is none. *nullish: it is '??'. */
static int binop_prec(const unsigned char *src, const mtok *t)
{
  const unsigned char *p = src + t->off;
  if(t->kind == AO_JS_NAME)
    return t->kw == AO_JS_KW_IN || t->kw == AO_JS_KW_INSTANCEOF ? P_REL : 0;
  if(t->kind != AO_JS_PUNCT)
    return 0;
  switch(t->len) {
  case 1:
    switch(p[0]) {
    case '*': case '/': case '%': return P_MUL;
    case '+': case '-': return P_ADD;
    case '<': case '>': return P_REL;
    case '&': return P_BAND;
    case '^': return P_XOR;
    case '|': return P_BOR;
    default: return 0;
    }
  case 2:
    if(p[0] == '*' && p[1] == '*')
      return P_POW;
    if(p[1] == '=')
      return p[0] == '<' || p[0] == '>' ? P_REL : p[0] == '=' || p[0] == '!' ? P_EQ : 0;
    if(p[0] == p[1]) {
      switch(p[0]) {
      case '<': case '>': return P_SHIFT;
      case '&': return P_AND;
      case '|': case '?': return P_OR;
      default: return 0;
      }
    }
    return 0;
  case 3:
    if(p[2] == '=')
      return p[1] == '=' ? P_EQ : 0;   /* === !== (not <<= >>= **= ...) */
    return p[0] == '>' ? P_SHIFT : 0;  /* >>> */
  default:
    return 0;
  }
}

static int is_nullish(const unsigned char *src, const mtok *t)
{
  return t->kind == AO_JS_PUNCT && t->len == 2 && src[t->off] == '?' &&
         src[t->off + 1] == '?';
}

/* The group g holds what is no expression: its parentheses stay. */
static void not_expression(qtok *g)
{
  g->bits |= Q_FLAG;
  g->eflags |= E_OTHER;
}

/* What the token x, at the top level of a parenthesized E, tells about E;
 * pv is the token before it. */
static void note_in_group(qtok *g, const qtok *x, const qtok *pv,
                          const unsigned char *src)
{
  const mtok *t = &x->t;
  const unsigned char *p = src + t->off;
  int pr;
  if((!pv->t.regex_ok &&
      ((t->kind == AO_JS_NAME && (t->kw == AO_JS_KW_FUNCTION ||
                                  t->kw == AO_JS_KW_CLASS)) ||
       (t->kind == AO_JS_PUNCT && t->len == 1 && p[0] == '{' &&
        /* (a function's body after its parameters) */
        !(fn_paren(pv) && pv->t.kind == AO_JS_PUNCT && pv->t.len == 1 &&
          src[pv->t.off] == ')')))) ||
     /* '{' right after a name or a literal: a class's body, an object
        after an operator keyword (kept, rarely), or input that is not
        JavaScript, where the tokenizer's view of it may change once the
        parentheses go */
     (t->kind == AO_JS_PUNCT && t->len == 1 && p[0] == '{' &&
      (pv->t.kind == AO_JS_NAME || pv->t.kind == AO_JS_PRIVATE ||
       pv->t.kind == AO_JS_NUMBER || pv->t.kind == AO_JS_STRING ||
       pv->t.kind == AO_JS_REGEX)) ||
     /* an operand right after an operand: no expression (in parentheses
        no line break ends one), and unwrapped it could read otherwise */
     (!pv->t.regex_ok &&
      !(pv->t.kind == AO_JS_PUNCT && pv->t.len == 2 &&
        (src[pv->t.off] == '+' || src[pv->t.off] == '-')) &&   /* ++a */
      ((t->kind == AO_JS_NAME &&   /* any word but a binary operator's */
        t->kw != AO_JS_KW_IN && t->kw != AO_JS_KW_INSTANCEOF &&
        t->kw != AO_JS_KW_EXTENDS) ||
       t->kind == AO_JS_NUMBER || t->kind == AO_JS_STRING ||
       t->kind == AO_JS_PRIVATE ||
       (t->kind == AO_JS_PUNCT && t->len == 1 && (p[0] == '!' || p[0] == '~'))))) {
    /* right after an operand (never in an expression): out of the
       parentheses it could start a statement */
    not_expression(g);
    return;
  }
  switch(t->kind) {
  case AO_JS_NUMBER: case AO_JS_STRING: case AO_JS_REGEX:
  case AO_JS_TEMPLATE: case AO_JS_PRIVATE:
    return;
  case AO_JS_NAME:
    switch(t->kw) {
    case AO_JS_KW_NONE: case AO_JS_KW_THIS: case AO_JS_KW_NULL:
    case AO_JS_KW_TRUE: case AO_JS_KW_FALSE: case AO_JS_KW_SUPER:
    case AO_JS_KW_TYPEOF: case AO_JS_KW_VOID: case AO_JS_KW_DELETE:
    case AO_JS_KW_NEW: case AO_JS_KW_LET: case AO_JS_KW_STATIC:
    case AO_JS_KW_OF: case AO_JS_KW_GET: case AO_JS_KW_SET:
    case AO_JS_KW_FROM: case AO_JS_KW_AS:
      return;
    case AO_JS_KW_IN: case AO_JS_KW_INSTANCEOF:
      if(P_REL < g->minp)
        g->minp = P_REL;
      return;
    case AO_JS_KW_IF: case AO_JS_KW_FOR: case AO_JS_KW_WHILE: case AO_JS_KW_DO:
    case AO_JS_KW_VAR: case AO_JS_KW_CONST: case AO_JS_KW_RETURN:
    case AO_JS_KW_THROW: case AO_JS_KW_BREAK: case AO_JS_KW_CONTINUE:
    case AO_JS_KW_SWITCH: case AO_JS_KW_TRY: case AO_JS_KW_CATCH:
    case AO_JS_KW_FINALLY: case AO_JS_KW_WITH: case AO_JS_KW_DEBUGGER:
    case AO_JS_KW_ELSE: case AO_JS_KW_CASE: case AO_JS_KW_DEFAULT:
    case AO_JS_KW_EXPORT: case AO_JS_KW_ENUM:
      /* a statement is no expression: what the tokenizer read in the
         parentheses could read otherwise without them */
      not_expression(g);
      return;
    default:
      g->eflags |= E_OTHER;
      return;
    }
  case AO_JS_PUNCT:
    if(t->len == 1) {
      switch(p[0]) {
      case '(': case '[': case '{': case ')': case ']': case '}':
      case '.': case '!': case '~':
      case ',':   /* counted apart: a trailing one goes, any other keeps E */
        return;
      case ':':   /* only as the end of a '?' of E: else it would meet a
                     '?' outside */
        if(g->tern)
          g->tern--;
        else
          g->bits |= Q_FLAG;
        return;
      case '?':
        g->minp = P_COND;
        if(g->tern < 255)
          g->tern++;
        else
          g->bits |= Q_FLAG;
        return;
      case ';':   /* not an expression: the parentheses always stay */
        not_expression(g);
        return;
      case '+': case '-':
        if(pv->t.regex_ok)
          return;   /* unary */
        break;
      default:
        break;
      }
    }
    else if(t->len == 2 && (p[0] == '+' || p[0] == '-') && p[1] == p[0]) {
      if(t->nl_before && !pv->t.regex_ok) {
        not_expression(g);   /* a\n++ in parentheses: no ';' */
      }
      return;
    }
    else if(t->len == 2 && p[0] == '?' && p[1] == '.')
      return;
    pr = binop_prec(src, t);
    if(!pr || pr == P_POW) {
      g->eflags |= E_OTHER;
      return;
    }
    if(pr == P_OR || pr == P_AND)
      g->eflags |= is_nullish(src, t) ? E_NULLISH : E_LOGIC;
    if(pr < g->minp)
      g->minp = (uint8_t)pr;
    return;
  default:
    g->eflags |= E_OTHER;
    return;
  }
}

/* The binary operator l (with lp the token before it), or 0. */
static int left_binop(const unsigned char *src, const qtok *l, const qtok *lp)
{
  int pr = binop_prec(src, &l->t);
  if(!pr || pr == P_POW)
    return 0;
  if(l->t.kind == AO_JS_PUNCT && l->t.len == 1 &&
     (src[l->t.off] == '+' || src[l->t.off] == '-') &&
     (!lp || lp->t.regex_ok))
    return 0;   /* unary + - */
  return pr;
}

/* ---- undefined as void 0 ---------------------------------------------- */

#define NO_UP ((size_t)-1)

static int is_p1(const unsigned char *src, const qtok *x, unsigned char c)
{
  return x && x->t.kind == AO_JS_PUNCT && x->t.len == 1 && src[x->t.off] == c;
}

static const qtok *prev_real(const tq *z, size_t i)
{
  while(i--)
    if(!is_comment(&z->v[i]))
      return &z->v[i];
  return NULL;
}

static const qtok *next_real(const tq *z, size_t i)
{
  while(++i < z->n)
    if(!is_comment(&z->v[i]))
      return &z->v[i];
  return NULL;
}

/* An assignment operator: = += -= … &&= ||= ??= (not == != <= >=). */
static int is_assign(const unsigned char *src, const mtok *t)
{
  const unsigned char *p = src + t->off;
  if(t->kind != AO_JS_PUNCT || p[t->len - 1] != '=')
    return 0;
  if(t->len == 1)
    return 1;
  if(p[t->len - 2] == '=')
    return 0;
  return !(t->len == 2 && (p[0] == '!' || p[0] == '<' || p[0] == '>'));
}

/* Does x end an operand, so that '(' or '[' after it is a call or a member
 * access? */
static int ends_operand(const qtok *x)
{
  if(!x || x->t.regex_ok)
    return 0;
  if(x->t.kind == AO_JS_NAME)
    return x->t.kw == AO_JS_KW_NONE || x->t.kw == AO_JS_KW_THIS ||
           x->t.kw == AO_JS_KW_SUPER;
  return 1;
}

/* After x, is what comes next surely an expression (never a binding, a
 * target or a property name)? */
static int expr_after(const unsigned char *src, const qtok *x)
{
  if(!x)
    return 0;
  const mtok *t = &x->t;
  if(t->kind == AO_JS_TEMPLATE_HEAD || t->kind == AO_JS_TEMPLATE_MIDDLE)
    return 1;
  if(t->kind == AO_JS_NAME)
    switch(t->kw) {
    case AO_JS_KW_RETURN: case AO_JS_KW_TYPEOF: case AO_JS_KW_VOID:
    case AO_JS_KW_THROW: case AO_JS_KW_CASE: case AO_JS_KW_IN:
    case AO_JS_KW_INSTANCEOF:
      return 1;
    default:
      return 0;
    }
  if(t->kind != AO_JS_PUNCT)
    return 0;
  const unsigned char *p = src + t->off;
  if(t->len == 1 && (p[0] == '?' || p[0] == '!' || p[0] == '~'))
    return 1;
  if(t->len == 1 && (p[0] == '*'))
    return 0;   /* function* name */
  if(t->len == 2 && p[0] == '=' && p[1] == '>')
    return 1;
  if(t->len == 2 && (p[0] == '+' || p[0] == '-') && p[1] == p[0])
    return 0;   /* ++ -- need a target */
  return is_assign(src, t) || binop_prec(src, t);
}

/* The occurrence of undefined at i: 1 an expression void 0 can replace,
 * 0 one to leave (a property name, a callee), -1 one that might be a
 * binding or an assignment target (then none in the file is replaced).
 * ui: the innermost bracket open around it. */
static int undef_use(const tq *z, uint32_t ui, size_t i,
                     const unsigned char *src)
{
  const qtok *x = &z->v[i], *p = prev_real(z, i), *n = next_real(z, i);
  if(p && p->t.kind == AO_JS_PUNCT && p->t.len <= 2 &&
     src[p->t.off + p->t.len - 1] == '.')
    return 0;   /* .undefined ?.undefined */
  if(n && n->t.kind == AO_JS_PUNCT && n->t.len <= 2) {
    const unsigned char *q = src + n->t.off;
    if(n->t.len == 1 && q[0] == ':' && x->t.ctx == AO_JS_CTX_OBJ &&
       (is_p1(src, p, '{') || is_p1(src, p, ',')))
      return 0;   /* { undefined: … } */
    if(n->t.len == 1 && q[0] == '(') {
      if(p && ((p->t.kind == AO_JS_NAME &&
                (p->t.kw == AO_JS_KW_FUNCTION || p->t.kw == AO_JS_KW_ASYNC ||
                 p->t.kw == AO_JS_KW_GET || p->t.kw == AO_JS_KW_SET ||
                 p->t.kw == AO_JS_KW_STATIC)) || is_p1(src, p, '*')))
        return -1;
      return 0;
    }
  }
  /* what follows must end the operand (void 0 is a unary expression) */
  if(n) {
    const mtok *t = &n->t;
    const unsigned char *q = src + t->off;
    int ok = 0;
    if(t->kind == AO_JS_EOF || t->kind == AO_JS_TEMPLATE_MIDDLE ||
       t->kind == AO_JS_TEMPLATE_TAIL)
      ok = 1;
    else if(t->kind == AO_JS_PUNCT && t->len == 1 &&
            strchr(")]},;:?", q[0]))
      ok = 1;
    else if(is_assign(src, t) || (t->kind == AO_JS_PUNCT && t->len == 2 &&
                                  q[0] == '=' && q[1] == '>'))
      return -1;
    else if(t->kind == AO_JS_PUNCT && t->len == 2 && q[1] == q[0] &&
            (q[0] == '+' || q[0] == '-'))
      return t->nl_before ? 0 : -1;
    else if(binop_prec(src, t) && binop_prec(src, t) != P_POW)
      ok = 1;
    else if(t->nl_before && (t->kind == AO_JS_NAME || t->kind == AO_JS_NUMBER ||
                             t->kind == AO_JS_STRING ||
                             (t->kind == AO_JS_PUNCT && t->len == 1 &&
                              strchr("{!~", q[0]))))
      ok = 1;   /* a new statement */
    else if(t->kind == AO_JS_PUNCT && (q[0] == '.' || q[0] == '[' ||
                                       (q[0] == '?' && t->len == 2 && q[1] == '.') ||
                                       (q[0] == '*' && t->len == 2 && q[1] == '*')))
      return 0;
    else if(t->kind == AO_JS_TEMPLATE || t->kind == AO_JS_TEMPLATE_HEAD)
      return 0;
    if(!ok)
      return -1;
  }
  /* what comes before: an operator, or a bracket to look through */
  uint32_t c = ui;   /* the bracket around */
  const qtok *cp = p;
  for(;;) {
    if(expr_after(src, cp))
      return 1;
    if(!cp)
      return -1;
    if(is_p1(src, cp, ':') &&
       (c == UP_NONE || z->v[c].t.ctx != AO_JS_CTX_OBJ))
      return 1;   /* ?: case label */
    if(!(is_p1(src, cp, '(') || is_p1(src, cp, ',') || is_p1(src, cp, '[') ||
         is_p1(src, cp, ':')))
      return -1;
    if(c == UP_NONE)
      return -1;
    const qtok *g = &z->v[c];
    if(g->t.kind == AO_JS_TEMPLATE_HEAD || g->t.kind == AO_JS_TEMPLATE_MIDDLE)
      return 1;
    unsigned char oc = src[g->t.off];
    const qtok *gp = prev_real(z, c), *gn = next_real(z, g->match);
    if(oc == '{') {
      if(g->t.ctx != AO_JS_CTX_OBJ || !is_p1(src, cp, ':'))
        return -1;   /* a block, a shorthand property */
    }
    else if(oc == '(') {
      if(g->t.ctx == AO_JS_CTX_FNDECL || g->t.ctx == AO_JS_CTX_FNEXPR)
        return -1;   /* parameters */
      if(g->t.ctx == AO_JS_CTX_CTRL)
        return gp && gp->t.kind == AO_JS_NAME &&
               (gp->t.kw == AO_JS_KW_IF || gp->t.kw == AO_JS_KW_WHILE ||
                gp->t.kw == AO_JS_KW_SWITCH) ? 1 : -1;
      if(gn && gn->t.kind == AO_JS_PUNCT && gn->t.len == 2 &&
         src[gn->t.off] == '=' && src[gn->t.off + 1] == '>')
        return -1;   /* arrow parameters */
      if(ends_operand(gp))
        return 1;    /* arguments */
    }
    else if(oc == '[') {
      if(ends_operand(gp))
        return 1;    /* a computed member */
    }
    else
      return -1;
    /* an array, object or parenthesized group: never a target */
    if(gn && (is_assign(src, &gn->t) ||
              (gn->t.kind == AO_JS_PUNCT && gn->t.len == 2 &&
               ((src[gn->t.off] == '=' && src[gn->t.off + 1] == '>') ||
                ((src[gn->t.off] == '+' || src[gn->t.off] == '-') &&
                 src[gn->t.off] == src[gn->t.off + 1]))) ||
              (gn->t.kind == AO_JS_NAME && gn->t.kw == AO_JS_KW_OF)))
      return -1;
    c = up_of(z, c);
    cp = gp;
  }
}

/* Marks the occurrences of undefined to write as void 0: all of them, or
 * none when one might be a binding or a target. */
static void mark_undefined(tq *z, const unsigned char *src)
{
  for(size_t q = 0; q < z->nundef; q++) {
    size_t i = z->undefs[q];
    int u = undef_use(z, z->ups[q], i, src);
    if(u < 0) {
      for(size_t k = 0; k < q; k++)
        z->v[z->undefs[k]].bits &= (uint8_t)~Q_UNDEF;
      return;
    }
    if(u > 0)
      z->v[i].bits |= Q_UNDEF;
  }
}

/* Does E in "(E)" (j: its ')') end with an operand, so that a '/' after it
 * stays a division? A trailing comma, which goes, is looked through. */
static int ends_group_operand(const tq *z, size_t j, const unsigned char *src)
{
  const qtok *e = &z->v[j - 1];
  if(is_p1(src, e, ',') && j >= 2)
    e = &z->v[j - 2];
  return !is_comment(e) && !e->t.regex_ok;
}

/* What the top level of the group opened at i tells (its flag, minp,
 * eflags and tern, see note_in_group), worked out once. Nested brackets and
 * template substitutions are stepped over by their matches. */
static void group_facts(tq *z, size_t i, const unsigned char *src)
{
  qtok *g = &z->v[i];
  if(g->eflags & E_SEEN)
    return;
  g->eflags |= E_SEEN;
  const qtok *pv = g;
  size_t j = g->match;
  for(size_t k = i + 1; k < j;) {
    const qtok *x = &z->v[k];
    if(is_comment(x)) {
      k++;
      continue;
    }
    note_in_group(g, x, pv, src);
    pv = x;
    if(x->t.kind == AO_JS_TEMPLATE_HEAD ||
       (x->t.kind == AO_JS_PUNCT && x->t.len == 1 &&
        (src[x->t.off] == '(' || src[x->t.off] == '[' ||
         src[x->t.off] == '{'))) {
      size_t e = x->match;   /* a template: its middles lead to its tail */
      while(z->v[e].t.kind == AO_JS_TEMPLATE_MIDDLE)
        e = z->v[e].match;
      pv = &z->v[e];
      k = e + 1;
    }
    else
      k++;
  }
}

/* The group opened at i, with the tokens before it that stay (every drop
 * before it decided): *l is the one right before it, and the result says
 * what the left side allows: -1 nothing, 0 any expression, else the
 * precedence of the binary operator on its left (see group_goes). */
static int group_left(tq *z, size_t i, const unsigned char *src,
                       const qtok **lo)
{
  qtok *x = &z->v[i];
  const qtok *l = NULL, *lp = NULL;
  size_t k = i;
  while(k--)
    if(!(z->v[k].bits & Q_DROP) && !is_comment(&z->v[k])) {
      l = &z->v[k];
      break;
    }
  while(l && k--)
    if(!(z->v[k].bits & Q_DROP) && !is_comment(&z->v[k])) {
      lp = &z->v[k];
      break;
    }
  int pl = -1;
  if(l && !(x->bits & Q_FLAG) && x->match > i + 1) {
    pl = paren_left_ok(src, l) ? 0 : left_binop(src, l, lp);
    if(!pl && !paren_left_ok(src, l))
      pl = -1;
    if(pl >= 0) {
      group_facts(z, i, src);   /* only where the group might go */
      if(x->bits & Q_FLAG)
        pl = -1;
    }
  }
  *lo = l;
  return pl;
}

/* Would the parentheses of the group opened at i go, with l (and pl, see
 * drop_parens) before it, were its top level to hold operators down to
 * minp and the facts eflags? */
static int group_goes(const tq *z, size_t i, const qtok *l, int pl,
                      uint8_t minp, uint8_t eflags, const unsigned char *src)
{
  const qtok *x = &z->v[i];
  if(pl > 0 && (eflags & E_OTHER))
    pl = -1;
  if(pl >= 0 && pl && minp <= pl)
    pl = -1;   /* a - (b - c) */
  if(pl < 0)
    return 0;
  size_t j = x->match, f = i + 1, r = j + 1;
  while(f < j && is_comment(&z->v[f]))
    f++;
  while(r < z->n && ((z->v[r].bits & Q_DROP) || is_comment(&z->v[r])))
    r++;
  const qtok *fq = &z->v[f];
  int first_ok = f < j && !is_p1(src, &z->v[f], ',');   /* not (,) */
  if(first_ok && fq->t.kind == AO_JS_PUNCT && src[fq->t.off] == '{' &&
     (tok_is(src, &l->t, "=>") || tok_is(src, &l->t, ":")))
    first_ok = 0;
  if(first_ok && tok_is(src, &l->t, ":") && fq->t.kind == AO_JS_NAME &&
     (fq->t.kw == AO_JS_KW_FUNCTION || fq->t.kw == AO_JS_KW_CLASS ||
      fq->t.kw == AO_JS_KW_LET || fq->t.kw == AO_JS_KW_ASYNC))
    first_ok = 0;
  if(!first_ok || r >= z->n)
    return 0;
  int ok = 0;
  const qtok *rq = &z->v[r];
  int pr = 0;
  if(paren_right_ok(src, rq, l) ||
     (pl && rq->t.kind == AO_JS_PUNCT && rq->t.len == 1 &&
      src[rq->t.off] == ':'))
    ok = !pl || !(eflags & E_OTHER);
  else if(!(eflags & E_OTHER) && !is_comment(&z->v[j + 1 < z->n ? j + 1 : j]) &&
          ends_group_operand(z, j, src)) {
    /* (E) op …: E binds at least as tightly as the left-associative
     * op after it (a '?' after it: more tightly) */
    if(rq->t.kind == AO_JS_PUNCT && rq->t.len == 1 && src[rq->t.off] == '?')
      ok = minp > P_COND;
    else if((pr = binop_prec(src, &rq->t)) && pr != P_POW)
      ok = minp >= pr;
  }
  /* '??' never mixes with '||' or '&&' without parentheses */
  if(ok && (eflags & (E_LOGIC | E_NULLISH))) {
    int ln = pl == P_OR && is_nullish(src, &l->t);
    int rn = pr == P_OR && is_nullish(src, &rq->t);
    int lo = (pl == P_OR || pl == P_AND) && !ln;
    int ro = (pr == P_OR || pr == P_AND) && !rn;
    if(((eflags & E_LOGIC) && (ln || rn)) ||
       ((eflags & E_NULLISH) && (lo || ro)))
      ok = 0;
  }
  return ok;
}

/* Does the group opened at i hold only strings joined by '+' (and maybe a
 * trailing comma), which the writer makes one string? Dropped parentheses
 * inside it count for nothing. */
static int strings_joined(const tq *z, size_t i, const unsigned char *src)
{
  size_t j = z->v[i].match, n = 0;
  for(size_t k = i + 1; k < j; k++) {
    const qtok *q = &z->v[k];
    if(q->bits & Q_DROP)
      continue;
    if(n % 2 == 0 ? q->t.kind != AO_JS_STRING : !is_p1(src, q, '+'))
      return is_p1(src, q, ',') && n % 2 == 1 && n >= 3 && k + 1 == j;
    n++;
  }
  return n % 2 == 1 && n >= 3;
}

/* Marks redundant parentheses: "(E)" after = , ( [ ? : => return throw case
 * and before ; ) ] } , (or : after ? and case), where E has no top-level
 * comma or 'in' and does not start what the context would read otherwise. */
static ao_status drop_parens(tq *z, const unsigned char *src)
{
  if(z->nundef && !z->undef_no)
    mark_undefined(z, src);
  /* each '(' in order, with the two tokens before it that stay (every drop
   * before it is decided by then) */
  const uint32_t *opens = z->opens;
  size_t nopen = z->nopen;
  for(size_t q = 0; q < nopen; q++) {
    size_t i = opens[q];
    qtok *x = &z->v[i];
    /* the tokens are far behind the cache by now: ask for those of the
       groups ahead, the opening one first, its closing one later */
    if(q + 16 < nopen) {
      __builtin_prefetch(&z->v[opens[q + 16] - 1]);
      __builtin_prefetch(&z->v[opens[q + 16]].match);
    }
    if(q + 8 < nopen)
      __builtin_prefetch(&z->v[z->v[opens[q + 8]].match]);
    const qtok *l;
    int pl = group_left(z, i, src, &l);
    size_t j = x->match, f = i + 1;
    if(group_goes(z, i, l, pl, x->minp, x->eflags, src)) {
      while(f < j && is_comment(&z->v[f]))
        f++;
      x->bits |= Q_DROP;
      z->v[j].bits |= Q_DROP;
      if(is_p1(src, &z->v[j - 1], ','))
        z->v[j - 1].bits |= Q_DROP;   /* a trailing comma would stay behind */
      z->v[f].t.nl_before = 0;
    }
  }
  /* kept groups that hold only strings joined by '+' (once every drop is
   * decided): the writer leaves those strings apart where the group would
   * go once they were one string */
  for(size_t q = 0; q < nopen; q++) {
    size_t i = opens[q];
    qtok *x = &z->v[i];
    if(q + 16 < nopen)
      __builtin_prefetch(&z->v[opens[q + 16]]);
    if((x->bits & Q_DROP) || !strings_joined(z, i, src))
      continue;
    const qtok *l;
    int pl = group_left(z, i, src, &l);
    if(pl >= 0 && group_goes(z, i, l, pl, P_NONE, 0, src))
      x->eflags |= E_GROUP;
  }
  /* keep what is left */
  size_t k = 0;
  while(k < z->n && !(z->v[k].bits & Q_DROP))
    k++;
  for(size_t i = k; i < z->n; i++)
    if(!(z->v[i].bits & Q_DROP))
      z->v[k++] = z->v[i];
  z->n = k;
  return AO_OK;
}

/* what the minifier remembers of the previous real token */
typedef struct prev {
  int have;
  size_t off, len;
  uint8_t kind, kw, regex_ok, punct;  /* punct: the byte of a 1-byte punct */
  uint8_t fn_paren, arrow_end;
  uint8_t binary;   /* '+' or '-' as a binary operator */
} prev;

static int punct_is(const unsigned char *src, const mtok *t, const char *p)
{
  if(t->kind != AO_JS_PUNCT || src[t->off] != (unsigned char)p[0])
    return 0;
  size_t n = p[1] ? (p[2] ? 3 : 2) : 1;
  return t->len == n && (n == 1 || !memcmp(src + t->off, p, n));
}

/* A line break between a and b: must it stay? */
static int keep_newline(const prev *a, const mtok *b,
                        const unsigned char *bs)
{
  if(!a->have)
    return 0;
  if(b->kind == AO_JS_PUNCT && b->len == 2 && (bs[0] == '+' || bs[0] == '-') &&
     bs[1] == bs[0])
    return 1;   /* a\n++b is a; ++b */
  if(a->kind == AO_JS_NAME) {
    switch(a->kw) {
    case AO_JS_KW_RETURN: case AO_JS_KW_THROW: case AO_JS_KW_BREAK:
    case AO_JS_KW_CONTINUE: case AO_JS_KW_YIELD: case AO_JS_KW_AWAIT:
    case AO_JS_KW_ASYNC: case AO_JS_KW_DEBUGGER: case AO_JS_KW_LET:
    case AO_JS_KW_OF: case AO_JS_KW_GET: case AO_JS_KW_SET:
    case AO_JS_KW_STATIC:
      return 1;
    default:
      break;
    }
  }
  /* can a statement end after a? */
  if(a->regex_ok && !a->arrow_end)
    return 0;
  if(a->kind == AO_JS_PUNCT && a->punct == ')' && a->fn_paren &&
     b->kind == AO_JS_PUNCT && b->len == 1 && bs[0] == '{')
    return 0;   /* function f()\n{ */
  /* can b only start a new statement (so ASI put a ';' here)? */
  switch(b->kind) {
  case AO_JS_NAME:
    return b->kw != AO_JS_KW_IN && b->kw != AO_JS_KW_INSTANCEOF;
  case AO_JS_NUMBER: case AO_JS_STRING: case AO_JS_PRIVATE:
  case AO_JS_REGEX:
    return 1;
  case AO_JS_PUNCT:
    return b->len == 1 && (bs[0] == '{' || bs[0] == '!' || bs[0] == '~');
  default:
    return 0;   /* ( [ ` + - / . ?. and binary operators continue */
  }
}

/* May a string literal after a be joined with a following "+ 'literal'"?
 * Only where nothing before it binds tighter than '+' and it cannot be a
 * directive. */
static int fold_left_ok(const prev *a, const unsigned char *src)
{
  if(!a->have)
    return 0;
  if(a->kind == AO_JS_TEMPLATE_HEAD || a->kind == AO_JS_TEMPLATE_MIDDLE)
    return 1;
  if(a->kind == AO_JS_NAME)
    return a->kw == AO_JS_KW_RETURN || a->kw == AO_JS_KW_CASE ||
           a->kw == AO_JS_KW_THROW || a->kw == AO_JS_KW_IN ||
           a->kw == AO_JS_KW_INSTANCEOF;
  if(a->kind != AO_JS_PUNCT)
    return 0;
  const unsigned char *p = src + a->off;
  size_t n = a->len;
  switch(p[0]) {
  case '(': case '[': case ',': case ':': case '?': case '^':
    return n == 1 || p[0] == '?';   /* ?? ??= */
  case '!':
    return n >= 2;   /* != !==, never the unary ! */
  case '=': case '<': case '>': case '&': case '|':
    return 1;   /* = == === => < <= << <<= > >= >> >>> && || ... */
  case '+':
    return n == 1 ? a->binary : p[1] == '=';
  case '-': case '*': case '/': case '%':
    return n >= 2 && p[n - 1] == '=' && p[n - 2] != '=';   /* -= *= **= /= %= */
  default:
    return 0;
  }
}

/* Does a token in the context ctx (what its innermost bracket opened)
 * stand among statements? */
static int stmt_ctx(uint8_t ctx)
{
  return ctx == AO_JS_CTX_BLOCK || ctx == AO_JS_CTX_FNBODY ||
         ctx == AO_JS_CTX_ARROW;
}

/* After "'a' + 'b'": does the next token let the join stand? */
static int fold_right_ok(const qtok *x, const unsigned char *src)
{
  const mtok *t = &x->t;
  const unsigned char *p = src + t->off;
  switch(t->kind) {
  case AO_JS_TEMPLATE: case AO_JS_TEMPLATE_HEAD: case AO_JS_REGEX:
    return 0;
  case AO_JS_NAME:
    if(t->kw == AO_JS_KW_IN || t->kw == AO_JS_KW_INSTANCEOF)
      return 1;
    /* only where ASI ends the expression: never inside brackets */
    return t->nl_before && stmt_ctx(x->t.ctx);
  case AO_JS_NUMBER: case AO_JS_STRING: case AO_JS_PRIVATE:
    return t->nl_before && stmt_ctx(x->t.ctx);
  case AO_JS_PUNCT:
    /* what may follow an operand and binds more loosely than '+' */
    switch(p[0]) {
    case ')': case ']': case '}': case ',': case ';': case ':': case '^':
      return 1;
    case '=':   /* == ===, not = => */
      return t->len >= 2 && p[1] == '=';
    case '!':   /* != !==, not the unary ! */
      return t->len >= 2;
    case '<': case '>': case '&': case '|':
      return 1;   /* < <= << > >= >> >>> & && | || and their assignments */
    case '?':
      return t->len == 1 || p[1] == '?';   /* not ?. */
    case '+': case '-':
      if(t->len == 2 && p[1] == p[0])   /* ++ -- after ASI only */
        return t->nl_before && stmt_ctx(x->t.ctx);
      return t->len == 1;
    default:
      return 0;   /* ( [ . * / % ~ ... => and what no operand precedes */
    }
  default:
    return 1;
  }
}

/* Before "'a' + 'b' …": do the '+ string' pairs ahead run up to a ')'? */
static int whole_group_fold(tq *z, const unsigned char *src)
{
  for(unsigned k = 0;; k += 2) {
    const qtok *q0 = tq_peek(z, k), *q1 = tq_peek(z, k + 1);
    if(!punct_is(src, &q0->t, "+") || q1->t.kind != AO_JS_STRING)
      return k > 0 && (punct_is(src, &q0->t, ")") ||
                       (punct_is(src, &q0->t, ",") &&
                        punct_is(src, &q1->t, ")")));
  }
}

/* Does the string literal s[0, n) end in an octal escape (\0, \12, \377)
 * that a digit after it would extend? */
static int ends_in_octal_escape(const unsigned char *s, size_t n)
{
  size_t e = n - 1, i = e;   /* s[e] is the closing quote */
  while(i > 1 && e - i < 3 && s[i - 1] >= '0' && s[i - 1] <= '7')
    i--;
  if(i == e || i < 2 || s[i - 1] != '\\')
    return 0;
  size_t b = 0;   /* backslashes before the digits: an odd run escapes */
  while(i - 1 - b >= 1 && s[i - 1 - b] == '\\')
    b++;
  return b % 2 == 1;
}

/* Writes the tokens from z->pos on that no rule below touches: names and
 * punctuators on the line of the one before, written as they are (not a
 * name spelling undefined or a property name in an object literal; ',' ';'
 * and '(' only where the main loop would write them as they are). Returns
 * how many; *a2 follows new a.b.c as the main loop
 * does. */
/* a as the main loop leaves it after writing l as it is (but binary) */
static AO_HOT_INLINE void prev_of(prev *a, const qtok *l,
                                   const unsigned char *src)
{
  uint8_t lp = l->t.kind == AO_JS_PUNCT && l->t.len == 1 ? src[l->t.off] : 0;
  a->have = 1;
  a->off = l->t.off;
  a->len = l->t.len;
  a->kind = l->t.kind;
  a->kw = l->t.kw;
  a->regex_ok = l->t.regex_ok;
  a->punct = lp;
  a->fn_paren = lp == ')' && fn_paren(l);
  a->arrow_end = lp == '}' && arrow_end(l);
  a->binary = 0;
}

/* May the ';' (in context ctx) after a go when '}' or the end follows?
 * Never an empty statement (after if(…), else, do, a label, ';'), which
 * could be needed. */
static int semi_goes(const prev *a, uint8_t ctx)
{
  return a->have && ctx != AO_JS_CTX_OBJ &&
         (!a->regex_ok || a->arrow_end ||
          (a->kind == AO_JS_PUNCT && a->punct == '}') ||
          (a->kind == AO_JS_NAME &&
           (a->kw == AO_JS_KW_RETURN || a->kw == AO_JS_KW_BREAK ||
            a->kw == AO_JS_KW_CONTINUE || a->kw == AO_JS_KW_DEBUGGER ||
            a->kw == AO_JS_KW_YIELD || a->kw == AO_JS_KW_AWAIT)));
}

/* The token before x: a0 for the first of a run, else as x - 1 left it. */
static const prev *prev_at(const qtok *x, const qtok *x0, const prev *a0,
                           prev *tmp, const unsigned char *src)
{
  if(x == x0)
    return a0;
  prev_of(tmp, x - 1, src);
  return tmp;
}

/* Writes the tokens from z->pos on that the rules of the main loop leave
 * as they are: names and punctuators (not a name spelling undefined or a
 * property name in an object literal; ',' ';' and '(' only where no rule
 * applies), with the line breaks the main loop would keep. a0 is the main
 * loop's last token, *pending and droppable its pending ';' (resolved here
 * when the run goes on). Returns how many; *a2 follows new a.b.c as the
 * main loop does. */
static AO_NOINLINE size_t write_plain(writer *w, const tq *z,
                                      const unsigned char *src, size_t len,
                                      int *a2, const prev *a0, int *pending,
                                      int droppable)
{
  const unsigned char *lim = src + len + AO_PAD;
  const qtok *x = z->v + z->pos, *x0 = x;
  int n2 = *a2;
  for(;; x++) {   /* the EOF token ends it */
    const mtok *t = &x->t;
    const unsigned char *ts = src + t->off;
    unsigned char p1 = t->kind == AO_JS_PUNCT && t->len == 1 ? ts[0] : 0;
    prev tmp;
    if(*pending) {   /* only before the first */
      if(t->kind == AO_JS_EOF || is_comment(x) || p1 == ',')
        break;
      if(!(p1 == '}' && droppable))
        put_token(w, (const unsigned char *)";", 1, AO_JS_PUNCT);
      *pending = 0;
    }
    if(t->kind == AO_JS_NAME) {
      if((x->bits & Q_UNDEF) || t->ctx == AO_JS_CTX_OBJ)
        break;
      n2 = t->kw == AO_JS_KW_NEW ? 1 : !t->kw && n2 == 1 ? 2 : 0;
    }
    else if(t->kind == AO_JS_PUNCT) {
      const mtok *y = &x[1].t;
      if(p1 == ',') {
        /* not before a closing bracket (a trailing ','), the end or a
           comment */
        if(is_closer(src, y) || y->kind == AO_JS_EOF ||
           y->kind == AO_JS_LINE_COMMENT || y->kind == AO_JS_BLOCK_COMMENT)
          break;
      }
      else if(p1 == ';') {
        /* not before the end, a comment or ',' (which could go first) */
        if(y->kind == AO_JS_EOF || y->kind == AO_JS_LINE_COMMENT ||
           y->kind == AO_JS_BLOCK_COMMENT ||
           (y->kind == AO_JS_PUNCT && y->len == 1 && src[y->off] == ','))
          break;
      }
      else if(p1 == '(') {
        /* not where (a) => a or new X() could apply */
        const prev *pa = prev_at(x, x0, a0, &tmp, src);
        if(pa->regex_ok || n2 == 2 ||
           !(pa->kind == AO_JS_NAME ? pa->kw != AO_JS_KW_ASYNC
                                    : pa->kind == AO_JS_PUNCT &&
                                      (pa->punct == ')' || pa->punct == ']')))
          break;
      }
      n2 = p1 == '.' && n2 == 2;
    }
    else
      break;
    if(p1 == ';') {
      /* before '}': it goes where it may */
      const mtok *y = &x[1].t;
      if(y->kind == AO_JS_PUNCT && y->len == 1 && src[y->off] == '}' &&
         semi_goes(prev_at(x, x0, a0, &tmp, src), t->ctx))
        continue;
    }
    else if(t->nl_before && keep_newline(prev_at(x, x0, a0, &tmp, src), t, ts) &&
            last_byte(w) != '\n') {
      putc1(w, '\n');
      w->sep = 1;
    }
    put_token_in(w, ts, t->len, t->kind, lim);
    if(w->b->err)
      break;
  }
  *a2 = n2;
  return (size_t)(x - x0);
}

static ao_status minify_tokens(const unsigned char *src, size_t len,
                               const ao_js_opts *o, ao_buf *out, ao_diags *d)
{
  ao_js_opts defaults;
  if(!o) {
    ao_js_opts_init(&defaults);
    o = &defaults;
  }
  if(len > UINT32_MAX / 2)
    return AO_LIMIT;   /* token offsets are kept in 32 bits */
  ao_js_lex *lx = ao_malloc(sizeof(*lx));
  if(!lx)
    return AO_NOMEM;
  ao_js_lex_init(lx, src, len, AO_JS_LEX_LEGAL_COMMENTS);
  tq z = { .cls = NO_CLASS, .comma = UP_NONE };
  const size_t old = out->len;
  writer w = { .b = out, .sep = 1 };
  ao_buf eof = AO_BUF_INIT(0), tmp = AO_BUF_INIT(0), fold = AO_BUF_INIT(0);
  prev a = { 0 };
  const qtok *aq = NULL;   /* the token behind a */
  int pending_semi = 0, semi_droppable = 0, line_open = 0, a2_new = 0;
  ao_status s = tq_fill(&z, lx, src, o, &eof);
  if(!s)
    s = drop_parens(&z, src);
  if(!s)
    s = ao_buf_reserve(out, len + 64);   /* the output is rarely larger */
  unsigned char num[64];
  while(!s && !out->err) {
    if(!line_open) {
      /* most tokens: a run written as is */
      size_t m = write_plain(&w, &z, src, len, &a2_new, &a, &pending_semi,
                             semi_droppable);
      if(m) {
        const qtok *l = z.v + z.pos + m - 1;   /* the last of the run */
        uint8_t lp = l->t.kind == AO_JS_PUNCT && l->t.len == 1 ? src[l->t.off] : 0;
        uint8_t was_end;   /* the token before l ends an operand */
        if(m >= 2) {
          const qtok *k = l - 1;
          was_end = !k->t.regex_ok ||
                    (k->t.kind == AO_JS_PUNCT && k->t.len == 1 &&
                     src[k->t.off] == '}' && arrow_end(k));
        }
        else
          was_end = a.have && (!a.regex_ok || a.arrow_end);
        tq_pop(&z, (unsigned)m);
        aq = l;
        prev_of(&a, l, src);
        a.binary = (lp == '+' || lp == '-') && was_end;
        if(out->err)
          break;
      }
    }
    const qtok *cur = tq_peek(&z, 0);
    tq_pop(&z, 1);
    const mtok *t = &cur->t;
    uint8_t kind = t->kind;   /* as written (undefined: a number, 0) */
    const unsigned char *ts = src + t->off;
    /* the byte of a one-byte punctuator, else 0 (read once: the writes to
       the output could alias it for the compiler) */
    const unsigned char p1 = t->kind == AO_JS_PUNCT && t->len == 1 ? ts[0] : 0;
    if(t->kind == AO_JS_HASHBANG) {
      put(&w, ts, t->len);
      putc1(&w, '\n');
      w.sep = 1;
      continue;
    }
    if(t->kind == AO_JS_LINE_COMMENT || t->kind == AO_JS_BLOCK_COMMENT) {
      int map = is_map_url(ts, t->len);
      if(pending_semi) {
        if(line_open) {   /* never into the line comment before it */
          putc1(&w, '\n');
          line_open = 0;
        }
        put_token(&w, (const unsigned char *)";", 1, AO_JS_PUNCT);
        pending_semi = 0;
      }
      if(line_open || (map && last_byte(&w) != '\n'))
        putc1(&w, '\n');
      else if(last_byte(&w) == '/')
        putc1(&w, ' ');
      line_open = 0;
      put(&w, ts, t->len);
      w.sep = 1;
      if(t->kind == AO_JS_LINE_COMMENT)
        line_open = 1;
      continue;
    }
    /* a trailing comma before ) ] } goes, except after an elision
     * (before a pending ';' is written: it may then go too) */
    if(p1 == ',') {
      qtok *q0 = tq_peek(&z, 0);
      if(q0 && (punct_is(src, &q0->t, ")") || punct_is(src, &q0->t, "}") ||
                punct_is(src, &q0->t, "]")) &&
         !(a.kind == AO_JS_PUNCT && (a.punct == ',' || a.punct == '[' ||
                                     a.punct == '(' || a.punct == '{')))
        continue;
    }
    if(pending_semi) {
      pending_semi = 0;
      int close = t->kind == AO_JS_EOF ||
                  (p1 == '}');
      if(!(close && semi_droppable)) {
        if(line_open) {
          putc1(&w, '\n');
          line_open = 0;
        }
        put_token(&w, (const unsigned char *)";", 1, AO_JS_PUNCT);
      }
    }
    if(t->kind == AO_JS_EOF)
      break;
    /* (a) => …  becomes  a => …, only where '(' starts an expression (after
     * a name or ')' it would be a call: f(a)=> must not become f a=>;
     * async (a)=> is an arrow too) */
    if(p1 == '(' &&
       !(a.have && a.kind == AO_JS_PUNCT && src[a.off + a.len - 1] == '.') &&
       (!a.have || (a.regex_ok && !a.arrow_end) ||
        (a.kind == AO_JS_NAME && a.kw == AO_JS_KW_ASYNC && !t->nl_before))) {
      qtok *q0 = tq_peek(&z, 0), *q1 = tq_peek(&z, 1), *q2 = tq_peek(&z, 2);
      /* (a,) => … too: the trailing comma would go anyway */
      unsigned k = punct_is(src, &q1->t, ",") ? 1 : 0;
      qtok *qc = k ? q2 : q1, *qa = tq_peek(&z, 2 + k);
      if(q0->t.kind == AO_JS_NAME && !q0->t.kw && !q0->t.escaped &&
         punct_is(src, &qc->t, ")") && punct_is(src, &qa->t, "=>")) {
        q0->t.nl_before |= t->nl_before;
        *qc = *q0;
        tq_pop(&z, 1 + k);   /* the name takes the place of ')' */
        continue;
      }
    }
    /* new X() → new X, unless a member access or call follows */
    if(p1 == '(' &&
       a.kind == AO_JS_NAME && !a.kw && a2_new == 2) {
      qtok *q0 = tq_peek(&z, 0), *q1 = tq_peek(&z, 1);
      /* what follows must end the expression: an operator or the end,
         or, on a new line, anything but what would continue it; never '{'
         (new X(){} is no expression: the tokenizer would read its '}'
         differently without the parentheses) */
      if(q0 && q1 && punct_is(src, &q0->t, ")") &&
         (q1->t.kind == AO_JS_EOF || q1->t.kind == AO_JS_PUNCT ||
          (q1->t.nl_before && !is_comment(q1) &&
           q1->t.kind != AO_JS_TEMPLATE &&
           q1->t.kind != AO_JS_TEMPLATE_HEAD)) &&
         !punct_is(src, &q1->t, ".") && !punct_is(src, &q1->t, "?.") &&
         !punct_is(src, &q1->t, "[") && !punct_is(src, &q1->t, "(") &&
         !punct_is(src, &q1->t, "{")) {
        /* the ')' stands for the call: what follows sees it as before */
        size_t close_off = q0->t.off;
        tq_pop(&z, 1);
        aq = q0;
        a.kind = AO_JS_PUNCT;
        a.punct = ')';
        a.regex_ok = 0;
        a.fn_paren = 0;
        a.arrow_end = 0;
        a.off = close_off;
        a.len = 1;
        a2_new = 0;
        continue;
      }
    }
    int semi_tok = p1 == ';';
    if(line_open && !semi_tok) {   /* a pending ';' ends the line itself */
      putc1(&w, '\n');
      line_open = 0;
    }
    else if(!line_open && t->nl_before && !semi_tok &&
            keep_newline(&a, t, ts) && last_byte(&w) != '\n') {
      /* (a line break before ';' never matters) */
      putc1(&w, '\n');
      w.sep = 1;
    }
    /* the token itself */
    const unsigned char *text = ts;
    size_t tn = t->len;
    if(t->kind == AO_JS_NUMBER) {
      size_t m = short_number(ts, t->len, num);
      if(m && m < t->len) {
        text = num;
        tn = m;
      }
    }
    else if(t->kind == AO_JS_STRING) {
      int escaped = t->escaped;
      /* 'a' + 'b' → 'ab' (not when the strings and their '+' are all a
         kept group holds: the parentheses, kept for the '+', would go on
         the next pass) */
      if(fold_left_ok(&a, src) &&
         !(a.punct == '(' && aq && (aq->eflags & E_GROUP) &&
           whole_group_fold(&z, src))) {
        ao_buf_reset(&fold);
        int joined = 0;
        for(;;) {
          qtok *q0 = tq_peek(&z, 0), *q1 = tq_peek(&z, 1), *q2 = tq_peek(&z, 2);
          if(!q0 || !q1 || !q2 || !punct_is(src, &q0->t, "+") ||
             q1->t.kind != AO_JS_STRING || !fold_right_ok(q2, src))
            break;
          const unsigned char *l = joined ? fold.data : ts;
          size_t ln = joined ? fold.len : t->len;
          const unsigned char *r = src + q1->t.off;
          if(ends_in_octal_escape(l, ln) && r[1] >= '0' && r[1] <= '9')
            break;   /* '\0' + '1' is not '\01' */
          if(!joined) {
            ao_buf_append(&fold, ts, t->len);
            joined = 1;
          }
          if(fold.err)
            break;
          fold.len--;   /* drop the closing quote, then add r's content */
          if(r[0] == ts[0])
            ao_buf_append(&fold, r + 1, q1->t.len - 1);
          else {
            /* r in the other quote: its bare quotes of ours get a
               backslash (its escaped own quotes stay valid) */
            for(size_t k = 1; k + 1 < q1->t.len; k++) {
              if(r[k] == '\\') {
                ao_buf_append(&fold, r + k, 2);
                k++;
                continue;
              }
              if(r[k] == ts[0])
                ao_buf_putc(&fold, '\\');
              ao_buf_putc(&fold, r[k]);
            }
            ao_buf_putc(&fold, ts[0]);
            escaped = 1;   /* let the quote be chosen again */
          }
          escaped |= q1->t.escaped;
          tq_pop(&z, 2);
        }
        if(joined && !fold.err) {
          text = fold.data;
          tn = fold.len;
        }
      }
      if(escaped && a.have &&
         !(a.kind == AO_JS_PUNCT && (a.punct == '{' || a.punct == ';' ||
                                     a.punct == '}')) &&
         a.kind != AO_JS_STRING) {
        size_t m = restring(text, tn, &tmp);
        if(m && m < tn) {
          text = tmp.data;
          tn = m;
        }
      }
    }
    else if(t->kind == AO_JS_NAME && !t->kw && !t->escaped &&
            cur->t.ctx == AO_JS_CTX_OBJ && a.have && a.kind == AO_JS_PUNCT &&
            (a.punct == '{' || a.punct == ',')) {
      /* { a: a } → { a } (never __proto__, whose two forms differ) */
      qtok *q0 = tq_peek(&z, 0), *q1 = tq_peek(&z, 1), *q2 = tq_peek(&z, 2);
      if(q0 && q1 && q2 && punct_is(src, &q0->t, ":") &&
         q1->t.kind == AO_JS_NAME && !q1->t.kw && !q1->t.escaped &&
         q1->t.len == t->len && !memcmp(src + q1->t.off, ts, t->len) &&
         (punct_is(src, &q2->t, ",") || punct_is(src, &q2->t, "}")) &&
         !(t->len == 9 && !memcmp(ts, "__proto__", 9)))
        tq_pop(&z, 2);
    }
    int is_semi = p1 == ';';
    if(cur->bits & Q_UNDEF) {
      put_token(&w, (const unsigned char *)"void", 4, AO_JS_NAME);
      text = (const unsigned char *)"0";
      tn = 1;
      kind = AO_JS_NUMBER;
    }
    if(is_semi) {
      /* only a ';' that ends a statement may go: never an empty statement
         (after if(…), else, do, a label, ';'), which could be needed */
      semi_droppable = semi_goes(&a, cur->t.ctx);
      pending_semi = 1;
    }
    else
      put_token(&w, text, tn, kind);
    aq = cur;
    uint8_t was_end = a.have && (!a.regex_ok || a.arrow_end);
    /* new a.b.c: 1 after new or '.', 2 after a name of the chain */
    if(t->kind == AO_JS_NAME)
      a2_new = t->kw == AO_JS_KW_NEW ? 1
             : !t->kw && !(cur->bits & Q_UNDEF) && a2_new == 1 ? 2 : 0;
    else
      a2_new = p1 == '.' && a2_new == 2;
    a.have = 1;
    a.off = t->off;
    a.len = t->len;
    a.kind = kind;
    a.kw = t->kw;
    a.regex_ok = cur->t.regex_ok;
    a.punct = p1;
    a.fn_paren = a.punct == ')' && fn_paren(cur);
    a.arrow_end = a.punct == '}' && arrow_end(cur);
    a.binary = (a.punct == '+' || a.punct == '-') && was_end;
  }
  if(!s && eof.len) {
    if(eof.err)
      s = eof.err;
    else {
      if(line_open || (out->len > old && last_byte(&w) != '\n'))
        putc1(&w, '\n');
      put(&w, eof.data, eof.len - 1);   /* without the last line break */
    }
  }
  if(!s && out->err)
    s = out->err;
  if(s == AO_SYNTAX)
    ao_diag_add(d, AO_WARNING, lx->err_off, "%s; file left unchanged",
                lx->err_msg ? lx->err_msg : "cannot tokenize");
  ao_free(lx);
  ao_free(z.v);
  ao_free(z.undefs);
  ao_free(z.ups);
  ao_free(z.st);
  ao_free(z.opens);
  ao_free(z.brk);
  ao_buf_free(&eof);
  ao_buf_free(&tmp);
  ao_buf_free(&fold);
  if(s || out->len - old > len) {
    /* roll back; never larger than the input */
    if(out->data) {
      memset(out->data + old, 0, out->len - old);
      out->len = old;
    }
    if(!s && (out->err == AO_NOMEM || out->err == AO_LIMIT))
      s = out->err;
    out->err = AO_OK;
    if(s)
      return s;
    return ao_buf_append(out, src, len);
  }
  if(out->data)
    out->data[out->len] = 0;
  return AO_OK;
}

/* The last line of src when it is a //# (or //@) sourceMappingURL comment:
 * sets *off and *n. */
static int map_url_line(const unsigned char *src, size_t len, size_t *off,
                        size_t *n)
{
  size_t e = len;
  while(e && (src[e - 1] == '\n' || src[e - 1] == '\r' || src[e - 1] == ' ' ||
              src[e - 1] == '\t'))
    e--;
  size_t b = e;
  while(b && src[b - 1] != '\n' && src[b - 1] != '\r')
    b--;
  static const char a1[] = "//# sourceMappingURL=", a2[] = "//@ sourceMappingURL=";
  size_t k = sizeof(a1) - 1;
  if(e - b <= k || (memcmp(src + b, a1, k) && memcmp(src + b, a2, k)))
    return 0;
  *off = b;
  *n = e - b;
  return 1;
}

/* Renaming through the parser; AO_OK and the result appended to out, or a
 * status with out untouched. */
static ao_status minify_idents(const unsigned char *src, size_t len,
                               const ao_js_opts *o, ao_buf *out)
{
  unsigned flags = (o->level == AO_JS_MIN_ALL ? AO_JS_ID_SYNTAX : 0) |
                   (o->keep_names ? AO_JS_ID_KEEP_NAMES : 0);
  size_t old = out->len;
  ao_status s = AO_SYNTAX;
  for(int pass = 0; pass < 2 && s; pass++) {
    /* a script first, unless known to be a module; then, when it did not
     * parse as a script, a module */
    int module = o->module == 1 || (o->module < 0 && pass == 1);
    if(pass == 1 && o->module >= 0)
      break;
    s = ao_js_minify_idents(src, len, o, flags | (module ? AO_JS_ID_MODULE : 0),
                            out, NULL);
  }
  if(s)
    return s;
  size_t moff, mn;
  if(o->keep_source_map_url && map_url_line(src, len, &moff, &mn) &&
     (out->len - old < mn ||
      memcmp(out->data + out->len - mn, src + moff, mn))) {
    ao_buf_putc(out, '\n');
    ao_buf_append(out, src + moff, mn);
  }
  if(out->err) {
    s = out->err;
    out->len = old;
    out->err = AO_OK;
  }
  return s;
}

ao_status ao_js_minify(const unsigned char *src, size_t len,
                       const ao_js_opts *o, ao_buf *out, ao_diags *d)
{
  ao_js_opts defaults;
  if(!o) {
    ao_js_opts_init(&defaults);
    o = &defaults;
  }
  /* renaming keeps legal comments inline or drops them; "eof" stays at the
   * token level */
  if(o->level >= AO_JS_MIN_IDENTIFIERS && o->legal_comments != AO_LEGAL_EOF &&
     !minify_idents(src, len, o, out))
    return AO_OK;
  return minify_tokens(src, len, o, out, d);
}
