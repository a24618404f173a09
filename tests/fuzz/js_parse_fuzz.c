/* Fuzz target: the JavaScript parser, scope analysis and renamer never
 * crash or leak; when an input is accepted, the renamed output parses again
 * as the same kind (script or module), and with syntax compression on,
 * minifying the output again gives it back unchanged (idempotence). */
#include <assetopt/js_parse.h>

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
  unsigned flags = size ? data[0] % 8 : 0;   /* module, keep-names, syntax */
  unsigned char *src = malloc(size + AO_PAD);
  if(!src)
    return 0;
  memcpy(src, data, size);
  memset(src + size, 0, AO_PAD);
  ao_buf out = AO_BUF_INIT(0);
  ao_diags d;
  ao_diags_init(&d, "fuzz.js", src, size);
  if(ao_js_minify_idents(src, size, NULL, flags, &out, &d) == AO_OK) {
    if(ao_buf_reserve(&out, AO_PAD))
      abort();
    memset(out.data + out.len, 0, AO_PAD);
    ao_js_parsed p;
    ao_diags d2;
    ao_diags_init(&d2, "out.js", out.data, out.len);
    if(ao_js_parse(out.data, out.len, (flags & AO_JS_ID_MODULE) != 0, &p, &d2))
      abort();
    ao_js_parsed_free(&p);
    ao_diags_free(&d2);
    if(flags & AO_JS_ID_SYNTAX) {
      ao_buf again = AO_BUF_INIT(0);
      ao_status st = ao_js_minify_idents(out.data, out.len, NULL, flags, &again,
                                         NULL);
      if(st == AO_OK && (again.len != out.len ||
                         (out.len && memcmp(again.data, out.data, out.len))))
        abort();
      ao_buf_free(&again);
    }
  }
  ao_buf_free(&out);
  ao_diags_free(&d);
  free(src);
  return 0;
}
