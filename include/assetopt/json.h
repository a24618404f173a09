/* JSON minifier (also web manifests and source maps), and the validating
 * JSON tokenizer it stands on. */
#ifndef ASSETOPT_JSON_H
#define ASSETOPT_JSON_H

#include "core.h"

typedef struct ao_json_opts {
  int reserved;
} ao_json_opts;

/* Fills the defaults; fields added later stay safe for old callers. */
AO_API void ao_json_opts_init(ao_json_opts *o);
/* Minifies src[0, len) (followed by AO_PAD zero bytes) and appends the result
 * to out: whitespace between tokens goes, strings and numbers stay byte for
 * byte (a UTF-8 byte order mark is kept). On error (not JSON per RFC 8259)
 * returns AO_SYNTAX, leaves out as it was, and says where in d. */
AO_API AO_NODISCARD ao_status ao_json_minify(const unsigned char *src, size_t len,
                                           const ao_json_opts *o, ao_buf *out,
                                           ao_diags *d);

/* ---- tokenizer --------------------------------------------------------------
 * Returns the tokens of one JSON text in order and checks the grammar as it
 * goes (RFC 8259: no comments, no trailing commas, one top-level value). */
#define AO_JSON_MAX_DEPTH 512

typedef enum ao_json_tok_kind {
  AO_JSON_EOF,
  AO_JSON_OBJ_OPEN, AO_JSON_OBJ_CLOSE,
  AO_JSON_ARR_OPEN, AO_JSON_ARR_CLOSE,
  AO_JSON_COLON, AO_JSON_COMMA,
  AO_JSON_STRING,   /* off/len include the quotes                        */
  AO_JSON_NUMBER,
  AO_JSON_LITERAL   /* true, false, null                                  */
} ao_json_tok_kind;

typedef struct ao_json_tok {
  ao_json_tok_kind kind;
  size_t off, len;
  unsigned depth;   /* containers open around the token (an opening
                       bracket counts its own)                          */
  int is_key;       /* STRING: an object member name                      */
  int has_escape;   /* STRING: contains a backslash                        */
} ao_json_tok;

typedef struct ao_json_lex {
  const unsigned char *src;  /* AO_PAD zero bytes after len               */
  size_t len, pos;
  unsigned depth;
  int state;
  size_t err_off;            /* after AO_SYNTAX/AO_LIMIT: where, and why  */
  const char *err_msg;
  unsigned char stack[AO_JSON_MAX_DEPTH]; /* '{' or '[' per open level    */
} ao_json_lex;

/* Starts at src (after a UTF-8 byte order mark, if any). */
AO_API void ao_json_lex_init(ao_json_lex *lx, const unsigned char *src,
                             size_t len);
/* Next token; AO_SYNTAX on malformed input, AO_LIMIT past
 * AO_JSON_MAX_DEPTH nested containers (err_off/err_msg say where/why). */
AO_API AO_NODISCARD ao_status ao_json_lex_next(ao_json_lex *lx,
                                               ao_json_tok *t);

#endif
