/* assetopt publish DIR --to URL: upload what changed, in a safe order, then
 * purge the CDN. */
#include "cli.h"

#include <assetopt/publish.h>

#include <cJSON.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char usage_text[] =
  "usage: assetopt publish [DIR] --to s3://BUCKET[/PREFIX] | file:///PATH [OPTIONS]\n"
  "  --to URL                 target: s3://BUCKET[/PREFIX] or file:///PATH\n"
  "  --region R               AWS region (default: AWS_REGION, the profile, us-east-1)\n"
  "  --endpoint URL           S3-compatible endpoint (R2, MinIO …; AWS_ENDPOINT_URL_S3)\n"
  "  --path-style             path-style addressing (default for IP/localhost endpoints)\n"
  "  --virtual-hosted         virtual-hosted addressing (BUCKET.host)\n"
  "  --profile NAME           AWS profile from ~/.aws/credentials and ~/.aws/config\n"
  "  --ca-bundle FILE         trust this CA bundle (AWS_CA_BUNDLE)\n"
  "  -j, --jobs N             parallel transfers (16)\n"
  "  -n, --dry-run            print the plan, change nothing\n"
  "      --delete             delete objects no kept release uses (after the rest)\n"
  "      --keep-releases N    previous releases whose objects are kept (1)\n"
  "      --content-encoding E upload the .gz (gzip) or .br (br) sibling of text files\n"
  "      --cache-control GLOB=VALUE  Cache-Control for matching paths (repeatable)\n"
  "      --cache-hashed VALUE Cache-Control of hashed names\n"
  "      --cache-other VALUE  Cache-Control of HTML and other stable names\n"
  "      --multipart-threshold BYTES  upload files this large in parts (16777216)\n"
  "      --retries N          attempts per request (6)\n"
  "      --timeout SECONDS    bound on the whole publish (900)\n"
  "      --request-timeout S  bound on one attempt (120)\n"
  "      --cloudfront ID      invalidate changed paths of this distribution\n"
  "      --wait               wait until the invalidation completed\n"
  "      --cloudflare-zone Z  purge changed URLs in this Cloudflare zone\n"
  "      --site-url URL       the site's URL, for Cloudflare purges\n"
  "      --purge-threshold N  more paths than this: purge everything (500)\n"
  "      --config FILE        read the \"publish\" object of this assetopt.json\n"
  "  -v, --verbose            show every decision and request (never secrets)\n"
  "  -q, --quiet              print errors only\n";

typedef struct pub_cli {
  int quiet, verbose, tty;
  double last_progress, start;
} pub_cli;

static void on_log(void *ud, int level, const char *line)
{
  pub_cli *c = ud;
  if(c->quiet || (level > 0 && !c->verbose))
    return;
  if(c->tty && c->last_progress > 0)
    fputs("\r\033[K", stderr);
  if(level == 2)
    fprintf(stderr, "  %s\n", line);
  else
    printf("%s\n", line);
  fflush(stdout);
}

