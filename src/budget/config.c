/* Budget rules from assetopt.json ("budgets") and from Lighthouse's
 * budget.json, with errors that name the key path and its line. */
#include "budget_int.h"

#include <assetopt/fs.h>

#include <cJSON.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void ao_budget_config_init(ao_budget_config *c)
{
  *c = (ao_budget_config){ .measure = AO_MEASURE_GZIP };
}

static void rule_free(ao_budget_rule *r)
{
  ao_free(r->pattern);
  ao_free(r->limit_text);
  ao_free(r->origin);
}

void ao_budget_config_free(ao_budget_config *c)
{
  for(size_t i = 0; i < c->n; i++)
    rule_free(&c->rules[i]);
  ao_free(c->rules);
  ao_budget_config_init(c);
}

static ao_status add_rule(ao_budget_config *c, const ao_budget_rule *r)
{
  if(c->n == c->cap) {
    size_t cap = c->cap ? c->cap * 2 : 8;
    ao_budget_rule *p = ao_realloc(c->rules, cap * sizeof(*p));
    if(!p)
      return AO_NOMEM;
    c->rules = p;
    c->cap = cap;
  }
  c->rules[c->n++] = *r;
  return AO_OK;
}

ao_status ao_budget_config_default(ao_budget_config *c)
{
  ao_budget_rule r = {
    .scope = AO_BUDGET_INITIAL, .type = AO_RT_SCRIPT, .limit = 500000,
    .measure = c->measure, .group = -1,
    .limit_text = ao__budget_strdup("500 KB"),
    .origin = ao__budget_strdup("default budget"),
  };
  if(!r.limit_text || !r.origin || add_rule(c, &r)) {
    rule_free(&r);
    return AO_NOMEM;
  }
  return AO_OK;
}

/* ---- JSON text positions ---------------------------------------------------- */

static size_t skip_ws(const unsigned char *s, size_t n, size_t i)
{
  while(i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
    i++;
  return i;
}

/* s[i] is '"': index after the closing quote. */
static size_t skip_string(const unsigned char *s, size_t n, size_t i)
{
  for(i++; i < n && s[i] != '"'; i++)
    if(s[i] == '\\')
      i++;
  return i < n ? i + 1 : n;
}

static size_t skip_value(const unsigned char *s, size_t n, size_t i)
{
  if(i >= n)
    return n;
  if(s[i] == '"')
    return skip_string(s, n, i);
  if(s[i] == '{' || s[i] == '[') {
    size_t depth = 0;
    while(i < n) {
      if(s[i] == '"') {
        i = skip_string(s, n, i);
        continue;
      }
      if(s[i] == '{' || s[i] == '[')
        depth++;
      else if(s[i] == '}' || s[i] == ']') {
        if(--depth == 0)
          return i + 1;
      }
      i++;
    }
    return n;
  }
  while(i < n && !strchr(",]} \t\r\n", s[i]))
    i++;
  return i;
}

size_t ao__budget_json_locate(const unsigned char *s, size_t n,
                              const char *path)
{
  if(!s)
    return SIZE_MAX;
  size_t i = skip_ws(s, n, 0);
  const char *p = path;
  while(*p) {
    const char *key = NULL;
    size_t klen = 0, index = 0;
    if(*p == '.') {
      key = ++p;
      while(*p && *p != '.' && *p != '[')
        p++;
      klen = (size_t)(p - key);
    }
    else if(p[0] == '[' && p[1] == '"') {
      key = p + 2;
      p = key;
      while(*p && *p != '"')
        p += *p == '\\' && p[1] ? 2 : 1;
      klen = (size_t)(p - key);
      if(*p)
        p++;
      if(*p == ']')
        p++;
    }
    else if(*p == '[') {
      for(p++; *p >= '0' && *p <= '9'; p++)
        index = index * 10 + (size_t)(*p - '0');
      if(*p == ']')
        p++;
    }
    else {
      return SIZE_MAX;
    }
    if(key) {
      if(i >= n || s[i] != '{')
        return SIZE_MAX;
      i = skip_ws(s, n, i + 1);
      for(;;) {
        if(i >= n || s[i] != '"')
          return SIZE_MAX;
        size_t kend = skip_string(s, n, i);
        int hit = kend - i - 2 == klen && !memcmp(s + i + 1, key, klen);
        i = skip_ws(s, n, kend);
        if(i >= n || s[i] != ':')
          return SIZE_MAX;
        i = skip_ws(s, n, i + 1);
        if(hit)
          break;
        i = skip_ws(s, n, skip_value(s, n, i));
        if(i >= n || s[i] != ',')
          return SIZE_MAX;
        i = skip_ws(s, n, i + 1);
      }
    }
    else {
      if(i >= n || s[i] != '[')
        return SIZE_MAX;
      i = skip_ws(s, n, i + 1);
      for(size_t k = 0; k < index; k++) {
        i = skip_ws(s, n, skip_value(s, n, i));
        if(i >= n || s[i] != ',')
          return SIZE_MAX;
        i = skip_ws(s, n, i + 1);
      }
    }
  }
  return i < n ? i : SIZE_MAX;
}

/* ---- walking the configuration ------------------------------------------------ */

struct pctx {
  ao_budget_config *c;
  ao_diags *d;
  const unsigned char *text;
  size_t len;
  const char *file;      /* for rule origins */
  const char *config_path;
  ao_buf path;           /* key path of the value being read */
  ao_status err;
};

static AO_PRINTF(2, 3) void perr(struct pctx *x, const char *fmt, ...)
{
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof(msg), fmt, ap);
  va_end(ap);
  const char *p = x->path.data ? (const char *)x->path.data : "";
  size_t off = ao__budget_json_locate(x->text, x->len, p);
  ao_diag_add(x->d, AO_ERROR, off, "%s%s%s", *p == '.' ? p + 1 : p,
              *p ? ": " : "", msg);
  if(!x->err)
    x->err = AO_CONFIG;
}

