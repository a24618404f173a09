/* Size budgets: the assets of a built folder with their sizes and
 * references, the initial load of each HTML entry, budget rules (from
 * assetopt.json "budgets" or a Lighthouse budget.json), and their check. */
#ifndef ASSETOPT_BUDGET_H
#define ASSETOPT_BUDGET_H

#include "core.h"
#include "kind.h"
#include "refs.h"

struct cJSON;

/* ---- measures and sizes ------------------------------------------------- */

typedef enum ao_measure {
  AO_MEASURE_RAW,
  AO_MEASURE_GZIP,
  AO_MEASURE_BROTLI
} ao_measure;

AO_API const char *ao_measure_name(ao_measure m);
/* "raw", "gzip", "brotli" (also "br", "gz"); 0 on success, -1 when unknown. */
AO_API int ao_measure_from_name(const char *s, ao_measure *m);


/* Lighthouse resource types. */
#define AO_RTYPE_LIST(X)                                                   \
  X(SCRIPT, "script") X(STYLESHEET, "stylesheet") X(IMAGE, "image")        \
  X(FONT, "font") X(DOCUMENT, "document") X(MEDIA, "media")                \
  X(OTHER, "other") X(THIRD_PARTY, "third-party") X(TOTAL, "total")

typedef enum ao_rtype {
#define AO_X_RT(id, name) AO_RT_##id,
  AO_RTYPE_LIST(AO_X_RT)
#undef AO_X_RT
  AO_RT_COUNT
} ao_rtype;

AO_API const char *ao_rtype_name(ao_rtype t);
/* Also accepts "js" and "css". 0 on success, -1 when unknown. */
AO_API int ao_rtype_from_name(const char *s, ao_rtype *t);
AO_API ao_rtype ao_rtype_of_kind(ao_kind k);


/* ---- the assets of a folder -------------------------------------------- */

typedef struct ao_asset_ref {
  size_t target;      /* index in ao_assets.items; SIZE_MAX when missing */
  char *path;         /* the target's path as resolved (output path space) */
  ao_ref_kind kind;
  unsigned flags;     /* AO_REF_F_* */
} ao_asset_ref;

typedef struct ao_asset {
  char *path;         /* path in the folder, '/'-separated */
  char *source;       /* source path (manifest key); equals path without one */
  ao_kind kind;
  int hashed;
  uint64_t original, raw, gzip, brotli;
  ao_asset_ref *refs;
  size_t nrefs;
} ao_asset;

typedef struct ao_assets {
  ao_asset *items;    /* sorted by path */
  size_t n, cap;
  int from_manifest;  /* sizes and references came from asset-manifest.json */
} ao_assets;

typedef struct ao_assets_opts {
  unsigned threads;   /* for computing missing sizes; 0 = online cores */
  int gzip_level;     /* 0 = 9 */
  int brotli_quality; /* 0 = 11 (use -1 for quality 0) */
  unsigned measures;  /* bits 1 << AO_MEASURE_*: the compressed sizes to
                         compute when missing; 0 = all */
  /* Called once kinds and references are known, before compressed sizes
   * are computed: sets want[i] for the assets whose sizes are needed
   * (NULL: all). Others keep only what the manifest or siblings gave. */
  void (*select)(void *ctx, const ao_assets *a, unsigned char *want);
  void *select_ctx;
} ao_assets_opts;

AO_API void ao_assets_opts_init(ao_assets_opts *o);
/* Loads dir: from its asset-manifest.json when there is one (sizes the
 * manifest lacks are computed from the files), else by walking it: kinds by
 * ao_kind_classify, sizes from .gz/.br siblings or compressed here,
 * references by ao_refs_extract. .gz/.br siblings and the manifest itself
 * are not assets. An empty folder gives an empty list. */
AO_API AO_NODISCARD ao_status ao_assets_load(const char *dir,
                                             const ao_assets_opts *o,
                                             ao_assets *a, ao_diags *d);
/* Reads an asset-manifest.json (or a report JSON written by
 * ao_report_format) without touching any file; sizes it lacks stay 0. */
AO_API AO_NODISCARD ao_status ao_assets_from_json(const unsigned char *text,
                                                  size_t len, ao_assets *a,
                                                  ao_diags *d);
AO_API void ao_assets_free(ao_assets *a);
/* Index of the asset with that path (or, failing that, that source path);
 * SIZE_MAX when none. */
AO_API size_t ao_assets_find(const ao_assets *a, const char *path);
AO_API uint64_t ao_asset_size(const ao_asset *x, ao_measure m);

/* ---- the initial load of an HTML entry ---------------------------------
 * Initial: the entry, then every script, stylesheet, preload (modulepreload,
 * fonts, images) and non-lazy resource it names, then, transitively, the
 * static ES imports and CSS @imports of those. Lazy: what dynamic import()
 * reaches from there (and everything that loads). Each file once, cycles
 * allowed, in discovery order. */
typedef struct ao_entry_load {
  size_t entry;
  size_t *initial, ninitial;
  size_t *lazy, nlazy;
  char **missing;     /* resolved paths named but absent */
  size_t nmissing;
} ao_entry_load;

AO_API AO_NODISCARD ao_status ao_entry_load_compute(const ao_assets *a,
                                                    size_t entry,
                                                    ao_entry_load *out);
AO_API void ao_entry_load_free(ao_entry_load *l);

/* ---- budget rules ------------------------------------------------------ */

