/* Size tables: text, JSON, markdown; and comparisons with an older build. */
#include "report_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void ao_report_opts_init(ao_report_opts *o)
{
  *o = (ao_report_opts){ .measure = AO_MEASURE_GZIP, .top = 10 };
}

void ao__report_add(ao__report_sum *s, const ao_asset *x)
{
  s->files++;
  s->original += x->original;
  s->raw += x->raw;
  s->gzip += x->gzip;
  s->brotli += x->brotli;
}

uint64_t ao__report_sum_of(const ao__report_sum *s, ao_measure m)
{
  return m == AO_MEASURE_RAW ? s->raw : m == AO_MEASURE_BROTLI ? s->brotli
                                                               : s->gzip;
}

ao_status ao__report_entries_compute(const ao_assets *a, ao__report_entries *e)
{
  e->n = 0;
  e->items = NULL;
  size_t n = 0;
  for(size_t i = 0; i < a->n; i++)
    n += a->items[i].kind == AO_KIND_HTML;
  if(!n)
    return AO_OK;
  e->items = ao_malloc(n * sizeof(*e->items));
  if(!e->items)
    return AO_NOMEM;
  for(size_t i = 0; i < a->n; i++) {
    if(a->items[i].kind != AO_KIND_HTML)
      continue;
    ao_status s = ao_entry_load_compute(a, i, &e->items[e->n]);
    if(s)
      return s;
    e->n++;
  }
  return AO_OK;
}

void ao__report_entries_free(ao__report_entries *e)
{
  for(size_t i = 0; i < e->n; i++)
    ao_entry_load_free(&e->items[i]);
  ao_free(e->items);
  e->items = NULL;
  e->n = 0;
}

/* ---- text helpers ---------------------------------------------------------- */

struct style {
  const char *bold, *dim, *green, *red, *off;
};

static struct style style_of(int color)
{
  if(!color)
    return (struct style){ "", "", "", "", "" };
  return (struct style){ "\033[1m", "\033[2m", "\033[32m", "\033[31m",
                         "\033[0m" };
}

static size_t width(const char *s)
{
  size_t w = 0;
  for(; *s; s++)
    w += ((unsigned char)*s & 0xc0) != 0x80;
  return w;
}

/* s left-aligned in w columns; longer names keep their end. */
static void cell_left(ao_buf *b, const char *s, size_t w)
{
  size_t n = width(s);
  if(n > w && w > 1) {
    size_t skip = n - (w - 1), i = 0;
    while(skip && s[i]) {
      i++;
      while(((unsigned char)s[i] & 0xc0) == 0x80)
        i++;
      skip--;
    }
    ao_buf_puts(b, "…");
    ao_buf_puts(b, s + i);
    return;
  }
  ao_buf_puts(b, s);
  for(; n < w; n++)
    ao_buf_putc(b, ' ');
}

static void cell_right(ao_buf *b, const char *s, size_t w)
{
  for(size_t n = width(s); n < w; n++)
    ao_buf_putc(b, ' ');
  ao_buf_puts(b, s);
}

static const char *hs(uint64_t n, char buf[32])
{
  return ao__budget_human(n, buf);
}

static void saving(uint64_t original, uint64_t now, char buf[16])
{
  if(!original || now >= original)
    snprintf(buf, 16, original && now > original ? "-%.0f%%" : "0%%",
             original ? (now - original) * 100.0 / (double)original : 0.0);
  else
    snprintf(buf, 16, "%.1f%%", (original - now) * 100.0 / (double)original);
}

static void size_row(ao_buf *b, const char *name, size_t wname,
                     const char *type, const ao__report_sum *s,
                     const struct style *st, int total)
{
  char o[32], r[32], g[32], br[32], sv[16];
  if(total)
    ao_buf_puts(b, st->bold);
  ao_buf_puts(b, "  ");
  cell_left(b, name, wname);
  ao_buf_puts(b, "  ");
  cell_left(b, type, 11);
  cell_right(b, hs(s->original, o), 10);
  cell_right(b, hs(s->raw, r), 11);
  cell_right(b, hs(s->gzip, g), 11);
  cell_right(b, hs(s->brotli, br), 11);
  saving(s->original, s->raw, sv);
  ao_buf_puts(b, s->raw < s->original ? st->green : "");
  cell_right(b, sv, 8);
  ao_buf_puts(b, s->raw < s->original || total ? st->off : "");
  ao_buf_putc(b, '\n');
}

