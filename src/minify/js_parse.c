/* JavaScript parser: recursive descent over the token array, annotating
 * tokens (declaration, reference, property name; scope; inserted ';') and
 * recording scopes and declarations. No tree is built: operator precedence
 * does not change which names bind where, so binary operators are read as
 * a flat chain. Errors unwind with longjmp to ao_js_parse. */
#include <assetopt/js_parse.h>

#include <setjmp.h>
#include <string.h>

#define MAX_DEPTH 800

typedef struct parser {
  ao_js_parsed *p;
  const unsigned char *src;
  ao_js_ptok *tk;
  size_t n, i;
  uint32_t *match;   /* index of the closing bracket for each opener */
  uint32_t scope;
  size_t scope_cap;
  unsigned depth;
  uint8_t in_gen, in_async, strict, exporting;
  uint8_t prec;      /* P_* of the expression read last */
  uint32_t cur_const; /* the const keyword whose bindings are read, or NOSYM */
  size_t lexjoin_cap;
  uint32_t labels[AO_JS_MAX_LABELS];  /* the labels around, innermost last */
  unsigned nlabels;
  jmp_buf jb;
  ao_status err;
  const char *msg;
  size_t err_off;
} parser;

static _Noreturn void fail(parser *ps, const char *msg);
static _Noreturn void nomem(parser *ps);

/* Precedence of an expression's top-level operator, lowest first. */
enum { P_COMMA, P_ASSIGN, P_COND, P_NULLISH, P_OR, P_AND, P_BIN, P_UNARY };

/* What a statement is, as far as syntax compression cares. */
enum {
  K_OTHER,   /* may stand alone in a body position                   */
  K_EXPR,    /* an expression statement (prec holds its precedence)  */
  K_VAR,     /* a var statement                                      */
  K_DECL,    /* let, const, class, function: never alone in a body   */
  K_EMPTY,
  K_RET,     /* return (arg: with a value, prec its precedence)      */
  K_IFRET    /* if without else whose statement is a return with a
                value: with a return after it, return a?b:c          */
};

typedef struct sinfo {
  uint8_t kind;    /* K_*                                               */
  uint8_t open;    /* ends with an if without else: a following else
                      would bind to it                                 */
  uint8_t prec;    /* K_EXPR: P_* of its expression                     */
  uint8_t kw;      /* var, let, const statements: their keyword         */
  uint8_t arg;     /* K_RET: has a value                                */
  uint8_t inner_kw;/* body(): kw of the one statement of its block      */
  uint32_t start;  /* first token (K_RET: the one written as return)    */
  uint32_t aux;    /* K_IFRET: the inner return's first token           */
  uint32_t term;   /* its ';', or NOSYM when a ';' is inserted          */
  uint32_t brace;  /* body(): the '{' of a block whose braces may go    */
  uint8_t jump;    /* J_*: a jump that does nothing last in its list     */
  uint8_t exits;   /* ends with return, throw, break or continue         */
} sinfo;

/* Jumps that do nothing as the last statement of a list: break at the end
 * of a switch, continue at the end of a loop body, return without a value
 * at the end of a function body. */
enum { J_NONE, J_BREAK, J_CONTINUE, J_RETURN };

static void fail(parser *ps, const char *msg)
{
  ps->err = AO_SYNTAX;
  ps->msg = msg;
  ps->err_off = ps->tk[ps->i < ps->n ? ps->i : ps->n - 1].t.off;
  longjmp(ps->jb, 1);
}

static void nomem(parser *ps)
{
  ps->err = AO_NOMEM;
  ps->msg = "out of memory";
  ps->err_off = 0;
  longjmp(ps->jb, 1);
}

/* ---- tokens -------------------------------------------------------------- */

static ao_js_ptok *cur(parser *ps) { return &ps->tk[ps->i]; }
static ao_js_ptok *peek(parser *ps, size_t k)
{
  size_t j = ps->i + k;
  return &ps->tk[j < ps->n ? j : ps->n - 1];
}

/* The punctuators compared are string literals: their length is known. */
static int tok_is_n(const parser *ps, const ao_js_ptok *t, const char *s, size_t n)
{
  return t->t.kind == AO_JS_PUNCT && t->t.len == n &&
         !memcmp(ps->src + t->t.off, s, n);
}
#define tok_is(ps, t, s) tok_is_n((ps), (t), (s), sizeof(s) - 1)
#define is(ps, s) tok_is_n((ps), cur(ps), (s), sizeof(s) - 1)

static int is_kw(parser *ps, int kw)
{
  return cur(ps)->t.kind == AO_JS_NAME && cur(ps)->t.kw == kw && !cur(ps)->t.escaped;
}
static int tok_kw(const ao_js_ptok *t, int kw)
{
  return t->t.kind == AO_JS_NAME && t->t.kw == kw && !t->t.escaped;
}

static void next(parser *ps)
{
  if(ps->i + 1 < ps->n)
    ps->i++;
}

static int eat_n(parser *ps, const char *s, size_t n)
{
  if(tok_is_n(ps, cur(ps), s, n)) {
    next(ps);
    return 1;
  }
  return 0;
}
#define eat(ps, s) eat_n((ps), (s), sizeof(s) - 1)

static void expect_n(parser *ps, const char *s, size_t n)
{
  if(!eat_n(ps, s, n))
    fail(ps, "unexpected token");
}
#define expect(ps, s) expect_n((ps), (s), sizeof(s) - 1)

/* An identifier usable as a binding or reference here. */
static int ident_tok(const parser *ps, const ao_js_ptok *t)
{
  if(t->t.kind != AO_JS_NAME)
    return 0;
  int kw = t->t.kw;
  if(kw == AO_JS_KW_NONE || kw >= AO_JS_KW_LET)
    return !(kw == AO_JS_KW_LET && ps->strict);
  if(kw == AO_JS_KW_YIELD)
    return !ps->in_gen && !ps->strict;
  if(kw == AO_JS_KW_AWAIT)
    return !ps->in_async && !ps->p->is_module;
  return 0;
}
static int ident(parser *ps) { return ident_tok(ps, cur(ps)); }

/* ---- scopes and symbols -------------------------------------------------- */

static void *grow(parser *ps, void *a, size_t *cap, size_t need, size_t el)
{
  if(need <= *cap)
    return a;
  size_t nc = *cap ? *cap * 2 : 64;
  while(nc < need)
    nc *= 2;
  void *b = ao_realloc(a, nc * el);
  if(!b)
    nomem(ps);
  *cap = nc;
  return b;
}

static uint32_t new_scope(parser *ps, int kind)
{
  ao_js_parsed *p = ps->p;
  p->scopes = grow(ps, p->scopes, &ps->scope_cap, p->nscopes + 1, sizeof *p->scopes);
  uint32_t id = (uint32_t)p->nscopes++;
  p->scopes[id] = (ao_js_scope){ .parent = ps->scope, .kind = (uint8_t)kind };
  ps->scope = id;
  return id;
}

static uint64_t hash_name(const unsigned char *s, size_t n, uint32_t scope)
{
  uint64_t h = 1469598103934665603ull ^ scope;
  for(size_t i = 0; i < n; i++)
    h = (h ^ s[i]) * 1099511628211ull;
  return h ^ (h >> 29);
}

static int same_name(const ao_js_parsed *p, const ao_js_sym *s,
                     const unsigned char *name, size_t len)
{
  return s->len == len && !memcmp(p->src + s->off, name, len);
}

uint32_t ao_js_scope_lookup(const ao_js_parsed *p, uint32_t scope,
                            const unsigned char *name, size_t len)
{
  if(!p->tabcap)
    return AO_JS_NOSYM;
  size_t mask = p->tabcap - 1, h = (size_t)hash_name(name, len, scope) & mask;
  for(;;) {
    uint32_t s = p->tab[h];
    if(s == AO_JS_NOSYM)
      return AO_JS_NOSYM;
    if(p->syms[s].scope == scope && same_name(p, &p->syms[s], name, len))
      return s;
    h = (h + 1) & mask;
  }
}

static void tab_insert(ao_js_parsed *p, uint32_t s)
{
  size_t mask = p->tabcap - 1;
  size_t h = (size_t)hash_name(p->src + p->syms[s].off, p->syms[s].len,
                               p->syms[s].scope) & mask;
  while(p->tab[h] != AO_JS_NOSYM)
    h = (h + 1) & mask;
  p->tab[h] = s;
}

static uint32_t add_sym(parser *ps, uint32_t scope, const ao_js_ptok *t)
{
  ao_js_parsed *p = ps->p;
  if((p->nsyms + 1) * 2 > p->tabcap) {
    size_t nc = p->tabcap ? p->tabcap * 2 : 256;
    uint32_t *tab = ao_malloc(nc * sizeof *tab);
    ao_js_sym *sy = ao_realloc(p->syms, (nc / 2) * sizeof *sy);
    if(!tab || !sy) {
      ao_free(tab);
      if(sy)
        p->syms = sy;
      nomem(ps);
    }
    p->syms = sy;
    memset(tab, 0xff, nc * sizeof *tab);
    ao_free(p->tab);
    p->tab = tab;
    p->tabcap = nc;
    for(uint32_t k = 0; k < p->nsyms; k++)
      tab_insert(p, k);
  }
  uint32_t id = (uint32_t)p->nsyms++;
  p->syms[id] = (ao_js_sym){ .off = t->t.off, .len = t->t.len, .scope = scope,
                             .slot = AO_JS_NOSYM, .kw = AO_JS_NOSYM };
  tab_insert(p, id);
  return id;
}

static uint32_t var_scope(parser *ps)
{
  uint32_t s = ps->scope;
  while(ps->p->scopes[s].kind != AO_JS_SC_ROOT &&
        ps->p->scopes[s].kind != AO_JS_SC_BODY)
    s = ps->p->scopes[s].parent;
  return s;
}

enum { D_VAR, D_LEX, D_FN, D_PARAM, D_NAME, D_CLASS };

