/* assetopt core: status codes, growable buffers, diagnostics, arenas.
 * Every other module builds on these types. */
#ifndef ASSETOPT_CORE_H
#define ASSETOPT_CORE_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#if defined(__GNUC__) || defined(__clang__)
#define AO_API __attribute__((visibility("default")))
#define AO_NODISCARD __attribute__((warn_unused_result))
#define AO_PRINTF(f, a) __attribute__((format(printf, f, a)))
/* for a few hot paths: inline always; keep out of line */
#define AO_HOT_INLINE inline __attribute__((always_inline))
#define AO_NOINLINE __attribute__((noinline))
#define AO_FLATTEN __attribute__((flatten))
#else
#define AO_API
#define AO_NODISCARD
#define AO_PRINTF(f, a)
#define AO_HOT_INLINE inline
#define AO_NOINLINE
#define AO_FLATTEN
/* ---- sizes ----------------------------------------------------------------- */

/* Parses a size as users write it: "500 KB", "500kb", "1.5 MiB", "2048",
 * "12 B". KB/kB/K = 1000, KiB = 1024, MB = 10^6, MiB = 2^20, GB, GiB; unit
 * letters are case-insensitive except that "Ki"/"Mi"/"Gi" mark binary units
 * whatever their case. A bare number is bytes. Returns 0, or -1 with *why set
 * to a static explanation. */
AO_API int ao_size_parse(const char *s, uint64_t *bytes, const char **why);

#endif

#define AO_VERSION "0.1.0"

/* Inputs handed to parsers carry AO_PAD zero bytes after their length, so a
 * tokenizer may peek a few bytes ahead without bounds checks. */
#define AO_PAD 4

/* One list makes the enum and ao_status_str(). Numbers are append-only. */
#define AO_STATUS_LIST(X)                                   \
  X(OK, 0, "success")                                       \
  X(NOMEM, 1, "out of memory")                              \
  X(IO, 2, "cannot read or write a file")                   \
  X(SYNTAX, 3, "input is not well-formed")                  \
  X(LIMIT, 4, "input exceeds a configured limit")           \
  X(CONFIG, 5, "invalid configuration")                     \
  X(NET, 6, "network transfer failed")                      \
  X(USAGE, 7, "invalid usage")                              \
  X(UNSUPPORTED, 8, "input kind not supported")             \
  X(BUDGET, 9, "a size budget was exceeded")                \
  X(INCOMPLETE, 10, "the operation did not complete")

typedef enum ao_status {
#define AO_X_ENUM(name, num, msg) AO_##name = num,
  AO_STATUS_LIST(AO_X_ENUM)
#undef AO_X_ENUM
} ao_status;

AO_API const char *ao_status_str(ao_status s);

/* ---- growable byte buffer ------------------------------------------------
 * data is NUL-terminated once anything was appended. err is sticky: after the
 * first failure (allocation, limit) later appends do nothing, so a writer may
 * emit many pieces and check err once. limit = 0 means no cap. */
typedef struct ao_buf {
  unsigned char *data;
  size_t len, cap, limit;
  ao_status err;
} ao_buf;

#define AO_BUF_INIT(lim) { NULL, 0, 0, (lim), AO_OK }

AO_API void ao_buf_init(ao_buf *b, size_t limit);
AO_API ao_status ao_buf_reserve(ao_buf *b, size_t extra);
AO_API ao_status ao_buf_append(ao_buf *b, const void *p, size_t n);
AO_API ao_status ao_buf_putc(ao_buf *b, int c);
AO_API ao_status ao_buf_puts(ao_buf *b, const char *s);
AO_API ao_status ao_buf_printf(ao_buf *b, const char *fmt, ...) AO_PRINTF(2, 3);
AO_API ao_status ao_buf_vprintf(ao_buf *b, const char *fmt, va_list ap) AO_PRINTF(2, 0);
/* Keep the allocation, forget the contents (err is cleared too). */
AO_API void ao_buf_reset(ao_buf *b);
AO_API void ao_buf_free(ao_buf *b);
/* Hand the bytes to the caller (who frees them); the buffer is left empty. */
AO_API AO_NODISCARD unsigned char *ao_buf_detach(ao_buf *b, size_t *len);

