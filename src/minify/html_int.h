/* Private to the HTML minifier: omission of optional tags (html_opt.c). */
#ifndef ASSETOPT_HTML_INT_H
#define ASSETOPT_HTML_INT_H

#include <assetopt/html_lex.h>

/* A model of the open elements, kept just well enough to know when an end
 * tag the HTML standard lets a page omit (</li>, </p>, </td> …) or a bare
 * <html>/<head>/<body> may go: when the element has nothing left open inside
 * it and the next token closes it the same way. Whenever the model may
 * differ from a browser's tree, omission stops for the rest of the page. */
typedef struct ao__html_opt {
  const unsigned char *src;
  struct ao__html_open {
    size_t off, len;
    char nm[16];           /* lower case; "" when longer                */
    unsigned char fl;
  } *stack;
  size_t n, cap;
  int off;                 /* disabled (by option or by doubt)          */
  int content;             /* text or body elements were met            */
  int cand;                /* what the bytes [cand_at, cand_end) are     */
  char cur[16];            /* the current tag's name, lower case         */
  unsigned cur_bits;       /* … and what it is (html_opt.c)              */
  size_t cand_at, cand_end;
} ao__html_opt;

void ao__html_opt_init(ao__html_opt *p, const unsigned char *src, int enabled);
void ao__html_opt_free(ao__html_opt *p);
/* Before anything is written for token t (NULL: text, comment or other
 * output): drops the pending candidate from out when t allows it. */
void ao__html_opt_next(ao__html_opt *p, ao_buf *out, const ao_html_tok *t);
/* After HTML tag t was written at out[at, out->len). */
void ao__html_opt_tag(ao__html_opt *p, const ao_html_tok *t, const ao_buf *out,
                      size_t at);
/* Text that is not whitespace was written. */
void ao__html_opt_content(ao__html_opt *p);
/* The tree may no longer match the model. */
void ao__html_opt_doubt(ao__html_opt *p);

#endif
