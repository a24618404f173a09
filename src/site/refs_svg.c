/* References in SVG: href/xlink:href on any element (<a> navigates, the
 * rest load resources), url() in presentation attributes, style="" and
 * <style> through the CSS extractor, and <?xml-stylesheet href?>. */
#include <assetopt/refs.h>
#include <assetopt/xml_lex.h>

#include <string.h>

static int is_ws(unsigned char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static unsigned char lower(unsigned char c)
{
  return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

/* The part of a qualified name after its prefix. */
static void local_name(const unsigned char *s, size_t *off, size_t *len)
{
  const unsigned char *c = memchr(s + *off, ':', *len);
  if(c) {
    size_t skip = (size_t)(c - (s + *off)) + 1;
    *off += skip;
    *len -= skip;
  }
}

/* Appends a reference unless it would break the increasing, disjoint
 * order of the list; marks spans written with a character reference. */
static ao_status push(const unsigned char *src, ao_refs *out, size_t off,
                      size_t len, ao_ref_kind kind, unsigned flags)
{
  if(out->n) {
    const ao_ref *last = &out->items[out->n - 1];
    if(off < last->off + last->len)
      return AO_OK;
  }
  if(memchr(src + off, '&', len))
    flags |= AO_REF_F_PIN;
  return ao_refs_push(out, off, len, kind, flags);
}

/* A URL attribute value: trimmed; fragment-only and empty values name
 * nothing in another file. */
static ao_status url_value(const unsigned char *src, size_t off, size_t len,
                           ao_ref_kind kind, ao_refs *out)
{
  while(len && is_ws(src[off])) {
    off++;
    len--;
  }
  while(len && is_ws(src[off + len - 1]))
    len--;
  if(!len || src[off] == '#')
    return AO_OK;
  return push(src, out, off, len, kind, 0);
}

/* The CSS extractor on src[off, off+len), through a padded copy, with the
 * offsets of its references and messages moved back into src. */
static ao_status css_range(const unsigned char *src, size_t off, size_t len,
                           ao_refs *out, ao_diags *d)
{
  ao_buf tmp = AO_BUF_INIT(0);
  ao_refs sub = { 0 };
  ao_diags sd;
  if(!len)
    return AO_OK;
  if(ao_buf_append(&tmp, src + off, len))
    return tmp.err;
  ao_diags_init(&sd, d ? d->path : NULL, tmp.data, tmp.len);
  ao_status s = ao_refs_css(tmp.data, tmp.len, &sub, &sd);
  for(size_t i = 0; !s && i < sub.n; i++) {
    const ao_ref *r = &sub.items[i];
    if(r->off > len || r->len > len - r->off)
      continue;
    s = push(src, out, off + r->off, r->len, r->kind, r->flags);
  }
  for(size_t i = 0; d && i < sd.n; i++)
    ao_diag_add(d, sd.items[i].sev,
                sd.items[i].off == SIZE_MAX ? SIZE_MAX : off + sd.items[i].off,
                "%s", sd.items[i].msg ? sd.items[i].msg : "");
  ao_diags_free(&sd);
  ao_refs_free(&sub);
  ao_buf_free(&tmp);
  return s;
}

/* Presentation attributes whose value may be url(…). */
static int url_attr(const unsigned char *n, size_t len)
{
  static const char *const names[] = {
    "fill", "stroke", "clip-path", "mask", "filter", "marker-start",
    "marker-mid", "marker-end", "cursor"
  };
  for(size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
    if(ao_xml_eq(n, len, names[i]))
      return 1;
  return 0;
}

/* url(x), url('x'), url("x") anywhere in a presentation attribute. */
static ao_status url_functions(const unsigned char *s, size_t off, size_t len,
                               ao_refs *out)
{
  size_t end = off + len, p = off;
  while(p + 4 <= end) {
    if(!(lower(s[p]) == 'u' && lower(s[p + 1]) == 'r' &&
         lower(s[p + 2]) == 'l' && s[p + 3] == '(')) {
      p++;
      continue;
    }
    p += 4;
    while(p < end && is_ws(s[p]))
      p++;
    size_t a = p, b;
    if(p < end && (s[p] == '"' || s[p] == '\'')) {
      const unsigned char *q = memchr(s + p + 1, s[p], end - p - 1);
      if(!q)
        return AO_OK;
      a = p + 1;
      b = (size_t)(q - s);
    }
    else {
      b = a;
      while(b < end && s[b] != ')' && !is_ws(s[b]))
        b++;
    }
    if(b > a && s[a] != '#') {
      ao_status st = push(s, out, a, b - a, AO_REF_RESOURCE, 0);
      if(st)
        return st;
    }
    p = b;
  }
  return AO_OK;
}

static ao_status start_tag(const unsigned char *src, const ao_xml_tok *t,
                           ao_refs *out, ao_diags *d)
{
  size_t eo = t->name_off, el = t->name_len;
  local_name(src, &eo, &el);
  ao_ref_kind kind = ao_xml_eq(src + eo, el, "a") ? AO_REF_NAVIGATION
                                                  : AO_REF_RESOURCE;
  size_t pos = t->body_off, end = t->body_off + t->body_len;
  ao_xml_attr a;
  ao_status s = AO_OK;
  while(!s && ao_xml_attr_next(src, &pos, end, &a)) {
    const unsigned char *n = src + a.name_off;
    if(ao_xml_eq(n, a.name_len, "href") || ao_xml_eq(n, a.name_len, "xlink:href"))
      s = url_value(src, a.val_off, a.val_len, kind, out);
    else if(ao_xml_eq(n, a.name_len, "style"))
      s = css_range(src, a.val_off, a.val_len, out, d);
    else if(url_attr(n, a.name_len))
      s = url_functions(src, a.val_off, a.val_len, out);
  }
  return s;
}

static ao_status stylesheet_pi(const unsigned char *src, const ao_xml_tok *t,
                               ao_refs *out)
{
  if(!ao_xml_eq(src + t->name_off, t->name_len, "xml-stylesheet"))
    return AO_OK;
  size_t pos = t->body_off, end = t->body_off + t->body_len;
  ao_xml_attr a;
  while(ao_xml_attr_next(src, &pos, end, &a))
    if(ao_xml_eq(src + a.name_off, a.name_len, "href"))
      return url_value(src, a.val_off, a.val_len, AO_REF_STYLESHEET, out);
  return AO_OK;
}

ao_status ao_refs_svg(const unsigned char *src, size_t len, ao_refs *out,
                      ao_diags *d)
{
  ao_xml_lex lx;
  ao_xml_tok t;
  int in_style = 0;
  ao_xml_lex_init(&lx, src, len);
  for(;;) {
    ao_status s = ao_xml_lex_next(&lx, &t);
    if(s == AO_SYNTAX) {
      if(d)
        ao_diag_add(d, AO_WARNING, lx.err_off,
                    "malformed SVG: %s; references after this point are not found",
                    lx.err_msg);
      return AO_OK;
    }
    if(s)
      return s;
    switch(t.kind) {
    case AO_XML_EOF:
      return AO_OK;
    case AO_XML_START: {
      size_t no = t.name_off, nl = t.name_len;
      local_name(src, &no, &nl);
      s = start_tag(src, &t, out, d);
      in_style = !t.self_closing && ao_xml_eq(src + no, nl, "style");
      break;
    }
    case AO_XML_END:
      in_style = 0;
      break;
    case AO_XML_TEXT:
    case AO_XML_CDATA:
      if(in_style)
        s = css_range(src, t.body_off, t.body_len, out, d);
      break;
    case AO_XML_PI:
      s = stylesheet_pi(src, &t, out);
      break;
    default:
      break;
    }
    if(s)
      return s;
  }
}
