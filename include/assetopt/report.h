/* Size reports over the assets of a built folder: a table (text), JSON,
 * a comparison with an older manifest or report (text, markdown, JSON),
 * and a self-contained HTML treemap. */
#ifndef ASSETOPT_REPORT_H
#define ASSETOPT_REPORT_H

#include "budget.h"

typedef enum ao_report_fmt {
  AO_REPORT_TEXT,
  AO_REPORT_JSON,      /* readable back by ao_assets_from_json */
  AO_REPORT_MARKDOWN
} ao_report_fmt;

typedef struct ao_report_opts {
  ao_measure measure;          /* sorts, totals, treemap areas (gzip) */
  size_t top;                  /* how many top offenders (10) */
  int color;                   /* ANSI colours in text */
  const ao_budget_report *budget; /* budget status to show; may be NULL */
  const char *title;           /* HTML title; may be NULL */
} ao_report_opts;

AO_API void ao_report_opts_init(ao_report_opts *o);

/* Every asset (original, optimized, gzip, brotli, saving), totals by type,
 * the initial and lazy load of each HTML entry, the top offenders. */
AO_API AO_NODISCARD ao_status ao_report_format(const ao_assets *a,
                                               const ao_report_opts *o,
                                               ao_report_fmt f, ao_buf *out);

/* Per-file and total deltas from old to cur (files matched by source path,
 * or by their name without a content hash when there is no manifest),
 * added and removed files. Markdown suits a pull-request comment. */
AO_API AO_NODISCARD ao_status ao_report_compare(const ao_assets *old,
                                                const ao_assets *cur,
                                                const ao_report_opts *o,
                                                ao_report_fmt f, ao_buf *out);

/* One HTML file with everything inline (no network): a zoomable treemap by
 * folder and file, coloured by type, budget status, a sortable table. */
AO_API AO_NODISCARD ao_status ao_report_html(const ao_assets *a,
                                             const ao_report_opts *o,
                                             ao_buf *out);

/* The path without a content hash in its name ("app.3f9a8b7c.js",
 * "index-DF__Szq7.js" -> "app.js", "index.js"); a new string. */
AO_API char *ao_report_unhashed(const char *path);

#endif
