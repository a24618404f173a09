/* assetopt init: placeholder until the pipeline lands. */
#include "cli.h"

int cmd_init(int argc, char **argv)
{
  (void)argc;
  (void)argv;
  cli_error("init", "not available in this version");
  return EXIT_USAGE;
}