static int ident(const char *k)
{
  if(!*k)
    return 0;
  for(const char *s = k; *s; s++)
    if(!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || *s == '_' ||
         *s == '$' || *s == '-' || (s > k && *s >= '0' && *s <= '9')))
      return 0;
  return 1;
}

static size_t path_key(struct pctx *x, const char *k)
{
  size_t mark = x->path.len;
  if(ident(k)) {
    ao_buf_putc(&x->path, '.');
    ao_buf_puts(&x->path, k);
  }
  else {
    ao_buf_putc(&x->path, '[');
    ao__budget_json_str(&x->path, k);
    ao_buf_putc(&x->path, ']');
  }
  return mark;
}

static size_t path_index(struct pctx *x, size_t i)
{
  size_t mark = x->path.len;
  ao_buf_printf(&x->path, "[%zu]", i);
  return mark;
}

static void path_pop(struct pctx *x, size_t mark)
{
  x->path.len = mark;
  if(x->path.data)
    x->path.data[mark] = 0;
}

static char *origin_here(struct pctx *x)
{
  ao_buf b = AO_BUF_INIT(0);
  const char *p = x->path.data ? (const char *)x->path.data : "";
  ao_buf_printf(&b, "%s: %s", x->file, *p == '.' ? p + 1 : p);
  if(b.err) {
    ao_buf_free(&b);
    return NULL;
  }
  size_t n;
  return (char *)ao_buf_detach(&b, &n);
}

/* A size value (string with unit, or a number of bytes). */
static int read_size(struct pctx *x, const cJSON *v, uint64_t *bytes,
                     char **text)
{
  char buf[64];
  if(cJSON_IsString(v)) {
    const char *why;
    if(ao_size_parse(v->valuestring, bytes, &why)) {
      perr(x, "invalid size \"%s\": %s", v->valuestring, why);
      return -1;
    }
    *text = ao__budget_strdup(v->valuestring);
  }
  else if(cJSON_IsNumber(v)) {
    if(v->valuedouble < 0 || v->valuedouble > 1e18) {
      perr(x, "a size must be a non-negative number of bytes");
      return -1;
    }
    *bytes = (uint64_t)(v->valuedouble + 0.5);
    snprintf(buf, sizeof(buf), "%llu B", (unsigned long long)*bytes);
    *text = ao__budget_strdup(buf);
  }
  else {
    perr(x, "expected a size such as \"500 KB\"");
    return -1;
  }
  if(!*text) {
    x->err = AO_NOMEM;
    return -1;
  }
  return 0;
}

