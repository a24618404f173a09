/* Printing shared by the commands: diagnostics, errors, sizes, I/O. */
#include "cli.h"

#include <assetopt/budget.h>
#include <assetopt/fs.h>
#include <assetopt/js.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cli_exit_code(ao_status s)
{
  switch(s) {
  case AO_OK: return EXIT_OK_;
  case AO_BUDGET: case AO_INCOMPLETE: case AO_NET: return EXIT_CHECK;
  case AO_USAGE: case AO_CONFIG: return EXIT_USAGE;
  default: return EXIT_INPUT;
  }
}

void cli_print_diags(const ao_diags *d, int quiet)
{
  ao_buf out = AO_BUF_INIT(0);
  if(quiet) {
    ao_diags only = *d;
    only.n = 0;
    for(size_t i = 0; i < d->n; i++)
      if(d->items[i].sev == AO_ERROR) {
        only.items = d->items + i;
        only.n = 1;
        ao_diags_format(&only, &out);
      }
  }
  else {
    ao_diags_format(d, &out);
  }
  if(out.len)
    fwrite(out.data, 1, out.len, stderr);
  ao_buf_free(&out);
}

void cli_error(const char *cmd, const char *fmt, ...)
{
  va_list ap;
  va_start(ap, fmt);
  fprintf(stderr, "assetopt %s: ", cmd);
  vfprintf(stderr, fmt, ap);
  fputc('\n', stderr);
  va_end(ap);
}

int cli_usage(const char *text)
{
  fputs(text, stderr);
  return EXIT_USAGE;
}

int cli_write_output(const char *cmd, const char *path, const void *data,
                     size_t len)
{
  if(!path || !strcmp(path, "-")) {
    if(len && fwrite(data, 1, len, stdout) != len) {
      cli_error(cmd, "cannot write to standard output");
      return EXIT_INPUT;
    }
    return fflush(stdout) ? EXIT_INPUT : EXIT_OK_;
  }
  if(ao_fs_write_atomic(path, data, len)) {
    cli_error(cmd, "cannot write %s: %s", path, strerror(errno));
    return EXIT_INPUT;
  }
  return EXIT_OK_;
}

int cli_read_input(const char *cmd, const char *path, ao_buf *out)
{
  if(strcmp(path, "-")) {
    ao_diags d;
    ao_diags_init(&d, path, NULL, 0);
    ao_status s = ao_fs_read(path, 0, out, &d);
    if(s)
      cli_error(cmd, "%s", d.n ? d.items[0].msg : ao_status_str(s));
    ao_diags_free(&d);
    return s ? EXIT_INPUT : EXIT_OK_;
  }
  unsigned char chunk[65536];
  size_t n;
  while((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
    ao_buf_append(out, chunk, n);
  if(ferror(stdin) || out->err) {
    cli_error(cmd, "cannot read standard input");
    return EXIT_INPUT;
  }
  if(ao_buf_reserve(out, 0))
    return EXIT_INPUT;
  memset(out->data + out->len, 0, 1 + AO_PAD);
  return EXIT_OK_;
}

const char *cli_human_size(unsigned long long n, char buf[32])
{
  if(n < 1000)
    snprintf(buf, 32, "%llu B", n);
  else if(n < 1000 * 1000)
    snprintf(buf, 32, "%.1f kB", n / 1000.0);
  else if(n < 1000ull * 1000 * 1000)
    snprintf(buf, 32, "%.2f MB", n / 1e6);
  else
    snprintf(buf, 32, "%.2f GB", n / 1e9);
  return buf;
}

int cli_color_valid(const char *cmd, const char *when)
{
  if(!strcmp(when, "auto") || !strcmp(when, "always") || !strcmp(when, "never"))
    return 1;
  cli_error(cmd, "--color takes auto, always or never");
  return 0;
}

int cli_color_wanted(const char *when, FILE *f)
{
  if(when && !strcmp(when, "always"))
    return 1;
  if(when && !strcmp(when, "never"))
    return 0;
  const char *nc = getenv("NO_COLOR");
  if(nc && *nc)
    return 0;
  const char *term = getenv("TERM");
  if(term && !strcmp(term, "dumb"))
    return 0;
  return isatty(fileno(f));
}

int cli_load_budgets(const char *path, int lighthouse, ao_budget_config *c,
                     int quiet)
{
  ao_buf text = AO_BUF_INIT(0);
  ao_diags d;
  ao_diags_init(&d, path, NULL, 0);
  ao_status s = ao_fs_read(path, 0, &text, &d);
  if(!s) {
    d.src = text.data;
    d.src_len = text.len;
    s = lighthouse ? ao_budget_lighthouse_parse(text.data, text.len, path, c, &d)
                   : ao_budget_config_parse(text.data, text.len, path, c, &d);
  }
  cli_print_diags(&d, quiet);
  ao_diags_free(&d);
  ao_buf_free(&text);
  if(!s)
    return EXIT_OK_;
  return cli_exit_code(s == AO_NOMEM ? AO_NOMEM : AO_CONFIG);
}

int cli_js_level(const char *s)
{
  if(!strcmp(s, "whitespace")) return AO_JS_MIN_WHITESPACE;
  if(!strcmp(s, "syntax")) return AO_JS_MIN_SYNTAX;
  if(!strcmp(s, "identifiers")) return AO_JS_MIN_IDENTIFIERS;
  if(!strcmp(s, "all")) return AO_JS_MIN_ALL;
  return -1;
}
