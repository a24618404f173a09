/* A small XML tokenizer for SVG: one token per markup construct, byte
 * offsets into the input, no allocation. Used by the SVG minifier and the
 * SVG reference extractor. Entities are not expanded: spans are as written. */
#ifndef ASSETOPT_XML_LEX_H
#define ASSETOPT_XML_LEX_H

#include "core.h"

typedef enum ao_xml_tok_kind {
  AO_XML_EOF,
  AO_XML_TEXT,     /* character data between markup                      */
  AO_XML_COMMENT,  /* <!-- … -->; body = between the markers             */
  AO_XML_CDATA,    /* <![CDATA[ … ]]>; body = the content                */
  AO_XML_PI,       /* <?target … ?>; name = target, body = the rest      */
  AO_XML_DOCTYPE,  /* <!DOCTYPE … > with any internal subset             */
  AO_XML_START,    /* <name attrs> or <name attrs/>; body = the attributes */
  AO_XML_END       /* </name>                                            */
} ao_xml_tok_kind;

typedef struct ao_xml_tok {
  ao_xml_tok_kind kind;
  size_t off, len;            /* the whole token                          */
  size_t name_off, name_len;  /* START/END/PI: the name                   */
  size_t body_off, body_len;  /* see above                                */
  int self_closing;           /* START: ends with "/>"                    */
} ao_xml_tok;

typedef struct ao_xml_lex {
  const unsigned char *src;   /* AO_PAD zero bytes after len              */
  size_t len, pos;
  size_t err_off;             /* after AO_SYNTAX: where, and why          */
  const char *err_msg;
} ao_xml_lex;

typedef struct ao_xml_attr {
  size_t off, len;            /* the whole attribute, name to closing quote */
  size_t name_off, name_len;
  size_t val_off, val_len;    /* inside the quotes                        */
  unsigned char quote;        /* '"' or '\''                              */
} ao_xml_attr;

AO_API void ao_xml_lex_init(ao_xml_lex *lx, const unsigned char *src, size_t len);
/* Next token. AO_SYNTAX on an unterminated or malformed construct, with
 * err_off/err_msg set; the lexer then stays at the error position. */
AO_API AO_NODISCARD ao_status ao_xml_lex_next(ao_xml_lex *lx, ao_xml_tok *t);
/* Iterates the attributes of a START token (or the pseudo-attributes of a
 * PI body): *pos starts at body_off; returns 0 when there are no more. */
AO_API int ao_xml_attr_next(const unsigned char *src, size_t *pos, size_t end,
                            ao_xml_attr *a);
/* 1 when n bytes at p equal the NUL-terminated s. */
AO_API int ao_xml_eq(const unsigned char *p, size_t n, const char *s);

#endif
