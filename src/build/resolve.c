/* References: extracted from each asset's transformed bytes, resolved to the
 * assets they name. A reference to a missing file is a warning at its place
 * in the source; one that cannot be rewritten pins its target's name. */
#include "build_int.h"

#include <assetopt/fs.h>

#include <stdlib.h>
#include <string.h>

static int rel_cmp(const void *key, const void *elem)
{
  return strcmp((const char *)key, ((const ao_asset *)elem)->rel);
}

size_t ao__site_find(const ao_site *s, const char *rel)
{
  const ao_asset *a = bsearch(rel, s->a, s->n, sizeof(*s->a), rel_cmp);
  return a ? (size_t)(a - s->a) : AO_NONE;
}

static int hexval(int c)
{
  if(c >= '0' && c <= '9') return c - '0';
  if(c >= 'a' && c <= 'f') return c - 'a' + 10;
  if(c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Percent-decodes p[0, n) into a new string; NULL when nothing to decode. */
static char *percent_decode(const char *p, size_t n)
{
  if(!memchr(p, '%', n))
    return NULL;
  char *out = ao_malloc(n + 1);
  if(!out)
    return NULL;
  size_t o = 0;
  for(size_t i = 0; i < n; i++) {
    int h, l;
    if(p[i] == '%' && i + 2 < n && (h = hexval(p[i + 1])) >= 0 &&
       (l = hexval(p[i + 2])) >= 0) {
      out[o++] = (char)(h * 16 + l);
      i += 2;
    }
    else {
      out[o++] = p[i];
    }
  }
  out[o] = '\0';
  return out;
}

static void put_utf8(char *out, size_t *o, unsigned long cp)
{
  if(cp < 0x80) {
    out[(*o)++] = (char)cp;
  }
  else if(cp < 0x800) {
    out[(*o)++] = (char)(0xC0 | (cp >> 6));
    out[(*o)++] = (char)(0x80 | (cp & 63));
  }
  else if(cp < 0x10000) {
    out[(*o)++] = (char)(0xE0 | (cp >> 12));
    out[(*o)++] = (char)(0x80 | ((cp >> 6) & 63));
    out[(*o)++] = (char)(0x80 | (cp & 63));
  }
  else {
    out[(*o)++] = (char)(0xF0 | (cp >> 18));
    out[(*o)++] = (char)(0x80 | ((cp >> 12) & 63));
    out[(*o)++] = (char)(0x80 | ((cp >> 6) & 63));
    out[(*o)++] = (char)(0x80 | (cp & 63));
  }
}

/* Reads up to max hex digits at p[*i]; returns -1 when there is none. */
static long read_hex(const char *p, size_t n, size_t *i, int max)
{
  long v = -1;
  for(int k = 0; k < max && *i < n && hexval(p[*i]) >= 0; k++, (*i)++)
    v = (v < 0 ? 0 : v * 16) + hexval(p[*i]);
  return v;
}

/* The URL as the browser reads it: character references (HTML, SVG), CSS
 * escapes, or JS/JSON string escapes, by the kind of the file it is in.
 * Returns a new string, or NULL when an escape is not understood. Only the
 * common named references are known; others give NULL. */
static char *unescape(ao_kind kind, const char *p, size_t n)
{
  static const struct { const char *name; char c; } named[] = {
    { "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' }, { "quot;", '"' },
    { "apos;", '\'' }, { "sol;", '/' }, { "period;", '.' }, { "lowbar;", '_' },
    { "hyphen;", '-' }, { "num;", '#' }, { "quest;", '?' }, { "equals;", '=' },
  };
  char *out = ao_malloc(4 * n + 1);
  if(!out)
    return NULL;
  size_t o = 0;
  for(size_t i = 0; i < n;) {
    long cp = -1;
    if((kind == AO_KIND_HTML || kind == AO_KIND_SVG) && p[i] == '&') {
      size_t j = i + 1;
      if(j < n && p[j] == '#') {
        j++;
        if(j < n && (p[j] == 'x' || p[j] == 'X')) {
          j++;
          cp = read_hex(p, n, &j, 6);
        }
        else {
          cp = 0;
          size_t d = j;
          while(j < n && j - d < 7 && p[j] >= '0' && p[j] <= '9')
            cp = cp * 10 + (p[j++] - '0');
          if(j == d)
            cp = -1;
        }
        if(j < n && p[j] == ';')
          j++;
      }
      else {
        for(size_t k = 0; k < sizeof(named) / sizeof(named[0]); k++) {
          size_t l = strlen(named[k].name);
          if(n - j >= l && !memcmp(p + j, named[k].name, l)) {
            cp = (unsigned char)named[k].c;
            j += l;
            break;
          }
        }
      }
      if(cp < 0)
        goto fail;
      i = j;
    }
    else if(kind == AO_KIND_CSS && p[i] == '\\' && i + 1 < n) {
      size_t j = i + 1;
      cp = read_hex(p, n, &j, 6);
      if(cp >= 0) {
        if(j < n && (p[j] == ' ' || p[j] == '\t' || p[j] == '\n'))
          j++;
      }
      else {
        cp = (unsigned char)p[j++];
      }
      i = j;
    }
    else if(kind != AO_KIND_HTML && kind != AO_KIND_SVG && kind != AO_KIND_CSS &&
            p[i] == '\\' && i + 1 < n) {
      size_t j = i + 2;
      char c = p[i + 1];
      if(c == 'x')
        cp = read_hex(p, n, &j, 2) , cp = (j - i == 4) ? cp : -1;
      else if(c == 'u' && j < n && p[j] == '{') {
        j++;
        cp = read_hex(p, n, &j, 6);
        if(j < n && p[j] == '}')
          j++;
        else
          cp = -1;
      }
      else if(c == 'u') {
        cp = read_hex(p, n, &j, 4);
        if(j - i != 6)
          cp = -1;
      }
      else if(c == '/' || c == '\\' || c == '\'' || c == '"' || c == '.' ||
              c == '-' || c == '_')
        cp = (unsigned char)c;
      if(cp < 0)
        goto fail;
      i = j;
    }
    else {
      out[o++] = p[i++];
      continue;
    }
    if(cp <= 0 || cp > 0x10FFFF)
      goto fail;
    put_utf8(out, &o, (unsigned long)cp);
  }
  out[o] = '\0';
  return out;
fail:
  ao_free(out);
  return NULL;
}

/* The asset a URL path names from asset `from`, trying the path as written,
 * percent-decoded, and as a folder with an index.html. */
static size_t lookup(const ao_site *s, const char *from, const char *p,
                     size_t n, int *via_folder)
{
  *via_folder = 0;
  char *dec = percent_decode(p, n);
  const char *cands[2] = { p, dec };
  size_t lens[2] = { n, dec ? strlen(dec) : 0 };
  size_t found = AO_NONE;
  for(int k = 0; k < 2 && found == AO_NONE; k++) {
    if(!cands[k])
      continue;
    char *r = ao_path_resolve(from, cands[k], lens[k]);
    if(!r)
      continue;
    if(*r && cands[k][lens[k] - 1] != '/')
      found = ao__site_find(s, r);
    if(found == AO_NONE) {
      char *idx = *r ? ao_path_join(r, "index.html") : NULL;
      found = ao__site_find(s, idx ? idx : "index.html");
      if(found != AO_NONE)
        *via_folder = 1;
      ao_free(idx);
    }
    ao_free(r);
  }
  ao_free(dec);
  return found;
}

/* Where the URL text first appears in the original input, for messages
 * about minified files; falls back to the position in the output. */
static size_t source_offset(const ao_asset *a, const unsigned char *url,
                            size_t n, size_t fallback)
{
  if(!a->transformed || !a->in.data || !n)
    return fallback;
  const unsigned char *h = a->in.data;
  for(size_t i = 0; i + n <= a->in.len; i++)
    if(h[i] == url[0] && !memcmp(h + i, url, n))
      return i;
  return SIZE_MAX;
}

/* A reference can be rewritten when its last path segment is the target's
 * base name as it is (so the hash can be inserted before the extension). */
static int rewritable(const char *p, size_t n, const char *target)
{
  const char *tb = strrchr(target, '/');
  tb = tb ? tb + 1 : target;
  size_t tn = strlen(tb);
  return n >= tn && !memcmp(p + n - tn, tb, tn) &&
         (n == tn || p[n - tn - 1] == '/');
}

static ao_status resolve_asset(ao_site *s, size_t i)
{
  ao_asset *a = &s->a[i];
  const unsigned char *src = a->xf.data;
  if(!src)
    return AO_OK;
  ao_diags scratch;
  ao_diags_init(&scratch, a->rel, src, a->xf.len);
  ao_status st = ao_refs_extract(a->kind, src, a->xf.len, &a->refs, &scratch);
  /* extractor warnings are about the output bytes: keep errors only when
   * the file was not transformed (positions then match the source) */
  if(!a->transformed)
    ao_diags_move(&a->diags, &scratch);
  else
    ao_diags_free(&scratch);
  if(st)
    return st;
  if(!a->refs.n)
    return AO_OK;
  /* messages below point into the source as the user wrote it */
  a->diags.src = a->transformed ? a->in.data : a->xf.data;
  a->diags.src_len = a->transformed ? a->in.len : a->xf.len;
  a->targets = ao_malloc(a->refs.n * sizeof(size_t));
  if(!a->targets)
    return AO_NOMEM;
  for(size_t r = 0; r < a->refs.n; r++) {
    const ao_ref *ref = &a->refs.items[r];
    const char *url = (const char *)src + ref->off;
    size_t plen;
    a->targets[r] = AO_NONE;
    int local = ao_url_local_path(url, ref->len, &plen);
    if(!local && !(ref->flags & AO_REF_F_PIN))
      continue;
    int via_folder = 0;
    size_t t = local ? lookup(s, a->rel, url, plen, &via_folder) : AO_NONE;
    if(t == AO_NONE && (ref->flags & AO_REF_F_PIN)) {
      /* written with escapes: resolve what the browser will request; the
       * target keeps its name since the text cannot be rewritten */
      char *plain = unescape(a->kind, url, ref->len);
      size_t pl;
      int plain_local = plain && ao_url_local_path(plain, strlen(plain), &pl);
      if(plain_local)
        t = lookup(s, a->rel, plain, pl, &via_folder);
      ao_free(plain);
      if(!plain_local && (!local || plain))
        continue; /* not a local file once decoded */
    }
    if(t == AO_NONE && local && (ref->flags & AO_REF_F_GUESS) && url[0] != '/' &&
       url[0] != '.') {
      /* a path in a string is resolved by the page that uses it, often
       * against the site root (a bundler's preload list, "assets/x.js") */
      char *rooted = ao_malloc(plen + 2);
      if(!rooted)
        return AO_NOMEM;
      rooted[0] = '/';
      memcpy(rooted + 1, url, plen);
      rooted[plen + 1] = '\0';
      t = lookup(s, a->rel, rooted, plen + 1, &via_folder);
      ao_free(rooted);
    }
    if(t == AO_NONE) {
      if(!(ref->flags & AO_REF_F_GUESS))
        ao_diag_add(&a->diags, AO_WARNING,
                    source_offset(a, (const unsigned char *)url, ref->len,
                                  ref->off),
                    "reference to a missing file: %.*s", (int)ref->len, url);
      continue;
    }
    a->targets[r] = t;
    ao_asset *b = &s->a[t];
    if(t != i)
      b->referenced = 1;
    if(!via_folder && ((ref->flags & AO_REF_F_PIN) ||
                       !rewritable(url, plen, b->rel)))
      b->pinned = 1;
  }
  a->diags.src = NULL;
  return AO_OK;
}

ao_status ao__site_resolve(ao_site *s)
{
  for(size_t i = 0; i < s->n; i++) {
    ao_status st = resolve_asset(s, i);
    if(st)
      return st;
  }
  return AO_OK;
}
