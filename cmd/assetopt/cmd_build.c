/* assetopt build [DIR] [-o OUT]: the whole pipeline on a folder. */
#include "cli.h"

#include <assetopt/budget.h>
#include <assetopt/build.h>
#include <assetopt/config.h>
#include <assetopt/js.h>

#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char usage_text[] =
  "usage: assetopt build [DIR] [-o OUT] [options]\n"
  "  -o, --output OUT        output folder (default: config \"output\", else DIR-optimized)\n"
  "  -c, --config FILE       configuration (default: ./assetopt.json when present)\n"
  "  -p, --preset NAME       plain, vite, webpack, next-export, hugo\n"
  "  -j, --jobs N            worker threads (default: one per core)\n"
  "      --cache-dir DIR     transform cache (default: .assetopt-cache)\n"
  "      --no-cache          do not read or write the cache\n"
  "      --no-minify         copy JS, CSS, HTML, SVG and JSON as they are\n"
  "      --no-images         do not recompress images\n"
  "      --lossy             allow lossy image recompression\n"
  "      --quality Q         lossy quality, 1-100 (default 80)\n"
  "      --webp              write WebP siblings of PNG and JPEG files\n"
  "      --picture           with --webp: wrap <img> in <picture> with a WebP <source>\n"
  "      --no-precompress    no .br and .gz siblings\n"
  "      --no-hash           keep every file name\n"
  "      --sri               add integrity= to scripts and stylesheets\n"
  "      --legal-comments M  JS legal comments: inline, none or eof\n"
  "      --minify LEVEL      JS: whitespace, syntax, identifiers or all (default)\n"
  "      --keep-names        JS functions and classes keep their .name\n"
  "      --force             replace OUT even if assetopt did not write it\n"
  "      --no-budget         do not check the configured budgets after the build\n"
  "  -q, --quiet             print errors only\n"
  "  -v, --verbose           print a line per stage and the cache counts\n";

struct progress_state {
  int tty;
  time_t last;
};

static void on_progress(void *ctx, const char *stage, size_t done,
                        size_t total)
{
  struct progress_state *ps = ctx;
  time_t now = time(NULL);
  if(!ps->tty || (done != total && now == ps->last))
    return;
  ps->last = now;
  fprintf(stderr, "\r\033[K%s %zu/%zu", stage, done, total);
  if(done == total)
    fputs("\r\033[K", stderr);
  fflush(stderr);
}

/* The configured budgets over the fresh OUT, as `assetopt check` would
 * report them. Returns an exit code. */
static int check_budgets(const ao_config *cfg, const char *out, int quiet)
{
  const struct cJSON *b = ao_config_section(cfg, "budgets");
  if(!b)
    return EXIT_OK_;
  ao_diags d;
  ao_diags_init(&d, NULL, NULL, 0);
  ao_budget_config bc;
  ao_budget_config_init(&bc);
  ao_status s = ao_budget_config_from_cjson(b, "budgets", ao_config_path(cfg),
                                            &bc, &d);
  ao_budget_report r;
  memset(&r, 0, sizeof(r));
  if(!s)
    s = ao_budget_check_dir(out, &bc, &r, &d);
  cli_print_diags(&d, quiet);
  if(!s || s == AO_BUDGET) {
    ao_buf txt = AO_BUF_INIT(0);
    if(!ao_budget_format(&r, AO_BUDGET_FMT_TEXT, isatty(2) && !getenv("NO_COLOR"),
                         &txt) && (s || !quiet))
      fwrite(txt.data, 1, txt.len, stderr);
    ao_buf_free(&txt);
  }
  ao_budget_report_free(&r);
  ao_budget_config_free(&bc);
  ao_diags_free(&d);
  return cli_exit_code(s);
}

