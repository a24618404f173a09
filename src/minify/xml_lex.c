/* XML tokenizer: text, comments, CDATA, processing instructions, doctype,
 * start and end tags. Offsets only; nothing is copied or decoded. */
#include <assetopt/xml_lex.h>

#include <string.h>

static int is_ws(unsigned char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_name_start(unsigned char c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
         c == ':' || c >= 0x80;
}

static int is_name(unsigned char c)
{
  return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

int ao_xml_eq(const unsigned char *p, size_t n, const char *s)
{
  if(!n || p[0] != (unsigned char)s[0])
    return !n && !s[0];
  size_t k = strlen(s);
  return n == k && !memcmp(p, s, k);
}

void ao_xml_lex_init(ao_xml_lex *lx, const unsigned char *src, size_t len)
{
  *lx = (ao_xml_lex){ .src = src, .len = len };
}

/* Offset of the first occurrence of s at or after from, or len. */
static size_t find(const unsigned char *src, size_t from, size_t len,
                   const char *s)
{
  size_t k = strlen(s);
  while(from + k <= len) {
    const unsigned char *p = memchr(src + from, s[0], len - from - k + 1);
    if(!p)
      return len;
    if(!memcmp(p, s, k))
      return (size_t)(p - src);
    from = (size_t)(p - src) + 1;
  }
  return len;
}

static ao_status fail(ao_xml_lex *lx, size_t off, const char *msg)
{
  lx->err_off = off;
  lx->err_msg = msg;
  return AO_SYNTAX;
}

static size_t name_end(const unsigned char *src, size_t p, size_t len)
{
  while(p < len && is_name(src[p]))
    p++;
  return p;
}

/* <!DOCTYPE … [ internal subset ] > */
static ao_status scan_doctype(ao_xml_lex *lx, ao_xml_tok *t)
{
  const unsigned char *s = lx->src;
  size_t p = lx->pos + 9, len = lx->len;
  int depth = 0;
  while(p < len) {
    unsigned char c = s[p];
    if(c == '"' || c == '\'') {
      const unsigned char *q = memchr(s + p + 1, c, len - p - 1);
      if(!q)
        break;
      p = (size_t)(q - s) + 1;
      continue;
    }
    if(c == '<' && p + 3 < len && s[p + 1] == '!' && s[p + 2] == '-' &&
       s[p + 3] == '-') {
      size_t e = find(s, p + 4, len, "-->");
      if(e == len)
        break;
      p = e + 3;
      continue;
    }
    if(c == '[')
      depth++;
    else if(c == ']' && depth)
      depth--;
    else if(c == '>' && !depth) {
      t->kind = AO_XML_DOCTYPE;
      t->off = lx->pos;
      t->len = p + 1 - lx->pos;
      t->body_off = lx->pos + 9;
      t->body_len = p - t->body_off;
      lx->pos = p + 1;
      return AO_OK;
    }
    p++;
  }
  return fail(lx, lx->pos, "unterminated <!DOCTYPE");
}

static ao_status scan_start(ao_xml_lex *lx, ao_xml_tok *t)
{
  const unsigned char *s = lx->src;
  size_t len = lx->len, start = lx->pos;
  size_t p = name_end(s, start + 1, len);
  t->kind = AO_XML_START;
  t->off = start;
  t->name_off = start + 1;
  t->name_len = p - start - 1;
  t->body_off = p;
  t->self_closing = 0;
  for(;;) {
    while(p < len && is_ws(s[p]))
      p++;
    if(p >= len)
      return fail(lx, start, "unterminated tag");
    if(s[p] == '>') {
      t->body_len = p - t->body_off;
      p++;
      break;
    }
    if(s[p] == '/') {
      if(p + 1 >= len || s[p + 1] != '>')
        return fail(lx, p, "'/' not followed by '>' in a tag");
      t->body_len = p - t->body_off;
      t->self_closing = 1;
      p += 2;
      break;
    }
    if(!is_name_start(s[p]))
      return fail(lx, p, "unexpected character in a tag");
    size_t attr = p;
    p = name_end(s, p, len);
    while(p < len && is_ws(s[p]))
      p++;
    if(p >= len || s[p] != '=')
      return fail(lx, attr, "attribute without a value");
    p++;
    while(p < len && is_ws(s[p]))
      p++;
    if(p >= len || (s[p] != '"' && s[p] != '\''))
      return fail(lx, attr, "attribute value without quotes");
    const unsigned char *q = memchr(s + p + 1, s[p], len - p - 1);
    if(!q)
      return fail(lx, attr, "unterminated attribute value");
    p = (size_t)(q - s) + 1;
    if(p < len && !is_ws(s[p]) && s[p] != '>' && s[p] != '/')
      return fail(lx, p, "no space between attributes");
  }
  t->len = p - start;
  lx->pos = p;
  return AO_OK;
}

ao_status ao_xml_lex_next(ao_xml_lex *lx, ao_xml_tok *t)
{
  const unsigned char *s = lx->src;
  size_t len = lx->len, p = lx->pos;
  *t = (ao_xml_tok){ .kind = AO_XML_EOF, .off = p };
  if(p >= len)
    return AO_OK;
  if(s[p] != '<') {
    const unsigned char *q = memchr(s + p, '<', len - p);
    size_t e = q ? (size_t)(q - s) : len;
    t->kind = AO_XML_TEXT;
    t->len = t->body_len = e - p;
    t->body_off = p;
    lx->pos = e;
    return AO_OK;
  }
  /* the padding makes these peeks safe; each is checked against len */
  if(p + 1 < len && s[p + 1] == '!') {
    if(p + 3 < len && s[p + 2] == '-' && s[p + 3] == '-') {
      size_t e = find(s, p + 4, len, "-->");
      if(e == len)
        return fail(lx, p, "unterminated comment");
      t->kind = AO_XML_COMMENT;
      t->body_off = p + 4;
      t->body_len = e - p - 4;
      t->len = e + 3 - p;
      lx->pos = e + 3;
      return AO_OK;
    }
    if(p + 9 <= len && !memcmp(s + p, "<![CDATA[", 9)) {
      size_t e = find(s, p + 9, len, "]]>");
      if(e == len)
        return fail(lx, p, "unterminated CDATA section");
      t->kind = AO_XML_CDATA;
      t->body_off = p + 9;
      t->body_len = e - p - 9;
      t->len = e + 3 - p;
      lx->pos = e + 3;
      return AO_OK;
    }
    if(p + 9 <= len && !memcmp(s + p, "<!DOCTYPE", 9))
      return scan_doctype(lx, t);
    return fail(lx, p, "unexpected markup declaration");
  }
  if(p + 1 < len && s[p + 1] == '?') {
    size_t e = find(s, p + 2, len, "?>");
    if(e == len)
      return fail(lx, p, "unterminated processing instruction");
    size_t ne = name_end(s, p + 2, e);
    t->kind = AO_XML_PI;
    t->name_off = p + 2;
    t->name_len = ne - p - 2;
    t->body_off = ne;
    t->body_len = e - ne;
    t->len = e + 2 - p;
    lx->pos = e + 2;
    return AO_OK;
  }
  if(p + 1 < len && s[p + 1] == '/') {
    size_t ne = name_end(s, p + 2, len);
    if(ne == p + 2 || !is_name_start(s[p + 2]))
      return fail(lx, p, "end tag without a name");
    size_t q = ne;
    while(q < len && is_ws(s[q]))
      q++;
    if(q >= len || s[q] != '>')
      return fail(lx, p, "unterminated end tag");
    t->kind = AO_XML_END;
    t->name_off = p + 2;
    t->name_len = ne - p - 2;
    t->len = q + 1 - p;
    lx->pos = q + 1;
    return AO_OK;
  }
  if(p + 1 < len && is_name_start(s[p + 1]))
    return scan_start(lx, t);
  return fail(lx, p, "'<' not followed by a name");
}

int ao_xml_attr_next(const unsigned char *s, size_t *pos, size_t end,
                     ao_xml_attr *a)
{
  size_t p = *pos;
  for(;;) {
    while(p < end && (is_ws(s[p]) || !is_name_start(s[p])) && s[p] != '>')
      p++;
    if(p >= end || s[p] == '>')
      break;
    size_t n = p;
    p = name_end(s, p, end);
    size_t ne = p;
    while(p < end && is_ws(s[p]))
      p++;
    if(p >= end || s[p] != '=')
      continue;
    p++;
    while(p < end && is_ws(s[p]))
      p++;
    if(p >= end || (s[p] != '"' && s[p] != '\''))
      continue;
    const unsigned char *q = memchr(s + p + 1, s[p], end - p - 1);
    if(!q)
      break;
    *a = (ao_xml_attr){ .off = n, .name_off = n, .name_len = ne - n,
                        .val_off = p + 1, .val_len = (size_t)(q - s) - p - 1,
                        .quote = s[p] };
    p = (size_t)(q - s) + 1;
    a->len = p - n;
    *pos = p;
    return 1;
  }
  *pos = end;
  return 0;
}
