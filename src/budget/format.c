/* Budget results as a table, JSON, GitHub annotations or JUnit XML. */
#include "budget_int.h"

#include <stdio.h>
#include <string.h>

void ao__budget_json_str(ao_buf *b, const char *s)
{
  ao_buf_putc(b, '"');
  for(const unsigned char *p = (const unsigned char *)s; *p; p++) {
    switch(*p) {
    case '"': ao_buf_puts(b, "\\\""); break;
    case '\\': ao_buf_puts(b, "\\\\"); break;
    case '\n': ao_buf_puts(b, "\\n"); break;
    case '\r': ao_buf_puts(b, "\\r"); break;
    case '\t': ao_buf_puts(b, "\\t"); break;
    default:
      if(*p < 0x20)
        ao_buf_printf(b, "\\u%04x", *p);
      else
        ao_buf_putc(b, *p);
    }
  }
  ao_buf_putc(b, '"');
}

void ao__budget_xml_str(ao_buf *b, const char *s)
{
  for(const unsigned char *p = (const unsigned char *)s; *p; p++) {
    switch(*p) {
    case '&': ao_buf_puts(b, "&amp;"); break;
    case '<': ao_buf_puts(b, "&lt;"); break;
    case '>': ao_buf_puts(b, "&gt;"); break;
    case '"': ao_buf_puts(b, "&quot;"); break;
    case '\'': ao_buf_puts(b, "&#39;"); break;
    default:
      if(*p < 0x20 && *p != '\n' && *p != '\t')
        ao_buf_putc(b, '?'); /* not allowed in XML 1.0 */
      else
        ao_buf_putc(b, *p);
    }
  }
}

static const char *human(uint64_t n, int binary, char buf[32])
{
  double k = binary ? 1024.0 : 1000.0;
  const char *const *u;
  static const char *const dec[] = { "B", "kB", "MB", "GB" };
  static const char *const bin[] = { "B", "KiB", "MiB", "GiB" };
  u = binary ? bin : dec;
  if(n < (uint64_t)k)
    snprintf(buf, 32, "%llu B", (unsigned long long)n);
  else if(n < (uint64_t)(k * k))
    snprintf(buf, 32, "%.1f %s", n / k, u[1]);
  else if(n < (uint64_t)(k * k * k))
    snprintf(buf, 32, "%.2f %s", n / (k * k), u[2]);
  else
    snprintf(buf, 32, "%.2f %s", n / (k * k * k), u[3]);
  return buf;
}

const char *ao__budget_human(uint64_t n, char buf[32])
{
  return human(n, 0, buf);
}

/* Measured values follow the family of the budget's unit (KiB or KB). */
static int binary_unit(const ao_budget_rule *r)
{
  return r->limit_text && (strstr(r->limit_text, "i") || strstr(r->limit_text, "I"));
}

static const char *amount(const ao_budget_result *x, uint64_t n, char buf[32])
{
  if(x->rule->count) {
    snprintf(buf, 32, "%llu", (unsigned long long)n);
    return buf;
  }
  return human(n, binary_unit(x->rule), buf);
}

static void over_by(const ao_budget_result *x, char buf[32])
{
  if(!x->over) {
    snprintf(buf, 32, "-");
    return;
  }
  char t[32];
  snprintf(buf, 32, "+%s", amount(x, x->actual - x->rule->limit, t));
}

static void percent(const ao_budget_result *x, char buf[16])
{
  if(!x->rule->limit)
    snprintf(buf, 16, x->actual ? "inf" : "0%%");
  else
    snprintf(buf, 16, "%llu%%",
             (unsigned long long)((x->actual * 100 + x->rule->limit / 2) /
                                  x->rule->limit));
}

static size_t utf8_width(const char *s)
{
  size_t w = 0;
  for(; *s; s++)
    w += ((unsigned char)*s & 0xc0) != 0x80;
  return w;
}

