/* JavaScript tokenizer (ECMAScript 2024 lexical grammar).
 *
 * One token per ao_js_lex_next() call, spans borrow the input. Whether '/'
 * starts a regular expression or is a division is decided from what lies
 * behind (the previous token and what each open bracket opened); a parser
 * that knows better may call ao_js_lex_rescan_regex(). Comments are skipped
 * unless AO_JS_LEX_COMMENTS is given. */
#ifndef ASSETOPT_JS_LEX_H
#define ASSETOPT_JS_LEX_H

#include "core.h"

typedef enum ao_js_tok_kind {
  AO_JS_EOF,
  AO_JS_NAME,            /* identifier or keyword (see kw)              */
  AO_JS_PRIVATE,         /* #name                                        */
  AO_JS_NUMBER,
  AO_JS_STRING,          /* with its quotes                              */
  AO_JS_TEMPLATE,        /* `...` without substitutions                  */
  AO_JS_TEMPLATE_HEAD,   /* `...${                                       */
  AO_JS_TEMPLATE_MIDDLE, /* }...${                                       */
  AO_JS_TEMPLATE_TAIL,   /* }...`                                        */
  AO_JS_REGEX,           /* /body/flags                                  */
  AO_JS_PUNCT,
  AO_JS_LINE_COMMENT,    /* only with AO_JS_LEX_COMMENTS                 */
  AO_JS_BLOCK_COMMENT,   /* only with AO_JS_LEX_COMMENTS                 */
  AO_JS_HASHBANG         /* #! line at offset 0                          */
} ao_js_tok_kind;

/* Keywords and the contextual words the tokenizer cares about. A name
 * right after '.' or '?.' is a property and gets AO_JS_KW_NONE. */
#define AO_JS_KEYWORDS(X)                                                    \
  X(AWAIT, "await") X(BREAK, "break") X(CASE, "case") X(CATCH, "catch")     \
  X(CLASS, "class") X(CONST, "const") X(CONTINUE, "continue")               \
  X(DEBUGGER, "debugger") X(DEFAULT, "default") X(DELETE, "delete")         \
  X(DO, "do") X(ELSE, "else") X(ENUM, "enum") X(EXPORT, "export")           \
  X(EXTENDS, "extends") X(FALSE, "false") X(FINALLY, "finally")             \
  X(FOR, "for") X(FUNCTION, "function") X(IF, "if") X(IMPORT, "import")     \
  X(IN, "in") X(INSTANCEOF, "instanceof") X(NEW, "new") X(NULL, "null")     \
  X(RETURN, "return") X(SUPER, "super") X(SWITCH, "switch")                 \
  X(THIS, "this") X(THROW, "throw") X(TRUE, "true") X(TRY, "try")           \
  X(TYPEOF, "typeof") X(VAR, "var") X(VOID, "void") X(WHILE, "while")       \
  X(WITH, "with") X(YIELD, "yield")                                          \
  /* contextual: identifiers in most places */                              \
  X(LET, "let") X(STATIC, "static") X(ASYNC, "async") X(OF, "of")           \
  X(GET, "get") X(SET, "set") X(FROM, "from") X(AS, "as")

typedef enum ao_js_kw {
  AO_JS_KW_NONE,
#define AO_X_KW(id, s) AO_JS_KW_##id,
  AO_JS_KEYWORDS(AO_X_KW)
#undef AO_X_KW
  AO_JS_KW_COUNT_
} ao_js_kw;

typedef struct ao_js_tok {
  size_t off, len;   /* the token's bytes: src[off, off + len)            */
  uint8_t kind;      /* ao_js_tok_kind                                    */
  uint8_t nl_before; /* a line terminator (or a comment holding one) lies
                        between the previous token and this one; with
                        comments on, counted since the previous non-comment
                        token for non-comment tokens                      */
  uint8_t kw;        /* ao_js_kw for AO_JS_NAME, else 0                   */
  uint8_t escaped;   /* NAME/STRING/TEMPLATE*: holds a backslash          */
} ao_js_tok;

enum {
  AO_JS_LEX_COMMENTS = 1u << 0,  /* return comments as tokens */
  /* return only the comments a minifier may keep: legal ones (see
   * ao_js_comment_is_legal), those whose third byte is # or @ (source
   * map links) and the hashbang; the others are skipped, their line
   * breaks counted in the next token's nl_before */
  AO_JS_LEX_LEGAL_COMMENTS = 1u << 1
};

#define AO_JS_LEX_MAX_DEPTH 1024

/* What an open bracket opened (prev_close keeps it for the last ')', ']'
 * or '}'). */
