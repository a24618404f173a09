/* AWS credentials and configuration, resolved the way the AWS CLI does:
 * environment, then the shared credentials and config files. */
#include <assetopt/publish.h>
#include <assetopt/fs.h>

#include "publish_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *ao__strdup(const char *s)
{
  if(!s)
    return NULL;
  size_t n = strlen(s);
  char *p = ao_malloc(n + 1);
  if(p)
    memcpy(p, s, n + 1);
  return p;
}

char *ao__strndup(const char *s, size_t n)
{
  char *p = ao_malloc(n + 1);
  if(p) {
    memcpy(p, s, n);
    p[n] = 0;
  }
  return p;
}

static int is_space(char c)
{
  return c == ' ' || c == '\t' || c == '\r';
}

/* [start, end) of line i's content with blanks trimmed at both ends. */
static void trim(const char **s, const char **e)
{
  while(*s < *e && is_space(**s))
    (*s)++;
  while(*e > *s && is_space((*e)[-1]))
    (*e)--;
}

char *ao_ini_get(const char *src, size_t len, const char *section,
                 const char *key)
{
  const char *p = src, *end = src + len;
  int in_section = 0;
  char *found = NULL;
  size_t slen = strlen(section), klen = strlen(key);
  while(p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *le = nl ? nl : end;
    const char *s = p, *e = le;
    int indented = s < e && is_space(*s);
    p = nl ? nl + 1 : end;
    trim(&s, &e);
    if(s == e || *s == '#' || *s == ';')
      continue;
    if(*s == '[' && !indented) {
      const char *ce = memchr(s, ']', (size_t)(e - s));
      if(!ce) {
        in_section = 0;
        continue;
      }
      const char *ns = s + 1, *ne = ce;
      trim(&ns, &ne);
      in_section = (size_t)(ne - ns) == slen && !memcmp(ns, section, slen);
      continue;
    }
    if(!in_section || indented)
      continue;
    const char *eq = memchr(s, '=', (size_t)(e - s));
    if(!eq)
      continue;
    const char *ks = s, *ke = eq, *vs = eq + 1, *ve = e;
    trim(&ks, &ke);
    trim(&vs, &ve);
    if((size_t)(ke - ks) == klen && !memcmp(ks, key, klen)) {
      ao_free(found); /* the last one wins */
      found = ao__strndup(vs, (size_t)(ve - vs));
    }
  }
  return found;
}

/* Whether [section] exists at all. */
static int ini_has_section(const char *src, size_t len, const char *section)
{
  const char *p = src, *end = src + len;
  size_t slen = strlen(section);
  while(p < end) {
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *s = p, *e = nl ? nl : end;
    p = nl ? nl + 1 : end;
    trim(&s, &e);
    if(s < e && *s == '[') {
      const char *ce = memchr(s, ']', (size_t)(e - s));
      if(ce) {
        const char *ns = s + 1, *ne = ce;
        trim(&ns, &ne);
        if((size_t)(ne - ns) == slen && !memcmp(ns, section, slen))
          return 1;
      }
    }
  }
  return 0;
}

static const char *env(const char *name)
{
  const char *v = getenv(name);
  return v && *v ? v : NULL;
}

static void set(char **dst, const char *v)
{
  if(!*dst && v)
    *dst = ao__strdup(v);
}

/* Reads a shared file named by an environment variable or under ~/.aws. */
static int read_shared(const char *var, const char *name, ao_buf *out)
{
  const char *path = env(var);
  char *own = NULL;
  if(!path) {
    const char *home = env("HOME");
    if(!home)
      return 0;
    own = ao_malloc(strlen(home) + strlen(name) + 8);
    if(!own)
      return 0;
    sprintf(own, "%s/.aws/%s", home, name);
    path = own;
  }
  int ok = ao_fs_is_dir(path) == 0 && ao_fs_exists(path) &&
           ao_fs_read(path, 1 << 20, out, NULL) == AO_OK;
  ao_free(own);
  return ok;
}

