/* assetopt.json: loading, presets as defaults underneath, validation with
 * the key path and line:col of whatever is wrong. */
#define _GNU_SOURCE
#include <assetopt/config.h>
#include <assetopt/fs.h>
#include <assetopt/js.h>

#include <cjson/cJSON.h>

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef AO_DATADIR
#define AO_DATADIR "/usr/local/share/assetopt"
#endif

struct ao_config {
  char *path;          /* the user's file, or NULL */
  ao_buf text;         /* its text */
  cJSON *root;         /* the user's config (an object) */
  cJSON *preset;       /* the preset's (an object) or NULL */
  char *preset_path;
  ao_buf preset_text;
  /* string arrays handed to the build (pointers into the trees) */
  const char **keep, **lossless, **hashed, **lossy;
  size_t n_keep, n_lossless, n_hashed, n_lossy;
};

/* ---- locating a key path in JSON text ------------------------------------ */

static const char *skip_ws(const char *p, const char *e)
{
  while(p < e && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  return p;
}

static const char *skip_string(const char *p, const char *e)
{
  for(p++; p < e; p++) {
    if(*p == '\\')
      p++;
    else if(*p == '"')
      return p + 1;
  }
  return e;
}

static const char *skip_value(const char *p, const char *e)
{
  p = skip_ws(p, e);
  if(p >= e)
    return e;
  if(*p == '"')
    return skip_string(p, e);
  if(*p == '{' || *p == '[') {
    int depth = 0;
    while(p < e) {
      if(*p == '"') {
        p = skip_string(p, e);
        continue;
      }
      if(*p == '{' || *p == '[')
        depth++;
      else if((*p == '}' || *p == ']') && --depth == 0)
        return p + 1;
      p++;
    }
    return e;
  }
  while(p < e && *p != ',' && *p != '}' && *p != ']' && !isspace((unsigned char)*p))
    p++;
  return p;
}

/* Offset of the value at keypath ("a.b[2].c") in text, or SIZE_MAX. */
static size_t locate(const char *text, size_t len, const char *keypath)
{
  const char *p = text, *e = text + len, *k = keypath;
  p = skip_ws(p, e);
  while(*k) {
    if(*k == '.')
      k++;
    if(*k == '[') {
      long idx = strtol(k + 1, (char **)&k, 10);
      if(*k == ']')
        k++;
      if(p >= e || *p != '[')
        return SIZE_MAX;
      p = skip_ws(p + 1, e);
      for(long i = 0; i < idx; i++) {
        p = skip_ws(skip_value(p, e), e);
        if(p >= e || *p != ',')
          return SIZE_MAX;
        p = skip_ws(p + 1, e);
      }
      continue;
    }
    size_t kl = strcspn(k, ".[");
    if(p >= e || *p != '{')
      return SIZE_MAX;
    p = skip_ws(p + 1, e);
    for(;;) {
      if(p >= e || *p != '"')
        return SIZE_MAX;
      const char *ks = p + 1, *ke = skip_string(p, e) - 1;
      p = skip_ws(ke + 1, e);
      if(p >= e || *p != ':')
        return SIZE_MAX;
      p = skip_ws(p + 1, e);
      if((size_t)(ke - ks) == kl && !memcmp(ks, k, kl))
        break;
      p = skip_ws(skip_value(p, e), e);
      if(p >= e || *p != ',')
        return SIZE_MAX;
      p = skip_ws(p + 1, e);
    }
    k += kl;
  }
  return (size_t)(p - text);
}

size_t ao_config_offset(const ao_config *c, const char *keypath)
{
  if(!c || !c->text.data)
    return SIZE_MAX;
  return locate((const char *)c->text.data, c->text.len, keypath);
}

const char *ao_config_path(const ao_config *c)
{
  return c ? c->path : NULL;
}

void ao_config_error(const ao_config *c, ao_diags *d, const char *keypath,
                     const char *fmt, ...)
{
  ao_buf msg = AO_BUF_INIT(0);
  va_list ap;
  va_start(ap, fmt);
  ao_buf_printf(&msg, "%s: ", keypath);
  ao_buf_vprintf(&msg, fmt, ap);
  va_end(ap);
  ao_diags sink;
  ao_diags_init(&sink, c && c->path ? c->path : "assetopt.json",
                c ? c->text.data : NULL, c ? c->text.len : 0);
  ao_diag_add(&sink, AO_ERROR, ao_config_offset(c, keypath), "%s",
              msg.data ? (char *)msg.data : keypath);
  if(d)
    ao_diags_move(d, &sink);
  ao_diags_free(&sink);
  ao_buf_free(&msg);
}

/* ---- loading ------------------------------------------------------------------ */

static ao_status parse_file(const char *path, ao_buf *text, cJSON **root,
                            ao_diags *d)
{
  ao_diags rd;
  ao_diags_init(&rd, path, NULL, 0);
  ao_status s = ao_fs_read(path, 16u << 20, text, &rd);
  if(s) {
    ao_diags_move(d, &rd);
    return AO_CONFIG;
  }
  ao_diags_free(&rd);
  const char *end = NULL;
  /* the length covers the terminating NUL, which cJSON insists on seeing */
  *root = cJSON_ParseWithLengthOpts((const char *)text->data, text->len + 1, &end, 1);
  if(!*root || !cJSON_IsObject(*root)) {
    size_t off = end ? (size_t)(end - (const char *)text->data) : 0;
    ao_diags sink;
    ao_diags_init(&sink, path, text->data, text->len);
    ao_diag_add(&sink, AO_ERROR, off, "%s",
                *root ? "the configuration must be a JSON object"
                      : "not valid JSON here");
    ao_diags_move(d, &sink);
    cJSON_Delete(*root);
    *root = NULL;
    return AO_CONFIG;
  }
  return AO_OK;
}

static char *exe_dir(void)
{
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
  if(n <= 0)
    return NULL;
  buf[n] = '\0';
  char *slash = strrchr(buf, '/');
  if(slash)
    *slash = '\0';
  return strdup(buf);
}

/* Finds presets/NAME.json: $AO_PRESETS_DIR, the installed data folder, and
 * beside the executable (a build tree or a relocated install). */
static char *find_preset(const char *name)
{
  for(const char *c = name; *c; c++)
    if(!isalnum((unsigned char)*c) && *c != '-' && *c != '_')
      return NULL;
  char *dirs[4] = { NULL, NULL, NULL, NULL };
  const char *env = getenv("AO_PRESETS_DIR");
  dirs[0] = env ? strdup(env) : NULL;
  dirs[1] = strdup(AO_DATADIR "/presets");
  char *exe = exe_dir();
  if(exe) {
    dirs[2] = ao_path_join(exe, "../presets");
    dirs[3] = ao_path_join(exe, "../share/assetopt/presets");
    free(exe);
  }
  char *found = NULL;
  for(int i = 0; i < 4; i++) {
    if(!found && dirs[i]) {
      size_t n = strlen(dirs[i]) + strlen(name) + 8;
      char *p = malloc(n);
      if(p) {
        snprintf(p, n, "%s/%s.json", dirs[i], name);
        if(ao_fs_exists(p))
          found = p;
        else
          free(p);
      }
    }
    free(dirs[i]);
  }
  return found;
}

static const char *const known_keys[] = {
  "$schema", "preset", "input", "output", "jobs", "cache", "cacheDir",
  "minify", "keepFunctionNames", "legalComments", "sourceMapUrl", "images",
  "precompress", "sri",
  "hashNames", "hashLength", "keepNames", "hashedNames", "maxFileSize",
  "budgets", "publish", "description",
};

static ao_status check_keys(const ao_config *c, const cJSON *root, ao_diags *d)
{
  ao_status s = AO_OK;
  for(const cJSON *it = root->child; it; it = it->next) {
    int ok = 0;
    for(size_t i = 0; i < sizeof(known_keys) / sizeof(known_keys[0]); i++)
      ok |= !strcmp(it->string, known_keys[i]);
    if(!ok) {
      ao_config_error(c, d, it->string, "unknown key");
      s = AO_CONFIG;
    }
  }
  return s;
}

ao_status ao_config_load(const char *path, const char *preset_override,
                         ao_config **out, ao_diags *d)
{
  *out = NULL;
  ao_config *c = calloc(1, sizeof(*c));
  if(!c)
    return AO_NOMEM;
  ao_status s = AO_OK;
  if(!path && ao_fs_exists("assetopt.json"))
    path = "assetopt.json";
  if(path) {
    c->path = strdup(path);
    s = parse_file(path, &c->text, &c->root, d);
    if(!s)
      s = check_keys(c, c->root, d);
  }
  else {
    c->root = cJSON_CreateObject();
    if(!c->root)
      s = AO_NOMEM;
  }
  const char *preset = preset_override;
  if(!s && !preset) {
    const cJSON *p = cJSON_GetObjectItemCaseSensitive(c->root, "preset");
    if(p && !cJSON_IsString(p)) {
      ao_config_error(c, d, "preset", "must be a string");
      s = AO_CONFIG;
    }
    else if(p)
      preset = p->valuestring;
  }
  if(!s && preset) {
    c->preset_path = find_preset(preset);
    if(!c->preset_path) {
      ao_diag_add(d, AO_ERROR, SIZE_MAX,
                  "unknown preset '%s' (presets: plain, vite, webpack, "
                  "next-export, hugo)", preset);
      s = AO_CONFIG;
    }
    else {
      s = parse_file(c->preset_path, &c->preset_text, &c->preset, d);
    }
  }
  if(s) {
    ao_config_free(c);
    return s;
  }
  *out = c;
  return AO_OK;
}

void ao_config_free(ao_config *c)
{
  if(!c)
    return;
  cJSON_Delete(c->root);
  cJSON_Delete(c->preset);
  ao_buf_free(&c->text);
  ao_buf_free(&c->preset_text);
  free(c->path);
  free(c->preset_path);
  free(c->keep);
  free(c->lossless);
  free(c->lossy);
  free(c->hashed);
  free(c);
}

/* The user's value for key, else the preset's. */
static const cJSON *get(const ao_config *c, const char *key)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(c->root, key);
  if(!v && c->preset)
    v = cJSON_GetObjectItemCaseSensitive(c->preset, key);
  return v;
}

