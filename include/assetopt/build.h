/* The build pipeline: walk → transform → references → hash and rename →
 * rewrite → precompress → write OUT atomically with asset-manifest.json. */
#ifndef ASSETOPT_BUILD_H
#define ASSETOPT_BUILD_H

#include "core.h"

typedef struct ao_build_opts {
  const char *in_dir;
  const char *out_dir;
  const char *cache_dir;      /* NULL: no cache */
  unsigned threads;           /* 0: one per core */
  int minify;                 /* JS, CSS, HTML, SVG, JSON (default 1) */
  int images;                 /* lossless PNG/JPEG recompression (default 1) */
  int lossy;                  /* lossy images where allowed (default 0) */
  int quality;                /* lossy quality (default 80) */
  int webp;                   /* WebP siblings (default 0) */
  int picture;                /* <img> → <picture> with a WebP <source> (0) */
  int precompress;            /* .br and .gz siblings (default 1) */
  int sri;                    /* integrity= on scripts and styles (default 0) */
  int hash_names;             /* content-hashed names (default 1) */
  int force;                  /* replace an OUT that assetopt did not write */
  int legal_comments;         /* JS legal comments: AO_LEGAL_* (js.h) */
  int js_level;               /* AO_JS_MIN_* (js.h; default ALL) */
  int js_keep_names;          /* JS functions and classes keep .name */
  int keep_source_map_url;    /* keep sourceMappingURL comments (default 1) */
  size_t hash_len;            /* characters of the name hash (default 10) */
  uint64_t max_file_size;     /* larger files are copied as they are */
  const char *const *keep_names;   /* globs never renamed */
  size_t n_keep_names;
  const char *const *lossless;     /* globs never recompressed lossily */
  size_t n_lossless;
  const char *const *lossy_globs;  /* globs recompressed lossily even when
                                      lossy is 0 */
  size_t n_lossy_globs;
  const char *const *hashed_patterns; /* POSIX extended regexes: base names
                                         that already carry a bundler hash */
  size_t n_hashed_patterns;
  /* progress: called from worker threads, serialized by the library */
  void (*progress)(void *ctx, const char *stage, size_t done, size_t total);
  void *progress_ctx;
} ao_build_opts;

AO_API void ao_build_opts_init(ao_build_opts *o);

typedef struct ao_build_stats {
  size_t files;            /* files written to OUT (siblings not counted) */
  size_t renamed;          /* given a content-hashed name */
  size_t transforms_run;   /* transforms computed in this run */
  size_t transforms_cached;/* transforms taken from the cache */
  size_t compressions_run;
  size_t compressions_cached;
  size_t siblings;         /* .br/.gz/.webp written */
  uint64_t bytes_in, bytes_out; /* DIR vs OUT, siblings not counted */
  unsigned warnings, errors;
} ao_build_stats;

/* Diagnostics of the whole build, one ao_diags per file that has messages
 * (path = the source path) plus general ones (path = NULL), in a fixed order. */
typedef struct ao_build_report {
  ao_diags *items;
  size_t n;
} ao_build_report;

AO_API void ao_build_report_free(ao_build_report *r);

/* Builds o->in_dir into o->out_dir. OUT is replaced only when the build
 * succeeds: on any error it is left as it was. Returns AO_IO for input
 * errors (a missing folder, an unreadable file), AO_USAGE when OUT lies
 * inside DIR, AO_NOMEM … Broken files are not errors: they are copied
 * unchanged with a warning. */
AO_API AO_NODISCARD ao_status ao_build(const ao_build_opts *o, ao_build_stats *st,
                                       ao_build_report *rep);

#endif
