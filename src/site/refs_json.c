/* References in web app manifests (the "src" of icons, screenshots and
 * shortcuts[].icons; start_url and scope are pages, not assets) and source
 * maps (the top-level "file"; "sources" are original sources, not assets). */
#include <assetopt/json.h>
#include <assetopt/refs.h>

#include <string.h>

/* What a container is, from where it sits. */
enum {
  C_OTHER,
  C_ROOT,        /* the top-level object                          */
  C_IMAGES,      /* icons / screenshots / shortcuts[].icons array */
  C_IMAGE,       /* an object in such an array                    */
  C_SHORTCUTS,   /* the shortcuts array                           */
  C_SHORTCUT     /* an object in it                               */
};

static int key_is(const unsigned char *src, const ao_json_tok *key,
                  const char *name)
{
  size_t n = strlen(name);
  return key && key->len == n + 2 && !memcmp(src + key->off + 1, name, n);
}

/* The kind of a container opened as `open` inside `parent`, under `key`
 * (NULL in an array). */
static unsigned char child(ao_kind kind, unsigned char parent, int depth,
                           ao_json_tok_kind open, const unsigned char *src,
                           const ao_json_tok *key)
{
  int obj = open == AO_JSON_OBJ_OPEN;
  if(depth == 1)
    return obj ? C_ROOT : C_OTHER;
  if(kind != AO_KIND_WEBMANIFEST)
    return C_OTHER;
  switch(parent) {
  case C_ROOT:
    if(obj)
      return C_OTHER;
    if(key_is(src, key, "icons") || key_is(src, key, "screenshots"))
      return C_IMAGES;
    return key_is(src, key, "shortcuts") ? C_SHORTCUTS : C_OTHER;
  case C_IMAGES:
    return obj ? C_IMAGE : C_OTHER;
  case C_SHORTCUTS:
    return obj ? C_SHORTCUT : C_OTHER;
  case C_SHORTCUT:
    return !obj && key_is(src, key, "icons") ? C_IMAGES : C_OTHER;
  default:
    return C_OTHER;
  }
}

ao_status ao_refs_json(ao_kind kind, const unsigned char *src, size_t len,
                       ao_refs *out, ao_diags *d)
{
  if(kind != AO_KIND_WEBMANIFEST && kind != AO_KIND_SOURCEMAP)
    return AO_OK;
  ao_json_lex *lx = ao_malloc(sizeof(*lx));
  unsigned char *ctx = ao_malloc(AO_JSON_MAX_DEPTH + 1);
  ao_status s = AO_OK;
  if(!lx || !ctx) {
    s = AO_NOMEM;
    goto done;
  }
  ao_json_tok t, key = { 0 };
  int have_key = 0;
  ctx[0] = C_OTHER;
  ao_json_lex_init(lx, src, len);
  for(;;) {
    ao_status ls = ao_json_lex_next(lx, &t);
    if(ls) {
      if(d)
        ao_diag_add(d, AO_WARNING, lx->err_off,
                    "malformed JSON: %s; references after this point are not found",
                    lx->err_msg);
      break;
    }
    if(t.kind == AO_JSON_EOF)
      break;
    switch(t.kind) {
    case AO_JSON_OBJ_OPEN:
    case AO_JSON_ARR_OPEN:
      ctx[t.depth] = child(kind, ctx[t.depth - 1], (int)t.depth, t.kind, src,
                           have_key ? &key : NULL);
      have_key = 0;
      break;
    case AO_JSON_STRING:
      if(t.is_key) {
        key = t;
        have_key = 1;
        break;
      }
      if(have_key && t.len >= 2) {
        unsigned char c = ctx[t.depth];
        if((kind == AO_KIND_WEBMANIFEST && c == C_IMAGE && key_is(src, &key, "src")) ||
           (kind == AO_KIND_SOURCEMAP && c == C_ROOT && key_is(src, &key, "file"))) {
          if(t.len > 2)
            s = ao_refs_push(out, t.off + 1, t.len - 2,
                             kind == AO_KIND_WEBMANIFEST ? AO_REF_RESOURCE
                                                         : AO_REF_OTHER,
                             t.has_escape ? AO_REF_F_PIN : 0);
        }
      }
      have_key = 0;
      break;
    case AO_JSON_COLON:
      break;
    default:
      have_key = 0;
      break;
    }
    if(s)
      break;
  }
done:
  ao_free(lx);
  ao_free(ctx);
  return s;
}
