/* JavaScript tokenizer: a byte class table, one switch on the first byte,
 * and state from the past to tell a regular expression from a division. */
#include <assetopt/js_lex.h>

#include <string.h>

enum {
  CC_BAD, CC_NUL, CC_WS, CC_NL, CC_ID, CC_DIGIT, CC_QUOTE, CC_BTICK,
  CC_SLASH, CC_DOT, CC_OPEN, CC_CLOSE, CC_PUNCT, CC_HASH, CC_BSLASH, CC_HIGH
};

static const unsigned char cclass[256] = {
  [0] = CC_NUL, ['\t'] = CC_WS, ['\v'] = CC_WS, ['\f'] = CC_WS, [' '] = CC_WS,
  ['\n'] = CC_NL, ['\r'] = CC_NL,
  ['$'] = CC_ID, ['_'] = CC_ID,
  ['a'] = CC_ID, ['b'] = CC_ID, ['c'] = CC_ID, ['d'] = CC_ID, ['e'] = CC_ID,
  ['f'] = CC_ID, ['g'] = CC_ID, ['h'] = CC_ID, ['i'] = CC_ID, ['j'] = CC_ID,
  ['k'] = CC_ID, ['l'] = CC_ID, ['m'] = CC_ID, ['n'] = CC_ID, ['o'] = CC_ID,
  ['p'] = CC_ID, ['q'] = CC_ID, ['r'] = CC_ID, ['s'] = CC_ID, ['t'] = CC_ID,
  ['u'] = CC_ID, ['v'] = CC_ID, ['w'] = CC_ID, ['x'] = CC_ID, ['y'] = CC_ID,
  ['z'] = CC_ID,
  ['A'] = CC_ID, ['B'] = CC_ID, ['C'] = CC_ID, ['D'] = CC_ID, ['E'] = CC_ID,
  ['F'] = CC_ID, ['G'] = CC_ID, ['H'] = CC_ID, ['I'] = CC_ID, ['J'] = CC_ID,
  ['K'] = CC_ID, ['L'] = CC_ID, ['M'] = CC_ID, ['N'] = CC_ID, ['O'] = CC_ID,
  ['P'] = CC_ID, ['Q'] = CC_ID, ['R'] = CC_ID, ['S'] = CC_ID, ['T'] = CC_ID,
  ['U'] = CC_ID, ['V'] = CC_ID, ['W'] = CC_ID, ['X'] = CC_ID, ['Y'] = CC_ID,
  ['Z'] = CC_ID,
  ['0'] = CC_DIGIT, ['1'] = CC_DIGIT, ['2'] = CC_DIGIT, ['3'] = CC_DIGIT,
  ['4'] = CC_DIGIT, ['5'] = CC_DIGIT, ['6'] = CC_DIGIT, ['7'] = CC_DIGIT,
  ['8'] = CC_DIGIT, ['9'] = CC_DIGIT,
  ['"'] = CC_QUOTE, ['\''] = CC_QUOTE, ['`'] = CC_BTICK, ['/'] = CC_SLASH,
  ['.'] = CC_DOT, ['('] = CC_OPEN, ['['] = CC_OPEN, ['{'] = CC_OPEN,
  [')'] = CC_CLOSE, [']'] = CC_CLOSE, ['}'] = CC_CLOSE,
  ['!'] = CC_PUNCT, ['%'] = CC_PUNCT, ['&'] = CC_PUNCT, ['*'] = CC_PUNCT,
  ['+'] = CC_PUNCT, [','] = CC_PUNCT, ['-'] = CC_PUNCT, [':'] = CC_PUNCT,
  [';'] = CC_PUNCT, ['<'] = CC_PUNCT, ['='] = CC_PUNCT, ['>'] = CC_PUNCT,
  ['?'] = CC_PUNCT, ['^'] = CC_PUNCT, ['|'] = CC_PUNCT, ['~'] = CC_PUNCT,
  ['#'] = CC_HASH, ['\\'] = CC_BSLASH,
#define H16(b) [b] = CC_HIGH, [b + 1] = CC_HIGH, [b + 2] = CC_HIGH,       \
  [b + 3] = CC_HIGH, [b + 4] = CC_HIGH, [b + 5] = CC_HIGH, [b + 6] = CC_HIGH, \
  [b + 7] = CC_HIGH, [b + 8] = CC_HIGH, [b + 9] = CC_HIGH, [b + 10] = CC_HIGH, \
  [b + 11] = CC_HIGH, [b + 12] = CC_HIGH, [b + 13] = CC_HIGH,              \
  [b + 14] = CC_HIGH, [b + 15] = CC_HIGH
  H16(0x80), H16(0x90), H16(0xa0), H16(0xb0), H16(0xc0), H16(0xd0),
  H16(0xe0), H16(0xf0)
#undef H16
};

/* what an open bracket opened */
enum {
  CTX_NONE = AO_JS_CTX_NONE, CTX_PAREN = AO_JS_CTX_PAREN,
  CTX_CTRL = AO_JS_CTX_CTRL, CTX_FNDECL = AO_JS_CTX_FNDECL,
  CTX_FNEXPR = AO_JS_CTX_FNEXPR, CTX_BRACKET = AO_JS_CTX_BRACKET,
  CTX_BLOCK = AO_JS_CTX_BLOCK, CTX_OBJ = AO_JS_CTX_OBJ,
  CTX_TEMPLATE = AO_JS_CTX_TEMPLATE, CTX_FNBODY = AO_JS_CTX_FNBODY,
  CTX_ARROW = AO_JS_CTX_ARROW
};

/* prev_punct codes for punctuators longer than one byte */
enum { P_ARROW = 'A', P_OPTDOT = 'Q', P_INC = 'I', P_DEC = 'D',
       P_TERN_COLON = 'T', P_OTHER = 'X' };

