/* Scope analysis: resolves references to declarations and decides which
 * bindings must keep their names. Conservative by design: a name that some
 * code might reach by its spelling (globals of scripts, module exports,
 * anything a direct eval sees, lookups through a with statement) stays. */
#include <assetopt/js_parse.h>

#include <string.h>

static int is_var_scope(const ao_js_parsed *p, uint32_t s)
{
  return p->scopes[s].kind == AO_JS_SC_ROOT || p->scopes[s].kind == AO_JS_SC_BODY;
}

/* Is the name at token i assigned with '=' (or '||=', '&&=', '??='), which
 * gives an anonymous function or class its .name? */
static int names_value(const ao_js_parsed *p, size_t i)
{
  if(i + 1 >= p->ntok || p->tok[i + 1].t.kind != AO_JS_PUNCT)
    return 0;
  const unsigned char *s = p->src + p->tok[i + 1].t.off;
  size_t n = p->tok[i + 1].t.len;
  return (n == 1 && s[0] == '=') ||
         (n == 3 && s[2] == '=' && s[0] == s[1] &&
          (s[0] == '|' || s[0] == '&' || s[0] == '?'));
}

/* Is the reference at token i the object of a member access or a call (in
 * an assignment target, the binding itself is then not assigned)? */
static int member_base(const ao_js_parsed *p, size_t i)
{
  if(i + 1 >= p->ntok)
    return 0;
  const ao_js_ptok *n = &p->tok[i + 1];
  if(n->t.kind == AO_JS_TEMPLATE || n->t.kind == AO_JS_TEMPLATE_HEAD)
    return 1;
  if(n->t.kind != AO_JS_PUNCT)
    return 0;
  const unsigned char *s = p->src + n->t.off;
  return (n->t.len == 1 && (s[0] == '.' || s[0] == '[' || s[0] == '(')) ||
         (n->t.len == 2 && s[0] == '?' && s[1] == '.');
}

static int punct1(const ao_js_parsed *p, size_t i, char c)
{
  const ao_js_ptok *t = &p->tok[i];
  return t->t.kind == AO_JS_PUNCT && t->t.len == 1 && p->src[t->t.off] == c;
}

/* Is the reference at token i the whole key of a computed member access
 * x[i] (a '[' the parser read as one)? */
static int member_key(const ao_js_parsed *p, size_t i)
{
  return i >= 1 && i + 1 < p->ntok && (p->tok[i - 1].flags & AO_JS_TF_INDEX) &&
         punct1(p, i + 1, ']');
}

/* The const keyword heading the statement the one at k was merged into. */
static uint32_t const_head(const ao_js_parsed *p, uint32_t k)
{
  while(p->tok[k].sym != k && p->tok[k].sym < p->ntok &&
        (p->tok[p->tok[k].sym].flags & AO_JS_TF_CONST))
    k = p->tok[k].sym;
  return k;
}

/* Does the declaration statement starting at token k declare with let,
 * written or made? */
static int lexical_let(const ao_js_parsed *p, uint32_t k)
{
  const ao_js_ptok *t = &p->tok[k];
  if(t->flags & AO_JS_TF_CONST)
    return !(p->tok[const_head(p, k)].flags & AO_JS_TF_KEEP_CONST);
  return t->t.kind == AO_JS_NAME && t->t.kw == AO_JS_KW_LET;
}

/* const -> let where no binding of the statement is ever assigned or keeps
 * its name (see js_parse.h); then let and such const statements side by
 * side merge. */
