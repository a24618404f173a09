/* References in JavaScript: import/export specifiers, import('…'),
 * new URL('…', import.meta.url), strings that look like asset paths, and the
 * sourceMappingURL comment. Built on the JS tokenizer, so strings inside
 * comments or regular expressions are never taken for references. */
#include <assetopt/js_lex.h>
#include <assetopt/refs.h>

#include <string.h>

typedef struct toks {
  ao_js_tok *v;
  size_t n, cap;
} toks;

static ao_status toks_push(toks *ts, const ao_js_tok *t)
{
  if(ts->n == ts->cap) {
    size_t cap = ts->cap ? ts->cap * 2 : 256;
    ao_js_tok *v = ao_realloc(ts->v, cap * sizeof(*v));
    if(!v)
      return AO_NOMEM;
    ts->v = v;
    ts->cap = cap;
  }
  ts->v[ts->n++] = *t;
  return AO_OK;
}

static int is_punct(const unsigned char *src, const ao_js_tok *t, char c)
{
  return t->kind == AO_JS_PUNCT && t->len == 1 && src[t->off] == (unsigned char)c;
}

static int is_name(const unsigned char *src, const ao_js_tok *t, const char *s)
{
  size_t n = strlen(s);
  return t->kind == AO_JS_NAME && t->len == n && !memcmp(src + t->off, s, n);
}

/* a string literal or a template without substitutions */
static int is_literal(const ao_js_tok *t)
{
  return t->kind == AO_JS_STRING || t->kind == AO_JS_TEMPLATE;
}

/* './x', '../x' or '/x' (not '//host') */
static int is_relative(const unsigned char *s, size_t n)
{
  if(n >= 2 && s[0] == '.' && s[1] == '/')
    return 1;
  if(n >= 3 && s[0] == '.' && s[1] == '.' && s[2] == '/')
    return 1;
  return n >= 2 && s[0] == '/' && s[1] != '/';
}

