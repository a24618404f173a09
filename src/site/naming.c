/* Hashed file names and the names that are never changed. */
#include <assetopt/glob.h>
#include <assetopt/site.h>

#include <string.h>
#include <strings.h>

static const char *const fixed[] = {
  "*.html", "*.htm", "/robots.txt", "sitemap*.xml", "favicon.ico", "sw.js",
  "service-worker.js", "*.webmanifest", "/.well-known/**", "_headers",
  "_redirects", "/asset-manifest.json",
};

int ao_name_fixed(const char *rel)
{
  for(size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
    if(ao_glob_match(fixed[i], rel))
      return 1;
  return 0;
}

size_t ao_name_ext_len(const char *base)
{
  static const char *const compound[] = { ".js.map", ".mjs.map", ".css.map" };
  size_t n = strlen(base);
  for(size_t i = 0; i < sizeof(compound) / sizeof(compound[0]); i++) {
    size_t cn = strlen(compound[i]);
    if(n > cn && !strcasecmp(base + n - cn, compound[i]))
      return cn;
  }
  const char *dot = strrchr(base, '.');
  if(!dot || dot == base)
    return 0;
  return n - (size_t)(dot - base);
}

char *ao_name_with_hash(const char *rel, const char *hash)
{
  const char *slash = strrchr(rel, '/');
  const char *base = slash ? slash + 1 : rel;
  size_t n = strlen(rel), hn = strlen(hash);
  size_t ext = ao_name_ext_len(base);
  size_t cut = n - ext;
  char *p = ao_malloc(n + hn + 2);
  if(!p)
    return NULL;
  memcpy(p, rel, cut);
  p[cut] = '.';
  memcpy(p + cut + 1, hash, hn);
  memcpy(p + cut + 1 + hn, rel + cut, ext + 1);
  return p;
}
