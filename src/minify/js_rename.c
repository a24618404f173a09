/* Renaming of local bindings and the writer of the annotated token stream.
 *
 * Each scope, outermost first, gives its renamable bindings, in the order
 * they are declared (names of functions and classes last), the lowest
 * "slots" not taken by a binding of an enclosing scope that is used inside
 * it; siblings thus share slots, and the parameters of most functions get
 * the same names in the same order (function(e,t,n){...), which gzip and
 * brotli compress much better than names ordered by use in each scope. The
 * slots whose bindings occur most often get the one-character names; both
 * the one-character and the longer names go to slots in slot order, for
 * the same reason. Names a program uses without renaming (globals, fixed
 * bindings) and reserved words are never generated. The output is
 * tokenized again and compared with what was meant to be written before it
 * is accepted. */
#include <assetopt/js_parse.h>

#include <stdlib.h>
#include <string.h>

/* ---- names --------------------------------------------------------------- */

static const char first_chars[] =
  "etnrisoaulcfdhpmgvybwxkjqzETNRISOAULCFDHPMGVYBWXKJQZ_$";
static const char next_chars[] =
  "etnrisoaulcfdhpmgvybwxkjqzETNRISOAULCFDHPMGVYBWXKJQZ_$0123456789";

static const char *const reserved[] = {
  "as", "do", "if", "in", "of", "for", "get", "let", "new", "set", "try",
  "var", "NaN", "case", "else", "enum", "eval", "from", "null", "this",
  "true", "void", "with", "async", "await", "break", "catch", "class",
  "const", "false", "super", "throw", "while", "yield", "static", "delete",
  "export", "import", "public", "return", "switch", "typeof", "default",
  "extends", "finally", "package", "private", "continue", "debugger",
  "function", "arguments", "implements", "instanceof", "interface",
  "protected", "undefined", "Infinity", NULL
};

/* names of up to 8 ASCII bytes packed into one integer (0: does not fit) */
static uint64_t pack(const unsigned char *s, size_t n)
{
  if(n == 0 || n > 8)
    return 0;
  uint64_t v = 0;
  for(size_t i = 0; i < n; i++) {
    if(s[i] >= 0x80)
      return 0;
    v = v << 8 | s[i];
  }
  return v;
}