static int is_alnum(unsigned char c)
{
  return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* Does the literal's content look like a relative asset path? */
static int looks_like_path(const unsigned char *s, size_t n)
{
  if(!n)
    return 0;
  if(!is_relative(s, n) && !(is_alnum(s[0]) || s[0] == '_' || s[0] == '-'))
    return 0;
  for(size_t i = 0; i < n; i++) {
    unsigned char c = s[i];
    if(c <= ' ' || c == 0x7f)
      return 0;
    if(c == '$' && i + 1 < n && s[i + 1] == '{')
      return 0;
  }
  size_t e = n;
  while(e && is_alnum(s[e - 1]))
    e--;
  size_t ext = n - e;
  return ext >= 1 && ext <= 10 && e >= 2 && s[e - 1] == '.' && s[e - 2] != '.' &&
         s[e - 2] != '/';
}

static ao_status add(ao_refs *out, const unsigned char *src,
                     const ao_js_tok *t, ao_ref_kind kind, unsigned flags)
{
  size_t off = t->off + 1, len = t->len - 2, pl;
  if(!ao_url_local_path((const char *)src + off, len, &pl) && !t->escaped)
    return AO_OK;
  if(t->escaped)
    flags |= AO_REF_F_PIN;
  return ao_refs_push(out, off, len, kind, flags);
}

/* "# sourceMappingURL=" or "@ sourceMappingURL=" in a comment */
static ao_status map_comment(ao_refs *out, const unsigned char *src,
                             const ao_js_tok *t)
{
  const unsigned char *p = src + t->off + 2, *e = src + t->off + t->len;
  static const char key[] = "sourceMappingURL=";
  if(t->kind == AO_JS_BLOCK_COMMENT)
    e -= 2;
  if(e - p < (ptrdiff_t)(2 + sizeof(key) - 1) || (*p != '#' && *p != '@'))
    return AO_OK;
  p++;
  while(p < e && (*p == ' ' || *p == '\t'))
    p++;
  if(e - p < (ptrdiff_t)(sizeof(key) - 1) || memcmp(p, key, sizeof(key) - 1))
    return AO_OK;
  p += sizeof(key) - 1;
  const unsigned char *u = p;
  while(p < e && *p > ' ')
    p++;
  if(p == u)
    return AO_OK;
  size_t pl;
  if(!ao_url_local_path((const char *)u, (size_t)(p - u), &pl))
    return AO_OK;
  return ao_refs_push(out, (size_t)(u - src), (size_t)(p - u),
                      AO_REF_SOURCEMAP, 0);
}

static ao_status scan(const unsigned char *src, const toks *ts, ao_refs *out)
{
  const ao_js_tok *v = ts->v;
  size_t n = ts->n;
  ao_status s = AO_OK;
  /* 1: after import/export, expecting 'from' before the specifier */
  int want_from = 0;
  for(size_t i = 0; i < n && !s; i++) {
    const ao_js_tok *t = &v[i];
    if(t->kind == AO_JS_LINE_COMMENT || t->kind == AO_JS_BLOCK_COMMENT) {
      s = map_comment(out, src, t);
      continue;
    }
    if(t->kind == AO_JS_NAME && (t->kw == AO_JS_KW_IMPORT ||
                                 t->kw == AO_JS_KW_EXPORT)) {
      const ao_js_tok *nx = i + 1 < n ? &v[i + 1] : NULL;
      if(t->kw == AO_JS_KW_IMPORT && nx && is_punct(src, nx, '(')) {
        /* import('literal') or import('literal', options) */
        if(i + 3 < n && is_literal(&v[i + 2]) &&
           (is_punct(src, &v[i + 3], ')') || is_punct(src, &v[i + 3], ','))) {
          const ao_js_tok *lit = &v[i + 2];
          if(is_relative(src + lit->off + 1, lit->len - 2))
            s = add(out, src, lit, AO_REF_DYNAMIC_IMPORT, 0);
          i += 2;
        }
        continue;
      }
      if(t->kw == AO_JS_KW_IMPORT && nx && is_punct(src, nx, '.'))
        continue;   /* import.meta */
      if(t->kw == AO_JS_KW_IMPORT && nx && nx->kind == AO_JS_STRING) {
        if(is_relative(src + nx->off + 1, nx->len - 2))
          s = add(out, src, nx, AO_REF_STATIC_IMPORT, 0);
        i++;
        continue;
      }
      want_from = 1;
      continue;
    }
    if(want_from) {
      if(is_name(src, t, "from") && i + 1 < n && v[i + 1].kind == AO_JS_STRING) {
        const ao_js_tok *lit = &v[i + 1];
        if(is_relative(src + lit->off + 1, lit->len - 2))
          s = add(out, src, lit, AO_REF_STATIC_IMPORT, 0);
        want_from = 0;
        i++;
        continue;
      }
      if(t->kind == AO_JS_NAME || t->kind == AO_JS_STRING ||
         is_punct(src, t, '{') || is_punct(src, t, '}') ||
         is_punct(src, t, ',') || is_punct(src, t, '*'))
        ;  /* still inside the clause; strings: export { "a b" as c } */
      else
        want_from = 0;
      if(t->kind == AO_JS_STRING)
        continue;
    }
    /* new URL('literal', import.meta.url) */
    if(t->kind == AO_JS_NAME && t->kw == AO_JS_KW_NEW && i + 10 < n &&
       is_name(src, &v[i + 1], "URL") && is_punct(src, &v[i + 2], '(') &&
       is_literal(&v[i + 3]) && is_punct(src, &v[i + 4], ',') &&
       is_name(src, &v[i + 5], "import") && is_punct(src, &v[i + 6], '.') &&
       is_name(src, &v[i + 7], "meta") && is_punct(src, &v[i + 8], '.') &&
       is_name(src, &v[i + 9], "url") &&
       (is_punct(src, &v[i + 10], ')') || is_punct(src, &v[i + 10], ','))) {
      s = add(out, src, &v[i + 3], AO_REF_OTHER, 0);
      i += 10;
      continue;
    }
    if(is_literal(t) && looks_like_path(src + t->off + 1, t->len - 2))
      s = add(out, src, t, AO_REF_OTHER, AO_REF_F_GUESS);
  }
  return s;
}

ao_status ao_refs_js(const unsigned char *src, size_t len, ao_refs *out,
                     ao_diags *d)
{
  ao_js_lex *lx = ao_malloc(sizeof(*lx));
  if(!lx)
    return AO_NOMEM;
  ao_js_lex_init(lx, src, len, AO_JS_LEX_COMMENTS);
  toks ts = { NULL, 0, 0 };
  ao_status s = AO_OK;
  for(;;) {
    ao_js_tok t;
    if(ao_js_lex_next(lx, &t)) {
      /* keep what came before the error: those tokens are sound */
      ao_diag_add(d, AO_WARNING, lx->err_off,
                  "%s; references after this point are not extracted",
                  lx->err_msg);
      break;
    }
    if(t.kind == AO_JS_EOF)
      break;
    if(t.kind == AO_JS_HASHBANG)
      continue;
    if((s = toks_push(&ts, &t)))
      break;
  }
  ao_free(lx);
  if(!s)
    s = scan(src, &ts, out);
  ao_free(ts.v);
  return s;
}