/* Declares the identifier at the current token and moves past it. */
static void declare(parser *ps, int how)
{
  ao_js_ptok *t = cur(ps);
  if(!ident(ps))
    fail(ps, "expected an identifier");
  ao_js_parsed *p = ps->p;
  const unsigned char *name = ps->src + t->t.off;
  int fixed = 0;
  uint32_t sc = ps->scope;
  if(t->t.escaped)
    fixed = 1;
  if(how == D_VAR || (how == D_FN && (p->scopes[sc].kind == AO_JS_SC_ROOT ||
                                      p->scopes[sc].kind == AO_JS_SC_BODY))) {
    uint32_t vs = var_scope(ps);
    /* a var seen through a with or beside a catch parameter of the same
       name: the names must stay as they are */
    for(uint32_t s = sc; s != vs; s = p->scopes[s].parent) {
      if(p->scopes[s].kind == AO_JS_SC_WITH)
        fixed = 1;
      uint32_t o = ao_js_scope_lookup(p, s, name, t->t.len);
      if(o != AO_JS_NOSYM) {
        p->syms[o].flags |= AO_JS_SYF_FIXED;
        fixed = 1;
      }
    }
    sc = vs;
    /* the body's var of a parameter's name is that parameter */
    if(p->scopes[vs].kind == AO_JS_SC_BODY && p->scopes[vs].parent != AO_JS_NOSYM &&
       p->scopes[p->scopes[vs].parent].kind == AO_JS_SC_PARAMS &&
       ao_js_scope_lookup(p, vs, name, t->t.len) == AO_JS_NOSYM) {
      uint32_t o = ao_js_scope_lookup(p, p->scopes[vs].parent, name, t->t.len);
      if(o != AO_JS_NOSYM)
        sc = p->scopes[vs].parent;
    }
  }
  uint32_t s = ao_js_scope_lookup(p, sc, name, t->t.len);
  if(s == AO_JS_NOSYM)
    s = add_sym(ps, sc, t);
  else   /* declared twice: never made a let */
    p->syms[s].flags |= AO_JS_SYF_WRITTEN;
  if(how == D_LEX && ps->cur_const != AO_JS_NOSYM) {
    if(p->syms[s].kw != AO_JS_NOSYM)
      p->syms[s].flags |= AO_JS_SYF_WRITTEN;
    p->syms[s].kw = ps->cur_const;
  }
  if(how == D_FN && sc == ps->scope && p->scopes[sc].kind != AO_JS_SC_ROOT &&
     p->scopes[sc].kind != AO_JS_SC_BODY)
    p->syms[s].flags |= AO_JS_SYF_BLOCKFN | AO_JS_SYF_FIXED;
  if(how == D_FN || how == D_NAME || how == D_CLASS)
    p->syms[s].flags |= AO_JS_SYF_NAMED;
  if(fixed || (ps->exporting && p->scopes[sc].kind == AO_JS_SC_ROOT))
    p->syms[s].flags |= AO_JS_SYF_FIXED;
  t->role = AO_JS_ROLE_DECL;
  t->sym = s;
  t->scope = ps->scope;
  next(ps);
}

static void ref(parser *ps)
{
  ao_js_ptok *t = cur(ps);
  t->role = AO_JS_ROLE_REF;
  t->scope = ps->scope;
  next(ps);
}

/* ---- grammar ------------------------------------------------------------- */

static sinfo stmt(parser *ps);
static void assign(parser *ps, int no_in);
static void expr(parser *ps, int no_in);
static void binding(parser *ps, int how);
static void function_rest(parser *ps, int is_expr, int is_async, int is_gen,
                          int is_decl_name);
static void class_rest(parser *ps, int is_decl);
static void lhs(parser *ps);

static void enter(parser *ps)
{
  if(++ps->depth > MAX_DEPTH)
    fail(ps, "nesting too deep");
}

static int at_stmt_end(parser *ps)
{
  return is(ps, ";") || is(ps, "}") || cur(ps)->t.kind == AO_JS_EOF ||
         cur(ps)->t.nl_before;
}

/* The ';' ending a statement: its index, or NOSYM when inserted. */
static uint32_t semicolon(parser *ps)
{
  if(is(ps, ";")) {
    cur(ps)->flags |= AO_JS_TF_TERM;
    next(ps);
    return (uint32_t)(ps->i - 1);
  }
  if(is(ps, "}") || cur(ps)->t.kind == AO_JS_EOF || cur(ps)->t.nl_before) {
    cur(ps)->flags |= AO_JS_TF_ASI;
    return AO_JS_NOSYM;
  }
  fail(ps, "expected ';'");
}

/* A string literal holding an ASCII identifier name, no escapes. */
static int ident_name_string(const parser *ps, const ao_js_ptok *t)
{
  if(t->t.kind != AO_JS_STRING || t->t.escaped || t->t.len < 3)
    return 0;
  const unsigned char *c = ps->src + t->t.off + 1;
  for(size_t j = 0; j + 2 < t->t.len; j++) {
    unsigned char x = c[j];
    if(!(((x | 0x20) >= 'a' && (x | 0x20) <= 'z') || x == '_' || x == '$' ||
         (j && x >= '0' && x <= '9')))
      return 0;
  }
  return 1;
}

/* property name: identifier-name, string, number, private, [computed] */
static void prop_name(parser *ps)
{
  ao_js_ptok *t = cur(ps);
  if(t->t.kind == AO_JS_NAME || t->t.kind == AO_JS_STRING ||
     t->t.kind == AO_JS_NUMBER || t->t.kind == AO_JS_PRIVATE) {
    /* 'a': names the same property as a: (not the words that would start
     * an accessor or a static member when written bare) */
    if(t->t.kind == AO_JS_STRING && ident_name_string(ps, t)) {
      ao_js_kw kw = ao_js_keyword(ps->src + t->t.off + 1, t->t.len - 2);
      if(kw != AO_JS_KW_GET && kw != AO_JS_KW_SET && kw != AO_JS_KW_STATIC &&
         kw != AO_JS_KW_ASYNC &&
         !(t->t.len == 10 && !memcmp(ps->src + t->t.off + 1, "accessor", 8)))
        t->op = AO_JS_OP_UNQUOTE;
    }
    next(ps);
    return;
  }
  if(eat(ps, "[")) {
    assign(ps, 0);
    expect(ps, "]");
    return;
  }
  fail(ps, "expected a property name");
}

/* After prop_name of an initializer-capable element. */
static void binding_elem(parser *ps, int how)
{
  binding(ps, how);
  if(eat(ps, "="))
    assign(ps, 0);
}

static void binding(parser *ps, int how)
{
  enter(ps);
  if(eat(ps, "[")) {
    while(!is(ps, "]")) {
      if(eat(ps, ","))
        continue;
      if(eat(ps, "..."))
        binding(ps, how);
      else
        binding_elem(ps, how);
      if(!is(ps, "]"))
        expect(ps, ",");
    }
    next(ps);
  }
  else if(eat(ps, "{")) {
    while(!is(ps, "}")) {
      if(eat(ps, "..."))
        binding(ps, how);
      else if(ident(ps) && (tok_is(ps, peek(ps, 1), ",") ||
                            tok_is(ps, peek(ps, 1), "}") ||
                            tok_is(ps, peek(ps, 1), "="))) {
        cur(ps)->flags |= AO_JS_TF_SHORTHAND;
        declare(ps, how);
        if(eat(ps, "="))
          assign(ps, 0);
      }
      else {
        prop_name(ps);
        expect(ps, ":");
        binding_elem(ps, how);
      }
      if(!is(ps, "}"))
        expect(ps, ",");
    }
    next(ps);
  }
  else
    declare(ps, how);
  ps->depth--;
}

static void var_list(parser *ps, int how, int no_in);

/* At 'const': its bindings are read with cur_const set to it. */
static void const_list(parser *ps, int no_in)
{
  uint32_t k = (uint32_t)ps->i, cc = ps->cur_const;
  ps->tk[k].flags |= AO_JS_TF_CONST;
  ps->tk[k].sym = k;
  next(ps);
  ps->cur_const = k;
  var_list(ps, D_LEX, no_in);
  ps->cur_const = cc;
}

static void var_list(parser *ps, int how, int no_in)
{
  uint32_t cc = ps->cur_const;
  for(;;) {
    binding(ps, how);
    if(eat(ps, "=")) {
      ps->cur_const = AO_JS_NOSYM;
      assign(ps, no_in);
      ps->cur_const = cc;
    }
    if(!eat(ps, ","))
      break;
  }
}

static void const_list(parser *ps, int no_in);

static void params(parser *ps)
{
  expect(ps, "(");
  while(!is(ps, ")")) {
    if(eat(ps, "..."))
      binding(ps, D_PARAM);
    else
      binding_elem(ps, D_PARAM);
    if(!is(ps, ")"))
      expect(ps, ",");
  }
  next(ps);
}

/* A statement list: consecutive var, let or const statements become one;
 * up to LIST_JOIN expression statements are remembered so that a block of
 * them can become one comma expression. */
#define LIST_JOIN 8
typedef struct slist {
  size_t n;
  int all_expr;
  sinfo last;
  uint32_t terms[LIST_JOIN], starts[LIST_JOIN];
  uint32_t first;
  sinfo ifret[LIST_JOIN];   /* the K_IFRET statements last in the list */
  size_t nifret;
  uint8_t tail;             /* J_*: the jump that does nothing at the end */
  sinfo held[LIST_JOIN];    /* such jumps last read, not yet added        */
  uint32_t held_end[LIST_JOIN];   /* the token after each                */
  size_t nheld;
} slist;

static void list_add(parser *ps, slist *l, sinfo s)
{
  /* if(a)return b;return c -> return a?b:c, and so on backwards */
  int merged = 0;
  while(l->nifret && s.kind == K_RET && s.arg && s.prec >= P_ASSIGN) {
    sinfo f = l->ifret[--l->nifret];
    ps->tk[f.start].op = AO_JS_OP_RETURN;
    ps->tk[f.start + 1].op = AO_JS_OP_DROP;
    ps->tk[ps->match[f.start + 1]].op = AO_JS_OP_QUEST;
    ps->tk[f.aux].op = AO_JS_OP_DROP;
    if(f.term != AO_JS_NOSYM)
      ps->tk[f.term].op = AO_JS_OP_DROP;
    ps->tk[s.start].op = AO_JS_OP_COLON;
    s.start = f.start;
    s.prec = P_COND;
    l->n--;
    l->all_expr = 0;
    merged = 1;
  }
  if(s.kind != K_IFRET)
    l->nifret = 0;
  else {
    if(l->nifret == LIST_JOIN)
      l->nifret = 0;
    l->ifret[l->nifret++] = s;
  }
  if(merged && !l->n) {
    l->n = 1;
    l->last = s;
    return;
  }
  if(l->n && s.kw && l->last.kw && l->last.kw != s.kw &&
     l->last.kw != AO_JS_KW_VAR && s.kw != AO_JS_KW_VAR &&
     !(ps->tk[s.start].flags & AO_JS_TF_LEGAL)) {
    /* let beside const: they merge if the const ones become let */
    ao_js_parsed *p = ps->p;
    p->lexjoin = grow(ps, p->lexjoin, &ps->lexjoin_cap, p->nlexjoin + 3,
                      sizeof *p->lexjoin);
    p->lexjoin[p->nlexjoin++] = l->last.start;
    p->lexjoin[p->nlexjoin++] = l->last.term;
    p->lexjoin[p->nlexjoin++] = s.start;
  }
  if(l->n && s.kw && l->last.kw == s.kw &&
     !(ps->tk[s.start].flags & AO_JS_TF_LEGAL)) {
    if(s.kw == AO_JS_KW_CONST) {
      /* one statement now: const stays unless all of it may be let */
      ao_js_ptok *a = &ps->tk[l->last.start], *c = &ps->tk[s.start];
      if((a->flags & c->flags & AO_JS_TF_CONST))
        c->sym = l->last.start;
      else {
        a->flags |= AO_JS_TF_KEEP_CONST;
        c->flags |= AO_JS_TF_KEEP_CONST;
      }
    }
    if(l->last.term != AO_JS_NOSYM) {
      ps->tk[l->last.term].op = AO_JS_OP_COMMA;
      ps->tk[s.start].op = AO_JS_OP_DROP;
    }
    else
      ps->tk[s.start].op = AO_JS_OP_COMMA;
    s.start = l->last.start;
    l->last = s;
    return;
  }
  if(!l->n) {
    l->all_expr = 1;
    l->first = s.start;
  }
  if(s.kind != K_EXPR || l->n >= LIST_JOIN)
    l->all_expr = 0;
  else {
    l->terms[l->n] = s.term;
    l->starts[l->n] = s.start;
  }
  l->n++;
  l->last = s;
}

