/* Writing JSON text: string escaping for deterministic, hand-laid output. */
#ifndef ASSETOPT_JSONOUT_H
#define ASSETOPT_JSONOUT_H

#include "core.h"

/* Appends s[0, n) as a quoted JSON string (control characters, quotes and
 * backslashes escaped; bytes that are not UTF-8 become U+FFFD). */
AO_API ao_status ao_json_put_str(ao_buf *b, const char *s, size_t n);
/* 1 when s[0, n) is well-formed UTF-8. */
AO_API int ao_utf8_valid(const unsigned char *s, size_t n);

#endif
