/* Diagnostics: messages with a byte offset, turned into line:col. */
#include <assetopt/core.h>

#include <stdio.h>
#include <string.h>

void ao_diags_init(ao_diags *d, const char *path, const unsigned char *src,
                   size_t len)
{
  memset(d, 0, sizeof(*d));
  d->path = path;
  d->src = src;
  d->src_len = len;
}

void ao_line_col(const unsigned char *src, size_t len, size_t off,
                 unsigned *line, unsigned *col)
{
  unsigned l = 1, c = 1;
  if(off > len)
    off = len;
  for(size_t i = 0; i < off; i++) {
    unsigned char ch = src[i];
    if(ch == '\n' || (ch == '\r' && (i + 1 >= len || src[i + 1] != '\n'))) {
      l++;
      c = 1;
    }
    else if((ch & 0xC0) != 0x80 && ch != '\r') {
      c++; /* count code points: skip UTF-8 continuation bytes */
    }
  }
  *line = l;
  *col = c;
}

void ao_diag_vadd(ao_diags *d, ao_severity sev, size_t off, const char *fmt,
                  va_list ap)
{
  if(!d)
    return;
  if(sev == AO_ERROR)
    d->errors++;
  else if(sev == AO_WARNING)
    d->warnings++;
  if(d->n == d->cap) {
    size_t cap = d->cap ? d->cap * 2 : 4;
    ao_diag *items = ao_realloc(d->items, cap * sizeof(*items));
    if(!items)
      return;
    d->items = items;
    d->cap = cap;
  }
  ao_buf msg = AO_BUF_INIT(4096);
  ao_buf_vprintf(&msg, fmt, ap);
  if(msg.err) {
    ao_buf_free(&msg);
    return;
  }
  ao_diag *g = &d->items[d->n++];
  g->sev = sev;
  g->off = off;
  g->line = g->col = 0;
  if(d->src && off != SIZE_MAX)
    ao_line_col(d->src, d->src_len, off, &g->line, &g->col);
  g->msg = (char *)ao_buf_detach(&msg, NULL);
  g->path = NULL;
}

static char *dup_str(const char *s)
{
  size_t n = strlen(s) + 1;
  char *p = ao_malloc(n);
  if(p)
    memcpy(p, s, n);
  return p;
}

void ao_diag_add_path(ao_diags *d, const char *path, ao_severity sev,
                      const char *fmt, ...)
{
  if(!d)
    return;
  size_t before = d->n;
  va_list ap;
  va_start(ap, fmt);
  ao_diag_vadd(d, sev, SIZE_MAX, fmt, ap);
  va_end(ap);
  if(d->n > before && path)
    d->items[d->n - 1].path = dup_str(path);
}

void ao_diag_add(ao_diags *d, ao_severity sev, size_t off, const char *fmt,
                 ...)
{
  va_list ap;
  va_start(ap, fmt);
  ao_diag_vadd(d, sev, off, fmt, ap);
  va_end(ap);
}

void ao_diags_move(ao_diags *dst, ao_diags *src)
{
  for(size_t i = 0; i < src->n; i++) {
    if(dst->n == dst->cap) {
      size_t cap = dst->cap ? dst->cap * 2 : 4;
      ao_diag *items = ao_realloc(dst->items, cap * sizeof(*items));
      if(!items)
        break;
      dst->items = items;
      dst->cap = cap;
    }
    ao_diag *g = &dst->items[dst->n++];
    *g = src->items[i];
    src->items[i].msg = NULL;
    src->items[i].path = NULL;
    if(!g->path && src->path &&
       (!dst->path || strcmp(src->path, dst->path)))
      g->path = dup_str(src->path);
  }
  dst->errors += src->errors;
  dst->warnings += src->warnings;
  ao_diags_free(src);
}

void ao_diags_free(ao_diags *d)
{
  for(size_t i = 0; i < d->n; i++) {
    ao_free(d->items[i].msg);
    ao_free(d->items[i].path);
  }
  ao_free(d->items);
  d->items = NULL;
  d->n = d->cap = 0;
  d->errors = d->warnings = 0;
}

void ao_diags_format(const ao_diags *d, ao_buf *out)
{
  static const char *const names[] = { "note", "warning", "error" };
  for(size_t i = 0; i < d->n; i++) {
    const ao_diag *g = &d->items[i];
    const char *path = g->path ? g->path : d->path;
    if(!path)
      ao_buf_printf(out, "%s: %s\n", names[g->sev], g->msg);
    else if(g->line)
      ao_buf_printf(out, "%s:%u:%u: %s: %s\n", path, g->line, g->col,
                    names[g->sev], g->msg);
    else
      ao_buf_printf(out, "%s: %s: %s\n", path, names[g->sev], g->msg);
  }
}