const char *ao_config_str(const ao_config *c, const char *key)
{
  const cJSON *v = get(c, key);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

const struct cJSON *ao_config_section(const ao_config *c, const char *key)
{
  return c ? get(c, key) : NULL;
}

static int get_bool(const ao_config *c, ao_diags *d, const cJSON *obj,
                    const char *key, const char *keypath, int *out)
{
  const cJSON *v = obj ? cJSON_GetObjectItemCaseSensitive(obj, key) : get(c, key);
  if(!v)
    return 1;
  if(!cJSON_IsBool(v)) {
    ao_config_error(c, d, keypath, "must be true or false");
    return 0;
  }
  *out = cJSON_IsTrue(v);
  return 1;
}

static int get_int(const ao_config *c, ao_diags *d, const cJSON *obj,
                   const char *key, const char *keypath, long lo, long hi,
                   long *out)
{
  const cJSON *v = obj ? cJSON_GetObjectItemCaseSensitive(obj, key) : get(c, key);
  if(!v)
    return 1;
  if(!cJSON_IsNumber(v) || v->valuedouble != floor(v->valuedouble) ||
     v->valuedouble < lo || v->valuedouble > hi) {
    ao_config_error(c, d, keypath, "must be a whole number from %ld to %ld",
                    lo, hi);
    return 0;
  }
  *out = (long)v->valuedouble;
  return 1;
}

/* Strings of an array from the preset and from the user's file, preset
 * first. */
static int get_strings(const ao_config *c, ao_diags *d, const char *key,
                       const char ***out, size_t *n)
{
  const cJSON *arrs[2] = {
    c->preset ? cJSON_GetObjectItemCaseSensitive(c->preset, key) : NULL,
    cJSON_GetObjectItemCaseSensitive(c->root, key),
  };
  size_t total = 0;
  for(int k = 0; k < 2; k++) {
    if(!arrs[k])
      continue;
    if(!cJSON_IsArray(arrs[k])) {
      ao_config_error(k ? c : NULL, d, key, "must be an array of strings");
      return 0;
    }
    total += (size_t)cJSON_GetArraySize(arrs[k]);
  }
  free(*out);
  *out = calloc(total ? total : 1, sizeof(char *));
  if(!*out)
    return 0;
  *n = 0;
  for(int k = 0; k < 2; k++) {
    int i = 0;
    const cJSON *it;
    cJSON_ArrayForEach(it, arrs[k]) {
      if(!cJSON_IsString(it)) {
        char kp[128];
        snprintf(kp, sizeof(kp), "%s[%d]", key, i);
        ao_config_error(k ? c : NULL, d, kp, "must be a string");
        return 0;
      }
      (*out)[(*n)++] = it->valuestring;
      i++;
    }
  }
  return 1;
}

ao_status ao_config_apply_build(const ao_config *cc, ao_build_opts *o,
                                ao_diags *d)
{
  ao_config *c = (ao_config *)cc; /* only the string arrays are cached */
  int ok = 1;
  long v;
  ok &= get_bool(c, d, NULL, "precompress", "precompress", &o->precompress);
  ok &= get_bool(c, d, NULL, "sri", "sri", &o->sri);
  ok &= get_bool(c, d, NULL, "hashNames", "hashNames", &o->hash_names);
  ok &= get_bool(c, d, NULL, "sourceMapUrl", "sourceMapUrl",
                 &o->keep_source_map_url);
  v = (long)o->threads;
  if(get_int(c, d, NULL, "jobs", "jobs", 0, 256, &v))
    o->threads = (unsigned)v;
  else
    ok = 0;
  v = (long)o->hash_len;
  if(get_int(c, d, NULL, "hashLength", "hashLength", 8, 52, &v))
    o->hash_len = (size_t)v;
  else
    ok = 0;
  const cJSON *m = get(c, "minify");
  if(cJSON_IsString(m)) {
    /* the JS level; everything else is minified */
    static const char *const levels[] = { "whitespace", "syntax",
                                          "identifiers", "all" };
    int lv = 0;
    for(int i = 0; i < 4; i++)
      if(!strcmp(m->valuestring, levels[i]))
        lv = i + 1; /* AO_JS_MIN_WHITESPACE … AO_JS_MIN_ALL */
    if(!lv) {
      ao_config_error(c, d, "minify", "must be true, false, \"whitespace\", "
                      "\"syntax\", \"identifiers\" or \"all\"");
      ok = 0;
    }
    o->minify = 1;
    o->js_level = lv ? lv : o->js_level;
  }
  else if(m && !cJSON_IsBool(m)) {
    ao_config_error(c, d, "minify", "must be true, false or a JS level");
    ok = 0;
  }
  else if(m)
    o->minify = cJSON_IsTrue(m);
  ok &= get_bool(c, d, NULL, "keepFunctionNames", "keepFunctionNames",
                 &o->js_keep_names);
  const cJSON *lc = get(c, "legalComments");
  if(lc) {
    const char *s = cJSON_IsString(lc) ? lc->valuestring : "";
    if(!strcmp(s, "inline")) o->legal_comments = AO_LEGAL_INLINE;
    else if(!strcmp(s, "none")) o->legal_comments = AO_LEGAL_NONE;
    else if(!strcmp(s, "eof")) o->legal_comments = AO_LEGAL_EOF;
    else {
      ao_config_error(c, d, "legalComments", "must be \"inline\", \"none\" or \"eof\"");
      ok = 0;
    }
  }
  const cJSON *ms = get(c, "maxFileSize");
  if(ms) {
    uint64_t sz;
    const char *why = NULL;
    if(cJSON_IsNumber(ms) && ms->valuedouble >= 0)
      o->max_file_size = (uint64_t)ms->valuedouble;
    else if(cJSON_IsString(ms) && !ao_size_parse(ms->valuestring, &sz, &why))
      o->max_file_size = sz;
    else {
      ao_config_error(c, d, "maxFileSize", "must be a size such as \"64 MiB\"%s%s",
                      why ? ": " : "", why ? why : "");
      ok = 0;
    }
  }
  const cJSON *img = get(c, "images");
  if(img && !cJSON_IsObject(img)) {
    ao_config_error(c, d, "images", "must be an object");
    ok = 0;
  }
  else if(img) {
    static const char *const keys[] = { "optimize", "lossy", "quality", "webp",
                                        "picture", "lossless" };
    for(const cJSON *it = img->child; it; it = it->next) {
      int known = 0;
      for(size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
        known |= !strcmp(it->string, keys[i]);
      if(!known) {
        char kp[160];
        snprintf(kp, sizeof(kp), "images.%s", it->string);
        ao_config_error(c, d, kp, "unknown key");
        ok = 0;
      }
    }
    ok &= get_bool(c, d, img, "optimize", "images.optimize", &o->images);
    const cJSON *lv = cJSON_GetObjectItemCaseSensitive(img, "lossy");
    if(cJSON_IsArray(lv)) {
      /* globs of files that may be recompressed lossily */
      int i = 0;
      const cJSON *it;
      free(c->lossy);
      c->lossy = calloc((size_t)cJSON_GetArraySize(lv) + 1, sizeof(char *));
      c->n_lossy = 0;
      if(!c->lossy)
        ok = 0;
      else
        cJSON_ArrayForEach(it, lv) {
          if(!cJSON_IsString(it)) {
            char kp[64];
            snprintf(kp, sizeof(kp), "images.lossy[%d]", i);
            ao_config_error(c, d, kp, "must be a string");
            ok = 0;
            break;
          }
          c->lossy[c->n_lossy++] = it->valuestring;
          i++;
        }
      o->lossy_globs = c->lossy;
      o->n_lossy_globs = c->n_lossy;
    }
    else if(lv && !cJSON_IsBool(lv)) {
      ao_config_error(c, d, "images.lossy", "must be true, false or an array of globs");
      ok = 0;
    }
    else
      ok &= get_bool(c, d, img, "lossy", "images.lossy", &o->lossy);
    ok &= get_bool(c, d, img, "webp", "images.webp", &o->webp);
    ok &= get_bool(c, d, img, "picture", "images.picture", &o->picture);
    v = o->quality;
    if(get_int(c, d, img, "quality", "images.quality", 1, 100, &v))
      o->quality = (int)v;
    else
      ok = 0;
    const cJSON *ll = cJSON_GetObjectItemCaseSensitive(img, "lossless");
    if(ll) {
      int i = 0;
      const cJSON *it;
      free(c->lossless);
      c->lossless = calloc((size_t)cJSON_GetArraySize(ll) + 1, sizeof(char *));
      c->n_lossless = 0;
      if(!cJSON_IsArray(ll) || !c->lossless) {
        ao_config_error(c, d, "images.lossless", "must be an array of globs");
        ok = 0;
      }
      else
        cJSON_ArrayForEach(it, ll) {
          if(!cJSON_IsString(it)) {
            char kp[64];
            snprintf(kp, sizeof(kp), "images.lossless[%d]", i);
            ao_config_error(c, d, kp, "must be a string");
            ok = 0;
            break;
          }
          c->lossless[c->n_lossless++] = it->valuestring;
          i++;
        }
      o->lossless = c->lossless;
      o->n_lossless = c->n_lossless;
    }
  }
  if(get_strings(c, d, "keepNames", &c->keep, &c->n_keep)) {
    o->keep_names = c->keep;
    o->n_keep_names = c->n_keep;
  }
  else
    ok = 0;
  if(get_strings(c, d, "hashedNames", &c->hashed, &c->n_hashed)) {
    o->hashed_patterns = c->hashed;
    o->n_hashed_patterns = c->n_hashed;
  }
  else
    ok = 0;
  const cJSON *cache = get(c, "cache");
  if(cache && !cJSON_IsBool(cache)) {
    ao_config_error(c, d, "cache", "must be true or false");
    ok = 0;
  }
  else if(cache && cJSON_IsFalse(cache))
    o->cache_dir = NULL;
  const char *cd = ao_config_str(c, "cacheDir");
  if(cd && o->cache_dir)
    o->cache_dir = cd;
  for(const char *k = "input"; k; k = strcmp(k, "input") ? NULL : "output") {
    const cJSON *sv = get(c, k);
    if(sv && !cJSON_IsString(sv)) {
      ao_config_error(c, d, k, "must be a string (a folder)");
      ok = 0;
    }
  }
  return ok ? AO_OK : AO_CONFIG;
}
