/* SVG minifier. Three passes over the XML tokens:
 *   1. check the document is well-formed and learn what it contains
 *      (editor namespaces, ids referred to, style sheets, <use>, animation);
 *   2. find which namespace prefixes the kept elements and attributes use;
 *   3. write the document without comments, editor data, whitespace between
 *      elements, default values and wasted bytes in attribute values.
 * Rendering never changes: every removal is one a browser cannot see. */
#include <assetopt/css.h>
#include <assetopt/js.h>
#include <assetopt/svg.h>
#include <assetopt/xml_lex.h>

#include "svg_int.h"

#include <string.h>

void ao_svg_opts_init(ao_svg_opts *o)
{
  *o = (ao_svg_opts){ .keep_title = 1, .minify_style = 1 };
}

/* ---- small helpers ---------------------------------------------------------- */

typedef struct span {
  size_t off, len;
} span;

static int is_ws(unsigned char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int all_ws(const unsigned char *p, size_t n)
{
  for(size_t i = 0; i < n; i++)
    if(!is_ws(p[i]))
      return 0;
  return 1;
}

static unsigned char lower(unsigned char c)
{
  return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static int ieq(const unsigned char *p, size_t n, const char *s)
{
  size_t k = strlen(s);
  if(n != k)
    return 0;
  for(size_t i = 0; i < n; i++)
    if(lower(p[i]) != lower((unsigned char)s[i]))
      return 0;
  return 1;
}

/* Splits a qualified name: prefix (len 0 when none) and local part. */
static void qname(const unsigned char *s, size_t off, size_t len, span *prefix,
                  span *local)
{
  const unsigned char *c = memchr(s + off, ':', len);
  if(!c) {
    *prefix = (span){ off, 0 };
    *local = (span){ off, len };
    return;
  }
  size_t k = (size_t)(c - s) - off;
  *prefix = (span){ off, k };
  *local = (span){ off + k + 1, len - k - 1 };
}

/* n bytes at p equal s: the first byte decides most calls cheaply. */
static inline int eqs(const unsigned char *p, size_t n, const char *s)
{
  return n && p[0] == (unsigned char)s[0] && strlen(s) == n &&
         !memcmp(p, s, n);
}

static int in_list(const unsigned char *p, size_t n, const char *const *list)
{
  for(; *list; list++)
    if(eqs(p, n, *list))
      return 1;
  return 0;
}

static void trim(const unsigned char *s, size_t *off, size_t *len)
{
  while(*len && is_ws(s[*off])) {
    (*off)++;
    (*len)--;
  }
  while(*len && is_ws(s[*off + *len - 1]))
    (*len)--;
}

/* ---- a set of names (ids referred to), or a map from names ------------------ */

typedef struct nslot {
  size_t off, len;   /* the name in the source; len 0: empty slot */
  uint32_t val;
} nslot;

typedef struct nameset {
  nslot *slots;
  size_t cap, n;
} nameset;

static uint32_t hash(const unsigned char *p, size_t n)
{
  uint32_t h = 2166136261u;
  for(size_t i = 0; i < n; i++)
    h = (h ^ p[i]) * 16777619u;
  return h;
}

/* The value stored for the name p[0, len), or -1. */
static long set_find(const nameset *s, const unsigned char *src,
                     const unsigned char *p, size_t len)
{
  if(!s->cap || !len)
    return -1;
  size_t i = hash(p, len) & (s->cap - 1);
  for(; s->slots[i].len; i = (i + 1) & (s->cap - 1))
    if(s->slots[i].len == len && !memcmp(src + s->slots[i].off, p, len))
      return s->slots[i].val;
  return -1;
}

static int set_has(const nameset *s, const unsigned char *src, size_t off,
                   size_t len)
{
  return set_find(s, src, src + off, len) >= 0;
}

static ao_status set_put(nameset *s, const unsigned char *src, size_t off,
                         size_t len, uint32_t val)
{
  if(!len || set_has(s, src, off, len))
    return AO_OK;
  if(2 * (s->n + 1) > s->cap) {
    size_t cap = s->cap ? s->cap * 2 : 64;
    nslot *slots = ao_malloc(cap * sizeof(*slots));
    if(!slots)
      return AO_NOMEM;
    memset(slots, 0, cap * sizeof(*slots));
    for(size_t k = 0; k < s->cap; k++) {
      if(!s->slots[k].len)
        continue;
      size_t i = hash(src + s->slots[k].off, s->slots[k].len) & (cap - 1);
      while(slots[i].len)
        i = (i + 1) & (cap - 1);
      slots[i] = s->slots[k];
    }
    ao_free(s->slots);
    s->slots = slots;
    s->cap = cap;
  }
  size_t i = hash(src + off, len) & (s->cap - 1);
  while(s->slots[i].len)
    i = (i + 1) & (s->cap - 1);
  s->slots[i] = (nslot){ off, len, val };
  s->n++;
  return AO_OK;
}

static ao_status set_add(nameset *s, const unsigned char *src, size_t off,
                         size_t len)
{
  return set_put(s, src, off, len, 0);
}

/* ---- the document ------------------------------------------------------------ */

#define MAX_PREFIXES 64

typedef struct doc {
  const unsigned char *src;
  size_t len;
  const ao_svg_opts *opt;
  ao_diags *d;
  ao_xml_tok *toks;
  size_t ntok, captok;
  nameset refs;              /* names written after '#' anywhere          */
  nameset renames;           /* generated id → index in names             */
  nameset instanced;         /* ids a <use> draws again (values inherit
                                from the <use> there, not the parents)    */
  int use_unknown;           /* a <use> whose target cannot be told       */
  int has_currentcolor;      /* some paint follows the color property     */
  int draws;                 /* a graphics element outside definitions:
                                a drawing, not a library of definitions
                                other files may name                      */
  char (*names)[8];          /* the short ids given instead               */
  int ids_ok;                /* nothing outside the markup can use an id  */
  span editor[MAX_PREFIXES]; /* prefixes bound to editor namespaces       */
  size_t neditor;
  span used[MAX_PREFIXES];   /* prefixes the kept output uses             */
  size_t nused;
  int used_overflow;
  int has_style, has_script, has_use, has_anim, has_aria, has_view, has_pi_css;
} doc;

static const char *const editor_ns[] = {
  "http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd",
  "http://www.inkscape.org/namespaces/inkscape",
  "http://www.bohemiancoding.com/sketch/ns",
  "http://ns.adobe.com/",
  "http://www.serif.com/",
  "http://www.vector.evaxdesign.sk",
  "http://www.figma.com/figma/ns",
  NULL
};

static int is_editor_uri(const unsigned char *p, size_t n)
{
  for(const char *const *u = editor_ns; *u; u++) {
    size_t k = strlen(*u);
    if(n >= k && !memcmp(p, *u, k))
      return 1;
  }
  return 0;
}

static int span_in(const doc *x, const span *set, size_t n, span s)
{
  for(size_t i = 0; i < n; i++)
    if(set[i].len == s.len && !memcmp(x->src + set[i].off, x->src + s.off, s.len))
      return 1;
  return 0;
}

static int is_editor_prefix(const doc *x, span prefix)
{
  return prefix.len && span_in(x, x->editor, x->neditor, prefix);
}

static ao_status push_tok(doc *x, const ao_xml_tok *t)
{
  if(x->ntok == x->captok) {
    size_t cap = x->captok ? x->captok * 2 : 256;
    ao_xml_tok *p = ao_realloc(x->toks, cap * sizeof(*p));
    if(!p)
      return AO_NOMEM;
    x->toks = p;
    x->captok = cap;
  }
  x->toks[x->ntok++] = *t;
  return AO_OK;
}

static ao_status syntax(doc *x, size_t off, const char *msg)
{
  if(x->d)
    ao_diag_add(x->d, AO_ERROR, off, "malformed SVG: %s", msg);
  return AO_SYNTAX;
}

/* Every "#name" in a value: ids that something refers to. */
static ao_status collect_refs_in(doc *x, nameset *set, size_t off, size_t len)
{
  const unsigned char *s = x->src;
  size_t end = off + len;
  for(size_t p = off; p < end; p++) {
    if(s[p] != '#')
      continue;
    size_t a = ++p;
    while(p < end && !is_ws(s[p]) && s[p] != ')' && s[p] != '"' && s[p] != '\'' &&
          s[p] != ';' && s[p] != ',' && s[p] != '#')
      p++;
    ao_status st = set_add(set, s, a, p - a);
    if(st)
      return st;
    p--;
  }
  return AO_OK;
}

static ao_status collect_refs(doc *x, size_t off, size_t len)
{
  return collect_refs_in(x, &x->refs, off, len);
}

/* onclick, onload …: script in an attribute. */
static int is_event_attr(const unsigned char *n, size_t len)
{
  if(len < 3 || n[0] != 'o' || n[1] != 'n')
    return 0;
  for(size_t i = 2; i < len; i++)
    if(n[i] < 'a' || n[i] > 'z')
      return 0;
  return 1;
}

static const char *const drawn_elems[] = { "path", "rect", "circle", "ellipse",
                                           "line", "polyline", "polygon", "text",
                                           "image", "use", NULL };
static const char *const def_containers[] = { "defs", "symbol", "clipPath", "mask",
                                              "pattern", "marker", "filter",
                                              "linearGradient", "radialGradient",
                                              "metadata", NULL };

static const char *const anim_elems[] = { "animate", "set", "animateMotion",
                                          "animateTransform", "animateColor",
                                          "discard", NULL };

/* Pass 1: tokens, well-formedness, and what the document contains. */
static ao_status analyse(doc *x)
{
  ao_xml_lex lx;
  ao_xml_tok t;
  span stack_small[64];
  span *stack = stack_small;
  size_t depth = 0, cap = 64;
  int roots = 0, in_style = 0;
  size_t hidden = 0; /* open definition containers */
  ao_status st = AO_OK;
  ao_xml_lex_init(&lx, x->src, x->len);
  for(;;) {
    st = ao_xml_lex_next(&lx, &t);
    if(st == AO_SYNTAX) {
      st = syntax(x, lx.err_off, lx.err_msg);
      break;
    }
    if(st || t.kind == AO_XML_EOF)
      break;
    if((st = push_tok(x, &t)))
      break;
    const unsigned char *s = x->src;
    if(t.kind == AO_XML_START) {
      if(!depth && roots++) {
        st = syntax(x, t.off, "more than one root element");
        break;
      }
      span prefix, local;
      qname(s, t.name_off, t.name_len, &prefix, &local);
      if(!prefix.len || eqs(s + prefix.off, prefix.len, "svg")) {
        const unsigned char *l = s + local.off;
        if(eqs(l, local.len, "style"))
          x->has_style = 1;
        else if(eqs(l, local.len, "script"))
          x->has_script = 1;
        else if(eqs(l, local.len, "use"))
          x->has_use = 1;
        else if(eqs(l, local.len, "view"))
          x->has_view = 1;
        else if(in_list(l, local.len, anim_elems))
          x->has_anim = 1;
      }
      in_style = !t.self_closing && eqs(s + local.off, local.len, "style");
      int is_use = eqs(s + local.off, local.len, "use");
      if(!prefix.len && !hidden && in_list(s + local.off, local.len, drawn_elems))
        x->draws = 1;
      if(!prefix.len && !t.self_closing && in_list(s + local.off, local.len, def_containers))
        hidden++;
      size_t pos = t.body_off, end = t.body_off + t.body_len;
      ao_xml_attr a;
      while(ao_xml_attr_next(s, &pos, end, &a)) {
        const unsigned char *n = s + a.name_off;
        if(is_use && (eqs(n, a.name_len, "href") || eqs(n, a.name_len, "xlink:href"))) {
          size_t vo = a.val_off, vl = a.val_len;
          trim(s, &vo, &vl);
          if(memchr(s + vo, '&', vl))
            x->use_unknown = 1;
          else if(vl > 1 && s[vo] == '#' && (st = set_add(&x->instanced, s, vo + 1, vl - 1)))
            goto out;
        }
        if(a.name_len > 6 && !memcmp(n, "xmlns:", 6) &&
           is_editor_uri(s + a.val_off, a.val_len) && x->neditor < MAX_PREFIXES)
          x->editor[x->neditor++] = (span){ a.name_off + 6, a.name_len - 6 };
        if(a.name_len > 5 && !memcmp(n, "aria-", 5))
          x->has_aria = 1;
        if(is_event_attr(n, a.name_len))
          x->has_script = 1;
        if((st = collect_refs(x, a.val_off, a.val_len)))
          goto out;
      }
      if(t.self_closing)
        continue;
      if(depth == cap) {
        span *p = ao_malloc(2 * cap * sizeof(*p));
        if(!p) {
          st = AO_NOMEM;
          break;
        }
        memcpy(p, stack, depth * sizeof(*p));
        if(stack != stack_small)
          ao_free(stack);
        stack = p;
        cap *= 2;
      }
      stack[depth++] = (span){ t.name_off, t.name_len };
    }
    else if(t.kind == AO_XML_END) {
      if(!depth || stack[depth - 1].len != t.name_len ||
         memcmp(s + stack[depth - 1].off, s + t.name_off, t.name_len)) {
        st = syntax(x, t.off, depth ? "end tag does not match the open element"
                                    : "end tag without a start tag");
        break;
      }
      depth--;
      in_style = 0;
      span ep, el;
      qname(s, t.name_off, t.name_len, &ep, &el);
      if(hidden && !ep.len && in_list(s + el.off, el.len, def_containers))
        hidden--;
    }
    else if(t.kind == AO_XML_TEXT || t.kind == AO_XML_CDATA) {
      if(!depth && (t.kind == AO_XML_CDATA || !all_ws(s + t.off, t.len))) {
        st = syntax(x, t.off, "text outside the root element");
        break;
      }
      if(in_style && (st = collect_refs(x, t.body_off, t.body_len)))
        break;
    }
    else if(t.kind == AO_XML_PI) {
      if(eqs(s + t.name_off, t.name_len, "xml-stylesheet"))
        x->has_pi_css = 1;
    }
    else if(t.kind == AO_XML_DOCTYPE && memchr(s + t.body_off, '[', t.body_len)) {
      /* entities may hide markup, references, style sheets: assume all */
      x->has_style = x->has_script = 1;
    }
  }
  if(!st && depth)
    st = syntax(x, stack[depth - 1].off - 1, "element never closed");
  if(!st && !roots)
    st = syntax(x, 0, "no root element");
out:
  if(stack != stack_small)
    ao_free(stack);
  return st;
}

/* ---- what goes ----------------------------------------------------------------- */

static const char *const unused_defs[] = { "linearGradient", "radialGradient",
                                           "pattern", "filter", "clipPath",
                                           "mask", "marker", NULL };

static int drop_element(const doc *x, const ao_xml_tok *t)
{
  span prefix, local;
  qname(x->src, t->name_off, t->name_len, &prefix, &local);
  const unsigned char *l = x->src + local.off;
  if(!x->opt->keep_metadata) {
    if(is_editor_prefix(x, prefix))
      return 1;
    if(!prefix.len && eqs(l, local.len, "metadata"))
      return 1;
  }
  if(!x->opt->keep_title && !prefix.len &&
     (eqs(l, local.len, "title") || eqs(l, local.len, "desc")))
    return 1;
  /* definitions that are never drawn themselves and that nothing in the
   * file refers to */
  if(!x->opt->keep_ids && !x->has_script && !x->has_anim && x->draws &&
     !prefix.len && in_list(l, local.len, unused_defs)) {
    size_t pos = t->body_off, end = t->body_off + t->body_len;
    ao_xml_attr a;
    while(ao_xml_attr_next(x->src, &pos, end, &a))
      if(eqs(x->src + a.name_off, a.name_len, "id"))
        return !set_has(&x->refs, x->src, a.val_off, a.val_len);
    return 1;
  }
  return 0;
}

/* Properties that inherit, with the initial value's spellings. */
static const struct prop {
  const char *name;
  int inherited;
  const char *defaults[4];
} props[] = {
  { "fill", 1, { "black", "#000", "#000000", NULL } },
  { "fill-opacity", 1, { "1", NULL } },
  { "fill-rule", 1, { "nonzero", NULL } },
  { "clip-rule", 1, { "nonzero", NULL } },
  { "stroke", 1, { "none", NULL } },
  { "stroke-width", 1, { "1", NULL } },
  { "stroke-opacity", 1, { "1", NULL } },
  { "stroke-linecap", 1, { "butt", NULL } },
  { "stroke-linejoin", 1, { "miter", NULL } },
  { "stroke-miterlimit", 1, { "4", NULL } },
  { "stroke-dasharray", 1, { "none", NULL } },
  { "stroke-dashoffset", 1, { "0", NULL } },
  { "visibility", 1, { "visible", NULL } },
  { "opacity", 0, { "1", NULL } },
  { "stop-opacity", 0, { "1", NULL } },
  { "flood-opacity", 0, { "1", NULL } },
  { "clip-path", 0, { "none", NULL } },
  { "mask", 0, { "none", NULL } },
  { "filter", 0, { "none", NULL } },
  { "font-variation-settings", 1, { "normal", NULL } },
  { "paint-order", 1, { "normal", NULL } },
  { "marker-start", 1, { "none", NULL } },
  { "marker-mid", 1, { "none", NULL } },
  { "marker-end", 1, { "none", NULL } },
  { "color-interpolation", 1, { "sRGB", NULL } },
  { "color-interpolation-filters", 1, { "linearRGB", NULL } },
  { "shape-rendering", 1, { "auto", NULL } },
  { "text-rendering", 1, { "auto", NULL } },
  { "image-rendering", 1, { "auto", NULL } },
  { "color-rendering", 1, { "auto", NULL } },
  { "vector-effect", 0, { "none", NULL } },
  { "mix-blend-mode", 0, { "normal", NULL } },
  { "isolation", 0, { "auto", NULL } },
  { "display", 0, { "inline", NULL } },
  { "stop-color", 0, { "black", "#000", "#000000", NULL } },
  { "flood-color", 0, { "black", "#000", "#000000", NULL } },
  { "lighting-color", 0, { "white", "#fff", "#ffffff", NULL } },
};
#define NPROPS (sizeof(props) / sizeof(props[0]))

static int prop_index(const unsigned char *p, size_t n)
{
  for(size_t i = 0; i < NPROPS; i++)
    if(eqs(p, n, props[i].name))
      return (int)i;
  return -1;
}

/* 0, or 0 with a unit (the rewriters have removed other spellings). */
static int is_zero_length(const unsigned char *v, size_t n)
{
  if(!n || v[0] != '0')
    return 0;
  for(size_t i = 1; i < n; i++)
    if(!((v[i] >= 'a' && v[i] <= 'z') || v[i] == '%'))
      return 0;
  return 1;
}

/* Geometry attributes whose initial value is 0 on these elements only (a
 * gradient, pattern or filter has other initial values, or templates). */
static int zero_default(const unsigned char *el, size_t el_len,
                        const unsigned char *at, size_t at_len)
{
  static const char *const xy_elems[] = { "rect", "image", "use", "svg",
                                          "foreignObject", NULL };
  static const char *const c_elems[] = { "circle", "ellipse", NULL };
  if(eqs(at, at_len, "x") || eqs(at, at_len, "y"))
    return in_list(el, el_len, xy_elems);
  if(eqs(at, at_len, "cx") || eqs(at, at_len, "cy"))
    return in_list(el, el_len, c_elems);
  if(eqs(at, at_len, "x1") || eqs(at, at_len, "y1") ||
     eqs(at, at_len, "x2") || eqs(at, at_len, "y2"))
    return eqs(el, el_len, "line");
  return 0;
}

/* Sets vals[] from the declarations of a style="" value (the inherited
 * properties; an initial value or "inherit" leaves what came down). */
static int is_default(const unsigned char *v, size_t n, const struct prop *p);

static void set_value(const unsigned char *s, span *vals, int pi, size_t off,
                      size_t len)
{
  trim(s, &off, &len);
  if(pi < 0 || !props[pi].inherited || eqs(s + off, len, "inherit"))
    return;
  vals[pi] = is_default(s + off, len, &props[pi]) ? (span){ 0, 0 }
                                                   : (span){ off, len };
}

/* The end of a declaration value: the next ';' outside quotes and
 * parentheses (url(data:…;base64,…)), or end. */
static size_t value_end(const unsigned char *s, size_t p, size_t end)
{
  unsigned char q = 0;
  int depth = 0;
  for(; p < end; p++) {
    unsigned char c = s[p];
    if(q) {
      if(c == q)
        q = 0;
    }
    else if(c == '"' || c == '\'')
      q = c;
    else if(c == '(')
      depth++;
    else if(c == ')' && depth)
      depth--;
    else if(c == ';' && !depth)
      break;
  }
  return p;
}

static void style_values(const unsigned char *s, size_t off, size_t len,
                         span *vals)
{
  size_t end = off + len, p = off;
  while(p < end) {
    while(p < end && (is_ws(s[p]) || s[p] == ';'))
      p++;
    size_t a = p;
    while(p < end && s[p] != ':' && s[p] != ';')
      p++;
    size_t n = p - a;
    while(n && is_ws(s[a + n - 1]))
      n--;
    int i = prop_index(s + a, n);
    if(p < end && s[p] == ':')
      p++;
    size_t v = p;
    p = value_end(s, p, end);
    set_value(s, vals, i, v, p - v);
  }
}

/* An id an editor made up: an element's name (its own, or the one the
 * editor uses for its kind: Inkscape calls circles "path…") or "layer", then
 * digits. */
static const char *const generated_prefixes[] = {
  "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "g",
  "text", "tspan", "textPath", "flowRoot", "flowRegion", "flowPara", "image",
  "use", "defs", "linearGradient", "radialGradient", "stop", "pattern",
  "filter", "clipPath", "mask", "marker", "metadata", "namedview", "svg",
  "title", "desc", "layer", "Layer_", "layer_", "fe", "guide", "grid",
  "perspective", "path-effect", "switch", "a", NULL
};

static int generated_id(const unsigned char *id, size_t n,
                        const unsigned char *el, size_t el_len)
{
  size_t k = 0;
  if(n > el_len && !memcmp(id, el, el_len))
    k = el_len;
  for(const char *const *g = generated_prefixes; !k && *g; g++) {
    size_t gl = strlen(*g);
    if(n > gl && !memcmp(id, *g, gl)) {
      k = gl;
      if(!strcmp(*g, "fe")) /* feGaussianBlur1234 … */
        while(k < n && ((id[k] >= 'a' && id[k] <= 'z') || (id[k] >= 'A' && id[k] <= 'Z')))
          k++;
    }
  }
  if(!k || k >= n || id[k] < '0' || id[k] > '9')
    return 0;
  for(size_t i = k; i < n; i++)
    if(!((id[i] >= '0' && id[i] <= '9') || id[i] == '-' || id[i] == '_'))
      return 0;
  return 1;
}

/* Pass 2: prefixes used by what is kept (element and attribute names). */
static void mark_used(doc *x, span prefix)
{
  if(!prefix.len || span_in(x, x->used, x->nused, prefix))
    return;
  if(x->nused == MAX_PREFIXES) {
    x->used_overflow = 1;
    return;
  }
  x->used[x->nused++] = prefix;
}

static void find_used_prefixes(doc *x)
{
  const unsigned char *s = x->src;
  size_t skip = 0;
  for(size_t i = 0; i < x->ntok; i++) {
    const ao_xml_tok *t = &x->toks[i];
    if(t->kind == AO_XML_END) {
      if(skip)
        skip--;
      continue;
    }
    if(t->kind != AO_XML_START)
      continue;
    if(skip || drop_element(x, t)) {
      if(!t->self_closing)
        skip++;
      continue;
    }
    span prefix, local;
    qname(s, t->name_off, t->name_len, &prefix, &local);
    mark_used(x, prefix);
    size_t pos = t->body_off, end = t->body_off + t->body_len;
    ao_xml_attr a;
    while(ao_xml_attr_next(s, &pos, end, &a)) {
      qname(s, a.name_off, a.name_len, &prefix, &local);
      if(eqs(s + prefix.off, prefix.len, "xmlns") ||
         (!x->opt->keep_metadata && is_editor_prefix(x, prefix)))
        continue;
      mark_used(x, prefix);
    }
  }
}

/* The ids referred to from what is kept. Dropping an unused definition can
 * leave another one unused (a gradient only its template used): the caller
 * repeats this until nothing changes. */
static ao_status kept_refs(doc *x, nameset *set)
{
  const unsigned char *s = x->src;
  size_t skip = 0;
  int in_style = 0;
  ao_status st = AO_OK;
  for(size_t i = 0; i < x->ntok && !st; i++) {
    const ao_xml_tok *t = &x->toks[i];
    if(t->kind == AO_XML_END) {
      if(skip)
        skip--;
      in_style = 0;
      continue;
    }
    if(skip) {
      if(t->kind == AO_XML_START && !t->self_closing)
        skip++;
      continue;
    }
    if(t->kind == AO_XML_TEXT || t->kind == AO_XML_CDATA) {
      if(in_style)
        st = collect_refs_in(x, set, t->body_off, t->body_len);
      continue;
    }
    if(t->kind != AO_XML_START)
      continue;
    if(drop_element(x, t)) {
      if(!t->self_closing)
        skip = 1;
      continue;
    }
    span prefix, local;
    qname(s, t->name_off, t->name_len, &prefix, &local);
    in_style = !t->self_closing && eqs(s + local.off, local.len, "style");
    size_t pos = t->body_off, end = t->body_off + t->body_len;
    ao_xml_attr a;
    while(!st && ao_xml_attr_next(s, &pos, end, &a))
      st = collect_refs_in(x, set, a.val_off, a.val_len);
  }
  return st;
}

static ao_status settle_refs(doc *x)
{
  for(int round = 0; round < 16; round++) {
    nameset set = { 0 };
    ao_status st = kept_refs(x, &set);
    if(st) {
      ao_free(set.slots);
      return st;
    }
    size_t before = x->refs.n;
    ao_free(x->refs.slots);
    x->refs = set;
    if(set.n == before)
      break;
  }
  return AO_OK;
}

/* ---- short ids -------------------------------------------------------------------
 * An id an editor generated that something in the file refers to gets a
 * short name (letters only, so never a generated id itself, and never one
 * the file already uses); its references (a value starting with '#', or
 * url(#…)) follow. */

static int renamable_element(const unsigned char *el, size_t n, int root)
{
  /* targets a page may name from outside (sprites, views) keep theirs */
  return !eqs(el, n, "symbol") && !eqs(el, n, "view") &&
         (root || !eqs(el, n, "svg"));
}

static size_t short_name(uint32_t i, char *out)
{
  static const char abc[] =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  size_t n = 0;
  char tmp[8];
  uint64_t v = (uint64_t)i + 1; /* bijective base 52 */
  while(v && n < 7) {
    v--;
    tmp[n++] = abc[v % 52];
    v /= 52;
  }
  for(size_t k = 0; k < n; k++)
    out[k] = tmp[n - 1 - k];
  out[n] = 0;
  return n;
}

static const ao_xml_tok *first_element(const doc *x)
{
  for(size_t i = 0; i < x->ntok; i++)
    if(x->toks[i].kind == AO_XML_START)
      return &x->toks[i];
  return NULL;
}

static ao_status plan_renames(doc *x)
{
  const unsigned char *s = x->src;
  nameset all = { 0 };
  size_t skip = 0, ncand = 0, cap = 0;
  span *cand = NULL;
  ao_status st = AO_OK;
  for(size_t i = 0; i < x->ntok && !st; i++) {
    const ao_xml_tok *t = &x->toks[i];
    if(t->kind == AO_XML_END) {
      if(skip)
        skip--;
      continue;
    }
    if(t->kind != AO_XML_START)
      continue;
    if(skip || drop_element(x, t)) {
      if(!t->self_closing)
        skip++;
      continue;
    }
    span prefix, local;
    qname(s, t->name_off, t->name_len, &prefix, &local);
    size_t pos = t->body_off, end = t->body_off + t->body_len;
    ao_xml_attr a;
    while(!st && ao_xml_attr_next(s, &pos, end, &a)) {
      if(!eqs(s + a.name_off, a.name_len, "id"))
        continue;
      if(set_has(&all, s, a.val_off, a.val_len)) {
        /* an id given twice: neither is renamed */
        long k = set_find(&x->renames, s, s + a.val_off, a.val_len);
        (void)k;
        continue;
      }
      st = set_add(&all, s, a.val_off, a.val_len);
      if(!st && !prefix.len && set_has(&x->refs, s, a.val_off, a.val_len) &&
         renamable_element(s + local.off, local.len, t == x->toks ||
                           first_element(x) == t) &&
         generated_id(s + a.val_off, a.val_len, s + local.off, local.len)) {
        if(ncand == cap) {
          size_t nc = cap ? cap * 2 : 64;
          span *p = ao_realloc(cand, nc * sizeof(*p));
          if(!p) {
            st = AO_NOMEM;
            break;
          }
          cand = p;
          cap = nc;
        }
        cand[ncand++] = (span){ a.val_off, a.val_len };
      }
    }
  }
  if(!st && ncand) {
    x->names = ao_malloc(ncand * sizeof(*x->names));
    if(!x->names)
      st = AO_NOMEM;
  }
  uint32_t next = 0;
  for(size_t i = 0; !st && i < ncand; i++) {
    char name[8];
    size_t n;
    do
      n = short_name(next++, name);
    while(set_find(&all, s, (const unsigned char *)name, n) >= 0);
    memcpy(x->names[i], name, n + 1);
    st = set_put(&x->renames, s, cand[i].off, cand[i].len, (uint32_t)i);
  }
  ao_free(cand);
  ao_free(all.slots);
  return st;
}

static int name_char(unsigned char c)
{
  return !is_ws(c) && c != ')' && c != '"' && c != '\'' && c != ';' &&
         c != ',' && c != '#';
}

/* Copies v[0, n) to o with local references to renamed ids rewritten;
 * 0 when there was none. */
static int rename_refs(const doc *x, const unsigned char *v, size_t n, ao_buf *o)
{
  size_t done = 0, p = 0;
  int changed = 0;
  while(p < n) {
    size_t h = n;
    /* a value that is a fragment, or url(#…) anywhere */
    if(p == 0) {
      size_t q = 0;
      while(q < n && is_ws(v[q]))
        q++;
      if(q < n && v[q] == '#')
        h = q;
    }
    if(h == n) {
      for(size_t q = p; q + 4 < n; q++) {
        if(v[q] != 'u' || v[q + 1] != 'r' || v[q + 2] != 'l' || v[q + 3] != '(')
          continue;
        size_t r = q + 4;
        while(r < n && is_ws(v[r]))
          r++;
        if(r < n && (v[r] == '"' || v[r] == '\''))
          r++;
        if(r < n && v[r] == '#') {
          h = r;
          break;
        }
      }
    }
    if(h == n)
      break;
    size_t e = h + 1;
    while(e < n && name_char(v[e]))
      e++;
    long k = set_find(&x->renames, x->src, v + h + 1, e - h - 1);
    if(k >= 0) {
      ao_buf_append(o, v + done, h + 1 - done);
      ao_buf_puts(o, x->names[k]);
      done = e;
      changed = 1;
    }
    p = e;
  }
  if(changed)
    ao_buf_append(o, v + done, n - done);
  return changed;
}

/* ---- pass 3: writing ------------------------------------------------------------ */

typedef struct open_el {
  size_t out_start;   /* where its '<' was written            */
  size_t out_open;    /* output length right after its '>'    */
  int removable;      /* an attribute-less <g> or <defs>       */
  int unwrapped;      /* an attribute-less <g>: its children
                         are written in its place              */
  int is_switch;      /* <switch> picks one child: keep groups */
  int holds_groups;   /* a container where a group's children
                         mean what they mean in the group      */
  int foreign;        /* not SVG (inside <foreignObject>, or another
                         default namespace): written as it was  */
  int foreign_kids;   /* <foreignObject>: its children are foreign */
  int instanced;      /* drawn again by a <use>: inherits from it  */
  int preserve;       /* text content: whitespace is kept      */
  span vals[NPROPS];  /* inherited property values; len 0: initial */
  int style, script;
} open_el;

static const char *const text_elems[] = { "text", "tspan", "textPath", "tref",
                                          "title", "desc", "style", "script",
                                          "foreignObject", "flowRoot", "flowPara",
                                          "flowDiv", "flowSpan", NULL };

/* style="…" through the CSS minifier, as the body of a rule. */
static int minify_style_attr(doc *x, const unsigned char *v, size_t n,
                             unsigned char quote, ao_buf *o)
{
  if(!n || !x->opt->minify_style || memchr(v, '&', n))
    return 0;
  ao_buf in = AO_BUF_INIT(0), res = AO_BUF_INIT(0);
  ao_css_opts co;
  ao_css_opts_init(&co);
  ao_buf_puts(&in, "a{");
  ao_buf_append(&in, v, n);
  ao_buf_puts(&in, "}");
  int ok = 0;
  if(!in.err && !ao_css_minify(in.data, in.len, &co, &res, NULL) && !res.err &&
     res.len >= 3 && !memcmp(res.data, "a{", 2) && res.data[res.len - 1] == '}') {
    const unsigned char *b = res.data + 2;
    size_t bl = res.len - 3;
    if(bl < n && !memchr(b, quote, bl) && !memchr(b, '<', bl) &&
       !memchr(b, '&', bl) && !memchr(b, '{', bl) && !memchr(b, '}', bl)) {
      ao_buf_append(o, b, bl);
      ok = 1;
    }
  }
  ao_buf_free(&in);
  ao_buf_free(&res);
  return ok;
}

static const char *const lengths[] = {
  "x", "y", "width", "height", "r", "rx", "ry", "cx", "cy", "x1", "y1",
  "x2", "y2", "fx", "fy", "fr", "dx", "dy", "offset", "opacity",
  "fill-opacity", "stroke-opacity", "stop-opacity", "flood-opacity",
  "stroke-width", "stroke-miterlimit", "stroke-dashoffset", "font-size",
  "stdDeviation", "stroke-dasharray", "refX", "refY", "markerWidth",
  "markerHeight", "letter-spacing", "word-spacing", "pathLength", NULL
};

/* What decides whether a property value can go on one element. */
typedef struct elctx {
  const unsigned char *src;
  uint64_t attrs;        /* properties given as attributes here that
                            stay (a declaration cannot yield to them)   */
  const span *inherited; /* the values coming down (len 0: initial)    */
  int inherit_ok;        /* nothing else can pass a value down         */
  int leaf;              /* DEAD_* bits: what has no effect here       */
} elctx;

/* A shape without children draws no text, holds no viewport and passes
 * nothing down: text and font properties, overflow, and the properties of
 * gradient stops and filter primitives do nothing on it. Font properties
 * still matter to its own em/ex/ch/lh lengths, color to currentColor. */
enum { DEAD_SHAPE = 1, DEAD_FONT = 2, DEAD_COLOR = 4 };

static const char *const dead_on_shapes[] = {
  "overflow", "stop-color", "stop-opacity", "flood-color", "flood-opacity",
  "lighting-color", "color-interpolation-filters", "solid-color",
  "solid-opacity", "text-anchor", "text-align", "text-align-last",
  "text-indent", "text-decoration", "text-decoration-line",
  "text-decoration-style", "text-decoration-color", "text-transform",
  "text-orientation", "text-rendering", "letter-spacing", "word-spacing",
  "writing-mode", "direction", "unicode-bidi", "dominant-baseline",
  "alignment-baseline", "baseline-shift", "white-space", "shape-padding",
  "shape-inside", "shape-margin", "inline-size", "kerning",
  "glyph-orientation-vertical", "glyph-orientation-horizontal", NULL
};

static const char *const font_props[] = {
  "font", "font-family", "font-size", "font-style", "font-variant",
  "font-weight", "font-stretch", "font-size-adjust", "font-kerning",
  "font-feature-settings", "font-variation-settings", "font-variant-ligatures",
  "font-variant-position", "font-variant-caps", "font-variant-numeric",
  "font-variant-alternates", "font-variant-east-asian", "line-height", NULL
};

static int dead_prop(const elctx *c, const unsigned char *n, size_t len)
{
  if(!(c->leaf & DEAD_SHAPE))
    return 0;
  if(in_list(n, len, dead_on_shapes))
    return 1;
  if((c->leaf & DEAD_FONT) && in_list(n, len, font_props))
    return 1;
  return (c->leaf & DEAD_COLOR) && eqs(n, len, "color");
}

/* What of the above applies to the element of token t. */
static int leaf_bits(const doc *x, const ao_xml_tok *t, const unsigned char *l,
                     size_t ln)
{
  static const char *const shapes[] = { "path", "rect", "circle", "ellipse",
                                        "line", "polyline", "polygon", NULL };
  if(!t->self_closing || x->has_script || x->has_anim || !in_list(l, ln, shapes))
    return 0;
  const unsigned char *s = x->src + t->off;
  int bits = DEAD_SHAPE | DEAD_FONT | (x->has_currentcolor ? 0 : DEAD_COLOR);
  for(size_t i = 0; i + 1 < t->len; i++) {
    unsigned char a = s[i], b = s[i + 1] | 0x20;
    if(a >= '0' && a <= '9' && (b == 'e' || b == 'c' || b == 'i' || b == 'l'))
      bits &= ~DEAD_FONT; /* em, ex, ch, ic, lh, cap */
    if((a | 0x20) == 'c' && i + 12 <= t->len) {
      static const char cc[] = "currentcolor";
      size_t k = 0;
      while(k < 12 && (s[i + k] | 0x20) == (unsigned char)cc[k])
        k++;
      if(k == 12)
        bits &= ~DEAD_COLOR;
    }
  }
  return bits;
}

static int is_default(const unsigned char *v, size_t n, const struct prop *p)
{
  for(int i = 0; i < 4 && p->defaults[i]; i++)
    if(eqs(v, n, p->defaults[i]))
      return 1;
  return 0;
}

/* A property value in the form the rewriters give it. */
static void norm_prop(int pi, const unsigned char *v, size_t n, ao_buf *o)
{
  if(in_list((const unsigned char *)props[pi].name, strlen(props[pi].name), lengths) &&
     ao__svg_lengths(v, n, o))
    return;
  if(!ao__svg_color(v, n, o))
    ao_buf_append(o, v, n);
}

/* A property at its initial value, or at the value its parent passes down,
 * that no other source overrides here. */
static int removable_default(const elctx *c, int pi, const unsigned char *v,
                             size_t n)
{
  if(pi < 0 || (props[pi].inherited && !c->inherit_ok))
    return 0;
  ao_buf a = AO_BUF_INIT(0), b = AO_BUF_INIT(0);
  norm_prop(pi, v, n, &a);
  span up = props[pi].inherited ? c->inherited[pi] : (span){ 0, 0 };
  int same = 0;
  if(a.err || !a.len)
    same = 0;
  else if(!up.len)
    same = is_default(a.data, a.len, &props[pi]);
  else {
    norm_prop(pi, c->src + up.off, up.len, &b);
    same = !b.err && a.len == b.len && !memcmp(a.data, b.data, a.len);
    /* the same words; a relative length could still compute differently */
    for(size_t i = 0; same && a.data[0] != '#' && i + 1 < a.len; i++) {
      unsigned char d = a.data[i], e = a.data[i + 1] | 0x20;
      if(d >= '0' && d <= '9' && (a.data[i + 1] == '%' || (e >= 'a' && e <= 'z')))
        same = 0;
    }
  }
  ao_buf_free(&a);
  ao_buf_free(&b);
  return same;
}

/* style="…" declarations: drops editor-only properties and initial values
 * nothing overrides (a declaration beats a presentation attribute, so one
 * with an attribute of the same name stays), shortens colors. Anything
 * unusual (comments, escapes, !important, a property twice) → 0. */
static int clean_style(const unsigned char *v, size_t n, const elctx *c,
                       ao_buf *o)
{
  size_t start = o->len, p = 0;
  uint64_t seen = 0;
  int k = 0;
  for(size_t i = 0; i < n; i++)
    if(v[i] == '\\' || v[i] == '!' || v[i] == '{' || v[i] == '}' ||
       (v[i] == '/' && i + 1 < n && v[i + 1] == '*'))
      return 0;
  while(p < n) {
    size_t a = p;
    while(p < n && v[p] != ';' && v[p] != ':')
      p++;
    size_t name = a, name_len = p - a;
    trim(v, &name, &name_len);
    if(p >= n || v[p] != ':') {
      if(name_len)
        goto bad; /* a declaration without a colon */
      if(p < n)
        p++;
      continue;
    }
    size_t b = ++p;
    p = value_end(v, p, n);
    {
      /* quotes and parentheses must close inside the value */
      unsigned char q = 0;
      int depth = 0;
      for(size_t i = b; i < p; i++) {
        if(q) {
          if(v[i] == q)
            q = 0;
        }
        else if(v[i] == '"' || v[i] == '\'')
          q = v[i];
        else if(v[i] == '(')
          depth++;
        else if(v[i] == ')' && --depth < 0)
          goto bad;
      }
      if(q || depth)
        goto bad;
    }
    size_t val = b, val_len = p - b;
    trim(v, &val, &val_len);
    if(p < n)
      p++;
    if(!name_len || !val_len)
      goto bad;
    for(size_t i = 0; i < name_len; i++)
      if(!((v[name + i] >= 'a' && v[name + i] <= 'z') || v[name + i] == '-'))
        goto bad;
    int pi = prop_index(v + name, name_len);
    if(pi >= 0) {
      if((seen >> pi) & 1)
        goto bad;
      seen |= (uint64_t)1 << pi;
    }
    if(name_len > 10 && !memcmp(v + name, "-inkscape-", 10))
      continue;
    if(eqs(v + name, name_len, "enable-background"))
      continue;
    if(dead_prop(c, v + name, name_len))
      continue;
    size_t mark = o->len;
    if(k)
      ao_buf_putc(o, ';');
    ao_buf_append(o, v + name, name_len);
    ao_buf_putc(o, ':');
    size_t vstart = o->len;
    if(!(in_list(v + name, name_len, lengths) && ao__svg_lengths(v + val, val_len, o)) &&
       !ao__svg_color(v + val, val_len, o))
      ao_buf_append(o, v + val, val_len);
    if(!o->err && pi >= 0 && !((c->attrs >> pi) & 1) &&
       removable_default(c, pi, o->data + vstart, o->len - vstart)) {
      memset(o->data + mark, 0, o->len - mark);
      o->len = mark;
      continue;
    }
    k++;
  }
  if(o->err)
    goto bad;
  return 1;
bad:
  if(o->data && o->len > start)
    memset(o->data + start, 0, o->len - start);
  o->len = start;
  return 0;
}

/* The rewritten value of one attribute into v (empty v: keep as written). */
static void rewrite_value(doc *x, span el, span name, const ao_xml_attr *a,
                          const elctx *c, ao_buf *v)
{
  static const char *const colors[] = { "fill", "stroke", "stop-color",
                                        "flood-color", "lighting-color",
                                        "color", NULL };
  const unsigned char *s = x->src, *val = s + a->val_off;
  const unsigned char *n = s + name.off;
  size_t vl = a->val_len;
  (void)el;
  if(memchr(val, '&', vl))
    return;
  if(eqs(n, name.len, "d"))
    ao__svg_path(val, vl, v);
  else if(eqs(n, name.len, "points"))
    ao__svg_numbers(val, vl, -2, v);
  else if(eqs(n, name.len, "viewBox"))
    ao__svg_numbers(val, vl, 4, v);
  else if(eqs(n, name.len, "transform") ||
          eqs(n, name.len, "gradientTransform") ||
          eqs(n, name.len, "patternTransform"))
    ao__svg_transform(val, vl, v);
  else if(in_list(n, name.len, lengths))
    ao__svg_lengths(val, vl, v);
  else if(in_list(n, name.len, colors))
    ao__svg_color(val, vl, v);
  else if(eqs(n, name.len, "style")) {
    if(clean_style(val, vl, c, v)) {
      /* then the CSS minifier, on the cleaned declarations */
      ao_buf m = AO_BUF_INIT(0);
      if(minify_style_attr(x, v->data, v->len, a->quote, &m) && !m.err) {
        ao_buf_reset(v);
        ao_buf_append(v, m.data, m.len);
      }
      ao_buf_free(&m);
      if(v->len == vl && (!vl || !memcmp(v->data, val, vl)))
        ao_buf_reset(v);
      else if(!v->len)
        ao_buf_putc(v, ' '); /* marks "rewritten to nothing" */
    }
    else
      minify_style_attr(x, val, vl, a->quote, v);
  }
  if(v->len > vl || (v->len == vl && vl && memcmp(v->data, val, vl) == 0))
    ao_buf_reset(v);
}

/* 1 when the element of t has an attribute named n[0, len). */
static int has_attr(const doc *x, const ao_xml_tok *t, const unsigned char *n,
                    size_t len)
{
  size_t pos = t->body_off, end = t->body_off + t->body_len;
  ao_xml_attr a;
  while(ao_xml_attr_next(x->src, &pos, end, &a))
    if(a.name_len == len && !memcmp(x->src + a.name_off, n, len))
      return 1;
  return 0;
}

static const char *const style_attr_props[] = {
  "fill", "stroke", "fill-rule", "clip-rule", "fill-opacity", "stroke-opacity",
  "opacity", "stop-color", "stop-opacity", "flood-color", "flood-opacity",
  "lighting-color", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit",
  "stroke-width", "display", "visibility", NULL
};

/* style="a:b" as the presentation attribute a="b" where that is shorter
 * (three declarations at most) and means the same: no style sheet (against
 * which a declaration and an attribute differ in precedence), properties
 * that are presentation attributes not given already, values that are a
 * color, keyword, number or url(#…). Returns how many attributes it wrote. */
static int style_as_attrs(doc *x, const ao_xml_tok *t, const unsigned char *v,
                          size_t n, unsigned char quote, ao_buf *o)
{
  span names[3], vals[3];
  int k = 0;
  size_t p = 0;
  if(x->has_style || x->has_pi_css || x->has_script || !n)
    return 0;
  while(p < n) {
    size_t a = p;
    while(p < n && v[p] != ':' && v[p] != ';')
      p++;
    if(p >= n || v[p] != ':' || k == 3)
      return 0;
    size_t b = ++p;
    p = value_end(v, p, n);
    size_t nl = b - 1 - a, vl = p - b;
    if(!in_list(v + a, nl, style_attr_props) || !vl || has_attr(x, t, v + a, nl))
      return 0;
    for(int i = 0; i < k; i++)
      if(names[i].len == nl && !memcmp(v + names[i].off, v + a, nl))
        return 0;
    if(vl > 5 && !memcmp(v + b, "url(#", 5) && v[b + vl - 1] == ')') {
      for(size_t i = b + 5; i < b + vl - 1; i++)
        if(!name_char(v[i]) || v[i] == '(')
          return 0;
    }
    else
      for(size_t i = b; i < b + vl; i++) {
        unsigned char c = v[i];
        if(!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
             (c >= '0' && c <= '9') || c == '.' || c == '#' || c == '%' || c == '-'))
          return 0;
      }
    names[k] = (span){ a, nl };
    vals[k] = (span){ b, vl };
    k++;
    if(p < n)
      p++; /* the ';' */
  }
  /* ' style=""' and the colons and semicolons cost 7 + 2k, the attributes
   * 4k: shorter up to three */
  if(!k)
    return 0;
  for(int i = 0; i < k; i++) {
    ao_buf_putc(o, ' ');
    ao_buf_append(o, v + names[i].off, names[i].len);
    ao_buf_putc(o, '=');
    ao_buf_putc(o, quote);
    if(!x->renames.n || !rename_refs(x, v + vals[i].off, vals[i].len, o))
      ao_buf_append(o, v + vals[i].off, vals[i].len);
    ao_buf_putc(o, quote);
  }
  return k;
}

static void write_start(doc *x, const ao_xml_tok *t, open_el *parent,
                        open_el *el, int is_root, ao_buf *o, ao_buf *v)
{
  const unsigned char *s = x->src;
  span prefix, local;
  qname(s, t->name_off, t->name_len, &prefix, &local);
  const unsigned char *l = s + local.off;
  int svg_el = !prefix.len || eqs(s + prefix.off, prefix.len, "svg");
  /* defaults of inherited properties only go where nothing can pass another
   * value down: no style sheet, no <use> instance, no animation */
  int inherit_ok = !x->has_style && !x->has_pi_css && !x->use_unknown &&
                   !x->has_anim && !x->has_script;
  int ids_ok = x->ids_ok;
  el->out_start = o->len;
  if(parent)
    memcpy(el->vals, parent->vals, sizeof(el->vals));
  else
    memset(el->vals, 0, sizeof(el->vals));
  el->removable = el->unwrapped = el->is_switch = el->foreign_kids = 0;
  el->holds_groups = 0;
  el->foreign = parent && (parent->foreign || parent->foreign_kids);
  {
    size_t p2 = t->body_off, e2 = t->body_off + t->body_len;
    ao_xml_attr na;
    while(ao_xml_attr_next(s, &p2, e2, &na))
      if(eqs(s + na.name_off, na.name_len, "xmlns") &&
         !eqs(s + na.val_off, na.val_len, "http://www.w3.org/2000/svg"))
        el->foreign = 1;
  }
  if(el->foreign) {
    /* XHTML, MathML …: other rules; every byte stays */
    el->preserve = 1;
    el->style = el->script = 0;
    ao_buf_append(o, s + t->off, t->len);
    el->out_open = o->len;
    return;
  }
  el->preserve = (parent && parent->preserve) || !svg_el ||
                 in_list(l, local.len, text_elems);
  el->style = svg_el && eqs(l, local.len, "style");
  el->script = svg_el && eqs(l, local.len, "script");
  int attrs = 0;
  el->instanced = parent && parent->instanced;
  if(x->instanced.n) {
    size_t p2 = t->body_off, e2 = t->body_off + t->body_len;
    ao_xml_attr ia;
    while(ao_xml_attr_next(s, &p2, e2, &ia))
      if(eqs(s + ia.name_off, ia.name_len, "id") &&
         set_has(&x->instanced, s, ia.val_off, ia.val_len))
        el->instanced = 1;
  }
  if(el->instanced)
    inherit_ok = 0;
  /* what this element sets, before anything is dropped */
  elctx c = { s, 0, el->vals, inherit_ok, svg_el ? leaf_bits(x, t, l, local.len) : 0 };
  span here[NPROPS];
  memcpy(here, el->vals, sizeof(here));
  size_t pos = t->body_off, end = t->body_off + t->body_len;
  ao_xml_attr a;
  while(ao_xml_attr_next(s, &pos, end, &a)) {
    int pi = prop_index(s + a.name_off, a.name_len);
    if(pi >= 0) {
      size_t to = a.val_off, tl = a.val_len;
      trim(s, &to, &tl);
      if(!svg_el || !removable_default(&c, pi, s + to, tl))
        c.attrs |= (uint64_t)1 << pi;
      set_value(s, here, pi, a.val_off, a.val_len);
    }
  }
  /* a declaration beats an attribute */
  pos = t->body_off;
  while(ao_xml_attr_next(s, &pos, end, &a))
    if(eqs(s + a.name_off, a.name_len, "style"))
      style_values(s, a.val_off, a.val_len, here);
  ao_buf_putc(o, '<');
  ao_buf_append(o, s + t->name_off, t->name_len);
  pos = t->body_off;
  while(ao_xml_attr_next(s, &pos, end, &a)) {
    span ap, an;
    qname(s, a.name_off, a.name_len, &ap, &an);
    const unsigned char *n = s + a.name_off;
    int pi = prop_index(n, a.name_len);
    if(!x->opt->keep_metadata && is_editor_prefix(x, ap))
      continue;
    if(eqs(s + ap.off, ap.len, "xmlns")) {
      if(!x->opt->keep_metadata && is_editor_prefix(x, an))
        continue;
      if(!x->used_overflow && !span_in(x, x->used, x->nused, an))
        continue;
    }
    if(svg_el && !ap.len) {
      if(is_root && eqs(n, a.name_len, "version"))
        continue;
      if(eqs(n, a.name_len, "enable-background"))
        continue;
      if(dead_prop(&c, n, a.name_len))
        continue;
      if(ids_ok && eqs(n, a.name_len, "id") &&
         !set_has(&x->refs, s, a.val_off, a.val_len) &&
         renamable_element(l, local.len, is_root) &&
         generated_id(s + a.val_off, a.val_len, l, local.len))
        continue;
    }
    ao_buf_reset(v);
    if(svg_el && !ap.len)
      rewrite_value(x, local, an, &a, &c, v);
    const unsigned char *val = v->len ? v->data : s + a.val_off;
    size_t vl = v->len ? v->len : a.val_len;
    if(v->len == 1 && v->data[0] == ' ')
      vl = 0; /* a style with nothing left */
    if(svg_el && !ap.len) {
      size_t to = a.val_off, tl = a.val_len;
      const unsigned char *tv = val;
      if(!v->len) {
        trim(s, &to, &tl);
        tv = s + to;
      }
      else
        tl = vl;
      if(removable_default(&c, pi, tv, tl))
        continue;
      if(is_zero_length(tv, tl) && zero_default(l, local.len, n, a.name_len))
        continue;
      if(eqs(n, a.name_len, "preserveAspectRatio") &&
         eqs(tv, tl, "xMidYMid meet") &&
         (eqs(l, local.len, "svg") || eqs(l, local.len, "image") ||
          eqs(l, local.len, "symbol") || eqs(l, local.len, "marker")))
        continue;
      if(eqs(n, a.name_len, "style") && !tl && !x->has_style &&
         !x->has_pi_css && !x->has_script)
        continue;
      int w;
      if(eqs(n, a.name_len, "style") &&
         (w = style_as_attrs(x, t, tv, tl, a.quote, o))) {
        attrs += w;
        continue;
      }
    }
    ao_buf_putc(o, ' ');
    ao_buf_append(o, n, a.name_len);
    ao_buf_putc(o, '=');
    ao_buf_putc(o, a.quote);
    long k = -1;
    if(x->renames.n && eqs(n, a.name_len, "id") &&
       (k = set_find(&x->renames, s, val, vl)) >= 0)
      ao_buf_puts(o, x->names[k]);
    else if(!x->renames.n || !rename_refs(x, val, vl, o))
      ao_buf_append(o, val, vl);
    ao_buf_putc(o, a.quote);
    attrs++;
  }
  memcpy(el->vals, here, sizeof(el->vals));
  /* an empty group draws nothing, except as the choice of a <switch> */
  el->removable = !attrs && svg_el && parent && parent->holds_groups &&
                  (eqs(l, local.len, "g") || eqs(l, local.len, "defs"));
  el->is_switch = svg_el && eqs(l, local.len, "switch");
  static const char *const group_parents[] = { "svg", "g", "a", "defs", "symbol",
                                               "marker", "mask", "pattern", NULL };
  el->holds_groups = svg_el && in_list(l, local.len, group_parents);
  el->foreign_kids = svg_el && eqs(l, local.len, "foreignObject");
  /* a group that sets nothing draws its children as they are, unless a
   * style sheet or script could pick it out, or a <switch> chooses it */
  el->unwrapped = !attrs && svg_el && !t->self_closing && parent &&
                  parent->holds_groups && eqs(l, local.len, "g") &&
                  !x->has_style && !x->has_pi_css && !x->has_script;
  if(el->unwrapped) {
    o->len = el->out_start;
    el->out_open = o->len;
    return;
  }
  if(t->self_closing) {
    if(el->removable)
      o->len = el->out_start; /* nothing was written after it yet */
    else
      ao_buf_puts(o, "/>");
  }
  else
    ao_buf_putc(o, '>');
  el->out_open = o->len;
}

/* <style>/<script> text through the CSS/JS minifier; 0: keep as written. */
static int minify_body(doc *x, const ao_xml_tok *t, int style, ao_buf *o)
{
  const unsigned char *b = x->src + t->body_off;
  size_t n = t->body_len;
  if(t->kind == AO_XML_TEXT && memchr(b, '&', n))
    return 0;
  ao_buf res = AO_BUF_INIT(0);
  ao_status st;
  if(style) {
    ao_css_opts co;
    ao_css_opts_init(&co);
    st = ao_css_minify(b, n, &co, &res, NULL);
  }
  else {
    ao_js_opts jo;
    ao_js_opts_init(&jo);
    st = ao_js_minify(b, n, &jo, &res, NULL);
  }
  int ok = 0;
  if(!st && !res.err && res.len < n) {
    int cdata = t->kind == AO_XML_CDATA;
    int bad = 0;
    for(size_t i = 0; i < res.len && !bad; i++) {
      if(cdata)
        bad = res.data[i] == ']' && i + 2 < res.len && res.data[i + 1] == ']' &&
              res.data[i + 2] == '>';
      else
        bad = res.data[i] == '<' || res.data[i] == '&';
    }
    if(!bad) {
      if(cdata)
        ao_buf_puts(o, "<![CDATA[");
      ao_buf_append(o, res.data, res.len);
      if(cdata)
        ao_buf_puts(o, "]]>");
      ok = 1;
    }
  }
  ao_buf_free(&res);
  return ok;
}

static int drop_xml_decl(const doc *x, const ao_xml_tok *t)
{
  if(!eqs(x->src + t->name_off, t->name_len, "xml"))
    return 0;
  size_t pos = t->body_off, end = t->body_off + t->body_len;
  ao_xml_attr a;
  while(ao_xml_attr_next(x->src, &pos, end, &a))
    if(eqs(x->src + a.name_off, a.name_len, "encoding") &&
       !ieq(x->src + a.val_off, a.val_len, "utf-8"))
      return 0;
  return 1;
}

static ao_status write_doc(doc *x, ao_buf *o)
{
  const unsigned char *s = x->src;
  open_el small[64], *stack = small;
  size_t depth = 0, cap = 64, skip = 0;
  ao_buf v = AO_BUF_INIT(0);
  ao_status st = AO_OK;
  if(x->len >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf)
    ao_buf_append(o, s, 3);
  for(size_t i = 0; i < x->ntok && !o->err; i++) {
    const ao_xml_tok *t = &x->toks[i];
    if(skip) {
      if(t->kind == AO_XML_START && !t->self_closing)
        skip++;
      else if(t->kind == AO_XML_END)
        skip--;
      continue;
    }
    open_el *top = depth ? &stack[depth - 1] : NULL;
    switch(t->kind) {
    case AO_XML_START: {
      if(drop_element(x, t)) {
        if(!t->self_closing)
          skip = 1;
        break;
      }
      open_el el;
      write_start(x, t, top, &el, depth == 0, o, &v);
      if(t->self_closing)
        break;
      if(depth == cap) {
        open_el *p = ao_malloc(2 * cap * sizeof(*p));
        if(!p) {
          st = AO_NOMEM;
          goto out;
        }
        memcpy(p, stack, depth * sizeof(*p));
        if(stack != small)
          ao_free(stack);
        stack = p;
        cap *= 2;
      }
      stack[depth++] = el;
      break;
    }
    case AO_XML_END:
      depth--;
      if(top->unwrapped)
        break;
      if(!top->foreign && top->out_open == o->len && o->len > top->out_start) {
        if(top->removable) {
          o->len = top->out_start;
          break;
        }
        o->len--; /* the '>' */
        ao_buf_puts(o, "/>");
        break;
      }
      ao_buf_puts(o, "</");
      ao_buf_append(o, s + t->name_off, t->name_len);
      ao_buf_putc(o, '>');
      break;
    case AO_XML_TEXT:
    case AO_XML_CDATA:
      if(!top)
        break; /* whitespace around the root */
      if((top->style && x->opt->minify_style) || (top->script && x->opt->minify_script))
        if(minify_body(x, t, top->style, o))
          break;
      if(!top->preserve && t->kind == AO_XML_TEXT && all_ws(s + t->off, t->len))
        break;
      ao_buf_append(o, s + t->off, t->len);
      break;
    case AO_XML_COMMENT:
      if(x->opt->keep_comments || (t->body_len && s[t->body_off] == '!'))
        ao_buf_append(o, s + t->off, t->len);
      break;
    case AO_XML_PI:
      if(!drop_xml_decl(x, t))
        ao_buf_append(o, s + t->off, t->len);
      break;
    case AO_XML_DOCTYPE:
      if(memchr(s + t->body_off, '[', t->body_len))
        ao_buf_append(o, s + t->off, t->len);
      break;
    default:
      break;
    }
  }
  if(o->err)
    st = o->err;
out:
  if(stack != small)
    ao_free(stack);
  ao_buf_free(&v);
  return st;
}

ao_status ao_svg_minify(const unsigned char *src, size_t len,
                        const ao_svg_opts *o, ao_buf *out, ao_diags *d)
{
  ao_svg_opts defaults;
  if(!o) {
    ao_svg_opts_init(&defaults);
    o = &defaults;
  }
  doc x = { .src = src, .len = len, .opt = o, .d = d };
  ao_buf res = AO_BUF_INIT(0);
  ao_status st = analyse(&x);
  /* an inherited currentColor uses each element's own color */
  for(size_t i = 0; i + 12 <= len && !x.has_currentcolor; i++)
    if((src[i] | 0x20) == 'c' && (src[i + 7] | 0x20) == 'c') {
      static const char cc[] = "currentcolor";
      size_t k = 1;
      while(k < 12 && (src[i + k] | 0x20) == (unsigned char)cc[k])
        k++;
      x.has_currentcolor = k == 12;
    }
  if(!st)
    st = settle_refs(&x);
  x.ids_ok = !o->keep_ids && !x.has_style && !x.has_pi_css && !x.has_script &&
             !x.has_anim && !x.has_aria && !x.has_view && x.draws;
  if(!st && x.ids_ok)
    st = plan_renames(&x);
  if(!st) {
    find_used_prefixes(&x);
    st = ao_buf_reserve(&res, len);
  }
  if(!st)
    st = write_doc(&x, &res);
  if(!st) {
    /* never larger than the input */
    if(res.len < len)
      st = ao_buf_append(out, res.data, res.len);
    else
      st = ao_buf_append(out, src, len);
    if(st)
      out->err = AO_OK;
  }
  ao_buf_free(&res);
  ao_free(x.toks);
  ao_free(x.refs.slots);
  ao_free(x.renames.slots);
  ao_free(x.instanced.slots);
  ao_free(x.names);
  return st;
}
