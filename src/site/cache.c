/* Content-addressed cache: DIR/v2/ab/abcdef…(64 hex). Each entry starts with
 * the payload's length and CRC-32, so a torn or damaged entry reads as a
 * miss. (The key already is a strong hash of what was computed; the check
 * only guards against damage, so a fast checksum is enough.) */
#define _GNU_SOURCE
#include <assetopt/fs.h>
#include <assetopt/hash.h>
#include <assetopt/site.h>

#include <libdeflate.h>

#include <stdio.h>
#include <string.h>
#include <unistd.h>

ao_status ao_cache_open(ao_cache *c, const char *dir)
{
  c->dir = NULL;
  if(!dir)
    return AO_OK;
  char *v = ao_path_join(dir, "v2");
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

/* "AOC2", 8 bytes of length, 4 bytes of CRC-32, little-endian. */
enum { HDR = 16 };

static void header(const void *data, size_t len, unsigned char out[HDR])
{
  uint32_t crc = libdeflate_crc32(0, data, len);
  uint64_t n = len;
  memcpy(out, "AOC2", 4);
  for(int i = 0; i < 8; i++)
    out[4 + i] = (unsigned char)(n >> (8 * i));
  for(int i = 0; i < 4; i++)
    out[12 + i] = (unsigned char)(crc >> (8 * i));
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
  if(!ao_fs_read(path, 0, &b, NULL) && b.len >= HDR) {
    unsigned char hdr[HDR];
    header(b.data + HDR, b.len - HDR, hdr);
    if(!memcmp(hdr, b.data, HDR)) {
      size_t old = out->len;
      if(!ao_buf_append(out, b.data + HDR, b.len - HDR))
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
  unsigned char hdr[HDR];
  header(data, len, hdr);
  ao_buf_append(&b, hdr, HDR);
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