static int read_count(struct pctx *x, const cJSON *v, uint64_t *n, char **text)
{
  char buf[32];
  if(!cJSON_IsNumber(v) || v->valuedouble < 0 ||
     v->valuedouble != (double)(uint64_t)v->valuedouble) {
    perr(x, "expected a whole number of files");
    return -1;
  }
  *n = (uint64_t)v->valuedouble;
  snprintf(buf, sizeof(buf), "%llu", (unsigned long long)*n);
  if(!(*text = ao__budget_strdup(buf))) {
    x->err = AO_NOMEM;
    return -1;
  }
  return 0;
}

static void push(struct pctx *x, ao_budget_rule *r)
{
  r->origin = origin_here(x);
  if(!r->origin || add_rule(x->c, r)) {
    rule_free(r);
    x->err = AO_NOMEM;
  }
}

static int read_measure(struct pctx *x, const cJSON *v, ao_measure *m)
{
  if(!cJSON_IsString(v) || ao_measure_from_name(v->valuestring, m)) {
    perr(x, "expected \"raw\", \"gzip\" or \"brotli\"");
    return -1;
  }
  return 0;
}

static int read_rtype(struct pctx *x, const char *name, ao_rtype *t)
{
  if(ao_rtype_from_name(name, t)) {
    perr(x, "unknown resource type \"%s\" (script, stylesheet, image, font, "
         "document, media, other, third-party, total)", name);
    return -1;
  }
  return 0;
}

/* { "script": "500 KB", "total": "1 MB", "measure": "brotli" } */
static void read_type_sizes(struct pctx *x, const cJSON *o, const char *entry,
                            int count, ao_measure m)
{
  if(cJSON_IsString(o) && !count) {
    /* "initial": "500 KB" is the script budget */
    ao_budget_rule r = { .scope = AO_BUDGET_INITIAL, .type = AO_RT_SCRIPT,
                         .measure = m, .group = -1 };
    if(read_size(x, o, &r.limit, &r.limit_text))
      return;
    if(entry && !(r.pattern = ao__budget_strdup(entry)))
      x->err = AO_NOMEM;
    push(x, &r);
    return;
  }
  if(!cJSON_IsObject(o)) {
    perr(x, count ? "expected an object of resource types and counts"
                  : "expected an object of resource types and sizes");
    return;
  }
  const cJSON *mv = cJSON_GetObjectItemCaseSensitive(o, "measure");
  if(mv) {
    size_t mark = path_key(x, "measure");
    read_measure(x, mv, &m);
    path_pop(x, mark);
  }
  const cJSON *v;
  cJSON_ArrayForEach(v, o) {
    if(!strcmp(v->string, "measure") && !count)
      continue;
    size_t mark = path_key(x, v->string);
    ao_budget_rule r = { .scope = AO_BUDGET_INITIAL, .measure = m,
                         .count = count, .group = -1 };
    if(!read_rtype(x, v->string, &r.type) &&
       !(count ? read_count(x, v, &r.limit, &r.limit_text)
               : read_size(x, v, &r.limit, &r.limit_text))) {
      if(entry && !(r.pattern = ao__budget_strdup(entry)))
        x->err = AO_NOMEM;
      push(x, &r);
    }
    path_pop(x, mark);
  }
}

