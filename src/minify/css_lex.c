/* CSS tokenizer following CSS Syntax Module Level 3, "Tokenization".
 * One byte-class table, one switch on the first byte, a small scanner per
 * token kind. Input has AO_PAD zero bytes after its end; a zero byte before
 * the end is an ordinary (non-ASCII-like) name code point, as the standard
 * replaces it by U+FFFD. Every peek is bounded: p[1] is read only after
 * p[0] matched something other than the terminating zero, so no scan reads
 * past the padding. */
#include <assetopt/css_lex.h>

enum {
  C_OTHER = 0, /* a delimiter */
  C_WS,        /* space tab newline CR FF */
  C_NAME,      /* letter, '_', non-ASCII: starts a name */
  C_DIGIT,
  C_QUOTE,
  C_HASH, C_PLUS, C_MINUS, C_DOT, C_LT, C_AT, C_BSLASH, C_SLASH,
  C_LPAREN, C_RPAREN, C_LBRACK, C_RBRACK, C_LBRACE, C_RBRACE,
  C_COMMA, C_COLON, C_SEMI, C_U, C_NUL
};

#define R10(c) c, c, c, c, c, c, c, c, c, c
static const unsigned char cclass[256] = {
  [0] = C_NUL, ['\t'] = C_WS, ['\n'] = C_WS, ['\f'] = C_WS, ['\r'] = C_WS,
  [' '] = C_WS, ['"'] = C_QUOTE, ['\''] = C_QUOTE, ['#'] = C_HASH,
  ['+'] = C_PLUS, ['-'] = C_MINUS, ['.'] = C_DOT, ['<'] = C_LT, ['@'] = C_AT,
  ['\\'] = C_BSLASH, ['/'] = C_SLASH, ['('] = C_LPAREN, [')'] = C_RPAREN,
  ['['] = C_LBRACK, [']'] = C_RBRACK, ['{'] = C_LBRACE, ['}'] = C_RBRACE,
  [','] = C_COMMA, [':'] = C_COLON, [';'] = C_SEMI, ['_'] = C_NAME,
  ['0'] = R10(C_DIGIT),
  ['A'] = C_NAME, C_NAME, C_NAME, C_NAME, C_NAME, C_NAME, C_NAME, C_NAME,
  C_NAME, C_NAME, C_NAME, C_NAME, C_NAME, C_NAME, C_NAME, C_NAME, C_NAME,
  C_NAME, C_NAME, C_NAME, C_U, C_NAME, C_NAME, C_NAME, C_NAME, C_NAME,
  ['a'] = C_NAME, C_NAME, C_NAME, C_NAME, C_NAME, C_NAME, C_NAME, C_NAME,
  C_NAME, C_NAME, C_NAME, C_NAME, C_NAME, C_NAME, C_NAME, C_NAME, C_NAME,
  C_NAME, C_NAME, C_NAME, C_U, C_NAME, C_NAME, C_NAME, C_NAME, C_NAME,
  [0x80] = R10(C_NAME), R10(C_NAME), R10(C_NAME), R10(C_NAME), R10(C_NAME),
  R10(C_NAME), R10(C_NAME), R10(C_NAME), R10(C_NAME), R10(C_NAME),
  R10(C_NAME), R10(C_NAME), C_NAME, C_NAME, C_NAME, C_NAME, C_NAME, C_NAME,
  C_NAME, C_NAME
};

static int is_ws(unsigned char c)
{
  return cclass[c] == C_WS;
}

static int is_digit(unsigned char c)
{
  return c >= '0' && c <= '9';
}

