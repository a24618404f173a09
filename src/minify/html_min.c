/* HTML minifier on the tokenizer of html_lex.c.
 *
 * Whitespace follows CSS's collapsing rules for elements with their default
 * display: a run becomes one space (a newline when it held one), and goes
 * away where it cannot be seen — at the start or end of a block, next to a
 * block element or a <br>, or after a space already written with only
 * text-level inline tags in between. Nothing changes inside <pre>,
 * <textarea>, raw text elements, or elements whose style="" names
 * white-space. Comments go (not conditional ones), tags lose the whitespace
 * between attributes, attribute values lose quotes where the tokenizer does
 * not need them, boolean attributes their value, and inline scripts and
 * styles go through the JS, JSON and CSS minifiers. */
#include <assetopt/css.h>
#include <assetopt/html.h>
#include <assetopt/html_lex.h>
#include <assetopt/js.h>
#include <assetopt/json.h>

#include "html_int.h"

#include <stdlib.h>
#include <string.h>

void ao_html_opts_init(ao_html_opts *o)
{
  *o = (ao_html_opts){ .minify_js = 1, .minify_css = 1, .minify_json = 1,
                       .collapse_whitespace = 1, .remove_comments = 1,
                       .remove_quotes = 1, .collapse_booleans = 1,
                       .remove_redundant = 1, .remove_optional_tags = 1,
                       .keep_comments = NULL, .js_level = AO_JS_MIN_WHITESPACE,
                       .js_keep_names = 0 };
}

/* ---- element classes -------------------------------------------------- */

enum {
  EL_UNKNOWN,   /* custom and rare elements: whitespace kept on both sides */
  EL_BLOCK,     /* whitespace next to it is never seen                     */
  EL_INLINE,    /* text-level: spaces collapse across it                   */
  EL_ATOMIC,    /* replaced or inline-block: a box of its own in the line  */
  EL_VOID_ATOMIC
};

enum {
  F_VOID = 1,     /* no end tag                                  */
  F_KEEP_WS = 2,  /* whitespace inside is kept as written         */
  F_RAW = 4       /* body comes as one raw text token             */
};

struct el_info {
  const char *name;
  unsigned char cls, flags;
};

