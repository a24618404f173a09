/* Optional tags: the HTML standard's "optional tags" rules on a model of the
 * open elements. Only omissions after which a browser builds the same tree
 * are made; whenever the model is in doubt, none are. */
#include "html_int.h"

#include <stdlib.h>
#include <string.h>

enum {
  B_P_CLOSER = 1u << 0,   /* a start tag that closes an open <p>          */
  B_P_PARENT = 1u << 1,   /* its end tag closes a <p> inside it           */
  B_VOID = 1u << 2,
  B_SPECIAL = 1u << 3,    /* the HTML standard's "special" category       */
  B_FORMATTING = 1u << 4, /* formatting elements (adoption agency)        */
  B_SCOPE_END = 1u << 5,  /* ends a "has an element in scope" search      */
  B_HEAD_STUFF = 1u << 6, /* may come before the body's content            */
  B_BODY_KEEP = 1u << 7   /* a bare <body> before it must stay            */
};

/* element names and their bits, sorted for bsearch */
static const struct name_bits { const char *name; unsigned bits; } names[] = {
  { "a", B_FORMATTING },
  { "address", B_P_CLOSER | B_P_PARENT | B_SPECIAL },
  { "applet", B_SPECIAL | B_SCOPE_END },
  { "area", B_VOID | B_SPECIAL },
  { "article", B_P_CLOSER | B_P_PARENT | B_SPECIAL },
  { "aside", B_P_CLOSER | B_P_PARENT | B_SPECIAL },
  { "b", B_FORMATTING },
  { "base", B_VOID | B_SPECIAL | B_HEAD_STUFF },
  { "basefont", B_VOID | B_SPECIAL | B_HEAD_STUFF },
  { "bgsound", B_VOID | B_SPECIAL | B_HEAD_STUFF },
  { "big", B_FORMATTING },
  { "blockquote", B_P_CLOSER | B_P_PARENT | B_SPECIAL },
  { "body", B_SPECIAL | B_HEAD_STUFF | B_BODY_KEEP },
  { "br", B_VOID | B_SPECIAL },
  { "button", B_SPECIAL },
  { "caption", B_SPECIAL | B_SCOPE_END },
  { "center", B_P_CLOSER | B_P_PARENT | B_SPECIAL },
  { "code", B_FORMATTING },
  { "col", B_VOID | B_SPECIAL },
  { "colgroup", B_SPECIAL },
  { "dd", B_P_CLOSER | B_P_PARENT | B_SPECIAL },
  { "details", B_P_CLOSER | B_P_PARENT | B_SPECIAL },
  { "dialog", B_P_CLOSER | B_P_PARENT },
  { "dir", B_P_CLOSER | B_P_PARENT | B_SPECIAL },
  { "div", B_P_CLOSER | B_P_PARENT | B_SPECIAL },
  { "dl", B_P_CLOSER | B_P_PARENT | B_SPECIAL },
  { "dt", B_P_CLOSER | B_P_PARENT | B_SPECIAL },
  { "em", B_FORMATTING },
  { "embed", B_VOID | B_SPECIAL },
  { "fieldset", B_P_CLOSER | B_P_PARENT | B_SPECIAL },
  { "figcaption", B_P_CLOSER | B_P_PARENT | B_SPECIAL },
  { "figure", B_P_CLOSER | B_P_PARENT | B_SPECIAL },
  { "font", B_FORMATTING },
  { "footer", B_P_CLOSER | B_P_PARENT | B_SPECIAL },
  { "form", B_P_CLOSER | B_P_PARENT | B_SPECIAL },
  { "frame", B_VOID | B_SPECIAL },
  { "frameset", B_SPECIAL },
  { "h1", B_P_CLOSER | B_SPECIAL },
  { "h2", B_P_CLOSER | B_SPECIAL },
  { "h3", B_P_CLOSER | B_SPECIAL },
  { "h4", B_P_CLOSER | B_SPECIAL },
  { "h5", B_P_CLOSER | B_SPECIAL },
  { "h6", B_P_CLOSER | B_SPECIAL },
  { "head", B_SPECIAL | B_HEAD_STUFF | B_BODY_KEEP },
  { "header", B_P_CLOSER | B_P_PARENT | B_SPECIAL },
  { "hgroup", B_P_CLOSER | B_P_PARENT | B_SPECIAL },
  { "hr", B_P_CLOSER | B_VOID | B_SPECIAL },
  { "html", B_SPECIAL | B_SCOPE_END | B_HEAD_STUFF | B_BODY_KEEP },
  { "i", B_FORMATTING },
  { "iframe", B_SPECIAL },
  { "img", B_VOID | B_SPECIAL },
  { "input", B_VOID | B_SPECIAL },
  { "keygen", B_VOID | B_SPECIAL },
  { "li", B_P_CLOSER | B_P_PARENT | B_SPECIAL },
  { "link", B_VOID | B_SPECIAL | B_HEAD_STUFF | B_BODY_KEEP },
  { "listing", B_P_CLOSER | B_SPECIAL },
  { "main", B_P_CLOSER | B_P_PARENT | B_SPECIAL },
  { "marquee", B_SPECIAL | B_SCOPE_END },
  { "math", B_SPECIAL | B_SCOPE_END },
  { "menu", B_P_CLOSER | B_P_PARENT | B_SPECIAL },
  { "meta", B_VOID | B_SPECIAL | B_HEAD_STUFF | B_BODY_KEEP },
  { "nav", B_P_CLOSER | B_P_PARENT | B_SPECIAL },
  { "nobr", B_FORMATTING },
  { "noembed", B_SPECIAL },
  { "noframes", B_SPECIAL },
  { "noscript", B_SPECIAL | B_HEAD_STUFF | B_BODY_KEEP },
  { "object", B_SPECIAL | B_SCOPE_END },
  { "ol", B_P_CLOSER | B_P_PARENT | B_SPECIAL },
  { "p", B_P_CLOSER | B_SPECIAL },
  { "param", B_VOID | B_SPECIAL },
  { "plaintext", B_P_CLOSER | B_SPECIAL },
  { "pre", B_P_CLOSER | B_SPECIAL },
  { "s", B_FORMATTING },
  { "script", B_SPECIAL | B_HEAD_STUFF | B_BODY_KEEP },
  { "search", B_P_CLOSER | B_P_PARENT | B_SPECIAL },
  { "section", B_P_CLOSER | B_P_PARENT | B_SPECIAL },
  { "select", B_SPECIAL },
  { "small", B_FORMATTING },
  { "source", B_VOID | B_SPECIAL },
  { "strike", B_FORMATTING },
  { "strong", B_FORMATTING },
  { "style", B_SPECIAL | B_HEAD_STUFF | B_BODY_KEEP },
  { "summary", B_P_CLOSER | B_P_PARENT | B_SPECIAL },
  { "svg", B_SPECIAL | B_SCOPE_END },
  { "table", B_SPECIAL | B_SCOPE_END },
  { "tbody", B_SPECIAL },
  { "td", B_P_PARENT | B_SPECIAL | B_SCOPE_END },
  { "template", B_SPECIAL | B_SCOPE_END | B_HEAD_STUFF | B_BODY_KEEP },
  { "textarea", B_SPECIAL },
  { "tfoot", B_SPECIAL },
  { "th", B_P_PARENT | B_SPECIAL | B_SCOPE_END },
  { "thead", B_SPECIAL },
  { "title", B_SPECIAL | B_HEAD_STUFF },
  { "tr", B_SPECIAL },
  { "track", B_VOID | B_SPECIAL },
  { "tt", B_FORMATTING },
  { "u", B_FORMATTING },
  { "ul", B_P_CLOSER | B_P_PARENT | B_SPECIAL },
  { "wbr", B_VOID | B_SPECIAL },
  { "xmp", B_P_CLOSER | B_SPECIAL },
};

