/* Kinds of assets: names, MIME types, extensions and content sniffing. */
#include <assetopt/kind.h>

#include <string.h>
#include <strings.h>

static const struct { const char *name, *mime; int text; } kinds[] = {
#define AO_X_KIND(id, name, mime, text) { name, mime, text },
  AO_KIND_LIST(AO_X_KIND)
#undef AO_X_KIND
};

const char *ao_kind_name(ao_kind k)
{
  return (unsigned)k < AO_KIND_COUNT ? kinds[k].name : "other";
}

ao_kind ao_kind_from_name(const char *name)
{
  for(unsigned k = 0; k < AO_KIND_COUNT; k++)
    if(!strcmp(kinds[k].name, name))
      return (ao_kind)k;
  return AO_KIND_OTHER;
}

const char *ao_kind_mime(ao_kind k)
{
  return (unsigned)k < AO_KIND_COUNT ? kinds[k].mime : kinds[0].mime;
}

int ao_kind_compressible(ao_kind k)
{
  return (unsigned)k < AO_KIND_COUNT && kinds[k].text;
}

/* Extension → kind, and the MIME type when it is more precise than the
 * kind's (.mjs and .js share a kind; .mp4 and .webm do not share a type). */
static const struct { const char *ext; ao_kind kind; const char *mime; } exts[] = {
  { "html", AO_KIND_HTML, NULL },      { "htm", AO_KIND_HTML, NULL },
  { "css", AO_KIND_CSS, NULL },        { "js", AO_KIND_JS, NULL },
  { "mjs", AO_KIND_JS, NULL },         { "cjs", AO_KIND_JS, NULL },
  { "json", AO_KIND_JSON, NULL },      { "webmanifest", AO_KIND_WEBMANIFEST, NULL },
  { "map", AO_KIND_SOURCEMAP, NULL },  { "svg", AO_KIND_SVG, NULL },
  { "xml", AO_KIND_XML, NULL },        { "txt", AO_KIND_TXT, NULL },
  { "wasm", AO_KIND_WASM, NULL },      { "ico", AO_KIND_ICO, NULL },
  { "png", AO_KIND_PNG, NULL },        { "apng", AO_KIND_PNG, "image/apng" },
  { "jpg", AO_KIND_JPEG, NULL },       { "jpeg", AO_KIND_JPEG, NULL },
  { "gif", AO_KIND_GIF, NULL },        { "webp", AO_KIND_WEBP, NULL },
  { "avif", AO_KIND_AVIF, NULL },      { "bmp", AO_KIND_BMP, NULL },
  { "tif", AO_KIND_TIFF, NULL },       { "tiff", AO_KIND_TIFF, NULL },
  { "woff2", AO_KIND_WOFF2, NULL },    { "woff", AO_KIND_WOFF, NULL },
  { "ttf", AO_KIND_TTF, NULL },        { "otf", AO_KIND_OTF, NULL },
  { "eot", AO_KIND_EOT, NULL },        { "pdf", AO_KIND_PDF, NULL },
  { "mp4", AO_KIND_MEDIA, "video/mp4" },   { "webm", AO_KIND_MEDIA, "video/webm" },
  { "ogg", AO_KIND_MEDIA, "audio/ogg" },   { "mp3", AO_KIND_MEDIA, "audio/mpeg" },
  { "wav", AO_KIND_MEDIA, "audio/wav" },   { "m4a", AO_KIND_MEDIA, "audio/mp4" },
  { "vtt", AO_KIND_TXT, "text/vtt; charset=utf-8" },
  { "csv", AO_KIND_TXT, "text/csv; charset=utf-8" },
  { "md", AO_KIND_TXT, "text/markdown; charset=utf-8" },
  { "rss", AO_KIND_XML, "application/rss+xml" },
  { "atom", AO_KIND_XML, "application/atom+xml" },
};

static const char *extension(const char *path)
{
  const char *slash = strrchr(path, '/');
  const char *base = slash ? slash + 1 : path;
  const char *dot = strrchr(base, '.');
  return dot && dot != base ? dot + 1 : NULL;
}

