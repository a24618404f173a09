/* Unit tests: atomic writes replace regular files, and write into what is
 * no regular file (a FIFO here, /dev/null in use) without replacing it. */
#include "../harness.h"

#include <assetopt/fs.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int entries(const char *dir)
{
  DIR *d = opendir(dir);
  int n = 0;
  if(!d)
    return -1;
  struct dirent *e;
  while((e = readdir(d)))
    n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
  closedir(d);
  return n;
}

AO_TEST(fs_write_atomic_replaces_a_file)
{
  char dir[] = "/tmp/ao-fs-XXXXXX", path[64];
  REQUIRE(mkdtemp(dir));
  snprintf(path, sizeof(path), "%s/out.txt", dir);
  CHECK_INT(ao_fs_write_atomic(path, "first", 5), AO_OK);
  CHECK_INT(ao_fs_write_atomic(path, "two", 3), AO_OK);
  ao_buf b = AO_BUF_INIT(0);
  CHECK_INT(ao_fs_read(path, 0, &b, NULL), AO_OK);
  CHECK_MEM(b.data, b.len, "two", 3);
  CHECK_INT(entries(dir), 1);   /* no temporary file left */
  ao_buf_free(&b);
  unlink(path);
  rmdir(dir);
}

AO_TEST(fs_write_atomic_writes_into_a_fifo)
{
  char dir[] = "/tmp/ao-fs-XXXXXX", path[64];
  REQUIRE(mkdtemp(dir));
  snprintf(path, sizeof(path), "%s/pipe", dir);
  REQUIRE(mkfifo(path, 0600) == 0);
  int r = open(path, O_RDONLY | O_NONBLOCK);   /* a reader, so the write
                                                  does not wait */
  REQUIRE(r >= 0);
  CHECK_INT(ao_fs_write_atomic(path, "hello", 5), AO_OK);
  char got[16] = { 0 };
  CHECK_INT(read(r, got, sizeof(got)), 5);
  CHECK_STR(got, "hello");
  close(r);
  struct stat st;
  REQUIRE(stat(path, &st) == 0);
  CHECK(S_ISFIFO(st.st_mode));   /* still the FIFO, not a file */
  CHECK_INT(entries(dir), 1);
  unlink(path);
  rmdir(dir);
}
