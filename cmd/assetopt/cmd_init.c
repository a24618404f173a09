/* assetopt init: writes a starter assetopt.json for the project in the
 * current folder, with the preset its files point to. */
#include "cli.h"

#include <assetopt/fs.h>

#include <getopt.h>
#include <glob.h>
#include <stdio.h>
#include <string.h>

static const char usage_text[] =
  "usage: assetopt init [--preset NAME] [--force]\n"
  "  writes ./assetopt.json; the preset is detected from the files present\n"
  "  (vite.config.*, next.config.*, hugo.toml, angular.json, webpack.config.*,\n"
  "  react-scripts in package.json) unless --preset says it\n";

static int any(const char *pattern)
{
  glob_t g;
  int found = glob(pattern, 0, NULL, &g) == 0 && g.gl_pathc > 0;
  globfree(&g);
  return found;
}

static int file_contains(const char *path, const char *needle)
{
  ao_buf b = AO_BUF_INIT(0);
  int found = !ao_fs_read(path, 1u << 20, &b, NULL) &&
              strstr((const char *)b.data, needle);
  ao_buf_free(&b);
  return found;
}

struct detected {
  const char *preset, *input, *why;
};

static struct detected detect(void)
{
  if(any("vite.config.*"))
    return (struct detected){ "vite", "dist", "vite.config" };
  if(any("next.config.*"))
    return (struct detected){ "next-export", "out", "next.config" };
  if(any("hugo.toml") || any("hugo.yaml") || any("hugo.json") ||
     (any("config.toml") && any("content") && any("themes")))
    return (struct detected){ "hugo", "public", "hugo configuration" };
  if(any("angular.json"))
    return (struct detected){ "webpack", "dist", "angular.json" };
  if(any("webpack.config.*"))
    return (struct detected){ "webpack", "dist", "webpack.config" };
  if(ao_fs_exists("package.json") && file_contains("package.json", "\"react-scripts\""))
    return (struct detected){ "webpack", "build", "react-scripts in package.json" };
  if(ao_fs_exists("package.json") && file_contains("package.json", "\"vite\""))
    return (struct detected){ "vite", "dist", "vite in package.json" };
  return (struct detected){ "plain", "dist", NULL };
}

int cmd_init(int argc, char **argv)
{
  static const struct option longopts[] = {
    { "preset", required_argument, NULL, 'p' },
    { "force", no_argument, NULL, 'f' },
    { "help", no_argument, NULL, 'h' },
    { NULL, 0, NULL, 0 }
  };
  const char *preset = NULL;
  int force = 0, c;
  optind = 1;
  while((c = getopt_long(argc, argv, "p:fh", longopts, NULL)) != -1) {
    switch(c) {
    case 'p': preset = optarg; break;
    case 'f': force = 1; break;
    case 'h': fputs(usage_text, stdout); return EXIT_OK_;
    default: return cli_usage(usage_text);
    }
  }
  if(optind != argc)
    return cli_usage(usage_text);
  if(ao_fs_exists("assetopt.json") && !force) {
    cli_error("init", "assetopt.json exists; --force replaces it");
    return EXIT_USAGE;
  }
  struct detected d = detect();
  if(preset) {
    static const char *const known[][2] = {
      { "plain", "dist" }, { "vite", "dist" }, { "webpack", "dist" },
      { "next-export", "out" }, { "hugo", "public" },
    };
    d.input = NULL;
    for(size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
      if(!strcmp(preset, known[i][0]))
        d.input = known[i][1];
    if(!d.input) {
      cli_error("init", "unknown preset '%s' (plain, vite, webpack, next-export, hugo)",
                preset);
      return EXIT_USAGE;
    }
    d.preset = preset;
    d.why = "--preset";
  }
  ao_buf b = AO_BUF_INIT(0);
  ao_buf_printf(&b,
    "{\n"
    "  \"preset\": \"%s\",\n"
    "  \"input\": \"%s\",\n"
    "  \"output\": \"%s-optimized\",\n"
    "  \"precompress\": true,\n"
    "  \"sri\": false,\n"
    "  \"images\": { \"optimize\": true, \"lossy\": false, \"webp\": false },\n"
    "  \"keepNames\": [],\n"
    "  \"budgets\": { \"initial\": { \"script\": \"500 KB\" } }\n"
    "}\n", d.preset, d.input, d.input);
  int rc = b.err ? EXIT_INPUT : cli_write_output("init", "assetopt.json", b.data, b.len);
  ao_buf_free(&b);
  if(!rc)
    fprintf(stderr, "assetopt: wrote assetopt.json (preset %s%s%s%s)\n", d.preset,
            d.why ? ", from " : "", d.why ? d.why : "", d.why ? "" : ", nothing detected");
  return rc;
}
