/* Optional tags: the HTML standard's "optional tags" rules on a model of the
 * open elements. Only omissions after which a browser builds the same tree
 * are made; whenever the model is in doubt, none are. */
#include "html_int.h"

#include <string.h>

enum {
  C_NONE, C_LI, C_P, C_TD, C_TR, C_DT, C_DD, C_OPTION, C_OPTGROUP, C_THEAD,
  C_TBODY, C_TFOOT, C_HEAD_END, C_BODY_END, C_HTML_END,
  C_HTML_START, C_HEAD_START, C_BODY_START
};

static int is(const ao__html_opt *p, size_t off, size_t len, const char *lw)
{
  return ao_html_name_is(p->src, off, len, lw);
}

static int in(const ao__html_opt *p, size_t off, size_t len,
              const char *const *names)
{
  for(; *names; names++)
    if(is(p, off, len, *names))
      return 1;
  return 0;
}

/* start tags that close an open <p> */
static const char *const p_closers[] = {
  "address", "article", "aside", "blockquote", "details", "dialog", "div",
  "dl", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
  "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu", "nav",
  "ol", "p", "pre", "search", "section", "ul", "listing", "xmp",
  "plaintext", "center", "dir", "summary", "dd", "dt", "li", NULL
};

/* end tags of parents that close an open <p> with it */
static const char *const p_parents[] = {
  "address", "article", "aside", "blockquote", "center", "dd",
  "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption",
  "figure", "footer", "form", "header", "hgroup", "li", "main", "menu",
  "nav", "ol", "search", "section", "summary", "td", "th", "ul", NULL
};

static const char *const voids[] = {
  "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame",
  "hr", "img", "input", "keygen", "link", "meta", "param", "source",
  "track", "wbr", NULL
};

void ao__html_opt_init(ao__html_opt *p, const unsigned char *src, int enabled)
{
  memset(p, 0, sizeof(*p));
  p->src = src;
  p->off = !enabled;
}

void ao__html_opt_free(ao__html_opt *p)
{
  ao_free(p->stack);
  p->stack = NULL;
  p->n = p->cap = 0;
}

void ao__html_opt_content(ao__html_opt *p)
{
  p->content = 1;
}

void ao__html_opt_doubt(ao__html_opt *p)
{
  p->off = 1;
  p->cand = C_NONE;
}