static int is_hex(unsigned char c)
{
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int at_end(const ao_css_lex *lx, const unsigned char *p)
{
  return p >= lx->end;
}

static int name_start(const ao_css_lex *lx, const unsigned char *p)
{
  unsigned c = cclass[*p];
  return c == C_NAME || c == C_U || (c == C_NUL && !at_end(lx, p));
}

static int name_char(const ao_css_lex *lx, const unsigned char *p)
{
  return name_start(lx, p) || is_digit(*p) || *p == '-';
}

/* p[0] == '\\' starts an escape unless a newline or the end follows. */
static int valid_escape(const ao_css_lex *lx, const unsigned char *p)
{
  return *p == '\\' && !at_end(lx, p + 1) && p[1] != '\n' && p[1] != '\r' &&
         p[1] != '\f';
}

static int starts_ident(const ao_css_lex *lx, const unsigned char *p)
{
  if(at_end(lx, p))
    return 0;
  if(*p == '-') {
    if(at_end(lx, p + 1))
      return 0;
    return name_start(lx, p + 1) || p[1] == '-' || valid_escape(lx, p + 1);
  }
  return name_start(lx, p) || valid_escape(lx, p);
}

static int starts_number(const ao_css_lex *lx, const unsigned char *p)
{
  if(at_end(lx, p))
    return 0;
  if(*p == '+' || *p == '-') {
    if(is_digit(p[1]))
      return 1;
    return p[1] == '.' && is_digit(p[2]);
  }
  if(*p == '.')
    return is_digit(p[1]);
  return is_digit(*p);
}

/* p just after a backslash known to start a valid escape. */
static const unsigned char *skip_escape(const ao_css_lex *lx,
                                        const unsigned char *p)
{
  if(at_end(lx, p))
    return p;
  if(is_hex(*p)) {
    int n = 0;
    while(n < 6 && !at_end(lx, p) && is_hex(*p)) {
      p++;
      n++;
    }
    if(!at_end(lx, p) && is_ws(*p)) {
      if(p[0] == '\r' && !at_end(lx, p + 1) && p[1] == '\n')
        p++;
      p++;
    }
    return p;
  }
  p++;
  /* the rest of a UTF-8 sequence */
  while(!at_end(lx, p) && (*p & 0xC0) == 0x80)
    p++;
  return p;
}

static const unsigned char *skip_name(const ao_css_lex *lx,
                                      const unsigned char *p, unsigned *flags)
{
  for(;;) {
    unsigned c = cclass[*p];
    if(c == C_NAME || c == C_U || c == C_DIGIT || c == C_MINUS)
      p++; /* the common case first: one lookup */
    else if(name_char(lx, p))
      p++;
    else if(valid_escape(lx, p)) {
      *flags |= AO_CSS_TF_ESCAPE;
      p = skip_escape(lx, p + 1);
    }
    else
      return p;
  }
}

static ao_css_tok_kind emit(ao_css_lex *lx, ao_css_tok *t, const unsigned char *s,
                            const unsigned char *e, ao_css_tok_kind k)
{
  t->off = (size_t)(s - lx->src);
  t->len = (size_t)(e - s);
  if(k != AO_CSS_IDENT && k != AO_CSS_FUNCTION && k != AO_CSS_AT_KEYWORD &&
     k != AO_CSS_HASH && k != AO_CSS_STRING && k != AO_CSS_BAD_STRING &&
     k != AO_CSS_URL && k != AO_CSS_BAD_URL && k != AO_CSS_COMMENT &&
     k != AO_CSS_NUMBER && k != AO_CSS_PERCENTAGE && k != AO_CSS_DIMENSION) {
    t->voff = t->off;
    t->vlen = t->len;
  }
  t->kind = k;
  lx->p = e;
  return k;
}

static void set_value(ao_css_lex *lx, ao_css_tok *t, const unsigned char *s,
                      const unsigned char *e)
{
  t->voff = (size_t)(s - lx->src);
  t->vlen = (size_t)(e - s);
}

static ao_css_tok_kind scan_numeric(ao_css_lex *lx, ao_css_tok *t,
                                    const unsigned char *s)
{
  const unsigned char *p = s;
  t->flags |= AO_CSS_TF_INTEGER;
  if(*p == '+' || *p == '-')
    p++;
  while(is_digit(*p))
    p++;
  if(*p == '.' && is_digit(p[1])) {
    t->flags &= ~(unsigned)AO_CSS_TF_INTEGER;
    p++;
    while(is_digit(*p))
      p++;
  }
  if(*p == 'e' || *p == 'E') {
    if(is_digit(p[1]) || ((p[1] == '+' || p[1] == '-') && is_digit(p[2]))) {
      t->flags &= ~(unsigned)AO_CSS_TF_INTEGER;
      p += 2;
      while(is_digit(*p))
        p++;
    }
  }
  set_value(lx, t, s, p);
  if(starts_ident(lx, p)) {
    p = skip_name(lx, p, &t->flags);
    return emit(lx, t, s, p, AO_CSS_DIMENSION);
  }
  if(*p == '%' && !at_end(lx, p))
    return emit(lx, t, s, p + 1, AO_CSS_PERCENTAGE);
  return emit(lx, t, s, p, AO_CSS_NUMBER);
}

/* After "url(" and its whitespace: an unquoted URL. */
static ao_css_tok_kind scan_url(ao_css_lex *lx, ao_css_tok *t,
                                const unsigned char *s, const unsigned char *p)
{
  const unsigned char *vs = p, *ve;
  for(;;) {
    if(at_end(lx, p)) {
      t->flags |= AO_CSS_TF_UNTERMINATED;
      set_value(lx, t, vs, p);
      return emit(lx, t, s, p, AO_CSS_URL);
    }
    unsigned char c = *p;
    if(c == ')') {
      set_value(lx, t, vs, p);
      return emit(lx, t, s, p + 1, AO_CSS_URL);
    }
    if(is_ws(c)) {
      ve = p;
      while(!at_end(lx, p) && is_ws(*p))
        p++;
      if(at_end(lx, p)) {
        t->flags |= AO_CSS_TF_UNTERMINATED;
        set_value(lx, t, vs, ve);
        return emit(lx, t, s, p, AO_CSS_URL);
      }
      if(*p == ')') {
        set_value(lx, t, vs, ve);
        return emit(lx, t, s, p + 1, AO_CSS_URL);
      }
      break; /* bad url */
    }
    if(c == '"' || c == '\'' || c == '(' || c <= 0x08 || c == 0x0B ||
       (c >= 0x0E && c <= 0x1F) || c == 0x7F)
      break;
    if(c == '\\') {
      if(!valid_escape(lx, p))
        break;
      t->flags |= AO_CSS_TF_ESCAPE;
      p = skip_escape(lx, p + 1);
      continue;
    }
    p++;
  }
  /* the remnants of a bad url */
  for(;;) {
    if(at_end(lx, p)) {
      t->flags |= AO_CSS_TF_UNTERMINATED;
      set_value(lx, t, vs, p);
      return emit(lx, t, s, p, AO_CSS_BAD_URL);
    }
    if(*p == ')') {
      set_value(lx, t, vs, p);
      return emit(lx, t, s, p + 1, AO_CSS_BAD_URL);
    }
    if(valid_escape(lx, p))
      p = skip_escape(lx, p + 1);
    else
      p++;
  }
}

static ao_css_tok_kind scan_ident_like(ao_css_lex *lx, ao_css_tok *t,
                                       const unsigned char *s)
{
  const unsigned char *p = skip_name(lx, s, &t->flags);
  set_value(lx, t, s, p);
  if(*p != '(' || at_end(lx, p))
    return emit(lx, t, s, p, AO_CSS_IDENT);
  if(p - s == 3 && (s[0] | 0x20) == 'u' && (s[1] | 0x20) == 'r' &&
     (s[2] | 0x20) == 'l') {
    const unsigned char *q = p + 1;
    while(!at_end(lx, q) && is_ws(*q))
      q++;
    if(at_end(lx, q) || (*q != '"' && *q != '\''))
      return scan_url(lx, t, s, q);
  }
  return emit(lx, t, s, p + 1, AO_CSS_FUNCTION);
}

static ao_css_tok_kind scan_unicode_range(ao_css_lex *lx, ao_css_tok *t,
                                          const unsigned char *s)
{
  const unsigned char *p = s + 2;
  int n = 0, q = 0;
  while(n < 6 && !at_end(lx, p) && is_hex(*p)) {
    p++;
    n++;
  }
  while(n < 6 && !at_end(lx, p) && *p == '?') {
    p++;
    n++;
    q = 1;
  }
  if(!q && *p == '-' && !at_end(lx, p) && is_hex(p[1]) && !at_end(lx, p + 1)) {
    p++;
    n = 0;
    while(n < 6 && !at_end(lx, p) && is_hex(*p)) {
      p++;
      n++;
    }
  }
  return emit(lx, t, s, p, AO_CSS_UNICODE_RANGE);
}

static ao_css_tok_kind scan_string(ao_css_lex *lx, ao_css_tok *t,
                                   const unsigned char *s)
{
  unsigned char q = *s;
  const unsigned char *p = s + 1;
  for(;;) {
    if(at_end(lx, p)) {
      t->flags |= AO_CSS_TF_UNTERMINATED;
      set_value(lx, t, s + 1, p);
      return emit(lx, t, s, p, AO_CSS_STRING);
    }
    unsigned char c = *p;
    if(c == q) {
      set_value(lx, t, s + 1, p);
      return emit(lx, t, s, p + 1, AO_CSS_STRING);
    }
    if(c == '\n' || c == '\r' || c == '\f') {
      set_value(lx, t, s + 1, p);
      return emit(lx, t, s, p, AO_CSS_BAD_STRING);
    }
    if(c == '\\') {
      t->flags |= AO_CSS_TF_ESCAPE;
      if(at_end(lx, p + 1))
        p++;
      else if(p[1] == '\n' || p[1] == '\f')
        p += 2;
      else if(p[1] == '\r')
        p += (!at_end(lx, p + 2) && p[2] == '\n') ? 3 : 2;
      else
        p = skip_escape(lx, p + 1);
      continue;
    }
    p++;
  }
}

void ao_css_lex_init(ao_css_lex *lx, const unsigned char *src, size_t len)
{
  lx->src = src;
  lx->p = src;
  lx->end = src + len;
}

ao_css_tok_kind ao_css_lex_next(ao_css_lex *lx, ao_css_tok *t)
{
  const unsigned char *s = lx->p, *p;
  t->flags = 0;
  if(at_end(lx, s))
    return emit(lx, t, lx->end, lx->end, AO_CSS_EOF);
  switch(cclass[*s]) {
  case C_WS:
    p = s + 1;
    while(!at_end(lx, p) && is_ws(*p))
      p++;
    return emit(lx, t, s, p, AO_CSS_WS);
  case C_QUOTE:
    return scan_string(lx, t, s);
  case C_HASH:
    if(name_char(lx, s + 1) || valid_escape(lx, s + 1)) {
      if(starts_ident(lx, s + 1))
        t->flags |= AO_CSS_TF_HASH_ID;
      p = skip_name(lx, s + 1, &t->flags);
      set_value(lx, t, s + 1, p);
      return emit(lx, t, s, p, AO_CSS_HASH);
    }
    return emit(lx, t, s, s + 1, AO_CSS_DELIM);
  case C_LPAREN: return emit(lx, t, s, s + 1, AO_CSS_LPAREN);
  case C_RPAREN: return emit(lx, t, s, s + 1, AO_CSS_RPAREN);
  case C_LBRACK: return emit(lx, t, s, s + 1, AO_CSS_LBRACKET);
  case C_RBRACK: return emit(lx, t, s, s + 1, AO_CSS_RBRACKET);
  case C_LBRACE: return emit(lx, t, s, s + 1, AO_CSS_LBRACE);
  case C_RBRACE: return emit(lx, t, s, s + 1, AO_CSS_RBRACE);
  case C_COMMA: return emit(lx, t, s, s + 1, AO_CSS_COMMA);
  case C_COLON: return emit(lx, t, s, s + 1, AO_CSS_COLON);
  case C_SEMI: return emit(lx, t, s, s + 1, AO_CSS_SEMICOLON);
  case C_PLUS:
    if(starts_number(lx, s))
      return scan_numeric(lx, t, s);
    return emit(lx, t, s, s + 1, AO_CSS_DELIM);
  case C_MINUS:
    if(starts_number(lx, s))
      return scan_numeric(lx, t, s);
    if(s[1] == '-' && s[2] == '>' && !at_end(lx, s + 2))
      return emit(lx, t, s, s + 3, AO_CSS_CDC);
    if(starts_ident(lx, s))
      return scan_ident_like(lx, t, s);
    return emit(lx, t, s, s + 1, AO_CSS_DELIM);
  case C_DOT:
    if(starts_number(lx, s))
      return scan_numeric(lx, t, s);
    return emit(lx, t, s, s + 1, AO_CSS_DELIM);
  case C_LT:
    if(s[1] == '!' && s[2] == '-' && s[3] == '-' && !at_end(lx, s + 3))
      return emit(lx, t, s, s + 4, AO_CSS_CDO);
    return emit(lx, t, s, s + 1, AO_CSS_DELIM);
  case C_AT:
    if(starts_ident(lx, s + 1)) {
      p = skip_name(lx, s + 1, &t->flags);
      set_value(lx, t, s + 1, p);
      return emit(lx, t, s, p, AO_CSS_AT_KEYWORD);
    }
    return emit(lx, t, s, s + 1, AO_CSS_DELIM);
  case C_BSLASH:
    if(valid_escape(lx, s))
      return scan_ident_like(lx, t, s);
    return emit(lx, t, s, s + 1, AO_CSS_DELIM);
  case C_SLASH:
    if(s[1] == '*' && !at_end(lx, s + 1)) {
      p = s + 2;
      for(;;) {
        if(at_end(lx, p) || at_end(lx, p + 1)) {
          t->flags |= AO_CSS_TF_UNTERMINATED;
          set_value(lx, t, s + 2, lx->end);
          return emit(lx, t, s, lx->end, AO_CSS_COMMENT);
        }
        if(p[0] == '*' && p[1] == '/')
          break;
        p++;
      }
      set_value(lx, t, s + 2, p);
      return emit(lx, t, s, p + 2, AO_CSS_COMMENT);
    }
    return emit(lx, t, s, s + 1, AO_CSS_DELIM);
  case C_DIGIT:
    return scan_numeric(lx, t, s);
  case C_U:
    if(s[1] == '+' && !at_end(lx, s + 2) && (is_hex(s[2]) || s[2] == '?'))
      return scan_unicode_range(lx, t, s);
    return scan_ident_like(lx, t, s);
  case C_NAME:
  case C_NUL: /* a zero byte inside the input */
    return scan_ident_like(lx, t, s);
  default:
    return emit(lx, t, s, s + 1, AO_CSS_DELIM);
  }
}

const char *ao_css_tok_name(ao_css_tok_kind k)
{
  static const char *const names[] = {
    "EOF", "WS", "COMMENT", "IDENT", "FUNCTION", "AT_KEYWORD", "HASH",
    "STRING", "BAD_STRING", "URL", "BAD_URL", "DELIM", "NUMBER",
    "PERCENTAGE", "DIMENSION", "UNICODE_RANGE", "CDO", "CDC", "COLON",
    "SEMICOLON", "COMMA", "LBRACKET", "RBRACKET", "LPAREN", "RPAREN",
    "LBRACE", "RBRACE"
  };
  return (unsigned)k < sizeof(names) / sizeof(names[0]) ? names[k] : "?";
}