static int rtype_order(const ao_asset *x)
{
  return (int)ao_rtype_of_kind(x->kind);
}

/* Stable merge sort of indices with a context (qsort has none). */
struct order_ctx {
  const ao_assets *a;
  ao_measure m;
};

typedef int (*order_cmp)(const struct order_ctx *c, size_t x, size_t y);

static size_t *order(const ao_assets *a, ao_measure m, order_cmp cmp)
{
  struct order_ctx c = { a, m };
  size_t n = a->n;
  size_t *idx = ao_malloc((n ? n : 1) * sizeof(*idx));
  size_t *tmp = ao_malloc((n ? n : 1) * sizeof(*tmp));
  if(!idx || !tmp) {
    ao_free(idx);
    ao_free(tmp);
    return NULL;
  }
  for(size_t i = 0; i < n; i++)
    idx[i] = i;
  for(size_t w = 1; w < n; w *= 2) {
    for(size_t lo = 0; lo < n; lo += 2 * w) {
      size_t mid = lo + w < n ? lo + w : n;
      size_t hi = lo + 2 * w < n ? lo + 2 * w : n;
      size_t i = lo, j = mid, k = lo;
      while(i < mid || j < hi)
        tmp[k++] = j >= hi || (i < mid && cmp(&c, idx[i], idx[j]) <= 0)
                     ? idx[i++] : idx[j++];
    }
    memcpy(idx, tmp, n * sizeof(*idx));
  }
  ao_free(tmp);
  return idx;
}

static int cmp_type_path(const struct order_ctx *c, size_t x, size_t y)
{
  const ao_asset *p = &c->a->items[x], *q = &c->a->items[y];
  int d = rtype_order(p) - rtype_order(q);
  return d ? d : strcmp(p->path, q->path);
}

static int cmp_size_desc(const struct order_ctx *c, size_t x, size_t y)
{
  uint64_t p = ao_asset_size(&c->a->items[x], c->m);
  uint64_t q = ao_asset_size(&c->a->items[y], c->m);
  return p > q ? -1 : p < q ? 1 : (x > y) - (x < y);
}

static size_t *order_by_type(const ao_assets *a)
{
  return order(a, AO_MEASURE_RAW, cmp_type_path);
}

static size_t *order_by_size(const ao_assets *a, ao_measure m)
{
  return order(a, m, cmp_size_desc);
}

static const char *type_label(const ao_asset *x)
{
  return ao_rtype_name(ao_rtype_of_kind(x->kind));
}

