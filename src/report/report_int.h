/* Private helpers shared by the report module's files. */
#ifndef AO_REPORT_INT_H
#define AO_REPORT_INT_H

#include <assetopt/report.h>

#include "budget/budget_int.h"

/* Per HTML entry: its initial and lazy loads. */
typedef struct ao__report_entries {
  ao_entry_load *items;
  size_t n;
} ao__report_entries;

ao_status ao__report_entries_compute(const ao_assets *a,
                                     ao__report_entries *e);
void ao__report_entries_free(ao__report_entries *e);
/* Sums of a set of assets. */
typedef struct ao__report_sum {
  size_t files;
  uint64_t original, raw, gzip, brotli;
} ao__report_sum;
void ao__report_add(ao__report_sum *s, const ao_asset *x);
uint64_t ao__report_sum_of(const ao__report_sum *s, ao_measure m);

#endif
