/* Asset kinds: classification by extension, then by content, and the
 * properties the pipeline needs (MIME type, text or binary). */
#ifndef ASSETOPT_KIND_H
#define ASSETOPT_KIND_H

#include "core.h"

#define AO_KIND_LIST(X)                                     \
  X(OTHER, "other", "application/octet-stream", 0)          \
  X(HTML, "html", "text/html; charset=utf-8", 1)            \
  X(CSS, "css", "text/css; charset=utf-8", 1)               \
  X(JS, "js", "text/javascript; charset=utf-8", 1)          \
  X(JSON, "json", "application/json", 1)                    \
  X(WEBMANIFEST, "webmanifest", "application/manifest+json", 1) \
  X(SOURCEMAP, "sourcemap", "application/json", 1)          \
  X(SVG, "svg", "image/svg+xml", 1)                         \
  X(XML, "xml", "application/xml", 1)                       \
  X(TXT, "txt", "text/plain; charset=utf-8", 1)             \
  X(WASM, "wasm", "application/wasm", 1)                    \
  X(ICO, "ico", "image/x-icon", 1)                          \
  X(PNG, "png", "image/png", 0)                             \
  X(JPEG, "jpeg", "image/jpeg", 0)                          \
  X(GIF, "gif", "image/gif", 0)                             \
  X(WEBP, "webp", "image/webp", 0)                          \
  X(AVIF, "avif", "image/avif", 0)                          \
  X(BMP, "bmp", "image/bmp", 0)                             \
  X(TIFF, "tiff", "image/tiff", 0)                          \
  X(WOFF2, "woff2", "font/woff2", 0)                        \
  X(WOFF, "woff", "font/woff", 0)                           \
  X(TTF, "ttf", "font/ttf", 1)                              \
  X(OTF, "otf", "font/otf", 1)                              \
  X(EOT, "eot", "application/vnd.ms-fontobject", 1)         \
  X(MEDIA, "media", "application/octet-stream", 0)          \
  X(PDF, "pdf", "application/pdf", 0)

typedef enum ao_kind {
#define AO_X_KIND(id, name, mime, text) AO_KIND_##id,
  AO_KIND_LIST(AO_X_KIND)
#undef AO_X_KIND
  AO_KIND_COUNT
} ao_kind;

AO_API const char *ao_kind_name(ao_kind k);
AO_API ao_kind ao_kind_from_name(const char *name);
/* MIME type for a path (by extension, falling back to the kind's). */
AO_API const char *ao_kind_mime(ao_kind k);
AO_API const char *ao_mime_for_path(const char *path);
/* Text assets that are worth precompressing (brotli/gzip). */
AO_API int ao_kind_compressible(ao_kind k);
/* By extension (case-insensitive); AO_KIND_OTHER when unknown. */
AO_API ao_kind ao_kind_from_path(const char *path);
/* By the first bytes; AO_KIND_OTHER when nothing matches. */
AO_API ao_kind ao_kind_sniff(const unsigned char *p, size_t n);
/* Extension first; content when the extension says nothing (or lies about
 * an image format). */
AO_API ao_kind ao_kind_classify(const char *path, const unsigned char *p,
                                size_t n);

#endif