static void const_to_let(ao_js_parsed *p)
{
  for(uint32_t k = 0; k < p->nsyms; k++) {
    const ao_js_sym *y = &p->syms[k];
    if(y->kw != AO_JS_NOSYM &&
       (y->flags & (AO_JS_SYF_FIXED | AO_JS_SYF_WRITTEN)))
      p->tok[const_head(p, y->kw)].flags |= AO_JS_TF_KEEP_CONST;
  }
  for(uint32_t i = 0; i < p->ntok; i++) {
    ao_js_ptok *t = &p->tok[i];
    if((t->flags & AO_JS_TF_CONST) && t->op == AO_JS_OP_KEEP &&
       const_head(p, i) == i && !(t->flags & AO_JS_TF_KEEP_CONST))
      t->op = AO_JS_OP_LET;
  }
  for(size_t j = 0; j + 3 <= p->nlexjoin; j += 3) {
    uint32_t l = p->lexjoin[j], term = p->lexjoin[j + 1], r = p->lexjoin[j + 2];
    if(!lexical_let(p, l) || !lexical_let(p, r))
      continue;
    if(term != AO_JS_NOSYM) {
      p->tok[term].op = AO_JS_OP_COMMA;
      p->tok[r].op = AO_JS_OP_DROP;
    }
    else
      p->tok[r].op = AO_JS_OP_COMMA;
  }
}

ao_status ao_js_scope_resolve(ao_js_parsed *p)
{
  /* references */
  for(size_t i = 0; i < p->ntok; i++) {
    ao_js_ptok *t = &p->tok[i];
    if(t->role == AO_JS_ROLE_DECL) {
      p->syms[t->sym].uses++;
      if(p->keep_names && names_value(p, i))
        p->syms[t->sym].flags |= AO_JS_SYF_NAMED;
      continue;
    }
    if(t->role != AO_JS_ROLE_REF)
      continue;
    const unsigned char *name = p->src + t->t.off;
    int through_with = 0;
    uint32_t found = AO_JS_NOSYM;
    for(uint32_t s = t->scope; s != AO_JS_NOSYM; s = p->scopes[s].parent) {
      found = ao_js_scope_lookup(p, s, name, t->t.len);
      if(found != AO_JS_NOSYM)
        break;
      if(p->scopes[s].kind == AO_JS_SC_WITH)
        through_with = 1;
    }
    t->sym = found;
    if(found != AO_JS_NOSYM) {
      p->syms[found].uses++;
      if((t->flags & (AO_JS_TF_PATTERN | AO_JS_TF_WRITE)) &&
         !member_base(p, i) && !member_key(p, i))
        p->syms[found].flags |= AO_JS_SYF_WRITTEN;
      if(p->keep_names && names_value(p, i))
        p->syms[found].flags |= AO_JS_SYF_NAMED;
      if(through_with || t->t.escaped)
        p->syms[found].flags |= AO_JS_SYF_FIXED;
    }
    else if(t->flags & AO_JS_TF_EVAL_CALL) {
      /* direct eval: every scope it can see keeps its names */
      for(uint32_t s = t->scope; s != AO_JS_NOSYM; s = p->scopes[s].parent)
        p->scopes[s].flags |= AO_JS_SCF_EVAL;
    }
  }
  /* fixed bindings */
  for(uint32_t k = 0; k < p->nsyms; k++) {
    ao_js_sym *y = &p->syms[k];
    const ao_js_scope *sc = &p->scopes[y->scope];
    if((sc->flags & AO_JS_SCF_EVAL) || (p->keep_names && (y->flags & AO_JS_SYF_NAMED)))
      y->flags |= AO_JS_SYF_FIXED;
    if(sc->kind == AO_JS_SC_ROOT && !p->is_module)
      y->flags |= AO_JS_SYF_FIXED;
    if(y->flags & AO_JS_SYF_BLOCKFN) {
      /* a function declared in a block may also be a var of the enclosing
         function (web compatibility): same-named bindings on the way
         there keep their names too */
      for(uint32_t s = sc->parent; s != AO_JS_NOSYM; s = p->scopes[s].parent) {
        uint32_t o = ao_js_scope_lookup(p, s, p->src + y->off, y->len);
        if(o != AO_JS_NOSYM)
          p->syms[o].flags |= AO_JS_SYF_FIXED;
        if(is_var_scope(p, s))
          break;
      }
    }
  }
  if(p->syntax)
    const_to_let(p);
  return AO_OK;
}
