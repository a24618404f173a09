/* assetopt unit test harness.
 *
 *   AO_TEST(buf_grows) { ao_buf b = AO_BUF_INIT(0); CHECK(!ao_buf_puts(&b, "x")); }
 *
 * Tests register themselves (a constructor per test), run sorted by name,
 * each in its own process under a time limit. `unit [FILTER]` runs the names
 * containing FILTER. The last line reads "N passed, N failed". */
#ifndef AO_TEST_HARNESS_H
#define AO_TEST_HARNESS_H

#include <stddef.h>
#include <string.h>

struct ao_t;
typedef void (*ao_test_fn)(struct ao_t *t);

void ao_t_register(const char *name, ao_test_fn fn);
int ao_t_check(struct ao_t *t, int ok, const char *expr, const char *file,
               int line);
int ao_t_check_str(struct ao_t *t, const char *got, const char *want,
                   const char *expr, const char *file, int line);
int ao_t_check_mem(struct ao_t *t, const void *got, size_t got_len,
                   const void *want, size_t want_len, const char *expr,
                   const char *file, int line);
int ao_t_check_int(struct ao_t *t, long long got, long long want,
                   const char *expr, const char *file, int line);
/* Path of a file under testdata/ (a static buffer per call site is not
 * needed: the result lives until the next call). */
const char *ao_t_data(const char *rel);
/* The shared corpus folder, or NULL when it is absent (tests skip then). */
const char *ao_t_corpus(void);
void ao_t_skip(struct ao_t *t, const char *why);
/* Reads a whole file (with AO_PAD zero bytes after it); NULL on error. */
unsigned char *ao_t_read(const char *path, size_t *len);

#define AO_TEST(n)                                                  \
  static void test_##n(struct ao_t *t);                             \
  __attribute__((constructor)) static void ao_reg_##n(void)         \
  {                                                                 \
    ao_t_register(#n, test_##n);                                    \
  }                                                                 \
  static void test_##n(struct ao_t *t)

#define CHECK(c) ao_t_check(t, !!(c), #c, __FILE__, __LINE__)
#define CHECK_STR(got, want) \
  ao_t_check_str(t, (got), (want), #got " == " #want, __FILE__, __LINE__)
#define CHECK_MEM(got, glen, want, wlen)                                  \
  ao_t_check_mem(t, (got), (glen), (want), (wlen), #got " == " #want,    \
                 __FILE__, __LINE__)
#define CHECK_INT(got, want)                                              \
  ao_t_check_int(t, (long long)(got), (long long)(want), #got " == " #want, \
                 __FILE__, __LINE__)
/* Stop the current test when a check failed. */
#define REQUIRE(c) do { if(!CHECK(c)) return; } while(0)

#endif