static void read_files(struct pctx *x, const cJSON *o, ao_measure m)
{
  if(!cJSON_IsObject(o)) {
    perr(x, "expected an object of globs and sizes");
    return;
  }
  const cJSON *v;
  cJSON_ArrayForEach(v, o) {
    size_t mark = path_key(x, v->string);
    ao_budget_rule r = { .scope = AO_BUDGET_FILE, .measure = m, .group = -1 };
    const cJSON *size = v;
    int ok = 1;
    if(!*v->string) {
      perr(x, "empty glob");
      ok = 0;
    }
    if(ok && cJSON_IsObject(v)) {
      const cJSON *f;
      size = NULL;
      cJSON_ArrayForEach(f, v) {
        size_t m2 = path_key(x, f->string);
        if(!strcmp(f->string, "max"))
          size = f;
        else if(!strcmp(f->string, "sum")) {
          if(!cJSON_IsBool(f)) {
            perr(x, "expected true or false");
            ok = 0;
          }
          else if(cJSON_IsTrue(f)) {
            r.scope = AO_BUDGET_GROUP;
          }
        }
        else if(!strcmp(f->string, "measure")) {
          if(read_measure(x, f, &r.measure))
            ok = 0;
        }
        else {
          perr(x, "unknown key (max, sum, measure)");
          ok = 0;
        }
        path_pop(x, m2);
      }
      if(ok && !size) {
        perr(x, "missing \"max\"");
        ok = 0;
      }
    }
    if(ok) {
      size_t m3 = size == v ? x->path.len : path_key(x, "max");
      ok = !read_size(x, size, &r.limit, &r.limit_text);
      path_pop(x, m3);
    }
    if(ok) {
      if(!(r.pattern = ao__budget_strdup(v->string)))
        x->err = AO_NOMEM;
      push(x, &r);
    }
    else {
      rule_free(&r);
    }
    path_pop(x, mark);
  }
}

static void read_lighthouse(struct pctx *x, const cJSON *root);

static void read_budget_file(struct pctx *x, const cJSON *v)
{
  if(!cJSON_IsString(v) || !*v->valuestring) {
    perr(x, "expected the path of a Lighthouse budget.json");
    return;
  }
  /* relative to the folder of the configuration file */
  char *full = NULL;
  const char *name = v->valuestring;
  const char *slash = x->config_path ? strrchr(x->config_path, '/') : NULL;
  if(*name != '/' && slash) {
    char *dir = ao__budget_strndup(x->config_path,
                                   (size_t)(slash - x->config_path));
    full = dir ? ao_path_join(dir, name) : NULL;
    ao_free(dir);
  }
  else {
    full = ao__budget_strdup(name);
  }
  if(!full) {
    x->err = AO_NOMEM;
    return;
  }
  ao_buf text = AO_BUF_INIT(0);
  ao_diags fd;
  ao_diags_init(&fd, full, NULL, 0);
  if(ao_fs_read(full, 0, &text, &fd)) {
    perr(x, "cannot read %s", full);
  }
  else {
    fd.src = text.data;
    fd.src_len = text.len;
    ao_status s = ao_budget_lighthouse_parse(text.data, text.len, full, x->c,
                                             &fd);
    if(s && !x->err)
      x->err = s;
  }
  ao_diags_move(x->d, &fd);
  ao_diags_free(&fd);
  ao_buf_free(&text);
  ao_free(full);
}

static void read_budgets(struct pctx *x, const cJSON *b)
{
  if(cJSON_IsArray(b)) {
    read_lighthouse(x, b);
    return;
  }
  if(!cJSON_IsObject(b)) {
    perr(x, "expected an object (or a Lighthouse budget array)");
    return;
  }
  ao_measure m = x->c->measure;
  const cJSON *mv = cJSON_GetObjectItemCaseSensitive(b, "measure");
  if(mv) {
    size_t mark = path_key(x, "measure");
    if(!read_measure(x, mv, &m))
      x->c->measure = m;
    path_pop(x, mark);
  }
  const cJSON *v;
  cJSON_ArrayForEach(v, b) {
    size_t mark = path_key(x, v->string);
    if(!strcmp(v->string, "measure"))
      ;
    else if(!strcmp(v->string, "initial"))
      read_type_sizes(x, v, NULL, 0, m);
    else if(!strcmp(v->string, "initialCount"))
      read_type_sizes(x, v, NULL, 1, m);
    else if(!strcmp(v->string, "entries")) {
      if(!cJSON_IsObject(v))
        perr(x, "expected an object of entry globs");
      const cJSON *e;
      cJSON_ArrayForEach(e, (cJSON_IsObject(v) ? v : NULL)) {
        size_t m2 = path_key(x, e->string);
        read_type_sizes(x, e, e->string, 0, m);
        path_pop(x, m2);
      }
    }
    else if(!strcmp(v->string, "files"))
      read_files(x, v, m);
    else if(!strcmp(v->string, "budgetFile"))
      read_budget_file(x, v);
    else
      perr(x, "unknown key (measure, initial, initialCount, entries, files, "
           "budgetFile)");
    path_pop(x, mark);
  }
}

