/* assetopt check: not available yet. */
#include "cli.h"

int cmd_check(int argc, char **argv)
{
  (void)argc;
  (void)argv;
  cli_error("check", "not available in this version");
  return EXIT_USAGE;
}