static int cmp_name(const void *k, const void *e)
{
  const char *a = k, *b = ((const struct name_bits *)e)->name;
  return a[0] != b[0] ? (unsigned char)a[0] - (unsigned char)b[0] : strcmp(a, b);
}

enum {
  C_NONE, C_LI, C_P, C_TD, C_TR, C_DT, C_DD, C_OPTION, C_OPTGROUP, C_THEAD,
  C_TBODY, C_TFOOT, C_HEAD_END, C_BODY_END, C_HTML_END,
  C_HTML_START, C_HEAD_START, C_BODY_START
};

/* the current token's name, lower case ("" when too long for a known one) */
static int is(const ao__html_opt *p, const char *lw)
{
  /* the first byte settles most comparisons without a call */
  return p->cur[0] == lw[0] && !strcmp(p->cur, lw);
}

static int in_list(const char *nm, const char *const *list)
{
  for(; *list; list++)
    if(nm[0] == (*list)[0] && !strcmp(nm, *list))
      return 1;
  return 0;
}

static int has(const ao__html_opt *p, unsigned bits)
{
  return (p->cur_bits & bits) != 0;
}

void ao__html_opt_init(ao__html_opt *p, const unsigned char *src, int enabled)
{
  memset(p, 0, sizeof(*p));
  p->src = src;
  p->omit = enabled;
}