/* Lighthouse: an array of { path, resourceSizes, resourceCounts, timings,
 * options }; sizes in KiB. */
static void read_lighthouse(struct pctx *x, const cJSON *root)
{
  if(!cJSON_IsArray(root)) {
    perr(x, "a budget file is an array of budgets");
    return;
  }
  int group = 0;
  for(size_t k = 0; k < x->c->n; k++)
    if(x->c->rules[k].group >= group)
      group = x->c->rules[k].group + 1;
  size_t i = 0;
  const cJSON *b;
  cJSON_ArrayForEach(b, root) {
    size_t mark = path_index(x, i++);
    if(!cJSON_IsObject(b)) {
      perr(x, "expected a budget object");
      path_pop(x, mark);
      continue;
    }
    const char *lpath = NULL;
    const cJSON *pv = cJSON_GetObjectItemCaseSensitive(b, "path");
    if(pv) {
      size_t m2 = path_key(x, "path");
      if(!cJSON_IsString(pv) || pv->valuestring[0] != '/')
        perr(x, "a path must be a string starting with '/'");
      else
        lpath = pv->valuestring;
      path_pop(x, m2);
    }
    const cJSON *v;
    cJSON_ArrayForEach(v, b) {
      size_t m2 = path_key(x, v->string);
      int counts = !strcmp(v->string, "resourceCounts");
      if(!strcmp(v->string, "path") || !strcmp(v->string, "options")) {
        ;
      }
      else if(!strcmp(v->string, "timings")) {
        const char *p = x->path.data ? (const char *)x->path.data : "";
        ao_diag_add(x->d, AO_WARNING,
                    ao__budget_json_locate(x->text, x->len, p),
                    "%s: timing budgets need a browser; ignored", p);
      }
      else if(counts || !strcmp(v->string, "resourceSizes")) {
        if(!cJSON_IsArray(v))
          perr(x, "expected an array of { \"resourceType\", \"budget\" }");
        unsigned seen = 0;
        size_t k = 0;
        const cJSON *e;
        cJSON_ArrayForEach(e, (cJSON_IsArray(v) ? v : NULL)) {
          size_t m3 = path_index(x, k++);
          const cJSON *rt = cJSON_GetObjectItemCaseSensitive(e, "resourceType");
          const cJSON *bv = cJSON_GetObjectItemCaseSensitive(e, "budget");
          ao_budget_rule r = { .scope = AO_BUDGET_INITIAL, .lighthouse = 1,
                               .group = group, .count = counts,
                               .measure = x->c->measure };
          int ok = 1;
          const cJSON *f;
          cJSON_ArrayForEach(f, (cJSON_IsObject(e) ? e : NULL))
            if(strcmp(f->string, "resourceType") && strcmp(f->string, "budget")) {
              size_t m4 = path_key(x, f->string);
              perr(x, "unknown key (resourceType, budget)");
              path_pop(x, m4);
              ok = 0;
            }
          if(!cJSON_IsObject(e)) {
            perr(x, "expected { \"resourceType\", \"budget\" }");
            ok = 0;
          }
          else if(!cJSON_IsString(rt)) {
            perr(x, "missing \"resourceType\"");
            ok = 0;
          }
          else {
            size_t m4 = path_key(x, "resourceType");
            if(ao_rtype_from_name(rt->valuestring, &r.type) ||
               strcmp(rt->valuestring, ao_rtype_name(r.type))) {
              perr(x, "unknown resource type \"%s\" (script, stylesheet, "
                   "image, font, document, media, other, third-party, total)",
                   rt->valuestring);
              ok = 0;
            }
            else if(seen & (1u << r.type)) {
              perr(x, "resource type \"%s\" given twice", rt->valuestring);
              ok = 0;
            }
            else {
              seen |= 1u << r.type;
            }
            path_pop(x, m4);
          }
          if(ok) {
            size_t m4 = path_key(x, "budget");
            if(!cJSON_IsNumber(bv) || bv->valuedouble < 0 ||
               bv->valuedouble > 1e15) {
              perr(x, counts ? "expected a number of requests"
                             : "expected a number of KiB");
              ok = 0;
            }
            else {
              char buf[48];
              if(counts) {
                r.limit = (uint64_t)bv->valuedouble;
                snprintf(buf, sizeof(buf), "%llu", (unsigned long long)r.limit);
              }
              else {
                r.limit = (uint64_t)(bv->valuedouble * 1024 + 0.5);
                snprintf(buf, sizeof(buf), "%g KiB", bv->valuedouble);
              }
              r.limit_text = ao__budget_strdup(buf);
              if(lpath)
                r.pattern = ao__budget_strdup(lpath);
              if(!r.limit_text || (lpath && !r.pattern))
                x->err = AO_NOMEM;
            }
            path_pop(x, m4);
          }
          if(ok)
            push(x, &r);
          else
            rule_free(&r);
          path_pop(x, m3);
        }
      }
      else {
        perr(x, "unknown key (path, resourceSizes, resourceCounts, timings, "
             "options)");
      }
      path_pop(x, m2);
    }
    group++;
    path_pop(x, mark);
  }
}

