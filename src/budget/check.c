/* Evaluating budget rules over the assets of a folder. */
#include "budget_int.h"

#include <assetopt/glob.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static ao_budget_result *new_result(ao_budget_report *r)
{
  if(r->n == r->cap) {
    size_t cap = r->cap ? r->cap * 2 : 16;
    ao_budget_result *p = ao_realloc(r->items, cap * sizeof(*p));
    if(!p)
      return NULL;
    r->items = p;
    r->cap = cap;
  }
  ao_budget_result *x = &r->items[r->n++];
  memset(x, 0, sizeof(*x));
  return x;
}

void ao_budget_report_free(ao_budget_report *r)
{
  for(size_t i = 0; i < r->n; i++) {
    ao_budget_result *x = &r->items[i];
    ao_free(x->name);
    ao_free(x->file);
    for(size_t k = 0; k < x->ntop; k++)
      ao_free(x->top[k].path);
    ao_free(x->top);
  }
  ao_free(r->items);
  ao_free(r->root);
  ao_budget_config_free(&r->own);
  memset(r, 0, sizeof(*r));
}

/* An entry's URL paths as Lighthouse sees them: "/a/index.html" and "/a/". */
static int lighthouse_match_one(const char *pat, const char *url)
{
  /* '*' matches anything; a final '$' anchors the end; otherwise a prefix */
  if(!*pat)
    return 1;
  if(*pat == '$' && !pat[1])
    return !*url;
  if(*pat == '*') {
    for(const char *u = url;; u++) {
      if(lighthouse_match_one(pat + 1, u))
        return 1;
      if(!*u)
        return 0;
    }
  }
  return *url == *pat && lighthouse_match_one(pat + 1, url + 1);
}

static int lighthouse_match(const char *pat, const char *path)
{
  if(!pat)
    return 1;
  size_t n = strlen(path);
  char *url = ao_malloc(n + 2);
  if(!url)
    return 0;
  url[0] = '/';
  memcpy(url + 1, path, n + 1);
  int hit = lighthouse_match_one(pat, url);
  static const char ix[] = "index.html";
  if(!hit && n >= sizeof(ix) - 1 && !strcmp(path + n - (sizeof(ix) - 1), ix) &&
     (n == sizeof(ix) - 1 || path[n - sizeof(ix)] == '/')) {
    url[n + 1 - (sizeof(ix) - 1)] = 0;
    hit = lighthouse_match_one(pat, url);
  }
  ao_free(url);
  return hit;
}

static int glob_asset(const char *pat, const ao_asset *x)
{
  return ao_glob_match(pat, x->path) ||
         (x->source != x->path && ao_glob_match(pat, x->source));
}

static int rule_matches_entry(const ao_budget_rule *r, const ao_asset *e)
{
  if(r->lighthouse)
    return lighthouse_match(r->pattern, e->path);
  return !r->pattern || glob_asset(r->pattern, e);
}

static int part_cmp(const void *a, const void *b)
{
  const ao_budget_part *x = a, *y = b;
  if(x->size != y->size)
    return x->size < y->size ? 1 : -1;
  return strcmp(x->path, y->path);
}

/* Fills actual, parts and top from a set of asset indices. */
static ao_status sum_parts(const ao_assets *a, const size_t *idx, size_t n,
                           const ao_budget_rule *rule, ao_measure m,
                           ao_budget_result *res)
{
  ao_budget_part *parts = ao_malloc((n ? n : 1) * sizeof(*parts));
  if(!parts)
    return AO_NOMEM;
  size_t np = 0;
  uint64_t total = 0;
  for(size_t i = 0; i < n; i++) {
    const ao_asset *x = &a->items[idx[i]];
    if(rule->scope == AO_BUDGET_INITIAL && rule->type != AO_RT_TOTAL &&
       ao_rtype_of_kind(x->kind) != rule->type)
      continue;
    uint64_t sz = ao_asset_size(x, m);
    parts[np].path = (char *)x->path; /* borrowed until copied below */
    parts[np++].size = sz;
    total += sz;
  }
  res->nparts = np;
  res->actual = rule->count ? np : total;
  qsort(parts, np, sizeof(*parts), part_cmp);
  size_t keep = np < 5 ? np : 5;
  res->top = ao_malloc((keep ? keep : 1) * sizeof(*res->top));
  if(!res->top) {
    ao_free(parts);
    return AO_NOMEM;
  }
  for(size_t i = 0; i < keep; i++) {
    res->top[i].size = parts[i].size;
    if(!(res->top[i].path = ao__budget_strdup(parts[i].path))) {
      ao_free(parts);
      return AO_NOMEM;
    }
    res->ntop = i + 1;
  }
  ao_free(parts);
  return AO_OK;
}