static void format_text(const ao_assets *a, const ao_report_opts *o,
                        const ao__report_entries *e, ao_buf *b)
{
  struct style st = style_of(o->color);
  if(!a->n) {
    ao_buf_puts(b, "no files\n");
    return;
  }
  size_t wname = 24;
  for(size_t i = 0; i < a->n; i++)
    if(width(a->items[i].path) > wname)
      wname = width(a->items[i].path);
  if(wname > 56)
    wname = 56;
  size_t *idx = order_by_type(a);
  if(!idx) {
    b->err = AO_NOMEM;
    return;
  }
  ao_buf_printf(b, "%s  ", st.bold);
  cell_left(b, "file", wname);
  ao_buf_puts(b, "  ");
  cell_left(b, "type", 11);
  ao_buf_printf(b, "%10s%11s%11s%11s%8s%s\n", "original", "optimized", "gzip",
                "brotli", "saving", st.off);
  ao__report_sum total = { 0 }, bytype[AO_RT_COUNT];
  memset(bytype, 0, sizeof(bytype));
  for(size_t k = 0; k < a->n; k++) {
    const ao_asset *x = &a->items[idx[k]];
    ao__report_sum one = { 0 };
    ao__report_add(&one, x);
    ao__report_add(&total, x);
    ao__report_add(&bytype[ao_rtype_of_kind(x->kind)], x);
    size_row(b, x->path, wname, ao_kind_name(x->kind), &one, &st, 0);
  }
  char label[64];
  snprintf(label, sizeof(label), "total (%zu file%s)", total.files,
           total.files == 1 ? "" : "s");
  size_row(b, label, wname, "", &total, &st, 1);
  ao_free(idx);

  ao_buf_printf(b, "\n%sby type%s\n", st.bold, st.off);
  for(unsigned t = 0; t < AO_RT_COUNT; t++) {
    if(!bytype[t].files)
      continue;
    snprintf(label, sizeof(label), "%s (%zu)", ao_rtype_name((ao_rtype)t),
             bytype[t].files);
    size_row(b, label, wname, "", &bytype[t], &st, 0);
  }

  if(e->n) {
    ao_buf_printf(b, "\n%sby HTML entry (%s)%s\n", st.bold,
                  ao_measure_name(o->measure), st.off);
    ao_buf_printf(b, "%s  ", st.dim);
    cell_left(b, "entry", wname);
    ao_buf_printf(b, "  %7s%11s%11s%7s%11s%9s%s\n", "initial", "script",
                  "total", "lazy", "lazy size", "missing", st.off);
    for(size_t i = 0; i < e->n; i++) {
      const ao_entry_load *l = &e->items[i];
      ao__report_sum init = { 0 }, js = { 0 }, lazy = { 0 };
      for(size_t k = 0; k < l->ninitial; k++) {
        const ao_asset *x = &a->items[l->initial[k]];
        ao__report_add(&init, x);
        if(ao_rtype_of_kind(x->kind) == AO_RT_SCRIPT)
          ao__report_add(&js, x);
      }
      for(size_t k = 0; k < l->nlazy; k++)
        ao__report_add(&lazy, &a->items[l->lazy[k]]);
      char s1[32], s2[32], s3[32], n1[16], n2[16], n3[16];
      snprintf(n1, sizeof(n1), "%zu", init.files);
      snprintf(n2, sizeof(n2), "%zu", lazy.files);
      snprintf(n3, sizeof(n3), "%zu", l->nmissing);
      ao_buf_puts(b, "  ");
      cell_left(b, a->items[l->entry].path, wname);
      ao_buf_puts(b, "  ");
      cell_right(b, n1, 7);
      cell_right(b, hs(ao__report_sum_of(&js, o->measure), s1), 11);
      cell_right(b, hs(ao__report_sum_of(&init, o->measure), s2), 11);
      cell_right(b, n2, 7);
      cell_right(b, hs(ao__report_sum_of(&lazy, o->measure), s3), 11);
      if(l->nmissing)
        ao_buf_puts(b, st.red);
      cell_right(b, n3, 9);
      if(l->nmissing)
        ao_buf_puts(b, st.off);
      ao_buf_putc(b, '\n');
    }
  }

  size_t top = o->top < a->n ? o->top : a->n;
  if(top) {
    size_t *big = order_by_size(a, o->measure);
    if(!big) {
      b->err = AO_NOMEM;
      return;
    }
    ao_buf_printf(b, "\n%stop %zu by %s%s\n", st.bold, top,
                  ao_measure_name(o->measure), st.off);
    for(size_t k = 0; k < top; k++) {
      const ao_asset *x = &a->items[big[k]];
      char s[32], pct[16];
      uint64_t all = ao__report_sum_of(&total, o->measure);
      snprintf(pct, sizeof(pct), "%.1f%%",
               all ? ao_asset_size(x, o->measure) * 100.0 / (double)all : 0.0);
      ao_buf_printf(b, "  %2zu. ", k + 1);
      cell_left(b, x->path, wname);
      cell_right(b, hs(ao_asset_size(x, o->measure), s), 11);
      cell_right(b, pct, 8);
      ao_buf_printf(b, "  %s%s%s\n", st.dim, type_label(x), st.off);
    }
    ao_free(big);
  }
}

/* ---- JSON ------------------------------------------------------------------ */

static void json_sizes(ao_buf *b, const ao__report_sum *s, int files)
{
  if(files)
    ao_buf_printf(b, "\"files\": %zu, ", s->files);
  ao_buf_printf(b, "\"original\": %llu, \"raw\": %llu, \"gzip\": %llu, "
                "\"brotli\": %llu}", (unsigned long long)s->original,
                (unsigned long long)s->raw, (unsigned long long)s->gzip,
                (unsigned long long)s->brotli);
}

