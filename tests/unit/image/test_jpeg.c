/* JPEG transcode: decoded pixels identical to the input's (independent
 * libjpeg reader), metadata stripped but ICC and orientation kept, broken
 * files rejected with a message. */
#include "../harness.h"
#include "oracle.h"

#include <assetopt/image.h>

#include <dirent.h>

AO_TEST(jpeg_lossless_fixtures)
{
  static const char *files[] = {
    "image/photo.jpg", "image/progressive.jpg", "image/cmyk.jpg",
    "image/grey.jpg", "image/orient6.jpg", "image/arith.jpg",
  };
  ao_image_opts o;
  ao_image_opts_init(&o);
  for(int e = 0; e <= 9; e += 3) {
    o.effort = e;
    for(size_t i = 0; i < sizeof(files) / sizeof(*files); i++) {
      size_t n;
      free(oracle_fixture(t, AO_KIND_JPEG, files[i], &o, &n));
    }
  }
}

AO_TEST(jpeg_strips_metadata_keeps_orientation)
{
  ao_image_opts o;
  ao_image_opts_init(&o);
  size_t n;
  unsigned char *r = oracle_fixture(t, AO_KIND_JPEG, "image/orient6.jpg", &o, &n);
  REQUIRE(r);
  CHECK(!oracle_has_bytes(r, n, "a comment to strip", 18));
  CHECK(!oracle_has_bytes(r, n, "ACM", 3));                 /* the Make tag */
  /* a minimal EXIF block with orientation 6 (big-endian) */
  static const unsigned char orient6[] = { 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6 };
  CHECK(oracle_has_bytes(r, n, "Exif\0\0MM", 8));
  CHECK(oracle_has_bytes(r, n, orient6, sizeof(orient6)));
  free(r);
  o.keep_metadata = 1;
  r = oracle_fixture(t, AO_KIND_JPEG, "image/orient6.jpg", &o, &n);
  REQUIRE(r);
  CHECK(oracle_has_bytes(r, n, "a comment to strip", 18));
  CHECK(oracle_has_bytes(r, n, "Exif\0\0II", 8));
  free(r);
}

AO_TEST(jpeg_broken_inputs)
{
  ao_image_opts o;
  ao_image_opts_init(&o);
  static const char *files[] = { "image/truncated.jpg", "image/bad_huffman.jpg" };
  for(size_t i = 0; i < 2; i++) {
    size_t len;
    unsigned char *src = ao_t_read(ao_t_data(files[i]), &len);
    REQUIRE(src);
    ao_buf out = AO_BUF_INIT(0);
    ao_diags d;
    ao_diags_init(&d, files[i], NULL, 0);
    ao_status s = ao_image_optimize(AO_KIND_JPEG, src, len, &o, &out, &d);
    if(!CHECK(out.len == 0 && d.n >= 1))
      fprintf(stderr, "  %s: status %d\n", files[i], (int)s);
    CHECK(s == AO_OK || s == AO_SYNTAX);
    ao_buf_free(&out);
    ao_diags_free(&d);
    free(src);
  }
  /* every truncation of a good file */
  size_t len;
  unsigned char *src = ao_t_read(ao_t_data("image/photo.jpg"), &len);
  REQUIRE(src);
  for(size_t cut = 0; cut < len; cut += 23) {
    unsigned char *p = malloc(cut + AO_PAD);
    memcpy(p, src, cut);
    memset(p + cut, 0, AO_PAD);
    ao_buf out = AO_BUF_INIT(0);
    ao_diags d;
    ao_diags_init(&d, "cut", NULL, 0);
    ao_status s = ao_image_optimize(AO_KIND_JPEG, p, cut, &o, &out, &d);
    CHECK(s == AO_OK || s == AO_SYNTAX);
    CHECK(out.len == 0 && d.n >= 1);
    ao_buf_free(&out);
    ao_diags_free(&d);
    free(p);
  }
  free(src);
}

AO_TEST(jpeg_pixel_limit)
{
  ao_image_opts o;
  ao_image_opts_init(&o);
  o.max_pixels = 100;
  size_t len;
  unsigned char *src = ao_t_read(ao_t_data("image/photo.jpg"), &len);
  REQUIRE(src);
  ao_buf out = AO_BUF_INIT(0);
  ao_diags d;
  ao_diags_init(&d, "photo.jpg", NULL, 0);
  CHECK_INT(ao_image_optimize(AO_KIND_JPEG, src, len, &o, &out, &d), AO_LIMIT);
  CHECK(d.errors == 1);
  CHECK_INT(out.len, 0);
  ao_buf_free(&out);
  ao_diags_free(&d);
  free(src);
}

AO_TEST(jpeg_lossy_reencode)
{
  ao_image_opts o;
  ao_image_opts_init(&o);
  o.lossy = 1;
  o.quality = 40;
  size_t len, n;
  unsigned char *src = ao_t_read(ao_t_data("image/photo.jpg"), &len);
  REQUIRE(src);
  ao_image_opts l;
  ao_image_opts_init(&l);
  unsigned char *lossless = oracle_optimize(t, AO_KIND_JPEG, src, len, &l, &n, "photo.jpg");
  size_t m;
  unsigned char *lossy = oracle_optimize(t, AO_KIND_JPEG, src, len, &o, &m, "photo.jpg");
  REQUIRE(lossless && lossy);
  CHECK(m < n);
  struct oracle_img a, b;
  if(CHECK(oracle_jpeg(src, len, &a))) {
    if(CHECK(oracle_jpeg(lossy, m, &b))) {
      CHECK(a.w == b.w && a.h == b.h && a.comps == b.comps);
      free(b.px);
    }
    free(a.px);
  }
  /* a quality above the input's estimate keeps the lossless transcode */
  o.quality = 99;
  size_t k;
  unsigned char *same = oracle_optimize(t, AO_KIND_JPEG, src, len, &o, &k, "photo.jpg");
  CHECK(same && k == n);
  free(same);
  free(lossless);
  free(lossy);
  free(src);
}

AO_TEST(jpeg_corpus_lossless)
{
  const char *c = ao_t_corpus();
  if(!c) {
    ao_t_skip(t, "no corpus");
    return;
  }
  char dir[4096];
  snprintf(dir, sizeof(dir), "%s/jpeg", c);
  DIR *dh = opendir(dir);
  if(!dh) {
    ao_t_skip(t, "no corpus/jpeg");
    return;
  }
  ao_image_opts o;
  ao_image_opts_init(&o);
  struct dirent *de;
  unsigned files = 0;
  while((de = readdir(dh))) {
    size_t nl = strlen(de->d_name);
    if(nl < 5 || strcmp(de->d_name + nl - 4, ".jpg"))
      continue;
    char path[8192];
    snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
    size_t len, n;
    unsigned char *src = ao_t_read(path, &len);
    if(!CHECK(src))
      continue;
    free(oracle_optimize(t, AO_KIND_JPEG, src, len, &o, &n, de->d_name));
    free(src);
    files++;
  }
  closedir(dh);
  CHECK(files > 0);
}