/* ASCII identifier parts: letters, digits, '$', '_' */
static const unsigned char idpart[256] = {
  ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
  ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1, ['A'] = 1, ['B'] = 1,
  ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
  ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
  ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1,
  ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
  ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
  ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
  ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
  ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
  ['y'] = 1, ['z'] = 1, ['$'] = 1, ['_'] = 1
};

/* Bytes a comment scan stops at: the end (0), a line terminator's first
 * byte (LF, CR, 0xe2 of U+2028/U+2029) and '*' (of a closing star-slash). */
static const unsigned char cstop[256] = {
  [0] = 1, ['\n'] = 1, ['\r'] = 1, [0xe2] = 1, ['*'] = 1
};

/* Bytes that may begin something to skip before a token: white space,
 * line terminators, comments, a hashbang, non-ASCII space. */
static const unsigned char skipc[256] = {
  ['\t'] = 1, ['\v'] = 1, ['\f'] = 1, [' '] = 1, ['\n'] = 1, ['\r'] = 1,
  ['/'] = 1, ['#'] = 1,
#define H16(b) [b] = 1, [b + 1] = 1, [b + 2] = 1, [b + 3] = 1, [b + 4] = 1, \
  [b + 5] = 1, [b + 6] = 1, [b + 7] = 1, [b + 8] = 1, [b + 9] = 1,           \
  [b + 10] = 1, [b + 11] = 1, [b + 12] = 1, [b + 13] = 1, [b + 14] = 1,      \
  [b + 15] = 1
  H16(0x80), H16(0x90), H16(0xa0), H16(0xb0), H16(0xc0), H16(0xd0),
  H16(0xe0), H16(0xf0)
#undef H16
};

/* ---- 16 bytes at a time ------------------------------------------------- */

/* Each helper looks at p[0, 16), which the caller made sure lies inside the
 * input, and returns a mask with bit i set for p[i] in its set. Without
 * SSE2 the callers keep to their byte loops. */
#if defined(__SSE2__)
#include <emmintrin.h>
#define VEC16 1

static inline __m128i v_load(const unsigned char *p)
{
  return _mm_loadu_si128((const __m128i *)(const void *)p);
}

static inline __m128i v_eq(__m128i v, unsigned char c)
{
  return _mm_cmpeq_epi8(v, _mm_set1_epi8((char)c));
}

/* bytes in [lo, lo + n): shifted so that lo is -128, then a signed compare */
static inline __m128i v_range(__m128i v, unsigned char lo, unsigned char n)
{
  __m128i x = _mm_add_epi8(v, _mm_set1_epi8((char)(unsigned char)(0x80u - lo)));
  return _mm_cmplt_epi8(x, _mm_set1_epi8((char)(unsigned char)(0x80u + n)));
}

/* ASCII identifier parts (as idpart[]) */
static inline unsigned v_idpart(const unsigned char *p)
{
  __m128i v = v_load(p);
  __m128i m = _mm_or_si128(v_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 26),
                           v_range(v, '0', 10));
  m = _mm_or_si128(m, _mm_or_si128(v_eq(v, '_'), v_eq(v, '$')));
  return (unsigned)_mm_movemask_epi8(m);
}

/* spaces and tabs */
static inline unsigned v_blank(const unsigned char *p)
{
  __m128i v = v_load(p);
  return (unsigned)_mm_movemask_epi8(_mm_or_si128(v_eq(v, ' '), v_eq(v, '\t')));
}

/* the bytes of cstop[] */
static inline unsigned v_cstop(const unsigned char *p)
{
  __m128i v = v_load(p);
  __m128i m = _mm_or_si128(_mm_or_si128(v_eq(v, 0), v_eq(v, '\n')),
                           _mm_or_si128(v_eq(v, '\r'), v_eq(v, 0xe2)));
  return (unsigned)_mm_movemask_epi8(_mm_or_si128(m, v_eq(v, '*')));
}

/* what a string scan stops at: its quote q, a backslash, CR, LF, NUL */
static inline unsigned v_strstop(const unsigned char *p, unsigned char q)
{
  __m128i v = v_load(p);
  __m128i m = _mm_or_si128(_mm_or_si128(v_eq(v, 0), v_eq(v, '\n')),
                           _mm_or_si128(v_eq(v, '\r'), v_eq(v, '\\')));
  return (unsigned)_mm_movemask_epi8(_mm_or_si128(m, v_eq(v, q)));
}
#endif

#ifdef VEC16
static inline unsigned v_nonblank(const unsigned char *p)
{
  return ~v_blank(p) & 0xffffu;
}

static inline unsigned v_nonid(const unsigned char *p)
{
  return ~v_idpart(p) & 0xffffu;
}

/* p moved 16 bytes at a time to the first byte whose bit mask() sets, while
 * 16 bytes are left; *hit says whether it got there */
static inline const unsigned char *
vec_to(const ao_js_lex *lx, const unsigned char *p,
       unsigned (*mask)(const unsigned char *), int *hit)
{
  for(; lx->end - p >= 16; p += 16) {
    unsigned m = mask(p);
    if(m) {
      *hit = 1;
      return p + __builtin_ctz(m);
    }
  }
  *hit = 0;
  return p;
}
#endif

/* p moved past spaces and tabs */
static inline const unsigned char *skip_blanks(const ao_js_lex *lx,
                                               const unsigned char *p)
{
#ifdef VEC16
  int hit;
  p = vec_to(lx, p, v_nonblank, &hit);
  if(hit)
    return p;
#else
  (void)lx;
#endif
  while(*p == ' ' || *p == '\t')
    p++;
  return p;
}

