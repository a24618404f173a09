/* File system helpers: padded reads, atomic writes, mkdir -p, rm -rf, and
 * the '/'-separated path arithmetic used for URLs inside a site. */
#define _GNU_SOURCE
#include <assetopt/fs.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

ao_status ao_fs_read(const char *path, size_t max_size, ao_buf *out,
                     ao_diags *d)
{
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if(fd < 0) {
    ao_diag_add(d, AO_ERROR, SIZE_MAX, "cannot open %s: %s", path,
                strerror(errno));
    return AO_IO;
  }
  struct stat st;
  if(fstat(fd, &st) || !S_ISREG(st.st_mode)) {
    ao_diag_add(d, AO_ERROR, SIZE_MAX, "%s is not a regular file", path);
    close(fd);
    return AO_IO;
  }
  if(max_size && (uint64_t)st.st_size > max_size) {
    ao_diag_add(d, AO_ERROR, SIZE_MAX,
                "%s is %llu bytes, over the limit of %zu bytes", path,
                (unsigned long long)st.st_size, max_size);
    close(fd);
    return AO_LIMIT;
  }
  ao_buf_reset(out);
  if(ao_buf_reserve(out, (size_t)st.st_size)) {
    close(fd);
    return out->err;
  }
  for(;;) {
    if(ao_buf_reserve(out, 65536)) {
      close(fd);
      return out->err;
    }
    ssize_t n = read(fd, out->data + out->len, out->cap - out->len - 1 - AO_PAD);
    if(n < 0 && errno == EINTR)
      continue;
    if(n < 0) {
      ao_diag_add(d, AO_ERROR, SIZE_MAX, "cannot read %s: %s", path,
                  strerror(errno));
      close(fd);
      return AO_IO;
    }
    if(n == 0)
      break;
    out->len += (size_t)n;
    if(max_size && out->len > max_size) {
      ao_diag_add(d, AO_ERROR, SIZE_MAX, "%s grew over the limit of %zu bytes",
                  path, max_size);
      close(fd);
      return AO_LIMIT;
    }
  }
  close(fd);
  memset(out->data + out->len, 0, 1 + AO_PAD);
  return AO_OK;
}

static ao_status write_fd(int fd, const void *data, size_t len)
{
  const unsigned char *p = data;
  while(len) {
    ssize_t n = write(fd, p, len);
    if(n < 0 && errno == EINTR)
      continue;
    if(n < 0)
      return AO_IO;
    p += n;
    len -= (size_t)n;
  }
  return AO_OK;
}

/* open(path, flags), write all of data, close */
static ao_status write_path(const char *path, int flags, const void *data,
                            size_t len)
{
  int fd = open(path, flags | O_WRONLY | O_CLOEXEC, 0644);
  if(fd < 0)
    return AO_IO;
  ao_status s = write_fd(fd, data, len);
  if(close(fd) && !s)
    s = AO_IO;
  return s;
}

ao_status ao_fs_write(const char *path, const void *data, size_t len)
{
  return write_path(path, O_CREAT | O_TRUNC, data, len);
}

