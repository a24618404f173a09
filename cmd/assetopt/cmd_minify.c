/* assetopt minify FILE: one file through its minifier, like esbuild --minify;
 * several with --outdir. */
#include "cli.h"

#include <assetopt/css.h>
#include <assetopt/fs.h>
#include <assetopt/html.h>
#include <assetopt/js.h>
#include <assetopt/json.h>
#include <assetopt/kind.h>
#include <assetopt/svg.h>

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char usage_text[] =
  "usage: assetopt minify [FILE|-] [-o OUT] [--type js|css|html|svg|json]\n"
  "       assetopt minify FILE... --outdir DIR\n"
  "  -o, --output FILE        write here (default: standard output)\n"
  "      --outdir DIR         write each FILE to DIR under its own name\n"
  "  -t, --type TYPE          kind of input (default: from the extension)\n"
  "      --legal-comments M   JS: inline (default), none or eof\n"
  "      --minify LEVEL       JS: whitespace (default), syntax, identifiers or all\n"
  "                           (identifiers and all rename local names)\n"
  "      --keep-names         JS: functions and classes keep their .name\n"
  "      --drop-source-map-url  remove sourceMappingURL comments\n"
  "      --no-inline-js       HTML: leave inline scripts as they are\n"
  "      --no-inline-css      HTML: leave inline styles as they are\n"
  "      --keep-comments TEXT HTML: keep comments that contain TEXT\n"
  "      --keep-optional-tags HTML: keep </p>, </li>, <head> … as written\n"
  "  -q, --quiet              print errors only\n";

static ao_kind parse_type(const char *t)
{
  if(!strcmp(t, "js") || !strcmp(t, "mjs") || !strcmp(t, "cjs"))
    return AO_KIND_JS;
  if(!strcmp(t, "css"))
    return AO_KIND_CSS;
  if(!strcmp(t, "html") || !strcmp(t, "htm"))
    return AO_KIND_HTML;
  if(!strcmp(t, "svg"))
    return AO_KIND_SVG;
  if(!strcmp(t, "json") || !strcmp(t, "webmanifest") || !strcmp(t, "map"))
    return AO_KIND_JSON;
  return AO_KIND_OTHER;
}

struct minify_args {
  int legal;
  int js_level, keep_names, module;
  int keep_map_url;
  int html_inline_js, html_inline_css, html_optional_tags;
  const char *html_keep_comments;
};

static ao_status run(ao_kind kind, const ao_buf *in, const struct minify_args *a,
                     ao_buf *out, ao_diags *d)
{
  switch(kind) {
  case AO_KIND_JS: {
    ao_js_opts o;
    ao_js_opts_init(&o);
    o.legal_comments = a->legal;
    o.keep_source_map_url = a->keep_map_url;
    o.level = a->js_level;
    o.keep_names = a->keep_names;
    o.module = a->module;
    ao_status s = ao_js_minify(in->data, in->len, &o, out, d);
    /* input the tokenizer rejects: warned about, written unchanged */
    if(s == AO_SYNTAX)
      s = ao_buf_append(out, in->data, in->len);
    return s;
  }
  case AO_KIND_CSS: {
    ao_css_opts o;
    ao_css_opts_init(&o);
    o.keep_source_map_url = a->keep_map_url;
    return ao_css_minify(in->data, in->len, &o, out, d);
  }
  case AO_KIND_HTML: {
    ao_html_opts o;
    ao_html_opts_init(&o);
    o.minify_js = o.minify_json = a->html_inline_js;
    o.minify_css = a->html_inline_css;
    o.keep_comments = a->html_keep_comments;
    o.remove_optional_tags = a->html_optional_tags;
    o.js_level = a->js_level;
    o.js_keep_names = a->keep_names;
    return ao_html_minify(in->data, in->len, &o, out, d);
  }
  case AO_KIND_SVG: {
    ao_svg_opts o;
    ao_svg_opts_init(&o);
    return ao_svg_minify(in->data, in->len, &o, out, d);
  }
  case AO_KIND_JSON: case AO_KIND_WEBMANIFEST: case AO_KIND_SOURCEMAP: {
    ao_json_opts o;
    ao_json_opts_init(&o);
    return ao_json_minify(in->data, in->len, &o, out, d);
  }
  default:
    return AO_UNSUPPORTED;
  }
}

/* the last path component */
static const char *base_name(const char *p)
{
  const char *s = strrchr(p, '/');
  return s ? s + 1 : p;
}

/* One file (or "-") into output (NULL: standard output). Returns an exit
 * code. */
