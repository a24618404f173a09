/* assetopt build: placeholder until the pipeline lands. */
#include "cli.h"

int cmd_build(int argc, char **argv)
{
  (void)argc;
  (void)argv;
  cli_error("build", "not available in this version");
  return EXIT_USAGE;
}
