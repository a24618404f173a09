/* SHA-256 / SHA-384 through OpenSSL's EVP, and the text encodings used for
 * file names (base32), SRI (base64) and cache keys (hex). */
#include <assetopt/hash.h>

#include <openssl/evp.h>
#include <string.h>

ao_status ao_sha256_init(ao_sha256 *h)
{
  EVP_MD_CTX *c = EVP_MD_CTX_new();
  if(!c || !EVP_DigestInit_ex(c, EVP_sha256(), NULL)) {
    EVP_MD_CTX_free(c);
    h->ctx = NULL;
    return AO_NOMEM;
  }
  h->ctx = c;
  return AO_OK;
}

void ao_sha256_update(ao_sha256 *h, const void *p, size_t n)
{
  if(h->ctx && n)
    EVP_DigestUpdate(h->ctx, p, n);
}

void ao_sha256_final(ao_sha256 *h, unsigned char out[32])
{
  unsigned int len = 32;
  if(h->ctx)
    EVP_DigestFinal_ex(h->ctx, out, &len);
  EVP_MD_CTX_free(h->ctx);
  h->ctx = NULL;
}

void ao_sha256_once(const void *p, size_t n, unsigned char out[32])
{
  unsigned int len = 32;
  EVP_Digest(p, n, out, &len, EVP_sha256(), NULL);
}

void ao_sha384_once(const void *p, size_t n, unsigned char out[48])
{
  unsigned int len = 48;
  EVP_Digest(p, n, out, &len, EVP_sha384(), NULL);
}

void ao_base32(const unsigned char *in, size_t n, char *out)
{
  static const char alpha[] = "abcdefghijklmnopqrstuvwxyz234567";
  unsigned long acc = 0;
  int bits = 0;
  size_t o = 0;
  for(size_t i = 0; i < n; i++) {
    acc = (acc << 8) | in[i];
    bits += 8;
    while(bits >= 5) {
      out[o++] = alpha[(acc >> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1ul << bits) - 1;
  }
  if(bits > 0)
    out[o++] = alpha[(acc << (5 - bits)) & 31];
  out[o] = '\0';
}

void ao_base64(const unsigned char *in, size_t n, char *out)
{
  static const char alpha[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  size_t o = 0, i = 0;
  for(; i + 2 < n; i += 3) {
    unsigned long v = (unsigned long)in[i] << 16 | (unsigned long)in[i + 1] << 8 | in[i + 2];
    out[o++] = alpha[v >> 18];
    out[o++] = alpha[(v >> 12) & 63];
    out[o++] = alpha[(v >> 6) & 63];
    out[o++] = alpha[v & 63];
  }
  if(i < n) {
    unsigned long v = (unsigned long)in[i] << 16;
    if(i + 1 < n)
      v |= (unsigned long)in[i + 1] << 8;
    out[o++] = alpha[v >> 18];
    out[o++] = alpha[(v >> 12) & 63];
    out[o++] = i + 1 < n ? alpha[(v >> 6) & 63] : '=';
    out[o++] = '=';
  }
  out[o] = '\0';
}

void ao_hex(const unsigned char *in, size_t n, char *out)
{
  static const char digits[] = "0123456789abcdef";
  for(size_t i = 0; i < n; i++) {
    out[2 * i] = digits[in[i] >> 4];
    out[2 * i + 1] = digits[in[i] & 15];
  }
  out[2 * n] = '\0';
}

void ao_sri(const void *data, size_t n, char out[72])
{
  unsigned char md[48];
  ao_sha384_once(data, n, md);
  memcpy(out, "sha384-", 7);
  ao_base64(md, sizeof(md), out + 7);
}