static double now_seconds(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CLI flags that override the configuration. -1: not given. */
struct flags {
  int minify, images, lossy, webp, precompress, hash, sri, cache, force, picture;
  int js_level, keep_names;
  int quality, legal;
  long jobs;
  const char *cache_dir;
};

static int parse_legal(const char *s)
{
  if(!strcmp(s, "inline")) return AO_LEGAL_INLINE;
  if(!strcmp(s, "none")) return AO_LEGAL_NONE;
  if(!strcmp(s, "eof")) return AO_LEGAL_EOF;
  return -1;
}

static void apply_flags(const struct flags *f, ao_build_opts *o)
{
  if(f->minify >= 0) o->minify = f->minify;
  if(f->images >= 0) o->images = f->images;
  if(f->lossy >= 0) o->lossy = f->lossy;
  if(f->webp >= 0) o->webp = f->webp;
  if(f->picture >= 0) o->picture = f->picture;
  if(f->js_level >= 0) o->js_level = f->js_level;
  if(f->keep_names >= 0) o->js_keep_names = f->keep_names;
  if(f->precompress >= 0) o->precompress = f->precompress;
  if(f->hash >= 0) o->hash_names = f->hash;
  if(f->sri >= 0) o->sri = f->sri;
  if(f->force >= 0) o->force = f->force;
  if(f->quality >= 0) o->quality = f->quality;
  if(f->legal >= 0) o->legal_comments = f->legal;
  if(f->jobs >= 0) o->threads = (unsigned)f->jobs;
  if(f->cache_dir) o->cache_dir = f->cache_dir;
  if(f->cache == 0) o->cache_dir = NULL;
}

int cmd_build(int argc, char **argv)
{
  enum { O_CACHE_DIR = 256, O_NO_CACHE, O_NO_MINIFY, O_NO_IMAGES, O_LOSSY,
         O_QUALITY, O_WEBP, O_NO_PRECOMPRESS, O_NO_HASH, O_SRI, O_LEGAL,
         O_FORCE, O_PICTURE, O_NO_BUDGET, O_JS_LEVEL, O_KEEP_NAMES };
  static const struct option longopts[] = {
    { "output", required_argument, NULL, 'o' },
    { "config", required_argument, NULL, 'c' },
    { "preset", required_argument, NULL, 'p' },
    { "jobs", required_argument, NULL, 'j' },
    { "cache-dir", required_argument, NULL, O_CACHE_DIR },
    { "no-cache", no_argument, NULL, O_NO_CACHE },
    { "no-minify", no_argument, NULL, O_NO_MINIFY },
    { "no-images", no_argument, NULL, O_NO_IMAGES },
    { "lossy", no_argument, NULL, O_LOSSY },
    { "quality", required_argument, NULL, O_QUALITY },
    { "webp", no_argument, NULL, O_WEBP },
    { "no-precompress", no_argument, NULL, O_NO_PRECOMPRESS },
    { "no-hash", no_argument, NULL, O_NO_HASH },
    { "sri", no_argument, NULL, O_SRI },
    { "legal-comments", required_argument, NULL, O_LEGAL },
    { "force", no_argument, NULL, O_FORCE },
    { "picture", no_argument, NULL, O_PICTURE },
    { "no-budget", no_argument, NULL, O_NO_BUDGET },
    { "minify", required_argument, NULL, O_JS_LEVEL },
    { "keep-names", no_argument, NULL, O_KEEP_NAMES },
    { "quiet", no_argument, NULL, 'q' },
    { "verbose", no_argument, NULL, 'v' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 }
  };
  struct flags f = { -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, NULL };
  const char *out = NULL, *config_path = NULL, *preset = NULL;
  int quiet = 0, verbose = 0, no_budget = 0, c;
  char *end;
  optind = 1;
  while((c = getopt_long(argc, argv, "o:c:p:j:qvh", longopts, NULL)) != -1) {
    switch(c) {
    case 'o': out = optarg; break;
    case 'c': config_path = optarg; break;
    case 'p': preset = optarg; break;
    case 'j':
      f.jobs = strtol(optarg, &end, 10);
      if(*end || f.jobs < 1 || f.jobs > 256) {
        cli_error("build", "--jobs takes a number from 1 to 256");
        return EXIT_USAGE;
      }
      break;
    case O_CACHE_DIR: f.cache_dir = optarg; break;
    case O_NO_CACHE: f.cache = 0; break;
    case O_NO_MINIFY: f.minify = 0; break;
    case O_NO_IMAGES: f.images = 0; break;
    case O_LOSSY: f.lossy = 1; break;
    case O_QUALITY:
      f.quality = (int)strtol(optarg, &end, 10);
      if(*end || f.quality < 1 || f.quality > 100) {
        cli_error("build", "--quality takes a number from 1 to 100");
        return EXIT_USAGE;
      }
      break;
    case O_WEBP: f.webp = 1; break;
    case O_NO_PRECOMPRESS: f.precompress = 0; break;
    case O_NO_HASH: f.hash = 0; break;
    case O_SRI: f.sri = 1; break;
    case O_LEGAL:
      if((f.legal = parse_legal(optarg)) < 0) {
        cli_error("build", "--legal-comments takes inline, none or eof");
        return EXIT_USAGE;
      }
      break;
    case O_FORCE: f.force = 1; break;
    case O_PICTURE: f.picture = 1; f.webp = 1; break;
    case O_NO_BUDGET: no_budget = 1; break;
    case O_JS_LEVEL:
      if((f.js_level = cli_js_level(optarg)) < 0) {
        cli_error("build", "--minify takes whitespace, syntax, identifiers or all");
        return EXIT_USAGE;
      }
      break;
    case O_KEEP_NAMES: f.keep_names = 1; break;
    case 'q': quiet = 1; break;
    case 'v': verbose = 1; break;
    case 'h': fputs(usage_text, stdout); return EXIT_OK_;
    default: return cli_usage(usage_text);
    }
  }
  if(argc - optind > 1)
    return cli_usage(usage_text);

  ao_diags cd;
  ao_diags_init(&cd, NULL, NULL, 0);
  ao_config *cfg = NULL;
  ao_build_opts o;
  ao_build_opts_init(&o);
  o.cache_dir = ".assetopt-cache";
  ao_status s = ao_config_load(config_path, preset, &cfg, &cd);
  if(!s)
    s = ao_config_apply_build(cfg, &o, &cd);
  if(s) {
    cli_print_diags(&cd, 0);
    ao_diags_free(&cd);
    ao_config_free(cfg);
    return EXIT_USAGE;
  }
  ao_diags_free(&cd);
  apply_flags(&f, &o);

  const char *in = optind < argc ? argv[optind] : ao_config_str(cfg, "input");
  if(!in)
    in = "dist";
  char *out_default = NULL;
  if(!out)
    out = ao_config_str(cfg, "output");
  if(!out) {
    size_t n = strlen(in) + 16;
    out_default = malloc(n);
    if(!out_default)
      return EXIT_INPUT;
    snprintf(out_default, n, "%s-optimized", in);
    out = out_default;
  }
  o.in_dir = in;
  o.out_dir = out;
  struct progress_state ps = { isatty(2) && !quiet, 0 };
  o.progress = on_progress;
  o.progress_ctx = &ps;

  double t0 = now_seconds();
  ao_build_stats st;
  ao_build_report rep;
  s = ao_build(&o, &st, &rep);
  double dt = now_seconds() - t0;
  for(size_t i = 0; i < rep.n; i++)
    cli_print_diags(&rep.items[i], quiet);
  ao_build_report_free(&rep);
  if(s) {
    cli_error("build", "failed (%s); %s was left as it was", ao_status_str(s),
              out);
  }
  else if(!quiet) {
    char a[32], b[32];
    double pct = st.bytes_in ? 100.0 * (1.0 - (double)st.bytes_out / (double)st.bytes_in) : 0;
    fprintf(stderr, "assetopt: %zu files, %s → %s (%.1f%% smaller), %zu renamed, "
                    "%zu siblings, %u warnings, %.2fs → %s\n",
            st.files, cli_human_size(st.bytes_in, a), cli_human_size(st.bytes_out, b),
            pct, st.renamed, st.siblings, st.warnings, dt, out);
    if(verbose)
      fprintf(stderr, "assetopt: transforms: %zu run, %zu cached; "
                      "compressions: %zu run, %zu cached\n",
              st.transforms_run, st.transforms_cached, st.compressions_run,
              st.compressions_cached);
  }
  int rc = cli_exit_code(s);
  if(!s && !no_budget)
    rc = check_budgets(cfg, out, quiet);
  free(out_default);
  ao_config_free(cfg);
  return rc;
}
