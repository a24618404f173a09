/* Growable byte buffers with a size cap and a sticky error. */
#include <assetopt/core.h>

#include <stdio.h>
#include <string.h>

void ao_buf_init(ao_buf *b, size_t limit)
{
  *b = (ao_buf)AO_BUF_INIT(limit);
}

/* Makes room for extra more bytes plus the terminating NUL and AO_PAD. */
ao_status ao_buf_reserve(ao_buf *b, size_t extra)
{
  if(b->err)
    return b->err;
  const size_t slack = 1 + AO_PAD;
  if(extra > SIZE_MAX - b->len - slack)
    return b->err = AO_LIMIT;
  size_t need = b->len + extra;
  if(b->limit && need > b->limit)
    return b->err = AO_LIMIT;
  need += slack;
  if(need <= b->cap)
    return AO_OK;
  size_t cap = b->cap ? b->cap : 64;
  while(cap < need)
    cap = cap > SIZE_MAX / 2 ? need : cap * 2;
  unsigned char *p = ao_realloc(b->data, cap);
  if(!p)
    return b->err = AO_NOMEM;
  memset(p + b->len, 0, cap - b->len);
  b->data = p;
  b->cap = cap;
  return AO_OK;
}

ao_status ao_buf_append(ao_buf *b, const void *p, size_t n)
{
  if(ao_buf_reserve(b, n))
    return b->err;
  if(n)
    memcpy(b->data + b->len, p, n);
  b->len += n;
  b->data[b->len] = '\0';
  return AO_OK;
}

ao_status ao_buf_putc(ao_buf *b, int c)
{
  unsigned char ch = (unsigned char)c;
  return ao_buf_append(b, &ch, 1);
}

ao_status ao_buf_puts(ao_buf *b, const char *s)
{
  return ao_buf_append(b, s, strlen(s));
}

ao_status ao_buf_vprintf(ao_buf *b, const char *fmt, va_list ap)
{
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  if(n < 0)
    return b->err ? b->err : (b->err = AO_LIMIT);
  if(ao_buf_reserve(b, (size_t)n))
    return b->err;
  vsnprintf((char *)b->data + b->len, (size_t)n + 1, fmt, ap);
  b->len += (size_t)n;
  return AO_OK;
}

ao_status ao_buf_printf(ao_buf *b, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  ao_status s = ao_buf_vprintf(b, fmt, ap);
  va_end(ap);
  return s;
}

void ao_buf_reset(ao_buf *b)
{
  b->len = 0;
  b->err = AO_OK;
  if(b->data)
    b->data[0] = '\0';
}

void ao_buf_free(ao_buf *b)
{
  ao_free(b->data);
  b->data = NULL;
  b->len = b->cap = 0;
  b->err = AO_OK;
}

unsigned char *ao_buf_detach(ao_buf *b, size_t *len)
{
  unsigned char *p = b->data;
  if(len)
    *len = b->len;
  b->data = NULL;
  b->len = b->cap = 0;
  return p;
}
