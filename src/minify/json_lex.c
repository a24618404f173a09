/* A validating JSON tokenizer (RFC 8259): tokens in order, the grammar
 * checked by a small state machine over a stack of open containers. */
#include <assetopt/json.h>

enum {
  ST_VALUE,          /* a value must come                                 */
  ST_VALUE_OR_CLOSE, /* after '[': a value or ']'                          */
  ST_KEY_OR_CLOSE,   /* after '{': a member name or '}'                    */
  ST_KEY,            /* after ',' in an object                            */
  ST_COLON,          /* after a member name                               */
  ST_AFTER,          /* after a value inside a container: ',' or close    */
  ST_DONE            /* after the top-level value                         */
};

void ao_json_lex_init(ao_json_lex *lx, const unsigned char *src, size_t len)
{
  lx->src = src;
  lx->len = len;
  lx->pos = 0;
  lx->depth = 0;
  lx->state = ST_VALUE;
  lx->err_off = 0;
  lx->err_msg = NULL;
  if(len >= 3 && src[0] == 0xef && src[1] == 0xbb && src[2] == 0xbf)
    lx->pos = 3;
}

static ao_status fail(ao_json_lex *lx, size_t off, const char *msg)
{
  lx->err_off = off;
  lx->err_msg = msg;
  lx->pos = off;
  return AO_SYNTAX;
}

static int is_digit(unsigned char c)
{
  return c >= '0' && c <= '9';
}

static int is_hex(unsigned char c)
{
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static ao_status scan_string(ao_json_lex *lx, ao_json_tok *t)
{
  const unsigned char *s = lx->src;
  size_t p = lx->pos + 1, len = lx->len;
  t->kind = AO_JSON_STRING;
  for(;;) {
    /* the common run of plain bytes */
    while(p < len && s[p] != '"' && s[p] != '\\' && s[p] >= 0x20)
      p++;
    if(p >= len)
      return fail(lx, lx->pos, "unterminated string");
    if(s[p] == '"')
      break;
    if(s[p] < 0x20)
      return fail(lx, p, "control character in a string (escape it)");
    t->has_escape = 1;
    unsigned char e = s[p + 1];
    if(p + 1 >= len)
      return fail(lx, lx->pos, "unterminated string");
    if(e == 'u') {
      for(int i = 2; i < 6; i++)
        if(p + (size_t)i >= len || !is_hex(s[p + (size_t)i]))
          return fail(lx, p, "invalid \\u escape");
      p += 6;
    }
    else if(e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' ||
            e == 'n' || e == 'r' || e == 't')
      p += 2;
    else
      return fail(lx, p, "invalid escape in a string");
  }
  t->len = p + 1 - lx->pos;
  lx->pos = p + 1;
  return AO_OK;
}

static ao_status scan_number(ao_json_lex *lx, ao_json_tok *t)
{
  const unsigned char *s = lx->src;
  size_t p = lx->pos, len = lx->len;
  if(s[p] == '-')
    p++;
  if(p < len && s[p] == '0')
    p++;
  else if(p < len && is_digit(s[p]))
    while(p < len && is_digit(s[p]))
      p++;
  else
    return fail(lx, lx->pos, "invalid number");
  if(p < len && s[p] == '.') {
    p++;
    if(p >= len || !is_digit(s[p]))
      return fail(lx, p, "invalid number: digits must follow '.'");
    while(p < len && is_digit(s[p]))
      p++;
  }
  if(p < len && (s[p] == 'e' || s[p] == 'E')) {
    p++;
    if(p < len && (s[p] == '+' || s[p] == '-'))
      p++;
    if(p >= len || !is_digit(s[p]))
      return fail(lx, p, "invalid number: digits must follow the exponent");
    while(p < len && is_digit(s[p]))
      p++;
  }
  if(p < len && (is_digit(s[p]) || s[p] == '.' || s[p] == 'e' || s[p] == 'E' ||
                 s[p] == '+' || s[p] == '-'))
    return fail(lx, p, "invalid number");
  t->kind = AO_JSON_NUMBER;
  t->len = p - lx->pos;
  lx->pos = p;
  return AO_OK;
}

static ao_status scan_literal(ao_json_lex *lx, ao_json_tok *t)
{
  static const char *const words[] = { "true", "false", "null" };
  const unsigned char *s = lx->src + lx->pos;
  size_t left = lx->len - lx->pos;
  for(int i = 0; i < 3; i++) {
    size_t n = 0;
    while(words[i][n])
      n++;
    size_t k = 0;
    while(k < n && k < left && s[k] == (unsigned char)words[i][k])
      k++;
    if(k == n) {
      if(n < left && ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
                      is_digit(s[n]) || s[n] == '_'))
        break;
      t->kind = AO_JSON_LITERAL;
      t->len = n;
      lx->pos += n;
      return AO_OK;
    }
  }
  return fail(lx, lx->pos, "unexpected character; expected a value");
}

