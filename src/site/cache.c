/* Content-addressed cache: DIR/v1/ab/abcdef…(64 hex). Each entry starts with
 * the SHA-256 of its payload, so a torn or damaged entry reads as a miss. */
#define _GNU_SOURCE
#include <assetopt/fs.h>
#include <assetopt/hash.h>
#include <assetopt/site.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

ao_status ao_cache_open(ao_cache *c, const char *dir)
{
  c->dir = NULL;
  if(!dir)
    return AO_OK;
  char *v = ao_path_join(dir, "v1");
  if(!v)
    return AO_NOMEM;
  ao_status s = ao_fs_mkdirs(v);
  if(s) {
    ao_free(v);
    return s;
  }
  c->dir = v;
  return AO_OK;
}

void ao_cache_close(ao_cache *c)
{
  ao_free(c->dir);
  c->dir = NULL;
}

static char *entry_path(const ao_cache *c, const unsigned char key[32])
{
  char hex[65];
  ao_hex(key, 32, hex);
  size_t n = strlen(c->dir) + 70;
  char *p = ao_malloc(n);
  if(p)
    snprintf(p, n, "%s/%.2s/%s", c->dir, hex, hex);
  return p;
}

int ao_cache_get(const ao_cache *c, const unsigned char key[32], ao_buf *out)
{
  if(!c->dir)
    return 0;
  char *path = entry_path(c, key);
  if(!path)
    return 0;
  ao_buf b = AO_BUF_INIT(0);
  int hit = 0;
  if(!ao_fs_read(path, 0, &b, NULL) && b.len >= 32) {
    unsigned char md[32];
    ao_sha256_once(b.data + 32, b.len - 32, md);
    if(!memcmp(md, b.data, 32)) {
      size_t old = out->len;
      if(!ao_buf_append(out, b.data + 32, b.len - 32))
        hit = 1;
      else
        out->len = old;
    }
    else {
      unlink(path); /* damaged: forget it */
    }
  }
  ao_buf_free(&b);
  ao_free(path);
  return hit;
}

ao_status ao_cache_put(const ao_cache *c, const unsigned char key[32],
                       const void *data, size_t len)
{
  if(!c->dir)
    return AO_OK;
  char *path = entry_path(c, key);
  if(!path)
    return AO_NOMEM;
  ao_buf b = AO_BUF_INIT(0);
  unsigned char md[32];
  ao_sha256_once(data, len, md);
  ao_buf_append(&b, md, 32);
  ao_buf_append(&b, data, len);
  ao_status s = b.err;
  if(!s)
    s = ao_fs_mkdirs_for(path);
  if(!s)
    s = ao_fs_write_atomic(path, b.data, b.len);
  ao_buf_free(&b);
  ao_free(path);
  return s;
}