void ao__html_opt_free(ao__html_opt *p)
{
  ao_free(p->stack);
  p->stack = NULL;
  p->n = p->cap = 0;
}

void ao__html_opt_doubt(ao__html_opt *p)
{
  p->off = 1;
  p->cand = p->next_cand = C_NONE;
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
  if(l < sizeof(p->cur))
    return !strcmp(e->nm, p->cur);
  for(size_t i = 0; i < l; i++)
    if(lower(p->src[e->off + i]) != lower(p->src[o + i]))
      return 0;
  return 1;
}

static int top_is(const ao__html_opt *p, const char *lw)
{
  return p->n && p->stack[p->n - 1].nm[0] == lw[0] &&
         !strcmp(p->stack[p->n - 1].nm, lw);
}

/* lower-cases the token's name into p->cur */
static void set_cur(ao__html_opt *p, size_t o, size_t l)
{
  p->cur_bits = 0;
  if(l >= sizeof(p->cur)) {
    p->cur[0] = 0;
    return;
  }
  for(size_t i = 0; i < l; i++)
    p->cur[i] = (char)lower(p->src[o + i]);
  p->cur[l] = 0;
  const struct name_bits *nb = bsearch(p->cur, names,
                                       sizeof(names) / sizeof(names[0]),
                                       sizeof(names[0]), cmp_name);
  if(nb)
    p->cur_bits = nb->bits;
}

static int el_is(const ao__html_opt *p, size_t i, const char *lw);

static int open_anywhere(const ao__html_opt *p, const char *lw)
{
  for(size_t i = p->n; i-- > 0;)
    if(el_is(p, i, lw))
      return 1;
  return 0;
}

/* Whether the candidate may go, given the next token t (NULL: other
 * output; AO_HTML_EOF: the end). parent: the top of the model after the
 * candidate's element was popped. */
static int allowed(ao__html_opt *p, const ao_html_tok *t)
{
  if(!t)
    return 0;
  if(t->kind == AO_HTML_EOF)
    return p->cand == C_BODY_END || p->cand == C_HTML_END ||
           p->cand == C_HTML_START;
  if(t->flags & AO_HTML_TF_FOREIGN)
    return 0;
  size_t o = t->name_off, l = t->name_len;
  set_cur(p, o, l);
  if(t->kind == AO_HTML_START_TAG) {
    switch(p->cand) {
    case C_LI: return is(p, "li");
    case C_DT: case C_DD: return is(p, "dt") || is(p, "dd");
    case C_P: return has(p, B_P_CLOSER);
    case C_TD: return is(p, "td") || is(p, "th");
    case C_TR: return is(p, "tr");
    case C_OPTION: return is(p, "option") || is(p, "optgroup");
    /* an <optgroup> closes the previous one only inside <select> */
    case C_OPTGROUP: return is(p, "optgroup") && open_anywhere(p, "select");
    case C_THEAD: case C_TBODY:
      return is(p, "tbody") || is(p, "tfoot");
    case C_HEAD_END: return is(p, "body");
    /* not before another <html>: that one, ignored, stays, and would
       stand alone on a second pass */
    case C_HTML_START: return !is(p, "html");
    case C_HEAD_START:
      return !is(p, "head") && !is(p, "html") &&
             !is(p, "body");
    case C_BODY_START: return !has(p, B_BODY_KEEP);
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
    return is(p, "ul") || is(p, "ol") || is(p, "menu");
  case C_DD: return is(p, "dl") || is(p, "div");
  case C_P: return has(p, B_P_PARENT);
  case C_TD: return is(p, "tr");
  case C_TR:
    return is(p, "tbody") || is(p, "thead") ||
           is(p, "tfoot") || is(p, "table");
  case C_OPTION:
    return is(p, "select") || is(p, "datalist") ||
           is(p, "optgroup");
  case C_OPTGROUP: return is(p, "select");
  case C_TBODY: case C_TFOOT: return is(p, "table");
  case C_BODY_END: return is(p, "html");
  case C_HTML_START: return is(p, "html");   /* <html></html> */
  default: return 0;
  }
}

void ao__html_opt_next(ao__html_opt *p, ao_buf *out, const ao_html_tok *t)
{
  if(p->cand == C_NONE)
    return;
  if(p->omit && !p->off && !out->err && out->len == p->cand_end &&
     allowed(p, t)) {
    out->len = p->cand_at;
    if(out->data)
      out->data[out->len] = 0;
  }
  p->cand = C_NONE;
}

static int push(ao__html_opt *p, size_t off, size_t len, unsigned fl)
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
  struct ao__html_open *e = &p->stack[p->n++];
  e->off = off;
  e->len = len;
  e->fl = (unsigned char)fl;
  memcpy(e->nm, p->cur, sizeof(e->nm));
  return 0;
}