static unsigned char lower(unsigned char c)
{
  return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static int same_name(const ao__html_opt *p, const struct ao__html_open *e,
                     size_t o, size_t l)
{
  if(e->len != l)
    return 0;
  for(size_t i = 0; i < l; i++)
    if(lower(p->src[e->off + i]) != lower(p->src[o + i]))
      return 0;
  return 1;
}

static int top_is(const ao__html_opt *p, const char *lw)
{
  return p->n && is(p, p->stack[p->n - 1].off, p->stack[p->n - 1].len, lw);
}

/* Whether the candidate may go, given the next token t (NULL: other
 * output; AO_HTML_EOF: the end). parent: the top of the model after the
 * candidate's element was popped. */
static int allowed(const ao__html_opt *p, const ao_html_tok *t)
{
  if(!t)
    return 0;
  if(t->kind == AO_HTML_EOF)
    return p->cand == C_BODY_END || p->cand == C_HTML_END ||
           p->cand == C_HTML_START;
  if(t->flags & AO_HTML_TF_FOREIGN)
    return 0;
  size_t o = t->name_off, l = t->name_len;
  if(t->kind == AO_HTML_START_TAG) {
    switch(p->cand) {
    case C_LI: return is(p, o, l, "li");
    case C_DT: case C_DD: return is(p, o, l, "dt") || is(p, o, l, "dd");
    case C_P: return in(p, o, l, p_closers);
    case C_TD: return is(p, o, l, "td") || is(p, o, l, "th");
    case C_TR: return is(p, o, l, "tr");
    case C_OPTION: return is(p, o, l, "option") || is(p, o, l, "optgroup");
    case C_OPTGROUP: return is(p, o, l, "optgroup");
    case C_THEAD: case C_TBODY:
      return is(p, o, l, "tbody") || is(p, o, l, "tfoot");
    case C_HEAD_END: return is(p, o, l, "body");
    case C_HTML_START: return 1;
    case C_HEAD_START:
      return !is(p, o, l, "head") && !is(p, o, l, "html") &&
             !is(p, o, l, "body");
    case C_BODY_START: {
      static const char *const keep[] = { "meta", "noscript", "link",
                                          "script", "style", "template",
                                          "body", "html", "head", NULL };
      return !in(p, o, l, keep);
    }
    default: return 0;
    }
  }
  if(t->kind != AO_HTML_END_TAG)
    return 0;
  /* the end tag must be the parent's: the model's top */
  if(!p->n || !same_name(p, &p->stack[p->n - 1], o, l))
    return 0;
  switch(p->cand) {
  case C_LI:
    return is(p, o, l, "ul") || is(p, o, l, "ol") || is(p, o, l, "menu");
  case C_DD: return is(p, o, l, "dl") || is(p, o, l, "div");
  case C_P: return in(p, o, l, p_parents);
  case C_TD: return is(p, o, l, "tr");
  case C_TR:
    return is(p, o, l, "tbody") || is(p, o, l, "thead") ||
           is(p, o, l, "tfoot") || is(p, o, l, "table");
  case C_OPTION:
    return is(p, o, l, "select") || is(p, o, l, "datalist") ||
           is(p, o, l, "optgroup");
  case C_OPTGROUP: return is(p, o, l, "select");
  case C_TBODY: case C_TFOOT: return is(p, o, l, "table");
  case C_BODY_END: return is(p, o, l, "html");
  default: return 0;
  }
}

void ao__html_opt_next(ao__html_opt *p, ao_buf *out, const ao_html_tok *t)
{
  if(p->cand == C_NONE)
    return;
  if(!p->off && !out->err && out->len == p->cand_end && allowed(p, t)) {
    out->len = p->cand_at;
    if(out->data)
      out->data[out->len] = 0;
  }
  p->cand = C_NONE;
}

static int push(ao__html_opt *p, size_t off, size_t len)
{
  if(p->n == p->cap) {
    size_t cap = p->cap ? p->cap * 2 : 64;
    if(cap > 4096)
      return -1;
    struct ao__html_open *s = ao_realloc(p->stack, cap * sizeof(*s));
    if(!s)
      return -1;
    p->stack = s;
    p->cap = cap;
  }
  p->stack[p->n++] = (struct ao__html_open){ off, len };
  return 0;
}

/* the HTML standard's "special" elements */
static const char *const special[] = {
  "address", "applet", "area", "article", "aside", "base", "basefont",
  "bgsound", "blockquote", "body", "br", "button", "caption", "center",
  "col", "colgroup", "dd", "details", "dir", "div", "dl", "dt", "embed",
  "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset",
  "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr",
  "html", "iframe", "img", "input", "keygen", "li", "link", "listing",
  "main", "marquee", "menu", "meta", "nav", "noembed", "noframes",
  "noscript", "object", "ol", "p", "param", "plaintext", "pre", "script",
  "search", "section", "select", "source", "style", "summary", "table",
  "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "title",
  "tr", "track", "ul", "wbr", "xmp", "svg", "math", NULL
};

static const char *const formatting[] = {
  "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small",
  "strike", "strong", "tt", "u", NULL
};

/* elements that end a "has an element in scope" search */
static const char *const scope_ends[] = {
  "applet", "caption", "html", "table", "td", "th", "marquee", "object",
  "template", "svg", "math", NULL
};

static int el_in(const ao__html_opt *p, size_t i, const char *const *names)
{
  return in(p, p->stack[i].off, p->stack[i].len, names);
}

static int el_is(const ao__html_opt *p, size_t i, const char *lw)
{
  return is(p, p->stack[i].off, p->stack[i].len, lw);
}

/* Index of the innermost open element named a or b, searching down from
 * the top and stopping at an element of stop (or, with stop_special, at a
 * special element other than address, div and p); n when not found. */
static size_t find_open(const ao__html_opt *p, const char *a, const char *b,
                        const char *const *stop, const char *extra_stop,
                        int stop_special)
{
  for(size_t i = p->n; i-- > 0;) {
    if(el_is(p, i, a) || (b && el_is(p, i, b)))
      return i;
    if(stop && el_in(p, i, stop))
      return p->n;
    if(extra_stop && el_is(p, i, extra_stop))
      return p->n;
    if(stop_special && el_in(p, i, special) && !el_is(p, i, "address") &&
       !el_is(p, i, "div") && !el_is(p, i, "p"))
      return p->n;
  }
  return p->n;
}

/* implicit closes a browser makes before start tag (o, l) */
static void close_before(ao__html_opt *p, size_t o, size_t l)
{
  static const char *const table_scope[] = { "html", "table", "template",
                                             NULL };
  size_t i;
  /* li, dd, dt: the nearest one, unless a special element comes first */
  if(is(p, o, l, "li") &&
     (i = find_open(p, "li", NULL, NULL, NULL, 1)) < p->n)
    p->n = i;
  if((is(p, o, l, "dd") || is(p, o, l, "dt")) &&
     (i = find_open(p, "dd", "dt", NULL, NULL, 1)) < p->n)
    p->n = i;
  /* a <p> in button scope; <table> closes one only outside quirks mode:
   * popped here all the same, so the model never counts on it */
  if((in(p, o, l, p_closers) || is(p, o, l, "table")) &&
     (i = find_open(p, "p", NULL, scope_ends, "button", 0)) < p->n)
    p->n = i;
  /* table parts: back to the enclosing cell, row or section */
  if(is(p, o, l, "td") || is(p, o, l, "th") || is(p, o, l, "tr") ||
     is(p, o, l, "tbody") || is(p, o, l, "thead") || is(p, o, l, "tfoot")) {
    if((i = find_open(p, "td", "th", table_scope, NULL, 0)) < p->n)
      p->n = i;
    if(!is(p, o, l, "td") && !is(p, o, l, "th") &&
       (i = find_open(p, "tr", NULL, table_scope, NULL, 0)) < p->n)
      p->n = i;
    if((is(p, o, l, "tbody") || is(p, o, l, "thead") ||
        is(p, o, l, "tfoot")) &&
       ((i = find_open(p, "tbody", "thead", table_scope, NULL, 0)) < p->n ||
        (i = find_open(p, "tfoot", NULL, table_scope, NULL, 0)) < p->n))
      p->n = i;
  }
  if(is(p, o, l, "option") || is(p, o, l, "optgroup")) {
    if(top_is(p, "option"))
      p->n--;
    if(is(p, o, l, "optgroup") && top_is(p, "optgroup"))
      p->n--;
  }
}

void ao__html_opt_tag(ao__html_opt *p, const ao_html_tok *t, const ao_buf *out,
                      size_t at)
{
  if(p->off)
    return;
  size_t o = t->name_off, l = t->name_len;
  if(t->kind == AO_HTML_START_TAG) {
    close_before(p, o, l);
    if(p->off)
      return;
    /* bare <html>, <head>, <body> where they open the page's own
     * elements (elsewhere a browser ignores them: left alone) */
    int top_html = p->n == 1 && el_is(p, 0, "html");
    if(t->nattrs == 0 && !p->content) {
      if(is(p, o, l, "html") && p->n == 0)
        p->cand = C_HTML_START;
      else if(is(p, o, l, "head") && (p->n == 0 || top_html))
        p->cand = C_HEAD_START;
      else if(is(p, o, l, "body") &&
               (p->n == 0 || top_html ||
                (p->n == 2 && el_is(p, 0, "html") && el_is(p, 1, "head"))))
        p->cand = C_BODY_START;
      if(p->cand != C_NONE) {
        p->cand_at = at;
        p->cand_end = out->len;
      }
    }
    static const char *const head_stuff[] = {
      "html", "head", "body", "meta", "title", "link", "script", "style",
      "base", "template", "noscript", "basefont", "bgsound", NULL
    };
    if(!in(p, o, l, head_stuff))
      p->content = 1;
    if(!in(p, o, l, voids) && push(p, o, l))
      ao__html_opt_doubt(p);
    return;
  }
  /* an end tag: a candidate when it closes the model's top */
  static const struct { const char *name; int cand; } ends[] = {
    { "li", C_LI }, { "p", C_P }, { "td", C_TD }, { "th", C_TD },
    { "tr", C_TR }, { "dt", C_DT }, { "dd", C_DD }, { "option", C_OPTION },
    { "optgroup", C_OPTGROUP }, { "thead", C_THEAD }, { "tbody", C_TBODY },
    { "tfoot", C_TFOOT }, { "head", C_HEAD_END }, { "body", C_BODY_END },
    { "html", C_HTML_END },
  };
  size_t k = p->n;
  while(k > 0 && !same_name(p, &p->stack[k - 1], o, l))
    k--;
  if(k == 0)
    return; /* a stray end tag: browsers ignore most; </p> and </br> add */
  int clean = k == p->n;
  if(!clean) {
    /* what a browser does with an end tag that is not the current node's */
    int is_special = in(p, o, l, special), doubt = 0;
    if(in(p, o, l, formatting))
      doubt = 1; /* the adoption agency algorithm: not modelled */
    for(size_t i = k; i < p->n && !doubt; i++) {
      if(is_special)
        doubt = el_in(p, i, scope_ends) ||
                (is(p, o, l, "p") && el_is(p, i, "button")) ||
                (is(p, o, l, "li") &&
                 (el_is(p, i, "ul") || el_is(p, i, "ol")));
      else
        doubt = el_in(p, i, special); /* the end tag is ignored */
    }
    if(doubt) {
      ao__html_opt_doubt(p);
      return;
    }
  }
  p->n = k - 1;
  if(p->off || !clean)
    return;
  for(size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
    if(is(p, o, l, ends[i].name)) {
      p->cand = ends[i].cand;
      p->cand_at = at;
      p->cand_end = out->len;
      break;
    }
}