typedef enum ao_budget_scope {
  AO_BUDGET_INITIAL,  /* the initial load of each matching HTML entry */
  AO_BUDGET_FILE,     /* each matching file on its own */
  AO_BUDGET_GROUP     /* the sum of the matching files */
} ao_budget_scope;

typedef struct ao_budget_rule {
  ao_budget_scope scope;
  char *pattern;      /* INITIAL: entry glob or Lighthouse path (NULL: all);
                         FILE/GROUP: file glob */
  int lighthouse;     /* pattern is a Lighthouse URL path pattern */
  int group;          /* Lighthouse budget index (the last matching wins) */
  ao_rtype type;      /* INITIAL: which part of the load */
  int count;          /* a resource count, not a size */
  uint64_t limit;
  char *limit_text;   /* as the user wrote it */
  ao_measure measure;
  char *origin;       /* where it was written: file and key path */
} ao_budget_rule;

typedef struct ao_budget_config {
  ao_budget_rule *rules;
  size_t n, cap;
  ao_measure measure; /* default for rules that name none (gzip) */
  int measure_forced; /* --measure: overrides every rule */
} ao_budget_config;

AO_API void ao_budget_config_init(ao_budget_config *c);
AO_API void ao_budget_config_free(ao_budget_config *c);
/* The default used when nothing is configured: initial script <= 500 KB
 * per HTML entry. */
AO_API AO_NODISCARD ao_status ao_budget_config_default(ao_budget_config *c);

/* The "budgets" value of assetopt.json, already parsed:
 *   { "measure": "gzip",
 *     "initial": { "script": "500 KB", "total": "1 MB" },
 *     "initialCount": { "script": 10 },
 *     "entries": { "admin*.html": { "script": "800 KB" } },
 *     "files": { "assets/app-*.js": "150 KB",
 *                "**.png": { "max": "2 MB", "sum": true, "measure": "raw" } },
 *     "budgetFile": "budget.json" }
 * or an array in Lighthouse's format. Errors name the key path (base is
 * the path of the value, e.g. "budgets") and go to d; file is where a
 * budgetFile is resolved from (may be NULL). Returns AO_CONFIG on error. */
AO_API AO_NODISCARD ao_status ao_budget_config_from_cjson(
    const struct cJSON *v, const char *base, const char *config_path,
    ao_budget_config *c, ao_diags *d);
/* The same from the text of a whole assetopt.json (its "budgets" key; none
 * is not an error); errors carry line:col. d->src should be the text. */
AO_API AO_NODISCARD ao_status ao_budget_config_parse(const unsigned char *text,
                                                     size_t len,
                                                     const char *config_path,
                                                     ao_budget_config *c,
                                                     ao_diags *d);
/* A Lighthouse budget.json: [{ "path", "resourceSizes": [{ "resourceType",
 * "budget" (KiB) }], "resourceCounts": [...] }]. Errors carry line:col. */
AO_API AO_NODISCARD ao_status ao_budget_lighthouse_parse(
    const unsigned char *text, size_t len, const char *origin,
    ao_budget_config *c, ao_diags *d);

/* ---- checking ------------------------------------------------------------ */

typedef struct ao_budget_part {
  char *path;
  uint64_t size;
} ao_budget_part;

typedef struct ao_budget_result {
  char *name;         /* "index.html: initial script" */
  char *file;         /* the file the result is about (entry or asset) */
  const ao_budget_rule *rule; /* borrowed from the config */
  ao_measure measure;
  uint64_t actual;
  int over;
  ao_budget_part *top; /* largest contributors, largest first (at most 5) */
  size_t ntop;
  size_t nparts;       /* how many files contributed */
  size_t nmissing;     /* referenced but absent files (entry rules) */
} ao_budget_result;

typedef struct ao_budget_report {
  ao_budget_result *items;
  size_t n, cap;
  size_t failed;
  size_t entries;     /* HTML entries seen */
  char *root;         /* the folder checked (prefix of file= in annotations),
                         set by ao_budget_check_dir; may be NULL */
  ao_budget_config own; /* the default rules when the caller gave none */
} ao_budget_report;

/* Evaluates every rule of c (the default rule when c has none) over a.
 * Missing files named by entries become warnings in d. Returns AO_OK or
 * AO_NOMEM; r->failed counts the rules over budget. */
AO_API AO_NODISCARD ao_status ao_budget_eval(const ao_assets *a,
                                             const ao_budget_config *c,
                                             ao_budget_report *r, ao_diags *d);
/* Loads out_dir and evaluates c over it (NULL: the default). Returns
 * AO_BUDGET when a budget is exceeded, AO_OK when all hold, or the error. */
AO_API AO_NODISCARD ao_status ao_budget_check_dir(const char *out_dir,
                                                  const ao_budget_config *c,
                                                  ao_budget_report *r,
                                                  ao_diags *d);
AO_API void ao_budget_report_free(ao_budget_report *r);

typedef enum ao_budget_fmt {
  AO_BUDGET_FMT_TEXT,
  AO_BUDGET_FMT_JSON,
  AO_BUDGET_FMT_GITHUB, /* ::error annotations */
  AO_BUDGET_FMT_JUNIT
} ao_budget_fmt;

/* color: ANSI colours in the text table. */
AO_API ao_status ao_budget_format(const ao_budget_report *r, ao_budget_fmt f,
                                  int color, ao_buf *out);

#endif