static void pad(ao_buf *b, const char *s, size_t width, int right)
{
  size_t w = utf8_width(s);
  if(right)
    for(size_t i = w; i < width; i++)
      ao_buf_putc(b, ' ');
  ao_buf_puts(b, s);
  if(!right)
    for(size_t i = w; i < width; i++)
      ao_buf_putc(b, ' ');
}

static void format_text(const ao_budget_report *r, int color, ao_buf *b)
{
  const char *red = color ? "\033[31m" : "", *green = color ? "\033[32m" : "",
             *dim = color ? "\033[2m" : "", *bold = color ? "\033[1m" : "",
             *off = color ? "\033[0m" : "";
  if(!r->n) {
    ao_buf_printf(b, "no budget applies: %zu HTML entr%s and no file rule "
                  "matched\n", r->entries, r->entries == 1 ? "y" : "ies");
    return;
  }
  size_t wname = 4;
  for(size_t i = 0; i < r->n; i++) {
    size_t w = utf8_width(r->items[i].name);
    if(w > wname)
      wname = w;
  }
  if(wname > 70)
    wname = 70;
  ao_buf_printf(b, "%s", bold);
  ao_buf_puts(b, "       ");
  pad(b, "rule", wname, 0);
  ao_buf_printf(b, "  %10s  %10s  %10s  %5s%s\n", "measured", "budget",
                "over by", "%", off);
  for(size_t i = 0; i < r->n; i++) {
    const ao_budget_result *x = &r->items[i];
    char m[32], o[32], p[16];
    amount(x, x->actual, m);
    over_by(x, o);
    percent(x, p);
    ao_buf_printf(b, "%s%s%s  ", x->over ? red : green,
                  x->over ? "FAIL" : "  ok", off);
    ao_buf_puts(b, " ");
    pad(b, x->name, wname, 0);
    ao_buf_puts(b, "  ");
    pad(b, m, 10, 1);
    ao_buf_puts(b, "  ");
    pad(b, x->rule->limit_text ? x->rule->limit_text : "?", 10, 1);
    ao_buf_puts(b, "  ");
    if(x->over)
      ao_buf_puts(b, red);
    pad(b, o, 10, 1);
    if(x->over)
      ao_buf_puts(b, off);
    ao_buf_puts(b, "  ");
    pad(b, p, 5, 1);
    ao_buf_putc(b, '\n');
    if(x->nmissing && (!i || strcmp(r->items[i - 1].file, x->file)))
      ao_buf_printf(b, "%s         %zu referenced file%s missing%s\n", dim,
                    x->nmissing, x->nmissing == 1 ? " is" : "s are", off);
    if(x->over && (x->ntop > 1 || (x->ntop == 1 && strcmp(x->top[0].path, x->file)))) {
      for(size_t k = 0; k < x->ntop; k++) {
        char s[32];
        ao_buf_printf(b, "%s         ", dim);
        pad(b, x->top[k].path, wname - 2, 0);
        ao_buf_puts(b, "  ");
        pad(b, x->rule->count ? "1" : human(x->top[k].size, binary_unit(x->rule), s),
            10, 1);
        ao_buf_printf(b, "%s\n", off);
      }
      if(x->nparts > x->ntop)
        ao_buf_printf(b, "%s         … and %zu more file%s%s\n", dim,
                      x->nparts - x->ntop, x->nparts - x->ntop == 1 ? "" : "s",
                      off);
    }
  }
  if(r->failed)
    ao_buf_printf(b, "\n%s%zu of %zu budget%s exceeded%s\n", red, r->failed,
                  r->n, r->n == 1 ? "" : "s", off);
  else
    ao_buf_printf(b, "\n%sall %zu budget%s met%s\n", green, r->n,
                  r->n == 1 ? "" : "s", off);
}

