/* Hashes and encodings: SHA-256 (names, cache keys), SHA-384 (SRI). */
#ifndef ASSETOPT_HASH_H
#define ASSETOPT_HASH_H

#include "core.h"

typedef struct ao_sha256 { void *ctx; } ao_sha256;

AO_API AO_NODISCARD ao_status ao_sha256_init(ao_sha256 *h);
AO_API void ao_sha256_update(ao_sha256 *h, const void *p, size_t n);
AO_API void ao_sha256_final(ao_sha256 *h, unsigned char out[32]);
AO_API void ao_sha256_once(const void *p, size_t n, unsigned char out[32]);
AO_API void ao_sha384_once(const void *p, size_t n, unsigned char out[48]);

/* Lower-case RFC 4648 base32 without padding; out must hold 8*n/5+2 bytes. */
AO_API void ao_base32(const unsigned char *in, size_t n, char *out);
/* Standard base64 with padding (SRI); out must hold 4*((n+2)/3)+1 bytes. */
AO_API void ao_base64(const unsigned char *in, size_t n, char *out);
/* Hex, lower case; out must hold 2*n+1 bytes. */
AO_API void ao_hex(const unsigned char *in, size_t n, char *out);
/* "sha384-…" for data; out must hold 72 bytes. */
AO_API void ao_sri(const void *data, size_t n, char out[72]);

#endif