static double mono(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void on_progress(void *ud, size_t done, size_t total,
                        unsigned long long bytes)
{
  pub_cli *c = ud;
  if(!c->tty || c->quiet)
    return;
  double now = mono();
  if(done < total && now - c->last_progress < 0.1)
    return;
  c->last_progress = now;
  char hb[32], rb[32];
  double secs = now - c->start;
  unsigned long long rate = secs > 0 ? (unsigned long long)((double)bytes / secs) : 0;
  fprintf(stderr, "\r\033[K%zu/%zu files, %s, %s/s", done, total,
          cli_human_size(bytes, hb), cli_human_size(rate, rb));
  if(done >= total)
    fputc('\n', stderr);
}

enum {
  OPT_TO = 256, OPT_REGION, OPT_ENDPOINT, OPT_PATH, OPT_VHOST, OPT_PROFILE,
  OPT_CA, OPT_DELETE, OPT_KEEP, OPT_CENC, OPT_CC, OPT_CCH, OPT_CCO,
  OPT_RETRIES, OPT_TIMEOUT, OPT_RTIMEOUT, OPT_CF, OPT_WAIT, OPT_CFZ,
  OPT_SITE, OPT_THRESH, OPT_CONFIG, OPT_MULTI
};

#define MAX_RULES 64

typedef struct rules {
  ao_cache_rule r[MAX_RULES];
  char *own[MAX_RULES];
  size_t n;
} rules;

static int add_rule(rules *rs, const char *glob, size_t gl, const char *value)
{
  if(rs->n >= MAX_RULES)
    return -1;
  char *g = malloc(gl + 1 + strlen(value) + 1);
  if(!g)
    return -1;
  memcpy(g, glob, gl);
  g[gl] = 0;
  strcpy(g + gl + 1, value);
  rs->own[rs->n] = g;
  rs->r[rs->n].glob = g;
  rs->r[rs->n].value = g + gl + 1;
  rs->n++;
  return 0;
}

static const char *cfg_str(const cJSON *o, const char *k)
{
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
  return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Applies the "publish" object of a config file; flags given later win. */
static int read_config(const char *path, int required, ao_publish_opts *o,
                       rules *rs, cJSON **keep)
{
  ao_buf b = AO_BUF_INIT(0);
  if(access(path, R_OK)) {
    if(required) {
      cli_error("publish", "%s: cannot read the config file", path);
      return EXIT_USAGE;
    }
    return 0;
  }
  if(cli_read_input("publish", path, &b)) {
    ao_buf_free(&b);
    return EXIT_USAGE;
  }
  cJSON *j = cJSON_ParseWithLength((const char *)b.data, b.len);
  ao_buf_free(&b);
  if(!j) {
    cli_error("publish", "%s: not valid JSON", path);
    return EXIT_USAGE;
  }
  *keep = j;
  const cJSON *p = cJSON_GetObjectItemCaseSensitive(j, "publish");
  if(!p)
    return 0;
  if(!cJSON_IsObject(p)) {
    cli_error("publish", "%s: \"publish\" must be an object", path);
    return EXIT_USAGE;
  }
  const char *s;
  const cJSON *v;
  if((s = cfg_str(p, "to"))) o->to = s;
  if((s = cfg_str(p, "region"))) o->region = s;
  if((s = cfg_str(p, "endpoint"))) o->endpoint = s;
  if((s = cfg_str(p, "profile"))) o->profile = s;
  if((s = cfg_str(p, "contentEncoding"))) o->content_encoding = s;
  if((s = cfg_str(p, "cacheHashed"))) o->cache_hashed = s;
  if((s = cfg_str(p, "cacheOther"))) o->cache_other = s;
  if((s = cfg_str(p, "cloudfront"))) o->cloudfront = s;
  if((s = cfg_str(p, "cloudflareZone"))) o->cloudflare_zone = s;
  if((s = cfg_str(p, "siteUrl"))) o->site_url = s;
  if((v = cJSON_GetObjectItemCaseSensitive(p, "pathStyle")) && cJSON_IsBool(v))
    o->path_style = cJSON_IsTrue(v);
  if((v = cJSON_GetObjectItemCaseSensitive(p, "delete")) && cJSON_IsBool(v))
    o->delete_removed = cJSON_IsTrue(v);
  if((v = cJSON_GetObjectItemCaseSensitive(p, "jobs")) && cJSON_IsNumber(v))
    o->jobs = v->valueint;
  if((v = cJSON_GetObjectItemCaseSensitive(p, "keepReleases")) && cJSON_IsNumber(v))
    o->keep_releases = v->valueint;
  if((v = cJSON_GetObjectItemCaseSensitive(p, "retries")) && cJSON_IsNumber(v))
    o->max_attempts = v->valueint;
  if((v = cJSON_GetObjectItemCaseSensitive(p, "timeout")) && cJSON_IsNumber(v))
    o->timeout = v->valuedouble;
  if((v = cJSON_GetObjectItemCaseSensitive(p, "purgeThreshold")) && cJSON_IsNumber(v))
    o->purge_threshold = (size_t)v->valuedouble;
  const cJSON *cc = cJSON_GetObjectItemCaseSensitive(p, "cacheControl");
  const cJSON *e;
  cJSON_ArrayForEach(e, cc) {
    if(!cJSON_IsString(e) || !e->string)
      continue;
    if(add_rule(rs, e->string, strlen(e->string), e->valuestring)) {
      cli_error("publish", "%s: too many cacheControl rules", path);
      return EXIT_USAGE;
    }
  }
  return 0;
}

int cmd_publish(int argc, char **argv)
{
  static const struct option longs[] = {
    { "to", required_argument, 0, OPT_TO },
    { "region", required_argument, 0, OPT_REGION },
    { "endpoint", required_argument, 0, OPT_ENDPOINT },
    { "path-style", no_argument, 0, OPT_PATH },
    { "virtual-hosted", no_argument, 0, OPT_VHOST },
    { "profile", required_argument, 0, OPT_PROFILE },
    { "ca-bundle", required_argument, 0, OPT_CA },
    { "jobs", required_argument, 0, 'j' },
    { "dry-run", no_argument, 0, 'n' },
    { "delete", no_argument, 0, OPT_DELETE },
    { "keep-releases", required_argument, 0, OPT_KEEP },
    { "content-encoding", required_argument, 0, OPT_CENC },
    { "cache-control", required_argument, 0, OPT_CC },
    { "cache-hashed", required_argument, 0, OPT_CCH },
    { "cache-other", required_argument, 0, OPT_CCO },
    { "retries", required_argument, 0, OPT_RETRIES },
    { "timeout", required_argument, 0, OPT_TIMEOUT },
    { "request-timeout", required_argument, 0, OPT_RTIMEOUT },
    { "cloudfront", required_argument, 0, OPT_CF },
    { "wait", no_argument, 0, OPT_WAIT },
    { "cloudflare-zone", required_argument, 0, OPT_CFZ },
    { "site-url", required_argument, 0, OPT_SITE },
    { "purge-threshold", required_argument, 0, OPT_THRESH },
    { "config", required_argument, 0, OPT_CONFIG },
    { "multipart-threshold", required_argument, 0, OPT_MULTI },
    { "verbose", no_argument, 0, 'v' },
    { "quiet", no_argument, 0, 'q' },
    { "help", no_argument, 0, 'h' },
    { 0, 0, 0, 0 }
  };
  ao_publish_opts o;
  ao_publish_opts_init(&o);
  rules rs;
  memset(&rs, 0, sizeof(rs));
  pub_cli c = { 0, 0, isatty(2), 0, mono() };
  cJSON *config = NULL;
  int rc = EXIT_OK_;

  /* the config file first, so that flags override it */
  const char *config_path = NULL;
  for(int i = 1; i < argc; i++) {
    if(!strcmp(argv[i], "--config") && i + 1 < argc)
      config_path = argv[i + 1];
    else if(!strncmp(argv[i], "--config=", 9))
      config_path = argv[i] + 9;
  }
  rc = read_config(config_path ? config_path : "assetopt.json", config_path != NULL,
                   &o, &rs, &config);
  if(rc)
    goto out;

  optind = 1;
  int ch;
  char *end;
  while((ch = getopt_long(argc, argv, "j:nvqh", longs, NULL)) != -1) {
    switch(ch) {
    case OPT_TO: o.to = optarg; break;
    case OPT_REGION: o.region = optarg; break;
    case OPT_ENDPOINT: o.endpoint = optarg; break;
    case OPT_PATH: o.path_style = 1; break;
    case OPT_VHOST: o.path_style = 0; break;
    case OPT_PROFILE: o.profile = optarg; break;
    case OPT_CA: o.ca_bundle = optarg; break;
    case 'j':
      o.jobs = (int)strtol(optarg, &end, 10);
      if(*end || o.jobs < 1 || o.jobs > 256) {
        cli_error("publish", "--jobs takes 1 to 256");
        rc = EXIT_USAGE;
        goto out;
      }
      break;
    case 'n': o.dry_run = 1; break;
    case OPT_DELETE: o.delete_removed = 1; break;
    case OPT_KEEP:
      o.keep_releases = (int)strtol(optarg, &end, 10);
      if(*end || o.keep_releases < 0) {
        cli_error("publish", "--keep-releases takes a number >= 0");
        rc = EXIT_USAGE;
        goto out;
      }
      break;
    case OPT_CENC: o.content_encoding = optarg; break;
    case OPT_CC: {
      const char *eq = strchr(optarg, '=');
      if(!eq || eq == optarg) {
        cli_error("publish", "--cache-control takes GLOB=VALUE");
        rc = EXIT_USAGE;
        goto out;
      }
      if(add_rule(&rs, optarg, (size_t)(eq - optarg), eq + 1)) {
        cli_error("publish", "too many --cache-control rules");
        rc = EXIT_USAGE;
        goto out;
      }
      break;
    }
    case OPT_CCH: o.cache_hashed = optarg; break;
    case OPT_CCO: o.cache_other = optarg; break;
    case OPT_RETRIES:
      o.max_attempts = (int)strtol(optarg, &end, 10);
      if(*end || o.max_attempts < 1 || o.max_attempts > 100) {
        cli_error("publish", "--retries takes 1 to 100");
        rc = EXIT_USAGE;
        goto out;
      }
      break;
    case OPT_TIMEOUT: case OPT_RTIMEOUT: {
      double v = strtod(optarg, &end);
      if(*end || v <= 0) {
        cli_error("publish", "timeouts take a positive number of seconds");
        rc = EXIT_USAGE;
        goto out;
      }
      if(ch == OPT_TIMEOUT)
        o.timeout = v;
      else
        o.request_timeout = v;
      break;
    }
    case OPT_CF: o.cloudfront = optarg; break;
    case OPT_WAIT: o.cloudfront_wait = 1; break;
    case OPT_CFZ: o.cloudflare_zone = optarg; break;
    case OPT_SITE: o.site_url = optarg; break;
    case OPT_THRESH:
      o.purge_threshold = (size_t)strtoul(optarg, &end, 10);
      if(*end) {
        cli_error("publish", "--purge-threshold takes a number");
        rc = EXIT_USAGE;
        goto out;
      }
      break;
    case OPT_MULTI: {
      unsigned long long v = strtoull(optarg, &end, 10);
      if(*end || v < (5u << 20)) {
        cli_error("publish", "--multipart-threshold takes a size of at least 5 MiB (5242880)");
        rc = EXIT_USAGE;
        goto out;
      }
      o.multipart_threshold = (size_t)v;
      break;
    }
    case OPT_CONFIG: break;
    case 'v': c.verbose = 1; break;
    case 'q': c.quiet = 1; break;
    case 'h':
      fputs(usage_text, stdout);
      rc = EXIT_OK_;
      goto out;
    default:
      rc = cli_usage(usage_text);
      goto out;
    }
  }
  if(optind + 1 < argc) {
    rc = cli_usage(usage_text);
    goto out;
  }
  o.dir = optind < argc ? argv[optind] : ".";
  o.verbose = c.verbose;
  o.cache_rules = rs.r;
  o.ncache_rules = rs.n;
  o.log = on_log;
  o.progress = on_progress;
  o.ud = &c;

  ao_diags d;
  ao_diags_init(&d, "publish", NULL, 0);
  ao_publish_stats st;
  ao_status s = ao_publish(&o, &st, &d);
  cli_print_diags(&d, c.quiet);
  ao_diags_free(&d);
  rc = cli_exit_code(s);
  if(!c.quiet && (s == AO_OK || s == AO_INCOMPLETE || s == AO_NET)) {
    char a[32], b[32], e[32];
    double mbs = st.seconds > 0 ? (double)st.bytes_uploaded / 1e6 / st.seconds : 0;
    printf("%s%zu uploaded (%s), %zu unchanged (%s), %zu deleted (%s), "
           "%zu failed; %zu requests, %zu retries; %.2f s, %.1f MB/s\n",
           o.dry_run ? "dry run: would have " : "", st.uploaded,
           cli_human_size(st.bytes_uploaded, a), st.skipped,
           cli_human_size(st.bytes_skipped, b), st.deleted,
           cli_human_size(st.bytes_deleted, e), st.failed, st.requests,
           st.retries, st.seconds, mbs);
  }
  if(s == AO_INCOMPLETE || s == AO_NET)
    cli_error("publish", "incomplete: the live site is unchanged where it "
              "matters; run the same command again to finish");
out:
  for(size_t i = 0; i < rs.n; i++)
    free(rs.own[i]);
  cJSON_Delete(config);
  return rc;
}