/* p moved to the next byte of cstop[] */
static inline const unsigned char *to_cstop(const ao_js_lex *lx,
                                            const unsigned char *p)
{
#ifdef VEC16
  int hit;
  p = vec_to(lx, p, v_cstop, &hit);
  if(hit)
    return p;
#else
  (void)lx;
#endif
  while(!cstop[*p])
    p++;
  return p;
}

static int is_idpart(unsigned char c)
{
  return idpart[c];
}

static int is_hex(unsigned char c)
{
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}

/* Code point of the UTF-8 sequence at p and its length (1 for a stray byte).
 * Reads p[k] only after p[k-1] was a lead or continuation byte, so the zero
 * padding stops it. */
static uint32_t utf8_cp(const unsigned char *p, unsigned *n)
{
  unsigned char c = p[0];
  if(c < 0xc0 || c >= 0xf8) {
    *n = 1;
    return c;
  }
  if((p[1] & 0xc0) != 0x80) {
    *n = 1;
    return c;
  }
  if(c < 0xe0) {
    *n = 2;
    return ((uint32_t)(c & 0x1f) << 6) | (p[1] & 0x3f);
  }
  if((p[2] & 0xc0) != 0x80) {
    *n = 1;
    return c;
  }
  if(c < 0xf0) {
    *n = 3;
    return ((uint32_t)(c & 0x0f) << 12) | ((uint32_t)(p[1] & 0x3f) << 6) |
           (p[2] & 0x3f);
  }
  if((p[3] & 0xc0) != 0x80) {
    *n = 1;
    return c;
  }
  *n = 4;
  return ((uint32_t)(c & 0x07) << 18) | ((uint32_t)(p[1] & 0x3f) << 12) |
         ((uint32_t)(p[2] & 0x3f) << 6) | (p[3] & 0x3f);
}

static int is_ws_cp(uint32_t cp)
{
  return cp == 0xa0 || cp == 0xfeff || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200a) || cp == 0x202f || cp == 0x205f ||
         cp == 0x3000;
}

static int is_nl_cp(uint32_t cp)
{
  return cp == 0x2028 || cp == 0x2029;
}

/* a line terminator at p: its length, else 0 */
static unsigned nl_len(const unsigned char *p)
{
  if(*p == '\n')
    return 1;
  if(*p == '\r')
    return p[1] == '\n' ? 2 : 1;
  if(p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0xa8 || p[2] == 0xa9))
    return 3;
  return 0;
}

/* Keywords by a perfect hash of their first two bytes and length (no two
 * share a slot; 0 marks an empty one). */
static unsigned kw_hash(const unsigned char *s, size_t n)
{
  return (s[0] * 4u + s[1] * 59u + (unsigned)n) % 128u;
}

static const uint8_t kw_slot[128] = {
  [0] = AO_JS_KW_IN,
  [2] = AO_JS_KW_NEW,
  [7] = AO_JS_KW_AS,
  [8] = AO_JS_KW_INSTANCEOF,
  [10] = AO_JS_KW_ASYNC,
  [14] = AO_JS_KW_STATIC,
  [19] = AO_JS_KW_WITH,
  [21] = AO_JS_KW_RETURN,
  [22] = AO_JS_KW_SET,
  [23] = AO_JS_KW_FUNCTION,
  [25] = AO_JS_KW_TRY,
  [26] = AO_JS_KW_TRUE,
  [28] = AO_JS_KW_YIELD,
  [38] = AO_JS_KW_CONST,
  [39] = AO_JS_KW_DO,
  [40] = AO_JS_KW_IF,
  [41] = AO_JS_KW_CONTINUE,
  [48] = AO_JS_KW_FOR,
  [51] = AO_JS_KW_NULL,
  [54] = AO_JS_KW_VAR,
  [57] = AO_JS_KW_TYPEOF,
  [63] = AO_JS_KW_SWITCH,
  [64] = AO_JS_KW_OF,
  [66] = AO_JS_KW_EXPORT,
  [67] = AO_JS_KW_EXTENDS,
  [72] = AO_JS_KW_SUPER,
  [73] = AO_JS_KW_IMPORT,
  [76] = AO_JS_KW_THIS,
  [77] = AO_JS_KW_THROW,
  [82] = AO_JS_KW_FINALLY,
  [83] = AO_JS_KW_BREAK,
  [89] = AO_JS_KW_WHILE,
  [93] = AO_JS_KW_DELETE,
  [94] = AO_JS_KW_DEFAULT,
  [95] = AO_JS_KW_DEBUGGER,
  [98] = AO_JS_KW_FROM,
  [102] = AO_JS_KW_GET,
  [107] = AO_JS_KW_CASE,
  [108] = AO_JS_KW_CATCH,
  [113] = AO_JS_KW_VOID,
  [114] = AO_JS_KW_ENUM,
  [117] = AO_JS_KW_CLASS,
  [118] = AO_JS_KW_AWAIT,
  [120] = AO_JS_KW_FALSE,
  [122] = AO_JS_KW_LET,
  [124] = AO_JS_KW_ELSE,
};

static const char kw_text[AO_JS_KW_COUNT_][12] = {
#define AO_X_KWT(id, str) [AO_JS_KW_##id] = str,
  AO_JS_KEYWORDS(AO_X_KWT)
#undef AO_X_KWT
};

static uint32_t load4(const void *p)
{
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}

ao_js_kw ao_js_keyword(const unsigned char *s, size_t n)
{
  if(n < 2 || n > 10)
    return AO_JS_KW_NONE;
  uint8_t kw = kw_slot[kw_hash(s, n)];
  const char *w = kw_text[kw];
  if(!kw || w[n] || !w[n - 1])
    return AO_JS_KW_NONE;   /* empty slot, or another length */
  if(n < 4)
    return s[0] == (unsigned char)w[0] && s[1] == (unsigned char)w[1] &&
           (n == 2 || s[2] == (unsigned char)w[2]) ? (ao_js_kw)kw
                                                    : AO_JS_KW_NONE;
  /* four bytes at each end (and the middle), reading only s[0, n) */
  if(load4(s) != load4(w) || load4(s + n - 4) != load4(w + n - 4) ||
     (n > 8 && load4(s + 4) != load4(w + 4)))
    return AO_JS_KW_NONE;
  return (ao_js_kw)kw;
}

