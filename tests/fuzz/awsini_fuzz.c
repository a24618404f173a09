/* ~/.aws/credentials and ~/.aws/config as INI text. */
#include <assetopt/publish.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  char *p = malloc(size + AO_PAD);
  if(!p)
    return 0;
  memcpy(p, data, size);
  memset(p + size, 0, AO_PAD);
  static const char *const sections[] = { "default", "profile deploy", "" };
  static const char *const keys[] = { "aws_access_key_id", "region", "" };
  for(size_t s = 0; s < 3; s++)
    for(size_t k = 0; k < 3; k++)
      ao_free(ao_ini_get(p, size, sections[s], keys[k]));
  free(p);
  return 0;
}