static void format_json(const ao_assets *a, const ao_report_opts *o,
                        const ao__report_entries *e, ao_buf *b)
{
  ao__report_sum total = { 0 }, bytype[AO_RT_COUNT];
  memset(bytype, 0, sizeof(bytype));
  for(size_t i = 0; i < a->n; i++) {
    ao__report_add(&total, &a->items[i]);
    ao__report_add(&bytype[ao_rtype_of_kind(a->items[i].kind)], &a->items[i]);
  }
  ao_buf_printf(b, "{\n  \"version\": 1,\n  \"generator\": \"assetopt %s\",\n"
                "  \"report\": true,\n  \"measure\": \"%s\",\n  \"total\": {",
                AO_VERSION, ao_measure_name(o->measure));
  json_sizes(b, &total, 1);
  ao_buf_puts(b, ",\n  \"types\": {");
  int first = 1;
  for(unsigned t = 0; t < AO_RT_COUNT; t++) {
    if(!bytype[t].files)
      continue;
    ao_buf_printf(b, "%s\n    \"%s\": {", first ? "" : ",",
                  ao_rtype_name((ao_rtype)t));
    json_sizes(b, &bytype[t], 1);
    first = 0;
  }
  ao_buf_puts(b, first ? "},\n  \"entries\": {" : "\n  },\n  \"entries\": {");
  for(size_t i = 0; i < e->n; i++) {
    const ao_entry_load *l = &e->items[i];
    ao__report_sum init = { 0 }, lazy = { 0 };
    for(size_t k = 0; k < l->ninitial; k++)
      ao__report_add(&init, &a->items[l->initial[k]]);
    for(size_t k = 0; k < l->nlazy; k++)
      ao__report_add(&lazy, &a->items[l->lazy[k]]);
    ao_buf_puts(b, i ? ",\n    " : "\n    ");
    ao__budget_json_str(b, a->items[l->entry].path);
    ao_buf_puts(b, ": {\"initial\": {");
    json_sizes(b, &init, 1);
    ao_buf_puts(b, ", \"lazy\": {");
    json_sizes(b, &lazy, 1);
    ao_buf_puts(b, ", \"initialFiles\": [");
    for(size_t k = 0; k < l->ninitial; k++) {
      if(k)
        ao_buf_puts(b, ", ");
      ao__budget_json_str(b, a->items[l->initial[k]].path);
    }
    ao_buf_puts(b, "], \"missing\": [");
    for(size_t k = 0; k < l->nmissing; k++) {
      if(k)
        ao_buf_puts(b, ", ");
      ao__budget_json_str(b, l->missing[k]);
    }
    ao_buf_puts(b, "]}");
  }
  ao_buf_puts(b, e->n ? "\n  },\n  \"files\": {" : "},\n  \"files\": {");
  /* in source order, as a manifest */
  for(size_t i = 0; i < a->n; i++) {
    const ao_asset *x = &a->items[i];
    ao_buf_puts(b, i ? ",\n    " : "\n    ");
    ao__budget_json_str(b, x->source);
    ao_buf_puts(b, ": {\"output\": ");
    ao__budget_json_str(b, x->path);
    ao_buf_printf(b, ", \"kind\": \"%s\", \"type\": \"%s\", \"hashed\": %s, "
                  "\"size\": {", ao_kind_name(x->kind), type_label(x),
                  x->hashed ? "true" : "false");
    ao__report_sum one = { 0 };
    ao__report_add(&one, x);
    json_sizes(b, &one, 0);
    ao_buf_puts(b, ", \"references\": [");
    for(size_t k = 0; k < x->nrefs; k++) {
      const ao_asset_ref *r = &x->refs[k];
      ao_buf_puts(b, k ? ", {\"path\": " : "{\"path\": ");
      ao__budget_json_str(b, r->target == SIZE_MAX ? r->path
                                                   : a->items[r->target].source);
      ao_buf_printf(b, ", \"kind\": \"%s\", \"flags\": [", ao_ref_kind_name(r->kind));
      static const struct { unsigned bit; const char *name; } fl[] = {
        { AO_REF_F_MODULE, "module" }, { AO_REF_F_ASYNC, "async" },
        { AO_REF_F_DEFER, "defer" }, { AO_REF_F_LAZY, "lazy" },
        { AO_REF_F_FONT, "font" }, { AO_REF_F_IMAGE, "image" },
      };
      int nf = 0;
      for(size_t f = 0; f < sizeof(fl) / sizeof(fl[0]); f++)
        if(r->flags & fl[f].bit)
          ao_buf_printf(b, "%s\"%s\"", nf++ ? ", " : "", fl[f].name);
      ao_buf_puts(b, "]}");
    }
    ao_buf_puts(b, "]}");
  }
  ao_buf_puts(b, a->n ? "\n  }" : "}");
  if(o->budget) {
    ao_buf_puts(b, ",\n  \"budgets\": ");
    ao_buf tmp = AO_BUF_INIT(0);
    ao_budget_format(o->budget, AO_BUDGET_FMT_JSON, 0, &tmp);
    /* drop the trailing newline */
    if(tmp.len && tmp.data[tmp.len - 1] == '\n')
      tmp.len--;
    ao_buf_append(b, tmp.data, tmp.len);
    if(tmp.err)
      b->err = tmp.err;
    ao_buf_free(&tmp);
  }
  ao_buf_puts(b, "\n}\n");
}