typedef enum ao_js_ctx {
  AO_JS_CTX_NONE, AO_JS_CTX_PAREN, AO_JS_CTX_CTRL, AO_JS_CTX_FNDECL,
  AO_JS_CTX_FNEXPR, AO_JS_CTX_BRACKET, AO_JS_CTX_BLOCK, AO_JS_CTX_OBJ,
  AO_JS_CTX_TEMPLATE,
  AO_JS_CTX_FNBODY,  /* body of a function expression: holds statements,
                        but its '}' ends an expression                   */
  AO_JS_CTX_ARROW    /* body of an arrow function: as FNBODY, but a '/'
                        after its '}' starts a regular expression       */
} ao_js_ctx;

typedef struct ao_js_lex {
  const unsigned char *src, *p, *end;
  unsigned flags;
  /* state from the past */
  uint8_t regex_ok;      /* a '/' here starts a regular expression          */
  uint8_t prev_kind, prev_kw, prev_kw2, prev_punct, prev_close;
  uint8_t prev_stmt;     /* the previous token started a statement          */
  uint8_t prev_prop;     /* the previous token was '.' or '?.'              */
  uint8_t pending_nl;
  uint8_t fn_pending, class_pending; /* 0, 1 declaration, 2 expression     */
  unsigned fn_depth, class_depth;
  unsigned depth;
  uint8_t stack[AO_JS_LEX_MAX_DEPTH];
  uint16_t tern[AO_JS_LEX_MAX_DEPTH + 1]; /* open '?' per depth           */
  /* the first error */
  const char *err_msg;
  size_t err_off;
} ao_js_lex;

/* A token as ao_js_lex_fill() stores it, with what the tokenizer knew
 * right after it; 16 bytes (offsets in 32 bits: inputs below 4 GiB). */
typedef struct ao_js_ftok {
  uint32_t off, len;
  uint8_t kind, nl_before, kw, escaped;   /* as in ao_js_tok              */
  uint8_t regex_ok;  /* a '/' after it would start a regular expression   */
  uint8_t closed;    /* what the last ')' ']' '}' up to it closed
                        (ao_js_ctx; for a closing bracket, its own)     */
  uint8_t ctx;       /* what the innermost bracket open after it opened
                        (AO_JS_CTX_BLOCK at the top level)                */
  uint8_t prop;      /* it follows '.' or '?.'                            */
} ao_js_ftok;

/* src has AO_PAD zero bytes after len. */
AO_API void ao_js_lex_init(ao_js_lex *lx, const unsigned char *src, size_t len,
                           unsigned flags);
/* Next token into *t. AO_SYNTAX on malformed input: err_msg/err_off say what
 * and where; later calls keep returning the error. */
AO_API AO_NODISCARD ao_status ao_js_lex_next(ao_js_lex *lx, ao_js_tok *t);
/* Up to cap tokens in a row, each stored as an ao_js_ftok at
 * (char *)v + k * stride (stride >= sizeof(ao_js_ftok), a multiple of its
 * alignment), so that callers may keep data of their own beside each
 * token. Stops after EOF; *n says how many were stored. AO_SYNTAX as
 * ao_js_lex_next, with the tokens before the error stored. The input must
 * be below 4 GiB (AO_LIMIT). */
AO_API AO_NODISCARD ao_status ao_js_lex_fill(ao_js_lex *lx, void *v,
                                             size_t stride, size_t cap,
                                             size_t *n);
/* *t was returned as '/' or '/=' punctuator: scan it again as a regular
 * expression literal and continue after it. */
AO_API AO_NODISCARD ao_status ao_js_lex_rescan_regex(ao_js_lex *lx, ao_js_tok *t);
/* After the last token: would '/' start a regular expression here? Also,
 * after ')' it tells a control head (if/while/for/with/switch/catch) from
 * other parentheses, and after '}' a block from an expression. */
static inline int ao_js_lex_regex_ok(const ao_js_lex *lx) { return lx->regex_ok; }
/* Keyword id of s[0, n), AO_JS_KW_NONE when it is none. */
AO_API ao_js_kw ao_js_keyword(const unsigned char *s, size_t n);
/* Is the comment s[0, n) (with its slashes) a legal one: starting with
 * slash-star-bang or slash-slash-bang, or holding @license or @preserve? */
AO_API int ao_js_comment_is_legal(const unsigned char *s, size_t n);
/* Length of the longest punctuator at p (0: none); p has AO_PAD bytes. */
AO_API size_t ao_js_punct_len(const unsigned char *p);
/* Adds "message" at the error position to d (severity sev). */
AO_API void ao_js_lex_diag(const ao_js_lex *lx, ao_diags *d, ao_severity sev);

#endif
