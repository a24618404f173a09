/* JavaScript parser with scope analysis and local-name renaming.
 *
 * The parser walks the token stream of the tokenizer (js_lex.h) with the
 * full ECMAScript 2024 grammar and annotates every token instead of building
 * a tree: which identifiers declare a binding, which refer to one, which are
 * property names or labels, in which scope each occurs, and where automatic
 * semicolon insertion put a ';'. Scope analysis (js_scope.c) resolves the
 * references and marks the bindings that must keep their names; renaming
 * (js_rename.c) gives the others the shortest names and writes the tokens
 * back without whitespace. */
#ifndef ASSETOPT_JS_PARSE_H
#define ASSETOPT_JS_PARSE_H

#include "core.h"
#include "js.h"
#include "js_lex.h"

#define AO_JS_NOSYM UINT32_MAX
/* labels nested deeper make the parser give up (the file is not renamed) */
#define AO_JS_MAX_LABELS 50

/* role of a token */
enum {
  AO_JS_ROLE_NONE,  /* keyword, punctuator, literal, property name, label */
  AO_JS_ROLE_DECL,  /* declares binding sym                                */
  AO_JS_ROLE_REF    /* refers to a binding (sym after resolution, or none) */
};

/* token flags */
enum {
  AO_JS_TF_ASI = 1u << 0,          /* a ';' is inserted before this token   */
  AO_JS_TF_SHORTHAND = 1u << 1,    /* {x}: renamed as {x:y}                 */
  AO_JS_TF_IMPORT_SHORT = 1u << 2, /* import {x}: renamed as {x as y}       */
  AO_JS_TF_EXPORT_SHORT = 1u << 3, /* export {x}: renamed as {y as x}       */
  AO_JS_TF_EVAL_CALL = 1u << 4,    /* the name eval                         */
  AO_JS_TF_LEGAL = 1u << 5,        /* a legal comment precedes the token    */
  AO_JS_TF_TERM = 1u << 6,         /* a ';' ending a statement (not an empty
                                      statement, not in a for head)         */
  AO_JS_TF_LITERAL = 1u << 7,      /* true/false read as an expression      */
  AO_JS_TF_PATTERN = 1u << 8,      /* inside an assignment target pattern   */
  AO_JS_TF_ASI_COMMA = 1u << 9,    /* syntax: a ';' inserted before this
                                      statement is written as ','          */
  AO_JS_TF_WRITE = 1u << 10,       /* in the operand of ++ or --            */
  AO_JS_TF_CONST = 1u << 11,       /* the keyword of a const declaration;
                                      its sym is the const keyword of the
                                      statement it was merged into (itself
                                      when first)                          */
  AO_JS_TF_KEEP_CONST = 1u << 12,  /* a merged const statement declares a
                                      binding that is assigned or must keep
                                      its name: it stays const             */
  AO_JS_TF_INDEX = 1u << 13        /* a '[' opening a computed member access */
};

/* What syntax compression writes for a token (AO_JS_ID_SYNTAX only). The
 * parser decides where statement structure allows it:
 * - braces of a block holding one statement that may stand alone in a body
 *   position (not a declaration, no dangling else) are dropped;
 * - if(!a)b; becomes a||b; and if(a)b;else c; a?b:c; when the
 *   precedences of a, b and c need no parentheses (if(a)b; stays: as a&&b;
 *   it compresses worse with gzip);
 * - consecutive expression statements of such a block are joined with ',';
 * - consecutive var, let or const statements become one;
 * - if(a)return b;return c and if(a)return b;else return c become
 *   return a?b:c;
 * - new X() (a plain name chain, nothing after) becomes new X;
 * - a["b"] becomes a.b for identifier-like strings;
 * - typeof x==="s" becomes typeof x=="s" (both sides are strings);
 * - "a"+"b" becomes "ab" where both are exactly the operands of that '+';
 * - a block statement of a statement list whose own level declares nothing
 *   block-scoped (no let, const, class, function) loses its braces, its
 *   statements joining the list;
 * - break last in a switch, continue last in a loop body and return
 *   without a value last in a function body are dropped;
 * - in a statement list, if(a)B;else C where B always leaves (return,
 *   throw, break, continue last) becomes if(a)B;C (C no declaration);
 * - x=>{return a} becomes x=>a (a not starting with '{', no comma
 *   expression, not in a for head).
 * After scope resolution (ao_js_scope_resolve):
 * - const becomes let when no binding it declares is ever assigned (no
 *   assignment, ++, --, for-in/of target, destructuring target) nor keeps
 *   its name (script globals, exports, bindings a direct eval or a with
 *   can reach): for bindings never assigned both behave the same;
 * - a let statement beside a const statement that became let merge.
 * A dropped token with an inserted ';' passes it on to the next token
 * written; a replaced one takes the place of the statement boundary. */
enum {
  AO_JS_OP_KEEP,
  AO_JS_OP_DROP,    /* not written                                       */
  AO_JS_OP_OR,      /* written as ||                                      */
  AO_JS_OP_QUEST,   /* written as ?                                       */
  AO_JS_OP_COLON,   /* written as :                                       */
  AO_JS_OP_COMMA,   /* written as ,                                       */
  AO_JS_OP_DOT,     /* written as .                                       */
  AO_JS_OP_UNQUOTE, /* a string written as the name it holds              */
  AO_JS_OP_RETURN,  /* written as return                                  */
  AO_JS_OP_LOOSE,   /* === and !== written as == and != (typeof x==="s")  */
  AO_JS_OP_JOIN_L,  /* a string without its closing quote ("a"+"b")       */
  AO_JS_OP_JOIN_MID,/* a string without its quotes                        */
  AO_JS_OP_JOIN_R,  /* a string without its opening quote                 */
  AO_JS_OP_LABEL,   /* a label (also at the IDENTIFIERS level): written as
                       the name of its depth, sym (< AO_JS_MAX_LABELS)     */
  AO_JS_OP_LET      /* const written as let                              */
};