/* sorted by name for bsearch */
static const struct el_info elements[] = {
  { "a", EL_INLINE, 0 },          { "abbr", EL_INLINE, 0 },
  { "acronym", EL_INLINE, 0 },    { "address", EL_BLOCK, 0 },
  { "area", EL_INLINE, F_VOID },  { "article", EL_BLOCK, 0 },
  { "aside", EL_BLOCK, 0 },       { "audio", EL_ATOMIC, 0 },
  { "b", EL_INLINE, 0 },          { "base", EL_INLINE, F_VOID },
  { "bdi", EL_INLINE, 0 },        { "bdo", EL_INLINE, 0 },
  { "big", EL_INLINE, 0 },        { "blockquote", EL_BLOCK, 0 },
  { "body", EL_BLOCK, 0 },        { "br", EL_BLOCK, F_VOID },
  { "button", EL_ATOMIC, 0 },     { "canvas", EL_ATOMIC, 0 },
  { "caption", EL_BLOCK, 0 },     { "center", EL_BLOCK, 0 },
  { "cite", EL_INLINE, 0 },       { "code", EL_INLINE, 0 },
  { "col", EL_BLOCK, F_VOID },    { "colgroup", EL_BLOCK, 0 },
  { "data", EL_INLINE, 0 },       { "datalist", EL_INLINE, 0 },
  { "dd", EL_BLOCK, 0 },          { "del", EL_INLINE, 0 },
  { "details", EL_BLOCK, 0 },     { "dfn", EL_INLINE, 0 },
  { "dialog", EL_BLOCK, 0 },      { "dir", EL_BLOCK, 0 },
  { "div", EL_BLOCK, 0 },         { "dl", EL_BLOCK, 0 },
  { "dt", EL_BLOCK, 0 },          { "em", EL_INLINE, 0 },
  { "embed", EL_VOID_ATOMIC, F_VOID },
  { "fieldset", EL_BLOCK, 0 },    { "figcaption", EL_BLOCK, 0 },
  { "figure", EL_BLOCK, 0 },      { "font", EL_INLINE, 0 },
  { "footer", EL_BLOCK, 0 },      { "form", EL_BLOCK, 0 },
  { "frame", EL_BLOCK, F_VOID },  { "frameset", EL_BLOCK, 0 },
  { "h1", EL_BLOCK, 0 },          { "h2", EL_BLOCK, 0 },
  { "h3", EL_BLOCK, 0 },          { "h4", EL_BLOCK, 0 },
  { "h5", EL_BLOCK, 0 },          { "h6", EL_BLOCK, 0 },
  { "head", EL_BLOCK, 0 },        { "header", EL_BLOCK, 0 },
  { "hgroup", EL_BLOCK, 0 },      { "hr", EL_BLOCK, F_VOID },
  { "html", EL_BLOCK, 0 },        { "i", EL_INLINE, 0 },
  { "iframe", EL_ATOMIC, F_RAW },
  { "img", EL_VOID_ATOMIC, F_VOID },
  { "input", EL_VOID_ATOMIC, F_VOID },
  { "ins", EL_INLINE, 0 },        { "kbd", EL_INLINE, 0 },
  { "keygen", EL_VOID_ATOMIC, F_VOID },
  { "label", EL_INLINE, 0 },      { "legend", EL_BLOCK, 0 },
  { "li", EL_BLOCK, 0 },          { "link", EL_INLINE, F_VOID },
  { "listing", EL_BLOCK, F_KEEP_WS },
  { "main", EL_BLOCK, 0 },        { "mark", EL_INLINE, 0 },
  { "math", EL_ATOMIC, 0 },       { "menu", EL_BLOCK, 0 },
  { "meta", EL_INLINE, F_VOID },  { "meter", EL_ATOMIC, 0 },
  { "nav", EL_BLOCK, 0 },         { "nobr", EL_INLINE, 0 },
  { "noembed", EL_INLINE, F_RAW },
  { "noframes", EL_INLINE, F_RAW },
  { "noscript", EL_INLINE, F_RAW },
  { "object", EL_ATOMIC, 0 },     { "ol", EL_BLOCK, 0 },
  { "optgroup", EL_BLOCK, 0 },    { "option", EL_BLOCK, 0 },
  { "output", EL_INLINE, 0 },     { "p", EL_BLOCK, 0 },
  { "param", EL_INLINE, F_VOID }, { "picture", EL_INLINE, 0 },
  { "plaintext", EL_BLOCK, F_KEEP_WS | F_RAW },
  { "pre", EL_BLOCK, F_KEEP_WS }, { "progress", EL_ATOMIC, 0 },
  { "q", EL_INLINE, 0 },          { "s", EL_INLINE, 0 },
  { "samp", EL_INLINE, 0 },       { "script", EL_INLINE, F_RAW },
  { "search", EL_BLOCK, 0 },      { "section", EL_BLOCK, 0 },
  { "select", EL_ATOMIC, 0 },     { "small", EL_INLINE, 0 },
  { "source", EL_INLINE, F_VOID },
  { "span", EL_INLINE, 0 },       { "strike", EL_INLINE, 0 },
  { "strong", EL_INLINE, 0 },     { "style", EL_INLINE, F_RAW },
  { "sub", EL_INLINE, 0 },        { "summary", EL_BLOCK, 0 },
  { "sup", EL_INLINE, 0 },        { "svg", EL_ATOMIC, 0 },
  { "table", EL_BLOCK, 0 },       { "tbody", EL_BLOCK, 0 },
  { "td", EL_BLOCK, 0 },          { "template", EL_INLINE, 0 },
  { "textarea", EL_ATOMIC, F_KEEP_WS | F_RAW },
  { "tfoot", EL_BLOCK, 0 },       { "th", EL_BLOCK, 0 },
  { "thead", EL_BLOCK, 0 },       { "time", EL_INLINE, 0 },
  { "title", EL_BLOCK, F_RAW },   { "tr", EL_BLOCK, 0 },
  { "track", EL_INLINE, F_VOID }, { "tt", EL_INLINE, 0 },
  { "u", EL_INLINE, 0 },          { "ul", EL_BLOCK, 0 },
  { "var", EL_INLINE, 0 },        { "video", EL_ATOMIC, 0 },
  { "wbr", EL_VOID_ATOMIC, F_VOID },
  { "xmp", EL_BLOCK, F_KEEP_WS | F_RAW },
};

static const char *const booleans[] = {
  "allowfullscreen", "async", "autofocus", "autoplay", "checked", "controls",
  "default", "defer", "disabled", "formnovalidate", "inert", "ismap",
  "itemscope", "loop", "multiple", "muted", "nomodule", "novalidate", "open",
  "playsinline", "readonly", "required", "reversed", "selected", NULL
};

static int cmp_el(const void *k, const void *e)
{
  const char *a = k, *b = ((const struct el_info *)e)->name;
  return a[0] != b[0] ? (unsigned char)a[0] - (unsigned char)b[0] : strcmp(a, b);
}