/* May the block at '{', a statement of a statement list, give its
 * statements to that list (its braces dropped)? Not when a token at its
 * own level could declare a binding scoped to the block (let, const,
 * class, function) or is an escaped name, nor when a string comes first
 * (it could become a directive). */
static int flat_block(parser *ps)
{
  size_t o = ps->i, end = ps->match[o];
  if(end >= ps->n || ps->tk[o + 1].t.kind == AO_JS_STRING)
    return 0;
  for(size_t k = o + 1; k < end; k++) {
    const ao_js_ptok *t = &ps->tk[k];
    if(t->t.kind == AO_JS_NAME &&
       (t->t.escaped || t->t.kw == AO_JS_KW_LET || t->t.kw == AO_JS_KW_CONST ||
        t->t.kw == AO_JS_KW_CLASS || t->t.kw == AO_JS_KW_FUNCTION))
      return 0;
    while(ps->match[k] < ps->n)
      k = ps->match[k];
  }
  return 1;
}

/* One statement of a statement list; a block that declares nothing of its
 * own is read as its statements (a block scope holding nothing changes
 * nothing). */
/* The jumps held back are statements of the list after all. */
static void list_flush(parser *ps, slist *l)
{
  for(size_t k = 0; k < l->nheld; k++)
    list_add(ps, l, l->held[k]);
  l->nheld = 0;
}

/* The list ends: its last jumps held back go when drop is set. */
static void list_end(parser *ps, slist *l, int drop)
{
  if(!drop) {
    list_flush(ps, l);
    return;
  }
  for(size_t k = 0; k < l->nheld; k++) {
    ps->tk[l->held[k].start].op = AO_JS_OP_DROP;
    if(l->held[k].term != AO_JS_NOSYM)
      ps->tk[l->held[k].term].op = AO_JS_OP_DROP;
    else   /* the ';' inserted after it goes with it */
      ps->tk[l->held_end[k]].flags &= (uint16_t)~AO_JS_TF_ASI;
  }
  l->nheld = 0;
}

static sinfo if_stmt(parser *ps, slist *l, int *done);

static void list_stmt(parser *ps, slist *l)
{
  if(is_kw(ps, AO_JS_KW_IF) && !cur(ps)->t.escaped) {
    int done = 0;
    enter(ps);
    sinfo s = if_stmt(ps, l, &done);
    ps->depth--;
    if(!done) {
      list_flush(ps, l);
      list_add(ps, l, s);
    }
    return;
  }
  if(!is(ps, "{") || !flat_block(ps)) {
    sinfo s = stmt(ps);
    if(l->tail && s.jump == l->tail) {
      /* the list ends with it? */
      if(l->nheld == LIST_JOIN)
        list_flush(ps, l);
      l->held_end[l->nheld] = (uint32_t)ps->i;
      l->held[l->nheld++] = s;
      return;
    }
    list_flush(ps, l);
    list_add(ps, l, s);
    return;
  }
  enter(ps);
  size_t o = ps->i;
  ps->tk[o].op = AO_JS_OP_DROP;
  ps->tk[ps->match[o]].op = AO_JS_OP_DROP;
  next(ps);
  while(!is(ps, "}"))
    list_stmt(ps, l);
  next(ps);
  ps->depth--;
}

/* Statements up to '}'; the number of them in the list after merging
 * into *n and the last of them returned (when n is not NULL). */
static sinfo stmts_until_brace(parser *ps, int directives, int tail,
                               size_t *n)
{
  slist l = { 0 };
  l.tail = (uint8_t)tail;
  while(!is(ps, "}")) {
    if(cur(ps)->t.kind == AO_JS_EOF)
      fail(ps, "expected '}'");
    if(directives) {
      ao_js_ptok *t = cur(ps);
      if(t->t.kind == AO_JS_STRING) {
        if(t->t.len == 12 && !memcmp(ps->src + t->t.off + 1, "use strict", 10))
          ps->strict = 1;
      }
      else
        directives = 0;
    }
    list_stmt(ps, &l);
  }
  list_end(ps, &l, 1);
  if(n)
    *n = l.n;
  return l.last;
}

/* '{' statements '}' of a function, in a new body scope; the number of
 * statements into *n and the last returned (n may be NULL) */
static sinfo fn_body_n(parser *ps, size_t *n)
{
  new_scope(ps, AO_JS_SC_BODY);
  expect(ps, "{");
  sinfo r = stmts_until_brace(ps, 1, J_RETURN, n);
  next(ps);
  return r;
}

static void fn_body(parser *ps)
{
  (void)fn_body_n(ps, NULL);
}

typedef struct saved {
  uint32_t scope;
  uint8_t gen, async, strict, exporting;
} saved;

static saved save(parser *ps)
{
  return (saved){ ps->scope, ps->in_gen, ps->in_async, ps->strict, ps->exporting };
}
static void restore(parser *ps, saved s)
{
  ps->scope = s.scope;
  ps->in_gen = s.gen;
  ps->in_async = s.async;
  ps->strict = s.strict;
  ps->exporting = s.exporting;
}

/* At the token after 'function' (and after '*'). */
static void function_rest(parser *ps, int is_expr, int is_async, int is_gen,
                          int decl_name)
{
  enter(ps);
  saved sv = save(ps);
  if(eat(ps, "*"))
    is_gen = 1;
  if(!is_expr) {
    if(decl_name)
      declare(ps, D_FN);
  }
  ps->exporting = 0;
  new_scope(ps, AO_JS_SC_PARAMS);
  ps->in_gen = (uint8_t)is_gen;
  ps->in_async = (uint8_t)is_async;
  if(is_expr && !is(ps, "("))
    declare(ps, D_NAME);
  params(ps);
  fn_body(ps);
  restore(ps, sv);
  ps->depth--;
}

/* Method: at '(' */
static void method_rest(parser *ps, int is_async, int is_gen)
{
  enter(ps);
  saved sv = save(ps);
  ps->exporting = 0;
  new_scope(ps, AO_JS_SC_PARAMS);
  ps->in_gen = (uint8_t)is_gen;
  ps->in_async = (uint8_t)is_async;
  params(ps);
  fn_body(ps);
  restore(ps, sv);
  ps->depth--;
}

/* Arrow function at its parameters (an identifier or '('). */
static void arrow(parser *ps, int is_async, int no_in)
{
  enter(ps);
  saved sv = save(ps);
  ps->exporting = 0;
  new_scope(ps, AO_JS_SC_PARAMS);
  ps->in_gen = 0;
  ps->in_async = (uint8_t)is_async;
  /* (a)=> becomes a=> */
  if(is(ps, "(") && ps->i + 3 < ps->n && ident_tok(ps, peek(ps, 1)) &&
     tok_is(ps, peek(ps, 2), ")") && tok_is(ps, peek(ps, 3), "=>")) {
    cur(ps)->op = AO_JS_OP_DROP;
    peek(ps, 2)->op = AO_JS_OP_DROP;
  }
  if(is(ps, "("))
    params(ps);
  else
    declare(ps, D_PARAM);
  if(!is(ps, "=>") || cur(ps)->t.nl_before)
    fail(ps, "expected '=>'");
  next(ps);
  if(is(ps, "{")) {
    /* =>{return a} becomes =>a (not for an object literal, which would
       read as a block, nor where 'in' may not appear) */
    size_t o = ps->i, n, k = o + 2;
    sinfo s = fn_body_n(ps, &n);
    while(k < ps->n && ps->tk[k].op == AO_JS_OP_DROP)
      k++;
    /* the return is the first token, or an if written as return */
    if(n == 1 && s.kind == K_RET && s.arg && s.start == o + 1 &&
       s.prec >= P_ASSIGN && !no_in && !ps->tk[o + 1].t.escaped &&
       (tok_kw(&ps->tk[o + 1], AO_JS_KW_RETURN) ||
        ps->tk[o + 1].op == AO_JS_OP_RETURN) &&
       k < ps->n && !tok_is(ps, &ps->tk[k], "{")) {
      size_t c = ps->match[o];
      ps->tk[o].op = AO_JS_OP_DROP;
      ps->tk[o + 1].op = AO_JS_OP_DROP;
      if(s.term != AO_JS_NOSYM)
        ps->tk[s.term].op = AO_JS_OP_DROP;
      ps->tk[c].op = AO_JS_OP_DROP;
      ps->tk[c].flags &= (uint16_t)~AO_JS_TF_ASI;   /* the return's */
    }
  }
  else
    assign(ps, no_in);
  restore(ps, sv);
  ps->depth--;
}

static int is_member_key_end(parser *ps, size_t k)
{
  ao_js_ptok *t = peek(ps, k);
  return tok_is(ps, t, "(") || tok_is(ps, t, "=") || tok_is(ps, t, ";") ||
         tok_is(ps, t, "}") || t->t.kind == AO_JS_EOF;
}

