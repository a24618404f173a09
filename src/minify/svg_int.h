/* SVG minifier internals: attribute value rewriters (svg_num.c). Each
 * appends the shorter equivalent of s[0, n) to o and returns 1, or returns 0
 * and leaves o as it was when the value is not in the expected grammar (the
 * caller then keeps it as written). */
#ifndef ASSETOPT_SVG_INT_H
#define ASSETOPT_SVG_INT_H

#include <assetopt/core.h>

/* Path data (d): compact numbers and separators, repeated commands implied. */
int ao__svg_path(const unsigned char *s, size_t n, ao_buf *o);
/* A list of numbers (points, viewBox): exactly `count` numbers when count is
 * nonzero, an even number of them when count is -2. */
int ao__svg_numbers(const unsigned char *s, size_t n, int count, ao_buf *o);
/* A list of lengths: numbers each with an optional unit or %. */
int ao__svg_lengths(const unsigned char *s, size_t n, ao_buf *o);
/* A transform list: translate(…) scale(…) rotate(…) skewX/Y(…) matrix(…). */
int ao__svg_transform(const unsigned char *s, size_t n, ao_buf *o);
/* #RRGGBB → #rgb where the digits pair up, lower case. */
int ao__svg_color(const unsigned char *s, size_t n, ao_buf *o);

#endif