static int cmp_u64(const void *a, const void *b)
{
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

static size_t gen_name(size_t k, char *o)
{
  size_t n = 0, nf = sizeof first_chars - 1, nn = sizeof next_chars - 1;
  o[n++] = first_chars[k % nf];
  k /= nf;
  while(k) {
    k--;
    o[n++] = next_chars[k % nn];
    k /= nn;
  }
  return n;
}

/* ---- writer -------------------------------------------------------------- */

typedef struct writer {
  ao_buf *b;
  unsigned char lc;     /* last byte written (0: none) */
  uint8_t last_num;     /* the last token was a number without '.', 'e', 'x' */
  uint8_t *kinds;       /* token kinds meant, for the check */
  size_t nk, kcap;
  int oom;
} writer;

static int wordish(unsigned char c)
{
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') ||
         c == '_' || c == '$' || c == '\\' || c >= 0x80;
}

/* ao_buf_append without the call while there is room */
static void put(ao_buf *b, const unsigned char *s, size_t n)
{
  if(!b->err && !b->limit && b->cap - b->len > n + 1 + AO_PAD) {
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = 0;
  }
  else
    ao_buf_append(b, s, n);
}

static void emit(writer *w, const unsigned char *s, size_t n, uint8_t kind)
{
  unsigned char fc = s[0], lc = w->lc;
  if(lc && ((wordish(lc) && wordish(fc)) || (fc == '.' && w->last_num) ||
            ((lc == '+' || lc == '-') && fc == lc) ||
            (lc == '/' && (fc == '/' || fc == '*')) ||
            (lc == '<' && fc == '!') || (lc == '-' && fc == '>')))
    put(w->b, (const unsigned char *)" ", 1);
  put(w->b, s, n);
  w->lc = s[n - 1];
  w->last_num = 0;
  if(kind == AO_JS_NUMBER) {
    w->last_num = 1;
    for(size_t i = 0; i < n; i++)
      if(!((s[i] >= '0' && s[i] <= '9') || s[i] == '_'))
        w->last_num = 0;
  }
  if(kind == AO_JS_BLOCK_COMMENT)
    return;
  if(w->nk == w->kcap) {
    size_t nc = w->kcap ? w->kcap * 2 : 1024;
    uint8_t *k = ao_realloc(w->kinds, nc);
    if(!k) {
      w->oom = 1;
      return;
    }
    w->kinds = k;
    w->kcap = nc;
  }
  w->kinds[w->nk++] = kind;
}

/* ---- renaming ------------------------------------------------------------ */

typedef struct pair {
  uint32_t scope, sym;
} pair;

typedef struct rank {
  uint64_t count;
  uint32_t slot;
} rank;

static int cmp_rank(const void *a, const void *b)
{
  const rank *x = a, *y = b;
  if(x->count != y->count)
    return x->count > y->count ? -1 : 1;
  return x->slot < y->slot ? -1 : x->slot > y->slot;
}

/* The next generated name that is no reserved word nor a name kept as it
 * is (fixed, sorted), into buf; its length. */
static size_t next_name(size_t *gen, char *buf, const uint64_t *fixed,
                        size_t nfixed)
{
  for(;;) {
    size_t n = gen_name((*gen)++, buf);
    int bad = 0;
    for(int q = 0; reserved[q]; q++)
      if(strlen(reserved[q]) == n && !memcmp(reserved[q], buf, n))
        bad = 1;
    uint64_t key = pack((const unsigned char *)buf, n);
    if(!bad && nfixed && bsearch(&key, fixed, nfixed, sizeof *fixed, cmp_u64))
      bad = 1;
    if(!bad)
      return n;
  }
}

static int cmp_slot(const void *a, const void *b)
{
  const rank *x = a, *y = b;
  return x->slot < y->slot ? -1 : x->slot > y->slot;
}

typedef struct symord {
  uint32_t uses, sym;
} symord;

typedef struct names {
  char (*name)[8];
  uint8_t *len;
} names;

/* Assigns slots and names; names->name[slot] is the new name. */
static ao_status assign(ao_js_parsed *p, names *nm, size_t *nslots_out)
{
  ao_status st = AO_NOMEM;
  pair *pairs = NULL;
  size_t np = 0, pcap = 0;
  uint64_t *fixed = NULL;
  size_t nfixed = 0, fcap = 0;
  symord *ord = NULL;
  uint32_t *stamp = NULL, *scope_first = NULL;
  rank *rk = NULL;
  size_t nslots = 0;

  /* uses of each binding by scope, and the names kept as they are */
  for(size_t i = 0; i < p->ntok; i++) {
    ao_js_ptok *t = &p->tok[i];
    uint64_t key = 0;
    if(t->role == AO_JS_ROLE_NONE)
      continue;
    if(t->sym == AO_JS_NOSYM || (p->syms[t->sym].flags & AO_JS_SYF_FIXED))
      key = pack(p->src + t->t.off, t->t.len);
    if(key) {
      if(nfixed == fcap) {
        size_t nc = fcap ? fcap * 2 : 256;
        uint64_t *f = ao_realloc(fixed, nc * sizeof *f);
        if(!f)
          goto done;
        fixed = f;
        fcap = nc;
      }
      fixed[nfixed++] = key;
    }
    if(t->sym == AO_JS_NOSYM || (p->syms[t->sym].flags & AO_JS_SYF_FIXED))
      continue;
    uint32_t home = p->syms[t->sym].scope;
    for(uint32_t s = t->scope; s != home && s != AO_JS_NOSYM; s = p->scopes[s].parent) {
      if(np == pcap) {
        size_t nc = pcap ? pcap * 2 : 1024;
        pair *q = ao_realloc(pairs, nc * sizeof *q);
        if(!q)
          goto done;
        pairs = q;
        pcap = nc;
      }
      pairs[np++] = (pair){ s, t->sym };
    }
  }
  if(nfixed)
    qsort(fixed, nfixed, sizeof *fixed, cmp_u64);
  if(np) {   /* grouped by scope (counting sort) */
    uint32_t *cnt = ao_malloc((p->nscopes + 1) * sizeof *cnt);
    pair *sorted = ao_malloc(np * sizeof *sorted);
    if(!cnt || !sorted) {
      ao_free(cnt);
      ao_free(sorted);
      goto done;
    }
    memset(cnt, 0, (p->nscopes + 1) * sizeof *cnt);
    for(size_t k = 0; k < np; k++)
      cnt[pairs[k].scope + 1]++;
    for(size_t k = 0; k < p->nscopes; k++)
      cnt[k + 1] += cnt[k];
    for(size_t k = 0; k < np; k++)
      sorted[cnt[pairs[k].scope]++] = pairs[k];
    ao_free(cnt);
    ao_free(pairs);
    pairs = sorted;
  }

  /* symbols grouped by scope, in the order they were declared */
  ord = ao_malloc((p->nsyms + 1) * sizeof *ord);
  scope_first = ao_malloc((p->nscopes + 1) * sizeof *scope_first);
  stamp = ao_malloc((p->nsyms + 1) * sizeof *stamp);
  if(!ord || !scope_first || !stamp)
    goto done;
  memset(scope_first, 0, (p->nscopes + 1) * sizeof *scope_first);
  for(uint32_t k = 0; k < p->nsyms; k++)
    scope_first[p->syms[k].scope + 1]++;
  for(size_t s = 0; s < p->nscopes; s++)
    scope_first[s + 1] += scope_first[s];
  {
    uint32_t *fill = ao_malloc((p->nscopes + 1) * sizeof *fill);
    if(!fill)
      goto done;
    memcpy(fill, scope_first, (p->nscopes + 1) * sizeof *fill);
    for(uint32_t k = 0; k < p->nsyms; k++)
      ord[fill[p->syms[k].scope]++] = (symord){ p->syms[k].uses, k };
    ao_free(fill);
  }
  memset(stamp, 0, (p->nsyms + 1) * sizeof *stamp);
  size_t pi = 0;
  for(uint32_t s = 0; s < p->nscopes; s++) {
    uint32_t mark = s + 1;
    for(; pi < np && pairs[pi].scope == s; pi++) {
      uint32_t sl = p->syms[pairs[pi].sym].slot;
      if(sl != AO_JS_NOSYM)
        stamp[sl] = mark;
    }
    /* a body's lexical declarations may not share a parameter's name */
    uint32_t par = p->scopes[s].parent;
    if(p->scopes[s].kind == AO_JS_SC_BODY && par != AO_JS_NOSYM &&
       p->scopes[par].kind == AO_JS_SC_PARAMS)
      for(uint32_t j = scope_first[par]; j < scope_first[par + 1]; j++) {
        uint32_t sl = p->syms[ord[j].sym].slot;
        if(sl != AO_JS_NOSYM)
          stamp[sl] = mark;
      }
    symord *o = ord + scope_first[s];
    size_t n = scope_first[s + 1] - scope_first[s];
    /* in declaration order, the names of functions and classes after the
       other bindings (parameters and variables line up across functions) */
    uint32_t next_free = 0;
    for(size_t j = 0; j < 2 * n; j++) {
      ao_js_sym *y = &p->syms[o[j % n].sym];
      if((y->flags & AO_JS_SYF_FIXED) ||
         ((y->flags & AO_JS_SYF_NAMED) != 0) != (j >= n))
        continue;
      while(stamp[next_free] == mark)
        next_free++;
      y->slot = next_free;
      stamp[next_free] = mark;
      if(next_free + 1 > nslots)
        nslots = next_free + 1;
    }
  }

  /* most used slots first */
  rk = ao_malloc((nslots + 1) * sizeof *rk);
  nm->name = ao_malloc((nslots + 1) * sizeof *nm->name);
  nm->len = ao_malloc(nslots + 1);
  if(!rk || !nm->name || !nm->len)
    goto done;
  for(uint32_t k = 0; k < nslots; k++)
    rk[k] = (rank){ 0, k };
  for(uint32_t k = 0; k < p->nsyms; k++)
    if(p->syms[k].slot != AO_JS_NOSYM)
      rk[p->syms[k].slot].count += p->syms[k].uses;
  /* the slots used most take the one-character names, and each group is
     named in slot order: the first parameters of most functions come out
     as e, t, n ... everywhere */
  qsort(rk, nslots, sizeof *rk, cmp_rank);
  size_t gen = 0, nshort = 0;
  {
    char buf[8];
    while(nshort < nslots && next_name(&gen, buf, fixed, nfixed) == 1)
      nshort++;
  }
  qsort(rk, nshort, sizeof *rk, cmp_slot);
  qsort(rk + nshort, nslots - nshort, sizeof *rk, cmp_slot);
  gen = 0;
  for(size_t r = 0; r < nslots; r++) {
    char buf[8];
    size_t n = next_name(&gen, buf, fixed, nfixed);
    memcpy(nm->name[rk[r].slot], buf, n);
    nm->len[rk[r].slot] = (uint8_t)n;
  }
  *nslots_out = nslots;
  st = AO_OK;
done:
  ao_free(pairs);
  ao_free(fixed);
  ao_free(ord);
  ao_free(stamp);
  ao_free(scope_first);
  ao_free(rk);
  return st;
}

/* ---- writing ------------------------------------------------------------- */

static void emit_legal(writer *w, const ao_js_parsed *p, size_t *li, size_t upto)
{
  while(*li < p->nlegal && p->legal[*li].off < upto) {
    const ao_js_tok *c = &p->legal[*li];
    emit(w, p->src + c->off, c->len, AO_JS_BLOCK_COMMENT);
    (*li)++;
  }
}

static const unsigned char semi[] = ";", colon[] = ":", as_kw[] = "as",
  bang[] = "!", zero[] = "0", one[] = "1", void_kw[] = "void",
  return_kw[] = "return", comma[] = ",", let_kw[] = "let";

static int punct_in(const ao_js_parsed *p, const ao_js_ptok *t,
                    const char *const *list)
{
  if(t->t.kind != AO_JS_PUNCT)
    return 0;
  for(int k = 0; list[k]; k++)
    if(strlen(list[k]) == t->t.len && !memcmp(list[k], p->src + t->t.off, t->t.len))
      return 1;
  return 0;
}

static const char *const after_bad[] = {
  ".", "?.", "[", "(", "**", "=", "+=", "-=", "*=", "/=", "%=", "**=", "<<=",
  ">>=", ">>>=", "&=", "|=", "^=", "&&=", "||=", "?\?=", "++", "--", "=>", NULL
};
static const char *const before_bad[] = { "++", "--", NULL };

/* May the primary expression at token i become a unary one (!0, void 0)? */
static int literal_ok(const ao_js_parsed *p, size_t i)
{
  const ao_js_ptok *t = &p->tok[i];
  if(t->flags & (AO_JS_TF_PATTERN | AO_JS_TF_SHORTHAND | AO_JS_TF_EXPORT_SHORT |
                 AO_JS_TF_IMPORT_SHORT))
    return 0;
  /* a ';' inserted before the next token ends the expression here */
  if(i + 1 < p->ntok && !(p->tok[i + 1].flags & AO_JS_TF_ASI)) {
    const ao_js_ptok *n = &p->tok[i + 1];
    if(punct_in(p, n, after_bad) ||
       n->t.kind == AO_JS_TEMPLATE || n->t.kind == AO_JS_TEMPLATE_HEAD ||
       (n->t.kind == AO_JS_NAME && (n->t.kw == AO_JS_KW_IN || n->t.kw == AO_JS_KW_OF)))
      return 0;
  }
  /* likewise one inserted before it: what precedes is another statement */
  if(i > 0 && !(t->flags & AO_JS_TF_ASI)) {
    const ao_js_ptok *b = &p->tok[i - 1];
    if(punct_in(p, b, before_bad) ||
       (b->t.kind == AO_JS_NAME && (b->t.kw == AO_JS_KW_NEW || b->t.kw == AO_JS_KW_DELETE)))
      return 0;
  }
  return 1;
}

/* undefined that names the global value: not declared anywhere on the way,
 * not looked up through a with, not where an eval could declare it */
static int global_undefined(const ao_js_parsed *p, const ao_js_ptok *t)
{
  if(t->role != AO_JS_ROLE_REF || t->sym != AO_JS_NOSYM || t->t.escaped ||
     t->t.len != 9 || memcmp(p->src + t->t.off, "undefined", 9))
    return 0;
  for(uint32_t s = t->scope; s != AO_JS_NOSYM; s = p->scopes[s].parent)
    if(p->scopes[s].kind == AO_JS_SC_WITH || (p->scopes[s].flags & AO_JS_SCF_EVAL))
      return 0;
  return 1;
}

static int is_rbrace(const ao_js_parsed *p, const ao_js_ptok *t)
{
  return t->t.kind == AO_JS_PUNCT && t->t.len == 1 && p->src[t->t.off] == '}';
}

/* ---- numbers ------------------------------------------------------------- */

/* The shortest spelling of the number literal s[0, n) into o (64 bytes),
 * or 0 to keep it: decimal digits and an exponent are normalized; hex,
 * octal and binary integers below 2^53 may become decimal; BigInts, legacy
 * octals and literals with separators stay. */
static size_t number_form(const unsigned char *s, size_t n, unsigned char *o)
{
  unsigned char d[48];
  size_t nd = 0, i = 0;
  long e = 0;
  if(n > 40 || s[n - 1] == 'n')
    return 0;
  for(size_t k = 0; k < n; k++)
    if(s[k] == '_')
      return 0;
  if(n > 2 && s[0] == '0' && ((s[1] | 0x20) == 'x' || (s[1] | 0x20) == 'o' ||
                              (s[1] | 0x20) == 'b')) {
    unsigned base = (s[1] | 0x20) == 'x' ? 16 : (s[1] | 0x20) == 'o' ? 8 : 2;
    uint64_t v = 0;
    for(i = 2; i < n; i++) {
      unsigned c = s[i] | 0x20, dv = c <= '9' ? c - '0' : c - 'a' + 10;
      v = v * base + dv;
      if(v >> 53)
        return 0;
    }
    unsigned char t[20];
    size_t k = 0;
    do
      t[k++] = (unsigned char)('0' + v % 10);
    while(v /= 10);
    while(k)
      d[nd++] = t[--k];
  }
  else {
    if(s[0] == '0' && n > 1 && s[1] >= '0' && s[1] <= '9')
      return 0;   /* legacy octal or 08 */
    int frac = 0;
    for(; i < n && s[i] != 'e' && s[i] != 'E'; i++) {
      if(s[i] == '.') {
        frac = 1;
        continue;
      }
      if(nd || s[i] != '0') {
        if(nd == sizeof d)
          return 0;
        d[nd++] = s[i];
      }
      if(frac)
        e--;
    }
    if(i < n) {
      int neg = 0;
      long x = 0;
      i++;
      if(s[i] == '+' || s[i] == '-')
        neg = s[i++] == '-';
      for(; i < n; i++) {
        if(x > 10000)
          return 0;
        x = x * 10 + (s[i] - '0');
      }
      e += neg ? -x : x;
    }
  }
  while(nd && d[nd - 1] == '0') {
    nd--;
    e++;
  }
  if(!nd) {
    o[0] = '0';
    return 1;
  }
  /* value: digits d times 10^e */
  size_t m = 0;
  if(e >= 0 && nd + (size_t)e <= 40) {   /* 1500 */
    memcpy(o, d, nd);
    memset(o + nd, '0', (size_t)e);
    m = nd + (size_t)e;
  }
  else if(e < 0 && (size_t)-e < nd) {    /* 1.5 */
    size_t ip = nd - (size_t)-e;
    memcpy(o, d, ip);
    o[ip] = '.';
    memcpy(o + ip + 1, d + ip, (size_t)-e);
    m = nd + 1;
  }
  else if(e < 0 && (size_t)-e <= 40) {   /* .015 */
    size_t z = (size_t)-e - nd;
    o[0] = '.';
    memset(o + 1, '0', z);
    memcpy(o + 1 + z, d, nd);
    m = 1 + z + nd;
  }
  if(e != 0) {                           /* 15e2, 15e-4 */
    unsigned char x[64];
    size_t k = nd;
    memcpy(x, d, nd);
    x[k++] = 'e';
    long v = e;
    if(v < 0) {
      x[k++] = '-';
      v = -v;
    }
    unsigned char t[8];
    size_t tn = 0;
    do
      t[tn++] = (unsigned char)('0' + v % 10);
    while(v /= 10);
    while(tn)
      x[k++] = t[--tn];
    if(!m || k < m) {
      memcpy(o, x, k);
      m = k;
    }
  }
  return m < n ? m : 0;
}

static const unsigned char op_text[][3] = {
  [AO_JS_OP_OR] = "||", [AO_JS_OP_QUEST] = "?",
  [AO_JS_OP_COLON] = ":", [AO_JS_OP_COMMA] = ",", [AO_JS_OP_DOT] = "."
};

static void write_all(const ao_js_parsed *p, const names *nm, writer *w,
                      int legal)
{
  size_t li = 0;
  int pending = 0;   /* a dropped token carried an inserted ';' */
  for(size_t i = 0; i < p->ntok; i++) {
    const ao_js_ptok *t = &p->tok[i];
    unsigned op = p->syntax ? t->op : AO_JS_OP_KEEP;
    if(op == AO_JS_OP_RETURN) {
      /* a statement starts here: its inserted ';' comes first */
      if((t->flags & AO_JS_TF_ASI) || pending)
        emit(w, semi, 1, AO_JS_PUNCT);
      pending = 0;
      if(legal && (t->flags & AO_JS_TF_LEGAL))
        emit_legal(w, p, &li, t->t.off);
      emit(w, return_kw, 6, AO_JS_NAME);
      continue;
    }
    if(op >= AO_JS_OP_OR && op <= AO_JS_OP_DOT) {
      /* takes the place of the statement boundary, if any */
      pending = 0;
      if(legal && (t->flags & AO_JS_TF_LEGAL))
        emit_legal(w, p, &li, t->t.off);
      emit(w, op_text[op], op == AO_JS_OP_OR ? 2 : 1, AO_JS_PUNCT);
      continue;
    }
    if(op == AO_JS_OP_DROP) {
      if(t->flags & AO_JS_TF_ASI)
        pending |= 1;
      if(pending && (t->flags & AO_JS_TF_ASI_COMMA))
        pending = 2;
      if(legal && (t->flags & AO_JS_TF_LEGAL))
        emit_legal(w, p, &li, t->t.off);
      continue;
    }
    /* before '}' and at the end the ';' is inserted again */
    if(((t->flags & AO_JS_TF_ASI) || pending) && t->t.kind != AO_JS_EOF &&
       !is_rbrace(p, t)) {
      if(pending == 2 || (p->syntax && (t->flags & AO_JS_TF_ASI_COMMA)))
        emit(w, comma, 1, AO_JS_PUNCT);
      else
        emit(w, semi, 1, AO_JS_PUNCT);
    }
    pending = 0;
    if(legal && (t->flags & AO_JS_TF_LEGAL))
      emit_legal(w, p, &li, t->t.off);
    if(t->t.kind == AO_JS_EOF)
      break;
    const unsigned char *s = p->src + t->t.off;
    if(t->t.kind == AO_JS_HASHBANG) {
      ao_buf_append(w->b, s, t->t.len);
      ao_buf_putc(w->b, '\n');
      w->lc = 0;
      continue;
    }
    uint32_t sl = t->role != AO_JS_ROLE_NONE && t->sym != AO_JS_NOSYM
                    ? p->syms[t->sym].slot : AO_JS_NOSYM;
    if(sl == AO_JS_NOSYM) {
      /* a statement's ';' before '}' is inserted again */
      if(t->flags & AO_JS_TF_TERM) {
        size_t j = i + 1;
        while(p->syntax && j + 1 < p->ntok && p->tok[j].op == AO_JS_OP_DROP &&
              !(legal && (p->tok[j].flags & AO_JS_TF_LEGAL)))
          j++;
        if(j < p->ntok && is_rbrace(p, &p->tok[j]) &&
           !(legal && (p->tok[j].flags & AO_JS_TF_LEGAL)))
          continue;
      }
      if(t->op == AO_JS_OP_LABEL) {   /* labels: a namespace of their own */
        emit(w, (const unsigned char *)first_chars + t->sym, 1, AO_JS_NAME);
        continue;
      }
      if(op == AO_JS_OP_LET) {
        emit(w, let_kw, 3, AO_JS_NAME);
        continue;
      }
      if(op == AO_JS_OP_UNQUOTE) {
        emit(w, s + 1, t->t.len - 2, AO_JS_NAME);
        continue;
      }
      if(op == AO_JS_OP_LOOSE) {
        emit(w, s, t->t.len - 1, AO_JS_PUNCT);
        continue;
      }
      if(op == AO_JS_OP_JOIN_L) {
        emit(w, s, t->t.len - 1, AO_JS_STRING);
        continue;
      }
      if(op == AO_JS_OP_JOIN_MID || op == AO_JS_OP_JOIN_R) {
        /* the rest of the string being written: no space, no new token */
        size_t from = 1, n = t->t.len - (op == AO_JS_OP_JOIN_MID ? 2 : 1);
        if(n) {
          put(w->b, s + from, n);
          w->lc = s[from + n - 1];
        }
        continue;
      }
      if(p->syntax && t->t.kind == AO_JS_NUMBER) {
        unsigned char nb[64];
        size_t k = number_form(s, t->t.len, nb);
        if(k) {
          emit(w, nb, k, AO_JS_NUMBER);
          continue;
        }
      }
      if(p->syntax && (t->flags & AO_JS_TF_LITERAL) && literal_ok(p, i)) {
        emit(w, bang, 1, AO_JS_PUNCT);
        emit(w, t->t.kw == AO_JS_KW_TRUE ? zero : one, 1, AO_JS_NUMBER);
        continue;
      }
      if(p->syntax && global_undefined(p, t) && literal_ok(p, i)) {
        emit(w, void_kw, 4, AO_JS_NAME);
        emit(w, zero, 1, AO_JS_NUMBER);
        continue;
      }
      emit(w, s, t->t.len, t->t.kind);
      continue;
    }
    const unsigned char *nn = (const unsigned char *)nm->name[sl];
    size_t nl = nm->len[sl];
    if(t->flags & AO_JS_TF_SHORTHAND) {
      emit(w, s, t->t.len, AO_JS_NAME);
      emit(w, colon, 1, AO_JS_PUNCT);
      emit(w, nn, nl, AO_JS_NAME);
    }
    else if(t->flags & AO_JS_TF_IMPORT_SHORT) {
      emit(w, s, t->t.len, AO_JS_NAME);
      emit(w, as_kw, 2, AO_JS_NAME);
      emit(w, nn, nl, AO_JS_NAME);
    }
    else if(t->flags & AO_JS_TF_EXPORT_SHORT) {
      emit(w, nn, nl, AO_JS_NAME);
      emit(w, as_kw, 2, AO_JS_NAME);
      emit(w, s, t->t.len, AO_JS_NAME);
    }
    else
      emit(w, nn, nl, AO_JS_NAME);
  }
  if(legal)
    emit_legal(w, p, &li, SIZE_MAX);
}

/* The output tokenizes into the tokens meant. */
static int check_output(const unsigned char *s, size_t n, const writer *w)
{
  ao_js_lex lx;
  ao_js_lex_init(&lx, s, n, 0);
  size_t k = 0;
  for(;;) {
    ao_js_tok t;
    if(ao_js_lex_next(&lx, &t))
      return 0;
    if(t.kind == AO_JS_EOF)
      return k == w->nk;
    if(t.kind == AO_JS_HASHBANG)
      continue;
    if(k >= w->nk || w->kinds[k] != t.kind)
      return 0;
    k++;
  }
}

ao_status ao_js_rename_write(ao_js_parsed *p, ao_buf *out)
{
  names nm = { NULL, NULL };
  size_t nslots = 0;
  ao_status st = assign(p, &nm, &nslots);
  if(st) {
    ao_free(nm.name);
    ao_free(nm.len);
    return st;
  }
  size_t start = out->len;
  writer w = { .b = out };
  if(!out->limit)   /* the output is rarely longer than the input */
    (void)ao_buf_reserve(out, p->len + 64);
  write_all(p, &nm, &w, 1);
  ao_free(nm.name);
  ao_free(nm.len);
  if(out->err || w.oom)
    st = AO_NOMEM;
  else if(ao_buf_reserve(out, AO_PAD))
    st = AO_NOMEM;
  else {
    memset(out->data + out->len, 0, AO_PAD);
    if(!check_output(out->data + start, out->len - start, &w))
      st = AO_SYNTAX;
  }
  ao_free(w.kinds);
  if(st) {
    out->len = start;
    out->err = AO_OK;
    if(out->data)
      out->data[start] = 0;
  }
  return st;
}

ao_status ao_js_minify_idents(const unsigned char *src, size_t len,
                              const ao_js_opts *o, unsigned flags, ao_buf *out,
                              ao_diags *d)
{
  ao_js_parsed p;
  ao_status st = ao_js_parse(src, len, (flags & AO_JS_ID_MODULE) != 0, &p, d);
  p.keep_names = (flags & AO_JS_ID_KEEP_NAMES) != 0;
  p.syntax = (flags & AO_JS_ID_SYNTAX) != 0;
  if(!st)
    st = ao_js_scope_resolve(&p);
  if(!st) {
    if(o && o->legal_comments == AO_LEGAL_NONE)
      p.nlegal = 0;
    st = ao_js_rename_write(&p, out);
    if(st == AO_SYNTAX)
      ao_diag_add(d, AO_WARNING, SIZE_MAX,
                  "renamed output would not tokenize as meant; not renamed");
  }
  ao_js_parsed_free(&p);
  return st;
}