static void format_markdown(const ao_assets *a, const ao_report_opts *o,
                            ao_buf *b)
{
  ao_buf_printf(b, "| file | type | original | optimized | gzip | brotli | "
                "saving |\n|---|---|---:|---:|---:|---:|---:|\n");
  size_t *idx = order_by_size(a, o->measure);
  if(!idx) {
    b->err = AO_NOMEM;
    return;
  }
  ao__report_sum total = { 0 };
  for(size_t k = 0; k < a->n; k++) {
    const ao_asset *x = &a->items[idx[k]];
    char s1[32], s2[32], s3[32], s4[32], sv[16];
    ao__report_add(&total, x);
    saving(x->original, x->raw, sv);
    ao_buf_printf(b, "| `%s` | %s | %s | %s | %s | %s | %s |\n", x->path,
                  ao_kind_name(x->kind), hs(x->original, s1), hs(x->raw, s2),
                  hs(x->gzip, s3), hs(x->brotli, s4), sv);
  }
  char s1[32], s2[32], s3[32], s4[32], sv[16];
  saving(total.original, total.raw, sv);
  ao_buf_printf(b, "| **total (%zu)** | | **%s** | **%s** | **%s** | **%s** | "
                "**%s** |\n", total.files, hs(total.original, s1),
                hs(total.raw, s2), hs(total.gzip, s3), hs(total.brotli, s4), sv);
  ao_free(idx);
}

ao_status ao_report_format(const ao_assets *a, const ao_report_opts *o,
                           ao_report_fmt f, ao_buf *out)
{
  ao_report_opts def;
  if(!o) {
    ao_report_opts_init(&def);
    o = &def;
  }
  ao__report_entries e;
  ao_status s = ao__report_entries_compute(a, &e);
  if(s) {
    ao__report_entries_free(&e);
    return s;
  }
  switch(f) {
  case AO_REPORT_JSON: format_json(a, o, &e, out); break;
  case AO_REPORT_MARKDOWN: format_markdown(a, o, out); break;
  default: format_text(a, o, &e, out); break;
  }
  ao__report_entries_free(&e);
  return out->err;
}

/* ---- comparison ------------------------------------------------------------ */

static int hash_char(char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_' || c == '-';
}

