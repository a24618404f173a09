/* Private to src/build: the output folder written whole or not at all. */
#ifndef ASSETOPT_OUTDIR_H
#define ASSETOPT_OUTDIR_H

#include <assetopt/core.h>

typedef struct ao_outdir {
  char *final;   /* absolute OUT */
  char *parent, *base;
  char *tmp;     /* hidden sibling being filled */
} ao_outdir;

/* Checks OUT (not inside DIR, not containing it, a folder assetopt wrote or
 * an empty one unless force) and creates the temporary sibling. */
ao_status ao__outdir_begin(ao_outdir *od, const char *out, const char *in_real,
                           int force, ao_diags *d);
ao_status ao__outdir_write(const ao_outdir *od, const char *rel,
                           const void *data, size_t len);
/* Streams a file into the temporary folder. */
ao_status ao__outdir_copy(const ao_outdir *od, const char *rel,
                          const char *src_path);
/* Puts the temporary folder in OUT's place (atomically where the file
 * system allows) and removes the old one. */
ao_status ao__outdir_commit(ao_outdir *od);
/* Removes the temporary folder; OUT stays as it was. */
void ao__outdir_abort(ao_outdir *od);

#endif