/* At the token after 'class'. */
static void class_rest(parser *ps, int is_decl)
{
  enter(ps);
  saved sv = save(ps);
  if(is_decl && ident(ps) && !is_kw(ps, AO_JS_KW_EXTENDS))
    declare(ps, D_CLASS);
  ps->exporting = 0;
  ps->strict = 1;
  new_scope(ps, AO_JS_SC_CLASS);
  if(!is_decl && ident(ps) && !is_kw(ps, AO_JS_KW_EXTENDS))
    declare(ps, D_NAME);
  if(is_kw(ps, AO_JS_KW_EXTENDS)) {
    next(ps);
    lhs(ps);
  }
  expect(ps, "{");
  while(!is(ps, "}")) {
    if(cur(ps)->t.kind == AO_JS_EOF)
      fail(ps, "expected '}'");
    if(eat(ps, ";"))
      continue;
    int is_async = 0, is_gen = 0, accessor = 0;
    if(is_kw(ps, AO_JS_KW_STATIC) && !is_member_key_end(ps, 1)) {
      next(ps);
      if(is(ps, "{")) {   /* static block */
        saved s2 = save(ps);
        ps->in_async = 0;
        ps->in_gen = 0;
        fn_body(ps);
        restore(ps, s2);
        continue;
      }
    }
    if(is_kw(ps, AO_JS_KW_ASYNC) && !is_member_key_end(ps, 1) &&
       !peek(ps, 1)->t.nl_before) {
      next(ps);
      is_async = 1;
    }
    if(eat(ps, "*"))
      is_gen = 1;
    if((is_kw(ps, AO_JS_KW_GET) || is_kw(ps, AO_JS_KW_SET) ||
        (cur(ps)->t.kind == AO_JS_NAME && cur(ps)->t.len == 8 &&
         !memcmp(ps->src + cur(ps)->t.off, "accessor", 8) &&
         !peek(ps, 1)->t.nl_before)) &&
       !is_member_key_end(ps, 1) && !is_async && !is_gen) {
      accessor = 1;
      next(ps);
    }
    prop_name(ps);
    if(is(ps, "(")) {
      method_rest(ps, is_async, is_gen);
      continue;
    }
    (void)accessor;
    if(eat(ps, "=")) {   /* field initializer: a method-like context */
      saved s2 = save(ps);
      ps->in_async = 0;
      ps->in_gen = 0;
      assign(ps, 0);
      restore(ps, s2);
    }
    semicolon(ps);
  }
  next(ps);
  restore(ps, sv);
  ps->depth--;
}

static void template_rest(parser *ps)
{
  /* at TEMPLATE_HEAD */
  next(ps);
  for(;;) {
    expr(ps, 0);
    int k = cur(ps)->t.kind;
    if(k == AO_JS_TEMPLATE_MIDDLE) {
      next(ps);
      continue;
    }
    if(k == AO_JS_TEMPLATE_TAIL) {
      next(ps);
      return;
    }
    fail(ps, "unterminated template substitution");
  }
}

static void object_lit(parser *ps)
{
  next(ps);   /* { */
  while(!is(ps, "}")) {
    if(eat(ps, "...")) {
      assign(ps, 0);
    }
    else if(ident(ps) && (tok_is(ps, peek(ps, 1), ",") ||
                          tok_is(ps, peek(ps, 1), "}") ||
                          tok_is(ps, peek(ps, 1), "="))) {
      cur(ps)->flags |= AO_JS_TF_SHORTHAND;
      ref(ps);
      if(eat(ps, "="))   /* cover grammar of an assignment pattern */
        assign(ps, 0);
    }
    else {
      int is_async = 0, is_gen = 0;
      if(is_kw(ps, AO_JS_KW_ASYNC) && !is_member_key_end(ps, 1) &&
         !tok_is(ps, peek(ps, 1), ":") && !tok_is(ps, peek(ps, 1), ",") &&
         !peek(ps, 1)->t.nl_before) {
        next(ps);
        is_async = 1;
      }
      if(eat(ps, "*"))
        is_gen = 1;
      if((is_kw(ps, AO_JS_KW_GET) || is_kw(ps, AO_JS_KW_SET)) &&
         !is_member_key_end(ps, 1) && !tok_is(ps, peek(ps, 1), ":") &&
         !tok_is(ps, peek(ps, 1), ",") && !is_async && !is_gen)
        next(ps);
      prop_name(ps);
      if(is(ps, "("))
        method_rest(ps, is_async, is_gen);
      else {
        if(is_async || is_gen)
          fail(ps, "expected '('");
        expect(ps, ":");
        assign(ps, 0);
      }
    }
    if(!is(ps, "}"))
      expect(ps, ",");
  }
  next(ps);
}

static void args(parser *ps)
{
  next(ps);   /* ( */
  while(!is(ps, ")")) {
    eat(ps, "...");
    assign(ps, 0);
    if(!is(ps, ")"))
      expect(ps, ",");
  }
  next(ps);
}

/* new X() with a plain name chain and nothing after becomes new X */
static void new_parens(parser *ps)
{
  size_t k = ps->i;
  if(!ident_tok(ps, &ps->tk[k]))
    return;
  k++;
  while(k + 1 < ps->n && tok_is(ps, &ps->tk[k], ".") &&
        ps->tk[k + 1].t.kind == AO_JS_NAME)
    k += 2;
  if(k + 2 >= ps->n || !tok_is(ps, &ps->tk[k], "(") ||
     !tok_is(ps, &ps->tk[k + 1], ")"))
    return;
  ao_js_ptok *a = &ps->tk[k + 2];
  if(tok_is(ps, a, ".") || tok_is(ps, a, "?.") || tok_is(ps, a, "[") ||
     tok_is(ps, a, "(") || a->t.kind == AO_JS_TEMPLATE ||
     a->t.kind == AO_JS_TEMPLATE_HEAD)
    return;
  ps->tk[k].op = AO_JS_OP_DROP;
  ps->tk[k + 1].op = AO_JS_OP_DROP;
}

/* a["b"] becomes a.b (a?.["b"] a?.b) when b is an identifier name */
static void bracket_dot(parser *ps)
{
  size_t k = ps->i;
  ao_js_ptok *st = &ps->tk[k + 1];
  if(k + 2 >= ps->n || !ident_name_string(ps, st) ||
     !tok_is(ps, &ps->tk[k + 2], "]"))
    return;
  ps->tk[k].op = tok_is(ps, &ps->tk[k - 1], "?.") ? AO_JS_OP_DROP : AO_JS_OP_DOT;
  st->op = AO_JS_OP_UNQUOTE;
  ps->tk[k + 2].op = AO_JS_OP_DROP;
}

static void primary(parser *ps)
{
  ao_js_ptok *t = cur(ps);
  switch(t->t.kind) {
  case AO_JS_NUMBER: case AO_JS_STRING: case AO_JS_REGEX: case AO_JS_TEMPLATE:
    next(ps);
    return;
  case AO_JS_TEMPLATE_HEAD:
    template_rest(ps);
    return;
  case AO_JS_PRIVATE:   /* #x in o */
    next(ps);
    if(!is_kw(ps, AO_JS_KW_IN))
      fail(ps, "unexpected private name");
    return;
  case AO_JS_NAME:
    if(ident(ps)) {
      if(is_kw(ps, AO_JS_KW_ASYNC) && tok_kw(peek(ps, 1), AO_JS_KW_FUNCTION) &&
         !peek(ps, 1)->t.nl_before) {
        next(ps);
        next(ps);
        function_rest(ps, 1, 1, 0, 0);
        return;
      }
      if(t->t.len == 4 && !memcmp(ps->src + t->t.off, "eval", 4))
        t->flags |= AO_JS_TF_EVAL_CALL;
      ref(ps);
      return;
    }
    switch(t->t.kw) {
    case AO_JS_KW_TRUE: case AO_JS_KW_FALSE:
      t->flags |= AO_JS_TF_LITERAL;
      next(ps);
      return;
    case AO_JS_KW_THIS: case AO_JS_KW_NULL: case AO_JS_KW_SUPER:
      next(ps);
      return;
    case AO_JS_KW_FUNCTION:
      next(ps);
      function_rest(ps, 1, 0, 0, 0);
      return;
    case AO_JS_KW_CLASS:
      next(ps);
      class_rest(ps, 0);
      return;
    case AO_JS_KW_IMPORT:
      next(ps);
      if(eat(ps, ".")) {   /* import.meta */
        if(cur(ps)->t.kind != AO_JS_NAME)
          fail(ps, "expected 'meta'");
        next(ps);
        return;
      }
      if(!is(ps, "("))
        fail(ps, "unexpected 'import'");
      args(ps);
      return;
    case AO_JS_KW_NEW:
      next(ps);
      if(eat(ps, ".")) {   /* new.target */
        if(cur(ps)->t.kind != AO_JS_NAME)
          fail(ps, "expected 'target'");
        next(ps);
        return;
      }
      new_parens(ps);
      enter(ps);
      lhs(ps);
      ps->depth--;
      return;
    default:
      break;
    }
    fail(ps, "unexpected keyword");
  case AO_JS_PUNCT:
    if(is(ps, "(")) {
      next(ps);
      expr(ps, 0);
      expect(ps, ")");
      return;
    }
    if(is(ps, "[")) {
      next(ps);
      while(!is(ps, "]")) {
        if(eat(ps, ","))
          continue;
        eat(ps, "...");
        assign(ps, 0);
        if(!is(ps, "]"))
          expect(ps, ",");
      }
      next(ps);
      return;
    }
    if(is(ps, "{")) {
      object_lit(ps);
      return;
    }
    if(is(ps, "/") || is(ps, "/="))
      fail(ps, "a regular expression was read as a division");
    break;
  default:
    break;
  }
  fail(ps, "unexpected token");
}

/* member and call chain */
static void lhs(parser *ps)
{
  primary(ps);
  for(;;) {
    if(eat(ps, ".") || eat(ps, "?.")) {
      if(cur(ps)->t.kind == AO_JS_NAME || cur(ps)->t.kind == AO_JS_PRIVATE) {
        next(ps);
        continue;
      }
      if(!tok_is(ps, &ps->tk[ps->i - 1], "?."))
        fail(ps, "expected a property name");
      /* ?.( and ?.[ fall through */
    }
    if(is(ps, "[")) {
      cur(ps)->flags |= AO_JS_TF_INDEX;
      bracket_dot(ps);
      next(ps);
      expr(ps, 0);
      expect(ps, "]");
    }
    else if(is(ps, "("))
      args(ps);
    else if(cur(ps)->t.kind == AO_JS_TEMPLATE)
      next(ps);
    else if(cur(ps)->t.kind == AO_JS_TEMPLATE_HEAD)
      template_rest(ps);
    else
      return;
  }
}