ao_kind ao_kind_from_path(const char *path)
{
  const char *ext = extension(path);
  if(!ext)
    return AO_KIND_OTHER;
  for(size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
    if(!strcasecmp(ext, exts[i].ext))
      return exts[i].kind;
  return AO_KIND_OTHER;
}

const char *ao_mime_for_path(const char *path)
{
  const char *ext = extension(path);
  if(ext)
    for(size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
      if(!strcasecmp(ext, exts[i].ext))
        return exts[i].mime ? exts[i].mime : kinds[exts[i].kind].mime;
  return kinds[AO_KIND_OTHER].mime;
}

static int starts(const unsigned char *p, size_t n, const char *sig, size_t sn)
{
  return n >= sn && !memcmp(p, sig, sn);
}

/* Skips a UTF-8 BOM and white space. */
static size_t skip_ws(const unsigned char *p, size_t n)
{
  size_t i = 0;
  if(starts(p, n, "\xEF\xBB\xBF", 3))
    i = 3;
  while(i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
    i++;
  return i;
}

static int has_prefix_ci(const unsigned char *p, size_t n, const char *s)
{
  size_t sn = strlen(s);
  return n >= sn && !strncasecmp((const char *)p, s, sn);
}

ao_kind ao_kind_sniff(const unsigned char *p, size_t n)
{
  if(starts(p, n, "\x89PNG\r\n\x1a\n", 8))
    return AO_KIND_PNG;
  if(starts(p, n, "\xFF\xD8\xFF", 3))
    return AO_KIND_JPEG;
  if(starts(p, n, "GIF87a", 6) || starts(p, n, "GIF89a", 6))
    return AO_KIND_GIF;
  if(n >= 12 && starts(p, n, "RIFF", 4) && !memcmp(p + 8, "WEBP", 4))
    return AO_KIND_WEBP;
  if(n >= 12 && !memcmp(p + 4, "ftypavif", 8))
    return AO_KIND_AVIF;
  if(starts(p, n, "wOF2", 4))
    return AO_KIND_WOFF2;
  if(starts(p, n, "wOFF", 4))
    return AO_KIND_WOFF;
  if(starts(p, n, "\0asm", 4))
    return AO_KIND_WASM;
  if(starts(p, n, "%PDF-", 5))
    return AO_KIND_PDF;
  if(starts(p, n, "\0\0\1\0", 4))
    return AO_KIND_ICO;
  if(starts(p, n, "BM", 2) && n > 14)
    return AO_KIND_BMP;
  size_t i = skip_ws(p, n);
  const unsigned char *q = p + i;
  size_t m = n - i;
  if(has_prefix_ci(q, m, "<!doctype html") || has_prefix_ci(q, m, "<html"))
    return AO_KIND_HTML;
  if(has_prefix_ci(q, m, "<svg"))
    return AO_KIND_SVG;
  if(has_prefix_ci(q, m, "<?xml")) {
    /* an SVG announces itself within its first bytes */
    size_t lim = m < 1024 ? m : 1024;
    for(size_t j = 0; j + 4 <= lim; j++)
      if(!memcmp(q + j, "<svg", 4))
        return AO_KIND_SVG;
    return AO_KIND_XML;
  }
  return AO_KIND_OTHER;
}

ao_kind ao_kind_classify(const char *path, const unsigned char *p, size_t n)
{
  ao_kind k = ao_kind_from_path(path);
  ao_kind s = ao_kind_sniff(p, n);
  switch(k) {
  case AO_KIND_OTHER:
    return s;
  case AO_KIND_PNG: case AO_KIND_JPEG: case AO_KIND_GIF: case AO_KIND_WEBP:
  case AO_KIND_AVIF: case AO_KIND_BMP:
    /* an image whose extension lies is handled as what it is, or left alone */
    if(s == AO_KIND_PNG || s == AO_KIND_JPEG || s == AO_KIND_GIF ||
       s == AO_KIND_WEBP || s == AO_KIND_AVIF || s == AO_KIND_BMP)
      return s;
    return AO_KIND_OTHER;
  default:
    return k;
  }
}
