/* Private interface between the image codecs (png.c, jpeg.c, webp.c,
 * quant.c, exif.c) and the entry points in image.c. */
#ifndef AO_IMAGE_INT_H
#define AO_IMAGE_INT_H

#include <assetopt/image.h>

/* A decoded image: RGBA, 8 bits per sample (4 bytes a pixel) or 16 bits
 * big-endian (8 bytes a pixel). px is from ao_malloc. */
typedef struct ao__img {
  uint32_t w, h;
  int sixteen;
  unsigned char *px;
} ao__img;

void ao__img_free(ao__img *im);

/* PNG: lossless (and, with o->lossy, palette-quantized) recompression.
 * Appends to out only when the result is smaller. */
ao_status ao__png_optimize(const unsigned char *src, size_t len,
                           const ao_image_opts *o, ao_buf *out, ao_diags *d);
/* Decodes a PNG to RGBA (8 or 16 bit). */
ao_status ao__png_decode(const unsigned char *src, size_t len,
                         const ao_image_opts *o, ao__img *im, ao_diags *d);

/* JPEG: lossless transcode (optimized Huffman, progressive), lossy re-encode
 * with o->lossy. Appends to out only when the result is smaller. */
ao_status ao__jpeg_optimize(const unsigned char *src, size_t len,
                            const ao_image_opts *o, ao_buf *out, ao_diags *d);
/* Decodes a JPEG to RGBA8 with its EXIF orientation applied. */
ao_status ao__jpeg_decode(const unsigned char *src, size_t len,
                          const ao_image_opts *o, ao__img *im, ao_diags *d);

/* Palette quantization of an RGBA8 image with libimagequant. On AO_OK,
 * idx holds w*h palette indices (ao_malloc'd), pal n RGBA entries. AO_LIMIT:
 * the quality floor cannot be met. */
ao_status ao__quantize(const ao__img *im, int qmin, int qmax, int effort,
                       unsigned char **idx, unsigned char pal[256][4],
                       unsigned *n);

/* EXIF (TIFF structure, without the "Exif\0\0" prefix): the orientation
 * 1..8, or 0 when absent or unreadable. */
int ao__exif_orientation(const unsigned char *p, size_t n);
/* A minimal EXIF block (TIFF, no prefix) holding only the orientation. */
size_t ao__exif_minimal(int orientation, unsigned char out[64]);

/* Big-endian helpers. */
static inline uint32_t ao__be32(const unsigned char *p)
{
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

#endif
