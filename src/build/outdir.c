/* The output folder, written whole or not at all: everything goes into a
 * hidden sibling first, which then takes OUT's place in one rename. */
#define _GNU_SOURCE
#include "outdir.h"

#include <assetopt/fs.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* "/a/b" is inside "/a" (or equal to it). */
static int path_within(const char *p, const char *dir)
{
  size_t n = strlen(dir);
  if(n == 1 && dir[0] == '/')
    return 1;
  return !strncmp(p, dir, n) && (p[n] == '/' || p[n] == '\0');
}

/* The absolute path OUT will have, whether or not it exists yet. */
static char *absolute_out(const char *out)
{
  char *real = realpath(out, NULL);
  if(real)
    return real;
  char *copy = strdup(out);
  if(!copy)
    return NULL;
  size_t n = strlen(copy);
  while(n > 1 && copy[n - 1] == '/')
    copy[--n] = '\0';
  char *slash = strrchr(copy, '/');
  const char *base = slash ? slash + 1 : copy;
  char *parent_in = slash ? (slash == copy ? strdup("/") : strndup(copy, (size_t)(slash - copy)))
                          : strdup(".");
  char *res = NULL;
  if(parent_in && !ao_fs_mkdirs(parent_in)) {
    char *parent = realpath(parent_in, NULL);
    if(parent) {
      res = ao_path_join(parent, base); /* ao_malloc is malloc: free() fits */
      free(parent);
    }
  }
  free(parent_in);
  free(copy);
  return res;
}

/* Removes leftovers of builds that were killed: .BASE.assetopt-tmp-* */
static void remove_stale(const char *parent, const char *base)
{
  DIR *d = opendir(parent);
  if(!d)
    return;
  size_t bl = strlen(base);
  struct dirent *e;
  while((e = readdir(d))) {
    const char *nm = e->d_name;
    if(nm[0] == '.' && !strncmp(nm + 1, base, bl) &&
       !strncmp(nm + 1 + bl, ".assetopt-", 10)) {
      char *p = ao_path_join(parent, nm);
      if(p)
        ao_fs_remove_tree(p);
      ao_free(p);
    }
  }
  closedir(d);
}

