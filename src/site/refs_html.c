/* References in HTML: URL attributes by element, srcset candidates, inline
 * styles and module scripts (through the CSS and JS extractors), import
 * maps. */
#include <assetopt/html_lex.h>
#include <assetopt/json.h>
#include <assetopt/refs.h>

#include <string.h>

typedef ao_status (*sub_fn)(const unsigned char *, size_t, ao_refs *,
                            ao_diags *);

struct ctx {
  const unsigned char *src;
  size_t len;
  ao_refs *out;
  ao_diags *d;
};

static int is_ws(unsigned char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

/* '&' + [#A-Za-z0-9] before the query or fragment of the URL */
static unsigned pin_flag(const unsigned char *p, size_t n)
{
  size_t k = 0;
  while(k < n && p[k] != '?' && p[k] != '#')
    k++;
  return ao_html_has_charref(p, k < n ? k + 1 : n) ? AO_REF_F_PIN : 0;
}

static ao_status push(struct ctx *c, size_t off, size_t len, ao_ref_kind kind,
                      unsigned flags, size_t tag_end)
{
  /* trim the ASCII whitespace that browsers strip from URLs */
  while(len && is_ws(c->src[off])) {
    off++;
    len--;
  }
  while(len && is_ws(c->src[off + len - 1]))
    len--;
  if(!len)
    return AO_OK;
  if(ao_refs_push(c->out, off, len, kind, flags | pin_flag(c->src + off, len)))
    return AO_NOMEM;
  c->out->items[c->out->n - 1].tag_end = tag_end;
  return AO_OK;
}

/* One reference per candidate URL of a srcset value. */
static ao_status push_srcset(struct ctx *c, const ao_html_attr *a,
                             ao_ref_kind kind, unsigned flags)
{
  const unsigned char *s = c->src;
  size_t i = a->val_off, e = a->val_off + a->val_len;
  while(i < e) {
    while(i < e && (is_ws(s[i]) || s[i] == ','))
      i++;
    if(i >= e)
      break;
    size_t u = i;
    while(i < e && !is_ws(s[i]))
      i++;
    size_t ue = i;
    int trailing_comma = 0;
    while(ue > u && s[ue - 1] == ',') {
      ue--;
      trailing_comma = 1;
    }
    if(ue > u && push(c, u, ue - u, kind, flags, 0))
      return AO_NOMEM;
    if(trailing_comma)
      continue;
    /* descriptors up to a ',' outside parentheses */
    int depth = 0;
    while(i < e) {
      if(s[i] == '(')
        depth++;
      else if(s[i] == ')' && depth)
        depth--;
      else if(s[i] == ',' && !depth)
        break;
      i++;
    }
  }
  return AO_OK;
}

/* Runs a CSS or JS extractor over src[off, off+len) (copied with padding)
 * and appends its references shifted to the page's offsets. */
static ao_status sub_refs(struct ctx *c, sub_fn fn, size_t off, size_t len,
                          unsigned extra)
{
  if(!len)
    return AO_OK;
  unsigned char *copy = ao_malloc(len + AO_PAD);
  if(!copy)
    return AO_NOMEM;
  memcpy(copy, c->src + off, len);
  memset(copy + len, 0, AO_PAD);
  ao_refs r = { 0 };
  ao_diags sd;
  ao_diags_init(&sd, NULL, copy, len);
  ao_status st = fn(copy, len, &r, &sd);
  for(size_t k = 0; !st && k < r.n; k++) {
    const ao_ref *x = &r.items[k];
    if(x->off + x->len > len)
      continue;
    if(ao_refs_push(c->out, off + x->off, x->len, x->kind, x->flags | extra))
      st = AO_NOMEM;
  }
  for(size_t k = 0; k < sd.n; k++)
    ao_diag_add(c->d, sd.items[k].sev,
                sd.items[k].off <= len ? off + sd.items[k].off : SIZE_MAX,
                "%s", sd.items[k].msg);
  ao_diags_free(&sd);
  ao_refs_free(&r);
  ao_free(copy);
  return st;
}

/* <script type=importmap>: the addresses in "imports" and in the maps of
 * "scopes" (not the specifier keys, not folder prefixes ending in '/'). */
static ao_status importmap_refs(const unsigned char *src, size_t len,
                                ao_refs *out, ao_diags *d)
{
  ao_json_lex lx;
  ao_json_lex_init(&lx, src, len);
  ao_json_tok t;
  int section = 0; /* 1 imports, 2 scopes */
  ao_status st;
  while(!(st = ao_json_lex_next(&lx, &t)) && t.kind != AO_JSON_EOF) {
    if(t.kind != AO_JSON_STRING)
      continue;
    const unsigned char *v = src + t.off + 1;
    size_t n = t.len - 2;
    if(t.is_key && t.depth == 1) {
      section = n == 7 && !memcmp(v, "imports", 7) ? 1
              : n == 6 && !memcmp(v, "scopes", 6) ? 2 : 0;
      continue;
    }
    if(t.is_key || !n || v[n - 1] == '/' ||
       !((section == 1 && t.depth == 2) || (section == 2 && t.depth == 3)))
      continue;
    if(ao_refs_push(out, t.off + 1, n, AO_REF_OTHER,
                    AO_REF_F_MODULE | (t.has_escape ? AO_REF_F_PIN : 0)))
      return AO_NOMEM;
  }
  if(st == AO_SYNTAX || st == AO_LIMIT) {
    ao_diag_add(d, AO_WARNING, lx.err_off, "import map: %s", lx.err_msg);
    st = AO_OK;
  }
  return st;
}

/* Whether the space-separated token list of attribute a holds lw. */
static int has_token(const struct ctx *c, const ao_html_attr *a, const char *lw)
{
  if(!a || a->quote < 0)
    return 0;
  size_t i = a->val_off, e = a->val_off + a->val_len;
  while(i < e) {
    while(i < e && is_ws(c->src[i]))
      i++;
    size_t b = i;
    while(i < e && !is_ws(c->src[i]))
      i++;
    if(i > b && ao_html_name_is(c->src, b, i - b, lw))
      return 1;
  }
  return 0;
}

static int tag_is(const struct ctx *c, const ao_html_tok *t, const char *lw)
{
  return ao_html_name_is(c->src, t->name_off, t->name_len, lw);
}

static int attr_is(const struct ctx *c, const ao_html_attr *a, const char *lw)
{
  return ao_html_name_is(c->src, a->name_off, a->name_len, lw);
}

static ao_status link_refs(struct ctx *c, const ao_html_tok *t)
{
  const ao_html_attr *rel = ao_html_attr_find(t, c->src, "rel");
  const ao_html_attr *as = ao_html_attr_find(t, c->src, "as");
  ao_ref_kind kind = AO_REF_RESOURCE;
  unsigned flags = 0;
  if(has_token(c, rel, "stylesheet"))
    kind = AO_REF_STYLESHEET;
  else if(has_token(c, rel, "modulepreload")) {
    kind = AO_REF_PRELOAD;
    flags |= AO_REF_F_MODULE;
  }
  else if(has_token(c, rel, "preload")) {
    kind = AO_REF_PRELOAD;
    if(ao_html_attr_value_is(as, c->src, "font"))
      flags |= AO_REF_F_FONT;
    else if(ao_html_attr_value_is(as, c->src, "image"))
      flags |= AO_REF_F_IMAGE;
  }
  if(ao_html_attr_find(t, c->src, "integrity"))
    flags |= AO_REF_F_INTEGRITY;
  if(ao_html_attr_find(t, c->src, "crossorigin"))
    flags |= AO_REF_F_CROSSORIGIN;
  for(size_t k = 0; k < t->nattrs; k++) {
    const ao_html_attr *a = &t->attrs[k];
    if(a->quote < 0)
      continue;
    ao_status st = AO_OK;
    if(attr_is(c, a, "href"))
      st = push(c, a->val_off, a->val_len, kind, flags, t->tag_end);
    else if(attr_is(c, a, "imagesrcset"))
      st = push_srcset(c, a, kind == AO_REF_PRELOAD ? kind : AO_REF_RESOURCE,
                       flags | AO_REF_F_IMAGE);
    if(st)
      return st;
  }
  return AO_OK;
}

static ao_status script_refs(struct ctx *c, const ao_html_tok *t)
{
  unsigned flags = 0;
  if(ao_html_attr_value_is(ao_html_attr_find(t, c->src, "type"), c->src,
                           "module"))
    flags |= AO_REF_F_MODULE;
  if(ao_html_attr_find(t, c->src, "async"))
    flags |= AO_REF_F_ASYNC;
  if(ao_html_attr_find(t, c->src, "defer"))
    flags |= AO_REF_F_DEFER;
  if(ao_html_attr_find(t, c->src, "integrity"))
    flags |= AO_REF_F_INTEGRITY;
  if(ao_html_attr_find(t, c->src, "crossorigin"))
    flags |= AO_REF_F_CROSSORIGIN;
  const ao_html_attr *a = ao_html_attr_find(t, c->src, "src");
  if(a && a->quote >= 0)
    return push(c, a->val_off, a->val_len, AO_REF_SCRIPT, flags, t->tag_end);
  return AO_OK;
}

static ao_status meta_refs(struct ctx *c, const ao_html_tok *t)
{
  const ao_html_attr *p = ao_html_attr_find(t, c->src, "property");
  const ao_html_attr *n = ao_html_attr_find(t, c->src, "name");
  int img = 0;
  static const char *const names[] = { "og:image", "og:image:url",
                                       "og:image:secure_url", "twitter:image",
                                       "twitter:image:src", NULL };
  for(const char *const *k = names; *k; k++)
    if(ao_html_attr_value_is(p, c->src, *k) ||
       ao_html_attr_value_is(n, c->src, *k))
      img = 1;
  const ao_html_attr *v = ao_html_attr_find(t, c->src, "content");
  if(img && v && v->quote >= 0)
    return push(c, v->val_off, v->val_len, AO_REF_OTHER, 0, 0);
  return AO_OK;
}

/* Elements whose src/href/… name a resource or a page. */
static ao_status element_refs(struct ctx *c, const ao_html_tok *t)
{
  int img = tag_is(c, t, "img");
  unsigned flags = img ? AO_REF_F_IMAGE : 0;
  if(ao_html_attr_value_is(ao_html_attr_find(t, c->src, "loading"), c->src,
                           "lazy"))
    flags |= AO_REF_F_LAZY;
  int nav_href = tag_is(c, t, "a") || tag_is(c, t, "area");
  int nav_src = tag_is(c, t, "iframe") || tag_is(c, t, "frame");
  int res_src = img || tag_is(c, t, "source") || tag_is(c, t, "video") ||
                tag_is(c, t, "audio") || tag_is(c, t, "track") ||
                tag_is(c, t, "embed") ||
                (tag_is(c, t, "input") &&
                 ao_html_attr_value_is(ao_html_attr_find(t, c->src, "type"),
                                       c->src, "image"));
  for(size_t k = 0; k < t->nattrs; k++) {
    const ao_html_attr *a = &t->attrs[k];
    if(a->quote < 0)
      continue;
    ao_status st = AO_OK;
    if(attr_is(c, a, "src")) {
      if(res_src)
        st = push(c, a->val_off, a->val_len, AO_REF_RESOURCE, flags, 0);
      else if(nav_src)
        st = push(c, a->val_off, a->val_len, AO_REF_NAVIGATION,
                  flags & AO_REF_F_LAZY, 0);
    }
    else if(attr_is(c, a, "srcset")) {
      if(img || tag_is(c, t, "source"))
        st = push_srcset(c, a, AO_REF_RESOURCE, flags);
    }
    else if(attr_is(c, a, "poster")) {
      if(tag_is(c, t, "video"))
        st = push(c, a->val_off, a->val_len, AO_REF_RESOURCE,
                  flags | AO_REF_F_IMAGE, 0);
    }
    else if(attr_is(c, a, "data")) {
      if(tag_is(c, t, "object"))
        st = push(c, a->val_off, a->val_len, AO_REF_RESOURCE, flags, 0);
    }
    else if(attr_is(c, a, "href")) {
      if(nav_href)
        st = push(c, a->val_off, a->val_len, AO_REF_NAVIGATION, 0, 0);
    }
    else if(attr_is(c, a, "action")) {
      if(tag_is(c, t, "form"))
        st = push(c, a->val_off, a->val_len, AO_REF_NAVIGATION, 0, 0);
    }
    else if(attr_is(c, a, "formaction")) {
      if(tag_is(c, t, "button") || tag_is(c, t, "input"))
        st = push(c, a->val_off, a->val_len, AO_REF_NAVIGATION, 0, 0);
    }
    else if(attr_is(c, a, "background")) {
      /* obsolete, still honoured by browsers */
      if(tag_is(c, t, "body") || tag_is(c, t, "table") ||
         tag_is(c, t, "td") || tag_is(c, t, "th"))
        st = push(c, a->val_off, a->val_len, AO_REF_RESOURCE, AO_REF_F_IMAGE,
                  0);
    }
    else if(attr_is(c, a, "style")) {
      st = sub_refs(c, ao_refs_css, a->val_off, a->val_len,
                    a->charref ? AO_REF_F_PIN : 0);
    }
    if(st)
      return st;
  }
  return AO_OK;
}

/* Inline SVG: <image>, <use>, <feImage> and <a> name files by href or
 * xlink:href (an icon sprite: <use href="icons.svg#home">). */
static ao_status foreign_refs(struct ctx *c, const ao_html_tok *t)
{
  ao_ref_kind kind;
  unsigned flags = 0;
  if(tag_is(c, t, "image") || tag_is(c, t, "feimage")) {
    kind = AO_REF_RESOURCE;
    flags = AO_REF_F_IMAGE;
  }
  else if(tag_is(c, t, "use"))
    kind = AO_REF_RESOURCE;
  else if(tag_is(c, t, "a"))
    kind = AO_REF_NAVIGATION;
  else
    return AO_OK;
  for(size_t k = 0; k < t->nattrs; k++) {
    const ao_html_attr *a = &t->attrs[k];
    if(a->quote >= 0 && (attr_is(c, a, "href") || attr_is(c, a, "xlink:href")))
      return push(c, a->val_off, a->val_len, kind, flags, 0);
  }
  return AO_OK;
}

/* style="" on elements handled by the specific extractors above. */
static ao_status style_attr_refs(struct ctx *c, const ao_html_tok *t)
{
  const ao_html_attr *a = ao_html_attr_find(t, c->src, "style");
  if(!a || a->quote < 0)
    return AO_OK;
  return sub_refs(c, ao_refs_css, a->val_off, a->val_len,
                  a->charref ? AO_REF_F_PIN : 0);
}

/* The style="" refs of link/script/meta tags must come after their own URL
 * when the attribute comes later; keep the list in offset order. */
static void sort_from(ao_refs *r, size_t from)
{
  for(size_t i = from + 1; i < r->n; i++) {
    ao_ref x = r->items[i];
    size_t j = i;
    while(j > from && r->items[j - 1].off > x.off) {
      r->items[j] = r->items[j - 1];
      j--;
    }
    r->items[j] = x;
  }
}

ao_status ao_refs_html(const unsigned char *src, size_t len, ao_refs *out,
                       ao_diags *d)
{
  struct ctx c = { src, len, out, d };
  ao_html_lex lx;
  ao_html_lex_init(&lx, src, len, 0);
  size_t first = out->n;
  size_t base_off = SIZE_MAX;
  int body = 0;       /* 1 style, 2 module script, 3 import map: the next
                         raw text */
  ao_status st = AO_OK;
  for(;;) {
    ao_html_tok t;
    if((st = ao_html_lex_next(&lx, &t)))
      break;
    if(t.kind == AO_HTML_EOF)
      break;
    if(t.kind == AO_HTML_RAWTEXT) {
      if(body == 1)
        st = sub_refs(&c, ao_refs_css, t.off, t.end - t.off, 0);
      else if(body == 2)
        st = sub_refs(&c, ao_refs_js, t.off, t.end - t.off, 0);
      else if(body == 3)
        st = sub_refs(&c, importmap_refs, t.off, t.end - t.off, 0);
      body = 0;
      if(st)
        break;
      continue;
    }
    body = 0;
    if(t.flags & AO_HTML_TF_UNTERMINATED) {
      ao_diag_add(d, AO_WARNING, t.off,
                  t.kind == AO_HTML_COMMENT ? "comment not closed before the "
                  "end of the file" : "tag not closed before the end of the "
                  "file; its attributes are not read");
      continue;
    }
    if(t.kind != AO_HTML_START_TAG)
      continue;
    if(t.flags & AO_HTML_TF_FOREIGN) { /* inside svg/math */
      if((st = foreign_refs(&c, &t)))
        break;
      continue;
    }
    size_t mark = out->n;
    if(tag_is(&c, &t, "script")) {
      st = script_refs(&c, &t);
      if(!st)
        st = style_attr_refs(&c, &t);
      const ao_html_attr *type = ao_html_attr_find(&t, src, "type");
      if(!ao_html_attr_find(&t, src, "src") &&
         ao_html_attr_value_is(type, src, "module"))
        body = 2;
      else if(ao_html_attr_value_is(type, src, "importmap"))
        body = 3;
    }
    else if(tag_is(&c, &t, "link")) {
      st = link_refs(&c, &t);
      if(!st)
        st = style_attr_refs(&c, &t);
    }
    else if(tag_is(&c, &t, "meta")) {
      st = meta_refs(&c, &t);
      if(!st)
        st = style_attr_refs(&c, &t);
    }
    else if(tag_is(&c, &t, "style")) {
      st = style_attr_refs(&c, &t);
      body = 1;
    }
    else if(tag_is(&c, &t, "base")) {
      if(base_off == SIZE_MAX && ao_html_attr_find(&t, src, "href"))
        base_off = t.off;
      st = style_attr_refs(&c, &t);
    }
    else
      st = element_refs(&c, &t);
    if(st)
      break;
    sort_from(out, mark);
  }
  ao_html_lex_free(&lx);
  if(st)
    return st;
  if(base_off != SIZE_MAX) {
    ao_diag_add(d, AO_WARNING, base_off,
                "<base href> changes how every URL of the page resolves; "
                "its references keep their targets' names");
    for(size_t k = first; k < out->n; k++)
      out->items[k].flags |= AO_REF_F_PIN;
  }
  return AO_OK;
}
