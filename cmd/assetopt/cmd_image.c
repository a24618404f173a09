/* assetopt image: not available yet. */
#include "cli.h"

int cmd_image(int argc, char **argv)
{
  (void)argc;
  (void)argv;
  cli_error("image", "not available in this version");
  return EXIT_USAGE;
}