static ao_status add_result(ao_budget_report *r, const ao_budget_rule *rule,
                            ao_measure m, const char *file, const char *name,
                            const ao_assets *a, const size_t *idx, size_t n)
{
  ao_budget_result *res = new_result(r);
  if(!res)
    return AO_NOMEM;
  res->rule = rule;
  res->measure = m;
  res->file = ao__budget_strdup(file);
  res->name = ao__budget_strdup(name);
  if(!res->file || !res->name)
    return AO_NOMEM;
  ao_status s = sum_parts(a, idx, n, rule, m, res);
  if(s)
    return s;
  res->over = res->actual > rule->limit;
  if(res->over)
    r->failed++;
  return AO_OK;
}

ao_status ao_budget_eval(const ao_assets *a, const ao_budget_config *c,
                         ao_budget_report *r, ao_diags *d)
{
  if(!c || !c->n) {
    ao_budget_config_init(&r->own);
    if(c) {
      r->own.measure = c->measure;
      r->own.measure_forced = c->measure_forced;
    }
    if(ao_budget_config_default(&r->own))
      return AO_NOMEM;
    c = &r->own;
  }
  ao_status s = AO_OK;
  char name[1024];
  int any_initial = 0;
  for(size_t k = 0; k < c->n; k++)
    any_initial |= c->rules[k].scope == AO_BUDGET_INITIAL;
  /* entries, in path order */
  for(size_t e = 0; !s && e < a->n; e++) {
    const ao_asset *ent = &a->items[e];
    if(ent->kind != AO_KIND_HTML)
      continue;
    r->entries++;
    if(!any_initial)
      continue;
    ao_entry_load load;
    if((s = ao_entry_load_compute(a, e, &load)))
      break;
    for(size_t k = 0; k < load.nmissing; k++)
      ao_diag_add(d, AO_WARNING, SIZE_MAX,
                  "%s: references %s, which is not in the folder "
                  "(counted as missing)", ent->path, load.missing[k]);
    /* the Lighthouse budget that applies: the last one whose path matches */
    int group = -1;
    for(size_t k = 0; k < c->n; k++) {
      const ao_budget_rule *rule = &c->rules[k];
      if(rule->scope == AO_BUDGET_INITIAL && rule->lighthouse &&
         rule->group > group && rule_matches_entry(rule, ent))
        group = rule->group;
    }
    for(size_t k = 0; !s && k < c->n; k++) {
      const ao_budget_rule *rule = &c->rules[k];
      if(rule->scope != AO_BUDGET_INITIAL)
        continue;
      if(rule->lighthouse ? rule->group != group
                          : !rule_matches_entry(rule, ent))
        continue;
      if(!rule->lighthouse && !rule->pattern) {
        /* an entry-specific rule of the same type replaces this one */
        int replaced = 0;
        for(size_t q = 0; q < c->n && !replaced; q++) {
          const ao_budget_rule *o = &c->rules[q];
          replaced = o->scope == AO_BUDGET_INITIAL && !o->lighthouse &&
                     o->pattern && o->type == rule->type &&
                     o->count == rule->count && rule_matches_entry(o, ent);
        }
        if(replaced)
          continue;
      }
      ao_measure m = c->measure_forced ? c->measure : rule->measure;
      if(rule->count)
        snprintf(name, sizeof(name), "%s: initial %s requests", ent->path,
                 ao_rtype_name(rule->type));
      else
        snprintf(name, sizeof(name), "%s: initial %s (%s)", ent->path,
                 ao_rtype_name(rule->type), ao_measure_name(m));
      size_t before = r->n;
      s = add_result(r, rule, m, ent->path, name, a, load.initial,
                     rule->type == AO_RT_THIRD_PARTY ? 0 : load.ninitial);
      if(!s && r->n > before)
        r->items[before].nmissing = load.nmissing;
    }
    ao_entry_load_free(&load);
  }
  /* file and group rules */
  size_t *idx = ao_malloc((a->n ? a->n : 1) * sizeof(*idx));
  if(!idx)
    return AO_NOMEM;
  for(size_t k = 0; !s && k < c->n; k++) {
    const ao_budget_rule *rule = &c->rules[k];
    if(rule->scope == AO_BUDGET_INITIAL)
      continue;
    ao_measure m = c->measure_forced ? c->measure : rule->measure;
    size_t n = 0;
    for(size_t i = 0; i < a->n; i++)
      if(glob_asset(rule->pattern, &a->items[i]))
        idx[n++] = i;
    if(!n) {
      ao_diag_add(d, AO_WARNING, SIZE_MAX, "%s: no file matches \"%s\"",
                  rule->origin ? rule->origin : "budget", rule->pattern);
      continue;
    }
    if(rule->scope == AO_BUDGET_GROUP) {
      snprintf(name, sizeof(name), "%s: total (%s)", rule->pattern,
               ao_measure_name(m));
      s = add_result(r, rule, m, rule->pattern, name, a, idx, n);
      continue;
    }
    for(size_t i = 0; !s && i < n; i++) {
      const ao_asset *x = &a->items[idx[i]];
      snprintf(name, sizeof(name), "%s (%s)", x->path, ao_measure_name(m));
      s = add_result(r, rule, m, x->path, name, a, &idx[i], 1);
    }
  }
  ao_free(idx);
  return s;
}