int ao_js_comment_is_legal(const unsigned char *s, size_t n)
{
  if(n > 2 && s[2] == '!')
    return 1;
  const unsigned char *p = s, *e = s + n;
  while(p < e && (p = memchr(p, '@', (size_t)(e - p))) != NULL) {
    size_t left = (size_t)(e - p);
    if((left >= 8 && !memcmp(p, "@license", 8)) ||
       (left >= 9 && !memcmp(p, "@preserve", 9)))
      return 1;
    p++;
  }
  return 0;
}

size_t ao_js_punct_len(const unsigned char *p)
{
  switch(p[0]) {
  case '{': case '}': case '(': case ')': case '[': case ']': case ';':
  case ',': case '~': case ':':
    return 1;
  case '.':
    return p[1] == '.' && p[2] == '.' ? 3 : 1;
  case '<':
    if(p[1] == '<')
      return p[2] == '=' ? 3 : 2;
    return p[1] == '=' ? 2 : 1;
  case '>':
    if(p[1] == '>') {
      if(p[2] == '>')
        return p[3] == '=' ? 4 : 3;
      return p[2] == '=' ? 3 : 2;
    }
    return p[1] == '=' ? 2 : 1;
  case '=':
    if(p[1] == '=')
      return p[2] == '=' ? 3 : 2;
    return p[1] == '>' ? 2 : 1;
  case '!':
    if(p[1] == '=')
      return p[2] == '=' ? 3 : 2;
    return 1;
  case '+': case '-':
    return p[1] == p[0] || p[1] == '=' ? 2 : 1;
  case '*':
    if(p[1] == '*')
      return p[2] == '=' ? 3 : 2;
    return p[1] == '=' ? 2 : 1;
  case '/': case '%': case '^':
    return p[1] == '=' ? 2 : 1;
  case '&': case '|':
    if(p[1] == p[0])
      return p[2] == '=' ? 3 : 2;
    return p[1] == '=' ? 2 : 1;
  case '?':
    if(p[1] == '?')
      return p[2] == '=' ? 3 : 2;
    if(p[1] == '.' && !(p[2] >= '0' && p[2] <= '9'))
      return 2;
    return 1;
  default:
    return 0;
  }
}

void ao_js_lex_init(ao_js_lex *lx, const unsigned char *src, size_t len,
                    unsigned flags)
{
  memset(lx, 0, offsetof(ao_js_lex, stack));
  lx->src = src;
  lx->p = src;
  lx->end = src + len;
  lx->flags = flags;
  lx->regex_ok = 1;
  lx->tern[0] = 0;
  lx->err_msg = NULL;
  lx->err_off = 0;
}

static ao_status lex_error(ao_js_lex *lx, const unsigned char *at,
                           const char *msg)
{
  if(!lx->err_msg) {
    lx->err_msg = msg;
    lx->err_off = (size_t)(at - lx->src);
  }
  return AO_SYNTAX;
}

void ao_js_lex_diag(const ao_js_lex *lx, ao_diags *d, ao_severity sev)
{
  if(lx->err_msg)
    ao_diag_add(d, sev, lx->err_off, "%s", lx->err_msg);
}

static int at_end(const ao_js_lex *lx, const unsigned char *p)
{
  return p >= lx->end;
}

/* Is the token about to be read at the start of a statement? Only as exact
 * as the '{' and 'function' decisions need. */
static int stmt_start(const ao_js_lex *lx, int nl)
{
  uint8_t top = lx->depth ? lx->stack[lx->depth - 1] : CTX_BLOCK;
  if(top != CTX_BLOCK && top != CTX_FNBODY && top != CTX_ARROW)
    return 0;
  switch(lx->prev_kind) {
  case AO_JS_EOF:
    return 1;
  case AO_JS_PUNCT:
    switch(lx->prev_punct) {
    case ';': case '{': case ':':
      return 1;
    case '}':
      if(lx->prev_close == CTX_ARROW)
        return nl;
      if(lx->regex_ok)
        return 1;
      break;
    case ')':
      if(lx->prev_close == CTX_CTRL)
        return 1;
      break;
    default:
      break;
    }
    break;
  case AO_JS_NAME:
    switch(lx->prev_kw) {
    case AO_JS_KW_ELSE: case AO_JS_KW_DO:
      return 1;
    case AO_JS_KW_BREAK: case AO_JS_KW_CONTINUE: case AO_JS_KW_RETURN:
    case AO_JS_KW_DEBUGGER:
      return nl;
    default:
      break;
    }
    break;
  default:
    break;
  }
  return nl && !lx->regex_ok;
}

static ao_status push(ao_js_lex *lx, const unsigned char *at, uint8_t ctx)
{
  if(lx->depth >= AO_JS_LEX_MAX_DEPTH)
    return lex_error(lx, at, "brackets nested too deeply");
  lx->stack[lx->depth++] = ctx;
  lx->tern[lx->depth] = 0;
  return AO_OK;
}

static void emit(ao_js_lex *lx, ao_js_tok *t, const unsigned char *b,
                 const unsigned char *e, uint8_t kind)
{
  t->off = (size_t)(b - lx->src);
  t->len = (size_t)(e - b);
  t->kind = kind;
  t->kw = 0;
  t->escaped = 0;
  lx->p = e;
}

