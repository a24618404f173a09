/* assetopt report: not available yet. */
#include "cli.h"

int cmd_report(int argc, char **argv)
{
  (void)argc;
  (void)argv;
  cli_error("report", "not available in this version");
  return EXIT_USAGE;
}