static int is_unary_op(parser *ps)
{
  ao_js_ptok *t = cur(ps);
  if(t->t.kind == AO_JS_PUNCT)
    return is(ps, "!") || is(ps, "~") || is(ps, "+") || is(ps, "-") ||
           is(ps, "++") || is(ps, "--");
  if(t->t.kind == AO_JS_NAME && !t->t.escaped)
    return t->t.kw == AO_JS_KW_TYPEOF || t->t.kw == AO_JS_KW_VOID ||
           t->t.kw == AO_JS_KW_DELETE ||
           (t->t.kw == AO_JS_KW_AWAIT && !ident(ps));
  return 0;
}

static void mark_write(parser *ps, size_t start)
{
  for(size_t k = start; k < ps->i; k++)
    ps->tk[k].flags |= AO_JS_TF_WRITE;
}

static void unary(parser *ps)
{
  enter(ps);
  if(is_unary_op(ps)) {
    int upd = is(ps, "++") || is(ps, "--");
    next(ps);
    size_t start = ps->i;
    unary(ps);
    if(upd)
      mark_write(ps, start);
  }
  else {
    size_t start = ps->i;
    lhs(ps);
    if((is(ps, "++") || is(ps, "--")) && !cur(ps)->t.nl_before) {
      mark_write(ps, start);
      next(ps);
    }
  }
  ps->depth--;
}

static int is_binop(parser *ps, int no_in)
{
  ao_js_ptok *t = cur(ps);
  if(t->t.kind == AO_JS_NAME && !t->t.escaped)
    return t->t.kw == AO_JS_KW_INSTANCEOF || (t->t.kw == AO_JS_KW_IN && !no_in);
  if(t->t.kind != AO_JS_PUNCT)
    return 0;
  const unsigned char *p = ps->src + t->t.off;
  switch(t->t.len) {
  case 1:
    return strchr("+-*/%<>&|^", p[0]) != NULL;
  case 2:
    if(p[1] == '=')
      return p[0] == '<' || p[0] == '>' || p[0] == '=' || p[0] == '!';
    return p[0] == p[1] && strchr("*<>&|?", p[0]) != NULL;
  case 3:
    return !memcmp(p, "===", 3) || !memcmp(p, "!==", 3) || !memcmp(p, ">>>", 3);
  default:
    return 0;
  }
}

static int is_assignop(parser *ps)
{
  ao_js_ptok *t = cur(ps);
  if(t->t.kind != AO_JS_PUNCT)
    return 0;
  const unsigned char *p = ps->src + t->t.off;
  size_t n = t->t.len;
  if(p[n - 1] != '=')
    return 0;
  switch(n) {
  case 1:
    return 1;
  case 2:
    return strchr("+-*/%&|^", p[0]) != NULL;
  case 3:
    return p[0] == p[1] && strchr("*<>&|?", p[0]) != NULL;
  case 4:
    return !memcmp(p, ">>>=", 4);
  default:
    return 0;
  }
}

static int expr_start(parser *ps)
{
  ao_js_ptok *t = cur(ps);
  if(t->t.kind == AO_JS_EOF)
    return 0;
  if(t->t.kind == AO_JS_PUNCT)
    return is(ps, "(") || is(ps, "[") || is(ps, "{") || is(ps, "!") ||
           is(ps, "~") || is(ps, "+") || is(ps, "-") || is(ps, "++") ||
           is(ps, "--") || is(ps, "/") || is(ps, "/=");
  if(t->t.kind == AO_JS_NAME && !t->t.escaped)
    return t->t.kw != AO_JS_KW_IN && t->t.kw != AO_JS_KW_OF &&
           t->t.kw != AO_JS_KW_INSTANCEOF;
  return t->t.kind != AO_JS_TEMPLATE_MIDDLE && t->t.kind != AO_JS_TEMPLATE_TAIL;
}

/* Binary operators by what matters for rewriting their operands. */
enum {
  C_NONE, C_LOW /* && || ?? | ^ & */, C_EQ /* == != */, C_EQ3 /* === !== */,
  C_REL /* relational, shifts */, C_ADD, C_SUB, C_MUL /* * / % ** */
};

static int binop_class(const parser *ps, const ao_js_ptok *b)
{
  if(b->t.kind != AO_JS_PUNCT)
    return C_REL;   /* in, instanceof */
  const unsigned char *p = ps->src + b->t.off;
  switch(b->t.len) {
  case 1:
    return p[0] == '+' ? C_ADD : p[0] == '-' ? C_SUB :
           (p[0] == '|' || p[0] == '^' || p[0] == '&') ? C_LOW :
           (p[0] == '<' || p[0] == '>') ? C_REL : C_MUL;
  case 2:
    if(p[0] == '*')
      return C_MUL;
    if(p[1] == '=')
      return p[0] == '=' || p[0] == '!' ? C_EQ : C_REL;
    return p[0] == '<' || p[0] == '>' ? C_REL : C_LOW;
  default:
    return p[0] == '>' ? C_REL : C_EQ3;
  }
}

enum { O_OTHER, O_TYPEOF, O_STRING };

/* What the operand from token start to here is. */
static int operand_kind(const parser *ps, size_t start)
{
  const ao_js_ptok *t = &ps->tk[start];
  if(t->t.kind == AO_JS_NAME && t->t.kw == AO_JS_KW_TYPEOF && !t->t.escaped)
    return O_TYPEOF;
  if(t->t.kind == AO_JS_STRING && ps->i == start + 1)
    return O_STRING;
  return O_OTHER;
}

/* "a"+"b" (the '+' at k) written as "ab": same quotes, no escape that
 * could run into the next string, never where a statement (a directive)
 * could start, no legal comment in between. */
static void join_strings(parser *ps, uint32_t k)
{
  ao_js_ptok *l = &ps->tk[k - 1], *pl = &ps->tk[k], *r = &ps->tk[k + 1];
  const unsigned char *a = ps->src + l->t.off, *b = ps->src + r->t.off;
  if(a[0] != b[0] || ((pl->flags | r->flags) & AO_JS_TF_LEGAL) ||
     (l->flags & AO_JS_TF_ASI) || k < 2)
    return;
  if(b[1] >= '0' && b[1] <= '9' && memchr(a, '\\', l->t.len))
    return;
  const ao_js_ptok *before = &ps->tk[k - 2];
  if(before->t.kind == AO_JS_HASHBANG || tok_is(ps, before, "{") ||
     tok_is(ps, before, ";") || tok_is(ps, before, "}"))
    return;
  l->op = l->op == AO_JS_OP_JOIN_R ? AO_JS_OP_JOIN_MID : AO_JS_OP_JOIN_L;
  pl->op = AO_JS_OP_DROP;
  r->op = AO_JS_OP_JOIN_R;
}

/* The tokens from start to here are an assignment target: a literal in
 * there must stay as it is. */
static void mark_pattern(parser *ps, size_t start)
{
  for(size_t k = start; k < ps->i; k++)
    ps->tk[k].flags |= AO_JS_TF_PATTERN;
}

static void assign(parser *ps, int no_in)
{
  enter(ps);
  ao_js_ptok *t = cur(ps);
  /* arrow functions */
  if(ident(ps) && tok_is(ps, peek(ps, 1), "=>") && !peek(ps, 1)->t.nl_before) {
    arrow(ps, 0, no_in);
    ps->prec = P_ASSIGN;
    ps->depth--;
    return;
  }
  if(is_kw(ps, AO_JS_KW_ASYNC) && !peek(ps, 1)->t.nl_before) {
    ao_js_ptok *a = peek(ps, 1);
    if(ident_tok(ps, a) && tok_is(ps, peek(ps, 2), "=>")) {
      next(ps);
      arrow(ps, 1, no_in);
      ps->prec = P_ASSIGN;
      ps->depth--;
      return;
    }
    if(tok_is(ps, a, "(")) {
      size_t close = ps->match[ps->i + 1];
      if(close + 1 < ps->n && tok_is(ps, &ps->tk[close + 1], "=>") &&
         !ps->tk[close + 1].t.nl_before) {
        next(ps);
        arrow(ps, 1, no_in);
        ps->prec = P_ASSIGN;
        ps->depth--;
        return;
      }
    }
  }
  if(is(ps, "(")) {
    size_t close = ps->match[ps->i];
    if(close + 1 < ps->n && tok_is(ps, &ps->tk[close + 1], "=>") &&
       !ps->tk[close + 1].t.nl_before) {
      arrow(ps, 0, no_in);
      ps->prec = P_ASSIGN;
      ps->depth--;
      return;
    }
  }
  if(t->t.kind == AO_JS_NAME && t->t.kw == AO_JS_KW_YIELD && !t->t.escaped &&
     ps->in_gen) {
    next(ps);
    if(!cur(ps)->t.nl_before) {
      if(eat(ps, "*"))
        assign(ps, no_in);
      else if(expr_start(ps) && !is(ps, "/") && !is(ps, "/="))
        assign(ps, no_in);
    }
    ps->prec = P_ASSIGN;
    ps->depth--;
    return;
  }
  size_t start = ps->i;
  int pr = P_UNARY;
  unary(ps);
  /* the binary operators as a flat chain; around each operator the ones
   * before and after tell whether its operands are exactly the tokens
   * beside it (for typeof x==="s" and "a"+"b") */
  int o_kind = operand_kind(ps, start), before = C_NONE;
  uint32_t eq_cand = AO_JS_NOSYM, cat_cand = AO_JS_NOSYM;
  while(is_binop(ps, no_in)) {
    int op = P_BIN;
    ao_js_ptok *b = cur(ps);
    int cls = binop_class(ps, b);
    if(eq_cand != AO_JS_NOSYM && (cls == C_LOW || cls == C_EQ || cls == C_EQ3))
      ps->tk[eq_cand].op = AO_JS_OP_LOOSE;
    if(cat_cand != AO_JS_NOSYM && cls != C_MUL)
      join_strings(ps, cat_cand);
    eq_cand = cat_cand = AO_JS_NOSYM;
    if(b->t.kind == AO_JS_PUNCT && b->t.len == 2) {
      unsigned char c = ps->src[b->t.off];
      if(ps->src[b->t.off + 1] == c)
        op = c == '?' ? P_NULLISH : c == '|' ? P_OR : c == '&' ? P_AND : P_BIN;
    }
    if(op < pr)
      pr = op;
    uint32_t opi = (uint32_t)ps->i;
    next(ps);
    size_t s2 = ps->i;
    unary(ps);
    int k2 = operand_kind(ps, s2);
    if(cls == C_EQ3 && (before == C_NONE || before == C_LOW) &&
       ((o_kind == O_TYPEOF && k2 == O_STRING) ||
        (o_kind == O_STRING && k2 == O_TYPEOF)))
      eq_cand = opi;
    if(cls == C_ADD && o_kind == O_STRING && k2 == O_STRING &&
       before != C_SUB && before != C_MUL)
      cat_cand = opi;
    before = cls;
    o_kind = k2;
  }
  if(eq_cand != AO_JS_NOSYM)
    ps->tk[eq_cand].op = AO_JS_OP_LOOSE;
  if(cat_cand != AO_JS_NOSYM)
    join_strings(ps, cat_cand);
  if(eat(ps, "?")) {
    assign(ps, 0);
    expect(ps, ":");
    assign(ps, no_in);
    pr = P_COND;
  }
  else if(is_assignop(ps)) {
    mark_pattern(ps, start);
    next(ps);
    assign(ps, no_in);
    pr = P_ASSIGN;
  }
  ps->prec = (uint8_t)pr;
  ps->depth--;
}

