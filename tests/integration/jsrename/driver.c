/* Test driver: renames one JavaScript file with ao_js_minify_idents.
 * Usage: driver [-m] [-k] [-s] IN OUT   (-m module, -k keep names,
 * -s shorter literals)
 * Exit 0 written, 3 not renamed (diagnostics on stderr), 2 usage. */
#include <assetopt/js_parse.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
  unsigned flags = 0;
  int i = 1;
  for(; i < argc && argv[i][0] == '-'; i++) {
    if(!strcmp(argv[i], "-m"))
      flags |= AO_JS_ID_MODULE;
    else if(!strcmp(argv[i], "-k"))
      flags |= AO_JS_ID_KEEP_NAMES;
    else if(!strcmp(argv[i], "-s"))
      flags |= AO_JS_ID_SYNTAX;
    else
      return 2;
  }
  if(argc - i != 2)
    return 2;
  FILE *f = fopen(argv[i], "rb");
  if(!f)
    return 2;
  ao_buf in = AO_BUF_INIT(0);
  unsigned char chunk[65536];
  size_t n;
  while((n = fread(chunk, 1, sizeof chunk, f)) > 0)
    ao_buf_append(&in, chunk, n);
  fclose(f);
  if(ao_buf_reserve(&in, AO_PAD))
    return 2;
  memset(in.data + in.len, 0, AO_PAD);
  ao_buf out = AO_BUF_INIT(0);
  ao_diags d;
  ao_diags_init(&d, argv[i], in.data, in.len);
  ao_status st = ao_js_minify_idents(in.data, in.len, NULL, flags, &out, &d);
  ao_buf msg = AO_BUF_INIT(0);
  ao_diags_format(&d, &msg);
  if(msg.len)
    fputs((const char *)msg.data, stderr);
  int rc = 3;
  if(!st) {
    f = fopen(argv[i + 1], "wb");
    rc = !f || fwrite(out.data, 1, out.len, f) != out.len || fclose(f) ? 2 : 0;
  }
  ao_buf_free(&in);
  ao_buf_free(&out);
  ao_buf_free(&msg);
  ao_diags_free(&d);
  return rc;
}