/* Scans a template from just after '`' or '}' to '`' or '${'. */
static ao_status scan_template(ao_js_lex *lx, ao_js_tok *t,
                               const unsigned char *start,
                               const unsigned char *p, int head)
{
  int esc = 0;
  for(;;) {
    unsigned char c = *p;
    if(c == '`') {
      emit(lx, t, start, p + 1, head ? AO_JS_TEMPLATE : AO_JS_TEMPLATE_TAIL);
      lx->regex_ok = 0;
      break;
    }
    if(c == '$' && p[1] == '{') {
      emit(lx, t, start, p + 2,
           head ? AO_JS_TEMPLATE_HEAD : AO_JS_TEMPLATE_MIDDLE);
      if(push(lx, p, CTX_TEMPLATE))
        return AO_SYNTAX;
      lx->regex_ok = 1;
      break;
    }
    if(c == '\\') {
      esc = 1;
      p++;
      if(!*p && at_end(lx, p))
        return lex_error(lx, start, "unterminated template literal");
    }
    else if(!c && at_end(lx, p))
      return lex_error(lx, start, "unterminated template literal");
    p++;
  }
  t->escaped = (uint8_t)esc;
  return AO_OK;
}

static const unsigned char *scan_ident(ao_js_lex *lx, const unsigned char *p,
                                       int *esc)
{
#ifdef VEC16
  int hit;   /* the ASCII part: most names whole */
  p = vec_to(lx, p, v_nonid, &hit);
#endif
  for(;;) {
    unsigned char c = *p;
    if(is_idpart(c)) {
      p++;
      continue;
    }
    if(c == '\\') {
      if(p[1] != 'u') {
        lex_error(lx, p, "invalid escape in identifier");
        return NULL;
      }
      *esc = 1;
      p += 2;
      if(*p == '{') {
        const unsigned char *h = ++p;
        while(is_hex(*p) && p - h < 8)
          p++;
        if(p == h || *p != '}') {
          lex_error(lx, p, "invalid \\u{...} escape in identifier");
          return NULL;
        }
        p++;
      }
      else {
        for(int i = 0; i < 4; i++, p++) {
          if(!is_hex(*p)) {
            lex_error(lx, p, "invalid \\u escape in identifier");
            return NULL;
          }
        }
      }
      continue;
    }
    if(c >= 0x80) {
      unsigned n;
      uint32_t cp = utf8_cp(p, &n);
      if(is_ws_cp(cp) || is_nl_cp(cp))
        break;
      p += n;
      continue;
    }
    break;
  }
  return p;
}

static ao_status scan_number(ao_js_lex *lx, ao_js_tok *t,
                             const unsigned char *p)
{
  const unsigned char *b = p;
  if(p[0] == '0' && ((p[1] | 0x20) == 'x' || (p[1] | 0x20) == 'o' ||
                     (p[1] | 0x20) == 'b')) {
    unsigned char base = p[1] | 0x20;
    p += 2;
    const unsigned char *d = p;
    for(;; p++) {
      unsigned char c = *p;
      if(c == '_' ||
         (base == 'x' ? is_hex(c)
                      : base == 'o' ? (c >= '0' && c <= '7')
                                    : (c == '0' || c == '1')))
        continue;
      break;
    }
    if(p == d)
      return lex_error(lx, b, "numeric literal without digits");
    if(*p == 'n')
      p++;
  }
  else {
    while(cclass[*p] == CC_DIGIT || *p == '_')
      p++;
    if(*p == '.') {
      p++;
      while(cclass[*p] == CC_DIGIT || *p == '_')
        p++;
    }
    if((*p | 0x20) == 'e' && p > b && !(p - b == 1 && *b == '.')) {
      const unsigned char *q = p + 1;
      if(*q == '+' || *q == '-')
        q++;
      if(cclass[*q] != CC_DIGIT)
        return lex_error(lx, b, "numeric literal with an empty exponent");
      p = q;
      while(cclass[*p] == CC_DIGIT || *p == '_')
        p++;
    }
    else if(*p == 'n')
      p++;
  }
  if(cclass[*p] == CC_ID || cclass[*p] == CC_DIGIT || *p == '\\')
    return lex_error(lx, p, "identifier starts immediately after a number");
  emit(lx, t, b, p, AO_JS_NUMBER);
  lx->regex_ok = 0;
  return AO_OK;
}

static ao_status scan_regex(ao_js_lex *lx, ao_js_tok *t, const unsigned char *p)
{
  const unsigned char *b = p++;
  int in_class = 0;
  for(;;) {
    unsigned char c = *p;
    if(c == '/' && !in_class)
      break;
    if(c == '\\') {
      p++;
      if(nl_len(p) || (!*p && at_end(lx, p)))
        return lex_error(lx, b, "unterminated regular expression");
      p++;
      continue;
    }
    if(c == '[')
      in_class = 1;
    else if(c == ']')
      in_class = 0;
    else if(nl_len(p) || (!c && at_end(lx, p)))
      return lex_error(lx, b, "unterminated regular expression");
    p++;
  }
  p++;
  for(;;) {   /* flags */
    if(is_idpart(*p)) {
      p++;
      continue;
    }
    if(*p >= 0x80) {
      unsigned n;
      uint32_t cp = utf8_cp(p, &n);
      if(is_ws_cp(cp) || is_nl_cp(cp))
        break;
      p += n;
      continue;
    }
    if(*p == '\\')
      return lex_error(lx, p, "escape in regular expression flags");
    break;
  }
  emit(lx, t, b, p, AO_JS_REGEX);
  lx->regex_ok = 0;
  return AO_OK;
}

