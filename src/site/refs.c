/* The reference list, dispatch by kind, and URL classification. */
#include <assetopt/refs.h>

#include <string.h>

ao_status ao_refs_push(ao_refs *r, size_t off, size_t len, ao_ref_kind kind,
                       unsigned flags)
{
  if(r->n == r->cap) {
    size_t cap = r->cap ? r->cap * 2 : 16;
    ao_ref *items = ao_realloc(r->items, cap * sizeof(*items));
    if(!items)
      return AO_NOMEM;
    r->items = items;
    r->cap = cap;
  }
  r->items[r->n++] = (ao_ref){ .off = off, .len = len, .kind = kind,
                               .flags = flags, .tag_end = 0 };
  return AO_OK;
}

void ao_refs_free(ao_refs *r)
{
  ao_free(r->items);
  r->items = NULL;
  r->n = r->cap = 0;
}

const char *ao_ref_kind_name(ao_ref_kind k)
{
  static const char *const names[] = {
    "resource", "script", "stylesheet", "preload", "import",
    "dynamic-import", "navigation", "sourcemap", "other"
  };
  return (unsigned)k < sizeof(names) / sizeof(names[0]) ? names[k] : "other";
}

ao_status ao_refs_extract(ao_kind kind, const unsigned char *src, size_t len,
                          ao_refs *out, ao_diags *d)
{
  switch(kind) {
  case AO_KIND_HTML: return ao_refs_html(src, len, out, d);
  case AO_KIND_SVG: return ao_refs_svg(src, len, out, d);
  case AO_KIND_CSS: return ao_refs_css(src, len, out, d);
  case AO_KIND_JS: return ao_refs_js(src, len, out, d);
  case AO_KIND_WEBMANIFEST:
  case AO_KIND_SOURCEMAP:
    return ao_refs_json(kind, src, len, out, d);
  default:
    return AO_OK;
  }
}

static int is_alpha(unsigned char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int ao_url_local_path(const char *url, size_t len, size_t *path_len)
{
  size_t i = 0;
  /* a scheme: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":" */
  if(len && is_alpha((unsigned char)url[0])) {
    i = 1;
    while(i < len && (is_alpha((unsigned char)url[i]) ||
                      (url[i] >= '0' && url[i] <= '9') || url[i] == '+' ||
                      url[i] == '-' || url[i] == '.'))
      i++;
    if(i < len && url[i] == ':')
      return 0;
  }
  if(len >= 2 && (url[0] == '/' || url[0] == '\\') &&
     (url[1] == '/' || url[1] == '\\'))
    return 0; /* protocol-relative */
  size_t n = 0;
  while(n < len && url[n] != '?' && url[n] != '#')
    n++;
  if(n == 0)
    return 0;
  /* template placeholders and the like are not paths */
  for(size_t j = 0; j < n; j++) {
    unsigned char c = (unsigned char)url[j];
    if(c == '{' || c == '}' || c == '<' || c == '>' || c == '$' || c == '`' ||
       c == '\\' || c < 0x20)
      return 0;
  }
  *path_len = n;
  return 1;
}
