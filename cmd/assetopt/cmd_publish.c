/* assetopt publish: not available yet. */
#include "cli.h"

int cmd_publish(int argc, char **argv)
{
  (void)argc;
  (void)argv;
  cli_error("publish", "not available in this version");
  return EXIT_USAGE;
}
