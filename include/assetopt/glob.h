/* Glob patterns over '/'-separated relative paths. */
#ifndef ASSETOPT_GLOB_H
#define ASSETOPT_GLOB_H

#include "core.h"

/* '*' matches within one segment, '**' any number of segments (including
 * none when written as "**" + "/"), '?' one character, '[abc]' '[a-z]' '[!x]'
 * a class, '{a,b}' alternatives. A pattern without '/' is matched against the
 * last segment only (like .gitignore); one with '/' against the whole path,
 * a leading '/' anchoring it at the root. Returns 1 on a match. */
AO_API int ao_glob_match(const char *pattern, const char *path);

#endif
