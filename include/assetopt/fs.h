/* Files: whole-file reads with padding, atomic writes, directory walks. */
#ifndef ASSETOPT_FS_H
#define ASSETOPT_FS_H

#include "core.h"

/* Reads a whole file into *out (replacing its contents) followed by AO_PAD
 * zero bytes that are not counted in out->len. Files larger than max_size
 * give AO_LIMIT. A message naming the file goes to d (may be NULL). */
AO_API AO_NODISCARD ao_status ao_fs_read(const char *path, size_t max_size,
                                         ao_buf *out, ao_diags *d);
/* Writes data to path through a uniquely named temporary file in the same
 * folder, then renames it, so readers see the old file or the new one, never
 * a part. A path naming a device, FIFO or socket (/dev/null, a pipe) is
 * written to in place, never replaced. */
AO_API AO_NODISCARD ao_status ao_fs_write_atomic(const char *path,
                                                 const void *data, size_t len);
/* Plain write (the caller owns atomicity at a higher level). */
AO_API AO_NODISCARD ao_status ao_fs_write(const char *path, const void *data,
                                          size_t len);
/* mkdir -p for the folder that will hold path (not path itself). */
AO_API AO_NODISCARD ao_status ao_fs_mkdirs_for(const char *path);
AO_API AO_NODISCARD ao_status ao_fs_mkdirs(const char *dir);
/* rm -rf; a missing path is not an error. */
AO_API ao_status ao_fs_remove_tree(const char *path);
AO_API int ao_fs_is_dir(const char *path);
AO_API int ao_fs_exists(const char *path);

/* One regular file found by ao_walk. rel uses '/' and never starts with it. */
typedef struct ao_walk_entry {
  char *rel;
  uint64_t size;
} ao_walk_entry;

typedef struct ao_walk_result {
  ao_walk_entry *items; /* sorted by rel, bytewise */
  size_t n, cap;
} ao_walk_result;

typedef struct ao_walk_opts {
  int skip_dotfiles;        /* skip names starting with '.', except .well-known */
  const char *exclude_abs;  /* a folder (absolute path) never entered, or NULL */
} ao_walk_opts;

/* Lists the regular files below root. Symlinks are followed only when their
 * target stays inside root; others are skipped with a warning. Unreadable
 * folders give a warning and are skipped. */
AO_API AO_NODISCARD ao_status ao_walk(const char *root, const ao_walk_opts *o,
                                      ao_walk_result *r, ao_diags *d);
AO_API void ao_walk_free(ao_walk_result *r);

/* Joins a and b with one '/', into a new string the caller frees. */
AO_API char *ao_path_join(const char *a, const char *b);
/* Resolves a URL path (ref) relative to the folder of the file from (both
 * relative to the site root, '/'-separated). A ref starting with '/' is taken
 * from the root. Returns a new normalized path, or NULL when it climbs above
 * the root. Query and fragment must already be cut off. */
AO_API char *ao_path_resolve(const char *from, const char *ref, size_t ref_len);
/* The relative URL path that leads from the folder of file from to file to. */
AO_API char *ao_path_relative(const char *from, const char *to);

#endif