enum { EL_SPECIAL = 1, EL_SCOPE_END = 2, EL_UNKNOWN = 4, EL_FORMATTING = 8 };

static int el_in(const ao__html_opt *p, size_t i, const char *const *list)
{
  return in_list(p->stack[i].nm, list);
}

static int el_is(const ao__html_opt *p, size_t i, const char *lw)
{
  return p->stack[i].nm[0] == lw[0] && !strcmp(p->stack[i].nm, lw);
}

/* Index of the innermost open element named a or b, searching down from
 * the top and stopping at an element of stop (or, with stop_special, at a
 * special element other than address, div and p); n when not found. */
static size_t find_open(const ao__html_opt *p, const char *a, const char *b,
                        const char *const *stop, unsigned stop_fl,
                        const char *extra_stop, int stop_special)
{
  for(size_t i = p->n; i-- > 0;) {
    if(el_is(p, i, a) || (b && el_is(p, i, b)))
      return i;
    if((stop && el_in(p, i, stop)) || (p->stack[i].fl & stop_fl))
      return p->n;
    if(extra_stop && el_is(p, i, extra_stop))
      return p->n;
    if(stop_special && (p->stack[i].fl & EL_SPECIAL) &&
       !el_is(p, i, "address") &&
       !el_is(p, i, "div") && !el_is(p, i, "p"))
      return p->n;
  }
  return p->n;
}

/* implicit closes a browser makes before start tag (o, l) */
/* pops the open elements from index i up, noting custom ones among them */
static void pop_to(ao__html_opt *p, size_t i)
{
  for(size_t k = i; k < p->n; k++) {
    if(p->stack[k].fl & EL_UNKNOWN)
      p->popped_unknown = 1;
    /* a formatting element closed by another's end: a browser reopens a
     * copy of it where text follows (not modelled) */
    if(p->stack[k].fl & EL_FORMATTING)
      p->popped_formatting = 1;
  }
  p->n = i;
}

static void close_before(ao__html_opt *p)
{
  static const char *const table_scope[] = { "html", "table", "template",
                                             NULL };
  size_t i;
  /* li, dd, dt: the nearest one, unless a special element comes first */
  if(is(p, "li") &&
     (i = find_open(p, "li", NULL, NULL, 0, NULL, 1)) < p->n)
    pop_to(p, i);
  if((is(p, "dd") || is(p, "dt")) &&
     (i = find_open(p, "dd", "dt", NULL, 0, NULL, 1)) < p->n)
    pop_to(p, i);
  /* a <p> in button scope; <table> closes one only outside quirks mode:
   * popped here all the same, so the model never counts on it */
  if((has(p, B_P_CLOSER) || is(p, "table")) &&
     (i = find_open(p, "p", NULL, NULL, EL_SCOPE_END, "button", 0)) < p->n)
    pop_to(p, i);
  /* table parts: back to the enclosing cell, row or section */
  if(is(p, "td") || is(p, "th") || is(p, "tr") ||
     is(p, "tbody") || is(p, "thead") || is(p, "tfoot")) {
    if((i = find_open(p, "td", "th", table_scope, 0, NULL, 0)) < p->n)
      pop_to(p, i);
    if(!is(p, "td") && !is(p, "th") &&
       (i = find_open(p, "tr", NULL, table_scope, 0, NULL, 0)) < p->n)
      pop_to(p, i);
    if((is(p, "tbody") || is(p, "thead") ||
        is(p, "tfoot")) &&
       ((i = find_open(p, "tbody", "thead", table_scope, 0, NULL, 0)) < p->n ||
        (i = find_open(p, "tfoot", NULL, table_scope, 0, NULL, 0)) < p->n))
      pop_to(p, i);
  }
  if((is(p, "h1") || is(p, "h2") || is(p, "h3") || is(p, "h4") ||
      is(p, "h5") || is(p, "h6")) &&
     (top_is(p, "h1") || top_is(p, "h2") || top_is(p, "h3") ||
      top_is(p, "h4") || top_is(p, "h5") || top_is(p, "h6")))
    pop_to(p, p->n - 1);
  if(is(p, "option") || is(p, "optgroup")) {
    if(top_is(p, "option"))
      pop_to(p, p->n - 1);
    if(is(p, "optgroup") && top_is(p, "optgroup") &&
       open_anywhere(p, "select"))
      pop_to(p, p->n - 1);
  }
}