char *ao_report_unhashed(const char *path)
{
  char *p = ao__budget_strdup(path);
  if(!p)
    return NULL;
  char *base = strrchr(p, '/');
  base = base ? base + 1 : p;
  /* the separator ('.' or '-') nearest the end that starts a run of 8 to
   * 32 hash characters ending at a '.', with a digit or mixed case */
  for(char *s = base + strlen(base); s > base + 1;) {
    s--;
    if(*s != '.' && *s != '-')
      continue;
    size_t n = 0;
    int digit = 0, upper = 0, lower = 0, ok = 1;
    while(s[1 + n] && s[1 + n] != '.') {
      char c = s[1 + n];
      if(!hash_char(c)) {
        ok = 0;
        break;
      }
      digit |= c >= '0' && c <= '9';
      upper |= c >= 'A' && c <= 'Z';
      lower |= c >= 'a' && c <= 'z';
      n++;
    }
    if(ok && n >= 8 && n <= 32 && s[1 + n] == '.' &&
       (digit || (upper && lower))) {
      memmove(s, s + 1 + n, strlen(s + 1 + n) + 1);
      break;
    }
  }
  return p;
}

struct pair {
  char *key;
  const ao_asset *old, *cur;
};

static int pair_cmp(const void *a, const void *b)
{
  return strcmp(((const struct pair *)a)->key, ((const struct pair *)b)->key);
}

static char *key_of(const ao_assets *set, const ao_asset *x)
{
  return set->from_manifest ? ao__budget_strdup(x->source)
                            : ao_report_unhashed(x->path);
}

static void delta_str(int64_t d, uint64_t before, char buf[48])
{
  char h[32];
  uint64_t mag = d < 0 ? (uint64_t)-d : (uint64_t)d;
  ao__budget_human(mag, h);
  if(!d) {
    snprintf(buf, 48, "0 B");
    return;
  }
  if(before)
    snprintf(buf, 48, "%s%s (%s%.1f%%)", d < 0 ? "-" : "+", h,
             d < 0 ? "-" : "+", mag * 100.0 / (double)before);
  else
    snprintf(buf, 48, "%s%s", d < 0 ? "-" : "+", h);
}

