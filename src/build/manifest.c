/* asset-manifest.json: what every source file became. Written by hand so the
 * layout is fixed and the bytes are the same on every run. */
#include "build_int.h"

#include <assetopt/hash.h>
#include <assetopt/jsonout.h>

#include <string.h>

static void put_key(ao_buf *b, const char *indent, const char *key)
{
  ao_buf_puts(b, indent);
  ao_json_put_str(b, key, strlen(key));
  ao_buf_puts(b, ": ");
}

static void put_flags(ao_buf *b, unsigned f)
{
  static const struct { unsigned bit; const char *name; } names[] = {
    { AO_REF_F_MODULE, "module" }, { AO_REF_F_ASYNC, "async" },
    { AO_REF_F_DEFER, "defer" },   { AO_REF_F_LAZY, "lazy" },
    { AO_REF_F_FONT, "font" },     { AO_REF_F_IMAGE, "image" },
  };
  int first = 1;
  ao_buf_putc(b, '[');
  for(size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
    if(f & names[i].bit) {
      ao_buf_printf(b, "%s\"%s\"", first ? "" : ", ", names[i].name);
      first = 0;
    }
  ao_buf_putc(b, ']');
}

static void put_refs(ao_buf *b, const ao_site *s, const ao_asset *a)
{
  int first = 1;
  ao_buf_putc(b, '[');
  for(size_t r = 0; r < a->refs.n; r++) {
    size_t t = a->targets ? a->targets[r] : AO_NONE;
    if(t == AO_NONE || s->a[t].bad_name)
      continue;
    const ao_ref *ref = &a->refs.items[r];
    /* one entry per (target, kind) */
    int dup = 0;
    for(size_t q = 0; q < r && !dup; q++)
      dup = a->targets[q] == t && a->refs.items[q].kind == ref->kind;
    if(dup)
      continue;
    ao_buf_puts(b, first ? "\n" : ",\n");
    first = 0;
    ao_buf_puts(b, "        { \"path\": ");
    ao_json_put_str(b, s->a[t].rel, strlen(s->a[t].rel));
    ao_buf_printf(b, ", \"kind\": \"%s\", \"flags\": ", ao_ref_kind_name(ref->kind));
    put_flags(b, ref->flags);
    ao_buf_puts(b, " }");
  }
  ao_buf_puts(b, first ? "]" : "\n      ]");
}

ao_status ao__manifest_write(const ao_site *s, ao_buf *b)
{
  ao_buf_printf(b, "{\n  \"version\": 1,\n  \"generator\": \"assetopt %s\",\n"
                   "  \"files\": {", AO_VERSION);
  int first = 1;
  for(size_t i = 0; i < s->n; i++) {
    const ao_asset *a = &s->a[i];
    if(a->bad_name)
      continue;
    ao_buf_puts(b, first ? "\n" : ",\n");
    first = 0;
    ao_buf_puts(b, "    ");
    ao_json_put_str(b, a->rel, strlen(a->rel));
    ao_buf_puts(b, ": {\n");
    put_key(b, "      ", "output");
    ao_json_put_str(b, a->out, strlen(a->out));
    ao_buf_printf(b, ",\n      \"kind\": \"%s\",\n      \"hashed\": %s,\n",
                  ao_kind_name(a->kind),
                  a->renamed || a->bundler ? "true" : "false");
    uint64_t raw = a->fin.data ? a->fin.len : a->size_in;
    if(a->fin.data) {
      char hex[65], sri[72];
      ao_hex(a->sha, 32, hex);
      ao_sri(a->fin.data, a->fin.len, sri);
      ao_buf_printf(b, "      \"sha256\": \"%s\",\n      \"integrity\": \"%s\",\n",
                    hex, sri);
    }
    ao_buf_printf(b, "      \"size\": { \"original\": %llu, \"raw\": %llu, "
                     "\"gzip\": %llu, \"brotli\": %llu },\n",
                  (unsigned long long)a->size_in, (unsigned long long)raw,
                  (unsigned long long)(a->gz_size ? a->gz_size : raw),
                  (unsigned long long)(a->br_size ? a->br_size : raw));
    ao_buf_printf(b, "      \"precompressed\": [%s%s%s],\n",
                  a->br.len ? "\"br\"" : "", a->br.len && a->gz.len ? ", " : "",
                  a->gz.len ? "\"gz\"" : "");
    put_key(b, "      ", "references");
    put_refs(b, s, a);
    if(a->webp_out) {
      ao_buf_puts(b, ",\n");
      put_key(b, "      ", "webp");
      ao_json_put_str(b, a->webp_out, strlen(a->webp_out));
    }
    ao_buf_puts(b, "\n    }");
  }
  ao_buf_puts(b, first ? "}\n}\n" : "\n  }\n}\n");
  return b->err;
}