/* Start tags a browser handles by moving content elsewhere (foster
 * parenting), ignoring the tag, or closing elements by rules the model
 * does not follow: the model is in doubt from there on. */
static int start_in_doubt(const ao__html_opt *p)
{
  static const char *const in_table[] = {
    "caption", "colgroup", "col", "tbody", "thead", "tfoot", "tr", "td",
    "th", "script", "style", "template", NULL
  };
  static const char *const table_parts[] = {
    "caption", "colgroup", "col", "tbody", "thead", "tfoot", "tr", "td",
    "th", NULL
  };
  static const char *const in_select[] = {
    "option", "optgroup", "script", "template", "hr", NULL
  };
  static const char *const table_ctx[] = {
    "table", "tbody", "thead", "tfoot", "tr", NULL
  };
  if(p->ended)
    return 1; /* content after </body> or </html> goes back into the body */
  if(p->n && el_in(p, p->n - 1, table_ctx) && !in_list(p->cur, in_table))
    return 1;
  if(in_list(p->cur, table_parts) && !open_anywhere(p, "table"))
    return 1;
  if(open_anywhere(p, "select") && !in_list(p->cur, in_select))
    return 1;
  if((is(p, "a") || is(p, "button") || is(p, "nobr") || is(p, "form")) &&
     open_anywhere(p, p->cur))
    return 1;
  if(is(p, "table") && p->n && el_in(p, p->n - 1, table_ctx))
    return 1;
  return 0;
}

/* <html>, <head>, <body> start tags a browser ignores (their attributes
 * join the elements it made already) */
static int start_ignored(const ao__html_opt *p)
{
  if(is(p, "html"))
    return p->n > 0;
  if(is(p, "head"))
    return p->content || open_anywhere(p, "body") || open_anywhere(p, "head");
  if(is(p, "body"))
    return p->content || open_anywhere(p, "body");
  return 0;
}

int ao__html_opt_in_table(const ao__html_opt *p)
{
  static const char *const table_ctx[] = {
    "table", "tbody", "thead", "tfoot", "tr", NULL
  };
  return p->off || (p->n && el_in(p, p->n - 1, table_ctx));
}

int ao__html_opt_custom_open(const ao__html_opt *p)
{
  if(p->off)
    return 1;
  for(size_t i = 0; i < p->n; i++)
    if(p->stack[i].fl & EL_UNKNOWN)
      return 1;
  return 0;
}

int ao__html_opt_text(ao__html_opt *p, int visible)
{
  static const char *const table_ctx[] = {
    "table", "tbody", "thead", "tfoot", "tr", NULL
  };
  if(visible) {
    p->content = 1;
    if(!p->off && (p->ended ||
                   (p->n && el_in(p, p->n - 1, table_ctx))))
      ao__html_opt_doubt(p);
  }
  return p->off;
}