static void format_json(const ao_budget_report *r, ao_buf *b)
{
  ao_buf_printf(b, "{\n  \"ok\": %s,\n  \"failed\": %zu,\n  \"entries\": %zu,\n"
                "  \"results\": [", r->failed ? "false" : "true", r->failed,
                r->entries);
  for(size_t i = 0; i < r->n; i++) {
    const ao_budget_result *x = &r->items[i];
    char p[16];
    percent(x, p);
    ao_buf_puts(b, i ? ",\n    {" : "\n    {");
    ao_buf_puts(b, "\"rule\": ");
    ao__budget_json_str(b, x->name);
    ao_buf_puts(b, ", \"file\": ");
    ao__budget_json_str(b, x->file);
    ao_buf_puts(b, ", \"origin\": ");
    ao__budget_json_str(b, x->rule->origin ? x->rule->origin : "");
    ao_buf_printf(b, ", \"measure\": \"%s\", \"unit\": \"%s\", \"actual\": %llu, "
                  "\"limit\": %llu, \"limitText\": ",
                  x->rule->count ? "count" : ao_measure_name(x->measure),
                  x->rule->count ? "requests" : "bytes",
                  (unsigned long long)x->actual,
                  (unsigned long long)x->rule->limit);
    ao__budget_json_str(b, x->rule->limit_text ? x->rule->limit_text : "");
    ao_buf_printf(b, ", \"over\": %s, \"overBy\": %llu, \"percent\": ",
                  x->over ? "true" : "false",
                  (unsigned long long)(x->over ? x->actual - x->rule->limit : 0));
    if(x->rule->limit)
      ao_buf_printf(b, "%.1f", x->actual * 100.0 / (double)x->rule->limit);
    else
      ao_buf_puts(b, "null");
    ao_buf_printf(b, ", \"files\": %zu, \"missing\": %zu, \"top\": [",
                  x->nparts, x->nmissing);
    for(size_t k = 0; k < x->ntop; k++) {
      ao_buf_puts(b, k ? ", {\"path\": " : "{\"path\": ");
      ao__budget_json_str(b, x->top[k].path);
      ao_buf_printf(b, ", \"size\": %llu}", (unsigned long long)x->top[k].size);
    }
    ao_buf_puts(b, "]}");
  }
  ao_buf_puts(b, r->n ? "\n  ]\n}\n" : "]\n}\n");
}

/* GitHub workflow commands: data escapes %, CR, LF; properties also : , */
static void gh_escape(ao_buf *b, const char *s, int prop)
{
  for(; *s; s++) {
    if(*s == '%')
      ao_buf_puts(b, "%25");
    else if(*s == '\r')
      ao_buf_puts(b, "%0D");
    else if(*s == '\n')
      ao_buf_puts(b, "%0A");
    else if(prop && *s == ':')
      ao_buf_puts(b, "%3A");
    else if(prop && *s == ',')
      ao_buf_puts(b, "%2C");
    else
      ao_buf_putc(b, *s);
  }
}

static void file_of(const ao_budget_report *r, const ao_budget_result *x,
                    ao_buf *b)
{
  if(r->root && *r->root && strcmp(r->root, ".")) {
    ao_buf_puts(b, r->root);
    if(r->root[strlen(r->root) - 1] != '/')
      ao_buf_putc(b, '/');
  }
  ao_buf_puts(b, x->file);
}

static void message(const ao_budget_result *x, ao_buf *b)
{
  char m[32], o[32];
  amount(x, x->actual, m);
  if(x->over) {
    over_by(x, o);
    ao_buf_printf(b, "%s is %s%s, over the budget of %s by %s", x->name, m,
                  x->rule->count ? " files" : "", x->rule->limit_text, o + 1);
  }
  else {
    ao_buf_printf(b, "%s is %s%s, within %s", x->name, m,
                  x->rule->count ? " files" : "", x->rule->limit_text);
  }
  if(x->over && x->ntop) {
    ao_buf_puts(b, "; largest: ");
    for(size_t k = 0; k < x->ntop && k < 3; k++) {
      char s[32];
      ao_buf_printf(b, "%s%s (%s)", k ? ", " : "", x->top[k].path,
                    x->rule->count ? "1" : amount(x, x->top[k].size, s));
    }
  }
}

