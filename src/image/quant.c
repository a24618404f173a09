/* Lossy PNG: a palette of at most 256 colours from libimagequant, with a
 * quality floor below which the palette is not used. */
#include "image_int.h"

#include <libimagequant.h>
#include <string.h>

ao_status ao__quantize(const ao__img *im, int qmin, int qmax, int effort,
                       unsigned char **idx, unsigned char pal[256][4],
                       unsigned *n)
{
  ao_status s = AO_NOMEM;
  liq_image *img = NULL;
  liq_result *res = NULL;
  unsigned char *out = NULL;
  *idx = NULL;
  /* libimagequant's own allocator: it does not survive a failing hook
   * (it crashes inside liq_image_quantize), so it is not given ao_malloc */
  liq_attr *attr = liq_attr_create();
  if(!attr)
    return AO_NOMEM;
  /* effort 0..9 → speed 10..1; the default (5) is pngquant's speed 4 */
  int speed = effort >= 9 ? 1 : 9 - effort;
  if(speed > 10)
    speed = 10;
  if(speed < 1)
    speed = 1;
  if(liq_set_speed(attr, speed) != LIQ_OK ||
     liq_set_quality(attr, qmin, qmax) != LIQ_OK) {
    s = AO_CONFIG;
    goto done;
  }
  img = liq_image_create_rgba(attr, im->px, (int)im->w, (int)im->h, 0);
  if(!img)
    goto done;
  liq_error r = liq_image_quantize(img, attr, &res);
  if(r == LIQ_QUALITY_TOO_LOW) {
    s = AO_LIMIT;
    goto done;
  }
  if(r != LIQ_OK)
    goto done;
  liq_set_dithering_level(res, 1.0f);
  size_t np = (size_t)im->w * im->h;
  out = ao_malloc(np ? np : 1);
  if(!out)
    goto done;
  r = liq_write_remapped_image(res, img, out, np);
  if(r == LIQ_QUALITY_TOO_LOW)
    s = AO_LIMIT;
  if(r != LIQ_OK)
    goto done;
  const liq_palette *p = liq_get_palette(res);
  if(!p || p->count == 0 || p->count > 256)
    goto done;
  for(unsigned i = 0; i < p->count; i++) {
    pal[i][0] = p->entries[i].r;
    pal[i][1] = p->entries[i].g;
    pal[i][2] = p->entries[i].b;
    pal[i][3] = p->entries[i].a;
  }
  *n = p->count;
  *idx = out;
  out = NULL;
  s = AO_OK;
done:
  ao_free(out);
  if(res)
    liq_result_destroy(res);
  if(img)
    liq_image_destroy(img);
  liq_attr_destroy(attr);
  return s;
}
