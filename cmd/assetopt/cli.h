/* The assetopt command line: one function per command, shared printing. */
#ifndef ASSETOPT_CLI_H
#define ASSETOPT_CLI_H

#include <assetopt/core.h>

#include <stdio.h>

/* Exit codes, the same for every command. */
enum {
  EXIT_OK_ = 0,
  EXIT_CHECK = 1,   /* a budget exceeded, a publish incomplete */
  EXIT_USAGE = 2,   /* usage or configuration error */
  EXIT_INPUT = 3    /* input error: unreadable folder or file, bad image … */
};

int cmd_build(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_publish(int argc, char **argv);
int cmd_minify(int argc, char **argv);
int cmd_image(int argc, char **argv);
int cmd_init(int argc, char **argv);

/* Maps a library status to the exit code above. */
int cli_exit_code(ao_status s);
/* Prints every message of d to stderr as path:line:col: severity: message.
 * quiet hides notes and warnings. */
void cli_print_diags(const ao_diags *d, int quiet);
/* "assetopt CMD: message" on stderr. */
void cli_error(const char *cmd, const char *fmt, ...) AO_PRINTF(2, 3);
/* Prints the usage of a command to stderr and returns EXIT_USAGE. */
int cli_usage(const char *text);
/* Writes a buffer to a path ("-" or NULL: stdout). Returns an exit code. */
int cli_write_output(const char *cmd, const char *path, const void *data,
                     size_t len);
/* Reads a path ("-": stdin) into out, with AO_PAD zero bytes after it. */
int cli_read_input(const char *cmd, const char *path, ao_buf *out);
/* Colour on f? when: "always", "never" or "auto" (a terminal, no NO_COLOR,
 * TERM not dumb). */
int cli_color_wanted(const char *when, FILE *f);
/* Whether when is auto, always or never; else says so for cmd. */
int cli_color_valid(const char *cmd, const char *when);
struct ao_budget_config;
/* Reads budgets from an assetopt.json (lighthouse 0) or a Lighthouse
 * budget.json (1) into c; prints its messages. Returns an exit code. */
int cli_load_budgets(const char *path, int lighthouse,
                     struct ao_budget_config *c, int quiet);
/* AO_JS_MIN_* for "whitespace", "syntax", "identifiers", "all"; -1 else. */
int cli_js_level(const char *s);
/* Human size: "1.2 MB", "532 B" (1000-based, as most tools show). */
const char *cli_human_size(unsigned long long n, char buf[32]);

#endif
