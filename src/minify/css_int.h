/* Private to the CSS minifier. */
#ifndef AO_CSS_INT_H
#define AO_CSS_INT_H

#include <stddef.h>
#include <stdint.h>

/* A CSS color keyword (any case) -> 0xRRGGBB; 0 when not a named color. */
int ao__css_color_by_name(const unsigned char *p, size_t n, uint32_t *rgb);
/* The shortest name of 0xRRGGBB when it is under 7 bytes, else NULL. */
const char *ao__css_color_short_name(uint32_t rgb);

#endif