static void format_github(const ao_budget_report *r, ao_buf *b)
{
  ao_buf file = AO_BUF_INIT(0), msg = AO_BUF_INIT(0);
  for(size_t i = 0; i < r->n; i++) {
    const ao_budget_result *x = &r->items[i];
    if(!x->over)
      continue;
    ao_buf_reset(&file);
    ao_buf_reset(&msg);
    file_of(r, x, &file);
    message(x, &msg);
    ao_buf_puts(b, "::error file=");
    gh_escape(b, file.len ? (const char *)file.data : "", 1);
    ao_buf_puts(b, ",title=");
    gh_escape(b, "Size budget exceeded", 1);
    ao_buf_puts(b, "::");
    gh_escape(b, msg.len ? (const char *)msg.data : "", 0);
    ao_buf_putc(b, '\n');
  }
  if(r->failed)
    ao_buf_printf(b, "%zu of %zu budgets exceeded\n", r->failed, r->n);
  else
    ao_buf_printf(b, "all %zu budgets met\n", r->n);
  ao_buf_free(&file);
  ao_buf_free(&msg);
}

static void format_junit(const ao_budget_report *r, ao_buf *b)
{
  ao_buf_printf(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<testsuites name=\"assetopt check\" tests=\"%zu\" "
                "failures=\"%zu\">\n"
                "  <testsuite name=\"size budgets\" tests=\"%zu\" "
                "failures=\"%zu\" errors=\"0\" skipped=\"0\">\n",
                r->n, r->failed, r->n, r->failed);
  ao_buf tmp = AO_BUF_INIT(0);
  for(size_t i = 0; i < r->n; i++) {
    const ao_budget_result *x = &r->items[i];
    ao_buf_puts(b, "    <testcase classname=\"budget\" name=\"");
    ao__budget_xml_str(b, x->name);
    ao_buf_puts(b, "\" file=\"");
    ao_buf_reset(&tmp);
    file_of(r, x, &tmp);
    ao__budget_xml_str(b, tmp.len ? (const char *)tmp.data : "");
    ao_buf_reset(&tmp);
    message(x, &tmp);
    if(!x->over) {
      ao_buf_puts(b, "\">\n      <system-out>");
      ao__budget_xml_str(b, tmp.len ? (const char *)tmp.data : "");
      ao_buf_puts(b, "</system-out>\n    </testcase>\n");
      continue;
    }
    ao_buf_puts(b, "\">\n      <failure type=\"budget\" message=\"");
    ao__budget_xml_str(b, tmp.len ? (const char *)tmp.data : "");
    ao_buf_puts(b, "\">");
    ao_buf_printf(b, "rule: %s\nmeasure: %s\n",
                  x->rule->origin ? x->rule->origin : "",
                  x->rule->count ? "count" : ao_measure_name(x->measure));
    for(size_t k = 0; k < x->ntop; k++) {
      char s[32];
      ao_buf_puts(b, "  ");
      ao__budget_xml_str(b, x->top[k].path);
      ao_buf_printf(b, " %s\n", x->rule->count ? "" : amount(x, x->top[k].size, s));
    }
    ao_buf_puts(b, "</failure>\n    </testcase>\n");
  }
  ao_buf_free(&tmp);
  ao_buf_puts(b, "  </testsuite>\n</testsuites>\n");
}

ao_status ao_budget_format(const ao_budget_report *r, ao_budget_fmt f,
                           int color, ao_buf *out)
{
  switch(f) {
  case AO_BUDGET_FMT_JSON: format_json(r, out); break;
  case AO_BUDGET_FMT_GITHUB: format_github(r, out); break;
  case AO_BUDGET_FMT_JUNIT: format_junit(r, out); break;
  default: format_text(r, color, out); break;
  }
  return out->err;
}
