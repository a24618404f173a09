/* assetopt check: size budgets over a built folder. */
#include "cli.h"

#include <assetopt/budget.h>
#include <assetopt/fs.h>

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage_text[] =
  "usage: assetopt check [DIR] [options]\n"
  "  DIR                  the built folder (default: .)\n"
  "  --config FILE        assetopt.json to read \"budgets\" from\n"
  "                       (default: ./assetopt.json when it exists)\n"
  "  --budget-file FILE   a Lighthouse budget.json (added to the config's)\n"
  "  --measure M          raw, gzip or brotli for every rule (default: the\n"
  "                       config's \"measure\", else gzip)\n"
  "  --format F           text, json, github or junit (default: text)\n"
  "  -o, --output FILE    write the result there instead of standard output\n"
  "  --color WHEN         auto, always or never (NO_COLOR is respected)\n"
  "  -q, --quiet          print only errors on standard error\n"
  "With no budget configured: initial JS <= 500 KB (gzip) per HTML entry.\n"
  "Exit: 0 within budget, 1 a budget exceeded, 2 usage or config error,\n"
  "3 unreadable folder.\n";

int cmd_check(int argc, char **argv)
{
  const char *dir = NULL, *config = NULL, *budget_file = NULL, *measure = NULL,
             *format = "text", *output = NULL, *color = "auto";
  int quiet = 0, c;
  static const struct option longopts[] = {
    { "config", required_argument, NULL, 'c' },
    { "budget-file", required_argument, NULL, 'b' },
    { "measure", required_argument, NULL, 'm' },
    { "format", required_argument, NULL, 'f' },
    { "output", required_argument, NULL, 'o' },
    { "color", required_argument, NULL, 'C' },
    { "quiet", no_argument, NULL, 'q' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 }
  };
  optind = 1;
  while((c = getopt_long(argc, argv, "o:qh", longopts, NULL)) != -1) {
    switch(c) {
    case 'c': config = optarg; break;
    case 'b': budget_file = optarg; break;
    case 'm': measure = optarg; break;
    case 'f': format = optarg; break;
    case 'o': output = optarg; break;
    case 'C': color = optarg; break;
    case 'q': quiet = 1; break;
    case 'h': fputs(usage_text, stdout); return EXIT_OK_;
    default: return cli_usage(usage_text);
    }
  }
  if(argc - optind > 1) {
    cli_error("check", "more than one folder given");
    return cli_usage(usage_text);
  }
  dir = optind < argc ? argv[optind] : NULL;
  if(!dir)
    dir = ".";
  ao_budget_fmt fmt;
  if(!strcmp(format, "text")) fmt = AO_BUDGET_FMT_TEXT;
  else if(!strcmp(format, "json")) fmt = AO_BUDGET_FMT_JSON;
  else if(!strcmp(format, "github")) fmt = AO_BUDGET_FMT_GITHUB;
  else if(!strcmp(format, "junit")) fmt = AO_BUDGET_FMT_JUNIT;
  else {
    cli_error("check", "unknown format '%s' (text, json, github, junit)", format);
    return EXIT_USAGE;
  }
  if(!cli_color_valid("check", color))
    return EXIT_USAGE;
  ao_budget_config cfg;
  ao_budget_config_init(&cfg);
  int rc = EXIT_OK_;
  if(config)
    rc = cli_load_budgets(config, 0, &cfg, quiet);
  else if(ao_fs_exists("assetopt.json"))
    rc = cli_load_budgets("assetopt.json", 0, &cfg, quiet);
  if(!rc && budget_file)
    rc = cli_load_budgets(budget_file, 1, &cfg, quiet);
  if(!rc && measure) {
    if(ao_measure_from_name(measure, &cfg.measure)) {
      cli_error("check", "unknown measure '%s' (raw, gzip, brotli)", measure);
      rc = EXIT_USAGE;
    }
    cfg.measure_forced = 1;
  }
  if(rc) {
    ao_budget_config_free(&cfg);
    return rc;
  }
  if(!ao_fs_is_dir(dir)) {
    cli_error("check", "%s is not a folder", dir);
    ao_budget_config_free(&cfg);
    return EXIT_INPUT;
  }
  ao_budget_report rep = { 0 };
  ao_diags d;
  ao_diags_init(&d, dir, NULL, 0);
  ao_status s = ao_budget_check_dir(dir, &cfg, &rep, &d);
  cli_print_diags(&d, quiet);
  ao_diags_free(&d);
  if(s && s != AO_BUDGET) {
    cli_error("check", "%s", ao_status_str(s));
    rc = cli_exit_code(s);
  }
  else {
    ao_buf out = AO_BUF_INIT(0);
    int col = fmt == AO_BUDGET_FMT_TEXT && !output &&
              cli_color_wanted(color, stdout);
    if(ao_budget_format(&rep, fmt, col, &out))
      rc = cli_exit_code(out.err);
    else
      rc = cli_write_output("check", output, out.data, out.len);
    ao_buf_free(&out);
    if(!rc && s == AO_BUDGET)
      rc = EXIT_CHECK;
  }
  ao_budget_report_free(&rep);
  ao_budget_config_free(&cfg);
  return rc;
}