static ao_status scan_string(ao_js_lex *lx, ao_js_tok *t, const unsigned char *p)
{
  const unsigned char *b = p;
  unsigned char q = *p++;
  int esc = 0;
  for(;;) {
#ifdef VEC16
    if(lx->end - p >= 16) {   /* to the next byte the loop looks at */
      unsigned m = v_strstop(p, q);
      if(!m) {
        p += 16;
        continue;
      }
      p += __builtin_ctz(m);
    }
#endif
    unsigned char c = *p;
    if(c == q)
      break;
    if(c == '\\') {
      esc = 1;
      p++;
      if(!*p && at_end(lx, p))
        return lex_error(lx, b, "unterminated string literal");
      if(p[0] == '\r' && p[1] == '\n')
        p++;
      p++;
      continue;
    }
    if(c == '\n' || c == '\r' || (!c && at_end(lx, p)))
      return lex_error(lx, b, "unterminated string literal");
    p++;
  }
  emit(lx, t, b, p + 1, AO_JS_STRING);
  t->escaped = (uint8_t)esc;
  lx->regex_ok = 0;
  return AO_OK;
}

/* Words after which a '/' is a division (the others are operators or
 * start a statement: a '/' after them starts a regular expression). */
static const uint8_t kw_operand[AO_JS_KW_COUNT_] = {
  [AO_JS_KW_NONE] = 1, [AO_JS_KW_THIS] = 1, [AO_JS_KW_SUPER] = 1,
  [AO_JS_KW_NULL] = 1, [AO_JS_KW_TRUE] = 1, [AO_JS_KW_FALSE] = 1,
  [AO_JS_KW_LET] = 1, [AO_JS_KW_STATIC] = 1, [AO_JS_KW_ASYNC] = 1,
  [AO_JS_KW_GET] = 1, [AO_JS_KW_SET] = 1, [AO_JS_KW_FROM] = 1,
  [AO_JS_KW_AS] = 1
};

/* After a name: what '/' means next, and the function/class decisions.
 * Returns whether the name starts a statement, as far as that matters
 * (for async, function and class; else 0). */
static int after_name(ao_js_lex *lx, ao_js_tok *t, int nl)
{
  uint8_t kw = 0;
  if(!lx->prev_prop && !t->escaped)   /* an escaped keyword is no keyword */
    kw = (uint8_t)ao_js_keyword(lx->src + t->off, t->len);
  t->kw = kw;
  int stmt = 0;
  if(kw == AO_JS_KW_FUNCTION || kw == AO_JS_KW_CLASS || kw == AO_JS_KW_ASYNC)
    stmt = stmt_start(lx, nl);   /* before regex_ok changes below */
  lx->regex_ok = !kw_operand[kw];
  if(kw != AO_JS_KW_FUNCTION && kw != AO_JS_KW_CLASS)
    return stmt;
  /* export function f(){}, export default class {} are declarations */
  int exp = lx->prev_kind == AO_JS_NAME && (lx->prev_kw == AO_JS_KW_EXPORT ||
                                            lx->prev_kw == AO_JS_KW_DEFAULT);
  if(kw == AO_JS_KW_FUNCTION) {
    int decl = stmt || exp ||
               (lx->prev_kind == AO_JS_NAME && lx->prev_kw == AO_JS_KW_ASYNC &&
                !nl && (lx->prev_stmt || lx->prev_kw2 == AO_JS_KW_EXPORT ||
                        lx->prev_kw2 == AO_JS_KW_DEFAULT));
    lx->fn_pending = decl ? 1 : 2;
    lx->fn_depth = lx->depth;
  }
  else if(kw == AO_JS_KW_CLASS) {
    lx->class_pending = stmt || exp ? 1 : 2;
    lx->class_depth = lx->depth;
  }
  return stmt;
}

static ao_status close_bracket(ao_js_lex *lx, ao_js_tok *t,
                               const unsigned char *p)
{
  unsigned char c = *p;
  if(!lx->depth)
    return lex_error(lx, p, "unbalanced closing bracket");
  uint8_t opened = lx->stack[lx->depth - 1];
  int ok = c == ')' ? (opened == CTX_PAREN || opened == CTX_CTRL ||
                       opened == CTX_FNDECL || opened == CTX_FNEXPR)
         : c == ']' ? opened == CTX_BRACKET
                    : (opened == CTX_BLOCK || opened == CTX_OBJ ||
                       opened == CTX_TEMPLATE || opened == CTX_FNBODY ||
                       opened == CTX_ARROW);
  if(!ok)
    return lex_error(lx, p, "mismatched closing bracket");
  lx->depth--;
  if(lx->fn_pending && lx->fn_depth > lx->depth)
    lx->fn_pending = 0;
  if(lx->class_pending && lx->class_depth > lx->depth)
    lx->class_pending = 0;
  if(opened == CTX_TEMPLATE)
    return scan_template(lx, t, p, p + 1, 0);
  emit(lx, t, p, p + 1, AO_JS_PUNCT);
  lx->prev_close = opened;
  lx->regex_ok = opened == CTX_CTRL || opened == CTX_BLOCK ||
                 opened == CTX_ARROW;
  return AO_OK;
}