static void expr(parser *ps, int no_in)
{
  assign(ps, no_in);
  if(is(ps, ",")) {
    while(eat(ps, ","))
      assign(ps, no_in);
    ps->prec = P_COMMA;
  }
}

static int let_decl(parser *ps)
{
  if(!is_kw(ps, AO_JS_KW_LET))
    return 0;
  ao_js_ptok *n = peek(ps, 1);
  return tok_is(ps, n, "[") || tok_is(ps, n, "{") ||
         (ident_tok(ps, n) && !(n->t.nl_before && 0));
}

static void block(parser *ps)
{
  saved sv = save(ps);
  new_scope(ps, AO_JS_SC_BLOCK);
  expect(ps, "{");
  (void)stmts_until_brace(ps, 0, J_NONE, NULL);
  next(ps);
  ps->scope = sv.scope;
}

/* The statement of an if, else, loop or with. A block of one statement
 * that may stand there alone, or of expression statements joined with ','
 * into one, reports that statement with brace set; the caller drops the
 * braces with drop_braces when no else could then bind differently. */
static sinfo body_tail(parser *ps, int tail)
{
  if(!is(ps, "{"))
    return stmt(ps);
  size_t o = ps->i;
  saved sv = save(ps);
  new_scope(ps, AO_JS_SC_BLOCK);
  next(ps);
  slist l = { 0 };
  l.tail = (uint8_t)tail;
  while(!is(ps, "}")) {
    if(cur(ps)->t.kind == AO_JS_EOF)
      fail(ps, "expected '}'");
    list_stmt(ps, &l);
  }
  list_end(ps, &l, 1);
  next(ps);
  ps->scope = sv.scope;
  sinfo r = { .kind = K_OTHER, .start = (uint32_t)o, .term = AO_JS_NOSYM,
              .brace = AO_JS_NOSYM, .exits = l.n ? l.last.exits : 0 };
  /* a string first could become a directive */
  if(l.n && ps->tk[l.first].t.kind == AO_JS_STRING)
    return r;
  if(l.n == 1 && (l.last.kind == K_EXPR || l.last.kind == K_VAR ||
                  l.last.kind == K_OTHER || l.last.kind == K_RET ||
                  l.last.kind == K_IFRET)) {
    r = l.last;
    r.brace = (uint32_t)o;
  }
  else if(l.n > 1 && l.all_expr) {
    for(size_t k = 0; k + 1 < l.n; k++) {
      if(l.terms[k] != AO_JS_NOSYM)
        ps->tk[l.terms[k]].op = AO_JS_OP_COMMA;
      else   /* the inserted ';' before the next one becomes ',' */
        ps->tk[l.starts[k + 1]].flags |= AO_JS_TF_ASI_COMMA;
    }
    r = l.last;
    r.start = l.first;
    r.prec = P_COMMA;
    r.brace = (uint32_t)o;
  }
  r.inner_kw = r.kw;
  r.kw = 0;
  return r;
}

static sinfo body(parser *ps)
{
  return body_tail(ps, J_NONE);
}

/* The body of a loop: a continue last in it goes. */
static sinfo loop_body(parser *ps)
{
  return body_tail(ps, J_CONTINUE);
}

static void braces_go(parser *ps, const sinfo *s)
{
  if(s->brace != AO_JS_NOSYM) {
    ps->tk[s->brace].op = AO_JS_OP_DROP;
    ps->tk[ps->match[s->brace]].op = AO_JS_OP_DROP;
  }
}

/* Drops the braces of s unless its statement ends with an if without else
 * (an else written after it could then bind to that if); returns whether
 * the statement as written ends with an if without else. */
static int drop_braces(parser *ps, const sinfo *s)
{
  if(s->brace == AO_JS_NOSYM)
    return s->open;
  if(!s->open)
    braces_go(ps, s);
  return 0;
}

/* May an expression starting at token k start an expression statement? */
static int stmt_start_ok(parser *ps, size_t k)
{
  ao_js_ptok *t = &ps->tk[k];
  if(tok_is(ps, t, "{"))
    return 0;
  return !(t->t.kind == AO_JS_NAME &&
           (t->t.kw == AO_JS_KW_FUNCTION || t->t.kw == AO_JS_KW_CLASS ||
            t->t.kw == AO_JS_KW_LET || t->t.kw == AO_JS_KW_ASYNC));
}

/* if (at 'if'): drops braces, or becomes a || b, a ? b : c */
/* May the statement at the token after an else stand in a statement list
 * as it is? Not a declaration (a function declaration there is scoped to
 * the if), nor a labelled statement, nor anything starting with let. */
static int else_to_list_ok(parser *ps, size_t k)
{
  const ao_js_ptok *t = &ps->tk[k];
  if(t->t.kind != AO_JS_NAME)
    return 1;
  if(t->t.escaped)
    return 0;
  if(t->t.kw == AO_JS_KW_FUNCTION || t->t.kw == AO_JS_KW_CLASS ||
     t->t.kw == AO_JS_KW_LET || t->t.kw == AO_JS_KW_CONST ||
     t->t.kw == AO_JS_KW_ASYNC)
    return 0;
  return !tok_is(ps, &ps->tk[k + 1], ":");
}

/* if (at 'if'). In a statement list (l set): if the statement of the if
 * always leaves (return, throw, break, continue last) the else goes and
 * its statement is read as the next statement of the list; *done is then
 * set (the if is in the list already). */
static sinfo if_stmt(parser *ps, slist *l, int *done)
{
  uint32_t ifi = (uint32_t)ps->i;
  next(ps);
  expect(ps, "(");
  uint32_t cs = (uint32_t)ps->i;
  expr(ps, 0);
  int cp = ps->prec;
  uint32_t ce = (uint32_t)ps->i;
  expect(ps, ")");
  sinfo a = body(ps);
  sinfo r = { .kind = K_OTHER, .open = 1, .start = ifi, .term = AO_JS_NOSYM,
              .brace = AO_JS_NOSYM };
  if(l && is_kw(ps, AO_JS_KW_ELSE) && a.exits && else_to_list_ok(ps, ps->i + 1)) {
    ps->tk[ps->i].op = AO_JS_OP_DROP;
    next(ps);
    /* as without the else: if(a)return b is merged with a return after it */
    drop_braces(ps, &a);
    if(a.kind == K_RET && a.arg && cp >= P_NULLISH && a.prec >= P_ASSIGN) {
      r.kind = K_IFRET;
      r.aux = a.start;
      r.term = a.term;
    }
    list_flush(ps, l);
    list_add(ps, l, r);
    list_stmt(ps, l);
    *done = 1;
    return r;
  }
  if(is_kw(ps, AO_JS_KW_ELSE)) {
    uint32_t ei = (uint32_t)ps->i;
    next(ps);
    sinfo b = body(ps);
    if(a.kind == K_EXPR && b.kind == K_EXPR && cp >= P_NULLISH &&
       a.prec >= P_ASSIGN && b.prec >= P_ASSIGN && stmt_start_ok(ps, cs)) {
      ps->tk[ifi].op = AO_JS_OP_DROP;
      ps->tk[cs - 1].op = AO_JS_OP_DROP;
      ps->tk[ce].op = AO_JS_OP_QUEST;
      if(a.term != AO_JS_NOSYM)
        ps->tk[a.term].op = AO_JS_OP_DROP;
      ps->tk[ei].op = AO_JS_OP_COLON;
      drop_braces(ps, &a);
      drop_braces(ps, &b);
      r = b;
      r.kind = K_EXPR;
      r.prec = P_COND;
      r.start = ifi;
      r.open = 0;
      r.brace = AO_JS_NOSYM;
      return r;
    }
    if(a.kind == K_RET && b.kind == K_RET && a.arg && b.arg &&
       cp >= P_NULLISH && a.prec >= P_ASSIGN && b.prec >= P_ASSIGN) {
      ps->tk[ifi].op = AO_JS_OP_RETURN;
      ps->tk[cs - 1].op = AO_JS_OP_DROP;
      ps->tk[ce].op = AO_JS_OP_QUEST;
      ps->tk[a.start].op = AO_JS_OP_DROP;
      if(a.term != AO_JS_NOSYM)
        ps->tk[a.term].op = AO_JS_OP_DROP;
      ps->tk[ei].op = AO_JS_OP_COLON;
      ps->tk[b.start].op = AO_JS_OP_DROP;
      drop_braces(ps, &a);
      drop_braces(ps, &b);
      r = b;
      r.start = ifi;
      r.prec = P_COND;
      r.open = 0;
      r.brace = AO_JS_NOSYM;
      return r;
    }
    drop_braces(ps, &a);
    r.open = (uint8_t)drop_braces(ps, &b);
    return r;
  }
  drop_braces(ps, &a);
  if(a.kind == K_RET && a.arg && cp >= P_NULLISH && a.prec >= P_ASSIGN) {
    r.kind = K_IFRET;
    r.aux = a.start;
    r.term = a.term;
    return r;
  }
  /* if(a)b -> a&&b would be shorter too, but measured over real libraries
   * it compresses worse with gzip: only the negated form is rewritten */
  if(a.kind == K_EXPR && tok_is(ps, &ps->tk[cs], "!") && cp == P_UNARY &&
     a.prec >= P_OR && stmt_start_ok(ps, cs + 1)) {
    ps->tk[ifi].op = AO_JS_OP_DROP;
    ps->tk[cs - 1].op = AO_JS_OP_DROP;
    ps->tk[cs].op = AO_JS_OP_DROP;
    ps->tk[ce].op = AO_JS_OP_OR;
    r = a;
    r.prec = P_OR;
    r.start = ifi;
    r.open = 0;
    r.brace = AO_JS_NOSYM;
  }
  return r;
}

