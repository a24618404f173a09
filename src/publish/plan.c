/* The publish plan and its run: read the folder and the remote state (the
 * remote manifest and a listing), decide upload / skip / delete per object,
 * then apply in a never-broken order: hashed assets, other non-HTML files,
 * HTML, the remote manifest, deletions, CDN purge. */
#include "publish_int.h"

#include <assetopt/fs.h>
#include <assetopt/hash.h>
#include <assetopt/kind.h>

#include <cJSON.h>
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#define MANIFEST_REL ".assetopt/manifest.json"
#define FILE_LIMIT ((size_t)5 << 30)

void ao_publish_opts_init(ao_publish_opts *o)
{
  memset(o, 0, sizeof(*o));
  o->path_style = -1;
  o->jobs = 16;
  o->keep_releases = 1;
  o->cache_hashed = "public, max-age=31536000, immutable";
  o->cache_other = "public, max-age=0, must-revalidate";
  o->multipart_threshold = (size_t)16 << 20;
  o->max_attempts = 6;
  o->timeout = 900;
  o->request_timeout = 120;
  o->purge_threshold = 500;
}

/* ---- hashed names ---------------------------------------------------------- */

static int hash_like(const char *s, size_t n)
{
  if(n < 8 || n > 64)
    return 0;
  int digit = 0, lower = 0, upper = 0;
  for(size_t i = 0; i < n; i++) {
    char c = s[i];
    if(c >= '0' && c <= '9') digit = 1;
    else if(c >= 'a' && c <= 'z') lower = 1;
    else if(c >= 'A' && c <= 'Z') upper = 1;
    else if(c != '_' && c != '-') return 0;
  }
  /* a word is not a hash: ask for a digit, or mixed case */
  return digit || (lower && upper);
}

int ao_publish_name_is_hashed(const char *path)
{
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  size_t n = strlen(base);
  /* drop precompression suffixes, then the extension */
  if(n > 3 && (!strcmp(base + n - 3, ".br") || !strcmp(base + n - 3, ".gz")))
    n -= 3;
  const char *dot = NULL;
  for(size_t i = n; i > 0; i--)
    if(base[i - 1] == '.') {
      dot = base + i - 1;
      break;
    }
  if(!dot || dot == base)
    return 0;
  /* the part before the extension ends in .HASH or -HASH */
  size_t stem = (size_t)(dot - base);
  for(size_t i = stem; i > 0; i--) {
    char c = base[i - 1];
    if(c == '.' || c == '-') {
      if(i - 1 == 0)
        return 0;
      return hash_like(base + i, stem - i);
    }
  }
  return 0;
}

/* ---- items -------------------------------------------------------------------- */

typedef struct item {
  char *rel;                 /* path in the folder, '/'-separated */
  char *body_path;           /* the file whose bytes are uploaded */
  uint64_t size;
  char sha[65];
  char md5hex[33];
  char md5b64[32];
  int hashed, phase;         /* phase 0 hashed, 1 other, 2 HTML */
  const char *ctype, *cc, *cenc;
  ao_pub_action action;
  const char *reason;
  int ok;
} item;

typedef struct mobj {        /* an object of the remote manifest */
  const char *rel, *sha, *ctype, *cc, *cenc;
  uint64_t size;
} mobj;

typedef struct run {
  const ao_publish_opts *o;
  ao_diags *d;
  ao_publish_stats *st;
  int is_dir;
  char *dir_root;            /* file:// target */
  char *bucket, *prefix;     /* s3:// target; prefix "" or "p/" */
  ao_aws_config cfg;
  ao__s3 s3;
  ao__http http;
  int http_ready;
  item *items;
  size_t n;
  ao_s3_listing remote;      /* keys relative to the prefix */
  cJSON *manifest;           /* remote manifest or NULL */
  ao_buf manifest_raw;
  mobj *mo;
  size_t nmo;
} run;

static int cmp_str(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_obj(const void *a, const void *b)
{
  return strcmp(((const ao_s3_object *)a)->key, ((const ao_s3_object *)b)->key);
}

static int cmp_mobj(const void *a, const void *b)
{
  return strcmp(((const mobj *)a)->rel, ((const mobj *)b)->rel);
}

static ao_s3_object *remote_find(run *r, const char *rel)
{
  ao_s3_object k = { (char *)rel, "", 0 };
  return r->remote.n ? bsearch(&k, r->remote.items, r->remote.n,
                               sizeof(k), cmp_obj) : NULL;
}

static mobj *mo_find(run *r, const char *rel)
{
  mobj k = { rel, 0, 0, 0, 0, 0 };
  return r->nmo ? bsearch(&k, r->mo, r->nmo, sizeof(k), cmp_mobj) : NULL;
}

static const char *jstr(const cJSON *o, const char *k)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* ---- the folder ------------------------------------------------------------------ */

/* Marks outputs the build manifest calls hashed. */
static void read_build_manifest(run *r, char ***hashed, size_t *nh)
{
  char *path = ao_path_join(r->o->dir, "asset-manifest.json");
  ao_buf b = AO_BUF_INIT(0);
  *hashed = NULL;
  *nh = 0;
  if(!path || ao_fs_read(path, 64u << 20, &b, NULL)) {
    ao_free(path);
    ao_buf_free(&b);
    return;
  }
  cJSON *j = cJSON_ParseWithLength((const char *)b.data, b.len);
  const cJSON *files = cJSON_GetObjectItemCaseSensitive(j, "files");
  size_t cnt = (size_t)cJSON_GetArraySize(files);
  char **out = cnt ? ao_malloc(cnt * sizeof(*out)) : NULL;
  size_t k = 0;
  const cJSON *f;
  if(out)
    cJSON_ArrayForEach(f, files) {
      const char *o = jstr(f, "output");
      if(o && cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(f, "hashed")) && k < cnt)
        out[k++] = (char *)o;
    }
  /* copy before freeing the document */
  for(size_t i = 0; i < k; i++)
    out[i] = ao__strdup(out[i]);
  if(k)
    qsort(out, k, sizeof(*out), cmp_str);
  cJSON_Delete(j);
  ao_buf_free(&b);
  ao_free(path);
  *hashed = out;
  *nh = k;
}