ao_status ao_fs_write_atomic(const char *path, const void *data, size_t len)
{
  /* a device, FIFO or socket (-o /dev/null, a pipe) is written to, never
     replaced by a file */
  struct stat st;
  if(!stat(path, &st) && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
    return write_path(path, 0, data, len);
  size_t n = strlen(path);
  char *tmp = ao_malloc(n + 16);
  if(!tmp)
    return AO_NOMEM;
  memcpy(tmp, path, n);
  memcpy(tmp + n, ".tmp-XXXXXX", 12);
  int fd = mkstemp(tmp); /* unique even for two threads writing one path */
  if(fd < 0) {
    ao_free(tmp);
    return AO_IO;
  }
  ao_status s = fchmod(fd, 0644) ? AO_IO : AO_OK;
  if(!s)
    s = write_fd(fd, data, len);
  if(close(fd) && !s)
    s = AO_IO;
  if(!s && rename(tmp, path))
    s = AO_IO;
  if(s)
    unlink(tmp);
  ao_free(tmp);
  return s;
}

ao_status ao_fs_mkdirs(const char *dir)
{
  size_t n = strlen(dir);
  char *p = ao_malloc(n + 1);
  if(!p)
    return AO_NOMEM;
  memcpy(p, dir, n + 1);
  for(size_t i = 1; i <= n; i++) {
    if(p[i] == '/' || p[i] == '\0') {
      char c = p[i];
      p[i] = '\0';
      if(mkdir(p, 0755) && errno != EEXIST) {
        ao_free(p);
        return AO_IO;
      }
      p[i] = c;
    }
  }
  ao_free(p);
  return ao_fs_is_dir(dir) ? AO_OK : AO_IO;
}

ao_status ao_fs_mkdirs_for(const char *path)
{
  const char *slash = strrchr(path, '/');
  if(!slash || slash == path)
    return AO_OK;
  char *dir = strndup(path, (size_t)(slash - path));
  if(!dir)
    return AO_NOMEM;
  ao_status s = ao_fs_mkdirs(dir);
  free(dir);
  return s;
}

ao_status ao_fs_remove_tree(const char *path)
{
  struct stat st;
  if(lstat(path, &st))
    return errno == ENOENT ? AO_OK : AO_IO;
  if(!S_ISDIR(st.st_mode))
    return unlink(path) ? AO_IO : AO_OK;
  DIR *dir = opendir(path);
  if(!dir)
    return AO_IO;
  ao_status s = AO_OK;
  struct dirent *e;
  while((e = readdir(dir))) {
    if(!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
      continue;
    char *child = ao_path_join(path, e->d_name);
    if(!child) {
      s = AO_NOMEM;
      break;
    }
    ao_status cs = ao_fs_remove_tree(child);
    if(cs && !s)
      s = cs;
    ao_free(child);
  }
  closedir(dir);
  if(rmdir(path) && !s)
    s = AO_IO;
  return s;
}

int ao_fs_is_dir(const char *path)
{
  struct stat st;
  return !stat(path, &st) && S_ISDIR(st.st_mode);
}

int ao_fs_exists(const char *path)
{
  struct stat st;
  return !lstat(path, &st);
}

char *ao_path_join(const char *a, const char *b)
{
  size_t na = strlen(a), nb = strlen(b);
  while(na > 1 && a[na - 1] == '/')
    na--;
  char *p = ao_malloc(na + nb + 2);
  if(!p)
    return NULL;
  memcpy(p, a, na);
  size_t o = na;
  if(na && a[na - 1] != '/')
    p[o++] = '/';
  memcpy(p + o, b, nb + 1);
  return p;
}

/* ---- walk ---------------------------------------------------------------- */

struct walker {
  const char *root_real;
  size_t root_len;
  const ao_walk_opts *o;
  ao_walk_result *r;
  ao_diags *d;
  dev_t devs[64];
  ino_t inos[64];
  int depth;
};

static int inside_root(struct walker *w, const char *real)
{
  return !strncmp(real, w->root_real, w->root_len) &&
         (real[w->root_len] == '/' || real[w->root_len] == '\0' ||
          w->root_len == 1);
}

static ao_status add_entry(ao_walk_result *r, const char *rel, uint64_t size)
{
  if(r->n == r->cap) {
    size_t cap = r->cap ? r->cap * 2 : 64;
    ao_walk_entry *items = ao_realloc(r->items, cap * sizeof(*items));
    if(!items)
      return AO_NOMEM;
    r->items = items;
    r->cap = cap;
  }
  char *copy = ao_malloc(strlen(rel) + 1);
  if(!copy)
    return AO_NOMEM;
  strcpy(copy, rel);
  r->items[r->n].rel = copy;
  r->items[r->n].size = size;
  r->n++;
  return AO_OK;
}

static int name_cmp(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static ao_status walk_dir(struct walker *w, const char *abs, const char *rel);

static ao_status walk_one(struct walker *w, const char *abs, const char *rel,
                          const char *name)
{
  struct stat st;
  if(lstat(abs, &st)) {
    ao_diag_add_path(w->d, rel, AO_WARNING, "cannot stat: %s",
                strerror(errno));
    return AO_OK;
  }
  if(S_ISLNK(st.st_mode)) {
    char *real = realpath(abs, NULL);
    if(!real) {
      ao_diag_add_path(w->d, rel, AO_WARNING, "skipped: symbolic link to a missing file");
      return AO_OK;
    }
    int ok = inside_root(w, real);
    free(real);
    if(!ok) {
      ao_diag_add_path(w->d, rel, AO_WARNING, "skipped: symbolic link leads outside the folder");
      return AO_OK;
    }
    if(stat(abs, &st))
      return AO_OK;
  }
  (void)name;
  if(S_ISDIR(st.st_mode)) {
    if(w->o && w->o->exclude_abs) {
      char *real = realpath(abs, NULL);
      int skip = real && !strcmp(real, w->o->exclude_abs);
      free(real);
      if(skip)
        return AO_OK;
    }
    for(int i = 0; i < w->depth; i++)
      if(w->devs[i] == st.st_dev && w->inos[i] == st.st_ino) {
        ao_diag_add_path(w->d, rel, AO_WARNING, "skipped: symbolic link loop");
        return AO_OK;
      }
    if(w->depth >= 64) {
      ao_diag_add_path(w->d, rel, AO_WARNING, "skipped: nested too deep");
      return AO_OK;
    }
    w->devs[w->depth] = st.st_dev;
    w->inos[w->depth] = st.st_ino;
    w->depth++;
    ao_status s = walk_dir(w, abs, rel);
    w->depth--;
    return s;
  }
  if(S_ISREG(st.st_mode))
    return add_entry(w->r, rel, (uint64_t)st.st_size);
  ao_diag_add_path(w->d, rel, AO_WARNING, "skipped: not a regular file");
  return AO_OK;
}

static ao_status walk_dir(struct walker *w, const char *abs, const char *rel)
{
  DIR *dir = opendir(abs);
  if(!dir) {
    ao_diag_add_path(w->d, *rel ? rel : ".", AO_WARNING, "cannot read folder: %s",
                     strerror(errno));
    return AO_OK;
  }
  char **names = NULL;
  size_t n = 0, cap = 0;
  ao_status s = AO_OK;
  struct dirent *e;
  while((e = readdir(dir))) {
    const char *nm = e->d_name;
    if(!strcmp(nm, ".") || !strcmp(nm, ".."))
      continue;
    if(w->o && w->o->skip_dotfiles && nm[0] == '.' &&
       !(!*rel && !strcmp(nm, ".well-known")))
      continue;
    if(n == cap) {
      cap = cap ? cap * 2 : 32;
      char **nn = ao_realloc(names, cap * sizeof(*nn));
      if(!nn) {
        s = AO_NOMEM;
        break;
      }
      names = nn;
    }
    names[n] = strdup(nm);
    if(!names[n]) {
      s = AO_NOMEM;
      break;
    }
    n++;
  }
  closedir(dir);
  if(n)
    qsort(names, n, sizeof(*names), name_cmp);
  for(size_t i = 0; i < n && !s; i++) {
    char *cabs = ao_path_join(abs, names[i]);
    char *crel = *rel ? ao_path_join(rel, names[i]) : strdup(names[i]);
    if(!cabs || !crel)
      s = AO_NOMEM;
    else
      s = walk_one(w, cabs, crel, names[i]);
    ao_free(cabs);
    free(crel);
  }
  for(size_t i = 0; i < n; i++)
    free(names[i]);
  ao_free(names);
  return s;
}

static int entry_cmp(const void *a, const void *b)
{
  return strcmp(((const ao_walk_entry *)a)->rel,
                ((const ao_walk_entry *)b)->rel);
}

ao_status ao_walk(const char *root, const ao_walk_opts *o, ao_walk_result *r,
                  ao_diags *d)
{
  memset(r, 0, sizeof(*r));
  char *real = realpath(root, NULL);
  if(!real) {
    ao_diag_add(d, AO_ERROR, SIZE_MAX, "%s: %s", root, strerror(errno));
    return AO_IO;
  }
  struct stat st;
  if(stat(real, &st) || !S_ISDIR(st.st_mode)) {
    ao_diag_add(d, AO_ERROR, SIZE_MAX, "%s: not a folder", root);
    free(real);
    return AO_IO;
  }
  DIR *probe = opendir(real);
  if(!probe) {
    ao_diag_add(d, AO_ERROR, SIZE_MAX, "%s: cannot read folder: %s", root,
                strerror(errno));
    free(real);
    return AO_IO;
  }
  closedir(probe);
  struct walker w = { .root_real = real, .root_len = strlen(real), .o = o,
                      .r = r, .d = d };
  w.devs[0] = st.st_dev;
  w.inos[0] = st.st_ino;
  w.depth = 1;
  ao_status s = walk_dir(&w, real, "");
  free(real);
  if(s) {
    ao_walk_free(r);
    return s;
  }
  /* names were sorted per folder; sort the whole list bytewise as promised */
  if(r->n > 1)
    qsort(r->items, r->n, sizeof(*r->items), entry_cmp);
  return AO_OK;
}

void ao_walk_free(ao_walk_result *r)
{
  for(size_t i = 0; i < r->n; i++)
    ao_free(r->items[i].rel);
  ao_free(r->items);
  memset(r, 0, sizeof(*r));
}

/* ---- URL path arithmetic --------------------------------------------------- */

/* Normalizes a/b/../c/./d into a/c/d. Returns 0 when ".." climbs above the
 * root. Works in place; the result never grows. */
static int normalize(char *p)
{
  char *out = p, *seg = p;
  size_t depth = 0;
  while(*seg) {
    char *end = strchr(seg, '/');
    size_t n = end ? (size_t)(end - seg) : strlen(seg);
    if(n == 0 || (n == 1 && seg[0] == '.')) {
      /* skip */
    }
    else if(n == 2 && seg[0] == '.' && seg[1] == '.') {
      if(!depth)
        return 0;
      depth--;
      /* drop the last segment written */
      if(out > p)
        out--;
      while(out > p && out[-1] != '/')
        out--;
    }
    else {
      if(out != seg)
        memmove(out, seg, n);
      out += n;
      *out++ = '/';
      depth++;
    }
    if(!end)
      break;
    seg = end + 1;
  }
  if(out > p && out[-1] == '/')
    out--;
  *out = '\0';
  return 1;
}

char *ao_path_resolve(const char *from, const char *ref, size_t ref_len)
{
  size_t dir_len = 0;
  if(ref_len && ref[0] != '/') {
    const char *slash = strrchr(from, '/');
    dir_len = slash ? (size_t)(slash - from) + 1 : 0;
  }
  char *p = ao_malloc(dir_len + ref_len + 1);
  if(!p)
    return NULL;
  memcpy(p, from, dir_len);
  memcpy(p + dir_len, ref, ref_len);
  p[dir_len + ref_len] = '\0';
  if(!normalize(p)) {
    ao_free(p);
    return NULL;
  }
  return p;
}

char *ao_path_relative(const char *from, const char *to)
{
  /* common folder prefix */
  size_t common = 0;
  for(size_t i = 0; from[i] && from[i] == to[i]; i++)
    if(from[i] == '/')
      common = i + 1;
  size_t ups = 0;
  for(const char *s = from + common; *s; s++)
    if(*s == '/')
      ups++;
  size_t rest = strlen(to + common);
  char *p = ao_malloc(ups * 3 + rest + 1);
  if(!p)
    return NULL;
  char *o = p;
  for(size_t i = 0; i < ups; i++) {
    memcpy(o, "../", 3);
    o += 3;
  }
  memcpy(o, to + common, rest + 1);
  return p;
}