/* ---- diagnostics ----------------------------------------------------------
 * A sink of messages about one input. Offsets are byte offsets into src; line
 * and column (1-based, column in code points) are computed when a message is
 * added. path may be NULL. Messages are printed by the CLI, never here. */
typedef enum ao_severity { AO_NOTE, AO_WARNING, AO_ERROR } ao_severity;

typedef struct ao_diag {
  ao_severity sev;
  size_t off;
  unsigned line, col; /* 0 when there is no source position */
  char *msg;
  char *path;         /* owned; NULL: the sink's path */
} ao_diag;

typedef struct ao_diags {
  const char *path;          /* borrowed */
  const unsigned char *src;  /* borrowed; may be NULL */
  size_t src_len;
  ao_diag *items;
  size_t n, cap;
  unsigned errors, warnings;
} ao_diags;

AO_API void ao_diags_init(ao_diags *d, const char *path,
                          const unsigned char *src, size_t len);
/* Adds a message at byte offset off (SIZE_MAX: no position). Never fails
 * visibly: on allocation failure the message is dropped but counted. */
AO_API void ao_diag_add(ao_diags *d, ao_severity sev, size_t off,
                        const char *fmt, ...) AO_PRINTF(4, 5);
AO_API void ao_diag_vadd(ao_diags *d, ao_severity sev, size_t off,
                         const char *fmt, va_list ap) AO_PRINTF(4, 0);
/* Like ao_diag_add, without a position, about another file than d's. */
AO_API void ao_diag_add_path(ao_diags *d, const char *path, ao_severity sev,
                             const char *fmt, ...) AO_PRINTF(4, 5);
/* Appends every message of src to dst; messages keep src's path. */
AO_API void ao_diags_move(ao_diags *dst, ao_diags *src);
AO_API void ao_diags_free(ao_diags *d);
/* "path:line:col: warning: message\n" for each message. */
AO_API void ao_diags_format(const ao_diags *d, ao_buf *out);
/* line:col (1-based) of byte offset off in src; col counts code points. */
AO_API void ao_line_col(const unsigned char *src, size_t len, size_t off,
                        unsigned *line, unsigned *col);

/* ---- arena ------------------------------------------------------------------
 * Chained blocks freed together. One arena per transformed file. */
typedef struct ao_arena {
  struct ao_arena_blk *head;
  size_t blk_size;
} ao_arena;

AO_API void ao_arena_init(ao_arena *a, size_t blk_size);
AO_API void *ao_arena_alloc(ao_arena *a, size_t n);
AO_API char *ao_arena_strndup(ao_arena *a, const char *s, size_t n);
AO_API void ao_arena_free(ao_arena *a);

/* ---- allocation hook (fault injection in tests) ----------------------------
 * All library allocations go through ao_malloc/ao_realloc/ao_free. A test may
 * make the Nth allocation from now fail; 0 disables. */
AO_API void *ao_malloc(size_t n);
AO_API void *ao_realloc(void *p, size_t n);
AO_API void ao_free(void *p);
AO_API void ao_alloc_fail_after(long n);

/* ---- sizes ----------------------------------------------------------------- */

/* Parses a size as users write it: "500 KB", "500kb", "1.5 MiB", "2048",
 * "12 B". KB/kB/K = 1000, KiB = 1024, MB = 10^6, MiB = 2^20, GB, GiB; unit
 * letters are case-insensitive except that "Ki"/"Mi"/"Gi" mark binary units
 * whatever their case. A bare number is bytes. Returns 0, or -1 with *why set
 * to a static explanation. */
AO_API int ao_size_parse(const char *s, uint64_t *bytes, const char **why);

#endif
