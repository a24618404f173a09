/* References in CSS: url(), image-set() strings, @import, and the
 * sourceMappingURL comment, found with the CSS tokenizer so that comments,
 * strings and escapes are read as a browser reads them. Works on a whole
 * stylesheet and on fragments (a style="" value, a <style> body). */
#include <assetopt/css_lex.h>
#include <assetopt/refs.h>

#include <string.h>

/* Function nesting is tracked only to know whether a string is an argument
 * of image-set(); deeper levels are counted without being remembered. */
#define MAX_FN 32

static int name_is(const unsigned char *src, const ao_css_tok *t, const char *name)
{
  size_t n = strlen(name);
  if(t->vlen != n)
    return 0;
  for(size_t i = 0; i < n; i++) {
    unsigned char c = src[t->voff + i];
    if(c >= 'A' && c <= 'Z')
      c = (unsigned char)(c + 32);
    if(c != (unsigned char)name[i])
      return 0;
  }
  return 1;
}

/* Skips whitespace and comments; returns the next significant token. */
static ao_css_tok_kind next_sig(ao_css_lex *lx, ao_css_tok *t)
{
  ao_css_tok_kind k;
  do
    k = ao_css_lex_next(lx, t);
  while(k == AO_CSS_WS || k == AO_CSS_COMMENT);
  return k;
}

static ao_status push(const unsigned char *src, ao_refs *out, size_t off,
                      size_t len, ao_ref_kind kind, unsigned tflags)
{
  size_t pl;
  if(!len)
    return AO_OK;
  unsigned flags = (tflags & AO_CSS_TF_ESCAPE) ? AO_REF_F_PIN : 0;
  /* URLs that never name a local file are left to the browser */
  if(!flags && !ao_url_local_path((const char *)src + off, len, &pl))
    return AO_OK;
  return ao_refs_push(out, off, len, kind, flags);
}

/* "# sourceMappingURL=URL" inside a comment body. */
static ao_status source_map(const unsigned char *src, const ao_css_tok *t,
                            ao_refs *out)
{
  static const char key[] = "sourceMappingURL=";
  const size_t klen = sizeof(key) - 1;
  size_t i = t->voff, end = t->voff + t->vlen;
  if(i >= end || (src[i] != '#' && src[i] != '@'))
    return AO_OK;
  i++;
  while(i < end && (src[i] == ' ' || src[i] == '\t'))
    i++;
  if(end - i < klen || memcmp(src + i, key, klen))
    return AO_OK;
  i += klen;
  size_t s = i;
  while(i < end && src[i] != ' ' && src[i] != '\t' && src[i] != '\n' &&
        src[i] != '\r' && src[i] != '\f')
    i++;
  return push(src, out, s, i - s, AO_REF_SOURCEMAP, 0);
}

ao_status ao_refs_css(const unsigned char *src, size_t len, ao_refs *out,
                      ao_diags *d)
{
  ao_css_lex lx;
  ao_css_tok t;
  unsigned char image_set[MAX_FN]; /* per open function: is it image-set() */
  unsigned depth = 0;
  int arg_start = 0; /* the next token starts an argument of image-set() */
  int import_next = 0; /* the next token is what @import loads */
  ao_status s = AO_OK;
  ao_css_lex_init(&lx, src, len);
  for(;;) {
    ao_css_tok_kind k = ao_css_lex_next(&lx, &t);
    int was_arg_start = arg_start;
    ao_ref_kind rk = import_next ? AO_REF_STATIC_IMPORT : AO_REF_RESOURCE;
    if(k != AO_CSS_WS && k != AO_CSS_COMMENT)
      arg_start = import_next = 0;
    switch(k) {
    case AO_CSS_EOF:
      return AO_OK;
    case AO_CSS_URL:
      s = push(src, out, t.voff, t.vlen, rk, t.flags);
      break;
    case AO_CSS_BAD_URL:
      if(d)
        ao_diag_add(d, AO_WARNING, t.off, "malformed url(): not rewritten");
      break;
    case AO_CSS_COMMENT:
      s = source_map(src, &t, out);
      break;
    case AO_CSS_STRING:
      if((was_arg_start || rk == AO_REF_STATIC_IMPORT) &&
         !(t.flags & AO_CSS_TF_UNTERMINATED))
        s = push(src, out, t.voff, t.vlen, rk, t.flags);
      break;
    case AO_CSS_FUNCTION:
      if(name_is(src, &t, "url") || name_is(src, &t, "src")) {
        ao_css_lex save = lx;
        ao_css_tok u;
        if(next_sig(&lx, &u) == AO_CSS_STRING &&
           !(u.flags & AO_CSS_TF_UNTERMINATED)) {
          s = push(src, out, u.voff, u.vlen, rk, u.flags);
          if(s)
            return s;
        }
        else
          lx = save;
      }
      if(depth < MAX_FN)
        image_set[depth] = name_is(src, &t, "image-set") ||
                           name_is(src, &t, "-webkit-image-set");
      depth++;
      arg_start = depth <= MAX_FN && image_set[depth - 1];
      break;
    case AO_CSS_LPAREN:
    case AO_CSS_LBRACKET:
      if(depth < MAX_FN)
        image_set[depth] = 0;
      depth++;
      break;
    case AO_CSS_RPAREN:
    case AO_CSS_RBRACKET:
      if(depth)
        depth--;
      break;
    case AO_CSS_COMMA:
      arg_start = depth && depth <= MAX_FN && image_set[depth - 1];
      break;
    case AO_CSS_LBRACE:
    case AO_CSS_RBRACE:
    case AO_CSS_SEMICOLON:
      depth = 0; /* a block boundary closes whatever a typo left open */
      break;
    case AO_CSS_AT_KEYWORD:
      import_next = name_is(src, &t, "import");
      continue;
    default:
      break;
    }
    if(s)
      return s;
  }
}
