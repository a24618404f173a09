/* HTML tokenizer: data, tag, attribute, comment, doctype, raw text, RCDATA
 * and script data states of the HTML standard, on byte spans. */
#include <assetopt/html_lex.h>

#include <string.h>

static int is_ws(unsigned char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
}

static int is_alpha(unsigned char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_alnum(unsigned char c)
{
  return is_alpha(c) || (c >= '0' && c <= '9');
}

static unsigned char lower(unsigned char c)
{
  return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

int ao_html_name_is(const unsigned char *src, size_t off, size_t len,
                    const char *lw)
{
  for(size_t i = 0; i < len; i++)
    if(!lw[i] || lower(src[off + i]) != (unsigned char)lw[i])
      return 0;
  return lw[len] == 0;
}

const ao_html_attr *ao_html_attr_find(const ao_html_tok *t,
                                      const unsigned char *src, const char *lw)
{
  for(size_t i = 0; i < t->nattrs; i++)
    if(ao_html_name_is(src, t->attrs[i].name_off, t->attrs[i].name_len, lw))
      return &t->attrs[i];
  return NULL;
}

int ao_html_attr_value_is(const ao_html_attr *a, const unsigned char *src,
                          const char *lw)
{
  if(!a || a->quote < 0)
    return 0;
  size_t b = a->val_off, e = a->val_off + a->val_len;
  while(b < e && is_ws(src[b]))
    b++;
  while(e > b && is_ws(src[e - 1]))
    e--;
  return ao_html_name_is(src, b, e - b, lw);
}

int ao_html_has_charref(const unsigned char *p, size_t n)
{
  for(size_t i = 0; i + 1 < n; i++)
    if(p[i] == '&' && (p[i + 1] == '#' || is_alnum(p[i + 1])))
      return 1;
  return 0;
}

void ao_html_lex_init(ao_html_lex *lx, const unsigned char *src, size_t len,
                      unsigned opts)
{
  memset(lx, 0, sizeof(*lx));
  lx->src = src;
  lx->len = len;
  lx->opts = opts;
}

void ao_html_lex_free(ao_html_lex *lx)
{
  ao_free(lx->attrs);
  lx->attrs = NULL;
  lx->nattrs = lx->cap = 0;
}

/* case-insensitive match of the literal lw (lower case) at src[i] */
static int at_ci(const ao_html_lex *lx, size_t i, const char *lw)
{
  size_t n = strlen(lw);
  if(n > lx->len - i)
    return 0;
  for(size_t k = 0; k < n; k++)
    if(lower(lx->src[i + k]) != (unsigned char)lw[k])
      return 0;
  return 1;
}

static int at(const ao_html_lex *lx, size_t i, const char *s)
{
  size_t n = strlen(s);
  return n <= lx->len - i && !memcmp(lx->src + i, s, n);
}

/* offset of the first occurrence of s at or after i, or len */
static size_t find(const ao_html_lex *lx, size_t i, const char *s)
{
  while(i < lx->len) {
    const unsigned char *p = memchr(lx->src + i, s[0], lx->len - i);
    if(!p)
      return lx->len;
    i = (size_t)(p - lx->src);
    if(at(lx, i, s))
      return i;
    i++;
  }
  return lx->len;
}

static void tok_init(ao_html_tok *t, ao_html_tok_kind kind, size_t off,
                     size_t end, unsigned flags)
{
  *t = (ao_html_tok){ .kind = kind, .off = off, .end = end, .name_off = off,
                      .name_len = end - off, .tag_end = end, .flags = flags };
}

/* "</name" followed by whitespace, '/' or '>' at i (name = raw element) */
static int at_end_tag(const ao_html_lex *lx, size_t i, size_t name_off,
                      size_t name_len)
{
  if(lx->len - i < name_len + 2 || lx->src[i] != '<' || lx->src[i + 1] != '/')
    return 0;
  for(size_t k = 0; k < name_len; k++)
    if(lower(lx->src[i + 2 + k]) != lower(lx->src[name_off + k]))
      return 0;
  unsigned char c = lx->src[i + 2 + name_len]; /* padding reads as 0 */
  return is_ws(c) || c == '/' || c == '>';
}

/* "<script" or "</script" (close = 1) followed by ws, '/' or '>' at i */
static int at_script_tag(const ao_html_lex *lx, size_t i, int close)
{
  size_t k = i + 1 + (size_t)close;
  if(close && (lx->len - i < 2 || lx->src[i + 1] != '/'))
    return 0;
  if(!at_ci(lx, k, "script"))
    return 0;
  unsigned char c = lx->len - k > 6 ? lx->src[k + 6] : 0;
  return is_ws(c) || c == '/' || c == '>';
}

/* End of a <script> body: script data, escaped and double-escaped states. */
static size_t script_end(const ao_html_lex *lx, size_t i)
{
  enum { DATA, ESCAPED, DOUBLE } st = DATA;
  while(i < lx->len) {
    const unsigned char *p = memchr(lx->src + i, st == DATA ? '<' : '-',
                                    lx->len - i);
    /* in escaped states '<' matters too: scan byte by byte there */
    if(st != DATA)
      p = lx->src + i;
    if(!p)
      return lx->len;
    i = (size_t)(p - lx->src);
    unsigned char c = lx->src[i];
    if(c == '<') {
      if(st != DOUBLE && at_script_tag(lx, i, 1))
        return i;
      if(st == DATA && at(lx, i, "<!--")) {
        st = ESCAPED;
        i += 4;
        /* "<!--" then "-->" at once ("<!-->") returns to data */
        continue;
      }
      if(st == ESCAPED && at_script_tag(lx, i, 0)) {
        st = DOUBLE;
        i += 7;
        continue;
      }
      if(st == DOUBLE && at_script_tag(lx, i, 1)) {
        st = ESCAPED;
        i += 8;
        continue;
      }
      i++;
      continue;
    }
    if(c == '-' && st != DATA && at(lx, i, "-->")) {
      st = DATA;
      i += 3;
      continue;
    }
    i++;
  }
  return lx->len;
}

static ao_status push_attr(ao_html_lex *lx, const ao_html_attr *a)
{
  if(lx->nattrs == lx->cap) {
    size_t cap = lx->cap ? lx->cap * 2 : 16;
    ao_html_attr *p = ao_realloc(lx->attrs, cap * sizeof(*p));
    if(!p)
      return AO_NOMEM;
    lx->attrs = p;
    lx->cap = cap;
  }
  lx->attrs[lx->nattrs++] = *a;
  return AO_OK;
}

static int name_in(const unsigned char *src, size_t off, size_t len,
                   const char *const *names)
{
  for(; *names; names++)
    if(ao_html_name_is(src, off, len, *names))
      return 1;
  return 0;
}

/* HTML start tags that end foreign content (the HTML standard's list) */
static const char *const breakout[] = {
  "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div",
  "dl", "dt", "em", "embed", "h1", "h2", "h3", "h4", "h5", "h6", "head",
  "hr", "i", "img", "li", "listing", "menu", "meta", "nobr", "ol", "p",
  "pre", "ruby", "s", "small", "span", "strong", "strike", "sub", "sup",
  "table", "tt", "u", "ul", "var", NULL
};

static const char *const raw_names[] = {
  "script", "style", "textarea", "title", "xmp", "iframe", "noembed",
  "noframes", NULL
};

/* A tag from '<' at off; the name starts at off+1 (+1 for end tags). */
static ao_status lex_tag(ao_html_lex *lx, ao_html_tok *t, size_t off, int end)
{
  const unsigned char *s = lx->src;
  size_t n = lx->len, i = off + 1 + (size_t)end;
  lx->nattrs = 0;
  tok_init(t, end ? AO_HTML_END_TAG : AO_HTML_START_TAG, off, n,
           lx->foreign ? AO_HTML_TF_FOREIGN : 0);
  t->name_off = i;
  while(i < n && !is_ws(s[i]) && s[i] != '/' && s[i] != '>')
    i++;
  t->name_len = i - t->name_off;
  int closed = 0;
  for(;;) {
    while(i < n && is_ws(s[i]))
      i++;
    if(i >= n)
      break;
    if(s[i] == '>') {
      t->tag_end = i;
      t->end = i + 1;
      closed = 1;
      break;
    }
    if(s[i] == '/') {
      if(i + 1 < n && s[i + 1] == '>') {
        t->flags |= AO_HTML_TF_SELF_CLOSING;
        t->tag_end = i;
        t->end = i + 2;
        closed = 1;
        break;
      }
      i++;
      continue;
    }
    /* attribute name: the first byte may be '=' */
    ao_html_attr a = { .off = i, .name_off = i, .quote = -1 };
    i++;
    while(i < n && !is_ws(s[i]) && s[i] != '/' && s[i] != '>' && s[i] != '=')
      i++;
    a.name_len = i - a.name_off;
    size_t j = i;
    while(j < n && is_ws(s[j]))
      j++;
    if(j < n && s[j] == '=') {
      j++;
      while(j < n && is_ws(s[j]))
        j++;
      if(j < n && (s[j] == '"' || s[j] == '\'')) {
        unsigned char q = s[j];
        const unsigned char *e = memchr(s + j + 1, q, n - j - 1);
        a.quote = q;
        a.val_off = j + 1;
        if(!e) {
          a.val_len = n - a.val_off;
          i = n;
        }
        else {
          a.val_len = (size_t)(e - s) - a.val_off;
          i = (size_t)(e - s) + 1;
        }
      }
      else if(j < n && s[j] == '>') {
        /* "a=>": an empty value */
        a.quote = 0;
        a.val_off = j;
        a.val_len = 0;
        i = j;
      }
      else {
        a.quote = 0;
        a.val_off = j;
        while(j < n && !is_ws(s[j]) && s[j] != '>')
          j++;
        a.val_len = j - a.val_off;
        i = j;
      }
      a.charref = ao_html_has_charref(s + a.val_off, a.val_len);
    }
    a.end = i;
    if(!end && push_attr(lx, &a))
      return AO_NOMEM;
  }
  if(!closed) {
    t->flags |= AO_HTML_TF_UNTERMINATED;
    t->tag_end = n;
  }
  t->attrs = lx->attrs;
  t->nattrs = end ? 0 : lx->nattrs;
  lx->pos = t->end;
  if(t->flags & AO_HTML_TF_UNTERMINATED)
    return AO_OK;

  /* what the tag changes for the tokens after it */
  const unsigned char *nm = s;
  size_t no = t->name_off, nl = t->name_len;
  int svgmath = ao_html_name_is(nm, no, nl, "svg") ||
                ao_html_name_is(nm, no, nl, "math");
  if(end) {
    if(lx->foreign && svgmath)
      lx->foreign--;
    return AO_OK;
  }
  if(lx->foreign) {
    if(svgmath) {
      if(!(t->flags & AO_HTML_TF_SELF_CLOSING))
        lx->foreign++;
    }
    else if(name_in(nm, no, nl, breakout) ||
            (ao_html_name_is(nm, no, nl, "font") &&
             (ao_html_attr_find(t, s, "color") ||
              ao_html_attr_find(t, s, "face") ||
              ao_html_attr_find(t, s, "size")))) {
      lx->foreign = 0;
      t->flags &= ~(unsigned)AO_HTML_TF_FOREIGN;
    }
    else
      return AO_OK;
    if(lx->foreign)
      return AO_OK;
  }
  if(svgmath) {
    if(!(t->flags & AO_HTML_TF_SELF_CLOSING))
      lx->foreign = 1;
    return AO_OK;
  }
  if(ao_html_name_is(nm, no, nl, "plaintext")) {
    lx->plaintext = 1;
    return AO_OK;
  }
  /* self-closing does not apply to HTML elements: <script/> opens one */
  if(name_in(nm, no, nl, raw_names) ||
     ((lx->opts & AO_HTML_LEX_NOSCRIPT_RAW) &&
      ao_html_name_is(nm, no, nl, "noscript"))) {
    lx->raw = 1;
    lx->raw_script = ao_html_name_is(nm, no, nl, "script");
    lx->raw_name_off = no;
    lx->raw_name_len = nl;
  }
  return AO_OK;
}

/* "<!" at off: comment, doctype, CDATA or bogus comment */
static void lex_markup_decl(ao_html_lex *lx, ao_html_tok *t, size_t off)
{
  size_t n = lx->len;
  if(at(lx, off, "<!--")) {
    size_t b = off + 4, e;
    tok_init(t, AO_HTML_COMMENT, off, n, 0);
    if(at(lx, b, ">") || at(lx, b, "->")) { /* <!--> and <!---> */
      e = b;
      t->end = b + (lx->src[b] == '>' ? 1 : 2);
    }
    else {
      size_t e1 = find(lx, b, "-->"), e2 = find(lx, b, "--!>");
      e = e1 < e2 ? e1 : e2;
      if(e == n) {
        t->flags |= AO_HTML_TF_UNTERMINATED;
        t->end = n;
      }
      else
        t->end = e + (e == e1 ? 3 : 4);
    }
    t->name_off = b;
    t->name_len = e - b;
    lx->pos = t->end;
    return;
  }
  if(at_ci(lx, off, "<!doctype")) {
    const unsigned char *e = memchr(lx->src + off, '>', n - off);
    tok_init(t, AO_HTML_DOCTYPE, off, e ? (size_t)(e - lx->src) + 1 : n,
             e ? 0 : AO_HTML_TF_UNTERMINATED);
    t->name_off = off + 9;
    t->name_len = (e ? (size_t)(e - lx->src) : n) - t->name_off;
    lx->pos = t->end;
    return;
  }
  if(lx->foreign && at(lx, off, "<![CDATA[")) {
    size_t e = find(lx, off + 9, "]]>");
    tok_init(t, AO_HTML_CDATA, off, e == n ? n : e + 3,
             e == n ? AO_HTML_TF_UNTERMINATED : 0);
    t->flags |= AO_HTML_TF_FOREIGN;
    t->name_off = off + 9;
    t->name_len = e - t->name_off;
    lx->pos = t->end;
    return;
  }
  /* bogus comment: up to the next '>' */
  const unsigned char *e = memchr(lx->src + off, '>', n - off);
  tok_init(t, AO_HTML_BOGUS, off, e ? (size_t)(e - lx->src) + 1 : n, 0);
  t->name_off = off + 2;
  t->name_len = (e ? (size_t)(e - lx->src) : n) - t->name_off;
  lx->pos = t->end;
}

ao_status ao_html_lex_next(ao_html_lex *lx, ao_html_tok *t)
{
  const unsigned char *s = lx->src;
  size_t n = lx->len, i = lx->pos;
  if(i >= n) {
    tok_init(t, AO_HTML_EOF, n, n, 0);
    return AO_OK;
  }
  if(lx->plaintext) {
    tok_init(t, AO_HTML_RAWTEXT, i, n, 0);
    lx->pos = n;
    return AO_OK;
  }
  if(lx->raw) {
    size_t e;
    lx->raw = 0;
    if(lx->raw_script)
      e = script_end(lx, i);
    else {
      e = i;
      for(;;) {
        const unsigned char *p = memchr(s + e, '<', n - e);
        if(!p) {
          e = n;
          break;
        }
        e = (size_t)(p - s);
        if(at_end_tag(lx, e, lx->raw_name_off, lx->raw_name_len))
          break;
        e++;
      }
    }
    if(e > i || e == n) {
      tok_init(t, AO_HTML_RAWTEXT, i, e, e == n ? AO_HTML_TF_UNTERMINATED : 0);
      lx->pos = e;
      return AO_OK;
    }
  }
  if(s[i] == '<') {
    unsigned char c = s[i + 1]; /* padding reads as 0 */
    if(i + 1 < n && is_alpha(c))
      return lex_tag(lx, t, i, 0);
    if(i + 1 < n && c == '/') {
      unsigned char d = i + 2 < n ? s[i + 2] : 0;
      if(is_alpha(d))
        return lex_tag(lx, t, i, 1);
      if(i + 2 < n && d == '>') { /* "</>" is dropped by browsers */
        tok_init(t, AO_HTML_BOGUS, i, i + 3, 0);
        t->name_off = i + 2;
        t->name_len = 0;
        lx->pos = i + 3;
        return AO_OK;
      }
      if(i + 2 < n) {
        const unsigned char *e = memchr(s + i, '>', n - i);
        tok_init(t, AO_HTML_BOGUS, i, e ? (size_t)(e - s) + 1 : n, 0);
        t->name_off = i + 2;
        t->name_len = (e ? (size_t)(e - s) : n) - t->name_off;
        lx->pos = t->end;
        return AO_OK;
      }
    }
    if(i + 1 < n && c == '!') {
      lex_markup_decl(lx, t, i);
      return AO_OK;
    }
    if(i + 1 < n && c == '?') {
      const unsigned char *e = memchr(s + i, '>', n - i);
      tok_init(t, AO_HTML_BOGUS, i, e ? (size_t)(e - s) + 1 : n, 0);
      t->name_off = i + 1;
      t->name_len = (e ? (size_t)(e - s) : n) - t->name_off;
      lx->pos = t->end;
      return AO_OK;
    }
  }
  /* text: up to the next '<' that opens markup */
  size_t e = i + 1;
  for(;;) {
    const unsigned char *p = e < n ? memchr(s + e, '<', n - e) : NULL;
    if(!p) {
      e = n;
      break;
    }
    e = (size_t)(p - s);
    unsigned char c = e + 1 < n ? s[e + 1] : 0;
    if(is_alpha(c) || c == '!' || c == '?' || (c == '/' && e + 2 < n))
      break;
    e++;
  }
  tok_init(t, AO_HTML_TEXT, i, e, lx->foreign ? AO_HTML_TF_FOREIGN : 0);
  lx->pos = e;
  return AO_OK;
}