static int dir_is_empty(const char *path)
{
  DIR *d = opendir(path);
  if(!d)
    return 0;
  struct dirent *e;
  int empty = 1;
  while(empty && (e = readdir(d)))
    if(strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
      empty = 0;
  closedir(d);
  return empty;
}

ao_status ao__outdir_begin(ao_outdir *od, const char *out, const char *in_real,
                           int force, ao_diags *d)
{
  memset(od, 0, sizeof(*od));
  char *abs = absolute_out(out);
  if(!abs) {
    ao_diag_add(d, AO_ERROR, SIZE_MAX, "%s: cannot create the output folder: %s",
                out, strerror(errno));
    return AO_IO;
  }
  if(path_within(abs, in_real)) {
    ao_diag_add(d, AO_ERROR, SIZE_MAX,
                "%s: the output folder must not be inside the input folder", out);
    free(abs);
    return AO_USAGE;
  }
  if(path_within(in_real, abs)) {
    ao_diag_add(d, AO_ERROR, SIZE_MAX,
                "%s: the output folder must not contain the input folder", out);
    free(abs);
    return AO_USAGE;
  }
  struct stat st;
  if(!lstat(abs, &st)) {
    if(!S_ISDIR(st.st_mode)) {
      ao_diag_add(d, AO_ERROR, SIZE_MAX, "%s exists and is not a folder", out);
      free(abs);
      return AO_USAGE;
    }
    char *mf = ao_path_join(abs, "asset-manifest.json");
    int ours = mf && ao_fs_exists(mf);
    ao_free(mf);
    if(!ours && !force && !dir_is_empty(abs)) {
      ao_diag_add(d, AO_ERROR, SIZE_MAX,
                  "%s exists and was not written by assetopt (no "
                  "asset-manifest.json); it would be replaced: use --force", out);
      free(abs);
      return AO_USAGE;
    }
  }
  char *slash = strrchr(abs, '/');
  od->parent = slash == abs ? strdup("/") : strndup(abs, (size_t)(slash - abs));
  od->base = strdup(slash + 1);
  od->final = abs;
  if(!od->parent || !od->base) {
    ao__outdir_abort(od);
    return AO_NOMEM;
  }
  remove_stale(od->parent, od->base);
  size_t n = strlen(od->parent) + strlen(od->base) + 48;
  od->tmp = malloc(n);
  if(!od->tmp) {
    ao__outdir_abort(od);
    return AO_NOMEM;
  }
  snprintf(od->tmp, n, "%s/.%s.assetopt-tmp-%ld", od->parent, od->base,
           (long)getpid());
  if(mkdir(od->tmp, 0755)) {
    ao_diag_add(d, AO_ERROR, SIZE_MAX, "%s: cannot create %s: %s", out, od->tmp,
                strerror(errno));
    ao__outdir_abort(od);
    return AO_IO;
  }
  return AO_OK;
}

static char *tmp_path(const ao_outdir *od, const char *rel)
{
  return ao_path_join(od->tmp, rel);
}

ao_status ao__outdir_write(const ao_outdir *od, const char *rel,
                           const void *data, size_t len)
{
  char *p = tmp_path(od, rel);
  if(!p)
    return AO_NOMEM;
  ao_status s = ao_fs_mkdirs_for(p);
  if(!s)
    s = ao_fs_write(p, data, len);
  ao_free(p);
  return s;
}

ao_status ao__outdir_copy(const ao_outdir *od, const char *rel,
                          const char *src_path)
{
  char *p = tmp_path(od, rel);
  if(!p)
    return AO_NOMEM;
  ao_status s = ao_fs_mkdirs_for(p);
  int in = s ? -1 : open(src_path, O_RDONLY | O_CLOEXEC);
  int out = in < 0 ? -1 : open(p, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if(!s && (in < 0 || out < 0))
    s = AO_IO;
  char *buf = s ? NULL : ao_malloc(1 << 20);
  if(!s && !buf)
    s = AO_NOMEM;
  while(!s) {
    ssize_t r = read(in, buf, 1 << 20);
    if(r < 0 && errno == EINTR)
      continue;
    if(r < 0) {
      s = AO_IO;
      break;
    }
    if(r == 0)
      break;
    for(ssize_t w = 0; w < r;) {
      ssize_t k = write(out, buf + w, (size_t)(r - w));
      if(k < 0 && errno == EINTR)
        continue;
      if(k < 0) {
        s = AO_IO;
        break;
      }
      w += k;
    }
  }
  ao_free(buf);
  if(in >= 0)
    close(in);
  if(out >= 0 && close(out) && !s)
    s = AO_IO;
  ao_free(p);
  return s;
}

ao_status ao__outdir_commit(ao_outdir *od)
{
  ao_status s = AO_OK;
  if(!ao_fs_exists(od->final)) {
    if(rename(od->tmp, od->final))
      s = AO_IO;
  }
  else if(!renameat2(AT_FDCWD, od->tmp, AT_FDCWD, od->final, RENAME_EXCHANGE)) {
    /* the old OUT now sits at tmp */
    ao_fs_remove_tree(od->tmp);
  }
  else {
    /* no atomic exchange on this file system: two renames */
    size_t n = strlen(od->tmp) + 8;
    char *old = malloc(n);
    if(!old)
      return AO_NOMEM;
    snprintf(old, n, "%s-old", od->tmp);
    if(rename(od->final, old) || rename(od->tmp, od->final))
      s = AO_IO;
    else
      ao_fs_remove_tree(old);
    free(old);
  }
  free(od->tmp);
  od->tmp = NULL;
  ao__outdir_abort(od);
  return s;
}

void ao__outdir_abort(ao_outdir *od)
{
  if(od->tmp)
    ao_fs_remove_tree(od->tmp);
  free(od->tmp);
  free(od->final);
  free(od->parent);
  free(od->base);
  memset(od, 0, sizeof(*od));
}