static ao_status open_bracket(ao_js_lex *lx, ao_js_tok *t,
                              const unsigned char *p, int nl)
{
  uint8_t ctx;
  if(*p == '[')
    ctx = CTX_BRACKET;
  else if(*p == '(') {
    uint8_t pk = lx->prev_kw;   /* 0 unless a name */
    if(pk == AO_JS_KW_IF || pk == AO_JS_KW_WHILE || pk == AO_JS_KW_FOR ||
       pk == AO_JS_KW_WITH || pk == AO_JS_KW_CATCH || pk == AO_JS_KW_SWITCH ||
       (pk == AO_JS_KW_AWAIT && lx->prev_kw2 == AO_JS_KW_FOR))
      ctx = CTX_CTRL;
    else if(lx->fn_pending && lx->fn_depth == lx->depth) {
      ctx = lx->fn_pending == 1 ? CTX_FNDECL : CTX_FNEXPR;
      lx->fn_pending = 0;
    }
    else
      ctx = CTX_PAREN;
  }
  else {
    uint8_t pk = lx->prev_kw;   /* 0 unless a name */
    if(lx->class_pending && lx->class_depth == lx->depth) {
      ctx = lx->class_pending == 1 ? CTX_BLOCK : CTX_OBJ;
      lx->class_pending = 0;
    }
    else if(lx->prev_kind == AO_JS_PUNCT && lx->prev_punct == ')')
      ctx = lx->prev_close == CTX_FNEXPR ? CTX_FNBODY : CTX_BLOCK;
    else if(lx->prev_kind == AO_JS_PUNCT && lx->prev_punct == P_ARROW)
      ctx = CTX_ARROW;
    else if(pk == AO_JS_KW_ELSE || pk == AO_JS_KW_DO || pk == AO_JS_KW_TRY ||
            pk == AO_JS_KW_FINALLY || pk == AO_JS_KW_STATIC ||
            pk == AO_JS_KW_CATCH)
      ctx = CTX_BLOCK;
    else
      ctx = stmt_start(lx, nl) ? CTX_BLOCK : CTX_OBJ;
  }
  if(push(lx, p, ctx))
    return AO_SYNTAX;
  emit(lx, t, p, p + 1, AO_JS_PUNCT);
  lx->regex_ok = 1;
  return AO_OK;
}

static ao_status scan_punct(ao_js_lex *lx, ao_js_tok *t, const unsigned char *p)
{
  size_t n = ao_js_punct_len(p);
  if(!n)
    return lex_error(lx, p, "unexpected character");
  emit(lx, t, p, p + n, AO_JS_PUNCT);
  lx->regex_ok = 1;
  if(n == 1) {
    if(*p == '?')
      lx->tern[lx->depth]++;
  }
  else if(n == 2 && p[0] == p[1] && (p[0] == '+' || p[0] == '-'))
    lx->regex_ok = 0;
  return AO_OK;
}

/* what the previous-token fields record for a punctuator token */
static uint8_t punct_code(const unsigned char *p, size_t n)
{
  if(n == 1)
    return *p;
  if(n == 2) {
    if(p[0] == '=' && p[1] == '>')
      return P_ARROW;
    if(p[0] == '?' && p[1] == '.')
      return P_OPTDOT;
    if(p[0] == '+' && p[1] == '+')
      return P_INC;
    if(p[0] == '-' && p[1] == '-')
      return P_DEC;
  }
  return P_OTHER;
}