static ao_status value(ao_json_lex *lx, ao_json_tok *t, unsigned char c)
{
  ao_status s;
  if(c == '{' || c == '[') {
    if(lx->depth >= AO_JSON_MAX_DEPTH) {
      lx->err_off = lx->pos;
      lx->err_msg = "containers nested too deeply";
      return AO_LIMIT;
    }
    lx->stack[lx->depth++] = c;
    t->kind = c == '{' ? AO_JSON_OBJ_OPEN : AO_JSON_ARR_OPEN;
    t->len = 1;
    t->depth = lx->depth;
    lx->pos++;
    lx->state = c == '{' ? ST_KEY_OR_CLOSE : ST_VALUE_OR_CLOSE;
    return AO_OK;
  }
  if(c == '"')
    s = scan_string(lx, t);
  else if(c == '-' || is_digit(c))
    s = scan_number(lx, t);
  else
    s = scan_literal(lx, t);
  if(!s)
    lx->state = lx->depth ? ST_AFTER : ST_DONE;
  return s;
}

static ao_status close_container(ao_json_lex *lx, ao_json_tok *t, unsigned char c)
{
  unsigned char open = c == '}' ? '{' : '[';
  if(!lx->depth || lx->stack[lx->depth - 1] != open)
    return fail(lx, lx->pos, c == '}' ? "unexpected '}'" : "unexpected ']'");
  t->kind = c == '}' ? AO_JSON_OBJ_CLOSE : AO_JSON_ARR_CLOSE;
  t->len = 1;
  t->depth = lx->depth--;
  lx->pos++;
  lx->state = lx->depth ? ST_AFTER : ST_DONE;
  return AO_OK;
}

ao_status ao_json_lex_next(ao_json_lex *lx, ao_json_tok *t)
{
  const unsigned char *s = lx->src;
  size_t p = lx->pos, len = lx->len;
  while(p < len && (s[p] == ' ' || s[p] == '\n' || s[p] == '\r' || s[p] == '\t'))
    p++;
  lx->pos = p;
  *t = (ao_json_tok){ .kind = AO_JSON_EOF, .off = p, .depth = lx->depth };
  if(lx->err_msg)
    return AO_SYNTAX;
  if(p >= len) {
    if(lx->state == ST_DONE)
      return AO_OK;
    return fail(lx, p, lx->state == ST_VALUE && !lx->depth
                           ? "no JSON value" : "unexpected end of input");
  }
  unsigned char c = s[p];
  switch(lx->state) {
  case ST_DONE:
    return fail(lx, p, "unexpected data after the JSON value");
  case ST_COLON:
    if(c != ':')
      return fail(lx, p, "expected ':' after a member name");
    t->kind = AO_JSON_COLON;
    t->len = 1;
    lx->pos++;
    lx->state = ST_VALUE;
    return AO_OK;
  case ST_AFTER:
    if(c == ',') {
      t->kind = AO_JSON_COMMA;
      t->len = 1;
      lx->pos++;
      lx->state = lx->stack[lx->depth - 1] == '{' ? ST_KEY : ST_VALUE;
      return AO_OK;
    }
    if(c == '}' || c == ']')
      return close_container(lx, t, c);
    return fail(lx, p, lx->stack[lx->depth - 1] == '{' ? "expected ',' or '}'"
                                                       : "expected ',' or ']'");
  case ST_KEY_OR_CLOSE:
    if(c == '}')
      return close_container(lx, t, c);
    /* fall through */
  case ST_KEY:
    if(c != '"')
      return fail(lx, p, "expected a member name in double quotes");
    t->is_key = 1;
    if(scan_string(lx, t))
      return AO_SYNTAX;
    lx->state = ST_COLON;
    return AO_OK;
  case ST_VALUE_OR_CLOSE:
    if(c == ']')
      return close_container(lx, t, c);
    return value(lx, t, c);
  default:
    return value(lx, t, c);
  }
}
