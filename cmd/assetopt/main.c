/* assetopt: dispatch to a command. */
#include "cli.h"

#include <stdio.h>
#include <string.h>

static const struct {
  const char *name;
  int (*fn)(int, char **);
  const char *summary;
} commands[] = {
  { "build", cmd_build, "optimize a folder into a CDN-ready folder" },
  { "check", cmd_check, "check size budgets (exit 1 when one is exceeded)" },
  { "report", cmd_report, "show where the bytes go" },
  { "publish", cmd_publish, "upload what changed to S3, a compatible origin or a folder" },
  { "minify", cmd_minify, "minify one file (JS, CSS, HTML, SVG, JSON)" },
  { "image", cmd_image, "recompress one image" },
  { "init", cmd_init, "write a starter assetopt.json" },
};

static void usage(FILE *f)
{
  fprintf(f, "usage: assetopt COMMAND [OPTIONS]\n\ncommands:\n");
  for(size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
    fprintf(f, "  %-8s %s\n", commands[i].name, commands[i].summary);
  fprintf(f, "\n'assetopt COMMAND --help' for a command's options.\n"
             "exit codes: 0 ok, 1 check failed, 2 usage or config error, "
             "3 input error\n");
}

int main(int argc, char **argv)
{
  if(argc < 2) {
    usage(stderr);
    return EXIT_USAGE;
  }
  if(!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
     !strcmp(argv[1], "help")) {
    usage(stdout);
    return EXIT_OK_;
  }
  if(!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
    printf("assetopt %s\n", AO_VERSION);
    return EXIT_OK_;
  }
  for(size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
    if(!strcmp(argv[1], commands[i].name))
      return commands[i].fn(argc - 1, argv + 1);
  fprintf(stderr, "assetopt: unknown command '%s'\n", argv[1]);
  usage(stderr);
  return EXIT_USAGE;
}