static inline ao_status lex_token(ao_js_lex *lx, ao_js_tok *t)
{
  if(lx->err_msg)
    return AO_SYNTAX;
  const unsigned char *p = lx->p;
  int nl = 0;
  ao_status s;
  for(;;) {
    unsigned char c = *p;
    if(!skipc[c])
      goto token;   /* most tokens: no space or comment before them */
    if(c == ' ' && !skipc[p[1]]) {
      p++;   /* the next most: one space before them */
      goto token;
    }
    switch(cclass[c]) {
    case CC_WS:
      p = skip_blanks(lx, p + 1);   /* indentation runs */
      continue;
    case CC_NL:
      nl = 1;
      p = skip_blanks(lx, p + 1);
      continue;
    case CC_SLASH:
      if(p[1] == '/' || p[1] == '*') {
        const unsigned char *b = p;
        int cnl = 0;
        if(p[1] == '/') {
          p += 2;
          for(;;) {
            p = to_cstop(lx, p);
            if(nl_len(p) || (!*p && at_end(lx, p)))
              break;
            p++;
          }
        }
        else {
          p += 2;
          for(;;) {
            p = to_cstop(lx, p);
            if(*p == '*') {
              if(p[1] == '/') {
                p += 2;
                break;
              }
            }
            else if(!*p && at_end(lx, p))
              return lex_error(lx, b, "unterminated comment");
            else if(nl_len(p))
              cnl = 1;
            p++;
          }
        }
        if((lx->flags & AO_JS_LEX_COMMENTS) ||
           ((lx->flags & AO_JS_LEX_LEGAL_COMMENTS) &&
            (b[2] == '!' || b[2] == '#' || b[2] == '@' ||
             ao_js_comment_is_legal(b, (size_t)(p - b))))) {
          emit(lx, t, b, p, b[1] == '/' ? AO_JS_LINE_COMMENT
                                        : AO_JS_BLOCK_COMMENT);
          t->nl_before = (uint8_t)nl;
          lx->pending_nl |= (uint8_t)(nl | cnl);
          return AO_OK;
        }
        nl |= cnl;
        continue;
      }
      goto token;
    case CC_HASH:
      if(p == lx->src && p[1] == '!') {
        const unsigned char *b = p;
        while(!nl_len(p) && !(!*p && at_end(lx, p)))
          p++;
        if(lx->flags & (AO_JS_LEX_COMMENTS | AO_JS_LEX_LEGAL_COMMENTS)) {
          emit(lx, t, b, p, AO_JS_HASHBANG);
          t->nl_before = 0;
          return AO_OK;
        }
        continue;
      }
      goto token;
    case CC_HIGH: {
      unsigned n;
      uint32_t cp = utf8_cp(p, &n);
      if(is_ws_cp(cp)) {
        p += n;
        continue;
      }
      if(is_nl_cp(cp)) {
        p += n;
        nl = 1;
        continue;
      }
      goto token;
    }
    default:
      goto token;
    }
  }
token:
  nl |= lx->pending_nl;
  lx->pending_nl = 0;
  int stmt = 0;   /* see after_name */
  unsigned char c = *p;
  uint8_t prop = 0;
  switch(cclass[c]) {
  case CC_NUL:
    if(!at_end(lx, p))
      return lex_error(lx, p, "NUL byte in source");
    if(lx->depth)
      return lex_error(lx, p, lx->stack[lx->depth - 1] == CTX_TEMPLATE
                                  ? "unterminated template literal"
                                  : "unclosed bracket at end of input");
    emit(lx, t, p, p, AO_JS_EOF);
    t->nl_before = (uint8_t)nl;
    return AO_OK;
  case CC_ID: case CC_BSLASH: case CC_HIGH: {
    int esc = 0;
    const unsigned char *e = scan_ident(lx, p, &esc);
    if(!e)
      return AO_SYNTAX;
    if(e == p)
      return lex_error(lx, p, "unexpected character");
    emit(lx, t, p, e, AO_JS_NAME);
    t->escaped = (uint8_t)esc;
    stmt = after_name(lx, t, nl);
    break;
  }
  case CC_DIGIT:
    if((s = scan_number(lx, t, p)))
      return s;
    break;
  case CC_DOT:
    if(cclass[p[1]] == CC_DIGIT) {
      if((s = scan_number(lx, t, p)))
        return s;
      break;
    }
    if((s = scan_punct(lx, t, p)))
      return s;
    prop = t->len == 1;
    break;
  case CC_QUOTE:
    if((s = scan_string(lx, t, p)))
      return s;
    break;
  case CC_BTICK:
    if((s = scan_template(lx, t, p, p + 1, 1)))
      return s;
    break;
  case CC_SLASH:
    if(lx->regex_ok) {
      if((s = scan_regex(lx, t, p)))
        return s;
    }
    else if((s = scan_punct(lx, t, p)))
      return s;
    break;
  case CC_OPEN:
    if((s = open_bracket(lx, t, p, nl)))
      return s;
    break;
  case CC_CLOSE:
    if((s = close_bracket(lx, t, p)))
      return s;
    break;
  case CC_HASH: {
    int esc = 0;
    const unsigned char *e = scan_ident(lx, p + 1, &esc);
    if(!e)
      return AO_SYNTAX;
    if(e == p + 1 || cclass[p[1]] == CC_DIGIT)
      return lex_error(lx, p, "unexpected '#'");
    emit(lx, t, p, e, AO_JS_PRIVATE);
    t->escaped = (uint8_t)esc;
    lx->regex_ok = 0;
    break;
  }
  case CC_PUNCT:
    if((s = scan_punct(lx, t, p)))
      return s;
    if(*p == '?' && t->len == 2 && p[1] == '.')
      prop = 1;
    break;
  default:
    return lex_error(lx, p, "unexpected character");
  }
  t->nl_before = (uint8_t)nl;
  /* remember what the next token needs to know */
  uint8_t code = 0;
  if(t->kind == AO_JS_PUNCT) {
    code = punct_code(lx->src + t->off, t->len);
    if(code == ':' && lx->tern[lx->depth]) {
      lx->tern[lx->depth]--;
      code = P_TERN_COLON;
    }
  }
  /* only 'function', '*' and a name may come between 'function' and '(' */
  if(lx->fn_pending && t->kind != AO_JS_NAME &&
     !(t->kind == AO_JS_PUNCT && t->len == 1 && lx->src[t->off] == '*'))
    lx->fn_pending = 0;
  lx->prev_kw2 = lx->prev_kw;   /* 0 unless a name */
  lx->prev_kw = t->kw;
  if(t->kind == AO_JS_TEMPLATE_MIDDLE || t->kind == AO_JS_TEMPLATE_HEAD) {
    lx->prev_kind = AO_JS_PUNCT;
    lx->prev_punct = '{';
  }
  else {
    lx->prev_kind = t->kind;
    lx->prev_punct = code;
  }
  lx->prev_stmt = (uint8_t)stmt;
  lx->prev_prop = prop;
  return AO_OK;
}

ao_status ao_js_lex_next(ao_js_lex *lx, ao_js_tok *t)
{
  return lex_token(lx, t);
}

AO_FLATTEN ao_status ao_js_lex_fill(ao_js_lex *lx, void *v, size_t stride,
                                    size_t cap, size_t *n)
{
  unsigned char *d = v;
  size_t k = 0;
  ao_status s = AO_OK;
  if(lx->end - lx->src > (ptrdiff_t)UINT32_MAX - 1)
    s = AO_LIMIT;
  while(!s && k < cap) {
    ao_js_tok t;
    uint8_t prop = lx->prev_prop;
    if((s = lex_token(lx, &t)))
      break;
    ao_js_ftok *restrict f = (ao_js_ftok *)(void *)(d + k * stride);
    f->off = (uint32_t)t.off;
    f->len = (uint32_t)t.len;
    f->kind = t.kind;
    f->nl_before = t.nl_before;
    f->kw = t.kw;
    f->escaped = t.escaped;
    f->regex_ok = lx->regex_ok;
    f->closed = lx->prev_close;
    f->ctx = lx->depth ? lx->stack[lx->depth - 1] : (uint8_t)AO_JS_CTX_BLOCK;
    f->prop = prop;
    k++;
    if(t.kind == AO_JS_EOF)
      break;
  }
  *n = k;
  return s;
}

ao_status ao_js_lex_rescan_regex(ao_js_lex *lx, ao_js_tok *t)
{
  const unsigned char *p = lx->src + t->off;
  if(lx->err_msg)
    return AO_SYNTAX;
  if(t->kind != AO_JS_PUNCT || *p != '/')
    return lex_error(lx, p, "not a '/' token");
  uint8_t nl = t->nl_before;
  ao_status s = scan_regex(lx, t, p);
  if(s)
    return s;
  t->nl_before = nl;
  lx->prev_kind = AO_JS_REGEX;
  lx->prev_kw = 0;
  lx->prev_punct = 0;
  lx->prev_prop = 0;
  return AO_OK;
}