/* for (at 'for'): whether it ends with an if without else */
static int for_stmt(parser *ps)
{
  saved sv = save(ps);
  next(ps);   /* for */
  if(is_kw(ps, AO_JS_KW_AWAIT))
    next(ps);
  expect(ps, "(");
  new_scope(ps, AO_JS_SC_BLOCK);
  int head_decl = 0;
  if(is(ps, ";")) {
  }
  else if(is_kw(ps, AO_JS_KW_VAR)) {
    next(ps);
    var_list(ps, D_VAR, 1);
    head_decl = 1;
  }
  else if(is_kw(ps, AO_JS_KW_CONST)) {
    const_list(ps, 1);
    head_decl = 1;
  }
  else if(let_decl(ps) && !tok_kw(peek(ps, 1), AO_JS_KW_IN) &&
          !tok_kw(peek(ps, 1), AO_JS_KW_OF)) {
    next(ps);
    var_list(ps, D_LEX, 1);
    head_decl = 1;
  }
  else {
    size_t start = ps->i;
    expr(ps, 1);
    if(is_kw(ps, AO_JS_KW_OF) || is_kw(ps, AO_JS_KW_IN))
      mark_pattern(ps, start);
  }
  (void)head_decl;
  if(is_kw(ps, AO_JS_KW_OF)) {
    next(ps);
    assign(ps, 0);
  }
  else if(is_kw(ps, AO_JS_KW_IN)) {
    next(ps);
    expr(ps, 0);
  }
  else {
    expect(ps, ";");
    if(!is(ps, ";"))
      expr(ps, 0);
    expect(ps, ";");
    if(!is(ps, ")"))
      expr(ps, 0);
  }
  expect(ps, ")");
  sinfo b = loop_body(ps);
  ps->scope = sv.scope;
  return drop_braces(ps, &b);
}

static void import_decl(parser *ps)
{
  next(ps);   /* import */
  if(cur(ps)->t.kind == AO_JS_STRING) {
    next(ps);
  }
  else {
    if(ident(ps) && !(is_kw(ps, AO_JS_KW_FROM) && peek(ps, 1)->t.kind == AO_JS_STRING)) {
      declare(ps, D_LEX);
      eat(ps, ",");
    }
    if(eat(ps, "*")) {
      if(!is_kw(ps, AO_JS_KW_AS))
        fail(ps, "expected 'as'");
      next(ps);
      declare(ps, D_LEX);
    }
    else if(eat(ps, "{")) {
      while(!is(ps, "}")) {
        if(ident(ps) && !tok_kw(peek(ps, 1), AO_JS_KW_AS)) {
          cur(ps)->flags |= AO_JS_TF_IMPORT_SHORT;
          declare(ps, D_LEX);
        }
        else {
          if(cur(ps)->t.kind != AO_JS_NAME && cur(ps)->t.kind != AO_JS_STRING)
            fail(ps, "expected an import name");
          next(ps);
          if(!is_kw(ps, AO_JS_KW_AS))
            fail(ps, "expected 'as'");
          next(ps);
          declare(ps, D_LEX);
        }
        if(!is(ps, "}"))
          expect(ps, ",");
      }
      next(ps);
    }
    if(!is_kw(ps, AO_JS_KW_FROM))
      fail(ps, "expected 'from'");
    next(ps);
    if(cur(ps)->t.kind != AO_JS_STRING)
      fail(ps, "expected a module specifier");
    next(ps);
  }
  if((is_kw(ps, AO_JS_KW_WITH) || (cur(ps)->t.kind == AO_JS_NAME && cur(ps)->t.len == 6 &&
      !memcmp(ps->src + cur(ps)->t.off, "assert", 6))) && !cur(ps)->t.nl_before) {
    next(ps);
    if(!is(ps, "{"))
      fail(ps, "expected '{'");
    object_lit(ps);   /* keys and string values only */
  }
  semicolon(ps);
}

static void export_decl(parser *ps)
{
  next(ps);   /* export */
  if(eat(ps, "*")) {
    if(is_kw(ps, AO_JS_KW_AS)) {
      next(ps);
      next(ps);
    }
    if(!is_kw(ps, AO_JS_KW_FROM))
      fail(ps, "expected 'from'");
    next(ps);
    next(ps);
    if(is_kw(ps, AO_JS_KW_WITH) && !cur(ps)->t.nl_before) {
      next(ps);
      if(!is(ps, "{"))
        fail(ps, "expected '{'");
      object_lit(ps);
    }
    semicolon(ps);
    return;
  }
  if(is(ps, "{")) {
    size_t close = ps->match[ps->i];
    int from = close + 1 < ps->n && tok_kw(&ps->tk[close + 1], AO_JS_KW_FROM);
    next(ps);
    while(!is(ps, "}")) {
      ao_js_ptok *t = cur(ps);
      if(t->t.kind != AO_JS_NAME && t->t.kind != AO_JS_STRING)
        fail(ps, "expected an export name");
      int has_as = tok_kw(peek(ps, 1), AO_JS_KW_AS);
      if(!from && t->t.kind == AO_JS_NAME) {
        if(!has_as)
          t->flags |= AO_JS_TF_EXPORT_SHORT;
        ref(ps);
      }
      else
        next(ps);
      if(has_as) {
        next(ps);
        next(ps);
      }
      if(!is(ps, "}"))
        expect(ps, ",");
    }
    next(ps);
    if(from) {
      next(ps);
      if(cur(ps)->t.kind != AO_JS_STRING)
        fail(ps, "expected a module specifier");
      next(ps);
      if(is_kw(ps, AO_JS_KW_WITH) && !cur(ps)->t.nl_before) {
        next(ps);
        if(!is(ps, "{"))
          fail(ps, "expected '{'");
        object_lit(ps);
      }
    }
    semicolon(ps);
    return;
  }
  if(is_kw(ps, AO_JS_KW_DEFAULT)) {
    next(ps);
    if(is_kw(ps, AO_JS_KW_FUNCTION)) {
      next(ps);
      ps->exporting = 1;
      function_rest(ps, 0, 0, 0, ident(ps) || (is(ps, "*") && ident_tok(ps, peek(ps, 1))));
      ps->exporting = 0;
      return;
    }
    if(is_kw(ps, AO_JS_KW_ASYNC) && tok_kw(peek(ps, 1), AO_JS_KW_FUNCTION) &&
       !peek(ps, 1)->t.nl_before) {
      next(ps);
      next(ps);
      ps->exporting = 1;
      function_rest(ps, 0, 1, 0, ident(ps) || (is(ps, "*") && ident_tok(ps, peek(ps, 1))));
      ps->exporting = 0;
      return;
    }
    if(is_kw(ps, AO_JS_KW_CLASS)) {
      next(ps);
      ps->exporting = 1;
      class_rest(ps, 1);
      ps->exporting = 0;
      return;
    }
    assign(ps, 0);
    semicolon(ps);
    return;
  }
  ps->exporting = 1;
  stmt(ps);
  ps->exporting = 0;
}