ao_status ao_report_compare(const ao_assets *old, const ao_assets *cur,
                            const ao_report_opts *o, ao_report_fmt f,
                            ao_buf *out)
{
  ao_report_opts def;
  if(!o) {
    ao_report_opts_init(&def);
    o = &def;
  }
  ao_measure m = o->measure;
  size_t n = old->n + cur->n;
  struct pair *p = ao_malloc((n ? n : 1) * sizeof(*p));
  if(!p)
    return AO_NOMEM;
  size_t np = 0;
  ao_status s = AO_OK;
  for(size_t i = 0; i < old->n && !s; i++) {
    p[np] = (struct pair){ key_of(old, &old->items[i]), &old->items[i], NULL };
    if(!p[np++].key)
      s = AO_NOMEM;
  }
  for(size_t i = 0; i < cur->n && !s; i++) {
    p[np] = (struct pair){ key_of(cur, &cur->items[i]), NULL, &cur->items[i] };
    if(!p[np++].key)
      s = AO_NOMEM;
  }
  if(!s && np)
    qsort(p, np, sizeof(*p), pair_cmp);
  /* merge neighbours with the same key (one old, one new) */
  size_t w = 0;
  for(size_t i = 0; i < np && !s; i++) {
    if(w && !strcmp(p[w - 1].key, p[i].key) &&
       ((p[w - 1].old && !p[w - 1].cur && p[i].cur) ||
        (p[w - 1].cur && !p[w - 1].old && p[i].old))) {
      if(p[i].old)
        p[w - 1].old = p[i].old;
      else
        p[w - 1].cur = p[i].cur;
      ao_free(p[i].key);
      continue;
    }
    p[w++] = p[i];
  }
  if(!s)
    np = w;
  struct style st = style_of(f == AO_REPORT_TEXT && o->color);
  uint64_t tb = 0, ta = 0;
  size_t added = 0, removed = 0, changed = 0, same = 0;
  for(size_t i = 0; i < np && !s; i++) {
    uint64_t before = p[i].old ? ao_asset_size(p[i].old, m) : 0;
    uint64_t after = p[i].cur ? ao_asset_size(p[i].cur, m) : 0;
    tb += before;
    ta += after;
    if(!p[i].old)
      added++;
    else if(!p[i].cur)
      removed++;
    else if(before != after)
      changed++;
    else
      same++;
  }
  char b1[32], b2[32], d1[48];
  if(!s && f == AO_REPORT_JSON) {
    ao_buf_printf(out, "{\n  \"measure\": \"%s\",\n  \"total\": {\"before\": "
                  "%llu, \"after\": %llu, \"delta\": %lld},\n  \"added\": %zu,"
                  " \"removed\": %zu, \"changed\": %zu, \"unchanged\": %zu,\n"
                  "  \"files\": [", ao_measure_name(m), (unsigned long long)tb,
                  (unsigned long long)ta, (long long)(ta - tb), added, removed,
                  changed, same);
    int first = 1;
    for(size_t i = 0; i < np; i++) {
      uint64_t before = p[i].old ? ao_asset_size(p[i].old, m) : 0;
      uint64_t after = p[i].cur ? ao_asset_size(p[i].cur, m) : 0;
      const char *status = !p[i].old ? "added" : !p[i].cur ? "removed"
                           : before != after ? "changed" : "unchanged";
      ao_buf_puts(out, first ? "\n    {\"file\": " : ",\n    {\"file\": ");
      first = 0;
      ao__budget_json_str(out, p[i].key);
      ao_buf_printf(out, ", \"status\": \"%s\", \"before\": %llu, \"after\": "
                    "%llu, \"delta\": %lld}", status,
                    (unsigned long long)before, (unsigned long long)after,
                    (long long)(after - before));
    }
    ao_buf_puts(out, first ? "]\n}\n" : "\n  ]\n}\n");
  }
  else if(!s) {
    int md = f == AO_REPORT_MARKDOWN;
    delta_str((int64_t)(ta - tb), tb, d1);
    if(md)
      ao_buf_printf(out, "### Size changes (%s)\n\n**Total: %s → %s (%s)**"
                    " · %zu changed, %zu added, %zu removed, %zu unchanged\n\n",
                    ao_measure_name(m), hs(tb, b1), hs(ta, b2), d1, changed,
                    added, removed, same);
    else
      ao_buf_printf(out, "%ssize changes (%s)%s: total %s -> %s, %s%s%s; "
                    "%zu changed, %zu added, %zu removed, %zu unchanged\n",
                    st.bold, ao_measure_name(m), st.off, hs(tb, b1), hs(ta, b2),
                    ta > tb ? st.red : ta < tb ? st.green : "", d1,
                    ta != tb ? st.off : "", changed, added, removed, same);
    if(changed + added + removed) {
      size_t wname = 24;
      for(size_t i = 0; i < np; i++)
        if(width(p[i].key) > wname)
          wname = width(p[i].key);
      if(wname > 56)
        wname = 56;
      if(md)
        ao_buf_puts(out, "| file | before | after | change | |\n"
                         "|---|---:|---:|---:|---|\n");
      else {
        ao_buf_puts(out, "\n  ");
        cell_left(out, "file", wname);
        ao_buf_printf(out, "%11s%11s%22s\n", "before", "after", "change");
      }
      for(size_t i = 0; i < np; i++) {
        uint64_t before = p[i].old ? ao_asset_size(p[i].old, m) : 0;
        uint64_t after = p[i].cur ? ao_asset_size(p[i].cur, m) : 0;
        if(p[i].old && p[i].cur && before == after)
          continue;
        const char *tag = !p[i].old ? "added" : !p[i].cur ? "removed" : "";
        delta_str((int64_t)(after - before), p[i].old && p[i].cur ? before : 0,
                  d1);
        if(md) {
          ao_buf_printf(out, "| `%s` | %s | %s | %s | %s |\n", p[i].key,
                        p[i].old ? hs(before, b1) : "–",
                        p[i].cur ? hs(after, b2) : "–", d1, tag);
          continue;
        }
        ao_buf_puts(out, "  ");
        cell_left(out, p[i].key, wname);
        cell_right(out, p[i].old ? hs(before, b1) : "-", 11);
        cell_right(out, p[i].cur ? hs(after, b2) : "-", 11);
        ao_buf_puts(out, after > before ? st.red : st.green);
        cell_right(out, d1, 22);
        ao_buf_printf(out, "%s%s%s\n", st.off, *tag ? "  " : "", tag);
      }
    }
  }
  for(size_t i = 0; i < np; i++)
    ao_free(p[i].key);
  ao_free(p);
  return s ? s : out->err;
}