static const char *base_name(const char *p)
{
  const char *s = p ? strrchr(p, '/') : NULL;
  return s ? s + 1 : p ? p : "assetopt.json";
}

static ao_status finish(struct pctx *x, size_t n_before)
{
  ao_buf_free(&x->path);
  if(x->err) {
    /* a failed parse adds no rule */
    while(x->c->n > n_before)
      rule_free(&x->c->rules[--x->c->n]);
  }
  return x->err;
}

ao_status ao_budget_config_from_cjson(const cJSON *v, const char *base,
                                      const char *config_path,
                                      ao_budget_config *c, ao_diags *d)
{
  struct pctx x = { .c = c, .d = d, .file = base_name(config_path),
                    .config_path = config_path };
  size_t before = c->n;
  ao_buf_init(&x.path, 0);
  if(base && *base) {
    ao_buf_putc(&x.path, '.');
    ao_buf_puts(&x.path, base);
  }
  read_budgets(&x, v);
  if(x.path.err && !x.err)
    x.err = AO_NOMEM;
  return finish(&x, before);
}

static cJSON *parse_json(const unsigned char *text, size_t len, ao_diags *d)
{
  const char *end = NULL;
  cJSON *root = cJSON_ParseWithLengthOpts((const char *)text, len, &end, 0);
  if(!root) {
    size_t off = end && end >= (const char *)text
                   ? (size_t)(end - (const char *)text) : 0;
    if(off > len)
      off = len;
    ao_diag_add(d, AO_ERROR, off, "malformed JSON");
  }
  return root;
}

ao_status ao_budget_config_parse(const unsigned char *text, size_t len,
                                 const char *config_path, ao_budget_config *c,
                                 ao_diags *d)
{
  cJSON *root = parse_json(text, len, d);
  if(!root)
    return AO_CONFIG;
  ao_status s = AO_OK;
  if(!cJSON_IsObject(root)) {
    ao_diag_add(d, AO_ERROR, skip_ws(text, len, 0),
                "the configuration must be a JSON object");
    s = AO_CONFIG;
  }
  const cJSON *b = cJSON_GetObjectItemCaseSensitive(root, "budgets");
  if(!s && b) {
    struct pctx x = { .c = c, .d = d, .text = text, .len = len,
                      .file = base_name(config_path),
                      .config_path = config_path };
    size_t before = c->n;
    ao_buf_init(&x.path, 0);
    ao_buf_puts(&x.path, ".budgets");
    read_budgets(&x, b);
    if(x.path.err && !x.err)
      x.err = AO_NOMEM;
    s = finish(&x, before);
  }
  cJSON_Delete(root);
  return s;
}

ao_status ao_budget_lighthouse_parse(const unsigned char *text, size_t len,
                                     const char *origin, ao_budget_config *c,
                                     ao_diags *d)
{
  cJSON *root = parse_json(text, len, d);
  if(!root)
    return AO_CONFIG;
  struct pctx x = { .c = c, .d = d, .text = text, .len = len,
                    .file = base_name(origin ? origin : "budget.json") };
  size_t before = c->n;
  ao_buf_init(&x.path, 0);
  read_lighthouse(&x, root);
  if(x.path.err && !x.err)
    x.err = AO_NOMEM;
  cJSON_Delete(root);
  return finish(&x, before);
}
