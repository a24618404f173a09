/* HTML tokenizer: the tokenization states of the HTML standard, close enough
 * for real pages. Tokens are byte spans of the input; nothing is decoded.
 *
 *   ao_html_lex lx;
 *   ao_html_lex_init(&lx, src, len, 0);
 *   ao_html_tok t;
 *   while(!ao_html_lex_next(&lx, &t) && t.kind != AO_HTML_EOF) { … }
 *   ao_html_lex_free(&lx);
 *
 * The input must carry AO_PAD zero bytes after len. Malformed markup never
 * fails: it is tokenized as a browser would, and odd spots are flagged. */
#ifndef ASSETOPT_HTML_LEX_H
#define ASSETOPT_HTML_LEX_H

#include "core.h"

typedef enum ao_html_tok_kind {
  AO_HTML_EOF,
  AO_HTML_TEXT,       /* character data (character references not decoded) */
  AO_HTML_RAWTEXT,    /* body of script/style/xmp/iframe/noembed/noframes/
                         noscript (when asked), RCDATA of textarea/title, and
                         everything after <plaintext> */
  AO_HTML_START_TAG,
  AO_HTML_END_TAG,
  AO_HTML_COMMENT,    /* <!-- … -->: body = text between the markers */
  AO_HTML_BOGUS,      /* <? … >, <! … > that is no comment/doctype, </1 … > */
  AO_HTML_DOCTYPE,    /* <!DOCTYPE … >: body = text after the keyword */
  AO_HTML_CDATA       /* <![CDATA[ … ]]> inside svg/math only */
} ao_html_tok_kind;

enum {
  AO_HTML_TF_SELF_CLOSING = 1u << 0, /* the tag ends with "/>"              */
  AO_HTML_TF_UNTERMINATED = 1u << 1, /* the input ended inside the token    */
  AO_HTML_TF_FOREIGN = 1u << 2       /* inside <svg> or <math>              */
};

/* Lexer options. */
enum {
  AO_HTML_LEX_NOSCRIPT_RAW = 1u << 0 /* <noscript> body is raw text, as in a
                                         browser with scripting on          */
};

typedef struct ao_html_attr {
  size_t off, end;           /* the whole attribute, quotes included        */
  size_t name_off, name_len;
  size_t val_off, val_len;   /* the value as written, without quotes        */
  int quote;                 /* '"', '\'', 0 unquoted, -1 no "=value"        */
  int charref;               /* the value holds '&' + [#A-Za-z0-9]          */
} ao_html_attr;

typedef struct ao_html_tok {
  ao_html_tok_kind kind;
  unsigned flags;
  size_t off, end;           /* the whole token                             */
  size_t name_off, name_len; /* tags: the name; comment/doctype/cdata/bogus:
                                the body; text/rawtext: same as off, end   */
  size_t tag_end;            /* tags: offset of the closing '>' or of the
                                '/' of "/>"; == end when unterminated       */
  const ao_html_attr *attrs; /* start tags; valid until the next call       */
  size_t nattrs;
} ao_html_tok;

typedef struct ao_html_lex {
  const unsigned char *src;
  size_t len, pos;
  unsigned opts;
  unsigned foreign;          /* depth of <svg>/<math>                       */
  int raw;                   /* next token is the body of a raw element     */
  int raw_script;            /* … which is <script> (escape states apply)   */
  int plaintext;
  size_t raw_name_off, raw_name_len;
  ao_html_attr *attrs;
  size_t nattrs, cap;
} ao_html_lex;

AO_API void ao_html_lex_init(ao_html_lex *lx, const unsigned char *src,
                             size_t len, unsigned opts);
/* Next token into *t. AO_NOMEM is the only failure. After AO_HTML_EOF every
 * call returns AO_HTML_EOF again. */
AO_API AO_NODISCARD ao_status ao_html_lex_next(ao_html_lex *lx, ao_html_tok *t);
AO_API void ao_html_lex_free(ao_html_lex *lx);

/* ASCII case-insensitive comparison of src[off, off+len) with lower (which
 * is lower case). */
AO_API int ao_html_name_is(const unsigned char *src, size_t off, size_t len,
                           const char *lower);
/* The attribute named lower (lower case) of a start tag, or NULL. */
AO_API const ao_html_attr *ao_html_attr_find(const ao_html_tok *t,
                                             const unsigned char *src,
                                             const char *lower);
/* Whether the attribute's value equals lower, ASCII case-insensitively,
 * after trimming ASCII whitespace. 0 when there is no value. */
AO_API int ao_html_attr_value_is(const ao_html_attr *a,
                                 const unsigned char *src, const char *lower);
/* Whether p[0, n) holds what may be a character reference: '&' followed by
 * '#' or an ASCII letter or digit. */
AO_API int ao_html_has_charref(const unsigned char *p, size_t n);

#endif