static sinfo stmt(parser *ps)
{
  enter(ps);
  ao_js_ptok *t = cur(ps);
  saved sv;
  sinfo r = { .kind = K_OTHER, .start = (uint32_t)ps->i, .term = AO_JS_NOSYM,
              .brace = AO_JS_NOSYM };
  sinfo b;
  if(t->t.kind == AO_JS_PUNCT) {
    if(is(ps, "{")) {   /* a block of one statement is that statement */
      b = body(ps);
      if(b.brace != AO_JS_NOSYM && !b.open) {
        braces_go(ps, &b);
        r = b;
        r.brace = AO_JS_NOSYM;
        /* a var standing alone now merges with its neighbours, as it
           will when the output is minified again */
        r.kw = b.inner_kw;
      }
      goto out;
    }
    if(eat(ps, ";")) {
      r.kind = K_EMPTY;
      goto out;
    }
  }
  if(t->t.kind == AO_JS_NAME && !t->t.escaped) {
    /* labelled statement: the label is named after its depth */
    if(ident(ps) && tok_is(ps, peek(ps, 1), ":")) {
      if(ps->nlabels == AO_JS_MAX_LABELS)
        fail(ps, "too many nested labels");
      t->op = AO_JS_OP_LABEL;
      t->sym = ps->nlabels;
      ps->labels[ps->nlabels++] = (uint32_t)ps->i;
      next(ps);
      next(ps);
      b = stmt(ps);
      ps->nlabels--;
      r.kind = b.kind == K_DECL ? K_DECL : K_OTHER;
      r.open = b.open;
      goto out;
    }
    switch(t->t.kw) {
    case AO_JS_KW_VAR:
      next(ps);
      var_list(ps, D_VAR, 0);
      r.term = semicolon(ps);
      r.kind = K_VAR;
      r.kw = AO_JS_KW_VAR;
      goto out;
    case AO_JS_KW_CONST:
      const_list(ps, 0);
      r.term = semicolon(ps);
      r.kind = K_DECL;
      r.kw = AO_JS_KW_CONST;
      goto out;
    case AO_JS_KW_LET:
      if(let_decl(ps)) {
        next(ps);
        var_list(ps, D_LEX, 0);
        r.term = semicolon(ps);
        r.kind = K_DECL;
        r.kw = AO_JS_KW_LET;
        goto out;
      }
      break;
    case AO_JS_KW_FUNCTION:
      next(ps);
      function_rest(ps, 0, 0, 0, 1);
      r.kind = K_DECL;
      goto out;
    case AO_JS_KW_ASYNC:
      if(tok_kw(peek(ps, 1), AO_JS_KW_FUNCTION) && !peek(ps, 1)->t.nl_before) {
        next(ps);
        next(ps);
        function_rest(ps, 0, 1, 0, 1);
        r.kind = K_DECL;
        goto out;
      }
      break;
    case AO_JS_KW_CLASS:
      next(ps);
      class_rest(ps, 1);
      r.kind = K_DECL;
      goto out;
    case AO_JS_KW_IF:
      r = if_stmt(ps, NULL, NULL);
      goto out;
    case AO_JS_KW_FOR:
      r.open = (uint8_t)for_stmt(ps);
      goto out;
    case AO_JS_KW_WHILE:
      next(ps);
      expect(ps, "(");
      expr(ps, 0);
      expect(ps, ")");
      b = loop_body(ps);
      r.open = (uint8_t)drop_braces(ps, &b);
      goto out;
    case AO_JS_KW_DO:
      next(ps);
      b = loop_body(ps);
      braces_go(ps, &b);   /* while (...) follows: no else can bind */
      if(!is_kw(ps, AO_JS_KW_WHILE))
        fail(ps, "expected 'while'");
      next(ps);
      expect(ps, "(");
      expr(ps, 0);
      expect(ps, ")");
      if(is(ps, ";")) {
        cur(ps)->flags |= AO_JS_TF_TERM;
        next(ps);
      }
      else
        cur(ps)->flags |= AO_JS_TF_ASI;
      goto out;
    case AO_JS_KW_RETURN: case AO_JS_KW_THROW:
      next(ps);
      if(!at_stmt_end(ps)) {
        expr(ps, 0);
        r.arg = 1;
        r.prec = ps->prec;
      }
      if(t->t.kw == AO_JS_KW_RETURN) {
        r.kind = K_RET;
        if(!r.arg)
          r.jump = J_RETURN;
      }
      r.exits = 1;
      r.term = semicolon(ps);
      goto out;
    case AO_JS_KW_BREAK: case AO_JS_KW_CONTINUE:
      next(ps);
      if(!at_stmt_end(ps) && cur(ps)->t.kind == AO_JS_NAME) {
        ao_js_ptok *l = cur(ps);   /* label */
        for(unsigned k = ps->nlabels; k-- > 0;) {
          const ao_js_ptok *d = &ps->tk[ps->labels[k]];
          if(d->t.len == l->t.len && !memcmp(ps->src + d->t.off,
                                             ps->src + l->t.off, l->t.len)) {
            l->op = AO_JS_OP_LABEL;
            l->sym = d->sym;
            break;
          }
        }
        next(ps);
      }
      else
        r.jump = t->t.kw == AO_JS_KW_BREAK ? J_BREAK : J_CONTINUE;
      r.exits = 1;
      r.term = semicolon(ps);
      goto out;
    case AO_JS_KW_DEBUGGER:
      next(ps);
      r.term = semicolon(ps);
      goto out;
    case AO_JS_KW_TRY:
      next(ps);
      block(ps);
      if(is_kw(ps, AO_JS_KW_CATCH)) {
        next(ps);
        sv = save(ps);
        new_scope(ps, AO_JS_SC_CATCH);
        if(eat(ps, "(")) {
          binding(ps, D_LEX);
          expect(ps, ")");
        }
        expect(ps, "{");
        (void)stmts_until_brace(ps, 0, J_NONE, NULL);
        next(ps);
        ps->scope = sv.scope;
      }
      if(is_kw(ps, AO_JS_KW_FINALLY)) {
        next(ps);
        block(ps);
      }
      goto out;
    case AO_JS_KW_SWITCH:
      next(ps);
      expect(ps, "(");
      expr(ps, 0);
      expect(ps, ")");
      sv = save(ps);
      new_scope(ps, AO_JS_SC_BLOCK);
      expect(ps, "{");
      while(!is(ps, "}")) {
        if(is_kw(ps, AO_JS_KW_CASE)) {
          next(ps);
          expr(ps, 0);
        }
        else if(is_kw(ps, AO_JS_KW_DEFAULT))
          next(ps);
        else
          fail(ps, "expected 'case' or 'default'");
        expect(ps, ":");
        slist l = { 0 };
        l.tail = J_BREAK;
        while(!is(ps, "}") && !is_kw(ps, AO_JS_KW_CASE) &&
              !is_kw(ps, AO_JS_KW_DEFAULT)) {
          if(cur(ps)->t.kind == AO_JS_EOF)
            fail(ps, "expected '}'");
          list_stmt(ps, &l);
        }
        list_end(ps, &l, is(ps, "}"));   /* a break last in the switch */
      }
      next(ps);
      ps->scope = sv.scope;
      goto out;
    case AO_JS_KW_WITH:
      next(ps);
      expect(ps, "(");
      expr(ps, 0);
      expect(ps, ")");
      sv = save(ps);
      new_scope(ps, AO_JS_SC_WITH);
      b = body(ps);
      r.open = (uint8_t)drop_braces(ps, &b);
      ps->scope = sv.scope;
      goto out;
    case AO_JS_KW_IMPORT:
      if(ps->p->is_module && !tok_is(ps, peek(ps, 1), "(") &&
         !tok_is(ps, peek(ps, 1), ".")) {
        import_decl(ps);
        goto out;
      }
      break;
    case AO_JS_KW_EXPORT:
      if(ps->p->is_module) {
        export_decl(ps);
        goto out;
      }
      fail(ps, "'export' outside a module");
    default:
      break;
    }
  }
  expr(ps, 0);
  r.kind = K_EXPR;
  r.prec = ps->prec;
  r.term = semicolon(ps);
out:
  ps->depth--;
  return r;
}

/* ---- driver -------------------------------------------------------------- */

static ao_status tokenize(parser *ps, ao_diags *d)
{
  ao_js_parsed *p = ps->p;
  ao_js_lex lx;
  ao_js_lex_init(&lx, p->src, p->len, AO_JS_LEX_LEGAL_COMMENTS);
  size_t cap = 0, lcap = 0;
  int legal_pending = 0;
  for(;;) {
    ao_js_tok t;
    if(ao_js_lex_next(&lx, &t)) {
      ao_js_lex_diag(&lx, d, AO_ERROR);
      return AO_SYNTAX;
    }
    if(t.kind == AO_JS_LINE_COMMENT || t.kind == AO_JS_BLOCK_COMMENT) {
      if(t.kind == AO_JS_BLOCK_COMMENT &&
         ao_js_comment_is_legal(p->src + t.off, t.len)) {
        if(p->nlegal == lcap) {
          size_t nc = lcap ? lcap * 2 : 8;
          ao_js_tok *l = ao_realloc(p->legal, nc * sizeof *l);
          if(!l)
            return AO_NOMEM;
          p->legal = l;
          lcap = nc;
        }
        p->legal[p->nlegal++] = t;
        legal_pending = 1;
      }
      continue;
    }
    if(p->ntok == cap) {
      size_t nc = cap ? cap * 2 : 1024;
      ao_js_ptok *tk = ao_realloc(p->tok, nc * sizeof *tk);
      if(!tk)
        return AO_NOMEM;
      p->tok = tk;
      cap = nc;
    }
    p->tok[p->ntok++] = (ao_js_ptok){ .t = t, .sym = AO_JS_NOSYM,
                                      .flags = legal_pending ? AO_JS_TF_LEGAL : 0 };
    legal_pending = 0;
    if(t.kind == AO_JS_EOF)
      break;
  }
  return AO_OK;
}

static ao_status match_brackets(parser *ps, ao_diags *d)
{
  size_t n = ps->n;
  ps->match = ao_malloc(n * sizeof *ps->match);
  uint32_t *stack = ao_malloc((n + 1) * sizeof *stack);
  if(!ps->match || !stack) {
    ao_free(stack);
    return AO_NOMEM;
  }
  size_t sp = 0;
  for(size_t i = 0; i < n; i++) {
    ao_js_ptok *t = &ps->tk[i];
    ps->match[i] = (uint32_t)n;
    int open = 0, close = 0;
    if(t->t.kind == AO_JS_PUNCT && t->t.len == 1) {
      unsigned char c = ps->src[t->t.off];
      open = c == '(' || c == '[' || c == '{';
      close = c == ')' || c == ']' || c == '}';
    }
    else if(t->t.kind == AO_JS_TEMPLATE_HEAD)
      open = 1;
    else if(t->t.kind == AO_JS_TEMPLATE_MIDDLE)
      open = close = 1;
    else if(t->t.kind == AO_JS_TEMPLATE_TAIL)
      close = 1;
    if(close) {
      if(!sp) {
        ao_diag_add(d, AO_ERROR, t->t.off, "unbalanced bracket");
        ao_free(stack);
        return AO_SYNTAX;
      }
      ps->match[stack[--sp]] = (uint32_t)i;
    }
    if(open)
      stack[sp++] = (uint32_t)i;
  }
  ao_free(stack);
  if(sp) {
    ao_diag_add(d, AO_ERROR, ps->tk[n - 1].t.off, "unclosed bracket");
    return AO_SYNTAX;
  }
  return AO_OK;
}

static ao_status parse_run(parser *ps, ao_js_parsed *p, ao_diags *d)
{
  const unsigned char *src = p->src;
  int is_module = p->is_module;
  memset(ps, 0, sizeof *ps);
  ps->p = p;
  ps->src = src;
  ao_status st = tokenize(ps, d);
  if(st)
    return st;
  ps->tk = p->tok;
  ps->n = p->ntok;
  if(p->ntok >= UINT32_MAX / 2) {
    ao_diag_add(d, AO_ERROR, SIZE_MAX, "too many tokens");
    return AO_LIMIT;
  }
  st = match_brackets(ps, d);
  if(st)
    return st;
  if(setjmp(ps->jb)) {
    if(ps->err == AO_SYNTAX)
      ao_diag_add(d, AO_ERROR, ps->err_off, "%s", ps->msg);
    return ps->err;
  }
  ps->scope = AO_JS_NOSYM;
  ps->cur_const = AO_JS_NOSYM;
  new_scope(ps, AO_JS_SC_ROOT);
  ps->strict = (uint8_t)is_module;
  ps->in_async = (uint8_t)is_module;   /* top-level await */
  if(ps->tk[0].t.kind == AO_JS_HASHBANG)
    ps->i = 1;
  int directives = 1;
  slist l = { 0 };
  while(cur(ps)->t.kind != AO_JS_EOF) {
    if(directives) {
      ao_js_ptok *t = cur(ps);
      if(t->t.kind == AO_JS_STRING) {
        if(t->t.len == 12 && !memcmp(src + t->t.off + 1, "use strict", 10))
          ps->strict = 1;
      }
      else
        directives = 0;
    }
    if(is(ps, "}"))
      fail(ps, "unexpected '}'");
    list_stmt(ps, &l);
  }
  return AO_OK;
}

ao_status ao_js_parse(const unsigned char *src, size_t len, int is_module,
                      ao_js_parsed *p, ao_diags *d)
{
  memset(p, 0, sizeof *p);
  p->src = src;
  p->len = len;
  p->is_module = is_module;
  /* on the heap: its fields change between setjmp and longjmp */
  parser *ps = ao_malloc(sizeof *ps);
  if(!ps)
    return AO_NOMEM;
  ao_status st = parse_run(ps, p, d);
  ao_free(ps->match);
  ao_free(ps);
  return st;
}

void ao_js_parsed_free(ao_js_parsed *p)
{
  ao_free(p->tok);
  ao_free(p->scopes);
  ao_free(p->syms);
  ao_free(p->tab);
  ao_free(p->legal);
  ao_free(p->lexjoin);
  memset(p, 0, sizeof *p);
}
