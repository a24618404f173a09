/* --picture: an <img src> whose image has a WebP sibling is wrapped as
 *   <picture><source srcset="….webp" type="image/webp"><img …></picture>
 * so browsers that read WebP fetch the smaller file and others the original.
 * Images already inside a <picture>, with a srcset, or named in a way that
 * cannot be rewritten are left alone. */
#include "build_int.h"

#include <assetopt/html_lex.h>

#include <string.h>

/* The reference of asset a that starts at byte off, or NULL. */
static const ao_ref *ref_at(const ao_asset *a, size_t off, size_t *target)
{
  size_t lo = 0, hi = a->refs.n;
  while(lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if(a->refs.items[mid].off < off)
      lo = mid + 1;
    else
      hi = mid;
  }
  if(lo < a->refs.n && a->refs.items[lo].off == off && a->targets) {
    *target = a->targets[lo];
    return &a->refs.items[lo];
  }
  return NULL;
}

static ao_status wrap(const ao_asset *a, const ao_html_tok *t,
                      const ao_html_attr *src, const ao_asset *img, edits *ed)
{
  const char *url = (const char *)a->xf.data + src->val_off;
  size_t plen;
  if(!ao_url_local_path(url, src->val_len, &plen))
    return AO_OK;
  const char *ob = strrchr(img->rel, '/');
  ob = ob ? ob + 1 : img->rel;
  const char *wb = strrchr(img->webp_out, '/');
  wb = wb ? wb + 1 : img->webp_out;
  size_t on = strlen(ob), wn = strlen(wb);
  if(plen < on || memcmp(url + plen - on, ob, on))
    return AO_OK; /* the URL does not end with the file's name as it is */
  static const char head[] = "<picture><source srcset=\"";
  static const char mid[] = "\" type=\"image/webp\">";
  size_t keep = plen - on;
  size_t n = sizeof(head) - 1 + keep + wn + sizeof(mid) - 1;
  char *text = ao_arena_alloc(&ed->arena, n);
  if(!text)
    return AO_NOMEM;
  char *p = text;
  memcpy(p, head, sizeof(head) - 1);
  p += sizeof(head) - 1;
  memcpy(p, url, keep);
  p += keep;
  memcpy(p, wb, wn);
  p += wn;
  memcpy(p, mid, sizeof(mid) - 1);
  ao_status s = ao__edit_add(ed, t->off, 0, text, n);
  if(!s)
    s = ao__edit_add(ed, t->end, 0, "</picture>", 10);
  return s;
}

ao_status ao__picture_edits(const ao_site *s, size_t i, edits *ed)
{
  const ao_asset *a = &s->a[i];
  ao_html_lex lx;
  ao_html_lex_init(&lx, a->xf.data, a->xf.len, 0);
  ao_html_tok t;
  ao_status st;
  unsigned in_picture = 0;
  while(!(st = ao_html_lex_next(&lx, &t)) && t.kind != AO_HTML_EOF) {
    if(t.kind != AO_HTML_START_TAG && t.kind != AO_HTML_END_TAG)
      continue;
    if(ao_html_name_is(a->xf.data, t.name_off, t.name_len, "picture")) {
      if(t.kind == AO_HTML_START_TAG)
        in_picture++;
      else if(in_picture)
        in_picture--;
      continue;
    }
    if(t.kind != AO_HTML_START_TAG || in_picture || (t.flags & AO_HTML_TF_FOREIGN) ||
       !ao_html_name_is(a->xf.data, t.name_off, t.name_len, "img") ||
       ao_html_attr_find(&t, a->xf.data, "srcset"))
      continue;
    const ao_html_attr *src = ao_html_attr_find(&t, a->xf.data, "src");
    size_t target = AO_NONE;
    if(!src || src->quote < 0 || src->charref ||
       !ref_at(a, src->val_off, &target) || target == AO_NONE ||
       !s->a[target].webp_out)
      continue;
    if((st = wrap(a, &t, src, &s->a[target], ed)))
      break;
  }
  ao_html_lex_free(&lx);
  return st;
}
