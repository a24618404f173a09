/* assetopt report: where the bytes go, how they changed, a treemap. */
#include "cli.h"

#include <assetopt/budget.h>
#include <assetopt/fs.h>
#include <assetopt/report.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
  "usage: assetopt report [DIR] [options]\n"
  "  DIR                  the built folder (default: .)\n"
  "  --format F           text, json or markdown (default: text)\n"
  "  --measure M          raw, gzip or brotli for sorting, totals and the\n"
  "                       treemap (default: gzip)\n"
  "  --compare OLD        deltas against an older asset-manifest.json, report\n"
  "                       JSON or folder\n"
  "  --html FILE          write a self-contained HTML treemap to FILE\n"
  "  --top N              how many top offenders to list (default: 10)\n"
  "  --config FILE        assetopt.json whose budgets are shown (default:\n"
  "                       ./assetopt.json when it exists)\n"
  "  --budget-file FILE   a Lighthouse budget.json whose budgets are shown\n"
  "  --no-budget          show no budget status\n"
  "  --title TEXT         title of the HTML report\n"
  "  -o, --output FILE    write the text/json/markdown there\n"
  "  --color WHEN         auto, always or never (NO_COLOR is respected)\n"
  "Exit: 0 ok, 2 usage or config error, 3 unreadable folder or file.\n";

/* OLD: a folder, or a manifest/report JSON file. */
static int load_old(const char *path, ao_assets *old)
{
  ao_diags d;
  ao_diags_init(&d, path, NULL, 0);
  ao_status s;
  ao_buf text = AO_BUF_INIT(0);
  if(ao_fs_is_dir(path)) {
    s = ao_assets_load(path, NULL, old, &d);
  }
  else if(!(s = ao_fs_read(path, 0, &text, &d))) {
    d.src = text.data;
    d.src_len = text.len;
    s = ao_assets_from_json(text.data, text.len, old, &d);
  }
  cli_print_diags(&d, 0);
  ao_diags_free(&d);
  ao_buf_free(&text);
  if(s)
    cli_error("report", "cannot read %s", path);
  return s ? EXIT_INPUT : EXIT_OK_;
}

int cmd_report(int argc, char **argv)
{
  const char *dir = NULL, *format = "text", *measure = NULL, *compare = NULL,
             *html = NULL, *top = NULL, *config = NULL, *budget_file = NULL,
             *title = NULL, *output = NULL, *color = "auto";
  int no_budget = 0, format_given = 0, c;
  static const struct option longopts[] = {
    { "format", required_argument, NULL, 'f' },
    { "measure", required_argument, NULL, 'm' },
    { "compare", required_argument, NULL, 'd' },
    { "html", required_argument, NULL, 'H' },
    { "top", required_argument, NULL, 't' },
    { "config", required_argument, NULL, 'c' },
    { "budget-file", required_argument, NULL, 'b' },
    { "title", required_argument, NULL, 'T' },
    { "output", required_argument, NULL, 'o' },
    { "color", required_argument, NULL, 'C' },
    { "no-budget", no_argument, NULL, 'n' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 }
  };
  optind = 1;
  while((c = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
    switch(c) {
    case 'f': format = optarg; format_given = 1; break;
    case 'm': measure = optarg; break;
    case 'd': compare = optarg; break;
    case 'H': html = optarg; break;
    case 't': top = optarg; break;
    case 'c': config = optarg; break;
    case 'b': budget_file = optarg; break;
    case 'T': title = optarg; break;
    case 'o': output = optarg; break;
    case 'C': color = optarg; break;
    case 'n': no_budget = 1; break;
    case 'h': fputs(usage_text, stdout); return EXIT_OK_;
    default: return cli_usage(usage_text);
    }
  }
  if(argc - optind > 1) {
    cli_error("report", "more than one folder given");
    return cli_usage(usage_text);
  }
  dir = optind < argc ? argv[optind] : NULL;
  if(!dir)
    dir = ".";
  ao_report_fmt fmt;
  if(!strcmp(format, "text")) fmt = AO_REPORT_TEXT;
  else if(!strcmp(format, "json")) fmt = AO_REPORT_JSON;
  else if(!strcmp(format, "markdown") || !strcmp(format, "md")) fmt = AO_REPORT_MARKDOWN;
  else {
    cli_error("report", "unknown format '%s' (text, json, markdown)", format);
    return EXIT_USAGE;
  }
  ao_report_opts o;
  ao_report_opts_init(&o);
  if(measure && ao_measure_from_name(measure, &o.measure)) {
    cli_error("report", "unknown measure '%s' (raw, gzip, brotli)", measure);
    return EXIT_USAGE;
  }
  if(top) {
    char *end;
    long n = strtol(top, &end, 10);
    if(*end || n < 0 || end == top) {
      cli_error("report", "--top takes a number");
      return EXIT_USAGE;
    }
    o.top = (size_t)n;
  }
  if(!cli_color_valid("report", color))
    return EXIT_USAGE;
  o.color = fmt == AO_REPORT_TEXT && !output && cli_color_wanted(color, stdout);
  o.title = title ? title : dir;

  ao_budget_config cfg;
  ao_budget_config_init(&cfg);
  int rc = EXIT_OK_;
  if(!no_budget) {
    if(config)
      rc = cli_load_budgets(config, 0, &cfg, 0);
    else if(ao_fs_exists("assetopt.json"))
      rc = cli_load_budgets("assetopt.json", 0, &cfg, 0);
    if(!rc && budget_file)
      rc = cli_load_budgets(budget_file, 1, &cfg, 0);
  }
  if(rc) {
    ao_budget_config_free(&cfg);
    return rc;
  }
  if(!ao_fs_is_dir(dir)) {
    cli_error("report", "%s is not a folder", dir);
    ao_budget_config_free(&cfg);
    return EXIT_INPUT;
  }
  ao_assets a = { 0 }, old = { 0 };
  ao_budget_report br = { 0 };
  ao_buf out = AO_BUF_INIT(0);
  ao_diags d;
  ao_diags_init(&d, dir, NULL, 0);
  ao_status s = ao_assets_load(dir, NULL, &a, &d);
  if(!s && !no_budget) {
    s = ao_budget_eval(&a, &cfg, &br, &d);
    o.budget = &br;
  }
  cli_print_diags(&d, 0);
  ao_diags_free(&d);
  if(s) {
    cli_error("report", "%s: %s", dir, ao_status_str(s));
    rc = cli_exit_code(s == AO_NOMEM ? AO_NOMEM : AO_IO);
    goto done;
  }
  if(compare && (rc = load_old(compare, &old)))
    goto done;
  if(html) {
    if((s = ao_report_html(&a, &o, &out))) {
      rc = cli_exit_code(s);
      goto done;
    }
    if((rc = cli_write_output("report", html, out.data, out.len)))
      goto done;
    ao_buf_reset(&out);
    if(!format_given && !compare && !output) {
      fprintf(stderr, "assetopt report: wrote %s\n", html);
      goto done;
    }
  }
  s = compare ? ao_report_compare(&old, &a, &o, fmt, &out)
              : ao_report_format(&a, &o, fmt, &out);
  if(s)
    rc = cli_exit_code(s);
  else
    rc = cli_write_output("report", output, out.data, out.len);
done:
  ao_buf_free(&out);
  ao_assets_free(&a);
  ao_assets_free(&old);
  ao_budget_report_free(&br);
  ao_budget_config_free(&cfg);
  return rc;
}