typedef struct ao_js_ptok {
  ao_js_tok t;
  uint32_t sym;    /* DECL: its binding; REF: resolved binding or NOSYM;
                      a label (op LABEL): its depth                      */
  uint32_t scope;  /* scope the token occurs in                           */
  uint8_t role;
  uint8_t op;      /* AO_JS_OP_*                                          */
  uint16_t flags;
} ao_js_ptok;

typedef enum ao_js_scope_kind {
  AO_JS_SC_ROOT,   /* script or module top level (holds vars)             */
  AO_JS_SC_PARAMS, /* a function's parameters (and an expression's name)  */
  AO_JS_SC_BODY,   /* a function body or static block (holds vars)        */
  AO_JS_SC_BLOCK,  /* block, for head, switch                            */
  AO_JS_SC_CATCH,  /* catch parameter and body                            */
  AO_JS_SC_CLASS,  /* class body (and a class expression's name)          */
  AO_JS_SC_WITH    /* the statement of a with: names may be properties    */
} ao_js_scope_kind;

enum {
  AO_JS_SCF_EVAL = 1u << 0   /* direct eval in here or an inner scope      */
};

typedef struct ao_js_scope {
  uint32_t parent;  /* NOSYM for the root */
  uint8_t kind, flags;
} ao_js_scope;

enum {
  AO_JS_SYF_FIXED = 1u << 0,   /* keeps its name                            */
  AO_JS_SYF_BLOCKFN = 1u << 1, /* a function declared in a nested block     */
  AO_JS_SYF_NAMED = 1u << 2,   /* the name of a function or class: its .name */
  AO_JS_SYF_WRITTEN = 1u << 3  /* assigned somewhere (or declared twice)    */
};

typedef struct ao_js_sym {
  size_t off, len;   /* the name as first written                         */
  uint32_t scope;
  uint32_t uses;     /* declarations + references                        */
  uint32_t slot;     /* renaming slot (NOSYM: keeps its name)             */
  uint32_t kw;       /* the const keyword declaring it, or NOSYM          */
  uint8_t flags;
} ao_js_sym;

typedef struct ao_js_parsed {
  const unsigned char *src;
  size_t len;
  int is_module;
  int keep_names;    /* function and class names keep their spelling      */
  int syntax;        /* rewrite literals (AO_JS_ID_SYNTAX)                */
  ao_js_ptok *tok;   /* tokens, comments left out; the last is EOF        */
  size_t ntok;
  ao_js_scope *scopes;
  size_t nscopes;
  ao_js_sym *syms;
  size_t nsyms;
  /* hash of (scope, name) -> symbol */
  uint32_t *tab;
  size_t tabcap;
  /* legal comments (bang comments, @license, @preserve), in order */
  ao_js_tok *legal;
  size_t nlegal;
  /* adjacent let and const statements that merge when the const ones
     become let: (first keyword of the left statement, its ';' or NOSYM,
     first keyword of the right statement) */
  uint32_t *lexjoin;
  size_t nlexjoin;
} ao_js_parsed;

/* Parses src[0, len) (AO_PAD zero bytes after it) as a script or a module.
 * On AO_SYNTAX d holds one error with its position; *p is freed either way
 * by ao_js_parsed_free. */
AO_API AO_NODISCARD ao_status ao_js_parse(const unsigned char *src, size_t len,
                                          int is_module, ao_js_parsed *p,
                                          ao_diags *d);
AO_API void ao_js_parsed_free(ao_js_parsed *p);
/* Symbol of name src[off, off + len) declared in scope, or NOSYM. */
AO_API uint32_t ao_js_scope_lookup(const ao_js_parsed *p, uint32_t scope,
                                   const unsigned char *name, size_t len);

/* Resolves every reference and marks the bindings that keep their names:
 * top-level names of scripts, exported names of modules, every binding a
 * direct eval could see, names looked up through a with statement,
 * functions declared in nested blocks. */
AO_API AO_NODISCARD ao_status ao_js_scope_resolve(ao_js_parsed *p);

/* Gives renamable bindings the shortest names (the bindings of a scope in
 * the order they are declared, the most used the one-character names,
 * reused across sibling scopes, never a reserved word nor a name the
 * program uses unrenamed) and appends the program without whitespace to
 * out. */
AO_API AO_NODISCARD ao_status ao_js_rename_write(ao_js_parsed *p, ao_buf *out);

enum {
  AO_JS_ID_MODULE = 1u << 0,     /* src is a module, else a script            */
  AO_JS_ID_KEEP_NAMES = 1u << 1, /* functions and classes keep .name (names of
                                    declarations and named expressions)      */
  AO_JS_ID_SYNTAX = 1u << 2      /* syntax compression: true/false -> !0/!1,
                                    undefined -> void 0 where not shadowed,
                                    shortest numbers, the AO_JS_OP_* rules  */
};

/* Parse, resolve, rename, write (flags: AO_JS_ID_*).
 * On an error returns a status, leaves out as it was and says where in d;
 * the caller then falls back to ao_js_minify. o may be NULL; legal comments
 * follow o->legal_comments (inline or none). */
AO_API AO_NODISCARD ao_status ao_js_minify_idents(const unsigned char *src,
                                                  size_t len,
                                                  const ao_js_opts *o,
                                                  unsigned flags, ao_buf *out,
                                                  ao_diags *d);

#endif
