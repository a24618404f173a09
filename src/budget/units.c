/* Measures and Lighthouse resource types. */
#include <assetopt/budget.h>

#include <string.h>

const char *ao_measure_name(ao_measure m)
{
  switch(m) {
  case AO_MEASURE_RAW: return "raw";
  case AO_MEASURE_GZIP: return "gzip";
  case AO_MEASURE_BROTLI: return "brotli";
  }
  return "gzip";
}

int ao_measure_from_name(const char *s, ao_measure *m)
{
  if(!strcmp(s, "raw") || !strcmp(s, "none"))
    *m = AO_MEASURE_RAW;
  else if(!strcmp(s, "gzip") || !strcmp(s, "gz"))
    *m = AO_MEASURE_GZIP;
  else if(!strcmp(s, "brotli") || !strcmp(s, "br"))
    *m = AO_MEASURE_BROTLI;
  else
    return -1;
  return 0;
}

static const char *const rtype_names[] = {
#define AO_X_RT(id, name) name,
  AO_RTYPE_LIST(AO_X_RT)
#undef AO_X_RT
};

const char *ao_rtype_name(ao_rtype t)
{
  return (unsigned)t < AO_RT_COUNT ? rtype_names[t] : "other";
}

int ao_rtype_from_name(const char *s, ao_rtype *t)
{
  for(unsigned i = 0; i < AO_RT_COUNT; i++)
    if(!strcmp(s, rtype_names[i])) {
      *t = (ao_rtype)i;
      return 0;
    }
  if(!strcmp(s, "js")) {
    *t = AO_RT_SCRIPT;
    return 0;
  }
  if(!strcmp(s, "css")) {
    *t = AO_RT_STYLESHEET;
    return 0;
  }
  return -1;
}

ao_rtype ao_rtype_of_kind(ao_kind k)
{
  switch(k) {
  case AO_KIND_JS: case AO_KIND_WASM:
    return AO_RT_SCRIPT;
  case AO_KIND_CSS:
    return AO_RT_STYLESHEET;
  case AO_KIND_PNG: case AO_KIND_JPEG: case AO_KIND_GIF: case AO_KIND_WEBP:
  case AO_KIND_AVIF: case AO_KIND_BMP: case AO_KIND_TIFF: case AO_KIND_SVG:
  case AO_KIND_ICO:
    return AO_RT_IMAGE;
  case AO_KIND_WOFF2: case AO_KIND_WOFF: case AO_KIND_TTF: case AO_KIND_OTF:
  case AO_KIND_EOT:
    return AO_RT_FONT;
  case AO_KIND_HTML:
    return AO_RT_DOCUMENT;
  case AO_KIND_MEDIA:
    return AO_RT_MEDIA;
  default:
    return AO_RT_OTHER;
  }
}