int ao__html_opt_check(ao__html_opt *p, const ao_html_tok *t, int custom)
{
  p->next_cand = C_NONE;
  p->popped_unknown = p->popped_formatting = 0;
  if(p->off)
    return AO__HTML_DOUBT;
  size_t o = t->name_off, l = t->name_len;
  set_cur(p, o, l);
  if(t->kind == AO_HTML_START_TAG) {
    if(start_in_doubt(p)) {
      ao__html_opt_doubt(p);
      return AO__HTML_DOUBT;
    }
    if(start_ignored(p))
      return AO__HTML_STRAY;
    close_before(p);
    if(p->popped_formatting) {
      ao__html_opt_doubt(p);
      return AO__HTML_DOUBT;
    }
    /* bare <html>, <head>, <body> where they open the page's own
     * elements (elsewhere a browser ignores them: left alone) */
    int top_html = p->n == 1 && el_is(p, 0, "html");
    if(t->nattrs == 0 && !p->content) {
      if(is(p, "html") && p->n == 0)
        p->next_cand = C_HTML_START;
      else if(is(p, "head") && (p->n == 0 || top_html))
        p->next_cand = C_HEAD_START;
      else if(is(p, "body") &&
               (p->n == 0 || top_html ||
                (p->n == 2 && el_is(p, 0, "html") && el_is(p, 1, "head"))))
        p->next_cand = C_BODY_START;
    }
    if(!has(p, B_HEAD_STUFF))
      p->content = 1;
    unsigned fl = (has(p, B_SPECIAL) ? EL_SPECIAL : 0) |
                  (has(p, B_SCOPE_END) ? EL_SCOPE_END : 0) |
                  (custom ? EL_UNKNOWN : 0) |
                  (has(p, B_FORMATTING) ? EL_FORMATTING : 0);
    int r = p->popped_unknown ? AO__HTML_CLOSES_CUSTOM : 0;
    if(!has(p, B_VOID) && push(p, o, l, fl)) {
      ao__html_opt_doubt(p);
      return AO__HTML_DOUBT;
    }
    return r;
  }
  /* an end tag: a candidate when it closes the model's top */
  static const struct { const char *name; int cand; } ends[] = {
    { "li", C_LI }, { "p", C_P }, { "td", C_TD }, { "th", C_TD },
    { "tr", C_TR }, { "dt", C_DT }, { "dd", C_DD }, { "option", C_OPTION },
    { "optgroup", C_OPTGROUP }, { "thead", C_THEAD }, { "tbody", C_TBODY },
    { "tfoot", C_TFOOT }, { "head", C_HEAD_END }, { "body", C_BODY_END },
    { "html", C_HTML_END },
  };
  /* inside <select> a browser ignores other end tags */
  if(open_anywhere(p, "select") && !is(p, "select") && !is(p, "option") &&
     !is(p, "optgroup") && !is(p, "template"))
    return AO__HTML_STRAY;
  size_t k = p->n;
  while(k > 0 && !same_name(p, &p->stack[k - 1], o, l))
    k--;
  if(k == 0) {
    /* a stray end tag: browsers ignore it, but </p> adds a <p> and </br>
     * a <br> */
    if(is(p, "p") || is(p, "br"))
      return 0;
    return AO__HTML_STRAY;
  }
  int clean = k == p->n;
  if(!clean) {
    /* what a browser does with an end tag that is not the current node's */
    int is_special = has(p, B_SPECIAL), doubt = 0;
    if(has(p, B_FORMATTING) || is(p, "form"))
      doubt = 1; /* the adoption agency algorithm, </form>: not modelled */
    for(size_t i = k; i < p->n && !doubt; i++) {
      if(is_special)
        doubt = (p->stack[i].fl & EL_SCOPE_END) ||
                (is(p, "p") && el_is(p, i, "button")) ||
                (is(p, "li") &&
                 (el_is(p, i, "ul") || el_is(p, i, "ol")));
      else
        doubt = p->stack[i].fl & EL_SPECIAL; /* the end tag is ignored */
    }
    if(doubt) {
      ao__html_opt_doubt(p);
      return AO__HTML_DOUBT;
    }
  }
  pop_to(p, k);
  p->n = k - 1;
  if(p->popped_formatting) {
    ao__html_opt_doubt(p);
    return AO__HTML_DOUBT;
  }
  if(is(p, "body") || is(p, "html"))
    p->ended = 1;
  if(is(p, "head") && p->content)
    return AO__HTML_STRAY; /* the head was over already */
  if(!clean)
    return p->popped_unknown ? AO__HTML_CLOSES_CUSTOM : 0;
  for(size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
    if(is(p, ends[i].name)) {
      /* once the body has content, a browser has left the head for good */
      if(!(ends[i].cand == C_HEAD_END && p->content))
        p->next_cand = ends[i].cand;
      break;
    }
  return 0;
}

void ao__html_opt_tag(ao__html_opt *p, const ao_buf *out, size_t at)
{
  if(p->off || p->next_cand == C_NONE)
    return;
  p->cand = p->next_cand;
  p->cand_at = at;
  p->cand_end = out->len;
  p->next_cand = C_NONE;
}