ao_status ao_aws_config_load(const char *profile, ao_aws_config *c,
                             ao_diags *d)
{
  memset(c, 0, sizeof(*c));
  int explicit_profile = profile && *profile;
  const char *prof = explicit_profile ? profile : env("AWS_PROFILE");
  if(!prof)
    prof = "default";

  if(!explicit_profile && env("AWS_ACCESS_KEY_ID") &&
     env("AWS_SECRET_ACCESS_KEY")) {
    set(&c->access_key, env("AWS_ACCESS_KEY_ID"));
    set(&c->secret_key, env("AWS_SECRET_ACCESS_KEY"));
    set(&c->session_token, env("AWS_SESSION_TOKEN"));
    snprintf(c->source, sizeof(c->source), "environment");
  }
  set(&c->region, env("AWS_REGION"));
  set(&c->region, env("AWS_DEFAULT_REGION"));
  set(&c->endpoint_s3, env("AWS_ENDPOINT_URL_S3"));
  set(&c->endpoint_s3, env("AWS_ENDPOINT_URL"));
  set(&c->endpoint_cloudfront, env("AWS_ENDPOINT_URL_CLOUDFRONT"));
  set(&c->endpoint_cloudfront, env("AWS_ENDPOINT_URL"));
  set(&c->ca_bundle, env("AWS_CA_BUNDLE"));

  ao_buf cred = AO_BUF_INIT(0), conf = AO_BUF_INIT(0);
  int have_cred = read_shared("AWS_SHARED_CREDENTIALS_FILE", "credentials", &cred);
  int have_conf = read_shared("AWS_CONFIG_FILE", "config", &conf);
  char section[300];
  if(!strcmp(prof, "default"))
    snprintf(section, sizeof(section), "default");
  else
    snprintf(section, sizeof(section), "profile %s", prof);
  int known = (have_cred && ini_has_section((char *)cred.data, cred.len, prof)) ||
              (have_conf && (ini_has_section((char *)conf.data, conf.len, section) ||
                             ini_has_section((char *)conf.data, conf.len, prof)));
  if(!c->access_key) {
    const char *srcs[2] = { have_cred ? (char *)cred.data : NULL,
                            have_conf ? (char *)conf.data : NULL };
    size_t lens[2] = { cred.len, conf.len };
    const char *secs[2] = { prof, section };
    for(int i = 0; i < 2 && !c->access_key; i++) {
      if(!srcs[i])
        continue;
      char *ak = ao_ini_get(srcs[i], lens[i], secs[i], "aws_access_key_id");
      char *sk = ao_ini_get(srcs[i], lens[i], secs[i], "aws_secret_access_key");
      if(ak && sk) {
        c->access_key = ak;
        c->secret_key = sk;
        c->session_token = ao_ini_get(srcs[i], lens[i], secs[i],
                                      "aws_session_token");
        snprintf(c->source, sizeof(c->source), "profile %.40s (%s)", prof,
                 i ? "config file" : "credentials file");
      }
      else {
        ao_free(ak);
        if(sk)
          memset(sk, 0, strlen(sk));
        ao_free(sk);
      }
    }
  }
  if(have_conf) {
    const char *src = (char *)conf.data;
    char *v;
    if(!c->region && (v = ao_ini_get(src, conf.len, section, "region")))
      c->region = v;
    if(!c->endpoint_s3 && (v = ao_ini_get(src, conf.len, section, "endpoint_url")))
      c->endpoint_s3 = v;
    if(!c->ca_bundle && (v = ao_ini_get(src, conf.len, section, "ca_bundle")))
      c->ca_bundle = v;
  }
  if(cred.data)
    memset(cred.data, 0, cred.len);
  ao_buf_free(&cred);
  ao_buf_free(&conf);
  if(!c->region)
    c->region = ao__strdup("us-east-1");
  if(explicit_profile && !known) {
    ao_diag_add(d, AO_ERROR, SIZE_MAX,
                "the AWS profile '%s' is in neither the credentials nor the "
                "config file", profile);
    return AO_CONFIG;
  }
  return c->region ? AO_OK : AO_NOMEM;
}

static void wipe(char *s)
{
  if(s) {
    memset(s, 0, strlen(s));
    ao_free(s);
  }
}

void ao_aws_config_free(ao_aws_config *c)
{
  ao_free(c->access_key);
  wipe(c->secret_key);
  wipe(c->session_token);
  ao_free(c->region);
  ao_free(c->endpoint_s3);
  ao_free(c->endpoint_cloudfront);
  ao_free(c->ca_bundle);
  memset(c, 0, sizeof(*c));
}
