/* CSS tokenizer (CSS Syntax Module Level 3, section 4).
 *
 * A pull tokenizer over a byte buffer that carries AO_PAD zero bytes after
 * its length. Tokens are spans of the input: nothing is copied or decoded
 * (escapes stay as written; AO_CSS_TF_ESCAPE says one is there). The
 * tokenizer never fails: malformed input yields BAD_STRING, BAD_URL or a
 * token flagged AO_CSS_TF_UNTERMINATED, as the standard's error recovery
 * does. Used by the CSS minifier, the reference extractor, and the HTML and
 * SVG minifiers for <style> bodies and style="" attributes. */
#ifndef ASSETOPT_CSS_LEX_H
#define ASSETOPT_CSS_LEX_H

#include "core.h"

typedef enum ao_css_tok_kind {
  AO_CSS_EOF,
  AO_CSS_WS,
  AO_CSS_COMMENT,       /* slash-star … star-slash (kept as a token) */
  AO_CSS_IDENT,
  AO_CSS_FUNCTION,      /* name( */
  AO_CSS_AT_KEYWORD,    /* @name */
  AO_CSS_HASH,          /* #name (AO_CSS_TF_HASH_ID when an identifier) */
  AO_CSS_STRING,
  AO_CSS_BAD_STRING,    /* a newline inside a string */
  AO_CSS_URL,           /* url( unquoted ) */
  AO_CSS_BAD_URL,
  AO_CSS_DELIM,         /* one code point (len may be > 1 for UTF-8) */
  AO_CSS_NUMBER,
  AO_CSS_PERCENTAGE,
  AO_CSS_DIMENSION,
  AO_CSS_UNICODE_RANGE, /* U+0-7F, u+4??  */
  AO_CSS_CDO,           /* <!-- */
  AO_CSS_CDC,           /* --> */
  AO_CSS_COLON,
  AO_CSS_SEMICOLON,
  AO_CSS_COMMA,
  AO_CSS_LBRACKET,
  AO_CSS_RBRACKET,
  AO_CSS_LPAREN,
  AO_CSS_RPAREN,
  AO_CSS_LBRACE,
  AO_CSS_RBRACE
} ao_css_tok_kind;

enum {
  AO_CSS_TF_ESCAPE = 1u << 0,       /* the name or value holds a backslash escape */
  AO_CSS_TF_UNTERMINATED = 1u << 1, /* string, url or comment cut by the end */
  AO_CSS_TF_HASH_ID = 1u << 2,      /* hash token whose name is an identifier */
  AO_CSS_TF_INTEGER = 1u << 3       /* numeric token without '.' or exponent */
};

typedef struct ao_css_tok {
  size_t off, len;   /* the whole token as written */
  /* the value part, as written:
   *  IDENT, AT_KEYWORD, HASH, FUNCTION: the name (no '@', '#', '(');
   *  STRING, BAD_STRING: the text between the quotes;
   *  URL, BAD_URL: the text inside url( ) without surrounding whitespace;
   *  COMMENT: the text between the comment markers;
   *  NUMBER, PERCENTAGE, DIMENSION: the number; the unit (or '%') follows
   *  at voff + vlen up to off + len;
   *  others: the whole token. */
  size_t voff, vlen;
  ao_css_tok_kind kind;
  unsigned flags;
} ao_css_tok;

typedef struct ao_css_lex {
  const unsigned char *src, *p, *end;
} ao_css_lex;

/* src[len .. len + AO_PAD) must be zero bytes. */
AO_API void ao_css_lex_init(ao_css_lex *lx, const unsigned char *src, size_t len);
/* Fills t with the next token and returns its kind; AO_CSS_EOF at the end
 * (and on every later call). */
AO_API ao_css_tok_kind ao_css_lex_next(ao_css_lex *lx, ao_css_tok *t);
/* Name of a token kind, for tests and messages. */
AO_API const char *ao_css_tok_name(ao_css_tok_kind k);

#endif