/* Marks the assets some rule measures: the initial loads of the entries
 * (when an entry rule exists) and the files that globs match. */
static void select_measured(void *ctx, const ao_assets *a, unsigned char *want)
{
  const ao_budget_config *c = ctx;
  int initial = !c || !c->n;
  for(size_t k = 0; c && k < c->n; k++) {
    const ao_budget_rule *r = &c->rules[k];
    if(r->scope == AO_BUDGET_INITIAL) {
      initial = 1;
      continue;
    }
    for(size_t i = 0; i < a->n; i++)
      if(glob_asset(r->pattern, &a->items[i]))
        want[i] = 1;
  }
  for(size_t e = 0; initial && e < a->n; e++) {
    ao_entry_load l;
    if(a->items[e].kind != AO_KIND_HTML)
      continue;
    if(ao_entry_load_compute(a, e, &l)) {
      memset(want, 1, a->n); /* out of memory: measure everything */
      return;
    }
    for(size_t k = 0; k < l.ninitial; k++)
      want[l.initial[k]] = 1;
    ao_entry_load_free(&l);
  }
}

ao_status ao_budget_check_dir(const char *out_dir, const ao_budget_config *c,
                              ao_budget_report *r, ao_diags *d)
{
  ao_assets a = { 0 };
  ao_assets_opts o;
  ao_assets_opts_init(&o);
  /* compute only the measures the rules use */
  o.measures = 0;
  if(!c || !c->n)
    o.measures = 1u << (c ? c->measure : AO_MEASURE_GZIP);
  for(size_t i = 0; c && i < c->n; i++)
    o.measures |= 1u << (c->measure_forced ? c->measure : c->rules[i].measure);
  o.select = select_measured;
  o.select_ctx = (void *)c;
  ao_status s = ao_assets_load(out_dir, &o, &a, d);
  if(!s && !(r->root = ao__budget_strdup(out_dir)))
    s = AO_NOMEM;
  if(!s)
    s = ao_budget_eval(&a, c, r, d);
  ao_assets_free(&a);
  if(!s && r->failed)
    s = AO_BUDGET;
  return s;
}
