/* JSON string output and UTF-8 validation. */
#include <assetopt/jsonout.h>

/* Length of the well-formed UTF-8 sequence at s (n bytes left), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
  unsigned char c = s[0];
  if(c < 0x80)
    return 1;
  size_t len;
  unsigned lo = 0x80, hi = 0xBF;
  if(c >= 0xC2 && c <= 0xDF)
    len = 2;
  else if(c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if(c == 0xE0) lo = 0xA0;
    if(c == 0xED) hi = 0x9F;
  }
  else if(c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if(c == 0xF0) lo = 0x90;
    if(c == 0xF4) hi = 0x8F;
  }
  else
    return 0;
  if(n < len)
    return 0;
  if(s[1] < lo || s[1] > hi)
    return 0;
  for(size_t i = 2; i < len; i++)
    if(s[i] < 0x80 || s[i] > 0xBF)
      return 0;
  return len;
}

int ao_utf8_valid(const unsigned char *s, size_t n)
{
  size_t i = 0;
  while(i < n) {
    size_t l = utf8_seq(s + i, n - i);
    if(!l)
      return 0;
    i += l;
  }
  return 1;
}

ao_status ao_json_put_str(ao_buf *b, const char *str, size_t n)
{
  const unsigned char *s = (const unsigned char *)str;
  ao_buf_putc(b, '"');
  size_t i = 0;
  while(i < n) {
    unsigned char c = s[i];
    if(c == '"' || c == '\\') {
      ao_buf_putc(b, '\\');
      ao_buf_putc(b, c);
      i++;
    }
    else if(c < 0x20) {
      static const char esc[] = "btn\0fr";
      if(c >= 8 && c <= 13 && esc[c - 8])
        ao_buf_printf(b, "\\%c", esc[c - 8]);
      else
        ao_buf_printf(b, "\\u%04x", c);
      i++;
    }
    else if(c < 0x80) {
      ao_buf_putc(b, c);
      i++;
    }
    else {
      size_t l = utf8_seq(s + i, n - i);
      if(l) {
        ao_buf_append(b, s + i, l);
        i += l;
      }
      else {
        ao_buf_puts(b, "\xEF\xBF\xBD");
        i++;
      }
    }
  }
  return ao_buf_putc(b, '"');
}