static int sibling_base_exists(const ao_walk_result *w, const char *rel, size_t cut)
{
  size_t n = strlen(rel);
  if(n <= cut)
    return 0;
  char *base = ao__strndup(rel, n - cut);
  if(!base)
    return 0;
  ao_walk_entry k = { base, 0 };
  int found = 0;
  size_t lo = 0, hi = w->n;
  while(lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = strcmp(w->items[mid].rel, k.rel);
    if(!c) {
      found = 1;
      break;
    }
    if(c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  ao_free(base);
  return found;
}

static int has_suffix(const char *s, const char *suf)
{
  size_t n = strlen(s), m = strlen(suf);
  return n >= m && !strcmp(s + n - m, suf);
}

static const char *cache_for(const ao_publish_opts *o, const char *rel, int hashed)
{
  for(size_t i = 0; i < o->ncache_rules; i++)
    if(!fnmatch(o->cache_rules[i].glob, rel, 0))
      return o->cache_rules[i].value;
  return hashed ? o->cache_hashed : o->cache_other;
}

static ao_status read_folder(run *r)
{
  const ao_publish_opts *o = r->o;
  if(!ao_fs_is_dir(o->dir)) {
    ao_diag_add(r->d, AO_ERROR, SIZE_MAX, "%s: not a folder", o->dir);
    return AO_IO;
  }
  ao_walk_opts wo = { 1, NULL };
  ao_walk_result w;
  ao_status st = ao_walk(o->dir, &wo, &w, r->d);
  if(st)
    return st;
  char **hashed;
  size_t nh;
  read_build_manifest(r, &hashed, &nh);
  const char *ext = NULL;
  if(o->content_encoding)
    ext = !strcmp(o->content_encoding, "br") ? ".br" : ".gz";
  r->items = ao_malloc((w.n + 1) * sizeof(*r->items));
  if(!r->items) {
    st = AO_NOMEM;
    goto done;
  }
  memset(r->items, 0, (w.n + 1) * sizeof(*r->items));
  ao_buf b = AO_BUF_INIT(FILE_LIMIT);
  for(size_t i = 0; i < w.n && !st; i++) {
    const char *rel = w.items[i].rel;
    int sib = (has_suffix(rel, ".br") || has_suffix(rel, ".gz")) &&
              sibling_base_exists(&w, rel, 3);
    if(sib && ext)
      continue; /* folded into its base object */
    if(!strncmp(rel, ".assetopt/", 10))
      continue;
    item *it = &r->items[r->n];
    it->rel = ao__strdup(rel);
    it->body_path = ao_path_join(o->dir, rel);
    ao_kind k = ao_kind_from_path(rel);
    if(ext && !sib && ao_kind_compressible(k)) {
      char *alt = ao_malloc(strlen(it->body_path) + 4);
      if(alt) {
        sprintf(alt, "%s%s", it->body_path, ext);
        if(ao_fs_exists(alt)) {
          ao_free(it->body_path);
          it->body_path = alt;
          it->cenc = !strcmp(ext, ".br") ? "br" : "gzip";
        }
        else {
          ao_free(alt);
        }
      }
    }
    if(!it->rel || !it->body_path) {
      st = AO_NOMEM;
      break;
    }
    r->n++;
    ao_buf_reset(&b);
    st = ao_fs_read(it->body_path, FILE_LIMIT, &b, r->d);
    if(st)
      break;
    it->size = b.len;
    ao__sha256_hex(b.data, b.len, it->sha);
    unsigned char md5[16];
    ao__md5(b.data, b.len, md5);
    ao_hex(md5, 16, it->md5hex);
    ao_base64(md5, 16, it->md5b64);
    const char *relbase = rel;
    char *tmp = NULL;
    if(sib) {
      tmp = ao__strndup(rel, strlen(rel) - 3);
      relbase = tmp ? tmp : rel;
    }
    it->hashed = (nh && bsearch(&relbase, hashed, nh, sizeof(char *), cmp_str)) ||
                 ao_publish_name_is_hashed(rel);
    ao_free(tmp);
    it->phase = it->hashed ? 0 : (k == AO_KIND_HTML ? 2 : 1);
    it->ctype = ao_mime_for_path(rel);
    it->cc = cache_for(o, rel, it->hashed);
  }
  ao_buf_free(&b);
done:
  for(size_t i = 0; i < nh; i++)
    ao_free(hashed[i]);
  ao_free(hashed);
  ao_walk_free(&w);
  return st;
}

/* ---- the remote state --------------------------------------------------------------- */

static ao_status parse_manifest(run *r)
{
  r->manifest = cJSON_ParseWithLength((const char *)r->manifest_raw.data,
                                      r->manifest_raw.len);
  if(!r->manifest) {
    ao_diag_add(r->d, AO_WARNING, SIZE_MAX,
                "the remote %s is not valid JSON; comparing by size and MD5",
                MANIFEST_REL);
    return AO_OK;
  }
  const cJSON *objs = cJSON_GetObjectItemCaseSensitive(r->manifest, "objects");
  size_t cnt = (size_t)cJSON_GetArraySize(objs);
  r->mo = cnt ? ao_malloc(cnt * sizeof(*r->mo)) : NULL;
  if(cnt && !r->mo)
    return AO_NOMEM;
  const cJSON *e;
  cJSON_ArrayForEach(e, objs) {
    if(!e->string || !cJSON_IsObject(e) || r->nmo >= cnt)
      continue;
    mobj *m = &r->mo[r->nmo++];
    m->rel = e->string;
    m->sha = jstr(e, "sha256");
    m->ctype = jstr(e, "content_type");
    m->cc = jstr(e, "cache_control");
    m->cenc = jstr(e, "content_encoding");
    const cJSON *sz = cJSON_GetObjectItemCaseSensitive(e, "size");
    m->size = cJSON_IsNumber(sz) && sz->valuedouble >= 0 ? (uint64_t)sz->valuedouble : 0;
  }
  if(r->nmo)
    qsort(r->mo, r->nmo, sizeof(*r->mo), cmp_mobj);
  return AO_OK;
}

static ao_status list_dir_target(run *r)
{
  if(!ao_fs_is_dir(r->dir_root))
    return AO_OK; /* created on the first upload */
  ao_walk_opts wo = { 0, NULL };
  ao_walk_result w;
  ao_status st = ao_walk(r->dir_root, &wo, &w, r->d);
  if(st)
    return st;
  ao_buf b = AO_BUF_INIT(FILE_LIMIT);
  for(size_t i = 0; i < w.n && !st; i++) {
    char *p = ao_path_join(r->dir_root, w.items[i].rel);
    ao_buf_reset(&b);
    if(!p || ao_fs_read(p, FILE_LIMIT, &b, NULL)) {
      ao_free(p);
      continue;
    }
    if(!strcmp(w.items[i].rel, MANIFEST_REL)) {
      ao_buf_reset(&r->manifest_raw);
      ao_buf_append(&r->manifest_raw, b.data, b.len);
    }
    if(r->remote.n == r->remote.cap) {
      size_t cap = r->remote.cap ? r->remote.cap * 2 : 64;
      ao_s3_object *it = ao_realloc(r->remote.items, cap * sizeof(*it));
      if(!it) {
        ao_free(p);
        st = AO_NOMEM;
        break;
      }
      r->remote.items = it;
      r->remote.cap = cap;
    }
    ao_s3_object *ob = &r->remote.items[r->remote.n++];
    memset(ob, 0, sizeof(*ob));
    ob->key = ao__strdup(w.items[i].rel);
    ob->size = b.len;
    unsigned char md5[16];
    ao__md5(b.data, b.len, md5);
    ao_hex(md5, 16, ob->etag);
    ao_free(p);
  }
  ao_buf_free(&b);
  ao_walk_free(&w);
  r->st->requests++;
  return st;
}

static char *with_prefix(const run *r, const char *rel)
{
  char *k = ao_malloc(strlen(r->prefix) + strlen(rel) + 1);
  if(k)
    sprintf(k, "%s%s", r->prefix, rel);
  return k;
}

static ao_status list_s3_target(run *r)
{
  ao_status st = AO_OK;
  char *mkey = with_prefix(r, MANIFEST_REL);
  ao__s3_req *get = mkey ? ao__s3_req_new(&r->s3, "GET", mkey) : NULL;
  ao_free(mkey);
  if(!get)
    return AO_NOMEM;
  ao_s3_listing page;
  memset(&page, 0, sizeof(page));
  char *token = NULL;
  int first = 1;
  for(int pages = 0; pages < 100000; pages++) {
    ao__s3_req *ls = ao__s3_req_new(&r->s3, "GET", "");
    if(!ls) {
      st = AO_NOMEM;
      break;
    }
    ls->r.label = "(listing)";
    ao__s3_req_query(ls, "list-type", "2");
    ao__s3_req_query(ls, "prefix", r->prefix);
    ao__s3_req_query(ls, "encoding-type", "url");
    if(token)
      ao__s3_req_query(ls, "continuation-token", token);
    ao__req *batch[2] = { &ls->r, &get->r };
    /* the manifest is fetched beside the first page */
    ao__http_run(&r->http, batch, first ? 2 : 1);
    if(!ls->r.ok) {
      ao_diag_add(r->d, AO_ERROR, SIZE_MAX, "s3://%s/%s: cannot list the bucket: %s",
                  r->bucket, r->prefix, ls->r.err);
      st = ls->r.status == 403 || ls->r.status == 404 ? AO_CONFIG : AO_NET;
      ao__s3_req_free(ls);
      break;
    }
    if(first) {
      if(get->r.ok) {
        ao_buf_append(&r->manifest_raw, get->r.resp.data, get->r.resp.len);
      }
      else if(get->r.status != 404 && get->r.status != 403) {
        ao_diag_add(r->d, AO_ERROR, SIZE_MAX, "cannot read the remote manifest: %s",
                    get->r.err);
        st = AO_NET;
        ao__s3_req_free(ls);
        break;
      }
    }
    first = 0;
    ao_diags pd;
    ao_diags_init(&pd, "ListObjectsV2", ls->r.resp.data, ls->r.resp.len);
    st = ao_s3_list_parse(ls->r.resp.data, ls->r.resp.len, &page, &pd);
    ao_diags_move(r->d, &pd);
    ao_diags_free(&pd);
    ao__s3_req_free(ls);
    if(st)
      break;
    ao_free(token);
    token = page.next_token ? ao__strdup(page.next_token) : NULL;
    if(!page.truncated || !token)
      break;
  }
  ao_free(token);
  ao__s3_req_free(get);
  /* keys relative to the prefix */
  size_t pl = strlen(r->prefix);
  for(size_t i = 0; i < page.n; i++) {
    char *k = page.items[i].key;
    if(strncmp(k, r->prefix, pl)) {
      ao_free(k);
      continue;
    }
    memmove(k, k + pl, strlen(k + pl) + 1);
    if(r->remote.n == r->remote.cap) {
      size_t cap = r->remote.cap ? r->remote.cap * 2 : 64;
      ao_s3_object *it = ao_realloc(r->remote.items, cap * sizeof(*it));
      if(!it) {
        ao_free(k);
        st = AO_NOMEM;
        continue;
      }
      r->remote.items = it;
      r->remote.cap = cap;
    }
    r->remote.items[r->remote.n++] = page.items[i];
  }
  ao_free(page.items);
  ao_free(page.next_token);
  return st;
}

/* ---- the plan ------------------------------------------------------------------ */

static void plan(run *r)
{
  for(size_t i = 0; i < r->n; i++) {
    item *it = &r->items[i];
    ao_s3_object *ro = remote_find(r, it->rel);
    mobj *m = mo_find(r, it->rel);
    it->action = AO_PUB_UPLOAD;
    if(!ro) {
      it->reason = "new";
      continue;
    }
    int by_manifest = m && m->sha && !strcmp(m->sha, it->sha) &&
                      m->size == it->size && ro->size == it->size;
    int by_md5 = ro->size == it->size && !strcasecmp(ro->etag, it->md5hex);
    if(!by_manifest && !by_md5) {
      it->reason = "changed";
      continue;
    }
    if(by_manifest &&
       (strcmp(m->ctype ? m->ctype : "", it->ctype) ||
        strcmp(m->cc ? m->cc : "", it->cc) ||
        strcmp(m->cenc ? m->cenc : "", it->cenc ? it->cenc : ""))) {
      it->reason = "headers changed";
      continue;
    }
    it->action = AO_PUB_SKIP;
    it->reason = by_manifest ? "unchanged" : "same size and MD5";
  }
}

/* Release id: a digest of the sorted (path, sha) list. */
static void release_id(run *r, char out[17])
{
  ao_sha256 h;
  unsigned char d[32];
  if(ao_sha256_init(&h)) {
    memset(out, '0', 16);
    out[16] = 0;
    return;
  }
  for(size_t i = 0; i < r->n; i++) {
    ao_sha256_update(&h, r->items[i].rel, strlen(r->items[i].rel) + 1);
    ao_sha256_update(&h, r->items[i].sha, 65);
  }
  ao_sha256_final(&h, d);
  char hex[65];
  ao_hex(d, 32, hex);
  memcpy(out, hex, 16);
  out[16] = 0;
}

static int item_has(run *r, const char *rel)
{
  size_t lo = 0, hi = r->n;
  while(lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = strcmp(r->items[mid].rel, rel);
    if(!c)
      return 1;
    if(c < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return 0;
}

/* The keys the kept previous releases use: the first keep_releases of the
 * manifest's list that are not the current one, sorted for bsearch (the
 * strings belong to the manifest document). *unknown: no release history,
 * so everything listed counts as the previous release. */
static ao_status kept_keys(run *r, const char *id, const char ***out,
                           size_t *n, int *unknown)
{
  *out = NULL;
  *n = 0;
  const cJSON *rels = cJSON_GetObjectItemCaseSensitive(r->manifest, "releases");
  *unknown = !r->manifest || !cJSON_IsArray(rels);
  if(*unknown)
    return AO_OK;
  size_t cap = 0;
  int kept = 0;
  const cJSON *rel, *k;
  cJSON_ArrayForEach(rel, rels) {
    const char *rid = jstr(rel, "id");
    if(rid && !strcmp(rid, id))
      continue;
    if(kept++ >= r->o->keep_releases)
      break;
    cJSON_ArrayForEach(k, cJSON_GetObjectItemCaseSensitive(rel, "keys")) {
      if(!cJSON_IsString(k))
        continue;
      if(*n == cap) {
        cap = cap ? cap * 2 : 256;
        const char **p = ao_realloc((void *)*out, cap * sizeof(*p));
        if(!p)
          return AO_NOMEM;
        *out = p;
      }
      (*out)[(*n)++] = k->valuestring;
    }
  }
  if(*n)
    qsort((void *)*out, *n, sizeof(**out), cmp_str);
  return AO_OK;
}

/* The new manifest: objects of the folder plus those kept, and the release
 * list headed by the current one. */
static char *new_manifest(run *r, const char *id, const unsigned char *deleted)
{
  cJSON *j = cJSON_CreateObject();
  cJSON_AddNumberToObject(j, "version", 1);
  cJSON_AddStringToObject(j, "generator", "assetopt " AO_VERSION);
  cJSON *rels = cJSON_AddArrayToObject(j, "releases");
  cJSON *cur = cJSON_CreateObject();
  cJSON_AddStringToObject(cur, "id", id);
  cJSON *keys = cJSON_AddArrayToObject(cur, "keys");
  for(size_t i = 0; i < r->n; i++)
    cJSON_AddItemToArray(keys, cJSON_CreateString(r->items[i].rel));
  cJSON_AddItemToArray(rels, cur);
  const cJSON *old = cJSON_GetObjectItemCaseSensitive(r->manifest, "releases");
  int kept = 0;
  if(r->manifest && cJSON_IsArray(old)) {
    const cJSON *rel;
    cJSON_ArrayForEach(rel, old) {
      const char *rid = jstr(rel, "id");
      if(!rid || !strcmp(rid, id))
        continue;
      if(kept++ >= r->o->keep_releases)
        break;
      cJSON_AddItemToArray(rels, cJSON_Duplicate(rel, 1));
    }
  }
  else if(r->remote.n && r->o->keep_releases > 0) {
    /* the objects found before the first assetopt publish */
    cJSON *prev = cJSON_CreateObject();
    cJSON_AddStringToObject(prev, "id", "unmanaged");
    cJSON *pk = cJSON_AddArrayToObject(prev, "keys");
    for(size_t i = 0; i < r->remote.n; i++)
      if(strncmp(r->remote.items[i].key, ".assetopt/", 10) && !deleted[i])
        cJSON_AddItemToArray(pk, cJSON_CreateString(r->remote.items[i].key));
    cJSON_AddItemToArray(rels, prev);
  }
  cJSON *objs = cJSON_AddObjectToObject(j, "objects");
  /* merged in key order: folder items and remote objects still present */
  size_t a = 0, b = 0;
  while(a < r->n || b < r->remote.n) {
    int c = a >= r->n ? 1 : b >= r->remote.n ? -1
            : strcmp(r->items[a].rel, r->remote.items[b].key);
    if(c <= 0) {
      item *it = &r->items[a++];
      if(c == 0)
        b++;
      cJSON *o = cJSON_CreateObject();
      cJSON_AddStringToObject(o, "sha256", it->sha);
      cJSON_AddNumberToObject(o, "size", (double)it->size);
      cJSON_AddStringToObject(o, "content_type", it->ctype);
      cJSON_AddStringToObject(o, "cache_control", it->cc);
      if(it->cenc)
        cJSON_AddStringToObject(o, "content_encoding", it->cenc);
      cJSON_AddItemToObject(objs, it->rel, o);
    }
    else {
      size_t i = b++;
      const char *k = r->remote.items[i].key;
      if(deleted[i] || !strncmp(k, ".assetopt/", 10))
        continue;
      mobj *m = mo_find(r, k);
      if(!m || !m->sha)
        continue;
      const cJSON *src = cJSON_GetObjectItemCaseSensitive(
        cJSON_GetObjectItemCaseSensitive(r->manifest, "objects"), k);
      if(src)
        cJSON_AddItemToObject(objs, k, cJSON_Duplicate(src, 1));
    }
  }
  char *text = cJSON_PrintUnformatted(j);
  cJSON_Delete(j);
  return text;
}

/* ---- applying ------------------------------------------------------------------ */

/* Writes one object to a directory target. */
static ao_status dir_put(run *r, const char *rel, const void *p, size_t n)
{
  char *path = ao_path_join(r->dir_root, rel);
  ao_status st = path ? ao_fs_mkdirs_for(path) : AO_NOMEM;
  if(!st)
    st = ao_fs_write_atomic(path, p, n);
  ao_free(path);
  r->st->requests++;
  return st;
}

/* ---- multipart uploads (files of multipart_threshold bytes and more) ---- */

#define PART_SIZE ((size_t)8 << 20)

static const char *find_tag(const ao_buf *b, const char *open, size_t *n)
{
  if(!b->data)
    return NULL;
  const char *s = strstr((const char *)b->data, open);
  if(!s)
    return NULL;
  s += strlen(open);
  const char *e = strchr(s, '<');
  if(!e)
    return NULL;
  *n = (size_t)(e - s);
  return s;
}

static void put_headers(ao__s3_req *q, const item *it)
{
  ao__s3_req_header(q, "content-type", it->ctype);
  ao__s3_req_header(q, "cache-control", it->cc);
  if(it->cenc)
    ao__s3_req_header(q, "content-encoding", it->cenc);
  ao__s3_req_header(q, "x-amz-meta-sha256", it->sha);
}

/* Create, parts in parallel, complete; on any failure the upload is
 * aborted so that no orphaned parts stay billed. 1 when the object is up. */
static int s3_multipart(run *r, item *it, const ao_buf *body)
{
  char *key = with_prefix(r, it->rel);
  if(!key)
    return 0;
  int ok = 0;
  char upload_id[256] = "";
  ao__s3_req *c = ao__s3_req_new(&r->s3, "POST", key);
  ao__s3_req **parts = NULL;
  ao__req **rr = NULL;
  size_t nparts = (body->len + PART_SIZE - 1) / PART_SIZE;
  ao_buf xml = AO_BUF_INIT(0);
  if(!c)
    goto done;
  c->r.label = it->rel;
  ao__s3_req_query(c, "uploads", "");
  put_headers(c, it);
  ao__req *one = &c->r;
  ao__http_run(&r->http, &one, 1);
  size_t idn = 0;
  const char *id = c->r.ok ? find_tag(&c->r.resp, "<UploadId>", &idn) : NULL;
  if(!id || !idn || idn >= sizeof(upload_id)) {
    ao_diag_add(r->d, AO_ERROR, SIZE_MAX, "%s: cannot start a multipart upload: %s",
                it->rel, c->r.err[0] ? c->r.err : "no UploadId");
    goto done;
  }
  memcpy(upload_id, id, idn);
  upload_id[idn] = 0;
  parts = ao_malloc((nparts + 1) * sizeof(*parts));
  rr = ao_malloc((nparts + 1) * sizeof(*rr));
  if(!parts || !rr)
    goto abort;
  memset(parts, 0, (nparts + 1) * sizeof(*parts));
  size_t made = 0;
  for(size_t i = 0; i < nparts; i++) {
    ao__s3_req *q = ao__s3_req_new(&r->s3, "PUT", key);
    if(!q)
      break;
    parts[made] = q;
    rr[made++] = &q->r;
    q->r.label = it->rel;
    char num[24], sha[65], b64[32];
    unsigned char md5[16];
    snprintf(num, sizeof(num), "%zu", i + 1);
    ao__s3_req_query(q, "partNumber", num);
    ao__s3_req_query(q, "uploadId", upload_id);
    size_t off = i * PART_SIZE;
    size_t n = body->len - off < PART_SIZE ? body->len - off : PART_SIZE;
    ao__sha256_hex(body->data + off, n, sha);
    ao__md5(body->data + off, n, md5);
    ao_base64(md5, 16, b64);
    ao__s3_req_body(q, body->data + off, n, sha);
    ao__s3_req_header(q, "content-md5", b64);
  }
  if(made == nparts)
    ao__http_run(&r->http, rr, made);
  int parts_ok = made == nparts;
  ao_buf_puts(&xml, "<CompleteMultipartUpload>");
  for(size_t i = 0; i < made; i++) {
    if(!parts[i]->r.ok || !parts[i]->r.etag[0]) {
      if(parts_ok)
        ao_diag_add(r->d, AO_ERROR, SIZE_MAX, "%s: part %zu failed: %s", it->rel,
                    i + 1, parts[i]->r.err[0] ? parts[i]->r.err : "no ETag");
      parts_ok = 0;
      continue;
    }
    ao_buf_printf(&xml, "<Part><PartNumber>%zu</PartNumber><ETag>\"%s\"</ETag></Part>",
                  i + 1, parts[i]->r.etag);
  }
  ao_buf_puts(&xml, "</CompleteMultipartUpload>");
  for(size_t i = 0; i < made; i++)
    ao__s3_req_free(parts[i]);
  if(!parts_ok || xml.err)
    goto abort;
  ao__s3_req *f = ao__s3_req_new(&r->s3, "POST", key);
  if(!f)
    goto abort;
  f->r.label = it->rel;
  ao__s3_req_query(f, "uploadId", upload_id);
  char sha[65];
  ao__sha256_hex(xml.data, xml.len, sha);
  ao__s3_req_body(f, xml.data, xml.len, sha);
  ao__s3_req_header(f, "content-type", "application/xml");
  one = &f->r;
  ao__http_run(&r->http, &one, 1);
  /* S3 may answer 200 with an error document */
  ok = f->r.ok && f->r.resp.data &&
       !strstr((const char *)f->r.resp.data, "<Error>");
  if(!ok)
    ao_diag_add(r->d, AO_ERROR, SIZE_MAX, "%s: cannot complete the multipart upload: %s",
                it->rel, f->r.err[0] ? f->r.err : "error document");
  ao__s3_req_free(f);
  if(ok)
    goto done;
abort:;
  ao__s3_req *a = ao__s3_req_new(&r->s3, "DELETE", key);
  if(a) {
    a->r.label = it->rel;
    ao__s3_req_query(a, "uploadId", upload_id);
    one = &a->r;
    ao__http_run(&r->http, &one, 1);
    if(!a->r.ok && a->r.status != 404)
      ao_diag_add(r->d, AO_WARNING, SIZE_MAX, "%s: cannot abort multipart upload "
                  "%s: %s", it->rel, upload_id, a->r.err);
    ao__s3_req_free(a);
  }
done:
  ao_buf_free(&xml);
  ao_free(parts);
  ao_free(rr);
  ao__s3_req_free(c);
  ao_free(key);
  return ok;
}

static ao_status s3_phase(run *r, item **list, size_t n)
{
  ao__s3_req **reqs = ao_malloc((n + 1) * sizeof(*reqs));
  ao__req **rr = ao_malloc((n + 1) * sizeof(*rr));
  ao_status st = AO_OK;
  if(!reqs || !rr) {
    ao_free(reqs);
    ao_free(rr);
    return AO_NOMEM;
  }
  size_t made = 0;
  ao_buf b = AO_BUF_INIT(FILE_LIMIT);
  size_t threshold = r->o->multipart_threshold ? r->o->multipart_threshold
                                                : (size_t)16 << 20;
  for(size_t i = 0; i < n && !st; i++) {
    item *it = list[i];
    if(it->size < threshold)
      continue;
    ao_buf_reset(&b);
    if(ao_fs_read(it->body_path, FILE_LIMIT, &b, r->d)) {
      st = AO_IO;
      break;
    }
    char sha[65];
    ao__sha256_hex(b.data, b.len, sha);
    if(strcmp(sha, it->sha)) {
      ao_diag_add(r->d, AO_ERROR, SIZE_MAX, "%s: changed while publishing", it->rel);
      st = AO_IO;
      break;
    }
    if(s3_multipart(r, it, &b)) {
      it->ok = 1;
      r->st->uploaded++;
      r->st->bytes_uploaded += it->size;
      r->http.files_done++;
    }
    else {
      r->st->failed++;
    }
  }
  ao_buf_free(&b);
  item **small = ao_malloc((n + 1) * sizeof(*small));
  size_t ns = 0;
  if(!small)
    st = AO_NOMEM;
  for(size_t i = 0; i < n && small; i++)
    if(list[i]->size < threshold)
      small[ns++] = list[i];
  list = small;
  n = ns;
  for(size_t i = 0; i < n && !st; i++) {
    item *it = list[i];
    char *key = with_prefix(r, it->rel);
    ao__s3_req *q = key ? ao__s3_req_new(&r->s3, "PUT", key) : NULL;
    ao_free(key);
    if(!q) {
      st = AO_NOMEM;
      break;
    }
    reqs[made] = q;
    rr[made++] = &q->r;
    q->r.label = it->rel;
    if(ao_fs_read(it->body_path, FILE_LIMIT, &q->owned_body, r->d)) {
      st = AO_IO;
      break;
    }
    char sha[65];
    ao__sha256_hex(q->owned_body.data, q->owned_body.len, sha);
    if(strcmp(sha, it->sha)) {
      ao_diag_add(r->d, AO_ERROR, SIZE_MAX, "%s: changed while publishing", it->rel);
      st = AO_IO;
      break;
    }
    ao__s3_req_body(q, q->owned_body.data, q->owned_body.len, it->sha);
    put_headers(q, it);
    ao__s3_req_header(q, "content-md5", it->md5b64);
  }
  if(!st)
    ao__http_run(&r->http, rr, made);
  for(size_t i = 0; i < made; i++) {
    if(!st) {
      item *it = list[i];
      if(reqs[i]->r.ok) {
        it->ok = 1;
        r->st->uploaded++;
        r->st->bytes_uploaded += it->size;
      }
      else {
        r->st->failed++;
        ao_diag_add(r->d, AO_ERROR, SIZE_MAX, "%s: upload failed: %s", it->rel,
                    reqs[i]->r.err[0] ? reqs[i]->r.err : "unknown error");
      }
    }
    ao__s3_req_free(reqs[i]);
  }
  ao_free(reqs);
  ao_free(rr);
  ao_free(small);
  return st;
}

static ao_status upload_phase(run *r, int phase)
{
  size_t n = 0;
  for(size_t i = 0; i < r->n; i++)
    if(r->items[i].action == AO_PUB_UPLOAD && r->items[i].phase == phase)
      n++;
  if(!n)
    return AO_OK;
  item **list = ao_malloc(n * sizeof(*list));
  if(!list)
    return AO_NOMEM;
  n = 0;
  for(size_t i = 0; i < r->n; i++)
    if(r->items[i].action == AO_PUB_UPLOAD && r->items[i].phase == phase)
      list[n++] = &r->items[i];
  ao_status st = AO_OK;
  size_t failed0 = r->st->failed;
  if(r->is_dir) {
    ao_buf b = AO_BUF_INIT(FILE_LIMIT);
    for(size_t i = 0; i < n && !st; i++) {
      ao_buf_reset(&b);
      st = ao_fs_read(list[i]->body_path, FILE_LIMIT, &b, r->d);
      if(!st && dir_put(r, list[i]->rel, b.data, b.len)) {
        ao_diag_add(r->d, AO_ERROR, SIZE_MAX, "%s: cannot write to %s",
                    list[i]->rel, r->dir_root);
        r->st->failed++;
        continue;
      }
      if(!st) {
        list[i]->ok = 1;
        r->st->uploaded++;
        r->st->bytes_uploaded += list[i]->size;
        if(r->o->progress)
          r->o->progress(r->o->ud, r->st->uploaded, r->http.files_total,
                         r->st->bytes_uploaded);
      }
    }
    ao_buf_free(&b);
  }
  else {
    st = s3_phase(r, list, n);
  }
  ao_free(list);
  if(!st && r->st->failed > failed0)
    st = AO_INCOMPLETE;
  return st;
}

static void add_purge(char ***paths, size_t *n, size_t *cap, const char *p)
{
  if(*n == *cap) {
    size_t c = *cap ? *cap * 2 : 32;
    char **np = ao_realloc(*paths, c * sizeof(*np));
    if(!np)
      return;
    *paths = np;
    *cap = c;
  }
  ao_buf b = AO_BUF_INIT(0);
  ao_buf_putc(&b, '/');
  ao_uri_encode(&b, p, strlen(p), 1);
  char *s = (char *)ao_buf_detach(&b, NULL);
  if(s)
    (*paths)[(*n)++] = s;
}

/* "/docs/index.html" also purges "/docs/" and "/docs". */
static void purge_path(char ***paths, size_t *n, size_t *cap, const char *rel)
{
  add_purge(paths, n, cap, rel);
  size_t l = strlen(rel);
  if(l >= 10 && !strcmp(rel + l - 10, "index.html") &&
     (l == 10 || rel[l - 11] == '/')) {
    char *dir = ao__strndup(rel, l - 10);
    if(!dir)
      return;
    add_purge(paths, n, cap, dir);
    if(l > 10) {
      dir[l - 11] = 0;
      add_purge(paths, n, cap, dir);
    }
    ao_free(dir);
  }
}

static void human(unsigned long long n, char out[32])
{
  if(n < 1000)
    snprintf(out, 32, "%llu B", n);
  else if(n < 1000000)
    snprintf(out, 32, "%.1f kB", (double)n / 1e3);
  else
    snprintf(out, 32, "%.1f MB", (double)n / 1e6);
}

/* ---- target parsing ------------------------------------------------------------ */

static ao_status parse_target(run *r)
{
  const char *to = r->o->to;
  if(!to) {
    ao_diag_add(r->d, AO_ERROR, SIZE_MAX, "no target: give --to s3://BUCKET[/PREFIX] "
                "or --to file:///PATH");
    return AO_USAGE;
  }
  if(!strncmp(to, "file://", 7)) {
    const char *p = to + 7;
    if(*p != '/') {
      ao_diag_add(r->d, AO_ERROR, SIZE_MAX, "%s: a file:// target needs an "
                  "absolute path (file:///srv/www)", to);
      return AO_USAGE;
    }
    r->is_dir = 1;
    r->dir_root = ao__strdup(p);
    r->prefix = ao__strdup("");
    return r->dir_root && r->prefix ? AO_OK : AO_NOMEM;
  }
  if(strncmp(to, "s3://", 5) || !to[5] || to[5] == '/') {
    ao_diag_add(r->d, AO_ERROR, SIZE_MAX, "%s: the target must be "
                "s3://BUCKET[/PREFIX] or file:///PATH", to);
    return AO_USAGE;
  }
  const char *b = to + 5, *slash = strchr(b, '/');
  r->bucket = slash ? ao__strndup(b, (size_t)(slash - b)) : ao__strdup(b);
  ao_buf pre = AO_BUF_INIT(0);
  ao_buf_puts(&pre, "");
  if(slash) {
    const char *p = slash;
    while(*p == '/')
      p++;
    size_t n = strlen(p);
    while(n && p[n - 1] == '/')
      n--;
    if(n) {
      ao_buf_append(&pre, p, n);
      ao_buf_putc(&pre, '/');
    }
  }
  r->prefix = (char *)ao_buf_detach(&pre, NULL);
  return r->bucket && r->prefix ? AO_OK : AO_NOMEM;
}

/* ---- the run ------------------------------------------------------------------- */

static void run_free(run *r)
{
  for(size_t i = 0; i < r->n; i++) {
    ao_free(r->items[i].rel);
    ao_free(r->items[i].body_path);
  }
  ao_free(r->items);
  ao_s3_listing_free(&r->remote);
  cJSON_Delete(r->manifest);
  ao_buf_free(&r->manifest_raw);
  ao_free(r->mo);
  ao_free(r->dir_root);
  ao_free(r->bucket);
  ao_free(r->prefix);
  ao__s3_free(&r->s3);
  if(r->http_ready)
    ao__http_free(&r->http);
  ao_aws_config_free(&r->cfg);
}

static ao_status delete_objects(run *r, char **keys, size_t n)
{
  ao_status st = AO_OK;
  if(r->is_dir) {
    for(size_t i = 0; i < n; i++) {
      char *p = ao_path_join(r->dir_root, keys[i]);
      r->st->requests++;
      if(!p || (unlink(p) && ao_fs_exists(p))) {
        ao_diag_add(r->d, AO_ERROR, SIZE_MAX, "%s: cannot delete", keys[i]);
        r->st->failed++;
        st = AO_INCOMPLETE;
      }
      else {
        r->st->deleted++;
      }
      ao_free(p);
    }
    return st;
  }
  ao__s3_req **reqs = ao_malloc((n + 1) * sizeof(*reqs));
  ao__req **rr = ao_malloc((n + 1) * sizeof(*rr));
  size_t made = 0;
  if(!reqs || !rr) {
    ao_free(reqs);
    ao_free(rr);
    return AO_NOMEM;
  }
  for(size_t i = 0; i < n; i++) {
    char *key = with_prefix(r, keys[i]);
    ao__s3_req *q = key ? ao__s3_req_new(&r->s3, "DELETE", key) : NULL;
    ao_free(key);
    if(!q) {
      st = AO_NOMEM;
      break;
    }
    q->r.label = keys[i];
    reqs[made] = q;
    rr[made++] = &q->r;
  }
  if(!st)
    ao__http_run(&r->http, rr, made);
  for(size_t i = 0; i < made; i++) {
    if(!st) {
      if(reqs[i]->r.ok || reqs[i]->r.status == 404) {
        r->st->deleted++;
      }
      else {
        r->st->failed++;
        ao_diag_add(r->d, AO_ERROR, SIZE_MAX, "%s: delete failed: %s", keys[i],
                    reqs[i]->r.err);
        st = AO_INCOMPLETE;
      }
    }
    ao__s3_req_free(reqs[i]);
  }
  ao_free(reqs);
  ao_free(rr);
  return st;
}

static ao_status put_manifest(run *r, const char *text)
{
  size_t n = strlen(text);
  if(r->is_dir)
    return dir_put(r, MANIFEST_REL, text, n) ? AO_INCOMPLETE : AO_OK;
  char *key = with_prefix(r, MANIFEST_REL);
  ao__s3_req *q = key ? ao__s3_req_new(&r->s3, "PUT", key) : NULL;
  ao_free(key);
  if(!q)
    return AO_NOMEM;
  char sha[65], b64[32];
  unsigned char md5[16];
  ao__sha256_hex(text, n, sha);
  ao__md5(text, n, md5);
  ao_base64(md5, 16, b64);
  ao__s3_req_body(q, (const unsigned char *)text, n, sha);
  ao__s3_req_header(q, "content-type", "application/json");
  ao__s3_req_header(q, "cache-control", "no-store");
  ao__s3_req_header(q, "content-md5", b64);
  ao__req *one = &q->r;
  ao__http_run(&r->http, &one, 1);
  ao_status st = AO_OK;
  if(!q->r.ok) {
    ao_diag_add(r->d, AO_ERROR, SIZE_MAX, "%s: upload failed: %s", MANIFEST_REL,
                q->r.err);
    r->st->failed++;
    st = AO_INCOMPLETE;
  }
  ao__s3_req_free(q);
  return st;
}

ao_status ao_publish(const ao_publish_opts *o, ao_publish_stats *stats,
                     ao_diags *d)
{
  run r;
  memset(&r, 0, sizeof(r));
  memset(stats, 0, sizeof(*stats));
  r.o = o;
  r.d = d;
  r.st = stats;
  ao_buf_init(&r.manifest_raw, 64u << 20);
  double t0 = ao__now();
  char **del = NULL, **purge = NULL;
  const char **kept = NULL;
  size_t ndel = 0, npurge = 0, cpurge = 0;
  unsigned char *deleted = NULL;
  char *text = NULL;
  ao_status st = parse_target(&r);
  if(!st && o->content_encoding && strcmp(o->content_encoding, "br") &&
     strcmp(o->content_encoding, "gzip")) {
    ao_diag_add(d, AO_ERROR, SIZE_MAX, "--content-encoding is gzip or br, not '%s'",
                o->content_encoding);
    st = AO_USAGE;
  }
  if(!st)
    st = read_folder(&r);
  if(st)
    goto done;
  int need_aws = !r.is_dir || o->cloudfront;
  if(need_aws) {
    st = ao_aws_config_load(o->profile, &r.cfg, d);
    if(st)
      goto done;
    if(o->region) {
      ao_free(r.cfg.region);
      r.cfg.region = ao__strdup(o->region);
    }
    if(!r.cfg.access_key || !r.cfg.secret_key) {
      ao_diag_add(d, AO_ERROR, SIZE_MAX, "no AWS credentials: set AWS_ACCESS_KEY_ID "
                  "and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE with ~/.aws/credentials");
      st = AO_CONFIG;
      goto done;
    }
    ao__log(o, 1, "credentials from %s, region %s", r.cfg.source, r.cfg.region);
  }
  if(o->cloudflare_zone && (!getenv("CLOUDFLARE_API_TOKEN") || !o->site_url)) {
    ao_diag_add(d, AO_ERROR, SIZE_MAX, "--cloudflare-zone needs CLOUDFLARE_API_TOKEN "
                "and --site-url");
    st = AO_CONFIG;
    goto done;
  }
  const char *ca = o->ca_bundle ? o->ca_bundle : r.cfg.ca_bundle;
  const char *why = NULL;
  if(!ao__curl_load(&why)) {
    ao_diag_add(d, AO_ERROR, SIZE_MAX, "%s", why);
    st = AO_CONFIG;
    goto done;
  }
  st = ao__http_init(&r.http, o, ca);
  if(st)
    goto done;
  r.http_ready = 1;
  if(r.is_dir) {
    st = list_dir_target(&r);
  }
  else {
    const char *ep = o->endpoint ? o->endpoint : r.cfg.endpoint_s3;
    st = ao__s3_init(&r.s3, &r.cfg, r.bucket, ep, o->path_style, d);
    if(!st)
      st = list_s3_target(&r);
  }
  if(st)
    goto done;
  if(r.remote.n)
    qsort(r.remote.items, r.remote.n, sizeof(*r.remote.items), cmp_obj);
  if(r.manifest_raw.len && (st = parse_manifest(&r)))
    goto done;
  plan(&r);
  char id[17];
  release_id(&r, id);

  /* deletions: remote objects neither in the folder nor in a kept release */
  deleted = ao_malloc(r.remote.n + 1);
  del = ao_malloc((r.remote.n + 1) * sizeof(*del));
  if(!deleted || !del) {
    st = AO_NOMEM;
    goto done;
  }
  memset(deleted, 0, r.remote.n + 1);
  size_t kept_old = 0, nkept = 0;
  int unknown = 0;
  if((st = kept_keys(&r, id, &kept, &nkept, &unknown)))
    goto done;
  for(size_t i = 0; i < r.remote.n; i++) {
    const char *k = r.remote.items[i].key;
    if(!strncmp(k, ".assetopt/", 10) || item_has(&r, k))
      continue;
    if(!o->delete_removed || unknown ||
       (nkept && bsearch(&k, kept, nkept, sizeof(*kept), cmp_str))) {
      kept_old++;
      continue;
    }
    deleted[i] = 1;
    del[ndel++] = r.remote.items[i].key;
    stats->bytes_deleted += r.remote.items[i].size;
  }

  size_t nup = 0;
  unsigned long long bup = 0;
  for(size_t i = 0; i < r.n; i++) {
    item *it = &r.items[i];
    char hs[32];
    human(it->size, hs);
    if(it->action == AO_PUB_UPLOAD) {
      nup++;
      bup += it->size;
      if(o->dry_run || o->verbose)
        ao__log(o, 0, "upload  %s  %s  (%s)", it->rel, hs, it->reason);
    }
    else {
      stats->skipped++;
      stats->bytes_skipped += it->size;
      if(o->verbose)
        ao__log(o, 1, "skip    %s  %s  (%s)", it->rel, hs, it->reason);
    }
  }
  for(size_t i = 0; i < ndel; i++)
    if(o->dry_run || o->verbose)
      ao__log(o, 0, "delete  %s  (in no kept release)", del[i]);
  if(kept_old && (o->dry_run || o->verbose))
    ao__log(o, 1, "keep    %zu older object(s) %s", kept_old,
            o->delete_removed ? "used by kept releases" : "(no --delete)");
  r.http.files_total = nup;

  /* purge list: changed names that are not content-hashed */
  for(size_t i = 0; i < r.n; i++) {
    item *it = &r.items[i];
    if(it->action == AO_PUB_UPLOAD && !it->hashed && strcmp(it->reason, "new"))
      purge_path(&purge, &npurge, &cpurge, it->rel);
  }
  for(size_t i = 0; i < ndel; i++)
    if(!ao_publish_name_is_hashed(del[i]))
      purge_path(&purge, &npurge, &cpurge, del[i]);

  text = new_manifest(&r, id, deleted);
  if(!text) {
    st = AO_NOMEM;
    goto done;
  }
  int manifest_changed = r.manifest_raw.len != strlen(text) ||
                         (r.manifest_raw.len &&
                          memcmp(r.manifest_raw.data, text, r.manifest_raw.len));
  if(o->dry_run) {
    if(manifest_changed)
      ao__log(o, 0, "upload  %s  (remote manifest, last)", MANIFEST_REL);
    for(size_t i = 0; i < npurge && (o->cloudfront || o->cloudflare_zone); i++)
      ao__log(o, 0, "purge   %s", purge[i]);
    stats->uploaded = nup;
    stats->bytes_uploaded = bup;
    stats->deleted = ndel;
    goto done;
  }

  for(int phase = 0; phase < 3 && !st; phase++)
    st = upload_phase(&r, phase);
  if(!st && manifest_changed)
    st = put_manifest(&r, text);
  if(!st && ndel)
    st = delete_objects(&r, del, ndel);
  if(!st && npurge && o->cloudfront) {
    st = ao__cloudfront_purge(&r.http, &r.cfg, o->cloudfront, purge, npurge,
                              o->purge_threshold, o->cloudfront_wait, d);
    if(!st)
      stats->purged = npurge;
  }
  if(!st && npurge && o->cloudflare_zone) {
    st = ao__cloudflare_purge(&r.http, o->cloudflare_zone, o->site_url, purge,
                              npurge, o->purge_threshold, d);
    if(!st)
      stats->purged = npurge;
  }
done:
  if(r.http_ready) {
    stats->requests += r.http.requests;
    stats->retries = r.http.retries;
  }
  stats->seconds = ao__now() - t0;
  for(size_t i = 0; i < npurge; i++)
    ao_free(purge[i]);
  ao_free(purge);
  cJSON_free(text);
  ao_free(del);
  ao_free((void *)kept);
  ao_free(deleted);
  run_free(&r);
  return st;
}