static unsigned char lower(unsigned char c)
{
  return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static const struct el_info *el_find(const unsigned char *s, size_t len)
{
  char name[16];
  if(len == 0 || len >= sizeof(name))
    return NULL;
  for(size_t i = 0; i < len; i++)
    name[i] = (char)lower(s[i]);
  name[len] = 0;
  return bsearch(name, elements, sizeof(elements) / sizeof(elements[0]),
                 sizeof(elements[0]), cmp_el);
}

/* ---- minifier state ----------------------------------------------------- */

struct keep {
  size_t name_off, name_len;
  unsigned nest;
};

enum { MAX_KEEP = 256 };

struct mn {
  const unsigned char *src;
  size_t len;
  const ao_html_opts *o;
  ao_buf *out;
  ao_diags *d;
  ao_html_lex lx;
  ao__html_opt opt;
  /* whitespace */
  int pending, pending_nl; /* a run not yet written                       */
  size_t pend_at;          /* where it goes when written (SIZE_MAX: at the
                              end of the output)                          */
  int edge;                /* at the start of a line box                  */
  int space;               /* a collapsible space written, only inline
                              tags since                                  */
  struct keep keep[MAX_KEEP];
  size_t nkeep;
  unsigned ftext;          /* depth of svg text elements                  */
  size_t after_pre;        /* output length right after a <pre> start tag */
  /* the raw text body that comes next */
  enum { BODY_NONE, BODY_JS, BODY_MODULE, BODY_JSON, BODY_CSS } body;
};

static int is_ws(unsigned char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_html_ws(unsigned char c)
{
  return is_ws(c) || c == '\f';
}

static void drop_ws(struct mn *m)
{
  m->pending = m->pending_nl = 0;
  m->pend_at = SIZE_MAX;
}

static int all_ws(const unsigned char *p, size_t n)
{
  for(size_t i = 0; i < n; i++)
    if(!is_ws(p[i]))
      return 0;
  return 1;
}

static int name_is(const struct mn *m, size_t off, size_t len, const char *lw)
{
  return ao_html_name_is(m->src, off, len, lw);
}

/* pending whitespace before something that shows: one space unless it
 * cannot be seen. A run met before inline tags is written where it was,
 * before those tags, once something visible follows them. */
static void flush_ws_before(struct mn *m, int next)
{
  if(m->pending && !m->edge && !m->space) {
    ao_buf *o = m->out;
    size_t at = m->pend_at < o->len ? m->pend_at : o->len;
    /* a newline between two East Asian characters may render as nothing
     * (CSS segment break rules): keep it a newline there, else a space */
    unsigned char c = m->pending_nl && next >= 0x80 && at &&
                      o->data[at - 1] >= 0x80 ? '\n' : ' ';
    if(at < o->len && !ao_buf_putc(o, ' ')) {
      memmove(o->data + at + 1, o->data + at, o->len - 1 - at);
      o->data[at] = c;
    }
    else
      ao_buf_putc(o, c);
    m->space = 1;
  }
  drop_ws(m);
}

static void flush_ws(struct mn *m)
{
  flush_ws_before(m, -1);
}

static void text_collapsed(struct mn *m, size_t b, size_t e)
{
  const unsigned char *s = m->src;
  size_t i = b;
  while(i < e) {
    if(is_ws(s[i])) {
      /* the first run decides between space and newline */
      int first = !m->pending;
      m->pending = 1;
      while(i < e && is_ws(s[i])) {
        if(first && (s[i] == '\n' || s[i] == '\r'))
          m->pending_nl = 1;
        i++;
      }
      continue;
    }
    size_t r = i;
    while(i < e && !is_ws(s[i]))
      i++;
    flush_ws_before(m, s[r]);
    ao_buf_append(m->out, s + r, i - r);
    m->edge = m->space = 0;
  }
}

/* text inside svg/math: runs become one space; runs alone between svg
 * elements (outside text elements) go */
static void text_foreign(struct mn *m, size_t b, size_t e)
{
  const unsigned char *s = m->src;
  size_t i = b;
  int only_ws = 1;
  for(size_t k = b; k < e; k++)
    if(!is_ws(s[k]))
      only_ws = 0;
  if(only_ws && !m->ftext)
    return;
  while(i < e) {
    if(is_ws(s[i])) {
      int nl = 0;
      while(i < e && is_ws(s[i])) {
        nl |= s[i] == '\n' || s[i] == '\r';
        i++;
      }
      /* text split by a dropped comment must not give two spaces */
      const ao_buf *o = m->out;
      if(!o->len || !is_ws(o->data[o->len - 1]))
        ao_buf_putc(m->out, nl ? '\n' : ' ');
      continue;
    }
    size_t r = i;
    while(i < e && !is_ws(s[i]))
      i++;
    ao_buf_append(m->out, s + r, i - r);
  }
}

/* whitespace state around a tag of class cls */
static void ws_before(struct mn *m, int cls, int end)
{
  switch(cls) {
  case EL_BLOCK:
    drop_ws(m);
    break;
  case EL_INLINE:
    if(m->pending && !m->edge && !m->space && m->pend_at == SIZE_MAX)
      m->pend_at = m->out->len; /* decided by what follows */
    else if(m->pending && (m->edge || m->space))
      drop_ws(m);
    break;
  case EL_ATOMIC:
    if(end)
      drop_ws(m); /* trailing space inside the box */
    else
      flush_ws(m);
    break;
  default:
    flush_ws(m);
    break;
  }
}

static void ws_after(struct mn *m, int cls, int end)
{
  switch(cls) {
  case EL_BLOCK:
    m->edge = 1;
    m->space = 0;
    break;
  case EL_INLINE:
    break;
  case EL_ATOMIC:
    m->edge = !end;
    m->space = 0;
    break;
  default:
    m->edge = m->space = 0;
    break;
  }
}

static int in_keep(const struct mn *m)
{
  return m->nkeep > 0;
}

/* ---- attributes ------------------------------------------------------------ */

static int is_boolean(const struct mn *m, const ao_html_attr *a)
{
  for(const char *const *b = booleans; *b; b++)
    if(name_is(m, a->name_off, a->name_len, *b))
      return 1;
  return 0;
}

static int unquoted_ok(const unsigned char *v, size_t n)
{
  if(!n)
    return 0;
  for(size_t i = 0; i < n; i++) {
    unsigned char c = v[i];
    if(is_html_ws(c) || c == '"' || c == '\'' || c == '=' || c == '<' ||
       c == '>' || c == '`')
      return 0;
  }
  return 1;
}

/* value bytes v[0, n), originally quoted with q */
static void put_value(struct mn *m, const unsigned char *v, size_t n, int q,
                      int *unquoted)
{
  ao_buf_putc(m->out, '=');
  *unquoted = 0;
  if(q == 0 || (m->o->remove_quotes && unquoted_ok(v, n))) {
    /* unquoted in the source: it holds no whitespace nor '>' */
    ao_buf_append(m->out, v, n);
    *unquoted = 1;
    return;
  }
  int qc = memchr(v, '"', n) ? (memchr(v, '\'', n) ? q : '\'') : '"';
  ao_buf_putc(m->out, qc);
  ao_buf_append(m->out, v, n);
  ao_buf_putc(m->out, qc);
}

static int contains_ci(const unsigned char *p, size_t n, const char *lw)
{
  size_t k = strlen(lw);
  for(size_t i = 0; i + k <= n; i++) {
    size_t j = 0;
    while(j < k && lower(p[i + j]) == (unsigned char)lw[j])
      j++;
    if(j == k)
      return 1;
  }
  return 0;
}

/* Runs a minifier over src[off, off+len) copied with padding; on success
 * and when smaller, returns 1 with the result in *res. Diagnostics become
 * warnings at the page's offsets. */
typedef ao_status (*min_fn)(const unsigned char *, size_t, const void *,
                            ao_buf *, ao_diags *);

/* o: the ao_js_opts of this script */
static ao_status call_js(const unsigned char *s, size_t n, const void *o,
                         ao_buf *out, ao_diags *d)
{
  return ao_js_minify(s, n, o, out, d);
}

static ao_status call_css(const unsigned char *s, size_t n, const void *o,
                          ao_buf *out, ao_diags *d)
{
  (void)o;
  ao_css_opts co;
  ao_css_opts_init(&co);
  return ao_css_minify(s, n, &co, out, d);
}

static ao_status call_json(const unsigned char *s, size_t n, const void *o,
                           ao_buf *out, ao_diags *d)
{
  (void)o;
  ao_json_opts jo;
  ao_json_opts_init(&jo);
  return ao_json_minify(s, n, &jo, out, d);
}

static int sub_minify(struct mn *m, min_fn fn, const void *fo,
                      const unsigned char *p, size_t n, size_t page_off,
                      ao_buf *res)
{
  unsigned char *copy = ao_malloc(n + AO_PAD);
  if(!copy) {
    m->out->err = AO_NOMEM;
    return 0;
  }
  memcpy(copy, p, n);
  memset(copy + n, 0, AO_PAD);
  ao_diags sd;
  ao_diags_init(&sd, NULL, copy, n);
  ao_status st = fn(copy, n, fo, res, &sd);
  for(size_t k = 0; k < sd.n; k++)
    ao_diag_add(m->d, AO_WARNING,
                page_off != SIZE_MAX && sd.items[k].off <= n
                  ? page_off + sd.items[k].off : page_off,
                "inline code left as is: %s", sd.items[k].msg);
  ao_diags_free(&sd);
  ao_free(copy);
  if(st == AO_NOMEM)
    m->out->err = AO_NOMEM;
  return !st && !res->err && res->len < n;
}

/* style="": the CSS minifier sees a rule "*{…}" */
static void put_style_attr(struct mn *m, const ao_html_attr *a, int *unquoted)
{
  const unsigned char *v = m->src + a->val_off;
  size_t n = a->val_len;
  if(m->o->minify_css && !a->charref && n) {
    ao_buf in = AO_BUF_INIT(0), res = AO_BUF_INIT(0);
    ao_buf_append(&in, "*{", 2);
    ao_buf_append(&in, v, n);
    ao_buf_putc(&in, '}');
    if(!in.err && sub_minify(m, call_css, NULL, in.data, in.len, a->val_off - 2,
                             &res) &&
       res.len >= 3 && res.data[0] == '*' && res.data[1] == '{' &&
       res.data[res.len - 1] == '}' &&
       !(memchr(res.data, '"', res.len) && memchr(res.data, '\'', res.len))) {
      put_value(m, res.data + 2, res.len - 3, '"', unquoted);
      ao_buf_free(&in);
      ao_buf_free(&res);
      return;
    }
    ao_buf_free(&in);
    ao_buf_free(&res);
  }
  put_value(m, v, n, a->quote, unquoted);
}

static const char *const js_types[] = {
  "text/javascript", "application/javascript", "application/ecmascript",
  "application/x-javascript", "text/ecmascript", "module", NULL
};

static const char *const json_types[] = {
  "application/json", "application/ld+json", "importmap", "speculationrules",
  "text/json", NULL
};

/* whether the attribute is dropped as redundant */
static int redundant(struct mn *m, const ao_html_tok *t, const ao_html_attr *a)
{
  if(!m->o->remove_redundant || !name_is(m, a->name_off, a->name_len, "type"))
    return 0;
  const unsigned char *s = m->src;
  if(name_is(m, t->name_off, t->name_len, "script"))
    return !ao_html_attr_find(t, s, "language") &&
           (ao_html_attr_value_is(a, s, "text/javascript") ||
            ao_html_attr_value_is(a, s, "application/javascript"));
  if(name_is(m, t->name_off, t->name_len, "style"))
    return ao_html_attr_value_is(a, s, "text/css");
  if(name_is(m, t->name_off, t->name_len, "link")) {
    const ao_html_attr *rel = ao_html_attr_find(t, s, "rel");
    return ao_html_attr_value_is(rel, s, "stylesheet") &&
           ao_html_attr_value_is(a, s, "text/css");
  }
  return 0;
}

/* class="": a set of names, so whitespace around and between them is one
 * space at most */
static void put_class(struct mn *m, const ao_html_attr *a, int *unquoted,
                      int *novalue)
{
  const unsigned char *v = m->src + a->val_off;
  size_t n = a->val_len, b = 0;
  unsigned char tmp[256];
  ao_buf big = AO_BUF_INIT(0);
  unsigned char *w = n <= sizeof(tmp) ? tmp : NULL;
  if(!w) {
    if(ao_buf_reserve(&big, n)) {
      m->out->err = AO_NOMEM;
      return;
    }
    w = big.data;
  }
  size_t k = 0;
  while(b < n) {
    while(b < n && is_html_ws(v[b]))
      b++;
    if(b >= n)
      break;
    if(k)
      w[k++] = ' ';
    while(b < n && !is_html_ws(v[b]))
      w[k++] = v[b++];
  }
  *novalue = k == 0;
  if(k)
    put_value(m, w, k, a->quote, unquoted);
  ao_buf_free(&big);
}

static void put_tag(struct mn *m, const ao_html_tok *t, int foreign)
{
  ao_buf *o = m->out;
  ao_buf_putc(o, '<');
  if(t->kind == AO_HTML_END_TAG)
    ao_buf_putc(o, '/');
  ao_buf_append(o, m->src + t->name_off, t->name_len);
  int unquoted = 0, novalue = 0;
  for(size_t k = 0; k < t->nattrs; k++) {
    const ao_html_attr *a = &t->attrs[k];
    if(!foreign && redundant(m, t, a))
      continue;
    /* "a =b" would give a the value "b": an attribute named "=b" needs
     * the one before it to carry its value */
    if(novalue && a->name_len && m->src[a->name_off] == '=')
      ao_buf_puts(o, "=\"\"");
    ao_buf_putc(o, ' ');
    ao_buf_append(o, m->src + a->name_off, a->name_len);
    unquoted = 0;
    novalue = 1;
    if(a->quote < 0 || !a->val_len)
      continue; /* a="" is the same as a */
    if(!foreign && m->o->collapse_booleans && is_boolean(m, a) &&
       a->name_len == a->val_len) {
      size_t i = 0;
      while(i < a->name_len && lower(m->src[a->name_off + i]) ==
                                 lower(m->src[a->val_off + i]))
        i++;
      if(i == a->name_len)
        continue; /* disabled=disabled */
    }
    if(!foreign && !a->charref &&
       name_is(m, a->name_off, a->name_len, "class")) {
      put_class(m, a, &unquoted, &novalue);
      continue;
    }
    novalue = 0;
    if(!foreign && name_is(m, a->name_off, a->name_len, "style"))
      put_style_attr(m, a, &unquoted);
    else
      put_value(m, m->src + a->val_off, a->val_len, a->quote, &unquoted);
  }
  if(foreign && (t->flags & AO_HTML_TF_SELF_CLOSING)) {
    if(unquoted)
      ao_buf_putc(o, ' ');
    ao_buf_putc(o, '/');
  }
  ao_buf_putc(o, '>');
}

/* ---- raw text bodies -------------------------------------------------- */

static void put_body(struct mn *m, const ao_html_tok *t)
{
  const unsigned char *p = m->src + t->off;
  size_t n = t->end - t->off;
  min_fn fn = NULL;
  const char *close = NULL;
  ao_js_opts jo;
  ao_js_opts_init(&jo);
  jo.level = m->o->js_level;
  jo.keep_names = m->o->js_keep_names;
  jo.module = m->body == BODY_MODULE;
  switch(m->body) {
  case BODY_JS: case BODY_MODULE:
    fn = m->o->minify_js ? call_js : NULL;
    close = "</script";
    break;
  case BODY_JSON: fn = m->o->minify_json ? call_json : NULL; close = "</script"; break;
  case BODY_CSS: fn = m->o->minify_css ? call_css : NULL; close = "</style"; break;
  default: break;
  }
  if(fn) {
    ao_buf res = AO_BUF_INIT(0);
    if(sub_minify(m, fn, &jo, p, n, t->off, &res) &&
       !contains_ci(res.data, res.len, close) &&
       !contains_ci(res.data, res.len, "<!--")) {
      ao_buf_append(m->out, res.data, res.len);
      ao_buf_free(&res);
      return;
    }
    ao_buf_free(&res);
  }
  ao_buf_append(m->out, p, n);
}

/* which minifier the body of this <script>/<style> start tag gets */
static void choose_body(struct mn *m, const ao_html_tok *t)
{
  const unsigned char *s = m->src;
  m->body = BODY_NONE;
  if(name_is(m, t->name_off, t->name_len, "style")) {
    const ao_html_attr *ty = ao_html_attr_find(t, s, "type");
    if(!ty || ty->quote < 0 || !ty->val_len ||
       ao_html_attr_value_is(ty, s, "text/css"))
      m->body = BODY_CSS;
    return;
  }
  if(!name_is(m, t->name_off, t->name_len, "script"))
    return;
  if(ao_html_attr_find(t, s, "src"))
    return;
  const ao_html_attr *ty = ao_html_attr_find(t, s, "type");
  const ao_html_attr *lang = ao_html_attr_find(t, s, "language");
  if(!ty || ty->quote < 0 || !ty->val_len) {
    if(!lang || lang->quote < 0 || !lang->val_len ||
       ao_html_attr_value_is(lang, s, "javascript"))
      m->body = BODY_JS;
    return;
  }
  if(ao_html_attr_value_is(ty, s, "module")) {
    m->body = BODY_MODULE;
    return;
  }
  for(const char *const *k = js_types; *k; k++)
    if(ao_html_attr_value_is(ty, s, *k)) {
      m->body = BODY_JS;
      return;
    }
  for(const char *const *k = json_types; *k; k++)
    if(ao_html_attr_value_is(ty, s, *k)) {
      m->body = BODY_JSON;
      return;
    }
}

/* ---- comments ---------------------------------------------------------- */

/* whether dropping markup here could join the text around it into a tag or
 * a character reference */
static int join_risk(const struct mn *m)
{
  const ao_buf *o = m->out;
  if(m->pending)
    return 0;   /* white space comes between, as a space or not at all */
  if(o->len && o->data[o->len - 1] == '<')
    return 1;
  for(size_t j = o->len; j > 0 && o->len - j < 40; j--) {
    unsigned char c = o->data[j - 1];
    if(c == '&')
      return 1;
    if(!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '#'))
      break;
  }
  return 0;
}

static int keep_comment(const struct mn *m, const ao_html_tok *t)
{
  const unsigned char *b = m->src + t->name_off;
  size_t n = t->name_len, i = 0;
  if(!m->o->remove_comments)
    return 1;
  while(i < n && is_html_ws(b[i]))
    i++;
  /* conditional comments, downlevel-revealed ones, and "<!--!" */
  if((n - i >= 3 && b[i] == '[' && lower(b[i + 1]) == 'i' &&
      lower(b[i + 2]) == 'f') ||
     contains_ci(b, n, "<![endif]") || (n && b[0] == '!'))
    return 1;
  if(m->after_pre == m->out->len)
    return 1;
  /* text around it in a table may be moved out of the table: as one text
   * without the comment, otherwise in parts */
  if(ao__html_opt_in_table(&m->opt))
    return 1;
  if(m->o->keep_comments && *m->o->keep_comments &&
     n >= strlen(m->o->keep_comments)) {
    size_t k = strlen(m->o->keep_comments);
    for(size_t j = 0; j + k <= n; j++)
      if(!memcmp(b + j, m->o->keep_comments, k))
        return 1;
  }
  return join_risk(m);
}

/* ---- the driver ------------------------------------------------------------ */

static ao_status fail(struct mn *m, size_t off, const char *what)
{
  ao_diag_add(m->d, AO_ERROR, off, "%s; file left unchanged", what);
  return AO_SYNTAX;
}

static void keep_push(struct mn *m, const ao_html_tok *t)
{
  if(m->nkeep < MAX_KEEP)
    m->keep[m->nkeep] = (struct keep){ t->name_off, t->name_len, 0 };
  m->nkeep++; /* past MAX_KEEP: never popped, whitespace kept to the end */
}

static void keep_track(struct mn *m, const ao_html_tok *t, int starts_keep)
{
  if(!m->nkeep || m->nkeep > MAX_KEEP) {
    if(starts_keep)
      keep_push(m, t);
    return;
  }
  struct keep *k = &m->keep[m->nkeep - 1];
  int same = t->name_len == k->name_len;
  for(size_t i = 0; same && i < k->name_len; i++)
    same = lower(m->src[t->name_off + i]) == lower(m->src[k->name_off + i]);
  if(t->kind == AO_HTML_END_TAG) {
    if(same) {
      if(k->nest)
        k->nest--;
      else
        m->nkeep--;
    }
    return;
  }
  if(starts_keep)
    keep_push(m, t);
  else if(same)
    k->nest++;
}

static ao_status minify_tokens(struct mn *m)
{
  const unsigned char *s = m->src;
  int fdepth = 0;       /* inside svg/math */
  int raw_pending = 0;  /* a raw element opened: its body must end */
  size_t raw_off = 0;
  for(;;) {
    ao_html_tok t;
    ao_status st = ao_html_lex_next(&m->lx, &t);
    if(st)
      return st;
    if(m->out->err)
      return m->out->err;
    if(raw_pending && t.kind != AO_HTML_RAWTEXT && t.kind != AO_HTML_END_TAG)
      return fail(m, raw_off, "element not closed before the end of the file");
    if(t.kind == AO_HTML_EOF) {
      ao__html_opt_next(&m->opt, m->out, &t);
      /* the end closes open elements of unknown display too */
      if(m->o->collapse_whitespace && !in_keep(m) &&
         ao__html_opt_custom_open(&m->opt))
        flush_ws(m);
      break;
    }
    if(t.kind == AO_HTML_END_TAG)
      raw_pending = 0;
    /* <plaintext> runs to the end by design; nothing else may */
    if((t.flags & AO_HTML_TF_UNTERMINATED) && !m->lx.plaintext)
      return fail(m, t.kind == AO_HTML_RAWTEXT ? raw_off : t.off,
                  t.kind == AO_HTML_COMMENT ? "unterminated comment"
                  : t.kind == AO_HTML_RAWTEXT
                    ? "element not closed before the end of the file"
                    : "unterminated markup");
    int foreign = (t.flags & AO_HTML_TF_FOREIGN) != 0;
    switch(t.kind) {
    case AO_HTML_TEXT: {
      int visible = !all_ws(s + t.off, t.end - t.off);
      if((foreign && fdepth) || !m->o->collapse_whitespace || in_keep(m) ||
         visible)
        ao__html_opt_next(&m->opt, m->out, NULL);
      /* where the tree is in doubt, whitespace stays as written */
      int doubt = !(foreign && fdepth) && ao__html_opt_text(&m->opt, visible);
      if(foreign && fdepth)
        text_foreign(m, t.off, t.end);
      else if(!m->o->collapse_whitespace || in_keep(m) || doubt) {
        flush_ws(m);
        ao_buf_append(m->out, s + t.off, t.end - t.off);
        m->edge = m->space = 0;
      }
      else
        text_collapsed(m, t.off, t.end);
      break;
    }
    case AO_HTML_RAWTEXT:
      ao__html_opt_next(&m->opt, m->out, NULL);
      raw_pending = 0;
      put_body(m, &t);
      m->body = BODY_NONE;
      break;
    case AO_HTML_START_TAG:
    case AO_HTML_END_TAG: {
      int end = t.kind == AO_HTML_END_TAG;
      if(foreign && fdepth) {
        /* inside svg/math; the closing </svg> leaves it */
        int leaving = end && m->lx.foreign == 0;
        if(!leaving) {
          int textish = name_is(m, t.name_off, t.name_len, "text") ||
                        name_is(m, t.name_off, t.name_len, "tspan") ||
                        name_is(m, t.name_off, t.name_len, "textpath") ||
                        name_is(m, t.name_off, t.name_len, "title") ||
                        name_is(m, t.name_off, t.name_len, "desc");
          if(textish && !end && !(t.flags & AO_HTML_TF_SELF_CLOSING))
            m->ftext++;
          else if(textish && end && m->ftext)
            m->ftext--;
          ao__html_opt_next(&m->opt, m->out, NULL);
          put_tag(m, &t, 1);
          break;
        }
        fdepth = 0;
        m->ftext = 0;
        ao__html_opt_next(&m->opt, m->out, &t);
        int leave = ao__html_opt_check(&m->opt, &t, 0) &
                    (AO__HTML_DOUBT | AO__HTML_CLOSES_CUSTOM);
        if(m->o->collapse_whitespace && !in_keep(m) && !leave)
          ws_before(m, EL_ATOMIC, 1);
        else
          flush_ws(m);
        size_t at = m->out->len;
        put_tag(m, &t, 1);
        ao__html_opt_tag(&m->opt, m->out, at);
        ws_after(m, EL_ATOMIC, 1);
        break;
      }
      if(fdepth) {
        /* an HTML tag ended svg/math early */
        fdepth = 0;
        m->ftext = 0;
        ao__html_opt_doubt(&m->opt);
      }
      ao__html_opt_next(&m->opt, m->out, &t);
      const struct el_info *el = el_find(s + t.name_off, t.name_len);
      int model = ao__html_opt_check(&m->opt, &t, !el);
      int cls = el ? el->cls : EL_UNKNOWN;
      unsigned fl = el ? el->flags : 0;
      int entering = !end && m->lx.foreign > 0;
      /* <svg/> and <math/> are foreign elements: their "/>" counts */
      int svgmath = !end && (name_is(m, t.name_off, t.name_len, "svg") ||
                             name_is(m, t.name_off, t.name_len, "math"));
      if(entering)
        cls = EL_ATOMIC;
      else if(svgmath)
        cls = EL_VOID_ATOMIC;
      if(model & AO__HTML_STRAY)
        cls = EL_INLINE; /* ignored by browsers: no boundary */
      else if(model & AO__HTML_CLOSES_CUSTOM)
        cls = EL_UNKNOWN; /* ends elements of unknown display too */
      int keeps = 0;
      if(!end && !entering) {
        const ao_html_attr *sa = ao_html_attr_find(&t, s, "style");
        keeps = (fl & F_KEEP_WS) ||
                (sa && sa->quote >= 0 &&
                 (contains_ci(s + sa->val_off, sa->val_len, "white-space") ||
                  sa->charref));
      }
      /* the whitespace rules outside the element apply to its tags */
      if(end && !(fl & F_VOID) && !(fl & F_RAW))
        keep_track(m, &t, 0);
      int ws = m->o->collapse_whitespace && !in_keep(m) &&
               !(model & AO__HTML_DOUBT);
      if(ws)
        ws_before(m, cls == EL_VOID_ATOMIC ||
                       /* text a browser moves out of a table lands
                        * before it: keep the space there */
                       (!end && name_is(m, t.name_off, t.name_len, "table"))
                       ? EL_UNKNOWN : cls, end);
      else
        flush_ws(m);
      size_t at = m->out->len;
      put_tag(m, &t, entering || svgmath);
      ao__html_opt_tag(&m->opt, m->out, at);
      /* a newline right after <pre> or <listing> is dropped by browsers:
       * what comes between must stay */
      m->after_pre = !end && (name_is(m, t.name_off, t.name_len, "pre") ||
                              name_is(m, t.name_off, t.name_len, "listing"))
                     ? m->out->len : SIZE_MAX;
      if(ws)
        ws_after(m, cls == EL_VOID_ATOMIC ? EL_UNKNOWN : cls, end);
      else
        m->edge = m->space = 0; /* a space after it stays */
      if(!end && !(fl & F_VOID) && !entering && !(fl & F_RAW))
        keep_track(m, &t, keeps);
      if(entering) {
        fdepth = 1;
        m->ftext = 0;
      }
      if(!end && (fl & F_RAW) && !entering &&
         !(name_is(m, t.name_off, t.name_len, "plaintext"))) {
        raw_pending = 1;
        raw_off = t.off;
        choose_body(m, &t);
      }
      if(!end && name_is(m, t.name_off, t.name_len, "plaintext"))
        raw_pending = 0;
      break;
    }
    case AO_HTML_COMMENT:
      if(!keep_comment(m, &t))
        break;
      ao__html_opt_next(&m->opt, m->out, NULL);
      if(m->o->collapse_whitespace && !in_keep(m) && !(foreign && fdepth))
        flush_ws(m);
      ao_buf_append(m->out, s + t.off, t.end - t.off);
      break;
    case AO_HTML_DOCTYPE: {
      ao__html_opt_next(&m->opt, m->out, NULL);
      size_t b = t.name_off, e = t.name_off + t.name_len;
      while(b < e && is_html_ws(s[b]))
        b++;
      while(e > b && is_html_ws(s[e - 1]))
        e--;
      if(ao_html_name_is(s, b, e - b, "html") && t.name_off < b)
        ao_buf_puts(m->out, "<!doctype html>");
      else
        ao_buf_append(m->out, s + t.off, t.end - t.off);
      break;
    }
    case AO_HTML_BOGUS:
      if(t.end - t.off == 3 && s[t.off + 2] == '>' && !join_risk(m))
        break; /* "</>" is ignored by browsers */
      ao__html_opt_next(&m->opt, m->out, NULL);
      if(m->o->collapse_whitespace && !in_keep(m) && !(foreign && fdepth))
        flush_ws(m);
      ao_buf_append(m->out, s + t.off, t.end - t.off);
      break;
    case AO_HTML_CDATA:
      ao__html_opt_next(&m->opt, m->out, NULL);
      ao_buf_append(m->out, s + t.off, t.end - t.off);
      break;
    default:
      break;
    }
  }
  return m->out->err;
}

ao_status ao_html_minify(const unsigned char *src, size_t len,
                         const ao_html_opts *o, ao_buf *out, ao_diags *d)
{
  ao_html_opts defaults;
  if(!o) {
    ao_html_opts_init(&defaults);
    o = &defaults;
  }
  struct mn *m = ao_malloc(sizeof(*m));
  if(!m)
    return AO_NOMEM;
  ao_buf res = AO_BUF_INIT(0);
  *m = (struct mn){ .src = src, .len = len, .o = o, .out = &res, .d = d,
                    .edge = 1, .pend_at = SIZE_MAX, .after_pre = SIZE_MAX };
  ao_html_lex_init(&m->lx, src, len, AO_HTML_LEX_NOSCRIPT_RAW);
  ao__html_opt_init(&m->opt, src, o->remove_optional_tags);
  if(ao_buf_reserve(&res, len / 2 + 64)) {
    ao_html_lex_free(&m->lx);
    ao__html_opt_free(&m->opt);
    ao_free(m);
    return AO_NOMEM;
  }
  ao_status st = minify_tokens(m);
  ao_html_lex_free(&m->lx);
  ao__html_opt_free(&m->opt);
  ao_free(m);
  if(!st) {
    /* never larger than the input */
    const unsigned char *best = res.len < len ? res.data : src;
    size_t n = res.len < len ? res.len : len;
    size_t old = out->len;
    if(ao_buf_append(out, best, n)) {
      st = out->err;
      out->len = old;
      out->err = AO_OK;
    }
  }
  ao_buf_free(&res);
  return st;
}
