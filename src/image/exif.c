/* EXIF orientation: read the tag from a TIFF block, write a minimal one. */
#include "image_int.h"

#include <string.h>

static unsigned rd16(const unsigned char *p, int le)
{
  return le ? (unsigned)(p[0] | p[1] << 8) : (unsigned)(p[0] << 8 | p[1]);
}

static uint32_t rd32(const unsigned char *p, int le)
{
  return le ? (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
              (uint32_t)p[3] << 24
            : ao__be32(p);
}

int ao__exif_orientation(const unsigned char *p, size_t n)
{
  if(n < 8)
    return 0;
  int le;
  if(p[0] == 'I' && p[1] == 'I')
    le = 1;
  else if(p[0] == 'M' && p[1] == 'M')
    le = 0;
  else
    return 0;
  if(rd16(p + 2, le) != 42)
    return 0;
  uint32_t ifd = rd32(p + 4, le);
  if(ifd > n || n - ifd < 2)
    return 0;
  unsigned count = rd16(p + ifd, le);
  size_t e = (size_t)ifd + 2;
  for(unsigned i = 0; i < count; i++, e += 12) {
    if(e > n || n - e < 12)
      return 0;
    if(rd16(p + e, le) == 0x0112) {            /* Orientation, SHORT */
      if(rd16(p + e + 2, le) != 3)
        return 0;
      unsigned v = rd16(p + e + 8, le);
      return v >= 1 && v <= 8 ? (int)v : 0;
    }
  }
  return 0;
}

size_t ao__exif_minimal(int orientation, unsigned char out[64])
{
  static const unsigned char tmpl[] = {
    'M', 'M', 0, 42, 0, 0, 0, 8,               /* header, IFD0 at 8 */
    0, 1,                                       /* one entry */
    0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0,   /* Orientation SHORT 1 */
    0, 0, 0, 0                                  /* no next IFD */
  };
  memcpy(out, tmpl, sizeof(tmpl));
  out[19] = (unsigned char)orientation;
  return sizeof(tmpl);
}
