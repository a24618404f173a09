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
  int omit;                /* omissions asked for                       */
  int off;                 /* the model is in doubt                     */
  int content;             /* text or body elements were met            */
  int ended;               /* </body> or </html> was met                */
  int next_cand;           /* what the tag being written may become     */
  int popped_unknown;      /* the last tag closed a custom element       */
  int popped_formatting;   /* … or a formatting element not its own      */
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
enum { AO__HTML_DOUBT = 1, AO__HTML_STRAY = 2, AO__HTML_CLOSES_CUSTOM = 4 };
/* Before HTML tag t is written (after ao__html_opt_next): updates the
 * model. AO__HTML_DOUBT: the model no longer follows the browser's tree
 * (from here on); AO__HTML_STRAY: an end tag that closes nothing, which a
 * browser ignores; AO__HTML_CLOSES_CUSTOM: the tag also closes elements
 * of unknown display (custom: t is one of those). */
int ao__html_opt_check(ao__html_opt *p, const ao_html_tok *t, int custom);
/* After that tag was written at out[at, out->len). */
void ao__html_opt_tag(ao__html_opt *p, const ao_buf *out, size_t at);
/* Whether the current node is a table, table section or row (or the
 * model is in doubt). */
int ao__html_opt_in_table(const ao__html_opt *p);
/* Whether an element of unknown display is open (or the model is in
 * doubt). */
int ao__html_opt_custom_open(const ao__html_opt *p);
/* Text in HTML content; visible: it holds more than whitespace. Returns
 * whether the model is in doubt. */
int ao__html_opt_text(ao__html_opt *p, int visible);
/* The tree may no longer match the model. */
void ao__html_opt_doubt(ao__html_opt *p);

#endif