static int minify_one(const char *input, const char *output, const char *type,
                      struct minify_args a, int quiet)
{
  size_t il = strlen(input);
  if(il > 4 && !strcmp(input + il - 4, ".mjs"))
    a.module = 1;
  else
    a.module = -1;
  ao_kind kind = type ? parse_type(type) : ao_kind_from_path(input);
  if(kind == AO_KIND_WEBMANIFEST || kind == AO_KIND_SOURCEMAP)
    kind = AO_KIND_JSON;
  if(kind != AO_KIND_JS && kind != AO_KIND_CSS && kind != AO_KIND_HTML &&
     kind != AO_KIND_SVG && kind != AO_KIND_JSON) {
    cli_error("minify", "%s: cannot tell the type; use --type js|css|html|svg|json",
              input);
    return EXIT_USAGE;
  }
  ao_buf in = AO_BUF_INIT(0), out = AO_BUF_INIT(0);
  int rc = cli_read_input("minify", input, &in);
  if(rc) {
    ao_buf_free(&in);
    return rc;
  }
  ao_diags d;
  ao_diags_init(&d, strcmp(input, "-") ? input : "<stdin>", in.data, in.len);
  ao_status s = run(kind, &in, &a, &out, &d);
  cli_print_diags(&d, quiet);
  if(s) {
    if(!d.errors)
      cli_error("minify", "%s: %s", input, ao_status_str(s));
    rc = cli_exit_code(s);
  }
  else {
    /* never larger than the input */
    const ao_buf *best = out.len <= in.len ? &out : &in;
    rc = cli_write_output("minify", output, best->data, best->len);
  }
  ao_diags_free(&d);
  ao_buf_free(&in);
  ao_buf_free(&out);
  return rc;
}

int cmd_minify(int argc, char **argv)
{
  static const struct option longopts[] = {
    { "output", required_argument, NULL, 'o' },
    { "outdir", required_argument, NULL, 'D' },
    { "type", required_argument, NULL, 't' },
    { "legal-comments", required_argument, NULL, 'L' },
    { "minify", required_argument, NULL, 'm' },
    { "keep-names", no_argument, NULL, 'N' },
    { "drop-source-map-url", no_argument, NULL, 'M' },
    { "no-inline-js", no_argument, NULL, 'J' },
    { "no-inline-css", no_argument, NULL, 'C' },
    { "keep-comments", required_argument, NULL, 'K' },
    { "keep-optional-tags", no_argument, NULL, 'O' },
    { "quiet", no_argument, NULL, 'q' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 }
  };
  const char *output = NULL, *outdir = NULL, *type = NULL;
  struct minify_args a = { AO_LEGAL_INLINE, AO_JS_MIN_WHITESPACE, 0, -1,
                           1, 1, 1, 1, NULL };
  int quiet = 0, c;
  optind = 1;
  while((c = getopt_long(argc, argv, "o:t:qh", longopts, NULL)) != -1) {
    switch(c) {
    case 'o': output = optarg; break;
    case 'D': outdir = optarg; break;
    case 't': type = optarg; break;
    case 'M': a.keep_map_url = 0; break;
    case 'N': a.keep_names = 1; break;
    case 'm':
      if((a.js_level = cli_js_level(optarg)) < 0) {
        cli_error("minify", "--minify takes whitespace, syntax, identifiers or all");
        return EXIT_USAGE;
      }
      break;
    case 'q': quiet = 1; break;
    case 'J': a.html_inline_js = 0; break;
    case 'C': a.html_inline_css = 0; break;
    case 'K': a.html_keep_comments = optarg; break;
    case 'O': a.html_optional_tags = 0; break;
    case 'L':
      if(!strcmp(optarg, "inline")) a.legal = AO_LEGAL_INLINE;
      else if(!strcmp(optarg, "none")) a.legal = AO_LEGAL_NONE;
      else if(!strcmp(optarg, "eof")) a.legal = AO_LEGAL_EOF;
      else return cli_usage(usage_text);
      break;
    case 'h': fputs(usage_text, stdout); return EXIT_OK_;
    default: return cli_usage(usage_text);
    }
  }
  int nin = argc - optind;
  if(outdir && output) {
    cli_error("minify", "-o and --outdir do not go together");
    return cli_usage(usage_text);
  }
  if(!outdir) {
    if(nin > 1) {
      cli_error("minify", "more than one file: use --outdir DIR");
      return cli_usage(usage_text);
    }
    return minify_one(nin ? argv[optind] : "-", output, type, a, quiet);
  }
  if(!nin) {
    cli_error("minify", "--outdir needs input files");
    return cli_usage(usage_text);
  }
  /* every output name is known before anything is written */
  for(int i = optind; i < argc; i++) {
    if(!strcmp(argv[i], "-")) {
      cli_error("minify", "standard input cannot go with --outdir");
      return EXIT_USAGE;
    }
    for(int j = optind; j < i; j++)
      if(!strcmp(base_name(argv[i]), base_name(argv[j]))) {
        cli_error("minify", "%s and %s would both be written as %s/%s",
                  argv[j], argv[i], outdir, base_name(argv[i]));
        return EXIT_USAGE;
      }
  }
  if(ao_fs_mkdirs(outdir)) {
    cli_error("minify", "cannot create %s", outdir);
    return EXIT_INPUT;
  }
  int worst = EXIT_OK_;
  for(int i = optind; i < argc; i++) {
    char *dst = ao_path_join(outdir, base_name(argv[i]));
    if(!dst)
      return EXIT_INPUT;
    int rc = minify_one(argv[i], dst, type, a, quiet);
    ao_free(dst);
    if(rc > worst)
      worst = rc;
  }
  return worst;
}
