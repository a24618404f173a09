/* ListObjectsV2 pages and S3 error documents from a remote server. */
#include <assetopt/publish.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  unsigned char *p = malloc(size + AO_PAD);
  if(!p)
    return 0;
  memcpy(p, data, size);
  memset(p + size, 0, AO_PAD);
  ao_s3_listing l;
  memset(&l, 0, sizeof(l));
  ao_diags d;
  ao_diags_init(&d, "fuzz", p, size);
  if(ao_s3_list_parse(p, size, &l, &d) == AO_OK)
    for(size_t i = 0; i < l.n; i++)
      if(!l.items[i].key)
        abort();
  ao_s3_listing_free(&l);
  ao_diags_free(&d);
  ao_buf b = AO_BUF_INIT(0);
  ao_s3_error_text(p, size, &b);
  ao_buf_free(&b);
  free(p);
  return 0;
}
